/* engine/meeting: the chair's events: opening, motions, consensus call, the
 * vote, closing. Decisions are in decide.c. Every check comes before any
 * change (refusals leave the state unchanged). */
#include <stdlib.h>
#include <string.h>

#include "meeting/meeting_internal.h"
#include "wtovote/util.h"

static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = src != NULL ? strlen(src) : 0;
    if (n >= size)
        n = size - 1;
    if (n > 0)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The signed Meeting's enum and the rules' readings are the same numbers. */
_Static_assert((int)WTOVOTE__V1__VOTE_REQUEST_READING__VOTE_REQUEST_AT_PERIOD_END ==
               (int)WV_VOTE_REQUEST_AT_PERIOD_END && WV_VOTE_REQUEST_READINGS == 1,
               "WT/L/93 readings differ between wire and rules");
_Static_assert((int)WTOVOTE__V1__OUTCOME__OUTCOME_RECOMMENDED == (int)WV_OUTCOME_RECOMMENDED &&
               (int)WTOVOTE__V1__OUTCOME__OUTCOME_REPORTED == (int)WV_OUTCOME_REPORTED,
               "IX:3(b) outcomes differ between wire and rules");

static int nonempty(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* -------------------------------------------------------------- opening */

wv_status wv_meeting_open(wv_meeting *m, const wv_meeting_msg *mt, const char *event_id,
                          int64_t time, wv_refusal *why, wv_error *err)
{
    wv_status st = wv_meeting_gate(m, time, WV_GATE_OPENING, 1, "meeting opening", why, err);
    if (st != WV_OK)
        return st;
    if (mt == NULL || !nonempty(mt->id) || strlen(mt->id) >= WV_ID_MAX)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "meeting opening refused: no Meeting with an id of 1 to %u "
                                 "characters", WV_MAX_ID_BYTES);
    if (event_id == NULL || strcmp(event_id, mt->id) != 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_WRONG_MEETING,
                                 "meeting opening refused: the event is for meeting %s but "
                                 "opens meeting %s", event_id ? event_id : "", mt->id);
    if ((mt->quorum_denominator == 0 && mt->quorum_numerator != 0) ||
        (mt->quorum_denominator != 0 && mt->quorum_numerator >= mt->quorum_denominator))
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "meeting %s refused: quorum %u/%u is not a fraction below 1",
                                 mt->id, mt->quorum_numerator, mt->quorum_denominator);
    if ((unsigned)mt->vote_request_reading >= WV_VOTE_REQUEST_READINGS)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "meeting %s refused: WT/L/93 reading %d is not 0, the one "
                                 "reading (a request takes effect when the period ends)",
                                 mt->id, (int)mt->vote_request_reading);
    if (mt->roster_fingerprint.len != 0 &&
        (mt->roster_fingerprint.len != 32 ||
         memcmp(mt->roster_fingerprint.data, m->fingerprint, 32) != 0))
        return wv_meeting_refuse(why, err, WV_REFUSE_ROSTER_MISMATCH,
                                 "meeting %s refused: it names another roster (fingerprint "
                                 "differs from the roster given)", mt->id);
    if (!wv_body_valid(mt->body))
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "meeting %s refused: body \"%.64s\" is not a deciding body "
                                 "(general-council, ministerial-conference, dsb, goods-council, "
                                 "services-council, trips-council, contracting-parties or "
                                 "plurilateral:NAME)", mt->id, mt->body ? mt->body : "");
    m->opened = 1;
    copy_text(m->id, sizeof m->id, mt->id);
    copy_text(m->body, sizeof m->body, mt->body);
    copy_text(m->title, sizeof m->title, mt->title);
    m->quorum_num = mt->quorum_numerator;
    m->quorum_den = mt->quorum_denominator;
    m->vote_request = (int)mt->vote_request_reading;
    m->skew = mt->max_clock_skew_seconds ? mt->max_clock_skew_seconds : WV_DEFAULT_CLOCK_SKEW;
    m->opened_at = m->last_time = time;
    return wv_meeting_admit(why, err);
}

/* -------------------------------------------------------------- motions */

static wv_status bad_motion(wv_refusal *why, wv_error *err, uint32_t item, const char *cause,
                            const char *detail)
{
    return wv_meeting_refuse(why, err, WV_REFUSE_MOTION_INVALID, "motion on item %u refused: %s%s",
                             item, cause, detail);
}

/* Parties: required exactly for a parties-only procedure (IX:5), Members of
 * the roster, sorted, no duplicates. */
static wv_status check_parties(const wv_meeting *m, const wv_motion_msg *mo, const wv_procedure *p,
                               wv_refusal *why, wv_error *err)
{
    int only = wv_procedure_parties_only(p);
    if (only && mo->n_parties == 0)
        return bad_motion(why, err, mo->item, "a plurilateral item needs its parties (Art. IX:5)",
                          "");
    if (!only && mo->n_parties != 0)
        return bad_motion(why, err, mo->item, "parties given for a procedure open to all "
                          "Members: ", wv_procedure_id(p));
    for (size_t i = 0; i < mo->n_parties; i++) {
        if (wv_roster_member_index(m->roster, mo->parties[i]) < 0)
            return bad_motion(why, err, mo->item, "party not in the roster: ", mo->parties[i]);
        if (i > 0 && strcmp(mo->parties[i - 1], mo->parties[i]) >= 0)
            return bad_motion(why, err, mo->item, "parties not sorted or repeated at ",
                              mo->parties[i]);
    }
    return WV_OK;
}

/* The period set must fit the rule: none, at most (IX:3) or at least (X:1)
 * the rule's days; 0 means the rule's own number. */
static wv_status check_period(const wv_motion_msg *mo, const wv_procedure *p, wv_refusal *why,
                              wv_error *err)
{
    uint32_t set = mo->consensus_period_days, days = 0;
    wv_period_kind kind = WV_PERIOD_NONE;
    for (size_t i = 0; i < wv_procedure_stage_count(p); i++) {
        const wv_stage_info *s = wv_procedure_stage_at(p, i);
        if (s->stage == WV_STAGE_CONSENSUS && s->period != WV_PERIOD_NONE) {
            kind = s->period;
            days = s->days;
        }
    }
    if (set == 0 || (kind == WV_PERIOD_AT_MOST && set <= days) ||
        (kind == WV_PERIOD_AT_LEAST && set >= days))
        return WV_OK;
    return wv_meeting_refuse(why, err, WV_REFUSE_MOTION_INVALID,
                             "motion on item %u refused: consensus period of %u days; %s %s%u "
                             "days (%s)", mo->item, set, wv_procedure_id(p),
                             kind == WV_PERIOD_NONE ? "has no period, " :
                             kind == WV_PERIOD_AT_MOST ? "allows at most " : "needs at least ",
                             days, wv_procedure_citation(p));
}

/* IX:3(b): the MC / GC decides an Annex 1 waiver on the report of the
 * Council for that Annex (a recommendation, or a report without consensus);
 * the Motion cites it, and only that procedure carries one. */
static wv_status check_report(const wv_motion_msg *mo, const wv_procedure *p, wv_refusal *why,
                              wv_error *err)
{
    const Wtovote__V1__CouncilReport *r = mo->council_report;
    int needs = wv_procedure_needs_council_report(p);
    if (needs && r == NULL)
        return bad_motion(why, err, mo->item, "an Annex 1 waiver is decided on the report of "
                          "its Council, which the motion must cite (Art. IX:3(b))", "");
    if (!needs && r != NULL)
        return bad_motion(why, err, mo->item, "a Council report cited for a procedure not "
                          "decided on one: ", wv_procedure_id(p));
    if (r == NULL)
        return WV_OK;
    const wv_procedure *council = wv_procedure_find("waiver-annex1-council");
    if (!wv_procedure_competent(council, r->body))
        return bad_motion(why, err, mo->item, "the report cited is not of the Goods, Services "
                          "or TRIPS Council (Art. IX:3(b)): ", r->body);
    if (r->outcome != WTOVOTE__V1__OUTCOME__OUTCOME_RECOMMENDED &&
        r->outcome != WTOVOTE__V1__OUTCOME__OUTCOME_REPORTED)
        return bad_motion(why, err, mo->item, "the Council report cited is neither a "
                          "recommendation nor a report at the end of its period "
                          "(Art. IX:3(b))", "");
    return WV_OK;
}

static wv_status check_motion(const wv_meeting *m, const wv_motion_msg *mo, const wv_procedure *p,
                              int64_t *deadline_end, wv_refusal *why, wv_error *err)
{
    wv_status st = check_period(mo, p, why, err);
    if (st != WV_OK)
        return st;
    if ((st = check_parties(m, mo, p, why, err)) != WV_OK)
        return st;
    *deadline_end = 0;
    if (nonempty(mo->acceptance_deadline)) {
        if (!wv_procedure_is_acceptance(p))
            return bad_motion(why, err, mo->item, "an acceptance deadline for a procedure "
                              "without acceptances: ", wv_procedure_id(p));
        if (wv_time_parse(mo->acceptance_deadline, deadline_end, NULL) != WV_OK)
            return bad_motion(why, err, mo->item, "acceptance deadline is not a date: ",
                              mo->acceptance_deadline);
        /* 0 means "no deadline": 1969-12-31 would end at 0, so no date
         * before 1970-01-01 is taken */
        if (*deadline_end < 0)
            return bad_motion(why, err, mo->item, "acceptance deadline before 1970-01-01: ",
                              mo->acceptance_deadline);
        *deadline_end += 86400; /* the deadline day is inside the period */
    }
    if (mo->waiver != NULL) {
        if (!wv_procedure_needs_waiver_terms(p))
            return bad_motion(why, err, mo->item, "waiver terms for a procedure that is not "
                              "a waiver: ", wv_procedure_id(p));
        int64_t t;
        if (nonempty(mo->waiver->termination_date) &&
            wv_time_parse(mo->waiver->termination_date, &t, NULL) != WV_OK)
            return bad_motion(why, err, mo->item, "termination date is not a date: ",
                              mo->waiver->termination_date);
    }
    if (nonempty(mo->proponent) && wv_roster_member_index(m->roster, mo->proponent) < 0)
        return bad_motion(why, err, mo->item, "proponent not in the roster: ", mo->proponent);
    return check_report(mo, p, why, err);
}

static wv_status grow_items(wv_meeting *m, wv_error *err)
{
    if (m->n_items < m->cap_items)
        return WV_OK;
    size_t cap = m->cap_items ? m->cap_items * 2 : 8;
    if (cap > WV_MEETING_MAX_ITEMS)
        cap = WV_MEETING_MAX_ITEMS;
    wv_item *items = realloc(m->items, cap * sizeof *items);
    if (items == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "meeting: out of memory");
    m->items = items;
    for (size_t i = m->cap_items; i < cap; i++) {
        memset(&items[i], 0, sizeof items[i]);
        items[i].pos = calloc(m->n_members, 1);
        if (items[i].pos == NULL) {
            m->cap_items = i;
            return wv_error_set(err, WV_ERR_NOMEM, "meeting: out of memory");
        }
    }
    m->cap_items = cap;
    return WV_OK;
}

/* Fills the item from the motion; positions start clean. */
static void fill_item(wv_meeting *m, wv_item *it, const wv_motion_msg *mo, const wv_procedure *p,
                      int64_t deadline_end)
{
    it->proc = p;
    it->stage = WV_ITEM_TABLED;
    it->period_days = mo->consensus_period_days;
    it->transition = mo->waiver != NULL && mo->waiver->transition_obligation;
    it->terms_complete = mo->waiver != NULL && nonempty(mo->waiver->exceptional_circumstances) &&
                         nonempty(mo->waiver->terms_and_conditions) &&
                         nonempty(mo->waiver->termination_date);
    it->deadline_end = deadline_end;
    it->parties_only = wv_procedure_parties_only(p);
    it->objected = it->requests = it->yes = it->no = it->abstain = 0;
    it->eu_state_ballots = it->acceptances = 0;
    it->eu_bloc = WV_CHOICE_NONE;
    it->has_decision = 0;
    memset(&it->decision, 0, sizeof it->decision);
    copy_text(it->title, sizeof it->title, mo->title);
    copy_text(it->proponent, sizeof it->proponent, mo->proponent);
    const Wtovote__V1__CouncilReport *r = mo->council_report;
    copy_text(it->report_meeting, sizeof it->report_meeting, r ? r->meeting_id : "");
    copy_text(it->report_body, sizeof it->report_body, r ? r->body : "");
    it->report_item = r ? r->item : 0;
    it->report_outcome = r ? (wv_outcome)r->outcome : WV_OUTCOME_NONE;
    uint8_t all = it->parties_only ? 0 : POS_PARTY;
    memset(it->pos, all, m->n_members);
    it->eligible = it->parties_only ? (uint32_t)mo->n_parties : m->n_members;
    for (size_t i = 0; i < mo->n_parties; i++)
        it->pos[wv_roster_member_index(m->roster, mo->parties[i])] = POS_PARTY;
}

wv_status wv_meeting_table(wv_meeting *m, const wv_motion_msg *mo, int revise, uint32_t item,
                           int64_t time, wv_refusal *why, wv_error *err)
{
    const char *what = revise ? "motion revision" : "motion";
    if (mo == NULL || mo->item == 0 || (item != 0 && item != mo->item))
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "%s refused: no Motion, or its item number (%u) is 0 or differs "
                                 "from the event's (%u)", what, mo ? mo->item : 0, item);
    wv_item *it = wv_meeting_item(m, mo->item);
    if (!revise && it != NULL)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_EXISTS,
                                 "motion on item %u refused: item %u is already tabled", mo->item,
                                 mo->item);
    if (revise && it == NULL)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_NOT_TABLED,
                                 "motion revision refused: item %u has not been tabled", mo->item);
    if (revise && it->stage == WV_ITEM_DECIDED)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_DECIDED,
                                 "motion revision refused: item %u has been decided", mo->item);
    if (revise && it->stage > WV_ITEM_CONSENSUS)
        return wv_meeting_refuse(why, err, WV_REFUSE_OUT_OF_ORDER,
                                 "motion revision refused: the vote on item %u has been opened",
                                 mo->item);
    if (!revise && m->n_items >= WV_MEETING_MAX_ITEMS)
        return wv_meeting_refuse(why, err, WV_REFUSE_TOO_MANY_ITEMS,
                                 "motion on item %u refused: a meeting holds at most %u items",
                                 mo->item, WV_MEETING_MAX_ITEMS);
    const wv_procedure *p = wv_procedure_find(mo->procedure ? mo->procedure : "");
    if (p == NULL)
        return wv_meeting_refuse(why, err, WV_REFUSE_UNKNOWN_PROCEDURE,
                                 "%s on item %u refused: unknown procedure \"%.64s\"", what,
                                 mo->item, mo->procedure ? mo->procedure : "");
    if (!wv_procedure_competent(p, m->body)) {
        const wv_rule_note *c = wv_procedure_competence(p);
        return wv_meeting_refuse(why, err, WV_REFUSE_NOT_COMPETENT,
                                 "%s on item %u refused: %s is decided by %s (%s), not by %s",
                                 what, mo->item, wv_procedure_id(p), c->text, c->citation,
                                 m->body);
    }
    if (revise && p != it->proc)
        return bad_motion(why, err, mo->item, "a revision keeps the procedure: ",
                          wv_procedure_id(it->proc));
    int64_t deadline_end;
    wv_status st = check_motion(m, mo, p, &deadline_end, why, err);
    if (st != WV_OK)
        return st;
    if (!revise) {
        if ((st = grow_items(m, err)) != WV_OK)
            return st;
        it = &m->items[m->n_items++];
        it->number = mo->item;
        it->tabled_at = time;
    }
    /* A revision puts a new text before the Members: the consensus phase
     * starts again (objections, requests and acceptances of the old text
     * lapse); the consensus period still runs from the first tabling. */
    fill_item(m, it, mo, p, deadline_end);
    m->last_time = time;
    return wv_meeting_admit(why, err);
}

/* ---------------------------------------------------------- the vote */

/* Why wv_rules_vote_allowed said no, as a refusal (the rules decide; this
 * only names the reason). A WT/L/93 request never opens a vote before the
 * consensus period has run (Art. IX:3(a)), so no refusal asks for one. */
static wv_status vote_premature(const wv_item *it, const wv_tally *t, wv_refusal *why,
                                wv_error *err)
{
    const wv_procedure *p = it->proc;
    int wtl93 = wv_procedure_vote_needs_request(p);
    uint32_t period = wv_meeting_period(it);
    if (wv_procedure_needs_waiver_terms(p) && !it->terms_complete)
        return wv_meeting_refuse(why, err, WV_REFUSE_WAIVER_TERMS,
                                 "vote opening on item %u refused: the waiver does not state the "
                                 "exceptional circumstances, terms and conditions and "
                                 "termination date (Art. IX:4)", it->number);
    if (t->objections == 0 && !(wtl93 && t->vote_requested))
        return wv_meeting_refuse(why, err, WV_REFUSE_CONSENSUS_NOT_FAILED,
                                 "vote opening on item %u refused: no Member present objects%s, "
                                 "so consensus has not failed (Art. IX:1)", it->number,
                                 wtl93 ? " and none requested a vote (WT/L/93)" : "");
    return wv_meeting_refuse(why, err, WV_REFUSE_PERIOD_RUNNING,
                             "vote opening on item %u refused: the consensus period of %u days "
                             "has not ended (day %u; %s)%s", it->number, period, t->days_elapsed,
                             wv_procedure_citation(p),
                             t->vote_requested ? "; the vote request takes effect when it ends "
                                                 "(WT/L/93)" : "");
}

static wv_status vote_open(wv_meeting *m, wv_item *it, int64_t time, int apply,
                           wv_refusal *why, wv_error *err)
{
    const wv_procedure *p = it->proc;
    if (!wv_procedure_allows_vote(p) || it->transition)
        return wv_meeting_refuse(why, err, WV_REFUSE_NO_VOTE_PROCEDURE,
                                 "vote opening on item %u refused: %s allows no vote, only "
                                 "consensus (%s)", it->number, wv_procedure_id(p),
                                 it->transition ? "Art. IX:3 fn 4" : wv_procedure_citation(p));
    if (it->stage >= WV_ITEM_VOTING)
        return wv_meeting_refuse(why, err, WV_REFUSE_OUT_OF_ORDER,
                                 "vote opening on item %u refused: the vote was already opened",
                                 it->number);
    if (it->stage == WV_ITEM_TABLED && wv_procedure_has_consensus_phase(p) &&
        !wv_procedure_vote_without_consensus(p))
        return wv_meeting_refuse(why, err, WV_REFUSE_CONSENSUS_NOT_CALLED,
                                 "vote opening on item %u refused: consensus has not been sought "
                                 "(Art. IX:1: a vote only where consensus cannot be reached)",
                                 it->number);
    wv_tally t;
    wv_rules_config cfg;
    wv_meeting_tally(m, it, time, &t);
    wv_meeting_rules_config(m, &cfg);
    if (!wv_rules_vote_allowed(p, &cfg, &t))
        return vote_premature(it, &t, why, err);
    if (!apply)
        return wv_meeting_admit(why, err);
    it->stage = WV_ITEM_VOTING;
    it->consensus_ended_at = time;
    m->last_time = time;
    return wv_meeting_admit(why, err);
}

static wv_status simple_event(wv_meeting *m, wv_chair_kind kind, wv_item *it, int64_t time,
                              int apply, wv_refusal *why, wv_error *err)
{
    if (kind == WV_CHAIR_VOTE_OPEN)
        return vote_open(m, it, time, apply, why, err);
    if (kind == WV_CHAIR_CONSENSUS_CALL) {
        if (!wv_procedure_has_consensus_phase(it->proc))
            return wv_meeting_refuse(why, err, WV_REFUSE_NO_CONSENSUS_PHASE,
                                     "consensus call on item %u refused: %s has no consensus "
                                     "phase (%s)", it->number, wv_procedure_id(it->proc),
                                     wv_procedure_citation(it->proc));
        if (it->stage != WV_ITEM_TABLED)
            return wv_meeting_refuse(why, err, WV_REFUSE_OUT_OF_ORDER,
                                     "consensus call on item %u refused: the item is at stage %s",
                                     it->number, wv_item_stage_name(it->stage));
        if (!apply)
            return wv_meeting_admit(why, err);
        it->stage = WV_ITEM_CONSENSUS;
    } else {
        if (it->stage != WV_ITEM_VOTING)
            return wv_meeting_refuse(why, err, WV_REFUSE_OUT_OF_ORDER,
                                     "vote closing on item %u refused: no vote is open (stage %s)",
                                     it->number, wv_item_stage_name(it->stage));
        if (!apply)
            return wv_meeting_admit(why, err);
        it->stage = WV_ITEM_VOTE_CLOSED;
        it->vote_closed_at = time;
    }
    m->last_time = time;
    return wv_meeting_admit(why, err);
}

static wv_status meeting_close(wv_meeting *m, int64_t time, int apply, wv_refusal *why,
                               wv_error *err)
{
    for (size_t i = 0; i < m->n_items; i++)
        if (m->items[i].stage == WV_ITEM_VOTING)
            return wv_meeting_refuse(why, err, WV_REFUSE_OUT_OF_ORDER,
                                     "meeting closing refused: the vote on item %u is open",
                                     m->items[i].number);
    if (!apply)
        return wv_meeting_admit(why, err);
    m->closed = 1;
    m->closed_at = m->last_time = time;
    return wv_meeting_admit(why, err);
}

/* The chair events without a message; apply = 0 checks only. */
static wv_status chair_event(wv_meeting *m, wv_chair_kind kind, uint32_t item, int64_t time,
                             int apply, wv_refusal *why, wv_error *err)
{
    if (m == NULL || (kind != WV_CHAIR_CONSENSUS_CALL && kind != WV_CHAIR_VOTE_OPEN &&
                      kind != WV_CHAIR_VOTE_CLOSE && kind != WV_CHAIR_MEETING_CLOSE))
        return wv_error_set(err, WV_ERR_ARG, "meeting: chair event %d needs its message",
                            (int)kind);
    wv_status st = wv_meeting_gate(m, time, WV_GATE_SESSION, 1, "chair event", why, err);
    if (st != WV_OK)
        return st;
    if (kind == WV_CHAIR_MEETING_CLOSE) {
        if (item != 0)
            return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                     "meeting closing refused: it names item %u", item);
        return meeting_close(m, time, apply, why, err);
    }
    wv_item *it = item != 0 ? wv_meeting_item(m, item) : NULL;
    if (it == NULL)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_NOT_TABLED,
                                 "chair event refused: item %u has not been tabled", item);
    if (it->stage == WV_ITEM_DECIDED)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_DECIDED,
                                 "chair event refused: item %u has been decided (%s)", item,
                                 wv_outcome_name(it->decision.outcome));
    return simple_event(m, kind, it, time, apply, why, err);
}

wv_status wv_meeting_chair(wv_meeting *m, wv_chair_kind kind, uint32_t item, int64_t time,
                           wv_refusal *why, wv_error *err)
{
    return chair_event(m, kind, item, time, 1, why, err);
}

wv_status wv_meeting_chair_check(const wv_meeting *m, wv_chair_kind kind, uint32_t item,
                                 int64_t time, wv_refusal *why, wv_error *err)
{
    /* apply = 0 never writes through the pointer */
    return chair_event((wv_meeting *)m, kind, item, time, 0, why, err);
}
