/* Fuzz target: C2SP signed-note parsing and verification (engine/record
 * note.c). Invariants checked on every accepted input: the signed text ends
 * in a newline and lies inside the input, 1..16 signatures; verification
 * never crashes whatever the signatures hold. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/note.h"
#include "wtovote/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    static wv_note_verifier sec, obs;
    if (!ready) {
        uint8_t pk[WV_PUBLIC_KEY_BYTES];
        if (wv_init() != 0)
            abort();
        memset(pk, 0x51, sizeof pk);
        if (wv_note_verifier_from_key("wtovote.example/meeting/KAT-1", pk, &sec, NULL) != WV_OK ||
            wv_note_verifier_from_key("observer.example/witness", pk, &obs, NULL) != WV_OK)
            abort();
        ready = 1;
    }
    wv_note note;
    if (wv_note_parse((const char *)data, size, &note, NULL) != WV_OK)
        return 0;
    if (note.text_len == 0 || note.text_len >= size || note.text[note.text_len - 1] != '\n' ||
        memcmp(note.text, data, note.text_len) != 0 || note.n_sigs == 0 ||
        note.n_sigs > WV_NOTE_MAX_SIGNATURES)
        abort();
    uint32_t mask;
    wv_status rc = wv_note_verify(&note, &sec, &obs, 1, &mask, NULL);
    if (rc == WV_OK)
        abort(); /* nobody holds the secret key of an all-0x51 public key */
    wv_note_free(&note);
    return 0;
}
