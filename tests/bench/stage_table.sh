#!/bin/bash
# One in-process stage of `build/bench/bench` over every readable form of the
# sample, as a Markdown table: stage_table.sh STAGE RUNS TITLE [NOTE]
set -u
stage=$1 runs=$2 title=$3 note=${4:-}
bench=${BENCH:-build/bench/bench}
data=tests/data
echo "## $title"
echo
[ -n "$note" ] && { echo "$note"; echo; }
echo "| input | median | command |"
echo "|---|---|---|"
for f in yongqing-eco-2021.docx yongqing-eco-2021.lo.docx yongqing-eco-2021.flat.xml \
         yongqing-eco-2021.word2003-vmerge.xml; do
  line=$("$bench" "$stage" "$data/$f" "$runs" 2>&1) || { echo "| $f | (not readable: $line) | |"; continue; }
  med=$(echo "$line" | sed 's/.*median \([0-9.]*\) ms.*/\1/')
  echo "| $f | $med ms | \`$bench $stage $data/$f $runs\` |"
done
