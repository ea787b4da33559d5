/* The server's one write path: a queue of posted envelopes drained by a
 * committer thread, which hands each batch to srv_commit (one fsync per
 * batch: group commit). A poster waits on a condition variable until its
 * envelope is answered, so a 200 is only sent for a durable entry. */
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "srv_internal.h"
#include "wtovote/merkle.h"

/* ------------------------------------------------------------ srv_commit */

/* Index j < i of an identical envelope earlier in the batch, or -1. */
static long earlier_copy(const uint8_t *leaves, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (memcmp(leaves + 32 * j, leaves + 32 * i, 32) == 0)
            return (long)j;
    return -1;
}

static void copy_result(wv_append_result *dst, const wv_append_result *src)
{
    *dst = *src;
    dst->receipt = NULL;
    if (src->receipt != NULL && (dst->receipt = malloc(src->receipt_len)) != NULL)
        memcpy(dst->receipt, src->receipt, src->receipt_len);
    else if (src->receipt != NULL)
        dst->status = wv_error_set(&dst->error, WV_ERR_NOMEM, "receipt: out of memory");
}

/* An envelope already in the log: its index and a receipt against the
 * current checkpoint, nothing written. */
static void answer_existing(wv_srv *s, uint64_t index, const uint8_t *env, size_t len,
                            wv_append_result *r)
{
    memset(r, 0, sizeof *r);
    r->index = index;
    r->status = srv_ledger_receipt(s, index, env, len, &r->receipt, &r->receipt_len, &r->error);
}

/* Registers the admitted entries with the ledger (events, hashes). */
static wv_status register_admitted(wv_srv *s, const uint8_t *const *envs, const size_t *lens,
                                   size_t n, const wv_append_result *res, wv_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (res[i].status != WV_OK)
            continue;
        wv_envelope *e = NULL;
        wv_act *act = NULL;
        wv_chair_event *ch = NULL;
        wv_status st = wv_envelope_decode(envs[i], lens[i], &e, err);
        if (st == WV_OK && e->type == WTOVOTE__V1__BODY_TYPE__BODY_ACT)
            st = wv_act_decode(e->body.data, e->body.len, &act, err);
        else if (st == WV_OK)
            st = wv_chair_event_decode(e->body.data, e->body.len, &ch, err);
        if (st == WV_OK)
            st = srv_ledger_add(s, res[i].index, envs[i], lens[i], act, ch,
                                wv_record_meeting(s->rec), err);
        wv_message_free(act);
        wv_message_free(ch);
        wv_message_free(e);
        if (st != WV_OK)
            return st;
    }
    return WV_OK;
}

/* Appends the fresh envelopes (not in the log, first of their bytes in the
 * batch) with one fsync; fresh[k] is the batch position of the k-th. */
static wv_status append_fresh(wv_srv *s, const uint8_t *const *envs, const size_t *lens,
                              const size_t *fresh, size_t nf, wv_append_result *results,
                              wv_error *err)
{
    const uint8_t **fe = malloc((nf + 1) * sizeof *fe);
    size_t *fl = malloc((nf + 1) * sizeof *fl);
    wv_append_result *fr = calloc(nf + 1, sizeof *fr);
    wv_status st = fe && fl && fr ? WV_OK : wv_error_set(err, WV_ERR_NOMEM, "commit: out of memory");
    for (size_t k = 0; st == WV_OK && k < nf; k++) {
        fe[k] = envs[fresh[k]];
        fl[k] = lens[fresh[k]];
    }
    if (st == WV_OK && nf > 0)
        st = wv_record_append_many(s->rec, fe, fl, nf, WV_APPEND_RECEIPTS, fr, NULL, err);
    if (st == WV_OK)
        st = register_admitted(s, fe, fl, nf, fr, err);
    for (size_t k = 0; st == WV_OK && k < nf; k++) {
        results[fresh[k]] = fr[k];
        fr[k].receipt = NULL;
    }
    if (fr != NULL && st != WV_OK)
        wv_append_results_clear(fr, nf);
    free(fe);
    free(fl);
    free(fr);
    return st;
}

wv_status srv_commit(wv_srv *s, const uint8_t *const *envs, const size_t *lens, size_t n,
                     wv_append_result *results, wv_error *err)
{
    uint8_t *leaves = malloc(32 * (n + 1));
    size_t *fresh = malloc((n + 1) * sizeof *fresh);
    long *copy_of = malloc((n + 1) * sizeof *copy_of);
    if (leaves == NULL || fresh == NULL || copy_of == NULL) {
        free(leaves), free(fresh), free(copy_of);
        return wv_error_set(err, WV_ERR_NOMEM, "commit: out of memory");
    }
    size_t nf = 0;
    memset(results, 0, n * sizeof *results);
    for (size_t i = 0; i < n; i++) {
        wv_merkle_leaf_hash(envs[i], lens[i], leaves + 32 * i);
        copy_of[i] = earlier_copy(leaves, i);
        if (copy_of[i] < 0 && srv_ledger_find(s, leaves + 32 * i) < 0)
            fresh[nf++] = i;
    }
    wv_status st = append_fresh(s, envs, lens, fresh, nf, results, err);
    for (size_t i = 0; st == WV_OK && i < n; i++) {
        int64_t at = srv_ledger_find(s, leaves + 32 * i);
        if (copy_of[i] >= 0)
            copy_result(&results[i], &results[copy_of[i]]);
        else if (at >= 0 && results[i].receipt == NULL && results[i].status == WV_OK)
            answer_existing(s, (uint64_t)at, envs[i], lens[i], &results[i]);
    }
    if (st == WV_OK)
        st = srv_ledger_publish(s, err);
    free(leaves);
    free(fresh);
    free(copy_of);
    return st;
}

/* ------------------------------------------------------------ the queue */

void srv_submit(wv_srv *s, const uint8_t *env, size_t len, wv_append_result *out)
{
    srv_pending p = {.env = env, .len = len};
    pthread_mutex_lock(&s->q_mu);
    if (s->stopping || s->broken) {
        pthread_mutex_unlock(&s->q_mu);
        memset(out, 0, sizeof *out);
        out->status = wv_error_set(&out->error, WV_ERR_IO, "the server is %s; nothing was "
                                   "written", s->broken ? "out of order" : "stopping");
        return;
    }
    if (s->tail != NULL)
        s->tail->next = &p;
    else
        s->head = &p;
    s->tail = &p;
    pthread_cond_signal(&s->q_cv);
    while (!p.done)
        pthread_cond_wait(&s->done_cv, &s->q_mu);
    pthread_mutex_unlock(&s->q_mu);
    *out = p.result;
}

/* Takes up to max queued posts (caller holds q_mu). */
static size_t take_batch(wv_srv *s, srv_pending **batch, size_t max)
{
    size_t n = 0;
    while (s->head != NULL && n < max) {
        batch[n++] = s->head;
        s->head = s->head->next;
    }
    if (s->head == NULL)
        s->tail = NULL;
    return n;
}

static void commit_batch(wv_srv *s, srv_pending **batch, size_t n, const uint8_t **envs,
                         size_t *lens, wv_append_result *res)
{
    wv_error err;
    for (size_t i = 0; i < n; i++) {
        envs[i] = batch[i]->env;
        lens[i] = batch[i]->len;
    }
    pthread_mutex_lock(&s->rec_mu);
    wv_status st = srv_commit(s, envs, lens, n, res, &err);
    pthread_mutex_unlock(&s->rec_mu);
    pthread_mutex_lock(&s->q_mu);
    for (size_t i = 0; i < n; i++) {
        if (st != WV_OK) { /* nothing of the batch is acknowledged */
            memset(&res[i], 0, sizeof res[i]);
            res[i].status = st;
            res[i].error = err;
            s->broken = 1;
        }
        batch[i]->result = res[i];
        batch[i]->done = 1;
    }
    pthread_cond_broadcast(&s->done_cv);
    pthread_mutex_unlock(&s->q_mu);
}

static void *committer(void *arg)
{
    wv_srv *s = arg;
    pthread_mutex_lock(&s->q_mu);
    for (;;) {
        while (s->head == NULL && !s->committer_quit)
            pthread_cond_wait(&s->q_cv, &s->q_mu);
        if (s->head == NULL)
            break;
        size_t n = take_batch(s, s->c_batch, s->c_max);
        pthread_mutex_unlock(&s->q_mu);
        commit_batch(s, s->c_batch, n, s->c_envs, s->c_lens, s->c_res);
        pthread_mutex_lock(&s->q_mu);
    }
    pthread_mutex_unlock(&s->q_mu);
    return NULL;
}

int srv_committer_start(wv_srv *s, wv_error *err)
{
    s->c_max = s->cfg.max_batch ? s->cfg.max_batch : 4096;
    s->c_batch = malloc(s->c_max * sizeof *s->c_batch);
    s->c_envs = malloc(s->c_max * sizeof *s->c_envs);
    s->c_lens = malloc(s->c_max * sizeof *s->c_lens);
    s->c_res = malloc(s->c_max * sizeof *s->c_res);
    if (!s->c_batch || !s->c_envs || !s->c_lens || !s->c_res)
        return wv_error_set(err, WV_ERR_NOMEM, "serve: out of memory");
    if (pthread_create(&s->committer, NULL, committer, s) != 0)
        return wv_error_set(err, WV_ERR_INTERNAL, "serve: cannot start the committer thread");
    s->committer_started = 1;
    return WV_OK;
}

/* Posts already queued are all answered before the thread ends. */
void srv_committer_stop(wv_srv *s)
{
    pthread_mutex_lock(&s->q_mu);
    s->stopping = 1;
    s->committer_quit = 1;
    pthread_cond_signal(&s->q_cv);
    pthread_mutex_unlock(&s->q_mu);
    if (s->committer_started)
        pthread_join(s->committer, NULL);
    s->committer_started = 0;
    free(s->c_batch), free(s->c_envs), free(s->c_lens), free(s->c_res);
    s->c_batch = NULL, s->c_envs = NULL, s->c_lens = NULL, s->c_res = NULL;
}
