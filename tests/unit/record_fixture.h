/* Shared by the record tests and the verify benchmark: deterministic keys
 * (wv_secret_key_from_seed), a signed roster with one key per Member, and
 * builders of signed chair events and acts (envelope bytes, sealed by the
 * session layer from its plain inputs). Header-only so
 * that each test program stays one file. */
#ifndef WV_TEST_RECORD_FIXTURE_H
#define WV_TEST_RECORD_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wtovote/pb.h"
#include "wtovote/meeting.h"
#include "wtovote/record.h"
#include "wtovote/roster.h"
#include "wtovote/session.h"
#include "wtovote/util.h"
#include "wtovote/wire.h"

#define RF_MID "GC-REC-TEST"
#define RF_MAX_MEMBERS 200

typedef struct rf {
    wv_roster *roster;
    wv_secret_key *sec;
    wv_secret_key *member_sk[RF_MAX_MEMBERS];
    size_t n_members;
    int64_t t;
    /* Meeting identity (SPEC.md): the next opening's Meeting.nonce (fixed
     * bytes, the last one counting openings, so that records stay the same
     * run to run and two openings are two meetings) and the meeting_ref of
     * the last opening built, which later events and acts carry. */
    uint8_t nonce[WV_MEETING_NONCE_BYTES];
    uint8_t ref[WV_MEETING_REF_BYTES];
} rf;

static inline void rf_seed(uint8_t seed[32], uint32_t who)
{
    memset(seed, 0, 32);
    memcpy(seed, "wtovote-test-key", 16);
    seed[28] = (uint8_t)(who >> 24);
    seed[29] = (uint8_t)(who >> 16);
    seed[30] = (uint8_t)(who >> 8);
    seed[31] = (uint8_t)who;
}

/* Roster: the embedded 166 Members (full) or the first `n` of them, each
 * with one key; signed by the Secretariat (seed 0xFFFFFFFF). 0 on success. */
static inline int rf_init(rf *f, size_t n)
{
    memset(f, 0, sizeof *f);
    f->t = 1767225600; /* 2026-01-01 */
    memcpy(f->nonce, "rf-meeting-nonce", WV_MEETING_NONCE_BYTES);
    uint8_t seed[32];
    rf_seed(seed, 0xFFFFFFFFu);
    if (wv_secret_key_from_seed(seed, &f->sec, NULL) != WV_OK)
        return -1;
    if (wv_roster_default(&f->roster, NULL) != WV_OK)
        return -1;
    size_t all = wv_roster_member_count(f->roster);
    f->n_members = n < all ? n : all;
    if (f->n_members > RF_MAX_MEMBERS)
        return -1;
    for (size_t i = 0; i < f->n_members; i++) {
        wv_public_key pub;
        rf_seed(seed, (uint32_t)i);
        if (wv_secret_key_from_seed(seed, &f->member_sk[i], NULL) != WV_OK)
            return -1;
        wv_secret_key_public(f->member_sk[i], &pub);
        const char *code = wv_roster_member_at(f->roster, i)->code;
        if (wv_roster_add_key(f->roster, code, &pub, 0, 0, NULL) != WV_OK)
            return -1;
    }
    return wv_roster_sign(f->roster, f->sec, NULL) == WV_OK ? 0 : -1;
}

static inline void rf_free(rf *f)
{
    for (size_t i = 0; i < f->n_members; i++)
        wv_secret_key_free(f->member_sk[i]);
    wv_secret_key_free(f->sec);
    wv_roster_free(f->roster);
}

static inline const char *rf_code(const rf *f, size_t i)
{
    return wv_roster_member_at(f->roster, i)->code;
}

typedef struct rf_env {
    uint8_t *buf;
    size_t len;
} rf_env;

/* Builders seal through the session layer's plain inputs (wv_act_seal,
 * wv_chair_seal), without a nonce: the bytes stay the same run to run.
 * Every event but an opening is bound to the last opening (f->ref); an
 * opening becomes the last. */
static inline rf_env rf_seal_chair(rf *f, const wv_chair_input *in, const char *meeting_id)
{
    rf_env e = {0};
    wv_error err;
    wv_chair_input c = *in;
    c.no_nonce = 1;
    c.meeting_ref = f->ref;
    wv_status st = wv_chair_seal(&c, meeting_id, f->roster, f->sec, &e.buf, &e.len, &err);
    if (st == WV_OK && c.kind == WV_CHAIR_MEETING_OPEN)
        st = wv_meeting_ref_of_envelope(e.buf, e.len, f->ref, &err);
    if (st != WV_OK) {
        fprintf(stderr, "rf_seal_chair: %s\n", err.message);
        abort();
    }
    return e;
}

static inline rf_env rf_chair(rf *f, wv_chair_kind kind, uint32_t item)
{
    wv_chair_input in = {.kind = kind, .item = item, .time = f->t++};
    return rf_seal_chair(f, &in, RF_MID);
}

static inline rf_env rf_open(rf *f, const char *meeting_id)
{
    wv_meeting_setup setup = {.id = meeting_id, .body = "general-council",
                              .title = "Record test meeting", .meeting_nonce = f->nonce};
    wv_chair_input in = {.kind = WV_CHAIR_MEETING_OPEN, .time = f->t++, .meeting = &setup};
    rf_env e = rf_seal_chair(f, &in, meeting_id);
    f->nonce[WV_MEETING_NONCE_BYTES - 1]++; /* the next opening is another meeting */
    return e;
}

static inline rf_env rf_table(rf *f, uint32_t item, const char *procedure)
{
    wv_motion_input mo = {.item = item, .title = "a motion", .procedure = procedure};
    wv_chair_input in = {.kind = WV_CHAIR_MOTION_TABLE, .time = f->t++, .motion = &mo};
    return rf_seal_chair(f, &in, RF_MID);
}

/* CHAIR_DECIDE carrying what the state machine `m` derives (as the session
 * does); with `tamper`, one count is off by one. */
static inline rf_env rf_decide(rf *f, const wv_meeting *m, uint32_t item, int tamper)
{
    wv_decision d;
    wv_decision_msg msg;
    wv_refusal why;
    int64_t t = f->t++;
    if (wv_meeting_decide_preview(m, item, t, &d, &msg, &why, NULL) != WV_OK)
        abort();
    wv_published_decision pub = {msg.procedure, (wv_outcome)msg.outcome, (wv_stage)msg.stage,
                                 msg.required, msg.members, msg.present, msg.objections,
                                 msg.yes + (tamper ? 1 : 0), msg.no, msg.abstain,
                                 msg.acceptances, msg.required_of_votes_cast,
                                 msg.required_of_members};
    wv_chair_input in = {.kind = WV_CHAIR_DECIDE, .item = item, .time = t, .decision = &pub};
    return rf_seal_chair(f, &in, RF_MID);
}

/* An act by Member i, signed with `sk` (NULL: the Member's own key). */
static inline rf_env rf_act_sk(rf *f, size_t i, wv_act_kind kind, uint32_t item, wv_choice choice,
                        const char *statement, const wv_secret_key *sk)
{
    wv_act_input a = {.kind = kind, .member = rf_code(f, i), .item = item, .choice = choice,
                      .time = f->t++, .statement = statement, .no_nonce = 1,
                      .meeting_ref = f->ref};
    rf_env e = {0};
    wv_error err;
    if (wv_act_seal(&a, RF_MID, sk ? sk : f->member_sk[i], &e.buf, &e.len, &err) != WV_OK) {
        fprintf(stderr, "rf_act_sk: %s\n", err.message);
        abort();
    }
    return e;
}

static inline rf_env rf_act(rf *f, size_t i, wv_act_kind kind, uint32_t item, wv_choice choice)
{
    return rf_act_sk(f, i, kind, item, choice, NULL, NULL);
}

/* Appends and frees; aborts when refused (the fixture's script is valid). */
static inline uint64_t rf_append(wv_record *rec, rf_env e)
{
    uint64_t index = 0;
    wv_error err;
    if (wv_record_append(rec, e.buf, e.len, &index, NULL, NULL, NULL, &err) != WV_OK) {
        fprintf(stderr, "rf_append: %s\n", err.message);
        abort();
    }
    free(e.buf);
    return index;
}

/* A small meeting: open, n Members attend, item 1 "consensus" called and
 * decided (adopted), item 2 "majority": an objection, a vote, a decision;
 * `statements` more statements at the end. Returns the number of entries. */
static inline uint64_t rf_script(rf *f, wv_record *rec, size_t attend, size_t statements)
{
    rf_append(rec, rf_open(f, RF_MID));
    for (size_t i = 0; i < attend; i++)
        rf_append(rec, rf_act(f, i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    rf_append(rec, rf_table(f, 1, "consensus"));
    rf_append(rec, rf_chair(f, WV_CHAIR_CONSENSUS_CALL, 1));
    rf_append(rec, rf_decide(f, wv_record_meeting(rec), 1, 0));
    rf_append(rec, rf_table(f, 2, "majority"));
    rf_append(rec, rf_chair(f, WV_CHAIR_CONSENSUS_CALL, 2));
    rf_append(rec, rf_act(f, 0, WV_ACT_OBJECT, 2, WV_CHOICE_NONE));
    rf_append(rec, rf_chair(f, WV_CHAIR_VOTE_OPEN, 2));
    for (size_t i = 0; i < attend; i++) /* the EU's member States vote themselves */
        if (strcmp(rf_code(f, i), WV_EU_CODE) != 0)
            rf_append(rec, rf_act(f, i, WV_ACT_VOTE, 2,
                                  i % 3 == 0 ? WV_CHOICE_NO : WV_CHOICE_YES));
    rf_append(rec, rf_chair(f, WV_CHAIR_VOTE_CLOSE, 2));
    rf_append(rec, rf_decide(f, wv_record_meeting(rec), 2, 0));
    for (size_t i = 0; i < statements; i++)
        rf_append(rec, rf_act_sk(f, i % attend, WV_ACT_STATEMENT, 1, WV_CHOICE_NONE,
                                 "statement", NULL));
    return wv_record_size(rec);
}

/* A temporary record directory for the fixture's roster: made (dir must
 * hold a mkdtemp template) and removed with its files. 0 on success. */
static inline int rf_record_new(rf *f, char *dir)
{
    if (mkdtemp(dir) == NULL)
        return -1;
    return wv_record_create(dir, f->roster, f->sec, NULL, RF_MID, NULL) == WV_OK ? 0 : -1;
}

static inline void rf_record_remove(const char *dir)
{
    const char *names[] = {WV_RECORD_ROSTER, WV_RECORD_LOG, WV_RECORD_CHECKPOINT,
                           WV_RECORD_SECRETARIAT_PUB};
    char p[600];
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

#endif
