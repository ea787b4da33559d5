/* Enrolment during a meeting: a delegation presents a new public key
 * (POST /api/enrol, unauthenticated: it only joins a pending list); the
 * chair reads its fingerprint with the delegation and confirms it (POST
 * /api/chair/enrol), which appends a signed CHAIR_KEY_ENROL. Caller holds
 * rec_mu for every function here. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srv_internal.h"
#include "wtovote/util.h"

/* Lower-case hex of SHA-256 of the 32-byte Ed25519 public key. */
static void fingerprint(const wv_public_key *pub, char out[65])
{
    uint8_t h[32];
    crypto_hash_sha256(h, pub->pk, sizeof pub->pk);
    wv_hex(h, sizeof h, out);
}

wv_status srv_enrol_present(wv_srv *s, const char *json, size_t len, char **answer,
                            wv_error *err)
{
    json_t *j = json_loadb(json, len, JSON_REJECT_DUPLICATES, NULL);
    const char *member = json_string_value(json_object_get(j, "member"));
    const char *text = json_string_value(json_object_get(j, "public_key"));
    srv_pending_key k;
    memset(&k, 0, sizeof k);
    wv_status st = member && text ? WV_OK
                                  : wv_error_set(err, WV_ERR_MISSING_FIELD, "enrolment: needs "
                                                 "\"member\" and \"public_key\" (a .pub file's "
                                                 "text)");
    if (st == WV_OK)
        st = wv_member_code_check(member, err);
    if (st == WV_OK && wv_roster_member_index(wv_record_roster(s->rec), member) < 0)
        st = wv_error_set(err, WV_ERR_MEMBER_UNKNOWN, "enrolment: %s is not a Member in the "
                          "roster", member);
    if (st == WV_OK)
        st = wv_public_key_parse(text, strlen(text), &k.pub, err);
    if (st == WV_OK && s->n_pending_keys == SRV_MAX_PENDING_KEYS)
        st = wv_error_set(err, WV_ERR_TOO_LARGE, "enrolment: %u keys are already waiting for "
                          "the chair", SRV_MAX_PENDING_KEYS);
    if (st == WV_OK) {
        snprintf(k.member, sizeof k.member, "%s", member);
        fingerprint(&k.pub, k.fingerprint);
        wv_key_id_format(k.pub.key_id, k.key_id);
        s->pending_keys[s->n_pending_keys++] = k;
        *answer = srv_pending_key_json(&k);
    }
    json_decref(j);
    return st;
}

const srv_pending_key *srv_enrol_find(const wv_srv *s, const char *fp)
{
    for (size_t i = 0; fp != NULL && i < s->n_pending_keys; i++)
        if (strcmp(s->pending_keys[i].fingerprint, fp) == 0)
            return &s->pending_keys[i];
    return NULL;
}

void srv_enrol_done(wv_srv *s, const char *fp)
{
    for (size_t i = 0; i < s->n_pending_keys; i++)
        if (strcmp(s->pending_keys[i].fingerprint, fp) == 0)
            s->pending_keys[i--] = s->pending_keys[--s->n_pending_keys];
}

char *srv_pending_key_json(const srv_pending_key *k)
{
    json_t *o = json_pack("{s:s, s:s, s:s}", "member", k->member, "key_id", k->key_id,
                          "fingerprint", k->fingerprint);
    char *t = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return t;
}

char *srv_enrol_list_json(const wv_srv *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->n_pending_keys; i++) {
        const srv_pending_key *k = &s->pending_keys[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "member", k->member, "key_id",
                                           k->key_id, "fingerprint", k->fingerprint));
    }
    char *t = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return t;
}
