/*
 * xlsx_money.c - the outline, bold subtotals and text codes of a money
 * table's sheet (xlsx_money.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "converters/write/xlsx_money.h"

#include <stdlib.h>
#include <string.h>

int dc_xlsx_money_plan(const dc_disclosure *d, const dc_node *table, int nrows, int ncols,
                       dc_xlsx_money *m)
{
    memset(m, 0, sizeof *m);
    const dc_money_table *t = NULL;
    for (size_t i = 0; d && i < d->ntables && !t; i++)
        if (d->tables[i].node == table && d->tables[i].money >= 0 &&
            (size_t)d->tables[i].money < d->nmoney_tables)
            t = &d->money_tables[d->tables[i].money];
    if (!t || nrows <= 0 || ncols <= 0)
        return 0;
    m->nrows = nrows;
    m->ncols = ncols;
    m->level = dc_xcalloc((size_t)nrows, 1);
    m->bold = dc_xcalloc((size_t)nrows, 1);
    m->text_col = dc_xcalloc((size_t)ncols, 1);
    for (size_t i = 0; i < t->nrows; i++) {
        const dc_money_row *row = &t->rows[i];
        int r = row->src.row;
        if (r < 0 || r >= nrows || row->src.block != table)
            continue;   /* a row of the other part of a table split in two */
        if (row->level != DC_LEVEL_NONE)
            m->level[r] = (unsigned char)(row->level - DC_LEVEL_CLASS);
        /* a subtotal: a row with rows of the next level under it */
        const dc_money_row *next = i + 1 < t->nrows ? &t->rows[i + 1] : NULL;
        if (row->is_subtotal || (row->code && next && next->code && next->level > row->level &&
                                 !strncmp(next->code, row->code, strlen(row->code))))
            m->bold[r] = 1;
    }
    if (t->has_total && t->kind != DC_MONEY_THREE_PUBLIC && t->total_src.row >= 0 &&
        t->total_src.row < nrows && t->total_src.block == table)
        m->bold[t->total_src.row] = 1;
    for (int c = t->code_col; c >= 0 && c < t->code_col + t->code_columns && c < ncols; c++)
        m->text_col[c] = 1;
    return 1;
}

void dc_xlsx_money_sheet(lxw_worksheet *ws)
{
    worksheet_outline_settings(ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
}

lxw_error dc_xlsx_money_row(lxw_worksheet *ws, const dc_xlsx_money *m, int r, int sheet_row,
                            double height)
{
    lxw_row_col_options opt;
    memset(&opt, 0, sizeof opt);
    opt.level = m && r >= 0 && r < m->nrows ? m->level[r] : 0;
    return worksheet_set_row_opt(ws, (lxw_row_t)sheet_row, height, NULL, &opt);
}

void dc_xlsx_money_free(dc_xlsx_money *m)
{
    if (!m)
        return;
    free(m->level);
    free(m->bold);
    free(m->text_col);
    memset(m, 0, sizeof *m);
}
