/*
 * fuzz_recognize.c - the input is the body of word/document.xml (wrapped in a
 * Flat OPC package, as in fuzz_ooxml_body.c); whatever the reader makes of it
 * goes through the recognizer, the validator and the disclosure JSON writer.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "converters/write/disclosure_json_writer.h"
#include "fuzz_common.h"
#include "model/recognize.h"
#include "model/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    dc_doc *doc = fz_read_wrapped(FZ_OOXML_HEAD, data, size, FZ_OOXML_TAIL, 200000);
    if (doc) {
        dc_disclosure *d = dc_recognize(doc);
        dc_validate(d);
        dc_buf b = DC_BUF_INIT;
        dc_json_write_disclosure(d, "fuzz", &b);
        dc_json_write_findings(d, &b);
        dc_buf_free(&b);
        dc_disclosure_free(d);
        dc_doc_free(doc);
    }
    return 0;
}
