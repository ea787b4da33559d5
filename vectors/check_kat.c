/* check_kat VECTORS_DIR (a CTest, label vectors).
 *
 * 1. Drift: re-runs the builders of gen_vectors in memory and compares every
 *    file under kat/ byte for byte with the committed one. A change to any
 *    signed or hashed byte fails here until SPEC.md and vectors/ are updated
 *    together (vectors/README.md).
 * 2. Independent check, from the committed files alone: keys from seeds
 *    (libsodium), key-file and .minisig layouts, each envelope parsed by a
 *    small protobuf reader of its own and checked canonical, the signed
 *    message rebuilt as tag || 0x00 || body, and each signature verified
 *    with crypto_sign_verify_detached; the inputs re-encoded to the body;
 *    Merkle leaf hashes, root and inclusion proofs recomputed (RFC 9162).
 * 3. The engine agrees: its decoders accept every body and envelope, its
 *    verifiers accept every signature, roster and receipt. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kat_build.h"
#include "wtovote/record.h"
#include "wtovote/rules.h"
#include "wtovote/roster.h"
#include "wtovote/util.h"

static int failures, checks;
static const char *dir;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    failures++;
}

static void expect(int ok, const char *what, const char *name)
{
    checks++;
    if (!ok)
        fail("%s: %s", name, what);
}

static uint8_t *read_file(const char *rel, size_t *len)
{
    char path[4096];
    uint8_t *buf = NULL;
    wv_error err;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    if (wv_file_read(path, 1u << 24, &buf, len, &err) != WV_OK) {
        fail("%s", err.message);
        return NULL;
    }
    return buf;
}

/* ------------------------------------------------------------- 1. drift */

static void check_drift(void)
{
    kat_files f = {0};
    wv_error err;
    if (kat_generate_kat(&f, &err) != WV_OK) {
        fail("builders failed: %s", err.message);
        return;
    }
    for (size_t i = 0; i < f.n; i++) {
        size_t len = 0;
        uint8_t *got = read_file(f.v[i].path, &len);
        if (got == NULL)
            continue;
        size_t k = 0;
        while (k < len && k < f.v[i].len && got[k] == f.v[i].data[k])
            k++;
        checks++;
        if (k != len || k != f.v[i].len)
            fail("%s: committed file (%zu bytes) differs from the builders' output (%zu bytes) "
                 "at byte %zu; regenerate with gen_vectors and update SPEC.md in the same "
                 "commit", f.v[i].path, len, f.v[i].len, k);
        free(got);
    }
    expect(f.n >= 20, "fewer files than expected", "kat/");
    kat_files_free(&f);
}

/* ------------------------------------------------------------- JSON access */

static json_t *load_json(const char *rel)
{
    size_t len = 0;
    uint8_t *buf = read_file(rel, &len);
    if (buf == NULL)
        return NULL;
    json_error_t je;
    json_t *j = json_loadb((const char *)buf, len, 0, &je);
    free(buf);
    if (j == NULL)
        fail("%s: not JSON (line %d: %s)", rel, je.line, je.text);
    return j;
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    if (s == NULL)
        fail("missing string \"%s\"", key);
    return s ? s : "";
}

/* Hex field as bytes (malloc'd); NULL and a failure when absent or bad. */
static uint8_t *hexf(const json_t *o, const char *key, size_t *len)
{
    uint8_t *b = NULL;
    *len = 0;
    if (kat_unhex(str(o, key), &b, len) != 0) {
        fail("field \"%s\" is not hex", key);
        return NULL;
    }
    return b;
}

static int hex_equal(const json_t *o, const char *key, const uint8_t *want, size_t n)
{
    size_t len;
    uint8_t *b = hexf(o, key, &len);
    int ok = b != NULL && len == n && memcmp(b, want, n) == 0;
    free(b);
    return ok;
}

/* ------------------------------------------------------------- keys */

typedef struct signer {
    char name[32];
    uint8_t pk[32], key_id[8];
} signer;
static signer signers[KAT_N_SIGNERS];
static size_t n_signers;

static const signer *find_signer(const char *name)
{
    for (size_t i = 0; i < n_signers; i++)
        if (strcmp(signers[i].name, name) == 0)
            return &signers[i];
    return NULL;
}

/* Line `index` (from 0) of text, without its LF, into out. */
static int line_of(const char *text, int index, char *out, size_t size)
{
    for (int i = 0; i < index && text; i++) {
        text = strchr(text, '\n');
        text = text ? text + 1 : NULL;
    }
    if (text == NULL)
        return -1;
    size_t n = strcspn(text, "\n");
    if (n >= size)
        return -1;
    memcpy(out, text, n);
    out[n] = '\0';
    return 0;
}

static int b64_line(const char *text, int index, uint8_t *out, size_t want)
{
    char line[1024];
    size_t got = 0;
    if (line_of(text, index, line, sizeof line) != 0)
        return -1;
    if (sodium_base642bin(out, want, line, strlen(line), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == want ? 0 : -1;
}

static void check_key_files(const json_t *s, const signer *sg, const uint8_t sk[64],
                            const char *name)
{
    uint8_t pub[42], sec[158], sum[32];
    const char *pubtxt = str(s, "pub_file"), *keytxt = str(s, "key_file");
    expect(strncmp(pubtxt, "untrusted comment: ", 19) == 0, ".pub first line", name);
    expect(b64_line(pubtxt, 1, pub, 42) == 0 && memcmp(pub, "Ed", 2) == 0 &&
               memcmp(pub + 2, sg->key_id, 8) == 0 && memcmp(pub + 10, sg->pk, 32) == 0,
           ".pub is base64(\"Ed\" || key id || public key)", name);
    int ok = b64_line(keytxt, 1, sec, 158) == 0;
    static const uint8_t zero[48];
    ok = ok && memcmp(sec, "Ed\0\0B2", 6) == 0 && memcmp(sec + 6, zero, 48) == 0 &&
         memcmp(sec + 54, sg->key_id, 8) == 0 && memcmp(sec + 62, sk, 64) == 0;
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, sec, 2);
    crypto_generichash_update(&h, sec + 54, 72);
    crypto_generichash_final(&h, sum, 32);
    expect(ok && memcmp(sec + 126, sum, 32) == 0,
           ".key layout (unencrypted, BLAKE2b-256 checksum)", name);
    sodium_memzero(sec, sizeof sec);
}

static void check_minisig(const json_t *s, const signer *sg, const char *msg, const char *tc,
                          const char *name)
{
    const char *sig = str(s, "minisig_file");
    uint8_t st[74], global[64], hash[64], gm[64 + 512];
    char line[1024];
    int ok = b64_line(sig, 1, st, 74) == 0 && b64_line(sig, 3, global, 64) == 0 &&
             line_of(sig, 2, line, sizeof line) == 0;
    expect(ok && memcmp(st, "ED", 2) == 0 && memcmp(st + 2, sg->key_id, 8) == 0,
           ".minisig: \"ED\" || key id", name);
    expect(ok && strncmp(line, "trusted comment: ", 17) == 0 && strcmp(line + 17, tc) == 0,
           ".minisig: trusted comment line", name);
    crypto_generichash(hash, 64, (const uint8_t *)msg, strlen(msg), NULL, 0);
    expect(ok && crypto_sign_verify_detached(st + 10, hash, 64, sg->pk) == 0,
           ".minisig: Ed25519 over BLAKE2b-512(message)", name);
    size_t tl = strlen(tc);
    memcpy(gm, st + 10, 64);
    memcpy(gm + 64, tc, tl < 512 ? tl : 512);
    expect(ok && tl < 512 && crypto_sign_verify_detached(global, gm, 64 + tl, sg->pk) == 0,
           ".minisig: global signature over signature || trusted comment", name);
}

static void check_signer(const json_t *s, const char *msg, const char *tc)
{
    const char *name = str(s, "name");
    uint8_t seed[32], pk[32], sk[64], digest[32];
    size_t n;
    uint8_t *b = hexf(s, "seed", &n);
    if (b == NULL || n != 32 || n_signers == KAT_N_SIGNERS) {
        fail("%s: seed not 32 bytes or too many signers", name);
        free(b);
        return;
    }
    memcpy(seed, b, 32);
    free(b);
    for (int j = 0; j < 32; j++)
        expect(seed[j] == (uint8_t)(32 * n_signers + j), "seed is bytes 32*i .. 32*i+31", name);
    crypto_sign_seed_keypair(pk, sk, seed);
    const char tag[] = "wtovote key id";
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, (const uint8_t *)tag, strlen(tag));
    crypto_generichash_update(&h, seed, 32);
    crypto_generichash_final(&h, digest, 32);
    signer *sg = &signers[n_signers++];
    snprintf(sg->name, sizeof sg->name, "%s", name);
    memcpy(sg->pk, pk, 32);
    memcpy(sg->key_id, digest, 8);
    expect(hex_equal(s, "public_key", pk, 32), "public key from seed", name);
    expect(hex_equal(s, "secret_key", sk, 64), "secret key from seed", name);
    expect(hex_equal(s, "key_id", digest, 8), "key id = BLAKE2b-256(tag || seed)[0..8)", name);
    char disp[17];
    for (int i = 0; i < 8; i++)
        snprintf(disp + 2 * i, 3, "%02X", digest[7 - i]);
    expect(strcmp(str(s, "key_id_display"), disp) == 0, "key id display (LE64, upper hex)",
           name);
    check_key_files(s, sg, sk, name);
    check_minisig(s, sg, msg, tc, name);
    sodium_memzero(sk, sizeof sk);
}

static void check_keys(void)
{
    json_t *j = load_json("kat/keys.json");
    if (j == NULL)
        return;
    const char *msg = str(j, "minisig_message"), *tc = str(j, "minisig_trusted_comment");
    json_t *arr = json_object_get(j, "signers");
    expect(json_array_size(arr) == KAT_N_SIGNERS, "one entry per signer", "keys.json");
    for (size_t i = 0; i < json_array_size(arr); i++)
        check_signer(json_array_get(arr, i), msg, tc);
    json_decref(j);
}

/* ------------------------------------------------------------- envelopes */

/* An independent reader of the Envelope encoding: fields 1 version, 2 type
 * (varints), 3 body, 4 key_id, 5 signature (bytes), ascending, each at most
 * once, minimal varints, no default values. */
typedef struct env_view {
    uint64_t version, type;
    const uint8_t *body, *key_id, *sig;
    size_t body_len, key_id_len, sig_len;
} env_view;

static int read_varint(const uint8_t *b, size_t len, size_t *pos, uint64_t *v)
{
    uint64_t x = 0;
    for (int i = 0; i < 10 && *pos < len; i++) {
        uint8_t c = b[(*pos)++];
        x |= (uint64_t)(c & 0x7F) << (7 * i);
        if (!(c & 0x80)) {
            /* minimal: a multi-byte varint must not end in a zero byte */
            if (i > 0 && c == 0)
                return -1;
            *v = x;
            return 0;
        }
    }
    return -1;
}

static int parse_envelope(const uint8_t *b, size_t len, env_view *e)
{
    size_t pos = 0;
    uint64_t last = 0;
    memset(e, 0, sizeof *e);
    while (pos < len) {
        uint64_t key, v;
        if (read_varint(b, len, &pos, &key) != 0)
            return -1;
        uint64_t field = key >> 3, wt = key & 7;
        if (field <= last || field > 5 || wt != (field <= 2 ? 0u : 2u))
            return -1;
        last = field;
        if (read_varint(b, len, &pos, &v) != 0)
            return -1;
        if (wt == 0) {
            if (v == 0)
                return -1; /* explicit default */
            *(field == 1 ? &e->version : &e->type) = v;
            continue;
        }
        if (v == 0 || v > len - pos)
            return -1; /* empty bytes are omitted; or truncated */
        const uint8_t **p = field == 3 ? &e->body : field == 4 ? &e->key_id : &e->sig;
        size_t *l = field == 3 ? &e->body_len : field == 4 ? &e->key_id_len : &e->sig_len;
        *p = b + pos;
        *l = (size_t)v;
        pos += (size_t)v;
    }
    return 0;
}

static const char *tag_of(uint64_t type)
{
    return type == 1 ? "wtovote/v1/roster" : type == 2 ? "wtovote/v1/act"
         : type == 3 ? "wtovote/v1/chair-event" : NULL;
}

static const ProtobufCMessageDescriptor *desc_of(uint64_t type)
{
    return type == 1 ? &wtovote__v1__roster__descriptor
         : type == 2 ? &wtovote__v1__act__descriptor : &wtovote__v1__chair_event__descriptor;
}

/* The input JSON rebuilt into a message and re-encoded must be the body. */
static void check_input(const json_t *v, const ProtobufCMessageDescriptor *d,
                        const uint8_t *body, size_t len, const char *name)
{
    ProtobufCMessage *m = NULL;
    wv_error err;
    if (kat_json_to_msg(d, json_object_get(v, "input"), &m, &err) != WV_OK) {
        fail("%s: input: %s", name, err.message);
        return;
    }
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *b = malloc(n ? n : 1);
    protobuf_c_message_pack(m, b);
    expect(n == len && memcmp(b, body, n) == 0, "input re-encodes to the body bytes", name);
    free(b);
    wv_message_free(m);
}

static void check_engine(const uint8_t *env, size_t env_len, const env_view *e,
                         const signer *sg, const char *name)
{
    wv_envelope *de = NULL;
    ProtobufCMessage *body = NULL;
    wv_error err;
    wv_status st = wv_envelope_decode(env, env_len, &de, &err);
    expect(st == WV_OK, st == WV_OK ? "" : err.message, name);
    st = wv_body_decode((Wtovote__V1__BodyType)e->type, e->body, e->body_len, &body, &err);
    expect(st == WV_OK, st == WV_OK ? "" : err.message, name);
    if (de != NULL && sg != NULL) {
        wv_public_key pub;
        memcpy(pub.pk, sg->pk, 32);
        memcpy(pub.key_id, sg->key_id, 8);
        st = wv_envelope_verify(de, &pub, &err);
        expect(st == WV_OK, st == WV_OK ? "" : err.message, name);
    }
    wv_message_free(body);
    wv_message_free(de);
}

static void check_roster_vector(const json_t *v, const uint8_t *env, size_t len,
                                const env_view *e, int is_signed, const char *name)
{
    uint8_t fp[32], again_fp[32];
    crypto_hash_sha256(fp, e->body, e->body_len);
    expect(hex_equal(v, "fingerprint", fp, 32), "fingerprint = SHA-256(body)", name);
    wv_roster *r = NULL;
    wv_error err;
    wv_status st = wv_roster_decode(env, len, &r, &err);
    expect(st == WV_OK, st == WV_OK ? "" : err.message, name);
    if (r == NULL)
        return;
    uint8_t *again = NULL;
    size_t again_len = 0;
    st = wv_roster_encode(r, &again, &again_len, &err);
    expect(st == WV_OK && again_len == len && memcmp(again, env, len) == 0,
           "wv_roster_encode reproduces the envelope", name);
    wv_roster_fingerprint(r, again_fp);
    expect(memcmp(fp, again_fp, 32) == 0, "wv_roster_fingerprint agrees", name);
    st = wv_roster_verify(r, &err);
    expect(is_signed ? st == WV_OK : st == WV_ERR_UNSIGNED, "wv_roster_verify", name);
    free(again);
    wv_roster_free(r);
}

static void check_signature(const json_t *v, const env_view *e, const signer *sg,
                            const char *tag, const char *name)
{
    size_t tl = strlen(tag), ml = tl + 1 + e->body_len;
    uint8_t *m = malloc(ml);
    memcpy(m, tag, tl);
    m[tl] = 0x00;
    memcpy(m + tl + 1, e->body, e->body_len);
    expect(hex_equal(v, "signed_message", m, ml), "signed_message = tag || 0x00 || body", name);
    expect(e->key_id_len == 8 && memcmp(e->key_id, sg->key_id, 8) == 0 &&
               hex_equal(v, "key_id", sg->key_id, 8) && hex_equal(v, "public_key", sg->pk, 32),
           "key id and public key are the signer's", name);
    expect(e->sig_len == 64 && hex_equal(v, "signature", e->sig, 64), "signature field", name);
    expect(e->sig_len == 64 && crypto_sign_verify_detached(e->sig, m, ml, sg->pk) == 0,
           "Ed25519 signature verifies (libsodium)", name);
    m[ml - 1] ^= 0x01; /* control: one changed body bit must fail */
    expect(e->sig_len == 64 && crypto_sign_verify_detached(e->sig, m, ml, sg->pk) != 0,
           "a changed body does not verify", name);
    free(m);
}

static void check_vector(const json_t *v, uint64_t want_type)
{
    const char *name = str(v, "name");
    size_t len = 0, blen = 0;
    uint8_t *env = hexf(v, "envelope", &len), *body = hexf(v, "body", &blen);
    env_view e;
    if (env == NULL || body == NULL || parse_envelope(env, len, &e) != 0) {
        fail("%s: envelope is not a canonical Envelope encoding", name);
        free(env);
        free(body);
        return;
    }
    checks++;
    const char *tag = tag_of(e.type);
    expect(e.version == 1 && e.type == want_type && tag != NULL, "version 1 and type", name);
    expect(tag && strcmp(str(v, "domain_tag"), tag) == 0, "domain tag", name);
    expect(e.body_len == blen && memcmp(e.body, body, blen) == 0, "envelope body = body", name);
    check_input(v, desc_of(want_type), body, blen, name);
    const json_t *sj = json_object_get(v, "signer");
    const signer *sg = json_is_string(sj) ? find_signer(json_string_value(sj)) : NULL;
    if (sg != NULL && tag != NULL)
        check_signature(v, &e, sg, tag, name);
    else
        expect(json_is_null(sj) && want_type == 1 && e.key_id_len == 0 && e.sig_len == 0,
               "unsigned only as a roster draft", name);
    check_engine(env, len, &e, sg, name);
    if (want_type == 1)
        check_roster_vector(v, env, len, &e, sg != NULL, name);
    free(env);
    free(body);
}

static json_t *check_signed_file(const char *rel, uint64_t type, size_t min)
{
    json_t *j = load_json(rel);
    if (j == NULL)
        return NULL;
    json_t *arr = json_object_get(j, "vectors");
    expect(json_array_size(arr) >= min, "enough vectors", rel);
    for (size_t i = 0; i < json_array_size(arr); i++)
        check_vector(json_array_get(arr, i), type);
    return j;
}

/* ------------------------------------------------------------- receipts */

static const json_t *find_vector(json_t *const *files, size_t n, const char *name)
{
    for (size_t f = 0; f < n; f++) {
        json_t *arr = json_object_get(files[f], "vectors");
        for (size_t i = 0; i < json_array_size(arr); i++)
            if (strcmp(json_string_value(json_object_get(json_array_get(arr, i), "name")),
                       name) == 0)
                return json_array_get(arr, i);
    }
    return NULL;
}

static void node(const uint8_t *l, const uint8_t *r, uint8_t out[32])
{
    crypto_hash_sha256_state s;
    const uint8_t one = 0x01;
    crypto_hash_sha256_init(&s);
    crypto_hash_sha256_update(&s, &one, 1);
    crypto_hash_sha256_update(&s, l, 32);
    crypto_hash_sha256_update(&s, r, 32);
    crypto_hash_sha256_final(&s, out);
}

/* RFC 9162 2.1.1 MTH over leaf hashes (n >= 1). */
static void mth(const uint8_t *leaves, size_t n, uint8_t out[32])
{
    if (n == 1) {
        memcpy(out, leaves, 32);
        return;
    }
    size_t k = 1;
    while (2 * k < n)
        k *= 2;
    uint8_t l[32], r[32];
    mth(leaves, k, l);
    mth(leaves + 32 * k, n - k, r);
    node(l, r, out);
}

/* RFC 9162 2.1.3.2: the root an inclusion proof leads to (-1: bad proof). */
static int proof_root(const uint8_t *leaf, uint64_t index, uint64_t size, const json_t *proof,
                      uint8_t out[32])
{
    uint64_t fn = index, sn = size - 1;
    uint8_t r[32];
    memcpy(r, leaf, 32);
    for (size_t i = 0; i < json_array_size(proof); i++) {
        uint8_t *p = NULL;
        size_t pl = 0;
        if (sn == 0 || kat_unhex(json_string_value(json_array_get(proof, i)), &p, &pl) != 0 ||
            pl != 32) {
            free(p);
            return -1;
        }
        if ((fn & 1) || fn == sn) {
            node(p, r, r);
            while (!(fn & 1) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            node(r, p, r);
        }
        fn >>= 1;
        sn >>= 1;
        free(p);
    }
    memcpy(out, r, 32);
    return sn == 0 ? 0 : -1;
}

static void check_receipt(const json_t *v, const uint8_t *root, const char *cp,
                          json_t *const *files, size_t n_files)
{
    const char *name = str(v, "name");
    const json_t *entry_vec = find_vector(files, n_files, str(v, "entry_vector"));
    size_t el = 0, bl = 0;
    uint8_t *entry = hexf(v, "entry", &el), *body = hexf(v, "body", &bl);
    expect(entry_vec && strcmp(str(entry_vec, "envelope"), str(v, "entry")) == 0,
           "entry is the named vector's envelope", name);
    check_input(v, &wtovote__v1__receipt__descriptor, body, bl, name);
    const json_t *in = json_object_get(v, "input");
    uint8_t leaf[32], got_root[32];
    const uint8_t zero = 0x00;
    crypto_hash_sha256_state s;
    crypto_hash_sha256_init(&s);
    crypto_hash_sha256_update(&s, &zero, 1);
    crypto_hash_sha256_update(&s, entry ? entry : &zero, el);
    crypto_hash_sha256_final(&s, leaf);
    expect(hex_equal(in, "leaf_hash", leaf, 32), "leaf_hash = SHA-256(0x00 || entry)", name);
    json_int_t idx = json_integer_value(json_object_get(in, "leaf_index"));
    json_int_t size = json_integer_value(json_object_get(in, "tree_size"));
    expect(idx >= 0 && size > idx &&
               proof_root(leaf, (uint64_t)idx, (uint64_t)size,
                          json_object_get(in, "inclusion_proof"), got_root) == 0 &&
               memcmp(got_root, root, 32) == 0,
           "inclusion proof leads to the root (RFC 9162 2.1.3.2)", name);
    expect(strcmp(str(in, "checkpoint"), cp) == 0, "checkpoint is the file's", name);
    const signer *sec = find_signer("secretariat");
    if (sec != NULL && entry != NULL && body != NULL) {
        wv_public_key pub;
        wv_error err;
        memcpy(pub.pk, sec->pk, 32);
        memcpy(pub.key_id, sec->key_id, 8);
        wv_status st = wv_receipt_verify(body, bl, entry, el, &pub, NULL, &err);
        expect(st == WV_OK, st == WV_OK ? "" : err.message, name);
    }
    free(entry);
    free(body);
}

static void check_receipts(json_t *const *files, size_t n_files)
{
    json_t *j = load_json("kat/receipt.json");
    if (j == NULL)
        return;
    json_t *log = json_object_get(j, "log");
    size_t n = json_array_size(log);
    uint8_t *leaves = calloc(n ? n : 1, 32), root[32];
    for (size_t i = 0; i < n; i++) {
        const json_t *e = json_array_get(log, i);
        const json_t *vec = find_vector(files, n_files, str(e, "vector"));
        size_t el = 0;
        uint8_t *env = vec ? hexf(vec, "envelope", &el) : NULL;
        crypto_hash_sha256_state s;
        const uint8_t zero = 0x00;
        crypto_hash_sha256_init(&s);
        crypto_hash_sha256_update(&s, &zero, 1);
        crypto_hash_sha256_update(&s, env ? env : &zero, env ? el : 0);
        crypto_hash_sha256_final(&s, leaves + 32 * i);
        expect(env && hex_equal(e, "leaf_hash", leaves + 32 * i, 32),
               "log leaf hash = SHA-256(0x00 || envelope)", str(e, "vector"));
        free(env);
    }
    expect(n > 0 && (json_int_t)n == json_integer_value(json_object_get(j, "tree_size")),
           "tree_size = number of log entries", "receipt.json");
    if (n > 0) {
        mth(leaves, n, root);
        expect(hex_equal(j, "root", root, 32), "root = MTH(log) (RFC 9162 2.1.1)",
               "receipt.json");
        json_t *arr = json_object_get(j, "vectors");
        expect(json_array_size(arr) >= 2, "receipt vectors", "receipt.json");
        for (size_t i = 0; i < json_array_size(arr); i++)
            check_receipt(json_array_get(arr, i), root, str(j, "checkpoint"), files, n_files);
    }
    free(leaves);
    json_decref(j);
}

/* The meeting names the signed roster's fingerprint. */
static void check_cross(json_t *const *files)
{
    const json_t *open = find_vector(files, 3, "chair_meeting_open");
    const json_t *roster = find_vector(files, 3, "roster_signed");
    const json_t *m = open ? json_object_get(json_object_get(open, "input"), "meeting") : NULL;
    expect(m && roster &&
               strcmp(str(m, "roster_fingerprint"), str(roster, "fingerprint")) == 0,
           "Meeting.roster_fingerprint is roster_signed's fingerprint", "chair_meeting_open");
}

/* Two-limb decisions (VII:3, GATT XXV:5; SPEC "Decision procedure", step
 * 10): a verifier re-derives each published field, both limbs included,
 * from the counts the Decision states (no vote held), as the meeting state
 * machine does when it replays a record. */
static void check_two_limbs(json_t *const *files)
{
    static const char *const names[] = {"chair_decide_budget_pending",
                                        "chair_decide_gatt_waiver_pending"};
    for (size_t i = 0; i < 2; i++) {
        const json_t *v = find_vector(files, 3, names[i]);
        size_t len = 0;
        uint8_t *body = v ? hexf(v, "body", &len) : NULL;
        wv_chair_event *ev = NULL;
        int ok = body && wv_chair_event_decode(body, len, &ev, NULL) == WV_OK && ev->decision;
        expect(ok, "two-limb decision decodes", names[i]);
        if (ok) {
            const Wtovote__V1__Decision *pub = ev->decision;
            wv_tally t = {.members = pub->members, .present = pub->present,
                          .objections = pub->objections};
            wv_decision d;
            int derived = wv_rules_decide(wv_procedure_find(pub->procedure), NULL, &t, &d,
                                          NULL) == WV_OK;
            expect(derived && (int)pub->outcome == (int)d.outcome &&
                       (int)pub->stage == (int)d.stage && pub->required == 0 && !d.has_required,
                   "re-derived: pending at the vote stage, required 0", names[i]);
            expect(derived && d.two_limbs && !d.votes_cast_known &&
                       pub->required_of_votes_cast == 0 &&
                       pub->required_of_members == d.required_of_members &&
                       pub->required_of_members == 84,
                   "re-derived limbs: votes cast 0 (no vote held), Members 84 of 166", names[i]);
        }
        wv_message_free(ev);
        free(body);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: check_kat VECTORS_DIR\n");
        return 2;
    }
    if (wv_init() != 0)
        return 2;
    dir = argv[1];
    check_drift();
    check_keys();
    json_t *files[3] = {check_signed_file("kat/act.json", 2, 11),
                        check_signed_file("kat/chair_event.json", 3, 11),
                        check_signed_file("kat/roster.json", 1, 2)};
    if (files[0] && files[1] && files[2]) {
        check_cross(files);
        check_two_limbs(files);
        check_receipts(files, 3);
    }
    for (int i = 0; i < 3; i++)
        json_decref(files[i]);
    printf("check_kat: %d checks, %d failures\n", checks, failures);
    return failures == 0 && checks > 100 ? 0 : 1;
}
