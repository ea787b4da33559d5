/* C2SP signed notes and checkpoints: signing, parsing, verification with
 * known and unknown keys, tampering and malformed notes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wtovote/merkle.h"
#include "wtovote/note.h"
#include "wtovote/util.h"

static wv_secret_key *sec_sk, *obs_sk, *other_sk;
static wv_public_key sec_pub, obs_pub, other_pub;
#define ORIGIN "wtovote.example/meeting/GC-2025-07"

static wv_secret_key *key_from_byte(uint8_t b, wv_public_key *pub)
{
    uint8_t seed[32];
    memset(seed, b, sizeof seed);
    wv_secret_key *sk = NULL;
    if (wv_secret_key_from_seed(seed, &sk, NULL) != WV_OK)
        return NULL;
    wv_secret_key_public(sk, pub);
    return sk;
}

static int setup(void **state)
{
    (void)state;
    if (wv_init() != 0)
        return -1;
    sec_sk = key_from_byte(1, &sec_pub);
    obs_sk = key_from_byte(2, &obs_pub);
    other_sk = key_from_byte(3, &other_pub);
    return sec_sk && obs_sk && other_sk ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    wv_secret_key_free(sec_sk);
    wv_secret_key_free(obs_sk);
    wv_secret_key_free(other_sk);
    return 0;
}

static wv_checkpoint sample_checkpoint(void)
{
    wv_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    strcpy(cp.origin, ORIGIN);
    cp.size = 1234567;
    for (int i = 0; i < WV_HASH_BYTES; i++)
        cp.root[i] = (uint8_t)(i * 7);
    return cp;
}

static char *signed_checkpoint(size_t *len)
{
    wv_checkpoint cp = sample_checkpoint();
    char *note = NULL;
    assert_int_equal(wv_checkpoint_sign(&cp, sec_sk, &note, len, NULL), WV_OK);
    return note;
}

static void test_key_hash_definition(void **state)
{
    (void)state;
    /* key hash = SHA-256(name || 0x0A || 0x01 || pk)[0:4] */
    uint8_t buf[64 + 2 + 32], digest[32], kh[4];
    size_t n = strlen(ORIGIN);
    memcpy(buf, ORIGIN, n);
    buf[n] = '\n';
    buf[n + 1] = 0x01;
    memcpy(buf + n + 2, sec_pub.pk, 32);
    crypto_hash_sha256(digest, buf, n + 34);
    wv_note_key_hash(ORIGIN, sec_pub.pk, kh);
    assert_memory_equal(kh, digest, 4);
}

static void test_vkey_roundtrip(void **state)
{
    (void)state;
    wv_note_verifier v, back;
    char vkey[WV_NOTE_VKEY_MAX];
    assert_int_equal(wv_checkpoint_secretariat_verifier(ORIGIN, &sec_pub, &v, NULL), WV_OK);
    wv_note_verifier_format(&v, vkey);
    assert_int_equal(strncmp(vkey, ORIGIN, strlen(ORIGIN)), 0);
    assert_int_equal(vkey[strlen(ORIGIN)], '+');
    assert_int_equal(wv_note_verifier_parse(vkey, &back, NULL), WV_OK);
    assert_memory_equal(&v, &back, sizeof v);
    /* key hash altered: refused */
    char bad[WV_NOTE_VKEY_MAX];
    strcpy(bad, vkey);
    char *h = bad + strlen(ORIGIN) + 1;
    *h = *h == '0' ? '1' : '0';
    wv_error err;
    assert_int_equal(wv_note_verifier_parse(bad, &back, &err), WV_ERR_KEY_FORMAT);
    assert_int_equal(wv_note_verifier_parse("no-plus-signs", &back, NULL), WV_ERR_KEY_FORMAT);
    assert_int_equal(wv_note_verifier_from_key("has space", sec_pub.pk, &back, NULL), WV_ERR_BAD_VALUE);
    assert_int_equal(wv_note_verifier_from_key("a+b", sec_pub.pk, &back, NULL), WV_ERR_BAD_VALUE);
    assert_int_equal(wv_note_verifier_from_key("", sec_pub.pk, &back, NULL), WV_ERR_BAD_VALUE);
    /* U+3000 IDEOGRAPHIC SPACE is a Unicode space */
    assert_int_equal(wv_note_verifier_from_key("a\xE3\x80\x80" "b", sec_pub.pk, &back, NULL), WV_ERR_BAD_VALUE);
}

static void test_checkpoint_sign_and_open(void **state)
{
    (void)state;
    size_t len;
    char *note = signed_checkpoint(&len);
    /* body lines, blank line, one signature line with the em dash */
    assert_non_null(strstr(note, ORIGIN "\n1234567\n"));
    assert_non_null(strstr(note, "\n\n\xE2\x80\x94 " ORIGIN " "));
    wv_checkpoint got, want = sample_checkpoint();
    wv_error err = {0};
    assert_int_equal(wv_checkpoint_open(note, len, &sec_pub, ORIGIN, NULL, 0, &got, &err), WV_OK);
    assert_memory_equal(&got, &want, sizeof got);
    /* wrong expected origin */
    assert_int_equal(wv_checkpoint_open(note, len, &sec_pub, "wtovote.example/meeting/X", NULL, 0, &got, &err),
                     WV_ERR_CHECKPOINT);
    /* another Secretariat key: no signature by it */
    assert_int_equal(wv_checkpoint_open(note, len, &other_pub, NULL, NULL, 0, &got, &err), WV_ERR_UNSIGNED);
    free(note);
}

static void test_cosignature_known_and_unknown(void **state)
{
    (void)state;
    size_t len, len2, len3;
    char *note = signed_checkpoint(&len), *co = NULL, *co2 = NULL;
    assert_int_equal(wv_note_cosign(note, len, "observer.example/witness", obs_sk, &co, &len2, NULL), WV_OK);
    assert_int_equal(wv_note_cosign(co, len2, "stranger.example", other_sk, &co2, &len3, NULL), WV_OK);
    wv_checkpoint got;
    wv_error err = {0};
    /* unknown observer keys are ignored: still verifies with the Secretariat key */
    assert_int_equal(wv_checkpoint_open(co2, len3, &sec_pub, ORIGIN, NULL, 0, &got, &err), WV_OK);
    /* a known observer is checked and reported */
    wv_note parsed;
    wv_note_verifier sec, obs[2];
    assert_int_equal(wv_note_parse(co2, len3, &parsed, NULL), WV_OK);
    assert_int_equal(parsed.n_sigs, 3);
    assert_int_equal(wv_checkpoint_secretariat_verifier(ORIGIN, &sec_pub, &sec, NULL), WV_OK);
    assert_int_equal(wv_note_verifier_from_key("nobody.example", other_pub.pk, &obs[0], NULL), WV_OK);
    assert_int_equal(wv_note_verifier_from_key("observer.example/witness", obs_pub.pk, &obs[1], NULL), WV_OK);
    uint32_t mask = 0;
    assert_int_equal(wv_note_verify(&parsed, &sec, obs, 2, &mask, &err), WV_OK);
    assert_int_equal(mask, 2u);
    /* a known key whose signature fails refuses the note: observer key
     * registered under the right name with the wrong public key has a
     * different key hash, so it is just unknown... */
    wv_note_verifier wrong;
    assert_int_equal(wv_note_verifier_from_key("observer.example/witness", other_pub.pk, &wrong, NULL), WV_OK);
    assert_int_equal(wv_note_verify(&parsed, &sec, &wrong, 1, &mask, &err), WV_OK);
    assert_int_equal(mask, 0u);
    /* ...while a forged line with the right key hash and a bad signature is refused */
    parsed.sigs[1].sig[0] ^= 1;
    assert_int_equal(wv_note_verify(&parsed, &sec, obs, 2, &mask, &err), WV_ERR_BAD_SIGNATURE);
    assert_non_null(strstr(err.message, "observer.example/witness"));
    wv_note_free(&parsed);
    /* the same key cannot co-sign twice */
    char *dup = NULL;
    size_t dup_len;
    assert_int_equal(wv_note_cosign(co2, len3, "observer.example/witness", obs_sk, &dup, &dup_len, NULL),
                     WV_ERR_DUPLICATE_KEY);
    free(note);
    free(co);
    free(co2);
}

static void test_missing_secretariat_signature(void **state)
{
    (void)state;
    wv_checkpoint cp = sample_checkpoint();
    char *body = NULL, *note = NULL;
    size_t blen, nlen;
    assert_int_equal(wv_checkpoint_format(&cp, &body, &blen, NULL), WV_OK);
    /* signed by an observer only */
    assert_int_equal(wv_note_sign(body, blen, "observer.example/witness", obs_sk, &note, &nlen, NULL), WV_OK);
    wv_checkpoint got;
    wv_error err = {0};
    assert_int_equal(wv_checkpoint_open(note, nlen, &sec_pub, ORIGIN, NULL, 0, &got, &err), WV_ERR_UNSIGNED);
    assert_non_null(strstr(err.message, "no signature by"));
    free(note);
    /* signed by another key under the Secretariat's name: unknown key hash */
    assert_int_equal(wv_note_sign(body, blen, ORIGIN, other_sk, &note, &nlen, NULL), WV_OK);
    assert_int_equal(wv_checkpoint_open(note, nlen, &sec_pub, ORIGIN, NULL, 0, &got, &err), WV_ERR_UNSIGNED);
    free(note);
    free(body);
}

static void test_tampered_body(void **state)
{
    (void)state;
    size_t len;
    char *note = signed_checkpoint(&len);
    wv_checkpoint got;
    wv_error err;
    /* every byte of the body, changed to another digit/letter, fails */
    char *sep = strstr(note, "\n\n");
    size_t body_len = (size_t)(sep - note) + 1;
    for (size_t i = 0; i < body_len - 1; i++) {
        char saved = note[i];
        if (saved == '\n')
            continue;
        note[i] = saved == '1' ? '2' : saved == 'A' ? 'B' : '1';
        wv_status rc = wv_checkpoint_open(note, len, &sec_pub, NULL, NULL, 0, &got, &err);
        assert_int_not_equal(rc, WV_OK);
        note[i] = saved;
    }
    /* tree size changed: signature fails */
    char *size_line = strstr(note, "1234567");
    size_line[6] = '8';
    assert_int_equal(wv_checkpoint_open(note, len, &sec_pub, ORIGIN, NULL, 0, &got, &err), WV_ERR_BAD_SIGNATURE);
    size_line[6] = '7';
    assert_int_equal(wv_checkpoint_open(note, len, &sec_pub, ORIGIN, NULL, 0, &got, &err), WV_OK);
    free(note);
}

static void test_duplicate_signature(void **state)
{
    (void)state;
    size_t len;
    char *note = signed_checkpoint(&len);
    char *sep = strstr(note, "\n\n");
    const char *line = sep + 2;
    size_t line_len = len - (size_t)(line - note);
    char *twice = malloc(len + line_len + 1);
    memcpy(twice, note, len);
    memcpy(twice + len, line, line_len);
    twice[len + line_len] = '\0';
    wv_checkpoint got;
    wv_error err;
    assert_int_equal(wv_checkpoint_open(twice, len + line_len, &sec_pub, ORIGIN, NULL, 0, &got, &err),
                     WV_ERR_CHECKPOINT);
    assert_non_null(strstr(err.message, "two signatures"));
    free(twice);
    free(note);
}

static wv_status parse_str(const char *s)
{
    wv_note n;
    wv_status rc = wv_note_parse(s, strlen(s), &n, NULL);
    wv_note_free(&n);
    return rc;
}

static void test_malformed_notes(void **state)
{
    (void)state;
    static const char *sig = "\xE2\x80\x94 name AAAAAAAAAA==\n";
    char buf[256];
    snprintf(buf, sizeof buf, "text\n\n%s", sig);
    assert_int_equal(parse_str(buf), WV_OK);
    assert_int_equal(parse_str(""), WV_ERR_CHECKPOINT);
    assert_int_equal(parse_str("text\n"), WV_ERR_CHECKPOINT);             /* no signatures */
    assert_int_equal(parse_str("text\n\n"), WV_ERR_CHECKPOINT);           /* blank line only */
    assert_int_equal(parse_str("text\n\n-- name AAAAAAAAAA==\n"), WV_ERR_CHECKPOINT); /* not an em dash */
    assert_int_equal(parse_str("text\n\n\xE2\x80\x94 name AAAAAAAAAA==\n"), WV_OK);
    assert_int_equal(parse_str("text\n\n\xE2\x80\x94 name AAAAAAAAAA=="), WV_ERR_CHECKPOINT); /* no final \n */
    assert_int_equal(parse_str("text\n\n\xE2\x80\x94 name AAAAAA==\n"), WV_ERR_CHECKPOINT); /* 4 bytes only */
    assert_int_equal(parse_str("text\n\n\xE2\x80\x94 name not*base64\n"), WV_ERR_CHECKPOINT);
    assert_int_equal(parse_str("text\n\n\xE2\x80\x94 na+me AAAAAAAAAA==\n"), WV_ERR_CHECKPOINT);
    assert_int_equal(parse_str("text\n\n\xE2\x80\x94  AAAAAAAAAA==\n"), WV_ERR_CHECKPOINT); /* empty name */
    assert_int_equal(parse_str("te\txt\n\n\xE2\x80\x94 name AAAAAAAAAA==\n"), WV_ERR_CHECKPOINT); /* control */
    assert_int_equal(parse_str("te\xC0\xAFxt\n\n\xE2\x80\x94 name AAAAAAAAAA==\n"), WV_ERR_CHECKPOINT); /* overlong */
    /* too many signatures */
    char many[2048] = "text\n\n";
    for (int i = 0; i < WV_NOTE_MAX_SIGNATURES; i++)
        strcat(many, sig);
    assert_int_equal(parse_str(many), WV_OK);
    strcat(many, sig);
    assert_int_equal(parse_str(many), WV_ERR_CHECKPOINT);
    /* too large */
    size_t big_len = WV_NOTE_MAX_BYTES + 1;
    char *big = malloc(big_len + 1);
    memset(big, 'a', big_len);
    big[big_len] = '\0';
    memcpy(big + big_len - strlen(sig) - 2, "\n\n", 2);
    memcpy(big + big_len - strlen(sig), sig, strlen(sig));
    assert_int_equal(parse_str(big), WV_ERR_CHECKPOINT);
    free(big);
}

static wv_status cp_parse(const char *s)
{
    wv_checkpoint cp;
    return wv_checkpoint_parse(s, strlen(s), &cp, NULL);
}

static void test_checkpoint_body_rules(void **state)
{
    (void)state;
    const char *root = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    char buf[512];
    snprintf(buf, sizeof buf, "o.example/log\n0\n%s\n", root);
    assert_int_equal(cp_parse(buf), WV_OK);
    snprintf(buf, sizeof buf, "o.example/log\n18446744073709551615\n%s\next one\nx\n", root);
    wv_checkpoint cp;
    assert_int_equal(wv_checkpoint_parse(buf, strlen(buf), &cp, NULL), WV_OK);
    assert_true(cp.size == UINT64_MAX);
    assert_string_equal(cp.extensions, "ext one\nx\n");
    const char *bad[] = {
        "o.example/log\n18446744073709551616\n%s\n", /* overflow */
        "o.example/log\n012\n%s\n",                  /* leading zero */
        "o.example/log\n-1\n%s\n",
        "o.example/log\n 1\n%s\n",
        "\n1\n%s\n",                                 /* empty origin */
        "o example\n1\n%s\n",                        /* space in origin */
        "o.example/log\n1\n%s",                      /* no final newline */
        "o.example/log\n1\n%s\n\n",                  /* empty extension line */
        "o.example/log\n1\n%s\next",                 /* extension without newline */
        "o.example/log\n1\n%s=\n",                   /* bad base64 */
        "o.example/log\n1\n",                        /* no root; %s unused */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(buf, sizeof buf, bad[i], root);
        if (cp_parse(buf) != WV_ERR_CHECKPOINT)
            fail_msg("checkpoint body %zu accepted: %s", i, buf);
    }
    /* format -> parse round trip with extensions */
    wv_checkpoint a = sample_checkpoint(), b;
    strcpy(a.extensions, "timestamp 1700000000\n");
    char *text = NULL;
    size_t len;
    assert_int_equal(wv_checkpoint_format(&a, &text, &len, NULL), WV_OK);
    assert_int_equal(wv_checkpoint_parse(text, len, &b, NULL), WV_OK);
    assert_memory_equal(&a, &b, sizeof a);
    free(text);
    strcpy(a.extensions, "no newline");
    assert_int_equal(wv_checkpoint_format(&a, &text, &len, NULL), WV_ERR_CHECKPOINT);
}

static void test_origin_naming(void **state)
{
    (void)state;
    char origin[WV_NOTE_MAX_NAME + 1];
    assert_int_equal(wv_checkpoint_origin(NULL, "GC-2025-07", origin, NULL), WV_OK);
    assert_string_equal(origin, "wtovote.example/meeting/GC-2025-07");
    assert_int_equal(wv_checkpoint_origin("record.wto.example", "DSB.42", origin, NULL), WV_OK);
    assert_string_equal(origin, "record.wto.example/meeting/DSB.42");
    assert_int_equal(wv_checkpoint_origin(NULL, "bad id", origin, NULL), WV_ERR_BAD_VALUE);
    assert_int_equal(wv_checkpoint_origin(NULL, "", origin, NULL), WV_ERR_BAD_VALUE);
    assert_int_equal(wv_checkpoint_origin(NULL, "a/b", origin, NULL), WV_ERR_BAD_VALUE);
    assert_int_equal(wv_checkpoint_origin("h+st", "x", origin, NULL), WV_ERR_BAD_VALUE);
}

static void test_sign_rejects_bad_text(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len;
    assert_int_equal(wv_note_sign("no newline", 10, "n", sec_sk, &out, &len, NULL), WV_ERR_ARG);
    assert_int_equal(wv_note_sign("", 0, "n", sec_sk, &out, &len, NULL), WV_ERR_ARG);
    assert_int_equal(wv_note_sign("a\rb\n", 4, "n", sec_sk, &out, &len, NULL), WV_ERR_ARG);
    assert_int_equal(wv_note_sign("ok\n", 3, "bad name", sec_sk, &out, &len, NULL), WV_ERR_BAD_VALUE);
    /* a generic note round trip: the signature covers exactly the text */
    assert_int_equal(wv_note_sign("hello\nworld\n", 12, "n.example", sec_sk, &out, &len, NULL), WV_OK);
    wv_note n;
    assert_int_equal(wv_note_parse(out, len, &n, NULL), WV_OK);
    assert_int_equal(n.text_len, 12);
    assert_string_equal(n.text, "hello\nworld\n");
    assert_int_equal(n.n_sigs, 1);
    assert_int_equal(wv_signature_verify(sec_pub.pk, (const uint8_t *)n.text, n.text_len, n.sigs[0].sig, NULL),
                     WV_OK);
    wv_note_free(&n);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_hash_definition),
        cmocka_unit_test(test_vkey_roundtrip),
        cmocka_unit_test(test_checkpoint_sign_and_open),
        cmocka_unit_test(test_cosignature_known_and_unknown),
        cmocka_unit_test(test_missing_secretariat_signature),
        cmocka_unit_test(test_tampered_body),
        cmocka_unit_test(test_duplicate_signature),
        cmocka_unit_test(test_malformed_notes),
        cmocka_unit_test(test_checkpoint_body_rules),
        cmocka_unit_test(test_origin_naming),
        cmocka_unit_test(test_sign_rejects_bad_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
