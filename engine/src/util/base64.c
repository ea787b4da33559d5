#include <sodium.h>

#include "wtovote/util.h"

static int is_base64_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/' || c == '=';
}

long wv_base64_decode(const char *text, size_t len, uint8_t *out, size_t max)
{
    if (len == 0)
        return -1;
    for (size_t i = 0; i < len; i++)
        if (!is_base64_char(text[i]))
            return -1;
    size_t got = 0;
    const char *end = NULL;
    if (sodium_base642bin(out, max, text, len, NULL, &got, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text + len)
        return -1;
    return (long)got;
}
