#!/bin/bash
# Issue 18, items 1 and 2: a full temporary directory or a full output disk
# gives either a correct output or exit 4 with one human line
# ("DIR/x.pdf: cannot write: No space left on device"), never a broken file,
# never a leftover, never library chatter on stderr.  The small disks are
# tmpfs mounts in a private mount namespace (unshare -m), so they vanish with
# this script however it ends; needs root (CI runs as root).
set -u
bin=${DISCLOSURE_BIN:?}
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../data/yongqing-eco-2021.docx
py=${PYTHON:-/usr/bin/python3}
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
  echo "FAIL full_disk.sh needs root and unshare (tmpfs mounts)"; exit 1
fi
if [ -z "${DC_IN_NS:-}" ]; then
  DC_IN_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
tmp=$(mktemp -d)
cleanup() { for m in "$tmp"/mnt-*; do umount "$m" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
fail=0
export SOURCE_DATE_EPOCH=1609459200
small() {   # small NAME SIZE: a tmpfs of SIZE at $tmp/mnt-NAME
  mkdir -p "$tmp/mnt-$1" && mount -t tmpfs -o "size=$2" tmpfs "$tmp/mnt-$1" || {
    echo "FAIL cannot mount a tmpfs"; exit 1; }
}
# A workbook is whole: every entry inflates with its CRC, every XML part parses.
xlsx_ok() {
  "$py" - "$1" <<'PY'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
if bad: sys.exit("damaged entry " + bad)
for n in z.namelist():
    if n.endswith((".xml", ".rels")):
        xml.dom.minidom.parseString(z.read(n))
PY
}
# One line on stderr, no "[ERROR]" or library wording, exit 4, nothing left.
failed_cleanly() {  # NAME RC ERRFILE DIR PATTERN
  local name=$1 rc=$2 errf=$3 dir=$4 pat=$5
  if [ "$rc" -ne 4 ]; then echo "FAIL $name: exit $rc, expected 4"; cat "$errf"; fail=1; return; fi
  if [ "$(wc -l < "$errf")" -ne 1 ]; then echo "FAIL $name: stderr is not one line:"; cat "$errf"; fail=1; return; fi
  if grep -qiE '\[ERROR\]|libharu|ZIP_|zip generic' "$errf"; then echo "FAIL $name: library chatter: $(cat "$errf")"; fail=1; return; fi
  if ! grep -qE -- "$pat" "$errf"; then echo "FAIL $name: message '$(cat "$errf")' does not match '$pat'"; fail=1; return; fi
  if [ -n "$(ls -A "$dir")" ]; then echo "FAIL $name: left behind: $(ls -A "$dir")"; fail=1; return; fi
  echo "ok   $name: $(cat "$errf")"
}

# Reference outputs on a roomy disk.
"$bin" convert "$sample" -o "$tmp/ref" --xlsx --pdf --json 2>/dev/null || { echo "FAIL reference run"; exit 1; }

# 1. TMPDIR on a 64 KiB tmpfs: the workbook is still correct (it is built in
#    memory and the output directory), byte-identical to the reference.
small tmp 64k
TMPDIR=$tmp/mnt-tmp "$bin" convert "$sample" -o "$tmp/o1" --xlsx 2> "$tmp/err"; rc=$?
if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
  echo "FAIL small TMPDIR: exit $rc: $(cat "$tmp/err")"; fail=1
elif ! cmp -s "$tmp/o1/yongqing-eco-2021.xlsx" "$tmp/ref/yongqing-eco-2021.xlsx"; then
  echo "FAIL small TMPDIR: the workbook differs from the reference"; fail=1
elif ! xlsx_ok "$tmp/o1/yongqing-eco-2021.xlsx"; then
  echo "FAIL small TMPDIR: broken workbook"; fail=1
else
  echo "ok   convert --xlsx with TMPDIR on a 64 KiB tmpfs: correct workbook"
fi
# ... and batch: converted, and summary.xlsx whole.
mkdir -p "$tmp/in" && cp "$sample" "$tmp/in/a.docx" && cp "$sample" "$tmp/in/b.docx"
TMPDIR=$tmp/mnt-tmp "$bin" batch "$tmp/in" -o "$tmp/b1" -q -j 2 2> "$tmp/err"; rc=$?
if [ $rc -ne 0 ] || ! cmp -s "$tmp/b1/a.xlsx" "$tmp/ref/yongqing-eco-2021.xlsx" ||
   ! xlsx_ok "$tmp/b1/summary.xlsx"; then
  echo "FAIL batch with small TMPDIR: exit $rc: $(cat "$tmp/err")"; fail=1
else
  echo "ok   batch with TMPDIR on a 64 KiB tmpfs: outputs and summary.xlsx correct"
fi

# 2. The output directory on a small tmpfs.
small out 200k
"$bin" convert "$sample" -o "$tmp/mnt-out" 2> "$tmp/err"; rc=$?
failed_cleanly "convert onto a 200 KiB disk" $rc "$tmp/err" "$tmp/mnt-out" \
  "^$sample: $tmp/mnt-out/yongqing-eco-2021.pdf: cannot write: No space left on device\$"
# Only the workbook (67 KB) on a disk too small for its parts or for it.
for size in 24k 48k 64k; do
  small "x$size" $size
  "$bin" convert "$sample" -o "$tmp/mnt-x$size" --xlsx 2> "$tmp/err"; rc=$?
  if [ $rc -eq 0 ]; then
    if xlsx_ok "$tmp/mnt-x$size/yongqing-eco-2021.xlsx"; then
      echo "ok   convert --xlsx onto a $size disk: fits, correct"
    else
      echo "FAIL convert --xlsx onto a $size disk: exit 0 with a broken workbook"; fail=1
    fi
  else
    failed_cleanly "convert --xlsx onto a $size disk" $rc "$tmp/err" "$tmp/mnt-x$size" \
      "$tmp/mnt-x$size/yongqing-eco-2021.xlsx: cannot write: No space left on device\$"
  fi
done
# The JSON alone onto a disk with no room at all.
small json 4k
dd if=/dev/zero of="$tmp/mnt-json/fill" bs=4k count=1 2>/dev/null
"$bin" convert "$sample" -o "$tmp/mnt-json" --json 2> "$tmp/err"; rc=$?
rm -f "$tmp/mnt-json/fill"
failed_cleanly "convert --json onto a full disk" $rc "$tmp/err" "$tmp/mnt-json" \
  "yongqing-eco-2021.json: cannot (write|create): No space left on device\$"
# A file size limit (ulimit -f) is a full disk too: SIGXFSZ is ignored, the
# write fails with EFBIG, the output fails cleanly (not a kill that leaves
# its temporary file).  The workbook's zip is built in a memory file that
# the limit also covers: libxlsxwriter prints its own lines there (see
# docs/xlsx.md), so only the last line is checked for it.
mkdir -p "$tmp/fsz"
for out in pdf json xlsx; do
  (ulimit -f 20; exec "$bin" convert "$sample" -o "$tmp/fsz" --$out) 2> "$tmp/err"; rc=$?
  if [ $out = xlsx ]; then tail -n 1 "$tmp/err" > "$tmp/err1"; else cp "$tmp/err" "$tmp/err1"; fi
  failed_cleanly "convert --$out under ulimit -f 20" $rc "$tmp/err1" "$tmp/fsz" \
    "$tmp/fsz/yongqing-eco-2021.$out: cannot write: File too large\$"
done
(ulimit -f 40; exec "$bin" batch "$tmp/in" -o "$tmp/fszb" -q -j 2 --xlsx) 2> "$tmp/err"; rc=$?
if [ $rc -ne 1 ] || [ -n "$(find "$tmp/fszb" -name '.*.tmp-*')" ] ||
   [ "$(grep -c 'a.xlsx: cannot write: File too large' "$tmp/fszb/report.json")" -ne 1 ]; then
  echo "FAIL batch under ulimit -f 40: exit $rc: $(cat "$tmp/err")"; fail=1
else
  echo "ok   batch under ulimit -f 40: exit 1, 'cannot write: File too large' in the report"
fi

# serve with its working directory on a small disk: the request fails with
# a JSON error naming the output (not the server's paths), the server stays
# up, and nothing of the request is left.
small srv 300k
HERE=$here "$py" - "$tmp/mnt-srv" <<'PY' || fail=1
import json, os, sys
sys.path.insert(0, os.environ["HERE"])
import serve_util as su
d = sys.argv[1]
srv = su.Server("-j", "1", tmp_dir=d)
data = open(su.SAMPLE, "rb").read()
st, h, body = srv.post_files("/api/convert", [("a.docx", data)])
ok = True
try:
    j = json.loads(body)
except ValueError:
    j = {}
if st != 500 or j.get("error") != "a.pdf: cannot write: No space left on device":
    print("FAIL serve on a 300 KiB disk: %d %r" % (st, body[:300])); ok = False
# an upload larger than the disk: stopped where the disk ends
big = open(os.path.join(su.DATA, "yongqing-eco-2021.word2003.xml"), "rb").read()
st2, _, body2 = srv.post_files("/api/check", [("big.xml", big)])
if st2 != 500 or json.loads(body2) != {"error": "the server cannot store the upload: "
                                       "No space left on device", "file": "big.xml"}:
    print("FAIL serve: an upload over the free space: %d %r" % (st2, body2[:300])); ok = False
hs, _, _ = srv.request("GET", "/health")
rc, gone = srv.stop()
if hs != 200 or rc != 0 or not gone or os.listdir(d):
    print("FAIL serve on a 300 KiB disk: health %d, exit %r, left %r" % (hs, rc, os.listdir(d))); ok = False
if ok:
    print("ok   serve on a 300 KiB disk: 500 %s and %s, still up, nothing left"
          % (body.decode().strip(), body2.decode().strip()))
sys.exit(0 if ok else 1)
PY

# The disk fills after the documents, while batch writes its reports: exit
# 4, one line naming the report, no temporary file, the journal kept.
small rep 1m
"$bin" batch "$tmp/in" -o "$tmp/mnt-rep/o" -q --json || { echo "FAIL batch onto 1 MiB"; fail=1; }
dd if=/dev/zero of="$tmp/mnt-rep/fill" bs=4k 2>/dev/null
"$bin" batch "$tmp/in" -o "$tmp/mnt-rep/o" -q --json --resume 2> "$tmp/err"; rc=$?
if [ $rc -ne 4 ] || [ "$(wc -l < "$tmp/err")" -ne 1 ] ||
   ! grep -qE "^$tmp/mnt-rep/o/(report\.(json|csv)|summary\.xlsx): cannot write: " "$tmp/err" ||
   [ -n "$(find "$tmp/mnt-rep/o" -name '.*.tmp-*')" ] || [ ! -s "$tmp/mnt-rep/o/report.jsonl" ]; then
  echo "FAIL batch reports onto a full disk: exit $rc: $(cat "$tmp/err") $(ls -A "$tmp/mnt-rep/o")"; fail=1
else
  echo "ok   batch reports onto a full disk: exit 4: $(cat "$tmp/err")"
fi

# batch onto a small disk: the documents fail with that line as their reason.
small bout 300k
"$bin" batch "$tmp/in" -o "$tmp/mnt-bout" -q -j 1 2> "$tmp/err"; rc=$?
if [ $rc -ne 1 ] && [ $rc -ne 4 ]; then
  echo "FAIL batch onto a small disk: exit $rc"; fail=1
elif grep -qiE '\[ERROR\]|libharu|ZIP_' "$tmp/err"; then
  echo "FAIL batch onto a small disk: library chatter: $(cat "$tmp/err")"; fail=1
elif left=$(ls -A "$tmp/mnt-bout" | grep -vE '^(summary\.xlsx|report\.(json|csv|jsonl)|\.disclosure-batch\.lock)$'); then
  echo "FAIL batch onto a small disk: left $left"; fail=1
elif [ -f "$tmp/mnt-bout/report.json" ] &&
     ! grep -q 'a.pdf: cannot write: No space left on device' "$tmp/mnt-bout/report.json"; then
  echo "FAIL batch onto a small disk: report says $(grep -o '"error":[^,]*' "$tmp/mnt-bout/report.json")"; fail=1
else
  echo "ok   batch onto a 300 KiB disk: exit $rc, failures reported as 'cannot write: No space left on device'"
fi
exit $fail
