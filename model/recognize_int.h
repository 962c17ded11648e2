/*
 * recognize_int.h - internals shared by recognize.c (text, sections,
 * figures) and recognize_tables.c (tables).  Not a public interface.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_RECOGNIZE_INT_H
#define DC_RECOGNIZE_INT_H

#include "model/amount.h"
#include "model/disclosure.h"

/** One top-level block of the body, with its text prepared once. */
typedef struct {
    const dc_node *node;
    int index;                /**< position among the body's children */
    int table_index;          /**< 0-based among body tables, -1 for other blocks */
    const char *text;         /**< visible text, trimmed (paragraphs; "" for tables) */
    size_t len;
    const char *norm;         /**< text normalised (no white space, no quotes) */
    size_t nlen;
    dc_num_style nstyle;      /**< numbering marker at the start, DC_NUM_NONE if none */
    int num;                  /**< its number */
    size_t mark_nlen;         /**< bytes of the marker in norm */
    int list_id, list_level;  /**< the marker is the list label of numbering
                                   instance list_id (w:numId) at list_level; 0 = typed */
    int dot_candidate;        /**< "6.120急救…": "6." and text, or the number 6.120;
                                   num is 6 (nstyle stays DC_NUM_NONE) */
    int heading_level;        /**< from the style or outline level, 0 for body text */
    int in_toc;               /**< an entry of a typed table of contents (目录): not a
                                   heading, a section or a list item */
    int section;              /**< index into d->sections, -1 before the first */
} dc_rec_block;

typedef struct {
    dc_disclosure *d;
    dc_rec_block *blocks;
    size_t nblocks;
} dc_rec_ctx;

/** Copies s[0..n) into the disclosure's arena. */
const char *dc_rec_strndup(dc_rec_ctx *cx, const char *s, size_t n);

/** Reads a numbering marker at the start of normalised text: 一、 （一）
 *  1、 1. （1） 第一部分.  "10.2020年" is marker 10 followed by a year;
 *  "1.5" is a number, not a marker.  Returns the style (DC_NUM_NONE when
 *  none) and sets *num and *len (bytes of the marker). */
dc_num_style dc_rec_marker(const char *s, size_t n, int *num, size_t *len);

/** Raw text with its leading numbering marker (and the white space after it)
 *  removed; returns a pointer into s. */
const char *dc_rec_after_marker(const char *s);

/** The visible text of a cell: its paragraphs that hold more than white
 *  space, each exactly as written, joined by '\n'.  Arena-owned; "" when the
 *  cell is empty or NULL. */
const char *dc_rec_cell_text(dc_rec_ctx *cx, const dc_node *cell);

/** The first date "2020年12月31日" (or 2020-12-31, 2020.12.31) in normalised
 *  text as ISO "2020-12-31" (arena-owned), NULL when there is none. */
const char *dc_rec_iso_date(dc_rec_ctx *cx, const char *s);

/** True when the normalised text contains needle. */
int dc_rec_has(const char *norm, const char *needle);

/** Fills a source for a block (and, when cell is given, a table cell). */
void dc_rec_source(const dc_rec_block *b, const dc_node *cell, dc_source *src);

/** Sets an amount from a parsed number. */
void dc_rec_amount(dc_rec_ctx *cx, dc_amount *a, const dc_number *num, const char *unit,
                   const dc_source *src);

/** The figure a table row's label names exactly (normalised, marker removed:
 *  "收入总计", "一般公共预算拨款收入", "项目支出"), or NULL. */
dc_amount *dc_rec_label_amount(dc_rec_ctx *cx, const char *norm);

/** Recognises the body's tables (recognize_tables.c). */
void dc_rec_tables(dc_rec_ctx *cx);

/** Recognises the nine standard money tables among the tables dc_rec_tables
 *  left unrecognised or read as budget summaries (recognize_money.c); sets
 *  d->money_tables and each table reference's `money`. */
void dc_rec_money(dc_rec_ctx *cx);

#endif
