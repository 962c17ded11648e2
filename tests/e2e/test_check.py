#!/usr/bin/python3
"""`disclosure check` end to end: the sample (no errors, the two known
warnings, exit 0), variants of the sample made here by editing its
word/document.xml (a wrong income total, a wrong procurement total, a
section removed, numbers with thousands separators or full-width digits),
--json, and the exit codes for unreadable files and bad usage."""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

from checks import check, fails

BIN = os.environ.get("DISCLOSURE_BIN", "build/disclosure")
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "data", "yongqing-eco-2021.docx")


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def variant(tmp, name, edit):
    """A copy of the sample whose document.xml went through edit(xml)."""
    out = os.path.join(tmp, name)
    with zipfile.ZipFile(SAMPLE) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                new = edit(text)
                if new == text:
                    raise SystemExit("variant %s: the edit changed nothing" % name)
                data = new.encode("utf-8")
            zout.writestr(item, data)
    return out


def codes(stdout):
    return re.findall(r"^\S+: (error|warning|info) (\S+) ", stdout, re.M)


def main():
    # The sample: consistent sums, two warnings, exit 0.
    rc, out, err = run("check", SAMPLE)
    found = codes(out)
    check("sample exits 0", rc == 0, "rc=%d %s" % (rc, err))
    check("sample has no errors", not [c for s, c in found if s == "error"], out)
    check("sample warns about the numbering jump",
          ("warning", "numbering.skip") in found and "（十）" in out, out)
    check("sample warns about the foreign TC entry",
          ("warning", "toc.mismatch") in found and "交通局" in out, out)
    check("sample summary line", re.search(r": 0 errors, 2 warnings, \d+ notes?$", out, re.M)
          is not None, out)

    rc, out, err = run("check", "--json", SAMPLE)
    try:
        data = json.loads(out)
    except ValueError as e:
        data = None
        check("--json is JSON", False, str(e))
    if data is not None:
        f = data[0]
        check("--json fields", f["errors"] == 0 and f["warnings"] == 2 and
              f["department"] == "廊坊市生态环境局永清县分局" and f["year"] == 2021, str(f)[:300])
        check("--json findings carry code, place, message, source",
              all({"severity", "code", "place", "message", "source"} <= set(x) for x in
                  f["findings"]))

    with tempfile.TemporaryDirectory() as tmp:
        # A wrong income total.
        bad = variant(tmp, "wrong-income.docx",
                      lambda x: x.replace("2021年预算收入3586.14", "2021年预算收入3568.14", 1))
        rc, out, err = run("check", bad)
        found = codes(out)
        check("wrong income total exits 1", rc == 1, "rc=%d" % rc)
        check("wrong income total: income.sum", ("error", "income.sum") in found, out)
        check("wrong income total: expenditure.income",
              ("error", "expenditure.income") in found, out)

        # A procurement total that the rows do not make.
        bad = variant(tmp, "wrong-procurement.docx",
                      lambda x: x.replace("安排政府采购预算268.17", "安排政府采购预算286.17", 1))
        rc, out, err = run("check", bad)
        check("wrong procurement total: procurement.total",
              rc == 1 and ("error", "procurement.total") in codes(out), out)

        # Thousands separators and full-width digits: the same figures, no error.
        sep = variant(tmp, "separators.docx",
                      lambda x: x.replace("一般公共预算收入1920.96", "一般公共预算收入1,920.96", 1)
                      .replace("上年结转1665.18", "上年结转１６６５．１８", 1))
        rc, out, err = run("check", sep)
        check("separators and full-width digits: no error", rc == 0, out)
        rc, out, err = run("inspect", sep, "--disclosure")
        inc = json.loads(out)["income"]
        check("separators and full-width digits: same figures",
              inc["general_public_budget"] == 1920.96 and
              inc["carried_over_from_last_year"] == 1665.18, str(inc))

        # A section removed: say what is missing.
        cut = variant(tmp, "no-glossary.docx",
                      lambda x: x.replace("八、名词解释", "八、附录", 1))
        rc, out, err = run("check", cut)
        check("missing section: section.missing",
              ("warning", "section.missing") in codes(out) and "名词解释" in out, out)

        # Unreadable input wins over findings; usage errors are 2.
        junk = os.path.join(tmp, "junk.docx")
        with open(junk, "wb") as f:
            f.write(b"not a zip")
        rc, out, err = run("check", bad, junk)
        check("unreadable file exits 3", rc == 3 and "junk.docx" in err, "rc=%d %s" % (rc, err))
        rc, out, err = run("check", "--json", junk)
        check("unreadable file in --json", rc == 3 and json.loads(out)[0].get("error"), out)
    rc, out, err = run("check")
    check("no FILE is a usage error", rc == 2, "rc=%d" % rc)
    rc, out, err = run("check", "--bogus", SAMPLE)
    check("unknown option is a usage error", rc == 2, "rc=%d" % rc)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
