/* engine/record: the record index (wtovote/index.h). Presence is taken
 * when each item is decided (quorum and "Members present" thresholds:
 * Art. IX:1 fn 1, DSU 2.4, WT/L/161); the EU seat rule (Art. IX:1 fn 2);
 * the leaf of each Member's last act; notes, motion and the chair's
 * events. The index the record keeps while appending, the one its replay
 * builds and one built entry by entry with wv_record_index_add agree. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <unistd.h>

#include "wtovote/pb.h"
#include "record_fixture.h"
#include "wtovote/index.h"

static char dir[256];
static rf F;

/* What the script did, to check the index against. */
typedef struct script {
    uint32_t alb, are, deu, eu, afg, ago;
    uint64_t decide1, decide2, afg_ballot, open;
} script;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/wv_test_index_XXXXXX");
    return rf_init(&F, 166) == 0 ? rf_record_new(&F, dir) : -1;
}

static int teardown(void **state)
{
    (void)state;
    rf_record_remove(dir);
    rf_free(&F);
    return 0;
}

static uint32_t member(const char *code)
{
    int i = wv_roster_member_index(F.roster, code);
    assert_true(i >= 0);
    return (uint32_t)i;
}

/* The EU casting its 27-vote bloc (the fixture's acts carry no eu_bloc). */
static rf_env eu_bloc_vote(uint32_t item, wv_choice c)
{
    Wtovote__V1__Act a = WTOVOTE__V1__ACT__INIT;
    a.version = 1;
    a.meeting_id = (char *)RF_MID;
    a.member = (char *)WV_EU_CODE;
    a.kind = WTOVOTE__V1__ACT_KIND__ACT_VOTE;
    a.item = item;
    a.choice = (Wtovote__V1__Choice)c;
    a.eu_bloc = 1;
    a.time = F.t++;
    a.meeting_ref = (ProtobufCBinaryData){WV_MEETING_REF_BYTES, F.ref};
    a.statement = (char *)"";
    rf_env e = {0};
    assert_int_equal(wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base,
                                      F.member_sk[member(WV_EU_CODE)], &e.buf, &e.len, NULL),
                     WV_OK);
    return e;
}

/* A waiver with its Art. IX:4 terms, revised: the index keeps the text of
 * the revision, copied out of the signed event. */
static void waiver_tabled_and_revised(wv_record *rec, uint32_t item)
{
    wv_motion_input mo = {.item = item, .title = "a waiver", .procedure = "waiver",
                          .proponent = "AGO", .circumstances = "a pandemic",
                          .terms = "reported yearly", .termination = "2030-01-01"};
    wv_chair_input in = {.kind = WV_CHAIR_MOTION_TABLE, .item = item, .time = F.t++,
                         .motion = &mo};
    rf_append(rec, rf_seal_chair(&F, &in, RF_MID));
    in.kind = WV_CHAIR_MOTION_REVISE;
    in.time = F.t++;
    mo.terms = "reported every six months";
    rf_append(rec, rf_seal_chair(&F, &in, RF_MID));
}

static uint64_t act(uint32_t who, wv_act_kind kind, uint32_t item, wv_choice c,
                    wv_record *rec)
{
    return rf_append(rec, rf_act_sk(&F, who, kind, item, c, kind == WV_ACT_OBJECT ? "not now"
                                                                                  : NULL, NULL));
}

/* Six Members attend; Albania leaves before item 1 is decided and comes
 * back after; item 2 is objected to, voted on with the EU's bloc, decided,
 * and then the UAE leaves; item 3 is tabled and not decided. */
static void run_script(wv_record *rec, script *s)
{
    s->afg = member("AFG"), s->ago = member("AGO"), s->alb = member("ALB");
    s->are = member("ARE"), s->deu = member("DEU"), s->eu = member(WV_EU_CODE);
    s->open = rf_append(rec, rf_open(&F, RF_MID));
    uint32_t who[] = {s->afg, s->ago, s->alb, s->are, s->deu, s->eu};
    for (size_t i = 0; i < 6; i++)
        act(who[i], WV_ACT_ATTEND, 0, WV_CHOICE_NONE, rec);
    act(s->alb, WV_ACT_LEAVE, 0, WV_CHOICE_NONE, rec);
    rf_append(rec, rf_table(&F, 1, "consensus"));
    rf_append(rec, rf_chair(&F, WV_CHAIR_CONSENSUS_CALL, 1));
    s->decide1 = rf_append(rec, rf_decide(&F, wv_record_meeting(rec), 1, 0));
    act(s->alb, WV_ACT_ATTEND, 0, WV_CHOICE_NONE, rec);
    rf_append(rec, rf_table(&F, 2, "majority"));
    rf_append(rec, rf_chair(&F, WV_CHAIR_CONSENSUS_CALL, 2));
    act(s->afg, WV_ACT_OBJECT, 2, WV_CHOICE_NONE, rec);
    rf_append(rec, rf_chair(&F, WV_CHAIR_VOTE_OPEN, 2));
    s->afg_ballot = act(s->afg, WV_ACT_VOTE, 2, WV_CHOICE_NO, rec);
    act(s->ago, WV_ACT_VOTE, 2, WV_CHOICE_YES, rec);
    rf_append(rec, eu_bloc_vote(2, WV_CHOICE_YES));
    rf_append(rec, rf_chair(&F, WV_CHAIR_VOTE_CLOSE, 2));
    s->decide2 = rf_append(rec, rf_decide(&F, wv_record_meeting(rec), 2, 0));
    act(s->are, WV_ACT_LEAVE, 0, WV_CHOICE_NONE, rec);
    rf_append(rec, rf_table(&F, 3, "consensus"));
    waiver_tabled_and_revised(rec, 4);
}

/* Presence counts the replay shows at each CHAIR_DECIDE, and an index
 * built entry by entry from the same visits. */
typedef struct replay_seen {
    uint32_t present_at_decide[4]; /* by item */
    wv_record_index *manual;
} replay_seen;

static int visit(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                 const wv_envelope *env, const wv_act *a, const wv_chair_event *ev,
                 const wv_meeting *m)
{
    (void)entry, (void)len, (void)env;
    replay_seen *seen = ctx;
    if (ev != NULL && ev->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE) {
        wv_item_info it;
        assert_int_equal(wv_meeting_item_at(m, (size_t)wv_meeting_item_find(m, ev->item), &it),
                         0);
        seen->present_at_decide[ev->item] = it.present;
        assert_int_equal(ev->decision->present, it.present); /* the signed count */
    }
    wv_error err;
    if (wv_record_index_add(seen->manual, index, a, ev, m, &err) != WV_OK)
        fail_msg("index add: %s", err.message);
    return 0;
}

static void assert_same_index(const wv_record_index *x, const wv_record_index *y)
{
    for (uint32_t item = 1; item <= 4; item++) {
        wv_index_item a, b;
        assert_int_equal(wv_record_index_item(x, item, &a), 0);
        assert_int_equal(wv_record_index_item(y, item, &b), 0);
        assert_int_equal(a.present, b.present);
        assert_int_equal(a.objections, b.objections);
        assert_int_equal(a.at_decision, b.at_decision);
        assert_memory_equal(a.events, b.events, sizeof a.events);
        for (uint32_t k = 0; k < F.n_members; k++) {
            wv_index_seat s, t;
            assert_int_equal(wv_record_index_seat(x, item, k, &s), 0);
            assert_int_equal(wv_record_index_seat(y, item, k, &t), 0);
            assert_memory_equal(&s, &t, sizeof s);
        }
    }
    assert_int_equal(wv_record_index_note_count(x), wv_record_index_note_count(y));
}

static void seat(const wv_record_index *idx, uint32_t item, uint32_t who, wv_index_seat *out)
{
    assert_int_equal(wv_record_index_seat(idx, item, who, out), 0);
}

/* The defect of issue 11: Albania left before item 1 was decided. */
static void check_presence(const wv_record_index *idx, const script *s, const replay_seen *seen)
{
    wv_index_item it;
    wv_index_seat st;
    assert_int_equal(wv_record_index_item(idx, 1, &it), 0);
    assert_true(it.at_decision);
    assert_int_equal(it.present, 5);
    assert_int_equal(it.present, seen->present_at_decide[1]);
    assert_int_equal(it.events[WV_CHAIR_DECIDE].leaf, (int64_t)s->decide1);
    assert_non_null(it.decision);
    assert_int_equal(it.decision->outcome, WV_OUTCOME_NO_QUORUM); /* 5 of 166 */
    seat(idx, 1, s->alb, &st);
    assert_false(st.present);
    assert_int_equal(st.position, WV_POS_ABSENT);
    seat(idx, 1, s->afg, &st);
    assert_true(st.present);
    assert_int_equal(st.position, WV_POS_PRESENT);
    /* item 2: the UAE left after the decision, so it was present then */
    assert_int_equal(wv_record_index_item(idx, 2, &it), 0);
    assert_int_equal(it.present, 6);
    assert_int_equal(it.present, seen->present_at_decide[2]);
    seat(idx, 2, s->are, &st);
    assert_true(st.present);
    /* item 3, not decided: as now (Albania back, the UAE gone) */
    assert_int_equal(wv_record_index_item(idx, 3, &it), 0);
    assert_false(it.at_decision);
    assert_int_equal(it.present, 5);
    assert_null(it.decision);
    seat(idx, 3, s->alb, &st);
    assert_true(st.present);
    seat(idx, 3, s->are, &st);
    assert_false(st.present);
    assert_int_equal(st.position, WV_POS_ABSENT);
}

/* Art. IX:1 fn 2, the leaf of the last act, the objection and its note. */
static void check_item2(const wv_record_index *idx, const script *s)
{
    wv_index_seat st;
    seat(idx, 2, s->deu, &st); /* no ballot of its own: the bloc's */
    assert_int_equal(st.position, WV_POS_YES);
    assert_true(st.bloc);
    assert_int_equal(st.leaf, -1);
    seat(idx, 2, s->eu, &st);
    assert_true(st.bloc);
    seat(idx, 2, member("FRA"), &st); /* an absent EU member State: in the bloc too */
    assert_int_equal(st.position, WV_POS_YES);
    assert_true(st.bloc);
    assert_false(st.present);
    seat(idx, 2, s->afg, &st);
    assert_int_equal(st.position, WV_POS_NO);
    assert_false(st.bloc);
    assert_int_equal(st.objection, WV_ACT_OBJECT);
    assert_int_equal(st.leaf, (int64_t)s->afg_ballot);
    seat(idx, 2, s->ago, &st);
    assert_int_equal(st.objection, 0);
    assert_int_equal(wv_record_index_note_count(idx), 1);
    const wv_index_note *n = wv_record_index_note(idx, 0);
    assert_int_equal(n->item, 2);
    assert_int_equal(n->member, s->afg);
    assert_int_equal(n->kind, WV_ACT_OBJECT);
    assert_string_equal(n->statement, "not now");
    assert_null(wv_record_index_note(idx, 1));
    wv_index_item it;
    assert_int_equal(wv_record_index_item(idx, 2, &it), 0);
    assert_string_equal(it.motion->procedure, "majority");
    assert_string_equal(it.motion->title, "a motion");
    assert_false(it.motion->has_waiver);
    assert_int_equal(it.events[WV_CHAIR_DECIDE].leaf, (int64_t)s->decide2);
    assert_int_equal(it.events[WV_CHAIR_MOTION_REVISE].leaf, -1);
    assert_int_equal(wv_record_index_item(idx, 4, &it), 0);
    assert_true(it.motion->has_waiver);
    assert_string_equal(it.motion->proponent, "AGO");
    assert_string_equal(it.motion->exceptional_circumstances, "a pandemic");
    assert_string_equal(it.motion->terms_and_conditions, "reported every six months");
    assert_string_equal(it.motion->termination_date, "2030-01-01");
    assert_string_equal(it.motion->acceptance_deadline, "");
    assert_int_equal(it.motion->n_parties, 0);
    assert_true(it.events[WV_CHAIR_MOTION_REVISE].leaf > it.events[WV_CHAIR_MOTION_TABLE].leaf);
    assert_int_equal(wv_record_index_item(idx, 5, &it), -1);
    assert_int_equal(wv_record_index_seat(idx, 2, (uint32_t)F.n_members, &st), -1);
    wv_index_meeting mt;
    wv_record_index_meeting(idx, &mt);
    assert_int_equal(mt.open.leaf, (int64_t)s->open);
    assert_int_equal(mt.close.leaf, -1);
}

static void presence_is_taken_at_the_decision(void **state)
{
    (void)state;
    wv_record *live, *loaded;
    wv_error err;
    script s;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &live, &err), WV_OK);
    run_script(live, &s);
    replay_seen seen = {{0}, NULL};
    assert_int_equal(wv_record_index_new(F.roster, &seen.manual, NULL), WV_OK);
    if (wv_record_load(dir, visit, &seen, &loaded, &err) != WV_OK)
        fail_msg("load: %s", err.message);
    check_presence(wv_record_get_index(loaded), &s, &seen);
    check_item2(wv_record_get_index(loaded), &s);
    /* kept current by the appends = built by the replay = added by hand */
    assert_same_index(wv_record_get_index(live), wv_record_get_index(loaded));
    assert_same_index(seen.manual, wv_record_get_index(loaded));
    wv_index_meeting mt;
    wv_record_index_meeting(seen.manual, &mt);
    assert_int_equal(mt.entries, wv_record_size(loaded));
    wv_record_index_free(seen.manual);
    wv_record_close(loaded);
    wv_record_close(live);
}

static void entries_once_and_in_order(void **state)
{
    (void)state;
    wv_record *rec;
    wv_record_index *idx;
    wv_error err;
    script s;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, &err), WV_OK);
    run_script(rec, &s);
    assert_int_equal(wv_record_index_new(F.roster, &idx, NULL), WV_OK);
    Wtovote__V1__Act a = WTOVOTE__V1__ACT__INIT;
    a.member = (char *)"AFG";
    a.kind = WTOVOTE__V1__ACT_KIND__ACT_ATTEND;
    assert_int_equal(wv_record_index_add(idx, 1, &a, NULL, wv_record_meeting(rec), &err),
                     WV_ERR_ARG); /* entry 0 skipped */
    assert_non_null(strstr(err.message, "entry 1 added after 0 entries"));
    assert_int_equal(wv_record_index_add(idx, 0, NULL, NULL, wv_record_meeting(rec), &err),
                     WV_ERR_ARG);
    a.member = (char *)"XXX";
    assert_int_equal(wv_record_index_add(idx, 0, &a, NULL, wv_record_meeting(rec), &err),
                     WV_ERR_ARG);
    assert_non_null(strstr(err.message, "\"XXX\" is not in the roster"));
    a.member = (char *)"AFG";
    assert_int_equal(wv_record_index_add(idx, 0, &a, NULL, wv_record_meeting(rec), &err), WV_OK);
    wv_index_meeting mt;
    wv_record_index_meeting(idx, &mt);
    assert_int_equal(mt.entries, 1);
    wv_record_index_free(idx);
    wv_record_index_free(NULL);
    wv_record_close(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(presence_is_taken_at_the_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(entries_once_and_in_order, setup, teardown),
    };
    if (wv_init() != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
