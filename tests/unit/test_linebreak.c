/*
 * test_linebreak.c - Chinese line breaking: prohibition rules, numbers and
 * words kept whole, —— and …… not split, push in / push out, placement.
 */
#include "helpers.h"

#include "fonts/linebreak.h"

/* Text as units of width 1 (wide) or 0.5 (narrow), no shrink unless asked. */
typedef struct {
    uint32_t cp[256];
    dc_lb_unit u[256];
    unsigned char gap[256];
    size_t n;
} T;

static void T_make(T *t, const char *s, float shrink)
{
    t->n = 0;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, len - i, &adv);
        i += adv;
        t->cp[t->n] = cp;
        t->u[t->n].cp = cp;
        t->u[t->n].adv = dc_cp_is_wide(cp) ? 1.0f : 0.5f;
        t->u[t->n].shrink = dc_cp_is_wide(cp) ? shrink : 0;
        t->n++;
    }
    dc_lb_opportunities(t->cp, t->n, t->gap);
}

/* The lines as UTF-8 joined by '|'. */
static char *T_lines(T *t, float first, float width)
{
    dc_lb_line *lines = NULL;
    size_t nl = dc_lb_break(t->u, t->gap, t->n, first, width, &lines);
    dc_buf b = DC_BUF_INIT;
    for (size_t i = 0; i < nl; i++) {
        if (i)
            dc_buf_putc(&b, '|');
        for (size_t k = lines[i].start; k < lines[i].end; k++)
            dc_buf_put_utf8(&b, t->cp[k]);
        if (i + 1 < nl)
            assert_int_equal(lines[i].next, lines[i + 1].start);
    }
    if (nl)
        assert_int_equal(lines[nl - 1].next, t->n);
    free(lines);
    return dc_buf_detach(&b, NULL);
}

static void test_classes(void **state)
{
    (void)state;
    const char *no_start = "，。、；：？！）》」』】〕”’…%";
    const char *no_end = "（《「『【〔“‘$¥";
    size_t i = 0, n = strlen(no_start);
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(no_start + i, n - i, &adv);
        assert_true(dc_lb_no_start(cp));
        assert_false(dc_lb_no_end(cp));
        i += adv;
    }
    i = 0;
    n = strlen(no_end);
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(no_end + i, n - i, &adv);
        assert_true(dc_lb_no_end(cp));
        assert_false(dc_lb_no_start(cp));
        i += adv;
    }
    assert_false(dc_lb_no_start(0x4E2D));   /* 中 */
    assert_false(dc_lb_no_end(0x4E2D));
    assert_true(dc_lb_invisible(0x200B));
    assert_true(dc_lb_invisible(0xAD));
    assert_false(dc_lb_invisible('\n'));
}

static void test_numbers_whole(void **state)
{
    (void)state;
    T t;
    T_make(&t, "收入3586.14万元，增长67.2%，≥95%及1,920.96元", 0);
    /* No break inside a number, before its %/万元, or after ≥. */
    const char *keep[] = {"3586.14万元", "67.2%", "≥95%", "1,920.96元"};
    for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
        T w;
        T_make(&w, keep[k], 0);
        /* find it in t */
        size_t at = 0;
        int found = 0;
        for (at = 0; at + w.n <= t.n && !found; at++)
            found = !memcmp(&t.cp[at], w.cp, w.n * sizeof(uint32_t));
        assert_true(found);
        at--;
        for (size_t j = at + 1; j < at + w.n; j++)
            assert_int_not_equal(t.gap[j], DC_LB_ALLOW);
    }
    /* Breaking at every width that can hold the longest piece that may not
     * be broken ("3586.14万元，", 6.5 wide) never splits them. */
    for (float width = 1; width <= 12; width += 0.5f) {
        char *s = T_lines(&t, width, width);
        for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
            const char *p = strstr(s, keep[k]);
            if (width >= 6.5f)
                assert_non_null(p);
        }
        free(s);
    }
}

/* Full-width numbers are numbers too: no break inside "２８．５０万元" or
 * "１，２３４．５６元", nor before ％; a full-width comma that is not a
 * thousands separator still allows a break after it. */
static void test_fullwidth_numbers(void **state)
{
    (void)state;
    const char *keep[] = {"２８．５０万元", "１，２３４．５６元", "２８．５％", "上年结转1665.18万元"};
    for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
        T w;
        T_make(&w, keep[k], 0);
        size_t from = k == 3 ? 5 : 1;      /* "上年结转" may break */
        for (size_t j = from; j < w.n; j++)
            assert_int_not_equal(w.gap[j], DC_LB_ALLOW);
        /* at every width that holds it the number is on one line */
        for (float width = 1; width <= 10; width += 0.5f) {
            char *s = T_lines(&w, width, width);
            if (width >= (float)w.n)
                assert_null(strchr(s, '|'));
            free(s);
        }
    }
    T t;
    T_make(&t, "分别为３，４５", 0);
    /* "３，４５": not a thousands separator, the line may end after "，" */
    assert_int_equal(t.gap[5], DC_LB_ALLOW);
    T_make(&t, "１２，３４５６", 0);
    assert_int_equal(t.gap[3], DC_LB_ALLOW);
}

static void test_double_marks(void **state)
{
    (void)state;
    T t;
    T_make(&t, "他说——这是……真的", 0);
    assert_int_equal(t.gap[3], DC_LB_WORD);    /* between the two — */
    assert_int_equal(t.gap[7], DC_LB_WORD);    /* between the two … */
    for (float width = 2; width <= 10; width += 1) {
        char *s = T_lines(&t, width, width);
        assert_null(strstr(s, "—|—"));
        assert_null(strstr(s, "…|…"));
        assert_null(strstr(s, "|…"));            /* …… never starts a line */
        free(s);
    }
}

static void test_kinsoku(void **state)
{
    (void)state;
    T t;
    /* 5 per line: the comma would start line 2; without room to push in,
     * 五 goes down with it (push out). */
    T_make(&t, "一二三四五，六七八", 0);
    char *s = T_lines(&t, 5, 5);
    assert_string_equal(s, "一二三四|五，六七八");
    free(s);
    /* With room to compress, the comma is pulled onto the line (push in). */
    T_make(&t, "一二三四五，六七八", 0.25f);
    s = T_lines(&t, 5, 5);
    assert_string_equal(s, "一二三四五，|六七八");
    free(s);
    /* An opening mark never ends a line. */
    T_make(&t, "一二三四《五》六七", 0);
    s = T_lines(&t, 5, 5);
    assert_string_equal(s, "一二三四|《五》六七");
    free(s);
    /* Closing quote and full stop after it both stay up. */
    T_make(&t, "一二三四“五”。六七", 0);
    s = T_lines(&t, 6, 6);
    assert_null(strstr(s, "|”"));
    assert_null(strstr(s, "|。"));
    free(s);
    /* Every line start and end obeys the rules at every width. */
    T_make(&t, "按照《预算法》、《地方预决算公开操作规程》和“河北省”规定，现将（2021年）预算公开如下："
              , 0);
    for (float width = 3; width <= 20; width += 1) {
        dc_lb_line *lines = NULL;
        size_t nl = dc_lb_break(t.u, t.gap, t.n, width, width, &lines);
        for (size_t i = 0; i < nl; i++) {
            if (lines[i].emergency)
                continue;
            if (i > 0)
                assert_false(dc_lb_no_start(t.cp[lines[i].start]));
            if (i + 1 < nl)
                assert_false(dc_lb_no_end(t.cp[lines[i].end - 1]));
        }
        free(lines);
    }
}

static void test_latin_words(void **state)
{
    (void)state;
    T t;
    T_make(&t, "承担永清县IS014001环境管理体系认证工作 and more words here", 0);
    for (float width = 5; width <= 12; width += 1) {
        char *s = T_lines(&t, width, width);
        assert_non_null(strstr(s, "IS014001"));
        /* spaces are not drawn at line ends or starts */
        assert_null(strstr(s, " |"));
        assert_null(strstr(s, "| "));
        free(s);
    }
}

static void test_forced_and_emergency(void **state)
{
    (void)state;
    T t;
    T_make(&t, "第一行\n第二行", 0);
    char *s = T_lines(&t, 10, 10);
    assert_string_equal(s, "第一行|第二行");
    free(s);
    /* A number wider than the line is broken somewhere rather than lost. */
    T_make(&t, "12345678901234567890", 0);
    dc_lb_line *lines = NULL;
    size_t nl = dc_lb_break(t.u, t.gap, t.n, 2, 2, &lines);
    assert_true(nl >= 5);
    size_t covered = 0;
    for (size_t i = 0; i < nl; i++) {
        assert_true(lines[i].end > lines[i].start);
        covered += lines[i].end - lines[i].start;
        assert_true(lines[i].natural <= 2.001f);
    }
    assert_int_equal(covered, t.n);
    free(lines);
    /* empty text: no lines */
    T_make(&t, "", 0);
    assert_int_equal(dc_lb_break(t.u, t.gap, 0, 5, 5, &lines), 0);
    free(lines);
}

static void test_place(void **state)
{
    (void)state;
    T t;
    T_make(&t, "一二三四五六七八九十甲乙丙", 0);
    dc_lb_line *lines = NULL;
    size_t nl = dc_lb_break(t.u, t.gap, t.n, 5.5f, 5.5f, &lines);
    assert_int_equal(nl, 3);
    float x[16];
    /* justified: the last box ends exactly at the width */
    dc_lb_place(t.u, t.gap, &lines[0], 5.5f, DC_LB_ALIGN_JUSTIFY, x);
    assert_float_equal(x[0], 0, 1e-4);
    assert_float_equal(x[4] + 1.0f, 5.5f, 1e-4);
    for (int k = 1; k < 5; k++)
        assert_true(x[k] > x[k - 1]);
    /* the last line is not stretched */
    dc_lb_place(t.u, t.gap, &lines[2], 5.5f, DC_LB_ALIGN_JUSTIFY, x);
    assert_float_equal(x[1], 1.0f, 1e-4);
    /* centred and right */
    dc_lb_place(t.u, t.gap, &lines[2], 5.5f, DC_LB_ALIGN_CENTER, x);
    assert_float_equal(x[0], (5.5f - 3) / 2, 1e-4);
    dc_lb_place(t.u, t.gap, &lines[2], 5.5f, DC_LB_ALIGN_RIGHT, x);
    assert_float_equal(x[2] + 1, 5.5f, 1e-4);
    free(lines);
    /* a pushed-in line is compressed to fit, its last box inside */
    T_make(&t, "一二三四五，六", 0.25f);
    nl = dc_lb_break(t.u, t.gap, t.n, 5, 5, &lines);
    assert_int_equal(lines[0].end, 6);
    dc_lb_place(t.u, t.gap, &lines[0], 5, DC_LB_ALIGN_JUSTIFY, x);
    assert_true(x[5] + 1.0f <= 5.0f + 1e-4);
    free(lines);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_numbers_whole),
        cmocka_unit_test(test_fullwidth_numbers),
        cmocka_unit_test(test_double_marks),
        cmocka_unit_test(test_kinsoku),
        cmocka_unit_test(test_latin_words),
        cmocka_unit_test(test_forced_and_emergency),
        cmocka_unit_test(test_place),
    };
    return cmocka_run_group_tests_name("linebreak", tests, NULL, NULL);
}
