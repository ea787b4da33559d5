/* Fuzz target: C2SP checkpoint bodies and signed checkpoints (engine/record
 * checkpoint.c). Invariant: a body that parses formats back to the same
 * bytes (the text form is canonical). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/note.h"
#include "wtovote/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    static wv_public_key pub;
    if (!ready) {
        if (wv_init() != 0)
            abort();
        memset(&pub, 0x51, sizeof pub);
        ready = 1;
    }
    wv_checkpoint cp;
    if (wv_checkpoint_parse((const char *)data, size, &cp, NULL) == WV_OK) {
        char *text = NULL;
        size_t len = 0;
        if (wv_checkpoint_format(&cp, &text, &len, NULL) != WV_OK || len != size ||
            memcmp(text, data, size) != 0)
            abort();
        free(text);
    }
    if (wv_checkpoint_open((const char *)data, size, &pub, NULL, NULL, 0, &cp, NULL) == WV_OK)
        abort(); /* no one can sign for this public key */
    return 0;
}
