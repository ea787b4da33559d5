/* Shared pieces of the meeting workflow commands (cli/workflow.h). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_roster.h"
#include "workflow.h"
#include "wtovote/util.h"

/* ------------------------------------------------------------ options */

enum {
    OPT_ROSTER = 300, OPT_BODY, OPT_ID, OPT_TITLE, OPT_QUORUM, OPT_HOST, OPT_PROCEDURE,
    OPT_PERIOD, OPT_PARTIES, OPT_DEADLINE, OPT_PROPONENT, OPT_CIRC, OPT_TERMS, OPT_TERMINATION,
    OPT_TRANSITION, OPT_RUNNING, OPT_CSV, OPT_INBOX, OPT_SEED, OPT_QUIET, OPT_JSON, OPT_TIME,
    OPT_STATEMENT, OPT_EU_BLOC, OPT_CHOICE, OPT_MEMBER, OPT_ITEM, OPT_WTL93, OPT_COUNCIL,
    OPT_SERVER, OPT_TOKEN_FILE, OPT_PUB, OPT_CACERT, OPT_NEW_KEY, OPT_FINGERPRINT
};

static const struct option LONGS[] = {
    {"secret-key", required_argument, NULL, 's'},
    {"secretariat-key", required_argument, NULL, 'S'},
    {"output", required_argument, NULL, 'o'},
    {"out", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, 'f'},
    {"item", required_argument, NULL, OPT_ITEM},
    {"member", required_argument, NULL, OPT_MEMBER},
    {"choice", required_argument, NULL, OPT_CHOICE},
    {"eu-bloc", no_argument, NULL, OPT_EU_BLOC},
    {"time", required_argument, NULL, OPT_TIME},
    {"statement", required_argument, NULL, OPT_STATEMENT},
    {"json", no_argument, NULL, OPT_JSON},
    {"roster", required_argument, NULL, OPT_ROSTER},
    {"body", required_argument, NULL, OPT_BODY},
    {"id", required_argument, NULL, OPT_ID},
    {"title", required_argument, NULL, OPT_TITLE},
    {"quorum", required_argument, NULL, OPT_QUORUM},
    {"host", required_argument, NULL, OPT_HOST},
    {"wtl93", required_argument, NULL, OPT_WTL93},
    {"procedure", required_argument, NULL, OPT_PROCEDURE},
    {"period", required_argument, NULL, OPT_PERIOD},
    {"consensus-period", required_argument, NULL, OPT_PERIOD},
    {"parties", required_argument, NULL, OPT_PARTIES},
    {"council-report", required_argument, NULL, OPT_COUNCIL},
    {"acceptance-deadline", required_argument, NULL, OPT_DEADLINE},
    {"proponent", required_argument, NULL, OPT_PROPONENT},
    {"circumstances", required_argument, NULL, OPT_CIRC},
    {"terms", required_argument, NULL, OPT_TERMS},
    {"termination", required_argument, NULL, OPT_TERMINATION},
    {"transition-obligation", no_argument, NULL, OPT_TRANSITION},
    {"show-running", no_argument, NULL, OPT_RUNNING},
    {"csv", no_argument, NULL, OPT_CSV},
    {"inbox", required_argument, NULL, OPT_INBOX},
    {"seed", required_argument, NULL, OPT_SEED},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"server", required_argument, NULL, OPT_SERVER},
    {"token-file", required_argument, NULL, OPT_TOKEN_FILE},
    {"pub", required_argument, NULL, OPT_PUB},
    {"cacert", required_argument, NULL, OPT_CACERT},
    {"new-key", required_argument, NULL, OPT_NEW_KEY},
    {"fingerprint", required_argument, NULL, OPT_FINGERPRINT},
    {NULL, 0, NULL, 0}};

/* Which mask bit each option belongs to. */
static unsigned option_bit(int c)
{
    switch (c) {
    case 's': return WF_O_KEY;
    case 'S': return WF_O_SECRETARIAT;
    case 'o': return WF_O_OUT | WF_O_DEMO;
    case 'f': return WF_O_FORCE;
    case OPT_ITEM: return WF_O_ITEM;
    case OPT_MEMBER: return WF_O_MEMBER;
    case OPT_CHOICE: case OPT_EU_BLOC: return WF_O_CHOICE;
    case OPT_TIME: return WF_O_TIME;
    case OPT_STATEMENT: return WF_O_STATEMENT;
    case OPT_JSON: return WF_O_JSON;
    case OPT_ROSTER: case OPT_BODY: case OPT_ID: case OPT_QUORUM: case OPT_HOST: case OPT_WTL93:
        return WF_O_MEETING;
    case OPT_TITLE: return WF_O_MEETING | WF_O_MOTION;
    case OPT_RUNNING: return WF_O_RUNNING;
    case OPT_CSV: return WF_O_CSV;
    case OPT_INBOX: return WF_O_INBOX;
    case OPT_SEED: case OPT_QUIET: return WF_O_DEMO;
    case OPT_SERVER: case OPT_TOKEN_FILE: case OPT_PUB: case OPT_CACERT: return WF_O_SERVER;
    case OPT_NEW_KEY: case OPT_FINGERPRINT: return WF_O_ENROL;
    default: return WF_O_MOTION;
    }
}

static int parse_u32(const char *what, const char *text, uint32_t min, uint32_t *out)
{
    long long v = wv_cli_parse_uint(text, 0xFFFFFFFFLL);
    if (v < (long long)min)
        return wv_cli_usage_error("%s: '%s' is not a number%s", what, text,
                                  min ? " from 1" : "");
    *out = (uint32_t)v;
    return WV_EXIT_OK;
}

static int parse_quorum(const char *text, wf_opts *o)
{
    const char *slash = strchr(text, '/');
    char num[16];
    if (slash == NULL || (size_t)(slash - text) >= sizeof num)
        return wv_cli_usage_error("--quorum: '%s' is not NUM/DEN", text);
    memcpy(num, text, (size_t)(slash - text));
    num[slash - text] = '\0';
    if (parse_u32("--quorum", num, 1, &o->quorum_num) != 0 ||
        parse_u32("--quorum", slash + 1, 1, &o->quorum_den) != 0)
        return WV_EXIT_USAGE;
    return WV_EXIT_OK;
}

static int set_string_option(int c, wf_opts *o)
{
    const char **slot = NULL;
    switch (c) {
    case 's': slot = &o->key; break;
    case 'S': slot = &o->secretariat; break;
    case 'o': slot = &o->out; break;
    case OPT_MEMBER: slot = &o->member; break;
    case OPT_TIME: slot = &o->time; break;
    case OPT_STATEMENT: slot = &o->statement; break;
    case OPT_ROSTER: slot = &o->roster; break;
    case OPT_BODY: slot = &o->body; break;
    case OPT_ID: slot = &o->id; break;
    case OPT_TITLE: slot = &o->title; break;
    case OPT_HOST: slot = &o->host; break;
    case OPT_PROCEDURE: slot = &o->procedure; break;
    case OPT_PARTIES: slot = &o->parties; break;
    case OPT_COUNCIL: slot = &o->council_report; break;
    case OPT_DEADLINE: slot = &o->deadline; break;
    case OPT_PROPONENT: slot = &o->proponent; break;
    case OPT_CIRC: slot = &o->circumstances; break;
    case OPT_TERMS: slot = &o->terms; break;
    case OPT_TERMINATION: slot = &o->termination; break;
    case OPT_INBOX: slot = &o->inbox; break;
    case OPT_SEED: slot = &o->seed; break;
    case OPT_SERVER: slot = &o->server; break;
    case OPT_TOKEN_FILE: slot = &o->token_file; break;
    case OPT_PUB: slot = &o->pub; break;
    case OPT_CACERT: slot = &o->cacert; break;
    case OPT_NEW_KEY: slot = &o->new_key; break;
    case OPT_FINGERPRINT: slot = &o->fingerprint; break;
    default: return 0;
    }
    *slot = optarg;
    return 1;
}

static int set_option(int c, wf_opts *o)
{
    if (set_string_option(c, o))
        return WV_EXIT_OK;
    switch (c) {
    case 'f': o->force = 1; return WV_EXIT_OK;
    case OPT_EU_BLOC: o->eu_bloc = 1; return WV_EXIT_OK;
    case OPT_JSON: o->json = 1; return WV_EXIT_OK;
    case OPT_RUNNING: o->running = 1; return WV_EXIT_OK;
    case OPT_CSV: o->csv = 1; return WV_EXIT_OK;
    case OPT_QUIET: o->quiet = 1; return WV_EXIT_OK;
    case OPT_TRANSITION: o->transition = 1; return WV_EXIT_OK;
    case OPT_QUORUM: return parse_quorum(optarg, o);
    case OPT_WTL93:
        return wv_cli_parse_wtl93(optarg, &o->wtl93);
    case OPT_PERIOD: return parse_u32("--period", optarg, 0, &o->period);
    case OPT_ITEM:
        o->have_item = 1;
        return parse_u32("--item", optarg, 1, &o->item);
    case OPT_CHOICE:
        if ((o->choice = wv_choice_from_name(optarg)) < 0)
            return wv_cli_usage_error("--choice: '%s' is not yes, no or abstain", optarg);
        return WV_EXIT_OK;
    default:
        return WV_EXIT_USAGE;
    }
}

int wf_parse(int argc, char **argv, unsigned allowed, int need_record, wf_opts *o)
{
    memset(o, 0, sizeof *o);
    int c, rc = WV_EXIT_OK;
    optind = 1;
    opterr = 0;
    /* The leading ':' makes a missing value ':' rather than '?'. */
    while (rc == WV_EXIT_OK && (c = getopt_long(argc, argv, ":s:S:o:f", LONGS, NULL)) != -1) {
        if (c == ':')
            return wv_cli_usage_error("%s: option '%s' needs a value (see wtovote %s --help)",
                                      argv[0], argv[optind - 1], argv[0]);
        if (c == '?' || (option_bit(c) & allowed) == 0)
            return wv_cli_usage_error("%s: option '%s' not understood here (see wtovote %s "
                                      "--help)", argv[0], argv[optind - 1], argv[0]);
        rc = set_option(c, o);
    }
    opterr = 1;
    if (rc != WV_EXIT_OK)
        return rc;
    if (o->server == NULL && (o->token_file || o->pub || o->cacert))
        return wv_cli_usage_error("%s: --token-file, --pub and --cacert go with --server URL",
                                  argv[0]);
    if (need_record && !(o->server != NULL && optind >= argc)) {
        if (optind >= argc)
            return wv_cli_usage_error("%s: needs RECORD, a record directory (see wtovote %s "
                                      "--help)", argv[0], argv[0]);
        o->record = argv[optind++];
    }
    o->operands = argv + optind;
    o->n_operands = argc - optind;
    return WV_EXIT_OK;
}

int wf_time(const wf_opts *o, int64_t *out)
{
    return wv_cli_parse_time_arg("--time", o->time ? o->time : "now", out);
}

/* ------------------------------------------------------------ records */

static int64_t fixed_clock(void *ctx)
{
    return *(const int64_t *)ctx;
}

int wf_open(const char *dir, const char *key_path, wv_secret_key **sk, wv_session **s)
{
    return wf_open_at(dir, key_path, 0, sk, s);
}

int wf_open_at(const char *dir, const char *key_path, int64_t clock, wv_secret_key **sk,
               wv_session **s)
{
    static int64_t at; /* one session per command */
    wv_error err;
    *sk = NULL;
    *s = NULL;
    long long wait_ms = wv_cli_lock_wait_ms();
    if (wait_ms < 0)
        return WV_EXIT_USAGE;
    int rc = wv_cli_load_secret_key(key_path, sk);
    if (rc != WV_EXIT_OK)
        return rc;
    at = clock;
    wv_session_options opt = {.write_receipts = 1,
                              .lock_wait_ms = wait_ms > 0 ? wait_ms : WV_LOCK_NO_WAIT};
    if (clock != 0) {
        opt.clock = fixed_clock;
        opt.clock_ctx = &at;
    }
    if (wv_session_open(dir, *sk, &opt, s, &err) != WV_OK) {
        wv_secret_key_free(*sk);
        *sk = NULL;
        if (strncmp(err.message, dir, strlen(dir)) != 0)
            wv_error_prefix(&err, "%s", dir);
        rc = wv_cli_fail(&err);
        if (err.code == WV_ERR_LOG_TORN)
            fprintf(stderr, "wtovote: nothing was written; repair the log first: wtovote record "
                    "repair %s (it keeps the removed bytes)\n", dir);
        return rc;
    }
    const char *repaired = wv_record_recovery_message(wv_session_record(*s));
    if (repaired != NULL)
        fprintf(stderr, "wtovote: %s\n", repaired);
    return WV_EXIT_OK;
}

int wf_load(const char *dir, wv_record_visit_fn visit, void *ctx, wv_record **rec)
{
    wv_error err;
    if (wv_record_load(dir, visit, ctx, rec, &err) != WV_OK) {
        if (strncmp(err.message, dir, strlen(dir)) != 0)
            wv_error_prefix(&err, "%s", dir);
        return wv_cli_fail(&err);
    }
    return WV_EXIT_OK;
}

static int refused(const char *where, const wv_error *err, wv_refusal why)
{
    wv_error e = *err;
    if (why != WV_REFUSE_NONE) {
        size_t n = strlen(e.message);
        snprintf(e.message + n, sizeof e.message - n, " (%s)", wv_refusal_name(why));
    }
    wv_error_prefix(&e, "%s", where);
    return wv_cli_fail(&e);
}

int wf_chair(wv_session *s, const wv_chair_input *in, wv_session_result *res)
{
    wv_error err;
    memset(res, 0, sizeof *res);
    if (wv_session_chair(s, in, res, &err) == WV_OK)
        return WV_EXIT_OK;
    return refused(wv_record_dir(wv_session_record(s)), &res->error, res->why);
}

int wf_submit(wv_session *s, const uint8_t *env, size_t len, const char *source,
              wv_session_result *res)
{
    wv_error err;
    const char *dir = wv_record_dir(wv_session_record(s));
    memset(res, 0, sizeof *res);
    if (wv_session_submit(s, env, len, res, &err) != WV_OK) {
        char where[700];
        snprintf(where, sizeof where, "%s: %s", dir, source);
        return refused(where, &res->error, res->why);
    }
    if (res->is_chair || res->receipt_path[0] != '\0')
        return WV_EXIT_OK;
    fprintf(stderr, "wtovote: %s: %s: the act WAS recorded, as entry %" PRIu64 ", but its "
            "receipt was not written (%s); running the same command again is safe (the act "
            "is recorded once) and writes it, or `wtovote receipt make %s --index %" PRIu64
            "`\n", dir, source, res->index, res->error.message, dir, res->index);
    return WV_EXIT_USAGE;
}

void wf_print_effect(FILE *out, const wv_session_result *r)
{
    if (r->citation != NULL && r->citation[0] != '\0')
        fprintf(out, "  %s [%s]\n", r->effect, r->citation);
    else
        fprintf(out, "  %s\n", r->effect);
}

/* ------------------------------------------------------------ words */

void wf_print_decision(FILE *out, const wv_decision *d, const wv_item_info *it,
                       const char *indent)
{
    fprintf(out, "%soutcome: %s (stage: %s)\n", indent, wv_outcome_name(d->outcome),
            wv_stage_name(d->stage));
    if (d->stage == WV_STAGE_ACCEPTANCE && it != NULL) {
        fprintf(out, "%sacceptances: %u deposited", indent, it->acceptances);
        if (d->has_required)
            fprintf(out, "; %u needed", d->required);
        fputs(" [Art. X:7]\n", out);
    } else if (d->has_required) {
        fprintf(out, "%scounts: %u yes, %u no, %u abstaining; %u needed\n", indent, d->yes,
                d->no, d->abstain, d->required);
    }
    if (it != NULL && d->stage != WV_STAGE_ACCEPTANCE)
        fprintf(out, "%spresent: %u of %u; objections in force: %u\n", indent, it->present,
                it->eligible, it->objections);
    for (size_t i = 0; i < d->n_steps; i++)
        fprintf(out, "%s  %zu. [%s] %s\n", indent, i + 1, d->steps[i].citation,
                d->steps[i].text);
}

void wf_print_procedure(FILE *out, const wv_procedure *p, const char *indent)
{
    fprintf(out, "%sprocedure: %s, %s [%s]\n", indent, wv_procedure_id(p), wv_procedure_title(p),
            wv_procedure_citation(p));
    for (size_t i = 0; i < wv_procedure_stage_count(p); i++) {
        const wv_stage_info *s = wv_procedure_stage_at(p, i);
        fprintf(out, "%s  %zu. %s: %s [%s]\n", indent, i + 1, wv_stage_name(s->stage), s->text,
                s->citation);
    }
    const wv_threshold *th = wv_procedure_threshold(p);
    if (th != NULL && th->den != 0)
        fprintf(out, "%s  threshold: %s [%s]\n", indent, th->words, th->citation);
    const wv_threshold *limb = wv_procedure_extra_limb(p);
    if (limb != NULL)
        fprintf(out, "%s  and: %s [%s]\n", indent, limb->words, limb->citation);
    const wv_rule_note *who = wv_procedure_competence(p);
    fprintf(out, "%s  decided by: %s [%s]\n", indent, who->text, who->citation);
    for (size_t i = 0; i < wv_procedure_condition_count(p); i++) {
        const wv_rule_note *c = wv_procedure_condition_at(p, i);
        fprintf(out, "%s  - %s [%s]\n", indent, c->text, c->citation);
    }
}

int wf_item(const wv_meeting *m, uint32_t item, wv_item_info *out)
{
    int idx = wv_meeting_item_find(m, item);
    if (idx < 0)
        return -1;
    return wv_meeting_item_at(m, (size_t)idx, out) < 0 ? -1 : idx;
}
