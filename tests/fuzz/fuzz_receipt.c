/* Fuzz target: bytes as a receipt (and optionally the act it is for)
 * through wv_receipt_verify. Input: u16 LE length n, n receipt bytes, then
 * the act's envelope bytes (none: the receipt is checked alone). The
 * Secretariat key is the deterministic one of the test fixtures, so the
 * seed corpus holds genuine receipts the fuzzer mutates. Nothing may
 * crash; a receipt that verifies must have a leaf index below its size. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/record.h"
#include "wtovote/util.h"

static wv_public_key secretariat;
static int ready;

static void init(void)
{
    uint8_t seed[32] = {0};
    memcpy(seed, "wtovote-test-key", 16);
    seed[28] = seed[29] = seed[30] = seed[31] = 0xFF; /* tests/unit/record_fixture.h */
    wv_secret_key *sk;
    if (wv_init() != 0 || wv_secret_key_from_seed(seed, &sk, NULL) != WV_OK)
        abort();
    wv_secret_key_public(sk, &secretariat);
    wv_secret_key_free(sk);
    ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready)
        init();
    if (size < 2)
        return 0;
    size_t n = (size_t)data[0] | (size_t)data[1] << 8;
    if (n > size - 2)
        n = size - 2;
    const uint8_t *receipt = data + 2, *act = data + 2 + n;
    size_t act_len = size - 2 - n;
    wv_receipt_info info;
    wv_error err;
    if (wv_receipt_verify(receipt, n, act_len ? act : NULL, act_len, &secretariat, &info,
                          &err) == WV_OK && info.leaf_index >= info.tree_size)
        abort();
    return 0;
}
