/*
 * fuzz_flat.c - Flat OPC as given: the package XML itself (pkg:package with
 * its pkg:part elements, relationships and content types), then the body.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size <= (2u << 20))
        fz_exercise_doc(fz_read_wrapped("", data, size, "", 200000));
    return 0;
}
