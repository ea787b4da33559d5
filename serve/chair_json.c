/* Chair requests' JSON -> chair events' inputs (chair_json.h). Every
 * field the server takes from a chair is read here. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chair_json.h"
#include "wtovote/util.h"

static const char *str(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v != NULL ? v : "";
}

static uint32_t num(json_t *o, const char *key)
{
    json_int_t v = json_integer_value(json_object_get(o, key));
    return v > 0 && v <= UINT32_MAX ? (uint32_t)v : 0;
}

static wv_status bad(wv_refusal *why, wv_error *err, const char *msg, const char *action)
{
    *why = WV_REFUSE_MALFORMED;
    return wv_error_set(err, WV_ERR_INADMISSIBLE, "chair request %s refused: %s", action, msg);
}

static void fill_meeting(const char *meeting_id, srv_chair_req *r)
{
    r->meeting = (wv_meeting_setup){
        .id = meeting_id, .body = str(r->j, "body"),
        .title = str(r->j, "title"), .quorum_num = num(r->j, "quorum_numerator"),
        .quorum_den = num(r->j, "quorum_denominator"), .vote_request = (int)num(r->j, "wtl93")};
    r->in.meeting = &r->meeting;
}

static wv_status fill_motion(srv_chair_req *r, wv_refusal *why, wv_error *err)
{
    wv_motion_input *mo = &r->motion;
    json_t *w = json_object_get(r->j, "waiver");
    *mo = (wv_motion_input){.item = r->in.item, .title = str(r->j, "title"),
                            .procedure = str(r->j, "procedure"),
                            .consensus_period_days = num(r->j, "consensus_period_days"),
                            .proponent = str(r->j, "proponent"),
                            .acceptance_deadline = str(r->j, "acceptance_deadline")};
    if (json_is_object(w)) {
        mo->circumstances = str(w, "exceptional_circumstances");
        mo->terms = str(w, "terms_and_conditions");
        mo->termination = str(w, "termination_date");
        mo->transition_obligation = json_is_true(json_object_get(w, "transition_obligation"));
    }
    json_t *p = json_object_get(r->j, "parties"), *v;
    size_t i;
    if (json_array_size(p) > WV_MEETING_MAX_ITEMS)
        return bad(why, err, "too many parties", "table");
    json_array_foreach(p, i, v) {
        if (!json_is_string(v))
            return bad(why, err, "parties must be Member codes", "table");
        r->parties[mo->n_parties++] = json_string_value(v);
    }
    mo->parties = mo->n_parties ? r->parties : NULL;
    r->in.motion = mo;
    return WV_OK;
}

/* The pending key whose fingerprint the chair confirmed. */
static wv_status fill_enrolment(srv_key_lookup_fn lookup, const void *ctx, srv_chair_req *r,
                                wv_refusal *why, wv_error *err)
{
    if (lookup == NULL || !lookup(ctx, str(r->j, "fingerprint"), &r->in.enrol_member,
                                  &r->in.enrol_key))
        return bad(why, err, "no key with this \"fingerprint\" is waiting", "enrol");
    return WV_OK;
}

static const struct {
    const char *action;
    wv_chair_kind kind;
} ACTIONS[] = {
    {"open", WV_CHAIR_MEETING_OPEN},        {"table", WV_CHAIR_MOTION_TABLE},
    {"revise", WV_CHAIR_MOTION_REVISE},     {"consensus-call", WV_CHAIR_CONSENSUS_CALL},
    {"vote-open", WV_CHAIR_VOTE_OPEN},      {"vote-close", WV_CHAIR_VOTE_CLOSE},
    {"decide", WV_CHAIR_DECIDE},            {"close", WV_CHAIR_MEETING_CLOSE},
    {"enrol", WV_CHAIR_KEY_ENROL},
};

int srv_chair_action_known(const char *action)
{
    for (size_t i = 0; i < sizeof ACTIONS / sizeof ACTIONS[0]; i++)
        if (strcmp(ACTIONS[i].action, action) == 0)
            return 1;
    return 0;
}

/* The event's inputs from the request; time is the server's clock unless
 * the request names one ("time": ISO 8601). */
static wv_status fill_event(const char *meeting_id, srv_key_lookup_fn lookup, const void *ctx,
                            srv_chair_req *r, const char *action, int64_t now, wv_refusal *why,
                            wv_error *err)
{
    size_t k = 0;
    while (k < sizeof ACTIONS / sizeof ACTIONS[0] && strcmp(ACTIONS[k].action, action) != 0)
        k++;
    if (k == sizeof ACTIONS / sizeof ACTIONS[0])
        return bad(why, err, "unknown action", action);
    r->in = (wv_chair_input){.kind = ACTIONS[k].kind, .time = now, .item = num(r->j, "item")};
    const char *t = json_string_value(json_object_get(r->j, "time"));
    if (t != NULL && wv_time_parse(t, &r->in.time, err) != WV_OK)
        return bad(why, err, "\"time\" is not an ISO 8601 UTC time", action);
    if (r->in.kind == WV_CHAIR_MEETING_OPEN)
        fill_meeting(meeting_id, r);
    if (r->in.kind == WV_CHAIR_MOTION_TABLE || r->in.kind == WV_CHAIR_MOTION_REVISE)
        return fill_motion(r, why, err);
    if (r->in.kind == WV_CHAIR_KEY_ENROL)
        return fill_enrolment(lookup, ctx, r, why, err);
    return WV_OK;
}

wv_status srv_chair_parse(const char *action, const char *json, size_t json_len, int64_t now,
                          const char *meeting_id, srv_key_lookup_fn lookup, const void *ctx,
                          srv_chair_req *r, wv_refusal *why, wv_error *err)
{
    memset(r, 0, sizeof *r);
    *why = WV_REFUSE_NONE;
    r->j = json_len ? json_loadb(json, json_len, JSON_REJECT_DUPLICATES, NULL) : json_object();
    if (!json_is_object(r->j))
        return bad(why, err, "the body is not a JSON object", action);
    return fill_event(meeting_id, lookup, ctx, r, action, now, why, err);
}

void srv_chair_req_free(srv_chair_req *r)
{
    json_decref(r->j);
    r->j = NULL;
}
