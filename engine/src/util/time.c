#include <stdio.h>
#include <string.h>

#include "wtovote/util.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * civil-from-days algorithm, written out from its published description). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, unsigned m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : dm[m - 1];
}

/* Exactly the layout: 'D' a digit 0-9, anything else itself. (sscanf's %d
 * would also take a sign or leading blanks, e.g. "2024-+8-30".) */
static int layout_ok(const char *text, const char *layout)
{
    size_t i = 0;
    for (; layout[i] != '\0'; i++) {
        int digit = text[i] >= '0' && text[i] <= '9';
        if (layout[i] == 'D' ? !digit : text[i] != layout[i])
            return 0;
    }
    return text[i] == '\0';
}

/* The decimal number at text[at..at+n). */
static int field(const char *text, size_t at, size_t n)
{
    int v = 0;
    for (size_t i = at; i < at + n; i++)
        v = v * 10 + (text[i] - '0');
    return v;
}

wv_status wv_time_parse(const char *text, int64_t *out, wv_error *err)
{
    int with_time = layout_ok(text, "DDDD-DD-DDTDD:DD:DDZ");
    if (!with_time && !layout_ok(text, "DDDD-DD-DD"))
        return wv_error_set(err, WV_ERR_ARG,
                            "'%s' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", text);
    int y = field(text, 0, 4), mo = field(text, 5, 2), d = field(text, 8, 2);
    int h = with_time ? field(text, 11, 2) : 0, mi = with_time ? field(text, 14, 2) : 0,
        s = with_time ? field(text, 17, 2) : 0;
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, (unsigned)mo) ||
        h > 23 || mi > 59 || s > 59)
        return wv_error_set(err, WV_ERR_ARG,
                            "'%s' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", text);
    *out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
    return WV_OK;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b) != 0 && ((a < 0) != (b < 0)));
}

void wv_date_format(int64_t t, char *buf, size_t size)
{
    int64_t y;
    unsigned m, d;
    civil_from_days(floor_div(t, 86400), &y, &m, &d);
    snprintf(buf, size, "%04lld-%02u-%02u", (long long)y, m, d);
}

void wv_time_format(int64_t t, char *buf, size_t size)
{
    int64_t y;
    unsigned m, d;
    int64_t days = floor_div(t, 86400), sec = t - days * 86400;
    civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d,
             (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

int64_t wv_days_between(int64_t a, int64_t b)
{
    return floor_div(b, 86400) - floor_div(a, 86400);
}
