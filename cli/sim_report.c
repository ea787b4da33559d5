/* wtovote simulate: the report of one Monte Carlo (text, JSON, CSV, SVG). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_sim.h"
#include "report.h"
#include "wtovote/util.h"

typedef struct pivot {
    uint32_t member;
    uint64_t count;
} pivot;

static int pivot_cmp(const void *a, const void *b)
{
    const pivot *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->member < y->member ? -1 : x->member > y->member;
}

/* The Members most often pivotal, at most `max`, with a count > 0. */
static size_t top_pivots(const wv_sim_proc_stats *p, uint32_t n, pivot *out, size_t max)
{
    pivot *all = malloc((size_t)n * sizeof *all);
    if (all == NULL)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        all[i] = (pivot){i, p->pivotal[i]};
    qsort(all, n, sizeof *all, pivot_cmp);
    size_t k = 0;
    while (k < max && k < n && all[k].count > 0) {
        out[k] = all[k];
        k++;
    }
    free(all);
    return k;
}

typedef struct summary {
    double p, lo, hi;
    size_t obj5, obj50, obj95;
    int has_margin;
    long m5, m50, m95;
    double mean_days;
} summary;

static void summarise(const wv_sim_proc_stats *p, uint32_t n, summary *s)
{
    uint64_t adopted = p->outcome[WV_OUTCOME_ADOPTED];
    s->p = p->runs ? (double)adopted / (double)p->runs : 0;
    wv_sim_wilson(adopted, p->runs, &s->lo, &s->hi);
    s->obj5 = wv_sim_quantile(p->objections, (size_t)n + 1, 0.05);
    s->obj50 = wv_sim_quantile(p->objections, (size_t)n + 1, 0.5);
    s->obj95 = wv_sim_quantile(p->objections, (size_t)n + 1, 0.95);
    uint64_t margins = 0;
    for (size_t i = 0; i < 2 * (size_t)n + 1; i++)
        margins += p->margin[i];
    s->has_margin = margins > 0;
    s->m5 = (long)wv_sim_quantile(p->margin, 2 * (size_t)n + 1, 0.05) - (long)n;
    s->m50 = (long)wv_sim_quantile(p->margin, 2 * (size_t)n + 1, 0.5) - (long)n;
    s->m95 = (long)wv_sim_quantile(p->margin, 2 * (size_t)n + 1, 0.95) - (long)n;
    s->mean_days = p->decided ? (double)p->days_sum / (double)p->decided : -1;
}

static double mean(uint64_t sum, uint64_t count)
{
    return count ? (double)sum / (double)count : 0;
}

/* ------------------------------------------------------------ text */

static void text_procedure(const wv_scenario *sc, const wv_sim_result *r,
                           const wv_sim_proc_stats *p)
{
    summary s;
    summarise(p, r->members, &s);
    /* As the meeting commands print a procedure: id, title [citation]. */
    printf("  %s, %s [%s]\n", wv_procedure_id(p->procedure), wv_procedure_title(p->procedure),
           wv_procedure_citation(p->procedure));
    printf("    adopted: %.4f  95%% CI [%.4f, %.4f] (Wilson)\n", s.p, s.lo, s.hi);
    printf("    outcomes:");
    for (int o = 1; o <= WV_OUTCOME_REPORTED; o++)
        if (p->outcome[o])
            printf(" %s %llu", wv_outcome_name((wv_outcome)o), (unsigned long long)p->outcome[o]);
    printf("\n    objections at the consensus call: median %zu (5%%-95%%: %zu-%zu)\n", s.obj50,
           s.obj5, s.obj95);
    if (s.has_margin)
        printf("    margin (yes or acceptances minus required): median %ld (5%%-95%%: %ld to "
               "%ld); votes held in %llu runs\n", s.m50, s.m5, s.m95,
               (unsigned long long)p->votes_held);
    if (s.mean_days >= 0 && (p->votes_held || wv_procedure_is_acceptance(p->procedure)))
        printf("    time to decision: %.1f days on average\n", s.mean_days);
    pivot top[8];
    size_t k = top_pivots(p, r->members, top, 8);
    if (k > 0) {
        printf("    most often pivotal:");
        for (size_t i = 0; i < k; i++)
            printf(" %s %.1f%%", wv_scenario_member_code(sc, top[i].member),
                   100.0 * (double)top[i].count / (double)p->runs);
        printf("\n");
    }
}

static void text_approaches(const wv_sim_result *r)
{
    const wv_sim_approach *c = &r->approaches[0], *pl = &r->approaches[1];
    double lo, hi;
    wv_sim_wilson(c->success, c->runs, &lo, &hi);
    printf("  consensus-seeking rounds (the chair lowers the ambition to meet objections):\n");
    printf("    agreement: %.4f  95%% CI [%.4f, %.4f]\n", mean(c->success, c->runs), lo, hi);
    if (c->success == 0) {
        printf("    no agreement in any run; %.2f rounds on average before the proponents "
               "gave up or the rounds ran out\n", mean(c->rounds_sum, c->runs));
    } else {
        printf("    rounds: %.2f on average (%.2f when agreed); %.1f years to agreement\n",
               mean(c->rounds_sum, c->runs), mean(c->rounds_success_sum, c->success),
               mean(c->rounds_success_sum, c->success) * r->months_per_round / 12.0);
        printf("    ambition delivered: %.3f when agreed, %.3f over all runs; %u Members "
               "bound\n", mean(c->ambition_sum, c->success) / 1000,
               mean(c->ambition_sum, c->runs) / 1000, r->members);
    }
    wv_sim_wilson(pl->success, pl->runs, &lo, &hi);
    printf("  open plurilateral (the willing join at full ambition):\n");
    printf("    reaches critical mass: %.4f  95%% CI [%.4f, %.4f]\n", mean(pl->success, pl->runs),
           lo, hi);
    if (pl->success == 0)
        printf("    never reached its critical mass\n");
    else
        printf("    participants: %.1f on average (%.1f%% of the Members); ambition %.3f\n",
               mean(pl->participants_sum, pl->success),
               100 * mean(pl->participants_sum, pl->success) / r->members,
               mean(pl->ambition_sum, pl->success) / 1000);
}

static void print_text(const wv_scenario *sc, const wv_sim_result *r)
{
    printf("Scenario %s: %s\n", wv_scenario_name(sc), wv_scenario_title(sc));
    printf("Proposal: %s\n", wv_scenario_subject(sc));
    printf("%u Members, %llu runs, seed %llu\n\n", r->members, (unsigned long long)r->runs,
           (unsigned long long)r->seed);
    printf("One meeting on the proposal as tabled:\n");
    for (size_t i = 0; i < r->n_procedures; i++)
        text_procedure(sc, r, &r->procedures[i]);
    printf("\nNegotiation model (SPEC.md, \"Simulations\"):\n");
    text_approaches(r);
}

/* ------------------------------------------------------------ JSON */

static json_t *hist_json(const uint64_t *h, size_t n, long offset)
{
    json_t *o = json_object();
    for (size_t i = 0; i < n; i++)
        if (h[i]) {
            char key[24];
            snprintf(key, sizeof key, "%ld", (long)i - offset);
            json_object_set_new(o, key, json_integer((json_int_t)h[i]));
        }
    return o;
}

static json_t *proc_json(const wv_scenario *sc, const wv_sim_result *r,
                         const wv_sim_proc_stats *p)
{
    summary s;
    summarise(p, r->members, &s);
    json_t *outcomes = json_object(), *piv = json_array();
    for (int o = 1; o <= WV_OUTCOME_REPORTED; o++)
        json_object_set_new(outcomes, wv_outcome_name((wv_outcome)o),
                            json_integer((json_int_t)p->outcome[o]));
    pivot top[8];
    size_t k = top_pivots(p, r->members, top, 8);
    for (size_t i = 0; i < k; i++)
        json_array_append_new(piv, json_pack("{s:s, s:I, s:f}", "member",
                                             wv_scenario_member_code(sc, top[i].member), "runs",
                                             (json_int_t)top[i].count, "share",
                                             (double)top[i].count / (double)p->runs));
    return json_pack("{s:s, s:s, s:I, s:f, s:[f,f], s:o, s:o, s:o, s:I, s:o, s:o}", "procedure",
                     wv_procedure_id(p->procedure), "citation",
                     wv_procedure_citation(p->procedure), "runs", (json_int_t)p->runs,
                     "adoption_p", s.p, "ci95", s.lo, s.hi, "outcomes", outcomes,
                     "objections", hist_json(p->objections, (size_t)r->members + 1, 0),
                     "margin", hist_json(p->margin, 2 * (size_t)r->members + 1, r->members),
                     "votes_held", (json_int_t)p->votes_held, "mean_days_to_decision",
                     s.mean_days >= 0 ? json_real(s.mean_days) : json_null(),
                     "most_pivotal", piv);
}

static json_t *approach_json(const wv_sim_result *r, const wv_sim_approach *a)
{
    double lo, hi;
    wv_sim_wilson(a->success, a->runs, &lo, &hi);
    return json_pack("{s:s, s:I, s:f, s:[f,f], s:f, s:f, s:f, s:f, s:f}", "approach", a->name,
                     "runs", (json_int_t)a->runs, "success_p", mean(a->success, a->runs),
                     "ci95", lo, hi, "mean_rounds", mean(a->rounds_sum, a->runs),
                     "mean_rounds_when_agreed", mean(a->rounds_success_sum, a->success),
                     "years_when_agreed",
                     mean(a->rounds_success_sum, a->success) * r->months_per_round / 12.0,
                     "ambition_when_agreed", mean(a->ambition_sum, a->success) / 1000,
                     "participants_when_agreed", mean(a->participants_sum, a->success));
}

static int print_json(const wv_scenario *sc, const wv_sim_result *r)
{
    json_t *procs = json_array(), *apps = json_array();
    for (size_t i = 0; i < r->n_procedures; i++)
        json_array_append_new(procs, proc_json(sc, r, &r->procedures[i]));
    for (size_t i = 0; i < r->n_approaches; i++)
        json_array_append_new(apps, approach_json(r, &r->approaches[i]));
    json_t *doc = json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:o, s:o}", "scenario",
                            wv_scenario_name(sc), "title", wv_scenario_title(sc), "subject",
                            wv_scenario_subject(sc), "members", (json_int_t)r->members, "runs",
                            (json_int_t)r->runs, "seed", (json_int_t)r->seed, "procedures",
                            procs, "negotiation", apps);
    if (doc == NULL)
        return wv_cli_usage_error("simulate: cannot build the JSON report");
    wv_cli_print_json(doc);
    json_decref(doc);
    return WV_EXIT_OK;
}

/* ------------------------------------------------------------ files */

static char *csv_text(const wv_sim_result *r)
{
    size_t cap = 512 + (r->n_procedures + 2) * 256;
    char *t = malloc(cap);
    if (t == NULL)
        return NULL;
    size_t n = (size_t)snprintf(t, cap, "kind,name,runs,success,p,ci_lo,ci_hi,votes_held,"
                                        "mean_days,mean_rounds,ambition,participants\n");
    for (size_t i = 0; i < r->n_procedures; i++) {
        const wv_sim_proc_stats *p = &r->procedures[i];
        double lo, hi;
        uint64_t k = p->outcome[WV_OUTCOME_ADOPTED];
        wv_sim_wilson(k, p->runs, &lo, &hi);
        n += (size_t)snprintf(t + n, cap - n, "procedure,%s,%llu,%llu,%.6f,%.6f,%.6f,%llu,%.3f,,,\n",
                              wv_procedure_id(p->procedure), (unsigned long long)p->runs,
                              (unsigned long long)k, mean(k, p->runs), lo, hi,
                              (unsigned long long)p->votes_held, mean(p->days_sum, p->decided));
    }
    for (size_t i = 0; i < r->n_approaches; i++) {
        const wv_sim_approach *a = &r->approaches[i];
        double lo, hi;
        wv_sim_wilson(a->success, a->runs, &lo, &hi);
        n += (size_t)snprintf(t + n, cap - n, "approach,%s,%llu,%llu,%.6f,%.6f,%.6f,,,%.4f,%.4f,"
                                              "%.2f\n", a->name, (unsigned long long)a->runs,
                              (unsigned long long)a->success, mean(a->success, a->runs), lo, hi,
                              mean(a->rounds_sum, a->runs),
                              mean(a->ambition_sum, a->success) / 1000,
                              mean(a->participants_sum, a->success));
    }
    return t;
}

/* One bar of the chart: row i, a probability with its Wilson interval. */
static void svg_bar(FILE *f, int i, const char *prefix, const char *label, uint64_t k,
                    uint64_t runs, const char *colour)
{
    double lo, hi, p = mean(k, runs);
    wv_sim_wilson(k, runs, &lo, &hi);
    int y = 45 + i * 34;
    fprintf(f, "<text x=\"10\" y=\"%d\" font-size=\"12\">%s%s</text>\n"
               "<rect x=\"200\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"/>\n"
               "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>\n"
               "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.3f</text>\n",
            y + 14, prefix, label, y, p * 500, colour, 200 + lo * 500, y + 10, 200 + hi * 500,
            y + 10, 200 + p * 500 + 6, y + 14, p);
}

/* Horizontal bars: probability of adoption / agreement with its CI. */
static char *svg_text(const wv_scenario *sc, const wv_sim_result *r)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    if (f == NULL)
        return NULL;
    int h = 70 + (int)(r->n_procedures + r->n_approaches) * 34;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/"
               "svg\" width=\"760\" height=\"%d\" font-family=\"sans-serif\">\n<rect width=\"760\" "
               "height=\"%d\" fill=\"white\"/>\n<text x=\"10\" y=\"22\" font-size=\"15\">", h, h);
    wf_html_text(f, wv_scenario_name(sc)); /* a scenario file's name is any text */
    fprintf(f, ": probability (95%% CI), %llu runs</text>\n", (unsigned long long)r->runs);
    for (size_t i = 0; i < r->n_procedures; i++) {
        const wv_sim_proc_stats *p = &r->procedures[i];
        svg_bar(f, (int)i, "", wv_procedure_id(p->procedure), p->outcome[WV_OUTCOME_ADOPTED],
                p->runs, "#4393c3");
    }
    for (size_t i = 0; i < r->n_approaches; i++) {
        const wv_sim_approach *a = &r->approaches[i];
        svg_bar(f, (int)(r->n_procedures + i), "approach: ", a->name, a->success, a->runs,
                "#1b7837");
    }
    fputs("</svg>\n", f);
    if (fclose(f) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

int wv_cli_sim_write(const char *path, char *text)
{
    wv_error err = {0};
    if (text == NULL)
        return wv_cli_usage_error("simulate: out of memory");
    wv_status st = wv_file_write_atomic(path, text, strlen(text), 0644, WV_WRITE_REPLACE, &err);
    free(text);
    return st == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
}

int wv_cli_sim_report(const sim_args *a, const wv_scenario *s, const wv_sim_result *r)
{
    int rc = WV_EXIT_OK;
    if (a->csv != NULL)
        rc = wv_cli_sim_write(a->csv, csv_text(r));
    if (rc == WV_EXIT_OK && a->svg != NULL)
        rc = wv_cli_sim_write(a->svg, svg_text(s, r));
    if (rc != WV_EXIT_OK)
        return rc;
    if (a->json)
        return print_json(s, r);
    print_text(s, r);
    return WV_EXIT_OK;
}
