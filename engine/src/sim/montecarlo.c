/* Monte Carlo over a scenario (SPEC.md, "Simulations"). Each run draws the
 * Members' dispositions from its own counter-based random stream, plays
 * meetings through the meeting state machine's fast core (which decides
 * through engine/rules) and adds integer counts to per-thread accumulators.
 * Integer sums do not depend on the order of addition, so the merged result
 * is the same whatever the number of threads. */
#include <stdatomic.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/sim_play.h"

/* ------------------------------------------------------------ results */

static void proc_stats_free(wv_sim_proc_stats *p)
{
    free(p->objections);
    free(p->margin);
    free(p->pivotal);
    free(p->days);
}

void wv_sim_result_free(wv_sim_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n_procedures; i++)
        proc_stats_free(&r->procedures[i]);
    free(r->procedures);
    for (size_t i = 0; i < r->n_approaches; i++)
        free(r->approaches[i].rounds);
    free(r);
}

static wv_sim_result *result_new(const wv_scenario *s)
{
    wv_sim_result *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    uint32_t n = s->n;
    r->members = n;
    r->max_rounds = s->max_rounds;
    r->months_per_round = s->months_per_round;
    r->n_procedures = s->n_procs;
    r->procedures = calloc(s->n_procs, sizeof *r->procedures);
    r->n_approaches = 2;
    int ok = r->procedures != NULL;
    for (size_t i = 0; ok && i < s->n_procs; i++) {
        wv_sim_proc_stats *p = &r->procedures[i];
        p->procedure = s->procs[i];
        p->objections = calloc((size_t)n + 1, sizeof *p->objections);
        p->margin = calloc(2 * (size_t)n + 1, sizeof *p->margin);
        p->pivotal = calloc(n, sizeof *p->pivotal);
        p->days = calloc(WV_SIM_DAY_BINS, sizeof *p->days);
        ok = p->objections && p->margin && p->pivotal && p->days;
    }
    strcpy(r->approaches[0].name, "consensus");
    strcpy(r->approaches[1].name, "plurilateral");
    for (size_t i = 0; ok && i < 2; i++) {
        r->approaches[i].rounds = calloc((size_t)s->max_rounds + 1, sizeof(uint64_t));
        ok = r->approaches[i].rounds != NULL;
    }
    if (!ok) {
        wv_sim_result_free(r);
        return NULL;
    }
    return r;
}

static void add_array(uint64_t *dst, const uint64_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] += src[i];
}

static void result_merge(wv_sim_result *dst, const wv_sim_result *src)
{
    uint32_t n = dst->members;
    dst->runs += src->runs;
    for (size_t i = 0; i < dst->n_procedures; i++) {
        wv_sim_proc_stats *a = &dst->procedures[i];
        const wv_sim_proc_stats *b = &src->procedures[i];
        a->runs += b->runs;
        add_array(a->outcome, b->outcome, 6);
        add_array(a->stage, b->stage, 4);
        a->votes_held += b->votes_held;
        a->decided += b->decided;
        a->days_sum += b->days_sum;
        add_array(a->objections, b->objections, (size_t)n + 1);
        add_array(a->margin, b->margin, 2 * (size_t)n + 1);
        add_array(a->pivotal, b->pivotal, n);
        add_array(a->days, b->days, WV_SIM_DAY_BINS);
    }
    for (size_t i = 0; i < dst->n_approaches; i++) {
        wv_sim_approach *a = &dst->approaches[i];
        const wv_sim_approach *b = &src->approaches[i];
        a->runs += b->runs;
        a->success += b->success;
        a->rounds_sum += b->rounds_sum;
        a->rounds_success_sum += b->rounds_success_sum;
        a->ambition_sum += b->ambition_sum;
        a->participants_sum += b->participants_sum;
        add_array(a->rounds, b->rounds, (size_t)dst->max_rounds + 1);
    }
}

/* ------------------------------------------------------------ one run */

static void record_single(wv_sim_proc_stats *ps, const sim_single *o, uint32_t n)
{
    ps->runs++;
    ps->outcome[o->outcome < 8 ? o->outcome : 0]++;
    ps->stage[o->stage < 4 ? o->stage : 0]++;
    ps->objections[o->objections <= n ? o->objections : n]++;
    if (o->has_margin) {
        int64_t idx = (int64_t)o->margin + n;
        if (idx < 0)
            idx = 0;
        if (idx > 2 * (int64_t)n)
            idx = 2 * (int64_t)n;
        ps->margin[idx]++;
    }
    ps->votes_held += o->vote_held ? 1u : 0u;
    if (o->outcome != WV_OUTCOME_PENDING) {
        ps->decided++;
        ps->days_sum += o->days;
        uint32_t bin = o->days / 30;
        ps->days[bin < WV_SIM_DAY_BINS ? bin : WV_SIM_DAY_BINS - 1]++;
    }
}

static void record_approach(wv_sim_approach *a, const sim_approach_run *o, uint32_t max_rounds)
{
    a->runs++;
    a->success += o->success ? 1u : 0u;
    a->rounds_sum += o->rounds;
    a->rounds[o->rounds <= max_rounds ? o->rounds : max_rounds]++;
    if (o->success) {
        a->rounds_success_sum += o->rounds;
        a->ambition_sum += (uint64_t)o->ambition;
        a->participants_sum += o->participants;
    }
}

static wv_status one_run(sim_play *pl, uint64_t run, wv_sim_result *acc, int negotiation,
                         wv_error *err)
{
    const wv_scenario *s = pl->s;
    sim_draw_dispositions(pl, run);
    for (size_t k = 0; k < s->n_procs; k++) {
        sim_single o;
        wv_status st = sim_play_single(pl, run, k, s->ambition, &o, err);
        if (st != WV_OK)
            return st;
        for (uint32_t i = 0; i < s->n; i++)
            acc->procedures[k].pivotal[i] += pl->pivot[i];
        record_single(&acc->procedures[k], &o, s->n);
    }
    if (negotiation) {
        sim_approach_run c, p;
        wv_status st = sim_play_consensus(pl, run, &c, err);
        if (st == WV_OK)
            st = sim_play_plurilateral(pl, run, &p, err);
        if (st != WV_OK)
            return st;
        record_approach(&acc->approaches[0], &c, s->max_rounds);
        record_approach(&acc->approaches[1], &p, s->max_rounds);
    }
    acc->runs++;
    return WV_OK;
}

/* ------------------------------------------------------------ threads */

typedef struct worker {
    const wv_scenario *s;
    uint64_t seed, first, last;
    int negotiation;
    wv_sim_result *acc;
    atomic_uint_fast64_t *done;
    atomic_int *failed;
    atomic_uint *finished;
    wv_status st;
    wv_error err;
    /* single-threaded progress */
    wv_sim_progress_fn progress;
    void *progress_ctx;
    uint64_t total;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    sim_play pl;
    w->st = sim_play_init(&pl, w->s, w->seed, &w->err);
    for (uint64_t r = w->first; w->st == WV_OK && r < w->last; r++) {
        w->st = one_run(&pl, r, w->acc, w->negotiation, &w->err);
        if (((r - w->first) & 255) == 255) {
            uint64_t d = atomic_fetch_add(w->done, 256) + 256;
            if (w->progress)
                w->progress(w->progress_ctx, d, w->total);
            if (atomic_load(w->failed))
                break;
        }
    }
    if (w->st != WV_OK)
        atomic_store(w->failed, 1);
    sim_play_free(&pl);
    atomic_fetch_add(w->finished, 1);
    return NULL;
}

static void wait_with_progress(unsigned jobs, atomic_uint_fast64_t *done, atomic_uint *finished,
                               const wv_sim_options *opt, uint64_t runs, pthread_t *th)
{
    while (opt->progress != NULL && atomic_load(finished) < jobs) {
        uint64_t d = atomic_load(done);
        opt->progress(opt->progress_ctx, d < runs ? d : runs, runs);
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    for (unsigned j = 0; j < jobs; j++)
        pthread_join(th[j], NULL);
}

static wv_status run_workers(const wv_scenario *s, const wv_sim_options *opt, uint64_t runs,
                             unsigned jobs, worker *ws, wv_error *err)
{
    atomic_uint_fast64_t done = 0;
    atomic_int failed = 0;
    atomic_uint finished = 0;
    pthread_t th[64];
    for (unsigned j = 0; j < jobs; j++) {
        ws[j] = (worker){.s = s, .seed = opt->seed, .first = runs * j / jobs,
                         .last = runs * (j + 1) / jobs, .negotiation = opt->negotiation,
                         .done = &done, .failed = &failed, .finished = &finished,
                         .total = runs};
        ws[j].acc = result_new(s);
        if (ws[j].acc == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "simulate: out of memory");
    }
    if (jobs == 1) {
        ws[0].progress = opt->progress;
        ws[0].progress_ctx = opt->progress_ctx;
        work(&ws[0]);
    } else {
        unsigned started = 0;
        for (; started < jobs; started++)
            if (pthread_create(&th[started], NULL, work, &ws[started]) != 0)
                break;
        if (started < jobs) {
            atomic_store(&failed, 1);
            for (unsigned j = 0; j < started; j++)
                pthread_join(th[j], NULL);
            return wv_error_set(err, WV_ERR_INTERNAL, "simulate: cannot start thread %u",
                                started);
        }
        wait_with_progress(jobs, &done, &finished, opt, runs, th);
    }
    if (opt->progress)
        opt->progress(opt->progress_ctx, runs, runs);
    for (unsigned j = 0; j < jobs; j++)
        if (ws[j].st != WV_OK) {
            if (err != NULL)
                *err = ws[j].err;
            return ws[j].st;
        }
    return WV_OK;
}

wv_status wv_sim_run(const wv_scenario *s, const wv_sim_options *opt, wv_sim_result **out,
                     wv_error *err)
{
    if (s == NULL || opt == NULL || out == NULL)
        return wv_error_set(err, WV_ERR_ARG, "simulate: scenario and options needed");
    *out = NULL;
    uint64_t runs = opt->runs ? opt->runs : 10000;
    unsigned jobs = opt->jobs ? opt->jobs : 1;
    if (jobs > 64)
        return wv_error_set(err, WV_ERR_ARG, "simulate: at most 64 jobs (%u asked)", jobs);
    if (jobs > runs)
        jobs = (unsigned)runs;
    worker ws[64];
    memset(ws, 0, sizeof ws);
    wv_status st = run_workers(s, opt, runs, jobs, ws, err);
    wv_sim_result *total = st == WV_OK ? result_new(s) : NULL;
    if (st == WV_OK && total == NULL)
        st = wv_error_set(err, WV_ERR_NOMEM, "simulate: out of memory");
    for (unsigned j = 0; j < jobs; j++) {
        if (total != NULL)
            result_merge(total, ws[j].acc);
        wv_sim_result_free(ws[j].acc);
    }
    if (st != WV_OK) {
        wv_sim_result_free(total);
        return st;
    }
    total->seed = opt->seed;
    *out = total;
    return WV_OK;
}

/* ------------------------------------------------------------ statistics */

void wv_sim_wilson(uint64_t k, uint64_t n, double *lo, double *hi)
{
    if (n == 0) {
        *lo = 0;
        *hi = 1;
        return;
    }
    const double z = 1.959963984540054;
    double p = (double)k / (double)n, nn = (double)n;
    double denom = 1 + z * z / nn;
    double centre = (p + z * z / (2 * nn)) / denom;
    double half = z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
    *lo = centre - half < 0 ? 0 : centre - half;
    *hi = centre + half > 1 ? 1 : centre + half;
}

size_t wv_sim_quantile(const uint64_t *hist, size_t n, double q)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += hist[i];
    if (total == 0)
        return 0;
    double want = q * (double)total;
    uint64_t cum = 0;
    for (size_t i = 0; i < n; i++) {
        cum += hist[i];
        if ((double)cum >= want && cum > 0)
            return i;
    }
    return n - 1;
}
