/* wtovote serve RECORD -s SECRETARIAT.key: a live meeting over HTTP (the
 * serve/ library; SPEC.md, "HTTP API"). Unlocks the Secretariat key once,
 * prints the URLs and the chair token, and runs until SIGINT or SIGTERM,
 * then finishes every acknowledged act, leaves the checkpoint written and
 * exits 0. Restarting on the same record resumes it. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "serve.h"
#include "wtovote/record.h"
#include "wtovote/util.h"

static const char HELP[] =
    "usage: wtovote serve RECORD -s SECRETARIAT.key [--listen ADDR:PORT]\n"
    "                     [--tls-cert CERT.pem --tls-key KEY.pem |\n"
    "                      --tls-self-signed [--tls-cert-out CERT.pem]]\n\n"
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
    "Stop with Ctrl-C (SIGINT) or SIGTERM: acts already acknowledged are on disk;\n"
    "acts still in flight are answered before the server exits.\n\n"
    "exit codes: 0 stopped cleanly, 1 refused (record or key), 2 usage or I/O\n";

typedef struct serve_opts {
    const char *record, *key, *cert, *tls_key, *cert_out;
    char address[64];
    long port;
    int self_signed;
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

static int parse(int argc, char **argv, serve_opts *o)
{
    static const struct option longs[] = {
        {"listen", required_argument, NULL, 'l'},  {"tls-cert", required_argument, NULL, 'c'},
        {"tls-key", required_argument, NULL, 'k'}, {"tls-self-signed", no_argument, NULL, 'S'},
        {"tls-cert-out", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
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
        else
            rc = wv_cli_usage_error("serve: see wtovote serve --help");
    }
    if (rc == WV_EXIT_OK && (optind + 1 != argc || o->key == NULL))
        rc = wv_cli_usage_error("serve: needs RECORD and -s SECRETARIAT.key (see --help)");
    if (rc == WV_EXIT_OK && (!o->cert != !o->tls_key || (o->cert && o->self_signed)))
        rc = wv_cli_usage_error("serve: give --tls-cert and --tls-key together, or "
                                "--tls-self-signed alone");
    if (rc == WV_EXIT_OK && o->cert_out && !o->self_signed)
        rc = wv_cli_usage_error("serve: --tls-cert-out goes with --tls-self-signed");
    o->record = rc == WV_EXIT_OK ? argv[optind] : NULL;
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

static void print_started(const serve_opts *o, const wv_srv *s, int tls)
{
    char base[128];
    int v6 = strchr(o->address, ':') != NULL;
    snprintf(base, sizeof base, "%s://%s%s%s:%u", tls ? "https" : "http", v6 ? "[" : "",
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
    char *cert = NULL, *tls_key = NULL;
    wv_secret_key *sk = NULL;
    if (rc == WV_EXIT_OK)
        rc = load_tls(&o, &cert, &tls_key);
    if (rc == WV_EXIT_OK)
        rc = wv_cli_load_secret_key(o.key, &sk);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* before any thread starts */
    signal(SIGPIPE, SIG_IGN);
    wv_srv *s = NULL;
    wv_error err;
    wv_srv_config cfg = {.record = o.record, .sk = sk, .address = o.address,
                         .port = (uint16_t)o.port, .tls_cert_pem = cert, .tls_key_pem = tls_key};
    if (rc == WV_EXIT_OK && wv_srv_start(&cfg, &s, &err) != WV_OK) {
        wv_error_prefix(&err, "%s", o.record);
        rc = wv_cli_fail(&err);
    }
    if (rc == WV_EXIT_OK) {
        print_started(&o, s, cert != NULL);
        wait_for_stop(&set);
        wv_srv_stop(s);
        printf("stopped: every acknowledged act is in %s and its checkpoint written\n",
               o.record);
    }
    wv_secret_key_free(sk);
    if (tls_key != NULL)
        wv_secure_free_string(tls_key);
    free(cert);
    return rc;
}
