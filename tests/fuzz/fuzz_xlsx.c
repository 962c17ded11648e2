/*
 * fuzz_xlsx.c - the input is the body of word/document.xml (as in
 * fuzz_ooxml_body.c); the document is recognised, validated and written as a
 * workbook, so the XLSX writer meets arbitrary tables, spans, captions and
 * texts.  The workbook goes to a temporary file that is removed again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "converters/write/xlsx_writer.h"
#include "model/recognize.h"
#include "model/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 18))
        return 0;
    dc_doc *doc = fz_read_wrapped(FZ_OOXML_HEAD, data, size, FZ_OOXML_TAIL, 100000);
    if (doc) {
        dc_disclosure *d = dc_recognize(doc);
        dc_validate(d);
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        char path[64];
        snprintf(path, sizeof path, "%s/dc-fuzz-xlsx-%ld.xlsx", dir, (long)getpid());
        dc_xlsx_options opt = {1609459200, 1};
        dc_error werr = {0};
        if (dc_xlsx_write(doc, d, path, &opt, &werr) != DC_OK)
            __builtin_trap();     /* writing a readable document must not fail */
        unlink(path);
        dc_disclosure_free(d);
        dc_doc_free(doc);
    }
    return 0;
}
