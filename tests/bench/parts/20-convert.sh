#!/bin/bash
# Side by side on the sample: our convert (xlsx+pdf, pdf only, xlsx only),
# LibreOffice headless (one process per file, and one process for a list) and
# a python-docx + openpyxl script.  Medians of repeated runs (hyperfine).
set -u
bin=${BIN:-build/disclosure}
sample=tests/data/yongqing-eco-2021.docx
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1609459200
median() {  # hyperfine JSON -> median seconds
  /usr/bin/python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}
hf() {  # name runs command...
  local name=$1 runs=$2; shift 2
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/$name.json" "$*" >/dev/null 2>&1 || { echo "failed"; return; }
  median "$tmp/$name.json"
}
echo "## Conversion of the sample, side by side"
echo
echo "Input: \`$sample\` (32 pages, 28 tables). Whole-process wall time, median (hyperfine)."
echo
echo "| tool | output | median s | ratio to ours (xlsx+pdf) | command |"
echo "|---|---|---|---|---|"
mkdir -p "$tmp/o"
ours=$(hf ours 21 "$bin convert $sample -o $tmp/o")
pdf=$(hf pdf 21 "$bin convert $sample -o $tmp/o --pdf")
xlsx=$(hf xlsx 21 "$bin convert $sample -o $tmp/o --xlsx")
ratio() { /usr/bin/python3 -c "import sys; a,b=sys.argv[1:]; print('%.1f×' % (float(a)/float(b)) if a!='failed' and b!='failed' and float(b)>0 else '-')" "$1" "$ours"; }
echo "| disclosure | xlsx + pdf | $ours | 1.0× | \`disclosure convert $sample -o OUT\` |"
echo "| disclosure | pdf | $pdf | $(ratio "$pdf") | \`disclosure convert $sample -o OUT --pdf\` |"
echo "| disclosure | xlsx | $xlsx | $(ratio "$xlsx") | \`disclosure convert $sample -o OUT --xlsx\` |"
profile="file://$tmp/lo-profile"
soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir "$tmp/lo" "$sample" >/dev/null 2>&1
lo=$(hf lo 5 "soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $tmp/lo $sample")
echo "| LibreOffice 7.4, one process per file | pdf | $lo | $(ratio "$lo") | \`soffice --headless --convert-to pdf $sample\` |"
mkdir -p "$tmp/many"
for i in $(seq 20); do cp "$sample" "$tmp/many/s$i.docx"; done
lolist=$(hf lolist 3 "soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $tmp/lo2 $(echo $tmp/many/*.docx)")
per=$( [ "$lolist" = failed ] && echo failed || /usr/bin/python3 -c "print('%.4f' % (float('$lolist')/20))")
echo "| LibreOffice 7.4, one process for 20 files | pdf | $per per file | $(ratio "$per") | \`soffice --headless --convert-to pdf 20 files\` |"
py=$(hf py 11 "/usr/bin/python3 tests/bench/python_docx_tables.py $sample $tmp/py.xlsx")
echo "| python-docx + openpyxl script | xlsx (cell text only) | $py | $(ratio "$py") | \`python3 tests/bench/python_docx_tables.py $sample OUT.xlsx\` |"
echo
"$bin" convert "$sample" -o "$tmp/o" >/dev/null 2>&1
soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir "$tmp/lo" "$sample" >/dev/null 2>&1
ps=$(stat -c %s "$tmp/o/yongqing-eco-2021.pdf" 2>/dev/null || echo 0)
ls_=$(stat -c %s "$tmp/lo/yongqing-eco-2021.pdf" 2>/dev/null || echo 0)
xs=$(stat -c %s "$tmp/o/yongqing-eco-2021.xlsx" 2>/dev/null || echo 0)
pages=$(pdfinfo "$tmp/o/yongqing-eco-2021.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
lopages=$(pdfinfo "$tmp/lo/yongqing-eco-2021.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "Sizes: our PDF $((ps / 1024)) KiB (${pages:-?} pages), LibreOffice's PDF $((ls_ / 1024)) KiB (${lopages:-?} pages), our XLSX $((xs / 1024)) KiB."
