/* Fuzz target for the meeting state machine. The input is a sequence of
 * 4-byte commands (op, x, y, z) over a fixed roster of 32 Members (the EU,
 * its 27 member States and four others), applied to two meetings at once:
 * A through the wire layer (wv_meeting_apply_chair / _act), B through the
 * fast core (wv_meeting_act / _chair / _decide) wherever one exists.
 * Invariants (abort on violation):
 *  - a refusal leaves the state digest unchanged;
 *  - A and B agree on every status, refusal code and state digest;
 *  - no input reaches a state the rules call impossible: every status is
 *    WV_OK, WV_ERR_INADMISSIBLE or (for a tampered DECIDE) a mismatch;
 *  - a DECIDE carrying the previewed Decision is never a mismatch, and a
 *    tampered one always is;
 *  - counts stay within the eligible Members;
 *  - the record index (wtovote/index.h), given every input A admitted,
 *    accepts each, has every tabled item and every seat, and its presence
 *    counts stay within the eligible Members (at the decision or now). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/index.h"
#include "wtovote/meeting.h"
#include "wtovote/roster.h"

#define MID "GC-FUZZ"
#define T0 1700000000

static const char *const codes[] = {
    "AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "EU",  "FIN",
    "FRA", "GRC", "HRV", "HUN", "IND", "IRL", "ITA", "JPN", "LTU", "LUX", "LVA",
    "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "SWE", "USA", "ZAF"};
#define N_CODES (sizeof codes / sizeof codes[0])

static wv_roster *roster;
static wv_meeting *ma, *mb;
static wv_record_index *idx; /* fed what A admits */
static uint64_t idx_entries;

#define CHECK(c)                                                              \
    do {                                                                      \
        if (!(c)) {                                                           \
            fprintf(stderr, "fuzz_meeting: invariant failed: %s (line %d)\n", \
                    #c, __LINE__);                                            \
            abort();                                                          \
        }                                                                     \
    } while (0)

static int is_eu_state(const char *c)
{
    return strcmp(c, "EU") != 0 && strcmp(c, "IND") != 0 && strcmp(c, "JPN") != 0 &&
           strcmp(c, "USA") != 0 && strcmp(c, "ZAF") != 0;
}

static void init(void)
{
    char csv[4096];
    size_t n = (size_t)snprintf(csv, sizeof csv, "code,name,eu_member_state,ldc,joined\n");
    for (size_t i = 0; i < N_CODES; i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, "%s,%s,%d,0,1995-01-01\n", codes[i],
                              codes[i], is_eu_state(codes[i]));
    wv_error err;
    CHECK(wv_roster_from_csv(csv, n, &roster, &err) == WV_OK);
    CHECK(wv_roster_member_count(roster) == N_CODES);
    CHECK(wv_meeting_new(roster, NULL, &ma, &err) == WV_OK);
    CHECK(wv_meeting_new(roster, NULL, &mb, &err) == WV_OK);
}

/* An input A admitted goes into the index, as the record adds its entries. */
static void indexed(wv_status sa, const wv_act *a, const wv_chair_event *e)
{
    if (sa != WV_OK)
        return;
    wv_error err;
    CHECK(wv_record_index_add(idx, idx_entries++, a, e, ma, &err) == WV_OK);
}

static void check_index_item(size_t slot, const wv_item_info *in)
{
    wv_index_item ix;
    CHECK(wv_record_index_item(idx, in->item, &ix) == 0);
    CHECK(ix.present <= in->eligible && ix.objections <= ix.present);
    CHECK(ix.at_decision == in->has_decision);
    uint32_t present = 0;
    for (uint32_t k = 0; k < N_CODES; k++) {
        wv_index_seat seat;
        CHECK(wv_record_index_seat(idx, in->item, k, &seat) == 0);
        CHECK(ix.at_decision || seat.present == wv_meeting_is_present(ma, k));
        present += seat.present && wv_meeting_position(ma, slot, k) != WV_POS_NOT_PARTY;
    }
    CHECK(present == ix.present);
}

/* Once per input: the seats cost O(items x Members). */
static void check_index(void)
{
    for (size_t i = 0; i < wv_meeting_item_count(ma); i++) {
        wv_item_info in;
        CHECK(wv_meeting_item_at(ma, i, &in) == 0);
        check_index_item(i, &in);
    }
}

typedef struct run {
    int64_t t;
    wv_refusal why_a, why_b;
    wv_error err;
    uint8_t before[32];
} run;

static void check_same(run *r, wv_status sa, wv_status sb)
{
    uint8_t da[32], db[32];
#ifdef WV_FUZZ_TRACE /* -DWV_FUZZ_TRACE: print each result when replaying */
    fprintf(stderr, "t=%lld %s %s%s%s\n", (long long)r->t, wv_status_name(sa),
            wv_refusal_name(r->why_a), sa != WV_OK ? ": " : "",
            sa != WV_OK ? r->err.message : "");
#endif
    CHECK(sa == WV_OK || sa == WV_ERR_INADMISSIBLE || sa == WV_ERR_DECISION_MISMATCH);
    CHECK(sa == sb);
    CHECK(r->why_a == r->why_b);
    CHECK((sa == WV_OK) == (r->why_a == WV_REFUSE_NONE));
    wv_meeting_digest(ma, da);
    wv_meeting_digest(mb, db);
    CHECK(memcmp(da, db, 32) == 0);
    if (sa != WV_OK)
        CHECK(memcmp(da, r->before, 32) == 0);
}

static void check_counts(void)
{
    for (size_t i = 0; i < wv_meeting_item_count(ma); i++) {
        wv_item_info in;
        CHECK(wv_meeting_item_at(ma, i, &in) == 0);
        CHECK(in.yes + in.no + in.abstain <= in.eligible);
        CHECK(in.objections <= in.present && in.present <= in.eligible);
        CHECK(in.acceptances <= in.eligible);
    }
}

/* Every input after the opening carries the meeting's reference (both
 * meetings were opened by the same event, so they share it; SPEC.md,
 * "Meeting identity"). */
static ProtobufCBinaryData bound(void)
{
    static uint8_t buf[WV_MEETING_REF_BYTES];
    (void)wv_meeting_ref(ma, buf);
    return (ProtobufCBinaryData){sizeof buf, buf};
}

/* Both meetings get the same chair event through the wire layer. */
static void both_chair(run *r, Wtovote__V1__ChairEvent *e)
{
    wv_status sa = wv_meeting_apply_chair(ma, e, &r->why_a, &r->err);
    wv_status sb = wv_meeting_apply_chair(mb, e, &r->why_b, NULL);
    check_same(r, sa, sb);
    indexed(sa, NULL, e);
}

static void cmd_open(run *r, uint8_t x)
{
    Wtovote__V1__Meeting mt = WTOVOTE__V1__MEETING__INIT;
    mt.id = (char *)MID;
    /* the body decides which procedures may be tabled (competence); bits
     * 2-5 pick one, 0 the General Council, past the list a committee */
    size_t b = (size_t)(x >> 2) % (wv_body_count() + 1);
    mt.body = (char *)(b < wv_body_count() ? wv_body_name_at(b) : "plurilateral:fuzz");
    if (x & 1) { /* a quorum other than the default */
        mt.quorum_numerator = x % 5;
        mt.quorum_denominator = 4;
    }
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)((x & 2) ? "GC-OTHER" : MID);
    e.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN;
    e.time = r->t;
    e.meeting = &mt;
    both_chair(r, &e);
}

static void cmd_table(run *r, uint8_t x, uint8_t y, uint8_t z, int revise)
{
    const wv_procedure *p = wv_procedure_at(x % wv_procedure_count());
    char *parties[N_CODES];
    size_t np = 0;
    if (wv_procedure_parties_only(p) || (z & 0x80))
        for (size_t i = 0; i < N_CODES; i++)
            if ((i * 5 + y) % 3 != 0 || i == (size_t)(z % N_CODES))
                parties[np++] = (char *)codes[i];
    Wtovote__V1__Waiver w = WTOVOTE__V1__WAIVER__INIT;
    Wtovote__V1__Motion mo = WTOVOTE__V1__MOTION__INIT;
    mo.item = (uint32_t)(y % 4) + 1;
    mo.title = (char *)"fuzz";
    mo.procedure = (char *)wv_procedure_id(p);
    uint32_t periods[] = {0, wv_procedure_max_consensus_days(p), 30, 91};
    mo.consensus_period_days = periods[z % 4];
    mo.parties = parties;
    mo.n_parties = np;
    mo.acceptance_deadline = (char *)((z & 4) ? "2023-12-01" : "");
    if (wv_procedure_needs_waiver_terms(p) && (z & 0x18)) {
        if (z & 8) {
            w.exceptional_circumstances = (char *)"x";
            w.terms_and_conditions = (char *)"y";
            w.termination_date = (char *)"2030-12-31";
        }
        w.transition_obligation = (z & 0x10) != 0;
        mo.waiver = &w;
    }
    /* IX:3(b): the Council report an Annex 1 waiver is decided on */
    static uint8_t leaf[32];
    Wtovote__V1__CouncilReport rep = WTOVOTE__V1__COUNCIL_REPORT__INIT;
    rep.meeting_id = (char *)"CTG-FUZZ";
    rep.body = (char *)((y & 0x40) ? "dsb" : "goods-council");
    rep.item = 1;
    rep.outcome = (y & 0x80) ? WTOVOTE__V1__OUTCOME__OUTCOME_REPORTED
                             : WTOVOTE__V1__OUTCOME__OUTCOME_RECOMMENDED;
    rep.decision_leaf = (ProtobufCBinaryData){sizeof leaf, leaf};
    if (wv_procedure_needs_council_report(p) != ((z & 0x40) != 0))
        mo.council_report = &rep;
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)MID;
    e.kind = revise ? WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE
                    : WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE;
    e.time = r->t;
    e.item = mo.item;
    e.motion = &mo;
    e.meeting_ref = bound();
    both_chair(r, &e);
}

static void cmd_simple(run *r, wv_chair_kind k, uint8_t y)
{
    uint32_t item = k == WV_CHAIR_MEETING_CLOSE ? 0 : (uint32_t)(y % 5);
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)MID;
    e.kind = (Wtovote__V1__ChairKind)k;
    e.time = r->t;
    e.item = item;
    e.meeting_ref = bound();
    wv_status sa = wv_meeting_apply_chair(ma, &e, &r->why_a, &r->err);
    wv_status sb = wv_meeting_chair(mb, k, item, r->t, &r->why_b, NULL);
    check_same(r, sa, sb);
    indexed(sa, NULL, &e);
}

static void cmd_decide(run *r, uint8_t y, uint8_t z)
{
    uint32_t item = (uint32_t)(y % 5);
    wv_decision d;
    wv_decision_msg msg;
    wv_refusal pw;
    wv_status ps = wv_meeting_decide_preview(ma, item, r->t, &d, &msg, &pw, NULL);
    CHECK(ps == WV_OK || ps == WV_ERR_INADMISSIBLE);
    Wtovote__V1__ChairEvent e = WTOVOTE__V1__CHAIR_EVENT__INIT;
    e.version = 1;
    e.meeting_id = (char *)MID;
    e.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE;
    e.time = r->t;
    e.item = item;
    e.meeting_ref = bound();
    int tamper = ps == WV_OK && (z & 1);
    if (ps != WV_OK) {
        wtovote__v1__decision__init(&msg);
        msg.item = item;
    } else if (tamper) {
        msg.yes += 1u + (z >> 4);
    }
    e.decision = &msg;
    wv_status sa = wv_meeting_apply_chair(ma, &e, &r->why_a, &r->err);
    if (ps == WV_OK)
        CHECK(tamper ? sa == WV_ERR_DECISION_MISMATCH : sa == WV_OK);
    else
        CHECK(sa == WV_ERR_INADMISSIBLE && r->why_a == pw);
    wv_status sb = tamper ? wv_meeting_apply_chair(mb, &e, &r->why_b, NULL)
                          : wv_meeting_decide(mb, item, r->t, NULL, &r->why_b, NULL);
    check_same(r, sa, sb);
    indexed(sa, NULL, &e);
}

static void cmd_act(run *r, uint8_t x, uint8_t y, uint8_t z)
{
    uint32_t who = x % N_CODES;
    wv_act_kind kind = (wv_act_kind)(y % 8 + 1);
    uint32_t item = z % 4;
    wv_choice choice = kind == WV_ACT_VOTE ? (wv_choice)((z >> 2) % 4) : WV_CHOICE_NONE;
    if (z & 0x40)
        choice = (wv_choice)((z >> 2) % 4); /* maybe a choice on another kind */
    int bloc = (z >> 4) & 1;
    if (kind == WV_ACT_VOTE && (y & 0x80))
        who = (uint32_t)wv_roster_member_index(roster, "EU");
    Wtovote__V1__Act a = WTOVOTE__V1__ACT__INIT;
    a.version = 1;
    a.meeting_id = (char *)((y & 0x40) && (z & 0x20) ? "GC-OTHER" : MID);
    a.member = (char *)codes[who];
    a.kind = (Wtovote__V1__ActKind)kind;
    a.item = item;
    a.choice = (Wtovote__V1__Choice)choice;
    a.eu_bloc = bloc;
    a.time = r->t;
    a.meeting_ref = bound();
    uint8_t other_ref[WV_MEETING_REF_BYTES];
    int foreign = (y & 0x40) && (z & 0x01); /* bound to another meeting's opening */
    if (foreign) {
        memcpy(other_ref, a.meeting_ref.data, sizeof other_ref);
        other_ref[x % sizeof other_ref] ^= 0x01;
        a.meeting_ref.data = other_ref;
    }
    wv_status sa = wv_meeting_apply_act(ma, &a, &r->why_a, &r->err);
    if (foreign) /* never admitted, whatever its ids */
        CHECK(sa == WV_ERR_INADMISSIBLE);
    wv_status sb = strcmp(a.meeting_id, MID) != 0 || foreign
                       ? wv_meeting_apply_act(mb, &a, &r->why_b, NULL)
                       : wv_meeting_act(mb, who, kind, item, choice, bloc, r->t, &r->why_b, NULL);
    check_same(r, sa, sb);
    indexed(sa, &a, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (roster == NULL)
        init();
    wv_meeting_reset(ma);
    wv_meeting_reset(mb);
    wv_record_index_free(idx);
    idx_entries = 0;
    CHECK(wv_record_index_new(roster, &idx, NULL) == WV_OK);
    run r = {.t = T0};
    for (size_t i = 0; i + 4 <= size && i < 4 * 4096; i += 4) {
        uint8_t op = data[i], x = data[i + 1], y = data[i + 2], z = data[i + 3];
        /* high bits of op move the clock: days forward, or one second back */
        r.t += (int64_t)((op >> 4) & 7) * 5 * 86400;
        if (op & 0x80)
            r.t -= 1;
        wv_meeting_digest(ma, r.before);
        switch (op & 15) {
        case 0: cmd_open(&r, x); break;
        case 1: cmd_table(&r, x, y, z, 0); break;
        case 2: cmd_table(&r, x, y, z, 1); break;
        case 3: cmd_simple(&r, WV_CHAIR_CONSENSUS_CALL, y); break;
        case 4: cmd_simple(&r, WV_CHAIR_VOTE_OPEN, y); break;
        case 5: cmd_simple(&r, WV_CHAIR_VOTE_CLOSE, y); break;
        case 6: cmd_simple(&r, WV_CHAIR_MEETING_CLOSE, y); break;
        case 7: cmd_decide(&r, y, z); break;
        default: cmd_act(&r, x, y, z); break;
        }
        check_counts();
    }
    check_index();
    return 0;
}
