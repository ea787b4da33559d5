/* The CLI as a client of `wtovote serve` (libcurl; SPEC.md, "HTTP API"):
 * downloads for `wtovote verify URL`, and posting acts and chair requests
 * for the delegation and chair commands' --server URL. Each function
 * returns a wv_status with a message naming the URL; an HTTP answer other
 * than 200 is not an error here: *http carries it and *body its JSON. */
#ifndef WV_CLI_NET_CLIENT_H
#define WV_CLI_NET_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"

typedef struct wv_net {
    const char *cacert; /* PEM file of the CA or self-signed certificate; NULL: system */
    long timeout_ms;    /* whole request; 0: 30 s */
} wv_net;

typedef struct wv_net_answer {
    long http;          /* status, 0 when no answer */
    uint8_t *body;      /* malloc'd, NUL-terminated (len excludes it) */
    size_t len;
} wv_net_answer;

void wv_net_answer_free(wv_net_answer *a);

/* GET url into memory (at most max bytes, else WV_ERR_TOO_LARGE). */
wv_status wv_net_get(const wv_net *n, const char *url, size_t max, wv_net_answer *out,
                     wv_error *err) WV_WARN_UNUSED;
/* GET url into the file path (created 0600); *http receives the status. */
wv_status wv_net_get_file(const wv_net *n, const char *url, const char *path, long *http,
                          wv_error *err) WV_WARN_UNUSED;
/* POST a signed envelope to SERVER/api/acts; 200 gives the Receipt bytes. */
wv_status wv_net_post_act(const wv_net *n, const char *server, const uint8_t *env, size_t len,
                          wv_net_answer *out, wv_error *err) WV_WARN_UNUSED;
/* POST JSON to SERVER/PATH, with the header Authorization: Bearer TOKEN
 * unless token is NULL. */
wv_status wv_net_post_json(const wv_net *n, const char *server, const char *path,
                           const char *token, const char *json, wv_net_answer *out,
                           wv_error *err) WV_WARN_UNUSED;
/* POST a chair request (JSON) to SERVER/api/chair/ACTION with the token. */
wv_status wv_net_post_chair(const wv_net *n, const char *server, const char *token,
                            const char *action, const char *json, wv_net_answer *out,
                            wv_error *err) WV_WARN_UNUSED;
/* GET SERVER/api/state (JSON). */
wv_status wv_net_get_state(const wv_net *n, const char *server, wv_net_answer *out,
                           wv_error *err) WV_WARN_UNUSED;

/* 1 when text starts with http:// or https:// */
int wv_net_is_url(const char *text);

#endif
