/* A server's published record, downloaded (net_mirror.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "net_mirror.h"
#include "wtovote/record.h"
#include "wtovote/util.h"

static const char *const FILES[] = {WV_RECORD_ROSTER, WV_RECORD_SECRETARIAT_PUB,
                                    WV_RECORD_CHECKPOINT, WV_RECORD_LOG};

static void url_of(char *out, size_t size, const char *base, const char *path)
{
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        n--;
    snprintf(out, size, "%.*s%s", (int)n, base, path);
}

static void path_of(char *out, size_t size, const wv_mirror *m, const char *name)
{
    snprintf(out, size, "%s/%s", m->dir, name);
}

int wv_mirror_init(wv_mirror *m, const char *url, const char *cacert)
{
    memset(m, 0, sizeof *m);
    m->url = url;
    m->net.cacert = cacert;
    const char *tmp = getenv("TMPDIR");
    snprintf(m->dir, sizeof m->dir, "%s/wtovote-record.XXXXXX",
             tmp != NULL && strlen(tmp) < 30 ? tmp : "/tmp");
    if (mkdtemp(m->dir) == NULL) {
        int rc = wv_cli_usage_error("%s: %s", m->dir, strerror(errno));
        m->dir[0] = '\0';
        return rc;
    }
    return WV_EXIT_OK;
}

void wv_mirror_cleanup(wv_mirror *m)
{
    char p[128];
    if (m->dir[0] == '\0')
        return;
    for (size_t i = 0; i < 4; i++) {
        path_of(p, sizeof p, m, FILES[i]);
        unlink(p);
    }
    rmdir(m->dir);
    m->dir[0] = '\0';
}

/* GETs URL/record/NAME[?query] into the temporary directory. */
static int fetch(wv_mirror *m, const char *name, const char *query)
{
    char url[2048], path[128];
    long http = 0;
    wv_error err;
    snprintf(path, sizeof path, "/record/%s%s", name, query);
    url_of(url, sizeof url, m->url, path);
    path_of(path, sizeof path, m, name);
    unlink(path);
    if (wv_net_get_file(&m->net, url, path, &http, &err) != WV_OK)
        return wv_cli_fail(&err);
    if (http != 200)
        return wv_cli_usage_error("%s: HTTP %ld", url, http);
    return WV_EXIT_OK;
}

/* The checkpoint's tree size (its second line); verification checks the
 * rest. */
static int checkpoint_size(const char *text, uint64_t *size)
{
    const char *nl = strchr(text, '\n');
    char *end = NULL;
    if (nl == NULL || nl[1] < '0' || nl[1] > '9')
        return -1;
    *size = strtoull(nl + 1, &end, 10);
    return *end == '\n' ? 0 : -1;
}

static int read_checkpoint(const wv_mirror *m, char **text, size_t *len, uint64_t *size)
{
    char path[128];
    uint8_t *data = NULL;
    wv_error err;
    path_of(path, sizeof path, m, WV_RECORD_CHECKPOINT);
    if (wv_file_read(path, WV_NOTE_MAX_BYTES, &data, len, &err) != WV_OK)
        return wv_cli_fail(&err);
    char *t = realloc(data, *len + 1);
    if (t == NULL)
        return free(data), wv_cli_usage_error("out of memory");
    t[*len] = '\0';
    *text = t;
    if (checkpoint_size(t, size) != 0)
        return free(t), wv_cli_usage_error("%s: not a checkpoint", m->url);
    return WV_EXIT_OK;
}

int wv_mirror_download(wv_mirror *m, const char *known, char **cp, size_t *cp_len,
                       uint64_t *size)
{
    int rc = WV_EXIT_OK;
    *cp = NULL;
    for (size_t i = 0; !m->have_fixed && rc == WV_EXIT_OK && i < 2; i++)
        rc = fetch(m, FILES[i], "");
    m->have_fixed = rc == WV_EXIT_OK;
    if (rc == WV_EXIT_OK)
        rc = fetch(m, WV_RECORD_CHECKPOINT, "");
    if (rc == WV_EXIT_OK)
        rc = read_checkpoint(m, cp, cp_len, size);
    char query[40];
    snprintf(query, sizeof query, "?entries=%" PRIu64, *size);
    if (rc == WV_EXIT_OK && (known == NULL || strcmp(*cp, known) != 0))
        rc = fetch(m, WV_RECORD_LOG, query);
    if (rc != WV_EXIT_OK) {
        free(*cp);
        *cp = NULL;
    }
    return rc;
}
