/*
 * fuzz_common.h - what the fuzz harnesses share: reading the input as the
 * body of an OOXML or Word 2003 document, and exercising a document with the
 * text and JSON writers and the tree checker.
 */
#ifndef DC_FUZZ_COMMON_H
#define DC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "converters/write/json_writer.h"
#include "converters/read/reader.h"
#include "converters/write/text_writer.h"

/* A Flat OPC package whose word/document.xml body is the input, so that the
 * fuzzer works on WordprocessingML rather than on zip. */
static const char FZ_OOXML_HEAD[] =
    "<?xml version=\"1.0\"?><pkg:package "
    "xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">"
    "<pkg:part pkg:name=\"/_rels/.rels\"><pkg:xmlData><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships></pkg:xmlData></pkg:part>"
    "<pkg:part pkg:name=\"/word/document.xml\"><pkg:xmlData><w:document "
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\"><w:body>";
static const char FZ_OOXML_TAIL[] =
    "</w:body></w:document></pkg:xmlData></pkg:part></pkg:package>";

/* A Word 2003 document whose inside is the input. */
static const char FZ_W2003_HEAD[] =
    "<?xml version=\"1.0\"?><w:wordDocument "
    "xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\" "
    "xmlns:wx=\"http://schemas.microsoft.com/office/word/2003/auxHint\" "
    "xmlns:aml=\"http://schemas.microsoft.com/aml/2001/core\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">";
static const char FZ_W2003_TAIL[] = "</w:wordDocument>";

/* Reads head + data + tail with small limits; NULL when it is not a document. */
static inline dc_doc *fz_read_wrapped(const char *head, const uint8_t *data, size_t size,
                                      const char *tail, size_t max_nodes)
{
    dc_buf in = DC_BUF_INIT;
    dc_buf_puts(&in, head);
    dc_buf_put(&in, data, size);
    dc_buf_puts(&in, tail);
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_part = 8u << 20;
    lim.max_nodes = max_nodes;
    dc_error err = {0};
    dc_doc *doc = dc_read_memory((const unsigned char *)in.data, in.len, &lim, &err);
    dc_buf_free(&in);
    return doc;
}

/* Runs the text and JSON writers and traps when a reader built a malformed
 * tree; frees the document. */
static inline void fz_exercise_doc(dc_doc *doc)
{
    if (!doc)
        return;
    dc_buf b = DC_BUF_INIT;
    dc_text_write(doc, &b);
    dc_json_write_doc(doc, &b);
    dc_buf_free(&b);
    dc_error chk = {0};
    if (dc_doc_check(doc, &chk) != 0)
        __builtin_trap();
    dc_doc_free(doc);
}

#endif
