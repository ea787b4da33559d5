/* One log entry: decode (V3), signer's key (V4), signature (V5), state
 * machine (V6/V7). Shared by the writer, which refuses before writing, and
 * the verifier, which re-checks everything. */
#include <stdio.h>
#include <string.h>

#include "record/record_internal.h"

wv_status wv_entry_decode(const uint8_t *buf, size_t len, wv_entry *out, wv_error *err)
{
    memset(out, 0, sizeof *out);
    wv_status st = wv_envelope_decode(buf, len, &out->env, err);
    if (st != WV_OK)
        return st;
    const wv_envelope *env = out->env;
    if (env->key_id.len != WV_KEY_ID_BYTES || env->signature.len != WV_SIGNATURE_BYTES)
        return wv_error_set(err, WV_ERR_UNSIGNED,
                            "envelope: not signed (key id %zu bytes, signature %zu bytes)",
                            env->key_id.len, env->signature.len);
    if (env->type == WTOVOTE__V1__BODY_TYPE__BODY_ACT) {
        st = wv_act_decode(env->body.data, env->body.len, &out->act, err);
        if (st == WV_OK) {
            out->time = out->act->time;
            out->meeting_id = out->act->meeting_id;
        }
        return st;
    }
    if (env->type == WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT) {
        st = wv_chair_event_decode(env->body.data, env->body.len, &out->chair, err);
        if (st == WV_OK) {
            out->time = out->chair->time;
            out->meeting_id = out->chair->meeting_id;
        }
        return st;
    }
    return wv_error_set(err, WV_ERR_BODY_TYPE,
                        "envelope of type %d: a log holds only acts (2) and chair events (3)",
                        (int)env->type);
}

/* A key the roster does not hold may have been enrolled during the
 * meeting (CHAIR_KEY_ENROL, before this entry): it signs acts of its
 * Member only. */
static wv_status enrolled_key(const wv_roster *roster, const wv_meeting *m, wv_entry *e,
                              wv_error *err)
{
    uint32_t who;
    if (!wv_meeting_enrolled_key(m, e->env->key_id.data, &who, e->pub.pk))
        return WV_ERR_KEY_UNKNOWN; /* err already says so */
    int member = wv_roster_member_index(roster, e->act->member);
    if (member < 0 || (uint32_t)member != who)
        return wv_error_set(err, WV_ERR_KEY_WRONG_MEMBER,
                            "key enrolled for %s used to sign an act of %s",
                            wv_roster_member_at(roster, who)->code, e->act->member);
    memcpy(e->pub.key_id, e->env->key_id.data, WV_KEY_ID_BYTES);
    return WV_OK;
}

wv_status wv_entry_key(const wv_roster *roster, const wv_meeting *m, wv_entry *e, wv_error *err)
{
    /* member NULL: the Secretariat's key (chair events). */
    const char *member = e->act != NULL ? e->act->member : NULL;
    wv_status st = wv_roster_key_check(roster, e->env->key_id.data, member, e->time, &e->pub,
                                       err);
    if (st == WV_ERR_KEY_UNKNOWN && e->act != NULL && m != NULL)
        st = enrolled_key(roster, m, e, err);
    return st;
}

wv_status wv_entry_signature(const wv_entry *e, wv_error *err)
{
    /* The same bytes under the same key: Ed25519 would say the same again. */
    if (e->checked_pk != NULL && memcmp(e->checked_pk, e->pub.pk, WV_PUBLIC_KEY_BYTES) == 0)
        return WV_OK;
    return wv_envelope_verify(e->env, &e->pub, err);
}

wv_status wv_entry_apply(wv_meeting *m, const wv_entry *e, wv_refusal *why, wv_error *err)
{
    if (e->act != NULL)
        return wv_meeting_apply_act(m, e->act, why, err);
    return wv_meeting_apply_chair(m, e->chair, why, err);
}

void wv_entry_free(wv_entry *e)
{
    wv_message_free(e->act);
    wv_message_free(e->chair);
    wv_message_free(e->env);
    memset(e, 0, sizeof *e);
}

int wv_record_path(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

const char *wv_origin_meeting_id(const char *origin)
{
    const char *mark = "/meeting/";
    const char *p = NULL, *q = origin;
    while ((q = strstr(q, mark)) != NULL) {
        p = q + strlen(mark);
        q = p;
    }
    return p != NULL && *p != '\0' ? p : NULL;
}

size_t wv_frontier_last_leaf_proof(const wv_merkle_frontier *f, uint8_t *proof)
{
    /* RFC 9162 2.1.3.1: PATH(n-1, D[n]) descends right at every split, so
     * its hashes are the roots of the perfect subtrees left of the leaf,
     * i.e. the compact range of [0, n-1), smallest first. */
    size_t k = 0;
    for (unsigned level = 0; level < 64; level++)
        if (f->size >> level & 1)
            memcpy(proof + WV_HASH_BYTES * k++, f->nodes[level], WV_HASH_BYTES);
    return k;
}
