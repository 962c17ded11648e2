/*
 * validate.c - cross-check the figures and the structure of a recognised
 * disclosure.  Every finding has a stable ASCII code, a severity, a place a
 * reader can find and one Chinese sentence; docs/checks.md lists them all.
 *
 * Sums are compared with a tolerance of half a unit of the last written
 * digit per figure involved (1920.96 + 1665.18 against 3586.14: 0.015), so
 * figures rounded one by one never raise a false alarm.
 *
 * SPDX-License-Identifier: MIT
 */
#include "validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/amount.h"
#include "model/figures.h"

/* ---- helpers ------------------------------------------------------------ */

/* Decimal text of v with `dec` decimals, trailing zeros kept as written. */
static const char *S_fmt(char *buf, size_t size, double v, int dec)
{
    if (dec < 0)
        dec = 0;
    if (dec > 8)
        dec = 8;
    snprintf(buf, size, "%.*f", dec, v);
    if (!strcmp(buf, "-0") || !strncmp(buf, "-0.", 3)) {
        int zero = 1;
        for (const char *p = buf + 1; *p; p++)
            if (*p >= '1' && *p <= '9')
                zero = 0;
        if (zero)
            memmove(buf, buf + 1, strlen(buf));
    }
    return buf;
}

/* The written text of an amount in 万元 (its digits when written in 万元). */
static const char *S_amt(char *buf, size_t size, const dc_amount *a)
{
    if (!a->unit || !strcmp(a->unit, "万元") || !strcmp(a->unit, "万")) {
        snprintf(buf, size, "%s", a->text ? a->text : "0");
        return buf;
    }
    dc_number_format(dc_amount_wan(a), buf, size);
    return buf;
}

/* A sum of amounts: value in 万元, largest number of decimals, count. */
typedef struct {
    double sum;
    int dec;
    size_t n;
} S_sum;

static void S_add(S_sum *s, const dc_amount *a)
{
    if (!a || !a->present)
        return;
    double v = dc_amount_wan(a);
    if (isnan(v))
        return;
    s->sum += v;
    int dec = a->decimals;
    if (a->unit && !strcmp(a->unit, "元"))
        dec += 4;
    if (dec > s->dec)
        s->dec = dec;
    s->n++;
}

/* True when total and sum differ beyond the rounding of the figures. */
static int S_differs(const dc_amount *total, const S_sum *s)
{
    double t = dc_amount_wan(total);
    int dec = total->decimals > s->dec ? total->decimals : s->dec;
    return fabs(t - s->sum) > dc_sum_tolerance(dec, s->n + 1);
}

static int S_dec(const dc_amount *a, const S_sum *s)
{
    return a->decimals > s->dec ? a->decimals : s->dec;
}

/* The heading of the first section of a kind, else its usual title. */
static const char *S_section_place(const dc_disclosure *d, dc_section_kind kind)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (d->sections[i].kind == kind)
            return d->sections[i].heading;
    return dc_section_kind_title(kind);
}

/* "第3张表（title）第5行" */
static void S_table_place(const dc_source *src, const char *title, int with_row, char *buf,
                          size_t size)
{
    int n = 0;
    if (src->table_index >= 0)
        n = snprintf(buf, size, "第%d张表", src->table_index + 1);
    else
        n = snprintf(buf, size, "表");
    if (title && *title && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, "“%s”", title);
    if (with_row && src->row >= 0 && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "第%d行", src->row + 1);
}

static const char *S_table_title(const dc_disclosure *d, const dc_node *table)
{
    for (size_t i = 0; i < d->ntables; i++)
        if (d->tables[i].node == table)
            return d->tables[i].title;
    return NULL;
}

/* The label of a figure (model/figures.h), as the sentences name it. */
static const char *S_L(dc_figure f)
{
    return dc_figure_describe(f)->label;
}

/* ---- budget figures ----------------------------------------------------- */

static void S_income(dc_disclosure *d)
{
    const dc_amount *total = &d->income.total;
    if (!total->present)
        return;
    S_sum s = {0, 0, 0};
    dc_buf parts = DC_BUF_INIT;
    int has_split = d->income.general_public_budget.present || d->income.government_fund.present;
    char b1[64], b2[64], b3[64];
    for (int f = 0; f < DC_FIG_COUNT; f++) {
        const dc_figure_info *fi = dc_figure_describe((dc_figure)f);
        const dc_amount *a = dc_figure_get(d, (dc_figure)f);
        if (!(fi->flags & DC_FIG_INCOME_PART) || !a->present)
            continue;
        if (f == DC_FIG_INCOME_FISCAL && has_split)
            continue;   /* 财政拨款 = 一般公共预算 + 政府性基金: not twice */
        S_add(&s, a);
        if (parts.len)
            dc_buf_puts(&parts, "、");
        dc_buf_printf(&parts, "%s%s万元", fi->label, S_amt(b1, sizeof b1, a));
    }
    if (s.n && (s.n >= 2 || s.sum > dc_amount_wan(total)) && S_differs(total, &s)) {
        int dec = S_dec(total, &s);
        dc_disclosure_add_finding(
            d, DC_SEV_ERROR, "income.sum", &total->src,
            S_section_place(d, DC_SECTION_BUDGET),
            "%s%s万元，但各项收入（%s）相加为%s万元，相差%s万元。",
            dc_figure_describe(DC_FIG_INCOME_TOTAL)->label, S_amt(b1, sizeof b1, total), dc_buf_cstr(&parts), S_fmt(b2, sizeof b2, s.sum, dec),
            S_fmt(b3, sizeof b3, fabs(dc_amount_wan(total) - s.sum), dec));
    }
    dc_buf_free(&parts);
}

/* The basic expenditure that 人员经费 and 公用经费 split: the department's
 * 基本支出, unless the paragraph stating 人员经费 (not the one stating
 * 基本支出) names a narrower one before it — "一般公共预算基本支出1051.00万元，
 * 其中：人员经费958.28万元…" in the national template, where the department's
 * 基本支出 of all funds is larger.  Then that one is read into *out (its digits
 * and unit kept in *num) and its name returned; else NULL. */
static const char *S_narrow_basic(const dc_disclosure *d, dc_number *num, dc_amount *out)
{
    static const char *const names[] = {"一般公共预算财政拨款基本支出", "一般公共预算基本支出",
                                        "财政拨款基本支出", NULL};
    const dc_amount *pe = &d->expenditure.personnel;
    if (!pe->present || !pe->src.block || pe->src.cell ||
        pe->src.block == d->expenditure.basic.src.block)
        return NULL;
    dc_buf b = DC_BUF_INIT;
    dc_node_text(pe->src.block, &b);
    char *t = dc_norm_dup(b.data ? b.data : "", b.len, DC_NORM_SPACE | DC_NORM_QUOTES);
    dc_buf_free(&b);
    size_t n = strlen(t);
    const char *personnel = strstr(t, "人员经费"), *found = NULL;
    for (const char *const *name = names; *name && !found && personnel; name++) {
        const char *p = strstr(t, *name);
        size_t at = p ? (size_t)(p - t) + strlen(*name) : 0;
        if (p && p < personnel && dc_number_at(t, n, at, num) && dc_unit_is_money(num->unit)) {
            memset(out, 0, sizeof *out);
            out->present = 1;
            out->value = num->value;
            out->text = num->text;
            out->decimals = num->decimals;
            out->unit = num->unit;
            out->src = pe->src;
            found = *name;
        }
    }
    free(t);
    return found;
}

static void S_expenditure(dc_disclosure *d)
{
    char b1[64], b2[64], b3[64];
    const dc_amount *total = &d->expenditure.total;
    if (total->present) {
        S_sum s = {0, 0, 0};
        S_add(&s, &d->expenditure.basic);
        S_add(&s, &d->expenditure.project);
        int both = d->expenditure.basic.present && d->expenditure.project.present;
        /* 支出总计 may or may not include 年末结转和结余: either adds up */
        S_sum with = s;
        if (both && d->expenditure.carried_forward.present)
            S_add(&with, &d->expenditure.carried_forward);
        if (s.n && (both || s.sum > dc_amount_wan(total)) && S_differs(total, &s) &&
            (with.n == s.n || S_differs(total, &with))) {
            int dec = S_dec(total, &s);
            S_fmt(b2, sizeof b2, s.sum, dec);
            S_fmt(b3, sizeof b3, fabs(dc_amount_wan(total) - s.sum), dec);
            const char *place = S_section_place(d, DC_SECTION_BUDGET);
            if (both)
                dc_disclosure_add_finding(d, DC_SEV_ERROR, "expenditure.sum", &total->src, place,
                                          "%s%s万元，但%s与%s相加为%s万元，相差%s万元。",
                                          S_L(DC_FIG_EXP_TOTAL), S_amt(b1, sizeof b1, total),
                                          S_L(DC_FIG_EXP_BASIC), S_L(DC_FIG_EXP_PROJECT), b2, b3);
            else
                dc_disclosure_add_finding(
                    d, DC_SEV_ERROR, "expenditure.sum", &total->src, place,
                    "%s%s万元，但其中一项支出就有%s万元，超过了总计（差%s万元）。",
                    S_L(DC_FIG_EXP_TOTAL), S_amt(b1, sizeof b1, total), b2, b3);
        }
    }
    /* Like with like: 人员经费 and 公用经费 split the 基本支出 their own
       paragraph names (the 一般公共预算 part when it says so); where the
       一般公共预算 tables split 基本支出 by fund, validate_money.c compares them
       with their table instead. */
    dc_number nn;
    dc_amount narrow;
    const char *basic_label = S_narrow_basic(d, &nn, &narrow);
    const dc_amount *basic = basic_label ? &narrow : &d->expenditure.basic;
    if (!basic_label)
        basic_label = S_L(DC_FIG_EXP_BASIC);
    if (basic->present && d->expenditure.personnel.present && d->expenditure.public_funds.present &&
        !dc_disclosure_money_table(d, DC_MONEY_GENERAL_BUDGET_BASIC) &&
        !dc_disclosure_money_table(d, DC_MONEY_GENERAL_BUDGET)) {
        S_sum s = {0, 0, 0};
        S_add(&s, &d->expenditure.personnel);
        S_add(&s, &d->expenditure.public_funds);
        if (S_differs(basic, &s)) {
            int dec = S_dec(basic, &s);
            dc_disclosure_add_finding(
                d, DC_SEV_ERROR, "expenditure.sum", &basic->src,
                S_section_place(d, DC_SECTION_BUDGET), "%s%s万元，但%s与%s相加为%s万元，相差%s万元。",
                basic_label, S_amt(b1, sizeof b1, basic), S_L(DC_FIG_EXP_PERSONNEL),
                S_L(DC_FIG_EXP_PUBLIC), S_fmt(b2, sizeof b2, s.sum, dec),
                S_fmt(b3, sizeof b3, fabs(dc_amount_wan(basic) - s.sum), dec));
        }
    }
    /* A budget balances: 收入总计 = 支出总计. */
    const dc_amount *inc = &d->income.total;
    if (!d->is_final_accounts && inc->present && total->present) {
        S_sum s = {0, 0, 0};
        S_add(&s, inc);
        if (S_differs(total, &s))
            dc_disclosure_add_finding(
                d, DC_SEV_ERROR, "expenditure.income", &total->src,
                S_section_place(d, DC_SECTION_BUDGET),
                "%s%s万元与%s%s万元不相等，部门预算应当收支平衡。", S_L(DC_FIG_EXP_TOTAL),
                S_amt(b1, sizeof b1, total), S_L(DC_FIG_INCOME_TOTAL), S_amt(b2, sizeof b2, inc));
    }
}

static double S_signed(dc_direction dir, const dc_amount *a)
{
    double v = dc_amount_wan(a);
    if (isnan(v))
        return 0;
    return dir == DC_DIR_DECREASE ? -v : dir == DC_DIR_FLAT ? 0 : v;
}

static const char *S_dir_word(dc_direction dir)
{
    return dir == DC_DIR_DECREASE ? "减少" : dir == DC_DIR_FLAT ? "持平" : "增加";
}

static void S_change(dc_disclosure *d)
{
    char b1[64], b2[64], b3[64], b4[64];
    const char *place = S_section_place(d, DC_SECTION_BUDGET);
    dc_direction dir = d->change.direction;
    if (dir == DC_DIR_NONE || !d->change.amount.present)
        return;
    double stated = S_signed(dir, &d->change.amount);
    const dc_amount *cur = d->income.total.present ? &d->income.total : &d->expenditure.total;
    const dc_amount *last = &d->change.last_year_total;
    if (cur->present && last->present) {
        double diff = dc_amount_wan(cur) - dc_amount_wan(last);
        S_sum s = {0, 0, 0};
        S_add(&s, cur);
        S_add(&s, last);
        S_add(&s, &d->change.amount);
        int dec = s.dec;
        if (fabs(diff - stated) > dc_sum_tolerance(dec, 3)) {
            dc_direction real = diff > 0 ? DC_DIR_INCREASE : diff < 0 ? DC_DIR_DECREASE
                                                                      : DC_DIR_FLAT;
            char yr[16] = "上年";
            if (d->change.compared_with_year)
                snprintf(yr, sizeof yr, "%d年", d->change.compared_with_year);
            dc_disclosure_add_finding(
                d, DC_SEV_ERROR, "change.inconsistent", &d->change.amount.src, place,
                "正文称比%s%s%s万元，但按本年%s万元与%s%s万元计算，应为%s%s万元。", yr,
                S_dir_word(dir), S_amt(b1, sizeof b1, &d->change.amount),
                S_amt(b2, sizeof b2, cur), yr, S_amt(b3, sizeof b3, last), S_dir_word(real),
                S_fmt(b4, sizeof b4, fabs(diff), dec));
        }
    }
    if (d->change.project_direction != DC_DIR_NONE && d->change.basic_direction != DC_DIR_NONE &&
        d->change.project_amount.present && d->change.basic_amount.present) {
        double parts = S_signed(d->change.project_direction, &d->change.project_amount) +
                       S_signed(d->change.basic_direction, &d->change.basic_amount);
        S_sum s = {0, 0, 0};
        S_add(&s, &d->change.amount);
        S_add(&s, &d->change.project_amount);
        S_add(&s, &d->change.basic_amount);
        if (fabs(parts - stated) > dc_sum_tolerance(s.dec, 3))
            dc_disclosure_add_finding(
                d, DC_SEV_ERROR, "change.inconsistent", &d->change.amount.src, place,
                "正文称总额%s%s万元，但基本支出%s%s万元与项目支出%s%s万元合计为%s%s万元。",
                S_dir_word(dir), S_amt(b1, sizeof b1, &d->change.amount),
                S_dir_word(d->change.basic_direction),
                S_amt(b2, sizeof b2, &d->change.basic_amount),
                S_dir_word(d->change.project_direction),
                S_amt(b3, sizeof b3, &d->change.project_amount),
                parts < 0 ? "减少" : "增加", S_fmt(b4, sizeof b4, fabs(parts), s.dec));
    }
}

static void S_three_public(dc_disclosure *d)
{
    char b1[64], b2[64];
    const char *place = S_section_place(d, DC_SECTION_THREE_PUBLIC);
    const dc_amount *total = &d->three_public.total;
    if (total->present) {
        S_sum s = {0, 0, 0};
        S_add(&s, &d->three_public.overseas_travel);
        if (d->three_public.official_vehicles.present) {
            S_add(&s, &d->three_public.official_vehicles);
        } else {
            S_add(&s, &d->three_public.vehicle_purchase);
            S_add(&s, &d->three_public.vehicle_operation);
        }
        S_add(&s, &d->three_public.official_reception);
        if (s.n && (s.n >= 2 || s.sum > dc_amount_wan(total)) && S_differs(total, &s))
            dc_disclosure_add_finding(
                d, DC_SEV_ERROR, "three_public.sum", &total->src, place,
                "%s%s万元，但%s、%s和%s相加为%s万元。", S_L(DC_FIG_TP_TOTAL),
                S_amt(b1, sizeof b1, total), S_L(DC_FIG_TP_OVERSEAS), S_L(DC_FIG_TP_VEHICLES),
                S_L(DC_FIG_TP_RECEPTION), S_fmt(b2, sizeof b2, s.sum, S_dec(total, &s)));
    }
    const dc_amount *veh = &d->three_public.official_vehicles;
    if (veh->present && d->three_public.vehicle_purchase.present &&
        d->three_public.vehicle_operation.present) {
        S_sum s = {0, 0, 0};
        S_add(&s, &d->three_public.vehicle_purchase);
        S_add(&s, &d->three_public.vehicle_operation);
        if (S_differs(veh, &s))
            dc_disclosure_add_finding(
                d, DC_SEV_ERROR, "three_public.sum", &veh->src, place,
                "公务用车购置及运行费%s万元，但购置费与运行费相加为%s万元。",
                S_amt(b1, sizeof b1, veh), S_fmt(b2, sizeof b2, s.sum, S_dec(veh, &s)));
    }
}

/* ---- tables ------------------------------------------------------------- */

typedef struct {
    const char *name;
    size_t off;
} S_proc_col;

#define S_PCOL(field, name) {name, offsetof(dc_procurement_row, field)}

static const S_proc_col S_proc_cols[] = {
    S_PCOL(amount, "采购金额合计"),
    S_PCOL(budget_funds, "预算资金"),
    S_PCOL(general_public_budget, "一般公共预算拨款"),
    S_PCOL(government_fund, "政府性基金预算拨款"),
    S_PCOL(state_capital, "国有资本经营预算拨款"),
    S_PCOL(fiscal_special_account, "财政专户核拨"),
    S_PCOL(unit_funds, "单位资金"),
    S_PCOL(carried_fiscal, "财政拨款结转"),
    S_PCOL(carried_nonfiscal, "非财政拨款结转结余"),
};

static const dc_amount *S_col(const dc_procurement_row *r, const S_proc_col *c)
{
    return (const dc_amount *)((const char *)r + c->off);
}

/* The total the text states against the one its table gives (procurement,
 * assets): an error when both are there and they differ. */
static void S_text_vs_table(dc_disclosure *d, const char *code, dc_section_kind section,
                            const dc_amount *text, const char *text_name,
                            const dc_amount *table, const char *table_name)
{
    if (!text->present || !table->present)
        return;
    S_sum s = {0, 0, 0};
    S_add(&s, table);
    if (!S_differs(text, &s))
        return;
    char b1[64], b2[64];
    dc_disclosure_add_finding(d, DC_SEV_ERROR, code, &text->src, S_section_place(d, section),
                              "正文所述%s%s万元与%s%s万元不符。", text_name,
                              S_amt(b1, sizeof b1, text), table_name, S_amt(b2, sizeof b2, table));
}

static void S_procurement(dc_disclosure *d)
{
    char b1[64], b2[64], b3[64], place[512];
    const char *title = S_table_title(d, d->procurement.table);
    const dc_procurement_row *tr = &d->procurement.total_row;
    if (d->procurement.table && tr->project && d->procurement.nrows) {
        for (size_t k = 0; k < sizeof S_proc_cols / sizeof S_proc_cols[0]; k++) {
            const dc_amount *t = S_col(tr, &S_proc_cols[k]);
            if (!t->present)
                continue;
            S_sum s = {0, 0, 0};
            for (size_t i = 0; i < d->procurement.nrows; i++)
                S_add(&s, S_col(&d->procurement.rows[i], &S_proc_cols[k]));
            if (S_differs(t, &s)) {
                S_table_place(&t->src, title, 1, place, sizeof place);
                dc_disclosure_add_finding(
                    d, DC_SEV_ERROR, "procurement.sum", &t->src, place,
                    "政府采购表“%s”一栏：各项目相加为%s万元，与合计行的%s万元不符。",
                    S_proc_cols[k].name, S_fmt(b1, sizeof b1, s.sum, S_dec(t, &s)),
                    S_amt(b2, sizeof b2, t));
            }
        }
    }
    for (size_t i = 0; i < d->procurement.nrows; i++) {
        const dc_procurement_row *r = &d->procurement.rows[i];
        S_sum s = {0, 0, 0};
        for (size_t k = 2; k < sizeof S_proc_cols / sizeof S_proc_cols[0]; k++)
            S_add(&s, S_col(r, &S_proc_cols[k]));
        if (r->amount.present && s.n && S_differs(&r->amount, &s)) {
            S_table_place(&r->src, title, 1, place, sizeof place);
            dc_disclosure_add_finding(
                d, DC_SEV_ERROR, "procurement.row", &r->amount.src, place,
                "采购项目“%s”的采购金额合计%s万元，但各资金来源相加为%s万元。",
                r->project ? r->project : "", S_amt(b1, sizeof b1, &r->amount),
                S_fmt(b2, sizeof b2, s.sum, S_dec(&r->amount, &s)));
        }
        if (r->amount.present && r->quantity.present && r->unit_price.present) {
            double q = r->quantity.value, p = dc_amount_wan(&r->unit_price);
            S_sum s2 = {q * p, r->unit_price.decimals, 2};
            if (S_differs(&r->amount, &s2)) {
                S_table_place(&r->src, title, 1, place, sizeof place);
                dc_disclosure_add_finding(
                    d, DC_SEV_WARNING, "procurement.unit_price", &r->amount.src, place,
                    "采购项目“%s”：数量%s乘单价%s万元为%s万元，与采购金额%s万元不符。",
                    r->project ? r->project : "", r->quantity.text,
                    S_amt(b1, sizeof b1, &r->unit_price),
                    S_fmt(b2, sizeof b2, q * p, S_dec(&r->amount, &s2)),
                    S_amt(b3, sizeof b3, &r->amount));
            }
        }
    }
    S_text_vs_table(d, "procurement.total", DC_SECTION_PROCUREMENT, &d->procurement.text_total,
                    "政府采购预算", &d->procurement.table_total, "政府采购表合计");
}

static void S_assets(dc_disclosure *d)
{
    char b1[64], b2[64], place[512];
    const char *title = S_table_title(d, d->assets.table);
    const dc_asset_row *total = NULL;
    S_sum s = {0, 0, 0};
    const dc_asset_row *parent = NULL;
    for (size_t i = 0; i < d->assets.nrows; i++) {
        const dc_asset_row *r = &d->assets.rows[i];
        if (r->is_total) {
            total = r;
            continue;
        }
        if (r->is_part) {
            if (parent && parent->value.present && r->value.present &&
                dc_amount_wan(&r->value) >
                    dc_amount_wan(&parent->value) + dc_sum_tolerance(r->value.decimals, 2)) {
                S_table_place(&r->src, title, 1, place, sizeof place);
                dc_disclosure_add_finding(
                    d, DC_SEV_ERROR, "assets.part", &r->value.src, place,
                    "“%s”的价值%s万元大于其所属的“%s”（%s万元）。", r->item,
                    S_amt(b1, sizeof b1, &r->value), parent->item,
                    S_amt(b2, sizeof b2, &parent->value));
            }
            continue;
        }
        parent = r;
        S_add(&s, &r->value);
    }
    if (total && total->value.present && s.n && S_differs(&total->value, &s)) {
        S_table_place(&total->src, title, 1, place, sizeof place);
        dc_disclosure_add_finding(
            d, DC_SEV_ERROR, "assets.sum", &total->value.src, place,
            "固定资产各项价值相加为%s万元，与“%s”%s万元不符（“其中”项不重复计算）。",
            S_fmt(b1, sizeof b1, s.sum, S_dec(&total->value, &s)), total->item,
            S_amt(b2, sizeof b2, &total->value));
    }
    S_text_vs_table(d, "assets.total", DC_SECTION_ASSETS, &d->assets.text_total, "固定资产金额",
                    &d->assets.table_total, "资产表中的资产总额");
}

static int S_is_money_unit(const char *u)
{
    return u && dc_unit_is_money(u);
}

static void S_projects(dc_disclosure *d)
{
    char b1[64], b2[64], place[512];
    const dc_amount *dept = d->expenditure.total.present ? &d->expenditure.total
                                                         : &d->income.total;
    for (size_t i = 0; i < d->nprojects; i++) {
        const dc_project_table *p = &d->projects[i];
        if (!p->nrows) {
            dc_source src;
            memset(&src, 0, sizeof src);
            src = p->src;
            S_table_place(&src, p->title, 0, place, sizeof place);
            dc_disclosure_add_finding(d, DC_SEV_WARNING, "project.empty", &p->src, place,
                                      "绩效目标表“%s”没有任何绩效指标。",
                                      p->title ? p->title : "");
        }
        if (!dept->present)
            continue;
        for (size_t k = 0; k < p->nrows; k++) {
            const dc_indicator *r = &p->rows[k];
            const dc_measure *m = &r->measure;
            if (!r->level2 || !strstr(r->level2, "成本") || !m->has_number ||
                !S_is_money_unit(m->unit))
                continue;
            double v = dc_money_to_wan(m->number, m->unit);
            double t = dc_amount_wan(dept);
            if (v > t + dc_sum_tolerance(dept->decimals > m->decimals ? dept->decimals
                                                                       : m->decimals, 2)) {
                S_table_place(&r->src, p->title, 1, place, sizeof place);
                dc_disclosure_add_finding(
                    d, DC_SEV_ERROR, "project.cost_exceeds_total", &r->src, place,
                    "项目“%s”的成本指标“%s”（%s万元）超过了本部门全部支出%s万元。",
                    p->title ? p->title : "", r->value, (dc_number_format(v, b1, sizeof b1), b1),
                    S_amt(b2, sizeof b2, dept));
            }
        }
    }
}

/* ---- structure ---------------------------------------------------------- */

static void S_cn_numeral(int n, char *buf, size_t size)
{
    static const char *const d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) {
        snprintf(buf, size, "%d", n);
    } else if (n < 10) {
        snprintf(buf, size, "%s", d[n]);
    } else {
        snprintf(buf, size, "%s十%s", n / 10 > 1 ? d[n / 10] : "", n % 10 ? d[n % 10] : "");
    }
}

/* The marker of number n in a numbering style: "（七）", "7.", "第七部分" ... */
static void S_marker(dc_num_style st, int n, char *buf, size_t size)
{
    char cn[32];
    S_cn_numeral(n, cn, sizeof cn);
    switch (st) {
    case DC_NUM_CN_DUN:   snprintf(buf, size, "%s、", cn); break;
    case DC_NUM_CN_PAREN: snprintf(buf, size, "（%s）", cn); break;
    case DC_NUM_AR_DUN:   snprintf(buf, size, "%d、", n); break;
    case DC_NUM_AR_DOT:   snprintf(buf, size, "%d.", n); break;
    case DC_NUM_AR_PAREN: snprintf(buf, size, "（%d）", n); break;
    case DC_NUM_PART:     snprintf(buf, size, "第%s部分", cn); break;
    default:              snprintf(buf, size, "%d", n); break;
    }
}

/* A place for an outline item: its text, cut to 40 characters. */
static void S_item_place(const dc_outline_item *it, char *buf, size_t size)
{
    const char *t = it->text ? it->text : "";
    size_t n = strlen(t), i = 0, cps = 0;
    while (i < n && cps < 40) {
        size_t adv;
        dc_utf8_decode(t + i, n - i, &adv);
        i += adv;
        cps++;
    }
    snprintf(buf, size, "“%.*s%s”", (int)i, t, i < n ? "…" : "");
}

typedef struct {
    dc_num_style style;
    int level, caption;
    int last;
} S_seq;

/* Open lists kept: real documents nest a handful; this bounds the work per item. */
#define S_MAX_OPEN 64

/* Pushes a new list, dropping the outermost one when the stack is full. */
static void S_push(S_seq *stack, size_t *top, const dc_outline_item *it, int last)
{
    if (*top == S_MAX_OPEN) {
        memmove(stack, stack + 1, (S_MAX_OPEN - 1) * sizeof *stack);
        (*top)--;
    }
    S_seq *s = &stack[(*top)++];
    s->style = it->style;
    s->level = it->heading_level;
    s->caption = it->is_caption;
    s->last = last;
}

/* A numbered heading of level L ends the lists inside the part it closes: the
 * body-text lists and the headings below level L (captions run on). */
static void S_close_below(S_seq *stack, size_t *top, int level)
{
    size_t keep = 0;
    for (size_t k = 0; k < *top; k++)
        if (stack[k].caption || (stack[k].level > 0 && stack[k].level <= level))
            stack[keep++] = stack[k];
    *top = keep;
}

/* Numbering: the typed labels of each kind (style, heading level, caption)
 * form lists that nest and restart; an item continues the innermost open
 * list of its kind whose next number it has, or starts a new one at 1.
 * Labels the document's numbering generates are right by construction: they
 * raise nothing, but they fill the typed list they continue (一、二、 typed
 * and a generated 三、). */
static void S_numbering(dc_disclosure *d)
{
    S_seq stack[S_MAX_OPEN];
    size_t top = 0;
    char m1[64], m2[64], m3[64], place[256];
    for (size_t i = 0; i < d->noutline; i++) {
        const dc_outline_item *it = &d->outline[i];
        int n = it->number;
        dc_source src;
        memset(&src, 0, sizeof src);
        src.block = it->node;
        src.block_index = it->block_index;
        src.table_index = src.row = src.col = -1;
        if (it->heading_level > 0 && !it->is_caption)
            S_close_below(stack, &top, it->heading_level);
        /* the sequence this item continues */
        long same = -1, match = -1;
        for (size_t k = top; k-- > 0;) {
            const S_seq *s = &stack[k];
            if (s->style != it->style || s->level != it->heading_level ||
                s->caption != it->is_caption)
                continue;
            if (same < 0)
                same = (long)k;
            if (s->last + 1 == n) {
                match = (long)k;
                break;
            }
        }
        if (match >= 0) {
            top = (size_t)match + 1;
            stack[match].last = n;
            continue;
        }
        if (it->list_id)
            continue;   /* generated by the document's numbering */
        if (n == 1) {
            /* a new list: nested, or restarting (the one before stays open below
               it, so that an outer list of the same kind can go on after it) */
            S_push(stack, &top, it, 1);
            continue;
        }
        S_item_place(it, place, sizeof place);
        if (same < 0) {
            S_marker(it->style, n, m1, sizeof m1);
            S_marker(it->style, 1, m2, sizeof m2);
            dc_disclosure_add_finding(d, DC_SEV_WARNING, "numbering.skip", &src, place,
                                      "编号从“%s”开始，前面缺少“%s”等编号。", m1, m2);
            S_push(stack, &top, it, n);
            continue;
        }
        S_seq *s = &stack[same];
        S_marker(it->style, s->last, m1, sizeof m1);
        S_marker(it->style, n, m2, sizeof m2);
        if (n == s->last) {
            dc_disclosure_add_finding(d, DC_SEV_WARNING, "numbering.repeat", &src, place,
                                      "编号“%s”重复出现。", m2);
        } else if (n > s->last + 1) {
            S_marker(it->style, s->last + 1, m3, sizeof m3);
            if (n == s->last + 2)
                dc_disclosure_add_finding(d, DC_SEV_WARNING, "numbering.skip", &src, place,
                                          "编号从“%s”跳到“%s”，缺少“%s”。", m1, m2, m3);
            else {
                char m4[64];
                S_marker(it->style, n - 1, m4, sizeof m4);
                dc_disclosure_add_finding(d, DC_SEV_WARNING, "numbering.skip", &src, place,
                                          "编号从“%s”跳到“%s”，缺少“%s”至“%s”。", m1, m2, m3,
                                          m4);
            }
        } else {
            dc_disclosure_add_finding(d, DC_SEV_WARNING, "numbering.order", &src, place,
                                      "编号“%s”出现在“%s”之后，顺序颠倒。", m2, m1);
        }
        top = (size_t)same + 1;
        if (n > s->last)   /* after a step back the list goes on from the highest */
            s->last = n;
    }
}

/* Text with its numbering marker, white space and quotes removed. */
static char *S_core(const char *s, int *num)
{
    char *n = dc_norm_dup(s, strlen(s), DC_NORM_SPACE | DC_NORM_QUOTES);
    size_t len = strlen(n);
    /* the marker: digits then 、 . or space */
    size_t i = 0;
    int v = 0;
    while (i < len && i < 4 && n[i] >= '0' && n[i] <= '9')
        v = v * 10 + (n[i++] - '0');
    *num = 0;
    if (i > 0) {
        if (!strncmp(n + i, "、", strlen("、")))
            i += strlen("、"), *num = v;
        else if (n[i] == '.' || n[i] == ' ')
            i += 1, *num = v;
        else
            i = 0;
    }
    memmove(n, n + i, len - i + 1);
    return n;
}

/* The name of an office ("交通局") in text that the reference lacks, or "". */
static void S_foreign_office(const char *text, const char *ref, char *buf, size_t size)
{
    buf[0] = '\0';
    static const char *const suffixes[] = {"局", "委员会", "办公室", "厅", NULL};
    for (const char *const *sfx = suffixes; *sfx; sfx++) {
        const char *p = strstr(text, *sfx);
        if (!p)
            continue;
        /* the two characters before the suffix */
        const char *start = p;
        for (int k = 0; k < 2 && start > text; k++) {
            start--;
            while (start > text && ((unsigned char)*start & 0xC0) == 0x80)
                start--;
        }
        if (start == p)
            continue;
        size_t len = (size_t)(p - start) + strlen(*sfx);
        char name[64];
        if (len >= sizeof name)
            continue;
        memcpy(name, start, len);
        name[len] = '\0';
        if (ref && strstr(ref, name))
            continue;
        snprintf(buf, size, "%s", name);
        return;
    }
}

/* Body index of a block, -1 when it is not a body block. */
static int S_block_index(const dc_disclosure *d, const dc_node *node)
{
    int i = 0;
    for (const dc_node *b = d->doc && d->doc->root ? d->doc->root->first_child : NULL; b;
         b = b->next, i++)
        if (b == node)
            return i;
    return -1;
}

static void S_toc(dc_disclosure *d)
{
    char place[512], office[64];
    for (size_t i = 0; i < d->nprojects; i++) {
        const dc_project_table *p = &d->projects[i];
        if (!p->title || !p->ntc)
            continue;
        int cnum;
        char *cap = S_core(p->title, &cnum);
        char *dept = d->department ? dc_norm_dup(d->department, strlen(d->department),
                                                 DC_NORM_SPACE | DC_NORM_QUOTES)
                                   : NULL;
        for (size_t k = 0; k < p->ntc; k++) {
            int tnum;
            char *tc = S_core(p->tc_entries[k], &tnum);
            if (strcmp(tc, cap) != 0 || (tnum && cnum && tnum != cnum)) {
                S_table_place(&p->src, p->title, 0, place, sizeof place);
                size_t pl = strlen(place);
                snprintf(place + pl, sizeof place - pl, "的表题");
                dc_source src = p->src;
                if (p->caption) {
                    src.block = p->caption;
                    src.block_index = S_block_index(d, p->caption);
                    src.table_index = -1;
                }
                dc_buf extra = DC_BUF_INIT;
                S_foreign_office(tc, cap, office, sizeof office);
                if (*office && !(dept && strstr(dept, office)))
                    dc_buf_printf(&extra, "目录项提到的“%s”不是本部门，", office);
                dc_disclosure_add_finding(
                    d, DC_SEV_WARNING, "toc.mismatch", &src, place,
                    "表题“%s”中隐藏的目录项（TC域）写的是“%s”，与表题不符；%s"
                    "可能是沿用其他表格或其他单位的模板留下的，生成目录时会出现错误条目。",
                    p->title, p->tc_entries[k], dc_buf_cstr(&extra));
                dc_buf_free(&extra);
            }
            free(tc);
        }
        free(cap);
        free(dept);
    }
}

/* The place of a section kind in the two orders a disclosure may follow: the
 * provincial template's (职责, 收支, 机关运行经费, 三公, 绩效, 采购, 资产, 名词,
 * 其他: the enum's order) and the Ministry of Finance's, for budgets and final
 * accounts alike (概况, 收支 with 三公 inside it, 机关运行经费, 采购, 资产, 绩效,
 * 其他, 名词解释). */
static int S_rank(dc_section_kind k, int mof)
{
    static const int mof_rank[DC_SECTION_KIND_COUNT] = {
        [DC_SECTION_DUTIES] = 1,      [DC_SECTION_BUDGET] = 2,     [DC_SECTION_THREE_PUBLIC] = 3,
        [DC_SECTION_OPERATING] = 4,   [DC_SECTION_PROCUREMENT] = 5, [DC_SECTION_ASSETS] = 6,
        [DC_SECTION_PERFORMANCE] = 7, [DC_SECTION_OTHER] = 8,      [DC_SECTION_GLOSSARY] = 9,
    };
    return mof ? mof_rank[k] : (int)k;
}

/* Whether a section is the first of its kind, given the kinds seen before
 * it (a bit per kind, updated): later ones of a kind are parts of the first
 * ("八、政府性基金预算支出情况" after 三公 in the national template). */
static int S_first_of_kind(const dc_section *s, unsigned *seen)
{
    unsigned bit = 1u << s->kind;
    if (s->kind == DC_SECTION_UNKNOWN || (*seen & bit))
        return 0;
    *seen |= bit;
    return 1;
}

/* How many first sections of their kind come after one the order puts later. */
static int S_out_of_order(const dc_disclosure *d, int mof)
{
    int n = 0, high = 0;
    unsigned seen = 0;
    for (size_t i = 0; i < d->nsections; i++) {
        const dc_section *s = &d->sections[i];
        if (!S_first_of_kind(s, &seen))
            continue;
        int r = S_rank(s->kind, mof);
        if (r < high)
            n++;
        else
            high = r;
    }
    return n;
}

/* Whether the document follows the national template: final accounts, or a
 * budget whose sections are in the Ministry of Finance's order and not in the
 * provincial one.  That template has no 其他需要说明的事项, describes the
 * units in text (no 机构设置表), counts assets (车辆, 设备) instead of valuing
 * them and reports 绩效 in text or as 绩效自评. */
static int S_national(const dc_disclosure *d)
{
    return d->is_final_accounts || (S_out_of_order(d, 0) && !S_out_of_order(d, 1));
}

/* Sections and their order.  A budget (预算) in the provincial template has
 * nine prescribed sections; the national template (S_national) is not
 * required to have 其他需要说明的事项.  The order is right when it is either
 * template's; else the sections out of the provincial order are noted. */
/* A section kind's place in the order a finding compares with: the
 * provincial template's, or in the nine-table template 概况, then the tables
 * and the 情况说明 (whose items follow the tables), then 名词解释. */
static int S_order_rank(const dc_disclosure *d, dc_section_kind k)
{
    if (!dc_disclosure_is_standard(d))
        return S_rank(k, 0);
    return k == DC_SECTION_DUTIES ? 0 : k == DC_SECTION_GLOSSARY ? 2 : 1;
}

static void S_sections(dc_disclosure *d)
{
    for (size_t i = 0; i < d->nmissing; i++) {
        const char *name = d->missing_sections[i];
        dc_section_kind kind = DC_SECTION_UNKNOWN;
        for (int k = DC_SECTION_DUTIES; k < DC_SECTION_KIND_COUNT; k++)
            if (!strcmp(dc_section_kind_name((dc_section_kind)k), name))
                kind = (dc_section_kind)k;
        if (kind == DC_SECTION_OTHER && S_national(d))
            continue;
        dc_disclosure_add_finding(d, DC_SEV_WARNING, "section.missing", NULL, "全文",
                                  "未找到“%s”部分，部门%s公开应当包含这一部分。",
                                  dc_section_kind_title(kind),
                                  d->is_final_accounts ? "决算" : "预算");
    }
    /* Either template's order is right for a county 情况说明; the nine-table
       template has its own (S_order_rank). */
    if (!dc_disclosure_is_standard(d) && (!S_out_of_order(d, 0) || !S_out_of_order(d, 1)))
        return;
    const dc_section *prev = NULL;
    unsigned seen = 0;
    for (size_t i = 0; i < d->nsections; i++) {
        const dc_section *s = &d->sections[i];
        if (!S_first_of_kind(s, &seen))
            continue;
        if (prev && S_order_rank(d, s->kind) < S_order_rank(d, prev->kind)) {
            dc_source src;
            memset(&src, 0, sizeof src);
            src.block = s->node;
            src.block_index = s->block_index;
            src.table_index = src.row = src.col = -1;
            dc_disclosure_add_finding(d, DC_SEV_INFO, "section.order", &src, s->heading,
                                      "“%s”排在“%s”之后，与规定的公开顺序不同。", s->heading,
                                      prev->heading);
        }
        if (!prev || S_order_rank(d, s->kind) > S_order_rank(d, prev->kind))
            prev = s;
    }
}

static void S_missing(dc_disclosure *d)
{
    static const struct {
        const char *key, *name;
    } names[] = {
        {"department", "部门名称"},
        {"year", "预算年度"},
        {"organizations", "机构设置表"},
        {"performance_tables", "绩效目标表"},
    };
    /* what the national template (S_national) does not state */
    static const char *const not_national[] = {"fixed_assets.total", "organizations",
                                               "performance_tables"};
    int national = S_national(d);
    for (size_t i = 0; i < d->nmissing_figures; i++) {
        const char *name = d->missing[i];
        int skip = 0;
        for (size_t k = 0; national && k < sizeof not_national / sizeof *not_national; k++)
            skip |= !strcmp(d->missing[i], not_national[k]);
        if (skip)
            continue;
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (!strcmp(names[k].key, d->missing[i]))
                name = names[k].name;
        int f = dc_figure_find(d->missing[i]);
        if (f >= 0)
            name = dc_figure_describe((dc_figure)f)->label;
        dc_disclosure_add_finding(d, DC_SEV_INFO, "figure.missing", NULL, "全文",
                                  "未能从文中识别出%s。", name);
    }
}

/* A table header naming another year than the budget year ("2022年 预留…"). */
static void S_years(dc_disclosure *d)
{
    if (!d->year || !d->procurement.table)
        return;
    for (size_t i = 0; i < d->procurement.nheaders; i++) {
        const char *h = d->procurement.headers[i];
        for (const char *p = h; *p; p++) {
            if (!(p[0] >= '0' && p[0] <= '9') || (p > h && p[-1] >= '0' && p[-1] <= '9'))
                continue;
            int y, k = 0;
            if (sscanf(p, "%4d%n", &y, &k) == 1 && k == 4 && !strncmp(p + 4, "年", 3) &&
                y > d->year && y < 2100) {
                char place[512];
                dc_source src;
                memset(&src, 0, sizeof src);
                src.block = d->procurement.table;
                src.block_index = src.table_index = src.row = src.col = -1;
                for (size_t t = 0; t < d->ntables; t++)
                    if (d->tables[t].node == d->procurement.table) {
                        src.block_index = d->tables[t].block_index;
                        src.table_index = d->tables[t].table_index;
                    }
                S_table_place(&src, S_table_title(d, d->procurement.table), 0, place,
                              sizeof place);
                dc_disclosure_add_finding(
                    d, DC_SEV_INFO, "year.mismatch", &src, place,
                    "表头“%s”写的是%d年，而本文件是%d年%s，请确认是否沿用了其他年度的表格。", h,
                    y, d->year, d->is_final_accounts ? "决算" : "预算");
                break;
            }
        }
    }
}

/* Nothing of a disclosure at all: one finding instead of a list of what is missing. */
static int S_unrecognized(dc_disclosure *d)
{
    for (size_t i = 0; i < d->nsections; i++)
        if (d->sections[i].kind != DC_SECTION_UNKNOWN)
            return 0;
    if (d->income.total.present || d->expenditure.total.present ||
        d->nprojects || d->department_indicators.table || d->norgs || d->procurement.table ||
        d->assets.table || d->nmoney_tables)
        return 0;
    dc_disclosure_add_finding(d, DC_SEV_WARNING, "document.unrecognized", NULL, "全文",
                              "未识别出部门预算或决算公开的任何部分（章节、收支数字、机构表、"
                              "绩效目标表），这可能不是部门预算信息公开文件。");
    return 1;
}

void dc_validate(dc_disclosure *d)
{
    if (!d)
        return;
    if (S_unrecognized(d)) {
        S_numbering(d);
        return;
    }
    /* In the nine-table template the text's figures are checked against their
       tables and the tables' own sums (validate_money.c): the text-only sums
       would report the same slip twice. */
    if (!dc_disclosure_money_table(d, DC_MONEY_INCOME_EXPENDITURE_SUMMARY))
        S_income(d);
    if (!dc_disclosure_money_table(d, DC_MONEY_EXPENDITURE_BY_CLASS))
        S_expenditure(d);
    if (!dc_disclosure_is_standard(d))
        S_change(d);
    if (!dc_disclosure_money_table(d, DC_MONEY_THREE_PUBLIC))
        S_three_public(d);
    S_procurement(d);
    S_assets(d);
    S_projects(d);
    S_numbering(d);
    S_toc(d);
    S_sections(d);
    S_years(d);
    S_missing(d);
    dc_validate_money(d);
}
