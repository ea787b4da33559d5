/* Internals shared by the record writer, receipts and the verifier: one
 * log entry decoded, its signer's key looked up, and applied. */
#ifndef WV_RECORD_INTERNAL_H
#define WV_RECORD_INTERNAL_H

#include "wtovote/pb.h"
#include "wtovote/record.h"

typedef struct wv_entry {
    wv_envelope *env;
    wv_act *act;             /* BODY_ACT */
    wv_chair_event *chair;   /* BODY_CHAIR_EVENT */
    wv_public_key pub;       /* the signer's key, after wv_entry_key */
    int64_t time;            /* the body's time: when the key was used */
    const char *meeting_id;  /* the body's meeting id */
    /* The key this process already found the signature good under, ahead
     * of the batch (wv_session_precheck); NULL: none. */
    const uint8_t *checked_pk;
} wv_entry;

/* V3: canonical envelope of type act or chair event, canonical body,
 * a key id and a 64-byte signature present. */
wv_status wv_entry_decode(const uint8_t *buf, size_t len, wv_entry *out, wv_error *err);
/* V4: the signer's key valid at the body's time: the Secretariat's for a
 * chair event, a key of act->member for an act. Fills e->pub. */
wv_status wv_entry_key(const wv_roster *roster, const wv_meeting *m, wv_entry *e, wv_error *err);
/* V5 (not again when checked_pk is the key V4 chose). */
wv_status wv_entry_signature(const wv_entry *e, wv_error *err);
/* V6 / V7: the meeting state machine. */
wv_status wv_entry_apply(wv_meeting *m, const wv_entry *e, wv_refusal *why, wv_error *err);
void wv_entry_free(wv_entry *e);

/* wv_record_append_many for entries the caller has decoded already (the
 * session layer decodes each input once): entries[i].env NULL means the
 * input was refused before (results[i] already says why) and is skipped.
 * results must be initialised by the caller. */
wv_status wv_record_append_entries(wv_record *rec, const uint8_t *const *envs,
                                   const size_t *lens, wv_entry *entries, size_t n,
                                   unsigned flags, wv_append_result *results, size_t *appended,
                                   wv_error *err);

/* "DIR/NAME" into out; -1 when it does not fit. */
int wv_record_path(char *out, size_t size, const char *dir, const char *name);
/* The meeting id at the end of an origin ".../meeting/ID"; NULL if none. */
const char *wv_origin_meeting_id(const char *origin);
/* Inclusion proof of the last leaf of a tree of size f->size + 1 (the leaf
 * about to be pushed onto f): the frontier's nodes, lowest level first. */
size_t wv_frontier_last_leaf_proof(const wv_merkle_frontier *f, uint8_t *proof);

#endif
