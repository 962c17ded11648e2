/*
 * pdf_writer.h - the whole document typeset as an archival CJK PDF in the
 * official layout (GB/T 9704-2012), with libharu.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_PDF_WRITER_H
#define DC_PDF_WRITER_H

#include "model/disclosure.h"
#include "model/doc.h"

typedef struct {
    long long epoch;                  /**< creation time in seconds since 1970 */
    int has_epoch;                    /**< 0: take the document's created date */
    int pdfa;                         /**< produce PDF/A-1b */
    const char *const *font_specs;    /**< "ROLE=FILE[:INDEX]" overrides, NULL-terminated, or NULL */
    const char *font_config;          /**< a font configuration file, or NULL */
    /** Called once per warning (e.g. characters no font has); may be NULL. */
    void (*warn)(void *ctx, const char *message);
    void *warn_ctx;
} dc_pdf_options;

/** Writes the PDF to exactly `path` (the caller handles temporary names and
 *  renaming); sets *pages (when not NULL) to the page count.  Returns DC_OK or
 *  an error with err set. */
dc_status dc_pdf_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                       const dc_pdf_options *opt, int *pages, dc_error *err);

#endif
