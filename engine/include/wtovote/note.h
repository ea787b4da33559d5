/* engine/record notes: C2SP signed notes (c2sp.org/signed-note) with
 * Ed25519 keys, and C2SP checkpoints (c2sp.org/tlog-checkpoint) signed by
 * the Secretariat and optionally co-signed by observers.
 *
 *   note      = text "\n" signature-line+
 *   text      = one or more lines, each ending in "\n" (the signed bytes)
 *   signature = "\u2014 " NAME " " BASE64(key hash (4) || signature) "\n"
 *   key hash  = SHA-256(NAME || "\n" || 0x01 || public key (32))[0:4]
 *   vkey      = NAME "+" HEX(key hash) "+" BASE64(0x01 || public key)
 *
 * Malformed notes and checkpoints: WV_ERR_CHECKPOINT. A signature by a
 * known key that does not verify: WV_ERR_BAD_SIGNATURE. The required key
 * has not signed: WV_ERR_UNSIGNED. Messages name the line and cause. */
#ifndef WTOVOTE_NOTE_H
#define WTOVOTE_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/keys.h"
#include "wtovote/merkle.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WV_NOTE_MAX_BYTES 8192      /* whole note, text and signatures */
#define WV_NOTE_MAX_SIGNATURES 16
#define WV_NOTE_MAX_NAME 255        /* bytes of a key name or origin */
#define WV_NOTE_KEY_HASH_BYTES 4
#define WV_NOTE_ALG_ED25519 0x01    /* signature type byte of Ed25519 keys */
/* NAME + "+" + 8 hex + "+" + 44 base64 + NUL */
#define WV_NOTE_VKEY_MAX (WV_NOTE_MAX_NAME + 1 + 8 + 1 + 44 + 1)

/* A key that may have signed a note. */
typedef struct wv_note_verifier {
    char name[WV_NOTE_MAX_NAME + 1];
    uint8_t key_hash[WV_NOTE_KEY_HASH_BYTES];
    uint8_t pk[WV_PUBLIC_KEY_BYTES];
} wv_note_verifier;

/* One signature line. sig holds the bytes after the key hash when they are
 * 64 (an Ed25519 signature); sig_len is their number in any case (other
 * algorithms and other signers' formats are carried, never checked). */
typedef struct wv_note_signature {
    char name[WV_NOTE_MAX_NAME + 1];
    uint8_t key_hash[WV_NOTE_KEY_HASH_BYTES];
    uint8_t sig[WV_SIGNATURE_BYTES];
    size_t sig_len;
} wv_note_signature;

typedef struct wv_note {
    char *text;      /* signed text, malloc'd, NUL-terminated; ends in "\n" */
    size_t text_len; /* bytes covered by the signatures (without the NUL) */
    size_t n_sigs;
    wv_note_signature sigs[WV_NOTE_MAX_SIGNATURES];
} wv_note;

/* Key names: 1..WV_NOTE_MAX_NAME bytes of UTF-8 without control
 * characters, Unicode spaces or '+'. WV_ERR_BAD_VALUE when not one. */
WV_EXPORT wv_status wv_note_name_check(const char *name, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_note_key_hash(const char *name, const uint8_t pk[WV_PUBLIC_KEY_BYTES],
                                uint8_t out[WV_NOTE_KEY_HASH_BYTES]);

WV_EXPORT wv_status wv_note_verifier_from_key(const char *name,
                                              const uint8_t pk[WV_PUBLIC_KEY_BYTES],
                                              wv_note_verifier *out, wv_error *err) WV_WARN_UNUSED;
/* vkey text into out (WV_NOTE_VKEY_MAX bytes). */
WV_EXPORT void wv_note_verifier_format(const wv_note_verifier *v, char out[WV_NOTE_VKEY_MAX]);
/* Parses a vkey; the key hash in it must match name and key.
 * WV_ERR_KEY_FORMAT otherwise, WV_ERR_KEY_ALGORITHM for a type byte other
 * than 0x01. */
WV_EXPORT wv_status wv_note_verifier_parse(const char *vkey, wv_note_verifier *out,
                                           wv_error *err) WV_WARN_UNUSED;

/* Signs text (UTF-8 ending in "\n", no control characters but "\n"):
 * malloc'd note = text "\n" signature-line. */
WV_EXPORT wv_status wv_note_sign(const char *text, size_t len, const char *name,
                                 const wv_secret_key *sk,
                                 char **out, size_t *out_len, wv_error *err) WV_WARN_UNUSED;
/* Adds a signature to a signed note (a co-signature): the note must parse
 * and must not already hold a signature by the same name and key hash. */
WV_EXPORT wv_status wv_note_cosign(const char *note, size_t len, const char *name,
                                   const wv_secret_key *sk,
                                   char **out, size_t *out_len, wv_error *err) WV_WARN_UNUSED;

/* Parses the syntax only: limits, UTF-8, the last blank line separates the
 * text from 1..WV_NOTE_MAX_SIGNATURES signature lines. Free with
 * wv_note_free. */
WV_EXPORT wv_status wv_note_parse(const char *note, size_t len, wv_note *out,
                                  wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_note_free(wv_note *note);

/* Checks the signatures by required and the optional others: a signature
 * whose name and key hash match none of them is ignored; one that matches
 * must verify; two by the same key are refused; required must have
 * signed. *signed_mask (optional) gets bit i set when others[i] signed
 * (n_others <= 32). */
WV_EXPORT wv_status wv_note_verify(const wv_note *note, const wv_note_verifier *required,
                                   const wv_note_verifier *others, size_t n_others,
                                   uint32_t *signed_mask,
                                   wv_error *err) WV_WARN_UNUSED;

/* ---- checkpoints (c2sp.org/tlog-checkpoint) ---------------------------- */

/* Origins name one meeting's record: HOST "/meeting/" MEETING_ID, HOST by
 * default "wtovote.example"; the Secretariat's note key name is the origin. */
#define WV_CHECKPOINT_DEFAULT_HOST "wtovote.example"
#define WV_CHECKPOINT_MAX_EXTENSIONS 1024 /* bytes of extension lines */

typedef struct wv_checkpoint {
    char origin[WV_NOTE_MAX_NAME + 1];
    uint64_t size;
    uint8_t root[WV_HASH_BYTES];
    /* Zero or more non-empty lines, each ending in "\n"; "" when none. */
    char extensions[WV_CHECKPOINT_MAX_EXTENSIONS + 1];
} wv_checkpoint;

/* host NULL: the default. meeting_id: 1..64 of [A-Za-z0-9._-]. */
WV_EXPORT wv_status wv_checkpoint_origin(const char *host, const char *meeting_id,
                                         char out[WV_NOTE_MAX_NAME + 1],
                                         wv_error *err) WV_WARN_UNUSED;
/* The Secretariat's note verifier for an origin: name = origin. */
WV_EXPORT wv_status wv_checkpoint_secretariat_verifier(const char *origin, const wv_public_key *pub,
                                                       wv_note_verifier *out,
                                                       wv_error *err) WV_WARN_UNUSED;

/* Body text: origin, decimal size, base64 root, extension lines. */
WV_EXPORT wv_status wv_checkpoint_format(const wv_checkpoint *cp, char **out, size_t *out_len,
                                         wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_checkpoint_parse(const char *text, size_t len, wv_checkpoint *out,
                                        wv_error *err) WV_WARN_UNUSED;
/* Formats and signs with the Secretariat's key under the origin's name. */
WV_EXPORT wv_status wv_checkpoint_sign(const wv_checkpoint *cp, const wv_secret_key *sk, char **out,
                                       size_t *out_len, wv_error *err) WV_WARN_UNUSED;
/* Parses a signed checkpoint note and verifies it: the Secretariat (key
 * name = the checkpoint's origin) must have signed; co-signatures by
 * observers are checked when known, ignored otherwise. expected_origin
 * (optional) must equal the origin. */
WV_EXPORT wv_status wv_checkpoint_open(const char *note, size_t len,
                                       const wv_public_key *secretariat,
                                       const char *expected_origin,
                                       const wv_note_verifier *observers,
                                       size_t n_observers, wv_checkpoint *out,
                                       wv_error *err) WV_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
