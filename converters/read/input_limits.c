/*
 * input_limits.c - the readers' safety limits: defaults, NAME=VALUE parsing and a
 * one-line description.
 *
 * SPDX-License-Identifier: MIT
 */
#include "input_limits.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void dc_limits_default(dc_limits *lim)
{
    lim->max_input = (size_t)512 << 20;
    lim->max_part = (size_t)256 << 20;
    lim->max_ratio = 200;
    lim->max_entries = 10000;
    lim->max_nodes = 20000000;
}

dc_status dc_limits_parse(dc_limits *lim, const char *spec, dc_error *err)
{
    char *copy = dc_xstrdup(spec);
    char *save = NULL;
    dc_status st = DC_OK;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        char *end = NULL;
        unsigned long long v = eq ? strtoull(eq + 1, &end, 10) : 0;
        if (!eq || end == eq + 1 || *end || v == 0) {
            st = dc_error_set(err, DC_ERR_USAGE, "bad limit '%s' (want NAME=POSITIVE_NUMBER)",
                              item);
            break;
        }
        *eq = '\0';
        if (!strcmp(item, "input_mb") && v < (1ull << 44) >> 20)
            lim->max_input = (size_t)v << 20;
        else if (!strcmp(item, "part_mb") && v < (1ull << 44) >> 20)
            lim->max_part = (size_t)v << 20;
        else if (!strcmp(item, "ratio") && v <= UINT_MAX)
            lim->max_ratio = (unsigned)v;
        else if (!strcmp(item, "entries"))
            lim->max_entries = (size_t)v;
        else if (!strcmp(item, "nodes"))
            lim->max_nodes = (size_t)v;
        else {
            st = dc_error_set(err, DC_ERR_USAGE,
                              "unknown or out-of-range limit '%s' (known: input_mb, part_mb, "
                              "ratio, entries, nodes)", item);
            break;
        }
    }
    free(copy);
    return st;
}

void dc_limits_describe(const dc_limits *lim, dc_buf *out)
{
    dc_buf_printf(out, "input_mb=%zu,part_mb=%zu,ratio=%u,entries=%zu,nodes=%zu",
                  lim->max_input >> 20, lim->max_part >> 20, lim->max_ratio, lim->max_entries,
                  lim->max_nodes);
}

