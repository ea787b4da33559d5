/* engine/wire keys: private layout of a secret key, shared by keys_raw.c
 * (generation, signing), keys_file.c (minisign .key files) and minisig.c. */
#ifndef WV_KEYS_INTERNAL_H
#define WV_KEYS_INTERNAL_H

#include <stdint.h>

#include "wtovote/pb.h"
#include "wtovote/keys.h"

#define WV_SECRET_KEY_BYTES 64 /* Ed25519 seed || public key, libsodium layout */

/* Lives in sodium_malloc'd memory, read-only between operations. */
struct wv_secret_key {
    uint8_t key_id[WV_KEY_ID_BYTES];
    uint8_t sk[WV_SECRET_KEY_BYTES];
    uint8_t pk[WV_PUBLIC_KEY_BYTES];
};

/* Guarded allocation of a key that the caller fills, then seals with
 * wv_secret_key_seal (read-only). NULL when out of memory. */
wv_secret_key *wv_secret_key_alloc(void);
void wv_secret_key_seal(wv_secret_key *sk);

/* Text helpers shared by the key and signature file parsers. */
#define WV_UNTRUSTED_PREFIX "untrusted comment: "
#define WV_TRUSTED_PREFIX "trusted comment: "

/* Next line of text[0..len) from *pos, without its "\n" and one trailing
 * "\r". 0 when no line is left, 1 otherwise. */
int wv_keys_next_line(const char *text, size_t len, size_t *pos, const char **line,
                      size_t *line_len);
/* 1 when the line starts with prefix. */
int wv_keys_has_prefix(const char *line, size_t line_len, const char *prefix);
/* Strict standard base64 (with padding) of exactly want bytes: 0, or -1 when
 * the line is not base64 or decodes to another length (*got tells which). */
int wv_keys_b64_decode(const char *line, size_t line_len, uint8_t *out, size_t want,
                       size_t *got);
/* Appends base64(in) and "\n" at out (room: wv_keys_b64_room(len)); returns
 * the number of characters written. */
size_t wv_keys_b64_append(char *out, const uint8_t *in, size_t len);
size_t wv_keys_b64_room(size_t len);
/* 1 when a one-line comment is acceptable (no CR, LF or NUL, at most max bytes). */
int wv_keys_comment_ok(const char *comment, size_t max);

#endif
