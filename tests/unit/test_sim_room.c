/* engine/sim room.c: the model's delegations asked one by one for a live
 * room (`wtovote serve --demo`) are the model of `simulate` and `train`:
 * the dispositions of run 0 of the seed, the same rule for an objection,
 * the same draws in the same order for the same seed; a Member taken by a
 * person is never the one asked for a vote; the EU's bloc stands for its
 * member States (Art. IX:1 fn 2). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "wtovote/sim.h"
#include "sim/sim_internal.h"
#include "sim/sim_play.h"

#define SEED 11
#define WAIVER 1 /* trips-waiver's procedures: waiver-annex1, waiver (IX:3(a)) */

static wv_roster *roster;
static wv_scenario *scenario;

static int setup(void **state)
{
    (void)state;
    const char *json = wv_scenario_builtin_json("trips-waiver");
    if (json == NULL || wv_roster_default(&roster, NULL) != WV_OK)
        return -1;
    return wv_scenario_parse(json, strlen(json), roster, &scenario, NULL) == WV_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    wv_scenario_free(scenario);
    wv_roster_free(roster);
    return 0;
}

static wv_sim_room *room(uint64_t seed)
{
    wv_sim_room *r = NULL;
    wv_error err = {0};
    if (wv_sim_room_new(scenario, WAIVER, seed, &r, &err) != WV_OK)
        fail_msg("room refused: %s", err.message);
    assert_string_equal(wv_procedure_id(wv_scenario_procedure(scenario, WAIVER)), "waiver");
    return r;
}

/* Attendance, objections, the request and the ballots, as a string. */
static void play(wv_sim_room *r, char *out, size_t cap)
{
    uint32_t n = wv_scenario_members(scenario);
    size_t k = 0;
    for (uint32_t i = 0; i < n && k + 2 < cap; i++)
        out[k++] = (char)('0' + wv_sim_room_attends(r, i) + 2 * wv_sim_room_objects(r, i));
    int bloc = 0;
    for (uint32_t i = 0; i < n && k + 2 < cap; i++)
        out[k++] = (char)('a' + wv_sim_room_ballot(r, i, 0, &bloc));
    snprintf(out + k, cap - k, "|%d", wv_sim_room_vote_requester(r));
}

static void test_same_seed_same_room(void **state)
{
    (void)state;
    char a[1024], b[1024], c[1024];
    wv_sim_room *r1 = room(SEED), *r2 = room(SEED), *r3 = room(SEED + 1);
    play(r1, a, sizeof a);
    play(r2, b, sizeof b);
    play(r3, c, sizeof c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    wv_sim_room_free(r1);
    wv_sim_room_free(r2);
    wv_sim_room_free(r3);
}

/* An objection is the model's: present, an objector, not favouring the
 * proposal as tabled, with the dispositions `simulate` draws for run 0. */
static void test_objections_are_the_models(void **state)
{
    (void)state;
    sim_play pl;
    assert_int_equal(sim_play_init(&pl, scenario, SEED, NULL), WV_OK);
    sim_draw_dispositions(&pl, 0);
    wv_sim_room *r = room(SEED);
    uint32_t objecting = 0, n = wv_scenario_members(scenario);
    for (uint32_t i = 0; i < n; i++) {
        wv_sim_room_set_present(r, i, 1);
        pl.present[i] = 1;
        int want = pl.objector[i] && pl.tau[i] < scenario->ambition;
        assert_int_equal(wv_sim_room_objects(r, i), want);
        assert_int_equal(sim_objects(&pl, i, scenario->ambition, 0), want);
        objecting += (uint32_t)want;
        wv_sim_room_set_present(r, i, 0);
        assert_false(wv_sim_room_objects(r, i)); /* Art. IX:1 fn 1: only Members present */
    }
    assert_true(objecting > 0 && objecting < n);
    wv_sim_room_free(r);
    sim_play_free(&pl);
}

/* WT/L/93: the requester favours the proposal, is present, and is never a
 * Member a person plays. */
static void test_requester_is_played_by_the_model(void **state)
{
    (void)state;
    uint32_t n = wv_scenario_members(scenario), asked = 0;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        wv_sim_room *r = room(seed);
        for (uint32_t i = 0; i < n; i++)
            wv_sim_room_set_present(r, i, 1);
        int who = wv_sim_room_vote_requester(r);
        wv_sim_room_free(r);
        if (who < 0)
            continue;
        asked++;
        r = room(seed);
        for (uint32_t i = 0; i < n; i++)
            wv_sim_room_set_present(r, i, 1);
        wv_sim_room_release(r, (uint32_t)who);
        assert_int_not_equal(wv_sim_room_vote_requester(r), who);
        wv_sim_room_free(r);
        r = room(seed);
        for (uint32_t i = 0; i < n; i++)
            wv_sim_room_release(r, i);
        assert_int_equal(wv_sim_room_vote_requester(r), -1);
        wv_sim_room_free(r);
    }
    /* vote_request is 0.5 in the scenario: some seeds ask, some do not */
    assert_true(asked > 5 && asked < 35);
}

/* Art. IX:1 fn 2: the EU casts its bloc; once it stands, its member States
 * cast none; other Members always have a ballot. */
static void test_eu_bloc(void **state)
{
    (void)state;
    wv_sim_room *r = room(SEED);
    int eu = wv_sim_room_eu(r), bloc = 0;
    assert_true(eu >= 0);
    assert_int_not_equal(wv_sim_room_ballot(r, (uint32_t)eu, 0, &bloc), WV_CHOICE_NONE);
    assert_int_equal(bloc, 1);
    uint32_t states = 0, n = wv_scenario_members(scenario);
    for (uint32_t i = 0; i < n; i++) {
        if (!scenario->all[i].eu_state)
            continue;
        states++;
        assert_int_equal(wv_sim_room_ballot(r, i, 1, &bloc), WV_CHOICE_NONE);
        assert_int_not_equal(wv_sim_room_ballot(r, i, 0, &bloc), WV_CHOICE_NONE);
        assert_int_equal(bloc, 0);
    }
    assert_int_equal(states, 27);
    wv_sim_room_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_room),
        cmocka_unit_test(test_objections_are_the_models),
        cmocka_unit_test(test_requester_is_played_by_the_model),
        cmocka_unit_test(test_eu_bloc),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
