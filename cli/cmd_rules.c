/* wtovote rules: the procedure table (list, explain), decisions from counts
 * (decide) and the Art. IX:4 review dates of a waiver (waiver-reviews).
 * Exit codes: 0 whenever a decision was computed, 2 for usage errors and
 * impossible counts (the message names the impossible number). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wtovote/roster.h"
#include "wtovote/rules.h"
#include "wtovote/util.h"

#define COUNT_MAX 1000000LL

static const wv_procedure *find_procedure(const char *id)
{
    const wv_procedure *p = wv_procedure_find(id);
    if (p == NULL)
        wv_cli_usage_error("unknown procedure '%s' (see wtovote rules list)", id);
    return p;
}

static json_t *note_json(const wv_rule_note *n)
{
    return json_pack("{s:s, s:s}", "text", n->text, "citation", n->citation);
}

static const char *period_name(wv_period_kind k)
{
    return k == WV_PERIOD_AT_MOST ? "at most" : k == WV_PERIOD_AT_LEAST ? "at least" : "none";
}

static json_t *stages_json(const wv_procedure *p)
{
    json_t *a = json_array();
    for (size_t i = 0; i < wv_procedure_stage_count(p); i++) {
        const wv_stage_info *s = wv_procedure_stage_at(p, i);
        json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:s}", "stage", wv_stage_name(s->stage),
                              "days", (json_int_t)s->days, "period", period_name(s->period),
                              "text", s->text, "citation", s->citation);
        json_array_append_new(a, o);
    }
    return a;
}

/* members < 0: no concrete number. */
static json_t *threshold_json(const wv_threshold *th, long long members)
{
    if (th == NULL)
        return json_null();
    char ineq[96];
    snprintf(ineq, sizeof ineq, "yes * %u %s %u * %s", th->den, th->strict ? ">" : ">=",
             th->num, wv_base_name(th->base));
    json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s}", "words", th->words, "citation",
                          th->citation, "num", (json_int_t)th->num, "den", (json_int_t)th->den,
                          "base", wv_base_name(th->base), "comparison", th->strict ? ">" : ">=",
                          "inequality", ineq);
    if (members >= 0 && th->base != WV_BASE_VOTES_CAST)
        json_object_set_new(o, "required",
                            json_integer(wv_threshold_required(th, (uint32_t)members)));
    else if (members >= 0)
        json_object_set_new(o, "required", json_null());
    return o;
}

/* Who may decide under p (issue 14): {bodies[], text, citation}. */
static json_t *competence_json(const wv_procedure *p)
{
    json_t *o = note_json(wv_procedure_competence(p)), *bodies = json_array();
    for (size_t i = 0; i < wv_body_count(); i++)
        if (wv_procedure_competent(p, wv_body_name_at(i)))
            json_array_append_new(bodies, json_string(wv_body_name_at(i)));
    if (wv_procedure_competent(p, "plurilateral:NAME"))
        json_array_append_new(bodies, json_string("plurilateral:NAME"));
    json_object_set_new(o, "bodies", bodies);
    return o;
}

static json_t *procedure_json(const wv_procedure *p, long long members)
{
    json_t *conds = json_array();
    for (size_t i = 0; i < wv_procedure_condition_count(p); i++)
        json_array_append_new(conds, note_json(wv_procedure_condition_at(p, i)));
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:b}",
                     "procedure",
                     wv_procedure_id(p), "title", wv_procedure_title(p), "citation",
                     wv_procedure_citation(p), "summary", wv_procedure_summary(p),
                     "eligibility", note_json(wv_procedure_eligibility(p)), "competence",
                     competence_json(p), "stages",
                     stages_json(p), "threshold", threshold_json(wv_procedure_threshold(p), members),
                     "extra_limb", threshold_json(wv_procedure_extra_limb(p), members),
                     "conditions", conds, "vote_on_request", wv_procedure_vote_needs_request(p),
                     "reverse_consensus", wv_procedure_is_reverse_consensus(p), "parties_only",
                     wv_procedure_parties_only(p));
}

static int emit_json(json_t *v)
{
    if (v == NULL)
        return wv_cli_usage_error("out of memory building JSON");
    wv_cli_print_json(v);
    json_decref(v);
    return WV_EXIT_OK;
}

/* ------------------------------------------------------------ rules list */

static int rules_list(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        printf("usage: wtovote rules list [--json]\n\n"
               "Every procedure with its stages, thresholds and citations.\n");
        return WV_EXIT_OK;
    }
    int json = argc == 2 && strcmp(argv[1], "--json") == 0;
    if (argc > 1 && !json)
        return wv_cli_usage_error("rules list: unexpected argument '%s'", argv[1]);
    if (json) {
        json_t *a = json_array();
        for (size_t i = 0; i < wv_procedure_count(); i++)
            json_array_append_new(a, procedure_json(wv_procedure_at(i), -1));
        return emit_json(a);
    }
    for (size_t i = 0; i < wv_procedure_count(); i++) {
        const wv_procedure *p = wv_procedure_at(i);
        printf("%-17s %s [%s]\n%17s   %s\n", wv_procedure_id(p), wv_procedure_title(p),
               wv_procedure_citation(p), "", wv_procedure_summary(p));
    }
    return WV_EXIT_OK;
}

/* --------------------------------------------------------- rules explain */

static void print_threshold(const char *label, const wv_threshold *th, uint32_t n)
{
    if (th == NULL)
        return;
    if (th->base == WV_BASE_VOTES_CAST)
        printf("  %s: %s (yes * %u %s %u * votes cast; abstentions are not votes cast) [%s]\n",
               label, th->words, th->den, th->strict ? ">" : ">=", th->num, th->citation);
    else
        printf("  %s: %s: %u of %u (yes * %u %s %u * %u) [%s]\n", label, th->words,
               wv_threshold_required(th, n), n, th->den, th->strict ? ">" : ">=", th->num, n,
               th->citation);
}

static void explain_text(const wv_procedure *p, uint32_t n)
{
    const wv_rule_note *e = wv_procedure_eligibility(p);
    printf("%s: %s [%s]\n  eligible: %s [%s]\n  for %u %s:\n", wv_procedure_id(p),
           wv_procedure_title(p), wv_procedure_citation(p), e->text, e->citation, n,
           wv_procedure_base_words(p));
    if (!wv_procedure_is_acceptance(p))
        printf("  quorum (default, configurable): %u present [%s]\n", n / 2 + 1,
               wv_procedure_quorum_citation(p));
    for (size_t i = 0; i < wv_procedure_stage_count(p); i++) {
        const wv_stage_info *s = wv_procedure_stage_at(p, i);
        printf("  %zu. %s", i + 1, wv_stage_name(s->stage));
        if (s->days)
            printf(" (%s %u days)", period_name(s->period), s->days);
        printf(": %s [%s]\n", s->text, s->citation);
    }
    print_threshold("threshold", wv_procedure_threshold(p), n);
    print_threshold("and", wv_procedure_extra_limb(p), n);
    const wv_threshold *th = wv_procedure_threshold(p);
    /* as in the decision's steps: only where a limb counts "of the Members";
     * never under GATT 1947 (one vote per contracting party, XXV:3) */
    if (wv_procedure_allows_vote(p) && !wv_procedure_is_gatt1947(p) && n > 1 &&
        (th->base == WV_BASE_MEMBERS || wv_procedure_extra_limb(p) != NULL))
        printf("  with the EU bloc (a vote for each EU member State, none for the EU itself) "
               "at most %u votes can be cast; the base stays %u [Art. IX:1 fn 2]\n", n - 1, n);
    printf("  decided by: %s [%s]\n", wv_procedure_competence(p)->text,
           wv_procedure_competence(p)->citation);
    for (size_t i = 0; i < wv_procedure_condition_count(p); i++)
        printf("  - %s [%s]\n", wv_procedure_condition_at(p, i)->text,
               wv_procedure_condition_at(p, i)->citation);
}

/* Members (eu_states 0) or EU member States (1) of the embedded roster. */
static long long roster_count(int eu_states)
{
    wv_roster *r = NULL;
    wv_error err = {0};
    if (wv_roster_default(&r, &err) != WV_OK)
        return wv_cli_fail(&err), -1;
    long long n = eu_states ? (long long)wv_roster_eu_member_states(r)
                            : (long long)wv_roster_member_count(r);
    wv_roster_free(r);
    return n;
}

static int rules_explain(int argc, char **argv)
{
    static const struct option opts[] = {{"members", required_argument, NULL, 'm'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    long long n = -1;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            printf("usage: wtovote rules explain PROC [--members N] [--json]\n\n"
                   "The stages of PROC and its concrete numbers for N Members (default: the\n"
                   "embedded roster's count).\n");
            return WV_EXIT_OK;
        }
        if (c == 'j')
            json = 1;
        else if (c == 'm' && (n = wv_cli_parse_uint(optarg, COUNT_MAX)) < 1)
            return wv_cli_usage_error("--members: '%s' is not a count from 1", optarg);
        else if (c != 'm')
            return WV_EXIT_USAGE;
    }
    if (optind != argc - 1)
        return wv_cli_usage_error("usage: wtovote rules explain PROC [--members N] [--json]");
    const wv_procedure *p = find_procedure(argv[optind]);
    if (p == NULL)
        return WV_EXIT_USAGE;
    if (n < 0 && (n = roster_count(0)) < 0)
        return WV_EXIT_USAGE;
    if (!json) {
        explain_text(p, (uint32_t)n);
        return WV_EXIT_OK;
    }
    json_t *o = procedure_json(p, n);
    json_object_set_new(o, "members", json_integer(n));
    json_object_set_new(o, "quorum",
                        wv_procedure_is_acceptance(p) ? json_null() : json_integer(n / 2 + 1));
    return emit_json(o);
}

/* ---------------------------------------------------------- rules decide */

static const char DECIDE_USAGE[] =
    "usage: wtovote rules decide PROC --members N [--present P] [--objections K]\n"
    "         [--yes Y --no X --abstain A] [--eu-bloc yes|no|abstain [--eu-states S]]\n"
    "         [--days-elapsed D] [--consensus-period D] [--vote-requested]\n"
    "         [--transition-obligation] [--no-waiver-terms]\n"
    "         [--acceptances C] [--deadline-passed]\n"
    "         [--quorum NUM/DEN] [--wtl93 period-end] [--json]\n\n"
    "Decides an item from counts, with the explanation and its citations.\n"
    "  --members N     all Members (for plurilateral: the parties; for GATT 1947:\n"
    "                  the contracting parties); the base\n"
    "  --present P     Members present (default N)\n"
    "  --objections K  formal objections by Members present; for dsb-negative,\n"
    "                  objections to the negative decision\n"
    "  --yes/--no/--abstain  ballots of individual Members (a vote was held);\n"
    "                  with --eu-bloc, of the Members other than the EU and its\n"
    "                  member States; the bloc adds a vote per member State\n"
    "                  (Art. IX:1 fn 2; not under GATT 1947, one vote each: XXV:3)\n"
    "  --eu-states S   EU member States among the Members: the bloc's votes\n"
    "                  (default: as many as the embedded roster lists)\n"
    "  --days-elapsed D      days since the item was tabled\n"
    "  --consensus-period D  the period set (default the rule's: 90 days)\n"
    "  --vote-requested      a Member requests a vote (WT/L/93; it takes effect when\n"
    "                        the consensus period has run, at once without one)\n"
    "  --transition-obligation  waiver of an unperformed obligation (IX:3 fn 4)\n"
    "  --no-waiver-terms     the waiver decision lacks IX:4 terms (refused)\n"
    "  --acceptances C, --deadline-passed  Art. X acceptances and their period\n"
    "  --quorum NUM/DEN      quorum: present * DEN > N * NUM (default 1/2)\n"
    "  --wtl93 READING       the WT/L/93 reading: period-end, the one reading\n"
    "Two-limb rows (budget, gatt-waiver) at the vote stage show both limbs\n"
    "(JSON \"limbs\"): the votes-cast limb is null until votes are cast.\n"
    "Exit 0 whenever a decision is computed; 2 for impossible counts.\n";

enum { OPT_MEMBERS = 256, OPT_PRESENT, OPT_OBJ, OPT_YES, OPT_NO, OPT_ABST, OPT_BLOC, OPT_DAYS,
       OPT_PERIOD, OPT_REQ, OPT_FN4, OPT_NOTERMS, OPT_ACC, OPT_DEADLINE, OPT_QUORUM, OPT_WTL93,
       OPT_JSON, OPT_EU_STATES };

static const struct option DECIDE_OPTS[] = {
    {"members", required_argument, NULL, OPT_MEMBERS},
    {"present", required_argument, NULL, OPT_PRESENT},
    {"objections", required_argument, NULL, OPT_OBJ},
    {"yes", required_argument, NULL, OPT_YES},
    {"no", required_argument, NULL, OPT_NO},
    {"abstain", required_argument, NULL, OPT_ABST},
    {"eu-bloc", required_argument, NULL, OPT_BLOC},
    {"eu-states", required_argument, NULL, OPT_EU_STATES},
    {"days-elapsed", required_argument, NULL, OPT_DAYS},
    {"consensus-period", required_argument, NULL, OPT_PERIOD},
    {"vote-requested", no_argument, NULL, OPT_REQ},
    {"transition-obligation", no_argument, NULL, OPT_FN4},
    {"no-waiver-terms", no_argument, NULL, OPT_NOTERMS},
    {"acceptances", required_argument, NULL, OPT_ACC},
    {"deadline-passed", no_argument, NULL, OPT_DEADLINE},
    {"quorum", required_argument, NULL, OPT_QUORUM},
    {"wtl93", required_argument, NULL, OPT_WTL93},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct decide_args {
    wv_tally t;
    wv_rules_config cfg;
    long long members, present, eu_states;
    int json;
} decide_args;

static int set_count(const char *name, const char *text, uint32_t *out)
{
    long long v = wv_cli_parse_uint(text, COUNT_MAX);
    if (v < 0)
        return wv_cli_usage_error("--%s: '%s' is not a count (0 to %lld)", name, text, COUNT_MAX);
    *out = (uint32_t)v;
    return 0;
}

static int set_bloc(const char *text, wv_choice *out)
{
    static const char *const names[] = {"yes", "no", "abstain"};
    for (int i = 0; i < 3; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (wv_choice)(WV_CHOICE_YES + i);
            return 0;
        }
    return wv_cli_usage_error("--eu-bloc: '%s' is not yes, no or abstain", text);
}

static int set_quorum(const char *text, wv_rules_config *cfg)
{
    char num[24], den[24];
    const char *slash = strchr(text, '/');
    if (slash == NULL || (size_t)(slash - text) >= sizeof num || strlen(slash + 1) >= sizeof den)
        return wv_cli_usage_error("--quorum: '%s' is not NUM/DEN", text);
    memcpy(num, text, (size_t)(slash - text));
    num[slash - text] = '\0';
    strcpy(den, slash + 1);
    long long n = wv_cli_parse_uint(num, COUNT_MAX), d = wv_cli_parse_uint(den, COUNT_MAX);
    if (n < 0 || d < 1 || n >= d)
        return wv_cli_usage_error("--quorum: '%s' is not a fraction below 1", text);
    cfg->quorum_num = (uint32_t)n;
    cfg->quorum_den = (uint32_t)d;
    return 0;
}

static int set_flag(int *flag, int value)
{
    *flag = value;
    return 0;
}

static int decide_option(int c, const char *arg, decide_args *a)
{
    wv_tally *t = &a->t;
    uint32_t v = 0;
    switch (c) {
    case OPT_MEMBERS:
        if (set_count("members", arg, &v))
            return WV_EXIT_USAGE;
        a->members = v;
        return 0;
    case OPT_PRESENT:
        if (set_count("present", arg, &v))
            return WV_EXIT_USAGE;
        a->present = v;
        return 0;
    case OPT_OBJ: return set_count("objections", arg, &t->objections);
    case OPT_YES: t->vote_held = 1; return set_count("yes", arg, &t->yes);
    case OPT_NO: t->vote_held = 1; return set_count("no", arg, &t->no);
    case OPT_ABST: t->vote_held = 1; return set_count("abstain", arg, &t->abstain);
    case OPT_BLOC: t->vote_held = 1; return set_bloc(arg, &t->eu_bloc);
    case OPT_EU_STATES:
        if (set_count("eu-states", arg, &v))
            return WV_EXIT_USAGE;
        a->eu_states = v;
        return 0;
    case OPT_DAYS: return set_count("days-elapsed", arg, &t->days_elapsed);
    case OPT_PERIOD: return set_count("consensus-period", arg, &t->consensus_period_days);
    case OPT_ACC: return set_count("acceptances", arg, &t->acceptances);
    case OPT_REQ: return set_flag(&t->vote_requested, 1);
    case OPT_FN4: return set_flag(&t->transition_obligation, 1);
    case OPT_NOTERMS: return set_flag(&t->waiver_terms_complete, 0);
    case OPT_DEADLINE: return set_flag(&t->deadline_passed, 1);
    case OPT_QUORUM: return set_quorum(arg, &a->cfg);
    case OPT_WTL93: return wv_cli_parse_wtl93(arg, &a->cfg.vote_request);
    case OPT_JSON: return set_flag(&a->json, 1);
    default: return WV_EXIT_USAGE;
    }
}

static json_t *decision_json(const wv_procedure *p, const decide_args *a, const wv_decision *d)
{
    json_t *steps = json_array();
    for (size_t i = 0; i < d->n_steps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s}", "citation", d->steps[i].citation,
                                               "text", d->steps[i].text));
    const wv_tally *t = &a->t;
    json_t *limbs = json_null();
    if (d->two_limbs) {
        const wv_threshold *th = wv_procedure_threshold(p), *l = wv_procedure_extra_limb(p);
        limbs = json_pack("[{s:s, s:s, s:s, s:o}, {s:s, s:s, s:s, s:I}]", "words", th->words,
                          "citation", th->citation, "base", wv_base_name(th->base), "required",
                          d->votes_cast_known ? json_integer(d->required_of_votes_cast)
                                              : json_null(),
                          "words", l->words, "citation", l->citation, "base",
                          wv_procedure_base_words(p), "required",
                          (json_int_t)d->required_of_members);
    }
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}",
                     "procedure",
                     wv_procedure_id(p), "outcome", wv_outcome_name(d->outcome), "stage",
                     wv_stage_name(d->stage), "required",
                     d->has_required ? json_integer(d->required) : json_null(), "limbs", limbs,
                     "members",
                     (json_int_t)t->members, "present", (json_int_t)t->present, "objections",
                     (json_int_t)t->objections, "yes", (json_int_t)d->yes, "no",
                     (json_int_t)d->no, "abstain", (json_int_t)d->abstain, "acceptances",
                     (json_int_t)t->acceptances, "steps", steps);
}

static void decision_text(const wv_procedure *p, const wv_decision *d)
{
    printf("procedure: %s (%s)\noutcome:   %s\nstage:     %s\n", wv_procedure_id(p),
           wv_procedure_title(p), wv_outcome_name(d->outcome), wv_stage_name(d->stage));
    if (d->has_required)
        printf("required:  %u\n", d->required);
    if (d->two_limbs) {
        const wv_threshold *th = wv_procedure_threshold(p), *l = wv_procedure_extra_limb(p);
        if (d->votes_cast_known)
            printf("limb 1:    %s: %u [%s]\n", th->words, d->required_of_votes_cast,
                   th->citation);
        else
            printf("limb 1:    %s: a number once the votes are cast [%s]\n", th->words,
                   th->citation);
        printf("limb 2:    %s: %u [%s]\n", l->words, d->required_of_members, l->citation);
    }
    for (size_t i = 0; i < d->n_steps; i++)
        printf("  %zu. [%s] %s\n", i + 1, d->steps[i].citation, d->steps[i].text);
}

static int rules_decide(int argc, char **argv)
{
    decide_args a = {.members = -1, .present = -1, .eu_states = -1, .cfg = {.explain = 1}};
    a.t.waiver_terms_complete = 1;
    int c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", DECIDE_OPTS, NULL)) != -1) {
        if (c == 'h') {
            fputs(DECIDE_USAGE, stdout);
            return WV_EXIT_OK;
        }
        if (c == '?' || (rc = decide_option(c, optarg, &a)) != 0)
            return WV_EXIT_USAGE;
    }
    if (optind != argc - 1)
        return wv_cli_usage_error("rules decide: one procedure expected (see --help)");
    const wv_procedure *p = find_procedure(argv[optind]);
    if (p == NULL)
        return WV_EXIT_USAGE;
    if (a.members < 0)
        return wv_cli_usage_error("rules decide: --members N is required");
    a.t.members = (uint32_t)a.members;
    a.t.present = (uint32_t)(a.present < 0 ? a.members : a.present);
    if (a.t.eu_bloc != WV_CHOICE_NONE && a.eu_states < 0 && (a.eu_states = roster_count(1)) < 0)
        return WV_EXIT_USAGE;
    a.t.eu_states = a.eu_states < 0 ? 0 : (uint32_t)a.eu_states;
    wv_decision d;
    wv_error err = {0};
    if (wv_rules_decide(p, &a.cfg, &a.t, &d, &err) != WV_OK)
        return wv_cli_usage_error("%s", err.message);
    if (a.json)
        return emit_json(decision_json(p, &a, &d));
    decision_text(p, &d);
    return WV_EXIT_OK;
}

/* -------------------------------------------------- rules waiver-reviews */

static int reviews_help(void)
{
    printf("usage: wtovote rules waiver-reviews --granted DATE --terminates DATE [--json]\n\n"
           "The Art. IX:4 review dates of a waiver: one year after grant, then annually\n"
           "until termination; none when it lasts one year or less. DATE is YYYY-MM-DD.\n");
    return WV_EXIT_OK;
}

static int rules_waiver_reviews(int argc, char **argv)
{
    static const struct option opts[] = {{"granted", required_argument, NULL, 'g'},
                                         {"terminates", required_argument, NULL, 't'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *granted = NULL, *terminates = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return reviews_help();
        if (c == 'g')
            granted = optarg;
        else if (c == 't')
            terminates = optarg;
        else if (c == 'j')
            json = 1;
        else
            return WV_EXIT_USAGE;
    }
    if (granted == NULL || terminates == NULL || optind != argc)
        return wv_cli_usage_error("rules waiver-reviews: --granted DATE and --terminates DATE "
                                  "are required");
    int64_t g, t;
    wv_error err = {0};
    if (wv_time_parse(granted, &g, &err) != WV_OK || wv_time_parse(terminates, &t, &err) != WV_OK)
        return wv_cli_usage_error("%s", err.message);
    size_t n = 0;
    if (wv_waiver_review_dates(g, t, NULL, 0, &n, &err) != WV_OK)
        return wv_cli_usage_error("%s", err.message);
    int64_t *dates = calloc(n ? n : 1, sizeof *dates);
    if (dates == NULL)
        return wv_cli_usage_error("out of memory");
    if (wv_waiver_review_dates(g, t, dates, n, &n, &err) != WV_OK) {
        free(dates);
        return wv_cli_usage_error("%s", err.message);
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        char buf[16];
        wv_date_format(dates[i], buf, sizeof buf);
        if (json)
            json_array_append_new(a, json_string(buf));
        else
            printf("%s\n", buf);
    }
    free(dates);
    if (!json) {
        json_decref(a);
        if (n == 0)
            fprintf(stderr, "wtovote: no review: the waiver lasts one year or less (Art. IX:4)\n");
        return WV_EXIT_OK;
    }
    char gbuf[16], tbuf[16];
    wv_date_format(g, gbuf, sizeof gbuf);
    wv_date_format(t, tbuf, sizeof tbuf);
    return emit_json(json_pack("{s:s, s:s, s:s, s:o}", "granted", gbuf, "terminates", tbuf,
                               "citation", "Art. IX:4", "reviews", a));
}

int wv_cmd_rules(int argc, char **argv)
{
    static const wv_cli_command sub[] = {
        {"list", rules_list, "every procedure, its stages, thresholds and citations"},
        {"explain", rules_explain, "the stages and numbers of a procedure for N Members"},
        {"decide", rules_decide, "decide an item from counts, with the explanation"},
        {"waiver-reviews", rules_waiver_reviews, "the Art. IX:4 review dates of a waiver"},
        {NULL, NULL, NULL}};
    return wv_cli_dispatch("rules", sub, argc, argv);
}
