#!/bin/bash
# convert writes the XLSX in a forked child beside the PDF when a core is free
# (DISCLOSURE_WRITERS=2 forces it, =1 forbids it; docs/benchmarks.md).  Both
# ways give the same bytes, repeatably, for every input form; the child's
# failure (a full output disk) is reported as the XLSX's, once, with nothing
# left behind; a convert killed while both writers run leaves no temporary
# file and no child.  The small disk is a tmpfs in a private mount namespace
# (needs root, as full_disk.sh).
set -u
bin=${DISCLOSURE_BIN:?}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
tmp=$(mktemp -d)
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
export SOURCE_DATE_EPOCH=1609459200

same=1
for f in yongqing-eco-2021.docx yongqing-eco-2021.lo.docx yongqing-eco-2021.flat.xml \
         yongqing-eco-2021.word2003.xml; do
  for w in 1 2 2; do
    rm -rf "$tmp/w$w"
    DISCLOSURE_WRITERS=$w "$bin" convert "$data/$f" -o "$tmp/w$w" || { same=0; bad "convert $f ($w)"; }
    for ext in xlsx pdf; do
      out=$(ls "$tmp/w$w/"*.$ext 2>/dev/null)
      [ -n "$out" ] || { same=0; continue; }
      if [ -f "$tmp/ref.$ext" ]; then cmp -s "$tmp/ref.$ext" "$out" || same=0; else cp "$out" "$tmp/ref.$ext"; fi
    done
  done
  rm -f "$tmp/ref.xlsx" "$tmp/ref.pdf"
done
[ $same = 1 ] && ok "XLSX and PDF byte-identical with one writer at a time and with both at once (4 forms, twice)" ||
  bad "outputs differ between DISCLOSURE_WRITERS=1 and 2"

# killed while both writers run: no temporary file, no orphaned child
rm -rf "$tmp/k"
big=$tmp/big.docx
"${PYTHON:-/usr/bin/python3}" "$here/../bench/gen_scaled.py" "$data/yongqing-eco-2021.docx" 20 "$big"
DISCLOSURE_WRITERS=2 "$bin" convert "$big" -o "$tmp/k" &
pid=$!
for _ in $(seq 200); do
  ls -a "$tmp/k" 2>/dev/null | grep -q '\.tmp-' && break
  sleep 0.01
done
kids=$(pgrep -P "$pid" | tr '\n' ' ')
kill -TERM "$pid"
wait "$pid"
rc=$?
sleep 0.3
left=$(ls -a "$tmp/k" 2>/dev/null | grep -c '\.tmp-')
alive=0
for k in $kids; do   # gone, or a zombie its new parent has not reaped yet
  st=$(awk '/^State:/ {print $2}' "/proc/$k/status" 2>/dev/null)
  [ -n "$st" ] && [ "$st" != Z ] && alive=1
done
[ $rc = 143 ] && [ "$left" = 0 ] && [ $alive = 0 ] &&
  ok "SIGTERM during both writers: exit 143, no temporary file, the XLSX child gone (children: ${kids:-none})" ||
  bad "SIGTERM during both writers: exit $rc, $left temporary files, child alive: $alive"

if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  unshare -m --propagation private bash -c '
    set -u; t=$1; bin=$2; f=$3
    mkdir -p "$t/mnt" && mount -t tmpfs -o size=120k tmpfs "$t/mnt" || exit 3
    DISCLOSURE_WRITERS=2 "$bin" convert "$f" -o "$t/mnt" 2> "$t/err.txt"
    echo $? > "$t/rc.txt"
    ls -a "$t/mnt" | grep -v "^\.\.\?$" > "$t/left.txt"
    umount "$t/mnt"' _ "$tmp" "$bin" "$data/yongqing-eco-2021.docx"
  rc=$(cat "$tmp/rc.txt" 2>/dev/null)
  lines=$(wc -l < "$tmp/err.txt")
  if [ "$rc" = 4 ] && [ "$lines" = 1 ] && grep -q 'yongqing-eco-2021.xlsx: cannot write' "$tmp/err.txt" &&
     [ ! -s "$tmp/left.txt" ]; then
    ok "both writers onto a full disk: exit 4, one line about the XLSX, nothing left ($(cat "$tmp/err.txt"))"
  else
    bad "both writers onto a full disk: exit $rc, stderr: $(cat "$tmp/err.txt"), left: $(cat "$tmp/left.txt")"
  fi
else
  echo "note not root: the full-disk case is not run"
fi
rm -rf "$tmp"
exit $fail
