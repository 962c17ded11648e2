/*
 * figures.c - the figure table (figures.h) as an array, and its look-ups.
 *
 * SPDX-License-Identifier: MIT
 */
#include "model/figures.h"

#include <string.h>

#define S_UNPAREN(...) __VA_ARGS__
#define S_X(id, member, key, label, section, flags, aliases)                                  \
    {DC_FIG_##id, key, label, "万元", DC_SECTION_##section, flags,                             \
     (const char *const[]){S_UNPAREN aliases, NULL}, offsetof(dc_disclosure, member)},
static const dc_figure_info S_figures[DC_FIG_COUNT] = {DC_FIGURES(S_X)};
#undef S_X

const dc_figure_info *dc_figure_describe(dc_figure f)
{
    return (int)f >= 0 && f < DC_FIG_COUNT ? &S_figures[f] : NULL;
}

const dc_amount *dc_figure_get(const dc_disclosure *d, dc_figure f)
{
    const dc_figure_info *fi = dc_figure_describe(f);
    return d && fi ? (const dc_amount *)((const char *)d + fi->offset) : NULL;
}

dc_amount *dc_figure_at(dc_disclosure *d, dc_figure f)
{
    const dc_figure_info *fi = dc_figure_describe(f);
    return d && fi ? (dc_amount *)((char *)d + fi->offset) : NULL;
}

int dc_figure_find(const char *key)
{
    for (int f = 0; key && f < DC_FIG_COUNT; f++)
        if (!strcmp(S_figures[f].key, key))
            return f;
    return -1;
}

dc_direction dc_figure_direction(const dc_disclosure *d, dc_figure f)
{
    if (!d || !(S_figures[f].flags & DC_FIG_SIGNED))
        return DC_DIR_NONE;
    switch (f) {
    case DC_FIG_CHANGE:         return d->change.direction;
    case DC_FIG_CHANGE_PROJECT: return d->change.project_direction;
    case DC_FIG_CHANGE_BASIC:   return d->change.basic_direction;
    case DC_FIG_TP_CHANGE:      return d->three_public.change_direction;
    default:                    return DC_DIR_NONE;
    }
}

const dc_figure_info *dc_key_figure_describe(int k)
{
    for (int f = 0; k >= 0 && f < DC_FIG_COUNT; f++)
        if ((S_figures[f].flags & DC_FIG_KEY) && k-- == 0)
            return &S_figures[f];
    return NULL;
}
