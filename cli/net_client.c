/* libcurl for the CLI's network side (see net_client.h). One easy handle
 * per request: the CLI makes few, and each stands alone. */
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_client.h"

#define NET_MAX_ANSWER (4u << 20) /* receipts, state, refusals */

typedef struct sink {
    wv_net_answer *a;
    size_t max;
    int too_big;
} sink;

static size_t to_memory(char *p, size_t size, size_t n, void *ctx)
{
    sink *s = ctx;
    size_t k = size * n;
    if (s->a->len + k > s->max) {
        s->too_big = 1;
        return 0;
    }
    uint8_t *b = realloc(s->a->body, s->a->len + k + 1);
    if (b == NULL)
        return 0;
    memcpy(b + s->a->len, p, k);
    s->a->body = b;
    s->a->len += k;
    b[s->a->len] = '\0';
    return k;
}

void wv_net_answer_free(wv_net_answer *a)
{
    if (a != NULL)
        free(a->body);
    if (a != NULL)
        memset(a, 0, sizeof *a);
}

int wv_net_is_url(const char *text)
{
    return strncmp(text, "http://", 7) == 0 || strncmp(text, "https://", 8) == 0;
}

static CURL *easy(const wv_net *n, const char *url)
{
    static int initialised;
    if (!initialised && curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
        return NULL;
    initialised = 1;
    CURL *c = curl_easy_init();
    if (c == NULL)
        return NULL;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, n && n->timeout_ms ? n->timeout_ms : 30000L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (n != NULL && n->cacert != NULL)
        curl_easy_setopt(c, CURLOPT_CAINFO, n->cacert);
    return c;
}

static wv_status perform(CURL *c, const char *url, long *http, int too_big, wv_error *err)
{
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, http);
    if (rc == CURLE_OK)
        return WV_OK;
    if (too_big)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "%s: answer too large", url);
    return wv_error_set(err, WV_ERR_IO, "%s: %s", url, curl_easy_strerror(rc));
}

static wv_status request(const wv_net *n, const char *url, struct curl_slist *headers,
                         const void *post, size_t post_len, size_t max, wv_net_answer *out,
                         wv_error *err)
{
    memset(out, 0, sizeof *out);
    CURL *c = easy(n, url);
    if (c == NULL)
        return wv_error_set(err, WV_ERR_INTERNAL, "%s: libcurl failed to start", url);
    sink s = {.a = out, .max = max};
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, to_memory);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    if (headers != NULL)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (post != NULL) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)post_len);
    }
    wv_status st = perform(c, url, &out->http, s.too_big, err);
    curl_easy_cleanup(c);
    if (st != WV_OK)
        wv_net_answer_free(out);
    return st;
}

wv_status wv_net_get(const wv_net *n, const char *url, size_t max, wv_net_answer *out,
                     wv_error *err)
{
    return request(n, url, NULL, NULL, 0, max, out, err);
}

wv_status wv_net_get_file(const wv_net *n, const char *url, const char *path, long *http,
                          wv_error *err)
{
    FILE *f = fopen(path, "wbx");
    if (f == NULL)
        return wv_error_set(err, WV_ERR_IO, "%s: cannot be created", path);
    CURL *c = easy(n, url);
    if (c == NULL) {
        fclose(f);
        return wv_error_set(err, WV_ERR_INTERNAL, "%s: libcurl failed to start", url);
    }
    curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, n && n->timeout_ms ? n->timeout_ms : 600000L);
    *http = 0;
    wv_status st = perform(c, url, http, 0, err);
    curl_easy_cleanup(c);
    if (fclose(f) != 0 && st == WV_OK)
        st = wv_error_set(err, WV_ERR_IO, "%s: write failed", path);
    return st;
}

static char *join(const char *server, const char *path)
{
    size_t n = strlen(server);
    while (n > 0 && server[n - 1] == '/')
        n--;
    char *u = malloc(n + strlen(path) + 1);
    if (u != NULL)
        sprintf(u, "%.*s%s", (int)n, server, path);
    return u;
}

wv_status wv_net_post_act(const wv_net *n, const char *server, const uint8_t *env, size_t len,
                          wv_net_answer *out, wv_error *err)
{
    char *url = join(server, "/api/acts");
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/x-protobuf");
    wv_status st = url && h ? request(n, url, h, env, len, NET_MAX_ANSWER, out, err)
                            : wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    curl_slist_free_all(h);
    free(url);
    return st;
}

wv_status wv_net_post_json(const wv_net *n, const char *server, const char *path,
                           const char *token, const char *json, wv_net_answer *out,
                           wv_error *err)
{
    char auth[128];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token != NULL ? token : "");
    char *url = join(server, path);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    struct curl_slist *h2 = h && token != NULL ? curl_slist_append(h, auth) : h;
    wv_status st = url && h2 ? request(n, url, h2, json, strlen(json), NET_MAX_ANSWER, out, err)
                             : wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    curl_slist_free_all(h2 ? h2 : h);
    sodium_memzero(auth, sizeof auth);
    free(url);
    return st;
}

wv_status wv_net_post_chair(const wv_net *n, const char *server, const char *token,
                            const char *action, const char *json, wv_net_answer *out,
                            wv_error *err)
{
    char path[96];
    snprintf(path, sizeof path, "/api/chair/%s", action);
    return wv_net_post_json(n, server, path, token, json, out, err);
}

wv_status wv_net_get_state(const wv_net *n, const char *server, wv_net_answer *out,
                           wv_error *err)
{
    char *url = join(server, "/api/state");
    wv_status st = url ? request(n, url, NULL, NULL, 0, NET_MAX_ANSWER, out, err)
                       : wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    free(url);
    return st;
}
