#!/bin/bash
# Issue 18 ("nothing silently wrong"): a document that does not fit in the
# memory it is given is reported as out of memory, never as a malformed
# document (libxml2's failed allocations used to come out as "malformed XML",
# exit 3, with libxml2's own lines on stderr).  convert under ulimit -v and
# batch under --memory, stepped across the point where the sample stops
# fitting; every run either converts or fails with one line naming the
# memory, and leaves no temporary file.
set -u
bin=${DISCLOSURE_BIN:?}
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../data/yongqing-eco-2021.docx
py=${PYTHON:-/usr/bin/python3}
if [ -n "${ASAN_OPTIONS:-}" ]; then
  echo "ok   (skipped under AddressSanitizer: it needs terabytes of address space)"; exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
ok=0 oom=0
for v in $(seq 60000 5000 180000); do
  rm -rf "$tmp/o"
  (ulimit -v $v; exec "$bin" convert "$sample" -o "$tmp/o") 2> "$tmp/err"; rc=$?
  [ $rc -eq 127 ] && continue   # the loader itself did not fit
  left=$(find "$tmp" -name '.*.tmp-*' | wc -l)
  if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$left" -eq 0 ]; then
    ok=$((ok + 1))
  elif [ $rc -eq 5 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "out of memory" "$tmp/err" &&
       [ "$left" -eq 0 ]; then
    oom=$((oom + 1))
  elif [ $rc -eq 2 ] && grep -q "no usable TrueType font" "$tmp/err"; then
    :   # fontconfig starts with no fonts when it cannot allocate: not a document verdict
  else
    echo "FAIL convert under ulimit -v $v: exit $rc, $left left: $(head -c 400 "$tmp/err")"; fail=1
  fi
done
if [ $oom -eq 0 ] || [ $ok -eq 0 ]; then
  echo "FAIL convert under ulimit -v: $oom out-of-memory runs, $ok converted (the steps missed the limit)"
  fail=1
else
  echo "ok   convert under ulimit -v: $oom runs out of memory (exit 5, one line), $ok converted"
fi

mkdir -p "$tmp/in" && cp "$sample" "$tmp/in/a.docx"
seen=
for m in $(seq 100 5 200); do
  rm -rf "$tmp/b"
  "$bin" batch "$tmp/in" -o "$tmp/b" -q --memory $m 2>/dev/null
  r=$("$py" -c 'import json,sys; r=json.load(open(sys.argv[1]))["rows"][0]; print(r["status"], r["reason"])' \
      "$tmp/b/report.json" 2>/dev/null)
  case "$r" in
    "ok None"|"failed memory limit"|"failed out of memory") seen="$seen${r#* }," ;;
    *) echo "FAIL batch --memory $m: the row says '$r'"; fail=1 ;;
  esac
done
case "$seen" in
  *None*) echo "ok   batch --memory 100..200: rows are converted or out of memory, never malformed" ;;
  *) echo "FAIL batch --memory 100..200: never converted ($seen)"; fail=1 ;;
esac
exit $fail
