/*
 * xlsx_file.c - a workbook built in memory, proved complete, then written.
 *
 * SPDX-License-Identifier: MIT
 */
#include "converters/write/xlsx_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "converters/read/package.h"
#include "converters/write/outfile.h"

lxw_workbook *dc_xlsx_file_open(dc_xlsx_file *f, const char *path,
                                const lxw_workbook_options *base, dc_error *err)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    f->memfd = -1;
    f->tmpdir = dc_path_dir(path);
    /* The file itself is created first, so that a directory we cannot
     * write in is our error, not a library print. */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        dc_error_set(err, DC_ERR_OUTPUT, "cannot create: %s", strerror(errno));
        free(f->tmpdir);
        f->tmpdir = NULL;
        return NULL;
    }
    close(fd);
    f->memfd = memfd_create("disclosure-xlsx", MFD_CLOEXEC);
    if (f->memfd >= 0) {
        snprintf(f->zpath, sizeof f->zpath, "/proc/self/fd/%d", f->memfd);
        if (access(f->zpath, W_OK) != 0) {   /* no /proc: build in the file itself */
            close(f->memfd);
            f->memfd = -1;
        }
    }
    lxw_workbook_options wo;
    memset(&wo, 0, sizeof wo);
    if (base)
        wo = *base;
    wo.tmpdir = f->tmpdir;
    lxw_workbook *wb = workbook_new_opt(f->memfd >= 0 ? f->zpath : path, &wo);
    if (!wb) {
        dc_error_set(err, DC_ERR_NOMEM, "out of memory while starting the workbook");
        dc_xlsx_file_close(f, NULL, DC_ERR_NOMEM, err);
    }
    return wb;
}

static int S_zip_error(lxw_error e)
{
    return e == LXW_ERROR_ZIP_FILE_OPERATION || e == LXW_ERROR_ZIP_PARAMETER_ERROR ||
           e == LXW_ERROR_ZIP_BAD_ZIP_FILE || e == LXW_ERROR_ZIP_INTERNAL_ERROR ||
           e == LXW_ERROR_ZIP_FILE_ADD || e == LXW_ERROR_ZIP_CLOSE;
}

/* 1 when dir's file system has less than 1 MiB left for us: a part cut
 * short there was cut by a full disk. */
static int S_nearly_full(const char *dir)
{
    struct statvfs sv;
    return statvfs(dir, &sv) == 0 && (unsigned long long)sv.f_bavail * sv.f_frsize < (1u << 20);
}

/* The bytes of the built zip, mapped (not copied: a summary workbook of a big
 * batch is large); caller unmaps *len bytes. */
static unsigned char *S_map(int fd, size_t *len, dc_error *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s", strerror(errno));
        return NULL;
    }
    if (st.st_size <= 0) {
        dc_error_set(err, DC_ERR_OUTPUT, "cannot write: the built workbook is empty");
        return NULL;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        if (errno == ENOMEM)   /* a memory limit, not the disk */
            dc_error_set(err, DC_ERR_NOMEM, "out of memory while checking the built workbook");
        else
            dc_error_set(err, DC_ERR_OUTPUT, "cannot write: cannot read the built workbook: %s",
                         strerror(errno));
        return NULL;
    }
    *len = (size_t)st.st_size;
    return p;
}

dc_status dc_xlsx_file_close(dc_xlsx_file *f, lxw_workbook *wb, dc_status st, dc_error *err)
{
    if (wb) {
        errno = 0;
        lxw_error e = workbook_close(wb);
        int saved = errno;
        /* a failing write of the zip (EFBIG past ulimit -f: the memory file
         * counts too) leaves its errno, which says more than "Zip generic
         * error ZIP_ERRNO" */
        if (e != LXW_NO_ERROR && st == DC_OK)
            st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s",
                              S_zip_error(e) && saved ? strerror(saved) : lxw_strerror(e));
    }
    if (st == DC_OK) {
        int fd = f->memfd >= 0 ? f->memfd : open(f->path, O_RDONLY | O_CLOEXEC);
        size_t len = 0;
        unsigned char *zip = fd >= 0 ? S_map(fd, &len, err) : NULL;
        if (fd < 0)
            st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s", strerror(errno));
        else if (!zip)
            st = err->code;
        if (fd >= 0 && fd != f->memfd)
            close(fd);
        if (st == DC_OK) {
            /* What went wrong is lost inside the library (it does not check
             * its writes); what it means is not. */
            dc_error cerr = {0};
            if (dc_package_check_zip(zip, len, &cerr) != DC_OK) {
                if (S_nearly_full(f->tmpdir))
                    st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s", strerror(ENOSPC));
                else
                    st = dc_error_set(err, DC_ERR_OUTPUT,
                                      "cannot write: a temporary part of the workbook in %s was "
                                      "cut short (is the disk full?)", f->tmpdir);
            }
        }
        if (st == DC_OK)
            st = dc_outfile_write(f->path, zip, len, err);
        if (zip)
            munmap(zip, len);
    }
    if (st != DC_OK)
        unlink(f->path);
    if (f->memfd >= 0)
        close(f->memfd);
    f->memfd = -1;
    free(f->tmpdir);
    f->tmpdir = NULL;
    return st;
}
