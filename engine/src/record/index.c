/* The record index (wtovote/index.h): filled entry by entry as the record
 * applies them, read by the CLI's status, show, export and report. The
 * meeting owns every rule; the index only remembers what the meeting's
 * current state no longer shows: presence when each item was decided, the
 * leaf of each act, the motion's text, the chair's times and the notes. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/index.h"

typedef struct item_slot {
    uint32_t item;
    wv_index_motion motion;
    char *motion_text;          /* one block holding motion's strings */
    const char **parties;
    wv_index_event events[WV_INDEX_CHAIR_KINDS];
    int64_t *leaf;              /* [member] */
    uint8_t *objection;         /* [member]: WV_ACT_OBJECT / WV_ACT_WITHDRAW / 0 */
    uint8_t *snap;              /* [member]: position | SNAP_PRESENT at the decision */
    int has_snap;
    uint32_t present_at, objections_at;
    wv_decision decision;
} item_slot;

#define SNAP_PRESENT 0x80u
#define SNAP_POSITION 0x0fu

struct wv_record_index {
    const wv_roster *roster;
    const wv_meeting *now;      /* the meeting after the last entry added */
    size_t n_members;
    item_slot *items[WV_MEETING_MAX_ITEMS];
    size_t n_items;
    wv_index_note *notes;
    size_t n_notes, cap_notes;
    wv_index_meeting meeting;
};

static const wv_index_event NONE = {0, -1};

wv_status wv_record_index_new(const wv_roster *roster, wv_record_index **out, wv_error *err)
{
    *out = NULL;
    wv_record_index *idx = calloc(1, sizeof *idx);
    if (idx == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "record index: out of memory");
    idx->roster = roster;
    idx->n_members = wv_roster_member_count(roster);
    idx->meeting.open = idx->meeting.close = NONE;
    *out = idx;
    return WV_OK;
}

static void slot_free(item_slot *s)
{
    if (s == NULL)
        return;
    free(s->motion_text);
    free(s->parties);
    free(s->leaf);
    free(s->objection);
    free(s->snap);
    free(s);
}

void wv_record_index_free(wv_record_index *idx)
{
    if (idx == NULL)
        return;
    for (size_t i = 0; i < idx->n_items; i++)
        slot_free(idx->items[i]);
    for (size_t i = 0; i < idx->n_notes; i++)
        free((char *)idx->notes[i].statement);
    free(idx->notes);
    free(idx);
}

/* ------------------------------------------------------------ filling */

static item_slot *slot_find(const wv_record_index *idx, uint32_t item)
{
    for (size_t i = idx->n_items; i-- > 0;) /* the latest items are the busy ones */
        if (idx->items[i]->item == item)
            return idx->items[i];
    return NULL;
}

static item_slot *slot_add(wv_record_index *idx, uint32_t item)
{
    if (idx->n_items >= WV_MEETING_MAX_ITEMS)
        return NULL;
    item_slot *s = calloc(1, sizeof *s);
    size_t n = idx->n_members ? idx->n_members : 1;
    if (s == NULL || (s->leaf = malloc(n * sizeof *s->leaf)) == NULL ||
        (s->objection = calloc(n, 1)) == NULL || (s->snap = calloc(n, 1)) == NULL) {
        slot_free(s);
        return NULL;
    }
    s->item = item;
    for (size_t k = 0; k < WV_INDEX_CHAIR_KINDS; k++)
        s->events[k] = NONE;
    for (size_t k = 0; k < n; k++)
        s->leaf[k] = -1;
    idx->items[idx->n_items++] = s;
    return s;
}

static size_t text_size(const char *s)
{
    return (s ? strlen(s) : 0) + 1;
}

static const char *put_text(char **cursor, const char *s)
{
    char *at = *cursor;
    size_t n = text_size(s);
    memcpy(at, s ? s : "", n);
    *cursor += n;
    return at;
}

/* The motion's strings copied into one block, so the signed event can go. */
static int motion_keep(item_slot *s, const wv_motion_msg *mo)
{
    const Wtovote__V1__Waiver *w = mo->waiver;
    size_t size = text_size(mo->title) + text_size(mo->procedure) + text_size(mo->proponent) +
                  text_size(mo->acceptance_deadline) +
                  text_size(w ? w->exceptional_circumstances : NULL) +
                  text_size(w ? w->terms_and_conditions : NULL) +
                  text_size(w ? w->termination_date : NULL);
    for (size_t i = 0; i < mo->n_parties; i++)
        size += text_size(mo->parties[i]);
    char *block = malloc(size);
    const char **parties = calloc(mo->n_parties ? mo->n_parties : 1, sizeof *parties);
    if (block == NULL || parties == NULL) {
        free(block);
        free(parties);
        return -1;
    }
    free(s->motion_text);
    free(s->parties);
    s->motion_text = block;
    s->parties = parties;
    wv_index_motion *m = &s->motion;
    memset(m, 0, sizeof *m);
    m->title = put_text(&block, mo->title);
    m->procedure = put_text(&block, mo->procedure);
    m->proponent = put_text(&block, mo->proponent);
    m->acceptance_deadline = put_text(&block, mo->acceptance_deadline);
    m->consensus_period_days = mo->consensus_period_days;
    m->has_waiver = w != NULL;
    m->exceptional_circumstances = put_text(&block, w ? w->exceptional_circumstances : "");
    m->terms_and_conditions = put_text(&block, w ? w->terms_and_conditions : "");
    m->termination_date = put_text(&block, w ? w->termination_date : "");
    m->transition_obligation = w != NULL && w->transition_obligation;
    for (size_t i = 0; i < mo->n_parties; i++)
        parties[i] = put_text(&block, mo->parties[i]);
    m->n_parties = mo->n_parties;
    m->parties = parties;
    return 0;
}

/* Presence, positions and counts as the decision is declared: quorum and
 * "Members present" thresholds (Art. IX:1 fn 1, DSU 2.4, WT/L/161) count
 * the Members present then, whatever happens later. */
static void snapshot(const wv_record_index *idx, item_slot *s, const wv_meeting *m)
{
    int slot = wv_meeting_item_find(m, s->item);
    wv_item_info it;
    if (slot < 0 || wv_meeting_item_at(m, (size_t)slot, &it) < 0 || !it.has_decision)
        return;
    for (uint32_t k = 0; k < idx->n_members; k++)
        s->snap[k] = (uint8_t)((unsigned)wv_meeting_position(m, (size_t)slot, k) |
                               (wv_meeting_is_present(m, k) ? SNAP_PRESENT : 0));
    s->present_at = it.present;
    s->objections_at = it.objections;
    s->decision = *it.decision;
    s->has_snap = 1;
}

static wv_status on_chair(wv_record_index *idx, uint64_t index, const wv_chair_event *ev,
                          const wv_meeting *m, wv_error *err)
{
    wv_index_event at = {ev->time, (int64_t)index};
    wv_chair_kind kind = (wv_chair_kind)ev->kind;
    if (kind == WV_CHAIR_MEETING_OPEN)
        idx->meeting.open = at;
    if (kind == WV_CHAIR_MEETING_CLOSE)
        idx->meeting.close = at;
    uint32_t item = ev->motion != NULL ? ev->motion->item : ev->item;
    if (item == 0)
        return WV_OK;
    item_slot *s = slot_find(idx, item);
    if (s == NULL && (s = slot_add(idx, item)) == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "record index: out of memory at entry %" PRIu64,
                            index);
    if ((unsigned)kind < WV_INDEX_CHAIR_KINDS)
        s->events[kind] = at;
    if (ev->motion != NULL && motion_keep(s, ev->motion) != 0)
        return wv_error_set(err, WV_ERR_NOMEM, "record index: out of memory at entry %" PRIu64,
                            index);
    if (kind == WV_CHAIR_DECIDE)
        snapshot(idx, s, m);
    return WV_OK;
}

static int note_add(wv_record_index *idx, const wv_act *a, uint32_t member, uint64_t index)
{
    if (idx->n_notes == idx->cap_notes) {
        size_t cap = idx->cap_notes ? idx->cap_notes * 2 : 32;
        wv_index_note *n = realloc(idx->notes, cap * sizeof *n);
        if (n == NULL)
            return -1;
        idx->notes = n;
        idx->cap_notes = cap;
    }
    char *text = strdup(a->statement ? a->statement : "");
    if (text == NULL)
        return -1;
    idx->notes[idx->n_notes++] = (wv_index_note){a->item, member, (wv_act_kind)a->kind, index,
                                                 a->time, text};
    return 0;
}

static int is_note(wv_act_kind k)
{
    return k == WV_ACT_OBJECT || k == WV_ACT_WITHDRAW || k == WV_ACT_REQUEST_VOTE ||
           k == WV_ACT_STATEMENT;
}

static wv_status on_act(wv_record_index *idx, uint64_t index, const wv_act *a, wv_error *err)
{
    int member = wv_roster_member_index(idx->roster, a->member);
    if (member < 0)
        return wv_error_set(err, WV_ERR_ARG, "record index: entry %" PRIu64 ": \"%s\" is not "
                            "in the roster", index, a->member);
    wv_act_kind kind = (wv_act_kind)a->kind;
    item_slot *s = NULL;
    if (a->item != 0 && (s = slot_find(idx, a->item)) == NULL &&
        (s = slot_add(idx, a->item)) == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "record index: out of memory at entry %" PRIu64,
                            index);
    if (s != NULL) {
        s->leaf[member] = (int64_t)index;
        if (kind == WV_ACT_OBJECT || kind == WV_ACT_WITHDRAW)
            s->objection[member] = (uint8_t)kind;
    }
    if (is_note(kind) && note_add(idx, a, (uint32_t)member, index) != 0)
        return wv_error_set(err, WV_ERR_NOMEM, "record index: out of memory at entry %" PRIu64,
                            index);
    return WV_OK;
}

wv_status wv_record_index_add(wv_record_index *idx, uint64_t index, const wv_act *act,
                              const wv_chair_event *chair, const wv_meeting *after,
                              wv_error *err)
{
    if (index != idx->meeting.entries)
        return wv_error_set(err, WV_ERR_ARG, "record index: entry %" PRIu64 " added after %"
                            PRIu64 " entries (each entry once, in order)", index,
                            idx->meeting.entries);
    if ((act == NULL) == (chair == NULL) || after == NULL)
        return wv_error_set(err, WV_ERR_ARG, "record index: entry %" PRIu64 " needs its act or "
                            "chair event and the meeting after it", index);
    wv_status st = chair != NULL ? on_chair(idx, index, chair, after, err)
                                 : on_act(idx, index, act, err);
    if (st == WV_OK) {
        idx->now = after;
        idx->meeting.entries = index + 1;
    }
    return st;
}

/* ------------------------------------------------------------ reading */

void wv_record_index_meeting(const wv_record_index *idx, wv_index_meeting *out)
{
    *out = idx->meeting;
}

/* The meeting's view of the item; -1 when not tabled. */
static int now_item(const wv_record_index *idx, uint32_t item, wv_item_info *it)
{
    if (idx->now == NULL)
        return -1;
    int slot = wv_meeting_item_find(idx->now, item);
    if (slot < 0 || wv_meeting_item_at(idx->now, (size_t)slot, it) < 0)
        return -1;
    return slot;
}

/* A revision after a pending decision withdraws it (the meeting says so). */
static int decided(const item_slot *s, const wv_item_info *it)
{
    return s->has_snap && it->has_decision;
}

int wv_record_index_item(const wv_record_index *idx, uint32_t item, wv_index_item *out)
{
    const item_slot *s = slot_find(idx, item);
    wv_item_info it;
    if (s == NULL || now_item(idx, item, &it) < 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->item = item;
    out->motion = s->motion_text != NULL ? &s->motion : NULL;
    memcpy(out->events, s->events, sizeof out->events);
    out->at_decision = decided(s, &it);
    out->present = out->at_decision ? s->present_at : it.present;
    out->objections = out->at_decision ? s->objections_at : it.objections;
    out->decision = out->at_decision ? &s->decision : NULL;
    out->citation = wv_procedure_citation(it.procedure);
    return 0;
}

/* Art. IX:1 fn 2: where the EU casts its bloc, an EU member State without a
 * ballot of its own is counted in it; the EU's own seat casts the bloc. */
static wv_position eu_seat(const wv_roster *r, const wv_item_info *it, uint32_t member,
                           wv_position p, int *bloc)
{
    const Wtovote__V1__Member *mm = wv_roster_member_at(r, member);
    *bloc = 0;
    if (it->eu_bloc == WV_CHOICE_NONE || mm == NULL)
        return p;
    if (strcmp(mm->code, WV_EU_CODE) == 0) {
        *bloc = 1;
        return p;
    }
    if ((p != WV_POS_PRESENT && p != WV_POS_ABSENT) || !mm->eu_member_state)
        return p;
    *bloc = 1;
    return it->eu_bloc == WV_CHOICE_YES ? WV_POS_YES
           : it->eu_bloc == WV_CHOICE_NO ? WV_POS_NO : WV_POS_ABSTAIN;
}

static int from_attendance(wv_position p)
{
    return p == WV_POS_ABSENT || p == WV_POS_PRESENT || p == WV_POS_OBJECTED;
}

int wv_record_index_seat(const wv_record_index *idx, uint32_t item, uint32_t member,
                         wv_index_seat *out)
{
    const item_slot *s = slot_find(idx, item);
    wv_item_info it;
    int slot = s != NULL && member < idx->n_members ? now_item(idx, item, &it) : -1;
    if (slot < 0)
        return -1;
    wv_position p = wv_meeting_position(idx->now, (size_t)slot, member);
    int present = wv_meeting_is_present(idx->now, member);
    if (decided(s, &it)) {
        /* Ballots and acceptances stand; what rests on attendance is as it
         * was at the decision (an acceptance deposited later still shows). */
        present = (s->snap[member] & SNAP_PRESENT) != 0;
        if (from_attendance(p))
            p = (wv_position)(s->snap[member] & SNAP_POSITION);
    }
    out->position = eu_seat(idx->roster, &it, member, p, &out->bloc);
    out->present = present;
    out->objection = (wv_act_kind)s->objection[member];
    out->leaf = s->leaf[member];
    return 0;
}

size_t wv_record_index_note_count(const wv_record_index *idx)
{
    return idx->n_notes;
}

const wv_index_note *wv_record_index_note(const wv_record_index *idx, size_t i)
{
    return i < idx->n_notes ? &idx->notes[i] : NULL;
}
