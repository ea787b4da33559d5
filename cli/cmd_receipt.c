/* wtovote receipt verify: a delegation checks offline that its act is in
 * the record: the act's leaf hash, the inclusion proof to the checkpoint's
 * root, and the Secretariat's signature on the checkpoint.
 * wtovote receipt make: the receipt of an entry made again from the record
 * (e.g. when writing it failed after the append).
 * Exit 0 valid / made, 1 not valid, 2 usage or I/O. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "workflow.h"
#include "wtovote/record.h"
#include "wtovote/util.h"

static void verify_usage(void)
{
    printf("usage: wtovote receipt verify RECEIPT --act ACT_FILE --pub SECRETARIAT.pub [--json]\n\n"
           "Checks offline that the act in ACT_FILE (its signed envelope, as `wtovote act\n"
           "sign` wrote it) is in the record: SHA-256(0x00 || envelope) equals the\n"
           "receipt's leaf hash, the receipt's RFC 9162 inclusion proof leads from it to\n"
           "the root of the receipt's checkpoint, and that checkpoint is signed by the\n"
           "Secretariat key in SECRETARIAT.pub. Meeting and Member must agree too.\n"
           "Exit 0 valid, 1 not valid, 2 usage or I/O error.\n");
}

static int print_info(const wv_receipt_info *info, int json)
{
    char leaf[WV_HASH_BASE64_BYTES], root[WV_HASH_BASE64_BYTES];
    wv_hash_to_base64(info->leaf_hash, leaf);
    wv_hash_to_base64(info->checkpoint.root, root);
    if (json) {
        json_t *o = json_pack("{s:b, s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "valid", 1,
                              "leaf_index", (json_int_t)info->leaf_index, "tree_size",
                              (json_int_t)info->tree_size, "leaf_hash", leaf, "root", root,
                              "origin", info->checkpoint.origin, "meeting_id", info->meeting_id,
                              "member", info->member);
        wv_cli_print_json(o);
        json_decref(o);
        return WV_EXIT_OK;
    }
    if (info->member[0] != '\0')
        printf("receipt verifies: the act of %s", info->member);
    else
        printf("receipt verifies: the chair event");
    printf(" is leaf %llu of %llu in %s\nroot %s\n", (unsigned long long)info->leaf_index,
           (unsigned long long)info->tree_size, info->checkpoint.origin, root);
    return WV_EXIT_OK;
}

static int cmd_verify(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        verify_usage();
        return WV_EXIT_OK;
    }
    static const struct option opts[] = {{"act", required_argument, NULL, 'a'},
                                         {"pub", required_argument, NULL, 'p'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *act_path = NULL, *pub_path = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'a')
            act_path = optarg;
        else if (c == 'p')
            pub_path = optarg;
        else if (c == 'j')
            json = 1;
        else
            return wv_cli_usage_error("see wtovote receipt verify --help");
    }
    if (optind + 1 != argc || act_path == NULL || pub_path == NULL)
        return wv_cli_usage_error("need RECEIPT, --act and --pub (see wtovote receipt verify --help)");
    wv_error err = {0};
    wv_public_key pub;
    uint8_t *receipt = NULL, *act = NULL;
    size_t rlen = 0, alen = 0;
    if (wv_public_key_load(pub_path, &pub, &err) != WV_OK ||
        wv_file_read(argv[optind], 1 << 20, &receipt, &rlen, &err) != WV_OK ||
        wv_file_read(act_path, 1 << 20, &act, &alen, &err) != WV_OK) {
        free(receipt);
        return wv_cli_usage_error("%s", err.message);
    }
    wv_receipt_info info;
    wv_status st = wv_receipt_verify(receipt, rlen, act, alen, &pub, &info, &err);
    free(receipt);
    free(act);
    if (st != WV_OK) {
        wv_error_prefix(&err, "%s", argv[optind]);
        if (json) {
            json_t *o = json_pack("{s:b, s:s, s:s}", "valid", 0, "error", wv_status_name(st),
                                  "message", err.message);
            wv_cli_print_json(o);
            json_decref(o);
        }
        return wv_cli_fail(&err);
    }
    return print_info(&info, json);
}

static void make_usage(void)
{
    printf("usage: wtovote receipt make RECORD --index N [-o FILE]\n\n"
           "Makes the receipt of log entry N again from the record, without a key:\n"
           "against the record's current signed checkpoint, with an RFC 9162 inclusion\n"
           "proof into that checkpoint's tree. Without -o it is written where the\n"
           "workflow writes receipts, RECORD/receipts/NNNNNN-CODE.receipt, with the act\n"
           "beside it as NNNNNN-CODE.act (replacing them); with -o, to FILE only (needed\n"
           "for a chair event). `wtovote receipt verify` checks it.\n"
           "Exit 0 written, 1 the record does not load (a log changed behind its back),\n"
           "2 usage, I/O, or no such entry in the signed checkpoint.\n");
}

static int make_write(const char *dir, const char *out, uint64_t index, const uint8_t *receipt,
                      size_t len, const uint8_t *entry, size_t entry_len)
{
    wv_error err;
    char path[700];
    if (out != NULL) {
        if (wv_file_write_atomic(out, receipt, len, 0644, WV_WRITE_REPLACE, &err) != WV_OK)
            return wv_cli_fail(&err);
        printf("receipt: %s\n", out);
        return WV_EXIT_OK;
    }
    wv_receipt_msg *msg = NULL;
    char member[WV_MAX_CODE_BYTES + 1] = "";
    if (wv_receipt_msg_decode(receipt, len, &msg, &err) != WV_OK)
        return wv_cli_fail(&err);
    snprintf(member, sizeof member, "%s", msg->member);
    wv_message_free(msg);
    if (member[0] == '\0') /* the receipt of a chair event names no Member */
        return wv_cli_usage_error("%s: entry %" PRIu64 " is a chair event: give -o FILE", dir,
                                  index);
    if (wv_record_receipt_write(dir, index, member, receipt, len, entry, entry_len, 0, path,
                                sizeof path, &err) != WV_OK)
        return wv_cli_fail(&err);
    printf("receipt: %s\n", path);
    return WV_EXIT_OK;
}

static int cmd_make(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        make_usage();
        return WV_EXIT_OK;
    }
    static const struct option opts[] = {{"index", required_argument, NULL, 'i'},
                                         {"out", required_argument, NULL, 'o'},
                                         {NULL, 0, NULL, 0}};
    const char *index_text = NULL, *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        if (c == 'i')
            index_text = optarg;
        else if (c == 'o')
            out = optarg;
        else
            return wv_cli_usage_error("see wtovote receipt make --help");
    }
    if (optind + 1 != argc || index_text == NULL)
        return wv_cli_usage_error("need RECORD and --index N (see wtovote receipt make --help)");
    long long index = wv_cli_parse_uint(index_text, INT64_MAX);
    if (index < 0)
        return wv_cli_usage_error("--index: \"%s\" is not a number", index_text);
    uint8_t *receipt = NULL, *entry = NULL;
    size_t len = 0, entry_len = 0;
    wv_error err;
    if (wv_record_receipt_make(argv[optind], (uint64_t)index, &receipt, &len, &entry, &entry_len,
                               &err) != WV_OK)
        return wv_cli_fail(&err);
    int rc = make_write(argv[optind], out, (uint64_t)index, receipt, len, entry, entry_len);
    free(receipt);
    free(entry);
    return rc;
}

int wv_cmd_receipt(int argc, char **argv)
{
    static const wv_cli_command sub[] = {
        {"verify", cmd_verify, "check offline that an act is in the record"},
        {"make", cmd_make, "make the receipt of a log entry again from the record"},
        {NULL, NULL, NULL}};
    return wv_cli_dispatch("receipt", sub, argc, argv);
}
