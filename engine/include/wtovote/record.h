/* engine/record: the verifiable record (SPEC.md, "Record and verification").
 *
 *  - the append-only log file of signed envelopes: durable appends (fsync
 *    before an entry is acknowledged), one writer at a time (writers wait),
 *    a torn tail refused until an explicit repair; a streaming reader (O(1)
 *    memory beyond the current entry);
 *  - the record directory: signed roster, log, latest signed checkpoint,
 *    Secretariat public key; appends checked against the roster's keys and
 *    the meeting state machine before they are written;
 *  - receipts (RFC 9162 inclusion proof + signed checkpoint) and their
 *    offline check;
 *  - the verifier: numbered steps V1..V10, streaming, signatures checked on
 *    N threads.
 *
 * The library never prints: messages for a person (e.g. "checkpoint
 * re-signed") are returned to the caller. */
#ifndef WTOVOTE_RECORD_H
#define WTOVOTE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/index.h"
#include "wtovote/keys.h"
#include "wtovote/meeting.h"
#include "wtovote/merkle.h"
#include "wtovote/note.h"
#include "wtovote/roster.h"

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
WV_EXPORT uint32_t wv_crc32c(uint32_t crc, const void *data, size_t len);

typedef struct wv_log wv_log; /* an open log with the writer's lock */

/* Creates an empty log (header only) atomically; refuses to replace an
 * existing file (WV_ERR_IO). */
WV_EXPORT wv_status wv_log_create(const char *path, wv_error *err) WV_WARN_UNUSED;

/* Opens a log for appending: takes an exclusive lock (WV_ERR_LOG_LOCKED when
 * another writer still holds it after WV_LOCK_WAIT_DEFAULT_MS) and scans
 * every entry. A torn tail (an incomplete or bad-checksum last entry with no
 * valid entry after it: an append a crash interrupted, never acknowledged)
 * is WV_ERR_LOG_TORN naming its offset and size, and nothing is cut: only
 * wv_record_repair removes it, keeping the bytes. A damaged entry followed
 * by a valid one is WV_ERR_LOG_CORRUPT naming the entry index and byte
 * offset. */
WV_EXPORT wv_status wv_log_open(const char *path, wv_log **out, wv_error *err) WV_WARN_UNUSED;
/* How long a writer waits for another's lock by default, like a database's
 * busy timeout: 10 s. */
#define WV_LOCK_WAIT_DEFAULT_MS 10000
/* wv_log_open waiting up to wait_ms (0: not at all) for the lock; then
 * WV_ERR_LOG_LOCKED naming the process that holds it when the system says
 * (Linux: /proc/locks). */
WV_EXPORT wv_status wv_log_open_wait(const char *path, int64_t wait_ms, wv_log **out,
                                     wv_error *err) WV_WARN_UNUSED;
WV_EXPORT uint64_t wv_log_size(const wv_log *log);       /* entries */
WV_EXPORT uint64_t wv_log_end_offset(const wv_log *log); /* bytes of the file */
WV_EXPORT const char *wv_log_path(const wv_log *log);

/* Appends one entry and fsyncs before returning: WV_OK means durable.
 * index (may be NULL) receives the entry's index (from 0). On a failed
 * write the file is cut back to its previous end; after a failed fsync the
 * log refuses further appends (its state on disk is unknown). */
WV_EXPORT wv_status wv_log_append(wv_log *log, const uint8_t *data, size_t len, uint64_t *index,
                                  wv_error *err) WV_WARN_UNUSED;
/* Group commit: appends n entries with one write and one fsync; all or
 * none. first_index (may be NULL) receives the first one's index. */
WV_EXPORT wv_status wv_log_append_many(wv_log *log, const uint8_t *const *data, const size_t *lens,
                                       size_t n, uint64_t *first_index,
                                       wv_error *err) WV_WARN_UNUSED;
/* Releases the lock; NULL-safe. */
WV_EXPORT void wv_log_close(wv_log *log);

/* Cuts what follows the log's whole valid entries (a torn tail, or damage
 * with entries after it), holding the writer's lock (waiting up to
 * wait_ms), when at least `acknowledged` whole entries come before it: the
 * bytes are first kept in "PATH.torn-YYYYMMDDTHHMMSSZ" (fsynced, never
 * replacing a file), then the log is cut and fsynced. Fewer whole entries
 * than acknowledged: WV_ERR_LOG_CORRUPT, nothing written. info (struct
 * below) says what was done. wv_record_repair calls it with the record's
 * checkpoint size. */
typedef struct wv_repair_info wv_repair_info;
WV_EXPORT wv_status wv_log_repair(const char *path, int64_t wait_ms, uint64_t acknowledged,
                        wv_repair_info *info, wv_error *err) WV_WARN_UNUSED;

/* Streaming reader: never loads the file; keeps one buffered entry. Takes
 * no lock and never modifies the file. */
typedef struct wv_log_reader wv_log_reader;

typedef struct wv_log_entry {
    uint64_t index;      /* from 0 */
    uint64_t offset;     /* byte offset of the entry's length field */
    const uint8_t *data; /* valid until the next call */
    size_t len;
} wv_log_entry;

WV_EXPORT wv_status wv_log_reader_open(const char *path, wv_log_reader **out,
                                       wv_error *err) WV_WARN_UNUSED;
/* Reads a log held in memory (fuzzing, tests); data must outlive the reader. */
WV_EXPORT wv_status wv_log_reader_open_memory(const uint8_t *data, size_t len, wv_log_reader **out,
                                              wv_error *err) WV_WARN_UNUSED;
/* *has = 1 and e filled with the next entry, or *has = 0 at the end. A
 * torn tail ends the iteration (*has = 0) and is reported by
 * wv_log_reader_torn_tail; a damaged entry with a valid one after it is
 * WV_ERR_LOG_CORRUPT (index and offset named). */
WV_EXPORT wv_status wv_log_reader_next(wv_log_reader *r, wv_log_entry *e, int *has,
                                       wv_error *err) WV_WARN_UNUSED;
/* After the end: 1 when the file ended in a torn tail, with its offset and
 * length in bytes; 0 when the file ended cleanly. */
WV_EXPORT int wv_log_reader_torn_tail(const wv_log_reader *r, uint64_t *offset, uint64_t *bytes);
/* Why the tail is torn ("incomplete entry ...", "checksum mismatch"); NULL
 * when it is not. */
WV_EXPORT const char *wv_log_reader_torn_reason(const wv_log_reader *r);
/* At the end of the file or after a torn tail: when the file has grown
 * since the reader last looked (a writer appending; a torn tail was then an
 * append in flight), takes the new size, forgets the torn tail and returns
 * 1, so that wv_log_reader_next reads on (from the entry that was torn);
 * otherwise (no growth, a memory reader, not at the end) returns 0 and
 * changes nothing. */
WV_EXPORT int wv_log_reader_resume(wv_log_reader *r);
/* Index the next entry would have: after the end, the number of entries. */
WV_EXPORT uint64_t wv_log_reader_index(const wv_log_reader *r);
WV_EXPORT void wv_log_reader_free(wv_log_reader *r);

/* ------------------------------------------------------ record directory */

/* Files of a record directory. */
#define WV_RECORD_ROSTER "roster.pb"           /* the signed roster envelope */
#define WV_RECORD_LOG "log"                    /* the log file above */
#define WV_RECORD_CHECKPOINT "checkpoint"      /* latest signed checkpoint note */
#define WV_RECORD_SECRETARIAT_PUB "secretariat.pub" /* minisign public key */

typedef struct wv_record wv_record;

/* Creates the directory dir (it must not exist, or be empty) with the
 * roster (signed by sk, the Secretariat key it names), an empty log,
 * secretariat.pub and a signed checkpoint of size 0 whose origin is
 * wv_checkpoint_origin(host, meeting_id) (host NULL: the default). */
WV_EXPORT wv_status wv_record_create(const char *dir, const wv_roster *roster,
                                     const wv_secret_key *sk,
                                     const char *host, const char *meeting_id,
                                     wv_error *err) WV_WARN_UNUSED;

/* Called by wv_record_open / wv_record_load after each entry has been
 * applied (the meeting is in the state after it): index, the entry's exact
 * bytes, its decoded envelope, and the decoded body (act or chair_event,
 * the other NULL). Return non-zero to stop with WV_ERR_ARG. */
typedef int (*wv_record_visit_fn)(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                                  const wv_envelope *env, const wv_act *act,
                                  const wv_chair_event *chair, const wv_meeting *meeting);

/* Opens a record for appending with the Secretariat's secret key (which
 * must be the roster's Secretariat key): takes the log's lock
 * (WV_ERR_LOG_LOCKED), checks the roster signature, replays the log through
 * the meeting state machine (decoding and key checks, not signatures: they
 * were checked before each entry was written and CRC-32C guards the bytes;
 * `wv_record_verify` re-checks everything), refuses a torn tail
 * (WV_ERR_LOG_TORN: wv_record_repair removes it), checks that
 * the checkpoint's tree is a prefix of the log, and re-signs the checkpoint
 * when the log is longer (a crash between the fsync of an entry and the
 * checkpoint write). visit may be NULL. */
WV_EXPORT wv_status wv_record_open(const char *dir, const wv_secret_key *sk,
                                   wv_record_visit_fn visit,
                                   void *ctx, wv_record **out, wv_error *err) WV_WARN_UNUSED;
/* wv_record_open waiting up to wait_ms (0: not at all) for another
 * writer's lock (wv_log_open_wait); wv_record_open waits
 * WV_LOCK_WAIT_DEFAULT_MS. */
WV_EXPORT wv_status wv_record_open_wait(const char *dir, const wv_secret_key *sk,
                                        int64_t wait_ms, wv_record_visit_fn visit, void *ctx,
                                        wv_record **out, wv_error *err) WV_WARN_UNUSED;
/* The same for reading only: no lock, no key, nothing repaired or written;
 * a torn tail is ignored (entries before it are read). Appends refused. */
WV_EXPORT wv_status wv_record_load(const char *dir, wv_record_visit_fn visit, void *ctx,
                                   wv_record **out, wv_error *err) WV_WARN_UNUSED;
/* What the open repaired (the checkpoint re-signed), for the caller to
 * show; NULL when nothing. */
WV_EXPORT const char *wv_record_recovery_message(const wv_record *rec);
WV_EXPORT void wv_record_close(wv_record *rec); /* NULL-safe; releases the lock */

/* What wv_record_repair found and did. */
struct wv_repair_info {
    uint64_t checkpoint_size;  /* entries the signed checkpoint acknowledges */
    uint64_t entries_before;   /* whole valid entries in the log before */
    uint64_t entries_after;    /* ... and after the repair */
    uint64_t damaged_offset;   /* where the removed bytes started */
    uint64_t removed_bytes;    /* bytes cut from the log (0: none) */
    char removed_reason[64];   /* "incomplete entry", "checksum mismatch", ... */
    char saved[600];           /* the file keeping them ("" when none) */
    uint64_t restored;         /* entries copied in from the copy (--from) */
};

/* Repairs the log of the record in dir, holding the writer's lock (waiting
 * up to wait_ms). Reads the roster (its signature checked) and the signed
 * checkpoint, then the log up to the first damage:
 *  - bytes after the last whole entry (a torn tail, or damage with entries
 *    after it) are removed only when every acknowledged entry (the
 *    checkpoint's size) lies before them; they are first written to
 *    "log.torn-YYYYMMDDTHHMMSSZ" beside the log (fsynced, never replaced),
 *    then the log is cut and fsynced;
 *  - with `from` (a copy of the record: a directory holding a log, or a
 *    log file), acknowledged entries missing or damaged are restored: the
 *    copy's first checkpoint-size entries must have the checkpoint's root
 *    (WV_ERR_PROOF otherwise: not a copy of this record) and the log's own
 *    whole entries must be the copy's first ones (WV_ERR_LOG_CORRUPT:
 *    changed, not merely damaged); the damaged bytes are kept as above and
 *    the missing entries appended from the copy and fsynced.
 * Acknowledged entries missing without `from` are WV_ERR_LOG_CORRUPT and
 * nothing is written. A log that needs nothing is left untouched (WV_OK,
 * removed_bytes = restored = 0). Entries past the checkpoint are kept: the
 * next writer signs them. */
WV_EXPORT wv_status wv_record_repair(const char *dir, const char *from, int64_t wait_ms,
                                     wv_repair_info *info, wv_error *err) WV_WARN_UNUSED;

WV_EXPORT const wv_roster *wv_record_roster(const wv_record *rec);
WV_EXPORT const wv_meeting *wv_record_meeting(const wv_record *rec);
/* The record's index (wtovote/index.h): filled by the replay of open /
 * load and kept current by every admitted append (as the meeting is, it is
 * ahead of the disk between an admission and its fsync; after a failed
 * write the record must be reopened). Owned by the record. */
WV_EXPORT const wv_record_index *wv_record_get_index(const wv_record *rec);
WV_EXPORT uint64_t wv_record_size(const wv_record *rec);                    /* entries */
WV_EXPORT void wv_record_root(const wv_record *rec, uint8_t out[WV_HASH_BYTES]); /* of the log */
WV_EXPORT const char *wv_record_origin(const wv_record *rec);
WV_EXPORT const char *wv_record_meeting_id(const wv_record *rec);
WV_EXPORT const char *wv_record_dir(const wv_record *rec);
/* Latest signed checkpoint note text (NUL-terminated). */
WV_EXPORT const char *wv_record_checkpoint(const wv_record *rec, size_t *len);

/* Appends one signed envelope (a chair event signed by the Secretariat or
 * an act signed by a key of its Member): canonical decode, key valid at the
 * body's time and not revoked, signature, then the meeting state machine.
 * If any check refuses, nothing is written: the status is that check's
 * (WV_ERR_INADMISSIBLE / WV_ERR_DECISION_MISMATCH with *why the state
 * machine's reason; key and signature errors from the roster and wire).
 * Otherwise the entry is appended and fsynced, a new checkpoint signed and
 * written atomically, and the receipt (optional, malloc'd Receipt message
 * bytes) returned. index, why, receipt may be NULL. */
WV_EXPORT wv_status wv_record_append(wv_record *rec, const uint8_t *env, size_t len,
                                     uint64_t *index,
                                     wv_refusal *why, uint8_t **receipt, size_t *receipt_len,
                                     wv_error *err) WV_WARN_UNUSED;

typedef struct wv_append_result {
    wv_status status;    /* WV_OK: appended; otherwise refused as above */
    wv_refusal why;
    uint64_t index;      /* when appended */
    uint8_t *receipt;    /* with WV_APPEND_RECEIPTS: malloc'd; free() it */
    size_t receipt_len;
    wv_error error;
} wv_append_result;

enum { WV_APPEND_RECEIPTS = 1 };

/* Group commit: checks the envelopes in order (each against the state the
 * earlier admitted ones left), writes the admitted ones with one fsync, then
 * one checkpoint. results[i] says what happened to envs[i]. A refused
 * envelope does not stop the others. With WV_APPEND_RECEIPTS each admitted
 * entry gets a receipt against the tree that ends with it (a checkpoint
 * signed for that size). Returns WV_OK when the batch was processed (even
 * if some were refused), another status when the write failed (then
 * nothing of the batch is acknowledged and the record must be reopened).
 * *appended (optional) receives the number appended. */
WV_EXPORT wv_status wv_record_append_many(wv_record *rec, const uint8_t *const *envs,
                                          const size_t *lens,
                                          size_t n, unsigned flags, wv_append_result *results,
                                          size_t *appended, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_append_results_clear(wv_append_result *results, size_t n); /* frees receipts */

/* ------------------------------------------------------------- receipts */

typedef struct wv_receipt_info {
    uint64_t leaf_index, tree_size;
    uint8_t leaf_hash[WV_HASH_BYTES];
    char meeting_id[WV_MAX_ID_BYTES + 1];
    char member[WV_MAX_CODE_BYTES + 1]; /* "" for a chair event */
    wv_checkpoint checkpoint;
} wv_receipt_info;

/* Builds a Receipt (malloc'd bytes) for entry `index` of a tree of
 * `tree_size` leaves from its inclusion proof and a signed checkpoint of
 * that size. */
WV_EXPORT wv_status wv_receipt_build(const uint8_t *entry, size_t len, uint64_t index,
                                     uint64_t tree_size,
                                     const uint8_t *proof, size_t proof_len, const char *checkpoint,
                                     size_t checkpoint_len, uint8_t **out, size_t *out_len,
                                     wv_error *err) WV_WARN_UNUSED;
/* Offline check of a receipt against the entry (the act's envelope bytes)
 * and the Secretariat's public key: canonical Receipt; SHA-256(0x00 ||
 * entry) equals leaf_hash; the checkpoint is signed by the Secretariat and
 * its size equals tree_size; the inclusion proof leads from leaf_hash at
 * leaf_index to the checkpoint's root; meeting_id and member agree with the
 * entry. WV_OK, or a refusal (WV_ERR_PROOF, WV_ERR_CHECKPOINT,
 * WV_ERR_BAD_SIGNATURE, WV_ERR_UNSIGNED, wire errors) naming the cause.
 * entry may be NULL to check the receipt alone. info may be NULL. */
WV_EXPORT wv_status wv_receipt_verify(const uint8_t *receipt, size_t receipt_len,
                                      const uint8_t *entry,
                                      size_t entry_len, const wv_public_key *secretariat,
                                      wv_receipt_info *info, wv_error *err) WV_WARN_UNUSED;

/* Writes the receipt of entry `index` by `member` into the record
 * directory: RECORD/receipts/NNNNNN-MEMBER.receipt (index zero-padded to 6
 * digits) and, when entry is given, the entry's bytes beside it as
 * NNNNNN-MEMBER.act, so that `wtovote receipt verify R.receipt --act R.act`
 * checks it offline. Atomic writes (receipts/ created when missing); flags
 * WV_WRITE_DEFER_SYNC leaves the sync to the caller (wv_sync_fs). path
 * (may be NULL) receives the receipt's path. */
WV_EXPORT wv_status wv_record_receipt_write(const char *dir, uint64_t index, const char *member,
                                            const uint8_t *receipt, size_t len,
                                            const uint8_t *entry, size_t entry_len, int flags,
                                            char *path, size_t path_size,
                                            wv_error *err) WV_WARN_UNUSED;

/* Makes the receipt of entry `index` again from the record in dir, read-only
 * and without a key (wv_record_load): against the record's current signed
 * checkpoint, so tree_size is that checkpoint's size (>= index + 1) and the
 * inclusion proof leads into that tree; wv_receipt_verify accepts it like
 * the one made at append time. entry (may be NULL) receives a malloc'd copy
 * of the entry's bytes. Memory: 32 bytes per log entry. WV_ERR_ARG when the
 * log has no such entry or the checkpoint does not cover it yet. */
WV_EXPORT wv_status wv_record_receipt_make(const char *dir, uint64_t index, uint8_t **out,
                                           size_t *out_len,
                                           uint8_t **entry, size_t *entry_len,
                                           wv_error *err) WV_WARN_UNUSED;

/* ------------------------------------------------------------- verifier */

/* The steps, in SPEC.md's numbering. */
typedef enum wv_verify_step_id {
    WV_V1_ROSTER = 1,      /* roster signed by the Secretariat key it names */
    WV_V2_LOG_FORMAT,      /* header, framing, CRC-32C, no torn tail */
    WV_V3_CANONICAL,       /* every entry a canonical act / chair event envelope */
    WV_V4_KEYS,            /* signer's key valid at the time of use, not revoked */
    WV_V5_SIGNATURES,      /* every envelope signature */
    WV_V6_ADMISSIBLE,      /* every entry admissible when replayed */
    WV_V7_DECISIONS,       /* every published decision equals the re-derived one */
    WV_V8_CHECKPOINT_SIG,  /* checkpoint signed by the Secretariat, origin */
    WV_V9_MERKLE_ROOT,     /* tree size and root equal the checkpoint's */
    WV_V10_CONSISTENCY,    /* --since: earlier checkpoint consistent */
    WV_VERIFY_STEP_COUNT = WV_V10_CONSISTENCY
} wv_verify_step_id;

typedef struct wv_verify_step {
    wv_verify_step_id id;
    const char *name;      /* "roster signature", ... */
    int run;               /* 0: not run (V10 without --since; steps that
                              need an unreadable file) */
    int passed;            /* meaningful when run */
    int64_t first_index;   /* first offending entry, -1 when none or n/a */
    uint64_t checked;      /* entries this step checked */
    char reason[400];      /* why it failed; "" when passed */
} wv_verify_step;

typedef struct wv_verify_options {
    unsigned jobs;                 /* signature threads; 0 or 1: the caller's */
    const char *since;             /* earlier signed checkpoint text, or NULL */
    size_t since_len;
    const wv_public_key *pinned;   /* expected Secretariat key, or NULL */
} wv_verify_options;

typedef struct wv_verify_report {
    wv_verify_step steps[WV_VERIFY_STEP_COUNT]; /* steps[i].id == i + 1 */
    uint64_t entries;              /* entries read from the log */
    uint64_t signatures_checked;
    char origin[WV_NOTE_MAX_NAME + 1];
    uint64_t checkpoint_size;
    uint8_t root[WV_HASH_BYTES];   /* computed over the log */
    int ok;                        /* every step run passed */
    /* Whom the verdict trusts: the Secretariat key the roster names (read
     * from the record itself); pinned when it equals opt->pinned, i.e. it
     * was checked against a key the caller holds. Without pinning a forged
     * record carrying its own key passes, so callers must say so. */
    int has_secretariat;
    wv_public_key secretariat;
    int pinned;
    /* Whole entries past the checkpoint (a writer stopped between an
     * entry's fsync and the checkpoint's write): never acknowledged, so V9
     * checks the checkpoint's root over the first checkpoint_size entries
     * only and this counts the rest; they were checked by V2..V7 like any
     * other. 0 when the log ends with the checkpoint. */
    uint64_t unacknowledged;
} wv_verify_report;

WV_EXPORT const char *wv_verify_step_name(wv_verify_step_id id);

/* Verifies a record directory in one streaming pass (memory independent of
 * the number of entries). WV_OK when every step passed; WV_ERR_VERIFY when
 * one failed (report says which, with the first offending entry);
 * WV_ERR_IO / WV_ERR_NOMEM / WV_ERR_ARG when the input could not be read
 * at all (report partly filled). opt may be NULL. */
WV_EXPORT wv_status wv_record_verify(const char *dir, const wv_verify_options *opt,
                                     wv_verify_report *report, wv_error *err) WV_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
