#!/usr/bin/env python3
"""PDF pages from the document's sections and from what tables need
(docs/pdf.md "Pages"), checked by geometry with pdfminer.six:

- a landscape section (w:sectPr w:pgSz w:orient="landscape", in a paragraph's
  w:pPr and at the body's end) gives landscape pages, the portrait sections
  portrait ones; a continuous section of the same orientation starts no page;
- the same in Word 2003 XML (wx:sect);
- a 16-column table whose amounts cannot stay whole in portrait goes on
  landscape pages with its caption and unit line; every cell glyph has one
  size of at least 7.5 pt, every amount is on one line; the text before and
  after stays on portrait pages;
- a table whose cells ask for several sizes is set in one;
- page numbers stay 7 mm below the text block at the outer side on landscape
  pages; nothing else is outside the page's text block;
- headings (一、 （一） 第X部分, outline levels), captions, unit lines and
  one-line lead-ins ending with a colon never end a page, at every position
  near a page's foot; paragraphs leave no single first or last line alone;
- a table too wide for a landscape page is split column-wise with its key
  columns repeated.
"""
import os
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

BIN = os.environ.get("DISCLOSURE_BIN", "build/disclosure")
MM = 72 / 25.4
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path, body):
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        "word/document.xml":
            '<?xml version="1.0" encoding="UTF-8"?><w:document ' + W_NS + '><w:body>' + body +
            '</w:body></w:document>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)


def para(text, ppr="", size=None):
    rpr = '<w:rPr><w:sz w:val="%d"/></w:rPr>' % size if size else ""
    return '<w:p><w:pPr>%s</w:pPr><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (
        ppr, rpr, escape(text))


def sect(landscape, continuous=False):
    w, h = (16838, 11906) if landscape else (11906, 16838)
    return ('<w:sectPr>%s<w:pgSz w:w="%d" w:h="%d"%s/><w:pgMar w:top="1440" w:bottom="1440" '
            'w:left="1800" w:right="1800"/></w:sectPr>' % (
                '<w:type w:val="continuous"/>' if continuous else "", w, h,
                ' w:orient="landscape"' if landscape else ""))


def table(rows, widths, sizes=None):
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
    out = ['<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single"'
           ' w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
           '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
           '</w:tblBorders></w:tblPr><w:tblGrid>%s</w:tblGrid>' % grid]
    for r, row in enumerate(rows):
        out.append("<w:tr>")
        for c, text in enumerate(row):
            size = sizes[r][c] if sizes else None
            out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (
                widths[c], para(text, size=size)))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def convert(src, outdir):
    r = subprocess.run([BIN, "convert", src, "-o", outdir, "--pdf"], capture_output=True,
                       text=True)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")
    return r.returncode, pdf, r.stderr


class Page:
    def __init__(self, lt):
        self.width, self.height = lt.width, lt.height
        self.chars = []     # (text, font, size, x0, top, x1, bottom), y down
        self.lines = []     # text of each pdfminer text line
        self.boxes = []     # (text, x0, top, x1, bottom) of each text line
        for el in lt:
            if isinstance(el, LTTextContainer):
                for line in el:
                    if isinstance(line, LTTextLine):
                        self.lines.append(line.get_text().strip())
                        self.boxes.append((line.get_text().strip(), line.x0,
                                           lt.height - line.y1, line.x1, lt.height - line.y0))
                        for ch in line:
                            if isinstance(ch, LTChar):
                                self.chars.append((ch.get_text(), ch.fontname, ch.size, ch.x0,
                                                   lt.height - ch.y1, ch.x1, lt.height - ch.y0))

    @property
    def landscape(self):
        return self.width > self.height

    def text(self):
        return "".join(c[0] for c in self.chars)

    def area(self):
        if self.landscape:
            return 37 * MM, 26 * MM, 37 * MM + 225 * MM, 26 * MM + 156 * MM
        return 28 * MM, 37 * MM, 28 * MM + 156 * MM, 37 * MM + 225 * MM


def words(pg):
    """(text, x0, top, x1, bottom) of runs of glyphs on one baseline that touch
    (less than 1.5 pt apart): a cell's line, a word."""
    out = []
    chars = sorted(pg.chars, key=lambda c: (round(c[4], 1), c[3]))
    for c in chars:
        if out and abs(out[-1][2] - c[4]) < 0.5 and 0 <= c[3] - out[-1][3] < 1.5:
            w = out[-1]
            out[-1] = (w[0] + c[0], w[1], w[2], c[5], w[4])
        else:
            out.append((c[0], c[3], c[4], c[5], c[6]))
    return out


def pages(pdf):
    return [Page(p) for p in extract_pages(pdf)]


def outside(pg):
    """Glyphs outside the text block, except the page number line below it."""
    left, top, right, bottom = pg.area()
    bad = []
    for c in pg.chars:
        if c[3] >= left - 0.6 and c[5] <= right + 0.6 and c[4] >= top - 0.6 and \
                c[6] <= bottom + 0.6:
            continue
        if c[4] >= bottom + 7 * MM - 1 and c[6] <= bottom + 7 * MM + 16 and \
                (c[0] in "—\u2014 " or c[0].isdigit()):
            continue
        bad.append(c)
    return bad


def page_number_ok(pg, number):
    left, top, right, bottom = pg.area()
    digits = [c for c in pg.chars if c[0].isdigit() and c[4] > bottom]
    if not digits or "".join(c[0] for c in digits) != str(number):
        return False
    y_ok = all(abs(c[4] - (bottom + 7 * MM)) < 3 for c in digits)
    if number % 2:
        side_ok = max(c[5] for c in digits) > right - 60
    else:
        side_ok = min(c[3] for c in digits) < left + 60
    return y_ok and side_ok


def test_sections(tmp):
    body = (para("第一节竖排正文。") + para("第一节最后一段。", ppr=sect(False)) +
            para("第二节横排页面。") +
            table([["项目", "金额"], ["一般公共预算", "1,234.56"]], [3000, 2000]) +
            para("第二节最后一段。", ppr=sect(True)) +
            para("第三节回到竖排。", ppr=sect(False, continuous=True)) +
            para("第四节接着排，不另起页。") + sect(False, continuous=True))
    src = os.path.join(tmp, "sections.docx")
    docx(src, body)
    rc, pdf, err = convert(src, tmp)
    check(rc == 0, "sections: converts (%s)" % err.strip())
    ps = pages(pdf)
    orient = ["L" if p.landscape else "P" for p in ps]
    check(orient == ["P", "L", "P"], "sections: portrait, landscape, portrait pages %s" % orient)
    if len(ps) == 3:
        check("第二节横排页面" in ps[1].text() and "一般公共预算" in ps[1].text(),
              "sections: the landscape section's text and table on the landscape page")
        check("第三节回到竖排" in ps[2].text() and "第四节接着排" in ps[2].text(),
              "sections: a continuous section of the same orientation starts no page")
        check(abs(ps[1].width - 297 * MM) < 1 and abs(ps[1].height - 210 * MM) < 1,
              "sections: the landscape page is A4 turned (%.1f x %.1f)" % (ps[1].width,
                                                                           ps[1].height))
        for i, p in enumerate(ps):
            check(page_number_ok(p, i + 1), "sections: page %d number 7 mm below the block, "
                  "outer side" % (i + 1))
            check(not outside(p), "sections: page %d nothing outside the text block %s" % (
                i + 1, outside(p)[:3]))
        body_chars = [c for c in ps[1].chars if c[0] == "第"]
        left = ps[1].area()[0]
        check(body_chars and min(c[3] for c in body_chars) >= left - 0.6,
              "sections: landscape text starts inside the turned block")


def test_word2003(tmp):
    w = 'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" ' \
        'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"'

    def p(t, ppr=""):
        return '<w:p><w:pPr>%s</w:pPr><w:r><w:t>%s</w:t></w:r></w:p>' % (ppr, escape(t))

    land = ('<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
            '<w:pgMar w:top="1800" w:bottom="1800" w:left="1440" w:right="1440"/></w:sectPr>')
    port = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    xml = ('<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
           '<w:wordDocument %s><w:body>'
           '<wx:sect>%s</wx:sect>'
           '<wx:sect>%s%s</wx:sect>'
           '<wx:sect>%s%s</wx:sect></w:body></w:wordDocument>' % (
               w, p("竖排第一页。", port), p("横排一页。"), p("横排两页。", land),
               p("最后竖排。"), port))
    src = os.path.join(tmp, "sect2003.xml")
    with open(src, "w", encoding="utf-8") as f:
        f.write(xml)
    rc, pdf, err = convert(src, tmp)
    check(rc == 0, "word2003: converts (%s)" % err.strip())
    ps = pages(pdf)
    orient = ["L" if p.landscape else "P" for p in ps]
    check(orient == ["P", "L", "P"], "word2003: wx:sect pages portrait, landscape, portrait %s"
          % orient)


def test_wide_table(tmp):
    head = ["序号", "项目名称", "采购品目", "采购方式", "数量", "单位", "预算金额", "财政拨款",
            "其他资金", "上年结转", "实施时间", "执行单位", "联系人", "电话", "备注", "类别"]
    rows = [head]
    for i in range(1, 9):
        rows.append([str(i), "服务器采购项目%d" % i, "台式计算机", "公开招标", "12", "台",
                     "1234567.89", "1,234,567.89", "%d.25" % (7 * 10 ** i), "123456.78", "2022年3月",
                     "信息中心", "张三", "0316-1234567", "无", "货物"])
    widths = [400, 1400, 900, 700, 400, 400, 800, 800, 600, 700, 700, 700, 500, 900, 400, 400]
    body = (para("政府采购情况说明，以下为采购预算明细。") + para("采购明细：") +
            para("表1 政府采购预算明细表", ppr='<w:jc w:val="center"/>') +
            para("单位：万元", ppr='<w:jc w:val="right"/>') +
            table(rows, widths) + para("表后的正文段落。"))
    src = os.path.join(tmp, "wide.docx")
    docx(src, body)
    rc, pdf, err = convert(src, tmp)
    check(rc == 0, "wide table: converts (%s)" % err.strip())
    ps = pages(pdf)
    tpages = [p for p in ps if "服务器采购项目" in p.text()]
    check(tpages and all(p.landscape for p in tpages),
          "wide table: on landscape pages (%s)" % ["L" if p.landscape else "P" for p in ps])
    check(not ps[0].landscape and "政府采购情况说明" in ps[0].text(),
          "wide table: the text before stays portrait")
    check(not ps[-1].landscape and "表后的正文段落" in ps[-1].text(),
          "wide table: the text after goes back to portrait")
    if tpages:
        t = tpages[0]
        check("政府采购预算明细表" in t.text() and "单位：万元" in t.text() and
              "采购明细：" in t.text(),
              "wide table: lead-in, caption and unit line on the table's page")
        left, top, right, bottom = t.area()
        cells = [c for c in t.chars if c[4] < bottom and "政府采购预算明细表" not in c[0]]
        sizes = sorted({round(c[2], 1) for c in cells if c[4] > top + 60})
        check(len(sizes) == 1 and sizes[0] >= 7.5,
              "wide table: one cell size, at least 7.5 pt (%s)" % sizes)
        amounts = ["1234567.89", "1,234,567.89", "123456.78", "0316-1234567"]
        # amounts right-aligned in their column, text left, headers centred
        ws = words(t)
        other = [b for b in ws if b[0] in ["%d.25" % (7 * 10 ** i) for i in range(1, 9)]]
        rights = sorted({round(b[3], 1) for b in other})
        lefts = sorted({round(b[1], 1) for b in other})
        check(len(other) >= 5 and len(rights) == 1 and len(lefts) == len(other),
              "wide table: amounts of different lengths end at one x %s" % rights[:4])
        names = [b for b in ws if b[0].startswith("服务器")]
        check(len(names) >= 5 and len({round(b[1], 1) for b in names}) == 1,
              "wide table: text cells start at one x")
        hdr = [b for b in ws if b[0] in ("其他", "资金")]
        if hdr and other:
            mid_h = (hdr[0][1] + hdr[0][3]) / 2
            narrowest = min(other, key=lambda b: b[3] - b[1])
            widest = max(other, key=lambda b: b[3] - b[1])
            check(widest[1] - 4 < mid_h < rights[0] and mid_h > narrowest[1] - 30 and
                  abs(mid_h - (widest[1] + widest[3]) / 2) < 12,
                  "wide table: the header cell centred over its column")
        whole = all(sum(line.count(a) for p in tpages for line in p.lines) >= 8
                    for a in amounts)
        check(whole, "wide table: every amount on one line")
        unit = [c for c in t.chars if c[0] == "元"]
        check(unit and max(c[5] for c in unit) > right - 12,
              "wide table: the unit line right-aligned")
        unit_line = [c for c in t.chars if c[0] in "单位：万元" and unit and
                     abs(c[4] - unit[0][4]) < 1]
        check(sizes and {round(c[2], 1) for c in unit_line} == {sizes[0]},
              "wide table: the unit line in the table's size %s" %
              sorted({round(c[2], 1) for c in unit_line}))
        for i, p in enumerate(ps):
            check(not outside(p), "wide table: page %d nothing outside the text block %s"
                  % (i + 1, outside(p)[:3]))
            check(page_number_ok(p, i + 1), "wide table: page %d number in its place" % (i + 1))


def test_one_size(tmp):
    rows = [["科目", "金额"], ["基本支出", "100.00"], ["项目支出", "200.00"],
            ["合计", "300.00"]]
    sizes = [[24, 24], [18, 21], [18, 18], [28, 18]]
    # rule 10 too: a distributed CJK cell is not letter-spaced
    src = os.path.join(tmp, "sizes.docx")
    docx(src, para("正文。") + table(rows, [3000, 3000], sizes))
    rc, pdf, err = convert(src, tmp)
    ps = pages(pdf)
    cells = [c for c in ps[0].chars if c[0] in "科目金额基本支出项合计0123456789." and
             c[4] < ps[0].area()[3]]
    sizes = sorted({round(c[2], 1) for c in cells})
    check(rc == 0 and sizes == [9.0], "one size: a table asking for 9-14 pt is set in 9 pt "
          "(the size most of its body cells ask for) %s" % sizes)


def test_keep_rows(tmp):
    """At every start position a table leaves at least two body rows at
    the foot of a page and at the top of the next; a table of three body
    rows is never split."""
    small = [["序号", "项目", "金额"]] + [[str(i), "小表%d行" % i, "1.00"] for i in range(1, 4)]
    hdr = '<w:trPr><w:tblHeader/></w:trPr>'
    lone, split_small = [], []
    for filler, nbody in [(f, n) for f in range(0, 22) for n in (30, 31)]:
        rows = [["序号", "项目", "金额"]] + [[str(i), "第%d行项目" % i, "%d.00" % (i * 10)]
                                            for i in range(1, nbody + 1)]
        big = table(rows, [1000, 4000, 2000]).replace("<w:tr>", "<w:tr>" + hdr, 1)
        body = "".join(para("填充段落%d。" % k) for k in range(filler))
        src = os.path.join(tmp, "keep%d.docx" % filler)
        docx(src, body + big + table(small, [1000, 4000, 2000]))
        rc, pdf, err = convert(src, tmp)
        ps = pages(pdf)
        counts = [sum(1 for i in range(1, nbody + 1) if "第%d行项目" % i in p.text())
                  for p in ps]
        counts = [n for n in counts if n]
        if any(n == 1 for n in counts):
            lone.append((filler, nbody, counts))
        if sum(1 for p in ps if "小表" in p.text()) > 1:
            split_small.append(filler)
    check(not lone, "keep rows: no body row alone at a page's foot or top %s" % lone[:3])
    check(not split_small, "keep rows: a table of three body rows is never split %s"
          % split_small[:3])


def test_merged_label(tmp):
    """A label merged over rows that continue on the next page is printed
    again there."""
    vm = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
    out = ['<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="4000"/></w:tblGrid>']
    for i in range(40):
        first = ('<w:tc>%s%s</w:tc>' % (vm, para("项目名称甲")) if i == 0 else
                 '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>')
        out.append('<w:tr>%s<w:tc>%s</w:tc></w:tr>' % (first, para("设备%d" % i)))
    out.append("</w:tbl>")
    src = os.path.join(tmp, "merged.docx")
    docx(src, para("正文。") + "".join(out))
    rc, pdf, err = convert(src, tmp)
    ps = pages(pdf)
    with_rows = [p for p in ps if "设备" in p.text()]
    check(len(with_rows) >= 2 and all("项目名称甲" in p.text() for p in with_rows),
          "merged label: on every page the rows continue on (%d pages)" % len(with_rows))


def test_roles(tmp):
    """The short last item of a numbered duty list is body text like the
    items before it; a short "（一）" line followed by body text is a
    heading."""
    body = (para("（一）收入预算") +
            para("本年收入预算合计一百万元，比上年增加十万元，主要是人员增加。") +
            para("主要职责：") +
            para("（一）负责全县生态环境保护工作的统筹协调和监督管理，组织实施有关制度。") +
            para("（二）负责重大生态环境问题的统筹协调和监督管理，牵头协调污染事件调查。") +
            para("（三）负责环境污染防治的监督管理，制定并组织实施大气、水、土壤污染防治。") +
            para("（四）完成县委县政府交办的其他任务"))
    src = os.path.join(tmp, "roles.docx")
    docx(src, body)
    rc, pdf, err = convert(src, tmp)
    ps = pages(pdf)
    font = {}
    for c in ps[0].chars:
        font.setdefault(c[0], c[1])
    # 收 (first heading), 负 (long item), 完 (short last item)
    check(font.get("完") == font.get("负") and font.get("收") != font.get("负"),
          "roles: the short last list item is body text, the real heading is not (%s %s %s)"
          % (font.get("收"), font.get("负"), font.get("完")))


def test_title_words(tmp):
    """A long title breaks between words: never inside the office's name or
    inside 部门 预算 信息 公开 情况 说明, and balanced."""
    titles = ["河北省廊坊市永清县城市管理综合行政执法局2022年部门预算信息公开情况说明",
              "永清县人民政府办公室2022年部门决算信息公开情况说明",
              "廊坊市生态环境局永清县分局2021年部门预算绩效自评情况说明"]
    for k, title in enumerate(titles):
        src = os.path.join(tmp, "title%d.docx" % k)
        docx(src, para(title, ppr='<w:jc w:val="center"/>', size=44) + para("正文。"))
        rc, pdf, err = convert(src, tmp)
        ps = pages(pdf)
        big = [c for c in ps[0].chars if c[2] > 20]
        lines = {}
        for c in big:
            lines.setdefault(round(c[4]), []).append(c)
        texts = ["".join(c[0] for c in sorted(v, key=lambda c: c[3]))
                 for _, v in sorted(lines.items())]
        ends = [t[-1] for t in texts[:-1]]
        widths = [len(t) for t in texts]
        check("".join(texts) == title and all(e in "局室年明" for e in ends) and
              max(widths) - min(widths) <= max(widths) // 2,
              "title: breaks between words, balanced %s" % texts)


HEADS = ("二、支出预算情况", "（一）基本支出", "第二部分 部门预算表", "机构设置：", "人员情况：",
         "表3 一般公共预算支出表", "单位：万元")
LONG = "本单位严格执行预算管理制度，加强资金使用管理，提高财政资金使用效益，确保各项工作顺利开展。" * 3


def body_lines(pg):
    """Text of the page's lines inside the text block, top to bottom."""
    bottom = pg.area()[3]
    return [t for t, x0, top, x1, b in sorted(pg.boxes, key=lambda b: b[2]) if b <= bottom + 1]


def test_keep_headings(tmp):
    """At every position near a page's foot, no page ends with a heading
    (一、 （一） 第X部分, an outline-level paragraph), a caption, a unit line
    or a one-line lead-in ending with a colon: each stays with the first
    lines of what follows (a body paragraph's first two lines, a table's
    header and first rows)."""
    rows = [["单位名称", "人数", "金额"]] + [["单位%d" % i, str(i), "%d.00" % i]
                                            for i in range(1, 9)]
    cases = {
        "chain": para("二、支出预算情况") + para("（一）基本支出") + para(LONG),
        "part": para("第二部分 部门预算表") + para(LONG),
        "outline": para("人员情况：", ppr='<w:outlineLvl w:val="0"/>') + para(LONG),
        "caption": (para("表3 一般公共预算支出表", ppr='<w:jc w:val="center"/>') + para("") +
                    para("单位：万元", ppr='<w:jc w:val="right"/>') +
                    table(rows, [3000, 2000, 2000])),
        "lead-in": para("机构设置：") + table(rows, [3000, 2000, 2000]),
        # a document set in landscape throughout (the nine-table template's tables):
        # the caption and unit line go with a table that stays on these pages
        "caption-landscape": (para("表3 一般公共预算支出表", ppr='<w:jc w:val="center"/>') +
                              para("单位：万元", ppr='<w:jc w:val="right"/>') +
                              table(rows, [3000, 2000, 2000])),
    }
    bad = []
    for name, tail in cases.items():
        land = name.endswith("-landscape")
        for filler in (range(6, 16) if land else range(14, 23)):
            body = "".join(para("填充段落%d。" % k) for k in range(filler)) + tail + \
                para("结尾段落。") + (sect(True) if land else "")
            src = os.path.join(tmp, "kh-%s-%d.docx" % (name, filler))
            docx(src, body)
            rc, pdf, err = convert(src, tmp)
            ps = pages(pdf)
            for i, p in enumerate(ps[:-1]):
                lines = body_lines(p)
                if lines and lines[-1].replace(" ", "") in [h.replace(" ", "") for h in HEADS]:
                    bad.append((name, filler, i + 1, lines[-1]))
            if name in ("caption", "lead-in", "caption-landscape"):
                first = [i for i, p in enumerate(ps) if "单位1" in p.text()]
                lead = [i for i, p in enumerate(ps)
                        if ("机构设置" if name == "lead-in" else "一般公共预算支出表") in p.text()]
                if first != lead:
                    bad.append((name, filler, "apart", lead, first))
    # python-docx: styled headings (Heading 1, Heading 2) without label patterns
    import docx as pydocx
    for filler in range(15, 23):
        d = pydocx.Document()
        for k in range(filler):
            d.add_paragraph("填充段落%d。" % k)
        d.add_heading("部门职责概述", level=1)
        d.add_heading("主要职能", level=2)
        d.add_paragraph(LONG)
        src = os.path.join(tmp, "kh-styled-%d.docx" % filler)
        d.save(src)
        rc, pdf, err = convert(src, tmp)
        for i, p in enumerate(pages(pdf)[:-1]):
            lines = body_lines(p)
            if lines and lines[-1] in ("部门职责概述", "主要职能"):
                bad.append(("styled", filler, i + 1, lines[-1]))
    check(not bad, "keep with next: no heading, caption, unit line or lead-in ends a page %s"
          % bad[:4])


COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
          "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自理起小物现实加量都"
          "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重")


def test_widows(tmp):
    """No paragraph leaves its first line alone at a page's foot or its
    last line alone at the top of the next: paragraphs of two to five
    lines, each written in its own character, at every position."""
    bad = []
    for filler in range(17, 22):
        paras, k = [], 0
        for n in (2, 3, 4, 5, 3, 2, 5, 4, 2, 3, 5):
            ch = COMMON[k]
            k += 1
            # n lines: 26 characters on the first (indent), 28 on the others
            paras.append((ch, n, para(ch * (26 + 28 * (n - 1) - 14) + "。")))
        body = "".join(para("填充段落%d。" % i) for i in range(filler)) + \
            "".join(p for _, _, p in paras)
        src = os.path.join(tmp, "widow%d.docx" % filler)
        docx(src, body)
        rc, pdf, err = convert(src, tmp)
        ps = pages(pdf)
        for ch, n, _ in paras:
            per_page = [sum(1 for t in body_lines(p) if t and t[0] == ch) for p in ps]
            split = [c for c in per_page if c]
            if sum(split) != n:
                bad.append((filler, ch, "lines", split, n))
            elif len(split) > 1 and min(split) < 2:
                bad.append((filler, ch, split))
    check(not bad, "widows and orphans: no single first or last line alone %s" % bad[:4])


def test_column_split(tmp):
    """A table too wide for a landscape page at a readable size (two key
    columns and 26 amount columns) is split column-wise: every part on
    landscape pages, the key columns (科目编码, 科目名称) repeated in every
    part, each amount once and whole, one size of at least 7.5 pt, nothing
    outside the text block."""
    head = ["科目编码", "科目名称"] + ["支出项目%d" % k for k in range(1, 27)]
    rows = [head]
    for i in range(1, 7):
        rows.append(["20103%02d" % i, "行政运行科目%d" % i] +
                     ["%d,%03d,%03d.%02d" % (i, k, 100 + k, k) for k in range(1, 27)])
    widths = [900, 1800] + [700] * 26
    hdr = '<w:trPr><w:tblHeader/></w:trPr>'
    src = os.path.join(tmp, "split.docx")
    docx(src, para("正文在表前。") + table(rows, widths).replace("<w:tr>", "<w:tr>" + hdr, 1) +
         para("正文在表后。"))
    rc, pdf, err = convert(src, tmp)
    check(rc == 0, "column split: converts (%s)" % err.strip())
    ps = pages(pdf)
    tp = [p for p in ps if "支出项目" in p.text()]
    check(len(tp) >= 2 and all(p.landscape for p in tp),
          "column split: the parts on landscape pages (%d pages)" % len(tp))
    amounts = ["%d,%03d,%03d.%02d" % (i, k, 100 + k, k) for i in range(1, 7) for k in range(1, 27)]
    lines = [ln.replace(" ", "") for p in tp for ln in p.lines]
    counts = {a: sum(ln.count(a) for ln in lines) for a in amounts}
    check(all(n == 1 for n in counts.values()),
          "column split: every amount once and whole %s" %
          [a for a, n in counts.items() if n != 1][:4])
    parts = 0
    for p in tp:
        for i in range(1, 7):
            ws = [w for w in words(p) if w[0] == "行政运行科目%d" % i]
            codes = [w for w in words(p) if w[0] == "20103%02d" % i]
            check(len(ws) == len(codes) and ws, "column split: key columns of row %d on "
                  "every part's page" % i)
        parts += sum(1 for w in words(p) if w[0] == "科目编码")
        bottom = p.area()[3]
        sizes = sorted({round(c[2], 1) for c in p.chars if c[4] < bottom})
        check(len(sizes) == 1 and sizes[0] >= 7.5, "column split: one size >= 7.5 pt %s"
              % sizes)
        check(not outside(p), "column split: nothing outside the text block %s" %
              outside(p)[:3])
    check(parts >= 2, "column split: %d parts, each with the key header" % parts)
    # the text before and after, and the order of the parts
    raw = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                         text=True).stdout.replace("\n", "").replace(" ", "")
    check(raw.find("正文在表前") < raw.find("支出项目1") < raw.find("支出项目26") <
          raw.find("正文在表后"), "column split: parts in column order between the texts")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_sections(tmp)
        test_word2003(tmp)
        test_wide_table(tmp)
        test_one_size(tmp)
        test_keep_rows(tmp)
        test_merged_label(tmp)
        test_roles(tmp)
        test_title_words(tmp)
        test_keep_headings(tmp)
        test_widows(tmp)
        test_column_split(tmp)
    if failures:
        print("%d failed" % len(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
