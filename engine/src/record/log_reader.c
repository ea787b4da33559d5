/* Streaming reader of the log file (SPEC.md, "Log file"). Holds one window
 * of the file (at least one chunk, at most the current entry), so memory is
 * O(1) beyond the largest entry. Tells a torn tail (damage with no valid
 * entry after it: an append cut short by a crash) from corruption in the
 * middle (damage followed by a valid entry), which is never skipped. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/log_internal.h"

#define CHUNK (256u * 1024u)

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Makes bytes [off, off + n) available; *p points at them. Only called with
 * off + n <= r->size. */
static wv_status fetch(wv_log_reader *r, uint64_t off, size_t n, const uint8_t **p,
                       wv_error *err)
{
    if (r->mem != NULL) {
        *p = r->mem + off;
        return WV_OK;
    }
    if (off >= r->win_off && off + n <= r->win_off + r->win_len) {
        *p = r->buf + (off - r->win_off);
        return WV_OK;
    }
    size_t want = n > CHUNK ? n : CHUNK;
    if (want > r->size - off)
        want = (size_t)(r->size - off);
    if (want > r->cap) {
        uint8_t *nb = realloc(r->buf, want);
        if (nb == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", r->path);
        r->buf = nb;
        r->cap = want;
    }
    size_t got = 0;
    while (got < want) {
        ssize_t k = pread(r->fd, r->buf + got, want - got, (off_t)(off + got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return wv_error_set(err, WV_ERR_IO, "%s: read at byte %" PRIu64 ": %s",
                                r->path, off + got, strerror(errno));
        if (k == 0)
            return wv_error_set(err, WV_ERR_IO, "%s: file shrank while being read", r->path);
        got += (size_t)k;
    }
    r->win_off = off;
    r->win_len = want;
    *p = r->buf;
    return WV_OK;
}

/* Classifies the entry at off. */
enum { ENTRY_OK, ENTRY_SHORT, ENTRY_BAD_LENGTH, ENTRY_BAD_CRC };

static wv_status entry_at(wv_log_reader *r, uint64_t off, int *kind, const uint8_t **data,
                          size_t *len, wv_error *err)
{
    const uint8_t *p;
    if (r->size - off < WV_LOG_ENTRY_OVERHEAD) {
        *kind = ENTRY_SHORT;
        return WV_OK;
    }
    wv_status st = fetch(r, off, 4, &p, err);
    if (st != WV_OK)
        return st;
    uint32_t n = le32(p);
    if (n == 0 || n > WV_LOG_MAX_ENTRY) {
        *kind = ENTRY_BAD_LENGTH;
        return WV_OK;
    }
    if (r->size - off < (uint64_t)n + WV_LOG_ENTRY_OVERHEAD) {
        *kind = ENTRY_SHORT;
        return WV_OK;
    }
    st = fetch(r, off, n + WV_LOG_ENTRY_OVERHEAD, &p, err);
    if (st != WV_OK)
        return st;
    *kind = wv_crc32c(0, p, 4 + (size_t)n) == le32(p + 4 + n) ? ENTRY_OK : ENTRY_BAD_CRC;
    *data = p + 4;
    *len = n;
    return WV_OK;
}

/* Checksummed bytes the search below may spend. A tail torn by a crash is
 * mostly read as lengths past the end of the file and costs little; a
 * crafted tail could make every offset cost a checksum of up to 1 MiB. Past
 * the budget the damage is reported as corruption: never cut what could not
 * be classified. */
#define SCAN_BUDGET_BYTES ((uint64_t)64 << 20)

/* First offset after `from` where a valid entry starts, or 0 when none. */
static wv_status find_valid_after(wv_log_reader *r, uint64_t from, uint64_t *found,
                                  wv_error *err)
{
    *found = 0;
    uint64_t spent = 0;
    for (uint64_t q = from + 1; q + WV_LOG_ENTRY_OVERHEAD <= r->size; q++) {
        int kind;
        const uint8_t *d;
        size_t n = 0;
        wv_status st = entry_at(r, q, &kind, &d, &n, err);
        if (st != WV_OK)
            return st;
        if (kind == ENTRY_OK) {
            *found = q;
            return WV_OK;
        }
        if (kind == ENTRY_BAD_CRC && (spent += n + 4) > SCAN_BUDGET_BYTES)
            return wv_error_set(err, WV_ERR_LOG_CORRUPT,
                                "%s: damaged entry at byte %" PRIu64 "; the %" PRIu64
                                " bytes after it could not be told apart from data within the "
                                "scan budget, so they are not cut as a torn tail",
                                r->path, from, r->size - from);
    }
    return WV_OK;
}

static const char *damage_name(int kind)
{
    switch (kind) {
    case ENTRY_SHORT: return "incomplete entry (length runs past the end of the file)";
    case ENTRY_BAD_LENGTH: return "length field out of range";
    default: return "checksum mismatch";
    }
}

static wv_status header_check(wv_log_reader *r, wv_error *err)
{
    const uint8_t *p;
    if (r->size < WV_LOG_HEADER_BYTES)
        return wv_error_set(err, WV_ERR_LOG_CORRUPT,
                            "%s: not a wtovote log (%" PRIu64 " bytes, shorter than the header)",
                            r->path, r->size);
    wv_status st = fetch(r, 0, WV_LOG_HEADER_BYTES, &p, err);
    if (st != WV_OK)
        return st;
    if (memcmp(p, WV_LOG_MAGIC, WV_LOG_MAGIC_BYTES) != 0)
        return wv_error_set(err, WV_ERR_LOG_CORRUPT, "%s: not a wtovote log (bad magic)", r->path);
    if (le32(p + 8) != WV_LOG_VERSION)
        return wv_error_set(err, WV_ERR_VERSION, "%s: log version %" PRIu32 " unsupported (want %d)",
                            r->path, le32(p + 8), WV_LOG_VERSION);
    if (le32(p + 12) != 0)
        return wv_error_set(err, WV_ERR_LOG_CORRUPT, "%s: reserved header bytes are not zero",
                            r->path);
    r->off = WV_LOG_HEADER_BYTES;
    return WV_OK;
}

static wv_status reader_new(const char *path, wv_log_reader **out, wv_error *err)
{
    *out = NULL;
    wv_log_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    r->fd = -1;
    snprintf(r->path, sizeof r->path, "%s", path);
    *out = r;
    return WV_OK;
}

wv_status wv_log_reader_open_fd(int fd, const char *path, wv_log_reader **out, wv_error *err)
{
    *out = NULL;
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
    wv_log_reader *r = NULL;
    wv_status st = reader_new(path, &r, err);
    if (st != WV_OK)
        return st;
    r->fd = fd;
    r->size = (uint64_t)sb.st_size;
    st = header_check(r, err);
    if (st != WV_OK) {
        r->fd = -1; /* borrowed */
        wv_log_reader_free(r);
        return st;
    }
    *out = r;
    return WV_OK;
}

wv_status wv_log_reader_open(const char *path, wv_log_reader **out, wv_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
    wv_status st = wv_log_reader_open_fd(fd, path, out, err);
    if (st != WV_OK) {
        close(fd);
        return st;
    }
    (*out)->owns_fd = 1;
    return WV_OK;
}

wv_status wv_log_reader_open_memory(const uint8_t *data, size_t len, wv_log_reader **out,
                                    wv_error *err)
{
    *out = NULL;
    wv_log_reader *r = NULL;
    wv_status st = reader_new("log", &r, err);
    if (st != WV_OK)
        return st;
    static const uint8_t empty[1];
    r->mem = data != NULL ? data : empty;
    r->size = len;
    st = header_check(r, err);
    if (st != WV_OK) {
        wv_log_reader_free(r);
        return st;
    }
    *out = r;
    return WV_OK;
}

wv_status wv_log_reader_next(wv_log_reader *r, wv_log_entry *e, int *has, wv_error *err)
{
    *has = 0;
    if (r->done || r->off == r->size) {
        r->done = 1;
        return WV_OK;
    }
    int kind;
    const uint8_t *data = NULL;
    size_t len = 0;
    wv_status st = entry_at(r, r->off, &kind, &data, &len, err);
    if (st != WV_OK)
        return st;
    if (kind == ENTRY_OK) {
        e->index = r->index++;
        e->offset = r->off;
        e->data = data;
        e->len = len;
        r->off += len + WV_LOG_ENTRY_OVERHEAD;
        *has = 1;
        return WV_OK;
    }
    uint64_t next;
    st = find_valid_after(r, r->off, &next, err);
    if (st != WV_OK)
        return st;
    if (next != 0)
        return wv_error_set(err, WV_ERR_LOG_CORRUPT,
                            "%s: entry %" PRIu64 " at byte %" PRIu64 ": %s; a valid entry "
                            "follows at byte %" PRIu64 ", so this is not a torn tail",
                            r->path, r->index, r->off, damage_name(kind), next);
    r->done = 1;
    r->torn = 1;
    r->torn_kind = kind;
    return WV_OK;
}

int wv_log_reader_torn_tail(const wv_log_reader *r, uint64_t *offset, uint64_t *bytes)
{
    if (!r->torn)
        return 0;
    if (offset != NULL)
        *offset = r->off;
    if (bytes != NULL)
        *bytes = r->size - r->off;
    return 1;
}

const char *wv_log_reader_torn_reason(const wv_log_reader *r)
{
    return r->torn ? damage_name(r->torn_kind) : NULL;
}

int wv_log_reader_resume(wv_log_reader *r)
{
    struct stat sb;
    if (!(r->torn || r->off == r->size) || r->fd < 0 || fstat(r->fd, &sb) != 0 ||
        (uint64_t)sb.st_size <= r->size)
        return 0;
    r->size = (uint64_t)sb.st_size;
    r->win_len = 0; /* the window may hold bytes of the append in flight */
    r->done = r->torn = 0;
    return 1;
}

uint64_t wv_log_reader_index(const wv_log_reader *r)
{
    return r->index;
}

void wv_log_reader_free(wv_log_reader *r)
{
    if (r == NULL)
        return;
    if (r->owns_fd && r->fd >= 0)
        close(r->fd);
    free(r->buf);
    free(r);
}
