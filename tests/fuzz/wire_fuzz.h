/* Shared oracle of the wire fuzz targets: a message that decodes must
 * re-encode to exactly the input bytes (the canonical-form guarantee), and
 * a refusal must leave *out NULL and name a cause. */
#ifndef WV_WIRE_FUZZ_H
#define WV_WIRE_FUZZ_H

#include <stdlib.h>
#include <string.h>

#include "wtovote/pb.h"
#include "wtovote/wire.h"

static void wv_fuzz_check(wv_status st, const ProtobufCMessage *msg, const wv_error *err,
                          const uint8_t *data, size_t size)
{
    if (st != WV_OK) {
        if (msg != NULL || err->code != st || err->message[0] == '\0')
            abort();
        return;
    }
    uint8_t *again = NULL;
    size_t len = 0;
    if (wv_message_encode(msg, &again, &len, NULL) != WV_OK)
        abort();
    if (len != size || (size > 0 && memcmp(again, data, size) != 0))
        abort();
    free(again);
}

#endif
