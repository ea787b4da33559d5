/* Rosters of past dates from the embedded membership history
 * (roster_default.c; SPEC.md, "Roster", "The embedded list"): the Members
 * that had joined by the date, each flagged as an EU member State and as a
 * least-developed country as it was on that date. */
#include <stdlib.h>
#include <string.h>

#include "wire/roster_internal.h"
#include "wire/wire_internal.h"

static int span_holds(const wv_dated_span *s, const char *date)
{
    if (!s->held || (s->from[0] != '\0' && strcmp(date, s->from) < 0))
        return 0;
    return s->until[0] == '\0' || strcmp(date, s->until) < 0;
}

/* Dates compare as strings once both are YYYY-MM-DD. */
static wv_status check_covered(const char *date, wv_error *err)
{
    if (date == NULL || date[0] == '\0')
        return wv_error_set(err, WV_ERR_ARG, "as-of: a date YYYY-MM-DD is needed");
    if (wv_check_date_opt("as-of", date, NULL) != WV_OK)
        return wv_error_set(err, WV_ERR_ARG, "as-of '%.40s' is not a date YYYY-MM-DD", date);
    if (strcmp(date, wv_history_first) < 0)
        return wv_error_set(err, WV_ERR_ARG,
                            "as-of %s: before %s, when the WTO Agreement entered into force; "
                            "the GATT 1947 contracting parties' dates are not embedded "
                            "(give them as a members CSV instead)", date, wv_history_first);
    if (strcmp(date, wv_history_last) > 0)
        return wv_error_set(err, WV_ERR_ARG,
                            "as-of %s: after %s, the last date the embedded membership "
                            "data covers (give later Members as a members CSV instead)",
                            date, wv_history_last);
    return WV_OK;
}

wv_status wv_roster_as_of(const char *date, wv_roster **out, wv_error *err)
{
    *out = NULL;
    wv_status st = check_covered(date, err);
    if (st != WV_OK)
        return st;
    size_t n = 0;
    wv_default_member *v = malloc(wv_member_history_count * sizeof *v);
    if (v == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "roster: out of memory");
    for (size_t i = 0; i < wv_member_history_count; i++) {
        const wv_member_history *h = &wv_member_histories[i];
        if (strcmp(h->joined, date) > 0)
            continue;
        v[n++] = (wv_default_member){h->code, h->name, span_holds(&h->eu, date),
                                     span_holds(&h->ldc, date), h->joined};
    }
    st = wv_roster_from_members(v, n, date, out, err);
    free(v);
    return st;
}

wv_status wv_roster_default(wv_roster **out, wv_error *err)
{
    return wv_roster_as_of(wv_default_as_of, out, err);
}

const char *wv_roster_history_first(void)
{
    return wv_history_first;
}

const char *wv_roster_history_last(void)
{
    return wv_history_last;
}
