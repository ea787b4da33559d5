/* C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys: parsing with
 * fixed limits, signing, co-signing and verification against known keys.
 * Written from the specification text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wtovote/note.h"
#include "wtovote/util.h"

/* U+2014 EM DASH and a space start every signature line. */
static const char SIG_PREFIX[] = "\xE2\x80\x94 ";
#define SIG_PREFIX_LEN 4

/* Decodes one UTF-8 sequence (shortest form, no surrogates, <= U+10FFFF).
 * Returns its length, 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (n == 0 || n > len || s[0] > 0xF4)
        return 0;
    uint32_t v = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static int is_unicode_space(uint32_t c)
{
    return c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_control(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Valid UTF-8 with no control character other than '\n'; returns the
 * offset of the first bad byte, or len. */
static size_t text_check(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t c;
        size_t n = utf8_decode((const unsigned char *)text + i, len - i, &c);
        if (n == 0 || (c != '\n' && is_control(c)))
            return i;
        i += n;
    }
    return len;
}

static wv_status name_check_len(const char *name, size_t len, wv_error *err)
{
    if (len == 0 || len > WV_NOTE_MAX_NAME)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "key name must have 1 to %d bytes, not %zu",
                            WV_NOTE_MAX_NAME, len);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n = utf8_decode((const unsigned char *)name + i, len - i, &c);
        if (n == 0 || is_control(c) || is_unicode_space(c) || c == '+')
            return wv_error_set(err, WV_ERR_BAD_VALUE,
                                "key name '%.*s': invalid UTF-8, control character, space or '+' at byte %zu",
                                (int)len, name, i);
        i += n;
    }
    return WV_OK;
}

wv_status wv_note_name_check(const char *name, wv_error *err)
{
    return name_check_len(name, strnlen(name, WV_NOTE_MAX_NAME + 1), err);
}

void wv_note_key_hash(const char *name, const uint8_t pk[WV_PUBLIC_KEY_BYTES],
                      uint8_t out[WV_NOTE_KEY_HASH_BYTES])
{
    crypto_hash_sha256_state st;
    uint8_t digest[crypto_hash_sha256_BYTES];
    const uint8_t sep[2] = {'\n', WV_NOTE_ALG_ED25519};
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const uint8_t *)name, strlen(name));
    crypto_hash_sha256_update(&st, sep, sizeof sep);
    crypto_hash_sha256_update(&st, pk, WV_PUBLIC_KEY_BYTES);
    crypto_hash_sha256_final(&st, digest);
    memcpy(out, digest, WV_NOTE_KEY_HASH_BYTES);
}

wv_status wv_note_verifier_from_key(const char *name, const uint8_t pk[WV_PUBLIC_KEY_BYTES],
                                    wv_note_verifier *out, wv_error *err)
{
    wv_status rc = wv_note_name_check(name, err);
    if (rc != WV_OK)
        return rc;
    memset(out, 0, sizeof *out);
    strcpy(out->name, name);
    memcpy(out->pk, pk, WV_PUBLIC_KEY_BYTES);
    wv_note_key_hash(name, pk, out->key_hash);
    return WV_OK;
}

void wv_note_verifier_format(const wv_note_verifier *v, char out[WV_NOTE_VKEY_MAX])
{
    char hex[2 * WV_NOTE_KEY_HASH_BYTES + 1], b64[64];
    uint8_t typed[1 + WV_PUBLIC_KEY_BYTES];
    typed[0] = WV_NOTE_ALG_ED25519;
    memcpy(typed + 1, v->pk, WV_PUBLIC_KEY_BYTES);
    wv_hex(v->key_hash, WV_NOTE_KEY_HASH_BYTES, hex);
    sodium_bin2base64(b64, sizeof b64, typed, sizeof typed, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, WV_NOTE_VKEY_MAX, "%s+%s+%s", v->name, hex, b64);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; /* lower case only, as we write it */
}

wv_status wv_note_verifier_parse(const char *vkey, wv_note_verifier *out, wv_error *err)
{
    const char *p1 = strchr(vkey, '+');
    const char *p2 = p1 ? strchr(p1 + 1, '+') : NULL;
    if (p1 == NULL || p2 == NULL || p2 - p1 - 1 != 2 * WV_NOTE_KEY_HASH_BYTES ||
        (size_t)(p1 - vkey) > WV_NOTE_MAX_NAME)
        return wv_error_set(err, WV_ERR_KEY_FORMAT, "verifier key '%.80s': not NAME+HASH+KEY", vkey);
    char name[WV_NOTE_MAX_NAME + 1];
    memcpy(name, vkey, (size_t)(p1 - vkey));
    name[p1 - vkey] = '\0';
    uint8_t hash[WV_NOTE_KEY_HASH_BYTES], typed[1 + WV_PUBLIC_KEY_BYTES + 3];
    for (int i = 0; i < WV_NOTE_KEY_HASH_BYTES; i++) {
        int hi = hex_digit(p1[1 + 2 * i]), lo = hex_digit(p1[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return wv_error_set(err, WV_ERR_KEY_FORMAT, "verifier key '%.80s': key hash is not 8 lower-case hex digits", vkey);
        hash[i] = (uint8_t)(hi << 4 | lo);
    }
    long n = wv_base64_decode(p2 + 1, strlen(p2 + 1), typed, sizeof typed);
    if (n < 1)
        return wv_error_set(err, WV_ERR_KEY_FORMAT, "verifier key '%.80s': key is not base64", vkey);
    if (typed[0] != WV_NOTE_ALG_ED25519)
        return wv_error_set(err, WV_ERR_KEY_ALGORITHM, "verifier key '%.80s': signature type 0x%02x is not Ed25519 (0x01)",
                            vkey, typed[0]);
    if (n != 1 + WV_PUBLIC_KEY_BYTES)
        return wv_error_set(err, WV_ERR_KEY_FORMAT, "verifier key '%.80s': Ed25519 key of %ld bytes", vkey, n - 1);
    wv_error name_err;
    if (wv_note_verifier_from_key(name, typed + 1, out, &name_err) != WV_OK)
        return wv_error_set(err, WV_ERR_KEY_FORMAT, "verifier key: %s", name_err.message);
    if (memcmp(hash, out->key_hash, WV_NOTE_KEY_HASH_BYTES) != 0)
        return wv_error_set(err, WV_ERR_KEY_FORMAT, "verifier key '%.80s': key hash does not match name and key", vkey);
    return WV_OK;
}

/* "— NAME BASE64\n" into buf (at least WV_NOTE_MAX_NAME + 120 bytes). */
static size_t sig_line(char *buf, size_t size, const char *name, const uint8_t key_hash[4],
                       const uint8_t sig[WV_SIGNATURE_BYTES])
{
    uint8_t raw[WV_NOTE_KEY_HASH_BYTES + WV_SIGNATURE_BYTES];
    char b64[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_ORIGINAL)];
    memcpy(raw, key_hash, WV_NOTE_KEY_HASH_BYTES);
    memcpy(raw + WV_NOTE_KEY_HASH_BYTES, sig, WV_SIGNATURE_BYTES);
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    return (size_t)snprintf(buf, size, "%s%s %s\n", SIG_PREFIX, name, b64);
}

/* Appends "prefix || line signed by sk over text" to a new buffer. */
static wv_status append_signature(const char *prefix, size_t prefix_len, const char *text,
                                  size_t text_len, const char *name, const wv_secret_key *sk,
                                  char **out, size_t *out_len, wv_error *err)
{
    wv_public_key pub;
    uint8_t key_hash[WV_NOTE_KEY_HASH_BYTES], sig[WV_SIGNATURE_BYTES];
    char line[WV_NOTE_MAX_NAME + 128];
    wv_secret_key_public(sk, &pub);
    wv_note_key_hash(name, pub.pk, key_hash);
    wv_secret_key_sign(sk, (const uint8_t *)text, text_len, sig);
    size_t line_len = sig_line(line, sizeof line, name, key_hash, sig);
    size_t total = prefix_len + line_len;
    if (total > WV_NOTE_MAX_BYTES)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "signed note of %zu bytes exceeds %d", total,
                            WV_NOTE_MAX_BYTES);
    char *buf = malloc(total + 1);
    if (buf == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "signed note: out of memory");
    memcpy(buf, prefix, prefix_len);
    memcpy(buf + prefix_len, line, line_len + 1);
    *out = buf;
    *out_len = total;
    return WV_OK;
}

wv_status wv_note_sign(const char *text, size_t len, const char *name, const wv_secret_key *sk,
                       char **out, size_t *out_len, wv_error *err)
{
    wv_status rc = wv_note_name_check(name, err);
    if (rc != WV_OK)
        return rc;
    if (len == 0 || text[len - 1] != '\n')
        return wv_error_set(err, WV_ERR_ARG, "note text must be non-empty and end in a newline");
    size_t bad = text_check(text, len);
    if (bad != len)
        return wv_error_set(err, WV_ERR_ARG, "note text: invalid UTF-8 or control character at byte %zu", bad);
    char *prefix = malloc(len + 1);
    if (prefix == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "signed note: out of memory");
    memcpy(prefix, text, len);
    prefix[len] = '\n';
    rc = append_signature(prefix, len + 1, text, len, name, sk, out, out_len, err);
    free(prefix);
    return rc;
}

wv_status wv_note_cosign(const char *note, size_t len, const char *name, const wv_secret_key *sk,
                         char **out, size_t *out_len, wv_error *err)
{
    wv_status rc = wv_note_name_check(name, err);
    if (rc != WV_OK)
        return rc;
    wv_note parsed;
    if ((rc = wv_note_parse(note, len, &parsed, err)) != WV_OK)
        return rc;
    wv_public_key pub;
    uint8_t key_hash[WV_NOTE_KEY_HASH_BYTES];
    wv_secret_key_public(sk, &pub);
    wv_note_key_hash(name, pub.pk, key_hash);
    for (size_t i = 0; i < parsed.n_sigs; i++)
        if (strcmp(parsed.sigs[i].name, name) == 0 &&
            memcmp(parsed.sigs[i].key_hash, key_hash, WV_NOTE_KEY_HASH_BYTES) == 0) {
            wv_note_free(&parsed);
            return wv_error_set(err, WV_ERR_DUPLICATE_KEY, "note already signed by %s", name);
        }
    if (parsed.n_sigs == WV_NOTE_MAX_SIGNATURES) {
        wv_note_free(&parsed);
        return wv_error_set(err, WV_ERR_TOO_LARGE, "note already holds %d signatures", WV_NOTE_MAX_SIGNATURES);
    }
    /* The parsed note ends with its last signature line: keep it whole. */
    rc = append_signature(note, len, parsed.text, parsed.text_len, name, sk, out, out_len, err);
    wv_note_free(&parsed);
    return rc;
}

static wv_status bad_line(wv_error *err, size_t n, const char *why)
{
    return wv_error_set(err, WV_ERR_CHECKPOINT, "signed note: signature line %zu: %s", n, why);
}

/* One "— NAME BASE64" line (without its "\n"). */
static wv_status parse_sig_line(const char *s, size_t len, size_t n, wv_note_signature *sig,
                                wv_error *err)
{
    if (len < SIG_PREFIX_LEN || memcmp(s, SIG_PREFIX, SIG_PREFIX_LEN) != 0)
        return bad_line(err, n, "does not start with an em dash and a space");
    s += SIG_PREFIX_LEN;
    len -= SIG_PREFIX_LEN;
    const char *sp = memchr(s, ' ', len);
    if (sp == NULL)
        return bad_line(err, n, "no space between key name and signature");
    size_t name_len = (size_t)(sp - s);
    if (name_check_len(s, name_len, NULL) != WV_OK)
        return bad_line(err, n, "key name empty, too long, or holding a space, '+' or control character");
    memcpy(sig->name, s, name_len);
    sig->name[name_len] = '\0';
    uint8_t raw[WV_NOTE_MAX_BYTES];
    long got = wv_base64_decode(sp + 1, len - name_len - 1, raw, sizeof raw);
    if (got < WV_NOTE_KEY_HASH_BYTES + 1)
        return bad_line(err, n, "signature is not base64 of a key hash and a signature");
    memcpy(sig->key_hash, raw, WV_NOTE_KEY_HASH_BYTES);
    sig->sig_len = (size_t)got - WV_NOTE_KEY_HASH_BYTES;
    memset(sig->sig, 0, sizeof sig->sig);
    if (sig->sig_len == WV_SIGNATURE_BYTES)
        memcpy(sig->sig, raw + WV_NOTE_KEY_HASH_BYTES, WV_SIGNATURE_BYTES);
    return WV_OK;
}

static const char *last_blank_line(const char *s, size_t len)
{
    for (size_t i = len - 1; i > 0; i--)
        if (s[i] == '\n' && s[i - 1] == '\n')
            return s + i - 1;
    return NULL;
}

static wv_status parse_signatures(const char *s, size_t len, wv_note *out, wv_error *err)
{
    if (len == 0)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "signed note: no signature lines");
    while (len > 0) {
        const char *nl = memchr(s, '\n', len);
        if (nl == NULL)
            return bad_line(err, out->n_sigs + 1, "does not end in a newline");
        if (out->n_sigs == WV_NOTE_MAX_SIGNATURES)
            return wv_error_set(err, WV_ERR_CHECKPOINT, "signed note: more than %d signatures",
                                WV_NOTE_MAX_SIGNATURES);
        size_t line_len = (size_t)(nl - s);
        wv_status rc = parse_sig_line(s, line_len, out->n_sigs + 1, &out->sigs[out->n_sigs], err);
        if (rc != WV_OK)
            return rc;
        out->n_sigs++;
        s += line_len + 1;
        len -= line_len + 1;
    }
    return WV_OK;
}

wv_status wv_note_parse(const char *note, size_t len, wv_note *out, wv_error *err)
{
    memset(out, 0, sizeof *out);
    if (len > WV_NOTE_MAX_BYTES)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "signed note: %zu bytes exceeds %d", len, WV_NOTE_MAX_BYTES);
    size_t bad = text_check(note, len);
    if (bad != len)
        return wv_error_set(err, WV_ERR_CHECKPOINT,
                            "signed note: invalid UTF-8 or control character at byte %zu", bad);
    const char *blank = len >= 2 ? last_blank_line(note, len) : NULL;
    if (blank == NULL)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "signed note: no blank line before the signatures");
    size_t text_len = (size_t)(blank - note) + 1;
    wv_status rc = parse_signatures(blank + 2, len - text_len - 1, out, err);
    if (rc != WV_OK) {
        out->n_sigs = 0;
        return rc;
    }
    out->text = malloc(text_len + 1);
    if (out->text == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "signed note: out of memory");
    memcpy(out->text, note, text_len);
    out->text[text_len] = '\0';
    out->text_len = text_len;
    return WV_OK;
}

void wv_note_free(wv_note *note)
{
    if (note == NULL)
        return;
    free(note->text);
    note->text = NULL;
    note->text_len = 0;
    note->n_sigs = 0;
}

static int sig_matches(const wv_note_signature *s, const wv_note_verifier *v)
{
    return strcmp(s->name, v->name) == 0 &&
           memcmp(s->key_hash, v->key_hash, WV_NOTE_KEY_HASH_BYTES) == 0;
}

/* Index in [0, n_others] of the verifier the signature names (n_others
 * stands for required), or -1 for an unknown key. */
static long find_verifier(const wv_note_signature *s, const wv_note_verifier *required,
                          const wv_note_verifier *others, size_t n_others)
{
    if (sig_matches(s, required))
        return (long)n_others;
    for (size_t i = 0; i < n_others; i++)
        if (sig_matches(s, &others[i]))
            return (long)i;
    return -1;
}

wv_status wv_note_verify(const wv_note *note, const wv_note_verifier *required,
                         const wv_note_verifier *others, size_t n_others, uint32_t *signed_mask,
                         wv_error *err)
{
    if (n_others > 32)
        return wv_error_set(err, WV_ERR_ARG, "signed note: at most 32 other verifiers");
    uint64_t seen = 0;
    for (size_t i = 0; i < note->n_sigs; i++) {
        const wv_note_signature *s = &note->sigs[i];
        long k = find_verifier(s, required, others, n_others);
        if (k < 0)
            continue; /* c2sp.org/signed-note: unknown keys are ignored */
        if (seen & ((uint64_t)1 << k))
            return wv_error_set(err, WV_ERR_CHECKPOINT, "signed note: two signatures by %s", s->name);
        if (s->sig_len != WV_SIGNATURE_BYTES ||
            crypto_sign_verify_detached(s->sig, (const uint8_t *)note->text, note->text_len,
                                        k == (long)n_others ? required->pk : others[k].pk) != 0)
            return wv_error_set(err, WV_ERR_BAD_SIGNATURE,
                                "signed note: signature line %zu by %s does not verify", i + 1, s->name);
        seen |= (uint64_t)1 << k;
    }
    if (!(seen & ((uint64_t)1 << n_others)))
        return wv_error_set(err, WV_ERR_UNSIGNED, "signed note: no signature by %s", required->name);
    if (signed_mask)
        *signed_mask = (uint32_t)(seen & (((uint64_t)1 << n_others) - 1));
    return WV_OK;
}
