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

#include "converters/reader.h"
#include "converters/xlsx_writer.h"
#include "model/recognize.h"
#include "model/validate.h"

static const char S_head[] =
    "<?xml version=\"1.0\"?><pkg:package "
    "xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">"
    "<pkg:part pkg:name=\"/_rels/.rels\"><pkg:xmlData><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships></pkg:xmlData></pkg:part>"
    "<pkg:part pkg:name=\"/word/document.xml\"><pkg:xmlData><w:document "
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
static const char S_tail[] = "</w:body></w:document></pkg:xmlData></pkg:part></pkg:package>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 18))
        return 0;
    dc_buf in = DC_BUF_INIT;
    dc_buf_puts(&in, S_head);
    dc_buf_put(&in, data, size);
    dc_buf_puts(&in, S_tail);
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_nodes = 100000;
    dc_error err = {0};
    dc_doc *doc = dc_read_memory((const unsigned char *)in.data, in.len, &lim, &err);
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
    dc_buf_free(&in);
    return 0;
}
