/* A procedure's vote rule as a simple game over the roster. The winning
 * condition is asked of engine/rules for each coalition shape: this file
 * holds no threshold. */
#include <stdio.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/sim.h"

typedef struct proc_ctx {
    const wv_procedure *p;
    const wv_rules_config *cfg;
    uint32_t members;    /* the base: every roster Member */
    uint32_t individual; /* Members casting one vote each */
    int eu_bloc;         /* class 1 is the EU's bloc */
    uint32_t eu_states;  /* its votes: the roster's EU member States (IX:1 fn 2) */
} proc_ctx;

/* The tally when m[0] individual voters (and, with the bloc, m[1] = 1 when
 * the EU) say yes and every other voter says no. All Members are present.
 * Art. IX:1 fn 1: a Member voting no is taken to have objected, so the
 * consensus phase failed unless everyone said yes; the consensus period is
 * over (Art. IX:3, X:1) and a vote was requested and held (WT/L/93). */
static void coalition_tally(const proc_ctx *c, const uint32_t *m, wv_tally *t)
{
    memset(t, 0, sizeof *t);
    uint32_t yes = m[0];
    uint32_t no = c->individual - yes;
    int bloc_yes = c->eu_bloc && m[1] == 1;
    t->members = c->members;
    t->present = c->members;
    t->eu_states = c->eu_states;
    t->yes = yes;
    t->no = no;
    if (c->eu_bloc)
        t->eu_bloc = bloc_yes ? WV_CHOICE_YES : WV_CHOICE_NO;
    t->objections = no + (c->eu_bloc && !bloc_yes ? 1u : 0u);
    t->days_elapsed = wv_procedure_max_consensus_days(c->p);
    t->waiver_terms_complete = 1;
    t->acceptances = yes + (bloc_yes ? 1u + c->eu_states : 0u);
    t->deadline_passed = 1;
    if (wv_procedure_is_reverse_consensus(c->p)) {
        /* DSU 6.1, 16.4, 17.14, 22.6: the coalition is those who want the
         * action; each objects to the negative decision. No vote. */
        t->objections = yes + (bloc_yes ? 1u : 0u);
        t->yes = t->no = 0;
        t->eu_bloc = WV_CHOICE_NONE;
        return;
    }
    if (wv_procedure_allows_vote(c->p) && t->objections > 0) {
        t->vote_requested = 1;
        t->vote_held = 1;
    }
}

static wv_status proc_win(void *ctx, const uint32_t *m, int *win, wv_error *err)
{
    const proc_ctx *c = ctx;
    wv_tally t;
    coalition_tally(c, m, &t);
    wv_rules_config cfg = c->cfg ? *c->cfg : (wv_rules_config){0};
    cfg.explain = 0;
    wv_decision d;
    wv_status st = wv_rules_decide(c->p, &cfg, &t, &d, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "power: %s with %u yes", wv_procedure_id(c->p), m[0]);
        return st;
    }
    *win = d.outcome == WV_OUTCOME_ADOPTED;
    return WV_OK;
}

static void set_row(wv_power_row *row, wv_power_kind kind, const char *label, uint32_t players,
                    uint32_t votes)
{
    memset(row, 0, sizeof *row);
    row->kind = kind;
    snprintf(row->label, sizeof row->label, "%s", label);
    row->players = players;
    row->votes = votes;
}

/* Rows: 0 individual voters, 1 EU bloc (with the bloc), last: silent. */
static void classify(const wv_roster *roster, int eu_bloc, wv_power_report *out, int eu)
{
    uint32_t states = wv_roster_eu_member_states(roster), n = out->members;
    if (eu_bloc) {
        set_row(&out->rows[0], WV_POWER_INDIVIDUAL, "Member outside the EU", n - states - 1, 1);
        set_row(&out->rows[1], WV_POWER_EU_BLOC, "EU (bloc of its member States)", 1, states);
        set_row(&out->rows[2], WV_POWER_SILENT, "EU member State (votes through the bloc)",
                states, 0);
        out->n_rows = 3;
    } else {
        set_row(&out->rows[0], WV_POWER_INDIVIDUAL, "Member voting individually",
                eu >= 0 ? n - 1 : n, 1);
        out->n_rows = 1;
        if (eu >= 0) {
            set_row(&out->rows[1], WV_POWER_SILENT,
                    "EU (no vote of its own while its member States vote)", 1, 0);
            out->n_rows = 2;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        const Wtovote__V1__Member *mb = wv_roster_member_at(roster, i);
        uint8_t row = 0;
        if ((int)i == eu)
            row = 1; /* the bloc row, or the silent EU */
        else if (eu_bloc && mb->eu_member_state)
            row = 2;
        out->member_row[i] = row;
    }
    out->total_votes = out->rows[0].players + (eu_bloc ? states : 0u);
}

static void find_min_winning(const proc_ctx *c, wv_power_report *out)
{
    /* Smallest total yes weight that wins, and whether wins are upward
     * closed, using only individual votes plus the bloc (if any). */
    out->min_winning = 0;
    out->monotone = 1;
    int prev = -1;
    for (uint32_t bloc = 0; bloc <= (c->eu_bloc ? 1u : 0u); bloc++) {
        prev = -1;
        for (uint32_t y = 0; y <= c->individual; y++) {
            uint32_t m[2] = {y, bloc};
            int w = 0;
            if (proc_win((void *)c, m, &w, NULL) != WV_OK)
                continue;
            uint32_t votes = y + bloc * c->eu_states;
            if (w && (out->min_winning == 0 || votes < out->min_winning))
                out->min_winning = votes;
            if (prev == 1 && !w)
                out->monotone = 0;
            prev = w;
        }
    }
}

wv_status wv_power_procedure(const wv_procedure *p, const wv_rules_config *cfg,
                             const wv_roster *roster, int eu_bloc, wv_power_report *out,
                             wv_error *err)
{
    if (p == NULL || roster == NULL || out == NULL)
        return wv_error_set(err, WV_ERR_ARG, "power: procedure and roster needed");
    memset(out, 0, sizeof *out);
    size_t n = wv_roster_member_count(roster);
    if (n < 2 || n > WV_MAX_MEMBERS)
        return wv_error_set(err, WV_ERR_ARG, "power: roster of %zu Members", n);
    int eu = wv_roster_member_index(roster, WV_EU_CODE);
    if (eu_bloc && eu < 0)
        return wv_error_set(err, WV_ERR_ARG, "power: the roster has no Member '%s' for the bloc",
                            WV_EU_CODE);
    if (eu_bloc && wv_roster_eu_member_states(roster) == 0)
        return wv_error_set(err, WV_ERR_ARG, "power: the roster lists no EU member States, "
                                             "whose number is the bloc's votes (Art. IX:1 fn 2)");
    out->procedure = p;
    out->eu_bloc = eu_bloc;
    out->members = (uint32_t)n;
    classify(roster, eu_bloc, out, eu);
    proc_ctx c = {.p = p, .cfg = cfg, .members = (uint32_t)n,
                  .individual = out->rows[0].players, .eu_bloc = eu_bloc,
                  .eu_states = wv_roster_eu_member_states(roster)};
    uint32_t counts[2] = {c.individual, 1};
    wv_power_value v[2];
    wv_status st = wv_power_game(eu_bloc ? 2 : 1, counts, proc_win, &c, v, err);
    if (st != WV_OK)
        return st;
    out->rows[0].value = v[0];
    if (eu_bloc)
        out->rows[1].value = v[1];
    find_min_winning(&c, out);
    return WV_OK;
}
