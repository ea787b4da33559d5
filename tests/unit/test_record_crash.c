/* Crash test of the record (issue: "the log reopens, no acknowledged entry
 * is missing, and the record verifies"): a child process appends signed
 * acts through wv_record_append and reports each acknowledged index to the
 * parent through a pipe; the parent SIGKILLs it at a random moment, 100
 * times. After each kill the record must reopen for appending (cutting a
 * torn tail, re-signing a lagging checkpoint), hold every acknowledged
 * entry byte for byte, and pass wv_record_verify. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "record_fixture.h"

#define ROUNDS 100
#define BASE_TIME 1767225600

static char dir[256];
static rf F;

/* Entry `index` (after the prelude) is always the same bytes: Ed25519 is
 * deterministic and the time is derived from the index. */
static rf_env statement(uint64_t index)
{
    char text[64];
    snprintf(text, sizeof text, "statement for entry %llu", (unsigned long long)index);
    F.t = BASE_TIME + 1000 + (int64_t)index;
    return rf_act_sk(&F, (size_t)(index % 100), WV_ACT_STATEMENT, 1, WV_CHOICE_NONE, text, NULL);
}

static void child(int fd)
{
    wv_record *rec;
    if (wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL) != WV_OK)
        _exit(3);
    for (;;) {
        uint64_t index = wv_record_size(rec);
        rf_env e = statement(index);
        uint64_t got;
        if (wv_record_append(rec, e.buf, e.len, &got, NULL, NULL, NULL, NULL) != WV_OK ||
            got != index)
            _exit(4);
        free(e.buf);
        if (write(fd, &got, sizeof got) != sizeof got)
            _exit(5);
    }
}

static uint64_t prelude(void)
{
    wv_record *rec;
    assert_int_equal(wv_record_open(dir, F.sec, NULL, NULL, &rec, NULL), WV_OK);
    F.t = BASE_TIME;
    rf_append(rec, rf_open(&F, RF_MID));
    for (size_t i = 0; i < 100; i++)
        rf_append(rec, rf_act(&F, i, WV_ACT_ATTEND, 0, WV_CHOICE_NONE));
    rf_append(rec, rf_table(&F, 1, "consensus"));
    uint64_t n = wv_record_size(rec);
    wv_record_close(rec);
    return n;
}

static void check_after_kill(uint64_t first, uint64_t acked, int any, int *repaired)
{
    wv_record *rec;
    wv_error err;
    wv_status st = wv_record_open(dir, F.sec, NULL, NULL, &rec, &err);
    if (st == WV_ERR_LOG_TORN) {
        /* Refused until repaired; the repair keeps the bytes and cuts no
         * acknowledged entry (it holds the checkpoint's size). */
        wv_repair_info info;
        if (wv_record_repair(dir, NULL, 0, &info, &err) != WV_OK)
            fail_msg("repair: %s", err.message);
        assert_true(info.removed_bytes > 0 && info.saved[0] != '\0');
        assert_true(info.entries_after >= info.checkpoint_size);
        assert_int_equal(unlink(info.saved), 0);
        (*repaired)++;
        st = wv_record_open(dir, F.sec, NULL, NULL, &rec, &err);
    }
    if (st != WV_OK)
        fail_msg("reopen: %s", err.message);
    *repaired += wv_record_recovery_message(rec) != NULL;
    uint64_t size = wv_record_size(rec);
    wv_record_close(rec);
    if (any && size <= acked)
        fail_msg("acknowledged entry %llu missing (log holds %llu)", (unsigned long long)acked,
                 (unsigned long long)size);
    /* Every entry after the prelude is the expected bytes. */
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, WV_RECORD_LOG);
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open(p, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    while (wv_log_reader_next(r, &e, &has, NULL) == WV_OK && has) {
        if (e.index < first)
            continue;
        rf_env want = statement(e.index);
        assert_int_equal(e.len, want.len);
        assert_memory_equal(e.data, want.buf, want.len);
        free(want.buf);
    }
    wv_log_reader_free(r);
    wv_verify_report rep;
    if (wv_record_verify(dir, NULL, &rep, &err) != WV_OK)
        fail_msg("after a kill the record does not verify: %s", err.message);
}

static void test_sigkill_record_writer(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/wv_test_rcrash_XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(rf_init(&F, 166), 0);
    assert_int_equal(wv_record_create(dir, F.roster, F.sec, NULL, RF_MID, NULL), WV_OK);
    uint64_t first = prelude(), acked = 0;
    int any = 0, repaired = 0;
    srand((unsigned)time(NULL));
    for (int round = 0; round < ROUNDS; round++) {
        int p[2];
        assert_int_equal(pipe(p), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            child(p[1]);
        }
        close(p[1]);
        struct timespec ts = {0, 1000000L + (long)(rand() % 30000) * 1000L};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status));
        uint64_t got;
        while (read(p[0], &got, sizeof got) == sizeof got) {
            any = 1;
            acked = got;
        }
        close(p[0]);
        check_after_kill(first, acked, any, &repaired);
    }
    assert_true(any);
    print_message("%d kills, %llu entries acknowledged, %d reopenings repaired something\n",
                  ROUNDS, (unsigned long long)acked + 1, repaired);
    /* Kills during a checkpoint write leave its temporary files behind. */
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[600];
    while (d != NULL && (de = readdir(d)) != NULL) {
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (de->d_name[0] != '.')
            unlink(path);
    }
    if (d != NULL)
        closedir(d);
    rmdir(dir);
    rf_free(&F);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigkill_record_writer),
    };
    if (wv_init() != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
