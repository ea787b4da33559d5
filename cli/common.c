#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "wtovote/record.h"
#include "wtovote/rules.h"
#include "wtovote/util.h"

int wv_cli_fail(const wv_error *err)
{
    fprintf(stderr, "wtovote: %s\n", err->message[0] ? err->message : wv_status_name(err->code));
    return wv_status_is_refusal(err->code) ? WV_EXIT_REFUSED : WV_EXIT_USAGE;
}

int wv_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("wtovote: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return WV_EXIT_USAGE;
}

int wv_cli_parse_wtl93(const char *text, int *reading)
{
    int r = wv_vote_request_parse(text);
    if (r >= 0) {
        *reading = r;
        return WV_EXIT_OK;
    }
    const char *why = wv_vote_request_retired(text);
    if (why != NULL)
        return wv_cli_usage_error("--wtl93: the reading '%s' was dropped: %s; the one reading is "
                                  "%s", text, why, wv_vote_request_name(0));
    return wv_cli_usage_error("--wtl93: '%s' is not a reading (the one reading is %s)", text,
                              wv_vote_request_name(0));
}

int wv_cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

int wv_cli_print_json(json_t *value)
{
    int rc = json_dumpf(value, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    return rc;
}

long long wv_cli_parse_uint(const char *text, long long max)
{
    if (text == NULL || *text == '\0')
        return -1;
    long long v = 0;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
        if (v > max)
            return -1;
    }
    return v;
}

int wv_cli_dispatch(const char *group, const wv_cli_command *table, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fprintf(out, "usage: wtovote %s SUBCOMMAND [ARGS...]\n\nsubcommands:\n", group);
        for (const wv_cli_command *c = table; c->name; c++)
            fprintf(out, "  %-16s %s\n", c->name, c->summary);
        return argc < 2 ? WV_EXIT_USAGE : WV_EXIT_OK;
    }
    for (const wv_cli_command *c = table; c->name; c++)
        if (strcmp(argv[1], c->name) == 0)
            return c->run(argc - 1, argv + 1);
    return wv_cli_usage_error("unknown subcommand '%s %s' (see wtovote %s --help)", group,
                              argv[1], group);
}

/* Reads one line from the terminal without echo: 0, -1 when none, -2 when
 * it does not fit in buf (the rest of the line is read and dropped, so
 * that it does not answer the next prompt). */
static int read_line_quietly(FILE *tty, const char *prompt, char *buf, size_t size)
{
    fprintf(tty, "%s", prompt);
    fflush(tty);
    if (fgets(buf, (int)size, tty) == NULL)
        return -1;
    int rc = 0;
    if (strchr(buf, '\n') == NULL && strlen(buf) == size - 1) {
        int c = getc(tty);
        rc = c != '\n' && c != EOF ? -2 : 0;
        while (c != '\n' && c != EOF)
            c = getc(tty);
    }
    fputc('\n', tty); /* the newline the user typed was not echoed */
    fflush(tty);      /* before reading from this stream again */
    buf[strcspn(buf, "\r\n")] = '\0';
    return rc;
}

int wv_cli_read_passphrase(const char *prompt, char *buf, size_t size, int confirm)
{
    const char *env = getenv("WTOVOTE_PASSPHRASE");
    if (env != NULL) {
        if (strlen(env) >= size)
            return -2;
        strcpy(buf, env);
        return 0;
    }
    FILE *tty = fopen("/dev/tty", "r+");
    if (tty == NULL)
        return -1;
    struct termios old, quiet;
    int fd = fileno(tty);
    int have_termios = tcgetattr(fd, &old) == 0;
    if (have_termios) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    int rc = read_line_quietly(tty, prompt, buf, size);
    if (rc == 0 && confirm) {
        char again[WV_CLI_PASSPHRASE_MAX];
        rc = read_line_quietly(tty, "Confirm: ", again, sizeof again);
        if (rc == -2 || (rc == 0 && strcmp(buf, again) != 0))
            rc = -3;
        sodium_memzero(again, sizeof again);
    }
    if (have_termios)
        tcsetattr(fd, TCSAFLUSH, &old);
    fclose(tty);
    if (rc != 0)
        sodium_memzero(buf, size);
    return rc;
}

/* file: the key file the passphrase is for (named in messages), or NULL. */
static char *passphrase_for(const char *prompt, int confirm, const char *file)
{
    char *buf = sodium_malloc(WV_CLI_PASSPHRASE_MAX);
    if (buf == NULL) {
        fprintf(stderr, "wtovote: out of guarded memory\n");
        return NULL;
    }
    int rc = wv_cli_read_passphrase(prompt, buf, WV_CLI_PASSPHRASE_MAX, confirm);
    if (rc != 0) {
        fprintf(stderr, "wtovote: %s%s", file != NULL ? file : "", file != NULL ? ": " : "");
        if (rc == -2)
            fprintf(stderr, "passphrase refused: longer than %d bytes\n",
                    WV_CLI_PASSPHRASE_MAX - 1);
        else if (rc == -3)
            fprintf(stderr, "passphrase refused: the two entries differ\n");
        else
            fprintf(stderr, "no passphrase read (set WTOVOTE_PASSPHRASE or use a terminal)\n");
        sodium_free(buf);
        return NULL;
    }
    return buf;
}

char *wv_cli_passphrase_new(const char *prompt, int confirm)
{
    return passphrase_for(prompt, confirm, NULL);
}

/* --passphrase-file KEYFILE=PASSFILE, given before the command's own
 * arguments are parsed (wv_cli_take_passphrase_files). */
#define MAX_PASSPHRASE_FILES 16
static struct {
    const char *key, *file;
} pass_files[MAX_PASSPHRASE_FILES];
static size_t n_pass_files;

static int take_one(const char *spec)
{
    const char *eq = strchr(spec, '=');
    if (eq == NULL || eq == spec || eq[1] == '\0')
        return wv_cli_usage_error("--passphrase-file: '%s' is not KEYFILE=PASSFILE", spec);
    if (n_pass_files == MAX_PASSPHRASE_FILES)
        return wv_cli_usage_error("--passphrase-file: at most %d", MAX_PASSPHRASE_FILES);
    char *key = strndup(spec, (size_t)(eq - spec)); /* lives as long as the program */
    if (key == NULL)
        return wv_cli_usage_error("out of memory");
    pass_files[n_pass_files].key = key;
    pass_files[n_pass_files++].file = eq + 1;
    return WV_EXIT_OK;
}

int wv_cli_take_passphrase_files(int *argc, char **argv)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        int rc = WV_EXIT_OK;
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        }
        if (strncmp(argv[i], "--passphrase-file=", 18) == 0)
            rc = take_one(argv[i] + 18);
        else if (strcmp(argv[i], "--passphrase-file") == 0)
            rc = i + 1 < *argc ? take_one(argv[++i])
                               : wv_cli_usage_error("--passphrase-file: needs KEYFILE=PASSFILE");
        else
            argv[out++] = argv[i];
        if (rc != WV_EXIT_OK)
            return rc;
    }
    argv[out] = NULL;
    *argc = out;
    return WV_EXIT_OK;
}

/* The passphrase file given for the key at path (the same file, by device
 * and inode, or the same name); NULL when none. */
static const char *passphrase_file_for(const char *path)
{
    struct stat want, sb;
    int have = stat(path, &want) == 0;
    for (size_t i = 0; i < n_pass_files; i++)
        if (strcmp(pass_files[i].key, path) == 0 ||
            (have && stat(pass_files[i].key, &sb) == 0 && sb.st_dev == want.st_dev &&
             sb.st_ino == want.st_ino))
            return pass_files[i].file;
    return NULL;
}

char *wv_cli_secret_from_file(const char *file, const char *what, const char *noun)
{
    struct stat sb;
    if (stat(file, &sb) != 0) {
        fprintf(stderr, "wtovote: %s (%s): %s\n", file, what, strerror(errno));
        return NULL;
    }
    if (S_ISREG(sb.st_mode) && (sb.st_mode & 077) != 0) {
        fprintf(stderr, "wtovote: %s (%s): readable by others; chmod 600 it\n", file, what);
        return NULL;
    }
    FILE *f = fopen(file, "r");
    char *buf = sodium_malloc(WV_CLI_PASSPHRASE_MAX);
    int ok = f != NULL && buf != NULL && fgets(buf, WV_CLI_PASSPHRASE_MAX, f) != NULL;
    int whole = ok && (strchr(buf, '\n') != NULL || feof(f) || fgetc(f) == EOF);
    if (f != NULL)
        fclose(f);
    if (ok && whole) {
        buf[strcspn(buf, "\r\n")] = '\0';
        return buf;
    }
    if (!ok)
        fprintf(stderr, "wtovote: %s (%s): no %s read\n", file, what, noun);
    else
        fprintf(stderr, "wtovote: %s (%s): %s refused: longer than %d bytes\n", file, what, noun,
                WV_CLI_PASSPHRASE_MAX - 1);
    if (buf != NULL)
        sodium_free(buf);
    return NULL;
}

static char *passphrase_from_file(const char *file, const char *key)
{
    char what[600];
    snprintf(what, sizeof what, "passphrase of %s", key);
    return wv_cli_secret_from_file(file, what, "passphrase");
}

int wv_cli_load_secret_key(const char *path, wv_secret_key **out)
{
    wv_error err;
    /* Without a passphrase, WV_ERR_PASSPHRASE means "encrypted": ask for it,
     * naming the key (a command may need several). */
    wv_status st = wv_secret_key_load(path, NULL, out, &err);
    if (st == WV_ERR_PASSPHRASE) {
        const char *file = passphrase_file_for(path);
        char prompt[600];
        snprintf(prompt, sizeof prompt, "Passphrase for %s: ", path);
        char *pass = file != NULL ? passphrase_from_file(file, path)
                                  : passphrase_for(prompt, 0, path);
        if (pass == NULL)
            return WV_EXIT_USAGE;
        st = wv_secret_key_load(path, pass, out, &err);
        sodium_free(pass);
    }
    return st == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
}

long long wv_cli_lock_wait_ms(void)
{
    const char *env = getenv("WTOVOTE_WAIT");
    if (env == NULL || *env == '\0')
        return WV_LOCK_WAIT_DEFAULT_MS;
    char *end;
    errno = 0;
    double sec = strtod(env, &end);
    if (errno != 0 || *end != '\0' || !(sec >= 0 && sec <= 3600)) {
        fprintf(stderr, "wtovote: WTOVOTE_WAIT=%.40s: not a number of seconds from 0 to 3600\n",
                env);
        return -1;
    }
    return (long long)(sec * 1000 + 0.5);
}
