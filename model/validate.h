/*
 * validate.h - cross-check the figures of a disclosure.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_VALIDATE_H
#define DC_VALIDATE_H

#include "model/disclosure.h"

/** Appends findings to d (sums, totals, numbering, hidden TOC entries,
 *  missing sections ...).  Codes and messages are listed in docs/checks.md. */
void dc_validate(dc_disclosure *d);

/** The checks of the nine standard money tables (validate_money.c): hierarchy,
 *  row sums, balance, cross-table totals, the text's figures against the tables
 *  and the notes of empty tables.  Called by dc_validate; nothing without money
 *  tables. */
void dc_validate_money(dc_disclosure *d);

#endif
