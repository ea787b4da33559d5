/* Fuzz target: wv_chair_event_decode (canonical decode and field rules). */
#include "wtovote/pb.h"
#include "wire_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wv_chair_event *msg = NULL;
    wv_error err;
    wv_error_clear(&err);
    wv_status st = wv_chair_event_decode(data, size, &msg, &err);
    wv_fuzz_check(st, msg ? &msg->base : NULL, &err, data, size);
    wv_message_free(msg);
    return 0;
}
