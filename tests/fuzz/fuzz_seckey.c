/* Fuzz target: minisign secret key files. Only unencrypted keys are parsed
 * to the end; for encrypted ones the header (tags, scrypt limits) is checked
 * without running the KDF, which would make each input take seconds. A key
 * that parses must format (unencrypted) and parse back to the same key. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/keys.h"
#include "wtovote/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready)
        ready = wv_init() == 0;
    const char *text = (const char *)data;
    int enc = wv_secret_key_is_encrypted(text, size);
    wv_secret_key *sk = NULL;
    wv_status st = wv_secret_key_parse(text, size, NULL, &sk, NULL);
    if (enc == 1 && st != WV_ERR_PASSPHRASE)
        abort(); /* encrypted without a passphrase: refused before any KDF */
    if (st != WV_OK)
        return 0;
    char *again = NULL;
    wv_secret_key *back = NULL;
    wv_public_key a, b;
    if (wv_secret_key_format(sk, NULL, &again, NULL) != WV_OK ||
        wv_secret_key_parse(again, strlen(again), NULL, &back, NULL) != WV_OK)
        abort();
    wv_secret_key_public(sk, &a);
    wv_secret_key_public(back, &b);
    if (memcmp(&a, &b, sizeof a) != 0)
        abort();
    wv_secure_free_string(again);
    wv_secret_key_free(back);
    wv_secret_key_free(sk);
    return 0;
}
