/* engine/meeting private state, shared by the files of the module. Every
 * check is done before any field changes, so that a refusal leaves the state
 * exactly as it was (the fuzzer checks this with wv_meeting_digest). */
#ifndef WV_MEETING_INTERNAL_H
#define WV_MEETING_INTERNAL_H

#include <stdint.h>

#include "wtovote/pb.h"
#include "wtovote/meeting.h"

/* Per-Member, per-item flags (wv_item.pos[member]). */
enum {
    POS_PARTY = 1u << 0,     /* eligible: a party, or every Member */
    POS_OBJECTED = 1u << 1,  /* objection in force */
    POS_REQUESTED = 1u << 2, /* asked for a vote (WT/L/93) */
    POS_ACCEPTED = 1u << 3,  /* deposited an acceptance (Art. X:7) */
    POS_BALLOT_SHIFT = 4,    /* 2 bits: wv_choice of the ballot */
    POS_BALLOT_MASK = 3u << 4
};

#define WV_TITLE_MAX 1025u /* WV_MAX_STRING_BYTES + NUL */
#define WV_ID_MAX 65u      /* WV_MAX_ID_BYTES + NUL */
#define WV_CODE_MAX 9u

typedef struct wv_item {
    uint32_t number;
    const wv_procedure *proc;
    wv_item_stage stage;
    int64_t tabled_at;
    uint32_t period_days;      /* as tabled; 0 = the rule's maximum */
    int transition;            /* IX:3 fn 4 */
    int terms_complete;        /* IX:4 */
    int64_t deadline_end;      /* first instant after the acceptance period */
    int parties_only;
    uint32_t eligible;         /* parties, or all Members */
    uint32_t objected;         /* POS_OBJECTED flags set (present or not) */
    uint32_t requests;
    uint32_t yes, no, abstain; /* individual ballots */
    uint32_t eu_state_ballots; /* ballots by EU member States */
    wv_choice eu_bloc;
    uint32_t acceptances;
    int has_decision;
    wv_decision decision;      /* the last one declared */
    /* When what an act acts on ended, for WV_REFUSE_STALE (0: not yet). */
    int64_t consensus_ended_at; /* vote opened or final decision */
    int64_t vote_closed_at;
    int64_t decided_at;         /* final decision */
    uint8_t *pos;              /* n_members flags */
    char title[WV_TITLE_MAX];
    char proponent[WV_CODE_MAX];
    /* waiver-annex1 (IX:3(b)): the Council report cited by the Motion */
    char report_meeting[WV_ID_MAX];
    char report_body[WV_ID_MAX];
    uint32_t report_item;
    wv_outcome report_outcome;
} wv_item;

struct wv_meeting {
    const wv_roster *roster;
    wv_rules_config cfg;       /* as given to wv_meeting_new */
    uint8_t fingerprint[32];   /* of the roster */
    uint32_t n_members;
    int eu;                    /* roster index of the EU, -1 if none */
    uint8_t *eu_state;         /* 1 for the EU's member States */
    const char **codes;        /* Member codes by index (borrowed from the
                                  roster), so naming a Member in a refusal
                                  costs nothing on the simulator's path */
    uint32_t n_eu_states;
    /* state (reset by wv_meeting_reset) */
    int opened, closed;
    uint8_t ref[WV_MEETING_REF_BYTES]; /* of the opening (wv_meeting_ref_of) */
    char id[WV_ID_MAX];
    char body[WV_TITLE_MAX];
    char title[WV_TITLE_MAX];
    uint32_t quorum_num, quorum_den;
    int vote_request;          /* WT/L/93 reading of the signed Meeting */
    int64_t opened_at, closed_at;
    int64_t last_time;         /* the meeting clock: the last chair event's time */
    uint32_t skew;             /* seconds an act may be ahead (Meeting field 12) */
    int64_t max_act_time;      /* latest time of an admitted act ... */
    uint32_t max_act_member;   /* ... and its Member (for messages) */
    int has_act_time;
    uint8_t *present;          /* n_members: 1 when present */
    uint32_t n_present;
    wv_item *items;            /* n_items used, cap_items allocated */
    size_t n_items, cap_items;
    struct wv_enrolled *enrolled; /* keys enrolled (CHAIR_KEY_ENROL), in order */
    size_t n_enrolled, cap_enrolled;
};

typedef struct wv_enrolled {
    uint32_t member;
    uint8_t key_id[WV_KEY_ID_BYTES];
    uint8_t pk[WV_PUBLIC_KEY_BYTES];
    int64_t time;
} wv_enrolled;

/* CHAIR_KEY_ENROL (the gate passed). */
wv_status wv_meeting_enrol(wv_meeting *m, const Wtovote__V1__MemberKey *k, int64_t time,
                           wv_refusal *why, wv_error *err);

/* Sets *why and err (message formatted only when err != NULL); returns
 * WV_ERR_INADMISSIBLE. */
wv_status wv_meeting_refuse(wv_refusal *why, wv_error *err, wv_refusal code,
                            const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Accepts: *why = NONE, err cleared; returns WV_OK. */
wv_status wv_meeting_admit(wv_refusal *why, wv_error *err);

/* What kind of input passes the gate. */
typedef enum wv_gate_input {
    WV_GATE_SESSION = 0, /* needs the meeting open and not closed */
    WV_GATE_OPENING,     /* CHAIR_MEETING_OPEN */
    /* An ACCEPT act, or a DECIDE on an item of an acceptance procedure:
     * instruments of acceptance are deposited over the acceptance period
     * (Art. X:7), long after the meeting that submitted the amendment
     * closed, so these pass a closed meeting too. */
    WV_GATE_REGISTER
} wv_gate_input;

/* WV_GATE_REGISTER when item `number` is tabled under an acceptance
 * procedure (the inputs on it pass a closed meeting), else WV_GATE_SESSION. */
wv_gate_input wv_meeting_gate_for_item(const wv_meeting *m, uint32_t number);

/* Common gate for every input: opened / closed; for a chair event
 * (chair != 0) also the time model's two clock rules (SPEC.md, "Time
 * model"): not before the previous chair event, and no act admitted so far
 * more than the skew ahead of it. */
wv_status wv_meeting_gate(const wv_meeting *m, int64_t time, wv_gate_input input, int chair,
                          const char *who, wv_refusal *why, wv_error *err);
/* An act at `time` by `member` was admitted: keeps the latest act time. */
void wv_meeting_saw_act(wv_meeting *m, uint32_t member, int64_t time);
/* An act refused because what it acts on has ended (st/why from the
 * check) becomes WV_REFUSE_STALE when it was signed before that end: it
 * was timely when signed and arrived late. Returns the status to report. */
wv_status wv_meeting_stale(const wv_meeting *m, uint32_t member, wv_act_kind kind,
                           uint32_t item, int64_t time, wv_status st, wv_refusal *why,
                           wv_error *err);
/* The item with this number, or NULL. */
wv_item *wv_meeting_item(const wv_meeting *m, uint32_t number);
/* Member code for messages ("#12" when out of range). */
const char *wv_meeting_code(const wv_meeting *m, uint32_t member);
/* The rules config in force (meeting quorum over the cfg's). */
void wv_meeting_rules_config(const wv_meeting *m, wv_rules_config *out);
/* Builds the tally for the item as at `time`. */
void wv_meeting_tally(const wv_meeting *m, const wv_item *it, int64_t time, wv_tally *t);
/* Consensus period in force for the item, in days (0: none). */
uint32_t wv_meeting_period(const wv_item *it);

/* chair.c: table / revise (motion from the wire) */
wv_status wv_meeting_table(wv_meeting *m, const wv_motion_msg *mo, int revise, uint32_t item,
                           int64_t time, wv_refusal *why, wv_error *err);
wv_status wv_meeting_open(wv_meeting *m, const wv_meeting_msg *mt, const char *event_id,
                          int64_t time, wv_refusal *why, wv_error *err);
/* decide.c: derive (and when `publish` is given compare) a decision */
wv_status wv_meeting_derive(const wv_meeting *m, uint32_t number, int64_t time,
                            wv_decision *out, wv_decision_msg *msg, wv_refusal *why,
                            wv_error *err);
wv_status wv_meeting_declare(wv_meeting *m, uint32_t number, int64_t time,
                             const wv_decision_msg *published, wv_decision *out,
                             wv_refusal *why, wv_error *err);

#endif
