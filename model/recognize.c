/*
 * recognize.c - PLACEHOLDER until issue 4 lands: recognizes nothing yet.
 *
 * SPDX-License-Identifier: MIT
 */
#include "recognize.h"

dc_disclosure *dc_recognize(const dc_doc *doc)
{
    dc_disclosure *d = dc_xcalloc(1, sizeof *d);
    d->doc = doc;
    d->money_unit = "万元";
    return d;
}
