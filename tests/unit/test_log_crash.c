/* Crash test of the log writer: a child process appends entries (single
 * appends and group commits) and reports each acknowledged index to the
 * parent through a pipe; the parent SIGKILLs it at a random moment, at
 * least 100 times. After each kill the log must reopen, or be refused with
 * a torn tail that wv_log_repair cuts (keeping its bytes) without touching
 * an acknowledged entry, and hold every acknowledged entry intact, in
 * order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wtovote/record.h"
#include "wtovote/util.h"

#define ROUNDS 120

static char dir[256], path[300];

/* Entry i's content: its index and a length that varies, so that a torn
 * write can land anywhere inside an entry. */
static size_t entry_bytes(uint64_t i, uint8_t *buf)
{
    size_t n = 16 + (size_t)(i * 7919 % 3000);
    memcpy(buf, &i, sizeof i);
    for (size_t k = sizeof i; k < n; k++)
        buf[k] = (uint8_t)(i ^ (k * 29));
    return n;
}

/* The child: append forever; after each acknowledged append, write the
 * last acknowledged index to the pipe. */
static void writer(int fd_out, unsigned seed)
{
    wv_log *log;
    if (wv_log_open(path, &log, NULL) != WV_OK)
        _exit(3);
    srand(seed);
    static uint8_t bufs[16][4096];
    for (;;) {
        uint64_t next = wv_log_size(log);
        size_t batch = (rand() % 3 == 0) ? 1 + (size_t)(rand() % 16) : 1;
        const uint8_t *ptrs[16];
        size_t lens[16];
        for (size_t k = 0; k < batch; k++) {
            lens[k] = entry_bytes(next + k, bufs[k]);
            ptrs[k] = bufs[k];
        }
        if (wv_log_append_many(log, ptrs, lens, batch, NULL, NULL) != WV_OK)
            _exit(4);
        uint64_t last = next + batch - 1;
        if (write(fd_out, &last, sizeof last) != sizeof last)
            _exit(5);
    }
}

static void check_log(uint64_t acked_max, int any_acked, uint64_t *size_out, int *repaired)
{
    wv_log *log;
    wv_error err;
    wv_status st = wv_log_open(path, &log, &err);
    if (st == WV_ERR_LOG_TORN) {
        wv_repair_info info;
        assert_int_equal(wv_log_repair(path, 0, any_acked ? acked_max + 1 : 0, &info, &err),
                         WV_OK);
        assert_true(info.removed_bytes > 0);
        assert_true(info.entries_before >= (any_acked ? acked_max + 1 : 0));
        assert_int_equal(unlink(info.saved), 0);
        (*repaired)++;
        st = wv_log_open(path, &log, &err);
    }
    assert_int_equal(st, WV_OK);
    uint64_t size = wv_log_size(log);
    wv_log_close(log);
    if (any_acked)
        assert_true(size >= acked_max + 1);
    /* Every entry present, intact and in order (the acknowledged ones are
     * a prefix of these). */
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open(path, &r, NULL), WV_OK);
    static uint8_t want[4096];
    wv_log_entry e;
    int has;
    uint64_t n = 0;
    for (;;) {
        assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
        if (!has)
            break;
        size_t len = entry_bytes(n, want);
        assert_int_equal(e.len, len);
        assert_memory_equal(e.data, want, len);
        n++;
    }
    assert_int_equal(wv_log_reader_torn_tail(r, NULL, NULL), 0); /* repair cut it */
    wv_log_reader_free(r);
    assert_int_equal(n, size);
    *size_out = size;
}

static void test_sigkill_writer(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/wv_test_crash_XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/log", dir);
    assert_int_equal(wv_log_create(path, NULL), WV_OK);
    srand((unsigned)time(NULL));
    uint64_t acked_max = 0;
    int any_acked = 0, repaired = 0;
    for (int round = 0; round < ROUNDS; round++) {
        int p[2];
        assert_int_equal(pipe(p), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            writer(p[1], (unsigned)rand() + (unsigned)round);
        }
        close(p[1]);
        /* Let it run 0.2 to 20 ms, then kill it mid-flight. */
        struct timespec ts = {0, 200000L + (long)(rand() % 20000) * 1000L};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status)); /* it did not fail by itself */
        uint64_t last;
        while (read(p[0], &last, sizeof last) == sizeof last) {
            any_acked = 1;
            assert_true(last >= acked_max || acked_max == 0);
            acked_max = last;
        }
        close(p[0]);
        uint64_t size;
        check_log(acked_max, any_acked, &size, &repaired);
    }
    assert_true(any_acked);
    print_message("%d kills, %llu entries acknowledged, %d torn tails repaired\n", ROUNDS,
                  (unsigned long long)acked_max + 1, repaired);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigkill_writer),
    };
    if (wv_init() != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
