/*
 * fuzz_pdf_layout.c - the input is the body of word/document.xml (as for
 * fuzz_ooxml_body); the document is typeset for the PDF and every item is
 * checked to lie inside the text area (page numbers below it).  Fonts are
 * resolved once per process from the installed fonts.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "converters/pdf_layout.h"
#include "converters/reader.h"

static const char S_head[] =
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
static const char S_tail[] = "</w:body></w:document></pkg:xmlData></pkg:part></pkg:package>";

static dc_fontset *S_fonts;

static void S_check(const dc_layout *L)
{
    const dc_layout_geometry *g = &L->geo;
    const float e = 0.5f;
    float left = g->left - e, right = g->left + g->text_width + e;
    float top = g->top - e, bottom = g->top + g->text_height + e;
    for (size_t p = 0; p < L->npages; p++) {
        const dc_page *pg = &L->pages[p];
        for (size_t i = 0; i < pg->nitems; i++) {
            const dc_item *it = &pg->items[i];
            if (it->order == UINT64_MAX)
                continue;        /* the page number, below the text block */
            if (it->kind == DC_ITEM_TEXT) {
                if (it->x0 < left || it->x1 > right || it->y0 < top || it->y1 > bottom)
                    __builtin_trap();
                for (size_t k = 0; k < it->count; k++)
                    if (pg->glyphs[it->first + k].x < left || pg->glyphs[it->first + k].x > right)
                        __builtin_trap();
            } else {
                float w = it->kind == DC_ITEM_LINE ? it->width / 2 : 0;
                if (it->x0 - w < left || it->x1 + w > right || it->y0 - w < top ||
                    it->y1 + w > bottom || it->x1 - w < left || it->x0 + w > right ||
                    it->y1 - w < top || it->y0 + w > bottom)
                    __builtin_trap();
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 18))
        return 0;
    if (!S_fonts) {
        dc_error ferr = {0};
        S_fonts = dc_fontset_new(NULL, &ferr);
        if (!S_fonts)
            return 0;
    }
    dc_buf in = DC_BUF_INIT;
    dc_buf_puts(&in, S_head);
    dc_buf_put(&in, data, size);
    dc_buf_puts(&in, S_tail);
    dc_limits lim;
    dc_limits_default(&lim);
    lim.max_nodes = 50000;
    dc_error err = {0};
    dc_doc *doc = dc_read_memory((const unsigned char *)in.data, in.len, &lim, &err);
    if (doc) {
        dc_layout *L = dc_layout_document(doc, S_fonts, &err);
        if (!L || L->npages == 0)
            __builtin_trap();
        S_check(L);
        dc_layout_free(L);
        dc_doc_free(doc);
    }
    dc_buf_free(&in);
    return 0;
}
