/* engine/meeting: construction, shared checks, tallies and reading state. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meeting/meeting_internal.h"
#include "wtovote/util.h"

static const char *const refusal_names[WV_REFUSE_COUNT_] = {
#define N(c) [c] = #c
    N(WV_REFUSE_NONE), N(WV_REFUSE_NOT_OPEN), N(WV_REFUSE_ALREADY_OPEN),
    N(WV_REFUSE_CLOSED), N(WV_REFUSE_WRONG_MEETING), N(WV_REFUSE_TIME_BACKWARDS),
    N(WV_REFUSE_MALFORMED), N(WV_REFUSE_ROSTER_MISMATCH), N(WV_REFUSE_UNKNOWN_MEMBER),
    N(WV_REFUSE_ALREADY_PRESENT), N(WV_REFUSE_LEAVE_NOT_PRESENT), N(WV_REFUSE_NOT_PRESENT),
    N(WV_REFUSE_ITEM_NOT_TABLED), N(WV_REFUSE_ITEM_DECIDED), N(WV_REFUSE_ITEM_EXISTS),
    N(WV_REFUSE_UNKNOWN_PROCEDURE), N(WV_REFUSE_MOTION_INVALID), N(WV_REFUSE_TOO_MANY_ITEMS),
    N(WV_REFUSE_OUT_OF_ORDER), N(WV_REFUSE_NO_CONSENSUS_PHASE),
    N(WV_REFUSE_NOT_CONSENSUS_PHASE), N(WV_REFUSE_ALREADY_OBJECTED),
    N(WV_REFUSE_NO_OBJECTION), N(WV_REFUSE_ALREADY_REQUESTED),
    N(WV_REFUSE_CONSENSUS_NOT_CALLED), N(WV_REFUSE_VOTE_NOT_REQUESTED),
    N(WV_REFUSE_NO_VOTE_PROCEDURE), N(WV_REFUSE_VOTE_NOT_OPEN), N(WV_REFUSE_VOTE_CLOSED),
    N(WV_REFUSE_ALREADY_VOTED), N(WV_REFUSE_CONSENSUS_NOT_FAILED),
    N(WV_REFUSE_PERIOD_RUNNING), N(WV_REFUSE_WAIVER_TERMS), N(WV_REFUSE_BLOC_ROSTER), N(WV_REFUSE_EU_BLOC_CONFLICT), N(WV_REFUSE_BLOC_NOT_EU),
    N(WV_REFUSE_EU_VOTE_NOT_BLOC), N(WV_REFUSE_BLOC_PLURILATERAL), N(WV_REFUSE_NOT_PARTY),
    N(WV_REFUSE_NOT_ACCEPTANCE_ITEM), N(WV_REFUSE_ALREADY_ACCEPTED),
    N(WV_REFUSE_ACCEPTANCE_LATE), N(WV_REFUSE_DECISION_MISMATCH), N(WV_REFUSE_BLOC_GATT),
    N(WV_REFUSE_TIME_AHEAD), N(WV_REFUSE_STALE),
    N(WV_REFUSE_NOT_COMPETENT),
    /* branch serve */
    N(WV_REFUSE_KEY_EXISTS),
    /* branch ident */
    N(WV_REFUSE_OTHER_MEETING),
#undef N
};

const char *wv_refusal_name(wv_refusal r)
{
    if ((unsigned)r >= WV_REFUSE_COUNT_ || refusal_names[r] == NULL)
        return "WV_REFUSE_?";
    return refusal_names[r];
}

wv_refusal wv_refusal_from_name(const char *name)
{
    for (unsigned i = 0; name != NULL && i < WV_REFUSE_COUNT_; i++)
        if (refusal_names[i] != NULL && strcmp(refusal_names[i], name) == 0)
            return (wv_refusal)i;
    return WV_REFUSE_NONE;
}

const char *wv_item_stage_name(wv_item_stage s)
{
    static const char *const n[] = {"tabled", "consensus", "voting", "vote-closed", "decided"};
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : "?";
}

const char *wv_position_name(wv_position p)
{
    static const char *const n[] = {"absent", "present", "objected", "yes",
                                    "no",     "abstain", "accepted", "not-party"};
    return (unsigned)p < sizeof n / sizeof n[0] ? n[p] : "?";
}

wv_status wv_meeting_refuse(wv_refusal *why, wv_error *err, wv_refusal code, const char *fmt,
                            ...)
{
    if (why != NULL)
        *why = code;
    if (err != NULL) {
        err->code = WV_ERR_INADMISSIBLE;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return WV_ERR_INADMISSIBLE;
}

wv_status wv_meeting_admit(wv_refusal *why, wv_error *err)
{
    if (why != NULL)
        *why = WV_REFUSE_NONE;
    wv_error_clear(err);
    return WV_OK;
}

/* ------------------------------------------------------------ lifecycle */

static void item_clear(wv_item *it, uint32_t n_members)
{
    uint8_t *pos = it->pos;
    memset(it, 0, sizeof *it);
    it->pos = pos;
    memset(pos, 0, n_members);
}

void wv_meeting_reset(wv_meeting *m)
{
    if (m == NULL)
        return;
    m->opened = m->closed = 0;
    memset(m->ref, 0, sizeof m->ref);
    m->id[0] = m->body[0] = m->title[0] = '\0';
    m->quorum_num = m->quorum_den = 0;
    m->vote_request = 0;
    m->opened_at = m->closed_at = m->last_time = 0;
    m->skew = WV_DEFAULT_CLOCK_SKEW;
    m->max_act_time = 0;
    m->max_act_member = 0;
    m->has_act_time = 0;
    memset(m->present, 0, m->n_members);
    m->n_present = 0;
    for (size_t i = 0; i < m->n_items; i++)
        item_clear(&m->items[i], m->n_members);
    m->n_items = 0;
    m->n_enrolled = 0;
}

wv_status wv_meeting_new(const wv_roster *roster, const wv_rules_config *cfg, wv_meeting **out,
                         wv_error *err)
{
    if (out == NULL || roster == NULL)
        return wv_error_set(err, WV_ERR_ARG, "meeting: no roster given");
    *out = NULL;
    size_t n = wv_roster_member_count(roster);
    if (n == 0 || n > WV_MAX_MEMBERS)
        return wv_error_set(err, WV_ERR_ARG, "meeting: roster of %zu Members (1 to %u allowed)",
                            n, WV_MAX_MEMBERS);
    wv_meeting *m = calloc(1, sizeof *m);
    if (m == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "meeting: out of memory");
    m->present = calloc(n, 1);
    m->eu_state = calloc(n, 1);
    m->codes = calloc(n, sizeof *m->codes);
    m->skew = WV_DEFAULT_CLOCK_SKEW;
    if (m->present == NULL || m->eu_state == NULL || m->codes == NULL) {
        wv_meeting_free(m);
        return wv_error_set(err, WV_ERR_NOMEM, "meeting: out of memory");
    }
    m->roster = roster;
    m->n_members = (uint32_t)n;
    if (cfg != NULL)
        m->cfg = *cfg;
    else
        m->cfg.explain = 1;
    wv_roster_fingerprint(roster, m->fingerprint);
    m->eu = wv_roster_member_index(roster, WV_EU_CODE);
    for (size_t i = 0; i < n; i++) {
        const Wtovote__V1__Member *member = wv_roster_member_at(roster, i);
        m->codes[i] = member->code;
        m->eu_state[i] = member->eu_member_state ? 1 : 0;
        m->n_eu_states += m->eu_state[i];
    }
    *out = m;
    return WV_OK;
}

void wv_meeting_free(wv_meeting *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->cap_items; i++)
        free(m->items[i].pos);
    free(m->items);
    free(m->present);
    free(m->eu_state);
    free(m->codes);
    free(m->enrolled);
    free(m);
}

/* -------------------------------------------------------- shared checks */

wv_gate_input wv_meeting_gate_for_item(const wv_meeting *m, uint32_t number)
{
    const wv_item *it = number != 0 ? wv_meeting_item(m, number) : NULL;
    return it != NULL && wv_procedure_is_acceptance(it->proc) ? WV_GATE_REGISTER
                                                              : WV_GATE_SESSION;
}

/* The time model (SPEC.md, "Time model"): the log orders the meeting and
 * the chair's events carry the meeting clock. A Member's clock never holds
 * up the chair: acts are not ordered by their times; the door (the session
 * layer) refuses an act timed more than the skew ahead of the Secretariat's
 * clock, so a record written through it never fails the second rule. */
static wv_status chair_clock(const wv_meeting *m, int64_t time, const char *who,
                             wv_refusal *why, wv_error *err)
{
    char at[32], prev[32];
    wv_time_format(time, at, sizeof at);
    if (time < m->last_time) {
        wv_time_format(m->last_time, prev, sizeof prev);
        return wv_meeting_refuse(why, err, WV_REFUSE_TIME_BACKWARDS,
                                 "%s refused: its time %s is before the previous chair event's "
                                 "(%s); the Secretariat's clock went back", who, at, prev);
    }
    if (m->has_act_time && m->max_act_time > time && m->max_act_time - time > (int64_t)m->skew) {
        wv_time_format(m->max_act_time, prev, sizeof prev);
        return wv_meeting_refuse(why, err, WV_REFUSE_TIME_AHEAD,
                                 "%s refused: an act by %s timed %s was admitted although it is "
                                 "more than %u s ahead of this chair event's time %s",
                                 who, wv_meeting_code(m, m->max_act_member), prev, m->skew, at);
    }
    return WV_OK;
}

void wv_meeting_saw_act(wv_meeting *m, uint32_t member, int64_t time)
{
    if (!m->has_act_time || time > m->max_act_time) {
        m->max_act_time = time;
        m->max_act_member = member;
        m->has_act_time = 1;
    }
}

/* When what `kind` on `item` acts on ended, given the refusal it got; 0
 * when the refusal is not about something that ended. */
static int64_t ended_at(const wv_meeting *m, wv_act_kind kind, uint32_t item, wv_refusal r)
{
    const wv_item *it = item != 0 ? wv_meeting_item(m, item) : NULL;
    switch (r) {
    case WV_REFUSE_CLOSED: return m->closed_at;
    case WV_REFUSE_ITEM_DECIDED: return it != NULL ? it->decided_at : 0;
    case WV_REFUSE_VOTE_CLOSED: return it != NULL ? it->vote_closed_at : 0;
    case WV_REFUSE_NOT_CONSENSUS_PHASE:
        return it != NULL && kind != WV_ACT_VOTE ? it->consensus_ended_at : 0;
    default: return 0;
    }
}

wv_status wv_meeting_stale(const wv_meeting *m, uint32_t member, wv_act_kind kind,
                           uint32_t item, int64_t time, wv_status st, wv_refusal *why,
                           wv_error *err)
{
    if (st != WV_ERR_INADMISSIBLE || why == NULL)
        return st;
    int64_t end = ended_at(m, kind, item, *why);
    if (end == 0 || time >= end)
        return st;
    char signed_at[32], end_at[32];
    wv_time_format(time, signed_at, sizeof signed_at);
    wv_time_format(end, end_at, sizeof end_at);
    const char *what = *why == WV_REFUSE_CLOSED ? "the meeting closed"
                       : *why == WV_REFUSE_ITEM_DECIDED ? "the item was decided"
                       : *why == WV_REFUSE_VOTE_CLOSED ? "the vote closed"
                                                       : "the consensus phase ended";
    if (item != 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_STALE,
                                 "act by %s on item %u refused: signed at %s, it arrived after "
                                 "%s (%s)", wv_meeting_code(m, member), item, signed_at, what,
                                 end_at);
    return wv_meeting_refuse(why, err, WV_REFUSE_STALE,
                             "act by %s refused: signed at %s, it arrived after %s (%s)",
                             wv_meeting_code(m, member), signed_at, what, end_at);
}

wv_status wv_meeting_gate(const wv_meeting *m, int64_t time, wv_gate_input input, int chair,
                          const char *who, wv_refusal *why, wv_error *err)
{
    int chair_open = input == WV_GATE_OPENING;
    if (m->closed && input != WV_GATE_REGISTER)
        return wv_meeting_refuse(why, err, WV_REFUSE_CLOSED,
                                 "%s refused: meeting %s is closed", who, m->id);
    if (!m->opened && !chair_open)
        return wv_meeting_refuse(why, err, WV_REFUSE_NOT_OPEN,
                                 "%s refused: the meeting has not been opened", who);
    if (m->opened && chair_open)
        return wv_meeting_refuse(why, err, WV_REFUSE_ALREADY_OPEN,
                                 "%s refused: meeting %s is already open", who, m->id);
    if (m->opened && chair)
        return chair_clock(m, time, who, why, err);
    return WV_OK;
}

wv_item *wv_meeting_item(const wv_meeting *m, uint32_t number)
{
    for (size_t i = 0; i < m->n_items; i++)
        if (m->items[i].number == number)
            return &m->items[i];
    return NULL;
}

const char *wv_meeting_code(const wv_meeting *m, uint32_t member)
{
    return member < m->n_members ? m->codes[member] : "(unknown Member)";
}

void wv_meeting_rules_config(const wv_meeting *m, wv_rules_config *out)
{
    *out = m->cfg;
    if (m->opened)
        out->vote_request = m->vote_request; /* the record's, always */
    if (m->quorum_den != 0) {
        out->quorum_num = m->quorum_num;
        out->quorum_den = m->quorum_den;
    }
}

uint32_t wv_meeting_period(const wv_item *it)
{
    if (it->period_days != 0)
        return it->period_days;
    return wv_procedure_max_consensus_days(it->proc);
}

/* Present and objections count Members present at `time`, the time of
 * decision (IX:1 fn 1): an objector who left no longer blocks. A Member
 * that cast a ballot on the item counts as present (it was present when it
 * voted, and its ballot stays counted after it leaves). */
void wv_meeting_tally(const wv_meeting *m, const wv_item *it, int64_t time, wv_tally *t)
{
    memset(t, 0, sizeof *t);
    t->members = it->eligible;
    for (uint32_t i = 0; i < m->n_members; i++) {
        uint8_t p = it->pos[i];
        if (!(p & POS_PARTY))
            continue;
        if (m->present[i] || (p & POS_BALLOT_MASK))
            t->present++;
        if (m->present[i] && (p & POS_OBJECTED))
            t->objections++;
        /* WT/L/93: a vote is requested "at the time of decision", so, like
         * an objection (IX:1 fn 1), a request counts while its Member is
         * present */
        if (m->present[i] && (p & POS_REQUESTED))
            t->vote_requested = 1;
    }
    t->yes = it->yes;
    t->no = it->no;
    t->abstain = it->abstain;
    t->eu_bloc = it->eu_bloc;
    t->eu_states = m->n_eu_states; /* IX:1 fn 2: the bloc's votes */
    t->vote_held = it->stage == WV_ITEM_VOTE_CLOSED;
    int64_t secs = time - it->tabled_at;
    t->days_elapsed = secs > 0 ? (uint32_t)(secs / 86400 > UINT32_MAX ? UINT32_MAX : secs / 86400) : 0;
    t->consensus_period_days = it->period_days;
    t->transition_obligation = it->transition;
    t->waiver_terms_complete = it->terms_complete;
    t->acceptances = it->acceptances;
    t->deadline_passed = it->deadline_end != 0 && time >= it->deadline_end;
}

/* --------------------------------------------------------- reading state */

void wv_meeting_get_info(const wv_meeting *m, wv_meeting_info *out)
{
    memset(out, 0, sizeof *out);
    out->opened = m->opened;
    out->closed = m->closed;
    out->id = m->id;
    out->body = m->body;
    out->title = m->title;
    out->quorum_num = m->quorum_num;
    out->quorum_den = m->quorum_den;
    out->vote_request = m->opened ? m->vote_request : m->cfg.vote_request;
    out->opened_at = m->opened_at;
    out->closed_at = m->closed_at;
    out->last_time = m->last_time;
    out->clock_skew = m->opened ? m->skew : WV_DEFAULT_CLOCK_SKEW;
    out->members = m->n_members;
    out->eu_states = m->n_eu_states;
    out->present = m->n_present;
    out->n_items = m->n_items;
}

size_t wv_meeting_item_count(const wv_meeting *m)
{
    return m->n_items;
}

int wv_meeting_item_find(const wv_meeting *m, uint32_t item)
{
    const wv_item *it = wv_meeting_item(m, item);
    return it == NULL ? -1 : (int)(it - m->items);
}

int wv_meeting_item_at(const wv_meeting *m, size_t index, wv_item_info *out)
{
    if (index >= m->n_items)
        return -1;
    const wv_item *it = &m->items[index];
    memset(out, 0, sizeof *out);
    out->item = it->number;
    out->procedure = it->proc;
    out->title = it->title;
    out->proponent = it->proponent;
    out->stage = it->stage;
    out->tabled_at = it->tabled_at;
    out->consensus_period_days = it->period_days;
    out->transition_obligation = it->transition;
    out->waiver_terms_complete = it->terms_complete;
    out->acceptance_deadline = it->deadline_end;
    out->eligible = it->eligible;
    for (uint32_t i = 0; i < m->n_members; i++) {
        if (!(it->pos[i] & POS_PARTY))
            continue;
        out->present += m->present[i];
        if (it->pos[i] & POS_OBJECTED) {
            if (m->present[i])
                out->objections++;
            else
                out->objections_absent++;
        }
    }
    out->vote_requests = it->requests;
    out->yes = it->yes;
    out->no = it->no;
    out->abstain = it->abstain;
    out->eu_bloc = it->eu_bloc;
    out->acceptances = it->acceptances;
    out->report_meeting = it->report_meeting;
    out->report_body = it->report_body;
    out->report_item = it->report_item;
    out->report_outcome = it->report_outcome;
    out->vote_open = it->stage == WV_ITEM_VOTING;
    out->vote_closed = it->stage == WV_ITEM_VOTE_CLOSED ||
                       (it->stage == WV_ITEM_DECIDED && (it->yes || it->no || it->abstain ||
                                                         it->eu_bloc != WV_CHOICE_NONE));
    out->has_decision = it->has_decision;
    out->decision = it->has_decision ? &it->decision : NULL;
    return 0;
}

wv_position wv_meeting_position(const wv_meeting *m, size_t index, uint32_t member)
{
    if (index >= m->n_items || member >= m->n_members)
        return WV_POS_ABSENT;
    uint8_t p = m->items[index].pos[member];
    if (!(p & POS_PARTY))
        return WV_POS_NOT_PARTY;
    if (p & POS_ACCEPTED)
        return WV_POS_ACCEPTED;
    switch ((p & POS_BALLOT_MASK) >> POS_BALLOT_SHIFT) {
    case WV_CHOICE_YES: return WV_POS_YES;
    case WV_CHOICE_NO: return WV_POS_NO;
    case WV_CHOICE_ABSTAIN: return WV_POS_ABSTAIN;
    default: break;
    }
    if (!m->present[member])
        return WV_POS_ABSENT;
    return (p & POS_OBJECTED) ? WV_POS_OBJECTED : WV_POS_PRESENT;
}

int wv_meeting_is_present(const wv_meeting *m, uint32_t member)
{
    return member < m->n_members && m->present[member];
}

int wv_meeting_ref(const wv_meeting *m, uint8_t out[WV_MEETING_REF_BYTES])
{
    memcpy(out, m->ref, WV_MEETING_REF_BYTES); /* zero before the opening */
    return m->opened ? 0 : -1;
}

int wv_meeting_ref_hex(const wv_meeting *m, char out[WV_MEETING_REF_HEX_BYTES])
{
    out[0] = '\0';
    if (!m->opened)
        return -1;
    wv_hex(m->ref, sizeof m->ref, out);
    return 0;
}
