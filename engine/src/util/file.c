#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "wtovote/util.h"

int wv_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

wv_status wv_file_read(const char *path, size_t max_size, uint8_t **out,
                       size_t *len, wv_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap + 1);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max_size) {
            free(buf);
            fclose(f);
            return wv_error_set(err, WV_ERR_TOO_LARGE,
                                "%s: larger than %zu bytes", path, max_size);
        }
        if (got == 0)
            break;
        if (n == cap) {
            cap *= 2;
            uint8_t *nb = realloc(buf, cap + 1);
            if (nb == NULL)
                free(buf);
            buf = nb;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (buf == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    if (failed) {
        free(buf);
        return wv_error_set(err, WV_ERR_IO, "%s: read error", path);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return WV_OK;
}

wv_status wv_fsync_parent(const char *path, wv_error *err)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    int ok = fd >= 0 && fsync(fd) == 0;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    return ok ? WV_OK
              : wv_error_set(err, WV_ERR_IO, "%s: fsync of its directory: %s", path,
                             strerror(saved));
}

static int write_all(int fd, const uint8_t *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

wv_status wv_file_write_atomic(const char *path, const void *data, size_t len,
                               unsigned mode, int flags, wv_error *err)
{
    if ((flags & WV_WRITE_EXCLUSIVE) && access(path, F_OK) == 0)
        return wv_error_set(err, WV_ERR_IO, "%s: already exists (not overwritten)", path);
    size_t plen = strlen(path) + 16;
    char *tmp = malloc(plen);
    if (tmp == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    snprintf(tmp, plen, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
        free(tmp);
        return WV_ERR_IO;
    }
    int ok = fchmod(fd, mode) == 0 && write_all(fd, data, len) == 0 && fsync(fd) == 0;
    int saved = errno;
    ok = (close(fd) == 0) && ok;
    if (ok && (flags & WV_WRITE_EXCLUSIVE)) {
        /* link() fails if the target appeared meanwhile: never clobber. */
        ok = link(tmp, path) == 0;
        saved = errno;
        unlink(tmp);
    } else if (ok) {
        ok = rename(tmp, path) == 0;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(saved));
    }
    free(tmp);
    /* The rename is durable only once the directory is: report a failure,
     * since callers acknowledge what this function returns. */
    return wv_fsync_parent(path, err);
}

void wv_hex(const uint8_t *in, size_t len, char *out)
{
    sodium_bin2hex(out, 2 * len + 1, in, len);
}
