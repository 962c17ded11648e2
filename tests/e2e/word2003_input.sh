#!/bin/bash
# Word 2003 XML is recognised by its content whatever its name, and a malformed
# one gives exit 3 and a single line "FILE: malformed XML ... at line N: ...".
set -u
bin=${DISCLOSURE_BIN:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
ns='xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"'

# A small valid document under several names.
printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument %s><w:body><w:p><w:r><w:t>部门预算</w:t></w:r></w:p></w:body></w:wordDocument>\n' "$ns" > "$tmp/good.xml"
for name in good.doc good.docx good.txt good; do
  cp "$tmp/good.xml" "$tmp/$name"
  out=$("$bin" inspect "$tmp/$name" --text 2> "$tmp/err"); rc=$?
  if [ $rc -ne 0 ] || [ "$out" != "部门预算" ]; then
    echo "FAIL $name: exit $rc, output '$out' $(cat "$tmp/err")"; fail=1
  else
    echo "ok   Word 2003 XML named $name"
  fi
  fmt=$("$bin" inspect "$tmp/$name" --json | grep -m1 '"format"')
  case "$fmt" in
    *'"word2003"'*) ;;
    *) echo "FAIL $name: $fmt"; fail=1 ;;
  esac
done

# Malformed: the w:p is never closed; the first error is on line 5.
printf '<?xml version="1.0"?>\n<w:wordDocument %s>\n<w:body>\n<w:p><w:r><w:t>x</w:t></w:r>\n</w:body></w:wordDocument>\n' "$ns" > "$tmp/bad.doc"
"$bin" inspect "$tmp/bad.doc" --text > "$tmp/out" 2> "$tmp/err"; rc=$?
lines=$(wc -l < "$tmp/err")
if [ $rc -ne 3 ]; then
  echo "FAIL malformed: exit $rc, expected 3"; fail=1
elif [ "$lines" -ne 1 ]; then
  echo "FAIL malformed: $lines lines on stderr:"; cat "$tmp/err"; fail=1
elif ! grep -qE "^$tmp/bad.doc: malformed XML in the document at line 5: .+" "$tmp/err"; then
  echo "FAIL malformed: $(cat "$tmp/err")"; fail=1
elif [ -s "$tmp/out" ]; then
  echo "FAIL malformed: wrote to standard output"; fail=1
else
  echo "ok   malformed Word 2003 XML: $(cat "$tmp/err")"
fi

# Word 2003 XML cut short (a truncated download) is malformed too.
head -c 60 "$tmp/good.xml" > "$tmp/cut.xml"
"$bin" inspect "$tmp/cut.xml" > /dev/null 2> "$tmp/err"; rc=$?
if [ $rc -ne 3 ] || [ "$(wc -l < "$tmp/err")" -ne 1 ] || ! grep -q 'malformed XML' "$tmp/err"; then
  echo "FAIL truncated: exit $rc $(cat "$tmp/err")"; fail=1
else
  echo "ok   truncated Word 2003 XML: exit 3"
fi
exit $fail
