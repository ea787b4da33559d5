/* Explicit repair of a record's log (SPEC.md, "Repairing a record"): a torn
 * tail past the acknowledged entries is cut, its bytes kept beside the log;
 * acknowledged entries lost or damaged are restored from a copy that has
 * the signed checkpoint's root. Nothing is removed that was acknowledged,
 * and no removed byte is thrown away. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "record/log_internal.h"
#include "record/record_internal.h"
#include "wtovote/util.h"

/* The log as found: its whole valid entries and where the damage starts. */
typedef struct scanned {
    wv_merkle_frontier tree; /* over the whole valid entries */
    uint64_t good_end;       /* byte after the last whole valid entry */
    uint64_t file_size;
    char reason[64];         /* why the bytes after good_end are damaged */
} scanned;

/* The Secretariat key from the signed roster, and the checkpoint it signed. */
static wv_status read_checkpoint(const char *dir, wv_checkpoint *cp, wv_error *err)
{
    char path[600];
    wv_roster *roster = NULL;
    wv_public_key sec;
    uint8_t *text = NULL;
    size_t len = 0;
    if (wv_record_path(path, sizeof path, dir, WV_RECORD_ROSTER) != 0)
        return wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    wv_status st = wv_roster_load(path, &roster, err);
    if (st == WV_OK && (st = wv_roster_verify(roster, err)) != WV_OK)
        wv_error_prefix(err, "%s", path);
    if (st == WV_OK && wv_roster_secretariat(roster, &sec) != 0)
        st = wv_error_set(err, WV_ERR_UNSIGNED, "%s: names no Secretariat key", path);
    wv_record_path(path, sizeof path, dir, WV_RECORD_CHECKPOINT);
    if (st == WV_OK)
        st = wv_file_read(path, WV_NOTE_MAX_BYTES, &text, &len, err);
    if (st == WV_OK &&
        (st = wv_checkpoint_open((const char *)text, len, &sec, NULL, NULL, 0, cp, err)) != WV_OK)
        wv_error_prefix(err, "%s", path);
    free(text);
    wv_roster_free(roster);
    return st;
}

/* Reads whole entries until the end or the first damage (a torn tail, or
 * damage with entries after it: both end the usable log there). */
static wv_status scan_log(int fd, const char *path, scanned *s, wv_error *err)
{
    struct stat sb;
    wv_log_reader *r;
    memset(s, 0, sizeof *s);
    wv_merkle_frontier_init(&s->tree);
    if (fstat(fd, &sb) != 0)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
    s->file_size = (uint64_t)sb.st_size;
    wv_status st = wv_log_reader_open_fd(fd, path, &r, err);
    if (st != WV_OK)
        return st; /* no usable header: nothing here to repair from */
    wv_log_entry e;
    int has = 1;
    s->good_end = WV_LOG_HEADER_BYTES;
    while (st == WV_OK && (st = wv_log_reader_next(r, &e, &has, err)) == WV_OK && has) {
        uint8_t leaf[WV_HASH_BYTES];
        wv_merkle_leaf_hash(e.data, e.len, leaf);
        st = wv_merkle_frontier_push(&s->tree, leaf, err);
        s->good_end = e.offset + e.len + WV_LOG_ENTRY_OVERHEAD;
    }
    if (st == WV_ERR_LOG_CORRUPT)
        snprintf(s->reason, sizeof s->reason, "damaged entry with entries after it");
    else if (st == WV_OK && wv_log_reader_torn_tail(r, NULL, NULL))
        snprintf(s->reason, sizeof s->reason, "%s", wv_log_reader_torn_reason(r));
    wv_log_reader_free(r);
    return st == WV_ERR_LOG_CORRUPT ? WV_OK : st;
}

/* Copies bytes [from, to) of the log into a new file beside it, fsynced,
 * before they are cut: "log.torn-YYYYMMDDTHHMMSSZ" (with "-N" when that
 * name is taken). */
static wv_status keep_bytes(int fd, const char *path, uint64_t from, uint64_t to,
                            wv_repair_info *info, wv_error *err)
{
    size_t n = (size_t)(to - from);
    uint8_t *buf = malloc(n ? n : 1);
    if (buf == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    if (pread(fd, buf, n, (off_t)from) != (ssize_t)n) {
        free(buf);
        return wv_error_set(err, WV_ERR_IO, "%s: reading the damaged bytes: %s", path,
                            strerror(errno));
    }
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    wv_status st = WV_ERR_IO;
    for (int i = 0; i < 100 && st != WV_OK; i++) {
        if (i == 0)
            snprintf(info->saved, sizeof info->saved, "%s.torn-%s", path, stamp);
        else
            snprintf(info->saved, sizeof info->saved, "%s.torn-%s-%d", path, stamp, i);
        struct stat sb;
        if (stat(info->saved, &sb) == 0)
            continue; /* never replace an earlier repair's bytes */
        st = wv_file_write_atomic(info->saved, buf, n, 0644, WV_WRITE_EXCLUSIVE, err);
        if (st != WV_OK)
            break;
    }
    free(buf);
    if (st != WV_OK)
        info->saved[0] = '\0';
    return st;
}

/* Cuts the log at s->good_end after keeping what follows. */
static wv_status cut_damage(int fd, const char *path, const scanned *s, wv_repair_info *info,
                            wv_error *err)
{
    if (s->file_size <= s->good_end)
        return WV_OK;
    wv_status st = keep_bytes(fd, path, s->good_end, s->file_size, info, err);
    if (st != WV_OK)
        return st;
    if (ftruncate(fd, (off_t)s->good_end) != 0 || fsync(fd) != 0)
        return wv_error_set(err, WV_ERR_IO, "%s: cutting at byte %" PRIu64 ": %s (the bytes "
                            "are kept in %s)", path, s->good_end, strerror(errno), info->saved);
    info->damaged_offset = s->good_end;
    info->removed_bytes = s->file_size - s->good_end;
    snprintf(info->removed_reason, sizeof info->removed_reason, "%s", s->reason);
    return WV_OK;
}

/* The copy's log: COPY/log when COPY is a directory, else COPY. */
static void copy_log_path(const char *from, char *out, size_t size)
{
    struct stat sb;
    if (stat(from, &sb) == 0 && S_ISDIR(sb.st_mode))
        wv_record_path(out, size, from, WV_RECORD_LOG);
    else
        snprintf(out, size, "%s", from);
}

/* The copy is checked before anything is written: its first cp->size
 * entries have the checkpoint's root, and its first `have` entries are the
 * log's own (same tree). */
static wv_status check_copy(const char *copy, const wv_checkpoint *cp, const scanned *s,
                            wv_error *err)
{
    wv_log_reader *r;
    wv_status st = wv_log_reader_open(copy, &r, err);
    if (st != WV_OK)
        return st;
    wv_merkle_frontier tree;
    wv_merkle_frontier_init(&tree);
    uint8_t at_have[WV_HASH_BYTES], mine[WV_HASH_BYTES], root[WV_HASH_BYTES];
    wv_merkle_frontier_root(&tree, at_have);
    wv_log_entry e;
    int has = 1;
    while (st == WV_OK && tree.size < cp->size &&
           (st = wv_log_reader_next(r, &e, &has, err)) == WV_OK && has) {
        uint8_t leaf[WV_HASH_BYTES];
        wv_merkle_leaf_hash(e.data, e.len, leaf);
        st = wv_merkle_frontier_push(&tree, leaf, err);
        if (tree.size == s->tree.size)
            wv_merkle_frontier_root(&tree, at_have);
    }
    wv_log_reader_free(r);
    if (st != WV_OK)
        return st;
    if (tree.size < cp->size)
        return wv_error_set(err, WV_ERR_PROOF, "%s: the copy holds %" PRIu64 " whole entries, "
                            "the checkpoint acknowledges %" PRIu64, copy, tree.size, cp->size);
    wv_merkle_frontier_root(&tree, root);
    if (memcmp(root, cp->root, WV_HASH_BYTES) != 0)
        return wv_error_set(err, WV_ERR_PROOF, "%s: the copy's first %" PRIu64 " entries do not "
                            "have the root of the record's signed checkpoint: not a copy of this "
                            "record", copy, cp->size);
    wv_merkle_frontier_root(&s->tree, mine);
    if (memcmp(mine, at_have, WV_HASH_BYTES) != 0)
        return wv_error_set(err, WV_ERR_LOG_CORRUPT, "the log's %" PRIu64 " whole entries are "
                            "not the copy's first ones, which the checkpoint acknowledges: the "
                            "log was changed, not damaged; nothing repaired", s->tree.size);
    return WV_OK;
}

/* Appends the copy's entries [s->tree.size, cp->size) at s->good_end (the
 * log was cut there), then fsyncs. */
static wv_status restore_entries(int fd, const char *path, const char *copy,
                                 const wv_checkpoint *cp, const scanned *s,
                                 wv_repair_info *info, wv_error *err)
{
    wv_log_reader *r;
    wv_status st = wv_log_reader_open(copy, &r, err);
    if (st != WV_OK)
        return st;
    uint64_t off = s->good_end;
    uint8_t *frame = malloc(WV_LOG_MAX_ENTRY + WV_LOG_ENTRY_OVERHEAD);
    wv_log_entry e;
    int has = 1;
    if (frame == NULL)
        st = wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    while (st == WV_OK && (st = wv_log_reader_next(r, &e, &has, err)) == WV_OK && has &&
           e.index < cp->size) {
        if (e.index < s->tree.size)
            continue;
        size_t n = wv_log_frame(frame, e.data, e.len);
        if (wv_log_pwrite_all(fd, frame, n, off) != 0)
            st = wv_error_set(err, WV_ERR_IO, "%s: write: %s", path, strerror(errno));
        off += n;
        info->restored++;
    }
    free(frame);
    wv_log_reader_free(r);
    if (st == WV_OK && fsync(fd) != 0)
        st = wv_error_set(err, WV_ERR_IO, "%s: fsync: %s", path, strerror(errno));
    return st;
}

static wv_status repair_locked(int fd, const char *path, const char *from,
                               const wv_checkpoint *cp, wv_repair_info *info, wv_error *err)
{
    scanned s;
    wv_status st = scan_log(fd, path, &s, err);
    if (st != WV_OK)
        return st;
    info->entries_before = info->entries_after = s.tree.size;
    if (s.tree.size >= cp->size)
        return cut_damage(fd, path, &s, info, err); /* nothing acknowledged is lost */
    if (from == NULL)
        return wv_error_set(err, WV_ERR_LOG_CORRUPT,
                            "%s: %" PRIu64 " whole entries, but the checkpoint acknowledges %"
                            PRIu64 ": acknowledged entries are missing or damaged; restore them "
                            "from a copy of the record (repair with a copy)", path,
                            s.tree.size, cp->size);
    char copy[600];
    copy_log_path(from, copy, sizeof copy);
    st = check_copy(copy, cp, &s, err);
    if (st == WV_OK)
        st = cut_damage(fd, path, &s, info, err);
    if (st == WV_OK)
        st = restore_entries(fd, path, copy, cp, &s, info, err);
    if (st == WV_OK)
        info->entries_after = s.tree.size + info->restored;
    return st;
}

wv_status wv_log_repair(const char *path, int64_t wait_ms, uint64_t acknowledged,
                        wv_repair_info *info, wv_error *err)
{
    wv_checkpoint cp; /* only its size matters without a copy */
    int fd = -1;
    memset(info, 0, sizeof *info);
    memset(&cp, 0, sizeof cp);
    cp.size = acknowledged;
    info->checkpoint_size = acknowledged;
    wv_status st = wv_log_open_locked(path, wait_ms, &fd, err);
    if (st == WV_OK)
        st = repair_locked(fd, path, NULL, &cp, info, err);
    if (fd >= 0)
        close(fd);
    return st;
}

wv_status wv_record_repair(const char *dir, const char *from, int64_t wait_ms,
                           wv_repair_info *info, wv_error *err)
{
    char path[600];
    wv_checkpoint cp;
    int fd = -1;
    memset(info, 0, sizeof *info);
    if (wv_record_path(path, sizeof path, dir, WV_RECORD_LOG) != 0)
        return wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    /* The lock first: no writer appends or re-signs meanwhile. */
    wv_status st = wv_log_open_locked(path, wait_ms, &fd, err);
    if (st == WV_OK)
        st = read_checkpoint(dir, &cp, err);
    if (st == WV_OK) {
        info->checkpoint_size = cp.size;
        st = repair_locked(fd, path, from, &cp, info, err);
    }
    if (fd >= 0)
        close(fd);
    return st;
}
