/* Benchmark: wv_roster_key_check on a roster holding WV_MAX_KEYS keys, one
 * million lookups (the verifier checks every act's key). Built, not run by
 * CTest: `build/tests/bench_roster`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wtovote/pb.h"
#include "wtovote/roster.h"
#include "wtovote/util.h"

#define N_KEYS WV_MAX_KEYS
#define N_CHECKS 1000000

/* A roster file with the embedded Members and N_KEYS made-up keys, built in
 * one encoding (adding keys one by one re-validates the roster each time). */
static uint8_t *make_roster(size_t *len, uint8_t (*ids)[WV_KEY_ID_BYTES])
{
    wv_roster *def = NULL;
    if (wv_roster_default(&def, NULL) != WV_OK)
        return NULL;
    wv_roster_msg msg = *wv_roster_message(def);
    static Wtovote__V1__MemberKey keys[N_KEYS], *ptrs[N_KEYS];
    static uint8_t pks[N_KEYS][WV_PUBLIC_KEY_BYTES];
    for (size_t i = 0; i < N_KEYS; i++) {
        wtovote__v1__member_key__init(&keys[i]);
        uint64_t scattered = (uint64_t)(i + 1) * 0x9E3779B97F4A7C15ull; /* distinct */
        for (int b = 0; b < WV_KEY_ID_BYTES; b++)
            ids[i][b] = (uint8_t)(scattered >> (8 * b));
        memset(pks[i], 0, sizeof pks[i]);
        memcpy(pks[i], ids[i], WV_KEY_ID_BYTES);
        keys[i].member = msg.members[i % msg.n_members]->code;
        keys[i].key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, ids[i]};
        keys[i].public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, pks[i]};
        ptrs[i] = &keys[i];
    }
    msg.keys = ptrs;
    msg.n_keys = N_KEYS;
    uint8_t *body = NULL, *out = NULL;
    size_t body_len = 0;
    if (wv_message_encode(&msg.base, &body, &body_len, NULL) == WV_OK) {
        wv_envelope env = WTOVOTE__V1__ENVELOPE__INIT;
        env.version = 1;
        env.type = WTOVOTE__V1__BODY_TYPE__BODY_ROSTER;
        env.body = (ProtobufCBinaryData){body_len, body};
        if (wv_message_encode(&env.base, &out, len, NULL) != WV_OK)
            out = NULL;
    }
    free(body);
    wv_roster_free(def);
    return out;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    static uint8_t ids[N_KEYS][WV_KEY_ID_BYTES];
    size_t len = 0;
    wv_error err;
    if (wv_init() != 0)
        return 1;
    uint8_t *buf = make_roster(&len, ids);
    wv_roster *r = NULL;
    double t0 = seconds();
    if (buf == NULL || wv_roster_decode(buf, len, &r, &err) != WV_OK) {
        fprintf(stderr, "roster: %s\n", buf ? err.message : "could not build");
        return 1;
    }
    double t1 = seconds();
    const wv_roster_msg *m = wv_roster_message(r);
    size_t ok = 0;
    for (size_t i = 0; i < N_CHECKS; i++) {
        const Wtovote__V1__MemberKey *k = m->keys[i % N_KEYS];
        ok += wv_roster_key_check(r, k->key_id.data, k->member, 1, NULL, NULL) == WV_OK;
    }
    double t2 = seconds();
    printf("decode %zu-byte roster with %d keys: %.3f ms\n", len, N_KEYS, (t1 - t0) * 1e3);
    printf("%d key checks: %.3f s (%.0f ns each), %zu valid\n", N_CHECKS, t2 - t1,
           (t2 - t1) * 1e9 / N_CHECKS, ok);
    wv_roster_free(r);
    free(buf);
    return ok == N_CHECKS ? 0 : 1;
}
