/* Art. IX:4: a waiver granted for more than one year is reviewed by the
 * Ministerial Conference not later than one year after it is granted, and
 * thereafter annually until the waiver terminates. */
#include <stdio.h>

#include "wtovote/rules.h"
#include "wtovote/util.h"

/* 10000-01-01T00:00:00Z: dates end with the year 9999. */
#define YEAR_10000 INT64_C(253402300800)

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* The k-th anniversary of the date of `t`: the same month and day k years
 * later; 29 February becomes 28 February in a common year, so that a review
 * is never later than the anniversary ("not later than one year"). */
static wv_status anniversary(int64_t t, int k, int64_t *out, wv_error *err)
{
    char buf[16];
    int y, m, d;
    wv_date_format(t, buf, sizeof buf);
    if (sscanf(buf, "%d-%d-%d", &y, &m, &d) != 3)
        return wv_error_set(err, WV_ERR_INTERNAL, "date %s could not be read back", buf);
    y += k;
    if (m == 2 && d == 29 && !is_leap(y))
        d = 28;
    if (y > 9999) { /* after any termination date: the caller stops */
        *out = YEAR_10000;
        return WV_OK;
    }
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return wv_time_parse(buf, out, err);
}

wv_status wv_waiver_review_dates(int64_t granted, int64_t terminates, int64_t *out, size_t cap,
                                 size_t *n, wv_error *err)
{
    if (n == NULL || (out == NULL && cap > 0))
        return wv_error_set(err, WV_ERR_ARG, "wv_waiver_review_dates: NULL output");
    *n = 0;
    if (wv_days_between(granted, terminates) <= 0)
        return wv_error_set(err, WV_ERR_ARG,
                            "termination date is not after the date of grant (Art. IX:4)");
    if (terminates >= YEAR_10000)
        return wv_error_set(err, WV_ERR_ARG, "termination date is after 9999-12-31");
    int64_t end_day = wv_days_between(0, terminates);
    for (int k = 1;; k++) {
        int64_t review;
        wv_status st = anniversary(granted, k, &review, err);
        if (st != WV_OK)
            return st;
        /* Only reviews strictly before termination: a waiver lasting one
         * year or less has none. */
        if (wv_days_between(0, review) >= end_day)
            break;
        if (*n < cap)
            out[*n] = review;
        (*n)++;
    }
    return WV_OK;
}
