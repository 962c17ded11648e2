#!/bin/bash
# Every real .docx under ../shared/external reads with exit 0 (a fast check;
# `make external` measures the text against pandoc and LibreOffice).
set -u
bin=${DISCLOSURE_BIN:?}
ext=${SHARED:-../shared}/external
if [ ! -d "$ext" ]; then echo "skip: $ext not present"; exit 0; fi
n=0; bad=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  if ! out=$(timeout 20 "$bin" inspect "$f" --text 2>&1 >/dev/null); then
    echo "FAIL $f: $out"; bad=$((bad + 1))
  fi
done < <(find "$ext" -name '*.docx' -print0 | sort -z)
echo "external: $n files read, $bad failed"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
