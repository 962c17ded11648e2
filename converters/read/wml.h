/*
 * wml.h - small WordprocessingML helpers for the body reader both Word-XML
 * dialects share (wml_body.c): TC field instructions and built-in heading
 * style names mean the same in OOXML and Word 2003 XML (w:sym characters are
 * in symbols.h).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_WML_H
#define DC_WML_H

#include "model/doc.h"

/** Parses a TC field instruction (` TC "text" \f C \l 2 `; the text may be
 *  quoted with straight or curly quotes, or not quoted at all and then runs
 *  up to the first switch) into a new TOC_ENTRY node owned by doc.  Returns
 *  NULL when instr is not a TC field. */
dc_node *dc_wml_tc_entry(dc_doc *doc, const char *instr);

/** The target URI of a HYPERLINK field instruction (` HYPERLINK "http://x" \\o "tip"`,
 *  the URI quoted or not), copied into doc; NULL when instr is not a HYPERLINK field
 *  or names only a bookmark (\\l). */
const char *dc_wml_hyperlink_target(dc_doc *doc, const char *instr);

/** The heading level of a built-in heading style name: "heading 3",
 *  "Heading3", "标题 3" -> 3; 0 for any other name (or NULL). */
int dc_wml_heading_level(const char *style_name);

#endif
