/*
 * symbols.h - characters of symbol fonts (w:sym) mapped to Unicode, shared by
 * the OOXML and Word 2003 readers.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_SYMBOLS_H
#define DC_SYMBOLS_H

#include <stdint.h>

/** The Unicode character for w:sym w:font=font w:char=hex.  Symbol and
 *  common Wingdings characters are mapped; a character with no Unicode
 *  equivalent keeps the private-use code point (U+F0xx) Word stores, so
 *  nothing is lost.  Returns 0 for an unusable value. */
uint32_t dc_sym_char(const char *font, const char *hex);

#endif
