/* The server's one write path: a queue of posted envelopes drained by a
 * committer thread, which hands each batch to srv_commit (one fsync per
 * batch: group commit). A poster waits on a condition variable until its
 * envelope is answered, so a 200 is only sent for a durable entry. */
#define _GNU_SOURCE /* pthread_setname_np */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "srv_internal.h"

/* ------------------------------------------------------------ srv_commit */

static void take_result(wv_session_result *from, wv_append_result *to)
{
    memset(to, 0, sizeof *to);
    to->status = from->status;
    to->why = from->why;
    to->index = from->index;
    to->error = from->error;
    to->receipt = from->receipt;
    to->receipt_len = from->receipt_len;
    from->receipt = NULL;
}

/* The batch through the session: the door (an act too far ahead of this
 * server's clock), the duplicate check (a re-post is answered with its
 * entry and receipt), the rules, one fsync; the ledger learns what was
 * admitted now from the session's callback, then publishes. */
wv_status srv_commit(wv_srv *s, const uint8_t *const *envs, const size_t *lens,
                     const wv_sig_precheck *pre, size_t n, wv_append_result *results,
                     wv_error *err)
{
    wv_session_result *res = calloc(n ? n : 1, sizeof *res);
    if (res == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "commit: out of memory");
    /* each entry admitted now reaches the ledger through srv_ledger_visit */
    wv_status st = wv_session_submit_prechecked(s->session, envs, lens, pre, n, res, err);
    for (size_t i = 0; i < n; i++)
        take_result(&res[i], &results[i]);
    wv_session_results_clear(res, n);
    free(res);
    if (st == WV_OK)
        st = srv_ledger_publish(s, err);
    return st;
}

/* ------------------------------------------------------------ the queue */

/* The signature is checked here, on the poster's thread and outside every
 * lock, so that the committer (which each batch waits for) does not
 * spend its time on Ed25519; each poster waits on its own condition
 * variable, so that a batch wakes its own posters only. */
void srv_submit(wv_srv *s, const uint8_t *env, size_t len, wv_append_result *out)
{
    srv_pending p = {.env = env, .len = len};
    wv_session_precheck(s->session, env, len, &p.pre);
    pthread_cond_init(&p.done_cv, NULL);
    pthread_mutex_lock(&s->q_mu);
    if (s->stopping || s->broken) {
        pthread_mutex_unlock(&s->q_mu);
        pthread_cond_destroy(&p.done_cv);
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
        pthread_cond_wait(&p.done_cv, &s->q_mu);
    pthread_mutex_unlock(&s->q_mu);
    pthread_cond_destroy(&p.done_cv);
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
                         size_t *lens, wv_sig_precheck *pre, wv_append_result *res)
{
    wv_error err;
    for (size_t i = 0; i < n; i++) {
        envs[i] = batch[i]->env;
        lens[i] = batch[i]->len;
        pre[i] = batch[i]->pre;
    }
    pthread_mutex_lock(&s->rec_mu);
    wv_status st = srv_commit(s, envs, lens, pre, n, res, &err);
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
        pthread_cond_signal(&batch[i]->done_cv);
    }
    pthread_mutex_unlock(&s->q_mu);
}

static void *committer(void *arg)
{
    wv_srv *s = arg;
    pthread_setname_np(pthread_self(), "wv-commit"); /* for top, perf, bench_serve */
    pthread_mutex_lock(&s->q_mu);
    for (;;) {
        while (s->head == NULL && !s->committer_quit)
            pthread_cond_wait(&s->q_cv, &s->q_mu);
        if (s->head == NULL)
            break;
        size_t n = take_batch(s, s->c_batch, s->c_max);
        pthread_mutex_unlock(&s->q_mu);
        commit_batch(s, s->c_batch, n, s->c_envs, s->c_lens, s->c_pre, s->c_res);
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
    s->c_pre = malloc(s->c_max * sizeof *s->c_pre);
    if (!s->c_batch || !s->c_envs || !s->c_lens || !s->c_res || !s->c_pre)
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
    free(s->c_batch), free(s->c_envs), free(s->c_lens), free(s->c_res), free(s->c_pre);
    s->c_batch = NULL, s->c_envs = NULL, s->c_lens = NULL, s->c_res = NULL, s->c_pre = NULL;
}
