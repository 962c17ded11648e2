#!/bin/bash
# inspect --text of every form of the sample equals the expected visible text
# (trailing spaces ignored), also under a .doc name and with no extension.
set -u
bin=${DISCLOSURE_BIN:?}
data=$(cd "$(dirname "$0")/../data" && pwd)
exp=$data/expected/yongqing-eco-2021.txt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # label file
  "$bin" inspect "$2" --text > "$tmp/out.txt" 2> "$tmp/err.txt"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $1: exit $rc $(cat "$tmp/err.txt")"; fail=1; return
  fi
  if ! diff <(sed 's/[[:space:]]*$//' "$tmp/out.txt") <(sed 's/[[:space:]]*$//' "$exp") > "$tmp/diff" 2>&1; then
    echo "FAIL $1: text differs from expected:"; head -20 "$tmp/diff"; fail=1; return
  fi
  echo "ok   $1"
}
for f in "$data"/yongqing-eco-2021.docx "$data"/yongqing-eco-2021.lo.docx \
         "$data"/yongqing-eco-2021.flat.xml "$data"/yongqing-eco-2021.word2003.xml \
         "$data"/yongqing-eco-2021.word2003-vmerge.xml; do
  name=$(basename "$f")
  check "$name" "$f"
  cp "$f" "$tmp/renamed.doc"; check "$name as .doc" "$tmp/renamed.doc"
  cp "$f" "$tmp/noext"; check "$name without extension" "$tmp/noext"
done
exit $fail
