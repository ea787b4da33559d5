/* The JSON of a chair request (SPEC.md, "Chair requests: POST
 * /api/chair/ACTION") -> the plain inputs of its chair event. Apart from
 * the server's state so that a fuzz target reaches it without a server
 * (tests/fuzz/fuzz_chair_json.c); serve/chair.c seals what it fills. */
#ifndef WV_SRV_CHAIR_JSON_H
#define WV_SRV_CHAIR_JSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "wtovote/session.h"

typedef struct srv_chair_req {
    json_t *j;                 /* the body; the strings below point into it */
    wv_chair_input in;         /* in.meeting / in.motion point into this */
    wv_meeting_setup meeting;
    wv_motion_input motion;
    const char *parties[WV_MEETING_MAX_ITEMS];
} srv_chair_req;

/* The pending key of an enrolment by its fingerprint: 1 and *member, *key
 * (borrowed) when one waits, else 0. */
typedef int (*srv_key_lookup_fn)(const void *ctx, const char *fingerprint, const char **member,
                                 const wv_public_key **key);

/* Fills r from the request: `action` the URL's last segment, json its body
 * (json_len 0: an empty object), now the time unless the body names one,
 * meeting_id the record's (an opening's). On a refusal (not a JSON object,
 * an unknown action, a bad "time", parties, no such pending key) *why is
 * WV_REFUSE_MALFORMED and err says why. Release r with srv_chair_req_free
 * either way. */
wv_status srv_chair_parse(const char *action, const char *json, size_t json_len, int64_t now,
                          const char *meeting_id, srv_key_lookup_fn lookup, const void *ctx,
                          srv_chair_req *r, wv_refusal *why, wv_error *err);
void srv_chair_req_free(srv_chair_req *r);

/* 1 when `action` names a chair request. */
int srv_chair_action_known(const char *action);

#endif
