#!/bin/bash
# Writes the benchmark report (docs/benchmarks.md): machine, versions, and for
# each figure the command that produced it and the median of several runs.
set -eu
out=${1:-docs/benchmarks.md}
bin=${BIN:-build/disclosure}
bench=${BENCH:-build/bench/bench}
data=tests/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` ($(date -u +%Y-%m-%d)). Figures are medians of repeated runs on this"
  echo "machine; each comes with the command that produced it."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores)"
  echo "- Memory: $(free -g | awk '/Mem:/ {print $2}') GiB; OS: $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "- Compiler: $(${CC:-cc} --version | head -1)"
  echo "- libxml2 $(dpkg-query -W -f='${Version}' libxml2-dev), minizip $(dpkg-query -W -f='${Version}' libminizip-dev), libxlsxwriter $(dpkg-query -W -f='${Version}' libxlsxwriter-dev), libharu $(dpkg-query -W -f='${Version}' libhpdf-dev)"
  echo
  BENCH=$bench bash tests/bench/stage_table.sh read 51 "Reading (file → document model), in process"
  for part in tests/bench/parts/*.sh; do
    [ -f "$part" ] || continue
    echo
    BIN=$bin BENCH=$bench bash "$part"
  done
  echo
  cat tests/bench/notes.md
} > "$tmp/report.md"
mv "$tmp/report.md" "$out"
echo "bench: wrote $out"
cat "$out"
