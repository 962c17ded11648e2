/*
 * recognize_tables.c - recognise the body's tables by their header
 * vocabulary: 部门机构设置 (单位名称/单位性质/…), indicator tables (一级指标/
 * 二级指标/三级指标/指标值 …: the department-wide one and every project's
 * 绩效目标表), 政府采购预算 and 固定资产占用情况.  Columns are mapped by their
 * header labels (two-row headers included), never by position, and merged
 * cells are read through the table view (model/table_view.h), so a value
 * merged down (一级指标) fills every row it covers.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/amount.h"
#include "model/recognize_int.h"
#include "model/table_view.h"

/* A table read through its view (model/table_view.h), with the texts of
 * every grid position prepared once. */
typedef struct {
    const dc_rec_block *blk;
    const dc_node *node;
    dc_table_view *view;
    int nrows, ncols;
    const char **raw;         /* per grid position: its cell's visible lines ("" when none) */
    const char **norm;        /* normalised */
} S_tab;

static const char *S_cell_norm(dc_rec_ctx *cx, const char *raw)
{
    char *n = dc_norm_dup(raw, strlen(raw), DC_NORM_SPACE | DC_NORM_QUOTES);
    const char *r = dc_arena_strdup(&cx->d->arena, n);
    free(n);
    return r;
}

/* A cell's text as the recognizer reads it: the view's lines without the
 * blank ones (empty paragraphs show nothing). */
static const char *S_cell_raw(dc_rec_ctx *cx, const dc_view_cell *c)
{
    dc_buf out = DC_BUF_INIT;
    int first = 1;
    for (size_t i = 0; i <= c->len;) {
        size_t j = i;
        while (j < c->len && c->text[j] != '\n')
            j++;
        if (!dc_utf8_is_blank(c->text + i, j - i)) {
            if (!first)
                dc_buf_putc(&out, '\n');
            dc_buf_put(&out, c->text + i, j - i);
            first = 0;
        }
        i = j + 1;
    }
    const char *r = dc_arena_strndup(&cx->d->arena, out.data ? out.data : "", out.len);
    dc_buf_free(&out);
    return r;
}

static void S_tab_init(dc_rec_ctx *cx, S_tab *t, const dc_rec_block *blk)
{
    memset(t, 0, sizeof *t);
    t->blk = blk;
    t->node = blk->node;
    t->view = dc_table_view_new(blk->node);
    t->nrows = t->view->nrows;
    t->ncols = t->view->ncols;
    size_t n = (size_t)t->nrows * (size_t)t->ncols;
    t->raw = dc_xcalloc(n ? n : 1, sizeof *t->raw);
    t->norm = dc_xcalloc(n ? n : 1, sizeof *t->norm);
    for (size_t i = 0; i < n; i++)
        t->raw[i] = t->norm[i] = "";
    for (size_t k = 0; k < t->view->ncells; k++) {
        const dc_view_cell *c = &t->view->cells[k];
        const char *raw = S_cell_raw(cx, c), *norm = S_cell_norm(cx, raw);
        for (int i = c->row; i < c->row + c->row_span; i++)
            for (int j = c->col; j < c->col + c->col_span; j++) {
                t->raw[(size_t)i * (size_t)t->ncols + (size_t)j] = raw;
                t->norm[(size_t)i * (size_t)t->ncols + (size_t)j] = norm;
            }
    }
}

static void S_tab_free(S_tab *t)
{
    dc_table_view_free(t->view);
    free(t->raw);
    free(t->norm);
}

static size_t S_at(const S_tab *t, int r, int c)
{
    return (size_t)r * (size_t)t->ncols + (size_t)c;
}

static const dc_node *S_cell(const S_tab *t, int r, int c)
{
    const dc_view_cell *vc = dc_table_view_at(t->view, r, c);
    return vc ? vc->node : NULL;
}

/* True when some cell of row r contains needle (normalised). */
static int S_row_has(const S_tab *t, int r, const char *needle)
{
    for (int c = 0; c < t->ncols; c++)
        if (dc_rec_has(t->norm[S_at(t, r, c)], needle))
            return 1;
    return 0;
}

static int S_rows_have(const S_tab *t, int from, int to, const char *needle)
{
    for (int r = from; r < to && r < t->nrows; r++)
        if (S_row_has(t, r, needle))
            return 1;
    return 0;
}

static int S_first_row_with(const S_tab *t, int to, const char *needle)
{
    for (int r = 0; r < to && r < t->nrows; r++)
        if (S_row_has(t, r, needle))
            return r;
    return -1;
}

static int S_row_empty(const S_tab *t, int r)
{
    for (int c = 0; c < t->ncols; c++)
        if (*t->norm[S_at(t, r, c)])
            return 0;
    return 1;
}

/* One cell covers the whole row. */
static int S_row_single(const S_tab *t, int r)
{
    if (t->ncols <= 1)
        return 0;
    const dc_node *first = S_cell(t, r, 0);
    if (!first)
        return 0;
    for (int c = 1; c < t->ncols; c++)
        if (S_cell(t, r, c) != first)
            return 0;
    return 1;
}

/* The row after the header rows that start at hr (cells merged down widen it). */
static int S_header_end(const S_tab *t, int hr)
{
    int he = hr + 1;
    for (int c = 0; c < t->ncols; c++) {
        const dc_view_cell *cell = dc_table_view_at(t->view, hr, c);
        if (cell && cell->row + cell->row_span > he)
            he = cell->row + cell->row_span;
    }
    return he > t->nrows ? t->nrows : he;
}

/* Leaf label of column c over header rows [hr, he): the distinct labels top
 * to bottom joined by '/'; "" when the column has none.  Returns out's text
 * (never NULL). */
static const char *S_leaf_label(const S_tab *t, int hr, int he, int c, dc_buf *out)
{
    dc_buf_clear(out);
    const dc_node *prev = NULL;
    for (int r = hr; r < he; r++) {
        const dc_node *cell = S_cell(t, r, c);
        if (!cell || cell == prev)
            continue;
        prev = cell;
        const char *n = t->norm[S_at(t, r, c)];
        if (!*n)
            continue;
        if (out->len)
            dc_buf_putc(out, '/');
        dc_buf_puts(out, n);
    }
    return dc_buf_cstr(out);
}

static const char *S_last_segment(const char *label)
{
    const char *p = strrchr(label, '/');
    return p ? p + 1 : label;
}

/* Header text for people: the raw label with the wrap spaces between CJK
 * characters removed ("计量  单位" -> "计量单位"). */
static const char *S_clean_header(dc_rec_ctx *cx, const char *raw)
{
    dc_buf b = DC_BUF_INIT;
    size_t n = strlen(raw), i = 0;
    uint32_t prev = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(raw + i, n - i, &adv);
        if (dc_cp_is_space(cp) || cp == '\n') {
            size_t j = i;
            uint32_t next = 0;
            while (j < n) {
                size_t a2;
                next = dc_utf8_decode(raw + j, n - j, &a2);
                if (!(dc_cp_is_space(next) || next == '\n'))
                    break;
                j += a2;
                next = 0;
            }
            if (prev && next && !(prev >= 0x80 || next >= 0x80)) {
                dc_buf_putc(&b, ' ');
            }
            i = j;
            continue;
        }
        dc_buf_put(&b, raw + i, adv);
        prev = cp;
        i += adv;
    }
    const char *r = dc_arena_strndup(&cx->d->arena, b.data ? b.data : "", b.len);
    dc_buf_free(&b);
    return r;
}

/* ---- caption, unit and title -------------------------------------------- */

typedef struct {
    const dc_rec_block *caption;     /* the caption paragraph, or NULL */
    const dc_rec_block *heading;     /* a heading just before the table, or NULL */
    const char *unit;                /* money unit from a "单位：万元" line */
    const dc_node *toc[16];          /* TOC_ENTRY inlines of the caption area */
    size_t ntoc;
    const dc_rec_block *meta[4];     /* other short paragraphs between caption and table */
    size_t nmeta;
} S_caption_info;

/* The money unit a text states after "单位:" ("单位：万元", "金额单位：元"). */
static const char *S_unit_in(const char *norm)
{
    const char *p = strstr(norm, "单位:");
    if (!p)
        return NULL;
    p += strlen("单位:");
    if (!strncmp(p, "万元", strlen("万元")))
        return "万元";
    if (!strncmp(p, "亿元", strlen("亿元")))
        return "亿元";
    if (!strncmp(p, "千元", strlen("千元")))
        return "千元";
    if (!strncmp(p, "元", strlen("元")))
        return "元";
    return NULL;
}

static void S_collect_toc(const dc_node *para, S_caption_info *ci)
{
    for (const dc_node *in = para->first_child; in; in = in->next)
        if (in->type == DC_NODE_TOC_ENTRY && ci->ntoc < sizeof ci->toc / sizeof ci->toc[0])
            ci->toc[ci->ntoc++] = in;
}

static int S_is_caption_text(const dc_rec_block *b)
{
    if (b->node->as.para.is_caption)
        return 1;
    if (b->heading_level > 0 && b->nstyle != DC_NUM_AR_DOT && b->nstyle != DC_NUM_AR_DUN)
        return 0;
    if (dc_utf8_count(b->text, b->len) > 80)
        return 0;
    size_t n = b->nlen;
    return (n >= 3 && !memcmp(b->norm + n - 3, "表", 3)) || dc_rec_has(b->norm, "绩效目标表") ||
           dc_rec_has(b->norm, "情况表");
}

static void S_caption(dc_rec_ctx *cx, const dc_rec_block *tb, S_caption_info *ci)
{
    memset(ci, 0, sizeof *ci);
    int steps = 0, from = tb->index;
    for (int j = tb->index - 1; j >= 0 && steps < 4; j--) {
        const dc_rec_block *b = &cx->blocks[j];
        if (b->node->type == DC_NODE_TABLE)
            break;
        if (b->node->type != DC_NODE_PARAGRAPH && b->node->type != DC_NODE_HEADING)
            continue;
        if (!b->len) {
            from = j;
            continue;
        }
        steps++;
        const char *u = S_unit_in(b->norm);
        if (u && dc_utf8_count(b->text, b->len) <= 30) {
            if (!ci->unit)
                ci->unit = u;
            from = j;
            continue;
        }
        if (b->section >= 0 && cx->d->sections[b->section].block_index == b->index)
            break;
        if (S_is_caption_text(b)) {
            ci->caption = b;
            from = j;
            break;
        }
        if (b->heading_level > 0 || (b->nstyle != DC_NUM_NONE && b->len < 120)) {
            ci->heading = b;
            break;
        }
        /* "编制部门：…" and the like: short lines between caption and table */
        if (dc_utf8_count(b->text, b->len) <= 40 && ci->nmeta < 4 &&
            (strchr(b->norm, ':') != NULL)) {
            ci->meta[ci->nmeta++] = b;
            from = j;
            continue;
        }
        break;
    }
    /* Hidden TOC entries of the caption and the blank lines after it, in order. */
    for (int j = from; j < tb->index; j++)
        if (cx->blocks[j].node->type == DC_NODE_PARAGRAPH ||
            cx->blocks[j].node->type == DC_NODE_HEADING)
            S_collect_toc(cx->blocks[j].node, ci);
}

/* ---- indicator tables --------------------------------------------------- */

enum { R_NONE, R_L1, R_L2, R_L3, R_DESC, R_SCORING, R_SYMBOL, R_VALUE, R_UNIT, R_BASIS,
       R_TYPE, R_WEIGHT, R_COUNT };

static int S_indicator_role(const char *label)
{
    const char *leaf = S_last_segment(label);
    if (dc_rec_has(label, "依据"))
        return R_BASIS;
    if (dc_rec_has(label, "一级"))
        return R_L1;
    if (dc_rec_has(label, "二级"))
        return R_L2;
    if (dc_rec_has(label, "三级"))
        return R_L3;
    if (!strncmp(leaf, "单位", strlen("单位")) || dc_rec_has(leaf, "计量单位") ||
        dc_rec_has(leaf, "度量单位"))
        return R_UNIT;   /* before 描述: "单位（文字描述）" */
    if (dc_rec_has(label, "描述") || dc_rec_has(label, "解释") || dc_rec_has(label, "指标内容"))
        return R_DESC;
    if (dc_rec_has(label, "分标准") || dc_rec_has(label, "评分") || dc_rec_has(label, "扣分"))
        return R_SCORING;
    if (dc_rec_has(leaf, "符号"))
        return R_SYMBOL;
    if (dc_rec_has(leaf, "类型") || dc_rec_has(leaf, "性质"))
        return R_TYPE;
    if (dc_rec_has(label, "指标值") || !strcmp(leaf, "值") || dc_rec_has(leaf, "目标值") ||
        dc_rec_has(leaf, "标准值"))
        return R_VALUE;
    if (dc_rec_has(leaf, "分值") || dc_rec_has(leaf, "权重"))
        return R_WEIGHT;
    return R_NONE;
}

static const char *S_op_from_symbol(const char *norm)
{
    dc_number num;
    if (!*norm)
        return NULL;
    dc_value_parse(norm, strlen(norm), &num);
    return num.op;
}

static void S_measure(dc_rec_ctx *cx, dc_indicator *ind)
{
    dc_measure *m = &ind->measure;
    memset(m, 0, sizeof *m);
    dc_number num;
    if (ind->symbol) {
        /* department table: 符号 | 值 | 单位（文字描述） */
        m->text = ind->value;
        m->op = S_op_from_symbol(ind->symbol);
        if (ind->value && *ind->value && dc_value_parse(ind->value, strlen(ind->value), &num)) {
            m->has_number = 1;
            m->number = num.value;
            m->number_text = dc_arena_strdup(&cx->d->arena, num.text);
            m->decimals = num.decimals;
            if (!m->op)
                m->op = num.op;
        }
        if (ind->unit && *ind->unit)
            m->unit = ind->unit;
        return;
    }
    m->text = ind->value;
    if (!ind->value || !*ind->value)
        return;
    int ok = dc_value_parse(ind->value, strlen(ind->value), &num);
    m->op = num.op;
    if (ok) {
        m->has_number = 1;
        m->number = num.value;
        m->number_text = dc_arena_strdup(&cx->d->arena, num.text);
        m->decimals = num.decimals;
        if (num.unit[0])
            m->unit = dc_arena_strdup(&cx->d->arena, num.unit);
    } else if (ind->unit && *ind->unit) {
        m->unit = ind->unit;
    }
}

/* The cell text, or NULL when the column is absent. */
static const char *S_role_text(const S_tab *t, const int *col, int role, int r)
{
    return col[role] >= 0 ? t->raw[S_at(t, r, col[role])] : NULL;
}

typedef struct {
    int hr, he;               /* header rows [hr, he) */
    int col[R_COUNT];
    const char *title;        /* in-table title row, or NULL */
    int goal_row;             /* -1 when none */
    const dc_node *goal_cell;
    const char *project_name; /* 项目名称 row */
    int funds_row, funds_col;
} S_ind_layout;

static int S_indicator_layout(const S_tab *t, S_ind_layout *L)
{
    memset(L, 0, sizeof *L);
    L->goal_row = L->funds_row = -1;
    for (int i = 0; i < R_COUNT; i++)
        L->col[i] = -1;
    L->hr = -1;
    for (int r = 0; r < t->nrows && L->hr < 0; r++)
        for (int c = 0; c < t->ncols; c++)
            if (!strncmp(t->norm[S_at(t, r, c)], "一级指标", strlen("一级指标"))) {
                L->hr = r;
                break;
            }
    if (L->hr < 0)
        return 0;
    L->he = S_header_end(t, L->hr);
    /* A sub-header row lost its merges (符号 | 值 | 单位): it still belongs. */
    while (L->he < t->nrows && (S_row_has(t, L->he, "符号") || S_row_has(t, L->he, "一级指标")) &&
           !S_row_has(t, L->he, "指标") && L->he < L->hr + 3)
        L->he++;
    dc_buf lab = DC_BUF_INIT;
    for (int c = 0; c < t->ncols; c++) {
        int role = S_indicator_role(S_leaf_label(t, L->hr, L->he, c, &lab));
        if (role != R_NONE && L->col[role] < 0)
            L->col[role] = c;
    }
    dc_buf_free(&lab);
    if (L->col[R_L1] < 0 || (L->col[R_L3] < 0 && L->col[R_L2] < 0))
        return 0;
    /* Rows above the header: title, 绩效目标, 项目名称, 资金. */
    for (int r = 0; r < L->hr; r++) {
        const char *first = t->norm[S_at(t, r, 0)];
        if (S_row_single(t, r)) {
            if (!L->title && *first && !strchr(first, ':'))
                L->title = t->raw[S_at(t, r, 0)];
            continue;
        }
        const dc_node *fc = S_cell(t, r, 0);
        const dc_node *other = NULL;
        int oc = -1;
        for (int c = 1; c < t->ncols; c++) {
            const dc_node *cell = S_cell(t, r, c);
            if (cell && cell != fc) {
                other = cell;
                oc = c;
                break;
            }
        }
        if (!other)
            continue;
        if (dc_rec_has(first, "目标") && L->goal_row < 0) {
            L->goal_row = r;
            L->goal_cell = other;
        } else if (dc_rec_has(first, "项目名称") && !L->project_name) {
            L->project_name = t->raw[S_at(t, r, oc)];
        } else if ((dc_rec_has(first, "资金") || dc_rec_has(first, "金额")) && L->funds_row < 0) {
            L->funds_row = r;
            L->funds_col = oc;
        }
    }
    return 1;
}

/* Indicator rows of a table; *out is arena-allocated. */
static size_t S_indicator_rows(dc_rec_ctx *cx, const S_tab *t, const S_ind_layout *L,
                               dc_indicator **out)
{
    size_t cap = (size_t)(t->nrows > L->he ? t->nrows - L->he : 0);
    dc_indicator *rows = dc_arena_alloc(&cx->d->arena, (cap ? cap : 1) * sizeof *rows);
    size_t n = 0;
    const char *prev1 = NULL, *prev2 = NULL;
    for (int r = L->he; r < t->nrows; r++) {
        if (S_row_empty(t, r) || S_row_single(t, r))
            continue;
        const char *l1 = S_role_text(t, L->col, R_L1, r);
        if (l1 && !strncmp(t->norm[S_at(t, r, L->col[R_L1])], "一级指标", strlen("一级指标")))
            continue;
        const char *l2 = S_role_text(t, L->col, R_L2, r);
        const char *l3 = S_role_text(t, L->col, R_L3, r);
        const char *desc = S_role_text(t, L->col, R_DESC, r);
        const char *value = S_role_text(t, L->col, R_VALUE, r);
        const char *unit = S_role_text(t, L->col, R_UNIT, r);
        const char *symbol = S_role_text(t, L->col, R_SYMBOL, r);
        if ((!l3 || !*l3) && (!desc || !*desc) && (!value || !*value) && (!unit || !*unit))
            continue;
        if (l1 && !*l1)
            l1 = prev1;
        if (l2 && !*l2)
            l2 = prev2;
        prev1 = l1;
        prev2 = l2;
        dc_indicator *ind = &rows[n++];
        memset(ind, 0, sizeof *ind);
        ind->level1 = l1 ? l1 : "";
        ind->level2 = l2 ? l2 : "";
        ind->level3 = l3 ? l3 : "";
        ind->description = desc ? desc : "";
        ind->scoring = S_role_text(t, L->col, R_SCORING, r);
        ind->symbol = symbol;
        ind->value = value ? value : "";
        ind->unit = unit;
        ind->basis = S_role_text(t, L->col, R_BASIS, r);
        if (!ind->basis)
            ind->basis = "";
        S_measure(cx, ind);
        int sc = L->col[R_L3] >= 0 ? L->col[R_L3] : L->col[R_L1];
        dc_rec_source(t->blk, S_cell(t, r, sc), &ind->src);
        if (ind->src.cell)
            ind->src.row = r;
    }
    *out = rows;
    return n;
}

static void S_goals(dc_rec_ctx *cx, const dc_node *cell, dc_project_table *p)
{
    size_t cap = 0;
    for (const dc_node *b = cell ? cell->first_child : NULL; b; b = b->next)
        cap++;
    p->goal_paragraphs = dc_arena_alloc(&cx->d->arena, (cap ? cap : 1) * sizeof(char *));
    dc_buf tb = DC_BUF_INIT, joined = DC_BUF_INIT;
    for (const dc_node *b = cell ? cell->first_child : NULL; b; b = b->next) {
        dc_buf_clear(&tb);
        dc_node_text(b, &tb);
        int visible = 0;
        for (size_t i = 0; i < tb.len;) {
            size_t adv;
            uint32_t cp = dc_utf8_decode(tb.data + i, tb.len - i, &adv);
            if (!dc_cp_is_space(cp) && cp != '\n') {
                visible = 1;
                break;
            }
            i += adv;
        }
        if (!visible)
            continue;
        const char *g = dc_arena_strndup(&cx->d->arena, tb.data, tb.len);
        p->goal_paragraphs[p->ngoals++] = g;
        if (joined.len)
            dc_buf_putc(&joined, '\n');
        dc_buf_put(&joined, tb.data, tb.len);
    }
    p->goal_text = dc_arena_strndup(&cx->d->arena, joined.data ? joined.data : "", joined.len);
    dc_buf_free(&tb);
    dc_buf_free(&joined);
}

/* ---- organisations ------------------------------------------------------ */

static int S_orgs(dc_rec_ctx *cx, const S_tab *t)
{
    dc_disclosure *d = cx->d;
    int hr = S_first_row_with(t, 5, "单位名称");
    if (hr < 0)
        hr = S_first_row_with(t, 5, "机构名称");
    if (hr < 0)
        return 0;
    int he = S_header_end(t, hr);
    int cname = -1, cnat = -1, clev = -1, cfund = -1;
    dc_buf lab = DC_BUF_INIT;
    for (int c = 0; c < t->ncols; c++) {
        const char *l = S_leaf_label(t, hr, he, c, &lab);
        if ((dc_rec_has(l, "单位名称") || dc_rec_has(l, "机构名称")) && cname < 0)
            cname = c;
        else if (dc_rec_has(l, "性质") && cnat < 0)
            cnat = c;
        else if ((dc_rec_has(l, "规格") || dc_rec_has(l, "级别")) && clev < 0)
            clev = c;
        else if (dc_rec_has(l, "经费") && cfund < 0)
            cfund = c;
    }
    dc_buf_free(&lab);
    if (cname < 0)
        return 0;
    size_t cap = d->norgs + (size_t)(t->nrows - he) + 1;
    dc_org_unit *orgs = dc_arena_alloc(&d->arena, cap * sizeof *orgs);
    if (d->norgs)
        memcpy(orgs, d->orgs, d->norgs * sizeof *orgs);
    d->orgs = orgs;
    for (int r = he; r < t->nrows; r++) {
        const char *name = t->norm[S_at(t, r, cname)];
        if (!*name || !strcmp(name, "合计") || !strcmp(name, "总计") || !strcmp(name, "小计"))
            continue;
        dc_org_unit *o = &d->orgs[d->norgs++];
        memset(o, 0, sizeof *o);
        o->name = t->raw[S_at(t, r, cname)];
        o->nature = cnat >= 0 ? t->raw[S_at(t, r, cnat)] : NULL;
        o->level = clev >= 0 ? t->raw[S_at(t, r, clev)] : NULL;
        o->funding = cfund >= 0 ? t->raw[S_at(t, r, cfund)] : NULL;
        dc_rec_source(t->blk, S_cell(t, r, cname), &o->src);
        o->src.row = r;
    }
    return 1;
}

/* ---- procurement -------------------------------------------------------- */

enum { P_NONE, P_PROJECT, P_BUDGET_FUNDS, P_ITEM, P_CATALOG, P_UNIT_FUNDS, P_UNIT, P_QTY,
       P_PRICE, P_GPB, P_FUND, P_STATE, P_SPECIAL, P_NONFISCAL, P_CARRIED, P_SME, P_AMOUNT,
       P_COUNT };

static int S_proc_role(const char *label)
{
    const char *leaf = S_last_segment(label);
    if (dc_rec_has(leaf, "项目名称") || !strcmp(leaf, "采购项目") || !strcmp(leaf, "项目"))
        return P_PROJECT;
    if (!strcmp(leaf, "预算资金"))
        return P_BUDGET_FUNDS;
    if (dc_rec_has(leaf, "物品名称") || dc_rec_has(leaf, "品目名称") || dc_rec_has(leaf, "采购品目"))
        return P_ITEM;
    if (dc_rec_has(leaf, "目录") || dc_rec_has(leaf, "序号"))
        return P_CATALOG;
    if (dc_rec_has(leaf, "单位资金"))
        return P_UNIT_FUNDS;
    if (dc_rec_has(leaf, "计量单位") || !strcmp(leaf, "单位"))
        return P_UNIT;
    if (dc_rec_has(leaf, "数量"))
        return P_QTY;
    if (dc_rec_has(leaf, "单价"))
        return P_PRICE;
    if (dc_rec_has(leaf, "一般公共预算"))
        return P_GPB;
    if (dc_rec_has(leaf, "基金"))
        return P_FUND;
    if (dc_rec_has(leaf, "国有资本"))
        return P_STATE;
    if (dc_rec_has(leaf, "财政专户"))
        return P_SPECIAL;
    if (dc_rec_has(leaf, "非财政"))
        return P_NONFISCAL;
    if (dc_rec_has(leaf, "结转"))
        return P_CARRIED;
    if (dc_rec_has(leaf, "小微") || dc_rec_has(leaf, "预留"))
        return P_SME;
    if (dc_rec_has(leaf, "合计") || dc_rec_has(leaf, "金额") || dc_rec_has(leaf, "采购预算"))
        return P_AMOUNT;
    return P_NONE;
}

static void S_cell_amount(dc_rec_ctx *cx, const S_tab *t, int r, int c, const char *unit,
                          dc_amount *a)
{
    memset(a, 0, sizeof *a);
    a->src.block_index = a->src.table_index = a->src.row = a->src.col = -1;
    if (c < 0)
        return;
    const char *raw = t->raw[S_at(t, r, c)];
    dc_number num;
    if (!*raw || !dc_value_parse(raw, strlen(raw), &num) || num.op)
        return;
    dc_source src;
    dc_rec_source(t->blk, S_cell(t, r, c), &src);
    src.row = r;
    src.col = c;
    dc_rec_amount(cx, a, &num, num.unit[0] ? num.unit : unit, &src);
}

static void S_proc_row(dc_rec_ctx *cx, const S_tab *t, int r, const int *col, const char *unit,
                       dc_procurement_row *row)
{
    memset(row, 0, sizeof *row);
    row->project = col[P_PROJECT] >= 0 ? t->raw[S_at(t, r, col[P_PROJECT])] : NULL;
    row->item_name = col[P_ITEM] >= 0 ? t->raw[S_at(t, r, col[P_ITEM])] : NULL;
    row->catalog_no = col[P_CATALOG] >= 0 ? t->raw[S_at(t, r, col[P_CATALOG])] : NULL;
    row->unit = col[P_UNIT] >= 0 ? t->raw[S_at(t, r, col[P_UNIT])] : NULL;
    S_cell_amount(cx, t, r, col[P_BUDGET_FUNDS], unit, &row->budget_funds);
    S_cell_amount(cx, t, r, col[P_QTY], NULL, &row->quantity);
    S_cell_amount(cx, t, r, col[P_PRICE], unit, &row->unit_price);
    S_cell_amount(cx, t, r, col[P_AMOUNT], unit, &row->amount);
    S_cell_amount(cx, t, r, col[P_GPB], unit, &row->general_public_budget);
    S_cell_amount(cx, t, r, col[P_FUND], unit, &row->government_fund);
    S_cell_amount(cx, t, r, col[P_STATE], unit, &row->state_capital);
    S_cell_amount(cx, t, r, col[P_SPECIAL], unit, &row->fiscal_special_account);
    S_cell_amount(cx, t, r, col[P_UNIT_FUNDS], unit, &row->unit_funds);
    S_cell_amount(cx, t, r, col[P_CARRIED], unit, &row->carried_fiscal);
    S_cell_amount(cx, t, r, col[P_NONFISCAL], unit, &row->carried_nonfiscal);
    S_cell_amount(cx, t, r, col[P_SME], unit, &row->sme_share);
    row->cells = dc_arena_alloc(&cx->d->arena, (size_t)(t->ncols ? t->ncols : 1) * sizeof(char *));
    row->ncells = (size_t)t->ncols;
    for (int c = 0; c < t->ncols; c++)
        row->cells[c] = t->raw[S_at(t, r, c)];
    dc_rec_source(t->blk, S_cell(t, r, 0), &row->src);
    row->src.row = r;
}

static int S_procurement(dc_rec_ctx *cx, const S_tab *t, const char *unit)
{
    dc_disclosure *d = cx->d;
    if (d->procurement.table)
        return 0;
    int hr = S_first_row_with(t, 3, "采购");
    if (hr < 0)
        return 0;
    int he = S_header_end(t, hr);
    int col[P_COUNT];
    for (int i = 0; i < P_COUNT; i++)
        col[i] = -1;
    /* this candidate's headers (an earlier candidate may have been refused) */
    d->procurement.headers = dc_arena_alloc(&d->arena, (size_t)(t->ncols ? t->ncols : 1) *
                                                           sizeof(char *));
    d->procurement.nheaders = 0;
    dc_buf lab = DC_BUF_INIT, hb = DC_BUF_INIT;
    for (int c = 0; c < t->ncols; c++) {
        int role = S_proc_role(S_leaf_label(t, hr, he, c, &lab));
        if (role != P_NONE && col[role] < 0)
            col[role] = c;
        /* the header as people read it */
        dc_buf_clear(&hb);
        const dc_node *prev = NULL;
        for (int r = hr; r < he; r++) {
            const dc_node *cell = S_cell(t, r, c);
            if (!cell || cell == prev || !*t->raw[S_at(t, r, c)])
                continue;
            prev = cell;
            if (hb.len)
                dc_buf_putc(&hb, '/');
            dc_buf_puts(&hb, S_clean_header(cx, t->raw[S_at(t, r, c)]));
        }
        d->procurement.headers[d->procurement.nheaders++] =
            dc_arena_strndup(&d->arena, hb.data ? hb.data : "", hb.len);
    }
    dc_buf_free(&lab);
    dc_buf_free(&hb);
    if (col[P_AMOUNT] < 0 && col[P_GPB] < 0 && col[P_BUDGET_FUNDS] < 0) {
        d->procurement.headers = NULL;   /* not the procurement table after all */
        d->procurement.nheaders = 0;
        return 0;
    }
    if (col[P_PROJECT] < 0)
        col[P_PROJECT] = 0;
    d->procurement.table = t->node;
    size_t cap = (size_t)(t->nrows - he) + 1;
    d->procurement.rows = dc_arena_alloc(&d->arena, cap * sizeof *d->procurement.rows);
    for (int r = he; r < t->nrows; r++) {
        if (S_row_empty(t, r))
            continue;
        const char *first = t->norm[S_at(t, r, 0)];
        if (!strcmp(first, "栏次") || dc_rec_has(first, "备注") || dc_rec_has(first, "注:"))
            continue;
        if (dc_rec_has(first, "合计") || dc_rec_has(first, "总计")) {
            S_proc_row(cx, t, r, col, unit, &d->procurement.total_row);
            d->procurement.total_row.project = t->raw[S_at(t, r, 0)];
            continue;
        }
        S_proc_row(cx, t, r, col, unit, &d->procurement.rows[d->procurement.nrows++]);
    }
    const dc_procurement_row *tr = &d->procurement.total_row;
    if (tr->project) {
        if (tr->amount.present)
            d->procurement.table_total = tr->amount;
        else if (tr->budget_funds.present)
            d->procurement.table_total = tr->budget_funds;
        if (tr->general_public_budget.present)
            d->procurement.total_general_public_budget = tr->general_public_budget;
    }
    return 1;
}

/* ---- fixed assets ------------------------------------------------------- */

const char *dc_rec_iso_date(dc_rec_ctx *cx, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (!(p[0] >= '0' && p[0] <= '9') || (p > s && p[-1] >= '0' && p[-1] <= '9'))
            continue;
        int y, m, dd, k = 0;
        if (sscanf(p, "%4d年%2d月%2d日%n", &y, &m, &dd, &k) == 3 ||
            sscanf(p, "%4d-%2d-%2d%n", &y, &m, &dd, &k) == 3 ||
            sscanf(p, "%4d.%2d.%2d%n", &y, &m, &dd, &k) == 3) {
            if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31) {
                char buf[16];
                snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
                return dc_arena_strdup(&cx->d->arena, buf);
            }
        }
    }
    return NULL;
}

/* The raw text after the first colon (full-width or ASCII), trimmed. */
static const char *S_after_colon(dc_rec_ctx *cx, const char *raw)
{
    const char *c1 = strstr(raw, "："), *c2 = strchr(raw, ':');
    const char *p = c1 && (!c2 || c1 < c2) ? c1 + strlen("：") : c2 ? c2 + 1 : NULL;
    if (!p)
        return NULL;
    size_t n = strlen(p);
    /* trim (ASCII and ideographic space) */
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n >= 3 && !memcmp(p, "\xE3\x80\x80", 3))
        p += 3, n -= 3;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n'))
        n--;
    while (n >= 3 && !memcmp(p + n - 3, "\xE3\x80\x80", 3))
        n -= 3;
    return n ? dc_arena_strndup(&cx->d->arena, p, n) : NULL;
}

static void S_asset_meta(dc_rec_ctx *cx, const char *raw, const char *norm)
{
    dc_disclosure *d = cx->d;
    if (!d->assets.compiled_by && (dc_rec_has(norm, "编制部门") || dc_rec_has(norm, "编制单位") ||
                                   dc_rec_has(norm, "填报单位") || dc_rec_has(norm, "单位名称")))
        d->assets.compiled_by = S_after_colon(cx, raw);
    if (!d->assets.as_of && (dc_rec_has(norm, "截止") || dc_rec_has(norm, "截至") ||
                             dc_rec_has(norm, "时间") || dc_rec_has(norm, "日期")))
        d->assets.as_of = dc_rec_iso_date(cx, norm);
}

static int S_assets(dc_rec_ctx *cx, const S_tab *t, const S_caption_info *ci, const char *unit)
{
    dc_disclosure *d = cx->d;
    if (d->assets.table)
        return 0;
    int hr = -1;
    for (int r = 0; r < t->nrows && r < 6; r++) {
        if (S_row_has(t, r, "数量") && (S_row_has(t, r, "价值") || S_row_has(t, r, "金额") ||
                                        S_row_has(t, r, "原值") || S_row_has(t, r, "账面"))) {
            hr = r;
            break;
        }
    }
    if (hr < 0)
        return 0;
    int he = S_header_end(t, hr);
    int citem = -1, cqty = -1, cval = -1;
    const char *vunit = NULL;
    dc_buf lab = DC_BUF_INIT;
    for (int c = 0; c < t->ncols; c++) {
        const char *l = S_leaf_label(t, hr, he, c, &lab);
        if (dc_rec_has(l, "数量") && cqty < 0)
            cqty = c;
        else if ((dc_rec_has(l, "价值") || dc_rec_has(l, "金额") || dc_rec_has(l, "原值") ||
                  dc_rec_has(l, "账面")) && cval < 0) {
            cval = c;
            vunit = S_unit_in(l);
            if (!vunit && (dc_rec_has(l, "(万元)")))
                vunit = "万元";
            else if (!vunit && dc_rec_has(l, "(元)"))
                vunit = "元";
        } else if (citem < 0 && *l)
            citem = c;
    }
    dc_buf_free(&lab);
    if (cqty < 0 || cval < 0)
        return 0;
    if (citem < 0)
        citem = 0;
    if (!vunit)
        vunit = unit ? unit : "万元";
    d->assets.table = t->node;
    for (int r = 0; r < hr; r++)
        for (int c = 0; c < t->ncols; c++)
            if (!c || S_cell(t, r, c) != S_cell(t, r, c - 1))
                S_asset_meta(cx, t->raw[S_at(t, r, c)], t->norm[S_at(t, r, c)]);
    for (size_t i = 0; i < ci->nmeta; i++)
        S_asset_meta(cx, ci->meta[i]->text, ci->meta[i]->norm);
    size_t cap = (size_t)(t->nrows - he) + 1;
    d->assets.rows = dc_arena_alloc(&d->arena, cap * sizeof *d->assets.rows);
    for (int r = he; r < t->nrows; r++) {
        if (S_row_empty(t, r))
            continue;
        const char *item_norm = t->norm[S_at(t, r, citem)];
        if (!*item_norm)
            continue;
        dc_asset_row *row = &d->assets.rows[d->assets.nrows++];
        memset(row, 0, sizeof *row);
        row->item = t->raw[S_at(t, r, citem)];
        row->quantity = t->raw[S_at(t, r, cqty)];
        S_cell_amount(cx, t, r, cval, vunit, &row->value);
        dc_rec_source(t->blk, S_cell(t, r, citem), &row->src);
        row->src.row = r;
        row->is_part = !strncmp(item_norm, "其中", strlen("其中"));
        if (!row->is_part && (dc_rec_has(item_norm, "总额") || dc_rec_has(item_norm, "合计") ||
                              dc_rec_has(item_norm, "总计")) &&
            !d->assets.table_total.present) {
            row->is_total = 1;
            if (row->value.present)
                d->assets.table_total = row->value;
        }
    }
    return 1;
}

/* ---- budget summary tables (收支总表) ------------------------------------ */

/* Rows whose label names a figure ("一、一般公共预算拨款收入 | 800.00"): the
 * figure is the first number to the right of the label.  Figures the text
 * already stated are kept; returns the number of label/number pairs. */
static int S_summary(dc_rec_ctx *cx, const S_tab *t, const char *unit, int apply)
{
    int pairs = 0;
    /* 行次 / 栏次 columns number the lines of a 决算 table: never amounts */
    unsigned char *lineno = dc_xcalloc((size_t)t->ncols + 1, 1);
    for (int r = 0; r < t->nrows && r < 4; r++)
        for (int c = 0; c < t->ncols; c++) {
            const char *n = t->norm[S_at(t, r, c)];
            if (!strcmp(n, "行次") || !strcmp(n, "栏次") || !strcmp(n, "行号"))
                lineno[c] = 1;
        }
    for (int r = 0; r < t->nrows; r++) {
        for (int c = 0; c + 1 < t->ncols; c++) {
            if (c > 0 && S_cell(t, r, c) == S_cell(t, r, c - 1))
                continue;
            const char *n = t->norm[S_at(t, r, c)];
            if (!*n)
                continue;
            int num;
            size_t ml;
            if (dc_rec_marker(n, strlen(n), &num, &ml) != DC_NUM_NONE)
                n += ml;
            dc_amount *a = dc_rec_label_amount(cx, n);
            if (!a)
                continue;
            for (int k = c + 1; k < t->ncols; k++) {
                if (S_cell(t, r, k) == S_cell(t, r, c) || lineno[k])
                    continue;
                const char *raw = t->raw[S_at(t, r, k)];
                dc_number v;
                if (!*raw)
                    continue;
                if (dc_value_parse(raw, strlen(raw), &v) && !v.op) {
                    pairs++;
                    if (apply && !a->present) {
                        dc_source src;
                        dc_rec_source(t->blk, S_cell(t, r, k), &src);
                        src.row = r;
                        src.col = k;
                        dc_rec_amount(cx, a, &v, v.unit[0] ? v.unit : unit, &src);
                    }
                }
                break;
            }
        }
    }
    free(lineno);
    return pairs;
}

/* ---- driver ------------------------------------------------------------- */

static const char *S_table_unit(const S_tab *t, const S_caption_info *ci)
{
    if (ci->unit)
        return ci->unit;
    for (int r = 0; r < t->nrows && r < 3; r++)
        for (int c = 0; c < t->ncols; c++) {
            const char *u = S_unit_in(t->norm[S_at(t, r, c)]);
            if (u)
                return u;
        }
    return NULL;
}

static void S_add_ref(dc_rec_ctx *cx, const dc_table_ref *ref)
{
    dc_disclosure *d = cx->d;
    d->tables[d->ntables++] = *ref;
}

static void S_projects_grow(dc_disclosure *d, size_t *cap)
{
    DC_ARENA_GROW(&d->arena, d->projects, d->nprojects, *cap, 16);
}

void dc_rec_tables(dc_rec_ctx *cx)
{
    dc_disclosure *d = cx->d;
    size_t ntables = 0, pcap = 0;
    for (size_t i = 0; i < cx->nblocks; i++)
        if (cx->blocks[i].node->type == DC_NODE_TABLE)
            ntables++;
    d->tables = dc_arena_alloc(&d->arena, (ntables ? ntables : 1) * sizeof *d->tables);
    for (size_t i = 0; i < cx->nblocks; i++) {
        const dc_rec_block *b = &cx->blocks[i];
        if (b->node->type != DC_NODE_TABLE)
            continue;
        S_tab t;
        S_tab_init(cx, &t, b);
        S_caption_info ci;
        S_caption(cx, b, &ci);
        dc_table_ref ref;
        memset(&ref, 0, sizeof ref);
        ref.node = b->node;
        ref.table_index = b->table_index;
        ref.block_index = b->index;
        ref.caption = ci.caption ? ci.caption->node : NULL;
        ref.title = ci.caption ? ci.caption->text : NULL;
        ref.money_unit = S_table_unit(&t, &ci);
        ref.item = -1;
        ref.money = -1;
        const char *unit = ref.money_unit ? ref.money_unit : "万元";

        S_ind_layout L;
        int head_rows = t.nrows < 4 ? t.nrows : 4;
        if (t.nrows && t.ncols && S_indicator_layout(&t, &L)) {
            const char *title = L.title ? L.title : ci.caption ? ci.caption->text : NULL;
            const char *fallback = ci.heading ? dc_rec_after_marker(ci.heading->text) : NULL;
            const char *probe = title ? title : fallback ? fallback : "";
            char *pn = dc_norm_dup(probe, strlen(probe), DC_NORM_SPACE | DC_NORM_QUOTES);
            int dept = (dc_rec_has(pn, "部门整体") || dc_rec_has(pn, "整体支出") ||
                        dc_rec_has(pn, "整体绩效") || dc_rec_has(pn, "部门绩效")) &&
                       !d->department_indicators.table;
            free(pn);
            ref.header_rows = L.he;
            if (dept) {
                dc_indicator_table *it = &d->department_indicators;
                it->title = title ? title : fallback;
                it->table = b->node;
                dc_rec_source(b, NULL, &it->src);
                it->nrows = S_indicator_rows(cx, &t, &L, &it->rows);
                ref.kind = DC_TABLE_DEPT_INDICATORS;
                if (!ref.title)
                    ref.title = it->title;
            } else {
                S_projects_grow(d, &pcap);
                dc_project_table *p = &d->projects[d->nprojects];
                memset(p, 0, sizeof *p);
                p->caption = ci.caption ? ci.caption->node : NULL;
                p->title = ci.caption ? ci.caption->text
                           : L.project_name && *L.project_name ? L.project_name
                           : L.title                            ? L.title
                                                                : fallback;
                if (ci.caption && ci.caption->nstyle != DC_NUM_NONE)
                    p->number = ci.caption->num;
                p->table = b->node;
                dc_rec_source(b, NULL, &p->src);
                p->tc_entries = dc_arena_alloc(&d->arena, (ci.ntoc ? ci.ntoc : 1) *
                                                              sizeof(char *));
                for (size_t k = 0; k < ci.ntoc; k++) {
                    const char *tx = ci.toc[k]->as.toc.text;
                    p->tc_entries[p->ntc++] = tx ? tx : "";
                }
                S_goals(cx, L.goal_cell, p);
                p->rows = NULL;
                p->nrows = S_indicator_rows(cx, &t, &L, &p->rows);
                p->has_scoring = L.col[R_SCORING] >= 0;
                if (L.funds_row >= 0)
                    S_cell_amount(cx, &t, L.funds_row, L.funds_col, unit, &p->funds);
                ref.kind = DC_TABLE_PROJECT;
                ref.item = (int)d->nprojects;
                if (!ref.title)
                    ref.title = p->title;
                d->nprojects++;
            }
        } else if (t.nrows && S_rows_have(&t, 0, head_rows, "单位名称") &&
                   (S_rows_have(&t, 0, head_rows, "性质") || S_rows_have(&t, 0, head_rows, "规格") ||
                    S_rows_have(&t, 0, head_rows, "经费") || S_rows_have(&t, 0, head_rows, "级别")) &&
                   S_orgs(cx, &t)) {
            ref.kind = DC_TABLE_ORGS;
            ref.header_rows = S_header_end(&t, S_first_row_with(&t, 5, "单位名称"));
        } else if (t.nrows && S_rows_have(&t, 0, 3, "采购") && S_procurement(cx, &t, unit)) {
            ref.kind = DC_TABLE_PROCUREMENT;
            ref.header_rows = S_header_end(&t, S_first_row_with(&t, 3, "采购"));
        } else if (t.nrows && S_assets(cx, &t, &ci, ref.money_unit)) {
            ref.kind = DC_TABLE_ASSETS;
            for (int r = 0; r < t.nrows && r < 6; r++)
                if (S_row_has(&t, r, "数量")) {
                    ref.header_rows = S_header_end(&t, r);
                    break;
                }
            if (!ref.title && t.nrows && S_row_single(&t, 0))
                ref.title = t.raw[0];
        }
        if (ref.kind == DC_TABLE_OTHER && t.nrows && S_summary(cx, &t, unit, 0) >= 2) {
            S_summary(cx, &t, unit, 1);
            ref.kind = DC_TABLE_BUDGET_SUMMARY;
        }
        if (!ref.title && t.nrows && S_row_single(&t, 0) && *t.raw[0])
            ref.title = t.raw[0];
        S_add_ref(cx, &ref);
        S_tab_free(&t);
    }
}
