/* engine/session: plain C inputs to signed envelopes. The only place that
 * fills the generated Act / ChairEvent structures for a writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "session/session_internal.h"

static char *text(const char *s)
{
    return (char *)(s != NULL ? s : "");
}

/* The nonce an input gives, or 16 fresh random bytes. */
static ProtobufCBinaryData fill_nonce(const uint8_t *given, uint8_t buf[WV_ACT_NONCE_BYTES])
{
    if (given != NULL)
        memcpy(buf, given, WV_ACT_NONCE_BYTES);
    else
        randombytes_buf(buf, WV_ACT_NONCE_BYTES);
    return (ProtobufCBinaryData){WV_ACT_NONCE_BYTES, buf};
}

wv_status wv_act_seal(const wv_act_input *in, const char *meeting_id, const wv_secret_key *sk,
                      uint8_t **out, size_t *out_len, wv_error *err)
{
    *out = NULL;
    if (in == NULL || meeting_id == NULL || sk == NULL || in->member == NULL)
        return wv_error_set(err, WV_ERR_ARG, "act: member, meeting and key needed");
    wv_act a;
    wtovote__v1__act__init(&a);
    a.version = WV_WIRE_VERSION;
    a.meeting_id = (char *)meeting_id;
    a.member = (char *)in->member;
    a.kind = (Wtovote__V1__ActKind)in->kind;
    a.item = in->item;
    a.choice = (Wtovote__V1__Choice)in->choice;
    a.eu_bloc = in->eu_bloc != 0;
    a.time = in->time;
    a.statement = text(in->statement);
    uint8_t nonce[WV_ACT_NONCE_BYTES];
    if (!in->no_nonce)
        a.nonce = fill_nonce(in->nonce, nonce);
    if (in->meeting_ref != NULL)
        a.meeting_ref = (ProtobufCBinaryData){WV_MEETING_REF_BYTES, (uint8_t *)in->meeting_ref};
    return wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base, sk, out, out_len, err);
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The wire format wants the parties sorted: a sorted copy of the pointers. */
/* IX:3(b): the Council report an Annex 1 waiver is decided on. */
static void report_msg(const wv_motion_input *in, Wtovote__V1__CouncilReport *r)
{
    wtovote__v1__council_report__init(r);
    r->meeting_id = text(in->report_meeting);
    r->body = text(in->report_body);
    r->item = in->report_item;
    r->outcome = (Wtovote__V1__Outcome)in->report_outcome;
    if (in->report_leaf != NULL)
        r->decision_leaf = (ProtobufCBinaryData){32, (uint8_t *)in->report_leaf};
}

static wv_status motion_msg(const wv_motion_input *in, wv_motion_msg *mo,
                            Wtovote__V1__Waiver *w, Wtovote__V1__CouncilReport *r,
                            wv_error *err)
{
    wtovote__v1__motion__init(mo);
    mo->item = in->item;
    mo->title = text(in->title);
    mo->procedure = text(in->procedure);
    mo->proponent = text(in->proponent);
    mo->consensus_period_days = in->consensus_period_days;
    mo->acceptance_deadline = text(in->acceptance_deadline);
    if (in->circumstances || in->terms || in->termination || in->transition_obligation) {
        wtovote__v1__waiver__init(w);
        w->exceptional_circumstances = text(in->circumstances);
        w->terms_and_conditions = text(in->terms);
        w->termination_date = text(in->termination);
        w->transition_obligation = in->transition_obligation != 0;
        mo->waiver = w;
    }
    if (in->report_meeting != NULL) {
        report_msg(in, r);
        mo->council_report = r;
    }
    if (in->n_parties == 0)
        return WV_OK;
    mo->parties = malloc(in->n_parties * sizeof *mo->parties);
    if (mo->parties == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "motion: out of memory");
    for (size_t i = 0; i < in->n_parties; i++)
        mo->parties[i] = (char *)in->parties[i];
    qsort(mo->parties, in->n_parties, sizeof *mo->parties, cmp_code);
    mo->n_parties = in->n_parties;
    return WV_OK;
}

static void meeting_msg(const wv_meeting_setup *in, const char *meeting_id,
                        const wv_roster *roster, uint8_t fp[32],
                        uint8_t nonce[WV_MEETING_NONCE_BYTES], wv_meeting_msg *mt)
{
    wtovote__v1__meeting__init(mt);
    mt->id = (char *)meeting_id;
    mt->body = text(in->body);
    mt->title = text(in->title);
    if (roster != NULL) {
        wv_roster_fingerprint(roster, fp);
        mt->roster_fingerprint.data = fp;
        mt->roster_fingerprint.len = 32;
    }
    mt->quorum_numerator = in->quorum_num;
    mt->quorum_denominator = in->quorum_den;
    mt->vote_request_reading = (Wtovote__V1__VoteRequestReading)in->vote_request;
    mt->max_clock_skew_seconds = in->max_clock_skew;
    if (in->meeting_nonce != NULL)
        memcpy(nonce, in->meeting_nonce, WV_MEETING_NONCE_BYTES);
    else
        wv_meeting_nonce_new(nonce);
    mt->nonce = (ProtobufCBinaryData){WV_MEETING_NONCE_BYTES, nonce};
}

static void decision_msg(const wv_published_decision *d, uint32_t item, wv_decision_msg *msg)
{
    wtovote__v1__decision__init(msg);
    msg->item = item;
    msg->procedure = text(d->procedure);
    msg->outcome = (Wtovote__V1__Outcome)d->outcome;
    msg->stage = (Wtovote__V1__Stage)d->stage;
    msg->required = d->required;
    msg->members = d->members;
    msg->present = d->present;
    msg->objections = d->objections;
    msg->yes = d->yes;
    msg->no = d->no;
    msg->abstain = d->abstain;
    msg->acceptances = d->acceptances;
    msg->required_of_votes_cast = d->required_of_votes_cast;
    msg->required_of_members = d->required_of_members;
}

wv_status wv_chair_event_build(const wv_chair_input *in, const char *meeting_id,
                               const wv_roster *roster, const wv_decision_msg *derived,
                               const wv_secret_key *sk, uint8_t **out, size_t *out_len,
                               wv_error *err)
{
    *out = NULL;
    if (in == NULL || meeting_id == NULL || sk == NULL)
        return wv_error_set(err, WV_ERR_ARG, "chair event: meeting and key needed");
    wv_chair_event ev;
    wv_meeting_msg mt;
    wv_motion_msg mo;
    wv_decision_msg dm;
    Wtovote__V1__Waiver w;
    Wtovote__V1__CouncilReport r;
    Wtovote__V1__MemberKey mk;
    uint8_t fp[32], meeting_nonce[WV_MEETING_NONCE_BYTES];
    wtovote__v1__chair_event__init(&ev);
    wtovote__v1__motion__init(&mo);
    ev.version = WV_WIRE_VERSION;
    ev.meeting_id = (char *)meeting_id;
    ev.kind = (Wtovote__V1__ChairKind)in->kind;
    ev.time = in->time;
    ev.item = in->item;
    uint8_t nonce[WV_ACT_NONCE_BYTES];
    if (!in->no_nonce)
        ev.nonce = fill_nonce(in->nonce, nonce);
    if (in->meeting_ref != NULL && in->kind != WV_CHAIR_MEETING_OPEN)
        ev.meeting_ref = (ProtobufCBinaryData){WV_MEETING_REF_BYTES, (uint8_t *)in->meeting_ref};
    wv_status st = WV_OK;
    if (in->kind == WV_CHAIR_MEETING_OPEN && in->meeting != NULL) {
        meeting_msg(in->meeting, meeting_id, roster, fp, meeting_nonce, &mt);
        ev.meeting = &mt;
    } else if ((in->kind == WV_CHAIR_MOTION_TABLE || in->kind == WV_CHAIR_MOTION_REVISE) &&
               in->motion != NULL) {
        st = motion_msg(in->motion, &mo, &w, &r, err);
        ev.motion = &mo;
        ev.item = mo.item;
    } else if (in->kind == WV_CHAIR_KEY_ENROL && in->enrol_key != NULL) {
        wtovote__v1__member_key__init(&mk);
        mk.member = text(in->enrol_member);
        mk.key_id = (ProtobufCBinaryData){WV_KEY_ID_BYTES, (uint8_t *)in->enrol_key->key_id};
        mk.public_key = (ProtobufCBinaryData){WV_PUBLIC_KEY_BYTES, (uint8_t *)in->enrol_key->pk};
        ev.enrolment = &mk;
    } else if (in->kind == WV_CHAIR_DECIDE && (derived != NULL || in->decision != NULL)) {
        if (derived == NULL)
            decision_msg(in->decision, in->item, &dm);
        ev.decision = derived != NULL ? (wv_decision_msg *)derived : &dm;
    }
    if (st == WV_OK)
        st = wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT, &ev.base, sk, out,
                              out_len, err);
    free(mo.parties);
    return st;
}

wv_status wv_chair_seal(const wv_chair_input *in, const char *meeting_id,
                        const wv_roster *roster, const wv_secret_key *sk, uint8_t **out,
                        size_t *out_len, wv_error *err)
{
    return wv_chair_event_build(in, meeting_id, roster, NULL, sk, out, out_len, err);
}

wv_status wv_act_peek(const uint8_t *env, size_t len, wv_act_summary *out, wv_error *err)
{
    memset(out, 0, sizeof *out);
    wv_entry e;
    wv_status st = wv_entry_decode(env, len, &e, err);
    if (st == WV_OK && e.act == NULL)
        st = wv_error_set(err, WV_ERR_BODY_TYPE, "not an act: a chair event");
    if (st == WV_OK) {
        out->kind = (wv_act_kind)e.act->kind;
        snprintf(out->member, sizeof out->member, "%s", e.act->member);
        snprintf(out->meeting_id, sizeof out->meeting_id, "%s", e.act->meeting_id);
        out->item = e.act->item;
        out->time = e.act->time;
    }
    wv_entry_free(&e);
    return st;
}
