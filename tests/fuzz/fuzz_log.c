/* Fuzz target: bytes as a log file through the streaming reader. Whatever
 * the input, the reader must end cleanly, at a torn tail, or with an error
 * (never crash, never read out of bounds), and every entry it returns must
 * lie inside the input with a valid checksum. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/record.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wv_log_reader *r;
    if (wv_log_reader_open_memory(data, size, &r, NULL) != WV_OK)
        return 0;
    wv_log_entry e;
    int has;
    uint64_t expect_off = WV_LOG_HEADER_BYTES, n = 0;
    while (wv_log_reader_next(r, &e, &has, NULL) == WV_OK && has) {
        if (e.offset != expect_off || e.index != n || e.len == 0 ||
            e.offset + 8 + e.len > size || e.data != data + e.offset + 4 ||
            le32(data + e.offset) != e.len ||
            wv_crc32c(0, data + e.offset, 4 + e.len) != le32(data + e.offset + 4 + e.len))
            abort();
        expect_off += e.len + 8;
        n++;
    }
    uint64_t off, bytes;
    if (wv_log_reader_torn_tail(r, &off, &bytes) && off + bytes != size)
        abort();
    wv_log_reader_free(r);
    return 0;
}
