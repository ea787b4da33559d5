/* The bodies that decide at a meeting, and which procedures each may decide.
 * Competence is a rule of the treaty (one owner: this table and the rows'
 * `bodies`), so the meeting state machine, the verifier replaying a record
 * and the CLI all ask here. Sources: Marrakesh Agreement Arts. IV:1-IV:5,
 * VII:3, IX:2, IX:3, IX:5, X, XII:2; DSU Arts. 2.1, 2.4; GATT 1947 Art. XXV. */
#include <stdio.h>
#include <string.h>

#include "rules/rules_internal.h"

#define PLURI_PREFIX "plurilateral:"
#define PLURI_PREFIX_LEN 13
#define BODY_MAX_LEN 40

static const struct body {
    const char *name, *prefix, *words;
    unsigned bit;
} BODIES[] = {
    {"general-council", "GC", "the General Council", WV_BODY_GC},
    {"ministerial-conference", "MC", "the Ministerial Conference", WV_BODY_MC},
    {"dsb", "DSB", "the Dispute Settlement Body", WV_BODY_DSB},
    {"goods-council", "CTG", "the Council for Trade in Goods", WV_BODY_CTG},
    {"services-council", "CTS", "the Council for Trade in Services", WV_BODY_CTS},
    {"trips-council", "TRIPS", "the Council for TRIPS", WV_BODY_TRIPS},
    {"contracting-parties", "CP", "the CONTRACTING PARTIES to GATT 1947", WV_BODY_GATT_CP},
};
#define N_BODIES (sizeof BODIES / sizeof BODIES[0])

size_t wv_body_count(void) { return N_BODIES; }

const char *wv_body_name_at(size_t i) { return i < N_BODIES ? BODIES[i].name : NULL; }

static const struct body *fixed_body(const char *body)
{
    for (size_t i = 0; body != NULL && i < N_BODIES; i++)
        if (strcmp(body, BODIES[i].name) == 0)
            return &BODIES[i];
    return NULL;
}

static int is_plurilateral(const char *body)
{
    if (body == NULL || strncmp(body, PLURI_PREFIX, PLURI_PREFIX_LEN) != 0 ||
        body[PLURI_PREFIX_LEN] == '\0' || strlen(body) > BODY_MAX_LEN)
        return 0;
    for (const char *p = body + PLURI_PREFIX_LEN; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '-'))
            return 0;
    return 1;
}

static unsigned body_bit(const char *body)
{
    const struct body *b = fixed_body(body);
    return b != NULL ? b->bit : is_plurilateral(body) ? WV_BODY_PLURI : 0;
}

int wv_body_valid(const char *body) { return body_bit(body) != 0; }

const char *wv_body_words(const char *body)
{
    const struct body *b = fixed_body(body);
    return b != NULL ? b->words : is_plurilateral(body) ? "a plurilateral committee" : NULL;
}

const char *wv_body_prefix(const char *body, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    const struct body *b = fixed_body(body);
    if (b != NULL || !is_plurilateral(body)) {
        snprintf(buf, size, "%s", b != NULL ? b->prefix : "");
        return buf;
    }
    size_t n = 0;
    for (const char *p = body + PLURI_PREFIX_LEN; *p && n + 1 < size; p++)
        buf[n++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
    buf[n] = '\0';
    return buf;
}

int wv_procedure_competent(const wv_procedure *p, const char *body)
{
    return p != NULL && (p->bodies & body_bit(body)) != 0;
}

const wv_rule_note *wv_procedure_competence(const wv_procedure *p) { return &p->competence; }

const char *wv_procedure_home_body(const wv_procedure *p)
{
    if (p->bodies & WV_BODY_PLURI)
        return PLURI_PREFIX "agreement";
    for (size_t i = 0; i < N_BODIES; i++)
        if (p->bodies & BODIES[i].bit)
            return BODIES[i].name;
    return NULL;
}
