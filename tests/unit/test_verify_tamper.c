/* Tamper test of the verifier (SPEC.md, "Verification steps"): a generated
 * record is changed one way at a time and the verifier must fail every
 * time, naming the step that catches that change:
 *   - a byte flipped in the log (V2: CRC-32C), in the log with its CRC
 *     recomputed (V9: root, plus a per-entry step V3..V7), in the roster
 *     (V1), the checkpoint (V8) or the Secretariat key file (V1);
 *   - the log truncated (V2 inside an entry, V9 at an entry boundary);
 *   - an entry dropped, duplicated, swapped with the next, re-inserted
 *     elsewhere, or a valid extra entry appended (V9);
 *   - the checkpoint replaced by an older one (V9; V8 still passes);
 *   - one forged entry appended and the checkpoint re-signed over it (a
 *     Secretariat breaking the rules): V3, V4, V5, V6, V7 or V8 alone.
 * Bytes are sampled at random (seed printed) when a file is large; set
 * WV_TAMPER_SAMPLES to change the sample size. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "record_fixture.h"
#include "record/verify_internal.h"

static char dir[256];
static rf F;
static size_t samples = 250;
static char *old_checkpoints[8];
static size_t n_old;

typedef struct blob {
    uint8_t *b;
    size_t len;
} blob;

static blob orig_log, orig_roster, orig_cp, orig_pub;
static uint64_t offsets[4096], lens[4096];
static size_t n_entries;

static char *path_of(const char *name)
{
    static char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static blob load(const char *name)
{
    blob x;
    assert_int_equal(wv_file_read(path_of(name), 1 << 26, &x.b, &x.len, NULL), WV_OK);
    return x;
}

static void put(const char *name, const uint8_t *b, size_t len)
{
    assert_int_equal(wv_file_write_atomic(path_of(name), b, len, 0644, 0, NULL), WV_OK);
}

static int setup(void **state)
{
    (void)state;
    wv_verify_test_live_wait_ns = 0; /* no writer behind these logs */
    const char *s = getenv("WV_TAMPER_SAMPLES");
    if (s != NULL && atoi(s) > 0)
        samples = (size_t)atoi(s);
    snprintf(dir, sizeof dir, "/tmp/wv_test_tamper_XXXXXX");
    if (mkdtemp(dir) == NULL || rf_init(&F, 166) != 0)
        return -1;
    if (wv_record_create(dir, F.roster, F.sec, NULL, RF_MID, NULL) != WV_OK)
        return -1;
    wv_record *rec;
    if (wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL) != WV_OK)
        return -1;
    /* Keep checkpoints of earlier sizes for the "older checkpoint" case. */
    rf_append(rec, rf_open(&F, RF_MID));
    old_checkpoints[n_old++] = strdup(wv_record_checkpoint(rec, NULL));
    for (size_t i = 0; i < 90; i++) {
        rf_append(rec, rf_act(&F, i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
        if (i % 30 == 29)
            old_checkpoints[n_old++] = strdup(wv_record_checkpoint(rec, NULL));
    }
    rf_append(rec, rf_table(&F, 1, "consensus"));
    rf_append(rec, rf_chair(&F, WV_CHAIR_CONSENSUS_CALL, 1));
    rf_append(rec, rf_decide(&F, wv_record_meeting(rec), 1, 0));
    old_checkpoints[n_old++] = strdup(wv_record_checkpoint(rec, NULL));
    for (size_t i = 0; i < 20; i++)
        rf_append(rec, rf_act_sk(&F, i, WV_ACT_STATEMENT, 1, WV_CHOICE_NONE, "stmt", NULL));
    wv_record_close(rec);
    orig_log = load(WV_RECORD_LOG);
    orig_roster = load(WV_RECORD_ROSTER);
    orig_cp = load(WV_RECORD_CHECKPOINT);
    orig_pub = load(WV_RECORD_SECRETARIAT_PUB);
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open_memory(orig_log.b, orig_log.len, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    while (wv_log_reader_next(r, &e, &has, NULL) == WV_OK && has) {
        offsets[n_entries] = e.offset;
        lens[n_entries++] = e.len;
    }
    wv_log_reader_free(r);
    unsigned seed = (unsigned)time(NULL);
    print_message("tamper: %zu entries, %zu log bytes, sample %zu, seed %u\n", n_entries,
                  orig_log.len, samples, seed);
    srand(seed);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {WV_RECORD_ROSTER, WV_RECORD_LOG, WV_RECORD_CHECKPOINT,
                           WV_RECORD_SECRETARIAT_PUB};
    for (size_t i = 0; i < 4; i++)
        unlink(path_of(names[i]));
    rmdir(dir);
    free(orig_log.b);
    free(orig_roster.b);
    free(orig_cp.b);
    free(orig_pub.b);
    for (size_t i = 0; i < n_old; i++)
        free(old_checkpoints[i]);
    rf_free(&F);
    return 0;
}

static void restore(void)
{
    put(WV_RECORD_LOG, orig_log.b, orig_log.len);
    put(WV_RECORD_ROSTER, orig_roster.b, orig_roster.len);
    put(WV_RECORD_CHECKPOINT, orig_cp.b, orig_cp.len);
    put(WV_RECORD_SECRETARIAT_PUB, orig_pub.b, orig_pub.len);
}

/* Verifies the (tampered) record: it must fail, with `want` among the
 * failed steps. Returns the report for further checks. */
static wv_verify_report *expect_fail(wv_verify_step_id want, const char *what, size_t at)
{
    static wv_verify_report rep;
    wv_verify_options opt = {.jobs = 2};
    wv_error err;
    wv_status st = wv_record_verify(dir, &opt, &rep, &err);
    if (st != WV_ERR_VERIFY)
        fail_msg("%s at %zu: verify returned %s (%s)", what, at, wv_status_name(st),
                 st == WV_OK ? "tampering not detected" : err.message);
    const wv_verify_step *s = &rep.steps[want - 1];
    if (!s->run || s->passed)
        fail_msg("%s at %zu: V%d (%s) did not fail; verify said: %s", what, at, (int)want,
                 s->name, err.message);
    return &rep;
}

/* The log is the checkpointed one plus one whole entry: the prefix still
 * has the checkpoint's root, so V9 passes and the entry is reported as an
 * unacknowledged tail; or the state machine refuses it (V6). */
static void expect_tail_or_refused(const char *what)
{
    static wv_verify_report rep;
    wv_verify_options opt = {.jobs = 2};
    wv_status st = wv_record_verify(dir, &opt, &rep, NULL);
    assert_true(rep.steps[WV_V9_MERKLE_ROOT - 1].passed);
    if (st == WV_OK) {
        assert_int_equal(rep.unacknowledged, 1);
        assert_int_equal(rep.entries, rep.checkpoint_size + 1);
    } else if (!rep.steps[WV_V6_ADMISSIBLE - 1].run || rep.steps[WV_V6_ADMISSIBLE - 1].passed) {
        fail_msg("%s: neither an unacknowledged tail nor refused by V6", what);
    }
}

/* Verifies the record with `jobs` threads: it must pass. */
static wv_verify_report *expect_pass(const char *what, unsigned jobs)
{
    static wv_verify_report rep;
    wv_verify_options opt = {.jobs = jobs};
    wv_error err;
    wv_status st = wv_record_verify(dir, &opt, &rep, &err);
    if (st != WV_OK)
        fail_msg("%s: verify returned %s: %s", what, wv_status_name(st), err.message);
    return &rep;
}

static void test_untampered_verifies(void **state)
{
    (void)state;
    wv_verify_report rep;
    wv_error err;
    if (wv_record_verify(dir, NULL, &rep, &err) != WV_OK)
        fail_msg("%s", err.message);
}

/* Positions: all of them when there are fewer than `samples`, otherwise a
 * random sample that always includes the first and last byte. */
static size_t pick(size_t k, size_t len)
{
    if (len <= samples)
        return k;
    if (k == 0)
        return 0;
    if (k == 1)
        return len - 1;
    return (size_t)rand() % len;
}

static size_t count(size_t len)
{
    return len <= samples ? len : samples;
}

static void test_flip_log_bytes(void **state)
{
    (void)state;
    uint8_t *b = malloc(orig_log.len);
    for (size_t k = 0; k < count(orig_log.len); k++) {
        size_t i = pick(k, orig_log.len);
        memcpy(b, orig_log.b, orig_log.len);
        b[i] ^= (uint8_t)(1u << (rand() % 8));
        put(WV_RECORD_LOG, b, orig_log.len);
        expect_fail(WV_V2_LOG_FORMAT, "log byte flipped", i);
    }
    free(b);
    restore();
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

/* A forger who recomputes the CRC: the entry no longer hashes to its leaf
 * (V9), and its signature, encoding, key or admissibility fails too. */
static void test_flip_payload_fix_crc(void **state)
{
    (void)state;
    uint8_t *b = malloc(orig_log.len);
    size_t n = count(orig_log.len) / 2;
    for (size_t k = 0; k < n; k++) {
        size_t e = (size_t)rand() % n_entries;
        size_t i = (size_t)rand() % lens[e];
        memcpy(b, orig_log.b, orig_log.len);
        uint8_t *p = b + offsets[e];
        p[4 + i] ^= (uint8_t)(1u << (rand() % 8));
        put_le32(p + 4 + lens[e], wv_crc32c(0, p, 4 + lens[e]));
        put(WV_RECORD_LOG, b, orig_log.len);
        wv_verify_report *rep = expect_fail(WV_V9_MERKLE_ROOT, "payload flipped, CRC fixed", e);
        int entry_step = 0;
        for (int s = WV_V3_CANONICAL; s <= WV_V7_DECISIONS; s++)
            if (!rep->steps[s - 1].passed) {
                entry_step = 1;
                assert_int_equal(rep->steps[s - 1].first_index, (int64_t)e);
                break;
            }
        if (!entry_step)
            fail_msg("payload of entry %zu changed but no per-entry step failed", e);
    }
    free(b);
    restore();
}

static void flip_file(const char *name, const blob *orig, size_t from, size_t to,
                      wv_verify_step_id want)
{
    uint8_t *b = malloc(orig->len);
    size_t span = to - from;
    for (size_t k = 0; k < count(span); k++) {
        size_t i = from + pick(k, span);
        memcpy(b, orig->b, orig->len);
        b[i] ^= (uint8_t)(1u << (rand() % 8));
        put(name, b, orig->len);
        expect_fail(want, name, i);
    }
    free(b);
    restore();
}

static void test_flip_roster_bytes(void **state)
{
    (void)state;
    flip_file(WV_RECORD_ROSTER, &orig_roster, 0, orig_roster.len, WV_V1_ROSTER);
}

static void test_flip_checkpoint_bytes(void **state)
{
    (void)state;
    flip_file(WV_RECORD_CHECKPOINT, &orig_cp, 0, orig_cp.len, WV_V8_CHECKPOINT_SIG);
}

/* The .pub file's first line is minisign's *untrusted* comment, outside
 * the key: only the key line (without its newline) is tampered with. */
static void test_flip_pub_key_line(void **state)
{
    (void)state;
    const uint8_t *nl = memchr(orig_pub.b, '\n', orig_pub.len);
    assert_non_null(nl);
    size_t from = (size_t)(nl - orig_pub.b) + 1, to = orig_pub.len;
    while (to > from && (orig_pub.b[to - 1] == '\n' || orig_pub.b[to - 1] == '\r'))
        to--;
    flip_file(WV_RECORD_SECRETARIAT_PUB, &orig_pub, from, to, WV_V1_ROSTER);
}

/* A roster or checkpoint file over its size limit is read, not decoded:
 * V1 / V8 fail with the report (not an I/O error, exit 2). */
static void test_oversized_files(void **state)
{
    (void)state;
    size_t big = WV_MAX_ENVELOPE_BYTES + 1;
    uint8_t *b = calloc(1, big);
    memcpy(b, orig_cp.b, orig_cp.len);
    put(WV_RECORD_CHECKPOINT, b, WV_NOTE_MAX_BYTES + 1);
    expect_fail(WV_V8_CHECKPOINT_SIG, "checkpoint over 8192 bytes", WV_NOTE_MAX_BYTES + 1);
    restore();
    memcpy(b, orig_roster.b, orig_roster.len);
    put(WV_RECORD_ROSTER, b, big);
    expect_fail(WV_V1_ROSTER, "roster over its limit", big);
    free(b);
    restore();
}

static void test_truncate_log(void **state)
{
    (void)state;
    for (size_t k = 0; k < count(orig_log.len); k++) {
        size_t cut = pick(k, orig_log.len); /* 0 .. len-1 */
        int boundary = cut == WV_LOG_HEADER_BYTES;
        for (size_t e = 0; e < n_entries; e++)
            boundary |= cut == offsets[e];
        put(WV_RECORD_LOG, orig_log.b, cut);
        wv_verify_step_id want = cut < WV_LOG_HEADER_BYTES ? WV_V2_LOG_FORMAT
                                 : boundary ? WV_V9_MERKLE_ROOT : WV_V2_LOG_FORMAT;
        expect_fail(want, "log truncated", cut);
    }
    restore();
}

/* Rebuilds the log from a list of entry indices (framed, CRC valid). */
static void put_entries(const size_t *order, size_t n)
{
    size_t cap = orig_log.len * 2 + 64, len = WV_LOG_HEADER_BYTES;
    uint8_t *b = malloc(cap);
    memcpy(b, orig_log.b, WV_LOG_HEADER_BYTES);
    for (size_t k = 0; k < n; k++) {
        size_t e = order[k], sz = lens[e] + WV_LOG_ENTRY_OVERHEAD;
        assert_true(len + sz <= cap);
        memcpy(b + len, orig_log.b + offsets[e], sz);
        len += sz;
    }
    put(WV_RECORD_LOG, b, len);
    free(b);
}

static void test_drop_dup_swap_reinsert(void **state)
{
    (void)state;
    size_t order[4096];
    for (size_t e = 0; e < n_entries; e++) {
        size_t n = 0; /* drop e */
        for (size_t k = 0; k < n_entries; k++)
            if (k != e)
                order[n++] = k;
        put_entries(order, n);
        expect_fail(WV_V9_MERKLE_ROOT, "entry dropped", e);
        n = 0; /* duplicate e */
        for (size_t k = 0; k < n_entries; k++) {
            order[n++] = k;
            if (k == e)
                order[n++] = k;
        }
        put_entries(order, n);
        if (e + 1 < n_entries)
            expect_fail(WV_V9_MERKLE_ROOT, "entry duplicated", e);
        else
            expect_tail_or_refused("last entry duplicated");
        if (e + 1 < n_entries) { /* swap e and e+1 */
            for (size_t k = 0; k < n_entries; k++)
                order[k] = k;
            order[e] = e + 1;
            order[e + 1] = e;
            put_entries(order, n_entries);
            expect_fail(WV_V9_MERKLE_ROOT, "entries swapped", e);
        }
        size_t to = (size_t)rand() % n_entries; /* re-insert e before `to` */
        if (to == e || to == e + 1)
            continue;
        n = 0;
        for (size_t k = 0; k < n_entries; k++) {
            if (k == to)
                order[n++] = e;
            if (k != e)
                order[n++] = k;
        }
        put_entries(order, n);
        expect_fail(WV_V9_MERKLE_ROOT, "entry re-inserted elsewhere", e);
    }
    restore();
}

/* Appends a signed entry to the log behind the checkpoint's back. */
static void append_behind(rf_env e)
{
    wv_log *log;
    assert_int_equal(wv_log_open(path_of(WV_RECORD_LOG), &log, NULL), WV_OK);
    assert_int_equal(wv_log_append(log, e.buf, e.len, NULL, NULL), WV_OK);
    wv_log_close(log);
    free(e.buf);
}

/* A valid, admissible, correctly signed entry appended behind the
 * checkpoint's back. */
static void test_extra_entry_appended(void **state)
{
    (void)state;
    append_behind(rf_act(&F, 120, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    /* Issue 15: not a V9 failure but an unacknowledged tail; the prefix the
     * checkpoint covers verifies. */
    wv_verify_report *rep = expect_pass("extra entry", 2);
    assert_int_equal(rep->unacknowledged, 1);
    assert_int_equal(rep->entries, n_entries + 1);
    assert_int_equal(rep->checkpoint_size, n_entries);
    assert_true(rep->steps[WV_V6_ADMISSIBLE - 1].passed);
    /* A tail after a changed prefix: the prefix is held to the checkpoint,
     * V9 fails. */
    size_t order[4096];
    for (size_t k = 0; k < n_entries; k++)
        order[k] = k;
    order[2] = 3;
    order[3] = 2;
    order[n_entries] = n_entries - 1;
    put_entries(order, n_entries + 1);
    expect_fail(WV_V9_MERKLE_ROOT, "entries swapped, with a tail", 2);
    restore();
}

/* Competence (issue 14): a correctly signed tabling of a GATT 1947 waiver
 * (GATT 1947 Art. XXV:5: the CONTRACTING PARTIES') in a General Council
 * meeting, slipped into the log: the verifier replays the signed Meeting's
 * body and refuses it as inadmissible, naming the refusal. */
static void test_noncompetent_item_refused(void **state)
{
    (void)state;
    append_behind(rf_table(&F, 9, "gatt-waiver"));
    wv_verify_report *rep = expect_fail(WV_V6_ADMISSIBLE, "non-competent tabling", n_entries);
    assert_int_equal(rep->steps[WV_V6_ADMISSIBLE - 1].first_index, (int64_t)n_entries);
    const char *why = rep->steps[WV_V6_ADMISSIBLE - 1].reason;
    int named = strstr(why, "gatt-waiver is decided by") != NULL;
    restore();
    if (!named)
        fail_msg("V6 reason does not name the competence refusal: %s", why);
}

/* A verifier racing the Secretariat (SPEC.md, "Verifying a live record"):
 * it read the checkpoint before an append, the log after it. The seam
 * writes `later` (the checkpoint the writer signed) once the log has been
 * read, as the writer would while the verifier streams. */
static blob later;
static int later_appends; /* entries the "writer" appends with it */

static void write_later(const char *d)
{
    (void)d;
    wv_record *rec;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL), WV_OK);
    for (int i = 0; i < later_appends; i++)
        rf_append(rec, rf_act(&F, 121 + (size_t)i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(rec);
    if (later_appends == 0)
        put(WV_RECORD_CHECKPOINT, later.b, later.len);
}

static void append_behind_old_checkpoint(void)
{
    wv_record *rec;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL), WV_OK);
    rf_append(rec, rf_act(&F, 120, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(rec);
    later = load(WV_RECORD_CHECKPOINT);
    put(WV_RECORD_CHECKPOINT, orig_cp.b, orig_cp.len); /* as the verifier read it */
}

static void test_live_append_during_verify(void **state)
{
    (void)state;
    append_behind_old_checkpoint();
    later_appends = 0;
    wv_verify_test_after_stream = write_later;
    wv_verify_report rep;
    wv_error err;
    wv_verify_options opt = {.jobs = 2, .since = old_checkpoints[1],
                             .since_len = strlen(old_checkpoints[1])};
    wv_status st = wv_record_verify(dir, &opt, &rep, &err);
    wv_verify_test_after_stream = NULL;
    if (st != WV_OK)
        fail_msg("live append: %s", err.message);
    assert_int_equal(rep.checkpoint_size, n_entries + 1);
    assert_true(rep.steps[WV_V10_CONSISTENCY - 1].passed);
    free(later.b);
    restore();
}

/* The checkpoint re-read covers more entries than the log read (the writer
 * appended again): the verifier reads the log on to exactly that size. */
static void test_live_checkpoint_ahead_of_read(void **state)
{
    (void)state;
    append_behind_old_checkpoint();
    later_appends = 1;
    wv_verify_test_after_stream = write_later;
    wv_verify_report *rep = expect_pass("checkpoint ahead", 2);
    wv_verify_test_after_stream = NULL;
    assert_int_equal(rep->entries, n_entries + 2);
    assert_int_equal(rep->checkpoint_size, n_entries + 2);
    assert_int_equal(rep->signatures_checked, n_entries + 2);
    free(later.b);
    restore();
}

/* A checkpoint re-read that covers entries the log does not hold (signed
 * for a longer log than the one published) is no use: V9 compares with the
 * first checkpoint and fails. */
static blob longer_cp;

static void put_longer_checkpoint(const char *d)
{
    (void)d;
    put(WV_RECORD_CHECKPOINT, longer_cp.b, longer_cp.len);
}

static void test_live_checkpoint_beyond_log(void **state)
{
    (void)state;
    append_behind_old_checkpoint(); /* n + 1 entries, checkpoint n */
    blob log = load(WV_RECORD_LOG);
    put(WV_RECORD_CHECKPOINT, later.b, later.len);
    wv_record *rec;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL), WV_OK);
    rf_append(rec, rf_act(&F, 121, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(rec);
    longer_cp = load(WV_RECORD_CHECKPOINT); /* n + 2 */
    put(WV_RECORD_LOG, log.b, log.len);     /* n + 1 */
    put(WV_RECORD_CHECKPOINT, orig_cp.b, orig_cp.len);
    wv_verify_test_after_stream = put_longer_checkpoint;
    wv_verify_report *rep = expect_fail(WV_V9_MERKLE_ROOT, "checkpoint beyond log", n_entries);
    wv_verify_test_after_stream = NULL;
    assert_int_equal(rep->checkpoint_size, n_entries);
    assert_int_equal(rep->entries, n_entries + 1);
    free(log.b);
    free(longer_cp.b);
    free(later.b);
    restore();
}

/* The verifier opened the log in the middle of an append: the last entry
 * is torn when read, and the writer completes it (in place, the same file)
 * and re-signs the checkpoint while the verifier looks (the seam does both
 * when the torn tail is met). The log has grown, so the tail was an append
 * in flight: the verifier reads on and every step passes over n + 1. */
static blob tail_rest;

static void complete_append(const char *path)
{
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    assert_int_equal(fwrite(tail_rest.b, 1, tail_rest.len, f), tail_rest.len);
    assert_int_equal(fclose(f), 0);
    put(WV_RECORD_CHECKPOINT, later.b, later.len);
}

static void test_live_torn_tail(void **state)
{
    (void)state;
    append_behind_old_checkpoint();
    blob log = load(WV_RECORD_LOG);
    size_t cut = log.len - 7; /* inside the new entry's body */
    tail_rest = (blob){log.b + cut, log.len - cut};
    put(WV_RECORD_LOG, log.b, cut);
    wv_verify_test_on_torn_tail = complete_append;
    wv_verify_report *rep = expect_pass("append in flight", 1);
    wv_verify_test_on_torn_tail = NULL;
    assert_int_equal(rep->entries, n_entries + 1);
    assert_int_equal(rep->checkpoint_size, n_entries + 1);
    free(log.b);
    free(later.b);
    restore();
}

/* A torn tail in a log nobody is writing (a crash, or a cut copy) stays a
 * V2 failure after the verifier has waited for it to grow. */
static void test_torn_tail_not_growing(void **state)
{
    (void)state;
    append_behind_old_checkpoint();
    blob log = load(WV_RECORD_LOG);
    put(WV_RECORD_LOG, log.b, log.len - 7);
    wv_verify_report *rep = expect_fail(WV_V2_LOG_FORMAT, "torn tail", n_entries);
    assert_int_equal(rep->steps[WV_V2_LOG_FORMAT - 1].first_index, (int64_t)n_entries);
    free(log.b);
    free(later.b);
    restore();
}

static void test_older_checkpoint(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_old; i++) {
        put(WV_RECORD_CHECKPOINT, (const uint8_t *)old_checkpoints[i], strlen(old_checkpoints[i]));
        /* Genuinely signed, and the log extends it: from the files alone an
         * older checkpoint put back is a crash before the checkpoint write,
         * so the later entries are an unacknowledged tail (issue 15). Only
         * a verifier holding the newer checkpoint tells (--since: V10). */
        wv_verify_report *rep = expect_pass("older checkpoint", 2);
        assert_true(rep->steps[WV_V8_CHECKPOINT_SIG - 1].passed);
        assert_int_equal(rep->unacknowledged, n_entries - rep->checkpoint_size);
        assert_true(rep->unacknowledged > 0);
        wv_verify_options opt = {.jobs = 1, .since = (const char *)orig_cp.b,
                                 .since_len = orig_cp.len};
        wv_verify_report with_since;
        assert_int_equal(wv_record_verify(dir, &opt, &with_since, NULL), WV_ERR_VERIFY);
        assert_false(with_since.steps[WV_V10_CONSISTENCY - 1].passed);
    }
    restore();
}

/* The checkpoint re-signed over the log as it now is (what a Secretariat
 * that forged entries would publish), so that V8 and V9 pass. */
static void resign_checkpoint(void)
{
    blob log = load(WV_RECORD_LOG);
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open_memory(log.b, log.len, &r, NULL), WV_OK);
    wv_merkle_frontier tree;
    wv_merkle_frontier_init(&tree);
    wv_log_entry e;
    int has;
    while (wv_log_reader_next(r, &e, &has, NULL) == WV_OK && has) {
        uint8_t leaf[WV_HASH_BYTES];
        wv_merkle_leaf_hash(e.data, e.len, leaf);
        assert_int_equal(wv_merkle_frontier_push(&tree, leaf, NULL), WV_OK);
    }
    wv_log_reader_free(r);
    free(log.b);
    wv_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    assert_int_equal(wv_checkpoint_origin(NULL, RF_MID, cp.origin, NULL), WV_OK);
    cp.size = tree.size;
    wv_merkle_frontier_root(&tree, cp.root);
    char *note;
    size_t len;
    assert_int_equal(wv_checkpoint_sign(&cp, F.sec, &note, &len, NULL), WV_OK);
    put(WV_RECORD_CHECKPOINT, (const uint8_t *)note, len);
    free(note);
}

/* Appends one forged entry (CRC valid) at `index`, re-signs the checkpoint
 * and expects `want` to fail at that entry; every other step V1..V9 must
 * pass, except `also` (0: none), so the step named is the one that caught
 * it. */
static void forge(rf_env e, uint64_t index, wv_verify_step_id want, int also, const char *what)
{
    wv_log *log;
    uint64_t got;
    assert_int_equal(wv_log_open(path_of(WV_RECORD_LOG), &log, NULL), WV_OK);
    assert_int_equal(wv_log_append(log, e.buf, e.len, &got, NULL), WV_OK);
    wv_log_close(log);
    free(e.buf);
    assert_int_equal(got, index);
    resign_checkpoint();
    wv_verify_report *rep = expect_fail(want, what, (size_t)index);
    assert_int_equal(rep->steps[want - 1].first_index, (int64_t)index);
    for (int s = WV_V1_ROSTER; s <= WV_V9_MERKLE_ROOT; s++)
        if (s != (int)want && s != also && !rep->steps[s - 1].passed)
            fail_msg("%s: V%d failed too: %s", what, s, rep->steps[s - 1].reason);
    restore();
}

/* Each per-entry step catches its own forgery, alone, even when the
 * checkpoint was signed over the forged log (SPEC.md, V3..V8). */
static void test_forged_entries_named_step(void **state)
{
    (void)state;
    restore();
    uint64_t next = n_entries;
    rf_env junk = {(uint8_t *)strdup("junk"), 4};
    forge(junk, next, WV_V3_CANONICAL, 0, "not an envelope");
    forge(rf_act_sk(&F, 5, WV_ACT_STATEMENT, 1, WV_CHOICE_NONE, "forged", F.member_sk[6]), next,
          WV_V4_KEYS, 0, "act signed with another Member's key");
    rf_env bad = rf_act_sk(&F, 5, WV_ACT_STATEMENT, 1, WV_CHOICE_NONE, "forged", NULL);
    bad.buf[bad.len - 1] ^= 0x01; /* the signature is the envelope's last field */
    forge(bad, next, WV_V5_SIGNATURES, 0, "signature byte flipped");
    /* A vote on item 1, decided by consensus without a vote (Art. IX:1 fn 1). */
    forge(rf_act(&F, 5, WV_ACT_VOTE, 1, WV_CHOICE_YES), next, WV_V6_ADMISSIBLE, 0,
          "vote with no vote open");
    /* A second meeting opened, of another meeting: V8 names it (and V6,
     * the meeting being open already). */
    uint8_t ref[WV_MEETING_REF_BYTES];
    memcpy(ref, F.ref, sizeof ref);
    forge(rf_open(&F, "OTHER-MEETING"), next, WV_V8_CHECKPOINT_SIG, WV_V6_ADMISSIBLE,
          "another meeting opened");
    memcpy(F.ref, ref, sizeof ref); /* the record's meeting is still the first */
    /* A published decision one vote off (item 2 tabled and called first,
     * genuinely). */
    wv_record *rec;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL), WV_OK);
    rf_append(rec, rf_table(&F, 2, "consensus"));
    rf_append(rec, rf_chair(&F, WV_CHAIR_CONSENSUS_CALL, 2));
    rf_env decide = rf_decide(&F, wv_record_meeting(rec), 2, 1);
    wv_record_close(rec);
    forge(decide, next + 2, WV_V7_DECISIONS, 0, "decision with a count changed");
}

/* --jobs: the same report for any number of threads, also when signatures
 * fail in several batches (256 entries each) that finish in any order. */
static void test_jobs_same_report(void **state)
{
    (void)state;
    restore();
    wv_record *rec;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL), WV_OK);
    for (size_t i = 0; i < 600; i++)
        rf_append(rec, rf_act_sk(&F, i % 90, WV_ACT_STATEMENT, 1, WV_CHOICE_NONE, "s", NULL));
    wv_record_close(rec);
    blob log = load(WV_RECORD_LOG);
    const uint64_t bad[] = {600, 300, 130}; /* in three batches */
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open_memory(log.b, log.len, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    uint8_t *copy = malloc(log.len);
    memcpy(copy, log.b, log.len);
    while (wv_log_reader_next(r, &e, &has, NULL) == WV_OK && has)
        for (size_t k = 0; k < 3; k++)
            if (e.index == bad[k]) {
                uint8_t *p = copy + e.offset;
                p[4 + e.len - 1] ^= 0x01; /* last signature byte */
                put_le32(p + 4 + e.len, wv_crc32c(0, p, 4 + e.len));
            }
    wv_log_reader_free(r);
    put(WV_RECORD_LOG, copy, log.len);
    free(copy);
    free(log.b);
    resign_checkpoint();
    static wv_verify_report first, rep;
    const unsigned jobs[] = {1, 2, 3, 8};
    for (size_t j = 0; j < 4; j++) {
        wv_verify_options opt = {.jobs = jobs[j]};
        assert_int_equal(wv_record_verify(dir, &opt, &rep, NULL), WV_ERR_VERIFY);
        assert_int_equal(rep.steps[WV_V5_SIGNATURES - 1].first_index, 130);
        if (j == 0)
            memcpy(&first, &rep, sizeof rep); /* padding too: compared whole */
        else if (memcmp(&first, &rep, sizeof rep) != 0)
            fail_msg("--jobs %u reports otherwise than --jobs 1", jobs[j]);
    }
    restore();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_untampered_verifies),
        cmocka_unit_test(test_flip_log_bytes),
        cmocka_unit_test(test_flip_payload_fix_crc),
        cmocka_unit_test(test_flip_roster_bytes),
        cmocka_unit_test(test_flip_checkpoint_bytes),
        cmocka_unit_test(test_flip_pub_key_line),
        cmocka_unit_test(test_oversized_files),
        cmocka_unit_test(test_truncate_log),
        cmocka_unit_test(test_drop_dup_swap_reinsert),
        cmocka_unit_test(test_extra_entry_appended),
        cmocka_unit_test(test_noncompetent_item_refused),
        cmocka_unit_test(test_live_append_during_verify),
        cmocka_unit_test(test_live_checkpoint_ahead_of_read),
        cmocka_unit_test(test_live_checkpoint_beyond_log),
        cmocka_unit_test(test_live_torn_tail),
        cmocka_unit_test(test_torn_tail_not_growing),
        cmocka_unit_test(test_older_checkpoint),
        cmocka_unit_test(test_forged_entries_named_step),
        cmocka_unit_test(test_jobs_same_report),
        cmocka_unit_test(test_untampered_verifies),
    };
    if (wv_init() != 0)
        return 1;
    return cmocka_run_group_tests(tests, setup, teardown);
}
