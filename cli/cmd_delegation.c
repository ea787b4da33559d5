/* A delegation's acts: wtovote attend | leave | object | withdraw | vote |
 * request-vote | accept | statement, and the Secretariat's ingestion of acts
 * signed offline: wtovote submit. Every admitted act gets a receipt file,
 * RECORD/receipts/NNNNNN-MEMBER.receipt (and, for submit, ACT_FILE.receipt);
 * a refused act leaves the log byte for byte as it was and exits 1 with the
 * state machine's reason. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_roster.h"
#include "workflow.h"
#include "wtovote/util.h"

static const char ACT_HELP[] =
    "usage: wtovote %s RECORD --member CODE -s KEY%s [--statement TEXT]\n"
    "                 [--time DATE|now] (-S SECRETARIAT.key | -o ACT_FILE)\n"
    "       wtovote %s [DIR] --server URL --member CODE -s KEY ... [--pub SECRETARIAT.pub]\n"
    "                 [--cacert CERT.pem]\n\n"
    "%s\n"
    "The act is signed with the delegation's key KEY (a key of Member CODE in the\n"
    "record's roster). With the Secretariat's key (-S, or $WTOVOTE_SECRETARIAT_KEY)\n"
    "it is appended at once and its receipt written to\n"
    "RECORD/receipts/NNNNNN-CODE.receipt (NNNNNN: its leaf index); with -o (which\n"
    "takes precedence) the signed act is written to ACT_FILE for `wtovote submit`.\n"
    "An inadmissible act is refused with the state machine's reason and the log\n"
    "is left unchanged.\n"
    "With --server URL the act is signed here and posted to `wtovote serve` at URL\n"
    "(instead of -S and a local record): the receipt it answers is checked (the\n"
    "Secretariat's signature, with --pub or the key the server publishes, and the\n"
    "inclusion proof) and written to DIR/receipts/NNNNNN-CODE.receipt (DIR: the\n"
    "current directory when not given), with the act beside it; a refusal is the\n"
    "server's code and message. --cacert: the server's certificate (TLS).\n\n"
    "exit codes: 0 admitted (or written), 1 refused, 2 usage or I/O\n";

typedef struct act_cmd {
    wv_act_kind kind;   /* its name: wv_act_kind_name */
    const char *args; /* extra usage */
    const char *what;
} act_cmd;

static const act_cmd ACTS[] = {
    {WV_ACT_ATTEND, "", "Records that the Member's delegation is present (quorum, consensus)."},
    {WV_ACT_LEAVE, "", "Records that the delegation has left the room."},
    {WV_ACT_OBJECT, " --item N",
     "A formal objection to the proposed decision while consensus is sought\n"
     "(Art. IX:1 fn 1); --statement gives the reason. For DSB reverse consensus,\n"
     "an objection to the negative decision."},
    {WV_ACT_WITHDRAW, " --item N", "Withdraws the Member's objection."},
    {WV_ACT_VOTE, " --item N --choice yes|no|abstain [--eu-bloc]",
     "A ballot while the vote on item N is open. The EU votes only as its bloc, a\n"
     "vote for each EU member State in the roster (--eu-bloc, Art. IX:1 fn 2), and\n"
     "then its member States do not vote.\n"
     "(The chair's `wtovote vote open|close` are described by wtovote vote open --help.)"},
    {WV_ACT_REQUEST_VOTE, " --item N",
     "Requests a vote at the time of decision (WT/L/93: waivers, accessions)."},
    {WV_ACT_ACCEPT, " --item N",
     "Deposits the Member's acceptance of an amendment (Art. X:7), within its\n"
     "period of acceptance; admitted after the meeting has closed too."},
    {WV_ACT_STATEMENT, " --item N",
     "A statement for the record on agenda item N (the wire format gives every act\n"
     "but attend and leave an item)."},
};

static const act_cmd *find_act(const char *name)
{
    int kind = wv_act_kind_from_name(name);
    for (size_t i = 0; i < sizeof ACTS / sizeof ACTS[0]; i++)
        if ((int)ACTS[i].kind == kind)
            return &ACTS[i];
    return NULL;
}

#define NAME(c) wv_act_kind_name((int)(c)->kind)

static int act_help(const act_cmd *c)
{
    printf(ACT_HELP, NAME(c), c->args, NAME(c), c->what);
    return WV_EXIT_OK;
}

static const char *secretariat_key(const wf_opts *o)
{
    if (o->secretariat != NULL)
        return o->secretariat;
    const char *env = getenv("WTOVOTE_SECRETARIAT_KEY");
    return env != NULL && env[0] != '\0' ? env : NULL;
}

static int act_check(const act_cmd *c, const wf_opts *o)
{
    if (o->member == NULL || o->key == NULL)
        return wv_cli_usage_error("%s: needs --member CODE and -s KEY (see wtovote %s --help)",
                                  NAME(c), NAME(c));
    int needs_item = c->kind != WV_ACT_ATTEND && c->kind != WV_ACT_LEAVE;
    if (needs_item && !o->have_item)
        return wv_cli_usage_error("%s: needs --item N", NAME(c));
    if ((c->kind == WV_ACT_ATTEND || c->kind == WV_ACT_LEAVE) && o->have_item)
        return wv_cli_usage_error("%s: takes no --item (attendance is for the meeting)", NAME(c));
    if (c->kind == WV_ACT_VOTE && o->choice == 0)
        return wv_cli_usage_error("vote: needs --choice yes|no|abstain");
    if (o->server != NULL && (o->secretariat != NULL || o->out != NULL || o->token_file))
        return wv_cli_usage_error("%s: --server URL posts the act signed with -s KEY: no -S, "
                                  "-o or --token-file with it", NAME(c));
    if (o->server == NULL && secretariat_key(o) == NULL && o->out == NULL)
        return wv_cli_usage_error("%s: needs -S SECRETARIAT.key (or $WTOVOTE_SECRETARIAT_KEY) to "
                                  "append, or -o ACT_FILE to write the signed act", NAME(c));
    if (o->n_operands != 0)
        return wv_cli_usage_error("%s: unexpected argument '%s'", NAME(c), o->operands[0]);
    return WV_EXIT_OK;
}

/* Signed for the meeting of rec -- its id and meeting_ref (SPEC.md,
 * "Meeting identity") -- the local record, or over --server the checked
 * copy of the server's published record (one path for both). */
static int seal_act(const act_cmd *c, const wf_opts *o, const wv_record *rec, int64_t t,
                    uint8_t **env, size_t *len)
{
    wv_error err;
    wv_secret_key *sk = NULL;
    wv_act_input in = {.kind = c->kind, .member = o->member, .item = o->item,
                       .choice = (wv_choice)o->choice, .eu_bloc = o->eu_bloc, .time = t,
                       .statement = o->statement};
    int rc = wv_cli_load_secret_key(o->key, &sk);
    if (rc == WV_EXIT_OK && wv_act_seal_for(rec, &in, sk, env, len, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    wv_secret_key_free(sk);
    return rc;
}

/* -o ACT_FILE: signed for the Secretariat, from a copy of the record. */
static int write_act(const act_cmd *c, const wf_opts *o, int64_t t)
{
    wv_record *rec = NULL;
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    int rc = wf_load(o->record, NULL, NULL, &rec);
    if (rc == WV_EXIT_OK)
        rc = seal_act(c, o, rec, t, &env, &len);
    if (rc == WV_EXIT_OK &&
        wv_file_write_atomic(o->out, env, len, 0644,
                             o->force ? WV_WRITE_REPLACE : WV_WRITE_EXCLUSIVE, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == WV_EXIT_OK)
        printf("%s: %s by %s signed for meeting %s; hand it to the Secretariat "
               "(wtovote submit)\n", o->out, NAME(c), o->member, wv_record_meeting_id(rec));
    free(env);
    wv_record_close(rec);
    return rc;
}

static void print_admitted(const act_cmd *c, const wf_opts *o, const char *label,
                           const wv_session_result *r, const wv_roster *roster)
{
    printf("%s: %s by %s", label, NAME(c), o->member);
    if (o->have_item)
        printf(" on item %u", o->item);
    if (c->kind == WV_ACT_VOTE) /* the delegation's own choice, on its own screen */
        printf(": %s", wv_choice_name(o->choice));
    if (c->kind == WV_ACT_VOTE && o->eu_bloc) /* IX:1 fn 2: a vote per member State */
        printf(" (EU bloc, %u votes)", wv_roster_eu_member_states(roster));
    if (r->duplicate)
        printf(" was already recorded as entry %" PRIu64 "\n", r->index);
    else
        printf(" admitted as entry %" PRIu64 "\n", r->index);
    printf("  receipt: %s\n", r->receipt_path);
    wf_print_effect(stdout, r);
}

static int append_or_write(const act_cmd *c, const wf_opts *o, int64_t t)
{
    const char *sec_path = o->out != NULL ? NULL : secretariat_key(o); /* -o wins */
    if (sec_path == NULL)
        return write_act(c, o, t);
    wv_session *s = NULL;
    wv_secret_key *sec = NULL;
    uint8_t *env = NULL;
    size_t len = 0;
    wv_session_result res;
    memset(&res, 0, sizeof res);
    /* --time: the operator's clock for this scripted act (the door's check
     * of delegations' clocks is for acts signed elsewhere: submit). */
    int rc = wf_open_at(o->record, sec_path, o->time != NULL ? t : 0, &sec, &s);
    /* "now" is taken again once the lock is held: another writer may have
     * appended a later act while this one waited (time never runs back). */
    if (rc == WV_EXIT_OK)
        rc = wf_time(o, &t);
    if (rc == WV_EXIT_OK)
        rc = seal_act(c, o, wv_session_record(s), t, &env, &len);
    if (rc == WV_EXIT_OK)
        rc = wf_submit(s, env, len, NAME(c), &res);
    if (rc == WV_EXIT_OK)
        print_admitted(c, o, o->record, &res, wv_record_roster(wv_session_record(s)));
    wv_session_results_clear(&res, 1);
    free(env);
    wv_session_close(s);
    wv_secret_key_free(sec);
    return rc;
}

/* --server URL: signed here for the server's meeting, posted there. */
static int post_act(const act_cmd *c, const wf_opts *o, int64_t t)
{
    int rc;
    uint8_t *env = NULL;
    size_t len = 0;
    wv_session_result res;
    memset(&res, 0, sizeof res);
    wf_remote *r = wf_remote_open(o, 0, &rc);
    const wv_record *rec = r != NULL ? wf_remote_record(r) : NULL;
    if (rc == WV_EXIT_OK)
        rc = seal_act(c, o, rec, t, &env, &len);
    if (rc == WV_EXIT_OK)
        rc = wf_remote_submit(r, o, env, len, NAME(c), &res);
    if (rc == WV_EXIT_OK)
        print_admitted(c, o, o->server, &res, wv_record_roster(rec));
    free(env);
    wf_remote_close(r);
    return rc;
}

static int run_act(const act_cmd *c, int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return act_help(c);
    wf_opts o;
    int64_t t;
    unsigned allowed = WF_O_KEY | WF_O_SECRETARIAT | WF_O_MEMBER | WF_O_TIME | WF_O_STATEMENT |
                       WF_O_OUT | WF_O_FORCE | WF_O_SERVER | (c->kind == WV_ACT_VOTE ? WF_O_CHOICE : 0) |
                       (c->kind != WV_ACT_ATTEND && c->kind != WV_ACT_LEAVE ? WF_O_ITEM : 0);
    int rc = wf_parse(argc, argv, allowed, 1, &o);
    if (rc == WV_EXIT_OK)
        rc = act_check(c, &o);
    if (rc == WV_EXIT_OK)
        rc = wf_time(&o, &t);
    if (rc == WV_EXIT_OK && o.server != NULL)
        return post_act(c, &o, t);
    return rc == WV_EXIT_OK ? append_or_write(c, &o, t) : rc;
}

int wv_cmd_attend(int argc, char **argv) { return run_act(find_act("attend"), argc, argv); }
int wv_cmd_leave(int argc, char **argv) { return run_act(find_act("leave"), argc, argv); }
int wv_cmd_object(int argc, char **argv) { return run_act(find_act("object"), argc, argv); }
int wv_cmd_withdraw(int argc, char **argv) { return run_act(find_act("withdraw"), argc, argv); }
int wv_cmd_request_vote(int argc, char **argv)
{
    return run_act(find_act("request-vote"), argc, argv);
}
int wv_cmd_accept(int argc, char **argv) { return run_act(find_act("accept"), argc, argv); }
int wv_cmd_statement(int argc, char **argv) { return run_act(find_act("statement"), argc, argv); }

/* `vote open|close` are the chair's; anything else is a ballot. */
int wv_cmd_vote(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "open") == 0)
        return wf_cmd_vote_open(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "close") == 0)
        return wf_cmd_vote_close(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        act_help(find_act("vote"));
        printf("\nsubcommands of the chair:\n  open             open the vote on an item\n"
               "  close            close the vote on an item\n");
        return WV_EXIT_OK;
    }
    return run_act(find_act("vote"), argc, argv);
}

/* ------------------------------------------------------------ submit */

static const char SUBMIT_HELP[] =
    "usage: wtovote submit RECORD -s SECRETARIAT.key ACT_FILE...\n"
    "       wtovote submit RECORD -s SECRETARIAT.key --inbox DIR\n\n"
    "The Secretariat ingests acts that delegations signed offline (wtovote act\n"
    "sign). Each act is checked (canonical, not too far ahead of this machine's\n"
    "clock, key of its Member valid at the act's time and not revoked, signature,\n"
    "meeting state machine) and appended, or refused with the reason; a refusal\n"
    "leaves the log unchanged and does not stop the others. All are written with\n"
    "one fsync. An act already in the record is answered with its entry and\n"
    "receipt and not appended again, so running submit again is always safe.\n"
    "Each admitted act gets its receipt twice: ACT_FILE.receipt beside the act,\n"
    "for the delegation, and RECORD/receipts/NNNNNN-CODE.receipt.\n\n"
    "With --inbox the acts of DIR/*.act are taken in the order of their signed\n"
    "times (then of their names): each admitted act moves to DIR/done/ with its\n"
    "receipt, each refused one to DIR/refused/ with NAME.why beside it saying why.\n\n"
    "exit codes: 0 all admitted, 1 at least one refused, 2 usage or I/O\n";

/* One file of the batch. */
typedef struct act_file {
    char *path;
    uint8_t *env;
    size_t len;
    int64_t time;
    int unreadable;   /* could not be read: I/O error named, left in place */
    char dest[1400];  /* --inbox: where it moves (done/ or refused/), or "" */
    wv_error error;
} act_file;

static void free_files(act_file *v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++) {
        free(v[i].path);
        free(v[i].env);
    }
    free(v);
}

/* An inbox's acts in the order of their signed times, then names (an
 * undecodable file sorts first: it is refused with its reason). */
static int by_time(const void *a, const void *b)
{
    const act_file *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return strcmp(x->path, y->path);
}

static int read_act(act_file *f)
{
    if (wv_file_read(f->path, WV_MAX_ENVELOPE_BYTES, &f->env, &f->len, &f->error) != WV_OK) {
        f->unreadable = 1;
        return -1;
    }
    wv_act_summary a;
    f->time = wv_act_peek(f->env, f->len, &a, NULL) == WV_OK ? a.time : INT64_MIN;
    return 0;
}

/* DIR/NAME without a doubled '/' when DIR ends with one (--inbox inbox/). */
static void join_path(char *out, size_t size, const char *dir, const char *name)
{
    size_t l = strlen(dir);
    snprintf(out, size, "%s%s%s", dir, l > 0 && dir[l - 1] == '/' ? "" : "/", name);
}

static int add_file(act_file **v, size_t *n, size_t *cap, const char *path)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        act_file *nv = realloc(*v, c * sizeof *nv);
        if (nv == NULL)
            return -1;
        *v = nv;
        *cap = c;
    }
    memset(&(*v)[*n], 0, sizeof **v);
    if (((*v)[*n].path = strdup(path)) == NULL)
        return -1;
    (*n)++;
    return 0;
}

/* The .act files directly in DIR (done/ and refused/ are sub-directories). */
static int inbox_list(const char *dir, act_file **out, size_t *n)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return wv_cli_usage_error("--inbox %s: %s", dir, strerror(errno));
    size_t cap = 0;
    int oom = 0;
    struct dirent *de;
    *out = NULL;
    *n = 0;
    while (!oom && (de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        char path[1024];
        if (l < 5 || strcmp(de->d_name + l - 4, ".act") != 0)
            continue;
        join_path(path, sizeof path, dir, de->d_name);
        oom = add_file(out, n, &cap, path) != 0;
    }
    closedir(d);
    if (oom) {
        free_files(*out, *n);
        return wv_cli_usage_error("--inbox %s: out of memory", dir);
    }
    return WV_EXIT_OK;
}

/* Under --inbox an act file moves to DIR/SUB/ (created when missing) with
 * its companion FILE.EXT (receipt or reason) written there first. The
 * companions of a batch are written without their own fsyncs, then one
 * sync, then the moves, then one more sync: a crash leaves an act in the
 * inbox (a rerun answers it again) or in place with its companion, never
 * lost. This writes the companion and says where the act goes. */
static int file_away(const char *inbox, const char *sub, act_file *f, const char *ext,
                     const void *data, size_t len)
{
    char dir[1024], side[1420];
    wv_error err;
    const char *base = strrchr(f->path, '/') ? strrchr(f->path, '/') + 1 : f->path;
    join_path(dir, sizeof dir, inbox, sub);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return wv_cli_usage_error("%s: %s", dir, strerror(errno));
    snprintf(f->dest, sizeof f->dest, "%s/%s", dir, base);
    snprintf(side, sizeof side, "%s%s", f->dest, ext);
    if (wv_file_write_atomic(side, data, len, 0644, WV_WRITE_REPLACE | WV_WRITE_DEFER_SYNC,
                             &err) != WV_OK) {
        f->dest[0] = '\0';
        return wv_cli_fail(&err);
    }
    return WV_EXIT_OK;
}

/* Syncs the companions, moves the acts, syncs the moves. */
static int move_all(const char *inbox, act_file *files, size_t n)
{
    wv_error err;
    int rc = WV_EXIT_OK;
    if (wv_sync_fs(inbox, &err) != WV_OK)
        return wv_cli_fail(&err);
    for (size_t i = 0; i < n; i++)
        if (files[i].dest[0] != '\0' && rename(files[i].path, files[i].dest) != 0)
            rc = wv_cli_usage_error("%s -> %s: %s", files[i].path, files[i].dest,
                                    strerror(errno));
    return wv_sync_fs(inbox, &err) == WV_OK ? rc : wv_cli_fail(&err);
}

static void why_text(const wv_session_result *r, char *out, size_t size)
{
    if (r->why != WV_REFUSE_NONE)
        snprintf(out, size, "%s (%s)\n", r->error.message, wv_refusal_name(r->why));
    else
        snprintf(out, size, "%s (%s)\n", r->error.message, wv_status_name(r->status));
}

/* An act file after its batch: its receipt beside it (or moved with it to
 * done/), or refused (its reason printed, and under --inbox moved to
 * refused/ with NAME.why). */
static int settle(const char *dir, const char *inbox, act_file *f,
                  const wv_session_result *r)
{
    char why[sizeof r->error.message + 64], beside[1100];
    wv_error err;
    if (r->status != WV_OK) {
        why_text(r, why, sizeof why);
        fprintf(stderr, "wtovote: %s: %s: %s", dir, f->path, why);
        if (inbox == NULL)
            return WV_EXIT_REFUSED;
        int rc = file_away(inbox, "refused", f, ".why", why, strlen(why));
        return rc == WV_EXIT_OK ? WV_EXIT_REFUSED : rc;
    }
    const char *state = r->duplicate ? "already recorded as" : "admitted as";
    if (inbox != NULL) {
        int rc = file_away(inbox, "done", f, ".receipt", r->receipt, r->receipt_len);
        if (rc == WV_EXIT_OK)
            printf("%s: %s entry %" PRIu64 "; to done/ with its receipt\n", f->path,
                   state, r->index);
        return rc;
    }
    snprintf(beside, sizeof beside, "%s.receipt", f->path);
    if (wv_file_write_atomic(beside, r->receipt, r->receipt_len, 0644,
                             WV_WRITE_REPLACE | WV_WRITE_DEFER_SYNC, &err) != WV_OK ||
        wv_sync_fs(beside, &err) != WV_OK)
        return wv_cli_fail(&err);
    printf("%s: %s entry %" PRIu64 "; receipt %s and %s\n", f->path, state, r->index, beside,
           r->receipt_path);
    return WV_EXIT_OK;
}

static int worst(int a, int b)
{
    return a == WV_EXIT_USAGE || b == WV_EXIT_USAGE ? WV_EXIT_USAGE : a > b ? a : b;
}

static int submit_all(wv_session *s, const char *inbox, act_file *files, size_t n)
{
    const char *dir = wv_record_dir(wv_session_record(s));
    const uint8_t **envs = calloc(n ? n : 1, sizeof *envs);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    wv_session_result *res = calloc(n ? n : 1, sizeof *res);
    if (envs == NULL || lens == NULL || res == NULL) {
        free(envs);
        free(lens);
        free(res);
        return wv_cli_usage_error("out of memory");
    }
    int rc = WV_EXIT_OK;
    size_t ok = 0, m = 0;
    for (size_t i = 0; i < n; i++)
        if (!files[i].unreadable) {
            envs[m] = files[i].env;
            lens[m++] = files[i].len;
        } else { /* named, left where it is */
            rc = worst(rc, wv_cli_fail(&files[i].error));
        }
    wv_error err;
    int written = wv_session_submit_many(s, envs, lens, m, res, &err) == WV_OK;
    if (!written) /* nothing of the batch acknowledged: the files stay */
        rc = wv_cli_fail(&err);
    for (size_t i = 0, k = 0; written && i < n; i++) {
        if (files[i].unreadable)
            continue;
        int r = settle(dir, inbox, &files[i], &res[k]);
        ok += r == WV_EXIT_OK;
        rc = worst(rc, r);
        k++;
    }
    if (written && inbox != NULL)
        rc = worst(rc, move_all(inbox, files, n));
    printf("%s: %zu of %zu act(s) in the record\n", dir, ok, n);
    wv_session_results_clear(res, m);
    free(res);
    free(envs);
    free(lens);
    return rc;
}

static int load_files(const wf_opts *o, act_file **files, size_t *n)
{
    size_t cap = 0;
    int rc = WV_EXIT_OK;
    if (o->inbox != NULL)
        rc = inbox_list(o->inbox, files, n);
    else
        for (int i = 0; rc == WV_EXIT_OK && i < o->n_operands; i++)
            if (add_file(files, n, &cap, o->operands[i]) != 0)
                rc = wv_cli_usage_error("out of memory");
    for (size_t i = 0; rc == WV_EXIT_OK && i < *n; i++)
        read_act(&(*files)[i]);
    if (rc == WV_EXIT_OK && o->inbox != NULL && *n > 1)
        qsort(*files, *n, sizeof **files, by_time);
    return rc;
}

int wv_cmd_submit(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(SUBMIT_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int rc = wf_parse(argc, argv, WF_O_KEY | WF_O_INBOX, 1, &o);
    if (rc == WV_EXIT_OK && o.key == NULL)
        rc = wv_cli_usage_error("submit: needs -s SECRETARIAT.key");
    if (rc == WV_EXIT_OK && (o.inbox != NULL) == (o.n_operands > 0))
        rc = wv_cli_usage_error("submit: give ACT_FILE... or --inbox DIR (one of them)");
    if (rc != WV_EXIT_OK)
        return rc;
    act_file *files = NULL;
    size_t n = 0;
    wv_secret_key *sk = NULL;
    wv_session *s = NULL;
    rc = load_files(&o, &files, &n);
    if (rc == WV_EXIT_OK)
        rc = wf_open(o.record, o.key, &sk, &s);
    if (rc == WV_EXIT_OK)
        rc = submit_all(s, o.inbox, files, n);
    wv_session_close(s);
    wv_secret_key_free(sk);
    free_files(files, n);
    return rc;
}
