/* engine/record: the verifiable record.
 *
 *  - the append-only log file of signed envelopes (SPEC.md, "Record and
 *    verification", log file format): durable appends (fsync before an
 *    entry is acknowledged), torn-tail repair on open, one writer at a time;
 *  - a streaming reader of that file (O(1) memory beyond the current entry).
 *
 * The library never prints: messages for a person (e.g. "cut a torn tail")
 * are returned to the caller. */
#ifndef WTOVOTE_RECORD_H
#define WTOVOTE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ log file */

/* File header: 8-byte magic, u32 LE version, u32 LE reserved (zero). */
#define WV_LOG_MAGIC "WVLOG\r\n\x1a"
#define WV_LOG_MAGIC_BYTES 8
#define WV_LOG_VERSION 1
#define WV_LOG_HEADER_BYTES 16
/* Entry: u32 LE length N (1..WV_LOG_MAX_ENTRY), N bytes, u32 LE CRC-32C of
 * the 4 length bytes followed by the N bytes. */
#define WV_LOG_ENTRY_OVERHEAD 8
#define WV_LOG_MAX_ENTRY (1u << 20) /* = WV_MAX_ENVELOPE_BYTES */

/* CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, init and final
 * xor 0xFFFFFFFF); crc32c("123456789") = 0xE3069283. Chain by passing the
 * previous result as crc (0 to start). */
uint32_t wv_crc32c(uint32_t crc, const void *data, size_t len);

typedef struct wv_log wv_log; /* an open log with the writer's lock */

/* Creates an empty log (header only) atomically; refuses to replace an
 * existing file (WV_ERR_IO). */
wv_status wv_log_create(const char *path, wv_error *err) WV_WARN_UNUSED;

/* Opens a log for appending: takes an exclusive lock (WV_ERR_LOG_LOCKED when
 * another writer holds it), scans every entry, and cuts a torn tail (an
 * incomplete or bad-checksum last entry with no valid entry after it) with
 * ftruncate + fsync. A damaged entry followed by a valid one is
 * WV_ERR_LOG_CORRUPT naming the entry index and byte offset; nothing is cut
 * then. See wv_log_recovery_message. */
wv_status wv_log_open(const char *path, wv_log **out, wv_error *err) WV_WARN_UNUSED;
/* What the open repaired, for the caller to show ("log: cut a torn tail
 * ..."); NULL when nothing was repaired. Owned by the log. */
const char *wv_log_recovery_message(const wv_log *log);
uint64_t wv_log_size(const wv_log *log);       /* entries */
uint64_t wv_log_end_offset(const wv_log *log); /* bytes of the file */
const char *wv_log_path(const wv_log *log);

/* Appends one entry and fsyncs before returning: WV_OK means durable.
 * index (may be NULL) receives the entry's index (from 0). On a failed
 * write the file is cut back to its previous end; after a failed fsync the
 * log refuses further appends (its state on disk is unknown). */
wv_status wv_log_append(wv_log *log, const uint8_t *data, size_t len, uint64_t *index,
                        wv_error *err) WV_WARN_UNUSED;
/* Group commit: appends n entries with one write and one fsync; all or
 * none. first_index (may be NULL) receives the first one's index. */
wv_status wv_log_append_many(wv_log *log, const uint8_t *const *data, const size_t *lens,
                             size_t n, uint64_t *first_index, wv_error *err) WV_WARN_UNUSED;
/* Releases the lock; NULL-safe. */
void wv_log_close(wv_log *log);

/* Streaming reader: never loads the file; keeps one buffered entry. Takes
 * no lock and never modifies the file. */
typedef struct wv_log_reader wv_log_reader;

typedef struct wv_log_entry {
    uint64_t index;      /* from 0 */
    uint64_t offset;     /* byte offset of the entry's length field */
    const uint8_t *data; /* valid until the next call */
    size_t len;
} wv_log_entry;

wv_status wv_log_reader_open(const char *path, wv_log_reader **out, wv_error *err) WV_WARN_UNUSED;
/* Reads a log held in memory (fuzzing, tests); data must outlive the reader. */
wv_status wv_log_reader_open_memory(const uint8_t *data, size_t len, wv_log_reader **out,
                                    wv_error *err) WV_WARN_UNUSED;
/* *has = 1 and e filled with the next entry, or *has = 0 at the end. A
 * torn tail ends the iteration (*has = 0) and is reported by
 * wv_log_reader_torn_tail; a damaged entry with a valid one after it is
 * WV_ERR_LOG_CORRUPT (index and offset named). */
wv_status wv_log_reader_next(wv_log_reader *r, wv_log_entry *e, int *has,
                             wv_error *err) WV_WARN_UNUSED;
/* After the end: 1 when the file ended in a torn tail, with its offset and
 * length in bytes; 0 when the file ended cleanly. */
int wv_log_reader_torn_tail(const wv_log_reader *r, uint64_t *offset, uint64_t *bytes);
/* Why the tail is torn ("incomplete entry ...", "checksum mismatch"); NULL
 * when it is not. */
const char *wv_log_reader_torn_reason(const wv_log_reader *r);
/* Index the next entry would have: after the end, the number of entries. */
uint64_t wv_log_reader_index(const wv_log_reader *r);
void wv_log_reader_free(wv_log_reader *r);

#ifdef __cplusplus
}
#endif
#endif
