/* engine/sim: scenario decoding, the counter-based RNG, and Monte Carlo
 * results with known answers. Decisions come from the meeting state machine
 * and engine/rules; these tests check the simulator feeds them faithfully. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/sim.h"
#include "sim/sim_internal.h"
#include "sim/sim_play.h"

static wv_roster *roster;

static int setup(void **state)
{
    (void)state;
    return wv_roster_default(&roster, NULL) == WV_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    wv_roster_free(roster);
    return 0;
}

static wv_scenario *parse(const char *json)
{
    wv_scenario *s = NULL;
    wv_error err = {0};
    if (wv_scenario_parse(json, strlen(json), roster, &s, &err) != WV_OK)
        fail_msg("scenario refused: %s", err.message);
    return s;
}

static wv_sim_result *run(const wv_scenario *s, uint64_t runs, uint64_t seed, unsigned jobs)
{
    wv_sim_options opt = {.runs = runs, .seed = seed, .jobs = jobs, .negotiation = 1};
    wv_sim_result *r = NULL;
    wv_error err = {0};
    if (wv_sim_run(s, &opt, &r, &err) != WV_OK)
        fail_msg("simulation failed: %s", err.message);
    return r;
}

/* ------------------------------------------------------------ RNG */

static void test_rng_streams(void **state)
{
    (void)state;
    wv_rng a, b, c;
    wv_rng_init(&a, 42, 7, 1);
    wv_rng_init(&b, 42, 7, 1);
    wv_rng_init(&c, 42, 7, 2);
    int differ = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t x = wv_rng_next(&a);
        assert_int_equal(x, wv_rng_next(&b));
        differ += x != wv_rng_next(&c);
    }
    assert_true(differ > 95);
    /* Mean of uniforms within 4 standard errors of 1/2. */
    double sum = 0;
    wv_rng_init(&a, 1, 0, 0);
    for (int i = 0; i < 100000; i++) {
        double u = wv_rng_uniform(&a);
        assert_true(u >= 0 && u < 1);
        sum += u;
    }
    assert_true(fabs(sum / 100000 - 0.5) < 4 * sqrt(1.0 / 12 / 100000));
}

/* ------------------------------------------------------------ scenarios */

static void test_builtins_parse(void **state)
{
    (void)state;
    assert_true(wv_scenario_builtin_count() >= 4);
    const char *want[] = {"ecommerce", "trips-waiver", "accession", "history"};
    for (size_t i = 0; i < 4; i++) {
        const char *json = wv_scenario_builtin_json(want[i]);
        assert_non_null(json);
        wv_scenario *s = parse(json);
        assert_string_equal(wv_scenario_name(s), want[i]);
        assert_int_equal(wv_scenario_members(s), 166);
        wv_scenario_free(s);
    }
    assert_null(wv_scenario_builtin_json("no-such"));
}

static void expect_refused(const char *json, const char *fragment)
{
    wv_scenario *s = NULL;
    wv_error err = {0};
    assert_int_equal(wv_scenario_parse(json, strlen(json), roster, &s, &err), WV_ERR_SCENARIO);
    assert_null(s);
    if (strstr(err.message, fragment) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err.message, fragment);
}

static void test_scenario_errors(void **state)
{
    (void)state;
    expect_refused("{", "JSON");
    expect_refused("[]", "must be an object");
    expect_refused("{\"name\":\"x\"}", "proposal");
    expect_refused("{\"name\":\"x\",\"proposal\":{\"subject\":\"s\",\"procedures\":[\"nope\"]}}",
                   "nope");
    expect_refused("{\"name\":\"x\",\"bogus\":1,\"proposal\":{\"subject\":\"s\","
                   "\"procedures\":[\"consensus\"]}}", "bogus");
    expect_refused("{\"name\":\"x\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                   "[\"consensus\"]},\"behaviour\":{\"attend\":1.5}}", "behaviour.attend");
    expect_refused("{\"name\":\"x\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                   "[\"consensus\"]},\"overrides\":{\"XXX\":{\"object\":1}}}", "XXX");
    expect_refused("{\"name\":\"x\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                   "[\"consensus\"]},\"groups\":[{\"name\":\"g\",\"members\":[\"ZZZ\"],"
                   "\"behaviour\":{}}]}", "ZZZ");
    expect_refused("{\"name\":\"x\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                   "[\"consensus\"],\"ambition\":0.5,\"floor\":0.6}}", "floor");
    expect_refused("{\"name\":\"x\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                   "[\"consensus\"]},\"members\":1}", "members");
    expect_refused("{\"name\":\"x\",\"name\":\"y\"}", "JSON"); /* duplicate key */
}

/* ------------------------------------------------------------ known answers */

/* Art. IX:1 fn 1, IX:3, XII:2: every Member present and in favour, none
 * objecting: adopted in every run under every procedure. */
static void test_all_support(void **state)
{
    (void)state;
    wv_scenario *s = parse("{\"name\":\"all\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                           "[\"consensus\",\"majority\",\"waiver\",\"accession\",\"annex4-add\","
                           "\"amendment-x3\"]}}");
    wv_sim_result *r = run(s, 500, 3, 1);
    for (size_t i = 0; i < r->n_procedures; i++) {
        if (r->procedures[i].outcome[WV_OUTCOME_ADOPTED] != 500)
            fail_msg("%s adopted in %llu of 500 runs", wv_procedure_id(r->procedures[i].procedure),
                     (unsigned long long)r->procedures[i].outcome[WV_OUTCOME_ADOPTED]);
    }
    assert_int_equal(r->approaches[0].success, 500);
    assert_int_equal(r->approaches[0].rounds_sum, 500); /* one round each */
    assert_int_equal(r->approaches[1].success, 500);
    assert_int_equal(r->approaches[1].participants_sum, 500 * 166);
    wv_sim_result_free(r);
    wv_scenario_free(s);
}

/* Art. IX:1 fn 1: each Member present objects independently with
 * probability p, so consensus holds with probability (1-p)^n. */
static void check_independent(uint32_t n, double p)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"name\":\"indep\",\"members\":%u,\"proposal\":{\"subject\":\"s\","
             "\"procedures\":[\"consensus\"]},\"behaviour\":{\"support\":0,\"object\":%g}}", n, p);
    wv_scenario *s = parse(json);
    wv_sim_result *r = run(s, 20000, 11, 2);
    double lo, hi, want = pow(1 - p, n);
    wv_sim_wilson(r->procedures[0].outcome[WV_OUTCOME_ADOPTED], r->runs, &lo, &hi);
    if (!(want >= lo && want <= hi))
        fail_msg("n=%u p=%g: (1-p)^n = %.4f outside [%.4f, %.4f]", n, p, want, lo, hi);
    /* The mean number of objections is n*p. */
    double mean = 0;
    for (uint32_t k = 0; k <= n; k++)
        mean += (double)k * (double)r->procedures[0].objections[k];
    mean /= (double)r->runs;
    assert_true(fabs(mean - n * p) < 0.05 * n * p + 0.05);
    wv_sim_result_free(r);
    wv_scenario_free(s);
}

static void test_independent_objection(void **state)
{
    (void)state;
    check_independent(30, 0.02);
    check_independent(166, 0.005);
}

/* One Member always objects, the others support: blocked every time, and
 * that Member's objection is the pivotal act (Art. IX:1 fn 1). */
static void test_single_objector_pivotal(void **state)
{
    (void)state;
    wv_scenario *s = parse("{\"name\":\"one\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                           "[\"annex4-add\"]},\"overrides\":{\"IND\":{\"support\":0,"
                           "\"object\":1}}}");
    wv_sim_result *r = run(s, 200, 5, 1);
    assert_int_equal(r->procedures[0].outcome[WV_OUTCOME_BLOCKED], 200);
    uint64_t total = 0;
    for (uint32_t i = 0; i < r->members; i++) {
        const char *code = wv_scenario_member_code(s, i);
        if (strcmp(code, "IND") == 0)
            assert_int_equal(r->procedures[0].pivotal[i], 200);
        total += r->procedures[0].pivotal[i];
    }
    assert_int_equal(total, 200);
    /* The chair cannot meet a ceiling of 0 above the floor: no agreement,
     * while the open plurilateral goes ahead without IND. */
    assert_int_equal(r->approaches[0].success, 0);
    assert_int_equal(r->approaches[1].success, 200);
    assert_int_equal(r->approaches[1].participants_sum, 200 * 165);
    wv_sim_result_free(r);
    wv_scenario_free(s);
}

/* Art. IX:3(a): consensus failing, the vote comes at the end of the 90-day
 * period; three-fourths of the Members (125 of 166). */
static void test_waiver_period_and_margin(void **state)
{
    (void)state;
    wv_scenario *s = parse("{\"name\":\"w\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                           "[\"waiver\"],\"eu_bloc\":false},\"overrides\":{\"USA\":{"
                           "\"support\":0,\"object\":1}}}");
    wv_sim_result *r = run(s, 100, 9, 1);
    const wv_sim_proc_stats *p = &r->procedures[0];
    assert_int_equal(p->outcome[WV_OUTCOME_ADOPTED], 100);
    assert_int_equal(p->votes_held, 100);
    assert_int_equal(p->days_sum, 100 * 90);
    /* 164 yes (the EU casts no vote without the bloc), 125 required. */
    assert_int_equal(p->margin[166 + 164 - 125], 100);
    wv_sim_result_free(r);
    wv_scenario_free(s);
}

/* A body of the first n Members in order of joining is the body on the day
 * the n-th joined (SPEC.md, "Simulations: the model"): 76 Members are those
 * of 1 January 1995 with 15 EU member States, the UK one of them and Senegal
 * not yet an LDC (UN list, 2001); the bloc casts their 15 votes (Art. IX:1
 * fn 2). 23 Members hold fewer than that day's 15 States: no bloc. All 166
 * keep the roster's own flags: 27 States. */
static void test_sweep_dated_body(void **state)
{
    (void)state;
    static const struct {
        uint32_t n, states_in_body, due;
        int bloc, gbr_eu, sen_ldc;
    } rows[] = {{76, 15, 15, 1, 1, 0}, {23, 7, 15, 0, 1, 0}, {166, 27, 27, 1, 0, 1}};
    wv_scenario *s = parse("{\"name\":\"d\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                           "[\"majority\"],\"eu_bloc\":true}}");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_error err = {0};
        assert_int_equal(wv_scenario_set_members(s, rows[i].n, &err), WV_OK);
        assert_int_equal(wv_roster_eu_member_states(s->active), rows[i].states_in_body);
        assert_int_equal(s->eu_states_due, rows[i].due);
        int g = wv_roster_member_index(s->active, "GBR");
        int e = wv_roster_member_index(s->active, "SEN");
        if (g >= 0)
            assert_int_equal(wv_roster_member_at(s->active, (size_t)g)->eu_member_state,
                             rows[i].gbr_eu);
        if (e >= 0)
            assert_int_equal(wv_roster_member_at(s->active, (size_t)e)->ldc, rows[i].sen_ldc);
        assert_true(rows[i].n < 76 || (g >= 0 && e >= 0));
        sim_play pl;
        assert_int_equal(sim_play_init(&pl, s, 1, &err), WV_OK);
        assert_int_equal(pl.bloc, rows[i].bloc);
        sim_play_free(&pl);
    }
    wv_scenario_free(s);
}

/* GATT 1947 Art. XXV:3: one vote per contracting party, so a scenario that
 * lets the EU cast its bloc (a WTO rule, Art. IX:1 fn 2) still simulates a
 * GATT waiver: the bloc is used for the WTO procedure only. */
static void test_gatt_waiver_without_bloc(void **state)
{
    (void)state;
    wv_scenario *s = parse("{\"name\":\"g\",\"proposal\":{\"subject\":\"s\",\"procedures\":"
                           "[\"gatt-waiver\",\"majority\"],\"eu_bloc\":true},\"overrides\":"
                           "{\"USA\":{\"support\":0,\"object\":1}}}");
    wv_sim_result *r = run(s, 50, 4, 1);
    assert_int_equal(r->n_procedures, 2);
    /* USA objects, so both go to a vote: adopted every time. */
    assert_int_equal(r->procedures[0].outcome[WV_OUTCOME_ADOPTED], 50);
    assert_int_equal(r->procedures[0].votes_held, 50);
    assert_int_equal(r->procedures[1].outcome[WV_OUTCOME_ADOPTED], 50);
    assert_int_equal(r->procedures[1].votes_held, 50);
    wv_sim_result_free(r);
    wv_scenario_free(s);
}

static void assert_results_equal(const wv_sim_result *a, const wv_sim_result *b)
{
    assert_int_equal(a->runs, b->runs);
    uint32_t n = a->members;
    for (size_t i = 0; i < a->n_procedures; i++) {
        const wv_sim_proc_stats *x = &a->procedures[i], *y = &b->procedures[i];
        assert_memory_equal(x->outcome, y->outcome, sizeof x->outcome);
        assert_int_equal(x->days_sum, y->days_sum);
        assert_memory_equal(x->objections, y->objections, ((size_t)n + 1) * 8);
        assert_memory_equal(x->margin, y->margin, (2 * (size_t)n + 1) * 8);
        assert_memory_equal(x->pivotal, y->pivotal, (size_t)n * 8);
    }
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(a->approaches[i].success, b->approaches[i].success);
        assert_int_equal(a->approaches[i].rounds_sum, b->approaches[i].rounds_sum);
        assert_int_equal(a->approaches[i].ambition_sum, b->approaches[i].ambition_sum);
        assert_int_equal(a->approaches[i].participants_sum, b->approaches[i].participants_sum);
    }
}

/* Same seed, same result, whatever the number of threads. */
static void test_determinism(void **state)
{
    (void)state;
    wv_scenario *s = parse(wv_scenario_builtin_json("trips-waiver"));
    wv_sim_result *a = run(s, 1500, 77, 1), *b = run(s, 1500, 77, 2), *c = run(s, 1500, 77, 3);
    wv_sim_result *d = run(s, 1500, 78, 2);
    assert_results_equal(a, b);
    assert_results_equal(a, c);
    assert_true(memcmp(a->procedures[0].objections, d->procedures[0].objections,
                       167 * sizeof(uint64_t)) != 0);
    wv_sim_result_free(a);
    wv_sim_result_free(b);
    wv_sim_result_free(c);
    wv_sim_result_free(d);
    wv_scenario_free(s);
}

/* The history scenario: the probability of consensus falls as the
 * membership grows from 23 to 166. */
static void test_history_sweep(void **state)
{
    (void)state;
    wv_scenario *s = parse(wv_scenario_builtin_json("history"));
    wv_sim_options opt = {.runs = 800, .seed = 1, .jobs = 2};
    wv_sim_sweep_point *pts = NULL;
    size_t n = 0;
    wv_error err = {0};
    assert_int_equal(wv_sim_sweep(s, 23, 166, 33, &opt, &pts, &n, &err), WV_OK);
    assert_int_equal(n, 5);
    assert_int_equal(pts[0].members, 23);
    assert_int_equal(pts[4].members, 155);
    for (size_t i = 1; i < n; i++)
        assert_true(pts[i].consensus_p < pts[i - 1].consensus_p);
    assert_true(pts[0].consensus_lo > pts[n - 1].consensus_hi);
    assert_int_equal(wv_scenario_members(s), 166); /* restored */
    /* The CSV and the chart are the CLI's (tests/cli/sim_simulate.sh). */
    free(pts);
    wv_scenario_free(s);
}

static void test_wilson(void **state)
{
    (void)state;
    double lo, hi;
    wv_sim_wilson(50, 100, &lo, &hi);
    /* Wilson 95% for 50/100: 0.4038 .. 0.5962 */
    assert_true(fabs(lo - 0.4038) < 1e-3 && fabs(hi - 0.5962) < 1e-3);
    wv_sim_wilson(100, 100, &lo, &hi);
    assert_true(hi == 1 && lo > 0.96 && lo < 0.97);
    uint64_t h[5] = {1, 1, 1, 1, 1};
    assert_int_equal(wv_sim_quantile(h, 5, 0.5), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rng_streams),
        cmocka_unit_test(test_builtins_parse),
        cmocka_unit_test(test_sweep_dated_body),
        cmocka_unit_test(test_scenario_errors),
        cmocka_unit_test(test_all_support),
        cmocka_unit_test(test_independent_objection),
        cmocka_unit_test(test_single_objector_pivotal),
        cmocka_unit_test(test_waiver_period_and_margin),
        cmocka_unit_test(test_gatt_waiver_without_bloc),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_history_sweep),
        cmocka_unit_test(test_wilson),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
