/* The HTTP API on libmicrohttpd (SPEC.md, "HTTP API"): routing, request
 * bodies, the status and JSON of every answer, the security headers every
 * response carries. One thread per connection, so a post may block until
 * the committer has made its act durable, and an event stream may wait
 * for the log to grow. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "srv_internal.h"
#include "web_assets.h"
#include "wtovote/util.h"

/* No script, style, frame or form of any origin: the API serves data only. */
static const char CSP[] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
                          "form-action 'none'";
/* The embedded pages (serve/web/): scripts, styles, images and fetch/SSE
 * from this server only; still no inline script or style, no frame, no
 * form posted anywhere, no other origin. */
static const char PAGE_CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'none'";

typedef struct srv_req {
    char *body;
    size_t len, cap;
    int too_big;
} srv_req;

static void secure(struct MHD_Response *r, const char *csp)
{
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result queue_with(struct MHD_Connection *c, unsigned status,
                                  struct MHD_Response *r, const char *type, const char *csp)
{
    if (r == NULL)
        return MHD_NO;
    secure(r, csp);
    MHD_add_response_header(r, "Content-Type", type);
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r,
                             const char *type)
{
    return queue_with(c, status, r, type, CSP);
}

/* Takes text (malloc'd; NULL: out of memory). */
static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, char *text)
{
    if (text == NULL)
        return MHD_NO;
    return queue(c, status,
                 MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE),
                 "application/json");
}

static enum MHD_Result refuse(struct MHD_Connection *c, unsigned status, const char *code,
                              const char *message)
{
    return send_json(c, status, srv_refusal_json(code, message));
}

static enum MHD_Result send_bytes(struct MHD_Connection *c, const void *data, size_t len,
                                  const char *type)
{
    return queue(c, MHD_HTTP_OK,
                 MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY), type);
}

/* ------------------------------------------------------------ statuses */

/* 409: the state machine refused; 400: not a canonical act envelope;
 * 403: signature or key; 503: the server cannot write now. */
static unsigned status_of(wv_status st, wv_refusal why)
{
    if (why != WV_REFUSE_NONE || st == WV_ERR_INADMISSIBLE || st == WV_ERR_DECISION_MISMATCH)
        return MHD_HTTP_CONFLICT;
    if (st >= WV_ERR_DECODE && st <= WV_ERR_CSV)
        return MHD_HTTP_BAD_REQUEST;
    if (st >= WV_ERR_KEY_FORMAT && st <= WV_ERR_MEMBER_UNKNOWN)
        return MHD_HTTP_FORBIDDEN;
    if (st == WV_ERR_ARG)
        return MHD_HTTP_BAD_REQUEST;
    return MHD_HTTP_SERVICE_UNAVAILABLE;
}

static enum MHD_Result send_refusal(struct MHD_Connection *c, const wv_append_result *r)
{
    const char *code = r->why != WV_REFUSE_NONE ? wv_refusal_name(r->why)
                                                : wv_status_name(r->status);
    return refuse(c, status_of(r->status, r->why), code, r->error.message);
}

static int wants_json(struct MHD_Connection *c)
{
    const char *a = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    return a != NULL && strstr(a, "application/json") != NULL;
}

static enum MHD_Result send_receipt(struct MHD_Connection *c, const wv_append_result *r,
                                    int json)
{
    if (json)
        return send_json(c, MHD_HTTP_OK, srv_receipt_json(r->index, r->receipt, r->receipt_len));
    struct MHD_Response *resp = MHD_create_response_from_buffer(r->receipt_len, r->receipt,
                                                                MHD_RESPMEM_MUST_COPY);
    char idx[24];
    snprintf(idx, sizeof idx, "%llu", (unsigned long long)r->index);
    if (resp != NULL)
        MHD_add_response_header(resp, "Wtovote-Index", idx);
    return queue(c, MHD_HTTP_OK, resp, "application/x-protobuf");
}

/* ------------------------------------------------------------ posts */

static int binary_type(struct MHD_Connection *c)
{
    const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (t == NULL)
        return 0;
    size_t n = strcspn(t, "; ");
    return (n == 24 && strncmp(t, "application/octet-stream", n) == 0) ||
           (n == 22 && strncmp(t, "application/x-protobuf", n) == 0);
}

static enum MHD_Result post_act(wv_srv *s, struct MHD_Connection *c, srv_req *q)
{
    if (!binary_type(c))
        return refuse(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "WV_HTTP_MEDIA_TYPE",
                      "an act is posted as application/octet-stream or application/x-protobuf "
                      "(the signed envelope's bytes)");
    wv_append_result r;
    srv_submit(s, (const uint8_t *)q->body, q->len, &r);
    enum MHD_Result ok = r.status == WV_OK ? send_receipt(c, &r, wants_json(c))
                                           : send_refusal(c, &r);
    free(r.receipt);
    return ok;
}

static int chair_authorised(const wv_srv *s, struct MHD_Connection *c)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (h == NULL || strncmp(h, "Bearer ", 7) != 0 || strlen(h + 7) != WV_SRV_TOKEN_HEX)
        return 0;
    return sodium_memcmp(h + 7, s->token, WV_SRV_TOKEN_HEX) == 0;
}

static enum MHD_Result post_chair(wv_srv *s, struct MHD_Connection *c, const char *action,
                                  srv_req *q)
{
    if (!chair_authorised(s, c))
        return refuse(c, MHD_HTTP_UNAUTHORIZED, "WV_HTTP_UNAUTHORIZED",
                      "chair requests need the header Authorization: Bearer CHAIR_TOKEN");
    wv_append_result r;
    srv_chair_request(s, action, q->body, q->len, &r);
    enum MHD_Result ok = r.status == WV_OK ? send_receipt(c, &r, 1) : send_refusal(c, &r);
    free(r.receipt);
    return ok;
}

static enum MHD_Result post_enrol(wv_srv *s, struct MHD_Connection *c, srv_req *q)
{
    char *answer = NULL;
    wv_error err;
    pthread_mutex_lock(&s->rec_mu);
    wv_status st = srv_enrol_present(s, q->body, q->len, &answer, &err);
    pthread_mutex_unlock(&s->rec_mu);
    if (st != WV_OK)
        return refuse(c, st == WV_ERR_TOO_LARGE ? MHD_HTTP_SERVICE_UNAVAILABLE
                                                : MHD_HTTP_BAD_REQUEST, wv_status_name(st),
                      err.message);
    return send_json(c, MHD_HTTP_ACCEPTED, answer);
}

static enum MHD_Result get_enrolments(wv_srv *s, struct MHD_Connection *c)
{
    pthread_mutex_lock(&s->rec_mu);
    char *text = srv_enrol_list_json(s);
    pthread_mutex_unlock(&s->rec_mu);
    return send_json(c, MHD_HTTP_OK, text);
}

/* ------------------------------------------------------------ reads */

static enum MHD_Result get_state(wv_srv *s, struct MHD_Connection *c)
{
    pthread_mutex_lock(&s->rec_mu);
    char *text = srv_state_json_shared(s, (int64_t)time(NULL));
    pthread_mutex_unlock(&s->rec_mu);
    return send_json(c, MHD_HTTP_OK, text);
}

static enum MHD_Result get_file(wv_srv *s, struct MHD_Connection *c, const char *name,
                                const char *type)
{
    char path[1200];
    uint8_t *data = NULL;
    size_t len = 0;
    wv_error err;
    snprintf(path, sizeof path, "%s/%s", s->cfg.record, name);
    if (wv_file_read(path, WV_MAX_ENVELOPE_BYTES, &data, &len, &err) != WV_OK)
        return refuse(c, MHD_HTTP_SERVICE_UNAVAILABLE, wv_status_name(err.code), err.message);
    return queue(c, MHD_HTTP_OK,
                 MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE), type);
}

static enum MHD_Result get_checkpoint(wv_srv *s, struct MHD_Connection *c)
{
    pthread_mutex_lock(&s->rec_mu);
    enum MHD_Result ok = send_bytes(c, s->published_cp, s->published_cp_len,
                                    "text/plain; charset=utf-8");
    pthread_mutex_unlock(&s->rec_mu);
    return ok;
}

/* The log's first `entries` entries (default: all published), never past
 * the published prefix: while a vote is open its ballots stay on disk. */
static enum MHD_Result get_log(wv_srv *s, struct MHD_Connection *c)
{
    const char *arg = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "entries");
    pthread_mutex_lock(&s->rec_mu);
    uint64_t n = s->published;
    pthread_mutex_unlock(&s->rec_mu);
    char *end = NULL;
    unsigned long long want = arg != NULL ? strtoull(arg, &end, 10) : n;
    if (arg != NULL && (*arg < '0' || *arg > '9' || *end != '\0' || want > n))
        return refuse(c, MHD_HTTP_NOT_FOUND, "WV_HTTP_NOT_PUBLISHED",
                      "entries: not a number of published entries");
    pthread_mutex_lock(&s->rec_mu);
    uint64_t bytes = want == 0 ? WV_LOG_HEADER_BYTES : s->ends[want - 1];
    pthread_mutex_unlock(&s->rec_mu);
    char path[1200], count[24];
    snprintf(path, sizeof path, "%s/%s", s->cfg.record, WV_RECORD_LOG);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return refuse(c, MHD_HTTP_SERVICE_UNAVAILABLE, "WV_ERR_IO", "log: cannot be read");
    struct MHD_Response *r = MHD_create_response_from_fd_at_offset64(bytes, fd, 0);
    if (r == NULL)
        close(fd);
    snprintf(count, sizeof count, "%llu", want);
    if (r != NULL)
        MHD_add_response_header(r, "Wtovote-Entries", count);
    return queue(c, MHD_HTTP_OK, r, "application/octet-stream");
}

/* /record/NAME: exactly the files `wtovote verify` reads, by a fixed
 * table; no part of the URL ever reaches the file system. */
static enum MHD_Result get_record(wv_srv *s, struct MHD_Connection *c, const char *name)
{
    if (strcmp(name, WV_RECORD_ROSTER) == 0)
        return get_file(s, c, WV_RECORD_ROSTER, "application/x-protobuf");
    if (strcmp(name, WV_RECORD_SECRETARIAT_PUB) == 0)
        return get_file(s, c, WV_RECORD_SECRETARIAT_PUB, "text/plain; charset=utf-8");
    if (strcmp(name, WV_RECORD_CHECKPOINT) == 0)
        return get_checkpoint(s, c);
    if (strcmp(name, WV_RECORD_LOG) == 0)
        return get_log(s, c);
    return refuse(c, MHD_HTTP_NOT_FOUND, "WV_HTTP_NOT_FOUND", "no such record file");
}

/* ------------------------------------------------------------ events */

typedef struct sse {
    wv_srv *s;
    uint64_t next;        /* next entry to send */
    uint64_t cp_sent;     /* published size of the last checkpoint sent + 1; 0: none */
    char *pending;
    size_t off, len;
} sse;

static char *checkpoint_event(const wv_srv *s)
{
    size_t n = s->published_cp_len * 2 + 64;
    char *t = malloc(n), *p = t;
    if (t == NULL)
        return NULL;
    p += sprintf(p, "event: checkpoint\n");
    for (const char *line = s->published_cp; *line != '\0';) { /* one data line per line */
        size_t k = strcspn(line, "\n");
        p += sprintf(p, "data: %.*s\n", (int)k, line);
        line += k + (line[k] == '\n');
    }
    sprintf(p, "\n");
    return t;
}

#define SSE_CHUNK 65536 /* bytes of events copied per hold of rec_mu */

/* Appends a copy of text to *out; 0 when text is NULL or out of memory. */
static int sse_append(char **out, size_t *len, const char *text)
{
    size_t k = text != NULL ? strlen(text) : 0;
    char *o = text != NULL ? realloc(*out, *len + k + 1) : NULL;
    if (o == NULL)
        return 0;
    memcpy(o + *len, text, k + 1);
    *out = o;
    *len += k;
    return 1;
}

/* The next texts to send (caller holds rec_mu): the entries not yet sent,
 * up to SSE_CHUNK bytes at a time (every stream catches up on a batch in
 * one hold of the lock, not one per entry), then the checkpoint when it
 * changed; NULL: nothing yet. */
static char *sse_next(sse *e)
{
    wv_srv *s = e->s;
    char *out = NULL;
    size_t len = 0;
    while (e->next < s->n && len < SSE_CHUNK && sse_append(&out, &len, s->events[e->next]))
        e->next++;
    if (e->next == s->n && e->cp_sent != s->published + 1) {
        char *cp = checkpoint_event(s);
        if (sse_append(&out, &len, cp))
            e->cp_sent = s->published + 1;
        free(cp);
    }
    return out;
}

static ssize_t sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    sse *e = cls;
    (void)pos;
    if (e->off == e->len) {
        free(e->pending);
        e->pending = NULL;
        wv_srv *s = e->s;
        pthread_mutex_lock(&s->rec_mu);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 10;
        int timed_out = 0;
        while (!s->closed && (e->pending = sse_next(e)) == NULL && !timed_out)
            timed_out = pthread_cond_timedwait(&s->grew_cv, &s->rec_mu, &until) != 0;
        int closed = s->closed;
        pthread_mutex_unlock(&s->rec_mu);
        if (closed && e->pending == NULL)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (e->pending == NULL)
            e->pending = strdup(": keep-alive\n\n");
        if (e->pending == NULL)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        e->off = 0;
        e->len = strlen(e->pending);
    }
    size_t k = e->len - e->off < max ? e->len - e->off : max;
    memcpy(buf, e->pending + e->off, k);
    e->off += k;
    return (ssize_t)k;
}

static void sse_free(void *cls)
{
    sse *e = cls;
    free(e->pending);
    free(e);
}

/* Resumes after Last-Event-ID (an entry's index) when given. */
static enum MHD_Result get_events(wv_srv *s, struct MHD_Connection *c)
{
    sse *e = calloc(1, sizeof *e);
    if (e == NULL)
        return MHD_NO;
    e->s = s;
    const char *last = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID");
    char *end = NULL;
    if (last != NULL && *last >= '0' && *last <= '9') {
        unsigned long long v = strtoull(last, &end, 10);
        if (*end == '\0')
            e->next = v + 1;
    }
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, sse_read,
                                                               e, sse_free);
    if (r == NULL)
        sse_free(e);
    return queue(c, MHD_HTTP_OK, r, "text/event-stream");
}

/* ------------------------------------------------------------ pages */

/* An embedded file by exact name (serve/web_assets.h); anything else 404. */
static enum MHD_Result get_asset(struct MHD_Connection *c, const char *name)
{
    const srv_web_asset *a = srv_web_find(name);
    if (a == NULL)
        return refuse(c, MHD_HTTP_NOT_FOUND, "WV_HTTP_NOT_FOUND", "no such page file");
    return queue_with(c, MHD_HTTP_OK,
                      MHD_create_response_from_buffer(a->len, (void *)a->bytes,
                                                      MHD_RESPMEM_PERSISTENT),
                      a->type, PAGE_CSP);
}

/* /delegate, /chair, /board: their NAME.html; /web/NAME: the file NAME. */
static const char *page_file(const char *url)
{
    static const char *const pages[][2] = {
        {"/delegate", "delegate.html"}, {"/chair", "chair.html"}, {"/board", "board.html"},
        {"/favicon.ico", "favicon.svg"},
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (strcmp(url, pages[i][0]) == 0)
            return pages[i][1];
    if (strncmp(url, "/web/", 5) == 0)
        return url + 5;
    return NULL;
}

/* ------------------------------------------------------------ routing */

static enum MHD_Result route(wv_srv *s, struct MHD_Connection *c, const char *url,
                             const char *method, srv_req *q)
{
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int post = strcmp(method, "POST") == 0;
    if (q->too_big)
        return refuse(c, MHD_HTTP_CONTENT_TOO_LARGE, "WV_HTTP_TOO_LARGE",
                      "request body over 1048576 bytes (WV_MAX_ENVELOPE_BYTES)");
    if (strcmp(url, "/api/acts") == 0)
        return post ? post_act(s, c, q) : refuse(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                                                 "WV_HTTP_METHOD", "POST an act envelope");
    if (strncmp(url, "/api/chair/", 11) == 0 && srv_chair_action_known(url + 11))
        return post ? post_chair(s, c, url + 11, q) : refuse(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                                                             "WV_HTTP_METHOD", "POST a chair "
                                                             "request");
    if (strcmp(url, "/api/enrol") == 0)
        return post ? post_enrol(s, c, q) : refuse(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                                                   "WV_HTTP_METHOD", "POST a public key");
    if (get && strcmp(url, "/api/enrolments") == 0)
        return get_enrolments(s, c);
    if (get && strcmp(url, "/api/state") == 0)
        return get_state(s, c);
    if (get && strcmp(url, "/api/events") == 0)
        return get_events(s, c);
    if (get && strncmp(url, "/record/", 8) == 0)
        return get_record(s, c, url + 8);
    if (get && page_file(url) != NULL)
        return get_asset(c, page_file(url));
    return refuse(c, MHD_HTTP_NOT_FOUND, "WV_HTTP_NOT_FOUND", "no such endpoint");
}

/* Bodies are kept up to SRV_MAX_BODY; beyond that the rest is read and
 * dropped and the answer is 413 (a declared Content-Length over the cap is
 * answered at once, before the body is read). */
static void take_body(srv_req *q, const char *data, size_t n)
{
    if (q->too_big || q->len + n > SRV_MAX_BODY) {
        q->too_big = 1;
        return;
    }
    if (q->len + n > q->cap) {
        size_t cap = q->cap ? q->cap : 4096;
        while (cap < q->len + n)
            cap *= 2;
        char *b = realloc(q->body, cap);
        if (b == NULL) {
            q->too_big = 1;
            return;
        }
        q->body = b;
        q->cap = cap;
    }
    memcpy(q->body + q->len, data, n);
    q->len += n;
}

static int declared_too_big(struct MHD_Connection *c)
{
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    return cl != NULL && strtoull(cl, NULL, 10) > SRV_MAX_BODY;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    wv_srv *s = cls;
    (void)version;
    srv_req *q = *con_cls;
    if (q == NULL) {
        if ((q = calloc(1, sizeof *q)) == NULL)
            return MHD_NO;
        *con_cls = q;
        if (declared_too_big(c)) {
            q->too_big = 1;
            return route(s, c, url, method, q);
        }
        return MHD_YES;
    }
    if (*upload_size != 0) {
        take_body(q, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return route(s, c, url, method, q);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    srv_req *q = *con_cls;
    if (q != NULL)
        free(q->body);
    free(q);
    *con_cls = NULL;
}

static void quiet_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls, (void)fmt, (void)ap; /* the library never prints */
}

/* ------------------------------------------------------------ daemon */

static int parse_address(const wv_srv *s, struct sockaddr_storage *ss, int *v6)
{
    const char *a = s->cfg.address ? s->cfg.address : "127.0.0.1";
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    *v6 = 0;
    if (inet_pton(AF_INET, a, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons(s->cfg.port);
        return 0;
    }
    if (inet_pton(AF_INET6, a, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(s->cfg.port);
        *v6 = 1;
        return 0;
    }
    return -1;
}

int srv_http_start(wv_srv *s, wv_error *err)
{
    struct sockaddr_storage ss;
    int v6;
    if (parse_address(s, &ss, &v6) != 0)
        return wv_error_set(err, WV_ERR_ARG, "--listen: %s is not a numeric IPv4 or IPv6 "
                            "address", s->cfg.address);
    int tls = s->cfg.tls_cert_pem != NULL;
    if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
        return wv_error_set(err, WV_ERR_ARG, "this libmicrohttpd was built without TLS");
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     (v6 ? MHD_USE_IPv6 : 0) | (tls ? MHD_USE_TLS : 0);
    unsigned limit = s->cfg.max_connections ? s->cfg.max_connections : 512;
    unsigned timeout = s->cfg.timeout_seconds ? s->cfg.timeout_seconds : 30;
    struct MHD_OptionItem opts[] = {
        {MHD_OPTION_SOCK_ADDR, 0, &ss},
        {MHD_OPTION_CONNECTION_LIMIT, limit, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, timeout, NULL},
        /* not 8 MiB each: glibc then keeps the stacks of ended connections
         * for the next (perf: mmap/munmap of fresh stacks was 7% of the
         * server's CPU in bench_serve); the deepest handler needs < 64 KiB */
        {MHD_OPTION_THREAD_STACK_SIZE, SRV_THREAD_STACK, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL},
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)quiet_log, NULL},
        {tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, (void *)s->cfg.tls_cert_pem},
        {tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, (void *)s->cfg.tls_key_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    s->daemon = MHD_start_daemon(flags, s->cfg.port, NULL, NULL, on_request, s,
                                 MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
    if (s->daemon == NULL)
        return wv_error_set(err, WV_ERR_IO, "cannot listen on %s port %u (in use, or not an "
                            "address of this machine%s)", s->cfg.address ? s->cfg.address
                            : "127.0.0.1", s->cfg.port, tls ? ", or a bad certificate/key" : "");
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info != NULL ? info->port : s->cfg.port;
    return WV_OK;
}

void srv_http_stop(wv_srv *s)
{
    if (s->daemon != NULL)
        MHD_stop_daemon(s->daemon);
    s->daemon = NULL;
}
