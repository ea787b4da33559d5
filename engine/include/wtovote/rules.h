/* engine/rules: the procedure table and the decision function.
 * Pure and integer-only: no I/O, no allocation in wv_rules_decide, no
 * floating point. Contract shared by meeting, sim, record and the CLI.
 * Citations: every row and every explanation step carries its treaty
 * reference (Marrakesh Agreement, DSU, WT/L/93, GATT 1947). */
#ifndef WTOVOTE_RULES_H
#define WTOVOTE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Values equal the wire format's Outcome / Stage / Choice enums. */
typedef enum wv_outcome {
    WV_OUTCOME_NONE = 0,
    WV_OUTCOME_ADOPTED = 1,
    WV_OUTCOME_REJECTED = 2,
    WV_OUTCOME_BLOCKED = 3,   /* a consensus-only rule met an objection */
    WV_OUTCOME_PENDING = 4,   /* no decision yet (period running, acceptances short) */
    WV_OUTCOME_NO_QUORUM = 5,
    /* Art. IX:3(b): the Council for Trade in Goods, in Services or for TRIPS
     * considers a waiver request and reports to the Ministerial Conference.
     * Its consensus is a recommendation, never a grant; a period run out
     * without consensus is a report without one. */
    WV_OUTCOME_RECOMMENDED = 6,
    WV_OUTCOME_REPORTED = 7
} wv_outcome;

typedef enum wv_stage {
    WV_STAGE_NONE = 0,
    WV_STAGE_CONSENSUS = 1,
    WV_STAGE_VOTE = 2,
    WV_STAGE_ACCEPTANCE = 3
} wv_stage;

typedef enum wv_choice {
    WV_CHOICE_NONE = 0,
    WV_CHOICE_YES = 1,
    WV_CHOICE_NO = 2,
    WV_CHOICE_ABSTAIN = 3
} wv_choice;

typedef struct wv_procedure wv_procedure; /* a row of the table (opaque) */

WV_EXPORT size_t wv_procedure_count(void);
WV_EXPORT const wv_procedure *wv_procedure_at(size_t index);
WV_EXPORT const wv_procedure *wv_procedure_find(const char *id); /* NULL if unknown */
WV_EXPORT const char *wv_procedure_id(const wv_procedure *p);     /* "waiver" */
WV_EXPORT const char *wv_procedure_title(const wv_procedure *p);  /* "Waiver (Art. IX:3(a))" */
WV_EXPORT const char *wv_procedure_citation(const wv_procedure *p);
/* Shape of the procedure, used by the meeting state machine. */
WV_EXPORT int wv_procedure_has_consensus_phase(const wv_procedure *p);
WV_EXPORT int wv_procedure_allows_vote(const wv_procedure *p);     /* vote after consensus fails */
/* WT/L/93 applies (waiver, waiver-annex1, accession): consensus is sought
 * first and a Member may request a vote at the time of decision; the request
 * takes effect when the consensus period has run (SPEC "Interpretive
 * choices"). */
WV_EXPORT int wv_procedure_vote_needs_request(const wv_procedure *p); /* WT/L/93: a Member may ask */
/* GATT 1947 Art. XXV:5 waivers: decided by vote (also postal or telegraphic
 * ballots), with no mandatory consensus stage; a consensus call is optional. */
WV_EXPORT int wv_procedure_vote_without_consensus(const wv_procedure *p);
/* Art. IX:3(b), Council stage: the Council considers and reports; it never
 * grants (outcomes recommended / reported). */
WV_EXPORT int wv_procedure_is_council_report(const wv_procedure *p);
/* Art. IX:3(b), MC / GC stage: decided on a Council's report, which the
 * Motion cites (council_report). */
WV_EXPORT int wv_procedure_needs_council_report(const wv_procedure *p);
WV_EXPORT int wv_procedure_is_acceptance(const wv_procedure *p);   /* Art. X acceptances over time */
WV_EXPORT int wv_procedure_parties_only(const wv_procedure *p);    /* IX:5 / DSU 2.1 */
WV_EXPORT int wv_procedure_is_reverse_consensus(const wv_procedure *p); /* DSU 6.1, 16.4, 17.14, 22.6 */
WV_EXPORT int wv_procedure_needs_waiver_terms(const wv_procedure *p);   /* IX:4 */
WV_EXPORT uint32_t wv_procedure_max_consensus_days(const wv_procedure *p); /* 0: no period */
/* A GATT 1947 procedure (historical training mode): contracting parties with
 * one vote each (GATT 1947 Art. XXV:3); an EU bloc (Art. IX:1 fn 2, a WTO
 * rule) is impossible input. */
WV_EXPORT int wv_procedure_is_gatt1947(const wv_procedure *p);
/* Who the base counts: "Members", "parties" (IX:5) or "contracting parties"
 * (GATT 1947). */
WV_EXPORT const char *wv_procedure_base_words(const wv_procedure *p);
/* Citation of the quorum applied at a meeting ("WT/L/161 ...", "by analogy"
 * for GATT 1947 and plurilateral bodies); NULL for Art. X acceptances. */
WV_EXPORT const char *wv_procedure_quorum_citation(const wv_procedure *p);

/* --- Description of a row, for `wtovote rules list/explain` (additive). --- */
typedef enum wv_base {
    WV_BASE_NONE = 0,
    WV_BASE_VOTES_CAST = 1, /* yes + no; abstentions are not votes cast */
    WV_BASE_MEMBERS = 2,    /* all Members (the treaty denominator) */
    WV_BASE_PRESENT = 3,    /* Members present */
    WV_BASE_PARTIES = 4     /* parties to a plurilateral agreement (IX:5) */
} wv_base;

/* count meets the threshold when count*den >= num*base (strict: >). */
typedef struct wv_threshold {
    uint32_t num, den;    /* den == 0: no threshold */
    wv_base base;
    int strict;
    const char *words;    /* "three-fourths of the Members" */
    const char *citation; /* "Art. IX:3" */
} wv_threshold;

/* How the consensus period is bounded. */
typedef enum wv_period_kind {
    WV_PERIOD_NONE = 0,
    WV_PERIOD_AT_MOST = 1, /* IX:3: "not exceeding 90 days" */
    WV_PERIOD_AT_LEAST = 2 /* X:1: 90 days "or such longer period" */
} wv_period_kind;

typedef struct wv_stage_info {
    wv_stage stage;
    uint32_t days;        /* consensus period, 0 when none */
    wv_period_kind period;
    const char *text;
    const char *citation;
} wv_stage_info;

typedef struct wv_rule_note {
    const char *text;
    const char *citation;
} wv_rule_note;

WV_EXPORT const char *wv_procedure_summary(const wv_procedure *p);
WV_EXPORT size_t wv_procedure_stage_count(const wv_procedure *p);
WV_EXPORT const wv_stage_info *wv_procedure_stage_at(const wv_procedure *p, size_t i);
/* The threshold of the vote (or of the acceptances); NULL when none. */
WV_EXPORT const wv_threshold *wv_procedure_threshold(const wv_procedure *p);
/* A second limb that must also be met (VII:3, GATT XXV:5); NULL when none. */
WV_EXPORT const wv_threshold *wv_procedure_extra_limb(const wv_procedure *p);
/* Consensus-only conditions (IX:3 fn 4, X:8, X:9, DSU 2.4, ...). */
WV_EXPORT size_t wv_procedure_condition_count(const wv_procedure *p);
WV_EXPORT const wv_rule_note *wv_procedure_condition_at(const wv_procedure *p, size_t i);
/* Who takes part: "all Members" or "parties only", with citation. */
WV_EXPORT const wv_rule_note *wv_procedure_eligibility(const wv_procedure *p);
/* Smallest count meeting th for the given base (integer arithmetic). */
WV_EXPORT uint32_t wv_threshold_required(const wv_threshold *th, uint32_t base);
WV_EXPORT int wv_threshold_met(const wv_threshold *th, uint32_t count, uint32_t base);
WV_EXPORT const char *wv_base_name(wv_base b); /* "votes cast", "Members", ... */

/* Settings where the reference is UNCONFIRMED (SPEC.md says the defaults). */
typedef struct wv_rules_config {
    /* Quorum: present * quorum_den > members * quorum_num. Default 1/2
     * (a majority of the Members; WT/L/161, UNCONFIRMED). 0/0 = default. */
    uint32_t quorum_num, quorum_den;
    int explain; /* fill wv_decision.steps (the simulator turns it off) */
    /* WT/L/93 reading; 0 = the default and, since issue 14, the only one. */
    int vote_request;
} wv_rules_config;

enum {
    /* A vote request takes effect when the consensus period has run without
     * consensus (WT/L/93 cannot shorten the period Art. IX:3(a) sets); with
     * no period (accession, XII:2) at once. Consensus may still adopt the
     * item earlier. Wherever consensus cannot be reached, a vote follows
     * with or without a request (WT/L/93). */
    WV_VOTE_REQUEST_AT_PERIOD_END = 0,
    WV_VOTE_REQUEST_READINGS = 1 /* number of readings */
};
/* "period-end" (the CLI's name; the same number as the signed Meeting's
 * vote_request_reading); "unknown" otherwise. */
WV_EXPORT const char *wv_vote_request_name(int reading);
/* The reading named `name`, or -1 (also for the retired "shortens",
 * "after-period" and "required"; wv_vote_request_retired says why). */
WV_EXPORT int wv_vote_request_parse(const char *name);
/* Why a retired reading name was dropped, with its citation; NULL when the
 * name was never a reading. */
WV_EXPORT const char *wv_vote_request_retired(const char *name);

/* ---- Bodies and their competence (Arts. IV, IX:2, IX:3, IX:5, VII:3,
 * X, XII:2; DSU 2.1, 2.4; GATT 1947 XXV). A body is one of the names
 * below or "plurilateral:NAME" (the committee of a plurilateral agreement,
 * Annex 4; NAME of letters, digits and '-', at most 40 bytes in all). ---- */
WV_EXPORT size_t wv_body_count(void); /* the fixed bodies */
/* "general-council", ...; NULL past the end */
WV_EXPORT const char *wv_body_name_at(size_t i);
/* 1 for a fixed body or plurilateral:NAME */
WV_EXPORT int wv_body_valid(const char *body);
/* "the General Council", "a plurilateral committee", ...; NULL if invalid. */
WV_EXPORT const char *wv_body_words(const char *body);
/* Default meeting-id prefix: "GC", "MC", "DSB", "CTG", ..., or NAME
 * upper-cased for plurilateral:NAME. Writes at most size bytes. */
WV_EXPORT const char *wv_body_prefix(const char *body, char *buf, size_t size);
/* 1 when `body` may decide an item under p. */
WV_EXPORT int wv_procedure_competent(const wv_procedure *p, const char *body);
/* Who may decide under p, with the citation: {"the Ministerial Conference
 * and the General Council exclusively", "Art. IX:2"}. */
WV_EXPORT const wv_rule_note *wv_procedure_competence(const wv_procedure *p);
/* A body competent for p (the first listed): what a simulation opens. */
WV_EXPORT const char *wv_procedure_home_body(const wv_procedure *p);

/* What happened on one item, as counts. */
typedef struct wv_tally {
    uint32_t members;      /* the base: all Members, or the parties (IX:5) */
    uint32_t present;      /* Members (parties) present */
    uint32_t objections;   /* formal objections by Members present; for a
                              reverse-consensus item, objections to the
                              negative decision */
    uint32_t yes, no, abstain; /* ballots by individual Members */
    wv_choice eu_bloc;     /* the EU casting its bloc, or NONE */
    int vote_requested;    /* a Member asked for a vote (WT/L/93) */
    int vote_held;         /* the ballots above come from a vote */
    uint32_t days_elapsed; /* since the item was tabled */
    uint32_t consensus_period_days; /* the period set, 0 = the rule's max */
    int transition_obligation; /* IX:3 fn 4 */
    int waiver_terms_complete; /* IX:4 fields all present */
    uint32_t acceptances;  /* Art. X acceptances deposited */
    int deadline_passed;   /* Art. X acceptance period over */
    uint32_t eu_states;    /* EU member States among the Members (the
                              roster's count): the bloc's votes, "the number
                              of the member States" (IX:1 fn 2); needed with
                              eu_bloc */
} wv_tally;

#define WV_MAX_STEPS 12
typedef struct wv_step {
    char citation[48];   /* "Art. IX:3" */
    char text[200];      /* "three-fourths of the Members: 125 of 166 needed; 130 yes: adopted" */
} wv_step;

typedef struct wv_decision {
    wv_outcome outcome;
    wv_stage stage;
    uint32_t required;   /* votes or acceptances needed */
    int has_required;    /* 0 when no number applies (consensus) */
    uint32_t yes, no, abstain; /* with the EU bloc folded in */
    /* Two-limb rows (VII:3, GATT XXV:5) at the vote stage: both limbs,
     * each the yes votes it needs; the votes-cast limb is known only once
     * a vote is held (0 and votes_cast_known = 0 before). */
    int two_limbs;
    uint32_t required_of_votes_cast, required_of_members;
    int votes_cast_known;
    size_t n_steps;
    wv_step steps[WV_MAX_STEPS];
} wv_decision;

/* Decides an item from counts. WV_ERR_IMPOSSIBLE (with the impossible
 * number named) when the counts cannot occur. */
WV_EXPORT wv_status wv_rules_decide(const wv_procedure *p, const wv_rules_config *cfg,
                                    const wv_tally *t, wv_decision *out,
                                    wv_error *err) WV_WARN_UNUSED;

/* 1 when, for this tally, a vote may now be opened: the rule allows a vote,
 * consensus failed (an objection, or a request under WT/L/93; not needed for
 * a GATT 1947 waiver, XXV:5) and the consensus period is over (a request
 * never shortens it). cfg may be NULL. Counts are not validated. */
WV_EXPORT int wv_rules_vote_allowed(const wv_procedure *p, const wv_rules_config *cfg,
                                    const wv_tally *t);

/* Art. IX:4 review dates of a waiver granted at `granted` and terminating at
 * `terminates` (Unix seconds, UTC; only the dates count): one year after
 * grant, then annually, each strictly before termination; none when the
 * waiver lasts one year or less. 29 February maps to 28 February in common
 * years ("not later than one year"). Writes min(total, cap) dates to out,
 * the total to *n. WV_ERR_ARG when terminates is not after granted. */
WV_EXPORT wv_status wv_waiver_review_dates(int64_t granted, int64_t terminates, int64_t *out,
                                           size_t cap, size_t *n, wv_error *err) WV_WARN_UNUSED;

WV_EXPORT const char *wv_outcome_name(wv_outcome o); /* "adopted", "no-quorum", ... */
WV_EXPORT const char *wv_stage_name(wv_stage s);     /* "consensus", "vote", "acceptance" */

#ifdef __cplusplus
}
#endif
#endif
