/*
 * pdf_writer.h - the whole document typeset as an archival CJK PDF in the
 * official layout (GB/T 9704-2012), with libharu.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_PDF_WRITER_H
#define DC_PDF_WRITER_H

#include "fonts/fontset.h"
#include "model/disclosure.h"
#include "model/doc.h"

typedef struct {
    long long epoch;                  /**< creation time in seconds since 1970 */
    int has_epoch;                    /**< 0: take the document's created date */
    int pdfa;                         /**< produce PDF/A-1b */
    const char *const *font_specs;    /**< "ROLE=FILE[:INDEX]" overrides, NULL-terminated, or NULL */
    const char *font_config;          /**< a font configuration file, or NULL */
    const dc_fontset *fontset;        /**< fonts already resolved (then font_specs and
                                           font_config are ignored), or NULL */
    /** Bytes of laid-out pages held at once (0: 24 MiB).  A document whose
     *  pages need more is laid out twice, the second time drawing each page
     *  as it is finished; the file is the same either way. */
    size_t page_memory;
    /** Called once per warning (e.g. characters no font has); may be NULL. */
    void (*warn)(void *ctx, const char *message);
    void *warn_ctx;
} dc_pdf_options;

/** Writes the PDF to exactly `path` (the caller handles temporary names and
 *  renaming); sets *pages (when not NULL) to the page count.  Fonts are
 *  resolved from opt->font_specs and opt->font_config (fonts/fontset.h).
 *  d may be NULL (then the document's own properties fill the information
 *  dictionary).  Characters no font has are reported once through opt->warn.
 *  Returns DC_OK or an error with err set: DC_ERR_USAGE for unusable fonts,
 *  DC_ERR_OUTPUT when the file cannot be written (the message does not name
 *  the file: "cannot write: No space left on device"). */
dc_status dc_pdf_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                       const dc_pdf_options *opt, int *pages, dc_error *err);

/** The same with fonts already resolved (opt's font fields are ignored). */
dc_status dc_pdf_write_with(const dc_doc *doc, const dc_disclosure *d, const dc_fontset *fs,
                            const char *path, const dc_pdf_options *opt, int *pages,
                            dc_error *err);

#endif
