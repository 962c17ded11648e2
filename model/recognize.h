/*
 * recognize.h - lift a document model into the typed disclosure model.
 *
 * Recognition reads only the document model, so every input form gets the
 * same result.  Sections are found by their numbered headings, tables by
 * their header vocabulary and figures by the phrases around them - never by
 * position.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_RECOGNIZE_H
#define DC_RECOGNIZE_H

#include "model/disclosure.h"

/** Recognizes what doc contains.  Never NULL (an unrelated document gives an
 *  almost empty disclosure with findings saying what is missing).  The result
 *  borrows doc; free it with dc_disclosure_free() before freeing doc. */
dc_disclosure *dc_recognize(const dc_doc *doc);

#endif
