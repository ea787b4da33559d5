/* Helpers shared by the meeting workflow commands (cli/cmd_meeting.c,
 * cmd_motion.c, cmd_chair.c, cmd_delegation.c, cmd_status.c, cmd_demo.c,
 * cmd_report.c): one option parser, opening a record, signing and appending
 * chair events and acts, writing receipts, and printing what happened with
 * the rules' citations (MANUAL.md, "Running a meeting"). Each function returning int
 * returns a CLI exit code and has printed its own message. */
#ifndef WV_CLI_WORKFLOW_H
#define WV_CLI_WORKFLOW_H

#include <stdint.h>
#include <stdio.h>

#include "wtovote/keys.h"
#include "wtovote/meeting.h"
#include "wtovote/record.h"
#include "wtovote/session.h"
#include <jansson.h>

/* Options a workflow command may accept (a bit mask per command). */
enum {
    WF_O_KEY = 1u << 0,        /* -s KEY */
    WF_O_SECRETARIAT = 1u << 1,/* -S/--secretariat-key KEY */
    WF_O_ITEM = 1u << 2,       /* --item N */
    WF_O_MEMBER = 1u << 3,     /* --member CODE */
    WF_O_CHOICE = 1u << 4,     /* --choice, --eu-bloc */
    WF_O_TIME = 1u << 5,       /* --time */
    WF_O_STATEMENT = 1u << 6,  /* --statement */
    WF_O_OUT = 1u << 7,        /* -o FILE */
    WF_O_JSON = 1u << 8,       /* --json */
    WF_O_MEETING = 1u << 9,    /* --roster --body --id --title --quorum --host --wtl93 */
    WF_O_MOTION = 1u << 10,    /* --procedure --title --period --parties ... */
    WF_O_RUNNING = 1u << 11,   /* --show-running */
    WF_O_CSV = 1u << 12,       /* --csv */
    WF_O_INBOX = 1u << 13,     /* --inbox DIR */
    WF_O_DEMO = 1u << 14,      /* --out --seed --quiet */
    WF_O_FORCE = 1u << 15,     /* -f */
    WF_O_SERVER = 1u << 16,    /* --server URL --token-file FILE --pub FILE --cacert FILE */
    WF_O_ENROL = 1u << 17      /* --new-key KEY.pub --fingerprint HEX */
};

typedef struct wf_opts {
    const char *record;        /* the positional RECORD (first operand) */
    char **operands;           /* further operands (submit's ACT_FILEs) */
    int n_operands;
    const char *key, *secretariat, *member, *statement, *out, *time;
    const char *roster, *body, *id, *title, *host, *procedure, *parties, *deadline;
    const char *proponent, *circumstances, *terms, *termination, *inbox, *seed;
    const char *council_report; /* COUNCIL_RECORD:ITEM (Art. IX:3(b)) */
    const char *server, *token_file, *pub, *cacert; /* --server: against `wtovote serve` */
    const char *new_key, *fingerprint; /* enrol */
    uint32_t item, period, quorum_num, quorum_den;
    int have_item, choice, eu_bloc, json, running, csv, transition, quiet, force;
    int wtl93;                 /* WV_VOTE_REQUEST_*, 0 = the default reading */
} wf_opts;

/* Parses argv (argv[0] is the command's name, e.g. "decide") with the
 * options in `allowed`; the first operand is RECORD when need_record
 * (optional with --server: then NULL when absent). */
int wf_parse(int argc, char **argv, unsigned allowed, int need_record, wf_opts *o);

/* --time or now. */
int wf_time(const wf_opts *o, int64_t *out);

/* Opens RECORD for writing through the session layer (engine/session) with
 * the Secretariat key at key_path; receipts of acts are written into
 * RECORD/receipts/. */
int wf_open(const char *dir, const char *key_path, wv_secret_key **sk, wv_session **s);
/* The same with the Secretariat's clock at `clock` (the command's --time:
 * a scripted meeting's operator says what time it is); 0: the system clock. */
int wf_open_at(const char *dir, const char *key_path, int64_t clock, wv_secret_key **sk,
               wv_session **s);
/* Opens RECORD read-only; visit may be NULL. */
int wf_load(const char *dir, wv_record_visit_fn visit, void *ctx, wv_record **rec);

/* A chair event through the session. On a refusal prints "wtovote: RECORD:
 * <the state machine's reason> (WV_REFUSE_...)" and returns 1; the log is
 * unchanged. res is filled either way (clear it). */
int wf_chair(wv_session *s, const wv_chair_input *in, wv_session_result *res);
/* A signed envelope (source names it in messages: a file or "act") through
 * the session: refusals printed as above (1); an act already recorded is
 * answered with its entry and receipt (0). When the act is recorded but
 * its receipt file could not be written, says so (the act WAS recorded,
 * as entry N; running the command again is safe) and returns 2. */
int wf_submit(wv_session *s, const uint8_t *env, size_t len, const char *source,
              wv_session_result *res);
/* Prints "  effect [citation]" of a result. */
void wf_print_effect(FILE *out, const wv_session_result *r);

/* Prints a decision: outcome, counts against the threshold, the explanation
 * steps with their citations, each line prefixed with indent. */
void wf_print_decision(FILE *out, const wv_decision *d, const wv_item_info *it,
                       const char *indent);
/* Procedure, stages and citations of a tabled item. */
void wf_print_procedure(FILE *out, const wv_procedure *p, const char *indent);

/* An item's info by agenda number; -1 when not tabled. */
int wf_item(const wv_meeting *m, uint32_t item, wv_item_info *out);


/* The item at slot (the meeting's order of tabling) as the record states
 * it: the meeting's view, except that present and objections are those of
 * the record's index (wv_record_get_index): as at the item's decision, or
 * now when it has none. ix receives the index's view. -1 when out of range. */
int wf_item_recorded(const wv_record *rec, size_t slot, wv_item_info *it, wv_index_item *ix);

/* `wtovote vote open|close` (cli/cmd_chair.c), dispatched by `wtovote vote`
 * (cli/cmd_delegation.c), which otherwise casts a ballot. */
int wf_cmd_vote_open(int argc, char **argv);
int wf_cmd_vote_close(int argc, char **argv);

/* ---- --server URL: the same commands against `wtovote serve` (cli/wf_remote.c;
 * SPEC.md, "HTTP API"). The meeting is read from a private copy of the
 * server's published record (net_mirror.h), so what is printed comes from
 * the same code as locally, with the URL where RECORD would be. */

typedef struct wf_remote wf_remote;

/* Called once while the copy is read again after an entry was admitted,
 * with the meeting as it stood right after entry `index` (as the local
 * command sees it after appending); chair is that entry's body when it is
 * a chair event. */
typedef void (*wf_show_fn)(void *ctx, const char *label, const wv_meeting *m,
                           const wv_roster *roster, const wv_chair_event *chair,
                           uint64_t index);

/* Reads the server's record (and, when chair, the token of --token-file);
 * NULL after printing why (and *rc the exit code). */
wf_remote *wf_remote_open(const wf_opts *o, int chair, int *rc);
void wf_remote_close(wf_remote *r);
/* The server's record as read at wf_remote_open. */
const wv_record *wf_remote_record(const wf_remote *r);
/* A non-200 answer printed as the local command prints a refusal,
 * "wtovote: URL: SOURCE: MESSAGE (CODE)" (source may be NULL); returns 1
 * for the record's refusals (400 not canonical, 403 signature or key, 409
 * the rules), else 2. */
int wf_net_refused(const char *url, const char *source, long http, const char *body, size_t len);
/* Posts a signed act (source names it in messages) and checks its receipt
 * (the Secretariat's checkpoint signature, with --pub or the served key,
 * and the inclusion proof: wv_receipt_verify); writes it where the local
 * command does, under DIR/receipts/ (DIR: the RECORD operand, else "."),
 * and fills res (index, receipt_path, effect). A refusal is printed as
 * locally, "wtovote: URL: SOURCE: MESSAGE (CODE)", and returns 1 (2 when
 * the server could not take it: unreachable, 5xx, ...). */
int wf_remote_submit(wf_remote *r, const wf_opts *o, const uint8_t *env, size_t len,
                     const char *source, wv_session_result *res);
/* A chair request: reads the server's record and the token of --token-file,
 * posts POST /api/chair/ACTION with the token (body: the JSON fields, taken
 * over; "time" added from --time), checks its receipt, then calls show
 * with the state after it (or says it is withheld while a vote is open).
 * Refusals as above. */
int wf_post_chair(const wf_opts *o, const char *action, json_t *body, wf_show_fn show,
                  void *ctx);

#endif
