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

#endif
