/* Fuzz target: roster files (wv_roster_decode, SPEC.md, "Roster"). A file
 * that decodes must re-encode to exactly its bytes, verify or refuse its
 * signature cleanly, and answer key checks for each of its keys at the
 * edges of their windows; a refusal returns no roster and names a cause. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_keys(const wv_roster *r)
{
    const wv_roster_msg *m = wv_roster_message(r);
    for (size_t i = 0; i < m->n_keys; i++) {
        const Wtovote__V1__MemberKey *k = m->keys[i];
        wv_public_key pub;
        wv_status st = wv_roster_key_check(r, k->key_id.data, k->member, k->valid_from, &pub,
                                           NULL);
        int open = (k->revoked_at == 0 || k->valid_from < k->revoked_at);
        if ((st == WV_OK) != open)
            abort();
        if (st == WV_OK && memcmp(pub.pk, k->public_key.data, WV_PUBLIC_KEY_BYTES) != 0)
            abort();
        if (k->valid_until != 0 &&
            wv_roster_key_check(r, k->key_id.data, k->member, k->valid_until, NULL, NULL) ==
                WV_OK)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wv_roster *r = NULL;
    wv_error err;
    wv_error_clear(&err);
    wv_status st = wv_roster_decode(data, size, &r, &err);
    if (st != WV_OK) {
        if (r != NULL || err.code != st || err.message[0] == '\0')
            abort();
        return 0;
    }
    uint8_t *again = NULL;
    size_t len = 0;
    if (wv_roster_encode(r, &again, &len, NULL) != WV_OK || len != size ||
        memcmp(again, data, size) != 0)
        abort();
    free(again);
    st = wv_roster_verify(r, &err);
    if (st != WV_OK && (err.code != st || err.message[0] == '\0'))
        abort();
    if ((st == WV_ERR_UNSIGNED) == (wv_roster_is_signed(r) != 0))
        abort();
    check_keys(r);
    wv_roster_free(r);
    return 0;
}
