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
    int vote_direct;       /* GATT 1947 XXV:5: a vote needs no failed consensus */
    int council;           /* IX:3(b) Council stage: recommends or reports */
    int needs_report;      /* IX:3(b) MC / GC stage: on a Council's report */
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
    unsigned bodies;          /* WV_BODY_* bits competent for the row */
    wv_rule_note competence;  /* who decides, with the citation */
};

/* The deciding bodies (body.c); bits of wv_procedure.bodies. */
enum {
    WV_BODY_MC = 1u << 0,      /* ministerial-conference */
    WV_BODY_GC = 1u << 1,      /* general-council */
    WV_BODY_DSB = 1u << 2,     /* dsb */
    WV_BODY_CTG = 1u << 3,     /* goods-council (Annex 1A) */
    WV_BODY_CTS = 1u << 4,     /* services-council (Annex 1B) */
    WV_BODY_TRIPS = 1u << 5,   /* trips-council (Annex 1C) */
    WV_BODY_PLURI = 1u << 6,   /* plurilateral:NAME (Annex 4 committee) */
    WV_BODY_GATT_CP = 1u << 7  /* contracting-parties (GATT 1947) */
};

extern const struct wv_procedure wv_procedure_table[];
extern const size_t wv_procedure_table_size;

#endif
