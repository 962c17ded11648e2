/*
 * outfile.h - the one way the writers put bytes into a file: every write,
 * the sync and the close are checked, so a short write, a full disk or a
 * failing close is an error of that output, never a truncated file.  Errors
 * are one human line without the file name ("cannot write: No space left on
 * device"); the caller knows which output it was and says so.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_OUTFILE_H
#define DC_OUTFILE_H

#include <stddef.h>

#include "model/util.h"

typedef struct {
    int fd;
    const char *path;
} dc_outfile;

/** Creates (or truncates) path for writing.  Returns DC_OK, or
 *  DC_ERR_OUTPUT with err set ("cannot create: ...") and f->fd = -1. */
dc_status dc_outfile_open(dc_outfile *f, const char *path, dc_error *err);
/** Writes all len bytes (retrying short writes and EINTR).  Returns DC_OK or
 *  DC_ERR_OUTPUT with err set ("cannot write: ..."). */
dc_status dc_outfile_put(dc_outfile *f, const void *data, size_t len, dc_error *err);
/** Syncs and closes the file.  With st != DC_OK (an earlier failure) it only
 *  closes and removes the file.  Returns st, or the sync/close error. */
dc_status dc_outfile_close(dc_outfile *f, dc_status st, dc_error *err);

/** open + put + close: the whole of data into path. */
dc_status dc_outfile_write(const char *path, const void *data, size_t len, dc_error *err);

/** The directory part of path ("." when it has none); caller frees. */
char *dc_path_dir(const char *path);

/** mkdir -p: creates dir and its missing parents.  Returns 0, or -1 with
 *  errno set (ENOTDIR when a component exists but is not a directory). */
int dc_mkdirs(const char *dir);

/** Writes data to path atomically (temporary file in the same directory,
 *  fsync, rename).  Returns DC_OK or DC_ERR_OUTPUT with err set (the
 *  message names the path). */
dc_status dc_write_file_atomic(const char *path, const void *data, size_t len, dc_error *err);

#endif
