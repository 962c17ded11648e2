/*
 * reader.c - detect the input form from its bytes and hand it to the right
 * reader; whole-file reading.
 *
 * SPDX-License-Identifier: MIT
 */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "converters/read/ooxml_reader.h"
#include "converters/read/package.h"
#include "converters/read/word2003_reader.h"
#include "converters/read/xml.h"

/* ------------------------------------------------------------------------
 * Sniffing
 * ------------------------------------------------------------------------ */

dc_sniff_kind dc_sniff(const unsigned char *d, size_t n)
{
    if (n == 0)
        return DC_SNIFF_EMPTY;
    if (n >= 4 && d[0] == 'P' && d[1] == 'K' &&
        ((d[2] == 3 && d[3] == 4) || (d[2] == 5 && d[3] == 6) || (d[2] == 7 && d[3] == 8)))
        return DC_SNIFF_ZIP;
    if (n >= 8 && !memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return DC_SNIFF_OLE;
    if (n >= 5 && !memcmp(d, "{\\rtf", 5))
        return DC_SNIFF_RTF;
    if (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
        return DC_SNIFF_XML;   /* UTF-16 with a byte order mark */
    size_t i = 0;
    if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        i = 3;
    while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
        i++;
    if (i < n && d[i] == '<')
        return DC_SNIFF_XML;
    if (n >= 4 && d[0] == '<' && d[1] == 0 )
        return DC_SNIFF_XML;   /* UTF-16LE without BOM */
    if (n >= 4 && d[0] == 0 && d[1] == '<')
        return DC_SNIFF_XML;
    return DC_SNIFF_OTHER;
}

static int S_has_utf16(const unsigned char *d, size_t n, const char *ascii)
{
    size_t l = strlen(ascii);
    if (n < 2 * l)
        return 0;
    for (size_t i = 0; i + 2 * l <= n; i++) {
        size_t k = 0;
        while (k < l && d[i + 2 * k] == (unsigned char)ascii[k] && d[i + 2 * k + 1] == 0)
            k++;
        if (k == l)
            return 1;
    }
    return 0;
}

static void S_describe_other(const unsigned char *d, size_t n, dc_error *err)
{
    if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
        dc_error_set(err, DC_ERR_FORMAT, "not a Word document: it is a PNG image");
    else if (n >= 3 && !memcmp(d, "\xFF\xD8\xFF", 3))
        dc_error_set(err, DC_ERR_FORMAT, "not a Word document: it is a JPEG image");
    else if (n >= 5 && !memcmp(d, "%PDF-", 5))
        dc_error_set(err, DC_ERR_FORMAT, "not a Word document: it is a PDF file");
    else
        dc_error_set(err, DC_ERR_FORMAT,
                     "not a Word document (neither a .docx zip nor Word XML)");
}

/* ------------------------------------------------------------------------
 * Dispatch
 * ------------------------------------------------------------------------ */

static dc_doc *S_read_zip(const unsigned char *data, size_t len, const dc_limits *lim,
                          dc_error *err)
{
    dc_package *pkg = dc_package_open_zip(data, len, lim, err);
    if (!pkg)
        return NULL;
    dc_doc *doc = NULL;
    if (!dc_package_has(pkg, "[Content_Types].xml") && !dc_package_has(pkg, "_rels/.rels")) {
        if (dc_package_has(pkg, "mimetype") && dc_package_has(pkg, "content.xml"))
            dc_error_set(err, DC_ERR_FORMAT,
                         "an OpenDocument file (.odt), not Word: save it as .docx");
        else
            dc_error_set(err, DC_ERR_PART,
                         "a zip archive without the parts of a Word package "
                         "([Content_Types].xml, _rels/.rels)");
    } else {
        doc = dc_ooxml_read(pkg, lim, err);
        if (doc)
            doc->format = DC_FORMAT_DOCX;
    }
    dc_package_free(pkg);
    return doc;
}

/* Which Word XML the root element names: the parse stops at its start tag
 * (or at an error before it, which the whole parse then names). */
enum { S_ROOT_OTHER, S_ROOT_WORD2003, S_ROOT_FLAT_OPC };

static int S_probe_root(void *ctx, const xmlNode *elem, int depth, int in_container)
{
    (void)depth;
    (void)in_container;
    *(int *)ctx = dc_xml_is(elem, DC_XNS_W2003, "wordDocument") ? S_ROOT_WORD2003
                  : dc_xml_is(elem, DC_XNS_PKG, "package")       ? S_ROOT_FLAT_OPC
                                                                  : S_ROOT_OTHER;
    return DC_XML_STOP;
}

static int S_probe_block(void *ctx, xmlNode *block)
{
    (void)ctx;
    (void)block;
    return 1;
}

static int S_root_kind(const unsigned char *data, size_t len)
{
    int kind = S_ROOT_OTHER;
    dc_xml_stream_hooks hooks = {S_probe_root, S_probe_block, &kind};
    dc_xml_stream *s = dc_xml_stream_new("the document", &hooks);
    dc_xml_stream_feed(s, (const char *)data, len);
    dc_error ignore = {0};
    xmlFreeDoc(dc_xml_stream_end(s, &ignore));
    return kind;
}

static dc_doc *S_read_xml(const unsigned char *data, size_t len, const dc_limits *lim,
                          dc_error *err)
{
    /* Word 2003 and Flat OPC are read as they are parsed: memory for one
     * block of the body, not the whole tree.  Anything else is parsed
     * whole, to say what is wrong with it or what it is. */
    int kind = S_root_kind(data, len);
    if (kind == S_ROOT_WORD2003) {
        dc_doc *doc = dc_word2003_read((const char *)data, len, lim, err);
        if (doc)
            doc->format = DC_FORMAT_WORD2003;
        return doc;
    }
    if (kind == S_ROOT_FLAT_OPC) {
        dc_package *pkg = dc_package_open_flat_xml((const char *)data, len, lim, err);
        dc_doc *doc = pkg ? dc_ooxml_read(pkg, lim, err) : NULL;
        if (doc)
            doc->format = DC_FORMAT_FLAT_OPC;
        dc_package_free(pkg);
        return doc;
    }
    xmlDocPtr xml = dc_xml_parse((const char *)data, len, "the document", err);
    if (!xml)
        return NULL;
    xmlNode *root = xmlDocGetRootElement(xml);
    if (dc_xml_is(root, DC_XNS_W, "document")) {
        dc_error_set(err, DC_ERR_FORMAT,
                     "a bare WordprocessingML part (document.xml), not a whole document: "
                     "open the .docx it came from");
    } else if (!strcasecmp((const char *)root->name, "html")) {
        dc_error_set(err, DC_ERR_FORMAT, "an HTML page, not a Word document");
    } else {
        dc_error_set(err, DC_ERR_FORMAT,
                     "XML but not Word XML (root element <%s>; expected pkg:package or "
                     "w:wordDocument)", (const char *)root->name);
    }
    xmlFreeDoc(xml);
    return NULL;
}

dc_doc *dc_read_memory(const unsigned char *data, size_t len, const dc_limits *lim,
                       dc_error *err)
{
    dc_limits dflt;
    if (!lim) {
        dc_limits_default(&dflt);
        lim = &dflt;
    }
    if (len > lim->max_input) {
        dc_error_set(err, DC_ERR_LIMIT, "input is %zu MiB, more than the limit of %zu MiB",
                     len >> 20, lim->max_input >> 20);
        return NULL;
    }
    switch (dc_sniff(data, len)) {
    case DC_SNIFF_EMPTY:
        dc_error_set(err, DC_ERR_FORMAT, "empty file");
        return NULL;
    case DC_SNIFF_ZIP:
        return S_read_zip(data, len, lim, err);
    case DC_SNIFF_XML:
        return S_read_xml(data, len, lim, err);
    case DC_SNIFF_OLE:
        if (S_has_utf16(data, len, "EncryptedPackage"))
            dc_error_set(err, DC_ERR_LEGACY,
                         "an encrypted (password-protected) Word document: remove the password "
                         "in Word or WPS and save it as .docx");
        else if (S_has_utf16(data, len, "WordDocument"))
            dc_error_set(err, DC_ERR_LEGACY,
                         "a legacy binary Word 97-2003 .doc file: open it in Word or WPS and "
                         "save it as .docx");
        else
            dc_error_set(err, DC_ERR_LEGACY,
                         "an OLE compound file (legacy Office format or encrypted document), "
                         "not Word XML: save it as .docx");
        return NULL;
    case DC_SNIFF_RTF:
        dc_error_set(err, DC_ERR_FORMAT, "an RTF file, not Word XML: save it as .docx");
        return NULL;
    case DC_SNIFF_OTHER:
        S_describe_other(data, len, err);
        return NULL;
    }
    return NULL;
}


dc_doc *dc_read_file(const char *path, const dc_limits *lim, dc_error *err)
{
    dc_limits dflt;
    if (!lim) {
        dc_limits_default(&dflt);
        lim = &dflt;
    }
    size_t len = 0;
    unsigned char *data = dc_read_all(path, lim->max_input, &len, err);
    if (!data)
        return NULL;
    dc_doc *doc = dc_read_memory(data, len, lim, err);
    free(data);
    return doc;
}
