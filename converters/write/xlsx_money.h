/*
 * xlsx_money.h - what a money table's sheet (the nine-table template, see
 * model/disclosure.h dc_money_table) adds to the plain table sheet of
 * xlsx_writer.c: Excel outline levels by classification (类 → 款 → 项,
 * collapsible, summary rows above their details), the subtotal rows (those
 * with rows of the next level under them) and the total row bold, and the
 * code columns kept as text.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_XLSX_MONEY_H
#define DC_XLSX_MONEY_H

#include <xlsxwriter.h>

#include "model/disclosure.h"

/** Per row and column of one table's grid. */
typedef struct {
    int nrows, ncols;
    unsigned char *level;     /**< per grid row: the outline level (类 0, 款 1, 项 2) */
    unsigned char *bold;      /**< per grid row: a subtotal or total row */
    unsigned char *text_col;  /**< per grid column: codes, written as text */
} dc_xlsx_money;

/** The money table of the disclosure whose table node is `table`, prepared
 *  for a grid of nrows × ncols: returns 1 and fills m (free with
 *  dc_xlsx_money_free), or 0 (m zeroed) when the table is no money table. */
int dc_xlsx_money_plan(const dc_disclosure *d, const dc_node *table, int nrows, int ncols,
                       dc_xlsx_money *m);

/** Outline settings of a money table's sheet: symbols above the details. */
void dc_xlsx_money_sheet(lxw_worksheet *ws);

/** Sets row `sheet_row` (table row r) with its height (LXW_DEF_ROW_HEIGHT for
 *  the default) and outline level; returns libxlsxwriter's error. */
lxw_error dc_xlsx_money_row(lxw_worksheet *ws, const dc_xlsx_money *m, int r, int sheet_row,
                            double height);

void dc_xlsx_money_free(dc_xlsx_money *m);

#endif
