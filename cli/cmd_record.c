/* wtovote record repair RECORD [--from COPY]: the one explicit path that
 * removes damaged bytes from a record's log, keeping them in a file beside
 * it, and restores acknowledged entries from a copy that matches the signed
 * checkpoint (SPEC.md, "Repairing a record"). Exit 0 repaired or nothing
 * to do, 1 refused (acknowledged entries missing without a copy, a copy
 * that does not match), 2 usage or I/O. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "wtovote/record.h"

static const char REPAIR_HELP[] =
    "usage: wtovote record repair RECORD [--from COPY] [--json]\n\n"
    "Repairs the log of a record after a crash or damage, holding the writers'\n"
    "lock (waiting like a writer, $WTOVOTE_WAIT seconds, default 10):\n"
    "  - bytes after the last whole entry (a torn tail: an append a crash cut\n"
    "    short, never acknowledged) are removed when every entry the signed\n"
    "    checkpoint acknowledges comes before them; they are first kept in\n"
    "    RECORD/log.torn-YYYYMMDDTHHMMSSZ. Writers refuse a torn tail until then.\n"
    "  - --from COPY (a copy of the record: a mirror, an observer's download; a\n"
    "    directory or its log file) restores acknowledged entries that are\n"
    "    missing or damaged. The copy is checked first: its first entries must\n"
    "    have the root of the record's signed checkpoint, and the log's own whole\n"
    "    entries must be its first ones; otherwise nothing is written.\n"
    "Whole entries after the checkpoint are kept (the next writer signs them).\n"
    "It says what it did. Then `wtovote verify RECORD` checks the result.\n\n"
    "exit codes: 0 repaired or nothing to repair, 1 refused (acknowledged entries\n"
    "missing and no --from, a copy that does not match), 2 usage or I/O\n";

static void print_text(const char *dir, const char *from, const wv_repair_info *in)
{
    if (in->removed_bytes == 0 && in->restored == 0) {
        printf("%s: nothing to repair: the log ends after %" PRIu64 " whole entries (the "
               "checkpoint acknowledges %" PRIu64 ")\n", dir, in->entries_after,
               in->checkpoint_size);
        return;
    }
    if (in->removed_bytes > 0)
        printf("%s: removed %" PRIu64 " bytes at byte %" PRIu64 " of the log (%s), after "
               "entry %" PRIu64 "; they are kept in %s\n", dir, in->removed_bytes,
               in->damaged_offset, in->removed_reason, in->entries_before, in->saved);
    if (in->restored > 0)
        printf("%s: restored %" PRIu64 " acknowledged entries (%" PRIu64 "..%" PRIu64 ") from "
               "%s, whose first %" PRIu64 " entries have the signed checkpoint's root\n", dir,
               in->restored, in->entries_before, in->entries_after - 1, from,
               in->checkpoint_size);
    printf("%s: the log holds %" PRIu64 " whole entries; the checkpoint acknowledges %" PRIu64
           " (check with: wtovote verify %s)\n", dir, in->entries_after, in->checkpoint_size,
           dir);
}

static int print_json(const wv_repair_info *in)
{
    json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:s, s:s?, s:I}", "checkpoint_size",
                          (json_int_t)in->checkpoint_size, "entries_before",
                          (json_int_t)in->entries_before, "entries_after",
                          (json_int_t)in->entries_after, "removed_bytes",
                          (json_int_t)in->removed_bytes, "removed_at",
                          (json_int_t)in->damaged_offset, "removed_reason", in->removed_reason,
                          "kept_in", in->saved[0] ? in->saved : NULL, "restored",
                          (json_int_t)in->restored);
    int rc = wv_cli_print_json(o);
    json_decref(o);
    return rc;
}

static int cmd_repair(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(REPAIR_HELP, stdout), WV_EXIT_OK;
    static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *from = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'f')
            from = optarg;
        else if (c == 'j')
            json = 1;
        else
            return wv_cli_usage_error("see wtovote record repair --help");
    }
    if (optind + 1 != argc)
        return wv_cli_usage_error("record repair: needs one RECORD (see --help)");
    long long wait_ms = wv_cli_lock_wait_ms();
    if (wait_ms < 0)
        return WV_EXIT_USAGE;
    const char *dir = argv[optind];
    wv_repair_info info;
    wv_error err;
    if (wv_record_repair(dir, from, wait_ms, &info, &err) != WV_OK)
        return wv_cli_fail(&err);
    if (json)
        print_json(&info);
    else
        print_text(dir, from, &info);
    return WV_EXIT_OK;
}

int wv_cmd_record(int argc, char **argv)
{
    static const wv_cli_command sub[] = {
        {"repair", cmd_repair, "remove a torn tail (kept beside the log), restore from a copy"},
        {NULL, NULL, NULL}};
    return wv_cli_dispatch("record", sub, argc, argv);
}
