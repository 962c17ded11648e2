/*
 * outfile.c - checked file output for the writers; mkdir -p; the one atomic
 * write (temporary name, fsync, rename).
 *
 * SPDX-License-Identifier: MIT
 */
#include "converters/write/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "converters/write/tmpfile.h"

dc_status dc_outfile_open(dc_outfile *f, const char *path, dc_error *err)
{
    f->path = path;
    f->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (f->fd < 0)
        return dc_error_set(err, DC_ERR_OUTPUT, "cannot create: %s", strerror(errno));
    return DC_OK;
}

dc_status dc_outfile_put(dc_outfile *f, const void *data, size_t len, dc_error *err)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(f->fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s",
                                w < 0 ? strerror(errno) : "nothing written");
        p += w;
        len -= (size_t)w;
    }
    return DC_OK;
}

dc_status dc_outfile_close(dc_outfile *f, dc_status st, dc_error *err)
{
    if (f->fd < 0)
        return st;
    if (st == DC_OK && fsync(f->fd) != 0)
        st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s", strerror(errno));
    if (close(f->fd) != 0 && st == DC_OK)
        st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s", strerror(errno));
    f->fd = -1;
    if (st != DC_OK)
        unlink(f->path);
    return st;
}

dc_status dc_outfile_write(const char *path, const void *data, size_t len, dc_error *err)
{
    dc_outfile f;
    dc_status st = dc_outfile_open(&f, path, err);
    if (st != DC_OK)
        return st;
    return dc_outfile_close(&f, dc_outfile_put(&f, data, len, err), err);
}

char *dc_path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return dc_xstrdup(".");
    if (slash == path)
        return dc_xstrdup("/");
    return dc_xstrndup(path, (size_t)(slash - path));
}

int dc_mkdirs(const char *dir)
{
    char *p = dc_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        *s = '/';
    }
    int rc = 0;
    if (mkdir(p, 0777) != 0) {
        struct stat st;
        if (errno != EEXIST || stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            if (errno == EEXIST)
                errno = ENOTDIR;
            rc = -1;
        }
    }
    free(p);
    return rc;
}

dc_status dc_write_file_atomic(const char *path, const void *data, size_t len, dc_error *err)
{
    char *tmp = dc_tmp_name(path);
    dc_status st = dc_outfile_write(tmp, data, len, err);
    if (st == DC_OK && rename(tmp, path) != 0)
        st = dc_error_set(err, DC_ERR_OUTPUT, "cannot rename into place: %s", strerror(errno));
    if (st != DC_OK) {
        unlink(tmp);
        dc_error_prefix(err, path);
    }
    free(tmp);
    return st;
}
