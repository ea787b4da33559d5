/* gen_vectors VECTORS_DIR: writes the known-answer vectors (kat/), the
 * invalid corpus (invalid/) and the record vectors (records/) into
 * VECTORS_DIR. Deterministic: running it twice writes the same bytes. Not a
 * test; check_kat, check_invalid and check_records compare the committed
 * files with what the same builders produce.
 *
 *   cmake --build build --target gen_vectors && build/vectors/gen_vectors vectors/
 *
 * Exit 0 on success, 1 if a builder failed (e.g. an invalid case no longer
 * gives its expected status), 2 on usage or I/O errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kat_build.h"
#include "wtovote/util.h"

static int make_dir(const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "gen_vectors: %s: %s\n", path, strerror(errno));
    return -1;
}

static int write_all(const char *dir, const kat_files *f)
{
    char path[4096];
    for (size_t i = 0; i < f->n; i++) {
        wv_error err;
        snprintf(path, sizeof path, "%s/%s", dir, f->v[i].path);
        /* records/NAME/: the one level of directories a vector adds. */
        char *slash = strrchr(path, '/');
        *slash = '\0';
        int made = make_dir(path);
        *slash = '/';
        if (made != 0)
            return -1;
        if (wv_file_write_atomic(path, f->v[i].data, f->v[i].len, 0644, WV_WRITE_REPLACE,
                                 &err) != WV_OK) {
            fprintf(stderr, "gen_vectors: %s\n", err.message);
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fprintf(argc == 2 ? stdout : stderr,
                "usage: gen_vectors VECTORS_DIR\n"
                "Writes VECTORS_DIR/kat/, invalid/ and records/ (see vectors/README.md).\n");
        return argc == 2 ? 0 : 2;
    }
    if (wv_init() != 0) {
        fprintf(stderr, "gen_vectors: libsodium could not be initialised\n");
        return 2;
    }
    char sub[4096];
    const char *dirs[] = {"kat", "kat/keys", "invalid", "records"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(sub, sizeof sub, "%s/%s", argv[1], dirs[i]);
        if (make_dir(sub) != 0)
            return 2;
    }
    kat_files kat = {0}, inv = {0}, rec = {0};
    wv_error err;
    wv_status st = kat_generate_kat(&kat, &err);
    if (st == WV_OK)
        st = kat_generate_invalid(&inv, &err);
    if (st == WV_OK)
        st = kat_generate_records(&kat, &rec, &err);
    int rc = st == WV_OK ? 0 : 1;
    if (st != WV_OK)
        fprintf(stderr, "gen_vectors: %s: %s\n", wv_status_name(st), err.message);
    if (rc == 0)
        rc = write_all(argv[1], &kat) == 0 && write_all(argv[1], &inv) == 0 &&
                     write_all(argv[1], &rec) == 0
                 ? 0
                 : 2;
    if (rc == 0)
        printf("gen_vectors: wrote %zu known-answer files, %zu invalid-corpus files and %zu "
               "record-vector files\n", kat.n, inv.n, rec.n);
    kat_files_free(&kat);
    kat_files_free(&inv);
    kat_files_free(&rec);
    return rc;
}
