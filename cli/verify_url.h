/* `wtovote verify URL [--follow]`: a published record verified over HTTP
 * (SPEC.md, "HTTP API", "Verifying over HTTP"). */
#ifndef WV_CLI_VERIFY_URL_H
#define WV_CLI_VERIFY_URL_H

#include "wtovote/record.h"

typedef struct wv_verify_url_opts {
    const char *url;
    wv_verify_options verify;   /* jobs, pinned key; since from the first check */
    int json, follow;
    const char *cacert;
    long interval_ms, max_seconds, max_checkpoints; /* --follow bounds; 0: none */
} wv_verify_url_opts;

int wv_verify_url(const wv_verify_url_opts *o);
/* cmd_verify.c: the report as `wtovote verify` prints it. */
void wv_verify_print(const char *label, const wv_verify_report *rep, int since, int json);

#endif
