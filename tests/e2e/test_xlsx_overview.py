#!/usr/bin/python3
"""The workbook's 概况 against expected facts, and against the batch summary
(issue 13).

Documents: the sample, and three in the Ministry of Finance's templates made
by other_templates.py (a 决算 in hand-written Word 2003 XML that states 事业收入,
经营收入 and 年初结转和结余; a 预算 LibreOffice converted from HTML, with 三公
in 元; the same 预算 by python-docx with Word-numbered headings).  Checked:

- column A holds Chinese labels, column D the stable keys, and every figure
  the document states is a number in column B with its unit in column C,
  with the value the generator wrote (the expected facts);
- the income components shown add up to 收入总计, and 基本支出 + 项目支出
  (+ 年末结转和结余) to 支出总计: no stated component is missing and none is
  shown twice;
- `disclosure batch` over the same documents: every value of the summary's
  row for a document is in that document's 概况 under the same label (the
  summary's column head), in 万元, and 部门/年度/类别/项目数/表格数 agree.

Environment: DISCLOSURE_BIN, PYTHON (/usr/bin/python3 with python3-openpyxl),
soffice for the LibreOffice document (skipped with a failure when missing).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

import other_templates as ot

BIN = os.environ.get("DISCLOSURE_BIN") or sys.exit("DISCLOSURE_BIN is not set")
HERE = os.path.dirname(os.path.abspath(__file__))
failures = []
TO_WAN = {"万元": 1.0, "元": 1e-4, "千元": 0.1, "亿元": 1e4}


def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg)
    if not cond:
        failures.append(msg)
    return cond


def overview(path):
    """{label: (value, unit, key)} of 概况's figure rows, and the rows in order."""
    ws = openpyxl.load_workbook(path)["概况"]
    rows = []
    for r in range(3, ws.max_row + 1):
        label, value, unit, key = (ws.cell(row=r, column=c).value for c in range(1, 5))
        if label == "检查结果":
            break
        if label:
            rows.append((label, value, unit, key))
    return {r[0]: r[1:] for r in rows}, rows


def wan(v, unit):
    return v * TO_WAN.get(unit or "万元", 1.0)


def check_form(name, rows):
    for label, value, unit, key in rows:
        check(re.search(r"[\u4e00-\u9fff]", label) is not None and not re.search(r"[a-z_]", label),
              "%s: label %r is Chinese" % (name, label))
        check(key and re.fullmatch(r"[a-z_.]+", key), "%s: %s has the key %r" % (name, label, key))
        if isinstance(value, (int, float)) and key not in ("year",) and not key.endswith("year"):
            check(unit, "%s: %s %r has a unit" % (name, label, value))
        check(not isinstance(value, str) or not re.fullmatch(r"-?[\d,.]+", value),
              "%s: %s %r is a number" % (name, label, value))


# the income parts and the expenditure parts, by key
INCOME_PARTS = ["income.general_public_budget", "income.government_fund",
                "income.fiscal_special_account", "income.state_capital", "income.other",
                "income.unit_funds", "income.business", "income.operating",
                "income.superior_grants", "income.affiliated", "income.fiscal_appropriation",
                "income.carried_over_from_last_year"]
EXP_PARTS = ["expenditure.basic", "expenditure.project", "expenditure.carried_forward"]


def check_facts(name, rows, want):
    """want: {key: value in 万元}; the parts shown add up to the totals."""
    by_key = {key: (value, unit) for _, value, unit, key in rows}
    for key, v in want.items():
        if isinstance(v, str):
            check(by_key.get(key, (None,))[0] == v,
                  "%s: 概况 %s is %r, want %r" % (name, key, by_key.get(key, (None,))[0], v))
            continue
        got = by_key.get(key, (None, None))
        check(isinstance(got[0], (int, float)) and abs(wan(got[0], got[1]) - v) < 1e-6,
              "%s: 概况 %s is %r %s, want %r 万元" % (name, key, got[0], got[1] or "", v))
    for total, parts in (("income.total", INCOME_PARTS), ("expenditure.total", EXP_PARTS)):
        shown = [wan(*by_key[k]) for k in parts
                 if k in by_key and isinstance(by_key[k][0], (int, float))]
        t = by_key.get(total, (None, None))
        if check(isinstance(t[0], (int, float)), "%s: %s shown" % (name, total)):
            check(abs(sum(shown) - wan(*t)) < 0.005,
                  "%s: the parts of %s shown add up to %.2f, the total is %r"
                  % (name, total, sum(shown), t[0]))


def summary_rows(path):
    """{file name: {column label: value}} of the batch summary's first sheet."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    head = None
    for r in range(1, 6):
        if ws.cell(row=r, column=1).value == "序号":
            head = r
    labels = []
    for c in range(1, ws.max_column + 1):
        sub = ws.cell(row=head + 1, column=c).value
        labels.append(sub or ws.cell(row=head, column=c).value)
    out = {}
    for r in range(head + 2, ws.max_row + 1):
        vals = [ws.cell(row=r, column=c).value for c in range(1, ws.max_column + 1)]
        if vals[0] is None:
            continue
        out[vals[labels.index("文件")]] = dict(zip(labels, vals))
    return out


# columns of the summary that are not figures of 概况
NOT_IN_OVERVIEW = {"序号", "文件", "格式", "错误", "警告", "合计", "页数"}


def check_labels(name, summary, ov):
    for label, value in summary.items():
        if label in NOT_IN_OVERVIEW or value is None:
            continue
        if not check(label in ov, "%s: the summary's %r is a label of 概况" % (name, label)):
            continue
        v, unit, _ = ov[label]
        if isinstance(value, (int, float)):
            # the summary signs a change by its direction; 概况 gives the direction apart
            check(isinstance(v, (int, float)) and abs(abs(value) - wan(v, unit)) < 1e-6,
                  "%s: %s is %r in the summary, %r %s in 概况" % (name, label, value, v, unit))
        else:
            check(v == value, "%s: %s is %r in the summary, %r in 概况" % (name, label, value, v))


def main():
    tmp = tempfile.mkdtemp(prefix="dc-overview-")
    try:
        src = os.path.join(tmp, "in")
        os.makedirs(src)
        docs = {}
        final = os.path.join(src, "final.xml")
        ot.final_accounts_word2003(final)
        f = ot.FINAL
        docs["final"] = {"income.total": f["total"], "income.general_public_budget": f["gpb"],
                         "income.business": f["business"], "income.operating": f["operating"],
                         "income.other": f["other"],
                         "income.carried_over_from_last_year": f["carried"],
                         "expenditure.total": f["total"], "expenditure.basic": f["basic"],
                         "expenditure.project": f["project"],
                         "expenditure.carried_forward": f["carried_fwd"],
                         "three_public_expenses.total": f["tp_total"],
                         "agency_operating_expenses": f["running"],
                         "fixed_assets.as_of": "%d-12-31" % f["year"]}
        if check(shutil.which("soffice") is not None, "soffice is installed"):
            html = os.path.join(tmp, "budget.html")
            ot.budget_html(html)
            got = ot.libreoffice_docx(html, src, os.path.join(tmp, "lo-profile"))
            check(got is not None, "LibreOffice converted the budget")
            b = ot.BUDGET
            docs["budget"] = {"income.total": b["total"], "income.general_public_budget": b["gpb"],
                              "income.government_fund": b["fund"],
                              "income.business": b["business"],
                              "income.carried_over_from_last_year": b["carried"],
                              "expenditure.total": b["total"], "expenditure.basic": b["basic"],
                              "expenditure.project": b["project"],
                              "expenditure.personnel": b["personnel"],
                              "change_vs_last_year.amount": b["change"],
                              "change_vs_last_year.basic_expenditure.amount": b["cbasic"],
                              "change_vs_last_year.project_expenditure.amount": b["cproject"],
                              "three_public_expenses.total": b["tp_total"] / 1e4,
                              "three_public_expenses.official_reception":
                                  b["tp_reception"] / 1e4,
                              "fixed_assets.as_of": "%d-12-31" % (b["year"] - 1)}
            os.unlink(html)
        ot.budget_docx(os.path.join(src, "budget-word.docx"))
        docs["budget-word"] = dict(docs["budget"]) if "budget" in docs else {}
        shutil.copy(os.path.join(HERE, "..", "data", "yongqing-eco-2021.docx"), src)
        docs["yongqing-eco-2021"] = {"income.total": 3586.14, "income.other": 0,
                                     "income.carried_over_from_last_year": 1665.18}
        out = os.path.join(tmp, "out")
        p = subprocess.run([BIN, "batch", src, "-o", out, "--xlsx"], capture_output=True)
        check(p.returncode in (0, 1), "batch exit %d %s" % (p.returncode, p.stderr[-300:]))
        summary = summary_rows(os.path.join(out, "summary.xlsx"))
        for name, want in docs.items():
            xlsx = os.path.join(out, name + ".xlsx")
            if not check(os.path.exists(xlsx), name + ": workbook written"):
                continue
            ov, rows = overview(xlsx)
            check_form(name, rows)
            check_facts(name, rows, want)
            if check(name in summary, name + ": a row of the summary"):
                check_labels(name, summary[name], ov)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d failures" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
