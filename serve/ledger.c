/* What the server derives from each entry of the log, kept in memory so
 * that no request re-reads the log: leaf hashes (prefix checkpoints; re-posted
 * envelopes are the session's to answer), byte offsets (serving the log up to an
 * entry), event texts (the event stream) and the open votes (which part
 * of the record /record/ may publish; SPEC.md, "HTTP API"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "srv_internal.h"
#include "wtovote/merkle.h"
#include "wtovote/note.h"

static wv_status grow(wv_srv *s, wv_error *err)
{
    if (s->n < s->cap)
        return WV_OK;
    uint64_t cap = s->cap ? 2 * s->cap : 1024;
    uint8_t *l = realloc(s->leaves, 32 * cap);
    if (l != NULL)
        s->leaves = l;
    uint64_t *e = realloc(s->ends, cap * sizeof *e);
    if (e != NULL)
        s->ends = e;
    char **ev = realloc(s->events, cap * sizeof *ev);
    if (ev != NULL)
        s->events = ev;
    if (l == NULL || e == NULL || ev == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "serve: out of memory");
    s->cap = cap;
    return WV_OK;
}

static void track_votes(wv_srv *s, uint64_t index, const wv_chair_event *ch)
{
    if (ch != NULL && ch->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_VOTE_OPEN &&
        s->n_votes < WV_MEETING_MAX_ITEMS) {
        s->votes[s->n_votes].item = ch->item;
        s->votes[s->n_votes++].index = index;
    } else if (ch != NULL && ch->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_VOTE_CLOSE) {
        for (size_t i = 0; i < s->n_votes; i++)
            if (s->votes[i].item == ch->item)
                s->votes[i--] = s->votes[--s->n_votes];
    }
}

wv_status srv_ledger_add(wv_srv *s, uint64_t index, const uint8_t *entry, size_t len,
                         const wv_act *act, const wv_chair_event *chair, const wv_meeting *m,
                         wv_error *err)
{
    if (index != s->n)
        return wv_error_set(err, WV_ERR_INTERNAL, "serve: entry %llu out of order (expected "
                            "%llu)", (unsigned long long)index, (unsigned long long)s->n);
    wv_status st = grow(s, err);
    if (st != WV_OK)
        return st;
    char *text = srv_event_text(m, index, act, chair);
    if (text == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "serve: out of memory");
    wv_merkle_leaf_hash(entry, len, s->leaves + 32 * index);
    uint64_t start = index == 0 ? WV_LOG_HEADER_BYTES : s->ends[index - 1];
    s->ends[index] = start + WV_LOG_ENTRY_OVERHEAD + len;
    s->events[index] = text;
    s->n++;
    track_votes(s, index, chair);
    return WV_OK;
}

int srv_ledger_visit(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                     const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                     const wv_meeting *meeting)
{
    (void)env;
    return srv_ledger_add(ctx, index, entry, len, act, chair, meeting, NULL) != WV_OK;
}

/* While a vote is open, /record/ stops just after the first open vote's
 * CHAIR_VOTE_OPEN entry: every ballot comes after it. */
static uint64_t publishable(const wv_srv *s)
{
    uint64_t p = s->n;
    for (size_t i = 0; i < s->n_votes; i++)
        if (s->votes[i].index + 1 < p)
            p = s->votes[i].index + 1;
    return p;
}

static wv_status sign_prefix(wv_srv *s, uint64_t size, char **out, size_t *len, wv_error *err)
{
    wv_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    snprintf(cp.origin, sizeof cp.origin, "%s", wv_record_origin(s->rec));
    cp.size = size;
    wv_merkle_root(s->leaves, size, cp.root);
    return wv_checkpoint_sign(&cp, s->cfg.sk, out, len, err);
}

wv_status srv_ledger_publish(wv_srv *s, wv_error *err)
{
    uint64_t p = publishable(s);
    char *cp = NULL;
    size_t len = 0;
    s->generation++;
    pthread_cond_broadcast(&s->grew_cv); /* new entries for the event streams */
    if (p == s->published && s->published_cp != NULL && p < s->n)
        return WV_OK; /* the prefix checkpoint in force still holds */
    if (p == s->n) {
        const char *cur = wv_record_checkpoint(s->rec, &len);
        if ((cp = malloc(len + 1)) == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "serve: out of memory");
        memcpy(cp, cur, len + 1);
    } else {
        wv_status st = sign_prefix(s, p, &cp, &len, err);
        if (st != WV_OK)
            return st;
    }
    free(s->published_cp);
    s->published_cp = cp;
    s->published_cp_len = len;
    s->published = p;
    return WV_OK;
}

void srv_ledger_free(wv_srv *s)
{
    for (uint64_t i = 0; i < s->n; i++)
        free(s->events[i]);
    free(s->events);
    free(s->leaves);
    free(s->ends);
    free(s->published_cp);
    free(s->votes);
    free(s->state_text);
}
