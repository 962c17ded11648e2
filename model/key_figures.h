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

typedef enum {
    DC_KF_INCOME_TOTAL = 0,
    DC_KF_INCOME_GENERAL_PUBLIC_BUDGET,
    DC_KF_INCOME_GOVERNMENT_FUND,
    DC_KF_INCOME_FISCAL_SPECIAL_ACCOUNT,
    DC_KF_INCOME_STATE_CAPITAL,
    DC_KF_INCOME_OTHER,
    DC_KF_INCOME_CARRIED_OVER,
    DC_KF_EXPENDITURE_TOTAL,
    DC_KF_EXPENDITURE_BASIC,
    DC_KF_EXPENDITURE_PROJECT,
    DC_KF_EXPENDITURE_PERSONNEL,
    DC_KF_EXPENDITURE_PUBLIC_FUNDS,
    DC_KF_CHANGE_VS_LAST_YEAR,
    DC_KF_AGENCY_OPERATING,
    DC_KF_THREE_PUBLIC_TOTAL,
    DC_KF_THREE_PUBLIC_OVERSEAS,
    DC_KF_THREE_PUBLIC_VEHICLES,
    DC_KF_THREE_PUBLIC_VEHICLE_PURCHASE,
    DC_KF_THREE_PUBLIC_VEHICLE_OPERATION,
    DC_KF_THREE_PUBLIC_RECEPTION,
    DC_KF_PROCUREMENT_TOTAL,
    DC_KF_ASSETS_TOTAL,
    DC_KF_COUNT
} dc_key_figure;

typedef struct {
    const char *key;          /**< stable JSON/CSV name, e.g. "income_total" */
    const char *label;        /**< Chinese column label, e.g. "收入合计" */
} dc_key_figure_info;

/** The name and label of figure k (0 <= k < DC_KF_COUNT). */
const dc_key_figure_info *dc_key_figure_describe(dc_key_figure k);

typedef struct {
    int present;              /**< 0 when the document does not state it */
    double value;             /**< in 万元; the change is negative for a decrease */
    char text[48];            /**< the value as a JSON number, written from the
                                   document's digits when it was in 万元 */
} dc_key_value;

/** Fills out[0..DC_KF_COUNT) from a recognized disclosure.  Amounts stated
 *  in 元 are converted to 万元. */
void dc_key_figures(const dc_disclosure *d, dc_key_value out[DC_KF_COUNT]);

#endif
