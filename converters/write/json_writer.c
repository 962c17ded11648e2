/*
 * json_writer.c - the document model as JSON.
 *
 * SPDX-License-Identifier: MIT
 */
#include "json_writer.h"

#include <stdio.h>

#include "converters/write/json.h"

static const char *S_align(dc_align a)
{
    switch (a) {
    case DC_ALIGN_LEFT:       return "left";
    case DC_ALIGN_CENTER:     return "center";
    case DC_ALIGN_RIGHT:      return "right";
    case DC_ALIGN_JUSTIFY:    return "justify";
    case DC_ALIGN_DISTRIBUTE: return "distribute";
    default:                  return NULL;
    }
}

static void S_blocks(dc_json *j, const char *key, const dc_node *parent);

static void S_inline(dc_json *j, const dc_node *n)
{
    dc_json_begin_object(j, NULL);
    dc_json_string(j, "type", dc_node_type_name(n->type));
    switch (n->type) {
    case DC_NODE_RUN: {
        const dc_run *r = &n->as.run;
        dc_json_stringn(j, "text", r->text, r->len);
        if (r->bold) dc_json_bool(j, "bold", 1);
        if (r->italic) dc_json_bool(j, "italic", 1);
        if (r->underline) dc_json_bool(j, "underline", 1);
        if (r->strike) dc_json_bool(j, "strike", 1);
        if (r->size) dc_json_double(j, "size_pt", r->size / 2.0);
        if (r->font_ea) dc_json_string(j, "font_east_asia", r->font_ea);
        if (r->font_ascii) dc_json_string(j, "font_ascii", r->font_ascii);
        if (r->has_color) {
            char hex[8];
            snprintf(hex, sizeof hex, "%06X", (unsigned)(r->color & 0xFFFFFF));
            dc_json_string(j, "color", hex);
        }
        if (r->vert == DC_VERT_SUPER) dc_json_string(j, "vert", "super");
        if (r->vert == DC_VERT_SUB) dc_json_string(j, "vert", "sub");
        if (r->is_label) dc_json_bool(j, "list_label", 1);
        if (r->from_field) dc_json_bool(j, "field_result", 1);
        if (r->link) dc_json_string(j, "link", r->link);
        break;
    }
    case DC_NODE_TOC_ENTRY:
        dc_json_string(j, "text", n->as.toc.text);
        dc_json_int(j, "level", n->as.toc.level);
        if (n->as.toc.type_id)
            dc_json_string(j, "table_id", n->as.toc.type_id);
        dc_json_bool(j, "hidden", 1);
        break;
    case DC_NODE_NOTE_REF:
        dc_json_string(j, "kind", n->as.note.kind == DC_NOTE_FOOTNOTE ? "footnote" : "endnote");
        dc_json_string(j, "id", n->as.note.id);
        dc_json_string(j, "label", n->as.note.label);
        break;
    case DC_NODE_BREAK:
        dc_json_string(j, "kind", n->as.brk.kind == DC_BREAK_PAGE     ? "page"
                                  : n->as.brk.kind == DC_BREAK_COLUMN ? "column"
                                                                      : "section");
        break;
    default:
        break;
    }
    dc_json_end_object(j);
}

static void S_para(dc_json *j, const dc_node *p)
{
    const dc_para *d = &p->as.para;
    dc_json_begin_object(j, NULL);
    dc_json_string(j, "type", dc_node_type_name(p->type));
    if (p->type == DC_NODE_HEADING)
        dc_json_int(j, "level", d->heading_level);
    if (d->style_id) dc_json_string(j, "style", d->style_id);
    if (d->style_name) dc_json_string(j, "style_name", d->style_name);
    if (d->outline_level >= 0) dc_json_int(j, "outline_level", d->outline_level);
    if (S_align(d->align)) dc_json_string(j, "align", S_align(d->align));
    if (d->ind_left || d->ind_right || d->ind_first || d->ind_first_chars) {
        dc_json_begin_object(j, "indent_twips");
        dc_json_int(j, "left", d->ind_left);
        dc_json_int(j, "right", d->ind_right);
        dc_json_int(j, "first_line", d->ind_first);
        if (d->ind_first_chars)
            dc_json_double(j, "first_line_chars", d->ind_first_chars / 100.0);
        dc_json_end_object(j);
    }
    if (d->list_level >= 0) {
        dc_json_begin_object(j, "list");
        dc_json_int(j, "id", d->list_id);
        dc_json_int(j, "level", d->list_level);
        dc_json_string(j, "label", d->list_label);
        dc_json_end_object(j);
    }
    if (d->is_title) dc_json_bool(j, "title", 1);
    if (d->is_caption) dc_json_bool(j, "caption", 1);
    if (d->in_textbox) dc_json_bool(j, "text_box", 1);
    if (d->page_break_before) dc_json_bool(j, "page_break_before", 1);
    dc_buf text = DC_BUF_INIT;
    dc_node_text(p, &text);
    dc_json_stringn(j, "text", dc_buf_cstr(&text), text.len);
    dc_buf_free(&text);
    dc_json_begin_array(j, "content");
    for (const dc_node *c = p->first_child; c; c = c->next)
        S_inline(j, c);
    dc_json_end_array(j);
    dc_json_end_object(j);
}

static void S_table(dc_json *j, const dc_node *t)
{
    const dc_table *d = &t->as.table;
    dc_json_begin_object(j, NULL);
    dc_json_string(j, "type", "table");
    dc_json_int(j, "row_count", d->nrows);
    dc_json_int(j, "col_count", d->ncols);
    dc_json_begin_array(j, "grid_twips");
    for (int i = 0; i < d->ncols; i++)
        dc_json_int(j, NULL, d->grid[i]);
    dc_json_end_array(j);
    if (d->width) dc_json_int(j, "width_twips", d->width);
    if (S_align(d->align)) dc_json_string(j, "align", S_align(d->align));
    if (d->style_id) dc_json_string(j, "style", d->style_id);
    if (d->inferred_merges) dc_json_int(j, "inferred_merges", d->inferred_merges);
    dc_json_begin_array(j, "rows");
    for (const dc_node *row = t->first_child; row; row = row->next) {
        dc_json_begin_object(j, NULL);
        dc_json_int(j, "index", row->as.row.index);
        if (row->as.row.header) dc_json_bool(j, "header", 1);
        if (row->as.row.height) dc_json_int(j, "height_twips", row->as.row.height);
        if (row->as.row.grid_before) dc_json_int(j, "grid_before", row->as.row.grid_before);
        if (row->as.row.grid_after) dc_json_int(j, "grid_after", row->as.row.grid_after);
        dc_json_begin_array(j, "cells");
        for (const dc_node *cell = row->first_child; cell; cell = cell->next) {
            const dc_cell *c = &cell->as.cell;
            dc_json_begin_object(j, NULL);
            dc_json_int(j, "row", c->row);
            dc_json_int(j, "col", c->col);
            dc_json_int(j, "rowspan", c->row_span);
            dc_json_int(j, "colspan", c->col_span);
            char b[5];
            int k = 0;
            if (c->borders & DC_BORDER_TOP) b[k++] = 'T';
            if (c->borders & DC_BORDER_LEFT) b[k++] = 'L';
            if (c->borders & DC_BORDER_BOTTOM) b[k++] = 'B';
            if (c->borders & DC_BORDER_RIGHT) b[k++] = 'R';
            b[k] = '\0';
            dc_json_string(j, "borders", b);
            if (c->valign == DC_VALIGN_CENTER) dc_json_string(j, "valign", "center");
            if (c->valign == DC_VALIGN_BOTTOM) dc_json_string(j, "valign", "bottom");
            if (c->has_fill) {
                char hex[8];
                snprintf(hex, sizeof hex, "%06X", (unsigned)(c->fill & 0xFFFFFF));
                dc_json_string(j, "fill", hex);
            }
            S_blocks(j, "blocks", cell);
            dc_json_end_object(j);
        }
        dc_json_end_array(j);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
    dc_json_end_object(j);
}

static void S_blocks(dc_json *j, const char *key, const dc_node *parent)
{
    dc_json_begin_array(j, key);
    for (const dc_node *b = parent->first_child; b; b = b->next) {
        switch (b->type) {
        case DC_NODE_PARAGRAPH:
        case DC_NODE_HEADING:
            S_para(j, b);
            break;
        case DC_NODE_TABLE:
            S_table(j, b);
            break;
        case DC_NODE_BREAK:
            S_inline(j, b);
            break;
        case DC_NODE_NOTE:
            dc_json_begin_object(j, NULL);
            dc_json_string(j, "type", "note");
            dc_json_string(j, "kind", b->as.note.kind == DC_NOTE_FOOTNOTE ? "footnote" : "endnote");
            dc_json_string(j, "id", b->as.note.id);
            dc_json_string(j, "label", b->as.note.label);
            S_blocks(j, "blocks", b);
            dc_json_end_object(j);
            break;
        default:
            break;
        }
    }
    dc_json_end_array(j);
}

void dc_json_write_doc(const dc_doc *doc, dc_buf *out)
{
    dc_json j;
    dc_json_init(&j, out, 1);
    dc_json_begin_object(&j, NULL);
    dc_json_string(&j, "format", dc_format_name(doc->format));
    if (doc->strict)
        dc_json_bool(&j, "strict", 1);
    const dc_meta *m = &doc->meta;
    dc_json_begin_object(&j, "meta");
    if (m->title) dc_json_string(&j, "title", m->title);
    if (m->subject) dc_json_string(&j, "subject", m->subject);
    if (m->creator) dc_json_string(&j, "creator", m->creator);
    if (m->keywords) dc_json_string(&j, "keywords", m->keywords);
    if (m->description) dc_json_string(&j, "description", m->description);
    if (m->last_modified_by) dc_json_string(&j, "last_modified_by", m->last_modified_by);
    if (m->created) dc_json_string(&j, "created", m->created);
    if (m->modified) dc_json_string(&j, "modified", m->modified);
    if (m->application) dc_json_string(&j, "application", m->application);
    dc_json_end_object(&j);
    S_blocks(&j, "body", doc->root);
    S_blocks(&j, "notes", doc->notes);
    dc_json_end_object(&j);
    dc_json_done(&j);
}
