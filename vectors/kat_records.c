/* The record vectors (vectors/records/NAME/): small meeting records for the
 * verifier's time rules (SPEC.md, "Time model"; step V6 of "Record and
 * verification"). Each is a record directory (roster.pb, log, checkpoint,
 * secretariat.pub) and an `expect` file naming the step that must fail, the
 * entry and the refusal, or "none" for a record that verifies.
 *
 * Entries are sealed by the session layer (wv_act_seal, wv_chair_seal) with
 * nonces fixed by their index, and written with the log layer directly,
 * past the session's door, so that records the door would never write can
 * be built; the checkpoint is signed over the log as written. Keys are the
 * fixed KAT signers and the roster is the KAT vector roster_signed. */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kat_build.h"
#include "wtovote/meeting.h"
#include "wtovote/merkle.h"
#include "wtovote/note.h"
#include "wtovote/record.h"
#include "wtovote/roster.h"
#include "wtovote/session.h"
#include "wtovote/util.h"

#define MEETING "GC-2026-11-27"
#define T0 1795773600 /* 2026-11-27T10:00:00Z */
#define MAX_ENTRIES 16

const char *const kat_record_files[KAT_RECORD_FILES] = {
    WV_RECORD_ROSTER, WV_RECORD_LOG, WV_RECORD_CHECKPOINT, WV_RECORD_SECRETARIAT_PUB, "expect"};

/* One entry: a chair event (signer KAT_SECRETARIAT) or an act. */
typedef struct rec_entry {
    int signer;
    wv_act_input act;
    wv_chair_input ev;
    int foreign; /* bound to other_setup's opening, not the record's */
} rec_entry;

typedef struct rec_spec {
    const char *name;
    kat_record_expect expect;
    const char *why;
    rec_entry entries[MAX_ENTRIES];
    size_t n;
} rec_spec;

/* Quorum 1/2: three of the six Members have keys (kat/roster.json). The
 * Meeting.nonce is fixed (SPEC.md, "Meeting identity"); other_setup is the
 * same meeting opened in another record: the same id, another nonce. */
static const wv_meeting_setup setup = {.body = "general-council",
                                       .title = "General Council, record vectors",
                                       .quorum_num = 1, .quorum_den = 2,
                                       .meeting_nonce = (const uint8_t *)"wtovote-kat-rec0"};
static const wv_meeting_setup other_setup = {.body = "general-council",
                                             .title = "General Council, record vectors",
                                             .quorum_num = 1, .quorum_den = 2,
                                             .meeting_nonce =
                                                 (const uint8_t *)"wtovote-kat-rec1"};

#define OPEN {.signer = KAT_SECRETARIAT, .ev = {.kind = WV_CHAIR_MEETING_OPEN, .time = T0, \
                                                 .meeting = &setup}}
#define CHAIR(kind_, item_, time_)                                                           \
    {.signer = KAT_SECRETARIAT, .ev = {.kind = WV_CHAIR_##kind_, .item = (item_),            \
                                       .time = (time_)}}
#define TABLE(item_, procedure_, time_)                                                      \
    {.signer = KAT_SECRETARIAT,                                                              \
     .ev = {.kind = WV_CHAIR_MOTION_TABLE, .time = (time_),                                  \
            .motion = &(const wv_motion_input){.item = (item_), .title = "a motion",         \
                                               .procedure = (procedure_)}}}
#define ACT(signer_, member_, kind_, item_, choice_, time_)                                  \
    {.signer = (signer_), .act = {.kind = WV_ACT_##kind_, .member = (member_),               \
                                  .item = (item_), .choice = WV_CHOICE_##choice_,            \
                                  .time = (time_)}}
#define FOREIGN_ACT(signer_, member_, kind_, item_, choice_, time_)                          \
    {.signer = (signer_), .foreign = 1,                                                      \
     .act = {.kind = WV_ACT_##kind_, .member = (member_), .item = (item_),                   \
             .choice = WV_CHOICE_##choice_, .time = (time_)}}

static const rec_spec specs[] = {
    {"time_ahead", {WV_V6_ADMISSIBLE, "WV_REFUSE_TIME_AHEAD", 2},
     "USA's attendance (entry 1) is timed 1 hour after the motion tabled at entry 2, more "
     "than the default skew of 120 s: the chair event is refused, the act having been "
     "written past the door (a session refuses such an act)",
     {OPEN, ACT(KAT_USA, "USA", ATTEND, 0, NONE, T0 + 60 + 3600),
      TABLE(1, "consensus", T0 + 60)},
     3},
    {"stale", {WV_V6_ADMISSIBLE, "WV_REFUSE_STALE", 10},
     "SWE's ballot (entry 10) was signed at T0+290, while the vote on item 1 was open, and "
     "written after the vote closed at T0+300 (entry 9): stale",
     {OPEN, ACT(KAT_USA, "USA", ATTEND, 0, NONE, T0 + 10),
      ACT(KAT_SWE2, "SWE", ATTEND, 0, NONE, T0 + 20), ACT(KAT_EU, "EU", ATTEND, 0, NONE, T0 + 30),
      TABLE(1, "majority", T0 + 60), CHAIR(CONSENSUS_CALL, 1, T0 + 120),
      ACT(KAT_USA, "USA", OBJECT, 1, NONE, T0 + 150), CHAIR(VOTE_OPEN, 1, T0 + 180),
      ACT(KAT_USA, "USA", VOTE, 1, YES, T0 + 200), CHAIR(VOTE_CLOSE, 1, T0 + 300),
      ACT(KAT_SWE2, "SWE", VOTE, 1, NO, T0 + 290)},
     11},
    {"ok_member_clock_ahead", {0, "none", -1},
     "USA's attendance is timed T0+60 and arrives when the last chair event is the opening "
     "at T0 (60 s ahead of the Secretariat's clock, within the default 120 s); the chair "
     "events after it, at T0+10 .. T0+30, are at most 50 s behind it: the record verifies",
     {OPEN, ACT(KAT_USA, "USA", ATTEND, 0, NONE, T0 + 60), TABLE(1, "consensus", T0 + 10),
      CHAIR(CONSENSUS_CALL, 1, T0 + 20), CHAIR(MEETING_CLOSE, 0, T0 + 30)},
     5},
    {"other_meeting", {WV_V6_ADMISSIBLE, "WV_REFUSE_OTHER_MEETING", 2},
     "SWE's attendance (entry 2) names meeting " MEETING " but its meeting_ref is the hash of "
     "another opening of that id (Meeting.nonce \"wtovote-kat-rec1\": a meeting of another "
     "record), not of entry 0: refused whatever its ids (SPEC.md, \"Meeting identity\")",
     {OPEN, ACT(KAT_USA, "USA", ATTEND, 0, NONE, T0 + 10),
      FOREIGN_ACT(KAT_SWE2, "SWE", ATTEND, 0, NONE, T0 + 20)},
     3},
};
#undef OPEN
#undef CHAIR
#undef TABLE
#undef ACT
#undef FOREIGN_ACT

/* ------------------------------------------------------------- expect */

static int step_number(const char *s)
{
    if (strcmp(s, "none") == 0)
        return 0;
    int n = 0;
    if (sscanf(s, "V%d", &n) != 1 || n < 1 || n > WV_V9_MERKLE_ROOT)
        return -1;
    return n;
}

static void expect_text(const rec_spec *s, char *buf, size_t size)
{
    char step[8] = "none", entry[24] = "none";
    if (s->expect.step != 0) {
        snprintf(step, sizeof step, "V%d", s->expect.step);
        snprintf(entry, sizeof entry, "%" PRId64, s->expect.entry);
    }
    snprintf(buf, size, "step: %s\nrefusal: %s\nentry: %s\nwhy: %s\n", step,
             s->expect.refusal, entry, s->why);
}

wv_status kat_record_expect_parse(const char *text, kat_record_expect *out, wv_error *err)
{
    char step[16], refusal[sizeof out->refusal], entry[24];
    memset(out, 0, sizeof *out);
    if (sscanf(text, "step: %15s\nrefusal: %63s\nentry: %23s\nwhy: ", step, refusal, entry) != 3)
        return wv_error_set(err, WV_ERR_DECODE, "expect: not step:/refusal:/entry:/why: lines");
    out->step = step_number(step);
    if (out->step < 0)
        return wv_error_set(err, WV_ERR_DECODE, "expect: step '%s' is not V1..V9 or none", step);
    snprintf(out->refusal, sizeof out->refusal, "%s", refusal);
    out->entry = -1;
    if (out->step != 0 && sscanf(entry, "%" SCNd64, &out->entry) != 1)
        return wv_error_set(err, WV_ERR_DECODE, "expect: entry '%s' is not a number", entry);
    if (out->step != 0 && wv_refusal_from_name(refusal) == WV_REFUSE_NONE)
        return wv_error_set(err, WV_ERR_DECODE, "expect: '%s' is not a refusal name", refusal);
    return WV_OK;
}

wv_status kat_record_check(const char *dir, const kat_record_expect *e, wv_error *err)
{
    wv_verify_report rep;
    wv_error verr;
    wv_status st = wv_record_verify(dir, NULL, &rep, &verr);
    if (e->step == 0)
        return st == WV_OK ? WV_OK
                           : wv_error_set(err, WV_ERR_INTERNAL, "%s: expected to verify: %s: %s",
                                          dir, wv_status_name(st), verr.message);
    if (st != WV_ERR_VERIFY)
        return wv_error_set(err, WV_ERR_INTERNAL, "%s: expected V%d to fail; verify gave %s", dir,
                            e->step, st == WV_OK ? "WV_OK" : verr.message);
    const wv_verify_step *s = &rep.steps[e->step - 1];
    if (!s->run || s->passed || s->first_index != e->entry || strstr(s->reason, e->refusal) == NULL)
        return wv_error_set(err, WV_ERR_INTERNAL,
                            "%s: expected V%d to fail at entry %" PRId64 " with %s; it %s "
                            "(%s)", dir, e->step, e->entry, e->refusal,
                            !s->run ? "did not run" : s->passed ? "passed" : "failed otherwise",
                            s->reason);
    /* The step named is the one that caught it: every other step passed. */
    for (int i = WV_V1_ROSTER; i < WV_VERIFY_STEP_COUNT + 1; i++)
        if (i != e->step && rep.steps[i - 1].run && !rep.steps[i - 1].passed)
            return wv_error_set(err, WV_ERR_INTERNAL, "%s: V%d failed too: %s", dir, i,
                                rep.steps[i - 1].reason);
    return WV_OK;
}

/* ------------------------------------------------------------- building */

/* refs[0]: the meeting_ref of the record's opening (entry 0, as sealed
 * below); refs[1]: of the same opening in another record (other_setup). */
typedef uint8_t meeting_refs[2][WV_MEETING_REF_BYTES];

static wv_status seal_entry(const rec_entry *en, size_t index, const meeting_refs refs,
                            wv_secret_key *const *keys, const wv_roster *roster, uint8_t **env,
                            size_t *len, wv_error *err)
{
    uint8_t nonce[WV_ACT_NONCE_BYTES];
    memset(nonce, (int)(0x40 + index), sizeof nonce); /* fixed: no random bytes */
    if (en->signer == KAT_SECRETARIAT) {
        wv_chair_input in = en->ev;
        in.nonce = nonce;
        in.meeting_ref = refs[en->foreign];
        return wv_chair_seal(&in, MEETING, roster, keys[KAT_SECRETARIAT], env, len, err);
    }
    wv_act_input in = en->act;
    in.nonce = nonce;
    in.meeting_ref = refs[en->foreign];
    return wv_act_seal(&in, MEETING, keys[en->signer], env, len, err);
}

static wv_status opening_refs(wv_secret_key *const *keys, const wv_roster *roster,
                              meeting_refs refs, wv_error *err)
{
    const wv_meeting_setup *setups[2] = {&setup, &other_setup};
    wv_status st = WV_OK;
    for (size_t i = 0; i < 2 && st == WV_OK; i++) {
        const rec_entry open = {.signer = KAT_SECRETARIAT,
                                .ev = {.kind = WV_CHAIR_MEETING_OPEN, .time = T0,
                                       .meeting = setups[i]}};
        uint8_t *env = NULL;
        size_t len = 0;
        st = seal_entry(&open, 0, refs, keys, roster, &env, &len, err);
        if (st == WV_OK)
            st = wv_meeting_ref_of_envelope(env, len, refs[i], err);
        free(env);
    }
    return st;
}

/* The log written entry by entry, then the checkpoint signed over it. */
static wv_status write_log(const char *dir, const rec_spec *s, wv_secret_key *const *keys,
                           const wv_roster *roster, wv_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, WV_RECORD_LOG);
    wv_log *log = NULL;
    uint8_t leaves[MAX_ENTRIES * WV_HASH_BYTES];
    meeting_refs refs = {{0}};
    wv_status st = opening_refs(keys, roster, refs, err);
    if (st == WV_OK)
        st = wv_log_open(path, &log, err);
    for (size_t i = 0; i < s->n && st == WV_OK; i++) {
        uint8_t *env = NULL;
        size_t len = 0;
        st = seal_entry(&s->entries[i], i, refs, keys, roster, &env, &len, err);
        if (st == WV_OK)
            st = wv_log_append(log, env, len, NULL, err);
        if (st == WV_OK)
            wv_merkle_leaf_hash(env, len, leaves + i * WV_HASH_BYTES);
        else
            wv_error_prefix(err, "entry %zu", i);
        free(env);
    }
    wv_log_close(log);
    wv_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    cp.size = s->n;
    wv_merkle_root(leaves, s->n, cp.root);
    char *note = NULL;
    size_t note_len = 0;
    if (st == WV_OK)
        st = wv_checkpoint_origin(NULL, MEETING, cp.origin, err);
    if (st == WV_OK)
        st = wv_checkpoint_sign(&cp, keys[KAT_SECRETARIAT], &note, &note_len, err);
    snprintf(path, sizeof path, "%s/%s", dir, WV_RECORD_CHECKPOINT);
    if (st == WV_OK)
        st = wv_file_write_atomic(path, note, note_len, 0644, WV_WRITE_REPLACE, err);
    free(note);
    return st;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    char path[4096];
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        unlink(path);
    }
    if (d != NULL)
        closedir(d);
    rmdir(dir);
}

/* Builds one record in scratch/NAME, checks it against its expect, and
 * adds its files as records/NAME/FILE. */
static wv_status build_record(const char *scratch, const rec_spec *s, wv_secret_key *const *keys,
                              const wv_roster *roster, kat_files *out, wv_error *err)
{
    char dir[4096], path[4096], rel[256], text[1024];
    snprintf(dir, sizeof dir, "%s/%s", scratch, s->name);
    wv_status st = wv_record_create(dir, roster, keys[KAT_SECRETARIAT], NULL, MEETING, err);
    if (st == WV_OK)
        st = write_log(dir, s, keys, roster, err);
    expect_text(s, text, sizeof text);
    snprintf(path, sizeof path, "%s/expect", dir);
    if (st == WV_OK)
        st = wv_file_write_atomic(path, text, strlen(text), 0644, WV_WRITE_EXCLUSIVE, err);
    if (st == WV_OK)
        st = kat_record_check(dir, &s->expect, err);
    for (size_t i = 0; i < KAT_RECORD_FILES && st == WV_OK; i++) {
        uint8_t *data = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", dir, kat_record_files[i]);
        snprintf(rel, sizeof rel, "records/%s/%s", s->name, kat_record_files[i]);
        st = wv_file_read(path, WV_LOG_MAX_ENTRY * (size_t)MAX_ENTRIES, &data, &len, err);
        if (st == WV_OK)
            st = kat_files_add(out, rel, data, len, err);
        free(data);
    }
    remove_dir(dir);
    if (st != WV_OK)
        wv_error_prefix(err, "record vector %s", s->name);
    return st;
}

/* The roster of the KAT vector roster_signed, from kat/roster.json. */
static wv_status kat_roster(const kat_files *kat, wv_roster **out, wv_error *err)
{
    const kat_file *f = kat_files_find(kat, "kat/roster.json");
    json_t *j = f != NULL ? json_loadb((const char *)f->data, f->len, 0, NULL) : NULL;
    json_t *vs = json_object_get(j, "vectors"), *v;
    size_t i;
    const char *hex = NULL;
    json_array_foreach(vs, i, v) {
        const char *name = json_string_value(json_object_get(v, "name"));
        if (name != NULL && strcmp(name, "roster_signed") == 0)
            hex = json_string_value(json_object_get(v, "envelope"));
    }
    uint8_t *env = NULL;
    size_t len = 0;
    wv_status st = hex != NULL && kat_unhex(hex, &env, &len) == 0
                       ? wv_roster_decode(env, len, out, err)
                       : wv_error_set(err, WV_ERR_INTERNAL, "kat/roster.json: no roster_signed");
    free(env);
    json_decref(j);
    return st;
}

wv_status kat_generate_records(const kat_files *kat, kat_files *out, wv_error *err)
{
    char scratch[] = "/tmp/wtovote-records-XXXXXX";
    if (mkdtemp(scratch) == NULL)
        return wv_error_set(err, WV_ERR_IO, "records: cannot make a scratch directory");
    wv_secret_key *keys[KAT_N_SIGNERS] = {0};
    wv_roster *roster = NULL;
    wv_status st = kat_roster(kat, &roster, err);
    for (int i = 0; i < KAT_N_SIGNERS && st == WV_OK; i++)
        st = kat_signer_key(i, &keys[i], err);
    for (size_t i = 0; i < sizeof specs / sizeof specs[0] && st == WV_OK; i++)
        st = build_record(scratch, &specs[i], keys, roster, out, err);
    for (int i = 0; i < KAT_N_SIGNERS; i++)
        wv_secret_key_free(keys[i]);
    wv_roster_free(roster);
    rmdir(scratch);
    return st;
}
