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
#include "wtovote/util.h"

static const char CONSENSUS_HELP[] =
    "usage: wtovote consensus call RECORD --item N -s SECRETARIAT.key [--time DATE|now]\n\n"
    "The chair seeks consensus on item N: from now on a Member present may\n"
    "formally object (Art. IX:1 fn 1) or, under WT/L/93 (waivers, accessions),\n"
    "request a vote. For DSB reverse consensus (DSU 6.1, 16.4, 17.14, 22.6) the\n"
    "consensus sought is the one NOT to take the action: one objection and the\n"
    "action is taken.\n\n"
    "exit codes: 0 called, 1 refused (e.g. an acceptance item has no consensus\n"
    "phase), 2 usage or I/O\n";

static const char VOTE_OPEN_HELP[] =
    "usage: wtovote vote open RECORD --item N -s SECRETARIAT.key [--time DATE|now]\n\n"
    "Opens the vote on item N. Refused unless the procedure allows a vote\n"
    "(not X:8, X:9, IX:3 fn 4, DSU), consensus was sought and failed (a formal\n"
    "objection, or a request under WT/L/93), the consensus period is over or a\n"
    "request shortens it, and a waiver states its Art. IX:4 terms.\n\n"
    "exit codes: 0 opened, 1 refused with the state machine's reason, 2 usage or I/O\n";

static const char VOTE_CLOSE_HELP[] =
    "usage: wtovote vote close RECORD --item N -s SECRETARIAT.key [--time DATE|now]\n\n"
    "Closes the vote on item N and prints the counts; ballots after this are\n"
    "refused. Then: wtovote decide RECORD --item N.\n\n"
    "exit codes: 0 closed, 1 refused (no vote open), 2 usage or I/O\n";

static const char DECIDE_HELP[] =
    "usage: wtovote decide RECORD --item N -s SECRETARIAT.key [--time DATE|now] [--json]\n\n"
    "Derives the decision on item N from the acts admitted so far through the\n"
    "rules engine, signs it into a CHAIR_DECIDE event and appends it (the record\n"
    "re-derives and compares it before writing). Prints the outcome, the counts\n"
    "against the threshold and the explanation with its treaty citations.\n"
    "A \"pending\" outcome (consensus period running, acceptances short) keeps\n"
    "the item open.\n\n"
    "exit codes: 0 decided, 1 refused (vote still open, consensus not sought,\n"
    "already decided), 2 usage or I/O\n";

static int parse_chair(int argc, char **argv, unsigned extra, wf_opts *o, int64_t *t)
{
    int rc = wf_parse(argc, argv, WF_O_KEY | WF_O_ITEM | WF_O_TIME | extra, 1, o);
    if (rc == WV_EXIT_OK && (o->key == NULL || !o->have_item || o->n_operands != 0))
        rc = wv_cli_usage_error("%s: needs RECORD, --item N and -s SECRETARIAT.key (see "
                                "--help)", argv[0]);
    if (rc == WV_EXIT_OK)
        rc = wf_time(o, t);
    return rc;
}

static void print_event(const wv_record *rec, wv_chair_kind kind, uint32_t item, uint64_t index)
{
    wv_item_info it;
    const char *dir = wv_record_dir(rec);
    if (wf_item(wv_record_meeting(rec), item, &it) < 0)
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
               "by individual Members%s%s\n", dir, item, index, it.yes, it.no, it.abstain,
               it.eu_bloc ? "; EU bloc of 27 votes: " : "",
               it.eu_bloc ? wf_choice_name(it.eu_bloc) : "");
        printf("  next: wtovote decide %s --item %u\n", dir, item);
    }
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
    wv_secret_key *sk;
    wv_record *rec;
    uint64_t index = 0;
    rc = wf_open(o.record, o.key, &sk, &rec);
    if (rc == WV_EXIT_OK) {
        wv_chair_event ev;
        wtovote__v1__chair_event__init(&ev);
        ev.version = WV_WIRE_VERSION;
        ev.meeting_id = (char *)wv_record_meeting_id(rec);
        ev.kind = (Wtovote__V1__ChairKind)kind;
        ev.time = t;
        ev.item = o.item;
        rc = wf_chair_append(rec, sk, &ev, &index);
        if (rc == WV_EXIT_OK)
            print_event(rec, kind, o.item, index);
    }
    wv_record_close(rec);
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

static json_t *decision_json(const wv_decision *d, const wv_decision_msg *msg, uint64_t index)
{
    json_t *steps = json_array();
    for (size_t i = 0; i < d->n_steps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s}", "citation", d->steps[i].citation,
                                                "text", d->steps[i].text));
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I}", "item", (json_int_t)msg->item,
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

static int decide_append(wv_record *rec, const wv_secret_key *sk, const wf_opts *o, int64_t t)
{
    wv_decision d;
    wv_decision_msg msg;
    wv_refusal why = WV_REFUSE_NONE;
    wv_error err;
    if (wv_meeting_decide_preview(wv_record_meeting(rec), o->item, t, &d, &msg, &why, &err) !=
        WV_OK) {
        if (why != WV_REFUSE_NONE) {
            size_t n = strlen(err.message);
            snprintf(err.message + n, sizeof err.message - n, " (%s)", wv_refusal_name(why));
        }
        wv_error_prefix(&err, "%s", o->record);
        return wv_cli_fail(&err);
    }
    wv_chair_event ev;
    uint64_t index = 0;
    wtovote__v1__chair_event__init(&ev);
    ev.version = WV_WIRE_VERSION;
    ev.meeting_id = (char *)wv_record_meeting_id(rec);
    ev.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE;
    ev.time = t;
    ev.item = o->item;
    ev.decision = &msg;
    int rc = wf_chair_append(rec, sk, &ev, &index);
    if (rc != WV_EXIT_OK)
        return rc;
    if (o->json) {
        json_t *j = decision_json(&d, &msg, index);
        wv_cli_print_json(j);
        json_decref(j);
        return WV_EXIT_OK;
    }
    wv_item_info it;
    wf_item(wv_record_meeting(rec), o->item, &it);
    printf("%s: item %u \"%s\" (%s): %s (entry %" PRIu64 ")\n", o->record, o->item, it.title,
           msg.procedure, wv_outcome_name(d.outcome), index);
    wf_print_decision(stdout, &d, &it, "  ");
    return WV_EXIT_OK;
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
    wv_secret_key *sk;
    wv_record *rec;
    rc = wf_open(o.record, o.key, &sk, &rec);
    if (rc == WV_EXIT_OK)
        rc = decide_append(rec, sk, &o, t);
    wv_record_close(rec);
    wv_secret_key_free(sk);
    return rc;
}
