/* Merkle known-answer vectors (vectors/merkle/kat.txt): recomputes every
 * leaf hash, root (from the array and from the streaming frontier) and
 * proof, compares with the file, and verifies each stored proof.
 *
 *   check_merkle VECTORS_DIR      check (a CTest)
 *   check_merkle --generate       print the file (how kat.txt was made)
 *
 * Leaves: leaf i (0 <= i < 70) is the ASCII text "wtovote-kat-leaf-<i>"
 * in decimal, without NUL; its leaf hash is SHA-256(0x00 || text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/merkle.h"
#include "wtovote/util.h"

#define H WV_HASH_BYTES
#define MAXN 70

static uint8_t leaves[MAXN][H];
static uint8_t roots[MAXN + 1][H];

static void make_tree(void)
{
    for (int i = 0; i < MAXN; i++) {
        char text[64];
        int n = snprintf(text, sizeof text, "wtovote-kat-leaf-%d", i);
        wv_merkle_leaf_hash((const uint8_t *)text, (size_t)n, leaves[i]);
    }
    for (int n = 0; n <= MAXN; n++)
        wv_merkle_root(leaves[0], (uint64_t)n, roots[n]);
}

/* "-" for an empty proof, else comma-separated base64. */
static void proof_text(const uint8_t *proof, size_t len, char *out)
{
    if (len == 0) {
        strcpy(out, "-");
        return;
    }
    out[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        char b64[WV_HASH_BASE64_BYTES];
        wv_hash_to_base64(proof + i * H, b64);
        if (i > 0)
            strcat(out, ",");
        strcat(out, b64);
    }
}

/* Writes (or checks against fp) the whole vector file, line by line. */
typedef struct sink {
    FILE *in; /* NULL: generate to stdout */
    long line, errors;
} sink;

static void emit(sink *s, const char *line)
{
    if (s->in == NULL) {
        printf("%s\n", line);
        return;
    }
    char buf[8192];
    do {
        if (fgets(buf, sizeof buf, s->in) == NULL) {
            fprintf(stderr, "kat.txt: ends early, expected: %s\n", line);
            s->errors++;
            return;
        }
        s->line++;
    } while (buf[0] == '#');
    buf[strcspn(buf, "\n")] = '\0';
    if (strcmp(buf, line) != 0) {
        fprintf(stderr, "kat.txt:%ld: differs\n  file:     %s\n  computed: %s\n", s->line, buf, line);
        s->errors++;
    }
}

static void leaves_and_roots(sink *s)
{
    char line[256], b64[WV_HASH_BASE64_BYTES];
    for (int i = 0; i < MAXN; i++) {
        wv_hash_to_base64(leaves[i], b64);
        snprintf(line, sizeof line, "leaf %d %s", i, b64);
        emit(s, line);
    }
    wv_merkle_frontier f;
    wv_merkle_frontier_init(&f);
    for (int n = 0; n <= MAXN; n++) {
        uint8_t streamed[H];
        wv_merkle_frontier_root(&f, streamed);
        if (memcmp(streamed, roots[n], H) != 0) {
            fprintf(stderr, "size %d: frontier root differs from array root\n", n);
            s->errors++;
        }
        if (n < MAXN && wv_merkle_frontier_push(&f, leaves[n], NULL) != WV_OK)
            s->errors++;
        wv_hash_to_base64(roots[n], b64);
        snprintf(line, sizeof line, "root %d %s", n, b64);
        emit(s, line);
    }
}

static void inclusion(sink *s)
{
    static char line[WV_MERKLE_MAX_PROOF * 46 + 64], text[WV_MERKLE_MAX_PROOF * 46];
    for (int n = 1; n <= MAXN; n++)
        for (int i = 0; i < n; i++) {
            uint8_t proof[WV_MERKLE_MAX_PROOF * H];
            size_t len = 0;
            wv_error err;
            if (wv_merkle_inclusion_proof(leaves[0], (uint64_t)n, (uint64_t)i, proof, &len, &err) != WV_OK ||
                wv_merkle_inclusion_verify(leaves[i], (uint64_t)i, (uint64_t)n, proof, len, roots[n], &err) != WV_OK) {
                fprintf(stderr, "inclusion %d %d: %s\n", i, n, err.message);
                s->errors++;
            }
            proof_text(proof, len, text);
            snprintf(line, sizeof line, "inclusion %d %d %s", i, n, text);
            emit(s, line);
        }
}

static void consistency(sink *s)
{
    static char line[WV_MERKLE_MAX_PROOF * 46 + 64], text[WV_MERKLE_MAX_PROOF * 46];
    for (int n2 = 1; n2 <= MAXN; n2++)
        for (int n1 = 1; n1 <= n2; n1++) {
            uint8_t proof[WV_MERKLE_MAX_PROOF * H];
            size_t len = 0;
            wv_error err;
            if (wv_merkle_consistency_proof(leaves[0], (uint64_t)n2, (uint64_t)n1, proof, &len, &err) != WV_OK ||
                wv_merkle_consistency_verify((uint64_t)n1, (uint64_t)n2, proof, len, roots[n1], roots[n2],
                                             &err) != WV_OK) {
                fprintf(stderr, "consistency %d %d: %s\n", n1, n2, err.message);
                s->errors++;
            }
            proof_text(proof, len, text);
            snprintf(line, sizeof line, "consistency %d %d %s", n1, n2, text);
            emit(s, line);
        }
}

/* Second pass: every stored proof, decoded from the file itself, verifies
 * against the stored roots, and fails with its first byte flipped. */
static long verify_stored(FILE *in, long *checked)
{
    char buf[8192];
    long errors = 0;
    while (fgets(buf, sizeof buf, in) != NULL) {
        char kind[16], list[8000];
        unsigned long long a, b;
        if (strncmp(buf, "inclusion ", 10) != 0 && strncmp(buf, "consistency ", 12) != 0)
            continue;
        if (sscanf(buf, "%15s %llu %llu %7999s", kind, &a, &b, list) != 4) {
            errors++;
            continue;
        }
        uint8_t proof[WV_MERKLE_MAX_PROOF * H];
        size_t len = 0;
        for (char *tok = strcmp(list, "-") == 0 ? NULL : strtok(list, ","); tok; tok = strtok(NULL, ","))
            if (len == WV_MERKLE_MAX_PROOF || wv_hash_from_base64(tok, strlen(tok), proof + H * len++, NULL) != WV_OK)
                errors++;
        int inc = strcmp(kind, "inclusion") == 0;
        if (inc && (a >= MAXN || b > MAXN))
            errors++;
        else if (!inc && (a > MAXN || b > MAXN))
            errors++;
        else {
            wv_status ok = inc ? wv_merkle_inclusion_verify(leaves[a], a, b, proof, len, roots[b], NULL)
                               : wv_merkle_consistency_verify(a, b, proof, len, roots[a], roots[b], NULL);
            errors += ok != WV_OK;
            if (len > 0) {
                proof[0] ^= 0x80;
                wv_status bad = inc ? wv_merkle_inclusion_verify(leaves[a], a, b, proof, len, roots[b], NULL)
                                    : wv_merkle_consistency_verify(a, b, proof, len, roots[a], roots[b], NULL);
                errors += bad != WV_ERR_PROOF;
            }
            (*checked)++;
        }
    }
    return errors;
}

int main(int argc, char **argv)
{
    if (wv_init() != 0 || argc != 2)
        return 2;
    make_tree();
    sink s = {0};
    if (strcmp(argv[1], "--generate") == 0) {
        printf("# wtovote Merkle KATs, RFC 9162 section 2.1 (SHA-256). Made by\n"
               "# `check_merkle --generate` (vectors/check_merkle.c).\n"
               "# Leaf i (0..69) is the ASCII text \"wtovote-kat-leaf-<i>\"; leaf hash =\n"
               "# SHA-256(0x00 || text). Lines: leaf I HASH | root N ROOT |\n"
               "# inclusion I N PROOF | consistency N1 N2 PROOF; PROOF is base64 hashes\n"
               "# joined by commas, leaf/old tree first as in RFC 9162, or - when empty.\n");
        leaves_and_roots(&s);
        inclusion(&s);
        consistency(&s);
        return s.errors ? 1 : 0;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/merkle/kat.txt", argv[1]);
    s.in = fopen(path, "r");
    if (s.in == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 2;
    }
    leaves_and_roots(&s);
    inclusion(&s);
    consistency(&s);
    char extra[64];
    if (fgets(extra, sizeof extra, s.in) != NULL) {
        fprintf(stderr, "kat.txt: unexpected lines after the last vector\n");
        s.errors++;
    }
    rewind(s.in);
    long checked = 0;
    s.errors += verify_stored(s.in, &checked);
    fclose(s.in);
    printf("%s: %ld lines compared, %ld stored proofs verified, %ld errors\n", path, s.line, checked, s.errors);
    return s.errors == 0 && checked == 2 * 2485 ? 0 : 1;
}
