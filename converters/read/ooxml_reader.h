/*
 * ooxml_reader.h - WordprocessingML (transitional and strict) from an OPC
 * package - a .docx zip or Flat OPC - into the document model.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_OOXML_READER_H
#define DC_OOXML_READER_H

#include "converters/read/package.h"
#include "model/doc.h"

/** Reads the main document of pkg (found through its relationships) with its
 *  styles, numbering, notes and core properties.  Returns a new document or
 *  NULL with err set. */
dc_doc *dc_ooxml_read(dc_package *pkg, const dc_limits *lim, dc_error *err);

#endif
