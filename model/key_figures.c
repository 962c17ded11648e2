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

static const dc_key_figure_info S_info[DC_KF_COUNT] = {
    [DC_KF_INCOME_TOTAL] = {"income_total", "收入合计"},
    [DC_KF_INCOME_GENERAL_PUBLIC_BUDGET] = {"income_general_public_budget", "一般公共预算收入"},
    [DC_KF_INCOME_GOVERNMENT_FUND] = {"income_government_fund", "政府性基金收入"},
    [DC_KF_INCOME_FISCAL_SPECIAL_ACCOUNT] = {"income_fiscal_special_account", "财政专户管理资金"},
    [DC_KF_INCOME_STATE_CAPITAL] = {"income_state_capital", "国有资本经营预算收入"},
    [DC_KF_INCOME_OTHER] = {"income_other", "其他收入"},
    [DC_KF_INCOME_CARRIED_OVER] = {"income_carried_over", "上年结转"},
    [DC_KF_EXPENDITURE_TOTAL] = {"expenditure_total", "支出合计"},
    [DC_KF_EXPENDITURE_BASIC] = {"expenditure_basic", "基本支出"},
    [DC_KF_EXPENDITURE_PROJECT] = {"expenditure_project", "项目支出"},
    [DC_KF_EXPENDITURE_PERSONNEL] = {"expenditure_personnel", "人员经费"},
    [DC_KF_EXPENDITURE_PUBLIC_FUNDS] = {"expenditure_public_funds", "公用经费"},
    [DC_KF_CHANGE_VS_LAST_YEAR] = {"change_vs_last_year", "比上年增减"},
    [DC_KF_AGENCY_OPERATING] = {"agency_operating_expenses", "机关运行经费"},
    [DC_KF_THREE_PUBLIC_TOTAL] = {"three_public_total", "“三公”经费合计"},
    [DC_KF_THREE_PUBLIC_OVERSEAS] = {"three_public_overseas_travel", "因公出国（境）费"},
    [DC_KF_THREE_PUBLIC_VEHICLES] = {"three_public_official_vehicles", "公务用车购置及运行费"},
    [DC_KF_THREE_PUBLIC_VEHICLE_PURCHASE] = {"three_public_vehicle_purchase", "公务用车购置费"},
    [DC_KF_THREE_PUBLIC_VEHICLE_OPERATION] = {"three_public_vehicle_operation",
                                              "公务用车运行维护费"},
    [DC_KF_THREE_PUBLIC_RECEPTION] = {"three_public_official_reception", "公务接待费"},
    [DC_KF_PROCUREMENT_TOTAL] = {"procurement_total", "政府采购预算"},
    [DC_KF_ASSETS_TOTAL] = {"assets_total", "固定资产总额"},
};

const dc_key_figure_info *dc_key_figure_describe(dc_key_figure k)
{
    return k >= 0 && k < DC_KF_COUNT ? &S_info[k] : NULL;
}

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
    S_amount(d, &d->income.total, 0, &out[DC_KF_INCOME_TOTAL]);
    S_amount(d, &d->income.general_public_budget, 0, &out[DC_KF_INCOME_GENERAL_PUBLIC_BUDGET]);
    S_amount(d, &d->income.government_fund, 0, &out[DC_KF_INCOME_GOVERNMENT_FUND]);
    S_amount(d, &d->income.fiscal_special_account, 0, &out[DC_KF_INCOME_FISCAL_SPECIAL_ACCOUNT]);
    S_amount(d, &d->income.state_capital, 0, &out[DC_KF_INCOME_STATE_CAPITAL]);
    S_amount(d, &d->income.other, 0, &out[DC_KF_INCOME_OTHER]);
    S_amount(d, &d->income.carried_over_from_last_year, 0, &out[DC_KF_INCOME_CARRIED_OVER]);
    S_amount(d, &d->expenditure.total, 0, &out[DC_KF_EXPENDITURE_TOTAL]);
    S_amount(d, &d->expenditure.basic, 0, &out[DC_KF_EXPENDITURE_BASIC]);
    S_amount(d, &d->expenditure.project, 0, &out[DC_KF_EXPENDITURE_PROJECT]);
    S_amount(d, &d->expenditure.personnel, 0, &out[DC_KF_EXPENDITURE_PERSONNEL]);
    S_amount(d, &d->expenditure.public_funds, 0, &out[DC_KF_EXPENDITURE_PUBLIC_FUNDS]);
    int sign = d->change.direction == DC_DIR_DECREASE   ? -1
               : d->change.direction == DC_DIR_INCREASE ? 1
                                                        : 0;
    S_amount(d, &d->change.amount, sign, &out[DC_KF_CHANGE_VS_LAST_YEAR]);
    if (d->change.direction == DC_DIR_FLAT && !d->change.amount.present) {
        out[DC_KF_CHANGE_VS_LAST_YEAR].present = 1;
        strcpy(out[DC_KF_CHANGE_VS_LAST_YEAR].text, "0");
    }
    S_amount(d, &d->agency_operating_expenses, 0, &out[DC_KF_AGENCY_OPERATING]);
    S_amount(d, &d->three_public.total, 0, &out[DC_KF_THREE_PUBLIC_TOTAL]);
    S_amount(d, &d->three_public.overseas_travel, 0, &out[DC_KF_THREE_PUBLIC_OVERSEAS]);
    S_amount(d, &d->three_public.official_vehicles, 0, &out[DC_KF_THREE_PUBLIC_VEHICLES]);
    S_amount(d, &d->three_public.vehicle_purchase, 0, &out[DC_KF_THREE_PUBLIC_VEHICLE_PURCHASE]);
    S_amount(d, &d->three_public.vehicle_operation, 0,
             &out[DC_KF_THREE_PUBLIC_VEHICLE_OPERATION]);
    S_amount(d, &d->three_public.official_reception, 0, &out[DC_KF_THREE_PUBLIC_RECEPTION]);
    S_amount(d, &d->procurement.total, 0, &out[DC_KF_PROCUREMENT_TOTAL]);
    S_amount(d, &d->assets.total, 0, &out[DC_KF_ASSETS_TOTAL]);
}
