#!/usr/bin/python3
"""inspect --json gives the same tables for every Word-XML form of the sample.

The .docx, the LibreOffice .docx, the Flat OPC file and the Word 2003 XML with
its vertical merges must give identical tables: rows, cell positions,
rowspan/colspan and cell texts.  The Word 2003 XML without its merges
(LibreOffice's export leaves the continuation cells out) must put every cell
at the same position too; the reader restores the lost merges and counts them
in inferred_merges, so its tables equal the others and the inferred counts
add up to the continuations of the original.  All must match the `tables`
entry of the expected facts (row count, grid columns, gridSpan positions,
w:tc count, vertical-merge continuations).
"""
import json
import os
import subprocess
import sys

BIN = os.environ.get("DISCLOSURE_BIN", "build/disclosure")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
EXPECTED = os.path.join(DATA, "expected", "yongqing-eco-2021.json")
FORMS = ["docx", "lo.docx", "flat.xml", "word2003-vmerge.xml", "word2003.xml"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def inspect_json(path):
    out = subprocess.run([BIN, "inspect", path, "--json"], capture_output=True)
    if out.returncode != 0:
        raise SystemExit("inspect --json %s: exit %d %s" %
                         (path, out.returncode, out.stderr.decode("utf-8", "replace")))
    return json.loads(out.stdout)


def cell_text(blocks):
    """Non-empty paragraphs, trailing spaces dropped (two producers drop them)."""
    lines = []
    for b in blocks:
        if b["type"] in ("paragraph", "heading"):
            t = b["text"].rstrip()
            if t.strip():
                lines.append(t)
        elif b["type"] == "table":
            lines.append(repr(table_shape(b)))
    return "\n".join(lines)


def table_shape(t):
    return {
        "rows": t["row_count"],
        "cols": t["col_count"],
        "cells": [[(c["row"], c["col"], c["rowspan"], c["colspan"], cell_text(c["blocks"]))
                   for c in r["cells"]] for r in t["rows"]],
    }


def tables_of(doc):
    return [b for b in doc["body"] if b["type"] == "table"]


def tc_facts(t):
    """What the expected facts count in the source XML: w:tc elements per row
    (a merge's first cell plus one continuation per further row), the
    [row, tc index, span] of every cell spanning columns, and the number of
    continuations."""
    cells = [c for r in t["rows"] for c in r["cells"]]
    nrows = t["row_count"]
    per_row = [[] for _ in range(nrows)]
    for c in cells:
        for r in range(c["row"], min(c["row"] + c["rowspan"], nrows)):
            per_row[r].append((c["col"], c, r == c["row"]))
    gridspans = []
    ntc = 0
    for r, units in enumerate(per_row):
        units.sort(key=lambda u: u[0])
        ntc += len(units)
        for i, (col, c, first) in enumerate(units):
            if first and c["colspan"] > 1:
                gridspans.append([r, i, c["colspan"]])
    continuations = sum(c["rowspan"] - 1 for c in cells)
    return ntc, gridspans, continuations


def main():
    with open(EXPECTED, encoding="utf-8") as f:
        expected = json.load(f)["tables"]
    docs = {form: inspect_json(os.path.join(DATA, "yongqing-eco-2021." + form))
            for form in FORMS}
    shapes = {form: [table_shape(t) for t in tables_of(d)] for form, d in docs.items()}

    reference = shapes["docx"]
    for form in FORMS[1:]:
        got = shapes[form]
        if len(got) != len(reference):
            fail("%s: %d tables, .docx has %d" % (form, len(got), len(reference)))
            continue
        for i, (a, b) in enumerate(zip(reference, got)):
            if a["rows"] != b["rows"] or a["cols"] != b["cols"]:
                fail("%s table %d: %dx%d, .docx %dx%d" %
                     (form, i + 1, b["rows"], b["cols"], a["rows"], a["cols"]))
                continue
            for r, (ra, rb) in enumerate(zip(a["cells"], b["cells"])):
                if ra != rb:
                    fail("%s table %d row %d:\n  got  %s\n  docx %s" % (form, i + 1, r, rb, ra))
                    break

    # Only the file without merges has inferred ones, and they are all of them.
    for form in FORMS:
        inferred = sum(t.get("inferred_merges", 0) for t in tables_of(docs[form]))
        want = 124 if form == "word2003.xml" else 0
        if inferred != want:
            fail("%s: inferred_merges add up to %d, expected %d" % (form, inferred, want))

    # The facts.
    if expected["count"] != len(reference):
        fail("expected %d tables, read %d" % (expected["count"], len(reference)))
    for form in FORMS:
        for i, (t, e) in enumerate(zip(tables_of(docs[form]), expected["in_order"])):
            ntc, gridspans, cont = tc_facts(t)
            got = (t["row_count"], t["col_count"], ntc, gridspans, cont)
            want = (e["rows"], e["grid_columns"], e["cells"], e["gridspan_cells"],
                    e["vmerge_continuation_cells"])
            if got != want:
                fail("%s table %d (%s): rows, grid columns, w:tc, gridSpan cells, "
                     "continuations = %s, expected %s" % (form, i + 1, e["kind"], got, want))

    if failures:
        print("%d failures" % len(failures))
        return 1
    print("ok   %d tables agree across %s and match the expected facts" %
          (len(reference), ", ".join(FORMS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
