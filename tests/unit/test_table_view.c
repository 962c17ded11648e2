/*
 * test_table_view.c - the read-only table view (model/table_view.h): cells
 * placed on the grid, spans clamped and never overlapping, texts, column
 * widths and header rows.
 *
 * SPDX-License-Identifier: MIT
 */
#include "helpers.h"

#include "model/table_view.h"

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define C(t) "<w:tc>" P(t) "</w:tc>"
#define CS(n, t) "<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr>" P(t) "</w:tc>"
#define CV(t) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(t) "</w:tc>"
#define CC "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
#define GRID3 "<w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"2000\"/>" \
              "<w:gridCol w:w=\"3000\"/></w:tblGrid>"
#define HDR "<w:trPr><w:tblHeader/></w:trPr>"

static const dc_node *S_first_table(const dc_doc *doc)
{
    for (const dc_node *b = doc->root->first_child; b; b = b->next)
        if (b->type == DC_NODE_TABLE)
            return b;
    fail_msg("no table");
    return NULL;
}

static void test_cells_spans_texts(void **state)
{
    (void)state;
    dc_doc *doc = th_docx("<w:tbl>" GRID3
                          "<w:tr>" CV("项目名称") CS(2, "金额") "</w:tr>"
                          "<w:tr>" CC C("一般") C("12.50") "</w:tr>"
                          "<w:tr>" C("合计") C("") C("12.50") "</w:tr>"
                          "</w:tbl>", NULL, NULL, NULL);
    dc_table_view *v = dc_table_view_new(S_first_table(doc));
    assert_int_equal(v->nrows, 3);
    assert_int_equal(v->ncols, 3);
    assert_int_equal(v->ncells, 7);
    assert_int_equal(v->col_width[0], 1000);
    assert_int_equal(v->col_width[2], 3000);
    const dc_view_cell *name = dc_table_view_at(v, 1, 0);
    assert_non_null(name);
    assert_string_equal(name->text, "项目名称");
    assert_int_equal(name->row, 0);
    assert_int_equal(name->row_span, 2);
    assert_ptr_equal(dc_table_view_at(v, 0, 2), dc_table_view_at(v, 0, 1));
    assert_int_equal(dc_table_view_at(v, 0, 1)->col_span, 2);
    assert_string_equal(dc_table_view_at(v, 2, 2)->text, "12.50");
    assert_int_equal(dc_table_view_at(v, 2, 1)->len, 0);
    assert_null(dc_table_view_at(v, 3, 0));
    assert_null(dc_table_view_at(v, 0, 3));
    /* row-major order and row_first */
    assert_int_equal(v->row_first[0], 0);
    assert_int_equal(v->row_first[1], 2);
    assert_int_equal(v->row_first[2], 4);
    assert_int_equal(v->row_first[3], 7);
    for (size_t i = 1; i < v->ncells; i++)
        assert_true(v->cells[i - 1].row < v->cells[i].row ||
                    (v->cells[i - 1].row == v->cells[i].row &&
                     v->cells[i - 1].col < v->cells[i].col));
    dc_table_view_free(v);
    dc_doc_free(doc);
}

static void test_overlap_later_cell_wins(void **state)
{
    (void)state;
    /* a continuation narrower than its merge: the cell under it restarts */
    dc_doc *doc = th_docx("<w:tbl>" GRID3
                          "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>"
                          "</w:tcPr>" P("A") "</w:tc>" C("B") "</w:tr>"
                          "<w:tr>" CC CV("C") C("D") "</w:tr>"
                          "<w:tr>" C("E") CC C("F") "</w:tr>"
                          "</w:tbl>", NULL, NULL, NULL);
    dc_table_view *v = dc_table_view_new(S_first_table(doc));
    const dc_view_cell *a = dc_table_view_at(v, 0, 0), *c = dc_table_view_at(v, 1, 1);
    assert_string_equal(a->text, "A");
    assert_int_equal(a->row_span, 1);
    assert_string_equal(c->text, "C");
    assert_int_equal(c->row_span, 2);
    assert_null(dc_table_view_at(v, 1, 0));
    /* every position is covered by at most one cell, and that cell covers it */
    for (int r = 0; r < v->nrows; r++)
        for (int k = 0; k < v->ncols; k++) {
            const dc_view_cell *x = dc_table_view_at(v, r, k);
            if (x)
                assert_true(r >= x->row && r < x->row + x->row_span && k >= x->col &&
                            k < x->col + x->col_span);
        }
    dc_table_view_free(v);
    dc_doc_free(doc);
}

static void test_header_marked(void **state)
{
    (void)state;
    dc_doc *doc = th_docx("<w:tbl>" GRID3
                          "<w:tr>" HDR C("a") C("b") C("c") "</w:tr>"
                          "<w:tr>" HDR C("1") C("2") C("3") "</w:tr>"
                          "<w:tr>" C("1") C("2") C("3") "</w:tr>"
                          "</w:tbl>", NULL, NULL, NULL);
    dc_table_view *v = dc_table_view_new(S_first_table(doc));
    assert_true(v->header_marked);
    assert_int_equal(v->header_first, 0);
    assert_int_equal(v->header_last, 1);
    assert_true(dc_table_view_at(v, 1, 0)->header);
    assert_false(dc_table_view_at(v, 2, 0)->header);
    dc_table_view_free(v);
    dc_doc_free(doc);
}

static void test_header_detected(void **state)
{
    (void)state;
    /* a title row, then a two-level header under a cell spanning columns */
    dc_doc *doc = th_docx("<w:tbl>" GRID3
                          "<w:tr>" CS(3, "2022年政府采购预算表") "</w:tr>"
                          "<w:tr>" CV("项目") CS(2, "预算金额") "</w:tr>"
                          "<w:tr>" CC C("财政拨款") C("其他资金") "</w:tr>"
                          "<w:tr>" C("打印机") C("1.20") C("0") "</w:tr>"
                          "</w:tbl>", NULL, NULL, NULL);
    dc_table_view *v = dc_table_view_new(S_first_table(doc));
    assert_false(v->header_marked);
    assert_int_equal(v->header_first, 1);
    assert_int_equal(v->header_last, 2);
    dc_table_view_free(v);
    dc_doc_free(doc);

    /* numbers first: no header */
    doc = th_docx("<w:tbl>" GRID3 "<w:tr>" C("1") C("2") C("3") "</w:tr>"
                  "<w:tr>" C("4") C("5") C("6") "</w:tr></w:tbl>", NULL, NULL, NULL);
    v = dc_table_view_new(S_first_table(doc));
    assert_int_equal(v->header_first, -1);
    assert_int_equal(v->header_last, -1);
    assert_false(dc_table_view_at(v, 0, 0)->header);
    dc_table_view_free(v);
    dc_doc_free(doc);
}

static void test_no_grid_widths(void **state)
{
    (void)state;
    dc_doc *doc = th_docx("<w:tbl><w:tr>" C("x") C("y") "</w:tr></w:tbl>", NULL, NULL, NULL);
    dc_table_view *v = dc_table_view_new(S_first_table(doc));
    assert_int_equal(v->ncols, 2);
    assert_true(v->col_width[0] > 0 && v->col_width[1] > 0);
    dc_table_view_free(v);
    dc_table_view_free(NULL);
    dc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_spans_texts),
        cmocka_unit_test(test_overlap_later_cell_wins),
        cmocka_unit_test(test_header_marked),
        cmocka_unit_test(test_header_detected),
        cmocka_unit_test(test_no_grid_widths),
    };
    return cmocka_run_group_tests_name("table_view", tests, NULL, NULL);
}
