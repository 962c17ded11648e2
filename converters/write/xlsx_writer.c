/*
 * xlsx_writer.c - the workbook: an overview sheet (概况), one formatted sheet
 * per body table in document order, and a consolidated indicator sheet
 * (绩效指标).  docs/xlsx.md describes the layout.
 *
 * Each table is read once through its view (model/table_view.h): its cells
 * (and those of tables nested in them, written below it) go into blocks,
 * from which header words, number cells and column formats, column widths,
 * row heights and the paper are worked out before anything is written.
 * Formats are shared through a small cache.
 *
 * SPDX-License-Identifier: MIT
 */
#include "xlsx_writer.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "model/amount.h"
#include "model/figures.h"
#include "model/table_view.h"
#include "xlsx_file.h"
#include "xlsx_money.h"
#include "xlsx_sheetname.h"

/* Sheet rows above a table: the title row and the unit row. */
#define S_TOP 2
#define S_MAX_ROWS 1048576
#define S_MAX_COLS 16384
#define S_MAX_CHARS 32767        /* per cell, in UTF-16 units */
#define S_MAX_LINKS 65530
#define S_FONT "宋体"
#define S_FONT_SIZE 11.0
#define S_LINE_PT 14.25          /* one line of 11 pt CJK text */
#define S_ROW_PT 15.0            /* Excel's default row */
#define S_MAX_ROW_PT 409.0
#define S_MIN_COL 6.0
#define S_MAX_COL 40.0
#define S_HEADER_FILL 0xD9D9D9u
#define S_NO_FILL 0xFFFFFFFFu

/* ------------------------------------------------------------------------
 * Text measures (public for the unit tests)
 * ------------------------------------------------------------------------ */

double dc_xlsx_text_width(const char *s, size_t n)
{
    size_t best = 0, cur = 0, i = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        i += adv;
        if (cp == '\n') {
            if (cur > best)
                best = cur;
            cur = 0;
        } else if (cp == '\t') {
            cur += 4;
        } else {
            cur += dc_cp_is_wide(cp) ? 2 : 1;
        }
    }
    return (double)(cur > best ? cur : best);
}

int dc_xlsx_text_lines(const char *s, size_t n, double width)
{
    if (width < 1)
        width = 1;
    int lines = 0;
    size_t i = 0;
    double cur = 0;
    for (;;) {
        if (i >= n || s[i] == '\n') {
            int l = (int)ceil(cur / width);
            lines += l < 1 ? 1 : l;
            if (i >= n)
                break;
            cur = 0;
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        i += adv;
        cur += cp == '\t' ? 4 : dc_cp_is_wide(cp) ? 2 : 1;
    }
    return lines;
}

double dc_xlsx_column_width(double text_width)
{
    double w = text_width * 1.1 + 2;
    return w < S_MIN_COL ? S_MIN_COL : w > S_MAX_COL ? S_MAX_COL : w;
}

/* ------------------------------------------------------------------------
 * Numbers as written (model/amount.h reads them)
 * ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------
 * Formats
 * ------------------------------------------------------------------------ */

typedef struct {
    unsigned char bold, wrap, halign, valign, borders, link, size2, decimals1;
    unsigned char grouped;
    unsigned char indent;    /* indentation level of the text */
    uint32_t fill;           /* S_NO_FILL = none */
} S_fkey;

typedef struct {
    S_fkey key;
    lxw_format *fmt;
} S_fentry;

/* Limits that keep hostile documents bounded (docs/xlsx.md). */
#define S_MAX_TABLE_SHEETS 10000     /* table sheets per workbook */
#define S_MERGE_BUDGET 250000        /* cells covered by merges per workbook */
#define S_MAX_FORMATS 4000           /* beyond: cell fills are dropped */

typedef struct {
    lxw_workbook *wb;
    const dc_doc *doc;
    const dc_disclosure *d;
    dc_error *err;
    S_fentry *fmts;
    size_t nfmts, capfmts;
    size_t *fhash;           /* open addressing: index + 1 into fmts, 0 = free */
    size_t fhash_cap;        /* a power of two */
    size_t merge_budget;
    dc_xlsx_names names;
    struct S_tinfo *tables;
    int ntables;             /* tables given a sheet */
    int ntables_all;         /* tables in the body */
    char overview_name[DC_XLSX_SHEETNAME_SIZE];
    char indicators_name[DC_XLSX_SHEETNAME_SIZE];
    int has_indicators;
    dc_buf tmp;
} S_ctx;

static S_fkey S_key(void)
{
    S_fkey k;
    memset(&k, 0, sizeof k);
    k.fill = S_NO_FILL;
    k.size2 = (unsigned char)(S_FONT_SIZE * 2);
    k.valign = LXW_ALIGN_VERTICAL_CENTER;
    return k;
}

static size_t S_fkey_hash(const S_fkey *k)
{
    const unsigned char *p = (const unsigned char *)k;
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < sizeof *k; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

static void S_fhash_insert(S_ctx *x, size_t index)
{
    size_t m = x->fhash_cap - 1, h = S_fkey_hash(&x->fmts[index].key) & m;
    while (x->fhash[h])
        h = (h + 1) & m;
    x->fhash[h] = index + 1;
}

static lxw_format *S_format(S_ctx *x, const S_fkey *key)
{
    S_fkey k0 = *key;
    const S_fkey *k = &k0;
    if (x->nfmts >= S_MAX_FORMATS)
        k0.fill = S_NO_FILL;
    if (x->fhash_cap) {
        size_t m = x->fhash_cap - 1, h = S_fkey_hash(k) & m;
        for (; x->fhash[h]; h = (h + 1) & m)
            if (memcmp(&x->fmts[x->fhash[h] - 1].key, k, sizeof *k) == 0)
                return x->fmts[x->fhash[h] - 1].fmt;
    }
    lxw_format *f = workbook_add_format(x->wb);
    if (!f)
        return NULL;
    format_set_font_name(f, S_FONT);
    format_set_font_size(f, k->size2 / 2.0);
    if (k->bold)
        format_set_bold(f);
    if (k->wrap)
        format_set_text_wrap(f);
    if (k->halign)
        format_set_align(f, k->halign);
    if (k->valign)
        format_set_align(f, k->valign);
    if (k->borders & DC_BORDER_TOP)
        format_set_top(f, LXW_BORDER_THIN);
    if (k->borders & DC_BORDER_BOTTOM)
        format_set_bottom(f, LXW_BORDER_THIN);
    if (k->borders & DC_BORDER_LEFT)
        format_set_left(f, LXW_BORDER_THIN);
    if (k->borders & DC_BORDER_RIGHT)
        format_set_right(f, LXW_BORDER_THIN);
    if (k->fill != S_NO_FILL) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, (lxw_color_t)k->fill);
    }
    if (k->indent)
        format_set_indent(f, k->indent);
    if (k->link) {
        format_set_font_color(f, 0x0563C1);
        format_set_underline(f, LXW_UNDERLINE_SINGLE);
    }
    if (k->decimals1) {
        int dec = k->decimals1 - 1;
        if (dec == 0 || dec == 2) {
            /* built-in 1 "0", 2 "0.00", 3 "#,##0", 4 "#,##0.00" */
            format_set_num_format_index(f, (uint8_t)((k->grouped ? 3 : 1) + (dec ? 1 : 0)));
        } else {
            char nf[40];
            snprintf(nf, sizeof nf, "%s.%.*s", k->grouped ? "#,##0" : "0", dec, "0000000000");
            format_set_num_format(f, nf);
        }
    }
    DC_GROW(x->fmts, x->nfmts, x->capfmts, 32);
    x->fmts[x->nfmts].key = *k;
    x->fmts[x->nfmts].fmt = f;
    x->nfmts++;
    if (2 * x->nfmts >= x->fhash_cap) {
        free(x->fhash);
        x->fhash_cap = x->fhash_cap ? 2 * x->fhash_cap : 64;
        x->fhash = dc_xcalloc(x->fhash_cap, sizeof *x->fhash);
        for (size_t i = 0; i < x->nfmts; i++)
            S_fhash_insert(x, i);
    } else {
        S_fhash_insert(x, x->nfmts - 1);
    }
    return f;
}

/* Records a libxlsxwriter failure (the first one wins). */
static void S_check(S_ctx *x, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR)
        dc_error_set(x->err, DC_ERR_OUTPUT, "XLSX: %s: %s", what, lxw_strerror(e));
}

/* The byte length of the longest prefix of s[0..n) that Excel accepts in a
 * cell (32,767 UTF-16 units), cut at a character boundary. */
static size_t S_clip(const char *s, size_t n)
{
    size_t i = 0, units = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        unsigned u = cp > 0xFFFF ? 2 : 1;
        if (units + u > S_MAX_CHARS)
            break;
        units += u;
        i += adv;
    }
    return i;
}

/* Writes text (any length) as a string cell. */
static void S_write_text(S_ctx *x, lxw_worksheet *ws, int r, int c, const char *s, size_t n,
                         lxw_format *f)
{
    size_t keep = n > S_MAX_CHARS ? S_clip(s, n) : n;
    if (keep == 0) {
        if (f)
            S_check(x, worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f), "blank cell");
        return;
    }
    if (keep != n || s[n] != '\0') {
        char *copy = dc_xstrndup(s, keep);
        S_check(x, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, copy, f), "string");
        free(copy);
    } else {
        S_check(x, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, f), "string");
    }
}

static void S_write_cstr(S_ctx *x, lxw_worksheet *ws, int r, int c, const char *s,
                         lxw_format *f)
{
    S_write_text(x, ws, r, c, s ? s : "", s ? strlen(s) : 0, f);
}

/* Column letters of a 0-based column into buf ("A", "AB"). */
static void S_col_name(int c, char *buf)
{
    char tmp[8];
    int n = 0;
    c++;
    while (c > 0 && n < 7) {
        int m = (c - 1) % 26;
        tmp[n++] = (char)('A' + m);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

/* "internal:'name'!B7" for a link to a sheet cell (apostrophes doubled). */
static char *S_link(const char *sheet, int r, int c)
{
    dc_buf b = DC_BUF_INIT;
    char col[8];
    dc_buf_puts(&b, "internal:'");
    for (const char *p = sheet; *p; p++) {
        if (*p == '\'')
            dc_buf_putc(&b, '\'');
        dc_buf_putc(&b, *p);
    }
    S_col_name(c, col);
    dc_buf_printf(&b, "'!%s%d", col, r + 1);
    return dc_buf_detach(&b, NULL);
}

/* ------------------------------------------------------------------------
 * Tables: captions, units, header rows
 * ------------------------------------------------------------------------ */

typedef struct S_tinfo {
    const dc_node *table;
    char *caption;           /* malloc'ed, never NULL after S_plan */
    char *unit;              /* malloc'ed or NULL */
    int skip;                /* rows at the table's top that repeat the caption or unit line */
    char name[DC_XLSX_SHEETNAME_SIZE];
} S_tinfo;

/* The sheet row of a table's row r (the caption row for a skipped one). */
static int S_sheet_row(const S_tinfo *ti, int r)
{
    return r < ti->skip ? 0 : S_TOP + r - ti->skip;
}

typedef struct {
    const dc_node *node;
    int r, c, rs, cs;
    const char *text;        /* the view's (paragraphs joined by '\n'), or own */
    size_t len;
    char *own;               /* header cells: their words; cells holding tables: their own text */
    unsigned header : 1, merge : 1;
    int is_num, decimals, grouped;
    double num;
} S_cell;

/* Starts with one of the prefixes (UTF-8 byte compare). */
static int S_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int S_ends(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* A line that states the money unit: "单位：万元", "金额单位：元", "编制单位：X  单位：万元". */
static int S_is_unit_line(const char *t)
{
    static const char *const starts[] = {"单位：", "单位:", "金额单位", "货币单位", "计量单位",
                                         "（单位", "(单位"};
    if (dc_utf8_count(t, strlen(t)) > 60 || (!strstr(t, "：") && !strchr(t, ':')))
        return 0;           /* "计量单位" alone is a column's name */
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
        if (S_starts(t, starts[i]))
            return 1;
    return strstr(t, " 单位：") || strstr(t, " 单位:") || strstr(t, "\xe3\x80\x80单位：");
}

/* A paragraph that reads like a table caption: short, no sentence
 * punctuation, and ending like a table title (…表, …情况), numbered like one
 * (表3, 附表, Table 2) or centred. */
static int S_looks_like_caption(const dc_node *para, const char *t)
{
    size_t n = dc_utf8_count(t, strlen(t));
    if (n == 0 || n > 60 || strchr(t, '\n') || strstr(t, "。") || strstr(t, "；"))
        return 0;
    if (S_ends(t, "表") || S_ends(t, "情况") || S_ends(t, "明细") || S_ends(t, "一览") ||
        S_ends(t, "表）") || S_ends(t, "表)"))
        return 1;
    const char *rest = S_starts(t, "附表") ? t + strlen("附表")
                       : S_starts(t, "表") ? t + strlen("表")
                       : S_starts(t, "Table") || S_starts(t, "TABLE") ? t + 5 : NULL;
    if (rest) {
        while (*rest == ' ')
            rest++;
        if ((*rest >= '0' && *rest <= '9') || S_starts(rest, "一") || S_starts(rest, "二") ||
            S_starts(rest, "三") || S_starts(rest, "四") || S_starts(rest, "五") ||
            S_starts(rest, "六") || S_starts(rest, "七") || S_starts(rest, "八") ||
            S_starts(rest, "九") || S_starts(rest, "十") || S_starts(t, "附表"))
            return 1;
    }
    return para->as.para.align == DC_ALIGN_CENTER && n <= 40 && !strstr(t, "，");
}

/* A short form line between a caption and its table ("填表日期：",
 * "代理机构名称：X"), skipped while looking for the caption. */
static int S_is_form_line(const char *t)
{
    const char *colon = NULL;
    for (const char *p = t; (p = strstr(p, "：")) != NULL; p += strlen("："))
        colon = p + strlen("：");
    if (!colon)
        colon = strrchr(t, ':') ? strrchr(t, ':') + 1 : NULL;
    return colon && dc_utf8_count(t, strlen(t)) <= 40 && dc_utf8_count(colon, strlen(colon)) <= 20 &&
           !strchr(t, '\n') && !strstr(t, "。");
}

/* Copies a node's trimmed visible text; NULL when empty. */
static char *S_trimmed(const dc_node *n)
{
    char *t = dc_node_text_trimmed(n);
    if (t && !*t) {
        free(t);
        t = NULL;
    }
    return t;
}

/* Text as its words, without Word's layout: white space inside a line
 * (spaces, tabs, NBSP, U+3000: how a narrow cell was made to wrap, or
 * padding such as "合    计") is dropped between two CJK or full-width
 * characters and becomes one space elsewhere ("Total  amount" -> "Total
 * amount", "表1 部门收支总表" stays); lines are trimmed and empty ones dropped; the line
 * breaks the document made on purpose (paragraphs, w:br) stay.  Returns a
 * malloc'ed string and its length. */
static char *S_words(const char *s, size_t n, size_t *out_len)
{
    dc_buf b = DC_BUF_INIT;
    uint32_t prev = 0;          /* last character written on this line, 0 at its start */
    int space = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        if (cp == '\n') {
            if (prev)
                dc_buf_putc(&b, '\n');
            prev = 0;
            space = 0;
        } else if (dc_cp_is_space(cp) || cp == 0x200B || cp == 0xFEFF) {
            space = 1;
        } else {
            if (space && prev && !(dc_cp_is_wide(prev) && dc_cp_is_wide(cp)))
                dc_buf_putc(&b, ' ');
            space = 0;
            dc_buf_put(&b, s + i, adv);
            prev = cp;
        }
        i += adv;
    }
    while (b.len && b.data[b.len - 1] == '\n')
        b.len--;
    dc_buf_putc(&b, '\0');
    b.len--;
    return dc_buf_detach(&b, out_len);
}

/* Replaces a malloc'ed text by its words (S_words). */
static char *S_words_of(char *t)
{
    if (!t)
        return NULL;
    char *w = S_words(t, strlen(t), NULL);
    free(t);
    if (!*w) {
        free(w);
        return NULL;
    }
    return w;
}

/* A title reduced to what identifies it: no white space, no leading table
 * number ("表3", "附表1", "3.", "三、") and no trailing 表, so that
 * "表5 固定资产占用情况" and "永清县县直部门固定资产占用情况表" can be
 * compared.  Returns a malloc'ed string. */
static char *S_title_core(const char *t)
{
    char *w = dc_norm_dup(t, strlen(t), DC_NORM_SPACE);
    char *p = w;
    if (S_starts(p, "附表"))
        p += strlen("附表");
    else if (S_starts(p, "表"))
        p += strlen("表");
    while ((*p >= '0' && *p <= '9') || *p == '.' || *p == '-')
        p++;
    if (S_starts(p, "、"))
        p += strlen("、");
    char *core = dc_xstrdup(p);
    size_t n = strlen(core);
    if (n >= strlen("表") && S_ends(core, "表"))
        core[n - strlen("表")] = '\0';
    free(w);
    return core;
}

/* True when a title row inside the table repeats the caption: one title
 * contains the other once numbers, spaces and the final 表 are set aside. */
static int S_same_title(const char *a, const char *b)
{
    char *ca = S_title_core(a), *cb = S_title_core(b);
    int same = *ca && *cb && (strstr(ca, cb) || strstr(cb, ca));
    free(ca);
    free(cb);
    return same;
}

/* Looks for the caption and the unit line among the paragraphs right before
 * the table. */
static void S_caption_before(const dc_node *table, S_tinfo *ti, char **heading)
{
    int looked = 0;
    for (const dc_node *b = table->prev; b && looked < 4; b = b->prev) {
        if (b->type == DC_NODE_BREAK)
            continue;
        if (b->type != DC_NODE_PARAGRAPH && b->type != DC_NODE_HEADING)
            break;
        char *t = S_trimmed(b);
        if (!t)
            continue;
        looked++;
        if (S_is_unit_line(t)) {
            if (!ti->unit)
                ti->unit = t;
            else
                free(t);
            continue;
        }
        if (b->type == DC_NODE_PARAGRAPH &&
            (b->as.para.is_caption || S_looks_like_caption(b, t)) &&
            dc_utf8_count(t, strlen(t)) <= 120) {
            ti->caption = t;
        } else if (b->type == DC_NODE_HEADING && dc_utf8_count(t, strlen(t)) <= 60) {
            *heading = t;
        } else if (b->type == DC_NODE_PARAGRAPH && S_is_form_line(t)) {
            free(t);
            continue;
        } else {
            free(t);
        }
        break;
    }
}

/* The table's first rows: a row of one cell is the caption (one cell
 * across the width, when there is no caption paragraph), a repeat of the
 * caption, or the unit line; such rows at the top are not written again
 * (ti->skip).  A unit line in a cell of a wider row ("编制单位：… | 单位：万元")
 * is the unit too. */
static void S_caption_rows(const dc_table_view *v, S_tinfo *ti)
{
    int top = 1;
    for (int r = 0; r < v->nrows && r < 3; r++) {
        size_t n = v->row_first[r + 1] - v->row_first[r];
        const dc_view_cell *c0 = v->cells + v->row_first[r];
        int taken = 0;
        int title_row = n == 1 && v->ncols > 1 && c0->col_span == v->ncols;
        for (size_t k = 0; k < n; k++) {
            char *t = S_trimmed(c0[k].node);
            if (t && S_is_unit_line(t)) {
                if (!ti->unit) {
                    ti->unit = t;
                    t = NULL;
                }
                taken = title_row;
                free(t);
                continue;
            }
            free(t);
            t = S_words(c0[k].text, c0[k].len, NULL);
            if (title_row && *t && !strchr(t, '\n') && dc_utf8_count(t, strlen(t)) <= 60 &&
                       r < 2) {
                if (!ti->caption) {
                    ti->caption = t;
                    t = NULL;
                    taken = 1;
                } else {
                    taken = S_same_title(ti->caption, t);
                }
            }
            free(t);
        }
        if (top && taken)
            ti->skip = r + 1;
        else
            top = 0;
    }
}

/* True when the next non-empty block after b is a table. */
static int S_table_follows(const dc_node *b)
{
    for (b = b->next; b; b = b->next) {
        if (b->type == DC_NODE_TABLE)
            return 1;
        char *t = b->type == DC_NODE_BREAK ? NULL : S_trimmed(b);
        if (t) {
            free(t);
            return 0;
        }
    }
    return 0;
}

/* A unit line right after the table (the first non-empty paragraph), unless
 * it is the next table's. */
static void S_unit_after(const dc_node *table, S_tinfo *ti)
{
    for (const dc_node *b = table->next; b && !ti->unit; b = b->next) {
        if (b->type != DC_NODE_PARAGRAPH && b->type != DC_NODE_HEADING)
            break;
        char *t = S_trimmed(b);
        if (!t)
            continue;
        if (S_is_unit_line(t) && !S_table_follows(b))
            ti->unit = t;
        else
            free(t);
        break;
    }
}

/* A name for a table without a caption: what the recognizer read it as,
 * else the words of its header row ("单位名称、单位性质、…"). */
static char *S_content_name(const S_ctx *x, const dc_table_view *v, int index)
{
    static const char *const kinds[DC_TABLE_KIND_COUNT] = {
        [DC_TABLE_ORGS] = "部门机构设置情况表",
        [DC_TABLE_DEPT_INDICATORS] = "部门整体支出绩效指标表",
        [DC_TABLE_PROJECT] = "项目绩效目标表",
        [DC_TABLE_PROCUREMENT] = "政府采购预算表",
        [DC_TABLE_ASSETS] = "固定资产占用情况表",
        [DC_TABLE_BUDGET_SUMMARY] = "收支预算总表",
    };
    const dc_disclosure *d = x->d;
    for (size_t i = 0; i < d->ntables; i++) {
        const dc_table_ref *ref = &d->tables[i];
        if (ref->node != v->table || ref->kind <= DC_TABLE_OTHER || ref->kind >= DC_TABLE_KIND_COUNT)
            continue;
        if (ref->kind == DC_TABLE_PROJECT && ref->item >= 0 && (size_t)ref->item < d->nprojects &&
            d->projects[ref->item].title)
            return dc_xstrdup(d->projects[ref->item].title);
        if (kinds[ref->kind])
            return dc_xstrdup(kinds[ref->kind]);
    }
    int r = v->header_first;
    for (int k = 0; r < 0 && k < v->nrows && k < 3; k++)
        if (v->row_first[k + 1] - v->row_first[k] > 1)
            r = k;
    if (r < 0 && v->nrows > 0)
        r = 0;
    dc_buf b = DC_BUF_INIT;
    int used = 0, more = 0;
    for (size_t k = r >= 0 ? v->row_first[r] : 0; r >= 0 && k < v->row_first[r + 1]; k++) {
        char *w = S_words(v->cells[k].text, v->cells[k].len, NULL);
        char *nl = strchr(w, '\n');
        if (nl)
            *nl = '\0';
        double num;
        int dec, grp;
        if (*w && dc_utf8_count(w, strlen(w)) <= 20 &&
            !dc_plain_number(w, strlen(w), &num, &dec, &grp)) {
            if (used < 3) {
                dc_buf_puts(&b, used++ ? "、" : "");
                dc_buf_puts(&b, w);
            } else {
                more = 1;
            }
        }
        free(w);
    }
    /* else the first words of the table */
    for (size_t k = 0; !b.len && k < v->ncells; k++) {
        char *w = S_words(v->cells[k].text, v->cells[k].len, NULL);
        char *nl = strchr(w, '\n');
        if (nl)
            *nl = '\0';
        if (*w) {
            size_t cut = 0;
            for (int cps = 0; w[cut] && cps < 20; cps++) {
                size_t adv;
                dc_utf8_decode(w + cut, strlen(w + cut), &adv);
                cut += adv;
            }
            dc_buf_put(&b, w, cut);
            more = w[cut] != '\0';
        }
        free(w);
    }
    if (!b.len)
        dc_buf_printf(&b, "表%d（空表）", index + 1);
    else if (more)
        dc_buf_puts(&b, "…");
    return dc_buf_detach(&b, NULL);
}

/* Finds a table's caption, its unit line and the rows at its top that
 * repeat them. */
static void S_find_caption(const S_ctx *x, const dc_table_view *v, int index, S_tinfo *ti)
{
    char *heading = NULL;
    S_caption_before(v->table, ti, &heading);
    S_caption_rows(v, ti);
    if (!ti->caption && heading) {
        ti->caption = heading;
        heading = NULL;
    }
    free(heading);
    S_unit_after(v->table, ti);
    ti->caption = S_words_of(ti->caption);
    if (!ti->caption)
        ti->caption = S_content_name(x, v, index);
}

/* Column names that mark codes: their numbers stay text ("2110101"). */
static int S_is_code_header(const char *t)
{
    return strstr(t, "编码") || strstr(t, "代码") || strstr(t, "编号");
}

/* The alignment of the first paragraph of a cell. */
static dc_align S_cell_align(const dc_node *cell)
{
    for (const dc_node *b = cell->first_child; b; b = b->next)
        if (b->type == DC_NODE_PARAGRAPH || b->type == DC_NODE_HEADING)
            return b->as.para.align;
    return DC_ALIGN_NONE;
}

/* True when the cell has text and all of it is bold. */
static int S_cell_bold(const dc_node *cell)
{
    dc_iter it;
    int any = 0;
    dc_iter_init(&it, cell);
    for (const dc_node *n; (n = dc_iter_next_node(&it));) {
        if (n->type != DC_NODE_RUN || n->as.run.is_label)
            continue;
        if (!n->as.run.bold)
            return 0;
        any = 1;
    }
    return any;
}

static unsigned char S_halign(dc_align a)
{
    switch (a) {
    case DC_ALIGN_LEFT:       return LXW_ALIGN_LEFT;
    case DC_ALIGN_CENTER:     return LXW_ALIGN_CENTER;
    case DC_ALIGN_RIGHT:      return LXW_ALIGN_RIGHT;
    case DC_ALIGN_JUSTIFY:    return LXW_ALIGN_JUSTIFY;
    case DC_ALIGN_DISTRIBUTE: return LXW_ALIGN_DISTRIBUTED;
    default:                  return LXW_ALIGN_NONE;
    }
}

static unsigned char S_valign(dc_valign v)
{
    switch (v) {
    case DC_VALIGN_TOP:    return LXW_ALIGN_VERTICAL_TOP;
    case DC_VALIGN_BOTTOM: return LXW_ALIGN_VERTICAL_BOTTOM;
    default:               return LXW_ALIGN_VERTICAL_CENTER;
    }
}

/* Print setup shared by all sheets: A4 (or `paper`), fit to one page wide
 * unless `scale` (percent) is given, centred, page numbers. */
static void S_print_page(lxw_worksheet *ws, int landscape, int paper, int scale)
{
    worksheet_set_paper(ws, (uint8_t)paper);
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    if (scale > 0)
        worksheet_set_print_scale(ws, (uint16_t)scale);
    else
        worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

/* ---- table sheets ----------------------------------------------------------
 * A sheet holds its table and, below it, every table nested in one of its
 * cells (each under a line naming the cell), as "blocks" that share the
 * sheet's columns. */

#define S_MAX_BLOCKS 256         /* tables per sheet: the body table and nested ones */
#define S_PAPER_A4 9
#define S_PAPER_A3 8
#define S_PRINT_MIN 0.66         /* 11 pt printed at >= 7.26 pt */

typedef struct {
    dc_table_view *view;
    int top;                 /* sheet row of the table's row 0 */
    int skip;                /* rows at the top not written (the caption or unit line) */
    int nrows, ncols;        /* clipped to the sheet */
    S_cell *cells;
    size_t ncells;
    int hf, hl;              /* header rows, -1 when none */
    signed char *col_dec;    /* per column: decimals of its number format, -1 none */
    unsigned char *col_grp;  /* per column: thousands separators shown */
    int parent, prow, pcol;  /* nested: the block and grid cell holding it; parent -1 */
    const dc_xlsx_money *money; /* a money table's levels, bold rows, code columns; or NULL */
} S_block;

/* The text of a cell without the tables nested in it (its own paragraphs
 * joined by '\n', as the view joins them). */
static char *S_own_text(const dc_node *cell, size_t *len)
{
    dc_buf b = DC_BUF_INIT;
    int first = 1;
    for (const dc_node *k = cell->first_child; k; k = k->next) {
        if (k->type == DC_NODE_TABLE)
            continue;
        if (!first && (k->type == DC_NODE_PARAGRAPH || k->type == DC_NODE_HEADING))
            dc_buf_putc(&b, '\n');
        if (k->type == DC_NODE_PARAGRAPH || k->type == DC_NODE_HEADING)
            first = 0;
        dc_node_text(k, &b);
    }
    dc_buf_putc(&b, '\0');
    b.len--;
    return dc_buf_detach(&b, len);
}

static int S_has_nested(const dc_node *cell)
{
    for (const dc_node *k = cell->first_child; k; k = k->next)
        if (k->type == DC_NODE_TABLE)
            return 1;
    return 0;
}

/* Loads a block's cells from its view, clipped to the sheet: texts (header
 * cells as their words, cells holding tables without them) and merges within
 * the workbook's budget. */
static void S_block_load(S_ctx *x, S_block *bk, const S_block *prev)
{
    dc_table_view *v = bk->view;
    if (prev)
        bk->top = prev->top + prev->nrows + 2;
    int room = S_MAX_ROWS - bk->top;
    if (room < 0)
        room = 0;
    bk->nrows = v->nrows < room ? v->nrows : room;
    bk->ncols = v->ncols < S_MAX_COLS ? v->ncols : S_MAX_COLS;
    bk->hf = v->header_first;
    bk->hl = v->header_last;
    if (bk->hl >= bk->nrows)
        bk->hf = bk->hl = -1;
    if (bk->hf >= 0 && bk->hf < bk->skip)
        bk->hf = bk->skip <= bk->hl ? bk->skip : -1;
    if (bk->hf < 0)
        bk->hl = -1;
    bk->cells = dc_xcalloc(v->ncells + 1, sizeof *bk->cells);
    for (size_t i = 0; i < v->ncells; i++) {
        const dc_view_cell *vc = &v->cells[i];
        if (vc->row < bk->skip || vc->row >= bk->nrows || vc->col >= bk->ncols)
            continue;
        S_cell *sc = &bk->cells[bk->ncells++];
        sc->node = vc->node;
        sc->r = vc->row;
        sc->c = vc->col;
        sc->rs = vc->row + vc->row_span > bk->nrows ? bk->nrows - vc->row : vc->row_span;
        sc->cs = vc->col + vc->col_span > bk->ncols ? bk->ncols - vc->col : vc->col_span;
        sc->text = vc->text;
        sc->len = vc->len;
        if (S_has_nested(vc->node)) {
            sc->own = S_own_text(vc->node, &sc->len);
            sc->text = sc->own;
        }
        sc->header = bk->hf >= 0 && sc->r >= bk->hf && sc->r <= bk->hl;
        if (sc->header) {
            char *w = S_words(sc->text, sc->len, &sc->len);
            free(sc->own);
            sc->own = w;
            sc->text = w;
        }
        size_t area = (size_t)sc->rs * (size_t)sc->cs;
        if (area > 1 && area <= x->merge_budget) {
            x->merge_budget -= area;
            sc->merge = 1;
        }
    }
}

/* Which cells are numbers, and one number format per column of numbers:
 * the most decimals written in it, thousands separators when any has them.
 * Columns headed 编码 / 代码 / 编号 keep their digits as text. */
static void S_block_numbers(S_block *bk)
{
    unsigned char *code = dc_xcalloc((size_t)bk->ncols + 1, 1);
    bk->col_dec = dc_xcalloc((size_t)bk->ncols + 1, 1);
    bk->col_grp = dc_xcalloc((size_t)bk->ncols + 1, 1);
    memset(bk->col_dec, -1, (size_t)bk->ncols);
    for (size_t i = 0; i < bk->ncells; i++) {
        const S_cell *c = &bk->cells[i];
        if ((c->header && S_is_code_header(c->text)) || (bk->money && bk->money->text_col[c->c]))
            memset(code + c->c, 1, (size_t)c->cs);
    }
    for (size_t i = 0; i < bk->ncells; i++) {
        S_cell *c = &bk->cells[i];
        if (c->header || code[c->c] ||
            !dc_plain_number(c->text, c->len, &c->num, &c->decimals, &c->grouped))
            continue;
        c->is_num = 1;
        if (c->decimals > bk->col_dec[c->c])
            bk->col_dec[c->c] = (signed char)c->decimals;
        bk->col_grp[c->c] |= (unsigned char)c->grouped;
    }
    free(code);
}

/* Adds a block for every table nested in a cell of block `bi`; each goes
 * below the blocks before it (one empty row and a line naming the cell
 * between), placed when it is loaded. */
static void S_block_nested(S_block *blocks, int *n, int bi)
{
    const S_block *bk = &blocks[bi];
    for (size_t i = 0; i < bk->ncells && *n < S_MAX_BLOCKS; i++) {
        const S_cell *c = &bk->cells[i];
        for (const dc_node *k = c->node->first_child; k && *n < S_MAX_BLOCKS; k = k->next) {
            if (k->type != DC_NODE_TABLE || dc_table_row_count(k) < 1)
                continue;
            S_block *nb = &blocks[(*n)++];
            memset(nb, 0, sizeof *nb);
            nb->view = dc_table_view_new(k);
            nb->parent = bi;
            nb->prow = c->r;
            nb->pcol = c->c;
        }
    }
}

/* A header's need of width when it may wrap over `lines` lines (CJK breaks
 * anywhere): its longest line, divided, but at least 8 units (four CJK
 * characters). */
static double S_header_need(const char *s, size_t n, int lines)
{
    double need = 0;
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        double w = dc_xlsx_text_width(s + i, j - i);
        if (w > 8)
            w = fmax(8, ceil(w / lines));
        need = fmax(need, w);
        i = j + 1;
    }
    return need;
}

/* Pixels of a column `w` characters wide: Excel's default font has 7-pixel
 * digits and 5 pixels of padding, and the width written is rounded up to
 * whole pixels; LibreOffice adds its padding to the width written, so count
 * 10 (its measure, the larger). */
static double S_col_px(double w)
{
    return w * 7 + 10;
}

/* A4 landscape's printable width in pixels (96 an inch): 297 mm less two
 * half-inch margins; A3's: 420 mm. */
#define S_A4_PX ((297 / 25.4 - 1) * 96)
#define S_A3_PX ((420 / 25.4 - 1) * 96)

/* When the sheet would print on A4 landscape below the readable scale,
 * narrows its wide text columns (they wrap) towards S_MIN_WRAP characters,
 * never a column of numbers, so that it fits if it can. */
#define S_MIN_WRAP 20.0
static void S_narrow_text(const S_block *blocks, int n, int ncols, double *width)
{
    unsigned char *num = dc_xcalloc((size_t)ncols + 1, 1);
    for (int b = 0; b < n; b++)
        for (size_t i = 0; i < blocks[b].ncells; i++)
            if (blocks[b].cells[i].is_num)
                num[blocks[b].cells[i].c] = 1;
    double fixed = 0, cap = S_MAX_COL;
    for (int j = 0; j < ncols; j++)
        if (num[j] || width[j] <= S_MIN_WRAP)
            fixed += S_col_px(width[j]);
    for (; cap > S_MIN_WRAP; cap -= 1) {
        double total = fixed;
        for (int j = 0; j < ncols; j++)
            if (!num[j] && width[j] > S_MIN_WRAP)
                total += S_col_px(fmin(width[j], cap));
        if (total * S_PRINT_MIN <= S_A4_PX)
            break;
    }
    for (int j = 0; j < ncols; j++)
        if (!num[j] && width[j] > cap)
            width[j] = cap;
    free(num);
}

/* Column widths of the sheet from the single-column cells of all blocks:
 * the longest line of each column, headers on one line when the sheet then
 * fits A4 landscape, else wrapped over up to four lines; then wide text
 * columns narrowed (S_narrow_text). */
static void S_sheet_widths(S_ctx *x, lxw_worksheet *ws, const S_block *blocks, int n, int ncols,
                           double *width)
{
    for (int lines = 1; lines <= 4; lines++) {
        double total = 0;
        memset(width, 0, (size_t)ncols * sizeof *width);
        for (int b = 0; b < n; b++)
            for (size_t i = 0; i < blocks[b].ncells; i++) {
                const S_cell *c = &blocks[b].cells[i];
                if (c->cs != 1)
                    continue;
                double w = c->header ? S_header_need(c->text, c->len, lines)
                                     : dc_xlsx_text_width(c->text, c->len);
                if (w > width[c->c])
                    width[c->c] = w;
            }
        for (int j = 0; j < ncols; j++) {
            width[j] = dc_xlsx_column_width(width[j]);
            total += S_col_px(width[j]);
        }
        if (total <= S_A4_PX)
            break;
    }
    S_narrow_text(blocks, n, ncols, width);
    for (int j = 0; j < ncols; j++)
        S_check(x, worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, width[j], NULL),
                "column width");
}

/* Row heights of a block: the wrapped lines of each text cell, a merged
 * cell's extra lines going to its last row. */
static void S_block_heights(S_ctx *x, lxw_worksheet *ws, const S_block *bk, const double *width)
{
    double *height = dc_xcalloc((size_t)bk->nrows + 1, sizeof *height);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < bk->ncells; i++) {
            const S_cell *c = &bk->cells[i];
            if ((pass == 0) != (c->rs == 1) || c->is_num)
                continue;
            double w = -1;
            for (int j = c->c; j < c->c + c->cs; j++)
                w += width[j];
            int lines = dc_xlsx_text_lines(c->text, c->len, w / 1.1);
            double need = S_ROW_PT + (lines - 1) * S_LINE_PT;
            double have = 0;
            for (int j = c->r; j < c->r + c->rs; j++)
                have += height[j] > S_ROW_PT ? height[j] : S_ROW_PT;
            if (need > have) {
                int last = c->r + c->rs - 1;
                double cur = height[last] > S_ROW_PT ? height[last] : S_ROW_PT;
                height[last] = cur + (need - have);
            }
        }
    }
    for (int r = bk->skip; r < bk->nrows; r++)
        if (height[r] > S_ROW_PT || (bk->money && bk->money->level[r]))
            S_check(x, dc_xlsx_money_row(ws, bk->money, r, bk->top + r,
                                         height[r] > S_ROW_PT ? fmin(height[r], S_MAX_ROW_PT)
                                                              : LXW_DEF_ROW_HEIGHT),
                    "row height");
    free(height);
}

/* A sheet's caption in row 1: bold, centred, 14 pt, wrapped. */
static lxw_format *S_title_format(S_ctx *x)
{
    S_fkey key = S_key();
    key.bold = 1;
    key.halign = LXW_ALIGN_CENTER;
    key.size2 = 28;
    key.wrap = 1;
    return S_format(x, &key);
}

/* Row 1, the caption, and row 2, the unit line, merged across the sheet. */
static void S_write_title(S_ctx *x, lxw_worksheet *ws, const S_tinfo *ti, int ncols,
                          const double *width)
{
    lxw_format *ft = S_title_format(x);
    if (ncols > 1)
        S_check(x, worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncols - 1), "", ft), "merge");
    S_write_cstr(x, ws, 0, 0, ti->caption, ft);
    double title_w = 0;
    for (int j = 0; j < ncols; j++)
        title_w += width[j];
    int tl = dc_xlsx_text_lines(ti->caption, strlen(ti->caption), title_w * 11 / 14 / 1.1);
    S_check(x, worksheet_set_row(ws, 0, fmin(tl * 18.0 + 6, S_MAX_ROW_PT), NULL), "row height");
    if (ti->unit) {
        S_fkey key = S_key();
        key.halign = LXW_ALIGN_RIGHT;
        lxw_format *fu = S_format(x, &key);
        if (ncols > 1)
            S_check(x, worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)(ncols - 1), "", fu),
                    "merge");
        S_write_cstr(x, ws, 1, 0, ti->unit, fu);
    }
}

/* The format of one cell: header cells bold, centred, shaded, bordered;
 * body cells bordered (title and label rows above the header keep the
 * document's borders), aligned and shaded as in the document, numbers in
 * their column's format. */
static lxw_format *S_cell_format(S_ctx *x, const S_block *bk, const S_cell *c)
{
    const dc_cell *cc = &c->node->as.cell;
    S_fkey key = S_key();
    key.valign = S_valign(cc->valign);
    if (c->header) {
        key.bold = 1;
        key.halign = LXW_ALIGN_CENTER;
        key.valign = LXW_ALIGN_VERTICAL_CENTER;
        key.borders = DC_BORDER_ALL;
        key.fill = cc->has_fill ? cc->fill : S_HEADER_FILL;
        key.wrap = 1;
        return S_format(x, &key);
    }
    key.bold = (unsigned char)(S_cell_bold(c->node) || (bk->money && bk->money->bold[c->r]));
    key.halign = S_halign(S_cell_align(c->node));
    key.borders = (unsigned char)(c->r < bk->hf ? cc->borders & DC_BORDER_ALL : DC_BORDER_ALL);
    if (cc->has_fill)
        key.fill = cc->fill;
    if (c->is_num) {
        key.decimals1 = (unsigned char)(bk->col_dec[c->c] + 1);
        key.grouped = bk->col_grp[c->c];
        if (!key.halign)
            key.halign = LXW_ALIGN_RIGHT;
    } else {
        key.wrap = 1;
    }
    return S_format(x, &key);
}

/* Writes a block's cells, every span one merged range. */
static void S_write_cells(S_ctx *x, lxw_worksheet *ws, const S_block *bk)
{
    for (size_t i = 0; i < bk->ncells; i++) {
        const S_cell *c = &bk->cells[i];
        lxw_format *f = S_cell_format(x, bk, c);
        int row = bk->top + c->r;
        if (c->merge)
            S_check(x, worksheet_merge_range(ws, (lxw_row_t)row, (lxw_col_t)c->c,
                                             (lxw_row_t)(row + c->rs - 1),
                                             (lxw_col_t)(c->c + c->cs - 1), "", f),
                    "merge");
        if (c->is_num)
            S_check(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)c->c, c->num, f),
                    "number");
        else
            S_write_text(x, ws, row, c->c, c->text, c->len, f);
    }
}

/* The line above a nested table: which cell holds it, linked to that cell. */
static void S_write_nested_label(S_ctx *x, lxw_worksheet *ws, const S_tinfo *ti,
                                 const S_block *blocks, const S_block *bk)
{
    const S_block *p = &blocks[bk->parent];
    dc_buf b = DC_BUF_INIT;
    char col[8];
    S_col_name(bk->pcol, col);
    dc_buf_printf(&b, "%s%d 单元格内的表：", col, p->top + bk->prow + 1);
    char *url = S_link(ti->name, p->top + bk->prow, bk->pcol);
    S_fkey key = S_key();
    key.link = 1;
    S_check(x, worksheet_write_url_opt(ws, (lxw_row_t)(bk->top - 1), 0, url, S_format(x, &key),
                                       dc_buf_cstr(&b), NULL),
            "link");
    free(url);
    dc_buf_free(&b);
}

/* Paper and scale so that no sheet prints below 7 pt: one page wide on A4
 * landscape when that scale is readable, else on A3 landscape, else A3 at a
 * fixed readable scale, several pages wide, with the leading text columns
 * (the rows' names and codes: no number in num[]) repeated on every page. */
static void S_print_fit(S_ctx *x, lxw_worksheet *ws, const double *width, int ncols,
                        const unsigned char *num)
{
    double total = 0;
    for (int j = 0; j < ncols; j++)
        total += S_col_px(width[j]);
    if (total * S_PRINT_MIN <= S_A4_PX) {
        S_print_page(ws, 1, S_PAPER_A4, 0);
        return;
    }
    if (total * S_PRINT_MIN <= S_A3_PX) {
        S_print_page(ws, 1, S_PAPER_A3, 0);
        return;
    }
    S_print_page(ws, 1, S_PAPER_A3, (int)ceil(S_PRINT_MIN * 100));
    int keys = 0;
    double kw = 0;
    while (keys < ncols && !(num && num[keys]) &&
           kw + S_col_px(width[keys]) <= S_A3_PX / S_PRINT_MIN / 3)
        kw += S_col_px(width[keys++]);
    if (keys > 0 && keys < ncols)
        S_check(x, worksheet_repeat_columns(ws, 0, (lxw_col_t)(keys - 1)), "print titles");
}

/* The columns of a block that hold numbers (malloc'ed flags). */
static unsigned char *S_number_columns(const S_block *bk, int ncols)
{
    unsigned char *num = dc_xcalloc((size_t)ncols + 1, 1);
    for (size_t i = 0; i < bk->ncells; i++)
        if (bk->cells[i].is_num)
            num[bk->cells[i].c] = 1;
    return num;
}

static void S_block_free(S_block *bk)
{
    for (size_t i = 0; i < bk->ncells; i++)
        free(bk->cells[i].own);
    free(bk->cells);
    free(bk->col_dec);
    free(bk->col_grp);
    dc_table_view_free(bk->view);
}

/* Writes one table's sheet: the caption and unit rows, the table from row
 * 3 (less the top rows that repeat the caption), the tables nested in its
 * cells below it, header rows frozen and repeated, print setup. */
static void S_write_table(S_ctx *x, const S_tinfo *ti)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, ti->name);
    if (!ws) {
        dc_error_set(x->err, DC_ERR_INTERNAL, "XLSX: cannot add sheet %s", ti->name);
        return;
    }
    S_block *blocks = dc_xcalloc(S_MAX_BLOCKS, sizeof *blocks);
    int n = 1, ncols = 1;
    blocks[0].view = dc_table_view_new(ti->table);
    blocks[0].skip = ti->skip;
    blocks[0].top = S_TOP - ti->skip;
    blocks[0].parent = -1;
    dc_xlsx_money money;
    if (dc_xlsx_money_plan(x->d, ti->table, blocks[0].view->nrows, blocks[0].view->ncols, &money)) {
        blocks[0].money = &money;
        dc_xlsx_money_sheet(ws);
    }
    for (int b = 0; b < n; b++) {
        S_block_load(x, &blocks[b], b > 0 ? &blocks[b - 1] : NULL);
        S_block_numbers(&blocks[b]);
        S_block_nested(blocks, &n, b);
        if (blocks[b].ncols > ncols)
            ncols = blocks[b].ncols;
    }
    double *width = dc_xcalloc((size_t)ncols, sizeof *width);
    S_sheet_widths(x, ws, blocks, n, ncols, width);
    S_write_title(x, ws, ti, blocks[0].ncols, width);
    for (int b = 0; b < n; b++) {
        S_block_heights(x, ws, &blocks[b], width);
        if (b > 0)
            S_write_nested_label(x, ws, ti, blocks, &blocks[b]);
        S_write_cells(x, ws, &blocks[b]);
    }
    const S_block *main = &blocks[0];
    if (main->hf >= 0) {
        worksheet_freeze_panes(ws, (lxw_row_t)(main->top + main->hl + 1), 0);
        S_check(x, worksheet_repeat_rows(ws, (lxw_row_t)(main->top + main->hf),
                                         (lxw_row_t)(main->top + main->hl)),
                "print titles");
    }
    unsigned char *num = S_number_columns(main, ncols);
    S_print_fit(x, ws, width, ncols, num);
    free(num);
    for (int b = 0; b < n; b++)
        S_block_free(&blocks[b]);
    dc_xlsx_money_free(&money);
    free(blocks);
    free(width);
}

/* ------------------------------------------------------------------------
 * 概况: the recognized figures and the findings
 * ------------------------------------------------------------------------ */

enum { S_IT_TEXT, S_IT_INT, S_IT_AMOUNT, S_IT_DIR };

typedef struct {
    int kind;
    const char *label;
    const char *key;
    const char *text;        /* S_IT_TEXT */
    int ival;                /* S_IT_INT: 0 = unknown */
    const char *unit;        /* S_IT_INT */
    const dc_amount *amount; /* S_IT_AMOUNT */
    dc_direction dir;        /* S_IT_DIR */
    int part;                /* a part of the row above: indented */
} S_item;

static const char *S_dir_text(dc_direction d)
{
    switch (d) {
    case DC_DIR_INCREASE: return "增加";
    case DC_DIR_DECREASE: return "减少";
    case DC_DIR_FLAT:     return "持平";
    default:              return NULL;
    }
}

/* The index of a body table among x->tables, or -1. */
static int S_table_index(const S_ctx *x, const dc_node *table)
{
    if (!table)
        return -1;
    for (int i = 0; i < x->ntables; i++)
        if (x->tables[i].table == table)
            return i;
    return -1;
}

/* Writes where a figure came from: a link to the table cell, or the start of
 * the paragraph; a blank cell when unknown. */
/* The first place where the number `num` stands on its own in t (not inside
 * a longer number: "0" is not found in "2021"), or NULL. */
static const char *S_find_number(const char *t, const char *num)
{
    size_t m = strlen(num);
    if (!m)
        return NULL;
    for (const char *p = t; (p = strstr(p, num)) != NULL; p++) {
        char before = p > t ? p[-1] : ' ', after = p[m];
        int digit_before = (before >= '0' && before <= '9') || before == '.' || before == ',';
        int digit_after = (after >= '0' && after <= '9') ||
                          ((after == '.' || after == ',') && p[m + 1] >= '0' && p[m + 1] <= '9');
        if (!digit_before && !digit_after)
            return p;
    }
    return NULL;
}

/* Byte offset of the position `count` code points before (dir < 0) or after
 * (dir > 0) byte offset `at` of t[0..n). */
static size_t S_step(const char *t, size_t n, size_t at, int count, int dir)
{
    while (count-- > 0) {
        if (dir < 0) {
            if (at == 0)
                break;
            at--;
            while (at > 0 && ((unsigned char)t[at] & 0xC0) == 0x80)
                at--;
        } else {
            if (at >= n)
                break;
            size_t adv;
            dc_utf8_decode(t + at, n - at, &adv);
            at += adv;
        }
    }
    return at;
}

static int S_write_source(S_ctx *x, lxw_worksheet *ws, int row, int col, const dc_source *src,
                          const char *needle, lxw_format *ftext, lxw_format *flink, int *links,
                          double width)
{
    int ti = S_table_index(x, src->block && src->block->type == DC_NODE_TABLE ? src->block : NULL);
    if (ti < 0 && src->table_index >= 0 && src->table_index < x->ntables && src->block &&
        src->block->type == DC_NODE_TABLE)
        ti = src->table_index;
    if (ti >= 0) {
        dc_buf b = DC_BUF_INIT;
        int r = src->row, c = src->col;
        if (r >= 0 && c >= 0)
            dc_buf_printf(&b, "表%d 第%d行第%d列", ti + 1, r + 1, c + 1);
        else
            dc_buf_printf(&b, "表%d", ti + 1);
        if (*links < S_MAX_LINKS) {
            char *url = S_link(x->tables[ti].name, r >= 0 ? S_sheet_row(&x->tables[ti], r) : 0,
                               c >= 0 ? c : 0);
            S_check(x, worksheet_write_url_opt(ws, (lxw_row_t)row, (lxw_col_t)col, url, flink,
                                               dc_buf_cstr(&b), NULL),
                    "link");
            free(url);
            (*links)++;
        } else {
            S_write_cstr(x, ws, row, col, dc_buf_cstr(&b), ftext);
        }
        int lines = dc_xlsx_text_lines(b.data, b.len, width / 1.1);
        dc_buf_free(&b);
        return lines;
    }
    int lines = 1;
    if (src->block) {
        /* the words around the figure, or the start of the paragraph */
        char *t = dc_node_text_trimmed(src->block);
        size_t n = strlen(t), from = 0, to;
        const char *hit = needle ? S_find_number(t, needle) : NULL;
        if (hit) {
            from = S_step(t, n, (size_t)(hit - t), 20, -1);
            to = S_step(t, n, (size_t)(hit - t) + strlen(needle), 20, 1);
        } else {
            to = S_step(t, n, 0, 60, 1);
        }
        dc_buf b = DC_BUF_INIT;
        dc_buf_puts(&b, "正文：");
        if (from > 0)
            dc_buf_puts(&b, "…");
        dc_buf_put(&b, t + from, to - from);
        if (to < n)
            dc_buf_puts(&b, "…");
        S_write_cstr(x, ws, row, col, dc_buf_cstr(&b), ftext);
        lines = dc_xlsx_text_lines(b.data, b.len, width / 1.1);
        dc_buf_free(&b);
        free(t);
    } else {
        S_write_cstr(x, ws, row, col, NULL, ftext);
    }
    return lines;
}

/* Makes a row tall enough for `lines` wrapped lines. */
static void S_fit_row(lxw_worksheet *ws, int row, int lines)
{
    if (lines > 1)
        worksheet_set_row(ws, (lxw_row_t)row, fmin(S_ROW_PT + (lines - 1) * S_LINE_PT, S_MAX_ROW_PT),
                          NULL);
}

/* Lines a text takes in a column `width` units wide. */
static int S_lines(const char *t, double width)
{
    return t ? dc_xlsx_text_lines(t, strlen(t), width / 1.1) : 1;
}

/* The rows of 概况: what the document is, then every figure of the figure
 * table (model/figures.h) shown there, each comparison preceded by its
 * direction, then the counts.  Returns the number of rows (at most cap). */
static size_t S_overview_items(const S_ctx *x, S_item *it, size_t cap)
{
    const dc_disclosure *d = x->d;
    size_t n = 0;
#define S_ADD(...)                                                                                \
    do {                                                                                          \
        if (n < cap)                                                                              \
            it[n++] = (S_item){__VA_ARGS__};                                                      \
    } while (0)
    const char *kind = d->year || d->department ? (d->is_final_accounts ? "决算" : "预算") : NULL;
    S_ADD(S_IT_TEXT, "部门", "department", d->department, 0, NULL, NULL, 0, 0);
    S_ADD(S_IT_INT, "年度", "year", NULL, d->year, "年", NULL, 0, 0);
    S_ADD(S_IT_TEXT, "类别", "kind", kind, 0, NULL, NULL, 0, 0);
    S_ADD(S_IT_TEXT, "金额单位", "money_unit", d->money_unit, 0, NULL, NULL, 0, 0);
    for (int f = 0; f < DC_FIG_COUNT; f++) {
        const dc_figure_info *fi = dc_figure_describe((dc_figure)f);
        const dc_amount *a = dc_figure_get(d, (dc_figure)f);
        if (f == DC_FIG_CHANGE) {
            S_ADD(S_IT_INT, "比较年度", "change_vs_last_year.compared_with_year", NULL,
                  d->change.compared_with_year, "年", NULL, 0, 0);
            S_ADD(S_IT_DIR, "比上年增减", "change_vs_last_year.direction", NULL, 0, NULL, NULL,
                  d->change.direction, 0);
        } else if (f == DC_FIG_CHANGE_PROJECT) {
            S_ADD(S_IT_DIR, "项目支出比上年增减", "change_vs_last_year.project_expenditure.direction",
                  NULL, 0, NULL, NULL, d->change.project_direction, 0);
        } else if (f == DC_FIG_CHANGE_BASIC) {
            S_ADD(S_IT_DIR, "基本支出比上年增减", "change_vs_last_year.basic_expenditure.direction",
                  NULL, 0, NULL, NULL, d->change.basic_direction, 0);
        } else if (f == DC_FIG_TP_CHANGE) {
            S_ADD(S_IT_DIR, "“三公”经费比上年增减", "three_public_expenses.change.direction", NULL,
                  0, NULL, NULL, d->three_public.change_direction, 0);
        } else if (f == DC_FIG_ASSETS_PLANNED) {
            S_ADD(S_IT_TEXT, "资产统计截止日期", "fixed_assets.as_of", d->assets.as_of, 0, NULL,
                  NULL, 0, 0);
        }
        /* 财政拨款收入 is the sum of 一般公共预算 and 政府性基金 when they are
           stated: not a part of its own (the validator's income.sum rule) */
        int whole = f == DC_FIG_INCOME_FISCAL && (d->income.general_public_budget.present ||
                                                   d->income.government_fund.present);
        if ((fi->flags & DC_FIG_OVERVIEW) ||
            ((fi->flags & DC_FIG_IF_STATED) && a->present && !whole))
            S_ADD(S_IT_AMOUNT, fi->label, fi->key, NULL, 0, NULL, a, 0,
                  (fi->flags & DC_FIG_PART) != 0);
    }
    S_ADD(S_IT_INT, "部门整体绩效指标", "department_indicators.count", NULL,
          (int)d->department_indicators.nrows, "项", NULL, 0, 0);
    /* the batch summary's words for the same counts */
    S_ADD(S_IT_INT, "项目数", "project_tables.count", NULL, (int)d->nprojects, "个", NULL, 0, 0);
    S_ADD(S_IT_INT, "表格数", "tables.count", NULL, x->ntables_all, "张", NULL, 0, 0);
#undef S_ADD
    return n;
}

/* Writes the value of one 概况 row into column B; returns 0 when the document
 * does not state it, and sets *unit to the unit for column C. */
static int S_overview_value(S_ctx *x, lxw_worksheet *ws, int row, const S_item *it,
                            lxw_format *fx, const char **unit, int *lines, double width)
{
    S_fkey key = S_key();
    key.borders = DC_BORDER_ALL;
    key.halign = LXW_ALIGN_RIGHT;
    *unit = NULL;
    switch (it->kind) {
    case S_IT_TEXT:
        S_write_cstr(x, ws, row, 1, it->text, fx);
        *lines = S_lines(it->text, width);
        return it->text != NULL;
    case S_IT_INT:
        /* counts are always known; years and comparisons may not be */
        if (!it->ival && !strstr(it->key, "count"))
            break;
        key.decimals1 = 1;
        S_check(x, worksheet_write_number(ws, (lxw_row_t)row, 1, it->ival, S_format(x, &key)),
                "number");
        *unit = it->unit;
        return 1;
    case S_IT_DIR:
        S_write_cstr(x, ws, row, 1, S_dir_text(it->dir), fx);
        return it->dir != DC_DIR_NONE;
    case S_IT_AMOUNT:
        if (!it->amount->present)
            break;
        int dec = it->amount->decimals < 2 ? 2 : it->amount->decimals > 10 ? 10
                                                                           : it->amount->decimals;
        key.decimals1 = (unsigned char)(dec + 1);
        S_check(x, worksheet_write_number(ws, (lxw_row_t)row, 1, it->amount->value,
                                          S_format(x, &key)),
                "number");
        *unit = it->amount->unit ? it->amount->unit
                                 : x->d->money_unit ? x->d->money_unit : "万元";
        return 1;
    }
    S_write_cstr(x, ws, row, 1, NULL, fx);
    return 0;
}

/* Adds the overview or indicator sheet with its column widths; NULL (the
 * error set) when the workbook refuses it. */
/* The column heads of the overview and indicator sheets: bold, centred,
 * bordered, grey. */
static lxw_format *S_head_format(S_ctx *x, int wrap)
{
    S_fkey key = S_key();
    key.bold = 1;
    key.halign = LXW_ALIGN_CENTER;
    key.borders = DC_BORDER_ALL;
    key.fill = S_HEADER_FILL;
    key.wrap = wrap != 0;
    return S_format(x, &key);
}

static lxw_worksheet *S_add_sheet(S_ctx *x, const char *name, const char *what,
                                  const double *widths, int ncols)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        dc_error_set(x->err, DC_ERR_INTERNAL, "XLSX: cannot add the %s sheet", what);
        return NULL;
    }
    for (int j = 0; j < ncols; j++)
        worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, widths[j], NULL);
    return ws;
}

static void S_write_overview(S_ctx *x)
{
    const dc_disclosure *d = x->d;
    static const double widths[5] = {30, 28, 8, 44, 48};
    lxw_worksheet *ws = S_add_sheet(x, x->overview_name, "overview", widths, 5);
    if (!ws)
        return;

    lxw_format *ft = S_title_format(x);
    lxw_format *fh = S_head_format(x, 1);
    S_fkey key = S_key();
    key.borders = DC_BORDER_ALL;
    key.wrap = 1;
    lxw_format *fx = S_format(x, &key);
    key.indent = 1;
    lxw_format *fpart = S_format(x, &key);
    key.indent = 0;
    key.link = 1;
    lxw_format *fl = S_format(x, &key);

    const char *title = d->title ? d->title : x->doc->meta.title;
    S_check(x, worksheet_merge_range(ws, 0, 0, 0, 4, "", ft), "merge");
    S_write_cstr(x, ws, 0, 0, title && *title ? title : "概况", ft);
    worksheet_set_row(ws, 0, 40, NULL);
    static const char *const head[5] = {"项目", "数值", "单位", "字段", "来源"};
    for (int j = 0; j < 5; j++)
        S_write_cstr(x, ws, 1, j, head[j], fh);

    S_item items[DC_FIG_COUNT + 16];
    size_t nitems = S_overview_items(x, items, sizeof items / sizeof *items);
    int links = 0;
    int row = 2;
    for (size_t i = 0; i < nitems; i++, row++) {
        const S_item *it = &items[i];
        S_write_cstr(x, ws, row, 0, it->label, it->part ? fpart : fx);
        S_write_cstr(x, ws, row, 3, it->key, fx);
        const char *unit;
        int lines = 1;
        int shown = S_overview_value(x, ws, row, it, fx, &unit, &lines, widths[1]);
        S_write_cstr(x, ws, row, 2, unit, fx);
        if (!shown) {
            S_write_cstr(x, ws, row, 4, "未列明", fx);
        } else if (it->kind == S_IT_AMOUNT) {
            int sl = S_write_source(x, ws, row, 4, &it->amount->src, it->amount->text, fx, fl,
                                    &links, widths[4]);
            if (sl > lines)
                lines = sl;
        } else {
            S_write_cstr(x, ws, row, 4, NULL, fx);
        }
        S_fit_row(ws, row, lines);
    }

    /* the validator's findings */
    row++;
    key = S_key();
    key.bold = 1;
    key.size2 = 24;
    S_write_cstr(x, ws, row++, 0, "检查结果", S_format(x, &key));
    /* 级别 | 代码 | (blank) | 说明 | 位置: the wide columns take the long texts */
    static const char *const fhead[5] = {"级别", "代码", "", "说明", "位置"};
    for (int j = 0; j < 5; j++)
        S_write_cstr(x, ws, row, j, fhead[j], fh);
    row++;
    if (x->ntables_all > x->ntables) {
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "文档有%d张表格，工作簿只收录前%d张", x->ntables_all, x->ntables);
        S_write_cstr(x, ws, row, 0, "提示", fx);
        S_write_cstr(x, ws, row, 1, "xlsx.tables", fx);
        S_write_cstr(x, ws, row, 2, NULL, fx);
        S_write_cstr(x, ws, row, 3, dc_buf_cstr(&b), fx);
        S_write_cstr(x, ws, row++, 4, NULL, fx);
        dc_buf_free(&b);
    } else if (d->nfindings == 0) {
        S_write_cstr(x, ws, row++, 0, "未发现问题", fx);
    }
    for (size_t i = 0; i < d->nfindings; i++, row++) {
        const dc_finding *f = &d->findings[i];
        static const char *const sev[3] = {"提示", "警告", "错误"};
        S_write_cstr(x, ws, row, 0, sev[f->severity <= DC_SEV_ERROR ? f->severity : 0], fx);
        S_write_cstr(x, ws, row, 1, f->code, fx);
        S_write_cstr(x, ws, row, 2, NULL, fx);
        S_write_cstr(x, ws, row, 3, f->message, fx);
        S_write_cstr(x, ws, row, 4, f->place, fx);
        int lines = S_lines(f->message, widths[3]), pl = S_lines(f->place, widths[4]);
        S_fit_row(ws, row, pl > lines ? pl : lines);
    }
    worksheet_freeze_panes(ws, 2, 0);
    /* by the table sheets' rule: too wide for A4 portrait at 7 pt */
    S_print_fit(x, ws, widths, 5, NULL);
    worksheet_activate(ws);
}

/* ------------------------------------------------------------------------
 * 绩效指标: one row per indicator
 * ------------------------------------------------------------------------ */

enum { S_IND_COLS = 15 };

static void S_indicator_row(S_ctx *x, lxw_worksheet *ws, int row, int seq, const char *kind,
                            const char *project, const char *goal, const dc_indicator *ind,
                            const dc_node *table, lxw_format *fx, lxw_format *fl, int *links)
{
    S_fkey key = S_key();
    key.borders = DC_BORDER_ALL;
    key.decimals1 = 1;
    S_check(x, worksheet_write_number(ws, (lxw_row_t)row, 0, seq, S_format(x, &key)), "number");
    S_write_cstr(x, ws, row, 1, kind, fx);
    S_write_cstr(x, ws, row, 2, project, fx);
    S_write_cstr(x, ws, row, 3, goal, fx);
    S_write_cstr(x, ws, row, 4, ind->level1, fx);
    S_write_cstr(x, ws, row, 5, ind->level2, fx);
    S_write_cstr(x, ws, row, 6, ind->level3, fx);
    S_write_cstr(x, ws, row, 7, ind->description, fx);
    S_write_cstr(x, ws, row, 8, ind->scoring, fx);
    const dc_measure *m = &ind->measure;
    S_write_cstr(x, ws, row, 9, m->op ? m->op : ind->symbol, fx);
    S_write_cstr(x, ws, row, 10, ind->value ? ind->value : m->text, fx);
    if (m->has_number) {
        key.decimals1 = (unsigned char)((m->decimals > 10 ? 10 : m->decimals < 0 ? 0 : m->decimals) + 1);
        S_check(x, worksheet_write_number(ws, (lxw_row_t)row, 11, m->number, S_format(x, &key)),
                "number");
    } else {
        S_write_cstr(x, ws, row, 11, NULL, fx);
    }
    S_write_cstr(x, ws, row, 12, ind->unit ? ind->unit : m->unit, fx);
    S_write_cstr(x, ws, row, 13, ind->basis, fx);
    /* one line per indicator: a fixed height keeps multi-line goals from
     * stretching the list */
    worksheet_set_row(ws, (lxw_row_t)row, S_ROW_PT, NULL);
    int ti = S_table_index(x, table);
    if (ti >= 0 && *links < S_MAX_LINKS) {
        dc_buf b = DC_BUF_INIT;
        int r = ind->src.row;
        if (r >= 0)
            dc_buf_printf(&b, "表%d 第%d行", ti + 1, r + 1);
        else
            dc_buf_printf(&b, "表%d", ti + 1);
        char *url = S_link(x->tables[ti].name, r >= 0 ? S_sheet_row(&x->tables[ti], r) : 0, 0);
        S_check(x, worksheet_write_url_opt(ws, (lxw_row_t)row, 14, url, fl, dc_buf_cstr(&b),
                                           NULL),
                "link");
        free(url);
        dc_buf_free(&b);
        (*links)++;
    } else {
        S_write_cstr(x, ws, row, 14, NULL, fx);
    }
}

static void S_write_indicators(S_ctx *x)
{
    const dc_disclosure *d = x->d;
    static const char *const head[S_IND_COLS] = {
        "序号", "类别", "项目", "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标描述",
        "评（扣）分标准", "符号", "指标值", "数值", "单位", "指标值确定依据", "来源"};
    static const double widths[S_IND_COLS] = {6, 10, 36, 40, 12, 14, 24, 30,
                                              24, 6, 14, 10, 8, 30, 14};
    lxw_worksheet *ws = S_add_sheet(x, x->indicators_name, "indicator", widths, S_IND_COLS);
    if (!ws)
        return;
    lxw_format *fh = S_head_format(x, 0);
    S_fkey key = S_key();
    key.borders = DC_BORDER_ALL;
    lxw_format *fx = S_format(x, &key);
    key.link = 1;
    lxw_format *fl = S_format(x, &key);
    for (int j = 0; j < S_IND_COLS; j++)
        S_write_cstr(x, ws, 0, j, head[j], fh);

    int row = 1, seq = 1, links = 0;
    const dc_indicator_table *dt = &d->department_indicators;
    for (size_t i = 0; i < dt->nrows && row < S_MAX_ROWS; i++)
        S_indicator_row(x, ws, row++, seq++, "部门整体", dt->title ? dt->title : "部门整体支出",
                        NULL, &dt->rows[i], dt->table, fx, fl, &links);
    for (size_t p = 0; p < d->nprojects; p++) {
        const dc_project_table *pt = &d->projects[p];
        /* the goal paragraphs on one line, so that every indicator is one row */
        dc_buf goal = DC_BUF_INIT;
        for (size_t g = 0; g < pt->ngoals; g++) {
            if (g)
                dc_buf_putc(&goal, ' ');
            dc_buf_puts(&goal, pt->goal_paragraphs[g]);
        }
        if (!pt->ngoals && pt->goal_text)
            for (const char *c = pt->goal_text; *c; c++)
                dc_buf_putc(&goal, *c == '\n' ? ' ' : *c);
        for (size_t i = 0; i < pt->nrows && row < S_MAX_ROWS; i++)
            S_indicator_row(x, ws, row++, seq++, "项目", pt->title, goal.len ? goal.data : NULL,
                            &pt->rows[i], pt->table, fx, fl, &links);
        dc_buf_free(&goal);
    }
    S_check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)(row - 1), S_IND_COLS - 1), "autofilter");
    worksheet_freeze_panes(ws, 1, 0);
    S_check(x, worksheet_repeat_rows(ws, 0, 0), "print titles");
    static const unsigned char numeric[S_IND_COLS] = {[0] = 1, [11] = 1};
    S_print_fit(x, ws, widths, S_IND_COLS, numeric);
}

/* ------------------------------------------------------------------------
 * Workbook
 * ------------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long S_days(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* One number of a date: sscanf format fmt (one %d, then %n) must read
 * exactly len characters at *s; advances *s past them.  Returns 1, or 0. */
static int S_date_field(const char **s, const char *fmt, int len, int *v)
{
    int n = 0;
    if (sscanf(*s, fmt, v, &n) != 1 || n != len)
        return 0;
    *s += n;
    return 1;
}

/* Parses a W3CDTF date ("2021", "2021-02", "2021-02-20", "2021-02-20T09:30Z",
 * "2021-02-20T09:30:00.5+08:00").  Returns 1 and seconds since 1970. */
int dc_xlsx_parse_w3cdtf(const char *s, long long *out)
{
    if (!s)
        return 0;
    int Y = 0, M = 1, D = 1, h = 0, mi = 0, sec = 0, n = 0;
    while (*s == ' ')
        s++;
    if (!S_date_field(&s, "%4d%n", 4, &Y))
        return 0;
    if (*s == '-') {
        if (!S_date_field(&s, "-%2d%n", 3, &M))
            return 0;
        if (*s == '-' && !S_date_field(&s, "-%2d%n", 3, &D))
            return 0;
    }
    if (M < 1 || M > 12 || D < 1 || D > 31)
        return 0;
    long long tz = 0;
    if (*s == 'T') {
        if (sscanf(s, "T%2d:%2d%n", &h, &mi, &n) != 2 || n != 6)
            return 0;
        s += n;
        if (*s == ':') {
            if (!S_date_field(&s, ":%2d%n", 3, &sec))
                return 0;
            if (*s == '.')
                for (s++; *s >= '0' && *s <= '9'; s++)
                    ;
        }
        if (*s == 'Z') {
            s++;
        } else if (*s == '+' || *s == '-') {
            int th, tm;
            if (sscanf(s + 1, "%2d:%2d%n", &th, &tm, &n) != 2 || n != 5)
                return 0;
            tz = (th * 3600LL + tm * 60LL) * (*s == '+' ? 1 : -1);
            s += 1 + n;
        }
        if (h > 24 || mi > 59 || sec > 60)
            return 0;
    }
    while (*s == ' ')
        s++;
    if (*s)
        return 0;
    *out = S_days(Y, M, D) * 86400 + h * 3600LL + mi * 60LL + sec - tz;
    return 1;
}

/* The workbook's creation time: the epoch asked for, else the document's
 * created date, else 1970-01-01.  libxlsxwriter takes 0 as "now", so the
 * earliest time written is 1970-01-01T00:00:01Z. */
static time_t S_created(const dc_doc *doc, const dc_xlsx_options *opt)
{
    long long t = 0;
    if (opt && opt->has_epoch)
        t = opt->epoch;
    else if (!dc_xlsx_parse_w3cdtf(doc->meta.created, &t))
        t = 0;
    if (t < 1)
        t = 1;
    if (t > 253402300799LL)     /* 9999-12-31T23:59:59Z */
        t = 253402300799LL;
    return (time_t)t;
}

/* Decides captions, units and sheet names of every body table (the first
 * S_MAX_TABLE_SHEETS of them). */
static void S_plan(S_ctx *x)
{
    int n = 0;
    for (const dc_node *b = x->doc->root->first_child; b; b = b->next)
        if (b->type == DC_NODE_TABLE)
            n++;
    x->ntables_all = n;
    if (n > S_MAX_TABLE_SHEETS)
        n = S_MAX_TABLE_SHEETS;
    x->tables = dc_xcalloc((size_t)n + 1, sizeof *x->tables);
    dc_xlsx_sheetname(&x->names, "概况", "概况", x->overview_name);
    dc_xlsx_sheetname(&x->names, "绩效指标", "绩效指标", x->indicators_name);
    int i = 0;
    for (const dc_node *b = x->doc->root->first_child; b && i < n; b = b->next) {
        if (b->type != DC_NODE_TABLE)
            continue;
        S_tinfo *ti = &x->tables[i];
        ti->table = b;
        dc_table_view *v = dc_table_view_new(b);
        S_find_caption(x, v, i, ti);
        dc_table_view_free(v);
        char fallback[32];
        snprintf(fallback, sizeof fallback, "表%d", i + 1);
        dc_xlsx_sheetname(&x->names, ti->caption, fallback, ti->name);
        i++;
    }
    x->ntables = n;
    const dc_disclosure *d = x->d;
    x->has_indicators = d->department_indicators.nrows > 0;
    for (size_t p = 0; p < d->nprojects && !x->has_indicators; p++)
        x->has_indicators = d->projects[p].nrows > 0;
}

dc_status dc_xlsx_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                        const dc_xlsx_options *opt, dc_error *err)
{
    dc_disclosure empty;
    if (!d) {
        memset(&empty, 0, sizeof empty);
        empty.doc = doc;
        d = &empty;
    }
    S_ctx x = {.doc = doc, .d = d, .err = err, .merge_budget = S_MERGE_BUDGET};
    dc_xlsx_file file;
    x.wb = dc_xlsx_file_open(&file, path, NULL, err);
    if (!x.wb)
        return err->code;

    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    const char *title = d->title ? d->title : doc->meta.title;
    char *subject = NULL;
    if (doc->meta.subject) {
        subject = dc_xstrdup(doc->meta.subject);
    } else if (d->year) {
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "%d年部门%s信息公开", d->year, d->is_final_accounts ? "决算" : "预算");
        subject = dc_buf_detach(&b, NULL);
    }
    props.title = (char *)(title ? title : "");
    props.subject = subject;
    props.author = (char *)(d->department ? d->department : doc->meta.creator);
    props.keywords = (char *)doc->meta.keywords;
    props.created = S_created(doc, opt);
    S_check(&x, workbook_set_properties(x.wb, &props), "properties");

    S_plan(&x);
    S_write_overview(&x);
    for (int i = 0; i < x.ntables && err->code == DC_OK; i++)
        S_write_table(&x, &x.tables[i]);
    if (x.has_indicators && err->code == DC_OK)
        S_write_indicators(&x);

    dc_xlsx_file_close(&file, x.wb, err->code, err);

    free(subject);
    for (int i = 0; i < x.ntables; i++) {
        free(x.tables[i].caption);
        free(x.tables[i].unit);
    }
    free(x.tables);
    free(x.fmts);
    free(x.fhash);
    dc_xlsx_names_free(&x.names);
    dc_buf_free(&x.tmp);
    return err->code;
}
