/*
 * fuzz_read.c - any bytes through format detection and every reader, then
 * the text and JSON writers.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_part = 8u << 20;       /* keep each run small and fast */
    lim.max_nodes = 200000;
    dc_error err = {0};
    fz_exercise_doc(dc_read_memory(data, size, &lim, &err));
    return 0;
}
