/* wtovote serve RECORD -s SECRETARIAT.key: a live meeting over HTTP (the
 * serve/ library; SPEC.md, "HTTP API"). Unlocks the Secretariat key once,
 * prints the URLs and the chair token, and runs until SIGINT or SIGTERM,
 * then finishes every acknowledged act, leaves the checkpoint written and
 * exits 0. Restarting on the same record resumes it. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "serve.h"
#include "wtovote/record.h"
#include "wtovote/util.h"

static const char HELP[] =
    "usage: wtovote serve RECORD -s SECRETARIAT.key [--listen ADDR:PORT]\n"
    "                     [--tls-cert CERT.pem --tls-key KEY.pem |\n"
    "                      --tls-self-signed [--tls-cert-out CERT.pem]]\n"
    "       wtovote serve --demo [--out DIR] [--demo-pace S] [--demo-wait S]\n"
    "                     [--demo-chair auto|person] [--demo-seed N] [--listen ...]\n\n"
    "Runs the meeting in RECORD (made by `wtovote meeting open`) as a server:\n"
    "delegations post their signed acts (the bytes of an offline .act) and get\n"
    "their receipt once the act is durable; the chair drives the meeting with the\n"
    "chair token printed at start; anyone reads the state, the event stream and\n"
    "the record as it grows (`wtovote verify URL`). While a vote is open the\n"
    "ballots are withheld from /record/ (who voted is public, not how).\n\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; port 0: any\n"
    "                      free port; 0.0.0.0:8080 opens it to the room's LAN)\n"
    "  --tls-cert F --tls-key F   serve HTTPS with this certificate and key (PEM)\n"
    "  --tls-self-signed   make a certificate now and print its SHA-256\n"
    "                      fingerprint (show it on the projector)\n"
    "  --tls-cert-out F    write that certificate (public) to F, for clients'\n"
    "                      --cacert once they have checked its fingerprint\n\n"
    "--demo: a ready room (MANUAL.md, \"A live demo room\"). A new record in DIR (default\n"
    "a new directory in $TMPDIR or /tmp, named at start) for the embedded roster\n"
    "of 166 Members, a key for each and for the Secretariat (DIR/secretariat.key),\n"
    "the meeting open and an Art. IX:3(a) waiver tabled. Open /delegate, take a\n"
    "seat: every delegation no browser has taken is played by the simulator's\n"
    "model (as in `wtovote simulate`), signing its own acts. The automated chair\n"
    "confirms the keys presented, waits for the browser delegations to be seated\n"
    "(--demo-wait, default 300 s), then calls for consensus, opens the vote,\n"
    "decides and closes, waiting at each step at most --demo-pace seconds\n"
    "(default 20) and moving on once every browser delegation present has acted\n"
    "(asked for a vote; voted). --demo-chair person leaves the chair to a person\n"
    "at /chair with the chair token. --demo-seed N: the model's draws (default 0).\n\n"
    "Stop with Ctrl-C (SIGINT) or SIGTERM: acts already acknowledged are on disk;\n"
    "acts still in flight are answered before the server exits.\n\n"
    "exit codes: 0 stopped cleanly, 1 refused (record or key), 2 usage or I/O\n";

typedef struct serve_opts {
    const char *record, *key, *cert, *tls_key, *cert_out;
    char address[64];
    long port;
    int self_signed;
    int demo, demo_person;       /* --demo; --demo-chair person */
    const char *out;             /* --out DIR */
    long long pace, wait, seed;  /* --demo-pace, --demo-wait, --demo-seed */
} serve_opts;

/* "ADDR:PORT", "[V6ADDR]:PORT" or ":PORT" / "PORT" (loopback). */
static int parse_listen(const char *text, serve_opts *o)
{
    const char *colon = strrchr(text, ':');
    const char *port = colon ? colon + 1 : text;
    size_t alen = colon ? (size_t)(colon - text) : 0;
    if (alen >= 2 && text[0] == '[' && text[alen - 1] == ']')
        text++, alen -= 2;
    if (alen >= sizeof o->address || (o->port = wv_cli_parse_uint(port, 65535)) < 0)
        return wv_cli_usage_error("--listen %s: expected ADDR:PORT", text);
    if (alen > 0)
        snprintf(o->address, sizeof o->address, "%.*s", (int)alen, text);
    return WV_EXIT_OK;
}

static int parse_demo(int c, const char *arg, serve_opts *o)
{
    long long *n = c == 'P' ? &o->pace : c == 'W' ? &o->wait : c == 'E' ? &o->seed : NULL;
    if (c == 'D')
        o->demo = 1;
    else if (c == 'O')
        o->out = arg;
    else if (c == 'C' && (strcmp(arg, "auto") == 0 || strcmp(arg, "person") == 0))
        o->demo_person = arg[0] == 'p';
    else if (c == 'C')
        return wv_cli_usage_error("--demo-chair %s: auto or person", arg);
    else if ((*n = wv_cli_parse_uint(arg, c == 'E' ? INT64_MAX : 86400)) < (c == 'E' ? 0 : 1))
        return wv_cli_usage_error("%s: expected %s", arg, c == 'E' ? "a number"
                                                                   : "seconds, 1 to 86400");
    return WV_EXIT_OK;
}

static int parse(int argc, char **argv, serve_opts *o)
{
    static const struct option longs[] = {
        {"listen", required_argument, NULL, 'l'},  {"tls-cert", required_argument, NULL, 'c'},
        {"tls-key", required_argument, NULL, 'k'}, {"tls-self-signed", no_argument, NULL, 'S'},
        {"tls-cert-out", required_argument, NULL, 'o'}, {"demo", no_argument, NULL, 'D'},
        {"out", required_argument, NULL, 'O'},      {"demo-pace", required_argument, NULL, 'P'},
        {"demo-wait", required_argument, NULL, 'W'}, {"demo-chair", required_argument, NULL, 'C'},
        {"demo-seed", required_argument, NULL, 'E'}, {NULL, 0, NULL, 0}};
    int c, rc = WV_EXIT_OK;
    memset(o, 0, sizeof *o);
    snprintf(o->address, sizeof o->address, "127.0.0.1");
    o->port = 8080;
    optind = 1;
    while (rc == WV_EXIT_OK && (c = getopt_long(argc, argv, "s:", longs, NULL)) != -1) {
        if (c == 's')
            o->key = optarg;
        else if (c == 'l')
            rc = parse_listen(optarg, o);
        else if (c == 'c')
            o->cert = optarg;
        else if (c == 'k')
            o->tls_key = optarg;
        else if (c == 'S')
            o->self_signed = 1;
        else if (c == 'o')
            o->cert_out = optarg;
        else if (c == 'D' || c == 'O' || c == 'P' || c == 'W' || c == 'C' || c == 'E')
            rc = parse_demo(c, optarg, o);
        else
            rc = wv_cli_usage_error("serve: see wtovote serve --help");
    }
    if (rc == WV_EXIT_OK && o->demo && (optind != argc || o->key != NULL))
        rc = wv_cli_usage_error("serve --demo makes its own record and keys: no RECORD, no -s");
    else if (rc == WV_EXIT_OK && !o->demo && (o->out || o->pace || o->wait || o->seed))
        rc = wv_cli_usage_error("serve: --out and --demo-* go with --demo");
    else if (rc == WV_EXIT_OK && !o->demo && (optind + 1 != argc || o->key == NULL))
        rc = wv_cli_usage_error("serve: needs RECORD and -s SECRETARIAT.key (see --help)");
    if (rc == WV_EXIT_OK && (!o->cert != !o->tls_key || (o->cert && o->self_signed)))
        rc = wv_cli_usage_error("serve: give --tls-cert and --tls-key together, or "
                                "--tls-self-signed alone");
    if (rc == WV_EXIT_OK && o->cert_out && !o->self_signed)
        rc = wv_cli_usage_error("serve: --tls-cert-out goes with --tls-self-signed");
    o->record = rc == WV_EXIT_OK && !o->demo ? argv[optind] : NULL;
    return rc;
}

static int read_pem(const char *path, char **out)
{
    uint8_t *data = NULL;
    size_t len = 0;
    wv_error err;
    if (wv_file_read(path, 1u << 20, &data, &len, &err) != WV_OK)
        return wv_cli_fail(&err);
    *out = realloc(data, len + 1);
    if (*out == NULL)
        return free(data), wv_cli_usage_error("%s: out of memory", path);
    (*out)[len] = '\0';
    return WV_EXIT_OK;
}

static int load_tls(const serve_opts *o, char **cert, char **key)
{
    wv_error err;
    char fp[96];
    if (o->self_signed) {
        const char *host = strcmp(o->address, "0.0.0.0") == 0 ? "wtovote.local" : o->address;
        if (wv_srv_self_signed(host, cert, key, fp, &err) != WV_OK)
            return wv_cli_fail(&err);
        printf("TLS certificate (self-signed) SHA-256 fingerprint:\n  %s\n", fp);
        if (o->cert_out != NULL && wv_file_write_atomic(o->cert_out, *cert, strlen(*cert), 0644,
                                                        WV_WRITE_REPLACE, &err) != WV_OK)
            return wv_cli_fail(&err);
        if (o->cert_out != NULL)
            printf("  certificate written to %s\n", o->cert_out);
        return WV_EXIT_OK;
    }
    if (o->cert == NULL)
        return WV_EXIT_OK;
    int rc = read_pem(o->cert, cert);
    return rc == WV_EXIT_OK ? read_pem(o->tls_key, key) : rc;
}

static void print_started(const serve_opts *o, const wv_srv *s, int tls, char base[128])
{
    int v6 = strchr(o->address, ':') != NULL;
    snprintf(base, 128, "%s://%s%s%s:%u", tls ? "https" : "http", v6 ? "[" : "",
             o->address, v6 ? "]" : "", wv_srv_port(s));
    if (wv_srv_recovery_message(s) != NULL)
        fprintf(stderr, "wtovote: %s\n", wv_srv_recovery_message(s));
    printf("serving %s at %s/\n", o->record, base);
    printf("  state:    %s/api/state\n  events:   %s/api/events\n", base, base);
    printf("  acts:     POST %s/api/acts\n  record:   %s/record/  (wtovote verify %s/)\n",
           base, base, base);
    printf("  chair token: %s\n", wv_srv_token(s));
    printf("stop with Ctrl-C\n");
    fflush(stdout);
}

/* ---- --demo ---- */

static void demo_say(void *ctx, const char *line)
{
    (void)ctx;
    printf("demo: %s\n", line);
    fflush(stdout);
}

static int dir_is_empty(const char *path)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    int empty = dir != NULL;
    while (empty && (e = readdir(dir)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    if (dir != NULL)
        closedir(dir);
    return empty;
}

/* --out DIR (made when missing; must be empty), else a new directory in
 * $TMPDIR or /tmp. */
static int demo_dir(const serve_opts *o, char *dir, size_t cap)
{
    if (o->out == NULL) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, cap, "%s/wtovote-demo.XXXXXX",
                 tmp != NULL && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
        return mkdtemp(dir) != NULL ? WV_EXIT_OK
                                    : wv_cli_usage_error("%s: %s", dir, strerror(errno));
    }
    snprintf(dir, cap, "%s", o->out);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return wv_cli_usage_error("%s: %s", dir, strerror(errno));
    return dir_is_empty(dir) ? WV_EXIT_OK
                             : wv_cli_usage_error("%s: the demo needs a new or empty directory",
                                                  dir);
}

static int make_demo(serve_opts *o, char *dir, size_t cap, wv_demo **demo)
{
    int rc = demo_dir(o, dir, cap);
    wv_demo_config cfg = {.dir = dir, .seed = (uint64_t)o->seed,
                          .pace_seconds = (unsigned)o->pace, .wait_seconds = (unsigned)o->wait,
                          .manual_chair = o->demo_person, .say = demo_say};
    wv_error err;
    if (rc == WV_EXIT_OK && wv_demo_new(&cfg, demo, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == WV_EXIT_OK)
        o->record = wv_demo_record(*demo);
    return rc;
}

static void print_demo(const serve_opts *o, const char *base, const char *token,
                       const char *dir)
{
    printf("demo room in %s (Secretariat key: %s/secretariat.key)\n", dir, dir);
    printf("  take a seat: %s/delegate\n  board:       %s/board\n", base, base);
    if (o->demo_person)
        printf("  chair:       %s/chair#token=%s  (yours)\n", base, token);
    else
        printf("  chair:       automated; it waits for your delegation to be seated\n");
    fflush(stdout);
}

/* Waits for SIGINT or SIGTERM (blocked in every thread, taken here). */
static void wait_for_stop(const sigset_t *set)
{
    int sig = 0;
    sigwait(set, &sig);
}

int wv_cmd_serve(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(HELP, stdout), WV_EXIT_OK;
    serve_opts o;
    int rc = parse(argc, argv, &o);
    char *cert = NULL, *tls_key = NULL, dir[4096], base[128];
    wv_secret_key *sk = NULL;
    wv_demo *demo = NULL;
    if (rc == WV_EXIT_OK)
        rc = load_tls(&o, &cert, &tls_key);
    if (rc == WV_EXIT_OK)
        rc = o.demo ? make_demo(&o, dir, sizeof dir, &demo) : wv_cli_load_secret_key(o.key, &sk);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* before any thread starts */
    signal(SIGPIPE, SIG_IGN);
    wv_srv *s = NULL;
    wv_error err;
    wv_srv_config cfg = {.record = o.record, .sk = demo ? wv_demo_secretariat(demo) : sk,
                         .address = o.address,
                         .port = (uint16_t)o.port, .tls_cert_pem = cert, .tls_key_pem = tls_key};
    if (rc == WV_EXIT_OK && wv_srv_start(&cfg, &s, &err) != WV_OK) {
        wv_error_prefix(&err, "%s", o.record);
        rc = wv_cli_fail(&err);
    }
    if (rc == WV_EXIT_OK) {
        print_started(&o, s, cert != NULL, base);
        if (demo != NULL)
            print_demo(&o, base, wv_srv_token(s), dir);
        if (demo != NULL && wv_demo_start(demo, s, &err) != WV_OK)
            rc = wv_cli_fail(&err);
        else
            wait_for_stop(&set);
        char record[4096]; /* o.record may be the demo's, freed below */
        snprintf(record, sizeof record, "%s", o.record);
        wv_demo_free(demo); /* its thread stops before the server */
        demo = NULL;
        wv_srv_stop(s);
        printf("stopped: every acknowledged act is in %s and its checkpoint written\n",
               record);
    }
    wv_demo_free(demo);
    wv_secret_key_free(sk);
    if (tls_key != NULL)
        wv_secure_free_string(tls_key);
    free(cert);
    return rc;
}
