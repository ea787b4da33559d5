/* Fuzz target: wv_envelope_decode, then the typed decoder of its body and a
 * signature check against a key with the envelope's own key id (so that the
 * verification path runs on arbitrary bytes). */
#include "wtovote/pb.h"
#include "wire_fuzz.h"
#include "wtovote/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_body(const wv_envelope *env)
{
    ProtobufCMessage *body = NULL;
    wv_error err;
    wv_error_clear(&err);
    wv_status st = wv_body_decode(env->type, env->body.data, env->body.len, &body, &err);
    wv_fuzz_check(st, body, &err, env->body.data, env->body.len);
    wv_message_free(body);
}

static void fuzz_verify(const wv_envelope *env)
{
    wv_public_key pub;
    memset(&pub, 0x5A, sizeof pub);
    if (env->key_id.len == WV_KEY_ID_BYTES)
        memcpy(pub.key_id, env->key_id.data, WV_KEY_ID_BYTES);
    /* A made-up key never verifies a signature. */
    if (wv_envelope_verify(env, &pub, NULL) == WV_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready && wv_init() != 0)
        abort();
    ready = 1;
    wv_envelope *env = NULL;
    wv_error err;
    wv_error_clear(&err);
    wv_status st = wv_envelope_decode(data, size, &env, &err);
    wv_fuzz_check(st, env ? &env->base : NULL, &err, data, size);
    if (env != NULL) {
        fuzz_body(env);
        fuzz_verify(env);
    }
    wv_message_free(env);
    return 0;
}
