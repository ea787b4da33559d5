/* Signed envelopes. A signature covers tag || 0x00 || body: the tag names the
 * body's type so that bytes signed as one type can never verify as another,
 * and body is the exact byte string received (SPEC.md, "Domain tags"). */
#include <stdlib.h>
#include <string.h>

#include "wire/wire_internal.h"

const char *wv_domain_tag(int type)
{
    switch (type) {
    case WTOVOTE__V1__BODY_TYPE__BODY_ROSTER:
        return "wtovote/v1/roster";
    case WTOVOTE__V1__BODY_TYPE__BODY_ACT:
        return "wtovote/v1/act";
    case WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT:
        return "wtovote/v1/chair-event";
    default:
        return NULL;
    }
}

/* malloc'd tag || 0x00 || body. */
static wv_status signed_message(Wtovote__V1__BodyType type, const uint8_t *body, size_t len,
                                uint8_t **out, size_t *out_len, wv_error *err)
{
    const char *tag = wv_domain_tag(type);
    if (tag == NULL)
        return wv_error_set(err, WV_ERR_BODY_TYPE, "envelope type %d is not one of 1..3",
                            (int)type);
    size_t tag_len = strlen(tag);
    uint8_t *m = malloc(tag_len + 1 + len);
    if (m == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "out of memory building the signed message");
    memcpy(m, tag, tag_len);
    m[tag_len] = 0x00;
    if (len > 0)
        memcpy(m + tag_len + 1, body, len);
    *out = m;
    *out_len = tag_len + 1 + len;
    return WV_OK;
}

static wv_status pack_envelope(Wtovote__V1__BodyType type, const uint8_t *body,
                               size_t body_len, const uint8_t *key_id, const uint8_t *sig,
                               uint8_t **out, size_t *out_len, wv_error *err)
{
    wv_envelope env = WTOVOTE__V1__ENVELOPE__INIT;
    env.version = WV_WIRE_VERSION;
    env.type = type;
    env.body.data = (uint8_t *)body;
    env.body.len = body_len;
    env.key_id.data = (uint8_t *)key_id;
    env.key_id.len = WV_KEY_ID_BYTES;
    env.signature.data = (uint8_t *)sig;
    env.signature.len = WV_SIGNATURE_BYTES;
    wv_status st = wv_message_encode(&env.base, out, out_len, err);
    if (st == WV_OK && *out_len > WV_MAX_ENVELOPE_BYTES) {
        free(*out);
        *out = NULL;
        return wv_error_set(err, WV_ERR_TOO_LARGE, "envelope: %zu bytes, over the limit of %u",
                            *out_len, WV_MAX_ENVELOPE_BYTES);
    }
    return st;
}

wv_status wv_envelope_seal_bytes(int type, const uint8_t *body,
                                 size_t body_len, const wv_secret_key *sk, uint8_t **out,
                                 size_t *out_len, wv_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (body_len == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "envelope: empty body");
    /* Never sign what a verifier's decoder would refuse. */
    ProtobufCMessage *check = NULL;
    wv_status st = wv_body_decode(type, body, body_len, &check, err);
    wv_message_free(check);
    if (st != WV_OK)
        return st;
    uint8_t *m = NULL, sig[WV_SIGNATURE_BYTES];
    size_t m_len = 0;
    st = signed_message(type, body, body_len, &m, &m_len, err);
    if (st != WV_OK)
        return st;
    wv_secret_key_sign(sk, m, m_len, sig);
    free(m);
    wv_public_key pub;
    wv_secret_key_public(sk, &pub);
    return pack_envelope(type, body, body_len, pub.key_id, sig, out, out_len, err);
}

wv_status wv_envelope_seal(Wtovote__V1__BodyType type, const ProtobufCMessage *body,
                           const wv_secret_key *sk, uint8_t **out, size_t *out_len,
                           wv_error *err)
{
    uint8_t *bytes = NULL;
    size_t len = 0;
    *out = NULL;
    *out_len = 0;
    wv_status st = wv_message_encode(body, &bytes, &len, err);
    if (st != WV_OK)
        return st;
    st = wv_envelope_seal_bytes(type, bytes, len, sk, out, out_len, err);
    free(bytes);
    return st;
}

static wv_status check_key_id(const wv_envelope *env, const wv_public_key *pub, wv_error *err)
{
    char got[17], want[17];
    if (env->key_id.len == 0 && env->signature.len == 0)
        return wv_error_set(err, WV_ERR_UNSIGNED, "envelope: not signed");
    if (env->key_id.len != WV_KEY_ID_BYTES)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Envelope.key_id: %zu bytes, expected %d",
                            env->key_id.len, WV_KEY_ID_BYTES);
    if (env->signature.len != WV_SIGNATURE_BYTES)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "Envelope.signature: %zu bytes, expected %d", env->signature.len,
                            WV_SIGNATURE_BYTES);
    if (memcmp(env->key_id.data, pub->key_id, WV_KEY_ID_BYTES) == 0)
        return WV_OK;
    wv_key_id_format(env->key_id.data, got);
    wv_key_id_format(pub->key_id, want);
    return wv_error_set(err, WV_ERR_KEY_MISMATCH,
                        "envelope: signed by key %s, expected key %s", got, want);
}

wv_status wv_envelope_verify(const wv_envelope *env, const wv_public_key *pub, wv_error *err)
{
    wv_status st = check_key_id(env, pub, err);
    if (st != WV_OK)
        return st;
    uint8_t *m = NULL;
    size_t m_len = 0;
    st = signed_message(env->type, env->body.data, env->body.len, &m, &m_len, err);
    if (st != WV_OK)
        return st;
    st = wv_signature_verify(pub->pk, m, m_len, env->signature.data, err);
    free(m);
    if (st != WV_OK)
        return wv_error_set(err, WV_ERR_BAD_SIGNATURE,
                            "envelope: signature does not verify over tag \"%s\" and the body",
                            wv_domain_tag(env->type));
    return WV_OK;
}
