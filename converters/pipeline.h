/*
 * pipeline.h - what joins the readers and the writers: the one analysis of an
 * input (read, recognize, validate) that every command and the server call,
 * the table of writers, and the conversion of one input into its outputs,
 * written atomically.
 *
 * `convert` calls dc_convert_file() once per file, the batch and server
 * workers in their own processes; `check`, `inspect` and the server's check
 * call dc_analyze().
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_PIPELINE_H
#define DC_PIPELINE_H

#include "converters/read/input_limits.h"
#include "converters/write/pdf_writer.h"
#include "converters/write/xlsx_writer.h"
#include "model/disclosure.h"
#include "model/doc.h"

/* ------------------------------------------------------------------------
 * Analysis
 * ------------------------------------------------------------------------ */

/** One input analysed: its document model and the recognised disclosure
 *  with the validator's findings (d->findings). */
typedef struct {
    dc_doc *doc;
    dc_disclosure *disclosure;
} dc_analysis;

/** Reads `path` (any supported form), recognizes and validates it.  When
 *  recognize is 0 only the document is read (disclosure stays NULL).
 *  Returns DC_OK, or the reader's status with err set (the message does
 *  not name the file); a->doc and a->disclosure are then NULL. */
dc_status dc_analyze(const char *path, const dc_limits *lim, int recognize, dc_analysis *a,
                     dc_error *err);

/** Frees both; accepts a zeroed analysis. */
void dc_analysis_free(dc_analysis *a);

/** What an input file is before it is read: its size, SHA-256 and the form
 *  its first bytes say ("zip", "xml", "ole", "rtf", "empty", "other"). */
typedef struct {
    long long bytes;
    char sha256[65];          /**< lower-case hex */
    const char *form;         /**< a static string */
} dc_input_id;

/** Identifies `path` (read whole, at most lim->max_input bytes).  Returns
 *  DC_OK, or the reader's status with err set. */
dc_status dc_input_identify(const char *path, const dc_limits *lim, dc_input_id *id,
                            dc_error *err);

/* ------------------------------------------------------------------------
 * Writers
 * ------------------------------------------------------------------------ */

enum { DC_OUT_XLSX = 1, DC_OUT_PDF = 2, DC_OUT_JSON = 4 };
enum { DC_OUTPUT_COUNT = 3 };

typedef struct {
    unsigned outputs;         /**< DC_OUT_* bits */
    dc_limits lim;
    dc_xlsx_options xlsx;
    dc_pdf_options pdf;
    int concurrent;           /**< write the XLSX in a forked child while the PDF is written */
} dc_convert_options;

/** What a writer says besides its status. */
typedef struct {
    int pages;                /**< pages written (PDF), else 0 */
} dc_write_info;

/** One output format.  Every writer has this shape: it writes exactly
 *  `path` (the pipeline handles temporary names and renaming); `name` is the
 *  document's base name (the JSON's "document").  DC_ERR_OUTPUT messages do
 *  not name the file. */
typedef struct {
    unsigned bit;             /**< DC_OUT_* */
    const char *key;          /**< "xlsx", "pdf", "json": option and report key */
    const char *ext;          /**< ".xlsx", ".pdf", ".json" */
    const char *media_type;   /**< Content-Type of the file */
    dc_status (*write)(const dc_analysis *a, const char *name, const char *path,
                       const dc_convert_options *opt, dc_write_info *info, dc_error *err);
} dc_writer;

/** The writers, in output order: dc_writers[i].bit == 1 << i. */
extern const dc_writer dc_writers[DC_OUTPUT_COUNT];

/* ------------------------------------------------------------------------
 * Conversion of one input
 * ------------------------------------------------------------------------ */

/** What one conversion did.  Strings are malloc'ed; dc_convert_result_free(). */
typedef struct {
    dc_format format;
    char *department;
    int year;
    int tables;               /**< tables in the document body */
    int pages;                /**< PDF pages, 0 when no PDF */
    int projects;             /**< project performance tables recognized */
    size_t findings, errors, warnings;
    char *out[DC_OUTPUT_COUNT];/**< written paths: xlsx, pdf, json (NULL when not asked) */
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

/* ------------------------------------------------------------------------
 * Test hooks
 * ------------------------------------------------------------------------ */

/** Points where the tests' own build of the binary (tests/hooks/) acts:
 *  crash, hang, hog memory, or hold while temporary outputs exist.  The
 *  production binary never sets them, so it has no such behaviour. */
typedef struct {
    /** A worker is about to convert the input called `name`. */
    void (*job_start)(const char *name);
    /** All temporary outputs of a document are written, none renamed yet. */
    void (*outputs_written)(void);
    /** A batch's or summarize's report files are written under their
     *  temporary names, none renamed yet. */
    void (*reports_written)(void);
} dc_test_hooks;

/** Installs hooks (NULL: none); the caller keeps *h alive. */
void dc_test_hooks_set(const dc_test_hooks *h);
/** Call the hooks when installed. */
void dc_test_hook_job_start(const char *name);
void dc_test_hook_reports_written(void);

#endif
