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
int wv_init(void);

/* Reads a whole file (at most max_size bytes) into a malloc'd buffer with a
 * terminating NUL after the data (not counted in *len). */
wv_status wv_file_read(const char *path, size_t max_size, uint8_t **out,
                       size_t *len, wv_error *err) WV_WARN_UNUSED;

/* Writes a file atomically: a temporary file in the same directory, fsync,
 * rename, fsync of the directory. Either the old content or the whole new
 * content is there afterwards; never a partial write.
 * WV_WRITE_EXCLUSIVE refuses to replace an existing file. */
enum { WV_WRITE_REPLACE = 0, WV_WRITE_EXCLUSIVE = 1 };
wv_status wv_file_write_atomic(const char *path, const void *data, size_t len,
                               unsigned mode, int flags,
                               wv_error *err) WV_WARN_UNUSED;

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" to Unix seconds (UTC). */
wv_status wv_time_parse(const char *text, int64_t *out, wv_error *err) WV_WARN_UNUSED;
/* Unix seconds to "YYYY-MM-DD" (buf at least 11 bytes). */
void wv_date_format(int64_t t, char *buf, size_t size);
/* Unix seconds to "YYYY-MM-DDTHH:MM:SSZ" (buf at least 21 bytes). */
void wv_time_format(int64_t t, char *buf, size_t size);
/* Days from a to b (floor), for date-only arithmetic. */
int64_t wv_days_between(int64_t a, int64_t b);

/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void wv_hex(const uint8_t *in, size_t len, char *out);

#ifdef __cplusplus
}
#endif
#endif
