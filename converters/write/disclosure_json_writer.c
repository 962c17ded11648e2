/*
 * disclosure_json_writer.c - the typed disclosure model as JSON (see
 * docs/json.md, "inspect --disclosure").  Money is written in 万元 as JSON
 * numbers, from the digits as written when the document states 万元 (so
 * 229.85576 stays 229.85576); absent figures are null.
 *
 * SPDX-License-Identifier: MIT
 */
#include "disclosure_json_writer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "converters/write/json.h"
#include "model/amount.h"
#include "model/figures.h"

static int S_wan_unit(const char *unit)
{
    return !unit || !*unit || !strcmp(unit, "万元") || !strcmp(unit, "万");
}

/* A money amount in 万元, or null. */
static void S_money(dc_json *j, const char *key, const dc_amount *a)
{
    if (!a || !a->present) {
        dc_json_null(j, key);
        return;
    }
    if (S_wan_unit(a->unit) && a->text && *a->text) {
        dc_json_raw_number(j, key, a->text);
        return;
    }
    double v = dc_amount_wan(a);
    if (isnan(v))
        v = a->value;
    dc_json_double(j, key, v);
}

/* A count or other number as written, or null. */
static void S_count(dc_json *j, const char *key, const dc_amount *a)
{
    if (!a || !a->present || !a->text || !*a->text)
        dc_json_null(j, key);
    else
        dc_json_raw_number(j, key, a->text);
}

static void S_source(dc_json *j, const char *key, const dc_source *s)
{
    dc_json_begin_object(j, key);
    if (s->block_index >= 0)
        dc_json_int(j, "block", s->block_index);
    if (s->table_index >= 0)
        dc_json_int(j, "table", s->table_index);
    if (s->row >= 0)
        dc_json_int(j, "row", s->row);
    if (s->col >= 0)
        dc_json_int(j, "col", s->col);
    dc_json_end_object(j);
}

static void S_strings(dc_json *j, const char *key, const char *const *v, size_t n)
{
    dc_json_begin_array(j, key);
    for (size_t i = 0; i < n; i++)
        dc_json_string(j, NULL, v[i]);
    dc_json_end_array(j);
}

static void S_direction(dc_json *j, const char *key, dc_direction d)
{
    if (d == DC_DIR_NONE)
        dc_json_null(j, key);
    else
        dc_json_string(j, key, dc_direction_name(d));
}

/* ---- figures with their provenance -------------------------------------- */

static void S_figure(dc_json *j, const char *key, const dc_amount *a, int money)
{
    if (!a->present)
        return;
    dc_json_begin_object(j, NULL);
    dc_json_string(j, "key", key);
    if (money)
        S_money(j, "value", a);
    else
        S_count(j, "value", a);
    dc_json_string(j, "text", a->text);
    dc_json_string(j, "unit", a->unit);
    dc_json_int(j, "decimals", a->decimals);
    S_source(j, "source", &a->src);
    dc_json_end_object(j);
}

static void S_figures(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_array(j, "figures");
    for (int f = 0; f < DC_FIG_COUNT; f++) {
        const dc_figure_info *fi = dc_figure_describe((dc_figure)f);
        if (fi->flags & DC_FIG_LIST)
            S_figure(j, fi->key, dc_figure_get(d, (dc_figure)f), 1);
    }
    dc_json_end_array(j);
}

/* The figures whose key is "<group>.<name>", as "name": amount members. */
static void S_group_members(dc_json *j, const dc_disclosure *d, const char *group)
{
    size_t gl = strlen(group);
    for (int f = 0; f < DC_FIG_COUNT; f++) {
        const char *key = dc_figure_describe((dc_figure)f)->key;
        if (!strncmp(key, group, gl) && key[gl] == '.' && !strchr(key + gl + 1, '.'))
            S_money(j, key + gl + 1, dc_figure_get(d, (dc_figure)f));
    }
}

/* ---- parts -------------------------------------------------------------- */

static void S_income(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_object(j, "income");
    S_group_members(j, d, "income");
    dc_json_end_object(j);

    dc_json_begin_object(j, "expenditure");
    S_group_members(j, d, "expenditure");
    dc_json_end_object(j);

    if (d->change.direction == DC_DIR_NONE && !d->change.project_amount.present &&
        !d->change.basic_amount.present) {
        dc_json_null(j, "change_vs_last_year");
    } else {
        dc_json_begin_object(j, "change_vs_last_year");
        if (d->change.compared_with_year)
            dc_json_int(j, "compared_with_year", d->change.compared_with_year);
        else
            dc_json_null(j, "compared_with_year");
        S_direction(j, "direction", d->change.direction);
        S_money(j, "amount", &d->change.amount);
        if (d->change.last_year_total.present)
            S_money(j, "last_year_total", &d->change.last_year_total);
        if (d->change.project_direction != DC_DIR_NONE) {
            dc_json_begin_object(j, "project_expenditure");
            S_direction(j, "direction", d->change.project_direction);
            S_money(j, "amount", &d->change.project_amount);
            dc_json_end_object(j);
        }
        if (d->change.basic_direction != DC_DIR_NONE) {
            dc_json_begin_object(j, "basic_expenditure");
            S_direction(j, "direction", d->change.basic_direction);
            S_money(j, "amount", &d->change.basic_amount);
            dc_json_end_object(j);
        }
        dc_json_end_object(j);
    }
    S_money(j, "agency_operating_expenses", &d->agency_operating_expenses);

    dc_json_begin_object(j, "three_public_expenses");
    S_group_members(j, d, "three_public_expenses");
    if (d->three_public.change.present && d->three_public.compared_with_year) {
        char key[32];
        snprintf(key, sizeof key, "change_vs_%d", d->three_public.compared_with_year);
        S_money(j, key, &d->three_public.change);
    }
    if (d->three_public.change_direction != DC_DIR_NONE) {
        dc_json_begin_object(j, "change");
        if (d->three_public.compared_with_year)
            dc_json_int(j, "compared_with_year", d->three_public.compared_with_year);
        else
            dc_json_null(j, "compared_with_year");
        S_direction(j, "direction", d->three_public.change_direction);
        S_money(j, "amount", &d->three_public.change);
        dc_json_end_object(j);
    } else {
        dc_json_null(j, "change");
    }
    dc_json_end_object(j);
}

static void S_indicator(dc_json *j, const dc_indicator *r, int dept)
{
    dc_json_begin_object(j, NULL);
    dc_json_string(j, "level1", r->level1);
    dc_json_string(j, "level2", r->level2);
    dc_json_string(j, "level3", r->level3);
    dc_json_string(j, "description", r->description);
    if (dept || r->scoring)
        dc_json_string(j, "scoring", r->scoring);
    if (dept || r->symbol)
        dc_json_string(j, "symbol", r->symbol);
    dc_json_string(j, "value", r->value);
    if (dept || r->unit)
        dc_json_string(j, "unit", r->unit);
    dc_json_string(j, "basis", r->basis);
    const dc_measure *m = &r->measure;
    if (m->has_number || m->op) {
        dc_json_begin_object(j, "measure");
        dc_json_string(j, "op", m->op);
        if (m->has_number)
            dc_json_raw_number(j, "number", m->number_text);
        else
            dc_json_null(j, "number");
        dc_json_string(j, "unit", m->unit);
        dc_json_end_object(j);
    }
    S_source(j, "source", &r->src);
    dc_json_end_object(j);
}

static void S_performance(dc_json *j, const dc_disclosure *d)
{
    const dc_indicator_table *it = &d->department_indicators;
    if (!it->table) {
        dc_json_null(j, "department_indicators");
    } else {
        dc_json_begin_object(j, "department_indicators");
        dc_json_string(j, "title", it->title);
        dc_json_int(j, "count", (long long)it->nrows);
        dc_json_begin_array(j, "rows");
        for (size_t i = 0; i < it->nrows; i++)
            S_indicator(j, &it->rows[i], 1);
        dc_json_end_array(j);
        S_source(j, "source", &it->src);
        dc_json_end_object(j);
    }

    dc_json_begin_object(j, "project_tables");
    dc_json_int(j, "count", (long long)d->nprojects);
    dc_json_begin_array(j, "tables");
    for (size_t i = 0; i < d->nprojects; i++) {
        const dc_project_table *p = &d->projects[i];
        dc_json_begin_object(j, NULL);
        if (p->number)
            dc_json_int(j, "number", p->number);
        else
            dc_json_null(j, "number");
        dc_json_string(j, "title", p->title);
        S_strings(j, "hidden_tc_entries", p->tc_entries, p->ntc);
        S_strings(j, "goal_paragraphs", p->goal_paragraphs, p->ngoals);
        dc_json_string(j, "goal_text", p->goal_text);
        if (p->funds.present)
            S_money(j, "funds", &p->funds);
        dc_json_begin_array(j, "rows");
        for (size_t k = 0; k < p->nrows; k++)
            S_indicator(j, &p->rows[k], 0);
        dc_json_end_array(j);
        S_source(j, "source", &p->src);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
    dc_json_end_object(j);
}

static void S_proc_row(dc_json *j, const char *key, const dc_procurement_row *r, int cells)
{
    dc_json_begin_object(j, key);
    dc_json_string(j, "project", r->project);
    S_money(j, "budget_funds", &r->budget_funds);
    S_count(j, "quantity", &r->quantity);
    S_money(j, "unit_price", &r->unit_price);
    S_money(j, "amount", &r->amount);
    S_money(j, "general_public_budget", &r->general_public_budget);
    if (r->item_name)
        dc_json_string(j, "item_name", r->item_name);
    if (r->catalog_no)
        dc_json_string(j, "catalog_no", r->catalog_no);
    if (r->unit)
        dc_json_string(j, "unit", r->unit);
    struct {
        const char *key;
        const dc_amount *a;
    } more[] = {
        {"government_fund", &r->government_fund},
        {"state_capital", &r->state_capital},
        {"fiscal_special_account", &r->fiscal_special_account},
        {"unit_funds", &r->unit_funds},
        {"carried_fiscal", &r->carried_fiscal},
        {"carried_nonfiscal", &r->carried_nonfiscal},
        {"sme_share", &r->sme_share},
    };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        if (more[i].a->present)
            S_money(j, more[i].key, more[i].a);
    if (cells)
        S_strings(j, "cells", r->cells, r->ncells);
    S_source(j, "source", &r->src);
    dc_json_end_object(j);
}

static void S_procurement(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_object(j, "government_procurement");
    S_group_members(j, d, "government_procurement");
    S_strings(j, "headers", d->procurement.headers, d->procurement.nheaders);
    dc_json_begin_array(j, "rows");
    for (size_t i = 0; i < d->procurement.nrows; i++)
        S_proc_row(j, NULL, &d->procurement.rows[i], 1);
    dc_json_end_array(j);
    if (d->procurement.total_row.project)
        S_proc_row(j, "total_row", &d->procurement.total_row, 1);
    else
        dc_json_null(j, "total_row");
    dc_json_end_object(j);
}

static void S_assets(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_object(j, "fixed_assets");
    S_money(j, "total", &d->assets.total);
    dc_json_string(j, "as_of", d->assets.as_of);
    dc_json_string(j, "compiled_by", d->assets.compiled_by);
    S_money(j, "planned_purchases", &d->assets.planned_purchases);
    S_money(j, "text_total", &d->assets.text_total);
    S_money(j, "table_total", &d->assets.table_total);
    dc_json_begin_array(j, "rows");
    for (size_t i = 0; i < d->assets.nrows; i++) {
        const dc_asset_row *r = &d->assets.rows[i];
        dc_json_begin_object(j, NULL);
        dc_json_string(j, "item", r->item);
        dc_json_string(j, "quantity", r->quantity ? r->quantity : "");
        S_money(j, "value", &r->value);
        if (r->is_total)
            dc_json_bool(j, "is_total", 1);
        if (r->is_part)
            dc_json_bool(j, "is_part", 1);
        S_source(j, "source", &r->src);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
    dc_json_end_object(j);
}

static void S_sections(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_array(j, "sections");
    for (size_t i = 0; i < d->nsections; i++) {
        const dc_section *s = &d->sections[i];
        dc_json_begin_object(j, NULL);
        dc_json_string(j, "kind", dc_section_kind_name(s->kind));
        if (s->number)
            dc_json_int(j, "number", s->number);
        else
            dc_json_null(j, "number");
        dc_json_string(j, "heading", s->heading);
        dc_json_int(j, "block", s->block_index);
        if (s->first_index >= 0) {
            dc_json_int(j, "first_block", s->first_index);
            dc_json_int(j, "last_block", s->last_index);
        }
        /* the section's paragraphs as written: nothing is dropped */
        dc_json_begin_array(j, "paragraphs");
        dc_buf tb = DC_BUF_INIT;
        for (const dc_node *b = s->first; b; b = b->next) {
            if (b->type == DC_NODE_PARAGRAPH || b->type == DC_NODE_HEADING) {
                dc_buf_clear(&tb);
                dc_node_text(b, &tb);
                int visible = 0;
                for (size_t k = 0; k < tb.len; k++)
                    if (tb.data[k] != ' ' && tb.data[k] != '\t' && tb.data[k] != '\n')
                        visible = 1;
                if (visible)
                    dc_json_stringn(j, NULL, tb.data, tb.len);
            }
            if (b == s->last)
                break;
        }
        dc_buf_free(&tb);
        dc_json_end_array(j);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
    S_strings(j, "missing_sections", d->missing_sections, d->nmissing);
}

static void S_outline(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_array(j, "outline");
    for (size_t i = 0; i < d->noutline; i++) {
        const dc_outline_item *o = &d->outline[i];
        dc_json_begin_object(j, NULL);
        dc_json_string(j, "style", dc_num_style_name(o->style));
        dc_json_int(j, "number", o->number);
        dc_json_int(j, "level", o->heading_level);
        if (o->is_caption)
            dc_json_bool(j, "caption", 1);
        dc_json_string(j, "text", o->text);
        dc_json_int(j, "block", o->block_index);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
}

static void S_table_roles(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_array(j, "table_roles");
    for (size_t i = 0; i < d->ntables; i++) {
        const dc_table_ref *t = &d->tables[i];
        dc_json_begin_object(j, NULL);
        dc_json_int(j, "table", t->table_index);
        dc_json_int(j, "block", t->block_index);
        dc_json_string(j, "kind", dc_table_kind_name(t->kind));
        dc_json_string(j, "title", t->title);
        dc_json_int(j, "header_rows", t->header_rows);
        dc_json_string(j, "money_unit", t->money_unit);
        if (t->item >= 0)
            dc_json_int(j, "item", t->item);
        if (t->money >= 0)
            dc_json_int(j, "money_table", t->money);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
}

/* An amount of a money table as printed (in the table's unit), or null. */
static void S_cell(dc_json *j, const char *key, const dc_amount *a)
{
    if (!a->present || !a->text || !*a->text)
        dc_json_null(j, key);
    else
        dc_json_raw_number(j, key, a->text);
}

static const char *S_side_name(dc_money_side s)
{
    return s == DC_SIDE_INCOME ? "收入" : s == DC_SIDE_EXPENDITURE ? "支出" : NULL;
}

/* {column: number or null} over the columns of a side (every column for NONE). */
static void S_money_values(dc_json *j, const char *key, const dc_money_table *t,
                           const dc_amount *v, dc_money_side side)
{
    dc_json_begin_object(j, key);
    for (size_t k = 0; k < t->ncolumns; k++)
        if (side == DC_SIDE_NONE || t->column_side[k] == side)
            S_cell(j, t->columns[k], &v[k]);
    dc_json_end_object(j);
}

static void S_money_tables(dc_json *j, const dc_disclosure *d)
{
    dc_json_begin_array(j, "money_tables");
    for (size_t i = 0; i < d->nmoney_tables; i++) {
        const dc_money_table *t = &d->money_tables[i];
        dc_json_begin_object(j, NULL);
        dc_json_string(j, "kind", dc_money_kind_name(t->kind));
        dc_json_string(j, "caption", t->caption);
        dc_json_string(j, "unit", t->unit);
        dc_json_int(j, "table", t->table_index);
        dc_json_bool(j, "empty", t->empty);
        dc_json_string(j, "empty_note", t->empty_note);
        S_strings(j, "columns", t->columns, t->ncolumns);
        dc_json_begin_array(j, "rows");
        for (size_t r = 0; r < t->nrows; r++) {
            const dc_money_row *row = &t->rows[r];
            dc_json_begin_object(j, NULL);
            dc_json_string(j, "code", row->code);
            dc_json_string(j, "name", row->name);
            dc_json_string(j, "level", dc_code_level_name(row->level));
            S_money_values(j, "values", t, row->values, row->side);
            if (row->side != DC_SIDE_NONE) {
                dc_json_string(j, "side", S_side_name(row->side));
                dc_json_bool(j, "subtotal", row->is_subtotal);
            }
            if (row->is_part)
                dc_json_bool(j, "part", 1);
            dc_json_int(j, "row", row->src.row);
            dc_json_end_object(j);
        }
        dc_json_end_array(j);
        if (t->has_total)
            S_money_values(j, "total", t, t->total, DC_SIDE_NONE);
        else
            dc_json_null(j, "total");
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
}

void dc_json_findings(dc_json *j, const char *key, const dc_disclosure *d)
{
    dc_json_begin_array(j, key);
    for (size_t i = 0; i < d->nfindings; i++) {
        const dc_finding *f = &d->findings[i];
        dc_json_begin_object(j, NULL);
        dc_json_string(j, "severity", dc_severity_name(f->severity));
        dc_json_string(j, "code", f->code);
        dc_json_string(j, "place", f->place);
        dc_json_string(j, "message", f->message);
        S_source(j, "source", &f->src);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
}

void dc_json_write_disclosure(const dc_disclosure *d, const char *name, dc_buf *out)
{
    dc_json j;
    dc_json_init(&j, out, 1);
    dc_json_begin_object(&j, NULL);
    if (name)
        dc_json_string(&j, "document", name);
    dc_json_string(&j, "kind", d->is_final_accounts ? "final_accounts" : "budget");
    dc_json_string(&j, "title", d->title);
    dc_json_string(&j, "department", d->department);
    if (d->year)
        dc_json_int(&j, "year", d->year);
    else
        dc_json_null(&j, "year");
    dc_json_string(&j, "money_unit", d->money_unit);
    S_income(&j, d);

    dc_json_begin_array(&j, "organizations");
    for (size_t i = 0; i < d->norgs; i++) {
        const dc_org_unit *o = &d->orgs[i];
        dc_json_begin_object(&j, NULL);
        dc_json_string(&j, "name", o->name);
        dc_json_string(&j, "nature", o->nature);
        dc_json_string(&j, "level", o->level);
        dc_json_string(&j, "funding", o->funding);
        S_source(&j, "source", &o->src);
        dc_json_end_object(&j);
    }
    dc_json_end_array(&j);
    S_strings(&j, "duties", d->duties, d->nduties);

    S_performance(&j, d);
    S_procurement(&j, d);
    S_assets(&j, d);

    dc_json_int(&j, "glossary_term_count", (long long)d->nglossary);
    S_strings(&j, "glossary_terms", d->glossary_terms, d->nglossary);
    S_strings(&j, "heading1", d->heading1, d->nheading1);
    S_sections(&j, d);
    S_strings(&j, "missing", d->missing, d->nmissing_figures);
    S_figures(&j, d);
    S_table_roles(&j, d);
    S_money_tables(&j, d);
    S_outline(&j, d);
    dc_json_findings(&j, "findings", d);
    dc_json_end_object(&j);
    dc_json_done(&j);
}

void dc_json_write_findings(const dc_disclosure *d, dc_buf *out)
{
    dc_json j;
    dc_json_init(&j, out, 1);
    dc_json_findings(&j, NULL, d);
    dc_json_done(&j);
}

void dc_json_check_members(dc_json *j, const char *file, const dc_disclosure *d)
{
    size_t errors = dc_disclosure_count(d, DC_SEV_ERROR);
    size_t warnings = dc_disclosure_count(d, DC_SEV_WARNING) - errors;
    size_t notes = d->nfindings - errors - warnings;
    dc_json_string(j, "file", file);
    dc_json_string(j, "department", d->department);
    if (d->year)
        dc_json_int(j, "year", d->year);
    else
        dc_json_null(j, "year");
    dc_json_int(j, "errors", (long long)errors);
    dc_json_int(j, "warnings", (long long)warnings);
    dc_json_int(j, "notes", (long long)notes);
    dc_json_findings(j, "findings", d);
}
