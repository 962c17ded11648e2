/*
 * xml.h - safe libxml2 parsing and small DOM helpers shared by the readers.
 *
 * Every XML the program reads goes through dc_xml_parse(): no network, no DTD
 * loading, no entity substitution, and any document type declaration is
 * refused outright (Word-XML never has one), which also stops entity bombs
 * before they start.  Depth and text-node size keep libxml2's default limits.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_XML_H
#define DC_XML_H

#include <libxml/tree.h>

#include "model/util.h"

/* Namespaces the readers look at. */
#define DC_NS_W         "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DC_NS_W_STRICT  "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define DC_NS_R         "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DC_NS_R_STRICT  "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define DC_NS_MC        "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DC_NS_PKG       "http://schemas.microsoft.com/office/2006/xmlPackage"
#define DC_NS_RELS      "http://schemas.openxmlformats.org/package/2006/relationships"
#define DC_NS_W2003     "http://schemas.microsoft.com/office/word/2003/wordml"
#define DC_NS_WX2003    "http://schemas.microsoft.com/office/word/2003/auxHint"
#define DC_NS_AML       "http://schemas.microsoft.com/aml/2001/core"
#define DC_NS_DC        "http://purl.org/dc/elements/1.1/"
#define DC_NS_DCTERMS   "http://purl.org/dc/terms/"
#define DC_NS_CP        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define DC_NS_O         "urn:schemas-microsoft-com:office:office"

/** Parses XML from memory.  `what` names the part for messages ("word/
 *  document.xml").  Returns a document the caller frees with xmlFreeDoc(), or
 *  NULL with err set: DC_ERR_XML "malformed XML in <what> at line N: ..." or
 *  DC_ERR_LIMIT for a refused DTD or nesting too deep. */
xmlDocPtr dc_xml_parse(const char *data, size_t len, const char *what, dc_error *err);

/** dc_xml_parse, but the subtrees of the WordprocessingML (w:) elements named in
 *  skip (local names, NULL-terminated) are not built: they are still parsed and
 *  checked, never kept (styles.xml's table-style conditional formats are most
 *  of its bytes and nobody reads them). */
xmlDocPtr dc_xml_parse_pruned(const char *data, size_t len, const char *what,
                              const char *const *skip, dc_error *err);

/** Checks that XML in memory is well-formed under dc_xml_parse's rules without
 *  building its tree (several times less work).  Returns DC_OK, or the status
 *  dc_xml_parse would fail with, err set the same way. */
dc_status dc_xml_check(const char *data, size_t len, const char *what, dc_error *err);

/** The same check fed piece by piece (a part as it inflates), in bounded
 *  memory: dc_xml_checker_new (never NULL), _feed as often as needed, then
 *  _end, which gives the verdict as dc_xml_check would and frees the checker. */
typedef struct dc_xml_checker dc_xml_checker;
dc_xml_checker *dc_xml_checker_new(const char *what);
void dc_xml_checker_feed(dc_xml_checker *c, const char *data, size_t len);
dc_status dc_xml_checker_end(dc_xml_checker *c, dc_error *err);

/** A parse that hands the children of chosen container elements over one at
 *  a time and frees each when its hook returns, so that memory holds one
 *  block, not the whole tree (a 2,400-table document.xml is some 300 MB of
 *  tree).  Everything outside the containers is built as usual.  The same
 *  rules as dc_xml_parse apply (no DTD, no network, the first error named
 *  with its line).
 *
 *  container: called for every element outside the blocks as it starts (its
 *  attributes, and the whole tree before it, are built); `depth` is 1 for the
 *  root and `in_container` tells whether its parent is a container.  It
 *  returns DC_XML_CONTAINER to make the element a container: text directly
 *  in it is dropped, and each child element, once complete, is passed to
 *  block.  A container's own children may be containers (Word 2003's wx:sect
 *  inside w:body).  DC_XML_SKIP: the element's subtree is parsed and checked
 *  but neither built nor passed on.  DC_XML_BUILD: built as usual (a block,
 *  inside a container).  DC_XML_STOP stops the parse (the hook has set its
 *  own error).
 *  block: a complete child of a container, with its ancestors (but no earlier
 *  siblings) in place; freed when the hook returns.  Returning nonzero stops
 *  the parse (the hook has said why in its own error). */
enum { DC_XML_STOP = -1, DC_XML_BUILD = 0, DC_XML_CONTAINER = 1, DC_XML_SKIP = 2 };

typedef struct {
    int (*container)(void *ctx, const xmlNode *elem, int depth, int in_container);
    int (*block)(void *ctx, xmlNode *block);
    void *ctx;
} dc_xml_stream_hooks;

typedef struct dc_xml_stream dc_xml_stream;
/** A new streaming parse; never NULL (a failure to allocate is reported by
 *  _end). */
dc_xml_stream *dc_xml_stream_new(const char *what, const dc_xml_stream_hooks *hooks);
/** Feeds the next piece of the XML (any size; UTF-8 or a declared encoding). */
void dc_xml_stream_feed(dc_xml_stream *s, const char *data, size_t len);
/** Finishes the parse and frees s.  On success, returns the tree that was
 *  kept (containers emptied), which the caller frees with xmlFreeDoc();
 *  NULL with err set as dc_xml_parse would, or with err untouched when a
 *  block hook stopped the parse (the hook's own error stands). */
xmlDocPtr dc_xml_stream_end(dc_xml_stream *s, dc_error *err);

/** The same hooks over a tree already built (a Flat OPC part, a part parsed
 *  before): the containers' children are passed to block in document order,
 *  and nothing is freed.  Returns nonzero when a hook stopped the walk. */
int dc_xml_walk_blocks(const xmlNode *root, const dc_xml_stream_hooks *hooks);

/** Namespace classes for dc_xml_is(). */
typedef enum {
    DC_XNS_ANY = 0,  /**< any namespace */
    DC_XNS_W,        /**< WordprocessingML main (transitional or strict) */
    DC_XNS_R,        /**< officeDocument relationships (transitional or strict) */
    DC_XNS_MC,
    DC_XNS_W2003,
    DC_XNS_WX2003,
    DC_XNS_AML,
    DC_XNS_PKG,
    DC_XNS_RELS,
    DC_XNS_NONE      /**< no namespace */
} dc_xns;

/** True when node is an element named `local` in namespace class ns. */
int dc_xml_is(const xmlNode *node, dc_xns ns, const char *local);
/** True when node's namespace belongs to class ns. */
int dc_xml_ns_is(const xmlNode *node, dc_xns ns);
/** The first element child named local in ns, or NULL. */
xmlNode *dc_xml_child(const xmlNode *node, dc_xns ns, const char *local);
/** First element child (any name), or NULL; next element sibling, or NULL. */
xmlNode *dc_xml_first_elem(const xmlNode *node);
xmlNode *dc_xml_next_elem(const xmlNode *node);
/** The value of an attribute named local in namespace class ns (DC_XNS_NONE
 *  for an unprefixed one), or NULL.  The string belongs to the tree. */
const char *dc_xml_attr(const xmlNode *node, dc_xns ns, const char *local);
/** The w:val attribute of the child named local (in ns), or NULL. */
const char *dc_xml_child_val(const xmlNode *node, dc_xns ns, const char *local);
/** Parses an integer attribute value; fractional values ("8845.1537") are
 *  rounded; returns dflt when absent or not a number. */
int dc_xml_int(const char *s, int dflt);
/** On/off values: absent => dflt; "0", "false", "off", "none" => 0; else 1. */
int dc_xml_onoff(const char *s, int dflt);
/** Appends the text content of node (all descendant text) to out. */
void dc_xml_text(const xmlNode *node, dc_buf *out);

#endif
