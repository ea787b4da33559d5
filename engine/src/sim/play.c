/* One simulated run (SPEC.md, "Simulations: the model"). Members' acts are
 * fed to the meeting state machine's fast core; every outcome comes from
 * wv_meeting_decide, i.e. from engine/rules. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_play.h"
#include "wtovote/util.h"

enum { STREAM_DISPOSITION = 0, STREAM_SINGLE = 1, STREAM_PLURI = 99, STREAM_ROUND = 100 };

wv_status sim_play_init(sim_play *pl, const wv_scenario *s, uint64_t seed, wv_error *err)
{
    memset(pl, 0, sizeof *pl);
    pl->s = s;
    pl->seed = seed;
    pl->n = s->n;
    pl->eu = -1;
    uint32_t states = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        if (s->all[i].is_eu)
            pl->eu = (int)i;
        states += s->all[i].eu_state;
    }
    /* Art. IX:1 fn 2: the bloc casts a vote for each member State on the
     * body's date; in a body without all of them (a sweep's first n
     * Members) the States vote alone. */
    pl->bloc = s->eu_bloc && pl->eu >= 0 && states > 0 && states == s->eu_states_due;
    size_t n = s->n;
    pl->tau = calloc(n, sizeof *pl->tau);
    pl->objector = calloc(n, 1);
    pl->present = calloc(n, 1);
    pl->act = calloc(n, 1);
    pl->pivot = calloc(n, 1);
    pl->day = calloc(n, sizeof *pl->day);
    pl->order = calloc(n, sizeof *pl->order);
    pl->parties = calloc(n, sizeof *pl->parties);
    wv_rules_config cfg = {0};
    cfg.explain = 0;
    if (!pl->tau || !pl->objector || !pl->present || !pl->act || !pl->pivot || !pl->day ||
        !pl->order || !pl->parties) {
        sim_play_free(pl);
        return wv_error_set(err, WV_ERR_NOMEM, "simulate: out of memory");
    }
    wv_status st = wv_meeting_new(s->active, &cfg, &pl->mt, err);
    if (st != WV_OK)
        sim_play_free(pl);
    return st;
}

void sim_play_free(sim_play *pl)
{
    wv_meeting_free(pl->mt);
    free(pl->tau);
    free(pl->objector);
    free(pl->present);
    free(pl->act);
    free(pl->pivot);
    free(pl->day);
    free(pl->order);
    free(pl->parties);
    memset(pl, 0, sizeof *pl);
}

void sim_draw_dispositions(sim_play *pl, uint64_t run)
{
    wv_rng g;
    wv_rng_init(&g, pl->seed, run, STREAM_DISPOSITION);
    for (uint32_t i = 0; i < pl->n; i++) {
        const sim_member *m = &pl->s->all[i];
        /* tau uniform on the integers support - spread .. support + spread */
        /* one output: high 32 bits for the ceiling, low 32 for the flag */
        uint64_t x = sim_rng_next(&g), width = 2 * (uint64_t)m->spread + 1;
        int64_t t = m->support - m->spread + (int64_t)(((x >> 32) * width) >> 32);
        pl->tau[i] = (int32_t)(t < 0 ? 0 : t > SIM_PERMILLE ? SIM_PERMILLE : t);
        pl->objector[i] = (uint8_t)((x & 0xffffffffu) < m->object);
    }
}

/* ------------------------------------------------------------ meeting I/O */

static wv_status meeting_error(wv_status st, const wv_error *inner, wv_error *err)
{
    if (err != NULL && inner != NULL && err != inner)
        *err = *inner;
    if (st == WV_ERR_INADMISSIBLE)
        wv_error_prefix(err, "simulate: the meeting refused a simulated step");
    return st;
}

wv_status sim_meeting_act(sim_play *pl, uint32_t i, wv_act_kind kind, wv_choice choice,
                          int bloc, int64_t t, wv_error *err)
{
    uint32_t item = kind == WV_ACT_ATTEND ? 0 : 1;
    wv_status st = wv_meeting_act(pl->mt, pl->s->active_index[i], kind, item, choice, bloc, t,
                                  NULL, NULL);
    if (st == WV_OK)
        return WV_OK;
    /* A refused act leaves the meeting unchanged: ask again for the reason. */
    wv_error e = {0};
    st = wv_meeting_act(pl->mt, pl->s->active_index[i], kind, item, choice, bloc, t, NULL, &e);
    return meeting_error(st, &e, err);
}

wv_status sim_meeting_chair(sim_play *pl, wv_chair_kind kind, int64_t t, wv_error *err)
{
    wv_error e;
    wv_status st = wv_meeting_chair(pl->mt, kind, kind == WV_CHAIR_MEETING_CLOSE ? 0 : 1, t,
                                    NULL, &e);
    return st == WV_OK ? WV_OK : meeting_error(st, &e, err);
}

static wv_status apply_event(sim_play *pl, wv_chair_kind kind, int64_t t, wv_error *err)
{
    wtovote__v1__chair_event__init(&pl->ev);
    pl->ev.version = 1;
    pl->ev.meeting_id = "sim";
    pl->ev.kind = (Wtovote__V1__ChairKind)kind;
    pl->ev.time = t;
    if (kind == WV_CHAIR_MEETING_OPEN) {
        pl->ev.meeting = &pl->meeting;
    } else {
        pl->ev.item = 1;
        pl->ev.motion = &pl->motion;
        (void)wv_meeting_ref(pl->mt, pl->ref); /* the opening's, applied just before */
        pl->ev.meeting_ref.data = pl->ref;
        pl->ev.meeting_ref.len = sizeof pl->ref;
    }
    wv_error e;
    wv_status st = wv_meeting_apply_chair(pl->mt, &pl->ev, NULL, &e);
    if (st != WV_OK) {
        meeting_error(st, &e, err);
        if (err != NULL)
            err->code = WV_ERR_SCENARIO;
        return WV_ERR_SCENARIO;
    }
    return WV_OK;
}

/* Opens a meeting and tables the proposal (item 1) under p. */
wv_status sim_meeting_begin(sim_play *pl, const wv_procedure *p, int32_t ambition,
                            uint32_t n_parties, wv_error *err)
{
    const wv_scenario *s = pl->s;
    pl->bloc_item = pl->bloc && !wv_procedure_is_gatt1947(p);
    wv_meeting_reset(pl->mt);
    wtovote__v1__meeting__init(&pl->meeting);
    pl->meeting.id = "sim";
    /* a body competent for the procedure (Arts. IV, IX, X, XII; DSU 2.4) */
    pl->meeting.body = (char *)wv_procedure_home_body(p);
    pl->meeting.title = (char *)s->title;
    wv_status st = apply_event(pl, WV_CHAIR_MEETING_OPEN, SIM_T0, err);
    if (st != WV_OK)
        return st;
    (void)ambition;
    wtovote__v1__motion__init(&pl->motion);
    pl->motion.item = 1;
    pl->motion.title = (char *)s->subject;
    pl->motion.procedure = (char *)wv_procedure_id(p);
    if (wv_procedure_max_consensus_days(p) > 0)
        pl->motion.consensus_period_days = s->consensus_period_days;
    if (wv_procedure_needs_waiver_terms(p)) {
        /* IX:4: the decision states all three; the scenario is about the
         * vote, so the terms are taken as drafted. */
        wtovote__v1__waiver__init(&pl->waiver);
        pl->waiver.exceptional_circumstances = "as stated in the request (simulated)";
        pl->waiver.terms_and_conditions = "as drafted (simulated)";
        pl->waiver.termination_date = "2031-12-31";
        pl->waiver.transition_obligation = s->transition_obligation;
        pl->motion.waiver = &pl->waiver;
    }
    if (wv_procedure_needs_council_report(p)) {
        /* IX:3(b): decided on the report of the Council for the agreement;
         * the simulation starts after it (a report without consensus). */
        wtovote__v1__council_report__init(&pl->report);
        pl->report.meeting_id = "sim-council";
        pl->report.body = "trips-council";
        pl->report.item = 1;
        pl->report.outcome = WTOVOTE__V1__OUTCOME__OUTCOME_REPORTED;
        memset(pl->report_leaf, 0, sizeof pl->report_leaf);
        pl->report.decision_leaf.data = pl->report_leaf;
        pl->report.decision_leaf.len = sizeof pl->report_leaf;
        pl->motion.council_report = &pl->report;
    }
    if (wv_procedure_is_acceptance(p)) {
        wv_date_format(SIM_T0 + (int64_t)s->acceptance_days * SIM_DAY, pl->deadline,
                       sizeof pl->deadline);
        pl->motion.acceptance_deadline = pl->deadline;
    }
    if (wv_procedure_parties_only(p)) {
        pl->motion.n_parties = n_parties;
        pl->motion.parties = pl->parties;
    }
    return apply_event(pl, WV_CHAIR_MOTION_TABLE, SIM_T0, err);
}

/* A revised text of the same motion (CHAIR_MOTION_REVISE): objections,
 * requests and acceptances of the old text lapse. */
wv_status sim_meeting_revise(sim_play *pl, int64_t t, wv_error *err)
{
    return apply_event(pl, WV_CHAIR_MOTION_REVISE, t, err);
}

static uint32_t days_since_t0(int64_t t)
{
    return (uint32_t)((t - SIM_T0) / SIM_DAY);
}

/* Attendance (Art. IX:1 fn 1: only Members present object). */
static wv_status attend(sim_play *pl, wv_rng *g, wv_error *err)
{
    for (uint32_t i = 0; i < pl->n; i++) {
        pl->present[i] = (uint8_t)sim_attends(pl, g, i);
        if (pl->present[i]) {
            wv_status st = sim_meeting_act(pl, i, WV_ACT_ATTEND, WV_CHOICE_NONE, 0, SIM_T0, err);
            if (st != WV_OK)
                return st;
        }
    }
    return WV_OK;
}

/* ------------------------------------------------------------ pivots */

void sim_tally_of(const sim_play *pl, int64_t t, wv_tally *out)
{
    wv_item_info it;
    memset(out, 0, sizeof *out);
    if (wv_meeting_item_at(pl->mt, 0, &it) != 0)
        return;
    out->members = it.eligible;
    out->present = it.present;
    out->objections = it.objections;
    out->yes = it.yes;
    out->no = it.no;
    out->abstain = it.abstain;
    out->eu_bloc = it.eu_bloc;
    wv_meeting_info mi;
    wv_meeting_get_info(pl->mt, &mi);
    out->eu_states = mi.eu_states; /* the bloc's votes (IX:1 fn 2) */
    out->vote_requested = it.vote_requests > 0;
    out->vote_held = it.vote_closed;
    out->days_elapsed = (uint32_t)((t - it.tabled_at) / SIM_DAY);
    out->consensus_period_days = it.consensus_period_days;
    out->transition_obligation = it.transition_obligation;
    out->waiver_terms_complete = it.waiver_terms_complete;
    out->acceptances = it.acceptances;
    out->deadline_passed = it.acceptance_deadline != 0 && t >= it.acceptance_deadline;
}

static wv_outcome decide_counts(const wv_procedure *p, const wv_tally *t)
{
    wv_rules_config cfg = {0};
    wv_decision d;
    if (wv_rules_decide(p, &cfg, t, &d, NULL) != WV_OK)
        return WV_OUTCOME_NONE;
    return d.outcome;
}

/* Marks the Members whose act, changed alone, changes the outcome: the
 * counterfactual tallies are decided by engine/rules. */
static void find_pivots(sim_play *pl, const wv_procedure *p, wv_outcome actual)
{
    wv_tally t0, t;
    sim_tally_of(pl, pl->decided_at, &t0);
    memset(pl->pivot, 0, pl->n);
    struct { uint8_t bit; int dobj, dyes, dno, dacc; } flips[] = {
        {ACT_OBJ, -1, 0, 0, 0}, {ACT_YES, 0, -1, 1, 0}, {ACT_NO, 0, 1, -1, 0},
        {ACT_ACC, 0, 0, 0, -1}};
    for (size_t f = 0; f < sizeof flips / sizeof flips[0]; f++) {
        t = t0;
        if ((flips[f].dobj && t.objections == 0) || (flips[f].dyes < 0 && t.yes == 0) ||
            (flips[f].dno < 0 && t.no == 0) || (flips[f].dacc && t.acceptances == 0))
            continue;
        t.objections += (uint32_t)flips[f].dobj;
        t.yes += (uint32_t)flips[f].dyes;
        t.no += (uint32_t)flips[f].dno;
        t.acceptances += (uint32_t)flips[f].dacc;
        if (decide_counts(p, &t) == actual)
            continue;
        for (uint32_t i = 0; i < pl->n; i++)
            if ((pl->act[i] & flips[f].bit) && !(pl->act[i] & ACT_BLOC))
                pl->pivot[i] = 1;
    }
    if (t0.eu_bloc == WV_CHOICE_YES || t0.eu_bloc == WV_CHOICE_NO) {
        t = t0;
        t.eu_bloc = t0.eu_bloc == WV_CHOICE_YES ? WV_CHOICE_NO : WV_CHOICE_YES;
        if (decide_counts(p, &t) != actual && pl->eu >= 0)
            pl->pivot[pl->eu] = 1;
    }
}

/* ------------------------------------------------------------ one meeting */

static wv_status decide(sim_play *pl, int64_t t, wv_decision *d, wv_error *err)
{
    wv_error e;
    pl->decided_at = t;
    wv_status st = wv_meeting_decide(pl->mt, 1, t, d, NULL, &e);
    return st == WV_OK ? WV_OK : meeting_error(st, &e, err);
}

static wv_status ballots(sim_play *pl, wv_rng *g, int32_t ambition, int64_t t, wv_error *err)
{
    int bloc_cast = 0;
    /* The EU first: its bloc then excludes its member States' own ballots
     * (Art. IX:1 fn 2); without the bloc the EU casts no vote of its own. */
    if (pl->bloc_item && pl->present[pl->eu]) {
        wv_choice c = sim_ballot(pl, g, (uint32_t)pl->eu, ambition);
        wv_status st = sim_meeting_act(pl, (uint32_t)pl->eu, WV_ACT_VOTE, c, 1, t, err);
        if (st != WV_OK)
            return st;
        pl->act[pl->eu] |= ACT_BLOC | (c == WV_CHOICE_YES ? ACT_YES : c == WV_CHOICE_NO ? ACT_NO
                                                                                   : ACT_ABST);
        bloc_cast = 1;
    }
    for (uint32_t i = 0; i < pl->n; i++) {
        const sim_member *m = &pl->s->all[i];
        if (!pl->present[i] || m->is_eu || (bloc_cast && m->eu_state))
            continue;
        wv_choice c = sim_ballot(pl, g, i, ambition);
        wv_status st = sim_meeting_act(pl, i, WV_ACT_VOTE, c, 0, t, err);
        if (st != WV_OK)
            return st;
        pl->act[i] |= c == WV_CHOICE_YES ? ACT_YES : c == WV_CHOICE_NO ? ACT_NO : ACT_ABST;
    }
    return WV_OK;
}

int sim_vote_requester(const sim_play *pl, wv_rng *g, int32_t ambition, int skip)
{
    if (!sim_bern(g, pl->s->vote_request))
        return -1;
    for (uint32_t i = 0; i < pl->n; i++)
        if ((int)i != skip && pl->present[i] && sim_favours(pl, i, ambition))
            return (int)i;
    return -1;
}

/* Consensus failed: the proponents press for a vote (probability
 * vote_request) at the end of the consensus period (WT/L/93; Art. IX:3). */
static wv_status vote_stage(sim_play *pl, const wv_procedure *p, wv_rng *g, int32_t ambition,
                            wv_decision *d, sim_single *o, wv_error *err)
{
    const wv_scenario *s = pl->s;
    uint32_t period = s->consensus_period_days && wv_procedure_max_consensus_days(p)
                          ? s->consensus_period_days : wv_procedure_max_consensus_days(p);
    int64_t tv = SIM_T0 + (int64_t)period * SIM_DAY;
    int requester = sim_vote_requester(pl, g, ambition, -1);
    if (requester < 0)
        return decide(pl, SIM_T0, d, err);
    wv_status st = WV_OK;
    if (wv_procedure_vote_needs_request(p))
        st = sim_meeting_act(pl, (uint32_t)requester, WV_ACT_REQUEST_VOTE, WV_CHOICE_NONE, 0, tv,
                             err);
    if (st != WV_OK)
        return st;
    if (wv_meeting_chair(pl->mt, WV_CHAIR_VOTE_OPEN, 1, tv, NULL, NULL) != WV_OK)
        return decide(pl, tv, d, err); /* the rules allow no vote here */
    st = ballots(pl, g, ambition, tv, err);
    if (st == WV_OK)
        st = sim_meeting_chair(pl, WV_CHAIR_VOTE_CLOSE, tv, err);
    if (st == WV_OK)
        st = decide(pl, tv, d, err);
    o->vote_held = 1;
    return st;
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Art. X:7: acceptances deposited over time until the deadline. */
static wv_status acceptance_stage(sim_play *pl, wv_rng *g, int32_t ambition, wv_decision *d,
                                  sim_single *o, wv_error *err)
{
    const wv_scenario *s = pl->s;
    uint64_t keys[WV_MAX_MEMBERS];
    uint32_t k = 0;
    for (uint32_t i = 0; i < pl->n; i++) {
        double u = 1.0 - wv_rng_uniform(g); /* (0, 1] */
        double days = -s->all[i].accept_days * log(u);
        if (pl->tau[i] < ambition || !(days < (double)s->acceptance_days))
            continue;
        keys[k++] = ((uint64_t)days << 32) | i;
    }
    qsort(keys, k, sizeof keys[0], cmp_key);
    for (uint32_t j = 0; j < k; j++) {
        uint32_t i = (uint32_t)(keys[j] & 0xffffffffu);
        int64_t t = SIM_T0 + (int64_t)(keys[j] >> 32) * SIM_DAY;
        wv_status st = sim_meeting_act(pl, i, WV_ACT_ACCEPT, WV_CHOICE_NONE, 0, t, err);
        if (st != WV_OK)
            return st;
        pl->act[i] |= ACT_ACC;
    }
    wv_status st = decide(pl, SIM_T0 + ((int64_t)s->acceptance_days + 1) * SIM_DAY, d, err);
    if (st != WV_OK)
        return st;
    o->days = s->acceptance_days;
    if (d->outcome == WV_OUTCOME_ADOPTED && d->has_required && d->required >= 1 &&
        d->required <= k)
        o->days = (uint32_t)(keys[d->required - 1] >> 32);
    o->has_margin = d->has_required;
    o->margin = (int32_t)k - (int32_t)d->required;
    return WV_OK;
}

static wv_status consensus_stage(sim_play *pl, const wv_procedure *p, wv_rng *g,
                                 int32_t ambition, wv_decision *d, sim_single *o, wv_error *err)
{
    int reverse = wv_procedure_is_reverse_consensus(p);
    wv_status st = sim_meeting_chair(pl, WV_CHAIR_CONSENSUS_CALL, SIM_T0, err);
    for (uint32_t i = 0; i < pl->n && st == WV_OK; i++) {
        if (!sim_objects(pl, i, ambition, reverse))
            continue;
        st = sim_meeting_act(pl, i, WV_ACT_OBJECT, WV_CHOICE_NONE, 0, SIM_T0, err);
        pl->act[i] |= ACT_OBJ;
        o->objections++;
    }
    if (st != WV_OK)
        return st;
    /* No objection: consensus (or no quorum) now; the vote only follows a
     * failed consensus (Art. IX:1). */
    if (reverse || o->objections == 0 || !wv_procedure_allows_vote(p) ||
        pl->s->transition_obligation)
        return decide(pl, SIM_T0, d, err);
    return vote_stage(pl, p, g, ambition, d, o, err);
}

wv_status sim_play_single(sim_play *pl, uint64_t run, size_t k, int32_t ambition, sim_single *o,
                          wv_error *err)
{
    const wv_procedure *p = pl->s->procs[k];
    wv_rng g;
    wv_rng_init(&g, pl->seed, run, STREAM_SINGLE + (uint32_t)k);
    memset(o, 0, sizeof *o);
    memset(pl->act, 0, pl->n);
    wv_status st = sim_meeting_begin(pl, p, ambition, 0, err);
    if (st == WV_OK)
        st = attend(pl, &g, err);
    if (st != WV_OK)
        return st;
    wv_decision d;
    if (wv_procedure_is_acceptance(p))
        st = acceptance_stage(pl, &g, ambition, &d, o, err);
    else if (wv_procedure_has_consensus_phase(p))
        st = consensus_stage(pl, p, &g, ambition, &d, o, err);
    else
        st = vote_stage(pl, p, &g, ambition, &d, o, err);
    if (st != WV_OK)
        return st;
    o->outcome = d.outcome;
    o->stage = d.stage;
    if (d.stage == WV_STAGE_VOTE && d.has_required) {
        o->has_margin = 1;
        o->margin = (int32_t)d.yes - (int32_t)d.required;
    }
    if (o->vote_held || wv_procedure_is_acceptance(p))
        o->days = o->days ? o->days : days_since_t0(pl->decided_at);
    find_pivots(pl, p, d.outcome);
    return WV_OK;
}

/* ------------------------------------------------------------ negotiation */

/* One consensus round at ambition a: returns the outcome and the lowest
 * ceiling among the objectors present (the strongest objection). */
static wv_status round_at(sim_play *pl, uint64_t run, uint32_t r, int32_t a, wv_outcome *out,
                          int32_t *strongest, wv_error *err)
{
    wv_rng g;
    wv_rng_init(&g, pl->seed, run, STREAM_ROUND + r);
    memset(pl->act, 0, pl->n);
    wv_status st = sim_meeting_begin(pl, pl->s->negotiation, a, 0, err);
    if (st == WV_OK)
        st = attend(pl, &g, err);
    if (st == WV_OK)
        st = sim_meeting_chair(pl, WV_CHAIR_CONSENSUS_CALL, SIM_T0, err);
    *strongest = a;
    for (uint32_t i = 0; i < pl->n && st == WV_OK; i++) {
        if (!pl->present[i] || !pl->objector[i] || pl->tau[i] >= a)
            continue;
        st = sim_meeting_act(pl, i, WV_ACT_OBJECT, WV_CHOICE_NONE, 0, SIM_T0, err);
        if (pl->tau[i] < *strongest)
            *strongest = pl->tau[i];
    }
    wv_decision d;
    if (st == WV_OK)
        st = decide(pl, SIM_T0, &d, err);
    *out = st == WV_OK ? d.outcome : WV_OUTCOME_NONE;
    return st;
}

/* The chair revises the proposal round by round to meet the strongest
 * objection, conceding at most `concession` per round, until no Member
 * present objects or the ambition would fall below the floor. */
wv_status sim_play_consensus(sim_play *pl, uint64_t run, sim_approach_run *o, wv_error *err)
{
    const wv_scenario *s = pl->s;
    int32_t a = s->ambition;
    memset(o, 0, sizeof *o);
    for (uint32_t r = 1; r <= s->max_rounds; r++) {
        wv_outcome out;
        int32_t strongest;
        wv_status st = round_at(pl, run, r, a, &out, &strongest, err);
        if (st != WV_OK)
            return st;
        o->rounds = r;
        if (out == WV_OUTCOME_ADOPTED) {
            o->success = 1;
            o->ambition = a;
            o->participants = pl->n;
            return WV_OK;
        }
        int32_t next = a - s->concession > strongest ? a - s->concession : strongest;
        if (next < s->floor)
            return WV_OK;
        a = next;
    }
    return WV_OK;
}

/* An open plurilateral: the willing join at full ambition; it stands with
 * a critical mass, then its parties adopt it among themselves (IX:5). */
wv_status sim_play_plurilateral(sim_play *pl, uint64_t run, sim_approach_run *o, wv_error *err)
{
    const wv_scenario *s = pl->s;
    wv_rng g;
    wv_rng_init(&g, pl->seed, run, STREAM_PLURI);
    memset(o, 0, sizeof *o);
    o->rounds = 1;
    double wsum = 0, wall = 0;
    uint32_t count = 0;
    memset(pl->present, 0, pl->n);
    for (uint32_t i = 0; i < pl->n; i++) {
        const sim_member *m = &s->all[i];
        int joins = sim_bern(&g, m->join) && pl->tau[i] >= s->ambition;
        wall += m->weight;
        if (joins || m->proponent) {
            pl->present[i] = 1;
            wsum += m->weight;
            count++;
        }
    }
    uint32_t need = s->cm_participants > 0 ? s->cm_participants : 1;
    if (count < need || (s->cm_share > 0 && !(wall > 0 && wsum / wall >= s->cm_share)))
        return WV_OK;
    /* Parties sorted by code: the active roster is sorted by code. */
    const wv_procedure *p = wv_procedure_find("plurilateral");
    if (p == NULL)
        return wv_error_set(err, WV_ERR_INTERNAL, "simulate: no plurilateral procedure");
    uint32_t np = 0;
    for (uint32_t ri = 0; ri < pl->n; ri++)
        if (pl->present[s->by_active[ri]])
            pl->parties[np++] = (char *)s->all[s->by_active[ri]].code;
    wv_status st = sim_meeting_begin(pl, p, s->ambition, np, err);
    for (uint32_t i = 0; i < pl->n && st == WV_OK; i++)
        if (pl->present[i])
            st = sim_meeting_act(pl, i, WV_ACT_ATTEND, WV_CHOICE_NONE, 0, SIM_T0, err);
    if (st == WV_OK && wv_procedure_has_consensus_phase(p))
        st = sim_meeting_chair(pl, WV_CHAIR_CONSENSUS_CALL, SIM_T0, err);
    wv_decision d;
    if (st == WV_OK)
        st = decide(pl, SIM_T0, &d, err);
    if (st != WV_OK)
        return st;
    o->success = d.outcome == WV_OUTCOME_ADOPTED;
    o->ambition = o->success ? s->ambition : 0;
    o->participants = count;
    return WV_OK;
}
