/* Internals of serve/: the server's state and the pieces that share it.
 *
 * Threads: libmicrohttpd's (one per connection: requests, event streams),
 * the committer (the one writer, through the session), --demo's simulated
 * room (serve/demo.c: posts through srv_submit, reads under rec_mu), and
 * the caller's (start and stop).
 *
 * The locking rule; every field of wv_srv is in exactly one class:
 *  - q_mu guards the commit queue: head, tail, every queued srv_pending's
 *    result and done, stopping, committer_quit, broken. A poster waits on
 *    its own srv_pending.done_cv under q_mu.
 *  - rec_mu guards the session (its record and meeting state, which the
 *    committer changes) and everything derived from it: leaves, ends,
 *    events, n, cap, votes, published, published_cp, generation, closed,
 *    pending_keys, the state text (state_*). Readers (/api/state, the event
 *    streams, /record/, chair requests, enrolment) take it for as long as
 *    they read and copy out what they send; no response points into
 *    rec_mu's data after the unlock. Event streams wait on grew_cv.
 *  - No thread holds both: the committer takes a batch under q_mu, releases
 *    it, appends under rec_mu, releases it, then answers under q_mu.
 *  - Read without a lock, because nothing changes them once the daemon
 *    runs: cfg, token, port, recovery, daemon; the session's roster (fixed
 *    when the record was opened: wv_session_precheck reads it on the HTTP
 *    threads while the committer appends); the record's roster and
 *    secretariat.pub files; the log's bytes up to ends[published - 1]
 *    (append-only).
 *  - The committer's alone: c_max, c_batch, c_envs, c_lens, c_pre, c_res.
 * `make tsan` runs the serve tests under ThreadSanitizer, and
 * tests/bench/bench_serve (built there too) adds readers of /api/state,
 * /record/checkpoint and /api/events while 166 delegations post. */
#ifndef WV_SRV_INTERNAL_H
#define WV_SRV_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "chair_json.h"
#include "serve.h"
#include "wtovote/record.h"
#include "wtovote/session.h"

#define SRV_MAX_BODY WV_MAX_ENVELOPE_BYTES /* request bodies, acts and chair JSON */
#define SRV_THREAD_STACK (512u * 1024u)     /* each connection's thread */

/* One posted envelope waiting for the committer. */
typedef struct srv_pending {
    const uint8_t *env;
    size_t len;
    wv_sig_precheck pre;     /* its signature, checked by the poster */
    wv_append_result result;
    int done;
    pthread_cond_t done_cv;  /* signalled (under q_mu) once result is set */
    struct srv_pending *next;
} srv_pending;

/* A key presented for enrolment, waiting for the chair. */
#define SRV_MAX_PENDING_KEYS 1024u
typedef struct srv_pending_key {
    char member[WV_MAX_CODE_BYTES + 1];
    wv_public_key pub;
    char key_id[17];       /* as minisign prints it */
    char fingerprint[65];  /* hex SHA-256 of the public key */
} srv_pending_key;

/* The open vote whose ballots /record/ withholds: item and the index of its
 * CHAIR_VOTE_OPEN entry. */
typedef struct srv_vote_open {
    uint32_t item;
    uint64_t index;
} srv_vote_open;

struct wv_srv {
    wv_srv_config cfg;
    wv_session *session;    /* the one path into the log (engine/session) */
    const wv_record *rec;   /* the session's record, for reading */
    char token[WV_SRV_TOKEN_HEX + 1];
    struct MHD_Daemon *daemon;
    uint16_t port;
    char *recovery;

    pthread_mutex_t q_mu;
    pthread_cond_t q_cv;
    srv_pending *head, *tail;
    int stopping; /* no new posts */
    int committer_quit;
    int broken;   /* a write failed: the record must be reopened */
    pthread_t committer;
    int committer_started;
    size_t c_max;               /* the committer's batch buffers */
    srv_pending **c_batch;
    const uint8_t **c_envs;
    size_t *c_lens;
    wv_append_result *c_res;
    wv_sig_precheck *c_pre;

    pthread_mutex_t rec_mu;
    pthread_cond_t grew_cv; /* the log or the published checkpoint changed */
    uint8_t *leaves;        /* leaf hashes, 32 bytes per entry */
    uint64_t *ends;         /* byte offset just after each entry */
    char **events;          /* per entry: its SSE text */
    uint64_t n, cap;
    srv_vote_open *votes;   /* open votes */
    size_t n_votes;
    uint64_t published;     /* entries /record/ serves */
    char *published_cp;     /* signed checkpoint of that size */
    size_t published_cp_len;
    uint64_t generation;    /* bumped with each change, for waiting readers */
    int closed;             /* the server is stopping: streams end */
    srv_pending_key *pending_keys; /* SRV_MAX_PENDING_KEYS */
    size_t n_pending_keys;
    char *state_text;       /* srv_state_json_shared: the last text built ... */
    uint64_t state_generation; /* ... at this generation ... */
    int64_t state_now;      /* ... and this second */
};

/* ---- commit.c: the one write path ---- */

/* Checks and appends a batch (each against the state the earlier ones
 * left) with one fsync; results[i] for envs[i]. An envelope already in the
 * log is answered with its existing index and a fresh receipt, and not
 * written again. Caller holds rec_mu. (At merge this becomes the session
 * layer's call.) */
wv_status srv_commit(wv_srv *s, const uint8_t *const *envs, const size_t *lens,
                     const wv_sig_precheck *pre, size_t n, wv_append_result *results,
                     wv_error *err);
/* Queues one envelope and waits until the committer has answered it. */
void srv_submit(wv_srv *s, const uint8_t *env, size_t len, wv_append_result *out);
int srv_committer_start(wv_srv *s, wv_error *err);
void srv_committer_stop(wv_srv *s);

/* ---- ledger.c: what the server derives from each entry ---- */

/* Registers entry `index` (bytes, decoded body) after the meeting applied
 * it. Caller holds rec_mu. */
wv_status srv_ledger_add(wv_srv *s, uint64_t index, const uint8_t *entry, size_t len,
                         const wv_act *act, const wv_chair_event *chair, const wv_meeting *m,
                         wv_error *err);
/* srv_ledger_add as the session's visit (the opening replay) and
 * admitted callbacks (each batch, rec_mu held by the committer). */
int srv_ledger_visit(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                     const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                     const wv_meeting *meeting);
/* Recomputes the published prefix after entries were added. */
wv_status srv_ledger_publish(wv_srv *s, wv_error *err);
void srv_ledger_free(wv_srv *s);
/* A receipt for entry index against the current checkpoint (malloc'd). */

/* ---- chair.c: chair events from chair requests ---- */

/* Builds and signs the chair event a request asks for. `action` is the
 * URL's last segment ("consensus-call", ...); body the request's JSON.
 * Caller holds rec_mu (DECIDE previews the state). On a refusal before
 * signing (unknown action, bad JSON, a decision the rules refuse now),
 * *why / err say why. */
wv_status srv_chair_build(const wv_srv *s, const char *action, const char *json, size_t json_len,
                          int64_t now, uint8_t **env, size_t *env_len, wv_refusal *why,
                          wv_error *err);

/* A chair request as POST /api/chair/ACTION makes it, from any thread
 * holding no lock: built at the server's clock, then through srv_submit (an
 * enrolment confirmed leaves the pending list). r->receipt is the caller's
 * to free. */
void srv_chair_request(wv_srv *s, const char *action, const char *json, size_t len,
                       wv_append_result *r);
/* srv_chair_action_known: chair_json.h */

/* ---- enrol.c (caller holds rec_mu) ---- */
/* A key presented: JSON {"member", "public_key"}; *answer its pending entry. */
wv_status srv_enrol_present(wv_srv *s, const char *json, size_t len, char **answer,
                            wv_error *err);
const srv_pending_key *srv_enrol_find(const wv_srv *s, const char *fingerprint);
void srv_enrol_done(wv_srv *s, const char *fingerprint);
char *srv_pending_key_json(const srv_pending_key *k);
char *srv_enrol_list_json(const wv_srv *s);

/* ---- state.c: JSON for people and pages ---- */

/* The whole state (meeting, items, what may come next); malloc'd text.
 * Caller holds rec_mu. */
char *srv_state_json(const wv_srv *s, int64_t now);
/* state_seats.c: meeting.roster (code, name, eu_member_state, present)
 * and an item's positions in roster order, a ballot of an open vote shown
 * as "voted". json_t * from <jansson.h>. */
struct json_t;
struct json_t *srv_roster_json(const wv_meeting *m, const wv_roster *r);
struct json_t *srv_positions_json(const wv_meeting *m, const wv_item_info *it);
/* The same text, built at most once per generation and second (a copy,
 * malloc'd). Caller holds rec_mu. */
char *srv_state_json_shared(wv_srv *s, int64_t now);
/* The SSE text of one admitted entry (id = its index). */
char *srv_event_text(const wv_meeting *m, uint64_t index, const wv_act *act,
                     const wv_chair_event *chair);
/* {"code":..,"message":..} for a refusal. */
char *srv_refusal_json(const char *code, const char *message);
char *srv_receipt_json(uint64_t index, const uint8_t *receipt, size_t len);

/* ---- http.c ---- */
int srv_http_start(wv_srv *s, wv_error *err);
void srv_http_stop(wv_srv *s);

#endif
