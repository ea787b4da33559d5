/* Chair requests -> chair events signed with the Secretariat key: the one
 * place the server builds them (as cli/cmd_meeting.c, cmd_motion.c and
 * cmd_chair.c do for the CLI). The request's JSON is read by chair_json.c;
 * the signed event then takes the same write path as a delegation's act
 * (srv_submit), so the state machine admits or refuses it exactly as it
 * would from a file. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chair_json.h"
#include "srv_internal.h"

/* The pending key whose fingerprint the chair confirmed. */
static int pending_key(const void *ctx, const char *fingerprint, const char **member,
                       const wv_public_key **key)
{
    const srv_pending_key *k = srv_enrol_find(ctx, fingerprint);
    if (k == NULL)
        return 0;
    *member = k->member;
    *key = &k->pub;
    return 1;
}

/* Built and signed by the session (one sealing path; a DECIDE carries the
 * decision the meeting derives). */
wv_status srv_chair_build(const wv_srv *s, const char *action, const char *json, size_t json_len,
                          int64_t now, uint8_t **env, size_t *env_len, wv_refusal *why,
                          wv_error *err)
{
    srv_chair_req r;
    wv_status st = srv_chair_parse(action, json, json_len, now, wv_record_meeting_id(s->rec),
                                   pending_key, s, &r, why, err);
    if (st == WV_OK)
        st = wv_session_chair_seal(s->session, &r.in, env, env_len, why, err);
    srv_chair_req_free(&r);
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
