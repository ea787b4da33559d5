/* Lookup in the embedded page table (serve/web_assets.h). A URL only ever
 * selects a row by exact name: nothing reaches the file system. */
#include <string.h>

#include "web_assets.h"

const srv_web_asset *srv_web_find(const char *name)
{
    for (const srv_web_asset *a = srv_web_assets; a->path != NULL; a++)
        if (strcmp(a->path, name) == 0)
            return a;
    return NULL;
}
