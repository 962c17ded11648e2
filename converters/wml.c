/*
 * wml.c - WordprocessingML helpers shared by the OOXML and Word 2003 readers.
 *
 * SPDX-License-Identifier: MIT
 */
#include "wml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "converters/numbering.h"
#include "converters/xml.h"

int dc_wml_heading_level(const char *name)
{
    if (!name)
        return 0;
    const char *p = NULL;
    if (!strncasecmp(name, "heading", 7))
        p = name + 7;
    else if (!strncmp(name, "标题", strlen("标题")))
        p = name + strlen("标题");
    if (!p)
        return 0;
    while (*p == ' ')
        p++;
    if (*p >= '1' && *p <= '9' && p[1] == '\0')
        return *p - '0';
    return 0;
}

dc_node *dc_wml_tc_entry(dc_doc *doc, const char *instr)
{
    const char *p = instr;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncasecmp(p, "TC", 2) != 0 || (p[2] && p[2] != ' ' && p[2] != '\t' && p[2] != '"'))
        return NULL;
    p += 2;
    while (*p == ' ' || *p == '\t')
        p++;
    static const char lq[] = "\xE2\x80\x9C", rq[] = "\xE2\x80\x9D";
    const char *t0, *t1;
    if (*p == '"' || !strncmp(p, lq, 3)) {
        int curly = *p != '"';
        t0 = p + (curly ? 3 : 1);
        t1 = curly ? strstr(t0, rq) : strchr(t0, '"');
        if (!t1)
            t1 = t0 + strlen(t0);
        p = *t1 ? t1 + (curly ? 3 : 1) : t1;
    } else {
        t0 = p;
        while (*p && !(*p == '\\' && (p == t0 || p[-1] == ' ' || p[-1] == '\t') &&
                       isalpha((unsigned char)p[1])))
            p++;
        t1 = p;
        while (t1 > t0 && (t1[-1] == ' ' || t1[-1] == '\t'))
            t1--;
    }
    dc_node *n = dc_node_new(doc, DC_NODE_TOC_ENTRY);
    n->as.toc.text = dc_doc_strndup(doc, t0, (size_t)(t1 - t0));
    while ((p = strchr(p, '\\')) != NULL && p[1]) {
        char sw = (char)tolower((unsigned char)p[1]);
        const char *a = p + 2, *e;
        while (*a == ' ' || *a == '\t')
            a++;
        if (*a == '"') {
            a++;
            e = strchr(a, '"');
            if (!e)
                e = a + strlen(a);
            p = *e ? e + 1 : e;
        } else {
            e = a;
            while (*e && *e != ' ' && *e != '\t' && *e != '\\')
                e++;
            p = e;
        }
        if (sw == 'l') {
            int lv = dc_xml_int(a, 1);
            n->as.toc.level = lv >= 1 && lv <= 9 ? lv : 1;
        } else if (sw == 'f' && e > a) {
            n->as.toc.type_id = dc_doc_strndup(doc, a, (size_t)(e - a));
        }
    }
    return n;
}

/* Adobe Symbol font code points (0x20..0xFF) that differ from Latin-1. */
static uint32_t S_symbol_font(unsigned c)
{
    static const char *const greek_upper = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    static const char *const greek_lower = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        const char *s = c <= 'Z' ? greek_upper : greek_lower;
        unsigned idx = c <= 'Z' ? c - 'A' : c - 'a';
        size_t off = 0, adv = 0;
        uint32_t cp = 0;
        for (unsigned i = 0; i <= idx; i++) {
            cp = dc_utf8_decode(s + off, strlen(s + off), &adv);
            off += adv;
        }
        return cp;
    }
    switch (c) {
    case 0x22: return 0x2200; case 0x24: return 0x2203; case 0x27: return 0x220B;
    case 0x2D: return 0x2212; case 0x5E: return 0x22A5; case 0xA2: return 0x2032;
    case 0xA3: return 0x2264; case 0xA5: return 0x221E; case 0xAB: return 0x2194;
    case 0xAC: return 0x2190; case 0xAD: return 0x2191; case 0xAE: return 0x2192;
    case 0xAF: return 0x2193; case 0xB0: return 0x00B0; case 0xB1: return 0x00B1;
    case 0xB2: return 0x2033; case 0xB3: return 0x2265; case 0xB4: return 0x00D7;
    case 0xB6: return 0x2202; case 0xB7: return 0x2022; case 0xB8: return 0x00F7;
    case 0xB9: return 0x2260; case 0xBA: return 0x2261; case 0xBB: return 0x2248;
    case 0xBC: return 0x2026; case 0xC4: return 0x2297; case 0xC5: return 0x2295;
    case 0xC6: return 0x2205; case 0xC7: return 0x2229; case 0xC8: return 0x222A;
    case 0xCE: return 0x2208; case 0xCF: return 0x2209; case 0xD1: return 0x2207;
    case 0xD5: return 0x220F; case 0xD6: return 0x221A; case 0xD8: return 0x00AC;
    case 0xD9: return 0x2227; case 0xDA: return 0x2228; case 0xE0: return 0x25CA;
    case 0xE5: return 0x2211; case 0xF2: return 0x222B;
    default:   return c;
    }
}

uint32_t dc_wml_sym_char(const char *font, const char *ch)
{
    if (!ch)
        return 0;
    unsigned long v = strtoul(ch, NULL, 16);
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    uint32_t cp = (uint32_t)v;
    if (cp >= 0xF000 && cp <= 0xF0FF)
        cp -= 0xF000;
    if (cp < 0x20 || cp > 0xFF)
        return cp >= 0x100 ? cp : 0;
    if (font && !strcasecmp(font, "Symbol"))
        return S_symbol_font(cp);
    if (font && (!strncasecmp(font, "Wingdings", 9) || !strncasecmp(font, "Webdings", 8)))
        return dc_bullet_char(0xF000 + cp);
    return cp;
}
