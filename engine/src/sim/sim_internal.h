/* engine/sim internals: the compiled scenario shared by the decoder, the
 * Monte Carlo and the training session. */
#ifndef WV_SIM_INTERNAL_H
#define WV_SIM_INTERNAL_H

#include <stdint.h>

#include "wtovote/pb.h"
#include "wtovote/sim.h"

#define SIM_MAX_PROCS 8
#define SIM_MAX_ANNOTATIONS 16
#define SIM_PERMILLE 1000
/* Probabilities as thresholds on 32 random bits: p * 2^32, 2^32 = certain. */
#define SIM_P_ONE (UINT64_C(1) << 32)

/* Behaviour fields, in the order of SPEC.md's table. */
enum {
    B_ATTEND, B_SUPPORT, B_SPREAD, B_OBJECT, B_ABSTAIN, B_JOIN, B_WEIGHT, B_ACCEPT_DAYS,
    B_COUNT
};

typedef struct sim_behaviour {
    double v[B_COUNT];
    unsigned set; /* bit i: field i given */
} sim_behaviour;

/* One Member of the full roster, compiled. */
typedef struct sim_member {
    uint32_t roster_index;  /* in the full roster */
    char code[16];
    char joined[16];
    uint64_t attend, object, abstain, join; /* thresholds on 32 bits */
    int32_t support, spread; /* per-mille */
    double weight;
    double accept_days;
    uint8_t proponent, is_eu, eu_state;
} sim_member;

struct wv_scenario {
    char name[64];
    char title[160];
    char subject[256];
    const wv_roster *full;  /* borrowed */
    uint32_t n_all;
    sim_member *all;        /* in order of joining, then code */
    uint32_t n;             /* active Members: all[0..n) */
    wv_roster *active;      /* roster of the active Members (owned) */
    uint32_t eu_states_due; /* EU member States on the date of the active body
                               (in it or not): the bloc needs them all */
    uint32_t *active_index; /* all[i] -> index in `active` */
    uint32_t *by_active;    /* index in `active` -> i in all[] */
    /* proposal */
    int32_t ambition, floor;
    size_t n_procs;
    const wv_procedure *procs[SIM_MAX_PROCS];
    uint32_t consensus_period_days;
    int transition_obligation;
    int eu_bloc;
    uint64_t vote_request;
    uint32_t acceptance_days;
    /* negotiation */
    const wv_procedure *negotiation;
    uint32_t max_rounds, months_per_round;
    int32_t concession;
    /* plurilateral */
    uint32_t cm_participants;
    double cm_share;
    /* chart */
    size_t n_annotations;
    wv_sim_annotation annotations[SIM_MAX_ANNOTATIONS];
    uint32_t sweep_from, sweep_to, sweep_step;
};

/* The generator's step, inlined in the hot loops (rng.c documents it). */
static inline uint64_t sim_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline uint64_t sim_rng_next(wv_rng *g)
{
    g->ctr++;
    return sim_mix64(g->key + g->ctr * 0x9E3779B97F4A7C15ull);
}

#endif
