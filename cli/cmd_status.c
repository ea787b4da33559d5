/* wtovote status | show | export: reading a record without any key. The
 * results of a vote still open are hidden (only the number of ballots cast
 * is shown) unless --show-running. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "workflow.h"
#include "wtovote/util.h"

static const char STATUS_HELP[] =
    "usage: wtovote status RECORD [--show-running] [--json]\n\n"
    "The meeting, its items, each item's stage and counts (for a decided item,\n"
    "the Members present when it was decided), and each decision. While a vote is open its results are hidden (only the number of\n"
    "ballots cast is shown) unless --show-running.\n\n"
    "exit codes: 0 shown, 1 the record is refused (changed log, bad signature),\n"
    "2 usage or I/O\n";

static const char SHOW_HELP[] =
    "usage: wtovote show RECORD --item N [--show-running] [--json]\n\n"
    "One item in full: the motion (with its Art. IX:4 terms or parties), the\n"
    "procedure and its stages with citations, the chair's events, objections and\n"
    "requests with the Members' statements, the counts, each Member's position\n"
    "grouped by position (for a decided item, presence as when it was decided),\n"
    "and the decision with its explanation.\n\n"
    "exit codes: 0 shown, 1 refused record or item not tabled, 2 usage or I/O\n";

static const char EXPORT_HELP[] =
    "usage: wtovote export RECORD [--csv | --json]\n\n"
    "One row per Member per item: item, code, name, attendance (present or absent\n"
    "when the item was decided; for an item not yet decided, now), objection\n"
    "(objected, withdrawn or empty), vote\n"
    "(yes, no, abstain, accepted; \"yes (EU bloc)\" for an EU member State\n"
    "represented by the EU's bloc; hidden while the vote is open), and the leaf\n"
    "index of the Member's last act on the item (the index of its receipt),\n"
    "empty when none. CSV (RFC 4180, with a header line) is the default.\n\n"
    "exit codes: 0 written, 1 refused record, 2 usage or I/O\n";

static int hidden(const wv_item_info *it, int running)
{
    return it->vote_open && !it->vote_closed && !running;
}

static const char *stage_words(const wv_item_info *it)
{
    if (it->stage == WV_ITEM_VOTING)
        return "vote open";
    if (it->stage == WV_ITEM_VOTE_CLOSED)
        return "vote closed, not yet decided";
    if (it->stage == WV_ITEM_CONSENSUS)
        return "consensus sought";
    if (it->stage == WV_ITEM_DECIDED)
        return "decided";
    return wv_procedure_is_acceptance(it->procedure) ? "open for acceptances" : "tabled";
}

/* ------------------------------------------------------------ JSON */

static json_t *decision_json(const wv_decision *d)
{
    json_t *steps = json_array();
    for (size_t i = 0; i < d->n_steps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s}", "citation", d->steps[i].citation,
                                                "text", d->steps[i].text));
    json_t *o = json_pack("{s:s, s:s}", "outcome", wv_outcome_name(d->outcome), "stage",
                          wv_stage_name(d->stage));
    json_object_set_new(o, "required", d->has_required ? json_integer(d->required) : json_null());
    if (d->two_limbs) /* VII:3, GATT XXV:5: both limbs, null until votes are cast */
        json_object_set_new(o, "limbs", json_pack("{s:o, s:I}", "votes_cast",
                                                  d->votes_cast_known
                                                      ? json_integer(d->required_of_votes_cast)
                                                      : json_null(),
                                                  "members", (json_int_t)d->required_of_members));
    json_object_set_new(o, "yes", json_integer(d->yes));
    json_object_set_new(o, "no", json_integer(d->no));
    json_object_set_new(o, "abstain", json_integer(d->abstain));
    json_object_set_new(o, "explanation", steps);
    return o;
}

static json_t *item_json(const wv_item_info *it, const wv_index_item *ix, int running)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "item", (json_int_t)it->item, "title",
                          it->title, "procedure", wv_procedure_id(it->procedure), "citation",
                          wv_procedure_citation(it->procedure), "stage",
                          wv_item_stage_name(it->stage));
    json_object_set_new(o, "eligible", json_integer(it->eligible));
    json_object_set_new(o, "present", json_integer(it->present));
    json_object_set_new(o, "present_when", json_string(ix->at_decision ? "decision" : "now"));
    json_object_set_new(o, "objections", json_integer(it->objections));
    json_object_set_new(o, "vote_requests", json_integer(it->vote_requests));
    json_object_set_new(o, "acceptances", json_integer(it->acceptances));
    uint32_t cast = it->yes + it->no + it->abstain + (it->eu_bloc ? 1 : 0);
    if (it->vote_open || it->vote_closed) {
        json_object_set_new(o, "ballots_cast", json_integer(cast));
        if (hidden(it, running))
            json_object_set_new(o, "votes", json_string("hidden until the vote closes"));
        else
            json_object_set_new(o, "votes",
                                json_pack("{s:I, s:I, s:I, s:s}", "yes", (json_int_t)it->yes,
                                          "no", (json_int_t)it->no, "abstain",
                                          (json_int_t)it->abstain, "eu_bloc",
                                          wv_choice_name(it->eu_bloc)));
    }
    json_object_set_new(o, "decision", it->has_decision ? decision_json(it->decision)
                                                        : json_null());
    return o;
}

static json_t *meeting_json(const wv_record *rec)
{
    wv_meeting_info mi;
    char opened[24] = "", closed[24] = "";
    wv_meeting_get_info(wv_record_meeting(rec), &mi);
    if (mi.opened)
        wv_time_format(mi.opened_at, opened, sizeof opened);
    if (mi.closed)
        wv_time_format(mi.closed_at, closed, sizeof closed);
    json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b, s:I, s:I, s:I, s:s}", "id", mi.id, "body",
                          mi.body, "title", mi.title, "opened", mi.opened, "closed", mi.closed,
                          "members", (json_int_t)mi.members, "present", (json_int_t)mi.present,
                          "entries", (json_int_t)wv_record_size(rec), "origin",
                          wv_record_origin(rec));
    json_object_set_new(o, "opened_at", mi.opened ? json_string(opened) : json_null());
    json_object_set_new(o, "closed_at", mi.closed ? json_string(closed) : json_null());
    json_object_set_new(o, "quorum", mi.quorum_den ? json_sprintf("%u/%u", mi.quorum_num,
                                                                  mi.quorum_den)
                                                   : json_string("default"));
    json_object_set_new(o, "wtl93", json_string(wv_vote_request_name(mi.vote_request)));
    char ref[WV_MEETING_REF_HEX_BYTES];
    json_object_set_new(o, "meeting_ref", wv_meeting_ref_hex(wv_record_meeting(rec), ref) == 0
                                              ? json_string(ref)
                                              : json_null());
    return o;
}

/* ------------------------------------------------------------ text */

/* The settings the signed Meeting fixed where the references are UNCONFIRMED
 * (SPEC.md, "Procedures"). */
static void print_rules_in_force(const wv_meeting_info *mi)
{
    if (!mi->opened)
        return;
    if (mi->quorum_den != 0)
        printf("  quorum: more than %u/%u of the Members", mi->quorum_num, mi->quorum_den);
    else
        printf("  quorum: more than half of the Members (default)");
    printf("; WT/L/93 vote requests read as '%s' (a request takes effect when the consensus "
           "period has run)\n", wv_vote_request_name(mi->vote_request));
}

static void print_counts(const wv_item_info *it, const wv_index_item *ix, int running,
                         const char *indent)
{
    printf("%spresent %s%u of %u eligible; %u objection(s) in force", indent,
           ix->at_decision ? "at the decision " : "", it->present, it->eligible, it->objections);
    if (it->vote_requests)
        printf("; %u request(s) for a vote", it->vote_requests);
    if (wv_procedure_is_acceptance(it->procedure))
        printf("; %u acceptance(s)", it->acceptances);
    printf("\n");
    if (!it->vote_open && !it->vote_closed)
        return;
    uint32_t cast = it->yes + it->no + it->abstain + (it->eu_bloc ? 1 : 0);
    if (hidden(it, running))
        printf("%sballots cast: %u (results hidden until the vote closes; --show-running)\n",
               indent, cast);
    else
        printf("%svotes%s: %u yes, %u no, %u abstaining%s%s\n", indent,
               it->vote_closed ? "" : " so far", it->yes, it->no, it->abstain,
               it->eu_bloc ? "; EU bloc (a vote per EU member State): " : "",
               it->eu_bloc ? wv_choice_name(it->eu_bloc) : "");
}

static void print_status(const wv_record *rec, int running)
{
    const wv_meeting *m = wv_record_meeting(rec);
    wv_meeting_info mi;
    wv_meeting_get_info(m, &mi);
    char when[40] = "never opened";
    if (mi.opened) {
        memcpy(when, "opened ", 7);
        wv_time_format(mi.opened_at, when + 7, sizeof when - 7);
    }
    printf("%s: meeting %s (%s)%s%s%s: %s\n", wv_record_dir(rec), mi.id, mi.body,
           mi.title[0] ? " \"" : "", mi.title, mi.title[0] ? "\"" : "",
           mi.closed ? "closed" : mi.opened ? "open" : "not opened");
    printf("  %s; %u of %u Members present; %" PRIu64 " entries, checkpoint origin %s\n",
           when, mi.present, mi.members, wv_record_size(rec), wv_record_origin(rec));
    char ref[WV_MEETING_REF_HEX_BYTES];
    if (wv_meeting_ref_hex(m, ref) == 0) /* SPEC.md, "Meeting identity" */
        printf("  meeting_ref %s (acts signed offline: wtovote act sign --meeting-ref)\n", ref);
    print_rules_in_force(&mi);
    for (size_t i = 0; i < mi.n_items; i++) {
        wv_item_info it;
        wv_index_item ix;
        if (wf_item_recorded(rec, i, &it, &ix) < 0)
            continue;
        printf("  item %u \"%s\" [%s]: %s", it.item, it.title, wv_procedure_id(it.procedure),
               stage_words(&it));
        if (it.has_decision)
            printf(": %s", wv_outcome_name(it.decision->outcome));
        printf("\n");
        print_counts(&it, &ix, running, "      ");
    }
}

/* ------------------------------------------------------------ status */

int wv_cmd_status(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(STATUS_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int rc = wf_parse(argc, argv, WF_O_JSON | WF_O_RUNNING, 1, &o);
    if (rc == WV_EXIT_OK && o.n_operands != 0)
        rc = wv_cli_usage_error("status: unexpected argument '%s'", o.operands[0]);
    wv_record *rec = NULL;
    if (rc == WV_EXIT_OK)
        rc = wf_load(o.record, NULL, NULL, &rec);
    if (rc != WV_EXIT_OK)
        return rc;
    if (o.json) {
        const wv_meeting *m = wv_record_meeting(rec);
        json_t *items = json_array();
        for (size_t i = 0; i < wv_meeting_item_count(m); i++) {
            wv_item_info it;
            wv_index_item ix;
            if (wf_item_recorded(rec, i, &it, &ix) == 0)
                json_array_append_new(items, item_json(&it, &ix, o.running));
        }
        json_t *j = json_pack("{s:o, s:o}", "meeting", meeting_json(rec), "items", items);
        wv_cli_print_json(j);
        json_decref(j);
    } else {
        print_status(rec, o.running);
    }
    wv_record_close(rec);
    return WV_EXIT_OK;
}

/* ------------------------------------------------------------ show */

static void print_motion(const wv_index_motion *mo)
{
    if (mo == NULL)
        return;
    if (mo->proponent[0])
        printf("  proponent: %s\n", mo->proponent);
    if (mo->has_waiver) {
        printf("  Art. IX:4 terms of the waiver decision:\n");
        printf("    exceptional circumstances: %s\n", mo->exceptional_circumstances);
        printf("    terms and conditions: %s\n", mo->terms_and_conditions);
        printf("    termination date: %s\n", mo->termination_date);
        if (mo->transition_obligation)
            printf("    transition obligation: consensus only [Art. IX:3 fn 4]\n");
    }
    if (mo->n_parties > 0) {
        printf("  parties (%zu):", mo->n_parties);
        for (size_t i = 0; i < mo->n_parties; i++)
            printf(" %s", mo->parties[i]);
        printf(" [Art. IX:5]\n");
    }
    if (mo->acceptance_deadline[0])
        printf("  acceptance deadline: %s [Art. X:7]\n", mo->acceptance_deadline);
}

static void print_chair_events(const wv_index_item *ix)
{
    for (int k = WV_CHAIR_MOTION_TABLE; k < WV_INDEX_CHAIR_KINDS; k++) {
        if (ix->events[k].leaf < 0)
            continue;
        char when[24];
        wv_time_format(ix->events[k].time, when, sizeof when);
        printf("  %-15s %s, entry %" PRId64 "\n", wv_chair_kind_name(k), when,
               ix->events[k].leaf);
    }
}

static void print_notes(const wv_record_index *idx, const wv_roster *r, uint32_t item)
{
    for (size_t i = 0; i < wv_record_index_note_count(idx); i++) {
        const wv_index_note *n = wv_record_index_note(idx, i);
        if (n->item != item)
            continue;
        const Wtovote__V1__Member *mm = wv_roster_member_at(r, n->member);
        printf("  %s by %s (%s), entry %" PRIu64 "%s%s%s\n", wv_act_kind_name(n->kind),
               mm->code, mm->name, n->leaf, n->statement[0] ? ": \"" : "", n->statement,
               n->statement[0] ? "\"" : "");
    }
}

static void print_positions(const wv_record *rec, const wv_item_info *it, int running)
{
    static const wv_position order[] = {WV_POS_OBJECTED, WV_POS_YES, WV_POS_NO, WV_POS_ABSTAIN,
                                        WV_POS_ACCEPTED, WV_POS_PRESENT, WV_POS_ABSENT};
    const wv_roster *r = wv_record_roster(rec);
    size_t n = wv_roster_member_count(r);
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        size_t count = 0;
        for (uint32_t i = 0; i < n; i++) {
            wv_index_seat seat;
            if (wv_record_index_seat(wv_record_get_index(rec), it->item, i, &seat) < 0)
                continue;
            wv_position p = seat.position;
            if (hidden(it, running) && (p == WV_POS_YES || p == WV_POS_NO || p == WV_POS_ABSTAIN))
                p = WV_POS_PRESENT;
            if (p != order[k])
                continue;
            if (count++ == 0)
                printf("  %s:", wv_position_name(order[k]));
            printf(" %s%s", wv_roster_member_at(r, i)->code, seat.bloc ? "*" : "");
        }
        if (count > 0)
            printf(" (%zu)\n", count);
    }
    if (it->eu_bloc != WV_CHOICE_NONE && !hidden(it, running))
        printf("  (* an EU member State counted in the EU's bloc of %u votes [Art. IX:1 fn 2])\n",
               wv_roster_eu_member_states(r));
}

static int show_item(const wv_record *rec, const wf_opts *o)
{
    int slot = wv_meeting_item_find(wv_record_meeting(rec), o->item);
    wv_item_info it;
    wv_index_item ix;
    if (slot < 0 || wf_item_recorded(rec, (size_t)slot, &it, &ix) < 0) {
        fprintf(stderr, "wtovote: %s: item %u has not been tabled\n", o->record, o->item);
        return WV_EXIT_REFUSED;
    }
    if (o->json) {
        json_t *j = item_json(&it, &ix, o->running);
        wv_cli_print_json(j);
        json_decref(j);
        return WV_EXIT_OK;
    }
    printf("%s: item %u \"%s\": %s\n", o->record, it.item, it.title, stage_words(&it));
    print_motion(ix.motion);
    wf_print_procedure(stdout, it.procedure, "  ");
    print_chair_events(&ix);
    print_notes(wv_record_get_index(rec), wv_record_roster(rec), o->item);
    print_counts(&it, &ix, o->running, "  ");
    print_positions(rec, &it, o->running);
    if (it.has_decision)
        wf_print_decision(stdout, it.decision, &it, "  ");
    return WV_EXIT_OK;
}

int wv_cmd_show(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(SHOW_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int rc = wf_parse(argc, argv, WF_O_JSON | WF_O_RUNNING | WF_O_ITEM, 1, &o);
    if (rc == WV_EXIT_OK && (!o.have_item || o.n_operands != 0))
        rc = wv_cli_usage_error("show: needs RECORD and --item N");
    if (rc != WV_EXIT_OK)
        return rc;
    wv_record *rec = NULL;
    rc = wf_load(o.record, NULL, NULL, &rec);
    if (rc == WV_EXIT_OK)
        rc = show_item(rec, &o);
    wv_record_close(rec);
    return rc;
}

/* ------------------------------------------------------------ export */

static void csv_field(const char *s, int last)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote) {
        putchar('"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                putchar('"');
            putchar(*p);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    fputs(last ? "\r\n" : ",", stdout);
}

static const char *objection_word(wv_act_kind last)
{
    return last == WV_ACT_OBJECT ? "objected" : last == WV_ACT_WITHDRAW ? "withdrawn" : "";
}

static void vote_word(wv_position p, int bloc, int hide, char *out, size_t size)
{
    const char *w = "";
    if (hide && (p == WV_POS_YES || p == WV_POS_NO || p == WV_POS_ABSTAIN))
        w = "hidden";
    else if (p == WV_POS_YES || p == WV_POS_NO || p == WV_POS_ABSTAIN || p == WV_POS_ACCEPTED)
        w = wv_position_name(p);
    else if (p == WV_POS_NOT_PARTY)
        w = "not a party";
    snprintf(out, size, "%s%s", w, bloc && !hide ? " (EU bloc)" : "");
}

static void export_row(const wv_record *rec, const wv_item_info *it, uint32_t k,
                       json_t *rows)
{
    const Wtovote__V1__Member *mm = wv_roster_member_at(wv_record_roster(rec), k);
    wv_index_seat seat;
    char vote[32], item[16], leaf[24] = "";
    if (wv_record_index_seat(wv_record_get_index(rec), it->item, k, &seat) < 0)
        return;
    vote_word(seat.position, seat.bloc, hidden(it, 0), vote, sizeof vote);
    const char *att = seat.present ? "present" : "absent";
    const char *obj = objection_word(seat.objection);
    if (seat.leaf >= 0)
        snprintf(leaf, sizeof leaf, "%" PRId64, seat.leaf);
    snprintf(item, sizeof item, "%u", it->item);
    if (rows != NULL) {
        json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "item", (json_int_t)it->item,
                                "code", mm->code, "name", mm->name, "attendance", att,
                                "objection", obj, "vote", vote);
        json_object_set_new(row, "receipt_leaf_index",
                            seat.leaf >= 0 ? json_integer(seat.leaf) : json_null());
        json_array_append_new(rows, row);
        return;
    }
    const char *f[] = {item, mm->code, mm->name, att, obj, vote, leaf};
    for (size_t c = 0; c < 7; c++)
        csv_field(f[c], c == 6);
}

static void export_rows(const wv_record *rec, int json)
{
    const wv_meeting *m = wv_record_meeting(rec);
    json_t *rows = json ? json_array() : NULL;
    if (!json)
        fputs("item,code,name,attendance,objection,vote,receipt_leaf_index\r\n", stdout);
    for (size_t i = 0; i < wv_meeting_item_count(m); i++) {
        wv_item_info it;
        if (wv_meeting_item_at(m, i, &it) < 0)
            continue;
        for (uint32_t k = 0; k < wv_roster_member_count(wv_record_roster(rec)); k++)
            export_row(rec, &it, k, rows);
    }
    if (json) {
        wv_cli_print_json(rows);
        json_decref(rows);
    }
}

int wv_cmd_export(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(EXPORT_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int rc = wf_parse(argc, argv, WF_O_JSON | WF_O_CSV, 1, &o);
    if (rc == WV_EXIT_OK && o.n_operands != 0)
        rc = wv_cli_usage_error("export: unexpected argument '%s'", o.operands[0]);
    if (rc == WV_EXIT_OK && o.csv && o.json)
        rc = wv_cli_usage_error("export: --csv or --json, not both");
    if (rc != WV_EXIT_OK)
        return rc;
    wv_record *rec = NULL;
    rc = wf_load(o.record, NULL, NULL, &rec);
    if (rc == WV_EXIT_OK)
        export_rows(rec, o.json);
    wv_record_close(rec);
    return rc;
}
