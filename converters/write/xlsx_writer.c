/*
 * xlsx_writer.c - the workbook: an overview sheet (概况), one formatted sheet
 * per body table in document order, and a consolidated indicator sheet
 * (绩效指标).  docs/xlsx.md describes the layout.
 *
 * Each table is read once: its cells' texts go into an array, from which
 * header rows, number cells, column widths and row heights are worked out
 * before anything is written.  Formats are shared through a small cache.
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
    if (x->nfmts == x->capfmts) {
        x->capfmts = x->capfmts ? 2 * x->capfmts : 32;
        x->fmts = dc_xrealloc(x->fmts, x->capfmts * sizeof *x->fmts);
    }
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
    char name[DC_XLSX_SHEETNAME_SIZE];
} S_tinfo;

typedef struct {
    const dc_node *node;
    int r, c, rs, cs;
    const char *text;        /* the view's: paragraphs joined by '\n' */
    size_t len;
    char *shape;             /* header cells: text with wrap spaces as breaks, or NULL */
    size_t shape_len;
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
    if (dc_utf8_count(t, strlen(t)) > 60)
        return 0;
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

/* Finds a table's caption and unit line among the paragraphs before it, or
 * in its first row. */
static void S_find_caption(const dc_node *table, int index, S_tinfo *ti)
{
    char *heading = NULL;
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
            heading = t;
        } else if (b->type == DC_NODE_PARAGRAPH && S_is_form_line(t)) {
            free(t);
            continue;
        } else {
            free(t);
        }
        break;
    }
    /* a title row inside the table: one cell across the whole width */
    const dc_node *row0 = table->first_child;
    const int ncols = table->as.table.ncols;
    if (row0) {
        for (int r = 0; r < 2 && row0; r++, row0 = row0->next) {
            const dc_node *c0 = row0->first_child;
            if (!c0 || c0->next)
                continue;
            char *t = S_trimmed(c0);
            if (!t)
                continue;
            if (S_is_unit_line(t)) {
                if (!ti->unit) {
                    ti->unit = t;
                    t = NULL;
                }
            } else if (r == 0 && !ti->caption && ncols > 1 && c0->as.cell.col_span == ncols &&
                       !strchr(t, '\n') && dc_utf8_count(t, strlen(t)) <= 60) {
                ti->caption = t;
                t = NULL;
            }
            free(t);
        }
    }
    if (!ti->caption && heading) {
        ti->caption = heading;
        heading = NULL;
    }
    free(heading);
    if (!ti->caption) {
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "表%d", index + 1);
        ti->caption = dc_buf_detach(&b, NULL);
    }
}

/* A header's text as it is meant to wrap: runs of two or more spaces (the
 * document's way of breaking "计量  单位" in a narrow cell) become line
 * breaks.  Returns a malloc'ed copy. */
static char *S_header_shape(const char *s, size_t n, size_t *out_len)
{
    dc_buf b = DC_BUF_INIT;
    size_t i = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        if (cp == ' ' || cp == 0x3000) {
            size_t j = i, run = 0;
            while (j < n) {
                size_t a2;
                uint32_t c2 = dc_utf8_decode(s + j, n - j, &a2);
                if (c2 != ' ' && c2 != 0x3000)
                    break;
                run += c2 == 0x3000 ? 2 : 1;
                j += a2;
            }
            dc_buf_putc(&b, run >= 2 ? '\n' : ' ');
            i = j;
            continue;
        }
        dc_buf_put(&b, s + i, adv);
        i += adv;
    }
    return dc_buf_detach(&b, out_len);
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
    for (dc_event ev; (ev = dc_iter_next(&it)) != DC_EVENT_DONE;) {
        const dc_node *n = dc_iter_node(&it);
        if (ev != DC_EVENT_ENTER || n->type != DC_NODE_RUN || n->as.run.is_label)
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

/* Print setup shared by all sheets. */
static void S_print_setup(lxw_worksheet *ws, int landscape)
{
    worksheet_set_paper(ws, 9);                 /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

/* Writes one table's sheet. */
static void S_write_table(S_ctx *x, const S_tinfo *ti)
{
    const dc_node *table = ti->table;
    int ncols = table->as.table.ncols;
    int nrows = dc_table_row_count(table);
    if (ncols < 1)
        ncols = 1;
    if (ncols > S_MAX_COLS)
        ncols = S_MAX_COLS;
    if (nrows > S_MAX_ROWS - S_TOP)
        nrows = S_MAX_ROWS - S_TOP;

    lxw_worksheet *ws = workbook_add_worksheet(x->wb, ti->name);
    if (!ws) {
        dc_error_set(x->err, DC_ERR_INTERNAL, "XLSX: cannot add sheet %s", ti->name);
        return;
    }

    /* ---- the cells, as the table view places them ---- */
    dc_table_view *view = dc_table_view_new(table);
    S_cell *cells = dc_xcalloc(view->ncells + 1, sizeof *cells);
    size_t ncells = 0;
    for (size_t i = 0; i < view->ncells; i++) {
        const dc_view_cell *vc = &view->cells[i];
        if (vc->row >= nrows || vc->col >= ncols)
            continue;
        S_cell *sc = &cells[ncells++];
        sc->node = vc->node;
        sc->r = vc->row;
        sc->c = vc->col;
        sc->rs = vc->row + vc->row_span > nrows ? nrows - vc->row : vc->row_span;
        sc->cs = vc->col + vc->col_span > ncols ? ncols - vc->col : vc->col_span;
        sc->text = vc->text;
        sc->len = vc->len;
    }

    /* The merged area of the workbook is bounded. */
    unsigned char *merge_ok = dc_xcalloc(ncells ? ncells : 1, 1);
    for (size_t i = 0; i < ncells; i++) {
        const S_cell *c = &cells[i];
        size_t area = (size_t)c->rs * (size_t)c->cs;
        if (area == 1 || area > x->merge_budget)
            continue;
        x->merge_budget -= area;
        merge_ok[i] = 1;
    }

    int hf = view->header_first, hl = view->header_last;
    if (hl >= nrows)
        hf = hl = -1;

    /* code columns keep their digits as text */
    unsigned char *code_col = dc_xcalloc((size_t)ncols, 1);
    for (size_t i = 0; i < ncells && hf >= 0; i++) {
        S_cell *c = &cells[i];
        if (c->r >= hf && c->r <= hl && S_is_code_header(c->text))
            for (int j = c->c; j < c->c + c->cs; j++)
                code_col[j] = 1;
    }
    for (size_t i = 0; i < ncells; i++) {
        S_cell *c = &cells[i];
        if (hf >= 0 && c->r >= hf && c->r <= hl) {
            c->shape = S_header_shape(c->text, c->len, &c->shape_len);
            continue;
        }
        if (code_col[c->c])
            continue;
        c->is_num = dc_plain_number(c->text, c->len, &c->num, &c->decimals, &c->grouped);
    }

    /* ---- column widths from single-column cells ---- */
    double *width = dc_xcalloc((size_t)ncols, sizeof *width);
    for (size_t i = 0; i < ncells; i++) {
        const S_cell *c = &cells[i];
        if (c->cs != 1)
            continue;
        double w = c->shape ? dc_xlsx_text_width(c->shape, c->shape_len)
                            : dc_xlsx_text_width(c->text, c->len);
        if (w > width[c->c])
            width[c->c] = w;
    }
    for (int j = 0; j < ncols; j++) {
        width[j] = dc_xlsx_column_width(width[j]);
        S_check(x, worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, width[j], NULL),
                "column width");
    }

    /* ---- row heights: wrapped lines of each cell ---- */
    double *height = dc_xcalloc((size_t)nrows + 1, sizeof *height);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ncells; i++) {
            const S_cell *c = &cells[i];
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
    for (int r = 0; r < nrows; r++)
        if (height[r] > S_ROW_PT)
            S_check(x, worksheet_set_row(ws, (lxw_row_t)(S_TOP + r),
                                         height[r] > S_MAX_ROW_PT ? S_MAX_ROW_PT : height[r],
                                         NULL),
                    "row height");

    /* ---- title and unit rows ---- */
    S_fkey key = S_key();
    key.bold = 1;
    key.halign = LXW_ALIGN_CENTER;
    key.size2 = 28;
    key.wrap = 1;
    lxw_format *ft = S_format(x, &key);
    if (ncols > 1)
        S_check(x, worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncols - 1), "", ft), "merge");
    S_write_cstr(x, ws, 0, 0, ti->caption, ft);
    double title_w = 0;
    for (int j = 0; j < ncols; j++)
        title_w += width[j];
    int tl = dc_xlsx_text_lines(ti->caption, strlen(ti->caption), title_w * 11 / 14 / 1.1);
    S_check(x, worksheet_set_row(ws, 0, tl * 18.0 + 6 > S_MAX_ROW_PT ? S_MAX_ROW_PT : tl * 18.0 + 6,
                                 NULL),
            "row height");
    if (ti->unit) {
        key = S_key();
        key.halign = LXW_ALIGN_RIGHT;
        lxw_format *fu = S_format(x, &key);
        if (ncols > 1)
            S_check(x, worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)(ncols - 1), "", fu),
                    "merge");
        S_write_cstr(x, ws, 1, 0, ti->unit, fu);
    }

    /* ---- the cells ---- */
    /* Rows from the header on are bordered all round; title and label rows
     * above the header keep the document's borders (often none). */
    const int lead_rows = hf > 0 ? hf : 0;
    for (size_t i = 0; i < ncells; i++) {
        const S_cell *c = &cells[i];
        const dc_cell *cc = &c->node->as.cell;
        int is_header = hf >= 0 && c->r >= hf && c->r <= hl;
        key = S_key();
        key.valign = S_valign(cc->valign);
        if (is_header) {
            key.bold = 1;
            key.halign = LXW_ALIGN_CENTER;
            key.valign = LXW_ALIGN_VERTICAL_CENTER;
            key.borders = DC_BORDER_ALL;
            key.fill = cc->has_fill ? cc->fill : S_HEADER_FILL;
            key.wrap = 1;
        } else {
            key.bold = (unsigned char)S_cell_bold(c->node);
            key.halign = S_halign(S_cell_align(c->node));
            key.borders = (unsigned char)(c->r < lead_rows ? cc->borders & DC_BORDER_ALL
                                                           : DC_BORDER_ALL);
            if (cc->has_fill)
                key.fill = cc->fill;
            if (c->is_num) {
                key.decimals1 = (unsigned char)(c->decimals + 1);
                key.grouped = (unsigned char)c->grouped;
                if (!key.halign)
                    key.halign = LXW_ALIGN_RIGHT;
            } else {
                key.wrap = 1;
            }
        }
        lxw_format *f = S_format(x, &key);
        int row = S_TOP + c->r;
        if (merge_ok[i])
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

    /* ---- freeze, print titles, print setup ---- */
    if (hf >= 0) {
        worksheet_freeze_panes(ws, (lxw_row_t)(S_TOP + hl + 1), 0);
        S_check(x, worksheet_repeat_rows(ws, (lxw_row_t)(S_TOP + hf), (lxw_row_t)(S_TOP + hl)),
                "print titles");
    }
    S_print_setup(ws, 1);

    free(merge_ok);
    free(height);
    free(width);
    free(code_col);
    for (size_t i = 0; i < ncells; i++)
        free(cells[i].shape);
    free(cells);
    dc_table_view_free(view);
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
            char *url = S_link(x->tables[ti].name, r >= 0 ? S_TOP + r : 0, c >= 0 ? c : 0);
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
    S_ADD(S_IT_TEXT, "类型", "kind", kind, 0, NULL, NULL, 0, 0);
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
        if ((fi->flags & DC_FIG_OVERVIEW) || ((fi->flags & DC_FIG_IF_STATED) && a->present))
            S_ADD(S_IT_AMOUNT, fi->label, fi->key, NULL, 0, NULL, a, 0,
                  (fi->flags & DC_FIG_PART) != 0);
    }
    S_ADD(S_IT_INT, "部门整体绩效指标", "department_indicators.count", NULL,
          (int)d->department_indicators.nrows, "项", NULL, 0, 0);
    S_ADD(S_IT_INT, "项目绩效目标表", "project_tables.count", NULL, (int)d->nprojects, "张", NULL,
          0, 0);
    S_ADD(S_IT_INT, "表格", "tables.count", NULL, x->ntables_all, "张", NULL, 0, 0);
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

static void S_write_overview(S_ctx *x)
{
    const dc_disclosure *d = x->d;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, x->overview_name);
    if (!ws) {
        dc_error_set(x->err, DC_ERR_INTERNAL, "XLSX: cannot add the overview sheet");
        return;
    }
    static const double widths[5] = {30, 28, 8, 44, 48};
    for (int j = 0; j < 5; j++)
        worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, widths[j], NULL);

    S_fkey key = S_key();
    key.bold = 1;
    key.halign = LXW_ALIGN_CENTER;
    key.size2 = 28;
    key.wrap = 1;
    lxw_format *ft = S_format(x, &key);
    key = S_key();
    key.bold = 1;
    key.halign = LXW_ALIGN_CENTER;
    key.borders = DC_BORDER_ALL;
    key.fill = S_HEADER_FILL;
    key.wrap = 1;
    lxw_format *fh = S_format(x, &key);
    key = S_key();
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
    S_print_setup(ws, 0);
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
        char *url = S_link(x->tables[ti].name, r >= 0 ? S_TOP + r : 0, 0);
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
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, x->indicators_name);
    if (!ws) {
        dc_error_set(x->err, DC_ERR_INTERNAL, "XLSX: cannot add the indicator sheet");
        return;
    }
    static const char *const head[S_IND_COLS] = {
        "序号", "类别", "项目", "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标描述",
        "评（扣）分标准", "符号", "指标值", "数值", "单位", "指标值确定依据", "来源"};
    static const double widths[S_IND_COLS] = {6, 10, 36, 40, 12, 14, 24, 30,
                                              24, 6, 14, 10, 8, 30, 14};
    for (int j = 0; j < S_IND_COLS; j++)
        worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, widths[j], NULL);
    S_fkey key = S_key();
    key.bold = 1;
    key.halign = LXW_ALIGN_CENTER;
    key.borders = DC_BORDER_ALL;
    key.fill = S_HEADER_FILL;
    lxw_format *fh = S_format(x, &key);
    key = S_key();
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
    S_print_setup(ws, 1);
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

/* Parses a W3CDTF date ("2021", "2021-02", "2021-02-20", "2021-02-20T09:30Z",
 * "2021-02-20T09:30:00.5+08:00").  Returns 1 and seconds since 1970. */
int dc_xlsx_parse_w3cdtf(const char *s, long long *out)
{
    if (!s)
        return 0;
    int Y = 0, M = 1, D = 1, h = 0, mi = 0, sec = 0, n = 0;
    while (*s == ' ')
        s++;
    if (sscanf(s, "%4d%n", &Y, &n) != 1 || n != 4)
        return 0;
    s += n;
    if (*s == '-') {
        if (sscanf(s, "-%2d%n", &M, &n) != 1 || n != 3)
            return 0;
        s += n;
        if (*s == '-') {
            if (sscanf(s, "-%2d%n", &D, &n) != 1 || n != 3)
                return 0;
            s += n;
        }
    }
    if (M < 1 || M > 12 || D < 1 || D > 31)
        return 0;
    long long tz = 0;
    if (*s == 'T') {
        if (sscanf(s, "T%2d:%2d%n", &h, &mi, &n) != 2 || n != 6)
            return 0;
        s += n;
        if (*s == ':') {
            if (sscanf(s, ":%2d%n", &sec, &n) != 1 || n != 3)
                return 0;
            s += n;
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

/* Where libxlsxwriter keeps its temporary part files (created and unlinked
 * at once): $TMPDIR when set, else /dev/shm (memory, markedly faster than a
 * disk file system for the dozens of small parts), else its default. */
static const char *S_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    if (t && *t && access(t, W_OK | X_OK) == 0)
        return t;
    if (access("/dev/shm", W_OK | X_OK) == 0)
        return "/dev/shm";
    return NULL;
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
        S_find_caption(b, i, ti);
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
    /* libxlsxwriter reports a file it cannot create on stderr by itself:
     * find out first, so that the only message is ours. */
    FILE *probe = fopen(path, "wb");
    if (!probe)
        return dc_error_set(err, DC_ERR_OUTPUT, "cannot create %s: %s", path, strerror(errno));
    fclose(probe);

    S_ctx x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.d = d;
    x.err = err;
    x.merge_budget = S_MERGE_BUDGET;
    lxw_workbook_options wo;
    memset(&wo, 0, sizeof wo);
    wo.tmpdir = (char *)S_tmpdir();
    x.wb = workbook_new_opt(path, &wo);
    if (!x.wb)
        return dc_error_set(err, DC_ERR_OUTPUT, "cannot create %s", path);

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

    lxw_error e = workbook_close(x.wb);
    if (e != LXW_NO_ERROR)
        dc_error_set(err, DC_ERR_OUTPUT, "cannot write %s: %s", path, lxw_strerror(e));

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
