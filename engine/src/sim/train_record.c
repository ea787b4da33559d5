/* A training session as a signed record in the format of real meetings
 * (engine/record): fresh Ed25519 keys for the Secretariat and for every
 * delegation taking part, the roster signed, each step of the session sealed
 * in an envelope and appended through wv_record_append_many (which checks
 * keys, signatures and the meeting state machine before writing). The
 * delegations' secret keys are discarded: the record proves what the
 * session did, not who typed it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/train_internal.h"
#include "wtovote/record.h"

typedef struct writer {
    const wv_train *t;
    wv_roster *roster;
    wv_secret_key *secretariat;
    wv_secret_key **keys; /* per s->all[i], i < n */
    wv_record *rec;
    char meeting_id[WV_MAX_ID_BYTES];
    uint8_t fingerprint[32];
    uint8_t **envs;
    size_t *lens;
    size_t n_envs;
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
    if (st == WV_OK)
        wv_roster_fingerprint(w->roster, w->fingerprint);
    return st;
}

static void writer_free(writer *w)
{
    for (size_t i = 0; i < w->n_envs; i++)
        free(w->envs[i]);
    free(w->envs);
    free(w->lens);
    if (w->keys)
        for (uint32_t i = 0; i < w->t->s->n; i++)
            wv_secret_key_free(w->keys[i]);
    free(w->keys);
    wv_secret_key_free(w->secretariat);
    wv_record_close(w->rec);
    wv_roster_free(w->roster);
}

static wv_status flush(writer *w, wv_error *err)
{
    if (w->n_envs == 0)
        return WV_OK;
    wv_append_result *res = calloc(w->n_envs, sizeof *res);
    if (res == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "train: out of memory");
    wv_status st = wv_record_append_many(w->rec, (const uint8_t *const *)w->envs, w->lens,
                                         w->n_envs, 0, res, NULL, err);
    for (size_t i = 0; i < w->n_envs && st == WV_OK; i++)
        if (res[i].status != WV_OK) {
            st = res[i].status;
            if (err != NULL) {
                *err = res[i].error;
                wv_error_prefix(err, "train: record entry refused");
            }
        }
    wv_append_results_clear(res, w->n_envs);
    free(res);
    for (size_t i = 0; i < w->n_envs; i++)
        free(w->envs[i]);
    w->n_envs = 0;
    return st;
}

static wv_status queue(writer *w, Wtovote__V1__BodyType type, const ProtobufCMessage *body,
                       const wv_secret_key *sk, wv_error *err)
{
    uint8_t *env = NULL;
    size_t len = 0;
    wv_status st = wv_envelope_seal(type, body, sk, &env, &len, err);
    if (st != WV_OK)
        return st;
    w->envs[w->n_envs] = env;
    w->lens[w->n_envs++] = len;
    return WV_OK;
}

static wv_status chair_step(writer *w, const train_step *s, wv_error *err)
{
    const wv_train *t = w->t;
    Wtovote__V1__ChairEvent ev;
    Wtovote__V1__Meeting mt;
    Wtovote__V1__Motion mo;
    wv_decision_msg dm;
    wtovote__v1__chair_event__init(&ev);
    ev.version = 1;
    ev.meeting_id = w->meeting_id;
    ev.kind = (Wtovote__V1__ChairKind)s->kind;
    ev.time = s->time;
    ev.item = s->kind == WV_CHAIR_MEETING_OPEN || s->kind == WV_CHAIR_MEETING_CLOSE ? 0 : 1;
    if (s->kind == WV_CHAIR_MEETING_OPEN) {
        wtovote__v1__meeting__init(&mt);
        mt.id = w->meeting_id;
        mt.body = "general-council";
        mt.title = (char *)t->s->title;
        mt.roster_fingerprint.data = w->fingerprint;
        mt.roster_fingerprint.len = sizeof w->fingerprint;
        ev.meeting = &mt;
    } else if (s->kind == WV_CHAIR_MOTION_TABLE || s->kind == WV_CHAIR_MOTION_REVISE) {
        mo = t->pl.motion; /* procedure, period, waiver terms, deadline */
        mo.title = (char *)s->text;
        ev.motion = &mo;
    } else if (s->kind == WV_CHAIR_DECIDE) {
        wv_status st = flush(w, err);
        if (st != WV_OK)
            return st;
        wv_decision d;
        st = wv_meeting_decide_preview(wv_record_meeting(w->rec), 1, s->time, &d, &dm, NULL, err);
        if (st != WV_OK)
            return st;
        ev.decision = &dm;
    }
    return queue(w, WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT, &ev.base, w->secretariat, err);
}

static wv_status act_step(writer *w, const train_step *s, wv_error *err)
{
    Wtovote__V1__Act a;
    wtovote__v1__act__init(&a);
    a.version = 1;
    a.meeting_id = w->meeting_id;
    a.member = (char *)w->t->s->all[s->member].code;
    a.kind = (Wtovote__V1__ActKind)s->kind;
    a.item = s->kind == WV_ACT_ATTEND || s->kind == WV_ACT_LEAVE ? 0 : 1;
    a.choice = (Wtovote__V1__Choice)s->choice;
    a.eu_bloc = s->bloc;
    a.time = s->time;
    if (s->kind == WV_ACT_STATEMENT)
        a.statement = (char *)s->text;
    return queue(w, WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base, w->keys[s->member], err);
}

wv_status wv_train_write_record(const wv_train *t, const char *dir, wv_error *err)
{
    if (t == NULL || dir == NULL)
        return wv_error_set(err, WV_ERR_ARG, "train: session and directory needed");
    writer w = {.t = t};
    snprintf(w.meeting_id, sizeof w.meeting_id, "training-%.40s", t->s->name);
    w.envs = calloc(t->n_steps + 1, sizeof *w.envs);
    w.lens = calloc(t->n_steps + 1, sizeof *w.lens);
    wv_status st = w.envs && w.lens ? make_keys(&w, err)
                                     : wv_error_set(err, WV_ERR_NOMEM, "train: out of memory");
    if (st == WV_OK)
        st = wv_record_create(dir, w.roster, w.secretariat, NULL, w.meeting_id, err);
    if (st == WV_OK)
        st = wv_record_open(dir, w.secretariat, NULL, NULL, &w.rec, err);
    for (size_t i = 0; i < t->n_steps && st == WV_OK; i++)
        st = t->steps[i].chair ? chair_step(&w, &t->steps[i], err)
                               : act_step(&w, &t->steps[i], err);
    if (st == WV_OK && t->n_steps > 0) {
        train_step close = {.chair = 1, .kind = WV_CHAIR_MEETING_CLOSE,
                            .time = t->steps[t->n_steps - 1].time};
        st = chair_step(&w, &close, err);
    }
    if (st == WV_OK)
        st = flush(&w, err);
    writer_free(&w);
    return st;
}
