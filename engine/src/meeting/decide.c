/* engine/meeting: decisions. A decision is derived only through engine/rules
 * from the tally of the acts admitted so far; a published decision
 * (CHAIR_DECIDE) is compared with the derived one field by field. */
#include <string.h>

#include "meeting/meeting_internal.h"

/* Preconditions of CHAIR_DECIDE (and of a preview). */
static wv_status decide_gate(const wv_meeting *m, uint32_t number, int64_t time,
                             const wv_item **out, wv_refusal *why, wv_error *err)
{
    wv_status st = wv_meeting_gate(m, time, wv_meeting_gate_for_item(m, number), 1, "decision",
                                   why, err);
    if (st != WV_OK)
        return st;
    const wv_item *it = number != 0 ? wv_meeting_item(m, number) : NULL;
    if (it == NULL)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_NOT_TABLED,
                                 "decision refused: item %u has not been tabled", number);
    if (it->stage == WV_ITEM_DECIDED)
        return wv_meeting_refuse(why, err, WV_REFUSE_ITEM_DECIDED,
                                 "decision on item %u refused: already decided (%s)", number,
                                 wv_outcome_name(it->decision.outcome));
    if (it->stage == WV_ITEM_VOTING)
        return wv_meeting_refuse(why, err, WV_REFUSE_OUT_OF_ORDER,
                                 "decision on item %u refused: the vote is still open", number);
    if (it->stage == WV_ITEM_TABLED && wv_procedure_has_consensus_phase(it->proc))
        return wv_meeting_refuse(why, err, WV_REFUSE_OUT_OF_ORDER,
                                 "decision on item %u refused: consensus has not been sought",
                                 number);
    *out = it;
    return WV_OK;
}

static void fill_msg(const wv_item *it, const wv_tally *t, const wv_decision *d,
                     wv_decision_msg *msg)
{
    wtovote__v1__decision__init(msg);
    msg->item = it->number;
    msg->procedure = (char *)wv_procedure_id(it->proc);
    msg->outcome = (Wtovote__V1__Outcome)d->outcome;
    msg->stage = (Wtovote__V1__Stage)d->stage;
    msg->required = d->has_required ? d->required : 0;
    msg->members = t->members;
    msg->present = t->present;
    msg->objections = t->objections;
    msg->yes = d->yes;
    msg->no = d->no;
    msg->abstain = d->abstain;
    msg->acceptances = t->acceptances;
    msg->required_of_votes_cast = d->two_limbs ? d->required_of_votes_cast : 0;
    msg->required_of_members = d->two_limbs ? d->required_of_members : 0;
}

wv_status wv_meeting_derive(const wv_meeting *m, uint32_t number, int64_t time, wv_decision *out,
                            wv_decision_msg *msg, wv_refusal *why, wv_error *err)
{
    const wv_item *it = NULL;
    wv_status st = decide_gate(m, number, time, &it, why, err);
    if (st != WV_OK)
        return st;
    wv_tally t;
    wv_rules_config cfg;
    wv_meeting_tally(m, it, time, &t);
    wv_meeting_rules_config(m, &cfg);
    memset(out, 0, sizeof *out);
    st = wv_rules_decide(it->proc, &cfg, &t, out, err);
    if (why != NULL)
        *why = WV_REFUSE_NONE;
    if (st != WV_OK) {
        wv_error_prefix(err, "decision on item %u", number);
        return st;
    }
    if (msg != NULL)
        fill_msg(it, &t, out, msg);
    return WV_OK;
}

wv_status wv_meeting_decide_preview(const wv_meeting *m, uint32_t item, int64_t time,
                                    wv_decision *out, wv_decision_msg *msg, wv_refusal *why,
                                    wv_error *err)
{
    if (m == NULL || out == NULL)
        return wv_error_set(err, WV_ERR_ARG, "meeting: preview needs a meeting and an output");
    return wv_meeting_derive(m, item, time, out, msg, why, err);
}

/* The first field in which the published Decision differs, or WV_OK. */
static wv_status compare(const wv_decision_msg *pub, const wv_decision_msg *der,
                         wv_refusal *why, wv_error *err)
{
    const char *pp = pub->procedure ? pub->procedure : "";
    if (pub->item != der->item || strcmp(pp, der->procedure) != 0) {
        if (why != NULL)
            *why = WV_REFUSE_DECISION_MISMATCH;
        return wv_error_set(err, WV_ERR_DECISION_MISMATCH,
                            "decision on item %u: published item %u procedure \"%.64s\", "
                            "re-derived item %u procedure %s", der->item, pub->item, pp,
                            der->item, der->procedure);
    }
    if (pub->outcome != der->outcome) {
        if (why != NULL)
            *why = WV_REFUSE_DECISION_MISMATCH;
        return wv_error_set(err, WV_ERR_DECISION_MISMATCH,
                            "decision on item %u: outcome published %s, re-derived %s",
                            der->item, wv_outcome_name((wv_outcome)pub->outcome),
                            wv_outcome_name((wv_outcome)der->outcome));
    }
    const struct { const char *name; uint32_t p, d; } f[] = {
        {"stage", (uint32_t)pub->stage, (uint32_t)der->stage},
        {"required", pub->required, der->required},
        {"members", pub->members, der->members},
        {"present", pub->present, der->present},
        {"objections", pub->objections, der->objections},
        {"yes", pub->yes, der->yes},
        {"no", pub->no, der->no},
        {"abstain", pub->abstain, der->abstain},
        {"acceptances", pub->acceptances, der->acceptances},
        {"required_of_votes_cast", pub->required_of_votes_cast, der->required_of_votes_cast},
        {"required_of_members", pub->required_of_members, der->required_of_members},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        if (f[i].p == f[i].d)
            continue;
        if (why != NULL)
            *why = WV_REFUSE_DECISION_MISMATCH;
        return wv_error_set(err, WV_ERR_DECISION_MISMATCH,
                            "decision on item %u: %s published %u, re-derived %u", der->item,
                            f[i].name, f[i].p, f[i].d);
    }
    return WV_OK;
}

wv_status wv_meeting_declare(wv_meeting *m, uint32_t number, int64_t time,
                             const wv_decision_msg *published, wv_decision *out,
                             wv_refusal *why, wv_error *err)
{
    wv_decision d;
    wv_decision_msg derived;
    wv_status st = wv_meeting_derive(m, number, time, &d, &derived, why, err);
    if (st != WV_OK)
        return st;
    if (published != NULL && (st = compare(published, &derived, why, err)) != WV_OK)
        return st;
    wv_item *it = wv_meeting_item(m, number);
    it->decision = d;
    it->has_decision = 1;
    /* "pending" keeps the item open (period running, acceptances short). */
    if (d.outcome != WV_OUTCOME_PENDING) {
        it->stage = WV_ITEM_DECIDED;
        it->decided_at = time;
        if (it->consensus_ended_at == 0)
            it->consensus_ended_at = time;
    }
    m->last_time = time;
    if (out != NULL)
        *out = d;
    return wv_meeting_admit(why, err);
}

wv_status wv_meeting_decide(wv_meeting *m, uint32_t item, int64_t time, wv_decision *out,
                            wv_refusal *why, wv_error *err)
{
    if (m == NULL)
        return wv_error_set(err, WV_ERR_ARG, "meeting: no meeting given");
    return wv_meeting_declare(m, item, time, NULL, out, why, err);
}
