/* wtovote meeting open | close: the Secretariat creates a record directory
 * for one meeting and opens it with a signed CHAIR_MEETING_OPEN event, then
 * closes it (MANUAL.md, "Running a meeting"). */
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

static const char OPEN_HELP[] =
    "usage: wtovote meeting open RECORD --roster ROSTER --body BODY -s SECRETARIAT.key\n"
    "                            [--id ID] [--title TEXT] [--quorum NUM/DEN]\n"
    "                            [--wtl93 READING] [--host HOST] [--time DATE|now]\n\n"
    "Creates the record directory RECORD (it must not exist, or be empty) with the\n"
    "signed roster, an empty log, the Secretariat's public key and a signed\n"
    "checkpoint, then appends the signed event that opens the meeting.\n"
    "BODY: general-council, ministerial-conference, dsb, goods-council,\n"
    "services-council, trips-council, contracting-parties (GATT 1947) or\n"
    "plurilateral:NAME. Each procedure names the bodies competent for it\n"
    "(wtovote rules explain PROC); tabling it elsewhere is refused.\n"
    "  --id ID         meeting id (default: GC-YYYY-MM-DD, MC-..., DSB-..., from the\n"
    "                  body and the date of --time)\n"
    "  --quorum N/D    quorum: more than N/D of the Members present (default 1/2,\n"
    "                  WT/L/161, configurable)\n"
    "  --wtl93 READING how a Member's request for a vote bears on a consensus period\n"
    "                  (WT/L/93). One reading stands, period-end (the default): the\n"
    "                  request takes effect when the period has run without consensus\n"
    "                  (WT/L/93 cannot shorten the period of Art. IX:3(a)); with no\n"
    "                  period (accession, XII:2) at once. Signed into the meeting.\n"
    "  --host HOST     names the checkpoint origin HOST/meeting/ID (default HOST:\n"
    "                  wtovote.example)\n"
    "The roster must be signed by the Secretariat key given with -s.\n\n"
    "exit codes: 0 opened, 1 refused (unsigned roster, another key), 2 usage or I/O\n";

static const char CLOSE_HELP[] =
    "usage: wtovote meeting close RECORD -s SECRETARIAT.key [--time DATE|now]\n"
    "       wtovote meeting close --server URL --token-file FILE [--time DATE|now]\n\n"
    "Appends the signed event that closes the meeting; refused while a vote is\n"
    "open. Afterwards every input is refused (WV_REFUSE_CLOSED) except those of\n"
    "an amendment submitted for acceptance: Members still deposit acceptances\n"
    "(wtovote accept) within its period, and `wtovote decide` still declares it\n"
    "(Art. X:7). Prints each item's outcome.\n\n"
    "exit codes: 0 closed, 1 refused, 2 usage or I/O\n";

static int open_check(const wf_opts *o)
{
    if (o->roster == NULL || o->body == NULL || o->key == NULL)
        return wv_cli_usage_error("meeting open: needs --roster, --body and -s (see wtovote "
                                  "meeting open --help)");
    if (!wv_body_valid(o->body))
        return wv_cli_usage_error("meeting open: --body '%s' is not a deciding body (see "
                                  "wtovote meeting open --help)", o->body);
    if (o->quorum_den != 0 && o->quorum_num >= o->quorum_den)
        return wv_cli_usage_error("meeting open: --quorum %u/%u is not a fraction below 1",
                                  o->quorum_num, o->quorum_den);
    if (o->n_operands != 0)
        return wv_cli_usage_error("meeting open: unexpected argument '%s'", o->operands[0]);
    return WV_EXIT_OK;
}

static void print_opened(const wf_opts *o, const wv_record *rec, const char *id)
{
    const wv_roster *r = wv_record_roster(rec);
    uint8_t fp[32];
    char fp_hex[65];
    wv_roster_fingerprint(r, fp);
    wv_hex(fp, sizeof fp, fp_hex);
    printf("%s: meeting %s opened (%s)%s%s%s\n", o->record, id, o->body, o->title ? ": \"" : "",
           o->title ? o->title : "", o->title ? "\"" : "");
    printf("  roster: %zu Members, fingerprint %s\n", wv_roster_member_count(r), fp_hex);
    char ref_hex[WV_MEETING_REF_HEX_BYTES];
    if (wv_meeting_ref_hex(wv_record_meeting(rec), ref_hex) == 0)
        printf("  meeting_ref: %s (binds every act to this meeting; offline: wtovote act sign "
               "--meeting-ref) [SPEC \"Meeting identity\"]\n", ref_hex);
    if (o->quorum_den != 0)
        printf("  quorum: more than %u/%u of the Members present (set for this meeting)\n",
               o->quorum_num, o->quorum_den);
    else
        printf("  quorum: more than half of the Members present [WT/L/161, default, "
               "configurable]\n");
    printf("  WT/L/93 vote requests: read as '%s': a request takes effect when the consensus "
           "period has run (at once without one) [WT/L/93; Art. IX:3(a)]\n",
           wv_vote_request_name(o->wtl93));
    printf("  decisions by consensus first: adopted unless a Member present formally objects "
           "[Art. IX:1 and fn 1]\n");
    printf("  record: %s, checkpoint origin %s, %" PRIu64 " entries\n", o->record,
           wv_record_origin(rec), wv_record_size(rec));
}

static int open_record(const wf_opts *o, const char *id, int64_t t, wv_secret_key *sk)
{
    wv_roster *roster = NULL;
    wv_error err;
    int rc = wv_cli_load_roster(o->roster, &roster);
    if (rc == WV_EXIT_OK && !wv_roster_is_signed(roster)) {
        fprintf(stderr, "wtovote: %s: the roster is not signed (wtovote roster sign)\n",
                o->roster);
        rc = WV_EXIT_REFUSED;
    }
    wv_meeting_setup setup = {.id = id, .body = o->body, .title = o->title,
                              .quorum_num = o->quorum_num, .quorum_den = o->quorum_den,
                              .vote_request = o->wtl93};
    wv_session_options opt = {.write_receipts = 1};
    wv_session *s = NULL;
    wv_session_result res;
    memset(&res, 0, sizeof res);
    if (rc == WV_EXIT_OK &&
        wv_session_create(o->record, roster, sk, o->host, &setup, t, &opt, &s, &res, &err) !=
            WV_OK) {
        if (res.why != WV_REFUSE_NONE) {
            size_t n = strlen(err.message);
            snprintf(err.message + n, sizeof err.message - n, " (%s)", wv_refusal_name(res.why));
        }
        rc = wv_cli_fail(&err);
    }
    if (rc == WV_EXIT_OK)
        print_opened(o, wv_session_record(s), id);
    wv_session_results_clear(&res, 1);
    wv_session_close(s);
    wv_roster_free(roster);
    return rc;
}

static int cmd_open(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(OPEN_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int64_t t;
    int rc = wf_parse(argc, argv, WF_O_MEETING | WF_O_KEY | WF_O_TIME, 1, &o);
    if (rc == WV_EXIT_OK)
        rc = open_check(&o);
    if (rc == WV_EXIT_OK)
        rc = wf_time(&o, &t);
    if (rc != WV_EXIT_OK)
        return rc;
    char id[WV_MAX_ID_BYTES + 1], prefix[48], date[16];
    if (o.id != NULL) {
        snprintf(id, sizeof id, "%s", o.id);
    } else {
        wv_date_format(t, date, sizeof date);
        snprintf(id, sizeof id, "%s-%s", wv_body_prefix(o.body, prefix, sizeof prefix), date);
    }
    wv_secret_key *sk = NULL;
    rc = wv_cli_load_secret_key(o.key, &sk);
    if (rc == WV_EXIT_OK)
        rc = open_record(&o, id, t, sk);
    wv_secret_key_free(sk);
    return rc;
}

/* Acceptances outlive the meeting (Art. X:7): say until when, and how. */
static void print_acceptance_period(const wv_item_info *it)
{
    /* In force: later acceptances are admitted too (X:3; recorded, X:4). */
    int open = !it->has_decision || it->decision->outcome == WV_OUTCOME_PENDING ||
               it->decision->outcome == WV_OUTCOME_ADOPTED;
    if (!wv_procedure_is_acceptance(it->procedure) || !open) {
        putchar('\n');
        return;
    }
    char until[24] = "no end set";
    if (it->acceptance_deadline != 0) {
        wv_time_format(it->acceptance_deadline - 1, until, sizeof until);
        until[10] = '\0'; /* the date whose last second ends the period */
    }
    printf("\n      acceptances still admitted (until: %s)%s [Art. X:7]\n", until,
           it->has_decision && it->decision->outcome == WV_OUTCOME_ADOPTED
               ? "" : ", then wtovote decide");
}

/* dir: RECORD or the server's URL; entries: the record's size after the
 * closing. */
static void print_closed(const char *dir, const wv_meeting *m, uint64_t entries)
{
    wv_meeting_info mi;
    wv_meeting_get_info(m, &mi);
    printf("%s: meeting %s closed; %zu item(s):\n", dir, mi.id, mi.n_items);
    for (size_t i = 0; i < mi.n_items; i++) {
        wv_item_info it;
        if (wv_meeting_item_at(m, i, &it) < 0)
            continue;
        printf("  item %u (%s): %s", it.item, wv_procedure_id(it.procedure),
               it.has_decision ? wv_outcome_name(it.decision->outcome)
                               : "not decided (left open when the meeting closed)");
        print_acceptance_period(&it);
    }
    printf("  record: %" PRIu64 " entries; check it with: wtovote verify %s\n", entries, dir);
}

static void show_closed(void *ctx, const char *label, const wv_meeting *m,
                        const wv_roster *roster, const wv_chair_event *chair, uint64_t index)
{
    (void)ctx, (void)roster, (void)chair;
    print_closed(label, m, index + 1);
}

/* --server URL: the closing posted with the chair token. */
static int post_close(const wf_opts *o)
{
    return wf_post_chair(o, "close", json_object(), show_closed, NULL);
}

static int cmd_close(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(CLOSE_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int64_t t;
    int rc = wf_parse(argc, argv, WF_O_KEY | WF_O_TIME | WF_O_SERVER, 1, &o);
    if (rc == WV_EXIT_OK && o.server != NULL && (o.key != NULL || o.record != NULL))
        rc = wv_cli_usage_error("meeting close: --server URL instead of RECORD and -s");
    else if (rc == WV_EXIT_OK && o.server == NULL && (o.key == NULL || o.n_operands != 0))
        rc = wv_cli_usage_error("meeting close: needs RECORD and -s SECRETARIAT.key");
    if (rc == WV_EXIT_OK)
        rc = wf_time(&o, &t);
    if (rc != WV_EXIT_OK)
        return rc;
    if (o.server != NULL)
        return post_close(&o);
    wv_secret_key *sk;
    wv_session *s;
    wv_session_result res;
    rc = wf_open(o.record, o.key, &sk, &s);
    if (rc == WV_EXIT_OK) {
        wv_chair_input in = {.kind = WV_CHAIR_MEETING_CLOSE, .time = t};
        rc = wf_chair(s, &in, &res);
        if (rc == WV_EXIT_OK)
            print_closed(o.record, wv_session_meeting(s), wv_record_size(wv_session_record(s)));
        wv_session_results_clear(&res, 1);
    }
    wv_session_close(s);
    wv_secret_key_free(sk);
    return rc;
}

int wv_cmd_meeting(int argc, char **argv)
{
    static const wv_cli_command table[] = {
        {"open", cmd_open, "create a record directory and open the meeting"},
        {"close", cmd_close, "close the meeting"},
        {NULL, NULL, NULL},
    };
    return wv_cli_dispatch("meeting", table, argc, argv);
}
