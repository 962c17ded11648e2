/*
 * test_ooxml_reader.c - focused tests of the .docx reader, one per feature.
 * Fixtures are built on the fly by tests/unit/helpers.h.
 */
#include "helpers.h"

#define P(x) "<w:p>" x "</w:p>"
#define R(x) "<w:r><w:t xml:space=\"preserve\">" x "</w:t></w:r>"

/* Reads a body and returns its visible text (caller frees). */
static char *S_text_of(const char *body, const char *styles, const char *numbering)
{
    dc_doc *doc = th_docx(body, styles, numbering, NULL);
    dc_error err = {0};
    assert_int_equal(dc_doc_check(doc, &err), 0);
    char *t = th_text(doc);
    dc_doc_free(doc);
    return t;
}

static void test_plain_paragraphs(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(P(R("一、总体情况")) "<w:p/>" P(R("  "))
                          P(R("第二段") "<w:r><w:rPr><w:b/></w:rPr><w:t>粗体</w:t></w:r>"),
                          NULL, NULL, NULL);
    char *text = th_text(doc);
    assert_string_equal(text, "一、总体情况\n第二段粗体\n");
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 3);
    assert_non_null(p);
    assert_false(p->first_child->as.run.bold);
    assert_true(p->last_child->as.run.bold);
    free(text);
    dc_doc_free(doc);
}

/* ---- styles ------------------------------------------------------------ */

static const char S_styles[] =
    "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"21\"/></w:rPr></w:rPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"MyHead\"><w:name w:val=\"My Head\"/>"
    "<w:basedOn w:val=\"Heading1\"/><w:rPr><w:i/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"标题 2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Outline3\"><w:name w:val=\"Custom\"/>"
    "<w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Loop1\"><w:name w:val=\"Loop1\"/>"
    "<w:basedOn w:val=\"Loop2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Loop2\"><w:name w:val=\"Loop2\"/>"
    "<w:basedOn w:val=\"Loop1\"/></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/>"
    "<w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>";

static void test_styles_based_on_and_headings(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" R("一、标题") "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"MyHead\"/></w:pPr>" R("继承") "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr>" R("中文标题2") "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Outline3\"/></w:pPr>" R("大纲3") "</w:p>"
        "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr>" R("段落大纲") "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:outlineLvl w:val=\"9\"/></w:pPr>"
        R("正文级别") "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Loop1\"/></w:pPr>" R("循环") "</w:p>"
        "<w:p>" R("正常") "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>强</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr>" R("表1") "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>" R("标题") "</w:p>",
        S_styles, NULL, NULL);
    const dc_node *b = doc->root->first_child;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 1);
    assert_int_equal(b->as.para.align, DC_ALIGN_JUSTIFY);       /* from Normal via basedOn */
    assert_true(b->first_child->as.run.bold);
    assert_int_equal(b->first_child->as.run.size, 32);
    b = b->next;                                                  /* MyHead basedOn Heading1 */
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 1);
    assert_true(b->first_child->as.run.bold);
    assert_true(b->first_child->as.run.italic);
    b = b->next;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 2);                /* "标题 2" */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 3);                /* style outline level */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_HEADING);
    assert_int_equal(b->as.para.heading_level, 2);                /* paragraph outline level */
    assert_int_equal(b->as.para.outline_level, 1);
    b = b->next;
    assert_int_equal(b->type, DC_NODE_PARAGRAPH);                 /* outline level 9 = body */
    b = b->next;
    assert_int_equal(b->type, DC_NODE_PARAGRAPH);                 /* basedOn loop survives */
    b = b->next;
    assert_false(b->first_child->as.run.bold);
    assert_true(b->last_child->as.run.bold);                      /* character style */
    assert_int_equal(b->first_child->as.run.size, 21);            /* docDefaults */
    b = b->next;
    assert_true(b->as.para.is_caption);
    b = b->next;
    assert_true(b->as.para.is_title);
    assert_int_equal(b->type, DC_NODE_PARAGRAPH);
    dc_doc_free(doc);
}

/* ---- numbering --------------------------------------------------------- */

#define LVL(ilvl, fmt, text, start)                                                        \
    "<w:lvl w:ilvl=\"" #ilvl "\"><w:start w:val=\"" #start "\"/><w:numFmt w:val=\"" fmt     \
    "\"/><w:lvlText w:val=\"" text "\"/><w:suff w:val=\"nothing\"/></w:lvl>"
#define NUMP(id, ilvl, text)                                                               \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #ilvl "\"/><w:numId w:val=\"" #id               \
    "\"/></w:numPr></w:pPr>" R(text) "</w:p>"

static const char S_numbering[] =
    "<w:abstractNum w:abstractNumId=\"0\">"
    LVL(0, "chineseCounting", "%1、", 1)
    LVL(1, "chineseCounting", "（%2）", 1)
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:isLgl/>"
    "<w:lvlText w:val=\"%1.%2.%3\"/><w:suff w:val=\"nothing\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">"
    LVL(0, "decimalEnclosedCircleChinese", "%1", 1)
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"3\">"
    LVL(0, "upperRoman", "%1.", 1) LVL(1, "lowerLetter", "%2)", 1)
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"3\"/>"
    "<w:lvlOverride w:ilvl=\"1\"><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"ideographTraditional\"/><w:lvlText w:val=\"%2、\"/>"
    "<w:suff w:val=\"space\"/></w:lvl></w:lvlOverride></w:num>";

static void test_numbering_labels(void **state)
{
    (void)state;
    char *t = S_text_of(NUMP(1, 0, "甲") NUMP(1, 1, "子") NUMP(1, 1, "丑") NUMP(1, 2, "深")
                        NUMP(1, 0, "乙") NUMP(1, 1, "寅")
                        NUMP(2, 0, "圈") NUMP(2, 0, "圈")
                        NUMP(3, 0, "点")
                        NUMP(4, 0, "重启")
                        NUMP(5, 0, "罗马") NUMP(5, 1, "天干") NUMP(5, 1, "天干"),
                        NULL, S_numbering);
    assert_string_equal(t,
                        "一、甲\n（一）子\n（二）丑\n1.2.1深\n二、乙\n（一）寅\n"
                        "①圈\n②圈\n"
                        "\xE2\x80\xA2\t点\n"   /* bullet, tab suffix by default */
                        "五、重启\n"           /* startOverride on a new instance */
                        "I.罗马\n甲、 天干\n乙、 天干\n");
    free(t);
}

static void test_numbering_label_is_first_run(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(NUMP(1, 0, "部门职责"), NULL, S_numbering, NULL);
    const dc_node *p = doc->root->first_child;
    assert_string_equal(p->as.para.list_label, "一、");
    assert_int_equal(p->as.para.list_level, 0);
    assert_true(p->first_child->as.run.is_label);
    dc_buf b = DC_BUF_INIT;
    dc_node_text(p, &b);
    /* The same text as "一、部门职责" typed by hand. */
    assert_string_equal(dc_buf_cstr(&b), "一、部门职责");
    dc_buf_free(&b);
    dc_doc_free(doc);
}

static void test_numfmt_formats(void **state)
{
    (void)state;
    static const struct { const char *fmt; int v; const char *want; } cases[] = {
        {"decimal", 7, "7"},
        {"decimalZero", 7, "07"},
        {"upperRoman", 1994, "MCMXCIV"},
        {"lowerRoman", 4, "iv"},
        {"upperLetter", 28, "BB"},
        {"lowerLetter", 3, "c"},
        {"chineseCounting", 10, "十"},
        {"chineseCounting", 11, "十一"},
        {"chineseCounting", 21, "二十一"},
        {"chineseCounting", 105, "一〇五"},
        {"chineseCountingThousand", 101, "一百零一"},
        {"chineseCountingThousand", 1010, "一千零一十"},
        {"chineseCountingThousand", 20000, "二万"},
        {"chineseLegalSimplified", 12, "壹拾贰"},
        {"ideographTraditional", 3, "丙"},
        {"ideographZodiac", 12, "亥"},
        {"ideographDigital", 205, "二〇五"},
        {"decimalEnclosedCircle", 20, "⑳"},
        {"decimalEnclosedCircleChinese", 21, "㉑"},
        {"decimalEnclosedFullstop", 3, "⒊"},
        {"decimalEnclosedParen", 3, "⑶"},
        {"decimalFullWidth", 12, "１２"},
        {"ordinal", 22, "22nd"},
        {"none", 5, ""},
        {"someFutureFormat", 5, "5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dc_buf b = DC_BUF_INIT;
        dc_numfmt_format(cases[i].fmt, cases[i].v, &b);
        if (strcmp(dc_buf_cstr(&b), cases[i].want) != 0)
            fail_msg("%s(%d): got '%s', want '%s'", cases[i].fmt, cases[i].v, dc_buf_cstr(&b),
                     cases[i].want);
        dc_buf_free(&b);
    }
}

/* ---- fields ------------------------------------------------------------- */

#define FLD(type) "<w:r><w:fldChar w:fldCharType=\"" type "\"/></w:r>"
#define INSTR(x) "<w:r><w:instrText xml:space=\"preserve\">" x "</w:instrText></w:r>"

static void test_fields(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        /* simple field: result kept */
        P(R("第") "<w:fldSimple w:instr=\" PAGE \">" R("3") "</w:fldSimple>" R("页"))
        /* complex field: instruction dropped, result kept */
        P(R("日期：") FLD("begin") INSTR(" DATE \\@ \"yyyy\" ") FLD("separate") R("2021")
          FLD("end"))
        /* nested field inside an instruction */
        P(FLD("begin") INSTR(" IF ") FLD("begin") INSTR(" PAGE ") FLD("separate") R("1")
          FLD("end") INSTR(" = 1 \"一\" \"多\" ") FLD("separate") R("一") FLD("end") R("页"))
        /* TC entries: unquoted, quoted, split over runs; nothing visible */
        P(R("1.项目绩效目标表") FLD("begin") INSTR(" TC 1、项目绩效目标表 \\f C \\l 1 ")
          FLD("end") FLD("begin") INSTR(" TC \"1、交通局") INSTR("其他表\" ") INSTR("\\l 2 ")
          FLD("end"))
        /* XE and RD give nothing */
        P(R("索引") FLD("begin") INSTR(" XE \"词条\" ") FLD("end")
          "<w:fldSimple w:instr=\" RD other.docx \"/>"),
        NULL, NULL, NULL);
    char *t = th_text(doc);
    assert_string_equal(t, "第3页\n日期：2021\n一页\n1.项目绩效目标表\n索引\n");
    /* field results are marked as such, simple or complex */
    const dc_node *p0 = th_block(doc, DC_NODE_PARAGRAPH, 0);
    assert_true(p0->first_child->next->as.run.from_field);
    assert_string_equal(p0->first_child->next->as.run.text, "3");
    const dc_node *p1 = th_block(doc, DC_NODE_PARAGRAPH, 1);
    assert_true(p1->last_child->as.run.from_field);
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 3);
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
    assert_string_equal(tc2->as.toc.text, "1、交通局其他表");
    assert_int_equal(tc2->as.toc.level, 2);
    free(t);
    dc_doc_free(doc);
}

static void test_field_spanning_paragraphs(void **state)
{
    (void)state;
    /* A TOC field whose result spans paragraphs keeps every result paragraph. */
    char *t = S_text_of(P(FLD("begin") INSTR(" TOC \\o \"1-3\" ") FLD("separate") R("目录一"))
                        P(R("目录二") FLD("end")) P(R("正文")),
                        NULL, NULL);
    assert_string_equal(t, "目录一\n目录二\n正文\n");
    free(t);
}

/* ---- revisions and hidden text ----------------------------------------- */

static void test_revisions_and_hidden(void **state)
{
    (void)state;
    char *t = S_text_of(
        P(R("保留") "<w:ins w:id=\"1\" w:author=\"a\">" R("插入") "</w:ins>"
          "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>删除</w:delText></w:r></w:del>"
          "<w:moveFrom w:id=\"3\" w:author=\"a\">" R("移走") "</w:moveFrom>"
          "<w:moveTo w:id=\"4\" w:author=\"a\">" R("移来") "</w:moveTo>"
          "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
          "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显示</w:t></w:r>"
          "<w:r><w:rPr><w:webHidden/></w:rPr><w:t>网页隐藏</w:t></w:r>"),
        NULL, NULL);
    assert_string_equal(t, "保留插入移来显示网页隐藏\n");
    free(t);
}

static void test_hidden_style(void **state)
{
    (void)state;
    char *t = S_text_of(
        P(R("看得见") "<w:r><w:rPr><w:rStyle w:val=\"Hid\"/></w:rPr><w:t>看不见</w:t></w:r>"),
        "<w:style w:type=\"character\" w:styleId=\"Hid\"><w:name w:val=\"Hid\"/>"
        "<w:rPr><w:vanish/></w:rPr></w:style>",
        NULL);
    assert_string_equal(t, "看得见\n");
    free(t);
}

/* ---- special characters ------------------------------------------------- */

static void test_special_characters(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        P(R("甲") "<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r>")
        P("<w:r><w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t><w:softHyphen/><w:t>c</w:t>"
          "<w:sym w:font=\"Symbol\" w:char=\"F0B3\"/><w:sym w:font=\"Symbol\" w:char=\"F061\"/>"
          "<w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:sym w:font=\"Webdings\" w:char=\"F068\"/>"
          "<w:sym w:font=\"Symbol\" w:char=\"F0F0\"/></w:r>")
        P(R("前") "<w:r><w:br w:type=\"page\"/></w:r>" R("后")),
        NULL, NULL, NULL);
    char *t = th_text(doc);
    assert_string_equal(t, "甲\t乙\n丙\n丁\n"
                           "a\xE2\x80\x91" "b\xC2\xAD" "c≥α✔\xEF\x81\xA8\xEF\x83\xB0\n"
                           "前后\n");
    const dc_node *p = th_block(doc, DC_NODE_PARAGRAPH, 2);
    int page_breaks = 0;
    for (const dc_node *c = p->first_child; c; c = c->next)
        page_breaks += c->type == DC_NODE_BREAK && c->as.brk.kind == DC_BREAK_PAGE;
    assert_int_equal(page_breaks, 1);
    free(t);
    dc_doc_free(doc);
}

/* A run in a symbol font holding private-use characters (as Word writes
 * "(" typed in Symbol, pandoc's unicode.docx) reads as w:sym would; the
 * same code points in another font are kept. */
static void test_symbol_font_text(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        P("<w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr>"
          "<w:t>\xEF\x80\xA8\xEF\x82\xB3\xEF\x81\xA1x</w:t></w:r>"
          "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\"/></w:rPr><w:t>\xEF\x83\xBC</w:t></w:r>"
          "<w:r><w:rPr><w:rFonts w:ascii=\"SimSun\"/></w:rPr><w:t>\xEF\x80\xA8</w:t></w:r>"),
        NULL, NULL, NULL);
    char *t = th_text(doc);
    assert_string_equal(t, "(≥αx✔\xEF\x80\xA8\n");
    free(t);
    dc_doc_free(doc);
}

/* ---- containers --------------------------------------------------------- */

static void test_inline_containers(void **state)
{
    (void)state;
    char *t = S_text_of(
        P("<w:hyperlink r:id=\"rId9\">" R("链接") "</w:hyperlink>"
          "<w:smartTag w:uri=\"u\" w:element=\"e\">" R("智能") "</w:smartTag>"
          "<w:customXml w:element=\"x\">" R("自定义") "</w:customXml>"
          "<w:sdt><w:sdtPr/><w:sdtContent>" R("控件") "</w:sdtContent></w:sdt>"
          "<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"b\"/>"
          R("尾") "<w:bookmarkEnd w:id=\"0\"/>")
        "<w:sdt><w:sdtContent>" P(R("块控件")) "</w:sdtContent></w:sdt>"
        "<w:customXml w:element=\"y\">" P(R("块自定义")) "</w:customXml>",
        NULL, NULL);
    assert_string_equal(t, "链接智能自定义控件尾\n块控件\n块自定义\n");
    free(t);
}

/* Block wrappers nest and are read in order as the body streams: a second
 * w:sdtContent is never read, a w:sectPr inside a content control is not
 * the body's (its note format does not count), w:del is dropped. */
static void test_block_wrappers_nested(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        "<w:sdt><w:sdtPr><w:alias w:val=\"全文\"/></w:sdtPr><w:sdtContent>"
        P(R("一") "<w:r><w:footnoteReference w:id=\"2\"/></w:r>")
        "<w:customXml w:element=\"x\"><w:customXmlPr/>" P(R("二")) "</w:customXml>"
        "<w:ins w:id=\"1\" w:author=\"a\">" P(R("三")) "</w:ins>"
        "<w:del w:id=\"2\" w:author=\"a\">" P(R("删")) "</w:del>"
        "<w:sdt><w:sdtContent>" P(R("四")) "</w:sdtContent></w:sdt>"
        "<w:sectPr><w:footnotePr><w:numFmt w:val=\"upperRoman\"/></w:footnotePr></w:sectPr>"
        "</w:sdtContent><w:sdtContent>" P(R("不读")) "</w:sdtContent></w:sdt>"
        P(R("五")),
        NULL, NULL,
        "<w:footnote w:id=\"2\">" P("<w:r><w:footnoteRef/></w:r>" R(" 注")) "</w:footnote>");
    char *t = th_text(doc);
    assert_string_equal(t, "一1\n二\n三\n四\n五\n1 注\n");
    free(t);
    dc_doc_free(doc);
}

static void test_alternate_content(void **state)
{
    (void)state;
    /* An unknown Choice is skipped for the Fallback; a known one is taken. */
    char *t = S_text_of(
        P(R("前") "<mc:AlternateContent><mc:Choice Requires=\"w99\">" R("新") "</mc:Choice>"
          "<mc:Fallback>" R("旧") "</mc:Fallback></mc:AlternateContent>" R("后"))
        "<mc:AlternateContent><mc:Choice Requires=\"w14\">" P(R("选择"))
        "</mc:Choice><mc:Fallback>" P(R("后备")) "</mc:Fallback></mc:AlternateContent>",
        NULL, NULL);
    assert_string_equal(t, "前旧后\n选择\n");
    free(t);
}

static void test_text_boxes(void **state)
{
    (void)state;
    /* A text box in a wps shape with a VML fallback: read once, after its paragraph. */
    dc_doc *doc = th_docx(
        P(R("锚点") "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
          "<wps:wsp><wps:txbx><w:txbxContent>" P(R("框内文字")) "</w:txbxContent></wps:txbx>"
          "</wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
          "<w:txbxContent>" P(R("框内文字")) "</w:txbxContent></v:textbox></v:shape></w:pict>"
          "</mc:Fallback></mc:AlternateContent></w:r>" R("续"))
        P(R("下一段")),
        NULL, NULL, NULL);
    char *t = th_text(doc);
    assert_string_equal(t, "锚点续\n框内文字\n下一段\n");
    const dc_node *box = th_block(doc, DC_NODE_PARAGRAPH, 1);
    assert_true(box->as.para.in_textbox);
    free(t);
    dc_doc_free(doc);
}

static void test_math(void **state)
{
    (void)state;
    char *t = S_text_of(P(R("公式") "<m:oMath><m:r><m:t>x</m:t></m:r><m:r><m:t>=2</m:t></m:r>"
                          "</m:oMath>"),
                        NULL, NULL);
    assert_string_equal(t, "公式x=2\n");
    free(t);
}

/* ---- tables ------------------------------------------------------------- */

#define TC(pr, x) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(R(x)) "</w:tc>"
#define TCE(pr) "<w:tc><w:tcPr>" pr "</w:tcPr><w:p/></w:tc>"

static void test_table_spans(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/><w:left w:val=\"single\"/>"
        "<w:bottom w:val=\"single\"/><w:right w:val=\"single\"/><w:insideH w:val=\"single\"/>"
        "<w:insideV w:val=\"single\"/></w:tblBorders></w:tblPr>"
        "<w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"3000\"/>"
        "</w:tblGrid>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        TC("<w:vMerge w:val=\"restart\"/>", "甲") TC("<w:gridSpan w:val=\"2\"/>", "乙") "</w:tr>"
        "<w:tr>" TCE("<w:vMerge/>") TC("", "丙") TC("<w:vMerge w:val=\"restart\"/>", "丁") "</w:tr>"
        "<w:tr>" TCE("<w:vMerge/>") TC("", "戊") TCE("<w:vMerge w:val=\"continue\"/>") "</w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("", "己") TCE("") "</w:tr>"
        "<w:tr><w:trPr><w:gridAfter w:val=\"2\"/></w:trPr>" TC("", "庚") "</w:tr>"
        "</w:tbl>",
        NULL, NULL, NULL);
    const dc_node *t = th_block(doc, DC_NODE_TABLE, 0);
    assert_non_null(t);
    assert_int_equal(t->as.table.nrows, 5);
    assert_int_equal(t->as.table.ncols, 3);
    assert_int_equal(t->as.table.grid[2], 3000);
    const dc_node *r0 = t->first_child;
    assert_true(r0->as.row.header);
    const dc_node *c = r0->first_child;
    assert_int_equal(c->as.cell.row_span, 3);
    assert_int_equal(c->as.cell.col_span, 1);
    assert_int_equal(c->next->as.cell.col, 1);
    assert_int_equal(c->next->as.cell.col_span, 2);
    const dc_node *r1 = r0->next;
    assert_int_equal(r1->first_child->as.cell.col, 1);           /* continuation removed */
    assert_int_equal(r1->last_child->as.cell.row_span, 2);
    const dc_node *r3 = r1->next->next;
    assert_int_equal(r3->first_child->as.cell.col, 1);           /* gridBefore */
    const dc_node *r4 = r3->next;
    assert_int_equal(r4->as.row.grid_after, 2);
    assert_int_equal(r4->first_child->as.cell.col_span, 1);
    /* borders: the top-left cell has top and left edges drawn */
    assert_int_equal(c->as.cell.borders & (DC_BORDER_TOP | DC_BORDER_LEFT),
                     DC_BORDER_TOP | DC_BORDER_LEFT);
    const dc_node **grid = dc_table_grid(t);
    assert_ptr_equal(grid[2 * 3 + 0], c);                        /* covered by the merge */
    assert_ptr_equal(grid[2 * 3 + 2], r1->last_child);
    free(grid);
    char *text = th_text(doc);
    assert_string_equal(text, "甲\n乙\n丙\n丁\n戊\n己\n\n庚\n");
    free(text);
    dc_error err = {0};
    assert_int_equal(dc_doc_check(doc, &err), 0);
    dc_doc_free(doc);
}

static void test_nested_table(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid>"
        "<w:tr>" TC("", "外一") "<w:tc>" P(R("外二"))
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr>" TC("", "内")
        "</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>",
        NULL, NULL, NULL);
    const dc_node *t = th_block(doc, DC_NODE_TABLE, 0);
    const dc_node *cell = t->first_child->last_child;
    const dc_node *inner = NULL;
    for (const dc_node *b = cell->first_child; b; b = b->next)
        if (b->type == DC_NODE_TABLE)
            inner = b;
    assert_non_null(inner);
    assert_int_equal(inner->as.table.nested_depth, 1);
    char *text = th_text(doc);
    assert_string_equal(text, "外一\n外二\n内\n");
    free(text);
    dc_doc_free(doc);
}

static void test_deleted_row(void **state)
{
    (void)state;
    char *t = S_text_of(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid>"
        "<w:tr>" TC("", "留") "</w:tr>"
        "<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"a\"/></w:trPr>" TC("", "删") "</w:tr>"
        "</w:tbl>",
        NULL, NULL);
    assert_string_equal(t, "留\n");
    free(t);
}

/* ---- notes, metadata, strict -------------------------------------------- */

static void test_footnotes(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        P(R("正文") "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
          "<w:footnoteReference w:id=\"2\"/></w:r>" R("。")),
        NULL, NULL,
        "<w:footnote w:type=\"separator\" w:id=\"-1\">" P("<w:r><w:separator/></w:r>")
        "</w:footnote>"
        "<w:footnote w:id=\"2\">" P("<w:r><w:footnoteRef/></w:r>" R(" 注释内容"))
        "</w:footnote>");
    char *t = th_text(doc);
    assert_string_equal(t, "正文1。\n1 注释内容\n");
    const dc_node *note = doc->notes->first_child;
    assert_non_null(note);
    assert_int_equal(note->type, DC_NODE_NOTE);
    assert_string_equal(note->as.note.label, "1");
    assert_null(note->next);                                    /* separator skipped */
    free(t);
    dc_doc_free(doc);
}

/* The body's final w:sectPr comes after the text it numbers: its note
 * number format (lower letters from 3) still labels every reference, and a
 * custom mark is not numbered. */
static void test_footnote_format_from_final_section(void **state)
{
    (void)state;
    dc_doc *doc = th_docx(
        P(R("甲") "<w:r><w:footnoteReference w:id=\"2\"/></w:r>"
          R("乙") "<w:r><w:footnoteReference w:customMarkFollows=\"1\" w:id=\"3\"/>"
          "<w:t>*</w:t></w:r>"
          R("丙") "<w:r><w:footnoteReference w:id=\"4\"/></w:r>")
        "<w:sectPr><w:footnotePr><w:numFmt w:val=\"lowerLetter\"/>"
        "<w:numStart w:val=\"3\"/></w:footnotePr></w:sectPr>",
        NULL, NULL,
        "<w:footnote w:id=\"2\">" P("<w:r><w:footnoteRef/></w:r>" R(" 一")) "</w:footnote>"
        "<w:footnote w:id=\"3\">" P(R("* 星")) "</w:footnote>"
        "<w:footnote w:id=\"4\">" P("<w:r><w:footnoteRef/></w:r>" R(" 二")) "</w:footnote>");
    char *t = th_text(doc);
    assert_string_equal(t, "甲c乙*丙d\nc 一\n* 星\nd 二\n");
    const dc_node *note = doc->notes->first_child;
    assert_string_equal(note->as.note.label, "c");
    assert_string_equal(note->next->next->as.note.label, "d");
    free(t);
    dc_doc_free(doc);
}

static void test_core_properties_and_strict(void **state)
{
    (void)state;
    const char *strict_doc =
        "<?xml version=\"1.0\"?><w:document "
        "xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
        "<w:p><w:pPr><w:ind w:firstLine=\"0.5in\"/></w:pPr><w:r><w:t>严格</w:t></w:r></w:p>"
        "</w:body></w:document>";
    const char *rels =
        "<?xml version=\"1.0\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/"
        "relationships/officeDocument\" Target=\"/word/document.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
        "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        "</Relationships>";
    const char *core =
        "<?xml version=\"1.0\"?><cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
        "<dc:title>预算公开</dc:title><dc:creator>财务股</dc:creator>"
        "<dcterms:created>2021-02-20T09:30:00Z</dcterms:created></cp:coreProperties>";
    const char *pairs[] = {"[Content_Types].xml", th_content_types, "_rels/.rels", rels,
                           "word/document.xml", strict_doc, "docProps/core.xml", core, NULL};
    char *path = th_zip(pairs);
    dc_error err = {0};
    dc_doc *doc = dc_read_file(path, NULL, &err);
    unlink(path);
    free(path);
    assert_non_null(doc);
    assert_true(doc->strict);
    assert_string_equal(doc->meta.title, "预算公开");
    assert_string_equal(doc->meta.creator, "财务股");
    assert_string_equal(doc->meta.created, "2021-02-20T09:30:00Z");
    assert_int_equal(doc->root->first_child->as.para.ind_first, 720);
    char *t = th_text(doc);
    assert_string_equal(t, "严格\n");
    free(t);
    dc_doc_free(doc);
}

static void test_relationships_not_fixed_paths(void **state)
{
    (void)state;
    /* The main part and its styles live where the relationships say. */
    const char *ct =
        "<?xml version=\"1.0\"?><Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    const char *rels =
        "<?xml version=\"1.0\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"a\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"content/main%20doc.xml\"/></Relationships>";
    const char *doc_rels =
        "<?xml version=\"1.0\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"s\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/styles\" Target=\"../look/s.xml\"/></Relationships>";
    const char *main_xml =
        "<?xml version=\"1.0\"?><w:document " TH_W_NS "><w:body>"
        "<w:p><w:pPr><w:pStyle w:val=\"H\"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>"
        "</w:body></w:document>";
    const char *styles =
        "<?xml version=\"1.0\"?><w:styles " TH_W_NS "><w:style w:type=\"paragraph\" "
        "w:styleId=\"H\"><w:name w:val=\"heading 2\"/></w:style></w:styles>";
    const char *pairs[] = {"[Content_Types].xml", ct, "_rels/.rels", rels,
                           "content/_rels/main doc.xml.rels", doc_rels,
                           "content/main doc.xml", main_xml, "look/s.xml", styles,
                           "word/document.xml", "<not-this/>", NULL};
    char *path = th_zip(pairs);
    dc_error err = {0};
    dc_doc *doc = dc_read_file(path, NULL, &err);
    unlink(path);
    free(path);
    if (!doc)
        fail_msg("%s", err.msg);
    assert_int_equal(doc->root->first_child->type, DC_NODE_HEADING);
    assert_int_equal(doc->root->first_child->as.para.heading_level, 2);
    dc_doc_free(doc);
}


/* The run holding text t in paragraph p, or NULL. */
static const dc_run *S_run_with(const dc_node *p, const char *t)
{
    for (const dc_node *c = p->first_child; c; c = c->next)
        if (c->type == DC_NODE_RUN && strstr(c->as.run.text, t))
            return &c->as.run;
    return NULL;
}

static void test_hyperlinks(void **state)
{
    (void)state;
    /* w:hyperlink with an external relationship, with an anchor; a bookmark
     * link; HYPERLINK fields, complex (with a switch before the URI) and
     * simple; the text around keeps no link. */
    const char *ct =
        "<?xml version=\"1.0\"?><Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
        "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "</Types>";
    const char *rels =
        "<?xml version=\"1.0\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"a\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    const char *doc_rels =
        "<?xml version=\"1.0\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"L1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/hyperlink\" Target=\"http://www.example.gov.cn/a b\" "
        "TargetMode=\"External\"/></Relationships>";
    const char *main_xml =
        "<?xml version=\"1.0\"?><w:document " TH_W_NS "><w:body>"
        P(R("见") "<w:hyperlink r:id=\"L1\">" R("网站") "</w:hyperlink>" R("。"))
        P("<w:hyperlink r:id=\"L1\" w:anchor=\"sec2\">" R("第二节") "</w:hyperlink>")
        P("<w:hyperlink w:anchor=\"_Toc1\">" R("目录项") "</w:hyperlink>")
        P(R("前") FLD("begin") INSTR(" HYPERLINK \\l \"x\" ") FLD("separate") R("书签")
          FLD("end") FLD("begin") INSTR(" HYPERLINK \\o \"提示\" \"https://e.org/?q=1\" ")
          FLD("separate") R("字段") FLD("end") R("后"))
        P("<w:fldSimple w:instr=\" HYPERLINK http://s.example.cn \">" R("简单") "</w:fldSimple>")
        "</w:body></w:document>";
    const char *pairs[] = {"[Content_Types].xml", ct, "_rels/.rels", rels,
                           "word/_rels/document.xml.rels", doc_rels, "word/document.xml",
                           main_xml, NULL};
    char *path = th_zip(pairs);
    dc_error err = {0};
    dc_doc *doc = dc_read_file(path, NULL, &err);
    unlink(path);
    free(path);
    if (!doc)
        fail_msg("%s", err.msg);
    const dc_node *p0 = th_block(doc, DC_NODE_PARAGRAPH, 0);
    assert_null(S_run_with(p0, "见")->link);
    assert_string_equal(S_run_with(p0, "网站")->link, "http://www.example.gov.cn/a b");
    assert_null(S_run_with(p0, "。")->link);
    assert_string_equal(S_run_with(th_block(doc, DC_NODE_PARAGRAPH, 1), "第二节")->link,
                        "http://www.example.gov.cn/a b#sec2");
    assert_null(S_run_with(th_block(doc, DC_NODE_PARAGRAPH, 2), "目录项")->link);
    const dc_node *p3 = th_block(doc, DC_NODE_PARAGRAPH, 3);
    assert_null(S_run_with(p3, "书签")->link);
    assert_string_equal(S_run_with(p3, "字段")->link, "https://e.org/?q=1");
    assert_null(S_run_with(p3, "后")->link);
    assert_string_equal(S_run_with(th_block(doc, DC_NODE_PARAGRAPH, 4), "简单")->link,
                        "http://s.example.cn");
    dc_doc_free(doc);
}

/* ---- bad input ----------------------------------------------------------- */

static void S_expect_error(const void *data, size_t len, dc_status code, const char *needle)
{
    dc_error err = {0};
    dc_doc *doc = th_read_bytes(data, len, &err);
    assert_null(doc);
    if (err.code != code)
        fail_msg("status %d (%s), want %d", err.code, err.msg, code);
    if (needle && !strstr(err.msg, needle))
        fail_msg("message '%s' lacks '%s'", err.msg, needle);
    assert_null(strchr(err.msg, '\n'));
}

static void test_bad_inputs(void **state)
{
    (void)state;
    S_expect_error("", 0, DC_ERR_FORMAT, "empty");
    S_expect_error("hello world", 11, DC_ERR_FORMAT, "not a Word document");
    S_expect_error("\x89PNG\r\n\x1a\nrest", 12, DC_ERR_FORMAT, "PNG");
    S_expect_error("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" "\0\0\0\0", 12, DC_ERR_LEGACY, ".docx");
    S_expect_error("PK\x03\x04truncated", 13, DC_ERR_ZIP, "zip");
    S_expect_error("<?xml version=\"1.0\"?>\n<root>\n<a></b></root>", 42, DC_ERR_XML, "line 3");
    S_expect_error("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>", 42, DC_ERR_LIMIT, "DTD");
    S_expect_error("<other/>", 8, DC_ERR_FORMAT, "root element");

    /* a zip without a main part */
    const char *pairs[] = {"[Content_Types].xml", th_content_types, "_rels/.rels", th_root_rels,
                           NULL};
    char *path = th_zip(pairs);
    dc_error err = {0};
    assert_null(dc_read_file(path, NULL, &err));
    assert_int_equal(err.code, DC_ERR_PART);
    unlink(path);
    free(path);

    /* malformed document.xml inside a zip names the part and the line */
    const char *bad[] = {"[Content_Types].xml", th_content_types, "_rels/.rels", th_root_rels,
                         "word/document.xml", "<?xml version=\"1.0\"?>\n<w:document>\n<oops>",
                         NULL};
    path = th_zip(bad);
    dc_error_clear(&err);
    assert_null(dc_read_file(path, NULL, &err));
    assert_int_equal(err.code, DC_ERR_XML);
    assert_non_null(strstr(err.msg, "word/document.xml"));
    assert_non_null(strstr(err.msg, "line"));
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_paragraphs),
        cmocka_unit_test(test_styles_based_on_and_headings),
        cmocka_unit_test(test_numbering_labels),
        cmocka_unit_test(test_numbering_label_is_first_run),
        cmocka_unit_test(test_numfmt_formats),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_field_spanning_paragraphs),
        cmocka_unit_test(test_revisions_and_hidden),
        cmocka_unit_test(test_hidden_style),
        cmocka_unit_test(test_special_characters),
        cmocka_unit_test(test_symbol_font_text),
        cmocka_unit_test(test_inline_containers),
        cmocka_unit_test(test_block_wrappers_nested),
        cmocka_unit_test(test_alternate_content),
        cmocka_unit_test(test_text_boxes),
        cmocka_unit_test(test_math),
        cmocka_unit_test(test_table_spans),
        cmocka_unit_test(test_nested_table),
        cmocka_unit_test(test_deleted_row),
        cmocka_unit_test(test_footnotes),
        cmocka_unit_test(test_footnote_format_from_final_section),
        cmocka_unit_test(test_hyperlinks),
        cmocka_unit_test(test_core_properties_and_strict),
        cmocka_unit_test(test_relationships_not_fixed_paths),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests_name("ooxml_reader", tests, NULL, NULL);
}
