/* Output file lists and the fixed signers of the vectors. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kat_build.h"

wv_status kat_files_add(kat_files *f, const char *path, const void *data, size_t len,
                        wv_error *err)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        kat_file *v = realloc(f->v, cap * sizeof *v);
        if (v == NULL)
            return wv_error_set(err, WV_ERR_NOMEM, "out of memory");
        f->v = v;
        f->cap = cap;
    }
    kat_file *k = &f->v[f->n];
    k->path = strdup(path);
    k->data = malloc(len ? len : 1);
    if (k->path == NULL || k->data == NULL) {
        free(k->path);
        free(k->data);
        return wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    }
    if (len)
        memcpy(k->data, data, len);
    k->len = len;
    f->n++;
    return WV_OK;
}

wv_status kat_files_add_json(kat_files *f, const char *path, json_t *j, wv_error *err)
{
    if (j == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: no JSON", path);
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(j);
    if (s == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: JSON could not be written", path);
    size_t n = strlen(s);
    char *t = realloc(s, n + 2);
    if (t == NULL) {
        free(s);
        return wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    }
    t[n] = '\n';
    wv_status st = kat_files_add(f, path, t, n + 1, err);
    free(t);
    return st;
}

const kat_file *kat_files_find(const kat_files *f, const char *path)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->v[i].path, path) == 0)
            return &f->v[i];
    return NULL;
}

void kat_files_free(kat_files *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].path);
        free(f->v[i].data);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------------- signers */

static const char *const signer_names[KAT_N_SIGNERS] = {"secretariat", "swe", "usa",
                                                        "eu",          "bra", "swe2"};

const char *kat_signer_name(int i)
{
    return signer_names[i];
}

void kat_seed(int i, uint8_t seed[32])
{
    for (int j = 0; j < 32; j++)
        seed[j] = (uint8_t)(32 * i + j);
}

wv_status kat_signer_key(int i, wv_secret_key **out, wv_error *err)
{
    uint8_t seed[32];
    kat_seed(i, seed);
    return wv_secret_key_from_seed(seed, out, err);
}

void kat_signer_public(int i, wv_public_key *out)
{
    wv_secret_key *sk = NULL;
    memset(out, 0, sizeof *out);
    if (kat_signer_key(i, &sk, NULL) == WV_OK)
        wv_secret_key_public(sk, out);
    wv_secret_key_free(sk);
}

const char kat_minisig_message[] = "wtovote known-answer message\n";
const char kat_minisig_trusted_comment[] =
    "timestamp:1795773600\tfile:message.txt\thashed";
