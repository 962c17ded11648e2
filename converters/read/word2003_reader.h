/*
 * word2003_reader.h - WordprocessingML 2003 (root w:wordDocument, often saved
 * with a .doc or .xml name by Java systems) into the document model.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_WORD2003_READER_H
#define DC_WORD2003_READER_H

#include <libxml/tree.h>

#include "converters/read/input_limits.h"
#include "model/doc.h"

/** Reads Word 2003 XML from memory, its body block by block (the tree of one
 *  block at a time, not the whole document's).  Returns a new document or
 *  NULL with err set ("malformed XML in the document at line N: ..." as a
 *  whole parse would say). */
dc_doc *dc_word2003_read(const char *data, size_t len, const dc_limits *lim,
                         dc_error *err);

#endif
