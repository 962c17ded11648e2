/*
 * disclosure.c - the typed disclosure model: ownership and names.
 *
 * SPDX-License-Identifier: MIT
 */
#include "disclosure.h"

#include <stdlib.h>

void dc_disclosure_free(dc_disclosure *d)
{
    if (!d)
        return;
    free(d->findings);
    dc_arena_free(&d->arena);
    free(d);
}

size_t dc_disclosure_count(const dc_disclosure *d, dc_severity at_least)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nfindings; i++)
        if (d->findings[i].severity >= at_least)
            n++;
    return n;
}

const char *dc_section_kind_name(dc_section_kind k)
{
    switch (k) {
    case DC_SECTION_DUTIES:       return "duties";
    case DC_SECTION_BUDGET:       return "budget";
    case DC_SECTION_OPERATING:    return "operating_expenses";
    case DC_SECTION_THREE_PUBLIC: return "three_public_expenses";
    case DC_SECTION_PERFORMANCE:  return "performance";
    case DC_SECTION_PROCUREMENT:  return "procurement";
    case DC_SECTION_ASSETS:       return "assets";
    case DC_SECTION_GLOSSARY:     return "glossary";
    case DC_SECTION_OTHER:        return "other";
    default:                      return "unknown";
    }
}

const char *dc_severity_name(dc_severity s)
{
    switch (s) {
    case DC_SEV_ERROR:   return "error";
    case DC_SEV_WARNING: return "warning";
    default:             return "info";
    }
}

const char *dc_direction_name(dc_direction d)
{
    switch (d) {
    case DC_DIR_INCREASE: return "increase";
    case DC_DIR_DECREASE: return "decrease";
    case DC_DIR_FLAT:     return "flat";
    default:              return "none";
    }
}
