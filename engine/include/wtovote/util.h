/* Small shared helpers: whole-file I/O with atomic replacement, dates. */
#ifndef WTOVOTE_UTIL_H
#define WTOVOTE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Initialises libsodium; call once before anything else. 0 or -1. */
WV_EXPORT int wv_init(void);

/* Reads a whole file (at most max_size bytes) into a malloc'd buffer with a
 * terminating NUL after the data (not counted in *len). */
WV_EXPORT wv_status wv_file_read(const char *path, size_t max_size, uint8_t **out,
                                 size_t *len, wv_error *err) WV_WARN_UNUSED;

/* Writes a file atomically: a temporary file in the same directory, fsync,
 * rename, fsync of the directory. Either the old content or the whole new
 * content is there afterwards; never a partial write.
 * WV_WRITE_EXCLUSIVE refuses to replace an existing file.
 * WV_WRITE_DEFER_SYNC (or'ed in) skips both fsyncs: for many derived files
 * written at once (receipts), made durable together by one wv_sync_fs
 * before anything reports them written. */
enum { WV_WRITE_REPLACE = 0, WV_WRITE_EXCLUSIVE = 1, WV_WRITE_DEFER_SYNC = 2 };
WV_EXPORT wv_status wv_file_write_atomic(const char *path, const void *data, size_t len,
                                         unsigned mode, int flags,
                                         wv_error *err) WV_WARN_UNUSED;

/* Writes two files as one change, as wv_file_write_atomic does each (both
 * temporaries are written and fsynced first): after a failure both paths
 * hold what they held before (WV_WRITE_REPLACE keeps the old first file
 * until the second is in place), never the new one beside the old other.
 * WV_WRITE_EXCLUSIVE refuses if either exists. For a key pair. */
typedef struct wv_file_part {
    const char *path;
    const void *data;
    size_t len;
    unsigned mode;
} wv_file_part;
WV_EXPORT wv_status wv_file_write_pair_atomic(const wv_file_part part[2], int flags,
                                              wv_error *err) WV_WARN_UNUSED;

/* fsync of the directory holding path, so that a new or renamed name in it
 * is durable (WV_ERR_IO naming path and the cause). */
WV_EXPORT wv_status wv_fsync_parent(const char *path, wv_error *err) WV_WARN_UNUSED;
/* Makes everything written to the file system holding path durable
 * (syncfs): the one sync after files written with WV_WRITE_DEFER_SYNC. */
WV_EXPORT wv_status wv_sync_fs(const char *path, wv_error *err) WV_WARN_UNUSED;

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" to Unix seconds (UTC). */
WV_EXPORT wv_status wv_time_parse(const char *text, int64_t *out, wv_error *err) WV_WARN_UNUSED;
/* Unix seconds to "YYYY-MM-DD" (buf at least 11 bytes). */
WV_EXPORT void wv_date_format(int64_t t, char *buf, size_t size);
/* Unix seconds to "YYYY-MM-DDTHH:MM:SSZ" (buf at least 21 bytes). */
WV_EXPORT void wv_time_format(int64_t t, char *buf, size_t size);
/* Days from a to b (floor), for date-only arithmetic. */
WV_EXPORT int64_t wv_days_between(int64_t a, int64_t b);

/* Lower-case hex of len bytes into out (2*len+1 bytes). */
WV_EXPORT void wv_hex(const uint8_t *in, size_t len, char *out);

/* Strict standard padded base64 (RFC 4648 section 4): only the alphabet and
 * '=' padding, nothing after the last quadruple. Decodes into out (room for
 * max bytes) and returns the decoded length, or -1 when the text is not such
 * base64 or decodes to more than max bytes. (libsodium 1.0.18's decoder alone
 * maps some bytes >= 0x80 to digits, so the alphabet is checked first.) */
WV_EXPORT long wv_base64_decode(const char *text, size_t len, uint8_t *out, size_t max);

#ifdef __cplusplus
}
#endif
#endif
