/*
 * ooxml_reader.c - WordprocessingML into the document model.
 *
 * The package gives parsed parts; this file walks them once:
 *   styles.xml     -> style table with basedOn chains resolved on first use
 *   numbering.xml  -> dc_numbering (labels become text in the model)
 *   document.xml   -> blocks, runs, fields, revisions, text boxes, tables
 *   footnotes.xml, endnotes.xml -> NOTE nodes
 *   docProps/core.xml, app.xml  -> metadata
 *
 * SPDX-License-Identifier: MIT
 */
#include "ooxml_reader.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "converters/numbering.h"
#include "converters/symbols.h"
#include "converters/wml.h"
#include "converters/xml.h"

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
    PP_SB = 1 << 5, PP_SA = 1 << 6, PP_LINE = 1 << 7, PP_OUTLINE = 1 << 8, PP_NUMID = 1 << 9,
    PP_ILVL = 1 << 10, PP_KEEP = 1 << 11, PP_PBB = 1 << 12
};

typedef struct {
    unsigned set;
    dc_align jc;
    int ind_left, ind_right, ind_first, ind_first_chars;
    int space_before, space_after, line;
    dc_line_rule line_rule;
    int outline, num_id, ilvl, keep_next, page_break_before;
} S_pprops;

/* Border edges of a table: unset, off or on. */
enum { E_TOP, E_LEFT, E_BOTTOM, E_RIGHT, E_INSIDE_H, E_INSIDE_V, E_COUNT };
typedef struct {
    signed char edge[E_COUNT];   /* -1 unset, 0 off, 1 on */
} S_borders;

typedef enum { ST_PARA = 1, ST_CHAR, ST_TABLE, ST_NUMBERING } S_style_type;

typedef struct S_style S_style;
struct S_style {
    const char *id, *name, *based_on;
    S_style_type type;
    xmlNode *ppr, *rpr, *tblpr;
    int state;                  /* 0 new, 1 resolving, 2 resolved */
    S_pprops pp;                /* resolved along the chain */
    S_rprops rp;
    S_borders borders;
    int heading_level;
    unsigned is_title : 1, is_caption : 1;
};

/* ------------------------------------------------------------------------
 * Reader state
 * ------------------------------------------------------------------------ */

#define MAX_FIELDS 64

typedef struct {
    dc_buf instr;
    int in_result;              /* after fldChar separate */
} S_field;

typedef struct {
    const char *id;
    const char *label;
} S_note_label;

typedef struct {
    dc_doc *doc;
    dc_package *pkg;
    const dc_limits *lim;
    dc_error *err;
    S_style *styles;
    size_t nstyles;
    S_style *default_para;
    S_style *default_table;
    S_rprops doc_rp;
    S_pprops doc_pp;
    dc_numbering *nb;
    S_field fields[MAX_FIELDS];
    int nfields;                /* may exceed MAX_FIELDS: deeper ones are counted only */
    int instr_open;             /* fields on the stack still in their instruction */
    S_note_label *notes;
    size_t nnotes;
    int footnote_seq, endnote_seq;
    const char *footnote_fmt, *endnote_fmt;   /* w:footnotePr/w:numFmt */
    int footnote_start, endnote_start;
    const char *note_label;     /* label of the note being read (w:footnoteRef) */
    int table_depth;
    int stop;                   /* a limit was hit */
} S_reader;

typedef struct {
    dc_para_builder pb;
    S_rprops base;              /* paragraph style's run properties */
    xmlNode **boxes;            /* text box contents to add after the paragraph */
    size_t nboxes, capboxes;
} S_para_ctx;

static void S_blocks(S_reader *R, const xmlNode *container, dc_node *parent, int in_textbox);

/* ------------------------------------------------------------------------
 * Small parsers
 * ------------------------------------------------------------------------ */

/* Twips from a measure: plain numbers are twips; strict files may write
 * universal measures ("12pt", "1in", "2.5cm"). */
static int S_twips(const char *s, int dflt)
{
    if (!s || !*s)
        return dflt;
    char *end;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v))
        return dflt;
    if (!strcmp(end, "pt"))
        v *= 20;
    else if (!strcmp(end, "in"))
        v *= 1440;
    else if (!strcmp(end, "cm"))
        v *= 566.929;
    else if (!strcmp(end, "mm"))
        v *= 56.6929;
    else if (!strcmp(end, "pc") || !strcmp(end, "pi"))
        v *= 240;
    if (v > 1e8)
        v = 1e8;
    if (v < -1e8)
        v = -1e8;
    return (int)lround(v);
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

static const char *S_wval(const xmlNode *n)
{
    return dc_xml_attr(n, DC_XNS_W, "val");
}

/* On/off property element: <w:b/>, <w:b w:val="0"/>. */
static int S_onoff_elem(const xmlNode *n)
{
    return dc_xml_onoff(S_wval(n), 1);
}

static dc_align S_align(const char *v)
{
    if (!v)
        return DC_ALIGN_NONE;
    if (!strcmp(v, "center"))
        return DC_ALIGN_CENTER;
    if (!strcmp(v, "right") || !strcmp(v, "end"))
        return DC_ALIGN_RIGHT;
    if (!strcmp(v, "both") || !strcmp(v, "lowKashida") || !strcmp(v, "mediumKashida") ||
        !strcmp(v, "highKashida") || !strcmp(v, "thaiDistribute"))
        return DC_ALIGN_JUSTIFY;
    if (!strcmp(v, "distribute"))
        return DC_ALIGN_DISTRIBUTE;
    return DC_ALIGN_LEFT;
}

/* ------------------------------------------------------------------------
 * Run and paragraph properties
 * ------------------------------------------------------------------------ */

static void S_apply_rpr(S_reader *R, S_rprops *rp, const xmlNode *rpr)
{
    for (const xmlNode *c = dc_xml_first_elem(rpr); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_ns_is(c, DC_XNS_W))
            continue;
        const char *n = (const char *)c->name;
        switch (n[0]) {
        case 'b':
            if (!strcmp(n, "b")) {
                rp->b = S_onoff_elem(c);
                rp->set |= RP_B;
            }
            break;
        case 'i':
            if (!strcmp(n, "i")) {
                rp->i = S_onoff_elem(c);
                rp->set |= RP_I;
            }
            break;
        case 'u':
            if (!strcmp(n, "u")) {
                const char *v = S_wval(c);
                rp->u = v ? strcmp(v, "none") != 0 : 1;
                rp->set |= RP_U;
            }
            break;
        case 's':
            if (!strcmp(n, "strike")) {
                rp->strike = S_onoff_elem(c);
                rp->set |= RP_STRIKE;
            } else if (!strcmp(n, "sz")) {
                int v = dc_xml_int(S_wval(c), 0);
                if (v > 0 && v < 4000) {
                    rp->sz = v;
                    rp->set |= RP_SZ;
                }
            } else if (!strcmp(n, "specVanish")) {
                /* style separator: hidden paragraph mark, no effect on text */
            }
            break;
        case 'd':
            if (!strcmp(n, "dstrike")) {
                if (S_onoff_elem(c)) {
                    rp->strike = 1;
                    rp->set |= RP_STRIKE;
                }
            }
            break;
        case 'v':
            if (!strcmp(n, "vanish")) {
                rp->vanish = S_onoff_elem(c);
                rp->set |= RP_VANISH;
            } else if (!strcmp(n, "vertAlign")) {
                const char *v = S_wval(c);
                rp->vert = v && !strcmp(v, "superscript") ? DC_VERT_SUPER
                           : v && !strcmp(v, "subscript") ? DC_VERT_SUB
                                                          : DC_VERT_BASELINE;
                rp->set |= RP_VERT;
            }
            break;
        case 'r':
            if (!strcmp(n, "rFonts")) {
                const char *ea = dc_xml_attr(c, DC_XNS_W, "eastAsia");
                const char *as = dc_xml_attr(c, DC_XNS_W, "ascii");
                if (!as)
                    as = dc_xml_attr(c, DC_XNS_W, "hAnsi");
                if (ea) {
                    rp->ea = dc_doc_strdup(R->doc, ea);
                    rp->set |= RP_EA;
                }
                if (as) {
                    rp->ascii = dc_doc_strdup(R->doc, as);
                    rp->set |= RP_ASCII;
                }
            }
            break;
        case 'c':
            if (!strcmp(n, "color")) {
                uint32_t col;
                if (S_hex_color(S_wval(c), &col)) {
                    rp->color = col;
                    rp->has_color = 1;
                } else {
                    rp->has_color = 0;   /* "auto" */
                }
                rp->set |= RP_COLOR;
            }
            break;
        default:
            break;
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

static void S_apply_ppr(S_pprops *pp, const xmlNode *ppr)
{
    for (const xmlNode *c = dc_xml_first_elem(ppr); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_ns_is(c, DC_XNS_W))
            continue;
        const char *n = (const char *)c->name;
        if (!strcmp(n, "jc")) {
            pp->jc = S_align(S_wval(c));
            pp->set |= PP_JC;
        } else if (!strcmp(n, "ind")) {
            const char *l = dc_xml_attr(c, DC_XNS_W, "left");
            if (!l)
                l = dc_xml_attr(c, DC_XNS_W, "start");
            const char *r = dc_xml_attr(c, DC_XNS_W, "right");
            if (!r)
                r = dc_xml_attr(c, DC_XNS_W, "end");
            const char *f = dc_xml_attr(c, DC_XNS_W, "firstLine");
            const char *h = dc_xml_attr(c, DC_XNS_W, "hanging");
            const char *fc = dc_xml_attr(c, DC_XNS_W, "firstLineChars");
            const char *hc = dc_xml_attr(c, DC_XNS_W, "hangingChars");
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
            const char *b = dc_xml_attr(c, DC_XNS_W, "before");
            const char *a = dc_xml_attr(c, DC_XNS_W, "after");
            const char *l = dc_xml_attr(c, DC_XNS_W, "line");
            const char *rule = dc_xml_attr(c, DC_XNS_W, "lineRule");
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
        } else if (!strcmp(n, "numPr")) {
            const char *id = dc_xml_child_val(c, DC_XNS_W, "numId");
            const char *lv = dc_xml_child_val(c, DC_XNS_W, "ilvl");
            if (id) {
                pp->num_id = dc_xml_int(id, 0);
                pp->set |= PP_NUMID;
            }
            if (lv) {
                pp->ilvl = dc_xml_int(lv, 0);
                pp->set |= PP_ILVL;
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
    if (s & PP_NUMID) dst->num_id = src->num_id;
    if (s & PP_ILVL) dst->ilvl = src->ilvl;
    if (s & PP_KEEP) dst->keep_next = src->keep_next;
    if (s & PP_PBB) dst->page_break_before = src->page_break_before;
    dst->set |= s;
}

static void S_apply_borders(S_borders *b, const xmlNode *bx)
{
    static const char *const names[E_COUNT][2] = {
        {"top", "top"}, {"left", "start"}, {"bottom", "bottom"}, {"right", "end"},
        {"insideH", "insideH"}, {"insideV", "insideV"}};
    for (int e = 0; e < E_COUNT; e++) {
        const xmlNode *c = dc_xml_child(bx, DC_XNS_W, names[e][0]);
        if (!c)
            c = dc_xml_child(bx, DC_XNS_W, names[e][1]);
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
    if (s->ppr)
        S_apply_ppr(&s->pp, s->ppr);
    if (s->rpr)
        S_apply_rpr(R, &s->rp, s->rpr);
    if (s->tblpr) {
        const xmlNode *bx = dc_xml_child(s->tblpr, DC_XNS_W, "tblBorders");
        if (bx)
            S_apply_borders(&s->borders, bx);
    }
    s->state = 2;
}

static void S_read_styles(S_reader *R, const char *main_part)
{
    const char *part = dc_package_rel_target(R->pkg, main_part, "styles", R->err);
    xmlNode *root = part ? dc_package_xml(R->pkg, part, R->err) : NULL;
    if (!root)
        return;   /* no styles: everything is direct formatting */
    size_t n = 0;
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c))
        if (dc_xml_is(c, DC_XNS_W, "style"))
            n++;
    R->styles = dc_xcalloc(n ? n : 1, sizeof *R->styles);
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, DC_XNS_W, "docDefaults")) {
            xmlNode *rd = dc_xml_child(c, DC_XNS_W, "rPrDefault");
            xmlNode *pd = dc_xml_child(c, DC_XNS_W, "pPrDefault");
            if (rd)
                S_apply_rpr(R, &R->doc_rp, dc_xml_child(rd, DC_XNS_W, "rPr"));
            if (pd)
                S_apply_ppr(&R->doc_pp, dc_xml_child(pd, DC_XNS_W, "pPr"));
            continue;
        }
        if (!dc_xml_is(c, DC_XNS_W, "style"))
            continue;
        const char *id = dc_xml_attr(c, DC_XNS_W, "styleId");
        const char *type = dc_xml_attr(c, DC_XNS_W, "type");
        if (!id)
            continue;
        S_style *s = &R->styles[R->nstyles++];
        s->id = dc_doc_strdup(R->doc, id);
        s->name = dc_doc_strdup(R->doc, dc_xml_child_val(c, DC_XNS_W, "name"));
        s->based_on = dc_doc_strdup(R->doc, dc_xml_child_val(c, DC_XNS_W, "basedOn"));
        s->type = !type || !strcmp(type, "paragraph") ? ST_PARA
                  : !strcmp(type, "character")        ? ST_CHAR
                  : !strcmp(type, "table")            ? ST_TABLE
                                                      : ST_NUMBERING;
        s->ppr = dc_xml_child(c, DC_XNS_W, "pPr");
        s->rpr = dc_xml_child(c, DC_XNS_W, "rPr");
        s->tblpr = dc_xml_child(c, DC_XNS_W, "tblPr");
        s->heading_level = dc_wml_heading_level(s->name);
        if (!s->heading_level)
            s->heading_level = dc_wml_heading_level(s->id);
        const char *nm = s->name ? s->name : s->id;
        s->is_title = !strcasecmp(nm, "Title") || !strcmp(nm, "标题");
        s->is_caption = !strncasecmp(nm, "caption", 7) || !strncmp(nm, "题注", strlen("题注"));
        int dflt = dc_xml_onoff(dc_xml_attr(c, DC_XNS_W, "default"), 0);
        if (dflt && s->type == ST_PARA && !R->default_para)
            R->default_para = s;
        if (dflt && s->type == ST_TABLE && !R->default_table)
            R->default_table = s;
    }
    for (size_t i = 0; i < R->nstyles; i++)
        S_style_resolve(R, &R->styles[i], 0);
}

/* ------------------------------------------------------------------------
 * Numbering
 * ------------------------------------------------------------------------ */

static void S_read_level(S_reader *R, dc_num_level *lv, const xmlNode *lvl)
{
    lv->defined = 1;
    lv->start = dc_xml_int(dc_xml_child_val(lvl, DC_XNS_W, "start"), 0);
    const char *fmt = dc_xml_child_val(lvl, DC_XNS_W, "numFmt");
    lv->fmt = dc_doc_strdup(R->doc, fmt ? fmt : "decimal");
    const xmlNode *t = dc_xml_child(lvl, DC_XNS_W, "lvlText");
    lv->text = t ? dc_doc_strdup(R->doc, S_wval(t) ? S_wval(t) : "") : NULL;
    const char *rs = dc_xml_child_val(lvl, DC_XNS_W, "lvlRestart");
    lv->restart = rs ? dc_xml_int(rs, -1) : -1;
    const xmlNode *lg = dc_xml_child(lvl, DC_XNS_W, "isLgl");
    lv->legal = lg ? S_onoff_elem(lg) : 0;
    const char *suff = dc_xml_child_val(lvl, DC_XNS_W, "suff");
    lv->suffix = dc_doc_strdup(R->doc, suff ? suff : "tab");
    lv->pstyle = dc_doc_strdup(R->doc, dc_xml_child_val(lvl, DC_XNS_W, "pStyle"));
    const xmlNode *ppr = dc_xml_child(lvl, DC_XNS_W, "pPr");
    if (ppr) {
        S_pprops pp = {0};
        S_apply_ppr(&pp, ppr);
        if (pp.set & (PP_INDL | PP_INDF)) {
            lv->has_ind = 1;
            lv->ind_left = pp.ind_left;
            lv->ind_first = pp.ind_first;
        }
    }
    const xmlNode *rpr = dc_xml_child(lvl, DC_XNS_W, "rPr");
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

static void S_read_numbering(S_reader *R, const char *main_part)
{
    R->nb = dc_numbering_new(R->doc);
    const char *part = dc_package_rel_target(R->pkg, main_part, "numbering", R->err);
    xmlNode *root = part ? dc_package_xml(R->pkg, part, R->err) : NULL;
    if (!root)
        return;
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, DC_XNS_W, "abstractNum")) {
            int aid = dc_xml_int(dc_xml_attr(c, DC_XNS_W, "abstractNumId"), -1);
            if (aid < 0)
                continue;
            for (xmlNode *l = dc_xml_first_elem(c); l; l = dc_xml_next_elem(l)) {
                if (!dc_xml_is(l, DC_XNS_W, "lvl"))
                    continue;
                int ilvl = dc_xml_int(dc_xml_attr(l, DC_XNS_W, "ilvl"), -1);
                dc_num_level *lv = dc_numbering_abstract_level(R->nb, aid, ilvl);
                if (lv)
                    S_read_level(R, lv, l);
            }
        } else if (dc_xml_is(c, DC_XNS_W, "num")) {
            int nid = dc_xml_int(dc_xml_attr(c, DC_XNS_W, "numId"), -1);
            int aid = dc_xml_int(dc_xml_child_val(c, DC_XNS_W, "abstractNumId"), -1);
            if (nid < 0)
                continue;
            dc_numbering_add_num(R->nb, nid, aid);
            for (xmlNode *o = dc_xml_first_elem(c); o; o = dc_xml_next_elem(o)) {
                if (!dc_xml_is(o, DC_XNS_W, "lvlOverride"))
                    continue;
                int ilvl = dc_xml_int(dc_xml_attr(o, DC_XNS_W, "ilvl"), -1);
                const char *so = dc_xml_child_val(o, DC_XNS_W, "startOverride");
                if (so)
                    dc_numbering_start_override(R->nb, nid, ilvl, dc_xml_int(so, 0));
                xmlNode *l = dc_xml_child(o, DC_XNS_W, "lvl");
                if (l) {
                    dc_num_level *lv = dc_numbering_override_level(R->nb, nid, ilvl);
                    if (lv)
                        S_read_level(R, lv, l);
                }
            }
        }
    }
    /* Second pass: w:numStyleLink names a numbering style whose w:numPr points
     * at a w:num; the abstract list behind that num holds the levels. */
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, DC_XNS_W, "abstractNum"))
            continue;
        const char *link = dc_xml_child_val(c, DC_XNS_W, "numStyleLink");
        S_style *st = link ? S_style_find(R, link) : NULL;
        if (!st || !(st->pp.set & PP_NUMID))
            continue;
        int aid = dc_xml_int(dc_xml_attr(c, DC_XNS_W, "abstractNumId"), -1);
        for (xmlNode *n = dc_xml_first_elem(root); n; n = dc_xml_next_elem(n)) {
            if (dc_xml_is(n, DC_XNS_W, "num") &&
                dc_xml_int(dc_xml_attr(n, DC_XNS_W, "numId"), -1) == st->pp.num_id) {
                int target = dc_xml_int(dc_xml_child_val(n, DC_XNS_W, "abstractNumId"), -1);
                if (target != aid)
                    dc_numbering_link(R->nb, aid, target);
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

/* The innermost field whose instruction is still being read. */
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
    if (R->nfields <= 0)
        return;
    S_field *f = S_field_top(R);
    if (f && !f->in_result) {
        f->in_result = 1;
        R->instr_open--;
    } else if (!f && R->nfields > MAX_FIELDS) {
        /* deeper than we track: counted only */
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
        /* untracked deep field: assume it ends in its instruction phase */
        R->instr_open--;
    }
    R->nfields--;
    if (R->instr_open < 0)
        R->instr_open = 0;
}

/* ------------------------------------------------------------------------
 * Inline content
 * ------------------------------------------------------------------------ */

static uint32_t S_sym_char(const xmlNode *sym)
{
    return dc_sym_char(dc_xml_attr(sym, DC_XNS_W, "font"), dc_xml_attr(sym, DC_XNS_W, "char"));
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

/* Finds text boxes inside a drawing/picture/object (iteratively). */
static void S_collect_boxes(const xmlNode *root, S_para_ctx *pc)
{
    const xmlNode *n = root->children;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (dc_xml_is(n, DC_XNS_W, "txbxContent")) {
                S_push_box(pc, (xmlNode *)n);
            } else if (dc_xml_is(n, DC_XNS_MC, "AlternateContent")) {
                /* Choice and Fallback hold the same box: take one. */
                const xmlNode *fb = dc_xml_child(n, DC_XNS_MC, "Fallback");
                const xmlNode *ch = dc_xml_child(n, DC_XNS_MC, "Choice");
                const xmlNode *pick = ch ? ch : fb;
                if (pick)
                    S_collect_boxes(pick, pc);
            } else if (n->children) {
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

/* Picks the branch of mc:AlternateContent to read: a Choice whose required
 * namespaces we understand (Word 2010+ shapes and text), else the Fallback. */
static const xmlNode *S_alt_branch(const xmlNode *alt)
{
    static const char *const known[] = {"wps", "wpg", "wpc", "wp14", "w14", "w15", "w16se",
                                        "w16cid", "w16", "v", "o", "w10", NULL};
    for (const xmlNode *c = dc_xml_first_elem(alt); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, DC_XNS_MC, "Choice"))
            continue;
        const char *req = dc_xml_attr(c, DC_XNS_NONE, "Requires");
        if (!req)
            continue;
        int ok = 1;
        char buf[256];
        snprintf(buf, sizeof buf, "%s", req);
        char *save = NULL;
        for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
            int hit = 0;
            for (int i = 0; known[i]; i++)
                hit |= !strcmp(t, known[i]);
            ok &= hit;
        }
        if (ok)
            return c;
    }
    return dc_xml_child(alt, DC_XNS_MC, "Fallback");
}

static const char *S_note_label_for(S_reader *R, const char *id)
{
    for (size_t i = 0; i < R->nnotes; i++)
        if (!strcmp(R->notes[i].id, id))
            return R->notes[i].label;
    return NULL;
}

static void S_note_ref(S_reader *R, const xmlNode *ref, dc_note_kind kind, S_para_ctx *pc,
                       int visible)
{
    const char *id = dc_xml_attr(ref, DC_XNS_W, "id");
    if (!id)
        return;
    int custom = dc_xml_onoff(dc_xml_attr(ref, DC_XNS_W, "customMarkFollows"), 0);
    dc_buf label = DC_BUF_INIT;
    if (!custom) {
        if (kind == DC_NOTE_FOOTNOTE)
            dc_numfmt_format(R->footnote_fmt, R->footnote_start + R->footnote_seq++, &label);
        else
            dc_numfmt_format(R->endnote_fmt, R->endnote_start + R->endnote_seq++, &label);
    }
    char key[80];
    snprintf(key, sizeof key, "%c%s", kind == DC_NOTE_FOOTNOTE ? 'f' : 'e', id);
    R->notes = dc_xrealloc(R->notes, (R->nnotes + 1) * sizeof *R->notes);
    R->notes[R->nnotes].id = dc_doc_strdup(R->doc, key);
    R->notes[R->nnotes].label = dc_doc_strdup(R->doc, dc_buf_cstr(&label));
    R->nnotes++;
    if (visible) {
        dc_node *n = dc_node_new(R->doc, DC_NODE_NOTE_REF);
        n->as.note.kind = kind;
        n->as.note.id = dc_doc_strdup(R->doc, id);
        n->as.note.label = custom ? NULL : dc_doc_strdup(R->doc, dc_buf_cstr(&label));
        dc_pb_node(&pc->pb, n);
    }
    dc_buf_free(&label);
}

/* Text that belongs to a field instruction goes there; visible text goes to
 * the paragraph. */
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

static void S_run(S_reader *R, const xmlNode *r, S_para_ctx *pc, const S_rprops *inherited)
{
    S_rprops rp = *inherited;
    const xmlNode *rpr = dc_xml_child(r, DC_XNS_W, "rPr");
    if (rpr) {
        const char *rstyle = dc_xml_child_val(rpr, DC_XNS_W, "rStyle");
        S_style *cs = S_style_find(R, rstyle);
        if (cs && cs->type == ST_CHAR)
            S_merge_rp(&rp, &cs->rp);
        S_rprops direct = {0};
        S_apply_rpr(R, &direct, rpr);
        S_merge_rp(&rp, &direct);
    }
    int hidden = rp.vanish;
    dc_run fmt;
    S_fmt_from(&fmt, &rp);
    fmt.from_field = R->nfields > 0;

    for (const xmlNode *c = dc_xml_first_elem(r); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, DC_XNS_MC, "AlternateContent")) {
            const xmlNode *b = S_alt_branch(c);
            if (b)
                S_collect_boxes(b, pc);
            continue;
        }
        if (!dc_xml_ns_is(c, DC_XNS_W))
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
            const char *t = dc_xml_attr(c, DC_XNS_W, "fldCharType");
            if (!t)
                continue;
            if (!strcmp(t, "begin"))
                S_field_begin(R);
            else if (!strcmp(t, "separate"))
                S_field_separate(R);
            else if (!strcmp(t, "end"))
                S_field_end(R, pc);
            fmt.from_field = R->nfields > 0;
        } else if (!strcmp(n, "tab") || !strcmp(n, "ptab")) {
            S_emit(R, pc, "\t", 1, &fmt, hidden);
        } else if (!strcmp(n, "br")) {
            const char *type = dc_xml_attr(c, DC_XNS_W, "type");
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
            uint32_t cp = S_sym_char(c);
            if (cp) {
                dc_buf tmp = DC_BUF_INIT;
                dc_buf_put_utf8(&tmp, cp);
                S_emit(R, pc, tmp.data, tmp.len, &fmt, hidden);
                dc_buf_free(&tmp);
            }
        } else if (!strcmp(n, "noBreakHyphen")) {
            S_emit(R, pc, "\xE2\x80\x91", 3, &fmt, hidden);   /* U+2011 */
        } else if (!strcmp(n, "softHyphen")) {
            /* an optional hyphen (U+00AD): shown only where a line breaks */
            S_emit(R, pc, "\xC2\xAD", 2, &fmt, hidden);
        } else if (!strcmp(n, "footnoteReference")) {
            S_note_ref(R, c, DC_NOTE_FOOTNOTE, pc, !hidden && R->instr_open == 0);
        } else if (!strcmp(n, "endnoteReference")) {
            S_note_ref(R, c, DC_NOTE_ENDNOTE, pc, !hidden && R->instr_open == 0);
        } else if (!strcmp(n, "footnoteRef") || !strcmp(n, "endnoteRef")) {
            if (R->note_label && *R->note_label)
                S_emit(R, pc, R->note_label, strlen(R->note_label), &fmt, hidden);
        } else if (!strcmp(n, "drawing") || !strcmp(n, "pict") || !strcmp(n, "object")) {
            S_collect_boxes(c, pc);
        } else if (!strcmp(n, "ruby")) {
            const xmlNode *base = dc_xml_child(c, DC_XNS_W, "rubyBase");
            for (const xmlNode *rr = dc_xml_first_elem(base); rr; rr = dc_xml_next_elem(rr))
                if (dc_xml_is(rr, DC_XNS_W, "r"))
                    S_run(R, rr, pc, &rp);
        }
        /* delText, delInstrText, lastRenderedPageBreak, separators,
         * annotationRef, commentReference: nothing visible. */
    }
}

/* Office Math as linear text: m:t runs, n-ary operators (∫ by default) and
 * delimiters ("(" and ")" by default) written out. */
static const char *S_math_val(const xmlNode *pr, const char *local, const char *dflt)
{
    const xmlNode *c = dc_xml_child(pr, DC_XNS_ANY, local);
    const char *v = c ? dc_xml_attr(c, DC_XNS_ANY, "val") : NULL;
    return v ? v : dflt;
}

static void S_math_text(const xmlNode *n, dc_buf *out)
{
    for (const xmlNode *c = dc_xml_first_elem(n); c; c = dc_xml_next_elem(c)) {
        const char *name = (const char *)c->name;
        if (dc_xml_ns_is(c, DC_XNS_W))
            continue;   /* w:rPr and the like inside math runs */
        if (!strcmp(name, "t")) {
            dc_xml_text(c, out);
        } else if (!strcmp(name, "nary")) {
            const xmlNode *pr = dc_xml_child(c, DC_XNS_ANY, "naryPr");
            dc_buf_puts(out, S_math_val(pr, "chr", "\xE2\x88\xAB"));   /* ∫ */
            S_math_text(c, out);
        } else if (!strcmp(name, "d")) {
            const xmlNode *pr = dc_xml_child(c, DC_XNS_ANY, "dPr");
            const char *sep = S_math_val(pr, "sepChr", "|");
            dc_buf_puts(out, S_math_val(pr, "begChr", "("));
            int first = 1;
            for (const xmlNode *e = dc_xml_first_elem(c); e; e = dc_xml_next_elem(e)) {
                if (strcmp((const char *)e->name, "e") != 0)
                    continue;
                if (!first)
                    dc_buf_puts(out, sep);
                first = 0;
                S_math_text(e, out);
            }
            dc_buf_puts(out, S_math_val(pr, "endChr", ")"));
        } else if (strcmp(name, "naryPr") != 0 && strcmp(name, "dPr") != 0 &&
                   strcmp(name, "rPr") != 0 && strcmp(name, "ctrlPr") != 0) {
            S_math_text(c, out);
        }
    }
}

static void S_math(S_reader *R, const xmlNode *m, S_para_ctx *pc, const S_rprops *rp)
{
    dc_buf text = DC_BUF_INIT;
    S_math_text(m, &text);
    dc_run fmt;
    S_fmt_from(&fmt, rp);
    if (text.len)
        S_emit(R, pc, text.data, text.len, &fmt, rp->vanish);
    dc_buf_free(&text);
}

static void S_inlines(S_reader *R, const xmlNode *parent, S_para_ctx *pc, const S_rprops *rp)
{
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, DC_XNS_MC, "AlternateContent")) {
            const xmlNode *b = S_alt_branch(c);
            if (b)
                S_inlines(R, b, pc, rp);
            continue;
        }
        const char *n = (const char *)c->name;
        if (!dc_xml_ns_is(c, DC_XNS_W)) {
            if (!strcmp(n, "oMath") || !strcmp(n, "oMathPara"))
                S_math(R, c, pc, rp);
            continue;
        }
        if (!strcmp(n, "r")) {
            S_run(R, c, pc, rp);
        } else if (!strcmp(n, "ins") || !strcmp(n, "moveTo") || !strcmp(n, "hyperlink") ||
                   !strcmp(n, "smartTag") || !strcmp(n, "customXml") || !strcmp(n, "dir") ||
                   !strcmp(n, "bdo")) {
            S_inlines(R, c, pc, rp);
        } else if (!strcmp(n, "sdt")) {
            const xmlNode *content = dc_xml_child(c, DC_XNS_W, "sdtContent");
            if (content)
                S_inlines(R, content, pc, rp);
        } else if (!strcmp(n, "fldSimple")) {
            const char *instr = dc_xml_attr(c, DC_XNS_W, "instr");
            int has_result = dc_xml_first_elem(c) != NULL;
            if (R->instr_open > 0) {
                S_inlines(R, c, pc, rp);   /* part of an outer instruction */
            } else {
                if (has_result)
                    S_inlines(R, c, pc, rp);   /* the result is what shows */
                dc_node *tc = instr ? dc_wml_tc_entry(R->doc, instr) : NULL;
                if (tc)
                    dc_pb_node(&pc->pb, tc);
            }
        }
        /* del, moveFrom: deleted text; bookmarks, proofErr, perm*: nothing. */
    }
}

/* ------------------------------------------------------------------------
 * Paragraphs
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

static void S_paragraph(S_reader *R, const xmlNode *p, dc_node *parent, int in_textbox)
{
    if (S_limit_hit(R))
        return;
    const xmlNode *ppr = dc_xml_child(p, DC_XNS_W, "pPr");
    S_style *st = NULL;
    if (ppr)
        st = S_style_find(R, dc_xml_child_val(ppr, DC_XNS_W, "pStyle"));
    if (st && st->type != ST_PARA)
        st = NULL;
    if (!st)
        st = R->default_para;

    S_pprops pp = R->doc_pp;
    S_rprops rp = R->doc_rp;
    if (st) {
        S_merge_pp(&pp, &st->pp);
        S_merge_rp(&rp, &st->rp);
    }
    if (ppr) {
        S_pprops direct = {0};
        S_apply_ppr(&direct, ppr);
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
    pc.base = rp;
    dc_pb_begin(&pc.pb, R->doc, para);

    /* List label from numbering (direct or through the style). */
    if ((pp.set & PP_NUMID) && pp.num_id > 0) {
        int ilvl = (pp.set & PP_ILVL) ? pp.ilvl : 0;
        if (!(pp.set & PP_ILVL) && st) {
            /* A style linked from a level (w:lvl/w:pStyle) takes that level. */
            for (int k = 0; k < DC_NUM_LEVELS; k++) {
                const dc_num_level *lk = dc_numbering_level(R->nb, pp.num_id, k);
                if (lk && lk->pstyle && !strcmp(lk->pstyle, st->id)) {
                    ilvl = k;
                    break;
                }
            }
        }
        dc_buf label = DC_BUF_INIT;
        const dc_num_level *lv = dc_numbering_next(R->nb, pp.num_id, ilvl, &label);
        if (lv) {
            d->list_id = pp.num_id;
            d->list_level = ilvl;
            if (!(pp.set & PP_INDL) && lv->has_ind)
                d->ind_left = lv->ind_left;
            if (label.len) {
                const char *suff = lv->suffix ? lv->suffix : "tab";
                if (!strcmp(suff, "tab"))
                    dc_buf_putc(&label, '\t');
                else if (!strcmp(suff, "space"))
                    dc_buf_putc(&label, ' ');
                dc_node *run = dc_node_new(R->doc, DC_NODE_RUN);
                dc_run *r = &run->as.run;
                S_fmt_from(r, &rp);
                if (lv->rpr.bold)
                    r->bold = 1;
                if (lv->rpr.size)
                    r->size = lv->rpr.size;
                if (lv->rpr.font_ea)
                    r->font_ea = lv->rpr.font_ea;
                r->is_label = 1;
                r->text = dc_doc_strndup(R->doc, label.data, label.len);
                r->len = label.len;
                /* the label without its suffix, for writers and the recognizer */
                size_t core = label.len;
                while (core && (label.data[core - 1] == '\t' || label.data[core - 1] == ' '))
                    core--;
                d->list_label = dc_doc_strndup(R->doc, label.data, core);
                dc_pb_node(&pc.pb, run);
            }
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
    if (ppr && dc_xml_child(ppr, DC_XNS_W, "sectPr") && parent == R->doc->root) {
        dc_node *b = dc_node_new(R->doc, DC_NODE_BREAK);
        b->as.brk.kind = DC_BREAK_SECTION;
        dc_node_append(parent, b);
    }
}

/* ------------------------------------------------------------------------
 * Tables
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
    const xmlNode *pr = dc_xml_child(tc, DC_XNS_W, "tcPr");
    if (pr) {
        int span = dc_xml_int(dc_xml_child_val(pr, DC_XNS_W, "gridSpan"), 1);
        c->col_span = span >= 1 && span <= 1000 ? span : 1;
        const xmlNode *vm = dc_xml_child(pr, DC_XNS_W, "vMerge");
        if (vm) {
            const char *v = S_wval(vm);
            c->vmerge = v && !strcmp(v, "restart") ? DC_MERGE_RESTART : DC_MERGE_CONTINUE;
        }
        const xmlNode *hm = dc_xml_child(pr, DC_XNS_W, "hMerge");
        if (hm) {
            const char *v = S_wval(hm);
            c->hmerge = v && !strcmp(v, "restart") ? DC_MERGE_RESTART : DC_MERGE_CONTINUE;
        }
        const xmlNode *w = dc_xml_child(pr, DC_XNS_W, "tcW");
        if (w) {
            const char *type = dc_xml_attr(w, DC_XNS_W, "type");
            if (!type || !strcmp(type, "dxa"))
                c->width = S_twips(dc_xml_attr(w, DC_XNS_W, "w"), 0);
        }
        const char *va = dc_xml_child_val(pr, DC_XNS_W, "vAlign");
        c->valign = va && !strcmp(va, "center")   ? DC_VALIGN_CENTER
                    : va && !strcmp(va, "bottom") ? DC_VALIGN_BOTTOM
                                                  : DC_VALIGN_TOP;
        const xmlNode *bx = dc_xml_child(pr, DC_XNS_W, "tcBorders");
        if (bx)
            S_apply_borders(&own, bx);
        const xmlNode *shd = dc_xml_child(pr, DC_XNS_W, "shd");
        uint32_t fill;
        if (shd && S_hex_color(dc_xml_attr(shd, DC_XNS_W, "fill"), &fill)) {
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
        if (dc_xml_is(c, DC_XNS_W, "tc")) {
            S_cell(R, c, row, cbl);
        } else if (dc_xml_is(c, DC_XNS_W, "sdt")) {
            const xmlNode *content = dc_xml_child(c, DC_XNS_W, "sdtContent");
            if (content)
                S_cells(R, content, row, cbl);
        } else if (dc_xml_is(c, DC_XNS_W, "customXml")) {
            S_cells(R, c, row, cbl);
        } else if (dc_xml_is(c, DC_XNS_MC, "AlternateContent")) {
            const xmlNode *b = S_alt_branch(c);
            if (b)
                S_cells(R, b, row, cbl);
        }
    }
}

static void S_rows(S_reader *R, const xmlNode *parent, dc_node *table, S_cb_list *cbl)
{
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (S_limit_hit(R))
            return;
        if (dc_xml_is(c, DC_XNS_W, "tr")) {
            dc_node *row = dc_node_new(R->doc, DC_NODE_ROW);
            const xmlNode *pr = dc_xml_child(c, DC_XNS_W, "trPr");
            if (pr) {
                if (dc_xml_child(pr, DC_XNS_W, "del"))
                    continue;   /* a deleted row (tracked change) */
                const xmlNode *h = dc_xml_child(pr, DC_XNS_W, "tblHeader");
                row->as.row.header = h ? S_onoff_elem(h) : 0;
                const xmlNode *cs = dc_xml_child(pr, DC_XNS_W, "cantSplit");
                row->as.row.cant_split = cs ? S_onoff_elem(cs) : 0;
                const xmlNode *ht = dc_xml_child(pr, DC_XNS_W, "trHeight");
                if (ht) {
                    row->as.row.height = S_twips(S_wval(ht), 0);
                    const char *rule = dc_xml_attr(ht, DC_XNS_W, "hRule");
                    row->as.row.height_exact = rule && !strcmp(rule, "exact");
                }
                int gb = dc_xml_int(dc_xml_child_val(pr, DC_XNS_W, "gridBefore"), 0);
                int ga = dc_xml_int(dc_xml_child_val(pr, DC_XNS_W, "gridAfter"), 0);
                row->as.row.grid_before = gb > 0 && gb < 1000 ? gb : 0;
                row->as.row.grid_after = ga > 0 && ga < 1000 ? ga : 0;
            }
            S_cells(R, c, row, cbl);
            dc_node_append(table, row);
        } else if (dc_xml_is(c, DC_XNS_W, "sdt")) {
            const xmlNode *content = dc_xml_child(c, DC_XNS_W, "sdtContent");
            if (content)
                S_rows(R, content, table, cbl);
        } else if (dc_xml_is(c, DC_XNS_W, "customXml") || dc_xml_is(c, DC_XNS_W, "ins") ||
                   dc_xml_is(c, DC_XNS_W, "moveTo")) {
            S_rows(R, c, table, cbl);
        } else if (dc_xml_is(c, DC_XNS_MC, "AlternateContent")) {
            const xmlNode *b = S_alt_branch(c);
            if (b)
                S_rows(R, b, table, cbl);
        }
    }
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
    const xmlNode *pr = dc_xml_child(tbl, DC_XNS_W, "tblPr");
    S_style *st = NULL;
    if (pr)
        st = S_style_find(R, dc_xml_child_val(pr, DC_XNS_W, "tblStyle"));
    if (!st)
        st = R->default_table;
    if (st && st->type == ST_TABLE)
        borders = st->borders;
    if (pr) {
        t->style_id = st ? st->id : NULL;
        const xmlNode *w = dc_xml_child(pr, DC_XNS_W, "tblW");
        if (w) {
            const char *type = dc_xml_attr(w, DC_XNS_W, "type");
            if (!type || !strcmp(type, "dxa"))
                t->width = S_twips(dc_xml_attr(w, DC_XNS_W, "w"), 0);
        }
        t->align = S_align(dc_xml_child_val(pr, DC_XNS_W, "jc"));
        const xmlNode *ind = dc_xml_child(pr, DC_XNS_W, "tblInd");
        if (ind)
            t->indent = S_twips(dc_xml_attr(ind, DC_XNS_W, "w"), 0);
        const xmlNode *bx = dc_xml_child(pr, DC_XNS_W, "tblBorders");
        if (bx)
            S_apply_borders(&borders, bx);
    }
    const xmlNode *grid = dc_xml_child(tbl, DC_XNS_W, "tblGrid");
    int ncols = 0;
    for (const xmlNode *g = dc_xml_first_elem(grid); g; g = dc_xml_next_elem(g))
        if (dc_xml_is(g, DC_XNS_W, "gridCol"))
            ncols++;
    if (ncols > 0) {
        t->grid = dc_arena_alloc(&R->doc->arena, sizeof(int) * (size_t)ncols);
        int i = 0;
        for (const xmlNode *g = dc_xml_first_elem(grid); g; g = dc_xml_next_elem(g))
            if (dc_xml_is(g, DC_XNS_W, "gridCol"))
                t->grid[i++] = S_twips(dc_xml_attr(g, DC_XNS_W, "w"), 0);
        t->ncols = ncols;
    }

    R->table_depth++;
    S_cb_list cbl = {0};
    S_rows(R, tbl, table, &cbl);
    R->table_depth--;
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
        if (dc_xml_is(c, DC_XNS_MC, "AlternateContent")) {
            const xmlNode *b = S_alt_branch(c);
            if (b)
                S_blocks(R, b, parent, in_textbox);
            continue;
        }
        if (!dc_xml_ns_is(c, DC_XNS_W))
            continue;
        const char *n = (const char *)c->name;
        if (!strcmp(n, "p")) {
            S_paragraph(R, c, parent, in_textbox);
        } else if (!strcmp(n, "tbl")) {
            S_table(R, c, parent);
        } else if (!strcmp(n, "sdt")) {
            const xmlNode *content = dc_xml_child(c, DC_XNS_W, "sdtContent");
            if (content)
                S_blocks(R, content, parent, in_textbox);
        } else if (!strcmp(n, "customXml") || !strcmp(n, "ins") || !strcmp(n, "moveTo")) {
            S_blocks(R, c, parent, in_textbox);
        }
    }
}

/* ------------------------------------------------------------------------
 * Notes and metadata
 * ------------------------------------------------------------------------ */

static void S_read_notes(S_reader *R, const char *main_part, const char *rel,
                         const char *elem, dc_note_kind kind)
{
    const char *part = dc_package_rel_target(R->pkg, main_part, rel, R->err);
    xmlNode *root = part ? dc_package_xml(R->pkg, part, R->err) : NULL;
    if (!root)
        return;
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_is(c, DC_XNS_W, elem) || R->stop)
            continue;
        const char *type = dc_xml_attr(c, DC_XNS_W, "type");
        if (type && strcmp(type, "normal") != 0)
            continue;   /* separators and continuation notices */
        const char *id = dc_xml_attr(c, DC_XNS_W, "id");
        if (!id)
            continue;
        char key[80];
        snprintf(key, sizeof key, "%c%s", kind == DC_NOTE_FOOTNOTE ? 'f' : 'e', id);
        dc_node *note = dc_node_new(R->doc, DC_NODE_NOTE);
        note->as.note.kind = kind;
        note->as.note.id = dc_doc_strdup(R->doc, id);
        note->as.note.label = S_note_label_for(R, key);
        R->note_label = note->as.note.label;
        R->nfields = R->instr_open = 0;
        S_blocks(R, c, note, 0);
        R->note_label = NULL;
        dc_node_append(R->doc->notes, note);
    }
}

static const char *S_meta_text(S_reader *R, xmlNode *root, const char *local)
{
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
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
    dc_error ignore = {0};
    const char *core = dc_package_rel_target(R->pkg, "", "core-properties", &ignore);
    xmlNode *root = core ? dc_package_xml(R->pkg, core, &ignore) : NULL;
    dc_meta *m = &R->doc->meta;
    if (root) {
        m->title = S_meta_text(R, root, "title");
        m->subject = S_meta_text(R, root, "subject");
        m->creator = S_meta_text(R, root, "creator");
        m->keywords = S_meta_text(R, root, "keywords");
        m->description = S_meta_text(R, root, "description");
        m->last_modified_by = S_meta_text(R, root, "lastModifiedBy");
        m->created = S_meta_text(R, root, "created");
        m->modified = S_meta_text(R, root, "modified");
    }
    const char *app = dc_package_rel_target(R->pkg, "", "extended-properties", &ignore);
    root = app ? dc_package_xml(R->pkg, app, &ignore) : NULL;
    if (root)
        m->application = S_meta_text(R, root, "Application");
}

/* Footnote and endnote number formats: settings.xml, then the body's final
 * section properties. */
static void S_note_formats(S_reader *R, const xmlNode *pr, int foot)
{
    if (!pr)
        return;
    const char *fmt = dc_xml_child_val(pr, DC_XNS_W, "numFmt");
    const char *start = dc_xml_child_val(pr, DC_XNS_W, "numStart");
    if (fmt) {
        if (foot)
            R->footnote_fmt = dc_doc_strdup(R->doc, fmt);
        else
            R->endnote_fmt = dc_doc_strdup(R->doc, fmt);
    }
    if (start) {
        int v = dc_xml_int(start, 1);
        if (foot)
            R->footnote_start = v;
        else
            R->endnote_start = v;
    }
}

static void S_read_settings(S_reader *R, const char *main_part, const xmlNode *body)
{
    R->footnote_fmt = "decimal";
    R->endnote_fmt = "lowerRoman";
    R->footnote_start = R->endnote_start = 1;
    dc_error ignore = {0};
    const char *part = dc_package_rel_target(R->pkg, main_part, "settings", &ignore);
    xmlNode *root = part ? dc_package_xml(R->pkg, part, &ignore) : NULL;
    if (root) {
        S_note_formats(R, dc_xml_child(root, DC_XNS_W, "footnotePr"), 1);
        S_note_formats(R, dc_xml_child(root, DC_XNS_W, "endnotePr"), 0);
    }
    const xmlNode *sect = dc_xml_child(body, DC_XNS_W, "sectPr");
    if (sect) {
        S_note_formats(R, dc_xml_child(sect, DC_XNS_W, "footnotePr"), 1);
        S_note_formats(R, dc_xml_child(sect, DC_XNS_W, "endnotePr"), 0);
    }
}

/* ------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------ */

static const char *S_main_part(dc_package *pkg, dc_error *err)
{
    const char *main = dc_package_rel_target(pkg, "", "officeDocument", err);
    if (main && dc_package_has(pkg, main))
        return main;
    static const char *const types[] = {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        NULL};
    for (int i = 0; types[i]; i++) {
        const char *p = dc_package_find_by_type(pkg, types[i], err);
        if (p)
            return p;
    }
    return main;   /* named but absent: reported by the caller */
}

dc_doc *dc_ooxml_read(dc_package *pkg, const dc_limits *lim, dc_error *err)
{
    const char *main = S_main_part(pkg, err);
    if (err->code)
        return NULL;
    if (!main) {
        dc_error_set(err, DC_ERR_PART,
                     "no main document part: the package has no officeDocument relationship "
                     "and no part of the Word document type");
        return NULL;
    }
    xmlNode *root = dc_package_xml(pkg, main, err);
    if (err->code)
        return NULL;
    if (!root) {
        dc_error_set(err, DC_ERR_PART, "main document part %s is missing from the package", main);
        return NULL;
    }
    if (!dc_xml_is(root, DC_XNS_W, "document")) {
        const char *name = (const char *)root->name;
        if (!strcmp(name, "workbook"))
            dc_error_set(err, DC_ERR_FORMAT, "an Excel workbook, not a Word document");
        else if (!strcmp(name, "presentation"))
            dc_error_set(err, DC_ERR_FORMAT, "a PowerPoint presentation, not a Word document");
        else
            dc_error_set(err, DC_ERR_FORMAT, "main part %s is <%s>, not a Word document", main,
                         name);
        return NULL;
    }
    xmlNode *body = dc_xml_child(root, DC_XNS_W, "body");
    if (!body) {
        dc_error_set(err, DC_ERR_PART, "main document part %s has no w:body", main);
        return NULL;
    }

    S_reader R;
    memset(&R, 0, sizeof R);
    R.doc = dc_doc_new();
    R.pkg = pkg;
    R.lim = lim;
    R.err = err;
    R.doc->strict = root->ns && root->ns->href &&
                    !strcmp((const char *)root->ns->href, DC_NS_W_STRICT);

    S_read_settings(&R, main, body);
    S_read_styles(&R, main);
    if (!err->code)
        S_read_numbering(&R, main);
    if (!err->code) {
        S_blocks(&R, body, R.doc->root, 0);
        R.nfields = R.instr_open = 0;
    }
    if (!err->code)
        S_read_notes(&R, main, "footnotes", "footnote", DC_NOTE_FOOTNOTE);
    if (!err->code)
        S_read_notes(&R, main, "endnotes", "endnote", DC_NOTE_ENDNOTE);
    if (!err->code)
        S_read_meta(&R);

    for (int i = 0; i < MAX_FIELDS; i++)
        dc_buf_free(&R.fields[i].instr);
    free(R.styles);
    free(R.notes);
    dc_numbering_free(R.nb);
    if (err->code) {
        dc_doc_free(R.doc);
        return NULL;
    }
    return R.doc;
}
