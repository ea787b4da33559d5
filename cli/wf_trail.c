/* wf_trail: what the record says beyond the meeting's final state, for the
 * reading commands and the report (cli/workflow.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "workflow.h"

static wf_item_trail *slot(wf_trail *t, uint32_t item, int create)
{
    for (size_t i = 0; i < t->n_items; i++)
        if (t->items[i].item == item)
            return &t->items[i];
    if (!create || t->n_items >= WV_MEETING_MAX_ITEMS)
        return NULL;
    wf_item_trail *s = &t->items[t->n_items++];
    memset(s, 0, sizeof *s);
    s->item = item;
    for (int k = 0; k < 9; k++)
        s->chair_index[k] = -1;
    return s;
}

static int keep_motion(wf_item_trail *s, const wv_motion_msg *mo)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    ProtobufCMessage *copy = NULL;
    if (wv_message_encode(&mo->base, &buf, &len, NULL) != WV_OK)
        return -1;
    wv_status st = wv_message_decode(&wtovote__v1__motion__descriptor, buf, len, &copy, NULL);
    free(buf);
    if (st != WV_OK)
        return -1;
    wv_message_free(s->motion);
    s->motion = (wv_motion_msg *)copy;
    return 0;
}

static int on_chair(wf_trail *t, uint64_t index, const wv_chair_event *ev)
{
    if (ev->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN)
        t->open_time = ev->time;
    if (ev->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_CLOSE)
        t->close_time = ev->time;
    uint32_t item = ev->motion != NULL ? ev->motion->item : ev->item;
    if (item == 0)
        return 0;
    wf_item_trail *s = slot(t, item, 1);
    if (s == NULL)
        return -1;
    if (ev->kind < 9) {
        s->chair_time[ev->kind] = ev->time;
        s->chair_index[ev->kind] = (int64_t)index;
    }
    return ev->motion != NULL ? keep_motion(s, ev->motion) : 0;
}

static int add_note(wf_trail *t, const wv_act *a, uint32_t member, uint64_t index)
{
    if (t->n_notes == t->cap_notes) {
        size_t cap = t->cap_notes ? t->cap_notes * 2 : 32;
        wf_note *n = realloc(t->notes, cap * sizeof *n);
        if (n == NULL)
            return -1;
        t->notes = n;
        t->cap_notes = cap;
    }
    wf_note *n = &t->notes[t->n_notes];
    n->item = a->item;
    n->member = member;
    n->kind = (int)a->kind;
    n->index = index;
    n->time = a->time;
    n->statement = strdup(a->statement ? a->statement : "");
    if (n->statement == NULL)
        return -1;
    t->n_notes++;
    return 0;
}

static int on_act(wf_trail *t, uint64_t index, const wv_act *a, const wv_meeting *m,
                  const wv_roster *r)
{
    int member = wv_roster_member_index(r, a->member);
    if (member < 0)
        return -1;
    if (a->kind == WTOVOTE__V1__ACT_KIND__ACT_ATTEND || a->kind == WTOVOTE__V1__ACT_KIND__ACT_LEAVE)
        t->attend_index[member] = (int64_t)index;
    int idx = a->item != 0 ? wv_meeting_item_find(m, a->item) : -1;
    if (idx >= 0)
        t->last_act[(size_t)idx * t->n_members + (size_t)member] = (int64_t)index;
    if (a->kind == WTOVOTE__V1__ACT_KIND__ACT_OBJECT ||
        a->kind == WTOVOTE__V1__ACT_KIND__ACT_WITHDRAW ||
        a->kind == WTOVOTE__V1__ACT_KIND__ACT_REQUEST_VOTE ||
        a->kind == WTOVOTE__V1__ACT_KIND__ACT_STATEMENT)
        return add_note(t, a, (uint32_t)member, index);
    return 0;
}

typedef struct visit_ctx {
    wf_trail *t;
    const wv_roster *roster; /* known after the first entry */
} visit_ctx;

static int alloc_tables(wf_trail *t, size_t n_members)
{
    t->n_members = n_members;
    t->last_act = malloc(WV_MEETING_MAX_ITEMS * n_members * sizeof *t->last_act);
    t->attend_index = malloc(n_members * sizeof *t->attend_index);
    if (t->last_act == NULL || t->attend_index == NULL)
        return -1;
    for (size_t i = 0; i < WV_MEETING_MAX_ITEMS * n_members; i++)
        t->last_act[i] = -1;
    for (size_t i = 0; i < n_members; i++)
        t->attend_index[i] = -1;
    return 0;
}

static int visit(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                 const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                 const wv_meeting *meeting)
{
    (void)entry;
    (void)len;
    (void)env;
    wf_trail *t = ((visit_ctx *)ctx)->t;
    wv_meeting_info mi;
    wv_meeting_get_info(meeting, &mi);
    if (t->last_act == NULL && alloc_tables(t, mi.members) != 0)
        return -1;
    t->entries = index + 1;
    if (chair != NULL)
        return on_chair(t, index, chair);
    return act != NULL ? on_act(t, index, act, meeting, ((visit_ctx *)ctx)->roster) : 0;
}

int wf_trail_load(const char *dir, wf_trail *t, wv_record **rec)
{
    memset(t, 0, sizeof *t);
    /* The visitor needs Member indices before the record hands its roster
     * over: read the roster file first (wf_load checks it again). */
    char path[1024];
    wv_roster *roster = NULL;
    wv_error err;
    snprintf(path, sizeof path, "%s/%s", dir, WV_RECORD_ROSTER);
    if (wv_roster_load(path, &roster, &err) != WV_OK)
        return wv_cli_fail(&err);
    visit_ctx ctx = {t, roster};
    int rc = wf_load(dir, visit, &ctx, rec);
    wv_roster_free(roster);
    if (rc == WV_EXIT_OK && t->last_act == NULL &&
        alloc_tables(t, wv_roster_member_count(wv_record_roster(*rec))) != 0)
        rc = wv_cli_usage_error("%s: out of memory", dir);
    return rc;
}

void wf_trail_free(wf_trail *t)
{
    for (size_t i = 0; i < t->n_items; i++)
        wv_message_free(t->items[i].motion);
    for (size_t i = 0; i < t->n_notes; i++)
        free(t->notes[i].statement);
    free(t->notes);
    free(t->last_act);
    free(t->attend_index);
    memset(t, 0, sizeof *t);
}

const wf_item_trail *wf_trail_item(const wf_trail *t, uint32_t item)
{
    return slot((wf_trail *)t, item, 0);
}

int64_t wf_trail_last_act(const wf_trail *t, size_t item_index, uint32_t member)
{
    if (t->last_act == NULL || member >= t->n_members || item_index >= WV_MEETING_MAX_ITEMS)
        return -1;
    return t->last_act[item_index * t->n_members + member];
}

wv_position wf_seat(const wv_meeting *m, const wv_roster *r, size_t item_index,
                    const wv_item_info *it, uint32_t member, int *bloc)
{
    wv_position p = wv_meeting_position(m, item_index, member);
    const Wtovote__V1__Member *mm = wv_roster_member_at(r, member);
    *bloc = 0;
    if (it->eu_bloc != WV_CHOICE_NONE && mm != NULL && strcmp(mm->code, WV_EU_CODE) == 0) {
        *bloc = 1; /* the EU's own seat: its 27 votes are the bloc */
        return p;
    }
    if (it->eu_bloc == WV_CHOICE_NONE || (p != WV_POS_PRESENT && p != WV_POS_ABSENT))
        return p;
    if (mm == NULL || !mm->eu_member_state)
        return p;
    *bloc = 1;
    return it->eu_bloc == WV_CHOICE_YES ? WV_POS_YES
           : it->eu_bloc == WV_CHOICE_NO ? WV_POS_NO : WV_POS_ABSTAIN;
}
