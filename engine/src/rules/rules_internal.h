/* engine/rules internals: the layout of one row of the procedure table. */
#ifndef WV_RULES_INTERNAL_H
#define WV_RULES_INTERNAL_H

#include "wtovote/pb.h"
#include "wtovote/rules.h"

#define WV_MAX_STAGES 3
#define WV_MAX_CONDITIONS 3

struct wv_procedure {
    const char *id, *title, *citation, *summary;
    wv_stage_info stages[WV_MAX_STAGES];
    size_t n_stages;
    /* consensus phase */
    const char *consensus_cite; /* the definition of consensus applied */
    uint32_t period_days;       /* 0: no period */
    wv_period_kind period;
    const char *period_cite;
    /* what may follow a failed consensus */
    int allows_vote;       /* else consensus only: an objection blocks */
    int wtl93;             /* WT/L/93: a Member may request a vote */
    int request_shortens;  /* the request may cut the period short */
    int acceptance;        /* Art. X acceptances over time, no meeting */
    int reverse;           /* DSU reverse (negative) consensus */
    int parties_only;      /* IX:5 */
    int needs_terms;       /* IX:4 */
    int fn4;               /* IX:3 fn 4 may make it consensus only */
    int gatt1947;          /* GATT 1947: contracting parties, one vote each
                              (XXV:3), so no EU bloc (IX:1 fn 2 is WTO law) */
    const char *effect;    /* acceptance rows: who is bound on entry into force */
    wv_threshold threshold, limb;
    wv_rule_note conditions[WV_MAX_CONDITIONS];
    size_t n_conditions;
    wv_rule_note eligibility;
};

extern const struct wv_procedure wv_procedure_table[];
extern const size_t wv_procedure_table_size;

#endif
