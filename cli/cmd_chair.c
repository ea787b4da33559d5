/* wtovote consensus call | vote open | vote close | decide: the chair's
 * events on an item, each signed by the Secretariat and appended through the
 * record (which applies the meeting state machine first). `decide` derives
 * the decision with the state machine (a preview) and publishes it in the
 * CHAIR_DECIDE event; the record, and later `wtovote verify`, re-derive it
 * and compare every field. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "workflow.h"
#include "wtovote/pb.h"
#include "wtovote/util.h"

/* --server, in every chair command's help */
#define SERVER_WORDS                                                                  \
    "With --server URL the request goes to `wtovote serve` at URL, which signs it\n" \
    "with the Secretariat key it holds; FILE holds the chair token the server\n"    \
    "printed (first line; mode 0600 or stricter, or /dev/fd/N). The same text is\n" \
    "printed as locally, from the server's published record, with URL for RECORD.\n\n"

static const char CONSENSUS_HELP[] =
    "usage: wtovote consensus call RECORD --item N -s SECRETARIAT.key [--time DATE|now]\n"
    "       wtovote consensus call --server URL --item N --token-file FILE [--time DATE|now]\n"
    "                 [--pub SECRETARIAT.pub] [--cacert CERT.pem]\n\n"
    "The chair seeks consensus on item N: from now on a Member present may\n"
    "formally object (Art. IX:1 fn 1) or, under WT/L/93 (waivers, accessions),\n"
    "request a vote. For DSB reverse consensus (DSU 6.1, 16.4, 17.14, 22.6) the\n"
    "consensus sought is the one NOT to take the action: one objection and the\n"
    "action is taken.\n\n"
    SERVER_WORDS
    "exit codes: 0 called, 1 refused (e.g. an acceptance item has no consensus\n"
    "phase), 2 usage or I/O\n";

static const char VOTE_OPEN_HELP[] =
    "usage: wtovote vote open RECORD --item N -s SECRETARIAT.key [--time DATE|now]\n"
    "       wtovote vote open --server URL --item N --token-file FILE [--time DATE|now]\n"
    "                 [--pub SECRETARIAT.pub] [--cacert CERT.pem]\n\n"
    "Opens the vote on item N. Refused unless the procedure allows a vote\n"
    "(not X:8, X:9, IX:3 fn 4, IX:3(b) Council stage, DSU), consensus was\n"
    "sought and failed (a formal objection, or a request under WT/L/93; a GATT\n"
    "1947 waiver needs neither, Art. XXV:5), the consensus period is over (a\n"
    "request never shortens it: WT/L/93; Art. IX:3(a)), and a waiver states\n"
    "its Art. IX:4 terms.\n\n"
    SERVER_WORDS
    "exit codes: 0 opened, 1 refused with the state machine's reason, 2 usage or I/O\n";

static const char VOTE_CLOSE_HELP[] =
    "usage: wtovote vote close RECORD --item N -s SECRETARIAT.key [--time DATE|now]\n"
    "       wtovote vote close --server URL --item N --token-file FILE [--time DATE|now]\n"
    "                 [--pub SECRETARIAT.pub] [--cacert CERT.pem]\n\n"
    "Closes the vote on item N and prints the counts; ballots after this are\n"
    "refused. Then: wtovote decide RECORD --item N.\n\n"
    SERVER_WORDS
    "exit codes: 0 closed, 1 refused (no vote open), 2 usage or I/O\n";

static const char DECIDE_HELP[] =
    "usage: wtovote decide RECORD --item N -s SECRETARIAT.key [--time DATE|now] [--json]\n"
    "       wtovote decide --server URL --item N --token-file FILE [--time DATE|now] [--json]\n"
    "                 [--pub SECRETARIAT.pub] [--cacert CERT.pem]\n\n"
    "Derives the decision on item N from the acts admitted so far through the\n"
    "rules engine, signs it into a CHAIR_DECIDE event and appends it (the record\n"
    "re-derives and compares it before writing). Prints the outcome, the counts\n"
    "against the threshold and the explanation with its treaty citations.\n"
    "A \"pending\" outcome (consensus period running, acceptances short) keeps\n"
    "the item open.\n\n"
    SERVER_WORDS
    "exit codes: 0 decided, 1 refused (vote still open, consensus not sought,\n"
    "already decided), 2 usage or I/O\n";

static int parse_chair(int argc, char **argv, unsigned extra, wf_opts *o, int64_t *t)
{
    int rc = wf_parse(argc, argv, WF_O_KEY | WF_O_ITEM | WF_O_TIME | WF_O_SERVER | extra, 1, o);
    if (rc == WV_EXIT_OK && o->server != NULL && (o->key != NULL || o->record != NULL))
        rc = wv_cli_usage_error("%s: --server URL instead of RECORD and -s (the server holds "
                                "the Secretariat key)", argv[0]);
    if (rc == WV_EXIT_OK && o->server == NULL &&
        (o->key == NULL || !o->have_item || o->n_operands != 0))
        rc = wv_cli_usage_error("%s: needs RECORD, --item N and -s SECRETARIAT.key (see "
                                "--help)", argv[0]);
    if (rc == WV_EXIT_OK && o->server != NULL && (!o->have_item || o->n_operands != 0))
        rc = wv_cli_usage_error("%s: needs --item N (see --help)", argv[0]);
    if (rc == WV_EXIT_OK)
        rc = wf_time(o, t);
    return rc;
}

static void print_event(const char *dir, const wv_meeting *m, const wv_roster *roster,
                        wv_chair_kind kind, uint32_t item, uint64_t index)
{
    wv_item_info it;
    if (wf_item(m, item, &it) < 0)
        return;
    const wv_procedure *p = it.procedure;
    if (kind == WV_CHAIR_CONSENSUS_CALL) {
        printf("%s: item %u: consensus sought (entry %" PRIu64 ")\n", dir, item, index);
        for (size_t i = 0; i < wv_procedure_stage_count(p); i++) {
            const wv_stage_info *s = wv_procedure_stage_at(p, i);
            if (s->stage == WV_STAGE_CONSENSUS)
                printf("  %s [%s]\n", s->text, s->citation);
        }
        if (wv_procedure_vote_needs_request(p))
            printf("  a Member may request a vote at the time of decision [WT/L/93]\n");
        printf("  %u of %u eligible Members present\n", it.present, it.eligible);
    } else if (kind == WV_CHAIR_VOTE_OPEN) {
        const wv_threshold *th = wv_procedure_threshold(p);
        printf("%s: item %u: vote open (entry %" PRIu64 "); consensus could not be reached "
               "(%u objection(s), %u request(s) for a vote)\n", dir, item, index,
               it.objections, it.vote_requests);
        if (th != NULL && th->den != 0)
            printf("  needed: %s [%s]\n", th->words, th->citation);
        printf("  Members vote with: wtovote vote %s --item %u --member CODE --choice "
               "yes|no|abstain -s KEY -S SECRETARIAT.key (or -o ACT_FILE)\n", dir, item);
    } else {
        printf("%s: item %u: vote closed (entry %" PRIu64 "): %u yes, %u no, %u abstaining "
               "by individual Members", dir, item, index, it.yes, it.no, it.abstain);
        if (it.eu_bloc)
            printf("; EU bloc of %u votes: %s", wv_roster_eu_member_states(roster),
                   wv_choice_name(it.eu_bloc));
        printf("\n");
        printf("  next: wtovote decide %s --item %u\n", dir, item);
    }
}

/* The chair's actions of SPEC.md, "Chair requests". */
static const char *action_of(wv_chair_kind kind)
{
    switch (kind) {
    case WV_CHAIR_CONSENSUS_CALL: return "consensus-call";
    case WV_CHAIR_VOTE_OPEN: return "vote-open";
    case WV_CHAIR_VOTE_CLOSE: return "vote-close";
    default: return "decide";
    }
}

typedef struct shown {
    const wf_opts *o;
    wv_chair_kind kind;
} shown;

static void show_event(void *ctx, const char *label, const wv_meeting *m, const wv_roster *roster,
                       const wv_chair_event *chair, uint64_t index)
{
    const shown *s = ctx;
    (void)chair;
    print_event(label, m, roster, s->kind, s->o->item, index);
}

/* --server URL: the same request, posted with the chair token. */
static int post_simple(const wf_opts *o, wv_chair_kind kind)
{
    shown s = {.o = o, .kind = kind};
    return wf_post_chair(o, action_of(kind), json_pack("{s:I}", "item", (json_int_t)o->item),
                         show_event, &s);
}

static int run_simple(int argc, char **argv, const char *help, wv_chair_kind kind)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(help, stdout), WV_EXIT_OK;
    wf_opts o;
    int64_t t;
    int rc = parse_chair(argc, argv, 0, &o, &t);
    if (rc != WV_EXIT_OK)
        return rc;
    if (o.server != NULL)
        return post_simple(&o, kind);
    wv_secret_key *sk;
    wv_session *s;
    wv_session_result res;
    rc = wf_open(o.record, o.key, &sk, &s);
    if (rc == WV_EXIT_OK) {
        wv_chair_input in = {.kind = kind, .item = o.item, .time = t};
        rc = wf_chair(s, &in, &res);
        if (rc == WV_EXIT_OK)
            print_event(o.record, wv_session_meeting(s), wv_record_roster(wv_session_record(s)),
                        kind, o.item, res.index);
        wv_session_results_clear(&res, 1);
    }
    wv_session_close(s);
    wv_secret_key_free(sk);
    return rc;
}

static int cmd_consensus_call(int argc, char **argv)
{
    return run_simple(argc, argv, CONSENSUS_HELP, WV_CHAIR_CONSENSUS_CALL);
}

int wf_cmd_vote_open(int argc, char **argv)
{
    return run_simple(argc, argv, VOTE_OPEN_HELP, WV_CHAIR_VOTE_OPEN);
}

int wf_cmd_vote_close(int argc, char **argv)
{
    return run_simple(argc, argv, VOTE_CLOSE_HELP, WV_CHAIR_VOTE_CLOSE);
}

int wv_cmd_consensus(int argc, char **argv)
{
    static const wv_cli_command table[] = {
        {"call", cmd_consensus_call, "seek consensus on an item (objections admissible)"},
        {NULL, NULL, NULL},
    };
    return wv_cli_dispatch("consensus", table, argc, argv);
}

/* ------------------------------------------------------------ decide */

static json_t *decision_json(const wv_decision *d, const wv_published_decision *msg,
                             uint32_t item, uint64_t index)
{
    json_t *steps = json_array();
    for (size_t i = 0; i < d->n_steps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s}", "citation", d->steps[i].citation,
                                                "text", d->steps[i].text));
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I}", "item", (json_int_t)item,
                          "procedure", msg->procedure, "outcome", wv_outcome_name(d->outcome),
                          "stage", wv_stage_name(d->stage), "entry", (json_int_t)index);
    json_object_set_new(o, "required", d->has_required ? json_integer(d->required) : json_null());
    json_object_set_new(o, "members", json_integer(msg->members));
    json_object_set_new(o, "present", json_integer(msg->present));
    json_object_set_new(o, "objections", json_integer(msg->objections));
    json_object_set_new(o, "yes", json_integer(msg->yes));
    json_object_set_new(o, "no", json_integer(msg->no));
    json_object_set_new(o, "abstain", json_integer(msg->abstain));
    json_object_set_new(o, "acceptances", json_integer(msg->acceptances));
    json_object_set_new(o, "explanation", steps);
    return o;
}

static void print_decided(const char *label, const wv_meeting *m, uint32_t item, uint64_t index,
                          const wv_decision *d, const wv_published_decision *pub, int json)
{
    if (json) {
        json_t *j = decision_json(d, pub, item, index);
        wv_cli_print_json(j);
        json_decref(j);
        return;
    }
    wv_item_info it;
    wf_item(m, item, &it);
    printf("%s: item %u \"%s\" (%s): %s (entry %" PRIu64 ")\n", label, item, it.title,
           pub->procedure, wv_outcome_name(d->outcome), index);
    wf_print_decision(stdout, d, &it, "  ");
}

static int decide_append(wv_session *s, const wf_opts *o, int64_t t)
{
    wv_session_result res;
    wv_chair_input in = {.kind = WV_CHAIR_DECIDE, .item = o->item, .time = t};
    int rc = wf_chair(s, &in, &res);
    wv_session_results_clear(&res, 1);
    if (rc == WV_EXIT_OK)
        print_decided(o->record, wv_session_meeting(s), o->item, res.index, &res.decision,
                      &res.published, o->json);
    return rc;
}

/* The decision as signed in the CHAIR_DECIDE entry and as the meeting
 * derived it (what a local decide has in its session result). */
static void show_decided(void *ctx, const char *label, const wv_meeting *m,
                         const wv_roster *roster, const wv_chair_event *chair, uint64_t index)
{
    const wf_opts *o = ctx;
    wv_item_info it;
    (void)roster;
    if (chair == NULL || chair->decision == NULL || wf_item(m, o->item, &it) < 0 ||
        it.decision == NULL)
        return;
    const wv_decision_msg *d = chair->decision;
    wv_published_decision pub = {
        wv_procedure_id(it.procedure), (wv_outcome)d->outcome, (wv_stage)d->stage, d->required,
        d->members, d->present, d->objections, d->yes, d->no, d->abstain, d->acceptances,
        d->required_of_votes_cast, d->required_of_members};
    print_decided(label, m, o->item, index, it.decision, &pub, o->json);
}

static int post_decide(const wf_opts *o)
{
    return wf_post_chair(o, "decide", json_pack("{s:I}", "item", (json_int_t)o->item),
                         show_decided, (void *)o);
}

int wv_cmd_decide(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(DECIDE_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int64_t t;
    int rc = parse_chair(argc, argv, WF_O_JSON, &o, &t);
    if (rc != WV_EXIT_OK)
        return rc;
    if (o.server != NULL)
        return post_decide(&o);
    wv_secret_key *sk;
    wv_session *s;
    rc = wf_open(o.record, o.key, &sk, &s);
    if (rc == WV_EXIT_OK)
        rc = decide_append(s, &o, t);
    wv_session_close(s);
    wv_secret_key_free(sk);
    return rc;
}
