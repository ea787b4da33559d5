/* wtovote keygen / sign / sig-verify: minisign-compatible key pairs and
 * detached signatures (SPEC.md, "Keys and signature files"). Exit codes: 0 ok, 1 refused or
 * verification failure (wrong passphrase, bad signature, would overwrite),
 * 2 usage or unreadable/malformed input. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "wtovote/keys.h"
#include "wtovote/util.h"

#define SIGFILE_MAX ((size_t)64 * 1024)

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

/* ---- keygen ---- */

static const char KEYGEN_HELP[] =
    "usage: wtovote keygen -o NAME [--no-password] [-c COMMENT] [-f]\n\n"
    "Makes an Ed25519 key pair in minisign's format: NAME.pub (public key) and\n"
    "NAME.key (secret key, mode 0600). The secret key is encrypted with a\n"
    "passphrase (scrypt, as minisign does) read from $WTOVOTE_PASSPHRASE or the\n"
    "terminal, unless --no-password (an unencrypted key, like `minisign -G -W`).\n"
    "WTOVOTE_KDF=interactive selects fast scrypt limits (tests, demos); the\n"
    "default is minisign's \"sensitive\" limits. Prints the key id.\n\n"
    "  -o, --output NAME    file name stem (writes NAME.pub and NAME.key)\n"
    "  -W, --no-password    do not encrypt the secret key\n"
    "  -c, --comment TEXT   untrusted comment for both files\n"
    "  -f, --force          replace existing files\n\n"
    "exit codes: 0 written, 1 refused (files exist), 2 usage or I/O error\n";

typedef struct keygen_opts {
    const char *name, *comment;
    int no_password, force;
} keygen_opts;

static int keygen_parse(int argc, char **argv, keygen_opts *o)
{
    static const struct option longs[] = {{"output", required_argument, NULL, 'o'},
                                          {"no-password", no_argument, NULL, 'W'},
                                          {"comment", required_argument, NULL, 'c'},
                                          {"force", no_argument, NULL, 'f'},
                                          {NULL, 0, NULL, 0}};
    int c;
    memset(o, 0, sizeof *o);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:Wc:f", longs, NULL)) != -1) {
        switch (c) {
        case 'o': o->name = optarg; break;
        case 'W': o->no_password = 1; break;
        case 'c': o->comment = optarg; break;
        case 'f': o->force = 1; break;
        default: return wv_cli_usage_error("keygen: see wtovote keygen --help");
        }
    }
    if (o->name == NULL || *o->name == '\0' || optind != argc)
        return wv_cli_usage_error("keygen: -o NAME is required, and nothing else "
                                  "(see wtovote keygen --help)");
    return 0;
}

/* Writes both files as one change: after a failure the old pair (or, without
 * -f, nothing) is left, never a new secret key beside an old public key. */
static int keygen_write(const keygen_opts *o, const char *pub_path, const char *key_path,
                        const char *pub_text, const char *key_text)
{
    wv_error err;
    const wv_file_part pair[2] = {{key_path, key_text, strlen(key_text), 0600},
                                  {pub_path, pub_text, strlen(pub_text), 0644}};
    if (wv_file_write_pair_atomic(pair, o->force ? WV_WRITE_REPLACE : WV_WRITE_EXCLUSIVE,
                                  &err) != WV_OK)
        return wv_cli_fail(&err);
    return WV_EXIT_OK;
}

static int keygen_run(const keygen_opts *o, const char *pub_path, const char *key_path)
{
    if (!o->force && (access(pub_path, F_OK) == 0 || access(key_path, F_OK) == 0)) {
        fprintf(stderr, "wtovote: %s: already exists (use -f to replace the key pair)\n",
                access(key_path, F_OK) == 0 ? key_path : pub_path);
        return WV_EXIT_REFUSED;
    }
    char *pass = NULL;
    if (!o->no_password) {
        char prompt[600];
        snprintf(prompt, sizeof prompt, "Passphrase for the new key %s: ", key_path);
        if ((pass = wv_cli_passphrase_new(prompt, 1)) == NULL)
            return WV_EXIT_USAGE;
        if (*pass == '\0') {
            sodium_free(pass);
            return wv_cli_usage_error("keygen: empty passphrase (use --no-password for an "
                                      "unencrypted key)");
        }
    }
    wv_error err;
    wv_secret_key *sk = NULL;
    char *key_text = NULL, *pub_text = NULL;
    wv_public_key pub;
    wv_status st = wv_secret_key_generate(&sk, &err);
    if (st == WV_OK) {
        wv_secret_key_public(sk, &pub);
        st = wv_secret_key_format_ex(sk, pass, WV_KDF_DEFAULT, o->comment, &key_text, &err);
    }
    if (st == WV_OK)
        st = wv_public_key_format_ex(&pub, o->comment, &pub_text, &err);
    if (pass != NULL)
        sodium_free(pass);
    wv_secret_key_free(sk);
    int rc = st != WV_OK ? wv_cli_fail(&err)
                         : keygen_write(o, pub_path, key_path, pub_text, key_text);
    if (rc == WV_EXIT_OK) {
        char id[2 * WV_KEY_ID_BYTES + 1];
        wv_key_id_format(pub.key_id, id);
        printf("key id: %s\npublic key: %s\nsecret key: %s (%s)\n", id, pub_path, key_path,
               o->no_password ? "unencrypted" : "encrypted");
    }
    wv_secure_free_string(key_text);
    free(pub_text);
    return rc;
}

int wv_cmd_keygen(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        fputs(KEYGEN_HELP, stdout);
        return WV_EXIT_OK;
    }
    keygen_opts o;
    int rc = keygen_parse(argc, argv, &o);
    if (rc != 0)
        return rc;
    char *pub_path = join(o.name, ".pub"), *key_path = join(o.name, ".key");
    rc = pub_path && key_path ? keygen_run(&o, pub_path, key_path)
                              : wv_cli_usage_error("out of memory");
    free(pub_path);
    free(key_path);
    return rc;
}

/* ---- sign ---- */

static const char SIGN_HELP[] =
    "usage: wtovote sign -s NAME.key FILE [-t TRUSTED_COMMENT] [-x SIGFILE]\n\n"
    "Signs FILE with a minisign secret key (made by `wtovote keygen` or\n"
    "`minisign -G`) and writes a minisign signature, FILE.minisig by default,\n"
    "that `minisign -Vm FILE -p NAME.pub` accepts. The passphrase of an\n"
    "encrypted key comes from $WTOVOTE_PASSPHRASE or the terminal.\n\n"
    "  -s, --secret-key PATH       secret key file\n"
    "  -t, --trusted-comment TEXT  signed comment (default\n"
    "                              \"timestamp:UNIX<TAB>file:BASENAME<TAB>hashed\")\n"
    "  -x, --signature PATH        signature file to write (default FILE.minisig)\n\n"
    "exit codes: 0 signed, 1 wrong passphrase, 2 usage, I/O or malformed key\n";

static char *default_trusted_comment(const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base) + 64;
    char *tc = malloc(n);
    if (tc != NULL)
        snprintf(tc, n, "timestamp:%lld\tfile:%s\thashed", (long long)time(NULL), base);
    return tc;
}

static int sign_run(const char *key_path, const char *file, const char *tc, const char *sig_path)
{
    wv_error err;
    uint8_t hash[WV_MINISIG_HASH_BYTES];
    wv_secret_key *sk = NULL;
    char *sig = NULL, *own_tc = NULL;
    /* Streamed, so any size signs in constant memory; and first, so that an
     * unreadable FILE fails before a passphrase is asked for. */
    if (wv_minisig_hash_file(file, hash, &err) != WV_OK)
        return wv_cli_fail(&err);
    int rc = wv_cli_load_secret_key(key_path, &sk);
    if (rc == WV_EXIT_OK && tc == NULL && (tc = own_tc = default_trusted_comment(file)) == NULL)
        rc = wv_cli_usage_error("out of memory");
    if (rc == WV_EXIT_OK && wv_minisig_create_hashed(sk, hash, tc, &sig, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == WV_EXIT_OK &&
        wv_file_write_atomic(sig_path, sig, strlen(sig), 0644, WV_WRITE_REPLACE, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == WV_EXIT_OK) {
        char id[2 * WV_KEY_ID_BYTES + 1];
        uint8_t kid[WV_KEY_ID_BYTES];
        wv_secret_key_id(sk, kid);
        wv_key_id_format(kid, id);
        printf("%s: signed by key %s\n", sig_path, id);
    }
    wv_secret_key_free(sk);
    free(sig);
    free(own_tc);
    return rc;
}

int wv_cmd_sign(int argc, char **argv)
{
    static const struct option longs[] = {{"secret-key", required_argument, NULL, 's'},
                                          {"trusted-comment", required_argument, NULL, 't'},
                                          {"signature", required_argument, NULL, 'x'},
                                          {NULL, 0, NULL, 0}};
    if (wv_cli_wants_help(argc, argv)) {
        fputs(SIGN_HELP, stdout);
        return WV_EXIT_OK;
    }
    const char *key = NULL, *tc = NULL, *sig = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:t:x:", longs, NULL)) != -1) {
        switch (c) {
        case 's': key = optarg; break;
        case 't': tc = optarg; break;
        case 'x': sig = optarg; break;
        default: return wv_cli_usage_error("sign: see wtovote sign --help");
        }
    }
    if (key == NULL || optind != argc - 1)
        return wv_cli_usage_error("sign: -s KEY and exactly one FILE are required "
                                  "(see wtovote sign --help)");
    const char *file = argv[optind];
    char *own = sig ? NULL : join(file, ".minisig");
    if (sig == NULL && own == NULL)
        return wv_cli_usage_error("out of memory");
    int rc = sign_run(key, file, tc, sig ? sig : own);
    free(own);
    return rc;
}

/* ---- sig-verify ---- */

static const char VERIFY_HELP[] =
    "usage: wtovote sig-verify -p NAME.pub FILE [-x SIGFILE] [-q]\n\n"
    "Checks a minisign signature of FILE (FILE.minisig by default), made by\n"
    "`wtovote sign` or `minisign -S`: the key id, the signature of the file and\n"
    "the global signature of the trusted comment. Prints the trusted comment.\n"
    "Pre-hashed (\"ED\") signatures take files of any size; a legacy (\"Ed\",\n"
    "`minisign -S -l`) one is checked in memory, for files up to 1 GiB.\n\n"
    "  -p, --public-key PATH   public key file\n"
    "  -x, --signature PATH    signature file (default FILE.minisig)\n"
    "  -q, --quiet             print nothing; the exit code tells\n\n"
    "exit codes: 0 valid, 1 invalid signature, tampered file or trusted comment,\n"
    "or another key, 2 usage or unreadable/malformed input\n";

/* Statuses about reading FILE already name it; the others get its name. */
static int verify_fail(wv_error *err, const char *file, const char *sig_path)
{
    if (err->code == WV_ERR_TOO_LARGE)
        err->code = WV_ERR_IO; /* a legacy signature we cannot check: not a refusal */
    else if (err->code != WV_ERR_IO && err->code != WV_ERR_NOMEM)
        wv_error_prefix(err, "%s (signature %s)", file, sig_path);
    return wv_cli_fail(err);
}

static int verify_run(const char *pub_path, const char *file, const char *sig_path, int quiet)
{
    wv_error err;
    wv_public_key pub;
    uint8_t *sig = NULL;
    size_t sig_len;
    char *tc = NULL;
    if (wv_public_key_load(pub_path, &pub, &err) != WV_OK)
        return wv_cli_fail(&err);
    if (wv_file_read(sig_path, SIGFILE_MAX, &sig, &sig_len, &err) != WV_OK) {
        if (err.code == WV_ERR_TOO_LARGE)
            err.code = WV_ERR_SIG_FORMAT;
        return wv_cli_fail(&err);
    }
    int rc = WV_EXIT_OK;
    if (wv_minisig_verify_file(&pub, file, (const char *)sig, sig_len, &tc, &err) != WV_OK)
        rc = verify_fail(&err, file, sig_path);
    if (rc == WV_EXIT_OK && !quiet) {
        char id[2 * WV_KEY_ID_BYTES + 1];
        wv_key_id_format(pub.key_id, id);
        printf("%s: good signature by key %s\ntrusted comment: %s\n", file, id, tc);
    }
    free(tc);
    free(sig);
    return rc;
}

int wv_cmd_sig_verify(int argc, char **argv)
{
    static const struct option longs[] = {{"public-key", required_argument, NULL, 'p'},
                                          {"signature", required_argument, NULL, 'x'},
                                          {"quiet", no_argument, NULL, 'q'},
                                          {NULL, 0, NULL, 0}};
    if (wv_cli_wants_help(argc, argv)) {
        fputs(VERIFY_HELP, stdout);
        return WV_EXIT_OK;
    }
    const char *pub = NULL, *sig = NULL;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:x:q", longs, NULL)) != -1) {
        switch (c) {
        case 'p': pub = optarg; break;
        case 'x': sig = optarg; break;
        case 'q': quiet = 1; break;
        default: return wv_cli_usage_error("sig-verify: see wtovote sig-verify --help");
        }
    }
    if (pub == NULL || optind != argc - 1)
        return wv_cli_usage_error("sig-verify: -p PUBKEY and exactly one FILE are required "
                                  "(see wtovote sig-verify --help)");
    const char *file = argv[optind];
    char *own = sig ? NULL : join(file, ".minisig");
    if (sig == NULL && own == NULL)
        return wv_cli_usage_error("out of memory");
    int rc = verify_run(pub, file, sig ? sig : own, quiet);
    free(own);
    return rc;
}
