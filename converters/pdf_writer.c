/*
 * pdf_writer.c - PLACEHOLDER until issue 9 lands.
 *
 * SPDX-License-Identifier: MIT
 */
#include "pdf_writer.h"

dc_status dc_pdf_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                       const dc_pdf_options *opt, int *pages, dc_error *err)
{
    (void)doc; (void)d; (void)path; (void)opt; (void)pages;
    return dc_error_set(err, DC_ERR_INTERNAL, "PDF output is not implemented yet");
}
