/* engine/session: the one path into the log. The time model at the door
 * and in the state machine (SPEC.md, "Time model"), idempotent submission,
 * batches with one fsync, the effect of each entry with its citation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record_fixture.h"
#include "wtovote/merkle.h"
#include "wtovote/session.h"
#include "wtovote/util.h"

#define T0 1767225600 /* 2026-01-01T00:00:00Z: the Secretariat's clock */

typedef struct sfx {
    rf f;
    char dir[64];
    int64_t now;
    wv_session *s;
} sfx;

static int64_t test_clock(void *ctx)
{
    return ((const sfx *)ctx)->now;
}

/* A delegation's act signed for the session's meeting (its meeting_ref). */
static wv_status seal_for(const sfx *x, const wv_act_input *in, const wv_secret_key *sk,
                          uint8_t **env, size_t *len)
{
    return wv_act_seal_for(wv_session_record(x->s), in, sk, env, len, NULL);
}

static sfx *fx_new(void)
{
    static sfx x;
    memset(&x, 0, sizeof x);
    assert_int_equal(rf_init(&x.f, 12), 0);
    snprintf(x.dir, sizeof x.dir, "/tmp/wv-session-XXXXXX");
    assert_non_null(mkdtemp(x.dir));
    x.now = T0;
    wv_meeting_setup setup = {.id = RF_MID, .body = "general-council", .title = "Session test"};
    wv_session_options opt = {.clock = test_clock, .clock_ctx = &x};
    wv_error err;
    wv_session_result res;
    wv_status st = wv_session_create(x.dir, x.f.roster, x.f.sec, NULL, &setup, 0, &opt, &x.s,
                                     &res, &err);
    if (st != WV_OK)
        fail_msg("create: %s", err.message);
    assert_int_equal(res.index, 0);
    assert_true(res.is_chair);
    assert_non_null(strstr(res.effect, "opened"));
    wv_session_results_clear(&res, 1);
    return &x;
}

static int setup(void **state)
{
    *state = fx_new();
    return 0;
}

static int teardown(void **state)
{
    sfx *x = *state;
    wv_session_close(x->s);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
    assert_int_equal(system(cmd), 0);
    rf_free(&x->f);
    return 0;
}

static wv_status act_at(sfx *x, size_t member, wv_act_kind kind, uint32_t item, int64_t t,
                        wv_session_result *res)
{
    wv_act_input in = {.kind = kind, .member = rf_code(&x->f, member), .item = item,
                       .choice = kind == WV_ACT_VOTE ? WV_CHOICE_YES : WV_CHOICE_NONE,
                       .time = t};
    wv_error err;
    return wv_session_act(x->s, &in, x->f.member_sk[member], res, &err);
}

static wv_status chair(sfx *x, wv_chair_kind kind, uint32_t item, wv_session_result *res)
{
    wv_chair_input in = {.kind = kind, .item = item};
    wv_error err;
    return wv_session_chair(x->s, &in, res, &err);
}

static wv_status table(sfx *x, uint32_t item, const char *procedure)
{
    wv_motion_input mo = {.item = item, .title = "a motion", .procedure = procedure};
    wv_chair_input in = {.kind = WV_CHAIR_MOTION_TABLE, .motion = &mo};
    wv_session_result res;
    wv_error err;
    wv_status st = wv_session_chair(x->s, &in, &res, &err);
    wv_session_results_clear(&res, 1);
    return st;
}

static uint64_t log_bytes(const sfx *x)
{
    char path[128];
    snprintf(path, sizeof path, "%s/log", x->dir);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return (uint64_t)n;
}

/* A Member's clock 60 s ahead: its act is admitted and the chair's next
 * events, timed by the Secretariat's clock, are admitted too. */
static void member_clock_ahead_does_not_stall_the_chair(void **state)
{
    sfx *x = *state;
    wv_session_result r;
    assert_int_equal(table(x, 1, "consensus"), WV_OK);
    assert_int_equal(act_at(x, 0, WV_ACT_ATTEND, 0, T0 + 60, &r), WV_OK);
    assert_false(r.duplicate);
    assert_non_null(strstr(r.effect, "is present"));
    assert_string_equal(r.citation, "WT/L/161 (quorum)");
    wv_session_results_clear(&r, 1);
    assert_int_equal(chair(x, WV_CHAIR_CONSENSUS_CALL, 1, &r), WV_OK);
    assert_string_equal(r.citation, "Art. IX:1 fn 1");
    wv_session_results_clear(&r, 1);
    assert_int_equal(table(x, 2, "majority"), WV_OK);
    x->now += 1;
    assert_int_equal(chair(x, WV_CHAIR_CONSENSUS_CALL, 2, &r), WV_OK);
    wv_session_results_clear(&r, 1);
    assert_int_equal(wv_record_size(wv_session_record(x->s)), 6);
}

/* An act an hour ahead is refused at the door, with both times in ISO 8601
 * UTC and a hint; the log does not grow. */
static void act_an_hour_ahead_refused_at_the_door(void **state)
{
    sfx *x = *state;
    wv_session_result r;
    uint64_t before = log_bytes(x);
    assert_int_equal(act_at(x, 1, WV_ACT_ATTEND, 0, T0 + 3600, &r), WV_ERR_INADMISSIBLE);
    assert_int_equal(r.why, WV_REFUSE_TIME_AHEAD);
    assert_non_null(strstr(r.error.message, "2026-01-01T01:00:00Z"));
    assert_non_null(strstr(r.error.message, "2026-01-01T00:00:00Z"));
    assert_non_null(strstr(r.error.message, "check the delegation's clock"));
    assert_int_equal(log_bytes(x), before);
    assert_int_equal(wv_record_size(wv_session_record(x->s)), 1);
    /* within the skew (120 s by default) it is admitted */
    assert_int_equal(act_at(x, 1, WV_ACT_ATTEND, 0, T0 + 120, &r), WV_OK);
    wv_session_results_clear(&r, 1);
}

/* The same envelope twice: one entry, the same receipt; nothing appended. */
static void same_envelope_twice_is_one_entry(void **state)
{
    sfx *x = *state;
    wv_act_input in = {.kind = WV_ACT_ATTEND, .member = rf_code(&x->f, 2), .time = T0};
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    assert_int_equal(seal_for(x, &in, x->f.member_sk[2], &env, &len), WV_OK);
    wv_session_result a, b;
    assert_int_equal(wv_session_submit(x->s, env, len, &a, &err), WV_OK);
    uint64_t bytes = log_bytes(x);
    assert_int_equal(wv_session_submit(x->s, env, len, &b, &err), WV_OK);
    assert_false(a.duplicate);
    assert_true(b.duplicate);
    assert_int_equal(a.index, b.index);
    assert_int_equal(log_bytes(x), bytes);
    assert_int_equal(a.receipt_len, b.receipt_len);
    assert_memory_equal(a.receipt, b.receipt, a.receipt_len);
    wv_public_key pub;
    wv_secret_key_public(x->f.sec, &pub);
    assert_int_equal(wv_receipt_verify(b.receipt, b.receipt_len, env, len, &pub, NULL, &err),
                     WV_OK);
    /* a second signing of the same act is a new act (Act.nonce): refused by
     * the rules, not taken for the first */
    wv_session_result c;
    assert_int_equal(wv_session_act(x->s, &in, x->f.member_sk[2], &c, &err),
                     WV_ERR_INADMISSIBLE);
    assert_int_equal(c.why, WV_REFUSE_ALREADY_PRESENT);
    wv_session_results_clear(&a, 1);
    wv_session_results_clear(&b, 1);
    free(env);
}

/* A batch: one write; a refusal does not stop the others; the same bytes
 * twice in a batch are one entry. */
static void batch_with_refusal_and_repeat(void **state)
{
    sfx *x = *state;
    uint8_t *env[4];
    size_t len[4];
    wv_error err;
    for (size_t i = 0; i < 3; i++) {
        wv_act_input in = {.kind = WV_ACT_ATTEND, .member = rf_code(&x->f, i), .time = T0};
        assert_int_equal(seal_for(x, &in, x->f.member_sk[i], &env[i], &len[i]),
                         WV_OK);
    }
    env[3] = env[1];
    len[3] = len[1];
    /* Member 2 signs as Member 0: refused (another Member's key) */
    wv_act_input bad = {.kind = WV_ACT_LEAVE, .member = rf_code(&x->f, 0), .time = T0};
    uint8_t *forged = NULL;
    size_t flen = 0;
    assert_int_equal(seal_for(x, &bad, x->f.member_sk[2], &forged, &flen), WV_OK);
    const uint8_t *envs[5] = {env[0], forged, env[1], env[2], env[3]};
    size_t lens[5] = {len[0], flen, len[1], len[2], len[3]};
    wv_session_result res[5];
    assert_int_equal(wv_session_submit_many(x->s, envs, lens, 5, res, &err), WV_OK);
    assert_int_equal(res[0].status, WV_OK);
    assert_int_not_equal(res[1].status, WV_OK);
    assert_int_equal(res[2].status, WV_OK);
    assert_int_equal(res[3].status, WV_OK);
    assert_int_equal(res[4].status, WV_OK);
    assert_true(res[4].duplicate);
    assert_int_equal(res[4].index, res[2].index);
    assert_int_equal(wv_record_size(wv_session_record(x->s)), 4); /* open + 3 */
    wv_session_results_clear(res, 5);
    for (size_t i = 0; i < 3; i++)
        free(env[i]);
    free(forged);
}

/* An act signed while the vote was open that arrives after the close has
 * its own code (stale), and a DECIDE carries the derived decision. */
static void stale_ballot_and_decision(void **state)
{
    sfx *x = *state;
    wv_session_result r;
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(act_at(x, i, WV_ACT_ATTEND, 0, T0, &r), WV_OK);
        wv_session_results_clear(&r, 1);
    }
    assert_int_equal(table(x, 1, "majority"), WV_OK);
    x->now += 10;
    assert_int_equal(chair(x, WV_CHAIR_CONSENSUS_CALL, 1, &r), WV_OK);
    wv_session_results_clear(&r, 1);
    assert_int_equal(act_at(x, 0, WV_ACT_OBJECT, 1, x->now, &r), WV_OK);
    assert_non_null(strstr(r.effect, "consensus cannot be reached"));
    wv_session_results_clear(&r, 1);
    x->now += 10;
    assert_int_equal(chair(x, WV_CHAIR_VOTE_OPEN, 1, &r), WV_OK);
    wv_session_results_clear(&r, 1);
    int64_t signed_at = x->now + 1;
    assert_int_equal(act_at(x, 1, WV_ACT_VOTE, 1, signed_at, &r), WV_OK);
    assert_null(strstr(r.effect, "yes")); /* a ballot's effect names no choice */
    wv_session_results_clear(&r, 1);
    x->now += 10;
    assert_int_equal(chair(x, WV_CHAIR_VOTE_CLOSE, 1, &r), WV_OK);
    wv_session_results_clear(&r, 1);
    assert_int_equal(act_at(x, 2, WV_ACT_VOTE, 1, signed_at, &r), WV_ERR_INADMISSIBLE);
    assert_int_equal(r.why, WV_REFUSE_STALE);
    assert_non_null(strstr(r.error.message, "the vote closed"));
    x->now += 1;
    assert_int_equal(chair(x, WV_CHAIR_DECIDE, 1, &r), WV_OK);
    assert_true(r.has_decision);
    assert_int_equal(r.published.yes, 1);
    assert_string_equal(r.published.procedure, "majority");
    wv_session_results_clear(&r, 1);
}

/* Reopening learns every entry: a retry after a restart is still one
 * entry. */
static void duplicate_found_after_reopen(void **state)
{
    sfx *x = *state;
    wv_act_input in = {.kind = WV_ACT_ATTEND, .member = rf_code(&x->f, 3), .time = T0};
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    wv_session_result r;
    assert_int_equal(seal_for(x, &in, x->f.member_sk[3], &env, &len), WV_OK);
    assert_int_equal(wv_session_submit(x->s, env, len, &r, &err), WV_OK);
    uint64_t index = r.index;
    wv_session_results_clear(&r, 1);
    wv_session_close(x->s);
    wv_session_options opt = {.clock = test_clock, .clock_ctx = x};
    assert_int_equal(wv_session_open(x->dir, x->f.sec, &opt, &x->s, &err), WV_OK);
    assert_int_equal(wv_session_submit(x->s, env, len, &r, &err), WV_OK);
    assert_true(r.duplicate);
    assert_int_equal(r.index, index);
    assert_int_equal(wv_record_size(wv_session_record(x->s)), 2);
    wv_session_results_clear(&r, 1);
    free(env);
}

/* Queued inputs are committed before the next chair event; a refused one
 * fails the call with its reason. */
static void queue_commits_before_chair(void **state)
{
    sfx *x = *state;
    wv_error err;
    for (size_t i = 0; i < 4; i++) {
        wv_act_input in = {.kind = WV_ACT_ATTEND, .member = rf_code(&x->f, i), .time = T0};
        assert_int_equal(wv_session_queue_act(x->s, &in, x->f.member_sk[i], &err), WV_OK);
    }
    assert_int_equal(wv_session_pending(x->s), 4);
    assert_int_equal(table(x, 1, "consensus"), WV_OK);
    assert_int_equal(wv_session_pending(x->s), 0);
    assert_int_equal(wv_record_size(wv_session_record(x->s)), 6);
    wv_act_input again = {.kind = WV_ACT_ATTEND, .member = rf_code(&x->f, 0), .time = T0};
    assert_int_equal(wv_session_queue_act(x->s, &again, x->f.member_sk[0], &err), WV_OK);
    assert_int_equal(wv_session_commit(x->s, &err), WV_ERR_INADMISSIBLE);
    assert_non_null(strstr(err.message, "queued input 1"));
    assert_non_null(strstr(err.message, "already present"));
}

typedef struct seen_entries {
    uint64_t index[8];
    char member[8][8];
    size_t n;
} seen_entries;

static int note_admitted(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                         const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                         const wv_meeting *meeting)
{
    seen_entries *seen = ctx;
    (void)entry, (void)len, (void)env, (void)chair, (void)meeting;
    if (seen->n == 8 || act == NULL)
        return 1;
    seen->index[seen->n] = index;
    snprintf(seen->member[seen->n++], sizeof seen->member[0], "%s", act->member);
    return 0;
}

/* A server checks signatures on its HTTP threads (wv_session_precheck) and
 * learns each admitted entry from the batch's callback, decoded once: a
 * precheck is bound to the bytes it checked (a good precheck of member 3's
 * act before a byte changed does not pass the changed act) and to the key
 * the batch chooses (another key's precheck, even naming these bytes, does
 * not pass a bad signature), and the callback sees exactly the
 * entries admitted now, in log order (not a refusal, not a repeat). */
static void prechecked_batch_and_admitted_callback(void **state)
{
    sfx *x = *state;
    seen_entries seen = {0};
    wv_error err;
    wv_session_close(x->s);
    wv_session_options opt = {.clock = test_clock, .clock_ctx = x, .admitted = note_admitted,
                              .visit_ctx = &seen};
    assert_int_equal(wv_session_open(x->dir, x->f.sec, &opt, &x->s, &err), WV_OK);
    uint8_t *env[4];
    size_t len[4];
    for (size_t i = 0; i < 4; i++) {
        wv_act_input in = {.kind = WV_ACT_ATTEND, .member = rf_code(&x->f, i), .time = T0};
        assert_int_equal(seal_for(x, &in, x->f.member_sk[i], &env[i], &len[i]), WV_OK);
    }
    wv_sig_precheck before_change;
    wv_session_precheck(x->s, env[3], len[3], &before_change);
    assert_true(before_change.ok);
    env[3][len[3] - 1] ^= 1; /* the last byte of member 3's signature */
    wv_sig_precheck pre[5];
    for (size_t i = 0; i < 4; i++)
        wv_session_precheck(x->s, env[i], len[i], &pre[i]);
    wv_public_key pub0;
    wv_secret_key_public(x->f.member_sk[0], &pub0);
    assert_true(pre[0].ok);
    assert_memory_equal(pre[0].pk, pub0.pk, sizeof pub0.pk);
    assert_true(pre[1].ok && pre[2].ok);
    assert_false(pre[3].ok);
    pre[3] = before_change; /* the right key, other bytes: checked again */
    pre[4] = pre[1];
    const uint8_t *envs[5] = {env[0], env[1], env[2], env[3], env[1]};
    size_t lens[5] = {len[0], len[1], len[2], len[3], len[1]};
    wv_session_result res[5];
    assert_int_equal(wv_session_submit_prechecked(x->s, envs, lens, pre, 5, res, &err), WV_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(res[i].status, WV_OK);
    assert_int_equal(res[3].status, WV_ERR_BAD_SIGNATURE);
    assert_true(res[4].duplicate);
    assert_int_equal(seen.n, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(seen.index[i], res[i].index);
        assert_string_equal(seen.member[i], rf_code(&x->f, i));
    }
    assert_int_equal(wv_record_size(wv_session_record(x->s)), 4); /* open + 3 */
    wv_session_results_clear(res, 5);
    wv_sig_precheck other_key = pre[0]; /* member 0's key, naming member 3's changed bytes */
    wv_merkle_leaf_hash(env[3], len[3], other_key.leaf);
    assert_int_equal(wv_session_submit_prechecked(x->s, envs + 3, lens + 3, &other_key, 1, res, &err),
                     WV_OK);
    assert_int_equal(res[0].status, WV_ERR_BAD_SIGNATURE);
    assert_int_equal(wv_record_size(wv_session_record(x->s)), 4);
    wv_session_results_clear(res, 1);
    for (size_t i = 0; i < 4; i++)
        free(env[i]);
}

int main(void)
{
    if (wv_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(member_clock_ahead_does_not_stall_the_chair, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(act_an_hour_ahead_refused_at_the_door, setup, teardown),
        cmocka_unit_test_setup_teardown(same_envelope_twice_is_one_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(batch_with_refusal_and_repeat, setup, teardown),
        cmocka_unit_test_setup_teardown(stale_ballot_and_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicate_found_after_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(queue_commits_before_chair, setup, teardown),
        cmocka_unit_test_setup_teardown(prechecked_batch_and_admitted_callback, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
