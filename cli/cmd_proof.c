/* wtovote proof inclusion|consistency: check RFC 9162 proofs given on the
 * command line. Exit 0 valid, 1 not valid, 2 malformed input. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "wtovote/merkle.h"

static int parse_hash(const char *flag, const char *text, uint8_t out[WV_HASH_BYTES])
{
    wv_error err;
    if (text == NULL)
        return wv_cli_usage_error("missing %s", flag);
    if (wv_hash_from_base64(text, strlen(text), out, &err) != WV_OK)
        return wv_cli_usage_error("%s: %s", flag, err.message);
    return 0;
}

static int parse_u64(const char *flag, const char *text, uint64_t *out)
{
    if (text == NULL)
        return wv_cli_usage_error("missing %s", flag);
    uint64_t v = 0;
    if (*text == '\0' || strlen(text) > 20)
        return wv_cli_usage_error("%s: '%s' is not a decimal number", flag, text);
    for (const char *p = text; *p; p++) {
        unsigned d = (unsigned)(*p - '0');
        if (*p < '0' || *p > '9' || v > (UINT64_MAX - d) / 10)
            return wv_cli_usage_error("%s: '%s' is not a decimal number below 2^64", flag, text);
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* "B64,B64,..." (or "" for an empty proof) into proof[] (room for max). */
static int parse_proof(const char *text, uint8_t *proof, size_t max, size_t *len)
{
    *len = 0;
    if (text == NULL || *text == '\0')
        return 0;
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        wv_error err;
        if (*len == max)
            return wv_cli_usage_error("--proof: more than %zu hashes", max);
        if (wv_hash_from_base64(p, n, proof + *len * WV_HASH_BYTES, &err) != WV_OK)
            return wv_cli_usage_error("--proof: element %zu: %s", *len + 1, err.message);
        (*len)++;
        if (comma == NULL)
            return 0;
        p = comma + 1;
    }
}

static int report(wv_status rc, const wv_error *err, const char *what)
{
    if (rc != WV_OK)
        return wv_cli_fail(err);
    printf("%s proof verifies\n", what);
    return WV_EXIT_OK;
}

static void inclusion_usage(void)
{
    printf("usage: wtovote proof inclusion --leaf-hash B64 --index I --size N --root B64 [--proof B64,...]\n\n"
           "Checks an RFC 9162 inclusion proof (section 2.1.3.2) that the leaf hash is\n"
           "leaf I of the tree of size N with the given root. Hashes are standard\n"
           "base64 of 32 bytes; the proof lists hashes from the leaf upward.\n"
           "Exit 0 valid, 1 not valid, 2 malformed input.\n");
}

static int cmd_inclusion(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        inclusion_usage();
        return WV_EXIT_OK;
    }
    static const struct option opts[] = {
        {"leaf-hash", required_argument, NULL, 'l'}, {"index", required_argument, NULL, 'i'},
        {"size", required_argument, NULL, 'n'},      {"root", required_argument, NULL, 'r'},
        {"proof", required_argument, NULL, 'p'},     {NULL, 0, NULL, 0}};
    const char *leaf = NULL, *index = NULL, *size = NULL, *root = NULL, *proof_text = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'l': leaf = optarg; break;
        case 'i': index = optarg; break;
        case 'n': size = optarg; break;
        case 'r': root = optarg; break;
        case 'p': proof_text = optarg; break;
        default: return wv_cli_usage_error("see wtovote proof inclusion --help");
        }
    }
    if (optind != argc)
        return wv_cli_usage_error("unexpected argument '%s'", argv[optind]);
    uint8_t leaf_hash[WV_HASH_BYTES], root_hash[WV_HASH_BYTES], proof[WV_MERKLE_MAX_PROOF * WV_HASH_BYTES];
    uint64_t i, n;
    size_t len;
    int rc;
    if ((rc = parse_hash("--leaf-hash", leaf, leaf_hash)) || (rc = parse_u64("--index", index, &i)) ||
        (rc = parse_u64("--size", size, &n)) || (rc = parse_hash("--root", root, root_hash)) ||
        (rc = parse_proof(proof_text, proof, WV_MERKLE_MAX_PROOF, &len)))
        return rc;
    wv_error err = {0};
    return report(wv_merkle_inclusion_verify(leaf_hash, i, n, proof, len, root_hash, &err), &err, "inclusion");
}

static void consistency_usage(void)
{
    printf("usage: wtovote proof consistency --size1 N1 --size2 N2 --root1 B64 --root2 B64 [--proof B64,...]\n\n"
           "Checks an RFC 9162 consistency proof (section 2.1.4.2) that the tree of size\n"
           "N1 with root1 is a prefix of the tree of size N2 with root2.\n"
           "Exit 0 valid, 1 not valid, 2 malformed input.\n");
}

static int cmd_consistency(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv)) {
        consistency_usage();
        return WV_EXIT_OK;
    }
    static const struct option opts[] = {
        {"size1", required_argument, NULL, '1'}, {"size2", required_argument, NULL, '2'},
        {"root1", required_argument, NULL, 'a'}, {"root2", required_argument, NULL, 'b'},
        {"proof", required_argument, NULL, 'p'}, {NULL, 0, NULL, 0}};
    const char *s1 = NULL, *s2 = NULL, *r1 = NULL, *r2 = NULL, *proof_text = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case '1': s1 = optarg; break;
        case '2': s2 = optarg; break;
        case 'a': r1 = optarg; break;
        case 'b': r2 = optarg; break;
        case 'p': proof_text = optarg; break;
        default: return wv_cli_usage_error("see wtovote proof consistency --help");
        }
    }
    if (optind != argc)
        return wv_cli_usage_error("unexpected argument '%s'", argv[optind]);
    uint8_t root1[WV_HASH_BYTES], root2[WV_HASH_BYTES];
    uint8_t proof[WV_MERKLE_MAX_CONSISTENCY_PROOF * WV_HASH_BYTES];
    uint64_t size1, size2;
    size_t len;
    int rc;
    if ((rc = parse_u64("--size1", s1, &size1)) || (rc = parse_u64("--size2", s2, &size2)) ||
        (rc = parse_hash("--root1", r1, root1)) || (rc = parse_hash("--root2", r2, root2)) ||
        (rc = parse_proof(proof_text, proof, WV_MERKLE_MAX_CONSISTENCY_PROOF, &len)))
        return rc;
    wv_error err = {0};
    return report(wv_merkle_consistency_verify(size1, size2, proof, len, root1, root2, &err), &err,
                  "consistency");
}

int wv_cmd_proof(int argc, char **argv)
{
    static const wv_cli_command sub[] = {
        {"inclusion", cmd_inclusion, "check an RFC 9162 inclusion proof"},
        {"consistency", cmd_consistency, "check an RFC 9162 consistency proof"},
        {NULL, NULL, NULL}};
    return wv_cli_dispatch("proof", sub, argc, argv);
}
