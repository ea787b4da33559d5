/* check_records VECTORS_DIR (a CTest, label vectors).
 *
 * The record vectors (vectors/records/NAME/, SPEC.md "Test vectors"):
 * 1. Drift: the builders, run in memory, reproduce every committed file of
 *    every record byte for byte, and no record directory is left over.
 * 2. The verifier enforces the time rules: wv_record_verify on each
 *    committed directory fails exactly the step its `expect` names, alone,
 *    at the named entry, with the named refusal in the reason (or passes
 *    every step when `expect` says step: none). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kat_build.h"
#include "wtovote/util.h"

static int failures, checks;
static const char *dir;

static void check(int ok, const char *what, const char *detail)
{
    checks++;
    if (!ok) {
        fprintf(stderr, "FAIL: %s: %s\n", what, detail);
        failures++;
    }
}

/* 1. What the builders make equals what is committed. */
static void check_drift(const kat_files *rec)
{
    char path[4096];
    for (size_t i = 0; i < rec->n; i++) {
        uint8_t *got = NULL;
        size_t len = 0;
        wv_error err;
        snprintf(path, sizeof path, "%s/%s", dir, rec->v[i].path);
        if (wv_file_read(path, 1u << 24, &got, &len, &err) != WV_OK) {
            check(0, rec->v[i].path, err.message);
            continue;
        }
        check(len == rec->v[i].len && memcmp(got, rec->v[i].data, len) == 0, rec->v[i].path,
              "differs from what the builders make (regenerate: see vectors/README.md)");
        free(got);
    }
}

/* 2. The verifier does what each committed expect says; every directory
 * under records/ is one the builders make. */
static void check_verify(const kat_files *rec)
{
    char path[4096], rel[600];
    snprintf(path, sizeof path, "%s/records", dir);
    DIR *d = opendir(path);
    check(d != NULL, path, "cannot be read");
    struct dirent *de;
    int n = 0;
    while (d != NULL && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        n++;
        snprintf(rel, sizeof rel, "records/%s/expect", de->d_name);
        check(kat_files_find(rec, rel) != NULL, rel, "not made by the builders (remove it)");
        uint8_t *text = NULL;
        size_t len = 0;
        kat_record_expect e;
        wv_error err;
        snprintf(path, sizeof path, "%s/%s", dir, rel);
        wv_status st = wv_file_read(path, 4096, &text, &len, &err);
        if (st == WV_OK)
            st = kat_record_expect_parse((const char *)text, &e, &err);
        free(text);
        if (st == WV_OK) {
            snprintf(path, sizeof path, "%s/records/%s", dir, de->d_name);
            st = kat_record_check(path, &e, &err);
        }
        check(st == WV_OK, de->d_name, st == WV_OK ? "" : err.message);
        if (st == WV_OK)
            printf("check_records: %s: %s%s\n", de->d_name,
                   e.step == 0 ? "verifies" : "fails as expected with ",
                   e.step == 0 ? "" : e.refusal);
    }
    if (d != NULL)
        closedir(d);
    check(n > 0 && (size_t)n * KAT_RECORD_FILES == rec->n, "records/",
          "the committed record directories are not the ones the builders make");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: check_records VECTORS_DIR\n");
        return 2;
    }
    if (wv_init() != 0)
        return 2;
    dir = argv[1];
    kat_files kat = {0}, rec = {0};
    wv_error err;
    wv_status st = kat_generate_kat(&kat, &err);
    if (st == WV_OK)
        st = kat_generate_records(&kat, &rec, &err);
    check(st == WV_OK, "builders", st == WV_OK ? "" : err.message);
    if (st == WV_OK) {
        check_drift(&rec);
        check_verify(&rec);
    }
    kat_files_free(&kat);
    kat_files_free(&rec);
    printf("check_records: %d checks, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
