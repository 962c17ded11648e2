#!/bin/bash
# Issue 18, items 5 and 6: --resume reconverts an input whose output was
# removed, replaced by junk, cut short or changed in place (each row records
# its outputs' sizes and SHA-256); a second batch into an OUTDIR in use is
# refused with exit 2 and a clear message, and the first one is unharmed.
set -u
bin=${DISCLOSURE_BIN:?}
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../data/yongqing-eco-2021.docx
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
pids=
trap 'for p in $pids; do kill -9 $p 2>/dev/null; done; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
export SOURCE_DATE_EPOCH=1609459200
mkdir in && for x in a b c d e; do cp "$sample" in/$x.docx; done
"$bin" batch in -o out -q --xlsx --pdf --json || { echo "FAIL first run"; exit 1; }
# The row records every output's size and hash, and they are right.
"$py" - <<'PY' || fail=1
import hashlib, json, os
rows = json.load(open("out/report.json"))["rows"]
for r in rows:
    files = r["output_files"]
    assert sorted(files) == ["json", "pdf", "xlsx"], files
    for k, rel in r["outputs"].items():
        data = open(os.path.join("out", rel), "rb").read()
        assert files[k]["bytes"] == len(data), (rel, files[k])
        assert files[k]["sha256"] == hashlib.sha256(data).hexdigest(), rel
print("ok   rows record size and SHA-256 of every output")
PY
cp out/a.pdf a.pdf.good
rm out/a.xlsx                                   # missing
echo junk > out/b.pdf                           # junk
head -c 1000 a.pdf.good > out/c.pdf             # cut short
"$py" -c 'import sys; p="out/d.pdf"; b=bytearray(open(p,"rb").read()); b[len(b)//2]^=1; open(p,"wb").write(b)'  # same size
"$bin" batch in -o out --xlsx --pdf --json --resume 2> err; rc=$?
if [ $rc -ne 0 ] || ! grep -q "4 converted, 0 failed, 1 unchanged" err; then
  echo "FAIL --resume after damage: exit $rc: $(cat err)"; fail=1
elif ! cmp -s out/a.pdf a.pdf.good || ! cmp -s out/b.pdf a.pdf.good || ! cmp -s out/c.pdf a.pdf.good ||
     ! cmp -s out/d.pdf a.pdf.good || [ ! -s out/a.xlsx ]; then
  echo "FAIL --resume after damage: outputs not restored"; fail=1
else
  echo "ok   --resume reconverts the missing, junk, cut-short and changed outputs, skips the intact one"
fi
"$bin" batch in -o out --xlsx --pdf --json --resume 2> err
grep -q "0 converted, 0 failed, 5 unchanged" err || { echo "FAIL --resume when intact: $(cat err)"; fail=1; }

# Two batches into one OUTDIR: the second is refused while the first runs.
export DISCLOSURE_TEST_HOLD_FILE=$tmp/hold
"${DISCLOSURE_TEST_BIN:?}" batch in -o out2 -q -j 1 2> err1 & first=$!; pids="$pids $first"
for _ in $(seq 600); do [ -e hold ] && break; sleep 0.1; done
[ -e hold ] || { echo "FAIL the first batch never started"; fail=1; }
env -u DISCLOSURE_TEST_HOLD_FILE "$bin" batch in -o out2 -q 2> err2; rc2=$?
env -u DISCLOSURE_TEST_HOLD_FILE "$bin" batch in -o out2 -q --resume 2> err3; rc3=$?
# summarize writes what an unsharded batch writes: refused there too
env -u DISCLOSURE_TEST_HOLD_FILE "$bin" summarize out -o out2 -q 2> err4; rc4=$?
# while the first holds, keep releasing it document by document
( while kill -0 $first 2>/dev/null; do rm -f hold; sleep 0.05; done ) &
wait $first; rc1=$?
if [ $rc2 -ne 2 ] || [ $rc3 -ne 2 ] || [ "$(wc -l < err2)" -ne 1 ] ||
   ! grep -qE "^disclosure batch: out2: another batch \(pid $first\) is writing into this directory; wait for it to finish or choose another -o$" err2; then
  echo "FAIL second batch: exits $rc2/$rc3: $(cat err2 err3)"; fail=1
elif [ $rc1 -ne 0 ] || [ "$("$py" -c 'import json; print(len(json.load(open("out2/report.json"))["rows"]))')" != 5 ]; then
  echo "FAIL the first batch: exit $rc1: $(cat err1)"; fail=1
else
  echo "ok   a second batch into a busy OUTDIR: exit 2, '$(cat err2)'; the first finished with all 5 rows"
fi
if [ $rc4 -ne 2 ] || [ "$(wc -l < err4)" -ne 1 ] ||
   ! grep -qE "^disclosure summarize: out2: another batch \(pid $first\) is writing into this directory" err4; then
  echo "FAIL summarize into a busy OUTDIR: exit $rc4: $(cat err4)"; fail=1
else
  echo "ok   summarize into a busy OUTDIR: exit 2"
fi
unset DISCLOSURE_TEST_HOLD_FILE
# Different shards may share an OUTDIR at the same time (each its own lock),
# and once the first run is over the directory is free again.
"$bin" batch in -o out2 -q --shard 1/2 & s1=$!
"$bin" batch in -o out2 -q --shard 2/2; s2=$?
wait $s1; s1=$?
"$bin" batch in -o out2 -q --resume; again=$?
if [ $s1 -ne 0 ] || [ $s2 -ne 0 ] || [ $again -ne 0 ]; then
  echo "FAIL shards in one OUTDIR: exits $s1/$s2, then $again"; fail=1
else
  echo "ok   two shards at once in one OUTDIR; the lock is free after a run"
fi
exit $fail
