#!/bin/bash
# PDF writer: where its time goes (DISCLOSURE_PDF_TIMING, median of 21 runs),
# the PDF's size and pages, and how faithfully its text comes back
# (pdftotext -raw against the expected text), beside LibreOffice's PDF of the
# same file in the same run.  Prints a Markdown section.
set -u
bin=${BIN:-build/disclosure}
sample=tests/data/yongqing-eco-2021.docx
expected=tests/data/expected/yongqing-eco-2021.txt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1609459200
runs=21

: > "$tmp/timing.txt"
for _ in $(seq $runs); do
  DISCLOSURE_PDF_TIMING=1 "$bin" convert "$sample" -o "$tmp/o" --pdf 2>> "$tmp/timing.txt" >/dev/null
done
for _ in $(seq $runs); do
  DISCLOSURE_PDF_TIMING=1 "$bin" convert "$sample" -o "$tmp/a" --pdf --pdfa 2>> "$tmp/timing-a.txt" >/dev/null
done
profile="file://$tmp/lo-profile"
lo_ok=1
soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir "$tmp/lo" "$sample" \
  >/dev/null 2>&1 || lo_ok=0
start=$(date +%s.%N)
soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir "$tmp/lo" "$sample" \
  >/dev/null 2>&1 || lo_ok=0
lo_s=$(echo "$(date +%s.%N) - $start" | bc)

/usr/bin/python3 - "$tmp" "$sample" "$expected" "$lo_ok" "$lo_s" "$bin" <<'EOF'
import os, re, statistics, subprocess, sys
tmp, sample, expected, lo_ok, lo_s, binary = sys.argv[1:]
sys.path.insert(0, "tests/e2e")
import test_pdf as T

def phases(path):
    rows = [l for l in open(path, encoding="utf-8") if l.startswith("pdf timing:")]
    keys = ["layout", "fonts (subset+embed)", "pages", "save", "total"]
    out = {}
    for k in keys:
        vals = [float(re.search(re.escape(k) + r" ([\d.]+) ms", l).group(1)) for l in rows]
        out[k] = statistics.median(vals) if vals else float("nan")
    return out, len(rows)

p, n = phases(os.path.join(tmp, "timing.txt"))
pa, _ = phases(os.path.join(tmp, "timing-a.txt"))
print("## PDF writer")
print()
print("Input: `%s`. In-process phases of the PDF writer, median of %d runs "
      "(`DISCLOSURE_PDF_TIMING=1 %s convert %s -o OUT --pdf`); font resolution "
      "(fontconfig, faces opened) happens before and is not included." % (sample, n, binary, sample))
print()
print("| phase | --pdf ms | --pdf --pdfa ms |")
print("|---|---|---|")
names = {"layout": "layout (line breaking, tables, pagination)",
         "fonts (subset+embed)": "fonts (HarfBuzz subsets, font objects)",
         "pages": "page contents", "save": "save (deflate, write)", "total": "**total**"}
for k, label in names.items():
    print("| %s | %.2f | %.2f |" % (label, p[k], pa[k]))
print()
exp = open(expected, encoding="utf-8").read()
ours = os.path.join(tmp, "o", "yongqing-eco-2021.pdf")
lo = os.path.join(tmp, "lo", "yongqing-eco-2021.pdf")

def describe(pdf):
    if not os.path.exists(pdf):
        return None
    found, precision, _ = T.text_measure(exp, pdf)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)
    fonts = len(subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout.splitlines()) - 2
    return os.path.getsize(pdf) // 1024, pages, fonts, 100 * found, 100 * precision

print("Text fidelity: `pdftotext -raw` of the PDF against `%s`, whitespace removed; "
      "*found* = expected characters found in order (longest common subsequence), "
      "*precision* = PDF characters that are expected text." % expected)
print()
print("| PDF | KiB | pages | fonts | found | precision |")
print("|---|---|---|---|---|---|")
d = describe(ours)
print("| disclosure --pdf | %d | %s | %d | %.3f%% | %.3f%% |" % d)
d = describe(lo) if lo_ok == "1" else None
if d:
    print("| LibreOffice 7.4 (`soffice --headless --convert-to pdf`, %.1f s this run) "
          "| %d | %s | %d | %.3f%% | %.3f%% |" % ((float(lo_s),) + d))
else:
    print("| LibreOffice | (not available) | | | | |")
EOF
