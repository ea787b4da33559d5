/* Field rules of ChairEvent and the Meeting, Motion, Waiver and Decision it
 * carries (SPEC.md, "Wire format: field rules"). */
#include <stdio.h>
#include <string.h>

#include "wire/wire_internal.h"

typedef Wtovote__V1__ChairKind chair_kind;

static int kind_is(const wv_chair_event *c, chair_kind k)
{
    return c->kind == k;
}

static int kind_has_motion(const wv_chair_event *c)
{
    return kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_TABLE) ||
           kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE);
}

static int kind_has_item(const wv_chair_event *c)
{
    return !kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN) &&
           !kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_CLOSE) &&
           !kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_KEY_ENROL);
}

/* `present` must equal `wanted`: absent -> MISSING_FIELD, extra -> BAD_VALUE. */
static wv_status presence(const char *field, int present, int wanted, int kind, wv_error *err)
{
    if (wanted && !present)
        return wv_error_set(err, WV_ERR_MISSING_FIELD,
                            "ChairEvent.%s: required for kind %d", field, kind);
    if (!wanted && present)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.%s: not allowed for kind %d", field, kind);
    return WV_OK;
}

static wv_status meeting_rules(const wv_chair_event *c, wv_error *err)
{
    const Wtovote__V1__Meeting *m = c->meeting;
    wv_status st = wv_check_id("ChairEvent.meeting.id", m->id, err);
    if (st != WV_OK)
        return st;
    if (strcmp(m->id, c->meeting_id) != 0)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.meeting.id: differs from ChairEvent.meeting_id");
    st = wv_check_id("ChairEvent.meeting.body", m->body, err);
    if (st == WV_OK)
        st = wv_check_text("ChairEvent.meeting.title", m->title, WV_MAX_STRING_BYTES, err);
    if (st == WV_OK)
        st = wv_check_bytes("ChairEvent.meeting.roster_fingerprint", &m->roster_fingerprint, 32,
                            err);
    if (st != WV_OK)
        return st;
    uint32_t num = m->quorum_numerator, den = m->quorum_denominator;
    if (!(num == 0 && den == 0) && !(num > 0 && num < den))
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.meeting.quorum: %u/%u, must be 0/0 or 0 < num < den",
                            num, den);
    /* Proto3 enums are open: any number decodes, so the range is checked. */
    if (m->vote_request_reading != WTOVOTE__V1__VOTE_REQUEST_READING__VOTE_REQUEST_AT_PERIOD_END)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.meeting.vote_request_reading: %d, must be 0 (readings 1 "
                            "and 2 are retired)", (int)m->vote_request_reading);
    if (m->max_clock_skew_seconds > WV_MAX_CLOCK_SKEW)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.meeting.max_clock_skew_seconds: %u, at most %u (a day)",
                            m->max_clock_skew_seconds, WV_MAX_CLOCK_SKEW);
    return wv_check_bytes("ChairEvent.meeting.nonce", &m->nonce, WV_MEETING_NONCE_BYTES, err);
}

static wv_status waiver_rules(const Wtovote__V1__Waiver *w, wv_error *err)
{
    wv_status st = wv_check_text("ChairEvent.motion.waiver.exceptional_circumstances",
                                 w->exceptional_circumstances, WV_MAX_STRING_BYTES, err);
    if (st == WV_OK)
        st = wv_check_text("ChairEvent.motion.waiver.terms_and_conditions",
                           w->terms_and_conditions, WV_MAX_STRING_BYTES, err);
    if (st == WV_OK)
        st = wv_check_date_opt("ChairEvent.motion.waiver.termination_date",
                               w->termination_date, err);
    return st;
}

/* Parties: valid codes, strictly ascending, at most WV_MAX_PARTIES. */
static wv_status parties_rules(const Wtovote__V1__Motion *m, wv_error *err)
{
    char what[64];
    if (m->n_parties > WV_MAX_PARTIES)
        return wv_error_set(err, WV_ERR_TOO_LARGE,
                            "ChairEvent.motion.parties: %zu, over the limit of %u",
                            m->n_parties, WV_MAX_PARTIES);
    for (size_t i = 0; i < m->n_parties; i++) {
        snprintf(what, sizeof what, "ChairEvent.motion.parties[%zu]", i);
        wv_status st = wv_check_code(what, m->parties[i], err);
        if (st != WV_OK)
            return st;
        if (i == 0)
            continue;
        int cmp = strcmp(m->parties[i - 1], m->parties[i]);
        if (cmp == 0)
            return wv_error_set(err, WV_ERR_DUPLICATE_MEMBER, "%s: %s appears twice", what,
                                m->parties[i]);
        if (cmp > 0)
            return wv_error_set(err, WV_ERR_NONCANONICAL,
                                "%s: parties not sorted (%s after %s)", what, m->parties[i],
                                m->parties[i - 1]);
    }
    return WV_OK;
}

/* IX:3(b): the Council report cited by an Annex 1 waiver's motion. */
static wv_status report_rules(const Wtovote__V1__CouncilReport *r, wv_error *err)
{
    wv_status st = wv_check_id("ChairEvent.motion.council_report.meeting_id", r->meeting_id, err);
    if (st == WV_OK)
        st = wv_check_id("ChairEvent.motion.council_report.body", r->body, err);
    if (st == WV_OK)
        st = wv_check_bytes("ChairEvent.motion.council_report.decision_leaf", &r->decision_leaf,
                            32, err);
    if (st != WV_OK)
        return st;
    if (r->item == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD,
                            "ChairEvent.motion.council_report.item: not set");
    if (r->outcome != WTOVOTE__V1__OUTCOME__OUTCOME_RECOMMENDED &&
        r->outcome != WTOVOTE__V1__OUTCOME__OUTCOME_REPORTED)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.motion.council_report.outcome: %d, must be 6 "
                            "(recommended) or 7 (reported)", (int)r->outcome);
    return WV_OK;
}

static wv_status motion_rules(const wv_chair_event *c, wv_error *err)
{
    const Wtovote__V1__Motion *m = c->motion;
    if (m->item != c->item)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.motion.item: %u differs from ChairEvent.item %u",
                            m->item, c->item);
    wv_status st = wv_check_text("ChairEvent.motion.title", m->title, WV_MAX_STRING_BYTES, err);
    if (st == WV_OK)
        st = wv_check_id("ChairEvent.motion.procedure", m->procedure, err);
    if (st == WV_OK && m->waiver != NULL)
        st = waiver_rules(m->waiver, err);
    if (st == WV_OK)
        st = parties_rules(m, err);
    if (st == WV_OK)
        st = wv_check_date_opt("ChairEvent.motion.acceptance_deadline",
                               m->acceptance_deadline, err);
    if (st == WV_OK && m->proponent[0] != '\0')
        st = wv_check_code("ChairEvent.motion.proponent", m->proponent, err);
    if (st == WV_OK && m->council_report != NULL)
        st = report_rules(m->council_report, err);
    return st;
}

static wv_status decision_rules(const wv_chair_event *c, wv_error *err)
{
    const Wtovote__V1__Decision *d = c->decision;
    if (d->item != c->item)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.decision.item: %u differs from ChairEvent.item %u",
                            d->item, c->item);
    wv_status st = wv_check_id("ChairEvent.decision.procedure", d->procedure, err);
    if (st != WV_OK)
        return st;
    if (d->outcome == WTOVOTE__V1__OUTCOME__OUTCOME_UNSPECIFIED)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "ChairEvent.decision.outcome: unspecified");
    if ((int)d->outcome < 1 || (int)d->outcome > 7)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.decision.outcome: %d is not one of 1..7", (int)d->outcome);
    if (d->stage == WTOVOTE__V1__STAGE__STAGE_UNSPECIFIED)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "ChairEvent.decision.stage: unspecified");
    if ((int)d->stage < 1 || (int)d->stage > 3)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.decision.stage: %d is not one of 1..3", (int)d->stage);
    return WV_OK;
}

/* A key enrolled during a meeting: a Member code, an 8-byte key id, a
 * 32-byte public key; valid from its entry on, so no validity fields. */
static wv_status enrolment_rules(const wv_chair_event *c, wv_error *err)
{
    const Wtovote__V1__MemberKey *k = c->enrolment;
    wv_status st = wv_check_code("ChairEvent.enrolment.member", k->member, err);
    if (st == WV_OK)
        st = wv_check_bytes("ChairEvent.enrolment.key_id", &k->key_id, WV_KEY_ID_BYTES, err);
    if (st == WV_OK)
        st = wv_check_bytes("ChairEvent.enrolment.public_key", &k->public_key,
                            WV_PUBLIC_KEY_BYTES, err);
    if (st == WV_OK && (k->valid_from != 0 || k->valid_until != 0 || k->revoked_at != 0))
        st = wv_error_set(err, WV_ERR_BAD_VALUE, "ChairEvent.enrolment: valid_from, "
                          "valid_until and revoked_at must be 0 (valid from its entry on)");
    return st;
}

static wv_status header_rules(const wv_chair_event *c, wv_error *err)
{
    wv_status st = wv_check_version("ChairEvent", c->version, err);
    if (st == WV_OK)
        st = wv_check_id("ChairEvent.meeting_id", c->meeting_id, err);
    if (st != WV_OK)
        return st;
    if (c->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_KIND_UNSPECIFIED)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "ChairEvent.kind: unspecified");
    if ((int)c->kind < 1 || (int)c->kind > 9)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "ChairEvent.kind: %d is not one of 1..9",
                            (int)c->kind);
    if (c->time == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "ChairEvent.time: not set");
    if (c->time < 0)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "ChairEvent.time: %lld is before 1970",
                            (long long)c->time);
    if (kind_has_item(c) && c->item == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD,
                            "ChairEvent.item: kind %d needs an agenda item (1 or more)",
                            (int)c->kind);
    if (!kind_has_item(c) && c->item != 0)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "ChairEvent.item: %u, must be 0 for MEETING_OPEN, MEETING_CLOSE and "
                            "KEY_ENROL",
                            c->item);
    return WV_OK;
}

/* The opening cannot name the hash of itself; everything after it must.
 * Checked last, so that the other fields' rules keep their statuses. */
static wv_status ref_rules(const wv_chair_event *c, wv_error *err)
{
    if (kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN))
        return c->meeting_ref.len == 0
                   ? WV_OK
                   : wv_error_set(err, WV_ERR_BAD_VALUE,
                                  "ChairEvent.meeting_ref: not allowed on MEETING_OPEN");
    return wv_check_bytes("ChairEvent.meeting_ref", &c->meeting_ref, WV_MEETING_REF_BYTES, err);
}

wv_status wv_chair_event_rules(const wv_chair_event *c, wv_error *err)
{
    int k = (int)c->kind;
    wv_status st = header_rules(c, err);
    if (st == WV_OK)
        st = presence("meeting", c->meeting != NULL,
                      kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN), k, err);
    if (st == WV_OK)
        st = presence("motion", c->motion != NULL, kind_has_motion(c), k, err);
    if (st == WV_OK)
        st = presence("decision", c->decision != NULL,
                      kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE), k, err);
    if (st == WV_OK)
        st = presence("enrolment", c->enrolment != NULL,
                      kind_is(c, WTOVOTE__V1__CHAIR_KIND__CHAIR_KEY_ENROL), k, err);
    if (st == WV_OK && c->meeting != NULL)
        st = meeting_rules(c, err);
    if (st == WV_OK && c->enrolment != NULL)
        st = enrolment_rules(c, err);
    if (st == WV_OK && c->motion != NULL)
        st = motion_rules(c, err);
    if (st == WV_OK && c->decision != NULL)
        st = decision_rules(c, err);
    if (st == WV_OK && c->nonce.len != 0)
        st = wv_check_bytes("ChairEvent.nonce", &c->nonce, WV_ACT_NONCE_BYTES, err);
    if (st == WV_OK)
        st = ref_rules(c, err);
    return st;
}
