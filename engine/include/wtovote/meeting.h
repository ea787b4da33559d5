/* engine/meeting: the meeting state machine.
 *
 * A pure function of the roster and the ordered sequence of chair events and
 * Members' acts (SPEC.md, "Meeting state machine"). Each input is either
 * admissible at that point, and then changes the state, or refused with a
 * specific wv_refusal code and a sentence naming the Member, the item and
 * the reason, and then the state is left exactly as it was.
 *
 * No signature checking here: callers (record, CLI) check that a chair event
 * was signed by the Secretariat and an act by a key of act->member, then hand
 * the decoded message to this module. Decisions are derived only through
 * engine/rules (wv_rules_decide); a published decision (CHAIR_DECIDE) is
 * re-derived and compared field by field, never trusted.
 *
 * Two layers:
 *  - the wire layer (wv_meeting_apply_chair / wv_meeting_apply_act) takes
 *    decoded protobuf messages and resolves Member codes once;
 *  - the fast core (wv_meeting_act, wv_meeting_chair, wv_meeting_decide)
 *    works on Member indices, does no string lookup and no allocation, and
 *    is what the simulator calls millions of times (wv_meeting_reset reuses
 *    the allocation between runs). The wire layer calls the fast core, so
 *    both layers apply exactly the same rules. */
#ifndef WTOVOTE_MEETING_H
#define WTOVOTE_MEETING_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/roster.h"
#include "wtovote/rules.h"
#include "wtovote/wire.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Wtovote__V1__Decision wv_decision_msg; /* opaque: "wtovote/pb.h" */
typedef struct Wtovote__V1__Motion wv_motion_msg;
typedef struct Wtovote__V1__Meeting wv_meeting_msg;

/* Agenda items per meeting and their numbers. */
#define WV_MEETING_MAX_ITEMS 256u

/* Why an input was refused. Stable numbers and names (wv_refusal_name):
 * scripts, vectors and the verifier's report refer to them. The order of the
 * checks, and so which code wins when several apply, is given in SPEC.md.
 * Numbered in order from 0: new codes are only ever appended before
 * WV_REFUSE_COUNT_. */
typedef enum wv_refusal {
    WV_REFUSE_NONE = 0,
    /* meeting-level */
    WV_REFUSE_NOT_OPEN,            /* before CHAIR_MEETING_OPEN */
    WV_REFUSE_ALREADY_OPEN,        /* a second CHAIR_MEETING_OPEN */
    WV_REFUSE_CLOSED,              /* after CHAIR_MEETING_CLOSE */
    WV_REFUSE_WRONG_MEETING,       /* meeting_id of another meeting */
    WV_REFUSE_TIME_BACKWARDS,      /* chair event before the previous one */
    WV_REFUSE_MALFORMED,           /* fields that do not fit the kind */
    WV_REFUSE_ROSTER_MISMATCH,     /* Meeting.roster_fingerprint differs */
    WV_REFUSE_UNKNOWN_MEMBER,
    /* attendance */
    WV_REFUSE_ALREADY_PRESENT,     /* ATTEND by a Member present */
    WV_REFUSE_LEAVE_NOT_PRESENT,   /* LEAVE by a Member not present */
    WV_REFUSE_NOT_PRESENT,         /* acting while not present */
    /* items and motions */
    WV_REFUSE_ITEM_NOT_TABLED,
    WV_REFUSE_ITEM_DECIDED,
    WV_REFUSE_ITEM_EXISTS,         /* tabling an item number twice */
    WV_REFUSE_UNKNOWN_PROCEDURE,
    WV_REFUSE_MOTION_INVALID,      /* period, parties, deadline, procedure change */
    WV_REFUSE_TOO_MANY_ITEMS,
    WV_REFUSE_OUT_OF_ORDER,        /* chair event not valid at this stage */
    /* consensus phase */
    WV_REFUSE_NO_CONSENSUS_PHASE,  /* consensus call on an acceptance item */
    WV_REFUSE_NOT_CONSENSUS_PHASE, /* object / withdraw / request outside it */
    WV_REFUSE_ALREADY_OBJECTED,
    WV_REFUSE_NO_OBJECTION,        /* withdrawing without an objection */
    WV_REFUSE_ALREADY_REQUESTED,
    /* opening a vote */
    WV_REFUSE_NO_VOTE_PROCEDURE,   /* consensus-only rule (X:8, X:9, fn 4, DSU) */
    WV_REFUSE_CONSENSUS_NOT_CALLED,/* vote open before the consensus call */
    WV_REFUSE_CONSENSUS_NOT_FAILED,/* no objection and no WT/L/93 request */
    WV_REFUSE_VOTE_NOT_REQUESTED,  /* retired (issue 14): no reading waits for a request */
    WV_REFUSE_PERIOD_RUNNING,      /* consensus period not over (IX:3, X:1) */
    WV_REFUSE_WAIVER_TERMS,        /* IX:4 terms missing: no vote on it */
    /* ballots */
    WV_REFUSE_VOTE_NOT_OPEN,
    WV_REFUSE_VOTE_CLOSED,
    WV_REFUSE_ALREADY_VOTED,
    WV_REFUSE_EU_BLOC_CONFLICT,    /* bloc and member-State votes (IX:1 fn 2) */
    WV_REFUSE_BLOC_NOT_EU,         /* eu_bloc set by another Member */
    WV_REFUSE_EU_VOTE_NOT_BLOC,    /* the EU votes as its bloc */
    WV_REFUSE_BLOC_PLURILATERAL,   /* no bloc among the parties (IX:5) */
    WV_REFUSE_BLOC_ROSTER,         /* roster without EU member States */
    WV_REFUSE_NOT_PARTY,           /* non-party in a plurilateral item */
    /* acceptances (Art. X) */
    WV_REFUSE_NOT_ACCEPTANCE_ITEM,
    WV_REFUSE_ALREADY_ACCEPTED,
    WV_REFUSE_ACCEPTANCE_LATE,     /* after the acceptance period (X:7) */
    /* decisions */
    WV_REFUSE_DECISION_MISMATCH,   /* published != re-derived */
    WV_REFUSE_BLOC_GATT,           /* no bloc under GATT 1947 (Art. XXV:3) */
    /* branch session: the time model (SPEC.md, "Time model") */
    WV_REFUSE_TIME_AHEAD,          /* an act more than the skew ahead of the clock */
    WV_REFUSE_STALE,               /* signed while open, arrived after the end */
    /* branch treaty (issue 14) */
    WV_REFUSE_NOT_COMPETENT,       /* the meeting's body may not decide this procedure */
    /* branch serve: key enrolment */
    WV_REFUSE_KEY_EXISTS,          /* enrolling a key id already in use */
    /* branch ident (issue 15 item 2): meeting identity */
    WV_REFUSE_OTHER_MEETING,       /* meeting_ref is not this meeting's */
    WV_REFUSE_COUNT_
} wv_refusal;

/* "WV_REFUSE_NOT_PRESENT"; "WV_REFUSE_?" for out-of-range values. */
WV_EXPORT const char *wv_refusal_name(wv_refusal r);
/* WV_REFUSE_NONE for an unknown name. */
WV_EXPORT wv_refusal wv_refusal_from_name(const char *name);

/* Where an item stands. */
typedef enum wv_item_stage {
    WV_ITEM_TABLED = 0,      /* on the agenda; acceptance items stay here */
    WV_ITEM_CONSENSUS = 1,   /* consensus called: objections admissible */
    WV_ITEM_VOTING = 2,      /* vote open: ballots admissible */
    WV_ITEM_VOTE_CLOSED = 3,
    WV_ITEM_DECIDED = 4      /* a final decision was declared */
} wv_item_stage;
WV_EXPORT const char *wv_item_stage_name(wv_item_stage s); /* "tabled", "consensus", ... */

/* A Member's position on an item, most specific first: accepted, then its
 * ballot, then an objection in force, then attendance. */
typedef enum wv_position {
    WV_POS_ABSENT = 0,
    WV_POS_PRESENT = 1,
    WV_POS_OBJECTED = 2,
    WV_POS_YES = 3,
    WV_POS_NO = 4,
    WV_POS_ABSTAIN = 5,
    WV_POS_ACCEPTED = 6,
    WV_POS_NOT_PARTY = 7     /* not a party to a plurilateral item */
} wv_position;
WV_EXPORT const char *wv_position_name(wv_position p); /* "absent", "yes", ... */

/* Act kinds and chair kinds: the wire enums' values. */
typedef enum wv_act_kind {
    WV_ACT_ATTEND = 1, WV_ACT_LEAVE = 2, WV_ACT_OBJECT = 3, WV_ACT_WITHDRAW = 4,
    WV_ACT_VOTE = 5, WV_ACT_REQUEST_VOTE = 6, WV_ACT_ACCEPT = 7, WV_ACT_STATEMENT = 8
} wv_act_kind;

typedef enum wv_chair_kind {
    WV_CHAIR_MEETING_OPEN = 1, WV_CHAIR_MOTION_TABLE = 2, WV_CHAIR_CONSENSUS_CALL = 3,
    WV_CHAIR_VOTE_OPEN = 4, WV_CHAIR_VOTE_CLOSE = 5, WV_CHAIR_DECIDE = 6,
    WV_CHAIR_MEETING_CLOSE = 7, WV_CHAIR_MOTION_REVISE = 8, WV_CHAIR_KEY_ENROL = 9
} wv_chair_kind;

/* The one table of names (engine/src/meeting/names.c): "attend", ...,
 * "request-vote"; "meeting open", ...; "yes", "no", "abstain" ("none" for
 * no choice). "?" for a value out of range; -1 for an unknown name. */
WV_EXPORT const char *wv_act_kind_name(int kind);
WV_EXPORT const char *wv_act_kind_noun(int kind); /* "attendance", "vote request", ... */
WV_EXPORT int wv_act_kind_from_name(const char *name);
WV_EXPORT const char *wv_chair_kind_name(int kind);
WV_EXPORT int wv_chair_kind_from_name(const char *name);
WV_EXPORT const char *wv_choice_name(int choice);
WV_EXPORT int wv_choice_from_name(const char *name); /* yes, no, abstain */

typedef struct wv_meeting wv_meeting; /* opaque */

/* A meeting over `roster` (borrowed: it must outlive the meeting). cfg may be
 * NULL (defaults: quorum 0/0 = the rules' default, explanations on); a
 * quorum set in CHAIR_MEETING_OPEN's Meeting overrides cfg's, and the
 * Meeting's WT/L/93 reading (vote_request_reading, 0 = the default reading)
 * always replaces cfg->vote_request once the meeting is open: what the
 * signed record says is what every replay applies. */
WV_EXPORT wv_status wv_meeting_new(const wv_roster *roster, const wv_rules_config *cfg,
                                   wv_meeting **out, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_meeting_free(wv_meeting *m); /* NULL-safe */
/* Back to the state before CHAIR_MEETING_OPEN, keeping the allocation. */
WV_EXPORT void wv_meeting_reset(wv_meeting *m);

/* ------------------------------------------------------------ wire layer */

/* Applies a chair event (already checked to be signed by the Secretariat).
 * WV_OK: admissible, state updated, *why = WV_REFUSE_NONE.
 * WV_ERR_INADMISSIBLE: refused, state unchanged, *why says why and
 *   err->message names the item and the reason.
 * WV_ERR_DECISION_MISMATCH: a CHAIR_DECIDE whose Decision differs from the
 *   re-derived one; *why = WV_REFUSE_DECISION_MISMATCH and the message names
 *   the first differing field with both values. State unchanged.
 * Other codes (WV_ERR_IMPOSSIBLE from the rules, WV_ERR_ARG) are failures of
 * the caller or of the engine, also with the state unchanged. why may be
 * NULL, err may be NULL. */
WV_EXPORT wv_status wv_meeting_apply_chair(wv_meeting *m, const wv_chair_event *ev, wv_refusal *why,
                                           wv_error *err) WV_WARN_UNUSED;
/* Applies a Member's act (already checked to be signed by a key of
 * act->member). Same results as wv_meeting_apply_chair. */
WV_EXPORT wv_status wv_meeting_apply_act(wv_meeting *m, const wv_act *act, wv_refusal *why,
                                         wv_error *err) WV_WARN_UNUSED;

/* ------------------------------------------------------------- fast core */

/* An act by the Member at roster index `member` (wv_roster_member_index).
 * item is 0 for ATTEND / LEAVE and STATEMENT on no item; choice only for
 * VOTE; eu_bloc only for a VOTE by the EU. No allocation, no string lookup;
 * err may be NULL (then no message is formatted). */
WV_EXPORT wv_status wv_meeting_act(wv_meeting *m, uint32_t member, wv_act_kind kind, uint32_t item,
                                   wv_choice choice, int eu_bloc, int64_t time, wv_refusal *why,
                                   wv_error *err) WV_WARN_UNUSED;
/* Chair events that carry no message: CONSENSUS_CALL, VOTE_OPEN, VOTE_CLOSE
 * (on `item`) and MEETING_CLOSE (item 0). Others give WV_ERR_ARG. */
WV_EXPORT wv_status wv_meeting_chair(wv_meeting *m, wv_chair_kind kind, uint32_t item, int64_t time,
                                     wv_refusal *why, wv_error *err) WV_WARN_UNUSED;
/* Whether wv_meeting_chair would admit the event at `time`, with the same
 * refusal code and message, without changing the state (what a chair
 * console shows as allowed next, and why not). */
WV_EXPORT wv_status wv_meeting_chair_check(const wv_meeting *m, wv_chair_kind kind, uint32_t item,
                                           int64_t time, wv_refusal *why,
                                           wv_error *err) WV_WARN_UNUSED;
/* Derives the decision on `item` at `time` and declares it (as CHAIR_DECIDE
 * without a published Decision to compare). out may be NULL. */
WV_EXPORT wv_status wv_meeting_decide(wv_meeting *m, uint32_t item, int64_t time, wv_decision *out,
                                      wv_refusal *why, wv_error *err) WV_WARN_UNUSED;

/* Derives the decision on `item` as if declared at `time`, without
 * declaring it: state unchanged. Refused (WV_ERR_INADMISSIBLE) exactly when
 * a CHAIR_DECIDE at that time would be refused for a reason other than a
 * mismatch. msg (may be NULL) is filled with the Decision a CHAIR_DECIDE
 * must carry (its procedure string points into the rules table); the CLI's
 * `decide` command signs that. */
WV_EXPORT wv_status wv_meeting_decide_preview(const wv_meeting *m, uint32_t item, int64_t time,
                                              wv_decision *out, wv_decision_msg *msg,
                                              wv_refusal *why, wv_error *err) WV_WARN_UNUSED;

/* --------------------------------------------------------- reading state */

typedef struct wv_meeting_info {
    int opened, closed;
    const char *id, *body, *title; /* "" before the meeting is opened */
    uint32_t quorum_num, quorum_den; /* in force (0/0: the rules' default) */
    int vote_request; /* WT/L/93 reading in force (WV_VOTE_REQUEST_*) */
    int64_t opened_at, closed_at;
    int64_t last_time; /* the meeting clock: the last chair event's time */
    uint32_t clock_skew; /* seconds an act may be ahead of it (SPEC "Time model") */
    uint32_t members;  /* roster size */
    uint32_t eu_states; /* EU member States in the roster: the bloc's votes (IX:1 fn 2) */
    uint32_t present;  /* Members present now */
    size_t n_items;
} wv_meeting_info;
WV_EXPORT void wv_meeting_get_info(const wv_meeting *m, wv_meeting_info *out);

typedef struct wv_item_info {
    uint32_t item;                /* agenda number */
    const wv_procedure *procedure;
    const char *title, *proponent;
    wv_item_stage stage;
    int64_t tabled_at;
    uint32_t consensus_period_days; /* as tabled (0: the rule's maximum) */
    int transition_obligation;    /* IX:3 fn 4 */
    int waiver_terms_complete;    /* IX:4 */
    int64_t acceptance_deadline;  /* end of the acceptance period; 0: none */
    uint32_t eligible;            /* Members, or parties (IX:5) */
    uint32_t present;             /* eligible Members present now */
    uint32_t objections;          /* objections in force by Members present now */
    uint32_t objections_absent;   /* objections in force by Members now absent */
    uint32_t vote_requests;
    uint32_t yes, no, abstain;    /* individual ballots */
    wv_choice eu_bloc;            /* the EU's bloc (eu_states votes), or NONE */
    uint32_t acceptances;
    /* waiver-annex1 (IX:3(b)): the Council's report the item is decided on */
    const char *report_meeting, *report_body; /* "" when none */
    uint32_t report_item;
    wv_outcome report_outcome;
    int vote_open, vote_closed;
    int has_decision;             /* a decision (maybe "pending") declared */
    const wv_decision *decision;  /* the last declared one, or NULL */
} wv_item_info;

WV_EXPORT size_t wv_meeting_item_count(const wv_meeting *m);
/* Index of agenda item number `item`, or -1 when not tabled. */
WV_EXPORT int wv_meeting_item_find(const wv_meeting *m, uint32_t item);
/* Item by index (0 .. count-1, in order of tabling); -1 if out of range. */
WV_EXPORT int wv_meeting_item_at(const wv_meeting *m, size_t index, wv_item_info *out);
/* A Member's position on the item at `index`. */
WV_EXPORT wv_position wv_meeting_position(const wv_meeting *m, size_t index, uint32_t member);
WV_EXPORT int wv_meeting_is_present(const wv_meeting *m, uint32_t member);

/* Keys enrolled during the meeting (CHAIR_KEY_ENROL), valid for their
 * Member's acts from their entry on: 1 and the Member's roster index and
 * the key when key_id is one, 0 otherwise. */
WV_EXPORT int wv_meeting_enrolled_key(const wv_meeting *m, const uint8_t key_id[WV_KEY_ID_BYTES],
                                      uint32_t *member, uint8_t pk[WV_PUBLIC_KEY_BYTES]);
WV_EXPORT size_t wv_meeting_enrolled_count(const wv_meeting *m);
/* The meeting's reference (SPEC.md, "Meeting identity"): the tagged
 * SHA-256 of its CHAIR_MEETING_OPEN body (wv_meeting_ref_of), which every
 * later act and chair event must carry as meeting_ref. 0, or -1 (out
 * zeroed) before the opening. */
WV_EXPORT int wv_meeting_ref(const wv_meeting *m, uint8_t out[WV_MEETING_REF_BYTES]);
/* The same in lower-case hex (64 digits and a NUL), as `wtovote status`,
 * `act sign --meeting-ref` and the server's /api/state spell it; "" and -1
 * before the opening. */
#define WV_MEETING_REF_HEX_BYTES (2 * WV_MEETING_REF_BYTES + 1)
WV_EXPORT int wv_meeting_ref_hex(const wv_meeting *m, char out[WV_MEETING_REF_HEX_BYTES]);

/* BLAKE2b-256 of the whole state (canonical field order): equal digests mean
 * equal states. Tests and the fuzzer use it to check that refusals change
 * nothing. */
WV_EXPORT void wv_meeting_digest(const wv_meeting *m, uint8_t out[32]);

#ifdef __cplusplus
}
#endif
#endif
