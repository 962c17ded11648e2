#!/bin/bash
# Side by side on the sample: our convert (xlsx+pdf, pdf only, xlsx only),
# LibreOffice headless (one process per file, and one process for a list) and
# a python-docx + openpyxl script.  Medians of runs interleaved round by round
# (tests/bench/interleave.py), so that the shared machine's load is shared too.
set -u
bin=${BIN:-build/disclosure}
sample=tests/data/yongqing-eco-2021.docx
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1609459200
echo "## Conversion of the sample, side by side"
echo
echo "Input: \`$sample\` (32 pages, 28 tables). Whole-process wall time, median. The commands are"
echo "measured in turn, round after round (\`tests/bench/interleave.py\`: 7 rounds, each running"
echo "ours 3 times per output, LibreOffice once per file and the python script once), so that"
echo "the load of the shared machine falls on all of them alike; load average at the start:"
echo "$(cut -d' ' -f1-3 /proc/loadavg). *CPU s*: median user + system time of the process and its"
echo "children, which the machine's load changes much less than the wall time."
echo
echo "| tool | output | median s | ratio to ours (xlsx+pdf) | CPU s | CPU ratio | command |"
echo "|---|---|---|---|---|---|---|"
mkdir -p "$tmp/o" "$tmp/many"
profile="file://$tmp/lo-profile"
for i in $(seq 20); do cp "$sample" "$tmp/many/s$i.docx"; done
lo="soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $tmp/lo"
/usr/bin/python3 tests/bench/interleave.py "$tmp/m.json" 7 \
  "ours:3:$bin convert $sample -o $tmp/o" \
  "pdf:3:$bin convert $sample -o $tmp/o --pdf" \
  "xlsx:3:$bin convert $sample -o $tmp/o --xlsx" \
  "lo:1:$lo $sample" \
  "py:1:/usr/bin/python3 tests/bench/python_docx_tables.py $sample $tmp/py.xlsx" >/dev/null
/usr/bin/python3 tests/bench/interleave.py "$tmp/l.json" 2 \
  "ours:3:$bin convert $sample -o $tmp/o" \
  "lolist:1:soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $tmp/lo2 $(echo $tmp/many/*.docx)" >/dev/null
get() { /usr/bin/python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3] if len(sys.argv) > 3 else "median"]; print("failed" if v is None else "%.4f" % v)' "$@"; }
ours=$(get "$tmp/m.json" ours); pdf=$(get "$tmp/m.json" pdf); xlsx=$(get "$tmp/m.json" xlsx)
lo_s=$(get "$tmp/m.json" lo); py=$(get "$tmp/m.json" py)
ours2=$(get "$tmp/l.json" ours); lolist=$(get "$tmp/l.json" lolist)
c_ours=$(get "$tmp/m.json" ours cpu); c_pdf=$(get "$tmp/m.json" pdf cpu)
c_xlsx=$(get "$tmp/m.json" xlsx cpu); c_lo=$(get "$tmp/m.json" lo cpu); c_py=$(get "$tmp/m.json" py cpu)
ratio() { /usr/bin/python3 -c "import sys; a,b=sys.argv[1:]; print('%.1f×' % (float(a)/float(b)) if a!='failed' and b!='failed' and float(b)>0 else '-')" "$1" "${2:-$ours}"; }
echo "| disclosure | xlsx + pdf | $ours | 1.0× | $c_ours | 1.0× | \`disclosure convert $sample -o OUT\` |"
echo "| disclosure | pdf | $pdf | $(ratio "$pdf") | $c_pdf | $(ratio "$c_pdf" "$c_ours") | \`disclosure convert $sample -o OUT --pdf\` |"
echo "| disclosure | xlsx | $xlsx | $(ratio "$xlsx") | $c_xlsx | $(ratio "$c_xlsx" "$c_ours") | \`disclosure convert $sample -o OUT --xlsx\` |"
echo "| LibreOffice 7.4, one process per file | pdf | $lo_s | $(ratio "$lo_s") | $c_lo | $(ratio "$c_lo" "$c_ours") | \`soffice --headless --convert-to pdf $sample\` |"
per=$( [ "$lolist" = failed ] && echo failed || /usr/bin/python3 -c "print('%.4f' % (float('$lolist')/20))")
echo "| LibreOffice 7.4, one process for 20 files | pdf | $per per file | $(ratio "$per" "$ours2") (ours $ours2 s in those rounds) | | | \`soffice --headless --convert-to pdf 20 files\` |"
echo "| python-docx + openpyxl script | xlsx (cell text only) | $py | $(ratio "$py") | $c_py | $(ratio "$c_py" "$c_ours") | \`python3 tests/bench/python_docx_tables.py $sample OUT.xlsx\` |"
echo
"$bin" convert "$sample" -o "$tmp/o" >/dev/null 2>&1
soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir "$tmp/lo" "$sample" >/dev/null 2>&1
ps=$(stat -c %s "$tmp/o/yongqing-eco-2021.pdf" 2>/dev/null || echo 0)
ls_=$(stat -c %s "$tmp/lo/yongqing-eco-2021.pdf" 2>/dev/null || echo 0)
xs=$(stat -c %s "$tmp/o/yongqing-eco-2021.xlsx" 2>/dev/null || echo 0)
pages=$(pdfinfo "$tmp/o/yongqing-eco-2021.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
lopages=$(pdfinfo "$tmp/lo/yongqing-eco-2021.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "Sizes: our PDF $((ps / 1024)) KiB (${pages:-?} pages), LibreOffice's PDF $((ls_ / 1024)) KiB (${lopages:-?} pages), our XLSX $((xs / 1024)) KiB."
