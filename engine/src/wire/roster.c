/* The roster: Members sorted by code, their keys (validity windows and
 * revocation) and the Secretariat key that signs it (SPEC.md, "Roster").
 *
 * The roster owns a Wtovote__V1__Roster built from its own allocations (never
 * protobuf-c's unpacked memory, which is copied and released at once), the
 * exact body bytes that the signature covers, and an index of keys sorted by
 * key id so that wv_roster_key_check is a binary search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wtovote/util.h"

#include "wire/roster_internal.h"
#include "wire/wire_internal.h"

typedef struct key_slot {
    Wtovote__V1__MemberKey k; /* first: a MemberKey pointer is a slot pointer */
    char member[WV_MAX_CODE_BYTES + 1];
    uint8_t id[WV_KEY_ID_BYTES];
    uint8_t pk[WV_PUBLIC_KEY_BYTES];
} key_slot;

struct wv_roster {
    wv_roster_msg msg;
    size_t keys_cap;
    Wtovote__V1__MemberKey **index; /* msg.n_keys pointers sorted by key id */
    char as_of[16];
    uint8_t sec_id[WV_KEY_ID_BYTES];
    uint8_t sec_pk[WV_PUBLIC_KEY_BYTES];
    uint8_t *body; /* exact bytes of the Roster message, signed if is_signed */
    size_t body_len;
    int is_signed;
    uint8_t sig_id[WV_KEY_ID_BYTES];
    uint8_t sig[WV_SIGNATURE_BYTES];
};

/* ------------------------------------------------------------ lifetime */

static void member_free(Wtovote__V1__Member *m)
{
    if (m == NULL)
        return;
    free(m->code);
    free(m->name);
    free(m->joined);
    free(m);
}

void wv_roster_free(wv_roster *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->msg.n_members; i++)
        member_free(r->msg.members[i]);
    free(r->msg.members);
    for (size_t i = 0; i < r->msg.n_keys; i++)
        free(r->msg.keys[i]);
    free(r->msg.keys);
    free(r->index);
    free(r->body);
    free(r);
}

static wv_roster *roster_alloc(void)
{
    wv_roster *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    wtovote__v1__roster__init(&r->msg);
    r->msg.version = WV_WIRE_VERSION;
    r->msg.as_of = r->as_of;
    return r;
}

static Wtovote__V1__Member *member_new(const char *code, const char *name, int eu, int ldc,
                                       const char *joined)
{
    Wtovote__V1__Member *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    wtovote__v1__member__init(m);
    m->code = strdup(code);
    m->name = strdup(name);
    m->joined = strdup(joined ? joined : "");
    m->eu_member_state = eu != 0;
    m->ldc = ldc != 0;
    if (m->code == NULL || m->name == NULL || m->joined == NULL) {
        member_free(m);
        return NULL;
    }
    return m;
}

static key_slot *key_new(const char *member, const uint8_t *id, const uint8_t *pk,
                         int64_t from, int64_t until, int64_t revoked)
{
    key_slot *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    wtovote__v1__member_key__init(&s->k);
    snprintf(s->member, sizeof s->member, "%s", member);
    memcpy(s->id, id, WV_KEY_ID_BYTES);
    memcpy(s->pk, pk, WV_PUBLIC_KEY_BYTES);
    s->k.member = s->member;
    s->k.key_id.data = s->id;
    s->k.key_id.len = WV_KEY_ID_BYTES;
    s->k.public_key.data = s->pk;
    s->k.public_key.len = WV_PUBLIC_KEY_BYTES;
    s->k.valid_from = from;
    s->k.valid_until = until;
    s->k.revoked_at = revoked;
    return s;
}

/* ------------------------------------------------------------ index, body */

static int cmp_key_ptr(const void *a, const void *b)
{
    const Wtovote__V1__MemberKey *x = *(Wtovote__V1__MemberKey *const *)a;
    const Wtovote__V1__MemberKey *y = *(Wtovote__V1__MemberKey *const *)b;
    return memcmp(x->key_id.data, y->key_id.data, WV_KEY_ID_BYTES);
}

static wv_status index_build(wv_roster *r, wv_error *err)
{
    size_t n = r->msg.n_keys;
    Wtovote__V1__MemberKey **v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory for the key index");
    if (n > 0)
        memcpy(v, r->msg.keys, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp_key_ptr);
    free(r->index);
    r->index = v;
    return WV_OK;
}

static const Wtovote__V1__MemberKey *key_find(const wv_roster *r, const uint8_t *id)
{
    size_t lo = 0, hi = r->msg.n_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = memcmp(r->index[mid]->key_id.data, id, WV_KEY_ID_BYTES);
        if (cmp == 0)
            return r->index[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Re-encodes the body and passes it through the wire module's Roster decoder,
 * so that a roster we hold is always one a verifier would accept. */
static wv_status body_refresh(wv_roster *r, wv_error *err)
{
    uint8_t *body = NULL;
    size_t len = 0;
    wv_status st = wv_message_encode(&r->msg.base, &body, &len, err);
    if (st != WV_OK)
        return st;
    wv_roster_msg *check = NULL;
    st = wv_roster_msg_decode(body, len, &check, err);
    wv_message_free(check);
    if (st == WV_OK)
        st = index_build(r, err);
    if (st != WV_OK) {
        free(body);
        return st;
    }
    free(r->body);
    r->body = body;
    r->body_len = len;
    return WV_OK;
}

/* An edit drops the signature and the Secretariat fields it recorded; if the
 * edited roster is refused, the signature state is restored (the caller
 * undoes its own change). */
static wv_status roster_changed(wv_roster *r, wv_error *err)
{
    int was_signed = r->is_signed;
    ProtobufCBinaryData id = r->msg.secretariat_key_id, pk = r->msg.secretariat_public_key;
    r->is_signed = 0;
    r->msg.secretariat_key_id = (ProtobufCBinaryData){0, NULL};
    r->msg.secretariat_public_key = (ProtobufCBinaryData){0, NULL};
    wv_status st = body_refresh(r, err);
    if (st != WV_OK) {
        r->is_signed = was_signed;
        r->msg.secretariat_key_id = id;
        r->msg.secretariat_public_key = pk;
    }
    return st;
}

/* ------------------------------------------------------------ creation */

static int cmp_member_ptr(const void *a, const void *b)
{
    const Wtovote__V1__Member *x = *(Wtovote__V1__Member *const *)a;
    const Wtovote__V1__Member *y = *(Wtovote__V1__Member *const *)b;
    return strcmp(x->code, y->code);
}

static wv_status members_fill(wv_roster *r, const wv_default_member *v, size_t n,
                              wv_error *err)
{
    if (n > WV_MAX_MEMBERS)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "roster: %zu members, over the limit of %u",
                            n, WV_MAX_MEMBERS);
    r->msg.members = calloc(n ? n : 1, sizeof *r->msg.members);
    if (r->msg.members == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    for (size_t i = 0; i < n; i++) {
        r->msg.members[i] =
            member_new(v[i].code, v[i].name, v[i].eu_member_state, v[i].ldc, v[i].joined);
        if (r->msg.members[i] == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
        r->msg.n_members = i + 1;
    }
    qsort(r->msg.members, n, sizeof *r->msg.members, cmp_member_ptr);
    for (size_t i = 1; i < n; i++)
        if (strcmp(r->msg.members[i - 1]->code, r->msg.members[i]->code) == 0)
            return wv_error_set(err, WV_ERR_DUPLICATE_MEMBER, "roster: member %s listed twice",
                                r->msg.members[i]->code);
    return WV_OK;
}

wv_status wv_roster_from_members(const wv_default_member *v, size_t n, const char *as_of,
                                 wv_roster **out, wv_error *err)
{
    *out = NULL;
    wv_roster *r = roster_alloc();
    if (r == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    if (as_of != NULL && strlen(as_of) < sizeof r->as_of)
        strcpy(r->as_of, as_of);
    wv_status st = members_fill(r, v, n, err);
    if (st == WV_OK)
        st = body_refresh(r, err);
    if (st != WV_OK) {
        wv_roster_free(r);
        return st;
    }
    *out = r;
    return WV_OK;
}

/* ------------------------------------------------------------ decoding */

static wv_status copy_message(wv_roster *r, const wv_roster_msg *m, wv_error *err)
{
    snprintf(r->as_of, sizeof r->as_of, "%s", m->as_of);
    r->msg.members = calloc(m->n_members ? m->n_members : 1, sizeof *r->msg.members);
    r->msg.keys = calloc(m->n_keys ? m->n_keys : 1, sizeof *r->msg.keys);
    if (r->msg.members == NULL || r->msg.keys == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    r->keys_cap = m->n_keys ? m->n_keys : 1;
    for (size_t i = 0; i < m->n_members; i++) {
        const Wtovote__V1__Member *s = m->members[i];
        r->msg.members[i] =
            member_new(s->code, s->name, s->eu_member_state, s->ldc, s->joined);
        if (r->msg.members[i] == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
        r->msg.n_members = i + 1;
    }
    for (size_t i = 0; i < m->n_keys; i++) {
        const Wtovote__V1__MemberKey *k = m->keys[i];
        key_slot *s = key_new(k->member, k->key_id.data, k->public_key.data, k->valid_from,
                              k->valid_until, k->revoked_at);
        if (s == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
        r->msg.keys[i] = &s->k;
        r->msg.n_keys = i + 1;
    }
    if (m->secretariat_key_id.len == WV_KEY_ID_BYTES) {
        memcpy(r->sec_id, m->secretariat_key_id.data, WV_KEY_ID_BYTES);
        memcpy(r->sec_pk, m->secretariat_public_key.data, WV_PUBLIC_KEY_BYTES);
        r->msg.secretariat_key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, r->sec_id};
        r->msg.secretariat_public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, r->sec_pk};
    }
    return index_build(r, err);
}

static wv_status copy_envelope(wv_roster *r, const wv_envelope *env, wv_error *err)
{
    r->body = malloc(env->body.len ? env->body.len : 1);
    if (r->body == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    if (env->body.len > 0)
        memcpy(r->body, env->body.data, env->body.len);
    r->body_len = env->body.len;
    /* A draft names no Secretariat key (SPEC "The roster file"): otherwise a
     * signed roster stripped of its signature would be a draft with the
     * signed roster's fingerprint. */
    if (env->key_id.len == 0 && env->signature.len == 0)
        return r->msg.secretariat_key_id.len == 0
                   ? WV_OK
                   : wv_error_set(err, WV_ERR_BAD_VALUE,
                                  "roster: unsigned, but its body names a Secretariat key "
                                  "(a signed roster with the signature removed?)");
    if (env->key_id.len != WV_KEY_ID_BYTES || env->signature.len != WV_SIGNATURE_BYTES)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "roster envelope: key id of %zu bytes and signature of %zu bytes",
                            env->key_id.len, env->signature.len);
    r->is_signed = 1;
    memcpy(r->sig_id, env->key_id.data, WV_KEY_ID_BYTES);
    memcpy(r->sig, env->signature.data, WV_SIGNATURE_BYTES);
    return WV_OK;
}

static wv_status decode_into(wv_roster *r, const uint8_t *buf, size_t len, wv_error *err)
{
    wv_envelope *env = NULL;
    wv_roster_msg *m = NULL;
    wv_status st = wv_envelope_decode(buf, len, &env, err);
    if (st == WV_OK && env->type != WTOVOTE__V1__BODY_TYPE__BODY_ROSTER)
        st = wv_error_set(err, WV_ERR_BODY_TYPE,
                          "envelope holds body type %d, not a roster (type %d)",
                          (int)env->type, (int)WTOVOTE__V1__BODY_TYPE__BODY_ROSTER);
    if (st == WV_OK)
        st = wv_roster_msg_decode(env->body.data, env->body.len, &m, err);
    if (st == WV_OK)
        st = copy_message(r, m, err);
    if (st == WV_OK)
        st = copy_envelope(r, env, err);
    wv_message_free(m);
    wv_message_free(env);
    return st;
}

wv_status wv_roster_decode(const uint8_t *buf, size_t len, wv_roster **out, wv_error *err)
{
    *out = NULL;
    wv_roster *r = roster_alloc();
    if (r == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    wv_status st = decode_into(r, buf, len, err);
    if (st != WV_OK) {
        wv_roster_free(r);
        return st;
    }
    *out = r;
    return WV_OK;
}

wv_status wv_roster_load(const char *path, wv_roster **out, wv_error *err)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    *out = NULL;
    wv_status st = wv_file_read(path, WV_MAX_ENVELOPE_BYTES, &buf, &len, err);
    if (st != WV_OK)
        return st;
    st = wv_roster_decode(buf, len, out, err);
    free(buf);
    if (st != WV_OK)
        wv_error_prefix(err, "%s", path);
    return st;
}

wv_status wv_roster_encode(const wv_roster *r, uint8_t **out, size_t *len, wv_error *err)
{
    wv_envelope env = WTOVOTE__V1__ENVELOPE__INIT;
    env.version = WV_WIRE_VERSION;
    env.type = WTOVOTE__V1__BODY_TYPE__BODY_ROSTER;
    env.body = (ProtobufCBinaryData){r->body_len, r->body};
    if (r->is_signed) {
        env.key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, (uint8_t *)r->sig_id};
        env.signature = (ProtobufCBinaryData){WV_SIGNATURE_BYTES, (uint8_t *)r->sig};
    }
    return wv_message_encode(&env.base, out, len, err);
}

/* ------------------------------------------------------------ editing */

static wv_status keys_reserve(wv_roster *r, wv_error *err)
{
    if (r->msg.n_keys < r->keys_cap)
        return WV_OK;
    size_t cap = r->keys_cap ? r->keys_cap * 2 : 8;
    Wtovote__V1__MemberKey **v = realloc(r->msg.keys, cap * sizeof *v);
    if (v == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    r->msg.keys = v;
    r->keys_cap = cap;
    return WV_OK;
}

static wv_status add_key_check(const wv_roster *r, const char *member, const wv_public_key *pub,
                               int64_t from, int64_t until, wv_error *err)
{
    char id[17];
    wv_key_id_format(pub->key_id, id);
    if (wv_roster_member_index(r, member) < 0)
        return wv_error_set(err, WV_ERR_MEMBER_UNKNOWN, "roster: no member with code '%s'",
                            member);
    const Wtovote__V1__MemberKey *k = key_find(r, pub->key_id);
    if (k != NULL)
        return wv_error_set(err, WV_ERR_DUPLICATE_KEY, "roster: key %s is already held by %s",
                            id, k->member);
    if (r->msg.n_keys >= WV_MAX_KEYS)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "roster: already %u keys, the limit",
                            WV_MAX_KEYS);
    if (from < 0 || until < 0)
        return wv_error_set(err, WV_ERR_ARG,
                            "roster: key %s: validity bounds before 1970 (%lld, %lld)", id,
                            (long long)from, (long long)until);
    if (until != 0 && until <= from)
        return wv_error_set(err, WV_ERR_ARG,
                            "roster: key %s: the validity window [%lld, %lld) is empty", id,
                            (long long)from, (long long)until);
    return WV_OK;
}

wv_status wv_roster_add_key(wv_roster *r, const char *member, const wv_public_key *pub,
                            int64_t valid_from, int64_t valid_until, wv_error *err)
{
    wv_status st = add_key_check(r, member, pub, valid_from, valid_until, err);
    if (st == WV_OK)
        st = keys_reserve(r, err);
    if (st != WV_OK)
        return st;
    key_slot *s = key_new(member, pub->key_id, pub->pk, valid_from, valid_until, 0);
    if (s == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    r->msg.keys[r->msg.n_keys++] = &s->k;
    st = roster_changed(r, err);
    if (st != WV_OK) { /* e.g. a public key listed twice: undo */
        r->msg.n_keys--;
        free(s);
        wv_status st2 = index_build(r, NULL);
        (void)st2;
    }
    return st;
}

wv_status wv_roster_revoke_key(wv_roster *r, const uint8_t key_id[WV_KEY_ID_BYTES], int64_t at,
                               wv_error *err)
{
    char id[17];
    wv_key_id_format(key_id, id);
    Wtovote__V1__MemberKey *k = (Wtovote__V1__MemberKey *)key_find(r, key_id);
    if (k == NULL)
        return wv_error_set(err, WV_ERR_KEY_UNKNOWN, "roster: no key with id %s", id);
    if (at <= 0)
        return wv_error_set(err, WV_ERR_ARG, "roster: key %s: revocation time must be positive",
                            id);
    if (k->revoked_at != 0) {
        char when[24];
        wv_time_format(k->revoked_at, when, sizeof when);
        return wv_error_set(err, WV_ERR_KEY_REVOKED,
                            "roster: key %s of %s is already revoked at %s",
                            id, k->member, when);
    }
    k->revoked_at = at;
    wv_status st = roster_changed(r, err);
    if (st != WV_OK)
        k->revoked_at = 0;
    return st;
}

/* ------------------------------------------------------------ signing */

/* The key id and signature of an envelope we just sealed. */
static wv_status take_signature(const uint8_t *env_bytes, size_t len,
                                uint8_t id[WV_KEY_ID_BYTES], uint8_t sig[WV_SIGNATURE_BYTES],
                                wv_error *err)
{
    wv_envelope *env = NULL;
    wv_status st = wv_envelope_decode(env_bytes, len, &env, err);
    if (st == WV_OK && (env->key_id.len != WV_KEY_ID_BYTES ||
                        env->signature.len != WV_SIGNATURE_BYTES))
        st = wv_error_set(err, WV_ERR_INTERNAL, "roster: sealed envelope lacks a signature");
    if (st == WV_OK) {
        memcpy(id, env->key_id.data, WV_KEY_ID_BYTES);
        memcpy(sig, env->signature.data, WV_SIGNATURE_BYTES);
    }
    wv_message_free(env);
    return st;
}

/* The body naming the Secretariat key `pub`; r is left unchanged. */
static wv_status body_with_secretariat(wv_roster *r, wv_public_key *pub, uint8_t **body,
                                       size_t *len, wv_error *err)
{
    ProtobufCBinaryData id = r->msg.secretariat_key_id, pk = r->msg.secretariat_public_key;
    r->msg.secretariat_key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, pub->key_id};
    r->msg.secretariat_public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, pub->pk};
    wv_status st = wv_message_encode(&r->msg.base, body, len, err);
    r->msg.secretariat_key_id = id;
    r->msg.secretariat_public_key = pk;
    return st;
}

/* Computes everything first and changes the roster only when all succeeded:
 * a failed signing leaves it as it was. */
wv_status wv_roster_sign(wv_roster *r, const wv_secret_key *secretariat, wv_error *err)
{
    wv_public_key pub;
    uint8_t *body = NULL, *env = NULL, sig_id[WV_KEY_ID_BYTES], sig[WV_SIGNATURE_BYTES];
    size_t body_len = 0, env_len = 0;
    wv_secret_key_public(secretariat, &pub);
    wv_status st = body_with_secretariat(r, &pub, &body, &body_len, err);
    if (st == WV_OK) /* the seal runs the Roster decoder over body */
        st = wv_envelope_seal_bytes(WTOVOTE__V1__BODY_TYPE__BODY_ROSTER, body, body_len,
                                    secretariat, &env, &env_len, err);
    if (st == WV_OK)
        st = take_signature(env, env_len, sig_id, sig, err);
    free(env);
    if (st != WV_OK) {
        free(body);
        return st;
    }
    memcpy(r->sec_id, pub.key_id, WV_KEY_ID_BYTES);
    memcpy(r->sec_pk, pub.pk, WV_PUBLIC_KEY_BYTES);
    r->msg.secretariat_key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, r->sec_id};
    r->msg.secretariat_public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, r->sec_pk};
    free(r->body);
    r->body = body;
    r->body_len = body_len;
    memcpy(r->sig_id, sig_id, WV_KEY_ID_BYTES);
    memcpy(r->sig, sig, WV_SIGNATURE_BYTES);
    r->is_signed = 1;
    return WV_OK;
}

int wv_roster_is_signed(const wv_roster *r)
{
    return r->is_signed;
}

int wv_roster_secretariat(const wv_roster *r, wv_public_key *out)
{
    if (!r->is_signed || r->msg.secretariat_key_id.len != WV_KEY_ID_BYTES)
        return -1;
    if (out != NULL) {
        memcpy(out->key_id, r->sec_id, WV_KEY_ID_BYTES);
        memcpy(out->pk, r->sec_pk, WV_PUBLIC_KEY_BYTES);
    }
    return 0;
}

wv_status wv_roster_verify(const wv_roster *r, wv_error *err)
{
    if (!r->is_signed)
        return wv_error_set(err, WV_ERR_UNSIGNED, "roster: not signed by the Secretariat");
    if (r->msg.secretariat_key_id.len != WV_KEY_ID_BYTES)
        return wv_error_set(err, WV_ERR_BAD_SIGNATURE,
                            "roster: signed, but the body names no Secretariat key");
    wv_public_key pub;
    memcpy(pub.key_id, r->sec_id, WV_KEY_ID_BYTES);
    memcpy(pub.pk, r->sec_pk, WV_PUBLIC_KEY_BYTES);
    wv_envelope env = WTOVOTE__V1__ENVELOPE__INIT;
    env.version = WV_WIRE_VERSION;
    env.type = WTOVOTE__V1__BODY_TYPE__BODY_ROSTER;
    env.body = (ProtobufCBinaryData){r->body_len, r->body};
    env.key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, (uint8_t *)r->sig_id};
    env.signature = (ProtobufCBinaryData){WV_SIGNATURE_BYTES, (uint8_t *)r->sig};
    wv_status st = wv_envelope_verify(&env, &pub, err);
    if (st != WV_OK)
        wv_error_prefix(err, "roster");
    return st;
}

void wv_roster_fingerprint(const wv_roster *r, uint8_t out[32])
{
    crypto_hash_sha256(out, r->body, r->body_len);
}

/* ------------------------------------------------------------ queries */

size_t wv_roster_member_count(const wv_roster *r)
{
    return r->msg.n_members;
}

uint32_t wv_roster_eu_member_states(const wv_roster *r)
{
    uint32_t n = 0;
    for (size_t i = 0; i < r->msg.n_members; i++)
        n += r->msg.members[i]->eu_member_state ? 1u : 0u;
    return n;
}

const Wtovote__V1__Member *wv_roster_member_at(const wv_roster *r, size_t index)
{
    return index < r->msg.n_members ? r->msg.members[index] : NULL;
}

int wv_roster_member_index(const wv_roster *r, const char *code)
{
    size_t lo = 0, hi = r->msg.n_members;
    if (code == NULL)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(r->msg.members[mid]->code, code);
        if (cmp == 0)
            return (int)mid;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const wv_roster_msg *wv_roster_message(const wv_roster *r)
{
    return &r->msg;
}

/* ------------------------------------------------------------ key check */

static wv_status secretariat_error(const wv_roster *r, const uint8_t *key_id, const char *id,
                                   wv_error *err)
{
    const Wtovote__V1__MemberKey *k = key_find(r, key_id);
    if (k != NULL)
        return wv_error_set(err, WV_ERR_KEY_WRONG_MEMBER,
                            "key %s belongs to member %s, not to the Secretariat", id,
                            k->member);
    if (wv_roster_secretariat(r, NULL) != 0)
        return wv_error_set(err, WV_ERR_KEY_UNKNOWN,
                            "key %s: the roster is unsigned and names no Secretariat key", id);
    return wv_error_set(err, WV_ERR_KEY_UNKNOWN, "key %s is not the roster's Secretariat key",
                        id);
}

/* The validity window: valid_from <= t < valid_until (0: no end), and
 * t < revoked_at (0: not revoked). Messages are only formatted on failure:
 * the verifier runs this for every act. */
static wv_status window_error(const Wtovote__V1__MemberKey *k, int64_t t, wv_status code,
                              const char *what, int64_t bound, wv_error *err)
{
    char id[17], a[24], b[24];
    wv_key_id_format(k->key_id.data, id);
    wv_time_format(t, a, sizeof a);
    wv_time_format(bound, b, sizeof b);
    const char *verb = code == WV_ERR_KEY_NOT_YET_VALID ? "is not yet valid"
                     : code == WV_ERR_KEY_EXPIRED       ? "has expired"
                                                        : "is revoked";
    return wv_error_set(err, code, "key %s of %s %s at %s (%s %s)", id, k->member, verb, a,
                        what, b);
}

static wv_status window_check(const Wtovote__V1__MemberKey *k, int64_t t, wv_error *err)
{
    if (t < k->valid_from)
        return window_error(k, t, WV_ERR_KEY_NOT_YET_VALID, "valid from", k->valid_from, err);
    if (k->valid_until != 0 && t >= k->valid_until)
        return window_error(k, t, WV_ERR_KEY_EXPIRED, "valid until", k->valid_until, err);
    if (k->revoked_at != 0 && t >= k->revoked_at)
        return window_error(k, t, WV_ERR_KEY_REVOKED, "revoked from", k->revoked_at, err);
    return WV_OK;
}

static wv_status lookup_error(const wv_roster *r, const uint8_t *key_id,
                              const Wtovote__V1__MemberKey *k, const char *member,
                              wv_error *err)
{
    char id[17];
    wv_key_id_format(key_id, id);
    if (member == NULL)
        return secretariat_error(r, key_id, id, err);
    if (k != NULL)
        return wv_error_set(err, WV_ERR_KEY_WRONG_MEMBER,
                            "key %s belongs to member %s, not to %s", id, k->member, member);
    if (r->msg.secretariat_key_id.len == WV_KEY_ID_BYTES &&
        memcmp(key_id, r->sec_id, WV_KEY_ID_BYTES) == 0)
        return wv_error_set(err, WV_ERR_KEY_WRONG_MEMBER,
                            "key %s is the Secretariat's key, not a key of %s", id, member);
    return wv_error_set(err, WV_ERR_KEY_UNKNOWN, "key %s is not in the roster", id);
}

wv_status wv_roster_key_check(const wv_roster *r, const uint8_t key_id[WV_KEY_ID_BYTES],
                              const char *member, int64_t t, wv_public_key *out, wv_error *err)
{
    if (member == NULL) {
        /* Only a signed roster vouches for its Secretariat key. */
        if (wv_roster_secretariat(r, NULL) == 0 &&
            memcmp(key_id, r->sec_id, WV_KEY_ID_BYTES) == 0)
            return wv_roster_secretariat(r, out) == 0 ? WV_OK : WV_ERR_INTERNAL;
        return lookup_error(r, key_id, NULL, NULL, err);
    }
    const Wtovote__V1__MemberKey *k = key_find(r, key_id);
    if (k == NULL || strcmp(k->member, member) != 0)
        return lookup_error(r, key_id, k, member, err);
    wv_status st = window_check(k, t, err);
    if (st == WV_OK && out != NULL) {
        memcpy(out->key_id, k->key_id.data, WV_KEY_ID_BYTES);
        memcpy(out->pk, k->public_key.data, WV_PUBLIC_KEY_BYTES);
    }
    return st;
}
