/*
 * json_writer.h - the document model as JSON (`disclosure inspect --json`);
 * the shape is documented in docs/json.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_JSON_WRITER_H
#define DC_JSON_WRITER_H

#include "model/doc.h"

/** Appends the whole document (metadata, body, notes) as pretty JSON. */
void dc_json_write_doc(const dc_doc *doc, dc_buf *out);

#endif
