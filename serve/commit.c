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

/* Registers an entry admitted now with the ledger (events, publishing). */
static wv_status register_admitted(wv_srv *s, const uint8_t *env, size_t len, uint64_t index,
                                   wv_error *err)
{
    wv_envelope *e = NULL;
    wv_act *act = NULL;
    wv_chair_event *ch = NULL;
    wv_status st = wv_envelope_decode(env, len, &e, err);
    if (st == WV_OK && e->type == WTOVOTE__V1__BODY_TYPE__BODY_ACT)
        st = wv_act_decode(e->body.data, e->body.len, &act, err);
    else if (st == WV_OK)
        st = wv_chair_event_decode(e->body.data, e->body.len, &ch, err);
    if (st == WV_OK)
        st = srv_ledger_add(s, index, env, len, act, ch, wv_record_meeting(s->rec), err);
    wv_message_free(act);
    wv_message_free(ch);
    wv_message_free(e);
    return st;
}

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
 * entry and receipt), the rules, one fsync; then the ledger learns what was
 * admitted now. */
wv_status srv_commit(wv_srv *s, const uint8_t *const *envs, const size_t *lens, size_t n,
                     wv_append_result *results, wv_error *err)
{
    wv_session_result *res = calloc(n ? n : 1, sizeof *res);
    if (res == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "commit: out of memory");
    wv_status st = wv_session_submit_many(s->session, envs, lens, n, res, err);
    for (size_t i = 0; st == WV_OK && i < n; i++)
        if (res[i].status == WV_OK && !res[i].duplicate)
            st = register_admitted(s, envs[i], lens[i], res[i].index, err);
    for (size_t i = 0; i < n; i++)
        take_result(&res[i], &results[i]);
    wv_session_results_clear(res, n);
    free(res);
    if (st == WV_OK)
        st = srv_ledger_publish(s, err);
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
