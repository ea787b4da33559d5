/* engine/record log file: byte layout, durability contract, torn-tail
 * repair versus mid-file corruption, the writer lock, group commit and the
 * streaming reader (SPEC.md, "Record and verification", log file). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wtovote/record.h"
#include "wtovote/util.h"

static char dir[256], path[300];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/wv_test_log_XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(path, sizeof path, "%s/log", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    rmdir(dir);
    return 0;
}

static off_t file_size(void)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return sb.st_size;
}

/* Entry i's content: deterministic, of varying length. */
static size_t entry_bytes(uint64_t i, uint8_t *buf)
{
    size_t n = 1 + (size_t)(i * 37 % 200);
    for (size_t k = 0; k < n; k++)
        buf[k] = (uint8_t)(i * 131 + k);
    return n;
}

static void append_n(wv_log *log, uint64_t from, uint64_t n)
{
    uint8_t buf[256];
    for (uint64_t i = from; i < from + n; i++) {
        size_t len = entry_bytes(i, buf);
        uint64_t idx;
        assert_int_equal(wv_log_append(log, buf, len, &idx, NULL), WV_OK);
        assert_int_equal(idx, i);
    }
}

static void make_log(uint64_t n)
{
    assert_int_equal(wv_log_create(path, NULL), WV_OK);
    wv_log *log;
    assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
    append_n(log, 0, n);
    wv_log_close(log);
}

/* Reads the whole log, checks entries 0..n-1 are intact; returns the count. */
static uint64_t read_check(void)
{
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open(path, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    uint64_t n = 0;
    uint8_t buf[256];
    for (;;) {
        assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
        if (!has)
            break;
        assert_int_equal(e.index, n);
        size_t len = entry_bytes(n, buf);
        assert_int_equal(e.len, len);
        assert_memory_equal(e.data, buf, len);
        n++;
    }
    wv_log_reader_free(r);
    return n;
}

static void patch_byte(off_t off, uint8_t xor_mask)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    uint8_t b;
    assert_int_equal(pread(fd, &b, 1, off), 1);
    b ^= xor_mask;
    assert_int_equal(pwrite(fd, &b, 1, off), 1);
    close(fd);
}

static void test_crc32c_kat(void **state)
{
    (void)state;
    /* The check value of CRC-32C (RFC 3720 B.4; the "catalogue" check). */
    assert_int_equal(wv_crc32c(0, "123456789", 9), 0xE3069283u);
    /* 32 zero bytes: RFC 3720 B.4 example. */
    uint8_t z[32] = {0};
    assert_int_equal(wv_crc32c(0, z, 32), 0x8A9136AAu);
    /* Chaining equals one pass. */
    assert_int_equal(wv_crc32c(wv_crc32c(0, "1234", 4), "56789", 5), 0xE3069283u);
}

static void test_byte_layout(void **state)
{
    (void)state;
    assert_int_equal(wv_log_create(path, NULL), WV_OK);
    assert_int_equal(file_size(), 16);
    wv_log *log;
    assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
    assert_int_equal(wv_log_append(log, (const uint8_t *)"abc", 3, NULL, NULL), WV_OK);
    wv_log_close(log);
    uint8_t *b;
    size_t len;
    assert_int_equal(wv_file_read(path, 1000, &b, &len, NULL), WV_OK);
    assert_int_equal(len, 16 + 4 + 3 + 4);
    static const uint8_t head[16] = {'W', 'V', 'L', 'O', 'G', '\r', '\n', 0x1a,
                                     1, 0, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(b, head, 16);
    static const uint8_t ent[7] = {3, 0, 0, 0, 'a', 'b', 'c'};
    assert_memory_equal(b + 16, ent, 7);
    uint32_t crc = wv_crc32c(0, ent, 7);
    uint8_t c[4] = {(uint8_t)crc, (uint8_t)(crc >> 8), (uint8_t)(crc >> 16), (uint8_t)(crc >> 24)};
    assert_memory_equal(b + 23, c, 4);
    free(b);
}

static void test_roundtrip_and_reopen(void **state)
{
    (void)state;
    make_log(50);
    assert_int_equal(read_check(), 50);
    wv_log *log;
    assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
    assert_int_equal(wv_log_size(log), 50);
    assert_int_equal((off_t)wv_log_end_offset(log), file_size());
    append_n(log, 50, 10);
    wv_log_close(log);
    assert_int_equal(read_check(), 60);
}

static void test_create_refuses_existing(void **state)
{
    (void)state;
    make_log(3);
    wv_error err;
    assert_int_equal(wv_log_create(path, &err), WV_ERR_IO);
    assert_int_equal(read_check(), 3);
}

static void test_second_writer_locked(void **state)
{
    (void)state;
    make_log(1);
    wv_log *a, *b;
    wv_error err;
    assert_int_equal(wv_log_open(path, &a, NULL), WV_OK);
    assert_int_equal(wv_log_open_wait(path, 0, &b, &err), WV_ERR_LOG_LOCKED);
    assert_non_null(strstr(err.message, "locked"));
    /* The holder is named (here: this very process, through /proc/locks). */
    char me[64];
    snprintf(me, sizeof me, "this process (pid %ld)", (long)getpid());
    if (access("/proc/locks", R_OK) == 0)
        assert_non_null(strstr(err.message, me));
    /* A bounded wait for a lock never released gives up after it. */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(wv_log_open_wait(path, 120, &b, &err), WV_ERR_LOG_LOCKED);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(waited >= 0.12 && waited < 2.0);
    assert_non_null(strstr(err.message, "after waiting 0.120 s"));
    /* A reader is not a writer: it may read while the writer holds the lock. */
    assert_int_equal(read_check(), 1);
    wv_log_close(a);
    assert_int_equal(wv_log_open(path, &b, NULL), WV_OK);
    wv_log_close(b);
}

/* Writers that wait: a child process holds the lock for 300 ms; a writer
 * waiting up to 10 s gets it once the child lets go, one waiting 50 ms
 * gives up naming the child's pid. */
static void test_writer_waits_for_lock(void **state)
{
    (void)state;
    make_log(1);
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        wv_log *held;
        if (wv_log_open_wait(path, 0, &held, NULL) != WV_OK)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        struct timespec ts = {0, 300 * 1000000L};
        nanosleep(&ts, NULL);
        wv_log_close(held);
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    wv_log *log;
    wv_error err;
    assert_int_equal(wv_log_open_wait(path, 50, &log, &err), WV_ERR_LOG_LOCKED);
    char who[64];
    snprintf(who, sizeof who, "process %ld", (long)child);
    if (access("/proc/locks", R_OK) == 0)
        assert_non_null(strstr(err.message, who));
    assert_int_equal(wv_log_open(path, &log, &err), WV_OK);
    wv_log_close(log);
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(ready[0]);
    close(ready[1]);
}

/* wv_log_repair cut `bytes` bytes that were saved[from, from + bytes): they
 * are in the file it names, exactly; the file is then removed. */
static void check_kept(const wv_repair_info *info, const uint8_t *saved, off_t from,
                       off_t bytes)
{
    assert_int_equal((off_t)info->removed_bytes, bytes);
    assert_int_equal((off_t)info->damaged_offset, from);
    assert_non_null(strstr(info->saved, ".torn-"));
    uint8_t *kept;
    size_t kept_len;
    assert_int_equal(wv_file_read(info->saved, 1 << 20, &kept, &kept_len, NULL), WV_OK);
    assert_int_equal((off_t)kept_len, bytes);
    assert_memory_equal(kept, saved + from, (size_t)bytes);
    free(kept);
    assert_int_equal(unlink(info->saved), 0);
}

/* Every possible cut inside the last entry is a torn tail: a writer refuses
 * it and changes nothing; only wv_log_repair cuts it, keeping its bytes
 * beside the log, and never when an acknowledged entry would go with it
 * (issue 15). */
static void test_torn_tail_every_cut(void **state)
{
    (void)state;
    make_log(4);
    off_t full = file_size();
    uint8_t buf[256];
    size_t last = entry_bytes(3, buf) + 8;
    off_t prev_end = full - (off_t)last;
    uint8_t *saved;
    size_t saved_len;
    assert_int_equal(wv_file_read(path, 1 << 20, &saved, &saved_len, NULL), WV_OK);
    for (off_t cut = prev_end + 1; cut < full; cut++) {
        assert_int_equal(truncate(path, cut), 0);
        /* A reader sees the torn tail but changes nothing. */
        wv_log_reader *r;
        assert_int_equal(wv_log_reader_open(path, &r, NULL), WV_OK);
        wv_log_entry e;
        int has, n = 0;
        do {
            assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
            n += has;
        } while (has);
        assert_int_equal(n, 3);
        uint64_t toff, tbytes;
        assert_int_equal(wv_log_reader_torn_tail(r, &toff, &tbytes), 1);
        assert_int_equal((off_t)toff, prev_end);
        assert_int_equal((off_t)tbytes, cut - prev_end);
        wv_log_reader_free(r);
        assert_int_equal(file_size(), cut);

        wv_log *log;
        wv_error err;
        assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_TORN);
        assert_non_null(strstr(err.message, "torn tail"));
        assert_int_equal(file_size(), cut);
        wv_repair_info info;
        assert_int_equal(wv_log_repair(path, 0, 4, &info, &err), WV_ERR_LOG_CORRUPT);
        assert_int_equal(file_size(), cut); /* entry 3 was acknowledged: kept */
        assert_int_equal(wv_log_repair(path, 0, 3, &info, &err), WV_OK);
        assert_int_equal(info.entries_before, 3);
        check_kept(&info, saved, prev_end, cut - prev_end);
        assert_int_equal(file_size(), prev_end);
        assert_int_equal(read_check(), 3);
        assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
        assert_int_equal(wv_log_size(log), 3);
        wv_log_close(log);
        /* Restore the full file for the next cut. */
        assert_int_equal(wv_file_write_atomic(path, saved, saved_len, 0644, 0, NULL), WV_OK);
    }
    free(saved);
}

static void test_torn_tail_bad_checksum_then_append(void **state)
{
    (void)state;
    make_log(5);
    patch_byte(file_size() - 1, 0x40); /* the last entry's CRC */
    wv_log *log;
    wv_error err;
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_TORN);
    assert_non_null(strstr(err.message, "checksum"));
    wv_repair_info info;
    assert_int_equal(wv_log_repair(path, 0, 4, &info, &err), WV_OK);
    assert_string_equal(info.removed_reason, "checksum mismatch");
    assert_int_equal(unlink(info.saved), 0);
    assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
    assert_int_equal(wv_log_size(log), 4);
    append_n(log, 4, 3);
    wv_log_close(log);
    assert_int_equal(read_check(), 7);
}

/* Zeros where an entry should be (a file extended but not written) are a
 * torn tail too. */
static void test_torn_tail_zeros(void **state)
{
    (void)state;
    make_log(2);
    off_t end = file_size();
    assert_int_equal(truncate(path, end + 100), 0);
    wv_log *log;
    assert_int_equal(wv_log_open(path, &log, NULL), WV_ERR_LOG_TORN);
    assert_int_equal(file_size(), end + 100);
    wv_repair_info info;
    assert_int_equal(wv_log_repair(path, 0, 2, &info, NULL), WV_OK);
    assert_int_equal(info.removed_bytes, 100);
    assert_int_equal(unlink(info.saved), 0);
    assert_int_equal(file_size(), end);
    /* A log that needs nothing is left as it is. */
    assert_int_equal(wv_log_repair(path, 0, 2, &info, NULL), WV_OK);
    assert_int_equal(info.removed_bytes, 0);
    assert_string_equal(info.saved, "");
    assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
    assert_int_equal(wv_log_size(log), 2);
    wv_log_close(log);
}

static off_t entry_offset(uint64_t index)
{
    uint8_t buf[256];
    off_t off = 16;
    for (uint64_t i = 0; i < index; i++)
        off += (off_t)entry_bytes(i, buf) + 8;
    return off;
}

/* Damage followed by a valid entry is corruption: an error naming the entry
 * and its byte offset, and the file is left exactly as it was. */
static void test_middle_corruption_is_error(void **state)
{
    (void)state;
    make_log(6);
    off_t size = file_size();
    off_t off = entry_offset(2);
    patch_byte(off + 5, 0x01); /* a payload byte of entry 2 */
    wv_log *log;
    wv_error err;
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_CORRUPT);
    char want[64];
    snprintf(want, sizeof want, "entry 2 at byte %lld", (long long)off);
    assert_non_null(strstr(err.message, want));
    assert_int_equal(file_size(), size);
    /* The reader reports the same. */
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open(path, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
        assert_int_equal(has, 1);
    }
    assert_int_equal(wv_log_reader_next(r, &e, &has, &err), WV_ERR_LOG_CORRUPT);
    wv_log_reader_free(r);
}

/* A length field grown past the end of the file must not make the rest of
 * the log look like a torn tail. */
static void test_middle_length_corruption_is_error(void **state)
{
    (void)state;
    make_log(6);
    off_t size = file_size();
    patch_byte(entry_offset(1) + 2, 0x7f); /* length of entry 1 becomes huge */
    wv_log *log;
    wv_error err;
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_CORRUPT);
    assert_non_null(strstr(err.message, "entry 1 at byte"));
    assert_int_equal(file_size(), size);
    patch_byte(entry_offset(1) + 2, 0x7f);
    patch_byte(entry_offset(1) + 1, 0x10); /* still in range, wrong */
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_CORRUPT);
    assert_int_equal(file_size(), size);
}

static void test_header_checks(void **state)
{
    (void)state;
    make_log(1);
    wv_log *log;
    wv_error err;
    patch_byte(0, 0x20);
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_CORRUPT);
    assert_non_null(strstr(err.message, "magic"));
    patch_byte(0, 0x20);
    patch_byte(8, 0x03); /* version 2 */
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_VERSION);
    patch_byte(8, 0x03);
    patch_byte(13, 0x01);
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_CORRUPT);
    patch_byte(13, 0x01);
    assert_int_equal(truncate(path, 10), 0);
    assert_int_equal(wv_log_open(path, &log, &err), WV_ERR_LOG_CORRUPT);
}

static void test_group_commit(void **state)
{
    (void)state;
    assert_int_equal(wv_log_create(path, NULL), WV_OK);
    wv_log *log;
    assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
    append_n(log, 0, 3);
    enum { N = 200 };
    static uint8_t bufs[N][256];
    const uint8_t *ptrs[N];
    size_t lens[N];
    for (int i = 0; i < N; i++) {
        lens[i] = entry_bytes(3 + (uint64_t)i, bufs[i]);
        ptrs[i] = bufs[i];
    }
    uint64_t first;
    assert_int_equal(wv_log_append_many(log, ptrs, lens, N, &first, NULL), WV_OK);
    assert_int_equal(first, 3);
    assert_int_equal(wv_log_size(log), 3 + N);
    /* All or none: a bad length anywhere refuses the whole batch. */
    lens[N - 1] = 0;
    wv_error err;
    off_t before = file_size();
    assert_int_equal(wv_log_append_many(log, ptrs, lens, N, &first, &err), WV_ERR_TOO_LARGE);
    assert_int_equal(file_size(), before);
    assert_int_equal(wv_log_size(log), 3 + N);
    wv_log_close(log);
    assert_int_equal(read_check(), 3 + N);
}

static void test_entry_limits(void **state)
{
    (void)state;
    assert_int_equal(wv_log_create(path, NULL), WV_OK);
    wv_log *log;
    assert_int_equal(wv_log_open(path, &log, NULL), WV_OK);
    uint8_t one = 1;
    assert_int_equal(wv_log_append(log, &one, 0, NULL, NULL), WV_ERR_TOO_LARGE);
    uint8_t *big = calloc(1, WV_LOG_MAX_ENTRY + 1);
    assert_non_null(big);
    assert_int_equal(wv_log_append(log, big, WV_LOG_MAX_ENTRY + 1, NULL, NULL), WV_ERR_TOO_LARGE);
    /* The largest entry is accepted and read back through the window. */
    big[WV_LOG_MAX_ENTRY - 1] = 7;
    assert_int_equal(wv_log_append(log, big, WV_LOG_MAX_ENTRY, NULL, NULL), WV_OK);
    assert_int_equal(wv_log_append(log, &one, 1, NULL, NULL), WV_OK);
    wv_log_close(log);
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open(path, &r, NULL), WV_OK);
    wv_log_entry e;
    int has;
    assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
    assert_int_equal(e.len, WV_LOG_MAX_ENTRY);
    assert_int_equal(e.data[WV_LOG_MAX_ENTRY - 1], 7);
    assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
    assert_int_equal(e.len, 1);
    assert_int_equal(e.offset, 16 + WV_LOG_MAX_ENTRY + 8);
    assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
    assert_int_equal(has, 0);
    assert_int_equal(wv_log_reader_torn_tail(r, NULL, NULL), 0);
    wv_log_reader_free(r);
    free(big);
}

/* A log bigger than the reader's window streams through intact. */
static void test_reader_streams_large_log(void **state)
{
    (void)state;
    make_log(5000);
    assert_int_equal(read_check(), 5000);
}

static void test_memory_reader(void **state)
{
    (void)state;
    make_log(7);
    uint8_t *b;
    size_t len;
    assert_int_equal(wv_file_read(path, 1 << 20, &b, &len, NULL), WV_OK);
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open_memory(b, len - 3, &r, NULL), WV_OK);
    wv_log_entry e;
    int has, n = 0;
    do {
        assert_int_equal(wv_log_reader_next(r, &e, &has, NULL), WV_OK);
        n += has;
    } while (has);
    assert_int_equal(n, 6);
    assert_int_equal(wv_log_reader_torn_tail(r, NULL, NULL), 1);
    assert_non_null(wv_log_reader_torn_reason(r));
    wv_log_reader_free(r);
    assert_int_equal(wv_log_reader_open_memory(b, 5, &r, NULL), WV_ERR_LOG_CORRUPT);
    free(b);
}

/* A crafted tail where most offsets read as a length that fits, so that
 * each would cost a checksum of up to 512 KiB: the search for a valid entry
 * after the damage stops at its budget and reports corruption (nothing is
 * classified as a torn tail, so nothing would be cut). Without the budget
 * this input takes hours. */
static void test_crafted_tail_is_bounded(void **state)
{
    (void)state;
    make_log(3);
    uint8_t *b;
    size_t len;
    assert_int_equal(wv_file_read(path, 1 << 20, &b, &len, NULL), WV_OK);
    size_t tail = (size_t)8 << 20, total = len + tail;
    uint8_t *big = malloc(total);
    assert_non_null(big);
    memcpy(big, b, len);
    static const uint8_t pattern[4] = {0x00, 0x00, 0x08, 0x00};
    for (size_t i = 0; i < tail; i++)
        big[len + i] = pattern[i % 4];
    wv_log_reader *r;
    assert_int_equal(wv_log_reader_open_memory(big, total, &r, NULL), WV_OK);
    wv_log_entry e;
    int has, n = 0;
    wv_error err;
    wv_status st;
    while ((st = wv_log_reader_next(r, &e, &has, &err)) == WV_OK && has)
        n++;
    assert_int_equal(n, 3);
    assert_int_equal(st, WV_ERR_LOG_CORRUPT);
    assert_non_null(strstr(err.message, "scan budget"));
    assert_int_equal(wv_log_reader_torn_tail(r, NULL, NULL), 0);
    wv_log_reader_free(r);
    free(big);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc32c_kat),
        cmocka_unit_test_setup_teardown(test_byte_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip_and_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_refuses_existing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writer_waits_for_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_tail_every_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_tail_bad_checksum_then_append, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_tail_zeros, setup, teardown),
        cmocka_unit_test_setup_teardown(test_middle_corruption_is_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_middle_length_corruption_is_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_streams_large_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_reader, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crafted_tail_is_bounded, setup, teardown),
    };
    if (wv_init() != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
