/*
 * pdf_layout.h - typesetting of a document in the official layout (GB/T
 * 9704-2012): A4, a 156 x 225 mm text block 37 mm from the top and 28 mm from
 * the left, the title in 2号 小标宋, 一、 headings in 3号 黑体, （一） headings
 * in 3号 楷体, body in 3号 仿宋 with a two-character first-line indent on a
 * fixed 28.95 pt line grid, tables in 宋体, page numbers "— 3 —" in 4号 7 mm
 * below the text block at the outer edge.  docs/pdf.md explains the choices.
 *
 * The result is a display list per page (glyphs by face and position, lines,
 * fills) that pdf_writer.c turns into PDF; the layout knows nothing of PDF.
 * Coordinates are points, x from the page's left edge, y DOWN from the
 * page's top edge.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_PDF_LAYOUT_H
#define DC_PDF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "fonts/fontset.h"
#include "model/doc.h"

/** TEXT: glyphs; LINE: a rule; FILL: a filled rectangle; LINK: the area of
 *  a hyperlink's text on one line (no drawing: a link annotation). */
typedef enum { DC_ITEM_TEXT = 1, DC_ITEM_LINE, DC_ITEM_FILL, DC_ITEM_LINK } dc_item_kind;

/** One glyph: the character, its glyph id in the face, its left edge. */
typedef struct {
    uint32_t cp;
    uint32_t gid;              /**< glyph id in the original face (fonts[face]) */
    float x;
} dc_glyph;

typedef struct {
    dc_item_kind kind;
    uint64_t order;            /**< reading order: items are written sorted by it */
    int face;                  /**< TEXT: index into the fontset's faces */
    float size;                /**< TEXT: font size */
    float y;                   /**< TEXT: baseline */
    float x0, y0, x1, y1;      /**< LINE: end points; FILL, LINK: corners; TEXT: line box */
    float width;               /**< LINE: stroke width */
    uint32_t rgb;              /**< FILL colour */
    const char *uri;           /**< LINK: the target (the document's string) */
    unsigned bold : 1;         /**< TEXT: fill and stroke (emboldened stand-in) */
    size_t first, count;       /**< TEXT: glyphs[first .. first+count) */
} dc_item;

typedef struct {
    float page_width, page_height;
    float left, top, text_width, text_height;   /**< the text area, y down */
    float line_pitch;
} dc_layout_geometry;

typedef struct {
    dc_item *items;
    size_t nitems, capitems;
    dc_glyph *glyphs;
    size_t nglyphs, capglyphs;
    int number;                /**< printed page number */
    dc_layout_geometry geo;    /**< this page's paper and text area (portrait or landscape) */
} dc_page;

typedef struct {
    char *title;               /**< UTF-8 */
    int level;                 /**< 1 = top */
    int page;                  /**< 0-based page index */
    float y;                   /**< top of the heading, y down */
} dc_outline_entry;

typedef struct {
    dc_layout_geometry geo;    /**< the portrait pages' geometry; each page has its own */
    dc_page *pages;
    size_t npages;
    dc_outline_entry *outline;
    size_t noutline;
    uint32_t *missing;         /**< characters no font has, ascending, distinct */
    size_t nmissing;
    int *face_used;            /**< per fontset face: 1 when some glyph uses it */
} dc_layout;

/** The official geometry (A4, GB/T 9704-2012 margins, 28.95 pt grid). */
void dc_layout_geometry_official(dc_layout_geometry *g);
/** The landscape geometry: A4 turned, the official text block turned with it
 *  (225 x 156 mm; 37 mm from the left, 26 mm from the top). */
void dc_layout_geometry_landscape(dc_layout_geometry *g);

/** Typesets the whole document: the body with each footnote at the foot of
 *  the page of its reference, then the endnotes.  The layout points into doc
 *  (link targets): free it first.  Never fails on content; returns NULL only
 *  when no font is usable (err set). */
dc_layout *dc_layout_document(const dc_doc *doc, const dc_fontset *fs, dc_error *err);

/** Called with each page as soon as it is complete (its number printed),
 *  in order.  Returning 1 gives the page up: its items and glyphs are freed
 *  (pages[index] keeps its number and geometry), so that a long document
 *  need not hold every page at once; 0 keeps it in the layout. */
typedef int (*dc_page_done_fn)(void *ctx, const dc_layout *L, size_t index);
/** dc_layout_document, handing each finished page to page_done.  The same
 *  document and fonts give the same pages every time, so a caller may lay a
 *  document out twice: once to learn the glyphs, once to draw. */
dc_layout *dc_layout_document_each(const dc_doc *doc, const dc_fontset *fs,
                                   dc_page_done_fn page_done, void *ctx, dc_error *err);
void dc_layout_free(dc_layout *l);

#endif
