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

/** True for the symbol fonts whose text Word stores as private-use
 *  characters: Symbol, Wingdings (1-3), Webdings. */
int dc_sym_is_font(const char *font);

/** The character Word draws for code point cp of a run in font `font`:
 *  a private-use character U+F020..U+F0FF in a symbol font (Symbol,
 *  Wingdings, Webdings) is mapped as dc_sym_char maps w:sym (Symbol's
 *  U+F028 is "("); anything else is returned unchanged. */
uint32_t dc_sym_text_char(const char *font, uint32_t cp);

#endif
