/*
 * disclosure_fixture.h - build whole budget disclosures as .docx on the fly,
 * with every part a test may vary: the title (another county, another year,
 * a 决算), which sections appear and in what order, how their headings are
 * numbered and styled, the sentences that state the figures (split across
 * runs or paragraphs, full-width digits, thousands separators), and the
 * tables.  Shared by test_recognize.c and test_validate.c.
 *
 * Text conventions in the spec strings:
 *   "\x01" ends a paragraph (an empty paragraph is put between, as in the
 *          sample);
 *   "\x02" ends a run inside a paragraph (a number split across runs).
 * Table specs: rows separated by '\n', cells by '|'; "^" continues the
 * vertical merge of the cell above; "<" widens the cell to its left; "\x01"
 * inside a cell starts a new paragraph.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_DISCLOSURE_FIXTURE_H
#define DC_DISCLOSURE_FIXTURE_H

#include "helpers.h"

static const char fx_styles[] =
    "<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\"/></w:style>";

static inline void fx_esc(dc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<': dc_buf_puts(b, "&lt;"); break;
        case '>': dc_buf_puts(b, "&gt;"); break;
        case '&': dc_buf_puts(b, "&amp;"); break;
        default: dc_buf_putc(b, s[i]); break;
        }
    }
}

/* Runs of one paragraph: "\x02" separates runs. */
static inline void fx_runs(dc_buf *b, const char *s, size_t n)
{
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\x02') {
            if (i > a) {
                dc_buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
                fx_esc(b, s + a, i - a);
                dc_buf_puts(b, "</w:t></w:r>");
            }
            a = i + 1;
        }
    }
}

/* Paragraphs with an optional style; "\x01" separates paragraphs. */
static inline void fx_para(dc_buf *b, const char *style, const char *text)
{
    const char *s = text;
    for (;;) {
        const char *e = strchr(s, '\x01');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        dc_buf_puts(b, "<w:p>");
        if (style)
            dc_buf_printf(b, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
        fx_runs(b, s, n);
        dc_buf_puts(b, "</w:p>");
        if (!e)
            break;
        dc_buf_puts(b, "<w:p/>");
        s = e + 1;
    }
}

static inline void fx_p(dc_buf *b, const char *text)
{
    fx_para(b, NULL, text);
}

/* A caption, with an optional hidden TC field. */
static inline void fx_caption(dc_buf *b, const char *text, const char *tc)
{
    dc_buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr>");
    fx_runs(b, text, strlen(text));
    if (tc) {
        dc_buf_puts(b, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                       "<w:r><w:instrText xml:space=\"preserve\"> TC ");
        fx_esc(b, tc, strlen(tc));
        dc_buf_puts(b, " \\f C \\l 1 </w:instrText></w:r>"
                       "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    }
    dc_buf_puts(b, "</w:p>");
}

/* A table from a spec (see the top of this file). */
static inline void fx_table(dc_buf *b, const char *spec)
{
    /* split into a grid of strings */
    char *copy = strdup(spec);
    char *rows[64][24];
    int ncells[64], nrows = 0, ncols = 0;
    char *save_r = NULL;
    for (char *line = strtok_r(copy, "\n", &save_r); line && nrows < 64;
         line = strtok_r(NULL, "\n", &save_r)) {
        int n = 0;
        char *p = line;
        for (;;) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = '\0';
            if (n < 24)
                rows[nrows][n++] = p;
            if (!bar)
                break;
            p = bar + 1;
        }
        ncells[nrows++] = n;
        if (n > ncols)
            ncols = n;
    }
    dc_buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>");
    for (int c = 0; c < ncols; c++)
        dc_buf_puts(b, "<w:gridCol w:w=\"1000\"/>");
    dc_buf_puts(b, "</w:tblGrid>");
    for (int r = 0; r < nrows; r++) {
        dc_buf_puts(b, "<w:tr>");
        for (int c = 0; c < ncells[r]; c++) {
            const char *t = rows[r][c];
            if (!strcmp(t, "<"))
                continue;
            int span = 1;
            while (c + span < ncells[r] && !strcmp(rows[r][c + span], "<"))
                span++;
            dc_buf_puts(b, "<w:tc><w:tcPr>");
            if (span > 1)
                dc_buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
            if (!strcmp(t, "^"))
                dc_buf_puts(b, "<w:vMerge/>");
            else if (r + 1 < nrows && c < ncells[r + 1] && !strcmp(rows[r + 1][c], "^"))
                dc_buf_puts(b, "<w:vMerge w:val=\"restart\"/>");
            dc_buf_puts(b, "</w:tcPr>");
            if (!strcmp(t, "^")) {
                dc_buf_puts(b, "<w:p/>");
            } else {
                const char *s = t;
                for (;;) {
                    const char *e = strchr(s, '\x01');
                    size_t n = e ? (size_t)(e - s) : strlen(s);
                    dc_buf_puts(b, "<w:p>");
                    fx_runs(b, s, n);
                    dc_buf_puts(b, "</w:p>");
                    if (!e)
                        break;
                    s = e + 1;
                }
            }
            dc_buf_puts(b, "</w:tc>");
        }
        dc_buf_puts(b, "</w:tr>");
    }
    dc_buf_puts(b, "</w:tbl>");
    free(copy);
}

/* ---- a whole disclosure ------------------------------------------------- */

typedef struct {
    const char *title;
    const char *preamble;
    const char *order;        /* section kinds 1..9 in the order they appear */
    const char *numbers;      /* heading numerals per section ("一二三…"), NULL = in order */
    int styled;               /* headings styled Heading 1..4 (else plain paragraphs) */
    const char *income;
    const char *expenditure;
    const char *change;
    const char *operating;
    const char *three_public;
    const char *procurement_text;
    const char *procurement_table;
    const char *assets_text;
    const char *assets_table;
    const char *org_table;
    const char *dept_table;
    const char *project_caption;
    const char *project_tc;   /* hidden TC entry of the project caption, NULL = none */
    const char *project_table;
    const char *budget_heading;   /* heading of section 2 (without its number) */
} fx_spec;

static const char fx_org_table[] =
    "单位名称|单位性质|单位规格|经费保障形式\n"
    "合    计|||\n"
    "某县教育局|行政|正科级|财政拨款\n"
    "教研室|事业|股级|财政拨款";

static const char fx_dept_table[] =
    "部门整体支出绩效指标情况|<|<|<|<|<|<|<|<\n"
    "一级指标|二级指标|三级指标|绩效指标描述|评（扣）分标准|指标值|<|<|指标值确定依据\n"
    "^|^|^|^|^|符号|值|单位（文字描述）|^\n"
    "产出指标|数量指标|培训人次|培训教师人次|每少100人扣10%|≥|500.00|人次|工作计划\n"
    "^|时效指标|完成及时性|按时完成|每延误一月扣10%|文字描述||及时|工作计划\n"
    "满意度指标|服务对象满意度指标|满意度|学生满意度|每降5%扣10%|≥|90.00|%|问卷调查";

static const char fx_project_table[] =
    "绩效目标|1.完成全县教师培训。\x01" "2.提高教学质量|<|<|<|<\n"
    "一级指标|二级指标|三级指标|绩效指标描述|指标值|指标值确定依据\n"
    "产出指标|数量指标|培训人数|培训教师人数|≥500人|工作计划\n"
    "^|成本指标|预算成本|不超出预算|≤80万元|预算批复\n"
    "效益指标|社会效益指标|教学质量|教学质量提升|提高|工作计划";

static const char fx_procurement_table[] =
    "项目名称|预算资金|数量|单价|政府采购金额|<\n"
    "^|^|^|^|合计|一般公共预算拨款\n"
    "合  计||||300.00|300.00\n"
    "教学设备采购|200.00|1|200.00|200.00|200.00\n"
    "课桌椅采购|100.00|2|50.00|100.00|100.00";

static const char fx_assets_table[] =
    "县直部门固定资产占用情况表|<|<\n"
    "编制部门：某县教育局|<|截止时间：2022年12月31日\n"
    "项   目|数量|价值（金额单位：万元）\n"
    "资产总额|——|150.00\n"
    "1、房屋（平方米）|100平方米|100.00\n"
    "其中：办公用房（平方米）|80平方米|80.00\n"
    "2、车辆（台、辆）|2|50.00\n"
    "3、其他固定资产||";

static inline void fx_defaults(fx_spec *s)
{
    memset(s, 0, sizeof *s);
    s->title = "某县教育局2023年部门预算信息公开情况说明";
    s->preamble = "按照《预算法》规定，现将某县教育局2023年部门预算公开如下：";
    s->order = "123456789";
    s->styled = 1;
    s->income = "2023年预算收入1000.00万元，其中：一般公共预算收入800.00万元，基金预算收入0万元，"
                "财政专户核拨收入0万元，其他来源收入0万元，上年结转200.00万元。";
    s->expenditure = "2023年支出预算1000.00万元，其中：基本支出600.00万元，项目支出400.00万元。";
    s->change = "2023年预算收支安排1000.00万元，较2022年预算900.00万元增加100.00万元，其中："
                "基本支出增加50.00万元，项目支出增加50.00万元。";
    s->operating = "2023年，我局机关运行经费共计安排20.5万元。";
    s->three_public = "2023年，我局财政拨款“三公”经费预算安排3.5万元。其中，因公出国（境）费0万元；"
                      "公务用车购置及运行费2万元（其中：公务用车购置费为0万元，公务用车运行费2万元）；"
                      "公务接待费1.5万元。与2022年相比减少0.5万元。";
    s->procurement_text = "2023年，我部门安排政府采购预算300.00万元。";
    s->procurement_table = fx_procurement_table;
    s->assets_text = "某县教育局上年末固定资产金额为150.00万元（详见下表），本年度我部门拟购置固定资产"
                     "总额为0万元。";
    s->assets_table = fx_assets_table;
    s->org_table = fx_org_table;
    s->dept_table = fx_dept_table;
    s->project_caption = "1.全县教师培训项目绩效目标表";
    s->project_tc = NULL;
    s->project_table = fx_project_table;
    s->budget_heading = "部门预算安排的总体情况";
}

static const char *const fx_cn[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

/* The numeral of the i-th heading: from s->numbers (one CJK character each). */
static inline void fx_numeral(const fx_spec *s, int i, char *buf, size_t size)
{
    if (!s->numbers) {
        snprintf(buf, size, "%s", fx_cn[i + 1 <= 10 ? i + 1 : 10]);
        return;
    }
    size_t n = strlen(s->numbers);
    if ((size_t)(i * 3 + 3) <= n)
        snprintf(buf, size, "%.3s", s->numbers + i * 3);
    else
        snprintf(buf, size, "十");
}

static inline void fx_heading(dc_buf *b, const fx_spec *s, int level, const char *text)
{
    static const char *const st[] = {NULL, "Heading1", "Heading2", "Heading3", "Heading4"};
    fx_para(b, s->styled ? st[level] : NULL, text);
}

static inline void fx_section(dc_buf *b, const fx_spec *s, int kind, const char *num)
{
    char h[256];
    switch (kind) {
    case 1:
        snprintf(h, sizeof h, "%s、部门职责及机构设置情况", num);
        fx_heading(b, s, 1, h);
        fx_p(b, "部门职责：\x01（一）负责全县教育工作。\x01（二）负责教师队伍建设。\x01机构设置：");
        fx_caption(b, "部门机构设置情况", NULL);
        fx_table(b, s->org_table);
        break;
    case 2:
        snprintf(h, sizeof h, "%s、%s", num, s->budget_heading);
        fx_heading(b, s, 1, h);
        fx_heading(b, s, 2, "1、收入说明");
        fx_p(b, s->income);
        fx_heading(b, s, 2, "2、支出说明");
        fx_p(b, s->expenditure);
        fx_heading(b, s, 2, "3、比上年增减情况");
        fx_p(b, s->change);
        break;
    case 3:
        snprintf(h, sizeof h, "%s、机关运行经费安排情况", num);
        fx_heading(b, s, 1, h);
        fx_p(b, s->operating);
        break;
    case 4:
        snprintf(h, sizeof h, "%s、财政拨款“三公”经费预算情况及增减变化原因", num);
        fx_heading(b, s, 1, h);
        fx_p(b, s->three_public);
        break;
    case 5:
        snprintf(h, sizeof h, "%s、绩效预算信息", num);
        fx_heading(b, s, 1, h);
        fx_heading(b, s, 2, "第一部分 部门整体绩效目标");
        fx_heading(b, s, 3, "（一）总体绩效目标");
        fx_p(b, "全面提高教育质量。");
        fx_heading(b, s, 3, "（二）部门整体支出绩效指标");
        fx_table(b, s->dept_table);
        fx_heading(b, s, 2, "第二部分 资金绩效目标");
        fx_caption(b, s->project_caption, s->project_tc);
        fx_table(b, s->project_table);
        break;
    case 6:
        snprintf(h, sizeof h, "%s、政府采购预算情况", num);
        fx_heading(b, s, 1, h);
        fx_p(b, s->procurement_text);
        fx_caption(b, "部门政府采购预算", NULL);
        fx_p(b, "                    单位：万元");
        fx_table(b, s->procurement_table);
        break;
    case 7:
        snprintf(h, sizeof h, "%s、国有资产信息", num);
        fx_heading(b, s, 1, h);
        fx_p(b, s->assets_text);
        fx_table(b, s->assets_table);
        break;
    case 8:
        snprintf(h, sizeof h, "%s、名词解释", num);
        fx_heading(b, s, 1, h);
        fx_p(b, "1、基本支出：指为保障机构正常运转而发生的支出。\x01"
                "2、项目支出：指为完成特定任务而发生的支出。\x01"
                "3、“三公”经费：指因公出国（境）费、公务用车购置及运行费和公务接待费。");
        break;
    case 9:
        snprintf(h, sizeof h, "%s、其他需要说明的事项", num);
        fx_heading(b, s, 1, h);
        fx_p(b, "我部门无其他需要说明的事项。");
        break;
    default:
        break;
    }
}

static inline char *fx_body(const fx_spec *s)
{
    dc_buf b = DC_BUF_INIT;
    fx_para(&b, "Title", s->title);
    fx_p(&b, s->preamble);
    for (int i = 0; s->order[i]; i++) {
        char num[16];
        fx_numeral(s, i, num, sizeof num);
        fx_section(&b, s, s->order[i] - '0', num);
    }
    return dc_buf_detach(&b, NULL);
}

static inline dc_doc *fx_build(const fx_spec *s)
{
    char *body = fx_body(s);
    dc_doc *doc = th_docx(body, fx_styles, NULL, NULL);
    free(body);
    return doc;
}

#endif
