/*
 * wml.h - small WordprocessingML helpers shared by the OOXML reader and the
 * Word 2003 reader: the two vocabularies differ, but TC field instructions,
 * w:sym characters and built-in heading style names mean the same in both.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_WML_H
#define DC_WML_H

#include <stdint.h>

#include "model/doc.h"

/** Parses a TC field instruction (` TC "text" \f C \l 2 `; the text may be
 *  quoted with straight or curly quotes, or not quoted at all and then runs
 *  up to the first switch) into a new TOC_ENTRY node owned by doc.  Returns
 *  NULL when instr is not a TC field. */
dc_node *dc_wml_tc_entry(dc_doc *doc, const char *instr);

/** The Unicode character of a w:sym element from its w:font and w:char (hex)
 *  attributes: Symbol-font codes become Greek letters and math signs,
 *  Wingdings/Webdings codes bullets; 0 when there is nothing to show. */
uint32_t dc_wml_sym_char(const char *font, const char *hex);

/** The heading level of a built-in heading style name: "heading 3",
 *  "Heading3", "标题 3" -> 3; 0 for any other name (or NULL). */
int dc_wml_heading_level(const char *style_name);

#endif
