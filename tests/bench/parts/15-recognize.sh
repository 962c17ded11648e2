#!/bin/bash
# Recognition in process: document model -> typed disclosure and findings
# (dc_recognize + dc_validate), per form of the sample.
exec bash tests/bench/stage_table.sh recognize 101 \
  "Recognition and checks (document model → disclosure, findings), in process"
