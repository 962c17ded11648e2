#!/usr/bin/python3
"""Disclosures in the Ministry of Finance nine-table template, generated with
python-docx for tests/e2e/test_money_tables.py.

One invented department (县水产渔业站, nobody real) with its figures built from
a few 项 rows and their fund sources, so that every table and every sentence of
the 情况说明 agrees by construction.  Variants: 预算 or 决算 (captions, 决算数
columns, 行次 column and 栏次 row), amounts in 万元 or in 元 (thousands
separators), codes in one 科目编码 column or in 类/款/项 columns under a merged
header, empty tables with or without their note.  `plant` puts one
inconsistency into the rendered cells or text; `expected` says what each
document must give: its tables (kinds, codes, levels, values, totals) and its
findings.

    python3 gen_standard.py OUTDIR     writes every variant and expected.json
"""
import json
import os
import sys
from decimal import Decimal as D

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

CLASSES = {"208": "社会保障和就业支出", "210": "卫生健康支出", "212": "城乡社区支出",
           "213": "农林水支出", "221": "住房保障支出"}
KUANS = {"20805": "行政事业单位养老支出", "21011": "行政事业单位医疗",
         "21208": "国有土地使用权出让收入安排的支出", "21301": "农业农村",
         "21308": "普惠金融发展支出", "22102": "住房改革支出"}
# (code, name, {source: (basic, project)})  sources: gb 一般公共预算, gf 政府性基金,
# biz 事业收入, carry 上年结转
LEAVES = [
    ("2080505", "机关事业单位基本养老保险缴费支出", {"gb": ("98.62", "0")}),
    ("2080506", "机关事业单位职业年金缴费支出", {"gb": ("49.31", "0")}),
    ("2101101", "行政单位医疗", {"gb": ("21.45", "0")}),
    ("2120804", "农村基础设施建设支出", {"gf": ("0", "320.00")}),
    ("2130101", "行政运行", {"gb": ("356.27", "0")}),
    ("2130104", "事业运行", {"gb": ("412.86", "0"), "biz": ("18.00", "0")}),
    ("2130122", "农业生产发展", {"gb": ("0", "268.40"), "carry": ("0", "26.40")}),
    ("2130803", "农业保险保费补贴", {"gb": ("0", "142.00")}),
    ("2210201", "住房公积金", {"gb": ("73.95", "0")}),
]
# economic classification of the 一般公共预算 基本支出: (code, name, personnel, public)
ECON = [
    ("301", "工资福利支出", None, None),
    ("30101", "基本工资", "300.00", "0"),
    ("30102", "津贴补贴", "200.00", "0"),
    ("30107", "绩效工资", "250.00", "0"),
    ("30108", "机关事业单位基本养老保险缴费", "98.62", "0"),
    ("30109", "职业年金缴费", "49.31", "0"),
    ("30113", "住房公积金", "73.95", "0"),
    ("302", "商品和服务支出", None, None),
    ("30201", "办公费", "0", "15.00"),
    ("30211", "差旅费", "0", "12.58"),
    ("303", "对个人和家庭的补助", None, None),
    ("30305", "生活补助", "13.00", "0"),
]
THREE_PUBLIC = {"prior": ["6.50", "0.00", "5.20", "0.00", "5.20", "1.30"],
                "current": ["6.00", "0.00", "4.80", "0.00", "4.80", "1.20"]}
DEPT = "县水产渔业站"
YEAR = 2025


def dsum(xs):
    return sum((D(x) for x in xs), D("0"))


def pct(part, whole):
    return (D(part) / D(whole) * 100).quantize(D("0.01"), rounding="ROUND_HALF_UP")


class Doc:
    """The figures of one variant."""

    def __init__(self, final=False, unit="万元", codes=1, gf=True, note_state=True,
                 note_gf=True, plant=None, layout="plain", split=False):
        """codes: 1 one 科目编码 column, 3 类/款/项 columns, 0 the code in the name
        cell; layout "mixed": captions as unnumbered headings, the tables in
        reverse order, the unit inside each table, a one-row summary header."""
        self.final, self.unit, self.codes, self.mixed = final, unit, codes, layout == "mixed"
        self.split = split
        self.gf, self.note_state, self.note_gf, self.plant = gf, note_state, note_gf, plant
        self.leaves = [l for l in LEAVES if gf or "gf" not in l[2]]
        self.cur = "决算数" if final else "预算数"
        self.carry_in = "年初结转和结余" if final else "上年结转"
        self.carry_out = "年末结转和结余" if final else "年终结转结余"

    # -- amounts
    def src(self, leaf, source, part=None):
        b, p = leaf[2].get(source, ("0", "0"))
        return D(b) if part == "b" else D(p) if part == "p" else D(b) + D(p)

    def leaf_total(self, leaf, sources=None, part=None):
        return sum((self.src(leaf, s, part) for s in (sources or ["gb", "gf", "biz", "carry"])),
                   D("0"))

    def fmt(self, v, blank_zero=True):
        """An amount as the tables print it: blank for 0, 万元 with two decimals,
        元 with thousands separators."""
        v = D(v)
        if v == 0 and blank_zero:
            return ""
        if self.unit == "元":
            return "{:,.2f}".format(v * 10000)
        return "%.2f" % v

    def value(self, v):
        """The number the JSON must give for a printed amount (None for blank)."""
        if D(v) == 0:
            return None
        return float(D(v) * 10000) if self.unit == "元" else float(D(v))

    def by_class(self, sources, columns):
        """Rows (code, name, level, [amounts]) of a table by functional class:
        columns are functions of a leaf."""
        leaves = [l for l in self.leaves if self.leaf_total(l, sources) != 0]
        rows = []
        for cls in sorted({l[0][:3] for l in leaves}):
            under = [l for l in leaves if l[0].startswith(cls)]
            rows.append((cls, CLASSES[cls], "类", [dsum(f(l) for l in under) for f in columns]))
            for kuan in sorted({l[0][:5] for l in under}):
                uk = [l for l in under if l[0].startswith(kuan)]
                rows.append((kuan, KUANS[kuan], "款", [dsum(f(l) for l in uk) for f in columns]))
                for l in uk:
                    rows.append((l[0], l[1], "项", [f(l) for f in columns]))
        total = [dsum(f(l) for l in leaves) for f in columns]
        return rows, total

    def totals(self):
        t = {}
        for s in ("gb", "gf", "biz", "carry"):
            t[s] = dsum(self.leaf_total(l, [s]) for l in self.leaves)
        t["all"] = t["gb"] + t["gf"] + t["biz"] + t["carry"]
        t["basic"] = dsum(self.leaf_total(l, None, "b") for l in self.leaves)
        t["project"] = dsum(self.leaf_total(l, None, "p") for l in self.leaves)
        t["gb_basic"] = dsum(self.src(l, "gb", "b") for l in self.leaves)
        t["gb_project"] = dsum(self.src(l, "gb", "p") for l in self.leaves)
        t["personnel"] = dsum(D(e[2]) for e in ECON if e[2])
        t["public"] = dsum(D(e[3]) for e in ECON if e[3])
        return t


# ---- the tables, as header rows and body rows of printed strings -------------

def code_cells(d, code, level):
    if d.codes == 0:
        return []
    if d.codes == 1:
        return [code or ""]
    if code is None:
        return ["", "", ""]
    return [code[:3], code[3:5] if len(code) >= 5 else "", code[5:7] if len(code) >= 7 else ""]


def class_table(d, caption_budget, caption_final, cols, fns, sources, kind):
    """A table by functional class: header, body, expected rows."""
    rows, total = d.by_class(sources, fns)
    ncode = d.codes
    head = []
    if d.codes == 0:
        head.append(["功能分类科目"] + cols)
    elif d.codes == 1:
        head.append(["科目编码", "科目名称"] + cols)
    else:
        head.append(["科目编码", "<", "<", "科目名称"] + cols)
        head.append(["类", "款", "项", "^"] + ["^"] * len(cols))
    body = []
    if d.final:
        body.append(["栏次"] + ["<"] * (ncode - 1) + ([""] if ncode else []) +
                    [str(i + 1) for i in range(len(cols))])
    exp_rows = []
    for code, name, level, vals in rows:
        shown = "%s　%s" % (code, name) if d.codes == 0 else name
        body.append(code_cells(d, code, level) + [shown] + [d.fmt(v) for v in vals])
        exp_rows.append({"code": code, "name": name, "level": level,
                         "values": {c: d.value(v) for c, v in zip(cols, vals)}})
    body.append(["合计"] + ["<"] * ncode + [d.fmt(v) for v in total])
    return {"caption": caption_final if d.final else caption_budget, "kind": kind, "head": head,
            "body": body, "columns": cols, "rows": exp_rows,
            "total": {c: d.value(v) for c, v in zip(cols, total)}, "empty": not rows}


def tables(d):
    t = d.totals()
    out = []
    # 1 收支总表
    inc_items = [("一、一般公共预算拨款收入", t["gb"]), ("二、政府性基金预算拨款收入", t["gf"]),
                 ("三、国有资本经营预算拨款收入", 0), ("四、财政专户管理资金收入", 0),
                 ("五、事业收入", t["biz"]), ("六、事业单位经营收入", 0), ("七、其他收入", 0)]
    inc_sub = t["gb"] + t["gf"] + t["biz"]
    classes = sorted({l[0][:3] for l in d.leaves})
    cn = "一二三四五六七八九十"
    exp_items = [("%s、%s" % (cn[i], CLASSES[c]),
                  dsum(d.leaf_total(l) for l in d.leaves if l[0].startswith(c)))
                 for i, c in enumerate(classes)]
    if d.mixed:
        # a part of the row above: in no sum
        inc_items.insert(1, ("其中：一般公共预算当年拨款", t["gb"]))
    left = [(n, v) for n, v in inc_items] + [("本年收入合计", inc_sub), (d.carry_in, t["carry"])]
    right = exp_items + [("", None)] * (len(inc_items) - len(exp_items)) + \
        [("本年支出合计", t["all"]), (d.carry_out, 0)]
    hs = ["项目", "行次", d.cur] if d.final else ["项目", d.cur]
    w = len(hs)
    head = [["收入"] + ["<"] * (w - 1) + ["支出"] + ["<"] * (w - 1), hs + hs]
    if d.mixed and not d.final:
        head = [["收入项目", d.cur, "支出项目", d.cur]]
    body = []
    for i, ((ln, lv), (rn, rv)) in enumerate(zip(left, right)):
        lrow = [ln, str(i + 1), d.fmt(lv)] if d.final else [ln, d.fmt(lv)]
        rrow = ([rn, str(i + 1 + len(left)) if rn else "", d.fmt(rv or 0)] if d.final
                else [rn, d.fmt(rv or 0)])
        body.append(lrow + rrow)
    tl = ["收入总计", str(len(left) * 2 + 1), d.fmt(t["all"])] if d.final else ["收入总计", d.fmt(t["all"])]
    tr = ["支出总计", str(len(left) * 2 + 2), d.fmt(t["all"])] if d.final else ["支出总计", d.fmt(t["all"])]
    body.append(tl + tr)
    ci, ce = "收入/" + d.cur, "支出/" + d.cur
    rows = [{"name": n, "side": "收入", "values": {ci: d.value(v)}} for n, v in left] + \
           [{"name": n, "side": "支出", "values": {ce: d.value(v or 0)}} for n, v in right if n]
    out.append({"caption": "收入支出决算总表" if d.final else "部门收支总表",
                "kind": "income_expenditure_summary", "head": head, "body": body,
                "columns": [ci, ce], "rows": rows,
                "total": {ci: d.value(t["all"]), ce: d.value(t["all"])}, "two_sided": True})
    # 2 收入总表
    icols = ["合计", d.carry_in, "一般公共预算拨款收入", "政府性基金预算拨款收入",
             "国有资本经营预算拨款收入", "事业收入", "其他收入"]
    ifns = [lambda l: d.leaf_total(l), lambda l: d.leaf_total(l, ["carry"]),
            lambda l: d.leaf_total(l, ["gb"]), lambda l: d.leaf_total(l, ["gf"]),
            lambda l: D(0), lambda l: d.leaf_total(l, ["biz"]), lambda l: D(0)]
    out.append(class_table(d, "部门收入总表", "收入决算表", icols, ifns, None, "income_by_class"))
    # 3 支出总表
    efns = [lambda l: d.leaf_total(l), lambda l: d.leaf_total(l, None, "b"),
            lambda l: d.leaf_total(l, None, "p")]
    out.append(class_table(d, "部门支出总表", "支出决算表", ["合计", "基本支出", "项目支出"], efns,
                           None, "expenditure_by_class"))
    # 4 财政拨款收支总表
    fin = [("一、本年收入", t["gb"] + t["gf"]), ("（一）一般公共预算拨款", t["gb"]),
           ("（二）政府性基金预算拨款", t["gf"]), ("（三）国有资本经营预算拨款", 0),
           ("二、上年结转", 0), ("（一）一般公共预算拨款", 0), ("（二）政府性基金预算拨款", 0),
           ("（三）国有资本经营预算拨款", 0)]
    fcls = [c for c in classes if dsum(d.leaf_total(l, ["gb", "gf"]) for l in d.leaves
                                       if l[0].startswith(c))]
    fout = [("一、本年支出", [t["gb"] + t["gf"], t["gb"], t["gf"], 0])]
    for i, c in enumerate(fcls):
        ls = [l for l in d.leaves if l[0].startswith(c)]
        g, f = dsum(d.leaf_total(l, ["gb"]) for l in ls), dsum(d.leaf_total(l, ["gf"]) for l in ls)
        fout.append(("（%s）%s" % (cn[i], CLASSES[c]), [g + f, g, f, 0]))
    fout.append(("二、" + d.carry_out, [0, 0, 0, 0]))
    n = max(len(fin), len(fout))
    fin += [("", None)] * (n - len(fin))
    fout += [("", None)] * (n - len(fout))
    fcols = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    head = [["收入", "<", "支出", "<", "<", "<", "<"], ["项目", d.cur, "项目"] + fcols]
    body = [[a, d.fmt(av or 0), b] + [d.fmt(x) for x in (bv or [0, 0, 0, 0])]
            for (a, av), (b, bv) in zip(fin, fout)]
    ft = t["gb"] + t["gf"]
    body.append(["收入总计", d.fmt(ft), "支出总计", d.fmt(ft), d.fmt(t["gb"]), d.fmt(t["gf"]), ""])
    ci = "收入/" + d.cur
    out.append({"caption": "财政拨款收入支出决算总表" if d.final else "财政拨款收支总表",
                "kind": "fiscal_grant_summary", "head": head, "body": body,
                "columns": [ci] + ["支出/" + c for c in fcols],
                "rows": [{"name": a, "side": "收入", "values": {ci: d.value(av)}} for a, av in fin if a] +
                        [{"name": b, "side": "支出",
                          "values": {"支出/" + c: d.value(x) for c, x in zip(fcols, bv)}}
                         for b, bv in fout if b],
                "total": {ci: d.value(ft), "支出/合计": d.value(ft), "支出/一般公共预算": d.value(t["gb"]),
                          "支出/政府性基金预算": d.value(t["gf"]), "支出/国有资本经营预算": None},
                "two_sided": True})
    # 5 一般公共预算支出表
    gfns = [lambda l: d.leaf_total(l, ["gb"]), lambda l: d.src(l, "gb", "b"),
            lambda l: d.src(l, "gb", "p")]
    out.append(class_table(d, "一般公共预算支出表", "一般公共预算财政拨款支出决算表",
                           ["合计", "基本支出", "项目支出"], gfns, ["gb"], "general_budget_expenditure"))
    # 6 基本支出表 (economic classification; codes always in one column)
    head = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    body, erows = [], []
    for i, (code, name, p, q) in enumerate(ECON):
        if p is None:
            kids = [e for e in ECON if e[0].startswith(code) and e[2] is not None]
            p, q = dsum(e[2] for e in kids), dsum(e[3] for e in kids)
        p, q = D(p), D(q)
        body.append([code, name, d.fmt(p + q), d.fmt(p), d.fmt(q)])
        erows.append({"code": code, "name": name, "level": "类" if len(code) == 3 else "款",
                      "values": {"合计": d.value(p + q), "人员经费": d.value(p),
                                 "公用经费": d.value(q)}})
    body.append(["合计", "<", d.fmt(t["personnel"] + t["public"]), d.fmt(t["personnel"]),
                 d.fmt(t["public"])])
    out.append({"caption": "一般公共预算财政拨款基本支出决算表" if d.final else "一般公共预算基本支出表",
                "kind": "general_budget_basic_expenditure", "head": head, "body": body,
                "columns": ["合计", "人员经费", "公用经费"], "rows": erows,
                "total": {"合计": d.value(t["personnel"] + t["public"]),
                          "人员经费": d.value(t["personnel"]), "公用经费": d.value(t["public"])}})
    # 7 三公
    tcols = ["合计", "因公出国（境）费", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
             "公务用车购置及运行费/公务用车运行费", "公务接待费"]
    head = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"],
            ["^", "^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"]]
    names = (["%d年预算数" % YEAR, "%d年决算数" % YEAR] if d.final
             else ["%d年预算数" % (YEAR - 1), "%d年预算数" % YEAR])
    body = [[names[0]] + [d.fmt(v, False) for v in THREE_PUBLIC["prior"]],
            [names[1]] + [d.fmt(v, False) for v in THREE_PUBLIC["current"]]]
    trows = [{"name": names[0], "values": {c: float(D(v) * (10000 if d.unit == "元" else 1))
                                            for c, v in zip(tcols, THREE_PUBLIC["prior"])}},
             {"name": names[1], "values": {c: float(D(v) * (10000 if d.unit == "元" else 1))
                                            for c, v in zip(tcols, THREE_PUBLIC["current"])}}]
    if d.mixed and not d.final:
        # a 增减 row under the two years: the current row is still the total
        diff = [D(b) - D(a) for a, b in zip(THREE_PUBLIC["prior"], THREE_PUBLIC["current"])]
        body.append(["增减"] + ["%.2f" % v for v in diff])
        trows.append({"name": "增减", "values": {c: float(v * (10000 if d.unit == "元" else 1))
                                                  for c, v in zip(tcols, diff)}})
    if d.final and d.mixed:
        # the 决算 form: 预算数 and 决算数 side by side, one row of amounts
        one = ["合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"]
        two = ["^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"]
        head = [["预算数"] + ["<"] * 5 + ["决算数"] + ["<"] * 5, one + one, two + two]
        body = [[d.fmt(v, False) for v in THREE_PUBLIC["prior"] + THREE_PUBLIC["current"]]]
        wide = ["预算数/" + c for c in tcols] + ["决算数/" + c for c in tcols]
        scale = 10000 if d.unit == "元" else 1
        vals = {c: float(D(v) * scale)
                for c, v in zip(wide, THREE_PUBLIC["prior"] + THREE_PUBLIC["current"])}
        tcols, trows = wide, [{"name": "", "values": vals}]
    out.append({"caption": "一般公共预算财政拨款“三公”经费支出决算表" if d.final
                else "一般公共预算“三公”经费支出表", "kind": "three_public", "head": head,
                "body": body, "columns": tcols, "rows": trows,
                "total": trows[1 if len(trows) > 1 else 0]["values"]})
    # 8 政府性基金, 9 国有资本经营
    gfc = class_table(d, "政府性基金预算支出表", "政府性基金预算财政拨款支出决算表",
                      ["合计", "基本支出", "项目支出"],
                      [lambda l: d.leaf_total(l, ["gf"]), lambda l: d.src(l, "gf", "b"),
                       lambda l: d.src(l, "gf", "p")], ["gf"], "government_fund_expenditure")
    gfc["note"] = ("注：本部门%d年无政府性基金预算安排，故本表为空表。" % YEAR
                   if gfc["empty"] and d.note_gf else None)
    out.append(gfc)
    sc = class_table(d, "国有资本经营预算支出表", "国有资本经营预算财政拨款支出决算表",
                     ["合计", "基本支出", "项目支出"], [lambda l: D(0)] * 3, ["none"],
                     "state_capital_expenditure")
    sc["note"] = "注：本部门%d年无国有资本经营预算安排，故本表为空表。" % YEAR if d.note_state else None
    out.append(sc)
    for i, tb in enumerate(out):
        tb["number"] = i + 1
        tb.setdefault("note", None)
    return out


# ---- the text of 第三部分 -----------------------------------------------------

def text(d):
    t = d.totals()
    y, k = YEAR, ("决算" if d.final else "预算")
    gb_total = t["gb"]
    prior, gprior = t["all"] - D("137.26"), gb_total - D("22.86")
    pr = []
    pr.append(("h2", "一、收支%s总体情况" % k))
    pr.append(("p", "%d年收支总%s%.2f万元，比%d年收支总%s%.2f万元增加%.2f万元，增长%s%%。"
               % (y, k, t["all"], y - 1, k, prior, t["all"] - prior, pct(t["all"] - prior, prior))))
    pr.append(("h2", "二、收入%s情况说明" % k))
    parts = [("一般公共预算拨款收入", t["gb"]), ("政府性基金预算拨款收入", t["gf"]),
             ("事业收入", t["biz"]), (d.carry_in, t["carry"])]
    pr.append(("p", "%d年本部门收入%s%.2f万元，其中：%s。" % (
        y, k, t["all"], "；".join("%s%.2f万元，占%s%%" % (n, v, pct(v, t["all"]))
                                  for n, v in parts if v))))
    pr.append(("h2", "三、支出%s情况说明" % k))
    pr.append(("p", "%d年本部门支出%s%.2f万元，其中：基本支出%.2f万元，占%s%%；项目支出%.2f万元，占%s%%。"
               % (y, k, t["all"], t["basic"], pct(t["basic"], t["all"]), t["project"],
                  pct(t["project"], t["all"]))))
    pr.append(("h2", "四、财政拨款收支%s总体情况说明" % k))
    pr.append(("p", "%d年本部门财政拨款收支总%s%.2f万元。" % (y, k, t["gb"] + t["gf"])))
    pr.append(("h2", "五、一般公共预算当年拨款情况说明"))
    pr.append(("h3", "（一）一般公共预算当年拨款规模变化情况"))
    pr.append(("p", "%d年本部门一般公共预算当年拨款%.2f万元，比%d年预算数%.2f万元增加%.2f万元，增长%s%%。"
               % (y, gb_total, y - 1, gprior, gb_total - gprior, pct(gb_total - gprior, gprior))))
    pr.append(("h3", "（二）一般公共预算当年拨款结构情况"))
    shares = []
    for c in sorted({l[0][:3] for l in d.leaves}):
        v = dsum(d.leaf_total(l, ["gb"]) for l in d.leaves if l[0].startswith(c))
        if v:
            shares.append("%s%.2f万元，占%s%%" % (CLASSES[c], v, pct(v, gb_total)))
    pr.append(("p", "；".join(shares) + "。"))
    pr.append(("h3", "（三）一般公共预算当年拨款具体使用情况"))
    for i, l in enumerate(x for x in d.leaves if d.leaf_total(x, ["gb"])):
        path = "%s（类）%s（款）%s（项）" % (CLASSES[l[0][:3]], KUANS[l[0][:5]], l[1])
        v = d.leaf_total(l, ["gb"])
        if d.final:
            # the 年初预算 is no figure of the 决算 tables
            pr.append(("p", "%d.%s年初预算为%.2f万元，支出决算为%.2f万元，完成年初预算的%s%%。"
                       % (i + 1, path, v - 1, v, pct(v, v - 1))))
        else:
            pr.append(("p", "%d.%s%d年预算数为%.2f万元，主要用于保障正常运转。" % (i + 1, path, y, v)))
    pr.append(("h2", "六、一般公共预算基本支出情况说明"))
    pr.append(("p", "%d年本部门一般公共预算基本支出%.2f万元，其中：人员经费%.2f万元，主要包括基本工资、"
               "津贴补贴；公用经费%.2f万元，主要包括办公费、差旅费。"
               % (y, t["personnel"] + t["public"], t["personnel"], t["public"])))
    pr.append(("h2", "七、“三公”经费%s情况说明" % k))
    if d.final:
        pr.append(("p", "%d年度“三公”经费支出决算6.00万元，比年初预算6.50万元减少0.50万元，下降7.69%%。"
                   "其中：因公出国（境）费0.00万元；公务用车购置及运行费4.80万元，其中：公务用车购置费"
                   "0.00万元，公务用车运行费4.80万元；公务接待费1.20万元。" % y))
    else:
        pr.append(("p", "%d年本部门“三公”经费预算6.00万元，比%d年预算6.50万元减少0.50万元，下降7.69%%。"
                   "其中：因公出国（境）费0.00万元；公务用车购置及运行费4.80万元，其中：公务用车购置费"
                   "0.00万元，公务用车运行费4.80万元；公务接待费1.20万元。" % (y, y - 1)))
    pr.append(("h2", "八、政府性基金预算支出情况说明"))
    if d.gf:
        pr.append(("p", "%d年本部门政府性基金预算拨款支出%.2f万元，全部用于农村基础设施建设。" % (y, t["gf"])))
    else:
        pr.append(("p", "本部门%d年无政府性基金预算拨款安排的支出。" % y))
    pr.append(("h2", "九、国有资本经营预算支出情况说明"))
    pr.append(("p", "本部门%d年无国有资本经营预算拨款安排的支出。" % y))
    pr.append(("h2", "十、机关运行经费支出情况说明"))
    pr.append(("p", "%d年本部门机关运行经费%s41.36万元，比%d年预算43.10万元减少1.74万元，下降4.04%%。"
               % (y, k, y - 1)))
    pr.append(("h2", "十一、政府采购情况说明"))
    pr.append(("p", "%d年本部门政府采购%s总额174.80万元，其中：政府采购货物46.30万元，政府采购服务"
               "128.50万元。" % (y, "支出" if d.final else "预算")))
    pr.append(("h2", "十二、国有资产占用情况"))
    pr.append(("p", "截至%d年12月31日，本部门共有车辆3辆。" % (y - 1)))
    return pr


# ---- plants: one inconsistency each ------------------------------------------

def _cell(tbs, number, first_cell, col_name):
    """(row, col) of the body cell of table `number` whose row starts with
    first_cell (a code or a name) in column col_name (a header text)."""
    tb = tbs[number - 1]
    col = next(h.index(col_name) for h in tb["head"] if col_name in h)
    for r, row in enumerate(tb["body"]):
        if first_cell in row[:4] or (len(first_cell) > 3 and "".join(row[:3]) == first_cell):
            return r, col
    raise KeyError(first_cell)


def _add(tb, r, c, delta, d):
    v = tb["body"][r][c].replace(",", "")
    v = D(v) / (10000 if d.unit == "元" else 1) if v else D(0)
    tb["body"][r][c] = d.fmt(v + D(delta))


PLANTS = {
    # a 项 cell of 部门支出总表 (its row sum and its 款 both disagree): one money.cell
    "leaf_cell": (["money.cell"], lambda d, tbs, tx: _add(tbs[2], *_cell(tbs, 3, "2130101", "基本支出"), "9.00", d)),
    # a stale 款 row in 一般公共预算支出表 (合计 and 基本支出 alike): one money.hierarchy
    "stale_row": (["money.hierarchy"], lambda d, tbs, tx: [
        _add(tbs[4], *_cell(tbs, 5, "21301", "合计"), "10.00", d),
        _add(tbs[4], *_cell(tbs, 5, "21301", "基本支出"), "10.00", d)]),
    # 基本支出表 consistent in itself, its total no longer the 基本支出 of 表5: money.cross
    "cross_basic": (["money.cross"], lambda d, tbs, tx: [
        _add(tbs[5], *_cell(tbs, 6, c, col), "10.00", d)
        for c in ("30201", "302", "合计") for col in ("合计", "公用经费")] + [
        _retext(tx, "公用经费27.58万元", "公用经费37.58万元")]),
    # 政府性基金预算支出表 and the text at 330, 财政拨款收支总表 at 320: money.cross
    "cross_gf": (["money.cross"], lambda d, tbs, tx: [
        _add(tbs[7], r, c, "10.00", d) for r in range(len(tbs[7]["body"]))
        for c in range(len(tbs[7]["body"][r])) if tbs[7]["body"][r][c].replace(",", "") in
        ("320.00", "3200000.00")] + [_retext(tx, "支出320.00万元", "支出330.00万元")]),
    # 支出总计 of 部门收支总表 no longer 收入总计: money.balance
    "balance": (["money.balance"], lambda d, tbs, tx: _add(
        tbs[0], len(tbs[0]["body"]) - 1, len(tbs[0]["body"][0]) - 1, "10.00", d)),
    # the text's 人员经费 differs from 基本支出表: money.text
    "text_figure": (["money.text"], lambda d, tbs, tx: _retext(tx, "人员经费984.88万元", "人员经费994.88万元")),
    # the text's 公务接待费 differs from the “三公” table: money.text
    "text_three_public": (["money.text"], lambda d, tbs, tx: _retext(tx, "公务接待费1.20万元", "公务接待费1.30万元")),
    # 一般公共预算 change miscomputed: money.text_change
    "text_change": (["money.text_change"], lambda d, tbs, tx: _retext(tx, "增加22.86万元", "增加32.86万元")),
    # a 项 the text names by its 类/款/项 path, stated wrong: money.text
    "text_item": (["money.text"], lambda d, tbs, tx: _retext(tx, "预算数为412.86万元", "预算数为421.86万元")),
    # a share miscomputed: money.text_percent
    "text_percent": (["money.text_percent"], lambda d, tbs, tx: _retext(tx, "占79.61%", "占76.91%")),
    # 决算: the 三公 change against 年初预算 miscomputed: money.text_change
    "final_change": (["money.text_change"], lambda d, tbs, tx: _retext(tx, "减少0.50万元", "减少0.60万元"),
                     dict(final=True, codes=3)),
    # 决算, the wide “三公” table (预算数 | 决算数): the text's 公务接待费 is not its 决算: money.text
    "final_wide_three_public": (["money.text"], lambda d, tbs, tx: _retext(
        tx, "公务接待费1.20万元", "公务接待费1.30万元"), dict(final=True, layout="mixed", unit="元")),
    # the 2024 row of the “三公” table does not add up: money.row
    "three_public_row": (["money.row"], lambda d, tbs, tx: _add(tbs[6], 0, 6, "0.20", d)),
}


def _retext(tx, old, new):
    for i, (k, s) in enumerate(tx):
        if old in s:
            tx[i] = (k, s.replace(old, new, 1))
            return
    raise KeyError(old)


# ---- writing the .docx ---------------------------------------------------------

def _header_row(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def _table(doc, tb):
    grid = tb["head"] + tb["body"]
    ncols = max(len(r) for r in grid)
    table = doc.add_table(rows=len(grid), cols=ncols)
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v in ("<", "^"):
                continue
            table.cell(r, c).text = v
    # merges: "<" continues the cell on the left, "^" the one above
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v == "<":
                c0 = c
                while grid[r][c0] == "<":
                    c0 -= 1
                table.cell(r, c0).merge(table.cell(r, c))
            elif v == "^":
                r0 = r
                while grid[r0][c] == "^":
                    r0 -= 1
                a = table.cell(r0, c)
                a.merge(table.cell(r, c))
    for r in range(len(tb["head"])):
        _header_row(table.rows[r])
    # merged cells keep the text of the first; python-docx may leave an empty
    # paragraph from the others: remove them
    for row in table.rows:
        for cell in row.cells:
            ps = cell.paragraphs
            for p in ps[1:]:
                if not p.text.strip():
                    p._p.getparent().remove(p._p)
    return table


def build(path, plant=None, **kw):
    if plant and len(PLANTS[plant]) > 2:
        kw = dict(PLANTS[plant][2], **kw)
    d = Doc(plant=plant, **kw)
    tbs = tables(d)
    tx = text(d)
    if plant:
        PLANTS[plant][1](d, tbs, tx)
    k = "决算" if d.final else "预算"
    doc = docx.Document()
    doc.add_paragraph("%s%d年部门%s" % (DEPT, YEAR, k), style="Title")
    doc.add_heading("目　　录", level=1)
    toc = ["第一部分　%s概况" % DEPT, "第二部分　%s%d年部门%s表" % (DEPT, YEAR, k),
           "第三部分　%s%d年部门%s情况说明" % (DEPT, YEAR, k), "第四部分　名词解释"]
    for i, line in enumerate(toc):
        # the mixed layout's 目录 has leader dots and page numbers
        doc.add_paragraph(line + ("……………%d" % (i * 4 + 3) if d.mixed else ""))
    doc.add_page_break()
    doc.add_heading(toc[0], level=1)
    doc.add_heading("一、部门职责", level=2)
    doc.add_paragraph("（一）负责全县水产养殖技术推广和渔业资源保护工作。")
    doc.add_paragraph("（二）承担渔业安全生产监督管理和水产品质量安全检测工作。")
    doc.add_heading("二、机构设置", level=2)
    doc.add_paragraph("本部门内设综合股、技术推广股2个股室，纳入部门%s编制范围的单位共1个。" % k)
    doc.add_heading(toc[1], level=1)
    sec = doc.add_section()
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    cn = "一二三四五六七八九十"
    for i, tb in enumerate(reversed(tbs) if d.mixed else tbs):
        if d.mixed:
            doc.add_heading("%s、%s" % (cn[i], tb["caption"]), level=2)
            w = max(len(r) for r in tb["head"])
            tb["head"].insert(0, ["编制单位：" + DEPT] + ["<"] * (w - 3) + ["单位：%s" % d.unit, "<"])
        else:
            doc.add_paragraph("表%d %s" % (tb["number"], tb["caption"]), style="Caption")
            doc.add_paragraph("单位：%s" % d.unit)
        if d.split and tb["kind"] == "expenditure_by_class":
            # a table split in two Word tables, the header repeated
            k = len(tb["body"]) // 2
            _table(doc, dict(tb, body=tb["body"][:k]))
            doc.add_paragraph("")
            _table(doc, dict(tb, body=tb["body"][k:]))
        else:
            _table(doc, tb)
        if tb.get("note"):
            doc.add_paragraph(tb["note"])
    sec = doc.add_section()
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    doc.add_heading(toc[2], level=1)
    for kind, s in tx:
        if kind == "h2":
            doc.add_heading(s, level=2)
        elif kind == "h3":
            doc.add_heading(s, level=3)
        else:
            doc.add_paragraph(s)
    doc.add_heading(toc[3], level=1)
    doc.add_paragraph("一、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")
    doc.add_paragraph("二、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")
    doc.save(path)
    return {"kind": "final_accounts" if d.final else "budget", "unit": d.unit, "tables": tbs,
            "findings": PLANTS[plant][0] if plant else []}


VARIANTS = {
    "budget_wan_one": dict(),
    "budget_yuan_three_nogf": dict(unit="元", codes=3, gf=False),
    "final_wan_three": dict(final=True, codes=3),
    "final_yuan_one": dict(final=True, unit="元"),
    "budget_no_note": dict(note_state=False),
    "budget_mixed_name_codes": dict(codes=0, layout="mixed"),
    "budget_split_three": dict(codes=3, split=True),
    "final_mixed": dict(final=True, layout="mixed", unit="元"),
}


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    expected = {}
    for name, kw in VARIANTS.items():
        expected[name] = build(os.path.join(outdir, name + ".docx"), **kw)
        if name == "budget_no_note":
            expected[name]["findings"] = ["money.empty_note"]
    for plant in PLANTS:
        name = "plant_" + plant
        expected[name] = build(os.path.join(outdir, name + ".docx"), plant=plant)
    with open(os.path.join(outdir, "expected.json"), "w") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, default=str)
    return expected


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out-standard")
