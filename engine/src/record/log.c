/* The append-only log writer (SPEC.md, "Log file"). One writer at a time
 * (flock on the file); an entry is acknowledged only after fsync; a torn
 * tail left by a crash is cut on open, corruption elsewhere is an error. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "record/log_internal.h"
#include "wtovote/util.h"

struct wv_log {
    char path[512];
    int fd;
    uint64_t size;   /* entries */
    uint64_t end;    /* bytes */
    int broken;      /* an fsync failed: the state on disk is unknown */
};

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

size_t wv_log_frame(uint8_t *out, const uint8_t *data, size_t len)
{
    put_le32(out, (uint32_t)len);
    memcpy(out + 4, data, len);
    put_le32(out + 4 + len, wv_crc32c(0, out, 4 + len));
    return len + WV_LOG_ENTRY_OVERHEAD;
}

wv_status wv_log_create(const char *path, wv_error *err)
{
    uint8_t h[WV_LOG_HEADER_BYTES];
    memcpy(h, WV_LOG_MAGIC, WV_LOG_MAGIC_BYTES);
    put_le32(h + 8, WV_LOG_VERSION);
    put_le32(h + 12, 0);
    /* Atomic creation: the header is complete or the file is absent. */
    return wv_file_write_atomic(path, h, sizeof h, 0644, WV_WRITE_EXCLUSIVE, err);
}

/* Scans every entry. A torn tail is refused, never cut here: the bytes
 * after the last whole entry are removed only by an explicit repair
 * (wv_record_repair), which keeps them (SPEC.md, "Log file"). */
static wv_status scan(wv_log *log, wv_error *err)
{
    wv_log_reader *r;
    wv_status st = wv_log_reader_open_fd(log->fd, log->path, &r, err);
    if (st != WV_OK)
        return st;
    wv_log_entry e;
    int has = 1;
    while (st == WV_OK && has)
        st = wv_log_reader_next(r, &e, &has, err);
    uint64_t off = r->off, bytes;
    log->size = wv_log_reader_index(r);
    if (st == WV_OK && wv_log_reader_torn_tail(r, &off, &bytes))
        st = wv_error_set(err, WV_ERR_LOG_TORN,
                          "%s: a torn tail of %" PRIu64 " bytes at byte %" PRIu64 " (%s where "
                          "entry %" PRIu64 " would start; it was never acknowledged): nothing "
                          "is appended after it until the log is repaired", log->path, bytes,
                          off, wv_log_reader_torn_reason(r), log->size);
    log->end = off;
    wv_log_reader_free(r);
    return st;
}

/* The process holding the flock on fd's file, from /proc/locks (Linux);
 * 0 when unknown. flock locks carry no owner that fcntl(F_GETLK) reports,
 * and POSIX record locks would be dropped whenever the writer closes any
 * descriptor of the log (its own reader does), so the kernel's table is
 * the one reliable witness. */
static long lock_holder(int fd)
{
    struct stat st;
    FILE *f = fopen("/proc/locks", "r");
    if (f == NULL)
        return 0;
    long pid = 0;
    char line[256];
    if (fstat(fd, &st) == 0) {
        while (pid == 0 && fgets(line, sizeof line, f) != NULL) {
            unsigned maj, min;
            unsigned long long ino;
            long p;
            if (strstr(line, "->") == NULL && strstr(line, "FLOCK") != NULL &&
                sscanf(strstr(line, "FLOCK"), "FLOCK %*s %*s %ld %x:%x:%llu", &p, &maj, &min,
                       &ino) == 4 &&
                maj == major(st.st_dev) && min == minor(st.st_dev) && ino == st.st_ino)
                pid = p;
        }
    }
    fclose(f);
    return pid;
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Takes the writer's lock, polling until wait_ms have passed (a blocking
 * flock could not be bounded without a signal, which a library must not
 * install). Pauses double from 1 ms to 50 ms. */
static wv_status lock_wait(int fd, const char *path, int64_t wait_ms, wv_error *err)
{
    int64_t deadline = monotonic_ms() + (wait_ms > 0 ? wait_ms : 0);
    long pause_us = 1000;
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK)
            return wv_error_set(err, WV_ERR_IO, "%s: lock: %s", path, strerror(errno));
        if (monotonic_ms() >= deadline) {
            long pid = lock_holder(fd);
            char who[48] = "another writer";
            if (pid == (long)getpid())
                snprintf(who, sizeof who, "this process (pid %ld)", pid);
            else if (pid > 0)
                snprintf(who, sizeof who, "another writer (process %ld)", pid);
            return wv_error_set(err, WV_ERR_LOG_LOCKED,
                                "%s: locked by %s; only one writer may append at a time; "
                                "gave up after waiting %" PRId64 ".%03" PRId64 " s", path, who,
                                wait_ms / 1000, wait_ms % 1000);
        }
        struct timespec ts = {0, pause_us * 1000};
        nanosleep(&ts, NULL);
        if (pause_us < 50000)
            pause_us *= 2;
    }
    return WV_OK;
}

wv_status wv_log_open_locked(const char *path, int64_t wait_ms, int *fd, wv_error *err)
{
    *fd = open(path, O_RDWR | O_CLOEXEC);
    if (*fd < 0)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
    wv_status st = lock_wait(*fd, path, wait_ms, err);
    if (st != WV_OK) {
        close(*fd);
        *fd = -1;
    }
    return st;
}

wv_status wv_log_open(const char *path, wv_log **out, wv_error *err)
{
    return wv_log_open_wait(path, WV_LOCK_WAIT_DEFAULT_MS, out, err);
}

wv_status wv_log_open_wait(const char *path, int64_t wait_ms, wv_log **out, wv_error *err)
{
    *out = NULL;
    wv_log *log = calloc(1, sizeof *log);
    if (log == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    snprintf(log->path, sizeof log->path, "%s", path);
    /* flock locks belong to the open file description: a second open, in
     * this process or another, is locked out until wv_log_close. */
    wv_status st = wv_log_open_locked(path, wait_ms, &log->fd, err);
    if (st != WV_OK) {
        free(log);
        return st;
    }
    st = scan(log, err);
    if (st != WV_OK) {
        wv_log_close(log);
        return st;
    }
    *out = log;
    return WV_OK;
}

uint64_t wv_log_size(const wv_log *log) { return log->size; }
uint64_t wv_log_end_offset(const wv_log *log) { return log->end; }
const char *wv_log_path(const wv_log *log) { return log->path; }

int wv_log_pwrite_all(int fd, const uint8_t *p, size_t len, uint64_t off)
{
    while (len > 0) {
        ssize_t w = pwrite(fd, p, len, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        off += (uint64_t)w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes the framed entries in one buffer, then fsyncs once. */
static wv_status write_batch(wv_log *log, const uint8_t *const *data, const size_t *lens,
                             size_t n, wv_error *err)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (lens[i] == 0 || lens[i] > WV_LOG_MAX_ENTRY)
            return wv_error_set(err, WV_ERR_TOO_LARGE,
                                "%s: entry of %zu bytes (allowed 1 to %u)", log->path, lens[i],
                                WV_LOG_MAX_ENTRY);
        total += lens[i] + WV_LOG_ENTRY_OVERHEAD;
    }
    uint8_t *buf = malloc(total ? total : 1);
    if (buf == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", log->path);
    uint8_t *p = buf;
    for (size_t i = 0; i < n; i++)
        p += wv_log_frame(p, data[i], lens[i]);
    int ok = wv_log_pwrite_all(log->fd, buf, total, log->end) == 0;
    int e = errno;
    free(buf);
    if (!ok) {
        /* Cut back so that the next append does not follow garbage. */
        if (ftruncate(log->fd, (off_t)log->end) != 0)
            log->broken = 1;
        return wv_error_set(err, WV_ERR_IO, "%s: write: %s", log->path, strerror(e));
    }
    if (fsync(log->fd) != 0) {
        /* After a failed fsync the kernel may have dropped the pages: do
         * not pretend anything about them; refuse further appends. */
        log->broken = 1;
        return wv_error_set(err, WV_ERR_IO, "%s: fsync: %s (log closed for appends; reopen it)",
                            log->path, strerror(errno));
    }
    log->end += total;
    log->size += n;
    return WV_OK;
}

wv_status wv_log_append_many(wv_log *log, const uint8_t *const *data, const size_t *lens,
                             size_t n, uint64_t *first_index, wv_error *err)
{
    if (log->broken)
        return wv_error_set(err, WV_ERR_IO, "%s: an earlier write or fsync failed; reopen the log",
                            log->path);
    uint64_t first = log->size;
    wv_status st = write_batch(log, data, lens, n, err);
    if (st == WV_OK && first_index != NULL)
        *first_index = first;
    return st;
}

wv_status wv_log_append(wv_log *log, const uint8_t *data, size_t len, uint64_t *index,
                        wv_error *err)
{
    return wv_log_append_many(log, &data, &len, 1, index, err);
}

void wv_log_close(wv_log *log)
{
    if (log == NULL)
        return;
    if (log->fd >= 0)
        close(log->fd); /* releases the flock */
    free(log);
}
