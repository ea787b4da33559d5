/* The verifier (SPEC.md, "Verification steps"): one streaming pass over the
 * log re-checks every entry, replays the meeting state machine, rebuilds
 * the Merkle tree and compares it with the signed checkpoint. Memory is
 * the meeting state (O(Members x items)) plus a bounded number of entries
 * in flight to the signature threads, never O(entries). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/record_internal.h"
#include "record/verify_internal.h"
#include "wtovote/util.h"

static const char *const step_names[WV_VERIFY_STEP_COUNT] = {
    "roster signature",
    "log format",
    "canonical encoding",
    "keys valid at time of use",
    "envelope signatures",
    "admissibility (meeting replay)",
    "published decisions re-derived",
    "checkpoint signature",
    "Merkle root equals checkpoint",
    "consistency with earlier checkpoint",
};

const char *wv_verify_step_name(wv_verify_step_id id)
{
    return id >= 1 && id <= WV_VERIFY_STEP_COUNT ? step_names[id - 1] : "?";
}

static wv_verify_step *step(wv_verify_report *rep, wv_verify_step_id id)
{
    return &rep->steps[id - 1];
}

void wv_verify_fail(wv_verify_report *rep, wv_verify_step_id id, int64_t index,
                    const char *reason)
{
    wv_verify_step *s = step(rep, id);
    s->run = 1;
    if (!s->passed && s->reason[0] != '\0')
        return; /* keep the first offence */
    s->passed = 0;
    s->first_index = index;
    if (index >= 0)
        snprintf(s->reason, sizeof s->reason, "entry %" PRId64 ": %s", index, reason);
    else
        snprintf(s->reason, sizeof s->reason, "%s", reason);
}

static void step_pass(wv_verify_report *rep, wv_verify_step_id id)
{
    wv_verify_step *s = step(rep, id);
    if (!s->run) {
        s->run = 1;
        s->passed = 1;
    }
}

static void report_init(wv_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    for (int i = 0; i < WV_VERIFY_STEP_COUNT; i++) {
        rep->steps[i].id = (wv_verify_step_id)(i + 1);
        rep->steps[i].name = step_names[i];
        rep->steps[i].first_index = -1;
    }
}

/* ------------------------------------------------------------ V1 roster */

/* Reads roster.pb or checkpoint. A file over its size limit was read but
 * cannot be that file: step `id` fails (exit 1, with the report) and *out
 * stays NULL; only a file that cannot be read stops the verifier. */
static wv_status read_file(const char *dir, const char *name, size_t max, wv_verify_step_id id,
                           wv_verify_report *rep, uint8_t **out, size_t *len, wv_error *err)
{
    char path[600];
    wv_error e;
    *out = NULL;
    if (wv_record_path(path, sizeof path, dir, name) != 0)
        return wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    wv_status st = wv_file_read(path, max, out, len, &e);
    if (st == WV_ERR_TOO_LARGE) {
        wv_verify_fail(rep, id, -1, e.message);
        return WV_OK;
    }
    if (st != WV_OK && err != NULL)
        *err = e;
    return st;
}

static void check_pub_file(const char *dir, const wv_public_key *sec, wv_verify_report *rep)
{
    char path[600];
    wv_public_key pub;
    wv_error e;
    if (wv_record_path(path, sizeof path, dir, WV_RECORD_SECRETARIAT_PUB) != 0 ||
        access(path, F_OK) != 0)
        return; /* optional file */
    if (wv_public_key_load(path, &pub, &e) != WV_OK)
        wv_verify_fail(rep, WV_V1_ROSTER, -1, e.message);
    else if (memcmp(&pub, sec, sizeof pub) != 0) /* key id and key */
        wv_verify_fail(rep, WV_V1_ROSTER, -1,
                       WV_RECORD_SECRETARIAT_PUB " is not the key that signed the roster");
}

/* Loads the roster; *roster stays NULL when it cannot be decoded. */
static wv_status step_roster(const char *dir, const wv_verify_options *opt, wv_roster **roster,
                             wv_public_key *sec, wv_verify_report *rep, wv_error *err)
{
    uint8_t *buf;
    size_t len;
    wv_error e;
    wv_status st = read_file(dir, WV_RECORD_ROSTER, WV_MAX_ENVELOPE_BYTES, WV_V1_ROSTER, rep,
                             &buf, &len, err);
    if (st != WV_OK || buf == NULL)
        return st;
    st = wv_roster_decode(buf, len, roster, &e);
    free(buf);
    if (st != WV_OK) {
        wv_verify_fail(rep, WV_V1_ROSTER, -1, e.message);
        return WV_OK;
    }
    if (wv_roster_verify(*roster, &e) != WV_OK)
        wv_verify_fail(rep, WV_V1_ROSTER, -1, e.message);
    if (wv_roster_secretariat(*roster, sec) != 0) {
        wv_verify_fail(rep, WV_V1_ROSTER, -1, "the roster names no Secretariat key");
        wv_roster_free(*roster);
        *roster = NULL;
        return WV_OK;
    }
    check_pub_file(dir, sec, rep);
    rep->has_secretariat = 1;
    rep->secretariat = *sec;
    rep->pinned = opt->pinned != NULL && memcmp(opt->pinned, sec, sizeof *sec) == 0;
    if (opt->pinned != NULL && memcmp(opt->pinned, sec, sizeof *sec) != 0)
        wv_verify_fail(rep, WV_V1_ROSTER, -1,
                       "the roster is signed by another Secretariat key than the one given");
    step_pass(rep, WV_V1_ROSTER);
    return WV_OK;
}

/* -------------------------------------------------------- V8 checkpoint */

/* The checkpoint in a note, its signatures unchecked: 1 when it parses. */
static int parse_unsigned(const char *text, size_t len, wv_checkpoint *cp)
{
    wv_note note;
    wv_error ignore;
    if (wv_note_parse(text, len, &note, &ignore) != WV_OK)
        return 0;
    int ok = wv_checkpoint_parse(note.text, note.text_len, cp, &ignore) == WV_OK;
    wv_note_free(&note);
    return ok;
}

static wv_status step_checkpoint(const char *dir, const wv_public_key *sec, wv_checkpoint *cp,
                                 int *have_cp, wv_verify_report *rep, wv_error *err)
{
    uint8_t *buf;
    size_t len;
    wv_error e;
    *have_cp = 0;
    wv_status st = read_file(dir, WV_RECORD_CHECKPOINT, WV_NOTE_MAX_BYTES, WV_V8_CHECKPOINT_SIG,
                             rep, &buf, &len, err);
    if (st != WV_OK || buf == NULL)
        return st;
    if (sec == NULL)
        wv_verify_fail(rep, WV_V8_CHECKPOINT_SIG, -1,
                       "no Secretariat key to check it with (the roster is unreadable)");
    else if (wv_checkpoint_open((const char *)buf, len, sec, NULL, NULL, 0, cp, &e) == WV_OK)
        *have_cp = 1;
    else
        wv_verify_fail(rep, WV_V8_CHECKPOINT_SIG, -1, e.message);
    /* Unsigned, the body still serves V9 (V8 has failed already). */
    if (!*have_cp)
        *have_cp = parse_unsigned((const char *)buf, len, cp);
    free(buf);
    if (*have_cp) {
        snprintf(rep->origin, sizeof rep->origin, "%s", cp->origin);
        rep->checkpoint_size = cp->size;
        if (wv_origin_meeting_id(cp->origin) == NULL)
            wv_verify_fail(rep, WV_V8_CHECKPOINT_SIG, -1, "the checkpoint's origin names no meeting");
    }
    return WV_OK;
}

/* --------------------------------------------------------------- driver */

static wv_status run_steps(const char *dir, const wv_verify_options *opt, wv_verify_report *rep,
                           wv_error *err)
{
    wv_roster *roster = NULL;
    wv_public_key sec;
    wv_checkpoint cp, since;
    int have_cp = 0, have_since = 0;
    wv_status st = step_roster(dir, opt, &roster, &sec, rep, err);
    if (st == WV_OK)
        st = step_checkpoint(dir, roster != NULL ? &sec : NULL, &cp, &have_cp, rep, err);
    if (st == WV_OK && opt->since != NULL)
        have_since = wv_verify_since(opt, roster != NULL ? &sec : NULL, have_cp ? &cp : NULL,
                                     &since, rep);
    if (st == WV_OK)
        st = wv_verify_log(dir, opt, roster, have_cp ? &cp : NULL, have_since ? &since : NULL,
                           rep, err);
    wv_roster_free(roster);
    return st;
}

wv_status wv_record_verify(const char *dir, const wv_verify_options *opt_in,
                           wv_verify_report *rep, wv_error *err)
{
    wv_verify_options opt = {0};
    if (opt_in != NULL)
        opt = *opt_in;
    if (opt.jobs == 0)
        opt.jobs = 1;
    report_init(rep);
    wv_status st = run_steps(dir, &opt, rep, err);
    if (st != WV_OK)
        return st;
    rep->ok = 1;
    for (int i = 0; i < WV_VERIFY_STEP_COUNT; i++) {
        const wv_verify_step *s = &rep->steps[i];
        int needed = s->id != WV_V10_CONSISTENCY || opt.since != NULL;
        if (needed && (!s->run || !s->passed))
            rep->ok = 0;
    }
    if (rep->ok)
        return WV_OK;
    for (int i = 0; i < WV_VERIFY_STEP_COUNT; i++) {
        const wv_verify_step *s = &rep->steps[i];
        if (s->run && !s->passed)
            return wv_error_set(err, WV_ERR_VERIFY, "%s: V%d %s failed: %s", dir, (int)s->id,
                                s->name, s->reason);
    }
    return wv_error_set(err, WV_ERR_VERIFY, "%s: a verification step could not run", dir);
}
