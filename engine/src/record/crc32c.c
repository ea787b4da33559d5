/* CRC-32C (Castagnoli), the checksum of each log entry: the polynomial
 * chosen by iSCSI (RFC 3720, B.4) and by LevelDB's log for the same job,
 * detecting torn and flipped bytes. Table-driven, one byte at a time: the
 * log's entries are small and a signature check costs far more. */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "wtovote/record.h"

static uint32_t table[256];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void table_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        table[i] = c;
    }
}

uint32_t wv_crc32c(uint32_t crc, const void *data, size_t len)
{
    pthread_once(&table_once, table_init);
    const uint8_t *p = data;
    crc = ~crc;
    while (len-- > 0)
        crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}
