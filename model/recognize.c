/*
 * recognize.c - lift a document model into the typed disclosure model:
 * title, department and year; sections by their numbered headings; the
 * numbered outline; figures from the phrases around them; duties and the
 * glossary.  Tables are recognised in recognize_tables.c.
 *
 * Nothing depends on positions in a particular document: sections are found
 * by their headings' numbering and vocabulary, figures by their labels
 * ("一般公共预算收入", "上年结转" ...) within the section that should state
 * them (or anywhere when that section is missing).  Text is matched in a
 * normalised form (full-width forms folded, white space and quotes dropped)
 * and paragraphs are rejoined where a number or its unit was split off
 * ("上年结转1665.18" + "万元。").
 *
 * SPDX-License-Identifier: MIT
 */
#include "recognize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/amount.h"
#include "model/figures.h"
#include "model/recognize_int.h"

/* ---- small helpers ------------------------------------------------------ */

const char *dc_rec_strndup(dc_rec_ctx *cx, const char *s, size_t n)
{
    return dc_arena_strndup(&cx->d->arena, s, n);
}

int dc_rec_has(const char *norm, const char *needle)
{
    return norm && strstr(norm, needle) != NULL;
}

static int S_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Bytes of white space (ASCII, NBSP, U+3000 ...) at s, 0 when none. */
static size_t S_space_at(const char *s, size_t n)
{
    if (!n)
        return 0;
    size_t adv;
    uint32_t cp = dc_utf8_decode(s, n, &adv);
    return dc_cp_is_space(cp) ? adv : 0;
}

/* Trims white space at both ends of s[0..*n); returns the new start. */
static const char *S_trim(const char *s, size_t *n)
{
    size_t a = 0, b = *n, k;
    while (a < b && (k = S_space_at(s + a, b - a)))
        a += k;
    while (b > a) {
        /* step back one code point */
        size_t p = b - 1;
        while (p > a && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        if (!S_space_at(s + p, b - p))
            break;
        b = p;
    }
    *n = b - a;
    return s + a;
}

void dc_rec_source(const dc_rec_block *b, const dc_node *cell, dc_source *src)
{
    memset(src, 0, sizeof *src);
    src->block = b ? b->node : NULL;
    src->block_index = b ? b->index : -1;
    src->table_index = b ? b->table_index : -1;
    src->cell = cell;
    src->row = cell ? cell->as.cell.row : -1;
    src->col = cell ? cell->as.cell.col : -1;
}

void dc_rec_amount(dc_rec_ctx *cx, dc_amount *a, const dc_number *num, const char *unit,
                   const dc_source *src)
{
    a->present = 1;
    a->value = num->value;
    a->text = dc_arena_strdup(&cx->d->arena, num->text);
    a->decimals = num->decimals;
    a->unit = unit && *unit ? dc_arena_strdup(&cx->d->arena, unit) : NULL;
    if (src)
        a->src = *src;
}

/* ---- numbering markers -------------------------------------------------- */

/* Value of a Chinese numeral character: 0-9, 10 (十), 100 (百), -1 otherwise. */
static int S_cn_digit(uint32_t cp)
{
    switch (cp) {
    case 0x96F6: case 0x3007: return 0;    /* 零 〇 */
    case 0x4E00: return 1;                 /* 一 */
    case 0x4E8C: case 0x4E24: return 2;    /* 二 两 */
    case 0x4E09: return 3;                 /* 三 */
    case 0x56DB: return 4;                 /* 四 */
    case 0x4E94: return 5;                 /* 五 */
    case 0x516D: return 6;                 /* 六 */
    case 0x4E03: return 7;                 /* 七 */
    case 0x516B: return 8;                 /* 八 */
    case 0x4E5D: return 9;                 /* 九 */
    case 0x5341: return 10;                /* 十 */
    case 0x767E: return 100;               /* 百 */
    default: return -1;
    }
}

/* A Chinese numeral at s: bytes consumed (0 when none) and its value. */
static size_t S_cn_number(const char *s, size_t n, int *value)
{
    size_t i = 0;
    int total = 0, cur = 0, any = 0;
    while (i < n && i < 24) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        int d = S_cn_digit(cp);
        if (d < 0)
            break;
        if (d == 10 || d == 100) {
            total += (cur ? cur : 1) * d;
            cur = 0;
        } else {
            cur = d;
        }
        any = 1;
        i += adv;
    }
    if (!any)
        return 0;
    *value = total + cur;
    return i;
}

static size_t S_ar_number(const char *s, size_t n, int *value)
{
    size_t i = 0;
    int v = 0;
    while (i < n && i < 3 && S_is_digit(s[i]))
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || (i < n && S_is_digit(s[i])))
        return 0;
    *value = v;
    return i;
}

static int S_starts(const char *s, size_t n, const char *p)
{
    if (!n || *s != *p)
        return 0;
    size_t l = strlen(p);
    return n >= l && !memcmp(s, p, l);
}

#define S_DUN "\xE3\x80\x81"   /* 、 */

dc_num_style dc_rec_marker(const char *s, size_t n, int *num, size_t *len)
{
    int v = 0;
    size_t k;
    *num = 0;
    *len = 0;
    if (!s || !n)
        return DC_NUM_NONE;
    if (S_starts(s, n, "第") && (k = S_cn_number(s + 3, n - 3, &v)) &&
        S_starts(s + 3 + k, n - 3 - k, "部分")) {
        *num = v;
        *len = 3 + k + 6;
        return DC_NUM_PART;
    }
    if (s[0] == '(') {
        if ((k = S_cn_number(s + 1, n - 1, &v)) && 1 + k < n && s[1 + k] == ')') {
            *num = v;
            *len = k + 2;
            return DC_NUM_CN_PAREN;
        }
        if ((k = S_ar_number(s + 1, n - 1, &v)) && 1 + k < n && s[1 + k] == ')' && v > 0) {
            *num = v;
            *len = k + 2;
            return DC_NUM_AR_PAREN;
        }
        return DC_NUM_NONE;
    }
    if ((k = S_cn_number(s, n, &v))) {
        if (S_starts(s + k, n - k, S_DUN)) {
            *num = v;
            *len = k + 3;
            return DC_NUM_CN_DUN;
        }
        if (k < n && s[k] == '.' && !(k + 1 < n && S_is_digit(s[k + 1]))) {
            *num = v;
            *len = k + 1;
            return DC_NUM_CN_DUN;
        }
        return DC_NUM_NONE;
    }
    if ((k = S_ar_number(s, n, &v)) && v > 0) {
        if (S_starts(s + k, n - k, S_DUN)) {
            *num = v;
            *len = k + 3;
            return DC_NUM_AR_DUN;
        }
        if (k < n && s[k] == ')') {
            *num = v;
            *len = k + 1;
            return DC_NUM_AR_PAREN;
        }
        if (k < n && s[k] == '.') {
            const char *r = s + k + 1;
            size_t rn = n - k - 1;
            if (rn && S_is_digit(r[0])) {
                /* "10.2020年": heading 10 and a year, not the decimal 10.2020. */
                int year_follows = rn >= 7 && (S_starts(r, rn, "19") || S_starts(r, rn, "20")) &&
                                   S_is_digit(r[2]) && S_is_digit(r[3]) &&
                                   S_starts(r + 4, rn - 4, "年");
                if (!year_follows)
                    return DC_NUM_NONE;
            }
            *num = v;
            *len = k + 1;
            return DC_NUM_AR_DOT;
        }
    }
    return DC_NUM_NONE;
}

const char *dc_rec_after_marker(const char *s)
{
    size_t n = strlen(s);
    dc_norm nt;
    dc_norm_init(&nt);
    dc_norm_append(&nt, s, n, 0, DC_NORM_SPACE | DC_NORM_QUOTES);
    int num;
    size_t ml;
    const char *out = s;
    if (dc_rec_marker(nt.text.data, nt.text.len, &num, &ml) != DC_NUM_NONE && ml) {
        /* just after the marker's last character (quotes after it stay) */
        size_t last = nt.map[ml - 1], adv;
        dc_utf8_decode(s + last, n - last, &adv);
        out = s + last + adv;
        size_t k;
        while ((k = S_space_at(out, strlen(out))))
            out += k;
    }
    dc_norm_free(&nt);
    return out;
}

const char *dc_rec_cell_text(dc_rec_ctx *cx, const dc_node *cell)
{
    if (!cell)
        return "";
    dc_buf out = DC_BUF_INIT, tmp = DC_BUF_INIT;
    int first = 1;
    for (const dc_node *b = cell->first_child; b; b = b->next) {
        dc_buf_clear(&tmp);
        dc_node_text(b, &tmp);
        size_t n = tmp.len;
        S_trim(tmp.data ? tmp.data : "", &n);
        if (!n)
            continue;   /* a paragraph of white space shows nothing */
        if (!first)
            dc_buf_putc(&out, '\n');
        dc_buf_put(&out, tmp.data, tmp.len);
        first = 0;
    }
    const char *r = dc_arena_strndup(&cx->d->arena, out.data ? out.data : "", out.len);
    dc_buf_free(&out);
    dc_buf_free(&tmp);
    return r;
}

/* ---- blocks ------------------------------------------------------------- */

static int S_is_para(const dc_node *n)
{
    return n && (n->type == DC_NODE_PARAGRAPH || n->type == DC_NODE_HEADING);
}

/* The numbering marker of a block: the list label when the document's
 * numbering gives one (the label only: "6." of "6.120急救…"), else the typed
 * marker at the start of the text. */
static void S_block_marker(dc_rec_block *blk, const dc_para *p)
{
    if (p->list_label && p->list_id > 0) {
        char *ln = dc_norm_dup(p->list_label, strlen(p->list_label), DC_NORM_SPACE | DC_NORM_QUOTES);
        size_t lnl = strlen(ln), ml;
        blk->nstyle = dc_rec_marker(ln, lnl, &blk->num, &ml);
        if (blk->nstyle != DC_NUM_NONE) {
            blk->list_id = p->list_id;
            blk->list_level = p->list_level;
            blk->mark_nlen = blk->nlen >= lnl && !memcmp(blk->norm, ln, lnl) ? lnl : 0;
        }
        free(ln);
        return;
    }
    blk->nstyle = dc_rec_marker(blk->norm, blk->nlen, &blk->num, &blk->mark_nlen);
    if (blk->nstyle != DC_NUM_NONE)
        return;
    /* "6.120急救中心": a typed "6." before digits that are no amount (no unit
       follows); whether it is item 6 depends on the list around it */
    const char *s = blk->norm;
    size_t i = 0;
    while (i < blk->nlen && i < 4 && S_is_digit(s[i]))
        i++;
    if (i == 0 || i >= blk->nlen || s[i] != '.' || i + 1 >= blk->nlen || !S_is_digit(s[i + 1]))
        return;
    dc_number num;
    if (!dc_number_at(s, blk->nlen, 0, &num) || num.unit[0] || num.end >= blk->nlen ||
        (unsigned char)s[num.end] < 0xC0)
        return;
    blk->dot_candidate = 1;
    blk->num = atoi(s);
    blk->mark_nlen = i + 1;
}

static void S_blocks(dc_rec_ctx *cx)
{
    const dc_doc *doc = cx->d->doc;
    size_t n = 0;
    for (const dc_node *b = doc->root ? doc->root->first_child : NULL; b; b = b->next)
        n++;
    cx->blocks = dc_xcalloc(n ? n : 1, sizeof *cx->blocks);
    cx->nblocks = n;
    dc_buf tb = DC_BUF_INIT;
    int i = 0, ti = 0;
    for (const dc_node *b = doc->root ? doc->root->first_child : NULL; b; b = b->next, i++) {
        dc_rec_block *blk = &cx->blocks[i];
        blk->node = b;
        blk->index = i;
        blk->table_index = -1;
        blk->section = -1;
        blk->text = blk->norm = "";
        if (b->type == DC_NODE_TABLE) {
            blk->table_index = ti++;
            continue;
        }
        if (!S_is_para(b))
            continue;
        dc_buf_clear(&tb);
        dc_node_text(b, &tb);
        size_t len = tb.len;
        const char *t = S_trim(tb.data ? tb.data : "", &len);
        blk->text = dc_rec_strndup(cx, t, len);
        blk->len = len;
        char *norm = dc_norm_dup(t, len, DC_NORM_SPACE | DC_NORM_QUOTES);
        blk->nlen = strlen(norm);
        blk->norm = dc_rec_strndup(cx, norm, blk->nlen);
        free(norm);
        const dc_para *p = &b->as.para;
        S_block_marker(blk, p);
        if (p->heading_level > 0)
            blk->heading_level = p->heading_level;
        else if (p->outline_level >= 0 && p->outline_level < 9)
            blk->heading_level = p->outline_level + 1;
    }
    dc_buf_free(&tb);
}

/* Short, no full stop inside, or styled as a heading. */
static int S_heading_like(const dc_rec_block *b)
{
    if (b->heading_level > 0)
        return 1;
    if (dc_utf8_count(b->text, b->len) > 40)
        return 0;
    return strstr(b->norm, "。") == NULL;
}

/* ---- a typed table of contents ----------------------------------------- */

/* Bytes of a leader character ending s[0..n) (. … ⋯ · ． — -), 0 if none. */
static size_t S_leader_end(const char *s, size_t n)
{
    static const char *const leaders[] = {"\xE2\x80\xA6", "\xE2\x8B\xAF", "\xC2\xB7",
                                          "\xEF\xBC\x8E", "\xE2\x80\x94", ".", "-", NULL};
    for (const char *const *l = leaders; *l; l++) {
        size_t k = strlen(*l);
        if (n >= k && !memcmp(s + n - k, *l, k))
            return k;
    }
    return 0;
}

/* The length of a contents entry without its page number and leader
 * ("第一部分 部门概况……3" → 第一部分部门概况); *paged is set when the raw
 * text ends in a page number after white space or a leader. */
static size_t S_toc_core(const dc_rec_block *b, int *paged)
{
    size_t n = b->len, digits = 0;
    while (n && S_is_digit(b->text[n - 1]) && digits < 4) {
        n--;
        digits++;
    }
    *paged = digits && digits < 4 && n &&
             (S_space_at(b->text + n - 1, 1) || S_leader_end(b->text, n) ||
              (unsigned char)b->text[n - 1] == 0xA0);
    size_t m = b->nlen;
    if (*paged)
        m -= digits;
    for (size_t k; m && (k = S_leader_end(b->norm, m)) > 0;)
        m -= k;
    return m;
}

/* A table of contents typed as paragraphs: "目录" (or 目次) and the short
 * lines after it, up to the line that repeats the first entry (where the body
 * starts), else the lines that each end in a page number.  They are marked
 * in_toc: not headings, sections or list items of the body. */
static void S_typed_toc(dc_rec_ctx *cx)
{
    for (size_t i = 0; i < cx->nblocks; i++) {
        dc_rec_block *b = &cx->blocks[i];
        if (!S_is_para(b->node))
            continue;
        /* a table of contents Word generated: its entries are styled "toc N" (目录 N) */
        const char *sn = b->node->as.para.style_name;
        if (sn && (!strncasecmp(sn, "toc ", 4) || !strncmp(sn, "目录 ", strlen("目录 ")))) {
            b->in_toc = 1;
            continue;
        }
        if (strcmp(b->norm, "目录") && strcmp(b->norm, "目次"))
            continue;
        size_t first = 0, flen = 0, end = 0, paged_end = 0, n = 0;
        int all_paged = 1;
        for (size_t j = i + 1; j < cx->nblocks && n < 400; j++) {
            const dc_rec_block *e = &cx->blocks[j];
            if (!S_is_para(e->node))
                break;
            if (!e->nlen)
                continue;
            int paged;
            size_t clen = S_toc_core(e, &paged);
            if (n && clen == flen && !memcmp(e->norm, cx->blocks[first].norm, clen)) {
                end = j;
                break;
            }
            if (!clen || dc_utf8_count(e->text, e->len) > 60 || strstr(e->norm, "。"))
                break;
            if (!n) {
                first = j;
                flen = clen;
            }
            all_paged &= paged;
            if (all_paged)
                paged_end = j + 1;
            n++;
        }
        if (!end)
            end = paged_end > first + 1 ? paged_end : 0;
        for (size_t j = i; j < end; j++)
            cx->blocks[j].in_toc = 1;
        if (end)
            i = end - 1;
    }
}

/* ---- title, department, year -------------------------------------------- */

/* First "YYYY年" (1990-2099) in normalised text at or after from; returns its
 * offset or -1, and the year. */
static long S_find_year(const char *s, size_t n, size_t from, int *year)
{
    for (size_t i = from; i + 7 <= n; i++) {
        if (!S_is_digit(s[i]) || (i > 0 && S_is_digit(s[i - 1])))
            continue;
        if (!(S_is_digit(s[i + 1]) && S_is_digit(s[i + 2]) && S_is_digit(s[i + 3])))
            continue;
        if (i + 4 < n && S_is_digit(s[i + 4]))
            continue;
        if (!S_starts(s + i + 4, n - i - 4, "年"))
            continue;
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
                (s[i + 3] - '0');
        if (y < 1990 || y > 2099)
            continue;
        *year = y;
        return (long)i;
    }
    return -1;
}

/* Raw substring of src between normalised offsets [a, b), trimmed; arena. */
static const char *S_raw_span(dc_rec_ctx *cx, const char *src, const dc_norm *nt, size_t a,
                              size_t b)
{
    size_t ra = nt->map[a], rb = b >= nt->text.len ? nt->map[nt->text.len] : nt->map[b];
    if (rb < ra)
        rb = ra;
    size_t n = rb - ra;
    const char *t = S_trim(src + ra, &n);
    return n ? dc_rec_strndup(cx, t, n) : NULL;
}

static const char *const S_doc_kinds[] = {
    "部门预算", "部门决算", "单位预算", "单位决算", "预算", "决算", "信息公开", "公开", NULL
};

/* Finds the title; returns the body index of its last block, -1 when none. */
static int S_title(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    int first = -1, last = -1;
    /* A run of title-styled paragraphs near the start. */
    for (size_t i = 0; i < cx->nblocks && i < 12; i++) {
        const dc_rec_block *b = &cx->blocks[i];
        if (!S_is_para(b->node) || !b->len) {
            if (first >= 0 && b->node->type != DC_NODE_PARAGRAPH)
                break;
            continue;
        }
        if (b->node->as.para.is_title) {
            if (first < 0)
                first = (int)i;
            last = (int)i;
        } else if (first >= 0) {
            break;
        }
    }
    if (first < 0) {
        /* Else the first short paragraph that names a disclosure. */
        for (size_t i = 0; i < cx->nblocks && i < 12; i++) {
            const dc_rec_block *b = &cx->blocks[i];
            if (!S_is_para(b->node) || !b->len)
                continue;
            if (b->nstyle != DC_NUM_NONE)
                break;
            if (dc_utf8_count(b->text, b->len) > 80 || S_starts(b->norm, b->nlen, "按照") ||
                S_starts(b->norm, b->nlen, "根据"))
                continue;
            int named = dc_rec_has(b->norm, "预算") || dc_rec_has(b->norm, "决算") ||
                        dc_rec_has(b->norm, "公开") || dc_rec_has(b->norm, "说明");
            /* A title wrapped over two centred paragraphs ("XX局" / "2021年部门预算…"). */
            const dc_rec_block *nb = NULL;
            for (size_t k = i + 1; k < cx->nblocks && k < i + 3; k++) {
                if (S_is_para(cx->blocks[k].node) && cx->blocks[k].len) {
                    nb = &cx->blocks[k];
                    break;
                }
            }
            int wrapped = nb && b->node->as.para.align == DC_ALIGN_CENTER &&
                          nb->node->as.para.align == DC_ALIGN_CENTER &&
                          nb->nstyle == DC_NUM_NONE && dc_utf8_count(b->text, b->len) <= 40 &&
                          dc_utf8_count(nb->text, nb->len) <= 40;
            int join = wrapped && (dc_rec_has(nb->norm, "预算") || dc_rec_has(nb->norm, "决算") ||
                                   dc_rec_has(nb->norm, "公开") || dc_rec_has(nb->norm, "说明"));
            if (named || join) {
                first = last = (int)i;
                if (join)
                    last = nb->index;
                break;
            }
        }
    }
    dc_buf t = DC_BUF_INIT;
    if (first >= 0) {
        for (int i = first; i <= last; i++)
            if (cx->blocks[i].len)
                dc_buf_put(&t, cx->blocks[i].text, cx->blocks[i].len);
        d->title = dc_rec_strndup(cx, t.data, t.len);
        dc_rec_source(&cx->blocks[first], NULL, &d->title_src);
    } else {
        d->title_src.block_index = d->title_src.table_index = -1;
        d->title_src.row = d->title_src.col = -1;
        if (d->doc->meta.title && *d->doc->meta.title)
            d->title = dc_arena_strdup(&d->arena, d->doc->meta.title);
    }
    dc_buf_free(&t);

    if (!d->title)
        return -1;
    dc_norm nt;
    dc_norm_init(&nt);
    dc_norm_append(&nt, d->title, strlen(d->title), 0, DC_NORM_SPACE | DC_NORM_QUOTES);
    const char *s = nt.text.data ? nt.text.data : "";
    size_t n = nt.text.len;
    d->is_final_accounts = dc_rec_has(s, "决算") && !dc_rec_has(s, "预算");
    int year = 0;
    long yp = S_find_year(s, n, 0, &year);
    if (yp >= 0)
        d->year = year;
    size_t a = 0, b = 0;
    if (S_starts(s, n, "关于"))
        a = 6;
    if (yp > (long)a) {
        b = (size_t)yp;
    } else {
        /* "2021年XX局部门预算…" or no year: the name ends where the kind begins. */
        if (yp >= 0) {
            a = (size_t)yp + 7;
            if (S_starts(s + a, n - a, "度"))
                a += 3;
        }
        b = a;
        for (const char *const *k = S_doc_kinds; *k; k++) {
            const char *p = strstr(s + a, *k);
            if (p) {
                b = (size_t)(p - s);
                break;
            }
        }
    }
    if (b > a)
        d->department = S_raw_span(cx, d->title, &nt, a, b);
    dc_norm_free(&nt);
    return first >= 0 ? cx->blocks[last].index : -1;
}

/* Department and year from the preamble ("现将XX局2021年部门预算公开如下"). */
static void S_preamble(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    if (d->department && d->year)
        return;
    for (size_t i = 0; i < cx->nblocks && i < 20; i++) {
        const dc_rec_block *b = &cx->blocks[i];
        if (!S_is_para(b->node) || !b->len || b->section >= 0)
            continue;
        dc_norm nt;
        dc_norm_init(&nt);
        dc_norm_append(&nt, b->text, b->len, 0, DC_NORM_SPACE | DC_NORM_QUOTES);
        const char *s = nt.text.data ? nt.text.data : "";
        const char *p = strstr(s, "现将");
        int year = 0;
        if (p) {
            size_t a = (size_t)(p - s) + 6;
            long yp = S_find_year(s, nt.text.len, a, &year);
            if (yp > (long)a && !d->department)
                d->department = S_raw_span(cx, b->text, &nt, a, (size_t)yp);
            if (yp >= 0 && !d->year)
                d->year = year;
        }
        dc_norm_free(&nt);
        if (d->department && d->year)
            return;
    }
}

/* ---- sections ----------------------------------------------------------- */

/* The kind a heading names: the first rule with one of its words in s (the
 * order matters: "三公经费支出" is 三公, not budget; a bare "概况" comes last). */
static dc_section_kind S_section_kind(const char *s)
{
    static const struct {
        dc_section_kind kind;
        const char *words[11];   /* NULL-terminated: at most 10 */
    } rules[] = {
        {DC_SECTION_THREE_PUBLIC, {"三公"}},
        {DC_SECTION_OPERATING, {"机关运行"}},
        {DC_SECTION_PROCUREMENT, {"政府采购"}},
        {DC_SECTION_ASSETS, {"国有资产", "资产占用", "固定资产"}},
        {DC_SECTION_GLOSSARY, {"名词解释", "名词说明", "专业名词"}},
        {DC_SECTION_PERFORMANCE, {"绩效"}},
        {DC_SECTION_OTHER, {"其他需要说明", "其他需说明", "其他说明", "其他事项", "其他重要事项"}},
        {DC_SECTION_DUTIES, {"职责", "机构设置", "职能", "基本情况", "部门概况", "单位概况"}},
        {DC_SECTION_BUDGET, {"总体情况", "收支", "收入支出", "预算安排", "收入", "支出", "决算情况",
                             "预算情况", "预算表", "决算表"}},
        {DC_SECTION_DUTIES, {"概况"}},   /* "第一部分 白石县农业农村局概况" */
    };
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++)
        for (const char *const *w = rules[r].words; *w; w++)
            if (dc_rec_has(s, *w))
                return rules[r].kind;
    return DC_SECTION_UNKNOWN;
}

static void S_sections(dc_rec_ctx *cx, int title_block_last)
{
    dc_disclosure *d = cx->d;
    size_t cap = 0;
    int last_num = 0;
    for (size_t i = 0; i < cx->nblocks; i++) {
        dc_rec_block *b = &cx->blocks[i];
        if (!S_is_para(b->node) || !b->len || (int)i <= title_block_last || b->in_toc)
            continue;
        dc_section_kind kind;
        int number = 0;
        if (b->nstyle == DC_NUM_CN_DUN) {
            if (!S_heading_like(b))
                continue;
            kind = S_section_kind(b->norm + b->mark_nlen);
            if (kind == DC_SECTION_UNKNOWN && b->heading_level != 1 && b->num != last_num + 1)
                continue;
            /* "一、…" items inside a section (not its next number, not a level-1
               heading) stay body text; a known section a number or two on
               (a skipped number: numbering.skip says so) is still a section. */
            if (b->heading_level > 1 && b->num != last_num + 1 &&
                (kind == DC_SECTION_UNKNOWN || b->num <= last_num || b->num > last_num + 3))
                continue;
            number = b->num;
        } else if (b->nstyle == DC_NUM_NONE && b->heading_level == 1 && S_heading_like(b)) {
            kind = S_section_kind(b->norm);
            if (kind == DC_SECTION_UNKNOWN)
                continue;
        } else if (b->nstyle == DC_NUM_PART && S_heading_like(b)) {
            /* "第三部分 名词解释" (the final-accounts template) is a section;
               "第一部分 部门整体绩效目标" inside 绩效 is not a new one */
            kind = S_section_kind(b->norm + b->mark_nlen);
            if (kind == DC_SECTION_UNKNOWN ||
                (d->nsections && d->sections[d->nsections - 1].kind == kind))
                continue;
            last_num = 0;   /* its 一、二、… start again */
        } else {
            continue;
        }
        DC_ARENA_GROW(&d->arena, d->sections, d->nsections, cap, 16);
        dc_section *s = &d->sections[d->nsections++];
        memset(s, 0, sizeof *s);
        s->kind = kind;
        s->number = number;
        s->heading = b->text;
        s->node = b->node;
        s->block_index = b->index;
        s->first_index = s->last_index = -1;
        if (number)
            last_num = number;
    }
    /* Block ranges. */
    size_t k = 0;
    for (size_t i = 0; i < cx->nblocks; i++) {
        while (k < d->nsections && d->sections[k].block_index <= (int)i) {
            k++;
        }
        if (k == 0)
            continue;
        dc_section *s = &d->sections[k - 1];
        cx->blocks[i].section = (int)(k - 1);
        if ((int)i == s->block_index)
            continue;
        if (s->first_index < 0) {
            s->first_index = (int)i;
            s->first = cx->blocks[i].node;
        }
        s->last_index = (int)i;
        s->last = cx->blocks[i].node;
    }
    /* Level-1 headings, and the required sections that were not found. */
    d->heading1 = dc_arena_alloc(&d->arena, (d->nsections ? d->nsections : 1) * sizeof(char *));
    for (size_t i = 0; i < d->nsections; i++)
        d->heading1[d->nheading1++] = d->sections[i].heading;
    d->missing_sections = dc_arena_alloc(&d->arena, DC_SECTION_KIND_COUNT * sizeof(char *));
    for (int kind = DC_SECTION_DUTIES; kind < DC_SECTION_KIND_COUNT; kind++) {
        int found = 0;
        for (size_t i = 0; i < d->nsections; i++)
            if ((int)d->sections[i].kind == kind)
                found = 1;
        if (!found)
            d->missing_sections[d->nmissing++] = dc_section_kind_name((dc_section_kind)kind);
    }
}

static dc_section_kind S_block_kind(const dc_rec_ctx *cx, const dc_rec_block *b)
{
    return b->section >= 0 ? cx->d->sections[b->section].kind : DC_SECTION_UNKNOWN;
}

static int S_is_section_heading(const dc_rec_ctx *cx, const dc_rec_block *b)
{
    return b->section >= 0 && cx->d->sections[b->section].block_index == b->index;
}

/* ---- outline ------------------------------------------------------------ */

/* Whether a "6.120…" block is item n of the "1." list before it at its level. */
static int S_dot_continues(const dc_disclosure *d, const dc_rec_block *b, int level)
{
    for (size_t k = d->noutline; k-- > 0;) {
        const dc_outline_item *o = &d->outline[k];
        if (o->heading_level < level)
            return 0;
        if (o->style == DC_NUM_AR_DOT && o->heading_level == level && !o->is_caption &&
            !o->list_id)
            return o->number + 1 == b->num;
    }
    return 0;
}

/* The level of an unstyled "第N部分" line that is no section of its own
 * ("第二部分 2023年度部门决算表", "第五部分 附件"): the level of the part
 * before it when it is that list's next number, else 0 (body text). */
static int S_part_level(const dc_disclosure *d, const dc_rec_block *b)
{
    for (size_t k = d->noutline; k-- > 0;) {
        const dc_outline_item *o = &d->outline[k];
        if (o->style == DC_NUM_PART && !o->is_caption)
            return o->heading_level > 0 && o->number + 1 == b->num ? o->heading_level : 0;
    }
    return 0;
}

static void S_outline(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    size_t n = 0;
    for (size_t i = 0; i < cx->nblocks; i++)
        if (cx->blocks[i].nstyle != DC_NUM_NONE || cx->blocks[i].dot_candidate)
            n++;
    d->outline = dc_arena_alloc(&d->arena, (n ? n : 1) * sizeof *d->outline);
    for (size_t i = 0; i < cx->nblocks; i++) {
        const dc_rec_block *b = &cx->blocks[i];
        int level = S_is_section_heading(cx, b) && !b->heading_level ? 1 : b->heading_level;
        if (b->in_toc)
            continue;
        if (!level && b->nstyle == DC_NUM_PART && S_heading_like(b))
            level = S_part_level(d, b);
        if (b->nstyle == DC_NUM_NONE &&
            !(b->dot_candidate && !b->node->as.para.is_caption && S_dot_continues(d, b, level)))
            continue;
        dc_outline_item *it = &d->outline[d->noutline++];
        it->style = b->nstyle != DC_NUM_NONE ? b->nstyle : DC_NUM_AR_DOT;
        it->number = b->num;
        it->heading_level = level;
        it->is_caption = b->node->as.para.is_caption;
        it->list_id = b->list_id;
        it->list_level = b->list_level;
        it->text = b->text;
        it->node = b->node;
        it->block_index = b->index;
    }
}

/* ---- text streams and figures ------------------------------------------- */

/* The normalised text of the paragraphs of some sections, one after the other;
 * paragraphs are separated by '\n' unless a number or its unit was split
 * between them. */
typedef struct {
    dc_buf text;
    size_t *off;     /* segment start offsets */
    int *blk;        /* segment block indices */
    size_t n, cap;
} S_stream;

static void S_stream_free(S_stream *st)
{
    dc_buf_free(&st->text);
    free(st->off);
    free(st->blk);
    memset(st, 0, sizeof *st);
}

static int S_unit_start(const char *s, size_t n)
{
    size_t ul = dc_unit_len(s, n);
    if (!ul)
        return 0;
    char u[48];
    if (ul >= sizeof u)
        return 0;
    memcpy(u, s, ul);
    u[ul] = '\0';
    return dc_unit_is_money(u) || !strcmp(u, "%");
}

/* kind < 0: every paragraph of the body. */
static void S_stream_build(dc_rec_ctx *cx, S_stream *st, int kind)
{
    memset(st, 0, sizeof *st);
    const dc_rec_block *prev = NULL;
    for (size_t i = 0; i < cx->nblocks; i++) {
        const dc_rec_block *b = &cx->blocks[i];
        if (!S_is_para(b->node) || !b->nlen || S_is_section_heading(cx, b))
            continue;
        if (kind >= 0 && (int)S_block_kind(cx, b) != kind)
            continue;
        if (st->text.len) {
            char last = st->text.data[st->text.len - 1];
            char first = b->norm[0];
            int join = prev && prev->heading_level == 0 && prev->index + 4 >= b->index &&
                       b->nstyle == DC_NUM_NONE && b->heading_level == 0 &&
                       (S_is_digit(last) || last == '.' || last == ',') &&
                       (S_is_digit(first) || first == '.' || S_unit_start(b->norm, b->nlen));
            if (!join)
                dc_buf_putc(&st->text, '\n');
        }
        if (st->n == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 32;
            st->off = dc_xrealloc(st->off, st->cap * sizeof *st->off);
            st->blk = dc_xrealloc(st->blk, st->cap * sizeof *st->blk);
        }
        st->off[st->n] = st->text.len;
        st->blk[st->n] = (int)i;
        st->n++;
        dc_buf_put(&st->text, b->norm, b->nlen);
        prev = b;
    }
}

static const dc_rec_block *S_stream_block(const dc_rec_ctx *cx, const S_stream *st, size_t pos)
{
    if (!st->n)
        return NULL;
    size_t lo = 0, hi = st->n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (st->off[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return &cx->blocks[st->blk[lo]];
}

/* The figures come from the figure table (model/figures.h): its aliases are
 * the labels matched here.  Two more pseudo-figures: a label naming the total
 * of income and expenditure at once ("收支预算", "收入、支出决算总计"), which
 * gives both; and the subtotals of this year's income or expenditure without
 * the carry-over ("本年收入合计", a final account's sentence before 年初结转和
 * 结余), which give neither but keep "本年收入" inside them from being read
 * as the total. */
enum { F_BOTH_TOTAL = DC_FIG_COUNT, F_SUBTOTAL, F_COUNT };

static const char *const S_both_labels[] = {
    "收入、支出决算总计", "收入、支出总计", "收入支出决算总计", "收支决算总计",
    "~收支预算", "~预算收支", "~收支总预算", "~收支总计", "~收支决算", "~决算收支", NULL
};

static const char *const S_subtotal_labels[] = {"本年收入合计", "本年支出合计", NULL};

/* The labels of figure fig (the pseudo-figures included), NULL-terminated. */
static const char *const *S_fig_labels(int fig)
{
    if (fig == F_SUBTOTAL)
        return S_subtotal_labels;
    return fig == F_BOTH_TOTAL ? S_both_labels : dc_figure_describe((dc_figure)fig)->aliases;
}

dc_amount *dc_rec_label_amount(dc_rec_ctx *cx, const char *norm)
{
    /* subtotals of a 收支总表 are not figures of the model */
    if (!strcmp(norm, "本年收入合计") || !strcmp(norm, "本年支出合计"))
        return NULL;
    for (int f = 0; f < DC_FIG_COUNT; f++)
        for (const char *const *l = S_fig_labels(f); *l; l++)
            if (**l != '~' && !strcmp(norm, *l))
                return dc_figure_at(cx->d, (dc_figure)f);
    return NULL;
}

typedef struct {
    size_t pos, end;
    int fig, weak;
} S_match;

static int S_match_cmp(const void *a, const void *b)
{
    const S_match *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return 0;
}

typedef struct {
    uint32_t key;        /* the label's first three bytes */
    const char *label;
    size_t len;
    int fig, weak, seq;  /* seq: the label's place in the table */
} S_lab;

static uint32_t S_key3(const char *p, size_t n)
{
    uint32_t k = 0;
    for (size_t i = 0; i < 3; i++)
        k = k << 8 | (i < n ? (unsigned char)p[i] : 0);
    return k;
}

static int S_lab_cmp(const void *a, const void *b)
{
    const S_lab *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Characters that end the stretch between a label and its number. */
static int S_window_stop(const char *s, size_t n)
{
    static const char *const stops[] = {
        "。", "、", ",", ";", "\n", "!", "?", "增", "减", "降", "升", "较", "比", "占",
        "其中", "包括", NULL
    };
    for (const char *const *p = stops; *p; p++)
        if (S_starts(s, n, *p))
            return 1;
    return 0;
}

/* The money amount that follows a label within a few characters. */
static int S_window_number(const char *s, size_t n, size_t pos, size_t limit, dc_number *out)
{
    size_t i = pos;
    int cps = 0;
    if (limit > n)
        limit = n;
    while (i < limit && cps <= 12) {
        if (S_is_digit(s[i])) {
            dc_number_at(s, n, i, out);
            if (dc_unit_is_money(out->unit))
                return 1;
            if (!strcmp(out->unit, "年") || !strcmp(out->unit, "月") || !strcmp(out->unit, "日")) {
                i = out->end;
                cps += 2;
                continue;
            }
            return 0;
        }
        if (S_window_stop(s + i, n - i))
            return 0;
        size_t adv;
        dc_utf8_decode(s + i, n - i, &adv);
        i += adv;
        cps++;
    }
    return 0;
}

/* Finds the labelled figures of one section kind (kind < 0: any) in st. */
static void S_figures_in(dc_rec_ctx *cx, const S_stream *st, int kind, int *done)
{
    dc_disclosure *d = cx->d;
    const char *s = st->text.data ? st->text.data : "";
    size_t n = st->text.len;
    S_match *m = NULL;
    size_t nm = 0, cap = 0;
    /* The labels still wanted, sorted by their first character, then one pass
       over the text: work grows with the text, not with text x labels. */
    S_lab *labs = NULL;
    size_t nl = 0, capl = 0;
    for (int f = 0; f < F_COUNT; f++) {
        int fk = f >= DC_FIG_COUNT ? DC_SECTION_BUDGET
                                   : (int)dc_figure_describe((dc_figure)f)->section;
        if (kind >= 0 && fk != kind)
            continue;
        if (f == F_BOTH_TOTAL ? (done[DC_FIG_INCOME_TOTAL] && done[DC_FIG_EXP_TOTAL]) : done[f])
            continue;
        for (const char *const *l = S_fig_labels(f); *l; l++) {
            DC_GROW(labs, nl, capl, 128);
            labs[nl].weak = **l == '~';
            labs[nl].label = *l + labs[nl].weak;
            labs[nl].len = strlen(labs[nl].label);
            labs[nl].key = S_key3(labs[nl].label, labs[nl].len);
            labs[nl].fig = f;
            labs[nl].seq = (int)nl;
            nl++;
        }
    }
    if (nl)
        qsort(labs, nl, sizeof *labs, S_lab_cmp);
    for (size_t i = 0; nl && i + 3 <= n; i++) {
        if ((unsigned char)s[i] < 0xC0)
            continue;   /* labels start with a CJK character */
        uint32_t key = S_key3(s + i, n - i);
        size_t lo = 0, hi = nl;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (labs[mid].key < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < nl && labs[k].key == key; k++) {
            if (labs[k].len > n - i || memcmp(s + i, labs[k].label, labs[k].len))
                continue;
            DC_GROW(m, nm, cap, 32);
            m[nm].pos = i;
            m[nm].end = i + labs[k].len;
            m[nm].fig = labs[k].fig;
            m[nm].weak = labs[k].weak;
            nm++;
        }
    }
    if (nm)
        qsort(m, nm, sizeof *m, S_match_cmp);
    /* Drop labels inside or overlapping earlier ones: "预算收入" inside
       "一般公共预算收入", "支出预算" overlapping "项目支出预算". */
    size_t keep = 0, max_end = 0;
    for (size_t i = 0; i < nm; i++) {
        if (i > 0 && m[i].pos < max_end)
            continue;
        if (m[i].end > max_end)
            max_end = m[i].end;
        m[keep++] = m[i];
    }
    nm = keep;
    /* Strong labels first, then the weak ones for what is still missing. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < nm; i++) {
            if (m[i].weak != pass)
                continue;
            if (m[i].fig == F_SUBTOTAL)
                continue;
            int figs[2] = {m[i].fig, -1};
            if (m[i].fig == F_BOTH_TOTAL) {
                figs[0] = DC_FIG_INCOME_TOTAL;
                figs[1] = DC_FIG_EXP_TOTAL;
            }
            if (done[figs[0]] && (figs[1] < 0 || done[figs[1]]))
                continue;
            size_t limit = i + 1 < nm ? m[i + 1].pos : n;
            dc_number num;
            if (!S_window_number(s, n, m[i].end, limit, &num))
                continue;
            dc_source src;
            dc_rec_source(S_stream_block(cx, st, m[i].pos), NULL, &src);
            for (int k = 0; k < 2; k++) {
                if (figs[k] < 0 || done[figs[k]])
                    continue;
                dc_rec_amount(cx, dc_figure_at(d, (dc_figure)figs[k]), &num, num.unit, &src);
                done[figs[k]] = 1;
            }
        }
    }
    free(m);
    free(labs);
}

/* ---- changes against last year ------------------------------------------ */

static const char *const S_dir_words[] = {
    "增加", "增长", "上升", "增支", "减少", "下降", "降低", "减支", "持平", NULL
};

static dc_direction S_dir_of(const char *w)
{
    if (!strcmp(w, "持平"))
        return DC_DIR_FLAT;
    if (!strcmp(w, "减少") || !strcmp(w, "下降") || !strcmp(w, "降低") || !strcmp(w, "减支"))
        return DC_DIR_DECREASE;
    return DC_DIR_INCREASE;
}

/* Finds the next direction word in s[from..to); returns its offset or -1. */
static long S_next_dir(const char *s, size_t from, size_t to, const char **word)
{
    for (size_t i = from; i < to; i++) {
        for (const char *const *w = S_dir_words; *w; w++) {
            if (S_starts(s + i, to - i, *w)) {
                *word = *w;
                return (long)i;
            }
        }
    }
    return -1;
}

static int S_span_has(const char *s, size_t a, size_t b, const char *needle)
{
    size_t l = strlen(needle);
    for (size_t i = a; i + l <= b; i++)
        if (!memcmp(s + i, needle, l))
            return 1;
    return 0;
}

enum { S_SUBJ_NONE, S_SUBJ_TOTAL, S_SUBJ_PROJECT, S_SUBJ_BASIC };

/* What a clause of a comparison is about. */
static int S_subject(const char *s, size_t a, size_t b, int three_public)
{
    if (three_public) {
        static const char *const parts[] = {"出国", "公务用车", "公车", "公务接待", "购置",
                                            "运行", "运维", NULL};
        for (const char *const *p = parts; *p; p++)
            if (S_span_has(s, a, b, *p))
                return S_SUBJ_NONE;
        return S_SUBJ_TOTAL;
    }
    if (S_span_has(s, a, b, "项目支出"))
        return S_SUBJ_PROJECT;
    if (S_span_has(s, a, b, "基本支出"))
        return S_SUBJ_BASIC;
    static const char *const other[] = {"一般公共", "基金", "财政专户", "其他", "三公", "人员",
                                        "公用", "运行经费", "采购", "资产", "结转", "事业",
                                        "经营", "国有资本", "单位资金", NULL};
    for (const char *const *p = other; *p; p++)
        if (S_span_has(s, a, b, *p))
            return S_SUBJ_NONE;
    return S_SUBJ_TOTAL;
}

typedef struct {
    int *compared_with_year;
    dc_direction *dir;
    dc_amount *amount;
    dc_direction *project_dir, *basic_dir;
    dc_amount *project_amount, *basic_amount;
    dc_amount *last_year_total;
} S_change_target;

static int S_is_clause_end(const char *s, size_t n)
{
    return S_starts(s, n, "。") || *s == ';' || *s == '\n' || *s == '!' || *s == '?';
}

static void S_changes_in(dc_rec_ctx *cx, const S_stream *st, S_change_target *t, int three_public)
{
    const char *s = st->text.data ? st->text.data : "";
    size_t n = st->text.len;
    size_t a = 0;
    int total_done = t->dir && *t->dir != DC_DIR_NONE;
    int prev = 0;   /* the sentence before was a comparison */
    while (a < n) {
        /* one sentence: [a, b) */
        size_t b = a;
        while (b < n && !S_is_clause_end(s + b, n - b))
            b++;
        /* a comparison, or its parts in the next sentence ("…增加110.50万元。其中：基本支出
           增加60.50万元…"), or "与2023年持平" */
        int comparison = S_span_has(s, a, b, "较") || S_span_has(s, a, b, "比") ||
                         S_span_has(s, a, b, "相比") || S_span_has(s, a, b, "同比") ||
                         S_span_has(s, a, b, "上年") || (prev && S_starts(s + a, b - a, "其中")) ||
                         (S_span_has(s, a, b, "与") && S_span_has(s, a, b, "持平"));
        prev = comparison;
        if (comparison) {
            /* compared year: the first YYYY年 after 较/比/与, else 上年 */
            int year = 0;
            long yp = -1;
            for (size_t i = a; i < b; i++) {
                if (S_starts(s + i, b - i, "较") || S_starts(s + i, b - i, "比") ||
                    S_starts(s + i, b - i, "与")) {
                    int y;
                    size_t lim = i + 3 + 40 < b ? i + 3 + 40 : b;   /* 较2020年…: near */
                    long p = S_find_year(s, lim, i + 3, &y);
                    if (p >= 0 && p <= (long)i + 12) {
                        year = y;
                        yp = p;
                        break;
                    }
                    if (S_starts(s + i + 3, b - i - 3, "上年") ||
                        S_starts(s + i + 3, b - i - 3, "去年") ||
                        S_starts(s + i + 3, b - i - 3, "上一年")) {
                        year = cx->d->year ? cx->d->year - 1 : 0;
                        break;
                    }
                }
            }
            size_t c = a;   /* clause start */
            for (;;) {
                const char *w = NULL;
                long q = S_next_dir(s, c, b, &w);
                if (q < 0)
                    break;
                size_t clause_a = (size_t)q;
                while (clause_a > c && s[clause_a - 1] != ',')
                    clause_a--;
                dc_direction dir = S_dir_of(w);
                size_t after = (size_t)q + strlen(w);
                dc_number num;
                int have = 0;
                memset(&num, 0, sizeof num);
                if (dir != DC_DIR_FLAT) {
                    size_t k = after;
                    if (S_starts(s + k, b - k, "了"))
                        k += 3;
                    if (S_starts(s + k, b - k, "为"))
                        k += 3;
                    if (k < b && S_is_digit(s[k]) && dc_number_at(s, b, k, &num) &&
                        dc_unit_is_money(num.unit))
                        have = 1;
                }
                int subj = S_subject(s, clause_a, (size_t)q, three_public);
                dc_source src;
                dc_rec_source(S_stream_block(cx, st, (size_t)q), NULL, &src);
                if (have || dir == DC_DIR_FLAT) {
                    if (dir == DC_DIR_FLAT) {
                        memset(&num, 0, sizeof num);
                        strcpy(num.text, "0");
                        strcpy(num.unit, "万元");
                    }
                    if (have && num.value == 0)
                        dir = DC_DIR_FLAT;
                    if (subj == S_SUBJ_TOTAL && !total_done) {
                        *t->dir = dir;
                        dc_rec_amount(cx, t->amount, &num, num.unit, &src);
                        if (t->compared_with_year && year)
                            *t->compared_with_year = year;
                        /* a money figure between the year and the word: last year's total */
                        if (t->last_year_total && yp >= 0) {
                            dc_number ly;
                            size_t from = (size_t)yp + 7;
                            while (dc_number_next(s, (size_t)q, from, &ly)) {
                                if (dc_unit_is_money(ly.unit)) {
                                    dc_rec_amount(cx, t->last_year_total, &ly, ly.unit, &src);
                                    break;
                                }
                                from = ly.end;
                            }
                        }
                        total_done = 1;
                    } else if (subj == S_SUBJ_PROJECT && t->project_dir &&
                               *t->project_dir == DC_DIR_NONE) {
                        *t->project_dir = dir;
                        dc_rec_amount(cx, t->project_amount, &num, num.unit, &src);
                    } else if (subj == S_SUBJ_BASIC && t->basic_dir &&
                               *t->basic_dir == DC_DIR_NONE) {
                        *t->basic_dir = dir;
                        dc_rec_amount(cx, t->basic_amount, &num, num.unit, &src);
                    }
                }
                c = have ? num.end : after;
            }
        }
        a = b;
        while (a < n && S_is_clause_end(s + a, n - a)) {
            size_t adv;
            dc_utf8_decode(s + a, n - a, &adv);
            a += adv;
        }
    }
}

static int S_has_section(const dc_disclosure *d, int kind)
{
    for (size_t i = 0; i < d->nsections; i++)
        if ((int)d->sections[i].kind == kind)
            return 1;
    return 0;
}

static void S_figures(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    int done[F_COUNT] = {0};
    static const int kinds[] = {DC_SECTION_BUDGET, DC_SECTION_OPERATING,
                                DC_SECTION_THREE_PUBLIC, DC_SECTION_PROCUREMENT,
                                DC_SECTION_ASSETS};
    S_stream all;
    S_stream_build(cx, &all, -1);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (!S_has_section(d, kinds[k]))
            continue;
        S_stream st;
        S_stream_build(cx, &st, kinds[k]);
        S_figures_in(cx, &st, kinds[k], done);
        if (kinds[k] == DC_SECTION_BUDGET) {
            S_change_target t = {&d->change.compared_with_year, &d->change.direction,
                                 &d->change.amount, &d->change.project_direction,
                                 &d->change.basic_direction, &d->change.project_amount,
                                 &d->change.basic_amount, &d->change.last_year_total};
            S_changes_in(cx, &st, &t, 0);
        } else if (kinds[k] == DC_SECTION_THREE_PUBLIC) {
            S_change_target t = {&d->three_public.compared_with_year,
                                 &d->three_public.change_direction, &d->three_public.change,
                                 NULL, NULL, NULL, NULL, NULL};
            S_changes_in(cx, &st, &t, 1);
        }
        S_stream_free(&st);
    }
    /* What the sections did not give, anywhere in the text. */
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        S_figures_in(cx, &all, kinds[k], done);
    if (!S_has_section(d, DC_SECTION_BUDGET)) {
        S_change_target t = {&d->change.compared_with_year, &d->change.direction,
                             &d->change.amount, &d->change.project_direction,
                             &d->change.basic_direction, &d->change.project_amount,
                             &d->change.basic_amount, &d->change.last_year_total};
        S_changes_in(cx, &all, &t, 0);
    }
    S_stream_free(&all);
    if (!d->year) {
        /* "2021年预算收入…": the first year in the budget text. */
        for (size_t i = 0; i < cx->nblocks && !d->year; i++) {
            const dc_rec_block *b = &cx->blocks[i];
            if (S_block_kind(cx, b) != DC_SECTION_BUDGET || !b->nlen)
                continue;
            int y;
            if (S_find_year(b->norm, b->nlen, 0, &y) >= 0)
                d->year = y;
        }
    }
}

/* ---- duties and glossary ------------------------------------------------ */

/* The date the assets are counted at, from the text of the assets section
 * ("截至2023年12月31日，本部门共有车辆12辆"), when no asset table gave it. */
static void S_assets_date(dc_rec_ctx *cx)
{
    for (size_t i = 0; i < cx->nblocks && !cx->d->assets.as_of; i++) {
        const dc_rec_block *b = &cx->blocks[i];
        if (!S_is_para(b->node) || S_block_kind(cx, b) != DC_SECTION_ASSETS)
            continue;
        const char *p = strstr(b->norm, "截至");
        if (!p)
            p = strstr(b->norm, "截止");
        if (p) {
            char near[48];   /* the date right after it: 截至 + 2023年12月31日 */
            snprintf(near, sizeof near, "%s", p);
            cx->d->assets.as_of = dc_rec_iso_date(cx, near);
        }
    }
}

static void S_duties(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    size_t cap = 0;
    for (int pass = 0; pass < 2 && !d->nduties; pass++) {
        for (size_t i = 0; i < cx->nblocks; i++) {
            const dc_rec_block *b = &cx->blocks[i];
            if (S_block_kind(cx, b) != DC_SECTION_DUTIES)
                continue;
            if (b->node->type == DC_NODE_TABLE)
                break;
            if (!S_is_para(b->node) || !b->len || S_is_section_heading(cx, b) ||
                b->heading_level > 0 || b->node->as.para.is_caption)
                continue;
            if (pass == 0 && b->nstyle == DC_NUM_NONE)
                continue;
            const char *end = b->text + b->len;
            if (pass == 1 && (dc_rec_has(b->norm, "机构设置") ||
                              (b->len >= 3 && (!memcmp(end - 3, "：", 3) || end[-1] == ':'))))
                continue;
            DC_ARENA_GROW(&d->arena, d->duties, d->nduties, cap, 16);
            d->duties[d->nduties++] = b->text;
        }
    }
}

static void S_glossary(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    size_t cap = 0;
    for (size_t i = 0; i < cx->nblocks; i++) {
        const dc_rec_block *b = &cx->blocks[i];
        if (S_block_kind(cx, b) != DC_SECTION_GLOSSARY || !S_is_para(b->node) || !b->len ||
            S_is_section_heading(cx, b))
            continue;
        const char *t = dc_rec_after_marker(b->text);
        const char *c1 = strstr(t, "："), *c2 = strchr(t, ':');
        const char *colon = c1 && (!c2 || c1 < c2) ? c1 : c2;
        if (!colon || colon == t)
            continue;
        size_t n = (size_t)(colon - t);
        const char *term = S_trim(t, &n);
        if (!n || dc_utf8_count(term, n) > 30)
            continue;
        DC_ARENA_GROW(&d->arena, d->glossary_terms, d->nglossary, cap, 16);
        d->glossary_terms[d->nglossary++] = dc_rec_strndup(cx, term, n);
    }
}

/* ---- what is missing ---------------------------------------------------- */

static void S_missing(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    d->missing = dc_arena_alloc(&d->arena, (DC_FIG_COUNT + 4) * sizeof *d->missing);
    /* the nine-table template has no asset, organisation or indicator tables */
    int standard = dc_disclosure_is_standard(d);
    for (int f = 0; f < DC_FIG_COUNT; f++)
        if ((dc_figure_describe((dc_figure)f)->flags & DC_FIG_CORE) &&
            !dc_figure_get(d, (dc_figure)f)->present &&
            !(standard && dc_figure_describe((dc_figure)f)->section == DC_SECTION_ASSETS))
            d->missing[d->nmissing_figures++] = dc_figure_describe((dc_figure)f)->key;
    if (!d->department)
        d->missing[d->nmissing_figures++] = "department";
    if (!d->year)
        d->missing[d->nmissing_figures++] = "year";
    if (!d->norgs && !standard)
        d->missing[d->nmissing_figures++] = "organizations";
    if (!d->nprojects && !d->department_indicators.nrows && !standard)
        d->missing[d->nmissing_figures++] = "performance_tables";
}

/* The nine-table template requires its own parts: 概况 (职责, 机构), the
 * 情况说明 and 名词解释; the county template's other sections are not missing. */
static void S_standard_sections(dc_disclosure *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nmissing; i++) {
        const char *m = d->missing_sections[i];
        if (!strcmp(m, dc_section_kind_name(DC_SECTION_DUTIES)) ||
            !strcmp(m, dc_section_kind_name(DC_SECTION_BUDGET)) ||
            !strcmp(m, dc_section_kind_name(DC_SECTION_GLOSSARY)))
            d->missing_sections[n++] = m;
    }
    d->nmissing = n;
}

/* ---- entry -------------------------------------------------------------- */

dc_disclosure *dc_recognize(const dc_doc *doc)
{
    dc_disclosure *d = dc_xcalloc(1, sizeof *d);
    d->doc = doc;
    d->money_unit = "万元";
    d->department_indicators.src.block_index = -1;
    d->department_indicators.src.table_index = -1;
    if (!doc || !doc->root)
        return d;
    dc_rec_ctx cx = {d, NULL, 0};
    S_blocks(&cx);
    S_typed_toc(&cx);
    int title_last = S_title(&cx);
    S_sections(&cx, title_last);
    S_preamble(&cx);
    S_outline(&cx);
    S_figures(&cx);
    S_duties(&cx);
    S_glossary(&cx);
    dc_rec_tables(&cx);
    S_assets_date(&cx);
    dc_rec_money(&cx);
    if (!d->procurement.total.present) {
        if (d->procurement.text_total.present)
            d->procurement.total = d->procurement.text_total;
        else if (d->procurement.table_total.present)
            d->procurement.total = d->procurement.table_total;
    }
    if (!d->assets.total.present) {
        if (d->assets.text_total.present)
            d->assets.total = d->assets.text_total;
        else if (d->assets.table_total.present)
            d->assets.total = d->assets.table_total;
    }
    if (!d->department && d->assets.compiled_by)
        d->department = d->assets.compiled_by;
    if (!d->department && d->norgs)
        d->department = d->orgs[0].name;
    if (dc_disclosure_is_standard(d))
        S_standard_sections(d);
    S_missing(&cx);
    free(cx.blocks);
    return d;
}
