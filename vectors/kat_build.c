/* Builders of the known-answer vectors under vectors/kat/: one JSON file per
 * signed message type (act, chair_event, roster), the receipt, and the key
 * files of the fixed signers. Everything is deterministic: keys come from
 * fixed seeds and Ed25519 signatures are deterministic (RFC 8032). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wtovote/pb.h"
#include "kat_build.h"
#include "wtovote/merkle.h"
#include "wtovote/note.h"
#include "wtovote/record.h"
#include "wtovote/roster.h"
#include "wtovote/session.h"

#define MEETING "GC-2026-11-27"
#define T0 1795773600 /* 2026-11-27T10:00:00Z, the meeting opens */

typedef struct ctx {
    wv_secret_key *keys[KAT_N_SIGNERS];
    wv_roster *roster; /* the signed roster (meeting openings name it) */
    /* meeting_ref of chair_meeting_open: every other act and chair event
     * vector is bound to that meeting (SPEC.md, "Meeting identity") */
    uint8_t meeting_ref[WV_MEETING_REF_BYTES];
    kat_files *files;
    /* Envelopes by vector name, for the receipt's log. */
    struct saved {
        const char *name;
        uint8_t *env;
        size_t len;
    } saved[64];
    size_t n_saved;
} ctx;

static json_t *hex_json(const uint8_t *b, size_t n)
{
    char *h = kat_hex(b, n);
    json_t *j = json_string(h ? h : "");
    free(h);
    return j;
}

static void put_key(json_t *o, int signer, const ctx *c)
{
    wv_public_key pub;
    char disp[17];
    wv_secret_key_public(c->keys[signer], &pub);
    wv_key_id_format(pub.key_id, disp);
    json_object_set_new(o, "signer", json_string(kat_signer_name(signer)));
    json_object_set_new(o, "public_key", hex_json(pub.pk, sizeof pub.pk));
    json_object_set_new(o, "key_id", hex_json(pub.key_id, sizeof pub.key_id));
    json_object_set_new(o, "key_id_display", json_string(disp));
}

static wv_status save_envelope(ctx *c, const char *name, uint8_t *env, size_t len,
                               wv_error *err)
{
    if (c->n_saved == sizeof c->saved / sizeof c->saved[0]) {
        free(env);
        return wv_error_set(err, WV_ERR_INTERNAL, "too many vectors");
    }
    c->saved[c->n_saved++] = (struct saved){name, env, len};
    return WV_OK;
}

static const struct saved *find_saved(const ctx *c, const char *name)
{
    for (size_t i = 0; i < c->n_saved; i++)
        if (strcmp(c->saved[i].name, name) == 0)
            return &c->saved[i];
    return NULL;
}

/* An unsigned roster draft: an Envelope with empty key_id and signature. */
static wv_status draft_envelope(const uint8_t *body, size_t len, uint8_t **out, size_t *out_len,
                                wv_error *err)
{
    ProtobufCMessage *check = NULL;
    wv_status st = wv_roster_msg_decode(body, len, (wv_roster_msg **)&check, err);
    wv_message_free(check);
    if (st != WV_OK)
        return st;
    wv_envelope env = WTOVOTE__V1__ENVELOPE__INIT;
    env.version = WV_WIRE_VERSION;
    env.type = WTOVOTE__V1__BODY_TYPE__BODY_ROSTER;
    env.body.data = (uint8_t *)body;
    env.body.len = len;
    return wv_message_encode(&env.base, out, out_len, err);
}

/* tag || 0x00 || body as hex. */
static json_t *signed_message_json(Wtovote__V1__BodyType type, const uint8_t *body, size_t len)
{
    const char *tag = wv_domain_tag(type);
    size_t t = strlen(tag);
    uint8_t *m = malloc(t + 1 + len);
    if (m == NULL)
        return NULL;
    memcpy(m, tag, t);
    m[t] = 0;
    memcpy(m + t + 1, body, len);
    json_t *j = hex_json(m, t + 1 + len);
    free(m);
    return j;
}

/* One vector from an envelope (signer < 0: an unsigned roster draft): the
 * JSON object appended to arr, the body decoded back into its message for
 * "input"; the envelope (taken) kept under name. */
static wv_status add_vector(ctx *c, json_t *arr, const char *name, const char *desc,
                            uint8_t *env, size_t elen, int signer, wv_error *err)
{
    wv_envelope *e = NULL;
    ProtobufCMessage *body = NULL;
    wv_status st = wv_envelope_decode(env, elen, &e, err);
    if (st == WV_OK)
        st = wv_body_decode(e->type, e->body.data, e->body.len, &body, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "vector %s", name);
        wv_message_free(e);
        free(env);
        return st;
    }
    Wtovote__V1__BodyType type = e->type;
    const uint8_t *b = e->body.data;
    size_t blen = e->body.len;
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "description", json_string(desc));
    json_object_set_new(o, "message", json_string(body->descriptor->short_name));
    json_object_set_new(o, "body_type",
                        json_string(protobuf_c_enum_descriptor_get_value(
                                        &wtovote__v1__body_type__descriptor, type)->name));
    json_object_set_new(o, "domain_tag", json_string(wv_domain_tag(type)));
    if (signer >= 0)
        put_key(o, signer, c);
    else
        json_object_set_new(o, "signer", json_null());
    json_object_set_new(o, "input", kat_msg_to_json(body));
    json_object_set_new(o, "body", hex_json(b, blen));
    if (signer >= 0) {
        json_object_set_new(o, "signed_message", signed_message_json(type, b, blen));
        json_object_set_new(o, "signature", hex_json(e->signature.data, e->signature.len));
    }
    json_object_set_new(o, "envelope", hex_json(env, elen));
    if (type == WTOVOTE__V1__BODY_TYPE__BODY_ROSTER) {
        uint8_t fp[32];
        crypto_hash_sha256(fp, b, blen);
        json_object_set_new(o, "fingerprint", hex_json(fp, sizeof fp));
    }
    json_array_append_new(arr, o);
    wv_message_free(body);
    wv_message_free(e);
    return save_envelope(c, name, env, elen, err);
}

/* A roster vector: the body encoded, then left unsigned (signer < 0) or
 * sealed by the signer. */
static wv_status roster_vector(ctx *c, json_t *arr, const char *name, const char *desc,
                               const wv_roster_msg *r, int signer, wv_error *err)
{
    uint8_t *b = NULL, *env = NULL;
    size_t blen = 0, elen = 0;
    wv_status st = wv_message_encode(&r->base, &b, &blen, err);
    if (st == WV_OK)
        st = signer < 0 ? draft_envelope(b, blen, &env, &elen, err)
                        : wv_envelope_seal_bytes(WTOVOTE__V1__BODY_TYPE__BODY_ROSTER, b, blen,
                                                 c->keys[signer], &env, &elen, err);
    free(b);
    if (st != WV_OK) {
        wv_error_prefix(err, "vector %s", name);
        free(env);
        return st;
    }
    return add_vector(c, arr, name, desc, env, elen, signer, err);
}

static json_t *file_json(const char *message, const char *desc, json_t *vectors)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string("wtovote-kat/1"));
    json_object_set_new(o, "message", json_string(message));
    json_object_set_new(o, "description", json_string(desc));
    json_object_set_new(o, "vectors", vectors);
    return o;
}

/* ------------------------------------------------------------- roster */

static wv_status build_roster(ctx *c, wv_error *err)
{
    /* Six real Members (WTO "Members and Observers"; BGD on the UN LDC list;
     * SWE an EU member State; CHN joined 11 December 2001). */
    Wtovote__V1__Member m[6];
    static const struct { const char *code, *name, *joined; int eu, ldc; } rows[6] = {
        {"BGD", "Bangladesh", "1995-01-01", 0, 1},
        {"BRA", "Brazil", "1995-01-01", 0, 0},
        {"CHN", "China", "2001-12-11", 0, 0},
        {"EU", "European Union", "1995-01-01", 0, 0},
        {"SWE", "Sweden", "1995-01-01", 1, 0},
        {"USA", "United States", "1995-01-01", 0, 0},
    };
    Wtovote__V1__Member *mp[6];
    for (int i = 0; i < 6; i++) {
        wtovote__v1__member__init(&m[i]);
        m[i].code = (char *)rows[i].code;
        m[i].name = (char *)rows[i].name;
        m[i].joined = (char *)rows[i].joined;
        m[i].eu_member_state = rows[i].eu;
        m[i].ldc = rows[i].ldc;
        mp[i] = &m[i];
    }
    /* Keys in the order they were added: SWE's first key with a window
     * 2024-01-01 .. 2027-01-01, USA and EU without one, BRA's revoked on
     * 2026-03-01, SWE's second key from 2026-06-01. */
    static const struct { int signer; const char *member; int64_t from, until, revoked; } ks[5] = {
        {KAT_SWE, "SWE", 1704067200, 1798761600, 0},
        {KAT_USA, "USA", 0, 0, 0},
        {KAT_EU, "EU", 0, 0, 0},
        {KAT_BRA, "BRA", 0, 0, 1772323200},
        {KAT_SWE2, "SWE", 1780272000, 0, 0},
    };
    Wtovote__V1__MemberKey k[5], *kp[5];
    wv_public_key pubs[5], sec;
    for (int i = 0; i < 5; i++) {
        wtovote__v1__member_key__init(&k[i]);
        wv_secret_key_public(c->keys[ks[i].signer], &pubs[i]);
        k[i].member = (char *)ks[i].member;
        k[i].key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, pubs[i].key_id};
        k[i].public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, pubs[i].pk};
        k[i].valid_from = ks[i].from;
        k[i].valid_until = ks[i].until;
        k[i].revoked_at = ks[i].revoked;
        kp[i] = &k[i];
    }
    wv_roster_msg r = WTOVOTE__V1__ROSTER__INIT;
    r.version = WV_WIRE_VERSION;
    r.as_of = "2024-08-30";
    r.n_members = 6;
    r.members = mp;
    r.n_keys = 5;
    r.keys = kp;
    json_t *arr = json_array();
    wv_status st = roster_vector(c, arr, "roster_draft",
                                 "unsigned draft: Envelope without key_id and signature", &r,
                                 -1, err);
    wv_secret_key_public(c->keys[KAT_SECRETARIAT], &sec);
    r.secretariat_key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, sec.key_id};
    r.secretariat_public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, sec.pk};
    if (st == WV_OK)
        st = roster_vector(c, arr, "roster_signed",
                           "the same roster signed by the Secretariat (its key id and public "
                           "key in the body)", &r, KAT_SECRETARIAT, err);
    /* The chair's meeting opening signs in this roster's fingerprint. */
    const struct saved *signed_roster = st == WV_OK ? find_saved(c, "roster_signed") : NULL;
    if (signed_roster != NULL)
        st = wv_roster_decode(signed_roster->env, signed_roster->len, &c->roster, err);
    if (st != WV_OK) {
        json_decref(arr);
        return st;
    }
    return kat_files_add_json(c->files, "kat/roster.json",
                              file_json("Roster", "Roster envelopes (type BODY_ROSTER); "
                                        "fingerprint = SHA-256(body)", arr), err);
}

/* ------------------------------------------------------------- acts */

/* Acts and chair events are sealed by the session layer from plain inputs
 * (wv_act_seal, wv_chair_seal: the writers' one path), so a vector is what
 * `act sign` and a session write. The vectors from before Act.nonce and
 * ChairEvent.nonce leave the nonce empty (no_nonce) and keep their bytes;
 * the *_nonce vectors give 16 fixed bytes. */
static const uint8_t act_nonce[WV_ACT_NONCE_BYTES] = {
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
static const uint8_t chair_nonce[WV_ACT_NONCE_BYTES] = {
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
    0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f};

typedef struct act_spec {
    const char *name, *desc;
    int signer;
    wv_act_input in;
} act_spec;

#define ACT(kind_, member_, item_, choice_, bloc_, time_, statement_)                          \
    {.kind = WV_ACT_##kind_, .member = (member_), .item = (item_),                             \
     .choice = WV_CHOICE_##choice_, .eu_bloc = (bloc_), .time = (time_),                       \
     .statement = (statement_), .no_nonce = 1}
static const act_spec acts[] = {
    {"act_attend", "SWE attends", KAT_SWE, ACT(ATTEND, "SWE", 0, NONE, 0, T0 + 300, NULL)},
    {"act_leave", "SWE leaves", KAT_SWE, ACT(LEAVE, "SWE", 0, NONE, 0, T0 + 7200, NULL)},
    {"act_object", "USA makes a formal objection with a reason (WTO Agreement IX:1 fn 1)",
     KAT_USA, ACT(OBJECT, "USA", 1, NONE, 0, T0 + 900,
                  "The United States objects to the waiver as drafted.")},
    {"act_withdraw", "USA withdraws its objection", KAT_USA,
     ACT(WITHDRAW, "USA", 1, NONE, 0, T0 + 1200, NULL)},
    {"act_vote_yes", "SWE votes yes with its second key", KAT_SWE2,
     ACT(VOTE, "SWE", 1, YES, 0, T0 + 2400, NULL)},
    {"act_vote_no", "USA votes no", KAT_USA, ACT(VOTE, "USA", 1, NO, 0, T0 + 2410, NULL)},
    {"act_vote_abstain", "SWE abstains on item 2", KAT_SWE,
     ACT(VOTE, "SWE", 2, ABSTAIN, 0, T0 + 2420, NULL)},
    {"act_vote_eu_bloc", "the EU casts the bloc vote (WTO Agreement IX:1 fn 2)", KAT_EU,
     ACT(VOTE, "EU", 1, YES, 1, T0 + 2430, NULL)},
    {"act_request_vote", "USA requests a vote (WT/L/93)", KAT_USA,
     ACT(REQUEST_VOTE, "USA", 1, NONE, 0, T0 + 1500, NULL)},
    {"act_accept", "SWE accepts the amendment of item 3 (Article X:7)", KAT_SWE,
     ACT(ACCEPT, "SWE", 3, NONE, 0, T0 + 3600, NULL)},
    {"act_statement", "the EU makes a statement (non-ASCII UTF-8)", KAT_EU,
     ACT(STATEMENT, "EU", 2, NONE, 0, T0 + 3000,
         "L'Union europ\xc3\xa9" "enne se f\xc3\xa9licite de l'accord.")},
    {"act_attend_nonce", "USA attends; Act.nonce (field 11) = 16 fixed bytes 10 11 .. 1f",
     KAT_USA, {.kind = WV_ACT_ATTEND, .member = "USA", .time = T0 + 310, .nonce = act_nonce}},
};
#undef ACT

static wv_status build_acts(ctx *c, wv_error *err)
{
    json_t *arr = json_array();
    wv_status st = WV_OK;
    for (size_t i = 0; i < sizeof acts / sizeof acts[0] && st == WV_OK; i++) {
        const act_spec *s = &acts[i];
        uint8_t *env = NULL;
        size_t len = 0;
        wv_act_input in = s->in;
        in.meeting_ref = c->meeting_ref;
        st = wv_act_seal(&in, MEETING, c->keys[s->signer], &env, &len, err);
        if (st == WV_OK)
            st = add_vector(c, arr, s->name, s->desc, env, len, s->signer, err);
        else
            wv_error_prefix(err, "vector %s", s->name);
    }
    if (st != WV_OK) {
        json_decref(arr);
        return st;
    }
    return kat_files_add_json(c->files, "kat/act.json",
                              file_json("Act", "Act envelopes (type BODY_ACT), meeting "
                                        MEETING, arr), err);
}

/* ------------------------------------------------------------- chair events */

static wv_status chair(ctx *c, json_t *arr, const char *name, const char *desc,
                       const char *meeting_id, const wv_chair_input *in, wv_error *err)
{
    uint8_t *env = NULL;
    size_t len = 0;
    wv_chair_input bound = *in; /* an opening ignores it */
    bound.meeting_ref = c->meeting_ref;
    wv_status st = wv_chair_seal(&bound, meeting_id, c->roster, c->keys[KAT_SECRETARIAT], &env,
                                 &len, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "vector %s", name);
        return st;
    }
    return add_vector(c, arr, name, desc, env, len, KAT_SECRETARIAT, err);
}

/* Meeting openings: the Meeting's fields (SPEC.md, "Chair events"), each
 * with a fixed Meeting.nonce (16 ASCII bytes; `meeting open` draws one). */
static const struct opening {
    const char *name, *desc, *meeting_id;
    wv_meeting_setup setup;
} openings[] = {
    {"chair_meeting_open",
     "the chair opens the meeting (fingerprint of roster_signed, default quorum 0/0, "
     "Meeting.nonce \"wtovote-kat-0001\"); every other act and chair event vector carries "
     "its meeting_ref", MEETING,
     {.body = "general-council", .title = "General Council, 27 November 2026",
      .meeting_nonce = (const uint8_t *)"wtovote-kat-0001"}},
    {"chair_meeting_open_quorum", "a plurilateral body's meeting with an explicit quorum of 1/2",
     "ITA-2026-11-27",
     {.body = "plurilateral:ita", .title = "Committee of the Parties", .quorum_num = 1,
      .quorum_den = 2, .meeting_nonce = (const uint8_t *)"wtovote-kat-0002"}},
    {"chair_meeting_open_gatt",
     "a session of the CONTRACTING PARTIES (GATT 1947 Art. XXV:1), the body competent for "
     "gatt-waiver", "CP-1960-11-16",
     {.body = "contracting-parties",
      .title = "CONTRACTING PARTIES to GATT 1947, seventeenth session",
      .meeting_nonce = (const uint8_t *)"wtovote-kat-0003"}},
    {"chair_meeting_open_clock_skew",
     "a meeting whose Members' acts may be timed up to 300 s ahead of the Secretariat's clock "
     "(max_clock_skew_seconds = 300, field 12; 0: 120)", "GC-2026-11-30",
     {.body = "general-council",
      .title = "General Council, Members' clocks up to 5 minutes ahead",
      .max_clock_skew = 300, .meeting_nonce = (const uint8_t *)"wtovote-kat-0004"}},
};

/* The chair_meeting_open vector's meeting_ref, before anything is bound to
 * it: the opening sealed as its vector is (the same bytes). */
static wv_status bind_meeting(ctx *c, wv_error *err)
{
    const wv_chair_input in = {.kind = WV_CHAIR_MEETING_OPEN, .time = T0,
                               .meeting = &openings[0].setup, .no_nonce = 1};
    uint8_t *env = NULL;
    size_t len = 0;
    wv_status st = wv_chair_seal(&in, openings[0].meeting_id, c->roster,
                                 c->keys[KAT_SECRETARIAT], &env, &len, err);
    if (st == WV_OK)
        st = wv_meeting_ref_of_envelope(env, len, c->meeting_ref, err);
    free(env);
    return st;
}

static wv_status chair_meetings(ctx *c, json_t *arr, wv_error *err)
{
    wv_status st = WV_OK;
    for (size_t i = 0; i < sizeof openings / sizeof openings[0] && st == WV_OK; i++) {
        const struct opening *o = &openings[i];
        const wv_chair_input in = {.kind = WV_CHAIR_MEETING_OPEN, .time = T0,
                                   .meeting = &o->setup, .no_nonce = 1};
        st = chair(c, arr, o->name, o->desc, o->meeting_id, &in, err);
    }
    if (st != WV_OK)
        return st;
    const wv_chair_input close = {.kind = WV_CHAIR_MEETING_CLOSE, .time = T0 + 7300,
                                  .no_nonce = 1};
    return chair(c, arr, "chair_meeting_close", "the chair closes the meeting", MEETING, &close,
                 err);
}

static wv_status chair_motions(ctx *c, json_t *arr, wv_error *err)
{
    wv_motion_input waiver = {.item = 1, .title = "Waiver: temporary tariff measures",
                              .procedure = "waiver", .proponent = "USA",
                              .consensus_period_days = 90,
                              .circumstances = "Extraordinary disruption of supply chains.",
                              .terms = "Annual report to the General Council.",
                              .termination = "2031-12-31"};
    wv_chair_input in = {.kind = WV_CHAIR_MOTION_TABLE, .time = T0 + 60, .motion = &waiver,
                         .no_nonce = 1};
    wv_status st = chair(c, arr, "chair_motion_table_waiver",
                         "a waiver with the Article IX:4 fields and a 90-day consensus period "
                         "(IX:3(a))", MEETING, &in, err);
    waiver.transition_obligation = 1; /* IX:3 fn 4: consensus only */
    waiver.termination = "2030-12-31";
    in.kind = WV_CHAIR_MOTION_REVISE;
    in.time = T0 + 600;
    if (st == WV_OK)
        st = chair(c, arr, "chair_motion_revise",
                   "the waiver revised: transition obligation (IX:3 fn 4), earlier termination",
                   MEETING, &in, err);
    /* Given out of order: the wire wants them sorted, and the seal sorts. */
    static const char *const parties[] = {"USA", "BRA", "SWE", "EU"};
    const wv_motion_input pl = {.item = 2,
                                .title = "Decision of the parties to a plurilateral agreement",
                                .procedure = "plurilateral", .parties = parties,
                                .n_parties = 4};
    in = (wv_chair_input){.kind = WV_CHAIR_MOTION_TABLE, .time = T0 + 120, .motion = &pl,
                          .no_nonce = 1};
    if (st == WV_OK)
        st = chair(c, arr, "chair_motion_table_plurilateral",
                   "a plurilateral motion (Annex 4) with its parties sorted", MEETING, &in, err);
    const wv_motion_input am = {.item = 3, .title = "Amendment of Article X:3 type",
                                .procedure = "amendment-x3", .proponent = "EU",
                                .acceptance_deadline = "2028-11-27"};
    in.time = T0 + 180;
    in.motion = &am;
    if (st == WV_OK)
        st = chair(c, arr, "chair_motion_table_amendment",
                   "an amendment with an acceptance deadline (Article X:7)", MEETING, &in, err);
    /* IX:3(b): the General Council decides on the Goods Council's report */
    static const uint8_t leaf[32] = {0x5a, 0x01};
    const wv_motion_input an = {
        .item = 4, .title = "Waiver: Kimberley Process Certification Scheme (GATT 1994)",
        .procedure = "waiver-annex1", .circumstances = "Extraordinary disruption of supply chains.",
        .terms = "Annual report to the General Council.", .termination = "2030-12-31",
        .report_meeting = "CTG-2026-10-30", .report_body = "goods-council", .report_item = 2,
        .report_outcome = WV_OUTCOME_RECOMMENDED, .report_leaf = leaf};
    in.time = T0 + 240;
    in.motion = &an;
    if (st == WV_OK)
        st = chair(c, arr, "chair_motion_table_annex1_waiver",
                   "an Annex 1A waiver decided on the Goods Council's recommendation, which the "
                   "motion cites: meeting, body, item, outcome 6 (recommended) and the RFC 9162 "
                   "leaf hash of its CHAIR_DECIDE entry (Art. IX:3(b); Motion field 9)", MEETING,
                   &in, err);
    return st;
}

/* Two-limb rows decided pending at the vote stage before any ballot (166
 * Members, 90 present, one objection): the Decision publishes both limbs,
 * the votes-cast limb 0 (unknown until votes are cast), the Members limb 84
 * (SPEC "Decision procedure", step 10). check_kat re-derives them. */
static wv_status chair_two_limbs(ctx *c, json_t *arr, wv_error *err)
{
    static const struct { const char *name, *proc, *desc; uint32_t item; } rows[] = {
        {"chair_decide_budget_pending", "budget",
         "budget (Art. VII:3) pending at the vote stage, no vote held: required 0, "
         "required_of_votes_cast 0, required_of_members 84 of 166", 5},
        {"chair_decide_gatt_waiver_pending", "gatt-waiver",
         "GATT 1947 waiver (Art. XXV:5) pending at the vote stage, no vote held: required 0, "
         "required_of_votes_cast 0, required_of_members 84 of 166", 6},
    };
    wv_status st = WV_OK;
    for (size_t i = 0; st == WV_OK && i < sizeof rows / sizeof rows[0]; i++) {
        const wv_published_decision d = {
            .procedure = rows[i].proc, .outcome = WV_OUTCOME_PENDING, .stage = WV_STAGE_VOTE,
            .members = 166, .present = 90, .objections = 1,
            .required_of_members = 84}; /* more than half of 166 */
        const wv_chair_input in = {.kind = WV_CHAIR_DECIDE, .item = rows[i].item,
                                   .time = T0 + 3200, .decision = &d, .no_nonce = 1};
        st = chair(c, arr, rows[i].name, rows[i].desc, MEETING, &in, err);
    }
    return st;
}

static wv_status chair_steps(ctx *c, json_t *arr, wv_error *err)
{
    wv_chair_input in = {.kind = WV_CHAIR_CONSENSUS_CALL, .item = 1, .time = T0 + 1800,
                         .no_nonce = 1};
    wv_status st = chair(c, arr, "chair_consensus_call",
                         "the chair calls for consensus on item 1", MEETING, &in, err);
    in.nonce = chair_nonce;
    in.no_nonce = 0;
    in.time = T0 + 1900;
    if (st == WV_OK)
        st = chair(c, arr, "chair_consensus_call_nonce",
                   "consensus called again on item 1; ChairEvent.nonce (field 14) = 16 fixed "
                   "bytes 20 21 .. 2f", MEETING, &in, err);
    in = (wv_chair_input){.kind = WV_CHAIR_VOTE_OPEN, .item = 1, .time = T0 + 2000,
                          .no_nonce = 1};
    if (st == WV_OK)
        st = chair(c, arr, "chair_vote_open", "the vote on item 1 opens", MEETING, &in, err);
    in.kind = WV_CHAIR_VOTE_CLOSE;
    in.time = T0 + 3000;
    if (st == WV_OK)
        st = chair(c, arr, "chair_vote_close", "the vote on item 1 closes", MEETING, &in, err);
    static const wv_published_decision d = {
        .procedure = "waiver", .outcome = WV_OUTCOME_ADOPTED, .stage = WV_STAGE_VOTE,
        .required = 125, /* three fourths of 166 Members (IX:3) */
        .members = 166, .present = 150, .objections = 1, .yes = 140, .no = 6, .abstain = 4};
    in.kind = WV_CHAIR_DECIDE;
    in.time = T0 + 3100;
    in.decision = &d;
    if (st == WV_OK)
        st = chair(c, arr, "chair_decide", "the chair declares the decision on item 1", MEETING,
                   &in, err);
    if (st == WV_OK)
        st = chair_two_limbs(c, arr, err);
    /* a key presented during the meeting, confirmed by the chair */
    wv_public_key pub;
    wv_secret_key_public(c->keys[KAT_SWE2], &pub);
    const wv_chair_input enrol = {.kind = WV_CHAIR_KEY_ENROL, .time = T0 + 900,
                                  .enrol_member = "BRA", .enrol_key = &pub, .no_nonce = 1};
    if (st == WV_OK)
        st = chair(c, arr, "chair_key_enrol",
                   "the chair enrols a key presented by BRA during the meeting (the swe2 "
                   "signer's public key): valid for BRA's acts from this entry on", MEETING,
                   &enrol, err);
    return st;
}

static wv_status build_chair(ctx *c, wv_error *err)
{
    json_t *arr = json_array();
    wv_status st = chair_meetings(c, arr, err);
    if (st == WV_OK)
        st = chair_motions(c, arr, err);
    if (st == WV_OK)
        st = chair_steps(c, arr, err);
    if (st != WV_OK) {
        json_decref(arr);
        return st;
    }
    return kat_files_add_json(c->files, "kat/chair_event.json",
                              file_json("ChairEvent", "ChairEvent envelopes (type "
                                        "BODY_CHAIR_EVENT), signed by the Secretariat", arr), err);
}

/* ------------------------------------------------------------- receipts */

static const char *const log_entries[] = {"chair_meeting_open", "chair_motion_table_waiver",
                                          "act_attend", "act_vote_yes", "act_vote_eu_bloc"};
#define N_LOG (sizeof log_entries / sizeof log_entries[0])

static wv_status receipt_vector(ctx *c, json_t *arr, const char *name, uint64_t index,
                                const uint8_t *leaves, const char *cp, size_t cp_len,
                                wv_error *err)
{
    const struct saved *s = find_saved(c, log_entries[index]);
    uint8_t proof[WV_MERKLE_MAX_PROOF * WV_HASH_BYTES], *r = NULL;
    size_t plen = 0, rlen = 0;
    wv_status st = wv_merkle_inclusion_proof(leaves, N_LOG, index, proof, &plen, err);
    if (st == WV_OK)
        st = wv_receipt_build(s->env, s->len, index, N_LOG, proof, plen, cp, cp_len, &r, &rlen,
                              err);
    wv_receipt_msg *m = NULL;
    if (st == WV_OK)
        st = wv_receipt_msg_decode(r, rlen, &m, err);
    if (st != WV_OK) {
        free(r);
        return st;
    }
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "entry_vector", json_string(s->name));
    json_object_set_new(o, "entry", hex_json(s->env, s->len));
    json_object_set_new(o, "input", kat_msg_to_json(&m->base));
    json_object_set_new(o, "body", hex_json(r, rlen));
    json_array_append_new(arr, o);
    wv_message_free(m);
    free(r);
    return WV_OK;
}

static wv_status build_receipts(ctx *c, wv_error *err)
{
    uint8_t leaves[N_LOG * WV_HASH_BYTES];
    json_t *log = json_array();
    for (size_t i = 0; i < N_LOG; i++) {
        const struct saved *s = find_saved(c, log_entries[i]);
        wv_merkle_leaf_hash(s->env, s->len, leaves + i * WV_HASH_BYTES);
        json_t *o = json_object();
        json_object_set_new(o, "index", json_integer((json_int_t)i));
        json_object_set_new(o, "vector", json_string(s->name));
        json_object_set_new(o, "leaf_hash", hex_json(leaves + i * WV_HASH_BYTES, WV_HASH_BYTES));
        json_array_append_new(log, o);
    }
    wv_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    cp.size = N_LOG;
    wv_merkle_root(leaves, N_LOG, cp.root);
    char *note = NULL;
    size_t note_len = 0;
    json_t *arr = json_array();
    wv_status st = wv_checkpoint_origin(NULL, MEETING, cp.origin, err);
    if (st == WV_OK)
        st = wv_checkpoint_sign(&cp, c->keys[KAT_SECRETARIAT], &note, &note_len, err);
    if (st == WV_OK)
        st = receipt_vector(c, arr, "receipt_act", 3, leaves, note, note_len, err);
    if (st == WV_OK)
        st = receipt_vector(c, arr, "receipt_chair_event", 0, leaves, note, note_len, err);
    if (st != WV_OK) {
        free(note);
        json_decref(arr);
        json_decref(log);
        return st;
    }
    json_t *f = file_json("Receipt", "Receipts for entries of a five-entry log of KAT "
                          "envelopes; leaf hash = SHA-256(0x00 || envelope) (RFC 9162)", arr);
    json_object_set_new(f, "log", log);
    json_object_set_new(f, "tree_size", json_integer(N_LOG));
    json_object_set_new(f, "root", hex_json(cp.root, WV_HASH_BYTES));
    json_object_set_new(f, "checkpoint", json_stringn(note, note_len));
    free(note);
    return kat_files_add_json(c->files, "kat/receipt.json", f, err);
}

/* ------------------------------------------------------------- key files */

static wv_status signer_files(ctx *c, int i, json_t *arr, wv_error *err)
{
    const char *name = kat_signer_name(i);
    wv_public_key pub;
    uint8_t seed[32], pk[32], sk64[64];
    char *pubtxt = NULL, *keytxt = NULL, *sig = NULL, path[64], disp[17];
    kat_seed(i, seed);
    crypto_sign_seed_keypair(pk, sk64, seed);
    wv_secret_key_public(c->keys[i], &pub);
    wv_key_id_format(pub.key_id, disp);
    wv_status st = wv_public_key_format(&pub, &pubtxt, err);
    if (st == WV_OK)
        st = wv_secret_key_format(c->keys[i], NULL, &keytxt, err);
    if (st == WV_OK)
        st = wv_minisig_create(c->keys[i], (const uint8_t *)kat_minisig_message,
                               strlen(kat_minisig_message), kat_minisig_trusted_comment, &sig,
                               err);
    if (st == WV_OK) {
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(name));
        json_object_set_new(o, "seed", hex_json(seed, 32));
        json_object_set_new(o, "secret_key", hex_json(sk64, 64));
        json_object_set_new(o, "public_key", hex_json(pub.pk, 32));
        json_object_set_new(o, "key_id", hex_json(pub.key_id, 8));
        json_object_set_new(o, "key_id_display", json_string(disp));
        json_object_set_new(o, "pub_file", json_string(pubtxt));
        json_object_set_new(o, "key_file", json_string(keytxt));
        json_object_set_new(o, "minisig_file", json_string(sig));
        json_array_append_new(arr, o);
        snprintf(path, sizeof path, "kat/keys/%s.pub", name);
        st = kat_files_add(c->files, path, pubtxt, strlen(pubtxt), err);
    }
    if (st == WV_OK) {
        snprintf(path, sizeof path, "kat/keys/%s.key", name);
        st = kat_files_add(c->files, path, keytxt, strlen(keytxt), err);
    }
    if (st == WV_OK) {
        snprintf(path, sizeof path, "kat/keys/%s.minisig", name);
        st = kat_files_add(c->files, path, sig, strlen(sig), err);
    }
    sodium_memzero(sk64, sizeof sk64);
    free(pubtxt);
    wv_secure_free_string(keytxt);
    free(sig);
    return st;
}

static wv_status build_keys(ctx *c, wv_error *err)
{
    json_t *arr = json_array();
    wv_status st = WV_OK;
    for (int i = 0; i < KAT_N_SIGNERS && st == WV_OK; i++)
        st = signer_files(c, i, arr, err);
    if (st == WV_OK)
        st = kat_files_add(c->files, "kat/keys/message.txt", kat_minisig_message,
                           strlen(kat_minisig_message), err);
    if (st != WV_OK) {
        json_decref(arr);
        return st;
    }
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string("wtovote-kat/1"));
    json_object_set_new(o, "description",
                        json_string("Signer i has seed bytes 32*i .. 32*i+31; key id = first 8 "
                                    "bytes of BLAKE2b-256(\"wtovote key id\" || seed); .key "
                                    "files unencrypted; .minisig over minisig_message"));
    json_object_set_new(o, "minisig_message", json_string(kat_minisig_message));
    json_object_set_new(o, "minisig_trusted_comment", json_string(kat_minisig_trusted_comment));
    json_object_set_new(o, "signers", arr);
    return kat_files_add_json(c->files, "kat/keys.json", o, err);
}

wv_status kat_generate_kat(kat_files *out, wv_error *err)
{
    ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    c->files = out;
    wv_status st = WV_OK;
    for (int i = 0; i < KAT_N_SIGNERS && st == WV_OK; i++)
        st = kat_signer_key(i, &c->keys[i], err);
    /* The roster first: the meeting names its fingerprint. Acts and chair
     * events before receipts, which log their envelopes. */
    if (st == WV_OK)
        st = build_keys(c, err);
    if (st == WV_OK)
        st = build_roster(c, err);
    if (st == WV_OK)
        st = bind_meeting(c, err);
    if (st == WV_OK)
        st = build_acts(c, err);
    if (st == WV_OK)
        st = build_chair(c, err);
    if (st == WV_OK)
        st = build_receipts(c, err);
    for (int i = 0; i < KAT_N_SIGNERS; i++)
        wv_secret_key_free(c->keys[i]);
    wv_roster_free(c->roster);
    for (size_t i = 0; i < c->n_saved; i++)
        free(c->saved[i].env);
    free(c);
    return st;
}
