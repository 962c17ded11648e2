#!/bin/bash
# Issue 18, item 4: SIGINT, SIGTERM and SIGHUP of convert or batch remove
# the temporary files of the documents in progress and exit 130/143/129;
# after kill -9 the next run in that directory (with or without --resume)
# removes what the dead processes left.  DISCLOSURE_TEST_HOLD_FILE holds a
# conversion while its temporary outputs exist (docs/batch.md, test hooks),
# and each case first checks that they do, so the test cannot pass vacuously.
set -u
# the tests' build: its hold hook keeps a conversion while its temporary files exist
bin=${DISCLOSURE_TEST_BIN:?}
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../data/yongqing-eco-2021.docx
tmp=$(mktemp -d)
pids=
trap 'for p in $pids; do kill -9 $p 2>/dev/null; done; rm -rf "$tmp"' EXIT
fail=0
export DISCLOSURE_TEST_HOLD_FILE=$tmp/hold
temps() { find "$1" -name '.*.tmp-*' 2>/dev/null | wc -l; }
wait_hold() {   # until the hold file exists (at most 60 s)
  for _ in $(seq 600); do [ -e "$DISCLOSURE_TEST_HOLD_FILE" ] && return 0; sleep 0.1; done
  return 1
}
# run_and_signal SIG WANT OUT -- COMMAND...
run_and_signal() {
  local sig=$1 want=$2 out=$3; shift 4
  rm -f "$DISCLOSURE_TEST_HOLD_FILE"
  "$@" 2> "$tmp/err" & local pid=$!; pids="$pids $pid"
  if ! wait_hold; then echo "FAIL $sig '$*': never reached its outputs"; fail=1; kill -9 $pid; return; fi
  sleep 0.3   # both workers of a batch
  local before; before=$(temps "$out")
  kill -"$sig" $pid; wait $pid; local rc=$?
  rm -f "$DISCLOSURE_TEST_HOLD_FILE"
  local after; after=$(temps "$out")
  if [ "$before" -lt 2 ]; then echo "FAIL $sig '$*': only $before temporary files before the signal"; fail=1
  elif [ $rc -ne "$want" ]; then echo "FAIL $sig '$*': exit $rc, expected $want: $(cat "$tmp/err")"; fail=1
  elif [ "$after" -ne 0 ]; then echo "FAIL $sig '$*': $after temporary files left: $(find "$out" -name '.*.tmp-*')"; fail=1
  else echo "ok   $sig '$1 $2' -> $rc, $before temporary files removed"; fi
}

# and the other signals that end a process by default (QUIT, USR1, ALRM: the
# same list, dc_tmp_signals)
for spec in INT:130 TERM:143 HUP:129 QUIT:131 USR1:138 ALRM:142; do
  sig=${spec%:*} want=${spec#*:}
  run_and_signal $sig $want "$tmp/c-$sig" -- "$bin" convert "$sample" -o "$tmp/c-$sig"
done
mkdir -p "$tmp/in" && for x in a b c d; do cp "$sample" "$tmp/in/$x.docx"; done
for spec in INT:130 TERM:143 HUP:129 USR1:138; do
  sig=${spec%:*} want=${spec#*:}
  run_and_signal $sig $want "$tmp/b-$sig" -- "$bin" batch "$tmp/in" -o "$tmp/b-$sig" -q -j 2
done

# SIGPIPE: a warning (characters no font has, printed while the PDF is
# written) to a closed pipe ends convert with 141 and without its
# temporary files.  The pipe's reading end is closed before convert starts.
"${PYTHON:-/usr/bin/python3}" - "$bin" "$tmp" <<'PY' || fail=1
import os, subprocess, sys, docx
bin, tmp = sys.argv[1], sys.argv[2]
src = os.path.join(tmp, "warn.docx")
d = docx.Document()
d.add_paragraph("\u6d4b\u8bd5 \U00020000 \U000F0000")   # 测试 and two characters no font has
d.save(src)
env = dict(os.environ)
env.pop("DISCLOSURE_TEST_HOLD_FILE", None)
out = os.path.join(tmp, "pipe")
p = subprocess.run([bin, "convert", src, "-o", os.path.join(tmp, "pipe-ref"), "--pdf", "--xlsx"],
                   stderr=subprocess.PIPE, env=env)
said = b"no font has" in p.stderr
r, w = os.pipe()
os.close(r)
p = subprocess.run([bin, "convert", src, "-o", out, "--pdf", "--xlsx"], stderr=w, env=env)
os.close(w)
left = os.listdir(out) if os.path.isdir(out) else []
if not said or p.returncode != 141 or [n for n in left if ".tmp-" in n]:
    print("FAIL SIGPIPE: warning said %r, exit %r, left %r" % (said, p.returncode, left))
    sys.exit(1)
print("ok   a warning to a closed pipe: convert exits 141 and leaves %r" % left)
PY

# A signal while the reports are written: their temporary files go, the
# journal stays whole, and --resume finishes without converting again.
hold_r=$tmp/hold-reports
for spec in INT:130 TERM:143; do
  sig=${spec%:*} want=${spec#*:} out=$tmp/r-$sig
  rm -f "$hold_r"
  env -u DISCLOSURE_TEST_HOLD_FILE DISCLOSURE_TEST_HOLD_REPORTS="$hold_r" \
    "$bin" batch "$tmp/in" -o "$out" -q -j 2 2> "$tmp/err" & pid=$!; pids="$pids $pid"
  for _ in $(seq 600); do [ -e "$hold_r" ] && break; sleep 0.1; done
  before=$(temps "$out")
  kill -$sig $pid; wait $pid; rc=$?
  rm -f "$hold_r"
  env -u DISCLOSURE_TEST_HOLD_FILE "$bin" batch "$tmp/in" -o "$out" -j 2 --resume 2> "$tmp/err2"; rc2=$?
  if [ "$before" -ne 3 ] || [ $rc -ne "$want" ] || [ "$(temps "$out")" -ne 0 ] ||
     [ $rc2 -ne 0 ] || ! grep -q "0 converted, 0 failed, 4 unchanged" "$tmp/err2"; then
    echo "FAIL $sig while writing the reports: $before temporary files, exit $rc, then $rc2: $(cat "$tmp/err" "$tmp/err2")"; fail=1
  else
    echo "ok   $sig while writing the reports -> $rc, $before temporary files removed, --resume finished"
  fi
done

# summarize the same way
rm -f "$hold_r"
env -u DISCLOSURE_TEST_HOLD_FILE DISCLOSURE_TEST_HOLD_REPORTS="$hold_r" \
  "$bin" summarize "$tmp/r-INT" -o "$tmp/sum" -q & pid=$!; pids="$pids $pid"
for _ in $(seq 600); do [ -e "$hold_r" ] && break; sleep 0.1; done
before=$(temps "$tmp/sum")
kill -INT $pid; wait $pid; rc=$?
rm -f "$hold_r"
if [ "$before" -ne 3 ] || [ $rc -ne 130 ] || [ "$(temps "$tmp/sum")" -ne 0 ]; then
  echo "FAIL INT summarize while writing: $before temporary files, exit $rc, $(temps "$tmp/sum") left"; fail=1
else
  echo "ok   INT summarize while writing -> 130, $before temporary files removed"
fi

# kill -9: the files stay; the next run removes them.
kill9() {   # OUT -- COMMAND...
  local out=$1; shift 2
  rm -f "$DISCLOSURE_TEST_HOLD_FILE"
  "$@" 2>/dev/null & local pid=$!; pids="$pids $pid"
  wait_hold || { echo "FAIL kill -9 '$*': never reached its outputs"; fail=1; }
  sleep 0.3
  kill -9 $pid; wait $pid 2>/dev/null
  rm -f "$DISCLOSURE_TEST_HOLD_FILE"
  sleep 0.3   # batch workers die with their parent
}
unset_hold() { env -u DISCLOSURE_TEST_HOLD_FILE "$@"; }
kill9 "$tmp/k1" -- "$bin" convert "$sample" -o "$tmp/k1"
n=$(temps "$tmp/k1")
unset_hold "$bin" convert "$tmp/missing.docx" -o "$tmp/k1" 2>/dev/null
if [ "$n" -lt 2 ] || [ "$(temps "$tmp/k1")" -ne 0 ]; then
  echo "FAIL convert after kill -9: $n temporary files before, $(temps "$tmp/k1") after the next run"; fail=1
else
  echo "ok   convert killed with -9 left $n temporary files; the next convert into DIR removed them"
fi
for resume in "" --resume; do
  kill9 "$tmp/k2$resume" -- "$bin" batch "$tmp/in" -o "$tmp/k2$resume" -q -j 2
  n=$(temps "$tmp/k2$resume")
  unset_hold "$bin" batch "$tmp/in" -o "$tmp/k2$resume" -q -j 2 $resume; rc=$?
  if [ "$n" -lt 2 ] || [ $rc -ne 0 ] || [ "$(temps "$tmp/k2$resume")" -ne 0 ]; then
    echo "FAIL batch $resume after kill -9: $n before, exit $rc, $(temps "$tmp/k2$resume") after"; fail=1
  else
    echo "ok   batch killed with -9 left $n temporary files; the next batch ${resume:-run} removed them"
  fi
done
# A temporary file of a live process (this shell) or of another host is kept.
host=$(printf "%s" "$(uname -n)" | sha256sum | cut -c1-8)
mkdir -p "$tmp/keep"
touch "$tmp/keep/.x.pdf.tmp-$host-$$-0" "$tmp/keep/.y.pdf.tmp-00000000-999999-0"
unset_hold "$bin" convert "$tmp/missing.docx" -o "$tmp/keep" 2>/dev/null
if [ "$(temps "$tmp/keep")" -ne 2 ]; then
  echo "FAIL the sweep removed a live process's or another host's file"; fail=1
else
  echo "ok   temporary files of live processes and other hosts are left alone"
fi
exit $fail
