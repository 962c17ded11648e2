/*
 * summary_xlsx_writer.c - the batch summary workbook.
 *
 * Sheets: 部门汇总 (one row per document, figures in 万元 with a 合计 row of
 * SUM formulas), 校验问题 (every validator finding), 项目绩效指标 (every
 * project indicator row) and 转换失败 (inputs that could not be converted).
 *
 * SPDX-License-Identifier: MIT
 */
#include "summary_xlsx_writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "xlsx_file.h"

#define S_MAX_ROWS 1048576
#define S_MAX_CELL 32767

/* 部门汇总 columns */
enum {
    S_C_NO = 0, S_C_DEPT, S_C_YEAR, S_C_KIND, S_C_FILE, S_C_FORMAT,
    S_C_FIG,                                       /* DC_KF_COUNT figure columns */
    S_C_PROJECTS = S_C_FIG + DC_KF_COUNT,
    S_C_ERRORS, S_C_WARNINGS, S_C_FINDINGS, S_C_TABLES, S_C_PAGES,
    S_C_COUNT
};
#define S_HEAD_ROW 2      /* two header rows: 2 and 3 */
#define S_FIRST_ROW 4

struct dc_summary_xlsx {
    dc_xlsx_file file;
    lxw_workbook *wb;
    lxw_worksheet *sum, *find, *ind, *fail;
    lxw_format *title, *unit, *head, *text, *wrap, *num, *integer, *total_label, *total_num,
        *total_int;
    lxw_row_t sum_row, find_row, ind_row, fail_row;
    size_t docs, find_omitted, ind_omitted;
    double sums[S_C_COUNT];   /* column totals for the 合计 row */
    lxw_error error;      /* first libxlsxwriter error */
    dc_buf tmp;
};

/* ---- strings ------------------------------------------------------------- */

/* A cell-safe copy of s in w->tmp: control characters other than tab and
 * newline become spaces, and the text is cut to 32767 characters. */
static const char *S_cell(dc_summary_xlsx *w, const char *s)
{
    dc_buf_clear(&w->tmp);
    if (!s)
        return "";
    size_t chars = 0;
    for (size_t i = 0; s[i] && chars < S_MAX_CELL; chars++) {
        size_t adv = 1;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n') {
            dc_buf_putc(&w->tmp, ' ');
        } else if (c < 0x80) {
            dc_buf_putc(&w->tmp, (char)c);
        } else {
            uint32_t cp = dc_utf8_decode(s + i, strlen(s + i), &adv);
            dc_buf_put_utf8(&w->tmp, cp);
        }
        i += adv;
    }
    return dc_buf_cstr(&w->tmp);
}

static void S_err(dc_summary_xlsx *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && w->error == LXW_NO_ERROR)
        w->error = e;
}

static void S_str(dc_summary_xlsx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                  lxw_format *f)
{
    if (!s || !*s)
        S_err(w, worksheet_write_blank(ws, r, c, f));
    else
        S_err(w, worksheet_write_string(ws, r, c, S_cell(w, s), f));
}

static void S_num(dc_summary_xlsx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int has,
                  double v, lxw_format *f)
{
    if (has && ws == w->sum && c >= S_C_FIG)
        w->sums[c] += v;
    if (has)
        S_err(w, worksheet_write_number(ws, r, c, v, f));
    else
        S_err(w, worksheet_write_blank(ws, r, c, f));
}

static const char *S_severity(const char *s)
{
    if (!s)
        return "";
    if (!strcmp(s, "error"))
        return "错误";
    if (!strcmp(s, "warning"))
        return "警告";
    if (!strcmp(s, "info"))
        return "提示";
    return s;
}

static const char *S_kind(const char *k)
{
    if (!k)
        return NULL;
    if (!strcmp(k, "budget"))
        return "预算";
    if (!strcmp(k, "final_accounts"))
        return "决算";
    return k;
}

/* ---- layout -------------------------------------------------------------- */

static void S_page(lxw_worksheet *ws, lxw_row_t repeat_last)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);   /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, repeat_last);
}

static void S_simple_header(dc_summary_xlsx *w, lxw_worksheet *ws, const char *const *heads,
                            const double *widths, int n)
{
    for (int c = 0; c < n; c++) {
        S_err(w, worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], w->head));
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_set_row(ws, 0, 30, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    S_page(ws, 0);
}

static const char *const S_find_heads[] = {"序号", "部门", "年度", "文件", "级别",
                                           "代码", "位置", "说明"};
static const double S_find_widths[] = {6, 28, 7, 30, 7, 22, 18, 70};
static const char *const S_ind_heads[] = {"部门", "年度", "文件", "项目序号", "项目名称",
                                          "一级指标", "二级指标", "三级指标", "指标内容",
                                          "指标值", "指标值确定依据"};
static const double S_ind_widths[] = {28, 7, 30, 8, 36, 12, 14, 14, 40, 16, 30};
static const char *const S_fail_heads[] = {"序号", "输入文件", "名称", "格式", "原因", "说明"};
static const double S_fail_widths[] = {6, 50, 30, 10, 18, 70};

/* The group a key figure's column sits under: the part of its key before the
 * first dot ("income" for "income.total"), 0 bytes when it has none. */
static size_t S_group_len(const char *key)
{
    const char *dot = strchr(key, '.');
    return dot ? (size_t)(dot - key) : 0;
}

/* The label over a group of columns: its first figure's label without the
 * word for total ("收入总计" -> "收入", "“三公”经费合计" -> "“三公”经费"). */
static void S_group_label(const char *label, char *out, size_t cap)
{
    static const char *const totals[] = {"总计", "合计", "总额", NULL};
    size_t n = strlen(label);
    for (const char *const *t = totals; *t; t++) {
        size_t tl = strlen(*t);
        if (n > tl && !strcmp(label + n - tl, *t)) {
            n -= tl;
            break;
        }
    }
    snprintf(out, cap, "%.*s", (int)n, label);
}

/* One header cell of 部门汇总 over rows r1..r2 and columns c1..c2 (merged
 * unless a single cell; the text in the first).  In constant_memory mode cells
 * must come row by row, so S_summary_top writes them a row at a time and
 * records each merge while its last row is the current one. */
typedef struct {
    lxw_row_t r1, r2;
    lxw_col_t c1, c2;
    char text[64];
} S_head_cell;

static void S_head_add(S_head_cell *v, size_t *n, lxw_row_t r1, int c1, lxw_row_t r2, int c2,
                       const char *text)
{
    S_head_cell *h = &v[(*n)++];
    h->r1 = r1;
    h->r2 = r2;
    h->c1 = (lxw_col_t)c1;
    h->c2 = (lxw_col_t)c2;
    snprintf(h->text, sizeof h->text, "%s", text);
}

/* The header cells of 部门汇总, in v (room for 2 * S_C_COUNT); returns how many. */
static size_t S_head_cells(S_head_cell *v)
{
    const lxw_row_t h1 = S_HEAD_ROW, h2 = S_HEAD_ROW + 1;
    static const char *const fixed[] = {"序号", "部门", "年度", "类别", "文件", "格式"};
    size_t n = 0;
    for (int c = 0; c < S_C_FIG; c++)
        S_head_add(v, &n, h1, c, h2, c, fixed[c]);
    for (int k = 0; k < DC_KF_COUNT;) {
        const dc_figure_info *first = dc_key_figure_describe(k);
        size_t glen = S_group_len(first->key);
        int count = 1;
        while (glen && k + count < DC_KF_COUNT) {
            const char *next = dc_key_figure_describe(k + count)->key;
            if (S_group_len(next) != glen || strncmp(next, first->key, glen))
                break;
            count++;
        }
        int c = S_C_FIG + k;
        if (count > 1) {
            char glabel[64];
            S_group_label(first->label, glabel, sizeof glabel);
            S_head_add(v, &n, h1, c, h1, c + count - 1, glabel);
            for (int i = 0; i < count; i++)
                S_head_add(v, &n, h2, c + i, h2, c + i, dc_key_figure_describe(k + i)->label);
        } else {
            S_head_add(v, &n, h1, c, h2, c, first->label);
        }
        k += count;
    }
    S_head_add(v, &n, h1, S_C_PROJECTS, h2, S_C_PROJECTS, "项目数");
    S_head_add(v, &n, h1, S_C_ERRORS, h1, S_C_FINDINGS, "校验问题");
    S_head_add(v, &n, h2, S_C_ERRORS, h2, S_C_ERRORS, "错误");
    S_head_add(v, &n, h2, S_C_WARNINGS, h2, S_C_WARNINGS, "警告");
    S_head_add(v, &n, h2, S_C_FINDINGS, h2, S_C_FINDINGS, "合计");
    S_head_add(v, &n, h1, S_C_TABLES, h2, S_C_TABLES, "表格数");
    S_head_add(v, &n, h1, S_C_PAGES, h2, S_C_PAGES, "页数");
    return n;
}

/* The top of 部门汇总, rows 0 to 3 in order: the title with the number of
 * documents, the unit, and two header rows (groups over figure columns —
 * the figures whose keys share a first part — the rest merged down). */
static void S_summary_top(dc_summary_xlsx *w, size_t ndocs)
{
    lxw_worksheet *ws = w->sum;
    static const double fixed_w[] = {6, 30, 7, 6, 30, 9};
    for (int c = 0; c < S_C_FIG; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, fixed_w[c], NULL);
    worksheet_set_column(ws, S_C_FIG, S_C_FIG + DC_KF_COUNT - 1, 13, NULL);
    worksheet_set_column(ws, S_C_PROJECTS, S_C_PAGES, 8, NULL);

    char title[128];
    snprintf(title, sizeof title, "部门预算信息公开汇总（%zu个文件）", ndocs);
    worksheet_set_row(ws, 0, 30, NULL);
    S_err(w, worksheet_merge_range(ws, 0, 0, 0, S_C_COUNT - 1, title, w->title));
    S_err(w, worksheet_merge_range(ws, 1, S_C_FIG, 1, S_C_COUNT - 1, "金额单位：万元", w->unit));

    S_head_cell cells[S_C_COUNT * 2];
    size_t n = S_head_cells(cells);
    for (lxw_row_t r = S_HEAD_ROW; r <= S_HEAD_ROW + 1; r++) {
        if (r == S_HEAD_ROW + 1)
            worksheet_set_row(ws, r, 45, NULL);
        for (size_t i = 0; i < n; i++) {
            const S_head_cell *h = &cells[i];
            if (r < h->r1 || r > h->r2)
                continue;
            for (lxw_col_t c = h->c1; c <= h->c2; c++) {
                if (r == h->r1 && c == h->c1)
                    S_err(w, worksheet_write_string(ws, r, c, h->text, w->head));
                else
                    S_err(w, worksheet_write_blank(ws, r, c, w->head));
            }
        }
        /* The merges ending in this row, while it is the current one: their
         * writes into an earlier, finished row are refused by the library
         * (those cells are already there); the rest repeat ours. */
        for (size_t i = 0; i < n; i++)
            if (cells[i].r2 == r && (cells[i].r1 != r || cells[i].c1 != cells[i].c2))
                worksheet_merge_range(ws, cells[i].r1, cells[i].c1, cells[i].r2, cells[i].c2,
                                      cells[i].text, w->head);
    }
}

dc_summary_xlsx *dc_summary_xlsx_open(const char *path, long long epoch, size_t ndocs,
                                      dc_error *err)
{
    dc_summary_xlsx *w = dc_xcalloc(1, sizeof *w);
    /* Rows go to the parts' temporary files as they are finished: a sheet is
     * written top to bottom, and a row above the current one cannot change. */
    lxw_workbook_options wo;
    memset(&wo, 0, sizeof wo);
    wo.constant_memory = LXW_TRUE;
    lxw_workbook *wb = dc_xlsx_file_open(&w->file, path, &wo, err);
    if (!wb) {
        free(w);
        return NULL;
    }
    w->wb = wb;
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = "部门预算信息公开汇总";
    props.author = "disclosure";
    /* libxlsxwriter takes 0 to mean "now": the first second stands in for it */
    props.created = (time_t)(epoch > 0 ? epoch : 1);
    workbook_set_properties(wb, &props);

    w->title = workbook_add_format(wb);
    format_set_bold(w->title);
    format_set_font_size(w->title, 16);
    format_set_align(w->title, LXW_ALIGN_CENTER);
    format_set_align(w->title, LXW_ALIGN_VERTICAL_CENTER);
    w->unit = workbook_add_format(wb);
    format_set_align(w->unit, LXW_ALIGN_RIGHT);
    w->head = workbook_add_format(wb);
    format_set_bold(w->head);
    format_set_align(w->head, LXW_ALIGN_CENTER);
    format_set_align(w->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(w->head);
    format_set_border(w->head, LXW_BORDER_THIN);
    format_set_bg_color(w->head, 0xD9E1F2);
    w->text = workbook_add_format(wb);
    format_set_border(w->text, LXW_BORDER_THIN);
    format_set_align(w->text, LXW_ALIGN_VERTICAL_TOP);
    w->wrap = workbook_add_format(wb);
    format_set_border(w->wrap, LXW_BORDER_THIN);
    format_set_text_wrap(w->wrap);
    format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);
    w->num = workbook_add_format(wb);
    format_set_border(w->num, LXW_BORDER_THIN);
    format_set_num_format_index(w->num, 4);   /* #,##0.00 */
    format_set_align(w->num, LXW_ALIGN_VERTICAL_TOP);
    w->integer = workbook_add_format(wb);
    format_set_border(w->integer, LXW_BORDER_THIN);
    format_set_num_format_index(w->integer, 1);   /* 0 */
    format_set_align(w->integer, LXW_ALIGN_VERTICAL_TOP);
    w->total_label = workbook_add_format(wb);
    format_set_bold(w->total_label);
    format_set_border(w->total_label, LXW_BORDER_THIN);
    format_set_align(w->total_label, LXW_ALIGN_CENTER);
    w->total_num = workbook_add_format(wb);
    format_set_bold(w->total_num);
    format_set_border(w->total_num, LXW_BORDER_THIN);
    format_set_num_format_index(w->total_num, 4);
    w->total_int = workbook_add_format(wb);
    format_set_bold(w->total_int);
    format_set_border(w->total_int, LXW_BORDER_THIN);
    format_set_num_format_index(w->total_int, 1);

    w->sum = workbook_add_worksheet(wb, "部门汇总");
    w->find = workbook_add_worksheet(wb, "校验问题");
    w->ind = workbook_add_worksheet(wb, "项目绩效指标");
    w->fail = workbook_add_worksheet(wb, "转换失败");
    if (!w->sum || !w->find || !w->ind || !w->fail) {
        dc_error_set(err, DC_ERR_INTERNAL, "cannot add worksheets");
        dc_xlsx_file_close(&w->file, wb, DC_ERR_INTERNAL, err);
        dc_buf_free(&w->tmp);
        free(w);
        return NULL;
    }
    S_simple_header(w, w->find, S_find_heads, S_find_widths, 8);
    S_simple_header(w, w->ind, S_ind_heads, S_ind_widths, 11);
    S_simple_header(w, w->fail, S_fail_heads, S_fail_widths, 6);
    w->find_row = w->ind_row = w->fail_row = 1;
    w->sum_row = S_FIRST_ROW;
    S_summary_top(w, ndocs < S_MAX_ROWS - 1 - S_FIRST_ROW ? ndocs : S_MAX_ROWS - 1 - S_FIRST_ROW);
    return w;
}

void dc_summary_xlsx_add_document(dc_summary_xlsx *w, const dc_summary_doc *d)
{
    if (!d->ok) {
        if (w->fail_row >= S_MAX_ROWS)
            return;
        lxw_row_t r = w->fail_row++;
        S_err(w, worksheet_write_number(w->fail, r, 0, r, w->integer));
        S_str(w, w->fail, r, 1, d->input, w->text);
        S_str(w, w->fail, r, 2, d->name, w->text);
        S_str(w, w->fail, r, 3, d->format, w->text);
        S_str(w, w->fail, r, 4, d->reason, w->text);
        S_str(w, w->fail, r, 5, d->error, w->wrap);
        return;
    }
    if (w->sum_row >= S_MAX_ROWS - 1)
        return;
    lxw_row_t r = w->sum_row++;
    w->docs++;
    S_err(w, worksheet_write_number(w->sum, r, S_C_NO, (double)w->docs, w->integer));
    S_str(w, w->sum, r, S_C_DEPT, d->department, w->text);
    S_num(w, w->sum, r, S_C_YEAR, d->year > 0, d->year, w->integer);
    S_str(w, w->sum, r, S_C_KIND, S_kind(d->kind), w->text);
    S_str(w, w->sum, r, S_C_FILE, d->name, w->text);
    S_str(w, w->sum, r, S_C_FORMAT, d->format, w->text);
    for (int k = 0; k < DC_KF_COUNT; k++)
        S_num(w, w->sum, r, (lxw_col_t)(S_C_FIG + k), d->has[k], d->fig[k], w->num);
    S_num(w, w->sum, r, S_C_PROJECTS, d->projects >= 0, (double)d->projects, w->integer);
    S_num(w, w->sum, r, S_C_ERRORS, d->error_count >= 0, (double)d->error_count, w->integer);
    S_num(w, w->sum, r, S_C_WARNINGS, d->warning_count >= 0, (double)d->warning_count,
          w->integer);
    S_num(w, w->sum, r, S_C_FINDINGS, d->finding_count >= 0, (double)d->finding_count,
          w->integer);
    S_num(w, w->sum, r, S_C_TABLES, d->tables >= 0, (double)d->tables, w->integer);
    S_num(w, w->sum, r, S_C_PAGES, d->pages >= 0, (double)d->pages, w->integer);
}

/* The next row of the findings or indicator sheet (*next), or 0 when the
 * sheet is full and the row is counted in *omitted. */
static lxw_row_t S_list_row(lxw_row_t *next, size_t *omitted)
{
    if (*next >= S_MAX_ROWS - 1) {
        (*omitted)++;
        return 0;
    }
    return (*next)++;
}

/* The document's department, year and file name, in columns c to c + 2. */
static void S_doc_cells(dc_summary_xlsx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                        const dc_summary_doc *d)
{
    S_str(w, ws, r, c, d->department, w->text);
    S_num(w, ws, r, c + 1, d->year > 0, d->year, w->integer);
    S_str(w, ws, r, c + 2, d->name, w->text);
}

void dc_summary_xlsx_add_finding(dc_summary_xlsx *w, const dc_summary_doc *d,
                                 const dc_summary_finding *f)
{
    lxw_row_t r = S_list_row(&w->find_row, &w->find_omitted);
    if (!r)
        return;
    S_err(w, worksheet_write_number(w->find, r, 0, r, w->integer));
    S_doc_cells(w, w->find, r, 1, d);
    S_str(w, w->find, r, 4, S_severity(f->severity), w->text);
    S_str(w, w->find, r, 5, f->code, w->text);
    S_str(w, w->find, r, 6, f->place, w->text);
    S_str(w, w->find, r, 7, f->message, w->wrap);
}

void dc_summary_xlsx_add_indicator(dc_summary_xlsx *w, const dc_summary_doc *d,
                                   const dc_summary_indicator *x)
{
    lxw_row_t r = S_list_row(&w->ind_row, &w->ind_omitted);
    if (!r)
        return;
    S_doc_cells(w, w->ind, r, 0, d);
    S_num(w, w->ind, r, 3, x->project > 0, (double)x->project, w->integer);
    S_str(w, w->ind, r, 4, x->project_title, w->text);
    S_str(w, w->ind, r, 5, x->level1, w->text);
    S_str(w, w->ind, r, 6, x->level2, w->text);
    S_str(w, w->ind, r, 7, x->level3, w->text);
    S_str(w, w->ind, r, 8, x->description, w->wrap);
    S_str(w, w->ind, r, 9, x->value, w->text);
    S_str(w, w->ind, r, 10, x->basis, w->wrap);
}

dc_status dc_summary_xlsx_close(dc_summary_xlsx *w, dc_error *err)
{
    lxw_worksheet *ws = w->sum;
    /* the filter first: it must end in the current row (the last document) */
    if (w->docs)
        worksheet_autofilter(ws, S_HEAD_ROW + 1, 0, w->sum_row - 1, S_C_COUNT - 1);
    if (w->docs) {
        /* 合计: sums of the figures and counts, with their values cached */
        lxw_row_t r = w->sum_row;
        S_err(w, worksheet_merge_range(ws, r, S_C_NO, r, S_C_FORMAT, "合计", w->total_label));
        for (lxw_col_t c = S_C_FIG; c < S_C_COUNT; c++) {
            char col[8], formula[64];
            lxw_col_to_name(col, c, 0);
            snprintf(formula, sizeof formula, "=SUM(%s%u:%s%u)", col, S_FIRST_ROW + 1, col,
                     (unsigned)r);
            S_err(w, worksheet_write_formula_num(ws, r, c, formula,
                                                 c < S_C_PROJECTS ? w->total_num : w->total_int,
                                                 round(w->sums[c] * 1e6) / 1e6));
        }
    }
    worksheet_freeze_panes(ws, S_FIRST_ROW, S_C_DEPT + 1);
    S_page(ws, S_HEAD_ROW + 1);
    worksheet_set_paper(ws, 8);   /* A3: 34 columns are unreadable on A4 */
    if (w->find_row > 1)
        worksheet_autofilter(w->find, 0, 0, w->find_row - 1, 7);
    if (w->ind_row > 1)
        worksheet_autofilter(w->ind, 0, 0, w->ind_row - 1, 10);
    if (w->find_omitted) {
        char note[96];
        snprintf(note, sizeof note, "另有%zu条未列出（超过工作表行数上限）", w->find_omitted);
        S_err(w, worksheet_write_string(w->find, w->find_row, 7, note, NULL));
    }
    if (w->ind_omitted) {
        char note[96];
        snprintf(note, sizeof note, "另有%zu行未列出（超过工作表行数上限）", w->ind_omitted);
        S_err(w, worksheet_write_string(w->ind, w->ind_row, 8, note, NULL));
    }
    dc_status st = DC_OK;
    if (w->error != LXW_NO_ERROR)
        st = dc_error_set(err, DC_ERR_OUTPUT, "cannot write: %s", lxw_strerror(w->error));
    st = dc_xlsx_file_close(&w->file, w->wb, st, err);
    dc_buf_free(&w->tmp);
    free(w);
    return st;
}
