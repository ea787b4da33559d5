/* engine/sim: the training session's state, shared by train.c (the game),
 * train_debrief.c and train_record.c. */
#ifndef WV_TRAIN_INTERNAL_H
#define WV_TRAIN_INTERNAL_H

#include "wtovote/pb.h"
#include "sim/sim_play.h"

/* One step applied to the meeting, replayed into the signed record. */
typedef struct train_step {
    uint8_t chair;     /* 1: a chair event, 0: an act */
    uint8_t kind;      /* wv_chair_kind or wv_act_kind */
    uint8_t choice;
    uint8_t bloc;
    uint32_t member;   /* index in s->all (acts) */
    int64_t time;
    char text[256];    /* statement, or the motion's title (table / revise) */
} train_step;

typedef enum train_state {
    T_TABLED = 0,   /* chair: consensus not yet called */
    T_CONSENSUS,    /* consensus called: objections admissible */
    T_VOTING,       /* vote open */
    T_VOTE_CLOSED,  /* chair: decide next */
    T_DONE
} train_state;

struct wv_train {
    const wv_scenario *s;
    const wv_procedure *p;
    sim_play pl;
    wv_rng g;
    int me;            /* trainee's index in s->all, -1 for the chair */
    int32_t ambition;
    uint32_t revisions;
    int64_t now;
    train_state state;
    int decided;
    wv_decision decision;
    wv_tally final_tally;
    char prompt[64];
    train_step *steps;
    size_t n_steps, cap_steps;
    char *out;
    size_t out_len, out_cap;
    char *taken;       /* text returned by the last wv_train_take_output */
};

void train_say(struct wv_train *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
