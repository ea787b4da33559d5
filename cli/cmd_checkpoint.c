/* wtovote checkpoint verify: check a C2SP signed checkpoint against the
 * Secretariat's public key. Exit 0 valid, 1 not valid, 2 usage or I/O. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wtovote/keys.h"
#include "wtovote/note.h"
#include "wtovote/util.h"

#define MAX_OBSERVERS 16

static void verify_usage(void)
{
    printf("usage: wtovote checkpoint verify FILE --pub SECRETARIAT.pub [--origin ORIGIN]\n"
           "                                 [--observer VKEY]...\n\n"
           "Checks a C2SP checkpoint (c2sp.org/tlog-checkpoint) signed as a C2SP note:\n"
           "the Secretariat's key, named by the checkpoint's origin, must have signed.\n"
           "Co-signatures by observers given with --observer (vkey text NAME+HASH+KEY)\n"
           "are checked too; signatures by other keys are ignored. --origin requires\n"
           "that origin. Prints the origin, tree size and root when valid.\n"
           "Exit 0 valid, 1 not valid, 2 usage or I/O error.\n");
}

static int cmd_verify(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        verify_usage();
        return WV_EXIT_OK;
    }
    static const struct option opts[] = {{"pub", required_argument, NULL, 'p'},
                                         {"origin", required_argument, NULL, 'o'},
                                         {"observer", required_argument, NULL, 'w'},
                                         {NULL, 0, NULL, 0}};
    const char *pub_path = NULL, *origin = NULL;
    wv_note_verifier observers[MAX_OBSERVERS];
    size_t n_obs = 0;
    wv_error err = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'p') {
            pub_path = optarg;
        } else if (c == 'o') {
            origin = optarg;
        } else if (c == 'w') {
            if (n_obs == MAX_OBSERVERS)
                return wv_cli_usage_error("at most %d observers", MAX_OBSERVERS);
            if (wv_note_verifier_parse(optarg, &observers[n_obs++], &err) != WV_OK)
                return wv_cli_usage_error("--observer: %s", err.message);
        } else {
            return wv_cli_usage_error("see wtovote checkpoint verify --help");
        }
    }
    if (optind + 1 != argc || pub_path == NULL)
        return wv_cli_usage_error("need one checkpoint FILE and --pub (see wtovote checkpoint verify --help)");
    const char *path = argv[optind];
    wv_public_key pub;
    if (wv_public_key_load(pub_path, &pub, &err) != WV_OK)
        return wv_cli_usage_error("%s", err.message);
    uint8_t *data = NULL;
    size_t len = 0;
    if (wv_file_read(path, 1 << 20, &data, &len, &err) != WV_OK)
        return wv_cli_usage_error("%s", err.message);
    wv_checkpoint cp;
    wv_status rc = wv_checkpoint_open((const char *)data, len, &pub, origin, observers, n_obs, &cp, &err);
    free(data);
    if (rc != WV_OK) {
        wv_error_prefix(&err, "%s", path);
        return wv_cli_fail(&err);
    }
    char root[WV_HASH_BASE64_BYTES];
    wv_hash_to_base64(cp.root, root);
    printf("checkpoint verifies\norigin %s\nsize %llu\nroot %s\n", cp.origin, (unsigned long long)cp.size,
           root);
    return WV_EXIT_OK;
}

int wv_cmd_checkpoint(int argc, char **argv)
{
    static const wv_cli_command sub[] = {
        {"verify", cmd_verify, "check a signed checkpoint against the Secretariat key"},
        {NULL, NULL, NULL}};
    return wv_cli_dispatch("checkpoint", sub, argc, argv);
}
