/* check_invalid VECTORS_DIR (a CTest, label vectors).
 *
 * For every invalid/NAME.bin: reads NAME.expect ("decoder:", "status:",
 * "class:", "why:"), runs the named decoder and asserts exactly the expected
 * status. Asserts the corpus is complete: every class of the table below
 * has at least one case, each case's class is in the table and expects the
 * table's status, every .bin has its .expect and the reverse. Finally the
 * builders of gen_vectors are re-run in memory and must produce the
 * committed corpus byte for byte (no drift, no stale files). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kat_build.h"
#include "wtovote/util.h"

/* Every rejection class the corpus must cover, with its status
 * (SPEC.md, "Test vectors"; statuses from SPEC.md, "Wire format" and "Keys and signature files"). */
static const struct cls {
    const char *name;
    wv_status status;
    int seen;
} classes_init[] = {
    {"malformed", WV_ERR_DECODE, 0},
    {"unknown-field-depth1", WV_ERR_UNKNOWN_FIELD, 0},
    {"unknown-field-depth2", WV_ERR_UNKNOWN_FIELD, 0},
    {"unknown-field-depth3", WV_ERR_UNKNOWN_FIELD, 0},
    {"noncanonical-explicit-default", WV_ERR_NONCANONICAL, 0},
    {"noncanonical-out-of-order", WV_ERR_NONCANONICAL, 0},
    {"noncanonical-repeated-scalar", WV_ERR_NONCANONICAL, 0},
    {"noncanonical-overlong-varint", WV_ERR_NONCANONICAL, 0},
    {"noncanonical-value", WV_ERR_NONCANONICAL, 0},
    {"noncanonical-unsorted", WV_ERR_NONCANONICAL, 0},
    {"too-large", WV_ERR_TOO_LARGE, 0},
    {"duplicate-member", WV_ERR_DUPLICATE_MEMBER, 0},
    {"duplicate-key", WV_ERR_DUPLICATE_KEY, 0},
    {"wrong-version", WV_ERR_VERSION, 0},
    {"wrong-body-type", WV_ERR_BODY_TYPE, 0},
    {"missing-field", WV_ERR_MISSING_FIELD, 0},
    {"bad-value", WV_ERR_BAD_VALUE, 0},
    {"bad-utf8", WV_ERR_BAD_VALUE, 0},
    {"member-unknown", WV_ERR_MEMBER_UNKNOWN, 0},
    {"bad-signature-length", WV_ERR_BAD_VALUE, 0},
    {"key-file-truncated", WV_ERR_KEY_FORMAT, 0},
    {"key-file-foreign", WV_ERR_KEY_FORMAT, 0},
    {"key-file-corrupt", WV_ERR_KEY_FORMAT, 0},
    {"wrong-algorithm", WV_ERR_KEY_ALGORITHM, 0},
    {"key-passphrase", WV_ERR_PASSPHRASE, 0},
    {"minisig-malformed", WV_ERR_SIG_FORMAT, 0},
    {"minisig-bad-signature", WV_ERR_BAD_SIGNATURE, 0},
    {"minisig-key-mismatch", WV_ERR_KEY_MISMATCH, 0},
    {"other-meeting", WV_ERR_INADMISSIBLE, 0},
    {"csv-malformed", WV_ERR_CSV, 0},
};
#define N_CLASSES (sizeof classes_init / sizeof classes_init[0])
static struct cls classes[N_CLASSES];

static int failures, cases;
static const char *dir;

static uint8_t *slurp(const char *name, const char *ext, size_t *len)
{
    char path[4096];
    uint8_t *buf = NULL;
    wv_error err;
    snprintf(path, sizeof path, "%s/invalid/%s%s", dir, name, ext);
    if (wv_file_read(path, 2u << 20, &buf, len, &err) != WV_OK) {
        fprintf(stderr, "FAIL: %s\n", err.message);
        failures++;
        return NULL;
    }
    return buf;
}

/* Value of "key: value" in the .expect text, into out. */
static int field(const char *text, const char *key, char *out, size_t size)
{
    size_t kl = strlen(key);
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, key, kl) == 0 && l[kl] == ':' && l[kl + 1] == ' ') {
            size_t n = strcspn(l + kl + 2, "\n");
            if (n == 0 || n >= size)
                return -1;
            memcpy(out, l + kl + 2, n);
            out[n] = '\0';
            return 0;
        }
    }
    return -1;
}

static struct cls *find_class(const char *name)
{
    for (size_t i = 0; i < N_CLASSES; i++)
        if (strcmp(classes[i].name, name) == 0)
            return &classes[i];
    return NULL;
}

static void check_case(const char *name)
{
    size_t bl = 0, el = 0;
    uint8_t *bin = slurp(name, ".bin", &bl), *exp = slurp(name, ".expect", &el);
    char decoder[64], status[64], cls[64], why[512];
    if (bin == NULL || exp == NULL) {
        free(bin);
        free(exp);
        return;
    }
    cases++;
    const char *t = (const char *)exp;
    if (field(t, "decoder", decoder, sizeof decoder) || field(t, "status", status, sizeof status) ||
        field(t, "class", cls, sizeof cls) || field(t, "why", why, sizeof why) ||
        !kat_decoder_known(decoder) || wv_status_from_name(status) == WV_OK) {
        fprintf(stderr, "FAIL: %s.expect: needs decoder (known), status (an error name), "
                        "class and why\n", name);
        failures++;
    } else {
        wv_status want = wv_status_from_name(status);
        struct cls *c = find_class(cls);
        wv_error err = {0};
        wv_status got = kat_run_decoder(decoder, bin, bl, &err);
        if (got != want) {
            fprintf(stderr, "FAIL: %s: decoder %s gave %s (%s), expected %s\n", name, decoder,
                    wv_status_name(got), got == WV_OK ? "accepted" : err.message, status);
            failures++;
        }
        if (c == NULL || c->status != want) {
            fprintf(stderr, "FAIL: %s: class '%s' %s\n", name, cls,
                    c ? "expects another status" : "is not in the class table");
            failures++;
        } else {
            c->seen++;
        }
    }
    free(bin);
    free(exp);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every case, and checks each .bin has a .expect and the reverse. */
static void run_corpus(void)
{
    char path[4096], **names = NULL;
    size_t n = 0, cap = 0;
    snprintf(path, sizeof path, "%s/invalid", dir);
    DIR *d = opendir(path);
    if (d == NULL) {
        fprintf(stderr, "FAIL: %s: cannot open\n", path);
        failures++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".bin") == 0) {
            if (n == cap) {
                cap = cap ? 2 * cap : 256;
                names = realloc(names, cap * sizeof *names);
            }
            names[n++] = strndup(e->d_name, l - 4);
        } else if (l > 7 && strcmp(e->d_name + l - 7, ".expect") == 0) {
            snprintf(path, sizeof path, "%s/invalid/%.*s.bin", dir, (int)(l - 7), e->d_name);
            FILE *f = fopen(path, "rb");
            if (f == NULL) {
                fprintf(stderr, "FAIL: %s has no .bin\n", e->d_name);
                failures++;
            } else {
                fclose(f);
            }
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        check_case(names[i]);
        free(names[i]);
    }
    free(names);
}

static void check_drift(void)
{
    kat_files f = {0};
    wv_error err;
    if (kat_generate_invalid(&f, &err) != WV_OK) {
        fprintf(stderr, "FAIL: builders: %s\n", err.message);
        failures++;
        return;
    }
    for (size_t i = 0; i < f.n; i++) {
        char path[4096];
        uint8_t *got = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", dir, f.v[i].path);
        if (wv_file_read(path, 2u << 20, &got, &len, &err) != WV_OK ||
            len != f.v[i].len || memcmp(got, f.v[i].data, len) != 0) {
            fprintf(stderr, "FAIL: %s differs from the builders' output; regenerate with "
                            "gen_vectors\n", f.v[i].path);
            failures++;
        }
        free(got);
    }
    /* Each generated case is a .bin and a .expect; the committed corpus
     * holds no case the builders no longer make. */
    if ((size_t)cases * 2 != f.n) {
        fprintf(stderr, "FAIL: %d committed cases, the builders make %zu\n", cases, f.n / 2);
        failures++;
    }
    kat_files_free(&f);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: check_invalid VECTORS_DIR\n");
        return 2;
    }
    if (wv_init() != 0)
        return 2;
    dir = argv[1];
    memcpy(classes, classes_init, sizeof classes);
    run_corpus();
    if (cases == 0) {
        fprintf(stderr, "FAIL: the invalid corpus is empty\n");
        failures++;
    }
    for (size_t i = 0; i < N_CLASSES; i++)
        if (classes[i].seen == 0) {
            fprintf(stderr, "FAIL: no case of class '%s' (%s)\n", classes[i].name,
                    wv_status_name(classes[i].status));
            failures++;
        }
    check_drift();
    printf("check_invalid: %d cases in %zu classes, %d failures\n", cases, N_CLASSES, failures);
    return failures == 0 ? 0 : 1;
}
