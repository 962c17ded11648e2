/*
 * fuzz_flat.c - Flat OPC as given: the package XML itself (pkg:package with
 * its pkg:part elements, relationships and content types), then the body.
 */
#include <stddef.h>
#include <stdint.h>

#include "converters/json_writer.h"
#include "converters/reader.h"
#include "converters/text_writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (2u << 20))
        return 0;
    dc_limits lim;
    dc_limits_default(&lim);
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
            __builtin_trap();
        dc_doc_free(doc);
    }
    return 0;
}
