/*
 * fuzz_read.c - any bytes through format detection and every reader, then
 * the text and JSON writers.
 */
#include <stddef.h>
#include <stdint.h>

#include "converters/json_writer.h"
#include "converters/reader.h"
#include "converters/text_writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_part = 8u << 20;       /* keep each run small and fast */
    lim.max_nodes = 200000;
    dc_error err = {0};
    dc_doc *doc = dc_read_memory(data, size, &lim, &err);
    if (doc) {
        dc_buf b = DC_BUF_INIT;
        dc_text_write(doc, &b);
        dc_json_write_doc(doc, &b);
        dc_buf_free(&b);
        dc_error chk = {0};
        if (dc_doc_check(doc, &chk) != 0)
            __builtin_trap();      /* a reader built a malformed tree */
        dc_doc_free(doc);
    }
    return 0;
}
