#!/bin/bash
# Runs the binary under valgrind (memcheck, full leak check) over the sample in
# every form, the bad-input cases' kinds of files and every external .docx;
# any error or leak fails.  `make valgrind`.
set -u
bin=${DISCLOSURE_BIN:-build/disclosure}
shared=${SHARED:-../shared}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect)
n=0; bad=0
run() {
  n=$((n + 1))
  "${vg[@]}" "$@" >/dev/null 2>"$tmp/vg.txt"
  if [ $? -eq 99 ] || grep -q '==[0-9]*==' "$tmp/vg.txt"; then
    bad=$((bad + 1)); echo "FAIL: $*"; head -30 "$tmp/vg.txt"
  fi
}
for f in tests/data/yongqing-eco-2021.*; do
  run "$bin" inspect "$f" --json
  run "$bin" inspect "$f" --disclosure
  # the XLSX written in turn (its memory checked like the rest), then beside the PDF in
  # a forked child: that child ends with _exit and frees nothing by design, so only
  # the parent is checked there (the child runs the same writer as the first run)
  DISCLOSURE_WRITERS=1 run "$bin" convert "$f" -o "$tmp/out"
  vg+=(--child-silent-after-fork=yes)
  DISCLOSURE_WRITERS=2 run "$bin" convert "$f" -o "$tmp/out"
  unset 'vg[${#vg[@]}-1]'
  run "$bin" check "$f"
done
printf 'PK\003\004broken' > "$tmp/trunc.docx"; run "$bin" inspect "$tmp/trunc.docx"
printf '' > "$tmp/empty.docx"; run "$bin" inspect "$tmp/empty.docx"
printf '<?xml version="1.0"?>\n<a><b></a>' > "$tmp/bad.xml"; run "$bin" inspect "$tmp/bad.xml"
if [ -d "$shared/external" ]; then
  while IFS= read -r -d '' f; do run "$bin" inspect "$f" --json; done \
    < <(find "$shared/external" -name '*.docx' -print0 | sort -z)
fi
echo "valgrind: $n runs, $bad with errors or leaks"
[ $bad -eq 0 ]
