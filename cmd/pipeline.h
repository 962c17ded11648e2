/*
 * pipeline.h - convert one input file: read, recognize, validate, write the
 * chosen outputs atomically.  `convert` calls it once per file and `batch`
 * workers call it in their own processes.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_PIPELINE_H
#define DC_PIPELINE_H

#include "converters/write/pdf_writer.h"
#include "converters/read/reader.h"
#include "converters/write/xlsx_writer.h"

enum { DC_OUT_XLSX = 1, DC_OUT_PDF = 2, DC_OUT_JSON = 4 };

typedef struct {
    unsigned outputs;         /**< DC_OUT_* bits */
    dc_limits lim;
    dc_xlsx_options xlsx;
    dc_pdf_options pdf;
    int concurrent;           /**< write the XLSX in a forked child while the PDF is written */
} dc_convert_options;

/** What one conversion did.  Strings are malloc'ed; dc_convert_result_free(). */
typedef struct {
    dc_format format;
    char *department;
    int year;
    int tables;               /**< tables in the document body */
    int pages;                /**< PDF pages, 0 when no PDF */
    int projects;             /**< project performance tables recognized */
    size_t findings, errors, warnings;
    char *out[3];             /**< written paths: xlsx, pdf, json (NULL when not asked) */
    dc_disclosure *disclosure;/**< kept when keep_disclosure was asked, else NULL */
    dc_doc *doc;              /**< the document behind it (owned with the disclosure) */
} dc_convert_result;

/** Fills opt with defaults: xlsx+pdf, default limits, SOURCE_DATE_EPOCH when set. */
void dc_convert_options_init(dc_convert_options *opt);

/** Converts `input` into outdir/<stem>.{xlsx,pdf,json}.  stem NULL = the input's
 *  base name without its extension.  outdir is created (with its parents)
 *  once the document has been read, so a failed input leaves no empty
 *  directory behind.  Every output is written to a temporary
 *  name in outdir first; all are renamed into place only when all succeeded,
 *  so a failure leaves no partial file and never overwrites a good one.  An
 *  output that would be the input itself is refused.  When keep is non-zero
 *  the result keeps the document and disclosure for the caller.  Returns
 *  DC_OK or an error with err set (message without the file name). */
dc_status dc_convert_file(const char *input, const char *outdir, const char *stem,
                          const dc_convert_options *opt, int keep, dc_convert_result *res,
                          dc_error *err);

void dc_convert_result_free(dc_convert_result *res);

/** The base name of path without directory and extension; caller frees. */
char *dc_path_stem(const char *path);

/** mkdir -p: creates dir and its missing parents.  Returns 0, or -1 with
 *  errno set (ENOTDIR when a component exists but is not a directory). */
int dc_mkdirs(const char *dir);

/** Writes data to path atomically (temporary file in the same directory,
 *  fsync, rename).  Returns DC_OK or DC_ERR_OUTPUT with err set. */
dc_status dc_write_file_atomic(const char *path, const void *data, size_t len, dc_error *err);

#endif
