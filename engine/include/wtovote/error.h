/* Error codes and messages. The library never prints and never exits: every
 * fallible function returns a wv_status and, when given a wv_error, fills it
 * with the code and a message naming the item and the cause. */
#ifndef WTOVOTE_ERROR_H
#define WTOVOTE_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WV_WARN_UNUSED __attribute__((warn_unused_result))
/* Marks the library's public functions. The library is compiled with
 * -fvisibility=hidden, so only what a public header declares with WV_EXPORT
 * is exported from libwtovote.so; helpers shared between the engine's own
 * files stay inside it. */
#define WV_EXPORT __attribute__((visibility("default")))

/* Stable numbers: scripts and vectors/invalid/ refer to them by name. */
typedef enum wv_status {
    WV_OK = 0,
    /* general */
    WV_ERR_ARG = 1,            /* invalid argument or usage */
    WV_ERR_IO = 2,             /* file could not be read or written */
    WV_ERR_NOMEM = 3,
    WV_ERR_INTERNAL = 4,
    /* wire: decoding and canonical form */
    WV_ERR_DECODE = 10,        /* not a valid protobuf message */
    WV_ERR_UNKNOWN_FIELD = 11, /* unknown field at some depth */
    WV_ERR_NONCANONICAL = 12,  /* bytes do not re-encode to themselves */
    WV_ERR_TOO_LARGE = 13,     /* a field or message over its size limit */
    WV_ERR_DUPLICATE_MEMBER = 14,
    WV_ERR_DUPLICATE_KEY = 15,
    WV_ERR_VERSION = 16,       /* unsupported version */
    WV_ERR_BODY_TYPE = 17,     /* envelope holds another type of body */
    WV_ERR_MISSING_FIELD = 18, /* a required field is empty */
    WV_ERR_BAD_VALUE = 19,     /* a field holds a value outside its domain */
    WV_ERR_CSV = 20,           /* members CSV malformed */
    /* keys and signatures */
    WV_ERR_KEY_FORMAT = 30,    /* not a minisign key file, truncated, foreign */
    WV_ERR_KEY_ALGORITHM = 31, /* unsupported algorithm tag */
    WV_ERR_PASSPHRASE = 32,    /* wrong passphrase (key checksum mismatch) */
    WV_ERR_SIG_FORMAT = 33,    /* malformed signature file */
    WV_ERR_BAD_SIGNATURE = 34, /* signature does not verify */
    WV_ERR_KEY_MISMATCH = 35,  /* signature made by another key id */
    WV_ERR_KEY_UNKNOWN = 36,   /* key id not in the roster */
    WV_ERR_KEY_REVOKED = 37,
    WV_ERR_KEY_NOT_YET_VALID = 38,
    WV_ERR_KEY_EXPIRED = 39,
    WV_ERR_KEY_WRONG_MEMBER = 40, /* key belongs to another Member */
    WV_ERR_UNSIGNED = 41,      /* signature required but absent */
    WV_ERR_MEMBER_UNKNOWN = 42,
    /* rules and meeting */
    WV_ERR_UNKNOWN_PROCEDURE = 50,
    WV_ERR_IMPOSSIBLE = 51,    /* counts that cannot occur */
    WV_ERR_INADMISSIBLE = 52,  /* act refused by the meeting state machine */
    WV_ERR_DECISION_MISMATCH = 53, /* published decision != re-derived */
    /* record */
    WV_ERR_LOG_CORRUPT = 60,
    WV_ERR_LOG_LOCKED = 61,
    WV_ERR_PROOF = 62,         /* Merkle proof does not verify */
    WV_ERR_CHECKPOINT = 63,    /* malformed checkpoint or note */
    WV_ERR_VERIFY = 64,        /* a verification step failed */
    /* simulation */
    WV_ERR_SCENARIO = 70,
    /* branch once: a record that can be repaired */
    WV_ERR_LOG_TORN = 65       /* a torn tail: removed only by an explicit repair */
} wv_status;

typedef struct wv_error {
    wv_status code;
    char message[512];
} wv_error;

/* Sets err (if not NULL) and returns code. printf-style message. */
WV_EXPORT wv_status wv_error_setf(wv_error *err, wv_status code, const char *fmt, ...)
              __attribute__((format(printf, 3, 4)));
/* The same, written so that the compiler sees the returned code at the call
 * site: `return wv_error_set(err, WV_ERR_IO, ...)` is then known to fail, and
 * gcc -O2 does not warn about outputs left unset on that path. (A GNU
 * statement expression, supported by gcc and clang.) */
#define wv_error_set(err, code, ...)                                           \
    __extension__({                                                            \
        wv_status wv_code_ = (code);                                           \
        wv_error_setf((err), wv_code_, __VA_ARGS__);                           \
        wv_code_;                                                              \
    })
/* Prepends "context: " to an existing message (e.g. a file name). */
WV_EXPORT void wv_error_prefix(wv_error *err, const char *fmt, ...)
              __attribute__((format(printf, 2, 3)));
WV_EXPORT void wv_error_clear(wv_error *err);
/* Short stable name, e.g. "WV_ERR_NONCANONICAL". */
WV_EXPORT const char *wv_status_name(wv_status code);
/* WV_OK for unknown names. */
WV_EXPORT wv_status wv_status_from_name(const char *name);
/* 1 when the status means "refused / failed verification" (exit code 1),
 * 0 when it means usage or I/O (exit code 2). */
WV_EXPORT int wv_status_is_refusal(wv_status code);

#ifdef __cplusplus
}
#endif
#endif
