/* engine/wire keys: Ed25519 keys and detached signatures in minisign's
 * formats, so that stock `minisign` reads our keys and signatures and we
 * read its. Secret keys live in sodium_malloc'd memory, wiped on free. */
#ifndef WTOVOTE_KEYS_H
#define WTOVOTE_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WV_KEY_ID_BYTES 8
#define WV_PUBLIC_KEY_BYTES 32
#define WV_SIGNATURE_BYTES 64

typedef struct wv_public_key {
    uint8_t key_id[WV_KEY_ID_BYTES]; /* as stored in the minisign file */
    uint8_t pk[WV_PUBLIC_KEY_BYTES];
} wv_public_key;

typedef struct wv_secret_key wv_secret_key; /* opaque, guarded memory */

/* Longest one-line comments minisign reads back: untrusted comments (after
 * "untrusted comment: ") and trusted comments (after "trusted comment: "). */
#define WV_UNTRUSTED_COMMENT_MAX 1000
#define WV_TRUSTED_COMMENT_MAX 8173

/* scrypt work factors written into an encrypted .key file (the file stores
 * them, so any level reads back anywhere). WV_KDF_DEFAULT follows the
 * environment variable WTOVOTE_KDF: "interactive" (fast; tests and demos),
 * "sensitive" or unset (minisign's own choice). */
typedef enum wv_kdf_level {
    WV_KDF_DEFAULT = 0,
    WV_KDF_SENSITIVE = 1,
    WV_KDF_INTERACTIVE = 2
} wv_kdf_level;

/* Key id as minisign prints it: 16 upper-case hex digits of the
 * little-endian 64-bit number (out: 17 bytes). */
WV_EXPORT void wv_key_id_format(const uint8_t key_id[WV_KEY_ID_BYTES], char *out);

/* Public keys: a .pub file's text (untrusted comment + base64 line). */
WV_EXPORT wv_status wv_public_key_parse(const char *text, size_t len, wv_public_key *out,
                                        wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_public_key_load(const char *path, wv_public_key *out,
                                       wv_error *err) WV_WARN_UNUSED;
/* malloc'd .pub text. */
WV_EXPORT wv_status wv_public_key_format(const wv_public_key *pub, char **out,
                                         wv_error *err) WV_WARN_UNUSED;
/* Same with an untrusted comment (NULL: "minisign public key KEYID"). */
WV_EXPORT wv_status wv_public_key_format_ex(const wv_public_key *pub, const char *comment,
                                            char **out,
                                            wv_error *err) WV_WARN_UNUSED;

/* Secret keys. */
WV_EXPORT wv_status wv_secret_key_generate(wv_secret_key **out, wv_error *err) WV_WARN_UNUSED;
/* Deterministic key for vectors and the demo: Ed25519 from a 32-byte seed,
 * key id = first 8 bytes of BLAKE2b-256("wtovote key id" || seed). */
WV_EXPORT wv_status wv_secret_key_from_seed(const uint8_t seed[32], wv_secret_key **out,
                                            wv_error *err) WV_WARN_UNUSED;
/* Parses a .key file; passphrase may be NULL for an unencrypted key.
 * WV_ERR_PASSPHRASE when the checksum does not match (wrong passphrase). */
WV_EXPORT wv_status wv_secret_key_parse(const char *text, size_t len, const char *passphrase,
                                        wv_secret_key **out, wv_error *err) WV_WARN_UNUSED;
/* 1 when the .key text is passphrase-protected, 0 when not, -1 when unreadable. */
WV_EXPORT int wv_secret_key_is_encrypted(const char *text, size_t len);
WV_EXPORT wv_status wv_secret_key_load(const char *path, const char *passphrase,
                                       wv_secret_key **out, wv_error *err) WV_WARN_UNUSED;
/* .key text (malloc'd; caller wipes and frees with wv_secure_free_string);
 * passphrase NULL writes an unencrypted key. */
WV_EXPORT wv_status wv_secret_key_format(const wv_secret_key *sk, const char *passphrase,
                                         char **out, wv_error *err) WV_WARN_UNUSED;
/* Same with explicit KDF work factors and untrusted comment (NULL: a default). */
WV_EXPORT wv_status wv_secret_key_format_ex(const wv_secret_key *sk, const char *passphrase,
                                            wv_kdf_level level, const char *comment, char **out,
                                            wv_error *err) WV_WARN_UNUSED;
/* The key id of a secret key. */
WV_EXPORT void wv_secret_key_id(const wv_secret_key *sk, uint8_t key_id[WV_KEY_ID_BYTES]);
WV_EXPORT void wv_secret_key_public(const wv_secret_key *sk, wv_public_key *out);
/* Raw Ed25519 signature of msg. */
WV_EXPORT void wv_secret_key_sign(const wv_secret_key *sk, const uint8_t *msg, size_t len,
                                  uint8_t sig[WV_SIGNATURE_BYTES]);
WV_EXPORT void wv_secret_key_free(wv_secret_key *sk);
WV_EXPORT void wv_secure_free_string(char *s);

/* Raw Ed25519 verification: WV_OK or WV_ERR_BAD_SIGNATURE. */
WV_EXPORT wv_status wv_signature_verify(const uint8_t pk[WV_PUBLIC_KEY_BYTES], const uint8_t *msg,
                                        size_t len, const uint8_t sig[WV_SIGNATURE_BYTES],
                                        wv_error *err) WV_WARN_UNUSED;

/* minisign detached signatures (.minisig text). Creation uses the pre-hashed
 * "ED" algorithm like current minisign; verification accepts "ED" and legacy
 * "Ed" and checks the global signature over the trusted comment. */
#define WV_MINISIG_HASH_BYTES 64 /* BLAKE2b-512, what an "ED" signature covers */
/* A legacy "Ed" signature covers the file itself, so checking one needs the
 * whole file in memory: at most this many bytes (minisign's own limit for
 * legacy signing). Pre-hashed "ED" files have no limit. */
#define WV_MINISIG_LEGACY_MAX ((size_t)1 << 30)
/* BLAKE2b-512 of the file at path, read in 64 KiB chunks (constant memory). */
WV_EXPORT wv_status wv_minisig_hash_file(const char *path, uint8_t out[WV_MINISIG_HASH_BYTES],
                                         wv_error *err) WV_WARN_UNUSED;
/* The signature of a file given its BLAKE2b-512 (wv_minisig_hash_file). */
WV_EXPORT wv_status wv_minisig_create_hashed(const wv_secret_key *sk,
                                             const uint8_t hash[WV_MINISIG_HASH_BYTES],
                                             const char *trusted_comment, char **out,
                                             wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_minisig_create(const wv_secret_key *sk, const uint8_t *msg, size_t len,
                                      const char *trusted_comment, char **out,
                                      wv_error *err) WV_WARN_UNUSED;
/* trusted_comment_out (optional) receives a malloc'd copy. */
WV_EXPORT wv_status wv_minisig_verify(const wv_public_key *pub, const uint8_t *msg, size_t len,
                                      const char *sig_text, size_t sig_len,
                                      char **trusted_comment_out, wv_error *err) WV_WARN_UNUSED;
/* The same for the file at path: streamed for "ED"; read whole for legacy
 * "Ed", refused over WV_MINISIG_LEGACY_MAX (WV_ERR_TOO_LARGE). Read errors
 * are WV_ERR_IO naming path. The signature is parsed, and its algorithm and
 * key id checked, before the file is read. */
WV_EXPORT wv_status wv_minisig_verify_file(const wv_public_key *pub, const char *path,
                                           const char *sig_text, size_t sig_len,
                                           char **trusted_comment_out,
                                           wv_error *err) WV_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
