/*
 * zip_writer.h - a deterministic ZIP archive of existing files.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_ZIP_WRITER_H
#define DC_ZIP_WRITER_H

#include <stddef.h>

#include "model/util.h"

typedef struct {
    const char *name;   /**< entry name in the archive (UTF-8) */
    const char *path;   /**< the file whose bytes it holds */
} dc_zip_entry;

/** Writes entries[0..n) in that order into a new archive at path, deflated,
 *  every entry dated epoch (seconds, UTC; clamped to 1980..2107) and no other
 *  varying data, so the same files give the same bytes.  Returns DC_OK or
 *  DC_ERR_OUTPUT with err set (the partial archive is removed). */
dc_status dc_zip_write(const char *path, const dc_zip_entry *entries, size_t n, long long epoch,
                       dc_error *err);

#endif
