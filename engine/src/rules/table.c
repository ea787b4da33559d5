/* The procedure table: one const row per WTO decision procedure.
 * Sources: Marrakesh Agreement Establishing the WTO (Arts. VII, IX, X, XII),
 * its Annex 2 (DSU), the General Council's Decision-Making Procedures under
 * Articles IX and XII (WT/L/93, 15 November 1995), the revised Agreement on
 * Government Procurement (Arts. XXI, XXII) and GATT 1947 Art. XXV, as digested
 * in shared/reference/wto-decision-rules.md. Ids are a contract: never rename. */
#include "rules/rules_internal.h"

/* Thresholds: count*den >= num*base (strict: >). */
#define TH(n, d, b, s, w, c) {.num = (n), .den = (d), .base = (b), .strict = (s), .words = (w), .citation = (c)}
#define TWO_THIRDS_MEMBERS(c) TH(2, 3, WV_BASE_MEMBERS, 0, "two-thirds of the Members", c)
#define THREE_FOURTHS_MEMBERS(c) TH(3, 4, WV_BASE_MEMBERS, 0, "three-fourths of the Members", c)

#define ALL_MEMBERS {"all Members", "Art. IX:1"}
/* Competence: who decides (Art. IV:2: between sessions of the Ministerial
 * Conference the General Council conducts its functions). */
#define MC_GC(c)                                                                            \
    .bodies = WV_BODY_MC | WV_BODY_GC,                                                      \
    .competence = {"the Ministerial Conference, and the General Council between its "      \
                   "sessions", c "; Art. IV:2"}
#define WTO_BODIES                                                                          \
    .bodies = WV_BODY_MC | WV_BODY_GC | WV_BODY_DSB | WV_BODY_CTG | WV_BODY_CTS | WV_BODY_TRIPS, \
    .competence = {"any WTO body (a plurilateral committee decides under its agreement)",   \
                   "Art. IX:1; Art. IV"}
/* The DSB is the General Council convened as the DSB (Art. IV:3). */
#define DSB_ONLY                                                                            \
    .bodies = WV_BODY_DSB | WV_BODY_GC,                                                     \
    .competence = {"the Dispute Settlement Body (the General Council convened as the DSB)", \
                   "DSU Arts. 2.1, 2.4; Art. IV:3"}
#define CONSENSUS_FIRST(c) {WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE, "consensus first: adopted unless a Member present formally objects", c}
#define FN1 "Art. IX:1 fn 1"
/* Both waiver rows (IX:3(a) and (b)): fn 4 and the IX:4 contents. */
#define WAIVER_CONDITIONS                                                                  \
    .conditions = {{"unperformed transition-period or staged obligation: consensus only",  \
                    "Art. IX:3 fn 4"},                                                     \
                   {"the decision states exceptional circumstances, terms and conditions " \
                    "and termination date, else it is refused", "Art. IX:4"}},             \
    .n_conditions = 2

const struct wv_procedure wv_procedure_table[] = {
    {.id = "consensus", .title = "Consensus (Art. IX:1, footnote 1)", .citation = FN1,
     .summary = "decided when no Member present formally objects; no vote",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "consensus: adopted unless a Member present formally objects", FN1}},
     .n_stages = 1, .consensus_cite = FN1,
     .conditions = {{"consensus only: a formal objection blocks; no vote", FN1}},
     .n_conditions = 1, .eligibility = ALL_MEMBERS, WTO_BODIES},

    {.id = "majority", .title = "Majority vote (Art. IX:1)", .citation = "Art. IX:1",
     .summary = "consensus first; failing it, a majority of the votes cast",
     .stages = {CONSENSUS_FIRST("Art. IX:1"),
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "where consensus cannot be reached: vote, one Member one vote", "Art. IX:1"}},
     .n_stages = 2, .consensus_cite = FN1, .allows_vote = 1,
     .threshold = TH(1, 2, WV_BASE_VOTES_CAST, 1, "a majority of the votes cast", "Art. IX:1"),
     .eligibility = ALL_MEMBERS,
     /* IX:1: "At meetings of the Ministerial Conference and the General
      * Council, each Member of the WTO shall have one vote." */
     .bodies = WV_BODY_MC | WV_BODY_GC,
     .competence = {"the Ministerial Conference and the General Council (the bodies at whose "
                    "meetings Members vote)", "Art. IX:1"}},

    {.id = "interpretation", .title = "Interpretation (Art. IX:2)", .citation = "Art. IX:2",
     .summary = "MC or GC; consensus first, then three-fourths of the Members",
     .stages = {CONSENSUS_FIRST("Art. IX:1"),
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "vote at the Ministerial Conference or General Council", "Art. IX:2"}},
     .n_stages = 2, .consensus_cite = FN1, .allows_vote = 1,
     .threshold = THREE_FOURTHS_MEMBERS("Art. IX:2"),
     .conditions = {{"an Annex 1 interpretation needs the recommendation of its Council",
                     "Art. IX:2"},
                    {"must not undermine the amendment provisions of Art. X", "Art. IX:2"}},
     .n_conditions = 2, .eligibility = ALL_MEMBERS, .bodies = WV_BODY_MC | WV_BODY_GC,
     .competence = {"the Ministerial Conference and the General Council exclusively",
                    "Art. IX:2"}},

    {.id = "waiver", .title = "Waiver (Art. IX:3(a))", .citation = "Art. IX:3(a); WT/L/93",
     .summary = "consensus for up to 90 days, then three-fourths of the Members",
     .stages = {{WV_STAGE_CONSENSUS, 90, WV_PERIOD_AT_MOST,
                 "consensus sought during a period set by the MC, at most 90 days",
                 "Art. IX:3(a); WT/L/93"},
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "if consensus is not reached during the period (a Member's vote request "
                 "takes effect when it ends)", "Art. IX:3(a); WT/L/93"}},
     .n_stages = 2, .consensus_cite = FN1, .period_days = 90, .period = WV_PERIOD_AT_MOST,
     .period_cite = "Art. IX:3(a)", .allows_vote = 1, .wtl93 = 1,
     .needs_terms = 1, .fn4 = 1, .threshold = THREE_FOURTHS_MEMBERS("Art. IX:3"),
     WAIVER_CONDITIONS, .eligibility = ALL_MEMBERS, MC_GC("Art. IX:3")},

    /* IX:3(b) in two rows: the Council considers and reports (never grants),
     * then the MC / GC decides on its report "as (a)" without a second
     * period (the IX:3(b) period is the Council's). */
    {.id = "waiver-annex1-council",
     .title = "Council consideration of an Annex 1 waiver (Art. IX:3(b))",
     .citation = "Art. IX:3(b)",
     .summary = "the Goods, Services or TRIPS Council considers for up to 90 days and reports",
     .stages = {{WV_STAGE_CONSENSUS, 90, WV_PERIOD_AT_MOST,
                 "considered by the Council for the agreement, at most 90 days; its consensus "
                 "is a recommendation; at the end of the period it reports", "Art. IX:3(b)"}},
     .n_stages = 1, .consensus_cite = FN1, .period_days = 90, .period = WV_PERIOD_AT_MOST,
     .period_cite = "Art. IX:3(b)", .council = 1, .needs_terms = 1,
     .conditions = {{"the Council recommends or reports; only the Ministerial Conference (the "
                     "General Council between sessions) grants the waiver", "Art. IX:3(b)"},
                    {"the draft decision states exceptional circumstances, terms and "
                     "conditions and termination date, else it is refused", "Art. IX:4"}},
     .n_conditions = 2, .eligibility = ALL_MEMBERS,
     .bodies = WV_BODY_CTG | WV_BODY_CTS | WV_BODY_TRIPS,
     .competence = {"the Council for Trade in Goods (Annex 1A), in Services (Annex 1B) or for "
                    "TRIPS (Annex 1C)", "Art. IX:3(b)"}},

    {.id = "waiver-annex1", .title = "Waiver of an Annex 1 agreement (Art. IX:3(b))",
     .citation = "Art. IX:3(b); WT/L/93",
     .summary = "on the Council's report: consensus, then three-fourths of the Members",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "on the report of the Council (cited in the motion), consensus first",
                 "Art. IX:3(b); WT/L/93"},
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "if consensus cannot be reached (the Council's period has run): vote",
                 "Art. IX:3; WT/L/93"}},
     .n_stages = 2, .consensus_cite = FN1, .allows_vote = 1, .wtl93 = 1, .needs_report = 1,
     .needs_terms = 1, .fn4 = 1, .threshold = THREE_FOURTHS_MEMBERS("Art. IX:3"),
     WAIVER_CONDITIONS, .eligibility = ALL_MEMBERS, MC_GC("Art. IX:3(b)")},

    {.id = "amendment-submit", .title = "Submitting an amendment for acceptance (Art. X:1)",
     .citation = "Art. X:1",
     .summary = "consensus for 90 days (or longer), then two-thirds of the Members",
     .stages = {{WV_STAGE_CONSENSUS, 90, WV_PERIOD_AT_LEAST,
                 "consensus for 90 days after formal tabling, or a longer period set by the MC",
                 "Art. X:1"},
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE, "after the period, if consensus failed",
                 "Art. X:1"}},
     .n_stages = 2, .consensus_cite = FN1, .period_days = 90, .period = WV_PERIOD_AT_LEAST,
     .period_cite = "Art. X:1", .allows_vote = 1,
     .threshold = TWO_THIRDS_MEMBERS("Art. X:1"),
     .conditions = {{"X:4 applies instead of X:3 only if the MC so decides by three-fourths "
                     "of the Members", "Art. X:1"}},
     .n_conditions = 1, .eligibility = ALL_MEMBERS, MC_GC("Art. X:1")},

    {.id = "amendment-x2", .title = "Amendment needing acceptance by all (Art. X:2)",
     .citation = "Art. X:2", .summary = "in force only upon acceptance by all Members",
     .stages = {{WV_STAGE_ACCEPTANCE, 0, WV_PERIOD_NONE,
                 "instruments of acceptance deposited within the period set by the MC",
                 "Art. X:2; X:7"}},
     .n_stages = 1, .acceptance = 1, .effect = "in force for all Members",
     .threshold = TH(1, 1, WV_BASE_MEMBERS, 0, "acceptance by all Members", "Art. X:2"),
     .conditions = {{"Arts. IX and X, GATT 1994 Arts. I and II, GATS II:1, TRIPS Art. 4",
                     "Art. X:2"}},
     .n_conditions = 1, .eligibility = ALL_MEMBERS, MC_GC("Art. X:2")},

    {.id = "amendment-x3", .title = "Amendment altering rights and obligations (Art. X:3)",
     .citation = "Art. X:3", .summary = "in force for accepting Members on two-thirds acceptance",
     .stages = {{WV_STAGE_ACCEPTANCE, 0, WV_PERIOD_NONE,
                 "instruments of acceptance deposited within the period set by the MC",
                 "Art. X:3; X:7"}},
     .n_stages = 1, .acceptance = 1,
     .effect = "in force for the Members that accepted it, then for each other Member "
               "upon its acceptance",
     .threshold = TWO_THIRDS_MEMBERS("Art. X:3"), .eligibility = ALL_MEMBERS,
     MC_GC("Art. X:3")},

    /* X:3, second sentence: the MC may decide that an amendment is of such
     * a nature that a Member not accepting it within the period is free to
     * withdraw or to remain a Member with the MC's consent. */
    {.id = "amendment-x3-consent",
     .title = "Non-accepting Member: withdraw or remain with consent (Art. X:3)",
     .citation = "Art. X:3",
     .summary = "consensus, then three-fourths of the Members",
     .stages = {CONSENSUS_FIRST("Art. IX:1"),
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "where consensus cannot be reached: three-fourths of the Members decide that "
                 "a Member not accepting is free to withdraw or to remain with the MC's "
                 "consent", "Art. X:3"}},
     .n_stages = 2, .consensus_cite = FN1, .allows_vote = 1,
     .threshold = THREE_FOURTHS_MEMBERS("Art. X:3"),
     .conditions = {{"on an amendment taking effect under Art. X:3, for Members that have not "
                     "accepted it within the period set", "Art. X:3; X:7"}},
     .n_conditions = 1, .eligibility = ALL_MEMBERS, MC_GC("Art. X:3")},

    {.id = "amendment-x4", .title = "Amendment not altering rights and obligations (Art. X:4)",
     .citation = "Art. X:4", .summary = "in force for all Members on two-thirds acceptance",
     .stages = {{WV_STAGE_ACCEPTANCE, 0, WV_PERIOD_NONE,
                 "instruments of acceptance deposited within the period set by the MC",
                 "Art. X:4; X:7"}},
     .n_stages = 1, .acceptance = 1, .effect = "in force for all Members",
     .threshold = TWO_THIRDS_MEMBERS("Art. X:4"), .eligibility = ALL_MEMBERS,
     MC_GC("Art. X:4")},

    {.id = "amendment-dsu", .title = "Amendment of the DSU (Art. X:8)", .citation = "Art. X:8",
     .summary = "approval by consensus only",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "approval by consensus; in force for all upon approval", "Art. X:8"}},
     .n_stages = 1, .consensus_cite = FN1,
     .conditions = {{"consensus only: a formal objection blocks; no vote", "Art. X:8"}},
     .n_conditions = 1, .eligibility = ALL_MEMBERS, MC_GC("Art. X:8")},

    {.id = "annex4-add", .title = "Adding a plurilateral agreement to Annex 4 (Art. X:9)",
     .citation = "Art. X:9", .summary = "at the parties' request, exclusively by consensus",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "decided exclusively by consensus, at the request of the parties", "Art. X:9"}},
     .n_stages = 1, .consensus_cite = FN1,
     .conditions = {{"exclusively by consensus: a formal objection blocks; no vote",
                     "Art. X:9"}},
     .n_conditions = 1, .eligibility = ALL_MEMBERS, MC_GC("Art. X:9")},

    {.id = "accession", .title = "Accession (Art. XII:2)", .citation = "Art. XII:2; WT/L/93",
     .summary = "consensus first (WT/L/93), then two-thirds of the Members",
     .stages = {CONSENSUS_FIRST("WT/L/93"),
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "if consensus cannot be reached: terms approved by the MC", "Art. XII:2"}},
     .n_stages = 2, .consensus_cite = FN1, .allows_vote = 1, .wtl93 = 1,
     .threshold = TWO_THIRDS_MEMBERS("Art. XII:2"), .eligibility = ALL_MEMBERS,
     MC_GC("Art. XII:2")},

    {.id = "budget", .title = "Budget and financial regulations (Art. VII:3)",
     .citation = "Art. VII:3",
     .summary = "two-thirds of the votes cast comprising more than half of the Members",
     .stages = {CONSENSUS_FIRST("Art. IX:1"),
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "a two-thirds majority comprising more than half of the Members",
                 "Art. VII:3"}},
     .n_stages = 2, .consensus_cite = FN1, .allows_vote = 1,
     .threshold = TH(2, 3, WV_BASE_VOTES_CAST, 0, "a two-thirds majority of the votes cast",
                     "Art. VII:3"),
     .limb = TH(1, 2, WV_BASE_MEMBERS, 1, "comprising more than half of the Members",
                "Art. VII:3"),
     .eligibility = ALL_MEMBERS, .bodies = WV_BODY_GC,
     .competence = {"the General Council (VII:3 names it; Art. IV:2 hands the MC's functions "
                    "to the GC, not the GC's to the MC)", "Art. VII:3"}},

    {.id = "dsb", .title = "Dispute Settlement Body decision (DSU Art. 2.4)",
     .citation = "DSU Art. 2.4", .summary = "consensus only, as defined in DSU 2.4 fn 1",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "consensus: adopted unless a Member present formally objects",
                 "DSU Art. 2.4 fn 1"}},
     .n_stages = 1, .consensus_cite = "DSU Art. 2.4 fn 1",
     .conditions = {{"consensus only: a formal objection blocks; no vote (IX:1 fn 3)",
                     "DSU Art. 2.4"}},
     .n_conditions = 1, .eligibility = {"all Members (parties only for plurilateral disputes)",
                                        "DSU Art. 2.1"}, DSB_ONLY},

    {.id = "dsb-negative", .title = "DSB reverse consensus (DSU 6.1, 16.4, 17.14, 22.6)",
     .citation = "DSU Arts. 6.1, 16.4, 17.14, 22.6",
     .summary = "the action is taken unless the DSB decides by consensus not to take it",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "the negative decision needs consensus; one objection to it and the action "
                 "is taken", "DSU Arts. 6.1, 16.4, 17.14, 22.6"}},
     .n_stages = 1, .consensus_cite = "DSU Art. 2.4 fn 1", .reverse = 1,
     .conditions = {{"panel established at the latest at the second meeting", "DSU Art. 6.1"},
                    {"panel report adopted within 60 days, AB report within 30 days",
                     "DSU Arts. 16.4, 17.14"},
                    {"suspension of concessions authorised", "DSU Art. 22.6"}},
     .n_conditions = 3, .eligibility = {"all Members", "DSU Art. 2.1"}, DSB_ONLY},

    {.id = "plurilateral", .title = "Plurilateral body (Art. IX:5)",
     .citation = "Art. IX:5; GPA Arts. XXI, XXII",
     .summary = "parties only; consensus of the parties present",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "consensus of the parties present (as the GPA Committee decides)",
                 "GPA Arts. XXI, XXII"}},
     .n_stages = 1, .consensus_cite = "GPA Art. XXII; Art. IX:1 fn 1", .parties_only = 1,
     .conditions = {{"decisions follow the plurilateral agreement; consensus of the parties",
                     "Art. IX:5"}},
     .n_conditions = 1, .eligibility = {"parties to the agreement only", "Art. IX:5"},
     .bodies = WV_BODY_PLURI,
     .competence = {"the committee of the plurilateral agreement (plurilateral:NAME), under "
                    "that agreement", "Art. IX:5; Annex 4"}},

    /* GATT 1947 decided waivers by vote, often by postal or telegraphic
     * ballot between sessions: no consensus stage is required (a consensus
     * call stays possible). */
    {.id = "gatt-waiver", .title = "GATT 1947 waiver (Art. XXV:5)",
     .citation = "GATT 1947 Art. XXV:5",
     .summary = "a vote: two-thirds of the votes cast comprising more than half of the parties",
     .stages = {{WV_STAGE_CONSENSUS, 0, WV_PERIOD_NONE,
                 "optional: a consensus call, adopted unless a contracting party present "
                 "formally objects", "GATT 1947 practice"},
                {WV_STAGE_VOTE, 0, WV_PERIOD_NONE,
                 "vote (also by postal or telegraphic ballot), one vote each, with or without "
                 "a consensus call", "GATT 1947 Art. XXV:3, XXV:5"}},
     .n_stages = 2, .consensus_cite = "GATT 1947 practice", .allows_vote = 1, .gatt1947 = 1,
     .vote_direct = 1,
     .threshold = TH(2, 3, WV_BASE_VOTES_CAST, 0, "two-thirds of the votes cast",
                     "GATT 1947 Art. XXV:5"),
     .limb = TH(1, 2, WV_BASE_MEMBERS, 1, "comprising more than half of the contracting parties",
                "GATT 1947 Art. XXV:5"),
     .conditions = {{"one vote per contracting party: no EU bloc (the bloc of Art. IX:1 fn 2 "
                     "is a WTO rule)", "GATT 1947 Art. XXV:3"},
                    {"decided by vote; no consensus stage is required", "GATT 1947 Art. XXV:5"}},
     .n_conditions = 2, .eligibility = {"all contracting parties", "GATT 1947 Art. XXV:3"},
     .bodies = WV_BODY_GATT_CP,
     .competence = {"the CONTRACTING PARTIES acting jointly", "GATT 1947 Art. XXV:1, XXV:5"}},
};

const size_t wv_procedure_table_size = sizeof wv_procedure_table / sizeof wv_procedure_table[0];
