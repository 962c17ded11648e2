#!/bin/bash
# Where the time of one sample conversion goes: callgrind instruction counts
# (repeatable, unlike seconds), the top functions by their own cost and the
# split by library.
set -u
bin=${BIN:-build/disclosure}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1609459200
echo "## Profile of one conversion (xlsx + pdf)"
echo
echo "Command: \`DISCLOSURE_WRITERS=2 valgrind --tool=callgrind $bin convert tests/data/yongqing-eco-2021.docx -o OUT\`,"
echo "then \`callgrind_annotate --inclusive=no\` (instructions, not seconds; the build is -O2 -g)."
echo "convert writes the XLSX in a forked child while the parent writes the PDF: the table is the"
echo "parent (start, fonts, reading, recognition, PDF: the critical path); the child's work comes"
echo "first."
echo
DISCLOSURE_WRITERS=2 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.%p.out" "$bin" convert \
  tests/data/yongqing-eco-2021.docx -o "$tmp/o" >/dev/null 2>"$tmp/vg.txt"
outs=$(ls "$tmp"/cg.*.out | sort -t. -k2 -n)
parent=$(echo "$outs" | head -1)
child=$(echo "$outs" | sed -n 2p)
callgrind_annotate --inclusive=no --threshold=100 "$parent" > "$tmp/self.txt" 2>/dev/null
total_of() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
if [ -n "$child" ]; then
  # the child's counts include what it inherited up to the fork
  echo "XLSX child: $(total_of "$child" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') instructions in its profile (including what it inherited"
  echo "up to the fork); its own work is about the workbook (\`dc_xlsx_write\`,"
  echo "$(callgrind_annotate --inclusive=yes "$child" 2>/dev/null | awk '/dc_xlsx_write/ {print $1; exit}') instructions)."
  echo
fi
/usr/bin/python3 - "$tmp/self.txt" <<'PY'
import collections, os, re, sys
rows = []
total = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)\s+\[(.*)\]\s*$", line)
    if m:
        rows.append((int(m.group(1).replace(",", "")), m.group(2), m.group(3)))
    m = re.match(r"\s*([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", line)
    if m:
        total = int(m.group(1).replace(",", ""))
def lib(path):
    return "ours" if path.endswith("/disclosure") else os.path.basename(path)
print("Total: {:,} instructions.".format(total))
print()
print("| share | function | library |")
print("|---|---|---|")
for n, fn, path in rows[:15]:
    name = fn.split(":", 1)[1] if ":" in fn else fn
    src = fn.split(":", 1)[0]
    if name.startswith("0x"):
        name = "(no symbol)"
    where = lib(path) + (" (" + os.path.basename(src) + ")" if lib(path) == "ours" else "")
    print("| %.1f%% | `%s` | %s |" % (100.0 * n / total, name, where))
print()
by = collections.Counter()
for n, fn, path in rows:
    by[lib(path)] += n
print("By library (own cost): " + ", ".join("%s %.1f%%" % (l, 100.0 * n / total)
                                           for l, n in by.most_common(8)) + ".")
PY
