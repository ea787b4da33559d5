/* Sweeps over membership size, and their CSV and SVG renderings (SVG is
 * written as text: it is output, never parsed). */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
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

/* ------------------------------------------------------------ text output */

typedef struct buf {
    char *p;
    size_t len, cap;
    int failed;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = 1;
            return;
        }
        if (b->p && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = (b->cap + (size_t)n + 1) * 2;
        char *np = realloc(b->p, cap);
        if (np == NULL) {
            b->failed = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
}

static wv_status finish(buf *b, char **out, wv_error *err)
{
    if (b->failed || b->p == NULL) {
        free(b->p);
        return wv_error_set(err, WV_ERR_NOMEM, "sweep: out of memory");
    }
    *out = b->p;
    return WV_OK;
}

wv_status wv_sim_sweep_csv(const wv_sim_sweep_point *pts, size_t n, char **out, wv_error *err)
{
    buf b = {0};
    put(&b, "members,consensus_p,consensus_lo,consensus_hi,rounds,ambition,years_to_consensus,"
            "plurilateral_p,plurilateral_participation,first_procedure_p\n");
    for (size_t i = 0; i < n; i++) {
        const wv_sim_sweep_point *p = &pts[i];
        put(&b, "%u,%.6f,%.6f,%.6f,%.4f,%.4f,", p->members, p->consensus_p, p->consensus_lo,
            p->consensus_hi, p->rounds, p->ambition);
        if (p->years >= 0)
            put(&b, "%.3f", p->years);
        put(&b, ",%.6f,%.6f,%.6f\n", p->pluri_p, p->pluri_participation, p->first_proc_p);
    }
    return finish(&b, out, err);
}

/* Chart geometry: two panels side by side share the x axis (Members).
 * Left: probabilities and ambition (0..1). Right: years to agreement. The
 * margin right of the second panel holds the labels of late dots; the legend
 * sits below the axis titles (TOP + PH + 34). */
#define W 1120
#define H 490
#define PW 380
#define PH 320
#define TOP 70
#define LEFT1 70
#define LEFT2 560

static double xpos(double members, double left)
{
    return left + members / 170.0 * PW;
}

static void axes(buf *b, double left, const char *ylabel, double ymax, const char *fmt)
{
    put(b, "<rect x=\"%.0f\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
               "stroke=\"#444\"/>\n", left, TOP, PW, PH);
    for (int k = 0; k <= 4; k++) {
        double y = TOP + PH - k * PH / 4.0;
        put(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", left,
            y, left + PW, y);
        put(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">", left - 5,
            y + 4);
        put(b, fmt, ymax * k / 4);
        put(b, "</text>\n");
    }
    for (int m = 0; m <= 160; m += 20)
        put(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>\n",
            xpos(m, left), TOP + PH + 16, m);
    put(b, "<text x=\"%.0f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">Members</text>\n",
        left + PW / 2.0, TOP + PH + 34);
    put(b, "<text x=\"%.0f\" y=\"%d\" font-size=\"12\">%s</text>\n", left, TOP - 8, ylabel);
}

static void polyline(buf *b, const wv_sim_sweep_point *pts, size_t n, double left, double ymax,
                     size_t field, const char *colour, const char *dash)
{
    put(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", colour, dash);
    for (size_t i = 0; i < n; i++) {
        const double *v = (const double *)((const char *)&pts[i] + field);
        if (*v < 0)
            continue;
        double y = *v > ymax ? ymax : *v;
        put(b, "%.1f,%.1f ", xpos(pts[i].members, left), TOP + PH - y / ymax * PH);
    }
    put(b, "\"/>\n");
}

static void legend(buf *b, double x, double y, const char *colour, const char *dash,
                   const char *text)
{
    put(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" "
           "stroke-width=\"2\"%s/>\n", x, y, x + 24, y, colour, dash);
    put(b, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%s</text>\n", x + 30, y + 4, text);
}

static void xml_text(buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            put(b, "&lt;");
        else if (*s == '>')
            put(b, "&gt;");
        else if (*s == '&')
            put(b, "&amp;");
        else
            put(b, "%c", *s);
    }
}

static double years_max(const wv_scenario *s, const wv_sim_sweep_point *pts, size_t n)
{
    double m = 4;
    for (size_t i = 0; i < n; i++)
        if (pts[i].years > m)
            m = pts[i].years;
    for (size_t i = 0; i < s->n_annotations; i++)
        if (s->annotations[i].years > m)
            m = s->annotations[i].years;
    return (double)((int)(m / 4) + 1) * 4;
}

static void annotations(buf *b, const wv_scenario *s, double ymax)
{
    for (size_t i = 0; i < s->n_annotations; i++) {
        const wv_sim_annotation *a = &s->annotations[i];
        double x = xpos(a->members, LEFT2);
        const char *c = a->plurilateral ? "#1b7837" : "#b2182b";
        if (a->years < 0) {
            put(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" "
                   "stroke-dasharray=\"2,3\"/>\n", x, TOP, x, TOP + PH);
            put(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#555\">", x + 3, TOP + 12);
        } else {
            double y = TOP + PH - a->years / ymax * PH;
            /* A label that would run off the chart (about 6 px a character
             * at font-size 10) is set to the left of its dot instead. */
            int left = x + 7 + 6.0 * (double)strlen(a->label) > W;
            put(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n", x, y, c);
            put(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\"%s>",
                left ? x - 7 : x + 7, y - 4, c, left ? " text-anchor=\"end\"" : "");
        }
        xml_text(b, a->label);
        put(b, "</text>\n");
    }
}

wv_status wv_sim_sweep_svg(const wv_scenario *s, const wv_sim_sweep_point *pts, size_t n,
                           char **out, wv_error *err)
{
    buf b = {0};
    put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n",
        W, H, W, H);
    put(&b, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n<text x=\"%d\" y=\"24\" "
            "font-size=\"16\">", W, H, LEFT1);
    xml_text(&b, s->title);
    put(&b, ": consensus among all versus an open plurilateral</text>\n");
    axes(&b, LEFT1, "probability / ambition delivered", 1.0, "%.2f");
    polyline(&b, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, consensus_p), "#b2182b", "");
    polyline(&b, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, ambition), "#b2182b",
             " stroke-dasharray=\"6,4\"");
    polyline(&b, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, pluri_p), "#1b7837", "");
    polyline(&b, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, pluri_participation),
             "#1b7837", " stroke-dasharray=\"6,4\"");
    double ym = years_max(s, pts, n);
    axes(&b, LEFT2, "years to agreement (model: rounds x months per round)", ym, "%.0f");
    polyline(&b, pts, n, LEFT2, ym, offsetof(wv_sim_sweep_point, years), "#b2182b", "");
    annotations(&b, s, ym);
    legend(&b, LEFT1, H - 40, "#b2182b", "", "consensus reached");
    legend(&b, LEFT1 + 170, H - 40, "#b2182b", " stroke-dasharray=\"6,4\"",
           "ambition delivered by consensus");
    legend(&b, LEFT1, H - 22, "#1b7837", "", "plurilateral reaches critical mass");
    legend(&b, LEFT1 + 250, H - 22, "#1b7837", " stroke-dasharray=\"6,4\"",
           "share of Members joining");
    if (s->n_annotations > 0)
        put(&b, "<text x=\"%d\" y=\"%d\" font-size=\"11\">dots: historical figures (red: "
                "rounds among all; green: plurilaterals)</text>\n", LEFT2, H - 22);
    put(&b, "</svg>\n");
    return finish(&b, out, err);
}
