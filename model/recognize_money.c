/*
 * recognize_money.c - the nine standard money tables of the Ministry of
 * Finance template (部门收支总表 … 国有资本经营预算支出表, and their 决算
 * forms): the kind from the caption, the header paths of the amount columns,
 * the classification rows (code in one 科目编码 column or split into 类/款/项
 * columns, name, level), every amount, the total row, and whether an empty
 * table says why.  Tables are read through the table view
 * (model/table_view.h) and amounts through model/amount.h; 行次 / 栏次
 * columns and rows only number the lines and are never amounts.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/amount.h"
#include "model/recognize_int.h"
#include "model/table_view.h"

/* A table's grid texts: as printed without white space (raw) and normalised
 * for matching (norm), per grid position of a cell's top-left corner; the
 * positions a merge covers hold the merged cell's text in cover[]. */
typedef struct {
    dc_table_view *v;
    int nrows, ncols;
    const char **raw, **norm;   /* per position, "" when no cell starts there */
    const char **cover;         /* per position: the normalised text of the covering cell */
} S_grid;

/* The text without any white space, as printed otherwise (full-width kept). */
static const char *S_squeeze(dc_rec_ctx *cx, const char *s, size_t n)
{
    dc_buf b = DC_BUF_INIT;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        if (!dc_cp_is_space(cp) && cp != '\n' && cp != '\t' && cp != '\r')
            dc_buf_put(&b, s + i, adv);
        i += adv;
    }
    const char *r = dc_rec_strndup(cx, b.data ? b.data : "", b.len);
    dc_buf_free(&b);
    return r;
}

static const char *S_normed(dc_rec_ctx *cx, const char *s)
{
    char *n = dc_norm_dup(s, strlen(s), DC_NORM_SPACE | DC_NORM_QUOTES);
    const char *r = dc_arena_strdup(&cx->d->arena, n);
    free(n);
    return r;
}

static size_t S_at(const S_grid *g, int r, int c)
{
    return (size_t)r * (size_t)g->ncols + (size_t)c;
}

static void S_grid_init(dc_rec_ctx *cx, S_grid *g, const dc_node *table)
{
    g->v = dc_table_view_new(table);
    g->nrows = g->v->nrows;
    g->ncols = g->v->ncols;
    size_t n = (size_t)g->nrows * (size_t)g->ncols;
    g->raw = dc_xcalloc(n ? n : 1, sizeof *g->raw);
    g->norm = dc_xcalloc(n ? n : 1, sizeof *g->norm);
    g->cover = dc_xcalloc(n ? n : 1, sizeof *g->cover);
    for (size_t i = 0; i < n; i++)
        g->raw[i] = g->norm[i] = g->cover[i] = "";
    for (size_t k = 0; k < g->v->ncells; k++) {
        const dc_view_cell *c = &g->v->cells[k];
        const char *raw = S_squeeze(cx, c->text, c->len), *norm = S_normed(cx, raw);
        g->raw[S_at(g, c->row, c->col)] = raw;
        g->norm[S_at(g, c->row, c->col)] = norm;
        for (int i = c->row; i < c->row + c->row_span; i++)
            for (int j = c->col; j < c->col + c->col_span; j++)
                g->cover[S_at(g, i, j)] = norm;
    }
}

static void S_grid_free(S_grid *g)
{
    dc_table_view_free(g->v);
    free(g->raw);
    free(g->norm);
    free(g->cover);
}

/* ---- kinds ---------------------------------------------------------------- */

/* The kind a caption names, -1 when none.  The order matters: 财政拨款收支总表
 * before 收支总表, 基本支出表 before 一般公共预算支出表. */
static int S_kind_of(const char *n)
{
    if (!n || !dc_rec_has(n, "表"))
        return -1;
    if (dc_rec_has(n, "三公"))
        return DC_MONEY_THREE_PUBLIC;
    if (dc_rec_has(n, "一般公共预算") && dc_rec_has(n, "基本支出"))
        return DC_MONEY_GENERAL_BUDGET_BASIC;
    if (dc_rec_has(n, "一般公共预算") && dc_rec_has(n, "支出") && !dc_rec_has(n, "收入"))
        return DC_MONEY_GENERAL_BUDGET;
    if (dc_rec_has(n, "政府性基金") && dc_rec_has(n, "支出"))
        return DC_MONEY_GOVERNMENT_FUND;
    if (dc_rec_has(n, "国有资本经营") && dc_rec_has(n, "支出"))
        return DC_MONEY_STATE_CAPITAL;
    if (dc_rec_has(n, "财政拨款收支") || dc_rec_has(n, "财政拨款收入支出"))
        return DC_MONEY_FISCAL_GRANT_SUMMARY;
    if (dc_rec_has(n, "收支总") || dc_rec_has(n, "收入支出决算总") ||
        dc_rec_has(n, "收支决算总") || dc_rec_has(n, "收支预算总"))
        return DC_MONEY_INCOME_EXPENDITURE_SUMMARY;
    if (dc_rec_has(n, "收入总表") || dc_rec_has(n, "收入决算表") || dc_rec_has(n, "收入预算表"))
        return DC_MONEY_INCOME_BY_CLASS;
    if (dc_rec_has(n, "支出总表") || dc_rec_has(n, "支出决算表") || dc_rec_has(n, "支出预算表"))
        return DC_MONEY_EXPENDITURE_BY_CLASS;
    return -1;
}

/* ---- header ------------------------------------------------------------ */

static int S_is_title_row(const S_grid *g, int r)
{
    const dc_view_cell *c = dc_table_view_at(g->v, r, 0);
    return g->ncols > 1 && c && c->col_span == g->ncols && c->row == r;
}

static int S_is_code(const char *s)
{
    return dc_code_level_of(s, strlen(s)) != DC_LEVEL_NONE;
}

static int S_has_total_word(const char *n)
{
    return dc_rec_has(n, "合计") || dc_rec_has(n, "总计");
}

/* A row that numbers the columns (栏次 1 2 3 …), or a line of the table's
 * heading inside it (编制单位：…, 单位：万元): neither header nor body. */
static int S_is_numbering_row(const S_grid *g, int r)
{
    for (int c = 0; c < g->ncols; c++) {
        const char *n = g->cover[S_at(g, r, c)];
        if (!strcmp(n, "栏次") || !strcmp(n, "栏号") || dc_rec_has(n, "单位:"))
            return 1;
    }
    return 0;
}

/* The first body row: a code, an amount, a total or a numbered label. */
static int S_first_body_row(const S_grid *g)
{
    for (int r = 0; r < g->nrows; r++) {
        if (S_is_title_row(g, r) || S_is_numbering_row(g, r))
            continue;
        const char *first = NULL;
        int numbers = 0, words = 0;   /* words: texts after the first, not numbers */
        for (int c = 0; c < g->ncols; c++) {
            const char *cv = g->cover[S_at(g, r, c)];
            if (!first && *cv)
                first = cv;
            const char *n = g->norm[S_at(g, r, c)];
            if (!*n)
                continue;
            double v;
            int dec, grp;
            if (S_is_code(n))
                return r;
            if (dc_plain_number(n, strlen(n), &v, &dec, &grp)) {
                if (dec > 0 || ++numbers >= 2)
                    return r;
            } else if (n != first) {
                words++;
            }
        }
        /* "合计 | | |" or "一、… | 100": a body row; "合计 | 因公出国（境）费 | …"
           names columns */
        int num;
        size_t ml;
        if (first && !words &&
            (S_has_total_word(first) ||
             dc_rec_marker(first, strlen(first), &num, &ml) != DC_NUM_NONE))
            return r;
    }
    return g->nrows;
}

enum { COL_SKIP, COL_CODE, COL_CODE_PART, COL_NAME, COL_AMOUNT };

static const char *S_last_seg(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int S_col_role(const char *path)
{
    const char *leaf = S_last_seg(path);
    if (dc_rec_has(leaf, "行次") || dc_rec_has(leaf, "栏次") || dc_rec_has(leaf, "序号"))
        return COL_SKIP;
    if (!strcmp(leaf, "类") || !strcmp(leaf, "款") || !strcmp(leaf, "项"))
        return COL_CODE_PART;
    if (dc_rec_has(leaf, "编码") || dc_rec_has(leaf, "代码"))
        return COL_CODE;
    size_t ll = strlen(leaf), pl = strlen("项目");
    if ((ll >= pl && !strcmp(leaf + ll - pl, "项目")) || dc_rec_has(leaf, "名称") ||
        !strcmp(leaf, "科目") ||
        !strcmp(leaf, "收入") || !strcmp(leaf, "支出") || dc_rec_has(leaf, "项目(") ||
        !strcmp(leaf, "功能分类科目") || !strcmp(leaf, "经济分类科目"))
        return COL_NAME;
    if (!*path)
        return COL_SKIP;
    return COL_AMOUNT;
}

/* The header path of column c over rows [0, he): the distinct printed texts
 * top to bottom joined by "/", title and 栏次 rows left out. */
static const char *S_path(dc_rec_ctx *cx, const S_grid *g, int he, int c, int normed)
{
    dc_buf b = DC_BUF_INIT;
    const dc_view_cell *prev = NULL;
    for (int r = 0; r < he; r++) {
        if (S_is_title_row(g, r) || S_is_numbering_row(g, r))
            continue;
        const dc_view_cell *cell = dc_table_view_at(g->v, r, c);
        if (!cell || cell == prev)
            continue;
        prev = cell;
        size_t k = S_at(g, cell->row, cell->col);
        const char *t = normed ? g->norm[k] : g->raw[k];
        if (!*t)
            continue;
        if (b.len)
            dc_buf_putc(&b, '/');
        dc_buf_puts(&b, t);
    }
    const char *r = dc_rec_strndup(cx, b.data ? b.data : "", b.len);
    dc_buf_free(&b);
    return r;
}

/* ---- rows ---------------------------------------------------------------- */

typedef struct {
    int ncols;
    int *role;                /* per grid column */
    dc_money_side *side;      /* per grid column */
    int *amount_index;        /* per grid column: index into the table's columns, or -1 */
    int two_sided;
} S_layout;

/* The name of row r on a side: the first non-empty name cell. */
static const char *S_row_name(const S_grid *g, const S_layout *L, int r, dc_money_side side,
                              int *col)
{
    for (int c = 0; c < g->ncols; c++) {
        if (L->role[c] != COL_NAME || (L->two_sided && L->side[c] != side))
            continue;
        const char *t = g->raw[S_at(g, r, c)];
        if (*t) {
            *col = c;
            return t;
        }
    }
    /* "合计" merged over the code and name columns */
    for (int c = 0; c < g->ncols; c++) {
        if ((L->role[c] != COL_CODE && L->role[c] != COL_CODE_PART) ||
            (L->two_sided && L->side[c] != side))
            continue;
        const char *t = g->raw[S_at(g, r, c)];
        if (*t && !S_is_code(g->norm[S_at(g, r, c)])) {
            *col = c;
            return t;
        }
    }
    *col = -1;
    return "";
}

/* The code of row r: one 科目编码 column, or 类/款/项 columns (a 款 or 项
 * part of two digits continues the codes above it). */
static const char *S_row_code(dc_rec_ctx *cx, const S_grid *g, const S_layout *L, int r,
                              char *cls, char *sec)
{
    char parts[3][16] = {"", "", ""};
    int np = 0;
    for (int c = 0; c < g->ncols; c++) {
        const char *t = g->norm[S_at(g, r, c)];
        if (L->role[c] == COL_CODE && S_is_code(t))
            return dc_rec_strndup(cx, t, strlen(t));
        if (L->role[c] == COL_CODE_PART && np < 3) {
            size_t n = strlen(t);
            if (n < sizeof parts[0])
                memcpy(parts[np], t, n + 1);
            np++;
        }
    }
    if (!np)
        return NULL;
    char code[32] = "";
    for (int i = 0; i < np; i++) {
        size_t n = strlen(parts[i]);
        for (size_t k = 0; k < n; k++)
            if (parts[i][k] < '0' || parts[i][k] > '9')
                return NULL;
        if (!n)
            continue;
        if (i == 0 || n >= 3)
            snprintf(code, sizeof code, "%s", parts[i]);
        else if (i == 1)
            snprintf(code, sizeof code, "%s%s", cls, parts[i]);
        else
            snprintf(code, sizeof code, "%s%s", sec, parts[i]);
    }
    size_t n = strlen(code);
    dc_code_level lv = dc_code_level_of(code, n);
    if (lv == DC_LEVEL_CLASS)
        snprintf(cls, 8, "%s", code), sec[0] = '\0';
    else if (lv == DC_LEVEL_SECTION)
        snprintf(sec, 8, "%s", code);
    return lv == DC_LEVEL_NONE ? NULL : dc_rec_strndup(cx, code, n);
}

/* A printed amount: blank, "-" or "—" is no amount. */
static void S_value(dc_rec_ctx *cx, const S_grid *g, const dc_rec_block *blk, int r, int c,
                    const char *unit, dc_amount *a)
{
    memset(a, 0, sizeof *a);
    const dc_view_cell *cell = dc_table_view_at(g->v, r, c);
    if (!cell || cell->row != r || cell->col != c)
        return;
    const char *n = g->norm[S_at(g, r, c)];
    double v;
    int dec, grp;
    if (!*n || !dc_plain_number(n, strlen(n), &v, &dec, &grp))
        return;
    dc_number num;
    memset(&num, 0, sizeof num);
    if (!dc_value_parse(n, strlen(n), &num))
        return;
    dc_source src;
    dc_rec_source(blk, cell->node, &src);
    src.row = r;
    src.col = c;
    dc_rec_amount(cx, a, &num, unit, &src);
}

static int S_name_is_total(const char *norm_name, dc_money_side side)
{
    if (!strcmp(norm_name, "合计") || !strcmp(norm_name, "支出合计") ||
        !strcmp(norm_name, "收入合计"))
        return side == DC_SIDE_NONE;   /* a side's 合计 is its subtotal (本年收入合计) */
    size_t n = strlen(norm_name), k = strlen("总计");
    return n >= k && !strcmp(norm_name + n - k, "总计");
}

/* The note under an empty table: a paragraph (or a row) starting with 注 or
 * saying 空表. */
static int S_is_note(const char *norm)
{
    return !strncmp(norm, "注", strlen("注")) || dc_rec_has(norm, "空表") ||
           dc_rec_has(norm, "为空") || dc_rec_has(norm, "无数据") ||
           (dc_rec_has(norm, "安排") && (dc_rec_has(norm, "没有") || dc_rec_has(norm, "无")));
}

/* ---- one table ------------------------------------------------------------ */

typedef struct {
    dc_money_row *rows;
    size_t n, cap;
} S_rows;

static dc_money_row *S_row_new(dc_rec_ctx *cx, S_rows *rs, size_t ncolumns)
{
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 32;
        dc_money_row *nr = dc_arena_alloc(&cx->d->arena, rs->cap * sizeof *nr);
        if (rs->n)
            memcpy(nr, rs->rows, rs->n * sizeof *nr);
        rs->rows = nr;
    }
    dc_money_row *row = &rs->rows[rs->n++];
    memset(row, 0, sizeof *row);
    row->group = -1;
    row->values = dc_arena_alloc(&cx->d->arena, (ncolumns ? ncolumns : 1) * sizeof(dc_amount));
    return row;
}

/* The columns: roles, sides, header paths.  Returns the number of amount columns. */
static size_t S_columns(dc_rec_ctx *cx, const S_grid *g, int he, S_layout *L, dc_money_table *mt)
{
    const char **paths = dc_xcalloc((size_t)g->ncols, sizeof *paths);
    int has_in = 0, has_out = 0;
    dc_money_side cur = DC_SIDE_NONE;
    for (int c = 0; c < g->ncols; c++) {
        paths[c] = S_path(cx, g, he, c, 0);
        const char *np = S_path(cx, g, he, c, 1);
        L->role[c] = S_col_role(np);
        if (!strncmp(np, "收入", strlen("收入")))
            cur = DC_SIDE_INCOME;
        else if (!strncmp(np, "支出", strlen("支出")) && (L->role[c] == COL_NAME ||
                                                        strchr(np, '/') || cur != DC_SIDE_NONE))
            cur = DC_SIDE_EXPENDITURE;
        L->side[c] = cur;
        has_in |= cur == DC_SIDE_INCOME && L->role[c] == COL_NAME;
        has_out |= cur == DC_SIDE_EXPENDITURE && L->role[c] == COL_NAME;
    }
    L->two_sided = has_in && has_out;
    mt->columns = dc_arena_alloc(&cx->d->arena, (size_t)g->ncols * sizeof(char *));
    mt->column_side = dc_arena_alloc(&cx->d->arena, (size_t)g->ncols * sizeof(dc_money_side));
    mt->code_col = -1;
    for (int c = 0; c < g->ncols; c++) {
        L->amount_index[c] = -1;
        if ((L->role[c] == COL_CODE || L->role[c] == COL_CODE_PART) && mt->code_col < 0)
            mt->code_col = c;
        if (!L->two_sided)
            L->side[c] = DC_SIDE_NONE;
        if (L->role[c] == COL_CODE_PART)
            mt->code_columns = 3;
        else if (L->role[c] == COL_CODE && !mt->code_columns)
            mt->code_columns = 1;
        if (L->role[c] != COL_AMOUNT)
            continue;
        const char *name = paths[c];
        const char *prefix = L->side[c] == DC_SIDE_INCOME      ? "收入"
                             : L->side[c] == DC_SIDE_EXPENDITURE ? "支出"
                                                                 : NULL;
        if (prefix && strncmp(name, prefix, strlen(prefix))) {
            size_t len = strlen(prefix) + 1 + strlen(name);
            char *p = dc_arena_alloc(&cx->d->arena, len + 1);
            snprintf(p, len + 1, "%s/%s", prefix, name);
            name = p;
        }
        L->amount_index[c] = (int)mt->ncolumns;
        mt->column_side[mt->ncolumns] = L->side[c];
        mt->columns[mt->ncolumns++] = name;
    }
    free(paths);
    return mt->ncolumns;
}

/* Fills the row's values from the amount columns of its side; returns the
 * number of amounts present. */
static int S_values(dc_rec_ctx *cx, const S_grid *g, const S_layout *L, const dc_rec_block *blk,
                    int r, dc_money_side side, const char *unit, dc_amount *vals)
{
    int n = 0;
    for (int c = 0; c < g->ncols; c++) {
        int k = L->amount_index[c];
        if (k < 0 || (L->two_sided && L->side[c] != side))
            continue;
        S_value(cx, g, blk, r, c, unit, &vals[k]);
        n += vals[k].present;
    }
    return n;
}

static void S_mark_groups(S_rows *rs)
{
    /* two-sided: "一、本年收入" followed by "（一）…" rows on its side is a
       subtotal; those rows belong to it */
    for (size_t i = 0; i < rs->n; i++) {
        dc_money_row *row = &rs->rows[i];
        int num;
        size_t ml;
        char *n = dc_norm_dup(row->name, strlen(row->name), DC_NORM_SPACE | DC_NORM_QUOTES);
        dc_num_style st = dc_rec_marker(n, strlen(n), &num, &ml);
        if (!strncmp(n, "其中", strlen("其中"))) {
            row->is_part = 1;
            free(n);
            continue;
        }
        if (dc_rec_has(n, "合计"))
            row->is_subtotal = 1;
        if (st == DC_NUM_CN_PAREN) {
            for (size_t k = i; k-- > 0;) {
                dc_money_row *up = &rs->rows[k];
                if (up->side != row->side)
                    continue;
                char *un = dc_norm_dup(up->name, strlen(up->name), DC_NORM_SPACE);
                int unum;
                size_t uml;
                dc_num_style ust = dc_rec_marker(un, strlen(un), &unum, &uml);
                free(un);
                if (ust == DC_NUM_CN_DUN) {
                    up->is_subtotal = 1;
                    row->group = (int)k;
                    break;
                }
                if (ust != DC_NUM_CN_PAREN)
                    break;
            }
        }
        free(n);
    }
}

/* The first block from index j on in direction dir (1 or -1) that has text,
 * not looking past a table: its index, or -1. */
static int S_next_text(const dc_rec_ctx *cx, int j, int dir)
{
    for (; j >= 0 && (size_t)j < cx->nblocks; j += dir) {
        const dc_rec_block *b = &cx->blocks[j];
        if (b->node->type == DC_NODE_TABLE)
            return -1;
        if (b->len)
            return j;
    }
    return -1;
}

static void S_find_note(dc_rec_ctx *cx, const dc_rec_block *blk, dc_money_table *mt,
                        const char *row_note)
{
    if (row_note) {
        mt->empty_note = row_note;
        return;
    }
    /* the paragraphs right after the table, then right before it (after the caption) */
    for (int dir = 1; dir >= -1; dir -= 2) {
        int j = blk->index;
        for (int steps = 0; steps < 2 && (j = S_next_text(cx, j + dir, dir)) >= 0; steps++) {
            const dc_rec_block *b = &cx->blocks[j];
            if (S_is_note(b->norm) && dc_utf8_count(b->text, b->len) <= 200) {
                mt->empty_note = b->text;
                return;
            }
        }
    }
}

/* The caption of a table: the recognizer's, else a short paragraph naming a
 * kind among the few before it, else a title row. */
static const char *S_caption(const dc_rec_ctx *cx, const dc_table_ref *ref, const S_grid *g)
{
    if (ref->title) {
        char *n = dc_norm_dup(ref->title, strlen(ref->title), DC_NORM_SPACE | DC_NORM_QUOTES);
        int k = S_kind_of(n);
        free(n);
        if (k >= 0)
            return ref->title;
    }
    int j = ref->block_index;
    for (int steps = 0; steps < 3 && (j = S_next_text(cx, j - 1, -1)) >= 0; steps++) {
        const dc_rec_block *b = &cx->blocks[j];
        if (S_kind_of(b->norm) >= 0 && dc_utf8_count(b->text, b->len) <= 60)
            return b->text;
    }
    if (g->nrows && S_is_title_row(g, 0) && *g->raw[0])
        return g->raw[0];
    return NULL;
}

/* Four ASCII digits at p (never reads past a terminator). */
static int S_digit4(const char *p)
{
    for (int i = 0; i < 4; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return 1;
}

/* The “三公” table's current row: 决算数, else the latest year named
 * ("2024年预算数" after "2023年预算数"; a 增减 row names none), else the last. */
static size_t S_current_row(const S_rows *rs)
{
    size_t pick = rs->n - 1;
    int best = 0;
    for (size_t i = 0; i < rs->n; i++) {
        const char *nm = rs->rows[i].name;
        if (dc_rec_has(nm, "决算"))
            return i;
        for (const char *p = nm; *p; p++)
            if (S_digit4(p) && !strncmp(p + 4, "年", strlen("年")) &&
                (p == nm || p[-1] < '0' || p[-1] > '9')) {
                int y = atoi(p);
                if (y >= 1990 && y <= 2200 && y >= best) {
                    best = y;
                    pick = i;
                }
                break;
            }
    }
    return pick;
}

/* A money table being read: its layout and rows stay open for a table that
 * continues it (a table split in two, the second part without a caption). */
typedef struct {
    S_layout L;
    S_rows rs;
    int kind, ncols, any, last_block;
    dc_money_table *mt;
    const char *row_note;
    char cls[8], sec[8];
} S_open;

static void S_open_free(S_open *o)
{
    free(o->L.role);
    free(o->L.side);
    free(o->L.amount_index);
    memset(o, 0, sizeof *o);
}

/* Body row r of a table (one side of it in a two-sided table): a row of the
 * open table, or its total. */
static void S_body_row(dc_rec_ctx *cx, S_open *o, const S_grid *g, const dc_rec_block *blk, int r,
                       dc_money_side side, const char *unit)
{
    const S_layout L = o->L;
    dc_money_table *mt = o->mt;
    const char *code = L.two_sided ? NULL : S_row_code(cx, g, &L, r, o->cls, o->sec);
    int ncol;
    const char *name = S_row_name(g, &L, r, side, &ncol);
    char *nn = dc_norm_dup(name, strlen(name), DC_NORM_SPACE | DC_NORM_QUOTES);
    dc_amount *vals = dc_arena_alloc(&cx->d->arena, (mt->ncolumns ? mt->ncolumns : 1) *
                                                        sizeof(dc_amount));
    if (!code && !L.two_sided) {
        /* "2130101 行政运行" in one cell */
        size_t nd = 0;
        while (name[nd] >= '0' && name[nd] <= '9')
            nd++;
        if ((nd == 3 || nd == 5 || nd == 7) && name[nd]) {
            code = dc_rec_strndup(cx, name, nd);
            name += nd;
        }
    }
    int nv = S_values(cx, g, &L, blk, r, side, unit, vals);
    o->any += nv;
    int is_total = !code && S_name_is_total(nn, L.two_sided ? DC_SIDE_INCOME : DC_SIDE_NONE);
    if (is_total) {
        for (size_t k = 0; k < mt->ncolumns; k++)
            if (vals[k].present || !mt->total[k].present)
                if (!L.two_sided || mt->column_side[k] == side)
                    mt->total[k] = vals[k];
        mt->has_total = 1;
        dc_rec_source(blk, NULL, &mt->total_src);
        mt->total_src.row = r;
        free(nn);
        return;
    }
    if (!code && !*nn && !nv) {
        free(nn);
        return;
    }
    dc_money_row *row = S_row_new(cx, &o->rs, mt->ncolumns);
    memcpy(row->values, vals, mt->ncolumns * sizeof *vals);
    row->code = code;
    row->level = code ? dc_code_level_of(code, strlen(code)) : DC_LEVEL_NONE;
    row->name = name;
    row->side = side;
    dc_rec_source(blk, NULL, &row->src);
    row->src.row = r;
    row->src.col = ncol;
    free(nn);
}

/* A new table (o->mt set, o's layout made from its header), or the next part
 * of the open one (cont): its body rows appended. */
static void S_table(dc_rec_ctx *cx, const dc_table_ref *ref, S_open *o, const S_grid *g, int cont)
{
    const dc_rec_block *blk = &cx->blocks[ref->block_index];
    dc_money_table *mt = o->mt;
    int he = S_first_body_row(g);
    if (!cont) {
        mt->header_rows = he;
        o->L.ncols = g->ncols;
        o->L.role = dc_xcalloc((size_t)g->ncols, sizeof *o->L.role);
        o->L.side = dc_xcalloc((size_t)g->ncols, sizeof *o->L.side);
        o->L.amount_index = dc_xcalloc((size_t)g->ncols, sizeof *o->L.amount_index);
        S_columns(cx, g, he, &o->L, mt);
        mt->total = dc_arena_alloc(&cx->d->arena, (mt->ncolumns ? mt->ncolumns : 1) *
                                                      sizeof(dc_amount));
        o->ncols = g->ncols;
    }
    S_layout L = o->L;
    S_rows *rs = &o->rs;
    int kind = o->kind;
    const char *unit = ref->money_unit ? ref->money_unit
                       : mt->unit          ? mt->unit
                                           : cx->d->money_unit;
    dc_money_side sides[2] = {L.two_sided ? DC_SIDE_INCOME : DC_SIDE_NONE, DC_SIDE_EXPENDITURE};
    for (int s = 0; s < (L.two_sided ? 2 : 1); s++) {
        for (int r = he; r < g->nrows; r++) {
            if (S_is_numbering_row(g, r))
                continue;
            if (S_is_title_row(g, r)) {
                const char *n = g->norm[S_at(g, r, 0)];
                if (*n && S_is_note(n))
                    o->row_note = g->raw[S_at(g, r, 0)];
                continue;
            }
            S_body_row(cx, o, g, blk, r, sides[s], unit);
        }
    }
    S_mark_groups(rs);
    if (kind == DC_MONEY_THREE_PUBLIC && !mt->has_total && rs->n) {
        /* the current year's row (决算数, else the last row) is the total */
        size_t pick = S_current_row(rs);
        memcpy(mt->total, rs->rows[pick].values, mt->ncolumns * sizeof(dc_amount));
        mt->has_total = 1;
        mt->total_src = rs->rows[pick].src;
    }
    mt->rows = rs->rows;
    mt->nrows = rs->n;
    mt->empty = !o->any;
    mt->empty_note = NULL;
    if (mt->empty)
        S_find_note(cx, blk, mt, o->row_note);
    o->last_block = ref->block_index;
}

/* True when the table of ref continues the open one: the same columns, and
 * nothing but empty paragraphs between them. */
static int S_continues(const dc_rec_ctx *cx, const S_open *o, const dc_table_ref *ref,
                       const S_grid *g)
{
    if (!o->mt || g->ncols != o->ncols || ref->block_index <= o->last_block)
        return 0;
    for (int j = o->last_block + 1; j < ref->block_index; j++) {
        const dc_rec_block *b = &cx->blocks[j];
        if (b->node->type == DC_NODE_TABLE || b->len)
            return 0;
    }
    return 1;
}

/* The template's key figures (model/figures.h) from the tables' totals. */
static void S_key_figures(dc_disclosure *d)
{
    static const struct {
        dc_money_kind kind;
        size_t off;
        int income_side;
    } m[] = {
        {DC_MONEY_FISCAL_GRANT_SUMMARY, offsetof(dc_disclosure, standard.fiscal_total), 1},
        {DC_MONEY_GENERAL_BUDGET, offsetof(dc_disclosure, standard.general_budget), 0},
        {DC_MONEY_GENERAL_BUDGET_BASIC, offsetof(dc_disclosure, standard.general_budget_basic), 0},
        {DC_MONEY_GOVERNMENT_FUND, offsetof(dc_disclosure, standard.government_fund), 0},
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        const dc_money_table *t = dc_disclosure_money_table(d, m[i].kind);
        if (!t || !t->has_total)
            continue;
        for (size_t k = 0; k < t->ncolumns; k++) {
            const char *leaf = strrchr(t->columns[k], '/');
            leaf = leaf ? leaf + 1 : t->columns[k];
            if (m[i].income_side ? t->column_side[k] == DC_SIDE_INCOME
                                 : strstr(leaf, "合计") != NULL) {
                dc_amount *a = (dc_amount *)((char *)d + m[i].off);
                if (t->total[k].present)
                    *a = t->total[k];
                break;
            }
        }
    }
}

void dc_rec_money(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    d->money_tables = dc_arena_alloc(&d->arena, (d->ntables ? d->ntables : 1) *
                                                    sizeof *d->money_tables);
    S_open o;
    memset(&o, 0, sizeof o);
    for (size_t i = 0; i < d->ntables; i++) {
        dc_table_ref *ref = &d->tables[i];
        ref->money = -1;
        if (ref->kind != DC_TABLE_OTHER && ref->kind != DC_TABLE_BUDGET_SUMMARY)
            continue;
        S_grid g;
        S_grid_init(cx, &g, ref->node);
        const char *cap = S_caption(cx, ref, &g);
        char *cn = cap ? dc_norm_dup(cap, strlen(cap), DC_NORM_SPACE | DC_NORM_QUOTES) : NULL;
        int kind = S_kind_of(cn);
        free(cn);
        if (kind < 0 && g.nrows && S_continues(cx, &o, ref, &g)) {
            S_table(cx, ref, &o, &g, 1);
            ref->money = (int)(o.mt - d->money_tables);
        } else if (kind >= 0 && g.nrows && g.ncols >= 2) {
            S_open_free(&o);
            dc_money_table *mt = &d->money_tables[d->nmoney_tables];
            memset(mt, 0, sizeof *mt);
            mt->kind = (dc_money_kind)kind;
            mt->caption = cap;
            mt->unit = ref->money_unit;
            mt->table_index = ref->table_index;
            dc_rec_source(&cx->blocks[ref->block_index], NULL, &mt->src);
            o.mt = mt;
            o.kind = kind;
            S_table(cx, ref, &o, &g, 0);
            if (mt->ncolumns) {
                ref->money = (int)d->nmoney_tables++;
                if (!ref->title)
                    ref->title = cap;
            } else {
                S_open_free(&o);
            }
        }
        S_grid_free(&g);
    }
    S_open_free(&o);
    S_key_figures(d);
}
