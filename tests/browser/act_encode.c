/* The C side of the encoder cross-check (tests/browser/encoder.test.js):
 * reads acts.json, seals each act with the engine's own path
 * (wv_act_seal: protobuf-c encoding, domain-tagged Ed25519) under the key
 * of the file's 32-byte seed, and prints one line per act: the envelope's
 * bytes in lower-case hex. The page's encoder must give the same bytes.
 * The first line says whether this engine has Act.meeting_ref (field 10,
 * SPEC "Meeting identity"): "meeting_ref HEX", every act carrying the
 * file's meeting_ref, or "meeting_ref none". */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/meeting.h"
#include "wtovote/session.h"
#include "wtovote/util.h"
#include "wtovote/wire.h"

static int unhex(const char *hex, uint8_t *out, size_t want)
{
    size_t got = 0;
    const char *end = NULL;
    return hex != NULL && strlen(hex) == 2 * want &&
           sodium_hex2bin(out, want, hex, 2 * want, NULL, &got, &end) == 0 && got == want;
}

static int act_input(json_t *j, wv_act_input *in, uint8_t nonce[16])
{
    memset(in, 0, sizeof *in);
    const char *kind = json_string_value(json_object_get(j, "kind"));
    in->kind = kind != NULL ? (wv_act_kind)wv_act_kind_from_name(kind) : 0;
    in->member = json_string_value(json_object_get(j, "member"));
    in->item = (uint32_t)json_integer_value(json_object_get(j, "item"));
    const char *choice = json_string_value(json_object_get(j, "choice"));
    in->choice = choice != NULL ? (wv_choice)wv_choice_from_name(choice) : WV_CHOICE_NONE;
    in->eu_bloc = json_is_true(json_object_get(j, "eu_bloc"));
    in->time = (int64_t)json_integer_value(json_object_get(j, "time"));
    in->statement = json_string_value(json_object_get(j, "statement"));
    const char *n = json_string_value(json_object_get(j, "nonce"));
    in->nonce = nonce;
    in->no_nonce = n == NULL;
    return (int)in->kind > 0 && in->member != NULL && (n == NULL || unhex(n, nonce, 16));
}

static int seal_all(json_t *doc, const wv_secret_key *sk)
{
    const char *meeting = json_string_value(json_object_get(doc, "meeting_id"));
#ifdef WV_MEETING_REF_BYTES
    const char *ref_hex = json_string_value(json_object_get(doc, "meeting_ref"));
    uint8_t ref[WV_MEETING_REF_BYTES];
    if (!unhex(ref_hex, ref, sizeof ref))
        return fprintf(stderr, "act_encode: meeting_ref: 64 hex digits\n"), 1;
    printf("meeting_ref %s\n", ref_hex);
#else
    printf("meeting_ref none\n");
#endif
    json_t *acts = json_object_get(doc, "acts"), *j;
    size_t i;
    json_array_foreach(acts, i, j) {
        wv_act_input in;
        uint8_t nonce[16], *env = NULL;
        size_t len = 0;
        wv_error err;
        if (!act_input(j, &in, nonce))
            return fprintf(stderr, "act_encode: acts[%zu]: bad act\n", i), 1;
#ifdef WV_MEETING_REF_BYTES
        in.meeting_ref = ref;
#endif
        if (wv_act_seal(&in, meeting, sk, &env, &len, &err) != WV_OK)
            return fprintf(stderr, "act_encode: acts[%zu]: %s\n", i, err.message), 1;
        char *hex = malloc(2 * len + 1);
        if (hex == NULL)
            return free(env), 1;
        wv_hex(env, len, hex);
        printf("%s\n", hex);
        free(hex);
        free(env);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return fprintf(stderr, "usage: act_encode ACTS.json\n"), 2;
    if (wv_init() != 0)
        return fprintf(stderr, "act_encode: libsodium did not initialise\n"), 2;
    json_error_t jerr;
    json_t *doc = json_load_file(argv[1], 0, &jerr);
    uint8_t seed[32];
    wv_secret_key *sk = NULL;
    if (doc == NULL)
        return fprintf(stderr, "act_encode: %s: %s\n", argv[1], jerr.text), 2;
    if (!unhex(json_string_value(json_object_get(doc, "seed")), seed, 32) ||
        wv_secret_key_from_seed(seed, &sk, NULL) != WV_OK)
        return fprintf(stderr, "act_encode: %s: seed: 64 hex digits\n", argv[1]), 2;
    int rc = seal_all(doc, sk);
    wv_secret_key_free(sk);
    json_decref(doc);
    return rc;
}
