/* wtovote motion table | revise: the chair puts an item on the agenda under
 * a procedure of the rules table, with the Article IX:4 fields of a waiver,
 * the parties of a plurilateral item (IX:5), the consensus period and the
 * acceptance deadline where the procedure has them. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "workflow.h"
#include "wtovote/merkle.h"
#include "wtovote/pb.h"
#include "wtovote/util.h"

static const char TABLE_HELP[] =
    "usage: wtovote motion table RECORD --procedure PROC --title TEXT -s SECRETARIAT.key\n"
    "                            [--item N] [--proponent CODE] [--period DAYS]\n"
    "                            [--parties CODE,CODE,...] [--acceptance-deadline DATE]\n"
    "                            [--circumstances TEXT --terms TEXT --termination DATE]\n"
    "                            [--transition-obligation] [--council-report DIR:ITEM]\n"
    "                            [--time DATE|now]\n"
    "       wtovote motion revise RECORD --item N ... (same options)\n"
    "       wtovote motion table|revise --server URL --token-file FILE ... (same options\n"
    "                            but -s and --council-report; [--pub FILE] [--cacert FILE])\n\n"
    "Tables an agenda item (revise: a new text of a tabled item, whose consensus\n"
    "phase starts again). PROC is a rules id (wtovote rules list).\n"
    "  --item N           agenda number (default: the next one)\n"
    "  --period DAYS      consensus period: at most 90 days for a waiver (IX:3),\n"
    "                     at least 90 for submitting an amendment (X:1); 0 or\n"
    "                     absent: the rule's own\n"
    "  --parties LIST     the parties of a plurilateral item (IX:5), comma-separated\n"
    "  --acceptance-deadline DATE   end of the acceptance period (Art. X)\n"
    "  --circumstances, --terms, --termination   the waiver decision's exceptional\n"
    "                     circumstances, terms and conditions and termination date\n"
    "                     (Art. IX:4); without all three no vote on it is opened\n"
    "  --transition-obligation   a waiver of an obligation subject to a transition\n"
    "                     period the Member has not performed: consensus only\n"
    "                     (Art. IX:3 fn 4)\n"
    "  --council-report DIR:ITEM   waiver-annex1: the record DIR of the Goods, Services\n"
    "                     or TRIPS Council meeting that considered the request and its\n"
    "                     item, decided recommended or reported; the motion cites its\n"
    "                     meeting, body, item, outcome and the leaf hash of the decision\n"
    "                     entry (Art. IX:3(b): the Council reports, the MC / GC decides)\n"
    "The meeting's body must be competent for PROC (wtovote rules explain PROC);\n"
    "otherwise the item is refused (WV_REFUSE_NOT_COMPETENT).\n\n"
    "With --server URL the motion goes to `wtovote serve` as a chair request\n"
    "(FILE: the chair token the server printed, first line, mode 0600).\n\n"
    "exit codes: 0 tabled, 1 refused (unknown procedure, period, parties...), 2 usage or I/O\n";

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits "A,B,C" into a sorted array (the wire format wants them sorted). */
static int split_parties(char *list, char ***out, size_t *n)
{
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    char **v = calloc(cap, sizeof *v);
    if (v == NULL)
        return wv_cli_usage_error("out of memory");
    size_t k = 0;
    for (char *tok = strtok(list, ","); tok != NULL; tok = strtok(NULL, ","))
        v[k++] = tok;
    qsort(v, k, sizeof *v, cmp_str);
    *out = v;
    *n = k;
    return k == 0 ? wv_cli_usage_error("--parties: no Member codes given") : WV_EXIT_OK;
}

/* The Council's report cited by an Annex 1 waiver (Art. IX:3(b)): the last
 * decision on the item in the Council's record, if recommended or reported. */
typedef struct council_ref {
    uint32_t item;
    int found;
    Wtovote__V1__Outcome outcome;
    uint8_t leaf[WV_HASH_BYTES];
    char meeting_id[WV_MAX_ID_BYTES + 1], body[WV_MAX_ID_BYTES + 1];
} council_ref;

static int visit_council(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                         const wv_envelope *env, const wv_act *act,
                         const wv_chair_event *chair, const wv_meeting *meeting)
{
    council_ref *c = ctx;
    (void)index, (void)env, (void)act, (void)meeting;
    if (chair == NULL || chair->kind != WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE ||
        chair->item != c->item || chair->decision == NULL)
        return 0;
    c->found = 1;
    c->outcome = chair->decision->outcome;
    wv_merkle_leaf_hash(entry, len, c->leaf);
    return 0;
}

static int load_council_report(const char *spec, council_ref *c)
{
    char dir[1024];
    const char *colon = strrchr(spec, ':');
    long long item = colon ? wv_cli_parse_uint(colon + 1, 0xFFFFFFFFLL) : -1;
    if (colon == NULL || item < 1 || (size_t)(colon - spec) >= sizeof dir)
        return wv_cli_usage_error("--council-report: '%s' is not COUNCIL_RECORD:ITEM", spec);
    memcpy(dir, spec, (size_t)(colon - spec));
    dir[colon - spec] = '\0';
    c->item = (uint32_t)item;
    wv_record *rec = NULL;
    int rc = wf_load(dir, visit_council, c, &rec);
    if (rc != WV_EXIT_OK)
        return rc;
    wv_meeting_info mi;
    wv_meeting_get_info(wv_record_meeting(rec), &mi);
    snprintf(c->meeting_id, sizeof c->meeting_id, "%s", mi.id);
    snprintf(c->body, sizeof c->body, "%s", mi.body);
    wv_record_close(rec);
    if (!c->found || (c->outcome != WTOVOTE__V1__OUTCOME__OUTCOME_RECOMMENDED &&
                      c->outcome != WTOVOTE__V1__OUTCOME__OUTCOME_REPORTED)) {
        fprintf(stderr, "wtovote: %s: item %u of meeting %s has no Council recommendation or "
                "report at the end of its period (Art. IX:3(b)); decide it there first\n", dir,
                c->item, c->meeting_id);
        return WV_EXIT_REFUSED;
    }
    return WV_EXIT_OK;
}

static void print_tabled(const char *dir, const wv_meeting *m, uint32_t item, int revise)
{
    wv_item_info it;
    if (wf_item(m, item, &it) < 0)
        return;
    printf("%s: item %u %s: \"%s\"\n", dir, item,
           revise ? "revised (objections and requests on the old text lapse)" : "tabled",
           it.title);
    wf_print_procedure(stdout, it.procedure, "  ");
    printf("  eligible: %u %s\n", it.eligible,
           wv_procedure_parties_only(it.procedure) ? "parties (Art. IX:5)" : "Members");
    if (it.consensus_period_days != 0)
        printf("  consensus period: %u days from tabling\n", it.consensus_period_days);
    if (wv_procedure_needs_waiver_terms(it.procedure))
        printf("  Art. IX:4 terms: %s\n", it.waiver_terms_complete
                                              ? "complete (circumstances, terms, termination)"
                                              : "INCOMPLETE: no vote can be opened on it");
    if (it.transition_obligation)
        printf("  transition obligation: consensus only [Art. IX:3 fn 4]\n");
    if (it.report_meeting[0] != '\0')
        printf("  on the report of %s, meeting %s item %u: %s [Art. IX:3(b)]\n", it.report_body,
               it.report_meeting, it.report_item, wv_outcome_name(it.report_outcome));
    if (wv_procedure_is_acceptance(it.procedure))
        printf("  next: Members deposit acceptances (wtovote accept %s --item %u --member CODE\n"
               "        -s KEY; also after the meeting closes, within the period [Art. X:7]),\n"
               "        then wtovote decide %s --item %u\n", dir, item, dir, item);
    else if (!wv_procedure_has_consensus_phase(it.procedure))
        printf("  next: wtovote decide %s --item %u\n", dir, item);
    else
        printf("  next: wtovote consensus call %s --item %u\n", dir, item);
}

/* The motion of the options; parties_buf (a copy of --parties) is split
 * in place into codes; --council-report fills report (IX:3(b)). */
static int fill_motion(const wf_opts *o, wv_motion_input *mo, char *parties_buf,
                       council_ref *report)
{
    memset(mo, 0, sizeof *mo);
    mo->item = o->have_item ? o->item : 0; /* 0: the next agenda number */
    mo->title = o->title;
    mo->procedure = o->procedure;
    mo->consensus_period_days = o->period;
    mo->proponent = o->proponent;
    mo->acceptance_deadline = o->deadline;
    mo->circumstances = o->circumstances;
    mo->terms = o->terms;
    mo->termination = o->termination;
    mo->transition_obligation = o->transition;
    if (o->council_report != NULL) {
        int rc = load_council_report(o->council_report, report);
        if (rc != WV_EXIT_OK)
            return rc;
        mo->report_meeting = report->meeting_id;
        mo->report_body = report->body;
        mo->report_item = report->item;
        mo->report_outcome = (wv_outcome)report->outcome;
        mo->report_leaf = report->leaf;
    }
    if (parties_buf != NULL)
        return split_parties(parties_buf, (char ***)&mo->parties, &mo->n_parties);
    return WV_EXIT_OK;
}

/* --server URL: the same motion as the JSON of SPEC.md, "Chair requests". */
static json_t *motion_json(const wv_motion_input *mo)
{
    json_t *j = json_object(), *parties = json_array();
    if (mo->item != 0)
        json_object_set_new(j, "item", json_integer(mo->item));
    const struct { const char *key, *value; } text[] = {
        {"title", mo->title}, {"procedure", mo->procedure}, {"proponent", mo->proponent},
        {"acceptance_deadline", mo->acceptance_deadline}};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        if (text[i].value != NULL)
            json_object_set_new(j, text[i].key, json_string(text[i].value));
    if (mo->consensus_period_days != 0)
        json_object_set_new(j, "consensus_period_days", json_integer(mo->consensus_period_days));
    for (size_t i = 0; i < mo->n_parties; i++)
        json_array_append_new(parties, json_string(mo->parties[i]));
    json_object_set_new(j, "parties", parties);
    if (mo->circumstances || mo->terms || mo->termination || mo->transition_obligation)
        json_object_set_new(j, "waiver", json_pack("{s:s, s:s, s:s, s:b}",
                            "exceptional_circumstances", mo->circumstances ? mo->circumstances : "",
                            "terms_and_conditions", mo->terms ? mo->terms : "",
                            "termination_date", mo->termination ? mo->termination : "",
                            "transition_obligation", mo->transition_obligation));
    return j;
}

typedef struct tabled {
    int revise;
} tabled;

static void show_tabled(void *ctx, const char *label, const wv_meeting *m,
                        const wv_roster *roster, const wv_chair_event *chair, uint64_t index)
{
    const tabled *t = ctx;
    (void)roster, (void)index;
    if (chair != NULL && chair->motion != NULL)
        print_tabled(label, m, chair->motion->item, t->revise);
}

static int post_motion(const wf_opts *o, const wv_motion_input *mo, int revise)
{
    if (o->council_report != NULL)
        return wv_cli_usage_error("motion: --council-report reads a local Council record: not "
                                  "with --server (table it on the server's machine)");
    tabled t = {.revise = revise};
    return wf_post_chair(o, revise ? "revise" : "table", motion_json(mo), show_tabled, &t);
}

static int run(int argc, char **argv, int revise)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(TABLE_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int64_t t;
    int rc = wf_parse(argc, argv, WF_O_MOTION | WF_O_KEY | WF_O_ITEM | WF_O_TIME | WF_O_SERVER,
                      1, &o);
    if (rc == WV_EXIT_OK && o.server != NULL && (o.key != NULL || o.record != NULL))
        rc = wv_cli_usage_error("motion %s: --server URL instead of RECORD and -s", argv[0]);
    if (rc == WV_EXIT_OK && ((o.key == NULL && o.server == NULL) || o.procedure == NULL ||
                             o.title == NULL || o.n_operands != 0))
        rc = wv_cli_usage_error("motion %s: needs RECORD, --procedure, --title and -s (see "
                                "wtovote motion table --help)", argv[0]);
    if (rc == WV_EXIT_OK && revise && !o.have_item)
        rc = wv_cli_usage_error("motion revise: needs --item N");
    if (rc == WV_EXIT_OK)
        rc = wf_time(&o, &t);
    if (rc != WV_EXIT_OK)
        return rc;
    wv_secret_key *sk;
    wv_session *s;
    wv_motion_input mo;
    wv_session_result res;
    council_ref report = {0};
    char *parties = o.parties ? strdup(o.parties) : NULL;
    rc = fill_motion(&o, &mo, parties, &report);
    if (rc == WV_EXIT_OK && o.server != NULL)
        rc = post_motion(&o, &mo, revise);
    else if (rc == WV_EXIT_OK)
        rc = wf_open(o.record, o.key, &sk, &s);
    if (rc == WV_EXIT_OK && o.server == NULL) {
        wv_chair_input in = {.kind = revise ? WV_CHAIR_MOTION_REVISE : WV_CHAIR_MOTION_TABLE,
                             .time = t, .motion = &mo};
        rc = wf_chair(s, &in, &res);
        if (rc == WV_EXIT_OK)
            print_tabled(o.record, wv_session_meeting(s), res.item, revise);
        wv_session_results_clear(&res, 1);
        wv_session_close(s);
        wv_secret_key_free(sk);
    }
    free((void *)mo.parties);
    free(parties);
    return rc;
}

static int cmd_table(int argc, char **argv)
{
    return run(argc, argv, 0);
}

static int cmd_revise(int argc, char **argv)
{
    return run(argc, argv, 1);
}

int wv_cmd_motion(int argc, char **argv)
{
    static const wv_cli_command table[] = {
        {"table", cmd_table, "put an item on the agenda under a procedure"},
        {"revise", cmd_revise, "table a new text of an item (consensus starts again)"},
        {NULL, NULL, NULL},
    };
    return wv_cli_dispatch("motion", table, argc, argv);
}
