/* Internals shared by the log writer and reader. */
#ifndef WV_RECORD_LOG_INTERNAL_H
#define WV_RECORD_LOG_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "wtovote/pb.h"
#include "wtovote/record.h"

struct wv_log_reader {
    char path[512];
    int fd;                /* -1 for a memory reader */
    int owns_fd;
    const uint8_t *mem;    /* memory reader: the whole file */
    uint64_t size;         /* file size at open (wv_log_reader_resume grows it) */
    uint64_t off;          /* next entry's offset */
    uint64_t index;        /* next entry's index */
    uint8_t *buf;          /* window [win_off, win_off + win_len) */
    size_t cap, win_len;
    uint64_t win_off;
    int done, torn, torn_kind;
};

/* Writes entry framing (length, data, CRC-32C) into out, which has
 * len + WV_LOG_ENTRY_OVERHEAD bytes; returns that number. */
size_t wv_log_frame(uint8_t *out, const uint8_t *data, size_t len);
/* pwrite of all len bytes at off (retrying short writes and EINTR); 0 or
 * -1 with errno. */
int wv_log_pwrite_all(int fd, const uint8_t *p, size_t len, uint64_t off);
/* Opens the log read-write and takes the writer's lock (waiting up to
 * wait_ms) without reading it: for repair, which must see damage that
 * wv_log_open refuses. Close *fd to release the lock. */
wv_status wv_log_open_locked(const char *path, int64_t wait_ms, int *fd, wv_error *err);

/* A reader over an fd the caller keeps open (the writer's). */
wv_status wv_log_reader_open_fd(int fd, const char *path, wv_log_reader **out, wv_error *err);

#endif
