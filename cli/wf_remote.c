/* --server URL for the workflow commands (workflow.h): acts and chair
 * requests posted to `wtovote serve`, receipts checked with the engine's
 * wv_receipt_verify, the meeting read from a private copy of the published
 * record, so that the commands print with the same code as locally. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "net_mirror.h"
#include "workflow.h"
#include "wtovote/pb.h"
#include "wtovote/util.h"

struct wf_remote {
    const char *url;
    wv_mirror m;
    char *cp;            /* the copy's checkpoint */
    wv_record *rec;      /* the copy, as read at the start */
    wv_public_key pub;   /* the Secretariat's: --pub, else the served one */
    char *token;         /* chair commands: --token-file (guarded memory) */
};

static int load_pub(wf_remote *r, const char *path)
{
    char served[128];
    wv_error err;
    snprintf(served, sizeof served, "%s/%s", r->m.dir, WV_RECORD_SECRETARIAT_PUB);
    if (wv_public_key_load(path != NULL ? path : served, &r->pub, &err) != WV_OK)
        return wv_cli_fail(&err);
    return WV_EXIT_OK;
}

/* Downloads the published record again and reads it, visit seeing each
 * entry; *rec (may be NULL) keeps it. */
static int reread(wf_remote *r, wv_record_visit_fn visit, void *ctx, wv_record **rec)
{
    char *cp = NULL;
    size_t cp_len;
    uint64_t size;
    wv_record *got = NULL;
    wv_error err;
    int rc = wv_mirror_download(&r->m, r->cp, &cp, &cp_len, &size);
    if (rc != WV_EXIT_OK)
        return rc;
    free(r->cp);
    r->cp = cp;
    if (wv_record_load(r->m.dir, visit, ctx, &got, &err) != WV_OK) {
        wv_error_prefix(&err, "%s", r->url);
        return wv_cli_fail(&err);
    }
    if (rec != NULL)
        *rec = got;
    else
        wv_record_close(got);
    return WV_EXIT_OK;
}

wf_remote *wf_remote_open(const wf_opts *o, int chair, int *rc)
{
    wf_remote *r = calloc(1, sizeof *r);
    if (r == NULL) {
        *rc = wv_cli_usage_error("out of memory");
        return NULL;
    }
    r->url = o->server;
    *rc = WV_EXIT_OK;
    if (chair && o->token_file == NULL)
        *rc = wv_cli_usage_error("--server: a chair command needs --token-file FILE (the chair "
                                 "token `wtovote serve` printed, as the file's first line)");
    if (*rc == WV_EXIT_OK && chair &&
        (r->token = wv_cli_secret_from_file(o->token_file, "chair token", "chair token")) == NULL)
        *rc = WV_EXIT_USAGE;
    if (*rc == WV_EXIT_OK)
        *rc = wv_mirror_init(&r->m, o->server, o->cacert);
    if (*rc == WV_EXIT_OK)
        *rc = reread(r, NULL, NULL, &r->rec);
    if (*rc == WV_EXIT_OK)
        *rc = load_pub(r, o->pub);
    if (*rc == WV_EXIT_OK)
        return r;
    wf_remote_close(r);
    return NULL;
}

void wf_remote_close(wf_remote *r)
{
    if (r == NULL)
        return;
    wv_record_close(r->rec);
    wv_mirror_cleanup(&r->m);
    free(r->cp);
    if (r->token != NULL)
        sodium_free(r->token);
    free(r);
}

const wv_record *wf_remote_record(const wf_remote *r)
{
    return r->rec;
}

/* ------------------------------------------------------------ answers */

int wf_net_refused(const char *url, const char *source, long http, const char *body, size_t len)
{
    json_t *j = json_loadb(body != NULL ? body : "", body != NULL ? len : 0, 0, NULL);
    const char *code = json_string_value(json_object_get(j, "code"));
    const char *msg = json_string_value(json_object_get(j, "message"));
    const char *sep = source != NULL ? ": " : "";
    source = source != NULL ? source : "";
    if (code != NULL && msg != NULL)
        fprintf(stderr, "wtovote: %s: %s%s%s (%s)\n", url, source, sep, msg, code);
    else
        fprintf(stderr, "wtovote: %s: %s%sHTTP %ld without a refusal\n", url, source, sep, http);
    json_decref(j);
    return http == 400 || http == 403 || http == 409 ? WV_EXIT_REFUSED : WV_EXIT_USAGE;
}

static int remote_refused(const wf_remote *r, const char *source, const wv_net_answer *a)
{
    return wf_net_refused(r->url, source, a->http, (const char *)a->body, a->len);
}

/* The receipt proves the entry is in a tree the Secretariat signed. */
static int check_receipt(const wf_remote *r, const char *source, const uint8_t *receipt,
                         size_t len, const uint8_t *env, size_t env_len, uint64_t *index)
{
    wv_receipt_info info;
    wv_error err;
    if (wv_receipt_verify(receipt, len, env, env_len, &r->pub, &info, &err) != WV_OK) {
        wv_error_prefix(&err, "%s: %s: the server's receipt does not verify", r->url, source);
        return wv_cli_fail(&err);
    }
    *index = info.leaf_index;
    return WV_EXIT_OK;
}

/* The entry the command made, seen while the copy is read again. */
typedef struct seen {
    uint64_t index;
    int found;
    wf_remote *r;
    wf_show_fn show;
    void *ctx;
    wv_session_result *res; /* acts: the effect */
} seen;

static int at_entry(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                    const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                    const wv_meeting *m)
{
    seen *s = ctx;
    (void)entry, (void)len, (void)env;
    if (index != s->index)
        return 0;
    s->found = 1;
    if (s->res != NULL && act != NULL)
        wv_session_effect(m, 0, (int)act->kind, act->member, act->item, s->res->effect,
                          sizeof s->res->effect, &s->res->citation);
    if (s->show != NULL)
        s->show(s->ctx, s->r->url, m, wv_record_roster(s->r->rec), chair, index);
    return 0;
}

static int after_entry(wf_remote *r, seen *s)
{
    int rc = reread(r, at_entry, s, NULL);
    if (rc == WV_EXIT_OK && !s->found)
        printf("%s: entry %" PRIu64 " is not published yet: the record is withheld while a "
               "vote is open (SPEC.md, \"The published record\")\n", r->url, s->index);
    return rc;
}

/* ------------------------------------------------------------ acts */

/* An act the published record does not show yet, as the vote it falls in
 * is open: a ballot's effect names no count (nor choice), so it is said
 * from the item as published; another act's counts would be stale. */
static void withheld_effect(const wv_meeting *m, const uint8_t *env, size_t len,
                            wv_session_result *res)
{
    wv_act_summary a;
    if (wv_act_peek(env, len, &a, NULL) == WV_OK && a.kind == WV_ACT_VOTE)
        wv_session_effect(m, 0, (int)a.kind, a.member, a.item, res->effect,
                          sizeof res->effect, &res->citation);
    else
        snprintf(res->effect, sizeof res->effect, "its effect is published when the vote "
                 "closes: the record after it is withheld while a vote is open");
}

int wf_remote_submit(wf_remote *r, const wf_opts *o, const uint8_t *env, size_t len,
                     const char *source, wv_session_result *res)
{
    wv_net_answer a;
    wv_error err;
    memset(res, 0, sizeof *res);
    if (wv_net_post_act(&r->m.net, r->url, env, len, &a, &err) != WV_OK)
        return wv_cli_fail(&err);
    int rc = a.http == 200 ? check_receipt(r, source, a.body, a.len, env, len, &res->index)
                           : remote_refused(r, source, &a);
    if (rc == WV_EXIT_OK &&
        wv_record_receipt_write(o->record != NULL ? o->record : ".", res->index, o->member,
                                a.body, a.len, env, len, 0, res->receipt_path,
                                sizeof res->receipt_path, &err) != WV_OK) {
        fprintf(stderr, "wtovote: %s: %s: the act WAS recorded, as entry %" PRIu64 ", but its "
                "receipt was not written (%s); running the same command again is safe\n",
                r->url, source, res->index, err.message);
        rc = WV_EXIT_USAGE;
    }
    wv_net_answer_free(&a);
    if (rc != WV_EXIT_OK)
        return rc;
    seen s = {.index = res->index, .r = r, .res = res};
    wv_record *now = NULL;
    rc = reread(r, at_entry, &s, &now);
    if (rc == WV_EXIT_OK && !s.found)
        withheld_effect(wv_record_meeting(now), env, len, res);
    wv_record_close(now);
    return rc;
}

/* ------------------------------------------------------------ chair */

static int chair_receipt(const wf_remote *r, const char *action, const wv_net_answer *a,
                         uint64_t *index)
{
    json_t *j = json_loadb((const char *)a->body, a->len, 0, NULL);
    const char *b64 = json_string_value(json_object_get(j, "receipt"));
    uint8_t *receipt = malloc(WV_MAX_ENVELOPE_BYTES);
    long n = b64 != NULL && receipt != NULL
                 ? wv_base64_decode(b64, strlen(b64), receipt, WV_MAX_ENVELOPE_BYTES) : -1;
    int rc = n < 0 ? wv_cli_usage_error("%s: %s: the answer holds no receipt", r->url, action)
                   : check_receipt(r, action, receipt, (size_t)n, NULL, 0, index);
    if (rc == WV_EXIT_OK && (uint64_t)json_integer_value(json_object_get(j, "index")) != *index)
        rc = wv_cli_usage_error("%s: %s: the answer's index is not its receipt's", r->url,
                                action);
    free(receipt);
    json_decref(j);
    return rc;
}

static int remote_chair(wf_remote *r, const wf_opts *o, const char *action, json_t *body,
                        wf_show_fn show, void *ctx)
{
    int64_t t;
    char at[32];
    int rc = o->time != NULL ? wf_time(o, &t) : WV_EXIT_OK;
    if (rc != WV_EXIT_OK)
        return rc;
    if (o->time != NULL) {
        wv_time_format(t, at, sizeof at);
        json_object_set_new(body, "time", json_string(at));
    }
    char *text = json_dumps(body, JSON_COMPACT);
    wv_net_answer a;
    wv_error err;
    uint64_t index = 0;
    rc = text == NULL ? wv_cli_usage_error("out of memory") : WV_EXIT_OK;
    if (rc == WV_EXIT_OK &&
        wv_net_post_chair(&r->m.net, r->url, r->token, action, text, &a, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    else if (rc == WV_EXIT_OK) {
        rc = a.http == 200 ? chair_receipt(r, action, &a, &index) : remote_refused(r, NULL, &a);
        wv_net_answer_free(&a);
    }
    free(text);
    if (rc != WV_EXIT_OK)
        return rc;
    seen s = {.index = index, .r = r, .show = show, .ctx = ctx};
    return after_entry(r, &s);
}

int wf_post_chair(const wf_opts *o, const char *action, json_t *body, wf_show_fn show, void *ctx)
{
    int rc;
    wf_remote *r = body != NULL ? wf_remote_open(o, 1, &rc) : NULL;
    if (body == NULL)
        rc = wv_cli_usage_error("out of memory");
    else if (r != NULL)
        rc = remote_chair(r, o, action, body, show, ctx);
    json_decref(body);
    wf_remote_close(r);
    return rc;
}
