/*
 * table_view.h - one read-only view of a finished table, built once, that
 * the writers and the recognizer place cells from.
 *
 * A table in the document model keeps only the first cell of each merge
 * with its grid position and spans (dc_table_finish).  The view adds what
 * every consumer would otherwise recount: the cells in row-major order with
 * spans clamped to the grid and never overlapping, each cell's visible text,
 * the grid position -> covering cell map, column widths, and the header rows
 * (marked by the document, or detected from their words).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_TABLE_VIEW_H
#define DC_TABLE_VIEW_H

#include <stddef.h>

#include "model/doc.h"

/** One cell as placed on the grid. */
typedef struct {
    const dc_node *node;      /**< the CELL node */
    int row, col;             /**< grid position of its top-left corner */
    int row_span, col_span;   /**< >= 1, inside the grid, never covering another cell */
    const char *text;         /**< visible text (dc_node_text: paragraphs joined by '\n') */
    size_t len;               /**< bytes of text */
    unsigned header : 1;      /**< the cell starts in a header row */
} dc_view_cell;

/** A table's view.  All arrays belong to the view. */
typedef struct {
    const dc_node *table;     /**< the TABLE node */
    int nrows, ncols;         /**< grid size (ncols >= 1 when nrows >= 1) */
    const dc_node **rows;     /**< nrows ROW nodes, top to bottom */
    int *col_width;           /**< ncols column widths in twips, each > 0 */
    size_t ncells;
    dc_view_cell *cells;      /**< row-major: by row, then column */
    size_t *row_first;        /**< nrows + 1 entries: the cells that start in row r are
                                   cells[row_first[r]] .. cells[row_first[r + 1] - 1] */
    const dc_view_cell **at;  /**< nrows * ncols: the cell covering each position, or NULL */
    int header_first;         /**< first header row, -1 when the table has none */
    int header_last;          /**< last header row, -1 when none */
    unsigned header_marked : 1; /**< the document marks the header rows (repeat on each page) */
    char *text_store;         /**< private: the cells' texts */
} dc_table_view;

/** Builds the view of a table that dc_table_finish has normalised.  Never
 *  fails (allocation failure aborts); free with dc_table_view_free. */
dc_table_view *dc_table_view_new(const dc_node *table);

/** Frees a view; NULL is allowed. */
void dc_table_view_free(dc_table_view *v);

/** The cell covering grid position (r, c), or NULL when none does or the
 *  position is outside the grid. */
const dc_view_cell *dc_table_view_at(const dc_table_view *v, int r, int c);

/** True when row r (0-based) is a header row of the view. */
int dc_table_view_is_header_row(const dc_table_view *v, int r);

#endif
