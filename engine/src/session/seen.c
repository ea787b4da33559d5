/* engine/session: the set of entry hashes already in the log (open
 * addressing on the leaf hash, which is already uniformly distributed). */
#include <stdlib.h>
#include <string.h>

#include "session/session_internal.h"

static size_t slot_of(const uint8_t hash[32], size_t cap)
{
    uint64_t h;
    memcpy(&h, hash, sizeof h);
    return (size_t)h & (cap - 1);
}

static void put(wv_seen *s, const uint8_t hash[32], uint64_t index)
{
    size_t i = slot_of(hash, s->cap);
    while (s->index[i] != UINT64_MAX)
        i = (i + 1) & (s->cap - 1);
    memcpy(s->hash[i], hash, 32);
    s->index[i] = index;
    s->count++;
}

static wv_status grow(wv_seen *s, wv_error *err)
{
    wv_seen bigger = {0};
    bigger.cap = s->cap ? s->cap * 2 : 1024;
    bigger.hash = malloc(bigger.cap * sizeof *bigger.hash);
    bigger.index = malloc(bigger.cap * sizeof *bigger.index);
    if (bigger.hash == NULL || bigger.index == NULL) {
        wv_seen_free(&bigger);
        return wv_error_set(err, WV_ERR_NOMEM, "session: out of memory (entry hashes)");
    }
    memset(bigger.index, 0xFF, bigger.cap * sizeof *bigger.index);
    for (size_t i = 0; i < s->cap; i++)
        if (s->index[i] != UINT64_MAX)
            put(&bigger, s->hash[i], s->index[i]);
    wv_seen_free(s);
    *s = bigger;
    return WV_OK;
}

wv_status wv_seen_add(wv_seen *s, const uint8_t hash[32], uint64_t index, wv_error *err)
{
    /* At most half full: short probe sequences. */
    if ((s->count + 1) * 2 > s->cap) {
        wv_status st = grow(s, err);
        if (st != WV_OK)
            return st;
    }
    put(s, hash, index);
    return WV_OK;
}

int wv_seen_find(const wv_seen *s, const uint8_t hash[32], uint64_t *index)
{
    if (s->cap == 0)
        return 0;
    for (size_t i = slot_of(hash, s->cap); s->index[i] != UINT64_MAX; i = (i + 1) & (s->cap - 1))
        if (memcmp(s->hash[i], hash, 32) == 0) {
            *index = s->index[i];
            return 1;
        }
    return 0;
}

void wv_seen_free(wv_seen *s)
{
    free(s->hash);
    free(s->index);
    memset(s, 0, sizeof *s);
}
