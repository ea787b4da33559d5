/* Unit tests of the roster: the embedded membership, CSV import, keys and
 * their validity windows, Secretariat signing, encode/decode round trips. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/roster.h"
#include "wtovote/util.h"

#define DAY 86400

static int64_t date(const char *s)
{
    int64_t t = 0;
    assert_int_equal(wv_time_parse(s, &t, NULL), WV_OK);
    return t;
}

static wv_secret_key *key_from(uint8_t fill)
{
    uint8_t seed[32];
    memset(seed, fill, sizeof seed);
    wv_secret_key *sk = NULL;
    assert_int_equal(wv_secret_key_from_seed(seed, &sk, NULL), WV_OK);
    return sk;
}

static wv_public_key pub_from(uint8_t fill)
{
    wv_secret_key *sk = key_from(fill);
    wv_public_key pub;
    wv_secret_key_public(sk, &pub);
    wv_secret_key_free(sk);
    return pub;
}

static uint8_t *find(uint8_t *buf, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(buf + i, needle, n) == 0)
            return buf + i;
    return NULL;
}

static wv_roster *default_roster(void)
{
    wv_roster *r = NULL;
    wv_error err;
    assert_int_equal(wv_roster_default(&r, &err), WV_OK);
    return r;
}

/* ------------------------------------------------------------ embedded list */

/* WTO "Members and Observers": 166 Members on 30 August 2024, the EU one of
 * them beside its 27 member States (Marrakesh Agreement, Arts. IX:1 fn 2,
 * XI:1). */
static void default_counts(void **state)
{
    (void)state;
    wv_roster *r = default_roster();
    size_t n = wv_roster_member_count(r), eu = 0, ldc = 0, first_day = 0;
    assert_int_equal(n, 166);
    for (size_t i = 0; i < n; i++) {
        const Wtovote__V1__Member *m = wv_roster_member_at(r, i);
        eu += m->eu_member_state;
        ldc += m->ldc;
        first_day += strcmp(m->joined, "1995-01-01") == 0;
        assert_int_equal(wv_member_code_check(m->code, NULL), WV_OK);
        assert_true(m->name[0] != '\0');
        if (i > 0) /* sorted and unique */
            assert_true(strcmp(wv_roster_member_at(r, i - 1)->code, m->code) < 0);
    }
    assert_int_equal(eu, 27);
    /* UN LDC list 2024 (45 countries) intersected with WTO membership. */
    assert_int_equal(ldc, 37);
    /* 76 governments were WTO Members on 1 January 1995. */
    assert_int_equal(first_day, 76);
    int e = wv_roster_member_index(r, WV_EU_CODE);
    assert_true(e >= 0);
    assert_false(wv_roster_member_at(r, (size_t)e)->eu_member_state);
    assert_string_equal(wv_roster_member_at(r, (size_t)e)->name, "European Union");
    assert_int_equal(wv_roster_is_signed(r), 0);
    wv_roster_free(r);
}

static void default_dates(void **state)
{
    (void)state;
    wv_roster *r = default_roster();
    int64_t limit = date("2024-08-30"), last = 0, second = 0;
    const char *last_code = NULL, *second_code = NULL;
    for (size_t i = 0; i < wv_roster_member_count(r); i++) {
        const Wtovote__V1__Member *m = wv_roster_member_at(r, i);
        assert_int_equal(strlen(m->joined), 10);
        int64_t t = date(m->joined);
        assert_true(t >= date("1995-01-01"));
        assert_true(t <= limit);
        if (t > last) {
            second = last, second_code = last_code;
            last = t, last_code = m->code;
        } else if (t > second) {
            second = t, second_code = m->code;
        }
    }
    /* Comoros: 165th Member, 21 August 2024; Timor-Leste: 166th, 30 August 2024. */
    assert_string_equal(last_code, "TLS");
    assert_int_equal(last, date("2024-08-30"));
    assert_string_equal(second_code, "COM");
    assert_int_equal(second, date("2024-08-21"));
    wv_roster_free(r);
}

static void default_spot_checks(void **state)
{
    (void)state;
    static const struct {
        const char *code, *joined;
        int eu, ldc;
    } rows[] = {
        {"AFG", "2016-07-29", 0, 1}, {"LBR", "2016-07-14", 0, 1}, {"KAZ", "2015-11-30", 0, 0},
        {"SYC", "2015-04-26", 0, 0}, {"YEM", "2014-06-26", 0, 1}, {"CHN", "2001-12-11", 0, 0},
        {"TWN", "2002-01-01", 0, 0}, {"HKG", "1995-01-01", 0, 0}, {"MAC", "1995-01-01", 0, 0},
        {"SWE", "1995-01-01", 1, 0}, {"HRV", "2000-11-30", 1, 0}, {"GBR", "1995-01-01", 0, 0},
        {"RUS", "2012-08-22", 0, 0}, {"VUT", "2012-08-24", 0, 0}, {"BGD", "1995-01-01", 0, 1},
    };
    wv_roster *r = default_roster();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int k = wv_roster_member_index(r, rows[i].code);
        assert_true(k >= 0);
        const Wtovote__V1__Member *m = wv_roster_member_at(r, (size_t)k);
        assert_string_equal(m->joined, rows[i].joined);
        assert_int_equal(m->eu_member_state, rows[i].eu);
        assert_int_equal(m->ldc, rows[i].ldc);
    }
    assert_int_equal(wv_roster_member_index(r, "ETH"), -1); /* an observer */
    assert_int_equal(wv_roster_member_index(r, "ZZZ"), -1);
    wv_roster_free(r);
}


/* ------------------------------------------------------------ dated rosters */

typedef struct dated_row {
    const char *date;
    size_t members, eu_states;
    const char *why; /* source of the count */
} dated_row;

static wv_roster *as_of(const char *d)
{
    wv_roster *r = NULL;
    wv_error err;
    assert_int_equal(wv_roster_as_of(d, &r, &err), WV_OK);
    assert_string_equal(wv_roster_message(r)->as_of, d);
    return r;
}

static const Wtovote__V1__Member *member(const wv_roster *r, const char *code)
{
    int i = wv_roster_member_index(r, code);
    return i < 0 ? NULL : wv_roster_member_at(r, (size_t)i);
}

/* Member counts published by the WTO ("Members and Observers"; its press
 * releases on each accession) and EU member States on each date (the
 * accession treaties; the UK's withdrawal on 31 January 2020, TEU Art. 50).
 * The EU's bloc is as many votes as its member States: Art. IX:1 fn 2. */
static void dated_counts(void **state)
{
    (void)state;
    static const dated_row rows[] = {
        {"1995-01-01", 76, 15, "76 governments Members on the WTO's first day"},
        {"2004-04-22", 146, 15, "the day before Nepal"},
        {"2004-05-01", 147, 25, "Nepal the 147th (2004-04-23); EU enlargement 2004-05-01"},
        {"2007-01-01", 149, 27, "Bulgaria and Romania in the EU; Viet Nam 150th on 01-11"},
        {"2013-07-01", 159, 28, "Tajikistan the 159th (2013-03-02); Croatia in the EU"},
        {"2016-07-29", 164, 28, "Afghanistan the 164th (2016-07-29)"},
        {"2020-01-31", 164, 28, "the UK's last day as an EU member State"},
        {"2020-02-01", 164, 27, "the UK outside the EU"},
        {"2024-08-30", 166, 27, "Timor-Leste the 166th (2024-08-30)"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_roster *r = as_of(rows[i].date);
        size_t eu = 0;
        for (size_t k = 0; k < wv_roster_member_count(r); k++) {
            const Wtovote__V1__Member *m = wv_roster_member_at(r, k);
            eu += m->eu_member_state;
            assert_true(strcmp(m->joined, rows[i].date) <= 0);
        }
        print_message("%s: %zu Members, %zu EU member States (%s)\n", rows[i].date,
                      wv_roster_member_count(r), eu, rows[i].why);
        assert_int_equal(wv_roster_member_count(r), rows[i].members);
        assert_int_equal(eu, rows[i].eu_states);
        assert_int_equal(wv_roster_eu_member_states(r), rows[i].eu_states);
        assert_non_null(member(r, WV_EU_CODE)); /* an original Member (XI:1) */
        assert_non_null(member(r, "GBR"));
        wv_roster_free(r);
    }
}

/* The UK: a WTO Member throughout, an EU member State until 31 January 2020;
 * LDC status as on the UN list on the date (UN DESA / CDP graduations). */
static void dated_flags(void **state)
{
    (void)state;
    static const struct {
        const char *date, *code;
        int eu, ldc;
    } rows[] = {
        {"1995-01-01", "GBR", 1, 0}, {"2020-01-31", "GBR", 1, 0}, {"2020-02-01", "GBR", 0, 0},
        {"1995-01-01", "AUT", 1, 0}, {"1995-01-01", "CZE", 0, 0}, {"2004-05-01", "CZE", 1, 0},
        {"2013-06-30", "HRV", 0, 0}, {"2013-07-01", "HRV", 1, 0},
        {"1995-05-31", "MDV", 0, 1}, {"2010-12-31", "MDV", 0, 1}, {"2011-01-01", "MDV", 0, 0},
        {"2013-12-31", "WSM", 0, 1}, {"2014-01-01", "WSM", 0, 0},
        {"2020-12-03", "VUT", 0, 1}, {"2020-12-04", "VUT", 0, 0},
        {"2024-12-12", "SLB", 0, 1}, {"2024-12-13", "SLB", 0, 0},
        {"2001-04-11", "SEN", 0, 0}, {"2001-04-12", "SEN", 0, 1},
        {"2008-07-23", "CPV", 0, 0}, {"1995-05-31", "BWA", 0, 0},
        {"1995-01-01", "BGD", 0, 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_roster *r = as_of(rows[i].date);
        const Wtovote__V1__Member *m = member(r, rows[i].code);
        assert_non_null(m);
        if (m->eu_member_state != rows[i].eu || m->ldc != rows[i].ldc)
            fail_msg("%s on %s: eu=%d ldc=%d, expected eu=%d ldc=%d", rows[i].code,
                     rows[i].date, m->eu_member_state, m->ldc, rows[i].eu, rows[i].ldc);
        wv_roster_free(r);
    }
    wv_roster *r = as_of("1995-05-30"); /* the Maldives joined on 1995-05-31 */
    assert_null(member(r, "MDV"));
    wv_roster_free(r);
}

/* The default roster is the history's roster of 30 August 2024, byte for byte. */
static void dated_default(void **state)
{
    (void)state;
    wv_roster *a = default_roster(), *b = as_of("2024-08-30");
    uint8_t *x = NULL, *y = NULL;
    size_t nx = 0, ny = 0;
    assert_int_equal(wv_roster_encode(a, &x, &nx, NULL), WV_OK);
    assert_int_equal(wv_roster_encode(b, &y, &ny, NULL), WV_OK);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, nx);
    free(x);
    free(y);
    wv_roster_free(a);
    wv_roster_free(b);
}

/* Dates outside the history are refused, naming the date and the bound. */
static void dated_refused(void **state)
{
    (void)state;
    static const struct {
        const char *date, *words;
    } rows[] = {
        {"1994-12-31", "GATT 1947"}, {"1948-01-01", "before 1995-01-01"},
        {"2025-01-01", "after 2024-12-31"}, {"2024-02-30", "not a date"},
        {"2024-08-30T00:00:00Z", "not a date"}, {"", "a date YYYY-MM-DD is needed"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_roster *r = NULL;
        wv_error err;
        assert_int_equal(wv_roster_as_of(rows[i].date, &r, &err), WV_ERR_ARG);
        assert_null(r);
        if (strstr(err.message, rows[i].words) == NULL)
            fail_msg("%s: '%s' lacks '%s'", rows[i].date, err.message, rows[i].words);
    }
    assert_string_equal(wv_roster_history_first(), "1995-01-01");
    assert_string_equal(wv_roster_history_last(), "2024-12-31");
}

/* ------------------------------------------------------------ CSV */

static const char good_csv[] =
    "code,name,eu_member_state,ldc,joined\r\n"
    "SWE,Sweden,1,0,1995-01-01\r\n"
    "\r\n"
    "EU,\"European Union\",false,false,1995-01-01\n"
    "KOR,\"Korea, Republic of\",0,0,1995-01-01\n"
    "XQA,\"The \"\"Quoted\"\" Member\",0,true,\n";

static void csv_good(void **state)
{
    (void)state;
    wv_roster *r = NULL;
    wv_error err;
    assert_int_equal(wv_roster_from_csv(good_csv, strlen(good_csv), &r, &err), WV_OK);
    assert_int_equal(wv_roster_member_count(r), 4);
    /* sorted after reading */
    assert_string_equal(wv_roster_member_at(r, 0)->code, "EU");
    assert_string_equal(wv_roster_member_at(r, 1)->code, "KOR");
    assert_string_equal(wv_roster_member_at(r, 1)->name, "Korea, Republic of");
    assert_string_equal(wv_roster_member_at(r, 2)->code, "SWE");
    assert_true(wv_roster_member_at(r, 2)->eu_member_state);
    assert_string_equal(wv_roster_member_at(r, 3)->name, "The \"Quoted\" Member");
    assert_true(wv_roster_member_at(r, 3)->ldc);
    assert_string_equal(wv_roster_member_at(r, 3)->joined, "");
    wv_roster_free(r);
}

static void csv_bad(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        wv_status code;
        const char *where;
    } rows[] = {
        {"", WV_ERR_CSV, "line 1, column 1"},
        {"code,name,eu,ldc,joined\n", WV_ERR_CSV, "line 1, column 11"},
        {"code,name,eu_member_state,ldc\n", WV_ERR_CSV, "line 1, column 30"},
        {"code,name,eu_member_state,ldc,joined\nSWE,Sweden,2,0,1995-01-01\n", WV_ERR_CSV,
         "line 2, column 12"},
        {"code,name,eu_member_state,ldc,joined\nswe,Sweden,1,0,1995-01-01\n", WV_ERR_CSV,
         "line 2, column 1"},
        {"code,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,1995-02-30\n", WV_ERR_CSV,
         "line 2, column 16"},
        {"code,name,eu_member_state,ldc,joined\nSWE,\"Swe\"x,1,0,1995-01-01\n", WV_ERR_CSV,
         "line 2, column 10"},
        {"code,name,eu_member_state,ldc,joined\nSWE,\"Sweden,1,0,1995-01-01\n", WV_ERR_CSV,
         "line 2, column 5"},
        {"code,name,eu_member_state,ldc,joined\nSWE,Swe\"den,1,0,1995-01-01\n", WV_ERR_CSV,
         "line 2, column 8"},
        {"code,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,1995-01-01,x\n", WV_ERR_CSV,
         "line 2, column 26"},
        {"code,name,eu_member_state,ldc,joined\nSWE,,1,0,1995-01-01\n", WV_ERR_CSV,
         "line 2, column 5"},
        {"code,name,eu_member_state,ldc,joined\rSWE,Sweden,1,0,\n", WV_ERR_CSV,
         "line 1, column 37"},
        {"code,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,\nFIN,Finland,1,0,\n"
         "SWE,Sverige,1,0,\n",
         WV_ERR_DUPLICATE_MEMBER, "line 4, column 1: member SWE already listed on line 2"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_roster *r = (wv_roster *)&r;
        wv_error err;
        wv_error_clear(&err);
        assert_int_equal(wv_roster_from_csv(rows[i].text, strlen(rows[i].text), &r, &err),
                         rows[i].code);
        assert_null(r);
        if (strstr(err.message, rows[i].where) == NULL)
            fail_msg("row %zu: '%s' does not name '%s'", i, err.message, rows[i].where);
    }
}

/* ------------------------------------------------------------ keys */

typedef struct fixture {
    wv_roster *r;
    wv_public_key swe, fin, usa;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->r = default_roster();
    f->swe = pub_from(1);
    f->fin = pub_from(2);
    f->usa = pub_from(3);
    assert_int_equal(wv_roster_add_key(f->r, "SWE", &f->swe, date("2026-01-01"),
                                       date("2027-01-01"), NULL),
                     WV_OK);
    assert_int_equal(wv_roster_add_key(f->r, "FIN", &f->fin, 0, 0, NULL), WV_OK);
    assert_int_equal(wv_roster_add_key(f->r, "USA", &f->usa, 0, 0, NULL), WV_OK);
    assert_int_equal(wv_roster_revoke_key(f->r, f->usa.key_id, date("2026-06-01"), NULL), WV_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wv_roster_free(f->r);
    free(f);
    return 0;
}

static void check_key(const wv_roster *r, const wv_public_key *k, const char *member,
                         int64_t t, wv_status want)
{
    wv_error err;
    wv_public_key got;
    wv_error_clear(&err);
    wv_status st = wv_roster_key_check(r, k->key_id, member, t, &got, &err);
    if (st != want)
        fail_msg("key check of %s at %lld: %s (%s), expected %s", member ? member : "(sec)",
                 (long long)t, wv_status_name(st), err.message, wv_status_name(want));
    if (st == WV_OK)
        assert_memory_equal(got.pk, k->pk, WV_PUBLIC_KEY_BYTES);
    else
        assert_true(err.message[0] != '\0');
}

/* valid_from <= t < valid_until, t < revoked_at (SPEC.md, "Roster: key validity"). */
static void key_windows(void **state)
{
    fixture *f = *state;
    int64_t from = date("2026-01-01"), until = date("2027-01-01"), rev = date("2026-06-01");
    check_key(f->r, &f->swe, "SWE", from - 1, WV_ERR_KEY_NOT_YET_VALID);
    check_key(f->r, &f->swe, "SWE", from, WV_OK);
    check_key(f->r, &f->swe, "SWE", until - 1, WV_OK);
    check_key(f->r, &f->swe, "SWE", until, WV_ERR_KEY_EXPIRED);
    check_key(f->r, &f->usa, "USA", rev - 1, WV_OK);
    check_key(f->r, &f->usa, "USA", rev, WV_ERR_KEY_REVOKED);
    check_key(f->r, &f->fin, "FIN", 0, WV_OK);
    check_key(f->r, &f->fin, "FIN", date("2999-01-01"), WV_OK);
    check_key(f->r, &f->fin, "SWE", from, WV_ERR_KEY_WRONG_MEMBER);
    wv_public_key stranger = pub_from(9);
    check_key(f->r, &stranger, "SWE", from, WV_ERR_KEY_UNKNOWN);
    /* unsigned roster: no Secretariat key */
    check_key(f->r, &f->fin, NULL, from, WV_ERR_KEY_WRONG_MEMBER);
    check_key(f->r, &stranger, NULL, from, WV_ERR_KEY_UNKNOWN);
}

static void key_edit_errors(void **state)
{
    fixture *f = *state;
    wv_public_key k = pub_from(4);
    assert_int_equal(wv_roster_add_key(f->r, "XXX", &k, 0, 0, NULL), WV_ERR_MEMBER_UNKNOWN);
    assert_int_equal(wv_roster_add_key(f->r, "CAN", &f->swe, 0, 0, NULL), WV_ERR_DUPLICATE_KEY);
    assert_int_equal(wv_roster_add_key(f->r, "CAN", &k, 100, 100, NULL), WV_ERR_ARG);
    assert_int_equal(wv_roster_revoke_key(f->r, k.key_id, 100, NULL), WV_ERR_KEY_UNKNOWN);
    assert_int_equal(wv_roster_revoke_key(f->r, f->usa.key_id, 100, NULL), WV_ERR_KEY_REVOKED);
    /* a failed edit leaves the roster as it was */
    assert_int_equal(wv_roster_message(f->r)->n_keys, 3);
    check_key(f->r, &f->usa, "USA", date("2026-05-31"), WV_OK);
}

/* ------------------------------------------------------------ signing, files */

static wv_roster *round_trip(const wv_roster *r)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    wv_error err;
    assert_int_equal(wv_roster_encode(r, &buf, &len, &err), WV_OK);
    wv_roster *back = NULL;
    if (wv_roster_decode(buf, len, &back, &err) != WV_OK)
        fail_msg("decode: %s", err.message);
    free(buf);
    return back;
}

static void sign_verify_round_trip(void **state)
{
    fixture *f = *state;
    wv_error err;
    assert_int_equal(wv_roster_verify(f->r, &err), WV_ERR_UNSIGNED);
    wv_roster *draft = round_trip(f->r);
    assert_int_equal(wv_roster_is_signed(draft), 0);
    assert_int_equal(wv_roster_message(draft)->n_keys, 3);
    wv_roster_free(draft);

    wv_secret_key *sec = key_from(42);
    wv_public_key sec_pub;
    wv_secret_key_public(sec, &sec_pub);
    assert_int_equal(wv_roster_sign(f->r, sec, &err), WV_OK);
    assert_int_equal(wv_roster_verify(f->r, &err), WV_OK);
    wv_public_key got;
    assert_int_equal(wv_roster_secretariat(f->r, &got), 0);
    assert_memory_equal(got.pk, sec_pub.pk, WV_PUBLIC_KEY_BYTES);

    wv_roster *back = round_trip(f->r);
    assert_true(wv_roster_is_signed(back));
    assert_int_equal(wv_roster_verify(back, &err), WV_OK);
    uint8_t a[32], b[32];
    wv_roster_fingerprint(f->r, a);
    wv_roster_fingerprint(back, b);
    assert_memory_equal(a, b, 32);
    check_key(back, &sec_pub, NULL, 0, WV_OK);
    check_key(back, &sec_pub, "SWE", 0, WV_ERR_KEY_WRONG_MEMBER);
    check_key(back, &f->usa, "USA", date("2026-06-01"), WV_ERR_KEY_REVOKED);

    /* an edit drops the signature and changes the fingerprint */
    wv_public_key k = pub_from(5);
    assert_int_equal(wv_roster_add_key(back, "CAN", &k, 0, 0, &err), WV_OK);
    assert_int_equal(wv_roster_is_signed(back), 0);
    assert_int_equal(wv_roster_verify(back, &err), WV_ERR_UNSIGNED);
    wv_roster_fingerprint(back, b);
    assert_memory_not_equal(a, b, 32);
    wv_roster_free(back);
    wv_secret_key_free(sec);
}

static void tampered_roster(void **state)
{
    fixture *f = *state;
    wv_error err;
    wv_secret_key *sec = key_from(42);
    assert_int_equal(wv_roster_sign(f->r, sec, &err), WV_OK);
    wv_secret_key_free(sec);
    uint8_t *buf = NULL;
    size_t len = 0;
    assert_int_equal(wv_roster_encode(f->r, &buf, &len, &err), WV_OK);
    /* flip the first letter of "Afghanistan" inside the body */
    uint8_t *p = find(buf, len, "Afghanistan");
    assert_non_null(p);
    p[0] = 'B';
    wv_roster *r = NULL;
    assert_int_equal(wv_roster_decode(buf, len, &r, &err), WV_OK);
    assert_int_equal(wv_roster_verify(r, &err), WV_ERR_BAD_SIGNATURE);
    wv_roster_free(r);
    /* truncated: not a roster at all */
    assert_int_not_equal(wv_roster_decode(buf, len - 3, &r, &err), WV_OK);
    assert_null(r);
    free(buf);
}

/* SPEC "The roster file": a draft names no Secretariat key, so a signed
 * roster with its signature removed is refused, not read as a draft that
 * has the signed roster's fingerprint. */
static void stripped_signature(void **state)
{
    fixture *f = *state;
    wv_error err;
    wv_secret_key *sec = key_from(42);
    assert_int_equal(wv_roster_sign(f->r, sec, &err), WV_OK);
    wv_secret_key_free(sec);
    uint8_t *buf = NULL, *bare = NULL;
    size_t len = 0, bare_len = 0;
    wv_envelope *env = NULL;
    assert_int_equal(wv_roster_encode(f->r, &buf, &len, &err), WV_OK);
    assert_int_equal(wv_envelope_decode(buf, len, &env, &err), WV_OK);
    env->key_id.len = 0;
    env->signature.len = 0;
    assert_int_equal(wv_message_encode(&env->base, &bare, &bare_len, &err), WV_OK);
    wv_roster *r = NULL;
    assert_int_equal(wv_roster_decode(bare, bare_len, &r, &err), WV_ERR_BAD_VALUE);
    assert_null(r);
    assert_non_null(strstr(err.message, "Secretariat key"));
    wv_message_free(env);
    free(bare);
    free(buf);
}

/* A refused edit leaves a signed roster signed and verifying. */
static void refused_edit_keeps_signature(void **state)
{
    fixture *f = *state;
    wv_error err;
    wv_secret_key *sec = key_from(42);
    assert_int_equal(wv_roster_sign(f->r, sec, &err), WV_OK);
    wv_secret_key_free(sec);
    uint8_t before[32], after[32];
    wv_roster_fingerprint(f->r, before);
    wv_public_key twin = f->swe; /* same public key under another key id */
    twin.key_id[0] ^= 0xFF;
    assert_int_equal(wv_roster_add_key(f->r, "CAN", &twin, 0, 0, &err), WV_ERR_DUPLICATE_KEY);
    assert_int_equal(wv_roster_revoke_key(f->r, f->usa.key_id, 5, &err), WV_ERR_KEY_REVOKED);
    assert_true(wv_roster_is_signed(f->r));
    assert_int_equal(wv_roster_verify(f->r, &err), WV_OK);
    wv_roster_fingerprint(f->r, after);
    assert_memory_equal(before, after, 32);
    assert_int_equal(wv_roster_message(f->r)->n_keys, 3);
}

/* An envelope holding an Act is not a roster; a missing file names itself. */
static void not_a_roster(void **state)
{
    (void)state;
    wv_secret_key *sk = key_from(7);
    wv_act act = WTOVOTE__V1__ACT__INIT;
    act.version = 1;
    static uint8_t ref[WV_MEETING_REF_BYTES]; /* any 32 bytes decode */
    act.meeting_id = "GC-1";
    act.meeting_ref = (ProtobufCBinaryData){sizeof ref, ref};
    act.member = "SWE";
    act.kind = WTOVOTE__V1__ACT_KIND__ACT_ATTEND;
    act.time = 1;
    uint8_t *buf = NULL;
    size_t len = 0;
    wv_error err;
    assert_int_equal(wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ACT, &act.base, sk, &buf,
                                      &len, &err),
                     WV_OK);
    wv_roster *r = NULL;
    assert_int_equal(wv_roster_decode(buf, len, &r, &err), WV_ERR_BODY_TYPE);
    assert_null(r);
    free(buf);
    wv_secret_key_free(sk);
    assert_int_equal(wv_roster_load("/nonexistent/roster.pb", &r, &err), WV_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent/roster.pb"));
}

/* Many keys: every one is found by its id, for its own Member only. */
static void many_keys(void **state)
{
    (void)state;
    enum { N = 600 };
    wv_roster *r = default_roster();
    static wv_public_key keys[N];
    size_t members = wv_roster_member_count(r);
    for (int i = 0; i < N; i++) {
        uint8_t seed[32] = {0};
        seed[0] = (uint8_t)i;
        seed[1] = (uint8_t)(i >> 8);
        wv_secret_key *sk = NULL;
        assert_int_equal(wv_secret_key_from_seed(seed, &sk, NULL), WV_OK);
        wv_secret_key_public(sk, &keys[i]);
        wv_secret_key_free(sk);
        const char *m = wv_roster_member_at(r, (size_t)i % members)->code;
        assert_int_equal(wv_roster_add_key(r, m, &keys[i], 0, 0, NULL), WV_OK);
    }
    for (int i = 0; i < N; i++) {
        const char *m = wv_roster_member_at(r, (size_t)i % members)->code;
        const char *other = wv_roster_member_at(r, (size_t)(i + 1) % members)->code;
        check_key(r, &keys[i], m, 1000, WV_OK);
        check_key(r, &keys[i], other, 1000, WV_ERR_KEY_WRONG_MEMBER);
    }
    wv_roster *back = round_trip(r);
    for (int i = 0; i < N; i += 37)
        check_key(back, &keys[i], wv_roster_member_at(r, (size_t)i % members)->code, 1, WV_OK);
    wv_roster_free(back);
    wv_roster_free(r);
}

int main(void)
{
    if (wv_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_counts),
        cmocka_unit_test(default_dates),
        cmocka_unit_test(default_spot_checks),
        cmocka_unit_test(dated_counts),
        cmocka_unit_test(dated_flags),
        cmocka_unit_test(dated_default),
        cmocka_unit_test(dated_refused),
        cmocka_unit_test(csv_good),
        cmocka_unit_test(csv_bad),
        cmocka_unit_test_setup_teardown(key_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(key_edit_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(sign_verify_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(tampered_roster, setup, teardown),
        cmocka_unit_test_setup_teardown(stripped_signature, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_edit_keeps_signature, setup, teardown),
        cmocka_unit_test(not_a_roster),
        cmocka_unit_test(many_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
