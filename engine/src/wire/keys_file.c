/* minisign key files: .pub (public key) and .key (secret key, scrypt
 * encrypted or, as `minisign -G -W` writes it, unencrypted). The byte layout
 * is normative in SPEC.md, "Keys and signature files". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wire/keys_internal.h"
#include "wtovote/util.h"

#define PUB_BYTES 42  /* "Ed" || key id || pk */
#define SEC_BYTES 158 /* see the offsets below */
#define KEY_FILE_MAX 4096

/* Secret key layout (minisign's SeckeyStruct). */
enum {
    SEC_SIG_ALG = 0,
    SEC_KDF_ALG = 2,
    SEC_CHK_ALG = 4,
    SEC_SALT = 6,
    SEC_OPSLIMIT = 38,
    SEC_MEMLIMIT = 46,
    SEC_KEY_ID = 54, /* encrypted part starts here: key id || sk || checksum */
    SEC_SK = 62,
    SEC_CHK = 126,
    SEC_SECRET_PART = SEC_BYTES - SEC_KEY_ID
};

static const uint8_t SIG_ALG[2] = {'E', 'd'};
static const uint8_t KDF_SCRYPT[2] = {'S', 'c'};
static const uint8_t KDF_NONE[2] = {0, 0};
static const uint8_t CHK_BLAKE2B[2] = {'B', '2'};

/* Refuse work factors that would make loading a hostile file a denial of
 * service; minisign's "sensitive" limits are well inside. */
#define MAX_OPSLIMIT (4ull * crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE)
#define MAX_MEMLIMIT (2ull * crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE)

static uint64_t le64_load(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static void le64_store(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

/* The first two lines of a key file: an untrusted comment and one base64
 * line of exactly want bytes. `kind` names the file type in messages. */
static wv_status read_key_line(const char *text, size_t len, const char *kind, uint8_t *out,
                               size_t want, wv_error *err)
{
    const char *line;
    size_t line_len, pos = 0, got;
    if (text == NULL || !wv_keys_next_line(text, len, &pos, &line, &line_len) ||
        !wv_keys_has_prefix(line, line_len, WV_UNTRUSTED_PREFIX))
        return wv_error_set(err, WV_ERR_KEY_FORMAT,
                            "not a minisign %s: first line is not \"" WV_UNTRUSTED_PREFIX "...\"",
                            kind);
    if (!wv_keys_next_line(text, len, &pos, &line, &line_len) || line_len == 0)
        return wv_error_set(err, WV_ERR_KEY_FORMAT, "truncated %s: no key line", kind);
    if (wv_keys_b64_decode(line, line_len, out, want, &got) != 0) {
        if (got == 0)
            return wv_error_set(err, WV_ERR_KEY_FORMAT,
                                "not a minisign %s: key line is not base64 (truncated?)", kind);
        return wv_error_set(err, WV_ERR_KEY_FORMAT,
                            "not a minisign %s: key line holds %zu bytes, expected %zu%s", kind,
                            got, want,
                            got == SEC_BYTES ? " (this is a secret key)"
                            : got == PUB_BYTES ? " (this is a public key)" : "");
    }
    return WV_OK;
}

wv_status wv_public_key_parse(const char *text, size_t len, wv_public_key *out, wv_error *err)
{
    uint8_t raw[PUB_BYTES];
    wv_status st = read_key_line(text, len, "public key", raw, sizeof raw, err);
    if (st != WV_OK)
        return st;
    if (memcmp(raw, SIG_ALG, 2) != 0)
        return wv_error_set(err, WV_ERR_KEY_ALGORITHM,
                            "public key: unsupported signature algorithm 0x%02x%02x (expected \"Ed\")",
                            raw[0], raw[1]);
    memcpy(out->key_id, raw + 2, WV_KEY_ID_BYTES);
    memcpy(out->pk, raw + 2 + WV_KEY_ID_BYTES, WV_PUBLIC_KEY_BYTES);
    return WV_OK;
}

static wv_status load_text(const char *path, const char *kind, uint8_t **buf, size_t *len,
                           wv_error *err)
{
    wv_status st = wv_file_read(path, KEY_FILE_MAX, buf, len, err);
    if (st == WV_ERR_TOO_LARGE)
        return wv_error_set(err, WV_ERR_KEY_FORMAT, "%s: not a minisign %s (over %d bytes)",
                            path, kind, KEY_FILE_MAX);
    return st;
}

wv_status wv_public_key_load(const char *path, wv_public_key *out, wv_error *err)
{
    uint8_t *buf;
    size_t len;
    wv_status st = load_text(path, "public key", &buf, &len, err);
    if (st != WV_OK)
        return st;
    st = wv_public_key_parse((const char *)buf, len, out, err);
    free(buf);
    if (st != WV_OK)
        wv_error_prefix(err, "%s", path);
    return st;
}

wv_status wv_public_key_format_ex(const wv_public_key *pub, const char *comment, char **out,
                                  wv_error *err)
{
    char id[2 * WV_KEY_ID_BYTES + 1], deflt[64];
    uint8_t raw[PUB_BYTES];
    *out = NULL;
    wv_key_id_format(pub->key_id, id);
    snprintf(deflt, sizeof deflt, "minisign public key %s", id);
    if (comment == NULL)
        comment = deflt;
    if (!wv_keys_comment_ok(comment, WV_UNTRUSTED_COMMENT_MAX))
        return wv_error_set(err, WV_ERR_ARG, "public key comment: one line of at most %d bytes",
                            WV_UNTRUSTED_COMMENT_MAX);
    memcpy(raw, SIG_ALG, 2);
    memcpy(raw + 2, pub->key_id, WV_KEY_ID_BYTES);
    memcpy(raw + 2 + WV_KEY_ID_BYTES, pub->pk, WV_PUBLIC_KEY_BYTES);
    size_t n = strlen(WV_UNTRUSTED_PREFIX) + strlen(comment) + 1 + wv_keys_b64_room(sizeof raw);
    char *s = malloc(n);
    if (s == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "public key: out of memory");
    int head = snprintf(s, n, WV_UNTRUSTED_PREFIX "%s\n", comment);
    wv_keys_b64_append(s + head, raw, sizeof raw);
    *out = s;
    return WV_OK;
}

wv_status wv_public_key_format(const wv_public_key *pub, char **out, wv_error *err)
{
    return wv_public_key_format_ex(pub, NULL, out, err);
}

/* ---- secret keys ---- */

static void checksum(const uint8_t *raw, uint8_t chk[32])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, raw + SEC_SIG_ALG, 2);
    crypto_generichash_update(&h, raw + SEC_KEY_ID, WV_KEY_ID_BYTES);
    crypto_generichash_update(&h, raw + SEC_SK, WV_SECRET_KEY_BYTES);
    crypto_generichash_final(&h, chk, 32);
    sodium_memzero(&h, sizeof h);
}

/* XORs key id || sk || checksum with the scrypt stream of the passphrase. */
static wv_status kdf_xor(uint8_t *raw, const char *passphrase, wv_error *err)
{
    uint8_t *stream = sodium_malloc(SEC_SECRET_PART);
    if (stream == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "secret key: out of guarded memory");
    if (crypto_pwhash_scryptsalsa208sha256(stream, SEC_SECRET_PART, passphrase,
                                           strlen(passphrase), raw + SEC_SALT,
                                           le64_load(raw + SEC_OPSLIMIT),
                                           (size_t)le64_load(raw + SEC_MEMLIMIT)) != 0) {
        sodium_free(stream);
        return wv_error_set(err, WV_ERR_NOMEM,
                            "secret key: scrypt key derivation failed (out of memory?)");
    }
    for (size_t i = 0; i < SEC_SECRET_PART; i++)
        raw[SEC_KEY_ID + i] ^= stream[i];
    sodium_free(stream);
    return WV_OK;
}

/* Base64 decoding and algorithm tags, before any KDF work. *encrypted is
 * set from the KDF tag. */
static wv_status parse_header(const char *text, size_t len, uint8_t *raw, int *encrypted,
                              wv_error *err)
{
    wv_status st = read_key_line(text, len, "secret key", raw, SEC_BYTES, err);
    if (st != WV_OK)
        return st;
    if (memcmp(raw + SEC_SIG_ALG, SIG_ALG, 2) != 0)
        return wv_error_set(err, WV_ERR_KEY_ALGORITHM,
                            "secret key: unsupported signature algorithm 0x%02x%02x (expected \"Ed\")",
                            raw[0], raw[1]);
    if (memcmp(raw + SEC_CHK_ALG, CHK_BLAKE2B, 2) != 0)
        return wv_error_set(err, WV_ERR_KEY_ALGORITHM,
                            "secret key: unsupported checksum algorithm 0x%02x%02x (expected \"B2\")",
                            raw[SEC_CHK_ALG], raw[SEC_CHK_ALG + 1]);
    if (memcmp(raw + SEC_KDF_ALG, KDF_SCRYPT, 2) == 0)
        *encrypted = 1;
    else if (memcmp(raw + SEC_KDF_ALG, KDF_NONE, 2) == 0)
        *encrypted = 0;
    else
        return wv_error_set(err, WV_ERR_KEY_ALGORITHM,
                            "secret key: unsupported key derivation 0x%02x%02x (expected \"Sc\" or none)",
                            raw[SEC_KDF_ALG], raw[SEC_KDF_ALG + 1]);
    if (*encrypted) {
        uint64_t ops = le64_load(raw + SEC_OPSLIMIT), mem = le64_load(raw + SEC_MEMLIMIT);
        if (ops == 0 || ops > MAX_OPSLIMIT || mem == 0 || mem > MAX_MEMLIMIT)
            return wv_error_set(err, WV_ERR_KEY_FORMAT,
                                "secret key: scrypt limits out of range (opslimit %llu, memlimit %llu)",
                                (unsigned long long)ops, (unsigned long long)mem);
    }
    return WV_OK;
}

int wv_secret_key_is_encrypted(const char *text, size_t len)
{
    uint8_t *raw = sodium_malloc(SEC_BYTES);
    int encrypted = -1;
    if (raw == NULL)
        return -1;
    if (parse_header(text, len, raw, &encrypted, NULL) != WV_OK)
        encrypted = -1;
    sodium_free(raw);
    return encrypted;
}

/* Checksum, then the public half against the seed. */
static wv_status check_secret(const uint8_t *raw, int encrypted, wv_error *err)
{
    static const uint8_t zero[32] = {0};
    uint8_t chk[32], pk[32], sk[64];
    checksum(raw, chk);
    int ok = sodium_memcmp(chk, raw + SEC_CHK, 32) == 0;
    sodium_memzero(chk, sizeof chk);
    if (!ok && encrypted)
        return wv_error_set(err, WV_ERR_PASSPHRASE,
                            "secret key: wrong passphrase (key checksum does not match)");
    /* minisign 0.11 `-G -W` writes an all-zero checksum for unencrypted keys. */
    if (!ok && sodium_memcmp(raw + SEC_CHK, zero, 32) != 0)
        return wv_error_set(err, WV_ERR_KEY_FORMAT,
                            "secret key: checksum does not match (corrupt key file)");
    crypto_sign_seed_keypair(pk, sk, raw + SEC_SK);
    ok = sodium_memcmp(pk, raw + SEC_SK + 32, 32) == 0;
    sodium_memzero(sk, sizeof sk);
    if (!ok)
        return wv_error_set(err, WV_ERR_KEY_FORMAT,
                            "secret key: public half does not match the seed (corrupt key file)");
    return WV_OK;
}

static wv_status decode_secret(const char *text, size_t len, const char *passphrase, uint8_t *raw,
                               wv_error *err)
{
    int encrypted;
    wv_status st = parse_header(text, len, raw, &encrypted, err);
    if (st != WV_OK)
        return st;
    if (encrypted) {
        if (passphrase == NULL)
            return wv_error_set(err, WV_ERR_PASSPHRASE,
                                "secret key is encrypted and no passphrase was given");
        st = kdf_xor(raw, passphrase, err);
        if (st != WV_OK)
            return st;
    }
    return check_secret(raw, encrypted, err);
}

wv_status wv_secret_key_parse(const char *text, size_t len, const char *passphrase,
                              wv_secret_key **out, wv_error *err)
{
    *out = NULL;
    uint8_t *raw = sodium_malloc(SEC_BYTES);
    wv_secret_key *sk = wv_secret_key_alloc();
    wv_status st = WV_OK;
    if (raw == NULL || sk == NULL)
        st = wv_error_set(err, WV_ERR_NOMEM, "secret key: out of guarded memory");
    if (st == WV_OK)
        st = decode_secret(text, len, passphrase, raw, err);
    if (st == WV_OK) {
        memcpy(sk->key_id, raw + SEC_KEY_ID, WV_KEY_ID_BYTES);
        memcpy(sk->sk, raw + SEC_SK, WV_SECRET_KEY_BYTES);
        memcpy(sk->pk, raw + SEC_SK + 32, WV_PUBLIC_KEY_BYTES);
        wv_secret_key_seal(sk);
        *out = sk;
        sk = NULL;
    }
    if (raw != NULL)
        sodium_free(raw);
    wv_secret_key_free(sk);
    return st;
}

wv_status wv_secret_key_load(const char *path, const char *passphrase, wv_secret_key **out,
                             wv_error *err)
{
    uint8_t *buf;
    size_t len;
    *out = NULL;
    wv_status st = load_text(path, "secret key", &buf, &len, err);
    if (st != WV_OK)
        return st;
    st = wv_secret_key_parse((const char *)buf, len, passphrase, out, err);
    sodium_memzero(buf, len);
    free(buf);
    if (st != WV_OK)
        wv_error_prefix(err, "%s", path);
    return st;
}

static wv_status kdf_limits(wv_kdf_level level, uint64_t *ops, uint64_t *mem, wv_error *err)
{
    if (level == WV_KDF_DEFAULT) {
        const char *env = getenv("WTOVOTE_KDF");
        if (env == NULL || *env == '\0' || strcmp(env, "sensitive") == 0)
            level = WV_KDF_SENSITIVE;
        else if (strcmp(env, "interactive") == 0)
            level = WV_KDF_INTERACTIVE;
        else
            return wv_error_set(err, WV_ERR_ARG,
                                "WTOVOTE_KDF must be \"interactive\" or \"sensitive\", not \"%.40s\"",
                                env);
    }
    if (level == WV_KDF_INTERACTIVE) {
        *ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE;
        *mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE;
    } else {
        *ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
        *mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
    }
    return WV_OK;
}

/* Fills the 158 bytes; encrypts when passphrase is not NULL. */
static wv_status encode_secret(const wv_secret_key *sk, const char *passphrase,
                               wv_kdf_level level, uint8_t *raw, wv_error *err)
{
    memset(raw, 0, SEC_BYTES);
    memcpy(raw + SEC_SIG_ALG, SIG_ALG, 2);
    memcpy(raw + SEC_CHK_ALG, CHK_BLAKE2B, 2);
    memcpy(raw + SEC_KEY_ID, sk->key_id, WV_KEY_ID_BYTES);
    memcpy(raw + SEC_SK, sk->sk, WV_SECRET_KEY_BYTES);
    checksum(raw, raw + SEC_CHK);
    if (passphrase == NULL)
        return WV_OK; /* kdf tag, salt and limits stay zero, as minisign -W */
    uint64_t ops, mem;
    wv_status st = kdf_limits(level, &ops, &mem, err);
    if (st != WV_OK)
        return st;
    memcpy(raw + SEC_KDF_ALG, KDF_SCRYPT, 2);
    randombytes_buf(raw + SEC_SALT, 32);
    le64_store(raw + SEC_OPSLIMIT, ops);
    le64_store(raw + SEC_MEMLIMIT, mem);
    return kdf_xor(raw, passphrase, err);
}

wv_status wv_secret_key_format_ex(const wv_secret_key *sk, const char *passphrase,
                                  wv_kdf_level level, const char *comment, char **out,
                                  wv_error *err)
{
    *out = NULL;
    if (comment == NULL)
        comment = passphrase ? "wtovote encrypted secret key" : "wtovote unencrypted secret key";
    if (!wv_keys_comment_ok(comment, WV_UNTRUSTED_COMMENT_MAX))
        return wv_error_set(err, WV_ERR_ARG, "secret key comment: one line of at most %d bytes",
                            WV_UNTRUSTED_COMMENT_MAX);
    uint8_t *raw = sodium_malloc(SEC_BYTES);
    if (raw == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "secret key: out of guarded memory");
    wv_status st = encode_secret(sk, passphrase, level, raw, err);
    if (st == WV_OK) {
        size_t n = strlen(WV_UNTRUSTED_PREFIX) + strlen(comment) + 1 + wv_keys_b64_room(SEC_BYTES);
        char *s = malloc(n);
        if (s == NULL) {
            st = wv_error_set(err, WV_ERR_NOMEM, "secret key: out of memory");
        } else {
            int head = snprintf(s, n, WV_UNTRUSTED_PREFIX "%s\n", comment);
            wv_keys_b64_append(s + head, raw, SEC_BYTES);
            *out = s;
        }
    }
    sodium_free(raw);
    return st;
}

wv_status wv_secret_key_format(const wv_secret_key *sk, const char *passphrase, char **out,
                               wv_error *err)
{
    return wv_secret_key_format_ex(sk, passphrase, WV_KDF_DEFAULT, NULL, out, err);
}
