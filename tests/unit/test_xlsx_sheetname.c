/*
 * test_xlsx_sheetname.c - Excel's sheet-name rules: length, characters,
 * apostrophes, empty names, uniqueness ignoring case, deterministic numbering.
 */
#include "helpers.h"

#include "converters/write/xlsx_sheetname.h"

static int S_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *S_make(dc_xlsx_names *names, const char *want)
{
    static char out[DC_XLSX_SHEETNAME_SIZE];
    dc_xlsx_sheetname(names, want, "表9", out);
    assert_true(dc_xlsx_sheetname_valid(out));
    return out;
}

static void test_plain_names_are_kept(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    assert_string_equal(S_make(&n, "部门收支总表"), "部门收支总表");
    assert_string_equal(S_make(&n, "1.社会化用工人员工资及保险绩效目标表"),
                        "1.社会化用工人员工资及保险绩效目标表");
    assert_string_equal(S_make(&n, "Budget 2021"), "Budget 2021");
    dc_xlsx_names_free(&n);
}

static void test_forbidden_characters_become_full_width(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    assert_string_equal(S_make(&n, "收入/支出[1]:*?\\"), "收入／支出［1］：＊？＼");
    dc_xlsx_names_free(&n);
}

static void test_apostrophes_and_spaces_at_the_ends(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    assert_string_equal(S_make(&n, "'abc'"), "abc");
    assert_string_equal(S_make(&n, "  ' x'y ' "), "x'y");
    assert_string_equal(S_make(&n, "''"), "表9");
    dc_xlsx_names_free(&n);
}

static void test_empty_names_take_the_fallback(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    char out[DC_XLSX_SHEETNAME_SIZE];
    dc_xlsx_sheetname(&n, NULL, "表3", out);
    assert_string_equal(out, "表3");
    dc_xlsx_sheetname(&n, "", "表4", out);
    assert_string_equal(out, "表4");
    dc_xlsx_sheetname(&n, " \t\n\xe3\x80\x80 ", "表5", out);
    assert_string_equal(out, "表5");
    dc_xlsx_sheetname(&n, "", "", out);   /* even an empty fallback gives a name */
    assert_true(dc_xlsx_sheetname_valid(out));
    dc_xlsx_names_free(&n);
}

static void test_white_space(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    /* letter-spaced CJK titles close up; other runs become one space */
    assert_string_equal(S_make(&n, "部  门  收  支  总  表"), "部门收支总表");
    assert_string_equal(S_make(&n, "Table \t\n 1"), "Table 1");
    assert_string_equal(S_make(&n, "2022年  预留"), "2022年预留");
    assert_string_equal(S_make(&n, "2022  预留"), "2022 预留");
    assert_string_equal(S_make(&n, "a\x01" "b"), "a b");
    dc_xlsx_names_free(&n);
}

static size_t S_cps(const char *s)
{
    return dc_utf8_count(s, strlen(s));
}

static void test_long_names_are_cut_then_numbered(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    /* like the sample's titles 15 and 16, but equal beyond 31 characters */
    const char *a = "南水北调沿线重点区域农村环境整治项目15座生活污水处理站及管网（项目款）绩效目标表";
    const char *b = "南水北调沿线重点区域农村环境整治项目15座生活污水处理站及管网（前期费）绩效目标表";
    char first[DC_XLSX_SHEETNAME_SIZE];
    strcpy(first, S_make(&n, a));
    assert_int_equal(S_cps(first), 31);
    assert_true(strncmp(first, a, strlen(first)) == 0);
    const char *second = S_make(&n, b);
    assert_int_equal(S_cps(second), 31);
    assert_string_not_equal(first, second);
    assert_true(S_ends_with(second, "(2)"));
    /* the same input gives the same names again */
    dc_xlsx_names m = DC_XLSX_NAMES_INIT;
    assert_string_equal(S_make(&m, a), first);
    dc_xlsx_names_free(&m);
    dc_xlsx_names_free(&n);
}

static void test_unique_ignoring_case(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    assert_string_equal(S_make(&n, "Sheet"), "Sheet");
    assert_string_equal(S_make(&n, "SHEET"), "SHEET(2)");
    assert_string_equal(S_make(&n, "sheet"), "sheet(3)");
    assert_string_equal(S_make(&n, "Ｓｈｅｅｔ"), "Ｓｈｅｅｔ");     /* full-width is another name */
    assert_string_equal(S_make(&n, "ｓｈｅｅｔ"), "ｓｈｅｅｔ(2)");  /* but folds among itself */
    assert_string_equal(S_make(&n, "History"), "History(2)");   /* reserved by Excel */
    assert_true(dc_xlsx_sheetname_equal("Éa", "éA"));
    assert_false(dc_xlsx_sheetname_equal("表", "表1"));
    dc_xlsx_names_free(&n);
}

static void test_suffix_skips_taken_numbers(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    S_make(&n, "概况");
    S_make(&n, "概况(2)");
    assert_string_equal(S_make(&n, "概况"), "概况(3)");
    /* many equal long names: all valid, distinct, at most 31 characters */
    const char *t = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
    char names[12][DC_XLSX_SHEETNAME_SIZE];
    for (int i = 0; i < 12; i++) {
        strcpy(names[i], S_make(&n, t));
        assert_true(S_cps(names[i]) <= 31);
        for (int j = 0; j < i; j++)
            assert_false(dc_xlsx_sheetname_equal(names[i], names[j]));
    }
    assert_true(S_ends_with(names[11], "(12)"));
    dc_xlsx_names_free(&n);
}

static void test_validity(void **state)
{
    assert_true(dc_xlsx_sheetname_valid("概况"));
    assert_false(dc_xlsx_sheetname_valid(""));
    assert_false(dc_xlsx_sheetname_valid(NULL));
    assert_false(dc_xlsx_sheetname_valid("a/b"));
    assert_false(dc_xlsx_sheetname_valid("'a"));
    assert_false(dc_xlsx_sheetname_valid("a'"));
    assert_true(dc_xlsx_sheetname_valid("a'b"));
    assert_false(dc_xlsx_sheetname_valid("history"));
    assert_true(dc_xlsx_sheetname_valid("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"));
    assert_false(dc_xlsx_sheetname_valid("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"));
}

static void test_arbitrary_bytes_give_valid_names(void **state)
{
    dc_xlsx_names n = DC_XLSX_NAMES_INIT;
    unsigned seed = 12345;
    for (int k = 0; k < 2000; k++) {
        char buf[80];
        size_t len = (size_t)(seed % 79);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)((seed >> 16) & 0xFF);
            if (!buf[i])
                buf[i] = '\'';
        }
        buf[len] = '\0';
        seed = seed * 1103515245u + 12345u;
        S_make(&n, buf);
    }
    for (size_t i = 0; i < n.n; i++)
        for (size_t j = i + 1; j < n.n && j < i + 50; j++)
            assert_false(dc_xlsx_sheetname_equal(n.names[i], n.names[j]));
    dc_xlsx_names_free(&n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_names_are_kept),
        cmocka_unit_test(test_forbidden_characters_become_full_width),
        cmocka_unit_test(test_apostrophes_and_spaces_at_the_ends),
        cmocka_unit_test(test_empty_names_take_the_fallback),
        cmocka_unit_test(test_white_space),
        cmocka_unit_test(test_long_names_are_cut_then_numbered),
        cmocka_unit_test(test_unique_ignoring_case),
        cmocka_unit_test(test_suffix_skips_taken_numbers),
        cmocka_unit_test(test_validity),
        cmocka_unit_test(test_arbitrary_bytes_give_valid_names),
    };
    return cmocka_run_group_tests_name("xlsx_sheetname", tests, NULL, NULL);
}
