#!/bin/bash
# Documents per second of `disclosure batch` with -j 1 and -j 2 on copies of
# the sample (default outputs: XLSX and PDF).  Prints one line per run and the
# speed-up; exits non-zero when a run fails.
#
#   tests/bench/batch.sh                 200 copies, build/disclosure
#   BENCH_DOCS=50 BENCH_FLAGS=--json DISCLOSURE_BIN=... tests/bench/batch.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${DISCLOSURE_BIN:-$here/../../build/disclosure}
n=${BENCH_DOCS:-200}
flags=${BENCH_FLAGS:-}
sample=$here/../data/yongqing-eco-2021.docx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
for i in $(seq -w 1 "$n"); do
  cp "$sample" "$tmp/in/dept-$i.docx"
done
declare -A rate
for j in 1 2; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  rc=0
  # shellcheck disable=SC2086
  SOURCE_DATE_EPOCH=1600000000 /usr/bin/time -f '%U %S' -o "$tmp/cpu-$j" \
    "$bin" batch "$tmp/in" -o "$tmp/out-$j" -j "$j" -q $flags || rc=$?
  end=$(date +%s.%N)
  cpu=$(awk -v n="$n" '{ printf "%.1f", 1000 * ($1 + $2) / n }' "$tmp/cpu-$j")
  failed=$(grep -o '"failed":[0-9]*' "$tmp/out-$j/report.json" 2>/dev/null | head -1 | cut -d: -f2)
  rate[$j]=$(awk -v n="$n" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", n / (b - a) }')
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  echo "batch -j $j: $n documents in $secs s, ${rate[$j]} docs/s (failed: ${failed:-?}; load average before: $load; CPU per document: $cpu ms)"
  if [ "$rc" -ne 0 ] || [ "${failed:-1}" != 0 ]; then
    echo "batch -j $j did not convert every document (exit $rc)" >&2
    exit 1
  fi
done
awk -v a="${rate[1]}" -v b="${rate[2]}" 'BEGIN { printf "batch speed-up -j 2 / -j 1: %.2fx (cores: %d)\n", b / a, '"$(nproc)"' }'
