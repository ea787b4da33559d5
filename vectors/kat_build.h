/* vectors/: the one copy of the code that builds the known-answer vectors
 * (vectors/kat/) and the invalid corpus (vectors/invalid/). gen_vectors
 * writes what these builders produce; check_kat and check_invalid rebuild
 * it in memory and compare byte for byte with the committed files, so any
 * drift of a signed or hashed byte fails a test (SPEC.md, "Test vectors"). */
#ifndef WV_VECTORS_KAT_BUILD_H
#define WV_VECTORS_KAT_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "wtovote/pb.h"
#include "wtovote/error.h"
#include "wtovote/keys.h"
#include "wtovote/wire.h"

/* One output file: path relative to the vectors/ directory. */
typedef struct kat_file {
    char *path;
    uint8_t *data;
    size_t len;
} kat_file;

typedef struct kat_files {
    kat_file *v;
    size_t n, cap;
} kat_files;

wv_status kat_files_add(kat_files *f, const char *path, const void *data, size_t len,
                        wv_error *err) WV_WARN_UNUSED;
/* Adds json_dumps(j, indent 2, preserve order) plus a final newline; steals j. */
wv_status kat_files_add_json(kat_files *f, const char *path, json_t *j,
                             wv_error *err) WV_WARN_UNUSED;
const kat_file *kat_files_find(const kat_files *f, const char *path);
void kat_files_free(kat_files *f);

/* ------------------------------------------------------------- signers */

/* Signer i (0 <= i < KAT_N_SIGNERS) has the 32-byte seed
 * seed[j] = 32 * i + j (so signer 0 is 00 01 .. 1f). */
#define KAT_N_SIGNERS 6
enum { KAT_SECRETARIAT = 0, KAT_SWE = 1, KAT_USA = 2, KAT_EU = 3, KAT_BRA = 4, KAT_SWE2 = 5 };
const char *kat_signer_name(int i); /* "secretariat", "swe", ... */
void kat_seed(int i, uint8_t seed[32]);
wv_status kat_signer_key(int i, wv_secret_key **out, wv_error *err) WV_WARN_UNUSED;
void kat_signer_public(int i, wv_public_key *out);

/* The fixed message of the .minisig vectors and its trusted comment. */
extern const char kat_minisig_message[];
extern const char kat_minisig_trusted_comment[];

/* Every file under kat/ (JSON vectors, key files, minisig files). */
wv_status kat_generate_kat(kat_files *out, wv_error *err) WV_WARN_UNUSED;
/* Every file under invalid/ (NAME.bin and NAME.expect). */
wv_status kat_generate_invalid(kat_files *out, wv_error *err) WV_WARN_UNUSED;

/* Runs the decoder an invalid/NAME.expect names ("envelope", "act",
 * "chair_event", "roster_msg", "receipt_msg", "roster", "pubkey", "seckey",
 * "minisig", "roster_csv", "meeting_act") on buf; WV_ERR_ARG for an unknown
 * name. The minisig decoder verifies against the Secretariat key and
 * kat_minisig_message; meeting_act applies an Act body to the meeting
 * SPEC.md ("Test vectors") describes. */
wv_status kat_run_decoder(const char *decoder, const uint8_t *buf, size_t len, wv_error *err);
int kat_decoder_known(const char *decoder);

/* Internal to the invalid corpus generator (kat_invalid.c, kat_invalid_text.c):
 * adds NAME.bin and NAME.expect after checking that the decoder gives
 * `expect`; the first failure sticks in g->st. */
typedef struct kat_gen {
    kat_files *files;
    wv_error *err;
    wv_status st;
} kat_gen;
void kat_gen_case(kat_gen *g, const char *name, const char *decoder, wv_status expect,
                  const char *cls, const char *why, const void *data, size_t len);
void kat_invalid_text_cases(kat_gen *g);

/* ------------------------------------------------------------- records */

/* The files of a record vector directory records/NAME/: the record
 * (SPEC.md, "Record directory") and `expect`. */
#define KAT_RECORD_FILES 5
extern const char *const kat_record_files[KAT_RECORD_FILES];

/* What a record vector's `expect` says: the step that must fail (0: the
 * record verifies), at which entry, with which refusal name in its reason. */
typedef struct kat_record_expect {
    int step;
    char refusal[64];
    int64_t entry;
} kat_record_expect;
wv_status kat_record_expect_parse(const char *text, kat_record_expect *out,
                                  wv_error *err) WV_WARN_UNUSED;
/* Runs wv_record_verify on dir: WV_OK when it does what e says (the named
 * step, alone, fails at the entry with the refusal's name in its reason;
 * or everything passes), WV_ERR_INTERNAL naming the difference. */
wv_status kat_record_check(const char *dir, const kat_record_expect *e,
                           wv_error *err) WV_WARN_UNUSED;
/* Every file under records/, built in a scratch directory (removed after)
 * and checked with kat_record_check; the records' roster is the
 * roster_signed vector of `kat` (kat_generate_kat's files). */
wv_status kat_generate_records(const kat_files *kat, kat_files *out, wv_error *err) WV_WARN_UNUSED;

/* ------------------------------------------------------------- JSON */

/* A message as JSON: proto field names, only fields present in the
 * canonical encoding (non-default scalars, set sub-messages, non-empty
 * repeated fields), enums by value name, bytes as lower-case hex,
 * integers as JSON integers. */
json_t *kat_msg_to_json(const ProtobufCMessage *m);
/* The inverse (malloc'd; free with wv_message_free). */
wv_status kat_json_to_msg(const ProtobufCMessageDescriptor *d, const json_t *j,
                          ProtobufCMessage **out, wv_error *err) WV_WARN_UNUSED;
/* Lower-case hex (malloc'd), and back (malloc'd; -1 on bad hex). */
char *kat_hex(const uint8_t *in, size_t len);
int kat_unhex(const char *hex, uint8_t **out, size_t *len);

#endif
