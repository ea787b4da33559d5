/* Scenario files (SPEC.md, "Scenario files"): JSON decoded with jansson,
 * checked strictly (unknown keys, out-of-range numbers and unknown Member
 * codes are errors naming the field), then compiled against a roster. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_internal.h"

#define SCENARIO_MAX_BYTES (1u << 20)

static const char *const behaviour_keys[B_COUNT] = {
    "attend", "support", "spread", "object", "abstain", "join", "weight", "accept_days"};
static const double behaviour_max[B_COUNT] = {1, 1, 1, 1, 1, 1, 1e12, 36500};
/* Built-in defaults: present, supportive, never objecting (SPEC.md). */
static const double behaviour_default[B_COUNT] = {1, 1, 0, 0, 0, 1, 1, 180};

static wv_status bad(wv_error *err, const char *where, const char *fmt, const char *arg)
{
    char msg[300];
    snprintf(msg, sizeof msg, fmt, arg);
    return wv_error_set(err, WV_ERR_SCENARIO, "scenario: %s: %s", where, msg);
}

static wv_status check_keys(json_t *obj, const char *where, const char *const *allowed,
                            wv_error *err)
{
    if (!json_is_object(obj))
        return bad(err, where, "%s", "must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        int ok = 0;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, key) == 0;
        if (!ok)
            return bad(err, where, "unknown key \"%.100s\"", key);
    }
    return WV_OK;
}

static wv_status get_number(json_t *obj, const char *key, const char *where, double lo,
                            double hi, double dflt, double *out, wv_error *err)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (v == NULL)
        return WV_OK;
    char at[160];
    snprintf(at, sizeof at, "%s.%s", where, key);
    if (!json_is_number(v))
        return bad(err, at, "%s", "must be a number");
    double x = json_number_value(v);
    if (!(x >= lo && x <= hi)) {
        char range[80];
        snprintf(range, sizeof range, "%g to %g", lo, hi);
        return bad(err, at, "must be from %s", range);
    }
    *out = x;
    return WV_OK;
}

static wv_status get_uint(json_t *obj, const char *key, const char *where, uint32_t lo,
                          uint32_t hi, uint32_t dflt, uint32_t *out, wv_error *err)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (v == NULL)
        return WV_OK;
    char at[160];
    snprintf(at, sizeof at, "%s.%s", where, key);
    json_int_t x = json_is_integer(v) ? json_integer_value(v) : -1;
    if (!json_is_integer(v) || x < (json_int_t)lo || x > (json_int_t)hi) {
        char range[80];
        snprintf(range, sizeof range, "%u to %u", lo, hi);
        return bad(err, at, "must be an integer from %s", range);
    }
    *out = (uint32_t)x;
    return WV_OK;
}

static wv_status get_string(json_t *obj, const char *key, const char *where, int required,
                            char *out, size_t size, wv_error *err)
{
    json_t *v = json_object_get(obj, key);
    char at[160];
    snprintf(at, sizeof at, "%s.%s", where, key);
    if (v == NULL) {
        if (required)
            return bad(err, at, "%s", "is required");
        return WV_OK;
    }
    if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) >= size)
        return bad(err, at, "%s", "must be a non-empty string of moderate length");
    if (strlen(json_string_value(v)) != json_string_length(v))
        return bad(err, at, "%s", "contains a NUL character");
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return WV_OK;
}

static wv_status get_bool(json_t *obj, const char *key, const char *where, int dflt, int *out,
                          wv_error *err)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (v == NULL)
        return WV_OK;
    if (!json_is_boolean(v)) {
        char at[160];
        snprintf(at, sizeof at, "%s.%s", where, key);
        return bad(err, at, "%s", "must be true or false");
    }
    *out = json_is_true(v);
    return WV_OK;
}

static uint64_t threshold(double p)
{
    return (uint64_t)llround(p * (double)SIM_P_ONE);
}

/* ------------------------------------------------------------ Members */

static int find_member(const wv_scenario *s, const char *code)
{
    for (uint32_t i = 0; i < s->n_all; i++)
        if (strcmp(s->all[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* Visits the members of a JSON array of codes; unknown codes are errors. */
static wv_status code_list(const wv_scenario *s, json_t *arr, const char *where, uint8_t *mark,
                           wv_error *err)
{
    if (!json_is_array(arr))
        return bad(err, where, "%s", "must be an array of Member codes");
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v))
            return bad(err, where, "%s", "must hold Member codes (strings)");
        int k = find_member(s, json_string_value(v));
        if (k < 0)
            return bad(err, where, "\"%.40s\" is not a Member in the roster",
                       json_string_value(v));
        mark[k] = 1;
    }
    return WV_OK;
}

static wv_status parse_behaviour(json_t *obj, const char *where, sim_behaviour *b,
                                 wv_error *err)
{
    const char *keys[B_COUNT + 1];
    for (int i = 0; i < B_COUNT; i++)
        keys[i] = behaviour_keys[i];
    keys[B_COUNT] = NULL;
    wv_status st = check_keys(obj, where, keys, err);
    for (int i = 0; i < B_COUNT && st == WV_OK; i++) {
        if (json_object_get(obj, behaviour_keys[i]) == NULL)
            continue;
        st = get_number(obj, behaviour_keys[i], where, 0, behaviour_max[i], 0, &b->v[i], err);
        b->set |= 1u << i;
    }
    return st;
}

static void layer(sim_behaviour *dst, const sim_behaviour *src)
{
    for (int i = 0; i < B_COUNT; i++)
        if (src->set & (1u << i)) {
            dst->v[i] = src->v[i];
            dst->set |= 1u << i;
        }
}

static int order_cmp(const void *a, const void *b)
{
    const sim_member *x = a, *y = b;
    return strcmp(x->code, y->code);
}

static wv_status load_roster(wv_scenario *s, wv_error *err)
{
    s->n_all = (uint32_t)wv_roster_member_count(s->full);
    if (s->n_all < 2)
        return wv_error_set(err, WV_ERR_SCENARIO, "scenario: the roster has fewer than 2 Members");
    s->all = calloc(s->n_all, sizeof *s->all);
    if (s->all == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "scenario: out of memory");
    for (uint32_t i = 0; i < s->n_all; i++) {
        const Wtovote__V1__Member *m = wv_roster_member_at(s->full, i);
        sim_member *sm = &s->all[i];
        sm->roster_index = i;
        snprintf(sm->code, sizeof sm->code, "%s", m->code);
        snprintf(sm->joined, sizeof sm->joined, "%s", m->joined ? m->joined : "");
        sm->is_eu = strcmp(m->code, WV_EU_CODE) == 0;
        sm->eu_state = m->eu_member_state ? 1 : 0;
    }
    return WV_OK;
}

/* Order of joining, then code ("joined" is YYYY-MM-DD). */
static int join_cmp(const void *a, const void *b)
{
    const sim_member *x = a, *y = b;
    int c = strcmp(x->joined, y->joined);
    return c != 0 ? c : order_cmp(a, b);
}

static void sort_by_joining(wv_scenario *s)
{
    qsort(s->all, s->n_all, sizeof *s->all, join_cmp);
}

/* ------------------------------------------------------------ groups */

static int selected(const sim_member *m, const wv_roster *r, const char *sel)
{
    int ldc = wv_roster_member_at(r, m->roster_index)->ldc;
    if (strcmp(sel, "all") == 0)
        return 1;
    if (strcmp(sel, "ldc") == 0)
        return ldc;
    if (strcmp(sel, "non-ldc") == 0)
        return !ldc;
    if (strcmp(sel, "eu") == 0)
        return m->is_eu || m->eu_state;
    if (strcmp(sel, "eu-member-states") == 0)
        return m->eu_state;
    return 0;
}

static wv_status apply_group(wv_scenario *s, json_t *g, size_t gi, sim_behaviour *beh,
                             wv_error *err)
{
    static const char *const keys[] = {"name", "select", "members", "except", "behaviour", NULL};
    char where[64], name[64] = "";
    snprintf(where, sizeof where, "groups[%zu]", gi);
    wv_status st = check_keys(g, where, keys, err);
    if (st == WV_OK)
        st = get_string(g, "name", where, 1, name, sizeof name, err);
    if (st != WV_OK)
        return st;
    json_t *sel = json_object_get(g, "select"), *mem = json_object_get(g, "members");
    static const char *const sels[] = {"all", "ldc", "non-ldc", "eu", "eu-member-states", NULL};
    if (sel != NULL) {
        int ok = 0;
        for (const char *const *p = sels; *p && json_is_string(sel) && !ok; p++)
            ok = strcmp(*p, json_string_value(sel)) == 0;
        if (!ok)
            return bad(err, where, "%s", "select must be all, ldc, non-ldc, eu or "
                                         "eu-member-states");
    }
    if (sel == NULL && mem == NULL)
        return bad(err, where, "%s", "needs \"select\" or \"members\"");
    sim_behaviour b = {0};
    char bw[96];
    snprintf(bw, sizeof bw, "%s.behaviour", where);
    json_t *bj = json_object_get(g, "behaviour");
    if (bj == NULL)
        return bad(err, bw, "%s", "is required");
    if ((st = parse_behaviour(bj, bw, &b, err)) != WV_OK)
        return st;
    uint8_t *in = calloc(s->n_all, 1), *out = calloc(s->n_all, 1);
    if (in == NULL || out == NULL) {
        free(in);
        free(out);
        return wv_error_set(err, WV_ERR_NOMEM, "scenario: out of memory");
    }
    char mw[96], ew[96];
    snprintf(mw, sizeof mw, "%s.members", where);
    snprintf(ew, sizeof ew, "%s.except", where);
    if (mem != NULL)
        st = code_list(s, mem, mw, in, err);
    if (st == WV_OK && json_object_get(g, "except") != NULL)
        st = code_list(s, json_object_get(g, "except"), ew, out, err);
    for (uint32_t i = 0; i < s->n_all && st == WV_OK; i++) {
        int hit = in[i] || (sel != NULL && selected(&s->all[i], s->full, json_string_value(sel)));
        if (hit && !out[i])
            layer(&beh[i], &b);
    }
    free(in);
    free(out);
    return st;
}

static wv_status apply_overrides(wv_scenario *s, json_t *ov, sim_behaviour *beh, wv_error *err)
{
    if (!json_is_object(ov))
        return bad(err, "overrides", "%s", "must be an object of Member code -> behaviour");
    const char *code;
    json_t *v;
    json_object_foreach(ov, code, v) {
        char where[64];
        snprintf(where, sizeof where, "overrides.%.40s", code);
        int k = find_member(s, code);
        if (k < 0)
            return bad(err, where, "%s", "is not a Member in the roster");
        sim_behaviour b = {0};
        wv_status st = parse_behaviour(v, where, &b, err);
        if (st != WV_OK)
            return st;
        layer(&beh[k], &b);
    }
    return WV_OK;
}

static void compile_member(sim_member *m, const sim_behaviour *b)
{
    m->attend = threshold(b->v[B_ATTEND]);
    m->support = (int32_t)lround(b->v[B_SUPPORT] * SIM_PERMILLE);
    m->spread = (int32_t)lround(b->v[B_SPREAD] * SIM_PERMILLE);
    m->object = threshold(b->v[B_OBJECT]);
    m->abstain = threshold(b->v[B_ABSTAIN]);
    m->join = threshold(b->v[B_JOIN]);
    m->weight = b->v[B_WEIGHT];
    m->accept_days = b->v[B_ACCEPT_DAYS];
    if (m->proponent) {
        /* Proponents want the proposal as tabled, never object, join. */
        m->support = SIM_PERMILLE;
        m->spread = 0;
        m->object = 0;
        m->abstain = 0;
        m->join = SIM_P_ONE;
    }
}

static wv_status compile_members(wv_scenario *s, json_t *root, json_t *proponents,
                                 wv_error *err)
{
    sim_behaviour base = {0};
    for (int i = 0; i < B_COUNT; i++)
        base.v[i] = behaviour_default[i];
    wv_status st = WV_OK;
    json_t *bj = json_object_get(root, "behaviour");
    if (bj != NULL)
        st = parse_behaviour(bj, "behaviour", &base, err);
    sim_behaviour *beh = calloc(s->n_all, sizeof *beh);
    uint8_t *prop = calloc(s->n_all, 1);
    if (beh == NULL || prop == NULL)
        st = wv_error_set(err, WV_ERR_NOMEM, "scenario: out of memory");
    for (uint32_t i = 0; i < s->n_all && st == WV_OK; i++)
        beh[i] = base;
    json_t *groups = json_object_get(root, "groups");
    if (st == WV_OK && groups != NULL && !json_is_array(groups))
        st = bad(err, "groups", "%s", "must be an array");
    for (size_t g = 0; st == WV_OK && g < json_array_size(groups); g++)
        st = apply_group(s, json_array_get(groups, g), g, beh, err);
    if (st == WV_OK && json_object_get(root, "overrides") != NULL)
        st = apply_overrides(s, json_object_get(root, "overrides"), beh, err);
    if (st == WV_OK && proponents != NULL)
        st = code_list(s, proponents, "proposal.proponents", prop, err);
    for (uint32_t i = 0; i < s->n_all && st == WV_OK; i++) {
        s->all[i].proponent = prop[i];
        compile_member(&s->all[i], &beh[i]);
    }
    free(beh);
    free(prop);
    return st;
}

/* ------------------------------------------------------------ sections */

static wv_status parse_procedures(wv_scenario *s, json_t *arr, wv_error *err)
{
    const char *where = "proposal.procedures";
    if (!json_is_array(arr) || json_array_size(arr) == 0 ||
        json_array_size(arr) > SIM_MAX_PROCS)
        return bad(err, where, "%s", "must be an array of 1 to 8 procedure ids");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *v = json_array_get(arr, i);
        const wv_procedure *p = json_is_string(v) ? wv_procedure_find(json_string_value(v)) : NULL;
        if (p == NULL)
            return bad(err, where, "\"%.40s\" is not a procedure id (wtovote rules list)",
                       json_is_string(v) ? json_string_value(v) : "?");
        if (wv_procedure_parties_only(p))
            return bad(err, where, "%s", "a parties-only procedure is modelled by the "
                                         "\"plurilateral\" section, not as a procedure");
        s->procs[s->n_procs++] = p;
    }
    return WV_OK;
}

static wv_status parse_proposal(wv_scenario *s, json_t *p, wv_error *err)
{
    static const char *const keys[] = {"subject", "ambition", "floor", "procedures",
                                       "proponents", "consensus_period_days",
                                       "transition_obligation", "eu_bloc", "vote_request",
                                       "acceptance_days", NULL};
    const char *w = "proposal";
    double amb, flo, vr;
    wv_status st = check_keys(p, w, keys, err);
    if (st == WV_OK)
        st = get_string(p, "subject", w, 1, s->subject, sizeof s->subject, err);
    if (st == WV_OK)
        st = get_number(p, "ambition", w, 0.001, 1, 1, &amb, err);
    if (st == WV_OK)
        st = get_number(p, "floor", w, 0, 1, 0.5, &flo, err);
    if (st == WV_OK && flo > amb)
        st = bad(err, "proposal.floor", "%s", "must not exceed the ambition");
    if (st == WV_OK)
        st = parse_procedures(s, json_object_get(p, "procedures"), err);
    if (st == WV_OK)
        st = get_uint(p, "consensus_period_days", w, 0, 3650, 0, &s->consensus_period_days, err);
    if (st == WV_OK)
        st = get_bool(p, "transition_obligation", w, 0, &s->transition_obligation, err);
    if (st == WV_OK)
        st = get_bool(p, "eu_bloc", w, 1, &s->eu_bloc, err);
    if (st == WV_OK)
        st = get_number(p, "vote_request", w, 0, 1, 1, &vr, err);
    if (st == WV_OK)
        st = get_uint(p, "acceptance_days", w, 1, 3650, 730, &s->acceptance_days, err);
    if (st == WV_OK) {
        s->ambition = (int32_t)lround(amb * SIM_PERMILLE);
        s->floor = (int32_t)lround(flo * SIM_PERMILLE);
        s->vote_request = threshold(vr);
    }
    return st;
}

static wv_status parse_negotiation(wv_scenario *s, json_t *n, wv_error *err)
{
    static const char *const keys[] = {"procedure", "max_rounds", "concession",
                                       "months_per_round", NULL};
    const char *w = "negotiation";
    char proc[64] = "consensus";
    double conc = 0.05;
    wv_status st = WV_OK;
    if (n != NULL) {
        st = check_keys(n, w, keys, err);
        if (st == WV_OK)
            st = get_string(n, "procedure", w, 0, proc, sizeof proc, err);
        if (st == WV_OK)
            st = get_number(n, "concession", w, 0.001, 1, 0.05, &conc, err);
    }
    if (st == WV_OK)
        st = get_uint(n, "max_rounds", w, 1, 1000, 20, &s->max_rounds, err);
    if (st == WV_OK)
        st = get_uint(n, "months_per_round", w, 1, 120, 6, &s->months_per_round, err);
    if (st != WV_OK)
        return st;
    s->concession = (int32_t)lround(conc * SIM_PERMILLE);
    s->negotiation = wv_procedure_find(proc);
    if (s->negotiation == NULL || !wv_procedure_has_consensus_phase(s->negotiation) ||
        wv_procedure_parties_only(s->negotiation) ||
        wv_procedure_is_reverse_consensus(s->negotiation))
        return bad(err, "negotiation.procedure", "\"%.40s\" is not a procedure with a "
                                                  "consensus phase among all Members", proc);
    return WV_OK;
}

static wv_status parse_plurilateral(wv_scenario *s, json_t *p, wv_error *err)
{
    static const char *const keys[] = {"participants", "weight_share", NULL};
    const char *w = "plurilateral";
    wv_status st = p != NULL ? check_keys(p, w, keys, err) : WV_OK;
    if (st == WV_OK)
        st = get_uint(p, "participants", w, 0, WV_MAX_MEMBERS, 0, &s->cm_participants, err);
    if (st == WV_OK)
        st = get_number(p, "weight_share", w, 0, 1, 0, &s->cm_share, err);
    return st;
}

static wv_status parse_history(wv_scenario *s, json_t *h, wv_error *err)
{
    static const char *const keys[] = {"label", "members", "years", "plurilateral", NULL};
    if (!json_is_array(h) || json_array_size(h) > SIM_MAX_ANNOTATIONS)
        return bad(err, "history", "%s", "must be an array of at most 16 entries");
    for (size_t i = 0; i < json_array_size(h); i++) {
        json_t *e = json_array_get(h, i);
        char w[32];
        snprintf(w, sizeof w, "history[%zu]", i);
        wv_sim_annotation *a = &s->annotations[i];
        wv_status st = check_keys(e, w, keys, err);
        if (st == WV_OK)
            st = get_string(e, "label", w, 1, a->label, sizeof a->label, err);
        if (st == WV_OK)
            st = get_uint(e, "members", w, 1, WV_MAX_MEMBERS, 0, &a->members, err);
        if (st == WV_OK && a->members == 0)
            st = bad(err, w, "%s", "members is required");
        if (st == WV_OK)
            st = get_number(e, "years", w, 0, 100, -1, &a->years, err);
        if (st == WV_OK)
            st = get_bool(e, "plurilateral", w, 0, &a->plurilateral, err);
        if (st != WV_OK)
            return st;
        s->n_annotations = i + 1;
    }
    return WV_OK;
}

static wv_status parse_sweep(wv_scenario *s, json_t *sw, wv_error *err)
{
    static const char *const keys[] = {"from", "to", "step", NULL};
    wv_status st = check_keys(sw, "sweep", keys, err);
    if (st == WV_OK)
        st = get_uint(sw, "from", "sweep", 2, WV_MAX_MEMBERS, 2, &s->sweep_from, err);
    if (st == WV_OK)
        st = get_uint(sw, "to", "sweep", 2, WV_MAX_MEMBERS, s->n_all, &s->sweep_to, err);
    if (st == WV_OK)
        st = get_uint(sw, "step", "sweep", 1, WV_MAX_MEMBERS, 10, &s->sweep_step, err);
    if (st == WV_OK && (s->sweep_from > s->sweep_to || s->sweep_to > s->n_all))
        st = bad(err, "sweep", "%s", "needs from <= to <= the number of Members");
    return st;
}

static wv_status parse_root(wv_scenario *s, json_t *root, wv_error *err)
{
    static const char *const keys[] = {"name", "title", "description", "proposal", "members",
                                       "negotiation", "plurilateral", "behaviour", "groups",
                                       "overrides", "history", "sweep", NULL};
    wv_status st = check_keys(root, "(top level)", keys, err);
    uint32_t members = 0;
    if (st == WV_OK)
        st = get_string(root, "name", "(top level)", 1, s->name, sizeof s->name, err);
    if (st == WV_OK)
        st = get_string(root, "title", "(top level)", 0, s->title, sizeof s->title, err);
    if (st == WV_OK && json_object_get(root, "proposal") == NULL)
        st = bad(err, "proposal", "%s", "is required");
    if (st == WV_OK)
        st = parse_proposal(s, json_object_get(root, "proposal"), err);
    if (st == WV_OK)
        st = parse_negotiation(s, json_object_get(root, "negotiation"), err);
    if (st == WV_OK)
        st = parse_plurilateral(s, json_object_get(root, "plurilateral"), err);
    if (st == WV_OK && json_object_get(root, "history") != NULL)
        st = parse_history(s, json_object_get(root, "history"), err);
    if (st == WV_OK && json_object_get(root, "sweep") != NULL)
        st = parse_sweep(s, json_object_get(root, "sweep"), err);
    if (st == WV_OK)
        st = get_uint(root, "members", "(top level)", 2, s->n_all, s->n_all, &members, err);
    if (st == WV_OK)
        st = compile_members(s, root, json_object_get(json_object_get(root, "proposal"),
                                                      "proponents"), err);
    if (st == WV_OK)
        st = wv_scenario_set_members(s, members, err);
    if (st == WV_OK && s->title[0] == '\0')
        snprintf(s->title, sizeof s->title, "%s", s->name);
    return st;
}

wv_status wv_scenario_parse(const char *text, size_t len, const wv_roster *roster,
                            wv_scenario **out, wv_error *err)
{
    if (out == NULL || roster == NULL || (text == NULL && len > 0))
        return wv_error_set(err, WV_ERR_ARG, "scenario: text and roster needed");
    *out = NULL;
    if (len > SCENARIO_MAX_BYTES)
        return wv_error_set(err, WV_ERR_SCENARIO, "scenario: larger than %u bytes",
                            SCENARIO_MAX_BYTES);
    json_error_t jerr;
    json_t *root = json_loadb(text ? text : "", len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL)
        return wv_error_set(err, WV_ERR_SCENARIO, "scenario: JSON line %d, column %d: %s",
                            jerr.line, jerr.column, jerr.text);
    wv_scenario *s = calloc(1, sizeof *s);
    wv_status st = WV_OK;
    if (s == NULL) {
        st = wv_error_set(err, WV_ERR_NOMEM, "scenario: out of memory");
    } else {
        s->full = roster;
        st = load_roster(s, err);
        if (st == WV_OK)
            sort_by_joining(s);
        if (st == WV_OK)
            st = parse_root(s, root, err);
    }
    json_decref(root);
    if (st != WV_OK) {
        wv_scenario_free(s);
        return st;
    }
    *out = s;
    return WV_OK;
}

void wv_scenario_free(wv_scenario *s)
{
    if (s == NULL)
        return;
    wv_roster_free(s->active);
    free(s->active_index);
    free(s->by_active);
    free(s->all);
    free(s);
}
