/* Ed25519 key pairs in guarded memory, raw signing and verification, key
 * id display. File formats are in keys_file.c, .minisig in minisig.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wire/keys_internal.h"

/* Domain tag of the deterministic key id (SPEC "Keys and signature files"). */
static const char KEY_ID_TAG[] = "wtovote key id";

wv_secret_key *wv_secret_key_alloc(void)
{
    wv_secret_key *sk = sodium_malloc(sizeof *sk);
    if (sk != NULL)
        sodium_memzero(sk, sizeof *sk);
    return sk;
}

void wv_secret_key_seal(wv_secret_key *sk)
{
    /* Best effort: a failing mprotect leaves the key usable, only less guarded. */
    (void)sodium_mprotect_readonly(sk);
}

void wv_secret_key_free(wv_secret_key *sk)
{
    if (sk == NULL)
        return;
    (void)sodium_mprotect_readwrite(sk);
    sodium_free(sk); /* wipes before unmapping */
}

static wv_status new_key(wv_secret_key **out, wv_error *err)
{
    *out = wv_secret_key_alloc();
    if (*out == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "secret key: out of guarded memory");
    return WV_OK;
}

wv_status wv_secret_key_generate(wv_secret_key **out, wv_error *err)
{
    wv_secret_key *sk;
    if (out == NULL)
        return wv_error_set(err, WV_ERR_ARG, "secret key: no output given");
    *out = NULL;
    wv_status st = new_key(&sk, err);
    if (st != WV_OK)
        return st;
    crypto_sign_keypair(sk->pk, sk->sk);
    randombytes_buf(sk->key_id, sizeof sk->key_id); /* as minisign -G does */
    wv_secret_key_seal(sk);
    *out = sk;
    return WV_OK;
}

wv_status wv_secret_key_from_seed(const uint8_t seed[32], wv_secret_key **out, wv_error *err)
{
    wv_secret_key *sk;
    if (out == NULL || seed == NULL)
        return wv_error_set(err, WV_ERR_ARG, "secret key: no seed or output given");
    *out = NULL;
    wv_status st = new_key(&sk, err);
    if (st != WV_OK)
        return st;
    crypto_sign_seed_keypair(sk->pk, sk->sk, seed);
    crypto_generichash_state h;
    uint8_t digest[32];
    crypto_generichash_init(&h, NULL, 0, sizeof digest);
    crypto_generichash_update(&h, (const uint8_t *)KEY_ID_TAG, strlen(KEY_ID_TAG));
    crypto_generichash_update(&h, seed, 32);
    crypto_generichash_final(&h, digest, sizeof digest);
    memcpy(sk->key_id, digest, WV_KEY_ID_BYTES);
    sodium_memzero(&h, sizeof h);
    wv_secret_key_seal(sk);
    *out = sk;
    return WV_OK;
}

void wv_secret_key_public(const wv_secret_key *sk, wv_public_key *out)
{
    memcpy(out->key_id, sk->key_id, WV_KEY_ID_BYTES);
    memcpy(out->pk, sk->pk, WV_PUBLIC_KEY_BYTES);
}

void wv_secret_key_sign(const wv_secret_key *sk, const uint8_t *msg, size_t len,
                        uint8_t sig[WV_SIGNATURE_BYTES])
{
    static const uint8_t empty[1] = {0};
    crypto_sign_detached(sig, NULL, msg ? msg : empty, len, sk->sk);
}

wv_status wv_signature_verify(const uint8_t pk[WV_PUBLIC_KEY_BYTES], const uint8_t *msg,
                              size_t len, const uint8_t sig[WV_SIGNATURE_BYTES], wv_error *err)
{
    static const uint8_t empty[1] = {0};
    if (crypto_sign_verify_detached(sig, msg ? msg : empty, len, pk) != 0)
        return wv_error_set(err, WV_ERR_BAD_SIGNATURE, "Ed25519 signature does not verify");
    return WV_OK;
}

void wv_key_id_format(const uint8_t key_id[WV_KEY_ID_BYTES], char *out)
{
    /* minisign prints the little-endian 64-bit number, most significant first. */
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 0; i < WV_KEY_ID_BYTES; i++) {
        uint8_t b = key_id[WV_KEY_ID_BYTES - 1 - i];
        out[2 * i] = digits[b >> 4];
        out[2 * i + 1] = digits[b & 15];
    }
    out[2 * WV_KEY_ID_BYTES] = '\0';
}

void wv_secure_free_string(char *s)
{
    if (s == NULL)
        return;
    sodium_memzero(s, strlen(s));
    free(s);
}

void wv_secret_key_id(const wv_secret_key *sk, uint8_t key_id[WV_KEY_ID_BYTES])
{
    memcpy(key_id, sk->key_id, WV_KEY_ID_BYTES);
}
