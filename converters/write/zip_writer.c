/*
 * zip_writer.c - a deterministic ZIP archive of files (the answers of
 * `serve` /api/convert that carry several outputs), written with minizip.
 *
 * SPDX-License-Identifier: MIT
 */
#include "zip_writer.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <zip.h>

/* The MS-DOS date and time of epoch (UTC), clamped to the DOS range. */
static uLong S_dos_date(long long epoch)
{
    if (epoch < 315532800)   /* 1980-01-01 */
        epoch = 315532800;
    if (epoch > 4354819199LL)   /* 2107-12-31 */
        epoch = 4354819199LL;
    time_t t = (time_t)epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    return ((uLong)(tm.tm_year - 80) << 25) | ((uLong)(tm.tm_mon + 1) << 21) |
           ((uLong)tm.tm_mday << 16) | ((uLong)tm.tm_hour << 11) | ((uLong)tm.tm_min << 5) |
           ((uLong)tm.tm_sec >> 1);
}

dc_status dc_zip_write(const char *path, const dc_zip_entry *entries, size_t n, long long epoch,
                       dc_error *err)
{
    zipFile z = zipOpen64(path, APPEND_STATUS_CREATE);
    if (!z)
        return dc_error_set(err, DC_ERR_OUTPUT, "cannot create %s", path);
    dc_status st = DC_OK;
    char buf[65536];
    for (size_t i = 0; i < n && st == DC_OK; i++) {
        FILE *f = fopen(entries[i].path, "rb");
        if (!f) {
            st = dc_error_set(err, DC_ERR_OUTPUT, "cannot read %s: %s", entries[i].path,
                              strerror(errno));
            break;
        }
        zip_fileinfo zi;
        memset(&zi, 0, sizeof zi);
        zi.dosDate = S_dos_date(epoch);
        /* flagBase 1 << 11: the names are UTF-8 */
        if (zipOpenNewFileInZip4_64(z, entries[i].name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                                    6, 0, -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL, 0,
                                    0, 1 << 11, 0) != ZIP_OK) {
            fclose(f);
            st = dc_error_set(err, DC_ERR_OUTPUT, "cannot add %s to %s", entries[i].name, path);
            break;
        }
        size_t r;
        while ((r = fread(buf, 1, sizeof buf, f)) > 0)
            if (zipWriteInFileInZip(z, buf, (unsigned)r) != ZIP_OK) {
                st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write %s", path);
                break;
            }
        if (st == DC_OK && ferror(f))
            st = dc_error_set(err, DC_ERR_OUTPUT, "cannot read %s", entries[i].path);
        fclose(f);
        if (zipCloseFileInZip(z) != ZIP_OK && st == DC_OK)
            st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write %s", path);
    }
    if (zipClose(z, NULL) != ZIP_OK && st == DC_OK)
        st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write %s", path);
    if (st != DC_OK)
        remove(path);
    return st;
}
