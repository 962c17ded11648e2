/*
 * pdf_layout.c - typesetting in the GB/T 9704-2012 layout (see pdf_layout.h
 * and docs/pdf.md).
 *
 * Body text flows on a fixed line grid; tables are laid out row by row and
 * paginated: a row that does not fit moves to the next page when it would
 * fit there, else it is split between text lines; header rows repeat on
 * every page a table continues on.  Cell contents are "blocks": display
 * items relative to the block's top-left, with the positions where the
 * block may be cut (between text lines), so rows holding nested tables split
 * like any other.  A table too wide for any page is split column-wise into
 * parts that repeat its key columns.  Footnotes are laid out as blocks too
 * and set at the foot of the page of their reference, whose room for the
 * body shrinks by their height.
 *
 * SPDX-License-Identifier: MIT
 */
#include "pdf_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts/linebreak.h"
#include "model/amount.h"
#include "model/table_view.h"

#define S_MM (72.0f / 25.4f)
#define S_EPS 0.01f
#define S_RULE 0.5f             /* table border width */
#define S_ASC 0.88f             /* ideographic em box: 0.88 above the baseline */

/* A page and its text area in millimetres, on the official 28.95 pt grid. */
static void S_geometry_mm(dc_layout_geometry *g, float page_width, float page_height,
                          float left, float top, float text_width, float text_height)
{
    g->page_width = page_width * S_MM;
    g->page_height = page_height * S_MM;
    g->left = left * S_MM;
    g->top = top * S_MM;
    g->text_width = text_width * S_MM;
    g->text_height = text_height * S_MM;
    g->line_pitch = 28.95f;
}

void dc_layout_geometry_official(dc_layout_geometry *g)
{
    S_geometry_mm(g, 210, 297, 28, 37, 156, 225);
}

void dc_layout_geometry_landscape(dc_layout_geometry *g)
{
    S_geometry_mm(g, 297, 210, 37, 26, 225, 156);
}

/* ---- display lists -------------------------------------------------------- */

static dc_item *S_item(dc_page *p, dc_item_kind kind, uint64_t order)
{
    DC_GROW(p->items, p->nitems, p->capitems, 64);
    dc_item *it = &p->items[p->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->order = order;
    it->face = -1;
    return it;
}

static void S_glyph(dc_page *p, uint32_t cp, uint32_t gid, float x)
{
    DC_GROW(p->glyphs, p->nglyphs, p->capglyphs, 256);
    dc_glyph *g = &p->glyphs[p->nglyphs++];
    g->cp = cp;
    g->gid = gid;
    g->x = x;
}

static void S_line_item(dc_page *p, uint64_t order, float x0, float y0, float x1, float y1,
                        float w)
{
    dc_item *it = S_item(p, DC_ITEM_LINE, order);
    it->x0 = x0;
    it->y0 = y0;
    it->x1 = x1;
    it->y1 = y1;
    it->width = w;
}

static void S_page_free_lists(dc_page *p)
{
    free(p->items);
    free(p->glyphs);
}

/* ---- blocks: laid-out content that may be cut between lines -------------- */

typedef struct {
    float top, bottom;
} S_span;

typedef struct {
    dc_page list;               /* items relative to the block's top-left */
    float height;
    S_span *spans;              /* text line boxes: no cut inside one */
    size_t nspans, capspans;
    S_span *merged;             /* the line boxes merged where they overlap, ascending;
                                   a cut is allowed anywhere outside them */
    size_t nmerged;
} S_block;

static void S_block_span(S_block *b, float top, float bottom)
{
    DC_GROW(b->spans, b->nspans, b->capspans, 16);
    b->spans[b->nspans].top = top;
    b->spans[b->nspans].bottom = bottom;
    b->nspans++;
}

static void S_block_free(S_block *b)
{
    S_page_free_lists(&b->list);
    free(b->spans);
    free(b->merged);
    memset(b, 0, sizeof *b);
}

static int S_span_cmp(const void *a, const void *b)
{
    const S_span *x = a, *y = b;
    if (x->top != y->top)
        return x->top < y->top ? -1 : 1;
    return x->bottom < y->bottom ? -1 : x->bottom > y->bottom;
}

/* Merges the line boxes: a block may be cut anywhere outside them. */
static void S_block_finish(S_block *b)
{
    free(b->merged);
    b->merged = NULL;
    b->nmerged = 0;
    if (!b->nspans)
        return;
    S_span *s = dc_xmalloc(b->nspans * sizeof *s);
    memcpy(s, b->spans, b->nspans * sizeof *s);
    qsort(s, b->nspans, sizeof *s, S_span_cmp);
    size_t m = 0;
    for (size_t i = 0; i < b->nspans; i++) {
        if (m > 0 && s[i].top < s[m - 1].bottom - S_EPS) {
            if (s[i].bottom > s[m - 1].bottom)
                s[m - 1].bottom = s[i].bottom;
            continue;
        }
        s[m++] = s[i];
    }
    b->merged = s;
    b->nmerged = m;
}

/* The merged line box that `y` falls strictly inside, or NULL. */
static const S_span *S_block_inside(const S_block *b, float y)
{
    size_t lo = 0, hi = b->nmerged;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->merged[mid].bottom <= y + S_EPS)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < b->nmerged && b->merged[lo].top < y - S_EPS && b->merged[lo].bottom > y + S_EPS)
        return &b->merged[lo];
    return NULL;
}

/* The furthest allowed cut in (from, limit]: limit itself unless it falls
 * inside a line, then that line's top; `from` when no cut makes progress. */
static float S_block_cut(const S_block *b, float from, float limit)
{
    if (limit >= b->height - S_EPS)
        return b->height;
    const S_span *in = S_block_inside(b, limit);
    float c = in ? in->top : limit;
    return c > from + S_EPS ? c : from;
}

/* A cut past `from` however much it needs (to force progress): the end of
 * the line starting at or containing `from`. */
static float S_block_next_cut(const S_block *b, float from)
{
    for (size_t i = 0; i < b->nmerged; i++)
        if (b->merged[i].bottom > from + S_EPS)
            return b->merged[i].bottom;
    return b->height;
}

/* Copies the slice [a, b] of src into dst, moved by (dx, dy - a); spans go
 * along when dst_block is given.  Items get `order` unless it is 0. */
static void S_copy_slice(dc_page *dst, S_block *dst_block, const S_block *src, float a, float b,
                         float dx, float dy, uint64_t order, int *face_used)
{
    float sh = dy - a;
    for (size_t i = 0; i < src->list.nitems; i++) {
        const dc_item *it = &src->list.items[i];
        uint64_t ord = order ? order : it->order;
        if (it->kind == DC_ITEM_TEXT || it->kind == DC_ITEM_LINK) {
            if (it->y0 < a - S_EPS || it->y1 > b + S_EPS)
                continue;
            dc_item *n = S_item(dst, it->kind, ord);
            *n = *it;                   /* a link's y is unused: moving it is harmless */
            n->order = ord;
            n->x0 += dx;
            n->x1 += dx;
            n->y += sh;
            n->y0 += sh;
            n->y1 += sh;
            if (it->kind == DC_ITEM_LINK)
                continue;
            n->first = dst->nglyphs;
            for (size_t k = 0; k < it->count; k++) {
                const dc_glyph *g = &src->list.glyphs[it->first + k];
                S_glyph(dst, g->cp, g->gid, g->x + dx);
            }
            if (face_used && it->face >= 0)
                face_used[it->face] = 1;
        } else if (it->kind == DC_ITEM_LINE) {
            float y0 = it->y0, y1 = it->y1;
            if (fabsf(y0 - y1) < S_EPS) {
                if (y0 < a - S_EPS || y0 > b + S_EPS)
                    continue;
            } else {
                int up = y0 > y1;
                float lo = up ? y1 : y0, hi = up ? y0 : y1;
                if (hi < a + S_EPS || lo > b - S_EPS)
                    continue;
                if (lo < a)
                    lo = a;
                if (hi > b)
                    hi = b;
                y0 = up ? hi : lo;
                y1 = up ? lo : hi;
            }
            S_line_item(dst, ord, it->x0 + dx, y0 + sh, it->x1 + dx, y1 + sh, it->width);
        } else {
            float y0 = it->y0 < a ? a : it->y0, y1 = it->y1 > b ? b : it->y1;
            if (y1 <= y0 + S_EPS)
                continue;
            dc_item *n = S_item(dst, DC_ITEM_FILL, ord);
            *n = *it;
            n->order = ord;
            n->x0 += dx;
            n->x1 += dx;
            n->y0 = y0 + sh;
            n->y1 = y1 + sh;
        }
    }
    if (dst_block)
        for (size_t i = 0; i < src->nspans; i++)
            if (src->spans[i].top >= a - S_EPS && src->spans[i].bottom <= b + S_EPS)
                S_block_span(dst_block, src->spans[i].top + sh, src->spans[i].bottom + sh);
}

/* ---- context ------------------------------------------------------------------ */

typedef struct S_table S_table;

typedef struct {
    const dc_doc *doc;
    const dc_fontset *fs;
    dc_layout *L;
    dc_layout_geometry g;       /* the current page's geometry */
    dc_layout_geometry want;    /* the geometry the next page gets */
    dc_layout_geometry sect;    /* the current section's geometry */
    float grid_h;               /* the lines of the grid that fit the text block */
    float track;                /* tracking of 3号 text on the 28-character grid */
    size_t pi;                  /* current page */
    float o;                    /* offset below the text block's top */
    uint64_t seq;
    int seen_text;              /* some visible text was placed */
    int last_heading_level;
    uint32_t *missing;
    size_t nmissing, capmissing;
    unsigned char *missing_bits;   /* which characters are in missing[] */
    const dc_node *prep_node;   /* a table prepared ahead (keep-with-next) */
    S_table *prep;
    int prep_landscape;         /* prep is laid out for landscape pages */
    const dc_node *sect_end;    /* the section break ending the current section, or NULL */
    /* footnotes (S_fnote, below): the document's, by id; the current
     * page's, at its foot; those that did not fit and go to the next page */
    struct S_fnote *fn;
    size_t nfn;
    struct S_fn_key *fn_by_id;
    size_t *pnotes, npnotes, cappnotes;
    size_t *carry, ncarry, capcarry;
    float foot;                 /* height of the current page's footnote area, 0 = none */
    size_t finished;            /* pages finished (S_page_finish), from the first */
    dc_page_done_fn page_done;  /* the caller's: each finished page */
    void *page_done_ctx;
} S_ctx;

static void S_foot_flush(S_ctx *c);
static void S_foot_carry(S_ctx *c);
static void S_page_finish(S_ctx *c, size_t p);

static dc_page *S_cur(S_ctx *c)
{
    return &c->L->pages[c->pi];
}

static void S_set_geometry(S_ctx *c, const dc_layout_geometry *g)
{
    c->g = *g;
    c->grid_h = floorf(g->text_height / g->line_pitch + 0.001f) * g->line_pitch;
    if (c->L->npages)
        c->L->pages[c->pi].geo = *g;
}

static void S_new_page(S_ctx *c)
{
    dc_layout *L = c->L;
    if (L->npages) {
        S_foot_flush(c);
        S_page_finish(c, c->pi);   /* nothing more goes on it */
    }
    L->pages = dc_xrealloc(L->pages, (L->npages + 1) * sizeof *L->pages);
    memset(&L->pages[L->npages], 0, sizeof *L->pages);
    L->pages[L->npages].number = (int)L->npages + 1;
    c->pi = L->npages++;
    c->o = 0;
    S_set_geometry(c, &c->want);
    S_foot_carry(c);
}

/* The end of the room for body text on the current page: the grid's end
 * above the page's footnotes. */
static float S_bottom(const S_ctx *c)
{
    return c->grid_h - c->foot;
}

/* What follows goes on pages of geometry g: a new page when the current one
 * has another orientation and holds something, else the current page turns. */
static void S_use_geometry(S_ctx *c, const dc_layout_geometry *g)
{
    c->want = *g;
    if (fabsf(c->g.page_width - g->page_width) < S_EPS)
        return;
    if (c->o > S_EPS || S_cur(c)->nitems > 0)
        S_new_page(c);
    else
        S_set_geometry(c, g);
}

static void S_missing(S_ctx *c, uint32_t cp)
{
    if (cp > 0x10FFFF)
        return;
    if (!c->missing_bits)
        c->missing_bits = dc_xcalloc(0x110000 / 8, 1);
    if (c->missing_bits[cp >> 3] & (1u << (cp & 7)))
        return;
    c->missing_bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
    DC_GROW(c->missing, c->nmissing, c->capmissing, 16);
    c->missing[c->nmissing++] = cp;
}

/* ---- footnotes: found by id; laid out and placed in the footnote section ---- */

typedef struct S_fnote {
    const dc_node *node;
    S_block block;              /* the note at the portrait text width, laid out when first
                                   referenced */
    int laid;
    int state;                  /* 0 not referenced yet, 1 at the foot of a page (or carried
                                   to the next), 2 set at the end (too tall for a foot) */
} S_fnote;

typedef struct S_fn_key {
    const char *id;
    size_t index;
} S_fn_key;

static int S_fn_id_cmp(const void *a, const void *b)
{
    const S_fn_key *x = a, *y = b;
    int d = strcmp(x->id, y->id);
    if (d)
        return d;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The document's footnotes, indexed by id. */
static void S_fn_init(S_ctx *c)
{
    if (!c->doc || !c->doc->notes)
        return;
    size_t n = 0;
    for (const dc_node *b = c->doc->notes->first_child; b; b = b->next)
        n += b->type == DC_NODE_NOTE && b->as.note.kind == DC_NOTE_FOOTNOTE;
    if (!n)
        return;
    c->fn = dc_xcalloc(n, sizeof *c->fn);
    c->fn_by_id = dc_xmalloc(n * sizeof *c->fn_by_id);
    for (const dc_node *b = c->doc->notes->first_child; b; b = b->next)
        if (b->type == DC_NODE_NOTE && b->as.note.kind == DC_NOTE_FOOTNOTE) {
            c->fn[c->nfn].node = b;
            c->fn_by_id[c->nfn].id = b->as.note.id ? b->as.note.id : "";
            c->fn_by_id[c->nfn].index = c->nfn;
            c->nfn++;
        }
    qsort(c->fn_by_id, c->nfn, sizeof *c->fn_by_id, S_fn_id_cmp);
}

/* 1 + the index of the footnote with this id (the first, if several), 0 when none. */
static size_t S_fn_find(const S_ctx *c, const char *id)
{
    size_t lo = 0, hi = c->nfn;
    if (!id)
        return 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(c->fn_by_id[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->nfn && !strcmp(c->fn_by_id[lo].id, id))
        return c->fn_by_id[lo].index + 1;
    return 0;
}

/* ---- text -------------------------------------------------------------------- */

typedef struct {
    int role;                   /* dc_font_role */
    float size;
    float track;                /* added to the advance of wide characters */
    int bold;                   /* embolden everything */
    int run_bold;               /* honour bold runs */
} S_style;

typedef struct {
    uint32_t cp, gid;
    int face;                   /* -1: not drawn */
    float size, rise;
    const char *link;           /* the hyperlink's target, or NULL */
    size_t note;                /* a footnote's reference mark: 1 + its index in c->fn */
    unsigned bold : 1, underline : 1, strike : 1, pagebreak : 1;
} S_char;

typedef struct {
    S_char *ch;
    dc_lb_unit *u;
    unsigned char *gap;
    size_t n, cap;
} S_text;

static void S_text_free(S_text *t)
{
    free(t->ch);
    free(t->u);
    free(t->gap);
    memset(t, 0, sizeof *t);
}

static int S_is_space(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

static void S_text_put(S_ctx *c, S_text *t, uint32_t cp, const S_style *st, const dc_run *run)
{
    if (cp == '\r')
        return;
    if (dc_lb_invisible(cp) && cp != 0x200B)
        return;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->ch = dc_xrealloc(t->ch, t->cap * sizeof *t->ch);
        t->u = dc_xrealloc(t->u, t->cap * sizeof *t->u);
    }
    S_char *ch = &t->ch[t->n];
    dc_lb_unit *u = &t->u[t->n];
    t->n++;
    memset(ch, 0, sizeof *ch);
    ch->cp = cp;
    ch->face = -1;
    ch->size = st->size;
    ch->bold = st->bold != 0;
    int wide = dc_cp_is_wide(cp);
    if (run) {
        if (run->vert == DC_VERT_SUPER) {
            ch->size = st->size * 0.6f;
            ch->rise = st->size * 0.35f;
        } else if (run->vert == DC_VERT_SUB) {
            ch->size = st->size * 0.6f;
            ch->rise = -st->size * 0.12f;
        }
        if (run->bold && st->run_bold)
            ch->bold = 1;
        ch->underline = run->underline;
        ch->strike = run->strike;
        ch->link = run->link;
    }
    u->cp = cp;
    u->adv = 0;
    u->shrink = 0;
    if (cp == '\n' || cp == 0x200B)
        return;
    if (cp == '\t') {
        u->adv = st->size;
        return;
    }
    int f = dc_fontset_pick(c->fs, (dc_font_role)st->role, cp);
    if (f < 0) {
        if (S_is_space(cp)) {
            u->adv = cp == 0x3000 ? ch->size : ch->size * 0.25f;
            return;
        }
        S_missing(c, cp);
        u->adv = wide ? ch->size : ch->size * 0.5f;
        return;
    }
    ch->face = f;
    ch->gid = dc_face_glyph(c->fs->faces[f], cp);
    int w = dc_face_advance(c->fs->faces[f], ch->gid);
    u->adv = (float)w * ch->size / 1000.0f;
    if (wide && ch->size == st->size)
        u->adv += st->track;
    if (u->adv < 0)
        u->adv = 0;
    /* Room a line may give up to take one more character ("push in"):
     * full-width punctuation with its blank half on the right a little more
     * than other wide characters.  Text extractors read glyphs that overlap
     * by more than about a fifth of an em as separate words, so no glyph is
     * pulled further than that over its neighbour. */
    if (dc_lb_compress_kind(cp) == DC_LB_COMPRESS_RIGHT && w >= 900)
        u->shrink = 0.15f * ch->size;
    else if (wide && w >= 900)
        u->shrink = 0.05f * ch->size;
}

static void S_text_utf8(S_ctx *c, S_text *t, const char *s, size_t n, const S_style *st,
                        const dc_run *run)
{
    size_t i = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        S_text_put(c, t, cp, st, run);
        i += adv;
    }
}

/* The paragraph's inlines; inline page breaks become forced line breaks
 * marked to start a new page. */
static void S_text_para(S_ctx *c, S_text *t, const dc_node *p, const S_style *st)
{
    for (const dc_node *in = p->first_child; in; in = in->next) {
        switch (in->type) {
        case DC_NODE_RUN:
            S_text_utf8(c, t, in->as.run.text, in->as.run.len, st, &in->as.run);
            break;
        case DC_NODE_NOTE_REF: {
            size_t before = t->n;
            if (in->as.note.label) {
                dc_run sup;
                memset(&sup, 0, sizeof sup);
                sup.vert = DC_VERT_SUPER;
                S_text_utf8(c, t, in->as.note.label, strlen(in->as.note.label), st, &sup);
            }
            size_t k = in->as.note.kind == DC_NOTE_FOOTNOTE ? S_fn_find(c, in->as.note.id) : 0;
            if (k) {
                /* the footnote goes with the line of its mark (a custom
                 * mark follows as text: with the character before) */
                if (t->n == before && before == 0)
                    S_text_put(c, t, 0x200B, st, NULL);
                t->ch[t->n > before ? before : t->n - 1].note = k;
            }
            break;
        }
        case DC_NODE_BREAK:
            S_text_put(c, t, '\n', st, NULL);
            if (in->as.brk.kind == DC_BREAK_PAGE)
                t->ch[t->n - 1].pagebreak = 1;
            break;
        default:
            break;
        }
    }
}

static void S_text_gaps(S_text *t)
{
    free(t->gap);
    t->gap = dc_xmalloc(t->n ? t->n : 1);
    uint32_t *cps = dc_xmalloc((t->n ? t->n : 1) * sizeof *cps);
    for (size_t i = 0; i < t->n; i++)
        cps[i] = t->ch[i].cp;
    dc_lb_opportunities(cps, t->n, t->gap);
    free(cps);
}

/* A title breaks between words (GB/T 9704 7.3.1: 词意完整): between two
 * ideographs only after a year ("2022年"), after the suffix that ends an
 * office's name (局, 委员会, 办公室, 中心 ...), around the words of a
 * disclosure title (部门 单位 预算 决算 信息 公开 情况 说明 ...) and after
 * 的 和 及 与; elsewhere the gap is kept.  Punctuation and Latin follow the
 * usual rules. */
static int S_title_word_at(const S_text *t, size_t i, size_t *len)
{
    static const char *const words[] = {
        "部门", "单位", "预算", "决算", "信息", "公开", "情况", "说明", "绩效", "自评",
        "政府", "采购", "报告", "整体", "支出", "收入", "项目", "附件", NULL};
    for (int w = 0; words[w]; w++) {
        const char *s = words[w];
        size_t k = 0, j = i, slen = strlen(s);
        while (k < slen && j < t->n) {
            size_t adv;
            uint32_t cp = dc_utf8_decode(s + k, slen - k, &adv);
            if (t->ch[j].cp != cp)
                break;
            k += adv;
            j++;
        }
        if (k == slen) {
            *len = j - i;
            return 1;
        }
    }
    return 0;
}

static void S_title_gaps(S_text *t)
{
    unsigned char *ok = dc_xcalloc(t->n + 1, 1);     /* ok[i]: a word boundary before i */
    static const uint32_t after[] = {
        0x5C40 /* 局 */, 0x59D4 /* 委 */, 0x4F1A /* 会 */, 0x5385 /* 厅 */, 0x9662 /* 院 */,
        0x5BA4 /* 室 */, 0x5FC3 /* 心 */, 0x6240 /* 所 */, 0x7AD9 /* 站 */, 0x961F /* 队 */,
        0x9986 /* 馆 */, 0x6821 /* 校 */, 0x5E9C /* 府 */, 0x7F72 /* 署 */, 0x5904 /* 处 */,
        0x7684 /* 的 */, 0x548C /* 和 */, 0x53CA /* 及 */, 0x4E0E /* 与 */};
    for (size_t i = 1; i < t->n; i++) {
        uint32_t a = t->ch[i - 1].cp;
        if (a == 0x5E74 && i >= 2 && t->ch[i - 2].cp >= '0' && t->ch[i - 2].cp <= '9')
            ok[i] = 1;          /* 2022年 | */
        for (size_t k = 0; k < sizeof after / sizeof after[0]; k++)
            if (a == after[k])
                ok[i] = 1;
        size_t len;
        if (S_title_word_at(t, i, &len)) {
            ok[i] = 1;
            if (i + len <= t->n)
                ok[i + len] = 1;
        }
    }
    for (size_t i = 1; i < t->n; i++)
        if (t->gap[i] == DC_LB_ALLOW && !ok[i] && dc_cp_is_wide(t->ch[i - 1].cp) &&
            dc_cp_is_wide(t->ch[i].cp) && !dc_lb_no_start(t->ch[i].cp) &&
            !dc_lb_no_end(t->ch[i - 1].cp) && t->ch[i - 1].cp > 0x2E80 && t->ch[i].cp > 0x2E80)
            t->gap[i] = DC_LB_KEEP;
    free(ok);
}

/* Width of the longest piece that cannot be broken. */
static float S_text_longest(const S_text *t)
{
    float best = 0, cur = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (i > 0 && t->gap[i] == DC_LB_ALLOW)
            cur = 0;
        if (t->ch[i].cp == '\n' || t->ch[i].cp == ' ' || t->ch[i].cp == '\t') {
            cur = 0;
            continue;
        }
        cur += t->u[i].adv;
        if (cur > best)
            best = cur;
    }
    return best;
}

static int S_text_blank(const S_text *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (!dc_cp_is_space(t->ch[i].cp) && t->ch[i].cp != 0x200B)
            return 0;
    return 1;
}

/* The hyperlinks of one line: an area over the glyphs of each stretch of
 * characters with one target, from the first glyph's left edge to the last
 * one's advance, over the em box of the largest size (a link annotation). */
static void S_emit_links(dc_page *dst, const S_text *t, const dc_lb_line *ln, const float *x,
                         float left, float baseline, uint64_t order)
{
    size_t k = ln->start;
    while (k < ln->end) {
        const char *uri = t->ch[k].link;
        if (!uri || t->ch[k].cp == '\n') {
            k++;
            continue;
        }
        size_t e = k;
        float size = 0, x1 = left + x[k - ln->start];
        while (e < ln->end && t->ch[e].link == uri && t->ch[e].cp != '\n') {
            if (t->ch[e].size > size)
                size = t->ch[e].size;
            if (!S_is_space(t->ch[e].cp) || e == k)
                x1 = left + x[e - ln->start] + t->u[e].adv;
            e++;
        }
        dc_item *it = S_item(dst, DC_ITEM_LINK, order);
        it->x0 = left + x[k - ln->start];
        it->x1 = x1;
        it->y0 = baseline - S_ASC * size;
        it->y1 = baseline + (1 - S_ASC) * size;
        it->uri = uri;
        k = e;
    }
}

/* Emits one line: glyphs grouped into text items by face, size, rise and
 * weight; underlines and strikes as lines; links as link areas.  x[] is
 * relative to `left`. */
static void S_emit_line(S_ctx *c, dc_page *dst, const S_text *t, const dc_lb_line *ln,
                        const float *x, float left, float baseline, float top, float bottom,
                        uint64_t order, int *face_used)
{
    /* the text item being filled, by index: an underline or strike item
       added meanwhile may move the page's items */
    size_t cur_i = SIZE_MAX;
    for (size_t k = ln->start; k < ln->end; k++) {
        const S_char *ch = &t->ch[k];
        float gx = left + x[k - ln->start];
        if (ch->underline || ch->strike) {
            float w = t->u[k].adv;
            if (ch->underline)
                S_line_item(dst, order, gx, baseline + 0.12f * ch->size, gx + w,
                            baseline + 0.12f * ch->size, 0.05f * ch->size);
            if (ch->strike)
                S_line_item(dst, order, gx, baseline - 0.3f * ch->size, gx + w,
                            baseline - 0.3f * ch->size, 0.05f * ch->size);
        }
        if (ch->face < 0 || ch->gid == 0 || ch->cp == '\t' || ch->cp == '\n') {
            cur_i = SIZE_MAX;
            continue;
        }
        dc_item *cur = cur_i != SIZE_MAX ? &dst->items[cur_i] : NULL;
        if (!cur || cur->face != ch->face || cur->size != ch->size ||
            cur->y != baseline - ch->rise || cur->bold != ch->bold) {
            cur = S_item(dst, DC_ITEM_TEXT, order);
            cur_i = (size_t)(cur - dst->items);
            cur->face = ch->face;
            cur->size = ch->size;
            cur->y = baseline - ch->rise;
            cur->bold = ch->bold;
            cur->x0 = gx;
            cur->y0 = top;
            cur->y1 = bottom;
            cur->first = dst->nglyphs;
            if (face_used)
                face_used[ch->face] = 1;
        }
        S_glyph(dst, ch->cp, ch->gid, gx);
        cur->count++;
        cur->x1 = gx + t->u[k].adv;
    }
    S_emit_links(dst, t, ln, x, left, baseline, order);
    (void)c;
}

static float S_line_size(const S_text *t, const dc_lb_line *ln, float dflt)
{
    float s = 0;
    for (size_t k = ln->start; k < ln->end; k++)
        if (t->ch[k].size > s && t->ch[k].rise == 0)
            s = t->ch[k].size;
    return s > 0 ? s : dflt;
}

/* ---- paragraph kinds ------------------------------------------------------------ */

typedef enum { K_BODY = 0, K_TITLE, K_H1, K_H2, K_H3, K_CAPTION, K_NOTE, K_UNIT } S_kind;

static int S_is_cn_numeral(uint32_t cp)
{
    static const char *const digits = "一二三四五六七八九十百零〇两";
    size_t i = 0, n = strlen(digits);
    while (i < n) {
        size_t adv;
        if (dc_utf8_decode(digits + i, n - i, &adv) == cp)
            return 1;
        i += adv;
    }
    return 0;
}

/* The first characters of a paragraph's visible text (at most max). */
static size_t S_head_cps(const dc_node *p, uint32_t *out, size_t max, size_t *total)
{
    dc_buf b = DC_BUF_INIT;
    dc_node_text(p, &b);
    size_t n = 0, i = 0, all = 0;
    while (i < b.len) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(b.data + i, b.len - i, &adv);
        i += adv;
        if (n == 0 && dc_cp_is_space(cp))
            continue;
        if (n < max)
            out[n++] = cp;
        all++;
    }
    dc_buf_free(&b);
    *total = all;
    return n;
}

/* 1 for "一、" and "第一部分", 2 for "（一）", 3 for "1." "1、" "（1）", 0 otherwise. */
static int S_label_level(const uint32_t *cp, size_t n)
{
    size_t i = 0;
    if (n >= 4 && cp[0] == 0x7B2C && S_is_cn_numeral(cp[1])) {      /* 第 */
        for (i = 1; i < n && S_is_cn_numeral(cp[i]); i++)
            ;
        return i + 1 < n && cp[i] == 0x90E8 && cp[i + 1] == 0x5206;  /* 部分 */
    }
    if (n >= 2 && S_is_cn_numeral(cp[0])) {
        while (i < n && S_is_cn_numeral(cp[i]))
            i++;
        if (i < n && (cp[i] == 0x3001 || cp[i] == 0xFF0E || cp[i] == '.'))
            return 1;
        return 0;
    }
    if (n >= 3 && (cp[0] == 0xFF08 || cp[0] == '(')) {
        i = 1;
        int cn = i < n && S_is_cn_numeral(cp[i]);
        while (i < n && (cn ? S_is_cn_numeral(cp[i]) : (cp[i] >= '0' && cp[i] <= '9')))
            i++;
        if (i > 1 && i < n && (cp[i] == 0xFF09 || cp[i] == ')'))
            return cn ? 2 : 3;
        return 0;
    }
    if (n >= 2 && ((cp[0] >= '0' && cp[0] <= '9') || (cp[0] >= 0xFF10 && cp[0] <= 0xFF19))) {
        while (i < n && ((cp[i] >= '0' && cp[i] <= '9') || (cp[i] >= 0xFF10 && cp[i] <= 0xFF19)))
            i++;
        if (i < n && (cp[i] == 0x3001 || cp[i] == 0xFF0E || cp[i] == '.') &&
            !(i + 1 < n && cp[i + 1] >= '0' && cp[i + 1] <= '9'))
            return 3;
    }
    return 0;
}

static int S_max_run_size(const dc_node *p)
{
    int m = 0;
    for (const dc_node *in = p->first_child; in; in = in->next)
        if (in->type == DC_NODE_RUN && in->as.run.size > m)
            m = in->as.run.size;
    return m;
}

static int S_has_sentence_end(const uint32_t *cp, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (cp[i] == 0x3002 || cp[i] == 0xFF1B || cp[i] == 0xFF0C)
            return 1;
    return 0;
}

/* A table's unit line: "单位：万元", "金额单位：元", "（单位：万元）". */
static int S_is_unit_line(const uint32_t *cp, size_t n, size_t total)
{
    size_t i = 0;
    if (total > 30)
        return 0;
    if (i < n && (cp[i] == 0xFF08 || cp[i] == '('))
        i++;
    if (i + 1 < n && cp[i] == 0x91D1 && cp[i + 1] == 0x989D)     /* 金额 */
        i += 2;
    if (!(i + 1 < n && cp[i] == 0x5355 && cp[i + 1] == 0x4F4D))   /* 单位 */
        return 0;
    for (i += 2; i < n && dc_cp_is_space(cp[i]); i++)
        ;
    return i < n && (cp[i] == 0xFF1A || cp[i] == ':');
}

static int S_is_blank_para(const dc_node *p);

/* The table that paragraph p introduces: the next block, past blank lines
 * and a unit line; NULL when something else comes first. */
static const dc_node *S_next_table(const dc_node *p)
{
    for (int steps = 0; (p = p->next) && steps < 4; steps++) {
        if (p->type == DC_NODE_TABLE)
            return p;
        if (p->type != DC_NODE_PARAGRAPH && p->type != DC_NODE_HEADING)
            return NULL;
        uint32_t cp[16];
        size_t total, n = S_head_cps(p, cp, 16, &total);
        if (!S_is_blank_para(p) && !S_is_unit_line(cp, n, total))
            return NULL;
    }
    return NULL;
}

/* Is a paragraph a body-text item of a list: a "（一）…" paragraph whose
 * nearest non-empty neighbour (before or after) carries a label of the
 * same level, or the same numbering, and is body text (long, or with a
 * sentence inside)?  The short last item of a numbered duty list is then
 * body text like its siblings, not a heading. */
static int S_in_body_list(const dc_node *p, int label)
{
    for (int dir = 0; dir < 2; dir++) {
        const dc_node *q = p;
        for (int steps = 0; steps < 3; steps++) {
            q = dir ? q->next : q->prev;
            if (!q || (q->type != DC_NODE_PARAGRAPH && q->type != DC_NODE_HEADING))
                break;
            uint32_t cp[64];
            size_t total, n = S_head_cps(q, cp, 64, &total);
            if (n == 0)
                continue;       /* an empty line */
            int same = S_label_level(cp, n) == label ||
                       (p->as.para.list_id && q->as.para.list_id == p->as.para.list_id &&
                        q->as.para.list_level == p->as.para.list_level);
            if (same && q->type != DC_NODE_HEADING && (total > 40 || S_has_sentence_end(cp, n)))
                return 1;
            break;
        }
    }
    return 0;
}

/* What a body-level paragraph is, and its outline level (0 = none). */
static S_kind S_classify(S_ctx *c, const dc_node *p, int *outline)
{
    uint32_t cp[64];
    size_t total;
    size_t n = S_head_cps(p, cp, 64, &total);
    const dc_para *pp = &p->as.para;
    *outline = 0;
    if (n == 0)
        return K_BODY;
    if (pp->is_title ||
        (!c->seen_text && pp->align == DC_ALIGN_CENTER && S_max_run_size(p) >= 36 && total <= 80))
        return K_TITLE;
    int label = S_label_level(cp, n);
    if (p->type == DC_NODE_HEADING) {
        *outline = pp->heading_level > 0 ? pp->heading_level : 1;
        if (label == 1)
            return K_H1;
        if (label == 2)
            return K_H2;
        if (label == 3)
            return K_H3;
        return pp->heading_level <= 1 ? K_H1 : pp->heading_level == 2 ? K_H2 : K_H3;
    }
    const dc_node *table = S_next_table(p);
    if (table && S_is_unit_line(cp, n, total))
        return K_UNIT;
    int next_is_table = table != NULL;
    if (pp->is_caption || (next_is_table && pp->align == DC_ALIGN_CENTER && total <= 60)) {
        *outline = c->last_heading_level + 1;
        return K_CAPTION;
    }
    if (pp->outline_level >= 0 && pp->outline_level < 9 && total <= 60) {
        *outline = pp->outline_level + 1;
        return label == 2 ? K_H2 : label == 3 ? K_H3 : pp->outline_level == 0 ? K_H1 : K_H2;
    }
    if ((label == 1 || label == 2) && total <= 40 && !S_has_sentence_end(cp, n) &&
        !S_in_body_list(p, label)) {
        *outline = label;
        return label == 1 ? K_H1 : K_H2;
    }
    return K_BODY;
}

static void S_style_for(S_ctx *c, S_kind k, S_style *st)
{
    memset(st, 0, sizeof *st);
    st->size = 16;
    st->track = c->track;
    switch (k) {
    case K_TITLE:
        st->role = DC_ROLE_TITLE;
        st->size = 22;
        st->track = 0;
        {
            int f = c->fs->nchain[DC_ROLE_TITLE] ? c->fs->chain[DC_ROLE_TITLE][0] : -1;
            st->bold = f >= 0 && !c->fs->faces[f]->official;
        }
        break;
    case K_H1:
        st->role = DC_ROLE_HEADING1;
        break;
    case K_H2:
        st->role = DC_ROLE_HEADING2;
        break;
    case K_CAPTION:
        st->role = DC_ROLE_HEADING1;
        st->size = 14;
        st->track = 0;
        break;
    case K_UNIT:                /* the table's size: S_flow_para sets it */
        st->role = DC_ROLE_TABLE;
        st->size = 10.5f;
        st->track = 0;
        break;
    case K_NOTE:
        st->role = DC_ROLE_TABLE;
        st->size = 12;
        st->track = 0;
        st->run_bold = 1;
        break;
    case K_H3:
    case K_BODY:
    default:
        st->role = DC_ROLE_BODY;
        st->run_bold = 1;
        break;
    }
}

/* ---- body flow ------------------------------------------------------------------- */

static float S_baseline(float top, float pitch, float size)
{
    return top + (pitch - size) / 2 + S_ASC * size;
}

static void S_outline(S_ctx *c, const dc_node *p, int level, float y)
{
    char *title = dc_node_text_trimmed(p);
    /* one line: newlines and tabs become spaces */
    for (char *s = title; *s; s++)
        if (*s == '\n' || *s == '\t' || *s == '\r')
            *s = ' ';
    if (!*title) {
        free(title);
        return;
    }
    dc_layout *L = c->L;
    L->outline = dc_xrealloc(L->outline, (L->noutline + 1) * sizeof *L->outline);
    dc_outline_entry *e = &L->outline[L->noutline++];
    e->title = title;
    e->level = level < 1 ? 1 : level > 9 ? 9 : level;
    e->page = (int)c->pi;
    e->y = y;
}

static S_table *S_table_prepare(S_ctx *c, const dc_node *tn, float width, int depth);
static void S_table_free(S_table *t);
static float S_table_start_need(const S_table *t, float pitch, float page);
static void S_flow_table(S_ctx *c, const dc_node *tn);
static S_table *S_table_plan(S_ctx *c, const dc_node *tn, int *landscape);
static float S_table_body_size(const S_table *t);

static int S_is_blank_para(const dc_node *p);

static dc_lb_align S_align(dc_align a, dc_lb_align dflt)
{
    switch (a) {
    case DC_ALIGN_CENTER: return DC_LB_ALIGN_CENTER;
    case DC_ALIGN_RIGHT: return DC_LB_ALIGN_RIGHT;
    case DC_ALIGN_DISTRIBUTE: return DC_LB_ALIGN_DISTRIBUTE;
    case DC_ALIGN_JUSTIFY:
    case DC_ALIGN_LEFT: return DC_LB_ALIGN_JUSTIFY;
    default: return dflt;
    }
}

static void S_flow_blank(S_ctx *c)
{
    if (c->o <= S_EPS)
        return;
    if (c->o + c->g.line_pitch > S_bottom(c) + S_EPS)
        S_new_page(c);
    else
        c->o += c->g.line_pitch;
}

static void S_snap(S_ctx *c)
{
    float P = c->g.line_pitch;
    float k = ceilf(c->o / P - 0.02f);
    c->o = k * P;
    if (c->o > S_bottom(c) - S_EPS)
        S_new_page(c);
}

/* A paragraph without visible text. */
static int S_is_blank_para(const dc_node *p)
{
    if (p->type != DC_NODE_PARAGRAPH && p->type != DC_NODE_HEADING)
        return 0;
    char *t = dc_node_text_trimmed(p);
    int blank = !*t;
    free(t);
    return blank;
}

/* Is p a title paragraph too (a title on two paragraphs)? */
static int S_classify_title(S_ctx *c, const dc_node *p)
{
    int outline;
    return S_classify(c, p, &outline) == K_TITLE;
}

/* A paragraph broken into lines in its kind's style. */
typedef struct {
    S_style st;
    S_text t;
    dc_lb_line *lines;
    size_t nl;                  /* 0: no visible text */
    float width, indent;
    dc_lb_align align;
} S_para;

static void S_para_free(S_para *pa)
{
    S_text_free(&pa->t);
    free(pa->lines);
    pa->lines = NULL;
}

/* How many lines t breaks into at measure w; *emergency says whether some
 * line had to break inside a word. */
static size_t S_count_lines(const S_text *t, float w, int *emergency)
{
    dc_lb_line *lines = NULL;
    size_t n = dc_lb_break(t->u, t->gap, t->n, w, w, &lines);
    *emergency = 0;
    for (size_t i = 0; i < n; i++)
        *emergency |= lines[i].emergency;
    free(lines);
    return n;
}

/* A title on several lines breaks between words when the words fit the
 * line, and is balanced: the narrowest measure that still needs no more
 * lines and breaks inside no word. */
static void S_para_title(S_para *pa)
{
    S_text *t = &pa->t;
    float width = pa->width;
    if (!t->n)
        return;   /* nothing to break */
    unsigned char *plain = dc_xmalloc(t->n);
    memcpy(plain, t->gap, t->n);
    S_title_gaps(t);
    int emergency;
    size_t nw = S_count_lines(t, width, &emergency);
    if (emergency || nw > pa->nl + 1)
        memcpy(t->gap, plain, t->n);
    free(plain);
    free(pa->lines);
    pa->nl = dc_lb_break(t->u, t->gap, t->n, width - pa->indent, width, &pa->lines);
    if (pa->nl <= 1)
        return;
    float lo = width / (float)pa->nl * 0.8f, hi = width;
    for (int it = 0; it < 14; it++) {
        float mid = (lo + hi) / 2;
        int forced;
        size_t n2 = S_count_lines(t, mid, &forced);
        if (n2 <= pa->nl && !forced)
            hi = mid;
        else
            lo = mid;
    }
    free(pa->lines);
    pa->nl = dc_lb_break(t->u, t->gap, t->n, hi, hi, &pa->lines);
}

/* Breaks paragraph p of kind `kind` into lines (prefix: a note's mark, set
 * as a superscript before its text); pa->nl is 0 when it has no visible
 * text.  Free with S_para_free. */
static void S_para_set(S_ctx *c, const dc_node *p, S_kind kind, const char *prefix, S_para *pa)
{
    memset(pa, 0, sizeof *pa);
    S_style_for(c, kind, &pa->st);
    const dc_node *unit_of = kind == K_UNIT ? S_next_table(p) : NULL;
    if (unit_of) {
        int landscape;
        pa->st.size = S_table_body_size(S_table_plan(c, unit_of, &landscape));
    }
    S_text *t = &pa->t;
    if (prefix) {
        dc_run sup;
        memset(&sup, 0, sizeof sup);
        sup.vert = DC_VERT_SUPER;
        S_text_utf8(c, t, prefix, strlen(prefix), &pa->st, &sup);
        S_text_put(c, t, ' ', &pa->st, NULL);
    }
    S_text_para(c, t, p, &pa->st);
    if (t->n == 0 || S_text_blank(t))
        return;
    S_text_gaps(t);
    const dc_para *pp = &p->as.para;
    pa->align = kind == K_TITLE || kind == K_CAPTION ? DC_LB_ALIGN_CENTER
                                                     : S_align(pp->align, DC_LB_ALIGN_JUSTIFY);
    if (kind == K_UNIT)         /* right, unless the document centres it or sets it left */
        pa->align = pp->align == DC_ALIGN_CENTER ? DC_LB_ALIGN_CENTER
                    : pp->align == DC_ALIGN_LEFT ? DC_LB_ALIGN_LEFT : DC_LB_ALIGN_RIGHT;
    float fix = pa->st.track < 0 ? -pa->st.track : 0;
    pa->width = c->g.text_width - fix;
    if (pa->align == DC_LB_ALIGN_JUSTIFY && kind != K_NOTE)
        pa->indent = 2 * (pa->st.size + pa->st.track);
    pa->nl = dc_lb_break(t->u, t->gap, t->n, pa->width - pa->indent, pa->width, &pa->lines);
    if (kind == K_TITLE && pa->nl > 1)
        S_para_title(pa);
}

/* Does a paragraph of this kind stay on the page of what follows it:
 * headings, captions and unit lines, and a one-line lead-in ending with a
 * colon ("机构设置：")? */
static int S_para_keeps(S_kind kind, const S_para *pa)
{
    if (kind == K_BODY && pa->nl == 1) {
        size_t e = pa->t.n;
        while (e > 0 && dc_cp_is_space(pa->t.ch[e - 1].cp))
            e--;
        return e > 0 && (pa->t.ch[e - 1].cp == 0xFF1A || pa->t.ch[e - 1].cp == ':');
    }
    return kind != K_BODY && kind != K_NOTE;
}

/* Room the blocks from `next` on need on the same page as a heading or
 * caption before them: a table's start, a paragraph's first lines as widow
 * and orphan control will set them (one line; two; all three of three),
 * and for a heading, caption or lead-in also what it keeps with (a few
 * levels deep; only its first line when the chain is taller than a page). */
static float S_next_need(S_ctx *c, const dc_node *next, int depth)
{
    /* Empty paragraphs between a caption and its table (common in submitted
     * documents) each take a line and must not part them. */
    float blanks = 0, P = c->g.line_pitch;
    while (next && S_is_blank_para(next) && blanks < c->grid_h) {
        blanks += P;
        next = next->next;
    }
    if (!next)
        return 0;
    if (next->type == DC_NODE_TABLE) {
        int landscape;
        const S_table *t = S_table_plan(c, next, &landscape);
        /* the pages it goes on: landscape ones when moved there, else the
           section's (S_flow_table); other pages than these, a page of its own */
        dc_layout_geometry lg;
        if (landscape)
            dc_layout_geometry_landscape(&lg);
        if (fabsf((landscape ? lg.page_width : c->sect.page_width) - c->g.page_width) >= S_EPS)
            return 0;
        return blanks + S_table_start_need(t, P, c->grid_h);
    }
    if (next->type != DC_NODE_PARAGRAPH && next->type != DC_NODE_HEADING)
        return 0;
    int outline;
    S_kind kind = S_classify(c, next, &outline);
    S_para pa;
    S_para_set(c, next, kind, NULL, &pa);
    float own = (float)(pa.nl == 0 ? 1 : pa.nl <= 3 ? pa.nl : 2) * P;
    if (S_para_keeps(kind, &pa) && depth < 3) {
        float more = (float)pa.nl * P + S_next_need(c, next->next, depth + 1);
        own = more <= c->grid_h ? more : (float)pa.nl * P + P;
    }
    S_para_free(&pa);
    return blanks + own;
}

static size_t S_lines_fit(S_ctx *c, const S_text *t, const dc_lb_line *lines, size_t i,
                          size_t nl);
static void S_line_notes(S_ctx *c, const S_text *t, const dc_lb_line *ln);

/* Lines [i, i+k) of a paragraph on this page, with widow and orphan control
 * (no single first or last line alone); 0 when the paragraph goes on. */
static size_t S_para_chunk(S_ctx *c, const S_para *pa, size_t i)
{
    size_t nl = pa->nl;
    size_t fit = S_lines_fit(c, &pa->t, pa->lines, i, nl);
    size_t left = nl - i;
    size_t k = left <= fit ? left : fit;
    if (left > fit && nl >= 2) {
        if (left - k == 1 && k >= 2)
            k--;
        if (k == 1 && i == 0)
            k = 0;
    }
    if (k == 0 && c->o <= S_EPS)
        k = 1;                  /* a page holds at least one line */
    return k;
}

static void S_flow_para(S_ctx *c, const dc_node *p, S_kind kind, int outline, const char *prefix)
{
    S_para pa;
    S_para_set(c, p, kind, prefix, &pa);
    if (pa.nl == 0) {
        S_para_free(&pa);
        S_flow_blank(c);
        return;
    }
    float P = c->g.line_pitch;
    size_t nl = pa.nl;
    if (c->o > S_EPS && kind != K_NOTE && S_para_keeps(kind, &pa)) {
        float need = (float)nl * P + S_next_need(c, p->next, 0);
        if (need <= c->grid_h && c->o + need > S_bottom(c) + S_EPS)
            S_new_page(c);
    }
    if (c->o + P > S_bottom(c) + S_EPS)
        S_new_page(c);
    uint64_t order = (++c->seq) << 24;
    if (outline > 0) {
        S_outline(c, p, outline, c->g.top + c->o);
        if (kind != K_CAPTION)
            c->last_heading_level = outline;
    }
    const S_text *t = &pa.t;
    float *x = dc_xmalloc((t->n ? t->n : 1) * sizeof *x);
    size_t i = 0;
    while (i < nl) {
        size_t k = S_para_chunk(c, &pa, i);
        if (k == 0) {
            S_new_page(c);
            continue;
        }
        for (size_t j = 0; j < k; j++, i++) {
            dc_lb_line *ln = &pa.lines[i];
            float lw = i == 0 ? pa.width - pa.indent : pa.width;
            dc_lb_place(t->u, t->gap, ln, lw, pa.align, x);
            float top = c->g.top + c->o;
            float size = S_line_size(t, ln, pa.st.size);
            S_emit_line(c, S_cur(c), t, ln, x, c->g.left + (i == 0 ? pa.indent : 0),
                        S_baseline(top, P, size), top, top + P, order, c->L->face_used);
            c->o += P;
            if (c->nfn)
                S_line_notes(c, t, ln);
            if (ln->forced && ln->next > 0 && t->ch[ln->next - 1].pagebreak && i + 1 < nl) {
                S_new_page(c);
                i++;
                break;
            }
        }
        if (i < nl && c->o > S_EPS)
            S_new_page(c);
    }
    c->seen_text = 1;
    free(x);
    S_para_free(&pa);
    /* One empty line between the title and what follows (GB/T 9704), unless
     * the document has one. */
    if (kind == K_TITLE && p->next && !S_is_blank_para(p->next) &&
        !(p->next->type == DC_NODE_PARAGRAPH && S_classify_title(c, p->next)))
        S_flow_blank(c);
}

/* ---- tables ------------------------------------------------------------------------ */

/* A cell to place: its grid position comes from the table view (spans are
 * read there, once, and turned into the rows and the x range it covers). */
typedef struct {
    const dc_node *node;
    int row, last;              /* first and last grid row it covers */
    float x0, x1;               /* left and right edge, from the table's left */
    int index;                  /* row-major order of origin cells */
    S_block content;
    float padl, padr, padt, padb;
    unsigned borders;
    int has_fill;
    uint32_t fill;
    dc_valign valign;
    /* pagination state */
    int state;                  /* 0 not started, 1 active, 2 done */
    float done;                 /* content drawn so far */
    float rtop;                 /* top of the cell's region on the current page */
} S_cell;

struct S_table {
    const dc_node *node;
    dc_table_view *view;
    int nrows, ncols;
    float width;
    float size;                 /* the one body size of the table's cells */
    float *colx;                /* ncols + 1 */
    S_cell *cells;
    size_t ncells;
    const size_t *row_first;    /* cells[row_first[r] .. row_first[r+1]) start at r */
    float *rowh, *rowmin;
    int hstart, nheader;        /* header rows: [hstart, hstart + nheader) */
    float header_h;
    float overflow;             /* widest word or number minus its cell's room, 0 = all fit */
    float *need;                /* per cell: the inner width its widest word or number needs */
    /* A part of a table split column-wise: the columns shown (NULL: all),
     * each cell's index in the view, the rows' first cells; the next part. */
    unsigned char *shown;
    float *colw;                /* the shown columns' widths to scale (NULL: the view's) */
    size_t *vidx;
    size_t *own_first;
    S_table *next_part;
};

/* The view cell of the table's cell i. */
static const dc_view_cell *S_vcell(const S_table *t, size_t i)
{
    return &t->view->cells[t->vidx ? t->vidx[i] : i];
}

static float S_table_body_size(const S_table *t)
{
    return t->size;
}

static void S_table_free(S_table *t)
{
    while (t) {
        S_table *next = t->next_part;
        for (size_t i = 0; i < t->ncells; i++)
            S_block_free(&t->cells[i].content);
        free(t->cells);
        free(t->colx);
        free(t->rowh);
        free(t->rowmin);
        free(t->need);
        free(t->shown);
        free(t->colw);
        free(t->vidx);
        free(t->own_first);
        dc_table_view_free(t->view);
        free(t);
        t = next;
    }
}

/* The size a cell's document text asks for (its first sized run), clamped to
 * 7.5-12 pt; 0 when no run has a size. */
static float S_cell_font_size(const dc_node *cell)
{
    dc_iter it;
    dc_iter_init(&it, cell);
    for (const dc_node *n; (n = dc_iter_next_node(&it));) {
        if (n->type == DC_NODE_RUN && n->as.run.size > 0) {
            float s = n->as.run.size / 2.0f;
            return s < 7.5f ? 7.5f : s > 12 ? 12 : s;
        }
    }
    return 0;
}

/* One body size per table: the size most of its sized body cells ask for
 * (the smaller on a tie), 10.5 pt (五号) when none has one.  Header cells
 * count only when no body cell has a size (headers may be bold, not
 * smaller, and a larger header size must not shrink the body). */
static float S_table_size(const dc_table_view *v)
{
    int count[2][10] = {{0}};    /* [header][(size - 7.5) * 2], half-point steps */
    for (size_t i = 0; i < v->ncells; i++) {
        float s = S_cell_font_size(v->cells[i].node);
        if (s > 0)
            count[v->cells[i].header][(int)((s - 7.5f) * 2 + 0.5f)]++;
    }
    for (int h = 0; h < 2; h++) {
        int best = -1;
        for (int k = 0; k < 10; k++)
            if (count[h][k] > 0 && (best < 0 || count[h][k] > count[h][best]))
                best = k;
        if (best >= 0)
            return 7.5f + best / 2.0f;
    }
    return 10.5f;
}

static void S_table_render(S_ctx *c, S_table *t, S_block *dst, float y0);

/* One paragraph of a cell at y in block b, at the table's size; returns the
 * new y.  A word or number wider than the cell is not shrunk (one size per
 * table): it is broken where it has to be, and *need records the width the
 * widest one asks for, so the table can widen the column, narrow the
 * padding or ask for a wider page. */
static float S_cell_para(S_ctx *c, const dc_node *blk, float width, float base, int force,
                         S_block *b, float y, float *need_out, const char *mark)
{
    S_style st;
    memset(&st, 0, sizeof st);
    st.role = DC_ROLE_TABLE;
    st.size = base;
    st.run_bold = 1;
    S_text t = {0};
    if (mark) {                 /* a footnote's mark, before its text */
        dc_run sup;
        memset(&sup, 0, sizeof sup);
        sup.vert = DC_VERT_SUPER;
        S_text_utf8(c, &t, mark, strlen(mark), &st, &sup);
        S_text_put(c, &t, ' ', &st, NULL);
    }
    S_text_para(c, &t, blk, &st);
    S_text_gaps(&t);
    float longest = S_text_longest(&t);
    /* A column that cannot hold two characters stacks its text one
     * character per line: as unreadable as a broken number. */
    float need = longest > 2 * st.size || t.n < 2 ? longest : 2 * st.size;
    if (need > *need_out)
        *need_out = need;
    float lh = st.size * 1.3f;
    if (t.n == 0 || S_text_blank(&t)) {
        S_block_span(b, y, y + lh);
        S_text_free(&t);
        return y + lh;
    }
    dc_lb_line *lines = NULL;
    size_t nl = dc_lb_break(t.u, t.gap, t.n, width, width, &lines);
    float *x = dc_xmalloc(t.n * sizeof *x);
    /* Cells read like tables: the cell's own alignment when it has one
     * (headers centred, amounts right), else the document's, never spread
     * out letter by letter. */
    dc_lb_align align = force >= 0 ? (dc_lb_align)force
                                   : S_align(blk->as.para.align, DC_LB_ALIGN_LEFT);
    if (align == DC_LB_ALIGN_JUSTIFY || align == DC_LB_ALIGN_DISTRIBUTE)
        align = DC_LB_ALIGN_LEFT;
    for (size_t i = 0; i < nl; i++) {
        float size = S_line_size(&t, &lines[i], st.size);
        float h = size * 1.3f;
        dc_lb_place(t.u, t.gap, &lines[i], width, align, x);
        S_emit_line(c, &b->list, &t, &lines[i], x, 0, S_baseline(y, h, size), y, y + h, 0, NULL);
        S_block_span(b, y, y + h);
        y += h;
    }
    free(x);
    free(lines);
    S_text_free(&t);
    return y;
}

static S_table *S_table_prepare(S_ctx *c, const dc_node *tn, float width, int depth);

/* Lays out a cell's (or a note's) blocks at the given inner width and
 * size; mark (or NULL) goes before the first paragraph's text. */
static void S_cell_content(S_ctx *c, const dc_node *cell, float width, float base, int force,
                           int depth, S_block *b, float *need, const char *mark)
{
    memset(b, 0, sizeof *b);
    float y = 0;
    for (const dc_node *blk = cell->first_child; blk; blk = blk->next) {
        if (blk->type == DC_NODE_PARAGRAPH || blk->type == DC_NODE_HEADING) {
            y = S_cell_para(c, blk, width, base, force, b, y, need, mark);
            mark = NULL;
        } else if (blk->type == DC_NODE_TABLE) {
            if (depth >= 8 || width < 24) {
                /* Too deep or too narrow to draw as a table: its paragraphs. */
                dc_iter it;
                dc_iter_init(&it, blk);
                for (const dc_node *n; (n = dc_iter_next_node(&it));)
                    if (n->type == DC_NODE_PARAGRAPH || n->type == DC_NODE_HEADING)
                        y = S_cell_para(c, n, width, base, force, b, y, need, NULL);
                continue;
            }
            S_table *nt = S_table_prepare(c, blk, width, depth + 1);
            float h = 0;
            for (int r = 0; r < nt->nrows; r++)
                h += nt->rowh[r];
            if (nt->overflow > 0 && width + nt->overflow > *need)
                *need = width + nt->overflow;
            S_table_render(c, nt, b, y);
            y += h;
            S_table_free(nt);
        }
    }
    if (y <= 0) {
        /* A cell without paragraphs is as tall as an empty line. */
        y = base * 1.3f;
        S_block_span(b, 0, y);
    }
    b->height = y;
    S_block_finish(b);
}

/* Column edges: the view's widths scaled to the table's width, a column
 * narrower than a quarter of the average widened to that; columns not
 * shown (a part of a split table) have no width. */
static void S_table_columns(S_table *t)
{
    const dc_table_view *v = t->view;
    t->colx = dc_xcalloc((size_t)t->ncols + 1, sizeof(float));
    double sum = 0, total = 0;
    int n = 0;
    for (int i = 0; i < t->ncols; i++)
        if (!t->shown || t->shown[i]) {
            sum += t->colw ? t->colw[i] : v->col_width[i];
            n++;
        }
    double minw = n ? sum / n / 4 : 0;
    for (int i = 0; i < t->ncols; i++) {
        double w = t->colw ? t->colw[i] : v->col_width[i];
        if (!t->shown || t->shown[i])
            total += w > minw ? w : minw;
    }
    for (int i = 0; i < t->ncols; i++) {
        double w = t->colw ? t->colw[i] : v->col_width[i];
        w = w > minw ? w : minw;
        if (t->shown && !t->shown[i])
            w = 0;
        t->colx[i + 1] = t->colx[i] + (total > 0 ? (float)(w / total * t->width) : 0);
    }
    t->colx[t->ncols] = t->width;
}

/* The alignment a cell gets whatever the document says: header cells are
 * centred, amounts right-aligned; -1 for the rest (the document's). */
static int S_cell_align(const dc_view_cell *vc)
{
    double v;
    int dec, grp;
    if (vc->header)
        return DC_LB_ALIGN_CENTER;
    if (dc_plain_number(vc->text, vc->len, &v, &dec, &grp))
        return DC_LB_ALIGN_RIGHT;
    return -1;
}

/* Lays out every cell's content with horizontal padding of at most pad. */
static void S_table_cells(S_ctx *c, S_table *t, float pad, int depth)
{
    t->overflow = 0;
    for (size_t i = 0; i < t->ncells; i++) {
        S_cell *s = &t->cells[i];
        const dc_view_cell *vc = S_vcell(t, i);
        s->x0 = t->colx[vc->col];
        s->x1 = t->colx[vc->col + vc->col_span];
        S_block_free(&s->content);
        float cw = s->x1 - s->x0;
        float p = cw * 0.08f;
        s->padl = s->padr = p < pad ? p : pad;
        s->padt = s->padb = 1.5f;
        float inner = cw - s->padl - s->padr;
        t->need[i] = 0;
        S_cell_content(c, s->node, inner, t->size, S_cell_align(vc), depth, &s->content,
                       &t->need[i], NULL);
        if (t->need[i] - inner > t->overflow)
            t->overflow = t->need[i] - inner;
    }
}

/* Widens the columns whose words or numbers do not fit, taking the room
 * from columns with room to spare (as Word's autofit does); returns 0 when
 * there is not enough to spare. */
static int S_table_rebalance(S_table *t, float pad)
{
    int n = t->ncols;
    float *minw = dc_xcalloc((size_t)n, sizeof *minw);
    for (size_t i = 0; i < t->ncells; i++) {
        const dc_view_cell *vc = S_vcell(t, i);
        if (vc->col_span == 1 && t->need[i] + 2 * pad > minw[vc->col])
            minw[vc->col] = t->need[i] + 2 * pad;
    }
    float deficit = 0, slack = 0;
    for (int j = 0; j < n; j++) {
        float w = t->colx[j + 1] - t->colx[j];
        if (minw[j] > w)
            deficit += minw[j] - w;
        else
            slack += w - minw[j];
    }
    int ok = deficit > 0 && deficit <= slack;
    if (ok) {
        float x = 0;
        for (int j = 0; j < n; j++) {
            float w = t->colx[j + 1] - t->colx[j];
            w = minw[j] > w ? minw[j] : w - (w - minw[j]) * deficit / slack;
            t->colx[j] = x;
            x += w;
        }
        t->colx[n] = t->width;
    }
    free(minw);
    return ok;
}

/* Natural row heights: the document's minimum, the single-row cells, then
 * what cells covering several rows lack goes to their last row. */
static void S_table_rows(S_table *t)
{
    t->rowmin = dc_xcalloc((size_t)t->nrows + 1, sizeof(float));
    t->rowh = dc_xcalloc((size_t)t->nrows + 1, sizeof(float));
    for (int r = 0; r < t->nrows; r++) {
        float h = t->view->rows[r]->as.row.height / 20.0f;
        t->rowh[r] = t->rowmin[r] = h > 0 ? (h > 300 ? 300 : h) : 0;
    }
    for (size_t i = 0; i < t->ncells; i++) {
        S_cell *s = &t->cells[i];
        float need = s->content.height + s->padt + s->padb;
        if (s->last == s->row && need > t->rowh[s->row])
            t->rowh[s->row] = need;
    }
    for (size_t i = 0; i < t->ncells; i++) {
        S_cell *s = &t->cells[i];
        if (s->last == s->row)
            continue;
        float need = s->content.height + s->padt + s->padb, have = 0;
        for (int r = s->row; r <= s->last; r++)
            have += t->rowh[r];
        if (need > have)
            t->rowh[s->last] += need - have;
    }
}

/* Keeps the cells of a part of a split table: those reaching into a shown
 * column (a cell spanning columns of several parts is in each, as wide
 * as its shown columns). */
static void S_table_keep_shown(S_table *t)
{
    const dc_table_view *v = t->view;
    t->vidx = dc_xmalloc((v->ncells ? v->ncells : 1) * sizeof *t->vidx);
    t->own_first = dc_xcalloc((size_t)v->nrows + 1, sizeof *t->own_first);
    size_t n = 0;
    for (int r = 0; r < v->nrows; r++) {
        t->own_first[r] = n;
        for (size_t i = v->row_first[r]; i < v->row_first[r + 1]; i++) {
            const dc_view_cell *vc = &v->cells[i];
            int any = 0;
            for (int j = vc->col; j < vc->col + vc->col_span && j < v->ncols; j++)
                any |= t->shown[j];
            if (any)
                t->vidx[n++] = i;
        }
    }
    t->own_first[v->nrows] = n;
    t->row_first = t->own_first;
    t->ncells = n;
}

/* The table at `width`: the view's cells (of the shown columns, when
 * shown is not NULL) with their contents laid out at the table's one size
 * (narrow padding when a word or number does not fit otherwise), row
 * heights and the view's header rows. */
static S_table *S_table_prepare_cols(S_ctx *c, const dc_node *tn, float width, int depth,
                                     const unsigned char *shown, const float *colw)
{
    S_table *t = dc_xcalloc(1, sizeof *t);
    t->node = tn;
    t->width = width;
    t->view = dc_table_view_new(tn);
    const dc_table_view *v = t->view;
    t->nrows = v->nrows;
    t->ncols = v->ncols;
    t->size = S_table_size(v);
    t->row_first = v->row_first;
    t->ncells = v->ncells;
    if (shown && v->ncols > 0) {
        t->shown = dc_xmalloc((size_t)v->ncols);
        memcpy(t->shown, shown, (size_t)v->ncols);
        S_table_keep_shown(t);
        if (colw) {
            t->colw = dc_xmalloc((size_t)v->ncols * sizeof *t->colw);
            memcpy(t->colw, colw, (size_t)v->ncols * sizeof *t->colw);
        }
    }
    S_table_columns(t);
    t->cells = dc_xcalloc(t->ncells ? t->ncells : 1, sizeof *t->cells);
    for (size_t i = 0; i < t->ncells; i++) {
        const dc_view_cell *vc = S_vcell(t, i);
        S_cell *s = &t->cells[i];
        s->node = vc->node;
        s->index = (int)(t->vidx ? t->vidx[i] : i);
        s->row = vc->row;
        s->last = vc->row + vc->row_span - 1;
        s->borders = vc->node->as.cell.borders;
        s->has_fill = vc->node->as.cell.has_fill;
        s->fill = vc->node->as.cell.fill;
        s->valign = vc->node->as.cell.valign;
    }
    t->need = dc_xcalloc(t->ncells ? t->ncells : 1, sizeof *t->need);
    S_table_cells(c, t, 2.5f, depth);
    /* A word or number that does not fit: wider columns, then narrow
     * padding (then the caller may try landscape pages). */
    if (t->overflow > 0 && S_table_rebalance(t, 2.5f))
        S_table_cells(c, t, 2.5f, depth);
    if (t->overflow > 0) {
        S_table_rebalance(t, 1.0f);
        S_table_cells(c, t, 1.0f, depth);
    }
    S_table_rows(t);
    /* Header rows: the view's (marked, or detected and shared with the
     * workbook), when body rows follow them. */
    if (v->header_first >= 0 && v->header_last + 1 < t->nrows) {
        t->hstart = v->header_first;
        t->nheader = v->header_last - v->header_first + 1;
    }
    for (int r = t->hstart; r < t->hstart + t->nheader; r++)
        t->header_h += t->rowh[r];
    return t;
}

static S_table *S_table_prepare(S_ctx *c, const dc_node *tn, float width, int depth)
{
    return S_table_prepare_cols(c, tn, width, depth, NULL, NULL);
}

/* Is column j of the view a key column (labels, codes: what tells the rows
 * apart): most of its body cells text rather than amounts, or, first, a
 * column of whole numbers (序号, 科目编码)? */
static int S_key_column(const dc_table_view *v, int j)
{
    int text = 0, num = 0, whole = 0;
    for (size_t i = 0; i < v->ncells; i++) {
        const dc_view_cell *vc = &v->cells[i];
        if (vc->col != j || vc->col_span != 1 || vc->header || vc->len == 0)
            continue;
        double val;
        int dec, grp;
        if (dc_plain_number(vc->text, vc->len, &val, &dec, &grp)) {
            num++;
            whole += dec == 0 && !grp;
        } else {
            text++;
        }
    }
    return text > num || (j == 0 && num > 0 && whole == num);
}

/* Roughly the width a cell's text takes on one line per paragraph. */
static float S_text_natural(const dc_view_cell *vc, float size)
{
    float best = 0, cur = 0;
    size_t i = 0;
    while (i < vc->len) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(vc->text + i, vc->len - i, &adv);
        i += adv;
        cur = cp == '\n' ? 0 : cur + (dc_cp_is_wide(cp) ? size : 0.55f * size);
        if (cur > best)
            best = cur;
    }
    return best;
}

/* A table too wide to set readably even on landscape pages (t: laid out
 * at `width` with narrow padding, some word or number still broken),
 * split column-wise: the key columns at the left (up to three, at most
 * 45% of the width), then as many of the other columns as fit, part after
 * part.  A column asks for its widest word or number, and for its text on
 * one line up to a fifth of the width.  Returns the first part (the
 * others chained), or NULL when splitting does not help. */
static S_table *S_table_split(S_ctx *c, const dc_node *tn, const S_table *t, float width)
{
    int n = t->ncols;
    if (n < 3)
        return NULL;
    float *minw = dc_xcalloc((size_t)n, sizeof *minw);
    for (size_t i = 0; i < t->ncells; i++) {
        const dc_view_cell *vc = S_vcell(t, i);
        if (vc->col_span != 1)
            continue;
        float nat = S_text_natural(vc, t->size);
        float w = t->need[i] > (nat < width / 5 ? nat : width / 5) ? t->need[i]
                  : (nat < width / 5 ? nat : width / 5);
        if (w + 6.0f > minw[vc->col])     /* with the usual padding */
            minw[vc->col] = w + 6.0f;
    }
    for (int j = 0; j < n; j++)
        if (minw[j] < 2 * t->size + 6.0f)
            minw[j] = 2 * t->size + 6.0f;
    int nkey = 0;
    float keyw = 0;
    while (nkey < 3 && nkey < n - 2 && S_key_column(t->view, nkey))
        keyw += minw[nkey++];
    if (nkey == 0)
        keyw = minw[nkey++];
    while (nkey > 1 && keyw > 0.45f * width)
        keyw -= minw[--nkey];
    S_table *first = NULL, **tail = &first;
    int parts = 0, want = 0;
    for (int j = nkey; j < n && keyw <= 0.45f * width; want++) {
        float w = keyw + minw[j++];     /* how many parts the columns need, filled greedily */
        while (j < n && w + minw[j] <= width)
            w += minw[j++];
    }
    if (keyw <= 0.45f * width && want >= 2) {
        unsigned char *shown = dc_xmalloc((size_t)n);
        for (int j = nkey; j < n;) {
            memset(shown, 0, (size_t)n);
            memset(shown, 1, (size_t)nkey);
            /* balanced: an even share of the columns left, as far as they fit */
            int share = (n - j + (want - parts) - 1) / (want - parts > 0 ? want - parts : 1);
            float w = keyw;
            int k = j;
            while (k < n && (k == j || (w + minw[k] <= width && k - j < share))) {
                w += minw[k];
                shown[k++] = 1;
            }
            *tail = S_table_prepare_cols(c, tn, width, 0, shown, minw);
            tail = &(*tail)->next_part;
            parts++;
            j = k;
        }
        free(shown);
    }
    free(minw);
    if (parts < 2) {
        S_table_free(first);
        return NULL;
    }
    return first;
}

/* Room a table needs at its start: all of it when it is short (at most
 * half a page, or at most three body rows: short tables are not split),
 * else its header and the first two body rows (or three grid lines of
 * them), so no body row stands alone at the foot of a page. */
static float S_table_start_need(const S_table *t, float pitch, float page)
{
    float total = S_RULE;
    for (int r = 0; r < t->nrows; r++)
        total += t->rowh[r];
    int hend = t->hstart + t->nheader;
    if (total <= page / 2 || (t->nrows - hend <= 3 && total <= page))
        return total;
    float need = S_RULE;
    for (int r = 0; r < hend; r++)
        need += t->rowh[r];
    float body = 0;
    for (int r = hend; r < t->nrows && r < hend + 2; r++)
        body += t->rowh[r];
    return need + (body < 3 * pitch ? body : 3 * pitch);
}

static void S_cell_frame(dc_page *dst, const S_cell *s, float x, float top, float bottom,
                         uint64_t order)
{
    float x0 = x + s->x0, x1 = x + s->x1;
    if (s->has_fill) {
        dc_item *f = S_item(dst, DC_ITEM_FILL, order);
        f->x0 = x0;
        f->y0 = top;
        f->x1 = x1;
        f->y1 = bottom;
        f->rgb = s->fill;
    }
    if (s->borders & DC_BORDER_TOP)
        S_line_item(dst, order, x0, top, x1, top, S_RULE);
    if (s->borders & DC_BORDER_BOTTOM)
        S_line_item(dst, order, x0, bottom, x1, bottom, S_RULE);
    if (s->borders & DC_BORDER_LEFT)
        S_line_item(dst, order, x0, top, x0, bottom, S_RULE);
    if (s->borders & DC_BORDER_RIGHT)
        S_line_item(dst, order, x1, top, x1, bottom, S_RULE);
}

/* Draws a cell's content from s->done to `to` in the region [top, bottom],
 * vertically aligned when the whole content is drawn at once. */
static void S_cell_draw(dc_page *dst, S_block *dst_block, S_cell *s, float x,
                        float top, float bottom, float to, uint64_t order, int *face_used)
{
    float off = 0;
    float room = bottom - top - s->padt - s->padb;
    float h = to - s->done;
    if (s->done <= S_EPS && to >= s->content.height - S_EPS && room > h) {
        if (s->valign == DC_VALIGN_CENTER)
            off = (room - h) / 2;
        else if (s->valign == DC_VALIGN_BOTTOM)
            off = room - h;
    }
    S_cell_frame(dst, s, x, top, bottom, order);
    if (to > s->done + S_EPS || (s->done <= S_EPS && to >= s->content.height - S_EPS))
        S_copy_slice(dst, dst_block, &s->content, s->done, to, x + s->x0 + s->padl,
                     top + s->padt + off, order, face_used);
    s->done = to;
}

/* A whole table without pagination into a block (nested tables). */
static void S_table_render(S_ctx *c, S_table *t, S_block *dst, float y0)
{
    (void)c;
    float *rowy = dc_xmalloc(((size_t)t->nrows + 1) * sizeof(float));
    rowy[0] = y0;
    for (int r = 0; r < t->nrows; r++)
        rowy[r + 1] = rowy[r] + t->rowh[r];
    for (size_t i = 0; i < t->ncells; i++) {
        S_cell *s = &t->cells[i];
        s->done = 0;
        S_cell_draw(&dst->list, dst, s, 0, rowy[s->row], rowy[s->last + 1],
                    s->content.height, 0, NULL);
    }
    free(rowy);
}

/* Header rows drawn again at y; returns their height. */
static float S_table_header(S_ctx *c, S_table *t, float x, float y, uint64_t base)
{
    float top = c->g.top;
    int hs = t->hstart, n = t->nheader;
    float *rowy = dc_xmalloc(((size_t)n + 1) * sizeof(float));
    rowy[0] = y;
    for (int r = 0; r < n; r++)
        rowy[r + 1] = rowy[r] + t->rowh[hs + r];
    for (size_t i = t->row_first[hs]; i < t->row_first[hs + n]; i++) {
        S_cell *s = &t->cells[i];
        float saved = s->done;
        s->done = 0;
        S_cell_draw(S_cur(c), NULL, s, x, top + rowy[s->row - hs],
                    top + rowy[s->last + 1 - hs], s->content.height,
                    base + (uint64_t)s->index, c->L->face_used);
        s->done = saved;
    }
    float h = rowy[n] - y;
    free(rowy);
    return h;
}

/* Ends the current page's fragment of a cell at region bottom `bottom`
 * (offsets below the text top). */
static void S_cell_close(S_ctx *c, S_cell *s, float x, float bottom, uint64_t base)
{
    float room = bottom - s->rtop - s->padt - s->padb;
    float to = S_block_cut(&s->content, s->done, s->done + (room > 0 ? room : 0));
    S_cell_draw(S_cur(c), NULL, s, x, c->g.top + s->rtop, c->g.top + bottom, to,
                base + (uint64_t)s->index, c->L->face_used);
}

/* The table laid out for the pages it goes on: the section's, or landscape
 * pages when in portrait a word or number does not fit its cell (even with
 * narrow padding) and landscape pages fit it better.  Kept in c->prep until
 * S_flow_table takes it. */
static S_table *S_table_plan(S_ctx *c, const dc_node *tn, int *landscape)
{
    if (c->prep_node != tn) {
        S_table_free(c->prep);
        c->prep_node = tn;
        c->prep_landscape = 0;
        c->prep = S_table_prepare(c, tn, c->sect.text_width - S_RULE, 0);
        if (c->prep->overflow > 0 && c->sect.page_width < c->sect.page_height) {
            dc_layout_geometry lg;
            dc_layout_geometry_landscape(&lg);
            S_table *w = S_table_prepare(c, tn, lg.text_width - S_RULE, 0);
            if (w->overflow < c->prep->overflow) {
                S_table_free(c->prep);
                c->prep = w;
                c->prep_landscape = 1;
            } else {
                S_table_free(w);
            }
        }
        if (c->prep->overflow > 0) {
            /* still too wide: parts of its columns, key columns repeated */
            S_table *parts = S_table_split(c, tn, c->prep, c->prep->width);
            if (parts) {
                S_table_free(c->prep);
                c->prep = parts;
            }
        }
    }
    *landscape = c->prep_landscape;
    return c->prep;
}

/* A short line ending with a colon ("机构设置："): it introduces what follows. */
static int S_is_lead_in(const dc_node *p)
{
    uint32_t cp[32];
    size_t total, n = S_head_cps(p, cp, 32, &total);
    while (n > 0 && dc_cp_is_space(cp[n - 1]))
        n--;
    return total <= 24 && n > 0 && (cp[n - 1] == 0xFF1A || cp[n - 1] == ':');
}

/* Does paragraph p lead in to a table that goes on landscape pages (only
 * blank lines, captions, headings, lead-in lines or centred or
 * right-aligned lines such as "单位：万元" between them)?  Then p goes on
 * the table's page. */
static int S_leads_to_landscape(S_ctx *c, const dc_node *p)
{
    for (int steps = 0; p && steps < 6; p = p->next, steps++) {
        if (p->type == DC_NODE_TABLE) {
            int landscape;
            S_table_plan(c, p, &landscape);
            return landscape;
        }
        if (p->type != DC_NODE_PARAGRAPH && p->type != DC_NODE_HEADING)
            return 0;
        int outline;
        if (!S_is_blank_para(p) && S_classify(c, p, &outline) == K_BODY &&
            p->as.para.align != DC_ALIGN_CENTER && p->as.para.align != DC_ALIGN_RIGHT &&
            !S_is_lead_in(p))
            return 0;
    }
    return 0;
}

/* The page setup of the section that starts at block `from`: the one the
 * next section break ends, else the body's last. */
static const dc_page_setup *S_section_from(S_ctx *c, const dc_node *from)
{
    for (const dc_node *b = from; b; b = b->next)
        if (b->type == DC_NODE_BREAK && b->as.brk.kind == DC_BREAK_SECTION)
            return b->as.brk.page_setup;
    return c->doc->last_page_setup;
}

static void S_enter_section(S_ctx *c, const dc_page_setup *ps)
{
    if (ps && ps->landscape)
        dc_layout_geometry_landscape(&c->sect);
    else
        dc_layout_geometry_official(&c->sect);
}

/* A table being paginated. */
typedef struct {
    S_table *t;
    float x;                    /* the table's left edge on the page */
    float bottom;               /* the grid's end, below the text block's top */
    float page_top;             /* where rows start on a fresh page (before the header) */
    uint64_t base;              /* reading order of its cells */
    int H, hend;                /* header rows repeated; they repeat once row hend is reached */
    size_t *active;             /* started cells covering several rows, not finished */
    size_t nactive;
} S_flow;

/* Room row r needs from y: its minimum height, the rest of its single-row
 * cells, and what the cells covering rows down to it still lack. */
static float S_row_need(const S_flow *f, int r, float y)
{
    const S_table *t = f->t;
    float need = t->rowmin[r];
    for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
        const S_cell *s = &t->cells[i];
        float n = s->content.height - s->done + s->padt + s->padb;
        if (s->last == s->row && n > need)
            need = n;
    }
    for (size_t a = 0; a < f->nactive; a++) {
        const S_cell *s = &t->cells[f->active[a]];
        float n = s->content.height - s->done + s->padt + s->padb - (y - s->rtop);
        if (s->last == r && n > need)
            need = n;
    }
    return need;
}

/* Row r fits: the cells ending with it are finished at yb. */
static void S_row_finish(S_ctx *c, S_flow *f, int r, float yb)
{
    S_table *t = f->t;
    for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
        S_cell *s = &t->cells[i];
        if (s->last == s->row) {
            S_cell_draw(S_cur(c), NULL, s, f->x, c->g.top + s->rtop, c->g.top + yb,
                        s->content.height, f->base + (uint64_t)s->index, c->L->face_used);
            s->state = 2;
        }
    }
    for (size_t a = 0; a < f->nactive;) {
        S_cell *s = &t->cells[f->active[a]];
        if (s->last == r) {
            S_cell_draw(S_cur(c), NULL, s, f->x, c->g.top + s->rtop, c->g.top + yb,
                        s->content.height, f->base + (uint64_t)s->index, c->L->face_used);
            s->state = 2;
            f->active[a] = f->active[--f->nactive];
        } else {
            a++;
        }
    }
}

/* Row r does not stay on this page.  Moved: the cells starting in it have
 * drawn nothing and start again on the next page; cells covering it from
 * above end their fragment at y.  Split: every cell draws what fits above
 * the page's end (at the top of a page, at least its next piece, so that
 * nothing is lost and nothing loops). */
static void S_row_break(S_ctx *c, S_flow *f, int r, float y, int at_top, int split)
{
    S_table *t = f->t;
    if (!split) {
        for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
            S_cell *s = &t->cells[i];
            if (s->state != 1 || s->done > S_EPS || s->rtop < y - S_EPS)
                continue;
            s->state = 0;
            for (size_t a = 0; a < f->nactive; a++)
                if (f->active[a] == i) {
                    f->active[a] = f->active[--f->nactive];
                    break;
                }
        }
        for (size_t a = 0; a < f->nactive; a++)
            S_cell_close(c, &t->cells[f->active[a]], f->x, y, f->base);
        return;
    }
    int progress = 0;
    for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
        S_cell *s = &t->cells[i];
        float before = s->done;
        if (s->last == s->row) {
            S_cell_close(c, s, f->x, f->bottom, f->base);
            progress |= s->done > before + S_EPS;
        }
    }
    for (size_t a = 0; a < f->nactive; a++) {
        S_cell *s = &t->cells[f->active[a]];
        float before = s->done;
        S_cell_close(c, s, f->x, f->bottom, f->base);
        progress |= s->done > before + S_EPS;
    }
    if (progress || !at_top)
        return;
    for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
        S_cell *s = &t->cells[i];
        if (s->last == s->row)
            S_cell_draw(S_cur(c), NULL, s, f->x, c->g.top + s->rtop, c->g.top + f->bottom,
                        S_block_next_cut(&s->content, s->done), f->base + (uint64_t)s->index,
                        c->L->face_used);
    }
    for (size_t a = 0; a < f->nactive; a++) {
        S_cell *s = &t->cells[f->active[a]];
        S_cell_draw(S_cur(c), NULL, s, f->x, c->g.top + s->rtop, c->g.top + f->bottom,
                    S_block_next_cut(&s->content, s->done), f->base + (uint64_t)s->index,
                    c->L->face_used);
    }
}

/* The table continues on a new page from row r: the header again, and the
 * cells still open start at the top.  A merged label (项目名称, 一级指标)
 * already drawn in full is drawn again, so every row on the page shows the
 * group it belongs to.  Returns the y where row r starts. */
static float S_table_continue(S_ctx *c, S_flow *f, int r)
{
    S_table *t = f->t;
    S_new_page(c);
    float y = f->page_top;
    if (f->H && r >= f->hend)
        y += S_table_header(c, t, f->x, y, f->base);
    for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++)
        if (t->cells[i].state == 1)
            t->cells[i].rtop = y;
    for (size_t a = 0; a < f->nactive; a++) {
        S_cell *s = &t->cells[f->active[a]];
        s->rtop = y;
        if (s->done >= s->content.height - S_EPS && s->row < r)
            s->done = 0;
    }
    return y;
}

static float S_row_notes(S_ctx *c, const S_table *t, int r, int place, float o);

/* One table (or one part of a table split column-wise) down the pages. */
static void S_flow_part(S_ctx *c, S_table *t)
{
    S_flow f = {0};
    f.t = t;
    f.x = c->g.left + S_RULE / 2;
    f.bottom = S_bottom(c);
    f.page_top = S_RULE / 2;
    f.base = (++c->seq) << 24;
    f.H = t->header_h > f.bottom * 0.4f ? 0 : t->nheader;
    f.hend = t->hstart + f.H;
    f.active = dc_xmalloc((t->ncells ? t->ncells : 1) * sizeof *f.active);

    if (c->o > S_EPS && c->o + S_table_start_need(t, c->g.line_pitch, f.bottom) > f.bottom)
        S_new_page(c);
    float y = c->o + S_RULE / 2;
    int r = 0;
    if (f.H && t->hstart == 0) {
        y += S_table_header(c, t, f.x, y, f.base);
        for (size_t i = 0; i < t->row_first[f.H]; i++)
            t->cells[i].state = 2;
        for (r = 0; r < f.H && c->nfn; r++)
            S_row_notes(c, t, r, 1, y);
        r = f.H;
    }
    while (r < t->nrows) {
        /* the row's footnotes go to the foot of the page it starts on */
        f.bottom = S_bottom(c) - (c->nfn ? S_row_notes(c, t, r, 0, 0) : 0);
        float avail = f.bottom - y;
        float hh = f.H && r >= f.hend ? t->header_h : 0;
        for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
            S_cell *s = &t->cells[i];
            if (s->state == 0) {
                s->state = 1;
                s->rtop = y;
                s->done = 0;
                if (s->last > s->row)
                    f.active[f.nactive++] = i;
            }
        }
        float need = S_row_need(&f, r, y);
        int at_top = y <= f.page_top + hh + S_EPS;
        float fresh = f.bottom - f.page_top - hh;
        /* The last body row never stands alone at the top of a page: the
         * one before it goes with it when both fit a fresh page. */
        int widow = r == t->nrows - 2 && r > f.hend && !at_top && need <= avail + S_EPS &&
                    need + t->rowh[r + 1] > avail + S_EPS && need + t->rowh[r + 1] <= fresh;
        if (need <= avail + S_EPS && !widow) {
            S_row_finish(c, &f, r, y + need);
            y += need;
            if (c->nfn)
                S_row_notes(c, t, r, 1, y);
            r++;
            continue;
        }
        int split = !widow && (at_top || need > fresh);
        S_row_break(c, &f, r, y, at_top, split);
        if (split && c->nfn)
            S_row_notes(c, t, r, 1, f.bottom);
        y = S_table_continue(c, &f, r);
    }
    free(f.active);
    c->o = y + S_RULE / 2 + 4;
    c->seen_text = 1;
    S_snap(c);
}

static void S_flow_table(S_ctx *c, const dc_node *tn)
{
    int landscape;
    S_table *t = S_table_plan(c, tn, &landscape);
    c->prep = NULL;
    c->prep_node = NULL;
    if (t->nrows == 0 || t->ncells == 0) {
        S_table_free(t);
        return;
    }
    if (landscape) {
        dc_layout_geometry lg;
        dc_layout_geometry_landscape(&lg);
        S_use_geometry(c, &lg);
    } else {
        S_use_geometry(c, &c->sect);
    }
    for (S_table *part = t; part; part = part->next_part)
        if (part->ncells)
            S_flow_part(c, part);
    S_table_free(t);
}

/* ---- footnotes at the foot of their page ----------------------------------------- */

#define S_FOOT_SIZE 10.5f       /* 五号 */
#define S_FOOT_HEAD 9.0f        /* above the first note: 3 pt, the short rule, 6 pt */

/* The mark to set before a note's text: its label, unless the text
 * starts with it already (Word's w:footnoteRef); NULL for none. */
static const char *S_note_mark(const dc_node *note)
{
    const char *label = note->as.note.label;
    if (!label || !*label)
        return NULL;
    for (const dc_node *b = note->first_child; b; b = b->next) {
        if (b->type != DC_NODE_PARAGRAPH && b->type != DC_NODE_HEADING)
            return label;
        char *text = dc_node_text_trimmed(b);
        int empty = !*text, has = !strncmp(text, label, strlen(label));
        free(text);
        if (!empty)
            return has ? NULL : label;
    }
    return label;
}

/* Height of footnote k, laid out at the portrait text width (it fits
 * landscape pages too) in 五号 with its mark. */
static float S_fn_height(S_ctx *c, size_t k)
{
    S_fnote *f = &c->fn[k];
    if (!f->laid) {
        float need = 0;
        dc_layout_geometry g;
        dc_layout_geometry_official(&g);
        S_cell_content(c, f->node, g.text_width, S_FOOT_SIZE, -1, 0, &f->block, &need,
                       S_note_mark(f->node));
        f->laid = 1;
    }
    return f->block.height;
}

/* Room footnote k takes at the foot of the page when its reference is set
 * there and the page's footnotes take `foot`: 0 when it is placed already
 * or too tall for a foot (over half a page: it goes to the end). */
static float S_fn_need(S_ctx *c, size_t k, float foot)
{
    if (c->fn[k].state)
        return 0;
    float h = S_fn_height(c, k);
    if (h > c->grid_h / 2)
        return 0;
    return h + (foot <= 0 ? S_FOOT_HEAD : 0);
}

static void S_push_index(size_t **a, size_t *n, size_t *cap, size_t v)
{
    DC_GROW(*a, *n, *cap, 8);
    (*a)[(*n)++] = v;
}

/* The reference of footnote k is set on this page, whose body ends at o:
 * the note goes to the page's foot, or, when it does not fit there, to the
 * next page's (after the notes already waiting). */
static void S_fn_place(S_ctx *c, size_t k, float o)
{
    S_fnote *f = &c->fn[k];
    if (f->state)
        return;
    float h = S_fn_height(c, k);
    if (h > c->grid_h / 2) {
        f->state = 2;
        return;
    }
    f->state = 1;
    float add = h + (c->foot <= 0 ? S_FOOT_HEAD : 0);
    if (c->ncarry == 0 && o + c->foot + add <= c->grid_h + S_EPS) {
        S_push_index(&c->pnotes, &c->npnotes, &c->cappnotes, k);
        c->foot += add;
    } else {
        S_push_index(&c->carry, &c->ncarry, &c->capcarry, k);
    }
}

/* Room the footnotes of a line's references take (with the area's head
 * when the page has none yet). */
static float S_line_need(S_ctx *c, const S_text *t, const dc_lb_line *ln, float foot)
{
    float add = 0;
    for (size_t k = ln->start; k < ln->end; k++)
        if (t->ch[k].note)
            add += S_fn_need(c, t->ch[k].note - 1, foot + add);
    return add;
}

/* How many of lines [i, nl) fit on this page, each with its footnotes. */
static size_t S_lines_fit(S_ctx *c, const S_text *t, const dc_lb_line *lines, size_t i,
                          size_t nl)
{
    float P = c->g.line_pitch, o = c->o, foot = c->foot;
    if (!c->nfn)
        return (size_t)floorf((c->grid_h - o) / P + 0.02f);
    size_t n = 0;
    for (size_t j = i; j < nl; j++) {
        float add = S_line_need(c, t, &lines[j], foot);
        if (o + P + foot + add > c->grid_h + 0.02f * P)
            break;
        o += P;
        foot += add;
        n++;
    }
    return n;
}

/* A line is set: the footnotes it references go to this page's foot. */
static void S_line_notes(S_ctx *c, const S_text *t, const dc_lb_line *ln)
{
    for (size_t k = ln->start; k < ln->end; k++)
        if (t->ch[k].note)
            S_fn_place(c, t->ch[k].note - 1, c->o);
}

/* The footnotes referenced in the cells that start in row r: the room
 * those not yet placed need, or (place) placed with the body ending at o. */
static float S_row_notes(S_ctx *c, const S_table *t, int r, int place, float o)
{
    float add = 0;
    for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
        dc_iter it;
        dc_iter_init(&it, t->cells[i].node);
        for (const dc_node *n; (n = dc_iter_next_node(&it));) {
            if (n->type != DC_NODE_NOTE_REF || n->as.note.kind != DC_NOTE_FOOTNOTE)
                continue;
            size_t k = S_fn_find(c, n->as.note.id);
            if (k && place)
                S_fn_place(c, k - 1, o);
            else if (k)
                add += S_fn_need(c, k - 1, c->foot + add);
        }
    }
    return add;
}

/* The page is done: its footnotes at the foot of the text block, under a
 * short rule, in the order of their references. */
static void S_foot_flush(S_ctx *c)
{
    if (!c->npnotes)
        return;
    dc_page *pg = S_cur(c);
    uint64_t order = (++c->seq) << 24;
    float y = c->g.top + c->grid_h - c->foot;
    dc_layout_geometry g;
    dc_layout_geometry_official(&g);
    S_line_item(pg, order, c->g.left, y + 3, c->g.left + g.text_width / 4, y + 3, 0.5f);
    y += S_FOOT_HEAD;
    for (size_t i = 0; i < c->npnotes; i++) {
        const S_fnote *f = &c->fn[c->pnotes[i]];
        S_copy_slice(pg, NULL, &f->block, 0, f->block.height, c->g.left, y, order,
                     c->L->face_used);
        y += f->block.height;
    }
    c->npnotes = 0;
    c->foot = 0;
}

/* A new page: the footnotes that did not fit the last one go to its foot
 * (as many as leave a line for the body; the rest wait for the next). */
static void S_foot_carry(S_ctx *c)
{
    size_t moved = 0;
    while (moved < c->ncarry) {
        size_t k = c->carry[moved];
        float add = c->fn[k].block.height + (c->foot <= 0 ? S_FOOT_HEAD : 0);
        if (c->foot > 0 && c->foot + add > c->grid_h - c->g.line_pitch)
            break;
        S_push_index(&c->pnotes, &c->npnotes, &c->cappnotes, k);
        c->foot += add;
        moved++;
    }
    if (!moved)
        return;
    memmove(c->carry, c->carry + moved, (c->ncarry - moved) * sizeof *c->carry);
    c->ncarry -= moved;
}

/* ---- document ------------------------------------------------------------------------ */

/* Is a note set at the end of the document: an endnote, or a footnote not
 * placed at a page's foot (too tall, or its reference not shown)? */
static int S_note_at_end(const S_ctx *c, const dc_node *note)
{
    if (note->type != DC_NODE_NOTE)
        return 0;
    if (note->as.note.kind != DC_NOTE_FOOTNOTE)
        return 1;
    size_t k = S_fn_find(c, note->as.note.id);
    return !(k && c->fn[k - 1].node == note && c->fn[k - 1].state == 1);
}

static void S_flow_blocks(S_ctx *c, const dc_node *parent, int in_notes)
{
    for (const dc_node *b = parent->first_child; b; b = b->next) {
        switch (b->type) {
        case DC_NODE_PARAGRAPH:
        case DC_NODE_HEADING: {
            int outline = 0;
            S_kind k = in_notes ? K_NOTE : S_classify(c, b, &outline);
            if (!in_notes && S_leads_to_landscape(c, b)) {
                dc_layout_geometry lg;
                dc_layout_geometry_landscape(&lg);
                S_use_geometry(c, &lg);
            } else {
                S_use_geometry(c, &c->sect);
            }
            if (b->as.para.page_break_before && c->o > S_EPS)
                S_new_page(c);
            S_flow_para(c, b, k, outline, NULL);
            break;
        }
        case DC_NODE_TABLE:
            S_flow_table(c, b);
            break;
        case DC_NODE_BREAK:
            if (b->as.brk.kind == DC_BREAK_SECTION && !in_notes) {
                /* The next section starts a page unless it is continuous
                 * with the same orientation. */
                const dc_page_setup *ps = S_section_from(c, b->next);
                dc_layout_geometry prev = c->sect;
                S_enter_section(c, ps);
                if (c->o > S_EPS && !(ps && ps->continuous &&
                                      fabsf(prev.page_width - c->sect.page_width) < S_EPS))
                    S_new_page(c);
            } else if (b->as.brk.kind == DC_BREAK_PAGE && c->o > S_EPS) {
                S_new_page(c);
            }
            break;
        case DC_NODE_NOTE: {
            if (!S_note_at_end(c, b))
                break;          /* at the foot of its page */
            const char *mark = S_note_mark(b);
            for (const dc_node *nb = b->first_child; nb; nb = nb->next) {
                if (nb->type == DC_NODE_TABLE) {
                    S_flow_table(c, nb);
                } else if (nb->type == DC_NODE_PARAGRAPH || nb->type == DC_NODE_HEADING) {
                    S_flow_para(c, nb, K_NOTE, 0, mark);
                    mark = NULL;
                }
            }
            break;
        }
        default:
            break;
        }
    }
}

/* Page p is complete: its number is printed at its foot, and the caller's
 * hook may take the page (its items are then freed). */
static void S_page_finish(S_ctx *c, size_t p)
{
    S_style st;
    memset(&st, 0, sizeof st);
    st.role = DC_ROLE_TABLE;
    st.size = 14;
    const dc_layout_geometry *g = &c->L->pages[p].geo;
    float top = g->top + g->text_height + 7 * S_MM;
    char buf[64];
    snprintf(buf, sizeof buf, "\xE2\x80\x94 %d \xE2\x80\x94", c->L->pages[p].number);
    S_text t = {0};
    S_text_utf8(c, &t, buf, strlen(buf), &st, NULL);
    S_text_gaps(&t);
    dc_lb_line ln = {0};
    ln.start = 0;
    ln.end = t.n;
    ln.next = t.n;
    ln.last = 1;
    float *x = dc_xmalloc(t.n * sizeof *x);
    float w = 0;
    for (size_t i = 0; i < t.n; i++) {
        x[i] = w;
        w += t.u[i].adv;
    }
    float left = (c->L->pages[p].number % 2)
                     ? g->left + g->text_width - st.size - w
                     : g->left + st.size;
    S_emit_line(c, &c->L->pages[p], &t, &ln, x, left, top + S_ASC * st.size, top,
                top + st.size, UINT64_MAX, c->L->face_used);
    free(x);
    S_text_free(&t);
    c->finished = p + 1;
    if (c->page_done && c->page_done(c->page_done_ctx, c->L, p)) {
        S_page_free_lists(&c->L->pages[p]);
        c->L->pages[p].items = NULL;
        c->L->pages[p].glyphs = NULL;
        c->L->pages[p].nitems = c->L->pages[p].capitems = 0;
        c->L->pages[p].nglyphs = c->L->pages[p].capglyphs = 0;
    }
}

static int S_u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

dc_layout *dc_layout_document(const dc_doc *doc, const dc_fontset *fs, dc_error *err)
{
    return dc_layout_document_each(doc, fs, NULL, NULL, err);
}

dc_layout *dc_layout_document_each(const dc_doc *doc, const dc_fontset *fs,
                                   dc_page_done_fn page_done, void *ctx, dc_error *err)
{
    if (!fs || fs->nfaces == 0) {
        dc_error_set(err, DC_ERR_USAGE, "no usable font");
        return NULL;
    }
    dc_layout *L = dc_xcalloc(1, sizeof *L);
    L->face_used = dc_xcalloc(fs->nfaces, sizeof(int));
    S_ctx c = {.doc = doc, .fs = fs, .L = L, .page_done = page_done, .page_done_ctx = ctx};
    dc_layout_geometry_official(&L->geo);
    /* 28 characters of 3号 (16 pt) on a portrait line, as GB/T 9704
     * prescribes; landscape pages keep the character pitch. */
    c.track = (L->geo.text_width - 28 * 16.0f) / 27;
    if (c.track > 0 || c.track < -0.8f)
        c.track = 0;
    S_enter_section(&c, doc && doc->root ? S_section_from(&c, doc->root->first_child) : NULL);
    c.want = c.sect;
    S_fn_init(&c);
    S_new_page(&c);
    if (doc && doc->root)
        S_flow_blocks(&c, doc->root, 0);
    int at_end = 0;
    for (const dc_node *n = doc && doc->notes ? doc->notes->first_child : NULL; n; n = n->next)
        at_end |= S_note_at_end(&c, n);
    if (at_end) {
        S_use_geometry(&c, &c.sect);
        if (c.o + 3 * c.g.line_pitch > S_bottom(&c))
            S_new_page(&c);
        else if (c.o > S_EPS) {
            S_line_item(S_cur(&c), (++c.seq) << 24, c.g.left, c.g.top + c.o + c.g.line_pitch / 2,
                        c.g.left + c.g.text_width / 4, c.g.top + c.o + c.g.line_pitch / 2, 0.5f);
            c.o += c.g.line_pitch;
        }
        S_flow_blocks(&c, doc->notes, 1);
    }
    while (c.ncarry)            /* footnotes still waiting for a foot */
        S_new_page(&c);
    S_foot_flush(&c);
    /* A trailing empty page (after a final page break) is dropped. */
    if (L->npages > 1 && L->pages[L->npages - 1].nitems == 0) {
        S_page_free_lists(&L->pages[L->npages - 1]);
        L->npages--;
    }
    if (c.finished < L->npages)   /* unless it went before a dropped empty page */
        S_page_finish(&c, L->npages - 1);
    S_table_free(c.prep);
    for (size_t k = 0; k < c.nfn; k++)
        S_block_free(&c.fn[k].block);
    free(c.fn);
    free(c.fn_by_id);
    free(c.pnotes);
    free(c.carry);
    free(c.missing_bits);
    if (c.nmissing)
        qsort(c.missing, c.nmissing, sizeof *c.missing, S_u32_cmp);
    L->missing = c.missing;
    L->nmissing = c.nmissing;
    return L;
}

void dc_layout_free(dc_layout *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->npages; i++)
        S_page_free_lists(&l->pages[i]);
    free(l->pages);
    for (size_t i = 0; i < l->noutline; i++)
        free(l->outline[i].title);
    free(l->outline);
    free(l->missing);
    free(l->face_used);
    free(l);
}
