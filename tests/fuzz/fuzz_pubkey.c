/* Fuzz target: minisign public key files (wv_public_key_parse). A key that
 * parses must format and parse back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/keys.h"
#include "wtovote/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready)
        ready = wv_init() == 0;
    wv_public_key pub, back;
    if (wv_public_key_parse((const char *)data, size, &pub, NULL) != WV_OK)
        return 0;
    char *text = NULL;
    if (wv_public_key_format(&pub, &text, NULL) != WV_OK)
        abort();
    if (wv_public_key_parse(text, strlen(text), &back, NULL) != WV_OK ||
        memcmp(&pub, &back, sizeof pub) != 0)
        abort();
    free(text);
    return 0;
}
