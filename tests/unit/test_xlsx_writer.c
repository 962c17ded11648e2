/*
 * test_xlsx_writer.c - the workbook written from small documents and a
 * disclosure filled by hand, read back from the zip (minizip + libxml2):
 * sheet order and names, captions and units, header detection, numbers and
 * their formats, merges, the 概况 figures with their sources, the 绩效指标
 * rows, properties and determinism; and the layout helpers (CJK widths,
 * wrapped lines, W3CDTF dates).
 */
#include "helpers.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <unzip.h>

#include "converters/write/xlsx_writer.h"
#include "model/disclosure.h"

/* ------------------------------------------------------------------------
 * Reading a workbook back
 * ------------------------------------------------------------------------ */

typedef struct {
    char path[64];
    char **sst;
    int nsst;
    xmlDocPtr styles, workbook, core;
    xmlDocPtr sheets[64];
    int nsheets;
} S_book;

static char *S_entry(const char *zip, const char *name, size_t *len)
{
    unzFile z = unzOpen(zip);
    assert_non_null(z);
    if (unzLocateFile(z, name, 1) != UNZ_OK) {
        unzClose(z);
        return NULL;
    }
    unz_file_info info;
    assert_int_equal(unzGetCurrentFileInfo(z, &info, NULL, 0, NULL, 0, NULL, 0), UNZ_OK);
    assert_int_equal(unzOpenCurrentFile(z), UNZ_OK);
    char *buf = malloc(info.uncompressed_size + 1);
    int n = unzReadCurrentFile(z, buf, (unsigned)info.uncompressed_size);
    assert_int_equal(n, (int)info.uncompressed_size);
    buf[n] = '\0';
    unzCloseCurrentFile(z);
    unzClose(z);
    if (len)
        *len = (size_t)n;
    return buf;
}

static xmlDocPtr S_part(const char *zip, const char *name)
{
    size_t len;
    char *data = S_entry(zip, name, &len);
    if (!data)
        return NULL;
    xmlDocPtr doc = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    free(data);
    return doc;
}

/* string(expr) evaluated on doc, with m: the spreadsheet namespace; caller frees. */
static char *S_xpath(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "m",
                       BAD_CAST "http://schemas.openxmlformats.org/spreadsheetml/2006/main");
    xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
    xmlXPathRegisterNs(ctx, BAD_CAST "dcterms", BAD_CAST "http://purl.org/dc/terms/");
    char full[512];
    snprintf(full, sizeof full, "string(%s)", expr);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST full, ctx);
    assert_non_null(o);
    char *s = strdup(o->stringval ? (const char *)o->stringval : "");
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    return s;
}

static int S_count(xmlDocPtr doc, const char *expr)
{
    char full[512];
    snprintf(full, sizeof full, "count(%s)", expr);
    char *s = S_xpath(doc, full);
    int n = atoi(s);
    free(s);
    return n;
}

static void S_open(S_book *b, const char *path)
{
    memset(b, 0, sizeof *b);
    snprintf(b->path, sizeof b->path, "%s", path);
    b->styles = S_part(path, "xl/styles.xml");
    b->workbook = S_part(path, "xl/workbook.xml");
    b->core = S_part(path, "docProps/core.xml");
    xmlDocPtr sst = S_part(path, "xl/sharedStrings.xml");
    if (sst) {
        xmlXPathContextPtr ctx = xmlXPathNewContext(sst);
        xmlXPathRegisterNs(ctx, BAD_CAST "m",
                           BAD_CAST "http://schemas.openxmlformats.org/spreadsheetml/2006/main");
        xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "//m:si", ctx);
        int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
        b->sst = calloc((size_t)n + 1, sizeof *b->sst);
        for (int i = 0; i < n; i++) {
            xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
            b->sst[i] = strdup((const char *)t);
            xmlFree(t);
        }
        b->nsst = n;
        xmlXPathFreeObject(o);
        xmlXPathFreeContext(ctx);
        xmlFreeDoc(sst);
    }
    for (int i = 0; i < 64; i++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i + 1);
        b->sheets[i] = S_part(path, name);
        if (!b->sheets[i])
            break;
        b->nsheets++;
    }
}

static void S_close(S_book *b)
{
    for (int i = 0; i < b->nsst; i++)
        free(b->sst[i]);
    free(b->sst);
    xmlFreeDoc(b->styles);
    xmlFreeDoc(b->workbook);
    xmlFreeDoc(b->core);
    for (int i = 0; i < b->nsheets; i++)
        xmlFreeDoc(b->sheets[i]);
}

/* The name of sheet i (1-based); caller frees. */
static char *S_sheet_name(S_book *b, int i)
{
    char e[64];
    snprintf(e, sizeof e, "/m:workbook/m:sheets/m:sheet[%d]/@name", i);
    return S_xpath(b->workbook, e);
}

/* A cell's value as text ("" when blank) and whether it is a number; caller frees. */
static char *S_cell(S_book *b, int sheet, const char *ref, int *is_num)
{
    xmlDocPtr ws = b->sheets[sheet - 1];
    char e[128];
    snprintf(e, sizeof e, "//m:c[@r='%s']/@t", ref);
    char *t = S_xpath(ws, e);
    snprintf(e, sizeof e, "//m:c[@r='%s']/m:v", ref);
    char *v = S_xpath(ws, e);
    if (is_num)
        *is_num = !*t && *v;
    if (!strcmp(t, "s")) {
        int k = atoi(v);
        assert_true(k >= 0 && k < b->nsst);
        free(v);
        v = strdup(b->sst[k]);
    }
    free(t);
    return v;
}

/* The number format code of a cell ("General", "0.00", ...); caller frees. */
static char *S_numfmt(S_book *b, int sheet, const char *ref)
{
    char e[160];
    snprintf(e, sizeof e, "//m:c[@r='%s']/@s", ref);
    char *s = S_xpath(b->sheets[sheet - 1], e);
    snprintf(e, sizeof e, "/m:styleSheet/m:cellXfs/m:xf[%d]/@numFmtId", atoi(s) + 1);
    char *id = S_xpath(b->styles, e);
    int n = atoi(id);
    free(s);
    free(id);
    static const char *const builtin[] = {"General", "0", "0.00", "#,##0", "#,##0.00"};
    if (n <= 4)
        return strdup(builtin[n]);
    snprintf(e, sizeof e, "//m:numFmt[@numFmtId='%d']/@formatCode", n);
    return S_xpath(b->styles, e);
}

static void S_expect_cell(S_book *b, int sheet, const char *ref, const char *want, int num)
{
    int is_num = -1;
    char *v = S_cell(b, sheet, ref, &is_num);
    /* numbers are compared as numbers: "8974.120000000001" is 8974.12 */
    if ((num ? strtod(v, NULL) != strtod(want, NULL) : strcmp(v, want) != 0) || is_num != num)
        fail_msg("sheet %d %s: got %s'%s', want %s'%s'", sheet, ref, is_num ? "number " : "",
                 v, num ? "number " : "", want);
    free(v);
}

static void S_expect_fmt(S_book *b, int sheet, const char *ref, const char *want)
{
    char *f = S_numfmt(b, sheet, ref);
    if (strcmp(f, want) != 0)
        fail_msg("sheet %d %s: format '%s', want '%s'", sheet, ref, f, want);
    free(f);
}

static int S_has_merge(S_book *b, int sheet, const char *ref)
{
    char e[128];
    snprintf(e, sizeof e, "//m:mergeCell[@ref='%s']", ref);
    return S_count(b->sheets[sheet - 1], e) == 1;
}

/* The row (1-based) of sheet 1 whose column D holds key, or 0. */
static int S_overview_row(S_book *b, const char *key)
{
    for (int r = 3; r < 200; r++) {
        char ref[16];
        snprintf(ref, sizeof ref, "D%d", r);
        char *v = S_cell(b, 1, ref, NULL);
        int hit = !strcmp(v, key);
        free(v);
        if (hit)
            return r;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Fixtures
 * ------------------------------------------------------------------------ */

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define C(t) "<w:tc>" P(t) "</w:tc>"
#define CS(n, t) "<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr>" P(t) "</w:tc>"
#define CV(t) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(t) "</w:tc>"
#define CC "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
#define GRID2 "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
#define GRID3 "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/>" \
              "<w:gridCol w:w=\"2000\"/></w:tblGrid>"
#define GRID4 "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/>" \
              "<w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"

static const char S_body[] =
    P("部门收支总表")
    P("          单位：万元")
    "<w:tbl>" GRID3
    "<w:tr>" C("科目编码") C("科目名称") C("金额") "</w:tr>"
    "<w:tr>" C("211") C("节能环保支出") C("1,920.96") "</w:tr>"
    "<w:tr>" C("2110101") C("行政运行") C("3586.14") "</w:tr>"
    "<w:tr>" CS(2, "合  计") C("5507.10") "</w:tr>"
    "<w:tr>" CV("说明") C("注") C("-12.5") "</w:tr>"
    "<w:tr>" CC C("注2") C("007") "</w:tr>"
    "</w:tbl>"
    P("1.测试项目绩效目标表")
    "<w:tbl>" GRID4
    "<w:tr>" C("绩效目标") "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>"
    P("1.目标一") "<w:p/>" P("2.目标二") "</w:tc></w:tr>"
    "<w:tr>" C("一级指标") C("二级指标") C("三级指标") C("指标值") "</w:tr>"
    "<w:tr>" CV("产出指标") C("数量指标") C("人数") C("≥95%") "</w:tr>"
    "<w:tr>" CC C("质量指标") C("合格率") C("100%") "</w:tr>"
    "</w:tbl>"
    P("本单位固定资产情况如下。")
    "<w:tbl>" GRID2
    "<w:tr>" CS(2, "固定资产情况表") "</w:tr>"
    "<w:tr>" C("项目") C("数量") "</w:tr>"
    "<w:tr>" C("车辆") C("9") "</w:tr>"
    "</w:tbl>"
    "<w:tbl>" GRID2
    "<w:tr>" CS(2, "概况") "</w:tr>"
    "<w:tr>" C("a") C("b") "</w:tr>"
    "</w:tbl>"
    "<w:tbl>" GRID2
    "<w:tr>" C("x") C("1") "</w:tr>"
    "</w:tbl>"
    P("这是前面的一段很长很长的文字内容，2021年收入预算3586.14万元，其中一般公共预算收入1920.96万元，"
      "后面还有很多文字。")
    P("这是一段很长的说明文字，用来检查数字的位置是否找对了，2021年“三公”经费安排0万元。");

static const dc_node *S_table(const dc_doc *doc, int n)
{
    return th_block(doc, DC_NODE_TABLE, n);
}

/* A disclosure filled by hand: what the recognizer would find. */
static dc_disclosure *S_disclosure(const dc_doc *doc)
{
    dc_disclosure *d = calloc(1, sizeof *d);
    dc_arena *a = &d->arena;
    d->doc = doc;
    d->title = "测试局2021年部门预算信息公开";
    d->department = "测试局";
    d->year = 2021;
    d->money_unit = "万元";
    d->income.total = (dc_amount){1, 3586.14, "3586.14", 2, "万元",
                                  {S_table(doc, 0), NULL, 2, 0, 2, 2}};
    d->income.general_public_budget =
        (dc_amount){1, 1920.96, "1920.96", 2, "万元", {th_block(doc, DC_NODE_PARAGRAPH, 0),
                                                     NULL, 0, -1, -1, -1}};
    d->expenditure.total = (dc_amount){1, 3586.14, "3586.14", 2, "万元",
                                       {th_block(doc, DC_NODE_PARAGRAPH, 4), NULL, 0, -1, -1, -1}};
    d->change.direction = DC_DIR_DECREASE;
    d->change.compared_with_year = 2020;
    d->change.amount = (dc_amount){1, 229.85576, "229.85576", 5, "万元", {0}};
    d->three_public.total = (dc_amount){1, 0, "0", 0, "万元",
                                        {th_block(doc, DC_NODE_PARAGRAPH, 5), NULL, 0, -1, -1, -1}};

    d->nfindings = d->capfindings = 1;
    d->findings = calloc(1, sizeof *d->findings);
    d->findings[0] = (dc_finding){DC_SEV_ERROR, "income.sum", "收入合计与各项之和不符",
                                  "表1 第3行", {0}};

    dc_indicator *dr = dc_arena_alloc(a, 2 * sizeof *dr);
    dr[0] = (dc_indicator){.level1 = "产出指标", .level2 = "数量指标", .level3 = "案件数",
                           .description = "查处案件数", .scoring = "每少一件扣1分",
                           .symbol = "≥", .value = "1000.00", .unit = "个", .basis = "往年",
                           .measure = {"≥1000.00个", "≥", 1, 1000, "1000.00", 2, "个"}};
    dr[1] = (dc_indicator){.level1 = "满意度指标", .level2 = "服务对象满意度指标",
                           .level3 = "满意率", .symbol = "文字描述", .unit = "较高",
                           .basis = "调查"};
    d->department_indicators = (dc_indicator_table){"部门整体支出绩效指标", dr, 2, NULL, {0}};

    d->nprojects = 1;
    d->projects = dc_arena_alloc(a, sizeof *d->projects);
    dc_project_table *p = &d->projects[0];
    p->number = 1;
    p->title = "1.测试项目绩效目标表";
    p->goal_text = "1.目标一\n2.目标二";
    static const char *goals[] = {"1.目标一", "2.目标二"};
    p->goal_paragraphs = goals;
    p->ngoals = 2;
    p->table = S_table(doc, 1);
    p->nrows = 2;
    p->rows = dc_arena_alloc(a, 2 * sizeof *p->rows);
    p->rows[0] = (dc_indicator){.level1 = "产出指标", .level2 = "数量指标", .level3 = "人数",
                                .value = "≥95%", .measure = {"≥95%", "≥", 1, 95, "95", 0, "%"},
                                .src = {S_table(doc, 1), NULL, 0, 1, 2, 3}};
    p->rows[1] = (dc_indicator){.level1 = "产出指标", .level2 = "质量指标", .level3 = "合格率",
                                .value = "100%", .measure = {"100%", NULL, 1, 100, "100", 0, "%"},
                                .src = {S_table(doc, 1), NULL, 0, 1, 3, 3}};
    return d;
}

static char *S_tmp_path(void)
{
    char tmpl[] = "/tmp/dc-xlsx-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    close(fd);
    return strdup(tmpl);
}

static char *S_write(const dc_doc *doc, const dc_disclosure *d, const dc_xlsx_options *opt)
{
    char *path = S_tmp_path();
    dc_error err = {0};
    dc_status st = dc_xlsx_write(doc, d, path, opt, &err);
    if (st != DC_OK)
        fail_msg("dc_xlsx_write: %s", err.msg);
    return path;
}

/* ------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------ */

static void test_sheets_and_tables(void **state)
{
    dc_doc *doc = th_docx(S_body, NULL, NULL, NULL);
    dc_disclosure *d = S_disclosure(doc);
    dc_xlsx_options opt = {1700000000, 1};
    char *path = S_write(doc, d, &opt);
    S_book b;
    S_open(&b, path);

    /* 概况, the five tables in order, 绩效指标 */
    assert_int_equal(b.nsheets, 7);
    static const char *const names[] = {"概况", "部门收支总表", "1.测试项目绩效目标表",
                                        "固定资产情况表", "概况(2)", "x", "绩效指标"};
    for (int i = 0; i < 7; i++) {
        char *n = S_sheet_name(&b, i + 1);
        assert_string_equal(n, names[i]);
        free(n);
    }

    /* table 1: caption, unit line, header row, codes, numbers, merges */
    S_expect_cell(&b, 2, "A1", "部门收支总表", 0);
    S_expect_cell(&b, 2, "A2", "单位：万元", 0);
    assert_true(S_has_merge(&b, 2, "A1:C1"));
    assert_true(S_has_merge(&b, 2, "A2:C2"));
    S_expect_cell(&b, 2, "A3", "科目编码", 0);
    S_expect_cell(&b, 2, "A4", "211", 0);            /* a code stays text */
    S_expect_cell(&b, 2, "A5", "2110101", 0);
    S_expect_cell(&b, 2, "C4", "1920.96", 1);
    S_expect_fmt(&b, 2, "C4", "#,##0.00");
    /* one format per column: the most decimals, separators when any has them */
    S_expect_cell(&b, 2, "C5", "3586.14", 1);
    S_expect_fmt(&b, 2, "C5", "#,##0.00");
    S_expect_cell(&b, 2, "A6", "合  计", 0);         /* spaces kept */
    assert_true(S_has_merge(&b, 2, "A6:B6"));
    S_expect_cell(&b, 2, "C6", "5507.1", 1);
    S_expect_fmt(&b, 2, "C6", "#,##0.00");
    S_expect_cell(&b, 2, "C7", "-12.5", 1);
    S_expect_fmt(&b, 2, "C7", "#,##0.00");
    S_expect_cell(&b, 2, "C8", "007", 0);            /* leading zero: not a number */
    assert_true(S_has_merge(&b, 2, "A7:A8"));
    assert_int_equal(S_count(b.sheets[1], "//m:mergeCell"), 4);
    char *ysplit = S_xpath(b.sheets[1], "//m:pane/@ySplit");
    assert_string_equal(ysplit, "3");
    free(ysplit);
    char *paper = S_xpath(b.sheets[1], "//m:pageSetup/@paperSize");
    assert_string_equal(paper, "9");
    free(paper);
    char *orient = S_xpath(b.sheets[1], "//m:pageSetup/@orientation");
    assert_string_equal(orient, "landscape");
    free(orient);
    char *fith = S_xpath(b.sheets[1], "//m:pageSetup/@fitToHeight");
    assert_string_equal(fith, "0");
    free(fith);
    char *footer = S_xpath(b.sheets[1], "//m:oddFooter");
    assert_non_null(strstr(footer, "&P"));
    free(footer);
    char *titles = S_xpath(b.workbook, "//m:definedName[@localSheetId='1']");
    assert_string_equal(titles, "'部门收支总表'!$3:$3");
    free(titles);

    /* table 2: the goal row comes before the detected header row */
    S_expect_cell(&b, 3, "B3", "1.目标一\n\n2.目标二", 0);
    assert_true(S_has_merge(&b, 3, "B3:D3"));
    assert_true(S_has_merge(&b, 3, "A5:A6"));
    S_expect_cell(&b, 3, "D5", "≥95%", 0);
    S_expect_cell(&b, 3, "D6", "100%", 0);
    ysplit = S_xpath(b.sheets[2], "//m:pane/@ySplit");
    assert_string_equal(ysplit, "4");
    free(ysplit);
    /* the goal row is tall enough for its three lines */
    char *ht = S_xpath(b.sheets[2], "//m:row[@r='3']/@ht");
    assert_true(atof(ht) >= 3 * 14);
    free(ht);

    /* table 3: the title row in the table names the sheet and is not
     * written twice */
    S_expect_cell(&b, 4, "A1", "固定资产情况表", 0);
    S_expect_cell(&b, 4, "A3", "项目", 0);
    S_expect_cell(&b, 4, "B3", "数量", 0);
    S_expect_cell(&b, 4, "B4", "9", 1);
    S_expect_fmt(&b, 4, "B4", "0");
    ysplit = S_xpath(b.sheets[3], "//m:pane/@ySplit");
    assert_string_equal(ysplit, "3");
    free(ysplit);
    /* table 5: no caption, no header row: named after its words */
    S_expect_cell(&b, 6, "A1", "x", 0);
    assert_int_equal(S_count(b.sheets[5], "//m:pane"), 0);
    S_expect_cell(&b, 6, "B3", "1", 1);

    S_close(&b);
    unlink(path);
    free(path);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_overview_and_indicators(void **state)
{
    dc_doc *doc = th_docx(S_body, NULL, NULL, NULL);
    dc_disclosure *d = S_disclosure(doc);
    dc_xlsx_options opt = {1700000000, 1};
    char *path = S_write(doc, d, &opt);
    S_book b;
    S_open(&b, path);

    S_expect_cell(&b, 1, "A1", "测试局2021年部门预算信息公开", 0);
    int r = S_overview_row(&b, "department");
    char ref[16];
    assert_true(r > 0);
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "测试局", 0);
    r = S_overview_row(&b, "year");
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "2021", 1);

    r = S_overview_row(&b, "income.total");
    assert_true(r > 0);
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "3586.14", 1);
    S_expect_fmt(&b, 1, ref, "0.00");
    snprintf(ref, sizeof ref, "C%d", r);
    S_expect_cell(&b, 1, ref, "万元", 0);
    snprintf(ref, sizeof ref, "E%d", r);
    S_expect_cell(&b, 1, ref, "表1 第3行第3列", 0);
    char e[128];
    snprintf(e, sizeof e, "//m:hyperlink[@ref='E%d']/@location", r);
    char *loc = S_xpath(b.sheets[0], e);
    assert_string_equal(loc, "'部门收支总表'!C5");    /* table row 2 is sheet row 5 */
    free(loc);

    r = S_overview_row(&b, "income.general_public_budget");
    snprintf(ref, sizeof ref, "E%d", r);
    S_expect_cell(&b, 1, ref, "正文：部门收支总表", 0);

    r = S_overview_row(&b, "expenditure.total");       /* the words around the figure */
    snprintf(ref, sizeof ref, "E%d", r);
    S_expect_cell(&b, 1, ref, "正文：…段很长很长的文字内容，2021年收入预算3586.14万元，其中一般公共预算收入1920.96…",
                  0);

    r = S_overview_row(&b, "change_vs_last_year.amount");
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "229.85576", 1);
    S_expect_fmt(&b, 1, ref, "0.00000");
    r = S_overview_row(&b, "change_vs_last_year.direction");
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "减少", 0);
    r = S_overview_row(&b, "three_public_expenses.total");
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "0", 1);
    S_expect_fmt(&b, 1, ref, "0.00");
    snprintf(ref, sizeof ref, "E%d", r);                     /* "0", not the 0 of 2021 */
    S_expect_cell(&b, 1, ref, "正文：…置是否找对了，2021年“三公”经费安排0万元。", 0);
    r = S_overview_row(&b, "agency_operating_expenses");       /* not stated */
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "", 0);
    snprintf(ref, sizeof ref, "E%d", r);
    S_expect_cell(&b, 1, ref, "未列明", 0);
    r = S_overview_row(&b, "tables.count");
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "5", 1);

    /* the finding */
    int fr = 0;
    for (int k = 3; k < 100 && !fr; k++) {
        snprintf(ref, sizeof ref, "B%d", k);
        char *v = S_cell(&b, 1, ref, NULL);
        if (!strcmp(v, "income.sum"))
            fr = k;
        free(v);
    }
    assert_true(fr > 0);
    snprintf(ref, sizeof ref, "A%d", fr);
    S_expect_cell(&b, 1, ref, "错误", 0);
    snprintf(ref, sizeof ref, "D%d", fr);
    S_expect_cell(&b, 1, ref, "收入合计与各项之和不符", 0);
    snprintf(ref, sizeof ref, "E%d", fr);
    S_expect_cell(&b, 1, ref, "表1 第3行", 0);

    /* 绩效指标: four rows, parsed values, links, autofilter */
    const int s = 7;
    S_expect_cell(&b, s, "A1", "序号", 0);
    S_expect_cell(&b, s, "B2", "部门整体", 0);
    S_expect_cell(&b, s, "C2", "部门整体支出绩效指标", 0);
    S_expect_cell(&b, s, "I2", "每少一件扣1分", 0);
    S_expect_cell(&b, s, "J2", "≥", 0);
    S_expect_cell(&b, s, "K2", "1000.00", 0);
    S_expect_cell(&b, s, "L2", "1000", 1);
    S_expect_fmt(&b, s, "L2", "0.00");
    S_expect_cell(&b, s, "M2", "个", 0);
    S_expect_cell(&b, s, "J3", "文字描述", 0);
    S_expect_cell(&b, s, "L3", "", 0);
    S_expect_cell(&b, s, "M3", "较高", 0);
    S_expect_cell(&b, s, "A4", "3", 1);
    S_expect_cell(&b, s, "B4", "项目", 0);
    S_expect_cell(&b, s, "C4", "1.测试项目绩效目标表", 0);
    S_expect_cell(&b, s, "D4", "1.目标一 2.目标二", 0);     /* one line */
    S_expect_cell(&b, s, "G4", "人数", 0);
    S_expect_cell(&b, s, "J4", "≥", 0);
    S_expect_cell(&b, s, "K4", "≥95%", 0);
    S_expect_cell(&b, s, "L4", "95", 1);
    S_expect_cell(&b, s, "M4", "%", 0);
    S_expect_cell(&b, s, "O4", "表2 第3行", 0);
    loc = S_xpath(b.sheets[s - 1], "//m:hyperlink[@ref='O4']/@location");
    assert_string_equal(loc, "'1.测试项目绩效目标表'!A5");
    free(loc);
    S_expect_cell(&b, s, "K5", "100%", 0);
    S_expect_cell(&b, s, "J5", "", 0);
    S_expect_cell(&b, s, "A6", "", 0);
    char *af = S_xpath(b.sheets[s - 1], "//m:autoFilter/@ref");
    assert_string_equal(af, "A1:O5");
    free(af);

    /* properties */
    char *v = S_xpath(b.core, "//dc:creator");
    assert_string_equal(v, "测试局");
    free(v);
    v = S_xpath(b.core, "//dc:title");
    assert_string_equal(v, "测试局2021年部门预算信息公开");
    free(v);
    v = S_xpath(b.core, "//dcterms:created");
    assert_string_equal(v, "2023-11-14T22:13:20Z");
    free(v);

    S_close(&b);
    unlink(path);
    free(path);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_identical_bytes(void **state)
{
    dc_doc *doc = th_docx(S_body, NULL, NULL, NULL);
    dc_disclosure *d = S_disclosure(doc);
    dc_xlsx_options opt = {0, 0};
    char *p1 = S_write(doc, d, &opt);
    sleep(1);
    char *p2 = S_write(doc, d, &opt);
    FILE *f1 = fopen(p1, "rb"), *f2 = fopen(p2, "rb");
    int c1, c2;
    long n = 0;
    do {
        c1 = fgetc(f1);
        c2 = fgetc(f2);
        n++;
    } while (c1 == c2 && c1 != EOF);
    assert_int_equal(c1, c2);
    assert_true(n > 1000);
    fclose(f1);
    fclose(f2);
    /* no epoch and no document date: the earliest time libxlsxwriter keeps */
    S_book b;
    S_open(&b, p1);
    char *v = S_xpath(b.core, "//dcterms:created");
    assert_string_equal(v, "1970-01-01T00:00:01Z");
    free(v);
    S_close(&b);
    unlink(p1);
    unlink(p2);
    free(p1);
    free(p2);
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

static void test_no_disclosure_no_tables(void **state)
{
    dc_doc *doc = th_docx(P("只有一段文字。"), NULL, NULL, NULL);
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    assert_int_equal(b.nsheets, 1);
    S_expect_cell(&b, 1, "A1", "概况", 0);
    S_close(&b);
    unlink(path);
    free(path);
    dc_doc_free(doc);
}

static void test_long_cell_is_clipped(void **state)
{
    size_t n = 40000;
    dc_buf body = DC_BUF_INIT;
    dc_buf_puts(&body, "<w:tbl>" GRID2 "<w:tr><w:tc><w:p><w:r><w:t>");
    for (size_t i = 0; i < n; i++)
        dc_buf_puts(&body, "中");
    dc_buf_puts(&body, "</w:t></w:r></w:p></w:tc>" C("b") "</w:tr></w:tbl>");
    dc_doc *doc = th_docx(dc_buf_cstr(&body), NULL, NULL, NULL);
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    char *v = S_cell(&b, 2, "A3", NULL);
    assert_int_equal(dc_utf8_count(v, strlen(v)), 32767);
    free(v);
    /* the row is at most 409 points tall */
    char *ht = S_xpath(b.sheets[1], "//m:row[@r='3']/@ht");
    assert_true(atof(ht) <= 409);
    free(ht);
    S_close(&b);
    unlink(path);
    free(path);
    dc_buf_free(&body);
    dc_doc_free(doc);
}

static void test_captions(void **state)
{
#define T2 "<w:tbl>" GRID2 "<w:tr>" C("a") C("b") "</w:tr></w:tbl>"
    dc_doc *doc = th_docx(P("附表1") T2
                          P("Table 2: Sales") T2
                          "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>收入预算</w:t>"
                          "</w:r></w:p>" T2
                          P("投标单位情况表") P("填表日期：") T2
                          P("这是一个句子，说明下表。") T2
                          "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr><w:r><w:t>收支说明"
                          "</w:t></w:r></w:p>" P("金额单位：元") T2,
                          "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name "
                          "w:val=\"caption\"/></w:style>",
                          NULL, NULL);
#undef T2
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    static const char *const names[] = {"概况", "附表1", "Table 2： Sales", "收入预算",
                                        "投标单位情况表", "a、b", "收支说明"};
    assert_int_equal(b.nsheets, 7);
    for (int i = 0; i < 7; i++) {
        char *n = S_sheet_name(&b, i + 1);
        assert_string_equal(n, names[i]);
        free(n);
    }
    S_expect_cell(&b, 3, "A1", "Table 2: Sales", 0);     /* the title row keeps the text */
    S_expect_cell(&b, 7, "A2", "金额单位：元", 0);
    S_expect_cell(&b, 6, "A2", "", 0);
    S_close(&b);
    unlink(path);
    free(path);
    dc_doc_free(doc);
}

static void test_grouped_header_under_title_rows(void **state)
{
    /* a money table with its title and unit inside, and a two-row header
     * whose top row groups columns */
    dc_doc *doc = th_docx("<w:tbl>" GRID4
                          "<w:tr>" CS(4, "部门收支总表") "</w:tr>"
                          "<w:tr>" CS(4, "编制单位：测试局   单位：万元") "</w:tr>"
                          "<w:tr>" CS(2, "收入") CS(2, "支出") "</w:tr>"
                          "<w:tr>" C("项目") C("预算数") C("项目") C("预算数") "</w:tr>"
                          "<w:tr>" C("一般公共预算拨款") C("1,920.96") C("节能环保支出")
                          C("-0.00") "</w:tr>"
                          "</w:tbl>"
                          "<w:tbl>" GRID3
                          "<w:tr>" CS(3, "固定资产占用情况表") "</w:tr>"
                          "<w:tr>" CS(2, "编制部门：测试局") C("截止时间：2020年12月31日") "</w:tr>"
                          "<w:tr>" C("项目") C("数量") C("价值（金额单位：万元）") "</w:tr>"
                          "<w:tr>" C("车辆") C("9") C("117.55") "</w:tr>"
                          "</w:tbl>",
                          NULL, NULL, NULL);
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    char *n = S_sheet_name(&b, 2);
    assert_string_equal(n, "部门收支总表");
    free(n);
    S_expect_cell(&b, 2, "A2", "编制单位：测试局   单位：万元", 0);   /* the unit line */
    /* the title and unit rows are rows 1 and 2, not repeated in the table */
    S_expect_cell(&b, 2, "A3", "收入", 0);
    char *v = S_xpath(b.workbook, "//m:definedName[@localSheetId='1']");
    assert_string_equal(v, "'部门收支总表'!$3:$4");                /* 收入/支出 and 项目/预算数 */
    free(v);
    v = S_xpath(b.sheets[1], "//m:pane/@ySplit");
    assert_string_equal(v, "4");
    free(v);
    S_expect_cell(&b, 2, "B5", "1920.96", 1);
    S_expect_cell(&b, 2, "D5", "0", 1);
    /* the label/value row is not a header */
    S_expect_cell(&b, 3, "A3", "编制部门：测试局", 0);
    v = S_xpath(b.workbook, "//m:definedName[@localSheetId='2']");
    assert_string_equal(v, "'固定资产占用情况表'!$4:$4");
    free(v);
    S_close(&b);
    unlink(path);
    free(path);
    dc_doc_free(doc);
}

static void test_overlapping_merges_are_not_written(void **state)
{
    /* a continuation narrower than its merge lets a later merge overlap it:
     * the later cell wins (the table view cuts the earlier merge above it),
     * so both texts stay visible and no merges overlap */
    dc_doc *doc = th_docx("<w:tbl>" GRID3
                          "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>"
                          "</w:tcPr>" P("A") "</w:tc>" C("B") "</w:tr>"
                          "<w:tr>" CC CV("C") C("D") "</w:tr>"
                          "<w:tr>" C("E") CC C("F") "</w:tr>"
                          "</w:tbl>",
                          NULL, NULL, NULL);
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    assert_false(S_has_merge(&b, 2, "A3:B4"));       /* would overlap B4:B5 */
    assert_true(S_has_merge(&b, 2, "A3:B3"));
    assert_true(S_has_merge(&b, 2, "B4:B5"));
    assert_int_equal(S_count(b.sheets[1], "//m:mergeCell"), 3);   /* with the title */
    S_expect_cell(&b, 2, "A3", "A", 0);
    S_expect_cell(&b, 2, "B4", "C", 0);
    S_close(&b);
    unlink(path);
    free(path);
    dc_doc_free(doc);
}

static void test_many_tables(void **state)
{
    dc_buf body = DC_BUF_INIT;
    unsigned seed = 1;
    for (int i = 0; i < 10005; i++) {   /* varied cells keep the fixture under the zip ratio limit */
        seed = seed * 1103515245u + 12345u;
        dc_buf_printf(&body, P("同名表") "<w:tbl>" GRID2 "<w:tr>" C("%u") C("%d") "</w:tr></w:tbl>",
                      seed, i);
    }
    dc_doc *doc = th_docx(dc_buf_cstr(&body), NULL, NULL, NULL);
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    char *n = S_xpath(b.workbook, "count(//m:sheet)");
    assert_string_equal(n, "10001");
    free(n);
    n = S_sheet_name(&b, 10001);
    assert_string_equal(n, "同名表(10000)");
    free(n);
    int r = S_overview_row(&b, "tables.count");
    char ref[16];
    snprintf(ref, sizeof ref, "B%d", r);
    S_expect_cell(&b, 1, ref, "10005", 1);
    S_close(&b);
    unlink(path);
    free(path);
    dc_buf_free(&body);
    dc_doc_free(doc);
}

static void test_unwritable_path(void **state)
{
    dc_doc *doc = th_docx(S_body, NULL, NULL, NULL);
    dc_error err = {0};
    dc_status st = dc_xlsx_write(doc, NULL, "/nonexistent-dir/x.xlsx", NULL, &err);
    assert_int_equal(st, DC_ERR_OUTPUT);
    /* one human line; the caller says which output it was */
    assert_string_equal(err.msg, "cannot create: No such file or directory");
    dc_doc_free(doc);
}

static void test_text_width(void **state)
{
    assert_true(dc_xlsx_text_width("", 0) == 0);
    assert_true(dc_xlsx_text_width("abc", 3) == 3);
    assert_true(dc_xlsx_text_width("中文", strlen("中文")) == 4);
    assert_true(dc_xlsx_text_width("ＡＢ", strlen("ＡＢ")) == 4);      /* full-width */
    assert_true(dc_xlsx_text_width("≥95%", strlen("≥95%")) == 4);
    assert_true(dc_xlsx_text_width("中文\nabcde", strlen("中文\nabcde")) == 5);
    assert_true(dc_xlsx_text_width("单位：万元", strlen("单位：万元")) == 10);

    assert_int_equal(dc_xlsx_text_lines("", 0, 10), 1);
    assert_int_equal(dc_xlsx_text_lines("中文中文", strlen("中文中文"), 4), 2);
    assert_int_equal(dc_xlsx_text_lines("中文中文", strlen("中文中文"), 8), 1);
    assert_int_equal(dc_xlsx_text_lines("a\n\nb", 4, 10), 3);
    assert_int_equal(dc_xlsx_text_lines("abc\n", 4, 10), 2);
    assert_int_equal(dc_xlsx_text_lines("abcdefghij", 10, 0), 10);

    assert_true(dc_xlsx_column_width(0) == 6);            /* minimum */
    assert_true(dc_xlsx_column_width(1000) == 40);        /* cap */
    double w = dc_xlsx_column_width(20);
    assert_true(w > 20 && w < 40);
}

static void test_w3cdtf(void **state)
{
    long long t = -1;
    assert_true(dc_xlsx_parse_w3cdtf("2021-02-20T09:30:00Z", &t));
    assert_true(t == 1613813400LL);
    assert_true(dc_xlsx_parse_w3cdtf("2021-02-20T17:30:00+08:00", &t));
    assert_true(t == 1613813400LL);
    assert_true(dc_xlsx_parse_w3cdtf("2021-02-20T09:30:00.123Z", &t));
    assert_true(t == 1613813400LL);
    assert_true(dc_xlsx_parse_w3cdtf("2021-02-20T09:30Z", &t));
    assert_true(t == 1613813400LL);
    assert_true(dc_xlsx_parse_w3cdtf("2021", &t));
    assert_true(t == 1609459200LL);
    assert_true(dc_xlsx_parse_w3cdtf("2000-03-01", &t));
    assert_true(t == 951868800LL);
    assert_true(dc_xlsx_parse_w3cdtf("1601-01-01T00:00:00Z", &t));
    assert_true(t == -11644473600LL);
    assert_false(dc_xlsx_parse_w3cdtf(NULL, &t));
    assert_false(dc_xlsx_parse_w3cdtf("", &t));
    assert_false(dc_xlsx_parse_w3cdtf("yesterday", &t));
    assert_false(dc_xlsx_parse_w3cdtf("2021-13-01", &t));
    assert_false(dc_xlsx_parse_w3cdtf("2021-02-20T09", &t));
    assert_false(dc_xlsx_parse_w3cdtf("2021-02-20T09:30:00Zjunk", &t));
}

/* Amounts in every spelling are numbers; header cells hold their words; a
 * table nested in a cell becomes rows below, its amounts numbers too. */
static void test_spellings_words_and_nested(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        P("表1 收入总表") P("单位：万元")
        "<w:tbl>" GRID4
        "<w:tr>" C("项目") C("计量  单位") "<w:tc><w:p><w:r><w:t>2022年</w:t></w:r><w:r><w:tab/>"
        "</w:r><w:r><w:t>预留份额</w:t></w:r></w:p></w:tc>" C("Total  amount") "</w:tr>"
        "<w:tr>" C("事业收入") C("38 620.00") C("8\xC2\xA0" "974.12") C("1\xE2\x80\xAF" "234.5") "</w:tr>"
        "<w:tr>" C("其他") C("２，５００．００") C("1\xE3\x80\x80" "000") C("12 34") "</w:tr>"
        "<w:tr>" C("拆开") "<w:tc><w:p><w:r><w:t>3</w:t></w:r><w:r><w:t>5</w:t></w:r>"
        "<w:r><w:t>86.14</w:t></w:r></w:p></w:tc>" C("2021-03-01") C("≥95%") "</w:tr>"
        "<w:tr>" C("三公") "<w:tc>" P("22.30")
        "<w:tbl>" GRID2 "<w:tr>" C("购置费") C("运维费") "</w:tr>"
        "<w:tr>" C("0.00") C("22.30") "</w:tr></w:tbl><w:p/></w:tc>" C("") C("") "</w:tr>"
        "</w:tbl>",
        NULL, NULL, NULL);
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    char *n = S_sheet_name(&b, 2);
    assert_string_equal(n, "表1 收入总表");
    free(n);
    S_expect_cell(&b, 2, "A1", "表1 收入总表", 0);
    S_expect_cell(&b, 2, "A2", "单位：万元", 0);
    S_expect_cell(&b, 2, "B3", "计量单位", 0);        /* Word's wrap spaces gone */
    S_expect_cell(&b, 2, "C3", "2022年预留份额", 0);   /* and its tab */
    S_expect_cell(&b, 2, "D3", "Total amount", 0);
    S_expect_cell(&b, 2, "B4", "38620", 1);
    S_expect_cell(&b, 2, "C4", "8974.12", 1);
    S_expect_cell(&b, 2, "D4", "1234.5", 1);
    S_expect_cell(&b, 2, "B5", "2500", 1);
    S_expect_cell(&b, 2, "C5", "1000", 1);
    S_expect_cell(&b, 2, "D5", "12 34", 0);           /* not groups of three */
    S_expect_cell(&b, 2, "B6", "3586.14", 1);         /* split over runs */
    S_expect_cell(&b, 2, "C6", "2021-03-01", 0);
    S_expect_cell(&b, 2, "D6", "≥95%", 0);
    /* one format per column: the most decimals, separators as written */
    S_expect_fmt(&b, 2, "B4", "#,##0.00");
    S_expect_fmt(&b, 2, "B6", "#,##0.00");
    S_expect_fmt(&b, 2, "C5", "#,##0.00");
    /* the 三公 cell keeps its own number; the nested table follows the table */
    S_expect_cell(&b, 2, "B7", "22.3", 1);
    S_expect_cell(&b, 2, "A9", "B7 单元格内的表：", 0);
    assert_int_equal(S_count(b.sheets[1], "//m:hyperlink[@ref='A9']"), 1);
    S_expect_cell(&b, 2, "A10", "购置费", 0);
    S_expect_cell(&b, 2, "B10", "运维费", 0);
    S_expect_cell(&b, 2, "A11", "0", 1);
    S_expect_cell(&b, 2, "B11", "22.3", 1);
    S_expect_fmt(&b, 2, "B11", "0.00");
    S_close(&b);
    unlink(path);
    free(path);
    dc_doc_free(doc);
}

/* A row of n cells "col" / "123456.78" for wide tables. */
static char *S_wide_table(int ncols, const char *head)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_puts(&b, "<w:tbl><w:tblGrid>");
    for (int j = 0; j < ncols; j++)
        dc_buf_puts(&b, "<w:gridCol w:w=\"1000\"/>");
    dc_buf_puts(&b, "</w:tblGrid><w:tr>");
    for (int j = 0; j < ncols; j++)
        dc_buf_printf(&b, "<w:tc><w:p><w:r><w:t>%s%d</w:t></w:r></w:p></w:tc>", head, j + 1);
    dc_buf_puts(&b, "</w:tr><w:tr>");
    dc_buf_puts(&b, "<w:tc><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc>");
    for (int j = 1; j < ncols; j++)
        dc_buf_puts(&b, "<w:tc><w:p><w:r><w:t>123456.78</w:t></w:r></w:p></w:tc>");
    dc_buf_puts(&b, "</w:tr></w:tbl>");
    return dc_buf_detach(&b, NULL);
}

/* Paper and scale keep 11 pt text at 7 pt or more: A4 when it fits, A3 for
 * wider tables, a fixed scale with the key column repeated for the widest. */
static void test_print_scale(void **state)
{
    (void)state;
    char *t8 = S_wide_table(8, "预算项目名称"), *t24 = S_wide_table(24, "政府采购金额"),
         *t40 = S_wide_table(40, "金额");
    dc_buf body = DC_BUF_INIT;
    dc_buf_printf(&body, P("窄表") "%s" P("中表") "%s" P("宽表") "%s", t8, t24, t40);
    dc_doc *doc = th_docx(dc_buf_cstr(&body), NULL, NULL, NULL);
    char *path = S_write(doc, NULL, NULL);
    S_book b;
    S_open(&b, path);
    static const char *const paper[3] = {"9", "8", "8"};
    for (int i = 0; i < 3; i++) {
        char *v = S_xpath(b.sheets[1 + i], "//m:pageSetup/@paperSize");
        assert_string_equal(v, paper[i]);
        free(v);
    }
    char *v = S_xpath(b.sheets[3], "//m:pageSetup/@scale");
    assert_true(atoi(v) >= 64);
    free(v);
    assert_int_equal(S_count(b.sheets[3], "//m:sheetPr/m:pageSetUpPr[@fitToPage='1']"), 0);
    v = S_xpath(b.workbook, "//m:definedName[@localSheetId='3']");
    assert_non_null(strstr(v, "$A:$A"));              /* the key column on every page */
    free(v);
    S_close(&b);
    unlink(path);
    free(path);
    dc_doc_free(doc);
    dc_buf_free(&body);
    free(t8);
    free(t24);
    free(t40);
}

/* A unit line after the table; a captionless table named after what the
 * recognizer read it as. */
static void test_unit_after_and_kind_name(void **state)
{
    (void)state;
    dc_doc *doc = th_docx("<w:tbl>" GRID3
                          "<w:tr>" C("采购项目") C("采购品目") C("金额") "</w:tr>"
                          "<w:tr>" C("网格化服务") C("服务") C("150") "</w:tr>"
                          "</w:tbl>" P("单位：万元") P("下面的说明。"),
                          NULL, NULL, NULL);
    dc_disclosure *d = calloc(1, sizeof *d);
    d->doc = doc;
    dc_table_ref ref = {DC_TABLE_PROCUREMENT, S_table(doc, 0), 0, 0, NULL, NULL, 1, NULL, -1, -1};
    d->tables = &ref;
    d->ntables = 1;
    char *path = S_write(doc, d, NULL);
    S_book b;
    S_open(&b, path);
    char *n = S_sheet_name(&b, 2);
    assert_string_equal(n, "政府采购预算表");
    free(n);
    S_expect_cell(&b, 2, "A2", "单位：万元", 0);
    S_close(&b);
    unlink(path);
    free(path);
    d->tables = NULL;
    d->ntables = 0;
    dc_disclosure_free(d);
    dc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheets_and_tables),
        cmocka_unit_test(test_overview_and_indicators),
        cmocka_unit_test(test_identical_bytes),
        cmocka_unit_test(test_no_disclosure_no_tables),
        cmocka_unit_test(test_long_cell_is_clipped),
        cmocka_unit_test(test_captions),
        cmocka_unit_test(test_grouped_header_under_title_rows),
        cmocka_unit_test(test_overlapping_merges_are_not_written),
        cmocka_unit_test(test_many_tables),
        cmocka_unit_test(test_unwritable_path),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_w3cdtf),
        cmocka_unit_test(test_spellings_words_and_nested),
        cmocka_unit_test(test_print_scale),
        cmocka_unit_test(test_unit_after_and_kind_name),
    };
    int rc = cmocka_run_group_tests_name("xlsx_writer", tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
