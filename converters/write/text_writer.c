/*
 * text_writer.c - visible text, for inspection and tests.
 *
 * Rules: a paragraph with visible text gives one line (empty or blank ones
 * give nothing); a table gives its cells row by row, each cell its non-empty
 * paragraphs one per line or one empty line when it has none; merged
 * continuations are not cells in the model, so they give nothing; hidden
 * text and TOC entries are not in runs; spaces at line ends are dropped.
 * Footnotes and endnotes follow the body, one paragraph per line.
 *
 * SPDX-License-Identifier: MIT
 */
#include "text_writer.h"

#include <string.h>

/* Writes text with trailing spaces removed from every line. */
static void S_put_lines(dc_buf *out, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\n') {
            size_t end = i;
            while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
                end--;
            dc_buf_put(out, s + start, end - start);
            dc_buf_putc(out, '\n');
            start = i + 1;
        }
    }
}

static void S_blocks(const dc_node *parent, dc_buf *out, dc_buf *tmp);

/* Writes a paragraph; returns 1 when it had visible text. */
static int S_para(const dc_node *p, dc_buf *out, dc_buf *tmp)
{
    dc_buf_clear(tmp);
    dc_node_text(p, tmp);
    if (dc_utf8_is_blank(dc_buf_cstr(tmp), tmp->len))
        return 0;
    S_put_lines(out, tmp->data, tmp->len);
    return 1;
}

static void S_table(const dc_node *t, dc_buf *out, dc_buf *tmp)
{
    for (const dc_node *row = t->first_child; row; row = row->next)
        for (const dc_node *cell = row->first_child; cell; cell = cell->next) {
            size_t before = out->len;
            S_blocks(cell, out, tmp);
            if (out->len == before)
                dc_buf_putc(out, '\n');
        }
}

static void S_blocks(const dc_node *parent, dc_buf *out, dc_buf *tmp)
{
    for (const dc_node *b = parent->first_child; b; b = b->next) {
        switch (b->type) {
        case DC_NODE_PARAGRAPH:
        case DC_NODE_HEADING:
            S_para(b, out, tmp);
            break;
        case DC_NODE_TABLE:
            S_table(b, out, tmp);
            break;
        case DC_NODE_NOTE:
            S_blocks(b, out, tmp);
            break;
        default:
            break;
        }
    }
}

void dc_text_write(const dc_doc *doc, dc_buf *out)
{
    dc_buf tmp = DC_BUF_INIT;
    S_blocks(doc->root, out, &tmp);
    S_blocks(doc->notes, out, &tmp);
    dc_buf_free(&tmp);
}
