/* engine/wire roster: private pieces shared by roster.c, roster_csv.c and
 * roster_default.c. */
#ifndef WV_ROSTER_INTERNAL_H
#define WV_ROSTER_INTERNAL_H

#include <stddef.h>

#include "wtovote/pb.h"
#include "wtovote/roster.h"

/* One Member as plain data (the embedded table, or a parsed CSV row). */
typedef struct wv_default_member {
    const char *code;
    const char *name;
    int eu_member_state;
    int ldc;
    const char *joined; /* YYYY-MM-DD, or "" when unknown */
} wv_default_member;

/* A dated status: held on dates in [from, until); from "" = since before
 * the table's first date, until "" = no end within it. */
typedef struct wv_dated_span {
    int held;
    const char *from, *until;
} wv_dated_span;

/* One Member of the embedded history (roster_default.c). */
typedef struct wv_member_history {
    const char *code;
    const char *name;
    const char *joined; /* YYYY-MM-DD: date of WTO membership */
    wv_dated_span eu;   /* a member State of the EU */
    wv_dated_span ldc;  /* on the UN list of least developed countries */
} wv_member_history;

extern const wv_member_history wv_member_histories[];
extern const size_t wv_member_history_count;
extern const char wv_history_first[], wv_history_last[], wv_default_as_of[];

/* A new unsigned roster holding copies of v[0..n) sorted by code, no keys.
 * Checks each Member's fields; duplicate codes give WV_ERR_DUPLICATE_MEMBER. */
wv_status wv_roster_from_members(const wv_default_member *v, size_t n, const char *as_of,
                                 wv_roster **out, wv_error *err);

#endif
