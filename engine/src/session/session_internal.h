/* engine/session internals shared by its files. */
#ifndef WV_SESSION_INTERNAL_H
#define WV_SESSION_INTERNAL_H

#include "wtovote/pb.h"
#include "record/record_internal.h"
#include "wtovote/session.h"

/* Builds and signs a chair event; for a DECIDE, `derived` (the decision the
 * meeting derives) when given, else in->decision. */
wv_status wv_chair_event_build(const wv_chair_input *in, const char *meeting_id,
                               const wv_roster *roster, const wv_decision_msg *derived,
                               const wv_secret_key *sk, uint8_t **out, size_t *out_len,
                               wv_error *err);

/* Entry hashes already in the log -> their index (the duplicate check). */
typedef struct wv_seen {
    uint8_t (*hash)[32];
    uint64_t *index;
    size_t cap, count; /* cap a power of two; 0 = empty */
} wv_seen;

wv_status wv_seen_add(wv_seen *s, const uint8_t hash[32], uint64_t index, wv_error *err);
/* 1 and *index when present. */
int wv_seen_find(const wv_seen *s, const uint8_t hash[32], uint64_t *index);
void wv_seen_free(wv_seen *s);

#endif
