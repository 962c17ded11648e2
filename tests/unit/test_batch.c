/*
 * test_batch.c - the pieces of `disclosure batch` that need no processes:
 * the JSON reader of reports, output names, shards and key figures.
 */
#include "helpers.h"

#include "cmd/batch.h"
#include "model/key_figures.h"

/* ---- JSON reader -------------------------------------------------------- */

static char *S_roundtrip(const char *text)
{
    dc_arena a = {0};
    dc_error err = {0};
    dc_json_value *v = dc_json_value_parse(&a, text, strlen(text), &err);
    assert_non_null(v);
    dc_buf out = DC_BUF_INIT;
    dc_json j;
    dc_json_init(&j, &out, 0);
    dc_json_value_write(v, &j, NULL);
    dc_json_done(&j);
    dc_arena_free(&a);
    return dc_buf_detach(&out, NULL);
}

static void test_json_roundtrip(void **state)
{
    (void)state;
    /* what the emitter writes comes back byte for byte, numbers as written */
    const char *text =
        "{\"a\":1,\"b\":[true,false,null,229.85576,-0.5,1e-7],\"c\":\"部门\\\"预算\\\"\\n\","
        "\"d\":{},\"e\":[],\"f\":{\"g\":[{\"h\":\"\\u0001\"}]}}";
    char *out = S_roundtrip(text);
    assert_string_equal(out, text);
    free(out);
    /* white space, escapes and surrogate pairs are read */
    out = S_roundtrip(" { \"k\" : [ \"\\u00e9\\ud83d\\ude00\\/\" , 3 ] } \n");
    assert_string_equal(out, "{\"k\":[\"é😀/\",3]}");
    free(out);
}

static void test_json_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "{", "[1,]", "{\"a\"}", "{\"a\":1,}", "01", "1.", "-", "tru", "\"abc",
        "\"a\\x\"", "\"\\u12\"", "\"tab\there\"", "{} {}", "[1] x", "{\"a\":1 \"b\":2}",
        NULL};
    for (int i = 0; bad[i]; i++) {
        dc_arena a = {0};
        dc_error err = {0};
        dc_json_value *v = dc_json_value_parse(&a, bad[i], strlen(bad[i]), &err);
        if (v)
            fail_msg("parsed: %s", bad[i]);
        assert_int_equal(err.code, DC_ERR_FORMAT);
        assert_true(strncmp(err.msg, "line ", 5) == 0);
        dc_arena_free(&a);
    }
    /* nesting is bounded */
    dc_buf deep = DC_BUF_INIT;
    for (int i = 0; i < 100; i++)
        dc_buf_putc(&deep, '[');
    for (int i = 0; i < 100; i++)
        dc_buf_putc(&deep, ']');
    dc_arena a = {0};
    dc_error err = {0};
    assert_null(dc_json_value_parse(&a, deep.data, deep.len, &err));
    assert_non_null(strstr(err.msg, "nested too deeply"));
    dc_arena_free(&a);
    dc_buf_free(&deep);
}

static void test_json_access(void **state)
{
    (void)state;
    const char *text = "{\"s\":\"x\",\"n\":42.5,\"i\":7,\"z\":null,\"o\":{\"p\":\"q\"}}";
    dc_arena a = {0};
    dc_error err = {0};
    dc_json_value *v = dc_json_value_parse(&a, text, strlen(text), &err);
    assert_non_null(v);
    assert_string_equal(dc_json_value_string(v, "s"), "x");
    assert_null(dc_json_value_string(v, "n"));
    assert_null(dc_json_value_string(v, "missing"));
    assert_true(dc_json_value_number(v, "n", 0) == 42.5);
    assert_int_equal(dc_json_value_int(v, "i", -1), 7);
    assert_int_equal(dc_json_value_int(v, "z", -1), -1);
    assert_string_equal(dc_json_value_string(dc_json_value_get(v, "o"), "p"), "q");
    dc_json_value_set_string(&a, v, "s", "y");
    dc_json_value_set_string(&a, v, "new", NULL);
    dc_buf out = DC_BUF_INIT;
    dc_json j;
    dc_json_init(&j, &out, 0);
    dc_json_value_write(v, &j, NULL);
    dc_json_done(&j);
    assert_string_equal(
        out.data, "{\"s\":\"y\",\"n\":42.5,\"i\":7,\"z\":null,\"o\":{\"p\":\"q\"},\"new\":null}");
    dc_buf_free(&out);
    dc_arena_free(&a);
}

/* ---- names and shards --------------------------------------------------- */

static void S_input(dc_batch_inputs *in, const char *path, const char *rel)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 8;
        in->v = realloc(in->v, in->cap * sizeof *in->v);
    }
    in->v[in->n].path = strdup(path);
    in->v[in->n].rel = strdup(rel);
    in->v[in->n].name = NULL;
    in->n++;
}

static const char *S_name_of(const dc_batch_inputs *in, const char *path)
{
    for (size_t i = 0; i < in->n; i++)
        if (!strcmp(in->v[i].path, path))
            return in->v[i].name;
    fail_msg("no input %s", path);
    return NULL;
}

static void test_names(void **state)
{
    (void)state;
    dc_batch_inputs in = {0};
    S_input(&in, "d/sub/b.docx", "sub/b.docx");
    S_input(&in, "d/sub/a.xml", "sub/a.xml");
    S_input(&in, "d/sub/a.docx", "sub/a.docx");
    S_input(&in, "x/c.docx", "c.docx");
    S_input(&in, "y/c.docx", "c.docx");
    S_input(&in, "d/report.docx", "report.docx");
    S_input(&in, "d/summary.xml", "summary.xml");
    S_input(&in, "d/report.2-of-3.docx", "report.2-of-3.docx");
    S_input(&in, "d/sub/report.docx", "sub/report.docx");
    S_input(&in, "d/noext", "noext");
    S_input(&in, "d/.hidden", ".hidden");
    /* names that differ only in ASCII case are one file on a Windows share */
    S_input(&in, "d/Up/A.docx", "Up/A.docx");
    S_input(&in, "d/up/a.xml", "up/a.xml");
    S_input(&in, "d/Report.3-of-4.docx", "Report.3-of-4.docx");
    S_input(&in, "d/\xe9\xa2\x84.docx", "\xe9\xa2\x84.docx");
    dc_batch_assign_names(&in, 1);
    /* sorted by (rel, path) */
    for (size_t i = 1; i < in.n; i++) {
        int c = strcmp(in.v[i - 1].rel, in.v[i].rel);
        assert_true(c < 0 || (c == 0 && strcmp(in.v[i - 1].path, in.v[i].path) < 0));
    }
    assert_string_equal(S_name_of(&in, "d/sub/b.docx"), "sub/b");
    assert_string_equal(S_name_of(&in, "d/sub/a.xml"), "sub/a.xml");
    assert_string_equal(S_name_of(&in, "d/sub/a.docx"), "sub/a.docx");
    assert_string_equal(S_name_of(&in, "x/c.docx"), "c.docx");
    assert_string_equal(S_name_of(&in, "y/c.docx"), "c.docx~2");
    assert_string_equal(S_name_of(&in, "d/report.docx"), "report~2");
    assert_string_equal(S_name_of(&in, "d/summary.xml"), "summary~2");
    assert_string_equal(S_name_of(&in, "d/report.2-of-3.docx"), "report.2-of-3~2");
    assert_string_equal(S_name_of(&in, "d/sub/report.docx"), "sub/report");
    assert_string_equal(S_name_of(&in, "d/noext"), "noext");
    assert_string_equal(S_name_of(&in, "d/.hidden"), ".hidden");
    assert_string_equal(S_name_of(&in, "d/Up/A.docx"), "Up/A.docx");
    assert_string_equal(S_name_of(&in, "d/up/a.xml"), "up/a.xml");
    assert_string_equal(S_name_of(&in, "d/Report.3-of-4.docx"), "Report.3-of-4~2");
    assert_string_equal(S_name_of(&in, "d/\xe9\xa2\x84.docx"), "\xe9\xa2\x84");
    dc_batch_inputs_free(&in);

    /* convert's use: no report names reserved, the collection order kept */
    dc_batch_inputs cv = {0};
    dc_batch_inputs_add(&cv, "b/x.docx", "x.docx");
    dc_batch_inputs_add(&cv, "a/x.docx", "x.docx");
    dc_batch_inputs_add(&cv, "c/r.docx", "r.docx");
    dc_batch_inputs_add(&cv, "c/r.doc", "r.doc");
    dc_batch_inputs_add(&cv, "report.docx", "report.docx");
    dc_batch_inputs_add(&cv, "d/X.docx", "X.docx");
    dc_batch_assign_names(&cv, 0);
    assert_string_equal(S_name_of(&cv, "d/X.docx"), "X.docx");
    assert_string_equal(S_name_of(&cv, "a/x.docx"), "x.docx~2");
    assert_string_equal(S_name_of(&cv, "b/x.docx"), "x.docx~3");
    assert_string_equal(S_name_of(&cv, "c/r.docx"), "r.docx");
    assert_string_equal(S_name_of(&cv, "c/r.doc"), "r.doc");
    assert_string_equal(S_name_of(&cv, "report.docx"), "report");
    for (size_t i = 0; i < cv.n; i++)
        if (!strcmp(cv.v[i].path, "b/x.docx"))
            assert_int_equal(cv.v[i].order, 0);
    dc_batch_inputs_free(&cv);
}

/* n copies of s; caller frees */
static char *S_rep(const char *s, int n)
{
    dc_buf b = DC_BUF_INIT;
    for (int i = 0; i < n; i++)
        dc_buf_puts(&b, s);
    return dc_buf_detach(&b, NULL);
}

/* The last path component of name, plus ".xlsx", fits in 255 bytes. */
static void S_fits(const char *name)
{
    const char *slash = strrchr(name, '/');
    assert_true(strlen(slash ? slash + 1 : name) + 5 <= 255);
}

static void test_long_names(void **state)
{
    (void)state;
    /* clash names of long plain names are shortened to fit, at a character
     * boundary, keeping the input's extension and the ~N */
    char *cjk = S_rep("\xe9\xa2\x84", 82);   /* 预 x 82: 246 bytes, + ".xlsx" fits */
    char *ascii = S_rep("a", 250), *ext = S_rep("x", 244), *over = S_rep("c", 251);
    dc_buf p[8];
    const char *rel[4][2] = {{cjk, ".docx"}, {ascii, ".docx"}, {"bbbbbbbbbb.", ext},
                             {over, ".docx"}};
    dc_batch_inputs in = {0};
    for (int k = 0; k < 4; k++)
        for (int j = 0; j < 2; j++) {
            dc_buf *b = &p[2 * k + j];
            *b = (dc_buf)DC_BUF_INIT;
            dc_buf_printf(b, "%s%s%s", k == 0 ? "sub/" : "", rel[k][0], rel[k][1]);
            char path[64];
            snprintf(path, sizeof path, "in%d/%d", j, k);   /* two inputs, one rel */
            dc_batch_inputs_add(&in, path, b->data);
        }
    dc_batch_assign_names(&in, 1);
    char *want;
    /* 预 x 81 = 243 bytes: + ".docx" (+ "~2") + ".xlsx" <= 255 */
    char *cjk81 = S_rep("\xe9\xa2\x84", 81);
    dc_buf w = DC_BUF_INIT;
    dc_buf_printf(&w, "sub/%s.docx", cjk81);
    assert_string_equal(S_name_of(&in, "in0/0"), w.data);
    dc_buf_puts(&w, "~2");
    assert_string_equal(S_name_of(&in, "in1/0"), w.data);
    dc_buf_clear(&w);
    want = S_rep("a", 245);
    dc_buf_printf(&w, "%s.docx", want);
    assert_string_equal(S_name_of(&in, "in0/1"), w.data);
    free(want);
    dc_buf_clear(&w);
    want = S_rep("a", 243);
    dc_buf_printf(&w, "%s.docx~2", want);
    assert_string_equal(S_name_of(&in, "in1/1"), w.data);
    free(want);
    /* a long extension keeps as much of the stem as fits */
    dc_buf_clear(&w);
    dc_buf_printf(&w, "bbbbb.%s", ext);
    assert_string_equal(S_name_of(&in, "in0/2"), w.data);
    dc_buf_clear(&w);
    dc_buf_printf(&w, "bbb.%s~2", ext);
    assert_string_equal(S_name_of(&in, "in1/2"), w.data);
    for (size_t i = 0; i < in.n; i++)
        if (strncmp(in.v[i].path + 4, "3", 1) != 0)
            S_fits(in.v[i].name);
    /* a plain name that does not fit is left whole: its outputs fail */
    dc_buf_clear(&w);
    dc_buf_printf(&w, "%s.docx", over);
    assert_string_equal(S_name_of(&in, "in0/3"), w.data);
    dc_buf_puts(&w, "~2");
    assert_string_equal(S_name_of(&in, "in1/3"), w.data);
    dc_buf_free(&w);
    dc_batch_inputs_free(&in);
    for (int i = 0; i < 8; i++)
        dc_buf_free(&p[i]);
    free(cjk);
    free(cjk81);
    free(ascii);
    free(ext);
    free(over);
}

static void test_shards(void **state)
{
    (void)state;
    /* values from Python's hashlib: int(sha256(rel)[:8], big) % n + 1 */
    assert_int_equal(dc_batch_shard_of("a.docx", 3), 1);
    assert_int_equal(dc_batch_shard_of("hebei/langfang/永清县生态环境分局.docx", 3), 3);
    assert_int_equal(dc_batch_shard_of("x", 7), 2);
    assert_int_equal(dc_batch_shard_of("sub/dir/file.xml", 1000000), 846018);
    /* every input in exactly one shard */
    dc_batch_inputs all = {0};
    char rel[32];
    for (int i = 0; i < 300; i++) {
        snprintf(rel, sizeof rel, "dir%d/file%d.docx", i % 7, i);
        S_input(&all, rel, rel);
    }
    size_t total = 0;
    for (unsigned k = 1; k <= 4; k++) {
        dc_batch_inputs part = {0};
        for (size_t i = 0; i < all.n; i++)
            S_input(&part, all.v[i].path, all.v[i].rel);
        dc_batch_keep_shard(&part, k, 4);
        assert_true(part.n > 30);   /* roughly even */
        for (size_t i = 0; i < part.n; i++)
            assert_int_equal(dc_batch_shard_of(part.v[i].rel, 4), k);
        total += part.n;
        dc_batch_inputs_free(&part);
    }
    assert_int_equal(total, 300);
    dc_batch_inputs_free(&all);
}

/* ---- key figures -------------------------------------------------------- */

static void S_amount(dc_amount *a, double v, const char *text, const char *unit)
{
    a->present = 1;
    a->value = v;
    a->text = text;
    a->unit = unit;
}

/* The index of figure f among the key figures. */
static int S_kf(dc_figure f)
{
    for (int k = 0; k < DC_KF_COUNT; k++)
        if (dc_key_figure_describe(k)->id == f)
            return k;
    fail_msg("not a key figure: %d", (int)f);
    return 0;
}

static void test_key_figures(void **state)
{
    (void)state;
    dc_disclosure d;
    memset(&d, 0, sizeof d);
    d.money_unit = "万元";
    S_amount(&d.income.total, 3586.14, "3586.14", "万元");
    S_amount(&d.income.carried_over_from_last_year, 1665.18, "1665.18", NULL);
    S_amount(&d.expenditure.total, 35861400, "35861400", "元");
    S_amount(&d.change.amount, 229.85576, "229.85576", "万元");
    d.change.direction = DC_DIR_DECREASE;
    S_amount(&d.three_public.total, 0, "0", "万元");
    S_amount(&d.procurement.total, 268.17, "268.170", "万元");
    dc_key_value kv[DC_KF_COUNT];
    dc_key_figures(&d, kv);
    assert_string_equal(kv[S_kf(DC_FIG_INCOME_TOTAL)].text, "3586.14");
    assert_true(kv[S_kf(DC_FIG_INCOME_TOTAL)].value == 3586.14);
    assert_string_equal(kv[S_kf(DC_FIG_INCOME_CARRIED)].text, "1665.18");
    assert_string_equal(kv[S_kf(DC_FIG_EXP_TOTAL)].text, "3586.14");    /* 元 -> 万元 */
    assert_true(kv[S_kf(DC_FIG_EXP_TOTAL)].value == 3586.14);
    assert_string_equal(kv[S_kf(DC_FIG_CHANGE)].text, "-229.85576");
    assert_true(kv[S_kf(DC_FIG_CHANGE)].value == -229.85576);
    assert_string_equal(kv[S_kf(DC_FIG_TP_TOTAL)].text, "0");
    assert_string_equal(kv[S_kf(DC_FIG_PROC_TOTAL)].text, "268.170");    /* digits as written */
    assert_false(kv[S_kf(DC_FIG_ASSETS_TOTAL)].present);
    assert_false(kv[S_kf(DC_FIG_INCOME_FUND)].present);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_roundtrip),
        cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_json_access),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_long_names),
        cmocka_unit_test(test_shards),
        cmocka_unit_test(test_key_figures),
    };
    return cmocka_run_group_tests_name("batch", tests, NULL, NULL);
}
