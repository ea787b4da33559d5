/* Invalid key files, signature files and members CSV files. Each starts
 * from the Secretariat's valid file (built here byte by byte from the
 * layouts in SPEC.md, "Keys and signature files") and changes one thing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kat_build.h"

#define E(x) WV_ERR_##x

static void text_case(kat_gen *g, const char *name, const char *decoder, wv_status expect,
                      const char *cls, const char *why, const char *text)
{
    kat_gen_case(g, name, decoder, expect, cls, why, text, strlen(text));
}

/* "untrusted comment: C\n" base64(raw) "\n" [tail] into out. */
static void two_lines(char *out, size_t size, const char *comment, const uint8_t *raw,
                      size_t len, const char *tail)
{
    char b64[512];
    sodium_bin2base64(b64, sizeof b64, raw, len, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, size, "untrusted comment: %s\n%s\n%s", comment, b64, tail ? tail : "");
}

/* ------------------------------------------------------------- .pub */

static void pub_raw(uint8_t raw[42])
{
    wv_public_key pub;
    kat_signer_public(KAT_SECRETARIAT, &pub);
    memcpy(raw, "Ed", 2);
    memcpy(raw + 2, pub.key_id, 8);
    memcpy(raw + 10, pub.pk, 32);
}

static void pubkey_cases(kat_gen *g)
{
    uint8_t raw[42];
    char t[1024];
    pub_raw(raw);
    two_lines(t, sizeof t, "minisign public key", raw, 30, NULL);
    text_case(g, "pubkey_truncated", "pubkey", E(KEY_FORMAT), "key-file-truncated",
              "the base64 line decodes to 30 bytes, not 42", t);
    text_case(g, "pubkey_comment_only", "pubkey", E(KEY_FORMAT), "key-file-truncated",
              "only the untrusted comment line, no key line",
              "untrusted comment: minisign public key\n");
    text_case(g, "pubkey_foreign_ssh", "pubkey", E(KEY_FORMAT), "key-file-foreign",
              "an OpenSSH public key line, not a minisign file",
              "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBEREREREREREREREREREREREREREREREREREREREREREQ "
              "someone@example\n");
    two_lines(t, sizeof t, "minisign public key", raw, 42, NULL);
    t[strlen(t) - 5] = '*';
    text_case(g, "pubkey_bad_base64", "pubkey", E(KEY_FORMAT), "key-file-corrupt",
              "a '*' inside the base64 line", t);
    raw[1] = 'C';
    two_lines(t, sizeof t, "minisign public key", raw, 42, NULL);
    text_case(g, "pubkey_wrong_algorithm", "pubkey", E(KEY_ALGORITHM), "wrong-algorithm",
              "algorithm tag \"EC\" instead of \"Ed\"", t);
}

/* ------------------------------------------------------------- .key */

/* The unencrypted 158-byte secret key of the Secretariat (checksum set). */
static void sec_raw(uint8_t raw[158])
{
    uint8_t seed[32], pk[32], sk[64];
    wv_public_key pub;
    kat_seed(KAT_SECRETARIAT, seed);
    crypto_sign_seed_keypair(pk, sk, seed);
    kat_signer_public(KAT_SECRETARIAT, &pub);
    memset(raw, 0, 158);
    memcpy(raw, "Ed", 2);
    memcpy(raw + 4, "B2", 2);
    memcpy(raw + 54, pub.key_id, 8);
    memcpy(raw + 62, sk, 64);
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, raw, 2);
    crypto_generichash_update(&h, raw + 54, 8 + 64);
    crypto_generichash_final(&h, raw + 126, 32);
    sodium_memzero(sk, sizeof sk);
}

static void le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void seckey_cases(kat_gen *g)
{
    uint8_t raw[158], mod[158], pub[42];
    char t[1024];
    const char *c = "wtovote unencrypted secret key";
    sec_raw(raw);
    two_lines(t, sizeof t, c, raw, 100, NULL);
    text_case(g, "seckey_truncated", "seckey", E(KEY_FORMAT), "key-file-truncated",
              "the base64 line decodes to 100 bytes, not 158", t);
    pub_raw(pub);
    two_lines(t, sizeof t, "minisign public key", pub, 42, NULL);
    text_case(g, "seckey_public_key_given", "seckey", E(KEY_FORMAT), "key-file-foreign",
              "a public key file given as a secret key (42 bytes)", t);
    text_case(g, "seckey_foreign_pem", "seckey", E(KEY_FORMAT), "key-file-foreign",
              "a PEM private key, not a minisign file",
              "-----BEGIN PRIVATE KEY-----\n"
              "MC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f\n"
              "-----END PRIVATE KEY-----\n");
    static const struct { const char *name, *why; size_t off; const char *tag; } algs[] = {
        {"seckey_wrong_signature_algorithm", "sig_alg \"Rs\" instead of \"Ed\"", 0, "Rs"},
        {"seckey_wrong_kdf_algorithm", "kdf_alg \"Ar\": neither \"Sc\" nor zero", 2, "Ar"},
        {"seckey_wrong_checksum_algorithm", "chk_alg \"B3\" instead of \"B2\"", 4, "B3"},
    };
    for (size_t i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        memcpy(mod, raw, sizeof mod);
        memcpy(mod + algs[i].off, algs[i].tag, 2);
        two_lines(t, sizeof t, c, mod, 158, NULL);
        text_case(g, algs[i].name, "seckey", E(KEY_ALGORITHM), "wrong-algorithm", algs[i].why,
                  t);
    }
    memcpy(mod, raw, sizeof mod);
    mod[157] ^= 0x01;
    two_lines(t, sizeof t, c, mod, 158, NULL);
    text_case(g, "seckey_bad_checksum", "seckey", E(KEY_FORMAT), "key-file-corrupt",
              "unencrypted key whose (non-zero) checksum is off by one bit", t);
    memcpy(mod, raw, sizeof mod);
    mod[62 + 63] ^= 0x01;
    memset(mod + 126, 0, 32); /* an all-zero checksum is accepted (minisign -W) */
    two_lines(t, sizeof t, c, mod, 158, NULL);
    text_case(g, "seckey_public_half_mismatch", "seckey", E(KEY_FORMAT), "key-file-corrupt",
              "public half of the secret key not derived from its seed (zero checksum)", t);
    memcpy(mod, raw, sizeof mod);
    memcpy(mod + 2, "Sc", 2);
    le64(mod + 38, 524288);
    le64(mod + 46, 16777216);
    two_lines(t, sizeof t, c, mod, 158, NULL);
    text_case(g, "seckey_encrypted_no_passphrase", "seckey", E(PASSPHRASE), "key-passphrase",
              "an encrypted key (kdf \"Sc\", interactive limits) read without a passphrase", t);
    le64(mod + 38, 1ull << 40);
    two_lines(t, sizeof t, c, mod, 158, NULL);
    text_case(g, "seckey_hostile_kdf_limits", "seckey", E(KEY_FORMAT), "key-file-corrupt",
              "scrypt opslimit 2^40, over 134217728: refused before any derivation", t);
    sodium_memzero(raw, sizeof raw);
    sodium_memzero(mod, sizeof mod);
}

/* ------------------------------------------------------------- .minisig */

/* The Secretariat's valid signature of kat_minisig_message, as parts. */
typedef struct sig_parts {
    uint8_t st[74], global[64];
    char tc[256];
} sig_parts;

static void sig_make(sig_parts *s, int signer)
{
    uint8_t seed[32], pk[32], sk[64], hash[64], gm[64 + 256];
    wv_public_key pub;
    kat_seed(signer, seed);
    crypto_sign_seed_keypair(pk, sk, seed);
    kat_signer_public(signer, &pub);
    memcpy(s->st, "ED", 2);
    memcpy(s->st + 2, pub.key_id, 8);
    crypto_generichash(hash, 64, (const uint8_t *)kat_minisig_message,
                       strlen(kat_minisig_message), NULL, 0);
    crypto_sign_detached(s->st + 10, NULL, hash, 64, sk);
    snprintf(s->tc, sizeof s->tc, "%s", kat_minisig_trusted_comment);
    memcpy(gm, s->st + 10, 64);
    memcpy(gm + 64, s->tc, strlen(s->tc));
    crypto_sign_detached(s->global, NULL, gm, 64 + strlen(s->tc), sk);
    sodium_memzero(sk, sizeof sk);
}

static void sig_text(char *out, size_t size, const sig_parts *s, const char *tc_prefix,
                     const char *tail)
{
    char a[128], b[128];
    sodium_bin2base64(a, sizeof a, s->st, 74, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(b, sizeof b, s->global, 64, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, size, "untrusted comment: signature\n%s\n%s%s\n%s\n%s", a, tc_prefix, s->tc, b,
             tail);
}

static void minisig_format_cases(kat_gen *g, const sig_parts *ok)
{
    char t[2048];
    sig_text(t, sizeof t, ok, "trusted comment: ", "");
    *strrchr(t, '\n') = '\0';
    *(strrchr(t, '\n') + 1) = '\0';
    text_case(g, "minisig_three_lines", "minisig", E(SIG_FORMAT), "minisig-malformed",
              "the global signature line is missing", t);
    sig_text(t, sizeof t, ok, "trusted comment: ", "");
    t[strlen("untrusted comment: signature\n") + 3] = '!';
    text_case(g, "minisig_bad_base64", "minisig", E(SIG_FORMAT), "minisig-malformed",
              "a '!' inside the signature line's base64", t);
    sig_text(t, sizeof t, ok, "trusted-comment: ", "");
    text_case(g, "minisig_no_trusted_prefix", "minisig", E(SIG_FORMAT), "minisig-malformed",
              "third line starts with \"trusted-comment: \", not \"trusted comment: \"", t);
    sig_text(t, sizeof t, ok, "trusted comment: ", "garbage\n");
    text_case(g, "minisig_trailing_garbage", "minisig", E(SIG_FORMAT), "minisig-malformed",
              "a non-empty fifth line", t);
    uint8_t short_st[64];
    char a[128], b[128];
    memcpy(short_st, ok->st, 64);
    sodium_bin2base64(a, sizeof a, short_st, 64, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(b, sizeof b, ok->global, 64, sodium_base64_VARIANT_ORIGINAL);
    snprintf(t, sizeof t, "untrusted comment: signature\n%s\ntrusted comment: %s\n%s\n", a,
             ok->tc, b);
    text_case(g, "minisig_short_signature", "minisig", E(SIG_FORMAT), "minisig-malformed",
              "the signature line decodes to 64 bytes, not 74", t);
}

static void minisig_cases(kat_gen *g)
{
    sig_parts ok, s;
    char t[2048];
    sig_make(&ok, KAT_SECRETARIAT);
    minisig_format_cases(g, &ok);
    s = ok;
    memcpy(s.st, "EX", 2);
    sig_text(t, sizeof t, &s, "trusted comment: ", "");
    text_case(g, "minisig_wrong_algorithm", "minisig", E(KEY_ALGORITHM), "wrong-algorithm",
              "signature algorithm \"EX\": neither \"ED\" nor legacy \"Ed\"", t);
    sig_make(&s, KAT_SWE);
    sig_text(t, sizeof t, &s, "trusted comment: ", "");
    text_case(g, "minisig_other_key", "minisig", E(KEY_MISMATCH), "minisig-key-mismatch",
              "a valid signature by signer swe, checked with the Secretariat's key", t);
    s = ok;
    s.tc[strlen(s.tc) - 1] = 'X';
    sig_text(t, sizeof t, &s, "trusted comment: ", "");
    text_case(g, "minisig_trusted_comment_modified", "minisig", E(BAD_SIGNATURE),
              "minisig-bad-signature",
              "last character of the trusted comment changed: the global signature fails", t);
    s = ok;
    s.st[10] ^= 0x01;
    sig_text(t, sizeof t, &s, "trusted comment: ", "");
    text_case(g, "minisig_signature_modified", "minisig", E(BAD_SIGNATURE),
              "minisig-bad-signature", "one bit of the file signature flipped", t);
    s = ok;
    memcpy(s.st, "Ed", 2);
    sig_text(t, sizeof t, &s, "trusted comment: ", "");
    text_case(g, "minisig_legacy_tag_on_prehashed", "minisig", E(BAD_SIGNATURE),
              "minisig-bad-signature",
              "tag \"Ed\" (legacy: signature over the file itself) on a signature over its "
              "BLAKE2b-512 hash", t);
}

/* ------------------------------------------------------------- CSV */

static void csv_cases(kat_gen *g)
{
#define HDR "code,name,eu_member_state,ldc,joined\n"
    static const struct { const char *name, *why, *text; } rows[] = {
        {"csv_bad_header", "header names \"country\" instead of \"code\"",
         "country,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,1995-01-01\n"},
        {"csv_four_fields", "a record with four fields", HDR "SWE,Sweden,1,0\n"},
        {"csv_bare_cr", "a CR not followed by LF", HDR "SWE,Sweden,1,0,1995-01-01\rUSA,United "
                                                   "States,0,0,1995-01-01\n"},
        {"csv_bad_bool", "eu_member_state \"yes\" (0, 1, false or true)",
         HDR "SWE,Sweden,yes,0,1995-01-01\n"},
        {"csv_unterminated_quote", "a quoted field without its closing quote",
         HDR "SWE,\"Sweden,1,0,1995-01-01\n"},
        {"csv_bad_code", "code \"swe\" is not upper-case letters", HDR "swe,Sweden,1,0,1995-01-01\n"},
        {"csv_bad_date", "joined 2024-02-30 is not a day", HDR "SWE,Sweden,1,0,2024-02-30\n"},
        {"csv_empty_name", "an empty name", HDR "SWE,,1,0,1995-01-01\n"},
    };
#undef HDR
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        text_case(g, rows[i].name, "roster_csv", E(CSV), "csv-malformed", rows[i].why,
                  rows[i].text);
}

void kat_invalid_text_cases(kat_gen *g)
{
    pubkey_cases(g);
    seckey_cases(g);
    minisig_cases(g);
    csv_cases(g);
}
