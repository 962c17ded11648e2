/*
 * doc.c - the document model: nodes, tree shape, builders, iterator, text.
 *
 * SPDX-License-Identifier: MIT
 */
#include "doc.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Documents and nodes
 * ------------------------------------------------------------------------ */

dc_doc *dc_doc_new(void)
{
    dc_doc *doc = dc_xcalloc(1, sizeof *doc);
    doc->root = dc_node_new(doc, DC_NODE_DOCUMENT);
    doc->notes = dc_node_new(doc, DC_NODE_DOCUMENT);
    return doc;
}

void dc_doc_free(dc_doc *doc)
{
    if (!doc)
        return;
    dc_arena_free(&doc->arena);
    free(doc);
}

/* A node is allocated with only the member of `as` its type uses: a table
 * cell is three nodes (cell, paragraph, run), and the largest member, the
 * paragraph's, would otherwise set the size of all three. */
static const size_t S_payload[] = {
    [DC_NODE_PARAGRAPH] = sizeof(dc_para), [DC_NODE_HEADING] = sizeof(dc_para),
    [DC_NODE_RUN] = sizeof(dc_run),        [DC_NODE_TABLE] = sizeof(dc_table),
    [DC_NODE_ROW] = sizeof(dc_row),        [DC_NODE_CELL] = sizeof(dc_cell),
    [DC_NODE_BREAK] = sizeof(dc_break),    [DC_NODE_TOC_ENTRY] = sizeof(dc_toc_entry),
    [DC_NODE_NOTE] = sizeof(dc_note),      [DC_NODE_NOTE_REF] = sizeof(dc_note),
};

static size_t S_node_size(dc_node_type type)
{
    size_t n = (size_t)type < sizeof S_payload / sizeof S_payload[0] ? S_payload[type] : 0;
    return n ? offsetof(dc_node, as) + n : sizeof(dc_node);
}

dc_node *dc_node_new(dc_doc *doc, dc_node_type type)
{
    dc_node *n = dc_arena_alloc(&doc->arena, S_node_size(type));
    n->type = type;
    doc->node_count++;
    switch (type) {
    case DC_NODE_PARAGRAPH:
    case DC_NODE_HEADING:
        n->as.para.outline_level = -1;
        n->as.para.list_level = -1;
        break;
    case DC_NODE_CELL:
        n->as.cell.col = -1;
        n->as.cell.row_span = 1;
        n->as.cell.col_span = 1;
        break;
    case DC_NODE_TOC_ENTRY:
        n->as.toc.level = 1;
        break;
    default:
        break;
    }
    return n;
}

const char *dc_doc_strdup(dc_doc *doc, const char *s)
{
    return s ? dc_arena_strdup(&doc->arena, s) : NULL;
}

const char *dc_doc_strndup(dc_doc *doc, const char *s, size_t n)
{
    return dc_arena_strndup(&doc->arena, s, n);
}

int dc_node_is_block(const dc_node *node)
{
    return node && ((node->type >= DC_NODE_DOCUMENT && node->type <= DC_NODE_NOTE) ||
                    node->type == DC_NODE_BREAK);
}

int dc_node_is_inline(const dc_node *node)
{
    return node && node->type >= DC_NODE_BREAK && node->type <= DC_NODE_NOTE_REF;
}

static int S_is_leaf(dc_node_type t)
{
    return t >= DC_NODE_BREAK;
}

const char *dc_node_type_name(dc_node_type type)
{
    switch (type) {
    case DC_NODE_NONE:      return "none";
    case DC_NODE_DOCUMENT:  return "document";
    case DC_NODE_PARAGRAPH: return "paragraph";
    case DC_NODE_HEADING:   return "heading";
    case DC_NODE_TABLE:     return "table";
    case DC_NODE_ROW:       return "row";
    case DC_NODE_CELL:      return "cell";
    case DC_NODE_NOTE:      return "note";
    case DC_NODE_BREAK:     return "break";
    case DC_NODE_RUN:       return "run";
    case DC_NODE_TOC_ENTRY: return "toc_entry";
    case DC_NODE_NOTE_REF:  return "note_ref";
    }
    return "unknown";
}

int dc_node_can_contain(const dc_node *parent, const dc_node *child)
{
    if (!parent || !child || child->parent || child == parent)
        return 0;
    dc_node_type c = child->type;
    switch (parent->type) {
    case DC_NODE_DOCUMENT:
        return c == DC_NODE_PARAGRAPH || c == DC_NODE_HEADING || c == DC_NODE_TABLE ||
               c == DC_NODE_BREAK || c == DC_NODE_NOTE;
    case DC_NODE_CELL:
    case DC_NODE_NOTE:
        return c == DC_NODE_PARAGRAPH || c == DC_NODE_HEADING || c == DC_NODE_TABLE ||
               c == DC_NODE_BREAK;
    case DC_NODE_TABLE:
        return c == DC_NODE_ROW;
    case DC_NODE_ROW:
        return c == DC_NODE_CELL;
    case DC_NODE_PARAGRAPH:
    case DC_NODE_HEADING:
        return c == DC_NODE_RUN || c == DC_NODE_TOC_ENTRY || c == DC_NODE_NOTE_REF ||
               c == DC_NODE_BREAK;
    default:
        return 0;
    }
}

int dc_node_append(dc_node *parent, dc_node *child)
{
    if (!dc_node_can_contain(parent, child))
        return 0;
    child->parent = parent;
    child->prev = parent->last_child;
    child->next = NULL;
    DC_LIST_APPEND(parent->first_child, parent->last_child, child);
    return 1;
}

int dc_node_prepend(dc_node *parent, dc_node *child)
{
    if (!dc_node_can_contain(parent, child))
        return 0;
    child->parent = parent;
    child->prev = NULL;
    child->next = parent->first_child;
    if (parent->first_child)
        parent->first_child->prev = child;
    else
        parent->last_child = child;
    parent->first_child = child;
    return 1;
}

void dc_node_unlink(dc_node *node)
{
    if (node->prev)
        node->prev->next = node->next;
    else if (node->parent)
        node->parent->first_child = node->next;
    if (node->next)
        node->next->prev = node->prev;
    else if (node->parent)
        node->parent->last_child = node->prev;
    node->parent = node->prev = node->next = NULL;
}

/* ------------------------------------------------------------------------
 * Paragraph builder
 * ------------------------------------------------------------------------ */

static int S_streq(const char *a, const char *b)
{
    if (a == b)
        return 1;
    if (!a || !b)
        return 0;
    return strcmp(a, b) == 0;
}

static int S_same_format(const dc_run *a, const dc_run *b)
{
    return a->size == b->size && a->vert == b->vert && a->bold == b->bold &&
           a->italic == b->italic && a->underline == b->underline &&
           a->strike == b->strike && a->has_color == b->has_color &&
           (!a->has_color || a->color == b->color) && a->is_label == b->is_label &&
           a->from_field == b->from_field && S_streq(a->font_ea, b->font_ea) &&
           S_streq(a->font_ascii, b->font_ascii) && S_streq(a->link, b->link);
}

static void S_pb_flush(dc_paragraph_builder *pb)
{
    if (pb->text.len == 0)
        return;
    dc_node *run = dc_node_new(pb->doc, DC_NODE_RUN);
    run->as.run = pb->fmt;
    run->as.run.text = dc_arena_strndup(&pb->doc->arena, pb->text.data, pb->text.len);
    run->as.run.len = pb->text.len;
    dc_node_append(pb->para, run);
    dc_buf_clear(&pb->text);
}

void dc_paragraph_builder_begin(dc_paragraph_builder *pb, dc_doc *doc, dc_node *para)
{
    pb->doc = doc;
    pb->para = para;
    dc_buf_clear(&pb->text);
    memset(&pb->fmt, 0, sizeof pb->fmt);
}

void dc_paragraph_builder_text(dc_paragraph_builder *pb, const char *text, size_t len,
                               const dc_run *fmt)
{
    static const dc_run plain;
    if (len == 0)
        return;
    if (!fmt)
        fmt = &plain;
    if (pb->text.len && !S_same_format(&pb->fmt, fmt))
        S_pb_flush(pb);
    if (pb->text.len == 0) {
        pb->fmt = *fmt;
        pb->fmt.text = NULL;
        pb->fmt.len = 0;
    }
    dc_buf_put(&pb->text, text, len);
}

void dc_paragraph_builder_node(dc_paragraph_builder *pb, dc_node *node)
{
    S_pb_flush(pb);
    dc_node_append(pb->para, node);
}

void dc_paragraph_builder_end(dc_paragraph_builder *pb)
{
    S_pb_flush(pb);
    dc_buf_free(&pb->text);
}

/* ------------------------------------------------------------------------
 * Tables
 * ------------------------------------------------------------------------ */

/* Moves the blocks of a continuation cell into the merge's first cell when
 * they hold any text; an empty continuation just disappears. */
static void S_absorb_cell(dc_node *origin, dc_node *cont)
{
    dc_buf text = DC_BUF_INIT;
    dc_node_text(cont, &text);
    int has_text = 0;
    for (size_t i = 0; i < text.len; i++) {
        unsigned char ch = (unsigned char)text.data[i];
        if (ch != ' ' && ch != '\n' && ch != '\t') {
            has_text = 1;
            break;
        }
    }
    dc_buf_free(&text);
    if (!has_text)
        return;
    dc_node *b = cont->first_child;
    while (b) {
        dc_node *next = b->next;
        dc_node_unlink(b);
        dc_node_append(origin, b);
        b = next;
    }
}

void dc_table_finish(dc_doc *doc, dc_node *table)
{
    dc_table *t = &table->as.table;

    /* Pass 1: place cells and find the number of grid columns needed. */
    int ncols = t->ncols, nrows = 0;
    for (dc_node *row = table->first_child; row; row = row->next, nrows++) {
        int col = row->as.row.grid_before > 0 ? row->as.row.grid_before : 0;
        dc_node *prev_cell = NULL;
        for (dc_node *cell = row->first_child; cell;) {
            dc_node *next = cell->next;
            dc_cell *c = &cell->as.cell;
            if (c->col_span < 1)
                c->col_span = 1;
            if (c->hmerge == DC_MERGE_CONTINUE && prev_cell) {
                /* Word 2003 horizontal merge: widen the previous cell. */
                prev_cell->as.cell.col_span += c->col_span;
                if (prev_cell->as.cell.width && c->width)
                    prev_cell->as.cell.width += c->width;
                col += c->col_span;
                S_absorb_cell(prev_cell, cell);
                dc_node_unlink(cell);
                cell = next;
                continue;
            }
            if (c->col < col)
                c->col = col;
            col = c->col + c->col_span;
            prev_cell = cell;
            cell = next;
        }
        int end = col + (row->as.row.grid_after > 0 ? row->as.row.grid_after : 0);
        if (end > ncols)
            ncols = end;
    }
    if (ncols > t->ncols) {
        int *grid = dc_arena_alloc(&doc->arena, sizeof(int) * (size_t)ncols);
        int fill = 0;
        for (int i = 0; i < t->ncols; i++) {
            grid[i] = t->grid[i];
            fill += t->grid[i];
        }
        int dflt = t->ncols > 0 && fill > 0 ? fill / t->ncols : 1440;
        for (int i = t->ncols; i < ncols; i++)
            grid[i] = dflt;
        t->grid = grid;
        t->ncols = ncols;
    }

    /* Pass 2: resolve vertical merges.  open[c] is the cell that a
     * continuation in column c extends. */
    dc_node **open = ncols ? dc_xcalloc((size_t)ncols, sizeof *open) : NULL;
    int r = 0;
    for (dc_node *row = table->first_child; row; row = row->next, r++) {
        row->as.row.index = r;
        int covered_to = 0;
        for (dc_node *cell = row->first_child; cell;) {
            dc_node *next = cell->next;
            dc_cell *c = &cell->as.cell;
            /* Columns skipped before this cell close their merges. */
            for (int k = covered_to; k < c->col && k < ncols; k++)
                open[k] = NULL;
            covered_to = c->col + c->col_span;
            dc_node *o = c->col < ncols ? open[c->col] : NULL;
            if (c->vmerge == DC_MERGE_CONTINUE && o && o->as.cell.col == c->col) {
                o->as.cell.row_span = r - o->as.cell.row + 1;
                S_absorb_cell(o, cell);
                dc_node_unlink(cell);
                cell = next;
                continue;
            }
            c->row = r;
            c->row_span = 1;
            for (int k = c->col; k < c->col + c->col_span && k < ncols; k++)
                open[k] = cell;
            cell = next;
        }
        for (int k = covered_to; k < ncols; k++)
            open[k] = NULL;
    }
    free(open);
    t->nrows = nrows;
}

int dc_table_row_count(const dc_node *table)
{
    int n = 0;
    for (const dc_node *row = table->first_child; row; row = row->next)
        n++;
    return n;
}

const dc_node **dc_table_grid(const dc_node *table)
{
    const dc_table *t = &table->as.table;
    int nrows = t->nrows, ncols = t->ncols;
    size_t n = (size_t)(nrows > 0 ? nrows : 0) * (size_t)(ncols > 0 ? ncols : 0);
    const dc_node **grid = dc_xcalloc(n ? n : 1, sizeof *grid);
    for (const dc_node *row = table->first_child; row; row = row->next) {
        for (const dc_node *cell = row->first_child; cell; cell = cell->next) {
            const dc_cell *c = &cell->as.cell;
            for (int i = c->row; i < c->row + c->row_span && i < nrows; i++)
                for (int j = c->col; j < c->col + c->col_span && j < ncols; j++)
                    if (i >= 0 && j >= 0 && !grid[(size_t)i * (size_t)ncols + (size_t)j])
                        grid[(size_t)i * (size_t)ncols + (size_t)j] = cell;
        }
    }
    return grid;
}

/* ------------------------------------------------------------------------
 * Iterator
 * ------------------------------------------------------------------------ */

void dc_iter_init(dc_iter *it, const dc_node *root)
{
    it->root = root;
    it->cur = NULL;
    it->ev = DC_EVENT_NONE;
}

dc_event dc_iter_next(dc_iter *it)
{
    const dc_node *n = it->cur;
    if (it->ev == DC_EVENT_DONE)
        return DC_EVENT_DONE;
    if (it->ev == DC_EVENT_NONE) {
        if (!it->root)
            return it->ev = DC_EVENT_DONE;
        it->cur = it->root;
        return it->ev = DC_EVENT_ENTER;
    }
    if (it->ev == DC_EVENT_ENTER && !S_is_leaf(n->type)) {
        if (n->first_child) {
            it->cur = n->first_child;
            return it->ev = DC_EVENT_ENTER;
        }
        return it->ev = DC_EVENT_EXIT;
    }
    /* Leaving n (a leaf just entered, or a container just exited). */
    if (n == it->root) {
        it->cur = NULL;
        return it->ev = DC_EVENT_DONE;
    }
    if (n->next) {
        it->cur = n->next;
        return it->ev = DC_EVENT_ENTER;
    }
    it->cur = n->parent;
    return it->ev = it->cur ? DC_EVENT_EXIT : DC_EVENT_DONE;
}

const dc_node *dc_iter_next_node(dc_iter *it)
{
    dc_event ev;
    while ((ev = dc_iter_next(it)) != DC_EVENT_DONE)
        if (ev == DC_EVENT_ENTER)
            return dc_iter_node(it);
    return NULL;
}

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

void dc_node_text(const dc_node *node, dc_buf *out)
{
    if (!node)
        return;
    int first_para = 1;
    dc_iter it;
    dc_iter_init(&it, node);
    for (const dc_node *n; (n = dc_iter_next_node(&it));) {
        switch (n->type) {
        case DC_NODE_PARAGRAPH:
        case DC_NODE_HEADING:
            if (!first_para)
                dc_buf_putc(out, '\n');
            first_para = 0;
            break;
        case DC_NODE_RUN:
            dc_buf_put(out, n->as.run.text, n->as.run.len);
            break;
        case DC_NODE_NOTE_REF:
            if (n->as.note.label)
                dc_buf_puts(out, n->as.note.label);
            break;
        default:
            break;
        }
    }
}

char *dc_node_text_trimmed(const dc_node *node)
{
    dc_buf b = DC_BUF_INIT;
    dc_node_text(node, &b);
    size_t start = 0, end = b.len;
    while (start < end) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(b.data + start, end - start, &adv);
        if (!dc_cp_is_space(cp))
            break;
        start += adv;
    }
    while (end > start) {
        size_t k = end - 1;
        while (k > start && ((unsigned char)b.data[k] & 0xC0) == 0x80)
            k--;
        size_t adv;
        uint32_t cp = dc_utf8_decode(b.data + k, end - k, &adv);
        if (!dc_cp_is_space(cp))
            break;
        end = k;
    }
    char *s = dc_xstrndup(b.data ? b.data + start : "", end - start);
    dc_buf_free(&b);
    return s;
}

/* ------------------------------------------------------------------------
 * Checker
 * ------------------------------------------------------------------------ */

static int S_check_node(const dc_node *root, dc_error *err)
{
    int problems = 0;
    dc_iter it;
    dc_iter_init(&it, root);
    for (const dc_node *n; (n = dc_iter_next_node(&it));) {
        const dc_node *prev = NULL;
        for (const dc_node *c = n->first_child; c; prev = c, c = c->next) {
            if (c->parent != n || c->prev != prev) {
                problems++;
                dc_error_set(err, DC_ERR_INTERNAL, "broken links under a %s",
                             dc_node_type_name(n->type));
            }
        }
        if (n->last_child != prev) {
            problems++;
            dc_error_set(err, DC_ERR_INTERNAL, "wrong last child of a %s",
                         dc_node_type_name(n->type));
        }
        if (n->type == DC_NODE_RUN && (n->as.run.len == 0 || !n->as.run.text)) {
            problems++;
            dc_error_set(err, DC_ERR_INTERNAL, "empty run");
        }
        if (n->type == DC_NODE_TABLE) {
            const dc_table *t = &n->as.table;
            if (t->nrows != dc_table_row_count(n)) {
                problems++;
                dc_error_set(err, DC_ERR_INTERNAL, "table row count %d != %d", t->nrows,
                             dc_table_row_count(n));
            }
            for (const dc_node *row = n->first_child; row; row = row->next)
                for (const dc_node *cell = row->first_child; cell; cell = cell->next) {
                    const dc_cell *c = &cell->as.cell;
                    if (c->col < 0 || c->col_span < 1 || c->row_span < 1 ||
                        c->col + c->col_span > t->ncols ||
                        c->row + c->row_span > t->nrows || c->row != row->as.row.index) {
                        problems++;
                        dc_error_set(err, DC_ERR_INTERNAL,
                                     "cell at row %d col %d span %dx%d outside a %dx%d grid",
                                     c->row, c->col, c->row_span, c->col_span, t->nrows,
                                     t->ncols);
                    }
                }
        }
    }
    return problems;
}

int dc_doc_check(const dc_doc *doc, dc_error *err)
{
    return S_check_node(doc->root, err) + S_check_node(doc->notes, err);
}

const char *dc_format_name(dc_format f)
{
    switch (f) {
    case DC_FORMAT_DOCX:     return "docx";
    case DC_FORMAT_FLAT_OPC: return "flat-opc";
    case DC_FORMAT_WORD2003: return "word2003";
    default:                 return "unknown";
    }
}
