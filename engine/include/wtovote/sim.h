/* engine/sim: training simulations. Voting power indices, scenario files,
 * Monte Carlo over meetings and a negotiation model. Every decision goes
 * through engine/rules (wv_rules_decide) and the meeting state machine;
 * this module holds no threshold of its own. Statistics use floating point,
 * decisions never do. Normative description: SPEC.md, "Simulations". */
#ifndef WTOVOTE_SIM_H
#define WTOVOTE_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/roster.h"
#include "wtovote/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ power */

/* Power of one player of a class (all players of a class are symmetric). */
typedef struct wv_power_value {
    long double swings; /* coalitions of the others that the player turns from
                           losing to winning (exact integer below 2^64) */
    double banzhaf;     /* normalised Banzhaf: swings / swings of all players */
    double banzhaf_abs; /* absolute Banzhaf: swings / 2^(n-1) */
    double shapley;     /* Shapley-Shubik: share of orderings where pivotal */
} wv_power_value;

/* Winning test of a game given m[k] players of class k in the coalition:
 * sets *win to 0 or 1; returns WV_OK or an error. */
typedef wv_status (*wv_game_win_fn)(void *ctx, const uint32_t *m, int *win, wv_error *err);

/* Exact indices of a simple game whose players fall into n_classes classes of
 * counts[k] interchangeable players. Enumerates the product of 0..counts[k]
 * (at most WV_POWER_MAX_STATES states); binomials in long double (SPEC.md
 * states the error bound). out[k] is the value of one player of class k. */
#define WV_POWER_MAX_CLASSES 8
#define WV_POWER_MAX_STATES 4000000u
WV_EXPORT wv_status wv_power_game(size_t n_classes, const uint32_t *counts, wv_game_win_fn win,
                                  void *ctx, wv_power_value *out, wv_error *err) WV_WARN_UNUSED;

/* Weighted majority game [quota; w_1..w_n]: a coalition wins iff its weight
 * >= quota. Players of equal weight are grouped. out[i] per player. */
WV_EXPORT wv_status wv_power_weighted(size_t n, const uint32_t *weights, uint64_t quota,
                                      wv_power_value *out, wv_error *err) WV_WARN_UNUSED;

/* A procedure's vote rule as a game over the roster's Members, every Member
 * present and voting yes or no (or, for acceptance procedures, accepting or
 * not; for reverse consensus, objecting to the negative decision or not).
 * Winning = wv_rules_decide says WV_OUTCOME_ADOPTED. Without the EU bloc the
 * member States vote individually and the EU casts no vote of its own (Art.
 * IX:1 fn 2: together never more than the number of the member States, as
 * the roster counts them: 27 today, 15 in 1995); with it, the EU casts that
 * many votes and its member States none. */
typedef enum wv_power_kind {
    WV_POWER_INDIVIDUAL = 0, /* a Member casting its own vote */
    WV_POWER_EU_BLOC = 1,    /* the EU casting its bloc (a vote per member State) */
    WV_POWER_SILENT = 2      /* no vote of its own (EU or represented State) */
} wv_power_kind;

typedef struct wv_power_row {
    wv_power_kind kind;
    char label[64];
    uint32_t players; /* Members in the row */
    uint32_t votes;   /* votes each casts */
    wv_power_value value;
} wv_power_row;

typedef struct wv_power_report {
    const wv_procedure *procedure;
    int eu_bloc;
    uint32_t members;      /* the base (Members in the roster) */
    uint32_t total_votes;  /* votes that can be cast */
    uint32_t min_winning;  /* fewest yes votes that can adopt; 0 if none */
    int monotone;          /* 1 when more yes never loses */
    size_t n_rows;
    wv_power_row rows[3];
    uint8_t member_row[WV_MAX_MEMBERS]; /* row of each roster Member */
} wv_power_report;

WV_EXPORT wv_status wv_power_procedure(const wv_procedure *p, const wv_rules_config *cfg,
                                       const wv_roster *roster, int eu_bloc,
                                       wv_power_report *out, wv_error *err) WV_WARN_UNUSED;

/* ------------------------------------------------------------ RNG */

/* Counter-based generator: output i of stream (seed, run, stream) is
 * mix64(key + i * golden), key = mix64(seed ^ mix64(run, stream)); see SPEC. */
typedef struct wv_rng {
    uint64_t key;
    uint64_t ctr;
} wv_rng;
WV_EXPORT void wv_rng_init(wv_rng *g, uint64_t seed, uint64_t run, uint32_t stream);
WV_EXPORT uint64_t wv_rng_next(wv_rng *g);
WV_EXPORT double wv_rng_uniform(wv_rng *g); /* [0, 1), 53 bits */

/* ------------------------------------------------------------ scenarios */

typedef struct wv_scenario wv_scenario; /* opaque, compiled against a roster */

/* Decodes scenario JSON (SPEC.md, "Scenario files") and compiles it against
 * the roster (every Member code must be in it). WV_ERR_SCENARIO names the
 * field and the cause. */
WV_EXPORT wv_status wv_scenario_parse(const char *json, size_t len, const wv_roster *roster,
                                      wv_scenario **out, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_scenario_free(wv_scenario *s);

/* Embedded scenarios: names and JSON text. */
WV_EXPORT size_t wv_scenario_builtin_count(void);
WV_EXPORT const char *wv_scenario_builtin_name(size_t i);
WV_EXPORT const char *wv_scenario_builtin_title(size_t i);
WV_EXPORT const char *wv_scenario_builtin_json(const char *name); /* NULL if unknown */

WV_EXPORT const char *wv_scenario_name(const wv_scenario *s);
WV_EXPORT const char *wv_scenario_title(const wv_scenario *s);
WV_EXPORT const char *wv_scenario_subject(const wv_scenario *s);
WV_EXPORT uint32_t wv_scenario_members(const wv_scenario *s); /* Members taking part */
/* Restricts the scenario to the first n Members in order of joining (then
 * code); n between 2 and the roster size. */
WV_EXPORT wv_status wv_scenario_set_members(wv_scenario *s, uint32_t n,
                                            wv_error *err) WV_WARN_UNUSED;
WV_EXPORT size_t wv_scenario_procedure_count(const wv_scenario *s);
WV_EXPORT const wv_procedure *wv_scenario_procedure(const wv_scenario *s, size_t i);
/* Historical figures carried by the scenario (for the sweep chart). */
typedef struct wv_sim_annotation {
    char label[96];
    uint32_t members;
    double years;        /* < 0 when not given */
    int plurilateral;    /* 1: a plurilateral, 0: a round among all */
} wv_sim_annotation;
WV_EXPORT size_t wv_scenario_annotation_count(const wv_scenario *s);
WV_EXPORT const wv_sim_annotation *wv_scenario_annotation(const wv_scenario *s, size_t i);
/* Default sweep (from, to, step) if the scenario names one; 0 otherwise. */
WV_EXPORT int wv_scenario_default_sweep(const wv_scenario *s, uint32_t *from, uint32_t *to,
                                        uint32_t *step);
/* Roster code of the scenario's i-th Member (0 <= i < members). */
WV_EXPORT const char *wv_scenario_member_code(const wv_scenario *s, uint32_t i);

/* ------------------------------------------------------------ Monte Carlo */

typedef void (*wv_sim_progress_fn)(void *ctx, uint64_t done, uint64_t total);

typedef struct wv_sim_options {
    uint64_t runs;  /* 0: 10000 */
    uint64_t seed;
    unsigned jobs;  /* worker threads, 0 or 1: one */
    int negotiation; /* also run the negotiation model (default on via CLI) */
    wv_sim_progress_fn progress; /* called from the calling thread, or NULL */
    void *progress_ctx;
} wv_sim_options;

/* One procedure decided at a single meeting on the proposal as tabled. */
typedef struct wv_sim_proc_stats {
    const wv_procedure *procedure;
    uint64_t runs;
    uint64_t outcome[8];      /* by wv_outcome (IX:3(b) Council outcomes included) */
    uint64_t stage[4];        /* by wv_stage */
    uint64_t votes_held;
    uint64_t *objections;     /* [members + 1]: objections at the consensus call */
    uint64_t *margin;         /* [2 * members + 1]: yes - required + members,
                                 when a vote or acceptance count decided */
    uint64_t *pivotal;        /* [members]: runs where the Member's act decided */
    uint64_t decided;         /* runs with a final outcome (not pending) */
    uint64_t days_sum;        /* time to decision, over decided runs */
    uint64_t *days;           /* [WV_SIM_DAY_BINS]: histogram in 30-day bins */
} wv_sim_proc_stats;
#define WV_SIM_DAY_BINS 64

/* The negotiation model (SPEC.md): consensus-seeking rounds lowering the
 * ambition versus an open plurilateral with a critical mass. Ambition in
 * per-mille (1000 = the proposal as tabled). */
typedef struct wv_sim_approach {
    char name[32];            /* "consensus" or "plurilateral" */
    uint64_t runs;
    uint64_t success;
    uint64_t rounds_sum;      /* rounds until agreement or failure */
    uint64_t rounds_success_sum;
    uint64_t ambition_sum;    /* delivered ambition, 0 when failed */
    uint64_t participants_sum; /* Members bound (all / participants) on success */
    uint64_t *rounds;         /* [max_rounds + 1] histogram */
} wv_sim_approach;

typedef struct wv_sim_result {
    uint32_t members;
    uint64_t runs;
    uint64_t seed;
    size_t n_procedures;
    wv_sim_proc_stats *procedures;
    size_t n_approaches;
    wv_sim_approach approaches[2];
    uint32_t max_rounds;
    uint32_t months_per_round;
} wv_sim_result;

WV_EXPORT wv_status wv_sim_run(const wv_scenario *s, const wv_sim_options *opt, wv_sim_result **out,
                               wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_sim_result_free(wv_sim_result *r);

/* Wilson score interval at 95% (z = 1.959964) for k successes in n. */
WV_EXPORT void wv_sim_wilson(uint64_t k, uint64_t n, double *lo, double *hi);
/* Smallest x with cumulative count >= q * total in hist[0..n) (quantile). */
WV_EXPORT size_t wv_sim_quantile(const uint64_t *hist, size_t n, double q);

/* A sweep over membership sizes from..to step: one result per size (the
 * data only; the CLI writes the CSV and draws the chart). */
typedef struct wv_sim_sweep_point {
    uint32_t members;
    double consensus_p;     /* negotiation: consensus approach succeeded */
    double consensus_lo, consensus_hi;
    double rounds;          /* mean rounds of the consensus approach */
    double ambition;        /* mean ambition delivered (0..1) by consensus */
    double years;           /* mean time to consensus when reached; < 0: never */
    double pluri_p;         /* plurilateral reached critical mass */
    double pluri_participation; /* mean share of Members joining */
    double first_proc_p;    /* first procedure adopted at one meeting */
} wv_sim_sweep_point;

WV_EXPORT wv_status wv_sim_sweep(wv_scenario *s, uint32_t from, uint32_t to, uint32_t step,
                                 const wv_sim_options *opt, wv_sim_sweep_point **points,
                                 size_t *n_points, wv_error *err) WV_WARN_UNUSED;

/* ------------------------------------------------------------ training */

/* An interactive training meeting (SPEC.md, "Training sessions"): the
 * trainee plays one delegation (a Member code) or "chair"; the model plays
 * everyone else. Line-based: the caller feeds lines and prints the text the
 * session produces. Every step goes through the meeting state machine. */
typedef struct wv_train wv_train;

WV_EXPORT wv_status wv_train_new(const wv_scenario *s, const char *as, size_t procedure,
                                 uint64_t seed,
                                 wv_train **out, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_train_free(wv_train *t);
/* Text produced since the last call (owned by the session, valid until the
 * next call that changes the session), and clears it. */
WV_EXPORT const char *wv_train_take_output(wv_train *t);
WV_EXPORT const char *wv_train_prompt(const wv_train *t); /* "delegation USA> " */
WV_EXPORT int wv_train_finished(const wv_train *t);
/* One line of input. WV_OK (the session's answer is in the output, a
 * refused act included: the state machine's reason is shown); WV_ERR_ARG
 * for an unknown command (message says which commands exist). */
WV_EXPORT wv_status wv_train_input(wv_train *t, const char *line, wv_error *err) WV_WARN_UNUSED;
/* The debrief: what happened, which rule decided it (with citations), what
 * would have changed the outcome. malloc'd text. */
WV_EXPORT wv_status wv_train_debrief(const wv_train *t, char **out, wv_error *err) WV_WARN_UNUSED;
/* Writes the session as a signed record (the same format as real meetings;
 * `wtovote verify DIR` accepts it): fresh keys for the Secretariat and every
 * delegation, the roster signed, every step sealed and appended. */
WV_EXPORT wv_status wv_train_write_record(const wv_train *t, const char *dir,
                                          wv_error *err) WV_WARN_UNUSED;

/* ------------------------------------------------------------ live rooms */

/* The model's delegations in a live meeting (`wtovote serve --demo`): the
 * dispositions and choices of "The model" (SPEC.md), drawn as the training
 * session draws them (run 0 of the seed, its own stream), asked one Member
 * at a time so that a server can play every delegation no person has
 * taken. Members are the scenario's (wv_scenario_member_code index). */
typedef struct wv_sim_room wv_sim_room;

/* The room decides the scenario's procedure number `procedure`. */
WV_EXPORT wv_status wv_sim_room_new(const wv_scenario *s, size_t procedure, uint64_t seed,
                                    wv_sim_room **out, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_sim_room_free(wv_sim_room *r);
/* A person plays Member i from now on: the model no longer asks a vote of
 * it (its other choices are simply not asked for). */
WV_EXPORT void wv_sim_room_release(wv_sim_room *r, uint32_t i);
/* Draws whether Member i attends (once per Member) and records it. */
WV_EXPORT int wv_sim_room_attends(wv_sim_room *r, uint32_t i);
/* Records presence as the meeting has it (Members the model does not play). */
WV_EXPORT void wv_sim_room_set_present(wv_sim_room *r, uint32_t i, int present);
/* Member i, present, objects at the consensus call (Art. IX:1 fn 1). */
WV_EXPORT int wv_sim_room_objects(const wv_sim_room *r, uint32_t i);
/* WT/L/93: consensus having failed, the Member the model has ask for a
 * vote (a draw), or -1 for none. */
WV_EXPORT int wv_sim_room_vote_requester(wv_sim_room *r);
/* Member i's ballot (a draw). WV_CHOICE_NONE when it casts none of its own:
 * the EU when its bloc is not allowed, an EU member State once `bloc_cast`
 * (Art. IX:1 fn 2). *bloc = 1 when the EU casts its bloc. */
WV_EXPORT wv_choice wv_sim_room_ballot(wv_sim_room *r, uint32_t i, int bloc_cast, int *bloc);
/* The EU's index among the scenario's Members, -1 when it is not one. */
WV_EXPORT int wv_sim_room_eu(const wv_sim_room *r);

#ifdef __cplusplus
}
#endif
#endif
