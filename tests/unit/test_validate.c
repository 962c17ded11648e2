/*
 * test_validate.c - the validator's findings on variants of a disclosure
 * built by the test: wrong totals, sums that do not add up, an inconsistent
 * change against last year, numbering that skips or repeats, a foreign hidden
 * TOC entry, missing sections, a project cost above the department's total;
 * and on the sample (consistent sums, two known warnings).
 */
#include "disclosure_fixture.h"
#include "model/recognize.h"
#include "model/validate.h"

typedef struct {
    dc_doc *doc;
    dc_disclosure *d;
} S_run;

static S_run S_check(const fx_spec *s)
{
    S_run r;
    r.doc = fx_build(s);
    r.d = dc_recognize(r.doc);
    dc_validate(r.d);
    return r;
}

static void S_done(S_run *r)
{
    dc_disclosure_free(r->d);
    dc_doc_free(r->doc);
}

static size_t S_count(const dc_disclosure *d, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nfindings; i++)
        if (!strcmp(d->findings[i].code, code))
            n++;
    return n;
}

static const dc_finding *S_find(const dc_disclosure *d, const char *code)
{
    for (size_t i = 0; i < d->nfindings; i++)
        if (!strcmp(d->findings[i].code, code))
            return &d->findings[i];
    fail_msg("no finding %s", code);
    return NULL;
}

static void S_print(const dc_disclosure *d)
{
    for (size_t i = 0; i < d->nfindings; i++)
        print_message("  %s %s %s: %s\n", dc_severity_name(d->findings[i].severity),
                      d->findings[i].code, d->findings[i].place, d->findings[i].message);
}

/* Only these codes, each exactly as often as given (NULL-terminated pairs). */
static void S_expect(const dc_disclosure *d, ...)
{
    va_list ap;
    va_start(ap, d);
    size_t total = 0;
    for (;;) {
        const char *code = va_arg(ap, const char *);
        if (!code)
            break;
        int n = va_arg(ap, int);
        if (S_count(d, code) != (size_t)n) {
            S_print(d);
            fail_msg("%s: %zu findings, expected %d", code, S_count(d, code), n);
        }
        total += (size_t)n;
    }
    va_end(ap);
    if (d->nfindings != total) {
        S_print(d);
        fail_msg("%zu findings, expected %zu", d->nfindings, total);
    }
}

static void test_consistent(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    S_run r = S_check(&s);
    S_expect(r.d, NULL);
    S_done(&r);
}

static void test_income_wrong_total(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.income = "2023年预算收入1000.00万元，其中：一般公共预算收入800.00万元，基金预算收入0万元，"
               "财政专户核拨收入0万元，其他来源收入0万元，上年结转180.00万元。";
    S_run r = S_check(&s);
    S_expect(r.d, "income.sum", 1, NULL);
    const dc_finding *f = S_find(r.d, "income.sum");
    assert_int_equal(f->severity, DC_SEV_ERROR);
    assert_non_null(strstr(f->message, "1000.00"));
    assert_non_null(strstr(f->message, "980.00"));
    assert_non_null(strstr(f->message, "20.00"));
    assert_non_null(f->src.block);
    S_done(&r);
}

static void test_expenditure_not_income(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.expenditure = "2023年支出预算990.00万元，其中：基本支出590.00万元，项目支出400.00万元。";
    s.change = "";
    S_run r = S_check(&s);
    S_expect(r.d, "expenditure.income", 1, NULL);
    S_done(&r);
    /* and when the parts do not add up */
    s.expenditure = "2023年支出预算1000.00万元，其中：基本支出590.00万元，项目支出400.00万元。";
    r = S_check(&s);
    S_expect(r.d, "expenditure.sum", 1, NULL);
    S_done(&r);
}

static void test_procurement_sums(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.procurement_table = "项目名称|预算资金|数量|单价|政府采购金额|<\n"
                          "^|^|^|^|合计|一般公共预算拨款\n"
                          "合  计||||300.00|300.00\n"
                          "教学设备采购|200.00|1|200.00|200.00|200.00\n"
                          "课桌椅采购|90.00|2|45.00|90.00|90.00";
    S_run r = S_check(&s);
    /* the amount and the general public budget columns */
    S_expect(r.d, "procurement.sum", 2, NULL);
    const dc_finding *f = S_find(r.d, "procurement.sum");
    assert_int_equal(f->severity, DC_SEV_ERROR);
    assert_int_equal(f->src.row, 2);
    assert_non_null(strstr(f->message, "290.00"));
    S_done(&r);

    fx_defaults(&s);
    s.procurement_text = "2023年，我部门安排政府采购预算310.00万元。";
    r = S_check(&s);
    S_expect(r.d, "procurement.total", 1, NULL);
    S_done(&r);

    fx_defaults(&s);
    s.procurement_table = "项目名称|预算资金|数量|单价|政府采购金额|<\n"
                          "^|^|^|^|合计|一般公共预算拨款\n"
                          "合  计||||300.00|300.00\n"
                          "教学设备采购|200.00|1|200.00|200.00|200.00\n"
                          "课桌椅采购|100.00|3|50.00|100.00|100.00";
    r = S_check(&s);
    S_expect(r.d, "procurement.unit_price", 1, NULL);
    S_done(&r);
}

static void test_assets_sums(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.assets_table = "固定资产占用情况表|<|<\n"
                     "项目|数量|价值（万元）\n"
                     "资产总额|——|150.00\n"
                     "1、房屋（平方米）|100平方米|100.00\n"
                     "其中：办公用房（平方米）|80平方米|120.00\n"
                     "2、车辆（台、辆）|2|60.00";
    S_run r = S_check(&s);
    S_expect(r.d, "assets.sum", 1, "assets.part", 1, NULL);
    assert_non_null(strstr(S_find(r.d, "assets.sum")->message, "160.00"));
    S_done(&r);

    fx_defaults(&s);
    s.assets_text = "上年末固定资产金额为155.00万元。";
    r = S_check(&s);
    S_expect(r.d, "assets.total", 1, NULL);
    S_done(&r);
}

static void test_change_inconsistent(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.change = "2023年预算收支安排1000.00万元，较2022年预算950.00万元增加100.00万元。";
    S_run r = S_check(&s);
    S_expect(r.d, "change.inconsistent", 1, NULL);
    const dc_finding *f = S_find(r.d, "change.inconsistent");
    assert_non_null(strstr(f->message, "50.00"));
    assert_non_null(strstr(f->message, "2022"));
    S_done(&r);

    /* direction wrong */
    s.change = "2023年预算收支安排1000.00万元，较2022年预算900.00万元减少100.00万元。";
    r = S_check(&s);
    S_expect(r.d, "change.inconsistent", 1, NULL);
    S_done(&r);

    /* parts that do not make the whole */
    s.change = "2023年预算收支安排1000.00万元，较2022年增加100.00万元，其中：基本支出增加60.00万元，"
               "项目支出增加50.00万元。";
    r = S_check(&s);
    S_expect(r.d, "change.inconsistent", 1, NULL);
    S_done(&r);

    /* no last-year figure: nothing to compare */
    s.change = "2023年预算收支安排1000.00万元，较2022年预算增加100.00万元。";
    r = S_check(&s);
    S_expect(r.d, NULL);
    S_done(&r);
}

static void test_three_public(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.three_public = "“三公”经费预算安排3.5万元。其中，因公出国（境）费0万元；公务用车购置及运行费"
                     "2万元；公务接待费2.5万元。";
    S_run r = S_check(&s);
    S_expect(r.d, "three_public.sum", 1, NULL);
    S_done(&r);
}

static void test_numbering(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.numbers = "一二三四五六七八十";
    S_run r = S_check(&s);
    S_expect(r.d, "numbering.skip", 1, NULL);
    const dc_finding *f = S_find(r.d, "numbering.skip");
    assert_int_equal(f->severity, DC_SEV_WARNING);
    assert_non_null(strstr(f->message, "八、"));
    assert_non_null(strstr(f->message, "十、"));
    assert_non_null(strstr(f->message, "九、"));
    assert_non_null(strstr(f->place, "十、其他需要说明的事项"));
    S_done(&r);

    s.numbers = "一二三三四五六七八";
    r = S_check(&s);
    S_expect(r.d, "numbering.repeat", 1, NULL);
    S_done(&r);

    s.numbers = "一二四三五六七八九";
    r = S_check(&s);
    S_expect(r.d, "numbering.skip", 1, "numbering.order", 1, NULL);
    S_done(&r);
}

static void test_toc_entries(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.project_tc = "1、交通局2018年以来创城公益广告相关费用绩效目标表";
    S_run r = S_check(&s);
    S_expect(r.d, "toc.mismatch", 1, NULL);
    const dc_finding *f = S_find(r.d, "toc.mismatch");
    assert_non_null(strstr(f->message, "交通局"));
    assert_non_null(strstr(f->message, "1.全县教师培训项目绩效目标表"));
    assert_true(f->src.block_index > 0);
    S_done(&r);

    /* its own entry, written with 、 instead of . : fine */
    s.project_tc = "1、全县教师培训项目绩效目标表";
    r = S_check(&s);
    assert_int_equal(r.d->nprojects, 1);
    assert_int_equal(r.d->projects[0].ntc, 1);
    S_expect(r.d, NULL);
    S_done(&r);

    /* the right title under another number */
    s.project_tc = "3、全县教师培训项目绩效目标表";
    r = S_check(&s);
    S_expect(r.d, "toc.mismatch", 1, NULL);
    S_done(&r);
}

static void test_missing_section(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.order = "12345679";   /* no 名词解释 */
    S_run r = S_check(&s);
    S_expect(r.d, "section.missing", 1, NULL);
    const dc_finding *f = S_find(r.d, "section.missing");
    assert_int_equal(f->severity, DC_SEV_WARNING);
    assert_non_null(strstr(f->message, "名词解释"));
    S_done(&r);
}

static void test_project_cost(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.project_table = "绩效目标|完成培训|<|<|<|<\n"
                      "一级指标|二级指标|三级指标|绩效指标描述|指标值|指标值确定依据\n"
                      "产出指标|成本指标|预算成本|不超出预算|≤5000万元|预算批复";
    S_run r = S_check(&s);
    S_expect(r.d, "project.cost_exceeds_total", 1, NULL);
    const dc_finding *f = S_find(r.d, "project.cost_exceeds_total");
    assert_int_equal(f->severity, DC_SEV_ERROR);
    assert_non_null(strstr(f->message, "1000.00"));
    S_done(&r);

    /* 元 is converted: 7000元 is well below */
    s.project_table = "绩效目标|完成培训|<|<|<|<\n"
                      "一级指标|二级指标|三级指标|绩效指标描述|指标值|指标值确定依据\n"
                      "产出指标|成本指标|预算成本|不超出预算|≤7000元|预算批复";
    r = S_check(&s);
    S_expect(r.d, NULL);
    S_done(&r);
}

static void test_sample(void **state)
{
    (void)state;
    dc_error err = {0};
    dc_doc *doc = dc_read_file("yongqing-eco-2021.docx", NULL, &err);
    if (!doc)
        fail_msg("cannot read the sample: %s", err.msg);
    dc_disclosure *d = dc_recognize(doc);
    dc_validate(d);
    /* the sums are consistent; the numbering jump and the foreign TC entry warn */
    assert_int_equal(dc_disclosure_count(d, DC_SEV_ERROR), 0);
    assert_int_equal(dc_disclosure_count(d, DC_SEV_WARNING), 2);
    const dc_finding *skip = S_find(d, "numbering.skip");
    assert_non_null(strstr(skip->message, "（六）"));
    assert_non_null(strstr(skip->message, "（十）"));
    const dc_finding *toc = S_find(d, "toc.mismatch");
    assert_non_null(strstr(toc->message, "交通局"));
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_consistent),
        cmocka_unit_test(test_income_wrong_total),
        cmocka_unit_test(test_expenditure_not_income),
        cmocka_unit_test(test_procurement_sums),
        cmocka_unit_test(test_assets_sums),
        cmocka_unit_test(test_change_inconsistent),
        cmocka_unit_test(test_three_public),
        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_toc_entries),
        cmocka_unit_test(test_missing_section),
        cmocka_unit_test(test_project_cost),
        cmocka_unit_test(test_sample),
    };
    return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
