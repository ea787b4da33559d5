/* The HTML report of a record (cli/cmd_report.c, cli/report_*.c): one
 * self-contained file, inline CSS and SVG, no script, no external asset
 * (MANUAL.md, "The report"). */
#ifndef WV_CLI_REPORT_H
#define WV_CLI_REPORT_H

#include <stdio.h>

#include "workflow.h"

/* Loads RECORD (its index), verifies it, renders the report and writes it
 * atomically to out. Returns a CLI exit code (0 even when the record does
 * not verify: the report says so; 2 when RECORD cannot be read or out not
 * written). */
int wv_report_write(const char *record, const char *out);
/* The same for a record already open, with its verification already done
 * (the demo: one read of the finished log, by the verifier). */
int wv_report_render(const wv_record *rec, const wv_verify_report *rep, const char *out);

/* Pieces (report_html.c, report_svg.c). */
void wf_html_text(FILE *f, const char *s);   /* escapes & < > " ' */
/* Seat colours and words, indexed by wf_seat_class. */
typedef enum wf_seat_class {
    WF_SEAT_YES = 0, WF_SEAT_BLOC_YES, WF_SEAT_ABSTAIN, WF_SEAT_BLOC_ABSTAIN, WF_SEAT_NO,
    WF_SEAT_BLOC_NO, WF_SEAT_OBJECTED, WF_SEAT_ACCEPTED, WF_SEAT_PRESENT, WF_SEAT_NOT_PARTY,
    WF_SEAT_ABSENT, WF_SEAT_CLASS_COUNT
} wf_seat_class;
const char *wf_seat_class_word(wf_seat_class c);
const char *wf_seat_class_colour(wf_seat_class c);
wf_seat_class wf_seat_classify(wv_position p, int bloc);

/* The hemicycle of an item: one circle per Member, grouped by seat class
 * (its seat in the record's index: as at the decision), each with a <title>
 * naming the Member and its position, and a legend with the count of each
 * class. */
void wf_hemicycle_svg(FILE *f, const wv_record *rec, const wv_item_info *it);

#endif
