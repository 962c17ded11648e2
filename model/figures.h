/*
 * figures.h - the one table of the disclosure's figures.
 *
 * Every money figure of dc_disclosure is one line of DC_FIGURES: its id, where
 * it lives in the struct, its stable key (the JSON and batch-report name), its
 * Chinese label (the same in the workbook's 概况, the batch summary and the
 * validator's sentences), the section whose text states it, what it is used
 * for (flags) and the labels the recognizer matches in the text and in table
 * rows.  The recognizer, the validator, the key figures, the JSON writer, the
 * workbook's 概况 and the batch summary all iterate this table: adding a
 * figure is adding a line here (and a member to dc_disclosure).
 *
 * Aliases are normalised as the recognizer normalises text: no white space,
 * no quotes, ASCII parentheses.  An alias starting with "~" is weak: used only
 * when no other label gave the figure ("固定资产" for the asset total).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_FIGURES_H
#define DC_FIGURES_H

#include <stddef.h>

#include "model/disclosure.h"

/* What a figure is used for. */
enum {
    DC_FIG_KEY = 1 << 0,         /**< a key figure of batch reports and the summary */
    DC_FIG_LIST = 1 << 1,        /**< in the JSON "figures" array */
    DC_FIG_OVERVIEW = 1 << 2,    /**< a row of the workbook's 概况, stated or not */
    DC_FIG_IF_STATED = 1 << 3,   /**< a row of 概况 when the document states it */
    DC_FIG_CORE = 1 << 4,        /**< reported as missing (figure.missing) when absent */
    DC_FIG_PART = 1 << 5,        /**< a part of the figure above it (其中), shown indented */
    DC_FIG_INCOME_PART = 1 << 6, /**< a component of the income total (income.sum) */
    DC_FIG_SIGNED = 1 << 7,      /**< an unsigned change whose direction gives the key
                                      figure's sign */
};

#define DC_FIG_SHOWN (DC_FIG_OVERVIEW | DC_FIG_IF_STATED)

/* X(ID, member, key, label, section, flags, (aliases...)) — one line per figure,
 * in the order of the outputs.  (NULL) = matched by no label (found by the
 * recognizer's own rules: comparisons, table totals). */
#define DC_FIGURES(X)                                                                            \
    X(INCOME_TOTAL, income.total, "income.total", "收入总计", BUDGET,                              \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_CORE,                                  \
      ("预算收入", "收入预算", "收入总计", "收入合计", "~本年收入", "收入总额", "总收入", "决算收入", \
       "收入决算", "收入共计", "全年收入"))                                                       \
    X(INCOME_GPB, income.general_public_budget, "income.general_public_budget",                  \
      "一般公共预算拨款收入", BUDGET,                                                                    \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_INCOME_PART,                           \
      ("一般公共预算收入", "一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算财政拨款收入",                                   \
       "一般公共预算财政拨款", "公共财政预算收入"))                                                              \
    X(INCOME_FUND, income.government_fund, "income.government_fund", "政府性基金预算拨款收入",     \
      BUDGET, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_INCOME_PART,                   \
      ("政府性基金预算拨款收入", "政府性基金预算收入", "政府性基金预算财政拨款收入",                 \
       "政府性基金预算财政拨款", "政府性基金预算拨款", "政府性基金收入", "基金预算收入",           \
       "基金预算拨款收入"))                                                                       \
    X(INCOME_SPECIAL, income.fiscal_special_account, "income.fiscal_special_account",            \
      "财政专户管理资金收入", BUDGET,                                                              \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_INCOME_PART,                           \
      ("财政专户核拨收入", "财政专户管理资金收入", "财政专户管理资金", "财政专户收入",              \
       "财政专户核拨", "财政专户拨款"))                                                           \
    X(INCOME_STATE, income.state_capital, "income.state_capital", "国有资本经营预算拨款收入",      \
      BUDGET, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_INCOME_PART,                   \
      ("国有资本经营预算拨款收入", "国有资本经营预算收入", "国有资本经营预算财政拨款收入",         \
       "国有资本经营预算拨款"))                                                                   \
    X(INCOME_OTHER, income.other, "income.other", "其他收入", BUDGET,                              \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_INCOME_PART,                           \
      ("其他来源收入", "其他收入"))                                                               \
    X(INCOME_UNIT, income.unit_funds, "income.unit_funds", "单位资金收入", BUDGET,                 \
      DC_FIG_LIST | DC_FIG_IF_STATED | DC_FIG_INCOME_PART, ("单位资金收入", "单位资金"))          \
    X(INCOME_BUSINESS, income.business, "income.business", "事业收入", BUDGET,                     \
      DC_FIG_LIST | DC_FIG_IF_STATED | DC_FIG_INCOME_PART, ("事业收入"))                          \
    X(INCOME_OPERATING, income.operating, "income.operating", "经营收入", BUDGET,                  \
      DC_FIG_LIST | DC_FIG_IF_STATED | DC_FIG_INCOME_PART, ("经营收入"))                          \
    X(INCOME_SUPERIOR, income.superior_grants, "income.superior_grants", "上级补助收入", BUDGET,   \
      DC_FIG_LIST | DC_FIG_IF_STATED | DC_FIG_INCOME_PART, ("上级补助收入"))                      \
    X(INCOME_AFFILIATED, income.affiliated, "income.affiliated", "附属单位上缴收入", BUDGET,       \
      DC_FIG_LIST | DC_FIG_IF_STATED | DC_FIG_INCOME_PART, ("附属单位上缴收入"))                  \
    X(INCOME_FISCAL, income.fiscal_appropriation, "income.fiscal_appropriation", "财政拨款收入",   \
      BUDGET, DC_FIG_LIST | DC_FIG_IF_STATED | DC_FIG_INCOME_PART, ("财政拨款收入"))              \
    X(INCOME_CARRIED, income.carried_over_from_last_year, "income.carried_over_from_last_year",   \
      "上年结转", BUDGET, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_INCOME_PART,         \
      ("上年结转", "上年结转结余", "上年结转收入", "上年结余", "年初结转和结余", "年初结转结余",     \
       "上年结转和结余"))                                                                         \
    X(EXP_TOTAL, expenditure.total, "expenditure.total", "支出总计", BUDGET,                       \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_CORE,                                  \
      ("支出预算", "预算支出", "支出总计", "支出合计", "~本年支出", "支出总额", "总支出", "决算支出", \
       "支出决算", "支出共计", "全年支出"))                                                       \
    X(EXP_BASIC, expenditure.basic, "expenditure.basic", "基本支出", BUDGET,                       \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW, ("基本支出"))                                   \
    X(EXP_PROJECT, expenditure.project, "expenditure.project", "项目支出", BUDGET,                 \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW, ("项目支出"))                                   \
    X(EXP_PERSONNEL, expenditure.personnel, "expenditure.personnel", "人员经费", BUDGET,           \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW, ("人员经费", "人员支出"))                       \
    X(EXP_PUBLIC, expenditure.public_funds, "expenditure.public_funds", "公用经费", BUDGET,        \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW, ("公用经费", "公用支出", "日常公用经费"))       \
    X(EXP_CARRIED, expenditure.carried_forward, "expenditure.carried_forward", "年末结转和结余",   \
      BUDGET, DC_FIG_LIST | DC_FIG_IF_STATED,                                                    \
      ("年末结转和结余", "年末结转结余", "年终结转结余", "结转下年"))                             \
    X(CHANGE, change.amount, "change_vs_last_year.amount", "比上年增减额", BUDGET,                 \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_SIGNED, (NULL))                        \
    X(CHANGE_PROJECT, change.project_amount, "change_vs_last_year.project_expenditure.amount",    \
      "项目支出比上年增减额", BUDGET, DC_FIG_LIST | DC_FIG_OVERVIEW, (NULL))                       \
    X(CHANGE_BASIC, change.basic_amount, "change_vs_last_year.basic_expenditure.amount",          \
      "基本支出比上年增减额", BUDGET, DC_FIG_LIST | DC_FIG_OVERVIEW, (NULL))                       \
    X(LAST_YEAR_TOTAL, change.last_year_total, "change_vs_last_year.last_year_total",             \
      "上年预算总额", BUDGET, DC_FIG_LIST | DC_FIG_OVERVIEW, (NULL))                               \
    X(OPERATING, agency_operating_expenses, "agency_operating_expenses", "机关运行经费",           \
      OPERATING, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_CORE,                       \
      ("机关运行经费", "机关运行费"))                                                             \
    X(TP_TOTAL, three_public.total, "three_public_expenses.total", "“三公”经费合计", THREE_PUBLIC, \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_CORE, ("三公经费"))                    \
    X(TP_OVERSEAS, three_public.overseas_travel, "three_public_expenses.overseas_travel",         \
      "因公出国（境）费", THREE_PUBLIC, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW,                \
      ("因公出国(境)费", "因公出国(境)经费", "因公出国(境)费用", "因公出国境费", "因公出国费",      \
       "出国(境)费"))                                                                             \
    X(TP_VEHICLES, three_public.official_vehicles, "three_public_expenses.official_vehicles",     \
      "公务用车购置及运行费", THREE_PUBLIC, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW,           \
      ("公务用车购置及运行费", "公务用车购置及运维费", "公务用车购置及运行维护费",                \
       "公务用车购置和运行维护费", "公务用车购置和运行费", "公务用车购置和运维费"))               \
    X(TP_VEHICLE_PURCHASE, three_public.vehicle_purchase, "three_public_expenses.vehicle_purchase", \
      "公务用车购置费", THREE_PUBLIC,                                                              \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_PART, ("公务用车购置费", "公车购置费")) \
    X(TP_VEHICLE_OPERATION, three_public.vehicle_operation,                                      \
      "three_public_expenses.vehicle_operation", "公务用车运行维护费", THREE_PUBLIC,               \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW | DC_FIG_PART,                                  \
      ("公务用车运行费", "公务用车运维费", "公务用车运行维护费", "公车运行维护费"))               \
    X(TP_RECEPTION, three_public.official_reception, "three_public_expenses.official_reception",  \
      "公务接待费", THREE_PUBLIC, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_OVERVIEW, ("公务接待费"))     \
    X(TP_CHANGE, three_public.change, "three_public_expenses.change.amount",                      \
      "“三公”经费比上年增减额", THREE_PUBLIC, DC_FIG_LIST | DC_FIG_OVERVIEW, (NULL))               \
    X(PROC_TOTAL, procurement.total, "government_procurement.total", "政府采购预算总额",           \
      PROCUREMENT, DC_FIG_KEY | DC_FIG_OVERVIEW | DC_FIG_CORE, (NULL))                           \
    X(PROC_GPB, procurement.total_general_public_budget,                                         \
      "government_procurement.total_general_public_budget", "政府采购一般公共预算拨款",            \
      PROCUREMENT, DC_FIG_OVERVIEW | DC_FIG_PART, (NULL))                                        \
    X(PROC_TEXT, procurement.text_total, "government_procurement.text_total",                    \
      "政府采购预算总额（正文）", PROCUREMENT, DC_FIG_LIST,                                        \
      ("政府采购预算", "政府采购资金", "政府采购金额", "政府采购支出", "政府采购总额",             \
       "~采购预算"))                                                                              \
    X(PROC_TABLE, procurement.table_total, "government_procurement.table_total",                 \
      "政府采购预算总额（表中）", PROCUREMENT, DC_FIG_LIST, (NULL))                                \
    X(ASSETS_TOTAL, assets.total, "fixed_assets.total", "固定资产总额", ASSETS,                    \
      DC_FIG_KEY | DC_FIG_OVERVIEW | DC_FIG_CORE, (NULL))                                        \
    X(ASSETS_TEXT, assets.text_total, "fixed_assets.text_total", "固定资产总额（正文）", ASSETS,   \
      DC_FIG_LIST,                                                                               \
      ("固定资产金额", "固定资产总额", "固定资产原值", "固定资产价值", "资产总额", "~固定资产"))   \
    X(ASSETS_TABLE, assets.table_total, "fixed_assets.table_total", "固定资产总额（表中）",        \
      ASSETS, DC_FIG_LIST, (NULL))                                                               \
    X(ASSETS_PLANNED, assets.planned_purchases, "fixed_assets.planned_purchases",                \
      "拟购置固定资产", ASSETS, DC_FIG_LIST | DC_FIG_OVERVIEW,                                   \
      ("拟购置固定资产总额", "拟购置固定资产", "拟购置", "计划购置"))                            \
    X(MT_FISCAL, standard.fiscal_total, "fiscal_grants.total", "财政拨款收支总计", BUDGET,       \
      DC_FIG_KEY | DC_FIG_LIST | DC_FIG_IF_STATED, (NULL))                                       \
    X(MT_GENERAL, standard.general_budget, "general_budget.total",                               \
      "一般公共预算支出合计", BUDGET, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_IF_STATED, (NULL))       \
    X(MT_GENERAL_BASIC, standard.general_budget_basic, "general_budget.basic",                   \
      "一般公共预算基本支出合计", BUDGET, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_IF_STATED, (NULL))   \
    X(MT_FUND, standard.government_fund, "government_fund.total",                                \
      "政府性基金预算支出合计", BUDGET, DC_FIG_KEY | DC_FIG_LIST | DC_FIG_IF_STATED, (NULL))

typedef enum {
#define DC_FIG_X_ID(id, member, key, label, section, flags, aliases) DC_FIG_##id,
    DC_FIGURES(DC_FIG_X_ID)
#undef DC_FIG_X_ID
    DC_FIG_COUNT
} dc_figure;

/** The number of key figures (DC_FIG_KEY): the columns of batch reports. */
enum {
#define DC_FIG_X_KEY(id, member, key, label, section, flags, aliases) +!!((flags) & DC_FIG_KEY)
    DC_KF_COUNT = 0 DC_FIGURES(DC_FIG_X_KEY)
#undef DC_FIG_X_KEY
};

typedef struct {
    dc_figure id;
    const char *key;              /**< stable key: "income.total" */
    const char *label;            /**< Chinese label: "收入总计" */
    const char *unit;             /**< the unit shown when the amount has none: "万元" */
    dc_section_kind section;      /**< the section whose text states it */
    unsigned flags;               /**< DC_FIG_* */
    const char *const *aliases;   /**< NULL-terminated; "~" marks a weak alias */
    size_t offset;                /**< of its dc_amount in dc_disclosure */
} dc_figure_info;

/** The description of figure f, NULL when out of range. */
const dc_figure_info *dc_figure_describe(dc_figure f);

/** The figure's amount in d (never NULL for a valid f). */
const dc_amount *dc_figure_get(const dc_disclosure *d, dc_figure f);
dc_amount *dc_figure_at(dc_disclosure *d, dc_figure f);

/** The figure with this key, or -1. */
int dc_figure_find(const char *key);

/** The direction that signs a DC_FIG_SIGNED figure, DC_DIR_NONE for the others. */
dc_direction dc_figure_direction(const dc_disclosure *d, dc_figure f);

/** The figure of key figure k (0 <= k < DC_KF_COUNT), NULL when out of range. */
const dc_figure_info *dc_key_figure_describe(int k);

#endif
