/* The browser pages embedded in the server (serve/web/, made into a C
 * table at build time by serve/web/embed.cmake). */
#ifndef WV_SRV_WEB_ASSETS_H
#define WV_SRV_WEB_ASSETS_H

#include <stddef.h>

typedef struct srv_web_asset {
    const char *path; /* file name in serve/web/, served as /web/PATH */
    const char *type; /* Content-Type */
    const unsigned char *bytes;
    size_t len;
} srv_web_asset;

/* Ends with a row whose path is NULL. */
extern const srv_web_asset srv_web_assets[];

/* The asset named exactly `name` (no directory part); NULL: none. */
const srv_web_asset *srv_web_find(const char *name);

#endif
