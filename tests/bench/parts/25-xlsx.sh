#!/bin/bash
# The XLSX writer alone, in process (document model and disclosure ready;
# recognition not timed): every readable form of the sample.
set -u
bench=${BENCH:-build/bench/bench}
data=tests/data
echo "## Writing the workbook (model → .xlsx), in process"
echo
echo "| input | median | command |"
echo "|---|---|---|"
for f in yongqing-eco-2021.docx yongqing-eco-2021.lo.docx yongqing-eco-2021.flat.xml \
         yongqing-eco-2021.word2003-vmerge.xml; do
  line=$("$bench" xlsx "$data/$f" 51 2>&1) || { echo "| $f | (not readable: $line) | |"; continue; }
  med=$(echo "$line" | sed 's/.*median \([0-9.]*\) ms.*/\1/')
  echo "| $f | $med ms | \`$bench xlsx $data/$f 51\` |"
done
