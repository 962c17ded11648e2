/*
 * symbols.c - w:sym characters from symbol fonts mapped to Unicode.
 *
 * SPDX-License-Identifier: MIT
 */
#include "symbols.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/util.h"

/* Wingdings code points with a clear Unicode equivalent; 0 when none. */
static uint32_t S_wingdings(unsigned c)
{
    switch (c) {
    case 0x6C: return 0x25CF;   /* black circle */
    case 0x6E: return 0x25A0;   /* black square */
    case 0x6F: return 0x25A1;   /* white square */
    case 0x71: return 0x2751;
    case 0x75: return 0x25C6;   /* black diamond */
    case 0x76: return 0x2756;
    case 0x9F: return 0x2022;   /* bullet */
    case 0xA7: return 0x25AA;   /* small square */
    case 0xA8: return 0x25FB;
    case 0xD8: return 0x27A2;   /* arrowhead */
    case 0xE0: return 0x27A3;
    case 0xE8: return 0x2794;
    case 0xFB: return 0x2718;   /* ballot x */
    case 0xFC: return 0x2714;   /* check mark */
    case 0xFD: return 0x2612;   /* ballot box with x */
    case 0xFE: return 0x2611;   /* ballot box with check */
    default:   return 0;
    }
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
    default:   return c < 0x80 ? c : 0xF000 + c;   /* no Unicode equivalent: keep it */
    }
}

int dc_sym_is_font(const char *font)
{
    return font && (!strcasecmp(font, "Symbol") || !strncasecmp(font, "Wingdings", 9) ||
                    !strncasecmp(font, "Webdings", 8));
}

uint32_t dc_sym_text_char(const char *font, uint32_t cp)
{
    if (cp < 0xF020 || cp > 0xF0FF || !dc_sym_is_font(font))
        return cp;
    char hex[8];
    static const char digits[] = "0123456789ABCDEF";
    hex[0] = 'F';
    hex[1] = '0';
    hex[2] = digits[(cp >> 4) & 15];
    hex[3] = digits[cp & 15];
    hex[4] = '\0';
    uint32_t u = dc_sym_char(font, hex);
    return u ? u : cp;
}

uint32_t dc_sym_char(const char *font, const char *ch)
{
    if (!ch)
        return 0;
    uint32_t cp = (uint32_t)strtoul(ch, NULL, 16);
    if (cp >= 0xF000 && cp <= 0xF0FF)
        cp -= 0xF000;
    if (cp < 0x20 || cp > 0xFF)
        return cp >= 0x100 ? cp : 0;
    if (font && !strcasecmp(font, "Symbol"))
        return S_symbol_font(cp);
    if (font && !strncasecmp(font, "Wingdings", 9)) {
        uint32_t u = S_wingdings(cp);
        return u ? u : 0xF000 + cp;
    }
    if (font && !strncasecmp(font, "Webdings", 8))
        return 0xF000 + cp;   /* pictographs: kept as the private-use code Word stores */
    return cp;
}

