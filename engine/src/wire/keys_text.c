/* Line and base64 helpers for the minisign text formats (keys_file.c,
 * minisig.c). Input is untrusted: lengths are explicit, NUL bytes are data. */
#include <string.h>

#include <sodium.h>

#include "wtovote/util.h"

#include "wire/keys_internal.h"

int wv_keys_next_line(const char *text, size_t len, size_t *pos, const char **line,
                      size_t *line_len)
{
    if (*pos >= len)
        return 0;
    const char *start = text + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - start) : len - *pos;
    *pos += nl ? n + 1 : n;
    if (n > 0 && start[n - 1] == '\r')
        n--;
    *line = start;
    *line_len = n;
    return 1;
}

int wv_keys_has_prefix(const char *line, size_t line_len, const char *prefix)
{
    size_t n = strlen(prefix);
    return line_len >= n && memcmp(line, prefix, n) == 0;
}

int wv_keys_b64_decode(const char *line, size_t line_len, uint8_t *out, size_t want,
                       size_t *got)
{
    /* Decode into a slightly larger buffer so that "too long" is told apart
     * from "not base64"; room for the largest input we accept. */
    uint8_t buf[256];
    *got = 0;
    if (want + 3 > sizeof buf || line_len > 4 * (sizeof buf / 3))
        return -1;
    long decoded = wv_base64_decode(line, line_len, buf, sizeof buf);
    if (decoded < 0) {
        sodium_memzero(buf, sizeof buf);
        return -1;
    }
    size_t n = (size_t)decoded;
    *got = n;
    if (n != want) {
        sodium_memzero(buf, sizeof buf);
        return -1;
    }
    memcpy(out, buf, n);
    sodium_memzero(buf, sizeof buf);
    return 0;
}

size_t wv_keys_b64_room(size_t len)
{
    return sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL) + 1;
}

size_t wv_keys_b64_append(char *out, const uint8_t *in, size_t len)
{
    size_t room = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(out, room, in, len, sodium_base64_VARIANT_ORIGINAL);
    size_t n = strlen(out);
    out[n] = '\n';
    out[n + 1] = '\0';
    return n + 1;
}

int wv_keys_comment_ok(const char *comment, size_t max)
{
    size_t n = strlen(comment);
    return n <= max && strpbrk(comment, "\r\n") == NULL;
}
