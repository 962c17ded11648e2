/*
 * test_word2003_reader.c - focused tests of the Word 2003 XML reader, one per
 * feature.  Fixtures are Word 2003 XML strings read from memory.
 */
#include "helpers.h"

#include "converters/read/numbering.h"

#define NS                                                                       \
    "xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\" "          \
    "xmlns:wx=\"http://schemas.microsoft.com/office/word/2003/auxHint\" "        \
    "xmlns:aml=\"http://schemas.microsoft.com/aml/2001/core\" "                  \
    "xmlns:o=\"urn:schemas-microsoft-com:office:office\" "                       \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" "                                 \
    "xmlns:st1=\"urn:schemas-microsoft-com:office:smarttags\""

#define P(x) "<w:p>" x "</w:p>"
#define R(x) "<w:r><w:t>" x "</w:t></w:r>"
#define PS(style, x) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr>" x "</w:p>"

/* Builds a Word 2003 document from what goes before w:body (styles, lists,
 * properties) and the body's inner XML. */
static char *S_xml(const char *head, const char *body)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                  "<?mso-application progid=\"Word.Document\"?>\n"
                  "<w:wordDocument " NS " xml:space=\"preserve\">%s<w:body>%s</w:body>"
                  "</w:wordDocument>",
                  head ? head : "", body);
    return dc_buf_detach(&b, NULL);
}

/* Reads it, asserting success and a well-formed model. */
static dc_doc *S_read(const char *head, const char *body)
{
    char *xml = S_xml(head, body);
    dc_error err = {0};
    dc_doc *doc = dc_read_memory((const unsigned char *)xml, strlen(xml), NULL, &err);
    if (!doc)
        fail_msg("reading the fixture failed: %s", err.msg);
    free(xml);
    assert_int_equal(doc->format, DC_FORMAT_WORD2003);
    dc_error cerr = {0};
    if (dc_doc_check(doc, &cerr) != 0)
        fail_msg("model check: %s", cerr.msg);
    return doc;
}

static char *S_text_of(const char *head, const char *body)
{
    dc_doc *doc = S_read(head, body);
    char *t = th_text(doc);
    dc_doc_free(doc);
    return t;
}

/* The n-th cell (row-major, as stored) of a table. */
static const dc_node *S_cell(const dc_node *table, int row, int n)
{
    const dc_node *r = table->first_child;
    while (r && row-- > 0)
        r = r->next;
    assert_non_null(r);
    const dc_node *c = r->first_child;
    while (c && n-- > 0)
        c = c->next;
    assert_non_null(c);
    return c;
}

static int S_cells_in_row(const dc_node *table, int row)
{
    const dc_node *r = table->first_child;
    while (r && row-- > 0)
        r = r->next;
    assert_non_null(r);
    int n = 0;
    for (const dc_node *c = r->first_child; c; c = c->next)
        n++;
    return n;
}

/* "row,col rowspan x colspan" of a cell, for compact assertions. */
static void S_assert_cell(const dc_node *cell, int row, int col, int rowspan, int colspan)
{
    const dc_cell *c = &cell->as.cell;
    if (c->row != row || c->col != col || c->row_span != rowspan || c->col_span != colspan)
        fail_msg("cell at %d,%d span %dx%d, expected %d,%d span %dx%d", c->row, c->col,
                 c->row_span, c->col_span, row, col, rowspan, colspan);
}

/* ---- paragraphs and styles ---------------------------------------------- */

static void test_plain_paragraphs(void **state)
{
    (void)state;
    dc_doc *doc = S_read(NULL, P(R("一、总体情况")) "<w:p/>" P(R("  "))
                         P(R("第二段") "<w:r><w:rPr><w:b/></w:rPr><w:t>粗体</w:t></w:r>"));
    char *text = th_text(doc);
    assert_string_equal(text, "一、总体情况\n第二段粗体\n");
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 3);
    assert_non_null(p);
    assert_false(p->first_child->as.run.bold);
    assert_true(p->last_child->as.run.bold);
    free(text);
    dc_doc_free(doc);
}

static const char S_styles[] =
    "<w:fonts><w:defaultFonts w:ascii=\"Times New Roman\" w:fareast=\"宋体\"/></w:fonts>"
    "<w:styles>"
    "<w:style w:type=\"paragraph\" w:default=\"on\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><wx:uiName wx:val=\"正文\"/>"
    "<w:pPr><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/>"
    "<wx:uiName wx:val=\"标题 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:rFonts w:fareast=\"黑体\"/><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"a5\"><w:name w:val=\"Second\"/>"
    "<wx:uiName wx:val=\"标题 2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading_20_3\"><w:name w:val=\"Heading_20_3\"/>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"P7\"><w:name w:val=\"P7\"/>"
    "<w:basedOn w:val=\"Heading_20_3\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Outline\"><w:name w:val=\"Custom\"/>"
    "<w:pPr><w:outlineLvl w:val=\"3\"/></w:pPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/>"
    "<w:rPr><w:b/><w:color w:val=\"FF0000\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"Title\"/>"
    "<wx:uiName wx:val=\"标题\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"L1\"><w:name w:val=\"L1\"/>"
    "<w:basedOn w:val=\"L2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"L2\"><w:name w:val=\"L2\"/>"
    "<w:basedOn w:val=\"L1\"/></w:style>"
    "</w:styles>";

static void test_styles_based_on_and_headings(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        S_styles,
        PS("1", R("一、标题"))
        PS("a5", R("中文名标题2"))
        PS("P7", R("自动样式"))
        PS("Outline", R("大纲4"))
        "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr>" R("段落大纲") "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"1\"/><w:outlineLvl w:val=\"9\"/></w:pPr>"
        R("正文级别") "</w:p>"
        PS("L1", R("循环"))
        P(R("正常") "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>强</w:t></w:r>"
          "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/><w:b w:val=\"off\"/></w:rPr>"
          "<w:t>不粗</w:t></w:r>")
        PS("Caption", R("表1"))
        PS("a3", R("标题"))
        "<w:p><w:pPr><w:ind w:left=\"420.5\" w:first-line=\"640\" w:first-line-chars=\"200\"/>"
        "<w:spacing w:line=\"560\" w:line-rule=\"exact\" w:before=\"120\"/></w:pPr>"
        R("缩进") "</w:p>"
        "<w:p><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr>" R("悬挂") "</w:p>");
    const dc_node *b = doc->root->first_child;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 1);
    assert_int_equal(b->as.para.outline_level, 0);
    assert_int_equal(b->as.para.align, DC_ALIGN_JUSTIFY);      /* from Normal via basedOn */
    assert_string_equal(b->as.para.style_name, "heading 1");
    assert_true(b->first_child->as.run.bold);
    assert_int_equal(b->first_child->as.run.size, 32);          /* inherited */
    assert_string_equal(b->first_child->as.run.font_ea, "黑体");
    assert_string_equal(b->first_child->as.run.font_ascii, "Times New Roman"); /* defaultFonts */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 2);              /* wx:uiName "标题 2" */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 3);              /* "Heading_20_3" via basedOn */
    assert_string_equal(b->as.para.style_id, "P7");
    assert_int_equal(b->as.para.align, DC_ALIGN_CENTER);
    b = b->next;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 4);              /* style outline level */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 2);              /* paragraph outline level */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_PARAGRAPH);               /* outline level 9 = body */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_PARAGRAPH);               /* basedOn loop survives */
    b = b->next;
    const dc_node *r = b->first_child;
    assert_false(r->as.run.bold);
    assert_string_equal(r->as.run.font_ea, "宋体");             /* w:defaultFonts */
    r = r->next;
    assert_true(r->as.run.bold);                                /* character style */
    assert_true(r->as.run.has_color);
    assert_int_equal(r->as.run.color, 0xFF0000);
    r = r->next;
    assert_false(r->as.run.bold);                               /* w:val="off" wins */
    b = b->next;
    assert_true(b->as.para.is_caption);
    b = b->next;
    assert_true(b->as.para.is_title);
    b = b->next;
    assert_int_equal(b->as.para.ind_left, 421);                 /* fractional twips rounded */
    assert_int_equal(b->as.para.ind_first, 640);
    assert_int_equal(b->as.para.ind_first_chars, 200);
    assert_int_equal(b->as.para.line, 560);
    assert_int_equal(b->as.para.line_rule, DC_LINE_EXACT);
    assert_int_equal(b->as.para.space_before, 120);
    b = b->next;
    assert_int_equal(b->as.para.ind_first, -360);
    dc_doc_free(doc);
}

/* ---- lists ---------------------------------------------------------------- */

static const char S_lists[] =
    "<w:lists>"
    "<w:listDef w:listDefId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:nfc w:val=\"39\"/><w:lvlText w:val=\"%1、\"/>"
    "<w:suff w:val=\"Nothing\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:nfc w:val=\"39\"/><w:lvlText w:val=\"（%2）\"/>"
    "<w:suff w:val=\"Nothing\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:lvlText w:val=\"%3.\"/>"
    "<w:suff w:val=\"Space\"/></w:lvl>"
    "</w:listDef>"
    "<w:listDef w:listDefId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:nfc w:val=\"23\"/>"
    "<w:lvlText w:val=\"\xEF\x82\xB7\"/><w:rPr><w:rFonts w:ascii=\"Symbol\"/></w:rPr></w:lvl>"
    "</w:listDef>"
    "<w:listDef w:listDefId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:nfc w:val=\"1\"/>"
    "<w:lvlText w:val=\"%1)\"/><w:rPr><w:b/></w:rPr></w:lvl></w:listDef>"
    "<w:listDef w:listDefId=\"3\"><w:listStyleLink w:val=\"MyList\"/></w:listDef>"
    "<w:listDef w:listDefId=\"4\"><w:styleLink w:val=\"MyList\"/>"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"5\"/><w:nfc w:val=\"0\"/><w:lvlText w:val=\"%1.\"/>"
    "<w:suff w:val=\"Nothing\"/></w:lvl></w:listDef>"
    "<w:list w:ilfo=\"1\"><w:ilst w:val=\"0\"/></w:list>"
    "<w:list w:ilfo=\"2\"><w:ilst w:val=\"0\"/>"
    "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:list>"
    "<w:list w:ilfo=\"3\"><w:ilst w:val=\"1\"/></w:list>"
    "<w:list w:ilfo=\"4\"><w:ilst w:val=\"2\"/></w:list>"
    "<w:list w:ilfo=\"5\"><w:ilst w:val=\"3\"/></w:list>"
    "<w:list w:ilfo=\"6\"><w:ilst w:val=\"0\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:nfc w:val=\"18\"/>"
    "<w:lvlText w:val=\"%1\"/><w:suff w:val=\"Nothing\"/></w:lvl></w:lvlOverride></w:list>"
    "</w:lists>";

#define LP(ilfo, ilvl, text)                                                            \
    "<w:p><w:pPr><w:listPr><w:ilvl w:val=\"" #ilvl "\"/><w:ilfo w:val=\"" #ilfo "\"/>" \
    "</w:listPr></w:pPr>" R(text) "</w:p>"

static void test_list_labels(void **state)
{
    (void)state;
    char *t = S_text_of(S_lists,
                        LP(1, 0, "部门职责") LP(1, 1, "机构") LP(1, 1, "人员") LP(1, 2, "细项")
                        LP(1, 0, "预算") LP(1, 1, "收入") LP(2, 1, "跳号")
                        LP(3, 0, "要点") LP(4, 0, "罗马") LP(5, 0, "链接") LP(0, 0, "无编号")
                        LP(6, 0, "圈号")
                        "<w:p><w:pPr><w:listPr><w:ilvl w:val=\"1\"/><w:ilfo w:val=\"99\"/>"
                        "<wx:t wx:val=\"（九）\"/></w:listPr></w:pPr>" R("提示") "</w:p>");
    assert_string_equal(t, "一、部门职责\n"
                           "（一）机构\n"
                           "（二）人员\n"
                           "1. 细项\n"
                           "二、预算\n"
                           "（一）收入\n"
                           "（三）跳号\n"            /* w:startOverride */
                           "\xE2\x80\xA2\t要点\n"    /* nfc 23, Symbol U+F0B7 -> • */
                           "I)\t罗马\n"              /* nfc 1, default suffix tab */
                           "5.链接\n"                /* w:listStyleLink -> w:styleLink */
                           "无编号\n"                /* ilfo 0 */
                           "①圈号\n"                 /* w:lvlOverride/w:lvl, nfc 18 */
                           "（九）提示\n");          /* undefined list: wx:t hint */
    free(t);
}

static void test_list_label_is_first_run(void **state)
{
    (void)state;
    dc_doc *doc = S_read(S_lists, LP(1, 0, "部门职责") LP(4, 0, "粗"));
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 0);
    assert_string_equal(p->as.para.list_label, "一、");
    assert_int_equal(p->as.para.list_level, 0);
    assert_int_equal(p->as.para.list_id, 1);
    assert_true(p->first_child->as.run.is_label);
    assert_string_equal(p->first_child->as.run.text, "一、");
    assert_false(p->last_child->as.run.is_label);
    p = th_block(doc, DC_NODE_PARAGRAPH, 1);
    assert_string_equal(p->as.para.list_label, "I)");
    assert_true(p->first_child->as.run.bold);                   /* level w:rPr */
    dc_doc_free(doc);
}

static void test_list_from_style(void **state)
{
    (void)state;
    char head[4096];
    snprintf(head, sizeof head,
             "%s<w:styles><w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:name w:val=\"heading 2\"/>"
             "<w:pPr><w:listPr><w:ilvl w:val=\"1\"/><w:ilfo w:val=\"1\"/></w:listPr></w:pPr>"
             "</w:style></w:styles>", S_lists);
    dc_doc *doc = S_read(head, LP(1, 0, "总体") PS("H2", R("分项")) PS("H2", R("分项二")));
    char *t = th_text(doc);
    assert_string_equal(t, "一、总体\n（一）分项\n（二）分项二\n");
    const dc_node *h = th_block(doc, DC_NODE_HEADING, 0);
    assert_int_equal(h->as.para.heading_level, 2);
    assert_string_equal(h->as.para.list_label, "（一）");
    free(t);
    dc_doc_free(doc);
}

static void test_nfc_names(void **state)
{
    (void)state;
    assert_string_equal(dc_numfmt_from_nfc(0), "decimal");
    assert_string_equal(dc_numfmt_from_nfc(1), "upperRoman");
    assert_string_equal(dc_numfmt_from_nfc(4), "lowerLetter");
    assert_string_equal(dc_numfmt_from_nfc(18), "decimalEnclosedCircle");
    assert_string_equal(dc_numfmt_from_nfc(23), "bullet");
    assert_string_equal(dc_numfmt_from_nfc(26), "decimalEnclosedFullstop");
    assert_string_equal(dc_numfmt_from_nfc(30), "ideographTraditional");
    assert_string_equal(dc_numfmt_from_nfc(37), "chineseCounting");
    assert_string_equal(dc_numfmt_from_nfc(38), "chineseLegalSimplified");
    assert_string_equal(dc_numfmt_from_nfc(39), "chineseCountingThousand");
    assert_string_equal(dc_numfmt_from_nfc(59), "russianUpper");
    assert_string_equal(dc_numfmt_from_nfc(255), "none");
    assert_string_equal(dc_numfmt_from_nfc(60), "decimal");
    assert_string_equal(dc_numfmt_from_nfc(-3), "decimal");
}

/* ---- fields ------------------------------------------------------------- */

#define FLD(type) "<w:r><w:fldChar w:fldCharType=\"" type "\"/></w:r>"
#define INSTR(x) "<w:r><w:instrText>" x "</w:instrText></w:r>"

static void test_hyperlinks(void **state)
{
    (void)state;
    dc_doc *doc = S_read("", P(R("见") "<w:hlink w:dest=\"http://www.example.gov.cn/\">"
                                 R("网站") "</w:hlink>" R("。"))
                             P("<w:hlink w:bookmark=\"_Toc1\">" R("目录") "</w:hlink>")
                             P("<w:hlink w:dest=\"http://a.cn/x\" w:bookmark=\"b\">" R("锚")
                               "</w:hlink>"));
    const dc_node *p0 = doc->root->first_child;
    const dc_node *r = p0->first_child;
    assert_string_equal(r->as.run.text, "见");
    assert_null(r->as.run.link);
    assert_string_equal(r->next->as.run.text, "网站");
    assert_string_equal(r->next->as.run.link, "http://www.example.gov.cn/");
    assert_null(r->next->next->as.run.link);
    assert_null(p0->next->first_child->as.run.link);
    assert_string_equal(p0->next->next->first_child->as.run.link, "http://a.cn/x#b");
    dc_doc_free(doc);
}

static void test_fields(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        P(R("第") "<w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \">" R("3") "</w:fldSimple>"
          R("页"))
        P(R("日期：") FLD("begin") INSTR(" DATE ") FLD("separate") R("2021") FLD("end"))
        P(FLD("begin") INSTR(" IF ") FLD("begin") INSTR(" PAGE ") FLD("separate") R("1")
          FLD("end") INSTR(" = 1 \"一页\" ") FLD("separate") R("一页") FLD("end"))
        P(R("1.项目绩效目标表") FLD("begin")
          INSTR(" TC &quot;1、项目绩效目标表&quot; \\f C \\l 1 ") FLD("end")
          FLD("begin") INSTR(" TC 1、交通局") INSTR("其他表 \\f C") INSTR(" \\l 2 ") FLD("end"))
        P(R("索引") "<w:fldSimple w:instr=\" TC &quot;其他&quot; \\l 3 \"/>"));
    char *t = th_text(doc);
    assert_string_equal(t, "第3页\n日期：2021\n一页\n1.项目绩效目标表\n索引\n");
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 0);
    assert_false(p->first_child->as.run.from_field);
    assert_true(p->first_child->next->as.run.from_field);       /* the field result */
    p = th_block(doc, DC_NODE_PARAGRAPH, 3);
    const dc_node *tc1 = NULL, *tc2 = NULL;
    for (const dc_node *c = p->first_child; c; c = c->next)
        if (c->type == DC_NODE_TOC_ENTRY) {
            if (!tc1)
                tc1 = c;
            else
                tc2 = c;
        }
    assert_non_null(tc1);
    assert_non_null(tc2);
    assert_string_equal(tc1->as.toc.text, "1、项目绩效目标表");
    assert_string_equal(tc1->as.toc.type_id, "C");
    assert_int_equal(tc1->as.toc.level, 1);
    assert_string_equal(tc2->as.toc.text, "1、交通局其他表");  /* split over three runs */
    assert_int_equal(tc2->as.toc.level, 2);
    p = th_block(doc, DC_NODE_PARAGRAPH, 4);
    assert_int_equal(p->last_child->type, DC_NODE_TOC_ENTRY);
    assert_int_equal(p->last_child->as.toc.level, 3);
    free(t);
    dc_doc_free(doc);
}

/* ---- revisions, hidden text, comments ------------------------------------ */

static void test_revisions_and_hidden(void **state)
{
    (void)state;
    char *t = S_text_of(
        "<w:styles><w:style w:type=\"character\" w:styleId=\"Hid\"><w:name w:val=\"Hid\"/>"
        "<w:rPr><w:vanish/></w:rPr></w:style></w:styles>",
        P(R("保留")
          "<aml:annotation aml:id=\"1\" w:type=\"Word.Insertion\" aml:author=\"张三\">"
          "<aml:content>" R("插入") "</aml:content></aml:annotation>"
          "<aml:annotation aml:id=\"2\" w:type=\"Word.Deletion\" aml:author=\"张三\">"
          "<aml:content><w:r><w:delText>删除</w:delText></w:r></aml:content></aml:annotation>"
          "<aml:annotation aml:id=\"3\" w:type=\"Word.Bookmark.Start\" w:name=\"b1\"/>"
          "<aml:annotation aml:id=\"3\" w:type=\"Word.Bookmark.End\"/>"
          "<aml:annotation aml:id=\"4\" w:type=\"Word.Comment\"><aml:content>"
          P(R("批注")) "</aml:content></aml:annotation>"
          "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
          "<w:r><w:rPr><w:rStyle w:val=\"Hid\"/></w:rPr><w:t>样式隐藏</w:t></w:r>"
          "<w:r><w:rPr><w:rStyle w:val=\"Hid\"/><w:vanish w:val=\"off\"/></w:rPr>"
          "<w:t>显示</w:t></w:r>")
        "<aml:annotation w:type=\"Word.Insertion\"><aml:content>" P(R("插入段")) "</aml:content>"
        "</aml:annotation>"
        "<aml:annotation w:type=\"Word.Deletion\"><aml:content>" P(R("删除段")) "</aml:content>"
        "</aml:annotation>");
    assert_string_equal(t, "保留插入显示\n插入段\n");
    free(t);
}

/* ---- special characters and inline containers ----------------------------- */

static void test_special_characters(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        P("<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>")
        P(R("前") "<w:r><w:br w:type=\"page\"/></w:r>" R("后"))
        P("<w:r><w:sym w:font=\"Symbol\" w:char=\"F061\"/><w:sym w:font=\"Wingdings\" "
          "w:char=\"F0FC\"/><wx:sym wx:font=\"Symbol\" wx:char=\"F0B3\"/>"
          "<w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/></w:r>")
        P("<st1:chsdate Year=\"2020\" Month=\"12\" Day=\"31\" w:st=\"on\">" R("2020年12月31日")
          "</st1:chsdate><w:hlink w:dest=\"http://example.org\">" R("链接") "</w:hlink>"));
    char *t = th_text(doc);
    assert_string_equal(t, "甲\t乙\n丙\n"
                           "前后\n"
                           "α✔≥A\xE2\x80\x91" "B\xC2\xAD\n"
                           "2020年12月31日链接\n");
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 1);
    int page_breaks = 0;
    for (const dc_node *c = p->first_child; c; c = c->next)
        page_breaks += c->type == DC_NODE_BREAK && c->as.brk.kind == DC_BREAK_PAGE;
    assert_int_equal(page_breaks, 1);
    free(t);
    dc_doc_free(doc);
}

/* ---- text boxes ------------------------------------------------------------ */

static void test_text_boxes(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        P(R("锚点") "<w:r><w:pict><v:shape id=\"_x0000_s1026\" type=\"#_x0000_t202\">"
          "<v:textbox><w:txbxContent>" P(R("框内文字")) "</w:txbxContent></v:textbox>"
          "</v:shape></w:pict></w:r>" R("续"))
        P(R("下一段")));
    char *t = th_text(doc);
    assert_string_equal(t, "锚点续\n框内文字\n下一段\n");
    const dc_node *box = th_block(doc, DC_NODE_PARAGRAPH, 1);
    assert_true(box->as.para.in_textbox);
    assert_false(th_block(doc, DC_NODE_PARAGRAPH, 0)->as.para.in_textbox);
    free(t);
    dc_doc_free(doc);
}

/* ---- sections ---------------------------------------------------------------- */

static void test_sections(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        "<wx:sect>" P(R("一"))
        "<wx:sub-section>" P(R("二")) "<wx:sub-section>" P(R("三")) "</wx:sub-section>"
        "</wx:sub-section>"
        "<wx:pBdrGroup><wx:borders><wx:top wx:val=\"solid\"/></wx:borders>" P(R("框"))
        "</wx:pBdrGroup>"
        "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:pPr>" R("四")
        "</w:p></wx:sect>"
        "<wx:sect>" P(R("五"))
        "<w:sectPr><w:ftr w:type=\"odd\">" P(R("页脚")) "</w:ftr></w:sectPr></wx:sect>");
    char *t = th_text(doc);
    assert_string_equal(t, "一\n二\n三\n框\n四\n五\n");
    const dc_node *b = th_block(doc, DC_NODE_BREAK, 0);
    assert_non_null(b);
    assert_int_equal(b->as.brk.kind, DC_BREAK_SECTION);
    assert_int_equal(b->prev->type, DC_NODE_PARAGRAPH);        /* after 四 */
    assert_null(th_block(doc, DC_NODE_BREAK, 1));
    free(t);
    dc_doc_free(doc);
}

/* ---- tables --------------------------------------------------------------- */

#define GRID3 "<w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"2000\"/>" \
              "<w:gridCol w:w=\"3000\"/></w:tblGrid>"
#define TC(pr, x) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(R(x)) "</w:tc>"
#define TCE(pr) "<w:tc><w:tcPr>" pr "</w:tcPr><w:p/></w:tc>"
#define SPAN(n) "<w:gridSpan w:val=\"" #n "\"/>"
#define WID(n) "<w:tcW w:w=\"" #n "\" w:type=\"dxa\"/>"

static void test_table_spans_and_merges(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        "<w:tbl><w:tblPr><w:tblW w:w=\"6000\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        "<w:tblBorders><w:top w:val=\"single\"/><w:left w:val=\"single\"/>"
        "<w:bottom w:val=\"single\"/><w:right w:val=\"single\"/>"
        "<w:insideH w:val=\"single\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr>"
        GRID3
        "<w:tr><w:trPr><w:tblHeader w:val=\"on\"/></w:trPr>"
        TC("<w:vmerge w:val=\"restart\"/>", "甲") TC(SPAN(2), "乙丙") "</w:tr>"
        "<w:tr><w:trPr><w:tblHeader>on</w:tblHeader></w:trPr>"
        TCE("<w:vmerge/>") TC("<w:hmerge w:val=\"restart\"/>", "横") TC("<w:hmerge/>", "并")
        "</w:tr>"
        "<w:tr>" TC("<w:vmerge/>", "续")
        "<w:tc><w:tcPr>" SPAN(2) "<w:shd w:fill=\"FFFF00\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"900\"/></w:tblGrid><w:tr>" TC("", "嵌套")
        "</w:tr></w:tbl><w:p/></w:tc></w:tr>"
        "</w:tbl>");
    const dc_node *t = th_block(doc, DC_NODE_TABLE, 0);
    assert_non_null(t);
    assert_int_equal(t->as.table.nrows, 3);
    assert_int_equal(t->as.table.ncols, 3);
    assert_int_equal(t->as.table.grid[2], 3000);
    assert_int_equal(t->as.table.width, 6000);
    assert_int_equal(t->as.table.align, DC_ALIGN_CENTER);
    assert_int_equal(t->as.table.inferred_merges, 0);
    assert_true(t->first_child->as.row.header);
    assert_true(t->first_child->next->as.row.header);             /* <w:tblHeader>on</…> */
    S_assert_cell(S_cell(t, 0, 0), 0, 0, 3, 1);                     /* vmerge over 3 rows */
    S_assert_cell(S_cell(t, 0, 1), 0, 1, 1, 2);
    S_assert_cell(S_cell(t, 1, 0), 1, 1, 1, 2);                     /* hmerge */
    assert_int_equal(S_cells_in_row(t, 1), 1);
    const dc_node *c = S_cell(t, 2, 0);
    S_assert_cell(c, 2, 1, 1, 2);
    assert_true(c->as.cell.has_fill);
    assert_int_equal(c->as.cell.fill, 0xFFFF00);
    assert_int_equal(c->as.cell.valign, DC_VALIGN_CENTER);
    const dc_node *nested = c->first_child;
    assert_int_equal(nested->type, DC_NODE_TABLE);
    assert_int_equal(nested->as.table.nested_depth, 1);
    /* Borders: outside edges on, inside vertical off. */
    assert_int_equal(S_cell(t, 0, 0)->as.cell.borders,
                     DC_BORDER_TOP | DC_BORDER_LEFT | DC_BORDER_BOTTOM);
    char *text = th_text(doc);
    /* the continuation's text "续" moves into the merge's first cell */
    assert_string_equal(text, "甲\n续\n乙丙\n横\n并\n嵌套\n");
    free(text);
    dc_doc_free(doc);
}

/* The indicator-table pattern as LibreOffice writes it: w:vmerge dropped, the
 * continuation cells left out, every w:tcW the width of the grid column with
 * the cell's index.  The same table written with w:vmerge must give the same
 * grid. */
#define GRID5 "<w:tblGrid><w:gridCol w:w=\"900\"/><w:gridCol w:w=\"1200\"/>"  \
              "<w:gridCol w:w=\"500\"/><w:gridCol w:w=\"700\"/><w:gridCol w:w=\"1500\"/>" \
              "</w:tblGrid>"

static const char S_lossy_table[] =
    "<w:tbl>" GRID5
    "<w:tr>" TC(WID(900), "一级指标") TC(WID(1200), "二级指标") TC(WID(500) SPAN(2), "指标值")
    TC(WID(700), "依据") "</w:tr>"
    "<w:tr>" TC(WID(900), "符号") TC(WID(1200), "值") "</w:tr>"
    "<w:tr>" TC(WID(900), "产出指标") TC(WID(1200), "数量指标") TC(WID(500), "≥")
    TC(WID(700), "10") TC(WID(1500), "计划") "</w:tr>"
    "<w:tr>" TC(WID(900), "质量指标") TC(WID(1200), "=") TC(WID(500), "100")
    TC(WID(700), "验收") "</w:tr>"
    "<w:tr>" TC(WID(900), "时效指标") TC(WID(1200), "=") TC(WID(500), "1")
    TC(WID(700), "进度") "</w:tr>"
    "<w:tr>" TC(WID(900), "效益指标") TC(WID(1200), "社会") TC(WID(500), "≥")
    TC(WID(700), "95") TC(WID(1500), "记录") "</w:tr>"
    "<w:tr>" TC(WID(900), "生态") TC(WID(1200), "≤") TC(WID(500), "46")
    TC(WID(700), "监测") "</w:tr>"
    "</w:tbl>";

#define VR "<w:vmerge w:val=\"restart\"/>"
#define VC "<w:vmerge/>"

static const char S_vmerge_table[] =
    "<w:tbl>" GRID5
    "<w:tr>" TC(VR, "一级指标") TC(VR, "二级指标") TC(SPAN(2), "指标值") TC(VR, "依据") "</w:tr>"
    "<w:tr>" TCE(VC) TCE(VC) TC("", "符号") TC("", "值") TCE(VC) "</w:tr>"
    "<w:tr>" TC(VR, "产出指标") TC("", "数量指标") TC("", "≥") TC("", "10") TC("", "计划")
    "</w:tr>"
    "<w:tr>" TCE(VC) TC("", "质量指标") TC("", "=") TC("", "100") TC("", "验收") "</w:tr>"
    "<w:tr>" TCE(VC) TC("", "时效指标") TC("", "=") TC("", "1") TC("", "进度") "</w:tr>"
    "<w:tr>" TC(VR, "效益指标") TC("", "社会") TC("", "≥") TC("", "95") TC("", "记录") "</w:tr>"
    "<w:tr>" TCE(VC) TC("", "生态") TC("", "≤") TC("", "46") TC("", "监测") "</w:tr>"
    "</w:tbl>";

static void S_assert_same_grid(const dc_node *a, const dc_node *b)
{
    assert_int_equal(a->as.table.nrows, b->as.table.nrows);
    assert_int_equal(a->as.table.ncols, b->as.table.ncols);
    const dc_node *ra = a->first_child, *rb = b->first_child;
    for (; ra && rb; ra = ra->next, rb = rb->next) {
        const dc_node *ca = ra->first_child, *cb = rb->first_child;
        for (; ca && cb; ca = ca->next, cb = cb->next) {
            S_assert_cell(ca, cb->as.cell.row, cb->as.cell.col, cb->as.cell.row_span,
                          cb->as.cell.col_span);
            char *ta = dc_node_text_trimmed(ca), *tb = dc_node_text_trimmed(cb);
            assert_string_equal(ta, tb);
            free(ta);
            free(tb);
        }
        assert_null(ca);
        assert_null(cb);
    }
    assert_null(ra);
    assert_null(rb);
}

static void test_table_short_rows_restored(void **state)
{
    (void)state;
    dc_doc *lossy = S_read(NULL, S_lossy_table);
    dc_doc *full = S_read(NULL, S_vmerge_table);
    const dc_node *t = th_block(lossy, DC_NODE_TABLE, 0);
    const dc_node *u = th_block(full, DC_NODE_TABLE, 0);
    S_assert_same_grid(t, u);
    assert_int_equal(u->as.table.inferred_merges, 0);
    assert_int_equal(t->as.table.inferred_merges, 6);   /* continuation cells restored */
    S_assert_cell(S_cell(t, 0, 0), 0, 0, 2, 1);
    S_assert_cell(S_cell(t, 0, 2), 0, 2, 1, 2);             /* the group header */
    S_assert_cell(S_cell(t, 0, 3), 0, 4, 2, 1);
    S_assert_cell(S_cell(t, 1, 0), 1, 2, 1, 1);             /* 符号 under 指标值 */
    S_assert_cell(S_cell(t, 1, 1), 1, 3, 1, 1);
    S_assert_cell(S_cell(t, 2, 0), 2, 0, 3, 1);             /* 产出指标 down 3 rows */
    S_assert_cell(S_cell(t, 3, 0), 3, 1, 1, 1);             /* 质量指标 not shifted */
    S_assert_cell(S_cell(t, 6, 3), 6, 4, 1, 1);             /* 监测 in the last column */
    char *a = th_text(lossy), *b = th_text(full);
    assert_string_equal(a, b);
    free(a);
    free(b);
    dc_doc_free(lossy);
    dc_doc_free(full);
}

/* Procurement-table pattern: group headers spanning columns over sub-headers,
 * single-column headers merged down; the sub-header row is short. */
static void test_table_short_row_under_group_headers(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"1000\"/>"
        "<w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"1000\"/>"
        "<w:gridCol w:w=\"1000\"/></w:tblGrid>"
        "<w:tr>" TC(SPAN(2), "来源") TC("", "名称") TC(SPAN(2), "金额") TC("", "备注") "</w:tr>"
        "<w:tr>" TC("", "项目") TC("", "预算") TC("", "合计") TC("", "其中") "</w:tr>"
        "<w:tr>" TC("", "a") TC("", "b") TC("", "c") TC("", "d") TC("", "e") TC("", "f")
        "</w:tr></w:tbl>");
    const dc_node *t = th_block(doc, DC_NODE_TABLE, 0);
    S_assert_cell(S_cell(t, 0, 1), 0, 2, 2, 1);   /* 名称 merged down */
    S_assert_cell(S_cell(t, 0, 3), 0, 5, 2, 1);   /* 备注 merged down */
    S_assert_cell(S_cell(t, 1, 0), 1, 0, 1, 1);
    S_assert_cell(S_cell(t, 1, 1), 1, 1, 1, 1);
    S_assert_cell(S_cell(t, 1, 2), 1, 3, 1, 1);
    S_assert_cell(S_cell(t, 1, 3), 1, 4, 1, 1);
    assert_int_equal(t->as.table.inferred_merges, 2);
    dc_doc_free(doc);
}

/* Widths place a short row when the table's full rows prove them (a spanning
 * cell as wide as its columns); LibreOffice's index widths prove nothing. */
static void test_table_short_row_widths(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        "<w:tbl>" GRID3
        "<w:tr>" TC(WID(3000) SPAN(2), "甲乙") TC(WID(3000), "丙") "</w:tr>"
        "<w:tr>" TC(WID(1000), "1") TC(WID(2000), "2") TC(WID(3000), "3") "</w:tr>"
        "<w:tr>" TC(WID(1000), "4") TC(WID(2000), "5") "</w:tr>"
        "</w:tbl>"
        "<w:tbl>" GRID3
        "<w:tr>" TC(WID(1000) SPAN(2), "甲乙") TC(WID(2000), "丙") "</w:tr>"
        "<w:tr>" TC(WID(1000), "1") TC(WID(2000), "2") TC(WID(3000), "3") "</w:tr>"
        "<w:tr>" TC(WID(1000), "4") TC(WID(2000), "5") "</w:tr>"
        "</w:tbl>");
    const dc_node *t = th_block(doc, DC_NODE_TABLE, 0);
    S_assert_cell(S_cell(t, 1, 2), 1, 2, 2, 1);   /* "3" continues: the widths say so */
    S_assert_cell(S_cell(t, 2, 0), 2, 0, 1, 1);
    S_assert_cell(S_cell(t, 2, 1), 2, 1, 1, 1);
    t = th_block(doc, DC_NODE_TABLE, 1);
    S_assert_cell(S_cell(t, 1, 0), 1, 0, 2, 1);   /* widths unproven: leftmost */
    S_assert_cell(S_cell(t, 2, 0), 2, 1, 1, 1);
    S_assert_cell(S_cell(t, 2, 1), 2, 2, 1, 1);
    dc_doc_free(doc);
}

/* A merge already running continues before a new one starts; a cell with
 * text is merged before an empty one. */
static void test_table_short_row_preferences(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        "<w:tbl>" GRID3
        "<w:tr>" TC("", "a") TC("", "b") TC(VR, "c") "</w:tr>"
        "<w:tr>" TC("", "d") TC("", "e") TCE(VC) "</w:tr>"
        "<w:tr>" TC("", "f") TC("", "g") "</w:tr>"
        "</w:tbl>"
        "<w:tbl>" GRID3
        "<w:tr>" TCE("") TC("", "有") TC("", "x") "</w:tr>"
        "<w:tr>" TC("", "h") TC("", "i") "</w:tr>"
        "</w:tbl>");
    const dc_node *t = th_block(doc, DC_NODE_TABLE, 0);
    S_assert_cell(S_cell(t, 0, 2), 0, 2, 3, 1);   /* c goes on down */
    S_assert_cell(S_cell(t, 2, 0), 2, 0, 1, 1);
    S_assert_cell(S_cell(t, 2, 1), 2, 1, 1, 1);
    assert_int_equal(t->as.table.inferred_merges, 1);
    t = th_block(doc, DC_NODE_TABLE, 1);
    S_assert_cell(S_cell(t, 0, 1), 0, 1, 2, 1);   /* "有" merged, not the empty cell */
    S_assert_cell(S_cell(t, 1, 0), 1, 0, 1, 1);
    S_assert_cell(S_cell(t, 1, 1), 1, 2, 1, 1);
    dc_doc_free(doc);
}

static void test_table_empty_row_and_no_fit(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        "<w:tbl>" GRID3
        "<w:tr><w:trPr><w:tblHeader>on</w:tblHeader></w:trPr>"
        TC("", "单位名称") TC("", "单位性质") TC("", "经费") "</w:tr>"
        "<w:tr><w:trPr><w:tblHeader>on</w:tblHeader></w:trPr></w:tr>"
        "<w:tr>" TC("", "合计") TCE("") TCE("") "</w:tr>"
        "</w:tbl>"
        "<w:tbl>" GRID3
        "<w:tr>" TC(SPAN(3), "标题") "</w:tr>"
        "<w:tr>" TC(SPAN(2), "短") "</w:tr>"
        "</w:tbl>");
    const dc_node *t = th_block(doc, DC_NODE_TABLE, 0);
    assert_int_equal(t->as.table.nrows, 3);
    assert_int_equal(S_cells_in_row(t, 1), 0);   /* all continuations, resolved */
    S_assert_cell(S_cell(t, 0, 0), 0, 0, 2, 1);
    S_assert_cell(S_cell(t, 0, 2), 0, 2, 2, 1);
    S_assert_cell(S_cell(t, 2, 1), 2, 1, 1, 1);
    assert_int_equal(t->as.table.inferred_merges, 3);
    t = th_block(doc, DC_NODE_TABLE, 1);
    S_assert_cell(S_cell(t, 1, 0), 1, 0, 1, 2);   /* no reading fits: left to right */
    assert_int_equal(t->as.table.inferred_merges, 0);
    const dc_node **grid = dc_table_grid(t);
    assert_null(grid[1 * 3 + 2]);                 /* a hole, not a guess */
    free(grid);
    dc_doc_free(doc);
}

/* ---- notes ------------------------------------------------------------------ */

static void test_inline_notes(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        NULL,
        P(R("正文")
          "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnote>"
          "<w:p><w:r><w:footnoteRef/></w:r>" R("注释一") "</w:p></w:footnote></w:r>"
          R("续") FLD("begin") INSTR(" PAGE ") FLD("separate")
          "<w:r><w:footnote>" P(FLD("begin") INSTR(" TC 注内 \\l 1 ") FLD("end") R("注释二"))
          "</w:footnote></w:r>" R("7") FLD("end")
          "<w:r><w:endnote>" P(R("尾注")) "</w:endnote></w:r>"));
    char *t = th_text(doc);
    /* body, then the notes; the field around the second note is intact */
    assert_string_equal(t, "正文1续27i\n1注释一\n注释二\n尾注\n");
    int n = 0;
    for (const dc_node *c = doc->notes->first_child; c; c = c->next, n++) {
        assert_int_equal(c->type, DC_NODE_NOTE);
        if (n < 2) {
            assert_int_equal(c->as.note.kind, DC_NOTE_FOOTNOTE);
            assert_string_equal(c->as.note.label, n == 0 ? "1" : "2");
        } else {
            assert_int_equal(c->as.note.kind, DC_NOTE_ENDNOTE);
            assert_string_equal(c->as.note.label, "i");
        }
    }
    assert_int_equal(n, 3);
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 0);
    int refs = 0;
    for (const dc_node *c = p->first_child; c; c = c->next)
        refs += c->type == DC_NODE_NOTE_REF;
    assert_int_equal(refs, 3);
    free(t);
    dc_doc_free(doc);
}

static void test_note_number_formats(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        "<w:docPr><w:footnotePr><w:numFmt w:val=\"decimal-enclosed-circle\"/></w:footnotePr>"
        "<w:endnotePr><w:numFmt w:val=\"upper-roman\"/><w:numStart w:val=\"3\"/></w:endnotePr>"
        "</w:docPr>",
        P(R("甲") "<w:r><w:footnote>" P("<w:r><w:footnoteRef/></w:r>" R("注")) "</w:footnote></w:r>"
          R("乙") "<w:r><w:endnote>" P(R("尾")) "</w:endnote></w:r>"));
    char *t = th_text(doc);
    assert_string_equal(t, "甲①乙III\n①注\n尾\n");
    free(t);
    dc_doc_free(doc);
}

/* ---- document properties --------------------------------------------------- */

static void test_document_properties(void **state)
{
    (void)state;
    dc_doc *doc = S_read(
        "<o:DocumentProperties><o:Title>部门预算信息公开</o:Title><o:Subject>2021年</o:Subject>"
        "<o:Author>张三</o:Author><o:Keywords/><o:Description>说明</o:Description>"
        "<o:LastAuthor>李四</o:LastAuthor><o:Created>2021-02-20T09:30:00Z</o:Created>"
        "<o:LastSaved>2021-02-21T10:00:00Z</o:LastSaved><o:Pages>26</o:Pages>"
        "</o:DocumentProperties>",
        P(R("正文")));
    const dc_meta *m = &doc->meta;
    assert_string_equal(m->title, "部门预算信息公开");
    assert_string_equal(m->subject, "2021年");
    assert_string_equal(m->creator, "张三");
    assert_null(m->keywords);
    assert_string_equal(m->description, "说明");
    assert_string_equal(m->last_modified_by, "李四");
    assert_string_equal(m->created, "2021-02-20T09:30:00Z");
    assert_string_equal(m->modified, "2021-02-21T10:00:00Z");
    dc_doc_free(doc);
}

/* Java systems often write GBK; libxml2 converts by the XML declaration. */
static void test_gbk_encoding(void **state)
{
    (void)state;
    const char *gbk = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<w:wordDocument " NS ">"
                      "<w:body><w:p><w:r><w:t>\xB2\xBF\xC3\xC5</w:t></w:r></w:p></w:body>"
                      "</w:wordDocument>";
    dc_error err = {0};
    dc_doc *doc = dc_read_memory((const unsigned char *)gbk, strlen(gbk), NULL, &err);
    if (!doc)
        fail_msg("%s", err.msg);
    char *t = th_text(doc);
    assert_string_equal(t, "部门\n");
    free(t);
    dc_doc_free(doc);
}

/* ---- bad input and limits --------------------------------------------------- */

static void test_bad_input(void **state)
{
    (void)state;
    const char *bad = "<?xml version=\"1.0\"?>\n<w:wordDocument " NS ">\n<w:body>\n"
                      "<w:p><w:r><w:t>x</w:t></w:r>\n</w:body></w:wordDocument>\n";
    dc_error err = {0};
    assert_null(dc_read_memory((const unsigned char *)bad, strlen(bad), NULL, &err));
    assert_int_equal(err.code, DC_ERR_XML);
    assert_non_null(strstr(err.msg, "malformed XML"));
    assert_non_null(strstr(err.msg, "at line 5"));               /* the first error */
    assert_null(strchr(err.msg, '\n'));

    const char *nobody = "<w:wordDocument " NS "><w:styles/></w:wordDocument>";
    dc_error_clear(&err);
    assert_null(dc_read_memory((const unsigned char *)nobody, strlen(nobody), NULL, &err));
    assert_int_equal(err.code, DC_ERR_PART);

    char *many = S_xml(NULL, P(R("1")) P(R("2")) P(R("3")) P(R("4")) P(R("5")) P(R("6")));
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_nodes = 8;
    dc_error_clear(&err);
    assert_null(dc_read_memory((const unsigned char *)many, strlen(many), &lim, &err));
    assert_int_equal(err.code, DC_ERR_LIMIT);
    free(many);

    /* hostile numbers and names do not hurt */
    dc_doc *doc = S_read(
        "<w:lists><w:listDef w:listDefId=\"0\"><w:lvl w:ilvl=\"99\"/><w:lvl w:ilvl=\"0\">"
        "<w:start w:val=\"-5\"/><w:nfc w:val=\"99999999999\"/><w:lvlText w:val=\"%9%1\"/>"
        "</w:lvl></w:listDef><w:list w:ilfo=\"1\"><w:ilst w:val=\"0\"/></w:list></w:lists>",
        LP(1, 0, "x") LP(1, 12, "y")
        P("<w:r><w:sym w:font=\"Symbol\" w:char=\"FFFFFFFFFFFF\"/><w:sym/></w:r>")
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"1e300\"/><w:gridCol w:w=\"-5\"/></w:tblGrid>"
        "<w:tr>" TC(SPAN(99999) WID(1e300), "宽") "</w:tr><w:tr/><w:tr>" TC("", "a") TC("", "b")
        TC("", "c") "</w:tr></w:tbl>");
    char *t = th_text(doc);
    assert_non_null(strstr(t, "宽"));
    free(t);
    dc_doc_free(doc);
}

/* ---- the sample ------------------------------------------------------------- */

/* The LibreOffice export without its vertical merges reads onto the same
 * grids as the same file with them put back (tests run in tests/data). */
static void test_sample_tables(void **state)
{
    (void)state;
    dc_error err = {0};
    dc_doc *lossy = dc_read_file("yongqing-eco-2021.word2003.xml", NULL, &err);
    if (!lossy)
        fail_msg("%s", err.msg);
    dc_doc *full = dc_read_file("yongqing-eco-2021.word2003-vmerge.xml", NULL, &err);
    if (!full)
        fail_msg("%s", err.msg);
    int tables = 0, inferred = 0, spans = 0;
    const dc_node *a = th_block(lossy, DC_NODE_TABLE, 0), *b = th_block(full, DC_NODE_TABLE, 0);
    for (; a && b; a = a->next, b = b->next) {
        while (a && a->type != DC_NODE_TABLE)
            a = a->next;
        while (b && b->type != DC_NODE_TABLE)
            b = b->next;
        if (!a || !b)
            break;
        S_assert_same_grid(a, b);
        assert_int_equal(b->as.table.inferred_merges, 0);
        inferred += a->as.table.inferred_merges;
        for (const dc_node *r = b->first_child; r; r = r->next)
            for (const dc_node *c = r->first_child; c; c = c->next)
                spans += c->as.cell.row_span - 1;
        tables++;
    }
    assert_null(a);
    assert_null(b);
    assert_int_equal(tables, 28);
    assert_int_equal(spans, 124);      /* continuation cells in the corpus README */
    assert_int_equal(inferred, 124);
    dc_doc_free(lossy);
    dc_doc_free(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_paragraphs),
        cmocka_unit_test(test_styles_based_on_and_headings),
        cmocka_unit_test(test_list_labels),
        cmocka_unit_test(test_list_label_is_first_run),
        cmocka_unit_test(test_list_from_style),
        cmocka_unit_test(test_nfc_names),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_hyperlinks),
        cmocka_unit_test(test_revisions_and_hidden),
        cmocka_unit_test(test_special_characters),
        cmocka_unit_test(test_text_boxes),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_table_spans_and_merges),
        cmocka_unit_test(test_table_short_rows_restored),
        cmocka_unit_test(test_table_short_row_under_group_headers),
        cmocka_unit_test(test_table_short_row_widths),
        cmocka_unit_test(test_table_short_row_preferences),
        cmocka_unit_test(test_table_empty_row_and_no_fit),
        cmocka_unit_test(test_inline_notes),
        cmocka_unit_test(test_note_number_formats),
        cmocka_unit_test(test_document_properties),
        cmocka_unit_test(test_gbk_encoding),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_sample_tables),
    };
    return cmocka_run_group_tests_name("word2003_reader", tests, NULL, NULL);
}
