/* A private copy of a server's published record (SPEC.md, "The published
 * record: GET /record/NAME"): its four files downloaded from URL/record/
 * into a temporary directory, the log only up to the checkpoint fetched
 * with it (/record/log?entries=N), so that the engine reads it as it reads
 * any record directory. `wtovote verify URL` verifies it; the delegation
 * and chair commands' --server read the meeting from it. */
#ifndef WV_CLI_NET_MIRROR_H
#define WV_CLI_NET_MIRROR_H

#include <stddef.h>
#include <stdint.h>

#include "net_client.h"

typedef struct wv_mirror {
    const char *url;   /* the server, without /record/ */
    wv_net net;
    char dir[64];      /* the temporary directory */
    int have_fixed;    /* roster.pb and secretariat.pub downloaded */
} wv_mirror;

/* Makes the temporary directory (under $TMPDIR or /tmp); an exit code. */
int wv_mirror_init(wv_mirror *m, const char *url, const char *cacert);
/* Downloads a consistent set: roster and key once, the checkpoint, then
 * the log up to it unless the checkpoint's text equals known (the log
 * already held is then its own). *cp (malloc'd text) and *size receive the
 * checkpoint. Prints why and returns an exit code (2: HTTP or I/O). */
int wv_mirror_download(wv_mirror *m, const char *known, char **cp, size_t *cp_len,
                       uint64_t *size);
/* Removes the files and the directory. */
void wv_mirror_cleanup(wv_mirror *m);

#endif
