/* engine/rules: every procedure at, just below and just above its threshold
 * for several membership sizes, with the treaty citation in each row; EU
 * bloc, quorum, consensus periods, reverse consensus, IX:3 fn 4, IX:4; and
 * real cases as scenarios. Expected numbers are computed here with formulas
 * written differently from the engine's (n - floor(n/k) instead of a
 * ceiling), and checked against a brute-force search. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "wtovote/rules.h"
#include "wtovote/util.h"

static const uint32_t SIZES[] = {3, 4, 23, 100, 128, 164, 166};
#define N_SIZES (sizeof SIZES / sizeof SIZES[0])

static uint32_t three_fourths(uint32_t n) { return n - n / 4; }     /* ceil(3n/4) */
static uint32_t two_thirds(uint32_t n) { return n - n / 3; }        /* ceil(2n/3) */
static uint32_t all_of(uint32_t n) { return n; }

/* Brute force: smallest x with x/n >= num/den, by cross-multiplication. */
static uint32_t search(uint32_t num, uint32_t den, uint32_t n)
{
    uint32_t x = 0;
    while ((uint64_t)x * den < (uint64_t)num * n)
        x++;
    return x;
}

static const wv_rules_config EXPLAIN = {.explain = 1};

static wv_tally vote_tally(uint32_t n, uint32_t yes, uint32_t no)
{
    wv_tally t = {.members = n, .present = n, .objections = 1, .yes = yes, .no = no,
                  .vote_held = 1, .days_elapsed = 365, .waiver_terms_complete = 1};
    return t;
}

static wv_decision decide_ok(const char *id, const wv_rules_config *cfg, const wv_tally *t)
{
    const wv_procedure *p = wv_procedure_find(id);
    assert_non_null(p);
    wv_decision d;
    wv_error err = {0};
    wv_status st = wv_rules_decide(p, cfg, t, &d, &err);
    if (st != WV_OK)
        fail_msg("%s: %s", id, err.message);
    return d;
}

static wv_status decide_err(const char *id, const wv_tally *t, wv_error *err)
{
    wv_decision d;
    return wv_rules_decide(wv_procedure_find(id), &EXPLAIN, t, &d, err);
}

static int has_step(const wv_decision *d, const char *cite, const char *text)
{
    for (size_t i = 0; i < d->n_steps; i++)
        if (strstr(d->steps[i].citation, cite) && strstr(d->steps[i].text, text))
            return 1;
    return 0;
}

/* ---- the table ---- */
static const char *const IDS[] = {
    "consensus", "majority", "interpretation", "waiver", "waiver-annex1-council",
    "waiver-annex1", "amendment-submit", "amendment-x2", "amendment-x3", "amendment-x3-consent",
    "amendment-x4", "amendment-dsu", "annex4-add", "accession", "budget", "dsb", "dsb-negative",
    "plurilateral", "gatt-waiver"};

static void test_table_ids(void **state)
{
    (void)state;
    assert_int_equal(wv_procedure_count(), sizeof IDS / sizeof IDS[0]);
    for (size_t i = 0; i < sizeof IDS / sizeof IDS[0]; i++) {
        const wv_procedure *p = wv_procedure_find(IDS[i]);
        assert_non_null(p);
        assert_ptr_equal(p, wv_procedure_at(i));
        assert_string_equal(wv_procedure_id(p), IDS[i]);
        assert_true(strlen(wv_procedure_citation(p)) > 0);
        /* every stage, condition and threshold carries a citation */
        for (size_t s = 0; s < wv_procedure_stage_count(p); s++)
            assert_true(strlen(wv_procedure_stage_at(p, s)->citation) > 0);
        for (size_t s = 0; s < wv_procedure_condition_count(p); s++)
            assert_true(strlen(wv_procedure_condition_at(p, s)->citation) > 0);
        if (wv_procedure_threshold(p))
            assert_true(strlen(wv_procedure_threshold(p)->citation) > 0);
        /* the listed stages agree with the shape used by decide */
        const wv_stage_info *last = wv_procedure_stage_at(p, wv_procedure_stage_count(p) - 1);
        assert_int_equal(last->stage == WV_STAGE_VOTE, wv_procedure_allows_vote(p));
        assert_int_equal(last->stage == WV_STAGE_ACCEPTANCE, wv_procedure_is_acceptance(p));
        /* every row names who decides it, with the citation (issue 14) */
        assert_non_null(wv_procedure_home_body(p));
        assert_true(wv_procedure_competent(p, wv_procedure_home_body(p)));
        assert_true(strlen(wv_procedure_competence(p)->text) > 0);
        assert_true(strlen(wv_procedure_competence(p)->citation) > 0);
    }
    assert_null(wv_procedure_find("veto"));
    assert_null(wv_procedure_at(wv_procedure_count()));
    assert_true(wv_procedure_parties_only(wv_procedure_find("plurilateral")));   /* IX:5 */
    assert_true(wv_procedure_is_reverse_consensus(wv_procedure_find("dsb-negative")));
    assert_int_equal(wv_procedure_max_consensus_days(wv_procedure_find("waiver")), 90);
    assert_true(wv_procedure_vote_needs_request(wv_procedure_find("accession"))); /* WT/L/93 */
    assert_false(wv_procedure_vote_needs_request(wv_procedure_find("interpretation")));
}

/* ---- "of the Members" thresholds ---- */
typedef struct members_row {
    const char *id, *citation;
    uint32_t num, den;
    uint32_t (*need)(uint32_t n);
} members_row;

static const members_row MEMBER_ROWS[] = {
    {"interpretation", "Art. IX:2", 3, 4, three_fourths},
    {"waiver", "Art. IX:3", 3, 4, three_fourths},
    {"waiver-annex1", "Art. IX:3", 3, 4, three_fourths},
    {"amendment-x3-consent", "Art. X:3", 3, 4, three_fourths},
    {"amendment-submit", "Art. X:1", 2, 3, two_thirds},
    {"accession", "Art. XII:2", 2, 3, two_thirds},
};

static void expect_vote(const char *id, uint32_t n, uint32_t yes, uint32_t no, wv_outcome want,
                        uint32_t required, const char *cite)
{
    wv_tally t = vote_tally(n, yes, no);
    wv_decision d = decide_ok(id, &EXPLAIN, &t);
    if (d.outcome != want || d.required != required || !has_step(&d, cite, "needed"))
        fail_msg("%s (%s) n=%u yes=%u no=%u: got %s required %u", id, cite, n, yes, no,
                 wv_outcome_name(d.outcome), d.required);
    assert_int_equal(d.stage, WV_STAGE_VOTE);
}

static void test_members_thresholds(void **state)
{
    (void)state;
    for (size_t r = 0; r < sizeof MEMBER_ROWS / sizeof MEMBER_ROWS[0]; r++) {
        const members_row *row = &MEMBER_ROWS[r];
        for (size_t i = 0; i < N_SIZES; i++) {
            uint32_t n = SIZES[i], need = row->need(n);
            assert_int_equal(need, search(row->num, row->den, n));
            expect_vote(row->id, n, need, n - need, WV_OUTCOME_ADOPTED, need, row->citation);
            expect_vote(row->id, n, need - 1, n - need + 1, WV_OUTCOME_REJECTED, need,
                        row->citation);
            /* abstentions do not help: need-1 yes and everyone else abstaining */
            wv_tally t = vote_tally(n, need - 1, 0);
            t.abstain = n - need + 1;
            assert_int_equal(decide_ok(row->id, NULL, &t).outcome, WV_OUTCOME_REJECTED);
            if (need < n)
                expect_vote(row->id, n, need + 1, n - need - 1, WV_OUTCOME_ADOPTED, need,
                            row->citation);
        }
    }
}

/* §10 of the reference: 166 Members */
static void test_reference_table_166(void **state)
{
    (void)state;
    expect_vote("interpretation", 166, 125, 0, WV_OUTCOME_ADOPTED, 125, "Art. IX:2");
    expect_vote("waiver", 166, 124, 0, WV_OUTCOME_REJECTED, 125, "Art. IX:3");
    expect_vote("accession", 166, 111, 55, WV_OUTCOME_ADOPTED, 111, "Art. XII:2");
    expect_vote("amendment-submit", 166, 110, 0, WV_OUTCOME_REJECTED, 111, "Art. X:1");
    /* budget: second limb, more than half of 166 = 84 (Art. VII:3) */
    expect_vote("budget", 166, 84, 0, WV_OUTCOME_ADOPTED, 84, "Art. VII:3");
    expect_vote("budget", 166, 83, 0, WV_OUTCOME_REJECTED, 84, "Art. VII:3");
    /* the explanation text of the issue, verbatim */
    wv_tally t = vote_tally(166, 130, 20);
    wv_decision d = decide_ok("waiver", &EXPLAIN, &t);
    assert_true(has_step(&d, "Art. IX:3",
                         "three-fourths of the Members: 125 of 166 needed; 130 yes: adopted"));
}

/* ---- votes-cast thresholds ---- */
static void test_majority_of_votes_cast(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SIZES; i++) {
        uint32_t n = SIZES[i];
        uint32_t half = (n - 1) / 2; /* a tie that fits: half yes, half no */
        /* Art. IX:1: a tie is not a majority */
        wv_tally t = vote_tally(n, half, half);
        wv_decision d = decide_ok("majority", &EXPLAIN, &t);
        assert_int_equal(d.outcome, WV_OUTCOME_REJECTED); /* 0 to 0 too: no majority */
        if (half)
            assert_true(has_step(&d, "Art. IX:1", "a tie is not a majority"));
        /* one more yes than no: adopted (Art. IX:1) */
        t = vote_tally(n, half + 1, half);
        d = decide_ok("majority", &EXPLAIN, &t);
        assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
        assert_int_equal(d.required, half + 1);
        /* one fewer: rejected */
        t = vote_tally(n, half, half + 1);
        assert_int_equal(decide_ok("majority", NULL, &t).outcome, WV_OUTCOME_REJECTED);
    }
    /* abstentions are not votes cast (Art. IX:1): 2 yes, 1 no, 100 abstain */
    wv_tally t = vote_tally(166, 2, 1);
    t.abstain = 100;
    wv_decision d = decide_ok("majority", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_true(has_step(&d, "Art. IX:1", "abstentions are not votes cast"));
}

typedef struct limbs_row {
    const char *id, *citation;
} limbs_row;

/* two-thirds of the votes cast AND more than half of the Members */
static const limbs_row LIMB_ROWS[] = {{"budget", "Art. VII:3"},
                                      {"gatt-waiver", "GATT 1947 Art. XXV:5"}};

static wv_outcome limbs(const char *id, uint32_t n, uint32_t yes, uint32_t no)
{
    wv_tally t = vote_tally(n, yes, no);
    return decide_ok(id, NULL, &t).outcome;
}

static void test_two_limbs(void **state)
{
    (void)state;
    for (size_t r = 0; r < 2; r++) {
        const char *id = LIMB_ROWS[r].id;
        for (size_t i = 0; i < N_SIZES; i++) {
            uint32_t n = SIZES[i], y = n / 2 + 1; /* more than half of n */
            /* exactly two-thirds of the votes cast: yes = 2 * no */
            assert_int_equal(limbs(id, n, y, y / 2), WV_OUTCOME_ADOPTED);
            /* second limb one short */
            assert_int_equal(limbs(id, n, y - 1, (y - 1) / 2), WV_OUTCOME_REJECTED);
            /* first limb one short: one more no */
            if (y + y / 2 + 1 <= n)
                assert_int_equal(limbs(id, n, y, y / 2 + 1), WV_OUTCOME_REJECTED);
            if (y + 1 + (y + 1) / 2 <= n)
                assert_int_equal(limbs(id, n, y + 1, (y + 1) / 2), WV_OUTCOME_ADOPTED);
        }
        /* 166: 100 yes, 50 no (exactly 2/3, non-strict) adopted; 100/51 rejected */
        assert_int_equal(limbs(id, 166, 100, 50), WV_OUTCOME_ADOPTED);
        assert_int_equal(limbs(id, 166, 100, 51), WV_OUTCOME_REJECTED);
        wv_tally t = vote_tally(166, 83, 0);
        wv_decision d = decide_ok(id, &EXPLAIN, &t);
        assert_true(has_step(&d, LIMB_ROWS[r].citation, "84 of 166 needed; 83 yes: not met"));
        assert_true(has_step(&d, LIMB_ROWS[r].citation, "a limb not met: rejected"));
    }
}

/* ---- consensus-only procedures ---- */
typedef struct consensus_row {
    const char *id, *citation;
} consensus_row;

static const consensus_row CONSENSUS_ROWS[] = {
    {"consensus", "Art. IX:1 fn 1"}, {"amendment-dsu", "Art. X:8"}, {"annex4-add", "Art. X:9"},
    {"dsb", "DSU Art. 2.4"},         {"plurilateral", "Art. IX:5"},
};

static void test_consensus_only(void **state)
{
    (void)state;
    for (size_t r = 0; r < sizeof CONSENSUS_ROWS / sizeof CONSENSUS_ROWS[0]; r++) {
        const consensus_row *row = &CONSENSUS_ROWS[r];
        for (size_t i = 0; i < N_SIZES; i++) {
            uint32_t n = SIZES[i];
            wv_tally t = {.members = n, .present = n};
            wv_decision d = decide_ok(row->id, &EXPLAIN, &t);
            assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
            assert_int_equal(d.stage, WV_STAGE_CONSENSUS);
            assert_false(d.has_required);
            t.objections = 1; /* one objection by a Member present blocks */
            d = decide_ok(row->id, &EXPLAIN, &t);
            if (d.outcome != WV_OUTCOME_BLOCKED || !has_step(&d, row->citation, "blocked"))
                fail_msg("%s (%s) n=%u: %s", row->id, row->citation, n,
                         wv_outcome_name(d.outcome));
            /* a vote cannot override it, even unanimous but for the objector */
            t.vote_held = 1;
            t.yes = n - 1;
            assert_int_equal(decide_ok(row->id, NULL, &t).outcome, WV_OUTCOME_BLOCKED);
        }
        /* absence is not an objection (IX:1 fn 1): 2 of 100 present, quorum lowered */
        wv_rules_config low = {.quorum_num = 1, .quorum_den = 100};
        wv_tally t = {.members = 100, .present = 2};
        assert_int_equal(decide_ok(row->id, &low, &t).outcome, WV_OUTCOME_ADOPTED);
    }
}

/* ---- Art. X acceptances ---- */
typedef struct accept_row {
    const char *id, *citation;
    uint32_t (*need)(uint32_t n);
} accept_row;

static const accept_row ACCEPT_ROWS[] = {{"amendment-x2", "Art. X:2", all_of},
                                         {"amendment-x3", "Art. X:3", two_thirds},
                                         {"amendment-x4", "Art. X:4", two_thirds}};

static wv_outcome accept(const char *id, uint32_t n, uint32_t c, int deadline, wv_stage *stage)
{
    wv_tally t = {.members = n, .acceptances = c, .deadline_passed = deadline};
    wv_decision d = decide_ok(id, NULL, &t); /* no meeting: no quorum applies */
    *stage = d.stage;
    return d.outcome;
}

static void test_acceptances(void **state)
{
    (void)state;
    wv_stage s;
    for (size_t r = 0; r < 3; r++) {
        const accept_row *row = &ACCEPT_ROWS[r];
        for (size_t i = 0; i < N_SIZES; i++) {
            uint32_t n = SIZES[i], need = row->need(n);
            assert_int_equal(accept(row->id, n, need, 0, &s), WV_OUTCOME_ADOPTED);
            assert_int_equal(s, WV_STAGE_ACCEPTANCE);
            assert_int_equal(accept(row->id, n, need - 1, 0, &s), WV_OUTCOME_PENDING);
            assert_int_equal(accept(row->id, n, need - 1, 1, &s), WV_OUTCOME_REJECTED);
            /* reached before the deadline: in force even if the period later ends */
            assert_int_equal(accept(row->id, n, need, 1, &s), WV_OUTCOME_ADOPTED);
            if (need < n)
                assert_int_equal(accept(row->id, n, need + 1, 0, &s), WV_OUTCOME_ADOPTED);
        }
        wv_tally t = {.members = 166, .acceptances = 110};
        wv_decision d = decide_ok(row->id, &EXPLAIN, &t);
        assert_true(has_step(&d, row->citation, "acceptances needed"));
        assert_int_equal(d.required, r == 0 ? 166 : 111);
    }
}

/* Art. IX:1 fn 2: "the number of votes of the European Communities and their
 * member States shall in no case exceed the number of the member States":
 * the bloc is as many votes as the roster's member States. 1 January 1995:
 * 76 Members, 15 EU member States. */
static void test_eu_bloc_1995(void **state)
{
    (void)state;
    wv_tally t = vote_tally(76, 15, 0);
    t.eu_bloc = WV_CHOICE_NO;
    t.eu_states = 15;
    wv_decision d = decide_ok("majority", &EXPLAIN, &t);
    assert_int_equal(d.no, 15); /* 15 yes against the 15-vote bloc: a tie */
    assert_int_equal(d.outcome, WV_OUTCOME_REJECTED);
    assert_true(has_step(&d, "Art. IX:1 fn 2", "15 no votes for the EU and its 15 member States"));
    /* three-fourths of 76 Members is 57: the bloc's 15 and 42 others */
    t = vote_tally(76, 42, 0);
    t.eu_bloc = WV_CHOICE_YES;
    t.eu_states = 15;
    d = decide_ok("waiver", &EXPLAIN, &t);
    assert_int_equal(d.yes, 57);
    assert_int_equal(d.required, 57);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    t.yes = 41;
    assert_int_equal(decide_ok("waiver", NULL, &t).outcome, WV_OUTCOME_REJECTED);
    /* 76 - 16 = 60 Members besides the EU and its States can vote; 61 is
     * a member-State vote beside the bloc (fn 2): impossible */
    t = vote_tally(76, 60, 0);
    t.eu_bloc = WV_CHOICE_YES;
    t.eu_states = 15;
    assert_int_equal(decide_ok("waiver", NULL, &t).yes, 75);
    wv_error err = {0};
    t.no = 1;
    assert_int_equal(decide_err("waiver", &t, &err), WV_ERR_IMPOSSIBLE);
    assert_non_null(strstr(err.message, "only 60 Members other than the EU and its 15"));
}

/* ---- EU bloc (Art. IX:1 and fn 2) ---- */
static void test_eu_bloc(void **state)
{
    (void)state;
    /* 27 bloc votes + 98 yes = 125 of 166: waiver adopted (Art. IX:3) */
    wv_tally t = vote_tally(166, 98, 10);
    t.eu_bloc = WV_CHOICE_YES;
    t.eu_states = 27; /* the roster of 2024: 27 member States */
    wv_decision d = decide_ok("waiver", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.yes, 125);
    assert_true(has_step(&d, "Art. IX:1 fn 2", "the base stays all 166 Members"));
    assert_true(has_step(&d, "Art. IX:1 fn 2", "at most 165 votes"));
    t.yes = 97;
    assert_int_equal(decide_ok("waiver", NULL, &t).outcome, WV_OUTCOME_REJECTED);
    /* the bloc voting no against 27 yes: a tie, no majority (Art. IX:1) */
    t = vote_tally(166, 27, 0);
    t.eu_states = 27;
    t.eu_bloc = WV_CHOICE_NO;
    d = decide_ok("majority", NULL, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_REJECTED);
    assert_int_equal(d.no, 27);
    /* a bloc abstention is not votes cast */
    t = vote_tally(166, 2, 1);
    t.eu_states = 27;
    t.eu_bloc = WV_CHOICE_ABSTAIN;
    d = decide_ok("majority", NULL, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.abstain, 27);
    /* all 138 other Members may vote with the bloc: 138 + 27 = 165 */
    t = vote_tally(166, 138, 0);
    t.eu_states = 27;
    t.eu_bloc = WV_CHOICE_YES;
    assert_int_equal(decide_ok("waiver", NULL, &t).yes, 165);
    /* one more is a member-State vote over the cap (fn 2): impossible */
    wv_error err = {0};
    t.no = 1;
    assert_int_equal(decide_err("waiver", &t, &err), WV_ERR_IMPOSSIBLE);
    assert_non_null(strstr(err.message, "yes + no + abstain = 139"));
    /* a bloc needs the EU beside its 27 member States */
    t = vote_tally(27, 0, 0);
    t.eu_bloc = WV_CHOICE_YES;
    t.eu_states = 27;
    assert_int_equal(decide_err("majority", &t, &err), WV_ERR_IMPOSSIBLE);
    assert_non_null(strstr(err.message, "members = 27"));
    /* and a count of member States: its votes (fn 2) */
    t = vote_tally(166, 0, 0);
    t.eu_bloc = WV_CHOICE_YES;
    assert_int_equal(decide_err("majority", &t, &err), WV_ERR_IMPOSSIBLE);
    assert_non_null(strstr(err.message, "eu_states = 0"));
    t.eu_bloc = (wv_choice)9;
    assert_int_equal(decide_err("majority", &t, &err), WV_ERR_ARG);
}

/* ---- GATT 1947 (historical mode): one vote per contracting party ---- */
static void test_gatt1947_one_vote_each(void **state)
{
    (void)state;
    const wv_procedure *g = wv_procedure_find("gatt-waiver");
    assert_true(wv_procedure_is_gatt1947(g));
    assert_false(wv_procedure_is_gatt1947(wv_procedure_find("waiver")));
    assert_string_equal(wv_procedure_base_words(g), "contracting parties");
    assert_string_equal(wv_procedure_base_words(wv_procedure_find("plurilateral")), "parties");
    assert_string_equal(wv_procedure_base_words(wv_procedure_find("waiver")), "Members");
    /* GATT 1947 Art. XXV:3: each contracting party had one vote; the EU bloc
     * of Art. IX:1 fn 2 is a WTO rule, so a bloc here is impossible input */
    wv_tally t = vote_tally(166, 10, 3);
    t.eu_bloc = WV_CHOICE_YES;
    wv_error err = {0};
    assert_int_equal(decide_err("gatt-waiver", &t, &err), WV_ERR_IMPOSSIBLE);
    assert_non_null(strstr(err.message, "gatt-waiver"));
    assert_non_null(strstr(err.message, "GATT 1947 Art. XXV:3"));
    /* GATT 1947 Art. XXV:5 over 23 contracting parties (1947): the steps
     * speak of contracting parties, and the quorum default of WT/L/161 (a
     * WTO text) is applied by analogy */
    t = vote_tally(23, 12, 3);
    wv_decision d = decide_ok("gatt-waiver", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_true(has_step(&d, "WT/L/161 by analogy", "of the 23 contracting parties present"));
    assert_true(has_step(&d, "GATT 1947 Art. XXV:5", "more than half of the contracting parties"));
    for (size_t i = 0; i < d.n_steps; i++)
        assert_null(strstr(d.steps[i].text, "Member"));
    t.objections = 0;
    t.vote_held = 0;
    t.yes = t.no = 0;
    d = decide_ok("gatt-waiver", &EXPLAIN, &t);
    assert_true(has_step(&d, "GATT 1947 practice", "no contracting party present (23)"));
    /* Art. IX:5: a plurilateral body's quorum is WT/L/161's by analogy too;
     * a WTO body's is WT/L/161's own */
    wv_tally p = {.members = 10, .present = 10};
    d = decide_ok("plurilateral", &EXPLAIN, &p);
    assert_true(has_step(&d, "WT/L/161 by analogy", "of the 10 parties present"));
    d = decide_ok("consensus", &EXPLAIN, &p);
    assert_true(has_step(&d, "WT/L/161 (quorum", "of the 10 Members present"));
    assert_null(wv_procedure_quorum_citation(wv_procedure_find("amendment-x3")));
}

/* ---- quorum (WT/L/161, configurable; default more than half) ---- */
static void test_quorum(void **state)
{
    (void)state;
    static const struct {
        uint32_t members, present;
        wv_outcome want;
    } rows[] = {{166, 83, WV_OUTCOME_NO_QUORUM}, {166, 84, WV_OUTCOME_ADOPTED},
                {4, 2, WV_OUTCOME_NO_QUORUM},    {4, 3, WV_OUTCOME_ADOPTED},
                {3, 1, WV_OUTCOME_NO_QUORUM},    {3, 2, WV_OUTCOME_ADOPTED},
                {100, 50, WV_OUTCOME_NO_QUORUM}, {100, 51, WV_OUTCOME_ADOPTED}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_tally t = {.members = rows[i].members, .present = rows[i].present};
        wv_decision d = decide_ok("consensus", &EXPLAIN, &t);
        assert_int_equal(d.outcome, rows[i].want);
        assert_true(has_step(&d, "WT/L/161", "quorum"));
    }
    /* configured two-thirds: 111 of 166 */
    wv_rules_config two = {.quorum_num = 2, .quorum_den = 3};
    wv_tally t = {.members = 166, .present = 110};
    assert_int_equal(decide_ok("consensus", &two, &t).outcome, WV_OUTCOME_NO_QUORUM);
    t.present = 111;
    assert_int_equal(decide_ok("consensus", &two, &t).outcome, WV_OUTCOME_ADOPTED);
    /* a bad fraction is a usage error */
    wv_rules_config bad = {.quorum_num = 3, .quorum_den = 2};
    wv_decision d;
    assert_int_equal(wv_rules_decide(wv_procedure_find("consensus"), &bad, &t, &d, NULL),
                     WV_ERR_ARG);
    /* acceptances are not taken at a meeting: no quorum */
    wv_tally a = {.members = 166, .present = 0, .acceptances = 111};
    assert_int_equal(decide_ok("amendment-x3", NULL, &a).outcome, WV_OUTCOME_ADOPTED);
}

/* ---- consensus periods: IX:3(a) at most 90 days, X:1 at least 90 ---- */
static wv_decision period_case(const char *id, uint32_t day, uint32_t period, int requested,
                               int mode)
{
    wv_tally t = {.members = 166, .present = 166, .objections = 1, .days_elapsed = day,
                  .consensus_period_days = period, .vote_requested = requested,
                  .waiver_terms_complete = 1};
    wv_rules_config cfg = {.explain = 1, .vote_request = mode};
    return decide_ok(id, &cfg, &t);
}

static void test_consensus_periods(void **state)
{
    (void)state;
    static const struct {
        const char *id, *citation;
        uint32_t day, period;
        int requested, mode;
        wv_stage stage;
    } rows[] = {
        {"waiver", "Art. IX:3(a)", 89, 0, 0, 0, WV_STAGE_CONSENSUS},
        {"waiver", "Art. IX:3(a)", 90, 0, 0, 0, WV_STAGE_VOTE},
        {"waiver", "Art. IX:3(a)", 91, 0, 0, 0, WV_STAGE_VOTE},
        {"waiver", "Art. IX:3(a)", 59, 60, 0, 0, WV_STAGE_CONSENSUS},
        {"waiver", "Art. IX:3(a)", 60, 60, 0, 0, WV_STAGE_VOTE},
        /* WT/L/93 cannot shorten the period IX:3(a) sets (issue 14): a
         * request takes effect when it has run */
        {"waiver", "WT/L/93; Art. IX:3(a)", 0, 0, 1, 0, WV_STAGE_CONSENSUS},
        {"waiver", "WT/L/93; Art. IX:3(a)", 30, 0, 1, 0, WV_STAGE_CONSENSUS},
        {"waiver", "WT/L/93; Art. IX:3(a)", 89, 0, 1, 0, WV_STAGE_CONSENSUS},
        {"waiver", "Art. IX:3(a)", 90, 0, 1, 0, WV_STAGE_VOTE},
        /* ... and a vote follows a failed consensus without any request */
        {"waiver", "Art. IX:3(a)", 95, 0, 0, 0, WV_STAGE_VOTE},
        /* IX:3(b): decided on the Council's report, whose period has run:
         * no second period, the vote follows at once */
        {"waiver-annex1", "Art. IX:3", 0, 0, 1, 0, WV_STAGE_VOTE},
        /* X:1: WT/L/93 does not apply; the MC may lengthen the period */
        {"amendment-submit", "Art. X:1", 89, 0, 1, 0, WV_STAGE_CONSENSUS},
        {"amendment-submit", "Art. X:1", 90, 0, 0, 0, WV_STAGE_VOTE},
        {"amendment-submit", "Art. X:1", 119, 120, 0, 0, WV_STAGE_CONSENSUS},
        {"amendment-submit", "Art. X:1", 120, 120, 0, 0, WV_STAGE_VOTE},
        /* XII:2 with WT/L/93: no period, a vote once consensus fails or
         * a Member requests one at the time of decision */
        {"accession", "Art. XII:2", 0, 0, 0, 0, WV_STAGE_VOTE},
        {"accession", "Art. XII:2", 0, 0, 1, 0, WV_STAGE_VOTE},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_decision d = period_case(rows[i].id, rows[i].day, rows[i].period, rows[i].requested,
                                    rows[i].mode);
        int cite_ok = 0;
        for (size_t s = 0; s < d.n_steps; s++)
            cite_ok |= strstr(d.steps[s].citation, rows[i].citation) != NULL;
        if (d.outcome != WV_OUTCOME_PENDING || d.stage != rows[i].stage || !cite_ok)
            fail_msg("row %zu %s day %u: %s/%s", i, rows[i].id, rows[i].day,
                     wv_outcome_name(d.outcome), wv_stage_name(d.stage));
        /* the meeting asks the same question through wv_rules_vote_allowed */
        wv_tally t = {.members = 166, .present = 166, .objections = 1,
                      .days_elapsed = rows[i].day, .consensus_period_days = rows[i].period,
                      .vote_requested = rows[i].requested, .waiver_terms_complete = 1};
        wv_rules_config cfg = {.vote_request = rows[i].mode};
        assert_int_equal(wv_rules_vote_allowed(wv_procedure_find(rows[i].id), &cfg, &t),
                         rows[i].stage == WV_STAGE_VOTE);
    }
    /* pending at the vote stage says how many votes are needed */
    assert_int_equal(period_case("waiver", 90, 0, 0, 0).required, 125);
    /* ballots cast inside the period are not counted */
    wv_tally t = vote_tally(166, 166, 0);
    t.days_elapsed = 10;
    assert_int_equal(decide_ok("waiver", NULL, &t).outcome, WV_OUTCOME_PENDING);
    /* periods outside the treaty's bounds are impossible */
    wv_error err = {0};
    t.consensus_period_days = 91;
    assert_int_equal(decide_err("waiver", &t, &err), WV_ERR_IMPOSSIBLE);
    assert_non_null(strstr(err.message, "consensus_period_days = 91"));
    t.consensus_period_days = 60;
    assert_int_equal(decide_err("amendment-submit", &t, &err), WV_ERR_IMPOSSIBLE);
    assert_int_equal(decide_err("majority", &t, &err), WV_ERR_IMPOSSIBLE);
}

/* ---- DSU reverse consensus ---- */
static void test_reverse_consensus(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_SIZES; i++) {
        /* only the complainant objects to "not establishing": panel established (DSU 6.1) */
        wv_tally t = {.members = SIZES[i], .present = SIZES[i], .objections = 1};
        wv_decision d = decide_ok("dsb-negative", &EXPLAIN, &t);
        assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
        assert_true(has_step(&d, "DSU Arts. 6.1, 16.4, 17.14, 22.6", "the action is taken"));
        /* every Member present joins the consensus not to act */
        t.objections = 0;
        d = decide_ok("dsb-negative", &EXPLAIN, &t);
        assert_int_equal(d.outcome, WV_OUTCOME_REJECTED);
        assert_int_equal(d.stage, WV_STAGE_CONSENSUS);
    }
    /* positive consensus at the DSB (DSU 2.4): one objection blocks */
    wv_tally t = {.members = 166, .present = 166, .objections = 1};
    assert_int_equal(decide_ok("dsb", NULL, &t).outcome, WV_OUTCOME_BLOCKED);
}

/* ---- IX:3 fn 4 and IX:4 ---- */
static void test_waiver_conditions(void **state)
{
    (void)state;
    /* fn 4: consensus only, even after the period and with a vote */
    wv_tally t = vote_tally(166, 165, 0);
    t.transition_obligation = 1;
    wv_decision d = decide_ok("waiver", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_BLOCKED);
    assert_true(has_step(&d, "Art. IX:3 fn 4", "blocked"));
    assert_false(wv_rules_vote_allowed(wv_procedure_find("waiver"), NULL, &t));
    t.objections = 0;
    t.vote_held = 0;
    t.yes = 0;
    assert_int_equal(decide_ok("waiver", NULL, &t).outcome, WV_OUTCOME_ADOPTED);
    /* fn 4 does not concern accessions */
    t = vote_tally(166, 111, 0);
    t.transition_obligation = 1;
    assert_int_equal(decide_ok("accession", NULL, &t).outcome, WV_OUTCOME_ADOPTED);
    /* IX:4: without circumstances, terms and termination date: refused */
    for (int w = 0; w < 2; w++) {
        const char *id = w ? "waiver-annex1" : "waiver";
        wv_tally r = {.members = 166, .present = 166};
        d = decide_ok(id, &EXPLAIN, &r);
        assert_int_equal(d.outcome, WV_OUTCOME_REJECTED);
        assert_true(has_step(&d, "Art. IX:4", "refused"));
        r.waiver_terms_complete = 1;
        assert_int_equal(decide_ok(id, NULL, &r).outcome, WV_OUTCOME_ADOPTED);
    }
}

/* ---- IX:4 review dates ---- */
static int64_t day(const char *s)
{
    int64_t t;
    assert_int_equal(wv_time_parse(s, &t, NULL), WV_OK);
    return t;
}

static void expect_reviews(const char *granted, const char *terminates, size_t count,
                           const char *first, const char *last)
{
    int64_t out[64];
    size_t n = 0;
    assert_int_equal(wv_waiver_review_dates(day(granted), day(terminates), out, 64, &n, NULL),
                     WV_OK);
    assert_int_equal(n, count);
    if (count) {
        char buf[16];
        wv_date_format(out[0], buf, sizeof buf);
        assert_string_equal(buf, first);
        wv_date_format(out[n - 1], buf, sizeof buf);
        assert_string_equal(buf, last);
    }
}

static void test_review_dates(void **state)
{
    (void)state;
    expect_reviews("2020-01-01", "2021-01-01", 0, NULL, NULL);  /* one year: none */
    expect_reviews("2020-01-01", "2020-06-30", 0, NULL, NULL);
    expect_reviews("2020-01-01", "2021-01-02", 1, "2021-01-01", "2021-01-01");
    /* 29 February: not later than one year -> 28 February in common years */
    expect_reviews("2024-02-29", "2029-02-28", 4, "2025-02-28", "2028-02-29");
    expect_reviews("2024-02-29", "2027-03-01", 3, "2025-02-28", "2027-02-28");
    int64_t out[2];
    size_t n;
    assert_int_equal(wv_waiver_review_dates(day("2000-01-01"), day("2010-01-01"), out, 2, &n,
                                            NULL), WV_OK);
    assert_int_equal(n, 9); /* total, although only 2 written */
    /* the last representable year: reviews up to 9999, then none */
    expect_reviews("9990-06-01", "9999-12-31", 9, "9991-06-01", "9999-06-01");
    expect_reviews("9998-06-01", "9999-12-31", 1, "9999-06-01", "9999-06-01");
    wv_error err = {0};
    assert_int_equal(wv_waiver_review_dates(day("2010-01-01"), day("2010-01-01"), out, 2, &n,
                                            &err), WV_ERR_ARG);
}

/* ---- impossible counts ---- */
static void test_impossible(void **state)
{
    (void)state;
    static const struct {
        wv_tally t;
        const char *needle;
    } rows[] = {
        {{.members = 10, .present = 11}, "present = 11"},
        {{.members = 10, .present = 5, .objections = 6}, "objections = 6"},
        {{.members = 10, .present = 5, .yes = 4, .no = 2, .vote_held = 1}, "= 6 exceeds present"},
        {{.members = 10, .present = 10, .acceptances = 11}, "acceptances = 11"},
        {{.members = 0}, "members = 0"},
        /* Art. IX:1 fn 2: the bloc is cast by the EU, a Member present */
        {{.members = 40, .present = 5, .yes = 5, .eu_bloc = WV_CHOICE_YES, .vote_held = 1,
          .eu_states = 27},
         "plus the EU bloc exceeds present = 5"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_error err = {0};
        assert_int_equal(decide_err("majority", &rows[i].t, &err), WV_ERR_IMPOSSIBLE);
        assert_non_null(strstr(err.message, rows[i].needle));
        assert_non_null(strstr(err.message, "majority")); /* names the procedure */
    }
    wv_decision d;
    assert_int_equal(wv_rules_decide(NULL, NULL, &rows[0].t, &d, NULL), WV_ERR_ARG);
    /* an unknown WT/L/93 reading is a caller error, not an impossible count */
    wv_rules_config bad = {.vote_request = WV_VOTE_REQUEST_READINGS};
    wv_tally ok = {.members = 10, .present = 10};
    assert_int_equal(wv_rules_decide(wv_procedure_find("waiver"), &bad, &ok, &d, NULL),
                     WV_ERR_ARG);
}

/* explain off: nothing formatted (the simulator's path) */
static void test_explain_off(void **state)
{
    (void)state;
    wv_tally t = vote_tally(166, 130, 20);
    t.eu_bloc = WV_CHOICE_NONE;
    wv_decision d = decide_ok("waiver", NULL, &t);
    assert_int_equal(d.n_steps, 0);
    wv_rules_config off = {.explain = 0};
    d = decide_ok("budget", &off, &t);
    assert_int_equal(d.n_steps, 0);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
}

/* ---- real cases ---- */
/* TRIPS paragraph 6 waiver, WT/L/540, General Council 30 August 2003, by
 * consensus; a waiver of TRIPS obligations (Annex 1C, Art. IX:3(b)); 146 Members. */
static void test_scenario_trips_para6(void **state)
{
    (void)state;
    wv_tally t = {.members = 146, .present = 146, .days_elapsed = 90,
                  .waiver_terms_complete = 1};
    wv_decision d = decide_ok("waiver-annex1", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.stage, WV_STAGE_CONSENSUS);
    assert_true(has_step(&d, "Art. IX:1 fn 1", "no Member present (146) formally objects"));
}

/* IFD agreement, MC13 (February 2024, 164 Members): adding it to Annex 4 is
 * exclusively by consensus (Art. X:9); objections blocked it, and 123
 * participants in favour change nothing. */
static void test_scenario_ifd_annex4(void **state)
{
    (void)state;
    wv_tally t = {.members = 164, .present = 164, .objections = 2};
    assert_int_equal(decide_ok("annex4-add", NULL, &t).outcome, WV_OUTCOME_BLOCKED);
    t.vote_held = 1;
    t.yes = 123;
    t.no = 2;
    wv_decision d = decide_ok("annex4-add", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_BLOCKED);
    assert_true(has_step(&d, "Art. X:9", "ballots are not counted"));
}

/* LDC services waiver, WT/L/847, MC8, 17 December 2011 (153 Members), 15
 * years: consensus, and Art. IX:4 reviews 2012-12-17 ... 2025-12-17. */
static void test_scenario_ldc_services(void **state)
{
    (void)state;
    wv_tally t = {.members = 153, .present = 153, .waiver_terms_complete = 1};
    assert_int_equal(decide_ok("waiver-annex1", NULL, &t).outcome, WV_OUTCOME_ADOPTED);
    expect_reviews("2011-12-17", "2026-12-17", 14, "2012-12-17", "2025-12-17");
    /* extended to 31 December 2030 (WT/L/982): reviews up to 2030-12-17 */
    expect_reviews("2011-12-17", "2030-12-31", 19, "2012-12-17", "2030-12-17");
}

/* Accessions of Comoros and Timor-Leste approved at MC13 (26 February 2024,
 * 164 Members) by consensus (WT/L/93, Art. XII:2); had consensus failed, two
 * thirds of 164 = 110 votes would have been needed. */
static void test_scenario_accessions_mc13(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        wv_tally t = {.members = 164, .present = 164};
        assert_int_equal(decide_ok("accession", NULL, &t).outcome, WV_OUTCOME_ADOPTED);
    }
    wv_tally t = {.members = 164, .present = 164, .objections = 1};
    wv_decision d = decide_ok("accession", NULL, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_PENDING);
    assert_int_equal(d.required, 110);
    /* after both accessions, 166 Members: 111 */
    t.members = t.present = 166;
    assert_int_equal(decide_ok("accession", NULL, &t).required, 111);
}

/* ---- competence (issue 14): who may decide what ---- */
static void test_competence(void **state)
{
    (void)state;
    static const struct {
        const char *id, *body;
        int competent;
        const char *cite; /* in the competence note */
    } rows[] = {
        {"interpretation", "ministerial-conference", 1, "Art. IX:2"},
        {"interpretation", "general-council", 1, "Art. IX:2"},
        {"interpretation", "goods-council", 0, "Art. IX:2"}, /* "exclusively" */
        {"interpretation", "dsb", 0, "Art. IX:2"},
        {"accession", "general-council", 1, "Art. IV:2"},   /* between MC sessions */
        {"accession", "dsb", 0, "Art. XII:2"},
        {"waiver", "ministerial-conference", 1, "Art. IX:3"},
        {"waiver", "dsb", 0, "Art. IX:3"},
        {"amendment-submit", "services-council", 0, "Art. X:1"},
        {"amendment-x3-consent", "ministerial-conference", 1, "Art. X:3"},
        {"amendment-dsu", "ministerial-conference", 1, "Art. X:8"},
        {"annex4-add", "ministerial-conference", 1, "Art. X:9"},
        {"budget", "general-council", 1, "Art. VII:3"},
        {"budget", "ministerial-conference", 0, "Art. VII:3"},
        {"waiver-annex1-council", "goods-council", 1, "Art. IX:3(b)"},
        {"waiver-annex1-council", "services-council", 1, "Art. IX:3(b)"},
        {"waiver-annex1-council", "trips-council", 1, "Art. IX:3(b)"},
        {"waiver-annex1-council", "general-council", 0, "Art. IX:3(b)"},
        {"waiver-annex1", "goods-council", 0, "Art. IX:3(b)"}, /* a Council never grants */
        {"waiver-annex1", "general-council", 1, "Art. IX:3(b)"},
        {"dsb", "dsb", 1, "DSU Arts. 2.1, 2.4"},
        {"dsb-negative", "general-council", 1, "Art. IV:3"}, /* convened as the DSB */
        {"dsb-negative", "goods-council", 0, "DSU"},
        {"plurilateral", "plurilateral:gpa", 1, "Art. IX:5"},
        {"plurilateral", "general-council", 0, "Annex 4"},
        {"majority", "plurilateral:gpa", 0, "Art. IX:1"},
        {"gatt-waiver", "contracting-parties", 1, "GATT 1947 Art. XXV"},
        {"gatt-waiver", "general-council", 0, "GATT 1947 Art. XXV"},
        {"consensus", "trips-council", 1, "Art. IX:1"},
        {"consensus", "contracting-parties", 0, "Art. IX:1"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const wv_procedure *p = wv_procedure_find(rows[i].id);
        if (wv_procedure_competent(p, rows[i].body) != rows[i].competent ||
            strstr(wv_procedure_competence(p)->citation, rows[i].cite) == NULL)
            fail_msg("row %zu: %s at %s: competent %d, note %s", i, rows[i].id, rows[i].body,
                     wv_procedure_competent(p, rows[i].body),
                     wv_procedure_competence(p)->citation);
    }
    /* bodies: the fixed list and plurilateral:NAME */
    assert_true(wv_body_valid("plurilateral:ita"));
    assert_false(wv_body_valid("plurilateral:"));
    assert_false(wv_body_valid("plurilateral:a b"));
    assert_false(wv_body_valid("parliament"));
    assert_false(wv_procedure_competent(wv_procedure_find("majority"), "parliament"));
    char buf[16];
    assert_string_equal(wv_body_prefix("goods-council", buf, sizeof buf), "CTG");
    assert_string_equal(wv_body_prefix("plurilateral:ita", buf, sizeof buf), "ITA");
    assert_int_equal(wv_body_count(), 7);
    assert_string_equal(wv_body_words("contracting-parties"),
                        "the CONTRACTING PARTIES to GATT 1947");
}

/* ---- Art. IX:3(b): a Council's consensus is a recommendation ---- */
static void test_council_recommends_or_reports(void **state)
{
    (void)state;
    wv_tally t = {.members = 166, .present = 150, .waiver_terms_complete = 1};
    wv_decision d = decide_ok("waiver-annex1-council", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_RECOMMENDED);
    assert_string_equal(wv_outcome_name(d.outcome), "recommended");
    assert_true(has_step(&d, "Art. IX:3(b)", "not a grant"));
    t.objections = 1;
    t.days_elapsed = 89;
    assert_int_equal(decide_ok("waiver-annex1-council", NULL, &t).outcome, WV_OUTCOME_PENDING);
    t.days_elapsed = 90;
    d = decide_ok("waiver-annex1-council", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_REPORTED);
    assert_true(has_step(&d, "Art. IX:3(b)", "reports to the Ministerial Conference"));
    /* a Council does not vote: no request, no vote is allowed */
    t.vote_requested = 1;
    assert_false(wv_rules_vote_allowed(wv_procedure_find("waiver-annex1-council"), NULL, &t));
    assert_false(wv_procedure_allows_vote(wv_procedure_find("waiver-annex1-council")));
    assert_true(wv_procedure_needs_council_report(wv_procedure_find("waiver-annex1")));
}

/* ---- GATT 1947 Art. XXV:5: a vote without a consensus stage ---- */
static void test_gatt_vote_without_consensus(void **state)
{
    (void)state;
    const wv_procedure *g = wv_procedure_find("gatt-waiver");
    wv_tally t = {.members = 100, .present = 100};
    assert_true(wv_procedure_vote_without_consensus(g));
    assert_true(wv_rules_vote_allowed(g, NULL, &t)); /* no objection needed */
    assert_false(wv_rules_vote_allowed(wv_procedure_find("budget"), NULL, &t));
    t.vote_held = 1;
    t.yes = 60;
    t.no = 10;
    wv_decision d = decide_ok("gatt-waiver", &EXPLAIN, &t);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED); /* 60 >= 2/3 of 70 and 60 > 50 */
    assert_int_equal(d.stage, WV_STAGE_VOTE);
}

/* ---- two-limb rows publish both limbs (VII:3; GATT XXV:5; issue 14) ---- */
static void test_two_limbs_published(void **state)
{
    (void)state;
    for (int r = 0; r < 2; r++) {
        const char *id = r ? "gatt-waiver" : "budget";
        /* 166 Members, 90 present, one objection, decided before any ballot */
        wv_tally t = {.members = 166, .present = 90, .objections = 1};
        wv_decision d = decide_ok(id, &EXPLAIN, &t);
        assert_int_equal(d.outcome, WV_OUTCOME_PENDING);
        assert_int_equal(d.stage, WV_STAGE_VOTE);
        assert_true(d.two_limbs);
        assert_false(d.votes_cast_known);
        assert_int_equal(d.required_of_votes_cast, 0);
        assert_int_equal(d.required_of_members, 84); /* more than half of 166 */
        assert_false(d.has_required);
        assert_true(has_step(&d, r ? "XXV:5" : "VII:3", "(84 of 166)"));
        assert_true(has_step(&d, r ? "XXV:5" : "VII:3", "once the votes are cast"));
        /* after the vote: both numbers, required the larger */
        t.vote_held = 1;
        t.yes = 85;
        t.no = 5;
        d = decide_ok(id, NULL, &t);
        assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
        assert_true(d.votes_cast_known);
        assert_int_equal(d.required_of_votes_cast, 60); /* two-thirds of 90 votes cast */
        assert_int_equal(d.required_of_members, 84);
        assert_int_equal(d.required, 84);
    }
    /* a one-limb row publishes no limbs */
    wv_tally t = vote_tally(166, 130, 10);
    assert_false(decide_ok("waiver", NULL, &t).two_limbs);
}

/* ---- Art. X:3, second sentence: withdraw or remain with consent ---- */
static void test_x3_consent(void **state)
{
    (void)state;
    const wv_procedure *p = wv_procedure_find("amendment-x3-consent");
    assert_non_null(p);
    assert_string_equal(wv_procedure_citation(p), "Art. X:3");
    assert_int_equal(wv_procedure_threshold(p)->num, 3);
    assert_int_equal(wv_procedure_threshold(p)->den, 4);
    expect_vote("amendment-x3-consent", 166, 125, 41, WV_OUTCOME_ADOPTED, 125, "Art. X:3");
    expect_vote("amendment-x3-consent", 166, 124, 42, WV_OUTCOME_REJECTED, 125, "Art. X:3");
    wv_tally t = {.members = 166, .present = 166};
    assert_int_equal(decide_ok("amendment-x3-consent", NULL, &t).outcome, WV_OUTCOME_ADOPTED);
}

/* ---- explanations never contradict themselves (issue 14) ----
 * Every step of every procedure's explanation, over a grid of inputs, is
 * checked against the tally and the outcome: no step says a vote was held
 * (or counts ballots) when none was, none says no vote has been held when
 * one was, and no step concludes with another outcome than the decision. */
static const char *const HELD_WORDS[] = {"a vote was held", "ballots", " yes, ", " yes: "};
static const char *const NOT_HELD_WORDS[] = {"no vote has yet been held", "no vote yet",
                                             "no vote before", "a vote may be taken: pending"};
static const char *const FINAL_WORDS[] = {"adopted", "rejected", "blocked", "pending",
                                          "recommended", "reported"};

/* The outcome word a step concludes with (after its last ": " or ", "), or NULL. */
static const char *concludes(const char *text)
{
    for (size_t i = 0; i < sizeof FINAL_WORDS / sizeof FINAL_WORDS[0]; i++) {
        size_t n = strlen(text), w = strlen(FINAL_WORDS[i]);
        if (n >= w + 2 && strcmp(text + n - w, FINAL_WORDS[i]) == 0 &&
            (text[n - w - 2] == ':' || text[n - w - 2] == ',') && text[n - w - 1] == ' ')
            return FINAL_WORDS[i];
    }
    return NULL;
}

static void check_explanation(const char *id, const wv_tally *t, const wv_decision *d)
{
    const char *want = wv_outcome_name(d->outcome);
    int concluded = 0;
    for (size_t i = 0; i < d->n_steps; i++) {
        const char *text = d->steps[i].text;
        const char *const *bad = t->vote_held ? NOT_HELD_WORDS : HELD_WORDS;
        for (size_t w = 0; w < 4; w++)
            if (strstr(text, bad[w]) != NULL)
                fail_msg("%s (vote_held %d, %s): step %zu says \"%s\": %s", id, t->vote_held,
                         want, i, bad[w], text);
        const char *c = concludes(text);
        if (c != NULL && strcmp(c, want) != 0)
            fail_msg("%s: outcome %s but step %zu concludes %s: %s", id, want, i, c, text);
        concluded |= c != NULL || (d->outcome == WV_OUTCOME_NO_QUORUM &&
                                   strstr(text, "no decision") != NULL);
    }
    if (!concluded)
        fail_msg("%s: no step states the outcome %s", id, want);
    if ((d->outcome == WV_OUTCOME_ADOPTED || d->outcome == WV_OUTCOME_REJECTED) &&
        d->stage == WV_STAGE_VOTE && !t->vote_held)
        fail_msg("%s: %s at the vote stage with no vote held", id, want);
    if (d->two_limbs && (d->stage != WV_STAGE_VOTE || d->required_of_members == 0 ||
                         d->votes_cast_known != (d->outcome != WV_OUTCOME_PENDING)))
        fail_msg("%s: two limbs published inconsistently (%s)", id, want);
}

static void test_explanations_consistent(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t p = 0; p < wv_procedure_count(); p++) {
        const wv_procedure *proc = wv_procedure_at(p);
        for (unsigned g = 0; g < 1u << 9; g++) {
            uint32_t n = (g & 1) ? 166 : 10;
            wv_tally t = {.members = n, .present = (g & 2) ? n / 3 : n};
            t.objections = (g & 4) ? 1 : 0;
            t.vote_requested = (g & 8) ? 1 : 0;
            t.vote_held = (g & 16) ? 1 : 0;
            if (t.vote_held) {
                t.yes = t.present * 3 / 4;
                t.no = t.present - t.yes;
            }
            t.days_elapsed = (g & 32) ? 90 : (g & 64) ? 30 : 0;
            t.transition_obligation = (g & 128) ? 1 : 0;
            t.waiver_terms_complete = (g & 256) ? 0 : 1;
            t.acceptances = (g & 64) ? n : n / 2;
            t.deadline_passed = (g & 128) ? 1 : 0;
            wv_decision d;
            if (wv_rules_decide(proc, &EXPLAIN, &t, &d, NULL) != WV_OK)
                continue;
            check_explanation(wv_procedure_id(proc), &t, &d);
            checked++;
        }
    }
    /* every procedure is exercised on 2^9 tallies, all of them decidable */
    assert_int_equal(checked, wv_procedure_count() * 512u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_ids),
        cmocka_unit_test(test_members_thresholds),
        cmocka_unit_test(test_reference_table_166),
        cmocka_unit_test(test_majority_of_votes_cast),
        cmocka_unit_test(test_two_limbs),
        cmocka_unit_test(test_consensus_only),
        cmocka_unit_test(test_acceptances),
        cmocka_unit_test(test_eu_bloc),
        cmocka_unit_test(test_eu_bloc_1995),
        cmocka_unit_test(test_gatt1947_one_vote_each),
        cmocka_unit_test(test_quorum),
        cmocka_unit_test(test_consensus_periods),
        cmocka_unit_test(test_reverse_consensus),
        cmocka_unit_test(test_waiver_conditions),
        cmocka_unit_test(test_review_dates),
        cmocka_unit_test(test_impossible),
        cmocka_unit_test(test_explain_off),
        cmocka_unit_test(test_competence),
        cmocka_unit_test(test_council_recommends_or_reports),
        cmocka_unit_test(test_gatt_vote_without_consensus),
        cmocka_unit_test(test_two_limbs_published),
        cmocka_unit_test(test_x3_consent),
        cmocka_unit_test(test_explanations_consistent),
        cmocka_unit_test(test_scenario_trips_para6),
        cmocka_unit_test(test_scenario_ifd_annex4),
        cmocka_unit_test(test_scenario_ldc_services),
        cmocka_unit_test(test_scenario_accessions_mc13),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
