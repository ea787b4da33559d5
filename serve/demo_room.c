/* `wtovote serve --demo`: the room on disk. The embedded roster with a
 * fresh key for the Secretariat and for every Member, signed; a record in
 * DIR/record whose meeting is open with an Art. IX:3(a) waiver tabled.
 *
 * Time: a waiver's vote may be taken only once the consensus period of
 * Art. IX:3(a) has run (at most 90 days; the rule's 90 here). The demo's
 * meeting is therefore opened and the waiver tabled 90 days (and a minute)
 * before the room meets, as the record states: the room is the sitting at
 * the end of the period, where consensus is called a last time and the
 * vote taken. No other time is moved. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo_internal.h"
#include "wtovote/session.h"
#include "wtovote/util.h"

#define PERIOD_DAYS 90
#define DAY INT64_C(86400)

void demo_say(const wv_demo *d, const char *fmt, ...)
{
    if (d->cfg.say == NULL)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    d->cfg.say(d->cfg.say_ctx, line);
}

int demo_member(const wv_demo *d, const char *code)
{
    for (uint32_t i = 0; code != NULL && i < d->n; i++)
        if (strcmp(wv_scenario_member_code(d->scenario, i), code) == 0)
            return (int)i;
    return -1;
}

static wv_status load_model(wv_demo *d, wv_error *err)
{
    const char *json = wv_scenario_builtin_json(DEMO_SCENARIO);
    wv_status st = json ? wv_roster_default(&d->roster, err)
                        : wv_error_set(err, WV_ERR_INTERNAL, "demo: no scenario %s",
                                       DEMO_SCENARIO);
    if (st == WV_OK)
        st = wv_scenario_parse(json, strlen(json), d->roster, &d->scenario, err);
    size_t k = 0;
    while (st == WV_OK && k < wv_scenario_procedure_count(d->scenario) &&
           strcmp(wv_procedure_id(wv_scenario_procedure(d->scenario, k)), DEMO_PROCEDURE) != 0)
        k++;
    if (st == WV_OK && k == wv_scenario_procedure_count(d->scenario))
        st = wv_error_set(err, WV_ERR_INTERNAL, "demo: %s has no procedure %s", DEMO_SCENARIO,
                          DEMO_PROCEDURE);
    if (st == WV_OK)
        st = wv_sim_room_new(d->scenario, k, d->cfg.seed, &d->room, err);
    return st;
}

static wv_status alloc_members(wv_demo *d, wv_error *err)
{
    d->n = wv_scenario_members(d->scenario);
    d->keys = calloc(d->n, sizeof *d->keys);
    d->roster_index = calloc(d->n, sizeof *d->roster_index);
    d->human = calloc(d->n, 1);
    d->requested = calloc(d->n, 1);
    d->snap.present = calloc(d->n, 1);
    d->snap.voted = calloc(d->n, 1);
    if (!d->keys || !d->roster_index || !d->human || !d->requested || !d->snap.present ||
        !d->snap.voted)
        return wv_error_set(err, WV_ERR_NOMEM, "demo: out of memory");
    return WV_OK;
}

/* A key per Member in the roster, which the Secretariat signs. */
static wv_status make_keys(wv_demo *d, wv_error *err)
{
    wv_status st = wv_secret_key_generate(&d->sec, err);
    for (uint32_t i = 0; i < d->n && st == WV_OK; i++) {
        const char *code = wv_scenario_member_code(d->scenario, i);
        int r = wv_roster_member_index(d->roster, code);
        wv_public_key pub;
        if (r < 0)
            return wv_error_set(err, WV_ERR_INTERNAL, "demo: %s not in the roster", code);
        d->roster_index[i] = (uint32_t)r;
        st = wv_secret_key_generate(&d->keys[i], err);
        if (st == WV_OK) {
            wv_secret_key_public(d->keys[i], &pub);
            st = wv_roster_add_key(d->roster, code, &pub, 0, 0, err);
        }
    }
    return st == WV_OK ? wv_roster_sign(d->roster, d->sec, err) : st;
}

/* DIR/secretariat.key (unencrypted, 0600) and .pub: to resume the record
 * with `wtovote serve DIR/record -s DIR/secretariat.key`. */
static wv_status write_secretariat(const wv_demo *d, wv_error *err)
{
    char kp[4200], pp[4200], *ktext = NULL, *ptext = NULL;
    wv_public_key pub;
    wv_secret_key_public(d->sec, &pub);
    snprintf(kp, sizeof kp, "%s/secretariat.key", d->cfg.dir);
    snprintf(pp, sizeof pp, "%s/secretariat.pub", d->cfg.dir);
    wv_status st = wv_secret_key_format(d->sec, NULL, &ktext, err);
    if (st == WV_OK)
        st = wv_public_key_format(&pub, &ptext, err);
    if (st == WV_OK) {
        wv_file_part pair[2] = {{kp, ktext, strlen(ktext), 0600},
                                {pp, ptext, strlen(ptext), 0644}};
        st = wv_file_write_pair_atomic(pair, WV_WRITE_EXCLUSIVE, err);
    }
    if (ktext != NULL)
        wv_secure_free_string(ktext);
    free(ptext);
    return st;
}

static wv_status open_and_table(wv_demo *d, int64_t now, wv_error *err)
{
    int64_t opened = now - PERIOD_DAYS * DAY - 60;
    char date[16], ends[16];
    wv_date_format(now, date, sizeof date);
    wv_date_format(now + 365 * DAY, ends, sizeof ends);
    snprintf(d->meeting_id, sizeof d->meeting_id, "DEMO-GC-%s", date);
    snprintf(d->record, sizeof d->record, "%s/record", d->cfg.dir);
    wv_meeting_setup setup = {.id = d->meeting_id, .body = "general-council",
                              .title = "Demo room: a General Council"};
    wv_motion_input mo = {.item = DEMO_ITEM, .title = wv_scenario_subject(d->scenario),
                          .procedure = DEMO_PROCEDURE, .proponent = "IND",
                          .circumstances = "a public-health emergency (demo room)",
                          .terms = "as drafted in the request (demo room)",
                          .termination = ends};
    wv_chair_input table = {.kind = WV_CHAIR_MOTION_TABLE, .item = DEMO_ITEM,
                            .time = opened + 60, .motion = &mo};
    wv_session *session = NULL;
    wv_status st = wv_session_create(d->record, d->roster, d->sec, NULL, &setup, opened, NULL,
                                     &session, NULL, err);
    if (st == WV_OK)
        st = wv_session_chair(session, &table, NULL, err);
    wv_session_close(session);
    return st;
}

wv_status wv_demo_new(const wv_demo_config *cfg, wv_demo **out, wv_error *err)
{
    *out = NULL;
    wv_demo *d = calloc(1, sizeof *d);
    if (d == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "demo: out of memory");
    d->cfg = *cfg;
    d->cfg.pace_seconds = cfg->pace_seconds ? cfg->pace_seconds : 20;
    d->cfg.wait_seconds = cfg->wait_seconds ? cfg->wait_seconds : 300;
    pthread_mutex_init(&d->mu, NULL);
    pthread_cond_init(&d->cv, NULL);
    int64_t now = cfg->now ? cfg->now : (int64_t)time(NULL);
    wv_status st = load_model(d, err);
    if (st == WV_OK)
        st = alloc_members(d, err);
    if (st == WV_OK)
        st = make_keys(d, err);
    if (st == WV_OK)
        st = write_secretariat(d, err);
    if (st == WV_OK)
        st = open_and_table(d, now, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "demo: %s", cfg->dir);
        wv_demo_free(d);
        return st;
    }
    *out = d;
    return WV_OK;
}

const char *wv_demo_record(const wv_demo *d)
{
    return d->record;
}

const wv_secret_key *wv_demo_secretariat(const wv_demo *d)
{
    return d->sec;
}
