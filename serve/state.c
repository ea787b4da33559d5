/* JSON for people and pages: the meeting's state, the event stream's
 * texts, refusals and receipts (SPEC.md, "HTTP API"). While a vote is open
 * nothing here says how anyone voted: ballots are counted, never shown. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "srv_internal.h"
#include "wtovote/util.h"

static const char *const ACT_KINDS[] = {"act",  "attend", "leave",        "object", "withdraw",
                                        "vote", "request-vote", "accept", "statement"};
static const char *const CHAIR_KINDS[] = {"chair-event", "meeting-open", "motion-table",
                                          "consensus-call", "vote-open", "vote-close",
                                          "decide", "meeting-close", "motion-revise",
                                          "key-enrol"};

static const char *const CHOICES[] = {"none", "yes", "no", "abstain"};

static json_t *iso_time(int64_t t)
{
    char buf[40];
    wv_time_format(t, buf, sizeof buf);
    return json_string(buf);
}

static char *dump(json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return s;
}

char *srv_refusal_json(const char *code, const char *message)
{
    return dump(json_pack("{s:s, s:s}", "code", code, "message", message));
}

char *srv_receipt_json(uint64_t index, const uint8_t *receipt, size_t len)
{
    size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64len);
    if (b64 == NULL)
        return NULL;
    sodium_bin2base64(b64, b64len, receipt, len, sodium_base64_VARIANT_ORIGINAL);
    char *s = dump(json_pack("{s:I, s:s}", "index", (json_int_t)index, "receipt", b64));
    free(b64);
    return s;
}

static json_t *decision_json(const wv_decision *d)
{
    json_t *o = json_pack("{s:s, s:s, s:i, s:i, s:i}", "outcome", wv_outcome_name(d->outcome),
                          "stage", wv_stage_name(d->stage), "yes", (int)d->yes, "no", (int)d->no,
                          "abstain", (int)d->abstain);
    if (d->has_required)
        json_object_set_new(o, "required", json_integer(d->required));
    json_t *steps = json_array();
    for (size_t i = 0; i < d->n_steps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s}", "text", d->steps[i].text,
                                               "citation", d->steps[i].citation));
    json_object_set_new(o, "explanation", steps);
    return o;
}

/* ------------------------------------------------------------ events */

static json_t *act_event(uint64_t index, const wv_act *a)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i}", "index", (json_int_t)index, "type", "act",
                          "kind", a->kind <= 8 ? ACT_KINDS[a->kind] : "act", "member", a->member,
                          "item", (int)a->item);
    json_object_set_new(o, "time", iso_time(a->time));
    /* a ballot's choice is never in an event: /record/ has it once public */
    if (a->statement != NULL && a->statement[0] != '\0')
        json_object_set_new(o, "statement", json_string(a->statement));
    return o;
}

static json_t *chair_event(const wv_meeting *m, uint64_t index, const wv_chair_event *c)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:i}", "index", (json_int_t)index, "type", "chair",
                          "kind", c->kind <= 9 ? CHAIR_KINDS[c->kind] : "chair-event", "item",
                          (int)c->item);
    if (c->enrolment != NULL) {
        char id[17];
        wv_key_id_format(c->enrolment->key_id.data, id);
        json_object_set_new(o, "member", json_string(c->enrolment->member));
        json_object_set_new(o, "key_id", json_string(id));
    }
    json_object_set_new(o, "time", iso_time(c->time));
    wv_item_info it;
    int at = wv_meeting_item_find(m, c->item);
    if (c->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE && at >= 0 &&
        wv_meeting_item_at(m, (size_t)at, &it) == 0 && it.decision)
        json_object_set_new(o, "decision", decision_json(it.decision));
    return o;
}

char *srv_event_text(const wv_meeting *m, uint64_t index, const wv_act *act,
                     const wv_chair_event *chair)
{
    json_t *o = act != NULL ? act_event(index, act) : chair_event(m, index, chair);
    json_t *d = json_object_get(o, "decision");
    char *entry = json_dumps(o, JSON_COMPACT);
    char *dec = d != NULL ? json_dumps(d, JSON_COMPACT) : NULL;
    json_decref(o);
    size_t n = (entry ? strlen(entry) : 0) + (dec ? strlen(dec) : 0) + 96;
    char *text = entry != NULL ? malloc(n) : NULL;
    if (text != NULL && dec != NULL)
        snprintf(text, n, "id: %llu\nevent: entry\ndata: %s\n\nid: %llu\nevent: decision\n"
                 "data: %s\n\n", (unsigned long long)index, entry, (unsigned long long)index,
                 dec);
    else if (text != NULL)
        snprintf(text, n, "id: %llu\nevent: entry\ndata: %s\n\n", (unsigned long long)index,
                 entry);
    free(entry);
    free(dec);
    return text;
}

/* ------------------------------------------------------------ state */

/* A chair step: what it does in one line (text) and the rule it rests on,
 * then whether the state machine allows it now and, if not, why. */
static json_t *next_step(const char *action, const char *text, const char *citation,
                         wv_status st, wv_refusal why, const wv_error *err)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "action", action, "text", text, "citation",
                          citation, "allowed", st == WV_OK);
    if (st != WV_OK) {
        json_object_set_new(o, "code", json_string(why != WV_REFUSE_NONE
                                                       ? wv_refusal_name(why)
                                                       : wv_status_name(st)));
        json_object_set_new(o, "reason", json_string(err->message));
    }
    return o;
}

/* What the chair may do next on an item, and why not (the state machine's
 * own refusal, so the reason carries its citation). */
static json_t *chair_next(const wv_meeting *m, const wv_item_info *it, int64_t now)
{
    const char *rule = wv_procedure_citation(it->procedure);
    const struct { const char *action; wv_chair_kind kind; const char *text, *citation; } K[] = {
        {"consensus-call", WV_CHAIR_CONSENSUS_CALL, "Call for consensus: the motion is adopted "
         "unless a Member present formally objects", "Art. IX:1 fn 1"},
        {"vote-open", WV_CHAIR_VOTE_OPEN, "Consensus has failed: open the vote of the Members "
         "present", rule},
        {"vote-close", WV_CHAIR_VOTE_CLOSE, "Close the vote: no ballot after it; the count is "
         "published", rule},
    };
    json_t *a = json_array();
    wv_error err;
    wv_refusal why;
    for (size_t i = 0; i < sizeof K / sizeof K[0]; i++) {
        wv_status st = wv_meeting_chair_check(m, K[i].kind, it->item, now, &why, &err);
        json_array_append_new(a, next_step(K[i].action, K[i].text, K[i].citation, st, why, &err));
    }
    wv_decision d;
    wv_status st = wv_meeting_decide_preview(m, it->item, now, &d, NULL, &why, &err);
    json_array_append_new(a, next_step("decide", "Declare the decision the rules derive from the "
                                       "record now", rule, st, why, &err));
    return a;
}

/* Each act a delegation may make now, with the one line a page shows for
 * it and the rule it rests on. */
static void add_act(json_t *a, const char *act, const char *text, const char *citation)
{
    json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "act", act, "text", text,
                                       "citation", citation));
}

/* The vote's line names the threshold the procedure applies. */
static void add_vote(json_t *a, const wv_procedure *p)
{
    const wv_threshold *t = wv_procedure_threshold(p);
    char text[256];
    snprintf(text, sizeof text, "Vote yes, no or abstain; the motion needs %s "
             "(abstentions are not votes cast)", t != NULL ? t->words
                                                          : "a majority of the votes cast");
    add_act(a, "vote", text, t != NULL ? t->citation : "Art. IX:1");
    /* IX:1 fn 2: the EU votes as a bloc, except among parties (IX:5) and
     * under GATT 1947 (XXV:3), where each voter has one vote */
    int bloc = !wv_procedure_parties_only(p) && !wv_procedure_is_gatt1947(p);
    json_object_set_new(json_array_get(a, json_array_size(a) - 1), "eu_bloc", json_boolean(bloc));
}

/* What a delegation present may do on the item at its stage, each act with
 * its reason (delegation_acts; delegation_next lists their names). */
static json_t *delegation_acts(const wv_item_info *it)
{
    json_t *a = json_array();
    if (wv_procedure_is_acceptance(it->procedure))
        add_act(a, "accept", "Deposit your acceptance of the amendment, within the period "
                "of acceptance", "Art. X:7");
    else if (it->stage == WV_ITEM_CONSENSUS) {
        add_act(a, "object", "Formally object: while an objection by a Member present "
                "stands, there is no consensus", "Art. IX:1 fn 1");
        add_act(a, "withdraw", "Withdraw your objection (it may be raised again)",
                "Art. IX:1 fn 1");
        if (wv_procedure_vote_needs_request(it->procedure))
            add_act(a, "request-vote", "Request a vote: taken if the consensus period runs "
                    "without consensus", "WT/L/93");
    } else if (it->stage == WV_ITEM_VOTING)
        add_vote(a, it->procedure);
    add_act(a, "statement", "Make a statement on the item (it joins the signed record)",
            wv_procedure_citation(it->procedure));
    return a;
}

/* Acts on no item: presence, which quorum and the right to object rest on. */
static json_t *delegation_acts_meeting(void)
{
    json_t *a = json_array();
    add_act(a, "attend", "Take your seat: only Members present can object or vote",
            "Art. IX:1 fn 1");
    add_act(a, "leave", "Leave the room: an absent Member neither objects nor votes",
            "Art. IX:1 fn 1");
    return a;
}

/* The count once the vote closed: the individual ballots, and the EU's
 * bloc with the votes it carries, one per member State in the roster
 * (Art. IX:1 fn 2): the engine's tally adds those to the bloc's choice. */
static json_t *votes_json(const wv_meeting *m, const wv_item_info *it)
{
    wv_meeting_info mi;
    wv_meeting_get_info(m, &mi);
    uint32_t bloc_votes = it->eu_bloc != WV_CHOICE_NONE ? mi.eu_states : 0;
    return json_pack("{s:i, s:i, s:i, s:s, s:i}", "yes", (int)it->yes, "no", (int)it->no,
                     "abstain", (int)it->abstain, "eu_bloc", CHOICES[it->eu_bloc & 3],
                     "eu_bloc_votes", (int)bloc_votes);
}

static json_t *item_json(const wv_meeting *m, const wv_item_info *it, int64_t now)
{
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:i}", "item",
                          (int)it->item, "title", it->title, "procedure",
                          wv_procedure_id(it->procedure), "citation",
                          wv_procedure_citation(it->procedure), "proponent", it->proponent,
                          "stage", wv_item_stage_name(it->stage), "eligible", (int)it->eligible,
                          "present", (int)it->present, "objections", (int)it->objections,
                          "vote_requests", (int)it->vote_requests, "acceptances",
                          (int)it->acceptances);
    uint32_t cast = it->yes + it->no + it->abstain + (it->eu_bloc != WV_CHOICE_NONE);
    json_object_set_new(o, "ballots_cast", json_integer(cast));
    if (it->vote_open)
        json_object_set_new(o, "votes", json_string("hidden until the vote closes"));
    else if (it->vote_closed || it->stage >= WV_ITEM_VOTE_CLOSED)
        json_object_set_new(o, "votes", votes_json(m, it));
    if (it->has_decision && it->decision != NULL)
        json_object_set_new(o, "decision", decision_json(it->decision));
    json_object_set_new(o, "chair_next", chair_next(m, it, now));
    const wv_threshold *t = wv_procedure_threshold(it->procedure);
    if (t != NULL && t->den != 0)
        json_object_set_new(o, "threshold", json_pack("{s:s, s:s}", "words", t->words,
                                                      "citation", t->citation));
    json_object_set_new(o, "positions", srv_positions_json(m, it));
    json_t *acts = delegation_acts(it), *names = json_array(), *act;
    size_t i;
    json_array_foreach(acts, i, act)
        json_array_append(names, json_object_get(act, "act"));
    json_object_set_new(o, "delegation_next", names);
    json_object_set_new(o, "delegation_acts", acts);
    return o;
}

/* What every act and chair event of this meeting carries (SPEC.md,
 * "Meeting identity"): lower-case hex, null before the opening. */
static json_t *ref_json(const wv_meeting *m)
{
    char hex[WV_MEETING_REF_HEX_BYTES];
    return wv_meeting_ref_hex(m, hex) == 0 ? json_string(hex) : json_null();
}

static json_t *meeting_json(const wv_meeting *m)
{
    wv_meeting_info mi;
    wv_meeting_get_info(m, &mi);
    json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b, s:i, s:i}", "id", mi.id, "body", mi.body,
                          "title", mi.title, "opened", mi.opened, "closed", mi.closed, "members",
                          (int)mi.members, "present", (int)mi.present);
    if (mi.opened)
        json_object_set_new(o, "opened_at", iso_time(mi.opened_at));
    if (mi.closed)
        json_object_set_new(o, "closed_at", iso_time(mi.closed_at));
    json_object_set_new(o, "meeting_ref", ref_json(m));
    return o;
}

/* Observers poll the state (a projector, every delegation's page): the
 * text is built once per change of the log and second of the clock, and
 * copied for each reader, so that readers hold rec_mu, which the committer
 * needs after every batch, for a copy's time only. */
char *srv_state_json_shared(wv_srv *s, int64_t now)
{
    if (s->state_text == NULL || s->state_generation != s->generation || s->state_now != now) {
        char *text = srv_state_json(s, now);
        if (text == NULL)
            return NULL;
        free(s->state_text);
        s->state_text = text;
        s->state_generation = s->generation;
        s->state_now = now;
    }
    return strdup(s->state_text);
}

char *srv_state_json(const wv_srv *s, int64_t now)
{
    const wv_meeting *m = wv_record_meeting(s->rec);
    json_t *o = json_object();
    json_object_set_new(o, "time", iso_time(now));
    json_object_set_new(o, "meeting", meeting_json(m));
    json_object_set_new(o, "meeting_ref", ref_json(m)); /* what a page signs acts with */
    json_object_set_new(json_object_get(o, "meeting"), "roster",
                        srv_roster_json(m, wv_record_roster(s->rec)));
    json_object_set_new(o, "record", json_pack("{s:I, s:I, s:b, s:s%}", "entries",
                                               (json_int_t)s->n, "published",
                                               (json_int_t)s->published, "withheld",
                                               s->published < s->n, "checkpoint",
                                               s->published_cp, s->published_cp_len));
    json_t *items = json_array();
    wv_item_info it;
    for (size_t i = 0; wv_meeting_item_at(m, i, &it) == 0; i++)
        json_array_append_new(items, item_json(m, &it, now));
    json_object_set_new(o, "items", items);
    wv_error err;
    wv_refusal why;
    wv_status st = wv_meeting_chair_check(m, WV_CHAIR_MEETING_CLOSE, 0, now, &why, &err);
    json_object_set_new(o, "chair_next",
                        json_pack("[o]", next_step("close", "Close the meeting: no act or "
                                                   "chair event is admitted after it", "", st,
                                                   why, &err)));
    json_object_set_new(o, "delegation_acts", delegation_acts_meeting());
    return dump(o);
}
