/* Keys and signature files (engine/src/wire/keys_*.c, minisig.c): minisign
 * formats round trip, known answers from the real minisign 0.11, and each
 * kind of bad input gets its own error code (issue 2, point 5, "Bad input";
 * SPEC.md, "Keys and signature files"). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "wtovote/keys.h"
#include "wtovote/util.h"

/* Made by `minisign -G -W -p kat.pub -s kat.key` and `minisign -S -s kat.key
 * -m kat.txt -t "kat trusted comment"` (and -l for the legacy one), 0.11. */
static const char KAT_MSG[] = "Article IX:3 waiver request\n";
static const char KAT_PUB[] = "untrusted comment: minisign public key F5F48CBEE6F08416\n"
                              "RWQWhPDmvoz09XjWM6iCn+tU7EqHGIThDM+q+ghHXJtK9DYC7M5yClfU\n";
static const char KAT_KEY[] =
    "untrusted comment: minisign encrypted secret key\n"
    "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFoTw5r6M9PXQ"
    "OegEEZKg/ihQU503tt9kJwM4lB/e2ASN9kfdb1eUIHjWM6iCn+tU7EqHGIThDM+q+ghHXJtK9DYC7M5yClfU"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
static const char KAT_SIG[] =
    "untrusted comment: signature from minisign secret key\n"
    "RUQWhPDmvoz09eNpD6lNmB0rHQCj1gY0KWJIA+pnVGZMYjrVhXmi2P0CUolb1GaZpgWqc1xdKfAWkRNJhWhL"
    "kWEdYjiBhHk5vgs=\n"
    "trusted comment: kat trusted comment\n"
    "tK6Q54/DF5C1iVSjnrdi8tS37gfV6JzUYhjqC6cqwUNvgjsLSPfBfI8eFg8QzstrRq8J/t3IZUY0k7tk1TEN"
    "Dw==\n";
static const char KAT_LEGACY_SIG[] =
    "untrusted comment: signature from minisign secret key\n"
    "RWQWhPDmvoz09ScWB5w8F/0BDvUBQ8CJsqMBghCnWA4SH72pgLNlG2FEgomAgVh9jRxUvF1F/qURUGNcJjNr"
    "0uDLV9cIJ4xUIgI=\n"
    "trusted comment: kat legacy\n"
    "SNPuxI0n7dN9xYsfp/VdokxZ+CyyrvXZYtfjAhcShR0qMl3TkSgd4IvOhp+nxQW19dcIKGiph5vfqitYoMIl"
    "BA==\n";

static const uint8_t SEED[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

static wv_secret_key *seed_key(void)
{
    wv_secret_key *sk = NULL;
    assert_int_equal(wv_secret_key_from_seed(SEED, &sk, NULL), WV_OK);
    return sk;
}

/* Line `n` (0-based) of text, decoded from base64 into out; returns length. */
static size_t decode_line(const char *text, int n, uint8_t *out, size_t cap)
{
    const char *p = text;
    for (int i = 0; i < n; i++)
        p = strchr(p, '\n') + 1;
    size_t len = strcspn(p, "\n"), got = 0;
    assert_int_equal(sodium_base642bin(out, cap, p, len, NULL, &got, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    return got;
}

/* text with line `n` replaced by base64(bin); malloc'd. */
static char *replace_line(const char *text, int n, const uint8_t *bin, size_t len)
{
    char b64[512];
    sodium_bin2base64(b64, sizeof b64, bin, len, sodium_base64_VARIANT_ORIGINAL);
    char *out = malloc(strlen(text) + sizeof b64 + 2);
    const char *p = text;
    for (int i = 0; i < n; i++)
        p = strchr(p, '\n') + 1;
    size_t head = (size_t)(p - text);
    memcpy(out, text, head);
    sprintf(out + head, "%s%s", b64, strchr(p, '\n'));
    return out;
}

static void test_key_id_format(void **state)
{
    (void)state;
    static const uint8_t id[8] = {0x16, 0x84, 0xf0, 0xe6, 0xbe, 0x8c, 0xf4, 0xf5};
    char out[17];
    wv_key_id_format(id, out);
    assert_string_equal(out, "F5F48CBEE6F08416"); /* as minisign printed it */
}

static void test_from_seed_deterministic(void **state)
{
    (void)state;
    wv_secret_key *a = seed_key(), *b = seed_key();
    wv_public_key pa, pb;
    wv_secret_key_public(a, &pa);
    wv_secret_key_public(b, &pb);
    assert_memory_equal(&pa, &pb, sizeof pa);
    /* key id = BLAKE2b-256("wtovote key id" || seed)[0..8], pk = Ed25519(seed). */
    uint8_t h[32], pk[32], skb[64], in[14 + 32];
    memcpy(in, "wtovote key id", 14);
    memcpy(in + 14, SEED, 32);
    crypto_generichash(h, 32, in, sizeof in, NULL, 0);
    assert_memory_equal(pa.key_id, h, 8);
    crypto_sign_seed_keypair(pk, skb, SEED);
    assert_memory_equal(pa.pk, pk, 32);
    uint8_t s1[64], s2[64];
    wv_secret_key_sign(a, (const uint8_t *)"x", 1, s1);
    wv_secret_key_sign(b, (const uint8_t *)"x", 1, s2);
    assert_memory_equal(s1, s2, 64);
    assert_int_equal(wv_signature_verify(pa.pk, (const uint8_t *)"x", 1, s1, NULL), WV_OK);
    assert_int_equal(wv_signature_verify(pa.pk, (const uint8_t *)"y", 1, s1, NULL),
                     WV_ERR_BAD_SIGNATURE);
    wv_secret_key_free(a);
    wv_secret_key_free(b);
}

static void test_generate_distinct(void **state)
{
    (void)state;
    wv_secret_key *a, *b;
    assert_int_equal(wv_secret_key_generate(&a, NULL), WV_OK);
    assert_int_equal(wv_secret_key_generate(&b, NULL), WV_OK);
    wv_public_key pa, pb;
    wv_secret_key_public(a, &pa);
    wv_secret_key_public(b, &pb);
    assert_memory_not_equal(pa.pk, pb.pk, 32);
    wv_secret_key_free(a);
    wv_secret_key_free(b);
    wv_secret_key_free(NULL);
}

static void test_public_round_trip(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key();
    wv_public_key pub, back;
    wv_secret_key_public(sk, &pub);
    char *text = NULL, id[17];
    assert_int_equal(wv_public_key_format(&pub, &text, NULL), WV_OK);
    wv_key_id_format(pub.key_id, id);
    assert_non_null(strstr(text, id));
    assert_int_equal(wv_public_key_parse(text, strlen(text), &back, NULL), WV_OK);
    assert_memory_equal(&pub, &back, sizeof pub);
    free(text);
    wv_secret_key_free(sk);
}

/* Sign "m" with both keys and compare: same secret key material. */
static void assert_same_key(const wv_secret_key *a, const wv_secret_key *b)
{
    uint8_t s1[64], s2[64];
    wv_public_key pa, pb;
    wv_secret_key_public(a, &pa);
    wv_secret_key_public(b, &pb);
    assert_memory_equal(&pa, &pb, sizeof pa);
    wv_secret_key_sign(a, (const uint8_t *)"m", 1, s1);
    wv_secret_key_sign(b, (const uint8_t *)"m", 1, s2);
    assert_memory_equal(s1, s2, 64);
}

static void test_secret_unencrypted_round_trip(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key(), *back = NULL;
    char *text = NULL;
    assert_int_equal(wv_secret_key_format(sk, NULL, &text, NULL), WV_OK);
    assert_int_equal(wv_secret_key_is_encrypted(text, strlen(text)), 0);
    assert_int_equal(wv_secret_key_parse(text, strlen(text), NULL, &back, NULL), WV_OK);
    assert_same_key(sk, back);
    /* Bytes: "Ed", no KDF, "B2", then zero salt and limits (as minisign -W). */
    uint8_t raw[160];
    assert_int_equal(decode_line(text, 1, raw, sizeof raw), 158);
    assert_memory_equal(raw, "Ed\0\0B2", 6);
    for (int i = 6; i < 54; i++)
        assert_int_equal(raw[i], 0);
    wv_secure_free_string(text);
    wv_secret_key_free(sk);
    wv_secret_key_free(back);
}

static void test_secret_encrypted_round_trip(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key(), *back = NULL;
    char *text = NULL;
    wv_error err;
    assert_int_equal(wv_secret_key_format_ex(sk, "correct horse", WV_KDF_INTERACTIVE, "test key",
                                             &text, NULL), WV_OK);
    assert_non_null(strstr(text, "untrusted comment: test key\n"));
    assert_int_equal(wv_secret_key_is_encrypted(text, strlen(text)), 1);
    uint8_t raw[160];
    assert_int_equal(decode_line(text, 1, raw, sizeof raw), 158);
    assert_memory_equal(raw, "EdScB2", 6);
    uint64_t ops = 0, mem = 0;
    for (int i = 7; i >= 0; i--) {
        ops = (ops << 8) | raw[38 + i];
        mem = (mem << 8) | raw[46 + i];
    }
    assert_int_equal(ops, crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE);
    assert_int_equal(mem, crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE);
    assert_int_equal(wv_secret_key_parse(text, strlen(text), "correct horse", &back, NULL), WV_OK);
    assert_same_key(sk, back);
    wv_secret_key_free(back);
    back = NULL;
    assert_int_equal(wv_secret_key_parse(text, strlen(text), "wrong horse", &back, &err),
                     WV_ERR_PASSPHRASE);
    assert_null(back);
    assert_non_null(strstr(err.message, "wrong passphrase"));
    assert_int_equal(wv_secret_key_parse(text, strlen(text), NULL, &back, &err), WV_ERR_PASSPHRASE);
    wv_secure_free_string(text);
    wv_secret_key_free(sk);
}

static void test_kdf_env(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key();
    char *text = NULL;
    wv_error err;
    setenv("WTOVOTE_KDF", "fast-please", 1);
    assert_int_equal(wv_secret_key_format(sk, "p", &text, &err), WV_ERR_ARG);
    assert_non_null(strstr(err.message, "WTOVOTE_KDF"));
    setenv("WTOVOTE_KDF", "interactive", 1);
    assert_int_equal(wv_secret_key_format(sk, "p", &text, NULL), WV_OK);
    uint8_t raw[160];
    decode_line(text, 1, raw, sizeof raw);
    assert_int_equal(raw[46 + 3], (crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE >> 24) & 0xff);
    unsetenv("WTOVOTE_KDF");
    wv_secure_free_string(text);
    wv_secret_key_free(sk);
}

static void test_minisign_kat(void **state)
{
    (void)state;
    wv_public_key pub, mine;
    wv_secret_key *sk = NULL;
    char *tc = NULL;
    assert_int_equal(wv_public_key_parse(KAT_PUB, strlen(KAT_PUB), &pub, NULL), WV_OK);
    /* minisign -W writes an all-zero checksum; the key still loads. */
    assert_int_equal(wv_secret_key_parse(KAT_KEY, strlen(KAT_KEY), NULL, &sk, NULL), WV_OK);
    wv_secret_key_public(sk, &mine);
    assert_memory_equal(&pub, &mine, sizeof pub);
    const uint8_t *m = (const uint8_t *)KAT_MSG;
    size_t n = strlen(KAT_MSG);
    assert_int_equal(wv_minisig_verify(&pub, m, n, KAT_SIG, strlen(KAT_SIG), &tc, NULL), WV_OK);
    assert_string_equal(tc, "kat trusted comment");
    free(tc);
    assert_int_equal(wv_minisig_verify(&pub, m, n, KAT_LEGACY_SIG, strlen(KAT_LEGACY_SIG), &tc,
                                       NULL), WV_OK);
    assert_string_equal(tc, "kat legacy");
    free(tc);
    /* Ed25519 is deterministic: our "ED" signature line equals minisign's. */
    char *ours = NULL;
    assert_int_equal(wv_minisig_create(sk, m, n, "kat trusted comment", &ours, NULL), WV_OK);
    assert_non_null(strstr(ours, strchr(KAT_SIG, '\n') + 1));
    free(ours);
    wv_secret_key_free(sk);
}

static void expect_key_error(const char *text, size_t len, wv_status pub_code, wv_status sec_code)
{
    wv_public_key pub;
    wv_secret_key *sk = NULL;
    wv_error err;
    assert_int_equal(wv_public_key_parse(text, len, &pub, &err), pub_code);
    assert_true(err.message[0] != '\0');
    assert_int_equal(wv_secret_key_parse(text, len, "p", &sk, &err), sec_code);
    assert_null(sk);
    assert_true(err.message[0] != '\0');
}

static void test_truncated_keys(void **state)
{
    (void)state;
    /* Every cut before the last newline is refused as a format error. */
    for (size_t cut = 0; cut + 1 < strlen(KAT_PUB); cut++) {
        wv_public_key pub;
        assert_int_equal(wv_public_key_parse(KAT_PUB, cut, &pub, NULL), WV_ERR_KEY_FORMAT);
    }
    for (size_t cut = 0; cut + 1 < strlen(KAT_KEY); cut++) {
        wv_secret_key *sk = NULL;
        assert_int_equal(wv_secret_key_parse(KAT_KEY, cut, NULL, &sk, NULL), WV_ERR_KEY_FORMAT);
        assert_int_equal(wv_secret_key_is_encrypted(KAT_KEY, cut), -1);
    }
}

static void test_foreign_keys(void **state)
{
    (void)state;
    static const char ssh[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH5y user@host\n";
    static const char pem[] = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIC\n"
                              "-----END PRIVATE KEY-----\n";
    static const char b64[] = "untrusted comment: x\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n";
    static const char junk[] = "untrusted comment: x\nnot base64 at all!\n";
    expect_key_error(ssh, strlen(ssh), WV_ERR_KEY_FORMAT, WV_ERR_KEY_FORMAT);
    expect_key_error(pem, strlen(pem), WV_ERR_KEY_FORMAT, WV_ERR_KEY_FORMAT);
    expect_key_error(b64, strlen(b64), WV_ERR_KEY_FORMAT, WV_ERR_KEY_FORMAT);
    expect_key_error(junk, strlen(junk), WV_ERR_KEY_FORMAT, WV_ERR_KEY_FORMAT);
    expect_key_error("", 0, WV_ERR_KEY_FORMAT, WV_ERR_KEY_FORMAT);
    /* A secret key where a public key is wanted, and the reverse. */
    wv_public_key pub;
    wv_secret_key *sk = NULL;
    wv_error err;
    assert_int_equal(wv_public_key_parse(KAT_KEY, strlen(KAT_KEY), &pub, &err), WV_ERR_KEY_FORMAT);
    assert_non_null(strstr(err.message, "secret key"));
    assert_int_equal(wv_secret_key_parse(KAT_PUB, strlen(KAT_PUB), NULL, &sk, &err),
                     WV_ERR_KEY_FORMAT);
    assert_non_null(strstr(err.message, "public key"));
    /* An embedded NUL inside the key line. */
    char nul[sizeof KAT_PUB];
    memcpy(nul, KAT_PUB, sizeof nul);
    nul[70] = '\0';
    assert_int_equal(wv_public_key_parse(nul, sizeof nul - 1, &pub, NULL), WV_ERR_KEY_FORMAT);
}

/* The KAT secret key with byte `at` replaced by v. */
static wv_status secret_with(size_t at, uint8_t v, const char *pass)
{
    uint8_t raw[160];
    decode_line(KAT_KEY, 1, raw, sizeof raw);
    raw[at] = v;
    char *text = replace_line(KAT_KEY, 1, raw, 158);
    wv_secret_key *sk = NULL;
    wv_status st = wv_secret_key_parse(text, strlen(text), pass, &sk, NULL);
    wv_secret_key_free(sk);
    free(text);
    return st;
}

static void test_bad_algorithms(void **state)
{
    (void)state;
    uint8_t raw[64];
    decode_line(KAT_PUB, 1, raw, sizeof raw);
    raw[1] = 'x';
    char *text = replace_line(KAT_PUB, 1, raw, 42);
    wv_public_key pub;
    assert_int_equal(wv_public_key_parse(text, strlen(text), &pub, NULL), WV_ERR_KEY_ALGORITHM);
    free(text);
    assert_int_equal(secret_with(1, 'D', NULL), WV_ERR_KEY_ALGORITHM);   /* sig alg "ED" */
    assert_int_equal(secret_with(2, 'A', NULL), WV_ERR_KEY_ALGORITHM);   /* kdf "A\0" */
    assert_int_equal(secret_with(5, '3', NULL), WV_ERR_KEY_ALGORITHM);   /* chk "B3" */
    /* A corrupt unencrypted key: non-zero checksum that does not match. */
    assert_int_equal(secret_with(130, 1, NULL), WV_ERR_KEY_FORMAT);
    /* Public half not matching the seed. */
    assert_int_equal(secret_with(100, 0x55, NULL), WV_ERR_KEY_FORMAT);
}

static void test_kdf_limits_checked_before_kdf(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key();
    char *text = NULL;
    assert_int_equal(wv_secret_key_format_ex(sk, "p", WV_KDF_INTERACTIVE, NULL, &text, NULL),
                     WV_OK);
    uint8_t raw[160];
    decode_line(text, 1, raw, sizeof raw);
    raw[46 + 7] = 0x40; /* memlimit around 2^62 bytes: refused, not attempted */
    char *huge = replace_line(text, 1, raw, 158);
    wv_secret_key *back = NULL;
    assert_int_equal(wv_secret_key_parse(huge, strlen(huge), "p", &back, NULL), WV_ERR_KEY_FORMAT);
    free(huge);
    wv_secure_free_string(text);
    wv_secret_key_free(sk);
}

static void test_minisig_round_trip_and_tampering(void **state)
{
    (void)state;
    wv_secret_key *sk = seed_key();
    wv_public_key pub;
    wv_secret_key_public(sk, &pub);
    const uint8_t *m = (const uint8_t *)"act body";
    char *sig = NULL, *tc = NULL;
    wv_error err;
    assert_int_equal(wv_minisig_create(sk, m, 8, "timestamp:1\tfile:a\thashed", &sig, NULL), WV_OK);
    assert_int_equal(wv_minisig_verify(&pub, m, 8, sig, strlen(sig), &tc, NULL), WV_OK);
    assert_string_equal(tc, "timestamp:1\tfile:a\thashed");
    free(tc);
    /* Tampered message. */
    assert_int_equal(wv_minisig_verify(&pub, (const uint8_t *)"act bodY", 8, sig, strlen(sig),
                                       NULL, &err), WV_ERR_BAD_SIGNATURE);
    assert_non_null(strstr(err.message, "modified"));
    /* Tampered trusted comment. */
    char *t = strdup(sig);
    *strstr(t, "timestamp:1") = 'T';
    assert_int_equal(wv_minisig_verify(&pub, m, 8, t, strlen(t), NULL, &err), WV_ERR_BAD_SIGNATURE);
    assert_non_null(strstr(err.message, "trusted comment"));
    free(t);
    /* Tampered global signature. */
    uint8_t g[64];
    decode_line(sig, 3, g, sizeof g);
    g[10] ^= 1;
    t = replace_line(sig, 3, g, 64);
    assert_int_equal(wv_minisig_verify(&pub, m, 8, t, strlen(t), NULL, NULL), WV_ERR_BAD_SIGNATURE);
    free(t);
    /* Another key id in the signature line. */
    uint8_t s[80];
    decode_line(sig, 1, s, sizeof s);
    s[2] ^= 1;
    t = replace_line(sig, 1, s, 74);
    assert_int_equal(wv_minisig_verify(&pub, m, 8, t, strlen(t), NULL, &err), WV_ERR_KEY_MISMATCH);
    free(t);
    /* Unknown algorithm tag. */
    decode_line(sig, 1, s, sizeof s);
    s[1] = 'X';
    t = replace_line(sig, 1, s, 74);
    assert_int_equal(wv_minisig_verify(&pub, m, 8, t, strlen(t), NULL, NULL), WV_ERR_KEY_ALGORITHM);
    free(t);
    /* Same key id but another public key: the signature does not verify. */
    wv_public_key other = pub;
    other.pk[0] ^= 1;
    assert_int_not_equal(wv_minisig_verify(&other, m, 8, sig, strlen(sig), NULL, NULL), WV_OK);
    free(sig);
    wv_secret_key_free(sk);
}

static void test_minisig_malformed(void **state)
{
    (void)state;
    wv_public_key pub;
    assert_int_equal(wv_public_key_parse(KAT_PUB, strlen(KAT_PUB), &pub, NULL), WV_OK);
    const uint8_t *m = (const uint8_t *)KAT_MSG;
    size_t n = strlen(KAT_MSG), len = strlen(KAT_SIG);
    /* Every cut before the final newline is malformed (or, for a cut inside
     * the global signature line, not base64 of 64 bytes). */
    for (size_t cut = 0; cut + 1 < len; cut++)
        assert_int_equal(wv_minisig_verify(&pub, m, n, KAT_SIG, cut, NULL, NULL), WV_ERR_SIG_FORMAT);
    char buf[1024];
    snprintf(buf, sizeof buf, "%sextra line\n", KAT_SIG);
    assert_int_equal(wv_minisig_verify(&pub, m, n, buf, strlen(buf), NULL, NULL), WV_ERR_SIG_FORMAT);
    snprintf(buf, sizeof buf, "%s\n\n", KAT_SIG); /* trailing empty lines are fine */
    assert_int_equal(wv_minisig_verify(&pub, m, n, buf, strlen(buf), NULL, NULL), WV_OK);
    const char *no_tc = strstr(KAT_SIG, "trusted comment: kat");
    snprintf(buf, sizeof buf, "%.*sTRUSTED%s", (int)(no_tc - KAT_SIG), KAT_SIG, no_tc + 7);
    assert_int_equal(wv_minisig_verify(&pub, m, n, buf, strlen(buf), NULL, NULL), WV_ERR_SIG_FORMAT);
    /* Trusted comments must be one line. */
    wv_secret_key *sk = seed_key();
    char *sig = NULL;
    assert_int_equal(wv_minisig_create(sk, m, n, "two\nlines", &sig, NULL), WV_ERR_ARG);
    assert_int_equal(wv_minisig_create(sk, m, n, NULL, &sig, NULL), WV_ERR_ARG);
    assert_null(sig);
    wv_secret_key_free(sk);
}

static void test_load_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/wv-test-keys.XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/k.pub", dir);
    wv_public_key pub;
    wv_error err;
    assert_int_equal(wv_public_key_load(path, &pub, &err), WV_ERR_IO);
    assert_non_null(strstr(err.message, "k.pub"));
    assert_int_equal(wv_file_write_atomic(path, "untrusted comment: x\nAAAA\n", 26, 0644,
                                          WV_WRITE_REPLACE, NULL), WV_OK);
    assert_int_equal(wv_public_key_load(path, &pub, &err), WV_ERR_KEY_FORMAT);
    assert_non_null(strstr(err.message, "k.pub"));
    remove(path);
    remove(dir);
}

/* Writes len bytes of data to dir/name; the path goes to path (64 bytes). */
static void write_file(const char *dir, const char *name, const void *data, size_t len,
                       char *path)
{
    snprintf(path, 64, "%s/%s", dir, name);
    assert_int_equal(wv_file_write_atomic(path, data, len, 0644, WV_WRITE_REPLACE, NULL), WV_OK);
}

/* Streaming BLAKE2b-512 of a file over more than two 64 KiB chunks, not a
 * multiple of one. Expected value computed by Python's hashlib:
 * hashlib.blake2b(bytes((i*7+3)%251 for i in range(150000))).hexdigest() */
static void test_hash_file_known_answer(void **state)
{
    (void)state;
    static const char WANT[] = "b63cdbcef57278792c3c8e7ed6dc7dc6afd8181e1e0a5159544f54f2ed6526e3"
                               "ef132e3d4ad6ad8e7052ce9509f7a5acb443bc7d863b5f6a0d3d412b7092b561";
    enum { N = 150000 };
    uint8_t *data = malloc(N), hash[WV_MINISIG_HASH_BYTES];
    char dir[] = "/tmp/wv-test-keys.XXXXXX", path[64], hex[2 * WV_MINISIG_HASH_BYTES + 1];
    assert_non_null(data);
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < N; i++)
        data[i] = (uint8_t)((i * 7 + 3) % 251);
    write_file(dir, "big", data, N, path);
    assert_int_equal(wv_minisig_hash_file(path, hash, NULL), WV_OK);
    wv_hex(hash, sizeof hash, hex);
    assert_string_equal(hex, WANT);
    /* A signature made from the streamed hash is the in-memory one. */
    wv_secret_key *sk = seed_key();
    wv_public_key pub;
    wv_secret_key_public(sk, &pub);
    char *sig = NULL;
    assert_int_equal(wv_minisig_create_hashed(sk, hash, "t", &sig, NULL), WV_OK);
    assert_int_equal(wv_minisig_verify(&pub, data, N, sig, strlen(sig), NULL, NULL), WV_OK);
    assert_int_equal(wv_minisig_verify_file(&pub, path, sig, strlen(sig), NULL, NULL), WV_OK);
    data[N - 1] ^= 1; /* the last chunk counts */
    write_file(dir, "big", data, N, path);
    assert_int_equal(wv_minisig_verify_file(&pub, path, sig, strlen(sig), NULL, NULL),
                     WV_ERR_BAD_SIGNATURE);
    free(sig);
    wv_secret_key_free(sk);
    free(data);
    remove(path);
    remove(dir);
}

/* verify_file: minisign's "ED" and legacy "Ed" known answers from a file;
 * a missing file names itself; a legacy signature over a file above 1 GiB
 * is refused by its size before any reading (a sparse file: cheap). */
static void test_verify_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/wv-test-keys.XXXXXX", path[64], *tc = NULL;
    wv_public_key pub;
    wv_error err;
    uint8_t hash[WV_MINISIG_HASH_BYTES];
    assert_non_null(mkdtemp(dir));
    assert_int_equal(wv_public_key_parse(KAT_PUB, strlen(KAT_PUB), &pub, NULL), WV_OK);
    write_file(dir, "kat.txt", KAT_MSG, strlen(KAT_MSG), path);
    assert_int_equal(wv_minisig_verify_file(&pub, path, KAT_SIG, strlen(KAT_SIG), &tc, NULL), WV_OK);
    assert_string_equal(tc, "kat trusted comment");
    free(tc);
    assert_int_equal(wv_minisig_verify_file(&pub, path, KAT_LEGACY_SIG, strlen(KAT_LEGACY_SIG),
                                            NULL, NULL), WV_OK);
    assert_int_equal(truncate(path, (off_t)WV_MINISIG_LEGACY_MAX + 1), 0);
    assert_int_equal(wv_minisig_verify_file(&pub, path, KAT_LEGACY_SIG, strlen(KAT_LEGACY_SIG),
                                            NULL, &err), WV_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "kat.txt"));
    assert_non_null(strstr(err.message, "legacy"));
    remove(path);
    assert_int_equal(wv_minisig_verify_file(&pub, path, KAT_SIG, strlen(KAT_SIG), NULL, &err),
                     WV_ERR_IO);
    assert_non_null(strstr(err.message, "kat.txt"));
    assert_int_equal(wv_minisig_hash_file(dir, hash, &err), WV_ERR_IO); /* a directory */
    assert_non_null(strstr(err.message, dir));
    remove(dir);
}

int main(void)
{
    if (wv_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_id_format),
        cmocka_unit_test(test_from_seed_deterministic),
        cmocka_unit_test(test_generate_distinct),
        cmocka_unit_test(test_public_round_trip),
        cmocka_unit_test(test_secret_unencrypted_round_trip),
        cmocka_unit_test(test_secret_encrypted_round_trip),
        cmocka_unit_test(test_kdf_env),
        cmocka_unit_test(test_minisign_kat),
        cmocka_unit_test(test_truncated_keys),
        cmocka_unit_test(test_foreign_keys),
        cmocka_unit_test(test_bad_algorithms),
        cmocka_unit_test(test_kdf_limits_checked_before_kdf),
        cmocka_unit_test(test_minisig_round_trip_and_tampering),
        cmocka_unit_test(test_minisig_malformed),
        cmocka_unit_test(test_load_files),
        cmocka_unit_test(test_hash_file_known_answer),
        cmocka_unit_test(test_verify_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
