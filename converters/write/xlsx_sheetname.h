/*
 * xlsx_sheetname.h - Excel's worksheet-name rules: at most 31 characters,
 * none of []:*?/\, no apostrophe at either end, not empty, not "History",
 * unique ignoring case.  Names are made deterministically from a wanted text
 * (a table caption): cleaned, truncated, then numbered "(2)", "(3)", ... when
 * taken.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_XLSX_SHEETNAME_H
#define DC_XLSX_SHEETNAME_H

#include <stddef.h>

/** Longest name in code points, and a buffer size that holds any name. */
#define DC_XLSX_SHEETNAME_MAX 31
#define DC_XLSX_SHEETNAME_SIZE (DC_XLSX_SHEETNAME_MAX * 4 + 1)

/** The names handed out so far (each malloc'ed), with a hash set of their
 *  case-folded forms so that checks stay fast for many names. */
typedef struct {
    char **names;
    char **folded;
    size_t n, cap;
    size_t *slots;            /**< index + 1 into folded, 0 = free */
    size_t nslots;            /**< a power of two */
    /* wanted names already numbered, with the next suffix to try */
    char **bases;
    unsigned *next;
    size_t nbases, capbases;
    size_t *base_slots;
    size_t nbase_slots;
} dc_xlsx_names;

#define DC_XLSX_NAMES_INIT {NULL, NULL, 0, 0, NULL, 0, NULL, NULL, 0, 0, NULL, 0}

/** Makes a valid sheet name from `want` (UTF-8, any length, may be NULL) that
 *  no earlier name of `names` equals ignoring case, records it and copies it
 *  into out.  Characters Excel refuses become their full-width forms
 *  (：／？＊［］＼), control characters and runs of white space become one space,
 *  white space between two CJK characters is dropped (letter-spaced titles),
 *  apostrophes and spaces at either end are dropped, and the result is cut
 *  to 31 code points.  When nothing is left, `fallback` is used the same way
 *  (it must give a non-empty name, e.g. "表3").  A taken name gets the
 *  smallest free suffix "(k)", k >= 2, the base shortened to fit. */
void dc_xlsx_sheetname(dc_xlsx_names *names, const char *want, const char *fallback,
                       char out[DC_XLSX_SHEETNAME_SIZE]);

/** True when name obeys Excel's rules on its own (uniqueness aside). */
int dc_xlsx_sheetname_valid(const char *name);

/** True when a and b are equal ignoring (ASCII and full-width Latin) case. */
int dc_xlsx_sheetname_equal(const char *a, const char *b);

/** Frees the recorded names.  Accepts an empty set. */
void dc_xlsx_names_free(dc_xlsx_names *names);

#endif
