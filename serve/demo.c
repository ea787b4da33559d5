/* `wtovote serve --demo`: the room played. One thread, a tick every 250 ms:
 * read the log's new entries (which seats browser delegations took, who of
 * them asked for a vote), take a snapshot of the meeting, let the model's
 * delegations do what the stage admits (a few each tick, so that the board
 * fills as a room does), then let the automated chair move on when the
 * browser delegations have acted or the pace has run out.
 *
 * Every act is signed with its Member's own key and goes through
 * srv_submit, every chair event through srv_chair_request: the paths a
 * posted act and a chair request take. The model's choices are
 * wv_sim_room's (engine/sim), the meeting's answers the state machine's. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo_internal.h"
#include "wtovote/session.h"

#define TICK_MS 250
#define STEP_TICKS 8      /* the model's acts of one step spread over ~2 s */
#define CLOSE_PAUSE 2     /* seconds between the decision and the close */

static const char *code_of(const wv_demo *d, uint32_t i)
{
    return wv_scenario_member_code(d->scenario, i);
}

/* ------------------------------------------------------------ reading */

/* The JSON of an entry's event ("id: N\nevent: entry\ndata: {...}\n"). */
static json_t *event_json(const char *text)
{
    const char *data = text ? strstr(text, "\ndata: ") : NULL;
    if (data == NULL)
        return NULL;
    data += 7;
    return json_loadb(data, strcspn(data, "\n"), 0, NULL);
}

static void take_seat(wv_demo *d, int i)
{
    if (i < 0 || d->human[i])
        return;
    d->human[i] = 1;
    wv_sim_room_release(d->room, (uint32_t)i);
    demo_say(d, "%s is now played from a browser (its key is enrolled)", code_of(d, (uint32_t)i));
}

/* Enrolments (whoever confirmed them) and the browser delegations' vote
 * requests, from the entries not read yet. */
static void scan_log(wv_demo *d)
{
    for (;;) {
        char *text = NULL;
        pthread_mutex_lock(&d->srv->rec_mu);
        if (d->scanned < d->srv->n)
            text = strdup(d->srv->events[d->scanned++]);
        int more = text != NULL;
        pthread_mutex_unlock(&d->srv->rec_mu);
        if (!more)
            return;
        json_t *j = event_json(text);
        const char *kind = json_string_value(json_object_get(j, "kind"));
        int i = demo_member(d, json_string_value(json_object_get(j, "member")));
        if (kind != NULL && strcmp(kind, "key-enrol") == 0)
            take_seat(d, i);
        if (kind != NULL && strcmp(kind, "request-vote") == 0 && i >= 0 && d->human[i])
            d->requested[i] = 1;
        json_decref(j);
        free(text);
    }
}

static void snapshot(wv_demo *d)
{
    demo_snapshot *s = &d->snap;
    wv_meeting_info mi;
    wv_item_info it;
    pthread_mutex_lock(&d->srv->rec_mu);
    const wv_meeting *m = wv_session_meeting(d->srv->session);
    wv_meeting_get_info(m, &mi);
    int index = wv_meeting_item_find(m, DEMO_ITEM);
    if (index < 0 || wv_meeting_item_at(m, (size_t)index, &it) != 0)
        memset(&it, 0, sizeof it);
    for (uint32_t i = 0; i < d->n; i++) {
        wv_position p = index < 0 ? WV_POS_ABSENT
                                  : wv_meeting_position(m, (size_t)index, d->roster_index[i]);
        s->present[i] = (uint8_t)wv_meeting_is_present(m, d->roster_index[i]);
        s->voted[i] = p == WV_POS_YES || p == WV_POS_NO || p == WV_POS_ABSTAIN;
    }
    pthread_mutex_unlock(&d->srv->rec_mu);
    s->closed = mi.closed;
    s->stage = it.stage;
    s->objections = it.objections;
    s->vote_requests = it.vote_requests;
    s->eu_bloc = it.eu_bloc;
}

/* ------------------------------------------------------------ acting */

static int post_act(wv_demo *d, uint32_t i, wv_act_kind kind, wv_choice choice, int bloc)
{
    wv_act_input a = {.kind = kind, .member = code_of(d, i),
                      .item = kind == WV_ACT_ATTEND ? 0 : DEMO_ITEM, .choice = choice,
                      .eu_bloc = bloc, .time = (int64_t)time(NULL)};
    uint8_t *env = NULL;
    size_t len = 0;
    wv_append_result r;
    memset(&r, 0, sizeof r);
    pthread_mutex_lock(&d->srv->rec_mu); /* the meeting id and meeting_ref */
    r.status = wv_act_seal_for(d->srv->rec, &a, d->keys[i], &env, &len, &r.error);
    pthread_mutex_unlock(&d->srv->rec_mu);
    if (r.status == WV_OK)
        srv_submit(d->srv, env, len, &r);
    free(env);
    free(r.receipt);
    if (r.status != WV_OK)
        demo_say(d, "the model's %s by %s was refused: %s", wv_act_kind_noun(kind),
                 code_of(d, i), r.error.message);
    return r.status == WV_OK;
}

static int chair_do(wv_demo *d, const char *action)
{
    char json[32];
    snprintf(json, sizeof json, strcmp(action, "close") ? "{\"item\": %d}" : "{}", DEMO_ITEM);
    wv_append_result r;
    srv_chair_request(d->srv, action, json, strlen(json), &r);
    free(r.receipt);
    if (r.status == WV_OK)
        demo_say(d, "chair: %s (entry %llu)", action, (unsigned long long)r.index);
    else
        demo_say(d, "chair: %s refused: %s", action, r.error.message);
    return r.status == WV_OK;
}

/* The automated chair confirms each key presented for a seat not yet
 * taken; a person at /chair would compare the fingerprint first. */
static void confirm_keys(wv_demo *d)
{
    char fp[65], member[WV_MAX_CODE_BYTES + 1];
    for (;;) {
        int found = 0;
        pthread_mutex_lock(&d->srv->rec_mu);
        for (size_t k = 0; k < d->srv->n_pending_keys && !found; k++) {
            int i = demo_member(d, d->srv->pending_keys[k].member);
            if (i >= 0 && !d->human[i]) {
                snprintf(fp, sizeof fp, "%s", d->srv->pending_keys[k].fingerprint);
                snprintf(member, sizeof member, "%s", d->srv->pending_keys[k].member);
                found = 1;
            }
        }
        pthread_mutex_unlock(&d->srv->rec_mu);
        if (!found)
            return;
        char json[128];
        snprintf(json, sizeof json, "{\"fingerprint\": \"%s\"}", fp);
        wv_append_result r;
        srv_chair_request(d->srv, "enrol", json, strlen(json), &r);
        free(r.receipt);
        if (r.status != WV_OK) {
            demo_say(d, "chair: the key for %s was not enrolled: %s", member, r.error.message);
            return;
        }
        demo_say(d, "chair: enrolled a key for %s (fingerprint %.16s...)", member, fp);
        take_seat(d, demo_member(d, member));
    }
}

/* How many of the model's acts per tick: a step's over ~STEP_TICKS ticks. */
static uint32_t batch(const wv_demo *d)
{
    return d->n / STEP_TICKS + 1;
}

static void play_attendance(wv_demo *d)
{
    for (uint32_t done = 0; d->attend_next < d->n && done < batch(d); d->attend_next++) {
        uint32_t i = d->attend_next;
        if (d->human[i] || d->snap.present[i] || !wv_sim_room_attends(d->room, i))
            continue;
        done += (uint32_t)post_act(d, i, WV_ACT_ATTEND, WV_CHOICE_NONE, 0);
    }
}

static void sync_presence(wv_demo *d)
{
    for (uint32_t i = 0; i < d->n; i++)
        wv_sim_room_set_present(d->room, i, d->snap.present[i]);
}

/* Objections, then (WT/L/93) perhaps one vote request. */
static void play_consensus(wv_demo *d)
{
    sync_presence(d);
    if (d->object_next < d->n) {
        for (uint32_t done = 0; d->object_next < d->n && done < batch(d); d->object_next++) {
            uint32_t i = d->object_next;
            if (d->human[i] || !wv_sim_room_objects(d->room, i))
                continue;
            done += (uint32_t)post_act(d, i, WV_ACT_OBJECT, WV_CHOICE_NONE, 0);
        }
        return;
    }
    if (d->request_done)
        return;
    d->request_done = 1;
    if (d->snap.objections == 0 || d->snap.vote_requests > 0)
        return;
    int who = wv_sim_room_vote_requester(d->room);
    if (who >= 0 && post_act(d, (uint32_t)who, WV_ACT_REQUEST_VOTE, WV_CHOICE_NONE, 0))
        demo_say(d, "%s requests a vote (WT/L/93)", code_of(d, (uint32_t)who));
}

/* The EU first: its bloc then stands for its member States (Art. IX:1
 * fn 2). */
static void play_ballots(wv_demo *d)
{
    int eu = wv_sim_room_eu(d->room), bloc = 0;
    if (d->ballot_next == 0 && eu >= 0 && !d->human[eu] && d->snap.present[eu]) {
        wv_choice c = wv_sim_room_ballot(d->room, (uint32_t)eu, 0, &bloc);
        if (c != WV_CHOICE_NONE)
            d->bloc_cast = post_act(d, (uint32_t)eu, WV_ACT_VOTE, c, bloc) && bloc;
    }
    for (uint32_t done = 0; d->ballot_next < d->n && done < batch(d); d->ballot_next++) {
        uint32_t i = d->ballot_next;
        if ((int)i == eu || d->human[i] || !d->snap.present[i] || d->snap.voted[i])
            continue;
        int cast = d->bloc_cast || d->snap.eu_bloc != WV_CHOICE_NONE;
        wv_choice c = wv_sim_room_ballot(d->room, i, cast, &bloc);
        if (c != WV_CHOICE_NONE)
            done += (uint32_t)post_act(d, i, WV_ACT_VOTE, c, bloc);
    }
}

static void play(wv_demo *d)
{
    if (d->attend_go && d->attend_next < d->n)
        play_attendance(d);
    else if (d->snap.stage == WV_ITEM_CONSENSUS)
        play_consensus(d);
    else if (d->snap.stage == WV_ITEM_VOTING)
        play_ballots(d);
}

/* ------------------------------------------------------------ the chair */

/* 1 when there is a browser delegation present and each present one has
 * done what `done` says. */
static int browsers_done(const wv_demo *d, const uint8_t *done)
{
    uint32_t present = 0;
    for (uint32_t i = 0; i < d->n; i++) {
        if (!d->human[i] || !d->snap.present[i])
            continue;
        if (!done[i])
            return 0;
        present++;
    }
    return present > 0;
}

static void say_decision(wv_demo *d)
{
    wv_item_info it;
    pthread_mutex_lock(&d->srv->rec_mu);
    const wv_meeting *m = wv_session_meeting(d->srv->session);
    int index = wv_meeting_item_find(m, DEMO_ITEM);
    if (index >= 0 && wv_meeting_item_at(m, (size_t)index, &it) == 0 && it.decision != NULL)
        demo_say(d, "decided: %s (%s): yes %u, no %u, abstain %u%s, %u present",
                 wv_outcome_name(it.decision->outcome), wv_stage_name(it.decision->stage),
                 it.decision->yes, it.decision->no, it.decision->abstain,
                 it.eu_bloc != WV_CHOICE_NONE ? " (EU bloc included)" : "",
                 it.present);
    pthread_mutex_unlock(&d->srv->rec_mu);
}

static void decide(wv_demo *d, int64_t now)
{
    chair_do(d, "decide");
    say_decision(d);
    d->phase = PH_DECIDED;
    d->step_at = now;
}

static void run_chair(wv_demo *d)
{
    int64_t now = (int64_t)time(NULL), pace = d->cfg.pace_seconds;
    switch (d->phase) {
    case PH_SEATING:
        if (browsers_done(d, d->snap.present) || now >= d->step_at + d->cfg.wait_seconds) {
            demo_say(d, "the simulated delegations take their seats");
            d->attend_go = 1;
            d->phase = PH_ATTENDING;
        }
        break;
    case PH_ATTENDING:
        if (d->attend_next >= d->n && chair_do(d, "consensus-call")) {
            d->phase = PH_CONSENSUS;
            d->step_at = now;
        }
        break;
    case PH_CONSENSUS:
        if (!d->request_done ||
            (now < d->step_at + pace && !browsers_done(d, d->requested)))
            break;
        if (chair_do(d, "vote-open")) {
            d->phase = PH_VOTING;
            d->step_at = now;
        } else {
            decide(d, now);
        }
        break;
    case PH_VOTING:
        if (d->ballot_next < d->n ||
            (now < d->step_at + pace && !browsers_done(d, d->snap.voted)))
            break;
        chair_do(d, "vote-close");
        decide(d, now);
        break;
    case PH_DECIDED:
        if (now >= d->step_at + CLOSE_PAUSE) {
            chair_do(d, "close");
            d->phase = PH_DONE;
        }
        break;
    case PH_DONE:
        break;
    }
}

/* ------------------------------------------------------------ the thread */

/* Waits one tick; 1 when asked to stop. */
static int wait_tick(wv_demo *d)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += TICK_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&d->mu);
    if (!d->quit)
        pthread_cond_timedwait(&d->cv, &d->mu, &until);
    int quit = d->quit;
    pthread_mutex_unlock(&d->mu);
    return quit;
}

static void *run(void *arg)
{
    wv_demo *d = arg;
    d->phase = PH_SEATING;
    d->step_at = (int64_t)time(NULL);
    d->attend_go = d->cfg.manual_chair; /* a person chairs: the room is seated at once */
    while (!wait_tick(d)) {
        scan_log(d);
        if (!d->cfg.manual_chair)
            confirm_keys(d);
        snapshot(d);
        if (d->snap.closed) {
            demo_say(d, "the meeting is closed; the record stays served until Ctrl-C");
            break;
        }
        play(d);
        if (!d->cfg.manual_chair)
            run_chair(d);
    }
    return NULL;
}

wv_status wv_demo_start(wv_demo *d, wv_srv *s, wv_error *err)
{
    d->srv = s;
    if (pthread_create(&d->thread, NULL, run, d) != 0)
        return wv_error_set(err, WV_ERR_INTERNAL, "demo: cannot start its thread");
    d->started = 1;
    return WV_OK;
}

void wv_demo_free(wv_demo *d)
{
    if (d == NULL)
        return;
    if (d->started) {
        pthread_mutex_lock(&d->mu);
        d->quit = 1;
        pthread_cond_signal(&d->cv);
        pthread_mutex_unlock(&d->mu);
        pthread_join(d->thread, NULL);
    }
    for (uint32_t i = 0; d->keys != NULL && i < d->n; i++)
        wv_secret_key_free(d->keys[i]);
    free(d->keys);
    wv_secret_key_free(d->sec);
    wv_sim_room_free(d->room);
    wv_scenario_free(d->scenario);
    wv_roster_free(d->roster);
    free(d->roster_index);
    free(d->human);
    free(d->requested);
    free(d->snap.present);
    free(d->snap.voted);
    pthread_mutex_destroy(&d->mu);
    pthread_cond_destroy(&d->cv);
    free(d);
}
