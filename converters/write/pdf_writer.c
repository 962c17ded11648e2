/*
 * pdf_writer.c - the laid-out document (pdf_layout.h) as PDF with libharu.
 *
 * libharu writes the file structure: objects, pages, outlines, page labels,
 * the info dictionary, compression and the cross-reference table.  Fonts are
 * built here with libharu's object API rather than HPDF_LoadTTFontFromFile:
 * each face a document uses is subset with HarfBuzz (fonts/subset.c) and
 * embedded as a Type0 / CIDFontType2 font with Identity-H encoding and an
 * Identity CIDToGIDMap (CID = glyph id of the subset), its widths, a CIDSet
 * and a correct ToUnicode CMap.  This avoids libharu 2.3.0's invalid
 * ToUnicode CMap and its 65,536-step glyph-id loop per font (40-220 ms per
 * CJK font), and it is not limited to the BMP.  Page content is written
 * directly: glyph ids placed with TJ, table rules, fills.
 *
 * With --pdfa the file also gets what PDF/A-1b asks for and libharu 2.3.0
 * does not write correctly: XMP metadata matching the info dictionary and an
 * sRGB OutputIntent (libharu's own misspells the DestOutputProfile key).
 * Output is deterministic: dates come from SOURCE_DATE_EPOCH or the document,
 * the file ID and font subset tags are hashes of the content.
 *
 * SPDX-License-Identifier: MIT
 */
#include "pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>
#include <libdeflate.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "converters/write/outfile.h"
#include "converters/write/pdf_layout.h"
#include "fonts/subset.h"

/* ---- errors ---------------------------------------------------------------- */

typedef struct {
    HPDF_STATUS code, detail;
} S_hpdf_err;

static void S_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
    S_hpdf_err *e = data;
    if (!e->code) {
        e->code = code;
        e->detail = detail;
    }
}

/* Saves the finished document: libharu writes it into its memory stream
 * (its file writer would ignore a failing fclose, the last buffer lost), and
 * it goes to path through dc_outfile, every write checked. */
static dc_status S_save(HPDF_Doc pdf, S_hpdf_err *herr, const char *path, dc_error *err)
{
    if (HPDF_SaveToStream(pdf) != HPDF_OK || herr->code)
        return dc_error_set(err, DC_ERR_INTERNAL, "libharu error 0x%04X/%u while saving the PDF",
                            (unsigned)herr->code, (unsigned)herr->detail);
    dc_outfile f;
    dc_status st = dc_outfile_open(&f, path, err);
    if (st != DC_OK)
        return st;
    HPDF_UINT32 left = HPDF_GetStreamSize(pdf);
    enum { S_CHUNK = 1 << 16 };
    HPDF_BYTE *buf = dc_xmalloc(S_CHUNK);
    while (left && st == DC_OK) {
        HPDF_UINT32 n = left < S_CHUNK ? left : S_CHUNK;
        HPDF_STATUS rc = HPDF_ReadFromStream(pdf, buf, &n);
        if ((rc != HPDF_OK && rc != HPDF_STREAM_EOF) || n == 0) {
            st = dc_error_set(err, DC_ERR_INTERNAL, "libharu error 0x%04X while saving the PDF",
                              (unsigned)rc);
            break;
        }
        st = dc_outfile_put(&f, buf, n, err);
        left -= n;
    }
    free(buf);
    return dc_outfile_close(&f, st, err);
}

static void S_warnf(const dc_pdf_options *opt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void S_warnf(const dc_pdf_options *opt, const char *fmt, ...)
{
    if (!opt || !opt->warn)
        return;
    dc_buf b = DC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    opt->warn(opt->warn_ctx, dc_buf_cstr(&b));
    dc_buf_free(&b);
}

/* ---- small writers ---------------------------------------------------------- */

/* A number for a content stream: at most 3 decimals, no trailing zeros
 * (integer arithmetic: faster than printf and locale-proof). */
static void S_num(dc_buf *b, double v)
{
    long long m = llround(v * 1000.0);
    char tmp[40], *p = tmp + sizeof tmp;
    int neg = m < 0;
    unsigned long long u = neg ? (unsigned long long)(-m) : (unsigned long long)m;
    unsigned frac = (unsigned)(u % 1000);
    u /= 1000;
    *--p = '\0';
    if (frac) {
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        for (int i = 0; i < digits; i++) {
            *--p = (char)('0' + frac % 10);
            frac /= 10;
        }
        *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg && (p[0] != '0' || p[1] != '\0'))
        *--p = '-';
    dc_buf_puts(b, p);
}

/* UTF-8 -> UTF-16BE with a byte order mark (a PDF text string). */
static void S_utf16be(const char *s, dc_buf *out)
{
    dc_buf_putc(out, (char)0xFE);
    dc_buf_putc(out, (char)0xFF);
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(s + i, n - i, &adv);
        i += adv;
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000;
            uint32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            dc_buf_putc(out, (char)(hi >> 8));
            dc_buf_putc(out, (char)hi);
            dc_buf_putc(out, (char)(lo >> 8));
            dc_buf_putc(out, (char)lo);
        } else {
            dc_buf_putc(out, (char)(cp >> 8));
            dc_buf_putc(out, (char)cp);
        }
    }
}

static void *S_text_obj_full(HPDF_Doc pdf, const char *s)
{
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80 || *p < 0x20)
            ascii = 0;
    if (ascii)
        return HPDF_String_New(pdf->mmgr, s, NULL);
    dc_buf b = DC_BUF_INIT;
    S_utf16be(s, &b);
    HPDF_Binary bin = HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    dc_buf_free(&b);
    return bin;
}

/* A text string object: ASCII as a literal, anything else UTF-16BE (hex).
 * At most 2000 bytes of UTF-8 are kept (libharu limits strings to 64 KiB). */
static void *S_text_obj(HPDF_Doc pdf, const char *s)
{
    char *cut = NULL;
    size_t len = strlen(s);
    if (len > 2000) {
        size_t n = 2000;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        cut = dc_xstrndup(s, n);
        s = cut;
    }
    void *obj = S_text_obj_full(pdf, s);
    free(cut);
    return obj;
}

static void S_xml_escape(dc_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': dc_buf_puts(b, "&lt;"); break;
        case '>': dc_buf_puts(b, "&gt;"); break;
        case '&': dc_buf_puts(b, "&amp;"); break;
        case '"': dc_buf_puts(b, "&quot;"); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                dc_buf_putc(b, *s);
        }
    }
}

/* ---- fonts -------------------------------------------------------------------- */

typedef struct {
    uint64_t *pairs;            /* (original gid << 32) | character, sorted, one per gid */
    size_t n, cap;
    dc_subset sub;
    int have_sub;
    HPDF_Dict font;             /* the Type0 font */
    char res[16];               /* resource name, "F3" */
} S_font;

static int S_u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Collects each face's glyphs (with the lowest character drawn with each). */
static void S_pairs_dedup(S_font *f)
{
    qsort(f->pairs, f->n, sizeof *f->pairs, S_u64_cmp);
    size_t m = 0;
    for (size_t k = 0; k < f->n; k++)
        if (m == 0 || (f->pairs[k] >> 32) != (f->pairs[m - 1] >> 32))
            f->pairs[m++] = f->pairs[k];
    f->n = m;
}

/* Each face's glyphs in use with their characters: (gid << 32 | cp), one per
 * glyph (the lowest character when a glyph stands for several), ascending.
 * Gathered page by page as the layout finishes them (S_glyphs_page), then
 * put in order (S_glyphs_end).  Glyph ids of TrueType fit in 16 bits: a
 * table per face keeps the lowest character of each; anything larger goes
 * through a sort. */
enum { S_GIDS = 65536 };

typedef struct {
    S_font *fonts;
    size_t nfaces;
    uint32_t **low;             /* per face: cp + 1 for each gid, 0 = unused */
} S_glyphs;

static void S_glyphs_page(S_glyphs *gs, const dc_page *pg)
{
    for (size_t i = 0; i < pg->nitems; i++) {
        const dc_item *it = &pg->items[i];
        if (it->kind != DC_ITEM_TEXT || it->face < 0 || (size_t)it->face >= gs->nfaces)
            continue;
        S_font *f = &gs->fonts[it->face];
        if (!gs->low[it->face])
            gs->low[it->face] = dc_xcalloc(S_GIDS, sizeof **gs->low);
        uint32_t *lo = gs->low[it->face];
        for (size_t k = 0; k < it->count; k++) {
            const dc_glyph *g = &pg->glyphs[it->first + k];
            if (g->gid < S_GIDS && g->cp < UINT32_MAX) {
                if (!lo[g->gid] || g->cp + 1 < lo[g->gid])
                    lo[g->gid] = g->cp + 1;
                continue;
            }
            DC_GROW(f->pairs, f->n, f->cap, 256);
            f->pairs[f->n++] = ((uint64_t)g->gid << 32) | g->cp;
        }
        if (f->n > 4096)    /* keep memory bounded on long documents */
            S_pairs_dedup(f);
    }
}

static void S_glyphs_end(S_glyphs *gs)
{
    for (size_t i = 0; i < gs->nfaces; i++) {
        S_font *f = &gs->fonts[i];
        size_t extra = f->n;
        for (uint32_t gid = 0; gs->low[i] && gid < S_GIDS; gid++) {
            if (!gs->low[i][gid])
                continue;
            DC_GROW(f->pairs, f->n, f->cap, 256);
            f->pairs[f->n++] = ((uint64_t)gid << 32) | (gs->low[i][gid] - 1);
        }
        if (extra)
            S_pairs_dedup(f);
        free(gs->low[i]);
    }
    free(gs->low);
    gs->low = NULL;
}

/* Six capital letters from a hash of the face and its glyphs: the subset tag. */
static void S_tag(const dc_face *face, const S_font *f, char tag[7])
{
    HPDF_MD5_CTX ctx;
    HPDF_BYTE d[16];
    HPDF_MD5Init(&ctx);
    HPDF_MD5Update(&ctx, (const HPDF_BYTE *)face->psname, (HPDF_UINT32)strlen(face->psname));
    HPDF_MD5Update(&ctx, (const HPDF_BYTE *)f->pairs, (HPDF_UINT32)(f->n * sizeof *f->pairs));
    HPDF_MD5Final(d, &ctx);
    for (int i = 0; i < 6; i++)
        tag[i] = (char)('A' + d[i] % 26);
    tag[6] = '\0';
}

/* ---- streams, compressed here ------------------------------------------------------- */

/* libharu would deflate every stream with zlib at its fixed default level when
 * it saves, the largest single cost of a conversion.  Streams are compressed
 * here instead with libdeflate (whole-buffer, several times faster at a
 * comparable ratio, deterministic for a given level), handed to libharu as
 * they are (filter NONE) and labelled /FlateDecode by the dictionary's write
 * hook, which libharu calls after the other keys. */
enum { S_DEFLATE_LEVEL = 6 };

static HPDF_STATUS S_flate_key(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Puts data into the stream of s (an HPDF stream dictionary), compressed when
 * z is not NULL and compressing makes it smaller. */
static void S_stream_fill(HPDF_Dict s, struct libdeflate_compressor *z, const void *data,
                          size_t len)
{
    s->filter = HPDF_STREAM_FILTER_NONE;
    if (!len)
        return;
    if (z) {
        size_t cap = libdeflate_zlib_compress_bound(z, len);
        unsigned char *out = dc_xmalloc(cap);
        size_t n = libdeflate_zlib_compress(z, data, len, out, cap);
        if (n && n < len) {
            HPDF_Stream_Write(s->stream, out, (HPDF_UINT)n);
            s->write_fn = S_flate_key;
            free(out);
            return;
        }
        free(out);
    }
    HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len);
}

static HPDF_Dict S_stream(HPDF_Doc pdf, struct libdeflate_compressor *z, const void *data,
                          size_t len)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (s)
        S_stream_fill(s, z, data, len);
    return s;
}

static HPDF_Dict S_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (d)
        HPDF_Xref_Add(pdf->xref, d);
    return d;
}

static void S_hex4(dc_buf *b, uint32_t v)
{
    static const char hex[] = "0123456789ABCDEF";
    char s[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    dc_buf_put(b, s, 4);
}

/* The ToUnicode CMap: each subset glyph id to its character (bfchar blocks of
 * at most 100 entries; characters beyond the BMP as surrogate pairs). */
static void S_tounicode(dc_buf *b, const uint32_t *gid, const uint32_t *cp, size_t n)
{
    dc_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t i = 0; i < n; i += 100) {
        size_t m = n - i < 100 ? n - i : 100;
        dc_buf_printf(b, "%zu beginbfchar\n", m);
        for (size_t k = i; k < i + m; k++) {
            dc_buf_putc(b, '<');
            S_hex4(b, gid[k]);
            dc_buf_puts(b, "> <");
            if (cp[k] >= 0x10000) {
                uint32_t v = cp[k] - 0x10000;
                S_hex4(b, 0xD800 + (v >> 10));
                S_hex4(b, 0xDC00 + (v & 0x3FF));
            } else {
                S_hex4(b, cp[k]);
            }
            dc_buf_puts(b, ">\n");
        }
        dc_buf_puts(b, "endbfchar\n");
    }
    dc_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* Embeds one face's subset as a Type0 font.  Returns DC_OK or an error. */
static dc_status S_embed(HPDF_Doc pdf, struct libdeflate_compressor *z, const dc_face *face,
                         S_font *f, dc_error *err)
{
    uint32_t *cps = dc_xmalloc(f->n * sizeof *cps);
    for (size_t k = 0; k < f->n; k++)
        cps[k] = (uint32_t)(f->pairs[k] & 0xFFFFFFFFu);
    dc_status st = dc_subset_face(face, cps, f->n, &f->sub, err);
    free(cps);
    if (st != DC_OK)
        return st;
    f->have_sub = 1;

    /* New glyph ids with their widths and characters, ascending. */
    uint32_t *ngid = dc_xmalloc(f->n * sizeof *ngid);
    uint32_t *ncp = dc_xmalloc(f->n * sizeof *ncp);
    uint64_t *order = dc_xmalloc(f->n * sizeof *order);
    size_t m = 0;
    for (size_t k = 0; k < f->n; k++) {
        uint32_t old = (uint32_t)(f->pairs[k] >> 32);
        uint32_t g = dc_subset_gid(&f->sub, old);
        if (g == 0)
            continue;
        order[m++] = ((uint64_t)g << 32) | (uint64_t)k;
    }
    qsort(order, m, sizeof *order, S_u64_cmp);
    for (size_t i = 0; i < m; i++) {
        size_t k = (size_t)(order[i] & 0xFFFFFFFFu);
        ngid[i] = (uint32_t)(order[i] >> 32);
        ncp[i] = (uint32_t)(f->pairs[k] & 0xFFFFFFFFu);
    }
    free(order);

    char tag[7], name[128];
    S_tag(face, f, tag);
    snprintf(name, sizeof name, "%s+%s", tag, face->psname);
    double k1000 = 1000.0 / face->upem;

    HPDF_Dict file = S_stream(pdf, z, f->sub.data, f->sub.len);
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)f->sub.len);

    /* CIDSet: every glyph of the subset is present. */
    size_t nbytes = (f->sub.nglyphs + 7) / 8;
    unsigned char *set = dc_xcalloc(nbytes ? nbytes : 1, 1);
    for (uint32_t g = 0; g < f->sub.nglyphs; g++)
        set[g / 8] |= (unsigned char)(0x80 >> (g % 8));
    HPDF_Dict cidset = S_stream(pdf, z, set, nbytes);
    free(set);

    HPDF_Dict desc = S_dict(pdf);
    HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    HPDF_Dict_AddName(desc, "FontName", name);
    HPDF_Dict_AddNumber(desc, "Flags", 4);
    HPDF_Array bbox = HPDF_Array_New(pdf->mmgr);
    for (int i = 0; i < 4; i++)
        HPDF_Array_AddNumber(bbox, (HPDF_INT32)lround(face->bbox[i] * k1000));
    HPDF_Dict_Add(desc, "FontBBox", bbox);
    HPDF_Dict_AddNumber(desc, "ItalicAngle", face->italic_angle);
    HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)lround(face->ascent * k1000));
    HPDF_Dict_AddNumber(desc, "Descent", (HPDF_INT32)lround(face->descent * k1000));
    HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)lround(face->cap_height * k1000));
    HPDF_Dict_AddNumber(desc, "StemV", face->weight >= 600 ? 120 : 80);
    HPDF_Dict_Add(desc, "FontFile2", file);
    HPDF_Dict_Add(desc, "CIDSet", cidset);

    HPDF_Dict cid = S_dict(pdf);
    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", name);
    HPDF_Dict info = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
    HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    HPDF_Dict_Add(cid, "FontDescriptor", desc);
    HPDF_Dict_AddNumber(cid, "DW", 1000);
    /* Widths of every subset glyph (components of composite glyphs too), as
     * runs of at most 4000 so no array passes libharu's limit. */
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    for (uint32_t g0 = 1; g0 < f->sub.nglyphs; g0 += 4000) {
        uint32_t g1 = g0 + 4000 < f->sub.nglyphs ? g0 + 4000 : f->sub.nglyphs;
        HPDF_Array_AddNumber(w, (HPDF_INT32)g0);
        HPDF_Array run = HPDF_Array_New(pdf->mmgr);
        for (uint32_t g = g0; g < g1; g++)
            HPDF_Array_AddNumber(run, dc_face_advance(face, dc_subset_old_gid(&f->sub, g)));
        HPDF_Array_Add(w, run);
    }
    HPDF_Dict_Add(cid, "W", w);
    HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");

    dc_buf cmap = DC_BUF_INIT;
    S_tounicode(&cmap, ngid, ncp, m);
    HPDF_Dict tou = S_stream(pdf, z, cmap.data, cmap.len);
    dc_buf_free(&cmap);

    HPDF_Dict font = S_dict(pdf);
    HPDF_Dict_AddName(font, "Type", "Font");
    HPDF_Dict_AddName(font, "Subtype", "Type0");
    HPDF_Dict_AddName(font, "BaseFont", name);
    HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    HPDF_Array desc_fonts = HPDF_Array_New(pdf->mmgr);
    HPDF_Array_Add(desc_fonts, cid);
    HPDF_Dict_Add(font, "DescendantFonts", desc_fonts);
    HPDF_Dict_Add(font, "ToUnicode", tou);
    f->font = font;
    free(ngid);
    free(ncp);
    return DC_OK;
}

/* ---- page content ---------------------------------------------------------------- */

typedef struct {
    const dc_item *it;
    size_t index;
} S_sorted;

static int S_sorted_cmp(const void *a, const void *b)
{
    const S_sorted *x = a, *y = b;
    if (x->it->order != y->it->order)
        return x->it->order < y->it->order ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void S_content(const dc_layout *L, const dc_page *pg, const dc_fontset *fs,
                      const S_font *fonts, dc_buf *b)
{
    float H = pg->geo.page_height;
    (void)L;
    S_sorted *s = dc_xmalloc((pg->nitems ? pg->nitems : 1) * sizeof *s);
    for (size_t i = 0; i < pg->nitems; i++) {
        s[i].it = &pg->items[i];
        s[i].index = i;
    }
    qsort(s, pg->nitems, sizeof *s, S_sorted_cmp);

    /* Fills first, then text in reading order, then rules over both. */
    for (size_t i = 0; i < pg->nitems; i++) {
        const dc_item *it = s[i].it;
        if (it->kind != DC_ITEM_FILL)
            continue;
        dc_buf_puts(b, "q ");
        S_num(b, ((it->rgb >> 16) & 255) / 255.0);
        dc_buf_putc(b, ' ');
        S_num(b, ((it->rgb >> 8) & 255) / 255.0);
        dc_buf_putc(b, ' ');
        S_num(b, (it->rgb & 255) / 255.0);
        dc_buf_puts(b, " rg ");
        S_num(b, it->x0);
        dc_buf_putc(b, ' ');
        S_num(b, H - it->y1);
        dc_buf_putc(b, ' ');
        S_num(b, it->x1 - it->x0);
        dc_buf_putc(b, ' ');
        S_num(b, it->y1 - it->y0);
        dc_buf_puts(b, " re f Q\n");
    }
    int in_text = 0, cur_face = -1, cur_bold = 0;
    float cur_size = 0;
    for (size_t i = 0; i < pg->nitems; i++) {
        const dc_item *it = s[i].it;
        if (it->kind != DC_ITEM_TEXT || it->count == 0 || it->face < 0 ||
            !fonts[it->face].font)
            continue;
        const S_font *f = &fonts[it->face];
        const dc_face *face = fs->faces[it->face];
        if (!in_text) {
            dc_buf_puts(b, "BT\n");
            in_text = 1;
        }
        if (it->face != cur_face || it->size != cur_size) {
            dc_buf_printf(b, "/%s ", f->res);
            S_num(b, it->size);
            dc_buf_puts(b, " Tf\n");
            cur_face = it->face;
            cur_size = it->size;
        }
        if (it->bold != cur_bold) {
            if (it->bold) {
                S_num(b, it->size * 0.03);
                dc_buf_puts(b, " w 2 Tr\n");
            } else {
                dc_buf_puts(b, "0 Tr\n");
            }
            cur_bold = it->bold;
        } else if (it->bold) {
            S_num(b, it->size * 0.03);
            dc_buf_puts(b, " w\n");
        }
        const dc_glyph *g = &pg->glyphs[it->first];
        dc_buf_puts(b, "1 0 0 1 ");
        S_num(b, g[0].x);
        dc_buf_putc(b, ' ');
        S_num(b, H - it->y);
        dc_buf_puts(b, " Tm [<");
        for (size_t k = 0; k < it->count; k++) {
            uint32_t ng = dc_subset_gid(&f->sub, g[k].gid);
            if (k > 0) {
                /* The gap between where the previous glyph's advance ends
                 * and where this one starts, in thousandths of the size. */
                int w = dc_face_advance(face, g[k - 1].gid);
                double nominal = g[k - 1].x + w * it->size / 1000.0;
                double adj = (nominal - g[k].x) * 1000.0 / it->size;
                if (fabs(adj) >= 0.05) {
                    dc_buf_puts(b, "> ");
                    S_num(b, adj);
                    dc_buf_puts(b, " <");
                }
            }
            S_hex4(b, ng);
        }
        dc_buf_puts(b, ">] TJ\n");
    }
    if (in_text) {
        if (cur_bold)
            dc_buf_puts(b, "0 Tr\n");
        dc_buf_puts(b, "ET\n");
    }
    float cur_w = -1;
    int open = 0;
    for (size_t i = 0; i < pg->nitems; i++) {
        const dc_item *it = s[i].it;
        if (it->kind != DC_ITEM_LINE)
            continue;
        if (!open) {
            dc_buf_puts(b, "q 0 J 0 j\n");
            open = 1;
        }
        if (it->width != cur_w) {
            S_num(b, it->width);
            dc_buf_puts(b, " w\n");
            cur_w = it->width;
        }
        S_num(b, it->x0);
        dc_buf_putc(b, ' ');
        S_num(b, H - it->y0);
        dc_buf_puts(b, " m ");
        S_num(b, it->x1);
        dc_buf_putc(b, ' ');
        S_num(b, H - it->y1);
        dc_buf_puts(b, " l S\n");
    }
    if (open)
        dc_buf_puts(b, "Q\n");
    free(s);
}

/* ---- document information ------------------------------------------------------------- */

typedef struct {
    char *title, *author, *subject, *keywords, *creator, *producer;
    char pdf_date[96];          /* D:YYYYMMDDHHmmSS+00'00' or "" */
    char xmp_date[96];          /* YYYY-MM-DDTHH:mm:SSZ or "" */
} S_info;

static char *S_dup_nonempty(const char *s)
{
    return s && *s ? dc_xstrdup(s) : NULL;
}

/* Seconds since 1970 from a W3CDTF date ("2021-02-20T09:30:00Z", offsets
 * allowed); -1 when it cannot be read. */
static long long S_w3cdtf(const char *s)
{
    if (!s)
        return -1;
    int Y = 0, M = 1, D = 1, h = 0, m = 0, sec = 0;
    int n = sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &Y, &M, &D, &h, &m, &sec);
    if (n < 3 || Y < 1900 || Y > 9999 || M < 1 || M > 12 || D < 1 || D > 31)
        return -1;
    /* days from civil (proleptic Gregorian) */
    int y = Y - (M <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (M + (M > 2 ? -3 : 9)) + 2) / 5 + D - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097 + doe - 719468;
    long long t = days * 86400 + h * 3600 + m * 60 + sec;
    const char *tz = strpbrk(s + 10, "Z+-");
    if (tz && (*tz == '+' || *tz == '-')) {
        int oh = 0, om = 0;
        if (sscanf(tz + 1, "%2d:%2d", &oh, &om) >= 1)
            t -= (*tz == '+' ? 1 : -1) * (oh * 3600LL + om * 60);
    }
    return t;
}

static void S_dates(long long t, S_info *in)
{
    in->pdf_date[0] = in->xmp_date[0] = '\0';
    if (t < 0)
        return;
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        return;
    snprintf(in->pdf_date, sizeof in->pdf_date, "D:%04d%02d%02d%02d%02d%02d+00'00'",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    snprintf(in->xmp_date, sizeof in->xmp_date, "%04d-%02d-%02dT%02d:%02d:%02dZ",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The first title paragraph's text, or NULL. */
static char *S_doc_title(const dc_doc *doc)
{
    for (const dc_node *b = doc->root ? doc->root->first_child : NULL; b; b = b->next) {
        if (b->type != DC_NODE_PARAGRAPH && b->type != DC_NODE_HEADING)
            continue;
        char *t = dc_node_text_trimmed(b);
        if (!*t) {
            free(t);
            continue;
        }
        if (b->as.para.is_title)
            return t;
        free(t);
        break;
    }
    return NULL;
}

static void S_info_fill(const dc_doc *doc, const dc_disclosure *d, const dc_pdf_options *opt,
                        S_info *in)
{
    memset(in, 0, sizeof *in);
    const dc_meta *m = &doc->meta;
    in->title = d && d->title ? dc_xstrdup(d->title) : S_dup_nonempty(m->title);
    if (!in->title)
        in->title = S_doc_title(doc);
    in->author = d && d->department ? dc_xstrdup(d->department) : S_dup_nonempty(m->creator);
    in->subject = S_dup_nonempty(m->subject);
    if (!in->subject && d && d->year > 0) {
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "%d年部门%s信息公开", d->year, d->is_final_accounts ? "决算" : "预算");
        in->subject = dc_buf_detach(&b, NULL);
    }
    in->keywords = S_dup_nonempty(m->keywords);
    if (!in->keywords && d && (d->department || d->year > 0)) {
        dc_buf b = DC_BUF_INIT;
        if (d->department)
            dc_buf_printf(&b, "%s, ", d->department);
        if (d->year > 0)
            dc_buf_printf(&b, "%d, ", d->year);
        dc_buf_printf(&b, "%s, 信息公开", d->is_final_accounts ? "部门决算" : "部门预算");
        in->keywords = dc_buf_detach(&b, NULL);
    }
    in->creator = S_dup_nonempty(m->application);
    if (!in->creator)
        in->creator = dc_xstrdup("disclosure");
    in->producer = dc_xstrdup("disclosure " DC_VERSION " with libharu " HPDF_VERSION_TEXT);
    /* the same (cut) values go to the information dictionary and the XMP */
    char **fields[] = {&in->title, &in->author, &in->subject, &in->keywords, &in->creator};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char *v = *fields[i];
        if (v && strlen(v) > 2000) {
            size_t n = 2000;
            while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
                n--;
            v[n] = '\0';
        }
    }
    long long t = -1;
    if (opt && opt->has_epoch)
        t = opt->epoch;
    else
        t = S_w3cdtf(m->created);
    S_dates(t, in);
}

static void S_info_free(S_info *in)
{
    free(in->title);
    free(in->author);
    free(in->subject);
    free(in->keywords);
    free(in->creator);
    free(in->producer);
}

static void S_info_write(HPDF_Doc pdf, const S_info *in)
{
    HPDF_Dict info = pdf->info;
    if (!info)
        return;
    const struct { const char *key, *value; } kv[] = {
        {"Title", in->title}, {"Author", in->author}, {"Subject", in->subject},
        {"Keywords", in->keywords}, {"Creator", in->creator}, {"Producer", in->producer},
    };
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        if (kv[i].value)
            HPDF_Dict_Add(info, kv[i].key, S_text_obj(pdf, kv[i].value));
    if (in->pdf_date[0]) {
        HPDF_Dict_Add(info, "CreationDate", HPDF_String_New(pdf->mmgr, in->pdf_date, NULL));
        HPDF_Dict_Add(info, "ModDate", HPDF_String_New(pdf->mmgr, in->pdf_date, NULL));
    }
}

/* One XMP property, open + the value escaped + close, when there is a value. */
static void S_xmp_property(dc_buf *b, const char *open, const char *value, const char *close)
{
    if (!value)
        return;
    dc_buf_puts(b, open);
    S_xml_escape(b, value);
    dc_buf_puts(b, close);
}

/* XMP for PDF/A-1b: the same values as the info dictionary. */
static void S_xmp(const S_info *in, dc_buf *b)
{
    dc_buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "  <rdf:Description rdf:about=\"\" "
                   "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                   "   <dc:format>application/pdf</dc:format>\n");
    S_xmp_property(b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", in->title,
                   "</rdf:li></rdf:Alt></dc:title>\n");
    S_xmp_property(b, "   <dc:creator><rdf:Seq><rdf:li>", in->author,
                   "</rdf:li></rdf:Seq></dc:creator>\n");
    S_xmp_property(b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", in->subject,
                   "</rdf:li></rdf:Alt></dc:description>\n");
    dc_buf_puts(b,
                "  </rdf:Description>\n"
                "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    S_xmp_property(b, "   <xmp:CreatorTool>", in->creator, "</xmp:CreatorTool>\n");
    if (in->xmp_date[0])
        dc_buf_printf(b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                         "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n",
                      in->xmp_date, in->xmp_date);
    dc_buf_puts(b,
                "  </rdf:Description>\n"
                "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    S_xmp_property(b, "   <pdf:Producer>", in->producer, "</pdf:Producer>\n");
    S_xmp_property(b, "   <pdf:Keywords>", in->keywords, "</pdf:Keywords>\n");
    dc_buf_puts(b, "  </rdf:Description>\n"
                   "  <rdf:Description rdf:about=\"\" "
                   "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                   "   <pdfaid:part>1</pdfaid:part>\n"
                   "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                   "  </rdf:Description>\n"
                   " </rdf:RDF>\n"
                   "</x:xmpmeta>\n");
    /* the customary padding, so the packet can be edited in place */
    for (int i = 0; i < 20; i++)
        dc_buf_puts(b, "                                                                    "
                       "                                \n");
    dc_buf_puts(b, "<?xpacket end=\"w\"?>");
}

static const char *const S_icc_paths[] = {
    "/usr/share/color/icc/sRGB.icc",
    "/usr/share/color/icc/colord/sRGB.icc",
    "/usr/share/color/icc/ghostscript/srgb.icc",
    NULL,
};

static int S_read_small(const char *path, dc_buf *out, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char tmp[8192];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        dc_buf_put(out, tmp, n);
        if (out->len > max)
            break;
    }
    int bad = ferror(f) || out->len > max;
    fclose(f);
    return bad ? -1 : 0;
}

static dc_status S_pdfa(HPDF_Doc pdf, struct libdeflate_compressor *z, const S_info *in,
                        dc_error *err)
{
    dc_buf icc = DC_BUF_INIT;
    const char *used = NULL;
    for (size_t i = 0; S_icc_paths[i] && !used; i++) {
        dc_buf_clear(&icc);
        if (S_read_small(S_icc_paths[i], &icc, 1 << 20) == 0 && icc.len > 128)
            used = S_icc_paths[i];
    }
    if (!used) {
        dc_buf_free(&icc);
        return dc_error_set(err, DC_ERR_OUTPUT,
                            "PDF/A needs an sRGB ICC profile (install icc-profiles-free: "
                            "/usr/share/color/icc/sRGB.icc)");
    }
    HPDF_Dict profile = S_stream(pdf, z, icc.data, icc.len);
    HPDF_Dict_AddNumber(profile, "N", 3);
    dc_buf_free(&icc);
    HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                  HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);

    dc_buf xmp = DC_BUF_INIT;
    S_xmp(in, &xmp);
    HPDF_Dict meta = S_stream(pdf, NULL, xmp.data, xmp.len);
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_Dict_Add(pdf->catalog, "Metadata", meta);
    dc_buf_free(&xmp);
    return DC_OK;
}

/* ---- outline ----------------------------------------------------------------------- */

static void S_outline(HPDF_Doc pdf, const dc_layout *L, HPDF_Page *pages)
{
    HPDF_Outline stack[10];
    int levels[10];
    int depth = 0;
    for (size_t i = 0; i < L->noutline; i++) {
        const dc_outline_entry *e = &L->outline[i];
        if (e->page < 0 || (size_t)e->page >= L->npages)
            continue;
        while (depth > 0 && levels[depth - 1] >= e->level)
            depth--;
        HPDF_Outline parent = depth > 0 ? stack[depth - 1] : NULL;
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, "-", NULL);
        if (!o)
            return;
        HPDF_Dict_Add(o, "Title", S_text_obj(pdf, e->title));
        /* libharu marks every item /Type /Outlines; only the root may be. */
        HPDF_Dict_RemoveElement(o, "Type");
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[e->page]);
        float top = L->pages[e->page].geo.page_height - e->y + 6;
        HPDF_Destination_SetFitH(dst, top > 0 ? top : 0);
        HPDF_Outline_SetDestination(o, dst);
        HPDF_Outline_SetOpened(o, e->level == 1 ? HPDF_TRUE : HPDF_FALSE);
        if (depth < 10) {
            stack[depth] = o;
            levels[depth] = e->level;
            depth++;
        }
    }
}

/* ---- timing (DISCLOSURE_PDF_TIMING=1) ---------------------------------------------- */

/* The page's hyperlinks as URI link annotations over their text: no border,
 * printable (/F 4, as PDF/A asks); the URI percent-encoded to ASCII and
 * counted into the file ID. */
static void S_links(HPDF_Page page, const dc_page *pg, HPDF_MD5_CTX *md5)
{
    dc_buf uri = DC_BUF_INIT;
    for (size_t i = 0; i < pg->nitems; i++) {
        const dc_item *it = &pg->items[i];
        if (it->kind != DC_ITEM_LINK || !it->uri || it->x1 <= it->x0)
            continue;
        dc_buf_clear(&uri);
        for (const unsigned char *c = (const unsigned char *)it->uri; *c; c++) {
            if (*c <= 0x20 || *c >= 0x7F || *c == '"' || *c == '<' || *c == '>' || *c == '\\')
                dc_buf_printf(&uri, "%%%02X", *c);
            else
                dc_buf_putc(&uri, (char)*c);
        }
        float h = pg->geo.page_height;
        HPDF_Rect r = {it->x0, h - it->y1, it->x1, h - it->y0};
        HPDF_MD5Update(md5, (const HPDF_BYTE *)uri.data, (HPDF_UINT32)uri.len);
        HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(page, r, dc_buf_cstr(&uri));
        if (!a)
            continue;
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        HPDF_Dict_AddNumber(a, "F", 4);
    }
    dc_buf_free(&uri);
}

static double S_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- the writer -------------------------------------------------------------------- */

static void S_fonts_free(S_font *fonts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(fonts[i].pairs);
        if (fonts[i].have_sub)
            dc_subset_free(&fonts[i].sub);
    }
    free(fonts);
}

/* ---- the pages, as the layout finishes them ----------------------------------------------- */

/* Pages the first layout keeps for drawing, in bytes of items and glyphs
 * (dc_pdf_options.page_memory): a longer document is laid out a second time
 * to be drawn (same pages). */
enum { S_KEEP_BYTES = 24 << 20 };

typedef struct {
    S_glyphs *gs;
    size_t budget;
    size_t kept;                /* bytes of the pages kept */
    int given_up;               /* some page was given up: draw in a second layout */
} S_first_pass;

static int S_first_page(void *ctx, const dc_layout *L, size_t index)
{
    S_first_pass *fp = ctx;
    const dc_page *pg = &L->pages[index];
    S_glyphs_page(fp->gs, pg);
    fp->kept += pg->capitems * sizeof *pg->items + pg->capglyphs * sizeof *pg->glyphs;
    if (fp->kept > fp->budget)
        fp->given_up = 1;
    return fp->given_up;
}

typedef struct {
    HPDF_Doc pdf;
    struct libdeflate_compressor *z;
    const dc_fontset *fs;
    const S_font *fonts;
    HPDF_Page *hp;              /* the pages made, by index */
    dc_buf content;
    HPDF_MD5_CTX md5;           /* of what was drawn: the file ID */
    int failed;                 /* libharu could not add a page */
} S_drawing;

/* Draws page index of L into the PDF; as a page-done hook, gives it up. */
static int S_draw_page(void *ctx, const dc_layout *L, size_t index)
{
    S_drawing *w = ctx;
    const dc_page *pg = &L->pages[index];
    HPDF_Page page = w->failed ? NULL : HPDF_AddPage(w->pdf);
    if (!page) {
        w->failed = 1;
        return 1;
    }
    w->hp[index] = page;
    HPDF_Page_SetWidth(page, pg->geo.page_width);
    HPDF_Page_SetHeight(page, pg->geo.page_height);
    /* The fonts this page uses. */
    HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
    HPDF_Dict fdict = NULL;
    size_t nfaces = w->fs->nfaces;
    char *seen = dc_xcalloc(nfaces ? nfaces : 1, 1);
    for (size_t i = 0; i < pg->nitems; i++) {
        const dc_item *it = &pg->items[i];
        if (it->kind != DC_ITEM_TEXT || it->face < 0 || seen[it->face] ||
            !w->fonts[it->face].font)
            continue;
        seen[it->face] = 1;
        if (!fdict) {
            fdict = HPDF_Dict_New(w->pdf->mmgr);
            HPDF_Dict_Add(res, "Font", fdict);
        }
        HPDF_Dict_Add(fdict, w->fonts[it->face].res, w->fonts[it->face].font);
    }
    free(seen);
    dc_buf_clear(&w->content);
    S_content(L, pg, w->fs, w->fonts, &w->content);
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    S_stream_fill(attr->contents, w->z, w->content.data, w->content.len);
    HPDF_MD5Update(&w->md5, (const HPDF_BYTE *)w->content.data, (HPDF_UINT32)w->content.len);
    S_links(page, pg, &w->md5);
    return 1;
}

dc_status dc_pdf_write(const dc_doc *doc, const dc_disclosure *d, const char *path,
                       const dc_pdf_options *opt, int *pages, dc_error *err)
{
    if (opt && opt->fontset)
        return dc_pdf_write_with(doc, d, opt->fontset, path, opt, pages, err);
    dc_fontset_options fo;
    memset(&fo, 0, sizeof fo);
    if (opt) {
        fo.specs = opt->font_specs;
        fo.config = opt->font_config;
    }
    dc_fontset *fs = dc_fontset_new(&fo, err);
    if (!fs)
        return err->code;
    dc_status st = dc_pdf_write_with(doc, d, fs, path, opt, pages, err);
    dc_fontset_free(fs);
    return st;
}

dc_status dc_pdf_write_with(const dc_doc *doc, const dc_disclosure *d, const dc_fontset *fs,
                            const char *path, const dc_pdf_options *opt, int *pages,
                            dc_error *err)
{
    if (dc_fontset_wait(fs, err) != DC_OK)   /* resolved beside the reading (convert) */
        return err->code;
    const char *timing = getenv("DISCLOSURE_PDF_TIMING");
    int timed = timing && *timing && strcmp(timing, "0") != 0;
    double t0 = timed ? S_now_ms() : 0, t_layout = 0, t_fonts = 0, t_pages = 0;
    /* First the layout, gathering the glyphs each face draws (the fonts are
     * subset to them before any page can be written).  A long document's
     * pages are given up as they are laid out and laid out again to be
     * drawn: memory holds a bounded number of pages, not the whole PDF's. */
    S_font *fonts = dc_xcalloc(fs->nfaces ? fs->nfaces : 1, sizeof *fonts);
    S_glyphs gs = {fonts, fs->nfaces, dc_xcalloc(fs->nfaces ? fs->nfaces : 1, sizeof *gs.low)};
    S_first_pass first = {&gs, opt && opt->page_memory ? opt->page_memory : S_KEEP_BYTES, 0, 0};
    dc_layout *L = dc_layout_document_each(doc, fs, S_first_page, &first, err);
    S_glyphs_end(&gs);
    if (!L) {
        S_fonts_free(fonts, fs->nfaces);
        return err->code ? err->code : DC_ERR_INTERNAL;
    }
    if (timed)
        t_layout = S_now_ms();
    if (L->nmissing) {
        dc_buf b = DC_BUF_INIT;
        for (size_t i = 0; i < L->nmissing && i < 30; i++) {
            dc_buf_printf(&b, "%sU+%04X ", i ? ", " : "", (unsigned)L->missing[i]);
            dc_buf_put_utf8(&b, L->missing[i]);
        }
        if (L->nmissing > 30)
            dc_buf_printf(&b, ", and %zu more", L->nmissing - 30);
        S_warnf(opt, "%zu character%s no font has (left blank): %s", L->nmissing,
                L->nmissing == 1 ? "" : "s", dc_buf_cstr(&b));
        dc_buf_free(&b);
    }

    S_hpdf_err herr = {0, 0};
    HPDF_Doc pdf = HPDF_New(S_on_error, &herr);
    struct libdeflate_compressor *z = pdf ? libdeflate_alloc_compressor(S_DEFLATE_LEVEL) : NULL;
    if (!pdf || !z) {
        HPDF_Free(pdf);
        dc_layout_free(L);
        S_fonts_free(fonts, fs->nfaces);
        return dc_error_set(err, DC_ERR_NOMEM, "out of memory while starting the PDF");
    }
    dc_status st = DC_OK;
    HPDF_Page *hp = dc_xcalloc(L->npages ? L->npages : 1, sizeof *hp);
    S_info info;
    S_info_fill(doc, d, opt, &info);
    S_drawing w = {.pdf = pdf, .z = z, .fs = fs, .fonts = fonts, .hp = hp,
                   .content = DC_BUF_INIT};
    HPDF_MD5Init(&w.md5);

    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);   /* streams are compressed here */
    pdf->pdf_version = HPDF_VER_14;
    if (L->npages > 8000)
        HPDF_SetPagesConfiguration(pdf, 8000);   /* a Pages node holds at most 32767 */

    int nres = 0;
    for (size_t i = 0; i < fs->nfaces && st == DC_OK; i++) {
        if (!fonts[i].n)
            continue;
        st = S_embed(pdf, z, fs->faces[i], &fonts[i], err);
        snprintf(fonts[i].res, sizeof fonts[i].res, "F%d", ++nres);
        HPDF_MD5Update(&w.md5, (const HPDF_BYTE *)fonts[i].sub.data,
                       (HPDF_UINT32)(fonts[i].sub.len < 65536 ? fonts[i].sub.len : 65536));
    }

    if (timed)
        t_fonts = S_now_ms();
    if (st == DC_OK && !first.given_up) {
        for (size_t p = 0; p < L->npages && !w.failed; p++)
            S_draw_page(&w, L, p);
    } else if (st == DC_OK) {
        size_t npages = L->npages;
        dc_layout_free(L);
        L = dc_layout_document_each(doc, fs, S_draw_page, &w, err);
        if (!L) {
            st = err->code ? err->code : DC_ERR_INTERNAL;
        } else if (L->npages != npages) {
            st = dc_error_set(err, DC_ERR_INTERNAL, "the second layout gave %zu pages, the "
                              "first %zu", L->npages, npages);
        }
    }
    if (timed)
        t_pages = S_now_ms();
    if (st == DC_OK && !herr.code && !w.failed) {
        HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
        S_outline(pdf, L, hp);
        if (L->noutline)
            HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
        S_info_write(pdf, &info);
        HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, "zh-CN", NULL));
        if (opt && opt->pdfa)
            st = S_pdfa(pdf, z, &info, err);
    }
    if (st == DC_OK && !herr.code) {
        /* The file ID: a hash of what was drawn and the information. */
        const char *vals[] = {info.title, info.author, info.subject, info.keywords,
                              info.creator, info.pdf_date};
        for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
            if (vals[i])
                HPDF_MD5Update(&w.md5, (const HPDF_BYTE *)vals[i],
                               (HPDF_UINT32)strlen(vals[i]) + 1);
        HPDF_BYTE id[16];
        HPDF_MD5Final(id, &w.md5);
        HPDF_Array ida = HPDF_Array_New(pdf->mmgr);
        HPDF_Array_Add(ida, HPDF_Binary_New(pdf->mmgr, id, 16));
        HPDF_Array_Add(ida, HPDF_Binary_New(pdf->mmgr, id, 16));
        HPDF_Dict_Add(pdf->trailer, "ID", ida);
        st = S_save(pdf, &herr, path, err);
    } else if (st == DC_OK) {
        st = dc_error_set(err, DC_ERR_INTERNAL, "libharu error 0x%04X/%u while building the PDF",
                          (unsigned)herr.code, (unsigned)herr.detail);
    }
    if (st == DC_OK && pages)
        *pages = (int)L->npages;
    if (timed) {
        double t_end = S_now_ms();
        fprintf(stderr, "pdf timing: layout %.2f ms, fonts (subset+embed) %.2f ms, pages %.2f ms, "
                        "save %.2f ms, total %.2f ms; %zu pages\n",
                t_layout - t0, t_fonts - t_layout, t_pages - t_fonts, t_end - t_pages, t_end - t0,
                L ? L->npages : 0);
    }
    dc_buf_free(&w.content);
    S_info_free(&info);
    free(hp);
    HPDF_Free(pdf);
    libdeflate_free_compressor(z);
    S_fonts_free(fonts, fs->nfaces);
    dc_layout_free(L);
    return st;
}
