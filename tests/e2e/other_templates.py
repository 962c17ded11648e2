"""Disclosures in the Ministry of Finance's templates, for the e2e tests of
`check` and of the workbook's 概况 (not a test itself: imported by them).

- final_accounts_word2003(): a 部门决算 in the national final-accounts
  template (第一部分 部门概况 … 第五部分 附件, 三公 before 机关运行经费, 绩效
  after 国有资产, 本年收入合计 and 年初结转和结余, a typed 目录), written as
  Word 2003 XML by hand: headings by w:outlineLvl on the paragraph (no
  styles), the duties and the glossary numbered by w:lists, merged cells by
  w:gridSpan, thousands separated by commas; with outline=False in plant the
  headings are plain paragraphs (no outline level at all).
- budget_html(): a 部门预算 in the national budget template (本年收入 before
  上年结转 and 收入总计, 部门预算单位构成, 人员经费 and 公用经费 as parts of
  一般公共预算基本支出 (smaller than the department's 基本支出), 政府性基金
  after 三公, no 其他需要说明的事项, 三公 in 元, a 目录 with leader dots and
  page numbers), written as HTML for LibreOffice to convert
  to .docx (LibreOffice's own numbering definitions, styles and tables).

- budget_docx(): the same budget by python-docx, numbered as Word numbers it:
  one multi-level list of the document's numbering gives 第一部分 and 一、 (the
  items restarting under each part), another the duties and the glossary; a
  table of contents in paragraphs styled "toc 1" (tab, page number), no 目录.

All take a dict of figures to change (plant) and return nothing; their
figures add up unless a plant changes one."""


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FINAL = dict(dept="某市生态环境局", year=2023, gpb=4600.00, business=300.00, operating=0.00,
             other=100.00, carried=432.10, total=5432.10, basic=3000.00, project=2100.00,
             carried_fwd=332.10, change=321.00, tp_total=12.50, tp_travel=0.00,
             tp_vehicles=8.50, tp_purchase=0.00, tp_operation=8.50, tp_reception=4.00,
             running=200.30, proc=350.00, heading_numbers="一二三四五六七八九", outline=True)


def money(v):
    return "{:,.2f}".format(v)


def final_accounts_word2003(path, plant=None):
    f = dict(FINAL)
    f.update(plant or {})
    dept, y = f["dept"], f["year"]
    W = "http://schemas.microsoft.com/office/word/2003/wordml"

    def p(text, lvl=None, lst=None, bold=False, center=False):
        ppr = ""
        if lvl is not None and f["outline"]:
            ppr += '<w:outlineLvl w:val="%d"/>' % lvl
        if lst is not None:
            ppr += '<w:listPr><w:ilvl w:val="0"/><w:ilfo w:val="%d"/></w:listPr>' % lst
        if center:
            ppr += '<w:jc w:val="center"/>'
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return "<w:p><w:pPr>%s</w:pPr><w:r>%s<w:t>%s</w:t></w:r></w:p>" % (ppr, rpr, esc(text))

    def tbl(rows):
        n = max(sum(c[1] if isinstance(c, tuple) else 1 for c in r) for r in rows)
        out = ("<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr>"
               "<w:tblGrid>" + '<w:gridCol w:w="1500"/>' * n + "</w:tblGrid>")
        for r in rows:
            out += "<w:tr>"
            for c in r:
                text, span = c if isinstance(c, tuple) else (c, 1)
                pr = '<w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>' % span if span > 1 else ""
                out += "<w:tc>%s%s</w:tc>" % (pr, p(text))
            out += "</w:tr>"
        return out + "</w:tbl>"

    hn = f["heading_numbers"]
    b = [p("%s%d年度部门决算" % (dept, y), center=True, bold=True), p("目  录", center=True)]
    for t in ["第一部分  部门概况", "一、部门职责", "二、机构设置", "第二部分  %d年度部门决算表" % y,
              "第三部分  %d年度部门决算情况说明" % y, "第四部分  名词解释", "第五部分  附件"]:
        b.append(p(t))
    b.append(p("第一部分  部门概况", lvl=0))
    b.append(p("一、部门职责", lvl=1))
    for t in ["贯彻执行国家生态环境方针政策。", "负责重大生态环境问题的统筹协调。",
              "负责监督管理国家减排目标的落实。", "负责环境污染防治的监督管理。",
              "指导协调和监督生态保护修复工作。", "12369环保举报热线的受理和办理。",
              "完成市委、市政府交办的其他任务。"]:
        b.append(p(t, lst=1))
    b.append(p("二、机构设置", lvl=1))
    b.append(p("从决算单位构成看，纳入本部门%d年度部门决算编制范围的单位共3个，具体包括：" % y))
    b += [p("1.%s本级；" % dept), p("2.%s监测站；" % dept), p("3.%s执法支队。" % dept)]
    b.append(p("第二部分  %d年度部门决算表" % y, lvl=0))
    b.append(p("一、收入支出决算总表", lvl=1))
    b.append(p("单位：万元"))
    this_in = f["gpb"] + f["business"] + f["operating"] + f["other"]
    this_out = f["basic"] + f["project"]
    b.append(tbl([[("收入", 2), ("支出", 2)], ["项目", "决算数", "项目", "决算数"],
                  ["一、一般公共预算财政拨款收入", money(f["gpb"]), "一、节能环保支出", money(this_out)],
                  ["二、事业收入", money(f["business"]), "", ""],
                  ["三、经营收入", money(f["operating"]), "", ""],
                  ["四、其他收入", money(f["other"]), "", ""],
                  ["本年收入合计", money(this_in), "本年支出合计", money(this_out)],
                  ["年初结转和结余", money(f["carried"]), "年末结转和结余", money(f["carried_fwd"])],
                  ["总计", money(f["total"]), "总计", money(f["total"])]]))
    b.append(p("二、一般公共预算财政拨款“三公”经费支出决算表", lvl=1))
    b.append(p("单位：万元"))
    b.append(tbl([["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费",
                   "公务用车运行费", "公务接待费"],
                  [money(f[k]) for k in ("tp_total", "tp_travel", "tp_vehicles", "tp_purchase",
                                         "tp_operation", "tp_reception")]]))
    b.append(p("第三部分  %d年度部门决算情况说明" % y, lvl=0))
    heads = ["收入支出决算总体情况说明", "收入决算情况说明", "支出决算情况说明",
             "财政拨款“三公”经费支出决算情况说明", "机关运行经费支出情况说明",
             "政府采购支出情况说明", "国有资产占用情况说明", "预算绩效管理情况说明",
             "其他重要事项的情况说明"]
    texts = [
        ["%d年度收入、支出决算总计%s万元。与%d年度相比，收入、支出决算总计各增加%s万元，增长6.3%%。"
         "主要原因是新增大气污染防治项目。" % (y, money(f["total"]), y - 1, money(f["change"]))],
        ["%d年度本年收入合计%s万元，其中：财政拨款收入%s万元，占92.0%%；事业收入%s万元，占6.0%%；"
         "经营收入%s万元；其他收入%s万元，占2.0%%。" % (y, money(this_in), money(f["gpb"]),
                                              money(f["business"]), money(f["operating"]),
                                              money(f["other"]))],
        ["%d年度本年支出合计%s万元，其中：基本支出%s万元，占58.8%%；项目支出%s万元，占41.2%%。"
         % (y, money(this_out), money(f["basic"]), money(f["project"]))],
        ["（一）“三公”经费财政拨款支出决算总体情况说明",
         "%d年度“三公”经费财政拨款支出决算为%s万元，完成预算的83.3%%。其中：因公出国（境）费%s万元；"
         "公务用车购置及运行维护费%s万元（其中：公务用车购置费%s万元，公务用车运行维护费%s万元）；"
         "公务接待费%s万元。" % (y, money(f["tp_total"]), money(f["tp_travel"]),
                             money(f["tp_vehicles"]), money(f["tp_purchase"]),
                             money(f["tp_operation"]), money(f["tp_reception"])),
         "（二）“三公”经费财政拨款支出决算具体情况说明",
         "1.因公出国（境）费支出%s万元，全年无因公出国（境）团组。" % money(f["tp_travel"]),
         "2.公务用车购置及运行维护费支出%s万元，主要用于12辆执法用车的燃料费、维修费、保险费等。"
         % money(f["tp_vehicles"]),
         "3.公务接待费支出%s万元，共接待国内来访团组20批次、120人次。" % money(f["tp_reception"])],
        ["%d年度本部门机关运行经费支出%s万元，比%d年度减少10.00万元，降低4.8%%。"
         % (y, money(f["running"]), y - 1)],
        ["%d年度本部门政府采购支出总额%s万元，其中：政府采购货物支出100.00万元、政府采购工程支出"
         "0.00万元、政府采购服务支出250.00万元。" % (y, money(f["proc"]))],
        ["截至%d年12月31日，本部门共有车辆12辆，其中：执法执勤用车12辆；单价100万元以上设备0台（套）。"
         % y],
        ["（一）预算绩效管理工作开展情况", "本部门对5个项目开展了绩效自评，涉及资金2,100.00万元。",
         "（二）部门决算中项目绩效自评结果",
         "大气污染防治项目全年预算数1,200.00万元，执行数1,150.00万元，完成预算的95.8%。"],
        ["本部门无其他重要事项需要说明。"],
    ]
    for i, (h, ts) in enumerate(zip(heads, texts)):
        b.append(p("%s、%s" % (hn[i], h), lvl=1))
        b += [p(t) for t in ts]
    b.append(p("第四部分  名词解释", lvl=0))
    for t in ["财政拨款收入：指本级财政当年拨付的资金。", "事业收入：指事业单位开展专业业务活动取得的收入。",
              "其他收入：指除上述收入以外的各项收入。", "基本支出：指为保障机构正常运转发生的支出。",
              "项目支出：指为完成特定任务发生的支出。",
              "“三公”经费：指因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
              "机关运行经费：指行政单位的公用经费。"]:
        b.append(p(t, lst=2))
    b.append(p("第五部分  附件", lvl=0))
    b.append(p("附件1：%d年度部门决算公开表（详见附表）" % y))
    lists = ('<w:lists>'
             '<w:listDef w:listDefId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:nfc w:val="0"/>'
             '<w:lvlText w:val="%1."/></w:lvl></w:listDef>'
             '<w:listDef w:listDefId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:nfc w:val="39"/>'
             '<w:lvlText w:val="%1、"/></w:lvl></w:listDef>'
             '<w:list w:ilfo="1"><w:ilst w:val="0"/></w:list>'
             '<w:list w:ilfo="2"><w:ilst w:val="1"/></w:list></w:lists>')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<?mso-application progid="Word.Document"?>\n'
           '<w:wordDocument xmlns:w="%s" '
           'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint">%s'
           '<w:body><wx:sect>%s</wx:sect></w:body></w:wordDocument>' % (W, lists, "".join(b)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(xml)


BUDGET = dict(dept="某县市场监督管理局", year=2024, gpb=2800.00, fund=100.00, business=210.50,
              carried=100.00, total=3210.50, basic=2010.50, gpb_basic=1900.00,
              personnel=1650.00, public=250.00,
              project=1200.00, change=110.50, cbasic=60.50, cproject=50.00,
              tp_total=250000.00, tp_travel=0.00, tp_vehicles=200000.00, tp_purchase=0.00,
              tp_operation=200000.00, tp_reception=50000.00, running=210.30, proc=300.00,
              assets=880.00)


def budget_blocks(plant=None):
    """The national budget as (kind, payload) blocks: title, toc (entry, page),
    h1, h2 (without their numbers: "一、" comes from the writer), p, ol, table."""
    f = dict(BUDGET)
    f.update(plant or {})
    dept, y = f["dept"], f["year"]
    b = [("title", "%s%d年部门预算公开说明" % (dept, y)),
         ("toc", [("第一部分 部门概况", 1), ("第二部分 %d年部门预算情况说明" % y, 2),
                  ("第三部分 名词解释", 6)]),
         ("h1", "部门概况"), ("h2", "主要职能"),
         ("ol", ["负责市场综合监督管理。", "负责市场主体统一登记注册。",
                 "负责组织和指导市场监管综合执法工作。", "负责反垄断统一执法。",
                 "负责监督管理市场秩序。", "12315投诉举报平台的运行管理。", "负责宏观质量管理。"]),
         ("h2", "部门预算单位构成"), ("p", "本部门预算由局本级及所属1个事业单位预算组成。"),
         ("p", "部门机构设置情况"),
         ("table", [["单位名称", "单位性质", "单位规格", "经费保障形式"],
                    [dept, "行政", "正科级", "财政拨款"],
                    [dept + "检验检测中心", "事业", "股级", "财政拨款"]]),
         ("h1", "%d年部门预算情况说明" % y)]
    sections = [
        ("收支预算总体情况",
         "按照综合预算的原则，本部门所有收入和支出均纳入部门预算管理。%d年收支预算总计%s万元，"
         "比%d年预算增加%s万元。其中：基本支出增加%s万元，项目支出增加%s万元。"
         % (y, money(f["total"]), y - 1, money(f["change"]), money(f["cbasic"]),
            money(f["cproject"]))),
        ("收入预算情况",
         "%d年本年收入%s万元，其中：一般公共预算拨款收入%s万元，政府性基金预算拨款收入%s万元，"
         "事业收入%s万元；加上上年结转%s万元，收入总计%s万元。"
         % (y, money(f["gpb"] + f["fund"] + f["business"]), money(f["gpb"]), money(f["fund"]),
            money(f["business"]), money(f["carried"]), money(f["total"]))),
        ("支出预算情况",
         "%d年支出预算%s万元，其中：基本支出%s万元，项目支出%s万元。"
         % (y, money(f["total"]), money(f["basic"]), money(f["project"]))),
        ("财政拨款收支预算总体情况", "%d年财政拨款收支总预算%s万元。"
         % (y, money(f["gpb"] + f["fund"]))),
        ("一般公共预算基本支出情况",
         "%d年一般公共预算基本支出%s万元，其中：人员经费%s万元，主要包括基本工资、津贴补贴等；"
         "公用经费%s万元，主要包括办公费、水电费等。" % (y, money(f["gpb_basic"]),
                                               money(f["personnel"]), money(f["public"]))),
        ("一般公共预算“三公”经费支出情况",
         "%d年一般公共预算“三公”经费预算安排%s元。其中，因公出国（境）费%s元；公务用车购置及运行费"
         "%s元（其中：公务用车购置费%s元，公务用车运行费%s元）；公务接待费%s元。与%d年持平。"
         % (y, money(f["tp_total"]), money(f["tp_travel"]), money(f["tp_vehicles"]),
            money(f["tp_purchase"]), money(f["tp_operation"]), money(f["tp_reception"]), y - 1)),
        ("政府性基金预算支出情况", "%d年政府性基金预算支出%s万元。" % (y, money(f["fund"]))),
        ("机关运行经费情况", "%d年本部门机关运行经费安排%s万元。" % (y, money(f["running"]))),
        ("政府采购情况", "%d年本部门安排政府采购预算%s万元，其中：货物类100.00万元，服务类200.00万元。"
         % (y, money(f["proc"]))),
        ("国有资产占用情况", "截至%d年12月31日，本部门上年末固定资产金额为%s万元，本年度拟购置固定资产"
         "总额为0.00万元。" % (y - 1, money(f["assets"]))),
        ("预算绩效管理情况", "%d年本部门实行绩效目标管理的项目1个，涉及预算资金%s万元。"
         % (y, money(f["project"]))),
    ]
    for h, text in sections:
        b += [("h2", h), ("p", text)]
        if h == "预算绩效管理情况":
            b.append(("p", "1.食品安全抽检项目绩效目标表"))
            b.append(("table", [["绩效目标", ("完成全年食品安全抽检任务。", 5)],
                                ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值",
                                 "指标值确定依据"],
                                ["产出指标", "数量指标", "抽检批次", "抽检批次", "≥1200批次",
                                 "工作计划"],
                                ["产出指标", "成本指标", "预算成本", "不超出预算", "≤300万元",
                                 "预算批复"],
                                ["满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度",
                                 "≥90%", "问卷调查"]]))
    b += [("h1", "名词解释"),
          ("ol", ["基本支出：指为保障机构正常运转发生的支出。", "项目支出：指为完成特定任务发生的支出。",
                  "“三公”经费：指因公出国（境）费、公务用车购置及运行费和公务接待费。"])]
    return b


CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]


def budget_html(path, plant=None):
    """The national budget as HTML, numbers typed: 第一部分, 一、…"""
    def table(rows):
        h = "<table border=1>"
        for r in rows:
            h += "<tr>" + "".join(
                "<td colspan=%d>%s</td>" % (c[1], esc(c[0])) if isinstance(c, tuple)
                else "<td>%s</td>" % esc(c) for c in r) + "</tr>"
        return h + "</table>"

    out, parts, items = [], 0, 0
    for kind, x in budget_blocks(plant):
        if kind == "title":
            out.append("<p align=center><b>%s</b></p>" % esc(x))
            title = x
        elif kind == "toc":
            out.append("<p align=center>目录</p>")
            out += ["<p>%s……………………%d</p>" % (esc(e), page) for e, page in x]
        elif kind == "h1":
            out.append("<h1>第%s部分 %s</h1>" % (CN[parts], esc(x)))
            parts, items = parts + 1, 0
        elif kind == "h2":
            out.append("<h2>%s、%s</h2>" % (CN[items], esc(x)))
            items += 1
        elif kind == "p":
            out.append("<p>%s</p>" % esc(x))
        elif kind == "ol":
            out.append("<ol>" + "".join("<li>%s</li>" % esc(i) for i in x) + "</ol>")
        elif kind == "table":
            out.append(table(x))
    html = ("<html><head><meta charset='utf-8'><title>%s</title></head><body>%s</body></html>"
            % (esc(title), "".join(out)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)


def budget_docx(path, plant=None):
    """The national budget by python-docx as Word itself numbers it: the part and
    item headings numbered by one multi-level list of the document's numbering
    (第%1部分 at level 0, %2、 restarting under each part at level 1, both
    chineseCounting), the duties and glossary by another ("%1."), a table of
    contents in paragraphs styled "toc 1" with tab and page number, no 目录 line."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    numbering = d.part.numbering_part.element

    def el(tag, **attrs):
        e = OxmlElement(tag)
        for k, v in attrs.items():
            e.set(qn("w:" + k), v)
        return e

    def abstract(aid, levels):
        a = el("w:abstractNum", abstractNumId=str(aid))
        a.append(el("w:multiLevelType", val="multilevel"))
        for ilvl, (fmt, text) in enumerate(levels):
            lvl = el("w:lvl", ilvl=str(ilvl))
            for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
                lvl.append(el(tag, val=val))
            a.append(lvl)
        first = numbering.find(qn("w:num"))
        if first is not None:
            first.addprevious(a)
        else:
            numbering.append(a)
        return a

    def instance(nid, aid, restart=False):
        num = el("w:num", numId=str(nid))
        num.append(el("w:abstractNumId", val=str(aid)))
        if restart:
            o = el("w:lvlOverride", ilvl="0")
            o.append(el("w:startOverride", val="1"))
            num.append(o)
        numbering.append(num)

    abstract(80, [("chineseCounting", "第%1部分"), ("chineseCounting", "%2、")])
    abstract(81, [("decimal", "%1.")])
    instance(81, 80)
    ol_id = 82

    def numbered(p, nid, level):
        ppr = p._p.get_or_add_pPr()
        numpr = el("w:numPr")
        numpr.append(el("w:ilvl", val=str(level)))
        numpr.append(el("w:numId", val=str(nid)))
        ppr.append(numpr)

    toc = d.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    toc.base_style = d.styles["Normal"]
    for kind, x in budget_blocks(plant):
        if kind == "title":
            d.add_paragraph(x, style="Title")
        elif kind == "toc":
            for e, page in x:
                d.add_paragraph("%s\t%d" % (e, page), style=toc)
        elif kind in ("h1", "h2"):
            numbered(d.add_heading(x, level=int(kind[1])), 81, int(kind[1]) - 1)
        elif kind == "p":
            d.add_paragraph(x)
        elif kind == "ol":
            instance(ol_id, 81, restart=True)
            for item in x:
                numbered(d.add_paragraph(item), ol_id, 0)
            ol_id += 1
        elif kind == "table":
            ncols = sum(c[1] if isinstance(c, tuple) else 1 for c in x[0])
            t = d.add_table(rows=len(x), cols=ncols)
            t.style = "Table Grid"
            for r, row in enumerate(x):
                c = 0
                for cell in row:
                    text, span = cell if isinstance(cell, tuple) else (cell, 1)
                    target = t.cell(r, c)
                    if span > 1:
                        target = target.merge(t.cell(r, c + span - 1))
                    target.text = text
                    c += span
    d.save(path)


def libreoffice_docx(html, outdir, profile):
    """Converts an HTML file to .docx with LibreOffice; returns the path or None."""
    import os
    import subprocess
    p = subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", outdir, html], capture_output=True)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(html))[0] + ".docx")
    return out if p.returncode == 0 and os.path.exists(out) else None
