/* engine/record: the record index — what the record says beyond the
 * meeting's current state, gathered while the entries are applied (the one
 * replay of wv_record_open / wv_record_load, then each admitted append), so
 * that nothing re-reads the log to show a record (SPEC.md, "Record index").
 *
 * Per agenda item: the motion as last tabled or revised, the chair's events
 * (time and leaf index), who was present when it was decided (a snapshot
 * taken at the CHAIR_DECIDE entry; for an item with no decision, presence
 * now), each Member's seat (objection, ballot or acceptance, with the EU
 * seat rule of Art. IX:1 fn 2), the leaf index of each Member's last act on
 * the item (its receipt), the decision with its citation; objections,
 * withdrawals, requests and statements in log order; the meeting's open
 * and close.
 *
 * The API uses plain C structs, strings and the enums of meeting.h; what it
 * returns is owned by the index and valid until the next add or the free. */
#ifndef WTOVOTE_INDEX_H
#define WTOVOTE_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/meeting.h"
#include "wtovote/roster.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wv_record_index wv_record_index; /* opaque */

/* The largest wv_chair_kind (the size of the events arrays is this + 1). */
#define WV_INDEX_CHAIR_KINDS 9

/* An entry that happened: its time (Unix seconds, UTC) and leaf index. */
typedef struct wv_index_event {
    int64_t time;
    int64_t leaf; /* -1: not (yet) in the record */
} wv_index_event;

/* A Motion as tabled or last revised, copied out of the signed event. */
typedef struct wv_index_motion {
    const char *title, *procedure, *proponent; /* "" when empty */
    uint32_t consensus_period_days;
    int has_waiver; /* Art. IX:4 terms below */
    const char *exceptional_circumstances, *terms_and_conditions, *termination_date;
    int transition_obligation; /* Art. IX:3 fn 4 */
    size_t n_parties;          /* Art. IX:5 */
    const char *const *parties;
    const char *acceptance_deadline; /* Art. X:7, YYYY-MM-DD or "" */
} wv_index_motion;

typedef struct wv_index_item {
    uint32_t item;                  /* agenda number */
    const wv_index_motion *motion;
    wv_index_event events[WV_INDEX_CHAIR_KINDS]; /* by wv_chair_kind, the last of each */
    int at_decision;     /* 1: present, objections and seats are as at the
                            last CHAIR_DECIDE; 0: no decision, as now */
    uint32_t present;    /* eligible Members present (the quorum's count) */
    uint32_t objections; /* objections in force by Members then present */
    const wv_decision *decision; /* the last declared, or NULL */
    const char *citation;        /* the procedure's citation ("Art. IX:3") */
} wv_index_item;

typedef struct wv_index_seat {
    wv_position position; /* at the decision (or now), with the EU seat rule */
    int bloc;             /* 1: an EU member State counted in the EU's bloc,
                             or the EU's own seat casting it (IX:1 fn 2) */
    int present;          /* present at the decision (or now) */
    wv_act_kind objection; /* its last OBJECT or WITHDRAW on the item, or 0 */
    int64_t leaf;         /* leaf index of its last act on the item, -1 */
} wv_index_seat;

/* Objections, withdrawals, requests for a vote and statements, in log order. */
typedef struct wv_index_note {
    uint32_t item;   /* 0: a statement on no item */
    uint32_t member; /* roster index */
    wv_act_kind kind;
    uint64_t leaf;
    int64_t time;
    const char *statement; /* "" when none */
} wv_index_note;

typedef struct wv_index_meeting {
    wv_index_event open, close;
    uint64_t entries; /* entries added */
} wv_index_meeting;

/* An empty index over `roster` (borrowed: it must outlive the index). */
WV_EXPORT wv_status wv_record_index_new(const wv_roster *roster, wv_record_index **out,
                              wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_record_index_free(wv_record_index *idx); /* NULL-safe */

/* Adds entry `index` (leaves in order, from 0) once it has been applied:
 * `after` is the meeting in the state after it; act or chair is its decoded
 * body (the other NULL). The index reads undecided items from the meeting
 * last passed here: it must stay alive while the index is read (the
 * record's meeting, for an index the record keeps). WV_ERR_ARG when an
 * entry is skipped or names an unknown Member; WV_ERR_NOMEM. */
WV_EXPORT wv_status wv_record_index_add(wv_record_index *idx, uint64_t index, const wv_act *act,
                              const wv_chair_event *chair, const wv_meeting *after,
                              wv_error *err) WV_WARN_UNUSED;

WV_EXPORT void wv_record_index_meeting(const wv_record_index *idx, wv_index_meeting *out);
/* Agenda item `item`: 0, or -1 when it has not been tabled. */
WV_EXPORT int wv_record_index_item(const wv_record_index *idx, uint32_t item, wv_index_item *out);
/* The seat of the Member at roster index `member` on item `item`; -1 when
 * the item has not been tabled or there is no such Member. */
WV_EXPORT int wv_record_index_seat(const wv_record_index *idx, uint32_t item, uint32_t member,
                         wv_index_seat *out);
WV_EXPORT size_t wv_record_index_note_count(const wv_record_index *idx);
WV_EXPORT const wv_index_note *wv_record_index_note(const wv_record_index *idx, size_t i);

#ifdef __cplusplus
}
#endif
#endif
