/* The invalid corpus (vectors/invalid/): each case is NAME.bin, the input,
 * and NAME.expect, four lines "decoder:", "status:", "class:", "why:".
 * Protobuf cases are written field by field with the small writer below so
 * that each shows exactly one defect; key and signature files start from the
 * fixed signers' valid files and change one thing. The generator refuses to
 * write a case whose decoder does not give the expected status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kat_build.h"
#include "wtovote/meeting.h"
#include "wtovote/roster.h"

#define MEETING "GC-2026-11-27"
#define T0 1795773600

/* ------------------------------------------------------------- writer */

typedef struct pb {
    uint8_t *d;
    size_t n, cap;
} pb;

static void pb_raw(pb *p, const void *data, size_t len)
{
    if (p->n + len > p->cap) {
        size_t cap = (p->n + len) * 2 + 64;
        uint8_t *d = realloc(p->d, cap);
        if (d == NULL)
            abort(); /* a generator out of memory has nothing better to do */
        p->d = d;
        p->cap = cap;
    }
    if (len)
        memcpy(p->d + p->n, data, len);
    p->n += len;
}

static void pb_byte(pb *p, uint8_t b)
{
    pb_raw(p, &b, 1);
}

static void pb_varint(pb *p, uint64_t v)
{
    while (v >= 0x80) {
        pb_byte(p, (uint8_t)(v | 0x80));
        v >>= 7;
    }
    pb_byte(p, (uint8_t)v);
}

static void pb_key(pb *p, uint32_t field, int wire_type)
{
    pb_varint(p, ((uint64_t)field << 3) | (uint64_t)wire_type);
}

static void pb_u(pb *p, uint32_t field, uint64_t v)
{
    pb_key(p, field, 0);
    pb_varint(p, v);
}

static void pb_b(pb *p, uint32_t field, const void *data, size_t len)
{
    pb_key(p, field, 2);
    pb_varint(p, len);
    pb_raw(p, data, len);
}

static void pb_s(pb *p, uint32_t field, const char *s)
{
    pb_b(p, field, s, strlen(s));
}

static void pb_sub(pb *p, uint32_t field, pb *sub)
{
    pb_b(p, field, sub->d, sub->n);
    free(sub->d);
    memset(sub, 0, sizeof *sub);
}

/* ------------------------------------------------------------- cases */

typedef kat_gen gen;

void kat_gen_case(gen *g, const char *name, const char *decoder, wv_status expect,
                     const char *cls, const char *why, const void *data, size_t len)
{
    char path[128], text[1024];
    wv_error got;
    if (g->st != WV_OK)
        return;
    wv_status st = kat_run_decoder(decoder, data, len, &got);
    if (st != expect) {
        g->st = wv_error_set(g->err, WV_ERR_INTERNAL, "invalid case %s: %s gives %s, not %s (%s)",
                             name, decoder, wv_status_name(st), wv_status_name(expect),
                             st == WV_OK ? "accepted" : got.message);
        return;
    }
    snprintf(path, sizeof path, "invalid/%s.bin", name);
    g->st = kat_files_add(g->files, path, data, len, g->err);
    snprintf(text, sizeof text, "decoder: %s\nstatus: %s\nclass: %s\nwhy: %s\n", decoder,
             wv_status_name(expect), cls, why);
    snprintf(path, sizeof path, "invalid/%s.expect", name);
    if (g->st == WV_OK)
        g->st = kat_files_add(g->files, path, text, strlen(text), g->err);
}

static void add_pb(gen *g, const char *name, const char *decoder, wv_status expect,
                   const char *cls, const char *why, pb *p)
{
    kat_gen_case(g, name, decoder, expect, cls, why, p->d, p->n);
    free(p->d);
    memset(p, 0, sizeof *p);
}

/* Act fields 1..3: version 1, the meeting, member SWE. */
static void act_head(pb *p)
{
    pb_u(p, 1, 1);
    pb_s(p, 2, MEETING);
    pb_s(p, 3, "SWE");
}

/* A meeting_ref: any 32 bytes decode (the state machine compares them
 * with its meeting's; SPEC.md, "Meeting identity"). */
static const uint8_t some_ref[33] = {0x5a, 0x5a, 0x5a, 0x5a};

/* A canonical ATTEND act with a meeting_ref of ref_len bytes (0: none). */
static void act_attend_ref(pb *p, size_t ref_len)
{
    act_head(p);
    pb_u(p, 4, 1);
    pb_u(p, 8, T0);
    if (ref_len != 0)
        pb_b(p, 10, some_ref, ref_len);
}

/* A valid canonical ATTEND act. */
static void act_attend(pb *p)
{
    act_attend_ref(p, WV_MEETING_REF_BYTES);
}

/* ChairEvent fields 1..5 for kind k at item. */
static void chair_head(pb *p, uint32_t version, int kind, uint32_t item)
{
    pb_u(p, 1, version);
    pb_s(p, 2, MEETING);
    pb_u(p, 3, (uint64_t)kind);
    pb_u(p, 4, T0);
    if (item)
        pb_u(p, 5, item);
}

/* Meeting fields 1, 2 and 4: the meeting, general-council, a fingerprint. */
static void meeting_head(pb *sub)
{
    static const uint8_t fp[32] = {1};
    pb_s(sub, 1, MEETING);
    pb_s(sub, 2, "general-council");
    pb_b(sub, 4, fp, 32);
}

/* A MEETING_OPEN whose Meeting (id, body, a fingerprint) adds the varint
 * fields f1 = v1 and, unless f2 is 0, f2 = v2 (f1 < f2). */
static void meeting_open(pb *p, uint32_t f1, uint64_t v1, uint32_t f2, uint64_t v2)
{
    pb sub = {0};
    chair_head(p, 1, 1, 0);
    meeting_head(&sub);
    pb_u(&sub, f1, v1);
    if (f2 != 0)
        pb_u(&sub, f2, v2);
    pb_sub(p, 6, &sub);
}

/* A MEETING_OPEN whose Meeting has a nonce of nonce_len bytes; with_ref:
 * the event carries a meeting_ref too. */
static void opening_with_nonce(pb *p, size_t nonce_len, int with_ref)
{
    pb sub = {0};
    chair_head(p, 1, 1, 0);
    meeting_head(&sub);
    pb_b(&sub, 8, "wtovote-kat-0001", nonce_len);
    pb_sub(p, 6, &sub);
    if (with_ref)
        pb_b(p, 10, some_ref, WV_MEETING_REF_BYTES);
}

static void member(pb *p, const char *code, const char *name, pb *extra)
{
    pb m = {0};
    pb_s(&m, 1, code);
    pb_s(&m, 2, name);
    pb_s(&m, 5, "1995-01-01");
    if (extra)
        pb_raw(&m, extra->d, extra->n);
    pb_sub(p, 3, &m);
}

static void member_key(pb *p, const char *code, int signer, int64_t from, int64_t until,
                       uint32_t extra_field)
{
    wv_public_key pub;
    kat_signer_public(signer, &pub);
    pb k = {0};
    pb_s(&k, 1, code);
    pb_b(&k, 2, pub.key_id, 8);
    pb_b(&k, 3, pub.pk, 32);
    if (from)
        pb_u(&k, 4, (uint64_t)from);
    if (until)
        pb_u(&k, 5, (uint64_t)until);
    if (extra_field)
        pb_u(&k, extra_field, 1);
    pb_sub(p, 4, &k);
}

/* An envelope around body; key_id / signature of the given lengths (the
 * bytes are the Secretariat's key id and zeros: the decoder does not verify). */
static void envelope(pb *p, uint32_t version, uint32_t type, const pb *body, size_t id_len,
                     size_t sig_len)
{
    wv_public_key pub;
    uint8_t sig[80] = {0};
    kat_signer_public(KAT_SECRETARIAT, &pub);
    if (version)
        pb_u(p, 1, version);
    if (type)
        pb_u(p, 2, type);
    if (body && body->n)
        pb_b(p, 3, body->d, body->n);
    if (id_len)
        pb_b(p, 4, pub.key_id, id_len);
    if (sig_len)
        pb_b(p, 5, sig, sig_len);
}

#define E(x) WV_ERR_##x

static void malformed(gen *g)
{
    pb p = {0};
    pb_u(&p, 1, 1);
    pb_key(&p, 2, 2);
    pb_varint(&p, 20);
    pb_raw(&p, "GC-2", 4);
    add_pb(g, "act_truncated", "act", E(DECODE), "malformed",
           "Act.meeting_id announces 20 bytes, 4 follow (truncated record)", &p);
    pb_u(&p, 1, 1);
    pb_key(&p, 8, 0);
    for (int i = 0; i < 10; i++)
        pb_byte(&p, 0xFF);
    pb_byte(&p, 0x01);
    add_pb(g, "act_varint_11_bytes", "act", E(DECODE), "malformed",
           "Act.time is a varint of 11 bytes (more than 10)", &p);
    pb_u(&p, 1, 1);
    pb_key(&p, 2, 3);
    add_pb(g, "envelope_wire_type_3", "envelope", E(DECODE), "malformed",
           "field 2 with wire type 3 (start group), which the format never uses", &p);
    pb_u(&p, 1, 1);
    pb_u(&p, 2, 5);
    add_pb(g, "act_wrong_wire_type", "act", E(DECODE), "malformed",
           "Act.meeting_id (a string, wire type 2) sent as a varint (wire type 0)", &p);
}

static void unknown_fields(gen *g)
{
    pb p = {0}, a = {0}, sub = {0}, w = {0};
    act_attend(&p);
    pb_u(&p, 15, 1);
    add_pb(g, "act_unknown_field_depth1", "act", E(UNKNOWN_FIELD), "unknown-field-depth1",
           "a valid ATTEND act followed by field 15, which Act does not define", &p);
    act_attend(&a);
    envelope(&p, 1, 2, &a, 8, 64);
    pb_u(&p, 6, 1);
    add_pb(g, "envelope_unknown_field_depth1", "envelope", E(UNKNOWN_FIELD),
           "unknown-field-depth1", "an Envelope with field 6, which Envelope does not define",
           &p);
    free(a.d);
    chair_head(&p, 1, 2, 1);
    pb_u(&sub, 1, 1);
    pb_s(&sub, 2, "Waiver");
    pb_s(&sub, 3, "waiver");
    pb_u(&sub, 20, 1);
    pb_sub(&p, 7, &sub);
    add_pb(g, "chair_unknown_field_depth2", "chair_event", E(UNKNOWN_FIELD),
           "unknown-field-depth2", "MOTION_TABLE whose Motion carries field 20 (undefined)", &p);
    chair_head(&p, 1, 2, 1);
    pb_u(&sub, 1, 1);
    pb_s(&sub, 3, "waiver");
    pb_s(&w, 3, "2031-12-31");
    pb_s(&w, 9, "x");
    pb_sub(&sub, 5, &w);
    pb_sub(&p, 7, &sub);
    add_pb(g, "chair_unknown_field_depth3", "chair_event", E(UNKNOWN_FIELD),
           "unknown-field-depth3",
           "MOTION_TABLE whose Motion.waiver carries field 9 (undefined): depth 3", &p);
    pb_u(&p, 1, 1);
    pb_u(&sub, 6, 1);
    member(&p, "SWE", "Sweden", &sub);
    free(sub.d);
    memset(&sub, 0, sizeof sub);
    add_pb(g, "roster_unknown_field_depth2", "roster_msg", E(UNKNOWN_FIELD),
           "unknown-field-depth2", "Roster.members[0] carries field 6 (undefined)", &p);
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sweden", NULL);
    member_key(&p, "SWE", KAT_SWE, 0, 0, 7);
    add_pb(g, "roster_key_unknown_field_depth2", "roster_msg", E(UNKNOWN_FIELD),
           "unknown-field-depth2", "Roster.keys[0] carries field 7 (undefined)", &p);
}

static void noncanonical(gen *g)
{
    pb p = {0};
    act_head(&p);
    pb_u(&p, 4, 1);
    pb_u(&p, 5, 0);
    pb_u(&p, 8, T0);
    add_pb(g, "act_explicit_default", "act", E(NONCANONICAL), "noncanonical-explicit-default",
           "Act.item written explicitly with its default 0; proto3 omits defaults", &p);
    pb r = {0};
    pb_u(&r, 1, 1);
    member(&r, "SWE", "Sweden", NULL);
    envelope(&p, 1, 1, &r, 0, 0);
    pb_key(&p, 4, 2);
    pb_varint(&p, 0);
    free(r.d);
    add_pb(g, "envelope_explicit_empty_key_id", "envelope", E(NONCANONICAL),
           "noncanonical-explicit-default",
           "a roster draft Envelope with key_id written explicitly as 0 bytes", &p);
    pb_u(&p, 1, 1);
    pb_s(&p, 3, "SWE");
    pb_s(&p, 2, MEETING);
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_out_of_order", "act", E(NONCANONICAL), "noncanonical-out-of-order",
           "Act.member (field 3) before Act.meeting_id (field 2)", &p);
    act_head(&p);
    pb_s(&p, 3, "SWE");
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_repeated_scalar", "act", E(NONCANONICAL), "noncanonical-repeated-scalar",
           "Act.member (not repeated) appears twice with the same value", &p);
    pb_u(&p, 1, 1);
    pb_s(&p, 2, MEETING);
    pb_s(&p, 3, "USA");
    pb_s(&p, 3, "SWE");
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_repeated_scalar_last_wins", "act", E(NONCANONICAL),
           "noncanonical-repeated-scalar",
           "Act.member appears as USA then SWE; a parser keeping the last value would read "
           "SWE", &p);
    act_head(&p);
    pb_key(&p, 4, 0);
    pb_byte(&p, 0x81);
    pb_byte(&p, 0x00);
    pb_u(&p, 8, T0);
    add_pb(g, "act_overlong_varint", "act", E(NONCANONICAL), "noncanonical-overlong-varint",
           "Act.kind = 1 written as the two-byte varint 81 00", &p);
    pb_u(&p, 1, 1);
    pb_key(&p, 2, 2);
    pb_byte(&p, (uint8_t)(strlen(MEETING) | 0x80));
    pb_byte(&p, 0x00);
    pb_raw(&p, MEETING, strlen(MEETING));
    pb_s(&p, 3, "SWE");
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_overlong_length", "act", E(NONCANONICAL), "noncanonical-overlong-varint",
           "the length of Act.meeting_id written as a two-byte varint", &p);
    pb_u(&p, 1, 1);
    pb_s(&p, 2, MEETING);
    pb_s(&p, 3, "EU");
    pb_u(&p, 4, 5);
    pb_u(&p, 5, 1);
    pb_u(&p, 6, 1);
    pb_u(&p, 7, 2);
    pb_u(&p, 8, T0);
    add_pb(g, "act_bool_two", "act", E(NONCANONICAL), "noncanonical-value",
           "Act.eu_bloc = 2; a bool true is the single byte 01", &p);
    act_head(&p);
    pb_u(&p, 4, 3);
    pb_u(&p, 5, 1ull << 32);
    pb_u(&p, 8, T0);
    add_pb(g, "act_uint32_overflow", "act", E(NONCANONICAL), "noncanonical-value",
           "Act.item = 2^32, over the range of uint32", &p);
    act_head(&p);
    pb_u(&p, 4, 8);
    pb_u(&p, 5, 1);
    pb_u(&p, 8, T0);
    pb_b(&p, 9, "ab\0cd", 5);
    add_pb(g, "act_statement_nul", "act", E(NONCANONICAL), "noncanonical-value",
           "Act.statement holds a 0x00 byte (canonical rule 7: strings hold no NUL)", &p);
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sweden", NULL);
    member(&p, "BRA", "Brazil", NULL);
    add_pb(g, "roster_members_unsorted", "roster_msg", E(NONCANONICAL), "noncanonical-unsorted",
           "Roster.members SWE before BRA: members must be sorted by code", &p);
    pb sub = {0};
    chair_head(&p, 1, 2, 2);
    pb_u(&sub, 1, 2);
    pb_s(&sub, 3, "plurilateral");
    pb_s(&sub, 6, "USA");
    pb_s(&sub, 6, "EU");
    pb_sub(&p, 7, &sub);
    add_pb(g, "chair_parties_unsorted", "chair_event", E(NONCANONICAL), "noncanonical-unsorted",
           "Motion.parties USA before EU: parties must be sorted", &p);
}

static void too_large(gen *g)
{
    pb p = {0};
    char big[1100];
    uint8_t *huge = calloc(WV_MAX_ENVELOPE_BYTES + 1, 1);
    if (huge == NULL)
        abort();
    kat_gen_case(g, "envelope_over_limit", "envelope", E(TOO_LARGE), "too-large",
             "1 048 577 zero bytes: one byte over WV_MAX_ENVELOPE_BYTES, refused before parsing",
             huge, WV_MAX_ENVELOPE_BYTES + 1);
    free(huge);
    memset(big, 'a', sizeof big);
    big[1025] = '\0';
    act_head(&p);
    pb_u(&p, 4, 8);
    pb_u(&p, 5, 1);
    pb_u(&p, 8, T0);
    pb_s(&p, 9, big);
    add_pb(g, "act_statement_1025", "act", E(TOO_LARGE), "too-large",
           "Act.statement of 1025 bytes (limit 1024)", &p);
    big[65] = '\0';
    pb_u(&p, 1, 1);
    pb_s(&p, 2, big);
    pb_s(&p, 3, "SWE");
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_meeting_id_65", "act", E(TOO_LARGE), "too-large",
           "Act.meeting_id of 65 bytes (limit 64)", &p);
    pb sub = {0};
    chair_head(&p, 1, 2, 2);
    pb_u(&sub, 1, 2);
    pb_s(&sub, 3, "plurilateral");
    for (int i = 0; i < 513; i++) {
        char code[4] = {(char)('A' + i / 676), (char)('A' + i / 26 % 26), (char)('A' + i % 26), 0};
        pb_s(&sub, 6, code);
    }
    pb_sub(&p, 7, &sub);
    add_pb(g, "chair_parties_513", "chair_event", E(TOO_LARGE), "too-large",
           "Motion.parties with 513 codes (limit 512)", &p);
    uint8_t h[32] = {0};
    pb_u(&p, 1, 1);
    pb_u(&p, 2, 1);
    pb_b(&p, 3, h, 32);
    pb_u(&p, 4, 2);
    for (int i = 0; i < 65; i++)
        pb_b(&p, 5, h, 32);
    pb_s(&p, 6, "checkpoint");
    add_pb(g, "receipt_proof_65", "receipt_msg", E(TOO_LARGE), "too-large",
           "Receipt.inclusion_proof with 65 hashes (limit 64)", &p);
    big[65] = 'a';
    big[129] = '\0';
    pb_u(&p, 1, 1);
    member(&p, "SWE", big, NULL);
    add_pb(g, "roster_member_name_129", "roster_msg", E(TOO_LARGE), "too-large",
           "Roster.members[0].name of 129 bytes (limit 128)", &p);
}

static void duplicates(gen *g)
{
    pb p = {0}, sub = {0};
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sweden", NULL);
    member(&p, "SWE", "Sweden", NULL);
    add_pb(g, "roster_duplicate_member", "roster_msg", E(DUPLICATE_MEMBER), "duplicate-member",
           "Roster.members lists SWE twice", &p);
    chair_head(&p, 1, 2, 2);
    pb_u(&sub, 1, 2);
    pb_s(&sub, 3, "plurilateral");
    pb_s(&sub, 6, "EU");
    pb_s(&sub, 6, "EU");
    pb_sub(&p, 7, &sub);
    add_pb(g, "chair_parties_duplicate", "chair_event", E(DUPLICATE_MEMBER), "duplicate-member",
           "Motion.parties lists EU twice", &p);
    const char csv[] = "code,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,1995-01-01\n"
                       "USA,United States,0,0,1995-01-01\nSWE,Sweden,1,0,1995-01-01\n";
    kat_gen_case(g, "csv_duplicate_code", "roster_csv", E(DUPLICATE_MEMBER), "duplicate-member",
             "members CSV with SWE on lines 2 and 4", csv, strlen(csv));
    wv_public_key a, b;
    kat_signer_public(KAT_SWE, &a);
    kat_signer_public(KAT_USA, &b);
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sweden", NULL);
    member(&p, "USA", "United States", NULL);
    member_key(&p, "SWE", KAT_SWE, 0, 0, 0);
    pb_s(&sub, 1, "USA");
    pb_b(&sub, 2, a.key_id, 8);
    pb_b(&sub, 3, b.pk, 32);
    pb_sub(&p, 4, &sub);
    add_pb(g, "roster_duplicate_key_id", "roster_msg", E(DUPLICATE_KEY), "duplicate-key",
           "two Roster.keys with the same key_id (different public keys)", &p);
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sweden", NULL);
    member(&p, "USA", "United States", NULL);
    member_key(&p, "SWE", KAT_SWE, 0, 0, 0);
    pb_s(&sub, 1, "USA");
    pb_b(&sub, 2, b.key_id, 8);
    pb_b(&sub, 3, a.pk, 32);
    pb_sub(&p, 4, &sub);
    add_pb(g, "roster_duplicate_public_key", "roster_msg", E(DUPLICATE_KEY), "duplicate-key",
           "two Roster.keys with the same public_key under different key ids", &p);
}

static void versions_and_types(gen *g)
{
    pb p = {0}, a = {0};
    pb_u(&p, 1, 2);
    pb_s(&p, 2, MEETING);
    pb_s(&p, 3, "SWE");
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_version_2", "act", E(VERSION), "wrong-version", "Act.version = 2", &p);
    act_attend(&a);
    envelope(&p, 2, 2, &a, 8, 64);
    add_pb(g, "envelope_version_2", "envelope", E(VERSION), "wrong-version",
           "Envelope.version = 2", &p);
    member(&p, "SWE", "Sweden", NULL);
    add_pb(g, "roster_version_missing", "roster_msg", E(VERSION), "wrong-version",
           "Roster without version (0)", &p);
    chair_head(&p, 2, 3, 1);
    add_pb(g, "chair_version_2", "chair_event", E(VERSION), "wrong-version",
           "ChairEvent.version = 2", &p);
    uint8_t h[32] = {0};
    pb_u(&p, 1, 3);
    pb_b(&p, 3, h, 32);
    pb_u(&p, 4, 1);
    pb_s(&p, 6, "checkpoint");
    add_pb(g, "receipt_version_3", "receipt_msg", E(VERSION), "wrong-version",
           "Receipt.version = 3", &p);
    kat_gen_case(g, "envelope_empty", "envelope", E(VERSION), "wrong-version",
             "zero bytes decode as an Envelope with every field default: version 0", "", 0);
    envelope(&p, 1, 0, &a, 8, 64);
    add_pb(g, "envelope_type_missing", "envelope", E(BODY_TYPE), "wrong-body-type",
           "Envelope.type unset (BODY_TYPE_UNSPECIFIED)", &p);
    envelope(&p, 1, 4, &a, 8, 64);
    add_pb(g, "envelope_type_4", "envelope", E(BODY_TYPE), "wrong-body-type",
           "Envelope.type = 4, not a BodyType", &p);
    envelope(&p, 1, 2, &a, 8, 64);
    add_pb(g, "roster_file_holding_act", "roster", E(BODY_TYPE), "wrong-body-type",
           "a roster file whose Envelope holds an Act (type BODY_ACT)", &p);
    free(a.d);
}

static void missing_fields(gen *g)
{
    pb p = {0};
    act_head(&p);
    pb_u(&p, 4, 1);
    add_pb(g, "act_no_time", "act", E(MISSING_FIELD), "missing-field", "Act.time unset", &p);
    act_attend_ref(&p, 0);
    add_pb(g, "act_no_meeting_ref", "act", E(MISSING_FIELD), "missing-field",
           "an ATTEND act without meeting_ref (field 10): every act is bound to its meeting's "
           "opening (Meeting identity)", &p);
    chair_head(&p, 1, 7, 0);
    add_pb(g, "chair_close_no_meeting_ref", "chair_event", E(MISSING_FIELD), "missing-field",
           "MEETING_CLOSE without meeting_ref (field 10): every event after the opening names "
           "it", &p);
    meeting_open(&p, 5, 1, 6, 2);
    add_pb(g, "chair_open_no_nonce", "chair_event", E(MISSING_FIELD), "missing-field",
           "MEETING_OPEN whose Meeting (quorum 1/2) has no nonce (field 8, 16 bytes): no "
           "opening may share another's meeting_ref", &p);
    act_head(&p);
    pb_u(&p, 4, 5);
    pb_u(&p, 5, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_vote_no_choice", "act", E(MISSING_FIELD), "missing-field",
           "a VOTE without a choice", &p);
    act_head(&p);
    pb_u(&p, 4, 3);
    pb_u(&p, 8, T0);
    add_pb(g, "act_object_no_item", "act", E(MISSING_FIELD), "missing-field",
           "an OBJECT without an agenda item", &p);
    pb_u(&p, 1, 1);
    pb_s(&p, 2, MEETING);
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_no_member", "act", E(MISSING_FIELD), "missing-field", "Act.member empty",
           &p);
    chair_head(&p, 1, 1, 0);
    add_pb(g, "chair_open_no_meeting", "chair_event", E(MISSING_FIELD), "missing-field",
           "MEETING_OPEN without its Meeting", &p);
    chair_head(&p, 1, 9, 0);
    add_pb(g, "chair_enrol_no_key", "chair_event", E(MISSING_FIELD), "missing-field",
           "KEY_ENROL without its MemberKey (ChairEvent.enrolment, field 9)", &p);
    envelope(&p, 1, 1, NULL, 0, 0);
    add_pb(g, "envelope_empty_body", "envelope", E(MISSING_FIELD), "missing-field",
           "a roster Envelope without body", &p);
    uint8_t h[32] = {0};
    pb_u(&p, 1, 1);
    pb_b(&p, 3, h, 32);
    pb_u(&p, 4, 1);
    add_pb(g, "receipt_no_checkpoint", "receipt_msg", E(MISSING_FIELD), "missing-field",
           "Receipt without checkpoint", &p);
}

static void bad_values(gen *g)
{
    pb p = {0}, sub = {0};
    pb_u(&p, 1, 1);
    pb_s(&p, 2, MEETING);
    pb_s(&p, 3, "swe");
    pb_u(&p, 4, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_member_lowercase", "act", E(BAD_VALUE), "bad-value",
           "Act.member 'swe': codes are 2 to 8 letters A-Z", &p);
    act_head(&p);
    pb_u(&p, 4, 5);
    pb_u(&p, 5, 1);
    pb_u(&p, 6, 1);
    pb_u(&p, 7, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_eu_bloc_by_swe", "act", E(BAD_VALUE), "bad-value",
           "eu_bloc on a vote by SWE: only the EU casts the bloc (WTO Agreement IX:1 fn 2)", &p);
    act_head(&p);
    pb_u(&p, 4, 1);
    pb_u(&p, 6, 1);
    pb_u(&p, 8, T0);
    add_pb(g, "act_choice_on_attend", "act", E(BAD_VALUE), "bad-value",
           "an ATTEND act with a choice", &p);
    act_head(&p);
    pb_u(&p, 4, 1);
    pb_u(&p, 8, (uint64_t)(int64_t)-1);
    add_pb(g, "act_negative_time", "act", E(BAD_VALUE), "bad-value",
           "Act.time = -1 (10-byte varint), before 1970", &p);
    chair_head(&p, 1, 1, 0);
    uint8_t fp[32] = {1};
    pb_s(&sub, 1, "GC-2026-11-28");
    pb_s(&sub, 2, "general-council");
    pb_b(&sub, 4, fp, 32);
    pb_sub(&p, 6, &sub);
    add_pb(g, "chair_meeting_id_mismatch", "chair_event", E(BAD_VALUE), "bad-value",
           "Meeting.id differs from ChairEvent.meeting_id", &p);
    meeting_open(&p, 5, 2, 6, 2);
    add_pb(g, "chair_quorum_2_of_2", "chair_event", E(BAD_VALUE), "bad-value",
           "quorum 2/2: must be 0/0 or 0 < numerator < denominator", &p);
    meeting_open(&p, 7, 2, 0, 0);
    add_pb(g, "chair_wtl93_reading_2", "chair_event", E(BAD_VALUE), "bad-value",
           "Meeting.vote_request_reading = 2: a retired reading (issue 14: WT/L/93 has one "
           "reading, 0: a request takes effect when the consensus period has run)", &p);
    meeting_open(&p, 12, 86401, 0, 0);
    add_pb(g, "chair_clock_skew_over_a_day", "chair_event", E(BAD_VALUE), "bad-value",
           "Meeting.max_clock_skew_seconds = 86401: at most 86400 (a day)", &p);
    uint8_t nonce[17] = {0};
    act_attend(&p);
    pb_b(&p, 11, nonce, 15);
    add_pb(g, "act_nonce_15_bytes", "act", E(BAD_VALUE), "bad-value",
           "Act.nonce of 15 bytes: empty or 16", &p);
    /* a well-formed act for the meeting's id, bound to another opening (a
     * meeting of another record): refused by the state machine */
    act_attend(&p);
    add_pb(g, "meeting_act_other_meeting", "meeting_act", E(INADMISSIBLE), "other-meeting",
           "SWE attends meeting " MEETING " but its meeting_ref (5a 5a 5a 5a 00 ..) is not the "
           "hash of that meeting's opening: WV_REFUSE_OTHER_MEETING, whatever the ids", &p);
    act_attend_ref(&p, 31);
    add_pb(g, "act_meeting_ref_31_bytes", "act", E(BAD_VALUE), "bad-value",
           "Act.meeting_ref of 31 bytes: a SHA-256, 32", &p);
    act_attend_ref(&p, 33);
    add_pb(g, "act_meeting_ref_33_bytes", "act", E(BAD_VALUE), "bad-value",
           "Act.meeting_ref of 33 bytes: a SHA-256, 32", &p);
    chair_head(&p, 1, 3, 1);
    pb_b(&p, 10, some_ref, 31);
    add_pb(g, "chair_meeting_ref_31_bytes", "chair_event", E(BAD_VALUE), "bad-value",
           "CONSENSUS_CALL with a meeting_ref of 31 bytes", &p);
    opening_with_nonce(&p, 15, 0);
    add_pb(g, "chair_open_nonce_15_bytes", "chair_event", E(BAD_VALUE), "bad-value",
           "MEETING_OPEN whose Meeting.nonce has 15 bytes: 16", &p);
    opening_with_nonce(&p, WV_MEETING_NONCE_BYTES, 1);
    add_pb(g, "chair_open_with_meeting_ref", "chair_event", E(BAD_VALUE), "bad-value",
           "MEETING_OPEN carrying a meeting_ref: an opening cannot name the hash of itself", &p);
    chair_head(&p, 1, 3, 1);
    pb_b(&p, 14, nonce, 17);
    add_pb(g, "chair_nonce_17_bytes", "chair_event", E(BAD_VALUE), "bad-value",
           "ChairEvent.nonce of 17 bytes: empty or 16", &p);
    chair_head(&p, 1, 9, 0);
    pb key = {0};
    member_key(&key, "BRA", KAT_SWE2, T0, 0, 0);
    key.d[0] = (9 << 3) | 2; /* the MemberKey as ChairEvent field 9, not Roster field 4 */
    pb_raw(&p, key.d, key.n);
    free(key.d);
    add_pb(g, "chair_enrol_valid_from", "chair_event", E(BAD_VALUE), "bad-value",
           "KEY_ENROL with valid_from set: an enrolled key is valid from its entry on", &p);
    pb w = {0};
    chair_head(&p, 1, 2, 1);
    pb_u(&sub, 1, 1);
    pb_s(&sub, 3, "waiver");
    pb_s(&w, 3, "2031-02-30");
    pb_sub(&sub, 5, &w);
    pb_sub(&p, 7, &sub);
    add_pb(g, "chair_waiver_bad_date", "chair_event", E(BAD_VALUE), "bad-value",
           "Waiver.termination_date 2031-02-30 is not a day (Article IX:4)", &p);
    pb_u(&p, 1, 1);
    pb_s(&p, 2, "2024-+8-30");
    member(&p, "SWE", "Sweden", NULL);
    add_pb(g, "roster_as_of_signed_month", "roster_msg", E(BAD_VALUE), "bad-value",
           "Roster.as_of 2024-+8-30: a date is exactly YYYY-MM-DD, digits only", &p);
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sweden", NULL);
    member_key(&p, "SWE", KAT_SWE, 1704067200, 1704067200, 0);
    add_pb(g, "roster_key_empty_window", "roster_msg", E(BAD_VALUE), "bad-value",
           "Roster.keys[0].valid_until equal to valid_from (empty window)", &p);
    uint8_t h[32] = {0};
    pb_u(&p, 1, 1);
    pb_u(&p, 2, 5);
    pb_b(&p, 3, h, 32);
    pb_u(&p, 4, 5);
    pb_s(&p, 6, "checkpoint");
    add_pb(g, "receipt_index_not_below_size", "receipt_msg", E(BAD_VALUE), "bad-value",
           "Receipt.leaf_index 5 in a tree of size 5 (RFC 9162 2.1.3)", &p);
    act_head(&p);
    pb_u(&p, 4, 8);
    pb_u(&p, 5, 1);
    pb_u(&p, 8, T0);
    pb_s(&p, 9, "bad \xC0\xAF");
    add_pb(g, "act_statement_bad_utf8", "act", E(BAD_VALUE), "bad-utf8",
           "Act.statement holds C0 AF, an overlong UTF-8 form", &p);
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sw\xED\xA0\x80" "den", NULL);
    add_pb(g, "roster_name_surrogate", "roster_msg", E(BAD_VALUE), "bad-utf8",
           "Roster.members[0].name holds ED A0 80, a UTF-16 surrogate", &p);
    pb_u(&p, 1, 1);
    member(&p, "SWE", "Sweden", NULL);
    member_key(&p, "CHE", KAT_SWE, 0, 0, 0);
    add_pb(g, "roster_key_member_unknown", "roster_msg", E(MEMBER_UNKNOWN), "member-unknown",
           "Roster.keys[0].member CHE is not among the roster's members", &p);
}

static void signature_lengths(gen *g)
{
    pb p = {0}, a = {0};
    act_attend(&a);
    envelope(&p, 1, 2, &a, 8, 63);
    add_pb(g, "envelope_signature_63", "envelope", E(BAD_VALUE), "bad-signature-length",
           "Envelope.signature of 63 bytes (64 required)", &p);
    envelope(&p, 1, 2, &a, 8, 65);
    add_pb(g, "envelope_signature_65", "envelope", E(BAD_VALUE), "bad-signature-length",
           "Envelope.signature of 65 bytes (64 required)", &p);
    envelope(&p, 1, 2, &a, 7, 64);
    add_pb(g, "envelope_key_id_7", "envelope", E(BAD_VALUE), "bad-signature-length",
           "Envelope.key_id of 7 bytes (8 required)", &p);
    envelope(&p, 1, 2, &a, 0, 0);
    add_pb(g, "envelope_act_unsigned", "envelope", E(BAD_VALUE), "bad-signature-length",
           "an Act envelope without key_id and signature: only roster drafts are unsigned", &p);
    free(a.d);
    a = (pb){0};
    wv_public_key sec;
    kat_signer_public(KAT_SECRETARIAT, &sec);
    pb_u(&a, 1, 1);
    member(&a, "SWE", "Sweden", NULL);
    pb_b(&a, 5, sec.key_id, WV_KEY_ID_BYTES);
    pb_b(&a, 6, sec.pk, WV_PUBLIC_KEY_BYTES);
    envelope(&p, 1, 1, &a, 0, 0);
    add_pb(g, "roster_draft_names_secretariat", "roster", E(BAD_VALUE), "bad-value",
           "an unsigned roster file whose body names a Secretariat key (signature stripped)",
           &p);
    free(a.d);
}
#undef E


wv_status kat_generate_invalid(kat_files *out, wv_error *err)
{
    gen g = {out, err, WV_OK};
    malformed(&g);
    unknown_fields(&g);
    noncanonical(&g);
    too_large(&g);
    duplicates(&g);
    versions_and_types(&g);
    missing_fields(&g);
    bad_values(&g);
    signature_lengths(&g);
    kat_invalid_text_cases(&g); /* key, signature and CSV files */
    return g.st;
}

/* ------------------------------------------------------------- decoders */

static const char *const decoders[] = {"envelope", "act",    "chair_event", "roster_msg",
                                       "receipt_msg", "roster", "pubkey",   "seckey",
                                       "minisig",  "roster_csv", "meeting_act"};

/* The meeting of the "meeting_act" decoder (SPEC.md, "Test vectors"): the
 * embedded roster, opened by the ChairEvent {version 1, meeting_id MEETING,
 * MEETING_OPEN, time T0, Meeting {id MEETING, body general-council, nonce
 * "wtovote-kat-0001"}}. */
static wv_status kat_meeting(wv_roster **roster, wv_meeting **m, wv_error *err)
{
    Wtovote__V1__Meeting mt = WTOVOTE__V1__MEETING__INIT;
    wv_chair_event ev = WTOVOTE__V1__CHAIR_EVENT__INIT;
    mt.id = MEETING;
    mt.body = "general-council";
    mt.nonce = (ProtobufCBinaryData){WV_MEETING_NONCE_BYTES, (uint8_t *)"wtovote-kat-0001"};
    ev.version = 1;
    ev.meeting_id = MEETING;
    ev.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN;
    ev.time = T0;
    ev.meeting = &mt;
    *m = NULL;
    wv_status st = wv_roster_default(roster, err);
    if (st == WV_OK)
        st = wv_meeting_new(*roster, NULL, m, err);
    if (st == WV_OK)
        st = wv_meeting_apply_chair(*m, &ev, NULL, err);
    return st;
}

/* "meeting_act": an Act body decoded and applied to kat_meeting. Only the
 * refusal of its class counts: WV_ERR_INADMISSIBLE stands for
 * WV_REFUSE_OTHER_MEETING, any other refusal is reported as WV_ERR_INTERNAL
 * so that a case cannot pass for another reason. */
static wv_status run_meeting_act(const uint8_t *buf, size_t len, wv_error *err)
{
    wv_roster *roster = NULL;
    wv_meeting *m = NULL;
    wv_act *act = NULL;
    wv_refusal why = WV_REFUSE_NONE;
    wv_status st = kat_meeting(&roster, &m, err);
    if (st == WV_OK)
        st = wv_act_decode(buf, len, &act, err);
    if (st == WV_OK)
        st = wv_meeting_apply_act(m, act, &why, err);
    if (st == WV_ERR_INADMISSIBLE && why != WV_REFUSE_OTHER_MEETING)
        st = wv_error_set(err, WV_ERR_INTERNAL, "refused %s, not WV_REFUSE_OTHER_MEETING",
                          wv_refusal_name(why));
    wv_message_free(act);
    wv_meeting_free(m);
    wv_roster_free(roster);
    return st;
}

int kat_decoder_known(const char *decoder)
{
    for (size_t i = 0; i < sizeof decoders / sizeof decoders[0]; i++)
        if (strcmp(decoders[i], decoder) == 0)
            return 1;
    return 0;
}

static wv_status run_wire(const char *d, const uint8_t *buf, size_t len, wv_error *err)
{
    void *m = NULL;
    wv_status st;
    if (strcmp(d, "envelope") == 0)
        st = wv_envelope_decode(buf, len, (wv_envelope **)&m, err);
    else if (strcmp(d, "act") == 0)
        st = wv_act_decode(buf, len, (wv_act **)&m, err);
    else if (strcmp(d, "chair_event") == 0)
        st = wv_chair_event_decode(buf, len, (wv_chair_event **)&m, err);
    else if (strcmp(d, "roster_msg") == 0)
        st = wv_roster_msg_decode(buf, len, (wv_roster_msg **)&m, err);
    else
        st = wv_receipt_msg_decode(buf, len, (wv_receipt_msg **)&m, err);
    wv_message_free(m);
    return st;
}

/* The text decoders get a NUL-terminated copy (they are given len too). */
static wv_status run_text(const char *d, const char *text, size_t len, wv_error *err)
{
    wv_status st;
    if (strcmp(d, "pubkey") == 0) {
        wv_public_key pub;
        st = wv_public_key_parse(text, len, &pub, err);
    } else if (strcmp(d, "seckey") == 0) {
        wv_secret_key *sk = NULL;
        st = wv_secret_key_parse(text, len, NULL, &sk, err);
        wv_secret_key_free(sk);
    } else if (strcmp(d, "minisig") == 0) {
        wv_public_key pub;
        kat_signer_public(KAT_SECRETARIAT, &pub);
        st = wv_minisig_verify(&pub, (const uint8_t *)kat_minisig_message,
                               strlen(kat_minisig_message), text, len, NULL, err);
    } else {
        wv_roster *r = NULL;
        st = wv_roster_from_csv(text, len, &r, err);
        wv_roster_free(r);
    }
    return st;
}

wv_status kat_run_decoder(const char *decoder, const uint8_t *buf, size_t len, wv_error *err)
{
    if (!kat_decoder_known(decoder))
        return wv_error_set(err, WV_ERR_ARG, "unknown decoder '%s'", decoder);
    if (strcmp(decoder, "meeting_act") == 0)
        return run_meeting_act(buf, len, err);
    if (strcmp(decoder, "roster") == 0) {
        wv_roster *r = NULL;
        wv_status st = wv_roster_decode(buf, len, &r, err);
        wv_roster_free(r);
        return st;
    }
    if (strcmp(decoder, "pubkey") && strcmp(decoder, "seckey") && strcmp(decoder, "minisig") &&
        strcmp(decoder, "roster_csv"))
        return run_wire(decoder, buf, len, err);
    char *text = malloc(len + 1);
    if (text == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    if (len)
        memcpy(text, buf, len);
    text[len] = '\0';
    wv_status st = run_text(decoder, text, len, err);
    free(text);
    return st;
}
