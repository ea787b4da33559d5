/* Internals of `wtovote serve --demo` (demo_room.c makes the room,
 * demo.c plays it). */
#ifndef WV_DEMO_INTERNAL_H
#define WV_DEMO_INTERNAL_H

#include <pthread.h>

#include "srv_internal.h"
#include "wtovote/roster.h"
#include "wtovote/sim.h"

#define DEMO_SCENARIO "trips-waiver"
#define DEMO_PROCEDURE "waiver" /* Art. IX:3(a) */
#define DEMO_ITEM 1

/* Where the automated chair is. */
typedef enum demo_phase {
    PH_SEATING,    /* waiting for browser delegations to take seats */
    PH_ATTENDING,  /* the model's delegations take theirs */
    PH_CONSENSUS,  /* consensus called */
    PH_VOTING,     /* vote open */
    PH_DECIDED,    /* decided; the meeting closes next */
    PH_DONE
} demo_phase;

/* What the meeting says now, read under rec_mu once per tick. */
typedef struct demo_snapshot {
    int closed;
    wv_item_stage stage;
    uint32_t objections, vote_requests;
    wv_choice eu_bloc;
    uint8_t *present; /* per scenario Member */
    uint8_t *voted;
} demo_snapshot;

struct wv_demo {
    wv_demo_config cfg;
    char record[4200];
    char meeting_id[64];
    wv_roster *roster;
    wv_scenario *scenario;
    wv_sim_room *room;
    wv_secret_key *sec;
    wv_secret_key **keys;  /* per scenario Member */
    uint32_t n;
    uint32_t *roster_index; /* scenario Member -> roster index */
    uint8_t *human;         /* the seat is a browser delegation's */
    uint8_t *requested;     /* a browser delegation asked for a vote */
    demo_snapshot snap;

    wv_srv *srv;
    pthread_t thread;
    int started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int quit;

    /* the player's progress (demo.c) */
    uint64_t scanned;       /* log entries read for enrolments and requests */
    demo_phase phase;
    int64_t step_at;        /* when the phase began */
    int attend_go;
    uint32_t attend_next, object_next, ballot_next;
    int request_done, bloc_cast;
};

void demo_say(const wv_demo *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Scenario index of a Member code, -1 when it is not one. */
int demo_member(const wv_demo *d, const char *code);

#endif
