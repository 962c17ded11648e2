/*
 * validate.c - PLACEHOLDER until issue 4 lands: checks nothing yet.
 *
 * SPDX-License-Identifier: MIT
 */
#include "validate.h"

void dc_validate(dc_disclosure *d)
{
    (void)d;
}
