/* engine/record: the record directory, appends checked against the roster
 * and the meeting state machine (refusals leave the files byte-for-byte
 * unchanged), receipts, recovery on open, and the verifier's steps on a
 * good record (SPEC.md, "Record and verification"). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "record/record_internal.h"
#include "record_fixture.h"

static char dir[256];
static rf F;

static void rm_record(void)
{
    rf_record_remove(dir);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/wv_test_record_XXXXXX");
    return rf_init(&F, 166) == 0 ? rf_record_new(&F, dir) : -1;
}

static int teardown(void **state)
{
    (void)state;
    rm_record();
    rf_free(&F);
    return 0;
}

static wv_record *open_rec(void)
{
    wv_record *rec;
    wv_error err;
    if (wv_record_open(dir, F.sec, NULL, NULL, &rec, &err) != WV_OK)
        fail_msg("open: %s", err.message);
    return rec;
}

static uint8_t *slurp(const char *name, size_t *len)
{
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    uint8_t *b;
    assert_int_equal(wv_file_read(p, 1 << 26, &b, len, NULL), WV_OK);
    return b;
}

static void verify_ok(unsigned jobs, wv_verify_report *rep)
{
    wv_verify_options opt = {.jobs = jobs};
    wv_error err;
    if (wv_record_verify(dir, &opt, rep, &err) != WV_OK)
        fail_msg("verify: %s", err.message);
    assert_true(rep->ok);
    for (int i = 0; i < WV_V10_CONSISTENCY - 1; i++) {
        assert_true(rep->steps[i].run);
        assert_true(rep->steps[i].passed);
    }
    assert_false(rep->steps[WV_V10_CONSISTENCY - 1].run);
}

static void test_create_append_reopen_verify(void **state)
{
    (void)state;
    wv_record *rec = open_rec();
    assert_int_equal(wv_record_size(rec), 0);
    uint64_t n = rf_script(&F, rec, 100, 5);
    uint8_t root[32], root2[32];
    wv_record_root(rec, root);
    wv_record_close(rec);
    rec = open_rec();
    assert_int_equal(wv_record_size(rec), n);
    assert_null(wv_record_recovery_message(rec));
    wv_record_root(rec, root2);
    assert_memory_equal(root, root2, 32);
    /* The state replayed: item 1 adopted by consensus (Art. IX:1 fn 1). */
    const wv_meeting *m = wv_record_meeting(rec);
    wv_item_info info;
    assert_int_equal(wv_meeting_item_at(m, 0, &info), 0);
    assert_int_equal(info.stage, WV_ITEM_DECIDED);
    assert_int_equal(info.decision->outcome, WV_OUTCOME_ADOPTED);
    wv_record_close(rec);

    wv_verify_report a, b;
    verify_ok(1, &a);
    verify_ok(3, &b);
    assert_int_equal(a.entries, n);
    assert_int_equal(a.signatures_checked, n);
    assert_int_equal(a.steps[WV_V7_DECISIONS - 1].checked, 2);
    assert_memory_equal(a.root, root, 32);
    assert_memory_equal(a.root, b.root, 32);
    assert_int_equal(b.signatures_checked, n);
}

static void test_create_refuses_nonempty_or_unsigned(void **state)
{
    (void)state;
    wv_error err;
    assert_int_equal(wv_record_create(dir, F.roster, F.sec, NULL, RF_MID, &err), WV_ERR_IO);
    /* The key must be the roster's Secretariat key. */
    char d2[300];
    snprintf(d2, sizeof d2, "%s.other", dir);
    assert_int_not_equal(wv_record_create(d2, F.roster, F.member_sk[0], NULL, RF_MID, &err),
                         WV_OK);
    assert_int_equal(err.code, WV_ERR_KEY_MISMATCH);
    rmdir(d2);
}

static void test_second_writer_locked(void **state)
{
    (void)state;
    wv_record *a = open_rec(), *b;
    wv_error err;
    assert_int_equal(wv_record_open_wait(dir, F.sec, 0, NULL, NULL, &b, &err),
                     WV_ERR_LOG_LOCKED);
    /* Readers are not writers. */
    assert_int_equal(wv_record_load(dir, NULL, NULL, &b, &err), WV_OK);
    wv_record_close(b);
    wv_record_close(a);
}

/* Each refused envelope: the expected status, and log and checkpoint
 * byte-for-byte unchanged. */
static void expect_refused(wv_record *rec, rf_env e, wv_status want, wv_refusal want_why)
{
    size_t l1, c1, l2, c2;
    uint8_t *log1 = slurp(WV_RECORD_LOG, &l1), *cp1 = slurp(WV_RECORD_CHECKPOINT, &c1);
    uint64_t size = wv_record_size(rec);
    wv_refusal why = WV_REFUSE_NONE;
    wv_error err;
    uint8_t *receipt = NULL;
    size_t rlen;
    wv_status st = wv_record_append(rec, e.buf, e.len, NULL, &why, &receipt, &rlen, &err);
    if (st != want)
        fail_msg("expected %s, got %s: %s", wv_status_name(want), wv_status_name(st),
                 st == WV_OK ? "" : err.message);
    assert_int_equal(why, want_why);
    assert_null(receipt);
    assert_true(strlen(err.message) > 0);
    assert_int_equal(wv_record_size(rec), size);
    uint8_t *log2 = slurp(WV_RECORD_LOG, &l2), *cp2 = slurp(WV_RECORD_CHECKPOINT, &c2);
    assert_int_equal(l1, l2);
    assert_memory_equal(log1, log2, l1);
    assert_int_equal(c1, c2);
    assert_memory_equal(cp1, cp2, c1);
    free(log1);
    free(log2);
    free(cp1);
    free(cp2);
    free(e.buf);
}

static void test_refusals_leave_record_untouched(void **state)
{
    (void)state;
    wv_record *rec = open_rec();
    /* Before the meeting is open: refused by the state machine. */
    expect_refused(rec, rf_act(&F, 1, WV_ACT_ATTEND, 0, WV_CHOICE_NONE), WV_ERR_INADMISSIBLE,
                   WV_REFUSE_NOT_OPEN);
    /* A meeting other than the record's. */
    expect_refused(rec, rf_open(&F, "OTHER-MEETING"), WV_ERR_INADMISSIBLE,
                   WV_REFUSE_WRONG_MEETING);
    rf_append(rec, rf_open(&F, RF_MID));
    rf_append(rec, rf_act(&F, 1, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    expect_refused(rec, rf_act(&F, 1, WV_ACT_ATTEND, 0, WV_CHOICE_NONE), WV_ERR_INADMISSIBLE,
                   WV_REFUSE_ALREADY_PRESENT);
    /* Signed by another Member's key. */
    expect_refused(rec, rf_act_sk(&F, 2, WV_ACT_ATTEND, 0, WV_CHOICE_NONE, NULL, F.member_sk[3]),
                   WV_ERR_KEY_WRONG_MEMBER, WV_REFUSE_NONE);
    /* A chair event signed by a Member. */
    rf_env ev = rf_chair(&F, WV_CHAIR_MEETING_CLOSE, 0);
    free(ev.buf);
    Wtovote__V1__ChairEvent ce = WTOVOTE__V1__CHAIR_EVENT__INIT;
    ce.version = 1;
    ce.meeting_id = (char *)RF_MID;
    ce.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_CLOSE;
    ce.time = F.t++;
    ce.meeting_ref = (ProtobufCBinaryData){WV_MEETING_REF_BYTES, F.ref};
    assert_int_equal(wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT, &ce.base,
                                      F.member_sk[0], &ev.buf, &ev.len, NULL), WV_OK);
    expect_refused(rec, ev, WV_ERR_KEY_WRONG_MEMBER, WV_REFUSE_NONE);
    /* A flipped signature byte. */
    rf_env bad = rf_act(&F, 2, WV_ACT_ATTEND, 0, WV_CHOICE_NONE);
    bad.buf[bad.len - 1] ^= 0x01;
    expect_refused(rec, bad, WV_ERR_BAD_SIGNATURE, WV_REFUSE_NONE);
    /* Not an envelope. */
    rf_env junk = {(uint8_t *)strdup("junk"), 4};
    expect_refused(rec, junk, WV_ERR_DECODE, WV_REFUSE_NONE);
    /* A vote on an item never tabled. */
    expect_refused(rec, rf_act(&F, 1, WV_ACT_VOTE, 7, WV_CHOICE_YES), WV_ERR_INADMISSIBLE,
                   WV_REFUSE_ITEM_NOT_TABLED);
    /* A published decision that differs from the re-derived one. */
    rf_append(rec, rf_table(&F, 1, "consensus"));
    rf_append(rec, rf_chair(&F, WV_CHAIR_CONSENSUS_CALL, 1));
    expect_refused(rec, rf_decide(&F, wv_record_meeting(rec), 1, 1), WV_ERR_DECISION_MISMATCH,
                   WV_REFUSE_DECISION_MISMATCH);
    rf_append(rec, rf_decide(&F, wv_record_meeting(rec), 1, 0));
    wv_record_close(rec);
    wv_verify_report rep;
    verify_ok(1, &rep);
}

/* A record of the opening and `n` attendances, closed. */
static void make_entries(size_t n)
{
    wv_record *rec = open_rec();
    rf_append(rec, rf_open(&F, RF_MID));
    for (size_t i = 0; i < n; i++)
        rf_append(rec, rf_act(&F, i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(rec);
}

/* The log file is exactly these bytes. */
static void expect_log(const uint8_t *want, size_t len)
{
    size_t l;
    uint8_t *now = slurp(WV_RECORD_LOG, &l);
    assert_int_equal(l, len);
    assert_memory_equal(now, want, len);
    free(now);
}

/* Runs "rm -rf A" and, when b is given, "cp -a B A". */
static void replace_dir(const char *a, const char *b)
{
    char cmd[1400];
    if (b != NULL)
        snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -a '%s' '%s'", a, b, a);
    else
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", a);
    assert_int_equal(system(cmd), 0);
}

/* Issue 15: a torn tail past the acknowledged entries. A writer refuses
 * it and the log stays byte-identical; wv_record_repair cuts it, keeping
 * the bytes beside the log; the record verifies and takes appends again. */
static void test_repair_torn_tail(void **state)
{
    (void)state;
    make_entries(3);
    char log[400];
    snprintf(log, sizeof log, "%s/%s", dir, WV_RECORD_LOG);
    size_t l0;
    uint8_t *before = slurp(WV_RECORD_LOG, &l0);
    FILE *f = fopen(log, "ab");
    assert_non_null(f);
    assert_int_equal(fwrite("\x40\x00\x00\x00partial", 1, 11, f), 11); /* an append cut short */
    fclose(f);
    size_t l1;
    uint8_t *torn = slurp(WV_RECORD_LOG, &l1);
    wv_record *rec;
    wv_error err;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, &err), WV_ERR_LOG_TORN);
    assert_non_null(strstr(err.message, "torn tail of 11 bytes"));
    expect_log(torn, l1);
    wv_repair_info info;
    assert_int_equal(wv_record_repair(dir, NULL, 0, &info, &err), WV_OK);
    assert_int_equal(info.checkpoint_size, 4);
    assert_int_equal(info.entries_after, 4);
    assert_int_equal(info.removed_bytes, 11);
    assert_int_equal(info.damaged_offset, l0);
    uint8_t *kept;
    size_t kept_len;
    assert_int_equal(wv_file_read(info.saved, 1 << 20, &kept, &kept_len, NULL), WV_OK);
    assert_int_equal(kept_len, 11);
    assert_memory_equal(kept, torn + l0, 11);
    free(kept);
    expect_log(before, l0);
    free(torn);
    free(before);
    wv_verify_report rep;
    verify_ok(1, &rep);
    rec = open_rec();
    rf_append(rec, rf_act(&F, 9, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(rec);
    verify_ok(1, &rep);
}

/* Issue 15: acknowledged entries lost (the log cut back by two whole
 * entries, then one of them torn) are restored from a copy that has the
 * checkpoint's root; a copy that does not match, or that is too short, is
 * refused and nothing is written; without a copy the repair refuses. */
static void test_repair_from_copy(void **state)
{
    (void)state;
    make_entries(5);
    char copy[320], other[320], log[400];
    snprintf(copy, sizeof copy, "%s.copy", dir);
    snprintf(other, sizeof other, "%s.other", dir);
    snprintf(log, sizeof log, "%s/%s", dir, WV_RECORD_LOG);
    replace_dir(copy, dir);
    size_t full_len;
    uint8_t *full = slurp(WV_RECORD_LOG, &full_len);
    /* A copy of another record with the same id: same roster, same keys,
     * one entry more, but another opening (its nonce). */
    replace_dir(other, NULL);
    assert_int_equal(wv_record_create(other, F.roster, F.sec, NULL, RF_MID, NULL), WV_OK);
    wv_record *orec;
    assert_int_equal(wv_record_open(other, F.sec, NULL, NULL, &orec, NULL), WV_OK);
    rf_append(orec, rf_open(&F, RF_MID));
    for (size_t i = 0; i < 6; i++)
        rf_append(orec, rf_act(&F, i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(orec);
    /* Entry 5 deleted, entry 4 cut in the middle. */
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open(log, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    uint64_t off4 = 0;
    while (wv_log_reader_next(r, &e, &has, NULL) == WV_OK && has)
        if (e.index == 4)
            off4 = e.offset;
    wv_log_reader_free(r);
    assert_int_equal(truncate(log, (off_t)off4 + 10), 0);
    size_t cut_len;
    uint8_t *cut = slurp(WV_RECORD_LOG, &cut_len);
    wv_repair_info info;
    wv_error err;
    assert_int_equal(wv_record_repair(dir, NULL, 0, &info, &err), WV_ERR_LOG_CORRUPT);
    assert_non_null(strstr(err.message, "acknowledged entries are missing"));
    assert_int_equal(wv_record_repair(dir, other, 0, &info, &err), WV_ERR_PROOF);
    assert_non_null(strstr(err.message, "not a copy of this record"));
    expect_log(cut, cut_len);
    /* A copy as short as the damaged log is no help either. */
    char short_log[400];
    snprintf(short_log, sizeof short_log, "%s.short-log", dir);
    assert_int_equal(wv_file_write_atomic(short_log, cut, (size_t)off4, 0644, 0, NULL), WV_OK);
    assert_int_equal(wv_record_repair(dir, short_log, 0, &info, &err), WV_ERR_PROOF);
    assert_non_null(strstr(err.message, "the checkpoint acknowledges 6"));
    unlink(short_log);
    /* The mirror restores entries 4 and 5, keeping the torn bytes. */
    assert_int_equal(wv_record_repair(dir, copy, 0, &info, &err), WV_OK);
    assert_int_equal(info.entries_before, 4);
    assert_int_equal(info.restored, 2);
    assert_int_equal(info.entries_after, 6);
    assert_int_equal(info.removed_bytes, 10);
    assert_int_equal(unlink(info.saved), 0);
    expect_log(full, full_len);
    free(cut);
    free(full);
    wv_verify_report rep;
    verify_ok(1, &rep);
    assert_int_equal(rep.entries, 6);
    replace_dir(copy, NULL);
    replace_dir(other, NULL);
}

static void test_receipts(void **state)
{
    (void)state;
    wv_record *rec = open_rec();
    rf_append(rec, rf_open(&F, RF_MID));
    rf_env att = rf_act(&F, 4, WV_ACT_ATTEND, 0, WV_CHOICE_NONE);
    uint8_t *r;
    size_t rlen;
    uint64_t index;
    wv_error err;
    assert_int_equal(wv_record_append(rec, att.buf, att.len, &index, NULL, &r, &rlen, &err), WV_OK);
    assert_int_equal(index, 1);
    wv_public_key pub;
    wv_secret_key_public(F.sec, &pub);
    wv_receipt_info info;
    assert_int_equal(wv_receipt_verify(r, rlen, att.buf, att.len, &pub, &info, &err), WV_OK);
    assert_int_equal(info.leaf_index, 1);
    assert_int_equal(info.tree_size, 2);
    assert_string_equal(info.member, rf_code(&F, 4));
    assert_string_equal(info.meeting_id, RF_MID);
    /* Another act: refused. */
    rf_env other = rf_act(&F, 5, WV_ACT_ATTEND, 0, WV_CHOICE_NONE);
    assert_int_equal(wv_receipt_verify(r, rlen, other.buf, other.len, &pub, NULL, &err),
                     WV_ERR_PROOF);
    /* Another Secretariat key: the checkpoint is not signed by it. */
    wv_public_key mpub;
    wv_secret_key_public(F.member_sk[0], &mpub);
    assert_int_not_equal(wv_receipt_verify(r, rlen, att.buf, att.len, &mpub, NULL, &err), WV_OK);
    /* Any byte of the receipt flipped: refused (never accepted). */
    for (size_t i = 0; i < rlen; i++) {
        r[i] ^= 0x04;
        assert_int_not_equal(wv_receipt_verify(r, rlen, att.buf, att.len, &pub, NULL, &err),
                             WV_OK);
        r[i] ^= 0x04;
    }
    free(r);

    /* Group commit with receipts: each against the tree ending with it. */
    rf_env envs[6];
    const uint8_t *ptrs[6];
    size_t lens[6];
    for (int i = 0; i < 6; i++) {
        envs[i] = i == 3 ? rf_act(&F, 4, WV_ACT_ATTEND, 0, WV_CHOICE_NONE) /* refused */
                         : rf_act(&F, 6 + (size_t)i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE);
        ptrs[i] = envs[i].buf;
        lens[i] = envs[i].len;
    }
    wv_append_result res[6];
    size_t appended;
    assert_int_equal(wv_record_append_many(rec, ptrs, lens, 6, WV_APPEND_RECEIPTS, res,
                                           &appended, &err), WV_OK);
    assert_int_equal(appended, 5);
    assert_int_equal(res[3].status, WV_ERR_INADMISSIBLE);
    assert_int_equal(res[3].why, WV_REFUSE_ALREADY_PRESENT);
    assert_null(res[3].receipt);
    for (int i = 0; i < 6; i++) {
        if (i == 3)
            continue;
        assert_int_equal(res[i].status, WV_OK);
        assert_int_equal(wv_receipt_verify(res[i].receipt, res[i].receipt_len, envs[i].buf,
                                           envs[i].len, &pub, &info, &err), WV_OK);
        assert_int_equal(info.leaf_index, res[i].index);
        assert_int_equal(info.tree_size, res[i].index + 1);
    }
    assert_int_equal(res[5].index, 6);
    wv_append_results_clear(res, 6);
    for (int i = 0; i < 6; i++)
        free(envs[i].buf);
    free(att.buf);
    free(other.buf);
    assert_int_equal(wv_record_size(rec), 7);
    wv_record_close(rec);
    wv_verify_report rep;
    verify_ok(2, &rep);
}

/* The receipt's proof (the frontier before the leaf) equals RFC 9162's
 * PATH(n-1, D[n]) computed from all leaves, for every n in 1..70. */
static void test_last_leaf_proof_matches_rfc(void **state)
{
    (void)state;
    uint8_t leaves[70 * 32];
    wv_merkle_frontier f;
    wv_merkle_frontier_init(&f);
    for (uint64_t n = 1; n <= 70; n++) {
        uint8_t byte = (uint8_t)n;
        wv_merkle_leaf_hash(&byte, 1, leaves + 32 * (n - 1));
        uint8_t mine[64 * 32], want[64 * 32];
        size_t k = wv_frontier_last_leaf_proof(&f, mine), kw;
        assert_int_equal(wv_merkle_inclusion_proof(leaves, n, n - 1, want, &kw, NULL), WV_OK);
        assert_int_equal(k, kw);
        assert_memory_equal(mine, want, 32 * k);
        assert_int_equal(wv_merkle_frontier_push(&f, leaves + 32 * (n - 1), NULL), WV_OK);
    }
}

/* A crash after an entry's fsync but before the checkpoint's rename: the
 * open re-signs the checkpoint and says so; the record verifies. */
static void test_checkpoint_catch_up(void **state)
{
    (void)state;
    wv_record *rec = open_rec();
    rf_append(rec, rf_open(&F, RF_MID));
    wv_record_close(rec);
    size_t c1;
    uint8_t *cp1 = slurp(WV_RECORD_CHECKPOINT, &c1);
    rec = open_rec();
    rf_append(rec, rf_act(&F, 0, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(rec);
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, WV_RECORD_CHECKPOINT);
    assert_int_equal(wv_file_write_atomic(p, cp1, c1, 0644, 0, NULL), WV_OK);
    /* Before the next writer, the verifier sees the checkpoint lagging: the
     * prefix it covers verifies, the entry after it is an unacknowledged
     * tail (issue 15), not a V9 failure. */
    wv_verify_report rep;
    verify_ok(1, &rep);
    assert_int_equal(rep.unacknowledged, 1);
    assert_int_equal(rep.checkpoint_size, 1);
    /* The next writer re-signs the checkpoint before anything else: right
     * at open, without appending. */
    rec = open_rec();
    assert_non_null(wv_record_recovery_message(rec));
    assert_non_null(strstr(wv_record_recovery_message(rec), "re-signed"));
    size_t c2;
    uint8_t *cp2 = slurp(WV_RECORD_CHECKPOINT, &c2);
    assert_false(c1 == c2 && memcmp(cp1, cp2, c1) == 0);
    free(cp2);
    wv_record_close(rec);
    verify_ok(1, &rep);
    assert_int_equal(rep.unacknowledged, 0);
    assert_int_equal(rep.checkpoint_size, 2);
    free(cp1);
}

/* The checkpoint covers more than the log holds: acknowledged entries are
 * missing. Opening refuses; nothing is cut or re-signed. */
static void test_missing_acknowledged_entries(void **state)
{
    (void)state;
    wv_record *rec = open_rec();
    rf_append(rec, rf_open(&F, RF_MID));
    rf_append(rec, rf_act(&F, 0, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    wv_record_close(rec);
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, WV_RECORD_LOG);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0);
    wv_log *log;
    assert_int_equal(wv_log_open(p, &log, NULL), WV_OK);
    uint64_t second = wv_log_end_offset(log);
    wv_log_close(log);
    /* Cut the last entry exactly at its start. */
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open(p, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
    assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
    uint64_t cut = e.offset;
    wv_log_reader_free(r);
    assert_true(cut < second);
    assert_int_equal(truncate(p, (off_t)cut), 0);
    wv_error err;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, &err), WV_ERR_LOG_CORRUPT);
    assert_non_null(strstr(err.message, "missing"));
}

/* A meeting open of another meeting written into the log behind the
 * record's back (appending rule 4): open and load refuse the log, naming
 * the entry and both meeting ids, rather than leaving it to V8. */
static void test_replay_refuses_other_meeting(void **state)
{
    (void)state;
    wv_record *rec;
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, WV_RECORD_LOG);
    rf_env e = rf_open(&F, "OTHER-2026-01-01"); /* entry 0: the state machine admits it */
    wv_log *log;
    assert_int_equal(wv_log_open(p, &log, NULL), WV_OK);
    assert_int_equal(wv_log_append(log, e.buf, e.len, NULL, NULL), WV_OK);
    wv_log_close(log);
    free(e.buf);
    wv_error err;
    assert_int_equal(wv_record_load(dir, NULL, NULL, &rec, &err), WV_ERR_INADMISSIBLE);
    assert_null(rec);
    assert_non_null(strstr(err.message, "log entry 0"));
    assert_non_null(strstr(err.message, "OTHER-2026-01-01"));
    assert_non_null(strstr(err.message, RF_MID));
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, &err), WV_ERR_INADMISSIBLE);
    assert_non_null(strstr(err.message, "OTHER-2026-01-01"));
}

static int count_visit(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                       const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                       const wv_meeting *meeting)
{
    (void)entry; (void)len; (void)env; (void)meeting;
    uint64_t *c = ctx;
    assert_int_equal(index, c[0]);
    c[0]++;
    c[1] += act != NULL;
    c[2] += chair != NULL;
    return 0;
}

static void test_load_visits_every_entry(void **state)
{
    (void)state;
    wv_record *rec = open_rec();
    uint64_t n = rf_script(&F, rec, 6, 3);
    wv_record_close(rec);
    uint64_t c[3] = {0, 0, 0};
    assert_int_equal(wv_record_load(dir, count_visit, c, &rec, NULL), WV_OK);
    assert_int_equal(c[0], n);
    assert_int_equal(c[1], 6 + 1 + 6 + 3);
    assert_int_equal(c[2], n - c[1]);
    /* Read-only: appends refused. */
    rf_env e = rf_act(&F, 7, WV_ACT_ATTEND, 0, WV_CHOICE_NONE);
    assert_int_equal(wv_record_append(rec, e.buf, e.len, NULL, NULL, NULL, NULL, NULL), WV_ERR_ARG);
    free(e.buf);
    wv_record_close(rec);
}

/* --since: an earlier checkpoint of the same log is consistent (V10 runs
 * and passes, and only the later entries' signatures are checked); a
 * checkpoint of another history signed by the same key is not. */
static void test_since(void **state)
{
    (void)state;
    wv_record *rec = open_rec();
    rf_script(&F, rec, 5, 0);
    size_t len;
    char *early = strdup(wv_record_checkpoint(rec, &len));
    uint64_t early_size = wv_record_size(rec);
    for (int i = 0; i < 9; i++)
        rf_append(rec, rf_act_sk(&F, (size_t)i % 5, WV_ACT_STATEMENT, 1, WV_CHOICE_NONE, "s", NULL));
    uint64_t n = wv_record_size(rec);
    wv_record_close(rec);
    wv_verify_options opt = {.jobs = 2, .since = early, .since_len = strlen(early)};
    wv_verify_report rep;
    wv_error err;
    if (wv_record_verify(dir, &opt, &rep, &err) != WV_OK)
        fail_msg("%s", err.message);
    assert_true(rep.steps[WV_V10_CONSISTENCY - 1].run);
    assert_true(rep.steps[WV_V10_CONSISTENCY - 1].passed);
    assert_int_equal(rep.signatures_checked, n - early_size);
    /* The current checkpoint as "earlier": equal sizes, consistent. */
    size_t clen;
    uint8_t *cur = slurp(WV_RECORD_CHECKPOINT, &clen);
    opt.since = (const char *)cur;
    opt.since_len = clen;
    assert_int_equal(wv_record_verify(dir, &opt, &rep, &err), WV_OK);
    /* A forged earlier checkpoint: right key, other root. */
    wv_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    assert_int_equal(wv_checkpoint_origin(NULL, RF_MID, cp.origin, NULL), WV_OK);
    cp.size = early_size;
    memset(cp.root, 0xAB, 32);
    char *forged;
    size_t flen;
    assert_int_equal(wv_checkpoint_sign(&cp, F.sec, &forged, &flen, NULL), WV_OK);
    opt.since = forged;
    opt.since_len = flen;
    assert_int_equal(wv_record_verify(dir, &opt, &rep, &err), WV_ERR_VERIFY);
    assert_false(rep.steps[WV_V10_CONSISTENCY - 1].passed);
    assert_true(rep.steps[WV_V9_MERKLE_ROOT - 1].passed);
    /* Larger than the current one: the log would have shrunk. */
    cp.size = n + 1;
    free(forged);
    assert_int_equal(wv_checkpoint_sign(&cp, F.sec, &forged, &flen, NULL), WV_OK);
    opt.since = forged;
    opt.since_len = flen;
    assert_int_equal(wv_record_verify(dir, &opt, &rep, &err), WV_ERR_VERIFY);
    assert_false(rep.steps[WV_V10_CONSISTENCY - 1].passed);
    free(forged);
    free(cur);
    free(early);
}

/* A key of Member i's delegation that the roster does not hold. */
static wv_secret_key *new_key(wv_public_key *pub)
{
    uint8_t seed[32];
    wv_secret_key *sk;
    rf_seed(seed, 900000);
    assert_int_equal(wv_secret_key_from_seed(seed, &sk, NULL), WV_OK);
    wv_secret_key_public(sk, pub);
    return sk;
}

/* CHAIR_KEY_ENROL of `pub` for Member i. */
static rf_env enrolment(size_t i, const wv_public_key *pub)
{
    Wtovote__V1__MemberKey k = WTOVOTE__V1__MEMBER_KEY__INIT;
    k.member = (char *)rf_code(&F, i);
    k.key_id.data = (uint8_t *)pub->key_id;
    k.key_id.len = WV_KEY_ID_BYTES;
    k.public_key.data = (uint8_t *)pub->pk;
    k.public_key.len = WV_PUBLIC_KEY_BYTES;
    Wtovote__V1__ChairEvent ev = WTOVOTE__V1__CHAIR_EVENT__INIT;
    ev.version = 1;
    ev.meeting_id = (char *)RF_MID;
    ev.kind = WTOVOTE__V1__CHAIR_KIND__CHAIR_KEY_ENROL;
    ev.time = F.t++;
    ev.meeting_ref = (ProtobufCBinaryData){WV_MEETING_REF_BYTES, F.ref};
    ev.enrolment = &k;
    rf_env e = {0};
    assert_int_equal(wv_envelope_seal(WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT, &ev.base, F.sec,
                                      &e.buf, &e.len, NULL), WV_OK);
    return e;
}

static wv_status try_append(wv_record *rec, rf_env e, wv_refusal *why)
{
    wv_error err;
    wv_status st = wv_record_append(rec, e.buf, e.len, NULL, why, NULL, NULL, &err);
    free(e.buf);
    return st;
}

/* Key enrolment during a meeting: refused until the chair enrols the key
 * (WV_ERR_KEY_UNKNOWN), admitted from the enrolment on, never for another
 * Member (WV_ERR_KEY_WRONG_MEMBER); a key id in use cannot be enrolled
 * (WV_REFUSE_KEY_EXISTS); the reopened record replays it and verifies. */
static void test_key_enrolment(void **state)
{
    (void)state;
    wv_public_key pub, roster_key;
    wv_secret_key *sk = new_key(&pub);
    wv_refusal why = WV_REFUSE_NONE;
    wv_record *rec = open_rec();
    rf_append(rec, rf_open(&F, RF_MID));
    assert_int_equal(try_append(rec, rf_act_sk(&F, 1, WV_ACT_ATTEND, 0, WV_CHOICE_NONE, NULL, sk),
                                NULL), WV_ERR_KEY_UNKNOWN);
    rf_append(rec, enrolment(1, &pub));
    assert_int_equal(try_append(rec, enrolment(1, &pub), &why), WV_ERR_INADMISSIBLE);
    assert_int_equal(why, WV_REFUSE_KEY_EXISTS);
    wv_secret_key_public(F.member_sk[3], &roster_key);
    assert_int_equal(try_append(rec, enrolment(4, &roster_key), &why), WV_ERR_INADMISSIBLE);
    assert_int_equal(why, WV_REFUSE_KEY_EXISTS);
    rf_append(rec, rf_act_sk(&F, 1, WV_ACT_ATTEND, 0, WV_CHOICE_NONE, NULL, sk));
    assert_int_equal(try_append(rec, rf_act_sk(&F, 2, WV_ACT_ATTEND, 0, WV_CHOICE_NONE, NULL, sk),
                                NULL), WV_ERR_KEY_WRONG_MEMBER);
    assert_int_equal(wv_meeting_enrolled_count(wv_record_meeting(rec)), 1);
    wv_record_close(rec);
    rec = open_rec(); /* the replay takes the enrolled key */
    assert_int_equal(wv_record_size(rec), 3);
    wv_record_close(rec);
    wv_verify_report rep;
    wv_error err;
    assert_int_equal(wv_record_verify(dir, NULL, &rep, &err), WV_OK);
    wv_secret_key_free(sk);
}

/* Written behind the record's back, an act signed with a key before the
 * entry that enrols it fails V4 at that act. */
static void test_act_before_enrolment_fails_v4(void **state)
{
    (void)state;
    wv_public_key pub;
    wv_secret_key *sk = new_key(&pub);
    wv_record *rec = open_rec();
    rf_append(rec, rf_open(&F, RF_MID));
    wv_record_close(rec);
    rf_env early = rf_act_sk(&F, 1, WV_ACT_ATTEND, 0, WV_CHOICE_NONE, NULL, sk);
    rf_env enrol = enrolment(1, &pub);
    char p[400];
    wv_log *log;
    snprintf(p, sizeof p, "%s/%s", dir, WV_RECORD_LOG);
    assert_int_equal(wv_log_open(p, &log, NULL), WV_OK);
    assert_int_equal(wv_log_append(log, early.buf, early.len, NULL, NULL), WV_OK);
    assert_int_equal(wv_log_append(log, enrol.buf, enrol.len, NULL, NULL), WV_OK);
    wv_log_close(log);
    free(early.buf);
    free(enrol.buf);
    wv_verify_report rep;
    wv_error err;
    assert_int_equal(wv_record_verify(dir, NULL, &rep, &err), WV_ERR_VERIFY);
    const wv_verify_step *v4 = &rep.steps[WV_V4_KEYS - 1];
    assert_true(v4->run && !v4->passed);
    assert_int_equal(v4->first_index, 1);
    wv_secret_key_free(sk);
}

static void test_unreadable_is_io(void **state)
{
    (void)state;
    wv_verify_report rep;
    wv_error err;
    assert_int_equal(wv_record_verify("/nonexistent/record", NULL, &rep, &err), WV_ERR_IO);
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, WV_RECORD_LOG);
    unlink(p);
    assert_int_equal(wv_record_verify(dir, NULL, &rep, &err), WV_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_append_reopen_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_refuses_nonempty_or_unsigned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_leave_record_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_repair_torn_tail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_repair_from_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_receipts, setup, teardown),
        cmocka_unit_test(test_last_leaf_proof_matches_rfc),
        cmocka_unit_test_setup_teardown(test_checkpoint_catch_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_acknowledged_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replay_refuses_other_meeting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_visits_every_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_since, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_is_io, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_enrolment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_act_before_enrolment_fails_v4, setup, teardown),
    };
    if (wv_init() != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
