/* V5 on several threads: entries go in batches into a ring of slots;
 * worker threads (jobs - 1 of them) and the main thread, whenever it would
 * otherwise wait, take queued batches and check their signatures. Slots are
 * retired in submission order and the first failure by entry index is
 * kept, so the report does not depend on the number of threads. Memory: a
 * fixed number of batches in flight. */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/verify_internal.h"

#define BATCH 256

enum { SLOT_FREE, SLOT_FILLING, SLOT_QUEUED, SLOT_BUSY, SLOT_DONE };

typedef struct sig_batch {
    int state;
    size_t n;
    uint64_t index[BATCH];
    wv_envelope *env[BATCH];
    wv_public_key pub[BATCH];
    int64_t bad;       /* first failing entry, -1 when none */
    char reason[300];
} sig_batch;

struct wv_sig_pool {
    wv_verify_report *rep;
    sig_batch *slots;
    size_t n_slots, head, tail, in_flight; /* head: oldest; tail: filling */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    pthread_t *threads;
    unsigned n_threads;
    int stop;
    int64_t bad;
    char reason[300];
    uint64_t checked;
};

static void batch_check(sig_batch *b)
{
    b->bad = -1;
    for (size_t i = 0; i < b->n; i++) {
        wv_error e;
        if (wv_envelope_verify(b->env[i], &b->pub[i], &e) != WV_OK && b->bad < 0) {
            b->bad = (int64_t)b->index[i];
            snprintf(b->reason, sizeof b->reason, "%s", e.message);
        }
    }
}

/* The oldest queued slot, or NULL (under the lock). */
static sig_batch *take_queued(wv_sig_pool *p)
{
    for (size_t k = 0; k < p->in_flight; k++) {
        sig_batch *b = &p->slots[(p->head + k) % p->n_slots];
        if (b->state == SLOT_QUEUED) {
            b->state = SLOT_BUSY;
            return b;
        }
    }
    return NULL;
}

static void run_one(wv_sig_pool *p, sig_batch *b)
{
    pthread_mutex_unlock(&p->mu);
    batch_check(b);
    pthread_mutex_lock(&p->mu);
    b->state = SLOT_DONE;
    pthread_cond_broadcast(&p->done);
}

static void *worker(void *arg)
{
    wv_sig_pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        sig_batch *b = take_queued(p);
        if (b != NULL) {
            run_one(p, b);
            continue;
        }
        if (p->stop)
            break;
        pthread_cond_wait(&p->work, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

wv_status wv_sig_pool_new(unsigned jobs, wv_verify_report *rep, wv_sig_pool **out,
                          wv_error *err)
{
    *out = NULL;
    if (jobs == 0)
        jobs = 1;
    if (jobs > 256)
        return wv_error_set(err, WV_ERR_ARG, "verify: --jobs %u is more than 256", jobs);
    wv_sig_pool *p = calloc(1, sizeof *p);
    if (p == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "verify: out of memory");
    p->rep = rep;
    p->bad = -1;
    p->n_slots = 2 * (size_t)jobs + 2;
    p->slots = calloc(p->n_slots, sizeof *p->slots);
    p->threads = calloc(jobs, sizeof *p->threads);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (p->slots == NULL || p->threads == NULL) {
        wv_sig_pool_finish(p);
        return wv_error_set(err, WV_ERR_NOMEM, "verify: out of memory");
    }
    for (unsigned i = 0; i + 1 < jobs; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
            break; /* fewer threads: slower, same result */
        p->n_threads++;
    }
    p->slots[0].state = SLOT_FILLING;
    p->in_flight = 1;
    *out = p;
    return WV_OK;
}

/* Waits for the oldest slot (checking queued batches meanwhile), folds its
 * result in, frees it. Under the lock. */
static void retire_oldest(wv_sig_pool *p)
{
    sig_batch *b = &p->slots[p->head];
    while (b->state != SLOT_DONE) {
        sig_batch *q = take_queued(p);
        if (q != NULL)
            run_one(p, q);
        else
            pthread_cond_wait(&p->done, &p->mu);
    }
    if (b->bad >= 0 && (p->bad < 0 || b->bad < p->bad)) {
        p->bad = b->bad;
        memcpy(p->reason, b->reason, sizeof p->reason);
    }
    p->checked += b->n;
    for (size_t i = 0; i < b->n; i++)
        wv_message_free(b->env[i]);
    b->n = 0;
    b->state = SLOT_FREE;
    p->head = (p->head + 1) % p->n_slots;
    p->in_flight--;
}

/* Queues the filling slot and starts the next one. */
static void enqueue_tail(wv_sig_pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->slots[p->tail].state = SLOT_QUEUED;
    pthread_cond_signal(&p->work);
    if (p->in_flight == p->n_slots)
        retire_oldest(p);
    p->tail = (p->tail + 1) % p->n_slots;
    p->slots[p->tail].state = SLOT_FILLING;
    p->in_flight++;
    pthread_mutex_unlock(&p->mu);
}

wv_status wv_sig_pool_submit(wv_sig_pool *p, uint64_t index, wv_envelope *env,
                             const wv_public_key *pub, wv_error *err)
{
    (void)err;
    sig_batch *b = &p->slots[p->tail];
    b->index[b->n] = index;
    b->env[b->n] = env;
    b->pub[b->n] = *pub;
    if (++b->n == BATCH)
        enqueue_tail(p);
    return WV_OK;
}

void wv_sig_pool_finish(wv_sig_pool *p)
{
    if (p == NULL)
        return;
    if (p->slots != NULL) {
        pthread_mutex_lock(&p->mu);
        p->slots[p->tail].state = SLOT_QUEUED;
        pthread_cond_broadcast(&p->work);
        while (p->in_flight > 0)
            retire_oldest(p);
        p->stop = 1;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->mu);
    }
    for (unsigned i = 0; i < p->n_threads; i++)
        pthread_join(p->threads[i], NULL);
    if (p->rep != NULL) {
        p->rep->signatures_checked = p->checked;
        if (p->bad >= 0)
            wv_verify_fail(p->rep, WV_V5_SIGNATURES, p->bad, p->reason);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p->slots);
    free(p->threads);
    free(p);
}
