/*
 * key_figures.c - headline figures of a disclosure, normalised to 万元.
 *
 * SPDX-License-Identifier: MIT
 */
#include "key_figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True when s is a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)? (no exponent). */
static int S_plain_number(const char *s)
{
    if (!s)
        return 0;
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return 0;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* The shortest %g text that reads back as v. */
static void S_format(double v, char *out, size_t cap)
{
    if (v == 0)
        v = 0;   /* no "-0" */
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* Money units that mean 元 rather than 万元. */
static int S_is_yuan(const char *unit)
{
    return unit && (!strcmp(unit, "元") || !strcmp(unit, "人民币元"));
}

static void S_amount(const dc_disclosure *d, const dc_amount *a, int sign, dc_key_value *out)
{
    memset(out, 0, sizeof *out);
    if (!a || !a->present || !isfinite(a->value))
        return;
    const char *unit = a->unit ? a->unit : d->money_unit;
    double v = a->value;
    int from_text = !S_is_yuan(unit);
    if (!from_text)
        v /= 10000.0;
    if (sign) {
        v = sign * fabs(v);
        from_text = from_text && a->text && a->text[0] != '-';
    }
    out->present = 1;
    out->value = v;
    if (from_text && S_plain_number(a->text) && strlen(a->text) + 2 < sizeof out->text &&
        strtod(a->text, NULL) == fabs(a->value) && v != 0) {
        snprintf(out->text, sizeof out->text, "%s%s", v < 0 ? "-" : "", a->text);
    } else {
        S_format(v, out->text, sizeof out->text);
    }
}

void dc_key_figures(const dc_disclosure *d, dc_key_value out[DC_KF_COUNT])
{
    memset(out, 0, sizeof(dc_key_value) * DC_KF_COUNT);
    if (!d)
        return;
    for (int k = 0; k < DC_KF_COUNT; k++) {
        const dc_figure_info *fi = dc_key_figure_describe(k);
        const dc_amount *a = dc_figure_get(d, fi->id);
        if (!(fi->flags & DC_FIG_SIGNED)) {
            S_amount(d, a, 0, &out[k]);
            continue;
        }
        dc_direction dir = dc_figure_direction(d, fi->id);
        S_amount(d, a, dir == DC_DIR_DECREASE ? -1 : dir == DC_DIR_INCREASE ? 1 : 0, &out[k]);
        if (dir == DC_DIR_FLAT && !a->present) {
            out[k].present = 1;
            strcpy(out[k].text, "0");
        }
    }
}
