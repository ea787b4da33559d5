/* Key enrolment during a meeting (CHAIR_KEY_ENROL; SPEC.md, "Key
 * enrolment"): a delegation that arrives with a new key is enrolled by the
 * chair after checking its fingerprint; the key signs that Member's acts
 * from its entry on. The roster file stays as signed at the opening. */
#include <stdlib.h>
#include <string.h>

#include "meeting/meeting_internal.h"
#include "wtovote/util.h"

static const wv_enrolled *find(const wv_meeting *m, const uint8_t key_id[WV_KEY_ID_BYTES])
{
    for (size_t i = 0; i < m->n_enrolled; i++)
        if (memcmp(m->enrolled[i].key_id, key_id, WV_KEY_ID_BYTES) == 0)
            return &m->enrolled[i];
    return NULL;
}

/* A key id the roster holds, for any Member or the Secretariat. */
static int in_roster(const wv_meeting *m, const uint8_t key_id[WV_KEY_ID_BYTES])
{
    const wv_roster_msg *r = wv_roster_message(m->roster);
    if (r->secretariat_key_id.len == WV_KEY_ID_BYTES &&
        memcmp(r->secretariat_key_id.data, key_id, WV_KEY_ID_BYTES) == 0)
        return 1;
    for (size_t i = 0; i < r->n_keys; i++)
        if (r->keys[i]->key_id.len == WV_KEY_ID_BYTES &&
            memcmp(r->keys[i]->key_id.data, key_id, WV_KEY_ID_BYTES) == 0)
            return 1;
    return 0;
}

wv_status wv_meeting_enrol(wv_meeting *m, const Wtovote__V1__MemberKey *k, int64_t time,
                           wv_refusal *why, wv_error *err)
{
    char id[WV_KEY_ID_BYTES * 2 + 1];
    int member = wv_roster_member_index(m->roster, k->member);
    wv_hex(k->key_id.data, WV_KEY_ID_BYTES, id);
    if (member < 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_UNKNOWN_MEMBER,
                                 "key enrolment refused: %s is not a Member in the roster",
                                 k->member);
    if (in_roster(m, k->key_id.data) || find(m, k->key_id.data) != NULL)
        return wv_meeting_refuse(why, err, WV_REFUSE_KEY_EXISTS,
                                 "key enrolment for %s refused: key id %s is already %s",
                                 k->member, id, find(m, k->key_id.data) ? "enrolled"
                                                                        : "in the roster");
    if (m->n_enrolled == m->cap_enrolled) {
        size_t cap = m->cap_enrolled ? 2 * m->cap_enrolled : 16;
        wv_enrolled *e = realloc(m->enrolled, cap * sizeof *e);
        if (e == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "key enrolment: out of memory");
        m->enrolled = e;
        m->cap_enrolled = cap;
    }
    wv_enrolled *e = &m->enrolled[m->n_enrolled++];
    e->member = (uint32_t)member;
    memcpy(e->key_id, k->key_id.data, WV_KEY_ID_BYTES);
    memcpy(e->pk, k->public_key.data, WV_PUBLIC_KEY_BYTES);
    e->time = time;
    m->last_time = time;
    return wv_meeting_admit(why, err);
}

int wv_meeting_enrolled_key(const wv_meeting *m, const uint8_t key_id[WV_KEY_ID_BYTES],
                            uint32_t *member, uint8_t pk[WV_PUBLIC_KEY_BYTES])
{
    const wv_enrolled *e = m != NULL ? find(m, key_id) : NULL;
    if (e == NULL)
        return 0;
    *member = e->member;
    memcpy(pk, e->pk, WV_PUBLIC_KEY_BYTES);
    return 1;
}

size_t wv_meeting_enrolled_count(const wv_meeting *m)
{
    return m->n_enrolled;
}
