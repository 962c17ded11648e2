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
 *  and renaming), built and checked as converters/write/xlsx_file.h says.
 *  Returns DC_OK or an error with err set; DC_ERR_OUTPUT messages do not
 *  name the file ("cannot write: No space left on device"). */
dc_status dc_xlsx_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                        const dc_xlsx_options *opt, dc_error *err);

/* ---- layout helpers (exposed for the unit tests) ----------------------- */

/** Width of the widest line of s[0..n) in Excel character units: CJK and
 *  full-width characters count 2, others 1, a tab 4. */
double dc_xlsx_text_width(const char *s, size_t n);
/** Lines s[0..n) takes when wrapped in a column `width` units wide (each
 *  '\n'-separated line at least one). */
int dc_xlsx_text_lines(const char *s, size_t n, double width);
/** The column width for content `text_width` units wide: padded, at least 6
 *  and at most 40 (longer text wraps). */
double dc_xlsx_column_width(double text_width);
/** Parses a W3CDTF date-time ("2021-02-20T09:30:00Z", "2021", ...) into
 *  seconds since 1970 (UTC).  Returns 1 on success, 0 when malformed. */
int dc_xlsx_parse_w3cdtf(const char *s, long long *out);

#endif
