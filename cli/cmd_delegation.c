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
#include <unistd.h>

#include "cli.h"
#include "cli_roster.h"
#include "workflow.h"
#include "wtovote/util.h"

static const char ACT_HELP[] =
    "usage: wtovote %s RECORD --member CODE -s KEY%s [--statement TEXT]\n"
    "                 [--time DATE|now] (-S SECRETARIAT.key | -o ACT_FILE)\n\n"
    "%s\n"
    "The act is signed with the delegation's key KEY (a key of Member CODE in the\n"
    "record's roster). With the Secretariat's key (-S, or $WTOVOTE_SECRETARIAT_KEY)\n"
    "it is appended at once and its receipt written to\n"
    "RECORD/receipts/NNNNNN-CODE.receipt (NNNNNN: its leaf index); with -o (which\n"
    "takes precedence) the signed act is written to ACT_FILE for `wtovote submit`.\n"
    "An inadmissible act is refused with the state machine's reason and the log\n"
    "is left unchanged.\n\n"
    "exit codes: 0 admitted (or written), 1 refused, 2 usage or I/O\n";

typedef struct act_cmd {
    const char *name;
    wv_act_kind kind;
    const char *args; /* extra usage */
    const char *what;
} act_cmd;

static const act_cmd ACTS[] = {
    {"attend", WV_ACT_ATTEND, "", "Records that the Member's delegation is present (quorum, consensus)."},
    {"leave", WV_ACT_LEAVE, "", "Records that the delegation has left the room."},
    {"object", WV_ACT_OBJECT, " --item N",
     "A formal objection to the proposed decision while consensus is sought\n"
     "(Art. IX:1 fn 1); --statement gives the reason. For DSB reverse consensus,\n"
     "an objection to the negative decision."},
    {"withdraw", WV_ACT_WITHDRAW, " --item N", "Withdraws the Member's objection."},
    {"vote", WV_ACT_VOTE, " --item N --choice yes|no|abstain [--eu-bloc]",
     "A ballot while the vote on item N is open. The EU votes only as its 27-vote\n"
     "bloc (--eu-bloc, Art. IX:1 fn 2), and then its member States do not vote.\n"
     "(The chair's `wtovote vote open|close` are described by wtovote vote open --help.)"},
    {"request-vote", WV_ACT_REQUEST_VOTE, " --item N",
     "Requests a vote at the time of decision (WT/L/93: waivers, accessions)."},
    {"accept", WV_ACT_ACCEPT, " --item N",
     "Deposits the Member's acceptance of an amendment (Art. X:7), within its\n"
     "period of acceptance; admitted after the meeting has closed too."},
    {"statement", WV_ACT_STATEMENT, " --item N",
     "A statement for the record on agenda item N (the wire format gives every act\n"
     "but attend and leave an item)."},
};

static const act_cmd *find_act(const char *name)
{
    for (size_t i = 0; i < sizeof ACTS / sizeof ACTS[0]; i++)
        if (strcmp(ACTS[i].name, name) == 0)
            return &ACTS[i];
    return NULL;
}

static int act_help(const act_cmd *c)
{
    printf(ACT_HELP, c->name, c->args, c->what);
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
                                  c->name, c->name);
    int needs_item = c->kind != WV_ACT_ATTEND && c->kind != WV_ACT_LEAVE;
    if (needs_item && !o->have_item)
        return wv_cli_usage_error("%s: needs --item N", c->name);
    if ((c->kind == WV_ACT_ATTEND || c->kind == WV_ACT_LEAVE) && o->have_item)
        return wv_cli_usage_error("%s: takes no --item (attendance is for the meeting)", c->name);
    if (c->kind == WV_ACT_VOTE && o->choice == 0)
        return wv_cli_usage_error("vote: needs --choice yes|no|abstain");
    if (secretariat_key(o) == NULL && o->out == NULL)
        return wv_cli_usage_error("%s: needs -S SECRETARIAT.key (or $WTOVOTE_SECRETARIAT_KEY) to "
                                  "append, or -o ACT_FILE to write the signed act", c->name);
    if (o->n_operands != 0)
        return wv_cli_usage_error("%s: unexpected argument '%s'", c->name, o->operands[0]);
    return WV_EXIT_OK;
}

static int seal_act(const act_cmd *c, const wf_opts *o, const char *meeting_id, int64_t t,
                    uint8_t **env, size_t *len)
{
    wv_act a;
    wv_error err;
    wv_secret_key *sk = NULL;
    wtovote__v1__act__init(&a);
    a.version = WV_WIRE_VERSION;
    a.meeting_id = (char *)meeting_id;
    a.member = (char *)o->member;
    a.kind = (Wtovote__V1__ActKind)c->kind;
    a.item = o->item;
    a.choice = (Wtovote__V1__Choice)o->choice;
    a.eu_bloc = o->eu_bloc;
    a.time = t;
    a.statement = (char *)(o->statement ? o->statement : "");
    int rc = wv_cli_load_secret_key(o->key, &sk);
    if (rc == WV_EXIT_OK &&
        wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base, sk, env, len, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    wv_secret_key_free(sk);
    return rc;
}

/* What the act changed, in a sentence with its rule. */
static void print_effect(const wv_record *rec, const act_cmd *c, const wf_opts *o)
{
    wv_item_info it;
    const wv_meeting *m = wv_record_meeting(rec);
    if (c->kind == WV_ACT_ATTEND || c->kind == WV_ACT_LEAVE) {
        wv_meeting_info mi;
        wv_meeting_get_info(m, &mi);
        printf("  present now: %u of %u Members\n", mi.present, mi.members);
        return;
    }
    if (!o->have_item || wf_item(m, o->item, &it) < 0)
        return;
    if (c->kind == WV_ACT_OBJECT || c->kind == WV_ACT_WITHDRAW)
        printf("  item %u: %u formal objection(s) in force%s\n", o->item, it.objections,
               wv_procedure_is_reverse_consensus(it.procedure)
                   ? (it.objections ? ": no consensus against the action, it will be taken "
                                      "[DSU 6.1, 16.4, 17.14, 22.6]" : "")
                   : (it.objections ? ": consensus cannot be reached [Art. IX:1 fn 1]"
                                    : ": consensus stands if none is raised [Art. IX:1 fn 1]"));
    else if (c->kind == WV_ACT_REQUEST_VOTE)
        printf("  item %u: %u request(s) for a vote [WT/L/93]\n", o->item, it.vote_requests);
    else if (c->kind == WV_ACT_ACCEPT)
        printf("  item %u: %u acceptance(s) deposited [Art. X:7]\n", o->item, it.acceptances);
    else if (c->kind == WV_ACT_VOTE)
        printf("  ballot recorded; results are shown when the vote closes "
               "(wtovote status --show-running shows them now)\n");
}

static int append_or_write(const act_cmd *c, const wf_opts *o, int64_t t)
{
    wv_record *rec = NULL;
    wv_secret_key *sec = NULL;
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    const char *sec_path = o->out != NULL ? NULL : secretariat_key(o); /* -o wins */
    int rc = sec_path != NULL ? wf_open(o->record, sec_path, &sec, &rec)
                              : wf_load(o->record, NULL, NULL, &rec);
    if (rc == WV_EXIT_OK)
        rc = seal_act(c, o, wv_record_meeting_id(rec), t, &env, &len);
    if (rc == WV_EXIT_OK && sec_path == NULL) {
        if (wv_file_write_atomic(o->out, env, len, 0644,
                                 o->force ? WV_WRITE_REPLACE : WV_WRITE_EXCLUSIVE, &err) != WV_OK)
            rc = wv_cli_fail(&err);
        else
            printf("%s: %s by %s signed for meeting %s; hand it to the Secretariat "
                   "(wtovote submit)\n", o->out, c->name, o->member, wv_record_meeting_id(rec));
    } else if (rc == WV_EXIT_OK) {
        char receipt[800];
        uint64_t index;
        rc = wf_act_append(rec, env, len, c->name, &index, receipt, sizeof receipt);
        if (rc == WV_EXIT_OK) {
            printf("%s: %s by %s", o->record, c->name, o->member);
            if (o->have_item)
                printf(" on item %u", o->item);
            if (c->kind == WV_ACT_VOTE)
                printf(": %s%s", wf_choice_name(o->choice), o->eu_bloc ? " (EU bloc, 27 votes)" : "");
            printf(" admitted as entry %" PRIu64 "\n  receipt: %s\n", index, receipt);
            print_effect(rec, c, o);
        }
    }
    free(env);
    wv_record_close(rec);
    wv_secret_key_free(sec);
    return rc;
}

static int run_act(const act_cmd *c, int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return act_help(c);
    wf_opts o;
    int64_t t;
    unsigned allowed = WF_O_KEY | WF_O_SECRETARIAT | WF_O_MEMBER | WF_O_TIME | WF_O_STATEMENT |
                       WF_O_OUT | WF_O_FORCE | (c->kind == WV_ACT_VOTE ? WF_O_CHOICE : 0) |
                       (c->kind != WV_ACT_ATTEND && c->kind != WV_ACT_LEAVE ? WF_O_ITEM : 0);
    int rc = wf_parse(argc, argv, allowed, 1, &o);
    if (rc == WV_EXIT_OK)
        rc = act_check(c, &o);
    if (rc == WV_EXIT_OK)
        rc = wf_time(&o, &t);
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
    "sign), in the order given (--inbox: every DIR/*.act in name order that has no\n"
    "receipt yet). Each act is checked (canonical, key of its Member valid at the\n"
    "act's time and not revoked, signature, meeting state machine) and appended,\n"
    "or refused with the reason; a refusal leaves the log unchanged and does not\n"
    "stop the other files. Each admitted act gets its receipt twice: ACT_FILE.receipt\n"
    "beside the act, for the delegation, and RECORD/receipts/NNNNNN-CODE.receipt.\n\n"
    "exit codes: 0 all admitted, 1 at least one refused, 2 usage or I/O\n";

static int submit_one(wv_record *rec, const char *path)
{
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    if (wv_file_read(path, WV_MAX_ENVELOPE_BYTES, &env, &len, &err) != WV_OK)
        return wv_cli_fail(&err);
    char receipt[800];
    uint64_t index;
    int rc = wf_act_append(rec, env, len, path, &index, receipt, sizeof receipt);
    free(env);
    if (rc != WV_EXIT_OK)
        return rc;
    uint8_t *rb = NULL;
    size_t rlen = 0;
    char beside[800];
    snprintf(beside, sizeof beside, "%s.receipt", path);
    if (wv_file_read(receipt, WV_MAX_ENVELOPE_BYTES, &rb, &rlen, &err) != WV_OK ||
        wv_file_write_atomic(beside, rb, rlen, 0644, WV_WRITE_REPLACE, &err) != WV_OK) {
        rc = wv_cli_fail(&err);
        fprintf(stderr, "wtovote: %s: the act WAS recorded, as entry %" PRIu64 ", with its "
                "receipt %s; copy it, or `wtovote receipt make %s --index %" PRIu64 " -o %s`\n",
                path, index, receipt, wv_record_dir(rec), index, beside);
    }
    free(rb);
    if (rc == WV_EXIT_OK)
        printf("%s: admitted as entry %" PRIu64 "; receipt %s and %s\n", path, index, beside,
               receipt);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* DIR/NAME without a doubled '/' when DIR ends with one (--inbox inbox/). */
static void join_path(char *out, size_t size, const char *dir, const char *name)
{
    size_t l = strlen(dir);
    snprintf(out, size, "%s%s%s", dir, l > 0 && dir[l - 1] == '/' ? "" : "/", name);
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++)
        free(v[i]);
    free(v);
}

/* The .act files of DIR without a .act.receipt beside them, sorted by name. */
static int inbox_list(const char *dir, char ***out, size_t *n)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return wv_cli_usage_error("--inbox %s: %s", dir, strerror(errno));
    size_t cap = 0, k = 0;
    char **v = NULL;
    int oom = 0;
    struct dirent *de;
    while (!oom && (de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".act") != 0)
            continue;
        char path[1024], rpath[1040];
        join_path(path, sizeof path, dir, de->d_name);
        snprintf(rpath, sizeof rpath, "%s.receipt", path);
        if (access(rpath, F_OK) == 0) /* already ingested */
            continue;
        if (k == cap) {
            char **nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof *v);
            if (nv == NULL)
                oom = 1;
            else
                v = nv;
        }
        if (!oom && (v[k] = strdup(path)) == NULL)
            oom = 1;
        else if (!oom)
            k++;
    }
    closedir(d);
    if (oom) {
        free_list(v, k);
        return wv_cli_usage_error("--inbox %s: out of memory", dir);
    }
    if (k > 0)
        qsort(v, k, sizeof *v, name_cmp);
    *out = v;
    *n = k;
    return WV_EXIT_OK;
}

static int submit_all(wv_record *rec, char **files, size_t n)
{
    int rc = WV_EXIT_OK;
    size_t ok = 0;
    for (size_t i = 0; i < n; i++) {
        int r = submit_one(rec, files[i]);
        if (r == WV_EXIT_OK)
            ok++;
        else if (rc == WV_EXIT_OK || r == WV_EXIT_USAGE)
            rc = r;
    }
    printf("%s: %zu of %zu act(s) admitted\n", wv_record_dir(rec), ok, n);
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
    char **files = o.operands;
    size_t n = (size_t)o.n_operands;
    if (o.inbox != NULL && (rc = inbox_list(o.inbox, &files, &n)) != WV_EXIT_OK)
        return rc;
    wv_secret_key *sk;
    wv_record *rec;
    rc = wf_open(o.record, o.key, &sk, &rec);
    if (rc == WV_EXIT_OK)
        rc = submit_all(rec, files, n);
    wv_record_close(rec);
    wv_secret_key_free(sk);
    if (o.inbox != NULL)
        free_list(files, n);
    return rc;
}
