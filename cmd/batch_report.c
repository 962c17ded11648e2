/*
 * batch_report.c - report rows on disk, and the report files made from them:
 * report.json (one row a line), report.csv and summary.xlsx.
 *
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "converters/write/json.h"
#include "converters/write/summary_xlsx_writer.h"
#include "converters/write/tmpfile.h"
#include "model/key_figures.h"

#define S_REPORT_TAG "disclosure-batch"

long long dc_batch_epoch(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v >= 0)
            return v;
    }
    return 315532800;   /* 1980-01-01T00:00:00Z */
}

/* ---- temporary files ----------------------------------------------------- */

int dc_batch_tmp_open(const char *path, char **tmp, dc_error *err)
{
    *tmp = dc_tmp_name(path);
    int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot create: %s", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
    } else {
        dc_tmp_track(*tmp);   /* removed by batch's signal handler */
    }
    return fd;
}

void dc_batch_tmp_drop(int fd, char *tmp)
{
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        dc_tmp_untrack(tmp);
        free(tmp);
    }
}

dc_status dc_batch_tmp_commit(int fd, char *tmp, const char *path, dc_error *err)
{
    dc_status st = DC_OK;
    if (fsync(fd) != 0)
        st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot write: %s", path, strerror(errno));
    if (close(fd) != 0 && st == DC_OK)
        st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot write: %s", path, strerror(errno));
    if (st == DC_OK && rename(tmp, path) != 0)
        st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot rename into place: %s", path,
                          strerror(errno));
    if (st != DC_OK)
        unlink(tmp);
    dc_tmp_untrack(tmp);
    free(tmp);
    return st;
}

/* ---- row sets ------------------------------------------------------------ */

void dc_batch_rowset_free(dc_batch_rowset *rs)
{
    for (unsigned i = 0; i < rs->nfiles; i++) {
        if (rs->fds[i] >= 0)
            close(rs->fds[i]);
        free(rs->paths[i]);
    }
    free(rs->fds);
    free(rs->paths);
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->rows[i].name);
        free(rs->rows[i].input);
    }
    free(rs->rows);
    memset(rs, 0, sizeof *rs);
}

unsigned dc_batch_rowset_add_file(dc_batch_rowset *rs, int fd, const char *path)
{
    rs->fds = dc_xrealloc(rs->fds, (rs->nfiles + 1) * sizeof *rs->fds);
    rs->paths = dc_xrealloc(rs->paths, (rs->nfiles + 1) * sizeof *rs->paths);
    rs->fds[rs->nfiles] = fd;
    rs->paths[rs->nfiles] = dc_xstrdup(path);
    return rs->nfiles++;
}

int dc_batch_rowset_add(dc_batch_rowset *rs, unsigned file, off_t off, const char *line,
                        size_t len)
{
    dc_arena a = {0};
    dc_error err = {0};
    dc_json_value *row = dc_json_value_parse(&a, line, len, &err);
    const char *name = dc_json_value_string(row, "name"),
               *input = dc_json_value_string(row, "input");
    const char *status = dc_json_value_string(row, "status");
    if (!name || !input || !status) {
        dc_arena_free(&a);
        return -1;
    }
    DC_GROW(rs->rows, rs->n, rs->cap, 64);
    dc_batch_rowref *r = &rs->rows[rs->n++];
    memset(r, 0, sizeof *r);
    r->name = dc_xstrdup(name);
    r->input = dc_xstrdup(input);
    r->ok = !strcmp(status, "ok");
    r->file = file;
    r->off = off;
    r->len = len;
    dc_arena_free(&a);
    return 0;
}

char *dc_batch_rowset_read(const dc_batch_rowset *rs, size_t i, dc_error *err)
{
    const dc_batch_rowref *r = &rs->rows[i];
    char *buf = dc_xmalloc(r->len + 1);
    size_t got = 0;
    while (got < r->len) {
        ssize_t n = pread(rs->fds[r->file], buf + got, r->len - got, r->off + (off_t)got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            dc_error_set(err, DC_ERR_IO, "cannot read %s: %s", rs->paths[r->file],
                         n < 0 ? strerror(errno) : "file shrank");
            free(buf);
            return NULL;
        }
        got += (size_t)n;
    }
    buf[r->len] = '\0';
    return buf;
}

int dc_batch_rowset_load(dc_batch_rowset *rs, const char *path, int is_report, size_t *bad,
                         unsigned *shard_k, unsigned *shard_n, dc_error *err)
{
    *bad = 0;
    if (shard_k)
        *shard_k = *shard_n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        dc_error_set(err, DC_ERR_IO, "cannot open: %s", strerror(errno));
        return -1;
    }
    int dfd = dup(fd);
    FILE *f = dfd >= 0 ? fdopen(dfd, "r") : NULL;
    if (!f) {
        dc_error_set(err, DC_ERR_IO, "cannot read: %s", strerror(errno));
        if (dfd >= 0)
            close(dfd);
        close(fd);
        return -1;
    }
    unsigned file = dc_batch_rowset_add_file(rs, fd, path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    off_t off = 0;
    int lineno = 0, rc = 0, ended = !is_report;
    while ((got = getline(&line, &cap, f)) >= 0) {
        off_t here = off;
        off += got;
        lineno++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (is_report && lineno == 1) {
            /* {"report":"disclosure-batch",...,"rows":[ */
            static const char tail[] = "\"rows\":[";
            size_t tl = sizeof tail - 1;
            dc_arena a = {0};
            dc_error e2 = {0};
            dc_buf h = DC_BUF_INIT;
            if (len >= tl && !memcmp(line + len - tl, tail, tl)) {
                dc_buf_put(&h, line, len - tl);
                dc_buf_puts(&h, "\"rows\":[]}");
            }
            dc_json_value *hdr = h.len ? dc_json_value_parse(&a, h.data, h.len, &e2) : NULL;
            const char *tag = dc_json_value_string(hdr, "report");
            if (!tag || strcmp(tag, S_REPORT_TAG) != 0) {
                dc_error_set(err, DC_ERR_FORMAT,
                             "not a disclosure batch report (the first line must be its "
                             "header, one row a line)");
                rc = -1;
            } else if (shard_k) {
                dc_json_value *sh = dc_json_value_get(hdr, "shard");
                if (sh && sh->type == DC_JSON_VALUE_OBJECT) {
                    *shard_k = (unsigned)dc_json_value_int(sh, "index", 0);
                    *shard_n = (unsigned)dc_json_value_int(sh, "count", 0);
                }
            }
            dc_buf_free(&h);
            dc_arena_free(&a);
            if (rc)
                break;
            continue;
        }
        if (is_report && len == 2 && !memcmp(line, "]}", 2)) {
            ended = 1;
            continue;
        }
        if (len && line[len - 1] == ',' && is_report)
            len--;
        if (!len)
            continue;
        if (dc_batch_rowset_add(rs, file, here, line, len) != 0)
            (*bad)++;
    }
    if (rc == 0 && is_report && !ended) {
        dc_error_set(err, DC_ERR_FORMAT, "the report is truncated (no closing line)");
        rc = -1;
    }
    free(line);
    fclose(f);
    return rc;
}

static int S_cmp_sel(const void *a, const void *b, void *ctx)
{
    const dc_batch_rowset *rs = ctx;
    const dc_batch_rowref *x = &rs->rows[*(const size_t *)a], *y = &rs->rows[*(const size_t *)b];
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->input, y->input);
}

void dc_batch_rowset_sort(const dc_batch_rowset *rs, size_t *sel, size_t nsel)
{
    qsort_r(sel, nsel, sizeof *sel, S_cmp_sel, (void *)rs);
}

char *dc_batch_report_path(const char *dir, const char *base, unsigned k, unsigned n,
                           const char *ext)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "%s/%s", dir, base);
    if (n)
        dc_buf_printf(&b, ".%u-of-%u", k, n);
    dc_buf_puts(&b, ext);
    return dc_buf_detach(&b, NULL);
}

/* ---- CSV ------------------------------------------------------------------ */

static void S_csv_field(dc_buf *b, const char *s, int first)
{
    if (!first)
        dc_buf_putc(b, ',');
    if (!s)
        return;
    int quote = !*s ? 0 : strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
                              s[strlen(s) - 1] == ' ';
    if (!quote) {
        dc_buf_puts(b, s);
        return;
    }
    dc_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            dc_buf_putc(b, '"');
        dc_buf_putc(b, *s);
    }
    dc_buf_putc(b, '"');
}

/* A scalar member as CSV text: strings as they are, numbers as written,
 * null and absent as empty. */
static const char *S_scalar(const dc_json_value *obj, const char *key)
{
    dc_json_value *v = dc_json_value_get(obj, key);
    if (!v)
        return NULL;
    if (v->type == DC_JSON_VALUE_STRING || v->type == DC_JSON_VALUE_NUMBER)
        return v->str;
    if (v->type == DC_JSON_VALUE_TRUE)
        return "true";
    if (v->type == DC_JSON_VALUE_FALSE)
        return "false";
    return NULL;
}

static const char *const S_csv_cols[] = {
    "input", "name", "relpath", "status", "reason", "error", "format", "bytes", "sha256",
    "seconds", "pages", "tables", "projects", "finding_count", "error_count", "warning_count",
    "department", "year", "kind", "title", NULL};

static void S_csv_header(dc_buf *b)
{
    dc_buf_puts(b, "\xEF\xBB\xBF");   /* UTF-8 BOM: spreadsheet programs then read it right */
    for (int i = 0; S_csv_cols[i]; i++)
        S_csv_field(b, S_csv_cols[i], i == 0);
    for (int k = 0; k < DC_KF_COUNT; k++)
        S_csv_field(b, dc_key_figure_describe(k)->key, 0);
    S_csv_field(b, "xlsx", 0);
    S_csv_field(b, "pdf", 0);
    S_csv_field(b, "json", 0);
    dc_buf_puts(b, "\r\n");
}

static void S_csv_row(dc_buf *b, const dc_json_value *row)
{
    for (int i = 0; S_csv_cols[i]; i++)
        S_csv_field(b, S_scalar(row, S_csv_cols[i]), i == 0);
    const dc_json_value *kf = dc_json_value_get(row, "key_figures");
    for (int k = 0; k < DC_KF_COUNT; k++)
        S_csv_field(b, S_scalar(kf, dc_key_figure_describe(k)->key), 0);
    const dc_json_value *outs = dc_json_value_get(row, "outputs");
    S_csv_field(b, S_scalar(outs, "xlsx"), 0);
    S_csv_field(b, S_scalar(outs, "pdf"), 0);
    S_csv_field(b, S_scalar(outs, "json"), 0);
    dc_buf_puts(b, "\r\n");
}

/* ---- summary ------------------------------------------------------------- */

static long S_count(const dc_json_value *row, const char *key)
{
    dc_json_value *v = dc_json_value_get(row, key);
    return v && v->type == DC_JSON_VALUE_NUMBER ? (long)strtol(v->str, NULL, 10) : -1;
}

/* The findings and indicators of a converted document, from its own JSON
 * (dir/outputs.json; docs/json.md), into the workbook.  Read one document
 * at a time, so a summary of any number of rows needs the memory of one. */
static dc_status S_summary_lists(dc_summary_xlsx *w, const dc_summary_doc *d,
                                 const dc_json_value *row, const char *dir, dc_error *err)
{
    const char *rel = dc_json_value_string(dc_json_value_get(row, "outputs"), "json");
    if (!rel)
        return dc_error_set(err, DC_ERR_FORMAT, "%s: the row names no JSON of the document "
                            "(a report of an older version: run the batch again)", d->name);
    dc_buf path = DC_BUF_INIT;
    dc_buf_printf(&path, "%s/%s", dir, rel);
    size_t len = 0;
    dc_error rerr = {0};
    unsigned char *text = dc_read_all(path.data, SIZE_MAX, &len, &rerr);
    dc_arena a = {0};
    dc_json_value *doc = text ? dc_json_value_parse(&a, (const char *)text, len, &rerr) : NULL;
    free(text);
    dc_status st = DC_OK;
    if (!doc || doc->type != DC_JSON_VALUE_OBJECT) {
        st = dc_error_set(err, DC_ERR_IO, "%s: %s", path.data,
                          rerr.msg[0] ? rerr.msg : "not a JSON object");
    } else {
        const dc_json_value *list = dc_json_value_get(doc, "findings");
        for (const dc_json_value *f = list && list->type == DC_JSON_VALUE_ARRAY ? list->first
                                                                                : NULL;
             f; f = f->next) {
            dc_summary_finding sf = {
                dc_json_value_string(f, "severity"), dc_json_value_string(f, "code"),
                dc_json_value_string(f, "place"), dc_json_value_string(f, "message")};
            dc_summary_xlsx_add_finding(w, d, &sf);
        }
        list = dc_json_value_get(dc_json_value_get(doc, "project_tables"), "tables");
        long p = 0;
        for (const dc_json_value *t = list && list->type == DC_JSON_VALUE_ARRAY ? list->first
                                                                                : NULL;
             t; t = t->next) {
            long number = (long)dc_json_value_int(t, "number", 0);
            p++;
            const dc_json_value *rows = dc_json_value_get(t, "rows");
            for (const dc_json_value *x = rows && rows->type == DC_JSON_VALUE_ARRAY ? rows->first
                                                                                    : NULL;
                 x; x = x->next) {
                dc_summary_indicator si = {
                    number > 0 ? number : p,           dc_json_value_string(t, "title"),
                    dc_json_value_string(x, "level1"), dc_json_value_string(x, "level2"),
                    dc_json_value_string(x, "level3"), dc_json_value_string(x, "description"),
                    dc_json_value_string(x, "value"),  dc_json_value_string(x, "basis")};
                dc_summary_xlsx_add_indicator(w, d, &si);
            }
        }
    }
    dc_arena_free(&a);
    dc_buf_free(&path);
    return st;
}

static dc_status S_summary_row(dc_summary_xlsx *w, const dc_json_value *row, const char *dir,
                               dc_error *err)
{
    dc_summary_doc d;
    memset(&d, 0, sizeof d);
    d.name = dc_json_value_string(row, "name");
    d.input = dc_json_value_string(row, "input");
    d.format = dc_json_value_string(row, "format");
    const char *status = dc_json_value_string(row, "status");
    d.ok = status && !strcmp(status, "ok");
    d.reason = dc_json_value_string(row, "reason");
    d.error = dc_json_value_string(row, "error");
    d.department = dc_json_value_string(row, "department");
    d.title = dc_json_value_string(row, "title");
    d.kind = dc_json_value_string(row, "kind");
    d.year = (int)dc_json_value_int(row, "year", 0);
    d.pages = S_count(row, "pages");
    d.tables = S_count(row, "tables");
    d.projects = S_count(row, "projects");
    d.finding_count = S_count(row, "finding_count");
    d.error_count = S_count(row, "error_count");
    d.warning_count = S_count(row, "warning_count");
    const dc_json_value *kf = dc_json_value_get(row, "key_figures");
    for (int k = 0; k < DC_KF_COUNT; k++) {
        dc_json_value *v = dc_json_value_get(kf, dc_key_figure_describe(k)->key);
        if (v && v->type == DC_JSON_VALUE_NUMBER) {
            d.has[k] = 1;
            d.fig[k] = strtod(v->str, NULL);
        }
    }
    dc_summary_xlsx_add_document(w, &d);
    return d.ok ? S_summary_lists(w, &d, row, dir, err) : DC_OK;
}

/* ---- the report files ---------------------------------------------------- */

dc_status dc_batch_report_write(const dc_batch_rowset *rs, const size_t *sel, size_t nsel,
                                const char *dir, unsigned k, unsigned n, long long epoch,
                                size_t *ok, size_t *failed, dc_error *err)
{
    *ok = *failed = 0;
    for (size_t i = 0; i < nsel; i++)
        if (rs->rows[sel[i]].ok)
            (*ok)++;
        else
            (*failed)++;
    char *json_path = dc_batch_report_path(dir, "report", k, n, ".json");
    char *csv_path = dc_batch_report_path(dir, "report", k, n, ".csv");
    char *xlsx_path = dc_batch_report_path(dir, "summary", k, n, ".xlsx");
    char *json_tmp = NULL, *csv_tmp = NULL, *xlsx_tmp = NULL;
    int json_fd = -1, csv_fd = -1;
    dc_summary_xlsx *wb = NULL;
    dc_status st = DC_OK;
    dc_buf jb = DC_BUF_INIT, cb = DC_BUF_INIT;

    json_fd = dc_batch_tmp_open(json_path, &json_tmp, err);
    csv_fd = json_fd >= 0 ? dc_batch_tmp_open(csv_path, &csv_tmp, err) : -1;
    if (csv_fd >= 0) {
        /* libxlsxwriter writes to the name it is given: reserve a temporary one */
        int xfd = dc_batch_tmp_open(xlsx_path, &xlsx_tmp, err);
        if (xfd >= 0) {
            close(xfd);
            wb = dc_summary_xlsx_open(xlsx_tmp, epoch, *ok, err);
            if (!wb)
                dc_error_prefix(err, xlsx_path);
        }
    }
    if (!wb) {
        st = err->code ? err->code : DC_ERR_OUTPUT;
        goto done;
    }

    {
        dc_json j;
        dc_json_init(&j, &jb, 0);
        dc_json_begin_object(&j, NULL);
        dc_json_string(&j, "report", S_REPORT_TAG);
        dc_json_int(&j, "version", 1);
        dc_json_string(&j, "generator", "disclosure " DC_VERSION);
        if (n) {
            dc_json_begin_object(&j, "shard");
            dc_json_int(&j, "index", k);
            dc_json_int(&j, "count", n);
            dc_json_end_object(&j);
        } else {
            dc_json_null(&j, "shard");
        }
        dc_json_int(&j, "inputs", (long long)nsel);
        dc_json_int(&j, "converted", (long long)*ok);
        dc_json_int(&j, "failed", (long long)*failed);
        dc_json_done(&j);
        /* the object stays open: rows follow one a line */
        dc_buf_puts(&jb, ",\"rows\":[\n");
    }
    S_csv_header(&cb);

    for (size_t i = 0; i < nsel && st == DC_OK; i++) {
        const dc_batch_rowref *ref = &rs->rows[sel[i]];
        char *text = dc_batch_rowset_read(rs, sel[i], err);
        if (!text) {
            st = err->code;
            break;
        }
        dc_arena a = {0};
        dc_error perr = {0};
        dc_json_value *row = dc_json_value_parse(&a, text, ref->len, &perr);
        free(text);
        if (!row) {
            st = dc_error_set(err, DC_ERR_FORMAT, "%s: a row no longer parses: %s",
                              rs->paths[ref->file], perr.msg);
            dc_arena_free(&a);
            break;
        }
        if (ref->out_prefix) {
            dc_json_value *outs = dc_json_value_get(row, "outputs");
            for (dc_json_value *o = outs && outs->type == DC_JSON_VALUE_OBJECT ? outs->first : NULL;
                 o; o = o->next) {
                if (o->type != DC_JSON_VALUE_STRING)
                    continue;
                dc_buf p = DC_BUF_INIT;
                dc_buf_printf(&p, "%s%s", ref->out_prefix, o->str);
                o->str = dc_arena_strdup(&a, p.data);
                dc_buf_free(&p);
            }
        }
        dc_json j;
        dc_json_init(&j, &jb, 0);
        dc_json_value_write(row, &j, NULL);
        dc_json_done(&j);
        dc_buf_puts(&jb, i + 1 < nsel ? ",\n" : "\n");
        S_csv_row(&cb, row);
        st = S_summary_row(wb, row, dir, err);
        dc_arena_free(&a);
        if (jb.len > (1u << 20)) {
            if (dc_fd_write_full(json_fd, jb.data, jb.len) != 0)
                st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot write: %s", json_path,
                                  strerror(errno));
            dc_buf_clear(&jb);
        }
        if (cb.len > (1u << 20)) {
            if (dc_fd_write_full(csv_fd, cb.data, cb.len) != 0)
                st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot write: %s", csv_path,
                                  strerror(errno));
            dc_buf_clear(&cb);
        }
    }
    if (st == DC_OK) {
        dc_buf_puts(&jb, "]}\n");
        if (dc_fd_write_full(json_fd, jb.data, jb.len) != 0)
            st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot write: %s", json_path,
                              strerror(errno));
        else if (dc_fd_write_full(csv_fd, cb.data, cb.len) != 0)
            st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot write: %s", csv_path,
                              strerror(errno));
    }
    {
        dc_status xs = dc_summary_xlsx_close(wb, err);
        wb = NULL;
        dc_test_hook_reports_written();
        if (st == DC_OK && xs != DC_OK)
            dc_error_prefix(err, xlsx_path);
        if (st == DC_OK)
            st = xs;
    }
    if (st == DC_OK) {
        int xfd = open(xlsx_tmp, O_RDONLY | O_CLOEXEC);
        if (xfd < 0) {
            st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot reopen: %s", xlsx_path,
                              strerror(errno));
        } else {
            st = dc_batch_tmp_commit(xfd, xlsx_tmp, xlsx_path, err);
            xlsx_tmp = NULL;
        }
    }
    if (st == DC_OK) {
        st = dc_batch_tmp_commit(csv_fd, csv_tmp, csv_path, err);
        csv_fd = -1;
        csv_tmp = NULL;
    }
    if (st == DC_OK) {
        st = dc_batch_tmp_commit(json_fd, json_tmp, json_path, err);
        json_fd = -1;
        json_tmp = NULL;
    }
done:
    if (wb)
        dc_summary_xlsx_close(wb, err);
    dc_batch_tmp_drop(json_fd, json_tmp);
    dc_batch_tmp_drop(csv_fd, csv_tmp);
    dc_batch_tmp_drop(-1, xlsx_tmp);
    free(json_path);
    free(csv_path);
    free(xlsx_path);
    dc_buf_free(&jb);
    dc_buf_free(&cb);
    return st;
}

dc_status dc_batch_journal_compact(const dc_batch_rowset *rs, const size_t *sel, size_t nsel,
                                   const char *path, dc_error *err)
{
    char *tmp = NULL;
    int fd = dc_batch_tmp_open(path, &tmp, err);
    if (fd < 0)
        return err->code;
    dc_buf b = DC_BUF_INIT;
    dc_status st = DC_OK;
    for (size_t i = 0; i < nsel && st == DC_OK; i++) {
        char *text = dc_batch_rowset_read(rs, sel[i], err);
        if (!text) {
            st = err->code;
            break;
        }
        dc_buf_put(&b, text, rs->rows[sel[i]].len);
        dc_buf_putc(&b, '\n');
        free(text);
        if (b.len > (1u << 20) || i + 1 == nsel) {
            if (dc_fd_write_full(fd, b.data, b.len) != 0)
                st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot write: %s", path,
                                  strerror(errno));
            dc_buf_clear(&b);
        }
    }
    dc_buf_free(&b);
    if (st != DC_OK) {
        dc_batch_tmp_drop(fd, tmp);
        return st;
    }
    return dc_batch_tmp_commit(fd, tmp, path, err);
}
