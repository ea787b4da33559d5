/* bench_serve [K [K1 [curl]]]: `wtovote serve` under load on 127.0.0.1.
 * 166 client threads, each a delegation of the embedded roster with its own
 * key (from a fixed seed, as `wtovote demo` makes them), post pre-signed
 * acts over one kept-alive connection each (a plain socket; with `curl`,
 * libcurl) to a server running in a child process:
 *  - group commit (the server's default): attendance, then the ballots of
 *    one vote released at once, all 165 Members but the EU (whose 27-vote
 *    bloc would exclude its member States' ballots, IX:1 fn 2; it posts a
 *    statement in the same round): time until the last is acknowledged,
 *    then K statements per delegation back to back (acknowledged acts/s,
 *    p50/p99 post-to-receipt latency);
 *  - one fsync per act (max_batch 1), fresh record: K1 statements per
 *    delegation (default 3: at one fsync per act, K1 = K would take ratio
 *    times longer; 0 skips the run).
 * Prints both rates and their ratio (same run), CPU time per act of the
 * server, of its committer thread and of the clients (from /proc and
 * getrusage: comparable across runs on a loaded machine, where wall-clock
 * rates are not), and the server's peak RSS (VmHWM of the child).
 * Bounded: 166 * (K + 3) + 166 * (K1 + 1) acts, K <= 1000. Targets (issue
 * 12): 166 ballots within 1 s; >= 5,000 acts/s; p99 <= 100 ms. */
#define _GNU_SOURCE /* memmem, strcasestr */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wtovote/pb.h"
#include "serve.h"
#include "wtovote/record.h"
#include "wtovote/util.h"

#define N_DELEGATIONS 166

typedef struct blob {
    uint8_t *d;
    size_t n;
} blob;

typedef struct bench {
    wv_secret_key *sec;
    wv_secret_key *keys[N_DELEGATIONS];
    char codes[N_DELEGATIONS][16];
    int64_t t0;
    const char *dir;            /* the record the server writes */
    uint8_t ref[WV_MEETING_REF_BYTES]; /* its meeting_ref, which acts carry */
    int k;                      /* statements per delegation, group commit */
    int k1;                     /* the same, one fsync per act */
    char url[64], token[80];
    unsigned port;
    int curl;                   /* the delegations post with libcurl */
    pid_t child;
    /* per phase */
    blob *acts;                 /* [delegation * per + j] */
    int per;
    double *lat_ms;             /* one per act */
    pthread_barrier_t start;
    int failures;
    long entries;               /* in the log: every request here is admitted */
    pthread_mutex_t mu;
} bench;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static pid_t server_pid; /* killed on the way out */

static void die(const char *what, const wv_error *err)
{
    fprintf(stderr, "bench_serve: %s: %s\n", what, err ? err->message : "failed");
    if (server_pid > 0)
        kill(server_pid, SIGKILL);
    exit(2);
}

static wv_secret_key *seeded(const char *label)
{
    uint8_t seed[32];
    wv_secret_key *sk;
    wv_error err;
    crypto_generichash(seed, sizeof seed, (const uint8_t *)label, strlen(label),
                       (const uint8_t *)"bench_serve", 11);
    if (wv_secret_key_from_seed(seed, &sk, &err) != WV_OK)
        die("key", &err);
    return sk;
}

static wv_roster *make_roster(bench *b)
{
    wv_roster *r;
    wv_error err;
    if (wv_roster_default(&r, &err) != WV_OK)
        die("roster", &err);
    for (int i = 0; i < N_DELEGATIONS; i++) {
        wv_public_key pub;
        snprintf(b->codes[i], sizeof b->codes[i], "%s", wv_roster_member_at(r, (size_t)i)->code);
        b->keys[i] = seeded(b->codes[i]);
        wv_secret_key_public(b->keys[i], &pub);
        if (wv_roster_add_key(r, b->codes[i], &pub, 0, 0, &err) != WV_OK)
            die("roster key", &err);
    }
    b->sec = seeded("secretariat");
    if (wv_roster_sign(r, b->sec, &err) != WV_OK)
        die("roster sign", &err);
    return r;
}

static blob act(const bench *b, int who, int kind, uint32_t item, int choice, const char *text)
{
    wv_act a;
    blob out = {0};
    wv_error err;
    wtovote__v1__act__init(&a);
    a.version = WV_WIRE_VERSION;
    a.meeting_id = "BENCH-1";
    a.member = (char *)b->codes[who];
    a.kind = (Wtovote__V1__ActKind)kind;
    a.item = item;
    a.choice = (Wtovote__V1__Choice)choice;
    a.time = b->t0;
    a.statement = (char *)text;
    a.meeting_ref = (ProtobufCBinaryData){sizeof b->ref, (uint8_t *)b->ref};
    if (wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_ACT, &a.base, b->keys[who], &out.d, &out.n,
                         &err) != WV_OK)
        die("sign", &err);
    return out;
}

/* ------------------------------------------------------------ HTTP */

static size_t drop(char *p, size_t s, size_t n, void *c)
{
    (void)p, (void)c;
    return s * n;
}

static long post(CURL *c, const char *url, const void *body, size_t len, struct curl_slist *h)
{
    long code = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

static void chair(bench *b, const char *action, const char *json)
{
    char url[128], auth[128];
    snprintf(url, sizeof url, "%s/api/chair/%s", b->url, action);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", b->token);
    struct curl_slist *h = curl_slist_append(NULL, auth);
    CURL *c = curl_easy_init();
    long code = post(c, url, json, strlen(json), h);
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    if (code != 200) {
        fprintf(stderr, "bench_serve: chair %s: HTTP %ld\n", action, code);
        die("chair request refused", NULL);
    }
    b->entries++;
}

/* ------------------------------------------------------------ observers */

/* While the statements are posted, people watch: one client polls
 * /api/state and /record/checkpoint back to back, another follows the
 * event stream from its start until it has seen every entry of the log
 * (so the readers' locks are exercised under load, and under
 * ThreadSanitizer in the tsan build). */
typedef struct observer {
    bench *b;
    pthread_t poller, follower;
    atomic_int stop;            /* the phase is over */
    int reads, read_errors;
    double read_max_ms;
    long want;                  /* entries the stream must show; set after the phase */
    long seen;                  /* "event: entry" lines */
    char tail[16];              /* the end of the last chunk, for a line cut in two */
    pthread_mutex_t mu;
} observer;

static void *poll_state(void *arg)
{
    observer *o = arg;
    char url[2][128];
    snprintf(url[0], sizeof url[0], "%s/api/state", o->b->url);
    snprintf(url[1], sizeof url[1], "%s/record/checkpoint", o->b->url);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    for (int i = 0; !atomic_load(&o->stop); i++) {
        long code = 0;
        double t = now_ms();
        curl_easy_setopt(c, CURLOPT_URL, url[i & 1]);
        if (curl_easy_perform(c) == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        t = now_ms() - t;
        o->read_max_ms = t > o->read_max_ms ? t : o->read_max_ms;
        o->reads++;
        o->read_errors += code != 200;
    }
    curl_easy_cleanup(c);
    return NULL;
}

static size_t count_entries(char *p, size_t size, size_t n, void *arg)
{
    observer *o = arg;
    static const char key[] = "event: entry\n";
    size_t len = size * n, k = strlen(o->tail);
    char *joined = malloc(k + len + 1);
    if (joined == NULL)
        return 0;
    memcpy(joined, o->tail, k);
    memcpy(joined + k, p, len);
    joined[k + len] = '\0';
    long seen = 0;
    for (const char *q = joined; (q = strstr(q, key)) != NULL; q += sizeof key - 1)
        seen++;
    size_t keep = k + len < sizeof key - 2 ? k + len : sizeof key - 2; /* never a whole key */
    memcpy(o->tail, joined + k + len - keep, keep);
    o->tail[keep] = '\0';
    free(joined);
    pthread_mutex_lock(&o->mu);
    o->seen += seen;
    int done = o->seen >= o->want;
    pthread_mutex_unlock(&o->mu);
    return done ? 0 : len; /* 0 ends the transfer */
}

static void *follow_events(void *arg)
{
    observer *o = arg;
    char url[128];
    snprintf(url, sizeof url, "%s/api/events", o->b->url);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, count_entries);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, o);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L); /* bounded */
    curl_easy_perform(c);
    curl_easy_cleanup(c);
    return NULL;
}

static void observe(observer *o, bench *b)
{
    *o = (observer){.b = b, .want = 1L << 60, .mu = PTHREAD_MUTEX_INITIALIZER};
    pthread_create(&o->poller, NULL, poll_state, o);
    pthread_create(&o->follower, NULL, follow_events, o);
}

/* Entries in the log now: the stream must show them all. */
static void observe_end(observer *o, long entries)
{
    atomic_store(&o->stop, 1);
    pthread_join(o->poller, NULL);
    pthread_mutex_lock(&o->mu);
    o->want = entries;
    pthread_mutex_unlock(&o->mu);
    pthread_join(o->follower, NULL);
    printf("%-28s %d reads of /api/state and /record/checkpoint (slowest %.1f ms, %d not 200);"
           " event stream: %ld of %ld entries\n", "observers", o->reads, o->read_max_ms,
           o->read_errors, o->seen, entries);
    if (o->read_errors != 0 || o->seen != entries)
        die("an observer did not see what was recorded", NULL);
}

typedef struct worker {
    bench *b;
    int who;
    double began;               /* its first post (ms, monotonic) */
} worker;

/* A kept-alive HTTP/1.1 connection for the delegations' posts. libcurl
 * spends about 100 us of CPU per request here, on the same two cores as
 * the server it measures; this client, a few us. (`bench_serve K K1 curl`
 * posts with libcurl instead, for comparison.) */
typedef struct conn {
    int fd;
    char buf[8192];
    size_t have;
    char answer[256];   /* the start of the last response's body */
} conn;

static int conn_open(conn *c, unsigned port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    int one = 1;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c->have = 0;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0)
        return -1;
    return setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int send_all(int fd, const void *p, size_t n)
{
    for (const char *q = p; n > 0;) {
        ssize_t w = send(fd, q, n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        q += w, n -= (size_t)w;
    }
    return 0;
}

/* Reads one response (status line, headers, Content-Length bytes of body,
 * dropped); its status, or 0. */
static long conn_response(conn *c)
{
    char *end;
    while ((end = memmem(c->buf, c->have, "\r\n\r\n", 4)) == NULL) {
        ssize_t r = c->have < sizeof c->buf - 1 ? recv(c->fd, c->buf + c->have,
                                                       sizeof c->buf - 1 - c->have, 0) : -1;
        if (r <= 0)
            return 0;
        c->have += (size_t)r;
    }
    *end = '\0';
    long status = strncmp(c->buf, "HTTP/1.1 ", 9) == 0 ? strtol(c->buf + 9, NULL, 10) : 0;
    const char *cl = strcasestr(c->buf, "\r\nContent-Length:");
    size_t body = cl != NULL ? strtoul(cl + 17, NULL, 10) : 0;
    size_t used = (size_t)(end + 4 - c->buf);
    size_t shown = c->have - used < body ? c->have - used : body; /* a refusal's reason */
    snprintf(c->answer, sizeof c->answer, "%.*s", (int)shown, c->buf + used);
    while (c->have - used < body) { /* the rest of the body */
        body -= c->have - used;
        used = c->have = 0;
        ssize_t r = recv(c->fd, c->buf, sizeof c->buf, 0);
        if (r <= 0)
            return 0;
        c->have = (size_t)r;
    }
    used += body;
    memmove(c->buf, c->buf + used, c->have - used);
    c->have -= used;
    return status;
}

static long conn_post(conn *c, const void *body, size_t len)
{
    char head[160];
    int n = snprintf(head, sizeof head, "POST /api/acts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/x-protobuf\r\nContent-Length: %zu\r\n\r\n",
                     len);
    if (send_all(c->fd, head, (size_t)n) != 0 || send_all(c->fd, body, len) != 0)
        return 0;
    return conn_response(c);
}

static void failed(bench *b, int who, long code, const char *answer)
{
    pthread_mutex_lock(&b->mu);
    if (b->failures++ == 0)
        fprintf(stderr, "bench_serve: %s: HTTP %ld %s\n", b->codes[who], code, answer);
    pthread_mutex_unlock(&b->mu);
}

static void *delegation(void *arg)
{
    worker *w = arg;
    bench *b = w->b;
    char url[128];
    snprintf(url, sizeof url, "%s/api/acts", b->url);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/x-protobuf");
    CURL *c = b->curl ? curl_easy_init() : NULL;
    conn k = {.fd = -1};
    if (!b->curl && conn_open(&k, b->port) != 0)
        failed(b, w->who, 0, "cannot connect");
    pthread_barrier_wait(&b->start);
    w->began = now_ms();
    for (int j = 0; j < b->per; j++) {
        size_t i = (size_t)w->who * (size_t)b->per + (size_t)j;
        double t = now_ms();
        long code = c != NULL ? post(c, url, b->acts[i].d, b->acts[i].n, h)
                              : conn_post(&k, b->acts[i].d, b->acts[i].n);
        b->lat_ms[i] = now_ms() - t;
        if (code != 200)
            failed(b, w->who, code, c != NULL ? "" : k.answer);
    }
    if (k.fd >= 0)
        close(k.fd);
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct result {
    double seconds, per_second, p50, p99;
    int n;
    double server_us, committer_us, client_us; /* CPU time per act */
} result;

/* CPU seconds (user + system) of /proc/PATH/stat. */
static double cpu_of(const char *path)
{
    char buf[1024];
    unsigned long ut = 0, st = 0;
    FILE *f = fopen(path, "r");
    size_t n = f != NULL ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f != NULL)
        fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* after the command name */
    if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut,
                            &st) != 2)
        return 0;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* The server's CPU seconds, and its committer thread's (named wv-commit). */
static void server_cpu(const bench *b, double *all, double *committer)
{
    char path[96], comm[32];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)b->child);
    *all = cpu_of(path);
    *committer = 0;
    snprintf(path, sizeof path, "/proc/%d/task", (int)b->child);
    DIR *d = opendir(path);
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        snprintf(path, sizeof path, "/proc/%d/task/%.16s/comm", (int)b->child, e->d_name);
        FILE *f = fopen(path, "r");
        if (f != NULL && fgets(comm, sizeof comm, f) != NULL &&
            strncmp(comm, "wv-commit", 9) == 0) {
            snprintf(path, sizeof path, "/proc/%d/task/%.16s/stat", (int)b->child, e->d_name);
            *committer = cpu_of(path);
        }
        if (f != NULL)
            fclose(f);
    }
    if (d != NULL)
        closedir(d);
}

static double self_cpu(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
           u.ru_stime.tv_usec / 1e6;
}

/* Posts b->acts (per per delegation) from 166 threads released together. */
static result phase(bench *b)
{
    pthread_t t[N_DELEGATIONS];
    worker w[N_DELEGATIONS];
    int n = N_DELEGATIONS * b->per;
    b->lat_ms = calloc((size_t)n, sizeof *b->lat_ms);
    pthread_barrier_init(&b->start, NULL, N_DELEGATIONS + 1);
    for (int i = 0; i < N_DELEGATIONS; i++) {
        w[i] = (worker){b, i, 0};
        pthread_create(&t[i], NULL, delegation, &w[i]);
    }
    double srv0, com0, srv1, com1, self0 = self_cpu();
    server_cpu(b, &srv0, &com0);
    pthread_barrier_wait(&b->start);
    double t0 = 0; /* the first post: this thread may run after the barrier late */
    for (int i = 0; i < N_DELEGATIONS; i++) {
        pthread_join(t[i], NULL);
        t0 = i == 0 || w[i].began < t0 ? w[i].began : t0;
    }
    result r = {.seconds = (now_ms() - t0) / 1e3, .n = n};
    server_cpu(b, &srv1, &com1);
    r.server_us = (srv1 - srv0) * 1e6 / n;
    r.committer_us = (com1 - com0) * 1e6 / n;
    r.client_us = (self_cpu() - self0) * 1e6 / n;
    pthread_barrier_destroy(&b->start);
    qsort(b->lat_ms, (size_t)n, sizeof *b->lat_ms, cmp_double);
    r.per_second = n / r.seconds;
    b->entries += n;
    r.p50 = b->lat_ms[n / 2];
    r.p99 = b->lat_ms[(size_t)(n * 0.99)];
    free(b->lat_ms);
    for (int i = 0; i < n; i++)
        free(b->acts[i].d);
    free(b->acts);
    if (b->failures != 0) {
        fprintf(stderr, "bench_serve: %d acts not acknowledged\n", b->failures);
        die("acts refused", NULL);
    }
    return r;
}

static void prepare(bench *b, int per, int kind, uint32_t item, int choice)
{
    char text[32];
    b->per = per;
    b->acts = calloc((size_t)N_DELEGATIONS * (size_t)per, sizeof *b->acts);
    for (int i = 0; i < N_DELEGATIONS; i++)
        for (int j = 0; j < per; j++) {
            snprintf(text, sizeof text, "statement %d", j);
            /* the EU's bloc of 27 votes and its member States' own
             * ballots exclude each other (IX:1 fn 2): in the ballot round
             * the EU makes a statement instead */
            int eu_vote = kind == 5 && strcmp(b->codes[i], "EU") == 0;
            b->acts[i * per + j] = eu_vote ? act(b, i, 8, 1, 0, "explanation of vote")
                                           : act(b, i, kind, item, choice,
                                                 kind == 8 ? text : "");
        }
}

/* ------------------------------------------------------------ server */

static void serve_child(const char *dir, const wv_secret_key *sec, size_t max_batch, int fd)
{
    sigset_t set;
    int sig;
    wv_srv *s;
    wv_error err;
    wv_srv_config cfg = {.record = dir, .sk = sec, .max_batch = max_batch};
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    if (wv_srv_start(&cfg, &s, &err) != WV_OK)
        die("serve", &err);
    dprintf(fd, "%u %s\n", wv_srv_port(s), wv_srv_token(s));
    close(fd);
    sigwait(&set, &sig);
    wv_srv_stop(s);
    _exit(0);
}

static void start(bench *b, const wv_roster *r, size_t max_batch, char *dir)
{
    wv_error err;
    int p[2];
    char line[128];
    if (mkdtemp(dir) == NULL)
        die("mkdtemp", NULL);
    rmdir(dir);
    if (wv_record_create(dir, r, b->sec, NULL, "BENCH-1", &err) != WV_OK)
        die("record", &err);
    b->dir = dir;
    if (pipe(p) != 0)
        die("pipe", NULL);
    fflush(stdout); /* not printed again by the child */
    b->child = fork();
    if (b->child == 0) {
        close(p[0]);
        serve_child(dir, b->sec, max_batch, p[1]);
    }
    server_pid = b->child;
    b->entries = 0;
    close(p[1]);
    FILE *f = fdopen(p[0], "r");
    unsigned port = 0;
    if (f == NULL || fgets(line, sizeof line, f) == NULL ||
        sscanf(line, "%u %79s", &port, b->token) != 2)
        die("the server did not start", NULL);
    fclose(f);
    snprintf(b->url, sizeof b->url, "http://127.0.0.1:%u", port);
    b->port = port;
}

static long stop(bench *b)
{
    char path[64], line[256];
    long hwm = -1;
    snprintf(path, sizeof path, "/proc/%d/status", (int)b->child);
    FILE *f = fopen(path, "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmHWM:", 6) == 0)
            hwm = strtol(line + 6, NULL, 10);
    if (f != NULL)
        fclose(f);
    kill(b->child, SIGTERM);
    waitpid(b->child, NULL, 0);
    server_pid = 0;
    return hwm;
}

static void open_meeting(bench *b)
{
    char json[256], when[40];
    wv_time_format(b->t0, when, sizeof when);
    snprintf(json, sizeof json, "{\"body\":\"general-council\",\"quorum_numerator\":1,"
             "\"quorum_denominator\":100,\"time\":\"%s\"}", when);
    chair(b, "open", json);
    /* every act names the opening (SPEC.md, "Meeting identity"): read
     * from the record, as `act sign --record` does */
    wv_record *rec = NULL;
    wv_error err;
    if (wv_record_load(b->dir, NULL, NULL, &rec, &err) != WV_OK)
        die("record", &err);
    if (wv_meeting_ref(wv_record_meeting(rec), b->ref) != 0)
        die("the meeting was not opened", NULL);
    wv_record_close(rec);
    snprintf(json, sizeof json, "{\"procedure\":\"majority\",\"title\":\"Bench\",\"time\":\"%s\"}",
             when);
    chair(b, "table", json);
    prepare(b, 1, 1, 0, 0); /* everyone attends */
    phase(b);
}

static result ballots(bench *b)
{
    char json[128], when[40];
    wv_time_format(b->t0, when, sizeof when);
    snprintf(json, sizeof json, "{\"item\":1,\"time\":\"%s\"}", when);
    chair(b, "consensus-call", json);
    prepare(b, 1, 3, 1, 0); /* objections by all: consensus has failed */
    phase(b);
    chair(b, "vote-open", json);
    prepare(b, 1, 5, 1, 1);
    result r = phase(b);
    chair(b, "vote-close", json);
    chair(b, "decide", json);
    return r;
}

static void print(const char *what, const result *r)
{
    printf("%-28s %6d acts in %7.3f s: %8.0f acts/s, latency p50 %6.1f ms, p99 %6.1f ms\n",
           what, r->n, r->seconds, r->per_second, r->p50, r->p99);
    printf("%-28s CPU per act: server %.0f us (committer thread %.0f us), clients %.0f us\n",
           "", r->server_us, r->committer_us, r->client_us);
}

int main(int argc, char **argv)
{
    bench b = {.k = argc > 1 ? atoi(argv[1]) : 30, .k1 = argc > 2 ? atoi(argv[2]) : 3,
               .curl = argc > 3 && strcmp(argv[3], "curl") == 0,
               .mu = PTHREAD_MUTEX_INITIALIZER};
    if (wv_init() != 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || b.k < 1 ||
        b.k > 1000 || b.k1 < 0 || b.k1 > 1000 || (argc > 3 && !b.curl) || argc > 4)
        return fputs("usage: bench_serve [STATEMENTS_PER_DELEGATION (1..1000) "
                     "[ONE_FSYNC_PER_ACT (0..1000, default 3) [curl]]]\n", stderr), 2;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    b.t0 = (int64_t)time(NULL);
    wv_roster *r = make_roster(&b);
    char dir1[] = "/tmp/bench_serve.XXXXXX", dir2[] = "/tmp/bench_serve.XXXXXX";

    start(&b, r, 0, dir1);
    open_meeting(&b);
    result vote = ballots(&b);
    prepare(&b, b.k, 8, 1, 0);
    observer watch;
    observe(&watch, &b);
    result group = phase(&b);
    observe_end(&watch, b.entries);
    long rss = stop(&b);

    result single = {0};
    long rss1 = -1;
    if (b.k1 > 0) { /* a smaller count: at one fsync per act it takes K1/K of the time x ratio */
        start(&b, r, 1, dir2);
        open_meeting(&b);
        prepare(&b, b.k1, 8, 1, 0);
        single = phase(&b);
        rss1 = stop(&b);
    }

    printf("bench_serve: %d delegations on 127.0.0.1 (%s), %d statements each with group "
           "commit, %d with one fsync per act\n", N_DELEGATIONS,
           b.curl ? "libcurl" : "kept-alive sockets", b.k, b.k1);
    print("165 ballots + EU statement", &vote);
    print("group commit", &group);
    if (b.k1 > 0) {
        print("one fsync per act", &single);
        printf("group commit / one fsync per act: %.1fx\n", group.per_second / single.per_second);
    }
    printf("server peak RSS: %ld kB (group commit run), %ld kB (one fsync per act)\n", rss, rss1);
    printf("targets: ballots <= 1 s: %s; >= 5000 acts/s: %s; p99 <= 100 ms: %s\n",
           vote.seconds <= 1.0 ? "met" : "NOT met", group.per_second >= 5000 ? "met" : "NOT met",
           group.p99 <= 100 ? "met" : "NOT met");
    printf("records left in %s and %s (wtovote verify them; rm -r when done)\n", dir1, dir2);
    wv_roster_free(r);
    return 0;
}
