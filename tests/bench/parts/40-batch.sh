#!/bin/bash
# Batch throughput: documents per second of `disclosure batch` with -j 1 and
# -j 2 on 200 copies of the sample (default outputs), from tests/bench/batch.sh.
set -u
bin=${BIN:-build/disclosure}
n=${BENCH_DOCS:-200}
echo "## Batch conversion (\`disclosure batch\`, $n copies of the sample, XLSX and PDF)"
echo
echo "| workers | documents | seconds | documents per second | load average before | CPU ms per document | command |"
echo "|---|---|---|---|---|---|---|"
out=$(DISCLOSURE_BIN=$bin BENCH_DOCS=$n tests/bench/batch.sh 2>&1)
echo "$out" | sed -n 's/^batch -j \([0-9]*\): \([0-9]*\) documents in \([0-9.]*\) s, \([0-9.]*\) docs\/s.*load average before: \([0-9.]*\); CPU per document: \([0-9.]*\) ms.*/| -j \1 | \2 | \3 | \4 | \5 | \6 | `tests\/bench\/batch.sh` |/p'
echo
echo "$out" | grep -E 'speed-up|did not' | sed 's/^/- /'
echo "- the CPU time per document (batch, workers and their children, /usr/bin/time) is what"
echo "  the speed-up depends on besides free cores: equal for -j 1 and -j 2, two free cores give"
echo "  close to twice the documents per second; the load average shows how free they were."
