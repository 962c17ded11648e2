/*
 * fuzz_ooxml_body.c - the input is the body of word/document.xml, wrapped in
 * a Flat OPC package, so the fuzzer works on WordprocessingML, not on zip.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size <= (1u << 20))
        fz_exercise_doc(fz_read_wrapped(FZ_OOXML_HEAD, data, size, FZ_OOXML_TAIL, 200000));
    return 0;
}
