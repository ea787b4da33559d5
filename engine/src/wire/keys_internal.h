/* engine/wire keys: private layout of a secret key, shared by keys_raw.c
 * (generation, signing), keys_file.c (minisign .key files) and minisig.c. */
#ifndef WV_KEYS_INTERNAL_H
#define WV_KEYS_INTERNAL_H

#include <stdint.h>

#include "wtovote/keys.h"

#define WV_SECRET_KEY_BYTES 64 /* Ed25519 seed || public key, libsodium layout */

/* Lives in sodium_malloc'd memory, read-only between operations. */
struct wv_secret_key {
    uint8_t key_id[WV_KEY_ID_BYTES];
    uint8_t sk[WV_SECRET_KEY_BYTES];
    uint8_t pk[WV_PUBLIC_KEY_BYTES];
};

/* Guarded allocation of a key that the caller fills, then seals with
 * wv_secret_key_seal (read-only). NULL when out of memory. */
wv_secret_key *wv_secret_key_alloc(void);
void wv_secret_key_seal(wv_secret_key *sk);

#endif
