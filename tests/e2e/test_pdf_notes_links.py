#!/usr/bin/env python3
"""Footnotes and hyperlinks in the PDF (docs/pdf.md "Notes" and "Links"),
checked by geometry with pdfminer.six on documents written here:

- every footnote is on the page of its reference mark, below all body
  text of that page and inside the text block, under a short rule, its
  mark printed once ("1 text", never "1 1 text"); this holds at every
  position of a reference near the foot of a page (the line with the mark
  moves to the next page with its note when both do not fit);
- a footnote referenced in a table row is on the page of that row;
- footnotes written inline in Word 2003 XML the same;
- a footnote taller than half a page and endnotes are set at the end;
- every hyperlink (OOXML w:hyperlink with an external relationship, a
  HYPERLINK field, complex and simple, Word 2003 w:hlink, a link in a
  table cell, a link broken over two lines) is a URI link annotation whose
  /URI is the target and whose /Rect covers exactly the link's glyphs;
- the same after a round trip through LibreOffice;
- qpdf --check is clean and two runs give the same bytes.
"""
import os
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

BIN = os.environ.get("DISCLOSURE_BIN", "build/disclosure")
MM = 72 / 25.4
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def docx(path, body, footnotes=(), endnotes=(), links=()):
    """footnotes/endnotes: [(id, xml of the note's paragraphs)];
    links: [(rId, target)] external hyperlink relationships."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
          'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
          'ContentType="application/xml"/><Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
          'document.main+xml"/>')
    rels = ['<Relationship Id="rLink%d" Type="%shyperlink" Target="%s" TargetMode="External"/>'
            % (i, REL, escape(t, {'"': "&quot;"})) for i, t in links]
    parts = {}
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if not notes:
            continue
        xml = ['<?xml version="1.0" encoding="UTF-8"?><w:%ss %s>' % (kind, NS),
               '<w:%s w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:%s>'
               % (kind, kind)]
        for nid, content in notes:
            xml.append('<w:%s w:id="%d">%s</w:%s>' % (kind, nid, content, kind))
        xml.append('</w:%ss>' % kind)
        parts["word/%ss.xml" % kind] = "".join(xml)
        rels.append('<Relationship Id="r%s" Type="%s%ss" Target="%ss.xml"/>' % (kind, REL, kind,
                                                                                kind))
        ct += ('<Override PartName="/word/%ss.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.wordprocessingml.%ss+xml"/>' % (kind, kind))
    parts["[Content_Types].xml"] = ct + "</Types>"
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s'
        'officeDocument" Target="word/document.xml"/></Relationships>' % REL)
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships">%s</Relationships>' % "".join(rels))
    parts["word/document.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s>'
                                  '<w:body>%s</w:body></w:document>' % (NS, body))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text)


def para(*inlines):
    return "<w:p>%s</w:p>" % "".join(inlines)


def fref(nid, kind="footnote"):
    return ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:%sReference w:id="%d"/>'
            '</w:r>' % (kind, nid))


def note_text(text, kind="footnote"):
    """A note's paragraph as Word writes it: the mark (w:footnoteRef), a
    space, the text."""
    return ('<w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:%sRef/></w:r>%s'
            '</w:p>' % (kind, run(" " + text)))


def convert(src, outdir, env=None):
    r = subprocess.run([BIN, "convert", src, "-o", outdir, "--pdf"], capture_output=True,
                       text=True, env=env)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")
    return r.returncode, pdf, r.stderr


class Page:
    def __init__(self, lt):
        self.width, self.height = lt.width, lt.height
        self.chars = []     # (text, size, x0, top, x1, bottom), y down
        self.rules = []     # (x0, top, x1, bottom) of lines and thin rectangles
        for el in lt:
            if isinstance(el, LTTextContainer):
                for line in el:
                    if isinstance(line, LTTextLine):
                        for ch in line:
                            if isinstance(ch, LTChar):
                                self.chars.append((ch.get_text(), ch.size, ch.x0,
                                                   lt.height - ch.y1, ch.x1, lt.height - ch.y0))
            elif isinstance(el, (LTLine, LTRect, LTCurve)):
                self.rules.append((el.x0, lt.height - el.y1, el.x1, lt.height - el.y0))

    def text(self):
        return "".join(c[0] for c in self.chars)

    def block(self):
        if self.width > self.height:
            return 37 * MM, 26 * MM, 37 * MM + 225 * MM, 26 * MM + 156 * MM
        return 28 * MM, 37 * MM, 28 * MM + 156 * MM, 37 * MM + 225 * MM

    def find(self, s):
        """The glyphs of the first occurrence of s (spaces ignored), or []."""
        chars = [c for c in self.chars if c[0].strip()]
        s = s.replace(" ", "")
        text = "".join(c[0] for c in chars)
        i = text.find(s)
        if i < 0:
            return []
        out, n = [], 0
        for c in chars:
            if n >= i and len("".join(x[0] for x in out)) < len(s):
                out.append(c)
            n += len(c[0])
        return out


def pages(pdf):
    return [Page(p) for p in extract_pages(pdf)]


def annots(pdf):
    """Per page: [(uri, (x0, top, x1, bottom))], y down."""
    out = []
    with open(pdf, "rb") as f:
        doc = PDFDocument(PDFParser(f))
        for page in PDFPage.create_pages(doc):
            h = page.mediabox[3]
            lst = []
            for a in resolve1(page.annots) or []:
                a = resolve1(a)
                if resolve1(a.get("Subtype")).name != "Link":
                    continue
                act = resolve1(a.get("A"))
                uri = resolve1(act.get("URI"))
                x0, y0, x1, y1 = [float(v) for v in resolve1(a.get("Rect"))]
                lst.append((uri.decode("latin-1") if isinstance(uri, bytes) else uri,
                            (x0, h - y1, x1, h - y0)))
            out.append(lst)
    return out


FILLER = "本部门严格执行预算管理制度，加强资金管理，提高财政资金使用效益，确保各项工作顺利开展"


def note_checks(ps, what, notes):
    """notes: [(mark, note text, body text just before the mark)]."""
    for mark, text, before in notes:
        where = [i for i, p in enumerate(ps) if p.find(text)]
        ref = [i for i, p in enumerate(ps) if p.find(before + mark)]
        check(len(where) == 1 and ref and where[0] == ref[0],
              "%s: note %s on the page of its mark (note %s, mark %s)" % (what, mark, where,
                                                                          ref))
        if len(where) != 1:
            continue
        p = ps[where[0]]
        g = p.find(text)
        top = min(c[3] for c in g)
        left, btop, right, bottom = p.block()
        # the mark once, right before the text: "1 text", not "1 1 text"
        lead = [c for c in p.chars if c[3] < g[0][5] and c[5] > g[0][3] and
                c[4] <= g[0][2] + 0.5]
        lead_text = "".join(c[0] for c in sorted(lead, key=lambda c: c[2])).strip()
        check(lead_text == mark, "%s: note %s has its mark once (%r)" % (what, mark, lead_text))
        body = [c for c in p.chars if c[1] > 13 and c[5] < bottom]
        check(not body or top > max(c[5] for c in body),
              "%s: note %s below the page's body text" % (what, mark))
        check(all(left - 0.6 <= c[2] and c[4] <= right + 0.6 and c[5] <= bottom + 0.6
                  for c in g), "%s: note %s inside the text block" % (what, mark))
        sizes = {round(c[1], 1) for c in g}
        check(min(sizes) >= 7.5, "%s: note %s readable (%s pt)" % (what, mark, sorted(sizes)))
        rule = [r for r in p.rules if r[3] - r[1] < 1.5 and r[1] < top and
                top - r[1] < 30 + 40 * len(notes) and 40 < r[2] - r[0] < (right - left) / 2]
        check(rule, "%s: a short rule above note %s" % (what, mark))


def test_footnotes(tmp):
    """A footnote reference at every line near the foot of the first page."""
    bad = []
    for filler in range(14, 24):
        body = "".join(para(run("填充段落%d。" % k)) for k in range(filler))
        body += para(run(FILLER + "，详见说明"), fref(1), run("。" + FILLER + "。"))
        body += para(run(FILLER + "，另见附注"), fref(2), run("。"))
        body += "".join(para(run("后续段落%d。" % k)) for k in range(30))
        notes = [(1, note_text("第一条脚注：数据来源于部门决算报表，按新口径统计。")),
                 (2, note_text("第二条脚注：含上年结转资金。"))]
        src = os.path.join(tmp, "foot%d.docx" % filler)
        docx(src, body, footnotes=notes)
        rc, pdf, err = convert(src, tmp)
        if rc != 0:
            bad.append((filler, "rc %d %s" % (rc, err)))
            continue
        ps = pages(pdf)
        before = len(failures)
        note_checks(ps, "footnotes at filler %d" % filler,
                    [("1", "第一条脚注", "详见说明"), ("2", "第二条脚注", "另见附注")])
        if len(failures) > before:
            bad.append(filler)
        all_text = "".join(p.text() for p in ps)
        check(all_text.count("第一条脚注") == 1 and "后续段落29" in all_text,
              "footnotes at filler %d: every text once" % filler)
        qc = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
        check(qc.returncode == 0, "footnotes at filler %d: qpdf --check" % filler)
    check(not bad, "footnotes: on their page at every position %s" % bad[:3])


def test_table_and_end(tmp):
    """A footnote in a table row; an endnote and a footnote taller than
    half a page at the end; the footnote's text in pdftotext order after
    its page's body."""
    rows = "".join('<w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr>' % (
        para(run("项目%d" % i), *([fref(3)] if i == 25 else [])), para(run("%d.00" % i)))
        for i in range(1, 41))
    tbl = ('<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="2000"/></w:tblGrid>%s'
           '</w:tbl>' % rows)
    long_note = "".join(note_text("超长脚注第%d段，" % k + FILLER * 2) if k == 0 else
                        para(run("超长脚注第%d段，" % k + FILLER * 2)) for k in range(14))
    body = (para(run("表格前的段落")) + tbl +
            para(run("正文提到尾注"), fref(1, "endnote"), run("和长脚注"), fref(4), run("。")))
    src = os.path.join(tmp, "tablenote.docx")
    docx(src, body, footnotes=[(3, note_text("表内脚注：项目25为新增项目。")),
                               (4, long_note)],
         endnotes=[(1, note_text("尾注内容：本表按新口径编制。", "endnote"))])
    rc, pdf, err = convert(src, tmp)
    check(rc == 0, "table note: converts (%s)" % err.strip())
    ps = pages(pdf)
    # notes are numbered in the order of their references: id 3 is the first
    note_checks(ps, "table note", [("1", "表内脚注", "项目25")])
    last = ps[-1].text()
    all_text = "".join(p.text() for p in ps)
    check(all_text.count("尾注内容") == 1 and ps[-1].find("尾注内容") or
          ps[-2].find("尾注内容"), "table note: the endnote at the end")
    check(all_text.count("超长脚注第13段") == 1 and all_text.find("超长脚注第0段") >
          all_text.find("和长脚注"), "table note: a footnote over half a page goes to the end")
    check("超长脚注第13段" in last or "尾注内容" in last, "table note: the end notes last")
    raw = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                         text=True).stdout.replace("\n", "")
    check(raw.find("项目40") < raw.find("表内脚注") or
          raw.find("项目25") < raw.find("表内脚注") < raw.find("项目40"),
          "table note: the note read after its page's rows")


def test_word2003(tmp):
    w = ('xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
         'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"')

    def p(*inl):
        return "<w:p>%s</w:p>" % "".join(inl)

    def r(t):
        return "<w:r><w:t>%s</w:t></w:r>" % escape(t)

    fn = ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnote><w:p><w:r><w:rPr>'
          '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>%s</w:p></w:footnote>'
          '</w:r>' % r(" 二零零三格式的脚注文字。"))
    link = '<w:hlink w:dest="http://www.example.gov.cn/2003?q=1">%s</w:hlink>' % r("二零零三链接")
    body = "".join(p(r("填充段落%d。" % k)) for k in range(18))
    body += p(r(FILLER + "，见注"), fn, r("。" + FILLER)) + p(r("访问"), link, r("。"))
    xml = ('<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
           '<w:wordDocument %s><w:body>%s</w:body></w:wordDocument>' % (w, body))
    src = os.path.join(tmp, "notes2003.xml")
    with open(src, "w", encoding="utf-8") as f:
        f.write(xml)
    rc, pdf, err = convert(src, tmp)
    check(rc == 0, "word2003: converts (%s)" % err.strip())
    ps = pages(pdf)
    note_checks(ps, "word2003", [("1", "二零零三格式的脚注文字", "见注")])
    link_checks(pdf, ps, "word2003", [("二零零三链接", "http://www.example.gov.cn/2003?q=1")])


def link_checks(pdf, ps, what, links):
    """links: [(text, uri)]; each text's glyphs covered by annotations with
    that URI (one per line), nothing else under them."""
    an = annots(pdf)
    for text, uri in links:
        found = False
        for i, p in enumerate(ps):
            g = p.find(text)
            if not g:
                continue
            found = True
            rects = [r for u, r in an[i] if u == uri]
            inside = all(any(r[0] - 0.5 <= (c[2] + c[4]) / 2 <= r[2] + 0.5 and
                             r[1] - 0.5 <= (c[3] + c[5]) / 2 <= r[3] + 0.5 for r in rects)
                         for c in g)
            check(rects and inside, "%s: %s is a link to %s over its glyphs (%d rects)"
                  % (what, text, uri, len(rects)))
            others = [c for c in p.chars if c not in g and c[0].strip() and
                      any(r[0] + 0.5 < (c[2] + c[4]) / 2 < r[2] - 0.5 and
                          r[1] < (c[3] + c[5]) / 2 < r[3] for r in rects)]
            check(not others, "%s: the link %s covers no other text %s" % (
                what, text, "".join(c[0] for c in others)))
            lines = {round(c[5]) for c in g}
            check(len(rects) == len(lines), "%s: one rect per line of %s (%d, %d)" % (
                what, text, len(rects), len(lines)))
            break
        check(found, "%s: link text %s found" % (what, text))


def test_links(tmp):
    url1 = "http://czj.example.gov.cn/yjsgk/2022"
    url2 = "https://www.example.org/a?b=1&c=(2)"
    url3 = "http://www.example.com/simple"
    url4 = "http://table.example.cn/"
    url5 = "http://long.example.cn/x"
    long_text = "这是一个很长的链接文字" * 5
    cell = ('<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>'
            '<w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr></w:tbl>' % (
                para(run("表内")), para('<w:hyperlink r:id="rLink2">%s</w:hyperlink>'
                                        % run("表格里的链接"))))
    body = (para(run("详见财政局网站"), '<w:hyperlink r:id="rLink1"><w:r><w:rPr><w:u w:val='
                 '"single"/></w:rPr><w:t>预决算公开专栏</w:t></w:r></w:hyperlink>', run("公开的文件。")) +
            para(run("字段链接："), '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
                 '<w:instrText xml:space="preserve"> HYPERLINK "%s" \\o "提示" </w:instrText>'
                 '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' % escape(url2) +
                 run("示例网站") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + run("。")) +
            para(run("简单字段："), '<w:fldSimple w:instr=" HYPERLINK &quot;%s&quot; ">%s'
                 '</w:fldSimple>' % (url3, run("简单链接"))) +
            cell +
            para(run("长链接：" + "填充" * 8), '<w:hyperlink r:id="rLink3">%s</w:hyperlink>'
                 % run(long_text)) +
            para(run("书签链接"), '<w:hyperlink w:anchor="_Toc1">%s</w:hyperlink>' % run("不是网址")))
    src = os.path.join(tmp, "links.docx")
    docx(src, body, links=[(1, url1), (2, url4), (3, url5)])
    rc, pdf, err = convert(src, tmp)
    check(rc == 0, "links: converts (%s)" % err.strip())
    ps = pages(pdf)
    link_checks(pdf, ps, "links", [("预决算公开专栏", url1), ("示例网站", url2),
                                   ("简单链接", url3), ("表格里的链接", url4),
                                   (long_text, url5)])
    uris = sorted({u for lst in annots(pdf) for u, _ in lst})
    check(uris == sorted([url1, url2, url3, url4, url5]),
          "links: exactly the document's URIs, no bookmark link %s" % uris)
    qc = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    check(qc.returncode == 0, "links: qpdf --check")
    # identical bytes from two runs
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    d1, d2 = os.path.join(tmp, "r1"), os.path.join(tmp, "r2")
    os.makedirs(d1)
    os.makedirs(d2)
    _, p1, _ = convert(src, d1, env)
    _, p2, _ = convert(src, d2, env)
    with open(p1, "rb") as a, open(p2, "rb") as b:
        check(a.read() == b.read(), "links: two runs give identical bytes")


def test_libreoffice(tmp):
    """The same notes and links after a round trip through LibreOffice (its
    own w:hyperlink relationships and footnotes part)."""
    import shutil
    if not shutil.which("soffice"):
        print("skip LibreOffice round trip: no soffice")
        return
    body = "".join(para(run("填充段落%d。" % k)) for k in range(18))
    body += para(run(FILLER + "，详见说明"), fref(1), run("。" + FILLER + "。"))
    body += para(run("详见"), '<w:hyperlink r:id="rLink1">%s</w:hyperlink>' % run("预决算公开专栏"))
    src = os.path.join(tmp, "lo-src.docx")
    docx(src, body, footnotes=[(1, note_text("第一条脚注：经办单位自行统计。"))],
         links=[(1, "http://czj.example.gov.cn/yjsgk")])
    out = os.path.join(tmp, "lo")
    subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile"),
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, src],
                   capture_output=True, timeout=180)
    lo = os.path.join(out, "lo-src.docx")
    check(os.path.exists(lo), "libreoffice: round trip made a .docx")
    if not os.path.exists(lo):
        return
    rc, pdf, err = convert(lo, out)
    check(rc == 0, "libreoffice: converts (%s)" % err.strip())
    ps = pages(pdf)
    note_checks(ps, "libreoffice", [("1", "第一条脚注", "详见说明")])
    link_checks(pdf, ps, "libreoffice", [("预决算公开专栏", "http://czj.example.gov.cn/yjsgk")])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_footnotes(tmp)
        test_table_and_end(tmp)
        test_word2003(tmp)
        test_links(tmp)
        test_libreoffice(tmp)
    if failures:
        print("%d failed" % len(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
