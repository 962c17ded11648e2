/*
 * word2003_reader.c - WordprocessingML 2003 into the document model.
 * (Being written; see issue 3.)
 *
 * SPDX-License-Identifier: MIT
 */
#include "word2003_reader.h"

dc_doc *dc_word2003_read(xmlDocPtr xml, const dc_limits *lim, dc_error *err)
{
    (void)xml;
    (void)lim;
    dc_error_set(err, DC_ERR_FORMAT, "Word 2003 XML is not supported yet");
    return NULL;
}
