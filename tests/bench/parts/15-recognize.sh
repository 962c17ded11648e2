#!/bin/bash
# Recognition in process: document model -> typed disclosure and findings
# (dc_recognize + dc_validate), per form of the sample.
set -u
bench=${BENCH:-build/bench/bench}
data=tests/data
echo "## Recognition and checks (document model → disclosure, findings), in process"
echo
echo "| input | median | command |"
echo "|---|---|---|"
for f in yongqing-eco-2021.docx yongqing-eco-2021.lo.docx yongqing-eco-2021.flat.xml \
         yongqing-eco-2021.word2003-vmerge.xml; do
  line=$("$bench" recognize "$data/$f" 101 2>&1) || { echo "| $f | (not readable: $line) | |"; continue; }
  med=$(echo "$line" | sed 's/.*median \([0-9.]*\) ms.*/\1/')
  echo "| $f | $med ms | \`$bench recognize $data/$f 101\` |"
done
