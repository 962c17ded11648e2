/*
 * linebreak.h - Chinese line breaking: where a line may end (GB/T 15834-2011
 * §5.1 and the clreq basic prohibition rules, with Word's zh-CN kinsoku lists),
 * greedy filling with punctuation compression ("先挤进，后推出": compress
 * first, then push out), and justified placement.
 *
 * Knows nothing of fonts or PDF: the caller gives each character's advance in
 * points; the breaker gives lines and positions.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_LINEBREAK_H
#define DC_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/** May the character not start a line (closing marks, 。，、 …)? */
int dc_lb_no_start(uint32_t cp);
/** May the character not end a line (opening brackets and quotes, ¥ $)? */
int dc_lb_no_end(uint32_t cp);
/** Characters that take no room and are never drawn (ZWSP, soft hyphen,
 *  joiners, variation selectors, BOM, other controls except tab and '\n'). */
int dc_lb_invisible(uint32_t cp);

/** How a full-width punctuation mark may be compressed: its blank half is on
 *  the right (stops, closing marks), on the left (opening marks), or it is not
 *  compressible. */
enum { DC_LB_COMPRESS_NONE = 0, DC_LB_COMPRESS_RIGHT = 1, DC_LB_COMPRESS_LEFT = 2 };
int dc_lb_compress_kind(uint32_t cp);

/** Kinds of the gap before a character (the array filled by
 *  dc_lb_opportunities). */
enum {
    DC_LB_WORD = 0,      /**< inside a word or number, or —— / …… : no break, no stretch */
    DC_LB_ALLOW = 1,     /**< a line may end here */
    DC_LB_KEEP = 2       /**< no break (kinsoku, number + unit), but the gap may stretch */
};

/** Fills gap[i] (0 < i < n) with the kind of the gap before cp[i]; gap[0] is
 *  DC_LB_WORD.  A forced break ('\n') is DC_LB_ALLOW after it. */
void dc_lb_opportunities(const uint32_t *cp, size_t n, unsigned char *gap);

/** One character as the breaker sees it. */
typedef struct {
    uint32_t cp;
    float adv;          /**< advance in points, tracking included */
    float shrink;       /**< how much the gap after it may shrink (push in), >= 0 */
} dc_lb_unit;

typedef struct {
    size_t start, end;  /**< units drawn on the line; trailing spaces and the
                             forced break are left out */
    size_t next;        /**< the first unit of the next line */
    float natural;      /**< width of [start, end) without compression */
    unsigned forced : 1;     /**< ended by '\n' */
    unsigned last : 1;       /**< the last line of the text */
    unsigned emergency : 1;  /**< broken where no rule allowed (too narrow) */
} dc_lb_line;

/** Breaks units[0..n) into lines: first_width for the first line, width for
 *  the others.  A line's last unit always keeps its full advance (nothing may
 *  reach past the line).  When the line would otherwise end where a rule
 *  forbids, the gaps before the last unit may shrink (each by its `shrink`)
 *  to take up to three more units ("push in"); else the line ends at the
 *  last allowed place and is stretched ("push out").  Returns the number of lines (at least 1 when n > 0) and sets
 *  *lines (caller frees). */
size_t dc_lb_break(const dc_lb_unit *u, const unsigned char *gap, size_t n, float first_width,
                   float width, dc_lb_line **lines);

typedef enum {
    DC_LB_ALIGN_LEFT = 0, DC_LB_ALIGN_JUSTIFY, DC_LB_ALIGN_CENTER, DC_LB_ALIGN_RIGHT,
    DC_LB_ALIGN_DISTRIBUTE
} dc_lb_align;

/** Positions of a line's units: x[k - line->start] for k in [start, end),
 *  relative to the line's left edge, for a line box `width` wide.  Compresses
 *  when the line is too long, then aligns: justified lines spread the slack
 *  over the stretchable gaps (not the last line of a paragraph or a line
 *  ended by '\n'; distribute also spreads those).  Never places a unit's box
 *  past width unless the single unit is wider than the line. */
void dc_lb_place(const dc_lb_unit *u, const unsigned char *gap, const dc_lb_line *line,
                 float width, dc_lb_align align, float *x);

#endif
