#!/usr/bin/python3
"""`disclosure check` raises no false alarms and finds what is planted.

Disclosures of other departments, years and kinds (预算 and 决算) are generated
here by three producers: python-docx (.docx, auto-numbered lists from the
document's own numbering definitions, restarts, "6." labels before text that
starts with digits), hand-written Word 2003 XML (typed labels, merges as
w:gridSpan/w:vmerge) and plain unstyled paragraphs; and two in the Ministry
of Finance's templates (other_templates.py): a 决算 written as Word 2003 XML
by hand (outline levels, w:lists, a typed 目录, 本年收入合计 and 年初结转和
结余, 三公 before 机关运行经费), a 预算 converted by LibreOffice from HTML
(its own numbering, a 目录 with page numbers, 三公 in 元) and the same 预算 by
python-docx numbered by a multi-level Word list (generated 第一部分 and 一、,
restarting under each part) with a table of contents styled "toc 1".  Their figures add up, so
`check` must print no warning and no error.  Then one inconsistency at a time
is planted (a wrong component, a wrong sum, a skipped number ...) and `check`
must print exactly that finding."""
import os
import re
import subprocess
import sys
import tempfile

import docx
import shutil

import other_templates
from checks import check, fails
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

BIN = os.environ.get("DISCLOSURE_BIN", "build/disclosure")


# ---- the documents, as blocks ------------------------------------------------

ORG = ["单位名称|单位性质|单位规格|经费保障形式",
       "{dept}|行政|正科级|财政拨款",
       "{dept}下属中心|事业|股级|财政拨款"]
DEPT_IND = ["部门整体支出绩效指标情况|<|<|<|<|<|<|<|<",
            "一级指标|二级指标|三级指标|绩效指标描述|评（扣）分标准|指标值|<|<|指标值确定依据",
            "^|^|^|^|^|符号|值|单位（文字描述）|^",
            "产出指标|数量指标|服务人次|服务群众人次|每少100人扣10%|≥|500.00|人次|工作计划",
            "^|时效指标|完成及时性|按时完成|每延误一月扣10%|文字描述||及时|工作计划",
            "满意度指标|服务对象满意度指标|满意度|群众满意度|每降5%扣10%|≥|90.00|%|问卷调查"]
PROJECT = ["绩效目标|完成年度工作任务。|<|<|<|<",
           "一级指标|二级指标|三级指标|绩效指标描述|指标值|指标值确定依据",
           "产出指标|数量指标|服务人数|服务人数|≥500人|工作计划",
           "^|成本指标|预算成本|不超出预算|≤{cap}万元|预算批复",
           "效益指标|社会效益指标|服务质量|服务质量提升|提高|工作计划"]
PROCUREMENT = ["项目名称|预算资金|数量|单价|政府采购金额|<",
               "^|^|^|^|合计|一般公共预算拨款",
               "合  计||||{proc}|{proc}",
               "设备采购|{p1}|1|{p1}|{p1}|{p1}",
               "办公家具采购|{p2}|2|{p2h}|{p2}|{p2}"]
ASSETS = ["县直部门固定资产占用情况表|<|<",
          "编制部门：{dept}|<|截止时间：{prev}年12月31日",
          "项   目|数量|价值（金额单位：万元）",
          "资产总额|——|{assets}",
          "1、房屋（平方米）|100平方米|{a1}",
          "其中：办公用房（平方米）|80平方米|{a1}",
          "2、车辆（台、辆）|2|{a2}",
          "3、其他固定资产||"]


def f2(v):
    return "%.2f" % v


def figures(base):
    """Consistent figures around a total (万元)."""
    gpb, carried = round(base * 0.8, 2), round(base * 0.2, 2)
    basic = round(base * 0.6, 2)
    project = round(base - basic, 2)
    personnel = round(basic * 0.75, 2)
    return dict(total=base, gpb=gpb, carried=round(base - gpb, 2), basic=basic, project=project,
                personnel=personnel, public=round(basic - personnel, 2),
                last=round(base - 100, 2), change=100.0, cbasic=60.0, cproject=40.0,
                operating=20.5, tp_travel=0.0, tp_purchase=0.0, tp_operation=2.0,
                tp_reception=1.5, proc=300.0, p1=200.0, p2=100.0, assets=150.0, a1=100.0,
                a2=50.0, planned=0.0)


def blocks(dept, year, kind, base, numbers="一二三四五六七八九", auto=True, plant=None):
    """The body of a disclosure as (kind, payload) blocks; plant changes one thing."""
    f = figures(base)
    plant = plant or {}
    f.update(plant.get("figures", {}))
    final = kind == "决算"
    word = "决算" if final else "预算"
    prev = year - 1
    b = [("title", "%s%d年部门%s信息公开情况说明" % (dept, year, word)),
         ("p", "按照《预算法》规定，现将%s%d年部门%s公开如下：" % (dept, year, word))]
    n = list(numbers)

    def h1(i, text):
        b.append(("h1", "%s、%s" % (n[i], text)))

    h1(0, "部门职责及机构设置情况")
    b.append(("p", "部门职责："))
    duties = ["负责全县卫生健康工作。", "负责疾病预防控制工作。", "负责医疗机构监督管理。",
              "负责妇幼健康服务工作。", "负责基层卫生工作。", "120急救中心的建设和管理。",
              "负责卫生应急工作。"]
    skip = plant.get("skip_duty")
    if auto:
        b.append(("autolist", [d for i, d in enumerate(duties) if i != skip]))
    else:
        # typed labels: after （三） a list of its own, numbered the same way,
        # then the outer list goes on; then a "1." list whose 6th item is
        # "6.120急救…" (the label "6." and text starting with digits)
        cn = "一二三四五六七八九十"
        for i, d in enumerate(duties):
            if i != skip:
                b.append(("p", "（%s）%s" % (cn[i], d)))
            if i == 2:
                b.extend([("p", "（一）城市社区卫生服务；"), ("p", "（二）农村乡镇卫生服务。")])
        b.append(("p", "主要任务："))
        tasks = plant.get("task_numbers", range(1, len(duties) + 1))
        b.extend(("p", "%d.%s" % (k, d)) for k, d in zip(tasks, duties))
    b.append(("p", "机构设置："))
    b.append(("caption", "部门机构设置情况"))
    b.append(("table", [r.format(dept=dept) for r in ORG]))

    h1(1, "部门%s的总体情况" % ("决算" if final else "预算安排"))
    b.append(("h2", "1、收入说明"))
    inc = "收入总计" if final else "预算收入"
    b.append(("p", "%d年%s%s万元，其中：一般公共预算拨款收入%s万元，上年结转%s万元。"
              % (year, inc, f2(f["total"]), f2(f["gpb"]), f2(f["carried"]))))
    b.append(("h2", "2、支出说明"))
    exp = "支出总计" if final else "支出预算"
    b.append(("p", "%d年%s%s万元，其中：基本支出%s万元（人员经费%s万元，公用经费%s万元），"
              "项目支出%s万元。" % (year, exp, f2(f["total"]), f2(f["basic"]),
                                  f2(f["personnel"]), f2(f["public"]), f2(f["project"]))))
    b.append(("h2", "3、比上年增减情况"))
    b.append(("p", "%d年收支%s%s万元，较%d年%s万元增加%s万元，其中：基本支出增加%s万元，"
              "项目支出增加%s万元。" % (year, word, f2(f["total"]), prev, f2(f["last"]),
                                    f2(f["change"]), f2(f["cbasic"]), f2(f["cproject"]))))

    h1(2, "机关运行经费安排情况")
    b.append(("p", "%d年，本部门机关运行经费共计安排%s万元。" % (year, f2(f["operating"]))))

    h1(3, "财政拨款“三公”经费%s情况及增减变化原因" % word)
    veh = f["tp_purchase"] + f["tp_operation"]
    tp = f.get("tp_total", f["tp_travel"] + veh + f["tp_reception"])
    b.append(("p", "%d年，本部门财政拨款“三公”经费%s安排%s万元。其中，因公出国（境）费%s万元；"
              "公务用车购置及运行费%s万元（其中：公务用车购置费为%s万元，公务用车运行费%s万元）；"
              "公务接待费%s万元。与%d年持平。"
              % (year, word, f2(tp), f2(f["tp_travel"]), f2(veh), f2(f["tp_purchase"]),
                 f2(f["tp_operation"]), f2(f["tp_reception"]), prev)))

    h1(4, "绩效%s信息" % word)
    b.append(("h2", "第一部分 部门整体绩效目标"))
    b.append(("h3", "（一）总体绩效目标"))
    b.append(("p", "全面提升服务水平。"))
    b.append(("h3", "（二）部门整体支出绩效指标"))
    b.append(("table", DEPT_IND))
    b.append(("h2", "第二部分 资金绩效目标"))
    b.append(("caption", "1.公共卫生服务项目绩效目标表"))
    b.append(("table", [r.format(cap="80") for r in PROJECT]))
    b.append(("caption", "2.基层医疗设备购置项目绩效目标表"))
    b.append(("table", [r.format(cap="60") for r in PROJECT]))

    h1(5, "政府采购%s情况" % word)
    proc_text = f.get("proc_text", f["proc"])
    b.append(("p", "%d年，本部门安排政府采购%s%s万元。" % (year, word, f2(proc_text))))
    b.append(("caption", "部门政府采购%s" % word))
    b.append(("p", "单位：万元"))
    b.append(("table", [r.format(proc=f2(f["proc"]), p1=f2(f["p1"]), p2=f2(f["p2"]),
                                 p2h=f2(f["p2"] / 2)) for r in PROCUREMENT]))

    h1(6, "国有资产信息")
    b.append(("p", "%s上年末固定资产金额为%s万元（详见下表），本年度拟购置固定资产总额为%s万元。"
              % (dept, f2(f["assets"]), f2(f["planned"]))))
    b.append(("table", [r.format(dept=dept, prev=prev, assets=f2(f["assets"]), a1=f2(f["a1"]),
                                 a2=f2(f["a2"])) for r in ASSETS]))

    h1(7, "名词解释")
    b.extend([("p", "1、基本支出：指为保障机构正常运转而发生的支出。"),
              ("p", "2、项目支出：指为完成特定任务而发生的支出。"),
              ("p", "3、“三公”经费：指因公出国（境）费、公务用车购置及运行费和公务接待费。")])
    h1(8, "其他需要说明的事项")
    b.append(("p", "本部门无其他需要说明的事项。"))
    return b


def grid(rows):
    """'|' rows with '<' (merged with the cell to the left) and '^' (with the cell above)
    -> [[text or None]], anchors {(r, c): (rowspan, colspan)}."""
    cells = [r.split("|") for r in rows]
    ncols = max(len(r) for r in cells)
    cells = [r + [""] * (ncols - len(r)) for r in cells]
    anchors = {}
    for r, row in enumerate(cells):
        for c, t in enumerate(row):
            if t in ("<", "^"):
                continue
            cs = 1
            while c + cs < ncols and row[c + cs] == "<":
                cs += 1
            rs = 1
            while r + rs < len(cells) and cells[r + rs][c] == "^":
                rs += 1
            anchors[(r, c)] = (rs, cs)
    return cells, ncols, anchors


# ---- producer 1: python-docx --------------------------------------------------

def add_numbering(document, fmt, text):
    """An abstract list (one level: fmt, e.g. chineseCounting "（%1）") and two
    instances of it, the second restarting at 1; returns their numIds."""
    numbering = document.part.numbering_part.element
    aid = 90
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), str(aid))
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
        e = OxmlElement(tag)
        e.set(qn("w:val"), val)
        lvl.append(e)
    absn.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    ids = []
    for k, restart in ((91, False), (92, True)):
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(k))
        a = OxmlElement("w:abstractNumId")
        a.set(qn("w:val"), str(aid))
        num.append(a)
        if restart:
            o = OxmlElement("w:lvlOverride")
            o.set(qn("w:ilvl"), "0")
            s = OxmlElement("w:startOverride")
            s.set(qn("w:val"), "1")
            o.append(s)
            num.append(o)
        numbering.append(num)
        ids.append(k)
    return ids


def set_num(paragraph, num_id, level=0):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    il = OxmlElement("w:ilvl")
    il.set(qn("w:val"), str(level))
    ni = OxmlElement("w:numId")
    ni.set(qn("w:val"), str(num_id))
    numpr.append(il)
    numpr.append(ni)
    ppr.append(numpr)


def write_docx(path, body, styled=True):
    d = docx.Document()
    cn_lists = add_numbering(d, "chineseCounting", "（%1）")
    lists_used = 0
    for kind, x in body:
        if kind == "title":
            d.add_paragraph(x, style="Title" if styled else None)
        elif kind in ("h1", "h2", "h3"):
            if styled:
                d.add_heading(x, level=int(kind[1]))
            else:
                d.add_paragraph().add_run(x).bold = True
        elif kind == "p":
            d.add_paragraph(x)
        elif kind == "caption":
            d.add_paragraph(x, style="Caption")
        elif kind == "autolist":
            # the duties: "（一）…" from the document's numbering, two instances
            # (the second restarting) and, after them, a "1." list (List Number)
            # whose 6th item's text starts with digits: "6." + "120急救…"
            half = len(x) // 2
            for i, item in enumerate(x[:half]):
                set_num(d.add_paragraph(item), cn_lists[0])
            d.add_paragraph("其中，基层工作包括：")
            for item in x[half:half + 2]:
                set_num(d.add_paragraph(item), cn_lists[1])
            d.add_paragraph("主要任务：")
            for item in x:
                d.add_paragraph(item, style="List Number")
            lists_used += 1
        elif kind == "table":
            cells, ncols, anchors = grid(x)
            t = d.add_table(rows=len(cells), cols=ncols)
            t.style = "Table Grid"
            for (r, c), (rs, cs) in anchors.items():
                cell = t.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
                cell.text = cells[r][c]
    d.core_properties.author = "test"
    d.save(path)


# ---- producer 2: hand-written Word 2003 XML -----------------------------------

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_word2003(path, body):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<?mso-application progid="Word.Document"?>',
           '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
           'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint">',
           '<w:styles>'
           '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
           '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
           '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
           '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
           '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/>'
           '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
           '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
           '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>'
           '</w:styles>',
           '<w:body><wx:sect>']

    def para(text, style=None):
        ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
        # split the text over two runs in the middle: the reader joins them
        h = len(text) // 2
        runs = "".join("<w:r><w:t>%s</w:t></w:r>" % esc(t) for t in (text[:h], text[h:]) if t)
        return "<w:p>%s%s</w:p>" % (ppr, runs)

    for kind, x in body:
        if kind == "title":
            out.append(para(x, "Title"))
        elif kind in ("h1", "h2", "h3"):
            out.append(para(x, "Heading" + kind[1]))
        elif kind == "p":
            out.append(para(x))
        elif kind == "caption":
            out.append(para(x, "Caption"))
        elif kind == "autolist":
            raise ValueError("Word 2003 documents here type their labels")
        elif kind == "table":
            cells, ncols, anchors = grid(x)
            out.append("<w:tbl><w:tblGrid>%s</w:tblGrid>" % ("<w:gridCol w:w=\"1000\"/>" * ncols))
            for r, row in enumerate(cells):
                out.append("<w:tr>")
                c = 0
                while c < ncols:
                    if (r, c) in anchors:
                        rs, cs = anchors[(r, c)]
                        pr = ('<w:gridSpan w:val="%d"/>' % cs if cs > 1 else "") + \
                             ('<w:vmerge w:val="restart"/>' if rs > 1 else "")
                        out.append("<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (pr, para(row[c])))
                        c += cs
                    else:
                        # under a vertical merge: find the anchor above
                        rr = r
                        while (rr, c) not in anchors:
                            rr -= 1
                        cs = anchors[(rr, c)][1]
                        pr = ('<w:gridSpan w:val="%d"/>' % cs if cs > 1 else "") + "<w:vmerge/>"
                        out.append("<w:tc><w:tcPr>%s</w:tcPr><w:p/></w:tc>" % pr)
                        c += cs
                out.append("</w:tr>")
            out.append("</w:tbl>")
    out.append("</wx:sect></w:body></w:wordDocument>")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("".join(out))


# ---- running check ------------------------------------------------------------

def findings(path):
    p = subprocess.run([BIN, "check", path], capture_output=True)
    out = p.stdout.decode("utf-8", "replace")
    found = re.findall(r"^\S+: (error|warning|info) (\S+) (.*)$", out, re.M)
    return p.returncode, found, out


def national_templates(tmp):
    """The national templates: clean, then one planted inconsistency each."""
    lo = shutil.which("soffice")
    check("soffice is installed", lo is not None)
    profile = os.path.join(tmp, "lo-profile")
    cases = [("final-2003-clean", "final", {}, None),
             ("final-2003-unstyled", "final", {"outline": False}, None),
             ("final-2003-unstyled-skip", "final",
              {"outline": False, "heading_numbers": "一二三四五六八九十"},
              ("warning", "numbering.skip")),
             # the 决算 is in the nine-table template: its tables are checked as money
             # tables (docs/checks.md), so a slip in a table is named by the table's rule
             ("final-2003-business", "final", {"business": 350.00}, ("error", "money.balance")),
             ("final-2003-reception", "final", {"tp_reception": 5.00},
              ("error", "money.row")),
             ("final-2003-heading-skip", "final", {"heading_numbers": "一二三四六七八九十"},
              ("warning", "numbering.skip")),
             ("budget-lo-clean", "budget", {}, None),
             ("budget-lo-gpb", "budget", {"gpb": 2900.00}, ("error", "income.sum")),
             ("budget-lo-personnel", "budget", {"personnel": 1700.00},
              ("error", "expenditure.sum")),
             ("budget-lo-change", "budget", {"cbasic": 70.50}, ("error", "change.inconsistent")),
             ("budget-lo-reception", "budget", {"tp_reception": 60000.00},
              ("error", "three_public.sum")),
             ("budget-docx-clean", "budget-docx", {}, None),
             ("budget-docx-business", "budget-docx", {"business": 250.00}, ("error", "income.sum")),
             ("budget-docx-public", "budget-docx", {"public": 200.00},
              ("error", "expenditure.sum"))]
    for name, template, plant, want in cases:
        if template == "final":
            path = os.path.join(tmp, name + ".xml")
            other_templates.final_accounts_word2003(path, plant)
        elif template == "budget-docx":
            path = os.path.join(tmp, name + ".docx")
            other_templates.budget_docx(path, plant)
        else:
            if not lo:
                continue
            html = os.path.join(tmp, name + ".html")
            other_templates.budget_html(html, plant)
            path = other_templates.libreoffice_docx(html, tmp, profile)
            if not check("LibreOffice converted %s" % name, path is not None):
                continue
        rc, found, out = findings(path)
        if want == ("error", "expenditure.sum"):
            check("%s: the sum is of 一般公共预算基本支出" % name, "一般公共预算基本支出1900.00" in out, out)
        if want is None:
            check("clean %s: no findings at all" % name, rc == 0 and not found, out)
        else:
            check("planted %s: exactly %s %s" % (name, want[0], want[1]),
                  [(s, c) for s, c, _ in found] == [want], out)


def main():
    tmp = tempfile.mkdtemp(prefix="dc-check-clean-")
    clean = [
        ("health-2024-budget.docx", "某县卫生健康局", 2024, "预算", 2580.40, "docx", True),
        ("transport-2023-final.docx", "某市交通运输局", 2023, "决算", 9120.00, "docx", True),
        ("water-2022-budget-plain.docx", "某区水务局", 2022, "预算", 1234.56, "plain", False),
        ("culture-2025-budget.xml", "某县文化广电和旅游局", 2025, "预算", 866.80, "word2003",
         False),
        ("agri-2021-final.xml", "某县农业农村局", 2021, "决算", 4410.20, "word2003", False),
    ]
    for name, dept, year, kind, base, producer, auto in clean:
        path = os.path.join(tmp, name)
        body = blocks(dept, year, kind, base, auto=auto)
        if producer == "word2003":
            write_word2003(path, body)
        else:
            write_docx(path, body, styled=producer != "plain")
        rc, found, out = findings(path)
        bad = [f for f in found if f[0] in ("error", "warning")]
        check("clean %s: no warnings, no errors" % name, rc == 0 and not bad, out)
        check("clean %s: no notes either" % name, not found, out)

    # one planted inconsistency at a time: exactly that finding
    planted = [
        ("income-component", {"figures": {"gpb": 2000.00}}, "error", "income.sum"),
        ("personnel", {"figures": {"personnel": 1000.00}}, "error", "expenditure.sum"),
        ("three-public", {"figures": {"tp_total": 9.00}}, "error", "three_public.sum"),
        ("procurement-text", {"figures": {"proc_text": 310.00}}, "error", "procurement.total"),
        ("assets-item", {"figures": {"a2": 60.00}}, "error", "assets.sum"),
        ("change", {"figures": {"change": 150.00, "cbasic": 90.0, "cproject": 60.0}}, "error",
         "change.inconsistent"),
        ("heading-skip", {"numbers": "一二三五六七八九十"}, "warning", "numbering.skip"),
        ("duty-skip", {"skip_duty": 2}, "warning", "numbering.skip"),
        ("task-order", {"task_numbers": [1, 2, 3, 2, 4, 5, 6]}, "warning", "numbering.order"),
        ("task-repeat", {"task_numbers": [1, 2, 3, 3, 4, 5, 6]}, "warning", "numbering.repeat"),
    ]
    for producer in ("docx", "word2003"):
        for name, plant, sev, code in planted:
            if name.startswith(("duty-", "task-")) and producer == "docx":
                continue   # auto-numbered duties cannot skip
            path = os.path.join(tmp, "planted-%s.%s" % (name, "xml" if producer == "word2003"
                                                         else "docx"))
            numbers = plant.get("numbers", "一二三四五六七八九")
            body = blocks("某县卫生健康局", 2024, "预算", 2580.40, numbers=numbers,
                          auto=producer == "docx", plant=plant)
            if producer == "word2003":
                write_word2003(path, body)
            else:
                write_docx(path, body)
            rc, found, out = findings(path)
            check("planted %s (%s): exactly %s %s" % (name, producer, sev, code),
                  [(s, c) for s, c, _ in found] == [(sev, code)], out)
    national_templates(tmp)
    # the Ministry of Finance's nine-table example (../shared/corpus/standard): consistent
    std = os.path.join(os.environ.get("SHARED", os.path.join(os.path.dirname(__file__), "..",
                                                             "..", "..", "shared")),
                       "corpus", "standard", "baishi_nync_2024.docx")
    if check("the standard example exists", os.path.exists(std), std):
        rc, found, out = findings(std)
        check("clean baishi_nync_2024.docx: no findings at all", rc == 0 and not found, out)
    if fails:
        print("%d checks failed" % len(fails))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
