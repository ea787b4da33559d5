/* serve/: `wtovote serve`, a live meeting over HTTP (SPEC.md, "HTTP API").
 *
 * A server holds one record open for appending with the Secretariat's key
 * (unlocked once by the caller) and answers on libmicrohttpd:
 *  - signed act envelopes posted by delegations, acknowledged with their
 *    receipt only once durable; concurrent posts share one fsync (a
 *    committer thread drains a queue);
 *  - chair requests (bearer token) that the server turns into chair events
 *    signed with the Secretariat key;
 *  - the meeting's state as JSON, an event stream (Server-Sent Events) and
 *    the record's files, with the ballots of an open vote withheld.
 *
 * Architecture: cli -> serve -> engine. Like the engine, this library never
 * prints and never exits: the CLI shows what it returns. */
#ifndef WV_SERVE_H
#define WV_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/keys.h"

#define WV_SRV_TOKEN_HEX 64 /* the chair token: 32 random bytes in hex */

typedef struct wv_srv wv_srv;

typedef struct wv_srv_config {
    const char *record;          /* the record directory (meeting opened) */
    const wv_secret_key *sk;     /* the Secretariat key; borrowed */
    const char *address;         /* numeric IPv4 or IPv6; NULL: 127.0.0.1 */
    uint16_t port;               /* 0: any free port (wv_srv_port) */
    const char *tls_cert_pem;    /* PEM text; both NULL: plain HTTP */
    const char *tls_key_pem;
    unsigned max_connections;    /* 0: 512 */
    unsigned timeout_seconds;    /* idle connection timeout; 0: 30 */
    size_t max_batch;            /* entries per fsync; 0: 4096, 1: one per act */
} wv_srv_config;

/* Opens the record (its lock is held until wv_srv_stop), starts the
 * committer and the HTTP daemon. The chair token is drawn here. */
wv_status wv_srv_start(const wv_srv_config *cfg, wv_srv **out, wv_error *err) WV_WARN_UNUSED;
uint16_t wv_srv_port(const wv_srv *s);
const char *wv_srv_token(const wv_srv *s);
/* What opening the record repaired, or NULL. */
const char *wv_srv_recovery_message(const wv_srv *s);
/* Stops taking requests (new posts get 503), lets the committer finish
 * every queued act (each acknowledged one is durable and its checkpoint
 * written), stops the daemon, closes the record. NULL-safe. */
void wv_srv_stop(wv_srv *s);

/* Self-signed certificate for --tls-self-signed: a fresh ECDSA P-256 key (PEM; browsers take no Ed25519 certificate),
 * a certificate for `host` valid one year from now, and its SHA-256
 * fingerprint as "AB:CD:..." (96 characters and a NUL). */
wv_status wv_srv_self_signed(const char *host, char **cert_pem, char **key_pem,
                             char fingerprint[96], wv_error *err) WV_WARN_UNUSED;

/* ---- demo.c: `wtovote serve --demo`, a ready room ----
 *
 * A fresh record in cfg->dir (record/ and the Secretariat's key pair) for
 * the embedded 166-Member roster with a key for every Member (kept in
 * memory), the meeting opened and an Art. IX:3(a) waiver tabled (the
 * trips-waiver scenario, procedure "waiver"). Once started on a server,
 * every delegation whose seat no person has taken (by an enrolled key) is
 * played by the simulator's model (wv_sim_room): it signs its own acts
 * with its own key and posts them through the server's one write path. An
 * automated chair (unless manual_chair) runs the item: it confirms every
 * key presented for a seat not yet taken, waits for the browser
 * delegations, calls for consensus, opens and closes the vote, decides and
 * closes the meeting; each step waits at most pace_seconds for the browser
 * delegations and moves on as soon as each present one has done what the
 * step asks. */
typedef struct wv_demo wv_demo;
typedef void (*wv_demo_say_fn)(void *ctx, const char *line);

typedef struct wv_demo_config {
    const char *dir;          /* must exist and be empty; created: record/, secretariat.* */
    uint64_t seed;            /* the model's draws */
    unsigned pace_seconds;    /* 0: 20 */
    unsigned wait_seconds;    /* for a first browser delegation; 0: 300 */
    int manual_chair;         /* the chair is a person at /chair */
    int64_t now;              /* 0: the system clock (the record's opening) */
    wv_demo_say_fn say;       /* what the room does, a line at a time; may be NULL */
    void *say_ctx;
} wv_demo_config;

/* Makes the room on disk; the record is wv_demo_record's, to be served with
 * wv_demo_secretariat's key. */
wv_status wv_demo_new(const wv_demo_config *cfg, wv_demo **out, wv_error *err) WV_WARN_UNUSED;
const char *wv_demo_record(const wv_demo *d);
const wv_secret_key *wv_demo_secretariat(const wv_demo *d);
/* Starts playing on a started server (a thread). */
wv_status wv_demo_start(wv_demo *d, wv_srv *s, wv_error *err) WV_WARN_UNUSED;
/* Stops the thread (call before wv_srv_stop) and frees. NULL-safe. */
void wv_demo_free(wv_demo *d);

#endif
