/* engine/wire: canonical decoding, per-type field rules, signed envelopes.
 * Bad inputs are hand-built protobuf bytes (a tiny writer below) or canonical
 * encodings of messages that break one field rule; each must be refused with
 * exactly one status and a message naming the field. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "wire/wire_internal.h"
#include "wtovote/util.h"
#include "wtovote/wire.h"

/* ------------------------------------------------------------ a protobuf writer */

typedef struct pb {
    uint8_t d[65536];
    size_t n;
} pb;

static void pb_raw(pb *b, const void *p, size_t n)
{
    assert_true(b->n + n <= sizeof b->d);
    memcpy(b->d + b->n, p, n);
    b->n += n;
}

static void pb_varint(pb *b, uint64_t v)
{
    while (v >= 0x80) {
        uint8_t c = (uint8_t)(v | 0x80);
        pb_raw(b, &c, 1);
        v >>= 7;
    }
    uint8_t c = (uint8_t)v;
    pb_raw(b, &c, 1);
}

static void pb_tag(pb *b, unsigned field, unsigned wire_type)
{
    pb_varint(b, ((uint64_t)field << 3) | wire_type);
}

static void pb_uint(pb *b, unsigned field, uint64_t v)
{
    pb_tag(b, field, 0);
    pb_varint(b, v);
}

static void pb_bytes(pb *b, unsigned field, const void *p, size_t n)
{
    pb_tag(b, field, 2);
    pb_varint(b, n);
    pb_raw(b, p, n);
}

static void pb_str(pb *b, unsigned field, const char *s)
{
    pb_bytes(b, field, s, strlen(s));
}

static void pb_msg(pb *b, unsigned field, const pb *sub)
{
    pb_bytes(b, field, sub->d, sub->n);
}

/* ------------------------------------------------------------ helpers */

#define T_MEETING "GC-2026-11-27"
#define T_TIME 1795000000

typedef wv_status (*decoder)(const uint8_t *, size_t, void **, wv_error *);

static wv_status dec_act(const uint8_t *b, size_t n, void **o, wv_error *e)
{
    wv_act *m = NULL;
    wv_status st = wv_act_decode(b, n, &m, e);
    *o = m;
    return st;
}
static wv_status dec_chair(const uint8_t *b, size_t n, void **o, wv_error *e)
{
    wv_chair_event *m = NULL;
    wv_status st = wv_chair_event_decode(b, n, &m, e);
    *o = m;
    return st;
}
static wv_status dec_roster(const uint8_t *b, size_t n, void **o, wv_error *e)
{
    wv_roster_msg *m = NULL;
    wv_status st = wv_roster_msg_decode(b, n, &m, e);
    *o = m;
    return st;
}
static wv_status dec_receipt(const uint8_t *b, size_t n, void **o, wv_error *e)
{
    wv_receipt_msg *m = NULL;
    wv_status st = wv_receipt_msg_decode(b, n, &m, e);
    *o = m;
    return st;
}
static wv_status dec_env(const uint8_t *b, size_t n, void **o, wv_error *e)
{
    wv_envelope *m = NULL;
    wv_status st = wv_envelope_decode(b, n, &m, e);
    *o = m;
    return st;
}

/* Decodes and checks the status, and that the message names `needle`. */
static void expect(decoder dec, const uint8_t *buf, size_t len, wv_status want,
                   const char *needle)
{
    wv_error err;
    void *msg = (void *)1;
    wv_error_clear(&err);
    wv_status st = dec(buf, len, &msg, &err);
    if (st != want)
        fail_msg("got %s (%s), wanted %s", wv_status_name(st), err.message,
                 wv_status_name(want));
    if (want == WV_OK) {
        assert_non_null(msg);
        wv_message_free(msg);
        return;
    }
    assert_null(msg);
    assert_int_equal(err.code, want);
    if (needle != NULL && strstr(err.message, needle) == NULL)
        fail_msg("message '%s' does not name '%s'", err.message, needle);
}

/* Encodes a message with protobuf-c (canonical by construction). */
static void encode(const ProtobufCMessage *m, pb *out)
{
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(wv_message_encode(m, &bytes, &len, NULL), WV_OK);
    out->n = 0;
    pb_raw(out, bytes, len);
    free(bytes);
}

static void expect_msg(decoder dec, const ProtobufCMessage *m, wv_status want,
                       const char *needle)
{
    pb b = {.n = 0};
    encode(m, &b);
    expect(dec, b.d, b.n, want, needle);
}

/* ------------------------------------------------------------ fixtures */

/* Meeting identity (SPEC.md): any 32 bytes decode as a meeting_ref (the
 * state machine compares them); an opening's nonce is 16 bytes. */
static uint8_t t_ref[WV_MEETING_REF_BYTES] = {0x5a, 0x5a};
static uint8_t t_nonce[WV_MEETING_NONCE_BYTES] = {0x4e};

static void act_init(wv_act *a)
{
    wv_act init = WTOVOTE__V1__ACT__INIT;
    *a = init;
    a->version = 1;
    a->meeting_id = T_MEETING;
    a->member = "SWE";
    a->kind = WTOVOTE__V1__ACT_KIND__ACT_VOTE;
    a->item = 3;
    a->choice = WTOVOTE__V1__CHOICE__CHOICE_YES;
    a->time = T_TIME;
    a->meeting_ref = (ProtobufCBinaryData){sizeof t_ref, t_ref};
}

/* The canonical bytes of act_init's act, written out field by field. */
static void act_bytes(pb *b)
{
    b->n = 0;
    pb_uint(b, 1, 1);
    pb_str(b, 2, T_MEETING);
    pb_str(b, 3, "SWE");
    pb_uint(b, 4, 5);
    pb_uint(b, 5, 3);
    pb_uint(b, 6, 1);
    pb_uint(b, 8, T_TIME);
    pb_bytes(b, 10, t_ref, sizeof t_ref);
}

typedef struct chair_fx {
    wv_chair_event ev;
    Wtovote__V1__Meeting meeting;
    Wtovote__V1__Motion motion;
    Wtovote__V1__Waiver waiver;
    Wtovote__V1__Decision decision;
    char *parties[3];
    uint8_t fingerprint[32];
} chair_fx;

static void chair_init(chair_fx *f, Wtovote__V1__ChairKind kind)
{
    wv_chair_event ev = WTOVOTE__V1__CHAIR_EVENT__INIT;
    Wtovote__V1__Meeting mt = WTOVOTE__V1__MEETING__INIT;
    Wtovote__V1__Motion mo = WTOVOTE__V1__MOTION__INIT;
    Wtovote__V1__Waiver w = WTOVOTE__V1__WAIVER__INIT;
    Wtovote__V1__Decision d = WTOVOTE__V1__DECISION__INIT;
    f->ev = ev, f->meeting = mt, f->motion = mo, f->waiver = w, f->decision = d;
    memset(f->fingerprint, 0xAB, sizeof f->fingerprint);
    f->ev.version = 1;
    f->ev.meeting_id = T_MEETING;
    f->ev.kind = kind;
    f->ev.time = T_TIME;
    f->ev.item = 3;
    f->meeting.id = T_MEETING;
    f->meeting.body = "general-council";
    f->meeting.title = "General Council";
    f->meeting.roster_fingerprint.data = f->fingerprint;
    f->meeting.roster_fingerprint.len = 32;
    f->meeting.nonce = (ProtobufCBinaryData){sizeof t_nonce, t_nonce};
    if (kind != WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN)
        f->ev.meeting_ref = (ProtobufCBinaryData){sizeof t_ref, t_ref};
    /* Article IX:4 waiver: circumstances, terms, termination date. */
    f->waiver.exceptional_circumstances = "pandemic";
    f->waiver.terms_and_conditions = "as in the annex";
    f->waiver.termination_date = "2030-12-31";
    f->parties[0] = "CAN", f->parties[1] = "JPN", f->parties[2] = "NOR";
    f->motion.item = 3;
    f->motion.title = "Waiver for X";
    f->motion.procedure = "waiver";
    f->motion.consensus_period_days = 90;
    f->motion.waiver = &f->waiver;
    f->motion.n_parties = 3;
    f->motion.parties = f->parties;
    f->motion.proponent = "USA";
    f->decision.item = 3;
    f->decision.procedure = "waiver";
    f->decision.outcome = WTOVOTE__V1__OUTCOME__OUTCOME_ADOPTED;
    f->decision.stage = WTOVOTE__V1__STAGE__STAGE_CONSENSUS;
    if (kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN) {
        f->ev.item = 0;
        f->ev.meeting = &f->meeting;
    }
    if (kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_CLOSE)
        f->ev.item = 0;
    if (kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE ||
        kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE)
        f->ev.motion = &f->motion;
    if (kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE)
        f->ev.decision = &f->decision;
}

typedef struct roster_fx {
    wv_roster_msg r;
    Wtovote__V1__Member m[3];
    Wtovote__V1__Member *mp[3];
    Wtovote__V1__MemberKey k[2];
    Wtovote__V1__MemberKey *kp[2];
    uint8_t kid[2][8], pk[2][32], sec_kid[8], sec_pk[32];
} roster_fx;

static void roster_init(roster_fx *f)
{
    wv_roster_msg r = WTOVOTE__V1__ROSTER__INIT;
    static const char *codes[3] = {"EU", "SWE", "USA"};
    static const char *names[3] = {"European Union", "Sweden", "United States"};
    f->r = r;
    for (int i = 0; i < 3; i++) {
        Wtovote__V1__Member m = WTOVOTE__V1__MEMBER__INIT;
        f->m[i] = m;
        f->m[i].code = (char *)codes[i];
        f->m[i].name = (char *)names[i];
        f->m[i].joined = "1995-01-01";
        f->mp[i] = &f->m[i];
    }
    f->m[1].eu_member_state = 1;
    for (int i = 0; i < 2; i++) {
        Wtovote__V1__MemberKey k = WTOVOTE__V1__MEMBER_KEY__INIT;
        f->k[i] = k;
        memset(f->kid[i], 0x10 + i, 8);
        memset(f->pk[i], 0x20 + i, 32);
        f->k[i].member = (char *)codes[i + 1];
        f->k[i].key_id.data = f->kid[i];
        f->k[i].key_id.len = 8;
        f->k[i].public_key.data = f->pk[i];
        f->k[i].public_key.len = 32;
        f->kp[i] = &f->k[i];
    }
    f->k[1].valid_from = 1700000000;
    f->k[1].valid_until = 1900000000;
    memset(f->sec_kid, 0x30, 8);
    memset(f->sec_pk, 0x31, 32);
    f->r.version = 1;
    f->r.as_of = "2024-08-30";
    f->r.n_members = 3;
    f->r.members = f->mp;
    f->r.n_keys = 2;
    f->r.keys = f->kp;
    f->r.secretariat_key_id.data = f->sec_kid;
    f->r.secretariat_key_id.len = 8;
    f->r.secretariat_public_key.data = f->sec_pk;
    f->r.secretariat_public_key.len = 32;
}

typedef struct receipt_fx {
    wv_receipt_msg r;
    uint8_t leaf[32], h[2][32];
    ProtobufCBinaryData proof[2];
} receipt_fx;

static void receipt_init(receipt_fx *f)
{
    wv_receipt_msg r = WTOVOTE__V1__RECEIPT__INIT;
    f->r = r;
    memset(f->leaf, 1, 32);
    memset(f->h, 2, sizeof f->h);
    for (int i = 0; i < 2; i++)
        f->proof[i].data = f->h[i], f->proof[i].len = 32;
    f->r.version = 1;
    f->r.leaf_index = 1;
    f->r.leaf_hash.data = f->leaf;
    f->r.leaf_hash.len = 32;
    f->r.tree_size = 3;
    f->r.n_inclusion_proof = 2;
    f->r.inclusion_proof = f->proof;
    f->r.checkpoint = "wtovote.example/log\n3\nAAAA\n";
    f->r.meeting_id = T_MEETING;
    f->r.member = "SWE";
}

static wv_secret_key *seed_key(uint8_t fill)
{
    uint8_t seed[32];
    wv_secret_key *sk = NULL;
    memset(seed, fill, sizeof seed);
    assert_int_equal(wv_secret_key_from_seed(seed, &sk, NULL), WV_OK);
    return sk;
}

/* ------------------------------------------------------------ round trips */

static void test_act_round_trip(void **state)
{
    (void)state;
    wv_act a;
    pb want, got = {.n = 0};
    act_init(&a);
    act_bytes(&want);
    encode(&a.base, &got);
    /* protobuf-c writes exactly the canonical form the spec describes. */
    assert_int_equal(got.n, want.n);
    assert_memory_equal(got.d, want.d, want.n);
    wv_act *back = NULL;
    assert_int_equal(wv_act_decode(want.d, want.n, &back, NULL), WV_OK);
    assert_string_equal(back->meeting_id, T_MEETING);
    assert_string_equal(back->member, "SWE");
    assert_int_equal(back->kind, WTOVOTE__V1__ACT_KIND__ACT_VOTE);
    assert_int_equal(back->item, 3);
    assert_int_equal(back->choice, WTOVOTE__V1__CHOICE__CHOICE_YES);
    assert_int_equal(back->time, T_TIME);
    wv_message_free(back);
}

static void test_chair_round_trip(void **state)
{
    (void)state;
    static const Wtovote__V1__ChairKind kinds[] = {
        WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN,  WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE,
        WTOVOTE__V1__CHAIR_KIND__CHAIR_CONSENSUS_CALL, WTOVOTE__V1__CHAIR_KIND__CHAIR_VOTE_OPEN,
        WTOVOTE__V1__CHAIR_KIND__CHAIR_VOTE_CLOSE,    WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE,
        WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_CLOSE, WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        chair_fx f;
        chair_init(&f, kinds[i]);
        pb b = {.n = 0};
        encode(&f.ev.base, &b);
        wv_chair_event *back = NULL;
        wv_error err;
        wv_status st = wv_chair_event_decode(b.d, b.n, &back, &err);
        if (st != WV_OK)
            fail_msg("kind %d: %s", (int)kinds[i], err.message);
        assert_int_equal(back->kind, kinds[i]);
        if (back->motion != NULL) {
            assert_int_equal(back->motion->n_parties, 3);
            assert_string_equal(back->motion->parties[2], "NOR");
            assert_string_equal(back->motion->waiver->termination_date, "2030-12-31");
        }
        if (back->meeting != NULL)
            assert_memory_equal(back->meeting->roster_fingerprint.data, f.fingerprint, 32);
        wv_message_free(back);
    }
}

static void test_roster_receipt_round_trip(void **state)
{
    (void)state;
    roster_fx rf;
    receipt_fx cf;
    roster_init(&rf);
    receipt_init(&cf);
    pb b = {.n = 0};
    encode(&rf.r.base, &b);
    wv_roster_msg *r = NULL;
    assert_int_equal(wv_roster_msg_decode(b.d, b.n, &r, NULL), WV_OK);
    assert_int_equal(r->n_members, 3);
    assert_string_equal(r->members[1]->code, "SWE");
    assert_true(r->members[1]->eu_member_state);
    assert_int_equal(r->n_keys, 2);
    assert_int_equal(r->keys[1]->valid_until, 1900000000);
    wv_message_free(r);
    encode(&cf.r.base, &b);
    wv_receipt_msg *c = NULL;
    assert_int_equal(wv_receipt_msg_decode(b.d, b.n, &c, NULL), WV_OK);
    assert_int_equal(c->n_inclusion_proof, 2);
    assert_int_equal(c->tree_size, 3);
    wv_message_free(c);
    /* An unsigned roster draft needs no key id nor signature. */
    rf.r.secretariat_key_id.len = 0;
    rf.r.secretariat_public_key.len = 0;
    expect_msg(dec_roster, &rf.r.base, WV_OK, NULL);
}

/* ------------------------------------------------------------ generic decoding */

static void test_too_large_and_malformed(void **state)
{
    (void)state;
    size_t big = WV_MAX_ENVELOPE_BYTES + 1;
    uint8_t *buf = calloc(1, big);
    assert_non_null(buf);
    expect(dec_env, buf, big, WV_ERR_TOO_LARGE, "limit");
    free(buf);
    static const uint8_t truncated[] = {0x12, 0x05, 'G', 'C'};
    expect(dec_act, truncated, sizeof truncated, WV_ERR_DECODE, "Act");
    static const uint8_t bad_wire_type[] = {0x0F};
    expect(dec_act, bad_wire_type, sizeof bad_wire_type, WV_ERR_DECODE, NULL);
    /* A string field sent with the varint wire type. */
    static const uint8_t wrong_type[] = {0x10, 0x01};
    expect(dec_act, wrong_type, sizeof wrong_type, WV_ERR_DECODE, NULL);
    /* A varint field sent length-delimited; a group (wire type 3). */
    static const uint8_t as_bytes[] = {0x0A, 0x01, 0x01};
    expect(dec_act, as_bytes, sizeof as_bytes, WV_ERR_DECODE, NULL);
    static const uint8_t group[] = {0x08, 0x01, 0x9B, 0x06, 0x9C, 0x06};
    expect(dec_act, group, sizeof group, WV_ERR_DECODE, NULL);
    /* Unknown fields of the fixed-width wire types are still unknown fields. */
    static const uint8_t fixed64[] = {0x08, 0x01, 0xF9, 0x06, 1, 2, 3, 4, 5, 6, 7, 8};
    expect(dec_act, fixed64, sizeof fixed64, WV_ERR_UNKNOWN_FIELD, "wire type 1");
}

static void test_unknown_top_level(void **state)
{
    (void)state;
    pb b;
    act_bytes(&b);
    pb_uint(&b, 99, 1);
    expect(dec_act, b.d, b.n, WV_ERR_UNKNOWN_FIELD, "unknown field number 99");
    expect(dec_act, b.d, b.n, WV_ERR_UNKNOWN_FIELD, "message Act");
    /* An unknown length-delimited field in the middle, in number order. */
    act_bytes(&b);
    b.n = 0;
    pb_uint(&b, 1, 1);
    pb_str(&b, 2, T_MEETING);
    pb_str(&b, 3, "SWE");
    pb_uint(&b, 4, 5);
    pb_uint(&b, 5, 3);
    pb_uint(&b, 6, 1);
    pb_uint(&b, 8, T_TIME);
    pb_bytes(&b, 10, t_ref, sizeof t_ref);
    pb_str(&b, 12, "extra");
    expect(dec_act, b.d, b.n, WV_ERR_UNKNOWN_FIELD, "12");
}

static void test_unknown_in_member(void **state)
{
    (void)state;
    pb m = {.n = 0}, r = {.n = 0};
    pb_str(&m, 1, "SWE");
    pb_str(&m, 2, "Sweden");
    pb_uint(&m, 9, 1);
    pb_uint(&r, 1, 1);
    pb_msg(&r, 3, &m);
    expect(dec_roster, r.d, r.n, WV_ERR_UNKNOWN_FIELD, "Roster.members[0]");
    expect(dec_roster, r.d, r.n, WV_ERR_UNKNOWN_FIELD, "number 9");
    expect(dec_roster, r.d, r.n, WV_ERR_UNKNOWN_FIELD, "message Member");
}

/* A MOTION_TABLE event with an unknown field in the Motion (depth 2) or in
 * its Waiver (depth 3). */
static void chair_with_motion(pb *out, int unknown_in_motion, int unknown_in_waiver)
{
    pb w = {.n = 0}, mo = {.n = 0};
    out->n = 0;
    pb_str(&w, 3, "2030-12-31");
    if (unknown_in_waiver)
        pb_uint(&w, 7, 1);
    pb_uint(&mo, 1, 3);
    pb_str(&mo, 3, "waiver");
    pb_msg(&mo, 5, &w);
    if (unknown_in_motion)
        pb_str(&mo, 15, "x");
    pb_uint(out, 1, 1);
    pb_str(out, 2, T_MEETING);
    pb_uint(out, 3, 2);
    pb_uint(out, 4, T_TIME);
    pb_uint(out, 5, 3);
    pb_msg(out, 7, &mo);
    pb_bytes(out, 10, t_ref, sizeof t_ref);
}

static void test_unknown_in_motion_and_waiver(void **state)
{
    (void)state;
    pb b;
    chair_with_motion(&b, 0, 0);
    expect(dec_chair, b.d, b.n, WV_OK, NULL);
    chair_with_motion(&b, 1, 0);
    expect(dec_chair, b.d, b.n, WV_ERR_UNKNOWN_FIELD, "ChairEvent.motion: unknown field number 15");
    chair_with_motion(&b, 0, 1);
    expect(dec_chair, b.d, b.n, WV_ERR_UNKNOWN_FIELD,
           "ChairEvent.motion.waiver: unknown field number 7 (wire type 0) in message Waiver");
}

static void test_noncanonical(void **state)
{
    (void)state;
    pb b;
    /* An ATTEND act (item 0) with item = 0 written out explicitly. */
    b.n = 0;
    pb_uint(&b, 1, 1);
    pb_str(&b, 2, T_MEETING);
    pb_str(&b, 3, "SWE");
    pb_uint(&b, 4, 1);
    pb_uint(&b, 8, T_TIME);
    pb_bytes(&b, 10, t_ref, sizeof t_ref);
    expect(dec_act, b.d, b.n, WV_OK, NULL);
    b.n = 0;
    pb_uint(&b, 1, 1);
    pb_str(&b, 2, T_MEETING);
    pb_str(&b, 3, "SWE");
    pb_uint(&b, 4, 1);
    pb_uint(&b, 5, 0);
    pb_uint(&b, 8, T_TIME);
    expect(dec_act, b.d, b.n, WV_ERR_NONCANONICAL, "re-encode");
    /* Fields out of number order: member before meeting_id. */
    b.n = 0;
    pb_uint(&b, 1, 1);
    pb_str(&b, 3, "SWE");
    pb_str(&b, 2, T_MEETING);
    pb_uint(&b, 4, 5);
    pb_uint(&b, 5, 3);
    pb_uint(&b, 6, 1);
    pb_uint(&b, 8, T_TIME);
    expect(dec_act, b.d, b.n, WV_ERR_NONCANONICAL, "Act");
    /* A scalar field sent twice (the last one wins when decoding). */
    act_bytes(&b);
    pb_uint(&b, 8, T_TIME);
    expect(dec_act, b.d, b.n, WV_ERR_NONCANONICAL, NULL);
    /* A varint with a redundant continuation byte: version = 0x81 0x00. */
    act_bytes(&b);
    b.d[1] = 0x81;
    memmove(b.d + 3, b.d + 2, b.n - 2);
    b.d[2] = 0x00;
    b.n++;
    expect(dec_act, b.d, b.n, WV_ERR_NONCANONICAL, NULL);
    /* A uint32 out of range: version = 2^32 + 1. */
    static const uint8_t wide[] = {0x08, 0x81, 0x80, 0x80, 0x80, 0x10};
    expect(dec_act, wide, sizeof wide, WV_ERR_NONCANONICAL, NULL);
    /* A bool sent as 2. */
    b.n = 0;
    pb_uint(&b, 1, 1);
    pb_str(&b, 2, T_MEETING);
    pb_str(&b, 3, "EU");
    pb_uint(&b, 4, 5);
    pb_uint(&b, 5, 3);
    pb_uint(&b, 6, 1);
    pb_uint(&b, 7, 2);
    pb_uint(&b, 8, T_TIME);
    expect(dec_act, b.d, b.n, WV_ERR_NONCANONICAL, NULL);
    /* A string with an embedded NUL cannot re-encode to itself. */
    act_bytes(&b);
    pb_bytes(&b, 9, "a\0b", 3);
    expect(dec_act, b.d, b.n, WV_ERR_NONCANONICAL, NULL);
    /* The same sub-message sent twice is merged by a decoder. */
    chair_with_motion(&b, 0, 0);
    pb mo = {.n = 0};
    pb_uint(&mo, 1, 3);
    pb_msg(&b, 7, &mo);
    expect(dec_chair, b.d, b.n, WV_ERR_NONCANONICAL, NULL);
}

/* Packed versus unpacked encodings only exist for repeated scalar fields. The
 * v1 format has none (its repeated fields are messages, strings and bytes), so
 * that ambiguity cannot arise; this test fails if one is ever added. */
static void test_no_repeated_scalars(void **state)
{
    (void)state;
    const ProtobufCMessageDescriptor *all[] = {
        &wtovote__v1__envelope__descriptor, &wtovote__v1__member__descriptor,
        &wtovote__v1__member_key__descriptor, &wtovote__v1__roster__descriptor,
        &wtovote__v1__meeting__descriptor, &wtovote__v1__waiver__descriptor,
        &wtovote__v1__motion__descriptor, &wtovote__v1__decision__descriptor,
        &wtovote__v1__chair_event__descriptor, &wtovote__v1__act__descriptor,
        &wtovote__v1__receipt__descriptor};
    int repeated = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        for (unsigned j = 0; j < all[i]->n_fields; j++) {
            const ProtobufCFieldDescriptor *f = &all[i]->fields[j];
            if (f->label != PROTOBUF_C_LABEL_REPEATED)
                continue;
            repeated++;
            assert_true(f->type == PROTOBUF_C_TYPE_MESSAGE || f->type == PROTOBUF_C_TYPE_STRING ||
                        f->type == PROTOBUF_C_TYPE_BYTES);
        }
    assert_int_equal(repeated, 4); /* members, keys, parties, inclusion_proof */
    /* A repeated string sent in a single "packed-like" record is just one
     * string, so decoding stays unambiguous: two parties in order decode. */
    pb b;
    chair_with_motion(&b, 0, 0);
    expect(dec_chair, b.d, b.n, WV_OK, NULL);
}

static void test_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int ok;
    } rows[] = {
        {"plain", 1},          {"caf\xC3\xA9", 1},    {"\xE2\x82\xAC", 1},
        {"\xF0\x9D\x84\x9E", 1}, {"\xC0\x80", 0},     {"\xE0\x80\xAF", 0},
        {"\xED\xA0\x80", 0},   {"\xF4\x90\x80\x80", 0}, {"\xE2\x82", 0},
        {"\x80", 0},           {"\xFF", 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_int_equal(wv_utf8_valid((const uint8_t *)rows[i].s, strlen(rows[i].s)),
                         rows[i].ok);
    /* Any string field, at any depth: the Waiver's terms here. */
    chair_fx f;
    chair_init(&f, WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE);
    f.waiver.terms_and_conditions = "bad \xC3(";
    expect_msg(dec_chair, &f.ev.base, WV_ERR_BAD_VALUE,
               "ChairEvent.motion.waiver.terms_and_conditions: string is not valid UTF-8");
    wv_act a;
    act_init(&a);
    a.kind = WTOVOTE__V1__ACT_KIND__ACT_STATEMENT;
    a.choice = 0;
    a.statement = "\xFF";
    expect_msg(dec_act, &a.base, WV_ERR_BAD_VALUE, "Act.statement");
}

/* ------------------------------------------------------------ Act rules */

typedef struct act_row {
    const char *name;
    void (*mutate)(wv_act *);
    wv_status want;
    const char *needle;
} act_row;

static char long_statement[WV_MAX_STRING_BYTES + 2];
static char long_id[WV_MAX_ID_BYTES + 2];
static uint8_t long_ref[WV_MEETING_REF_BYTES + 1];

#define MUT(T, name, body)                                                                 \
    static void name(T *x)                                                                 \
    {                                                                                      \
        body;                                                                              \
    }

MUT(wv_act, a_version, x->version = 2)
MUT(wv_act, a_id_empty, x->meeting_id = "")
MUT(wv_act, a_id_long, x->meeting_id = long_id)
MUT(wv_act, a_id_space, x->meeting_id = "GC 2026")
MUT(wv_act, a_member_empty, x->member = "")
MUT(wv_act, a_member_lower, x->member = "swe")
MUT(wv_act, a_member_long, x->member = "ABCDEFGHI")
MUT(wv_act, a_kind_zero, x->kind = 0)
MUT(wv_act, a_kind_nine, x->kind = 9)
MUT(wv_act, a_attend_item, (x->kind = WTOVOTE__V1__ACT_KIND__ACT_ATTEND, x->choice = 0))
MUT(wv_act, a_leave_item, (x->kind = WTOVOTE__V1__ACT_KIND__ACT_LEAVE, x->choice = 0))
MUT(wv_act, a_object_no_item, (x->kind = WTOVOTE__V1__ACT_KIND__ACT_OBJECT, x->choice = 0,
                               x->item = 0))
MUT(wv_act, a_vote_no_choice, x->choice = 0)
MUT(wv_act, a_vote_choice_four, x->choice = 4)
MUT(wv_act, a_accept_choice, x->kind = WTOVOTE__V1__ACT_KIND__ACT_ACCEPT)
MUT(wv_act, a_bloc_not_eu, x->eu_bloc = 1)
MUT(wv_act, a_bloc_not_vote, (x->member = "EU", x->eu_bloc = 1, x->choice = 0,
                              x->kind = WTOVOTE__V1__ACT_KIND__ACT_OBJECT))
MUT(wv_act, a_bloc_ok, (x->member = "EU", x->eu_bloc = 1))
MUT(wv_act, a_statement_long, x->statement = long_statement)
MUT(wv_act, a_statement_ok, (x->kind = WTOVOTE__V1__ACT_KIND__ACT_OBJECT, x->choice = 0,
                             x->statement = "objection: see WT/GC/W/1"))
MUT(wv_act, a_time_zero, x->time = 0)
MUT(wv_act, a_time_negative, x->time = -5)
MUT(wv_act, a_request_vote, (x->kind = WTOVOTE__V1__ACT_KIND__ACT_REQUEST_VOTE, x->choice = 0))
MUT(wv_act, a_ref_empty, x->meeting_ref.len = 0)
MUT(wv_act, a_ref_31, x->meeting_ref.len = 31)
MUT(wv_act, a_ref_33, (x->meeting_ref.data = long_ref, x->meeting_ref.len = 33))

static const act_row act_rows[] = {
    {"version 2", a_version, WV_ERR_VERSION, "Act.version"},
    {"empty meeting id", a_id_empty, WV_ERR_MISSING_FIELD, "Act.meeting_id"},
    {"meeting id over 64 bytes", a_id_long, WV_ERR_TOO_LARGE, "Act.meeting_id"},
    {"meeting id with a space", a_id_space, WV_ERR_BAD_VALUE, "Act.meeting_id"},
    {"empty member", a_member_empty, WV_ERR_MISSING_FIELD, "Act.member"},
    {"lower-case member", a_member_lower, WV_ERR_BAD_VALUE, "Act.member"},
    {"member of 9 letters", a_member_long, WV_ERR_BAD_VALUE, "Act.member"},
    {"kind unspecified", a_kind_zero, WV_ERR_MISSING_FIELD, "Act.kind"},
    {"kind 9", a_kind_nine, WV_ERR_BAD_VALUE, "Act.kind"},
    {"ATTEND with an item", a_attend_item, WV_ERR_BAD_VALUE, "Act.item"},
    {"LEAVE with an item", a_leave_item, WV_ERR_BAD_VALUE, "Act.item"},
    /* IX:1 fn 1: a formal objection is against a proposed decision (an item). */
    {"OBJECT without an item", a_object_no_item, WV_ERR_MISSING_FIELD, "Act.item"},
    {"VOTE without a choice", a_vote_no_choice, WV_ERR_MISSING_FIELD, "Act.choice"},
    {"VOTE with choice 4", a_vote_choice_four, WV_ERR_BAD_VALUE, "Act.choice"},
    /* X:7 acceptance carries no choice. */
    {"ACCEPT with a choice", a_accept_choice, WV_ERR_BAD_VALUE, "Act.choice"},
    /* Marrakesh Agreement IX:1 and fn 2: only the EU casts the bloc. */
    {"bloc by SWE", a_bloc_not_eu, WV_ERR_BAD_VALUE, "Act.eu_bloc"},
    {"bloc outside a vote", a_bloc_not_vote, WV_ERR_BAD_VALUE, "Act.eu_bloc"},
    {"bloc vote by EU", a_bloc_ok, WV_OK, NULL},
    {"statement over 1024 bytes", a_statement_long, WV_ERR_TOO_LARGE, "Act.statement"},
    {"objection with a reason", a_statement_ok, WV_OK, NULL},
    {"time 0", a_time_zero, WV_ERR_MISSING_FIELD, "Act.time"},
    {"negative time", a_time_negative, WV_ERR_BAD_VALUE, "Act.time"},
    /* WT/L/93: a request for a vote names the item. */
    {"REQUEST_VOTE", a_request_vote, WV_OK, NULL},
    /* SPEC.md "Meeting identity": every act names its meeting's opening */
    {"no meeting_ref", a_ref_empty, WV_ERR_MISSING_FIELD, "Act.meeting_ref"},
    {"meeting_ref of 31 bytes", a_ref_31, WV_ERR_BAD_VALUE, "Act.meeting_ref"},
    {"meeting_ref of 33 bytes", a_ref_33, WV_ERR_BAD_VALUE, "Act.meeting_ref"},
};

static void fill_long_strings(void)
{
    memset(long_statement, 'x', WV_MAX_STRING_BYTES + 1);
    long_statement[WV_MAX_STRING_BYTES + 1] = '\0';
    memset(long_id, 'A', WV_MAX_ID_BYTES + 1);
    long_id[WV_MAX_ID_BYTES + 1] = '\0';
}

static void test_act_rules(void **state)
{
    (void)state;
    fill_long_strings();
    for (size_t i = 0; i < sizeof act_rows / sizeof act_rows[0]; i++) {
        wv_act a;
        act_init(&a);
        act_rows[i].mutate(&a);
        print_message("act: %s\n", act_rows[i].name);
        expect_msg(dec_act, &a.base, act_rows[i].want, act_rows[i].needle);
    }
}

/* ------------------------------------------------------------ ChairEvent rules */

typedef struct chair_row {
    const char *name;
    Wtovote__V1__ChairKind kind;
    void (*mutate)(chair_fx *);
    wv_status want;
    const char *needle;
} chair_row;

static char *dup_parties[] = {"CAN", "CAN"};
static char *desc_parties[] = {"JPN", "CAN"};
static char *bad_parties[] = {"CAN", "j"};
static char *many_parties[WV_MAX_PARTIES + 1];

MUT(chair_fx, c_none, (void)x)
MUT(chair_fx, c_version, x->ev.version = 0)
MUT(chair_fx, c_id_empty, x->ev.meeting_id = "")
MUT(chair_fx, c_kind_zero, x->ev.kind = 0)
MUT(chair_fx, c_kind_ten, x->ev.kind = 10)
MUT(chair_fx, c_time_zero, x->ev.time = 0)
MUT(chair_fx, c_item_zero, x->ev.item = 0)
MUT(chair_fx, c_item_on_open, x->ev.item = 1)
MUT(chair_fx, c_no_meeting, x->ev.meeting = NULL)
MUT(chair_fx, c_extra_meeting, x->ev.meeting = &x->meeting)
MUT(chair_fx, c_no_motion, x->ev.motion = NULL)
MUT(chair_fx, c_extra_motion, x->ev.motion = &x->motion)
MUT(chair_fx, c_no_decision, x->ev.decision = NULL)
MUT(chair_fx, c_extra_decision, x->ev.decision = &x->decision)
MUT(chair_fx, c_meeting_id_differs, x->meeting.id = "GC-2026-11-28")
MUT(chair_fx, c_meeting_body_empty, x->meeting.body = "")
MUT(chair_fx, c_meeting_body_long, x->meeting.body = long_id)
MUT(chair_fx, c_fingerprint_short, x->meeting.roster_fingerprint.len = 31)
MUT(chair_fx, c_fingerprint_empty, x->meeting.roster_fingerprint.len = 0)
MUT(chair_fx, c_quorum_half, (x->meeting.quorum_numerator = 1, x->meeting.quorum_denominator = 2))
MUT(chair_fx, c_quorum_one, (x->meeting.quorum_numerator = 2, x->meeting.quorum_denominator = 2))
MUT(chair_fx, c_quorum_num_only, x->meeting.quorum_numerator = 1)
MUT(chair_fx, c_motion_item, x->motion.item = 4)
MUT(chair_fx, c_procedure_empty, x->motion.procedure = "")
MUT(chair_fx, c_procedure_long, x->motion.procedure = long_id)
MUT(chair_fx, c_title_long, x->motion.title = long_statement)
MUT(chair_fx, c_parties_dup, (x->motion.parties = dup_parties, x->motion.n_parties = 2))
MUT(chair_fx, c_parties_desc, (x->motion.parties = desc_parties, x->motion.n_parties = 2))
MUT(chair_fx, c_parties_bad, (x->motion.parties = bad_parties, x->motion.n_parties = 2))
MUT(chair_fx, c_parties_many,
    (x->motion.parties = many_parties, x->motion.n_parties = WV_MAX_PARTIES + 1))
MUT(chair_fx, c_termination_bad, x->waiver.termination_date = "2030-02-30")
MUT(chair_fx, c_termination_time, x->waiver.termination_date = "2030-01-01T00:00:00Z")
MUT(chair_fx, c_termination_sign, x->waiver.termination_date = "2030-+1-01")
MUT(chair_fx, c_termination_blank, x->waiver.termination_date = "2030-01- 1")
MUT(chair_fx, c_circumstances_long, x->waiver.exceptional_circumstances = long_statement)
MUT(chair_fx, c_deadline_bad, x->motion.acceptance_deadline = "31/12/2030")
MUT(chair_fx, c_deadline_ok, x->motion.acceptance_deadline = "2030-12-31")
MUT(chair_fx, c_proponent_bad, x->motion.proponent = "U")
MUT(chair_fx, c_no_waiver, (x->motion.waiver = NULL, x->motion.n_parties = 0))
MUT(chair_fx, c_decision_item, x->decision.item = 2)
MUT(chair_fx, c_outcome_zero, x->decision.outcome = 0)
MUT(chair_fx, c_outcome_eight, x->decision.outcome = 8) /* 6, 7: IX:3(b) */
MUT(chair_fx, c_stage_zero, x->decision.stage = 0)
MUT(chair_fx, c_stage_four, x->decision.stage = 4)
MUT(chair_fx, c_decision_procedure, x->decision.procedure = "")
/* issue 14: readings 1 and 2 are retired; IX:3(b) Council reports */
MUT(chair_fx, c_reading_one, x->meeting.vote_request_reading = 1)
static uint8_t report_leaf[32];
#define REPORT(item, outcome, leaf_len)                                                    \
    {PROTOBUF_C_MESSAGE_INIT(&wtovote__v1__council_report__descriptor), "CTG-2026-10-30",   \
     "goods-council", item, WTOVOTE__V1__OUTCOME__OUTCOME_##outcome, {leaf_len, report_leaf}}
static Wtovote__V1__CouncilReport report_ok = REPORT(2, RECOMMENDED, 32);
static Wtovote__V1__CouncilReport report_short_leaf = REPORT(2, RECOMMENDED, 31);
static Wtovote__V1__CouncilReport report_adopted = REPORT(2, ADOPTED, 32);
static Wtovote__V1__CouncilReport report_no_item = REPORT(0, REPORTED, 32);
MUT(chair_fx, c_report_ok, x->motion.council_report = &report_ok)
MUT(chair_fx, c_report_short_leaf, x->motion.council_report = &report_short_leaf)
MUT(chair_fx, c_report_adopted, x->motion.council_report = &report_adopted)
MUT(chair_fx, c_report_no_item, x->motion.council_report = &report_no_item)
MUT(chair_fx, c_ref_empty, x->ev.meeting_ref.len = 0)
MUT(chair_fx, c_ref_31, x->ev.meeting_ref.len = 31)
MUT(chair_fx, c_ref_on_open, (x->ev.meeting_ref.data = t_ref, x->ev.meeting_ref.len = 32))
MUT(chair_fx, c_nonce_empty, x->meeting.nonce.len = 0)
MUT(chair_fx, c_nonce_15, x->meeting.nonce.len = 15)

#define K(k) WTOVOTE__V1__CHAIR_KIND__CHAIR_##k
static const chair_row chair_rows[] = {
    {"version 0", K(VOTE_OPEN), c_version, WV_ERR_VERSION, "ChairEvent.version"},
    /* SPEC.md "Meeting identity": every event after the opening names it;
     * the opening cannot name the hash of itself and carries a nonce */
    {"close without meeting_ref", K(MEETING_CLOSE), c_ref_empty, WV_ERR_MISSING_FIELD,
     "ChairEvent.meeting_ref"},
    {"decide without meeting_ref", K(DECIDE), c_ref_empty, WV_ERR_MISSING_FIELD,
     "ChairEvent.meeting_ref"},
    {"meeting_ref of 31 bytes", K(VOTE_OPEN), c_ref_31, WV_ERR_BAD_VALUE,
     "ChairEvent.meeting_ref"},
    {"open with a meeting_ref", K(MEETING_OPEN), c_ref_on_open, WV_ERR_BAD_VALUE,
     "ChairEvent.meeting_ref"},
    {"open without a nonce", K(MEETING_OPEN), c_nonce_empty, WV_ERR_MISSING_FIELD,
     "ChairEvent.meeting.nonce"},
    {"open with a 15-byte nonce", K(MEETING_OPEN), c_nonce_15, WV_ERR_BAD_VALUE,
     "ChairEvent.meeting.nonce"},
    {"empty meeting id", K(VOTE_OPEN), c_id_empty, WV_ERR_MISSING_FIELD, "ChairEvent.meeting_id"},
    {"kind unspecified", K(VOTE_OPEN), c_kind_zero, WV_ERR_MISSING_FIELD, "ChairEvent.kind"},
    {"kind 10", K(VOTE_OPEN), c_kind_ten, WV_ERR_BAD_VALUE, "ChairEvent.kind"},
    {"time 0", K(VOTE_OPEN), c_time_zero, WV_ERR_MISSING_FIELD, "ChairEvent.time"},
    {"consensus call without item", K(CONSENSUS_CALL), c_item_zero, WV_ERR_MISSING_FIELD,
     "ChairEvent.item"},
    {"vote close without item", K(VOTE_CLOSE), c_item_zero, WV_ERR_MISSING_FIELD, "ChairEvent.item"},
    {"meeting open with item", K(MEETING_OPEN), c_item_on_open, WV_ERR_BAD_VALUE, "ChairEvent.item"},
    {"meeting close with item", K(MEETING_CLOSE), c_item_on_open, WV_ERR_BAD_VALUE,
     "ChairEvent.item"},
    {"open without meeting", K(MEETING_OPEN), c_no_meeting, WV_ERR_MISSING_FIELD,
     "ChairEvent.meeting"},
    {"vote open with meeting", K(VOTE_OPEN), c_extra_meeting, WV_ERR_BAD_VALUE,
     "ChairEvent.meeting"},
    {"table without motion", K(MOTION_TABLE), c_no_motion, WV_ERR_MISSING_FIELD,
     "ChairEvent.motion"},
    {"revise without motion", K(MOTION_REVISE), c_no_motion, WV_ERR_MISSING_FIELD,
     "ChairEvent.motion"},
    {"decide with motion", K(DECIDE), c_extra_motion, WV_ERR_BAD_VALUE, "ChairEvent.motion"},
    {"decide without decision", K(DECIDE), c_no_decision, WV_ERR_MISSING_FIELD,
     "ChairEvent.decision"},
    {"vote close with decision", K(VOTE_CLOSE), c_extra_decision, WV_ERR_BAD_VALUE,
     "ChairEvent.decision"},
    {"meeting id differs", K(MEETING_OPEN), c_meeting_id_differs, WV_ERR_BAD_VALUE,
     "ChairEvent.meeting.id"},
    {"meeting body empty", K(MEETING_OPEN), c_meeting_body_empty, WV_ERR_MISSING_FIELD,
     "ChairEvent.meeting.body"},
    {"meeting body long", K(MEETING_OPEN), c_meeting_body_long, WV_ERR_TOO_LARGE,
     "ChairEvent.meeting.body"},
    {"fingerprint 31 bytes", K(MEETING_OPEN), c_fingerprint_short, WV_ERR_BAD_VALUE,
     "roster_fingerprint"},
    {"fingerprint empty", K(MEETING_OPEN), c_fingerprint_empty, WV_ERR_MISSING_FIELD,
     "roster_fingerprint"},
    {"quorum 1/2", K(MEETING_OPEN), c_quorum_half, WV_OK, NULL},
    {"quorum 2/2", K(MEETING_OPEN), c_quorum_one, WV_ERR_BAD_VALUE, "quorum"},
    {"quorum 1/0", K(MEETING_OPEN), c_quorum_num_only, WV_ERR_BAD_VALUE, "quorum"},
    {"motion item differs", K(MOTION_TABLE), c_motion_item, WV_ERR_BAD_VALUE,
     "ChairEvent.motion.item"},
    {"procedure empty", K(MOTION_TABLE), c_procedure_empty, WV_ERR_MISSING_FIELD,
     "ChairEvent.motion.procedure"},
    {"procedure long", K(MOTION_REVISE), c_procedure_long, WV_ERR_TOO_LARGE,
     "ChairEvent.motion.procedure"},
    {"title long", K(MOTION_TABLE), c_title_long, WV_ERR_TOO_LARGE, "ChairEvent.motion.title"},
    {"parties duplicate", K(MOTION_TABLE), c_parties_dup, WV_ERR_DUPLICATE_MEMBER,
     "ChairEvent.motion.parties[1]"},
    {"parties descending", K(MOTION_TABLE), c_parties_desc, WV_ERR_NONCANONICAL,
     "parties not sorted"},
    {"party code invalid", K(MOTION_TABLE), c_parties_bad, WV_ERR_BAD_VALUE,
     "ChairEvent.motion.parties[1]"},
    {"too many parties", K(MOTION_TABLE), c_parties_many, WV_ERR_TOO_LARGE,
     "ChairEvent.motion.parties"},
    /* Article IX:4: a waiver states the date on which it terminates. */
    {"termination 30 February", K(MOTION_TABLE), c_termination_bad, WV_ERR_BAD_VALUE,
     "termination_date"},
    {"termination with a time", K(MOTION_TABLE), c_termination_time, WV_ERR_BAD_VALUE,
     "termination_date"},
    /* SPEC "Messages": a date is exactly YYYY-MM-DD, digits only. */
    {"termination month with a sign", K(MOTION_TABLE), c_termination_sign, WV_ERR_BAD_VALUE,
     "termination_date"},
    {"termination day with a blank", K(MOTION_TABLE), c_termination_blank, WV_ERR_BAD_VALUE,
     "termination_date"},
    {"circumstances long", K(MOTION_TABLE), c_circumstances_long, WV_ERR_TOO_LARGE,
     "exceptional_circumstances"},
    /* Article X:7: acceptance within the period the Ministerial Conference sets. */
    {"acceptance deadline bad", K(MOTION_TABLE), c_deadline_bad, WV_ERR_BAD_VALUE,
     "acceptance_deadline"},
    {"acceptance deadline ok", K(MOTION_REVISE), c_deadline_ok, WV_OK, NULL},
    {"proponent invalid", K(MOTION_TABLE), c_proponent_bad, WV_ERR_BAD_VALUE,
     "ChairEvent.motion.proponent"},
    {"motion without waiver or parties", K(MOTION_TABLE), c_no_waiver, WV_OK, NULL},
    {"decision item differs", K(DECIDE), c_decision_item, WV_ERR_BAD_VALUE,
     "ChairEvent.decision.item"},
    {"outcome unspecified", K(DECIDE), c_outcome_zero, WV_ERR_MISSING_FIELD, "outcome"},
    {"outcome 8", K(DECIDE), c_outcome_eight, WV_ERR_BAD_VALUE, "outcome"},
    {"retired reading 1", K(MEETING_OPEN), c_reading_one, WV_ERR_BAD_VALUE,
     "vote_request_reading"},
    {"council report", K(MOTION_TABLE), c_report_ok, WV_OK, NULL},
    {"council report leaf 31 bytes", K(MOTION_TABLE), c_report_short_leaf, WV_ERR_BAD_VALUE,
     "decision_leaf"},
    {"council report adopted", K(MOTION_TABLE), c_report_adopted, WV_ERR_BAD_VALUE,
     "council_report.outcome"},
    {"council report no item", K(MOTION_TABLE), c_report_no_item, WV_ERR_MISSING_FIELD,
     "council_report.item"},
    {"stage unspecified", K(DECIDE), c_stage_zero, WV_ERR_MISSING_FIELD, "stage"},
    {"stage 4", K(DECIDE), c_stage_four, WV_ERR_BAD_VALUE, "stage"},
    {"decision procedure empty", K(DECIDE), c_decision_procedure, WV_ERR_MISSING_FIELD,
     "ChairEvent.decision.procedure"},
    {"plain decide", K(DECIDE), c_none, WV_OK, NULL},
};
#undef K

static void test_chair_rules(void **state)
{
    (void)state;
    fill_long_strings();
    static char codes[WV_MAX_PARTIES + 1][4];
    for (size_t i = 0; i <= WV_MAX_PARTIES; i++) {
        codes[i][0] = (char)('A' + i / 26 / 26 % 26);
        codes[i][1] = (char)('A' + i / 26 % 26);
        codes[i][2] = (char)('A' + i % 26);
        codes[i][3] = '\0';
        many_parties[i] = codes[i];
    }
    for (size_t i = 0; i < sizeof chair_rows / sizeof chair_rows[0]; i++) {
        chair_fx f;
        chair_init(&f, chair_rows[i].kind);
        chair_rows[i].mutate(&f);
        print_message("chair event: %s\n", chair_rows[i].name);
        expect_msg(dec_chair, &f.ev.base, chair_rows[i].want, chair_rows[i].needle);
    }
}

/* ------------------------------------------------------------ Roster rules */

typedef struct roster_row {
    const char *name;
    void (*mutate)(roster_fx *);
    wv_status want;
    const char *needle;
} roster_row;

static char long_name[WV_MAX_NAME_BYTES + 2];

MUT(roster_fx, r_version, x->r.version = 3)
MUT(roster_fx, r_as_of, x->r.as_of = "2024-13-01")
MUT(roster_fx, r_dup_member, x->m[2].code = "SWE")
MUT(roster_fx, r_unsorted, (x->m[0].code = "ZAF"))
MUT(roster_fx, r_bad_code, x->m[1].code = "S")
MUT(roster_fx, r_name_empty, x->m[1].name = "")
MUT(roster_fx, r_name_long, x->m[1].name = long_name)
MUT(roster_fx, r_joined_bad, x->m[1].joined = "1995")
MUT(roster_fx, r_joined_empty, x->m[1].joined = "")
MUT(roster_fx, r_key_member_unknown, x->k[0].member = "CAN")
MUT(roster_fx, r_key_member_bad, x->k[0].member = "can")
MUT(roster_fx, r_key_id_short, x->k[0].key_id.len = 7)
MUT(roster_fx, r_key_id_empty, x->k[0].key_id.len = 0)
MUT(roster_fx, r_pk_long, (x->k[0].public_key.len = 33))
MUT(roster_fx, r_dup_key_id, memcpy(x->kid[1], x->kid[0], 8))
MUT(roster_fx, r_dup_pk, memcpy(x->pk[1], x->pk[0], 32))
MUT(roster_fx, r_until_before, x->k[1].valid_until = x->k[1].valid_from)
MUT(roster_fx, r_from_negative, x->k[0].valid_from = -1)
MUT(roster_fx, r_revoked_negative, x->k[0].revoked_at = -1)
MUT(roster_fx, r_revoked_ok, x->k[0].revoked_at = 1800000000)
MUT(roster_fx, r_sec_half, x->r.secretariat_public_key.len = 0)
MUT(roster_fx, r_sec_kid_short, x->r.secretariat_key_id.len = 4)
MUT(roster_fx, r_no_keys, x->r.n_keys = 0)

static const roster_row roster_rows[] = {
    {"version 3", r_version, WV_ERR_VERSION, "Roster.version"},
    {"as_of invalid", r_as_of, WV_ERR_BAD_VALUE, "Roster.as_of"},
    {"member listed twice", r_dup_member, WV_ERR_DUPLICATE_MEMBER, "Roster.members[2]"},
    {"members not sorted", r_unsorted, WV_ERR_NONCANONICAL, "members not sorted"},
    {"member code invalid", r_bad_code, WV_ERR_BAD_VALUE, "Roster.members[1].code"},
    {"name empty", r_name_empty, WV_ERR_MISSING_FIELD, "Roster.members[1].name"},
    {"name over 128 bytes", r_name_long, WV_ERR_TOO_LARGE, "Roster.members[1].name"},
    {"joined invalid", r_joined_bad, WV_ERR_BAD_VALUE, "Roster.members[1].joined"},
    {"joined empty", r_joined_empty, WV_OK, NULL},
    {"key of a non-member", r_key_member_unknown, WV_ERR_MEMBER_UNKNOWN, "Roster.keys[0].member"},
    {"key member code invalid", r_key_member_bad, WV_ERR_BAD_VALUE, "Roster.keys[0].member"},
    {"key id 7 bytes", r_key_id_short, WV_ERR_BAD_VALUE, "Roster.keys[0].key_id"},
    {"key id empty", r_key_id_empty, WV_ERR_MISSING_FIELD, "Roster.keys[0].key_id"},
    {"public key 33 bytes", r_pk_long, WV_ERR_BAD_VALUE, "Roster.keys[0].public_key"},
    {"key id twice", r_dup_key_id, WV_ERR_DUPLICATE_KEY, "key id listed twice"},
    {"public key twice", r_dup_pk, WV_ERR_DUPLICATE_KEY, "public key listed twice"},
    {"valid_until not after valid_from", r_until_before, WV_ERR_BAD_VALUE, "valid_until"},
    {"valid_from negative", r_from_negative, WV_ERR_BAD_VALUE, "valid_from"},
    {"revoked_at negative", r_revoked_negative, WV_ERR_BAD_VALUE, "revoked_at"},
    {"revoked key", r_revoked_ok, WV_OK, NULL},
    {"secretariat key id without public key", r_sec_half, WV_ERR_MISSING_FIELD,
     "Roster.secretariat_public_key"},
    {"secretariat key id 4 bytes", r_sec_kid_short, WV_ERR_BAD_VALUE, "Roster.secretariat_key_id"},
    {"no keys", r_no_keys, WV_OK, NULL},
};

static void test_roster_rules(void **state)
{
    (void)state;
    memset(long_name, 'n', WV_MAX_NAME_BYTES + 1);
    long_name[WV_MAX_NAME_BYTES + 1] = '\0';
    for (size_t i = 0; i < sizeof roster_rows / sizeof roster_rows[0]; i++) {
        roster_fx f;
        roster_init(&f);
        roster_rows[i].mutate(&f);
        print_message("roster: %s\n", roster_rows[i].name);
        expect_msg(dec_roster, &f.r.base, roster_rows[i].want, roster_rows[i].needle);
    }
}

/* Limits on counts: more Members or keys than allowed. */
static void test_roster_limits(void **state)
{
    (void)state;
    size_t n = WV_MAX_MEMBERS + 1;
    Wtovote__V1__Member *m = calloc(n, sizeof *m);
    Wtovote__V1__Member **mp = calloc(n, sizeof *mp);
    char (*codes)[4] = calloc(n, 4);
    assert_true(m && mp && codes);
    for (size_t i = 0; i < n; i++) {
        Wtovote__V1__Member init = WTOVOTE__V1__MEMBER__INIT;
        m[i] = init;
        codes[i][0] = (char)('A' + i / 676 % 26);
        codes[i][1] = (char)('A' + i / 26 % 26);
        codes[i][2] = (char)('A' + i % 26);
        m[i].code = codes[i];
        m[i].name = "Member";
        mp[i] = &m[i];
    }
    wv_roster_msg r = WTOVOTE__V1__ROSTER__INIT;
    r.version = 1;
    r.n_members = WV_MAX_MEMBERS;
    r.members = mp;
    expect_msg(dec_roster, &r.base, WV_OK, NULL);
    r.n_members = n;
    expect_msg(dec_roster, &r.base, WV_ERR_TOO_LARGE, "Roster.members: 513");
    free(m);
    free(mp);
    free(codes);
}

/* ------------------------------------------------------------ Receipt rules */

typedef struct receipt_row {
    const char *name;
    void (*mutate)(receipt_fx *);
    wv_status want;
    const char *needle;
} receipt_row;

static char long_checkpoint[8194];
static ProtobufCBinaryData many_hashes[WV_MAX_PROOF_HASHES + 1];

MUT(receipt_fx, p_version, x->r.version = 0)
MUT(receipt_fx, p_leaf_short, x->r.leaf_hash.len = 20)
MUT(receipt_fx, p_leaf_empty, x->r.leaf_hash.len = 0)
MUT(receipt_fx, p_proof_short, x->proof[1].len = 31)
MUT(receipt_fx, p_proof_many,
    (x->r.inclusion_proof = many_hashes, x->r.n_inclusion_proof = WV_MAX_PROOF_HASHES + 1))
MUT(receipt_fx, p_index_equal, x->r.leaf_index = 3)
MUT(receipt_fx, p_checkpoint_empty, x->r.checkpoint = "")
MUT(receipt_fx, p_checkpoint_long, x->r.checkpoint = long_checkpoint)
MUT(receipt_fx, p_member_bad, x->r.member = "S")
MUT(receipt_fx, p_no_member, (x->r.member = "", x->r.meeting_id = ""))

static const receipt_row receipt_rows[] = {
    {"version 0", p_version, WV_ERR_VERSION, "Receipt.version"},
    {"leaf hash 20 bytes", p_leaf_short, WV_ERR_BAD_VALUE, "Receipt.leaf_hash"},
    {"leaf hash empty", p_leaf_empty, WV_ERR_MISSING_FIELD, "Receipt.leaf_hash"},
    {"proof hash 31 bytes", p_proof_short, WV_ERR_BAD_VALUE, "Receipt.inclusion_proof[1]"},
    {"65 proof hashes", p_proof_many, WV_ERR_TOO_LARGE, "Receipt.inclusion_proof"},
    /* RFC 9162 2.1.3: the leaf index is below the tree size. */
    {"leaf index = tree size", p_index_equal, WV_ERR_BAD_VALUE, "Receipt.leaf_index"},
    {"checkpoint empty", p_checkpoint_empty, WV_ERR_MISSING_FIELD, "Receipt.checkpoint"},
    {"checkpoint over 8192 bytes", p_checkpoint_long, WV_ERR_TOO_LARGE, "Receipt.checkpoint"},
    {"member invalid", p_member_bad, WV_ERR_BAD_VALUE, "Receipt.member"},
    {"no member, no meeting", p_no_member, WV_OK, NULL},
};

static void test_receipt_rules(void **state)
{
    (void)state;
    static uint8_t h[32];
    memset(long_checkpoint, 'c', 8193);
    long_checkpoint[8193] = '\0';
    for (size_t i = 0; i <= WV_MAX_PROOF_HASHES; i++)
        many_hashes[i].data = h, many_hashes[i].len = 32;
    for (size_t i = 0; i < sizeof receipt_rows / sizeof receipt_rows[0]; i++) {
        receipt_fx f;
        receipt_init(&f);
        receipt_rows[i].mutate(&f);
        print_message("receipt: %s\n", receipt_rows[i].name);
        expect_msg(dec_receipt, &f.r.base, receipt_rows[i].want, receipt_rows[i].needle);
    }
}

static void test_member_code(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        wv_status want;
    } rows[] = {
        {"EU", WV_OK},          {"SWE", WV_OK},           {"ABCDEFGH", WV_OK},
        {"A", WV_ERR_BAD_VALUE}, {"ABCDEFGHI", WV_ERR_BAD_VALUE}, {"swe", WV_ERR_BAD_VALUE},
        {"SW1", WV_ERR_BAD_VALUE}, {"", WV_ERR_BAD_VALUE},  {"S E", WV_ERR_BAD_VALUE},
        {NULL, WV_ERR_BAD_VALUE},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_error err;
        assert_int_equal(wv_member_code_check(rows[i].code, &err), rows[i].want);
        if (rows[i].want != WV_OK)
            assert_non_null(strstr(err.message, "member code"));
    }
}

/* ------------------------------------------------------------ envelopes */

static void test_domain_tags(void **state)
{
    (void)state;
    assert_string_equal(wv_domain_tag(WTOVOTE__V1__BODY_TYPE__BODY_ROSTER), "wtovote/v1/roster");
    assert_string_equal(wv_domain_tag(WTOVOTE__V1__BODY_TYPE__BODY_ACT), "wtovote/v1/act");
    assert_string_equal(wv_domain_tag(WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT),
                        "wtovote/v1/chair-event");
    assert_null(wv_domain_tag(WTOVOTE__V1__BODY_TYPE__BODY_TYPE_UNSPECIFIED));
    assert_null(wv_domain_tag(4));
}

/* Seals the fixture act with the key of seed 0x42. */
static void seal_act(pb *out, wv_secret_key *sk)
{
    wv_act a;
    act_init(&a);
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    wv_status st = wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base, sk, &env, &len, &err);
    if (st != WV_OK)
        fail_msg("seal: %s", err.message);
    out->n = 0;
    pb_raw(out, env, len);
    free(env);
}

static wv_status verify_bytes(const pb *b, const wv_public_key *pub, wv_error *err)
{
    wv_envelope *env = NULL;
    wv_status st = wv_envelope_decode(b->d, b->n, &env, err);
    if (st == WV_OK)
        st = wv_envelope_verify(env, pub, err);
    wv_message_free(env);
    return st;
}

static void test_seal_verify(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key(0x42);
    wv_public_key pub;
    wv_secret_key_public(sk, &pub);
    pb b;
    seal_act(&b, sk);
    wv_error err;
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_OK);

    wv_envelope *env = NULL;
    assert_int_equal(wv_envelope_decode(b.d, b.n, &env, NULL), WV_OK);
    assert_int_equal(env->version, 1);
    assert_int_equal(env->type, WTOVOTE__V1__BODY_TYPE__BODY_ACT);
    assert_memory_equal(env->key_id.data, pub.key_id, 8);
    /* The body is the canonical act, and the signature is Ed25519 over
     * "wtovote/v1/act" || 0x00 || body (deterministic, so recomputable). */
    pb want;
    act_bytes(&want);
    assert_int_equal(env->body.len, want.n);
    assert_memory_equal(env->body.data, want.d, want.n);
    pb m = {.n = 0};
    pb_raw(&m, "wtovote/v1/act", 14);
    pb_raw(&m, "\0", 1);
    pb_raw(&m, want.d, want.n);
    uint8_t sig[64];
    wv_secret_key_sign(sk, m.d, m.n, sig);
    assert_memory_equal(env->signature.data, sig, 64);
    ProtobufCMessage *body = NULL;
    assert_int_equal(wv_body_decode(env->type, env->body.data, env->body.len, &body, NULL), WV_OK);
    assert_string_equal(((wv_act *)body)->member, "SWE");
    wv_message_free(body);
    /* The same body is no chair event (field 3, a string in an Act, is the
     * varint `kind` of a ChairEvent). */
    assert_int_equal(wv_body_decode(WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT, env->body.data,
                                    env->body.len, &body, NULL),
                     WV_ERR_DECODE);
    wv_message_free(env);
    wv_secret_key_free(sk);
}

static size_t find(const pb *b, const void *needle, size_t n)
{
    for (size_t i = 0; i + n <= b->n; i++)
        if (memcmp(b->d + i, needle, n) == 0)
            return i;
    fail_msg("needle not found");
    return 0;
}

static void test_tampering(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key(0x42), *other = seed_key(0x43);
    wv_public_key pub, other_pub;
    wv_secret_key_public(sk, &pub);
    wv_secret_key_public(other, &other_pub);
    pb orig, b;
    seal_act(&orig, sk);
    wv_envelope *env = NULL;
    assert_int_equal(wv_envelope_decode(orig.d, orig.n, &env, NULL), WV_OK);
    size_t body_at = find(&orig, env->body.data, env->body.len);
    size_t sig_at = find(&orig, env->signature.data, 64);
    size_t kid_at = find(&orig, env->key_id.data, 8);
    wv_message_free(env);
    wv_error err;

    b = orig; /* a letter of the meeting id */
    b.d[body_at + 5] ^= 0x01;
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_ERR_BAD_SIGNATURE);
    assert_non_null(strstr(err.message, "wtovote/v1/act"));
    b = orig;
    b.d[sig_at + 10] ^= 0x80;
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_ERR_BAD_SIGNATURE);
    b = orig;
    b.d[kid_at] ^= 0x01;
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_ERR_KEY_MISMATCH);
    assert_non_null(strstr(err.message, "expected key"));
    /* Another key altogether. */
    assert_int_equal(verify_bytes(&orig, &other_pub, &err), WV_ERR_KEY_MISMATCH);
    /* The right key id with another public key. */
    memcpy(other_pub.key_id, pub.key_id, 8);
    assert_int_equal(verify_bytes(&orig, &other_pub, &err), WV_ERR_BAD_SIGNATURE);
    wv_secret_key_free(sk);
    wv_secret_key_free(other);
}

/* Domain separation: an act's signature does not verify as a chair event's,
 * even over the very same body bytes. */
static void test_domain_separation(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key(0x42);
    wv_public_key pub;
    wv_secret_key_public(sk, &pub);
    pb b;
    seal_act(&b, sk);
    /* Envelope bytes begin 08 01 10 02: version 1, type BODY_ACT. */
    assert_int_equal(b.d[2], 0x10);
    assert_int_equal(b.d[3], WTOVOTE__V1__BODY_TYPE__BODY_ACT);
    b.d[3] = WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT;
    wv_error err;
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_ERR_BAD_SIGNATURE);
    assert_non_null(strstr(err.message, "wtovote/v1/chair-event"));
    b.d[3] = WTOVOTE__V1__BODY_TYPE__BODY_ROSTER;
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_ERR_BAD_SIGNATURE);
    b.d[3] = WTOVOTE__V1__BODY_TYPE__BODY_ACT;
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_OK);
    wv_secret_key_free(sk);
}

static void test_seal_refuses_bad_body(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key(0x42);
    wv_act a;
    act_init(&a);
    a.version = 2;
    uint8_t *out = (uint8_t *)1;
    size_t len = 1;
    wv_error err;
    assert_int_equal(wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base, sk, &out, &len,
                                      &err),
                     WV_ERR_VERSION);
    assert_null(out);
    assert_int_equal(len, 0);
    act_init(&a);
    assert_int_equal(wv_envelope_seal(0, &a.base, sk, &out, &len, &err), WV_ERR_BODY_TYPE);
    assert_int_equal(wv_envelope_seal_bytes(WTOVOTE__V1__BODY_TYPE__BODY_ACT, NULL, 0, sk, &out,
                                            &len, &err),
                     WV_ERR_MISSING_FIELD);
    /* A roster sealed by the Secretariat verifies under the roster tag. */
    roster_fx f;
    roster_init(&f);
    wv_public_key pub;
    wv_secret_key_public(sk, &pub);
    assert_int_equal(wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ROSTER, &f.r.base, sk, &out,
                                      &len, &err),
                     WV_OK);
    pb b = {.n = 0};
    pb_raw(&b, out, len);
    free(out);
    assert_int_equal(verify_bytes(&b, &pub, &err), WV_OK);
    wv_secret_key_free(sk);
}

/* Envelope field rules, on hand-built envelopes. */
static void envelope_bytes(pb *b, uint32_t version, int type, const pb *body, size_t kid_len,
                           size_t sig_len)
{
    static const uint8_t zeros[64];
    b->n = 0;
    if (version)
        pb_uint(b, 1, version);
    if (type)
        pb_uint(b, 2, (uint64_t)type);
    if (body->n)
        pb_msg(b, 3, body);
    if (kid_len)
        pb_bytes(b, 4, zeros, kid_len);
    if (sig_len)
        pb_bytes(b, 5, zeros, sig_len);
}

static void test_envelope_rules(void **state)
{
    (void)state;
    pb body, empty = {.n = 0}, b;
    act_bytes(&body);
    envelope_bytes(&b, 1, 2, &body, 8, 64);
    expect(dec_env, b.d, b.n, WV_OK, NULL);
    envelope_bytes(&b, 2, 2, &body, 8, 64);
    expect(dec_env, b.d, b.n, WV_ERR_VERSION, "Envelope.version");
    envelope_bytes(&b, 0, 2, &body, 8, 64);
    expect(dec_env, b.d, b.n, WV_ERR_VERSION, "Envelope.version");
    envelope_bytes(&b, 1, 0, &body, 8, 64);
    expect(dec_env, b.d, b.n, WV_ERR_BODY_TYPE, "Envelope.type");
    envelope_bytes(&b, 1, 4, &body, 8, 64);
    expect(dec_env, b.d, b.n, WV_ERR_BODY_TYPE, "Envelope.type");
    envelope_bytes(&b, 1, 2, &empty, 8, 64);
    expect(dec_env, b.d, b.n, WV_ERR_MISSING_FIELD, "Envelope.body");
    envelope_bytes(&b, 1, 2, &body, 7, 64);
    expect(dec_env, b.d, b.n, WV_ERR_BAD_VALUE, "Envelope.key_id");
    envelope_bytes(&b, 1, 2, &body, 8, 63);
    expect(dec_env, b.d, b.n, WV_ERR_BAD_VALUE, "Envelope.signature");
    envelope_bytes(&b, 1, 2, &body, 0, 0);
    expect(dec_env, b.d, b.n, WV_ERR_BAD_VALUE, "Envelope.key_id");
    envelope_bytes(&b, 1, 3, &body, 0, 0);
    expect(dec_env, b.d, b.n, WV_ERR_BAD_VALUE, "Envelope.key_id");
    /* Only a roster draft may be unsigned, and then wholly unsigned. */
    envelope_bytes(&b, 1, 1, &body, 0, 0);
    expect(dec_env, b.d, b.n, WV_OK, NULL);
    envelope_bytes(&b, 1, 1, &body, 8, 0);
    expect(dec_env, b.d, b.n, WV_ERR_BAD_VALUE, "Envelope.signature");
    envelope_bytes(&b, 1, 1, &body, 0, 64);
    expect(dec_env, b.d, b.n, WV_ERR_BAD_VALUE, "Envelope.key_id");
    /* ...and verifying an unsigned draft says so. */
    envelope_bytes(&b, 1, 1, &body, 0, 0);
    wv_envelope *env = NULL;
    assert_int_equal(wv_envelope_decode(b.d, b.n, &env, NULL), WV_OK);
    wv_public_key pub;
    memset(&pub, 0, sizeof pub);
    wv_error err;
    assert_int_equal(wv_envelope_verify(env, &pub, &err), WV_ERR_UNSIGNED);
    wv_message_free(env);
    /* Unknown field in an envelope; non-canonical envelope. */
    envelope_bytes(&b, 1, 2, &body, 8, 64);
    pb_uint(&b, 6, 1);
    expect(dec_env, b.d, b.n, WV_ERR_UNKNOWN_FIELD, "message Envelope");
    envelope_bytes(&b, 1, 2, &body, 8, 64);
    pb_uint(&b, 1, 1);
    expect(dec_env, b.d, b.n, WV_ERR_NONCANONICAL, "Envelope");
}

int main(void)
{
    if (wv_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_act_round_trip),
        cmocka_unit_test(test_chair_round_trip),
        cmocka_unit_test(test_roster_receipt_round_trip),
        cmocka_unit_test(test_too_large_and_malformed),
        cmocka_unit_test(test_unknown_top_level),
        cmocka_unit_test(test_unknown_in_member),
        cmocka_unit_test(test_unknown_in_motion_and_waiver),
        cmocka_unit_test(test_noncanonical),
        cmocka_unit_test(test_no_repeated_scalars),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_act_rules),
        cmocka_unit_test(test_chair_rules),
        cmocka_unit_test(test_roster_rules),
        cmocka_unit_test(test_roster_limits),
        cmocka_unit_test(test_receipt_rules),
        cmocka_unit_test(test_member_code),
        cmocka_unit_test(test_domain_tags),
        cmocka_unit_test(test_seal_verify),
        cmocka_unit_test(test_tampering),
        cmocka_unit_test(test_domain_separation),
        cmocka_unit_test(test_seal_refuses_bad_body),
        cmocka_unit_test(test_envelope_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
