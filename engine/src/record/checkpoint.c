/* C2SP checkpoints (c2sp.org/tlog-checkpoint): origin line, decimal tree
 * size, base64 root hash, optional extension lines; signed as a C2SP note
 * by the Secretariat under the origin as key name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/note.h"

static int id_char(char c, int allow_slash)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || (allow_slash && c == '/');
}

static int all_id_chars(const char *s, int allow_slash)
{
    for (; *s; s++)
        if (!id_char(*s, allow_slash))
            return 0;
    return 1;
}

wv_status wv_checkpoint_origin(const char *host, const char *meeting_id,
                               char out[WV_NOTE_MAX_NAME + 1], wv_error *err)
{
    if (host == NULL)
        host = WV_CHECKPOINT_DEFAULT_HOST;
    size_t hl = strlen(host), ml = strlen(meeting_id);
    if (hl == 0 || hl > 128 || !all_id_chars(host, 1))
        return wv_error_set(err, WV_ERR_BAD_VALUE, "origin host '%.140s': 1..128 of A-Z a-z 0-9 . - _ /", host);
    if (ml == 0 || ml > 64 || !all_id_chars(meeting_id, 0))
        return wv_error_set(err, WV_ERR_BAD_VALUE, "meeting id '%.80s': 1..64 of A-Z a-z 0-9 . - _", meeting_id);
    snprintf(out, WV_NOTE_MAX_NAME + 1, "%s/meeting/%s", host, meeting_id);
    return WV_OK;
}

wv_status wv_checkpoint_secretariat_verifier(const char *origin, const wv_public_key *pub,
                                             wv_note_verifier *out, wv_error *err)
{
    return wv_note_verifier_from_key(origin, pub->pk, out, err);
}

/* Extension lines: each non-empty, ending in "\n", no control bytes. */
static wv_status extensions_check(const char *ext, size_t len, wv_error *err)
{
    if (len > WV_CHECKPOINT_MAX_EXTENSIONS)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: extension lines exceed %d bytes",
                            WV_CHECKPOINT_MAX_EXTENSIONS);
    size_t line = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)ext[i];
        if (c == '\n') {
            if (line == 0)
                return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: empty extension line");
            line = 0;
        } else if (c < 0x20 || c == 0x7F) {
            return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: control character in an extension line");
        } else {
            line++;
        }
    }
    if (line != 0)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: extension line without a final newline");
    return WV_OK;
}

wv_status wv_checkpoint_format(const wv_checkpoint *cp, char **out, size_t *out_len, wv_error *err)
{
    wv_error name_err;
    if (wv_note_name_check(cp->origin, &name_err) != WV_OK)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint origin: %s", name_err.message);
    size_t ext_len = strnlen(cp->extensions, sizeof cp->extensions);
    wv_status rc = extensions_check(cp->extensions, ext_len, err);
    if (rc != WV_OK)
        return rc;
    char b64[WV_HASH_BASE64_BYTES];
    wv_hash_to_base64(cp->root, b64);
    size_t cap = strlen(cp->origin) + 1 + 20 + 1 + 44 + 1 + ext_len + 1;
    char *buf = malloc(cap);
    if (buf == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "checkpoint: out of memory");
    int n = snprintf(buf, cap, "%s\n%llu\n%s\n%s", cp->origin, (unsigned long long)cp->size, b64,
                     cp->extensions);
    *out = buf;
    *out_len = (size_t)n;
    return WV_OK;
}

/* Decimal without sign or leading zeros ("0" itself allowed), <= 2^64-1. */
static int parse_size(const char *s, size_t len, uint64_t *out)
{
    if (len == 0 || len > 20 || (len > 1 && s[0] == '0'))
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* Next line of text[*pos..len) without its "\n"; -1 when no newline. */
static int next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *line_len)
{
    const char *nl = memchr(text + *pos, '\n', len - *pos);
    if (nl == NULL)
        return -1;
    *line = text + *pos;
    *line_len = (size_t)(nl - *line);
    *pos += *line_len + 1;
    return 0;
}

wv_status wv_checkpoint_parse(const char *text, size_t len, wv_checkpoint *out, wv_error *err)
{
    memset(out, 0, sizeof *out);
    const char *line;
    size_t line_len, pos = 0;
    if (next_line(text, len, &pos, &line, &line_len) != 0 || line_len == 0 ||
        line_len > WV_NOTE_MAX_NAME)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: missing or over-long origin line");
    memcpy(out->origin, line, line_len);
    wv_error name_err;
    if (memchr(line, '\0', line_len) != NULL || wv_note_name_check(out->origin, &name_err) != WV_OK)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: origin is not a valid key name");
    if (next_line(text, len, &pos, &line, &line_len) != 0 || parse_size(line, line_len, &out->size) != 0)
        return wv_error_set(err, WV_ERR_CHECKPOINT,
                            "checkpoint: second line is not a tree size (decimal, no leading zeros)");
    if (next_line(text, len, &pos, &line, &line_len) != 0 ||
        wv_hash_from_base64(line, line_len, out->root, NULL) != WV_OK)
        return wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: third line is not a base64 root hash");
    wv_status rc = extensions_check(text + pos, len - pos, err);
    if (rc != WV_OK)
        return rc;
    memcpy(out->extensions, text + pos, len - pos);
    out->extensions[len - pos] = '\0';
    return WV_OK;
}

wv_status wv_checkpoint_sign(const wv_checkpoint *cp, const wv_secret_key *sk, char **out,
                             size_t *out_len, wv_error *err)
{
    char *body = NULL;
    size_t body_len = 0;
    wv_status rc = wv_checkpoint_format(cp, &body, &body_len, err);
    if (rc != WV_OK)
        return rc;
    rc = wv_note_sign(body, body_len, cp->origin, sk, out, out_len, err);
    free(body);
    return rc;
}

wv_status wv_checkpoint_open(const char *note, size_t len, const wv_public_key *secretariat,
                             const char *expected_origin, const wv_note_verifier *observers,
                             size_t n_observers, wv_checkpoint *out, wv_error *err)
{
    wv_note parsed;
    wv_status rc = wv_note_parse(note, len, &parsed, err);
    if (rc != WV_OK)
        return rc;
    wv_note_verifier sec;
    if ((rc = wv_checkpoint_parse(parsed.text, parsed.text_len, out, err)) != WV_OK)
        goto done;
    if (expected_origin != NULL && strcmp(expected_origin, out->origin) != 0) {
        rc = wv_error_set(err, WV_ERR_CHECKPOINT, "checkpoint: origin '%s', expected '%s'", out->origin,
                          expected_origin);
        goto done;
    }
    if ((rc = wv_checkpoint_secretariat_verifier(out->origin, secretariat, &sec, err)) != WV_OK)
        goto done;
    rc = wv_note_verify(&parsed, &sec, observers, n_observers, NULL, err);
done:
    wv_note_free(&parsed);
    if (rc != WV_OK)
        memset(out, 0, sizeof *out);
    return rc;
}
