#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wtovote/error.h"

wv_status wv_error_setf(wv_error *err, wv_status code, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void wv_error_prefix(wv_error *err, const char *fmt, ...)
{
    if (err == NULL)
        return;
    char prefix[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    char old[sizeof err->message];
    memcpy(old, err->message, sizeof old);
    snprintf(err->message, sizeof err->message, "%s: %s", prefix, old);
}

void wv_error_clear(wv_error *err)
{
    if (err == NULL)
        return;
    err->code = WV_OK;
    err->message[0] = '\0';
}

static const struct {
    wv_status code;
    const char *name;
} names[] = {
#define N(c) {c, #c}
    N(WV_OK), N(WV_ERR_ARG), N(WV_ERR_IO), N(WV_ERR_NOMEM), N(WV_ERR_INTERNAL),
    N(WV_ERR_DECODE), N(WV_ERR_UNKNOWN_FIELD), N(WV_ERR_NONCANONICAL),
    N(WV_ERR_TOO_LARGE), N(WV_ERR_DUPLICATE_MEMBER), N(WV_ERR_DUPLICATE_KEY),
    N(WV_ERR_VERSION), N(WV_ERR_BODY_TYPE), N(WV_ERR_MISSING_FIELD),
    N(WV_ERR_BAD_VALUE), N(WV_ERR_CSV),
    N(WV_ERR_KEY_FORMAT), N(WV_ERR_KEY_ALGORITHM), N(WV_ERR_PASSPHRASE),
    N(WV_ERR_SIG_FORMAT), N(WV_ERR_BAD_SIGNATURE), N(WV_ERR_KEY_MISMATCH),
    N(WV_ERR_KEY_UNKNOWN), N(WV_ERR_KEY_REVOKED), N(WV_ERR_KEY_NOT_YET_VALID),
    N(WV_ERR_KEY_EXPIRED), N(WV_ERR_KEY_WRONG_MEMBER), N(WV_ERR_UNSIGNED),
    N(WV_ERR_MEMBER_UNKNOWN),
    N(WV_ERR_UNKNOWN_PROCEDURE), N(WV_ERR_IMPOSSIBLE), N(WV_ERR_INADMISSIBLE),
    N(WV_ERR_DECISION_MISMATCH),
    N(WV_ERR_LOG_CORRUPT), N(WV_ERR_LOG_LOCKED), N(WV_ERR_PROOF),
    N(WV_ERR_CHECKPOINT), N(WV_ERR_VERIFY), N(WV_ERR_SCENARIO),
    /* branch once */
    N(WV_ERR_LOG_TORN),
#undef N
};

const char *wv_status_name(wv_status code)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == code)
            return names[i].name;
    return "WV_ERR_UNKNOWN";
}

wv_status wv_status_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].name, name) == 0)
            return names[i].code;
    return WV_OK;
}

int wv_status_is_refusal(wv_status code)
{
    switch (code) {
    case WV_OK:
    case WV_ERR_ARG:
    case WV_ERR_IO:
    case WV_ERR_NOMEM:
    case WV_ERR_INTERNAL:
    case WV_ERR_KEY_FORMAT:
    case WV_ERR_KEY_ALGORITHM:
    case WV_ERR_SIG_FORMAT:
    case WV_ERR_CSV:
    case WV_ERR_LOG_LOCKED:
    case WV_ERR_UNKNOWN_PROCEDURE:
    case WV_ERR_IMPOSSIBLE:
    case WV_ERR_SCENARIO:
        return 0;
    default:
        return 1;
    }
}
