/* wtovote verify RECORD_DIR: the independent check of a whole record, in
 * numbered steps V1..V10 (SPEC.md, "Verification steps"). Exit 0 when every
 * step passes, 1 when one fails, 2 when the input cannot be read. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "net_client.h"
#include "verify_url.h"
#include "wtovote/record.h"
#include "wtovote/util.h"

static void usage(void)
{
    printf("usage: wtovote verify RECORD_DIR [--json] [--jobs N] [--since CHECKPOINT_FILE]\n"
           "                      [--pub SECRETARIAT.pub]\n"
           "       wtovote verify URL [--follow [--interval MS] [--max-seconds S]\n"
           "                      [--max-checkpoints N]] [--cacert CERT.pem] [options above]\n\n"
           "Re-checks a record from its files alone, in one streaming pass:\n"
           "  V1  roster signature           V6  admissibility (meeting replay)\n"
           "  V2  log format                 V7  published decisions re-derived\n"
           "  V3  canonical encoding         V8  checkpoint signature\n"
           "  V4  keys valid at time of use  V9  Merkle root equals checkpoint\n"
           "  V5  envelope signatures        V10 consistency with --since checkpoint\n"
           "Each step reports pass or fail with the first offending entry and why.\n\n"
           "  --jobs N     check signatures on N threads (same result for any N)\n"
           "  --since F    an earlier signed checkpoint of this record: prove the\n"
           "               current one extends it, and check signatures only of the\n"
           "               entries after it (everything else is still re-checked)\n"
           "  --pub F      require the roster to be signed by this Secretariat key\n"
           "  --json       print the steps as JSON\n\n"
           "URL: a record published by `wtovote serve` (URL/record/): its files are\n"
           "downloaded into a private temporary directory (the log up to the checkpoint\n"
           "fetched) and verified the same way. --follow polls for new checkpoints\n"
           "(every --interval ms, default 1000) and verifies each against the last with\n"
           "a consistency proof (V10), printing the decisions as they land; it stops\n"
           "after --max-seconds or --max-checkpoints (0: never) or at the first failure\n"
           "(a server rewriting history fails V10). --cacert trusts a self-signed\n"
           "server certificate.\n"
           "Whole entries after the checkpoint (a writer stopped before signing them) are\n"
           "checked like the others and reported as an unacknowledged tail; V9 then holds\n"
           "the checkpoint to the entries it covers.\n\n"
           "Exit 0 every step passed (also with an unacknowledged tail), 1 a step failed,\n"
           "2 usage or unreadable input.\n");
}

static const char *status_word(const wv_verify_step *s)
{
    return !s->run ? "not run" : s->passed ? "pass" : "fail";
}

static json_t *step_json(const wv_verify_step *s)
{
    char id[8];
    snprintf(id, sizeof id, "V%d", (int)s->id);
    json_t *o = json_pack("{s:s, s:s, s:s, s:I}", "step", id, "name", s->name, "status",
                          status_word(s), "checked", (json_int_t)s->checked);
    if (s->run && !s->passed) {
        json_object_set_new(o, "reason", json_string(s->reason));
        json_object_set_new(o, "first_index",
                            s->first_index >= 0 ? json_integer(s->first_index) : json_null());
    }
    return o;
}

/* The trusted key as a person compares it: minisign's key id and the
 * base64 line of its .pub file. 0 when the roster named no key. */
static int trusted_key(const wv_verify_report *rep, char id[17], char line[128])
{
    char *text = NULL;
    wv_error err;
    if (!rep->has_secretariat || wv_public_key_format(&rep->secretariat, &text, &err) != WV_OK)
        return 0;
    wv_key_id_format(rep->secretariat.key_id, id);
    const char *nl = strchr(text, '\n');
    snprintf(line, 128, "%.*s", nl ? (int)strcspn(nl + 1, "\n") : 0, nl ? nl + 1 : "");
    free(text);
    return 1;
}

#define TRUST_WARNING                                                                   \
    "no --pub given: the Secretariat key was taken from the record itself, so a forged " \
    "record carrying its own key would pass too"
#define TRUST_ADVICE                                                                    \
    "compare this key id with the Secretariat's published key, or pass --pub "           \
    "SECRETARIAT.pub"

/* Whom the verdict trusts (SPEC.md, "Verification steps": trust). */
static json_t *trust_json(const wv_verify_report *rep)
{
    char id[17], line[128];
    if (!trusted_key(rep, id, line))
        return json_pack("{s:b}", "pinned", 0);
    json_t *o = json_pack("{s:b, s:s, s:s}", "pinned", rep->pinned, "key_id", id,
                          "public_key", line);
    if (!rep->pinned) {
        json_object_set_new(o, "warning", json_string(TRUST_WARNING));
        json_object_set_new(o, "advice", json_string(TRUST_ADVICE));
    }
    return o;
}

static void print_trust(const wv_verify_report *rep)
{
    char id[17], line[128];
    if (!trusted_key(rep, id, line))
        return;
    if (rep->pinned) {
        printf("trust: the roster is signed by the Secretariat key given with --pub (key id %s)\n",
               id);
        return;
    }
    printf("trust: WARNING: %s.\n"
           "trust: Secretariat key id %s, public key %s\n"
           "trust: %s\n", TRUST_WARNING, id, line, TRUST_ADVICE);
}

static int print_json(const wv_verify_report *rep)
{
    char root[WV_HASH_BASE64_BYTES];
    wv_hash_to_base64(rep->root, root);
    json_t *steps = json_array();
    for (int i = 0; i < WV_VERIFY_STEP_COUNT; i++)
        json_array_append_new(steps, step_json(&rep->steps[i]));
    json_t *o = json_pack("{s:b, s:I, s:I, s:s, s:I, s:s, s:o}", "ok", rep->ok, "entries",
                          (json_int_t)rep->entries, "signatures_checked",
                          (json_int_t)rep->signatures_checked, "origin", rep->origin,
                          "checkpoint_size", (json_int_t)rep->checkpoint_size, "root", root,
                          "steps", steps);
    json_object_set_new(o, "trust", trust_json(rep));
    json_object_set_new(o, "unacknowledged_tail", json_integer((json_int_t)rep->unacknowledged));
    int rc = wv_cli_print_json(o);
    json_decref(o);
    return rc;
}

static void print_text(const char *dir, const wv_verify_report *rep, int since)
{
    for (int i = 0; i < WV_VERIFY_STEP_COUNT; i++) {
        const wv_verify_step *s = &rep->steps[i];
        char label[8];
        snprintf(label, sizeof label, "V%d", (int)s->id);
        if (!s->run && s->id == WV_V10_CONSISTENCY && !since)
            printf("%-4s %-36s skipped (no --since)\n", label, s->name);
        else if (s->run && !s->passed)
            printf("%-4s %-36s FAIL  %s\n", label, s->name, s->reason);
        else
            printf("%-4s %-36s %s\n", label, s->name, s->run ? "pass" : "NOT RUN");
    }
    char root[WV_HASH_BASE64_BYTES];
    wv_hash_to_base64(rep->root, root);
    printf("%s: %s; %llu entries, %llu signatures checked, root %s\n", dir,
           rep->ok ? "record verifies" : "record does NOT verify",
           (unsigned long long)rep->entries, (unsigned long long)rep->signatures_checked, root);
    if (rep->unacknowledged > 0)
        printf("tail: %llu entries after the checkpoint's %llu are NOT covered by any signed "
               "checkpoint (a writer stopped before signing them; they were never acknowledged); "
               "V9 checked the first %llu; the next writer signs them\n",
               (unsigned long long)rep->unacknowledged, (unsigned long long)rep->checkpoint_size,
               (unsigned long long)rep->checkpoint_size);
    print_trust(rep);
}

void wv_verify_print(const char *label, const wv_verify_report *rep, int since, int json)
{
    if (json)
        print_json(rep);
    else
        print_text(label, rep, since);
}

typedef struct args {
    const char *dir, *since_path, *pub_path, *cacert;
    long long jobs, interval, max_seconds, max_checkpoints;
    int json, follow;
} args;

static int parse(int argc, char **argv, args *a)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"jobs", required_argument, NULL, 'n'},
                                         {"since", required_argument, NULL, 's'},
                                         {"pub", required_argument, NULL, 'p'},
                                         {"follow", no_argument, NULL, 'f'},
                                         {"interval", required_argument, NULL, 'i'},
                                         {"max-seconds", required_argument, NULL, 'S'},
                                         {"max-checkpoints", required_argument, NULL, 'C'},
                                         {"cacert", required_argument, NULL, 'c'},
                                         {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->jobs = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'j')
            a->json = 1;
        else if (c == 'n' && (a->jobs = wv_cli_parse_uint(optarg, 256)) < 1)
            return wv_cli_usage_error("--jobs: a number from 1 to 256");
        else if (c == 's')
            a->since_path = optarg;
        else if (c == 'p')
            a->pub_path = optarg;
        else if (c == 'f')
            a->follow = 1;
        else if (c == 'c')
            a->cacert = optarg;
        else if ((c == 'i' && (a->interval = wv_cli_parse_uint(optarg, 3600000)) < 1) ||
                 (c == 'S' && (a->max_seconds = wv_cli_parse_uint(optarg, 1 << 30)) < 0) ||
                 (c == 'C' && (a->max_checkpoints = wv_cli_parse_uint(optarg, 1 << 30)) < 0))
            return wv_cli_usage_error("%s: a number", argv[optind - 1]);
        else if (c == '?')
            return wv_cli_usage_error("see wtovote verify --help");
    }
    if (optind + 1 != argc)
        return wv_cli_usage_error("need one RECORD_DIR (see wtovote verify --help)");
    a->dir = argv[optind];
    if ((a->follow || a->cacert) && !wv_net_is_url(a->dir))
        return wv_cli_usage_error("--follow and --cacert are for a URL");
    if (a->since_path && a->follow)
        return wv_cli_usage_error("--follow starts from the first checkpoint it fetches; "
                                  "--since is for one check");
    return WV_EXIT_OK;
}

int wv_cmd_verify(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        usage();
        return WV_EXIT_OK;
    }
    args a;
    int rc = parse(argc, argv, &a);
    if (rc != WV_EXIT_OK)
        return rc;
    wv_error err = {0};
    wv_public_key pub;
    uint8_t *since = NULL;
    size_t since_len = 0;
    if (a.pub_path != NULL && wv_public_key_load(a.pub_path, &pub, &err) != WV_OK)
        return wv_cli_usage_error("%s", err.message);
    if (a.since_path != NULL && wv_file_read(a.since_path, 1 << 16, &since, &since_len, &err) != WV_OK)
        return wv_cli_usage_error("%s", err.message);
    wv_verify_options opt = {.jobs = (unsigned)a.jobs, .since = (const char *)since,
                             .since_len = since_len, .pinned = a.pub_path ? &pub : NULL};
    if (wv_net_is_url(a.dir)) {
        wv_verify_url_opts u = {.url = a.dir, .verify = opt, .json = a.json,
                                .follow = a.follow, .cacert = a.cacert,
                                .interval_ms = a.interval, .max_seconds = a.max_seconds,
                                .max_checkpoints = a.max_checkpoints};
        rc = wv_verify_url(&u);
        free(since);
        return rc;
    }
    wv_verify_report *rep = malloc(sizeof *rep);
    if (rep == NULL)
        return wv_cli_usage_error("out of memory");
    wv_status st = wv_record_verify(a.dir, &opt, rep, &err);
    free(since);
    if (st != WV_OK && st != WV_ERR_VERIFY) {
        free(rep);
        return wv_cli_fail(&err); /* unreadable: exit 2 */
    }
    if (a.json)
        print_json(rep);
    else
        print_text(a.dir, rep, a.since_path != NULL);
    free(rep);
    return st == WV_OK ? WV_EXIT_OK : WV_EXIT_REFUSED;
}
