/*
 * fuzz_word2003.c - the input is the inside of a w:wordDocument (Word 2003
 * XML), so the fuzzer works on that vocabulary.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size <= (1u << 20))
        fz_exercise_doc(fz_read_wrapped(FZ_W2003_HEAD, data, size, FZ_W2003_TAIL, 200000));
    return 0;
}
