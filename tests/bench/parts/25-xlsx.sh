#!/bin/bash
# The XLSX writer alone, in process (document model and disclosure ready;
# recognition not timed): every readable form of the sample.
exec bash tests/bench/stage_table.sh xlsx 51 "Writing the workbook (model → .xlsx), in process"
