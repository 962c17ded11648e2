/*
 * wml_body.c - the WordprocessingML body shared by the OOXML and Word 2003
 * readers (see wml_body.h):
 *   w:rPr, w:pPr, w:tblBorders    -> property sets merged along style chains
 *   w:styles/w:style              -> style table, basedOn chains resolved
 *   w:p                           -> PARAGRAPH or HEADING, list label first
 *   w:r (w:t, w:tab, w:br, w:sym, ...) -> runs through the paragraph builder
 *   w:fldChar/w:instrText, w:fldSimple -> results visible, TC entries hidden
 *   w:txbxContent                 -> blocks after their paragraph
 *   w:tbl/w:tr/w:tc               -> TABLE, ROW, CELL with merges and borders
 * Wrappers (w:sdt, w:ins, mc:AlternateContent, aml:annotation, wx:sect, ...),
 * note references and other dialect elements go through the dialect's hooks.
 *
 * SPDX-License-Identifier: MIT
 */
#include "wml_body.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "converters/read/symbols.h"
#include "converters/read/wml.h"

/* ------------------------------------------------------------------------
 * Small parsers
 * ------------------------------------------------------------------------ */

/* Twips from a measure.  OOXML: plain numbers are twips; strict files may
 * write universal measures ("12pt", "1in", "2.5cm").  2003: plain numbers,
 * LibreOffice writes fractional ones ("8845.1537").  Clamped so that sums
 * cannot overflow. */
static int S_twips(const dc_wml_reader *R, const char *s, int dflt)
{
    if (R->D->w2003) {
        int v = dc_xml_int(s, dflt);
        if (v > 10000000)
            v = 10000000;
        if (v < -10000000)
            v = -10000000;
        return v;
    }
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

/* A width or height: negative values (never meaningful) read as 0. */
static int S_extent(const dc_wml_reader *R, int v)
{
    (void)R;
    return v < 0 ? 0 : v;
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

static const char *S_wval(const dc_wml_reader *R, const xmlNode *n)
{
    return dc_xml_attr(n, R->D->ns, "val");
}

/* An attribute by its OOXML name.  The 2003 dialect tries its own spelling
 * first (name2003: "first-line" for "firstLine"); OOXML falls back to an
 * alias (alias: "start" for "left"). */
static const char *S_attr(const dc_wml_reader *R, const xmlNode *n, const char *name,
                          const char *name2003, const char *alias)
{
    if (R->D->w2003) {
        const char *v = name2003 ? dc_xml_attr(n, R->D->ns, name2003) : NULL;
        return v ? v : dc_xml_attr(n, R->D->ns, name);
    }
    const char *v = dc_xml_attr(n, R->D->ns, name);
    return v ? v : alias ? dc_xml_attr(n, R->D->ns, alias) : NULL;
}

/* On/off property element: <w:b/>, <w:b w:val="0"/>. */
static int S_onoff(const dc_wml_reader *R, const xmlNode *n)
{
    const char *v = S_wval(R, n);
    if (v || !R->D->w2003)
        return dc_xml_onoff(v, 1);
    /* 2003: the sloppy <w:tblHeader>on</w:tblHeader> that LibreOffice writes */
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
        size_t len = e - s < sizeof word - 1 ? e - s : sizeof word - 1;
        memcpy(word, b.data + s, len);
        word[len] = '\0';
        on = dc_xml_onoff(word, 1);
    }
    dc_buf_free(&b);
    return on;
}

static dc_align S_align(const dc_wml_reader *R, const char *v)
{
    if (!v)
        return DC_ALIGN_NONE;
    if (!strcmp(v, "center"))
        return DC_ALIGN_CENTER;
    if (R->D->w2003) {
        if (!strcmp(v, "right"))
            return DC_ALIGN_RIGHT;
        if (!strcmp(v, "both") || strstr(v, "kashida") || !strcmp(v, "thai-distribute"))
            return DC_ALIGN_JUSTIFY;
    } else {
        if (!strcmp(v, "right") || !strcmp(v, "end"))
            return DC_ALIGN_RIGHT;
        if (!strcmp(v, "both") || !strcmp(v, "lowKashida") || !strcmp(v, "mediumKashida") ||
            !strcmp(v, "highKashida") || !strcmp(v, "thaiDistribute"))
            return DC_ALIGN_JUSTIFY;
    }
    if (!strcmp(v, "distribute"))
        return DC_ALIGN_DISTRIBUTE;
    return DC_ALIGN_LEFT;
}

/* ------------------------------------------------------------------------
 * Run and paragraph properties
 * ------------------------------------------------------------------------ */

void dc_wml_apply_rpr(dc_wml_reader *R, dc_wml_rprops *rp, const xmlNode *rpr)
{
    dc_xns W = R->D->ns;
    for (const xmlNode *c = dc_xml_first_elem(rpr); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_ns_is(c, W))
            continue;
        const char *n = (const char *)c->name;
        switch (n[0]) {
        case 'b':
            if (!strcmp(n, "b")) {
                rp->b = S_onoff(R, c);
                rp->set |= DC_WML_RUN_BOLD;
            }
            break;
        case 'i':
            if (!strcmp(n, "i")) {
                rp->i = S_onoff(R, c);
                rp->set |= DC_WML_RUN_ITALIC;
            }
            break;
        case 'u':
            if (!strcmp(n, "u")) {
                const char *v = S_wval(R, c);
                rp->u = v ? strcmp(v, "none") != 0 : 1;
                rp->set |= DC_WML_RUN_UNDERLINE;
            }
            break;
        case 's':
            if (!strcmp(n, "strike")) {
                rp->strike = S_onoff(R, c);
                rp->set |= DC_WML_RUN_STRIKE;
            } else if (!strcmp(n, "sz")) {
                int v = dc_xml_int(S_wval(R, c), 0);
                if (v > 0 && v < 4000) {
                    rp->sz = v;
                    rp->set |= DC_WML_RUN_SIZE;
                }
            }
            /* specVanish (style separator): no effect on text */
            break;
        case 'd':
            if (!strcmp(n, "dstrike")) {
                if (S_onoff(R, c)) {
                    rp->strike = 1;
                    rp->set |= DC_WML_RUN_STRIKE;
                }
            }
            break;
        case 'v':
            if (!strcmp(n, "vanish")) {
                rp->vanish = S_onoff(R, c);
                rp->set |= DC_WML_RUN_HIDDEN;
            } else if (!strcmp(n, "vertAlign")) {
                const char *v = S_wval(R, c);
                rp->vert = v && !strcmp(v, "superscript") ? DC_VERT_SUPER
                           : v && !strcmp(v, "subscript") ? DC_VERT_SUB
                                                          : DC_VERT_BASELINE;
                rp->set |= DC_WML_RUN_VERT_ALIGN;
            }
            break;
        case 'r':
            if (!strcmp(n, "rFonts")) {
                /* an empty name names no font */
                const char *ea = S_attr(R, c, "eastAsia", "fareast", NULL);
                const char *as = dc_xml_attr(c, W, "ascii");
                if (!as || !*as)
                    as = S_attr(R, c, "hAnsi", "h-ansi", NULL);
                if (ea && *ea) {
                    rp->ea = dc_doc_strdup(R->doc, ea);
                    rp->set |= DC_WML_RUN_FONT_EAST_ASIAN;
                }
                if (as && *as) {
                    rp->ascii = dc_doc_strdup(R->doc, as);
                    rp->set |= DC_WML_RUN_FONT_ASCII;
                }
            }
            break;
        case 'c':
            if (!strcmp(n, "color")) {
                uint32_t col;
                if (S_hex_color(S_wval(R, c), &col)) {
                    rp->color = col;
                    rp->has_color = 1;
                } else {
                    rp->has_color = 0;   /* "auto" */
                }
                rp->set |= DC_WML_RUN_COLOR;
            }
            break;
        default:
            break;
        }
    }
}

static void S_merge_rp(dc_wml_rprops *dst, const dc_wml_rprops *src)
{
    unsigned s = src->set;
    if (s & DC_WML_RUN_BOLD) dst->b = src->b;
    if (s & DC_WML_RUN_ITALIC) dst->i = src->i;
    if (s & DC_WML_RUN_UNDERLINE) dst->u = src->u;
    if (s & DC_WML_RUN_STRIKE) dst->strike = src->strike;
    if (s & DC_WML_RUN_HIDDEN) dst->vanish = src->vanish;
    if (s & DC_WML_RUN_SIZE) dst->sz = src->sz;
    if (s & DC_WML_RUN_VERT_ALIGN) dst->vert = src->vert;
    if (s & DC_WML_RUN_FONT_EAST_ASIAN) dst->ea = src->ea;
    if (s & DC_WML_RUN_FONT_ASCII) dst->ascii = src->ascii;
    if (s & DC_WML_RUN_COLOR) {
        dst->color = src->color;
        dst->has_color = src->has_color;
    }
    dst->set |= s;
}

/* w:numPr (OOXML) or w:listPr (2003): the list and level of a paragraph. */
static void S_apply_list(dc_wml_reader *R, dc_wml_pprops *pp, const xmlNode *c)
{
    dc_xns W = R->D->ns;
    const char *id = dc_xml_child_val(c, W, R->D->w2003 ? "ilfo" : "numId");
    const char *lv = dc_xml_child_val(c, W, "ilvl");
    if (id) {
        pp->num_id = dc_xml_int(id, 0);
        pp->set |= DC_WML_PARA_NUM_ID;
    }
    if (lv) {
        pp->ilvl = dc_xml_int(lv, 0);
        pp->set |= DC_WML_PARA_LIST_LEVEL;
    }
    if (R->D->w2003) {
        const xmlNode *hint = dc_xml_child(c, DC_XNS_WX2003, "t");
        const char *hv = hint ? dc_xml_attr(hint, DC_XNS_WX2003, "val") : NULL;
        if (hv) {
            pp->list_hint = dc_doc_strdup(R->doc, hv);
            pp->list_hint_tab = dc_xml_attr(hint, DC_XNS_WX2003, "wTabAfter") != NULL;
        }
    }
}

void dc_wml_apply_ppr(dc_wml_reader *R, dc_wml_pprops *pp, const xmlNode *ppr)
{
    dc_xns W = R->D->ns;
    for (const xmlNode *c = dc_xml_first_elem(ppr); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_ns_is(c, W))
            continue;
        const char *n = (const char *)c->name;
        if (!strcmp(n, "jc")) {
            pp->jc = S_align(R, S_wval(R, c));
            pp->set |= DC_WML_PARA_ALIGN;
        } else if (!strcmp(n, "ind")) {
            const char *l = S_attr(R, c, "left", NULL, "start");
            const char *r = S_attr(R, c, "right", NULL, "end");
            const char *f = S_attr(R, c, "firstLine", "first-line", NULL);
            const char *h = dc_xml_attr(c, W, "hanging");
            const char *fc = S_attr(R, c, "firstLineChars", "first-line-chars", NULL);
            const char *hc = S_attr(R, c, "hangingChars", "hanging-chars", NULL);
            if (l) {
                pp->ind_left = S_twips(R, l, 0);
                pp->set |= DC_WML_PARA_INDENT_LEFT;
            }
            if (r) {
                pp->ind_right = S_twips(R, r, 0);
                pp->set |= DC_WML_PARA_INDENT_RIGHT;
            }
            if (h) {
                pp->ind_first = -S_twips(R, h, 0);
                pp->set |= DC_WML_PARA_INDENT_FIRST;
            } else if (f) {
                pp->ind_first = S_twips(R, f, 0);
                pp->set |= DC_WML_PARA_INDENT_FIRST;
            }
            if (hc) {
                pp->ind_first_chars = -dc_xml_int(hc, 0);
                pp->set |= DC_WML_PARA_INDENT_FIRST_CHARS;
            } else if (fc) {
                pp->ind_first_chars = dc_xml_int(fc, 0);
                pp->set |= DC_WML_PARA_INDENT_FIRST_CHARS;
            }
        } else if (!strcmp(n, "spacing")) {
            const char *b = dc_xml_attr(c, W, "before");
            const char *a = dc_xml_attr(c, W, "after");
            const char *l = dc_xml_attr(c, W, "line");
            const char *rule = S_attr(R, c, "lineRule", "line-rule", NULL);
            if (b) {
                pp->space_before = S_twips(R, b, 0);
                pp->set |= DC_WML_PARA_SPACE_BEFORE;
            }
            if (a) {
                pp->space_after = S_twips(R, a, 0);
                pp->set |= DC_WML_PARA_SPACE_AFTER;
            }
            if (l) {
                pp->line = S_twips(R, l, 240);
                pp->line_rule = !rule || !strcmp(rule, "auto") ? DC_LINE_AUTO
                                : !strcmp(rule, "exact")       ? DC_LINE_EXACT
                                                               : DC_LINE_AT_LEAST;
                pp->set |= DC_WML_PARA_LINE_SPACING;
            }
        } else if (!strcmp(n, "outlineLvl")) {
            pp->outline = dc_xml_int(S_wval(R, c), 9);
            pp->set |= DC_WML_PARA_OUTLINE_LEVEL;
        } else if (!strcmp(n, R->D->w2003 ? "listPr" : "numPr")) {
            S_apply_list(R, pp, c);
        } else if (!strcmp(n, "keepNext")) {
            pp->keep_next = S_onoff(R, c);
            pp->set |= DC_WML_PARA_KEEP_NEXT;
        } else if (!strcmp(n, "pageBreakBefore")) {
            pp->page_break_before = S_onoff(R, c);
            pp->set |= DC_WML_PARA_PAGE_BREAK_BEFORE;
        }
    }
}

static void S_merge_pp(dc_wml_pprops *dst, const dc_wml_pprops *src)
{
    unsigned s = src->set;
    if (s & DC_WML_PARA_ALIGN) dst->jc = src->jc;
    if (s & DC_WML_PARA_INDENT_LEFT) dst->ind_left = src->ind_left;
    if (s & DC_WML_PARA_INDENT_RIGHT) dst->ind_right = src->ind_right;
    if (s & DC_WML_PARA_INDENT_FIRST) dst->ind_first = src->ind_first;
    if (s & DC_WML_PARA_INDENT_FIRST_CHARS) dst->ind_first_chars = src->ind_first_chars;
    if (s & DC_WML_PARA_SPACE_BEFORE) dst->space_before = src->space_before;
    if (s & DC_WML_PARA_SPACE_AFTER) dst->space_after = src->space_after;
    if (s & DC_WML_PARA_LINE_SPACING) {
        dst->line = src->line;
        dst->line_rule = src->line_rule;
    }
    if (s & DC_WML_PARA_OUTLINE_LEVEL) dst->outline = src->outline;
    if (s & DC_WML_PARA_NUM_ID) dst->num_id = src->num_id;
    if (s & DC_WML_PARA_LIST_LEVEL) dst->ilvl = src->ilvl;
    if (s & DC_WML_PARA_KEEP_NEXT) dst->keep_next = src->keep_next;
    if (s & DC_WML_PARA_PAGE_BREAK_BEFORE) dst->page_break_before = src->page_break_before;
    dst->set |= s;
}

static void S_borders_unset(dc_wml_borders *b)
{
    for (int e = 0; e < DC_WML_E_COUNT; e++)
        b->edge[e] = -1;
}

static void S_apply_borders(const dc_wml_reader *R, dc_wml_borders *b, const xmlNode *bx)
{
    /* One pass over the edges given; the first of each name counts.  OOXML
     * also names the left and right edges start and end (used only when
     * left or right is absent). */
    const xmlNode *edge[DC_WML_E_COUNT] = {0}, *alias[DC_WML_E_COUNT] = {0};
    for (const xmlNode *c = dc_xml_first_elem(bx); c; c = dc_xml_next_elem(c)) {
        const char *n = (const char *)c->name;
        int e = -1, alt = 0;
        if (!strcmp(n, "top"))
            e = DC_WML_E_TOP;
        else if (!strcmp(n, "left"))
            e = DC_WML_E_LEFT;
        else if (!strcmp(n, "bottom"))
            e = DC_WML_E_BOTTOM;
        else if (!strcmp(n, "right"))
            e = DC_WML_E_RIGHT;
        else if (!strcmp(n, "insideH"))
            e = DC_WML_E_INSIDE_H;
        else if (!strcmp(n, "insideV"))
            e = DC_WML_E_INSIDE_V;
        else if (!R->D->w2003 && !strcmp(n, "start"))
            e = DC_WML_E_LEFT, alt = 1;
        else if (!R->D->w2003 && !strcmp(n, "end"))
            e = DC_WML_E_RIGHT, alt = 1;
        if (e < 0)
            continue;
        const xmlNode **slot = alt ? &alias[e] : &edge[e];
        if (!*slot && dc_xml_ns_is(c, R->D->ns))
            *slot = c;
    }
    for (int e = 0; e < DC_WML_E_COUNT; e++) {
        const xmlNode *c = edge[e] ? edge[e] : alias[e];
        if (!c)
            continue;
        const char *v = S_wval(R, c);
        b->edge[e] = !(v && (!strcmp(v, "nil") || !strcmp(v, "none")));
    }
}

/* ------------------------------------------------------------------------
 * Styles
 * ------------------------------------------------------------------------ */

dc_wml_style *dc_wml_style_find(dc_wml_reader *R, const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < R->nstyles; i++)
        if (!strcmp(R->styles[i].id, id))
            return &R->styles[i];
    return NULL;
}

static void S_style_resolve(dc_wml_reader *R, dc_wml_style *s, int depth)
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
    S_borders_unset(&s->borders);
    dc_wml_style *base = dc_wml_style_find(R, s->based_on);
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
        dc_wml_apply_ppr(R, &s->pp, s->ppr);
    s->pp.list_hint = NULL;
    if (s->rpr)
        dc_wml_apply_rpr(R, &s->rp, s->rpr);
    if (s->tblpr) {
        const xmlNode *bx = dc_xml_child(s->tblpr, R->D->ns, "tblBorders");
        if (bx)
            S_apply_borders(R, &s->borders, bx);
    }
    s->state = 2;
}

void dc_wml_read_styles(dc_wml_reader *R, const xmlNode *root)
{
    dc_xns W = R->D->ns;
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
        dc_wml_style *s = &R->styles[R->nstyles++];
        s->id = dc_doc_strdup(R->doc, id);
        s->name = dc_doc_strdup(R->doc, dc_xml_child_val(c, W, "name"));
        s->based_on = dc_doc_strdup(R->doc, dc_xml_child_val(c, W, "basedOn"));
        s->type = !type || !strcmp(type, "paragraph") ? DC_WML_ST_PARA
                  : !strcmp(type, "character")        ? DC_WML_ST_CHAR
                  : !strcmp(type, "table")            ? DC_WML_ST_TABLE
                                                      : DC_WML_ST_NUMBERING;
        s->ppr = dc_xml_child(c, W, "pPr");
        s->rpr = dc_xml_child(c, W, "rPr");
        s->tblpr = dc_xml_child(c, W, "tblPr");
        if (R->D->style)
            R->D->style(R, c, s);
        const char *ui = s->ui_name;
        s->heading_level = dc_wml_heading_level(s->name);
        if (!s->heading_level)
            s->heading_level = dc_wml_heading_level(ui);
        if (!s->heading_level)
            s->heading_level = dc_wml_heading_level(s->id);
        const char *nm = s->name ? s->name : s->id;
        s->is_title = !strcasecmp(nm, "Title") || !strcmp(nm, "标题") ||
                      (ui && !strcmp(ui, "标题"));
        s->is_caption = !strncasecmp(nm, "caption", 7) || !strncmp(nm, "题注", strlen("题注")) ||
                        (ui && !strncmp(ui, "题注", strlen("题注")));
        int dflt = dc_xml_onoff(dc_xml_attr(c, W, "default"), 0);
        if (dflt && s->type == DC_WML_ST_PARA && !R->default_para)
            R->default_para = s;
        if (dflt && s->type == DC_WML_ST_TABLE && !R->default_table)
            R->default_table = s;
    }
    for (size_t i = 0; i < R->nstyles; i++)
        S_style_resolve(R, &R->styles[i], 0);
}

/* ------------------------------------------------------------------------
 * Lists and note numbering
 * ------------------------------------------------------------------------ */

static void S_read_level(dc_wml_reader *R, dc_num_level *lv, const xmlNode *lvl)
{
    dc_xns W = R->D->ns;
    lv->defined = 1;
    lv->start = dc_xml_int(dc_xml_child_val(lvl, W, "start"), 0);
    const char *suff = dc_xml_child_val(lvl, W, "suff");
    if (R->D->w2003) {
        lv->fmt = dc_numfmt_from_nfc(dc_xml_int(dc_xml_child_val(lvl, W, "nfc"), 0));
        lv->suffix = !suff || !strcasecmp(suff, "tab") ? "tab"
                     : !strcasecmp(suff, "space")      ? "space"
                                                       : "nothing";
    } else {
        const char *fmt = dc_xml_child_val(lvl, W, "numFmt");
        lv->fmt = dc_doc_strdup(R->doc, fmt ? fmt : "decimal");
        lv->suffix = dc_doc_strdup(R->doc, suff ? suff : "tab");
    }
    const xmlNode *t = dc_xml_child(lvl, W, "lvlText");
    lv->text = t ? dc_doc_strdup(R->doc, S_wval(R, t) ? S_wval(R, t) : "") : NULL;
    const char *rs = dc_xml_child_val(lvl, W, "lvlRestart");
    lv->restart = rs ? dc_xml_int(rs, -1) : -1;
    const xmlNode *lg = dc_xml_child(lvl, W, "isLgl");
    lv->legal = lg ? S_onoff(R, lg) : 0;
    lv->pstyle = dc_doc_strdup(R->doc, dc_xml_child_val(lvl, W, "pStyle"));
    const xmlNode *ppr = dc_xml_child(lvl, W, "pPr");
    if (ppr) {
        dc_wml_pprops pp = {0};
        dc_wml_apply_ppr(R, &pp, ppr);
        if (pp.set & (DC_WML_PARA_INDENT_LEFT | DC_WML_PARA_INDENT_FIRST)) {
            lv->has_ind = 1;
            lv->ind_left = pp.ind_left;
            lv->ind_first = pp.ind_first;
        }
    }
    const xmlNode *rpr = dc_xml_child(lvl, W, "rPr");
    if (rpr) {
        dc_wml_rprops rp = {0};
        dc_wml_apply_rpr(R, &rp, rpr);
        lv->rpr.bold = rp.b;
        lv->rpr.italic = rp.i;
        lv->rpr.size = rp.sz;
        lv->rpr.font_ea = rp.ea;
        lv->rpr.font_ascii = rp.ascii;
    }
}

static void S_read_list_def(dc_wml_reader *R, const xmlNode *def, int aid)
{
    dc_xns W = R->D->ns;
    for (xmlNode *l = dc_xml_first_elem(def); l; l = dc_xml_next_elem(l)) {
        if (!dc_xml_is(l, W, "lvl"))
            continue;
        int ilvl = dc_xml_int(dc_xml_attr(l, W, "ilvl"), -1);
        dc_num_level *lv = dc_numbering_abstract_level(R->nb, aid, ilvl);
        if (lv)
            S_read_level(R, lv, l);
    }
}

static void S_read_list(dc_wml_reader *R, const xmlNode *list, int nid, int aid)
{
    dc_xns W = R->D->ns;
    dc_numbering_add_num(R->nb, nid, aid);
    for (xmlNode *o = dc_xml_first_elem(list); o; o = dc_xml_next_elem(o)) {
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

void dc_wml_read_lists(dc_wml_reader *R, const xmlNode *root)
{
    dc_xns W = R->D->ns;
    int w2003 = R->D->w2003;
    const char *def = w2003 ? "listDef" : "abstractNum";
    const char *def_id = w2003 ? "listDefId" : "abstractNumId";
    const char *list = w2003 ? "list" : "num";
    const char *list_id = w2003 ? "ilfo" : "numId";
    const char *list_def = w2003 ? "ilst" : "abstractNumId";
    for (xmlNode *c = dc_xml_first_elem(root); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, W, def)) {
            int aid = dc_xml_int(dc_xml_attr(c, W, def_id), -1);
            if (aid >= 0)
                S_read_list_def(R, c, aid);
        } else if (dc_xml_is(c, W, list)) {
            int nid = dc_xml_int(dc_xml_attr(c, W, list_id), -1);
            int aid = dc_xml_int(dc_xml_child_val(c, W, list_def), -1);
            if (nid >= 0)
                S_read_list(R, c, nid, aid);
        }
    }
}

/* A 2003 w:numFmt value as numbering.c names it: Word 2003 writes
 * "lower-roman", "decimal-enclosed-circle"; some writers the OOXML
 * "lowerRoman" or an nfc code. */
static const char *S_numfmt_name2003(dc_wml_reader *R, const char *v)
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

void dc_wml_note_format(dc_wml_reader *R, const xmlNode *pr, dc_wml_note_fmt *nf)
{
    if (!pr)
        return;
    const char *fmt = dc_xml_child_val(pr, R->D->ns, "numFmt");
    const char *start = dc_xml_child_val(pr, R->D->ns, "numStart");
    fmt = R->D->w2003 ? S_numfmt_name2003(R, fmt) : dc_doc_strdup(R->doc, fmt);
    if (fmt)
        nf->fmt = fmt;
    if (start) {
        int v = dc_xml_int(start, 1);
        if (v < 0 || v > 100000)
            v = 1;
        nf->start = v;
    }
}

/* ------------------------------------------------------------------------
 * Fields
 * ------------------------------------------------------------------------ */

static dc_wml_field *S_field_top(dc_wml_reader *R)
{
    if (R->nfields <= 0 || R->nfields > DC_WML_MAX_FIELDS)
        return NULL;
    return &R->fields[R->nfields - 1];
}

/* The innermost field whose instruction is still being read. */
static dc_wml_field *S_field_instr(dc_wml_reader *R)
{
    int top = R->nfields < DC_WML_MAX_FIELDS ? R->nfields : DC_WML_MAX_FIELDS;
    for (int i = top - 1; i >= 0; i--)
        if (!R->fields[i].in_result)
            return &R->fields[i];
    return NULL;
}

static void S_field_begin(dc_wml_reader *R)
{
    if (R->nfields < DC_WML_MAX_FIELDS) {
        dc_wml_field *f = &R->fields[R->nfields];
        dc_buf_clear(&f->instr);
        f->in_result = 0;
        f->has_link = 0;
        f->outer_link = NULL;
    }
    R->nfields++;
    R->instr_open++;
}

static void S_field_separate(dc_wml_reader *R)
{
    dc_wml_field *f = S_field_top(R);   /* NULL when deeper than we track */
    if (f && !f->in_result) {
        f->in_result = 1;
        R->instr_open--;
        /* A HYPERLINK field's result is the link's text. */
        const char *uri = dc_wml_hyperlink_target(R->doc, dc_buf_cstr(&f->instr));
        if (uri) {
            f->has_link = 1;
            f->outer_link = R->link;
            R->link = uri;
        }
    }
}

static void S_field_end(dc_wml_reader *R, dc_wml_para *pc)
{
    if (R->nfields <= 0)
        return;
    dc_wml_field *f = S_field_top(R);
    if (f) {
        if (!f->in_result)
            R->instr_open--;
        if (f->has_link)
            R->link = f->outer_link;
        /* TC entries (no result, or an empty one) are kept, hidden. */
        dc_node *tc = dc_wml_tc_entry(R->doc, dc_buf_cstr(&f->instr));
        if (tc && pc && R->instr_open == 0)
            dc_paragraph_builder_node(&pc->pb, tc);
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

int dc_wml_limit_hit(dc_wml_reader *R)
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

void dc_wml_fmt_from(dc_run *fmt, const dc_wml_rprops *rp)
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

static void S_push_box(dc_wml_para *pc, xmlNode *box)
{
    DC_GROW(pc->boxes, pc->nboxes, pc->capboxes, 4);
    pc->boxes[pc->nboxes++] = box;
}

void dc_wml_collect_boxes(dc_wml_reader *R, const xmlNode *root, dc_wml_para *pc)
{
    /* iteratively; the dialect says what not to enter (2003 w:binData) and
     * which branch of a choice to take (mc:AlternateContent) */
    const xmlNode *n = root->children;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (dc_xml_is(n, R->D->ns, "txbxContent")) {
                S_push_box(pc, (xmlNode *)n);
            } else {
                const xmlNode *in = R->D->unwrap(n, DC_WML_BOX);
                if (in && in != n) {
                    dc_wml_collect_boxes(R, in, pc);
                } else if (in && n->children) {
                    n = n->children;
                    continue;
                }
            }
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
}

void dc_wml_emit(dc_wml_reader *R, dc_wml_para *pc, const char *s, size_t len,
                 const dc_run *fmt, int hidden)
{
    if (R->instr_open > 0) {
        dc_wml_field *f = S_field_instr(R);
        if (f)
            dc_buf_put(&f->instr, s, len);
        return;
    }
    if (hidden)
        return;
    if (R->link && (!fmt || fmt->link != R->link)) {
        /* text inside a hyperlink carries its target */
        dc_run linked;
        if (fmt)
            linked = *fmt;
        else
            memset(&linked, 0, sizeof linked);
        linked.link = R->link;
        dc_paragraph_builder_text(&pc->pb, s, len, &linked);
        return;
    }
    dc_paragraph_builder_text(&pc->pb, s, len, fmt);
}

void dc_wml_sym(dc_wml_reader *R, dc_wml_para *pc, const char *font, const char *ch,
                const dc_run *fmt, int hidden)
{
    uint32_t cp = dc_sym_char(font, ch);
    if (cp) {
        dc_buf tmp = DC_BUF_INIT;
        dc_buf_put_utf8(&tmp, cp);
        dc_wml_emit(R, pc, tmp.data, tmp.len, fmt, hidden);
        dc_buf_free(&tmp);
    }
}

/* Text of a run in a symbol font: its private-use characters (U+F020 ..
 * U+F0FF) become the characters Word draws, as w:sym does. */
static void S_symbol_text(const char *font, dc_buf *text)
{
    if (!text->data || !dc_sym_is_font(font))
        return;
    dc_buf out = DC_BUF_INIT;
    for (size_t i = 0; i < text->len;) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(text->data + i, text->len - i, &adv);
        dc_buf_put_utf8(&out, dc_sym_text_char(font, cp));
        i += adv;
    }
    dc_buf_free(text);
    *text = out;
}

static int S_field_result(const dc_wml_reader *R)
{
    return R->nfields > 0 || R->simple_results > 0;
}

void dc_wml_run(dc_wml_reader *R, const xmlNode *r, dc_wml_para *pc,
                const dc_wml_rprops *inherited)
{
    dc_xns W = R->D->ns;
    dc_wml_rprops rp = *inherited;
    const xmlNode *rpr = dc_xml_child(r, W, "rPr");
    if (rpr) {
        dc_wml_style *cs = dc_wml_style_find(R, dc_xml_child_val(rpr, W, "rStyle"));
        if (cs && cs->type == DC_WML_ST_CHAR)
            S_merge_rp(&rp, &cs->rp);
        dc_wml_rprops direct = {0};
        dc_wml_apply_rpr(R, &direct, rpr);
        S_merge_rp(&rp, &direct);
    }
    int hidden = rp.vanish;
    dc_run fmt;
    dc_wml_fmt_from(&fmt, &rp);
    fmt.from_field = S_field_result(R);

    for (const xmlNode *c = dc_xml_first_elem(r); c; c = dc_xml_next_elem(c)) {
        if (!dc_xml_ns_is(c, W)) {
            if (R->D->run_child)
                R->D->run_child(R, c, pc, &rp, &fmt, hidden);
            continue;
        }
        const char *n = (const char *)c->name;
        if (!strcmp(n, "rPr")) {
            continue;   /* read above */
        } else if (!strcmp(n, "t")) {
            dc_buf tmp = DC_BUF_INIT;
            dc_xml_text(c, &tmp);
            if (rp.ascii)
                S_symbol_text(rp.ascii, &tmp);
            dc_wml_emit(R, pc, tmp.data ? tmp.data : "", tmp.len, &fmt, hidden);
            dc_buf_free(&tmp);
        } else if (!strcmp(n, "instrText")) {
            dc_wml_field *f = S_field_instr(R);
            if (f && R->nfields <= DC_WML_MAX_FIELDS)
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
            fmt.from_field = S_field_result(R);
        } else if (!strcmp(n, "tab")) {
            dc_wml_emit(R, pc, "\t", 1, &fmt, hidden);
        } else if (!strcmp(n, "br")) {
            const char *type = dc_xml_attr(c, W, "type");
            if (type && (!strcmp(type, "page") || !strcmp(type, "column"))) {
                if (!hidden && R->instr_open == 0) {
                    dc_node *b = dc_node_new(R->doc, DC_NODE_BREAK);
                    b->as.brk.kind = !strcmp(type, "page") ? DC_BREAK_PAGE : DC_BREAK_COLUMN;
                    dc_paragraph_builder_node(&pc->pb, b);
                }
            } else {
                dc_wml_emit(R, pc, "\n", 1, &fmt, hidden);
            }
        } else if (!strcmp(n, "cr")) {
            dc_wml_emit(R, pc, "\n", 1, &fmt, hidden);
        } else if (!strcmp(n, "sym")) {
            dc_wml_sym(R, pc, dc_xml_attr(c, W, "font"), dc_xml_attr(c, W, "char"), &fmt,
                       hidden);
        } else if (!strcmp(n, "noBreakHyphen")) {
            dc_wml_emit(R, pc, "\xE2\x80\x91", 3, &fmt, hidden);   /* U+2011 */
        } else if (!strcmp(n, "softHyphen")) {
            /* an optional hyphen (U+00AD): shown only where a line breaks */
            dc_wml_emit(R, pc, "\xC2\xAD", 2, &fmt, hidden);
        } else if (!strcmp(n, "footnoteRef") || !strcmp(n, "endnoteRef")) {
            if (R->note_label && *R->note_label)
                dc_wml_emit(R, pc, R->note_label, strlen(R->note_label), &fmt, hidden);
        } else if (!strcmp(n, "pict") || !strcmp(n, "object")) {
            dc_wml_collect_boxes(R, c, pc);
        } else if (R->D->run_child) {
            R->D->run_child(R, c, pc, &rp, &fmt, hidden);
        }
        /* delText, delInstrText, lastRenderedPageBreak, separators,
         * annotationRef, commentReference: nothing visible. */
    }
}

static void S_inlines(dc_wml_reader *R, const xmlNode *parent, dc_wml_para *pc,
                      const dc_wml_rprops *rp)
{
    dc_xns W = R->D->ns;
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (dc_xml_is(c, W, "r")) {
            dc_wml_run(R, c, pc, rp);
        } else if (dc_xml_is(c, W, "fldSimple")) {
            const char *instr = dc_xml_attr(c, W, "instr");
            if (R->instr_open > 0) {
                S_inlines(R, c, pc, rp);   /* part of an outer instruction */
            } else {
                /* the result is what shows, marked as a field result */
                const char *outer = R->link;
                const char *uri = instr ? dc_wml_hyperlink_target(R->doc, instr) : NULL;
                if (uri)
                    R->link = uri;
                R->simple_results++;
                S_inlines(R, c, pc, rp);
                R->simple_results--;
                R->link = outer;
                dc_node *tc = instr ? dc_wml_tc_entry(R->doc, instr) : NULL;
                if (tc)
                    dc_paragraph_builder_node(&pc->pb, tc);
            }
        } else {
            const xmlNode *in = R->D->unwrap(c, DC_WML_INLINE);
            const char *outer = R->link;
            const char *uri = in && R->D->link_target ? R->D->link_target(R, c) : NULL;
            if (uri)
                R->link = uri;
            if (in)
                S_inlines(R, in, pc, rp);
            else if (R->D->inline_elem)
                R->D->inline_elem(R, c, pc, rp);
            R->link = outer;
        }
        /* bookmarks, proofErr, perm*, deleted text: nothing. */
    }
}

/* ------------------------------------------------------------------------
 * Paragraphs
 * ------------------------------------------------------------------------ */

/* The list label of a paragraph in a list (direct or through the style) as
 * its first run; a list or level that is not defined gives no label, unless
 * the producer wrote the label it displayed (2003 wx:t). */
static void S_list_label(dc_wml_reader *R, dc_para *d, dc_wml_para *pc, const dc_wml_style *st,
                         const dc_wml_pprops *pp, const dc_wml_pprops *direct,
                         const dc_wml_rprops *rp)
{
    int ilvl = (pp->set & DC_WML_PARA_LIST_LEVEL) ? pp->ilvl : 0;
    if (!(pp->set & DC_WML_PARA_LIST_LEVEL) && st) {
        /* A style linked from a level (w:lvl/w:pStyle) takes that level. */
        for (int k = 0; k < DC_NUM_LEVELS; k++) {
            const dc_num_level *lk = dc_numbering_level(R->nb, pp->num_id, k);
            if (lk && lk->pstyle && !strcmp(lk->pstyle, st->id)) {
                ilvl = k;
                break;
            }
        }
    }
    dc_buf label = DC_BUF_INIT;
    const char *suff = NULL;
    const dc_num_level *lv = dc_numbering_next(R->nb, pp->num_id, ilvl, &label);
    if (lv) {
        d->list_id = pp->num_id;
        d->list_level = ilvl;
        if (!(pp->set & DC_WML_PARA_INDENT_LEFT) && lv->has_ind)
            d->ind_left = lv->ind_left;
        suff = lv->suffix ? lv->suffix : "tab";
    } else if (direct->list_hint && *direct->list_hint) {
        /* The list is not defined: show the label the producer displayed. */
        d->list_id = pp->num_id;
        d->list_level = ilvl >= 0 && ilvl < DC_NUM_LEVELS ? ilvl : 0;
        dc_buf_puts(&label, direct->list_hint);
        suff = direct->list_hint_tab ? "tab" : "nothing";
    }
    if (label.len) {
        size_t core = label.len;
        if (!strcmp(suff, "tab"))
            dc_buf_putc(&label, '\t');
        else if (!strcmp(suff, "space"))
            dc_buf_putc(&label, ' ');
        dc_node *run = dc_node_new(R->doc, DC_NODE_RUN);
        dc_run *r = &run->as.run;
        dc_wml_fmt_from(r, rp);
        if (lv && lv->rpr.bold)
            r->bold = 1;
        if (lv && lv->rpr.size)
            r->size = lv->rpr.size;
        if (lv && lv->rpr.font_ea)
            r->font_ea = lv->rpr.font_ea;
        r->is_label = 1;
        r->text = dc_doc_strndup(R->doc, label.data, label.len);
        r->len = label.len;
        /* the label without its suffix, for writers and the recognizer */
        while (core && (label.data[core - 1] == '\t' || label.data[core - 1] == ' '))
            core--;
        d->list_label = dc_doc_strndup(R->doc, label.data, core);
        dc_paragraph_builder_node(&pc->pb, run);
    }
    dc_buf_free(&label);
}

static const dc_page_setup *S_section(dc_wml_reader *R, const xmlNode *sect);

static void S_paragraph(dc_wml_reader *R, const xmlNode *p, dc_node *parent, int in_textbox)
{
    if (dc_wml_limit_hit(R))
        return;
    dc_xns W = R->D->ns;
    const xmlNode *ppr = dc_xml_child(p, W, "pPr");
    dc_wml_style *st = NULL;
    if (ppr)
        st = dc_wml_style_find(R, dc_xml_child_val(ppr, W, "pStyle"));
    if (st && st->type != DC_WML_ST_PARA)
        st = NULL;
    if (!st)
        st = R->default_para;

    dc_wml_pprops pp = R->doc_pp;
    dc_wml_rprops rp = R->doc_rp;
    if (st) {
        S_merge_pp(&pp, &st->pp);
        S_merge_rp(&rp, &st->rp);
    }
    dc_wml_pprops direct;
    memset(&direct, 0, sizeof direct);
    if (ppr) {
        dc_wml_apply_ppr(R, &direct, ppr);
        S_merge_pp(&pp, &direct);
    }

    dc_node *para = dc_node_new(R->doc, DC_NODE_PARAGRAPH);
    dc_para *d = &para->as.para;
    d->style_id = st ? st->id : NULL;
    d->style_name = st ? st->name : NULL;
    d->align = (pp.set & DC_WML_PARA_ALIGN) ? pp.jc : DC_ALIGN_NONE;
    d->ind_left = pp.ind_left;
    d->ind_right = pp.ind_right;
    d->ind_first = pp.ind_first;
    d->ind_first_chars = pp.ind_first_chars;
    d->space_before = pp.space_before;
    d->space_after = pp.space_after;
    d->line = (pp.set & DC_WML_PARA_LINE_SPACING) ? pp.line : 240;
    d->line_rule = pp.line_rule;
    d->keep_next = pp.keep_next ? 1 : 0;
    d->page_break_before = pp.page_break_before ? 1 : 0;
    d->in_textbox = in_textbox ? 1 : 0;
    d->font_size = rp.sz;
    d->is_title = st && st->is_title;
    d->is_caption = st && st->is_caption;
    int has_outline = (pp.set & DC_WML_PARA_OUTLINE_LEVEL) != 0;
    d->outline_level = has_outline && pp.outline >= 0 && pp.outline < 9 ? pp.outline : -1;
    int level = st ? st->heading_level : 0;
    if (!level && d->outline_level >= 0)
        level = d->outline_level + 1;
    if (level > 0 && !(has_outline && (pp.outline < 0 || pp.outline >= 9))) {
        para->type = DC_NODE_HEADING;
        d->heading_level = level;
        if (d->outline_level < 0)
            d->outline_level = level - 1;
    }

    dc_wml_para pc;
    memset(&pc, 0, sizeof pc);
    dc_paragraph_builder_begin(&pc.pb, R->doc, para);
    /* w:numId / w:ilfo 0 means "no list" */
    if ((pp.set & DC_WML_PARA_NUM_ID) && pp.num_id > 0)
        S_list_label(R, d, &pc, st, &pp, &direct, &rp);
    S_inlines(R, p, &pc, &rp);
    dc_paragraph_builder_end(&pc.pb);
    dc_node_append(parent, para);

    /* Text boxes anchored here follow as blocks. */
    for (size_t i = 0; i < pc.nboxes; i++) {
        int saved_fields = R->nfields, saved_instr = R->instr_open;
        dc_wml_blocks(R, pc.boxes[i], parent, 1);
        R->nfields = saved_fields;
        R->instr_open = saved_instr;
    }
    free(pc.boxes);

    /* A section ends with this paragraph. */
    const xmlNode *sect = ppr ? dc_xml_child(ppr, W, "sectPr") : NULL;
    if (sect && parent == R->doc->root) {
        dc_node *b = dc_node_new(R->doc, DC_NODE_BREAK);
        b->as.brk.kind = DC_BREAK_SECTION;
        b->as.brk.page_setup = S_section(R, sect);
        dc_node_append(parent, b);
    }
}

/* ------------------------------------------------------------------------
 * Sections
 * ------------------------------------------------------------------------ */

/* A section's page setup from its w:sectPr (both dialects spell it alike):
 * w:pgSz (w, h, orient), w:pgMar (top, bottom, left, right), w:type. */
static const dc_page_setup *S_section(dc_wml_reader *R, const xmlNode *sect)
{
    dc_xns W = R->D->ns;
    if (!sect)
        return NULL;
    dc_page_setup *s = dc_arena_alloc(&R->doc->arena, sizeof *s);
    const xmlNode *sz = dc_xml_child(sect, W, "pgSz");
    if (sz) {
        s->page_width = S_extent(R, S_twips(R, dc_xml_attr(sz, W, "w"), 0));
        s->page_height = S_extent(R, S_twips(R, dc_xml_attr(sz, W, "h"), 0));
        const char *o = dc_xml_attr(sz, W, "orient");
        s->landscape = (o && !strcmp(o, "landscape")) ||
                       (s->page_width > 0 && s->page_width > s->page_height);
    }
    const xmlNode *mar = dc_xml_child(sect, W, "pgMar");
    if (mar) {
        /* top and bottom may be negative (text may overlap the header):
         * the distance is what counts */
        s->margin_top = abs(S_twips(R, dc_xml_attr(mar, W, "top"), 0));
        s->margin_bottom = abs(S_twips(R, dc_xml_attr(mar, W, "bottom"), 0));
        s->margin_left = S_extent(R, S_twips(R, dc_xml_attr(mar, W, "left"), 0));
        s->margin_right = S_extent(R, S_twips(R, dc_xml_attr(mar, W, "right"), 0));
    }
    const char *type = S_wval(R, dc_xml_child(sect, W, "type"));
    s->continuous = type && !strcmp(type, "continuous");
    return s;
}

/* ------------------------------------------------------------------------
 * Tables
 * ------------------------------------------------------------------------ */

typedef struct {
    dc_node *cell;
    dc_wml_borders own;   /* w:tcBorders */
} S_cell_borders;

typedef struct {
    S_cell_borders *v;
    size_t n, cap;
} S_cb_list;

static int S_merge_mark(const dc_wml_reader *R, const xmlNode *m)
{
    const char *v = S_wval(R, m);
    return v && !strcmp(v, "restart") ? DC_MERGE_RESTART : DC_MERGE_CONTINUE;
}

static void S_cell(dc_wml_reader *R, const xmlNode *tc, dc_node *row, S_cb_list *cbl)
{
    dc_xns W = R->D->ns;
    dc_node *cell = dc_node_new(R->doc, DC_NODE_CELL);
    dc_cell *c = &cell->as.cell;
    dc_wml_borders own;
    S_borders_unset(&own);
    const xmlNode *pr = dc_xml_child(tc, W, "tcPr");
    if (pr) {
        int span = dc_xml_int(dc_xml_child_val(pr, W, "gridSpan"), 1);
        c->col_span = span >= 1 && span <= 1000 ? span : 1;
        const xmlNode *vm = dc_xml_child(pr, W, R->D->w2003 ? "vmerge" : "vMerge");
        if (vm)
            c->vmerge = S_merge_mark(R, vm);
        const xmlNode *hm = dc_xml_child(pr, W, R->D->w2003 ? "hmerge" : "hMerge");
        if (hm)
            c->hmerge = S_merge_mark(R, hm);
        const xmlNode *w = dc_xml_child(pr, W, "tcW");
        if (w) {
            const char *type = dc_xml_attr(w, W, "type");
            if (!type || !strcmp(type, "dxa"))
                c->width = S_twips(R, dc_xml_attr(w, W, "w"), 0);
            c->width = S_extent(R, c->width);
        }
        const char *va = dc_xml_child_val(pr, W, "vAlign");
        c->valign = va && !strcmp(va, "center")   ? DC_VALIGN_CENTER
                    : va && !strcmp(va, "bottom") ? DC_VALIGN_BOTTOM
                                                  : DC_VALIGN_TOP;
        const xmlNode *bx = dc_xml_child(pr, W, "tcBorders");
        if (bx)
            S_apply_borders(R, &own, bx);
        const xmlNode *shd = dc_xml_child(pr, W, "shd");
        uint32_t fill;
        if (shd && S_hex_color(dc_xml_attr(shd, W, "fill"), &fill)) {
            c->fill = fill;
            c->has_fill = 1;
        }
    }
    dc_wml_blocks(R, tc, cell, 0);
    dc_node_append(row, cell);
    DC_GROW(cbl->v, cbl->n, cbl->cap, 32);
    cbl->v[cbl->n].cell = cell;
    cbl->v[cbl->n].own = own;
    cbl->n++;
}

static void S_cells(dc_wml_reader *R, const xmlNode *parent, dc_node *row, S_cb_list *cbl)
{
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (dc_wml_limit_hit(R))
            return;
        if (dc_xml_is(c, R->D->ns, "tc")) {
            S_cell(R, c, row, cbl);
        } else {
            const xmlNode *in = R->D->unwrap(c, DC_WML_CELL);
            if (in)
                S_cells(R, in, row, cbl);
        }
    }
}

static void S_row_props(dc_wml_reader *R, const xmlNode *pr, dc_row *row)
{
    dc_xns W = R->D->ns;
    const xmlNode *h = dc_xml_child(pr, W, "tblHeader");
    row->header = h ? S_onoff(R, h) : 0;
    const xmlNode *cs = dc_xml_child(pr, W, "cantSplit");
    row->cant_split = cs ? S_onoff(R, cs) : 0;
    const xmlNode *ht = dc_xml_child(pr, W, "trHeight");
    if (ht) {
        row->height = S_extent(R, S_twips(R, S_wval(R, ht), 0));
        const char *rule = S_attr(R, ht, "hRule", "h-rule", NULL);
        row->height_exact = rule && !strcmp(rule, "exact");
    }
    int gb = dc_xml_int(dc_xml_child_val(pr, W, "gridBefore"), 0);
    int ga = dc_xml_int(dc_xml_child_val(pr, W, "gridAfter"), 0);
    row->grid_before = gb > 0 && gb < 1000 ? gb : 0;
    row->grid_after = ga > 0 && ga < 1000 ? ga : 0;
}

static void S_rows(dc_wml_reader *R, const xmlNode *parent, dc_node *table, S_cb_list *cbl)
{
    dc_xns W = R->D->ns;
    for (const xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (dc_wml_limit_hit(R))
            return;
        if (dc_xml_is(c, W, "tr")) {
            dc_node *row = dc_node_new(R->doc, DC_NODE_ROW);
            const xmlNode *pr = dc_xml_child(c, W, "trPr");
            if (pr) {
                if (!R->D->w2003 && dc_xml_child(pr, W, "del"))
                    continue;   /* a deleted row (tracked change) */
                S_row_props(R, pr, &row->as.row);
            }
            S_cells(R, c, row, cbl);
            dc_node_append(table, row);
        } else {
            const xmlNode *in = R->D->unwrap(c, DC_WML_ROW);
            if (in)
                S_rows(R, in, table, cbl);
        }
    }
}

static void S_table(dc_wml_reader *R, const xmlNode *tbl, dc_node *parent)
{
    if (dc_wml_limit_hit(R))
        return;
    dc_xns W = R->D->ns;
    dc_node *table = dc_node_new(R->doc, DC_NODE_TABLE);
    dc_table *t = &table->as.table;
    t->nested_depth = R->table_depth;

    dc_wml_borders borders;
    S_borders_unset(&borders);
    const xmlNode *pr = dc_xml_child(tbl, W, "tblPr");
    dc_wml_style *st = NULL;
    if (pr)
        st = dc_wml_style_find(R, dc_xml_child_val(pr, W, "tblStyle"));
    if (!st)
        st = R->default_table;
    if (st && st->type == DC_WML_ST_TABLE)
        borders = st->borders;
    if (pr) {
        t->style_id = st ? st->id : NULL;
        const xmlNode *w = dc_xml_child(pr, W, "tblW");
        if (w) {
            const char *type = dc_xml_attr(w, W, "type");
            if (!type || !strcmp(type, "dxa"))
                t->width = S_twips(R, dc_xml_attr(w, W, "w"), 0);
            t->width = S_extent(R, t->width);
        }
        t->align = S_align(R, dc_xml_child_val(pr, W, "jc"));
        const xmlNode *ind = dc_xml_child(pr, W, "tblInd");
        if (ind)
            t->indent = S_twips(R, dc_xml_attr(ind, W, "w"), 0);
        const xmlNode *bx = dc_xml_child(pr, W, "tblBorders");
        if (bx)
            S_apply_borders(R, &borders, bx);
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
            if (dc_xml_is(g, W, "gridCol"))
                t->grid[i++] = S_extent(R, S_twips(R, dc_xml_attr(g, W, "w"), 0));
        t->ncols = ncols;
    }

    R->table_depth++;
    S_cb_list cbl = {0};
    S_rows(R, tbl, table, &cbl);
    R->table_depth--;
    if (R->D->table_rows && !R->stop)
        R->D->table_rows(R, table);
    dc_table_finish(R->doc, table);

    /* Borders: table edges outside, inside lines between cells, then the
     * cell's own w:tcBorders. */
    for (size_t i = 0; i < cbl.n; i++) {
        dc_node *cell = cbl.v[i].cell;
        if (!cell->parent)
            continue;   /* a merged continuation, gone */
        dc_cell *c = &cell->as.cell;
        const signed char *e = borders.edge;
        int top = c->row == 0 ? e[DC_WML_E_TOP] : e[DC_WML_E_INSIDE_H];
        int bottom = c->row + c->row_span >= t->nrows ? e[DC_WML_E_BOTTOM]
                                                     : e[DC_WML_E_INSIDE_H];
        int left = c->col == 0 ? e[DC_WML_E_LEFT] : e[DC_WML_E_INSIDE_V];
        int right = c->col + c->col_span >= t->ncols ? e[DC_WML_E_RIGHT]
                                                     : e[DC_WML_E_INSIDE_V];
        const signed char *own = cbl.v[i].own.edge;
        if (own[DC_WML_E_TOP] >= 0) top = own[DC_WML_E_TOP];
        if (own[DC_WML_E_BOTTOM] >= 0) bottom = own[DC_WML_E_BOTTOM];
        if (own[DC_WML_E_LEFT] >= 0) left = own[DC_WML_E_LEFT];
        if (own[DC_WML_E_RIGHT] >= 0) right = own[DC_WML_E_RIGHT];
        c->borders = (top > 0 ? DC_BORDER_TOP : 0) | (bottom > 0 ? DC_BORDER_BOTTOM : 0) |
                     (left > 0 ? DC_BORDER_LEFT : 0) | (right > 0 ? DC_BORDER_RIGHT : 0);
    }
    free(cbl.v);
    dc_node_append(parent, table);
}

/* ------------------------------------------------------------------------
 * Blocks
 * ------------------------------------------------------------------------ */

int dc_wml_block(dc_wml_reader *R, const xmlNode *c, dc_node *parent, int in_textbox)
{
    dc_xns W = R->D->ns;
    if (R->stop)
        return 1;
    if (dc_xml_is(c, W, "p")) {
        S_paragraph(R, c, parent, in_textbox);
    } else if (dc_xml_is(c, W, "tbl")) {
        S_table(R, c, parent);
    } else if (dc_xml_is(c, W, "sectPr")) {
        /* the body's last section (headers and footers are not read) */
        if (parent == R->doc->root)
            R->doc->last_page_setup = S_section(R, c);
    } else {
        /* lists, styles: not body text */
        const xmlNode *in = R->D->unwrap(c, DC_WML_BLOCK);
        if (in)
            dc_wml_blocks(R, in, parent, in_textbox);
    }
    return R->stop || R->err->code;
}

void dc_wml_blocks(dc_wml_reader *R, const xmlNode *container, dc_node *parent,
                   int in_textbox)
{
    for (const xmlNode *c = dc_xml_first_elem(container); c; c = dc_xml_next_elem(c))
        if (dc_wml_block(R, c, parent, in_textbox))
            return;
}

/* ------------------------------------------------------------------------
 * The reader
 * ------------------------------------------------------------------------ */

void dc_wml_reader_init(dc_wml_reader *R, const dc_wml_dialect *D, const dc_limits *lim,
                        dc_error *err)
{
    memset(R, 0, sizeof *R);
    R->D = D;
    R->doc = dc_doc_new();
    R->lim = lim;
    R->err = err;
    R->nb = dc_numbering_new(R->doc);
}

void dc_wml_reader_free(dc_wml_reader *R)
{
    for (int i = 0; i < DC_WML_MAX_FIELDS; i++)
        dc_buf_free(&R->fields[i].instr);
    free(R->styles);
    R->styles = NULL;
    R->nstyles = 0;
    dc_numbering_free(R->nb);
    R->nb = NULL;
}

void dc_wml_read_meta(dc_doc *doc, const xmlNode *props, const char *const names[8])
{
    dc_meta *m = &doc->meta;
    m->title = dc_wml_child_text(doc, props, names[0]);
    m->subject = dc_wml_child_text(doc, props, names[1]);
    m->creator = dc_wml_child_text(doc, props, names[2]);
    m->keywords = dc_wml_child_text(doc, props, names[3]);
    m->description = dc_wml_child_text(doc, props, names[4]);
    m->last_modified_by = dc_wml_child_text(doc, props, names[5]);
    m->created = dc_wml_child_text(doc, props, names[6]);
    m->modified = dc_wml_child_text(doc, props, names[7]);
}

const char *dc_wml_child_text(dc_doc *doc, const xmlNode *parent, const char *local)
{
    for (xmlNode *c = dc_xml_first_elem(parent); c; c = dc_xml_next_elem(c)) {
        if (strcmp((const char *)c->name, local) != 0)
            continue;
        dc_buf b = DC_BUF_INIT;
        dc_xml_text(c, &b);
        const char *s = b.len ? dc_doc_strdup(doc, b.data) : NULL;
        dc_buf_free(&b);
        return s;
    }
    return NULL;
}
