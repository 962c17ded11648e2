/*
 * numbering.h - list numbering shared by the OOXML and Word 2003 readers:
 * level definitions, counters, and formatting of labels such as "一、",
 * "（三）", "1.2." or "①", so that a numbered paragraph carries the same text
 * as one typed by hand.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_NUMBERING_H
#define DC_NUMBERING_H

#include "model/doc.h"

#define DC_NUM_LEVELS 9

/** One level of a list definition (w:lvl). */
typedef struct {
    int defined;
    int start;              /**< w:start, default 0 */
    const char *fmt;        /**< w:numFmt name ("decimal", "chineseCounting", ...) */
    const char *text;       /**< w:lvlText with %1..%9, NULL = none */
    int restart;            /**< w:lvlRestart: -1 = after any higher level, 0 = never,
                                 n = after level n (1-based) */
    int legal;              /**< w:isLgl: show higher levels as decimal */
    const char *suffix;     /**< "tab" (default), "space", "nothing" */
    const char *pstyle;     /**< w:pStyle linking a paragraph style to this level */
    int ind_left, ind_first, has_ind;  /**< w:pPr/w:ind of the level */
    dc_run rpr;             /**< label formatting from the level's w:rPr */
} dc_num_level;

typedef struct dc_numbering dc_numbering;

/** A new, empty numbering table; strings are copied into doc's arena. */
dc_numbering *dc_numbering_new(dc_doc *doc);
void dc_numbering_free(dc_numbering *nb);

/** The level `ilvl` of abstract list `abstract_id`, created when missing. */
dc_num_level *dc_numbering_abstract_level(dc_numbering *nb, int abstract_id, int ilvl);
/** Links list instance num_id (w:num) to an abstract list. */
void dc_numbering_add_num(dc_numbering *nb, int num_id, int abstract_id);
/** w:lvlOverride/w:startOverride: restart level ilvl of num_id at start when
 *  the instance is first used. */
void dc_numbering_start_override(dc_numbering *nb, int num_id, int ilvl, int start);
/** w:lvlOverride/w:lvl: a level definition replacing the abstract one. */
dc_num_level *dc_numbering_override_level(dc_numbering *nb, int num_id, int ilvl);
/** w:numStyleLink: the abstract list takes its levels from another. */
void dc_numbering_link(dc_numbering *nb, int abstract_id, int target_abstract_id);

/** The effective level definition for (num_id, ilvl), or NULL. */
const dc_num_level *dc_numbering_level(dc_numbering *nb, int num_id, int ilvl);

/** Counts one more paragraph at (num_id, ilvl) and writes its label (without
 *  the suffix) to out.  Returns the level used, or NULL when the list or
 *  level is not defined (nothing is written). */
const dc_num_level *dc_numbering_next(dc_numbering *nb, int num_id, int ilvl, dc_buf *out);

/** Formats value in a w:numFmt ("decimal", "upperRoman", "chineseCounting",
 *  "ideographTraditional", "decimalEnclosedCircle", ...).  Unknown formats
 *  fall back to decimal. */
void dc_numfmt_format(const char *fmt, int value, dc_buf *out);

/** The w:numFmt name of a Word 2003 / binary Word number format code
 *  (w:nfc, [MS-DOC] MSONFC: 0 decimal, 1 upperRoman, ..., 23 bullet,
 *  37 chineseCounting, 38 chineseLegalSimplified, 39 chineseCountingThousand,
 *  255 none).  Unknown codes give "decimal". */
const char *dc_numfmt_from_nfc(int nfc);

/** Maps a bullet character from a symbol font's private-use area
 *  (U+F0xx) to a Unicode equivalent; other characters are returned as is. */
uint32_t dc_bullet_char(uint32_t cp);

#endif
