/*
 * test_recognize.c - the recognizer on disclosures built by the tests: another
 * county and year, sections reordered or missing, headings unstyled or from
 * auto-numbering, numbers written 1,920.96 / １９２０．９６ / split across runs
 * or paragraphs, a final-accounts (决算) disclosure, tables with other column
 * orders; and the sample itself.
 */
#include <math.h>

#include "disclosure_fixture.h"
#include "model/recognize.h"
#include "model/validate.h"

static void S_amount_eq(const dc_amount *a, const char *text, const char *what)
{
    if (!a->present)
        fail_msg("%s: not found (expected %s)", what, text);
    if (strcmp(a->text, text) != 0)
        fail_msg("%s: '%s' != '%s'", what, a->text, text);
}

static int S_has_finding(const dc_disclosure *d, const char *code)
{
    for (size_t i = 0; i < d->nfindings; i++)
        if (!strcmp(d->findings[i].code, code))
            return 1;
    return 0;
}

static int S_missing_section(const dc_disclosure *d, const char *name)
{
    for (size_t i = 0; i < d->nmissing; i++)
        if (!strcmp(d->missing_sections[i], name))
            return 1;
    return 0;
}

static void test_another_county(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    assert_string_equal(d->title, "某县教育局2023年部门预算信息公开情况说明");
    assert_string_equal(d->department, "某县教育局");
    assert_int_equal(d->year, 2023);
    assert_false(d->is_final_accounts);
    assert_int_equal(d->nsections, 9);
    assert_int_equal(d->nmissing, 0);
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(d->sections[i].kind, (dc_section_kind)(i + 1));
    S_amount_eq(&d->income.total, "1000.00", "income.total");
    S_amount_eq(&d->income.general_public_budget, "800.00", "income.gpb");
    S_amount_eq(&d->income.government_fund, "0", "income.fund");
    S_amount_eq(&d->income.fiscal_special_account, "0", "income.special");
    S_amount_eq(&d->income.other, "0", "income.other");
    S_amount_eq(&d->income.carried_over_from_last_year, "200.00", "income.carried");
    S_amount_eq(&d->expenditure.total, "1000.00", "expenditure.total");
    S_amount_eq(&d->expenditure.basic, "600.00", "expenditure.basic");
    S_amount_eq(&d->expenditure.project, "400.00", "expenditure.project");
    assert_int_equal(d->change.direction, DC_DIR_INCREASE);
    assert_int_equal(d->change.compared_with_year, 2022);
    S_amount_eq(&d->change.amount, "100.00", "change.amount");
    S_amount_eq(&d->change.last_year_total, "900.00", "change.last_year_total");
    assert_int_equal(d->change.basic_direction, DC_DIR_INCREASE);
    S_amount_eq(&d->change.basic_amount, "50.00", "change.basic");
    assert_int_equal(d->change.project_direction, DC_DIR_INCREASE);
    S_amount_eq(&d->agency_operating_expenses, "20.5", "operating");
    S_amount_eq(&d->three_public.total, "3.5", "3public.total");
    S_amount_eq(&d->three_public.overseas_travel, "0", "3public.travel");
    S_amount_eq(&d->three_public.official_vehicles, "2", "3public.vehicles");
    S_amount_eq(&d->three_public.vehicle_purchase, "0", "3public.purchase");
    S_amount_eq(&d->three_public.vehicle_operation, "2", "3public.operation");
    S_amount_eq(&d->three_public.official_reception, "1.5", "3public.reception");
    S_amount_eq(&d->three_public.change, "0.5", "3public.change");
    assert_int_equal(d->three_public.change_direction, DC_DIR_DECREASE);
    assert_int_equal(d->three_public.compared_with_year, 2022);

    /* every figure knows its paragraph */
    assert_non_null(d->income.total.src.block);
    assert_true(d->income.total.src.block_index > 0);

    assert_int_equal(d->norgs, 2);
    assert_string_equal(d->orgs[1].name, "教研室");
    assert_string_equal(d->orgs[1].nature, "事业");
    assert_string_equal(d->orgs[1].level, "股级");
    assert_string_equal(d->orgs[1].funding, "财政拨款");
    assert_int_equal(d->nduties, 2);

    const dc_indicator_table *di = &d->department_indicators;
    assert_string_equal(di->title, "部门整体支出绩效指标情况");
    assert_int_equal(di->nrows, 3);
    assert_string_equal(di->rows[1].level1, "产出指标");     /* filled down */
    assert_string_equal(di->rows[1].symbol, "文字描述");
    assert_string_equal(di->rows[1].value, "");
    assert_string_equal(di->rows[1].unit, "及时");
    assert_string_equal(di->rows[0].scoring, "每少100人扣10%");
    assert_string_equal(di->rows[0].measure.op, "≥");
    assert_string_equal(di->rows[0].measure.number_text, "500.00");

    assert_int_equal(d->nprojects, 1);
    const dc_project_table *p = &d->projects[0];
    assert_int_equal(p->number, 1);
    assert_string_equal(p->title, "1.全县教师培训项目绩效目标表");
    assert_int_equal(p->ngoals, 2);
    assert_string_equal(p->goal_text, "1.完成全县教师培训。\n2.提高教学质量");
    assert_int_equal(p->nrows, 3);
    assert_string_equal(p->rows[1].level1, "产出指标");
    assert_string_equal(p->rows[1].level2, "成本指标");
    assert_string_equal(p->rows[1].measure.op, "≤");
    assert_string_equal(p->rows[1].measure.unit, "万元");
    assert_string_equal(p->rows[2].value, "提高");
    assert_false(p->rows[2].measure.has_number);

    S_amount_eq(&d->procurement.total, "300.00", "procurement.total");
    S_amount_eq(&d->procurement.table_total, "300.00", "procurement.table_total");
    assert_int_equal(d->procurement.nrows, 2);
    assert_string_equal(d->procurement.rows[1].project, "课桌椅采购");
    S_amount_eq(&d->procurement.rows[1].quantity, "2", "procurement.qty");
    S_amount_eq(&d->procurement.rows[1].unit_price, "50.00", "procurement.price");

    S_amount_eq(&d->assets.total, "150.00", "assets.total");
    assert_string_equal(d->assets.as_of, "2022-12-31");
    assert_string_equal(d->assets.compiled_by, "某县教育局");
    assert_int_equal(d->assets.nrows, 5);
    assert_true(d->assets.rows[0].is_total);
    assert_true(d->assets.rows[2].is_part);
    assert_false(d->assets.rows[4].value.present);
    S_amount_eq(&d->assets.planned_purchases, "0", "assets.planned");

    assert_int_equal(d->nglossary, 3);
    assert_string_equal(d->glossary_terms[2], "“三公”经费");

    dc_validate(d);
    assert_int_equal(dc_disclosure_count(d, DC_SEV_WARNING), 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* One income sentence written a different way: the general public budget
 * figure must still be 1920.96 with its written precision. */
static void S_income_variant(const char *income)
{
    fx_spec s;
    fx_defaults(&s);
    s.income = income;
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    S_amount_eq(&d->income.general_public_budget, "1920.96", income);
    S_amount_eq(&d->income.carried_over_from_last_year, "1665.18", income);
    S_amount_eq(&d->income.total, "3586.14", income);
    dc_validate(d);
    assert_false(S_has_finding(d, "income.sum"));
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_number_forms(void **state)
{
    (void)state;
    /* thousands separators */
    S_income_variant("2023年预算收入3,586.14万元，其中：一般公共预算收入1,920.96万元，"
                     "上年结转1,665.18万元。");
    /* full-width digits and point */
    S_income_variant("２０２３年预算收入３５８６．１４万元，其中：一般公共预算收入１９２０．９６万元，"
                     "上年结转１６６５．１８万元。");
    /* split across runs */
    S_income_variant("2023年预算收入3586.14万元，其中：一般公共预算收入19\x02" "20.\x02" "96\x02"
                     "万元，上年结转1665.18万\x02元。");
    /* split across paragraphs, as in the sample */
    S_income_variant("2023年预算收入3586.14万元，其中：一般公共预算收入1920.96万元，上年结转1665.18"
                     "\x01万元。");
    S_income_variant("2023年预算收入3586.14万元，其中：一般公共预算收入1920\x01.96万元，"
                     "上年结转1665.18万元。");
    /* labels that overlap: 项目支出预算 is the project figure, not the total */
    {
        fx_spec v;
        fx_defaults(&v);
        v.expenditure = "2023年部门支出预算1000.00万元，其中：基本支出预算600.00万元，"
                        "项目支出预算400.00万元。";
        dc_doc *vd = fx_build(&v);
        dc_disclosure *dd = dc_recognize(vd);
        S_amount_eq(&dd->expenditure.total, "1000.00", "expenditure.total");
        S_amount_eq(&dd->expenditure.basic, "600.00", "expenditure.basic");
        S_amount_eq(&dd->expenditure.project, "400.00", "expenditure.project");
        dc_disclosure_free(dd);
        dc_doc_free(vd);
    }
    /* 元 instead of 万元 converts, the text stays as written */
    fx_spec s;
    fx_defaults(&s);
    s.operating = "机关运行经费共计安排205,000元。";
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    S_amount_eq(&d->agency_operating_expenses, "205000", "operating");
    assert_string_equal(d->agency_operating_expenses.unit, "元");
    assert_true(fabs(dc_amount_wan(&d->agency_operating_expenses) - 20.5) < 1e-9);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_sections_reordered(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.order = "198765432";
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->nsections, 9);
    assert_int_equal(d->nmissing, 0);
    assert_int_equal(d->sections[1].kind, DC_SECTION_OTHER);
    assert_int_equal(d->sections[8].kind, DC_SECTION_BUDGET);
    S_amount_eq(&d->income.total, "1000.00", "income.total");
    S_amount_eq(&d->three_public.total, "3.5", "3public.total");
    S_amount_eq(&d->procurement.total, "300.00", "procurement.total");
    assert_int_equal(d->nprojects, 1);
    assert_int_equal(d->nglossary, 3);
    dc_validate(d);
    assert_true(S_has_finding(d, "section.order"));
    assert_false(S_has_finding(d, "numbering.skip"));
    assert_int_equal(dc_disclosure_count(d, DC_SEV_ERROR), 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_sections_missing(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.order = "1235789";   /* no 三公, no 政府采购 */
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->nsections, 7);
    assert_int_equal(d->nmissing, 2);
    assert_true(S_missing_section(d, "three_public_expenses"));
    assert_true(S_missing_section(d, "procurement"));
    assert_false(d->three_public.total.present);
    assert_false(d->procurement.total.present);
    S_amount_eq(&d->assets.total, "150.00", "assets.total");
    int missing_3p = 0;
    for (size_t i = 0; i < d->nmissing_figures; i++)
        if (!strcmp(d->missing[i], "three_public_expenses.total"))
            missing_3p = 1;
    assert_true(missing_3p);
    dc_validate(d);
    assert_true(S_has_finding(d, "section.missing"));
    assert_true(S_has_finding(d, "figure.missing"));
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* The national template's order (三公 before 机关运行经费, 采购 and 资产 before
 * 绩效, 名词解释 last) without 其他需要说明的事项: in order, nothing missing;
 * an order that is neither template's is noted. */
static void test_sections_national_order(void **state)
{
    (void)state;
    static const struct {
        const char *order;
        int order_noted, other_missing;
    } cases[] = {
        {"12436758", 0, 0},    /* national, no 其他 */
        {"124367598", 0, 0},   /* national with 其他 before 名词解释 */
        {"12345678", 0, 1},    /* provincial without 其他: missing */
        {"21436758", 1, 1},    /* neither (职责 after 收支): provincial rules */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fx_spec s;
        fx_defaults(&s);
        s.order = cases[i].order;
        dc_doc *doc = fx_build(&s);
        dc_disclosure *d = dc_recognize(doc);
        dc_validate(d);
        if (S_has_finding(d, "section.order") != cases[i].order_noted ||
            S_has_finding(d, "section.missing") != cases[i].other_missing)
            fail_msg("order %s: section.order %d, section.missing %d", cases[i].order,
                     S_has_finding(d, "section.order"), S_has_finding(d, "section.missing"));
        dc_disclosure_free(d);
        dc_doc_free(doc);
    }
}

static void test_unstyled_headings(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.styled = 0;
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->nsections, 9);
    assert_int_equal(d->nmissing, 0);
    S_amount_eq(&d->income.total, "1000.00", "income.total");
    assert_int_equal(d->nprojects, 1);
    dc_validate(d);
    assert_int_equal(dc_disclosure_count(d, DC_SEV_WARNING), 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* Headings numbered by Word (w:numPr): the label is the paragraph's first run. */
static void test_auto_numbered_headings(void **state)
{
    (void)state;
    static const char numbering[] =
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
        "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    const char *heads[] = {"部门职责及机构设置情况", "部门预算安排的总体情况", "机关运行经费安排情况",
                           "财政拨款“三公”经费预算情况", "绩效预算信息", "政府采购预算情况",
                           "国有资产信息", "名词解释", "其他需要说明的事项"};
    dc_buf b = DC_BUF_INIT;
    fx_para(&b, "Title", "某市审计局2024年部门预算公开");
    for (int i = 0; i < 9; i++) {
        dc_buf_puts(&b, "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"
                        "</w:numPr></w:pPr>");
        fx_runs(&b, heads[i], strlen(heads[i]));
        dc_buf_puts(&b, "</w:p>");
        if (i == 1)
            fx_p(&b, "2024年预算收入500.00万元，其中：一般公共预算收入500.00万元。");
    }
    dc_doc *doc = th_docx(b.data, fx_styles, numbering, NULL);
    dc_buf_free(&b);
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->nsections, 9);
    assert_int_equal(d->sections[3].number, 4);
    /* the label as Word shows it, with its tab: "四、\t财政拨款…" */
    assert_true(!strncmp(d->sections[3].heading, "四、", strlen("四、")));
    assert_non_null(strstr(d->sections[3].heading, "财政拨款“三公”经费预算情况"));
    assert_int_equal(d->sections[3].kind, DC_SECTION_THREE_PUBLIC);
    assert_string_equal(d->department, "某市审计局");
    assert_int_equal(d->year, 2024);
    S_amount_eq(&d->income.total, "500.00", "income.total");
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_final_accounts(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.title = "某县卫生健康局2022年度部门决算公开说明";
    s.preamble = "现将某县卫生健康局2022年度部门决算公开如下：";
    s.budget_heading = "收入支出决算总体情况说明";
    s.income = "2022年度收入总计500.00万元，其中：财政拨款收入450.00万元，事业收入30.00万元，"
               "其他收入20.00万元。";
    s.expenditure = "2022年度支出总计480.00万元，其中：基本支出300.00万元，项目支出180.00万元。"
                    "年末结转和结余20.00万元。";
    s.change = "2022年度收入总计较2021年增加50.00万元。";
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    assert_true(d->is_final_accounts);
    assert_int_equal(d->year, 2022);
    assert_string_equal(d->department, "某县卫生健康局");
    assert_int_equal(d->nmissing, 0);
    S_amount_eq(&d->income.total, "500.00", "income.total");
    S_amount_eq(&d->income.fiscal_appropriation, "450.00", "income.fiscal");
    S_amount_eq(&d->income.business, "30.00", "income.business");
    S_amount_eq(&d->income.other, "20.00", "income.other");
    S_amount_eq(&d->expenditure.total, "480.00", "expenditure.total");
    S_amount_eq(&d->expenditure.carried_forward, "20.00", "expenditure.carried");
    assert_int_equal(d->change.direction, DC_DIR_INCREASE);
    assert_int_equal(d->change.compared_with_year, 2021);
    dc_validate(d);
    /* income and expenditure differ in final accounts: not an error */
    assert_int_equal(dc_disclosure_count(d, DC_SEV_ERROR), 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* The final-accounts template: 第一部分 部门概况, 第二部分 …决算情况说明 with
 * 一、… under it, 第三部分 名词解释. */
static void test_final_accounts_parts(void **state)
{
    (void)state;
    dc_buf b = DC_BUF_INIT;
    fx_para(&b, "Title", "某县财政局2022年度部门决算");
    fx_para(&b, "Heading1", "第一部分 部门概况");
    fx_para(&b, "Heading2", "一、部门职责");
    fx_p(&b, "负责全县财政工作。");
    fx_para(&b, "Heading2", "二、机构设置");
    fx_table(&b, fx_org_table);
    fx_para(&b, "Heading1", "第二部分 2022年度部门决算情况说明");
    fx_para(&b, "Heading2", "一、收入支出决算总体情况说明");
    fx_p(&b, "2022年度收入总计300.00万元，支出总计300.00万元。");
    fx_para(&b, "Heading2", "二、“三公”经费支出决算情况说明");
    fx_p(&b, "2022年度“三公”经费支出决算1.00万元。");
    fx_para(&b, "Heading2", "三、机关运行经费支出情况");
    fx_p(&b, "2022年度机关运行经费支出20.00万元。");
    fx_para(&b, "Heading2", "四、政府采购支出情况");
    fx_p(&b, "2022年度政府采购支出总额10.00万元。");
    fx_para(&b, "Heading2", "五、国有资产占用情况");
    fx_p(&b, "截至2022年12月31日，固定资产总额50.00万元。");
    fx_para(&b, "Heading2", "六、预算绩效情况说明");
    fx_p(&b, "开展了绩效自评。");
    fx_para(&b, "Heading2", "七、其他重要事项的情况说明");
    fx_p(&b, "无。");
    fx_para(&b, "Heading1", "第三部分 名词解释");
    fx_p(&b, "1、财政拨款收入：指本级财政当年拨付的资金。");
    dc_doc *doc = th_docx(b.data, fx_styles, NULL, NULL);
    dc_buf_free(&b);
    dc_disclosure *d = dc_recognize(doc);
    assert_true(d->is_final_accounts);
    assert_int_equal(d->year, 2022);
    assert_string_equal(d->department, "某县财政局");
    if (d->nmissing)
        fail_msg("missing section %s", d->missing_sections[0]);
    S_amount_eq(&d->income.total, "300.00", "income.total");
    S_amount_eq(&d->three_public.total, "1.00", "3public.total");
    S_amount_eq(&d->agency_operating_expenses, "20.00", "operating");
    S_amount_eq(&d->procurement.total, "10.00", "procurement.total");
    S_amount_eq(&d->assets.total, "50.00", "assets.total");
    assert_int_equal(d->nglossary, 1);
    dc_validate(d);
    assert_int_equal(dc_disclosure_count(d, DC_SEV_WARNING), 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* A typed 目录 whose entries end in page numbers (and do not repeat the body's
 * headings word for word), unstyled part headings, and a final account's
 * 本年收入合计 before 年初结转和结余: no list, section or total from them. */
static void test_typed_contents(void **state)
{
    (void)state;
    dc_buf b = DC_BUF_INIT;
    fx_para(&b, "Title", "某县财政局2022年度部门决算");
    fx_p(&b, "目  录");
    fx_p(&b, "第一部分 部门概况\t1");
    fx_p(&b, "第二部分 部门决算情况说明……………3");
    fx_p(&b, "第三部分 名词解释 ·········· 9");
    fx_p(&b, "第一部分 某县财政局概况");
    fx_p(&b, "一、部门职责");
    fx_p(&b, "负责全县财政工作。");
    fx_p(&b, "第二部分 2022年度部门决算情况说明");
    fx_p(&b, "一、收入决算情况说明");
    fx_p(&b, "2022年度本年收入合计280.00万元，其中：财政拨款收入280.00万元；年初结转和结余"
             "20.00万元。收入、支出决算总计300.00万元。");
    fx_p(&b, "第三部分 名词解释");
    fx_p(&b, "1、财政拨款收入：指本级财政当年拨付的资金。");
    dc_doc *doc = th_docx(b.data, fx_styles, NULL, NULL);
    dc_buf_free(&b);
    dc_disclosure *d = dc_recognize(doc);
    for (size_t i = 0; i < d->noutline; i++)
        assert_true(d->outline[i].block_index > 4);
    for (size_t i = 0; i < d->nsections; i++)
        assert_true(d->sections[i].block_index > 4);
    S_amount_eq(&d->income.total, "300.00", "income.total");
    S_amount_eq(&d->expenditure.total, "300.00", "expenditure.total");
    dc_validate(d);
    for (size_t i = 0; i < d->nfindings; i++)
        if (!strncmp(d->findings[i].code, "numbering.", 10) ||
            !strcmp(d->findings[i].code, "income.sum") ||
            !strcmp(d->findings[i].code, "section.order"))
            fail_msg("%s: %s", d->findings[i].code, d->findings[i].message);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* A table of contents Word generated (entries styled "toc 1" / "toc 2", no
 * 目录 line) is no list or section either. */
static void test_generated_contents(void **state)
{
    (void)state;
    char styles[2048];
    snprintf(styles, sizeof styles, "%s%s", fx_styles,
             "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\">"
             "<w:name w:val=\"toc 1\"/></w:style>"
             "<w:style w:type=\"paragraph\" w:styleId=\"TOC2\">"
             "<w:name w:val=\"toc 2\"/></w:style>");
    dc_buf b = DC_BUF_INIT;
    fx_para(&b, "Title", "某县财政局2022年度部门决算");
    fx_para(&b, "TOC1", "第一部分 部门概况\t1");
    fx_para(&b, "TOC2", "一、部门职责\t1");
    fx_para(&b, "TOC1", "第二部分 部门决算情况说明\t3");
    fx_para(&b, "TOC1", "第三部分 名词解释\t9");
    fx_para(&b, "Heading1", "第一部分 部门概况");
    fx_para(&b, "Heading2", "一、部门职责");
    fx_p(&b, "负责全县财政工作。");
    fx_para(&b, "Heading1", "第二部分 2022年度部门决算情况说明");
    fx_para(&b, "Heading2", "一、收入支出决算总体情况说明");
    fx_p(&b, "2022年度收入总计300.00万元，支出总计300.00万元。");
    fx_para(&b, "Heading1", "第三部分 名词解释");
    fx_p(&b, "1、财政拨款收入：指本级财政当年拨付的资金。");
    dc_doc *doc = th_docx(b.data, styles, NULL, NULL);
    dc_buf_free(&b);
    dc_disclosure *d = dc_recognize(doc);
    for (size_t i = 0; i < d->noutline; i++)
        assert_true(d->outline[i].block_index > 4);
    for (size_t i = 0; i < d->nsections; i++)
        assert_true(d->sections[i].block_index > 4);
    dc_validate(d);
    for (size_t i = 0; i < d->nfindings; i++)
        if (!strncmp(d->findings[i].code, "numbering.", 10) ||
            !strcmp(d->findings[i].code, "section.order"))
            fail_msg("%s: %s", d->findings[i].code, d->findings[i].message);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* Columns in another order, extra columns, no merges: found by their headers. */
static void test_table_vocabulary(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.project_table =
        "项目名称|学校安全工程|<|<|<|<|<\n"
        "年度绩效目标|保障校舍安全|<|<|<|<|<\n"
        "一级指标|二级指标|三级指标|指标值|评（扣）分标准|绩效指标描述|指标值确定依据\n"
        "产出指标|数量指标|改造校舍|≥12所|少一所扣5分|改造校舍数量|计划\n"
        "产出指标|成本指标|改造成本|≤7000元|超支扣分|单校成本|预算\n"
        "满意度指标|服务对象满意度指标|家长满意度|≥90%|每降5%扣10%|家长满意|问卷";
    s.project_caption = "";
    s.org_table = "序号|单位名称|经费保障形式|单位性质|单位规格\n"
                  "1|某县教育局|财政拨款|行政|正科级";
    dc_doc *doc = fx_build(&s);
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->nprojects, 1);
    const dc_project_table *p = &d->projects[0];
    assert_string_equal(p->title, "学校安全工程");
    assert_string_equal(p->goal_text, "保障校舍安全");
    assert_true(p->has_scoring);
    assert_int_equal(p->nrows, 3);
    assert_string_equal(p->rows[0].description, "改造校舍数量");
    assert_string_equal(p->rows[0].value, "≥12所");
    assert_string_equal(p->rows[0].scoring, "少一所扣5分");
    assert_string_equal(p->rows[1].measure.unit, "元");
    assert_int_equal(d->norgs, 1);
    assert_string_equal(d->orgs[0].name, "某县教育局");
    assert_string_equal(d->orgs[0].nature, "行政");
    assert_string_equal(d->orgs[0].funding, "财政拨款");
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* An unstyled title wrapped over two centred lines, after a document number. */
static void test_wrapped_title(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.title = "";
    char *body = fx_body(&s);
    dc_buf b = DC_BUF_INIT;
    fx_p(&b, "附件1");
    dc_buf_puts(&b, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>某县教育局</w:t></w:r>"
                    "</w:p><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>2023年部门预算"
                    "信息公开情况说明</w:t></w:r></w:p>"
                    "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>（2023年3月）</w:t>"
                    "</w:r></w:p>");
    dc_buf_puts(&b, body);
    free(body);
    dc_doc *doc = th_docx(b.data, fx_styles, NULL, NULL);
    dc_buf_free(&b);
    dc_disclosure *d = dc_recognize(doc);
    assert_string_equal(d->title, "某县教育局2023年部门预算信息公开情况说明");
    assert_string_equal(d->department, "某县教育局");
    assert_int_equal(d->year, 2023);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* Figures given in a 收支总表 instead of sentences. */
static void test_budget_summary_table(void **state)
{
    (void)state;
    fx_spec s;
    fx_defaults(&s);
    s.income = "部门收支总表见下表。";
    s.expenditure = "";
    s.change = "";
    s.procurement_text = "详见下表。";
    dc_buf b = DC_BUF_INIT;
    char *body = fx_body(&s);
    /* put the table after the income sentence */
    const char *at = strstr(body, "部门收支总表见下表。");
    assert_non_null(at);
    at = strstr(at, "</w:p>") + strlen("</w:p>");
    dc_buf_put(&b, body, (size_t)(at - body));
    fx_p(&b, "单位：万元");
    fx_table(&b, "收入|<|支出|<\n"
                 "项目|预算数|项目|预算数\n"
                 "一、一般公共预算拨款收入|800.00|一、基本支出|600.00\n"
                 "二、政府性基金预算拨款收入|0.00|二、项目支出|400.00\n"
                 "本年收入合计|800.00|本年支出合计|1000.00\n"
                 "上年结转结余|200.00||\n"
                 "收入总计|1,000.00|支出总计|1,000.00");
    dc_buf_puts(&b, at);
    free(body);
    dc_doc *doc = th_docx(b.data, fx_styles, NULL, NULL);
    dc_buf_free(&b);
    dc_disclosure *d = dc_recognize(doc);
    S_amount_eq(&d->income.total, "1000.00", "income.total");
    S_amount_eq(&d->income.general_public_budget, "800.00", "income.gpb");
    S_amount_eq(&d->income.government_fund, "0.00", "income.fund");
    S_amount_eq(&d->income.carried_over_from_last_year, "200.00", "income.carried");
    S_amount_eq(&d->expenditure.total, "1000.00", "expenditure.total");
    S_amount_eq(&d->expenditure.basic, "600.00", "expenditure.basic");
    S_amount_eq(&d->expenditure.project, "400.00", "expenditure.project");
    assert_int_equal(d->income.total.src.row, 6);
    assert_int_equal(d->income.total.src.col, 1);
    /* the procurement text gives no total: the table's 合计 stands in */
    S_amount_eq(&d->procurement.total, "300.00", "procurement.total");
    int found = 0;
    for (size_t i = 0; i < d->ntables; i++)
        if (d->tables[i].kind == DC_TABLE_BUDGET_SUMMARY)
            found++;
    assert_int_equal(found, 1);
    dc_validate(d);
    assert_int_equal(dc_disclosure_count(d, DC_SEV_ERROR), 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* A table that names 采购 in its first rows but has no amount column is not
 * the procurement table; the real one after it keeps its own headers only
 * (a refused candidate's headers once ran past the list). */
static void test_procurement_after_a_refused_candidate(void **state)
{
    (void)state;
    dc_buf b = DC_BUF_INIT;
    fx_p(&b, "政府采购评审表");
    fx_table(&b, "采购单位|填表人类别|意见|备注|签字|日期|电话|邮箱\n"
                 "甲|乙|丙|丁|戊|己|庚|辛");
    fx_caption(&b, "部门政府采购预算", NULL);
    fx_table(&b, fx_procurement_table);
    dc_doc *doc = th_docx(b.data, fx_styles, NULL, NULL);
    dc_buf_free(&b);
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->procurement.nheaders, 6);
    assert_string_equal(d->procurement.headers[0], "项目名称");
    assert_string_equal(d->procurement.headers[5], "政府采购金额/一般公共预算拨款");
    assert_int_equal(d->procurement.nrows, 2);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* Something that is not a disclosure at all: nothing crashes, all is missing. */
static void test_unrelated_document(void **state)
{
    (void)state;
    dc_doc *doc = th_docx("<w:p><w:r><w:t>会议纪要</w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>一、出席人员</w:t></w:r></w:p>"
                          "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1,2,3</w:t></w:r></w:p></w:tc></w:tr>"
                          "</w:tbl>",
                          NULL, NULL, NULL);
    dc_disclosure *d = dc_recognize(doc);
    assert_int_equal(d->nmissing, 9);
    assert_false(d->income.total.present);
    assert_int_equal(d->ntables, 1);
    assert_int_equal(d->tables[0].kind, DC_TABLE_OTHER);
    dc_validate(d);
    assert_true(S_has_finding(d, "document.unrecognized"));
    assert_false(S_has_finding(d, "section.missing"));
    assert_int_equal(dc_disclosure_count(d, DC_SEV_ERROR), 0);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

/* The sample: figures by phrase, 24 project tables, the TC entries. */
static void test_sample(void **state)
{
    (void)state;
    dc_error err = {0};
    dc_doc *doc = dc_read_file("yongqing-eco-2021.docx", NULL, &err);
    if (!doc)
        fail_msg("cannot read the sample: %s", err.msg);
    dc_disclosure *d = dc_recognize(doc);
    assert_string_equal(d->department, "廊坊市生态环境局永清县分局");
    assert_int_equal(d->year, 2021);
    S_amount_eq(&d->income.carried_over_from_last_year, "1665.18", "carried");
    S_amount_eq(&d->change.amount, "229.85576", "change");
    assert_int_equal(d->nprojects, 24);
    assert_int_equal(d->projects[9].number, 10);
    assert_string_equal(d->projects[9].title, "10.2020年永清县网格化咨询服务项目绩效目标表");
    assert_int_equal(d->projects[0].ntc, 2);
    assert_int_equal(d->projects[1].ntc, 0);
    assert_int_equal(d->department_indicators.nrows, 16);
    assert_int_equal(d->norgs, 10);
    assert_int_equal(d->nglossary, 10);
    assert_int_equal(d->ntables, 28);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_another_county),
        cmocka_unit_test(test_number_forms),
        cmocka_unit_test(test_sections_reordered),
        cmocka_unit_test(test_sections_missing),
        cmocka_unit_test(test_sections_national_order),
        cmocka_unit_test(test_unstyled_headings),
        cmocka_unit_test(test_auto_numbered_headings),
        cmocka_unit_test(test_final_accounts),
        cmocka_unit_test(test_final_accounts_parts),
        cmocka_unit_test(test_typed_contents),
        cmocka_unit_test(test_generated_contents),
        cmocka_unit_test(test_table_vocabulary),
        cmocka_unit_test(test_wrapped_title),
        cmocka_unit_test(test_budget_summary_table),
        cmocka_unit_test(test_procurement_after_a_refused_candidate),
        cmocka_unit_test(test_unrelated_document),
        cmocka_unit_test(test_sample),
    };
    return cmocka_run_group_tests_name("recognize", tests, NULL, NULL);
}
