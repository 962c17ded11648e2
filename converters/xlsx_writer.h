/*
 * xlsx_writer.h - every table of the document as a formatted worksheet, an
 * overview sheet of the recognized figures and a consolidated indicator sheet
 * (libxlsxwriter).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_XLSX_WRITER_H
#define DC_XLSX_WRITER_H

#include "model/disclosure.h"
#include "model/doc.h"

typedef struct {
    long long epoch;        /**< creation time in seconds since 1970 */
    int has_epoch;          /**< 0: take the document's created date, else 1970-01-01 */
} dc_xlsx_options;

/** Writes the workbook to exactly `path` (the caller handles temporary names
 *  and renaming).  Returns DC_OK or an error with err set. */
dc_status dc_xlsx_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                        const dc_xlsx_options *opt, dc_error *err);

#endif
