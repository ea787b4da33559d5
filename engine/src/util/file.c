/* syncfs(2) */
#define _GNU_SOURCE
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

/* Writes data to a new temporary file beside path (mode, fsynced) and
 * returns its malloc'd name in *tmp_out, for the caller to rename or link. */
static wv_status write_temp(const char *path, const void *data, size_t len, unsigned mode,
                            int flags, char **tmp_out, wv_error *err)
{
    *tmp_out = NULL;
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
    int ok = fchmod(fd, mode) == 0 && write_all(fd, data, len) == 0 &&
             ((flags & WV_WRITE_DEFER_SYNC) || fsync(fd) == 0);
    int saved = errno;
    ok = (close(fd) == 0) && ok;
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(saved));
    }
    *tmp_out = tmp;
    return WV_OK;
}

/* Moves the temporary file tmp to path (and removes tmp in any case);
 * exclusive: link() fails if path appeared meanwhile, so never clobber. */
static wv_status install_temp(const char *tmp, const char *path, int flags, wv_error *err)
{
    int ok;
    if (flags & WV_WRITE_EXCLUSIVE) {
        ok = link(tmp, path) == 0;
        int saved = errno;
        unlink(tmp);
        errno = saved;
    } else {
        ok = rename(tmp, path) == 0;
        if (!ok) {
            int saved = errno;
            unlink(tmp);
            errno = saved;
        }
    }
    return ok ? WV_OK : wv_error_set(err, WV_ERR_IO, "%s: %s", path, strerror(errno));
}

wv_status wv_file_write_atomic(const char *path, const void *data, size_t len,
                               unsigned mode, int flags, wv_error *err)
{
    if ((flags & WV_WRITE_EXCLUSIVE) && access(path, F_OK) == 0)
        return wv_error_set(err, WV_ERR_IO, "%s: already exists (not overwritten)", path);
    char *tmp;
    wv_status st = write_temp(path, data, len, mode, flags, &tmp, err);
    if (st == WV_OK)
        st = install_temp(tmp, path, flags, err);
    free(tmp);
    /* The rename is durable only once the directory is: report a failure,
     * since callers acknowledge what this function returns. */
    if (st != WV_OK || (flags & WV_WRITE_DEFER_SYNC))
        return st;
    return wv_fsync_parent(path, err);
}

/* Keeps the current file at path under a fresh backup name (a hard link, so
 * path itself never disappears); *bak_out stays NULL when there is none. */
static wv_status backup_old(const char *path, char **bak_out, wv_error *err)
{
    struct stat sb;
    *bak_out = NULL;
    if (lstat(path, &sb) != 0 && errno == ENOENT)
        return WV_OK;
    size_t n = strlen(path) + 16;
    char *bak = malloc(n);
    if (bak == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", path);
    snprintf(bak, n, "%s.oldXXXXXX", path);
    int fd = mkstemp(bak); /* reserves a fresh name; link() wants it free */
    if (fd >= 0) {
        close(fd);
        unlink(bak);
    }
    if (fd < 0 || link(path, bak) != 0) {
        wv_error_set(err, WV_ERR_IO, "%s: cannot keep the old file while replacing it: %s",
                     path, strerror(errno));
        free(bak);
        return WV_ERR_IO;
    }
    *bak_out = bak;
    return WV_OK;
}

/* Undoes the installation of path after the second file failed: the backup
 * goes back, or the new file goes when there was no old one. */
static void restore_old(const char *path, const char *bak, wv_error *err)
{
    if (bak == NULL) {
        unlink(path);
        return;
    }
    if (rename(bak, path) != 0 && err != NULL) {
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used,
                 "; the old %s could not be put back and is kept as %s", path, bak);
    }
}

/* Installs tmp[0] then tmp[1]. The old first file is kept until the second
 * is in place, so that any failure leaves the old pair. (A crash between
 * the two renames can still leave the new first file with the old second
 * one; the old first file is then under PATH.oldXXXXXX.) */
static wv_status install_pair(const wv_file_part part[2], char *tmp[2], int flags, wv_error *err)
{
    char *bak = NULL;
    wv_status st = (flags & WV_WRITE_EXCLUSIVE) ? WV_OK : backup_old(part[0].path, &bak, err);
    if (st == WV_OK)
        st = install_temp(tmp[0], part[0].path, flags, err);
    else
        unlink(tmp[0]);
    if (st != WV_OK) {
        unlink(tmp[1]);
        if (bak != NULL)
            unlink(bak);
    } else if ((st = install_temp(tmp[1], part[1].path, flags, err)) != WV_OK) {
        restore_old(part[0].path, bak, err);
    } else if (bak != NULL) {
        unlink(bak); /* both new files are in place: the old one goes */
    }
    free(bak);
    return st;
}

wv_status wv_file_write_pair_atomic(const wv_file_part part[2], int flags, wv_error *err)
{
    for (int i = 0; i < 2; i++)
        if ((flags & WV_WRITE_EXCLUSIVE) && access(part[i].path, F_OK) == 0)
            return wv_error_set(err, WV_ERR_IO, "%s: already exists (not overwritten)",
                                part[i].path);
    char *tmp[2] = {NULL, NULL};
    wv_status st =
        write_temp(part[0].path, part[0].data, part[0].len, part[0].mode, 0, &tmp[0], err);
    if (st == WV_OK)
        st = write_temp(part[1].path, part[1].data, part[1].len, part[1].mode, 0, &tmp[1], err);
    if (st == WV_OK)
        st = install_pair(part, tmp, flags, err);
    else if (tmp[0] != NULL)
        unlink(tmp[0]);
    free(tmp[0]);
    free(tmp[1]);
    if (st == WV_OK)
        st = wv_fsync_parent(part[0].path, err);
    return st == WV_OK ? wv_fsync_parent(part[1].path, err) : st;
}

void wv_hex(const uint8_t *in, size_t len, char *out)
{
    sodium_bin2hex(out, 2 * len + 1, in, len);
}

wv_status wv_sync_fs(const char *path, wv_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int ok = fd >= 0 && syncfs(fd) == 0;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    return ok ? WV_OK
              : wv_error_set(err, WV_ERR_IO, "%s: syncing its file system: %s", path,
                             strerror(saved));
}
