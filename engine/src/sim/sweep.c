/* Sweeps over membership size: one point of results per size (the CLI
 * renders them, cli/sweep_render.c). */
#include <stdlib.h>
#include <string.h>

#include "sim/sim_internal.h"

static void point_of(const wv_sim_result *r, uint32_t n, wv_sim_sweep_point *pt)
{
    const wv_sim_approach *c = &r->approaches[0], *p = &r->approaches[1];
    memset(pt, 0, sizeof *pt);
    pt->members = n;
    double runs = r->runs ? (double)r->runs : 1;
    pt->consensus_p = (double)c->success / runs;
    wv_sim_wilson(c->success, r->runs, &pt->consensus_lo, &pt->consensus_hi);
    pt->rounds = (double)c->rounds_sum / runs;
    pt->ambition = (double)c->ambition_sum / runs / SIM_PERMILLE;
    pt->years = c->success ? (double)c->rounds_success_sum / (double)c->success *
                                 r->months_per_round / 12.0
                           : -1;
    pt->pluri_p = (double)p->success / runs;
    pt->pluri_participation = p->success ? (double)p->participants_sum / (double)p->success / n
                                         : 0;
    if (r->n_procedures > 0)
        pt->first_proc_p = (double)r->procedures[0].outcome[WV_OUTCOME_ADOPTED] / runs;
}

wv_status wv_sim_sweep(wv_scenario *s, uint32_t from, uint32_t to, uint32_t step,
                       const wv_sim_options *opt, wv_sim_sweep_point **points, size_t *n_points,
                       wv_error *err)
{
    if (s == NULL || points == NULL || n_points == NULL || step == 0 || from < 2 || from > to ||
        to > s->n_all)
        return wv_error_set(err, WV_ERR_ARG, "sweep: members=%u:%u:%u is not a range of 2 to %u "
                                             "Members with a positive step",
                            from, to, step, s ? s->n_all : 0);
    size_t count = (to - from) / step + 1;
    wv_sim_sweep_point *pts = calloc(count, sizeof *pts);
    if (pts == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "sweep: out of memory");
    uint32_t keep = s->n;
    wv_status st = WV_OK;
    wv_sim_options o = *opt;
    o.negotiation = 1;
    for (size_t i = 0; i < count && st == WV_OK; i++) {
        uint32_t n = from + (uint32_t)i * step;
        wv_sim_result *r = NULL;
        st = wv_scenario_set_members(s, n, err);
        if (st == WV_OK)
            st = wv_sim_run(s, &o, &r, err);
        if (st == WV_OK)
            point_of(r, n, &pts[i]);
        wv_sim_result_free(r);
    }
    wv_status back = wv_scenario_set_members(s, keep, st == WV_OK ? err : NULL);
    if (st == WV_OK)
        st = back;
    if (st != WV_OK) {
        free(pts);
        return st;
    }
    *points = pts;
    *n_points = count;
    return WV_OK;
}
