/* engine/session: the one path from an act or a chair event to a durable
 * entry (SPEC.md, "Record and verification" and "Time model").
 *
 * A session is a record directory opened for writing with the Secretariat's
 * key, unlocked once. Every input goes the same way, whoever calls (the CLI,
 * the demo, training simulations, tests, the vector builder, the server):
 *
 *   plain C struct -> signed envelope (wv_act_seal / wv_chair_seal, or a
 *   delegation's pre-signed envelope) -> decoded once -> the door (already
 *   recorded? timed too far ahead of the Secretariat's clock?) -> keys,
 *   signature and the meeting state machine (engine/record) -> appended and
 *   fsynced with the others of its batch -> one result: log index, Member,
 *   kind, receipt, and the effect in a sentence with its citation.
 *
 * Nothing is reported admitted before its bytes are durable. An envelope
 * already in the log is answered with its entry and receipt, never appended
 * twice. Only plain C types cross this API. */
#ifndef WTOVOTE_SESSION_H
#define WTOVOTE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/keys.h"
#include "wtovote/meeting.h"
#include "wtovote/record.h"
#include "wtovote/roster.h"
#include "wtovote/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ inputs */

/* A Member's act. time 0: the session's clock (wv_act_seal: refused). */
typedef struct wv_act_input {
    wv_act_kind kind;
    const char *member;      /* roster code, "USA" */
    uint32_t item;           /* 0 for attend / leave, statement on no item */
    wv_choice choice;        /* vote only */
    int eu_bloc;             /* vote by the EU: its bloc (Art. IX:1 fn 2) */
    int64_t time;
    const char *statement;   /* statement, or a reason given with an objection */
    /* Act.nonce: NULL draws 16 random bytes (a fresh act each time it is
     * signed); deterministic records (demo, vectors) give their own, and
     * no_nonce leaves the field empty. */
    const uint8_t *nonce;
    int no_nonce;
    /* Act.meeting_ref (WV_MEETING_REF_BYTES: wv_meeting_ref of the record's
     * meeting; SPEC.md, "Meeting identity"). A session and wv_act_seal_for
     * fill it; for wv_act_seal the caller gives it (NULL: none, which the
     * decoder refuses). */
    const uint8_t *meeting_ref;
} wv_act_input;

/* What `meeting open` sets (the signed Meeting). */
typedef struct wv_meeting_setup {
    const char *id;          /* "GC-2026-12-07" */
    const char *body;        /* "general-council", "dsb", "plurilateral:NAME", ... */
    const char *title;
    uint32_t quorum_num, quorum_den; /* 0/0: the default (WT/L/161) */
    int vote_request;        /* WV_VOTE_REQUEST_*: WT/L/93 reading */
    uint32_t max_clock_skew; /* seconds; 0: WV_DEFAULT_CLOCK_SKEW */
    const uint8_t *nonce;    /* the opening event's (ChairEvent.nonce); NULL: random */
    /* Meeting.nonce (WV_MEETING_NONCE_BYTES): what makes this opening, and
     * so its meeting_ref, unlike any other's; NULL: random. */
    const uint8_t *meeting_nonce;
} wv_meeting_setup;

/* A motion as tabled or revised. */
typedef struct wv_motion_input {
    uint32_t item;           /* 0: the next agenda number */
    const char *title, *procedure, *proponent;
    uint32_t consensus_period_days;
    /* Art. IX:4 (waivers); all NULL and 0: no Waiver message */
    const char *circumstances, *terms, *termination;
    int transition_obligation; /* IX:3 fn 4 */
    const char *const *parties; /* IX:5: Member codes (any order) */
    size_t n_parties;
    const char *acceptance_deadline; /* "YYYY-MM-DD" (Art. X:7) */
    /* waiver-annex1 (Art. IX:3(b)): the Council report decided on; NULL
     * report_meeting: none (Motion.council_report) */
    const char *report_meeting, *report_body;
    uint32_t report_item;
    wv_outcome report_outcome;             /* RECOMMENDED or REPORTED */
    const uint8_t *report_leaf;            /* 32 bytes: the decision entry's leaf hash */
} wv_motion_input;

/* The Decision a CHAIR_DECIDE publishes (SPEC.md, "Chair events"). */
typedef struct wv_published_decision {
    const char *procedure;   /* rules id */
    wv_outcome outcome;
    wv_stage stage;
    uint32_t required, members, present, objections, yes, no, abstain, acceptances;
    uint32_t required_of_votes_cast, required_of_members; /* two-limb rows (VII:3, XXV:5) */
} wv_published_decision;

/* A chair event. time 0: the session's clock. */
typedef struct wv_chair_input {
    wv_chair_kind kind;
    uint32_t item;
    int64_t time;
    const wv_meeting_setup *meeting; /* MEETING_OPEN */
    const wv_motion_input *motion;   /* MOTION_TABLE / MOTION_REVISE */
    /* DECIDE: a session derives the decision from the meeting's state
     * (wv_meeting_decide_preview) and ignores this; wv_chair_seal, which
     * has no meeting, signs this one. */
    const wv_published_decision *decision;
    const uint8_t *nonce; /* as wv_act_input's */
    int no_nonce;
    /* KEY_ENROL: the Member and the key the chair enrols (SPEC "Key
     * enrolment"); valid from the entry on */
    const char *enrol_member;
    const wv_public_key *enrol_key;
    /* ChairEvent.meeting_ref, as wv_act_input's: a session fills it; for
     * wv_chair_seal the caller gives it; ignored on MEETING_OPEN */
    const uint8_t *meeting_ref;
} wv_chair_input;

/* --------------------------------------------------- sealing (no record) */

/* Builds the Act of `in` for meeting `meeting_id` and signs it with the
 * delegation's key: the envelope bytes (malloc'd) that `act sign` writes and
 * a session submits. Refuses what the wire decoder would refuse. */
WV_EXPORT wv_status wv_act_seal(const wv_act_input *in, const char *meeting_id,
                                const wv_secret_key *sk, uint8_t **out, size_t *out_len,
                                wv_error *err) WV_WARN_UNUSED;
/* wv_act_seal for the meeting of `rec` (a copy read without its lock will
 * do): the record's meeting id and meeting_ref (SPEC.md, "Meeting
 * identity"); in->meeting_ref is ignored. WV_ERR_INADMISSIBLE when the
 * meeting has not been opened. */
WV_EXPORT wv_status wv_act_seal_for(const wv_record *rec, const wv_act_input *in,
                                    const wv_secret_key *sk, uint8_t **out, size_t *out_len,
                                    wv_error *err) WV_WARN_UNUSED;
/* The same for a chair event signed by the Secretariat. MEETING_OPEN needs
 * in->meeting and the roster (its fingerprint is signed in); others may
 * pass roster NULL. */
WV_EXPORT wv_status wv_chair_seal(const wv_chair_input *in, const char *meeting_id,
                        const wv_roster *roster, const wv_secret_key *sk, uint8_t **out,
                        size_t *out_len, wv_error *err) WV_WARN_UNUSED;

/* What a signed act says, read without checking it (sorting an inbox by
 * signed time, naming a file's Member): the envelope and Act decoded
 * canonically, the signature not checked. */
typedef struct wv_act_summary {
    wv_act_kind kind;
    char member[WV_MAX_CODE_BYTES + 1];
    char meeting_id[WV_MAX_ID_BYTES + 1];
    uint32_t item;
    int64_t time;
} wv_act_summary;
WV_EXPORT wv_status wv_act_peek(const uint8_t *env, size_t len, wv_act_summary *out,
                      wv_error *err) WV_WARN_UNUSED;

/* ------------------------------------------------------------ sessions */

typedef struct wv_session wv_session;

/* Seconds since the Unix epoch; the seam for tests. */
typedef int64_t (*wv_clock_fn)(void *ctx);

typedef struct wv_session_options {
    wv_clock_fn clock;       /* NULL: the system clock */
    void *clock_ctx;
    /* Write RECORD/receipts/NNNNNN-MEMBER.receipt and .act beside it for
     * every act admitted (SPEC.md, "Receipts"). */
    int write_receipts;
    /* Called for every entry the opening replay reads (as wv_record_open's
     * visit); NULL: none. */
    wv_record_visit_fn visit;
    void *visit_ctx;
    /* Called (with visit_ctx) for every entry a batch admits, once the
     * batch is durable, in log order, with the envelope and body the
     * session decoded (the meeting in the state after the batch); NULL:
     * none. Non-zero stops: the batch's call returns WV_ERR_INTERNAL. */
    wv_record_visit_fn admitted;
    /* How long to wait for another writer's lock on the record before
     * WV_ERR_LOG_LOCKED (naming the holder): 0 waits
     * WV_LOCK_WAIT_DEFAULT_MS (10 s), WV_LOCK_NO_WAIT not at all. */
    int64_t lock_wait_ms;
} wv_session_options;
#define WV_LOCK_NO_WAIT (-1)

/* What became of one input. */
typedef struct wv_session_result {
    wv_status status;        /* WV_OK: in the record (admitted now or before) */
    wv_refusal why;          /* when refused by the meeting rules */
    wv_error error;          /* when status != WV_OK: the reason */
    int duplicate;           /* already recorded: index and receipt are its own */
    uint64_t index;          /* log index (leaf index) */
    int is_chair;
    int kind;                /* wv_act_kind or wv_chair_kind */
    char member[WV_MAX_CODE_BYTES + 1]; /* "" for a chair event */
    uint32_t item;
    int64_t time;            /* the body's time */
    uint8_t *receipt;        /* Receipt bytes (malloc'd) when status == WV_OK */
    size_t receipt_len;
    char receipt_path[600];  /* with write_receipts: where it was written */
    char effect[600];        /* "EGY's objection blocks consensus on item 2" */
    const char *citation;    /* "Art. IX:1 fn 1"; static */
    int has_decision;        /* DECIDE: the decision declared ... */
    wv_decision decision;    /* ... with its explanation ... */
    wv_published_decision published; /* ... and as signed in the record */
} wv_session_result;

/* Frees the receipts of n results (NULL-safe). */
WV_EXPORT void wv_session_results_clear(wv_session_result *res, size_t n);

/* Creates the record directory `dir` (it must not exist or be empty) for
 * the signed roster and opens the meeting with a signed MEETING_OPEN of
 * `setup` at `time` (0: the clock). All or nothing: a refused opening
 * leaves no directory behind. res (may be NULL) describes the opening. */
WV_EXPORT wv_status wv_session_create(const char *dir, const wv_roster *roster,
                                      const wv_secret_key *sk, const char *host,
                                      const wv_meeting_setup *setup, int64_t time,
                                      const wv_session_options *opt, wv_session **out,
                                      wv_session_result *res, wv_error *err) WV_WARN_UNUSED;
/* Opens an existing record for writing: takes the record's lock (waiting
 * opt->lock_wait_ms for another writer's), reads and
 * checks it once (wv_record_open) while learning every entry's hash for
 * the duplicate check. sk: the roster's Secretariat key, borrowed. */
WV_EXPORT wv_status wv_session_open(const char *dir, const wv_secret_key *sk,
                          const wv_session_options *opt, wv_session **out,
                          wv_error *err) WV_WARN_UNUSED;
/* Commits nothing that is pending (see wv_session_queue): call
 * wv_session_commit first. NULL-safe; releases the lock. */
WV_EXPORT void wv_session_close(wv_session *s);

WV_EXPORT const wv_record *wv_session_record(const wv_session *s);
WV_EXPORT const wv_meeting *wv_session_meeting(const wv_session *s);
/* The session's clock, now. */
WV_EXPORT int64_t wv_session_now(const wv_session *s);

/* One input, committed on its own (one fsync). The return value is
 * res->status: WV_OK when the input is in the record (res->duplicate says
 * whether it was before), a refusal (nothing written), or an I/O failure
 * (then nothing of it is acknowledged). err (may be NULL) receives the
 * same message as res->error. */
WV_EXPORT wv_status wv_session_submit(wv_session *s, const uint8_t *env, size_t len,
                            wv_session_result *res, wv_error *err);
WV_EXPORT wv_status wv_session_act(wv_session *s, const wv_act_input *in,
                                   const wv_secret_key *member_key, wv_session_result *res,
                                   wv_error *err);
WV_EXPORT wv_status wv_session_chair(wv_session *s, const wv_chair_input *in,
                                     wv_session_result *res, wv_error *err);

/* The envelope wv_session_chair would submit, without submitting it (a
 * server queues it for its next group commit): time 0 is the clock, a
 * motion without a number takes the next, a DECIDE carries what the
 * meeting derives now (refused as a DECIDE would be, *why set). */
WV_EXPORT wv_status wv_session_chair_seal(wv_session *s, const wv_chair_input *in, uint8_t **env,
                                          size_t *len, wv_refusal *why,
                                          wv_error *err) WV_WARN_UNUSED;

/* Group commit: n envelopes checked in order (each against the state the
 * admitted ones before it left), the admitted ones written with one fsync;
 * res[i] says what became of envs[i]; a refusal does not stop the others.
 * Returns WV_OK when the batch was processed; another status when the
 * write failed (then no result of the batch is WV_OK but duplicates, and
 * the session must be reopened). */
WV_EXPORT wv_status wv_session_submit_many(wv_session *s, const uint8_t *const *envs,
                                           const size_t *lens, size_t n, wv_session_result *res,
                                           wv_error *err) WV_WARN_UNUSED;

/* A signature checked ahead of its batch, on another thread than the one
 * that appends (a server's HTTP threads), so that the appending thread,
 * which every batch waits for, spends no time on Ed25519. */
typedef struct wv_sig_precheck {
    int ok;                               /* 1: good under pk */
    uint8_t pk[WV_PUBLIC_KEY_BYTES];
    uint8_t leaf[32]; /* the checked bytes' leaf hash: the batch trusts the
                       * check only for the same bytes */
} wv_sig_precheck;

/* Decodes env and checks its signature under the roster's key for its key
 * id (a key enrolled during the meeting is left to the batch); out->ok 0
 * when anything is wrong (the batch then says what). Reads only the
 * roster, which is fixed once the record is open: safe while another
 * thread submits. */
WV_EXPORT void wv_session_precheck(const wv_session *s, const uint8_t *env, size_t len,
                                   wv_sig_precheck *out);
/* wv_session_submit_many with pre[i] for envs[i] (pre may be NULL). The
 * batch still chooses each key itself (roster, enrolments, validity at the
 * body's time) and checks the signature again unless that key is pre[i].pk
 * and pre[i] was made of the same bytes as envs[i] (its leaf hash; any
 * other pre[i] is ignored). */
WV_EXPORT wv_status wv_session_submit_prechecked(wv_session *s, const uint8_t *const *envs,
                                                 const size_t *lens,
                                                 const wv_sig_precheck *pre, size_t n,
                                                 wv_session_result *res,
                                                 wv_error *err) WV_WARN_UNUSED;

/* Scripts (demo, training, tests): queue acts, commit them as one batch.
 * wv_session_chair commits what is queued first, so the log keeps the
 * order of the calls; a queued input that is refused then fails the chair
 * call with its reason ("queued act 3 (USA attend) refused: ..."). */
WV_EXPORT wv_status wv_session_queue(wv_session *s, const uint8_t *env, size_t len,
                           wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_session_queue_act(wv_session *s, const wv_act_input *in,
                               const wv_secret_key *member_key, wv_error *err) WV_WARN_UNUSED;
/* Commits the queue. Every queued input must be admitted: the first
 * refusal is returned (the others are committed all the same). */
WV_EXPORT wv_status wv_session_commit(wv_session *s, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT size_t wv_session_pending(const wv_session *s);

/* The effect of an admitted entry in a sentence with its citation, from
 * the meeting's state after it (what the result's effect and citation
 * hold). Also for readers replaying a record. */
WV_EXPORT void wv_session_effect(const wv_meeting *m, int is_chair, int kind, const char *member,
                       uint32_t item, char *buf, size_t size, const char **citation);

#ifdef __cplusplus
}
#endif
#endif
