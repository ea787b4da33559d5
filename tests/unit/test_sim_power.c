/* Voting power indices (engine/sim power_game.c, power_proc.c) against games
 * computed by hand, and procedure games whose rules come from engine/rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "wtovote/sim.h"

#define EPS 1e-12

static void near(double got, double want)
{
    if (fabs(got - want) > EPS)
        fail_msg("got %.15g, want %.15g", got, want);
}

/* [3; 2, 1, 1]: winning {A,B}, {A,C}, {A,B,C}. A swings in all three, B in
 * {A,B}, C in {A,C}: Banzhaf 3/5, 1/5, 1/5. Orders (6): A pivotal in BAC,
 * BCA, CAB, CBA: Shapley-Shubik 4/6, 1/6, 1/6. */
static void test_weighted_211(void **state)
{
    (void)state;
    uint32_t w[3] = {2, 1, 1};
    wv_power_value v[3];
    assert_int_equal(wv_power_weighted(3, w, 3, v, NULL), WV_OK);
    near((double)v[0].swings, 3);
    near((double)v[1].swings, 1);
    near(v[0].banzhaf, 0.6);
    near(v[1].banzhaf, 0.2);
    near(v[2].banzhaf, 0.2);
    near(v[0].banzhaf_abs, 0.75);
    near(v[1].banzhaf_abs, 0.25);
    near(v[0].shapley, 4.0 / 6);
    near(v[1].shapley, 1.0 / 6);
    near(v[2].shapley, 1.0 / 6);
}

/* [50; 49, 49, 2]: any two win, so weight 2 weighs as much as 49. */
static void test_weighted_equal_power(void **state)
{
    (void)state;
    uint32_t w[3] = {49, 49, 2};
    wv_power_value v[3];
    assert_int_equal(wv_power_weighted(3, w, 50, v, NULL), WV_OK);
    for (int i = 0; i < 3; i++) {
        near(v[i].banzhaf, 1.0 / 3);
        near(v[i].shapley, 1.0 / 3);
    }
}

/* [3; 3, 1, 1]: a dictator holds all the power; dummies none. */
static void test_weighted_dictator(void **state)
{
    (void)state;
    uint32_t w[3] = {3, 1, 1};
    wv_power_value v[3];
    assert_int_equal(wv_power_weighted(3, w, 3, v, NULL), WV_OK);
    near(v[0].banzhaf, 1);
    near(v[0].shapley, 1);
    near(v[1].shapley, 0);
    near(v[2].banzhaf, 0);
}

/* Symmetric games: every player 1/n, whatever the quota. */
static void test_symmetric(void **state)
{
    (void)state;
    uint32_t w[7] = {1, 1, 1, 1, 1, 1, 1};
    for (uint64_t q = 1; q <= 7; q++) {
        wv_power_value v[7];
        assert_int_equal(wv_power_weighted(7, w, q, v, NULL), WV_OK);
        for (int i = 0; i < 7; i++) {
            near(v[i].banzhaf, 1.0 / 7);
            near(v[i].shapley, 1.0 / 7);
        }
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    wv_power_value v[1];
    wv_error err;
    assert_int_equal(wv_power_weighted(0, NULL, 1, v, &err), WV_ERR_ARG);
    uint32_t counts[1] = {0};
    assert_int_equal(wv_power_game(1, counts, NULL, NULL, v, &err), WV_ERR_ARG);
}

static wv_roster *roster(void)
{
    wv_roster *r = NULL;
    assert_int_equal(wv_roster_default(&r, NULL), WV_OK);
    assert_int_equal(wv_roster_member_count(r), 166);
    return r;
}

static const wv_power_row *row_of(const wv_power_report *rep, wv_power_kind kind)
{
    for (size_t i = 0; i < rep->n_rows; i++)
        if (rep->rows[i].kind == kind)
            return &rep->rows[i];
    fail_msg("no row of kind %d", (int)kind);
    return NULL;
}

/* Art. IX:1 fn 1 (consensus): unanimity of the 165 voters, each 1/165; the
 * EU, not voting while its member States do (IX:1 fn 2), holds none. */
static void test_consensus_unanimity(void **state)
{
    (void)state;
    wv_roster *r = roster();
    wv_power_report rep;
    assert_int_equal(wv_power_procedure(wv_procedure_find("consensus"), NULL, r, 0, &rep, NULL),
                     WV_OK);
    const wv_power_row *ind = row_of(&rep, WV_POWER_INDIVIDUAL);
    assert_int_equal(ind->players, 165);
    near(ind->value.shapley, 1.0 / 165);
    near(ind->value.banzhaf, 1.0 / 165);
    near(row_of(&rep, WV_POWER_SILENT)->value.shapley, 0);
    assert_int_equal(rep.min_winning, 165);
    assert_true(rep.monotone);
    /* With the bloc, consensus still needs everyone: 27 votes weigh 1/139. */
    assert_int_equal(wv_power_procedure(wv_procedure_find("consensus"), NULL, r, 1, &rep, NULL),
                     WV_OK);
    near(row_of(&rep, WV_POWER_EU_BLOC)->value.shapley, 1.0 / 139);
    near(row_of(&rep, WV_POWER_INDIVIDUAL)->value.shapley, 1.0 / 139);
    wv_roster_free(r);
}

/* Art. IX:1 majority of the votes cast, everyone voting: 83 of 165 votes.
 * The bloc (27) is pivotal when 56..82 of the 138 others precede it in a
 * random order, and their number is uniform on 0..138: 27/139. */
static void test_majority_bloc(void **state)
{
    (void)state;
    wv_roster *r = roster();
    wv_power_report rep;
    assert_int_equal(wv_power_procedure(wv_procedure_find("majority"), NULL, r, 0, &rep, NULL),
                     WV_OK);
    assert_int_equal(rep.min_winning, 83);
    near(row_of(&rep, WV_POWER_INDIVIDUAL)->value.shapley, 1.0 / 165);
    assert_int_equal(wv_power_procedure(wv_procedure_find("majority"), NULL, r, 1, &rep, NULL),
                     WV_OK);
    assert_int_equal(rep.total_votes, 165);
    assert_int_equal(rep.min_winning, 83);
    const wv_power_row *bloc = row_of(&rep, WV_POWER_EU_BLOC);
    const wv_power_row *ind = row_of(&rep, WV_POWER_INDIVIDUAL);
    assert_int_equal(ind->players, 138);
    near(bloc->value.shapley, 27.0 / 139);
    near(bloc->value.shapley + 138 * ind->value.shapley, 1.0);
    /* Banzhaf swings of the bloc: sum of C(138, k) for k = 56..82. */
    long double s = 0, c = 1;
    for (int k = 0; k <= 138; k++) {
        if (k >= 56 && k <= 82)
            s += c;
        c = c * (138 - k) / (k + 1);
    }
    near((double)(bloc->value.swings / s), 1.0);
    wv_roster_free(r);
}

/* Art. IX:3: three-fourths of the Members, 125 of 166, whatever is cast:
 * with the bloc, pivotal when 98..124 others precede it, again 27/139. */
static void test_waiver_three_fourths(void **state)
{
    (void)state;
    wv_roster *r = roster();
    wv_power_report rep;
    assert_int_equal(wv_power_procedure(wv_procedure_find("waiver"), NULL, r, 1, &rep, NULL),
                     WV_OK);
    assert_int_equal(rep.min_winning, 125);
    near(row_of(&rep, WV_POWER_EU_BLOC)->value.shapley, 27.0 / 139);
    /* Art. XII:2 accession: two-thirds of the Members, 111 of 166. */
    assert_int_equal(wv_power_procedure(wv_procedure_find("accession"), NULL, r, 0, &rep, NULL),
                     WV_OK);
    assert_int_equal(rep.min_winning, 111);
    wv_roster_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weighted_211),
        cmocka_unit_test(test_weighted_equal_power),
        cmocka_unit_test(test_weighted_dictator),
        cmocka_unit_test(test_symmetric),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_consensus_unanimity),
        cmocka_unit_test(test_majority_bloc),
        cmocka_unit_test(test_waiver_three_fourths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
