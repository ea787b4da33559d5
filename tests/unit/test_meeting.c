/* engine/meeting: act sequences through the state machine. Every refusal is
 * checked for its exact code, a message naming the Member or item, and an
 * unchanged state digest; whole items are checked for the decision derived
 * through engine/rules. Citations are in the test names and comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/meeting.h"
#include "wtovote/roster.h"
#include "wtovote/rules.h"
#include "wtovote/util.h"
#include "wtovote/wire.h"

#define MID "GC-TEST"
#define DAY 86400

/* Eight Members: the EU, two EU member States and five others. */
static const char small_csv[] =
    "code,name,eu_member_state,ldc,joined\n"
    "CHN,China,0,0,2001-12-11\n"
    "DEU,Germany,1,0,1995-01-01\n"
    "EU,European Union,0,0,1995-01-01\n"
    "FRA,France,1,0,1995-01-01\n"
    "IND,India,0,0,1995-01-01\n"
    "JPN,Japan,0,0,1995-01-01\n"
    "USA,United States,0,0,1995-01-01\n"
    "ZAF,South Africa,0,0,1995-01-01\n";

typedef struct fx {
    wv_roster *r;
    wv_meeting *m;
    int64_t t;
    wv_refusal why;
    wv_error err;
    const char *body; /* the meeting's body; NULL: general-council */
    /* Meeting identity (SPEC.md): the opening's Meeting.nonce (NULL: none;
     * the machine needs none), and the meeting_ref inputs carry: the
     * meeting's own, or foreign_ref when a test sets it. */
    const uint8_t *nonce;
    const uint8_t *foreign_ref;
    uint8_t ref[WV_MEETING_REF_BYTES];
} fx;

static fx *fx_new(int full)
{
    static fx f;
    memset(&f, 0, sizeof f);
    wv_status st = full ? wv_roster_default(&f.r, &f.err)
                        : wv_roster_from_csv(small_csv, strlen(small_csv), &f.r, &f.err);
    assert_int_equal(st, WV_OK);
    assert_int_equal(wv_meeting_new(f.r, NULL, &f.m, &f.err), WV_OK);
    f.t = 1700000000;
    return &f;
}

static int setup_small(void **state) { *state = fx_new(0); return 0; }
static int setup_full(void **state) { *state = fx_new(1); return 0; }
/* The fixture over roster r (owned). */
static fx *fx_over(wv_roster *r)
{
    fx *f = fx_new(0);
    wv_meeting_free(f->m);
    wv_roster_free(f->r);
    f->r = r;
    assert_int_equal(wv_meeting_new(f->r, NULL, &f->m, &f->err), WV_OK);
    return f;
}

static int setup_1995(void **state)
{
    wv_roster *r = NULL;
    assert_int_equal(wv_roster_as_of("1995-01-01", &r, NULL), WV_OK);
    *state = fx_over(r);
    return 0;
}
static int teardown(void **state)
{
    fx *f = *state;
    wv_meeting_free(f->m);
    wv_roster_free(f->r);
    return 0;
}

static uint32_t idx(fx *f, const char *code)
{
    int i = wv_roster_member_index(f->r, code);
    assert_true(i >= 0);
    return (uint32_t)i;
}

/* ------------------------------------------------------------ builders */

/* Every input after the opening names it (SPEC.md, "Meeting identity"). */
static ProtobufCBinaryData bound(fx *f)
{
    if (f->foreign_ref != NULL)
        return (ProtobufCBinaryData){WV_MEETING_REF_BYTES, (uint8_t *)f->foreign_ref};
    (void)wv_meeting_ref(f->m, f->ref); /* zero before the opening */
    return (ProtobufCBinaryData){WV_MEETING_REF_BYTES, f->ref};
}

static wv_status act_at(fx *f, const char *mid, const char *member, wv_act_kind k, uint32_t item,
                        wv_choice c, int bloc)
{
    Wtovote__V1__Act a = WTOVOTE__V1__ACT__INIT;
    a.version = 1;
    a.meeting_id = (char *)mid;
    a.member = (char *)member;
    a.kind = (Wtovote__V1__ActKind)k;
    a.item = item;
    a.choice = (Wtovote__V1__Choice)c;
    a.eu_bloc = bloc;
    a.time = f->t;
    a.meeting_ref = bound(f);
    return wv_meeting_apply_act(f->m, &a, &f->why, &f->err);
}

static wv_status act(fx *f, const char *member, wv_act_kind k, uint32_t item, wv_choice c, int bloc)
{
    return act_at(f, MID, member, k, item, c, bloc);
}

static wv_status chair_ev(fx *f, wv_chair_kind k, uint32_t item)
{
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)MID;
    e.kind = (Wtovote__V1__ChairKind)k;
    e.time = f->t;
    e.item = item;
    e.meeting_ref = bound(f);
    return wv_meeting_apply_chair(f->m, &e, &f->why, &f->err);
}

/* The opening of meeting `id` with the WT/L/93 reading `reading` in the
 * signed Meeting (vote_request_reading) and f->nonce, into *mt and *e. */
static void opening(const fx *f, const char *id, const char *event_id, int reading,
                    Wtovote__V1__Meeting *mt, Wtovote__V1__ChairEvent *e)
{
    wtovote__v1__meeting__init(mt);
    mt->id = (char *)id;
    mt->body = (char *)(f->body ? f->body : "general-council");
    mt->title = (char *)"Test meeting";
    mt->vote_request_reading = (Wtovote__V1__VoteRequestReading)reading;
    if (f->nonce != NULL)
        mt->nonce = (ProtobufCBinaryData){WV_MEETING_NONCE_BYTES, (uint8_t *)f->nonce};
    wtovote__v1__chair_event__init(e);
    e->version = 1;
    e->meeting_id = (char *)event_id;
    e->kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN;
    e->time = f->t;
    e->meeting = mt;
}

static wv_status open_meeting_reading(fx *f, const char *id, const char *event_id, int reading)
{
    Wtovote__V1__Meeting mt;
    Wtovote__V1__ChairEvent e;
    opening(f, id, event_id, reading, &mt, &e);
    return wv_meeting_apply_chair(f->m, &e, &f->why, &f->err);
}

static wv_status open_meeting(fx *f, const char *id, const char *event_id)
{
    return open_meeting_reading(f, id, event_id, WV_VOTE_REQUEST_AT_PERIOD_END);
}

typedef struct motion_opts {
    uint32_t period;
    const char *const *parties; /* NULL-terminated, sorted */
    const char *deadline;
    int waiver_terms, transition;
    int revise;
    const Wtovote__V1__CouncilReport *report; /* waiver-annex1 (IX:3(b)) */
} motion_opts;

static wv_status table(fx *f, uint32_t item, const char *proc, const motion_opts *o)
{
    static const motion_opts none;
    if (o == NULL)
        o = &none;
    Wtovote__V1__Waiver w = WTOVOTE__V1__WAIVER__INIT;
    Wtovote__V1__Motion mo = WTOVOTE__V1__MOTION__INIT;
    mo.item = item;
    mo.title = (char *)"a motion";
    mo.procedure = (char *)proc;
    mo.consensus_period_days = o->period;
    size_t n = 0;
    while (o->parties != NULL && o->parties[n] != NULL)
        n++;
    mo.n_parties = n;
    mo.parties = (char **)o->parties;
    mo.acceptance_deadline = (char *)(o->deadline ? o->deadline : "");
    mo.council_report = (Wtovote__V1__CouncilReport *)o->report;
    if (o->waiver_terms || o->transition) {
        if (o->waiver_terms) {
            w.exceptional_circumstances = (char *)"public health crisis";
            w.terms_and_conditions = (char *)"notification to the Council";
            w.termination_date = (char *)"2030-12-31";
        }
        w.transition_obligation = o->transition;
        mo.waiver = &w;
    }
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)MID;
    e.kind = o->revise ? WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE
                       : WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE;
    e.time = f->t;
    e.item = item;
    e.motion = &mo;
    e.meeting_ref = bound(f);
    return wv_meeting_apply_chair(f->m, &e, &f->why, &f->err);
}

static wv_status decide_with(fx *f, uint32_t item, const wv_decision_msg *d)
{
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)MID;
    e.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE;
    e.time = f->t;
    e.item = item;
    e.decision = (wv_decision_msg *)d;
    e.meeting_ref = bound(f);
    return wv_meeting_apply_chair(f->m, &e, &f->why, &f->err);
}

/* Previews, then declares what the preview derived (as the CLI does). */
static wv_decision decide(fx *f, uint32_t item)
{
    wv_decision d;
    wv_decision_msg msg;
    assert_int_equal(wv_meeting_decide_preview(f->m, item, f->t, &d, &msg, &f->why, &f->err),
                     WV_OK);
    assert_int_equal(decide_with(f, item, &msg), WV_OK);
    int i = wv_meeting_item_find(f->m, item);
    wv_item_info info;
    assert_int_equal(wv_meeting_item_at(f->m, (size_t)i, &info), 0);
    assert_non_null(info.decision);
    assert_int_equal(info.decision->outcome, d.outcome);
    return d;
}

#define OK(x) assert_int_equal((x), WV_OK)

/* A refused input: exact code, a message naming `needle` (when given),
 * state unchanged. */
static void check_refusal(fx *f, wv_status st, wv_refusal want, const char *needle,
                          const uint8_t before[32], int line)
{
    uint8_t after[32];
    if (st != WV_ERR_INADMISSIBLE || f->why != want)
        fail_msg("line %d: expected %s, got status %s, %s: %s", line, wv_refusal_name(want),
                 wv_status_name(st), wv_refusal_name(f->why), f->err.message);
    assert_int_equal(f->err.code, WV_ERR_INADMISSIBLE);
    if (needle != NULL && strstr(f->err.message, needle) == NULL)
        fail_msg("line %d: message lacks \"%s\": %s", line, needle, f->err.message);
    wv_meeting_digest(f->m, after);
    assert_memory_equal(before, after, 32);
}

#define REFUSED(f, want, needle, call)                                          \
    do {                                                                        \
        uint8_t before_[32];                                                    \
        wv_meeting_digest((f)->m, before_);                                     \
        wv_status st_ = (call);                                                 \
        check_refusal((f), st_, (want), (needle), before_, __LINE__);           \
    } while (0)

static void open_and_attend_all(fx *f)
{
    OK(open_meeting(f, MID, MID));
    size_t n = wv_roster_member_count(f->r);
    for (size_t i = 0; i < n; i++)
        OK(act(f, wv_roster_member_at(f->r, i)->code, WV_ACT_ATTEND, 0, 0, 0));
}

/* Item 1 under majority (IX:1): all attend, `objector` objects, the vote
 * opens. */
static void majority_vote_open(fx *f, const char *objector)
{
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, objector, WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
}

static const wv_item_info *info_of(fx *f, uint32_t item)
{
    static wv_item_info info;
    int i = wv_meeting_item_find(f->m, item);
    assert_true(i >= 0);
    assert_int_equal(wv_meeting_item_at(f->m, (size_t)i, &info), 0);
    return &info;
}

/* Casts `n` ballots of `c` by Members that are neither the EU nor one of
 * its member States, starting at roster index *next. */
static void ballots(fx *f, uint32_t item, wv_choice c, unsigned n, size_t *next)
{
    size_t count = wv_roster_member_count(f->r);
    while (n > 0 && *next < count) {
        const Wtovote__V1__Member *mem = wv_roster_member_at(f->r, (*next)++);
        if (mem->eu_member_state || strcmp(mem->code, "EU") == 0)
            continue;
        OK(act(f, mem->code, WV_ACT_VOTE, item, c, 0));
        n--;
    }
    assert_int_equal(n, 0);
}

/* ------------------------------------------------------ refusal names */

static void refusal_names_distinct_and_stable(void **state)
{
    (void)state;
    for (int i = 0; i < WV_REFUSE_COUNT_; i++) {
        const char *n = wv_refusal_name((wv_refusal)i);
        assert_true(strncmp(n, "WV_REFUSE_", 10) == 0);
        assert_int_equal(wv_refusal_from_name(n), i);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(n, wv_refusal_name((wv_refusal)j));
    }
    assert_string_equal(wv_refusal_name(WV_REFUSE_COUNT_), "WV_REFUSE_?");
    /* The numbers are stable (SPEC.md, "Meeting state machine"). */
    assert_int_equal(WV_REFUSE_NOT_OPEN, 1);
    assert_int_equal(WV_REFUSE_NOT_PRESENT, 11);
    assert_int_equal(WV_REFUSE_NO_VOTE_PROCEDURE, 24);
    assert_int_equal(WV_REFUSE_EU_BLOC_CONFLICT, 33);
    assert_int_equal(WV_REFUSE_DECISION_MISMATCH, 42);
    assert_string_equal(wv_refusal_name(WV_REFUSE_EU_BLOC_CONFLICT), "WV_REFUSE_EU_BLOC_CONFLICT");
}

/* ------------------------------------------------- meeting-level refusals */

static void refuse_before_open_wrong_meeting_and_after_close(void **state)
{
    fx *f = *state;
    REFUSED(f, WV_REFUSE_NOT_OPEN, NULL, act(f, "USA", WV_ACT_ATTEND, 0, 0, 0));
    REFUSED(f, WV_REFUSE_NOT_OPEN, NULL, chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    REFUSED(f, WV_REFUSE_WRONG_MEETING, "GC-OTHER", open_meeting(f, MID, "GC-OTHER"));
    OK(open_meeting(f, MID, MID));
    REFUSED(f, WV_REFUSE_ALREADY_OPEN, MID, open_meeting(f, MID, MID));
    REFUSED(f, WV_REFUSE_WRONG_MEETING, "GC-OTHER",
            act_at(f, "GC-OTHER", "USA", WV_ACT_ATTEND, 0, 0, 0));
    REFUSED(f, WV_REFUSE_UNKNOWN_MEMBER, "XYZ", act(f, "XYZ", WV_ACT_ATTEND, 0, 0, 0));
    OK(act(f, "USA", WV_ACT_ATTEND, 0, 0, 0));
    /* Time model: the log orders the meeting; an act timed before the
     * previous input is admitted, a chair event before the previous chair
     * event is not (the Secretariat's clock went back). */
    f->t -= 1;
    OK(act(f, "IND", WV_ACT_ATTEND, 0, 0, 0));
    REFUSED(f, WV_REFUSE_TIME_BACKWARDS, "clock went back", chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    f->t += 1;
    /* Fields that do not fit the kind. */
    REFUSED(f, WV_REFUSE_MALFORMED, "USA", act(f, "USA", WV_ACT_ATTEND, 3, 0, 0));
    REFUSED(f, WV_REFUSE_MALFORMED, "USA", act(f, "USA", WV_ACT_OBJECT, 0, 0, 0));
    REFUSED(f, WV_REFUSE_MALFORMED, "USA", act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_NONE, 0));
    OK(chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
    REFUSED(f, WV_REFUSE_CLOSED, MID, act(f, "USA", WV_ACT_LEAVE, 0, 0, 0));
    REFUSED(f, WV_REFUSE_CLOSED, MID, chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
}

/* The meeting_ref of the opening open_meeting(f, MID, MID) makes with
 * Meeting.nonce `nonce`, computed apart from any meeting. */
static void ref_of_opening(fx *f, const uint8_t *nonce, uint8_t out[WV_MEETING_REF_BYTES])
{
    Wtovote__V1__Meeting mt;
    Wtovote__V1__ChairEvent e;
    fx g = *f;
    g.nonce = nonce;
    opening(&g, MID, MID, WV_VOTE_REQUEST_AT_PERIOD_END, &mt, &e);
    OK(wv_meeting_ref_of(&e, out, &f->err));
}

/* Meeting identity (SPEC.md): two meetings with the same id, the same
 * roster, body and title, opened at the same second, differ by the
 * opening's nonce only. An act or a chair event bound to the other one is
 * refused WV_REFUSE_OTHER_MEETING, whatever its ids say, and changes
 * nothing; the meeting's own meeting_ref is the hash of its opening. */
static void refuse_input_bound_to_another_meeting(void **state)
{
    fx *f = *state;
    static const uint8_t nonce_a[WV_MEETING_NONCE_BYTES] = "meeting nonce A";
    static const uint8_t nonce_b[WV_MEETING_NONCE_BYTES] = "meeting nonce B";
    uint8_t ref_a[WV_MEETING_REF_BYTES], ref_b[WV_MEETING_REF_BYTES], got[WV_MEETING_REF_BYTES];
    char hex[WV_MEETING_REF_HEX_BYTES];
    assert_int_equal(wv_meeting_ref(f->m, got), -1); /* not opened: no reference yet */
    assert_int_equal(wv_meeting_ref_hex(f->m, hex), -1);
    ref_of_opening(f, nonce_a, ref_a);
    ref_of_opening(f, nonce_b, ref_b);
    assert_memory_not_equal(ref_a, ref_b, sizeof ref_a);
    f->nonce = nonce_a;
    OK(open_meeting(f, MID, MID));
    assert_int_equal(wv_meeting_ref(f->m, got), 0);
    assert_memory_equal(got, ref_a, sizeof got);
    assert_int_equal(wv_meeting_ref_hex(f->m, hex), 0);
    assert_int_equal(strlen(hex), 2 * WV_MEETING_REF_BYTES);
    OK(act(f, "USA", WV_ACT_ATTEND, 0, 0, 0));
    f->foreign_ref = ref_b; /* signed for meeting B, the same id MID */
    REFUSED(f, WV_REFUSE_OTHER_MEETING, MID, act(f, "IND", WV_ACT_ATTEND, 0, 0, 0));
    REFUSED(f, WV_REFUSE_OTHER_MEETING, MID, act(f, "USA", WV_ACT_LEAVE, 0, 0, 0));
    REFUSED(f, WV_REFUSE_OTHER_MEETING, MID, table(f, 1, "consensus", NULL));
    REFUSED(f, WV_REFUSE_OTHER_MEETING, MID, chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
    /* the binding is checked before the ids: another id too, still this code */
    REFUSED(f, WV_REFUSE_OTHER_MEETING, MID,
            act_at(f, "GC-OTHER", "IND", WV_ACT_ATTEND, 0, 0, 0));
    f->foreign_ref = NULL;
    assert_false(wv_meeting_is_present(f->m, idx(f, "IND")));
    OK(act(f, "IND", WV_ACT_ATTEND, 0, 0, 0));
    OK(table(f, 1, "consensus", NULL));
    OK(chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
}

static void refuse_meeting_for_another_roster(void **state)
{
    fx *f = *state;
    uint8_t other[32] = {1};
    Wtovote__V1__Meeting mt = WTOVOTE__V1__MEETING__INIT;
    mt.id = (char *)MID;
    mt.body = (char *)"general-council";
    mt.roster_fingerprint.data = other;
    mt.roster_fingerprint.len = 32;
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)MID;
    e.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN;
    e.meeting = &mt;
    REFUSED(f, WV_REFUSE_ROSTER_MISMATCH, MID, wv_meeting_apply_chair(f->m, &e, &f->why, &f->err));
    wv_roster_fingerprint(f->r, other);
    OK(wv_meeting_apply_chair(f->m, &e, &f->why, &f->err));
}

/* ------------------------------------------------------------ attendance */

static void refuse_attendance_and_absent_members(void **state)
{
    fx *f = *state;
    OK(open_meeting(f, MID, MID));
    OK(act(f, "IND", WV_ACT_ATTEND, 0, 0, 0));
    REFUSED(f, WV_REFUSE_ALREADY_PRESENT, "IND", act(f, "IND", WV_ACT_ATTEND, 0, 0, 0));
    REFUSED(f, WV_REFUSE_LEAVE_NOT_PRESENT, "USA", act(f, "USA", WV_ACT_LEAVE, 0, 0, 0));
    OK(table(f, 1, "majority", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    /* IX:1 fn 1: only a Member present can object. */
    REFUSED(f, WV_REFUSE_NOT_PRESENT, "USA", act(f, "USA", WV_ACT_OBJECT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_NOT_PRESENT, "USA", act(f, "USA", WV_ACT_REQUEST_VOTE, 1, 0, 0));
    REFUSED(f, WV_REFUSE_NOT_PRESENT, "USA", act(f, "USA", WV_ACT_STATEMENT, 1, 0, 0));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    OK(act(f, "IND", WV_ACT_LEAVE, 0, 0, 0));
    REFUSED(f, WV_REFUSE_NOT_PRESENT, "IND", act(f, "IND", WV_ACT_WITHDRAW, 1, 0, 0));
    OK(act(f, "IND", WV_ACT_ATTEND, 0, 0, 0));
    for (const char *const *c = (const char *const[]){"CHN", "JPN", "USA", "ZAF", NULL}; *c; c++)
        OK(act(f, *c, WV_ACT_ATTEND, 0, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(act(f, "USA", WV_ACT_LEAVE, 0, 0, 0));
    REFUSED(f, WV_REFUSE_NOT_PRESENT, "USA", act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "USA")), WV_POS_ABSENT);
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "IND")), WV_POS_OBJECTED);
}

/* ---------------------------------------------------------- items/motions */

static void refuse_items_and_motions(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    REFUSED(f, WV_REFUSE_ITEM_NOT_TABLED, "item 4", act(f, "IND", WV_ACT_OBJECT, 4, 0, 0));
    REFUSED(f, WV_REFUSE_ITEM_NOT_TABLED, "item 4", chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 4));
    REFUSED(f, WV_REFUSE_UNKNOWN_PROCEDURE, "vote-by-lot", table(f, 1, "vote-by-lot", NULL));
    /* IX:3(a): the consensus period is at most 90 days. */
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "91",
            table(f, 1, "waiver", &(motion_opts){.period = 91, .waiver_terms = 1}));
    /* X:1: 90 days or a longer period, never shorter. */
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "30",
            table(f, 1, "amendment-submit", &(motion_opts){.period = 30}));
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "no period",
            table(f, 1, "majority", &(motion_opts){.period = 10}));
    /* IX:5, Annex 4: a plurilateral item belongs to its committee only */
    REFUSED(f, WV_REFUSE_NOT_COMPETENT, "IX:5",
            table(f, 1, "plurilateral", &(motion_opts){.parties = (const char *[]){"USA", NULL}}));
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "majority",
            table(f, 1, "majority", &(motion_opts){.parties = (const char *[]){"USA", NULL}}));
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "deadline",
            table(f, 1, "majority", &(motion_opts){.deadline = "2030-01-01"}));
    OK(table(f, 1, "consensus", NULL));
    REFUSED(f, WV_REFUSE_ITEM_EXISTS, "item 1", table(f, 1, "majority", NULL));
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "consensus",
            table(f, 1, "majority", &(motion_opts){.revise = 1}));
    REFUSED(f, WV_REFUSE_ITEM_NOT_TABLED, "item 2",
            table(f, 2, "majority", &(motion_opts){.revise = 1}));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    REFUSED(f, WV_REFUSE_OUT_OF_ORDER, "item 1", chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_ADOPTED);
    REFUSED(f, WV_REFUSE_ITEM_DECIDED, "item 1", act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_ITEM_DECIDED, "item 1", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    REFUSED(f, WV_REFUSE_ITEM_DECIDED, "item 1", table(f, 1, "consensus", &(motion_opts){.revise = 1}));
    wv_decision d;
    REFUSED(f, WV_REFUSE_ITEM_DECIDED, "item 1",
            wv_meeting_decide_preview(f->m, 1, f->t, &d, NULL, &f->why, &f->err));
    /* An explanation after the decision is admissible (a statement). */
    OK(act(f, "IND", WV_ACT_STATEMENT, 1, 0, 0));
}

/* A meeting holds at most WV_MEETING_MAX_ITEMS items (a limit of the
 * implementation, SPEC.md "Meeting state machine"). */
static void refuse_too_many_items(void **state)
{
    fx *f = *state;
    OK(open_meeting(f, MID, MID));
    for (uint32_t i = 1; i <= WV_MEETING_MAX_ITEMS; i++)
        OK(table(f, i, "consensus", NULL));
    REFUSED(f, WV_REFUSE_TOO_MANY_ITEMS, "257", table(f, 257, "consensus", NULL));
    assert_int_equal(wv_meeting_item_count(f->m), WV_MEETING_MAX_ITEMS);
    assert_int_equal(wv_meeting_item_find(f->m, 200), 199);
    wv_meeting_reset(f->m); /* the allocation is kept and reused */
    OK(open_meeting(f, MID, MID));
    OK(table(f, 7, "consensus", NULL));
    assert_int_equal(wv_meeting_item_count(f->m), 1);
    assert_int_equal(info_of(f, 7)->stage, WV_ITEM_TABLED);
}

/* ------------------------------------------------------- consensus phase */

static void refuse_consensus_phase_acts(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    REFUSED(f, WV_REFUSE_NOT_CONSENSUS_PHASE, "IND", act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    wv_decision_msg empty = WTOVOTE__V1__DECISION__INIT;
    REFUSED(f, WV_REFUSE_MALFORMED, "item 0", decide_with(f, 1, &empty));
    empty.item = 1;
    REFUSED(f, WV_REFUSE_OUT_OF_ORDER, "consensus has not been sought", decide_with(f, 1, &empty));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    REFUSED(f, WV_REFUSE_NO_OBJECTION, "IND", act(f, "IND", WV_ACT_WITHDRAW, 1, 0, 0));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_ALREADY_OBJECTED, "IND", act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    OK(act(f, "IND", WV_ACT_WITHDRAW, 1, 0, 0));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0)); /* objecting again after withdrawing */
    OK(act(f, "USA", WV_ACT_REQUEST_VOTE, 1, 0, 0));
    REFUSED(f, WV_REFUSE_ALREADY_REQUESTED, "USA", act(f, "USA", WV_ACT_REQUEST_VOTE, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    REFUSED(f, WV_REFUSE_NOT_CONSENSUS_PHASE, "ZAF", act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_NOT_CONSENSUS_PHASE, "IND", act(f, "IND", WV_ACT_WITHDRAW, 1, 0, 0));
    assert_int_equal(info_of(f, 1)->objections, 1);
}

/* ------------------------------------------------------------ voting */

static void refuse_votes_out_of_time_and_twice(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    REFUSED(f, WV_REFUSE_VOTE_NOT_OPEN, "USA", act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    REFUSED(f, WV_REFUSE_OUT_OF_ORDER, "item 1", chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    /* IX:1: a vote only where consensus cannot be reached. */
    REFUSED(f, WV_REFUSE_CONSENSUS_NOT_CALLED, "item 1", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    REFUSED(f, WV_REFUSE_CONSENSUS_NOT_FAILED, "item 1", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    REFUSED(f, WV_REFUSE_VOTE_NOT_OPEN, "USA", act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    REFUSED(f, WV_REFUSE_OUT_OF_ORDER, "item 1", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    REFUSED(f, WV_REFUSE_OUT_OF_ORDER, "item 1", chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
    wv_decision d;
    REFUSED(f, WV_REFUSE_OUT_OF_ORDER, "still open",
            wv_meeting_decide_preview(f->m, 1, f->t, &d, NULL, &f->why, &f->err));
    OK(act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    REFUSED(f, WV_REFUSE_ALREADY_VOTED, "USA has already voted",
            act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    /* The vote is open, its results hidden: the refusal names no choice. */
    assert_null(strstr(f->err.message, "yes"));
    assert_null(strstr(f->err.message, "(no)"));
    OK(act(f, "CHN", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(act(f, "IND", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(act(f, "JPN", WV_ACT_VOTE, 1, WV_CHOICE_ABSTAIN, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    REFUSED(f, WV_REFUSE_VOTE_CLOSED, "ZAF", act(f, "ZAF", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    /* IX:1: majority of the votes cast, abstentions are not votes cast. */
    d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.stage, WV_STAGE_VOTE);
    assert_int_equal(d.yes, 2);
    assert_int_equal(d.no, 1);
    assert_int_equal(d.abstain, 1);
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "JPN")), WV_POS_ABSTAIN);
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "ZAF")), WV_POS_OBJECTED);
}

/* X:8, X:9, DSU 2.4 and IX:3 fn 4: consensus only, no vote. */
static void refuse_vote_under_consensus_only_rules(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "annex4-add", NULL));
    OK(table(f, 2, "amendment-dsu", NULL));
    OK(table(f, 3, "waiver", &(motion_opts){.waiver_terms = 1, .transition = 1}));
    OK(table(f, 4, "dsb", NULL));
    for (uint32_t i = 1; i <= 4; i++) {
        OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, i));
        OK(act(f, "IND", WV_ACT_OBJECT, i, 0, 0));
        REFUSED(f, WV_REFUSE_NO_VOTE_PROCEDURE, "item", chair_ev(f, WV_CHAIR_VOTE_OPEN, i));
        REFUSED(f, WV_REFUSE_NO_VOTE_PROCEDURE, "USA", act(f, "USA", WV_ACT_REQUEST_VOTE, i, 0, 0));
        REFUSED(f, WV_REFUSE_NO_VOTE_PROCEDURE, "USA",
                act(f, "USA", WV_ACT_VOTE, i, WV_CHOICE_YES, 0));
    }
    assert_non_null(strstr(f->err.message, "DSU"));
    REFUSED(f, WV_REFUSE_NO_VOTE_PROCEDURE, "IX:3 fn 4", chair_ev(f, WV_CHAIR_VOTE_OPEN, 3));
    for (uint32_t i = 1; i <= 4; i++)
        assert_int_equal(decide(f, i).outcome, WV_OUTCOME_BLOCKED);
}

/* IX:1 and fn 2 in the 166-Member roster (the EU and its 27 member States). */
static void eu_bloc_refusals_either_order(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    OK(table(f, 2, "majority", NULL));
    for (uint32_t i = 1; i <= 2; i++) {
        OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, i));
        OK(act(f, "IND", WV_ACT_OBJECT, i, 0, 0));
        OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, i));
    }
    REFUSED(f, WV_REFUSE_BLOC_NOT_EU, "USA", act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    REFUSED(f, WV_REFUSE_EU_VOTE_NOT_BLOC, "EU", act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    /* bloc first, then a member State */
    OK(act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    REFUSED(f, WV_REFUSE_EU_BLOC_CONFLICT, "DEU", act(f, "DEU", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    /* a member State first, then the bloc */
    OK(act(f, "FRA", WV_ACT_VOTE, 2, WV_CHOICE_YES, 0));
    REFUSED(f, WV_REFUSE_EU_BLOC_CONFLICT, "fn 2", act(f, "EU", WV_ACT_VOTE, 2, WV_CHOICE_YES, 1));
    OK(act(f, "DEU", WV_ACT_VOTE, 2, WV_CHOICE_YES, 0));
    assert_int_equal(info_of(f, 1)->eu_bloc, WV_CHOICE_YES);
    assert_int_equal(info_of(f, 2)->yes, 2);
}

/* Art. IX:1 fn 2: the bloc is as many votes as the roster's EU member
 * States, here 2 (DEU, FRA): 2 + 1 yes against 2 no. */
static void eu_bloc_counts_small_roster(void **state)
{
    fx *f = *state;
    majority_vote_open(f, "IND");
    OK(act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    REFUSED(f, WV_REFUSE_EU_BLOC_CONFLICT, "bloc of 2 votes",
            act(f, "DEU", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(act(f, "JPN", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(act(f, "CHN", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.yes, 3);
    assert_int_equal(d.no, 2);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
}

/* A roster listing no EU member States gives the bloc no votes to cast. */
static void eu_bloc_refused_without_states(void **state)
{
    (void)state;
    static const char csv[] = "code,name,eu_member_state,ldc,joined\n"
                              "EU,European Union,0,0,1995-01-01\n"
                              "IND,India,0,0,1995-01-01\n"
                              "USA,United States,0,0,1995-01-01\n";
    wv_roster *r = NULL;
    OK(wv_roster_from_csv(csv, strlen(csv), &r, NULL));
    fx *f = fx_over(r);
    majority_vote_open(f, "IND");
    REFUSED(f, WV_REFUSE_BLOC_ROSTER, "no EU member States",
            act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    wv_meeting_free(f->m);
    wv_roster_free(f->r);
}

/* GATT 1947 Art. XXV:3: each contracting party has one vote, so the EU casts
 * no bloc (Art. IX:1 fn 2 is a WTO rule) and votes as any other party, its
 * member States beside it. The machine refuses the bloc before the rules,
 * which call it impossible. */
static void gatt_waiver_no_eu_bloc(void **state)
{
    fx *f = *state;
    f->body = "contracting-parties"; /* GATT 1947 Art. XXV:1 */
    open_and_attend_all(f);
    OK(table(f, 1, "gatt-waiver", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    REFUSED(f, WV_REFUSE_BLOC_GATT, "XXV:3", act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    REFUSED(f, WV_REFUSE_BLOC_NOT_EU, "USA", act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    OK(act(f, "DEU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(act(f, "FRA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(act(f, "IND", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "EU")), WV_POS_YES);
    wv_decision d = decide(f, 1);
    assert_int_equal(d.yes, 3);
    assert_int_equal(d.no, 1);
    /* XXV:5: two-thirds of the votes cast (met) comprising more than half
     * of the 166 contracting parties (84: not met) */
    assert_int_equal(d.required, 84);
    assert_int_equal(d.two_limbs, 1);
    assert_int_equal(d.required_of_votes_cast, 3);
    assert_int_equal(d.required_of_members, 84);
    assert_int_equal(d.outcome, WV_OUTCOME_REJECTED);
}

/* GATT 1947 Art. XXV:5: waivers were decided by vote (postal and
 * telegraphic ballots between sessions), with no consensus stage: the vote
 * opens on a tabled item and without any objection; a decision before the
 * ballot is pending at the vote stage and publishes both limbs. */
static void gatt_waiver_vote_without_consensus(void **state)
{
    fx *f = *state;
    f->body = "contracting-parties";
    open_and_attend_all(f);
    OK(table(f, 1, "gatt-waiver", NULL));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(act(f, "IND", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.stage, WV_STAGE_VOTE);
    assert_int_equal(d.yes, 1);
    /* a consensus call stays possible; an objection then leads to the vote */
    OK(table(f, 2, "gatt-waiver", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 2));
    OK(act(f, "IND", WV_ACT_OBJECT, 2, 0, 0));
    wv_decision_msg msg;
    OK(wv_meeting_decide_preview(f->m, 2, f->t, &d, &msg, &f->why, &f->err));
    assert_int_equal(d.outcome, WV_OUTCOME_PENDING);
    assert_int_equal(d.stage, WV_STAGE_VOTE);
    assert_int_equal(msg.required, 0);                /* no single number before the vote */
    assert_int_equal(msg.required_of_votes_cast, 0);  /* known once votes are cast */
    assert_int_equal(msg.required_of_members, 5);     /* more than half of 8 */
    /* the verifier re-derives both limbs: a published limb that differs is
     * refused with the field named */
    msg.required_of_members = 4;
    assert_int_equal(decide_with(f, 2, &msg), WV_ERR_DECISION_MISMATCH);
    assert_int_equal(f->why, WV_REFUSE_DECISION_MISMATCH);
    assert_non_null(strstr(f->err.message, "required_of_members"));
    msg.required_of_members = 5;
    OK(decide_with(f, 2, &msg));
    /* a WTO procedure is not for the CONTRACTING PARTIES */
    REFUSED(f, WV_REFUSE_NOT_COMPETENT, "IX:1", table(f, 3, "majority", NULL));
}

/* ---------------------------------------------------------- full items */

/* IX:1 fn 1: adopted when no Member present formally objects. */
static void consensus_adopted_and_blocked(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "consensus", NULL));
    OK(table(f, 2, "consensus", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 2));
    OK(act(f, "ZAF", WV_ACT_OBJECT, 2, 0, 0));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.stage, WV_STAGE_CONSENSUS);
    assert_true(d.n_steps > 0);
    assert_int_equal(decide(f, 2).outcome, WV_OUTCOME_BLOCKED);
    assert_int_equal(info_of(f, 2)->stage, WV_ITEM_DECIDED);
    OK(chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
}

/* IX:1 fn 1, "present at the meeting when the decision is taken": an
 * objector who left no longer blocks; back in the room, its objection
 * (never withdrawn) stands again. */
static void objection_counts_only_while_present(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "consensus", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    OK(act(f, "ZAF", WV_ACT_LEAVE, 0, 0, 0));
    wv_decision d;
    wv_decision_msg msg;
    OK(wv_meeting_decide_preview(f->m, 1, f->t, &d, &msg, &f->why, &f->err));
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(msg.objections, 0);
    assert_int_equal(msg.present, 7);
    assert_int_equal(info_of(f, 1)->objections_absent, 1);
    OK(act(f, "ZAF", WV_ACT_ATTEND, 0, 0, 0));
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_BLOCKED);
}

/* IX:3(a) with WT/L/93: consensus sought for the period; the vote comes
 * after the period; three-fourths of the 166 Members: 125. */
static void waiver_vote_after_period(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "waiver", &(motion_opts){.period = 30, .waiver_terms = 1}));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    f->t += 10 * DAY;
    REFUSED(f, WV_REFUSE_PERIOD_RUNNING, "day 10", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    wv_decision d = decide(f, 1); /* declared pending: the item stays open */
    assert_int_equal(d.outcome, WV_OUTCOME_PENDING);
    assert_int_equal(info_of(f, 1)->stage, WV_ITEM_CONSENSUS);
    f->t += 20 * DAY;
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    size_t next = 0;
    ballots(f, 1, WV_CHOICE_YES, 125, &next);
    ballots(f, 1, WV_CHOICE_NO, 5, &next);
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.stage, WV_STAGE_VOTE);
    assert_int_equal(d.required, 125);
    assert_int_equal(d.yes, 125);
}

/* Art. IX:3(a); WT/L/93 (issue 14): a vote request on day 0 of a waiver's
 * 90-day period does not shorten it (a General Council decision cannot cut
 * a period the Agreement sets): the item stays pending until day 90, the
 * vote cannot open before; consensus may still adopt it earlier, once no
 * Member present objects or requests a vote at the time of decision. */
static void waiver_request_day0_pending_until_period_ends(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "waiver", &(motion_opts){.waiver_terms = 1}));
    OK(table(f, 2, "waiver", &(motion_opts){.waiver_terms = 1}));
    for (uint32_t i = 1; i <= 2; i++) {
        OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, i));
        OK(act(f, "USA", WV_ACT_REQUEST_VOTE, i, 0, 0));
    }
    REFUSED(f, WV_REFUSE_PERIOD_RUNNING, "takes effect when it ends",
            chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_PENDING);
    assert_int_equal(d.stage, WV_STAGE_CONSENSUS);
    f->t += 89 * DAY;
    REFUSED(f, WV_REFUSE_PERIOD_RUNNING, "day 89", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_PENDING);
    /* item 2: the requester leaves before the decision on day 89: no
     * request or objection at the time of decision, adopted by consensus */
    OK(act(f, "USA", WV_ACT_LEAVE, 0, 0, 0));
    d = decide(f, 2);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.stage, WV_STAGE_CONSENSUS);
    OK(act(f, "USA", WV_ACT_ATTEND, 0, 0, 0));
    f->t += DAY; /* day 90: the period has run, the request takes effect */
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
}

/* IX:3(b) (issue 14): the Council for Trade in Goods considers an Annex 1A
 * waiver and reports; its consensus is a recommendation, never a grant.
 * The General Council item that follows cites the report, and without one
 * it is refused. */
static void waiver_annex1_goods_council_recommends(void **state)
{
    fx *f = *state;
    f->body = "goods-council";
    open_and_attend_all(f);
    /* a Council does not grant: the IX:3(b) decision row is not its own */
    REFUSED(f, WV_REFUSE_NOT_COMPETENT, "IX:3(b)",
            table(f, 1, "waiver-annex1", &(motion_opts){.waiver_terms = 1}));
    OK(table(f, 1, "waiver-annex1-council", &(motion_opts){.period = 30, .waiver_terms = 1}));
    OK(table(f, 2, "waiver-annex1-council", &(motion_opts){.period = 30, .waiver_terms = 1}));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 2));
    REFUSED(f, WV_REFUSE_NO_VOTE_PROCEDURE, NULL, act(f, "IND", WV_ACT_REQUEST_VOTE, 2, 0, 0));
    OK(act(f, "IND", WV_ACT_OBJECT, 2, 0, 0));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_RECOMMENDED);
    assert_int_equal(info_of(f, 1)->stage, WV_ITEM_DECIDED);
    REFUSED(f, WV_REFUSE_NO_VOTE_PROCEDURE, NULL, chair_ev(f, WV_CHAIR_VOTE_OPEN, 2));
    assert_int_equal(decide(f, 2).outcome, WV_OUTCOME_PENDING);
    f->t += 30 * DAY;
    assert_int_equal(decide(f, 2).outcome, WV_OUTCOME_REPORTED);

    /* the General Council decides on the report, citing it */
    wv_meeting_reset(f->m);
    f->body = "general-council";
    open_and_attend_all(f);
    uint8_t leaf[32] = {1};
    Wtovote__V1__CouncilReport r = WTOVOTE__V1__COUNCIL_REPORT__INIT;
    r.meeting_id = (char *)"CTG-2026-01-05";
    r.body = (char *)"goods-council";
    r.item = 1;
    r.outcome = WTOVOTE__V1__OUTCOME__OUTCOME_RECOMMENDED;
    r.decision_leaf = (ProtobufCBinaryData){32, leaf};
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "IX:3(b)",
            table(f, 1, "waiver-annex1", &(motion_opts){.waiver_terms = 1}));
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "waiver",
            table(f, 1, "waiver", &(motion_opts){.waiver_terms = 1, .report = &r}));
    r.body = (char *)"dsb";
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "dsb",
            table(f, 1, "waiver-annex1", &(motion_opts){.waiver_terms = 1, .report = &r}));
    r.body = (char *)"goods-council";
    OK(table(f, 1, "waiver-annex1", &(motion_opts){.waiver_terms = 1, .report = &r}));
    const wv_item_info *it = info_of(f, 1);
    assert_string_equal(it->report_meeting, "CTG-2026-01-05");
    assert_string_equal(it->report_body, "goods-council");
    assert_int_equal(it->report_item, 1);
    assert_int_equal(it->report_outcome, WV_OUTCOME_RECOMMENDED);
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_ADOPTED);
}

/* Competence (issue 14): each procedure names the bodies that may decide
 * it; a body that is not competent is refused at tabling, with the
 * citation. IX:2: interpretations by the MC and GC exclusively; XII:2 and
 * IV:2: accessions by the MC and GC, not the DSB; VII:3: the budget by the
 * General Council, not the Ministerial Conference. */
static void competence_refused(void **state)
{
    fx *f = *state;
    static const struct { const char *body, *proc, *cite; } rows[] = {
        {"goods-council", "interpretation", "IX:2"},
        {"dsb", "accession", "XII:2"},
        {"ministerial-conference", "budget", "VII:3"},
        {"dsb", "waiver", "IX:3"},
        {"services-council", "amendment-x3", "X:3"},
        {"general-council", "gatt-waiver", "XXV"},
        {"ministerial-conference", "dsb-negative", "DSU"},
        {"trips-council", "majority", "IX:1"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wv_meeting_reset(f->m);
        f->body = rows[i].body;
        open_and_attend_all(f);
        REFUSED(f, WV_REFUSE_NOT_COMPETENT, rows[i].cite,
                table(f, 1, rows[i].proc, &(motion_opts){.waiver_terms =
                          wv_procedure_needs_waiver_terms(wv_procedure_find(rows[i].proc))}));
    }
    /* and the competent bodies are admitted */
    wv_meeting_reset(f->m);
    f->body = "general-council";
    open_and_attend_all(f);
    OK(table(f, 1, "budget", NULL));
    OK(table(f, 2, "interpretation", NULL));
    OK(table(f, 3, "amendment-x3-consent", NULL));
    wv_meeting_reset(f->m);
    f->body = "ministerial-conference";
    open_and_attend_all(f);
    OK(table(f, 1, "accession", NULL));
    OK(table(f, 2, "annex4-add", NULL));
    /* a body outside the list is refused at the opening */
    wv_meeting_reset(f->m);
    f->body = "parliament";
    REFUSED(f, WV_REFUSE_MALFORMED, "parliament", open_meeting(f, MID, MID));
}

/* IX:4: a waiver without its terms gets no vote. */
static void waiver_without_terms(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "waiver", &(motion_opts){.period = 30}));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    f->t += 31 * DAY;
    REFUSED(f, WV_REFUSE_WAIVER_TERMS, "IX:4", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    /* A revision adds the terms; the consensus phase starts again. */
    OK(table(f, 1, "waiver", &(motion_opts){.period = 30, .waiver_terms = 1, .revise = 1}));
    assert_int_equal(info_of(f, 1)->stage, WV_ITEM_TABLED);
    assert_int_equal(info_of(f, 1)->objections, 0);
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
}

/* XII:2 with WT/L/93: a Member requests a vote; two-thirds of the 166
 * Members (111) approve; 110 do not suffice. */
static void accession_vote_requested_two_thirds(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "accession", NULL));
    OK(table(f, 2, "accession", NULL));
    for (uint32_t i = 1; i <= 2; i++) {
        OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, i));
        OK(act(f, "ZAF", WV_ACT_OBJECT, i, 0, 0));
        OK(act(f, "USA", WV_ACT_REQUEST_VOTE, i, 0, 0));
        OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, i));
    }
    size_t next = 0;
    ballots(f, 1, WV_CHOICE_YES, 111, &next);
    ballots(f, 1, WV_CHOICE_NO, 5, &next);
    next = 0;
    ballots(f, 2, WV_CHOICE_YES, 110, &next);
    ballots(f, 2, WV_CHOICE_NO, 5, &next);
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 2));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.required, 111);
    d = decide(f, 2);
    assert_int_equal(d.outcome, WV_OUTCOME_REJECTED);
    assert_int_equal(d.required, 111);
}

/* Opens MID with the WT/L/93 reading `reading` and marks every Member
 * present. */
static wv_status open_with_reading(fx *f, int reading)
{
    wv_status st = open_meeting_reading(f, MID, MID, reading);
    for (size_t i = 0; st == WV_OK && i < wv_roster_member_count(f->r); i++)
        OK(act(f, wv_roster_member_at(f->r, i)->code, WV_ACT_ATTEND, 0, 0, 0));
    return st;
}

/* XII:2; WT/L/93 (issue 14): an accession has no consensus period, so a
 * Member's request at the time of decision brings the vote at once; an
 * objection alone does too (where consensus cannot be reached, the matter
 * is voted on: WT/L/93). */
static void accession_vote_at_once(void **state)
{
    fx *f = *state;
    wv_meeting_info mi;
    OK(open_with_reading(f, WV_VOTE_REQUEST_AT_PERIOD_END));
    wv_meeting_get_info(f->m, &mi);
    assert_int_equal(mi.vote_request, WV_VOTE_REQUEST_AT_PERIOD_END);
    OK(table(f, 1, "accession", NULL));
    OK(table(f, 2, "accession", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 2));
    REFUSED(f, WV_REFUSE_CONSENSUS_NOT_FAILED, "WT/L/93", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(act(f, "IND", WV_ACT_REQUEST_VOTE, 1, 0, 0));
    wv_decision d;
    OK(wv_meeting_decide_preview(f->m, 1, f->t, &d, NULL, &f->why, &f->err));
    assert_int_equal(d.outcome, WV_OUTCOME_PENDING);
    assert_int_equal(d.stage, WV_STAGE_VOTE);
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(act(f, "ZAF", WV_ACT_OBJECT, 2, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 2));
}

/* The signed record decides the reading, not the caller's configuration:
 * a replay (the verifier passes no configuration) applies what the meeting
 * applied. cfg names a retired reading (1); the Meeting says 0, which is
 * applied once the meeting is open (WT/L/93: the accession's objection
 * brings the vote, XII:2 has no period). */
static void record_reading_overrides_configuration(void **state)
{
    fx *f = *state;
    wv_meeting_free(f->m);
    wv_rules_config cfg = {.explain = 1, .vote_request = 1};
    OK(wv_meeting_new(f->r, &cfg, &f->m, &f->err));
    OK(open_with_reading(f, WV_VOTE_REQUEST_AT_PERIOD_END));
    OK(table(f, 1, "accession", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    wv_meeting_reset(f->m);
    wv_meeting_info mi;
    wv_meeting_get_info(f->m, &mi); /* before opening: the configuration's */
    assert_int_equal(mi.vote_request, 1);
}

/* Readings other than 0 are retired (issue 14): 1 ("after-period") is now
 * the one reading, 2 ("required") contradicted WT/L/93; a Meeting carrying
 * either (proto3 enums are open, so they decode) is refused at opening,
 * with the state unchanged. */
static void unknown_reading_refused(void **state)
{
    fx *f = *state;
    REFUSED(f, WV_REFUSE_MALFORMED, "WT/L/93 reading 2", open_with_reading(f, 2));
    REFUSED(f, WV_REFUSE_MALFORMED, "WT/L/93 reading 1", open_with_reading(f, 1));
    OK(open_with_reading(f, WV_VOTE_REQUEST_AT_PERIOD_END));
}

/* X:1: the decision to submit an amendment waits for the 90 days. */
static void amendment_submit_period_running(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "amendment-submit", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    f->t += 89 * DAY;
    REFUSED(f, WV_REFUSE_PERIOD_RUNNING, "X:1", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    f->t += DAY;
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
}

/* X:9: Annex 4 additions exclusively by consensus; two objections (as
 * against the IFD agreement, 2024) block it. */
static void annex4_blocked_by_two_objections(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "annex4-add", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    OK(act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    wv_decision d;
    wv_decision_msg msg;
    OK(wv_meeting_decide_preview(f->m, 1, f->t, &d, &msg, &f->why, &f->err));
    assert_int_equal(msg.objections, 2);
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_BLOCKED);
}

/* IX:1 and fn 2: the EU casts 27 votes; majority of the votes cast. */
static void majority_with_eu_bloc(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "USA", WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    size_t next = 0;
    ballots(f, 1, WV_CHOICE_YES, 40, &next);
    ballots(f, 1, WV_CHOICE_NO, 60, &next);
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED); /* 67 yes > 60 no */
    assert_int_equal(d.yes, 67);
    assert_int_equal(d.no, 60);
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "EU")), WV_POS_YES);
    wv_meeting_info mi;
    wv_meeting_get_info(f->m, &mi);
    assert_int_equal(mi.eu_states, 27); /* the roster of 2024: 27 member States */
}

/* Art. IX:1 fn 2 caps the EU and its member States at "the number of the
 * member States": on 1 January 1995 the roster lists 76 Members, 15 of them
 * EU member States, so the bloc is 15 votes: 15 + 20 yes against 30 no (a
 * 27-vote bloc would have made it 47). 60 Members besides the EU and its
 * States vote. */
static void majority_with_eu_bloc_1995(void **state)
{
    fx *f = *state;
    assert_int_equal(wv_roster_member_count(f->r), 76);
    majority_vote_open(f, "USA");
    OK(act(f, "EU", WV_ACT_VOTE, 1, WV_CHOICE_YES, 1));
    REFUSED(f, WV_REFUSE_EU_BLOC_CONFLICT, "bloc of 15 votes",
            act(f, "AUT", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    size_t next = 0;
    ballots(f, 1, WV_CHOICE_YES, 20, &next);
    ballots(f, 1, WV_CHOICE_NO, 30, &next);
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.yes, 35);
    assert_int_equal(d.no, 30);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    wv_meeting_info mi;
    wv_meeting_get_info(f->m, &mi);
    assert_int_equal(mi.eu_states, 15);
}

/* DSU 6.1: a panel is established unless the DSB decides by consensus not
 * to; the complainant's objection to that negative decision keeps it. */
static void dsb_reverse_consensus_panel(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "dsb-negative", NULL));
    OK(table(f, 2, "dsb-negative", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 2));
    OK(act(f, "USA", WV_ACT_OBJECT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_NO_VOTE_PROCEDURE, "item 1", chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(decide(f, 2).outcome, WV_OUTCOME_REJECTED);
}

/* IX:5: only the parties take part; the base is the parties. */
static void plurilateral_non_party_refused(void **state)
{
    fx *f = *state;
    f->body = "plurilateral:gpa"; /* the committee of the agreement (IX:5, Annex 4) */
    open_and_attend_all(f);
    /* IX:5: a plurilateral item needs its parties, known and sorted. */
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "IX:5", table(f, 1, "plurilateral", NULL));
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "XYZ",
            table(f, 1, "plurilateral", &(motion_opts){.parties = (const char *[]){"USA", "XYZ", NULL}}));
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "JPN",
            table(f, 1, "plurilateral", &(motion_opts){.parties = (const char *[]){"USA", "JPN", NULL}}));
    /* a plurilateral committee decides under its agreement only */
    REFUSED(f, WV_REFUSE_NOT_COMPETENT, "not by plurilateral:gpa",
            table(f, 1, "majority", NULL));
    const char *parties[] = {"CHN", "EU", "JPN", "USA", NULL};
    OK(table(f, 1, "plurilateral", &(motion_opts){.parties = parties}));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    REFUSED(f, WV_REFUSE_NOT_PARTY, "IND", act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_NOT_PARTY, "IX:5", act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "IND")), WV_POS_NOT_PARTY);
    OK(act(f, "JPN", WV_ACT_STATEMENT, 1, 0, 0));
    wv_decision d;
    wv_decision_msg msg;
    OK(wv_meeting_decide_preview(f->m, 1, f->t, &d, &msg, &f->why, &f->err));
    assert_int_equal(msg.members, 4);
    assert_int_equal(msg.present, 4);
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_ADOPTED);
}

/* X:4 and X:7: acceptances accumulate until two-thirds of the Members
 * (6 of 8) have accepted, within the period of acceptance. */
static void amendment_acceptances_accumulate(void **state)
{
    fx *f = *state;
    OK(open_meeting(f, MID, MID));
    OK(table(f, 1, "amendment-x4", &(motion_opts){.deadline = "2024-01-31"}));
    OK(table(f, 2, "majority", NULL));
    REFUSED(f, WV_REFUSE_NO_CONSENSUS_PHASE, "item 1", chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    REFUSED(f, WV_REFUSE_NOT_ACCEPTANCE_ITEM, "USA", act(f, "USA", WV_ACT_ACCEPT, 2, 0, 0));
    const char *acc[] = {"CHN", "DEU", "EU", "FRA", "IND", "JPN"};
    for (int i = 0; i < 5; i++) /* deposited: no presence needed (X:7) */
        OK(act(f, acc[i], WV_ACT_ACCEPT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_ALREADY_ACCEPTED, "CHN", act(f, "CHN", WV_ACT_ACCEPT, 1, 0, 0));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_PENDING);
    assert_int_equal(d.required, 6);
    assert_int_equal(info_of(f, 1)->stage, WV_ITEM_TABLED);
    f->t += DAY;
    OK(act(f, acc[5], WV_ACT_ACCEPT, 1, 0, 0));
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "JPN")), WV_POS_ACCEPTED);
    d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(d.stage, WV_STAGE_ACCEPTANCE);
    assert_int_equal(info_of(f, 1)->acceptances, 6);
}

/* X:7: instruments of acceptance are deposited over the period of
 * acceptance, long after the meeting that submitted the amendment closed
 * (TRIPS Art. 31bis: adopted December 2005, in force 23 January 2017). After
 * MEETING_CLOSE the record stays the register of those: ACCEPT and a DECIDE
 * on an acceptance item are admitted; every other input is refused with
 * CLOSED, and time still never runs backwards. */
static void acceptances_outlive_the_meeting(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "amendment-x3", &(motion_opts){.deadline = "2024-01-31"}));
    OK(table(f, 2, "majority", NULL));
    const char *acc[] = {"CHN", "DEU", "EU", "FRA", "IND", "JPN", "USA"};
    OK(act(f, acc[0], WV_ACT_ACCEPT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
    f->t += 30 * DAY;
    REFUSED(f, WV_REFUSE_CLOSED, "closed", chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 2));
    REFUSED(f, WV_REFUSE_CLOSED, "closed", act(f, "USA", WV_ACT_LEAVE, 0, 0, 0));
    REFUSED(f, WV_REFUSE_CLOSED, "closed", act(f, "USA", WV_ACT_OBJECT, 2, 0, 0));
    REFUSED(f, WV_REFUSE_CLOSED, "closed", table(f, 3, "amendment-x3", NULL));
    wv_decision_msg any = WTOVOTE__V1__DECISION__INIT;
    any.item = 2;
    REFUSED(f, WV_REFUSE_CLOSED, "closed", decide_with(f, 2, &any));
    /* the register: acceptances, a pending decision, more acceptances */
    for (int i = 1; i < 5; i++)
        OK(act(f, acc[i], WV_ACT_ACCEPT, 1, 0, 0));
    REFUSED(f, WV_REFUSE_CLOSED, "closed", act(f, "USA", WV_ACT_ACCEPT, 2, 0, 0));
    REFUSED(f, WV_REFUSE_CLOSED, "closed", act(f, "USA", WV_ACT_ACCEPT, 9, 0, 0));
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_PENDING);
    f->t += DAY;
    OK(act(f, acc[5], WV_ACT_ACCEPT, 1, 0, 0));
    wv_decision d = decide(f, 1);
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED); /* 6 of 8: two-thirds */
    assert_int_equal(d.stage, WV_STAGE_ACCEPTANCE);
    /* X:3: thereafter for each other Member upon acceptance by it */
    OK(act(f, acc[6], WV_ACT_ACCEPT, 1, 0, 0));
    /* An instrument signed earlier and deposited now is admitted while the
     * acceptance period is open (time model: acts are not ordered by
     * their times; Art. X:7). */
    f->t -= 2 * DAY;
    OK(act(f, "ZAF", WV_ACT_ACCEPT, 1, 0, 0));
    f->t += 2 * DAY;
    REFUSED(f, WV_REFUSE_ALREADY_ACCEPTED, "ZAF", act(f, "ZAF", WV_ACT_ACCEPT, 1, 0, 0));
    wv_meeting_info mi;
    wv_meeting_get_info(f->m, &mi);
    assert_true(mi.closed);
}

/* X:7: instruments of acceptance within the period set. */
static void acceptance_after_deadline_refused(void **state)
{
    fx *f = *state;
    OK(open_meeting(f, MID, MID));
    int64_t deadline;
    OK(wv_time_parse("2024-01-31", &deadline, NULL));
    OK(table(f, 1, "amendment-x3", &(motion_opts){.deadline = "2024-01-31"}));
    f->t = deadline + DAY - 1; /* the last second of the deadline day */
    OK(act(f, "USA", WV_ACT_ACCEPT, 1, 0, 0));
    f->t = deadline + DAY;
    REFUSED(f, WV_REFUSE_ACCEPTANCE_LATE, "X:7", act(f, "IND", WV_ACT_ACCEPT, 1, 0, 0));
    assert_int_equal(decide(f, 1).outcome, WV_OUTCOME_REJECTED);
    /* not in force: no acceptance after the decision */
    REFUSED(f, WV_REFUSE_ITEM_DECIDED, "rejected", act(f, "IND", WV_ACT_ACCEPT, 1, 0, 0));
    /* a deadline ending at time 0 would read as "no deadline" */
    REFUSED(f, WV_REFUSE_MOTION_INVALID, "before 1970-01-01",
            table(f, 2, "amendment-x3", &(motion_opts){.deadline = "1969-12-31"}));
    OK(table(f, 2, "amendment-x3", &(motion_opts){.deadline = "1970-01-01"}));
    assert_int_equal(info_of(f, 2)->acceptance_deadline, DAY);
    REFUSED(f, WV_REFUSE_ACCEPTANCE_LATE, "X:7", act(f, "IND", WV_ACT_ACCEPT, 2, 0, 0));
}

/* Art. X:3: in force for the Members that accepted it on acceptance by
 * two-thirds, "and thereafter for each other Member upon acceptance by it":
 * a later acceptance is admitted and shown, the published decision stays as
 * declared, and the period of acceptance (X:7) still bounds it. X:4 (in
 * force for all): a later instrument is recorded without effect. X:2: in
 * force only on acceptance by all Members. */
static void acceptance_after_entry_into_force(void **state)
{
    fx *f = *state;
    OK(open_meeting(f, MID, MID));
    int64_t deadline;
    OK(wv_time_parse("2024-01-31", &deadline, NULL));
    OK(table(f, 1, "amendment-x3", &(motion_opts){.deadline = "2024-01-31"}));
    OK(table(f, 2, "amendment-x4", NULL));
    OK(table(f, 3, "amendment-x2", NULL));
    const char *acc[] = {"CHN", "DEU", "EU", "FRA", "IND", "JPN"};
    for (uint32_t item = 1; item <= 3; item++)
        for (int i = 0; i < 6; i++)
            OK(act(f, acc[i], WV_ACT_ACCEPT, item, 0, 0));
    wv_decision x3 = decide(f, 1);
    assert_int_equal(x3.outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(decide(f, 2).outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(decide(f, 3).outcome, WV_OUTCOME_PENDING); /* 6 of 8 */
    f->t += DAY;
    OK(act(f, "USA", WV_ACT_ACCEPT, 1, 0, 0));
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "USA")), WV_POS_ACCEPTED);
    assert_int_equal(wv_meeting_position(f->m, 0, idx(f, "ZAF")), WV_POS_ABSENT);
    const wv_item_info *in = info_of(f, 1);
    assert_int_equal(in->acceptances, 7);
    assert_int_equal(in->stage, WV_ITEM_DECIDED);
    assert_int_equal(in->decision->outcome, WV_OUTCOME_ADOPTED);
    assert_int_equal(in->decision->required, x3.required);
    assert_int_equal(in->decision->n_steps, x3.n_steps);
    REFUSED(f, WV_REFUSE_ALREADY_ACCEPTED, "USA", act(f, "USA", WV_ACT_ACCEPT, 1, 0, 0));
    wv_decision d;
    REFUSED(f, WV_REFUSE_ITEM_DECIDED, "item 1",
            wv_meeting_decide_preview(f->m, 1, f->t, &d, NULL, &f->why, &f->err));
    OK(act(f, "USA", WV_ACT_ACCEPT, 2, 0, 0));
    assert_int_equal(info_of(f, 2)->acceptances, 7);
    OK(act(f, "USA", WV_ACT_ACCEPT, 3, 0, 0));
    assert_int_equal(decide(f, 3).outcome, WV_OUTCOME_PENDING); /* 7 of 8 */
    OK(act(f, "ZAF", WV_ACT_ACCEPT, 3, 0, 0));
    assert_int_equal(decide(f, 3).outcome, WV_OUTCOME_ADOPTED);
    REFUSED(f, WV_REFUSE_ALREADY_ACCEPTED, "ZAF", act(f, "ZAF", WV_ACT_ACCEPT, 3, 0, 0));
    f->t = deadline + DAY;
    REFUSED(f, WV_REFUSE_ACCEPTANCE_LATE, "X:7", act(f, "ZAF", WV_ACT_ACCEPT, 1, 0, 0));
}

/* A published tally is re-derived, never trusted. */
static void decide_mismatch_refused(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(act(f, "IND", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(act(f, "JPN", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    wv_decision d;
    wv_decision_msg msg, bad;
    OK(wv_meeting_decide_preview(f->m, 1, f->t, &d, &msg, &f->why, &f->err));
    assert_int_equal(d.outcome, WV_OUTCOME_REJECTED);
    uint8_t before[32], after[32];
    wv_meeting_digest(f->m, before);
    bad = msg;
    bad.outcome = WTOVOTE__V1__OUTCOME__OUTCOME_ADOPTED;
    assert_int_equal(decide_with(f, 1, &bad), WV_ERR_DECISION_MISMATCH);
    assert_int_equal(f->why, WV_REFUSE_DECISION_MISMATCH);
    assert_non_null(strstr(f->err.message, "outcome published adopted, re-derived rejected"));
    bad = msg;
    bad.yes = 3;
    assert_int_equal(decide_with(f, 1, &bad), WV_ERR_DECISION_MISMATCH);
    assert_non_null(strstr(f->err.message, "yes published 3, re-derived 1"));
    bad = msg;
    bad.present = 7;
    assert_int_equal(decide_with(f, 1, &bad), WV_ERR_DECISION_MISMATCH);
    assert_non_null(strstr(f->err.message, "present"));
    bad = msg;
    bad.procedure = (char *)"consensus";
    assert_int_equal(decide_with(f, 1, &bad), WV_ERR_DECISION_MISMATCH);
    assert_non_null(strstr(f->err.message, "procedure"));
    wv_meeting_digest(f->m, after);
    assert_memory_equal(before, after, 32);
    OK(decide_with(f, 1, &msg));
    assert_int_equal(info_of(f, 1)->stage, WV_ITEM_DECIDED);
}

/* Time model (SPEC.md, "Time model"): a Member's clock ahead of the
 * Secretariat's never holds up the chair; the chair's clock is checked
 * against the acts admitted (skew), and an act signed while what it acts on
 * was open but arriving after its end is STALE, one signed after the end
 * keeps the stage's own code. */
static void time_model_member_clock_ahead(void **state)
{
    fx *f = *state;
    OK(open_meeting(f, MID, MID));
    OK(table(f, 1, "majority", NULL));
    f->t += 60; /* USA's clock is 60 s ahead of the Secretariat's */
    OK(act(f, "USA", WV_ACT_ATTEND, 0, 0, 0));
    f->t -= 60;
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_ATTEND, 0, 0, 0));
    OK(table(f, 2, "consensus", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 2));
    assert_int_equal(info_of(f, 2)->stage, WV_ITEM_CONSENSUS);
}

static void time_model_chair_checks_skew(void **state)
{
    fx *f = *state;
    OK(open_meeting(f, MID, MID));
    OK(table(f, 1, "majority", NULL));
    f->t += WV_DEFAULT_CLOCK_SKEW + 1; /* written past the door: no clock check */
    OK(act(f, "USA", WV_ACT_ATTEND, 0, 0, 0));
    f->t -= WV_DEFAULT_CLOCK_SKEW + 1;
    REFUSED(f, WV_REFUSE_TIME_AHEAD, "USA", chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    assert_non_null(strstr(f->err.message, "Z")); /* ISO 8601 UTC, not Unix seconds */
    f->t += 1;
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1)); /* within the skew again */
}

static void time_model_stale_acts(void **state)
{
    fx *f = *state;
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    int64_t while_open = f->t;
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    f->t += 10;
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    /* An objection signed in the consensus phase, arriving after the vote
     * opened: stale; one signed after: not in the consensus phase. */
    f->t = while_open;
    REFUSED(f, WV_REFUSE_STALE, "consensus phase ended", act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    f->t = while_open + 20;
    REFUSED(f, WV_REFUSE_NOT_CONSENSUS_PHASE, "ZAF", act(f, "ZAF", WV_ACT_OBJECT, 1, 0, 0));
    /* A ballot signed offline before the vote opened is admitted while the
     * vote is open (what it acts on is still open). */
    f->t = while_open;
    OK(act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    f->t = while_open + 30;
    int64_t signed_open = f->t;
    OK(act(f, "IND", WV_ACT_VOTE, 1, WV_CHOICE_NO, 0));
    f->t += 10;
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    f->t = signed_open;
    REFUSED(f, WV_REFUSE_STALE, "vote closed", act(f, "JPN", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    f->t = signed_open + 100;
    REFUSED(f, WV_REFUSE_VOTE_CLOSED, "JPN", act(f, "JPN", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    f->t += 1;
    OK(chair_ev(f, WV_CHAIR_MEETING_CLOSE, 0));
    f->t = signed_open;
    REFUSED(f, WV_REFUSE_STALE, "meeting closed", act(f, "JPN", WV_ACT_LEAVE, 0, 0, 0));
}

/* The fast core and the wire layer apply the same rules; reset reuses the
 * allocation and gives back the state of a fresh meeting. */
static void fast_core_and_reset(void **state)
{
    fx *f = *state;
    uint8_t fresh[32], d1[32], d2[32];
    wv_meeting_digest(f->m, fresh);
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    uint32_t usa = idx(f, "USA"), ind = idx(f, "IND");
    wv_refusal why;
    OK(wv_meeting_chair(f->m, WV_CHAIR_CONSENSUS_CALL, 1, f->t, &why, NULL));
    OK(wv_meeting_act(f->m, ind, WV_ACT_OBJECT, 1, WV_CHOICE_NONE, 0, f->t, &why, NULL));
    assert_int_equal(wv_meeting_act(f->m, ind, WV_ACT_OBJECT, 1, WV_CHOICE_NONE, 0, f->t, &why,
                                    NULL), WV_ERR_INADMISSIBLE);
    assert_int_equal(why, WV_REFUSE_ALREADY_OBJECTED);
    OK(wv_meeting_chair(f->m, WV_CHAIR_VOTE_OPEN, 1, f->t, &why, NULL));
    OK(wv_meeting_act(f->m, usa, WV_ACT_VOTE, 1, WV_CHOICE_YES, 0, f->t, &why, NULL));
    OK(wv_meeting_chair(f->m, WV_CHAIR_VOTE_CLOSE, 1, f->t, &why, NULL));
    wv_decision d;
    OK(wv_meeting_decide(f->m, 1, f->t, &d, &why, NULL));
    assert_int_equal(d.outcome, WV_OUTCOME_ADOPTED);
    wv_meeting_digest(f->m, d1);
    wv_meeting_reset(f->m);
    wv_meeting_digest(f->m, d2);
    assert_memory_equal(fresh, d2, 32);
    wv_meeting_info info;
    wv_meeting_get_info(f->m, &info);
    assert_int_equal(info.opened, 0);
    assert_int_equal(info.n_items, 0);
    /* The same sequence through the wire layer gives the same state. */
    f->t = 1700000000;
    open_and_attend_all(f);
    OK(table(f, 1, "majority", NULL));
    OK(chair_ev(f, WV_CHAIR_CONSENSUS_CALL, 1));
    OK(act(f, "IND", WV_ACT_OBJECT, 1, 0, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_OPEN, 1));
    OK(act(f, "USA", WV_ACT_VOTE, 1, WV_CHOICE_YES, 0));
    OK(chair_ev(f, WV_CHAIR_VOTE_CLOSE, 1));
    (void)decide(f, 1);
    wv_meeting_digest(f->m, d2);
    assert_memory_equal(d1, d2, 32);
    wv_meeting_get_info(f->m, &info);
    assert_string_equal(info.id, MID);
    assert_int_equal(info.present, 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refusal_names_distinct_and_stable),
        cmocka_unit_test_setup_teardown(refuse_before_open_wrong_meeting_and_after_close,
                                        setup_small, teardown),
        cmocka_unit_test_setup_teardown(refuse_meeting_for_another_roster, setup_small, teardown),
        cmocka_unit_test_setup_teardown(refuse_input_bound_to_another_meeting, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(refuse_attendance_and_absent_members, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(refuse_items_and_motions, setup_small, teardown),
        cmocka_unit_test_setup_teardown(refuse_too_many_items, setup_small, teardown),
        cmocka_unit_test_setup_teardown(refuse_consensus_phase_acts, setup_small, teardown),
        cmocka_unit_test_setup_teardown(refuse_votes_out_of_time_and_twice, setup_small, teardown),
        cmocka_unit_test_setup_teardown(refuse_vote_under_consensus_only_rules, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(eu_bloc_refusals_either_order, setup_full, teardown),
        cmocka_unit_test_setup_teardown(eu_bloc_counts_small_roster, setup_small, teardown),
        cmocka_unit_test(eu_bloc_refused_without_states),
        cmocka_unit_test_setup_teardown(gatt_waiver_no_eu_bloc, setup_full, teardown),
        cmocka_unit_test_setup_teardown(consensus_adopted_and_blocked, setup_small, teardown),
        cmocka_unit_test_setup_teardown(objection_counts_only_while_present, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(waiver_vote_after_period, setup_full, teardown),
        cmocka_unit_test_setup_teardown(waiver_annex1_goods_council_recommends, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(waiver_request_day0_pending_until_period_ends, setup_full,
                                        teardown),
        cmocka_unit_test_setup_teardown(competence_refused, setup_small, teardown),
        cmocka_unit_test_setup_teardown(gatt_waiver_vote_without_consensus, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(waiver_without_terms, setup_small, teardown),
        cmocka_unit_test_setup_teardown(accession_vote_requested_two_thirds, setup_full, teardown),
        cmocka_unit_test_setup_teardown(record_reading_overrides_configuration, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(unknown_reading_refused, setup_small, teardown),
        cmocka_unit_test_setup_teardown(acceptances_outlive_the_meeting, setup_small, teardown),
        cmocka_unit_test_setup_teardown(accession_vote_at_once, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(amendment_submit_period_running, setup_small, teardown),
        cmocka_unit_test_setup_teardown(annex4_blocked_by_two_objections, setup_small, teardown),
        cmocka_unit_test_setup_teardown(majority_with_eu_bloc, setup_full, teardown),
        cmocka_unit_test_setup_teardown(majority_with_eu_bloc_1995, setup_1995, teardown),
        cmocka_unit_test_setup_teardown(dsb_reverse_consensus_panel, setup_small, teardown),
        cmocka_unit_test_setup_teardown(plurilateral_non_party_refused, setup_small, teardown),
        cmocka_unit_test_setup_teardown(amendment_acceptances_accumulate, setup_small, teardown),
        cmocka_unit_test_setup_teardown(acceptance_after_deadline_refused, setup_small, teardown),
        cmocka_unit_test_setup_teardown(acceptance_after_entry_into_force, setup_small, teardown),
        cmocka_unit_test_setup_teardown(decide_mismatch_refused, setup_small, teardown),
        cmocka_unit_test_setup_teardown(fast_core_and_reset, setup_small, teardown),
        cmocka_unit_test_setup_teardown(time_model_member_clock_ahead, setup_small, teardown),
        cmocka_unit_test_setup_teardown(time_model_chair_checks_skew, setup_small, teardown),
        cmocka_unit_test_setup_teardown(time_model_stale_acts, setup_small, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
