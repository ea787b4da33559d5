/* The record directory (SPEC.md, "Record directory"): roster.pb, log,
 * checkpoint, secretariat.pub. Appends are checked (decode, key, signature,
 * state machine) before anything is written; an admitted entry is fsynced,
 * then a new checkpoint is signed and replaces the old one atomically. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/record_internal.h"
#include "wtovote/util.h"

struct wv_record {
    char dir[512];
    wv_log *log;                /* NULL when loaded read-only */
    const wv_secret_key *sk;    /* borrowed; NULL when read-only */
    wv_roster *roster;
    wv_meeting *meeting;
    wv_record_index *index;     /* kept current by replay and appends */
    wv_public_key sec_pub;
    wv_merkle_frontier tree;
    char origin[WV_NOTE_MAX_NAME + 1];
    char meeting_id[WV_MAX_ID_BYTES + 1];
    char *checkpoint;           /* latest signed note */
    size_t checkpoint_len;
    int broken;                 /* memory ahead of the disk: reopen */
    char recovery[1200];
};

/* ---------------------------------------------------------------- create */

static wv_status dir_prepare(const char *dir, wv_error *err)
{
    if (mkdir(dir, 0755) == 0)
        /* mkdir wrote the new name into the parent directory: without its
         * fsync a crash could lose the whole record, acknowledged entries
         * and all. */
        return wv_fsync_parent(dir, err);
    if (errno != EEXIST)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", dir, strerror(errno));
    DIR *d = opendir(dir);
    if (d == NULL)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", dir, strerror(errno));
    struct dirent *de;
    int empty = 1;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            empty = 0;
    closedir(d);
    return empty ? WV_OK
                 : wv_error_set(err, WV_ERR_IO, "%s: exists and is not empty (not a new record)",
                                dir);
}

static wv_status write_file(const char *dir, const char *name, const void *data, size_t len,
                            int flags, wv_error *err)
{
    char path[600];
    if (wv_record_path(path, sizeof path, dir, name) != 0)
        return wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    return wv_file_write_atomic(path, data, len, 0644, flags, err);
}

/* Signs and writes a checkpoint of the tree; keeps its text. */
static wv_status checkpoint_sign(const char *origin, const wv_merkle_frontier *tree,
                                 const wv_secret_key *sk, char **out, size_t *out_len,
                                 wv_error *err)
{
    wv_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    snprintf(cp.origin, sizeof cp.origin, "%s", origin);
    cp.size = tree->size;
    wv_merkle_frontier_root(tree, cp.root);
    return wv_checkpoint_sign(&cp, sk, out, out_len, err);
}

static wv_status create_files(const char *dir, const wv_roster *roster, const wv_secret_key *sk,
                              const char *origin, wv_error *err)
{
    uint8_t *rb = NULL;
    size_t rlen = 0;
    char *pub = NULL, *cp = NULL;
    size_t cplen = 0;
    wv_public_key pk;
    wv_secret_key_public(sk, &pk);
    wv_status st = wv_roster_encode(roster, &rb, &rlen, err);
    if (st == WV_OK)
        st = write_file(dir, WV_RECORD_ROSTER, rb, rlen, WV_WRITE_EXCLUSIVE, err);
    if (st == WV_OK)
        st = wv_public_key_format(&pk, &pub, err);
    if (st == WV_OK)
        st = write_file(dir, WV_RECORD_SECRETARIAT_PUB, pub, strlen(pub), WV_WRITE_EXCLUSIVE, err);
    char path[600];
    if (st == WV_OK && wv_record_path(path, sizeof path, dir, WV_RECORD_LOG) != 0)
        st = wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    if (st == WV_OK)
        st = wv_log_create(path, err);
    wv_merkle_frontier empty;
    wv_merkle_frontier_init(&empty);
    /* The checkpoint comes last: its presence marks a complete record. */
    if (st == WV_OK)
        st = checkpoint_sign(origin, &empty, sk, &cp, &cplen, err);
    if (st == WV_OK)
        st = write_file(dir, WV_RECORD_CHECKPOINT, cp, cplen, WV_WRITE_EXCLUSIVE, err);
    free(rb);
    free(pub);
    free(cp);
    return st;
}

wv_status wv_record_create(const char *dir, const wv_roster *roster, const wv_secret_key *sk,
                           const char *host, const char *meeting_id, wv_error *err)
{
    wv_public_key roster_sec, pk;
    if (wv_roster_verify(roster, err) != WV_OK) {
        wv_error_prefix(err, "%s: roster", dir);
        return err != NULL ? err->code : WV_ERR_UNSIGNED;
    }
    if (wv_roster_secretariat(roster, &roster_sec) != 0)
        return wv_error_set(err, WV_ERR_UNSIGNED, "%s: the roster is not signed", dir);
    wv_secret_key_public(sk, &pk);
    if (memcmp(&pk, &roster_sec, sizeof pk) != 0)
        return wv_error_set(err, WV_ERR_KEY_MISMATCH,
                            "%s: the key given is not the roster's Secretariat key", dir);
    char origin[WV_NOTE_MAX_NAME + 1];
    wv_status st = wv_checkpoint_origin(host, meeting_id, origin, err);
    if (st != WV_OK)
        return st;
    if ((st = dir_prepare(dir, err)) != WV_OK)
        return st;
    return create_files(dir, roster, sk, origin, err);
}

/* ------------------------------------------------------------------ open */

static wv_status load_roster(wv_record *rec, wv_error *err)
{
    char path[600];
    wv_record_path(path, sizeof path, rec->dir, WV_RECORD_ROSTER);
    wv_status st = wv_roster_load(path, &rec->roster, err);
    if (st == WV_OK && (st = wv_roster_verify(rec->roster, err)) != WV_OK)
        wv_error_prefix(err, "%s", path);
    if (st == WV_OK && wv_roster_secretariat(rec->roster, &rec->sec_pub) != 0)
        st = wv_error_set(err, WV_ERR_UNSIGNED, "%s: not signed", path);
    if (st == WV_OK && rec->sk != NULL) {
        wv_public_key pk;
        wv_secret_key_public(rec->sk, &pk);
        if (memcmp(&pk, &rec->sec_pub, sizeof pk) != 0)
            st = wv_error_set(err, WV_ERR_KEY_MISMATCH,
                              "%s: the key given is not the roster's Secretariat key", rec->dir);
    }
    if (st == WV_OK)
        st = wv_meeting_new(rec->roster, NULL, &rec->meeting, err);
    if (st == WV_OK)
        st = wv_record_index_new(rec->roster, &rec->index, err);
    return st;
}

static wv_status load_checkpoint(wv_record *rec, wv_checkpoint *cp, wv_error *err)
{
    char path[600];
    wv_record_path(path, sizeof path, rec->dir, WV_RECORD_CHECKPOINT);
    uint8_t *text;
    size_t len;
    wv_status st = wv_file_read(path, WV_NOTE_MAX_BYTES, &text, &len, err);
    if (st != WV_OK)
        return st;
    st = wv_checkpoint_open((const char *)text, len, &rec->sec_pub, NULL, NULL, 0, cp, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "%s", path);
        free(text);
        return st;
    }
    const char *mid = wv_origin_meeting_id(cp->origin);
    if (mid == NULL || strlen(mid) > WV_MAX_ID_BYTES) {
        free(text);
        return wv_error_set(err, WV_ERR_CHECKPOINT, "%s: origin \"%s\" names no meeting", path,
                            cp->origin);
    }
    snprintf(rec->origin, sizeof rec->origin, "%s", cp->origin);
    snprintf(rec->meeting_id, sizeof rec->meeting_id, "%s", mid);
    rec->checkpoint = (char *)text;
    rec->checkpoint_len = len;
    return WV_OK;
}

/* Appending rule 4: a meeting open names the record's meeting (the one its
 * checkpoint's origin names). why may be NULL. */
static wv_status same_meeting(const wv_record *rec, const wv_entry *e, wv_refusal *why,
                              wv_error *err)
{
    if (e->chair == NULL || e->chair->kind != WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN ||
        strcmp(e->chair->meeting_id, rec->meeting_id) == 0)
        return WV_OK;
    if (why != NULL)
        *why = WV_REFUSE_WRONG_MEETING;
    return wv_error_set(err, WV_ERR_INADMISSIBLE,
                        "meeting open refused: this record is of meeting \"%s\", not \"%s\"",
                        rec->meeting_id, e->chair->meeting_id);
}

/* The checks of appending (bar the signature) refuse nothing a writer
 * appended: a refusal here means the log was changed behind the record's
 * back. */
static wv_status replay_one(wv_record *rec, const wv_log_entry *le, wv_record_visit_fn visit,
                            void *ctx, wv_error *err)
{
    wv_entry e;
    wv_status st = wv_entry_decode(le->data, le->len, &e, err);
    if (st == WV_OK)
        st = wv_entry_key(rec->roster, rec->meeting, &e, err);
    if (st == WV_OK)
        st = same_meeting(rec, &e, NULL, err);
    if (st == WV_OK)
        st = wv_entry_apply(rec->meeting, &e, NULL, err);
    uint8_t leaf[WV_HASH_BYTES];
    wv_merkle_leaf_hash(le->data, le->len, leaf);
    if (st == WV_OK)
        st = wv_merkle_frontier_push(&rec->tree, leaf, err);
    if (st == WV_OK)
        st = wv_record_index_add(rec->index, le->index, e.act, e.chair, rec->meeting, err);
    if (st == WV_OK && visit != NULL &&
        visit(ctx, le->index, le->data, le->len, e.env, e.act, e.chair, rec->meeting) != 0)
        st = wv_error_set(err, WV_ERR_ARG, "stopped by the caller at entry %" PRIu64, le->index);
    else if (st != WV_OK)
        wv_error_prefix(err, "%s: log entry %" PRIu64, rec->dir, le->index);
    wv_entry_free(&e);
    return st;
}

/* After the entry that completes the checkpoint's tree: same root? */
static wv_status match_checkpoint(wv_record *rec, const wv_checkpoint *cp, wv_error *err)
{
    uint8_t root[WV_HASH_BYTES];
    wv_merkle_frontier_root(&rec->tree, root);
    if (memcmp(root, cp->root, WV_HASH_BYTES) != 0)
        return wv_error_set(err, WV_ERR_CHECKPOINT,
                            "%s: the first %" PRIu64 " log entries do not have the checkpoint's "
                            "root hash: the log was changed", rec->dir, cp->size);
    return WV_OK;
}

static wv_status replay(wv_record *rec, const wv_checkpoint *cp, wv_record_visit_fn visit,
                        void *ctx, wv_error *err)
{
    char path[600];
    wv_record_path(path, sizeof path, rec->dir, WV_RECORD_LOG);
    wv_log_reader *r;
    wv_status st = wv_log_reader_open(path, &r, err);
    if (st != WV_OK)
        return st;
    if (cp->size == 0)
        st = match_checkpoint(rec, cp, err);
    wv_log_entry le;
    int has = 1;
    while (st == WV_OK && (st = wv_log_reader_next(r, &le, &has, err)) == WV_OK && has) {
        st = replay_one(rec, &le, visit, ctx, err);
        if (st == WV_OK && rec->tree.size == cp->size)
            st = match_checkpoint(rec, cp, err);
    }
    wv_log_reader_free(r);
    if (st == WV_OK && rec->tree.size < cp->size)
        st = wv_error_set(err, WV_ERR_LOG_CORRUPT,
                          "%s: the checkpoint covers %" PRIu64 " entries but the log holds %"
                          PRIu64 ": acknowledged entries are missing", rec->dir, cp->size,
                          rec->tree.size);
    return st;
}

static wv_status write_checkpoint(wv_record *rec, char *text, size_t len, wv_error *err)
{
    wv_status st = write_file(rec->dir, WV_RECORD_CHECKPOINT, text, len, WV_WRITE_REPLACE, err);
    if (st != WV_OK) {
        free(text);
        return st;
    }
    free(rec->checkpoint);
    rec->checkpoint = text;
    rec->checkpoint_len = len;
    return WV_OK;
}

/* A crash between an entry's fsync and the checkpoint's rename leaves the
 * log longer than the checkpoint: sign the whole log now. */
static wv_status catch_up_checkpoint(wv_record *rec, const wv_checkpoint *cp, wv_error *err)
{
    if (rec->tree.size == cp->size)
        return WV_OK;
    char *text;
    size_t len;
    wv_status st = checkpoint_sign(rec->origin, &rec->tree, rec->sk, &text, &len, err);
    if (st == WV_OK)
        st = write_checkpoint(rec, text, len, err);
    if (st == WV_OK) {
        size_t n = strlen(rec->recovery);
        snprintf(rec->recovery + n, sizeof rec->recovery - n,
                 "%s%s: checkpoint re-signed for %" PRIu64 " entries (it covered %" PRIu64 ")",
                 n ? "; " : "", rec->dir, rec->tree.size, cp->size);
    }
    return st;
}

static wv_status record_start(const char *dir, const wv_secret_key *sk, wv_record **out,
                              wv_error *err)
{
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", dir);
    if (strlen(dir) >= sizeof (*out)->dir - 32)
        return wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    snprintf((*out)->dir, sizeof (*out)->dir, "%s", dir);
    (*out)->sk = sk;
    wv_merkle_frontier_init(&(*out)->tree);
    return WV_OK;
}

/* What opening and loading share: the roster, the checkpoint, and the log
 * replayed through the meeting state machine. */
static wv_status read_and_replay(wv_record *rec, wv_checkpoint *cp, wv_record_visit_fn visit,
                                 void *ctx, wv_error *err)
{
    wv_status st = load_roster(rec, err);
    if (st == WV_OK)
        st = load_checkpoint(rec, cp, err);
    if (st == WV_OK)
        st = replay(rec, cp, visit, ctx, err);
    return st;
}

wv_status wv_record_open(const char *dir, const wv_secret_key *sk, wv_record_visit_fn visit,
                         void *ctx, wv_record **out, wv_error *err)
{
    return wv_record_open_wait(dir, sk, WV_LOCK_WAIT_DEFAULT_MS, visit, ctx, out, err);
}

wv_status wv_record_open_wait(const char *dir, const wv_secret_key *sk, int64_t wait_ms,
                              wv_record_visit_fn visit, void *ctx, wv_record **out,
                              wv_error *err)
{
    *out = NULL;
    if (sk == NULL)
        return wv_error_set(err, WV_ERR_ARG, "%s: opening for appending needs the Secretariat key",
                            dir);
    wv_record *rec;
    wv_checkpoint cp;
    char path[600];
    wv_status st = record_start(dir, sk, &rec, err);
    if (st == WV_OK && wv_record_path(path, sizeof path, dir, WV_RECORD_LOG) == 0)
        st = wv_log_open_wait(path, wait_ms, &rec->log, err); /* lock first, then read */
    if (st == WV_OK)
        st = read_and_replay(rec, &cp, visit, ctx, err);
    if (st == WV_OK)
        st = catch_up_checkpoint(rec, &cp, err);
    if (st != WV_OK) {
        wv_record_close(rec);
        return st;
    }
    *out = rec;
    return WV_OK;
}

wv_status wv_record_load(const char *dir, wv_record_visit_fn visit, void *ctx, wv_record **out,
                         wv_error *err)
{
    *out = NULL;
    wv_record *rec;
    wv_checkpoint cp;
    wv_status st = record_start(dir, NULL, &rec, err);
    if (st == WV_OK)
        st = read_and_replay(rec, &cp, visit, ctx, err);
    if (st != WV_OK) {
        wv_record_close(rec);
        return st;
    }
    *out = rec;
    return WV_OK;
}

const char *wv_record_recovery_message(const wv_record *rec)
{
    return rec->recovery[0] != '\0' ? rec->recovery : NULL;
}

void wv_record_close(wv_record *rec)
{
    if (rec == NULL)
        return;
    wv_log_close(rec->log);
    wv_record_index_free(rec->index);
    wv_meeting_free(rec->meeting);
    wv_roster_free(rec->roster);
    free(rec->checkpoint);
    free(rec);
}

const wv_roster *wv_record_roster(const wv_record *rec) { return rec->roster; }
const wv_meeting *wv_record_meeting(const wv_record *rec) { return rec->meeting; }
const wv_record_index *wv_record_get_index(const wv_record *rec) { return rec->index; }
uint64_t wv_record_size(const wv_record *rec) { return rec->tree.size; }
const char *wv_record_origin(const wv_record *rec) { return rec->origin; }
const char *wv_record_meeting_id(const wv_record *rec) { return rec->meeting_id; }
const char *wv_record_dir(const wv_record *rec) { return rec->dir; }

void wv_record_root(const wv_record *rec, uint8_t out[WV_HASH_BYTES])
{
    wv_merkle_frontier_root(&rec->tree, out);
}

const char *wv_record_checkpoint(const wv_record *rec, size_t *len)
{
    if (len != NULL)
        *len = rec->checkpoint_len;
    return rec->checkpoint;
}

/* ---------------------------------------------------------------- append */

/* Every check after decoding, before writing; on WV_OK the meeting has
 * applied it. */
static wv_status admit(wv_record *rec, wv_entry *e, wv_refusal *why, wv_error *err)
{
    *why = WV_REFUSE_NONE;
    wv_status st = wv_entry_key(rec->roster, rec->meeting, e, err);
    if (st == WV_OK)
        st = wv_entry_signature(e, err);
    if (st == WV_OK)
        st = same_meeting(rec, e, why, err);
    if (st == WV_OK)
        st = wv_entry_apply(rec->meeting, e, why, err);
    return st;
}

/* Signs the checkpoint for the tree ending with the leaf just pushed and
 * builds its receipt. */
static wv_status make_receipt(wv_record *rec, const wv_merkle_frontier *before,
                              const wv_merkle_frontier *after, const uint8_t *buf, size_t len,
                              wv_append_result *res, char **cp, size_t *cp_len, wv_error *err)
{
    uint8_t proof[WV_MERKLE_MAX_PROOF * WV_HASH_BYTES];
    size_t n = wv_frontier_last_leaf_proof(before, proof);
    free(*cp);
    *cp = NULL;
    wv_status st = checkpoint_sign(rec->origin, after, rec->sk, cp, cp_len, err);
    if (st == WV_OK)
        st = wv_receipt_build(buf, len, before->size, after->size, proof, n, *cp, *cp_len,
                              &res->receipt, &res->receipt_len, err);
    return st;
}

typedef struct batch {
    const uint8_t **data;
    size_t *lens;
    size_t n;
} batch;

static wv_status check_all(wv_record *rec, const uint8_t *const *envs, const size_t *lens,
                           wv_entry *entries, size_t n, unsigned flags,
                           wv_append_result *results, batch *b, wv_merkle_frontier *tree,
                           char **cp, size_t *cp_len, wv_error *err)
{
    for (size_t i = 0; i < n; i++) {
        wv_append_result *res = &results[i];
        if (entries[i].env == NULL)
            continue; /* refused before (not decodable): res->status says why */
        res->status = admit(rec, &entries[i], &res->why, &res->error);
        if (res->status != WV_OK)
            continue;
        wv_merkle_frontier before = *tree;
        uint8_t leaf[WV_HASH_BYTES];
        wv_merkle_leaf_hash(envs[i], lens[i], leaf);
        wv_status st = wv_merkle_frontier_push(tree, leaf, err);
        res->index = before.size;
        if (st == WV_OK) /* like the meeting, ahead of the disk until the fsync */
            st = wv_record_index_add(rec->index, res->index, entries[i].act, entries[i].chair,
                                     rec->meeting, err);
        if (st == WV_OK && (flags & WV_APPEND_RECEIPTS))
            st = make_receipt(rec, &before, tree, envs[i], lens[i], res, cp, cp_len, err);
        if (st != WV_OK)
            return st; /* the meeting is ahead of the log now: broken */
        b->data[b->n] = envs[i];
        b->lens[b->n++] = lens[i];
    }
    return WV_OK;
}

static wv_status commit(wv_record *rec, const batch *b, const wv_merkle_frontier *tree,
                        char *cp, size_t cp_len, wv_error *err)
{
    wv_status st = WV_OK;
    if (b->n > 0)
        st = wv_log_append_many(rec->log, b->data, b->lens, b->n, NULL, err);
    if (st != WV_OK) {
        free(cp);
        return st;
    }
    rec->tree = *tree; /* the entries are durable from here on */
    if (cp == NULL)
        st = checkpoint_sign(rec->origin, tree, rec->sk, &cp, &cp_len, err);
    if (st == WV_OK)
        st = write_checkpoint(rec, cp, cp_len, err);
    if (st != WV_OK)
        wv_error_prefix(err, "%s: the entries are in the log, but the checkpoint was not "
                        "written (it is re-signed when the record is reopened)", rec->dir);
    return st;
}

wv_status wv_record_append_entries(wv_record *rec, const uint8_t *const *envs,
                                   const size_t *lens, wv_entry *entries, size_t n,
                                   unsigned flags, wv_append_result *results, size_t *appended,
                                   wv_error *err)
{
    if (appended != NULL)
        *appended = 0;
    if (rec->log == NULL || rec->sk == NULL)
        return wv_error_set(err, WV_ERR_ARG, "%s: opened read-only", rec->dir);
    if (rec->broken)
        return wv_error_set(err, WV_ERR_IO, "%s: an earlier append failed; reopen the record",
                            rec->dir);
    batch b = {calloc(n ? n : 1, sizeof *b.data), calloc(n ? n : 1, sizeof *b.lens), 0};
    if (b.data == NULL || b.lens == NULL) {
        free(b.data);
        free(b.lens);
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", rec->dir);
    }
    wv_merkle_frontier tree = rec->tree;
    char *cp = NULL;
    size_t cp_len = 0;
    wv_status st = check_all(rec, envs, lens, entries, n, flags, results, &b, &tree, &cp,
                             &cp_len, err);
    if (st == WV_OK && (b.n > 0 || n == 0)) {
        st = commit(rec, &b, &tree, cp, cp_len, err);
        cp = NULL; /* commit took it */
    }
    free(cp);
    if (st != WV_OK) {
        rec->broken = 1; /* the meeting may be ahead of the log */
        if (rec->tree.size != tree.size) /* not durable: no receipts */
            wv_append_results_clear(results, n);
    } else if (appended != NULL) {
        *appended = b.n;
    }
    free(b.data);
    free(b.lens);
    return st;
}

wv_status wv_record_append_many(wv_record *rec, const uint8_t *const *envs, const size_t *lens,
                                size_t n, unsigned flags, wv_append_result *results,
                                size_t *appended, wv_error *err)
{
    /* Every result is defined (its receipt NULL) whatever happens below:
     * callers read and clear all n. */
    if (n > 0)
        memset(results, 0, n * sizeof *results);
    wv_entry *entries = calloc(n ? n : 1, sizeof *entries);
    if (entries == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", rec->dir);
    for (size_t i = 0; i < n; i++)
        if ((results[i].status = wv_entry_decode(envs[i], lens[i], &entries[i],
                                                 &results[i].error)) != WV_OK)
            wv_entry_free(&entries[i]); /* env NULL: skipped */
    wv_status st = wv_record_append_entries(rec, envs, lens, entries, n, flags, results,
                                            appended, err);
    for (size_t i = 0; i < n; i++)
        wv_entry_free(&entries[i]);
    free(entries);
    return st;
}

void wv_append_results_clear(wv_append_result *results, size_t n)
{
    for (size_t i = 0; results != NULL && i < n; i++) {
        free(results[i].receipt);
        results[i].receipt = NULL;
        results[i].receipt_len = 0;
    }
}

wv_status wv_record_append(wv_record *rec, const uint8_t *env, size_t len, uint64_t *index,
                           wv_refusal *why, uint8_t **receipt, size_t *receipt_len,
                           wv_error *err)
{
    wv_append_result res;
    if (receipt != NULL)
        *receipt = NULL;
    wv_status st = wv_record_append_many(rec, &env, &len, 1, receipt ? WV_APPEND_RECEIPTS : 0,
                                         &res, NULL, err);
    if (st != WV_OK) {
        free(res.receipt); /* durable, but the checkpoint write failed */
        return st;
    }
    if (why != NULL)
        *why = res.why;
    if (res.status != WV_OK) {
        if (err != NULL)
            *err = res.error;
        return res.status;
    }
    if (index != NULL)
        *index = res.index;
    if (receipt != NULL) {
        *receipt = res.receipt;
        *receipt_len = res.receipt_len;
    }
    return WV_OK;
}
