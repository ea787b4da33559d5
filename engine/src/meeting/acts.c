/* engine/meeting: Members' acts on member indices (the fast core). Every
 * check comes before any change (refusals leave the state unchanged). The
 * order of the checks is normative (SPEC.md, "Meeting state machine"). */
#include <string.h>

#include "meeting/meeting_internal.h"

#define WHO(m, i) wv_meeting_code((m), (i))

#define kind_word(k) wv_act_kind_noun((int)(k))

/* Fields that must fit the kind (the wire decoder checks ranges only). */
static wv_status check_shape(const wv_meeting *m, uint32_t who, wv_act_kind kind, uint32_t item,
                             wv_choice choice, int eu_bloc, wv_refusal *why, wv_error *err)
{
    const char *c = WHO(m, who);
    if (kind < WV_ACT_ATTEND || kind > WV_ACT_STATEMENT)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "act by %s refused: unknown act kind %d", c, (int)kind);
    if ((kind == WV_ACT_ATTEND || kind == WV_ACT_LEAVE) && item != 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "%s by %s refused: attendance names no item (item %u given)",
                                 kind_word(kind), c, item);
    if (kind != WV_ACT_ATTEND && kind != WV_ACT_LEAVE && kind != WV_ACT_STATEMENT && item == 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "%s by %s refused: no agenda item given", kind_word(kind), c);
    if (kind == WV_ACT_VOTE && (choice < WV_CHOICE_YES || choice > WV_CHOICE_ABSTAIN))
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "vote by %s on item %u refused: no choice (yes, no or abstain)",
                                 c, item);
    if (kind != WV_ACT_VOTE && choice != WV_CHOICE_NONE)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "%s by %s refused: a choice is given only with a vote",
                                 kind_word(kind), c);
    if (kind != WV_ACT_VOTE && eu_bloc)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "%s by %s refused: eu_bloc is set only on a vote",
                                 kind_word(kind), c);
    return WV_OK;
}

static wv_status attendance(wv_meeting *m, uint32_t who, wv_act_kind kind, int64_t time,
                            wv_refusal *why, wv_error *err)
{
    if (kind == WV_ACT_ATTEND && m->present[who])
        return wv_meeting_refuse(why, err, WV_REFUSE_ALREADY_PRESENT,
                                 "attendance by %s refused: %s is already present", WHO(m, who),
                                 WHO(m, who));
    if (kind == WV_ACT_LEAVE && !m->present[who])
        return wv_meeting_refuse(why, err, WV_REFUSE_LEAVE_NOT_PRESENT,
                                 "departure by %s refused: %s is not present", WHO(m, who),
                                 WHO(m, who));
    m->present[who] = kind == WV_ACT_ATTEND;
    m->n_present += kind == WV_ACT_ATTEND ? 1u : (uint32_t)-1;
    wv_meeting_saw_act(m, who, time);
    return wv_meeting_admit(why, err);
}

/* An acceptance of an amendment already in force (Art. X:3: "thereafter for
 * each other Member upon acceptance by it"; X:5 for GATS Parts I-III). Under
 * X:4 every Member is bound already and the instrument is recorded without
 * effect; under X:2 every Member has accepted, so none is left. The
 * published decision is not re-derived. */
static int accepts_in_force(wv_act_kind kind, const wv_item *it)
{
    return kind == WV_ACT_ACCEPT && wv_procedure_is_acceptance(it->proc) &&
           it->decision.outcome == WV_OUTCOME_ADOPTED;
}

/* Item exists, is not decided (but see accepts_in_force), the Member is
 * eligible (IX:5) and present (acceptances need no presence: they are
 * deposited, X:7). */
static wv_status item_gate(const wv_meeting *m, uint32_t who, wv_act_kind kind,
                           const wv_item *it, uint32_t item, wv_refusal *why, wv_error *err)
{
    const char *c = WHO(m, who);
    if (it == NULL)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_NOT_TABLED,
                                 "%s by %s refused: item %u has not been tabled",
                                 kind_word(kind), c, item);
    if (it->stage == WV_ITEM_DECIDED && !accepts_in_force(kind, it))
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_DECIDED,
                                 "%s by %s on item %u refused: the item has been decided (%s)",
                                 kind_word(kind), c, item, wv_outcome_name(it->decision.outcome));
    if (!(it->pos[who] & POS_PARTY))
        return wv_meeting_refuse(why, err, WV_REFUSE_NOT_PARTY,
                                 "%s by %s on item %u refused: %s is not a party; only the "
                                 "parties take part (Art. IX:5)", kind_word(kind), c, item, c);
    if (kind != WV_ACT_ACCEPT && !m->present[who])
        return wv_meeting_refuse(why, err, WV_REFUSE_NOT_PRESENT,
                                 "%s by %s on item %u refused: %s is not present",
                                 kind_word(kind), c, item, c);
    return WV_OK;
}

static int vote_allowed(const wv_item *it)
{
    return wv_procedure_allows_vote(it->proc) && !it->transition;
}

static wv_status no_vote(const wv_meeting *m, uint32_t who, const char *what,
                         const wv_item *it, wv_refusal *why, wv_error *err)
{
    return wv_meeting_refuse(why, err, WV_REFUSE_NO_VOTE_PROCEDURE,
                             "%s by %s on item %u refused: %s allows no vote%s (%s)", what,
                             WHO(m, who), it->number, wv_procedure_id(it->proc),
                             it->transition ? ": a waiver of a transition-period obligation "
                                              "is granted only by consensus"
                                            : ", only consensus",
                             it->transition ? "Art. IX:3 fn 4" : wv_procedure_citation(it->proc));
}

static wv_status consensus_act(wv_meeting *m, uint32_t who, wv_act_kind kind, wv_item *it,
                               int64_t time, wv_refusal *why, wv_error *err)
{
    const char *c = WHO(m, who);
    uint8_t *p = &it->pos[who];
    if (kind == WV_ACT_REQUEST_VOTE && !vote_allowed(it))
        return no_vote(m, who, "vote request", it, why, err);
    if (it->stage != WV_ITEM_CONSENSUS)
        return wv_meeting_refuse(why, err, WV_REFUSE_NOT_CONSENSUS_PHASE,
                                 "%s by %s on item %u refused: the item is not in its consensus "
                                 "phase (stage: %s)", kind_word(kind), c, it->number,
                                 wv_item_stage_name(it->stage));
    if (kind == WV_ACT_OBJECT && (*p & POS_OBJECTED))
        return wv_meeting_refuse(why, err, WV_REFUSE_ALREADY_OBJECTED,
                                 "objection by %s on item %u refused: %s has already objected",
                                 c, it->number, c);
    if (kind == WV_ACT_WITHDRAW && !(*p & POS_OBJECTED))
        return wv_meeting_refuse(why, err, WV_REFUSE_NO_OBJECTION,
                                 "withdrawal by %s on item %u refused: %s has no objection to "
                                 "withdraw", c, it->number, c);
    if (kind == WV_ACT_REQUEST_VOTE && (*p & POS_REQUESTED))
        return wv_meeting_refuse(why, err, WV_REFUSE_ALREADY_REQUESTED,
                                 "vote request by %s on item %u refused: %s has already "
                                 "requested a vote", c, it->number, c);
    if (kind == WV_ACT_OBJECT) {
        *p |= POS_OBJECTED;
        it->objected++;
    } else if (kind == WV_ACT_WITHDRAW) {
        *p &= (uint8_t)~POS_OBJECTED;
        it->objected--;
    } else {
        *p |= POS_REQUESTED;
        it->requests++;
    }
    wv_meeting_saw_act(m, who, time);
    return wv_meeting_admit(why, err);
}

/* IX:1 and fn 2: the EU casts as many votes as its member States (as many
 * as the roster lists: 15 in 1995, 27 today) as a bloc, or its member
 * States vote individually, never both. In a body of parties (IX:5) and under GATT 1947 (XXV:3: one vote per contracting party)
 * every voter, the EU included, has one vote: no bloc, no fn 2 cap. The
 * rules call a bloc on a GATT 1947 item impossible, so it is refused here
 * first. */
static wv_status eu_checks(const wv_meeting *m, uint32_t who, const wv_item *it, int eu_bloc,
                           wv_refusal *why, wv_error *err)
{
    const char *c = WHO(m, who);
    int is_eu = m->eu >= 0 && who == (uint32_t)m->eu;
    int gatt = wv_procedure_is_gatt1947(it->proc);
    if (eu_bloc && !is_eu)
        return wv_meeting_refuse(why, err, WV_REFUSE_BLOC_NOT_EU,
                                 "vote by %s on item %u refused: only the EU casts a bloc vote "
                                 "(Art. IX:1)", c, it->number);
    if (eu_bloc && it->parties_only)
        return wv_meeting_refuse(why, err, WV_REFUSE_BLOC_PLURILATERAL,
                                 "vote by EU on item %u refused: among the parties each party "
                                 "has one vote, no bloc (Art. IX:5)", it->number);
    if (eu_bloc && gatt)
        return wv_meeting_refuse(why, err, WV_REFUSE_BLOC_GATT,
                                 "vote by EU on item %u refused: under GATT 1947 each contracting "
                                 "party has one vote, no bloc (GATT 1947 Art. XXV:3)", it->number);
    if (eu_bloc && m->n_eu_states == 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_BLOC_ROSTER,
                                 "vote by EU on item %u refused: the roster lists no EU member "
                                 "States, and the bloc casts as many votes as they number "
                                 "(Art. IX:1 fn 2)", it->number);
    if (it->parties_only || gatt)
        return WV_OK;
    if (is_eu && !eu_bloc)
        return wv_meeting_refuse(why, err, WV_REFUSE_EU_VOTE_NOT_BLOC,
                                 "vote by EU on item %u refused: the EU votes with as many "
                                 "votes as its member States, as a bloc (Art. IX:1)", it->number);
    if (is_eu && it->eu_state_ballots > 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_EU_BLOC_CONFLICT,
                                 "vote by EU on item %u refused: %u EU member States have "
                                 "already voted individually; the EU and its member States "
                                 "never vote together (Art. IX:1 fn 2)",
                                 it->number, it->eu_state_ballots);
    if (m->eu_state[who] && it->eu_bloc != WV_CHOICE_NONE)
        return wv_meeting_refuse(why, err, WV_REFUSE_EU_BLOC_CONFLICT,
                                 "vote by %s on item %u refused: the EU has cast its bloc of "
                                 "%u votes for its member States (Art. IX:1 fn 2)", c,
                                 it->number, m->n_eu_states);
    return WV_OK;
}

static wv_status vote(wv_meeting *m, uint32_t who, wv_item *it, wv_choice choice, int eu_bloc,
                      int64_t time, wv_refusal *why, wv_error *err)
{
    const char *c = WHO(m, who);
    if (!vote_allowed(it))
        return no_vote(m, who, "vote", it, why, err);
    if (it->stage == WV_ITEM_VOTE_CLOSED)
        return wv_meeting_refuse(why, err, WV_REFUSE_VOTE_CLOSED,
                                 "vote by %s on item %u refused: the vote has closed", c,
                                 it->number);
    if (it->stage != WV_ITEM_VOTING)
        return wv_meeting_refuse(why, err, WV_REFUSE_VOTE_NOT_OPEN,
                                 "vote by %s on item %u refused: the vote is not open", c,
                                 it->number);
    /* Never the choice: results may be hidden while the vote is open. */
    if (it->pos[who] & POS_BALLOT_MASK)
        return wv_meeting_refuse(why, err, WV_REFUSE_ALREADY_VOTED,
                                 "vote by %s on item %u refused: %s has already voted", c,
                                 it->number, c);
    wv_status st = eu_checks(m, who, it, eu_bloc, why, err);
    if (st != WV_OK)
        return st;
    it->pos[who] |= (uint8_t)(choice << POS_BALLOT_SHIFT);
    if (eu_bloc)
        it->eu_bloc = choice;
    else if (choice == WV_CHOICE_YES)
        it->yes++;
    else if (choice == WV_CHOICE_NO)
        it->no++;
    else
        it->abstain++;
    if (m->eu_state[who] && !eu_bloc)
        it->eu_state_ballots++;
    wv_meeting_saw_act(m, who, time);
    return wv_meeting_admit(why, err);
}

static wv_status accept(wv_meeting *m, uint32_t who, wv_item *it, int64_t time,
                        wv_refusal *why, wv_error *err)
{
    const char *c = WHO(m, who);
    if (!wv_procedure_is_acceptance(it->proc))
        return wv_meeting_refuse(why, err, WV_REFUSE_NOT_ACCEPTANCE_ITEM,
                                 "acceptance by %s on item %u refused: %s is not submitted for "
                                 "acceptance (Art. X:7)", c, it->number,
                                 wv_procedure_id(it->proc));
    if (it->pos[who] & POS_ACCEPTED)
        return wv_meeting_refuse(why, err, WV_REFUSE_ALREADY_ACCEPTED,
                                 "acceptance by %s on item %u refused: %s has already accepted",
                                 c, it->number, c);
    if (it->deadline_end != 0 && time >= it->deadline_end)
        return wv_meeting_refuse(why, err, WV_REFUSE_ACCEPTANCE_LATE,
                                 "acceptance by %s on item %u refused: the period of acceptance "
                                 "has ended (Art. X:7)", c, it->number);
    it->pos[who] |= POS_ACCEPTED;
    it->acceptances++;
    wv_meeting_saw_act(m, who, time);
    return wv_meeting_admit(why, err);
}

wv_status wv_meeting_act(wv_meeting *m, uint32_t member, wv_act_kind kind, uint32_t item,
                         wv_choice choice, int eu_bloc, int64_t time, wv_refusal *why,
                         wv_error *err)
{
    if (m == NULL)
        return wv_error_set(err, WV_ERR_ARG, "meeting: no meeting given");
    wv_status st = wv_meeting_gate(m, time,
                                   kind == WV_ACT_ACCEPT ? wv_meeting_gate_for_item(m, item)
                                                         : WV_GATE_SESSION,
                                   0, kind_word(kind), why, err);
    if (st != WV_OK)
        return wv_meeting_stale(m, member, kind, item, time, st, why, err);
    if (member >= m->n_members)
        return wv_meeting_refuse(why, err, WV_REFUSE_UNKNOWN_MEMBER,
                                 "act refused: Member index %u is not in the roster", member);
    if ((st = check_shape(m, member, kind, item, choice, eu_bloc, why, err)) != WV_OK)
        return st;
    if (kind == WV_ACT_ATTEND || kind == WV_ACT_LEAVE)
        return attendance(m, member, kind, time, why, err);
    wv_item *it = item != 0 ? wv_meeting_item(m, item) : NULL;
    if (kind == WV_ACT_STATEMENT) {
        /* A statement needs presence and, when it names one, a tabled item
         * (explanations of vote after a decision are admissible). */
        if (!m->present[member])
            return wv_meeting_refuse(why, err, WV_REFUSE_NOT_PRESENT,
                                     "statement by %s refused: %s is not present",
                                     WHO(m, member), WHO(m, member));
        if (item != 0 && it == NULL)
            return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_NOT_TABLED,
                                     "statement by %s refused: item %u has not been tabled",
                                     WHO(m, member), item);
        wv_meeting_saw_act(m, member, time);
        return wv_meeting_admit(why, err);
    }
    st = item_gate(m, member, kind, it, item, why, err);
    if (st == WV_OK) {
        switch (kind) {
        case WV_ACT_OBJECT:
        case WV_ACT_WITHDRAW:
        case WV_ACT_REQUEST_VOTE:
            st = consensus_act(m, member, kind, it, time, why, err);
            break;
        case WV_ACT_VOTE:
            st = vote(m, member, it, choice, eu_bloc, time, why, err);
            break;
        default:
            st = accept(m, member, it, time, why, err);
        }
    }
    return wv_meeting_stale(m, member, kind, item, time, st, why, err);
}
