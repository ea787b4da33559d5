/* Shared pieces of the wtovote program: exit codes, error reporting, and
 * the command table. Each command lives in its own cli/cmd_*.c file, parses
 * its own flags (getopt_long) and answers --help. */
#ifndef WV_CLI_H
#define WV_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "wtovote/pb.h"
#include "wtovote/error.h"
#include "wtovote/keys.h"

/* Fixed exit codes (minisign's convention). */
enum { WV_EXIT_OK = 0, WV_EXIT_REFUSED = 1, WV_EXIT_USAGE = 2 };

typedef int (*wv_cli_fn)(int argc, char **argv);

typedef struct wv_cli_command {
    const char *name;
    wv_cli_fn run;
    const char *summary;
} wv_cli_command;

/* Declarations of every command function, from commands.def. */
#define WV_COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef WV_COMMAND

/* Prints "wtovote: MESSAGE" to stderr and returns the exit code for the
 * status: 1 for a refusal or failed verification, 2 for usage or I/O. */
int wv_cli_fail(const wv_error *err);
/* Prints "wtovote: ..." to stderr and returns 2 (usage). */
int wv_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a --wtl93 READING into *reading; a usage error (2) naming why a
 * retired reading was dropped (WT/L/93; Art. IX:3(a)). */
int wv_cli_parse_wtl93(const char *text, int *reading);
/* True when argv holds -h or --help anywhere before "--". */
int wv_cli_wants_help(int argc, char **argv);
/* Prints a JSON value to stdout, indented, with a final newline. */
int wv_cli_print_json(json_t *value);
/* Parses a non-negative decimal integer up to max; -1 when not one. */
long long wv_cli_parse_uint(const char *text, long long max);
/* Dispatches argv[1] among subcommands (e.g. "roster new"). */
int wv_cli_dispatch(const char *group, const wv_cli_command *table, int argc, char **argv);
/* Reads a passphrase: $WTOVOTE_PASSPHRASE when set (for scripts and tests),
 * otherwise from the terminal without echo. Returns 0; -1 when none was
 * read; -2 when it is size bytes or longer (a terminal line is then read
 * to its end and dropped); -3 when confirm and the second entry differs. */
int wv_cli_read_passphrase(const char *prompt, char *buf, size_t size, int confirm);
#define WV_CLI_PASSPHRASE_MAX 1024
/* The same into a new sodium_malloc'd buffer (release with sodium_free);
 * prints why and returns NULL when none was read. */
char *wv_cli_passphrase_new(const char *prompt, int confirm);
/* Loads a secret key, asking for its passphrase only when it is encrypted:
 * from the file given for that key with --passphrase-file, else
 * $WTOVOTE_PASSPHRASE, else the terminal with the prompt "Passphrase for
 * PATH: "; prints the error (naming the file) and returns an exit code. */
int wv_cli_load_secret_key(const char *path, wv_secret_key **out);
/* Takes every global --passphrase-file KEYFILE=PASSFILE (or
 * --passphrase-file=KEYFILE=PASSFILE) out of argv before "--", so that each
 * encrypted key of a command can have its own passphrase without one on
 * the command line: PASSFILE is a file (mode 0600 or stricter) whose first
 * line is the passphrase, or /dev/fd/N. Returns an exit code. */
int wv_cli_take_passphrase_files(int *argc, char **argv);
/* The first line of a secret's file (a file, or /dev/fd/N for a
 * descriptor) in a new sodium_malloc'd buffer (release with sodium_free).
 * A regular file others may read is refused: it would share the secret it
 * guards. what names the secret in messages ("passphrase of KEY", "chair
 * token"), noun says what was not read ("passphrase"); prints why and
 * returns NULL. */
char *wv_cli_secret_from_file(const char *file, const char *what, const char *noun);

/* How long a writing command waits for another writer's lock on a record:
 * $WTOVOTE_WAIT seconds (a decimal, 0 to 3600) when set, else 10 s
 * (WV_LOCK_WAIT_DEFAULT_MS). -1 after printing why when the variable is not
 * such a number. */
long long wv_cli_lock_wait_ms(void);

#endif
