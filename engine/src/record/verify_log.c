/* The verifier's streaming pass over the log: V2 (framing, read by the log
 * reader), V3 (decode), V4 (keys), V5 (signatures, handed to the thread
 * pool), V6/V7 (the meeting state machine, applied in order on this
 * thread), V8's origin check, V9 (Merkle root) and V10 (consistency proof
 * built from the log while it streams by). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "record/record_internal.h"
#include "record/verify_internal.h"
#include "wtovote/util.h"

/* How long a verifier waits for a writer caught mid-append: the writer
 * appends an entry (one write), fsyncs it, then writes, fsyncs and renames
 * the new checkpoint: two fsyncs, tens of milliseconds on a busy disk. The
 * pauses double from 10 ms: 7 looks span 630 ms (SPEC.md, "Verifying a live
 * record"). */
#define LIVE_WAITS 7
#define LIVE_WAIT_NS 10000000L /* the first pause, 10 ms */

/* The seams of verify_internal.h, in the unit tests' library only. */
#ifdef WV_TEST_HOOKS
void (*wv_verify_test_after_stream)(const char *dir);
void (*wv_verify_test_on_torn_tail)(const char *path);
long wv_verify_test_live_wait_ns = -1;
#define TEST_HOOK(hook, arg)                                                   \
    do {                                                                       \
        if ((hook) != NULL)                                                    \
            (hook)(arg);                                                       \
    } while (0)
#define FIRST_WAIT_NS                                                          \
    (wv_verify_test_live_wait_ns >= 0 ? wv_verify_test_live_wait_ns : LIVE_WAIT_NS)
#else
#define TEST_HOOK(hook, arg) ((void)0)
#define FIRST_WAIT_NS LIVE_WAIT_NS
#endif

/* The pause before look number `look` (1, 2, ...). */
static void live_pause(int look)
{
    long ns = FIRST_WAIT_NS;
    for (int i = 1; i < look; i++)
        ns *= 2;
    struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
    nanosleep(&ts, NULL);
}

/* RFC 9162 2.1.4.1: the subtrees whose hashes form PROOF(m, D[n]), in proof
 * order; each [lo, hi) is hashed while the log streams by. */
typedef struct range {
    uint64_t lo, hi;
    wv_merkle_frontier tree;
} range;

typedef struct since_proof {
    const wv_checkpoint *since, *current;
    range r[WV_MERKLE_MAX_CONSISTENCY_PROOF];
    size_t n;
} since_proof;

static void since_ranges(since_proof *sp)
{
    uint64_t lo[WV_MERKLE_MAX_CONSISTENCY_PROOF], hi[WV_MERKLE_MAX_CONSISTENCY_PROOF];
    sp->n = wv_merkle_consistency_ranges(sp->since->size, sp->current->size, lo, hi);
    for (size_t i = 0; i < sp->n; i++) {
        sp->r[i].lo = lo[i];
        sp->r[i].hi = hi[i];
        wv_merkle_frontier_init(&sp->r[i].tree);
    }
}

static void since_push(since_proof *sp, uint64_t index, const uint8_t leaf[WV_HASH_BYTES])
{
    for (size_t i = 0; i < sp->n; i++)
        if (index >= sp->r[i].lo && index < sp->r[i].hi) {
            /* Cannot overflow: a range is smaller than the tree. */
            if (wv_merkle_frontier_push(&sp->r[i].tree, leaf, NULL) != WV_OK)
                sp->r[i].hi = 0;
            return;
        }
}

static void since_finish(since_proof *sp, uint64_t entries, wv_verify_report *rep)
{
    const wv_checkpoint *a = sp->since, *b = sp->current;
    char msg[400];
    if (entries < b->size) {
        snprintf(msg, sizeof msg, "the log holds %" PRIu64 " entries, fewer than the %" PRIu64
                 " of the current checkpoint", entries, b->size);
        wv_verify_fail(rep, WV_V10_CONSISTENCY, -1, msg);
        return;
    }
    wv_error e;
    wv_status st;
    if (a->size == 0) {
        /* Every tree extends the empty one; its root must be SHA-256(""). */
        uint8_t empty[WV_HASH_BYTES];
        wv_merkle_empty_root(empty);
        st = memcmp(empty, a->root, WV_HASH_BYTES) == 0
                 ? WV_OK
                 : wv_error_set(&e, WV_ERR_PROOF, "an empty checkpoint with a non-empty root");
    } else {
        uint8_t proof[WV_MERKLE_MAX_CONSISTENCY_PROOF * WV_HASH_BYTES];
        for (size_t i = 0; i < sp->n; i++)
            wv_merkle_frontier_root(&sp->r[i].tree, proof + WV_HASH_BYTES * i);
        st = wv_merkle_consistency_verify(a->size, b->size, proof, sp->n, a->root, b->root, &e);
    }
    if (st != WV_OK) {
        snprintf(msg, sizeof msg, "checkpoint of size %" PRIu64 " -> %" PRIu64 ": %s", a->size,
                 b->size, e.message);
        wv_verify_fail(rep, WV_V10_CONSISTENCY, -1, msg);
    }
}

int wv_verify_since(const wv_verify_options *opt, const wv_public_key *sec,
                    const wv_checkpoint *current, wv_checkpoint *since, wv_verify_report *rep)
{
    wv_error e;
    if (sec == NULL || current == NULL) {
        wv_verify_fail(rep, WV_V10_CONSISTENCY, -1,
                       "no Secretariat key or current checkpoint to compare with");
        return 0;
    }
    if (wv_checkpoint_open(opt->since, opt->since_len, sec, NULL, NULL, 0, since, &e) != WV_OK) {
        wv_verify_fail(rep, WV_V10_CONSISTENCY, -1, e.message);
        return 0;
    }
    char msg[700];
    if (strcmp(since->origin, current->origin) != 0) {
        snprintf(msg, sizeof msg, "the earlier checkpoint is of \"%s\", not \"%s\"", since->origin,
                 current->origin);
        wv_verify_fail(rep, WV_V10_CONSISTENCY, -1, msg);
        return 0;
    }
    if (since->size > current->size) {
        snprintf(msg, sizeof msg, "the earlier checkpoint (%" PRIu64 " entries) is larger than the "
                 "current one (%" PRIu64 "): the log shrank", since->size, current->size);
        wv_verify_fail(rep, WV_V10_CONSISTENCY, -1, msg);
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ the pass */

typedef struct pass {
    const wv_roster *roster;
    const wv_checkpoint *cp;
    wv_checkpoint fresh;      /* a checkpoint re-read after the stream */
    const char *meeting_id;   /* from the checkpoint's origin, or NULL */
    wv_meeting *meeting;
    wv_sig_pool *pool;
    wv_merkle_frontier tree;
    wv_merkle_frontier acked; /* the tree of the first cp->size entries */
    int have_acked;
    uint64_t signed_beyond;   /* a re-read checkpoint covering more than the log */
    since_proof sp;
    int have_since;
    uint64_t skip_sigs_below; /* --since: the earlier checkpoint's size */
    wv_verify_report *rep;
    wv_log_reader *reader;    /* open from stream() to end_reading() */
    wv_status read_st;        /* how reading ended (WV_OK: at the end) */
    wv_error read_err;
} pass;

/* A refusal fails V6 under its stable name, so that a reader (and the
 * record vectors, vectors/records/) can tell which rule it broke. */
static void refused(wv_verify_report *rep, uint64_t index, wv_refusal why, const char *message)
{
    char reason[sizeof rep->steps[0].reason];
    snprintf(reason, sizeof reason, "%s: %s", wv_refusal_name(why), message);
    wv_verify_fail(rep, WV_V6_ADMISSIBLE, (int64_t)index, reason);
}

static void state_machine(pass *ps, uint64_t index, const wv_entry *e)
{
    wv_error err;
    wv_refusal why;
    wv_verify_report *rep = ps->rep;
    if (e->chair != NULL && e->chair->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN &&
        ps->meeting_id != NULL && strcmp(e->chair->meeting_id, ps->meeting_id) != 0)
        wv_verify_fail(rep, WV_V8_CHECKPOINT_SIG, (int64_t)index,
                       "the meeting opened is not the one the checkpoint's origin names");
    int decide = e->chair != NULL && e->chair->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE;
    wv_status st = wv_entry_apply(ps->meeting, e, &why, &err);
    rep->steps[WV_V6_ADMISSIBLE - 1].checked++;
    rep->steps[WV_V7_DECISIONS - 1].checked += (uint64_t)decide;
    if (st == WV_ERR_DECISION_MISMATCH)
        wv_verify_fail(rep, WV_V7_DECISIONS, (int64_t)index, err.message);
    else if (st == WV_ERR_INADMISSIBLE)
        refused(rep, index, why, err.message);
    else if (st != WV_OK)
        wv_verify_fail(rep, WV_V6_ADMISSIBLE, (int64_t)index, err.message);
}

/* Keeps the tree as it stands after the checkpoint's last entry: entries
 * past it are an unacknowledged tail, which V9 does not hold against the
 * checkpoint (SPEC.md, "Verification steps"). */
static void note_acked(pass *ps)
{
    if (ps->cp != NULL && ps->tree.size == ps->cp->size) {
        ps->acked = ps->tree;
        ps->have_acked = 1;
    }
}

static wv_status one_entry(pass *ps, const wv_log_entry *le, wv_error *err)
{
    uint8_t leaf[WV_HASH_BYTES];
    wv_merkle_leaf_hash(le->data, le->len, leaf);
    wv_status st = wv_merkle_frontier_push(&ps->tree, leaf, err);
    if (st != WV_OK)
        return st;
    note_acked(ps);
    if (ps->have_since)
        since_push(&ps->sp, le->index, leaf);
    wv_entry e;
    wv_error ee;
    if (wv_entry_decode(le->data, le->len, &e, &ee) != WV_OK) {
        wv_verify_fail(ps->rep, WV_V3_CANONICAL, (int64_t)le->index, ee.message);
        wv_entry_free(&e);
        return WV_OK;
    }
    ps->rep->steps[WV_V3_CANONICAL - 1].checked++;
    if (ps->roster == NULL) {
        wv_entry_free(&e);
        return WV_OK;
    }
    ps->rep->steps[WV_V4_KEYS - 1].checked++;
    if (wv_entry_key(ps->roster, ps->meeting, &e, &ee) != WV_OK) {
        wv_verify_fail(ps->rep, WV_V4_KEYS, (int64_t)le->index, ee.message);
    } else if (le->index >= ps->skip_sigs_below) {
        st = wv_sig_pool_submit(ps->pool, le->index, e.env, &e.pub, err);
        e.env = NULL; /* the pool owns it now */
    }
    if (st == WV_OK)
        state_machine(ps, le->index, &e);
    wv_entry_free(&e);
    return st;
}

static void log_failure(pass *ps, wv_log_reader *r, wv_status st, const wv_error *ee)
{
    uint64_t off, bytes;
    char msg[500];
    if (st != WV_OK) {
        wv_verify_fail(ps->rep, WV_V2_LOG_FORMAT, st == WV_ERR_LOG_CORRUPT && r != NULL
                       ? (int64_t)wv_log_reader_index(r) : -1, ee->message);
    } else if (wv_log_reader_torn_tail(r, &off, &bytes)) {
        snprintf(msg, sizeof msg, "torn tail: %" PRIu64 " bytes at byte %" PRIu64 " (%s); "
                 "an append was cut short (opening the record for appending cuts it)", bytes,
                 off, wv_log_reader_torn_reason(r));
        wv_verify_fail(ps->rep, WV_V2_LOG_FORMAT, (int64_t)wv_log_reader_index(r), msg);
    }
}

/* A torn tail in a log that grows while it is looked at is an append in
 * flight, not damage: 1 when the reader may read on. */
static int append_in_flight(wv_log_reader *r, const char *path)
{
    if (!wv_log_reader_torn_tail(r, NULL, NULL))
        return 0;
    TEST_HOOK(wv_verify_test_on_torn_tail, path);
    for (int i = 0; i < LIVE_WAITS; i++) {
        if (i > 0)
            live_pause(i);
        if (wv_log_reader_resume(r))
            return 1;
    }
    return 0;
}

/* Reads entries until the end of the file as last measured, or until the
 * tree holds `limit` entries; how it ended goes to ps->read_st. */
static void read_entries(pass *ps, uint64_t limit)
{
    wv_log_entry le;
    int has = 1;
    wv_status st = WV_OK;
    while (st == WV_OK && ps->tree.size < limit &&
           (st = wv_log_reader_next(ps->reader, &le, &has, &ps->read_err)) == WV_OK && has)
        st = one_entry(ps, &le, &ps->read_err);
    ps->read_st = st;
}

/* Reads every entry, reading on past a torn tail that turns out to be an
 * append in flight. */
static void stream(pass *ps, const char *path)
{
    ps->read_st = wv_log_reader_open(path, &ps->reader, &ps->read_err);
    if (ps->read_st == WV_OK)
        read_entries(ps, UINT64_MAX);
    for (int i = 0; i < LIVE_WAITS && ps->read_st == WV_OK && append_in_flight(ps->reader, path);
         i++)
        read_entries(ps, UINT64_MAX);
}

/* Reports how reading ended (V2) and closes the log; returns only I/O and
 * memory failures. */
static wv_status end_reading(pass *ps, wv_error *err)
{
    wv_status st = ps->read_st;
    if (st == WV_ERR_IO || st == WV_ERR_NOMEM)
        *err = ps->read_err;
    else
        log_failure(ps, ps->reader, st, &ps->read_err);
    ps->rep->entries = ps->tree.size;
    ps->rep->steps[WV_V2_LOG_FORMAT - 1].checked = ps->tree.size;
    wv_log_reader_free(ps->reader);
    ps->reader = NULL;
    return st == WV_ERR_IO || st == WV_ERR_NOMEM ? st : WV_OK;
}

static void merkle_root_step(pass *ps)
{
    wv_verify_report *rep = ps->rep;
    wv_merkle_frontier_root(&ps->tree, rep->root);
    if (ps->cp == NULL)
        return; /* not run: no checkpoint to compare with */
    char msg[300];
    rep->steps[WV_V9_MERKLE_ROOT - 1].checked = ps->tree.size;
    if (ps->signed_beyond > ps->tree.size) {
        /* The Secretariat has signed for entries the log lacks: they were
         * acknowledged, so this is no tail but a loss. */
        snprintf(msg, sizeof msg, "a checkpoint signed since covers %" PRIu64 " entries, the "
                 "log holds %" PRIu64 ": acknowledged entries are missing",
                 ps->signed_beyond, ps->tree.size);
        wv_verify_fail(rep, WV_V9_MERKLE_ROOT, (int64_t)ps->tree.size, msg);
    } else if (ps->tree.size > ps->cp->size && ps->have_acked) {
        /* Whole entries past the checkpoint: the acknowledged prefix must
         * have the checkpoint's root; the rest is reported, not failed. */
        uint8_t root[WV_HASH_BYTES];
        wv_merkle_frontier_root(&ps->acked, root);
        rep->steps[WV_V9_MERKLE_ROOT - 1].checked = ps->cp->size;
        if (memcmp(root, ps->cp->root, WV_HASH_BYTES) != 0)
            wv_verify_fail(rep, WV_V9_MERKLE_ROOT, -1,
                           "the Merkle root of the log's first entries differs from the "
                           "checkpoint's root");
        else
            rep->unacknowledged = ps->tree.size - ps->cp->size;
    } else if (ps->tree.size != ps->cp->size) {
        snprintf(msg, sizeof msg, "the log holds %" PRIu64 " entries, the checkpoint covers %"
                 PRIu64, ps->tree.size, ps->cp->size);
        uint64_t first = ps->tree.size < ps->cp->size ? ps->tree.size : ps->cp->size;
        wv_verify_fail(rep, WV_V9_MERKLE_ROOT, (int64_t)first, msg);
    } else if (memcmp(rep->root, ps->cp->root, WV_HASH_BYTES) != 0) {
        wv_verify_fail(rep, WV_V9_MERKLE_ROOT, -1,
                       "the Merkle root of the log differs from the checkpoint's root");
    }
}

/* The checkpoint file as it is now, if validly signed and of the same
 * origin as the one read first; -1 when unreadable or unusable. */
static int reread_checkpoint(const pass *ps, const char *dir, wv_checkpoint *out)
{
    char path[600];
    wv_public_key sec;
    uint8_t *buf;
    size_t len;
    if (ps->roster == NULL || wv_roster_secretariat(ps->roster, &sec) != 0 ||
        wv_record_path(path, sizeof path, dir, WV_RECORD_CHECKPOINT) != 0 ||
        wv_file_read(path, WV_NOTE_MAX_BYTES, &buf, &len, NULL) != WV_OK)
        return -1;
    wv_status st = wv_checkpoint_open((const char *)buf, len, &sec, ps->cp->origin, NULL, 0, out,
                                      NULL);
    free(buf);
    return st == WV_OK ? 0 : -1;
}

/* The checkpoint is read before the log and without a lock (a verifier must
 * not hold up the Secretariat), so a writer may append and re-sign while the
 * log is read: the log then holds more entries than the checkpoint read
 * first. The verifier reads the checkpoint again: one validly signed since
 * under the same origin that covers at least the entries read is caught up
 * with, reading the log on to exactly its size, and takes the first one's
 * place for V9 (SPEC.md, "Verifying a live record"). The writer re-signs only
 * after its fsyncs, so a checkpoint not yet caught up is read again after a
 * pause, LIVE_WAITS reads at most; otherwise V9 compares with the first one
 * and fails as before. */
static void catch_up_checkpoint(pass *ps, const char *dir)
{
    const wv_verify_step *v8 = &ps->rep->steps[WV_V8_CHECKPOINT_SIG - 1];
    if (ps->cp == NULL || ps->tree.size <= ps->cp->size || (v8->run && !v8->passed))
        return;
    uint64_t last = ps->cp->size;
    for (int i = 0; i < LIVE_WAITS && ps->read_st == WV_OK; i++) {
        wv_checkpoint now;
        if (i > 0)
            live_pause(i);
        if (reread_checkpoint(ps, dir, &now) != 0 || now.size < last)
            return; /* unusable, or older than one read before */
        last = now.size;
        if (now.size > ps->tree.size && !wv_log_reader_torn_tail(ps->reader, NULL, NULL) &&
            wv_log_reader_resume(ps->reader))
            read_entries(ps, now.size);
        if (now.size > ps->tree.size)
            ps->signed_beyond = now.size;
        if (now.size == ps->tree.size && ps->read_st == WV_OK) {
            ps->fresh = now;
            ps->cp = &ps->fresh;
            ps->rep->checkpoint_size = now.size;
            return;
        }
    }
}

static void mark_passed(wv_verify_report *rep, wv_verify_step_id id)
{
    wv_verify_step *s = &rep->steps[id - 1];
    if (!s->run) {
        s->run = 1;
        s->passed = 1;
    }
}

static void finish_steps(pass *ps)
{
    wv_verify_report *rep = ps->rep;
    mark_passed(rep, WV_V2_LOG_FORMAT);
    mark_passed(rep, WV_V3_CANONICAL);
    if (ps->roster != NULL) {
        for (int id = WV_V4_KEYS; id <= WV_V7_DECISIONS; id++)
            mark_passed(rep, (wv_verify_step_id)id);
        rep->steps[WV_V5_SIGNATURES - 1].checked = rep->signatures_checked;
    }
    if (ps->cp != NULL) {
        mark_passed(rep, WV_V8_CHECKPOINT_SIG);
        mark_passed(rep, WV_V9_MERKLE_ROOT);
    }
    if (ps->have_since)
        mark_passed(rep, WV_V10_CONSISTENCY);
}

static wv_status pass_start(pass *ps, const wv_verify_options *opt, const wv_roster *roster,
                            const wv_checkpoint *cp, const wv_checkpoint *since,
                            wv_verify_report *rep, wv_error *err)
{
    memset(ps, 0, sizeof *ps);
    ps->roster = roster;
    ps->cp = cp;
    ps->rep = rep;
    ps->meeting_id = cp != NULL ? wv_origin_meeting_id(cp->origin) : NULL;
    wv_merkle_frontier_init(&ps->tree);
    note_acked(ps); /* a checkpoint of size 0 */
    if (since != NULL && cp != NULL) {
        ps->have_since = 1;
        ps->skip_sigs_below = since->size;
        ps->sp.since = since;
        ps->sp.current = cp;
        since_ranges(&ps->sp);
    }
    wv_status st = WV_OK;
    if (roster != NULL)
        st = wv_meeting_new(roster, NULL, &ps->meeting, err);
    if (st == WV_OK && roster != NULL)
        st = wv_sig_pool_new(opt->jobs, rep, &ps->pool, err);
    return st;
}

wv_status wv_verify_log(const char *dir, const wv_verify_options *opt, const wv_roster *roster,
                        const wv_checkpoint *cp, const wv_checkpoint *since,
                        wv_verify_report *rep, wv_error *err)
{
    char path[600];
    if (wv_record_path(path, sizeof path, dir, WV_RECORD_LOG) != 0)
        return wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    pass *ps = malloc(sizeof *ps); /* the range frontiers make it large */
    if (ps == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "verify: out of memory");
    wv_status st = pass_start(ps, opt, roster, cp, since, rep, err);
    if (st == WV_OK) {
        stream(ps, path);
        TEST_HOOK(wv_verify_test_after_stream, dir);
        catch_up_checkpoint(ps, dir);
        st = end_reading(ps, err);
    }
    wv_sig_pool_finish(ps->pool); /* reports V5 */
    if (st == WV_OK) {
        if (ps->have_since) /* against the checkpoint read first (below) */
            since_finish(&ps->sp, ps->tree.size, rep);
        merkle_root_step(ps);
        finish_steps(ps);
    }
    wv_meeting_free(ps->meeting);
    free(ps);
    return st;
}
