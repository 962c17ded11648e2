#!/usr/bin/env python3
"""Writes a batch report of N rows for measuring `disclosure summarize`.

usage: gen_report.py BATCH_OUTDIR N OUT_DIR

BATCH_OUTDIR holds a finished `disclosure batch` (its report.json and the
documents' outputs).  OUT_DIR/report.json gets N rows: the batch's rows
repeated in turn under new names ("g000001/NAME", ...), their outputs pointing
at the batch's own files (relative paths), so that every row is a real row
whose document JSON exists.  Failed rows are repeated as they are.
"""
import json
import os
import sys


def main():
    src, n, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(os.path.join(src, "report.json"), encoding="utf-8") as f:
        rep = json.load(f)
    rows = rep["rows"]
    if not rows:
        sys.exit("gen_report: no rows in %s" % src)
    os.makedirs(dst, exist_ok=True)
    up = os.path.relpath(src, dst)
    ok = 0
    with open(os.path.join(dst, "report.json"), "w", encoding="utf-8") as out:
        head = dict(rep)
        head.pop("rows")
        head.update(inputs=n, shard=None)
        lines = []
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["name"] = "g%06d/%s" % (i, row["name"])
            row["input"] = "g%06d/%s" % (i, row["input"])
            row["relpath"] = "g%06d/%s" % (i, row["relpath"])
            row["outputs"] = {k: (os.path.join(up, v) if v else v)
                              for k, v in (row.get("outputs") or {}).items()}
            ok += row["status"] == "ok"
            lines.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        head.update(converted=ok, failed=n - ok)
        text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
        out.write(text[:-1] + ',"rows":[\n' + ",\n".join(lines) + "\n]}\n")


if __name__ == "__main__":
    main()
