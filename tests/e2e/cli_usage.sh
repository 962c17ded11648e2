#!/bin/bash
# Issue 18, item 8: usage mistakes give exit 2 and exactly one line naming
# the mistake; a run that fails before any output leaves no directory; '-'
# is refused as an input; batch never takes its own products as inputs.
set -u
bin=${DISCLOSURE_BIN:?}
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../data/yongqing-eco-2021.docx
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
# usage RC PATTERN -- ARGS...: exit RC, one line on stderr matching PATTERN,
# nothing on stdout, no directory "d" created.
usage() {
  local want=$1 pat=$2; shift 3
  "$bin" "$@" > out.txt 2> err.txt < /dev/null; local rc=$?
  local lines; lines=$(wc -l < err.txt)
  if [ $rc -ne "$want" ] || [ "$lines" -ne 1 ] || ! grep -qE -- "$pat" err.txt || [ -s out.txt ] || [ -e d ]; then
    echo "FAIL '$*': exit $rc (want $want), $lines stderr lines: $(cat err.txt)$( [ -e d ] && echo ' [d created]')"
    fail=1; rm -rf d
  else
    echo "ok   '$*' -> $rc: $(cat err.txt)"
  fi
}
usage 2 "^disclosure convert: option '-o' needs an argument" -- convert x -o
usage 2 "^disclosure convert: option '--output' needs an argument" -- convert x --output
usage 2 "^disclosure convert: unknown option '--bogus'" -- convert x --bogus -o d
usage 2 "^disclosure convert: unknown option '-Z'" -- convert x -Z -o d
usage 2 "^disclosure batch: option '-j' needs an argument" -- batch x -o d -j
usage 2 "^disclosure check: unknown option '--nope'" -- check --nope x
usage 2 "^disclosure convert: -o needs a directory name" -- convert "$sample" -o ""
usage 2 "^disclosure batch: -o needs a directory name" -- batch "$sample" -o ""
usage 2 "^disclosure summarize: -o needs a directory name" -- summarize x -o ""
usage 2 "^disclosure convert: '-' \(standard input\) is not an input" -- convert - -o d
usage 2 "^disclosure batch: '-' \(standard input\) is not an input: name a file, or give a list with @-" -- batch - -o d
usage 2 "^disclosure check: '-' \(standard input\) is not an input" -- check -
usage 2 "^disclosure inspect: '-' \(standard input\) is not an input" -- inspect -
# A missing input: exit 3, its one line, and no empty output directory.
usage 3 "^missing.docx: cannot open: No such file or directory$" -- convert missing.docx -o d
mkdir -p emptydir
usage 2 "^disclosure batch: no input documents found" -- batch emptydir -o d

# Standard output on a full device: exit 4 and one line, whatever printed it.
for args in "check $sample" "check --json $sample" "inspect $sample" "fonts" "--help" \
            "--version" "convert --help"; do
  # shellcheck disable=SC2086
  "$bin" $args > /dev/full 2> err.txt; rc=$?
  if [ $rc -ne 4 ] || [ "$(wc -l < err.txt)" -ne 1 ] ||
     ! grep -qx "disclosure: cannot write to standard output: No space left on device" err.txt; then
    echo "FAIL '$args' > /dev/full: exit $rc: $(cat err.txt)"; fail=1
  else
    echo "ok   '${args#"$sample"}' > /dev/full -> 4, one line"
  fi
done

# Closed standard streams: our messages never land in a file we opened in
# their place (the lock file, an output).
mkdir -p cs/a cs/b && cp "$sample" cs/a/x.docx && cp "$sample" cs/b/x.docx
SOURCE_DATE_EPOCH=1609459200 "$bin" convert cs/a/x.docx cs/b/x.docx -o cs/ref --json 2>/dev/null
SOURCE_DATE_EPOCH=1609459200 "$bin" convert cs/a/x.docx cs/b/x.docx -o cs/o --json >&- 2>&-; rc1=$?
"$bin" batch cs/a cs/b -o cs/bo 2>&-; rc2=$?
if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || ! cmp -s cs/ref/x.docx~2.json cs/o/x.docx~2.json ||
   ! grep -qx '[0-9]*' cs/bo/.disclosure-batch.lock; then
  echo "FAIL closed stdout/stderr: exits $rc1/$rc2, lock file: $(head -c 200 cs/bo/.disclosure-batch.lock)"; fail=1
else
  echo "ok   closed stdout/stderr: outputs as with them open, the lock file holds only the pid"
fi

# batch self -o self --all-files: the second run sees only the document.
mkdir self && cp "$sample" self/a.docx
"$bin" batch self -o self -q --all-files; rc1=$?
"$bin" batch self -o self -q --all-files; rc2=$?
rows=$("${PYTHON:-python3}" -c 'import json,sys; r=json.load(open("self/report.json"))["rows"]; print(" ".join(x["relpath"] + ":" + x["status"] for x in r))')
if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || [ "$rows" != "a.docx:ok" ]; then
  echo "FAIL batch self -o self --all-files: exits $rc1/$rc2, rows: $rows"; fail=1
else
  echo "ok   batch self -o self --all-files twice: rows '$rows'"
fi
# ... and the same for an OUTDIR inside the input directory given as input.
mkdir -p tree/out && cp "$sample" tree/b.docx && cp "$sample" tree/out/c.docx
"$bin" batch tree/out -o tree/out -q --all-files && "$bin" batch tree/out -o tree/out -q --all-files; rc=$?
rows=$("${PYTHON:-python3}" -c 'import json,sys; r=json.load(open("tree/out/report.json"))["rows"]; print(" ".join(x["relpath"] for x in r))')
if [ $rc -ne 0 ] || [ "$rows" != "c.docx" ]; then
  echo "FAIL batch tree/out -o tree/out: exit $rc, rows $rows"; fail=1
else
  echo "ok   batch DIR -o DIR: its own outputs and reports are not inputs"
fi
exit $fail
