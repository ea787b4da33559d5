/* The hemicycle: the Members' seats on an item as an inline SVG, coloured by
 * position, in rows of concentric half circles (like a parliament diagram).
 * Seats are filled from left to right in the order of the legend, so each
 * position forms a wedge; within a position, Members go by code. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "report.h"

#define WF_PI 3.14159265358979323846

static const struct {
    const char *word, *colour;
} CLASSES[WF_SEAT_CLASS_COUNT] = {
    [WF_SEAT_YES] = {"yes", "#1b7f3b"},
    [WF_SEAT_BLOC_YES] = {"yes through the EU bloc", "#79c28f"},
    [WF_SEAT_ABSTAIN] = {"abstain", "#d99a00"},
    [WF_SEAT_BLOC_ABSTAIN] = {"abstain through the EU bloc", "#f0cd73"},
    [WF_SEAT_NO] = {"no", "#c0392b"},
    [WF_SEAT_BLOC_NO] = {"no through the EU bloc", "#e89a91"},
    [WF_SEAT_OBJECTED] = {"objected", "#6c3483"},
    [WF_SEAT_ACCEPTED] = {"accepted", "#117a8b"},
    [WF_SEAT_PRESENT] = {"present, did not object", "#5d7fa3"},
    [WF_SEAT_NOT_PARTY] = {"not a party", "#ffffff"},
    [WF_SEAT_ABSENT] = {"absent", "#d5d8dc"},
};

const char *wf_seat_class_word(wf_seat_class c)
{
    return CLASSES[c].word;
}

const char *wf_seat_class_colour(wf_seat_class c)
{
    return CLASSES[c].colour;
}

wf_seat_class wf_seat_classify(wv_position p, int bloc)
{
    switch (p) {
    case WV_POS_YES: return bloc ? WF_SEAT_BLOC_YES : WF_SEAT_YES;
    case WV_POS_NO: return bloc ? WF_SEAT_BLOC_NO : WF_SEAT_NO;
    case WV_POS_ABSTAIN: return bloc ? WF_SEAT_BLOC_ABSTAIN : WF_SEAT_ABSTAIN;
    case WV_POS_OBJECTED: return WF_SEAT_OBJECTED;
    case WV_POS_ACCEPTED: return WF_SEAT_ACCEPTED;
    case WV_POS_PRESENT: return WF_SEAT_PRESENT;
    case WV_POS_NOT_PARTY: return WF_SEAT_NOT_PARTY;
    default: return WF_SEAT_ABSENT;
    }
}

typedef struct seat {
    double angle, x, y;
} seat;

static int seat_cmp(const void *a, const void *b)
{
    const seat *s = a, *t = b;
    if (s->angle != t->angle)
        return s->angle > t->angle ? -1 : 1; /* from the left (pi) to the right (0) */
    return (s->x > t->x) - (s->x < t->x);
}

#define CX 300.0
#define CY 290.0
#define R_OUT 280.0
#define R_IN 110.0

/* Seat positions for n seats in rows; returns the seat radius. */
static double layout(size_t n, seat *out)
{
    int rows = n <= 24 ? 2 : n <= 80 ? 4 : n <= 200 ? 7 : 10;
    double radius[10], sum = 0;
    for (int i = 0; i < rows; i++) {
        radius[i] = R_IN + (R_OUT - R_IN) * (rows == 1 ? 1 : (double)i / (rows - 1));
        sum += radius[i];
    }
    size_t k = 0, per[10];
    for (int i = 0; i < rows; i++) {
        per[i] = (size_t)floor((double)n * radius[i] / sum);
        if (per[i] < 1)
            per[i] = 1;
        k += per[i];
    }
    for (int i = rows - 1; k < n; i = i == 0 ? rows - 1 : i - 1, k++)
        per[i]++; /* the remainder goes to the outer rows */
    for (int i = 0; k > n; i = (i + 1) % rows)
        if (per[i] > 1)
            per[i]--, k--;
    size_t s = 0;
    for (int i = 0; i < rows; i++)
        for (size_t j = 0; j < per[i]; j++, s++) {
            double a = per[i] == 1 ? WF_PI / 2 : WF_PI * (1.0 - (double)j / (double)(per[i] - 1));
            out[s].angle = a;
            out[s].x = CX + radius[i] * cos(a);
            out[s].y = CY - radius[i] * sin(a);
        }
    qsort(out, n, sizeof *out, seat_cmp);
    double gap = (R_OUT - R_IN) / (rows > 1 ? rows - 1 : 1);
    double arc = WF_PI * R_IN / (double)(per[0] > 1 ? per[0] - 1 : 1);
    double r = 0.42 * (gap < arc ? gap : arc);
    return r > 11 ? 11 : r;
}

typedef struct member_seat {
    uint32_t member;
    wf_seat_class cls;
} member_seat;

static int ms_cmp(const void *a, const void *b)
{
    const member_seat *x = a, *y = b;
    if (x->cls != y->cls)
        return (int)x->cls - (int)y->cls;
    return (x->member > y->member) - (x->member < y->member);
}

static void legend(FILE *f, const size_t *count)
{
    fputs("<ul class=\"legend\">", f);
    for (int c = 0; c < WF_SEAT_CLASS_COUNT; c++) {
        if (count[c] == 0)
            continue;
        fprintf(f, "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><circle cx=\"7\" "
                   "cy=\"7\" r=\"6\" fill=\"%s\" stroke=\"#555\" stroke-width=\"%s\"/></svg> "
                   "%s <b class=\"n\">%zu</b></li>",
                CLASSES[c].colour, c == WF_SEAT_NOT_PARTY ? "1" : "0", CLASSES[c].word, count[c]);
    }
    fputs("</ul>\n", f);
}

void wf_hemicycle_svg(FILE *f, const wv_record *rec, const wv_item_info *it)
{
    const wv_roster *r = wv_record_roster(rec);
    size_t n = wv_roster_member_count(r), count[WF_SEAT_CLASS_COUNT] = {0};
    member_seat *ms = calloc(n ? n : 1, sizeof *ms);
    seat *seats = calloc(n ? n : 1, sizeof *seats);
    if (ms == NULL || seats == NULL) {
        free(ms);
        free(seats);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        wv_index_seat seat = {WV_POS_ABSENT, 0, 0, 0, -1};
        ms[i].member = i;
        if (wv_record_index_seat(wv_record_get_index(rec), it->item, i, &seat) < 0)
            seat.position = WV_POS_ABSENT; /* not reached: the item is tabled */
        ms[i].cls = wf_seat_classify(seat.position, seat.bloc);
        count[ms[i].cls]++;
    }
    qsort(ms, n, sizeof *ms, ms_cmp);
    double sr = layout(n, seats);
    fprintf(f, "<figure class=\"hemi\"><svg class=\"hemicycle\" viewBox=\"0 0 600 310\" "
               "role=\"img\" aria-labelledby=\"hc%u-t\" id=\"hemicycle-%u\">"
               "<title id=\"hc%u-t\">Seats of the %zu Members on item %u, coloured by "
               "position</title>\n", it->item, it->item, it->item, n, it->item);
    for (size_t s = 0; s < n; s++) {
        const Wtovote__V1__Member *mm = wv_roster_member_at(r, ms[s].member);
        fprintf(f, "<circle class=\"seat\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"%s>"
                   "<title>", seats[s].x, seats[s].y, sr, CLASSES[ms[s].cls].colour,
                ms[s].cls == WF_SEAT_NOT_PARTY ? " stroke=\"#888\"" : "");
        wf_html_text(f, mm->name);
        fprintf(f, " (%s): %s</title></circle>\n", mm->code, CLASSES[ms[s].cls].word);
    }
    fprintf(f, "<text x=\"300\" y=\"270\" text-anchor=\"middle\" class=\"hc-big\">%zu</text>"
               "<text x=\"300\" y=\"292\" text-anchor=\"middle\" class=\"hc-small\">Members"
               "</text></svg>\n<figcaption>", n);
    legend(f, count);
    fputs("</figcaption></figure>\n", f);
    free(ms);
    free(seats);
}
