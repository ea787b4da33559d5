/* wtovote simulate --sweep: the CSV and the SVG chart of a sweep over
 * membership size (the engine returns the points, wv_sim_sweep; the
 * historical figures come from the scenario's annotations). SVG is written
 * as text: it is output, never parsed. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_sim.h"
#include "report.h"

/* Closes a memstream; its text (*text is only current after the close), or
 * NULL when a write failed. */
static char *memstream_text(FILE *f, char **text)
{
    if (fclose(f) != 0) {
        free(*text);
        return NULL;
    }
    return *text;
}

char *wv_cli_sweep_csv(const wv_sim_sweep_point *pts, size_t n)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    if (f == NULL)
        return NULL;
    fputs("members,consensus_p,consensus_lo,consensus_hi,rounds,ambition,years_to_consensus,"
          "plurilateral_p,plurilateral_participation,first_procedure_p\n", f);
    for (size_t i = 0; i < n; i++) {
        const wv_sim_sweep_point *p = &pts[i];
        fprintf(f, "%u,%.6f,%.6f,%.6f,%.4f,%.4f,", p->members, p->consensus_p, p->consensus_lo,
                p->consensus_hi, p->rounds, p->ambition);
        if (p->years >= 0) /* empty: consensus never reached at this size */
            fprintf(f, "%.3f", p->years);
        fprintf(f, ",%.6f,%.6f,%.6f\n", p->pluri_p, p->pluri_participation, p->first_proc_p);
    }
    return memstream_text(f, &t);
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

static void axes(FILE *f, double left, const char *ylabel, double ymax, const char *fmt)
{
    fprintf(f, "<rect x=\"%.0f\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
               "stroke=\"#444\"/>\n", left, TOP, PW, PH);
    for (int k = 0; k <= 4; k++) {
        double y = TOP + PH - k * PH / 4.0;
        fprintf(f, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                left, y, left + PW, y);
        fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">", left - 5,
                y + 4);
        fprintf(f, fmt, ymax * k / 4);
        fputs("</text>\n", f);
    }
    for (int m = 0; m <= 160; m += 20)
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>\n",
                xpos(m, left), TOP + PH + 16, m);
    fprintf(f, "<text x=\"%.0f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">Members</text>\n",
            left + PW / 2.0, TOP + PH + 34);
    fprintf(f, "<text x=\"%.0f\" y=\"%d\" font-size=\"12\">%s</text>\n", left, TOP - 8, ylabel);
}

/* One series: the double at byte offset `field` of each point; a negative
 * value (no agreement at that size) is left out. */
static void polyline(FILE *f, const wv_sim_sweep_point *pts, size_t n, double left, double ymax,
                     size_t field, const char *colour, const char *dash)
{
    fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", colour,
            dash);
    for (size_t i = 0; i < n; i++) {
        const double *v = (const double *)((const char *)&pts[i] + field);
        if (*v < 0)
            continue;
        double y = *v > ymax ? ymax : *v;
        fprintf(f, "%.1f,%.1f ", xpos(pts[i].members, left), TOP + PH - y / ymax * PH);
    }
    fputs("\"/>\n", f);
}

static void legend(FILE *f, double x, double y, const char *colour, const char *dash,
                   const char *text)
{
    fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" "
               "stroke-width=\"2\"%s/>\n", x, y, x + 24, y, colour, dash);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%s</text>\n", x + 30, y + 4, text);
}

/* The years axis: a multiple of 4 above every point and historical figure. */
static double years_max(const wv_scenario *s, const wv_sim_sweep_point *pts, size_t n)
{
    double m = 4;
    for (size_t i = 0; i < n; i++)
        if (pts[i].years > m)
            m = pts[i].years;
    for (size_t i = 0; i < wv_scenario_annotation_count(s); i++)
        if (wv_scenario_annotation(s, i)->years > m)
            m = wv_scenario_annotation(s, i)->years;
    return (double)((int)(m / 4) + 1) * 4;
}

/* A historical figure: a dot at (members, years), or a dotted vertical line
 * when it gives no duration; its label beside it. */
static void annotation(FILE *f, const wv_sim_annotation *a, double ymax)
{
    double x = xpos(a->members, LEFT2);
    const char *c = a->plurilateral ? "#1b7837" : "#b2182b";
    if (a->years < 0) {
        fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" "
                   "stroke-dasharray=\"2,3\"/>\n", x, TOP, x, TOP + PH);
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#555\">", x + 3, TOP + 12);
    } else {
        double y = TOP + PH - a->years / ymax * PH;
        /* A label that would run off the chart (about 6 px a character at
         * font-size 10) is set to the left of its dot instead. */
        int left = x + 7 + 6.0 * (double)strlen(a->label) > W;
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n", x, y, c);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\"%s>",
                left ? x - 7 : x + 7, y - 4, c, left ? " text-anchor=\"end\"" : "");
    }
    wf_html_text(f, a->label); /* a scenario file's label is any text */
    fputs("</text>\n", f);
}

static void header(FILE *f, const wv_scenario *s)
{
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/"
               "svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "font-family=\"sans-serif\">\n", W, H, W, H);
    fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n<text x=\"%d\" y=\"24\" "
               "font-size=\"16\">", W, H, LEFT1);
    wf_html_text(f, wv_scenario_title(s));
    fputs(": consensus among all versus an open plurilateral</text>\n", f);
}

static void legends(FILE *f, const wv_scenario *s)
{
    legend(f, LEFT1, H - 40, "#b2182b", "", "consensus reached");
    legend(f, LEFT1 + 170, H - 40, "#b2182b", " stroke-dasharray=\"6,4\"",
           "ambition delivered by consensus");
    legend(f, LEFT1, H - 22, "#1b7837", "", "plurilateral reaches critical mass");
    legend(f, LEFT1 + 250, H - 22, "#1b7837", " stroke-dasharray=\"6,4\"",
           "share of Members joining");
    if (wv_scenario_annotation_count(s) > 0)
        fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\">dots: historical figures (red: "
                   "rounds among all; green: plurilaterals)</text>\n", LEFT2, H - 22);
}

char *wv_cli_sweep_svg(const wv_scenario *s, const wv_sim_sweep_point *pts, size_t n)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    if (f == NULL)
        return NULL;
    header(f, s);
    axes(f, LEFT1, "probability / ambition delivered", 1.0, "%.2f");
    polyline(f, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, consensus_p), "#b2182b", "");
    polyline(f, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, ambition), "#b2182b",
             " stroke-dasharray=\"6,4\"");
    polyline(f, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, pluri_p), "#1b7837", "");
    polyline(f, pts, n, LEFT1, 1.0, offsetof(wv_sim_sweep_point, pluri_participation),
             "#1b7837", " stroke-dasharray=\"6,4\"");
    double ym = years_max(s, pts, n);
    axes(f, LEFT2, "years to agreement (model: rounds x months per round)", ym, "%.0f");
    polyline(f, pts, n, LEFT2, ym, offsetof(wv_sim_sweep_point, years), "#b2182b", "");
    for (size_t i = 0; i < wv_scenario_annotation_count(s); i++)
        annotation(f, wv_scenario_annotation(s, i), ym);
    legends(f, s);
    fputs("</svg>\n", f);
    return memstream_text(f, &t);
}
