/*
 * test_money.c - the money tables of the nine-table template: code levels,
 * codes split into 类/款/项 columns under a merged header (款 and 项 printed as
 * two digits), 栏次 rows and 行次 columns that are no amounts, the total row,
 * and the validator's one finding for one wrong cell.
 */
#include "helpers.h"
#include "model/recognize.h"
#include "model/validate.h"

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define C(t) "<w:tc>" P(t) "</w:tc>"
#define GRID6                                                                                 \
    "<w:tblGrid><w:gridCol w:w=\"800\"/><w:gridCol w:w=\"800\"/><w:gridCol w:w=\"800\"/>"   \
    "<w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"1500\"/><w:gridCol w:w=\"1500\"/></w:tblGrid>"
#define SPAN(n, t) "<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr>" P(t) "</w:tc>"
#define VSTART(t) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(t) "</w:tc>"
#define VCONT "<w:tc><w:tcPr><w:vMerge/></w:tcPr>" P("") "</w:tc>"
#define ROW(cells) "<w:tr>" cells "</w:tr>"

/* 表3 部门支出总表 with 类/款/项 columns; `item` is the 2130101 row's 合计. */
static dc_doc *S_doc(const char *item)
{
    char body[8192];
    snprintf(body, sizeof body,
             P("表3 部门支出总表") P("单位：万元") "<w:tbl>" GRID6
             ROW(SPAN(3, "科目编码") VSTART("科目名称") VSTART("合计") VSTART("基本支出"))
             ROW(C("类") C("款") C("项") VCONT VCONT VCONT)
             ROW(SPAN(3, "栏次") C("") C("1") C("2"))
             ROW(C("213") C("") C("") C("农林水支出") C("300.00") C("300.00"))
             ROW(C("213") C("01") C("") C("农业农村") C("300.00") C("300.00"))
             ROW(C("213") C("01") C("01") C("行政运行") C("%s") C("100.00"))
             ROW(C("") C("") C("04") C("事业运行") C("200.00") C("200.00"))
             ROW(SPAN(4, "合计") C("300.00") C("300.00")) "</w:tbl>",
             item);
    return th_docx(body, NULL, NULL, NULL);
}

static void test_code_levels(void **state)
{
    (void)state;
    assert_int_equal(dc_code_level_of("208", 3), DC_LEVEL_CLASS);
    assert_int_equal(dc_code_level_of("20805", 5), DC_LEVEL_SECTION);
    assert_int_equal(dc_code_level_of("2080505", 7), DC_LEVEL_ITEM);
    assert_int_equal(dc_code_level_of("2080", 4), DC_LEVEL_NONE);
    assert_int_equal(dc_code_level_of("20a", 3), DC_LEVEL_NONE);
    assert_string_equal(dc_code_level_name(DC_LEVEL_SECTION), "款");
    assert_null(dc_code_level_name(DC_LEVEL_NONE));
}

static void test_split_codes(void **state)
{
    (void)state;
    dc_doc *doc = S_doc("100.00");
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->nmoney_tables, 1);
    const dc_money_table *t = &d->money_tables[0];
    assert_int_equal(t->kind, DC_MONEY_EXPENDITURE_BY_CLASS);
    assert_int_equal(t->code_columns, 3);
    assert_int_equal(t->ncolumns, 2);   /* 科目名称 and 栏次 are no amount columns */
    assert_string_equal(t->columns[0], "合计");
    assert_string_equal(t->columns[1], "基本支出");
    assert_int_equal(t->nrows, 4);      /* the 栏次 row is no row */
    const char *codes[] = {"213", "21301", "2130101", "2130104"};
    dc_code_level levels[] = {DC_LEVEL_CLASS, DC_LEVEL_SECTION, DC_LEVEL_ITEM, DC_LEVEL_ITEM};
    for (size_t i = 0; i < 4; i++) {
        assert_non_null(t->rows[i].code);
        assert_string_equal(t->rows[i].code, codes[i]);
        assert_int_equal(t->rows[i].level, levels[i]);
    }
    assert_true(t->has_total);
    assert_string_equal(t->total[0].text, "300.00");
    dc_validate(d);
    for (size_t i = 0; i < d->nfindings; i++)
        assert_true(strncmp(d->findings[i].code, "money.", 6) != 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_one_wrong_cell(void **state)
{
    (void)state;
    dc_doc *doc = S_doc("110.00");   /* breaks its row and its 款: one finding */
    dc_disclosure *d = dc_recognize(doc);
    dc_validate(d);
    int money = 0;
    for (size_t i = 0; i < d->nfindings; i++)
        if (!strncmp(d->findings[i].code, "money.", 6)) {
            money++;
            assert_string_equal(d->findings[i].code, "money.cell");
            assert_non_null(strstr(d->findings[i].message, "100.00"));
        }
    assert_int_equal(money, 1);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_levels),
        cmocka_unit_test(test_split_codes),
        cmocka_unit_test(test_one_wrong_cell),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
