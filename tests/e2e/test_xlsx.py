#!/usr/bin/python3
"""The XLSX output of every form of the sample, read back with openpyxl and
LibreOffice and compared with the document model (`inspect --json`, read
independently of the writer) and with the expected facts.

Checks: one sheet per body table in document order after 概况, cell texts and
numbers equal the document's cells, merged ranges equal the cells' spans,
header rows (w:tblHeader) frozen and repeated, print setup, sheet names valid
and unique, the 概况 figures and the 绩效指标 rows against
expected/yongqing-eco-2021.json, byte-identical reruns, SOURCE_DATE_EPOCH,
and LibreOffice reading every sheet; then every table of the real documents
under ../shared/external (SHARED) against its model.

Environment: DISCLOSURE_BIN (the program), SHARED (../shared).  Run with /usr/bin/python3
(python3-openpyxl).
"""
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import openpyxl
from openpyxl.utils import get_column_letter

BIN = os.environ.get("DISCLOSURE_BIN") or sys.exit("DISCLOSURE_BIN is not set")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "data"))
EXPECTED = json.load(open(os.path.join(DATA, "expected", "yongqing-eco-2021.json"),
                          encoding="utf-8"))
FORMS = ["docx", "lo.docx", "flat.xml", "word2003.xml", "word2003-vmerge.xml"]
TOP = 2  # sheet rows above each table: title, unit

failures = []
skips = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


PLAIN_NUMBER = re.compile(r"^-?(0|[1-9][0-9]{0,2}(,[0-9]{3})+|[1-9][0-9]*)(\.[0-9]+)?$")
# An amount as any producer spells it: full-width digits and point, thousands
# separated by one kind of comma or space (NBSP, thin spaces, U+3000).
_D = "[0-9\uff10-\uff19]"
AMOUNT = re.compile(r"^\s*[-+\u2212\uff0d]?(" + _D + "{1,3}(?P<s>[,\uff0c \u00a0\u2007-\u200a\u202f\u3000])"
                    + _D + "{3}((?P=s)" + _D + "{3})*|" + _D + "+)([.\uff0e]" + _D + "+)?\s*$")


def para_texts(block):
    """The visible text of every paragraph of a block, in order."""
    if block["type"] in ("paragraph", "heading"):
        yield block.get("text", "")
    elif block["type"] == "table":
        for row in block["rows"]:
            for cell in row["cells"]:
                for b in cell["blocks"]:
                    yield from para_texts(b)


def cell_text(cell):
    """A cell's own text: its paragraphs, not those of tables nested in it
    (they are rows of their own below the table)."""
    return "\n".join(b.get("text", "") for b in cell["blocks"]
                     if b["type"] in ("paragraph", "heading"))


def nested_tables(table):
    """The tables nested in a table's cells, in the order the sheet lists them
    (those of the table cell by cell, then those nested in them, level by level)."""
    out, queue = [], [table]
    while queue:
        t = queue.pop(0)
        for row in t["rows"]:
            for cell in row["cells"]:
                for b in cell["blocks"]:
                    if b["type"] == "table" and b.get("rows"):
                        out.append(b)
                        queue.append(b)
    return out


def is_wide(ch):
    return unicodedata.east_asian_width(ch) in ("W", "F")


SPACE = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def words(text):
    """A header as its words: white space between two CJK characters is Word's
    layout and goes, elsewhere it is one space; lines trimmed, empty ones
    dropped (line breaks as the document made them stay)."""
    lines = []
    for line in text.split("\n"):
        parts = [p for p in SPACE.split(line) if p]
        out = ""
        for p in parts:
            if out and not (is_wide(out[-1]) and is_wide(p[0])):
                out += " "
            out += p
        if out:
            lines.append(out)
    return "\n".join(lines)


def title_core(t):
    t = SPACE.sub("", t)
    t = re.sub(r"^(附表|表)?[0-9.\-]*、?", "", t)
    return t[:-1] if t.endswith("表") else t


def skipped_rows(ws, table):
    """Rows at the table's top that the sheet does not repeat: one-cell rows
    that are the caption (A1) or the unit line (A2)."""
    a1, a2 = ws["A1"].value or "", ws["A2"].value or ""
    skip = 0
    ncols = table["col_count"]
    for row in table["rows"][:3]:
        if len(row["cells"]) != 1 or ncols < 2 or row["cells"][0]["colspan"] != ncols:
            break
        t = words(cell_text(row["cells"][0]))
        c1, c2 = title_core(t), title_core(a1)
        if (t and t == a2) or (row["index"] < 2 and "\n" not in t and len(t) <= 60 and c1 and c2
                       and (c1 in c2 or c2 in c1)):
            skip += 1
        else:
            break
    return skip


def run(args, env=None, check_rc=True):
    p = subprocess.run(args, capture_output=True, env=env)
    if check_rc and p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(args), p.returncode,
                                                p.stderr.decode(errors="replace")))
    return p


def valid_sheet_name(name):
    return (0 < len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
            and not name.startswith("'") and not name.endswith("'")
            and name.lower() != "history")


def is_amount(t):
    """An amount-looking text: AMOUNT, without a leading zero (a code: "007")."""
    return (AMOUNT.match(t) is not None and
            not re.match(r"^\s*[-+]?0[0-9]", unicodedata.normalize("NFKC", t)))


def plain_value(t):
    """The number a plain-number text stands for (separators dropped)."""
    t = unicodedata.normalize("NFKC", t.strip())
    return float(SPACE.sub("", t).replace(",", ""))


def check_block(where, ws, table, top, skip, header_rows, merges):
    """One table's cells at sheet row `top` (1-based, of the table's row 0):
    texts (header cells as their words), numbers, merges, nothing else."""
    ncols = table["col_count"]
    nrows = table["row_count"]
    covered = set()
    for row in table["rows"]:
        if row["index"] < skip:
            continue
        for cell in row["cells"]:
            r, c, rs, cs = cell["row"], cell["col"], cell["rowspan"], cell["colspan"]
            text = cell_text(cell)
            sc = ws.cell(row=top + r, column=c + 1)
            if r in header_rows or (sc.font.b and sc.fill.fgColor.rgb not in (None, "00000000")
                                    and sc.alignment.horizontal == "center"):
                text = words(text)      # a header cell (of a nested table too): its words
            v = sc.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if check(is_amount(text),
                         "%s cell %d,%d: number %r from non-number text %r" % (where, r, c, v, text)):
                    check(abs(plain_value(text) - v) < 1e-9,
                          "%s cell %d,%d: %r != %r" % (where, r, c, v, text))
            else:
                check((v or "") == text,
                      "%s cell %d,%d: %r != document %r" % (where, r, c, v, text))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    covered.add((rr, cc))
            if rs > 1 or cs > 1:
                merges.add("%s%d:%s%d" % (get_column_letter(c + 1), top + r,
                                          get_column_letter(c + cs), top + r + rs - 1))
    # nothing else in the table's area
    for rr in range(skip, nrows):
        for cc in range(ncols):
            if (rr, cc) in covered:
                continue
            v = ws.cell(row=top + rr, column=cc + 1).value
            check(v in (None, ""), "%s: stray value %r at %d,%d" % (where, v, rr, cc))


def header_rows_of(ws, table, top):
    """The header rows as the sheet shows them: frozen rows below the caption."""
    if not ws.freeze_panes:
        return set()
    last = int(ws.freeze_panes[1:]) - 1 - top          # last header row of the table
    m = re.match(r"\$(\d+):\$(\d+)", ws.print_title_rows or "")
    first = int(m.group(1)) - top if m else last
    return set(range(first, last + 1))


def check_table_sheet(label, ws, table, index):
    where = "%s table %d (%s)" % (label, index + 1, ws.title)
    ncols = table["col_count"]
    nrows = table["row_count"]
    check(ws["A1"].value not in (None, ""), where + ": no title in A1")
    check(not re.fullmatch(r"表\d+", ws["A1"].value or ""), where + ": caption is only a number")
    if ncols > 1:
        check("A1:%s1" % get_column_letter(ncols) in {str(r) for r in ws.merged_cells.ranges},
              where + ": title row not merged across the table")
    skip = skipped_rows(ws, table)
    top = TOP + 1 - skip                                # sheet row of the table's row 0
    headers = header_rows_of(ws, table, top)
    # the caption once: the first row written is not a title row repeating it
    cap = title_core(ws["A1"].value or "")
    for row in table["rows"][skip:skip + 1]:
        if len(row["cells"]) == 1 and ncols > 1 and row["cells"][0]["colspan"] == ncols:
            check(title_core(words(cell_text(row["cells"][0]))) != cap,
                  "%s: caption repeated in row %d" % (where, row["index"]))
    merges = set()
    check_block(where, ws, table, top, skip, headers, merges)
    # tables nested in cells: below the table, each under a line naming its cell
    end = top + nrows
    for k, t in enumerate(nested_tables(table)):
        label_row = end + 1
        lab = ws.cell(row=label_row, column=1)
        check(isinstance(lab.value, str) and "单元格内的表" in lab.value and lab.hyperlink,
              "%s: nested table %d: no linked label in row %d (%r)" % (where, k + 1, label_row,
                                                                     lab.value))
        check_block("%s nested %d" % (where, k + 1), ws, t, label_row + 1, 0, set(), merges)
        end = label_row + 1 + t["row_count"]
    check(ws.max_row <= max(end - 1, TOP), "%s: %d rows for a %d-row table" % (where, ws.max_row, nrows))
    got_merges = {str(m) for m in ws.merged_cells.ranges if m.min_row > TOP}
    check(got_merges == merges, "%s: merged ranges %s, spans %s" %
          (where, sorted(got_merges ^ merges)[:6], len(merges)))

    # header rows: Word's repeated rows when marked (less the skipped caption row)
    flagged = [row["index"] for row in table["rows"] if row.get("header") and row["index"] >= skip]
    if flagged:
        first, last = flagged[0], flagged[-1]
        check(ws.freeze_panes == "A%d" % (top + last + 1),
              "%s: freeze %s, header rows end at %d" % (where, ws.freeze_panes, last))
        check(ws.print_title_rows == "$%d:$%d" % (top + first, top + last),
              "%s: print titles %s" % (where, ws.print_title_rows))
    for r in headers:
        for c in ws[top + r]:
            if isinstance(c.value, str):
                check("\t" not in c.value and not re.search(r"\s\s", c.value),
                      "%s: header %s holds layout %r" % (where, c.coordinate, c.value))
    if ws.freeze_panes:
        hrow = int(ws.freeze_panes[1:]) - 1  # last frozen sheet row (1-based)
        for cell in ws[hrow]:
            if cell.value not in (None, ""):
                check(cell.font.b and cell.fill.fgColor.rgb not in (None, "00000000")
                      and cell.border.left.style and cell.border.top.style
                      and cell.alignment.horizontal == "center",
                      "%s: header cell %s is not bold, shaded, bordered, centred"
                      % (where, cell.coordinate))
        # numbers below the header are numbers, with their written decimals
        for r in range(hrow + 1, ws.max_row + 1):
            for cell in ws[r]:
                v = cell.value
                if isinstance(v, str) and is_amount(v):
                    head = " ".join(str(ws.cell(row=h, column=cell.column).value or "")
                                    for h in range(TOP + 1, hrow + 1))
                    check(re.search("编码|代码|编号", head) is not None,
                          "%s: %s holds the number %r as text" % (where, cell.coordinate, v))
                if isinstance(v, float) or isinstance(v, int):
                    fmt = cell.number_format
                    check(fmt in ("0", "#,##0") or re.fullmatch(r"(#,##)?0\.0+", fmt),
                          "%s: %s number format %r" % (where, cell.coordinate, fmt))
        # one number format per column of numbers
        formats = {}
        for r in range(hrow + 1, ws.max_row + 1):
            for cell in ws[r]:
                if isinstance(cell.value, (int, float)) and cell.row < top + nrows:
                    formats.setdefault(cell.column, set()).add(cell.number_format)
        for col, f in formats.items():
            check(len(f) == 1, "%s: column %d has formats %s" % (where, col, sorted(f)))
        # body cells are bordered
        for r in range(hrow + 1, ws.max_row + 1):
            for cell in ws[r]:
                if isinstance(cell.value, str) and cell.value.endswith("单元格内的表："):
                    break               # the line naming a nested table's cell
                if cell.value not in (None, ""):
                    check(cell.border.left.style is not None or cell.border.top.style is not None,
                          "%s: body cell %s without border" % (where, cell.coordinate))
                    break

    check_print(where, ws)
    check("&P" in (ws.oddFooter.center.text or ""), where + ": no page number in the footer")
    # column widths: fitted, capped
    for cc in range(ncols):
        w = ws.column_dimensions[get_column_letter(cc + 1)].width
        check(w is not None and 5.9 <= w <= 41, "%s: column %d width %r" % (where, cc + 1, w))


# Printable width of landscape A4 and A3 (less 0.5 in margins) in pixels at
# 96 an inch, and a column's pixels as LibreOffice counts them (the wider of
# LibreOffice's and Excel's measures: 7 per character of the stored width + 5).
PRINT_PX = {"9": (297 / 25.4 - 1) * 96, "8": (420 / 25.4 - 1) * 96}


def check_print(where, ws):
    """Landscape A4 or A3; fit to one page wide at a scale that keeps 11 pt
    text at 7 pt or more, or a fixed scale of at least 64% (7 pt) with the
    key columns repeated."""
    ps = ws.page_setup
    check(str(ps.paperSize) in PRINT_PX, where + ": paper %r, not A4 or A3" % ps.paperSize)
    check(ps.orientation == "landscape", where + ": not landscape")
    width = sum(7 * (ws.column_dimensions[get_column_letter(c)].width or 8.43) + 5
                for c in range(1, ws.max_column + 1))
    fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    if fit:
        check(ps.fitToWidth in (None, 1, "1") and str(ps.fitToHeight) == "0",
              where + ": fit %r x %r, want 1 x 0" % (ps.fitToWidth, ps.fitToHeight))
        scale = min(1.0, PRINT_PX.get(str(ps.paperSize), 1) / width)
    else:
        scale = (ps.scale or 100) / 100
    check(11 * scale >= 7, "%s: prints at %.0f%% (%.1f pt)" % (where, scale * 100, 11 * scale))


def check_numbers_of_sample(label, wb, tables):
    """The sample's known numeric cells, with formats that keep their decimals."""
    procurement = [i for i, t in enumerate(tables) if t["col_count"] == 16]
    if check(len(procurement) == 1, label + ": procurement table not found"):
        ws = wb.worksheets[1 + procurement[0]]
        total = ws.cell(row=TOP + 3, column=8)
        check(total.value == 268.17 and total.number_format == "0.00",
              "%s: 合计 268.17 is %r (%s)" % (label, total.value, total.number_format))
        q = ws.cell(row=TOP + 4, column=2)
        # 150 shares its column with 118.17: both show two decimals (issue 13)
        check(q.value == 150 and q.number_format == "0.00", "%s: 150 is %r (%s)"
              % (label, q.value, q.number_format))
    assets = wb.worksheets[len(tables)]
    dash = [c.value for row in assets.iter_rows() for c in row if c.value == "——"]
    check(len(dash) == 1, label + ": the quantity '——' did not stay text")


def overview_rows(wb):
    ws = wb["概况"]
    rows = {}
    for r in range(3, ws.max_row + 1):
        key = ws.cell(row=r, column=4).value
        if key:
            rows[key] = (ws.cell(row=r, column=2).value, ws.cell(row=r, column=3).value)
    return rows


def check_overview(label, wb):
    rows = overview_rows(wb)
    exp = EXPECTED

    def num(key, want):
        got = rows.get(key, (None, None))[0]
        check(isinstance(got, (int, float)) and abs(got - want) < 1e-9,
              "%s: 概况 %s = %r, expected %r" % (label, key, got, want))

    check(rows.get("department", (None,))[0] == exp["department"], label + ": 概况 department")
    num("year", exp["year"])
    for k, v in exp["income"].items():
        num("income." + k, v)
    for k, v in exp["expenditure"].items():
        num("expenditure." + k, v)
    ch = exp["change_vs_last_year"]
    num("change_vs_last_year.compared_with_year", ch["compared_with_year"])
    num("change_vs_last_year.amount", ch["amount"])
    dirs = {"increase": "增加", "decrease": "减少", "flat": "持平"}
    check(rows.get("change_vs_last_year.direction", (None,))[0] == dirs[ch["direction"]],
          label + ": 概况 change direction")
    num("change_vs_last_year.project_expenditure.amount", ch["project_expenditure"]["amount"])
    num("agency_operating_expenses", exp["agency_operating_expenses"])
    for k, v in exp["three_public_expenses"].items():
        num("three_public_expenses." + ("change.amount" if k.startswith("change") else k), v)
    gp = exp["government_procurement"]
    num("government_procurement.total", gp["total"])
    num("government_procurement.total_general_public_budget", gp["total_general_public_budget"])
    fa = exp["fixed_assets"]
    num("fixed_assets.total", fa["total"])
    num("fixed_assets.planned_purchases", fa["planned_purchases"])
    check(rows.get("fixed_assets.as_of", (None,))[0] == fa["as_of"], label + ": 概况 as_of")
    check(rows.get("income.total", (None, None))[1] == "万元", label + ": 概况 unit of income")
    num("project_tables.count", exp["project_tables"]["count"])
    num("tables.count", exp["tables"]["count"])


def check_indicators(label, wb):
    if not check("绩效指标" in wb.sheetnames, label + ": no 绩效指标 sheet"):
        return
    ws = wb["绩效指标"]
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    want = []
    for r in EXPECTED["department_indicators"]["rows"]:
        want.append(("部门整体", r["level1"], r["level2"], r["level3"], r["description"],
                     r["basis"]))
    for t in EXPECTED["project_tables"]["tables"]:
        for r in t["rows"]:
            want.append((t["title"], r["level1"], r["level2"], r["level3"], r["description"],
                         r["basis"]))
    got = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        kind = row[col["类别"]]
        got.append(tuple(v if v is not None else "" for v in (
            "部门整体" if kind == "部门整体" else row[col["项目"]], row[col["一级指标"]],
            row[col["二级指标"]], row[col["三级指标"]], row[col["绩效指标描述"]],
            row[col["指标值确定依据"]])))
    check(len(got) == len(want), "%s: 绩效指标 has %d rows, expected %d" % (label, len(got),
                                                                       len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        if not check(g == w, "%s: 绩效指标 row %d %r != %r" % (label, i + 2, g, w)):
            break
    check(ws.auto_filter.ref == "A1:%s%d" % (get_column_letter(len(head)), len(got) + 1),
          label + ": 绩效指标 autofilter %r" % ws.auto_filter.ref)
    # a value with an operator keeps its text and gets its number
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[col["指标值"]] == "≥95%":
            check(row[col["数值"]] == 95 and row[col["符号"]] == "≥" and row[col["单位"]] == "%",
                  "%s: ≥95%% parsed as %r" % (label, row))
            break


def check_libreoffice(label, tmp, path, wb, tables):
    if not shutil.which("soffice"):
        fail("soffice not found (libreoffice-calc-nogui)")
        return
    out = os.path.join(tmp, "csv")
    os.makedirs(out, exist_ok=True)
    profile = "file://" + os.path.join(tmp, "lo-profile")
    # 44=',' 34='"' 76=UTF-8, line 1, ..., token 9: as shown, token 12: every sheet
    p = run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
             "--outdir", out, path], check_rc=False)
    stem = os.path.splitext(os.path.basename(path))[0]
    files = glob.glob(os.path.join(out, stem + "-*.csv"))
    if not check(p.returncode == 0 and len(files) == len(wb.sheetnames),
                 "%s: LibreOffice wrote %d CSV files for %d sheets (exit %d) %s" %
                 (label, len(files), len(wb.sheetnames), p.returncode,
                  p.stderr.decode(errors="replace")[-300:])):
        return
    # every table sheet as LibreOffice shows it equals the document's cells
    for i, t in enumerate(tables):
        name = wb.sheetnames[1 + i]
        f = os.path.join(out, "%s-%s.csv" % (stem, name))
        if not check(os.path.exists(f), "%s: no CSV for sheet %s" % (label, name)):
            continue
        rows = list(csv.reader(open(f, encoding="utf-8", newline="")))
        ws = wb[name]
        skip = skipped_rows(ws, t)
        top = TOP + 1 - skip
        headers = header_rows_of(ws, t, top)
        for row in t["rows"]:
            if row["index"] < skip:
                continue
            for cell in row["cells"]:
                r, c = top - 1 + cell["row"], cell["col"]
                got = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
                want = cell_text(cell)
                if cell["row"] in headers:
                    want = words(want)
                if is_amount(want) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", got):
                    # the number in its column's format: the same value
                    check(abs(float(got) - plain_value(want)) < 1e-9,
                          "%s: LibreOffice %s %d,%d shows %r, document %r" %
                          (label, name, cell["row"], c, got, want))
                    continue
                check(got == want, "%s: LibreOffice %s %d,%d shows %r, document %r" %
                      (label, name, cell["row"], c, got, want))


def check_external(tmp):
    """Every readable .docx under ../shared/external: one sheet per table, each
    equal to the document's table (texts, numbers, merges, headers, print setup)."""
    ext = os.path.join(os.environ.get("SHARED") or os.path.join(HERE, "..", "..", "..", "shared"),
                       "external")
    if not os.path.isdir(ext):
        skips.append("external documents: %s not present" % ext)
        return
    files = sorted(glob.glob(os.path.join(ext, "**", "*.docx"), recursive=True))
    done = 0
    for i, f in enumerate(files):
        p = run([BIN, "inspect", f, "--json"], check_rc=False)
        if p.returncode != 0:
            continue                 # unreadable inputs are another test's business
        tables = [b for b in json.loads(p.stdout)["body"] if b["type"] == "table"]
        out = os.path.join(tmp, "ext", str(i))
        os.makedirs(out)
        r = run([BIN, "convert", f, "-o", out, "--xlsx"], check_rc=False)
        label = os.path.relpath(f, ext)
        if not check(r.returncode == 0, "%s: convert --xlsx exit %d: %s" %
                     (label, r.returncode, r.stderr.decode(errors="replace")[:200])):
            continue
        wb = openpyxl.load_workbook(glob.glob(os.path.join(out, "*.xlsx"))[0])
        names = wb.sheetnames
        check(all(valid_sheet_name(n) for n in names) and
              len({n.lower() for n in names}) == len(names), label + ": sheet names")
        if check(len(names) >= 1 + len(tables), "%s: %d sheets for %d tables" %
                 (label, len(names), len(tables))):
            for k, t in enumerate(tables):
                check_table_sheet(label, wb.worksheets[1 + k], t, k)
        done += 1
    print("ok   external: %d documents, every table compared" % done)


def main():
    tmp = tempfile.mkdtemp(prefix="dc-xlsx-")
    try:
        env = dict(os.environ)
        env.pop("SOURCE_DATE_EPOCH", None)
        for form in FORMS:
            src = os.path.join(DATA, "yongqing-eco-2021." + form)
            label = form
            outa = os.path.join(tmp, form, "a")
            outb = os.path.join(tmp, form, "b")
            os.makedirs(outa)
            os.makedirs(outb)
            p = run([BIN, "inspect", src, "--json"], check_rc=False)
            if p.returncode != 0:
                fail("%s: inspect failed: %s" % (form, p.stderr.decode(errors="replace").strip()))
                continue
            model = json.loads(p.stdout)
            tables = [b for b in model["body"] if b["type"] == "table"]
            run([BIN, "convert", src, "-o", outa, "--xlsx"], env=env)
            run([BIN, "convert", src, "-o", outb, "--xlsx"], env=env)
            stem = os.path.splitext(os.path.basename(src))[0]
            a = os.path.join(outa, stem + ".xlsx")
            b = os.path.join(outb, stem + ".xlsx")
            check(open(a, "rb").read() == open(b, "rb").read(), label + ": two runs differ")

            wb = openpyxl.load_workbook(a)
            names = wb.sheetnames
            check(names[0] == "概况", label + ": first sheet is %r" % names[0])
            extra = 1 if "绩效指标" in names else 0
            check(len(names) == 1 + len(tables) + extra,
                  "%s: %d sheets for %d tables" % (label, len(names), len(tables)))
            check(all(valid_sheet_name(n) for n in names), label + ": invalid sheet names")
            check(len({n.lower() for n in names}) == len(names), label + ": duplicate sheet names")
            if extra:
                check(names[-1] == "绩效指标", label + ": 绩效指标 is not the last sheet")
            check(len(tables) == EXPECTED["tables"]["count"], label + ": table count")
            for i, t in enumerate(tables):
                check_table_sheet(label, wb.worksheets[1 + i], t, i)
            check_numbers_of_sample(label, wb, tables)
            props = wb.properties
            check(props.title == model["meta"].get("title"), label + ": workbook title")
            created = model["meta"].get("created")
            if created:
                check(props.created.strftime("%Y-%m-%dT%H:%M:%SZ") == created,
                      "%s: created %s, document %s" % (label, props.created, created))
            check(props.creator == EXPECTED["department"], label + ": author is not the "
                  "department: %r" % props.creator)
            check_overview(label, wb)
            check_indicators(label, wb)
            if form == "docx":
                check_libreoffice(label, tmp, a, wb, tables)
                # SOURCE_DATE_EPOCH fixes the date, and two runs still agree
                env2 = dict(env, SOURCE_DATE_EPOCH="1700000000")
                outc = os.path.join(tmp, form, "c")
                outd = os.path.join(tmp, form, "d")
                run([BIN, "convert", src, "-o", outc, "--xlsx"], env=env2)
                run([BIN, "convert", src, "-o", outd, "--xlsx"], env=env2)
                c = os.path.join(outc, stem + ".xlsx")
                d = os.path.join(outd, stem + ".xlsx")
                check(open(c, "rb").read() == open(d, "rb").read(),
                      "SOURCE_DATE_EPOCH: two runs differ")
                got = openpyxl.load_workbook(c).properties.created
                check(got.strftime("%Y-%m-%dT%H:%M:%S") == "2023-11-14T22:13:20",
                      "SOURCE_DATE_EPOCH: created %s" % got)
            print("ok   %s: %d sheets" % (label, len(names)))
        check_external(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for s in skips:
        print("SKIP " + s)
    if failures:
        print("%d failures" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
