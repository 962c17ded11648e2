/*
 * amount.h - numbers as disclosures write them: full-width digits, thousands
 * separators, an operator in front (≥ ≤ = ＞ ＜, or 不低于 …), a unit behind
 * (万元, 元, %, 人, 天 …), and the written precision kept.
 *
 * Matching works on a normalised copy of the text (dc_norm): full-width ASCII
 * forms become ASCII, white space and quotes can be dropped, and every byte
 * of the copy remembers its offset in the original, so a match can always be
 * mapped back to the text as written.  Nothing here changes a document.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_AMOUNT_H
#define DC_AMOUNT_H

#include <stddef.h>

#include "model/util.h"

/* ---- normalised text --------------------------------------------------- */

enum {
    DC_NORM_SPACE = 1,    /**< drop white space (ASCII, U+3000, NBSP, tabs, newlines) */
    DC_NORM_QUOTES = 2    /**< drop quotation marks “ ” ‘ ’ " ' 「 」 */
};

/** Normalised text with a map back to the source.  text is NUL-terminated;
 *  map[i] is the source offset of byte i of text, map[text.len] the source
 *  offset just after the last consumed character. */
typedef struct {
    dc_buf text;
    size_t *map;
    size_t cap;
} dc_norm;

void dc_norm_init(dc_norm *nt);
void dc_norm_free(dc_norm *nt);
void dc_norm_clear(dc_norm *nt);
/** Appends the normalised form of s[0..n); source offsets are base + i.
 *  Full-width forms U+FF01..U+FF5E become ASCII, ≧ ≦ become ≥ ≤, ﹪ and
 *  ％ become %, U+3000 becomes a space; flags (DC_NORM_*) drop more. */
void dc_norm_append(dc_norm *nt, const char *s, size_t n, size_t base, unsigned flags);
/** Appends one ASCII byte that maps to source offset `at` (separators). */
void dc_norm_putc(dc_norm *nt, char c, size_t at);

/** Normalises s into a fresh malloc'ed string (DC_NORM_* flags); caller frees. */
char *dc_norm_dup(const char *s, size_t n, unsigned flags);

/* ---- numbers ------------------------------------------------------------ */

/** A number found in normalised text. */
typedef struct {
    const char *op;       /**< "≥", "≤", "=", ">", "<" (static), or NULL */
    double value;         /**< the number, sign included */
    char text[48];        /**< the digits as written without separators: "1920.96", "-3" */
    int decimals;         /**< digits after the decimal point as written */
    int grouped;          /**< written with thousands separators */
    size_t begin;         /**< offset of the first digit (or sign) */
    size_t num_end;       /**< offset just after the digits */
    size_t end;           /**< offset just after the unit (num_end when no unit) */
    char unit[48];        /**< the unit right after the number ("万元", "%"), "" = none */
} dc_number;

/** Reads a number starting exactly at s[pos] (normalised text, ASCII digits).
 *  Handles thousands separators ("1,920.96": groups of three after a first
 *  group of one to three digits) and a decimal point followed by digits; the
 *  known unit that follows (longest match) goes to out->unit.  No sign.
 *  Returns 1 and fills out, or 0 when s[pos] is not a digit. */
int dc_number_at(const char *s, size_t n, size_t pos, dc_number *out);

/** Finds the next number at or after pos whose first digit does not follow
 *  another digit or a decimal point.  Returns 1 and fills out, or 0. */
int dc_number_next(const char *s, size_t n, size_t pos, dc_number *out);

/** Parses a whole cell or indicator value as written (not normalised):
 *  optional operator (≥ ≤ = > < ＞ ＜ ≧ ≦, or 不低于 不少于 不小于 不高于
 *  不超过 不大于 不多于 大于 小于 高于 低于 等于), optional sign, a
 *  number, and optional unit: the rest of the text, which must be short
 *  (≤ 15 characters) and hold no digit.  "≥95%" "≤94.1万元" "1,920.96"
 *  "１９２０．９６万元" "30人" all parse; "及时", "2019年12月底前" and
 *  "≤7000元，以上" do not.  Returns 1 and fills out (op NULL when none), or
 *  0 with out->op still set when only an operator was recognised. */
int dc_value_parse(const char *s, size_t n, dc_number *out);

/** A plain number: the whole text (white space around it allowed) is a
 *  number as dc_value_parse reads it, with no operator and no unit:
 *  "3586.14", "1,920.96", "-12.5", "１５０".  Codes are not numbers: no
 *  leading zeros ("007"), at most 15 significant digits and 10 decimals.
 *  Returns 1 and fills value, decimals (as written) and grouped (thousands
 *  separators written) when it is one, else 0. */
int dc_plain_number(const char *s, size_t n, double *value, int *decimals, int *grouped);

/** The length in bytes of a known unit at the start of s (longest match:
 *  万元 before 万, 人次 before 人 ...), 0 when none. */
size_t dc_unit_len(const char *s, size_t n);

/** True when unit names money (万元, 元, 亿元, 千元, 万). */
int dc_unit_is_money(const char *unit);

/** A money value converted to 万元 (元 / 10000, 亿元 * 10000, 千元 / 10;
 *  万元, 万 and "" unchanged).  NAN when unit is not money. */
double dc_money_to_wan(double value, const char *unit);

/** Writes value (in 万元) as the shortest decimal that reads back the same,
 *  into buf (at least 40 bytes). */
void dc_number_format(double value, char *buf, size_t size);

/** Tolerance for comparing sums of figures written with `decimals` digits:
 *  half a unit of the last written digit for each of `terms` figures. */
double dc_sum_tolerance(int decimals, size_t terms);

#endif
