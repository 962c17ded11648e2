/*
 * doc.h - the document model: a format-free tree of blocks and inlines that
 * every reader builds and every writer walks.
 *
 * A dc_doc owns all of its nodes and strings (one arena); dc_doc_free() frees
 * the whole document.  Readers build the tree with dc_node_new() and
 * dc_node_append(); writers walk it with dc_iter (ENTER/EXIT events, no
 * recursion) or by following the first_child/next links.  Writers treat nodes
 * as read-only.
 *
 * Tree shape (dc_node_append() enforces it):
 *
 *   DOCUMENT  -> PARAGRAPH | HEADING | TABLE | BREAK
 *   TABLE     -> ROW
 *   ROW       -> CELL
 *   CELL      -> PARAGRAPH | HEADING | TABLE | BREAK     (nested tables allowed)
 *   NOTE      -> PARAGRAPH | HEADING | TABLE | BREAK     (footnote / endnote)
 *   PARAGRAPH, HEADING -> RUN | TOC_ENTRY | NOTE_REF | BREAK
 *
 * Notes are kept apart from the body, under dc_doc.notes (a DOCUMENT node
 * whose children are NOTE nodes).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_DOC_H
#define DC_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef enum {
    DC_NODE_NONE = 0,
    /* blocks */
    DC_NODE_DOCUMENT,
    DC_NODE_PARAGRAPH,
    DC_NODE_HEADING,     /**< a paragraph with a heading level (same data) */
    DC_NODE_TABLE,
    DC_NODE_ROW,
    DC_NODE_CELL,
    DC_NODE_NOTE,
    /* either a block or an inline */
    DC_NODE_BREAK,
    /* inlines (leaves) */
    DC_NODE_RUN,
    DC_NODE_TOC_ENTRY,   /**< hidden table-of-contents entry (TC field) */
    DC_NODE_NOTE_REF
} dc_node_type;

typedef enum {
    DC_ALIGN_NONE = 0, DC_ALIGN_LEFT, DC_ALIGN_CENTER, DC_ALIGN_RIGHT,
    DC_ALIGN_JUSTIFY, DC_ALIGN_DISTRIBUTE
} dc_align;

typedef enum { DC_VALIGN_TOP = 0, DC_VALIGN_CENTER, DC_VALIGN_BOTTOM } dc_valign;

typedef enum { DC_VERT_BASELINE = 0, DC_VERT_SUPER, DC_VERT_SUB } dc_vert;

typedef enum { DC_BREAK_PAGE = 1, DC_BREAK_COLUMN, DC_BREAK_SECTION } dc_break_kind;

typedef enum { DC_NOTE_FOOTNOTE = 1, DC_NOTE_ENDNOTE } dc_note_kind;

typedef enum { DC_LINE_AUTO = 0, DC_LINE_EXACT, DC_LINE_AT_LEAST } dc_line_rule;

/** Which input form a document came from. */
typedef enum {
    DC_FORMAT_UNKNOWN = 0,
    DC_FORMAT_DOCX,        /**< OOXML zip package */
    DC_FORMAT_FLAT_OPC,    /**< OOXML package as one XML (pkg:package) */
    DC_FORMAT_WORD2003     /**< WordprocessingML 2003 (w:wordDocument) */
} dc_format;

/** "docx", "flat-opc", "word2003" or "unknown". */
const char *dc_format_name(dc_format f);

/** Border bits of a cell (resolved by the reader from table and cell). */
enum { DC_BORDER_TOP = 1, DC_BORDER_LEFT = 2, DC_BORDER_BOTTOM = 4, DC_BORDER_RIGHT = 8,
       DC_BORDER_ALL = 15 };

/** Paragraph (and heading) properties.  Lengths are in twips (1/20 pt). */
typedef struct {
    const char *style_id;     /**< as written in the file, or NULL */
    const char *style_name;   /**< display name ("heading 1", "标题 1"), or NULL */
    int heading_level;        /**< 1..9 for DC_NODE_HEADING, 0 otherwise */
    int outline_level;        /**< 0..8 (w:outlineLvl), -1 when body text */
    dc_align align;
    int ind_left, ind_right;
    int ind_first;            /**< first-line indent; negative = hanging */
    int ind_first_chars;      /**< first-line indent in 1/100 characters, 0 = unset */
    int space_before, space_after;
    int line;                 /**< line spacing: 240ths of a line (auto) or twips */
    dc_line_rule line_rule;
    int list_level;           /**< 0..8 when numbered, -1 otherwise */
    int list_id;              /**< numbering instance (w:numId), 0 = none */
    const char *list_label;   /**< the resolved label ("一、", "（三）", "•"), or NULL;
                                 also present as the first RUN (with is_label set) */
    int font_size;            /**< paragraph-mark size in half-points, 0 = unknown */
    unsigned page_break_before : 1;
    unsigned keep_next : 1;
    unsigned in_textbox : 1;  /**< came from a text box anchored in the paragraph before */
    unsigned is_caption : 1;  /**< styled as a caption (Caption / 题注) */
    unsigned is_title : 1;    /**< styled as the document title (Title / 标题) */
} dc_para;

/** A run of text with one formatting.  Text is UTF-8; a tab is '\t' and a line
 *  break '\n'.  Never empty. */
typedef struct {
    const char *text;
    size_t len;
    int size;                 /**< half-points, 0 = unknown */
    const char *font_ea;      /**< East-Asian font name, or NULL */
    const char *font_ascii;   /**< Latin font name, or NULL */
    uint32_t color;           /**< 0xRRGGBB, only when has_color */
    const char *link;         /**< the target URI of the hyperlink the run is in, or NULL */
    dc_vert vert;
    unsigned bold : 1;
    unsigned italic : 1;
    unsigned underline : 1;
    unsigned strike : 1;
    unsigned has_color : 1;
    unsigned is_label : 1;    /**< the paragraph's list label (from numbering) */
    unsigned from_field : 1;  /**< the displayed result of a field */
} dc_run;

typedef struct {
    int ncols;
    int *grid;                /**< ncols column widths in twips */
    int nrows;
    int width;                /**< preferred width in twips, 0 = auto */
    int indent;
    dc_align align;
    const char *style_id;
    int inferred_merges;      /**< merge continuation cells a reader restored in short rows */
    int nested_depth;         /**< 0 for a body table */
} dc_table;

typedef struct {
    int index;                /**< 0-based row number in its table */
    int height;               /**< twips, 0 = auto */
    int grid_before, grid_after;
    unsigned header : 1;      /**< repeat as header row on each page */
    unsigned cant_split : 1;
    unsigned height_exact : 1;
} dc_row;

typedef struct {
    int row, col;             /**< grid position of the cell's top-left */
    int row_span, col_span;   /**< >= 1 */
    int width;                /**< preferred width in twips, 0 = unknown */
    dc_valign valign;
    unsigned borders;         /**< DC_BORDER_* bits */
    uint32_t fill;            /**< 0xRRGGBB, only when has_fill */
    unsigned has_fill : 1;
    /* Reader-facing merge marks, resolved by dc_table_finish(): */
    unsigned vmerge : 2;      /**< DC_MERGE_*: vertical merge state as written */
    unsigned hmerge : 2;      /**< DC_MERGE_*: horizontal merge (Word 2003) */
} dc_cell;

enum { DC_MERGE_NONE = 0, DC_MERGE_RESTART = 1, DC_MERGE_CONTINUE = 2 };

/** A section's page setup (w:sectPr), in twips; 0 = not given. */
typedef struct {
    int page_width, page_height;
    int margin_top, margin_bottom, margin_left, margin_right;
    unsigned landscape : 1;   /**< orient="landscape", or wider than high */
    unsigned continuous : 1;  /**< the section starts on the same page (w:type continuous) */
} dc_page_setup;

typedef struct {
    dc_break_kind kind;
    const dc_page_setup *page_setup; /**< SECTION: the page setup of the section this break
                                  ends, or NULL when the file gives none */
} dc_break;

typedef struct {
    const char *text;         /**< entry text (quotes removed) */
    int level;                /**< \l level, 1 by default */
    const char *type_id;      /**< \f table identifier, or NULL */
} dc_toc_entry;

typedef struct {
    dc_note_kind kind;
    const char *id;           /**< note id as in the file */
    const char *label;        /**< the visible mark ("1", "*") */
} dc_note;

typedef struct dc_node dc_node;
/* A node holds only the member of `as` its type uses (dc_node_new allocates
 * no more): read and write the member of the node's type alone, and never
 * copy a node by value. */
struct dc_node {
    dc_node_type type;
    dc_node *parent, *first_child, *last_child, *prev, *next;
    union {
        dc_para para;         /* PARAGRAPH, HEADING */
        dc_run run;           /* RUN */
        dc_table table;       /* TABLE */
        dc_row row;           /* ROW */
        dc_cell cell;         /* CELL */
        dc_break brk;         /* BREAK */
        dc_toc_entry toc;     /* TOC_ENTRY */
        dc_note note;         /* NOTE, NOTE_REF */
    } as;
};

/** Document properties (docProps/core.xml or the Word 2003 o:DocumentProperties). */
typedef struct {
    const char *title, *subject, *creator, *keywords, *description;
    const char *last_modified_by, *created, *modified; /* W3CDTF strings */
    const char *application;
} dc_meta;

typedef struct {
    dc_arena arena;
    dc_node *root;            /**< DOCUMENT: the body */
    dc_node *notes;           /**< DOCUMENT: NOTE nodes (footnotes, endnotes) */
    dc_meta meta;
    const dc_page_setup *last_page_setup; /**< page setup of the body's last section (the one
                                       after the last SECTION break), or NULL */
    dc_format format;
    unsigned strict : 1;      /**< Strict OOXML namespace */
    size_t node_count;
} dc_doc;

/* ---- construction (readers) ------------------------------------------- */

/** A new empty document; free it with dc_doc_free(). */
dc_doc *dc_doc_new(void);
/** Frees the document, its nodes and strings.  Accepts NULL. */
void dc_doc_free(dc_doc *doc);
/** A new detached node owned by doc; paragraphs start with outline_level -1
 *  and list_level -1, cells with spans 1. */
dc_node *dc_node_new(dc_doc *doc, dc_node_type type);
/** Appends child to parent.  Returns 0 and does nothing when the tree shape
 *  does not allow it (see the top of this file), 1 on success. */
int dc_node_append(dc_node *parent, dc_node *child);
/** Inserts child as the first child of parent; same rules as dc_node_append. */
int dc_node_prepend(dc_node *parent, dc_node *child);
/** Unlinks node from its parent and siblings (it stays owned by the doc). */
void dc_node_unlink(dc_node *node);
/** True when parent may contain child. */
int dc_node_can_contain(const dc_node *parent, const dc_node *child);
/** Copies a string into the document's arena. */
const char *dc_doc_strdup(dc_doc *doc, const char *s);
const char *dc_doc_strndup(dc_doc *doc, const char *s, size_t n);
/** Builds a paragraph's inlines: consecutive text with equal formatting
 *  becomes one RUN.  Use begin, then text/node calls, then end. */
typedef struct {
    dc_doc *doc;
    dc_node *para;
    dc_buf text;              /**< pending text */
    dc_run fmt;               /**< formatting of the pending text */
} dc_paragraph_builder;

void dc_paragraph_builder_begin(dc_paragraph_builder *pb, dc_doc *doc, dc_node *para);
/** Adds text with formatting fmt (its text/len are ignored; NULL = plain). */
void dc_paragraph_builder_text(dc_paragraph_builder *pb, const char *text, size_t len,
                               const dc_run *fmt);
/** Adds an inline node (TOC_ENTRY, NOTE_REF, BREAK, or a RUN that must stay
 *  separate, such as a list label). */
void dc_paragraph_builder_node(dc_paragraph_builder *pb, dc_node *node);
/** Flushes pending text; the builder may be begun again. */
void dc_paragraph_builder_end(dc_paragraph_builder *pb);

/** Normalises a table the reader has filled with rows and cells: resolves
 *  vmerge/hmerge marks into row/column spans (continuation cells are removed,
 *  any content they hold moves to the merge's first cell), numbers rows and
 *  cells, widens the grid when cells reach past it and clamps spans.  Readers
 *  set each cell's col and col_span (or leave col -1 to place it after the
 *  previous cell and the row's grid_before). */
void dc_table_finish(dc_doc *doc, dc_node *table);

/* ---- reading (writers) ------------------------------------------------- */

int dc_node_is_block(const dc_node *node);
int dc_node_is_inline(const dc_node *node);
const char *dc_node_type_name(dc_node_type type);

/** Appends the visible text of a node: for a paragraph its runs (labels
 *  included, TOC entries excluded); for a cell, table, note or document its
 *  paragraphs joined by '\n'. */
void dc_node_text(const dc_node *node, dc_buf *out);

/** Visible text of a node with whitespace trimmed at both ends; caller frees. */
char *dc_node_text_trimmed(const dc_node *node);

/** A table's grid: nrows*ncols pointers, each the cell covering that position
 *  (the same origin cell for every position a span covers) or NULL for an
 *  empty position.  Caller frees the array with free(). */
const dc_node **dc_table_grid(const dc_node *table);

/** Number of rows / cells of a table (walks its children). */
int dc_table_row_count(const dc_node *table);

/* ---- iteration --------------------------------------------------------- */

typedef enum { DC_EVENT_NONE = 0, DC_EVENT_DONE, DC_EVENT_ENTER, DC_EVENT_EXIT } dc_event;

typedef struct {
    const dc_node *root;
    const dc_node *cur;
    dc_event ev;
} dc_iter;

/** Starts a walk of root and its descendants: a container gives ENTER and
 *  EXIT, a leaf (RUN, TOC_ENTRY, NOTE_REF, BREAK) only ENTER.  The tree must
 *  not change during the walk. */
void dc_iter_init(dc_iter *it, const dc_node *root);
dc_event dc_iter_next(dc_iter *it);
static inline const dc_node *dc_iter_node(const dc_iter *it) { return it->cur; }
/** The walk in document order without EXIT events: the next node entered,
 *  or NULL at the end. */
const dc_node *dc_iter_next_node(dc_iter *it);

/** Checks the tree's links and shape; returns the number of problems found
 *  and describes the first in err (for tests). */
int dc_doc_check(const dc_doc *doc, dc_error *err);

#endif
