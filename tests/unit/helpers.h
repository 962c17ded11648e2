/*
 * helpers.h - fixtures for the cmocka unit tests: small .docx packages built
 * on the fly, and shortcuts to read them.
 *
 * Each test program includes this once (the functions are static).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_TEST_HELPERS_H
#define DC_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "converters/read/numbering.h"
#include "converters/read/reader.h"
#include "converters/write/text_writer.h"
#include "model/doc.h"

#define TH_W_NS                                                                     \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "     \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "     \
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" "                                   \
    "xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\""

/* Writes a zip of (name, content) pairs (NULL-terminated) to a new temporary
 * file; returns its path (free it; unlink when done). */
static inline char *th_zip(const char *const *pairs)
{
    char tmpl[] = "/tmp/dc-test-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    close(fd);
    zipFile z = zipOpen(tmpl, APPEND_STATUS_CREATE);
    assert_non_null(z);
    for (size_t i = 0; pairs[i]; i += 2) {
        zip_fileinfo zi;
        memset(&zi, 0, sizeof zi);
        assert_int_equal(zipOpenNewFileInZip(z, pairs[i], &zi, NULL, 0, NULL, 0, NULL,
                                             Z_DEFLATED, Z_DEFAULT_COMPRESSION), ZIP_OK);
        size_t len = strlen(pairs[i + 1]);
        assert_int_equal(zipWriteInFileInZip(z, pairs[i + 1], (unsigned)len), ZIP_OK);
        zipCloseFileInZip(z);
    }
    zipClose(z, NULL);
    return strdup(tmpl);
}

static const char th_content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";

static const char th_root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "</Relationships>";

static const char th_doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footnotes\" Target=\"footnotes.xml\"/>"
    "</Relationships>";

/* Builds a .docx from a w:body's inner XML and optional styles, numbering and
 * footnotes parts' inner XML (NULL = absent), reads it and returns the
 * document (asserting success). */
static inline dc_doc *th_docx(const char *body, const char *styles, const char *numbering,
                       const char *footnotes)
{
    char *doc_xml, *sty = NULL, *num = NULL, *fn = NULL;
    const char *fmt = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:%s " TH_W_NS ">%s%s%s</w:%s>";
    size_t n = strlen(body) + 4096;
    doc_xml = malloc(n);
    snprintf(doc_xml, n, fmt, "document", "<w:body>", body, "</w:body>", "document");
    const char *pairs[20];
    size_t k = 0;
    pairs[k++] = "[Content_Types].xml"; pairs[k++] = th_content_types;
    pairs[k++] = "_rels/.rels";         pairs[k++] = th_root_rels;
    pairs[k++] = "word/_rels/document.xml.rels"; pairs[k++] = th_doc_rels;
    pairs[k++] = "word/document.xml";   pairs[k++] = doc_xml;
    if (styles) {
        n = strlen(styles) + 4096;
        sty = malloc(n);
        snprintf(sty, n, fmt, "styles", "", styles, "", "styles");
        pairs[k++] = "word/styles.xml"; pairs[k++] = sty;
    }
    if (numbering) {
        n = strlen(numbering) + 4096;
        num = malloc(n);
        snprintf(num, n, fmt, "numbering", "", numbering, "", "numbering");
        pairs[k++] = "word/numbering.xml"; pairs[k++] = num;
    }
    if (footnotes) {
        n = strlen(footnotes) + 4096;
        fn = malloc(n);
        snprintf(fn, n, fmt, "footnotes", "", footnotes, "", "footnotes");
        pairs[k++] = "word/footnotes.xml"; pairs[k++] = fn;
    }
    pairs[k] = NULL;
    char *path = th_zip(pairs);
    dc_error err = {0};
    dc_doc *doc = dc_read_file(path, NULL, &err);
    if (!doc)
        fail_msg("reading the fixture failed: %s", err.msg);
    unlink(path);
    free(path);
    free(doc_xml);
    free(sty);
    free(num);
    free(fn);
    return doc;
}

/* The visible text (inspect --text) of a document; caller frees. */
static inline char *th_text(const dc_doc *doc)
{
    dc_buf b = DC_BUF_INIT;
    dc_text_write(doc, &b);
    return dc_buf_detach(&b, NULL);
}

/* Reads a whole file from memory bytes; returns the doc or NULL with err. */
static inline dc_doc *th_read_bytes(const void *data, size_t len, dc_error *err)
{
    return dc_read_memory(data, len, NULL, err);
}

/* The n-th (0-based) block of the body of a given type, or NULL. */
static inline const dc_node *th_block(const dc_doc *doc, dc_node_type type, int n)
{
    for (const dc_node *b = doc->root->first_child; b; b = b->next)
        if (b->type == type && n-- == 0)
            return b;
    return NULL;
}

#endif
