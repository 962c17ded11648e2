/*
 * disclosure.h - the typed disclosure model: what a budget (预算) or final
 * accounts (决算) disclosure says, lifted from the document model by the
 * recognizer (recognize.h) and checked by the validator (validate.h).
 *
 * Every figure keeps where it came from (dc_source).  What the recognizer
 * cannot place stays in the document model; nothing is removed from it:
 * sections give the block ranges they cover, tables[] classifies every body
 * table (DC_TABLE_OTHER when unrecognised).  Money amounts keep the unit
 * the document wrote (dc_amount_wan() converts to 万元).  Text is as written.
 * A dc_disclosure owns its strings and arrays (one arena) and borrows the
 * dc_doc it was made from (some strings, such as TC entry texts, point into
 * it): free the disclosure before the document.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_DISCLOSURE_H
#define DC_DISCLOSURE_H

#include <stddef.h>

#include "model/doc.h"
#include "model/util.h"

/** Where a figure or row came from. */
typedef struct {
    const dc_node *block;     /**< the paragraph, heading or table; NULL = not found */
    const dc_node *cell;      /**< the cell when inside a table, else NULL */
    int block_index;          /**< 0-based index of the block in the body, -1 unknown */
    int table_index;          /**< 0-based index among the body's tables, -1 if none */
    int row, col;             /**< cell grid position, -1 when not from a table */
} dc_source;

/** A number as written: value, unit and precision kept. */
typedef struct {
    int present;              /**< 1 when the document states it */
    double value;             /**< the number (in `unit`) */
    const char *text;         /**< the digits as written without separators, full-width
                                 folded: "229.85576", "1920.96" (a valid JSON number) */
    int decimals;             /**< digits after the decimal point as written */
    const char *unit;         /**< "万元", "元", "%", "人", ...; NULL when none (a count);
                                 table cells take the table's money unit */
    dc_source src;
} dc_amount;

/** An indicator value such as "≥95%", "≤94.1万元", "30人" or "及时". */
typedef struct {
    const char *text;         /**< the cell text as written */
    const char *op;           /**< "≥", "≤", "=", ">", "<", or NULL */
    int has_number;
    double number;
    const char *number_text;  /**< normalised digits as written */
    int decimals;
    const char *unit;         /**< the text after the number, or NULL */
} dc_measure;

typedef enum {
    DC_SECTION_UNKNOWN = 0,
    DC_SECTION_DUTIES,        /**< 部门职责及机构设置情况 */
    DC_SECTION_BUDGET,        /**< 部门预算安排的总体情况 / 收支总体情况 */
    DC_SECTION_OPERATING,     /**< 机关运行经费 */
    DC_SECTION_THREE_PUBLIC,  /**< "三公"经费 */
    DC_SECTION_PERFORMANCE,   /**< 绩效预算信息 / 绩效目标 */
    DC_SECTION_PROCUREMENT,   /**< 政府采购 */
    DC_SECTION_ASSETS,        /**< 国有资产 */
    DC_SECTION_GLOSSARY,      /**< 名词解释 */
    DC_SECTION_OTHER,         /**< 其他需要说明的事项 */
    DC_SECTION_KIND_COUNT
} dc_section_kind;

typedef struct {
    dc_section_kind kind;
    int number;               /**< the heading's number (一 = 1), 0 when unnumbered */
    const char *heading;      /**< heading text as written (trimmed) */
    const dc_node *node;      /**< the heading block */
    const dc_node *first, *last;  /**< the blocks that follow, up to the next section;
                                     NULL when the section is empty */
    int block_index;          /**< body index of the heading */
    int first_index, last_index;  /**< body indices of first/last, -1 when empty */
} dc_section;

/** How a numbered heading or paragraph is numbered. */
typedef enum {
    DC_NUM_NONE = 0,
    DC_NUM_CN_DUN,            /**< 一、 */
    DC_NUM_CN_PAREN,          /**< （一） */
    DC_NUM_AR_DUN,            /**< 1、 */
    DC_NUM_AR_DOT,            /**< 1. */
    DC_NUM_AR_PAREN,          /**< （1） */
    DC_NUM_PART,              /**< 第一部分 */
    DC_NUM_STYLE_COUNT
} dc_num_style;

/** A numbered block of the body (heading, numbered paragraph or caption), in
 *  document order; the validator checks the sequences they form. */
typedef struct {
    dc_num_style style;
    int number;               /**< 一 = 1, （十） = 10 ... */
    int heading_level;        /**< 1..9 from the style or outline level, 0 for body text */
    int is_caption;           /**< a table caption */
    int list_id, list_level;  /**< numbered by the document's numbering (instance, level);
                                   list_id 0 = the label is typed */
    const char *text;         /**< the block's text as written (trimmed) */
    const dc_node *node;
    int block_index;
} dc_outline_item;

/** What a body table was recognised as. */
typedef enum {
    DC_TABLE_OTHER = 0,       /**< not recognised: stays a plain table */
    DC_TABLE_ORGS,            /**< 部门机构设置 (单位名称/单位性质/…) */
    DC_TABLE_DEPT_INDICATORS, /**< 部门整体支出绩效指标 */
    DC_TABLE_PROJECT,         /**< a project 绩效目标表 */
    DC_TABLE_PROCUREMENT,     /**< 政府采购预算 */
    DC_TABLE_ASSETS,          /**< 固定资产占用情况 */
    DC_TABLE_BUDGET_SUMMARY,  /**< 收支总表 and the like: rows named like the figures */
    DC_TABLE_KIND_COUNT
} dc_table_kind;

typedef struct {
    dc_table_kind kind;
    const dc_node *node;
    int table_index;          /**< 0-based among the body's tables */
    int block_index;
    const char *title;        /**< caption or in-table title as written, or NULL */
    const dc_node *caption;   /**< the caption paragraph before the table, or NULL */
    int header_rows;          /**< rows before the first data row (title rows included) */
    const char *money_unit;   /**< "万元", "元" … as the table states, or NULL */
    int item;                 /**< index into the kind's array (projects …), -1 otherwise */
    int money;                /**< index into money_tables, -1 when not a money table */
} dc_table_ref;

typedef struct {
    const char *name, *nature, *level, *funding;
    dc_source src;
} dc_org_unit;

typedef struct {
    const char *level1, *level2, *level3;   /**< level1 (and level2) filled down from merges */
    const char *description;
    const char *scoring;      /**< 评（扣）分标准, NULL when the table has none */
    const char *symbol;       /**< the 符号 column of the department table, else NULL */
    const char *value;        /**< 指标值 as written (department table: the 值 column) */
    const char *unit;         /**< the 单位 column of the department table, else NULL */
    const char *basis;        /**< 指标值确定依据 */
    dc_measure measure;       /**< value parsed (symbol+value+unit for the department table) */
    dc_source src;
} dc_indicator;

typedef struct {
    const char *title;
    dc_indicator *rows;
    size_t nrows;
    const dc_node *table;
    dc_source src;
} dc_indicator_table;

typedef struct {
    int number;               /**< from the caption ("3." -> 3), 0 when none */
    const char *title;        /**< the visible caption */
    const char **tc_entries;  /**< hidden TC entry texts attached to the caption */
    size_t ntc;
    const char **goal_paragraphs;  /**< non-empty goal paragraphs, exact */
    size_t ngoals;
    const char *goal_text;    /**< goal paragraphs joined by "\n" */
    dc_indicator *rows;
    size_t nrows;
    const dc_node *caption;   /**< the caption paragraph, or NULL */
    const dc_node *table;
    dc_source src;
    int has_scoring;          /**< the table has a 评（扣）分标准 column */
    dc_amount funds;          /**< 项目资金 / 年度资金总额 when the table states it */
} dc_project_table;

typedef struct {
    const char *project;
    dc_amount budget_funds, quantity, unit_price, amount, general_public_budget;
    const char **cells;       /**< every leaf column's text, in grid order */
    size_t ncells;
    dc_source src;
    const char *item_name;    /**< 采购物品名称, or NULL */
    const char *catalog_no;   /**< 政府采购目录序号, or NULL */
    const char *unit;         /**< 计量单位, or NULL */
    /* the other funding columns of 政府采购金额 */
    dc_amount government_fund, state_capital, fiscal_special_account, unit_funds,
        carried_fiscal, carried_nonfiscal, sme_share;
} dc_procurement_row;

typedef struct {
    const char *item;
    const char *quantity;     /**< as written ("——" stays) */
    dc_amount value;          /**< present = 0 when the cell is empty */
    dc_source src;
    int is_total;             /**< 资产总额 / 合计 row */
    int is_part;              /**< an "其中：" row: part of the row above, not of the total */
} dc_asset_row;

/** The nine standard money tables of the Ministry of Finance template (预算 and
 *  决算 captions map onto the same kinds). */
typedef enum {
    DC_MONEY_INCOME_EXPENDITURE_SUMMARY = 0, /**< 部门收支总表 / 收入支出决算总表 */
    DC_MONEY_INCOME_BY_CLASS,          /**< 部门收入总表 / 收入决算表 */
    DC_MONEY_EXPENDITURE_BY_CLASS,     /**< 部门支出总表 / 支出决算表 */
    DC_MONEY_FISCAL_GRANT_SUMMARY,     /**< 财政拨款收支总表 / 财政拨款收入支出决算总表 */
    DC_MONEY_GENERAL_BUDGET,           /**< 一般公共预算（财政拨款）支出表 */
    DC_MONEY_GENERAL_BUDGET_BASIC,     /**< 一般公共预算（财政拨款）基本支出表 */
    DC_MONEY_THREE_PUBLIC,             /**< “三公”经费支出表 */
    DC_MONEY_GOVERNMENT_FUND,          /**< 政府性基金预算（财政拨款）支出表 */
    DC_MONEY_STATE_CAPITAL,            /**< 国有资本经营预算（财政拨款）支出表 */
    DC_MONEY_KIND_COUNT
} dc_money_kind;

/** The level of a classification code: 3 digits 类, 5 款, 7 项 (functional
 *  classification); 3 类 and 5 款 (economic classification). */
typedef enum { DC_LEVEL_NONE = 0, DC_LEVEL_CLASS, DC_LEVEL_SECTION, DC_LEVEL_ITEM } dc_code_level;

/** A side of a two-sided table (收支总表, 财政拨款收支总表). */
typedef enum { DC_SIDE_NONE = 0, DC_SIDE_INCOME, DC_SIDE_EXPENDITURE } dc_money_side;

/** One row of a money table (a side of a row, in a two-sided table). */
typedef struct {
    const char *code;         /**< the classification code as digits ("2130101"), or NULL */
    const char *name;         /**< the name as printed, indentation removed */
    dc_code_level level;
    dc_money_side side;
    int is_subtotal;          /**< 本年收入合计, 一、本年收入 …: sums the item rows below/above */
    int is_part;              /**< "其中：…": a part of the row above, in no sum */
    int group;                /**< two-sided tables: index of the subtotal row it belongs to, -1 */
    dc_amount *values;        /**< one per column; present = 0 for a blank cell */
    dc_source src;
} dc_money_row;

/** A money table of the nine-table template. */
typedef struct {
    dc_money_kind kind;
    const char *caption;      /**< as printed, or NULL */
    const char *unit;         /**< "万元", "元" …; NULL when the table states none */
    int empty;                /**< no amount in any body row */
    const char *empty_note;   /**< the note saying why it is empty, or NULL */
    const char **columns;     /**< amount columns: header paths joined by "/" */
    dc_money_side *column_side; /**< the side of each column (two-sided tables), else NONE */
    size_t ncolumns;
    dc_money_row *rows;       /**< body rows in document order, the total row excepted
                                   (the 三公 table keeps every row) */
    size_t nrows;
    int has_total;            /**< total row found (合计, 收入总计/支出总计; 三公: current year) */
    dc_amount *total;         /**< ncolumns values of the total row */
    dc_source total_src;
    int header_rows;          /**< header rows of the table (栏次 row included) */
    int code_columns;         /**< 1 when codes are in one column, 3 when split 类/款/项 */
    int code_col;             /**< grid column of the (first) code column, -1 when none */
    int table_index;          /**< 0-based among the body's tables */
    dc_source src;
} dc_money_table;

typedef enum { DC_SEV_INFO = 0, DC_SEV_WARNING, DC_SEV_ERROR } dc_severity;

/** A validator finding: severity, a stable code, where, and a sentence. */
typedef struct {
    dc_severity severity;
    const char *code;         /**< e.g. "income.sum", "numbering.skip" */
    const char *message;      /**< one sentence a finance officer understands (Chinese) */
    const char *place;        /**< a human-readable place, e.g. "表28 第3行" */
    dc_source src;
} dc_finding;

typedef enum { DC_DIR_NONE = 0, DC_DIR_INCREASE, DC_DIR_DECREASE, DC_DIR_FLAT } dc_direction;

typedef struct {
    dc_arena arena;
    const dc_doc *doc;

    const char *title;
    const char *department;
    int year;                 /**< budget year, 0 when unknown */
    int is_final_accounts;    /**< 决算 rather than 预算 */
    const char *money_unit;   /**< "万元" unless the document says otherwise */

    dc_section *sections;
    size_t nsections;
    const char **missing_sections;   /**< names of required sections not found */
    size_t nmissing;

    const char **duties;      /**< the numbered duty paragraphs */
    size_t nduties;
    dc_org_unit *orgs;
    size_t norgs;

    struct {
        dc_amount total, general_public_budget, government_fund, fiscal_special_account,
            other, carried_over_from_last_year, state_capital;
        /* newer and final-accounts names (单位资金, 事业收入, 经营收入, 上级补助收入,
           附属单位上缴收入; 财政拨款收入 = 一般公共预算 + 政府性基金) */
        dc_amount unit_funds, business, operating, superior_grants, affiliated,
            fiscal_appropriation;
    } income;
    struct {
        dc_amount total, basic, project, personnel, public_funds;
        dc_amount carried_forward;    /**< 年终结转结余 */
    } expenditure;
    struct {
        int compared_with_year;       /**< 0 when unknown */
        dc_direction direction;
        dc_amount amount;
        dc_direction project_direction, basic_direction;
        dc_amount project_amount, basic_amount;
        dc_amount last_year_total;    /**< when the text states it */
    } change;
    dc_amount agency_operating_expenses;
    struct {
        dc_amount total, overseas_travel, official_vehicles, vehicle_purchase,
            vehicle_operation, official_reception, change;
        dc_direction change_direction;
        int compared_with_year;       /**< 0 when unknown */
    } three_public;

    dc_indicator_table department_indicators;   /**< rows = 0 when absent */
    dc_project_table *projects;
    size_t nprojects;

    struct {
        dc_amount total, total_general_public_budget;  /**< total: text_total, else table_total */
        dc_procurement_row *rows;     /**< project rows (the 合计 row is not one) */
        size_t nrows;
        const char **headers;         /**< leaf column headers */
        size_t nheaders;
        const dc_node *table;
        dc_amount text_total;         /**< the total the text states */
        dc_amount table_total;        /**< the 合计 row's amount */
        dc_procurement_row total_row; /**< the 合计 row (project NULL when absent) */
    } procurement;

    struct {
        dc_amount total;              /**< text_total, else table_total */
        const char *as_of;            /**< ISO date "2020-12-31" when stated */
        const char *compiled_by;
        dc_amount planned_purchases;
        dc_asset_row *rows;           /**< every item row, the total row included */
        size_t nrows;
        const dc_node *table;
        dc_amount text_total;         /**< the total the text states */
        dc_amount table_total;        /**< the 资产总额 / 合计 row */
    } assets;

    const char **glossary_terms;
    size_t nglossary;
    const char **heading1;            /**< level-1 heading texts in order */
    size_t nheading1;

    dc_outline_item *outline;         /**< numbered blocks in order */
    size_t noutline;
    dc_table_ref *tables;             /**< every body table, recognised or not */
    size_t ntables;
    const char **missing;             /**< keys of expected figures not found */
    size_t nmissing_figures;
    dc_source title_src;

    struct {
        /* the nine-table template's key figures, from its tables (model/figures.h) */
        dc_amount fiscal_total;           /**< 财政拨款收支总表 收入总计 */
        dc_amount general_budget;         /**< 一般公共预算支出表 合计 */
        dc_amount general_budget_basic;   /**< 一般公共预算基本支出表 合计 */
        dc_amount government_fund;        /**< 政府性基金预算支出表 合计 */
    } standard;
    dc_money_table *money_tables;     /**< the nine-table template's tables, in order */
    size_t nmoney_tables;

    dc_finding *findings;
    size_t nfindings, capfindings;
} dc_disclosure;

/** Frees a disclosure and everything it owns.  Accepts NULL. */
void dc_disclosure_free(dc_disclosure *d);

/** Number of findings of at least the given severity. */
size_t dc_disclosure_count(const dc_disclosure *d, dc_severity at_least);

/** Appends a finding; place and the printf-style message are copied into the
 *  disclosure's arena.  src may be NULL. */
void dc_disclosure_add_finding(dc_disclosure *d, dc_severity sev, const char *code,
                               const dc_source *src, const char *place, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/** An amount's value in 万元 (converted from 元, 亿元 …); NAN when absent or
 *  not money.  A unitless amount counts as 万元. */
double dc_amount_wan(const dc_amount *a);

const char *dc_section_kind_name(dc_section_kind k);   /**< "duties", "budget", ... */
const char *dc_section_kind_title(dc_section_kind k);  /**< "部门职责及机构设置情况", ... */
const char *dc_table_kind_name(dc_table_kind k);       /**< "organizations", "project", ... */
const char *dc_num_style_name(dc_num_style s);         /**< "一、", "（一）", "1、" ... */
const char *dc_severity_name(dc_severity s);           /**< "info", "warning", "error" */
const char *dc_direction_name(dc_direction d);         /**< "increase", "decrease", "flat" */
const char *dc_money_kind_name(dc_money_kind k);       /**< "income_by_class", ... */
const char *dc_money_kind_title(dc_money_kind k);      /**< "部门收入总表", ... */
const char *dc_code_level_name(dc_code_level l);       /**< "类", "款", "项"; NULL for none */

/** The level of a classification code of n digits (3 类, 5 款, 7 项), NONE
 *  when s[0..n) is not 3, 5 or 7 ASCII digits. */
dc_code_level dc_code_level_of(const char *s, size_t n);

/** True when the document is in the 财政部 nine-table template (at least three
 *  of its money tables recognised): its parts are 概况, the tables, 情况说明
 *  and 名词解释, in the template's order. */
int dc_disclosure_is_standard(const dc_disclosure *d);

/** The money table of a kind (the first one), or NULL. */
const dc_money_table *dc_disclosure_money_table(const dc_disclosure *d, dc_money_kind k);

#endif
