/* wv_rules_decide: one item decided from counts, with an explanation.
 * Integer arithmetic only. With cfg->explain == 0 nothing is formatted and
 * nothing is allocated (the simulator calls this millions of times). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules_internal.h"

#define FN2 "Art. IX:1 fn 2"

typedef struct ctx {
    const wv_procedure *p;
    const wv_tally *t;
    wv_decision *d;
    uint32_t qnum, qden;
    int explain;
} ctx;

static void step(ctx *c, const char *cite, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void step(ctx *c, const char *cite, const char *fmt, ...)
{
    if (!c->explain || c->d->n_steps >= WV_MAX_STEPS)
        return;
    wv_step *s = &c->d->steps[c->d->n_steps++];
    snprintf(s->citation, sizeof s->citation, "%s", cite);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->text, sizeof s->text, fmt, ap);
    va_end(ap);
}

static wv_outcome finish(ctx *c, wv_outcome o, wv_stage s)
{
    c->d->outcome = o;
    c->d->stage = s;
    return o;
}

static const char *base_words(const ctx *c)
{
    return wv_procedure_base_words(c->p);
}

/* One of the base: "Member", "party" (IX:5), "contracting party" (GATT 1947). */
static const char *base_word(const ctx *c)
{
    return c->p->gatt1947 ? "contracting party" : c->p->parties_only ? "party" : "Member";
}

static wv_status check_bloc(const ctx *c, uint64_t ballots, wv_error *err)
{
    const wv_tally *t = c->t;
    if (t->eu_bloc > WV_CHOICE_ABSTAIN)
        return wv_error_set(err, WV_ERR_ARG, "eu_bloc = %d is not a choice", (int)t->eu_bloc);
    if (t->eu_bloc == WV_CHOICE_NONE)
        return WV_OK;
    if (c->p->gatt1947)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "eu_bloc on a GATT 1947 procedure: each contracting party had one "
                            "vote (GATT 1947 Art. XXV:3); the EU bloc is a WTO rule "
                            "(Art. IX:1 fn 2)");
    if (t->eu_states == 0)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "eu_bloc with eu_states = 0: the bloc casts as many votes as the "
                            "EU has member States among the Members (Art. IX:1 fn 2)");
    if (t->eu_states >= t->members)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "eu_bloc with members = %u: the bloc needs more Members than the "
                            "EU's %u member States (the EU is one more)", t->members,
                            t->eu_states);
    if (ballots > t->members - (t->eu_states + 1))
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "yes + no + abstain = %llu with the EU bloc: only %u Members other "
                            "than the EU and its %u member States can vote; member-State votes "
                            "with the bloc would exceed %u (Art. IX:1 fn 2)",
                            (unsigned long long)ballots, t->members - (t->eu_states + 1),
                            t->eu_states, t->eu_states);
    if (ballots + 1 > t->present)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "yes + no + abstain = %llu plus the EU bloc exceeds present = %u",
                            (unsigned long long)ballots, t->present);
    return WV_OK;
}

static wv_status check_period(const ctx *c, wv_error *err)
{
    const wv_procedure *p = c->p;
    uint32_t set = c->t->consensus_period_days;
    if (set == 0)
        return WV_OK;
    if (p->period == WV_PERIOD_NONE)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "consensus_period_days = %u: procedure '%s' has no consensus period",
                            set, p->id);
    if (p->period == WV_PERIOD_AT_MOST && set > p->period_days)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "consensus_period_days = %u exceeds the %u days of %s", set,
                            p->period_days, p->period_cite);
    if (p->period == WV_PERIOD_AT_LEAST && set < p->period_days)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "consensus_period_days = %u is shorter than the %u days of %s", set,
                            p->period_days, p->period_cite);
    return WV_OK;
}

static wv_status check_counts(const ctx *c, wv_error *err)
{
    const wv_tally *t = c->t;
    uint64_t ballots = (uint64_t)t->yes + t->no + t->abstain;
    if (t->members == 0)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "members = 0: a body without Members (or parties) decides nothing");
    if (t->present > t->members)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE, "present = %u exceeds members = %u",
                            t->present, t->members);
    if (t->objections > t->present)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "objections = %u exceeds present = %u (only Members present "
                            "object, Art. IX:1 fn 1)", t->objections, t->present);
    if (t->acceptances > t->members)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE, "acceptances = %u exceeds members = %u",
                            t->acceptances, t->members);
    wv_status st = check_bloc(c, ballots, err);
    if (st != WV_OK)
        return st;
    if (t->eu_bloc == WV_CHOICE_NONE && ballots > t->present)
        return wv_error_set(err, WV_ERR_IMPOSSIBLE,
                            "yes + no + abstain = %llu exceeds present = %u",
                            (unsigned long long)ballots, t->present);
    return check_period(c, err);
}

static void fold_bloc(ctx *c)
{
    const wv_tally *t = c->t;
    wv_decision *d = c->d;
    d->yes = t->yes + (t->eu_bloc == WV_CHOICE_YES ? t->eu_states : 0);
    d->no = t->no + (t->eu_bloc == WV_CHOICE_NO ? t->eu_states : 0);
    d->abstain = t->abstain + (t->eu_bloc == WV_CHOICE_ABSTAIN ? t->eu_states : 0);
}

static void bloc_step(ctx *c)
{
    const wv_tally *t = c->t;
    const wv_decision *d = c->d;
    if (t->eu_bloc != WV_CHOICE_NONE)
        step(c, FN2, "EU bloc: %u %s votes for the EU and its %u member States (%u Members); "
                     "counted with the other Members: %u yes, %u no, %u abstaining",
             t->eu_states,
             t->eu_bloc == WV_CHOICE_YES ? "yes" : t->eu_bloc == WV_CHOICE_NO ? "no" : "abstaining",
             t->eu_states, t->eu_states + 1, d->yes, d->no, d->abstain);
}

/* present * qden > members * qnum: "more than" the fraction (default 1/2). */
static int quorum_met(ctx *c)
{
    const wv_tally *t = c->t;
    int ok = (uint64_t)t->present * c->qden > (uint64_t)t->members * c->qnum;
    if (c->explain) {
        uint32_t need = (uint32_t)((uint64_t)t->members * c->qnum / c->qden + 1);
        step(c, wv_procedure_quorum_citation(c->p), "quorum: more than %u/%u of the %u %s present, %u needed; "
                             "%u present: %s", c->qnum, c->qden, t->members, base_words(c),
             need, t->present, ok ? "met" : "not met, no decision");
    }
    return ok;
}

/* ---- acceptances over time (Art. X:2-X:4, X:7) ---- */
static wv_outcome decide_acceptance(ctx *c)
{
    const wv_procedure *p = c->p;
    const wv_tally *t = c->t;
    uint32_t need = wv_threshold_required(&p->threshold, t->members);
    int met = wv_threshold_met(&p->threshold, t->acceptances, t->members);
    c->d->required = need;
    c->d->has_required = 1;
    const char *res = met ? "in force" : t->deadline_passed ? "period over, rejected" : "pending";
    step(c, p->threshold.citation, "%s: %u of %u acceptances needed; %u deposited: %s",
         p->threshold.words, need, t->members, t->acceptances, res);
    if (met) {
        step(c, p->citation, "%s: adopted", p->effect);
        return finish(c, WV_OUTCOME_ADOPTED, WV_STAGE_ACCEPTANCE);
    }
    if (t->deadline_passed) {
        step(c, "Art. X:7", "acceptance period set by the MC is over with %u short: "
                            "not in force (the MC may set a new period)", need - t->acceptances);
        return finish(c, WV_OUTCOME_REJECTED, WV_STAGE_ACCEPTANCE);
    }
    return finish(c, WV_OUTCOME_PENDING, WV_STAGE_ACCEPTANCE);
}

/* ---- DSU reverse consensus ---- */
static wv_outcome decide_reverse(ctx *c)
{
    const wv_tally *t = c->t;
    if (c->t->vote_held)
        step(c, "DSU Art. 2.4", "the DSB does not vote: the ballots are not counted");
    if (t->objections > 0) {
        step(c, c->p->citation, "%u Member(s) present object to the negative decision: no "
                                "consensus not to act, the action is taken: adopted",
             t->objections);
        return finish(c, WV_OUTCOME_ADOPTED, WV_STAGE_CONSENSUS);
    }
    step(c, c->p->citation, "no Member present objects to the negative decision: the DSB "
                            "decided by consensus not to act: rejected");
    return finish(c, WV_OUTCOME_REJECTED, WV_STAGE_CONSENSUS);
}

/* ---- consensus only (IX:1 fn 1, fn 4, X:8, X:9, DSU 2.4, IX:5) ---- */
static wv_outcome decide_consensus_only(ctx *c, const char *why, const char *cite)
{
    const wv_tally *t = c->t;
    if (t->vote_held)
        step(c, cite, "%s: a vote cannot decide it, the ballots are not counted", why);
    if (t->objections == 0) {
        step(c, c->p->consensus_cite, "consensus: no %s present (%u) formally objects: adopted",
             base_word(c), t->present);
        return finish(c, WV_OUTCOME_ADOPTED, WV_STAGE_CONSENSUS);
    }
    step(c, cite, "%s: %u formal objection(s) by %s present: blocked", why, t->objections,
         base_words(c));
    return finish(c, WV_OUTCOME_BLOCKED, WV_STAGE_CONSENSUS);
}

static uint32_t period_of(const ctx *c)
{
    return c->t->consensus_period_days ? c->t->consensus_period_days : c->p->period_days;
}

/* WT/L/93 (the one reading since issue 14): a vote where consensus cannot
 * be reached, once the consensus period has run; a Member's request takes
 * effect then, never earlier, as a General Council decision cannot shorten
 * a period the Agreement sets (Art. IX:3(a)). With no period (accession,
 * XII:2) the request brings the vote at once. */
static int vote_permitted(const ctx *c)
{
    uint32_t period = period_of(c);
    return period == 0 || c->t->days_elapsed >= period;
}

static uint32_t base_value(const ctx *c, const wv_threshold *th)
{
    switch (th->base) {
    case WV_BASE_VOTES_CAST: return c->d->yes + c->d->no;
    case WV_BASE_PRESENT: return c->t->present;
    default: return c->t->members;
    }
}

static int limb(ctx *c, const wv_threshold *th, uint32_t *need, int last)
{
    uint32_t base = base_value(c, th);
    const wv_decision *d = c->d;
    int met = wv_threshold_met(th, d->yes, base);
    *need = wv_threshold_required(th, base);
    const char *res = last ? (met ? "adopted" : "rejected") : (met ? "met" : "not met");
    if (th->base == WV_BASE_VOTES_CAST)
        step(c, th->citation, "%s: %u of %u votes cast needed; %u yes, %u no, %u abstaining "
                              "(abstentions are not votes cast)%s: %s",
             th->words, *need, base, d->yes, d->no, d->abstain,
             th->strict && d->yes == d->no && base ? " (a tie is not a majority)" : "", res);
    else
        step(c, th->citation, "%s: %u of %u needed; %u yes: %s", th->words, *need, base,
             d->yes, res);
    return met;
}

/* Two-limb rows publish each limb in its own field (SPEC "Decision
 * procedure", step 10); `known` is 0 for a votes-cast limb before a vote. */
static void set_limb(ctx *c, const wv_threshold *th, uint32_t need, int known)
{
    wv_decision *d = c->d;
    d->two_limbs = 1;
    if (th->base == WV_BASE_VOTES_CAST) {
        d->required_of_votes_cast = known ? need : 0;
        d->votes_cast_known = known;
    } else {
        d->required_of_members = need;
    }
}

static wv_outcome decide_vote(ctx *c)
{
    const wv_procedure *p = c->p;
    bloc_step(c);
    if (c->t->eu_bloc != WV_CHOICE_NONE &&
        (p->threshold.base == WV_BASE_MEMBERS || p->limb.den))
        step(c, FN2, "with the EU bloc at most %u votes can be cast by %u Members; the base "
                     "stays all %u Members (the treaty's denominator)",
             c->t->members - 1, c->t->members, c->t->members);
    uint32_t need1 = 0, need2 = 0;
    int met = limb(c, &p->threshold, &need1, p->limb.den == 0);
    if (p->limb.den) {
        met = limb(c, &p->limb, &need2, 0) && met;
        set_limb(c, &p->threshold, need1, 1);
        set_limb(c, &p->limb, need2, 1);
        step(c, p->citation, "%s: %s", met ? "both limbs met" : "a limb not met",
             met ? "adopted" : "rejected");
    }
    c->d->required = need1 > need2 ? need1 : need2;
    c->d->has_required = 1;
    return finish(c, met ? WV_OUTCOME_ADOPTED : WV_OUTCOME_REJECTED, WV_STAGE_VOTE);
}

/* The words of a limb and its number before any vote ("a number once the
 * votes are cast" for a votes-cast base). */
static void limb_words(const ctx *c, const wv_threshold *th, char *buf, size_t size)
{
    if (th->base == WV_BASE_VOTES_CAST)
        snprintf(buf, size, "%s (a number once the votes are cast)", th->words);
    else
        snprintf(buf, size, "%s (%u of %u)", th->words,
                 wv_threshold_required(th, c->t->members), c->t->members);
}

/* Consensus failed and the vote is open but not yet held. */
static wv_outcome await_vote(ctx *c)
{
    const wv_procedure *p = c->p;
    const wv_threshold *th = &p->threshold;
    if (p->limb.den) {
        set_limb(c, th, 0, 0);
        set_limb(c, &p->limb, wv_threshold_required(&p->limb, c->t->members), 1);
        if (c->explain) {
            char a[120], b[120];
            limb_words(c, th, a, sizeof a);
            limb_words(c, &p->limb, b, sizeof b);
            step(c, th->citation, "no vote has yet been held; both limbs must be met: %s and "
                                  "%s: pending", a, b);
        }
    } else if (th->base != WV_BASE_VOTES_CAST) {
        c->d->required = wv_threshold_required(th, base_value(c, th));
        c->d->has_required = 1;
        step(c, th->citation, "no vote has yet been held: %s, %u of %u needed: pending",
             th->words, c->d->required, c->t->members);
    } else {
        step(c, th->citation, "no vote has yet been held: %s: pending", th->words);
    }
    return finish(c, WV_OUTCOME_PENDING, WV_STAGE_VOTE);
}

static wv_outcome period_running(ctx *c)
{
    uint32_t period = period_of(c);
    const wv_tally *t = c->t;
    if (t->vote_held)
        step(c, c->p->period_cite, "consensus period of %u days runs (day %u): a vote held "
                                   "before it ends does not decide, its ballots are not "
                                   "counted: pending", period, t->days_elapsed);
    else if (c->p->wtl93 && t->vote_requested)
        step(c, "WT/L/93; Art. IX:3(a)", "consensus period of %u days runs (day %u): the vote "
                                          "request takes effect when the period ends without "
                                          "consensus (WT/L/93 cannot shorten it); consensus may "
                                          "still adopt it before: pending", period,
             t->days_elapsed);
    else
        step(c, c->p->period_cite, "consensus period of %u days runs (day %u): no vote before "
                                   "it ends: pending", period, t->days_elapsed);
    return finish(c, WV_OUTCOME_PENDING, WV_STAGE_CONSENSUS);
}

/* ---- Art. IX:3(b), Council stage: recommend or report, never grant ---- */
static wv_outcome decide_council(ctx *c)
{
    const wv_tally *t = c->t;
    uint32_t period = period_of(c);
    if (t->vote_held)
        step(c, "Art. IX:3(b)", "the Council does not vote on a waiver: the ballots are not "
                                "counted");
    if (t->objections == 0) {
        step(c, c->p->consensus_cite, "consensus: no Member present (%u) formally objects",
             t->present);
        step(c, "Art. IX:3(b)", "the Council recommends the waiver to the Ministerial "
                                "Conference (a recommendation, not a grant): recommended");
        return finish(c, WV_OUTCOME_RECOMMENDED, WV_STAGE_CONSENSUS);
    }
    if (t->days_elapsed < period) {
        step(c, "Art. IX:3(b)", "%u formal objection(s); the Council's period of %u days runs "
                                "(day %u): pending", t->objections, period, t->days_elapsed);
        return finish(c, WV_OUTCOME_PENDING, WV_STAGE_CONSENSUS);
    }
    step(c, "Art. IX:3(b)", "%u formal objection(s) when the Council's period of %u days has "
                            "run (day %u): no recommendation; the Council reports to the "
                            "Ministerial Conference: reported", t->objections, period,
         t->days_elapsed);
    return finish(c, WV_OUTCOME_REPORTED, WV_STAGE_CONSENSUS);
}

static wv_outcome decide_item(ctx *c)
{
    const wv_procedure *p = c->p;
    const wv_tally *t = c->t;
    if (p->needs_terms && !t->waiver_terms_complete) {
        step(c, "Art. IX:4", "the decision does not state the exceptional circumstances, the "
                             "terms and conditions and the termination date: refused, rejected");
        return finish(c, WV_OUTCOME_REJECTED, WV_STAGE_CONSENSUS);
    }
    if (p->council)
        return decide_council(c);
    if (!p->allows_vote)
        return decide_consensus_only(c, "consensus only", p->conditions[0].citation);
    if (p->fn4 && t->transition_obligation)
        return decide_consensus_only(c, "unperformed transition-period obligation, consensus "
                                        "only", "Art. IX:3 fn 4");
    int requested = p->wtl93 && t->vote_requested;
    if (!t->vote_held && t->objections == 0 && !requested) {
        step(c, p->consensus_cite, "consensus: no %s present (%u) formally objects: adopted",
             base_word(c), t->present);
        return finish(c, WV_OUTCOME_ADOPTED, WV_STAGE_CONSENSUS);
    }
    if (t->objections == 0 && !requested)
        step(c, p->consensus_cite, "no %s present now formally objects, but a vote was held: "
                                   "the ballots decide if a vote was permitted", base_word(c));
    else
        step(c, requested ? "WT/L/93" : p->consensus_cite,
             "consensus not reached: %u formal objection(s)%s%s", t->objections,
             requested ? ", a Member requests a vote" : "", t->vote_held ? ", a vote was held" : "");
    if (!vote_permitted(c))
        return period_running(c);
    uint32_t period = period_of(c);
    if (period)
        step(c, p->period_cite, "consensus period of %u days over (day %u) without consensus: "
                                "a vote may be taken", period, t->days_elapsed);
    return t->vote_held ? decide_vote(c) : await_vote(c);
}

int wv_rules_vote_allowed(const wv_procedure *p, const wv_rules_config *cfg, const wv_tally *t)
{
    if (p == NULL || t == NULL || !p->allows_vote || p->acceptance || p->reverse)
        return 0;
    if (p->fn4 && t->transition_obligation)
        return 0;
    if (p->needs_terms && !t->waiver_terms_complete)
        return 0;
    if (t->objections == 0 && !(p->wtl93 && t->vote_requested) && !p->vote_direct)
        return 0;
    (void)cfg; /* one WT/L/93 reading */
    ctx c = {.p = p, .t = t};
    return vote_permitted(&c);
}

static wv_status read_config(ctx *c, const wv_rules_config *cfg, wv_error *err)
{
    c->qnum = 1;
    c->qden = 2;
    if (cfg == NULL)
        return WV_OK;
    c->explain = cfg->explain;
    if (cfg->vote_request < 0 || cfg->vote_request >= WV_VOTE_REQUEST_READINGS)
        return wv_error_set(err, WV_ERR_ARG, "vote_request = %d is not a reading (WT/L/93 "
                            "has one: the request takes effect when the period ends)",
                            cfg->vote_request);
    if (cfg->quorum_num == 0 && cfg->quorum_den == 0)
        return WV_OK;
    if (cfg->quorum_den == 0 || cfg->quorum_num >= cfg->quorum_den)
        return wv_error_set(err, WV_ERR_ARG, "quorum %u/%u is not a fraction below 1",
                            cfg->quorum_num, cfg->quorum_den);
    c->qnum = cfg->quorum_num;
    c->qden = cfg->quorum_den;
    return WV_OK;
}

wv_status wv_rules_decide(const wv_procedure *p, const wv_rules_config *cfg, const wv_tally *t,
                          wv_decision *out, wv_error *err)
{
    if (p == NULL || t == NULL || out == NULL)
        return wv_error_set(err, WV_ERR_ARG, "wv_rules_decide: NULL procedure, tally or output");
    out->outcome = WV_OUTCOME_NONE;
    out->stage = WV_STAGE_NONE;
    out->required = 0;
    out->has_required = 0;
    out->two_limbs = out->votes_cast_known = 0;
    out->required_of_votes_cast = out->required_of_members = 0;
    out->n_steps = 0;
    ctx c = {.p = p, .t = t, .d = out};
    wv_status st = read_config(&c, cfg, err);
    if (st == WV_OK)
        st = check_counts(&c, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "%s", p->id);
        return st;
    }
    fold_bloc(&c);
    if (p->acceptance) {
        decide_acceptance(&c);
        return WV_OK;
    }
    if (!quorum_met(&c)) {
        finish(&c, WV_OUTCOME_NO_QUORUM, t->vote_held ? WV_STAGE_VOTE : WV_STAGE_CONSENSUS);
        return WV_OK;
    }
    if (p->reverse)
        decide_reverse(&c);
    else
        decide_item(&c);
    return WV_OK;
}
