/*
 * validate_money.c - the checks of the nine standard money tables: the
 * classification hierarchy (类 = Σ 款, 款 = Σ 项, total = Σ 类), the row
 * arithmetic (合计 = its parts), the balance of the two-sided summaries, the
 * totals one table shares with another, the figures the 情况说明 states
 * against their tables, and the note an empty table owes.
 *
 * Every relation is an equation between printed amounts (blank = 0).  The
 * relations that fail are grouped by the cells (or rows) they share; when one
 * cell is in every failed relation of a group, and changing it alone by one
 * amount would mend them all (and no relation it is in holds), that cell is
 * the one finding; when one row is, that row.  Otherwise each failed
 * relation is its own finding.  The code is the relations' own when they are
 * of one kind, else money.cell.  A planted slip therefore gives one finding,
 * however many sums it spoils.  The changes and shares the text states
 * (money.text_change, money.text_percent) are recomputed from its own
 * numbers afterwards, leaving out those whose figure was already reported.
 * Tolerance: half a unit of the last written digit of every amount involved.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/amount.h"
#include "model/figures.h"
#include "model/validate.h"

/* ---- relations ------------------------------------------------------------ */

typedef struct {
    const dc_amount *a;
    int coef;                 /* +1 or -1 */
    const dc_amount *row;     /* the row's values (or the total's), NULL for a text figure */
} S_term;

typedef struct {
    const char *code;
    char place[256];
    char lhs[200];            /* what the first term is, e.g. "“合计”栏" */
    char rhs[200];            /* what the other terms are, e.g. "基本支出与项目支出之和" */
    S_term *t;
    size_t n;
    double residual;          /* Σ coef·value in 万元 */
    double tol;
    int failed, group, done;
} S_rel;

typedef struct {
    dc_disclosure *d;
    S_rel *r;
    size_t n, cap;
} S_ctx;

static double S_val(const dc_amount *a)
{
    if (!a || !a->present)
        return 0;
    double v = dc_amount_wan(a);
    return isnan(v) ? a->value : v;
}

/* Half a unit of the last written digit, in 万元. */
static double S_half(const dc_amount *a)
{
    if (!a || !a->present)
        return 0;
    double h = 0.5 * pow(10.0, -a->decimals);
    double w = dc_money_to_wan(h, a->unit ? a->unit : "万元");
    return isnan(w) ? h : w;
}

static S_rel *S_rel_new(S_ctx *cx, const char *code, const char *place)
{
    DC_GROW(cx->r, cx->n, cx->cap, 64);
    S_rel *r = &cx->r[cx->n++];
    memset(r, 0, sizeof *r);
    r->code = code;
    snprintf(r->place, sizeof r->place, "%s", place);
    r->group = -1;
    return r;
}

static void S_term_row(S_rel *r, const dc_amount *a, int coef, const dc_amount *row)
{
    r->t = dc_xrealloc(r->t, (r->n + 1) * sizeof *r->t);
    r->t[r->n].a = a;
    r->t[r->n].coef = coef;
    r->t[r->n].row = row;
    r->n++;
}

/* A term that is column k of a row's values. */
#define S_term_cell(r, vals, k, coef) S_term_row((r), &(vals)[k], (coef), (vals))
#define S_term_add(r, a, coef) S_term_row((r), (a), (coef), NULL)

/* Closes a relation: its residual and tolerance; a relation with no amount
 * at all holds. */
static void S_rel_close(S_rel *r)
{
    int any = 0;
    for (size_t i = 0; i < r->n; i++) {
        r->residual += r->t[i].coef * S_val(r->t[i].a);
        r->tol += S_half(r->t[i].a);
        any |= r->t[i].a && r->t[i].a->present;
    }
    r->tol += 1e-9;
    r->failed = any && fabs(r->residual) > r->tol;
}

static const char *S_num(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
    return buf;
}

/* The printed text of an amount with its unit, "空白" for a blank cell. */
static const char *S_printed(char *buf, size_t size, const dc_amount *a)
{
    if (!a || !a->present)
        snprintf(buf, size, "空白");
    else
        snprintf(buf, size, "%s%s", a->text ? a->text : "0", a->unit ? a->unit : "万元");
    return buf;
}

/* ---- names ------------------------------------------------------------------ */

/* A name without white space, quotes and its numbering marker (一、 （一） 1.). */
static char *S_core(const char *s)
{
    char *n = dc_norm_dup(s ? s : "", s ? strlen(s) : 0, DC_NORM_SPACE | DC_NORM_QUOTES);
    static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
                                       "十", NULL};
    size_t i = 0, len = strlen(n);
    int paren = n[0] == '(';
    if (paren)
        i = 1;
    size_t start = i;
    for (;;) {
        int hit = 0;
        for (const char *const *p = nums; *p; p++)
            if (!strncmp(n + i, *p, strlen(*p))) {
                i += strlen(*p);
                hit = 1;
                break;
            }
        if (!hit && n[i] >= '0' && n[i] <= '9') {
            i++;
            hit = 1;
        }
        if (!hit)
            break;
    }
    size_t cut = 0;
    if (i > start) {
        if (paren && n[i] == ')')
            cut = i + 1;
        else if (!paren && !strncmp(n + i, "、", strlen("、")))
            cut = i + strlen("、");
        else if (!paren && n[i] == '.')
            cut = i + 1;
    }
    memmove(n, n + cut, len - cut + 1);
    return n;
}

/* Name equality after S_core, a trailing 收入 ignored on both sides. */
static int S_same_name(const char *a, const char *b)
{
    char *x = S_core(a), *y = S_core(b);
    size_t lx = strlen(x), ly = strlen(y), k = strlen("收入");
    if (lx > k && !strcmp(x + lx - k, "收入"))
        x[lx - k] = '\0';
    if (ly > k && !strcmp(y + ly - k, "收入"))
        y[ly - k] = '\0';
    int eq = *x && !strcmp(x, y);
    free(x);
    free(y);
    return eq;
}

static int S_has(const char *s, const char *needle)
{
    return s && strstr(s, needle) != NULL;
}

/* ---- places ----------------------------------------------------------------- */

static const char *S_title(const dc_money_table *t)
{
    return t->caption ? t->caption : dc_money_kind_title(t->kind);
}

static void S_row_place(char *buf, size_t size, const dc_money_table *t, const dc_money_row *row)
{
    if (row)
        snprintf(buf, size, "%s 第%d行（%s%s%s）", S_title(t), row->src.row + 1,
                 row->code ? row->code : "", row->code ? " " : "", row->name);
    else
        snprintf(buf, size, "%s %s行", S_title(t),
                 t->kind == DC_MONEY_INCOME_EXPENDITURE_SUMMARY ||
                         t->kind == DC_MONEY_FISCAL_GRANT_SUMMARY
                     ? "总计"
                     : "合计");
}

/* The first column whose leaf contains needle (on a side, NONE = any), or -1. */
static int S_col_like(const dc_money_table *t, const char *needle, dc_money_side side)
{
    /* a 决算 table with 年初预算数 and 决算数 columns is compared by its 决算 */
    int fin = 0;
    for (size_t k = 0; k < t->ncolumns; k++)
        fin |= (side == DC_SIDE_NONE || t->column_side[k] == side) &&
               S_has(t->columns[k], "决算");
    for (size_t k = 0; k < t->ncolumns; k++) {
        const char *leaf = strrchr(t->columns[k], '/');
        leaf = leaf ? leaf + 1 : t->columns[k];
        if ((side == DC_SIDE_NONE || t->column_side[k] == side) && S_has(leaf, needle) &&
            (!fin || S_has(t->columns[k], "决算")))
            return (int)k;
    }
    return -1;
}

/* ---- row arithmetic ---------------------------------------------------------- */

static size_t S_prefix_len(const char *col)
{
    const char *p = strrchr(col, '/');
    return p ? (size_t)(p - col) : 0;
}

static int S_is_sum_col(const char *col)
{
    const char *leaf = col + S_prefix_len(col);
    if (*leaf == '/')
        leaf++;
    return S_has(leaf, "合计") || S_has(leaf, "小计") || !strcmp(leaf, "总计");
}

static const char *S_leaf(const char *col)
{
    const char *p = strrchr(col, '/');
    return p ? p + 1 : col;
}

/* Whether column name `part` is an item of the combined column `whole`
 * ("公务用车购置费" and "公务用车运行费" of "公务用车购置及运行费"), as when a
 * table lays the items out flat beside the column that sums them. */
static int S_item_of(const char *part, const char *whole)
{
    const char *and = strstr(whole, "及");
    if (!and || !strcmp(part, whole))
        return 0;
    size_t pre = (size_t)(and - whole), post = strlen(and + 3), n = strlen(part);
    if (pre >= 6 && !strncmp(part, whole, pre))
        return 1;                     /* 公务用车购置费: starts like the whole */
    size_t common = 0;
    while (part[common] && part[common] == whole[common])
        common++;
    return post >= 6 && n > post && !strcmp(part + n - post, and + 3) && common >= 6;
}

/* Drops from out[0..n) the columns that are items of another column there. */
static size_t S_drop_items(const dc_money_table *t, size_t *out, size_t n)
{
    size_t m = 0;
    for (size_t a = 0; a < n; a++) {
        int item = 0;
        for (size_t b = 0; b < n && !item; b++)
            item = b != a && S_item_of(S_leaf(t->columns[out[a]]), S_leaf(t->columns[out[b]]));
        if (!item)
            out[m++] = out[a];
    }
    return m;
}

/* The columns that make up sum column k: the other columns of its group; a
 * subgroup counts by its own sum column when it has one, and items laid out
 * beside the column that combines them count by that column.  Returns count. */
static size_t S_parts(const dc_money_table *t, size_t k, size_t *out)
{
    size_t pl = S_prefix_len(t->columns[k]), n = 0;
    const char *pre = t->columns[k];
    for (size_t j = 0; j < t->ncolumns; j++) {
        const char *c = t->columns[j];
        if (j == k || (pl && (strncmp(c, pre, pl) || c[pl] != '/')))
            continue;
        const char *rest = c + (pl ? pl + 1 : 0);
        const char *slash = strchr(rest, '/');
        if (!slash) {
            if (!S_is_sum_col(c))
                out[n++] = j;
            continue;
        }
        /* a subgroup: its sum column, else its leaves */
        size_t sub = (size_t)(slash - c);
        int has_sum = 0;
        for (size_t m = 0; m < t->ncolumns; m++)
            if (!strncmp(t->columns[m], c, sub) && t->columns[m][sub] == '/' &&
                !strchr(t->columns[m] + sub + 1, '/') && S_is_sum_col(t->columns[m]))
                has_sum = 1;
        if (!has_sum || (S_is_sum_col(c) && !strchr(slash + 1, '/')))
            out[n++] = j;
    }
    return S_drop_items(t, out, n);
}

static void S_row_sums_of(S_ctx *cx, const dc_money_table *t, const dc_money_row *row,
                          const dc_amount *v, dc_money_side side)
{
    size_t *parts = dc_xcalloc(t->ncolumns + 1, sizeof *parts);
    for (size_t k = 0; k < t->ncolumns; k++) {
        if (!S_is_sum_col(t->columns[k]) || (side && t->column_side[k] != side))
            continue;
        size_t np = S_parts(t, k, parts);
        if (!np)
            continue;
        char place[256];
        S_row_place(place, sizeof place, t, row);
        S_rel *r = S_rel_new(cx, "money.row", place);
        snprintf(r->lhs, sizeof r->lhs, "“%s”栏", t->columns[k]);
        snprintf(r->rhs, sizeof r->rhs, "本行各组成栏之和");
        S_term_cell(r, v, k, 1);
        for (size_t i = 0; i < np; i++)
            S_term_cell(r, v, parts[i], -1);
        S_rel_close(r);
    }
    free(parts);
}

static void S_row_sums(S_ctx *cx, const dc_money_table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        S_row_sums_of(cx, t, &t->rows[i], t->rows[i].values, t->rows[i].side);
    if (t->has_total && t->kind != DC_MONEY_THREE_PUBLIC)
        S_row_sums_of(cx, t, NULL, t->total, DC_SIDE_NONE);
}

/* ---- hierarchy --------------------------------------------------------------- */

static int S_child_of(const dc_money_row *parent, const dc_money_row *row)
{
    return row->code && parent->code && row->level == parent->level + 1 &&
           !strncmp(row->code, parent->code, strlen(parent->code));
}

static void S_hierarchy(S_ctx *cx, const dc_money_table *t)
{
    int coded = 0;
    for (size_t i = 0; i < t->nrows; i++)
        coded |= t->rows[i].code != NULL;
    if (!coded)
        return;
    for (size_t i = 0; i < t->nrows; i++) {
        const dc_money_row *p = &t->rows[i];
        if (!p->code || p->level == DC_LEVEL_ITEM)
            continue;
        int kids = 0;
        for (size_t j = i + 1; j < t->nrows && t->rows[j].level > p->level; j++)
            kids += S_child_of(p, &t->rows[j]);
        if (!kids)
            continue;
        for (size_t k = 0; k < t->ncolumns; k++) {
            char place[256];
            S_row_place(place, sizeof place, t, p);
            S_rel *r = S_rel_new(cx, "money.hierarchy", place);
            snprintf(r->lhs, sizeof r->lhs, "“%s”栏", t->columns[k]);
            snprintf(r->rhs, sizeof r->rhs, "其下各%s之和",
                     dc_code_level_name((dc_code_level)(p->level + 1)));
            S_term_cell(r, p->values, k, 1);
            for (size_t j = i + 1; j < t->nrows && t->rows[j].level > p->level; j++)
                if (S_child_of(p, &t->rows[j]))
                    S_term_cell(r, t->rows[j].values, k, -1);
            S_rel_close(r);
        }
    }
    if (!t->has_total)
        return;
    dc_code_level top = DC_LEVEL_ITEM;
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].code && t->rows[i].level < top)
            top = t->rows[i].level;
    for (size_t k = 0; k < t->ncolumns; k++) {
        char place[256];
        S_row_place(place, sizeof place, t, NULL);
        S_rel *r = S_rel_new(cx, "money.hierarchy", place);
        snprintf(r->lhs, sizeof r->lhs, "“%s”栏", t->columns[k]);
        snprintf(r->rhs, sizeof r->rhs, "各%s之和", dc_code_level_name(top));
        S_term_cell(r, t->total, k, 1);
        for (size_t i = 0; i < t->nrows; i++)
            if (t->rows[i].code && t->rows[i].level == top)
                S_term_cell(r, t->rows[i].values, k, -1);
        S_rel_close(r);
    }
}

/* ---- two-sided summaries ------------------------------------------------------ */

static int S_is_kids_parent(const dc_money_table *t, size_t i)
{
    for (size_t j = 0; j < t->nrows; j++)
        if (t->rows[j].group == (int)i)
            return 1;
    return 0;
}

static void S_balance_side(S_ctx *cx, const dc_money_table *t, dc_money_side side)
{
    int k = -1;
    for (size_t c = 0; c < t->ncolumns; c++)
        if (t->column_side[c] == side && (k < 0 || S_is_sum_col(t->columns[c])))
            k = (int)c;
    if (k < 0)
        return;
    const char *sname = side == DC_SIDE_INCOME ? "收入" : "支出";
    char place[256];
    size_t last_sub = 0;   /* rows before it are covered by a 合计 subtotal */
    unsigned char *covered = dc_xcalloc(t->nrows + 1, 1);
    for (size_t i = 0; i < t->nrows; i++) {
        const dc_money_row *row = &t->rows[i];
        if (row->side != side)
            continue;
        if (row->group >= 0 || row->is_part)
            covered[i] = 1;
        if (!row->is_subtotal)
            continue;
        S_row_place(place, sizeof place, t, row);
        S_rel *r = S_rel_new(cx, "money.balance", place);
        snprintf(r->lhs, sizeof r->lhs, "“%s”", row->name);
        S_term_cell(r, row->values, k, 1);
        if (S_is_kids_parent(t, i)) {
            snprintf(r->rhs, sizeof r->rhs, "其下各项之和");
            for (size_t j = 0; j < t->nrows; j++)
                if (t->rows[j].group == (int)i)
                    S_term_cell(r, t->rows[j].values, k, -1);
        } else {
            snprintf(r->rhs, sizeof r->rhs, "上面各项%s之和", sname);
            for (size_t j = last_sub; j < i; j++)
                if (t->rows[j].side == side && !covered[j] && !t->rows[j].is_subtotal) {
                    S_term_cell(r, t->rows[j].values, k, -1);
                    covered[j] = 1;
                }
            last_sub = i + 1;
        }
        S_rel_close(r);
    }
    if (t->has_total) {
        snprintf(place, sizeof place, "%s %s总计行", S_title(t), sname);
        S_rel *r = S_rel_new(cx, "money.balance", place);
        snprintf(r->lhs, sizeof r->lhs, "%s总计", sname);
        snprintf(r->rhs, sizeof r->rhs, "本年%s合计与结转结余等各项之和", sname);
        S_term_cell(r, t->total, k, 1);
        for (size_t j = 0; j < t->nrows; j++)
            if (t->rows[j].side == side && !covered[j])
                S_term_cell(r, t->rows[j].values, k, -1);
        S_rel_close(r);
    }
    free(covered);
}

static void S_balance(S_ctx *cx, const dc_money_table *t)
{
    S_balance_side(cx, t, DC_SIDE_INCOME);
    S_balance_side(cx, t, DC_SIDE_EXPENDITURE);
    int in = -1, out = -1;
    for (size_t c = 0; c < t->ncolumns; c++) {
        if (t->column_side[c] == DC_SIDE_INCOME && (in < 0 || S_is_sum_col(t->columns[c])))
            in = (int)c;
        if (t->column_side[c] == DC_SIDE_EXPENDITURE && (out < 0 || S_is_sum_col(t->columns[c])))
            out = (int)c;
    }
    if (!t->has_total || in < 0 || out < 0)
        return;
    char place[256];
    snprintf(place, sizeof place, "%s 总计行", S_title(t));
    S_rel *r = S_rel_new(cx, "money.balance", place);
    snprintf(r->lhs, sizeof r->lhs, "收入总计");
    snprintf(r->rhs, sizeof r->rhs, "支出总计");
    S_term_cell(r, t->total, in, 1);
    S_term_cell(r, t->total, out, -1);
    S_rel_close(r);
}

/* ---- cross-table ---------------------------------------------------------------- */

/* a = b; arow / brow: the values the amounts belong to (NULL for text). */
static void S_equal_rows(S_ctx *cx, const char *code, const char *place, const dc_amount *a,
                         const dc_amount *arow, const char *alabel, const dc_amount *b,
                         const dc_amount *brow, const char *blabel)
{
    S_rel *r = S_rel_new(cx, code, place);
    snprintf(r->lhs, sizeof r->lhs, "%s", alabel);
    snprintf(r->rhs, sizeof r->rhs, "%s", blabel);
    S_term_row(r, a, 1, arow);
    S_term_row(r, b, -1, brow);
    S_rel_close(r);
}

#define S_equal(cx, code, place, va, ka, alabel, vb, kb, blabel)                              \
    S_equal_rows((cx), (code), (place), &(va)[ka], (va), (alabel), &(vb)[kb], (vb), (blabel))

/* The row of a side named like name, or NULL. */
static const dc_money_row *S_row_named(const dc_money_table *t, dc_money_side side,
                                       const char *name)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].side == side && S_same_name(t->rows[i].name, name))
            return &t->rows[i];
    return NULL;
}

/* The first subtotal of a side whose name has word (一、本年支出), else NULL. */
static const dc_money_row *S_subtotal(const dc_money_table *t, dc_money_side side,
                                      const char *word)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].side == side && t->rows[i].is_subtotal && S_has(t->rows[i].name, word))
            return &t->rows[i];
    return NULL;
}

static void S_summary_vs_tables(S_ctx *cx, const dc_money_table *sum, const dc_money_table *inc,
                                const dc_money_table *exp)
{
    char place[256], a[200], b[200];
    int ks = S_col_like(sum, "", DC_SIDE_INCOME), ke = S_col_like(sum, "", DC_SIDE_EXPENDITURE);
    if (inc && ks >= 0) {
        for (size_t i = 0; i < sum->nrows; i++) {
            const dc_money_row *row = &sum->rows[i];
            if (row->side != DC_SIDE_INCOME || row->is_subtotal)
                continue;
            for (size_t k = 0; k < inc->ncolumns; k++)
                if (S_same_name(row->name, inc->columns[k]) && inc->has_total) {
                    S_row_place(place, sizeof place, sum, row);
                    snprintf(a, sizeof a, "%s“%s”", S_title(sum), row->name);
                    snprintf(b, sizeof b, "%s合计行“%s”栏", S_title(inc), inc->columns[k]);
                    S_equal(cx, "money.cross", place, row->values, ks, a, inc->total, k, b);
                }
        }
        int kt = S_col_like(inc, "合计", DC_SIDE_NONE);
        /* 收入总计 when the income table has the carry-over columns the summary
           adds below its 本年收入合计, else that subtotal */
        const dc_money_row *sub = S_subtotal(sum, DC_SIDE_INCOME, "合计");
        int carry_cols = 0;
        for (size_t i = 0; sub && i < sum->nrows; i++)
            if (sum->rows[i].side == DC_SIDE_INCOME && &sum->rows[i] > sub)
                for (size_t k = 0; k < inc->ncolumns; k++)
                    carry_cols |= S_same_name(sum->rows[i].name, inc->columns[k]);
        if (sub && !carry_cols && inc->has_total && kt >= 0) {
            S_row_place(place, sizeof place, sum, sub);
            snprintf(a, sizeof a, "%s“%s”", S_title(sum), sub->name);
            snprintf(b, sizeof b, "%s合计", S_title(inc));
            S_equal(cx, "money.cross", place, sub->values, ks, a, inc->total, kt, b);
        } else if (sum->has_total && inc->has_total && kt >= 0) {
            snprintf(place, sizeof place, "%s 收入总计", S_title(sum));
            snprintf(a, sizeof a, "%s收入总计", S_title(sum));
            snprintf(b, sizeof b, "%s合计", S_title(inc));
            S_equal(cx, "money.cross", place, sum->total, ks, a, inc->total, kt, b);
        }
    }
    if (exp && ke >= 0) {
        int kt = S_col_like(exp, "合计", DC_SIDE_NONE);
        if (kt < 0)
            return;
        for (size_t i = 0; i < exp->nrows; i++) {
            const dc_money_row *cls = &exp->rows[i];
            if (cls->level != DC_LEVEL_CLASS)
                continue;
            const dc_money_row *row = S_row_named(sum, DC_SIDE_EXPENDITURE, cls->name);
            if (!row)
                continue;
            S_row_place(place, sizeof place, sum, row);
            snprintf(a, sizeof a, "%s“%s”", S_title(sum), row->name);
            snprintf(b, sizeof b, "%s“%s %s”", S_title(exp), cls->code, cls->name);
            S_equal(cx, "money.cross", place, row->values, ke, a, cls->values, kt, b);
        }
        const dc_money_row *sub = S_subtotal(sum, DC_SIDE_EXPENDITURE, "合计");
        if (sub && exp->has_total) {
            S_row_place(place, sizeof place, sum, sub);
            snprintf(a, sizeof a, "%s“%s”", S_title(sum), sub->name);
            snprintf(b, sizeof b, "%s合计", S_title(exp));
            S_equal(cx, "money.cross", place, sub->values, ke, a, exp->total, kt, b);
        }
    }
}

/* A table's total in its 合计 column against a fund column of the fiscal
 * summary's 本年支出 (or its 总计 row); its 类 rows against the matching rows. */
static void S_fund_vs_fiscal(S_ctx *cx, const dc_money_table *t, const dc_money_table *fis,
                             const char *fund)
{
    int kf = S_col_like(fis, fund, DC_SIDE_EXPENDITURE), kt = S_col_like(t, "合计", DC_SIDE_NONE);
    if (kf < 0 || kt < 0 || !t->has_total)
        return;
    char place[256], a[200], b[200];
    const dc_money_row *sub = S_subtotal(fis, DC_SIDE_EXPENDITURE, "本年支出");
    const dc_amount *fv = sub ? sub->values : fis->has_total ? fis->total : NULL;
    if (!fv)
        return;
    snprintf(place, sizeof place, "%s 合计行", S_title(t));
    snprintf(a, sizeof a, "%s合计", S_title(t));
    snprintf(b, sizeof b, "%s“%s”栏", S_title(fis), fis->columns[kf]);
    S_equal(cx, "money.cross", place, t->total, kt, a, fv, kf, b);
    if (strcmp(fund, "一般公共预算"))
        return;
    for (size_t i = 0; i < t->nrows; i++) {
        const dc_money_row *cls = &t->rows[i];
        if (cls->level != DC_LEVEL_CLASS)
            continue;
        const dc_money_row *row = S_row_named(fis, DC_SIDE_EXPENDITURE, cls->name);
        if (!row)
            continue;
        S_row_place(place, sizeof place, t, cls);
        snprintf(a, sizeof a, "%s“%s %s”", S_title(t), cls->code, cls->name);
        snprintf(b, sizeof b, "%s“%s”的“%s”栏", S_title(fis), row->name, fis->columns[kf]);
        S_equal(cx, "money.cross", place, cls->values, kt, a, row->values, kf, b);
    }
}

static void S_fiscal_vs_summary(S_ctx *cx, const dc_money_table *fis, const dc_money_table *sum)
{
    int kf = S_col_like(fis, "", DC_SIDE_INCOME), ks = S_col_like(sum, "", DC_SIDE_INCOME);
    const dc_money_row *sub = S_subtotal(fis, DC_SIDE_INCOME, "本年收入");
    if (kf < 0 || ks < 0 || !sub)
        return;
    char place[256], a[200], b[200];
    for (size_t i = 0; i < fis->nrows; i++) {
        const dc_money_row *row = &fis->rows[i];
        if (row->group < 0 || &fis->rows[row->group] != sub)
            continue;
        const dc_money_row *s = S_row_named(sum, DC_SIDE_INCOME, row->name);
        if (!s)
            continue;
        S_row_place(place, sizeof place, fis, row);
        snprintf(a, sizeof a, "%s“%s”", S_title(fis), row->name);
        snprintf(b, sizeof b, "%s“%s”", S_title(sum), s->name);
        S_equal(cx, "money.cross", place, row->values, kf, a, s->values, ks, b);
    }
}

static void S_basic_vs_general(S_ctx *cx, const dc_money_table *bas, const dc_money_table *gb)
{
    int kb = S_col_like(bas, "合计", DC_SIDE_NONE), kg = S_col_like(gb, "基本支出", DC_SIDE_NONE);
    if (kb < 0 || kg < 0 || !bas->has_total || !gb->has_total)
        return;
    char place[256], a[200], b[200];
    snprintf(place, sizeof place, "%s 合计行", S_title(bas));
    snprintf(a, sizeof a, "%s合计", S_title(bas));
    snprintf(b, sizeof b, "%s合计行“%s”栏", S_title(gb), gb->columns[kg]);
    S_equal(cx, "money.cross", place, bas->total, kb, a, gb->total, kg, b);
}

static void S_cross(S_ctx *cx)
{
    const dc_disclosure *d = cx->d;
    const dc_money_table *sum = dc_disclosure_money_table(d, DC_MONEY_INCOME_EXPENDITURE_SUMMARY),
                         *inc = dc_disclosure_money_table(d, DC_MONEY_INCOME_BY_CLASS),
                         *exp = dc_disclosure_money_table(d, DC_MONEY_EXPENDITURE_BY_CLASS),
                         *fis = dc_disclosure_money_table(d, DC_MONEY_FISCAL_GRANT_SUMMARY),
                         *gb = dc_disclosure_money_table(d, DC_MONEY_GENERAL_BUDGET),
                         *bas = dc_disclosure_money_table(d, DC_MONEY_GENERAL_BUDGET_BASIC),
                         *gf = dc_disclosure_money_table(d, DC_MONEY_GOVERNMENT_FUND),
                         *sc = dc_disclosure_money_table(d, DC_MONEY_STATE_CAPITAL);
    if (sum)
        S_summary_vs_tables(cx, sum, inc, exp);
    if (fis && sum)
        S_fiscal_vs_summary(cx, fis, sum);
    if (fis && gb)
        S_fund_vs_fiscal(cx, gb, fis, "一般公共预算");
    if (fis && gf)
        S_fund_vs_fiscal(cx, gf, fis, "政府性基金");
    if (fis && sc)
        S_fund_vs_fiscal(cx, sc, fis, "国有资本经营");
    if (bas && gb)
        S_basic_vs_general(cx, bas, gb);
}

/* ---- the text's figures against the tables --------------------------------------- */

static void S_text_eq(S_ctx *cx, dc_figure f, const dc_money_table *t, const dc_amount *vals,
                      int k, const char *what)
{
    const dc_amount *cell = &vals[k];
    const dc_amount *a = dc_figure_get(cx->d, f);
    if (!a->present || !cell || a == cell)
        return;
    /* a figure the recognizer took from this very cell says nothing */
    if (a->src.table_index >= 0 && a->src.table_index == t->table_index)
        return;
    char place[256], la[200], lb[200];
    const dc_section *sec = NULL;
    for (size_t i = 0; i < cx->d->nsections; i++)
        if (cx->d->sections[i].block_index <= a->src.block_index)
            sec = &cx->d->sections[i];
    snprintf(place, sizeof place, "%s", sec ? sec->heading : "正文");
    snprintf(la, sizeof la, "正文所述%s", dc_figure_describe(f)->label);
    snprintf(lb, sizeof lb, "%s%s", S_title(t), what);
    S_equal_rows(cx, "money.text", place, a, NULL, la, cell, vals, lb);
}

/* Two amounts equal to their written precision. */
static int S_close(const dc_amount *a, const dc_amount *b)
{
    return a->present && fabs(S_val(a) - S_val(b)) <= S_half(a) + S_half(b) + 1e-9;
}

static void S_text_vs_tables(S_ctx *cx)
{
    const dc_disclosure *d = cx->d;
    const dc_money_table *sum = dc_disclosure_money_table(d, DC_MONEY_INCOME_EXPENDITURE_SUMMARY),
                         *exp = dc_disclosure_money_table(d, DC_MONEY_EXPENDITURE_BY_CLASS),
                         *bas = dc_disclosure_money_table(d, DC_MONEY_GENERAL_BUDGET_BASIC),
                         *tp = dc_disclosure_money_table(d, DC_MONEY_THREE_PUBLIC);
    int k;
    if (sum && sum->has_total && (k = S_col_like(sum, "", DC_SIDE_INCOME)) >= 0) {
        /* the text's 收入 may be the 总计 or the 本年收入合计 */
        const dc_money_row *sub = S_subtotal(sum, DC_SIDE_INCOME, "合计");
        if (sub && S_close(dc_figure_get(d, DC_FIG_INCOME_TOTAL), &sub->values[k]))
            S_text_eq(cx, DC_FIG_INCOME_TOTAL, sum, sub->values, k, sub->name);
        else
            S_text_eq(cx, DC_FIG_INCOME_TOTAL, sum, sum->total, k, "收入总计");
        for (int f = 0; f < DC_FIG_COUNT; f++) {
            const dc_figure_info *fi = dc_figure_describe((dc_figure)f);
            if (!(fi->flags & DC_FIG_INCOME_PART))
                continue;
            for (size_t i = 0; i < sum->nrows; i++) {
                const dc_money_row *row = &sum->rows[i];
                if (row->side != DC_SIDE_INCOME || row->is_subtotal)
                    continue;
                int match = S_same_name(row->name, fi->label);
                for (const char *const *al = fi->aliases; !match && al && *al; al++)
                    match = **al != '~' && S_same_name(row->name, *al);
                if (match) {
                    char what[200];
                    snprintf(what, sizeof what, "“%s”", row->name);
                    S_text_eq(cx, (dc_figure)f, sum, row->values, k, what);
                    break;
                }
            }
        }
    }
    if (exp && exp->has_total) {
        /* the text's 支出 may be the 本年支出合计 or the summary's 支出总计 */
        int ke = sum && sum->has_total ? S_col_like(sum, "", DC_SIDE_EXPENDITURE) : -1;
        if (ke >= 0 && S_close(dc_figure_get(d, DC_FIG_EXP_TOTAL), &sum->total[ke]))
            S_text_eq(cx, DC_FIG_EXP_TOTAL, sum, sum->total, ke, "支出总计");
        else if ((k = S_col_like(exp, "合计", DC_SIDE_NONE)) >= 0)
            S_text_eq(cx, DC_FIG_EXP_TOTAL, exp, exp->total, k, "合计");
        if ((k = S_col_like(exp, "基本支出", DC_SIDE_NONE)) >= 0)
            S_text_eq(cx, DC_FIG_EXP_BASIC, exp, exp->total, k, "基本支出合计");
        if ((k = S_col_like(exp, "项目支出", DC_SIDE_NONE)) >= 0)
            S_text_eq(cx, DC_FIG_EXP_PROJECT, exp, exp->total, k, "项目支出合计");
    }
    if (bas && bas->has_total) {
        if ((k = S_col_like(bas, "人员经费", DC_SIDE_NONE)) >= 0)
            S_text_eq(cx, DC_FIG_EXP_PERSONNEL, bas, bas->total, k, "人员经费合计");
        if ((k = S_col_like(bas, "公用经费", DC_SIDE_NONE)) >= 0)
            S_text_eq(cx, DC_FIG_EXP_PUBLIC, bas, bas->total, k, "公用经费合计");
    }
    if (tp && tp->has_total) {
        static const struct {
            dc_figure f;
            const char *word, *not_word;
        } m[] = {
            {DC_FIG_TP_TOTAL, "合计", NULL},
            {DC_FIG_TP_OVERSEAS, "出国", NULL},
            {DC_FIG_TP_VEHICLES, "小计", NULL},
            {DC_FIG_TP_VEHICLE_PURCHASE, "购置费", "运行"},
            {DC_FIG_TP_VEHICLE_OPERATION, "运行", "小计"},
            {DC_FIG_TP_RECEPTION, "接待", NULL},
        };
        int fin = 0;   /* 决算 columns beside 预算数 ones: the text states the 决算 */
        for (size_t c = 0; c < tp->ncolumns; c++)
            fin |= S_has(tp->columns[c], "决算");
        for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
            for (size_t c = 0; c < tp->ncolumns; c++) {
                const char *leaf = strrchr(tp->columns[c], '/');
                leaf = leaf ? leaf + 1 : tp->columns[c];
                if (fin && !S_has(tp->columns[c], "决算"))
                    continue;
                if (S_has(leaf, m[i].word) && !(m[i].not_word && S_has(leaf, m[i].not_word))) {
                    char what[200];
                    snprintf(what, sizeof what, "“%s”栏", tp->columns[c]);
                    S_text_eq(cx, m[i].f, tp, tp->total, (int)c, what);
                    break;
                }
            }
    }
}

/* ---- grouping and findings ---------------------------------------------------------- */

/* Two relations share a cell, or cells of one row. */
static int S_shares(const S_rel *a, const S_rel *b)
{
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (a->t[i].a == b->t[j].a || (a->t[i].row && a->t[i].row == b->t[j].row))
                return 1;
    return 0;
}

static int S_coef_in(const S_rel *r, const dc_amount *a)
{
    int c = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->t[i].a == a)
            c += r->t[i].coef;
    return c;
}

static int S_has_row(const S_rel *r, const dc_amount *row)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->t[i].row == row)
            return 1;
    return 0;
}

static void S_report(S_ctx *cx, const S_rel *r)
{
    char v1[64], v2[64], v3[64];
    double lhs = S_val(r->t[0].a), rest = lhs - r->residual;
    if (r->n == 2)
        dc_disclosure_add_finding(cx->d, DC_SEV_ERROR, r->code, &r->t[0].a->src, r->place,
                                  "%s为%s，但%s为%s，两者不符，相差%s万元。", r->lhs,
                                  S_printed(v1, sizeof v1, r->t[0].a), r->rhs,
                                  S_printed(v2, sizeof v2, r->t[1].a),
                                  S_num(v3, sizeof v3, fabs(r->residual)));
    else
        dc_disclosure_add_finding(cx->d, DC_SEV_ERROR, r->code, &r->t[0].a->src, r->place,
                                  "%s为%s，但%s为%s万元，相差%s万元。", r->lhs,
                                  S_printed(v1, sizeof v1, r->t[0].a), r->rhs,
                                  S_num(v2, sizeof v2, rest),
                                  S_num(v3, sizeof v3, fabs(r->residual)));
}

/* The table row and column of a cell: place ("表3 … 第14行（2130101 行政运行）")
 * and col ("“基本支出”栏的"); 0 when the amount is no table cell (a text figure). */
static int S_locate(const dc_disclosure *d, const dc_amount *a, char *place, size_t psize,
                    char *col, size_t csize)
{
    for (size_t i = 0; i < d->nmoney_tables; i++) {
        const dc_money_table *t = &d->money_tables[i];
        if (!t->ncolumns)
            continue;
        const dc_money_row *row = NULL;
        const dc_amount *base = NULL;
        if (t->total && a >= t->total && a < t->total + t->ncolumns)
            base = t->total;
        for (size_t r = 0; r < t->nrows && !base; r++)
            if (a >= t->rows[r].values && a < t->rows[r].values + t->ncolumns) {
                row = &t->rows[r];
                base = row->values;
            }
        if (!base)
            continue;
        S_row_place(place, psize, t, row);
        snprintf(col, csize, "“%s”栏的", t->columns[a - base]);
        return 1;
    }
    return 0;
}

/* The one cell every failed relation of group g contains, that alone (by one
 * change) would mend them all and is in no relation that holds; NULL when
 * there is none or more than one.  *delta: the change. */
static const dc_amount *S_culprit_cell(const S_ctx *cx, int g, const S_rel *first, double *delta)
{
    const dc_amount *culprit = NULL;
    for (size_t i = 0; i < first->n; i++) {
        const dc_amount *a = first->t[i].a;
        if (a == culprit)
            continue;
        int ok = 1;
        double dl = NAN;
        for (size_t j = 0; j < cx->n && ok; j++) {
            const S_rel *r = &cx->r[j];
            int c = S_coef_in(r, a);
            if (r->group == g && !c)
                ok = 0;
            else if (c && !r->failed)
                ok = 0;
            else if (c) {
                double need = -r->residual / c;
                if (isnan(dl))
                    dl = need;
                else if (fabs(need - dl) > r->tol + 1e-6)
                    ok = 0;
            }
        }
        if (!ok)
            continue;
        if (culprit)
            return NULL;
        culprit = a;
        *delta = dl;
    }
    return culprit;
}

/* The one row every failed relation of group g has a cell of, or NULL. */
static const dc_amount *S_culprit_row(const S_ctx *cx, int g, const S_rel *first)
{
    const dc_amount *found = NULL;
    for (size_t i = 0; i < first->n; i++) {
        const dc_amount *row = first->t[i].row;
        if (!row || row == found)
            continue;
        int ok = 1;
        for (size_t j = 0; j < cx->n && ok; j++)
            if (cx->r[j].group == g && !S_has_row(&cx->r[j], row))
                ok = 0;
        if (!ok)
            continue;
        if (found)
            return NULL;
        found = row;
    }
    return found;
}

/* The relations of group g as one finding (one cell or one row is wrong), or
 * one finding each. */
static void S_group(S_ctx *cx, int g)
{
    const S_rel *first = NULL;
    const char *code = NULL;
    size_t nf = 0;
    char what[600] = "";
    size_t w = 0;
    for (size_t i = 0; i < cx->n; i++) {
        const S_rel *r = &cx->r[i];
        if (r->group != g)
            continue;
        if (!first)
            first = r;
        code = !code || !strcmp(code, r->code) ? r->code : "money.cell";
        nf++;
        int n = snprintf(what + w, sizeof what - w, "%s%s与%s", w ? "；" : "", r->lhs, r->rhs);
        if (n > 0 && (size_t)n < sizeof what - w)
            w += (size_t)n;
    }
    if (nf == 1) {
        S_report(cx, first);
        return;
    }
    char v1[64], v2[64];
    double delta = 0;
    const dc_amount *cell = S_culprit_cell(cx, g, first, &delta);
    if (cell) {
        const S_rel *where = first;
        for (size_t j = 0; j < cx->n; j++)
            if (cx->r[j].group == g && cx->r[j].t[0].a == cell) {
                where = &cx->r[j];
                break;
            }
        char place[256], col[160] = "";
        const char *pl = where->place;
        if (S_locate(cx->d, cell, place, sizeof place, col, sizeof col))
            pl = place;
        dc_disclosure_add_finding(cx->d, DC_SEV_ERROR, code, &cell->src, pl,
                                  "此处%s数字%s与多处相关数字不符（%s），按其余数字应为%s万元。",
                                  col, S_printed(v1, sizeof v1, cell), what,
                                  S_num(v2, sizeof v2, S_val(cell) + delta));
        return;
    }
    const dc_amount *row = S_culprit_row(cx, g, first);
    if (row) {
        const S_rel *where = first;
        for (size_t j = 0; j < cx->n; j++)
            if (cx->r[j].group == g && cx->r[j].t[0].row == row) {
                where = &cx->r[j];
                break;
            }
        dc_disclosure_add_finding(cx->d, DC_SEV_ERROR, code, &where->t[0].a->src, where->place,
                                  "这一行的数字与相关数字不符（%s）。", what);
        return;
    }
    for (size_t j = 0; j < cx->n; j++)
        if (cx->r[j].group == g)
            S_report(cx, &cx->r[j]);
}

static void S_findings(S_ctx *cx)
{
    int ng = 0;
    for (size_t i = 0; i < cx->n; i++) {
        if (!cx->r[i].failed || cx->r[i].group >= 0)
            continue;
        /* flood the group of failed relations that share cells */
        cx->r[i].group = ng;
        int grew = 1;
        while (grew) {
            grew = 0;
            for (size_t j = 0; j < cx->n; j++) {
                if (!cx->r[j].failed || cx->r[j].group >= 0)
                    continue;
                for (size_t k = 0; k < cx->n; k++)
                    if (cx->r[k].group == ng && S_shares(&cx->r[j], &cx->r[k])) {
                        cx->r[j].group = ng;
                        grew = 1;
                        break;
                    }
            }
        }
        S_group(cx, ng++);
    }
}

/* ---- changes and shares the text states ------------------------------------------ */

enum { TK_MONEY, TK_PCT, TK_WORD };

typedef struct {
    int kind;
    size_t pos;
    double value;             /* 万元 for money, the percentage for TK_PCT */
    double half;              /* half a unit of its last digit (same unit) */
    int decimals;
    const char *word;         /* TK_WORD: the keyword */
    char text[100];           /* the number and its unit as written */
    char num[48];             /* the number */
    const char *unit;         /* its unit (static): "万元", "元", "%" ... */
    int block;                /* the body block of its paragraph */
} S_tok;

static const char *const S_words[] = {"比", "增加", "减少", "增长", "下降", "占", "其中",
                                      "。", "；", ";", NULL};

/* The paragraph's money amounts, percentages and keywords in order. */
static size_t S_tokens(const char *s, size_t n, S_tok *out, size_t cap)
{
    size_t k = 0, pos = 0;
    while (pos < n && k < cap) {
        const char *w = NULL;
        for (const char *const *p = S_words; *p; p++)
            if (!strncmp(s + pos, *p, strlen(*p))) {
                w = *p;
                break;
            }
        if (w) {
            out[k].kind = TK_WORD;
            out[k].pos = pos;
            out[k++].word = w;
            pos += strlen(w);
            continue;
        }
        dc_number num;
        int starts = s[pos] >= '0' && s[pos] <= '9' &&
                     (pos == 0 || !(s[pos - 1] >= '0' && s[pos - 1] <= '9'));
        if (starts && dc_number_at(s, n, pos, &num)) {
            double half = 0.5 * pow(10.0, -num.decimals);
            if (!strcmp(num.unit, "%")) {
                out[k].kind = TK_PCT;
                out[k].value = num.value;
                out[k].half = half;
            } else if (dc_unit_is_money(num.unit)) {
                out[k].kind = TK_MONEY;
                out[k].value = dc_money_to_wan(num.value, num.unit);
                out[k].half = dc_money_to_wan(half, num.unit);
            } else {
                pos = num.end > pos ? num.end : pos + 1;
                continue;
            }
            out[k].pos = pos;
            out[k].decimals = num.decimals;
            snprintf(out[k].text, sizeof out[k].text, "%s%s", num.text, num.unit);
            snprintf(out[k].num, sizeof out[k].num, "%s", num.text);
            out[k].unit = !strcmp(num.unit, "元") ? "元" : !strcmp(num.unit, "亿元") ? "亿元"
                          : !strcmp(num.unit, "千元") ? "千元" : "万元";
            k++;
            pos = num.end > pos ? num.end : pos + 1;
            continue;
        }
        pos++;
    }
    return k;
}

static int S_word(const S_tok *t, const char *w)
{
    return t->kind == TK_WORD && !strcmp(t->word, w);
}

static int S_sentence_end(const S_tok *t)
{
    return S_word(t, "。") || S_word(t, "；") || S_word(t, ";");
}

/* A stated figure already reported against its table (money.text). */
static int S_known_bad(const dc_disclosure *d, size_t from, int block, const S_tok *t)
{
    block = t->block;
    for (size_t i = from; i < d->nfindings; i++) {
        const dc_finding *f = &d->findings[i];
        if (strcmp(f->code, "money.text") && strcmp(f->code, "money.cell"))
            continue;
        if (f->src.block_index == block && !f->src.cell && strstr(f->message, t->text))
            return 1;
    }
    return 0;
}

/* "公务用车购置及运行费4.80万元，比上年减少0.40万元": the base the text leaves
 * out is the “三公” table's other row in the column the label names, when the
 * stated amount is that column's current one.  Returns 1 and sets *base and
 * *half (万元), else 0. */
static int S_table_base(const dc_disclosure *d, const char *s, const S_tok *tk, size_t ai,
                        double *base, double *half)
{
    const dc_money_table *tp = dc_disclosure_money_table(d, DC_MONEY_THREE_PUBLIC);
    if (!tp || !tp->has_total || tp->nrows < 2)
        return 0;
    size_t start = ai > 0 && tk[ai - 1].kind != TK_MONEY ? tk[ai - 1].pos : 0;
    if (ai > 0 && tk[ai - 1].kind == TK_WORD)
        start += strlen(tk[ai - 1].word);
    for (size_t p = start; p < tk[ai].pos; p++)
        if (s[p] == ',' || s[p] == ';' || s[p] == ':' || !strncmp(s + p, "，", 3) ||
            !strncmp(s + p, "；", 3) || !strncmp(s + p, "：", 3))
            start = p + (s[p] == ',' || s[p] == ';' || s[p] == ':' ? 1 : 3);
    char *label = dc_xstrndup(s + start, tk[ai].pos - start);
    const dc_money_row *prior = NULL;
    for (size_t i = 0; i < tp->nrows && !prior; i++)
        if (tp->rows[i].src.row != tp->total_src.row)
            prior = &tp->rows[i];
    int found = 0;
    for (size_t k = 0; prior && k < tp->ncolumns && !found; k++) {
        const char *col = tp->columns[k], *leaf = strrchr(col, '/');
        char subject[200];
        if (leaf && (S_has(leaf, "小计") || S_has(leaf, "合计")))
            snprintf(subject, sizeof subject, "%.*s", (int)(leaf - col), col);
        else
            snprintf(subject, sizeof subject, "%s", leaf ? leaf + 1 : col);
        if (!S_same_name(label, subject))
            continue;
        const dc_amount *cur = &tp->total[k], *old = &prior->values[k];
        if (fabs(S_val(cur) - tk[ai].value) > S_half(cur) + tk[ai].half + 1e-9)
            break;
        *base = S_val(old);
        *half = S_half(old);
        found = 1;
    }
    free(label);
    return found;
}

static void S_check_change(dc_disclosure *d, size_t from, int block, const char *place,
                           const char *s, const S_tok *tk, size_t n, size_t bi)
{
    /* A 比 B (增加|减少) C [(增长|下降) P%] */
    const S_tok *A = NULL, *B = NULL, *C = NULL, *P = NULL, *D = NULL, *D2 = NULL;
    for (size_t i = bi; i-- > 0 && !S_sentence_end(&tk[i]);)
        if (tk[i].kind == TK_MONEY) {
            A = &tk[i];
            break;
        }
    size_t i = bi + 1;
    for (; i < n && !S_sentence_end(&tk[i]); i++) {
        if (!B && tk[i].kind == TK_MONEY)
            B = &tk[i];
        if (S_word(&tk[i], "增加") || S_word(&tk[i], "减少")) {
            D = &tk[i];
            if (i + 1 < n && tk[i + 1].kind == TK_MONEY)
                C = &tk[i + 1];
            i += 2;
            break;
        }
    }
    for (; C && i < n && !S_sentence_end(&tk[i]) && !S_word(&tk[i], "比"); i++)
        if ((S_word(&tk[i], "增长") || S_word(&tk[i], "下降")) && i + 1 < n &&
            tk[i + 1].kind == TK_PCT) {
            D2 = &tk[i];
            P = &tk[i + 1];
            break;
        }
    S_tok tb;
    if (A && C && D && (!B || B->pos > D->pos) &&
        S_table_base(d, s, tk, (size_t)(A - tk), &tb.value, &tb.half)) {
        /* the base from the table */
        memset(tb.text, 0, sizeof tb.text);
        tb.kind = TK_MONEY;
        tb.block = -2;
        B = &tb;
        P = NULL;
    } else if (B && D && B->pos > D->pos) {
        return;
    }
    if (!A || !B || !C || !D || B->value <= 0)
        return;
    if (S_known_bad(d, from, block, A) || S_known_bad(d, from, block, B))
        return;
    double diff = A->value - B->value;
    double stated = S_word(D, "减少") ? -C->value : C->value;
    char v1[64], v2[64], v3[64];
    if (fabs(diff - stated) > A->half + B->half + C->half + 1e-9) {
        dc_disclosure_add_finding(d, DC_SEV_ERROR, "money.text_change", NULL, place,
                                  "正文称%s万元比%s万元%s%s，但两数相差应为%s%s万元。",
                                  S_num(v1, sizeof v1, A->value), S_num(v2, sizeof v2, B->value),
                                  D->word, C->text, diff < 0 ? "减少" : "增加",
                                  S_num(v3, sizeof v3, fabs(diff)));
        return;
    }
    if (!P)
        return;
    double pct = fabs(diff) / B->value * 100;
    double tol = P->half + 100 * (A->half + B->half) / B->value +
                 100 * fabs(diff) * B->half / (B->value * B->value) + 1e-9;
    int wrong_dir = (diff < 0) != S_word(D2, "下降") && fabs(diff) > A->half + B->half;
    if (fabs(pct - P->value) > tol || wrong_dir) {
        snprintf(v3, sizeof v3, "%.*f%%", P->decimals, pct);
        dc_disclosure_add_finding(d, DC_SEV_ERROR, "money.text_percent", NULL, place,
                                  "正文称%s%s，但按%s万元与%s万元计算应为%s%s。", D2->word,
                                  P->text, S_num(v1, sizeof v1, A->value),
                                  S_num(v2, sizeof v2, B->value), diff < 0 ? "下降" : "增长", v3);
    }
}

static void S_check_share(dc_disclosure *d, size_t from, int block, const char *place,
                          const S_tok *tk, size_t oi, double whole, const S_tok *wtok)
{
    /* part 占 P% */
    const S_tok *part = NULL, *P = &tk[oi + 1];
    for (size_t i = oi; i-- > 0 && !S_sentence_end(&tk[i]) && tk[i].kind != TK_WORD;)
        if (tk[i].kind == TK_MONEY) {
            part = &tk[i];
            break;
        }
    if (!part || whole <= 0 || !wtok || part->value > whole + wtok->half + part->half)
        return;
    if (S_known_bad(d, from, block, part) || S_known_bad(d, from, block, wtok))
        return;
    double pct = part->value / whole * 100;
    double tol = P->half + 100 * part->half / whole + 100 * part->value * wtok->half /
                 (whole * whole) + 1e-9;
    if (fabs(pct - P->value) > tol) {
        char v1[64], v2[64], v3[64];
        snprintf(v3, sizeof v3, "%.*f%%", P->decimals, pct);
        dc_disclosure_add_finding(d, DC_SEV_ERROR, "money.text_percent", NULL, place,
                                  "正文称%s万元占%s，但按总额%s万元计算应为%s。",
                                  S_num(v1, sizeof v1, part->value), P->text,
                                  S_num(v2, sizeof v2, whole), v3);
    }
}

/* ---- the 情况说明's amounts named by a table row ---------------------------------- */

/* The table a section of the 情况说明 speaks of, by the fund its heading names
 * (四、财政拨款… → 财政拨款收支总表's expenditure side; 五、一般公共预算… → 一般公共
 * 预算支出表 …); NULL for the others. */
static const dc_money_table *S_section_table(const dc_disclosure *d, const char *heading)
{
    char *h = dc_norm_dup(heading, strlen(heading), DC_NORM_SPACE | DC_NORM_QUOTES);
    const dc_money_table *t = NULL;
    if (S_has(h, "财政拨款"))
        t = dc_disclosure_money_table(d, DC_MONEY_FISCAL_GRANT_SUMMARY);
    else if (S_has(h, "一般公共预算"))
        t = dc_disclosure_money_table(d, DC_MONEY_GENERAL_BUDGET);
    else if (S_has(h, "政府性基金"))
        t = dc_disclosure_money_table(d, DC_MONEY_GOVERNMENT_FUND);
    else if (S_has(h, "国有资本经营"))
        t = dc_disclosure_money_table(d, DC_MONEY_STATE_CAPITAL);
    free(h);
    return t;
}

/* The row a label names: "农林水支出(类)农业农村(款)行政运行(项)…" by its path,
 * else a plain name ("卫生健康支出") when exactly one row of the side has it. */
static const dc_money_row *S_row_for_label(const dc_money_table *t, const char *label,
                                           dc_money_side side)
{
    const char *pc = strstr(label, "(类)"), *pk = strstr(label, "(款)"), *pi = strstr(label, "(项)");
    if (pc && pk && pi && pc < pk && pk < pi) {
        char *cls = dc_xstrndup(label, (size_t)(pc - label));
        char *cc = S_core(cls);
        pc += strlen("(类)");
        char *kuan = dc_xstrndup(pc, (size_t)(pk - pc));
        pk += strlen("(款)");
        char *item = dc_xstrndup(pk, (size_t)(pi - pk));
        const dc_money_row *found = NULL, *c = NULL, *k = NULL;
        for (size_t i = 0; i < t->nrows && !found; i++) {
            const dc_money_row *r = &t->rows[i];
            if (r->level == DC_LEVEL_CLASS)
                c = r, k = NULL;
            else if (r->level == DC_LEVEL_SECTION)
                k = r;
            else if (r->level == DC_LEVEL_ITEM && c && k && S_same_name(r->name, item) &&
                     S_same_name(k->name, kuan) && S_same_name(c->name, cc))
                found = r;
        }
        free(cls);
        free(cc);
        free(kuan);
        free(item);
        return found;
    }
    if (pc || pk || pi)
        return NULL;
    const dc_money_row *found = NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        const dc_money_row *r = &t->rows[i];
        if (r->side != side || !S_same_name(r->name, label))
            continue;
        if (found)
            return NULL;
        found = r;
    }
    return found;
}

static size_t S_first_money(const S_tok *tk, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (tk[i].kind == TK_MONEY)
            return i;
    return n;
}

static int S_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* A label that states a fund table's total ("2024年本部门一般公共预算当年拨款",
 * "…政府性基金预算拨款支出", "…财政拨款收支总预算", "…一般公共预算基本支出"): the
 * column of the total row it names (*vals = the total), or -1. */
static int S_total_label(const dc_money_table *t, const char *label, const dc_amount **vals)
{
    if (!(S_has(label, "一般公共预算") || S_has(label, "政府性基金") ||
          S_has(label, "国有资本经营") || S_has(label, "财政拨款")) ||
        S_has(label, "年初") || S_has(label, "比") || S_has(label, "其中") ||
        !(S_ends_with(label, "拨款") || S_ends_with(label, "支出") ||
          S_ends_with(label, "总预算") || S_ends_with(label, "总决算")))
        return -1;
    *vals = t->total;
    if (t->kind == DC_MONEY_FISCAL_GRANT_SUMMARY)
        return S_col_like(t, "", DC_SIDE_INCOME);
    if (S_ends_with(label, "基本支出"))
        return S_col_like(t, "基本支出", DC_SIDE_NONE);
    if (S_ends_with(label, "项目支出"))
        return S_col_like(t, "项目支出", DC_SIDE_NONE);
    return S_col_like(t, "合计", DC_SIDE_NONE);
}

static int S_delim_at(const char *s, size_t i, size_t *len)
{
    static const char *const d[] = {",", ";", ":", "。", "，", "；", "：", "、", NULL};
    for (const char *const *p = d; *p; p++)
        if (!strncmp(s + i, *p, strlen(*p))) {
            *len = strlen(*p);
            return 1;
        }
    return 0;
}

/* Every amount of a fund section of the 情况说明 whose label names a row of
 * its table: a relation (the text = the row's 合计). */
static void S_text_rows(S_ctx *cx)
{
    dc_disclosure *d = cx->d;
    dc_buf b = DC_BUF_INIT;
    S_tok *tk = dc_xcalloc(512, sizeof *tk);
    int block = 0;
    for (const dc_node *nd = d->doc && d->doc->root ? d->doc->root->first_child : NULL; nd;
         nd = nd->next, block++) {
        if (nd->type != DC_NODE_PARAGRAPH)
            continue;
        const dc_section *sec = NULL;
        for (size_t i = 0; i < d->nsections; i++)
            if (d->sections[i].block_index < block)
                sec = &d->sections[i];
        const dc_money_table *t = sec ? S_section_table(d, sec->heading) : NULL;
        if (!t)
            continue;
        dc_money_side side = t->kind == DC_MONEY_FISCAL_GRANT_SUMMARY ? DC_SIDE_EXPENDITURE
                                                                      : DC_SIDE_NONE;
        int k = S_col_like(t, "合计", side);
        if (k < 0)
            continue;
        dc_buf_clear(&b);
        dc_node_text(nd, &b);
        char *s = dc_norm_dup(b.data ? b.data : "", b.len, DC_NORM_SPACE | DC_NORM_QUOTES);
        size_t n = S_tokens(s, strlen(s), tk, 512);
        size_t from = 0;
        for (size_t i = 0; i < n; i++) {
            if (tk[i].kind != TK_MONEY) {
                if (tk[i].kind == TK_PCT)
                    from = tk[i].pos;
                continue;
            }
            size_t start = from, dl;
            for (size_t p = from; p < tk[i].pos; p++)
                if (S_delim_at(s, p, &dl))
                    start = p + dl;
            char *label = dc_xstrndup(s + start, tk[i].pos - start);
            /* a 决算's 年初预算 is not what its tables state */
            const dc_money_row *row =
                d->is_final_accounts && (S_has(label, "年初") || S_has(label, "预算"))
                    ? NULL
                    : S_row_for_label(t, label, side);
            const dc_amount *vals = row ? row->values : NULL;
            int col = k;
            if (!row && i == S_first_money(tk, n) && t->has_total)
                col = S_total_label(t, label, &vals);
            from = tk[i].pos + 1;
            if (!vals || col < 0) {
                free(label);
                continue;
            }
            dc_amount *a = dc_arena_alloc(&d->arena, sizeof *a);
            a->present = 1;
            a->text = dc_arena_strdup(&d->arena, tk[i].num);
            a->decimals = tk[i].decimals;
            a->unit = tk[i].unit;
            a->value = strcmp(a->unit, "万元") ? atof(tk[i].num) : tk[i].value;  /* in its unit */
            a->src.block = nd;
            a->src.block_index = block;
            a->src.table_index = a->src.row = a->src.col = -1;
            char la[200], lb[200];
            const char *what = row ? row->name : "合计";
            snprintf(la, sizeof la, "正文所述“%s”", row ? row->name : label);
            snprintf(lb, sizeof lb, "%s“%s”的“%s”栏", S_title(t), what, t->columns[col]);
            S_equal_rows(cx, "money.text", sec->heading, a, NULL, la, &vals[col], vals, lb);
            free(label);
        }
        free(s);
    }
    free(tk);
    dc_buf_free(&b);
}

/* The section heading a block is under ("七、“三公”经费预算情况说明"). */
static const char *S_block_place(const dc_disclosure *d, int block)
{
    const char *h = "正文";
    for (size_t i = 0; i < d->nsections; i++)
        if (d->sections[i].block_index <= block)
            h = d->sections[i].heading;
    return h;
}

/* Every "比…增加/减少…，增长/下降…%" and "…万元，占…%" of the text, against the
 * figures it names.  `from`: the first finding of the money checks. */
static void S_text_arith(dc_disclosure *d, size_t from)
{
    dc_buf b = DC_BUF_INIT;
    S_tok *tk = dc_xcalloc(512, sizeof *tk);
    double last_whole = 0;
    S_tok last_tok;
    int have_whole = 0, block = 0;
    for (const dc_node *nd = d->doc && d->doc->root ? d->doc->root->first_child : NULL; nd;
         nd = nd->next, block++) {
        if (nd->type != DC_NODE_PARAGRAPH && nd->type != DC_NODE_HEADING)
            continue;
        dc_buf_clear(&b);
        dc_node_text(nd, &b);
        char *t = dc_norm_dup(b.data ? b.data : "", b.len, DC_NORM_SPACE | DC_NORM_QUOTES);
        size_t n = S_tokens(t, strlen(t), tk, 512);
        for (size_t i = 0; i < n; i++)
            tk[i].block = block;
        const char *place = S_block_place(d, block);
        int para_whole = 0;
        for (size_t i = 0; i < n; i++) {
            if (S_word(&tk[i], "比"))
                S_check_change(d, from, block, place, t, tk, n, i);
            if (S_word(&tk[i], "其中")) {
                /* the whole: the first amount of the sentence 其中 is in, or of
                   the sentence before when 其中 starts one ("…万元，比上年增加
                   …万元。其中：…" is not a share of the change) */
                size_t k = i, first = n;
                while (k > 0 && !S_sentence_end(&tk[k - 1]))
                    k--;
                if (k == i && k > 0) {
                    k--;
                    while (k > 0 && !S_sentence_end(&tk[k - 1]))
                        k--;
                }
                for (; k < i && first == n; k++)
                    if (tk[k].kind == TK_MONEY)
                        first = k;
                if (first < n) {
                    last_whole = tk[first].value;
                    last_tok = tk[first];
                    have_whole = para_whole = 1;
                }
            }
            if (S_word(&tk[i], "占") && i + 1 < n && tk[i + 1].kind == TK_PCT &&
                tk[i + 1].pos == tk[i].pos + strlen("占") && have_whole)
                S_check_share(d, from, block, place, tk, i, last_whole, &last_tok);
        }
        /* a paragraph that states an amount first is the whole of the shares
           the next paragraphs list without 其中 */
        if (!para_whole && n && tk[0].kind == TK_MONEY) {
            last_whole = tk[0].value;
            last_tok = tk[0];
            have_whole = 1;
        } else if (!para_whole && n) {
            size_t k = 0;
            while (k < n && tk[k].kind != TK_MONEY)
                k++;
            if (k < n && !(k + 1 < n && S_word(&tk[k + 1], "占"))) {
                last_whole = tk[k].value;
                last_tok = tk[k];
                have_whole = 1;
            }
        }
        free(t);
    }
    free(tk);
    dc_buf_free(&b);
}

/* ---- empty tables --------------------------------------------------------------------- */

static int S_text_explains(const dc_disclosure *d, const dc_money_table *t)
{
    /* a sentence of the text saying the table is empty (…《国有资本经营预算支出表》为空表) */
    char *title = S_core(dc_money_kind_title(t->kind));
    const char *plain = title;
    if (!strncmp(plain, "部门", strlen("部门")))
        plain += strlen("部门");
    int found = 0;
    dc_buf b = DC_BUF_INIT;
    for (const dc_node *n = d->doc && d->doc->root ? d->doc->root->first_child : NULL; n && !found;
         n = n->next) {
        if (n->type != DC_NODE_PARAGRAPH && n->type != DC_NODE_HEADING)
            continue;
        dc_buf_clear(&b);
        dc_node_text(n, &b);
        char *nt = dc_norm_dup(b.data ? b.data : "", b.len, DC_NORM_SPACE | DC_NORM_QUOTES);
        found = S_has(nt, "空表") && S_has(nt, plain);
        free(nt);
    }
    dc_buf_free(&b);
    free(title);
    return found;
}

static void S_empty(dc_disclosure *d)
{
    for (size_t i = 0; i < d->nmoney_tables; i++) {
        const dc_money_table *t = &d->money_tables[i];
        if (!t->empty || t->empty_note || S_text_explains(d, t))
            continue;
        char place[256];
        snprintf(place, sizeof place, "%s", S_title(t));
        dc_disclosure_add_finding(d, DC_SEV_WARNING, "money.empty_note", &t->src, place,
                                  "%s是空表，但表下没有说明为何为空（如“本部门无此项预算安排，"
                                  "故本表为空表”）。",
                                  S_title(t));
    }
}

void dc_validate_money(dc_disclosure *d)
{
    if (!d || !d->nmoney_tables)
        return;
    S_ctx cx = {d, NULL, 0, 0};
    for (size_t i = 0; i < d->nmoney_tables; i++) {
        const dc_money_table *t = &d->money_tables[i];
        S_row_sums(&cx, t);
        S_hierarchy(&cx, t);
        if (t->kind == DC_MONEY_INCOME_EXPENDITURE_SUMMARY ||
            t->kind == DC_MONEY_FISCAL_GRANT_SUMMARY)
            S_balance(&cx, t);
    }
    S_cross(&cx);
    S_text_vs_tables(&cx);
    if (dc_disclosure_is_standard(d))
        S_text_rows(&cx);
    size_t from = d->nfindings;
    S_findings(&cx);
    if (dc_disclosure_is_standard(d))
        S_text_arith(d, from);
    for (size_t i = 0; i < cx.n; i++)
        free(cx.r[i].t);
    free(cx.r);
    S_empty(d);
}
