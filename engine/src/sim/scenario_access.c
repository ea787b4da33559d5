/* Scenario accessors and the membership restriction used by sweeps: the
 * first n Members in order of joining form a roster of their own, so that
 * the meeting state machine and the rules see a body of n Members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_internal.h"

/* Appends a CSV field, quoted, with "" for a quote (SPEC.md, members CSV). */
static size_t put_quoted(char *out, size_t pos, const char *text)
{
    out[pos++] = '"';
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            out[pos++] = '"';
        out[pos++] = *p;
    }
    out[pos++] = '"';
    return pos;
}

/* A body of the first n of n_all Members in order of joining is the body
 * on the day its last Member joined: each Member the embedded history knows
 * (same code, same date of joining) is an EU member State and an LDC as on
 * that day (SPEC.md, "Simulations: the model"). The whole roster keeps its
 * own flags. NULL when no dating applies. */
static wv_roster *dated_roster(const wv_scenario *s, uint32_t n)
{
    wv_roster *dated = NULL;
    if (n >= s->n_all || wv_roster_as_of(s->all[n - 1].joined, &dated, NULL) != WV_OK)
        return NULL;
    return dated;
}

static void member_flags(const wv_scenario *s, const wv_roster *dated, uint32_t i, int *eu,
                         int *ldc)
{
    const Wtovote__V1__Member *m = wv_roster_member_at(s->full, s->all[i].roster_index);
    int k = dated ? wv_roster_member_index(dated, m->code) : -1;
    const Wtovote__V1__Member *d = k >= 0 ? wv_roster_member_at(dated, (size_t)k) : NULL;
    if (d != NULL && strcmp(d->joined, m->joined ? m->joined : "") == 0)
        m = d;
    *eu = m->eu_member_state ? 1 : 0;
    *ldc = m->ldc ? 1 : 0;
}

/* EU member States on the body's date: every Member that had joined by the
 * date of the n-th, in the body or not (Art. IX:1 fn 2 counts them all). */
static uint32_t eu_states_due(const wv_scenario *s, const wv_roster *dated, uint32_t n)
{
    uint32_t due = 0;
    for (uint32_t i = 0; i < s->n_all; i++) {
        int eu, ldc;
        if (i >= n && strcmp(s->all[i].joined, s->all[n - 1].joined) != 0)
            break;
        member_flags(s, dated, i, &eu, &ldc);
        due += (uint32_t)eu;
    }
    return due;
}

static wv_status build_active(wv_scenario *s, uint32_t n, wv_roster **out, wv_error *err)
{
    size_t cap = 64 + (size_t)n * (2 * 2 * WV_MAX_STRING_BYTES + 64);
    char *csv = malloc(cap);
    if (csv == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "scenario: out of memory");
    wv_roster *dated = dated_roster(s, n);
    size_t pos = (size_t)snprintf(csv, cap, "code,name,eu_member_state,ldc,joined\n");
    for (uint32_t i = 0; i < n; i++) {
        const Wtovote__V1__Member *m = wv_roster_member_at(s->full, s->all[i].roster_index);
        int eu, ldc;
        member_flags(s, dated, i, &eu, &ldc);
        pos = put_quoted(csv, pos, m->code);
        csv[pos++] = ',';
        pos = put_quoted(csv, pos, m->name ? m->name : "");
        pos += (size_t)snprintf(csv + pos, cap - pos, ",%d,%d,%s\n", eu, ldc,
                                m->joined ? m->joined : "");
    }
    s->eu_states_due = eu_states_due(s, dated, n);
    wv_roster_free(dated);
    wv_status st = wv_roster_from_csv(csv, pos, out, err);
    free(csv);
    if (st != WV_OK)
        wv_error_prefix(err, "scenario: roster of the first %u Members", n);
    return st;
}

wv_status wv_scenario_set_members(wv_scenario *s, uint32_t n, wv_error *err)
{
    if (s == NULL || n < 2 || n > s->n_all)
        return wv_error_set(err, WV_ERR_ARG, "scenario: %u Members asked, 2 to %u possible", n,
                            s ? s->n_all : 0);
    wv_roster *active = NULL;
    uint32_t *index = calloc(n, sizeof *index), *inverse = calloc(n, sizeof *inverse);
    if (index == NULL || inverse == NULL) {
        free(index);
        free(inverse);
        return wv_error_set(err, WV_ERR_NOMEM, "scenario: out of memory");
    }
    wv_status st = build_active(s, n, &active, err);
    for (uint32_t i = 0; i < n && st == WV_OK; i++) {
        int k = wv_roster_member_index(active, s->all[i].code);
        if (k < 0)
            st = wv_error_set(err, WV_ERR_INTERNAL, "scenario: %s lost from the roster",
                              s->all[i].code);
        index[i] = (uint32_t)k;
        if (k >= 0)
            inverse[k] = i;
    }
    if (st != WV_OK) {
        wv_roster_free(active);
        free(index);
        free(inverse);
        return st;
    }
    wv_roster_free(s->active);
    free(s->active_index);
    free(s->by_active);
    s->active = active;
    s->active_index = index;
    s->by_active = inverse;
    s->n = n;
    for (uint32_t i = 0; i < n; i++) /* as on the body's date (dated_roster) */
        s->all[i].eu_state = wv_roster_member_at(active, index[i])->eu_member_state ? 1 : 0;
    return WV_OK;
}

const char *wv_scenario_name(const wv_scenario *s) { return s->name; }
const char *wv_scenario_title(const wv_scenario *s) { return s->title; }
const char *wv_scenario_subject(const wv_scenario *s) { return s->subject; }
uint32_t wv_scenario_members(const wv_scenario *s) { return s->n; }
size_t wv_scenario_procedure_count(const wv_scenario *s) { return s->n_procs; }

const wv_procedure *wv_scenario_procedure(const wv_scenario *s, size_t i)
{
    return i < s->n_procs ? s->procs[i] : NULL;
}

size_t wv_scenario_annotation_count(const wv_scenario *s) { return s->n_annotations; }

const wv_sim_annotation *wv_scenario_annotation(const wv_scenario *s, size_t i)
{
    return i < s->n_annotations ? &s->annotations[i] : NULL;
}

int wv_scenario_default_sweep(const wv_scenario *s, uint32_t *from, uint32_t *to,
                              uint32_t *step)
{
    if (s->sweep_step == 0)
        return 0;
    *from = s->sweep_from;
    *to = s->sweep_to;
    *step = s->sweep_step;
    return 1;
}

const char *wv_scenario_member_code(const wv_scenario *s, uint32_t i)
{
    return i < s->n ? s->all[i].code : NULL;
}
