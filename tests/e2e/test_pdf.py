#!/usr/bin/python3
"""PDF output, checked with independent readers (poppler, qpdf).

- every form of the sample: pdftotext -raw holds the expected visible text in
  order (whitespace removed: >= 99.9% of the expected characters found in
  order by longest common subsequence, >= 97% of the PDF's characters
  expected), pdffonts lists only embedded subset fonts with Unicode maps,
  qpdf --check passes, poppler prints no warnings, no text or rule outside
  the text area (pdftotext -bbox, content streams via qpdf);
- a generated long table continues across pages with its header repeated, a
  row taller than a page is split, nested tables and row spans are drawn;
- two runs with SOURCE_DATE_EPOCH give identical bytes;
- --pdfa has XMP metadata matching the info dictionary and an OutputIntent;
- a character no font has is reported once;
- headings are outline entries; `disclosure fonts` reports coverage;
- odd documents (empty, merges over pages, inline page breaks, deep nesting,
  narrow columns) convert quietly with nothing outside the text area.

Environment: DISCLOSURE_BIN (the program).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

BIN = os.environ.get("DISCLOSURE_BIN", "build/disclosure")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
EXPECTED = os.path.join(DATA, "expected", "yongqing-eco-2021.txt")
FORMS = ["yongqing-eco-2021.docx", "yongqing-eco-2021.lo.docx", "yongqing-eco-2021.flat.xml",
         "yongqing-eco-2021.word2003.xml", "yongqing-eco-2021.word2003-vmerge.xml"]

# GB/T 9704 text area, points, y down from the page top
MM = 72 / 25.4
LEFT, TOP = 28 * MM, 37 * MM
RIGHT, BOTTOM = LEFT + 156 * MM, TOP + 225 * MM
# landscape pages: A4 turned, the text block turned with it (docs/pdf.md)
L_LEFT, L_TOP = 37 * MM, 26 * MM
L_RIGHT, L_BOTTOM = L_LEFT + 225 * MM, L_TOP + 156 * MM
TOL = 0.6


def text_area(width, height):
    """(left, top, right, bottom) of the text area on a page of this size."""
    if width > height:
        return L_LEFT, L_TOP, L_RIGHT, L_BOTTOM
    return LEFT, TOP, RIGHT, BOTTOM

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def run(args, env=None, **kw):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run(args, capture_output=True, text=True, env=e, **kw)


def convert(src, outdir, *extra, env=None):
    r = run([BIN, "convert", src, "-o", outdir, "--pdf", *extra], env=env)
    stem = os.path.splitext(os.path.basename(src))[0]
    return r, os.path.join(outdir, stem + ".pdf")


def squeeze(s):
    return re.sub(r"\s+", "", s)


def lcs_len(a, b):
    """Length of the longest common subsequence (bit-parallel, Hyyro 2004)."""
    masks = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def text_measure(expected, pdf):
    r = run(["pdftotext", "-raw", pdf, "-"])
    got = squeeze(r.stdout)
    exp = squeeze(expected)
    n = lcs_len(exp, got)
    return n / max(1, len(exp)), n / max(1, len(got)), r.stderr


def poppler_quiet(pdf):
    """stderr of poppler's tools reading and rendering the file."""
    err = ""
    for args in (["pdfinfo", pdf], ["pdffonts", pdf], ["pdftotext", pdf, "-"],
                 ["pdftotext", "-bbox", pdf, "-"]):
        err += run(args).stderr
    with tempfile.TemporaryDirectory() as d:
        err += run(["pdftoppm", "-r", "12", "-png", pdf, os.path.join(d, "p")]).stderr
    return err


def fonts_ok(pdf):
    out = run(["pdffonts", pdf]).stdout.splitlines()[2:]
    bad = [l for l in out if not re.search(r"\byes\s+yes\s+yes\s+\d+\s+\d+\s*$", l)]
    return len(out) > 0 and not bad, out


def words(pdf, sizes=None):
    """[(page, xMin, yMin, xMax, yMax, text)] from pdftotext -bbox; page sizes
    (width, height) appended to sizes when given."""
    html = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    res = []
    for i, page in enumerate(re.split(r"<page ", html)[1:]):
        m = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        if sizes is not None:
            sizes.append((float(m.group(1)), float(m.group(2))) if m else (595.28, 841.89))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            res.append((i + 1, float(m.group(1)), float(m.group(2)), float(m.group(3)),
                        float(m.group(4)), m.group(5)))
    return res


def is_page_number(w):
    return w[5] in ("—", "\u2014") or w[5].isdigit()


def outside_text_area(pdf):
    """Words outside the text area, except the page numbers below it."""
    bad = []
    sizes = []
    for w in words(pdf, sizes):
        left, top, right, bottom = text_area(*sizes[w[0] - 1])
        inside = (w[1] >= left - TOL and w[3] <= right + TOL and w[2] >= top - TOL
                  and w[4] <= bottom + TOL)
        if inside:
            continue
        if is_page_number(w) and w[2] > bottom and w[4] < bottom + 16 * MM:
            continue
        bad.append(w)
    return bad


def rules_outside(pdf, tmp):
    """Stroked lines and filled rectangles of the page content outside the
    text area (content streams uncompressed with qpdf)."""
    plain = os.path.join(tmp, "plain.pdf")
    run(["qpdf", "--qdf", "--object-streams=disable", pdf, plain])
    data = open(plain, "rb").read().decode("latin-1")
    # each page's MediaBox, then its content stream ("%% Contents for page N")
    boxes = {int(m.group(1)): (float(m.group(2)), float(m.group(3))) for m in re.finditer(
        r"%% Page (\d+)\n(?:[^\n]*\n){1,8}?\s*/MediaBox \[\s*\S+\s+\S+\s+([\d.]+)\s+([\d.]+)",
        data)}
    chunks = re.split(r"%% Contents for page (\d+)", data)
    bad = []
    num = r"(-?[\d.]+)"
    for k in range(1, len(chunks), 2):
        width, height = boxes.get(int(chunks[k]), (595.28, 841.89))
        left, top, right, bottom = text_area(width, height)
        part = chunks[k + 1].split("endstream")[0]
        for m in re.finditer(num + " " + num + " m " + num + " " + num + " l S", part):
            x0, y0, x1, y1 = (float(v) for v in m.groups())
            for x, y in ((x0, y0), (x1, y1)):
                yd = height - y
                if not (left - 0.05 <= x <= right + 0.05 and top - 0.05 <= yd <= bottom + 0.05):
                    bad.append(m.group(0))
        for m in re.finditer(num + " " + num + " " + num + " " + num + " re f", part):
            x, y, w, h = (float(v) for v in m.groups())
            if x < left - 0.05 or x + w > right + 0.05 or height - y > bottom + 0.05 or \
                    height - (y + h) < top - 0.05:
                bad.append(m.group(0))
    return bad, data


# ---- a generated .docx ---------------------------------------------------------

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


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


def para(text, heading=None, center=False):
    ppr = ""
    if heading:
        ppr += '<w:outlineLvl w:val="%d"/>' % (heading - 1)
    if center:
        ppr += '<w:jc w:val="center"/>'
    return '<w:p><w:pPr>%s</w:pPr><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (
        ppr, escape(text))


def cell(content, width=None, vmerge=None, borders=True):
    tcpr = ""
    if width:
        tcpr += '<w:tcW w:w="%d" w:type="dxa"/>' % width
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += '<w:vMerge/>'
    if borders:
        tcpr += ('<w:tcBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
                 '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
                 '</w:tcBorders>')
    return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (tcpr, content)


def table(rows, grid, header_rows=0):
    g = "".join('<w:gridCol w:w="%d"/>' % w for w in grid)
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>%s</w:tblGrid>'
           % g]
    for i, r in enumerate(rows):
        trpr = '<w:trPr><w:tblHeader/></w:trPr>' if i < header_rows else ""
        out.append('<w:tr>%s%s</w:tr>' % (trpr, "".join(r)))
    out.append('</w:tbl>')
    return "".join(out)


def long_table_fixture(path):
    """A table of 150 rows with a header row, a row taller than a page, a
    nested table and a vertical merge; returns the visible text in order."""
    expected = []
    body = [para("长表格测试", center=True)]
    expected.append("长表格测试")
    body.append(para("附表一　项目支出明细", center=True))
    expected.append("附表一　项目支出明细")
    head = ["序号", "项目名称", "金额（万元）"]
    rows = [[cell(para(h)) for h in head]]
    expected += head
    for i in range(1, 151):
        name = "第%d项县级生态环境保护专项资金项目" % i
        amount = "%d.%02d" % (i * 37 % 1000, i % 100)
        if i == 40:
            name = "".join("超长单元格内容第%d句，用来检验跨页拆分的行不会被截断。" % k
                           for k in range(1, 61))
        if i == 60:
            nested = table([[cell(para("甲%d" % k)), cell(para("乙%d" % k))] for k in (1, 2)],
                           [1500, 1500])
            rows.append([cell(para(str(i))), cell(para("内嵌表格") + nested + para("")),
                         cell(para(amount))])
            expected += [str(i), "内嵌表格", "甲1", "乙1", "甲2", "乙2", amount]
            continue
        if i == 70:
            rows.append([cell(para(str(i))), cell(para("合并单元格"), vmerge="restart"),
                         cell(para(amount))])
            expected += [str(i), "合并单元格", amount]
            continue
        if i in (71, 72):
            rows.append([cell(para(str(i))), cell(para(""), vmerge="continue"),
                         cell(para(amount))])
            expected += [str(i), amount]
            continue
        rows.append([cell(para(str(i))), cell(para(name)), cell(para(amount))])
        expected += [str(i), name, amount]
    body.append(table(rows, [900, 5200, 1800], header_rows=1))
    body.append(para("表后文字。"))
    expected.append("表后文字。")
    docx(path, "".join(body))
    return "\n".join(expected)


# ---- the checks ----------------------------------------------------------------------

def sample_forms(tmp):
    expected = open(EXPECTED, encoding="utf-8").read()
    for form in FORMS:
        src = os.path.join(DATA, form)
        out = os.path.join(tmp, form.replace(".", "_"))
        r, pdf = convert(src, out)
        if r.returncode != 0 and "not supported" in r.stderr:
            print("skip %s: %s" % (form, r.stderr.strip()))
            continue
        if not check(r.returncode == 0 and os.path.exists(pdf),
                     "%s: converts (exit %d %s)" % (form, r.returncode, r.stderr.strip())):
            continue
        check(r.stderr == "", "%s: no warnings (%s)" % (form, r.stderr.strip()))
        found, precision, _ = text_measure(expected, pdf)
        check(found >= 0.999, "%s: %.3f%% of the expected text found in order" %
              (form, 100 * found))
        check(precision >= 0.97, "%s: %.3f%% of the PDF's text is expected text" %
              (form, 100 * precision))
        ok, lines = fonts_ok(pdf)
        check(ok, "%s: pdffonts: %d fonts, all embedded, subset, with Unicode maps" %
              (form, len(lines)))
        q = run(["qpdf", "--check", pdf])
        check(q.returncode == 0, "%s: qpdf --check (%s)" % (form, q.stdout.strip()[-80:]))
        err = poppler_quiet(pdf)
        check(err == "", "%s: poppler prints no warnings %s" % (form, err[:200]))
        bad = outside_text_area(pdf)
        check(not bad, "%s: no text outside the text area %s" % (form, bad[:3]))
        rules, _ = rules_outside(pdf, out)
        check(not rules, "%s: no rules outside the text area %s" % (form, rules[:3]))


def long_table(tmp):
    src = os.path.join(tmp, "long-table.docx")
    expected = long_table_fixture(src)
    r, pdf = convert(src, os.path.join(tmp, "lt"))
    if not check(r.returncode == 0, "long table: converts (%s)" % r.stderr.strip()):
        return
    found, precision, _ = text_measure(expected, pdf)
    # The row split across pages shows its short last cell on the first page,
    # before the rest of its long cell: those few characters are out of the
    # cell-by-cell order.
    check(found >= 0.998, "long table: %.3f%% of the text found in order" % (100 * found))
    check(precision >= 0.95, "long table: %.3f%% of the PDF's text expected (the rest: page "
          "numbers and repeated headers)" % (100 * precision))
    ws = words(pdf)
    pages = max(w[0] for w in ws)
    check(pages >= 4, "long table: %d pages" % pages)
    # Pages after the first that hold table rows start with the header row.
    repeated = 0
    for p in range(2, pages + 1):
        pw = sorted((w for w in ws if w[0] == p and not is_page_number(w)),
                    key=lambda w: (round(w[2]), w[1]))
        if not pw or pw[0][5] == "表后文字。":
            continue
        top = [w[5] for w in pw if w[2] < pw[0][2] + 5]
        ok = top[:3] == ["序号", "项目名称", "金额（万元）"] and pw[0][2] < TOP + 12
        repeated += ok
        check(ok, "long table: page %d starts with the repeated header (%s)" % (p, top[:3]))
    check(repeated >= 3, "long table: header repeated on %d pages" % repeated)
    bad = outside_text_area(pdf)
    check(not bad, "long table: no text outside the text area %s" % bad[:3])
    rules, _ = rules_outside(pdf, tmp)
    check(not rules, "long table: no rules outside the text area %s" % rules[:3])
    # The tall row is split: its sentences continue on a second page.
    tall = [w for w in ws if "超长单元格内容" in w[5]]
    check(len({w[0] for w in tall}) >= 2, "long table: the row taller than a page is split "
          "over %d pages" % len({w[0] for w in tall}))
    check(run(["qpdf", "--check", pdf]).returncode == 0, "long table: qpdf --check")
    err = poppler_quiet(pdf)
    check(err == "", "long table: poppler prints no warnings %s" % err[:200])


def determinism(tmp):
    src = os.path.join(DATA, FORMS[0])
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    _, a = convert(src, os.path.join(tmp, "d1"), env=env)
    _, b = convert(src, os.path.join(tmp, "d2"), env=env)
    check(open(a, "rb").read() == open(b, "rb").read(),
          "determinism: two runs with SOURCE_DATE_EPOCH give identical bytes")
    info = run(["pdfinfo", a]).stdout
    check("Nov 14 22:13:20 2023" in info, "determinism: CreationDate from SOURCE_DATE_EPOCH")
    _, c = convert(src, os.path.join(tmp, "d3"), "--pdfa", env=env)
    _, d = convert(src, os.path.join(tmp, "d4"), "--pdfa", env=env)
    check(open(c, "rb").read() == open(d, "rb").read(),
          "determinism: --pdfa output identical too")


def pdfa(tmp):
    src = os.path.join(DATA, FORMS[0])
    out = os.path.join(tmp, "a")
    r, pdf = convert(src, out, "--pdfa")
    if not check(r.returncode == 0, "pdfa: converts"):
        return
    meta = run(["pdfinfo", "-meta", pdf]).stdout
    check("<pdfaid:part>1</pdfaid:part>" in meta and
          "<pdfaid:conformance>B</pdfaid:conformance>" in meta, "pdfa: XMP with pdfaid 1B")
    info = run(["pdfinfo", pdf]).stdout
    title = re.search(r"^Title:\s+(.*)$", info, re.M)
    check(title is not None and title.group(1).strip() in meta,
          "pdfa: XMP dc:title equals the info Title")
    m = re.search(r"<xmp:CreateDate>([^<]*)</xmp:CreateDate>", meta)
    check(m is not None, "pdfa: XMP CreateDate")
    check(run(["qpdf", "--check", pdf]).returncode == 0, "pdfa: qpdf --check")
    _, data = rules_outside(pdf, out)
    check("/OutputIntents" in data and "/GTS_PDFA1" in data and "/DestOutputProfile " in data,
          "pdfa: an sRGB OutputIntent with its profile")
    check("/Metadata" in data and "/CIDSet" in data, "pdfa: catalog Metadata, font CIDSets")
    check(re.search(r"%PDF-1\.[0-4]", data[:20]) is not None, "pdfa: PDF version at most 1.4")
    check("/ID [" in data, "pdfa: a file ID")
    fonts, _ = fonts_ok(pdf)
    check(fonts, "pdfa: all fonts embedded")


def missing_glyph(tmp):
    src = os.path.join(tmp, "pua.docx")
    docx(src, para("私用区字符\ue000与\U0010fffd各一个，再来一次\ue000。"))
    r, pdf = convert(src, os.path.join(tmp, "m"))
    check(r.returncode == 0, "missing glyph: converts")
    lines = [l for l in r.stderr.splitlines() if "no font has" in l]
    check(len(lines) == 1 and "U+E000" in lines[0] and "U+10FFFD" in lines[0],
          "missing glyph: one warning naming both characters (%s)" % r.stderr.strip())
    got = squeeze(run(["pdftotext", "-raw", pdf, "-"]).stdout)
    check("私用区字符与各一个，再来一次。" in got, "missing glyph: the rest of the text is drawn")


def outline_and_fonts(tmp):
    src = os.path.join(DATA, FORMS[0])
    _, pdf = convert(src, os.path.join(tmp, "o"))
    j = run(["qpdf", "--json", "--json-key=outlines", pdf])
    titles = re.findall(r'"title": "([^"]*)"', j.stdout)
    titles = [json.loads('"%s"' % t) for t in titles]
    check("一、部门职责及机构设置情况" in titles and "九、其他需要说明的事项" in titles,
          "outline: headings are bookmarks (%d entries)" % len(titles))
    labels = run(["pdfinfo", "-f", "1", "-l", "3", pdf]).stdout
    check(run(["qpdf", "--json", "--json-key=pagelabels", pdf]).stdout.count('"label"') >= 1,
          "page labels present")
    r = run([BIN, "fonts", src])
    check(r.returncode == 0 and "every character has a font" in r.stdout and
          re.search(r"^body\s+\S", r.stdout, re.M) is not None,
          "disclosure fonts FILE: roles and full coverage")
    r = run([BIN, "fonts", "--font", "body=/nonexistent.ttf"])
    check(r.returncode == 2, "disclosure fonts: an unusable --font is a usage error")
    r = run([BIN, "convert", src, "-o", os.path.join(tmp, "x"), "--pdf", "--font", "nobody=x"])
    check(r.returncode == 2, "convert: a bad --font is a usage error")
    del labels


def robustness(tmp):
    """Odd documents: empty, a merge over 120 rows, an inline page break, a
    3000-letter word, tables nested 12 deep, 40 narrow columns."""
    cases = {}
    cases["empty"] = ("", [])
    rows = []
    for i in range(120):
        c0 = (cell(para("跨页合并单元格"), vmerge="restart") if i == 0
              else cell(para(""), vmerge="continue"))
        rows.append([c0, cell(para("第%d行" % i)), cell(para("%d.00" % i))])
    cases["span"] = (table(rows, [2000, 4000, 2000]), ["跨页合并单元格", "第119行"])
    cases["breaks"] = ('<w:p><w:r><w:t>前文</w:t></w:r><w:r><w:br w:type="page"/></w:r>'
                       '<w:r><w:t>后文</w:t></w:r></w:p>' + para("x" * 3000) +
                       para("——" * 200 + "……" * 100), ["前文", "后文"])
    inner = para("最内层")
    for d in range(12):
        inner = table([[cell(inner), cell(para("层%d" % d))]], [3000, 1000])
    cases["deep"] = (inner + para("完"), ["最内层", "层11", "完"])
    cases["narrow"] = (table([[cell(para("1234567.89")) for _ in range(40)] for _ in range(5)],
                             [200] * 40), [])
    for name, (body, texts) in cases.items():
        src = os.path.join(tmp, "odd-%s.docx" % name)
        docx(src, body)
        r, pdf = convert(src, os.path.join(tmp, "odd"))
        if not check(r.returncode == 0 and r.stderr == "",
                     "odd %s: converts quietly (%s)" % (name, r.stderr.strip()[:120])):
            continue
        got = squeeze(run(["pdftotext", "-raw", pdf, "-"]).stdout)
        check(all(t in got for t in texts), "odd %s: its text is there" % name)
        check(run(["qpdf", "--check", pdf]).returncode == 0 and poppler_quiet(pdf) == "",
              "odd %s: qpdf and poppler are content" % name)
        check(not outside_text_area(pdf) and not rules_outside(pdf, tmp)[0],
              "odd %s: nothing outside the text area" % name)
        if name == "breaks":
            p2 = run(["pdftotext", "-f", "2", "-l", "2", pdf, "-"]).stdout
            check("后文" in p2, "odd breaks: the inline page break starts page 2")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        sample_forms(tmp)
        robustness(tmp)
        long_table(tmp)
        determinism(tmp)
        pdfa(tmp)
        missing_glyph(tmp)
        outline_and_fonts(tmp)
    if failures:
        print("%d failed" % len(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
