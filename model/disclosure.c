/*
 * disclosure.c - the typed disclosure model: ownership, findings and names.
 *
 * SPDX-License-Identifier: MIT
 */
#include "disclosure.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/amount.h"

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

void dc_disclosure_add_finding(dc_disclosure *d, dc_severity sev, const char *code,
                               const dc_source *src, const char *place, const char *fmt, ...)
{
    DC_GROW(d->findings, d->nfindings, d->capfindings, 16);
    dc_finding *f = &d->findings[d->nfindings++];
    memset(f, 0, sizeof *f);
    f->severity = sev;
    f->code = code;
    f->place = place ? dc_arena_strdup(&d->arena, place) : NULL;
    dc_buf b = DC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    f->message = dc_arena_strdup(&d->arena, dc_buf_cstr(&b));
    dc_buf_free(&b);
    if (src) {
        f->src = *src;
    } else {
        f->src.block_index = f->src.table_index = -1;
        f->src.row = f->src.col = -1;
    }
}

double dc_amount_wan(const dc_amount *a)
{
    if (!a || !a->present)
        return NAN;
    return dc_money_to_wan(a->value, a->unit);
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

const char *dc_section_kind_title(dc_section_kind k)
{
    switch (k) {
    case DC_SECTION_DUTIES:       return "部门职责及机构设置情况";
    case DC_SECTION_BUDGET:       return "部门预算安排的总体情况";
    case DC_SECTION_OPERATING:    return "机关运行经费安排情况";
    case DC_SECTION_THREE_PUBLIC: return "财政拨款“三公”经费预算情况";
    case DC_SECTION_PERFORMANCE:  return "绩效预算信息";
    case DC_SECTION_PROCUREMENT:  return "政府采购预算情况";
    case DC_SECTION_ASSETS:       return "国有资产信息";
    case DC_SECTION_GLOSSARY:     return "名词解释";
    case DC_SECTION_OTHER:        return "其他需要说明的事项";
    default:                      return "未识别的部分";
    }
}

const char *dc_table_kind_name(dc_table_kind k)
{
    switch (k) {
    case DC_TABLE_ORGS:             return "organizations";
    case DC_TABLE_DEPT_INDICATORS:  return "department_indicators";
    case DC_TABLE_PROJECT:          return "project";
    case DC_TABLE_PROCUREMENT:      return "procurement";
    case DC_TABLE_ASSETS:           return "fixed_assets";
    case DC_TABLE_BUDGET_SUMMARY:   return "budget_summary";
    default:                        return "other";
    }
}

const char *dc_num_style_name(dc_num_style s)
{
    switch (s) {
    case DC_NUM_CN_DUN:   return "一、";
    case DC_NUM_CN_PAREN: return "（一）";
    case DC_NUM_AR_DUN:   return "1、";
    case DC_NUM_AR_DOT:   return "1.";
    case DC_NUM_AR_PAREN: return "（1）";
    case DC_NUM_PART:     return "第一部分";
    default:              return "";
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

const char *dc_money_kind_name(dc_money_kind k)
{
    switch (k) {
    case DC_MONEY_INCOME_EXPENDITURE_SUMMARY: return "income_expenditure_summary";
    case DC_MONEY_INCOME_BY_CLASS:            return "income_by_class";
    case DC_MONEY_EXPENDITURE_BY_CLASS:       return "expenditure_by_class";
    case DC_MONEY_FISCAL_GRANT_SUMMARY:       return "fiscal_grant_summary";
    case DC_MONEY_GENERAL_BUDGET:             return "general_budget_expenditure";
    case DC_MONEY_GENERAL_BUDGET_BASIC:       return "general_budget_basic_expenditure";
    case DC_MONEY_THREE_PUBLIC:               return "three_public";
    case DC_MONEY_GOVERNMENT_FUND:            return "government_fund_expenditure";
    case DC_MONEY_STATE_CAPITAL:              return "state_capital_expenditure";
    default:                                  return "other";
    }
}

const char *dc_money_kind_title(dc_money_kind k)
{
    switch (k) {
    case DC_MONEY_INCOME_EXPENDITURE_SUMMARY: return "部门收支总表";
    case DC_MONEY_INCOME_BY_CLASS:            return "部门收入总表";
    case DC_MONEY_EXPENDITURE_BY_CLASS:       return "部门支出总表";
    case DC_MONEY_FISCAL_GRANT_SUMMARY:       return "财政拨款收支总表";
    case DC_MONEY_GENERAL_BUDGET:             return "一般公共预算支出表";
    case DC_MONEY_GENERAL_BUDGET_BASIC:       return "一般公共预算基本支出表";
    case DC_MONEY_THREE_PUBLIC:               return "“三公”经费支出表";
    case DC_MONEY_GOVERNMENT_FUND:            return "政府性基金预算支出表";
    case DC_MONEY_STATE_CAPITAL:              return "国有资本经营预算支出表";
    default:                                  return "表";
    }
}

const char *dc_code_level_name(dc_code_level l)
{
    switch (l) {
    case DC_LEVEL_CLASS:   return "类";
    case DC_LEVEL_SECTION: return "款";
    case DC_LEVEL_ITEM:    return "项";
    default:               return NULL;
    }
}

dc_code_level dc_code_level_of(const char *s, size_t n)
{
    if (!s || (n != 3 && n != 5 && n != 7))
        return DC_LEVEL_NONE;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return DC_LEVEL_NONE;
    return n == 3 ? DC_LEVEL_CLASS : n == 5 ? DC_LEVEL_SECTION : DC_LEVEL_ITEM;
}

const dc_money_table *dc_disclosure_money_table(const dc_disclosure *d, dc_money_kind k)
{
    for (size_t i = 0; d && i < d->nmoney_tables; i++)
        if (d->money_tables[i].kind == k)
            return &d->money_tables[i];
    return NULL;
}

int dc_disclosure_is_standard(const dc_disclosure *d)
{
    return d && d->nmoney_tables >= 3;
}
