#!/bin/bash
# Report rows and `summarize` at scale: the size of a batch report row for the
# sample, and `summarize` of a generated 10,000-row report (tests/bench/
# gen_report.py repeats a small batch's rows under new names, their outputs
# pointing at that batch's files): wall time, peak memory, workbook size.
set -u
bin=${BIN:-build/disclosure}
n=${BENCH_ROWS:-10000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1609459200
mkdir -p "$tmp/in"
for f in yongqing-eco-2021.docx yongqing-eco-2021.flat.xml yongqing-eco-2021.word2003.xml \
         yongqing-eco-2021.lo.docx; do
  cp "tests/data/$f" "$tmp/in/"
done
printf 'not a word document' > "$tmp/in/broken.docx"
"$bin" batch "$tmp/in" -o "$tmp/b" -q >/dev/null 2>&1
echo "## Report rows and \`summarize\` at scale"
echo
/usr/bin/python3 - "$tmp/b/report.json" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[1:-1]
rows = [json.loads(l.rstrip(",")) for l in lines]
ok = [len(l.encode()) for l, r in zip(lines, rows) if r["status"] == "ok"]
bad = [len(l.encode()) for l, r in zip(lines, rows) if r["status"] != "ok"]
print("A report row (one line of `report.json`, `disclosure batch` of the sample's forms): "
      "%d–%d bytes for a converted document, %d for a failed one (the goal: at most 16 KB; "
      "the findings and indicators are in each document's JSON)." % (min(ok), max(ok), max(bad)))
PY
echo
/usr/bin/python3 tests/bench/gen_report.py "$tmp/b" "$n" "$tmp/g"
/usr/bin/time -f '%e %M' -o "$tmp/t.txt" "$bin" summarize "$tmp/g" -o "$tmp/s" -q >/dev/null 2>&1
read -r secs kb < <(tail -1 "$tmp/t.txt")
rep=$(( $(stat -c %s "$tmp/g/report.json") / 1048576 ))
xl=$(( $(stat -c %s "$tmp/s/summary.xlsx" 2>/dev/null || echo 0) / 1048576 ))
echo "| rows | report.json MiB | seconds | peak MiB | summary.xlsx MiB | command |"
echo "|---|---|---|---|---|---|"
echo "| $n | $rep | $secs | $((kb / 1024)) | $xl | \`tests/bench/gen_report.py OUT $n G; /usr/bin/time -f '%e %M' disclosure summarize G -o S\` |"
