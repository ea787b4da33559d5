/* The training debrief: what happened, which rule decided it (the rules
 * engine's own explanation, with citations), and what would have changed
 * the outcome (counterfactual tallies decided by the rules engine). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/train_internal.h"

static wv_outcome outcome_of(const wv_procedure *p, const wv_tally *t)
{
    wv_rules_config cfg = {0};
    wv_decision d;
    return wv_rules_decide(p, &cfg, t, &d, NULL) == WV_OK ? d.outcome : WV_OUTCOME_NONE;
}

static void what_happened(wv_train *t, const wv_tally *ft)
{
    const wv_decision *d = &t->decision;
    train_say(t, "What happened\n  %s on \"%s\" under %s [%s].\n", t->decided ? "Decided"
              : "Not decided", t->s->subject, wv_procedure_title(t->p),
              wv_procedure_citation(t->p));
    train_say(t, "  %u of %u Members present; %u objection(s) in force at the decision; "
                 "%u revision(s) of the text (ambition %.2f -> %.2f).\n", ft->present,
              ft->members, ft->objections, t->revisions, t->s->ambition / 1000.0,
              t->ambition / 1000.0);
    if (ft->vote_held)
        train_say(t, "  Vote: yes %u, no %u, abstain %u (EU bloc folded in).\n", d->yes, d->no,
                  d->abstain);
    if (t->decided)
        train_say(t, "  Outcome: %s at the %s stage%s.\n", wv_outcome_name(d->outcome),
                  wv_stage_name(d->stage), d->has_required ? "" : "");
    if (t->decided && d->has_required)
        train_say(t, "  Required: %u.\n", d->required);
}

static void which_rule(wv_train *t, const wv_tally *ft)
{
    wv_rules_config cfg = {0};
    cfg.explain = 1;
    wv_decision d;
    train_say(t, "Which rule decided it\n");
    if (!t->decided || wv_rules_decide(t->p, &cfg, ft, &d, NULL) != WV_OK) {
        train_say(t, "  (no decision was taken)\n");
        return;
    }
    for (size_t i = 0; i < d.n_steps; i++)
        train_say(t, "  %s: %s\n", d.steps[i].citation, d.steps[i].text);
}

/* Fewest no votes turned into yes that would change a rejection; and the
 * EU bloc turned around (Art. IX:1 fn 2). */
static void votes_needed(wv_train *t, const wv_tally *ft)
{
    if (ft->eu_bloc == WV_CHOICE_NO || ft->eu_bloc == WV_CHOICE_ABSTAIN) {
        wv_tally c = *ft;
        c.eu_bloc = WV_CHOICE_YES;
        if (outcome_of(t->p, &c) != t->decision.outcome)
            train_say(t, "  - the EU's bloc of %u votes voting yes would have made it %s.\n",
                      c.eu_states, wv_outcome_name(outcome_of(t->p, &c)));
    }
    uint32_t k;
    for (k = 1; k <= ft->no + ft->abstain; k++) {
        wv_tally c = *ft;
        uint32_t from_no = k <= ft->no ? k : ft->no;
        c.no -= from_no;
        c.abstain -= k - from_no;
        c.yes += k;
        if (outcome_of(t->p, &c) != t->decision.outcome) {
            train_say(t, "  - %u more yes vote(s) (from no or abstain) would have made it %s.\n",
                      k, wv_outcome_name(outcome_of(t->p, &c)));
            return;
        }
    }
    if (t->decision.has_required)
        train_say(t, "  - even every individual no and abstention turned yes would not reach "
                     "%u: the base is all Members, so absent Members count against it.\n",
                  t->decision.required);
}

static void counterfactuals(wv_train *t, const wv_tally *ft)
{
    train_say(t, "What would have changed the outcome\n");
    if (!t->decided) {
        train_say(t, "  - a decision: the chair must call for consensus and decide.\n");
        return;
    }
    wv_outcome actual = t->decision.outcome;
    int any = 0;
    if (ft->objections > 0) {
        wv_tally c = *ft;
        c.objections = 0;
        wv_outcome o = outcome_of(t->p, &c);
        if (o != actual) {
            train_say(t, "  - without the %u objection(s) in force it would have been %s "
                         "(Art. IX:1 fn 1: only Members present who formally object block).\n",
                      ft->objections, wv_outcome_name(o));
            any = 1;
        }
        c.objections = ft->objections - 1;
        if (ft->objections == 1 && o != actual)
            train_say(t, "  - that single objection was decisive.\n");
    }
    if (ft->vote_held && actual != WV_OUTCOME_ADOPTED) {
        votes_needed(t, ft);
        any = 1;
    }
    if (actual == WV_OUTCOME_NO_QUORUM) {
        train_say(t, "  - more Members present: the quorum was not met.\n");
        any = 1;
    }
    if (ft->objections > 0 && !ft->vote_held && wv_procedure_allows_vote(t->p) &&
        !t->s->transition_obligation) {
        train_say(t, "  - a vote: the procedure allows one once consensus fails (request it, "
                     "WT/L/93).\n");
        any = 1;
    }
    int32_t low = t->ambition;
    for (uint32_t i = 0; i < t->pl.n; i++)
        if (wv_meeting_position(t->pl.mt, 0, t->s->active_index[i]) == WV_POS_OBJECTED &&
            t->pl.tau[i] < low && (int)i != t->me)
            low = t->pl.tau[i];
    if (low < t->ambition)
        train_say(t, "  - a text the objectors accept: the most opposed objector accepts "
                     "ambition %.2f at most; the proponents' floor is %.2f.\n", low / 1000.0,
                  t->s->floor / 1000.0);
    if (!any && low >= t->ambition)
        train_say(t, "  - little: no single change of attendance, objection or ballot "
                     "changes it.\n");
}

static void your_part(wv_train *t, const wv_tally *ft)
{
    if (t->me < 0) {
        train_say(t, "Your part\n  As chair you made %u revision(s) and declared the decision "
                     "on day %lld.\n", t->revisions, (long long)((t->now - SIM_T0) / SIM_DAY));
        return;
    }
    uint32_t me = t->s->active_index[t->me];
    wv_position pos = wv_meeting_position(t->pl.mt, 0, me);
    train_say(t, "Your part\n  %s ended as: %s.\n", t->s->all[t->me].code, wv_position_name(pos));
    if (!t->decided)
        return;
    wv_tally c = *ft;
    int flip = 1;
    if (pos == WV_POS_OBJECTED)
        c.objections--;
    else if (pos == WV_POS_YES && c.yes > 0)
        c.yes--, c.no++;
    else if (pos == WV_POS_NO && c.no > 0)
        c.no--, c.yes++;
    else
        flip = 0;
    if (flip && outcome_of(t->p, &c) != t->decision.outcome)
        train_say(t, "  Your act was pivotal: without it the outcome would have been %s.\n",
                  wv_outcome_name(outcome_of(t->p, &c)));
    else if (flip)
        train_say(t, "  Your act alone did not change the outcome.\n");
}

wv_status wv_train_debrief(const wv_train *tc, char **out, wv_error *err)
{
    /* The debrief reuses the session's output buffer, then restores it. */
    wv_train *t = (wv_train *)tc;
    char *saved = t->out;
    size_t saved_len = t->out_len, saved_cap = t->out_cap;
    t->out = NULL;
    t->out_len = t->out_cap = 0;
    wv_tally ft = t->final_tally;
    if (!t->decided)
        sim_tally_of(&t->pl, t->now, &ft);
    train_say(t, "\n=== Debrief ===\n");
    what_happened(t, &ft);
    which_rule(t, &ft);
    counterfactuals(t, &ft);
    your_part(t, &ft);
    char *text = t->out;
    t->out = saved;
    t->out_len = saved_len;
    t->out_cap = saved_cap;
    if (text == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "train: out of memory");
    *out = text;
    return WV_OK;
}
