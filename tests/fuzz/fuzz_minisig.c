/* Fuzz target: .minisig signature files (wv_minisig_verify) against a fixed
 * key and message. The seed corpus holds a valid signature by that key (from
 * wv_secret_key_from_seed, seed 0x00..0x1f) over the message below, so
 * mutations reach every check. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/keys.h"
#include "wtovote/util.h"

static const char MESSAGE[] = "wtovote fuzz message\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static wv_public_key pub;
    static int ready;
    if (!ready) {
        uint8_t seed[32];
        wv_secret_key *sk = NULL;
        for (int i = 0; i < 32; i++)
            seed[i] = (uint8_t)i;
        if (wv_init() != 0 || wv_secret_key_from_seed(seed, &sk, NULL) != WV_OK)
            abort();
        wv_secret_key_public(sk, &pub);
        wv_secret_key_free(sk);
        ready = 1;
    }
    char *tc = NULL;
    wv_error err;
    wv_status st = wv_minisig_verify(&pub, (const uint8_t *)MESSAGE, strlen(MESSAGE),
                                     (const char *)data, size, &tc, &err);
    if ((st == WV_OK) != (tc != NULL) || (st != WV_OK && err.message[0] == '\0'))
        abort();
    free(tc);
    return 0;
}
