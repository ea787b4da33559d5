/* engine/sim: one simulated run, played through the meeting state machine.
 * Shared by the Monte Carlo (montecarlo.c) and the training session. */
#ifndef WV_SIM_PLAY_H
#define WV_SIM_PLAY_H

#include "wtovote/pb.h"
#include "sim/sim_internal.h"
#include "wtovote/meeting.h"

/* What a Member did at the last meeting played (bits). */
enum { ACT_OBJ = 1, ACT_YES = 2, ACT_NO = 4, ACT_ABST = 8, ACT_ACC = 16, ACT_BLOC = 32 };

#define SIM_T0 INT64_C(1767225600) /* 2026-01-01T00:00:00Z: simulated meetings' day 0 */
#define SIM_DAY INT64_C(86400)

typedef struct sim_single {
    wv_outcome outcome;
    wv_stage stage;
    uint32_t objections;
    int vote_held;
    int has_margin;
    int32_t margin;    /* yes (or acceptances) - required */
    uint32_t days;     /* time to decision */
} sim_single;

typedef struct sim_approach_run {
    int success;
    uint32_t rounds;
    int32_t ambition;  /* per-mille delivered */
    uint32_t participants;
} sim_approach_run;

typedef struct sim_play {
    const wv_scenario *s;
    uint64_t seed;
    uint32_t n;
    int eu;              /* position of the EU in s->all[0..n), -1 */
    int bloc;            /* the EU may cast its bloc (all its member States of the
                            body's date are in the body) */
    int bloc_item;       /* ... and the current item's procedure allows it (not GATT 1947,
                            one vote per contracting party: XXV:3) */
    wv_meeting *mt;
    int32_t *tau;        /* highest ambition each Member accepts, per-mille */
    uint8_t *objector;   /* objects rather than votes no */
    uint8_t *present;
    uint8_t *act;        /* ACT_* bits */
    uint8_t *pivot;      /* 1 when the Member's act decided the outcome */
    uint32_t *day;       /* acceptance days */
    uint32_t *order;
    char **parties;
    /* messages for the wire layer (open, table) */
    Wtovote__V1__Meeting meeting;
    Wtovote__V1__Motion motion;
    Wtovote__V1__Waiver waiver;
    Wtovote__V1__CouncilReport report; /* waiver-annex1: the Council's report */
    uint8_t report_leaf[32];
    Wtovote__V1__ChairEvent ev;
    uint8_t ref[WV_MEETING_REF_BYTES]; /* ev.meeting_ref after the opening */
    char deadline[16];
    char proponent[16];
    int64_t decided_at;
} sim_play;

wv_status sim_play_init(sim_play *pl, const wv_scenario *s, uint64_t seed, wv_error *err);
void sim_play_free(sim_play *pl);
/* Draws run's dispositions (tau, objector) into pl. */
void sim_draw_dispositions(sim_play *pl, uint64_t run);
/* The proposal at ambition A decided at one meeting under procedure k. */
wv_status sim_play_single(sim_play *pl, uint64_t run, size_t k, int32_t ambition, sim_single *o,
                          wv_error *err);
wv_status sim_play_consensus(sim_play *pl, uint64_t run, sim_approach_run *o, wv_error *err);
wv_status sim_play_plurilateral(sim_play *pl, uint64_t run, sim_approach_run *o,
                                wv_error *err);

/* Bernoulli trial against a threshold on 32 bits (SIM_P_ONE = certain). */
static inline int sim_bern(wv_rng *g, uint64_t threshold)
{
    return (sim_rng_next(g) >> 32) < threshold;
}

/* The model's choices (SPEC.md, "The model"), one owner for the Monte
 * Carlo, the training session and a live room (room.c). */
static inline int sim_favours(const sim_play *pl, uint32_t i, int32_t ambition)
{
    return pl->tau[i] >= ambition;
}

/* Attendance is drawn afresh at each meeting. */
static inline int sim_attends(const sim_play *pl, wv_rng *g, uint32_t i)
{
    return sim_bern(g, pl->s->all[i].attend);
}

/* At a consensus call: a present objector that does not favour the text
 * objects (under reverse consensus: one that favours the action objects to
 * the negative decision, DSU 16.4 etc.). */
static inline int sim_objects(const sim_play *pl, uint32_t i, int32_t ambition, int reverse)
{
    int favour = sim_favours(pl, i, ambition);
    return pl->present[i] && pl->objector[i] && (reverse ? favour : !favour);
}

/* A ballot: abstain with the Member's probability, else yes iff it favours. */
static inline wv_choice sim_ballot(const sim_play *pl, wv_rng *g, uint32_t i, int32_t ambition)
{
    return sim_bern(g, pl->s->all[i].abstain) ? WV_CHOICE_ABSTAIN
           : sim_favours(pl, i, ambition)     ? WV_CHOICE_YES
                                              : WV_CHOICE_NO;
}

/* WT/L/93: consensus failed, the proponents press for a vote with
 * probability vote_request; the first Member present favouring the text
 * (other than `skip`, -1 for none) asks. -1: no request. */
int sim_vote_requester(const sim_play *pl, wv_rng *g, int32_t ambition, int skip);

/* Meeting helpers also used by the training session. */
wv_status sim_meeting_begin(sim_play *pl, const wv_procedure *p, int32_t ambition,
                            uint32_t n_parties, wv_error *err);
wv_status sim_meeting_act(sim_play *pl, uint32_t i, wv_act_kind kind, wv_choice choice,
                          int bloc, int64_t t, wv_error *err);
wv_status sim_meeting_chair(sim_play *pl, wv_chair_kind kind, int64_t t, wv_error *err);
wv_status sim_meeting_revise(sim_play *pl, int64_t t, wv_error *err);
/* The tally of item 1 as the rules would see it decided at time t. */
void sim_tally_of(const sim_play *pl, int64_t t, wv_tally *out);

#endif
