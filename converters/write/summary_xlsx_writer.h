/*
 * summary_xlsx_writer.h - the batch summary workbook (libxlsxwriter): one row
 * per converted document with its key figures as numbers, all validator
 * findings, all project indicators, and the inputs that failed.
 *
 * Documents, findings and indicators are added one at a time and written
 * row by row (libxlsxwriter's constant_memory mode): neither the caller nor
 * the writer holds a whole batch in memory.  The workbook is finished by
 * dc_summary_xlsx_close().
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_SUMMARY_XLSX_WRITER_H
#define DC_SUMMARY_XLSX_WRITER_H

#include "model/key_figures.h"
#include "model/util.h"

typedef struct {
    const char *name;             /**< the document's output name ("sub/a") */
    const char *input;            /**< the input path */
    const char *format;           /**< "docx", "flat-opc", "word2003", or a sniffed kind */
    int ok;                       /**< converted; else it goes to the failures sheet */
    const char *reason, *error;   /**< why it failed */
    const char *department, *title;
    const char *kind;             /**< "budget", "final_accounts" or NULL */
    int year;                     /**< 0 unknown */
    long pages, tables, projects; /**< -1 unknown */
    long finding_count, error_count, warning_count;   /**< -1 unknown */
    int has[DC_KF_COUNT];
    double fig[DC_KF_COUNT];      /**< 万元 */
} dc_summary_doc;

typedef struct {
    const char *severity;         /**< "error", "warning", "info" */
    const char *code, *place, *message;
} dc_summary_finding;

typedef struct {
    long project;
    const char *project_title, *level1, *level2, *level3, *description, *value, *basis;
} dc_summary_indicator;

typedef struct dc_summary_xlsx dc_summary_xlsx;

/** Starts a workbook that dc_summary_xlsx_close() writes to exactly `path`.
 *  The creation date is `epoch` (seconds since 1970); `ndocs` is how many
 *  converted documents will be added (the title says it; rows are written as
 *  they come, so memory does not grow with the batch).  NULL with err set on
 *  failure. */
dc_summary_xlsx *dc_summary_xlsx_open(const char *path, long long epoch, size_t ndocs,
                                      dc_error *err);

void dc_summary_xlsx_add_document(dc_summary_xlsx *w, const dc_summary_doc *doc);
void dc_summary_xlsx_add_finding(dc_summary_xlsx *w, const dc_summary_doc *doc,
                                 const dc_summary_finding *f);
void dc_summary_xlsx_add_indicator(dc_summary_xlsx *w, const dc_summary_doc *doc,
                                   const dc_summary_indicator *x);

/** Writes the file and frees w.  Returns DC_OK or DC_ERR_OUTPUT with err set. */
dc_status dc_summary_xlsx_close(dc_summary_xlsx *w, dc_error *err);

#endif
