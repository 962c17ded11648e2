/*
 * text_writer.h - the visible text of a document, one line per paragraph and
 * per table cell (the rules are in the README under "inspect").
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_TEXT_WRITER_H
#define DC_TEXT_WRITER_H

#include "model/doc.h"

/** Appends the visible text of the body, then of the notes, to out. */
void dc_text_write(const dc_doc *doc, dc_buf *out);

#endif
