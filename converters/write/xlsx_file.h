/*
 * xlsx_file.h - where a libxlsxwriter workbook is built and how it reaches
 * its file, shared by the document and the summary workbooks.
 *
 * libxlsxwriter (Debian 12: 1.1.4) writes each part to an unlinked temporary
 * file, ignores write errors on it (a full temporary directory gives a part
 * cut short, zipped as if whole) and prints its own "[ERROR]" lines on
 * stderr when the zip cannot be written; those prints are compiled into the
 * library and cannot be switched off.  So:
 *  - the temporary parts are made in the output's own directory (never a
 *    small /tmp or /dev/shm; they are unlinked at once, so nothing is left);
 *  - the zip is built in an anonymous memory file (memfd), where writing
 *    cannot fail for want of disk, so the library has nothing to print;
 *  - the finished package is proved complete (dc_package_check_zip: every
 *    entry inflates with its CRC, every XML part is well-formed) and only
 *    then written to the file with dc_outfile (every write checked).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_XLSX_FILE_H
#define DC_XLSX_FILE_H

#include <xlsxwriter.h>

#include "model/util.h"

typedef struct {
    const char *path;   /**< the file to write */
    char *tmpdir;       /**< the directory of path: libxlsxwriter's temporary parts */
    int memfd;          /**< the zip in memory, -1 when no memfd (then path itself) */
    char zpath[64];     /**< the name libxlsxwriter writes the zip to */
} dc_xlsx_file;

/** Starts a workbook for path.  Returns NULL with err set when it cannot. */
lxw_workbook *dc_xlsx_file_open(dc_xlsx_file *f, const char *path,
                                const lxw_workbook_options *base, dc_error *err);
/** Closes the workbook and, when st is DC_OK, writes it to the path; on any
 *  failure the path is removed.  Returns st or the first error ("cannot
 *  write: ..."). */
dc_status dc_xlsx_file_close(dc_xlsx_file *f, lxw_workbook *wb, dc_status st, dc_error *err);

#endif
