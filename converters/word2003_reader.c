/*
 * word2003_reader.c - WordprocessingML 2003 (root w:wordDocument) into the
 * document model, with the same fidelity as the OOXML reader.
 *
 * Word 2003 XML is one file with its own vocabulary:
 *   o:DocumentProperties      -> metadata
 *   w:styles                  -> style table (basedOn chains resolved on first use)
 *   w:lists (w:listDef, w:list) -> dc_numbering (w:nfc codes mapped to w:numFmt names)
 *   w:body, wx:sect, wx:sub-section, wx:pBdrGroup -> blocks
 *   w:p/w:pPr/w:listPr (w:ilvl, w:ilfo) -> list labels as the first run
 *   w:fldSimple, w:fldChar/w:instrText -> field results visible, TC entries hidden
 *   aml:annotation Word.Insertion kept, Word.Deletion and comments dropped
 *   w:footnote, w:endnote written inline in the run -> NOTE nodes
 *   w:pict text boxes (w:txbxContent) -> blocks after their paragraph
 *   w:tbl with w:gridSpan, w:hmerge, w:vmerge
 *
 * Short rows.  Some producers (LibreOffice's "MS Word 2003 XML" export) drop
 * the continuation cells of vertical merges instead of writing w:vmerge, so a
 * row has fewer cells than the grid.  Such a row is read onto the grid by
 * choosing which cells of the row above continue down into it (a gap is
 * always a whole cell of the row above, and in Word a row cannot have a hole
 * in the middle, so a gap is a merge continuation).  Among the placements
 * that fit, the reader prefers, in order: cell widths (w:tcW) that match the
 * grid columns, but only when the table's full rows prove the widths are
 * real (LibreOffice writes each cell the width of the grid column with its
 * index, which fits a left-aligned row by construction); continuations under
 * single-column cells rather than under cells spanning columns (those are
 * usually group headers over sub-columns); continuing merges already running
 * over starting new ones; continuations under cells with text; and finally
 * the leftmost gaps (merged category columns sit on the left).  The restored
 * continuations are counted in dc_table.inferred_merges.
 *
 * SPDX-License-Identifier: MIT
 */
#include "word2003_reader.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "converters/numbering.h"
#include "converters/symbols.h"
#include "converters/wml.h"
#include "converters/xml.h"

#define W  DC_XNS_W2003
#define WX DC_XNS_WX2003

/* ------------------------------------------------------------------------
 * Property sets with "set" masks, so style chains can be merged
 * ------------------------------------------------------------------------ */

enum {
    RP_B = 1 << 0, RP_I = 1 << 1, RP_U = 1 << 2, RP_STRIKE = 1 << 3, RP_VANISH = 1 << 4,
    RP_SZ = 1 << 5, RP_VERT = 1 << 6, RP_EA = 1 << 7, RP_ASCII = 1 << 8, RP_COLOR = 1 << 9
};

typedef struct {
    unsigned set;
    int b, i, u, strike, vanish, sz, vert;
    const char *ea, *ascii;
    uint32_t color;
    int has_color;
} S_rprops;

enum {
    PP_JC = 1 << 0, PP_INDL = 1 << 1, PP_INDR = 1 << 2, PP_INDF = 1 << 3, PP_INDFC = 1 << 4,
    PP_SB = 1 << 5, PP_SA = 1 << 6, PP_LINE = 1 << 7, PP_OUTLINE = 1 << 8, PP_ILFO = 1 << 9,
    PP_ILVL = 1 << 10, PP_KEEP = 1 << 11, PP_PBB = 1 << 12
};

typedef struct {
    unsigned set;
    dc_align jc;
    int ind_left, ind_right, ind_first, ind_first_chars;
    int space_before, space_after, line;
    dc_line_rule line_rule;
    int outline, ilfo, ilvl, keep_next, page_break_before;
    const char *list_hint;      /* wx:t: the label Word displayed (direct only) */
    int list_hint_tab;          /* wx:t has wx:wTabAfter: a tab follows the label */
} S_pprops;

enum { E_TOP, E_LEFT, E_BOTTOM, E_RIGHT, E_INSIDE_H, E_INSIDE_V, E_COUNT };
typedef struct {
    signed char edge[E_COUNT];   /* -1 unset, 0 off, 1 on */
} S_borders;

typedef enum { ST_PARA = 1, ST_CHAR, ST_TABLE, ST_LIST } S_style_type;

typedef struct {
    const char *id, *name, *based_on;
    S_style_type type;
    xmlNode *ppr, *rpr, *tblpr;
    int state;                  /* 0 new, 1 resolving, 2 resolved */
    S_pprops pp;
    S_rprops rp;
    S_borders borders;
    int heading_level;
    unsigned is_title : 1, is_caption : 1;
} S_style;

/* ------------------------------------------------------------------------
 * Reader state
 * ------------------------------------------------------------------------ */

#define MAX_FIELDS 64

typedef struct {
    dc_buf instr;
    int in_result;
} S_field;

typedef struct {
    dc_doc *doc;
    xmlNode *root;
    const dc_limits *lim;
    dc_error *err;
    S_style *styles;
    size_t nstyles;
    S_style *default_para;
    S_style *default_table;
    S_rprops doc_rp;
    dc_numbering *nb;
    S_field fields[MAX_FIELDS];
    int nfields;                /* may exceed MAX_FIELDS: deeper ones are counted only */
    int instr_open;
    int simple_results;         /* inside the result of w:fldSimple fields */
    int footnote_seq, endnote_seq;
    const char *footnote_fmt, *endnote_fmt;   /* w:footnotePr/w:numFmt */
    int footnote_start, endnote_start;
    const char *note_label;     /* label of the note being read (w:footnoteRef) */
    int in_note;
    int table_depth;
    int stop;
} S_reader;

typedef struct {
    dc_para_builder pb;
    xmlNode **boxes;            /* text box contents to add after the paragraph */
    size_t nboxes, capboxes;
} S_para_ctx;

static void S_blocks(S_reader *R, const xmlNode *container, dc_node *parent, int in_textbox);

/* ------------------------------------------------------------------------
 * Small parsers
 * ------------------------------------------------------------------------ */

static const char *S_wval(const xmlNode *n)
{
    return dc_xml_attr(n, W, "val");
}

/* An attribute under its Word 2003 name, or the OOXML spelling some
 * generators use instead ("first-line" / "firstLine"). */
static const char *S_attr2(const xmlNode *n, const char *name, const char *alt)
{
    const char *v = dc_xml_attr(n, W, name);
    return v ? v : alt ? dc_xml_attr(n, W, alt) : NULL;
}

/* Twips from a measure; Word 2003 writes twips, LibreOffice fractional ones
 * ("8845.1537").  Clamped so that sums cannot overflow. */
static int S_twips(const char *s, int dflt)
{
    int v = dc_xml_int(s, dflt);
    if (v > 10000000)
        v = 10000000;
    if (v < -10000000)
        v = -10000000;
    return v;
}

static int S_hex_color(const char *s, uint32_t *out)
{
    if (!s || strlen(s) != 6)
        return 0;
    for (int i = 0; i < 6; i++)
        if (!isxdigit((unsigned char)s[i]))
            return 0;
    *out = (uint32_t)strtoul(s, NULL, 16);
    return 1;
}

/* On/off property element: <w:b/>, <w:b w:val="off"/>, and the sloppy
 * <w:tblHeader>on</w:tblHeader> that LibreOffice writes. */
static int S_onoff_elem(const xmlNode *n)
{
    const char *v = S_wval(n);
    if (v)
        return dc_xml_onoff(v, 1);
    if (!n->children)
        return 1;
    dc_buf b = DC_BUF_INIT;
    dc_xml_text(n, &b);
    size_t s = 0, e = b.len;
    while (s < e && isspace((unsigned char)b.data[s]))
        s++;
    while (e > s && isspace((unsigned char)b.data[e - 1]))
        e--;
    int on = 1;
    if (e > s) {
        char word[8];
        size_t n = e - s < sizeof word - 1 ? e - s : sizeof word - 1;
        memcpy(word, b.data + s, n);
        word[n] = '\0';
        on = dc_xml_onoff(word, 1);
    }
    dc_buf_free(&b);
    return on;
}

static dc_align S_align(const char *v)
{
    if (!v)
        return DC_ALIGN_NONE;
    if (!strcmp(v, "center"))
        return DC_ALIGN_CENTER;
    if (!strcmp(v, "right"))
        return DC_ALIGN_RIGHT;
    if (!strcmp(v, "both") || strstr(v, "kashida") || !strcmp(v, "thai-distribute"))
        return DC_ALIGN_JUSTIFY;
    if (!strcmp(v, "distribute"))
        return DC_ALIGN_DISTRIBUTE;
    return DC_ALIGN_LEFT;
}

/* Style names as LibreOffice writes them encode characters that are not
 * allowed in XML names as _HEX_ ("Heading_20_1" is "Heading 1").  Returns the
 * decoded name in the document's arena. */
static const char *S_decode_name(dc_doc *doc, const char *s)
{
    if (!s)
        return NULL;
    if (!strchr(s, '_'))
        return dc_doc_strdup(doc, s);
    dc_buf b = DC_BUF_INIT;
    for (const char *p = s; *p;) {
        if (*p == '_') {
            const char *q = p + 1;
            uint32_t cp = 0;
            int n = 0;
            while (n < 6 && isxdigit((unsigned char)q[n])) {
                cp = cp * 16 + (uint32_t)(isdigit((unsigned char)q[n])
                                              ? q[n] - '0'
                                              : tolower((unsigned char)q[n]) - 'a' + 10);
                n++;
            }
            if (n >= 2 && q[n] == '_' && cp >= 0x20 && cp <= 0x10FFFF) {
                dc_buf_put_utf8(&b, cp);
                p = q + n + 1;
                continue;
            }
        }
        dc_buf_putc(&b, *p++);
    }
    const char *out = dc_doc_strdup(doc, dc_buf_cstr(&b));
    dc_buf_free(&b);
    return out;
}

/* ------------------------------------------------------------------------
 * Run and paragraph properties
 * ------------------------------------------------------------------------ */

static void S_apply_rpr(S_reader *R, S_rprops *rp, const xmlNode *rpr)
{
    for (const xmlNode *c = dc_xml_first_elem(rpr); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_ns_is(c, W))
            continue;
        const char *n = (const char *)c->name;
        if (!strcmp(n, "b")) {
            rp->b = S_onoff_elem(c);
            rp->set |= RP_B;
        } else if (!strcmp(n, "i")) {
            rp->i = S_onoff_elem(c);
            rp->set |= RP_I;
        } else if (!strcmp(n, "u")) {
            const char *v = S_wval(c);
            rp->u = v ? strcmp(v, "none") != 0 : 1;
            rp->set |= RP_U;
        } else if (!strcmp(n, "strike")) {
            rp->strike = S_onoff_elem(c);
            rp->set |= RP_STRIKE;
        } else if (!strcmp(n, "dstrike")) {
            if (S_onoff_elem(c)) {
                rp->strike = 1;
                rp->set |= RP_STRIKE;
            }
        } else if (!strcmp(n, "vanish")) {
            rp->vanish = S_onoff_elem(c);
            rp->set |= RP_VANISH;
        } else if (!strcmp(n, "sz")) {
            int v = dc_xml_int(S_wval(c), 0);
            if (v > 0 && v < 4000) {
                rp->sz = v;
                rp->set |= RP_SZ;
            }
        } else if (!strcmp(n, "vertAlign")) {
            const char *v = S_wval(c);
            rp->vert = v && !strcmp(v, "superscript") ? DC_VERT_SUPER
                       : v && !strcmp(v, "subscript") ? DC_VERT_SUB
                                                      : DC_VERT_BASELINE;
            rp->set |= RP_VERT;
        } else if (!strcmp(n, "rFonts")) {
            const char *ea = S_attr2(c, "fareast", "eastAsia");
            const char *as = dc_xml_attr(c, W, "ascii");
            if (!as || !*as)
                as = S_attr2(c, "h-ansi", "hAnsi");
            if (ea && *ea) {
                rp->ea = dc_doc_strdup(R->doc, ea);
                rp->set |= RP_EA;
            }
            if (as && *as) {
                rp->ascii = dc_doc_strdup(R->doc, as);
                rp->set |= RP_ASCII;
            }
        } else if (!strcmp(n, "color")) {
            uint32_t col;
            if (S_hex_color(S_wval(c), &col)) {
                rp->color = col;
                rp->has_color = 1;
            } else {
                rp->has_color = 0;   /* "auto" */
            }
            rp->set |= RP_COLOR;
        }
    }
}

static void S_merge_rp(S_rprops *dst, const S_rprops *src)
{
    unsigned s = src->set;
    if (s & RP_B) dst->b = src->b;
    if (s & RP_I) dst->i = src->i;
    if (s & RP_U) dst->u = src->u;
    if (s & RP_STRIKE) dst->strike = src->strike;
    if (s & RP_VANISH) dst->vanish = src->vanish;
    if (s & RP_SZ) dst->sz = src->sz;
    if (s & RP_VERT) dst->vert = src->vert;
    if (s & RP_EA) dst->ea = src->ea;
    if (s & RP_ASCII) dst->ascii = src->ascii;
    if (s & RP_COLOR) {
        dst->color = src->color;
        dst->has_color = src->has_color;
    }
    dst->set |= s;
}

static void S_apply_ppr(S_reader *R, S_pprops *pp, const xmlNode *ppr)
{
    for (const xmlNode *c = dc_xml_first_elem(ppr); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_ns_is(c, W))
            continue;
        const char *n = (const char *)c->name;
        if (!strcmp(n, "jc")) {
            pp->jc = S_align(S_wval(c));
            pp->set |= PP_JC;
        } else if (!strcmp(n, "ind")) {
            const char *l = dc_xml_attr(c, W, "left");
            const char *r = dc_xml_attr(c, W, "right");
            const char *f = S_attr2(c, "first-line", "firstLine");
            const char *h = dc_xml_attr(c, W, "hanging");
            const char *fc = S_attr2(c, "first-line-chars", "firstLineChars");
            const char *hc = S_attr2(c, "hanging-chars", "hangingChars");
            if (l) {
                pp->ind_left = S_twips(l, 0);
                pp->set |= PP_INDL;
            }
            if (r) {
                pp->ind_right = S_twips(r, 0);
                pp->set |= PP_INDR;
            }
            if (h) {
                pp->ind_first = -S_twips(h, 0);
                pp->set |= PP_INDF;
            } else if (f) {
                pp->ind_first = S_twips(f, 0);
                pp->set |= PP_INDF;
            }
            if (hc) {
                pp->ind_first_chars = -dc_xml_int(hc, 0);
                pp->set |= PP_INDFC;
            } else if (fc) {
                pp->ind_first_chars = dc_xml_int(fc, 0);
                pp->set |= PP_INDFC;
            }
        } else if (!strcmp(n, "spacing")) {
            const char *b = dc_xml_attr(c, W, "before");
            const char *a = dc_xml_attr(c, W, "after");
            const char *l = dc_xml_attr(c, W, "line");
            const char *rule = S_attr2(c, "line-rule", "lineRule");
            if (b) {
                pp->space_before = S_twips(b, 0);
                pp->set |= PP_SB;
            }
            if (a) {
                pp->space_after = S_twips(a, 0);
                pp->set |= PP_SA;
            }
            if (l) {
                pp->line = S_twips(l, 240);
                pp->line_rule = !rule || !strcmp(rule, "auto") ? DC_LINE_AUTO
                                : !strcmp(rule, "exact")       ? DC_LINE_EXACT
                                                               : DC_LINE_AT_LEAST;
                pp->set |= PP_LINE;
            }
        } else if (!strcmp(n, "outlineLvl")) {
            pp->outline = dc_xml_int(S_wval(c), 9);
            pp->set |= PP_OUTLINE;
        } else if (!strcmp(n, "listPr")) {
            const char *id = dc_xml_child_val(c, W, "ilfo");
            const char *lv = dc_xml_child_val(c, W, "ilvl");
            if (id) {
                pp->ilfo = dc_xml_int(id, 0);
                pp->set |= PP_ILFO;
            }
            if (lv) {
                pp->ilvl = dc_xml_int(lv, 0);
                pp->set |= PP_ILVL;
            }
            const xmlNode *hint = dc_xml_child(c, WX, "t");
            const char *hv = hint ? dc_xml_attr(hint, WX, "val") : NULL;
            if (hv) {
                pp->list_hint = dc_doc_strdup(R->doc, hv);
                pp->list_hint_tab = dc_xml_attr(hint, WX, "wTabAfter") != NULL;
            }
        } else if (!strcmp(n, "keepNext")) {
            pp->keep_next = S_onoff_elem(c);
            pp->set |= PP_KEEP;
        } else if (!strcmp(n, "pageBreakBefore")) {
            pp->page_break_before = S_onoff_elem(c);
            pp->set |= PP_PBB;
        }
    }
}

static void S_merge_pp(S_pprops *dst, const S_pprops *src)
{
    unsigned s = src->set;
    if (s & PP_JC) dst->jc = src->jc;
    if (s & PP_INDL) dst->ind_left = src->ind_left;
    if (s & PP_INDR) dst->ind_right = src->ind_right;
    if (s & PP_INDF) dst->ind_first = src->ind_first;
    if (s & PP_INDFC) dst->ind_first_chars = src->ind_first_chars;
    if (s & PP_SB) dst->space_before = src->space_before;
    if (s & PP_SA) dst->space_after = src->space_after;
    if (s & PP_LINE) {
        dst->line = src->line;
        dst->line_rule = src->line_rule;
    }
    if (s & PP_OUTLINE) dst->outline = src->outline;
    if (s & PP_ILFO) dst->ilfo = src->ilfo;
    if (s & PP_ILVL) dst->ilvl = src->ilvl;
    if (s & PP_KEEP) dst->keep_next = src->keep_next;
    if (s & PP_PBB) dst->page_break_before = src->page_break_before;
    dst->set |= s;
}

static void S_apply_borders(S_borders *b, const xmlNode *bx)
{
    static const char *const names[E_COUNT] = {"top", "left", "bottom", "right",
                                               "insideH", "insideV"};
    for (int e = 0; e < E_COUNT; e++) {
        const xmlNode *c = dc_xml_child(bx, W, names[e]);
        if (!c)
            continue;
        const char *v = S_wval(c);
        b->edge[e] = !(v && (!strcmp(v, "nil") || !strcmp(v, "none")));
    }
}

/* ------------------------------------------------------------------------
 * Styles
 * ------------------------------------------------------------------------ */

static S_style *S_style_find(S_reader *R, const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < R->nstyles; i++)
        if (!strcmp(R->styles[i].id, id))
            return &R->styles[i];
    return NULL;
}

static void S_style_resolve(S_reader *R, S_style *s, int depth)
{
    if (s->state == 2)
        return;
    if (s->state == 1 || depth > 32) {   /* a basedOn loop: stop here */
        s->state = 2;
        return;
    }
    s->state = 1;
    memset(&s->pp, 0, sizeof s->pp);
    memset(&s->rp, 0, sizeof s->rp);
    for (int e = 0; e < E_COUNT; e++)
        s->borders.edge[e] = -1;
    S_style *base = S_style_find(R, s->based_on);
    if (base && base != s && base->type == s->type) {
        S_style_resolve(R, base, depth + 1);
        s->pp = base->pp;
        s->rp = base->rp;
        s->borders = base->borders;
        if (!s->heading_level)
            s->heading_level = base->heading_level;
        s->is_caption |= base->is_caption;
    }
    s->pp.list_hint = NULL;   /* hints describe one paragraph, not a style */
    if (s->ppr)
        S_apply_ppr(R, &s->pp, s->ppr);
    s->pp.list_hint = NULL;
    if (s->rpr)
        S_apply_rpr(R, &s->rp, s->rpr);
    if (s->tblpr) {
        const xmlNode *bx = dc_xml_child(s->tblpr, W, "tblBorders");
        if (bx)
            S_apply_borders(&s->borders, bx);
    }
    s->state = 2;
}

static int S_name_is(const char *name, const char *want)
{
    return name && !strcasecmp(name, want);
}

static void S_read_styles(S_reader *R)
{
    xmlNode *root = dc_xml_child(R->root, W, "styles");
    xmlNode *fonts = dc_xml_child(R->root, W, "fonts");
    xmlNode *df = dc_xml_child(fonts, W, "defaultFonts");
    if (df) {
        const char *ea = dc_xml_attr(df, W, "fareast");
        const char *as = dc_xml_attr(df, W, "ascii");
        if (ea && *ea) {
            R->doc_rp.ea = dc_doc_strdup(R->doc, ea);
            R->doc_rp.set |= RP_EA;
        }
        if (as && *as) {
            R->doc_rp.ascii = dc_doc_strdup(R->doc, as);
            R->doc_rp.set |= RP_ASCII;
        }
    }
    size_t n = 0;
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c))
        if (dc_xml_is(c, W, "style"))
            n++;
    R->styles = dc_xcalloc(n ? n : 1, sizeof *R->styles);
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, W, "style"))
            continue;
        const char *id = dc_xml_attr(c, W, "styleId");
        const char *type = dc_xml_attr(c, W, "type");
        if (!id)
            continue;
        S_style *s = &R->styles[R->nstyles++];
        s->id = dc_doc_strdup(R->doc, id);
        s->name = S_decode_name(R->doc, dc_xml_child_val(c, W, "name"));
        s->based_on = dc_doc_strdup(R->doc, dc_xml_child_val(c, W, "basedOn"));
        s->type = !type || !strcmp(type, "paragraph") ? ST_PARA
                  : !strcmp(type, "character")        ? ST_CHAR
                  : !strcmp(type, "table")            ? ST_TABLE
                                                      : ST_LIST;
        s->ppr = dc_xml_child(c, W, "pPr");
        s->rpr = dc_xml_child(c, W, "rPr");
        s->tblpr = dc_xml_child(c, W, "tblPr");
        const xmlNode *ui = dc_xml_child(c, WX, "uiName");
        const char *uiname = ui ? dc_xml_attr(ui, WX, "val") : NULL;
        s->heading_level = dc_wml_heading_level(s->name);
        if (!s->heading_level)
            s->heading_level = dc_wml_heading_level(uiname);
        if (!s->heading_level)
            s->heading_level = dc_wml_heading_level(s->id);
        const char *nm = s->name ? s->name : s->id;
        s->is_title = S_name_is(nm, "Title") || !strcmp(nm, "标题") ||
                      (uiname && !strcmp(uiname, "标题"));
        s->is_caption = !strncasecmp(nm, "caption", 7) || !strncmp(nm, "题注", strlen("题注")) ||
                        (uiname && !strncmp(uiname, "题注", strlen("题注")));
        int dflt = dc_xml_onoff(dc_xml_attr(c, W, "default"), 0);
        if (dflt && s->type == ST_PARA && !R->default_para)
            R->default_para = s;
        if (dflt && s->type == ST_TABLE && !R->default_table)
            R->default_table = s;
    }
    for (size_t i = 0; i < R->nstyles; i++)
        S_style_resolve(R, &R->styles[i], 0);
}

/* ------------------------------------------------------------------------
 * Lists
 * ------------------------------------------------------------------------ */

static void S_read_level(S_reader *R, dc_num_level *lv, const xmlNode *lvl)
{
    lv->defined = 1;
    lv->start = dc_xml_int(dc_xml_child_val(lvl, W, "start"), 0);
    const char *nfc = dc_xml_child_val(lvl, W, "nfc");
    lv->fmt = dc_numfmt_from_nfc(dc_xml_int(nfc, 0));
    const xmlNode *t = dc_xml_child(lvl, W, "lvlText");
    lv->text = t ? dc_doc_strdup(R->doc, S_wval(t) ? S_wval(t) : "") : NULL;
    const char *rs = dc_xml_child_val(lvl, W, "lvlRestart");
    lv->restart = rs ? dc_xml_int(rs, -1) : -1;
    const xmlNode *lg = dc_xml_child(lvl, W, "isLgl");
    lv->legal = lg ? S_onoff_elem(lg) : 0;
    /* Word 2003 writes Tab, Space, Nothing. */
    const char *suff = dc_xml_child_val(lvl, W, "suff");
    lv->suffix = !suff || !strcasecmp(suff, "tab") ? "tab"
                 : !strcasecmp(suff, "space")      ? "space"
                                                   : "nothing";
    lv->pstyle = dc_doc_strdup(R->doc, dc_xml_child_val(lvl, W, "pStyle"));
    const xmlNode *ppr = dc_xml_child(lvl, W, "pPr");
    if (ppr) {
        S_pprops pp = {0};
        S_apply_ppr(R, &pp, ppr);
        if (pp.set & (PP_INDL | PP_INDF)) {
            lv->has_ind = 1;
            lv->ind_left = pp.ind_left;
            lv->ind_first = pp.ind_first;
        }
    }
    const xmlNode *rpr = dc_xml_child(lvl, W, "rPr");
    if (rpr) {
        S_rprops rp = {0};
        S_apply_rpr(R, &rp, rpr);
        lv->rpr.bold = rp.b;
        lv->rpr.italic = rp.i;
        lv->rpr.size = rp.sz;
        lv->rpr.font_ea = rp.ea;
        lv->rpr.font_ascii = rp.ascii;
    }
}

static void S_read_lists(S_reader *R)
{
    R->nb = dc_numbering_new(R->doc);
    xmlNode *lists = dc_xml_child(R->root, W, "lists");
    for (xmlNode *c = dc_xml_first_elem(lists); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, W, "listDef")) {
            int aid = dc_xml_int(dc_xml_attr(c, W, "listDefId"), -1);
            if (aid < 0)
                continue;
            for (xmlNode *l = dc_xml_first_elem(c); l; l = dc_xml_next_elem(l)) {
                if (!dc_xml_is(l, W, "lvl"))
                    continue;
                int ilvl = dc_xml_int(dc_xml_attr(l, W, "ilvl"), -1);
                dc_num_level *lv = dc_numbering_abstract_level(R->nb, aid, ilvl);
                if (lv)
                    S_read_level(R, lv, l);
            }
        } else if (dc_xml_is(c, W, "list")) {
            int nid = dc_xml_int(dc_xml_attr(c, W, "ilfo"), -1);
            int aid = dc_xml_int(dc_xml_child_val(c, W, "ilst"), -1);
            if (nid < 0)
                continue;
            dc_numbering_add_num(R->nb, nid, aid);
            for (xmlNode *o = dc_xml_first_elem(c); o; o = dc_xml_next_elem(o)) {
                if (!dc_xml_is(o, W, "lvlOverride"))
                    continue;
                int ilvl = dc_xml_int(dc_xml_attr(o, W, "ilvl"), -1);
                const char *so = dc_xml_child_val(o, W, "startOverride");
                if (so)
                    dc_numbering_start_override(R->nb, nid, ilvl, dc_xml_int(so, 0));
                xmlNode *l = dc_xml_child(o, W, "lvl");
                if (l) {
                    dc_num_level *lv = dc_numbering_override_level(R->nb, nid, ilvl);
                    if (lv)
                        S_read_level(R, lv, l);
                }
            }
        }
    }
    /* w:listStyleLink names a list style; the w:listDef that carries the
     * levels says so with a w:styleLink of the same name. */
    for (xmlNode *c = dc_xml_first_elem(lists); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, W, "listDef"))
            continue;
        const char *link = dc_xml_child_val(c, W, "listStyleLink");
        if (!link)
            continue;
        int aid = dc_xml_int(dc_xml_attr(c, W, "listDefId"), -1);
        for (xmlNode *d = dc_xml_first_elem(lists); d; d = dc_xml_next_elem(d)) {
            const char *sl = dc_xml_is(d, W, "listDef") ? dc_xml_child_val(d, W, "styleLink")
                                                        : NULL;
            int target = dc_xml_int(dc_xml_attr(d, W, "listDefId"), -1);
            if (sl && !strcmp(sl, link) && target >= 0 && target != aid) {
                dc_numbering_link(R->nb, aid, target);
                break;
            }
        }
    }
}

/* ------------------------------------------------------------------------
 * Fields
 * ------------------------------------------------------------------------ */

static S_field *S_field_top(S_reader *R)
{
    if (R->nfields <= 0 || R->nfields > MAX_FIELDS)
        return NULL;
    return &R->fields[R->nfields - 1];
}

static S_field *S_field_instr(S_reader *R)
{
    int top = R->nfields < MAX_FIELDS ? R->nfields : MAX_FIELDS;
    for (int i = top - 1; i >= 0; i--)
        if (!R->fields[i].in_result)
            return &R->fields[i];
    return NULL;
}

static void S_field_begin(S_reader *R)
{
    if (R->nfields < MAX_FIELDS) {
        S_field *f = &R->fields[R->nfields];
        dc_buf_clear(&f->instr);
        f->in_result = 0;
    }
    R->nfields++;
    R->instr_open++;
}

static void S_field_separate(S_reader *R)
{
    S_field *f = S_field_top(R);
    if (f && !f->in_result) {
        f->in_result = 1;
        R->instr_open--;
    }
}

static void S_field_end(S_reader *R, S_para_ctx *pc)
{
    if (R->nfields <= 0)
        return;
    S_field *f = S_field_top(R);
    if (f) {
        if (!f->in_result)
            R->instr_open--;
        /* TC entries (no result, or an empty one) are kept, hidden. */
        dc_node *tc = dc_wml_tc_entry(R->doc, dc_buf_cstr(&f->instr));
        if (tc && pc && R->instr_open == 0)
            dc_pb_node(&pc->pb, tc);
    } else if (R->instr_open > 0) {
        R->instr_open--;
    }
    R->nfields--;
    if (R->instr_open < 0)
        R->instr_open = 0;
}

/* ------------------------------------------------------------------------
 * Inline content
 * ------------------------------------------------------------------------ */

static int S_limit_hit(S_reader *R)
{
    if (R->stop)
        return 1;
    if (R->doc->node_count > R->lim->max_nodes) {
        dc_error_set(R->err, DC_ERR_LIMIT,
                     "document has more than %zu elements (limit 'nodes')", R->lim->max_nodes);
        R->stop = 1;
    }
    return R->stop;
}

static void S_fmt_from(dc_run *fmt, const S_rprops *rp)
{
    memset(fmt, 0, sizeof *fmt);
    fmt->bold = rp->b ? 1 : 0;
    fmt->italic = rp->i ? 1 : 0;
    fmt->underline = rp->u ? 1 : 0;
    fmt->strike = rp->strike ? 1 : 0;
    fmt->size = rp->sz;
    fmt->vert = (dc_vert)rp->vert;
    fmt->font_ea = rp->ea;
    fmt->font_ascii = rp->ascii;
    fmt->has_color = rp->has_color ? 1 : 0;
    fmt->color = rp->color;
}

static void S_push_box(S_para_ctx *pc, xmlNode *box)
{
    if (pc->nboxes == pc->capboxes) {
        pc->capboxes = pc->capboxes ? pc->capboxes * 2 : 4;
        pc->boxes = dc_xrealloc(pc->boxes, pc->capboxes * sizeof *pc->boxes);
    }
    pc->boxes[pc->nboxes++] = box;
}

/* Finds the text boxes (w:txbxContent) inside a w:pict or w:object,
 * iteratively. */
static void S_collect_boxes(const xmlNode *root, S_para_ctx *pc)
{
    const xmlNode *n = root->children;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (dc_xml_is(n, W, "txbxContent")) {
                S_push_box(pc, (xmlNode *)n);
            } else if (n->children && !dc_xml_is(n, W, "binData")) {
                n = n->children;
                continue;
            }
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
}

/* Text of a field instruction goes there; visible text to the paragraph. */
static void S_emit(S_reader *R, S_para_ctx *pc, const char *s, size_t len, const dc_run *fmt,
                   int hidden)
{
    if (R->instr_open > 0) {
        S_field *f = S_field_instr(R);
        if (f)
            dc_buf_put(&f->instr, s, len);
        return;
    }
    if (!hidden)
        dc_pb_text(&pc->pb, s, len, fmt);
}

/* A footnote or endnote written inline (w:footnote inside the w:r): its
 * blocks become a NOTE, the reference a NOTE_REF with the note's number. */
static void S_inline_note(S_reader *R, const xmlNode *fn, dc_note_kind kind, S_para_ctx *pc,
                          int visible)
{
    if (R->in_note || S_limit_hit(R))
        return;   /* Word has no notes inside notes */
    int foot = kind == DC_NOTE_FOOTNOTE;
    int seq = foot ? ++R->footnote_seq : ++R->endnote_seq;
    char id[24];
    snprintf(id, sizeof id, "%d", seq);
    dc_buf label = DC_BUF_INIT;
    dc_numfmt_format(foot ? R->footnote_fmt : R->endnote_fmt,
                     (foot ? R->footnote_start : R->endnote_start) + seq - 1, &label);

    dc_node *note = dc_node_new(R->doc, DC_NODE_NOTE);
    note->as.note.kind = kind;
    note->as.note.id = dc_doc_strdup(R->doc, id);
    note->as.note.label = dc_doc_strdup(R->doc, dc_buf_cstr(&label));
    dc_buf_free(&label);

    /* The note's own fields start afresh; the paragraph's resume after. */
    int saved_fields = R->nfields, saved_instr = R->instr_open;
    int saved_simple = R->simple_results;
    S_field saved[MAX_FIELDS];
    memcpy(saved, R->fields, sizeof saved);
    for (int i = 0; i < MAX_FIELDS; i++)
        memset(&R->fields[i].instr, 0, sizeof R->fields[i].instr);
    R->nfields = R->instr_open = R->simple_results = 0;
    R->note_label = note->as.note.label;
    R->in_note = 1;
    S_blocks(R, fn, note, 0);
    R->in_note = 0;
    R->note_label = NULL;
    for (int i = 0; i < MAX_FIELDS; i++)
        dc_buf_free(&R->fields[i].instr);
    memcpy(R->fields, saved, sizeof saved);
    R->nfields = saved_fields;
    R->instr_open = saved_instr;
    R->simple_results = saved_simple;
    dc_node_append(R->doc->notes, note);

    if (visible) {
        dc_node *ref = dc_node_new(R->doc, DC_NODE_NOTE_REF);
        ref->as.note.kind = kind;
        ref->as.note.id = note->as.note.id;
        ref->as.note.label = note->as.note.label;
        dc_pb_node(&pc->pb, ref);
    }
}

static void S_sym(S_reader *R, S_para_ctx *pc, const char *font, const char *ch,
                  const dc_run *fmt, int hidden)
{
    uint32_t cp = dc_sym_char(font, ch);
    if (cp) {
        dc_buf tmp = DC_BUF_INIT;
        dc_buf_put_utf8(&tmp, cp);
        S_emit(R, pc, tmp.data, tmp.len, fmt, hidden);
        dc_buf_free(&tmp);
    }
}

static void S_run(S_reader *R, const xmlNode *r, S_para_ctx *pc, const S_rprops *inherited)
{
    S_rprops rp = *inherited;
    const xmlNode *rpr = dc_xml_child(r, W, "rPr");
    if (rpr) {
        S_style *cs = S_style_find(R, dc_xml_child_val(rpr, W, "rStyle"));
        if (cs && cs->type == ST_CHAR)
            S_merge_rp(&rp, &cs->rp);
        S_rprops direct = {0};
        S_apply_rpr(R, &direct, rpr);
        S_merge_rp(&rp, &direct);
    }
    int hidden = rp.vanish;
    dc_run fmt;
    S_fmt_from(&fmt, &rp);
    fmt.from_field = R->nfields > 0 || R->simple_results > 0;

    for (const xmlNode *c = dc_xml_first_elem(r); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, WX, "sym")) {   /* Word's hint form of w:sym */
            S_sym(R, pc, dc_xml_attr(c, WX, "font"), dc_xml_attr(c, WX, "char"), &fmt, hidden);
            continue;
        }
        if (!dc_xml_ns_is(c, W))
            continue;
        const char *n = (const char *)c->name;
        if (!strcmp(n, "t")) {
            dc_buf tmp = DC_BUF_INIT;
            dc_xml_text(c, &tmp);
            S_emit(R, pc, tmp.data ? tmp.data : "", tmp.len, &fmt, hidden);
            dc_buf_free(&tmp);
        } else if (!strcmp(n, "instrText")) {
            S_field *f = S_field_instr(R);
            if (f && R->nfields <= MAX_FIELDS)
                dc_xml_text(c, &f->instr);
        } else if (!strcmp(n, "fldChar")) {
            const char *t = dc_xml_attr(c, W, "fldCharType");
            if (!t)
                continue;
            if (!strcmp(t, "begin"))
                S_field_begin(R);
            else if (!strcmp(t, "separate"))
                S_field_separate(R);
            else if (!strcmp(t, "end"))
                S_field_end(R, pc);
            fmt.from_field = R->nfields > 0 || R->simple_results > 0;
        } else if (!strcmp(n, "tab")) {
            S_emit(R, pc, "\t", 1, &fmt, hidden);
        } else if (!strcmp(n, "br")) {
            const char *type = dc_xml_attr(c, W, "type");
            if (type && (!strcmp(type, "page") || !strcmp(type, "column"))) {
                if (!hidden && R->instr_open == 0) {
                    dc_node *b = dc_node_new(R->doc, DC_NODE_BREAK);
                    b->as.brk.kind = !strcmp(type, "page") ? DC_BREAK_PAGE : DC_BREAK_COLUMN;
                    dc_pb_node(&pc->pb, b);
                }
            } else {
                S_emit(R, pc, "\n", 1, &fmt, hidden);
            }
        } else if (!strcmp(n, "cr")) {
            S_emit(R, pc, "\n", 1, &fmt, hidden);
        } else if (!strcmp(n, "sym")) {
            S_sym(R, pc, dc_xml_attr(c, W, "font"), dc_xml_attr(c, W, "char"), &fmt, hidden);
        } else if (!strcmp(n, "noBreakHyphen")) {
            S_emit(R, pc, "\xE2\x80\x91", 3, &fmt, hidden);   /* U+2011 */
        } else if (!strcmp(n, "softHyphen")) {
            /* an optional hyphen (U+00AD): shown only where a line breaks */
            S_emit(R, pc, "\xC2\xAD", 2, &fmt, hidden);
        } else if (!strcmp(n, "footnote")) {
            S_inline_note(R, c, DC_NOTE_FOOTNOTE, pc, !hidden && R->instr_open == 0);
        } else if (!strcmp(n, "endnote")) {
            S_inline_note(R, c, DC_NOTE_ENDNOTE, pc, !hidden && R->instr_open == 0);
        } else if (!strcmp(n, "footnoteRef") || !strcmp(n, "endnoteRef")) {
            if (R->note_label && *R->note_label)
                S_emit(R, pc, R->note_label, strlen(R->note_label), &fmt, hidden);
        } else if (!strcmp(n, "pict") || !strcmp(n, "object")) {
            S_collect_boxes(c, pc);
        }
        /* delText, delInstrText, separators, annotationRef: nothing visible. */
    }
}

/* aml:annotation: only an insertion's content is part of the text. */
static const xmlNode *S_inserted_content(const xmlNode *ann)
{
    const char *type = dc_xml_attr(ann, W, "type");
    if (!type || strcmp(type, "Word.Insertion") != 0)
        return NULL;   /* deletions, comments, bookmarks, formatting changes */
    return dc_xml_child(ann, DC_XNS_AML, "content");
}

static void S_inlines(S_reader *R, const xmlNode *parent, S_para_ctx *pc, const S_rprops *rp)
{
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, DC_XNS_AML, "annotation")) {
            const xmlNode *content = S_inserted_content(c);
            if (content)
                S_inlines(R, content, pc, rp);
            continue;
        }
        const char *n = (const char *)c->name;
        if (dc_xml_ns_is(c, W)) {
            if (!strcmp(n, "r")) {
                S_run(R, c, pc, rp);
            } else if (!strcmp(n, "hlink")) {
                S_inlines(R, c, pc, rp);
            } else if (!strcmp(n, "fldSimple")) {
                const char *instr = dc_xml_attr(c, W, "instr");
                if (R->instr_open > 0) {
                    S_inlines(R, c, pc, rp);   /* part of an outer instruction */
                } else {
                    R->simple_results++;   /* its runs are the field's result */
                    S_inlines(R, c, pc, rp);
                    R->simple_results--;
                    dc_node *tc = instr ? dc_wml_tc_entry(R->doc, instr) : NULL;
                    if (tc)
                        dc_pb_node(&pc->pb, tc);
                }
            }
            /* pPr, proofErr, permStart/End and the like: nothing. */
        } else if (!dc_xml_ns_is(c, WX) && !dc_xml_ns_is(c, DC_XNS_AML)) {
            /* Smart tags (st1:chsdate …) and custom XML wrap runs. */
            S_inlines(R, c, pc, rp);
        }
    }
}

/* ------------------------------------------------------------------------
 * Paragraphs
 * ------------------------------------------------------------------------ */

static void S_paragraph(S_reader *R, const xmlNode *p, dc_node *parent, int in_textbox)
{
    if (S_limit_hit(R))
        return;
    const xmlNode *ppr = dc_xml_child(p, W, "pPr");
    S_style *st = NULL;
    if (ppr)
        st = S_style_find(R, dc_xml_child_val(ppr, W, "pStyle"));
    if (st && st->type != ST_PARA)
        st = NULL;
    if (!st)
        st = R->default_para;

    S_pprops pp;
    memset(&pp, 0, sizeof pp);
    S_rprops rp = R->doc_rp;
    if (st) {
        S_merge_pp(&pp, &st->pp);
        S_merge_rp(&rp, &st->rp);
    }
    S_pprops direct;
    memset(&direct, 0, sizeof direct);
    if (ppr) {
        S_apply_ppr(R, &direct, ppr);
        S_merge_pp(&pp, &direct);
    }

    dc_node *para = dc_node_new(R->doc, DC_NODE_PARAGRAPH);
    dc_para *d = &para->as.para;
    d->style_id = st ? st->id : NULL;
    d->style_name = st ? st->name : NULL;
    d->align = (pp.set & PP_JC) ? pp.jc : DC_ALIGN_NONE;
    d->ind_left = pp.ind_left;
    d->ind_right = pp.ind_right;
    d->ind_first = pp.ind_first;
    d->ind_first_chars = pp.ind_first_chars;
    d->space_before = pp.space_before;
    d->space_after = pp.space_after;
    d->line = (pp.set & PP_LINE) ? pp.line : 240;
    d->line_rule = pp.line_rule;
    d->keep_next = pp.keep_next ? 1 : 0;
    d->page_break_before = pp.page_break_before ? 1 : 0;
    d->in_textbox = in_textbox ? 1 : 0;
    d->font_size = rp.sz;
    d->is_title = st && st->is_title;
    d->is_caption = st && st->is_caption;
    d->outline_level = (pp.set & PP_OUTLINE) && pp.outline >= 0 && pp.outline < 9 ? pp.outline : -1;
    int level = st ? st->heading_level : 0;
    if (!level && d->outline_level >= 0)
        level = d->outline_level + 1;
    if (level > 0 && !(pp.set & PP_OUTLINE && (pp.outline < 0 || pp.outline >= 9))) {
        para->type = DC_NODE_HEADING;
        d->heading_level = level;
        if (d->outline_level < 0)
            d->outline_level = level - 1;
    }

    S_para_ctx pc;
    memset(&pc, 0, sizeof pc);
    dc_pb_begin(&pc.pb, R->doc, para);

    /* List label from w:listPr (direct or through the style); w:ilfo 0 means
     * "no list". */
    if ((pp.set & PP_ILFO) && pp.ilfo > 0) {
        int ilvl = (pp.set & PP_ILVL) ? pp.ilvl : 0;
        if (!(pp.set & PP_ILVL) && st) {
            for (int k = 0; k < DC_NUM_LEVELS; k++) {
                const dc_num_level *lk = dc_numbering_level(R->nb, pp.ilfo, k);
                if (lk && lk->pstyle && !strcmp(lk->pstyle, st->id)) {
                    ilvl = k;
                    break;
                }
            }
        }
        dc_buf label = DC_BUF_INIT;
        const char *suff = NULL;
        const dc_num_level *lv = dc_numbering_next(R->nb, pp.ilfo, ilvl, &label);
        if (lv) {
            d->list_id = pp.ilfo;
            d->list_level = ilvl;
            if (!(pp.set & PP_INDL) && lv->has_ind)
                d->ind_left = lv->ind_left;
            suff = lv->suffix ? lv->suffix : "tab";
        } else if (direct.list_hint && *direct.list_hint) {
            /* The list is not defined: show the label Word displayed. */
            d->list_id = pp.ilfo;
            d->list_level = ilvl >= 0 && ilvl < DC_NUM_LEVELS ? ilvl : 0;
            dc_buf_puts(&label, direct.list_hint);
            suff = direct.list_hint_tab ? "tab" : "nothing";
        }
        if (label.len) {
            size_t core = label.len;
            if (!strcmp(suff, "tab"))
                dc_buf_putc(&label, '\t');
            else if (!strcmp(suff, "space"))
                dc_buf_putc(&label, ' ');
            dc_node *run = dc_node_new(R->doc, DC_NODE_RUN);
            dc_run *r = &run->as.run;
            S_fmt_from(r, &rp);
            if (lv && lv->rpr.bold)
                r->bold = 1;
            if (lv && lv->rpr.size)
                r->size = lv->rpr.size;
            if (lv && lv->rpr.font_ea)
                r->font_ea = lv->rpr.font_ea;
            r->is_label = 1;
            r->text = dc_doc_strndup(R->doc, label.data, label.len);
            r->len = label.len;
            while (core && (label.data[core - 1] == '\t' || label.data[core - 1] == ' '))
                core--;
            d->list_label = dc_doc_strndup(R->doc, label.data, core);
            dc_pb_node(&pc.pb, run);
        }
        dc_buf_free(&label);
    }

    S_inlines(R, p, &pc, &rp);
    dc_pb_end(&pc.pb);
    dc_node_append(parent, para);

    /* Text boxes anchored here follow as blocks. */
    for (size_t i = 0; i < pc.nboxes; i++) {
        int saved_fields = R->nfields, saved_instr = R->instr_open;
        S_blocks(R, pc.boxes[i], parent, 1);
        R->nfields = saved_fields;
        R->instr_open = saved_instr;
    }
    free(pc.boxes);

    /* A section ends with this paragraph. */
    if (ppr && dc_xml_child(ppr, W, "sectPr") && parent == R->doc->root) {
        dc_node *b = dc_node_new(R->doc, DC_NODE_BREAK);
        b->as.brk.kind = DC_BREAK_SECTION;
        dc_node_append(parent, b);
    }
}

/* ------------------------------------------------------------------------
 * Tables: reading
 * ------------------------------------------------------------------------ */

typedef struct {
    dc_node *cell;
    S_borders own;   /* w:tcBorders */
} S_cell_borders;

typedef struct {
    S_cell_borders *v;
    size_t n, cap;
} S_cb_list;

static void S_cell(S_reader *R, const xmlNode *tc, dc_node *row, S_cb_list *cbl)
{
    dc_node *cell = dc_node_new(R->doc, DC_NODE_CELL);
    dc_cell *c = &cell->as.cell;
    S_borders own;
    for (int e = 0; e < E_COUNT; e++)
        own.edge[e] = -1;
    const xmlNode *pr = dc_xml_child(tc, W, "tcPr");
    if (pr) {
        int span = dc_xml_int(dc_xml_child_val(pr, W, "gridSpan"), 1);
        c->col_span = span >= 1 && span <= 1000 ? span : 1;
        const xmlNode *vm = dc_xml_child(pr, W, "vmerge");
        if (vm) {
            const char *v = S_wval(vm);
            c->vmerge = v && !strcmp(v, "restart") ? DC_MERGE_RESTART : DC_MERGE_CONTINUE;
        }
        const xmlNode *hm = dc_xml_child(pr, W, "hmerge");
        if (hm) {
            const char *v = S_wval(hm);
            c->hmerge = v && !strcmp(v, "restart") ? DC_MERGE_RESTART : DC_MERGE_CONTINUE;
        }
        const xmlNode *w = dc_xml_child(pr, W, "tcW");
        if (w) {
            const char *type = dc_xml_attr(w, W, "type");
            if (!type || !strcmp(type, "dxa"))
                c->width = S_twips(dc_xml_attr(w, W, "w"), 0);
            if (c->width < 0)
                c->width = 0;
        }
        const char *va = dc_xml_child_val(pr, W, "vAlign");
        c->valign = va && !strcmp(va, "center")   ? DC_VALIGN_CENTER
                    : va && !strcmp(va, "bottom") ? DC_VALIGN_BOTTOM
                                                  : DC_VALIGN_TOP;
        const xmlNode *bx = dc_xml_child(pr, W, "tcBorders");
        if (bx)
            S_apply_borders(&own, bx);
        const xmlNode *shd = dc_xml_child(pr, W, "shd");
        uint32_t fill;
        if (shd && S_hex_color(dc_xml_attr(shd, W, "fill"), &fill)) {
            c->fill = fill;
            c->has_fill = 1;
        }
    }
    S_blocks(R, tc, cell, 0);
    dc_node_append(row, cell);
    if (cbl->n == cbl->cap) {
        cbl->cap = cbl->cap ? cbl->cap * 2 : 32;
        cbl->v = dc_xrealloc(cbl->v, cbl->cap * sizeof *cbl->v);
    }
    cbl->v[cbl->n].cell = cell;
    cbl->v[cbl->n].own = own;
    cbl->n++;
}

static void S_cells(S_reader *R, const xmlNode *parent, dc_node *row, S_cb_list *cbl)
{
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (S_limit_hit(R))
            return;
        if (dc_xml_is(c, W, "tc")) {
            S_cell(R, c, row, cbl);
        } else if (dc_xml_is(c, DC_XNS_AML, "annotation")) {
            const xmlNode *content = S_inserted_content(c);
            if (content)
                S_cells(R, content, row, cbl);
        } else if (!dc_xml_ns_is(c, W) && !dc_xml_ns_is(c, WX) && !dc_xml_ns_is(c, DC_XNS_AML)) {
            S_cells(R, c, row, cbl);   /* custom XML around cells */
        }
    }
}

static void S_rows(S_reader *R, const xmlNode *parent, dc_node *table, S_cb_list *cbl)
{
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (S_limit_hit(R))
            return;
        if (dc_xml_is(c, W, "tr")) {
            dc_node *row = dc_node_new(R->doc, DC_NODE_ROW);
            const xmlNode *pr = dc_xml_child(c, W, "trPr");
            if (pr) {
                const xmlNode *h = dc_xml_child(pr, W, "tblHeader");
                row->as.row.header = h ? S_onoff_elem(h) : 0;
                const xmlNode *cs = dc_xml_child(pr, W, "cantSplit");
                row->as.row.cant_split = cs ? S_onoff_elem(cs) : 0;
                const xmlNode *ht = dc_xml_child(pr, W, "trHeight");
                if (ht) {
                    row->as.row.height = S_twips(S_wval(ht), 0);
                    if (row->as.row.height < 0)
                        row->as.row.height = 0;
                    const char *rule = S_attr2(ht, "h-rule", "hRule");
                    row->as.row.height_exact = rule && !strcmp(rule, "exact");
                }
                int gb = dc_xml_int(dc_xml_child_val(pr, W, "gridBefore"), 0);
                int ga = dc_xml_int(dc_xml_child_val(pr, W, "gridAfter"), 0);
                row->as.row.grid_before = gb > 0 && gb < 1000 ? gb : 0;
                row->as.row.grid_after = ga > 0 && ga < 1000 ? ga : 0;
            }
            S_cells(R, c, row, cbl);
            dc_node_append(table, row);
        } else if (dc_xml_is(c, DC_XNS_AML, "annotation")) {
            const xmlNode *content = S_inserted_content(c);
            if (content)
                S_rows(R, content, table, cbl);
        } else if (!dc_xml_ns_is(c, W) && !dc_xml_ns_is(c, WX) && !dc_xml_ns_is(c, DC_XNS_AML)) {
            S_rows(R, c, table, cbl);
        }
    }
}

/* ------------------------------------------------------------------------
 * Tables: placing short rows on the grid (see the top of this file)
 * ------------------------------------------------------------------------ */

#define MAX_PLACE_COLS 256

/* What covers a grid column in the row above. */
typedef struct {
    dc_node *origin;            /* the merge's first cell, or NULL */
    int start, span;            /* its grid columns */
    unsigned chained : 1;       /* it already continues into a later row */
    unsigned empty : 1;         /* it shows no text */
} S_occ;

/* A cell as placed: hmerge continuations folded into the cell they widen. */
typedef struct {
    dc_node *first;             /* first physical cell */
    int nphys;                  /* physical cells it is made of */
    int span, width;
    int col;
} S_lcell;

/* Costs compared in order; see the top of this file. */
typedef struct {
    int width, spanning, fresh, empty;
} S_cost;

static const S_cost S_INF = {INT_MAX, 0, 0, 0};

static int S_cost_inf(S_cost c)
{
    return c.width == INT_MAX;
}

static S_cost S_cost_add(S_cost a, S_cost b)
{
    if (S_cost_inf(a) || S_cost_inf(b))
        return S_INF;
    S_cost r = {a.width + b.width, a.spanning + b.spanning, a.fresh + b.fresh,
                a.empty + b.empty};
    return r;
}

static int S_cost_less(S_cost a, S_cost b)
{
    if (a.width != b.width)
        return a.width < b.width;
    if (a.spanning != b.spanning)
        return a.spanning < b.spanning;
    if (a.fresh != b.fresh)
        return a.fresh < b.fresh;
    return a.empty < b.empty;
}

static int S_cost_eq(S_cost a, S_cost b)
{
    return !S_cost_less(a, b) && !S_cost_less(b, a);
}

static int S_cell_is_empty(const dc_node *cell)
{
    char *t = dc_node_text_trimmed(cell);
    int empty = t[0] == '\0';
    free(t);
    return empty;
}

static int S_grid_width(const dc_table *t, int col, int span)
{
    long w = 0;
    for (int k = col; k < col + span && k < t->ncols; k++)
        w += t->grid[k];
    return w > INT_MAX / 2 ? INT_MAX / 2 : (int)w;
}

static int S_width_fits(int width, int covered)
{
    int diff = width > covered ? width - covered : covered - width;
    return diff <= 20 + covered / 50;   /* 1 pt plus 2 %: fractional twips, rounding */
}

/* The logical cells of a row (hmerge continuations folded); returns their
 * number, fills *out (caller frees). */
static int S_logical_cells(dc_node *row, S_lcell **out)
{
    int n = 0, cap = 0;
    S_lcell *v = NULL;
    for (dc_node *cell = row->first_child; cell; cell = cell->next) {
        const dc_cell *c = &cell->as.cell;
        int span = c->col_span >= 1 ? c->col_span : 1;
        if (c->hmerge == DC_MERGE_CONTINUE && n > 0) {
            v[n - 1].span += span;
            v[n - 1].width = v[n - 1].width && c->width ? v[n - 1].width + c->width : 0;
            v[n - 1].nphys++;
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            v = dc_xrealloc(v, (size_t)cap * sizeof *v);
        }
        v[n].first = cell;
        v[n].nphys = 1;
        v[n].span = span;
        v[n].width = c->width;
        v[n].col = -1;
        n++;
    }
    *out = v;
    return n;
}

/* Widths are evidence only when the table's full rows prove them: every cell
 * of a full row fits its grid columns, and at least one spanning cell has the
 * width of all of its columns (not of one). */
static int S_widths_trusted(dc_node *table)
{
    const dc_table *t = &table->as.table;
    int proven = 0;
    for (dc_node *row = table->first_child; row; row = row->next) {
        S_lcell *lc;
        int n = S_logical_cells(row, &lc);
        int total = row->as.row.grid_before + row->as.row.grid_after;
        for (int i = 0; i < n; i++)
            total += lc[i].span;
        if (total == t->ncols) {
            int col = row->as.row.grid_before;
            for (int i = 0; i < n; i++) {
                int covered = S_grid_width(t, col, lc[i].span);
                if (lc[i].width > 0) {
                    if (!S_width_fits(lc[i].width, covered)) {
                        free(lc);
                        return 0;
                    }
                    if (lc[i].span > 1 && !S_width_fits(lc[i].width, t->grid[col]))
                        proven = 1;
                }
                col += lc[i].span;
            }
        }
        free(lc);
    }
    return proven;
}

typedef struct {
    int start, span;
    int gapable;                /* a whole cell of the row above */
    S_cost gap_cost;
} S_unit;

/* Chooses the columns of a short row's cells.  Returns 1 and sets lc[].col
 * and gap[] (per unit, 1 = a continuation goes there) when a placement fits,
 * 0 otherwise. */
static int S_place_short_row(const dc_table *t, const S_occ *occ, S_lcell *lc, int n,
                             int trusted, S_unit *units, int *nunits, char *gap)
{
    int ncols = t->ncols;
    int U = 0;
    for (int k = 0; k < ncols;) {
        const S_occ *o = &occ[k];
        int ok = o->origin && o->start == k && o->span >= 1 && k + o->span <= ncols;
        for (int j = k; ok && j < k + o->span; j++)
            ok = occ[j].origin == o->origin;
        S_unit *u = &units[U++];
        u->start = k;
        u->span = ok ? o->span : 1;
        u->gapable = ok;
        S_cost gc = {0, o->span > 1, !o->chained, o->empty};
        u->gap_cost = gc;
        k += u->span;
    }
    *nunits = U;

    int S = 0;
    for (int j = 0; j < n; j++)
        S += lc[j].span;
    /* cell_at[f] = the cell that starts at free column f, or -1 */
    int *cell_at = dc_xmalloc(sizeof(int) * (size_t)(S + 1));
    for (int f = 0; f <= S; f++)
        cell_at[f] = -1;
    for (int j = 0, f = 0; j < n; f += lc[j].span, j++)
        cell_at[f] = j;
    /* best[u * (S + 1) + F]: cheapest way to place units u.. with F free
     * columns already used */
    size_t stride = (size_t)S + 1;
    S_cost *best = dc_xmalloc(sizeof *best * (size_t)(U + 1) * stride);
    for (int F = 0; F <= S; F++)
        best[(size_t)U * stride + (size_t)F] = F == S ? (S_cost){0, 0, 0, 0} : S_INF;
    for (int u = U - 1; u >= 0; u--) {
        const S_unit *un = &units[u];
        for (int F = 0; F <= S; F++) {
            S_cost b = S_INF;
            if (un->gapable && (cell_at[F] >= 0 || F == S)) {
                S_cost c = S_cost_add(un->gap_cost, best[(size_t)(u + 1) * stride + (size_t)F]);
                if (S_cost_less(c, b))
                    b = c;
            }
            if (F + un->span <= S) {
                S_cost c = best[(size_t)(u + 1) * stride + (size_t)(F + un->span)];
                if (!S_cost_inf(c) && trusted) {
                    S_cost wc = {0, 0, 0, 0};
                    for (int f = F; f < F + un->span; f++) {
                        int j = cell_at[f];
                        if (j >= 0 && lc[j].width > 0) {
                            int col = un->start + (f - F);
                            if (!S_width_fits(lc[j].width, S_grid_width(t, col, lc[j].span)))
                                wc.width++;
                        }
                    }
                    c = S_cost_add(c, wc);
                }
                if (S_cost_less(c, b))
                    b = c;
            }
            best[(size_t)u * stride + (size_t)F] = b;
        }
    }
    int ok = !S_cost_inf(best[0]);
    if (ok) {
        /* Walk the cheapest placement, taking a gap whenever it is as cheap:
         * ties go to the leftmost gaps. */
        int F = 0;
        for (int u = 0; u < U; u++) {
            const S_unit *un = &units[u];
            S_cost here = best[(size_t)u * stride + (size_t)F];
            gap[u] = 0;
            if (un->gapable && (cell_at[F] >= 0 || F == S)) {
                S_cost c = S_cost_add(un->gap_cost, best[(size_t)(u + 1) * stride + (size_t)F]);
                if (S_cost_eq(c, here)) {
                    gap[u] = 1;
                    continue;
                }
            }
            for (int f = F; f < F + un->span && f < S; f++)
                if (cell_at[f] >= 0)
                    lc[cell_at[f]].col = un->start + (f - F);
            F += un->span;
        }
    }
    free(best);
    free(cell_at);
    return ok;
}

/* Places every row's cells on the grid; restores the merge continuations left
 * out of short rows.  Runs before dc_table_finish(), which resolves the marks
 * into spans. */
static void S_place_rows(S_reader *R, dc_node *table)
{
    dc_table *t = &table->as.table;
    int ncols = t->ncols;
    if (ncols <= 0 || ncols > MAX_PLACE_COLS)
        return;   /* dc_table_finish places cells left to right */
    int trusted = S_widths_trusted(table);
    S_occ *occ = dc_xcalloc((size_t)ncols, sizeof *occ);
    S_occ *next = dc_xcalloc((size_t)ncols, sizeof *next);
    S_unit *units = dc_xmalloc(sizeof *units * (size_t)ncols);
    char *gap = dc_xcalloc((size_t)ncols, 1);
    dc_node **phys = NULL;
    size_t cap_phys = 0;
    for (dc_node *row = table->first_child; row; row = row->next) {
        S_lcell *lc;
        int n = S_logical_cells(row, &lc);
        int S = 0;
        for (int j = 0; j < n; j++)
            S += lc[j].span;
        int gb = row->as.row.grid_before, ga = row->as.row.grid_after;
        int nunits = 0;
        if (row == table->first_child || gb != 0 || ga != 0 || S >= ncols ||
            !S_place_short_row(t, occ, lc, n, trusted, units, &nunits, gap)) {
            int col = gb;
            for (int j = 0; j < n; j++) {
                lc[j].col = col;
                col += lc[j].span;
            }
            nunits = 0;
        }

        /* The row again, in column order, with the restored continuations. */
        size_t nphys = 0;
        for (dc_node *c = row->first_child; c; c = c->next)
            nphys++;
        if (nphys > cap_phys) {
            cap_phys = nphys * 2;
            phys = dc_xrealloc(phys, cap_phys * sizeof *phys);
        }
        nphys = 0;
        while (row->first_child) {
            dc_node *c = row->first_child;
            dc_node_unlink(c);
            phys[nphys++] = c;
        }
        memset(next, 0, sizeof *next * (size_t)ncols);
        size_t p = 0;
        int j = 0, u = 0;
        while (j < n || u < nunits) {
            while (u < nunits && !gap[u])
                u++;
            int take_gap = u < nunits && (j >= n || units[u].start < lc[j].col);
            if (take_gap) {
                const S_unit *un = &units[u];
                dc_node *cell = dc_node_new(R->doc, DC_NODE_CELL);
                cell->as.cell.vmerge = DC_MERGE_CONTINUE;
                cell->as.cell.col = un->start;
                cell->as.cell.col_span = un->span;
                dc_node_append(row, cell);
                t->inferred_merges++;
                for (int k = un->start; k < un->start + un->span; k++) {
                    next[k] = occ[un->start];
                    next[k].chained = 1;
                }
                u++;
                continue;
            }
            if (j >= n)
                break;
            /* logical cell j: its physical cells are the next nphys ones */
            int col = lc[j].col, span = lc[j].span, empty = 1;
            dc_node *first = phys[p];
            for (int k = 0; k < lc[j].nphys && p < nphys; k++, p++) {
                dc_node *c = phys[p];
                c->as.cell.col = k == 0 ? col : -1;
                dc_node_append(row, c);
                if (empty && !S_cell_is_empty(c))
                    empty = 0;
            }
            if (col >= 0 && col < ncols) {
                int end = col + span < ncols ? col + span : ncols;
                const S_occ *above = &occ[col];
                int continues = first->as.cell.vmerge == DC_MERGE_CONTINUE && above->origin &&
                                above->start == col && above->span == span;
                for (int k = col; k < end; k++) {
                    if (continues) {
                        next[k] = *above;
                        next[k].chained = 1;
                    } else {
                        next[k].origin = first;
                        next[k].start = col;
                        next[k].span = span;
                        next[k].chained = 0;
                        next[k].empty = (unsigned)empty;
                    }
                }
            }
            j++;
        }
        while (p < nphys)
            dc_node_append(row, phys[p++]);   /* defensive: nothing should be left */
        S_occ *tmp = occ;
        occ = next;
        next = tmp;
        memset(gap, 0, (size_t)ncols);
        free(lc);
    }
    free(phys);
    free(occ);
    free(next);
    free(units);
    free(gap);
}

static void S_table(S_reader *R, const xmlNode *tbl, dc_node *parent)
{
    if (S_limit_hit(R))
        return;
    dc_node *table = dc_node_new(R->doc, DC_NODE_TABLE);
    dc_table *t = &table->as.table;
    t->nested_depth = R->table_depth;

    S_borders borders;
    for (int e = 0; e < E_COUNT; e++)
        borders.edge[e] = -1;
    const xmlNode *pr = dc_xml_child(tbl, W, "tblPr");
    S_style *st = NULL;
    if (pr)
        st = S_style_find(R, dc_xml_child_val(pr, W, "tblStyle"));
    if (!st)
        st = R->default_table;
    if (st && st->type == ST_TABLE)
        borders = st->borders;
    if (pr) {
        t->style_id = st ? st->id : NULL;
        const xmlNode *w = dc_xml_child(pr, W, "tblW");
        if (w) {
            const char *type = dc_xml_attr(w, W, "type");
            if (!type || !strcmp(type, "dxa"))
                t->width = S_twips(dc_xml_attr(w, W, "w"), 0);
            if (t->width < 0)
                t->width = 0;
        }
        t->align = S_align(dc_xml_child_val(pr, W, "jc"));
        const xmlNode *ind = dc_xml_child(pr, W, "tblInd");
        if (ind)
            t->indent = S_twips(dc_xml_attr(ind, W, "w"), 0);
        const xmlNode *bx = dc_xml_child(pr, W, "tblBorders");
        if (bx)
            S_apply_borders(&borders, bx);
    }
    const xmlNode *grid = dc_xml_child(tbl, W, "tblGrid");
    int ncols = 0;
    for (const xmlNode *g = dc_xml_first_elem(grid); g; g = dc_xml_next_elem(g))
        if (dc_xml_is(g, W, "gridCol"))
            ncols++;
    if (ncols > 0) {
        t->grid = dc_arena_alloc(&R->doc->arena, sizeof(int) * (size_t)ncols);
        int i = 0;
        for (const xmlNode *g = dc_xml_first_elem(grid); g; g = dc_xml_next_elem(g))
            if (dc_xml_is(g, W, "gridCol")) {
                int w = S_twips(dc_xml_attr(g, W, "w"), 0);
                t->grid[i++] = w > 0 ? w : 0;
            }
        t->ncols = ncols;
    }

    R->table_depth++;
    S_cb_list cbl = {0};
    S_rows(R, tbl, table, &cbl);
    R->table_depth--;
    if (!R->stop)
        S_place_rows(R, table);
    dc_table_finish(R->doc, table);

    /* Borders: table edges outside, inside lines between cells, then the
     * cell's own w:tcBorders. */
    for (size_t i = 0; i < cbl.n; i++) {
        dc_node *cell = cbl.v[i].cell;
        if (!cell->parent)
            continue;   /* a merged continuation, gone */
        dc_cell *c = &cell->as.cell;
        int top = c->row == 0 ? borders.edge[E_TOP] : borders.edge[E_INSIDE_H];
        int bottom = c->row + c->row_span >= t->nrows ? borders.edge[E_BOTTOM]
                                                     : borders.edge[E_INSIDE_H];
        int left = c->col == 0 ? borders.edge[E_LEFT] : borders.edge[E_INSIDE_V];
        int right = c->col + c->col_span >= t->ncols ? borders.edge[E_RIGHT]
                                                     : borders.edge[E_INSIDE_V];
        const S_borders *own = &cbl.v[i].own;
        if (own->edge[E_TOP] >= 0) top = own->edge[E_TOP];
        if (own->edge[E_BOTTOM] >= 0) bottom = own->edge[E_BOTTOM];
        if (own->edge[E_LEFT] >= 0) left = own->edge[E_LEFT];
        if (own->edge[E_RIGHT] >= 0) right = own->edge[E_RIGHT];
        c->borders = (top > 0 ? DC_BORDER_TOP : 0) | (bottom > 0 ? DC_BORDER_BOTTOM : 0) |
                     (left > 0 ? DC_BORDER_LEFT : 0) | (right > 0 ? DC_BORDER_RIGHT : 0);
    }
    free(cbl.v);
    dc_node_append(parent, table);
}

/* ------------------------------------------------------------------------
 * Blocks
 * ------------------------------------------------------------------------ */

static void S_blocks(S_reader *R, const xmlNode *container, dc_node *parent, int in_textbox)
{
    for (const xmlNode *c = dc_xml_first_elem(container); c; c = dc_xml_next_elem(c)) {
        if (R->stop)
            return;
        if (dc_xml_ns_is(c, W)) {
            const char *n = (const char *)c->name;
            if (!strcmp(n, "p"))
                S_paragraph(R, c, parent, in_textbox);
            else if (!strcmp(n, "tbl"))
                S_table(R, c, parent);
            else if (!strcmp(n, "cfChunk"))
                S_blocks(R, c, parent, in_textbox);
            /* sectPr (headers, footers), lists, styles: not body text */
        } else if (dc_xml_ns_is(c, WX)) {
            const char *n = (const char *)c->name;
            if (!strcmp(n, "sect") || !strcmp(n, "sub-section") || !strcmp(n, "pBdrGroup"))
                S_blocks(R, c, parent, in_textbox);
        } else if (dc_xml_ns_is(c, DC_XNS_AML)) {
            if (dc_xml_is(c, DC_XNS_AML, "annotation")) {
                const xmlNode *content = S_inserted_content(c);
                if (content)
                    S_blocks(R, content, parent, in_textbox);
            }
        } else {
            S_blocks(R, c, parent, in_textbox);   /* custom XML around blocks */
        }
    }
}

/* ------------------------------------------------------------------------
 * Metadata
 * ------------------------------------------------------------------------ */

static const char *S_meta_text(S_reader *R, const xmlNode *props, const char *local)
{
    for (xmlNode *c = dc_xml_first_elem(props); c; c = dc_xml_next_elem(c)) {
        if (strcmp((const char *)c->name, local) != 0)
            continue;
        dc_buf b = DC_BUF_INIT;
        dc_xml_text(c, &b);
        const char *s = b.len ? dc_doc_strdup(R->doc, b.data) : NULL;
        dc_buf_free(&b);
        return s;
    }
    return NULL;
}

static void S_read_meta(S_reader *R)
{
    const xmlNode *props = NULL;
    for (xmlNode *c = dc_xml_first_elem(R->root); c; c = dc_xml_next_elem(c))
        if (!strcmp((const char *)c->name, "DocumentProperties") && c->ns && c->ns->href &&
            !strcmp((const char *)c->ns->href, DC_NS_O)) {
            props = c;
            break;
        }
    if (!props)
        return;
    dc_meta *m = &R->doc->meta;
    m->title = S_meta_text(R, props, "Title");
    m->subject = S_meta_text(R, props, "Subject");
    m->creator = S_meta_text(R, props, "Author");
    m->keywords = S_meta_text(R, props, "Keywords");
    m->description = S_meta_text(R, props, "Description");
    m->last_modified_by = S_meta_text(R, props, "LastAuthor");
    m->created = S_meta_text(R, props, "Created");
    m->modified = S_meta_text(R, props, "LastSaved");
}

/* ------------------------------------------------------------------------
 * Footnote and endnote number formats
 * ------------------------------------------------------------------------ */

/* A w:numFmt value as numbering.c names it: Word 2003 writes "lower-roman",
 * "decimal-enclosed-circle"; some writers the OOXML "lowerRoman" or an nfc
 * code. */
static const char *S_numfmt_name(S_reader *R, const char *v)
{
    if (!v || !*v)
        return NULL;
    if (isdigit((unsigned char)v[0]))
        return dc_numfmt_from_nfc(dc_xml_int(v, 0));
    dc_buf b = DC_BUF_INIT;
    for (const char *p = v; *p; p++) {
        if (*p == '-' && p[1]) {
            dc_buf_putc(&b, (char)toupper((unsigned char)*++p));
            continue;
        }
        dc_buf_putc(&b, *p);
    }
    const char *name = dc_doc_strdup(R->doc, dc_buf_cstr(&b));
    dc_buf_free(&b);
    return name;
}

static void S_note_formats(S_reader *R, const xmlNode *pr, int foot)
{
    if (!pr)
        return;
    const char *fmt = S_numfmt_name(R, dc_xml_child_val(pr, W, "numFmt"));
    const char *start = dc_xml_child_val(pr, W, "numStart");
    if (fmt) {
        if (foot)
            R->footnote_fmt = fmt;
        else
            R->endnote_fmt = fmt;
    }
    if (start) {
        int v = dc_xml_int(start, 1);
        if (v < 0 || v > 100000)
            v = 1;
        if (foot)
            R->footnote_start = v;
        else
            R->endnote_start = v;
    }
}

/* w:docPr, then the final section's properties (the w:sectPr of the body or
 * of its last wx:sect). */
static void S_read_note_formats(S_reader *R, const xmlNode *body)
{
    R->footnote_fmt = "decimal";
    R->endnote_fmt = "lowerRoman";
    R->footnote_start = R->endnote_start = 1;
    const xmlNode *docpr = dc_xml_child(R->root, W, "docPr");
    S_note_formats(R, dc_xml_child(docpr, W, "footnotePr"), 1);
    S_note_formats(R, dc_xml_child(docpr, W, "endnotePr"), 0);
    const xmlNode *sect = dc_xml_child(body, W, "sectPr");
    if (!sect) {
        const xmlNode *last = NULL;
        for (const xmlNode *c = dc_xml_first_elem(body); c; c = dc_xml_next_elem(c))
            if (dc_xml_is(c, WX, "sect"))
                last = c;
        sect = dc_xml_child(last, W, "sectPr");
    }
    S_note_formats(R, dc_xml_child(sect, W, "footnotePr"), 1);
    S_note_formats(R, dc_xml_child(sect, W, "endnotePr"), 0);
}

/* ------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------ */

dc_doc *dc_word2003_read(xmlDocPtr xml, const dc_limits *lim, dc_error *err)
{
    xmlNode *root = xml ? xmlDocGetRootElement(xml) : NULL;
    if (!dc_xml_is(root, W, "wordDocument")) {
        dc_error_set(err, DC_ERR_FORMAT, "not Word 2003 XML (no w:wordDocument root)");
        return NULL;
    }
    xmlNode *body = dc_xml_child(root, W, "body");
    if (!body) {
        dc_error_set(err, DC_ERR_PART, "Word 2003 XML without a w:body");
        return NULL;
    }
    dc_limits dflt;
    if (!lim) {
        dc_limits_default(&dflt);
        lim = &dflt;
    }

    S_reader R;
    memset(&R, 0, sizeof R);
    R.doc = dc_doc_new();
    R.root = root;
    R.lim = lim;
    R.err = err;

    S_read_note_formats(&R, body);
    S_read_styles(&R);
    S_read_lists(&R);
    S_blocks(&R, body, R.doc->root, 0);
    if (!err->code)
        S_read_meta(&R);

    for (int i = 0; i < MAX_FIELDS; i++)
        dc_buf_free(&R.fields[i].instr);
    free(R.styles);
    dc_numbering_free(R.nb);
    if (err->code) {
        dc_doc_free(R.doc);
        return NULL;
    }
    return R.doc;
}
