/* Chair requests -> chair events signed with the Secretariat key: the one
 * place the server builds them (as cli/cmd_meeting.c, cmd_motion.c and
 * cmd_chair.c do for the CLI). The signed event then takes the same write
 * path as a delegation's act (srv_submit), so the state machine admits or
 * refuses it exactly as it would from a file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "srv_internal.h"
#include "wtovote/util.h"

typedef struct chair_req {
    json_t *j;
    wv_chair_input in;
    wv_meeting_setup meeting;
    wv_motion_input motion;
    const char *parties[WV_MEETING_MAX_ITEMS]; /* borrowed from j */
} chair_req;

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

static void fill_meeting(const wv_srv *s, chair_req *r)
{
    r->meeting = (wv_meeting_setup){
        .id = wv_record_meeting_id(s->rec), .body = str(r->j, "body"),
        .title = str(r->j, "title"), .quorum_num = num(r->j, "quorum_numerator"),
        .quorum_den = num(r->j, "quorum_denominator"), .vote_request = (int)num(r->j, "wtl93")};
    r->in.meeting = &r->meeting;
}

static wv_status fill_motion(chair_req *r, wv_refusal *why, wv_error *err)
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
static wv_status fill_enrolment(const wv_srv *s, chair_req *r, wv_refusal *why, wv_error *err)
{
    const srv_pending_key *k = srv_enrol_find(s, str(r->j, "fingerprint"));
    if (k == NULL)
        return bad(why, err, "no key with this \"fingerprint\" is waiting", "enrol");
    r->in.enrol_member = k->member;
    r->in.enrol_key = &k->pub;
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
static wv_status fill_event(const wv_srv *s, chair_req *r, const char *action, int64_t now,
                            wv_refusal *why, wv_error *err)
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
        fill_meeting(s, r);
    if (r->in.kind == WV_CHAIR_MOTION_TABLE || r->in.kind == WV_CHAIR_MOTION_REVISE)
        return fill_motion(r, why, err);
    if (r->in.kind == WV_CHAIR_KEY_ENROL)
        return fill_enrolment(s, r, why, err);
    return WV_OK;
}

/* Built and signed by the session (one sealing path; a DECIDE carries the
 * decision the meeting derives). */
wv_status srv_chair_build(const wv_srv *s, const char *action, const char *json, size_t json_len,
                          int64_t now, uint8_t **env, size_t *env_len, wv_refusal *why,
                          wv_error *err)
{
    chair_req r;
    memset(&r, 0, sizeof r);
    *why = WV_REFUSE_NONE;
    r.j = json_len ? json_loadb(json, json_len, JSON_REJECT_DUPLICATES, NULL) : json_object();
    if (!json_is_object(r.j)) {
        json_decref(r.j);
        return bad(why, err, "the body is not a JSON object", action);
    }
    wv_status st = fill_event(s, &r, action, now, why, err);
    if (st == WV_OK)
        st = wv_session_chair_seal(s->session, &r.in, env, env_len, why, err);
    json_decref(r.j);
    return st;
}

/* The confirmed key leaves the pending list once its enrolment is in. */
static void forget_enrolled(wv_srv *s, const char *json, size_t len)
{
    json_t *j = json_loadb(json, len, 0, NULL);
    const char *fp = json_string_value(json_object_get(j, "fingerprint"));
    pthread_mutex_lock(&s->rec_mu);
    if (fp != NULL)
        srv_enrol_done(s, fp);
    pthread_mutex_unlock(&s->rec_mu);
    json_decref(j);
}

void srv_chair_request(wv_srv *s, const char *action, const char *json, size_t len,
                       wv_append_result *r)
{
    uint8_t *env = NULL;
    size_t env_len = 0;
    memset(r, 0, sizeof *r);
    pthread_mutex_lock(&s->rec_mu);
    r->status = srv_chair_build(s, action, json, len, (int64_t)time(NULL), &env, &env_len,
                                &r->why, &r->error);
    pthread_mutex_unlock(&s->rec_mu);
    if (r->status == WV_OK)
        srv_submit(s, env, env_len, r);
    free(env);
    if (r->status == WV_OK && strcmp(action, "enrol") == 0)
        forget_enrolled(s, json, len);
}
