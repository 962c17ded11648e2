/*
 * fuzz_word2003.c - the input is the inside of a w:wordDocument (Word 2003
 * XML), so the fuzzer works on that vocabulary.
 */
#include <stddef.h>
#include <stdint.h>

#include "converters/json_writer.h"
#include "converters/reader.h"
#include "converters/text_writer.h"

static const char S_head[] =
    "<?xml version=\"1.0\"?><w:wordDocument "
    "xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\" "
    "xmlns:wx=\"http://schemas.microsoft.com/office/word/2003/auxHint\" "
    "xmlns:aml=\"http://schemas.microsoft.com/aml/2001/core\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">";
static const char S_tail[] = "</w:wordDocument>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    dc_buf in = DC_BUF_INIT;
    dc_buf_puts(&in, S_head);
    dc_buf_put(&in, data, size);
    dc_buf_puts(&in, S_tail);
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_nodes = 200000;
    dc_error err = {0};
    dc_doc *doc = dc_read_memory((const unsigned char *)in.data, in.len, &lim, &err);
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
    dc_buf_free(&in);
    return 0;
}
