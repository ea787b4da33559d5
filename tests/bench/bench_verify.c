/* Benchmark of the verifier (not a test): builds a record of N signed acts
 * (default 1,000,000: a General Council meeting where the 166 Members
 * attend and make statements on one item, then a decision), then reports
 * `wtovote verify` throughput at --jobs 1 and --jobs 2 next to the raw
 * crypto_sign_verify_detached rate measured in the same run on the same
 * signed messages, and the verifier's peak RSS (each verify runs in a
 * child process: getrusage of that child alone).
 *
 *   bench_verify [--acts N] [--out DIR] [--keep] [--build-only]
 *   bench_verify --empty --out DIR   (a record with an empty log, for tests)
 *                [--act-out FILE --receipt-out FILE]
 *   bench_verify --verify-only DIR --jobs N     (internal: one timed run)
 *
 * Keys are deterministic (wv_secret_key_from_seed), so a record built
 * twice is the same. --build-only with --act-out/--receipt-out is what the
 * CLI tests use to get a small record, an act and its receipt. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "wtovote/pb.h"
#include "../unit/record_fixture.h"

#define BATCH 4096
#define RAW_SAMPLE 20000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The raw sample: signed messages (tag || 0x00 || body), signatures, keys. */
typedef struct raw {
    uint8_t *msg[RAW_SAMPLE];
    size_t len[RAW_SAMPLE];
    uint8_t sig[RAW_SAMPLE][64];
    uint8_t pk[RAW_SAMPLE][32];
    size_t n;
} raw;

static void raw_add(raw *r, const rf *f, const rf_env *e)
{
    if (r->n == RAW_SAMPLE)
        return;
    wv_envelope *env;
    if (wv_envelope_decode(e->buf, e->len, &env, NULL) != WV_OK)
        abort();
    const char *tag = wv_domain_tag(env->type);
    size_t tl = strlen(tag);
    uint8_t *m = malloc(tl + 1 + env->body.len);
    memcpy(m, tag, tl);
    m[tl] = 0;
    memcpy(m + tl + 1, env->body.data, env->body.len);
    r->msg[r->n] = m;
    r->len[r->n] = tl + 1 + env->body.len;
    memcpy(r->sig[r->n], env->signature.data, 64);
    /* The act's Member key, looked up by key id through the roster. */
    wv_public_key pub;
    wv_act *act = NULL;
    if (wv_act_decode(env->body.data, env->body.len, &act, NULL) == WV_OK &&
        wv_roster_key_check(f->roster, env->key_id.data, act->member, act->time, &pub,
                            NULL) == WV_OK)
        memcpy(r->pk[r->n], pub.pk, 32);
    wv_message_free(act);
    wv_message_free(env);
    r->n++;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Signatures per wall-clock second, and per CPU second in *per_cpu (the
 * machine may be shared: CPU time is what a busy neighbour cannot take). */
static double raw_rate(const raw *r, double *per_cpu)
{
    size_t done = 0;
    double t0 = now(), c0 = cpu_now(), t;
    do {
        for (size_t i = 0; i < r->n; i++)
            if (crypto_sign_verify_detached(r->sig[i], r->msg[i], r->len[i], r->pk[i]) != 0)
                abort();
        done += r->n;
    } while ((t = now() - t0) < 3.0);
    *per_cpu = (double)done / (cpu_now() - c0);
    return (double)done / t;
}

static void append_batch(wv_record *rec, rf_env *envs, size_t n)
{
    const uint8_t *ptrs[BATCH];
    size_t lens[BATCH];
    static wv_append_result res[BATCH];
    for (size_t i = 0; i < n; i++) {
        ptrs[i] = envs[i].buf;
        lens[i] = envs[i].len;
    }
    size_t appended;
    wv_error err;
    if (wv_record_append_many(rec, ptrs, lens, n, 0, res, &appended, &err) != WV_OK ||
        appended != n) {
        fprintf(stderr, "append: %s %s\n", err.message, res[0].error.message);
        exit(2);
    }
    for (size_t i = 0; i < n; i++)
        free(envs[i].buf);
}

static int write_out(const char *path, const uint8_t *b, size_t len)
{
    wv_error err;
    if (path != NULL && wv_file_write_atomic(path, b, len, 0644, 0, &err) != WV_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

/* open, everyone attends, item 1 tabled and called, statements up to
 * `acts` acts in all, one act appended alone for its receipt, decision. */
static int build(rf *f, const char *dir, uint64_t acts, raw *r, const char *act_out,
                 const char *receipt_out)
{
    wv_error err;
    wv_record *rec;
    if (wv_record_create(dir, f->roster, f->sec, NULL, RF_MID, &err) != WV_OK ||
        wv_record_open(dir, f->sec, NULL, NULL, &rec, &err) != WV_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    static rf_env envs[BATCH];
    size_t n = 0;
    rf_append(rec, rf_open(f, RF_MID));
    for (size_t i = 0; i < f->n_members; i++)
        envs[n++] = rf_act(f, i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE);
    append_batch(rec, envs, n);
    n = 0;
    rf_append(rec, rf_table(f, 1, "consensus"));
    rf_append(rec, rf_chair(f, WV_CHAIR_CONSENSUS_CALL, 1));
    uint64_t done = f->n_members + 1;
    double t0 = now();
    for (uint64_t k = 0; done < acts; k++, done++) {
        rf_env e = rf_act_sk(f, (size_t)(k % f->n_members), WV_ACT_STATEMENT, 1, WV_CHOICE_NONE,
                             "We support the proposal.", NULL);
        raw_add(r, f, &e);
        envs[n++] = e;
        if (n == BATCH) {
            append_batch(rec, envs, n);
            n = 0;
        }
        if (k % 100000 == 99999)
            fprintf(stderr, "  built %llu acts (%.0f s)\n", (unsigned long long)done + 1,
                    now() - t0);
    }
    append_batch(rec, envs, n);
    rf_env last = rf_act_sk(f, 0, WV_ACT_STATEMENT, 1, WV_CHOICE_NONE, "Closing remark.", NULL);
    uint8_t *receipt = NULL;
    size_t rlen = 0;
    if (wv_record_append(rec, last.buf, last.len, NULL, NULL, &receipt, &rlen, &err) != WV_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    int rc = write_out(act_out, last.buf, last.len) | write_out(receipt_out, receipt, rlen);
    free(receipt);
    free(last.buf);
    rf_append(rec, rf_decide(f, wv_record_meeting(rec), 1, 0));
    rf_append(rec, rf_chair(f, WV_CHAIR_MEETING_CLOSE, 0));
    wv_record_close(rec);
    return rc;
}

/* The process's peak RSS in KiB (VmHWM: counted from its exec, so not the
 * builder's pages a forked child shares until then); -1 when unknown. */
static long peak_rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
            break;
    if (f != NULL)
        fclose(f);
    return kib;
}

/* Child: one timed verify; prints "seconds entries ok peak_rss_kib". */
static int verify_only(const char *dir, unsigned jobs)
{
    wv_verify_options opt = {.jobs = jobs};
    static wv_verify_report rep;
    wv_error err;
    double t0 = now();
    wv_status st = wv_record_verify(dir, &opt, &rep, &err);
    double t = now() - t0;
    if (st != WV_OK)
        fprintf(stderr, "verify: %s\n", err.message);
    printf("%f %llu %d %ld\n", t, (unsigned long long)rep.entries, st == WV_OK,
           peak_rss_kib());
    return st == WV_OK ? 0 : 1;
}

static int timed_child(const char *dir, unsigned jobs, double *secs, double *cpu,
                       unsigned long long *entries, long *maxrss_kib)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        char j[16];
        snprintf(j, sizeof j, "%u", jobs);
        execl("/proc/self/exe", "bench_verify", "--verify-only", dir, "--jobs", j, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char buf[128] = {0};
    ssize_t got = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    int status, ok = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || got <= 0)
        return -1;
    long hwm = -1;
    if (sscanf(buf, "%lf %llu %d %ld", secs, entries, &ok, &hwm) != 4 || !ok)
        return -1;
    /* getrusage's maxrss of a forked child counts the parent's pages it
     * shared before its exec; the child's own VmHWM does not. */
    *maxrss_kib = hwm >= 0 ? hwm : ru.ru_maxrss;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void remove_record(const char *dir)
{
    rf_record_remove(dir);
}

static int bench(const char *dir, const raw *r)
{
    double raw_cpu, rate = raw_rate(r, &raw_cpu), s[3], cpu[3];
    unsigned long long n[3];
    long rss[3];
    printf("raw crypto_sign_verify_detached (%zu signed acts, 1 thread): %.0f signatures/s "
           "wall, %.0f per CPU second\n", r->n, rate, raw_cpu);
    fflush(stdout);
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        if (timed_child(dir, jobs, &s[jobs], &cpu[jobs], &n[jobs], &rss[jobs]) != 0) {
            fprintf(stderr, "verify --jobs %u failed\n", jobs);
            return 1;
        }
        double again_cpu, again = raw_rate(r, &again_cpu);
        printf("verify --jobs %u: %llu entries in %.2f s wall, %.2f s CPU = %.0f entries/s "
               "(%.1f%% of raw wall), %.0f per CPU second (%.1f%% of raw per CPU second); "
               "peak RSS %.1f MiB; raw rate re-measured after it: %.0f/s wall\n",
               jobs, n[jobs], s[jobs], cpu[jobs], (double)n[jobs] / s[jobs],
               100.0 * (double)n[jobs] / s[jobs] / rate, (double)n[jobs] / cpu[jobs],
               100.0 * (double)n[jobs] / cpu[jobs] / raw_cpu, (double)rss[jobs] / 1024.0, again);
        fflush(stdout);
    }
    double speedup = s[1] / s[2];
    printf("jobs 2 / jobs 1 wall-clock speed-up: %.2fx (CPU time jobs 2 / jobs 1: %.2f)\n",
           speedup, cpu[2] / cpu[1]);
    printf("targets: jobs 1 >= 90%% of raw (wall): %s, (per CPU second): %s; jobs 2 >= 1.7x: %s; "
           "peak RSS < 64 MiB: %s\n",
           (double)n[1] / s[1] >= 0.9 * rate ? "met" : "NOT met",
           (double)n[1] / cpu[1] >= 0.9 * raw_cpu ? "met" : "NOT met",
           speedup >= 1.7 ? "met" : "NOT met",
           rss[1] < 64 * 1024 && rss[2] < 64 * 1024 ? "met" : "NOT met");
    return 0;
}

int main(int argc, char **argv)
{
    if (wv_init() != 0)
        return 2;
    static const struct option opts[] = {{"acts", required_argument, NULL, 'n'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"keep", no_argument, NULL, 'k'},
                                         {"build-only", no_argument, NULL, 'b'},
                                         {"act-out", required_argument, NULL, 'a'},
                                         {"receipt-out", required_argument, NULL, 'r'},
                                         {"verify-only", required_argument, NULL, 'v'},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"empty", no_argument, NULL, 'e'},
                                         {NULL, 0, NULL, 0}};
    uint64_t acts = 1000000;
    const char *out = NULL, *act_out = NULL, *receipt_out = NULL, *verify_dir = NULL;
    int keep = 0, build_only = 0, empty = 0, c;
    unsigned jobs = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n': acts = strtoull(optarg, NULL, 10); break;
        case 'o': out = optarg; break;
        case 'k': keep = 1; break;
        case 'b': build_only = keep = 1; break;
        case 'a': act_out = optarg; break;
        case 'r': receipt_out = optarg; break;
        case 'v': verify_dir = optarg; break;
        case 'j': jobs = (unsigned)atoi(optarg); break;
        case 'e': empty = 1; break;
        default: fprintf(stderr, "see the comment at the top of bench_verify.c\n"); return 2;
        }
    }
    if (verify_dir != NULL)
        return verify_only(verify_dir, jobs);
    char tmp[256];
    if (out == NULL) {
        snprintf(tmp, sizeof tmp, "/tmp/wv_bench_verify_XXXXXX");
        if (mkdtemp(tmp) == NULL)
            return 2;
        out = tmp;
    }
    static rf f;
    static raw r;
    if (rf_init(&f, 166) != 0)
        return 2;
    if (empty) /* the meeting never opened */
        return wv_record_create(out, f.roster, f.sec, NULL, RF_MID, NULL) == WV_OK ? 0 : 2;
    if (acts < f.n_members + 2)
        acts = f.n_members + 2;
    fprintf(stderr, "building a record of %llu acts in %s\n", (unsigned long long)acts, out);
    double t0 = now();
    if (build(&f, out, acts, &r, act_out, receipt_out) != 0)
        return 2;
    fprintf(stderr, "built in %.1f s\n", now() - t0);
    int rc = build_only ? 0 : bench(out, &r);
    if (!keep)
        remove_record(out);
    for (size_t i = 0; i < r.n; i++)
        free(r.msg[i]);
    rf_free(&f);
    return rc;
}
