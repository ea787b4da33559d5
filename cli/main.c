/* wtovote: a table of commands over libwtovote. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "wtovote/util.h"

static const wv_cli_command commands[] = {
#define WV_COMMAND(name, fn, summary) {name, fn, summary},
#include "commands.def"
#undef WV_COMMAND
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: wtovote COMMAND [ARGS...]\n"
                 "       wtovote COMMAND --help\n\n"
                 "WTO decision procedures with signed acts and a verifiable record.\n\n"
                 "commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-16s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nglobal option, with any command:\n"
                 "  --passphrase-file KEYFILE=PASSFILE   the passphrase of the encrypted key\n"
                 "      KEYFILE is the first line of PASSFILE (a file of mode 0600, or\n"
                 "      /dev/fd/N); once per key. Keys without one: $WTOVOTE_PASSPHRASE,\n"
                 "      else the terminal (\"Passphrase for KEYFILE:\").\n");
    fprintf(out, "\nexit codes: 0 success, 1 refused or failed verification, "
                 "2 usage or I/O error\n");
}

int wv_cmd_version(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        printf("usage: wtovote version\n\nPrints the program version.\n");
        return WV_EXIT_OK;
    }
    if (argc > 1)
        return wv_cli_usage_error("version: takes no arguments (see wtovote version --help)");
    printf("wtovote 0.1.0 (wire format v1)\n");
    return WV_EXIT_OK;
}

int main(int argc, char **argv)
{
    if (wv_init() != 0) {
        fprintf(stderr, "wtovote: libsodium could not be initialised\n");
        return WV_EXIT_USAGE;
    }
    int rc = wv_cli_take_passphrase_files(&argc, argv);
    if (rc != WV_EXIT_OK)
        return rc;
    if (argc < 2) {
        usage(stderr);
        return WV_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return WV_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0)
        return wv_cmd_version(1, argv);
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "wtovote: unknown command '%s' (see wtovote --help)\n", argv[1]);
    return WV_EXIT_USAGE;
}
