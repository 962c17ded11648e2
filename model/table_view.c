/*
 * table_view.c - the read-only view of a finished table (table_view.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "table_view.h"

#include <stdlib.h>
#include <string.h>

#include "model/amount.h"

/* ------------------------------------------------------------------------
 * Header rows
 * ------------------------------------------------------------------------ */

/* "编制部门：某局", "截止时间：2020年12月31日": a label and its value, which a
 * header cell is not (a colon inside brackets, "价值（金额单位：万元）", is). */
static int S_is_label_value(const char *t, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(t + i, n - i, &adv);
        i += adv;
        if (cp == '(' || cp == 0xFF08)
            depth++;
        else if ((cp == ')' || cp == 0xFF09) && depth > 0)
            depth--;
        else if ((cp == ':' || cp == 0xFF1A) && depth == 0) {
            for (size_t j = i; j < n;) {
                uint32_t c2 = dc_utf8_decode(t + j, n - j, &adv);
                if (!dc_cp_is_space(c2))
                    return 1;
                j += adv;
            }
        }
    }
    return 0;
}

/* A row that may be a header row: at least two cells, each non-empty, short,
 * not a number and not "label：value"; three or more cells when the table
 * has three or more columns, unless the row is the top of a two-level header
 * (every cell spans columns or rows, one spans columns: "收入 | 支出"). */
static int S_header_like(const dc_table_view *v, int r)
{
    const dc_view_cell *first = v->cells + v->row_first[r];
    int n = (int)(v->row_first[r + 1] - v->row_first[r]);
    int grouping = n > 0;
    for (int k = 0; k < n; k++)
        if (first[k].col_span == 1 && first[k].row_span == 1)
            grouping = 0;
    if (grouping) {
        grouping = 0;
        for (int k = 0; k < n; k++)
            grouping |= first[k].col_span > 1 && first[k].col_span < v->ncols;
    }
    if (n < 2 || (n < (v->ncols < 3 ? v->ncols : 3) && !grouping))
        return 0;
    for (int k = 0; k < n; k++) {
        const dc_view_cell *c = first + k;
        double val;
        int dec, grp;
        size_t cps = dc_utf8_count(c->text, c->len);
        if (cps == 0 || cps > 24 || dc_plain_number(c->text, c->len, &val, &dec, &grp) ||
            S_is_label_value(c->text, c->len) || dc_utf8_is_blank(c->text, c->len))
            return 0;
    }
    return 1;
}

/* Header rows end below every cell that starts in them: a header cell
 * merged down past the last header row takes those rows into the header
 * (so a repeated header is always whole). */
static void S_header_close(dc_table_view *v)
{
    for (int r = v->header_first; r <= v->header_last && r < v->nrows; r++)
        for (size_t k = v->row_first[r]; k < v->row_first[r + 1]; k++) {
            const dc_view_cell *c = &v->cells[k];
            int end = c->row + c->row_span - 1;
            if (end > v->header_last)
                v->header_last = end < v->nrows ? end : v->nrows - 1;
        }
}

/* Header rows: the rows the document repeats on each page (w:tblHeader)
 * when marked; else the first header-like row within the first rows (title
 * and label rows of one or two cells may come before it), extended over the
 * rows its cells merge down into and over sub-header rows under a cell
 * spanning columns. */
static void S_find_header(dc_table_view *v)
{
    v->header_first = v->header_last = -1;
    for (int r = 0; r < v->nrows; r++) {
        if (v->rows[r]->as.row.header) {
            if (v->header_first < 0)
                v->header_first = r;
            v->header_last = r;
        } else if (v->header_first >= 0) {
            break;
        }
    }
    if (v->header_first >= 0) {
        v->header_marked = 1;
        S_header_close(v);
        return;
    }
    int r;
    for (r = 0; r < v->nrows && r < 5; r++) {
        if (S_header_like(v, r))
            break;
        if (v->row_first[r + 1] - v->row_first[r] > 2)
            return;             /* a data row comes first: no header */
    }
    if (r >= v->nrows || r >= 5)
        return;
    int last = r, spans = 0;
    for (size_t k = v->row_first[r]; k < v->row_first[r + 1]; k++) {
        const dc_view_cell *c = &v->cells[k];
        if (c->row + c->row_span - 1 > last)
            last = c->row + c->row_span - 1;
        if (c->col_span > 1)
            spans = 1;
    }
    if (last >= v->nrows)
        last = v->nrows - 1;
    while (spans && last + 1 < v->nrows && last - r < 3 && S_header_like(v, last + 1))
        last++;
    v->header_first = r;
    v->header_last = last;
    S_header_close(v);
}

/* ------------------------------------------------------------------------
 * Building
 * ------------------------------------------------------------------------ */

/* Cells are placed row by row.  A later cell wins over an earlier one that
 * spans down into its positions (a malformed table may ask for both): the
 * earlier cell's row span is cut above the later cell's row, so no text is
 * lost and no position is covered twice. */
static void S_place(dc_table_view *v, dc_view_cell *c)
{
    for (int j = c->col; j < c->col + c->col_span; j++) {
        const dc_view_cell *o = v->at[(size_t)c->row * (size_t)v->ncols + (size_t)j];
        if (!o)
            continue;
        dc_view_cell *e = (dc_view_cell *)o;
        for (int i = c->row; i < e->row + e->row_span; i++)
            for (int k = e->col; k < e->col + e->col_span; k++)
                v->at[(size_t)i * (size_t)v->ncols + (size_t)k] = NULL;
        e->row_span = c->row - e->row;
    }
    for (int i = c->row; i < c->row + c->row_span; i++) {
        for (int j = c->col; j < c->col + c->col_span; j++) {
            const dc_view_cell **slot = &v->at[(size_t)i * (size_t)v->ncols + (size_t)j];
            if (*slot && i > c->row) {
                /* an earlier cell of a lower row cannot be there yet */
                continue;
            }
            *slot = c;
        }
    }
}

dc_table_view *dc_table_view_new(const dc_node *table)
{
    dc_table_view *v = dc_xcalloc(1, sizeof *v);
    const dc_table *t = &table->as.table;
    v->table = table;

    int nrows = 0, ncols = t->ncols > 0 ? t->ncols : 0;
    size_t ncells = 0;
    for (const dc_node *row = table->first_child; row; row = row->next) {
        if (row->type != DC_NODE_ROW)
            continue;
        nrows++;
        for (const dc_node *cell = row->first_child; cell; cell = cell->next)
            if (cell->type == DC_NODE_CELL)
                ncells++;
    }
    if (ncols < 1)
        ncols = 1;
    v->nrows = nrows;
    v->ncols = ncols;
    v->rows = dc_xcalloc((size_t)nrows + 1, sizeof *v->rows);
    v->cells = dc_xcalloc(ncells + 1, sizeof *v->cells);
    v->row_first = dc_xcalloc((size_t)nrows + 2, sizeof *v->row_first);
    v->at = dc_xcalloc((size_t)nrows * (size_t)ncols + 1, sizeof *v->at);

    /* Column widths: the grid, a missing or zero width the mean of the
     * others (one inch when the table has none). */
    v->col_width = dc_xcalloc((size_t)ncols, sizeof *v->col_width);
    long sum = 0;
    int known = 0;
    for (int j = 0; j < ncols; j++)
        if (j < t->ncols && t->grid && t->grid[j] > 0) {
            sum += t->grid[j];
            known++;
        }
    int dflt = known ? (int)(sum / known) : 1440;
    if (dflt < 1)
        dflt = 1;
    for (int j = 0; j < ncols; j++)
        v->col_width[j] = (j < t->ncols && t->grid && t->grid[j] > 0) ? t->grid[j] : dflt;

    /* Texts: one store, cells point into it. */
    dc_buf store = DC_BUF_INIT;
    size_t *offs = dc_xcalloc(ncells + 1, sizeof *offs);
    size_t k = 0;
    int r = 0;
    for (const dc_node *row = table->first_child; row; row = row->next) {
        if (row->type != DC_NODE_ROW)
            continue;
        v->rows[r] = row;
        v->row_first[r] = k;
        int prev_end = 0;
        for (const dc_node *cell = row->first_child; cell; cell = cell->next) {
            if (cell->type != DC_NODE_CELL)
                continue;
            const dc_cell *cc = &cell->as.cell;
            dc_view_cell *c = &v->cells[k];
            c->node = cell;
            c->row = r;
            c->col = cc->col >= prev_end ? cc->col : prev_end;
            if (c->col >= ncols)
                continue;       /* past the grid: dc_table_finish widens it, so never */
            c->row_span = cc->row_span < 1 ? 1 : cc->row_span;
            c->col_span = cc->col_span < 1 ? 1 : cc->col_span;
            if (c->row + c->row_span > nrows)
                c->row_span = nrows - c->row;
            if (c->col + c->col_span > ncols)
                c->col_span = ncols - c->col;
            prev_end = c->col + c->col_span;
            offs[k] = store.len;
            dc_node_text(cell, &store);
            c->len = store.len - offs[k];
            dc_buf_putc(&store, '\0');
            S_place(v, c);
            k++;
        }
        r++;
    }
    v->row_first[nrows] = k;
    v->row_first[nrows + 1] = k;
    v->ncells = k;
    v->text_store = dc_buf_detach(&store, NULL);
    for (size_t i = 0; i < k; i++)
        v->cells[i].text = v->text_store ? v->text_store + offs[i] : "";
    free(offs);

    S_find_header(v);
    for (size_t i = 0; i < v->ncells; i++)
        v->cells[i].header = dc_table_view_is_header_row(v, v->cells[i].row);
    return v;
}

void dc_table_view_free(dc_table_view *v)
{
    if (!v)
        return;
    free(v->rows);
    free(v->col_width);
    free(v->cells);
    free(v->row_first);
    free(v->at);
    free(v->text_store);
    free(v);
}

const dc_view_cell *dc_table_view_at(const dc_table_view *v, int r, int c)
{
    if (!v || r < 0 || c < 0 || r >= v->nrows || c >= v->ncols)
        return NULL;
    return v->at[(size_t)r * (size_t)v->ncols + (size_t)c];
}

int dc_table_view_is_header_row(const dc_table_view *v, int r)
{
    return v->header_first >= 0 && r >= v->header_first && r <= v->header_last;
}
