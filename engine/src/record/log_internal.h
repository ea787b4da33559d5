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

/* A reader over an fd the caller keeps open (the writer's). */
wv_status wv_log_reader_open_fd(int fd, const char *path, wv_log_reader **out, wv_error *err);

#endif
