/* Builders of the known-answer vectors under vectors/kat/: one JSON file per
 * signed message type (act, chair_event, roster), the receipt, and the key
 * files of the fixed signers. Everything is deterministic: keys come from
 * fixed seeds and Ed25519 signatures are deterministic (RFC 8032). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kat_build.h"
#include "wtovote/merkle.h"
#include "wtovote/note.h"
#include "wtovote/record.h"
#include "wtovote/roster.h"

#define MEETING "GC-2026-11-27"
#define T0 1795773600 /* 2026-11-27T10:00:00Z, the meeting opens */

typedef struct ctx {
    wv_secret_key *keys[KAT_N_SIGNERS];
    uint8_t roster_fp[32]; /* fingerprint of the signed roster */
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

/* One vector: encodes body, seals it (signer < 0: unsigned draft), appends
 * the JSON object to arr and keeps the envelope under name. */
static wv_status add_vector(ctx *c, json_t *arr, const char *name, const char *desc,
                            Wtovote__V1__BodyType type, const ProtobufCMessage *body,
                            int signer, wv_error *err)
{
    uint8_t *b = NULL, *env = NULL;
    size_t blen = 0, elen = 0;
    wv_status st = wv_message_encode(body, &b, &blen, err);
    if (st == WV_OK)
        st = signer < 0 ? draft_envelope(b, blen, &env, &elen, err)
                        : wv_envelope_seal_bytes(type, b, blen, c->keys[signer], &env, &elen, err);
    wv_envelope *e = NULL;
    if (st == WV_OK)
        st = wv_envelope_decode(env, elen, &e, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "vector %s", name);
        free(b);
        free(env);
        return st;
    }
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
        if (signer >= 0)
            memcpy(c->roster_fp, fp, sizeof fp);
    }
    json_array_append_new(arr, o);
    wv_message_free(e);
    free(b);
    return save_envelope(c, name, env, elen, err);
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
    wv_status st = add_vector(c, arr, "roster_draft",
                              "unsigned draft: Envelope without key_id and signature",
                              WTOVOTE__V1__BODY_TYPE__BODY_ROSTER, &r.base, -1, err);
    wv_secret_key_public(c->keys[KAT_SECRETARIAT], &sec);
    r.secretariat_key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, sec.key_id};
    r.secretariat_public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, sec.pk};
    if (st == WV_OK)
        st = add_vector(c, arr, "roster_signed",
                        "the same roster signed by the Secretariat (its key id and public key "
                        "in the body)",
                        WTOVOTE__V1__BODY_TYPE__BODY_ROSTER, &r.base, KAT_SECRETARIAT, err);
    if (st != WV_OK) {
        json_decref(arr);
        return st;
    }
    return kat_files_add_json(c->files, "kat/roster.json",
                              file_json("Roster", "Roster envelopes (type BODY_ROSTER); "
                                        "fingerprint = SHA-256(body)", arr), err);
}

/* ------------------------------------------------------------- acts */

typedef struct act_spec {
    const char *name, *desc;
    int signer;
    const char *member;
    Wtovote__V1__ActKind kind;
    uint32_t item;
    Wtovote__V1__Choice choice;
    int eu_bloc;
    int64_t time;
    const char *statement;
} act_spec;

#define K(x) WTOVOTE__V1__ACT_KIND__ACT_##x
#define C(x) WTOVOTE__V1__CHOICE__CHOICE_##x
static const act_spec acts[] = {
    {"act_attend", "SWE attends", KAT_SWE, "SWE", K(ATTEND), 0, 0, 0, T0 + 300, NULL},
    {"act_leave", "SWE leaves", KAT_SWE, "SWE", K(LEAVE), 0, 0, 0, T0 + 7200, NULL},
    {"act_object", "USA makes a formal objection with a reason (WTO Agreement IX:1 fn 1)",
     KAT_USA, "USA", K(OBJECT), 1, 0, 0, T0 + 900,
     "The United States objects to the waiver as drafted."},
    {"act_withdraw", "USA withdraws its objection", KAT_USA, "USA", K(WITHDRAW), 1, 0, 0,
     T0 + 1200, NULL},
    {"act_vote_yes", "SWE votes yes with its second key", KAT_SWE2, "SWE", K(VOTE), 1, C(YES),
     0, T0 + 2400, NULL},
    {"act_vote_no", "USA votes no", KAT_USA, "USA", K(VOTE), 1, C(NO), 0, T0 + 2410, NULL},
    {"act_vote_abstain", "SWE abstains on item 2", KAT_SWE, "SWE", K(VOTE), 2, C(ABSTAIN), 0,
     T0 + 2420, NULL},
    {"act_vote_eu_bloc", "the EU casts the bloc vote (WTO Agreement IX:1 fn 2)", KAT_EU, "EU",
     K(VOTE), 1, C(YES), 1, T0 + 2430, NULL},
    {"act_request_vote", "USA requests a vote (WT/L/93)", KAT_USA, "USA", K(REQUEST_VOTE), 1, 0,
     0, T0 + 1500, NULL},
    {"act_accept", "SWE accepts the amendment of item 3 (Article X:7)", KAT_SWE, "SWE",
     K(ACCEPT), 3, 0, 0, T0 + 3600, NULL},
    {"act_statement", "the EU makes a statement (non-ASCII UTF-8)", KAT_EU, "EU", K(STATEMENT),
     2, 0, 0, T0 + 3000, "L'Union europ\xc3\xa9" "enne se f\xc3\xa9licite de l'accord."},
};
#undef K
#undef C

static wv_status build_acts(ctx *c, wv_error *err)
{
    json_t *arr = json_array();
    wv_status st = WV_OK;
    for (size_t i = 0; i < sizeof acts / sizeof acts[0] && st == WV_OK; i++) {
        const act_spec *s = &acts[i];
        wv_act a = WTOVOTE__V1__ACT__INIT;
        a.version = WV_WIRE_VERSION;
        a.meeting_id = MEETING;
        a.member = (char *)s->member;
        a.kind = s->kind;
        a.item = s->item;
        a.choice = s->choice;
        a.eu_bloc = s->eu_bloc;
        a.time = s->time;
        if (s->statement)
            a.statement = (char *)s->statement;
        st = add_vector(c, arr, s->name, s->desc, WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base,
                        s->signer, err);
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

#define CK(x) WTOVOTE__V1__CHAIR_KIND__CHAIR_##x

static wv_status chair(ctx *c, json_t *arr, const char *name, const char *desc,
                       wv_chair_event *e, wv_error *err)
{
    return add_vector(c, arr, name, desc, WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT, &e->base,
                      KAT_SECRETARIAT, err);
}

static void event(wv_chair_event *e, Wtovote__V1__ChairKind kind, int64_t t, uint32_t item)
{
    wtovote__v1__chair_event__init(e);
    e->version = WV_WIRE_VERSION;
    e->meeting_id = MEETING;
    e->kind = kind;
    e->time = t;
    e->item = item;
}

static wv_status chair_meetings(ctx *c, json_t *arr, wv_error *err)
{
    Wtovote__V1__Meeting m = WTOVOTE__V1__MEETING__INIT;
    wv_chair_event e;
    event(&e, CK(MEETING_OPEN), T0, 0);
    m.id = MEETING;
    m.body = "general-council";
    m.title = "General Council, 27 November 2026";
    m.roster_fingerprint = (ProtobufCBinaryData){32, c->roster_fp};
    e.meeting = &m;
    wv_status st = chair(c, arr, "chair_meeting_open",
                         "the chair opens the meeting (fingerprint of roster_signed, default "
                         "quorum 0/0)", &e, err);
    if (st != WV_OK)
        return st;
    event(&e, CK(MEETING_OPEN), T0, 0);
    e.meeting_id = m.id = "ITA-2026-11-27";
    m.body = "plurilateral:ita";
    m.title = "Committee of the Parties";
    m.quorum_numerator = 1;
    m.quorum_denominator = 2;
    e.meeting = &m;
    st = chair(c, arr, "chair_meeting_open_quorum",
               "a plurilateral body's meeting with an explicit quorum of 1/2", &e, err);
    if (st != WV_OK)
        return st;
    event(&e, CK(MEETING_OPEN), T0, 0);
    e.meeting_id = m.id = "GC-2026-11-28";
    m.body = "general-council";
    m.title = "General Council, WT/L/93 read as requiring a request";
    m.quorum_numerator = m.quorum_denominator = 0;
    m.vote_request_reading = WTOVOTE__V1__VOTE_REQUEST_READING__VOTE_REQUEST_REQUIRED;
    e.meeting = &m;
    st = chair(c, arr, "chair_meeting_open_wtl93_required",
               "a meeting whose WT/L/93 reading is 'required' (vote_request_reading = 2, "
               "field 7): a vote only after the period and on a Member's request", &e, err);
    if (st != WV_OK)
        return st;
    event(&e, CK(MEETING_CLOSE), T0 + 7300, 0);
    return chair(c, arr, "chair_meeting_close", "the chair closes the meeting", &e, err);
}

static wv_status chair_motions(ctx *c, json_t *arr, wv_error *err)
{
    Wtovote__V1__Waiver w = WTOVOTE__V1__WAIVER__INIT;
    Wtovote__V1__Motion mo = WTOVOTE__V1__MOTION__INIT;
    wv_chair_event e;
    w.exceptional_circumstances = "Extraordinary disruption of supply chains.";
    w.terms_and_conditions = "Annual report to the General Council.";
    w.termination_date = "2031-12-31";
    mo.item = 1;
    mo.title = "Waiver: temporary tariff measures";
    mo.procedure = "waiver";
    mo.consensus_period_days = 90;
    mo.waiver = &w;
    mo.proponent = "USA";
    event(&e, CK(MOTION_TABLE), T0 + 60, 1);
    e.motion = &mo;
    wv_status st = chair(c, arr, "chair_motion_table_waiver",
                         "a waiver with the Article IX:4 fields and a 90-day consensus period "
                         "(IX:3(a))", &e, err);
    if (st != WV_OK)
        return st;
    w.transition_obligation = 1; /* IX:3 fn 4: consensus only */
    w.termination_date = "2030-12-31";
    event(&e, CK(MOTION_REVISE), T0 + 600, 1);
    e.motion = &mo;
    st = chair(c, arr, "chair_motion_revise",
               "the waiver revised: transition obligation (IX:3 fn 4), earlier termination",
               &e, err);
    if (st != WV_OK)
        return st;
    static char *parties[] = {"BRA", "EU", "SWE", "USA"};
    Wtovote__V1__Motion pl = WTOVOTE__V1__MOTION__INIT;
    pl.item = 2;
    pl.title = "Decision of the parties to a plurilateral agreement";
    pl.procedure = "plurilateral";
    pl.n_parties = 4;
    pl.parties = parties;
    event(&e, CK(MOTION_TABLE), T0 + 120, 2);
    e.motion = &pl;
    st = chair(c, arr, "chair_motion_table_plurilateral",
               "a plurilateral motion (Annex 4) with its parties sorted", &e, err);
    if (st != WV_OK)
        return st;
    Wtovote__V1__Motion am = WTOVOTE__V1__MOTION__INIT;
    am.item = 3;
    am.title = "Amendment of Article X:3 type";
    am.procedure = "amendment-x3";
    am.acceptance_deadline = "2028-11-27";
    am.proponent = "EU";
    event(&e, CK(MOTION_TABLE), T0 + 180, 3);
    e.motion = &am;
    return chair(c, arr, "chair_motion_table_amendment",
                 "an amendment with an acceptance deadline (Article X:7)", &e, err);
}

static wv_status chair_steps(ctx *c, json_t *arr, wv_error *err)
{
    wv_chair_event e;
    event(&e, CK(CONSENSUS_CALL), T0 + 1800, 1);
    wv_status st = chair(c, arr, "chair_consensus_call", "the chair calls for consensus on item 1",
                         &e, err);
    event(&e, CK(VOTE_OPEN), T0 + 2000, 1);
    if (st == WV_OK)
        st = chair(c, arr, "chair_vote_open", "the vote on item 1 opens", &e, err);
    event(&e, CK(VOTE_CLOSE), T0 + 3000, 1);
    if (st == WV_OK)
        st = chair(c, arr, "chair_vote_close", "the vote on item 1 closes", &e, err);
    if (st != WV_OK)
        return st;
    Wtovote__V1__Decision d = WTOVOTE__V1__DECISION__INIT;
    d.item = 1;
    d.procedure = "waiver";
    d.outcome = WTOVOTE__V1__OUTCOME__OUTCOME_ADOPTED;
    d.stage = WTOVOTE__V1__STAGE__STAGE_VOTE;
    d.required = 125; /* three fourths of 166 Members (IX:3) */
    d.members = 166;
    d.present = 150;
    d.objections = 1;
    d.yes = 140;
    d.no = 6;
    d.abstain = 4;
    event(&e, CK(DECIDE), T0 + 3100, 1);
    e.decision = &d;
    st = chair(c, arr, "chair_decide", "the chair declares the decision on item 1", &e, err);
    if (st != WV_OK)
        return st;
    /* a key presented during the meeting, confirmed by the chair */
    wv_public_key pub;
    wv_secret_key_public(c->keys[KAT_SWE2], &pub);
    Wtovote__V1__MemberKey k = WTOVOTE__V1__MEMBER_KEY__INIT;
    k.member = "BRA";
    k.key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, pub.key_id};
    k.public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, pub.pk};
    event(&e, CK(KEY_ENROL), T0 + 900, 0);
    e.enrolment = &k;
    return chair(c, arr, "chair_key_enrol",
                 "the chair enrols a key presented by BRA during the meeting (the swe2 "
                 "signer's public key): valid for BRA's acts from this entry on", &e, err);
}
#undef CK

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
        st = build_acts(c, err);
    if (st == WV_OK)
        st = build_chair(c, err);
    if (st == WV_OK)
        st = build_receipts(c, err);
    for (int i = 0; i < KAT_N_SIGNERS; i++)
        wv_secret_key_free(c->keys[i]);
    for (size_t i = 0; i < c->n_saved; i++)
        free(c->saved[i].env);
    free(c);
    return st;
}
