#!/bin/bash
# Issue 18, items 3 and 7: two inputs with one output name never replace
# each other's outputs (convert names them as batch does, and says so);
# temporary names fit whenever the final name fits (long Chinese names).
set -u
bin=${DISCLOSURE_BIN:?}
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../data/yongqing-eco-2021.docx
w2003=$here/../data/yongqing-eco-2021.word2003.xml
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
export SOURCE_DATE_EPOCH=1609459200
mkdir -p a b c
cp "$sample" a/x.docx; cp "$w2003" b/x.docx; cp "$sample" c/r.docx; cp "$w2003" c/r.doc
"$bin" convert a/x.docx a/x.docx -o ref --xlsx 2>/dev/null   # just a's workbook, for comparing
"$bin" convert b/x.docx -o refb --xlsx 2>/dev/null
# b first on the command line: names still follow the inputs' paths, as in batch.
"$bin" convert b/x.docx a/x.docx c/r.docx c/r.doc -o out --xlsx 2> err; rc=$?
got=$(cd out && ls | tr '\n' ' ')
want="r.doc.xlsx r.docx.xlsx x.docx.xlsx x.docx~2.xlsx "
if [ $rc -ne 0 ] || [ "$got" != "$want" ]; then
  echo "FAIL convert with clashing names: exit $rc, wrote '$got', want '$want'"; cat err; fail=1
elif ! cmp -s out/x.docx.xlsx ref/x.docx.xlsx || ! cmp -s out/x.docx~2.xlsx refb/x.xlsx; then
  echo "FAIL convert with clashing names: a/x.docx -> x.docx.xlsx and b/x.docx -> x.docx~2.xlsx expected"; fail=1
elif [ "$(grep -c "warning: another input has the output name" err)" -ne 4 ] ||
     ! grep -q "^b/x.docx: warning: another input has the output name 'x': this one is written as out/x.docx~2\.\*$" err; then
  echo "FAIL convert with clashing names: stderr"; cat err; fail=1
else
  echo "ok   convert b/x.docx a/x.docx c/r.docx c/r.doc: $got(said on stderr)"
fi
# Names that differ only in case are one file on a Windows share or exFAT:
# they are told apart the same way.
mkdir -p up lo2 && cp "$sample" up/X.docx && cp "$w2003" lo2/x.docx
"$bin" convert up/X.docx lo2/x.docx -o ci --xlsx 2> err; rc=$?
got=$(cd ci && ls | tr '\n' ' ')
if [ $rc -ne 0 ] || [ "$got" != "X.docx.xlsx x.docx~2.xlsx " ] || ! cmp -s ci/x.docx~2.xlsx refb/x.xlsx; then
  echo "FAIL names differing in case: exit $rc, wrote '$got'"; fail=1
else
  echo "ok   X.docx and x.docx: $got"
fi

# batch names the same inputs the same way.
mkdir -p lst && printf '%s\n' "$tmp/b/x.docx" "$tmp/a/x.docx" "$tmp/c/r.docx" "$tmp/c/r.doc" > lst/l.txt
"$bin" batch @lst/l.txt -o bout --xlsx -q; rc=$?
got=$(cd bout && ls *.xlsx | grep -v summary | tr '\n' ' ')
if [ $rc -ne 0 ] || [ "$got" != "$want" ] || ! cmp -s bout/x.docx~2.xlsx out/x.docx~2.xlsx; then
  echo "FAIL batch names: exit $rc, '$got'"; fail=1
else
  echo "ok   batch gives the same names and the same files"
fi

# Long names: 80 Chinese characters (240 bytes) + ".xlsx" fits in 255 bytes.
long=$("${PYTHON:-python3}" -c 'print("预" * 80)')
mkdir -p long && cp "$sample" "long/$long.docx"
"$bin" convert "long/$long.docx" -o lout --json --xlsx --pdf 2> err; rc=$?
n=$(ls lout | wc -l)
if [ $rc -ne 0 ] || [ "$n" -ne 3 ] || [ ! -s "lout/$long.pdf" ] || [ -n "$(ls -A lout | grep '^\.')" ]; then
  echo "FAIL convert of an 80-character Chinese name: exit $rc, $n files: $(cat err)"; fail=1
else
  echo "ok   convert of an 80-character Chinese name (240 bytes): 3 outputs"
fi
"$bin" batch long -o lbout -q; rc=$?
if [ $rc -ne 0 ] || [ ! -s "lbout/$long.xlsx" ] || [ ! -s "lbout/$long.pdf" ]; then
  echo "FAIL batch of an 80-character Chinese name: exit $rc"; fail=1
else
  echo "ok   batch of an 80-character Chinese name"
fi
# Two long names that clash: each plain name (82 characters, 246 bytes +
# ".xlsx") fits, the clash names (+ ".docx" and "~2") would not; they are
# shortened at a character boundary instead of failing.
long82=$("${PYTHON:-python3}" -c 'print("预" * 82)')
mkdir -p l1 l2 && cp "$sample" "l1/$long82.docx" && cp "$w2003" "l2/$long82.docx"
"$bin" convert "l1/$long82.docx" "l2/$long82.docx" -o lc --xlsx --pdf 2> err; rc=$?
printf '%s\n' "$tmp/l1/$long82.docx" "$tmp/l2/$long82.docx" > lst/long.txt
"$bin" batch @lst/long.txt -o lcb --xlsx --pdf -q; brc=$?
short=$("${PYTHON:-python3}" -c 'print("预" * 81)')
if [ $rc -ne 0 ] || [ $brc -ne 0 ] || [ "$(ls lc | wc -l)" -ne 4 ] ||
   ! cmp -s "lc/$short.docx.xlsx" out/x.docx.xlsx || ! cmp -s "lc/$short.docx~2.xlsx" refb/x.xlsx ||
   ! cmp -s "lcb/$short.docx~2.pdf" "lc/$short.docx~2.pdf" ||
   [ "$(grep -c "this one is written as lc/.*\.docx\(~2\)\?\.\*$" err)" -ne 2 ]; then
  echo "FAIL clashing long names: exit $rc/$brc: $(ls lc lcb) $(cat err)"; fail=1
else
  echo "ok   clashing 82-character names: shortened to fit ($(cd lc && ls | awk '{print length($0)}' | sort -u | tr '\n' ' ')bytes)"
fi

# A name whose outputs cannot fit (84 characters + ".xlsx" = 257 bytes; the
# input "….d" is 254) is a clean failure, not a crash or a leftover.
long84=$("${PYTHON:-python3}" -c 'print("预" * 84)')
mkdir -p long84 && cp "$sample" "long84/$long84.d"
"$bin" convert "long84/$long84.d" -o l84 --xlsx 2> err; rc=$?
if [ $rc -ne 4 ] || ! grep -q "File name too long" err || [ -n "$(ls -A l84 2>/dev/null)" ]; then
  echo "FAIL a name too long for its output: exit $rc: $(cat err)"; fail=1
else
  echo "ok   a name too long for its output: exit 4, nothing left"
fi
exit $fail
