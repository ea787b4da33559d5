/* engine/session: the one path from an input to a durable entry
 * (wtovote/session.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "session/session_internal.h"
#include "wtovote/util.h"

struct wv_session {
    wv_record *rec;
    const wv_secret_key *sk;
    wv_session_options opt;
    wv_seen seen;          /* entry hash -> index */
    uint8_t *leaves;       /* every entry's leaf hash, in log order */
    uint64_t n_leaves, cap_leaves;
    uint8_t **q_env;       /* wv_session_queue */
    size_t *q_len;
    size_t q_n, q_cap;
};

/* ------------------------------------------------------------ opening */

static wv_status learn_leaf(wv_session *s, const uint8_t leaf[32], uint64_t index,
                            wv_error *err)
{
    if (s->n_leaves == s->cap_leaves) {
        uint64_t cap = s->cap_leaves ? 2 * s->cap_leaves : 1024;
        uint8_t *nl = cap <= SIZE_MAX / 32 ? realloc(s->leaves, (size_t)cap * 32) : NULL;
        if (nl == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "session: out of memory (entry hashes)");
        s->leaves = nl;
        s->cap_leaves = cap;
    }
    memcpy(s->leaves + 32 * s->n_leaves++, leaf, 32);
    return wv_seen_add(&s->seen, leaf, index, err);
}

/* wv_record_open's visitor: every entry read once, its hash kept. */
static int visit_entry(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                       const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                       const wv_meeting *meeting)
{
    wv_session *s = ctx;
    uint8_t leaf[32];
    wv_merkle_leaf_hash(entry, len, leaf);
    if (learn_leaf(s, leaf, index, NULL) != WV_OK)
        return 1;
    return s->opt.visit != NULL
               ? s->opt.visit(s->opt.visit_ctx, index, entry, len, env, act, chair, meeting)
               : 0;
}

wv_status wv_session_open(const char *dir, const wv_secret_key *sk,
                          const wv_session_options *opt, wv_session **out, wv_error *err)
{
    *out = NULL;
    wv_session *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", dir);
    if (opt != NULL)
        s->opt = *opt;
    s->sk = sk;
    int64_t wait_ms = s->opt.lock_wait_ms == 0   ? WV_LOCK_WAIT_DEFAULT_MS
                      : s->opt.lock_wait_ms < 0 ? 0
                                                : s->opt.lock_wait_ms;
    wv_status st = wv_record_open_wait(dir, sk, wait_ms, visit_entry, s, &s->rec, err);
    if (st != WV_OK) {
        wv_session_close(s);
        return st;
    }
    *out = s;
    return WV_OK;
}

void wv_session_close(wv_session *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->q_n; i++)
        free(s->q_env[i]);
    free(s->q_env);
    free(s->q_len);
    wv_record_close(s->rec);
    wv_seen_free(&s->seen);
    free(s->leaves);
    free(s);
}

const wv_record *wv_session_record(const wv_session *s) { return s->rec; }
const wv_meeting *wv_session_meeting(const wv_session *s) { return wv_record_meeting(s->rec); }
size_t wv_session_pending(const wv_session *s) { return s->q_n; }

int64_t wv_session_now(const wv_session *s)
{
    return s->opt.clock != NULL ? s->opt.clock(s->opt.clock_ctx) : (int64_t)time(NULL);
}

void wv_session_results_clear(wv_session_result *res, size_t n)
{
    for (size_t i = 0; res != NULL && i < n; i++) {
        free(res[i].receipt);
        res[i].receipt = NULL;
        res[i].receipt_len = 0;
    }
}

/* ---------------------------------------------------------- the door */

static void identify(wv_session_result *r, const wv_entry *e)
{
    r->is_chair = e->chair != NULL;
    r->time = e->time;
    if (e->act != NULL) {
        r->kind = (int)e->act->kind;
        r->item = e->act->item;
        snprintf(r->member, sizeof r->member, "%s", e->act->member);
    } else {
        r->kind = (int)e->chair->kind;
        r->item = e->chair->motion != NULL ? e->chair->motion->item : e->chair->item;
        const wv_decision_msg *d = e->chair->decision;
        if (d != NULL) /* procedure: set from the rules table (static) later */
            r->published = (wv_published_decision){
                NULL, (wv_outcome)d->outcome, (wv_stage)d->stage, d->required, d->members,
                d->present, d->objections, d->yes, d->no, d->abstain, d->acceptances,
                d->required_of_votes_cast, d->required_of_members};
    }
}

/* Time model: an act timed more than the meeting's skew ahead of the
 * Secretariat's clock is refused at the door (SPEC.md, "Time model"). That
 * clock is the later of the system clock and the last chair event's time:
 * what the Secretariat has signed, it has vouched for. */
static wv_status clock_check(const wv_session *s, const wv_entry *e, int64_t now,
                             wv_refusal *why, wv_error *err)
{
    wv_meeting_info mi;
    wv_meeting_get_info(wv_record_meeting(s->rec), &mi);
    if (mi.opened && mi.last_time > now)
        now = mi.last_time;
    if (e->act == NULL || e->time <= now || (uint64_t)(e->time - now) <= mi.clock_skew)
        return WV_OK;
    char at[32], clock[32];
    wv_time_format(e->time, at, sizeof at);
    wv_time_format(now, clock, sizeof clock);
    *why = WV_REFUSE_TIME_AHEAD;
    return wv_error_set(err, WV_ERR_INADMISSIBLE,
                        "act by %s refused: its time %s is %" PRId64 " s ahead of the "
                        "Secretariat's clock (%s), more than the %u s allowed; check the "
                        "delegation's clock", e->act->member, at, e->time - now, clock,
                        mi.clock_skew);
}

/* Receipt of an entry already in the log, against the current checkpoint:
 * what the submitter would have got, for a retry. */
static wv_status receipt_again(const wv_session *s, uint64_t index, const uint8_t *env,
                               size_t len, wv_session_result *r, wv_error *err)
{
    uint8_t proof[WV_MERKLE_MAX_PROOF * WV_HASH_BYTES];
    size_t n = 0, cp_len;
    uint64_t size = wv_record_size(s->rec);
    const char *cp = wv_record_checkpoint(s->rec, &cp_len);
    wv_status st = wv_merkle_inclusion_proof(s->leaves, size, index, proof, &n, err);
    if (st == WV_OK)
        st = wv_receipt_build(env, len, index, size, proof, n, cp, cp_len, &r->receipt,
                              &r->receipt_len, err);
    return st;
}

/* Decodes input i once and decides whether it goes on to the record:
 * not when undecodable, already recorded (or earlier in this batch), or
 * refused at the door. dup_of[i]: the batch position it repeats, or -1. */
static void door(const wv_session *s, const uint8_t *env, size_t len,
                 const wv_sig_precheck *pre, int64_t now, wv_entry *e, uint8_t leaf[32],
                 wv_session_result *r)
{
    r->status = wv_entry_decode(env, len, e, &r->error);
    if (r->status != WV_OK) {
        wv_entry_free(e);
        return;
    }
    identify(r, e);
    wv_merkle_leaf_hash(env, len, leaf);
    if (pre != NULL && pre->ok && memcmp(pre->leaf, leaf, sizeof pre->leaf) == 0)
        e->checked_pk = pre->pk; /* this check was of these very bytes */
    if (wv_seen_find(&s->seen, leaf, &r->index)) {
        r->duplicate = 1;
        wv_entry_free(e);
        return;
    }
    if ((r->status = clock_check(s, e, now, &r->why, &r->error)) != WV_OK)
        wv_entry_free(e);
}

static long repeats(const uint8_t (*leaf)[32], const wv_entry *entries, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (entries[j].env != NULL && memcmp(leaf[j], leaf[i], 32) == 0)
            return (long)j;
    return -1;
}

/* ------------------------------------------------------------ results */

/* RECORD/receipts/NNNNNN-MEMBER.receipt and .act (SPEC.md, "Receipts"). */
static wv_status write_receipt(const wv_session *s, const uint8_t *env, size_t len,
                               wv_session_result *r, wv_error *err)
{
    return wv_record_receipt_write(wv_record_dir(s->rec), r->index, r->member, r->receipt,
                                   r->receipt_len, env, len, WV_WRITE_DEFER_SYNC,
                                   r->receipt_path, sizeof r->receipt_path, err);
}

/* The receipt files of a batch were written without their own fsyncs: one
 * sync makes them durable before any result says where they are. */
static void receipts_durable(const wv_session *s, wv_session_result *res, size_t n)
{
    wv_error err;
    if (wv_sync_fs(wv_record_dir(s->rec), &err) == WV_OK)
        return;
    for (size_t i = 0; i < n; i++)
        if (res[i].receipt_path[0] != '\0') {
            res[i].receipt_path[0] = '\0';
            res[i].error = err;
        }
}

static void describe(const wv_session *s, wv_session_result *r)
{
    const wv_meeting *m = wv_record_meeting(s->rec);
    wv_session_effect(m, r->is_chair, r->kind, r->member, r->item, r->effect,
                      sizeof r->effect, &r->citation);
    wv_item_info it;
    int idx = r->is_chair && r->kind == WV_CHAIR_DECIDE ? wv_meeting_item_find(m, r->item) : -1;
    if (idx >= 0 && wv_meeting_item_at(m, (size_t)idx, &it) == 0 && it.decision != NULL) {
        r->has_decision = 1;
        r->decision = *it.decision;
        r->published.procedure = wv_procedure_id(it.procedure);
    }
}

/* What the record said about input i; keeps its hash on admission. */
static wv_status take_result(wv_session *s, const uint8_t leaf[32], wv_append_result *ar,
                             wv_session_result *r, wv_error *err)
{
    r->status = ar->status;
    r->why = ar->why;
    if (r->status != WV_OK) {
        r->error = ar->error;
        return WV_OK;
    }
    r->index = ar->index;
    r->receipt = ar->receipt;
    r->receipt_len = ar->receipt_len;
    ar->receipt = NULL;
    return learn_leaf(s, leaf, r->index, err);
}

/* Duplicates get their receipt again; admitted acts their files. A
 * receipt file that cannot be written leaves the act recorded: the result
 * stays WV_OK with receipt_path empty and the reason in error. */
static void finish(const wv_session *s, const uint8_t *env, size_t len, wv_session_result *r)
{
    if (r->status != WV_OK)
        return;
    if (r->duplicate && r->receipt == NULL &&
        receipt_again(s, r->index, env, len, r, &r->error) != WV_OK)
        return;
    if (!r->duplicate)
        describe(s, r);
    else
        snprintf(r->effect, sizeof r->effect, "already recorded as entry %" PRIu64, r->index);
    if (s->opt.write_receipts && !r->is_chair)
        (void)write_receipt(s, env, len, r, &r->error);
}

/* ------------------------------------------------------------ batches */

typedef struct scratch {
    wv_entry *entries;
    uint8_t (*leaf)[32];
    long *dup_of;
    wv_append_result *ar;
} scratch;

static wv_status scratch_new(scratch *b, size_t n, wv_error *err)
{
    size_t k = n ? n : 1;
    b->entries = calloc(k, sizeof *b->entries);
    b->leaf = calloc(k, sizeof *b->leaf);
    b->dup_of = calloc(k, sizeof *b->dup_of);
    b->ar = calloc(k, sizeof *b->ar);
    if (b->entries && b->leaf && b->dup_of && b->ar)
        return WV_OK;
    return wv_error_set(err, WV_ERR_NOMEM, "session: out of memory");
}

static void scratch_free(scratch *b, size_t n)
{
    for (size_t i = 0; b->entries != NULL && i < n; i++)
        wv_entry_free(&b->entries[i]);
    if (b->ar != NULL)
        wv_append_results_clear(b->ar, n);
    free(b->entries);
    free(b->leaf);
    free(b->dup_of);
    free(b->ar);
}

/* The write failed: nothing of the batch is acknowledged. */
static void all_failed(wv_session_result *res, size_t n, const scratch *b, const wv_error *e)
{
    for (size_t i = 0; i < n; i++)
        if (b->entries[i].env != NULL || b->dup_of[i] >= 0) {
            wv_session_results_clear(&res[i], 1);
            res[i].status = e->code != WV_OK ? e->code : WV_ERR_IO;
            res[i].error = *e;
        }
}

static wv_status check_and_append(wv_session *s, const uint8_t *const *envs,
                                  const size_t *lens, const wv_sig_precheck *pre, size_t n,
                                  wv_session_result *res, scratch *b, wv_error *err)
{
    int64_t now = wv_session_now(s);
    for (size_t i = 0; i < n; i++) {
        b->dup_of[i] = -1;
        door(s, envs[i], lens[i], pre != NULL ? &pre[i] : NULL, now, &b->entries[i],
             b->leaf[i], &res[i]);
        if (b->entries[i].env != NULL && (b->dup_of[i] = repeats(b->leaf, b->entries, i)) >= 0)
            wv_entry_free(&b->entries[i]);
        b->ar[i].status = res[i].status;
    }
    wv_error werr;
    wv_status st = wv_record_append_entries(s->rec, envs, lens, b->entries, n,
                                            WV_APPEND_RECEIPTS, b->ar, NULL, &werr);
    if (st != WV_OK) {
        all_failed(res, n, b, &werr);
        if (err != NULL)
            *err = werr;
        return st;
    }
    for (size_t i = 0; i < n && st == WV_OK; i++)
        if (b->entries[i].env != NULL)
            st = take_result(s, b->leaf[i], &b->ar[i], &res[i], err);
    return st;
}

/* The batch is durable: the caller's callback sees each entry admitted
 * now, decoded as the door decoded it. */
static wv_status tell_admitted(const wv_session *s, const uint8_t *const *envs,
                               const size_t *lens, size_t n, const wv_session_result *res,
                               const scratch *b, wv_error *err)
{
    const wv_meeting *m = wv_record_meeting(s->rec);
    for (size_t i = 0; s->opt.admitted != NULL && i < n; i++) {
        const wv_entry *e = &b->entries[i];
        if (e->env == NULL || res[i].status != WV_OK)
            continue;
        if (s->opt.admitted(s->opt.visit_ctx, res[i].index, envs[i], lens[i], e->env, e->act,
                            e->chair, m) != 0)
            return wv_error_set(err, WV_ERR_INTERNAL, "entry %" PRIu64 " is in the record, but "
                                "the caller could not take it in", res[i].index);
    }
    return WV_OK;
}

void wv_session_precheck(const wv_session *s, const uint8_t *env, size_t len,
                         wv_sig_precheck *out)
{
    wv_entry e;
    out->ok = 0;
    if (wv_entry_decode(env, len, &e, NULL) == WV_OK &&
        wv_entry_key(wv_record_roster(s->rec), NULL, &e, NULL) == WV_OK &&
        wv_entry_signature(&e, NULL) == WV_OK) {
        memcpy(out->pk, e.pub.pk, sizeof out->pk);
        wv_merkle_leaf_hash(env, len, out->leaf);
        out->ok = 1;
    }
    wv_entry_free(&e);
}

wv_status wv_session_submit_many(wv_session *s, const uint8_t *const *envs, const size_t *lens,
                                 size_t n, wv_session_result *res, wv_error *err)
{
    return wv_session_submit_prechecked(s, envs, lens, NULL, n, res, err);
}

wv_status wv_session_submit_prechecked(wv_session *s, const uint8_t *const *envs,
                                       const size_t *lens, const wv_sig_precheck *pre,
                                       size_t n, wv_session_result *res, wv_error *err)
{
    if (n > 0)
        memset(res, 0, n * sizeof *res);
    scratch b = {0};
    wv_status st = scratch_new(&b, n, err);
    if (st == WV_OK)
        st = check_and_append(s, envs, lens, pre, n, res, &b, err);
    if (st == WV_OK)
        st = tell_admitted(s, envs, lens, n, res, &b, err);
    for (size_t i = 0; st == WV_OK && i < n; i++) {
        if (b.dup_of[i] >= 0) { /* the same bytes twice in one batch */
            const wv_session_result *first = &res[b.dup_of[i]];
            res[i].status = first->status;
            res[i].why = first->why;
            res[i].error = first->error;
            res[i].index = first->index;
            res[i].duplicate = first->status == WV_OK;
        }
        finish(s, envs[i], lens[i], &res[i]);
    }
    if (st == WV_OK && s->opt.write_receipts)
        receipts_durable(s, res, n);
    scratch_free(&b, n);
    return st;
}

/* ------------------------------------------------------------ one input */

static wv_status one(wv_session *s, const uint8_t *env, size_t len, wv_session_result *res,
                     wv_error *err)
{
    wv_session_result tmp;
    wv_session_result *r = res != NULL ? res : &tmp;
    wv_status st = wv_session_submit_many(s, &env, &len, 1, r, err);
    if (st == WV_OK)
        st = r->status;
    if (st != WV_OK && err != NULL && r->status != WV_OK)
        *err = r->error;
    if (res == NULL)
        wv_session_results_clear(&tmp, 1);
    return st;
}

wv_status wv_session_submit(wv_session *s, const uint8_t *env, size_t len,
                            wv_session_result *res, wv_error *err)
{
    if (s->q_n > 0) {
        wv_status st = wv_session_commit(s, err);
        if (st != WV_OK)
            return st;
    }
    return one(s, env, len, res, err);
}

static int64_t time_or_now(const wv_session *s, int64_t t)
{
    return t != 0 ? t : wv_session_now(s);
}

wv_status wv_act_seal_for(const wv_record *rec, const wv_act_input *in, const wv_secret_key *sk,
                          uint8_t **out, size_t *out_len, wv_error *err)
{
    *out = NULL;
    wv_act_input a = *in;
    uint8_t ref[WV_MEETING_REF_BYTES];
    if (wv_meeting_ref(wv_record_meeting(rec), ref) != 0)
        return wv_error_set(err, WV_ERR_INADMISSIBLE,
                            "meeting %s has not been opened: no meeting_ref to bind an act to "
                            "(SPEC.md, \"Meeting identity\")", wv_record_meeting_id(rec));
    a.meeting_ref = ref;
    return wv_act_seal(&a, wv_record_meeting_id(rec), sk, out, out_len, err);
}

/* A delegation's act sealed for this meeting at its time (0: now). */
static wv_status seal_here(const wv_session *s, const wv_act_input *in,
                           const wv_secret_key *member_key, uint8_t **env, size_t *len,
                           wv_error *err)
{
    wv_act_input a = *in;
    a.time = time_or_now(s, in->time);
    return wv_act_seal_for(s->rec, &a, member_key, env, len, err);
}

wv_status wv_session_act(wv_session *s, const wv_act_input *in, const wv_secret_key *member_key,
                         wv_session_result *res, wv_error *err)
{
    uint8_t *env = NULL;
    size_t len = 0;
    wv_status st = seal_here(s, in, member_key, &env, &len, err);
    if (st == WV_OK)
        st = wv_session_submit(s, env, len, res, err);
    free(env);
    return st;
}

/* A DECIDE carries what the meeting derives; a motion without a number
 * takes the next one. */
static wv_status chair_envelope(wv_session *s, const wv_chair_input *in, uint8_t **env,
                                size_t *len, wv_refusal *why, wv_error *err)
{
    wv_chair_input c = *in;
    wv_motion_input mo;
    wv_decision_msg dm;
    wv_decision d;
    const wv_meeting *m = wv_record_meeting(s->rec);
    uint8_t ref[WV_MEETING_REF_BYTES];
    c.time = time_or_now(s, in->time);
    if (wv_meeting_ref(m, ref) == 0) /* every event after the opening names it */
        c.meeting_ref = ref;
    if (in->motion != NULL && in->motion->item == 0) {
        mo = *in->motion;
        mo.item = (uint32_t)wv_meeting_item_count(m) + 1;
        c.motion = &mo;
    }
    const wv_decision_msg *derived = NULL;
    if (c.kind == WV_CHAIR_DECIDE) {
        wv_status st = wv_meeting_decide_preview(m, c.item, c.time, &d, &dm, why, err);
        if (st != WV_OK)
            return st;
        derived = &dm;
    }
    return wv_chair_event_build(&c, wv_record_meeting_id(s->rec), wv_record_roster(s->rec),
                                derived, s->sk, env, len, err);
}

wv_status wv_session_chair_seal(wv_session *s, const wv_chair_input *in, uint8_t **env,
                                size_t *len, wv_refusal *why, wv_error *err)
{
    wv_refusal w = WV_REFUSE_NONE;
    wv_status st = chair_envelope(s, in, env, len, &w, err);
    if (why != NULL)
        *why = w;
    return st;
}

wv_status wv_session_chair(wv_session *s, const wv_chair_input *in, wv_session_result *res,
                           wv_error *err)
{
    if (s->q_n > 0) {
        wv_status st = wv_session_commit(s, err);
        if (st != WV_OK)
            return st;
    }
    uint8_t *env = NULL;
    size_t len = 0;
    wv_refusal why = WV_REFUSE_NONE;
    wv_error e;
    wv_status st = chair_envelope(s, in, &env, &len, &why, &e);
    if (st != WV_OK) {
        if (res != NULL) {
            memset(res, 0, sizeof *res);
            res->status = st;
            res->why = why;
            res->error = e;
            res->is_chair = 1;
            res->kind = (int)in->kind;
            res->item = in->item;
        }
        if (err != NULL)
            *err = e;
    }
    if (st == WV_OK)
        st = one(s, env, len, res, err);
    free(env);
    return st;
}

/* ------------------------------------------------------------ queue */

wv_status wv_session_queue(wv_session *s, const uint8_t *env, size_t len, wv_error *err)
{
    if (s->q_n == s->q_cap) {
        size_t cap = s->q_cap ? 2 * s->q_cap : 256;
        uint8_t **e = realloc(s->q_env, cap * sizeof *e);
        if (e != NULL)
            s->q_env = e;
        size_t *l = e != NULL ? realloc(s->q_len, cap * sizeof *l) : NULL;
        if (l == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "session: out of memory (queue)");
        s->q_len = l;
        s->q_cap = cap;
    }
    uint8_t *copy = malloc(len ? len : 1);
    if (copy == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "session: out of memory (queue)");
    memcpy(copy, env, len);
    s->q_env[s->q_n] = copy;
    s->q_len[s->q_n++] = len;
    return WV_OK;
}

wv_status wv_session_queue_act(wv_session *s, const wv_act_input *in,
                               const wv_secret_key *member_key, wv_error *err)
{
    uint8_t *env = NULL;
    size_t len = 0;
    wv_status st = seal_here(s, in, member_key, &env, &len, err);
    if (st == WV_OK)
        st = wv_session_queue(s, env, len, err);
    free(env);
    return st;
}

wv_status wv_session_commit(wv_session *s, wv_error *err)
{
    size_t n = s->q_n;
    if (n == 0)
        return WV_OK;
    wv_session_result *res = calloc(n, sizeof *res);
    if (res == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "session: out of memory");
    wv_status st = wv_session_submit_many(s, (const uint8_t *const *)s->q_env, s->q_len, n, res,
                                          err);
    for (size_t i = 0; st == WV_OK && i < n; i++)
        if (res[i].status != WV_OK) {
            st = res[i].status;
            if (err != NULL) {
                *err = res[i].error;
                wv_error_prefix(err, "queued input %zu (%s%s%s) refused", i + 1, res[i].member,
                                res[i].member[0] ? " " : "",
                                res[i].is_chair ? wv_chair_kind_name(res[i].kind)
                                                : wv_act_kind_name(res[i].kind));
            }
        }
    wv_session_results_clear(res, n);
    free(res);
    for (size_t i = 0; i < n; i++)
        free(s->q_env[i]);
    s->q_n = 0;
    return st;
}

/* ------------------------------------------------------------ create */

static void remove_created(const char *dir, int dir_existed)
{
    static const char *const files[] = {WV_RECORD_ROSTER, WV_RECORD_LOG, WV_RECORD_CHECKPOINT,
                                        WV_RECORD_SECRETARIAT_PUB};
    char path[1024];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    if (!dir_existed)
        rmdir(dir);
}

wv_status wv_session_create(const char *dir, const wv_roster *roster, const wv_secret_key *sk,
                            const char *host, const wv_meeting_setup *setup, int64_t time,
                            const wv_session_options *opt, wv_session **out,
                            wv_session_result *res, wv_error *err)
{
    *out = NULL;
    struct stat sb;
    int dir_existed = stat(dir, &sb) == 0;
    wv_status st = wv_record_create(dir, roster, sk, host, setup->id, err);
    if (st != WV_OK)
        return st;
    wv_session *s = NULL;
    st = wv_session_open(dir, sk, opt, &s, err);
    wv_chair_input open = {.kind = WV_CHAIR_MEETING_OPEN, .time = time, .meeting = setup,
                           .nonce = setup->nonce};
    if (st == WV_OK)
        st = wv_session_chair(s, &open, res, err);
    if (st != WV_OK) {
        /* A refused opening leaves nothing: the same command can run again. */
        wv_session_close(s);
        remove_created(dir, dir_existed);
        return st;
    }
    *out = s;
    return WV_OK;
}
