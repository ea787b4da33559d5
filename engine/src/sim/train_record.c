/* A training session as a signed record in the format of real meetings
 * (engine/record): fresh Ed25519 keys for the Secretariat and for every
 * delegation taking part, the roster signed, each step of the session sealed
 * in an envelope and appended through the session layer (which checks
 * keys, signatures and the meeting state machine before writing). The
 * delegations' secret keys are discarded: the record proves what the
 * session did, not who typed it. Every entry goes through the session
 * layer (engine/session), like a real meeting's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/train_internal.h"
#include "wtovote/session.h"

typedef struct writer {
    const wv_train *t;
    wv_roster *roster;
    wv_secret_key *secretariat;
    wv_secret_key **keys; /* per s->all[i], i < n */
    wv_session *session;
    char meeting_id[WV_MAX_ID_BYTES];
    int64_t now;          /* the session's clock: the step being written */
} writer;

static wv_status make_keys(writer *w, wv_error *err)
{
    const wv_scenario *s = w->t->s;
    uint8_t *buf = NULL;
    size_t len = 0;
    wv_status st = wv_roster_encode(s->active, &buf, &len, err);
    if (st == WV_OK)
        st = wv_roster_decode(buf, len, &w->roster, err);
    free(buf);
    if (st == WV_OK)
        st = wv_secret_key_generate(&w->secretariat, err);
    w->keys = calloc(s->n, sizeof *w->keys);
    if (st == WV_OK && w->keys == NULL)
        st = wv_error_set(err, WV_ERR_NOMEM, "train: out of memory");
    for (uint32_t i = 0; i < s->n && st == WV_OK; i++) {
        wv_public_key pub;
        st = wv_secret_key_generate(&w->keys[i], err);
        if (st != WV_OK)
            break;
        wv_secret_key_public(w->keys[i], &pub);
        st = wv_roster_add_key(w->roster, s->all[i].code, &pub, 0, 0, err);
    }
    if (st == WV_OK)
        st = wv_roster_sign(w->roster, w->secretariat, err);
    return st;
}

static void writer_free(writer *w)
{
    if (w->keys)
        for (uint32_t i = 0; i < w->t->s->n; i++)
            wv_secret_key_free(w->keys[i]);
    free(w->keys);
    wv_session_close(w->session);
    wv_secret_key_free(w->secretariat);
    wv_roster_free(w->roster);
}

static int64_t step_clock(void *ctx)
{
    return ((const writer *)ctx)->now;
}

/* The simulator's motion (a wire message) as a session input. */
static void motion_input(const wv_motion_msg *m, const char *title, wv_motion_input *out)
{
    memset(out, 0, sizeof *out);
    out->item = 1;
    out->title = title;
    out->procedure = m->procedure;
    out->consensus_period_days = m->consensus_period_days;
    out->acceptance_deadline = m->acceptance_deadline;
    out->parties = (const char *const *)m->parties;
    out->n_parties = m->n_parties;
    if (m->waiver != NULL) {
        out->circumstances = m->waiver->exceptional_circumstances;
        out->terms = m->waiver->terms_and_conditions;
        out->termination = m->waiver->termination_date;
        out->transition_obligation = m->waiver->transition_obligation;
    }
    const Wtovote__V1__CouncilReport *r = m->council_report; /* IX:3(b) */
    if (r != NULL) {
        out->report_meeting = r->meeting_id;
        out->report_body = r->body;
        out->report_item = r->item;
        out->report_outcome = (wv_outcome)r->outcome;
        out->report_leaf = r->decision_leaf.data;
    }
}

static wv_status open_step(writer *w, const char *dir, const train_step *s, wv_error *err)
{
    /* a body competent for the procedure (Arts. IV, IX, X, XII; DSU 2.4) */
    wv_meeting_setup setup = {.id = w->meeting_id, .body = wv_procedure_home_body(w->t->p),
                              .title = w->t->s->title};
    wv_session_options opt = {.clock = step_clock, .clock_ctx = w};
    return wv_session_create(dir, w->roster, w->secretariat, NULL, &setup, s->time, &opt,
                             &w->session, NULL, err);
}

static wv_status chair_step(writer *w, const train_step *s, wv_error *err)
{
    wv_motion_input mo;
    wv_chair_input in = {.kind = (wv_chair_kind)s->kind, .time = s->time};
    in.item = s->kind == WV_CHAIR_MEETING_CLOSE ? 0 : 1;
    if (s->kind == WV_CHAIR_MOTION_TABLE || s->kind == WV_CHAIR_MOTION_REVISE) {
        motion_input(&w->t->pl.motion, s->text, &mo);
        in.motion = &mo;
    }
    return wv_session_chair(w->session, &in, NULL, err);
}

static wv_status act_step(writer *w, const train_step *s, wv_error *err)
{
    wv_act_input a = {.kind = (wv_act_kind)s->kind, .member = w->t->s->all[s->member].code,
                      .choice = (wv_choice)s->choice, .eu_bloc = s->bloc, .time = s->time};
    a.item = s->kind == WV_ACT_ATTEND || s->kind == WV_ACT_LEAVE ? 0 : 1;
    if (s->kind == WV_ACT_STATEMENT)
        a.statement = s->text;
    return wv_session_queue_act(w->session, &a, w->keys[s->member], err);
}

static wv_status write_step(writer *w, const char *dir, const train_step *s, wv_error *err)
{
    w->now = s->time;
    if (w->session == NULL)
        return s->chair && s->kind == WV_CHAIR_MEETING_OPEN
                   ? open_step(w, dir, s, err)
                   : wv_error_set(err, WV_ERR_ARG, "train: the session does not open the "
                                  "meeting first");
    return s->chair ? chair_step(w, s, err) : act_step(w, s, err);
}

wv_status wv_train_write_record(const wv_train *t, const char *dir, wv_error *err)
{
    if (t == NULL || dir == NULL)
        return wv_error_set(err, WV_ERR_ARG, "train: session and directory needed");
    writer w = {.t = t};
    snprintf(w.meeting_id, sizeof w.meeting_id, "training-%.40s", t->s->name);
    wv_status st = make_keys(&w, err);
    for (size_t i = 0; i < t->n_steps && st == WV_OK; i++)
        st = write_step(&w, dir, &t->steps[i], err);
    if (st == WV_OK && t->n_steps > 0) {
        train_step close = {.chair = 1, .kind = WV_CHAIR_MEETING_CLOSE,
                            .time = t->steps[t->n_steps - 1].time};
        st = write_step(&w, dir, &close, err);
    }
    if (st == WV_OK && w.session != NULL)
        st = wv_session_commit(w.session, err);
    if (st != WV_OK && err != NULL)
        wv_error_prefix(err, "train: record entry refused");
    writer_free(&w);
    return st;
}
