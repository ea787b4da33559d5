/* Starting and stopping a server: open the record (replaying it into the
 * ledger), draw the chair token, start the committer and the daemon; stop
 * in the order that keeps every acknowledgement true. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srv_internal.h"
#include "wtovote/util.h"

static void draw_token(wv_srv *s)
{
    uint8_t raw[WV_SRV_TOKEN_HEX / 2];
    randombytes_buf(raw, sizeof raw);
    wv_hex(raw, sizeof raw, s->token);
    sodium_memzero(raw, sizeof raw);
}

static wv_srv *srv_new(const wv_srv_config *cfg)
{
    wv_srv *s = calloc(1, sizeof *s);
    if (s == NULL || (s->votes = calloc(WV_MEETING_MAX_ITEMS, sizeof *s->votes)) == NULL ||
        (s->pending_keys = calloc(SRV_MAX_PENDING_KEYS, sizeof *s->pending_keys)) == NULL) {
        if (s != NULL)
            free(s->votes);
        free(s);
        return NULL;
    }
    s->cfg = *cfg;
    pthread_mutex_init(&s->q_mu, NULL);
    pthread_cond_init(&s->q_cv, NULL);
    pthread_mutex_init(&s->rec_mu, NULL);
    pthread_cond_init(&s->grew_cv, NULL);
    return s;
}

wv_status wv_srv_start(const wv_srv_config *cfg, wv_srv **out, wv_error *err)
{
    *out = NULL;
    if (sodium_init() < 0)
        return wv_error_set(err, WV_ERR_INTERNAL, "libsodium failed to initialise");
    wv_srv *s = srv_new(cfg);
    if (s == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "serve: out of memory");
    wv_session_options opt = {.visit = srv_ledger_visit, .admitted = srv_ledger_visit,
                              .visit_ctx = s};
    wv_status st = wv_session_open(cfg->record, cfg->sk, &opt, &s->session, err);
    if (st == WV_OK)
        s->rec = wv_session_record(s->session);
    if (st == WV_OK && wv_record_recovery_message(s->rec) != NULL)
        s->recovery = strdup(wv_record_recovery_message(s->rec));
    if (st == WV_OK)
        st = srv_ledger_publish(s, err);
    draw_token(s);
    if (st == WV_OK)
        st = srv_committer_start(s, err);
    if (st == WV_OK)
        st = srv_http_start(s, err);
    if (st != WV_OK) {
        wv_srv_stop(s);
        return st;
    }
    *out = s;
    return WV_OK;
}

uint16_t wv_srv_port(const wv_srv *s)
{
    return s->port;
}

const char *wv_srv_token(const wv_srv *s)
{
    return s->token;
}

const char *wv_srv_recovery_message(const wv_srv *s)
{
    return s->recovery;
}

/* New posts are refused first, then the queue drains (every queued act
 * answered: durable and checkpointed, or refused), then open streams end,
 * then the daemon and the record close. */
void wv_srv_stop(wv_srv *s)
{
    if (s == NULL)
        return;
    srv_committer_stop(s);
    pthread_mutex_lock(&s->rec_mu);
    s->closed = 1;
    pthread_cond_broadcast(&s->grew_cv);
    pthread_mutex_unlock(&s->rec_mu);
    srv_http_stop(s);
    wv_session_close(s->session);
    srv_ledger_free(s);
    free(s->pending_keys);
    sodium_memzero(s->token, sizeof s->token);
    free(s->recovery);
    pthread_mutex_destroy(&s->q_mu);
    pthread_cond_destroy(&s->q_cv);
    pthread_mutex_destroy(&s->rec_mu);
    pthread_cond_destroy(&s->grew_cv);
    free(s);
}
