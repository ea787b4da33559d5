/* Fuzz target: wv_receipt_msg_decode (canonical decode and field rules). */
#include "wtovote/pb.h"
#include "wire_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wv_receipt_msg *msg = NULL;
    wv_error err;
    wv_error_clear(&err);
    wv_status st = wv_receipt_msg_decode(data, size, &msg, &err);
    wv_fuzz_check(st, msg ? &msg->base : NULL, &err, data, size);
    wv_message_free(msg);
    return 0;
}
