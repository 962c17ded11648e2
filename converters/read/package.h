/*
 * package.h - an OPC package (the parts of a .docx) behind one interface,
 * whether it is a zip file or a Flat OPC XML document (pkg:package).
 *
 * Parts are named without the leading slash ("word/document.xml") and looked
 * up ignoring ASCII case, as OPC requires.  Relationships are resolved to part
 * names, so readers follow them and never assume paths.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_PACKAGE_H
#define DC_PACKAGE_H

#include <libxml/tree.h>

#include "converters/read/input_limits.h"
#include "converters/read/xml.h"

typedef struct dc_package dc_package;

typedef struct {
    const char *id;
    const char *type;      /**< relationship type URI */
    const char *target;    /**< resolved part name, or the raw URI when external */
    int external;
} dc_rel;

/** Opens a zip package held in memory (data must outlive the package). */
dc_package *dc_package_open_zip(const unsigned char *data, size_t len, const dc_limits *lim,
                                dc_error *err);
/** Opens a Flat OPC document held in memory (data must outlive the
 *  package).  Every part is parsed now but the body of a w:document, whose
 *  blocks dc_package_xml_stream reads in a second pass over data, one block
 *  at a time.  NULL with err set as dc_xml_parse would. */
dc_package *dc_package_open_flat_xml(const char *data, size_t len, const dc_limits *lim,
                                     dc_error *err);
void dc_package_free(dc_package *pkg);

/** Proves a zip package complete: every entry inflates to its declared size
 *  with a matching CRC and every XML part (.xml, .rels) is well-formed.  The
 *  XLSX writers check what they built with it (libxlsxwriter does not notice
 *  a temporary part cut short).  Returns DC_OK or the first problem. */
dc_status dc_package_check_zip(const unsigned char *data, size_t len, dc_error *err);

/** True when the package has a part of that name. */
int dc_package_has(dc_package *pkg, const char *part);
/** The root element of an XML part, parsed once and kept until the package is
 *  freed.  NULL when the part is absent (err untouched) or broken (err set). */
xmlNode *dc_package_xml(dc_package *pkg, const char *part, dc_error *err);
/** dc_package_xml, the first parse of the part leaving out the subtrees of the
 *  w: elements named in skip (dc_xml_parse_pruned); a part already parsed is
 *  returned as it is.  A Flat OPC part is parsed whole when the package is
 *  opened, but for the blocks of a w:document's body, which only
 *  dc_package_xml_stream reads. */
xmlNode *dc_package_xml_pruned(dc_package *pkg, const char *part, const char *const *skip,
                               dc_error *err);
/** Reads an XML part block by block (dc_xml_stream): the children of the
 *  containers the hooks choose go to hooks->block one at a time and are not
 *  kept, so a large part needs the memory of one block.  The rest of the tree
 *  is kept as dc_package_xml keeps it and its root returned.  A part already
 *  parsed, or a Flat OPC part, is walked in its tree (dc_xml_walk_blocks)
 *  with the same hooks.  NULL when the part is absent (err untouched), broken
 *  (err set) or a hook stopped the reading (the hook's error stands). */
xmlNode *dc_package_xml_stream(dc_package *pkg, const char *part,
                               const dc_xml_stream_hooks *hooks, dc_error *err);
/** The relationships whose source is `part` ("" for the package itself).
 *  Returns the count and sets *rels (owned by the package); 0 when none. */
size_t dc_package_rels(dc_package *pkg, const char *part, const dc_rel **rels,
                       dc_error *err);
/** The target part of the first internal relationship of `part` whose type
 *  ends with "/" + type_tail (e.g. "officeDocument", "styles"), or NULL. */
const char *dc_package_rel_target(dc_package *pkg, const char *part, const char *type_tail,
                                  dc_error *err);
/** The target of relationship `id` of `part`, or NULL. */
const dc_rel *dc_package_rel_by_id(dc_package *pkg, const char *part, const char *id,
                                   dc_error *err);
/** The content type of a part from [Content_Types].xml (Override, then
 *  Default by extension), or from pkg:contentType; NULL when unknown. */
const char *dc_package_content_type(dc_package *pkg, const char *part, dc_error *err);
/** Number of parts, and the name of part i (0-based), for listing. */
size_t dc_package_part_count(const dc_package *pkg);
const char *dc_package_part_name(const dc_package *pkg, size_t i);

/** The first part whose content type equals ctype, or NULL. */
const char *dc_package_find_by_type(dc_package *pkg, const char *ctype, dc_error *err);

#endif
