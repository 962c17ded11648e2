/*
 * key_figures.h - the headline figures of a disclosure that a reviewer
 * compares across departments (batch reports and the summary workbook), all
 * in 万元.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_KEY_FIGURES_H
#define DC_KEY_FIGURES_H

#include "model/disclosure.h"
#include "model/figures.h"

/* The key figures are the figures flagged DC_FIG_KEY in model/figures.h, in
 * table order: dc_key_figure_describe(k) gives the k-th one's key and label,
 * DC_KF_COUNT how many there are. */

typedef struct {
    int present;              /**< 0 when the document does not state it */
    double value;             /**< in 万元; the change is negative for a decrease */
    char text[48];            /**< the value as a JSON number, written from the
                                   document's digits when it was in 万元 */
} dc_key_value;

/** Fills out[0..DC_KF_COUNT) from a recognized disclosure.  Amounts stated
 *  in 元 are converted to 万元; a DC_FIG_SIGNED figure is negative when its
 *  direction is a decrease. */
void dc_key_figures(const dc_disclosure *d, dc_key_value out[DC_KF_COUNT]);

#endif
