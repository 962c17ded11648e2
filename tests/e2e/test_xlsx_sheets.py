#!/usr/bin/python3
"""Table sheets of documents other than the sample (issue 13): made here by
three producers — python-docx, hand-written Word 2003 XML, and LibreOffice
(the python-docx document saved again as .docx) — with amounts in every
spelling, Word's wrap spaces and tabs in headers, a title row repeating the
caption, unit lines before, inside and after tables, captionless tables,
a 三公 cell holding a nested table, and tables too wide for A4.

Expected facts, not our own output: every amount-looking text of a table
sheet is a number with the value written; the known cells hold the known
values; header cells hold no tab and no double space; the caption is row 1
once; no sheet is named only "表N"; the unit line is row 2; the nested
table's amounts are numbers below the table; every page LibreOffice prints
of a table sheet has its 11 pt text at 7 pt or more (measured in the PDF with
pdftotext -bbox against the sheet that prints at 100%); two runs give the
same bytes.

The same checks run on the two documents in the national templates
(other_templates.py) and on the Ministry of Finance's nine-table example
(SHARED/corpus/standard), whose money tables must hold exactly the numbers
of its facts file.

Environment: DISCLOSURE_BIN, SHARED, PYTHON (/usr/bin/python3: python3-docx,
python3-openpyxl), soffice and pdftotext on PATH.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import docx
import openpyxl
import other_templates
from docx.enum.text import WD_ALIGN_PARAGRAPH

BIN = os.environ.get("DISCLOSURE_BIN") or sys.exit("DISCLOSURE_BIN is not set")
HERE = os.path.dirname(os.path.abspath(__file__))
STANDARD = os.path.join(os.environ.get("SHARED") or os.path.join(HERE, "..", "..", "..", "shared"),
                        "corpus", "standard", "baishi_nync_2024.docx")
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL " + msg)
    return cond


_D = "[0-9\uff10-\uff19]"
AMOUNT = re.compile(r"^\s*[-+\u2212\uff0d]?(" + _D + r"{1,3}(?P<s>[,\uff0c \u00a0\u2007-\u200a\u202f\u3000])"
                    + _D + "{3}((?P=s)" + _D + "{3})*|" + _D + r"+)([.\uff0e]" + _D + r"+)?\s*$")
SPACE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u3000]+")


def is_amount(t):
    return (AMOUNT.match(t) is not None and
            not re.match(r"^\s*[-+]?0[0-9]", unicodedata.normalize("NFKC", t)))


def value(t):
    return float(SPACE.sub("", unicodedata.normalize("NFKC", t)).replace(",", ""))


# ---------------------------------------------------------------------------
# The documents
# ---------------------------------------------------------------------------

# (label, written amount, value) in 表1: every spelling a producer writes
SPELLINGS = [
    ("事业收入", "38 620.00", 38620.00),
    ("一般公共预算拨款收入", "8\u00a0974.12", 8974.12),
    ("上年结转", "1\u2009665.18", 1665.18),
    ("其他收入", "12\u202f345.60", 12345.60),
    ("经营收入", "2\u3000500.00", 2500.00),
    ("政府性基金", "1，920.96", 1920.96),
    ("财政专户", "１９２０．９６", 1920.96),
    ("附属单位上缴", "1,234,567.5", 1234567.5),
    ("用事业基金弥补", "-12.50", -12.5),
    ("国有资本经营", "150", 150),
]
TEXTS = ["12 34", "2021-03-01", "≥95%", "30人", "007", "A03210102"]


def table(doc, rows, widths=None):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                t.cell(r, c).text = text
    return t


def python_docx_document(path):
    doc = docx.Document()
    doc.add_heading("白河县水利局2023年部门预算", 0)
    doc.add_paragraph("一、收入预算情况")

    # 表1: a caption, a unit line, a header with wrap spaces and a tab, amounts
    doc.add_paragraph("表1 部门收入总表")
    p = doc.add_paragraph("单位：万元")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    t = table(doc, [["项目", "计量  单位", "2022年  预留中小微企  业份额", "金额\t合计"]] +
              [[label, "万元", "", written] for label, written, _ in SPELLINGS] +
              [["拆开的数", "万元", "", None]] +
              [["文字" + str(i), "", "", text] for i, text in enumerate(TEXTS)])
    cell = t.cell(1 + len(SPELLINGS), 3)
    cell.paragraphs[0].add_run("3")
    cell.paragraphs[0].add_run("5")
    cell.paragraphs[0].add_run("86.14")

    # 表2: a title row inside the table repeating the caption, the unit in the table
    doc.add_paragraph("表2 一般公共预算“三公”经费支出表")
    t = table(doc, [["一般公共预算“三公”经费支出表", None, None],
                    ["单位：万元", None, None],
                    ["项目", "合计", "公务用车购置及运行费"],
                    ["2023年预算数", "22.30", None]])
    t.cell(0, 0).merge(t.cell(0, 2))
    t.cell(1, 0).merge(t.cell(1, 2))
    t.cell(0, 0).text = "一般公共预算“三公”经费支出表"
    t.cell(1, 0).text = "单位：万元"
    inner = t.cell(3, 2)
    inner.text = "22.30"
    n = inner.add_table(rows=2, cols=2)
    n.style = "Table Grid"
    for (r, c), text in {(0, 0): "购置费", (0, 1): "运维费", (1, 0): "0.00",
                         (1, 1): "22.30"}.items():
        n.cell(r, c).text = text

    # 表3: no caption at all, a procurement table by its words, the unit after it,
    # 16 columns
    doc.add_paragraph("二、政府采购情况说明如下，详见下表。")
    head = ["采购项目", "采购品目", "政府采购目录序号", "计量单位", "数量", "单价",
            "采购金额合计", "一般公共预算拨款", "基金预算拨款", "国有资本经营预算拨款",
            "财政专户核拨", "单位资金", "财政拨款结转", "非财政拨款结转结余",
            "预留中小企业份额", "备注"]
    table(doc, [head,
                ["网格化咨询服务项目", "服务", "C0901", "项", "1", "150", "150", "150",
                 "", "", "", "", "", "", "45.00", ""],
                ["机动车污染防治", "服务", "C0902", "项", "1", "118.17", "118.17", "118.17",
                 "", "", "", "", "", "", "", ""]])
    doc.add_paragraph("单位：万元")
    doc.add_paragraph("三、其他说明。")

    # 表4: far too wide for A4 at a readable size
    doc.add_paragraph("表4 项目支出明细表")
    wide = ["科目名称"] + ["项目%02d预算金额" % i for i in range(1, 30)]
    table(doc, [wide, ["节能环保支出"] + ["%d.00" % (100 + i) for i in range(1, 30)]])

    # 表5: a narrow table
    doc.add_paragraph("表5 固定资产情况表")
    table(doc, [["项目", "数量"], ["车辆", "9"], ["房屋", "2"]])

    # 表6: 24 columns, the economic classification of 基本支出
    doc.add_paragraph("表6 一般公共预算基本支出表")
    doc.add_paragraph("单位：万元")
    table(doc, [WIDE24, ["2110101", "行政运行", "1,234.56"] + ["%d.%02d" % (10 + i, i)
                                                            for i in range(21)],
                ["2110102", "一般行政管理事务", "88.00"] + ["0.00"] * 21])
    doc.save(path)


WIDE24 = ["科目编码", "科目名称", "合计", "基本工资", "津贴补贴", "奖金", "伙食补助费", "绩效工资",
          "机关事业单位基本养老保险缴费", "职业年金缴费", "职工基本医疗保险缴费",
          "公务员医疗补助缴费", "其他社会保障缴费", "住房公积金", "医疗费", "其他工资福利支出",
          "办公费", "印刷费", "咨询费", "手续费", "水费", "电费", "邮电费", "物业管理费"]


def w2003_document(path):
    """Word 2003 XML as Java systems write it: NBSP and U+3000 separators,
    full-width digits, a merged header, a captionless table titled in row 1."""
    W = "http://schemas.microsoft.com/office/word/2003/wordml"

    def p(text):
        return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % text

    def c(text, span=1):
        pr = "<w:tcPr><w:gridSpan w:val=\"%d\"/></w:tcPr>" % span if span > 1 else ""
        return "<w:tc>%s%s</w:tc>" % (pr, p(text))

    def tbl(rows, ncols):
        grid = "".join("<w:gridCol w:w=\"1800\"/>" for _ in range(ncols))
        return "<w:tbl><w:tblGrid>%s</w:tblGrid>%s</w:tbl>" % (
            grid, "".join("<w:tr>%s</w:tr>" % "".join(r) for r in rows))

    body = (p("红山区教育局2024年部门决算") +
            p("部门支出总表") + p("金额单位：万元") +
            tbl([[c("科目编码"), c("科目名称"), c("合计"), c("基本支出"), c("项目支出")],
                 [c("205"), c("教育支出"), c("38\u00a0620.00"), c("8\u00a0974.12"),
                  c("29\u00a0645.88")],
                 [c("2050101"), c("行政运行"), c("１，２００．５０"), c("1\u3000200.50"), c("0")],
                 [c("合　　计", 2), c("39 820.50"), c("10 174.62"), c("29 645.88")]], 5) +
            p("") +
            tbl([[c("机构人员情况表", 3)],
                 [c("单位名称"), c("编制  人数"), c("实有\t人数")],
                 [c("红山区第一中学"), c("1 250"), c("1 198")]], 3))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<?mso-application progid="Word.Document"?>\n'
           '<w:wordDocument xmlns:w="%s"><w:body>%s</w:body></w:wordDocument>' % (W, body))
    with open(path, "w", encoding="utf-8") as f:
        f.write(xml)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


def header_rows(ws):
    if not ws.freeze_panes:
        return []
    last = int(ws.freeze_panes[1:]) - 1
    m = re.match(r"\$(\d+):\$(\d+)", ws.print_title_rows or "")
    return range(int(m.group(1)) if m else last, last + 1)


def check_workbook(label, path):
    wb = openpyxl.load_workbook(path)
    sheets = [ws for ws in wb.worksheets if ws.title not in ("概况", "绩效指标")]
    for ws in sheets:
        where = "%s %s" % (label, ws.title)
        check(not re.fullmatch(r"表\d+", ws.title), where + ": sheet named only by its number")
        a1 = ws["A1"].value or ""
        check(a1 and not re.fullmatch(r"表\d+", a1), where + ": caption %r" % a1)
        heads = set(header_rows(ws))
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                v = cell.value
                if not isinstance(v, str):
                    continue
                if cell.row in heads:
                    check("\t" not in v and not re.search(r"\s\s", v),
                          "%s: header %s %r holds Word's layout" % (where, cell.coordinate, v))
                head = " ".join(str(ws.cell(row=h, column=cell.column).value or "") for h in heads)
                if is_amount(v) and not re.search("编码|代码|编号", head):
                    check(False, "%s: %s holds the amount %r as text" % (where, cell.coordinate, v))
                check(SPACE.sub("", v) != SPACE.sub("", a1) or len(v) < 5,
                      "%s: caption repeated in %s" % (where, cell.coordinate))
    return wb


def find(ws, label):
    """The row (1-based) whose column A is label."""
    for row in ws.iter_rows():
        if row[0].value == label:
            return row[0].row
    return None


def check_python_docx(label, wb):
    names = wb.sheetnames
    ws = wb[names[1]]
    check(ws["A1"].value == "表1 部门收入总表", label + ": 表1 caption %r" % ws["A1"].value)
    check(ws["A2"].value == "单位：万元", label + ": 表1 unit %r" % ws["A2"].value)
    check([ws.cell(row=3, column=c).value for c in range(1, 5)] ==
          ["项目", "计量单位", "2022年预留中小微企业份额", "金额合计"],
          label + ": 表1 headers %r" % [ws.cell(row=3, column=c).value for c in range(1, 5)])
    fmts = set()
    for name, written, want in SPELLINGS + [("拆开的数", "3586.14", 3586.14)]:
        r = find(ws, name)
        v = ws.cell(row=r, column=4).value if r else None
        check(isinstance(v, (int, float)) and abs(v - want) < 1e-9,
              "%s: %s %r is %r, want %r" % (label, name, written, v, want))
        if r:
            fmts.add(ws.cell(row=r, column=4).number_format)
    check(fmts == {"#,##0.00"}, label + ": 表1 amounts formats %s, want one, #,##0.00" % fmts)
    for i, text in enumerate(TEXTS):
        r = find(ws, "文字" + str(i))
        v = ws.cell(row=r, column=4).value if r else None
        check(v == text, "%s: %r stays text, got %r" % (label, text, v))

    ws = wb[names[2]]
    check(ws["A1"].value == "表2 一般公共预算“三公”经费支出表", label + ": 表2 caption")
    check(ws["A2"].value == "单位：万元", label + ": 表2 unit %r" % ws["A2"].value)
    check(ws["A3"].value == "项目", label + ": 表2 starts with its header, A3=%r" % ws["A3"].value)
    check(ws["C4"].value == 22.3, label + ": 表2 C4 %r" % ws["C4"].value)
    r = find(ws, "购置费")
    if check(r is not None, label + ": the nested table's rows are not in the sheet"):
        check(ws.cell(row=r + 1, column=1).value == 0 and ws.cell(row=r + 1, column=2).value == 22.3,
              label + ": nested amounts %r" % [ws.cell(row=r + 1, column=c).value for c in (1, 2)])
        lab = ws.cell(row=r - 1, column=1)
        check(lab.hyperlink is not None, label + ": the nested table's label has no link")

    ws = wb[names[3]]
    check(ws.title == "政府采购预算表", label + ": captionless procurement table named %r" % ws.title)
    check(ws["A2"].value == "单位：万元", label + ": unit after the table %r" % ws["A2"].value)
    g = [ws.cell(row=r, column=7) for r in (4, 5)]
    check([c.value for c in g] == [150, 118.17] and {c.number_format for c in g} == {"0.00"},
          label + ": 150 and 118.17 %r" % [(c.value, c.number_format) for c in g])
    check(ws.cell(row=4, column=3).value == "C0901", label + ": code C0901")

    ws = wb[names[4]]
    check(ws.print_title_cols == "$A:$A", label + ": wide table repeats %r" % ws.print_title_cols)


def check_w2003(label, wb):
    ws = wb[wb.sheetnames[1]]
    check(ws["A1"].value == "部门支出总表" and ws["A2"].value == "金额单位：万元",
          label + ": caption and unit %r %r" % (ws["A1"].value, ws["A2"].value))
    want = {"C4": 38620.0, "D4": 8974.12, "E4": 29645.88, "C5": 1200.5, "D5": 1200.5,
            "E5": 0, "C6": 39820.5, "D6": 10174.62}
    for ref, v in want.items():
        check(ws[ref].value == v, "%s: %s is %r, want %r" % (label, ref, ws[ref].value, v))
    check(ws["A4"].value == "205" and ws["A5"].value == "2050101", label + ": codes stay text")
    ws = wb[wb.sheetnames[2]]
    check(ws.title == "机构人员情况表" and ws["A3"].value == "单位名称",
          label + ": title row once: %r, A3=%r" % (ws.title, ws["A3"].value))
    check([ws["B3"].value, ws["C3"].value] == ["编制人数", "实有人数"],
          label + ": headers %r" % [ws["B3"].value, ws["C3"].value])
    check(ws["B4"].value == 1250 and ws["C4"].value == 1198, label + ": 1 250 and 1 198")


A4_LANDSCAPE, A3_LANDSCAPE = (842, 595), (1191, 842)


def check_standard(label, wb):
    """The Ministry of Finance's nine-table example against its facts file:
    each money table's sheet holds exactly the numbers the facts list (a blank
    cell is a zero the document left empty), as numbers."""
    facts = json.load(open(STANDARD[:-len(".docx")] + ".facts.json", encoding="utf-8"))
    for i, t in enumerate(facts["money_tables"]):
        vals = [v for r in t["rows"] for v in r["values"].values()]
        if t.get("total_row") and t.get("total_row_position") != "row":
            vals += list(t["total_row"].values())
        want = sorted(round(v, 2) for v in vals if v is not None)
        ws = wb.worksheets[1 + i]
        got = sorted(round(c.value, 2) for row in ws.iter_rows(min_row=3) for c in row
                     if isinstance(c.value, (int, float)))
        check(ws["A1"].value == t["caption"] and got == want,
              "%s: %s holds %d numbers, the facts %d%s" %
              (label, t["caption"], len(got), len(want), "" if got == want else " (differ)"))


def pdf_pages(tmp, path):
    """Converts a workbook with LibreOffice and returns its pages as
    (width, height, smallest word box height, words)."""
    out = os.path.join(tmp, "pdf")
    os.makedirs(out, exist_ok=True)
    profile = "file://" + os.path.join(tmp, "lo-profile")
    p = run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf",
             "--outdir", out, path])
    pdf = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    if not check(p.returncode == 0 and os.path.exists(pdf), "LibreOffice did not convert %s: %s"
                 % (path, p.stderr.decode(errors="replace")[-300:])):
        return []
    html = run(["pdftotext", "-bbox", pdf, "-"]).stdout.decode()
    os.unlink(pdf)
    pages = []
    for page in html.split("<page ")[1:]:
        w, h = re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups()
        boxes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page)
        hs = [float(b) - float(a) for a, b, _ in boxes]
        pages.append((round(float(w)), round(float(h)), min(hs) if hs else None,
                      [t for _, _, t in boxes]))
    return pages


def reference_height(tmp):
    """The word box height of 11 pt 宋体 printed at 100% (the sheets' font)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "参考文字 Ref 12345"
    ws["A1"].font = openpyxl.styles.Font(name="宋体", size=11)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.scale = 100
    path = os.path.join(tmp, "reference.xlsx")
    wb.save(path)
    pages = pdf_pages(tmp, path)
    return pages[0][2] if pages and pages[0][2] else None


def check_sheet_print(label, tmp, path, name, ref):
    """Prints the one sheet `name` of the workbook at path (the others
    removed) and checks each page: A4 or A3 landscape (portrait for 概况),
    its smallest text at 7 pt or more, and when the sheet is several pages
    wide the key column's header on every page.  Returns (pages, paper)."""
    wb = openpyxl.load_workbook(path)
    for other in list(wb.sheetnames):
        if other != name:
            del wb[other]
    ws = wb[name]
    key = None
    if ws.print_title_cols:
        heads = list(header_rows(ws))
        key = ws.cell(row=heads[-1] if heads else 3, column=1).value
    one = os.path.join(tmp, "sheet.xlsx")
    wb.save(one)
    pages = pdf_pages(tmp, one)
    where = "%s %s" % (label, name)
    if not check(pages, where + ": no page printed"):
        return [], None
    sizes = {(w, h) for w, h, _, _ in pages}
    papers = {A4_LANDSCAPE: "A4", A3_LANDSCAPE: "A3", A4_LANDSCAPE[::-1]: "A4 portrait"}
    paper = papers.get(pages[0][:2])
    check(len(sizes) == 1 and paper is not None and
          (paper != "A4 portrait" or name == "概况"),
          "%s: printed on %s" % (where, sorted(sizes)))
    for i, (_, _, h, words) in enumerate(pages):
        if h is not None:
            pt = 11 * h / ref
            check(pt >= 7 - 0.05, "%s: page %d prints at %.1f pt" % (where, i + 1, pt))
        if key and len(pages) > 1:
            check(any(w in key for w in words if len(w) >= 2),
                  "%s: page %d does not repeat the key column %r" % (where, i + 1, key))
    hs = [h for _, _, h, _ in pages if h is not None]
    print("     %s: %d page(s) on %s, smallest text %.1f pt" %
          (where, len(pages), paper, 11 * min(hs) / ref if hs else 0))
    return pages, paper


def check_print(label, tmp, path, wb, names=None):
    """Every sheet (or those named) prints its 11 pt text at 7 pt or more on
    A4 or A3 landscape; a table too wide for A4 repeats its key columns on
    every page it takes across.  Returns {sheet: (pages, paper)}."""
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        check(False, "soffice or pdftotext not found")
        return {}
    ref = reference_height(tmp)
    if not check(ref, "no reference print"):
        return {}
    return {name: check_sheet_print(label, tmp, path, name, ref)
            for name in (names or wb.sheetnames)}


def check_wide_tables(label, printed):
    """The 16-column procurement table and the 24- and 30-column tables:
    on A4 at a readable size, else A3, else several A3 pages wide."""
    got = {n: (len(p), paper) for n, (p, paper) in printed.items()}
    check(got.get("政府采购预算表", (0, None))[1] in ("A4", "A3"),
          label + ": 16 columns printed %r" % (got.get("政府采购预算表"),))
    wide = [n for n in got if n.startswith("表6")]
    check(wide and got[wide[0]][1] in ("A4", "A3"),
          label + ": 24 columns printed %r" % [got.get(n) for n in wide])


def main():
    tmp = tempfile.mkdtemp(prefix="dc-sheets-")
    try:
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        pd = os.path.join(src, "baihe.docx")
        python_docx_document(pd)
        w3 = os.path.join(src, "hongshan.xml")
        w2003_document(w3)
        final = os.path.join(src, "final.xml")
        other_templates.final_accounts_word2003(final)
        inputs = [("python-docx", pd, check_python_docx), ("word2003", w3, check_w2003),
                  ("national-final", final, None)]
        if check(os.path.exists(STANDARD), "the standard example exists: " + STANDARD):
            inputs.append(("standard", STANDARD, check_standard))
        if shutil.which("soffice"):
            lo = os.path.join(tmp, "lo")
            os.makedirs(lo)
            p = run(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile"),
                     "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", lo, pd])
            got = glob.glob(os.path.join(lo, "*.docx"))
            if check(p.returncode == 0 and got, "LibreOffice did not save the .docx"):
                inputs.append(("libreoffice", got[0], check_python_docx))
            html = os.path.join(src, "budget.html")
            other_templates.budget_html(html)
            budget = other_templates.libreoffice_docx(html, lo, os.path.join(tmp, "lo-profile"))
            if check(budget is not None, "LibreOffice did not convert the HTML budget"):
                inputs.append(("national-budget", budget, None))
        for label, path, facts in inputs:
            outa, outb = os.path.join(tmp, label, "a"), os.path.join(tmp, label, "b")
            os.makedirs(outa)
            os.makedirs(outb)
            for out in (outa, outb):
                p = run([BIN, "convert", path, "-o", out, "--xlsx"])
                check(p.returncode in (0, 1), "%s: convert exit %d: %s" %
                      (label, p.returncode, p.stderr.decode(errors="replace")[:300]))
            xa = glob.glob(os.path.join(outa, "*.xlsx"))
            xb = glob.glob(os.path.join(outb, "*.xlsx"))
            if not check(xa and xb, label + ": no workbook"):
                continue
            check(open(xa[0], "rb").read() == open(xb[0], "rb").read(), label + ": two runs differ")
            wb = check_workbook(label, xa[0])
            if facts:
                facts(label, wb)
            if label == "python-docx":
                check_wide_tables(label, check_print(label, tmp, xa[0], wb))
            print("ok   %s: %d sheets" % (label, len(wb.sheetnames)))
        # the sample: 概况, 绩效指标 and its widest table (16 columns of procurement)
        sample = os.path.join(HERE, "..", "data", "yongqing-eco-2021.docx")
        out = os.path.join(tmp, "sample")
        p = run([BIN, "convert", sample, "-o", out, "--xlsx"])
        xs = glob.glob(os.path.join(out, "*.xlsx"))
        if check(p.returncode in (0, 1) and xs, "sample: no workbook"):
            wb = openpyxl.load_workbook(xs[0])
            widest = max(wb.worksheets[1:-1], key=lambda ws: ws.max_column).title
            check_print("sample", tmp, xs[0], wb, ["概况", "绩效指标", widest])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d failures" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
