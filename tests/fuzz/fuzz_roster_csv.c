/* Fuzz target: wv_roster_from_csv (members CSV, SPEC.md, "Roster"). On
 * success the roster must be sorted, unique, within limits, and survive an
 * encode/decode round trip with the same fingerprint; on failure the error
 * must carry the returned code and a message, and no roster is returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_roster(const wv_roster *r)
{
    size_t n = wv_roster_member_count(r);
    if (n > WV_MAX_MEMBERS)
        abort();
    for (size_t i = 1; i < n; i++)
        if (strcmp(wv_roster_member_at(r, i - 1)->code, wv_roster_member_at(r, i)->code) >= 0)
            abort();
    uint8_t *buf = NULL, a[32], b[32];
    size_t len = 0;
    wv_roster *back = NULL;
    if (wv_roster_encode(r, &buf, &len, NULL) != WV_OK)
        abort();
    if (wv_roster_decode(buf, len, &back, NULL) != WV_OK)
        abort();
    wv_roster_fingerprint(r, a);
    wv_roster_fingerprint(back, b);
    if (memcmp(a, b, 32) != 0 || wv_roster_member_count(back) != n)
        abort();
    wv_roster_free(back);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wv_roster *r = NULL;
    wv_error err;
    wv_error_clear(&err);
    wv_status st = wv_roster_from_csv((const char *)data, size, &r, &err);
    if (st == WV_OK) {
        check_roster(r);
    } else if (r != NULL || err.code != st || err.message[0] == '\0') {
        fprintf(stderr, "bad failure: %d %s\n", (int)st, err.message);
        abort();
    }
    wv_roster_free(r);
    return 0;
}
