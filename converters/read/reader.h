/*
 * reader.h - reading a Word-XML file into the document model, whatever its
 * form: the format is detected from the bytes, never from the file name.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_READER_H
#define DC_READER_H

#include <stddef.h>

#include "converters/read/input_limits.h"
#include "model/doc.h"

/** What the first bytes of a file say it is. */
typedef enum {
    DC_SNIFF_EMPTY = 0,
    DC_SNIFF_ZIP,         /**< PK\3\4: an OOXML package, or another zip */
    DC_SNIFF_XML,         /**< starts like XML: Flat OPC, Word 2003, or other */
    DC_SNIFF_OLE,         /**< D0 CF 11 E0: legacy .doc or encrypted .docx */
    DC_SNIFF_RTF,
    DC_SNIFF_OTHER
} dc_sniff_kind;

dc_sniff_kind dc_sniff(const unsigned char *data, size_t len);

/** Reads a file into a new document; NULL with err set on failure.  The
 *  message does not name the file: callers print "FILE: message". */
dc_doc *dc_read_file(const char *path, const dc_limits *lim, dc_error *err);
/** The same from memory (used by tests, the fuzzers and dc_read_file). */
dc_doc *dc_read_memory(const unsigned char *data, size_t len, const dc_limits *lim,
                       dc_error *err);

#endif
