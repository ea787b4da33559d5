/* Accessors over the procedure table, and the integer threshold arithmetic. */
#include <string.h>

#include "rules/rules_internal.h"

size_t wv_procedure_count(void) { return wv_procedure_table_size; }

const wv_procedure *wv_procedure_at(size_t index)
{
    return index < wv_procedure_table_size ? &wv_procedure_table[index] : NULL;
}

const wv_procedure *wv_procedure_find(const char *id)
{
    if (id == NULL)
        return NULL;
    for (size_t i = 0; i < wv_procedure_table_size; i++)
        if (strcmp(wv_procedure_table[i].id, id) == 0)
            return &wv_procedure_table[i];
    return NULL;
}

const char *wv_procedure_id(const wv_procedure *p) { return p->id; }
const char *wv_procedure_title(const wv_procedure *p) { return p->title; }
const char *wv_procedure_citation(const wv_procedure *p) { return p->citation; }
const char *wv_procedure_summary(const wv_procedure *p) { return p->summary; }
int wv_procedure_has_consensus_phase(const wv_procedure *p) { return !p->acceptance; }
int wv_procedure_allows_vote(const wv_procedure *p) { return p->allows_vote; }
int wv_procedure_vote_needs_request(const wv_procedure *p) { return p->wtl93; }
int wv_procedure_vote_without_consensus(const wv_procedure *p) { return p->vote_direct; }
int wv_procedure_is_council_report(const wv_procedure *p) { return p->council; }
int wv_procedure_needs_council_report(const wv_procedure *p) { return p->needs_report; }
int wv_procedure_is_acceptance(const wv_procedure *p) { return p->acceptance; }
int wv_procedure_parties_only(const wv_procedure *p) { return p->parties_only; }
int wv_procedure_is_reverse_consensus(const wv_procedure *p) { return p->reverse; }
int wv_procedure_needs_waiver_terms(const wv_procedure *p) { return p->needs_terms; }
uint32_t wv_procedure_max_consensus_days(const wv_procedure *p) { return p->period_days; }
int wv_procedure_is_gatt1947(const wv_procedure *p) { return p->gatt1947; }

const char *wv_procedure_base_words(const wv_procedure *p)
{
    return p->gatt1947 ? "contracting parties" : p->parties_only ? "parties" : "Members";
}

/* WT/L/161 is the General Council's rules of procedure: for a GATT 1947
 * session, a plurilateral body or a Council's IX:3(b) consideration its
 * quorum default is applied by analogy. */
const char *wv_procedure_quorum_citation(const wv_procedure *p)
{
    if (p->acceptance)
        return NULL;
    return p->gatt1947 || p->parties_only || p->council
               ? "WT/L/161 by analogy (quorum, configurable)"
                                          : "WT/L/161 (quorum, configurable)";
}

size_t wv_procedure_stage_count(const wv_procedure *p) { return p->n_stages; }

const wv_stage_info *wv_procedure_stage_at(const wv_procedure *p, size_t i)
{
    return i < p->n_stages ? &p->stages[i] : NULL;
}

const wv_threshold *wv_procedure_threshold(const wv_procedure *p)
{
    return p->threshold.den ? &p->threshold : NULL;
}

const wv_threshold *wv_procedure_extra_limb(const wv_procedure *p)
{
    return p->limb.den ? &p->limb : NULL;
}

size_t wv_procedure_condition_count(const wv_procedure *p) { return p->n_conditions; }

const wv_rule_note *wv_procedure_condition_at(const wv_procedure *p, size_t i)
{
    return i < p->n_conditions ? &p->conditions[i] : NULL;
}

const wv_rule_note *wv_procedure_eligibility(const wv_procedure *p) { return &p->eligibility; }

/* Smallest x with x*den >= num*base (strict: x*den > num*base). */
uint32_t wv_threshold_required(const wv_threshold *th, uint32_t base)
{
    uint64_t prod = (uint64_t)th->num * base;
    uint64_t x = th->strict ? prod / th->den + 1 : (prod + th->den - 1) / th->den;
    return (uint32_t)x;
}

int wv_threshold_met(const wv_threshold *th, uint32_t count, uint32_t base)
{
    uint64_t lhs = (uint64_t)count * th->den, rhs = (uint64_t)th->num * base;
    return th->strict ? lhs > rhs : lhs >= rhs;
}

const char *wv_base_name(wv_base b)
{
    switch (b) {
    case WV_BASE_VOTES_CAST: return "votes cast";
    case WV_BASE_MEMBERS: return "Members";
    case WV_BASE_PRESENT: return "Members present";
    case WV_BASE_PARTIES: return "parties";
    default: return "none";
    }
}

static const char *const vote_request_names[WV_VOTE_REQUEST_READINGS] = {"period-end"};

const char *wv_vote_request_name(int reading)
{
    return reading >= 0 && reading < WV_VOTE_REQUEST_READINGS ? vote_request_names[reading]
                                                               : "unknown";
}

int wv_vote_request_parse(const char *name)
{
    for (int i = 0; i < WV_VOTE_REQUEST_READINGS; i++)
        if (name != NULL && strcmp(name, vote_request_names[i]) == 0)
            return i;
    return -1;
}

/* Readings offered before issue 14, and why each was dropped. */
const char *wv_vote_request_retired(const char *name)
{
    static const struct { const char *name, *why; } retired[] = {
        {"shortens", "a General Council decision (WT/L/93) cannot shorten the consensus "
                     "period the Agreement sets (Art. IX:3(a))"},
        {"after-period", "it is now the one reading, named period-end (WT/L/93; Art. IX:3(a))"},
        {"required", "WT/L/93 has the matter decided by vote wherever consensus cannot be "
                     "reached, with or without a request"},
    };
    for (size_t i = 0; name != NULL && i < sizeof retired / sizeof retired[0]; i++)
        if (strcmp(name, retired[i].name) == 0)
            return retired[i].why;
    return NULL;
}

const char *wv_outcome_name(wv_outcome o)
{
    static const char *const names[] = {"none",    "adopted",   "rejected",   "blocked",
                                        "pending", "no-quorum", "recommended", "reported"};
    return (unsigned)o < sizeof names / sizeof names[0] ? names[o] : "unknown";
}

const char *wv_stage_name(wv_stage s)
{
    static const char *const names[] = {"none", "consensus", "vote", "acceptance"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}
