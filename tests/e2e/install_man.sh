#!/bin/bash
# make install puts the binary and the man page disclosure(1) in place; the
# man page renders without warnings and describes every subcommand the
# binary lists in its --help.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
make --no-print-directory -s -C "$here" install BUILD="${BUILD:-build}" PREFIX=/usr \
  DESTDIR="$tmp" >/dev/null || { echo "FAIL make install"; exit 1; }
man1="$tmp/usr/share/man/man1/disclosure.1"
[ -x "$tmp/usr/bin/disclosure" ] || { echo "FAIL binary not installed"; fail=1; }
[ -f "$man1" ] || { echo "FAIL man page not installed"; exit 1; }
warn=$(MANWIDTH=100 man --warnings -l "$man1" 2>&1 >/dev/null)
[ -z "$warn" ] || { echo "FAIL man page warnings: $warn"; fail=1; }
cmds=$("$DISCLOSURE_BIN" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF>1 {print $1}' | grep -v Commands:)
[ -n "$cmds" ] || { echo "FAIL no commands in --help"; fail=1; }
for c in $cmds; do
  # each subcommand has its own entry under COMMANDS and a line in SYNOPSIS
  if grep -qx ".B $c" "$man1" && grep -q "^.B disclosure $c" "$man1"; then
    echo "ok   man page describes $c"
  else
    echo "FAIL man page lacks $c"; fail=1
  fi
done
exit $fail
