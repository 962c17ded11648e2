/*
 * wml_body.h - the WordprocessingML body reader shared by the OOXML reader
 * (ooxml_reader.c) and the Word 2003 reader (word2003_reader.c).
 *
 * WordprocessingML 2003 (w:wordDocument) and OOXML WordprocessingML (2006,
 * transitional and strict) are two dialects of one vocabulary: w:p, w:r, w:t,
 * w:pPr, w:rPr, w:tbl, w:tr, w:tc, w:fldChar, w:instrText, w:fldSimple, w:sym,
 * w:tab, w:br, w:txbxContent, w:styles and w:style mean the same in both.
 * This file reads that common part once: run and paragraph properties with
 * style chains, the field state machine, paragraphs with their list labels
 * and text boxes, tables with merges and borders, and the walk over blocks,
 * rows, cells and inlines.
 *
 * A dialect reader owns everything else: where the parts come from (an OPC
 * package or one XML tree), numbering.xml or w:lists, notes, settings and
 * metadata.  It describes itself with a dc_wml_dialect - the namespace class,
 * a flag for the 2003 spellings, and hooks for its own elements - embeds a
 * dc_wml_reader as the first member of its state (so that hooks may cast the
 * reader back), fills styles and numbering, and calls dc_wml_blocks() on the
 * body.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_WML_BODY_H
#define DC_WML_BODY_H

#include <libxml/tree.h>

#include "converters/read/numbering.h"
#include "converters/read/input_limits.h"
#include "converters/read/xml.h"
#include "model/doc.h"

/* ------------------------------------------------------------------------
 * Property sets with "set" masks, so that style chains can be merged
 * ------------------------------------------------------------------------ */

enum {
    DC_WML_RUN_BOLD = 1 << 0,
    DC_WML_RUN_ITALIC = 1 << 1,
    DC_WML_RUN_UNDERLINE = 1 << 2,
    DC_WML_RUN_STRIKE = 1 << 3,
    DC_WML_RUN_HIDDEN = 1 << 4,
    DC_WML_RUN_SIZE = 1 << 5,
    DC_WML_RUN_VERT_ALIGN = 1 << 6,
    DC_WML_RUN_FONT_EAST_ASIAN = 1 << 7,
    DC_WML_RUN_FONT_ASCII = 1 << 8,
    DC_WML_RUN_COLOR = 1 << 9
};

/** Run properties (w:rPr). */
typedef struct {
    unsigned set;               /**< DC_WML_RUN_* of the fields given */
    int b, i, u, strike, vanish, sz, vert;
    const char *ea, *ascii;     /**< fonts, in the document's arena */
    uint32_t color;
    int has_color;
} dc_wml_rprops;

enum {
    DC_WML_PARA_ALIGN = 1 << 0,
    DC_WML_PARA_INDENT_LEFT = 1 << 1,
    DC_WML_PARA_INDENT_RIGHT = 1 << 2,
    DC_WML_PARA_INDENT_FIRST = 1 << 3,
    DC_WML_PARA_INDENT_FIRST_CHARS = 1 << 4,
    DC_WML_PARA_SPACE_BEFORE = 1 << 5,
    DC_WML_PARA_SPACE_AFTER = 1 << 6,
    DC_WML_PARA_LINE_SPACING = 1 << 7,
    DC_WML_PARA_OUTLINE_LEVEL = 1 << 8,
    DC_WML_PARA_NUM_ID = 1 << 9,
    DC_WML_PARA_LIST_LEVEL = 1 << 10,
    DC_WML_PARA_KEEP_NEXT = 1 << 11,
    DC_WML_PARA_PAGE_BREAK_BEFORE = 1 << 12
};

/** Paragraph properties (w:pPr). */
typedef struct {
    unsigned set;               /**< DC_WML_PARA_* of the fields given */
    dc_align jc;
    int ind_left, ind_right, ind_first, ind_first_chars;
    int space_before, space_after, line;
    dc_line_rule line_rule;
    int outline;
    int num_id, ilvl;           /**< w:numPr/w:numId (2003: w:listPr/w:ilfo), w:ilvl */
    int keep_next, page_break_before;
    const char *list_hint;      /**< 2003 wx:t: the label Word displayed (direct only) */
    int list_hint_tab;          /**< wx:t has wx:wTabAfter: a tab follows the label */
} dc_wml_pprops;

/** Table border edges: -1 unset, 0 off, 1 on. */
enum {
    DC_WML_E_TOP, DC_WML_E_LEFT, DC_WML_E_BOTTOM, DC_WML_E_RIGHT, DC_WML_E_INSIDE_H,
    DC_WML_E_INSIDE_V, DC_WML_E_COUNT
};
typedef struct {
    signed char edge[DC_WML_E_COUNT];
} dc_wml_borders;

/* ------------------------------------------------------------------------
 * Styles
 * ------------------------------------------------------------------------ */

typedef enum {
    DC_WML_ST_PARA = 1, DC_WML_ST_CHAR, DC_WML_ST_TABLE, DC_WML_ST_NUMBERING
} dc_wml_style_type;

typedef struct {
    const char *id, *name, *based_on;
    const char *ui_name;        /**< 2003 wx:uiName (the localised name), or NULL */
    dc_wml_style_type type;
    xmlNode *ppr, *rpr, *tblpr;
    int state;                  /**< 0 new, 1 resolving, 2 resolved */
    dc_wml_pprops pp;           /**< resolved along the basedOn chain */
    dc_wml_rprops rp;
    dc_wml_borders borders;
    int heading_level;
    unsigned is_title : 1, is_caption : 1;
} dc_wml_style;

/* ------------------------------------------------------------------------
 * The reader and the dialect
 * ------------------------------------------------------------------------ */

#define DC_WML_MAX_FIELDS 64

typedef struct {
    dc_buf instr;
    int in_result;              /**< after fldChar separate */
    int has_link;               /**< a HYPERLINK field: its result is a link */
    const char *outer_link;     /**< the link around the field, restored at its end */
} dc_wml_field;

/** A paragraph being built. */
typedef struct {
    dc_paragraph_builder pb;
    xmlNode **boxes;            /**< text box contents to add after the paragraph */
    size_t nboxes, capboxes;
} dc_wml_para;

/** Where in the body a wrapper element stands. */
typedef enum {
    DC_WML_BLOCK,               /**< among paragraphs and tables */
    DC_WML_ROW,                 /**< among table rows */
    DC_WML_CELL,                /**< among the cells of a row */
    DC_WML_INLINE,              /**< among the runs of a paragraph */
    DC_WML_BOX                  /**< inside a drawing, picture or object (text box search) */
} dc_wml_level;

typedef struct dc_wml_reader dc_wml_reader;

typedef struct {
    dc_xns ns;                  /**< DC_XNS_W or DC_XNS_W2003 */
    /** The 2003 spellings and habits: hyphenated attribute names
     *  (w:first-line, w:line-rule, w:h-rule, w:fareast, w:h-ansi),
     *  w:vmerge/w:hmerge, w:listPr (w:ilfo, wx:t) for list membership,
     *  w:listDef/w:list with w:nfc codes for list definitions, its w:jc and
     *  note w:numFmt values, twips as plain numbers (no universal measures),
     *  on/off given as element text.  Without the flag: the OOXML spellings,
     *  w:start/w:end as aliases of w:left/w:right, and deleted rows
     *  (w:trPr/w:del) dropped.  (Both dialects ignore empty font names, read
     *  negative widths and heights as 0 and mark w:fldSimple results.) */
    unsigned w2003 : 1;
    /** The element whose children stand in place of c at this level
     *  (c itself for a plain wrapper such as w:customXml, the chosen branch of
     *  mc:AlternateContent, the content of an insertion), or NULL to skip c.
     *  Called for every element the shared walk does not read itself (w:p
     *  and w:tbl among blocks, w:tr among rows, w:tc among cells, w:r and
     *  w:fldSimple among inlines, w:txbxContent in boxes).  At DC_WML_BOX,
     *  returning c descends into it. */
    const xmlNode *(*unwrap)(const xmlNode *c, dc_wml_level level);
    /** Optional: an inline element that unwrap() skipped (OOXML math). */
    void (*inline_elem)(dc_wml_reader *R, const xmlNode *c, dc_wml_para *pc,
                        const dc_wml_rprops *rp);
    /** Optional: a child of w:r the shared reader does not know (note
     *  references, inline notes, drawings, w:ptab, ruby, wx:sym).  rp and
     *  fmt are the run's properties, hidden its w:vanish. */
    void (*run_child)(dc_wml_reader *R, const xmlNode *c, dc_wml_para *pc,
                      const dc_wml_rprops *rp, const dc_run *fmt, int hidden);
    /** Optional: the target URI of a hyperlink element among inlines (OOXML
     *  w:hyperlink with an external r:id, 2003 w:hlink w:dest), or NULL when
     *  c is no such link; the text inside gets it as dc_run.link. */
    const char *(*link_target)(dc_wml_reader *R, const xmlNode *c);
    /** Optional: called with a table whose rows are read, before
     *  dc_table_finish() resolves its merges (2003 short rows). */
    void (*table_rows)(dc_wml_reader *R, dc_node *table);
    /** Optional: called for each w:style after its id, name, basedOn, type
     *  and property elements are read, before its heading level, title and
     *  caption flags are derived from the names; may replace s->name and set
     *  s->ui_name. */
    void (*style)(dc_wml_reader *R, const xmlNode *elem, dc_wml_style *s);
} dc_wml_dialect;

struct dc_wml_reader {
    const dc_wml_dialect *D;
    dc_doc *doc;
    const dc_limits *lim;
    dc_error *err;
    dc_wml_style *styles;
    size_t nstyles;
    dc_wml_style *default_para;
    dc_wml_style *default_table;
    dc_wml_rprops doc_rp;       /**< document defaults */
    dc_wml_pprops doc_pp;
    dc_numbering *nb;           /**< list definitions, filled by the dialect reader */
    dc_wml_field fields[DC_WML_MAX_FIELDS];
    int nfields;                /**< may exceed DC_WML_MAX_FIELDS: deeper ones are counted only */
    int instr_open;             /**< fields on the stack still in their instruction */
    int simple_results;         /**< inside the result of w:fldSimple fields (2003) */
    const char *note_label;     /**< label of the note being read (w:footnoteRef) */
    const char *link;           /**< target of the hyperlink being read (in the doc), or NULL */
    int table_depth;
    int stop;                   /**< a limit was hit */
};

/** Starts a reader: a new document and an empty numbering table.  lim and err
 *  must outlive the reader. */
void dc_wml_reader_init(dc_wml_reader *R, const dc_wml_dialect *D, const dc_limits *lim,
                        dc_error *err);
/** Frees what the reader holds except R->doc (the caller keeps or frees it). */
void dc_wml_reader_free(dc_wml_reader *R);

/* ------------------------------------------------------------------------
 * Properties, styles, lists, note numbering, document properties
 * ------------------------------------------------------------------------ */

/** Applies the children of a w:rPr (may be NULL) to rp. */
void dc_wml_apply_rpr(dc_wml_reader *R, dc_wml_rprops *rp, const xmlNode *rpr);
/** Applies the children of a w:pPr (may be NULL) to pp. */
void dc_wml_apply_ppr(dc_wml_reader *R, dc_wml_pprops *pp, const xmlNode *ppr);

/** Reads the w:style children of a w:styles element (may be NULL) into the
 *  style table and resolves their basedOn chains.  Call once. */
void dc_wml_read_styles(dc_wml_reader *R, const xmlNode *styles);
/** The style with this w:styleId, or NULL. */
dc_wml_style *dc_wml_style_find(dc_wml_reader *R, const char *id);

/** Reads the list definitions and instances among the children of root
 *  into R->nb: OOXML w:numbering (w:abstractNum with w:abstractNumId, w:num
 *  with w:numId and w:abstractNumId), 2003 w:lists (w:listDef with
 *  w:listDefId, w:list with w:ilfo and w:ilst); the levels (w:lvl) and
 *  w:lvlOverride.  A level's number format is w:numFmt (2003: the code in
 *  w:nfc), its suffix w:suff (2003 writes Tab, Space, Nothing).  Links
 *  between definitions (w:numStyleLink, w:listStyleLink) are the dialect's. */
void dc_wml_read_lists(dc_wml_reader *R, const xmlNode *root);

/** How the notes of one kind are numbered. */
typedef struct {
    const char *fmt;            /**< a w:numFmt name (numbering.c) */
    int start;                  /**< w:numStart */
} dc_wml_note_fmt;

/** Reads w:numFmt and w:numStart of a w:footnotePr or w:endnotePr (may be
 *  NULL) over nf.  2003 format names ("lower-roman", or an nfc code) are
 *  mapped; a 2003 start outside 0..100000 reads as 1. */
void dc_wml_note_format(dc_wml_reader *R, const xmlNode *pr, dc_wml_note_fmt *nf);

/** Document properties: the text of the children of props named, in order,
 *  for title, subject, creator, keywords, description, last modified by,
 *  created and modified (OOXML core.xml and 2003 o:DocumentProperties name
 *  them differently). */
void dc_wml_read_meta(dc_doc *doc, const xmlNode *props, const char *const names[8]);

/* ------------------------------------------------------------------------
 * The body
 * ------------------------------------------------------------------------ */

/** Reads paragraphs and tables (and the wrappers the dialect unwraps) among
 *  the children of container into parent. */
void dc_wml_blocks(dc_wml_reader *R, const xmlNode *container, dc_node *parent,
                   int in_textbox);
/** Reads one child of a container (what dc_wml_blocks does for each): the
 *  streaming readers hand the body over block by block.  Returns nonzero
 *  when reading has stopped (a limit or an error). */
int dc_wml_block(dc_wml_reader *R, const xmlNode *block, dc_node *parent, int in_textbox);
/** Reads one w:r; inherited are the paragraph's (or enclosing run's) properties. */
void dc_wml_run(dc_wml_reader *R, const xmlNode *r, dc_wml_para *pc,
                const dc_wml_rprops *inherited);

/** Text that belongs to a field instruction goes there; visible text to the
 *  paragraph (hidden text nowhere). */
void dc_wml_emit(dc_wml_reader *R, dc_wml_para *pc, const char *s, size_t len,
                 const dc_run *fmt, int hidden);
/** A w:sym-like character (font and hex code) through dc_wml_emit(). */
void dc_wml_sym(dc_wml_reader *R, dc_wml_para *pc, const char *font, const char *ch,
                const dc_run *fmt, int hidden);
/** Run formatting for the model from run properties. */
void dc_wml_fmt_from(dc_run *fmt, const dc_wml_rprops *rp);
/** Finds the text boxes (w:txbxContent) below root; they are read as blocks
 *  after the paragraph. */
void dc_wml_collect_boxes(dc_wml_reader *R, const xmlNode *root, dc_wml_para *pc);
/** True (and R->err set, once) when the document has more nodes than the
 *  limit allows; reading then stops. */
int dc_wml_limit_hit(dc_wml_reader *R);

/** The text of the first child element of parent named local (in any
 *  namespace), in the document's arena; NULL when absent or empty. */
const char *dc_wml_child_text(dc_doc *doc, const xmlNode *parent, const char *local);

#endif
