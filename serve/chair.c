/* Chair requests -> chair events signed with the Secretariat key: the one
 * place the server builds them (as cli/cmd_meeting.c, cmd_motion.c and
 * cmd_chair.c do for the CLI). The signed event then takes the same write
 * path as a delegation's act (srv_submit), so the state machine admits or
 * refuses it exactly as it would from a file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "srv_internal.h"
#include "wtovote/util.h"

typedef struct chair_req {
    json_t *j;
    wv_chair_event ev;
    wv_meeting_msg meeting;
    wv_motion_msg motion;
    Wtovote__V1__Waiver waiver;
    Wtovote__V1__MemberKey enrolment;
    wv_decision_msg decision;
    uint8_t fingerprint[32];
    char *parties[WV_MEETING_MAX_ITEMS]; /* borrowed from j */
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
    wtovote__v1__meeting__init(&r->meeting);
    wv_roster_fingerprint(wv_record_roster(s->rec), r->fingerprint);
    r->meeting.id = (char *)wv_record_meeting_id(s->rec);
    r->meeting.body = (char *)str(r->j, "body");
    r->meeting.title = (char *)str(r->j, "title");
    r->meeting.roster_fingerprint.data = r->fingerprint;
    r->meeting.roster_fingerprint.len = sizeof r->fingerprint;
    r->meeting.quorum_numerator = num(r->j, "quorum_numerator");
    r->meeting.quorum_denominator = num(r->j, "quorum_denominator");
    r->meeting.vote_request_reading = (Wtovote__V1__VoteRequestReading)num(r->j, "wtl93");
    r->ev.meeting = &r->meeting;
}

static wv_status fill_motion(const wv_srv *s, chair_req *r, wv_refusal *why, wv_error *err)
{
    wv_motion_msg *mo = &r->motion;
    wtovote__v1__motion__init(mo);
    mo->item = r->ev.item ? r->ev.item
                          : (uint32_t)wv_meeting_item_count(wv_record_meeting(s->rec)) + 1;
    r->ev.item = mo->item;
    mo->title = (char *)str(r->j, "title");
    mo->procedure = (char *)str(r->j, "procedure");
    mo->consensus_period_days = num(r->j, "consensus_period_days");
    mo->proponent = (char *)str(r->j, "proponent");
    mo->acceptance_deadline = (char *)str(r->j, "acceptance_deadline");
    json_t *w = json_object_get(r->j, "waiver");
    if (json_is_object(w)) {
        wtovote__v1__waiver__init(&r->waiver);
        r->waiver.exceptional_circumstances = (char *)str(w, "exceptional_circumstances");
        r->waiver.terms_and_conditions = (char *)str(w, "terms_and_conditions");
        r->waiver.termination_date = (char *)str(w, "termination_date");
        r->waiver.transition_obligation = json_is_true(json_object_get(w, "transition_obligation"));
        mo->waiver = &r->waiver;
    }
    json_t *p = json_object_get(r->j, "parties"), *v;
    size_t i;
    if (json_array_size(p) > WV_MEETING_MAX_ITEMS)
        return bad(why, err, "too many parties", "table");
    json_array_foreach(p, i, v) {
        if (!json_is_string(v))
            return bad(why, err, "parties must be Member codes", "table");
        r->parties[mo->n_parties++] = (char *)json_string_value(v);
    }
    mo->parties = mo->n_parties ? r->parties : NULL;
    r->ev.motion = mo;
    return WV_OK;
}

/* The pending key whose fingerprint the chair confirmed. */
static wv_status fill_enrolment(const wv_srv *s, chair_req *r, wv_refusal *why, wv_error *err)
{
    const srv_pending_key *k = srv_enrol_find(s, str(r->j, "fingerprint"));
    if (k == NULL)
        return bad(why, err, "no key with this \"fingerprint\" is waiting", "enrol");
    Wtovote__V1__MemberKey *mk = &r->enrolment;
    wtovote__v1__member_key__init(mk);
    mk->member = (char *)k->member;
    mk->key_id.data = (uint8_t *)k->pub.key_id;
    mk->key_id.len = WV_KEY_ID_BYTES;
    mk->public_key.data = (uint8_t *)k->pub.pk;
    mk->public_key.len = WV_PUBLIC_KEY_BYTES;
    r->ev.enrolment = mk;
    return WV_OK;
}

static const struct {
    const char *action;
    Wtovote__V1__ChairKind kind;
} ACTIONS[] = {
    {"open", WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN},
    {"table", WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE},
    {"revise", WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE},
    {"consensus-call", WTOVOTE__V1__CHAIR_KIND__CHAIR_CONSENSUS_CALL},
    {"vote-open", WTOVOTE__V1__CHAIR_KIND__CHAIR_VOTE_OPEN},
    {"vote-close", WTOVOTE__V1__CHAIR_KIND__CHAIR_VOTE_CLOSE},
    {"decide", WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE},
    {"close", WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_CLOSE},
    {"enrol", WTOVOTE__V1__CHAIR_KIND__CHAIR_KEY_ENROL},
};

int srv_chair_action_known(const char *action)
{
    for (size_t i = 0; i < sizeof ACTIONS / sizeof ACTIONS[0]; i++)
        if (strcmp(ACTIONS[i].action, action) == 0)
            return 1;
    return 0;
}

/* The event's fields from the request; time is the server's clock unless
 * the request names one ("time": ISO 8601). */
static wv_status fill_event(const wv_srv *s, chair_req *r, const char *action, int64_t now,
                            wv_refusal *why, wv_error *err)
{
    size_t k = 0;
    while (k < sizeof ACTIONS / sizeof ACTIONS[0] && strcmp(ACTIONS[k].action, action) != 0)
        k++;
    if (k == sizeof ACTIONS / sizeof ACTIONS[0])
        return bad(why, err, "unknown action", action);
    wtovote__v1__chair_event__init(&r->ev);
    r->ev.version = WV_WIRE_VERSION;
    r->ev.meeting_id = (char *)wv_record_meeting_id(s->rec);
    r->ev.kind = ACTIONS[k].kind;
    r->ev.time = now;
    r->ev.item = num(r->j, "item");
    const char *t = json_string_value(json_object_get(r->j, "time"));
    if (t != NULL && wv_time_parse(t, &r->ev.time, err) != WV_OK)
        return bad(why, err, "\"time\" is not an ISO 8601 UTC time", action);
    if (r->ev.kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN)
        fill_meeting(s, r);
    if (r->ev.kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE ||
        r->ev.kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE)
        return fill_motion(s, r, why, err);
    if (r->ev.kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_KEY_ENROL)
        return fill_enrolment(s, r, why, err);
    if (r->ev.kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE) {
        wv_decision d;
        wv_status st = wv_meeting_decide_preview(wv_record_meeting(s->rec), r->ev.item,
                                                 r->ev.time, &d, &r->decision, why, err);
        r->ev.decision = &r->decision;
        return st;
    }
    return WV_OK;
}

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
        st = wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT, &r.ev.base, s->cfg.sk,
                              env, env_len, err);
    json_decref(r.j);
    return st;
}
