/*
 * fuzz_pdf_layout.c - the input is the body of word/document.xml (as for
 * fuzz_ooxml_body); the document is typeset for the PDF and every item is
 * checked to lie inside the text area (page numbers below it).  Fonts are
 * resolved once per process from the installed fonts.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "converters/write/pdf_layout.h"
#include "fuzz_common.h"

static dc_fontset *S_fonts;

static void S_check(const dc_layout *L)
{
    const float e = 0.5f;
    for (size_t p = 0; p < L->npages; p++) {
        const dc_page *pg = &L->pages[p];
        const dc_layout_geometry *g = &pg->geo;
        float left = g->left - e, right = g->left + g->text_width + e;
        float top = g->top - e, bottom = g->top + g->text_height + e;
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
    dc_doc *doc = fz_read_wrapped(FZ_OOXML_HEAD, data, size, FZ_OOXML_TAIL, 50000);
    if (doc) {
        dc_error err = {0};
        dc_layout *L = dc_layout_document(doc, S_fonts, &err);
        if (!L || L->npages == 0)
            __builtin_trap();
        S_check(L);
        dc_layout_free(L);
        dc_doc_free(doc);
    }
    return 0;
}
