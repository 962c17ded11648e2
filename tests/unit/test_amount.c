/*
 * test_amount.c - numbers as written: operators, units, full-width digits,
 * thousands separators, precision, and the normalised text map.
 */
#include <math.h>

#include "helpers.h"
#include "model/amount.h"

static dc_number S_parse_ok(const char *s)
{
    dc_number n;
    if (!dc_value_parse(s, strlen(s), &n))
        fail_msg("'%s' should parse as a value", s);
    return n;
}

static void test_value_operators_and_units(void **state)
{
    (void)state;
    dc_number n = S_parse_ok("≥95%");
    assert_string_equal(n.op, "≥");
    assert_true(n.value == 95);
    assert_string_equal(n.unit, "%");
    assert_int_equal(n.decimals, 0);

    n = S_parse_ok("≤94.1万元");
    assert_string_equal(n.op, "≤");
    assert_string_equal(n.text, "94.1");
    assert_int_equal(n.decimals, 1);
    assert_string_equal(n.unit, "万元");

    n = S_parse_ok("＝100%");
    assert_string_equal(n.op, "=");
    n = S_parse_ok("＞5个");
    assert_string_equal(n.op, ">");
    assert_string_equal(n.unit, "个");
    n = S_parse_ok("＜3天");
    assert_string_equal(n.op, "<");
    n = S_parse_ok("≧90％");
    assert_string_equal(n.op, "≥");
    assert_string_equal(n.unit, "%");
    n = S_parse_ok("不低于90%");
    assert_string_equal(n.op, "≥");
    n = S_parse_ok("不超过7000元");
    assert_string_equal(n.op, "≤");
    assert_true(n.value == 7000);
    assert_string_equal(n.unit, "元");

    n = S_parse_ok("30人");
    assert_null(n.op);
    assert_string_equal(n.unit, "人");
    n = S_parse_ok("46.00微克/立方米");
    assert_string_equal(n.text, "46.00");
    assert_int_equal(n.decimals, 2);
    assert_string_equal(n.unit, "微克/立方米");
    n = S_parse_ok("≤125万");
    assert_string_equal(n.unit, "万");
    n = S_parse_ok("  1000.00 ");
    assert_string_equal(n.text, "1000.00");
    assert_string_equal(n.unit, "");
    n = S_parse_ok("-3");
    assert_true(n.value == -3);
    assert_string_equal(n.text, "-3");
}

static void test_value_text_is_not_a_number(void **state)
{
    (void)state;
    dc_number n;
    assert_false(dc_value_parse("及时", strlen("及时"), &n));
    assert_false(dc_value_parse("2019年12月底前", strlen("2019年12月底前"), &n));
    assert_false(dc_value_parse("十月底", strlen("十月底"), &n));
    assert_false(dc_value_parse("", 0, &n));
    assert_false(dc_value_parse("按月及时发放工资", strlen("按月及时发放工资"), &n));
    /* an operator without a number is still reported */
    assert_false(dc_value_parse("≥较好", strlen("≥较好"), &n));
    assert_string_equal(n.op, "≥");
}

static void test_precision_is_kept(void **state)
{
    (void)state;
    dc_number n = S_parse_ok("229.85576万元");
    assert_string_equal(n.text, "229.85576");
    assert_int_equal(n.decimals, 5);
    assert_true(fabs(n.value - 229.85576) < 1e-12);
    n = S_parse_ok("0.50");
    assert_string_equal(n.text, "0.50");
    assert_int_equal(n.decimals, 2);
    n = S_parse_ok("007");
    assert_string_equal(n.text, "7");
}

static void test_full_width_and_separators(void **state)
{
    (void)state;
    dc_number n = S_parse_ok("１９２０．９６万元");
    assert_string_equal(n.text, "1920.96");
    assert_string_equal(n.unit, "万元");
    n = S_parse_ok("1,920.96");
    assert_string_equal(n.text, "1920.96");
    assert_true(n.grouped);
    n = S_parse_ok("１，９２０．９６");
    assert_string_equal(n.text, "1920.96");
    n = S_parse_ok("12,345,678.5万元");
    assert_string_equal(n.text, "12345678.5");
    /* not a thousands pattern: "1,92" is two numbers, not one */
    assert_false(dc_value_parse("1,92", 4, &n));
}

static void test_number_in_prose(void **state)
{
    (void)state;
    char *t = dc_norm_dup("收入３，５８６．１４万元，其中：一般公共预算收入1920.96万元",
                          strlen("收入３，５８６．１４万元，其中：一般公共预算收入1920.96万元"),
                          DC_NORM_SPACE);
    dc_number n;
    assert_true(dc_number_next(t, strlen(t), 0, &n));
    assert_string_equal(n.text, "3586.14");
    assert_string_equal(n.unit, "万元");
    assert_true(dc_number_next(t, strlen(t), n.end, &n));
    assert_string_equal(n.text, "1920.96");
    assert_false(dc_number_next(t, strlen(t), n.end, &n));
    free(t);
    /* a list is not one grouped number */
    const char *l = "分别为100,20,3万元";
    assert_true(dc_number_next(l, strlen(l), 0, &n));
    assert_string_equal(n.text, "100");
}

static void test_units(void **state)
{
    (void)state;
    assert_int_equal(dc_unit_len("万元。", strlen("万元。")), strlen("万元"));
    assert_int_equal(dc_unit_len("人次以上", strlen("人次以上")), strlen("人次"));
    assert_int_equal(dc_unit_len("其他", strlen("其他")), 0);
    assert_true(dc_unit_is_money("万元"));
    assert_true(dc_unit_is_money("元"));
    assert_false(dc_unit_is_money("%"));
    assert_true(fabs(dc_money_to_wan(7000, "元") - 0.7) < 1e-12);
    assert_true(fabs(dc_money_to_wan(1.5, "亿元") - 15000) < 1e-9);
    assert_true(dc_money_to_wan(3, "万元") == 3);
    assert_true(isnan(dc_money_to_wan(3, "人")));
    assert_true(fabs(dc_sum_tolerance(2, 3) - 0.015) < 1e-6);
}

static void test_norm_map(void **state)
{
    (void)state;
    const char *src = "（一）“三公”  经费";
    dc_norm nt;
    dc_norm_init(&nt);
    dc_norm_append(&nt, src, strlen(src), 0, DC_NORM_SPACE | DC_NORM_QUOTES);
    assert_string_equal(nt.text.data, "(一)三公经费");
    /* '(' maps to the start of '（', '三' to its place after the quote */
    assert_int_equal(nt.map[0], 0);
    const char *san = strstr(nt.text.data, "三");
    assert_int_equal(nt.map[san - nt.text.data], strstr(src, "三") - src);
    assert_int_equal(nt.map[nt.text.len], strlen(src));
    dc_norm_free(&nt);
    char *k = dc_norm_dup("计量  单位", strlen("计量  单位"), 0);
    assert_string_equal(k, "计量  单位");
    free(k);
}

/* dc_plain_number: every spelling of an amount, and what is not one. */
static void S_plain(const char *s, double want, int dec, int grp)
{
    double v = -1;
    int d = -1, g = -1;
    if (!dc_plain_number(s, strlen(s), &v, &d, &g))
        fail_msg("'%s' should be a plain number", s);
    if (fabs(v - want) > 1e-9 || d != dec || g != grp)
        fail_msg("'%s': %.10g %d %d, want %.10g %d %d", s, v, d, g, want, dec, grp);
}

static void S_not_plain(const char *s)
{
    double v;
    int d, g;
    if (dc_plain_number(s, strlen(s), &v, &d, &g))
        fail_msg("'%s' should not be a plain number (read %.10g)", s, v);
}

static void test_plain_number_spellings(void **state)
{
    (void)state;
    S_plain("3586.14", 3586.14, 2, 0);
    S_plain("  150 ", 150, 0, 0);
    S_plain("-12.5", -12.5, 1, 0);
    S_plain("-0.00", 0, 2, 0);
    S_plain("0", 0, 0, 0);
    S_plain("0.5", 0.5, 1, 0);
    S_plain("1,920.96", 1920.96, 2, 1);
    S_plain("1,234,567", 1234567, 0, 1);
    S_plain("38 620.00", 38620, 2, 1);                      /* ASCII space */
    S_plain("8\xC2\xA0" "974.12", 8974.12, 2, 1);           /* NBSP */
    S_plain("12\xE2\x80\x89" "345.6", 12345.6, 1, 1);       /* thin space U+2009 */
    S_plain("1\xE2\x80\xAF" "000\xE2\x80\xAF" "000", 1000000, 0, 1); /* U+202F */
    S_plain("2\xE3\x80\x80" "500.00", 2500, 2, 1);          /* U+3000 */
    S_plain("2，500.00", 2500, 2, 1);                         /* full-width comma */
    S_plain("１９２０．９６", 1920.96, 2, 0);                   /* full-width digits and point */
    S_plain("１，９２０．９６", 1920.96, 2, 1);
    S_plain("－５", -5, 0, 0);
    S_plain("\xE2\x88\x92" "3.5", -3.5, 1, 0);              /* U+2212 minus */
    S_plain("+7", 7, 0, 0);
    S_plain("\t229.85576\n", 229.85576, 5, 0);
    S_plain("2010301", 2010301, 0, 0);      /* digits alone: the column decides */
}

static void test_plain_number_rejects(void **state)
{
    (void)state;
    S_not_plain("");
    S_not_plain("   ");
    S_not_plain("12 34");               /* not groups of three */
    S_not_plain("1,23");
    S_not_plain("1234,567");            /* first group longer than three */
    S_not_plain("1,234 567");           /* two kinds of separator */
    S_not_plain("1  234");              /* two separators */
    S_not_plain("1,234.567,8");         /* separator after the point */
    S_not_plain("38\t620.00");          /* a tab is layout, not grouping */
    S_not_plain("38\n620");             /* two paragraphs */
    S_not_plain("007");
    S_not_plain("0,123");
    S_not_plain("A03210102");
    S_not_plain("2021-03-01");
    S_not_plain("2021.3.1");
    S_not_plain("2021年");
    S_not_plain("≥95%");
    S_not_plain("100%");
    S_not_plain("30人");
    S_not_plain("12.");
    S_not_plain(".5");
    S_not_plain("1-2");
    S_not_plain("--5");
    S_not_plain("——");
    S_not_plain("1234567890123456");    /* 16 significant digits */
    S_not_plain("1.12345678901");       /* 11 decimals */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_operators_and_units),
        cmocka_unit_test(test_value_text_is_not_a_number),
        cmocka_unit_test(test_precision_is_kept),
        cmocka_unit_test(test_full_width_and_separators),
        cmocka_unit_test(test_number_in_prose),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_norm_map),
        cmocka_unit_test(test_plain_number_spellings),
        cmocka_unit_test(test_plain_number_rejects),
    };
    return cmocka_run_group_tests_name("amount", tests, NULL, NULL);
}
