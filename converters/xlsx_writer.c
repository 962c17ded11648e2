/*
 * xlsx_writer.c - PLACEHOLDER until issue 5 lands.
 *
 * SPDX-License-Identifier: MIT
 */
#include "xlsx_writer.h"

dc_status dc_xlsx_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                        const dc_xlsx_options *opt, dc_error *err)
{
    (void)doc; (void)d; (void)path; (void)opt;
    return dc_error_set(err, DC_ERR_INTERNAL, "XLSX output is not implemented yet");
}
