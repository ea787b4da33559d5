/* minisign detached signatures (.minisig): four lines, an untrusted comment,
 * base64(alg || key id || signature), "trusted comment: TEXT", and
 * base64(global signature over signature || TEXT). Normative layout in
 * SPEC.md, "Keys and signature files". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "wire/keys_internal.h"
#include "wtovote/util.h"

#define SIG_STRUCT_BYTES (2 + WV_KEY_ID_BYTES + WV_SIGNATURE_BYTES)

static const uint8_t ALG_HASHED[2] = {'E', 'D'}; /* BLAKE2b-512 of the file is signed */
static const uint8_t ALG_LEGACY[2] = {'E', 'd'}; /* the file itself is signed */

#define HASH_CHUNK ((size_t)64 * 1024)

/* What the first signature covers: the file, or its BLAKE2b-512 for "ED". */
static void prehash(const uint8_t *msg, size_t len, uint8_t out[WV_MINISIG_HASH_BYTES])
{
    static const uint8_t empty[1] = {0};
    crypto_generichash(out, WV_MINISIG_HASH_BYTES, msg ? msg : empty, len, NULL, 0);
}

/* Feeds the file behind fd to h chunk by chunk; -1 with errno on failure. */
static int hash_fd(int fd, crypto_generichash_state *h, uint8_t *buf)
{
    for (;;) {
        ssize_t got = read(fd, buf, HASH_CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return (int)got;
        crypto_generichash_update(h, buf, (unsigned long long)got);
    }
}

wv_status wv_minisig_hash_file(const char *path, uint8_t out[WV_MINISIG_HASH_BYTES],
                               wv_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
    uint8_t *buf = malloc(HASH_CHUNK);
    if (buf == NULL) {
        close(fd);
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    }
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, WV_MINISIG_HASH_BYTES);
    int rc = hash_fd(fd, &h, buf);
    int saved = errno;
    free(buf);
    close(fd);
    if (rc != 0)
        return wv_error_set(err, WV_ERR_IO, "%s: read error: %s", path, strerror(saved));
    crypto_generichash_final(&h, out, WV_MINISIG_HASH_BYTES);
    return WV_OK;
}

/* signature(64) || trusted comment, the message of the global signature. */
static uint8_t *global_message(const uint8_t sig[WV_SIGNATURE_BYTES], const char *tc, size_t tc_len)
{
    uint8_t *m = malloc(WV_SIGNATURE_BYTES + tc_len + 1);
    if (m != NULL) {
        memcpy(m, sig, WV_SIGNATURE_BYTES);
        memcpy(m + WV_SIGNATURE_BYTES, tc, tc_len);
    }
    return m;
}

wv_status wv_minisig_create_hashed(const wv_secret_key *sk,
                                   const uint8_t hash[WV_MINISIG_HASH_BYTES],
                                   const char *trusted_comment, char **out, wv_error *err)
{
    *out = NULL;
    if (trusted_comment == NULL || !wv_keys_comment_ok(trusted_comment, WV_TRUSTED_COMMENT_MAX))
        return wv_error_set(err, WV_ERR_ARG,
                            "trusted comment: one line (no CR or LF) of at most %d bytes is required",
                            WV_TRUSTED_COMMENT_MAX);
    uint8_t st[SIG_STRUCT_BYTES], global[WV_SIGNATURE_BYTES];
    memcpy(st, ALG_HASHED, 2);
    memcpy(st + 2, sk->key_id, WV_KEY_ID_BYTES);
    wv_secret_key_sign(sk, hash, WV_MINISIG_HASH_BYTES, st + 2 + WV_KEY_ID_BYTES);
    size_t tc_len = strlen(trusted_comment);
    uint8_t *gm = global_message(st + 2 + WV_KEY_ID_BYTES, trusted_comment, tc_len);
    if (gm == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "signature: out of memory");
    wv_secret_key_sign(sk, gm, WV_SIGNATURE_BYTES + tc_len, global);
    free(gm);

    char id[2 * WV_KEY_ID_BYTES + 1];
    wv_key_id_format(sk->key_id, id);
    size_t n = 128 + wv_keys_b64_room(sizeof st) + strlen(WV_TRUSTED_PREFIX) + tc_len + 1 +
               wv_keys_b64_room(sizeof global);
    char *s = malloc(n);
    if (s == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "signature: out of memory");
    size_t pos = (size_t)snprintf(s, n, WV_UNTRUSTED_PREFIX "signature from wtovote secret key %s\n", id);
    pos += wv_keys_b64_append(s + pos, st, sizeof st);
    pos += (size_t)snprintf(s + pos, n - pos, WV_TRUSTED_PREFIX "%s\n", trusted_comment);
    wv_keys_b64_append(s + pos, global, sizeof global);
    *out = s;
    return WV_OK;
}

wv_status wv_minisig_create(const wv_secret_key *sk, const uint8_t *msg, size_t len,
                            const char *trusted_comment, char **out, wv_error *err)
{
    uint8_t hash[WV_MINISIG_HASH_BYTES];
    prehash(msg, len, hash);
    return wv_minisig_create_hashed(sk, hash, trusted_comment, out, err);
}

typedef struct parsed_sig {
    uint8_t st[SIG_STRUCT_BYTES]; /* alg || key id || signature */
    uint8_t global[WV_SIGNATURE_BYTES];
    const char *tc; /* points into the input */
    size_t tc_len;
} parsed_sig;

static wv_status sig_line(const char *text, size_t len, size_t *pos, const char *what,
                          uint8_t *out, size_t want, wv_error *err)
{
    const char *line;
    size_t line_len, got;
    if (!wv_keys_next_line(text, len, pos, &line, &line_len) || line_len == 0)
        return wv_error_set(err, WV_ERR_SIG_FORMAT, "signature file truncated: no %s line", what);
    if (wv_keys_b64_decode(line, line_len, out, want, &got) != 0)
        return wv_error_set(err, WV_ERR_SIG_FORMAT,
                            "malformed signature file: %s line is not base64 of %zu bytes", what,
                            want);
    return WV_OK;
}

static wv_status trusted_line(const char *text, size_t len, size_t *pos, parsed_sig *p,
                              wv_error *err)
{
    const char *line;
    size_t line_len, pre = strlen(WV_TRUSTED_PREFIX);
    if (!wv_keys_next_line(text, len, pos, &line, &line_len))
        return wv_error_set(err, WV_ERR_SIG_FORMAT, "signature file truncated: no trusted comment");
    if (!wv_keys_has_prefix(line, line_len, WV_TRUSTED_PREFIX))
        return wv_error_set(err, WV_ERR_SIG_FORMAT,
                            "malformed signature file: third line is not \"" WV_TRUSTED_PREFIX "...\"");
    p->tc = line + pre;
    p->tc_len = line_len - pre;
    if (p->tc_len > WV_TRUSTED_COMMENT_MAX || memchr(p->tc, '\r', p->tc_len) != NULL ||
        memchr(p->tc, '\0', p->tc_len) != NULL)
        return wv_error_set(err, WV_ERR_SIG_FORMAT,
                            "malformed signature file: trusted comment too long or holds CR/NUL");
    return WV_OK;
}

static wv_status parse_sig(const char *text, size_t len, parsed_sig *p, wv_error *err)
{
    const char *line;
    size_t line_len, pos = 0;
    if (text == NULL || !wv_keys_next_line(text, len, &pos, &line, &line_len) ||
        !wv_keys_has_prefix(line, line_len, WV_UNTRUSTED_PREFIX))
        return wv_error_set(err, WV_ERR_SIG_FORMAT,
                            "not a minisign signature: first line is not \"" WV_UNTRUSTED_PREFIX "...\"");
    wv_status st = sig_line(text, len, &pos, "signature", p->st, sizeof p->st, err);
    if (st == WV_OK)
        st = trusted_line(text, len, &pos, p, err);
    if (st == WV_OK)
        st = sig_line(text, len, &pos, "global signature", p->global, sizeof p->global, err);
    while (st == WV_OK && wv_keys_next_line(text, len, &pos, &line, &line_len))
        if (line_len != 0)
            st = wv_error_set(err, WV_ERR_SIG_FORMAT,
                              "malformed signature file: text after the global signature");
    return st;
}

/* The algorithm tag and the key id: *hashed tells "ED" from legacy "Ed". */
static wv_status check_header(const wv_public_key *pub, const parsed_sig *p, int *hashed,
                              wv_error *err)
{
    *hashed = memcmp(p->st, ALG_HASHED, 2) == 0;
    if (!*hashed && memcmp(p->st, ALG_LEGACY, 2) != 0)
        return wv_error_set(err, WV_ERR_KEY_ALGORITHM,
                            "signature: unsupported algorithm 0x%02x%02x (expected \"ED\" or \"Ed\")",
                            p->st[0], p->st[1]);
    if (memcmp(p->st + 2, pub->key_id, WV_KEY_ID_BYTES) != 0) {
        char a[2 * WV_KEY_ID_BYTES + 1], b[2 * WV_KEY_ID_BYTES + 1];
        wv_key_id_format(p->st + 2, a);
        wv_key_id_format(pub->key_id, b);
        return wv_error_set(err, WV_ERR_KEY_MISMATCH,
                            "signature was made by key %s, but the public key is %s", a, b);
    }
    return WV_OK;
}

/* Where the signed file is: in memory, or at path, read only once the
 * algorithm is known (streamed for "ED", whole and bounded for "Ed"). */
typedef struct msg_source {
    const uint8_t *msg;
    size_t len;
    const char *path;
} msg_source;

static wv_status legacy_too_large(const char *path, wv_error *err)
{
    return wv_error_set(err, WV_ERR_TOO_LARGE,
                        "%s: larger than %zu bytes (1 GiB), the limit for a legacy \"Ed\" "
                        "signature, which covers the whole file and so is checked in memory; "
                        "sign it again pre-hashed (\"ED\": wtovote sign, or minisign -S "
                        "without -l)",
                        path, WV_MINISIG_LEGACY_MAX);
}

/* A legacy signature covers the file itself. The size is checked first so
 * that a huge file is refused without being read. */
static wv_status read_legacy(const char *path, uint8_t **out, size_t *len, wv_error *err)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
        (unsigned long long)sb.st_size > WV_MINISIG_LEGACY_MAX)
        return legacy_too_large(path, err);
    wv_status st = wv_file_read(path, WV_MINISIG_LEGACY_MAX, out, len, err);
    return st == WV_ERR_TOO_LARGE ? legacy_too_large(path, err) : st;
}

/* The bytes the first signature covers: the 64-byte BLAKE2b-512 (in hash)
 * for "ED", the file for "Ed" (*owned: a copy read from src->path). */
static wv_status signed_bytes(const msg_source *src, int hashed,
                              uint8_t hash[WV_MINISIG_HASH_BYTES], const uint8_t **m, size_t *n,
                              uint8_t **owned, wv_error *err)
{
    *owned = NULL;
    *m = hashed ? hash : src->msg;
    *n = hashed ? WV_MINISIG_HASH_BYTES : src->len;
    if (hashed && src->path != NULL)
        return wv_minisig_hash_file(src->path, hash, err);
    if (hashed)
        prehash(src->msg, src->len, hash);
    if (hashed || src->path == NULL)
        return WV_OK;
    wv_status st = read_legacy(src->path, owned, n, err);
    *m = *owned;
    return st;
}

static wv_status check_global(const wv_public_key *pub, const parsed_sig *p, wv_error *err)
{
    uint8_t *gm = global_message(p->st + 2 + WV_KEY_ID_BYTES, p->tc, p->tc_len);
    if (gm == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "signature: out of memory");
    wv_status st = wv_signature_verify(pub->pk, gm, WV_SIGNATURE_BYTES + p->tc_len, p->global, NULL);
    free(gm);
    if (st != WV_OK)
        return wv_error_set(err, WV_ERR_BAD_SIGNATURE,
                            "global signature does not verify: the trusted comment was modified");
    return WV_OK;
}

static wv_status check_sig(const wv_public_key *pub, const msg_source *src, const parsed_sig *p,
                           wv_error *err)
{
    int hashed;
    wv_status st = check_header(pub, p, &hashed, err);
    if (st != WV_OK)
        return st;
    uint8_t hash[WV_MINISIG_HASH_BYTES], *owned;
    const uint8_t *m;
    size_t n;
    st = signed_bytes(src, hashed, hash, &m, &n, &owned, err);
    if (st == WV_OK && wv_signature_verify(pub->pk, m, n, p->st + 2 + WV_KEY_ID_BYTES, NULL) != WV_OK)
        st = wv_error_set(err, WV_ERR_BAD_SIGNATURE,
                          "signature does not verify: the file was modified or the signature forged");
    free(owned);
    return st == WV_OK ? check_global(pub, p, err) : st;
}

static wv_status verify_source(const wv_public_key *pub, const msg_source *src,
                               const char *sig_text, size_t sig_len, char **trusted_comment_out,
                               wv_error *err)
{
    parsed_sig p;
    if (trusted_comment_out != NULL)
        *trusted_comment_out = NULL;
    wv_status st = parse_sig(sig_text, sig_len, &p, err);
    if (st == WV_OK)
        st = check_sig(pub, src, &p, err);
    if (st != WV_OK || trusted_comment_out == NULL)
        return st;
    char *tc = malloc(p.tc_len + 1);
    if (tc == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "signature: out of memory");
    memcpy(tc, p.tc, p.tc_len);
    tc[p.tc_len] = '\0';
    *trusted_comment_out = tc;
    return WV_OK;
}

wv_status wv_minisig_verify(const wv_public_key *pub, const uint8_t *msg, size_t len,
                            const char *sig_text, size_t sig_len, char **trusted_comment_out,
                            wv_error *err)
{
    const msg_source src = {msg, len, NULL};
    return verify_source(pub, &src, sig_text, sig_len, trusted_comment_out, err);
}

wv_status wv_minisig_verify_file(const wv_public_key *pub, const char *path,
                                 const char *sig_text, size_t sig_len,
                                 char **trusted_comment_out, wv_error *err)
{
    const msg_source src = {NULL, 0, path};
    return verify_source(pub, &src, sig_text, sig_len, trusted_comment_out, err);
}
