#!/usr/bin/python3
"""End-to-end tests of `disclosure batch` and `disclosure summarize`.

A few hundred generated inputs (the sample in all its forms under varied names
and directories, plus broken files) are converted with -j 2.  Checks: counts,
failure reasons, outputs identical to single-file `convert`, report.json /
report.csv / summary.xlsx against the inputs (SHA-256 from hashlib, workbook
read with openpyxl), a worker SIGKILLed mid-file, a worker that hangs, crashes
or balloons, the batch process itself killed and finished with --resume,
--resume converting only changed and new inputs, and shards 1/3 + 2/3 + 3/3
merged by `summarize` equal to the unsharded run.

Environment: DISCLOSURE_BIN, BUILD (an "asan" build skips the memory test).
"""
import csv
import hashlib
import json
import os
import pty
import random
import re
import shutil
import socket
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

BIN = os.environ["DISCLOSURE_BIN"]
# the tests' build with the worker hooks (tests/hooks/); the production binary has none
TEST_BIN = os.environ["DISCLOSURE_TEST_BIN"]
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
EXPECTED = json.load(open(os.path.join(DATA, "expected", "yongqing-eco-2021.json"), encoding="utf-8"))
ASAN = "asan" in os.environ.get("BUILD", "")
EPOCH = "1600000000"

FORMS = {  # file in tests/data -> the format batch must detect
    "yongqing-eco-2021.docx": "docx",
    "yongqing-eco-2021.lo.docx": "docx",
    "yongqing-eco-2021.flat.xml": "flat-opc",
    "yongqing-eco-2021.word2003.xml": "word2003",
    "yongqing-eco-2021.word2003-vmerge.xml": "word2003",
}

failures = []


def check(cond, what):
    if cond:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        failures.append(what)
    return cond


def env(**extra):
    e = dict(os.environ)
    e["SOURCE_DATE_EPOCH"] = EPOCH
    e.pop("DISCLOSURE_BATCH_TEST", None)
    e.pop("DISCLOSURE_BATCH_TEST_PIDFILE", None)
    e.update(extra)
    return e


def run(args, **kw):
    extra = kw.pop("extra_env", {})
    binary = TEST_BIN if "DISCLOSURE_BATCH_TEST" in extra else BIN
    return subprocess.run([binary] + args, env=env(**extra), capture_output=True, text=True, **kw)


def load_report(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rep = json.loads(text)  # one row a line, but valid JSON as a whole
    return rep, text


def rows_by_name(rep):
    return {r["name"]: r for r in rep["rows"]}


def doc_json(outdir, row):
    """The document's own JSON, which holds its findings and indicators."""
    with open(os.path.join(outdir, row["outputs"]["json"]), encoding="utf-8") as f:
        return json.load(f)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def strip_seconds(text):
    return re.sub(r'"seconds":[0-9.]+', '"seconds":_', text)


def temp_files(root):
    return [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if ".tmp-" in f]


# ---------------------------------------------------------------------------
# What the default outputs are right now: the XLSX and PDF writers are other
# issues; while one is a placeholder, only the outputs that work are used.

def output_flags(tmp):
    flags = []
    for flag in ("--xlsx", "--pdf"):
        r = run(["convert", os.path.join(DATA, "yongqing-eco-2021.docx"), "-o",
                 os.path.join(tmp, "probe"), flag])
        if r.returncode == 0:
            flags.append(flag)
        else:
            print("note %s unavailable: %s" % (flag, r.stderr.strip()))
    return flags + ["--json"]


# ---------------------------------------------------------------------------
# The inputs

BAD_KINDS = {
    # kind: (file name suffix, reasons allowed)
    "empty": (".docx", {"not a Word document"}),
    "random": (".docx", {"not a Word document", "broken zip"}),
    "truncated-zip": (".docx", {"broken zip"}),
    "png": (".docx", {"not a Word document"}),
    "malformed-xml": (".xml", {"malformed XML"}),
    "truncated-flat": (".xml", {"malformed XML"}),
    "ole": (".doc", {"legacy or encrypted Word file"}),
    "zip-no-word": (".docx", {"not a Word document", "missing part", "broken zip"}),
    "html": (".xml", {"not a Word document"}),
}


def write_bad(path, kind, rnd):
    sample = open(os.path.join(DATA, "yongqing-eco-2021.docx"), "rb").read()
    flat = open(os.path.join(DATA, "yongqing-eco-2021.flat.xml"), "rb").read()
    with open(path, "wb") as f:
        if kind == "empty":
            pass
        elif kind == "random":
            f.write(bytes(rnd.getrandbits(8) for _ in range(2000 + rnd.randrange(2000))))
        elif kind == "truncated-zip":
            f.write(sample[: len(sample) // 2 + rnd.randrange(1000)])
        elif kind == "png":
            f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.getrandbits(8) for _ in range(500)))
        elif kind == "malformed-xml":
            f.write(b'<?xml version="1.0"?>\n<w:wordDocument xmlns:w="http://schemas.microsoft.com/'
                    b'office/word/2003/wordml"><w:body><w:p></w:body></w:wordDocument>')
        elif kind == "truncated-flat":
            f.write(flat[: len(flat) // 3 + rnd.randrange(5000)])
        elif kind == "ole":
            f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
        elif kind == "html":
            f.write(b"<html><body><p>not a disclosure</p></body></html>\n")
    if kind == "zip-no-word":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a package")


def failing(made, ref):
    """How many of the inputs must fail: the broken ones, and the forms that
    single-file convert cannot read either."""
    return sum(1 for kind, what in made.values() if kind == "bad" or ref[what][0] != "ok")


def make_tree(root, ngood, nbad, seed):
    """Writes inputs under root; returns {relpath: ("good", form) | ("bad", kind)}."""
    rnd = random.Random(seed)
    made = {}
    forms = sorted(FORMS)
    names = ["部门预算", "dept budget", "Report", "财政局-2021", "a.b.c", "x"]
    for i in range(ngood):
        form = forms[i % len(forms)]
        ext = os.path.splitext(form)[1]
        if form.startswith("yongqing-eco-2021.word2003") and i % 3 == 0:
            ext = ".doc"  # Word 2003 XML is often saved as .doc
        if i % 7 == 0:
            ext = ext.upper()
        sub = "region%d/county%d" % (i % 4, i % 3) if i % 5 else "region%d" % (i % 4)
        rel = "%s/%s %03d%s" % (sub, names[i % len(names)], i, ext)
        os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
        shutil.copyfile(os.path.join(DATA, form), os.path.join(root, rel))
        made[rel] = ("good", form)
    kinds = sorted(BAD_KINDS)
    for i in range(nbad):
        kind = kinds[i % len(kinds)]
        rel = "broken/%s-%02d%s" % (kind, i, BAD_KINDS[kind][0])
        os.makedirs(os.path.join(root, "broken"), exist_ok=True)
        write_bad(os.path.join(root, rel), kind, rnd)
        made[rel] = ("bad", kind)
    # clashing names: both convert, both keep their whole name
    os.makedirs(os.path.join(root, "clash"), exist_ok=True)
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, "clash", "a.docx"))
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.flat.xml"), os.path.join(root, "clash", "a.xml"))
    made["clash/a.docx"] = ("good", "yongqing-eco-2021.docx")
    made["clash/a.xml"] = ("good", "yongqing-eco-2021.flat.xml")
    # a name the reports use
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, "report.docx"))
    made["report.docx"] = ("good", "yongqing-eco-2021.docx")
    # not taken: hidden files, other extensions
    open(os.path.join(root, "README.txt"), "w").write("not an input\n")
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, ".hidden.docx"))
    os.makedirs(os.path.join(root, ".git"), exist_ok=True)
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, ".git", "x.docx"))
    return made


# ---------------------------------------------------------------------------

def single_reference(tmp, flags):
    """What `convert` does with each form: ("ok", files) or ("failed", message)."""
    ref = {}
    for form in FORMS:
        out = os.path.join(tmp, "single-" + form)
        r = run(["convert", os.path.join(DATA, form), "-o", out] + flags)
        ref[form] = ("ok", out) if r.returncode == 0 else ("failed", r.stderr.strip())
    return ref


def test_main_batch(tmp, flags, ref):
    root = os.path.join(tmp, "in")
    # a few hundred inputs; fewer under the (slow) sanitizers
    made = make_tree(root, 90, 20, 1) if ASAN else make_tree(root, 260, 45, 1)
    out = os.path.join(tmp, "out")
    t = time.time()
    r = run(["batch", root, "-o", out, "-j", "2"] + flags)
    print("note main batch: %d inputs in %.1f s" % (len(made), time.time() - t))
    good = {rel for rel, (k, form) in made.items() if k == "good" and ref[form][0] == "ok"}
    check(r.returncode == 1, "batch with broken inputs exits 1 (got %d: %s)" % (r.returncode, r.stderr[-300:]))
    rep, text = load_report(os.path.join(out, "report.json"))
    rows = rep["rows"]
    check(rep["inputs"] == len(made) == len(rows),
          "one row per input, hidden and non-Word files skipped (%d rows, %d made)" % (len(rows), len(made)))
    check(rep["converted"] == len(good) and rep["failed"] == len(made) - len(good),
          "counts: %d converted, %d failed" % (rep["converted"], rep["failed"]))
    by_rel = {row["relpath"]: row for row in rows}
    check(set(by_rel) == set(made), "relpaths mirror the input tree")
    check([row["name"] for row in rows] == sorted(row["name"] for row in rows),
          "rows ordered by name")
    check(len(text.splitlines()) == len(rows) + 2, "report.json has one row a line")
    sizes = [len(line.encode("utf-8")) for line in text.splitlines()[1:-1]]
    check(max(sizes) <= 16384 and all("findings" not in row and "indicators" not in row
                                      for row in rows),
          "report rows are small: at most %d bytes (limit 16 KB), no findings or indicators lists"
          % max(sizes))
    check(all(row["outputs"].get("json") and os.path.isfile(os.path.join(out, row["outputs"]["json"]))
              for row in rows if row["status"] == "ok"),
          "every converted document has its JSON (where its findings and indicators are)")

    bad_ok = True
    for rel, (kind, what) in made.items():
        row = by_rel[rel]
        path = os.path.join(root, rel)
        if row["sha256"] != sha256(path) or row["bytes"] != os.path.getsize(path):
            bad_ok = check(False, "sha256 and bytes of %s" % rel)
        if kind == "bad":
            allowed = BAD_KINDS[what][1]
            if row["status"] != "failed" or row["reason"] not in allowed or not row["error"]:
                bad_ok = check(False, "%s (%s) failed with a reason in %s: %s / %s"
                               % (rel, what, allowed, row["reason"], row["error"]))
        elif rel in good:
            if row["status"] != "ok" or row["format"] != FORMS[what] or row["error"] is not None:
                bad_ok = check(False, "%s converted as %s: %s" % (rel, FORMS[what], row))
            if row["tables"] != EXPECTED["tables"]["count"]:
                bad_ok = check(False, "%s: tables %s" % (rel, row["tables"]))
            for key, path_ in row["outputs"].items():
                if not path_ or not os.path.isfile(os.path.join(out, path_)):
                    bad_ok = check(False, "%s: output %s exists" % (rel, key))
        else:
            if row["status"] != "failed" or row["error"] not in ref[what][1]:
                bad_ok = check(False, "%s fails as single-file convert does: %s" % (rel, row["error"]))
    check(bad_ok, "every row: status, reason, format, tables, outputs and SHA-256")

    # names: mirrored, clashes keep the whole name, reserved names are avoided
    check(by_rel["clash/a.docx"]["name"] == "clash/a.docx" and by_rel["clash/a.xml"]["name"] == "clash/a.xml",
          "clashing stems keep their extension")
    check(by_rel["report.docx"]["name"] == "report~2", "an input named report does not take report.json")
    some = sorted(good)[3]
    stem = os.path.splitext(some)[0]
    check(by_rel[some]["name"] == stem, "output name mirrors the input path (%s)" % stem)
    check(not temp_files(out), "no temporary files left")

    # outputs identical to single-file conversion
    same = True
    picks = {}
    for rel in sorted(good):
        if by_rel[rel]["name"] == os.path.splitext(rel)[0]:   # convert names it the same
            picks.setdefault(made[rel][1], rel)
    for form, rel in sorted(picks.items()):
        single = os.path.join(tmp, "single-cmp", os.path.dirname(rel))
        r1 = run(["convert", os.path.join(root, rel), "-o", single] + flags)
        if r1.returncode != 0:
            same = check(False, "convert %s: %s" % (rel, r1.stderr))
            continue
        row = by_rel[rel]
        for key, p in row["outputs"].items():
            a = open(os.path.join(out, p), "rb").read()
            b = open(os.path.join(single, os.path.basename(p)), "rb").read()
            if a != b:
                same = check(False, "%s: batch %s differs from convert" % (rel, key))
            if key == "pdf" and shutil.which("pdfinfo"):
                info = subprocess.run(["pdfinfo", os.path.join(out, p)], capture_output=True, text=True).stdout
                pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
                if not pages or int(pages.group(1)) != row["pages"]:
                    same = check(False, "%s: report says %s pages, pdfinfo %s" % (rel, row["pages"], pages and pages.group(1)))
    check(same and len(picks) >= 1, "outputs of %d forms byte-identical to single-file convert" % len(picks))

    # recognized figures, when the recognizer is there
    first = by_rel[sorted(good)[0]]
    if first["department"]:
        kf = first["key_figures"]
        want = {"income.total": 3586.14, "income.general_public_budget": 1920.96,
                "income.carried_over_from_last_year": 1665.18, "expenditure.total": 3586.14,
                "expenditure.project": 3586.14, "change_vs_last_year.amount": -229.85576,
                "three_public_expenses.total": 0, "government_procurement.total": 268.17,
                "fixed_assets.total": 471.33}
        check(all(kf.get(k) is not None and abs(kf[k] - v) < 1e-9 for k, v in want.items()),
              "key figures of the sample: %s" % {k: kf.get(k) for k in want})
        check(first["department"] == EXPECTED["department"] and first["year"] == EXPECTED["year"],
              "department and year")
        check(first["projects"] == EXPECTED["project_tables"]["count"], "project count")
        want_ind = [dict(project=t["number"], project_title=t["title"], **{k: r[k] for k in
                         ("level1", "level2", "level3", "description", "value", "basis")})
                    for t in EXPECTED["project_tables"]["tables"] for r in t["rows"]]
        detail = doc_json(out, first)
        got_ind = [dict(project=t["number"], project_title=t["title"], **{k: r[k] for k in
                        ("level1", "level2", "level3", "description", "value", "basis")})
                   for t in detail["project_tables"]["tables"] for r in t["rows"]]
        check(got_ind == want_ind,
              "the document's JSON has the expected project indicators (%d)" % len(want_ind))
        check(any(f["code"] == "numbering.skip" for f in detail["findings"])
              and len(detail["findings"]) == first["finding_count"],
              "the document's JSON lists the validator's findings (the （六）→（十） skip)")
    else:
        print("note the recognizer is not there yet: key figures not checked")

    # report.csv
    with open(os.path.join(out, "report.csv"), encoding="utf-8-sig", newline="") as f:
        crows = list(csv.DictReader(f))
    check(len(crows) == len(rows) and [c["name"] for c in crows] == [row["name"] for row in rows],
          "report.csv: the same rows in the same order")
    check(all(c["sha256"] == row["sha256"] and c["status"] == row["status"]
              and c["income.total"] == ("" if not row["key_figures"] or row["key_figures"]["income.total"] is None
                                         else json.dumps(row["key_figures"]["income.total"]))
              for c, row in zip(crows, rows)), "report.csv agrees with report.json")

    # summary.xlsx
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(out, "summary.xlsx"))
    check(wb.sheetnames == ["部门汇总", "校验问题", "项目绩效指标", "转换失败"], "summary sheets")
    ws = wb["部门汇总"]
    data = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] is not None]
    check(len(data) == len(good) + 1 and data[-1][0] == "合计",
          "部门汇总: one row per converted document and a 合计 row (%d)" % len(data))
    files = [r[4] for r in data[:-1]]
    check(files == sorted(by_rel[g]["name"] for g in good), "部门汇总 rows in report order")
    if first["department"]:
        col = 6  # 收入总计
        check(all(isinstance(r[col], float) and abs(r[col] - 3586.14) < 1e-9 for r in data[:-1]),
              "income total is a number in every row")
    nfind = sum(row["finding_count"] for row in rows if row["status"] == "ok")
    nind = sum(sum(len(t["rows"]) for t in doc_json(out, row)["project_tables"]["tables"])
               for row in rows if row["status"] == "ok")
    check(wb["校验问题"].max_row - 1 == nfind, "校验问题: every finding (%d)" % nfind)
    check(wb["项目绩效指标"].max_row - 1 == nind, "项目绩效指标: every indicator (%d)" % nind)
    fail_rows = [r for r in wb["转换失败"].iter_rows(min_row=2, values_only=True) if r[0] is not None]
    check(len(fail_rows) == rep["failed"] and all(r[4] and r[5] for r in fail_rows),
          "转换失败: every failed input with its reason")
    return root, out, made


def test_shards(tmp, flags, root, unsharded):
    sh = os.path.join(tmp, "shards")
    total = 0
    for k in (1, 2, 3):
        r = run(["batch", root, "-o", sh, "-j", "2", "-q", "--shard", "%d/3" % k] + flags)
        check(r.returncode in (0, 1) and r.stderr == "", "shard %d/3 runs quietly" % k)
        rep, _ = load_report(os.path.join(sh, "report.%d-of-3.json" % k))
        check(rep["shard"] == {"index": k, "count": 3}, "shard %d/3 report says so" % k)
        total += rep["inputs"]
    _, utext = load_report(os.path.join(unsharded, "report.json"))
    check(total == json.loads(utext)["inputs"], "shards cover every input once (%d)" % total)
    r = run(["summarize", sh, "-o", sh])
    check(r.returncode == 1, "summarize exits 1 when inputs failed (%d %s)" % (r.returncode, r.stderr))
    _, stext = load_report(os.path.join(sh, "report.json"))
    check(strip_seconds(stext) == strip_seconds(utext), "summarized shards == unsharded report.json (but timings)")
    a = open(os.path.join(sh, "summary.xlsx"), "rb").read()
    b = open(os.path.join(unsharded, "summary.xlsx"), "rb").read()
    check(a == b, "summarized shards == unsharded summary.xlsx, byte for byte")
    ca = open(os.path.join(sh, "report.csv"), encoding="utf-8-sig").read()
    cb = open(os.path.join(unsharded, "report.csv"), encoding="utf-8-sig").read()
    strip_csv = lambda t: [row[:9] + row[10:] for row in csv.reader(t.splitlines())]
    check(strip_csv(ca) == strip_csv(cb), "summarized shards == unsharded report.csv (but timings)")
    # report files named directly
    files = [os.path.join(sh, "report.%d-of-3.json" % k) for k in (3, 1, 2)]
    r = run(["summarize"] + files + ["-o", os.path.join(tmp, "by-file")])
    _, ftext = load_report(os.path.join(tmp, "by-file", "report.json"))
    rel = os.path.relpath(sh, os.path.join(tmp, "by-file")) + "/"
    check(strip_seconds(ftext).replace('"' + rel, '"') == strip_seconds(utext),
          "summarize of report files named directly (outputs relative to DEST)")
    # a missing shard is reported
    os.remove(os.path.join(sh, "report.2-of-3.json"))
    r = run(["summarize", sh, "-o", os.path.join(tmp, "partial")])
    check(r.returncode == 1 and "shard 2/3 missing" in r.stderr, "a missing shard is reported")


def test_shards_separate_dirs(tmp, flags):
    root = os.path.join(tmp, "in-small")
    make_tree(root, 25, 5, 2)
    un = os.path.join(tmp, "small-un")
    run(["batch", root, "-o", un, "-q"] + flags)
    dirs = []
    for k in (1, 2, 3):
        d = os.path.join(tmp, "small-s%d" % k)
        run(["batch", root, "-o", d, "-q", "--shard", "%d/3" % k] + flags)
        dirs.append(d)
    m = os.path.join(tmp, "small-merged")
    r = run(["summarize"] + dirs + ["-o", m])
    check(r.returncode == 1, "summarize of three directories runs")
    urep, _ = load_report(os.path.join(un, "report.json"))
    mrep, _ = load_report(os.path.join(m, "report.json"))
    ok = len(urep["rows"]) == len(mrep["rows"])
    for ur, mr in zip(urep["rows"], mrep["rows"]):
        outs = {}
        for key, p in mr["outputs"].items():
            if p:
                check_prefix = re.match(r"\.\./small-s[123]/", p)
                ok = ok and bool(check_prefix) and os.path.isfile(os.path.join(m, p))
                p = p[len(check_prefix.group(0)):] if check_prefix else p
            outs[key] = p
        mr = dict(mr, outputs=outs, seconds=0)
        ur = dict(ur, seconds=0)
        ok = ok and mr == ur
    check(ok, "separate shard directories: merged rows equal, outputs point into the shard directories")
    a = open(os.path.join(m, "summary.xlsx"), "rb").read()
    b = open(os.path.join(un, "summary.xlsx"), "rb").read()
    check(a == b, "separate shard directories: summary.xlsx byte-identical")


def test_gnu_parallel(tmp, flags):
    """The README's GNU Parallel example, on this machine (-S : is the local host)."""
    if not shutil.which("parallel"):
        print("note GNU parallel is not installed: its example not run")
        return
    un = os.path.join(tmp, "small-un")
    r = subprocess.run(["parallel", "-j1", "-S", ":", "--workdir", tmp, BIN, "batch", "in-small", "-o", "par",
                        "--shard", "{}/3", "-q"] + flags + [":::", "1", "2", "3"],
                       env=env(), capture_output=True, text=True)
    check(0 <= r.returncode <= 3 and "parallel:" not in r.stderr,
          "GNU parallel runs the three shards (exit: shards with failed inputs): %d %s" % (r.returncode, r.stderr))
    r = run(["summarize", os.path.join(tmp, "par"), "-o", os.path.join(tmp, "par")])
    a = load_report(os.path.join(tmp, "par", "report.json"))[0]["rows"]
    b = load_report(os.path.join(un, "report.json"))[0]["rows"]
    norm = lambda rows: [dict(row, seconds=0, input=row["relpath"]) for row in rows]
    check(norm(a) == norm(b), "shards run by GNU parallel and summarized equal the unsharded run")


NROWS = 4000


def test_summarize_memory(tmp, out):
    """summarize of a 4,000-row report (tests/bench/gen_report.py repeats the main
    batch's rows under new names) in bounded memory: its peak beyond the finished
    workbook itself (mapped once to be checked) stays small.  (1.4 GB for 10,000
    rows when rows carried the lists and the workbook was built in memory; `make
    bench` measures 10,000.)"""
    big = os.path.join(tmp, "big")
    gen = os.path.join(HERE, "..", "bench", "gen_report.py")
    subprocess.run([sys.executable, gen, out, str(NROWS), big], check=True)
    dest = os.path.join(tmp, "big-sum")
    t = time.time()
    r = subprocess.run(["/usr/bin/time", "-f", "peak_kb=%M", BIN, "summarize", big, "-o", dest,
                        "-q"], env=env(), capture_output=True, text=True)
    m = re.search(r"peak_kb=(\d+)", r.stderr)
    peak = int(m.group(1)) // 1024 if m else -1
    size = os.path.getsize(os.path.join(dest, "summary.xlsx")) >> 20 if r.returncode in (0, 1) else 0
    print("note summarize of %d rows: %.1f s, peak %d MiB, summary.xlsx %d MiB"
          % (NROWS, time.time() - t, peak, size))
    check(r.returncode in (0, 1) and 0 < peak <= size + 48,
          "summarize of %d rows: peak %d MiB <= the workbook (%d MiB) + 48 MiB"
          % (NROWS, peak, size))
    rep, _ = load_report(os.path.join(dest, "report.json"))
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(dest, "summary.xlsx"), read_only=True)
    ws = wb["部门汇总"]
    title = next(ws.iter_rows(min_row=1, max_row=1, values_only=True))[0]
    check(rep["inputs"] == NROWS and title == "部门预算信息公开汇总（%d个文件）" % rep["converted"]
          and ws.max_row == 4 + rep["converted"] + 1,
          "the big summary: %d documents, title and 合计 row" % rep["converted"])
    wb.close()


def wait_for(path, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        if os.path.exists(path) and open(path).read().strip():
            return int(open(path).read())
        time.sleep(0.05)
    return None


def ppid_of(pid):
    with open("/proc/%d/stat" % pid) as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def test_killed_worker(tmp, flags, ref):
    root = os.path.join(tmp, "in-kill")
    made = make_tree(root, 20, 2, 3)
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, "victim.docx"))
    out = os.path.join(tmp, "out-kill")
    pidfile = os.path.join(tmp, "victim.pid")
    p = subprocess.Popen([TEST_BIN, "batch", root, "-o", out, "-j", "2"] + flags,
                         env=env(DISCLOSURE_BATCH_TEST="sleep=victim", DISCLOSURE_BATCH_TEST_PIDFILE=pidfile),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pid = wait_for(pidfile)
    check(pid is not None and ppid_of(pid) == p.pid, "the worker busy with victim.docx is a child of batch")
    if pid:
        # what a worker killed while writing leaves behind (converters/write/tmpfile.c's
        # names: .NAME.tmp-HOST-PID-N, HOST = 8 hex digits of SHA-256 of the host name)
        host = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]
        for ext in (".xlsx", ".pdf", ".json"):
            open(os.path.join(out, ".victim%s.tmp-%s-%d-0" % (ext, host, pid)), "w").write("partial")
        os.kill(pid, signal.SIGKILL)
    try:
        _, err = p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        check(False, "batch finishes after a worker was killed")
        return
    check(p.returncode == 1, "batch goes on and exits 1 after a worker was killed (%d)" % p.returncode)
    rep, _ = load_report(os.path.join(out, "report.json"))
    rows = rows_by_name(rep)
    v = rows["victim"]
    check(v["status"] == "failed" and v["reason"] == "killed" and "signal 9" in v["error"],
          "the killed file is failed: %s" % v["error"])
    check(rep["inputs"] == len(made) + 1, "every other input has its row")
    check("victim.docx: killed by signal 9" in err, "the failure is printed")
    check(not temp_files(out), "no temporary files left by the killed worker")
    # --resume converts only the killed file (its outputs are missing, it failed)
    before = {n: r["seconds"] for n, r in rows.items()}
    r = run(["batch", root, "-o", out, "-j", "2", "--resume"] + flags)
    rows2 = rows_by_name(load_report(os.path.join(out, "report.json"))[0])
    check(rows2["victim"]["status"] == "ok", "--resume converts the killed file")
    nfail = failing(made, ref)
    check(re.search(r": 1 converted, %d failed, %d unchanged" % (nfail, len(made) - nfail), r.stderr) is not None,
          "--resume redoes only the failed inputs: %s" % r.stderr.strip().splitlines()[-1])
    check(all(rows2[n]["seconds"] == before[n] for n in rows2 if rows2[n]["status"] == "ok" and n != "victim"),
          "unchanged rows are kept as they were")


def test_limits(tmp, flags):
    root = os.path.join(tmp, "in-limits")
    os.makedirs(root)
    for name in ("good1", "slow", "crash", "good2", "hog"):
        shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, name + ".docx"))
    out = os.path.join(tmp, "out-limits")
    hooks = "sleep=slow,segv=crash" + ("" if ASAN else ",hog=hog")
    t = time.time()
    r = run(["batch", root, "-o", out, "-j", "2", "--timeout", "2", "--memory", "512"] + flags,
            extra_env={"DISCLOSURE_BATCH_TEST": hooks}, timeout=120)
    check(time.time() - t < 60, "a hanging document costs its timeout, not the batch")
    rows = rows_by_name(load_report(os.path.join(out, "report.json"))[0])
    check(rows["slow"]["reason"] == "timed out" and rows["slow"]["error"] == "timed out after 2 s",
          "hang: %s" % rows["slow"]["error"])
    # (AddressSanitizer catches the signal itself and exits with status 1)
    check(rows["crash"]["reason"] == "crashed" and ("signal 11" in rows["crash"]["error"] or ASAN),
          "crash: %s" % rows["crash"]["error"])
    if not ASAN:
        check(rows["hog"]["reason"] == "memory limit" and "512 MB" in rows["hog"]["error"],
              "balloon: %s" % rows["hog"]["error"])
    check(rows["good1"]["status"] == "ok" and rows["good2"]["status"] == "ok", "the others convert")
    check(r.returncode == 1, "exit 1")
    # the production binary has no hooks: the same environment changes nothing
    out2 = os.path.join(tmp, "out-limits-prod")
    r = subprocess.run([BIN, "batch", root, "-o", out2, "-j", "2", "--timeout", "20"] + flags,
                       env=env(DISCLOSURE_BATCH_TEST="segv=crash,exit=good1"),
                       capture_output=True, text=True, timeout=120)
    rows = rows_by_name(load_report(os.path.join(out2, "report.json"))[0])
    check(r.returncode == 0 and all(rows[n]["status"] == "ok" for n in ("crash", "good1")),
          "the production binary ignores the tests' hook variables (exit %d)" % r.returncode)


def test_killed_batch_and_resume(tmp, flags, ref):
    root = os.path.join(tmp, "in-parent")
    made = make_tree(root, 30, 3, 4)
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, "zz-last.docx"))
    out = os.path.join(tmp, "out-parent")
    pidfile = os.path.join(tmp, "last.pid")
    p = subprocess.Popen([TEST_BIN, "batch", root, "-o", out, "-j", "1", "-q"] + flags,
                         env=env(DISCLOSURE_BATCH_TEST="sleep=zz-last", DISCLOSURE_BATCH_TEST_PIDFILE=pidfile))
    wpid = wait_for(pidfile)
    p.send_signal(signal.SIGKILL)
    p.wait()
    time.sleep(0.3)
    gone = wpid is not None and (not os.path.exists("/proc/%d" % wpid) or
                                 open("/proc/%d/stat" % wpid).read().rsplit(")", 1)[1].split()[0] == "Z")
    check(gone, "workers die with the batch")
    journal = open(os.path.join(out, "report.jsonl"), encoding="utf-8").read().splitlines()
    check(len(journal) == len(made), "the journal holds every finished row (%d)" % len(journal))
    check(not os.path.exists(os.path.join(out, "report.json")), "no report.json from an unfinished run")
    mtimes = {}
    for line in journal:
        row = json.loads(line)
        for p_ in row["outputs"].values():
            if p_:
                mtimes[p_] = os.stat(os.path.join(out, p_)).st_mtime_ns
    # as if the kill had torn the last line being written
    with open(os.path.join(out, "report.jsonl"), "a", encoding="utf-8") as f:
        f.write('{"input":"' + os.path.join(root, "zz-last.docx") + '","na')
    r = run(["batch", root, "-o", out, "-j", "2", "--resume"] + flags)
    check("1 unreadable line ignored" in r.stderr, "a torn journal line is ignored")
    rep, _ = load_report(os.path.join(out, "report.json"))
    check(rep["inputs"] == len(made) + 1, "--resume finishes the batch")
    nfail = failing(made, ref)
    check(": 1 converted, %d failed, %d unchanged" % (nfail, len(made) - nfail) in r.stderr,
          "--resume converts only what was not done: %s" % r.stderr.strip())
    check(all(os.stat(os.path.join(out, p_)).st_mtime_ns == t for p_, t in mtimes.items()),
          "outputs of unchanged inputs are not rewritten")

    # change one input, add one, remove one
    good = sorted(rel for rel, (k, _) in made.items() if k == "good" and rel.endswith(".docx"))
    changed, removed = good[0], good[1]
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.lo.docx"), os.path.join(root, changed))
    os.remove(os.path.join(root, removed))
    shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, "new.docx"))
    r = run(["batch", root, "-o", out, "-j", "2", "--resume"] + flags)
    rep, _ = load_report(os.path.join(out, "report.json"))
    rows = {row["relpath"]: row for row in rep["rows"]}
    check(rep["inputs"] == len(made) + 1 and removed not in rows and "new.docx" in rows,
          "--resume: removed input gone, new input there")
    check(rows[changed]["sha256"] == sha256(os.path.join(root, changed)), "--resume: changed input re-hashed")
    check(": 2 converted, %d failed, %d unchanged" % (nfail, len(made) - 1 - nfail) in r.stderr,
          "--resume converts only the changed and the new input: %s" % r.stderr.strip())
    # other options: everything again
    r = run(["batch", root, "-o", out, "-j", "2", "--resume", "--limit", "nodes=19000000"] + flags)
    check(": %d converted, %d failed, 0 unchanged" % (len(made) + 1 - nfail, nfail) in r.stderr,
          "--resume with other options converts again")


def test_lists_and_usage(tmp, flags):
    root = os.path.join(tmp, "in-list")
    os.makedirs(os.path.join(root, "d"))
    for n in ("d/a.docx", "b.xml"):
        shutil.copyfile(os.path.join(DATA, "yongqing-eco-2021.docx"), os.path.join(root, n))
    lst = os.path.join(tmp, "list.txt")
    open(lst, "w").write("# inputs\n%s\n\n%s\n%s\n" % (os.path.join(root, "d"), os.path.join(root, "b.xml"),
                                                    os.path.join(root, "missing.docx")))
    out = os.path.join(tmp, "out-list")
    r = run(["batch", "@" + lst, "-o", out, "--json"])
    rows = rows_by_name(load_report(os.path.join(out, "report.json"))[0])
    check(sorted(rows) == ["a", "b", "missing"], "@list: a directory, a file, a missing file (%s)" % sorted(rows))
    check(rows["missing"]["reason"] == "cannot read input" and r.returncode == 1, "a missing listed file fails")
    r = subprocess.run([BIN, "batch", "@-", "-o", out + "2", "--json", "-q"], env=env(),
                       input=os.path.join(root, "b.xml") + "\n", capture_output=True, text=True)
    check(r.returncode == 0 and r.stderr == "" and os.path.isfile(os.path.join(out + "2", "b.json")),
          "@- reads the list from standard input; --quiet prints nothing")
    for args, what in ((["batch", root], "missing -o"), (["batch", "-o", out], "missing INPUT"),
                       (["batch", root, "-o", out, "--shard", "0/3"], "--shard 0/3"),
                       (["batch", root, "-o", out, "--shard", "4/3"], "--shard 4/3"),
                       (["batch", root, "-o", out, "-j", "0"], "-j 0"),
                       (["batch", "@" + os.path.join(tmp, "nolist"), "-o", out], "unreadable @list"),
                       (["batch", os.path.join(tmp, "empty-dir"), "-o", out], "no inputs"),
                       (["summarize", "-o", out], "summarize without OUTDIR")):
        os.makedirs(os.path.join(tmp, "empty-dir"), exist_ok=True)
        r = run(args)
        check(r.returncode == 2, "usage error exits 2: %s (%d)" % (what, r.returncode))
    r = run(["batch", root, "-o", out + "3", "--json"])
    check(r.returncode == 0 and "batch: 2 inputs: 2 converted, 0 failed" in r.stderr,
          "all converted: exit 0 and a summary line")


def test_progress_tty(tmp, flags):
    root = os.path.join(tmp, "in-tty")
    make_tree(root, 12, 1, 5)
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, "batch", root, "-o", os.path.join(tmp, "out-tty"), "-j", "2", "--json"],
                         env=env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait()
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace")
    check("\r[" in text and re.search(r"\] \d+/16 ", text) and "docs/s" in text and "ETA" in text,
          "a progress bar on a terminal: %r" % text[-200:])


def main():
    tmp = tempfile.mkdtemp(prefix="dc-batch-")
    try:
        flags = output_flags(tmp)
        print("note outputs: " + " ".join(flags))
        ref = single_reference(tmp, flags)
        root, out, made = test_main_batch(tmp, flags, ref)
        test_shards(tmp, flags, root, out)
        if not ASAN:
            test_summarize_memory(tmp, out)
        test_shards_separate_dirs(tmp, flags)
        test_gnu_parallel(tmp, flags)
        # the default outputs (XLSX and PDF) when both writers are there
        plain = [] if flags[:2] == ["--xlsx", "--pdf"] else flags
        test_killed_worker(tmp, plain, ref)
        test_limits(tmp, plain)
        test_killed_batch_and_resume(tmp, plain, ref)
        test_lists_and_usage(tmp, flags)
        test_progress_tty(tmp, flags)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d checks failed" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
