/*
 * serve_job.c - one request's documents through the batch worker pool, and
 * the answer composed from their replies.
 *
 * This is the server's whole use of the conversion pipeline: the worker runs
 * dc_convert_file() (or, for /api/check, read + recognize + validate) and
 * replies with one status digit (the CLI's exit code for that document)
 * followed by a JSON object.  The runner process that called
 * dc_pool_run() then writes the HTTP answer to files the server sends.
 *
 * SPDX-License-Identifier: MIT
 */
#include "serve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/batch.h"
#include "converters/write/disclosure_json_writer.h"
#include "converters/write/json.h"
#include "converters/write/zip_writer.h"
#include "model/key_figures.h"


typedef struct {
    const dc_serve_env *env;
    const dc_serve_job *job;
    dc_convert_options opt;
    char **stems;       /* output base names, from the uploaded names */
    char **replies;     /* per document: status digit + JSON, or NULL */
    char **died;        /* per document: why its worker died, or NULL */
} S_ctx;

void dc_serve_pct_encode(dc_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("!#$&+-.^_`|~", *p))
            dc_buf_putc(b, (char)*p);
        else
            dc_buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

static char *S_path(const char *dir, const char *fmt, size_t i)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "%s/", dir);
    dc_buf_printf(&b, fmt, i);
    return dc_buf_detach(&b, NULL);
}

static char *S_join(const char *dir, const char *name)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "%s/%s", dir, name);
    return dc_buf_detach(&b, NULL);
}

/* ---- in the worker ------------------------------------------------------- */

static void S_error_reply(dc_buf *reply, const char *file, const dc_error *err)
{
    dc_buf_printf(reply, "%d", dc_status_exit(err->code));
    dc_json j;
    dc_json_init(&j, reply, 0);
    dc_json_begin_object(&j, NULL);
    dc_json_string(&j, "error", err->msg[0] ? err->msg : dc_status_name(err->code));
    dc_json_string(&j, "file", file);
    dc_json_end_object(&j);
    dc_json_done(&j);
}

/* The server's paths are not the client's business: "DIR/x.pdf: cannot
 * write: ..." becomes "x.pdf: cannot write: ...", a bare DIR "the server's
 * working directory". */
static void S_hide_dir(dc_error *err, const char *dir)
{
    size_t n = strlen(dir);
    if (!n)
        return;
    dc_buf b = DC_BUF_INIT;
    for (const char *p = err->msg; *p;) {
        if (!strncmp(p, dir, n)) {
            p += n;
            if (*p == '/')
                p++;
            else
                dc_buf_puts(&b, "the server's working directory");
        } else {
            dc_buf_putc(&b, *p++);
        }
    }
    snprintf(err->msg, sizeof err->msg, "%s", b.data ? b.data : "");
    dc_buf_free(&b);
}

static void S_key_figures(dc_json *j, const dc_disclosure *d)
{
    dc_key_value kv[DC_KF_COUNT];
    dc_key_figures(d, kv);
    dc_json_begin_array(j, "key_figures");
    for (int k = 0; k < DC_KF_COUNT; k++) {
        if (!kv[k].present)
            continue;
        const dc_figure_info *info = dc_key_figure_describe(k);
        dc_json_begin_object(j, NULL);
        dc_json_string(j, "key", info->key);
        dc_json_string(j, "label", info->label);
        dc_json_raw_number(j, "value", kv[k].text);
        dc_json_end_object(j);
    }
    dc_json_end_array(j);
}

static void S_work(void *vctx, size_t i, dc_buf *reply)
{
    S_ctx *c = vctx;
    const dc_serve_job *job = c->job;
    const char *name = job->names[i];
    dc_test_hook_job_start(name);
    char *in = S_path(job->dir, "in/%zu", i);
    dc_error err = {0};

    if (job->kind == DC_SERVE_CHECK) {
        dc_analysis a;
        if (dc_analyze(in, &c->opt.lim, 1, &a, &err) != DC_OK) {
            S_error_reply(reply, name, &err);
        } else {
            dc_buf_putc(reply, '0');
            dc_json j;
            dc_json_init(&j, reply, 1);   /* as check --json prints it */
            dc_json_begin_object(&j, NULL);
            dc_json_check_members(&j, name, a.disclosure);
            dc_json_end_object(&j);
            dc_json_done(&j);
            dc_analysis_free(&a);
        }
        free(in);
        return;
    }

    char *outdir = job->kind == DC_SERVE_REVIEW ? dc_xstrdup(job->store_dir)
                                                : S_path(job->dir, "out/%zu", i);
    if (dc_mkdirs(outdir) != 0) {
        dc_error_set(&err, DC_ERR_OUTPUT, "cannot create a directory: %s", strerror(errno));
        S_error_reply(reply, name, &err);
        free(outdir);
        free(in);
        return;
    }
    dc_convert_result res;
    if (dc_convert_file(in, outdir, c->stems[i], &c->opt, 1, &res, &err) != DC_OK) {
        S_hide_dir(&err, outdir);
        S_hide_dir(&err, job->dir);
        S_error_reply(reply, name, &err);
    } else {
        dc_buf_putc(reply, '0');
        dc_json j;
        dc_json_init(&j, reply, job->kind != DC_SERVE_REVIEW);
        dc_json_begin_object(&j, NULL);
        dc_json_check_members(&j, name, res.disclosure);
        if (job->kind == DC_SERVE_REVIEW) {
            const dc_disclosure *d = res.disclosure;
            dc_json_string(&j, "title", d->title);
            dc_json_string(&j, "kind", d->is_final_accounts ? "final_accounts" : "budget");
            dc_json_int(&j, "pages", res.pages);
            dc_json_int(&j, "tables", res.tables);
            S_key_figures(&j, d);
            dc_json_begin_object(&j, "downloads");
            for (int k = 0; k < DC_OUTPUT_COUNT; k++) {
                if (!(c->opt.outputs & dc_writers[k].bit))
                    continue;
                dc_buf u = DC_BUF_INIT;
                dc_buf_printf(&u, "%s%s", job->url_prefix, dc_writers[k].key);
                dc_json_string(&j, dc_writers[k].key, u.data);
                dc_buf_free(&u);
            }
            dc_json_end_object(&j);
            dc_json_int(&j, "expires_in", c->env->keep_seconds);
        }
        dc_json_end_object(&j);
        dc_json_done(&j);
    }
    dc_convert_result_free(&res);
    free(outdir);
    free(in);
}

/* ---- in the runner ------------------------------------------------------- */

static void S_done(void *vctx, size_t i, const char *reply, size_t len)
{
    S_ctx *c = vctx;
    free(c->replies[i]);
    c->replies[i] = dc_xstrndup(reply, len);
}

static void S_died(void *vctx, size_t i, pid_t pid, const char *reason, const char *message,
                   double seconds)
{
    (void)pid;
    (void)seconds;
    S_ctx *c = vctx;
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "the conversion failed (%s): %s", reason, message);
    free(c->died[i]);
    c->died[i] = dc_buf_detach(&b, NULL);
}

static int S_write_meta(const char *dir, int status, const char *type, const char *filename)
{
    char *path = S_join(dir, "answer.meta");
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "%d\n%s\n%s\n", status, type, filename ? filename : "");
    dc_error err = {0};
    dc_status st = dc_write_file_atomic(path, b.data, b.len, &err);
    dc_buf_free(&b);
    free(path);
    return st == DC_OK ? 0 : -1;
}

static int S_answer_json(const char *dir, int status, const dc_buf *body)
{
    char *path = S_join(dir, "answer.body");
    dc_error err = {0};
    dc_status st = dc_write_file_atomic(path, body->data ? body->data : "", body->len, &err);
    free(path);
    if (st != DC_OK)
        return -1;
    return S_write_meta(dir, status, "application/json", NULL);
}

void dc_serve_error_json(dc_buf *b, const char *msg, const char *file)
{
    dc_json j;
    dc_json_init(&j, b, 0);
    dc_json_begin_object(&j, NULL);
    dc_json_string(&j, "error", msg);
    if (file)
        dc_json_string(&j, "file", file);
    dc_json_end_object(&j);
    dc_json_done(&j);
    dc_buf_putc(b, '\n');
}

static int S_answer_error(const char *dir, int status, const char *msg, const char *file)
{
    dc_buf b = DC_BUF_INIT;
    dc_serve_error_json(&b, msg, file);
    int rc = S_answer_json(dir, status, &b);
    dc_buf_free(&b);
    return rc;
}

/* The JSON array of the documents' check entries, byte for byte as
 * `check --json` prints it: each entry (pretty at the top level) indented
 * one more space.  JSON strings hold no raw newline, so every newline is
 * between tokens. */
static void S_findings_array(const S_ctx *c, dc_buf *b)
{
    dc_buf_puts(b, "[");
    for (size_t i = 0; i < c->job->nfiles; i++) {
        dc_buf_puts(b, i ? ",\n " : "\n ");
        const char *e = c->replies[i] + 1;
        size_t n = strlen(e);
        while (n && e[n - 1] == '\n')
            n--;
        for (size_t k = 0; k < n; k++) {
            dc_buf_putc(b, e[k]);
            if (e[k] == '\n')
                dc_buf_putc(b, ' ');
        }
    }
    dc_buf_puts(b, "\n]\n\n");   /* the emitter's newline after the value, then check's */
}

/* Unique archive names: the stem, or "stem~2", "stem~3", ...; compared
 * ignoring ASCII case, as the Windows that unpacks the archive will. */
static char **S_unique_stems(char **stems, size_t n)
{
    char **u = dc_xcalloc(n ? n : 1, sizeof *u);
    for (size_t i = 0; i < n; i++) {
        for (unsigned k = 1;; k++) {
            dc_buf b = DC_BUF_INIT;
            if (k == 1)
                dc_buf_puts(&b, stems[i]);
            else
                dc_buf_printf(&b, "%s~%u", stems[i], k);
            int taken = !strcasecmp(b.data, "findings");
            for (size_t p = 0; p < i && !taken; p++)
                taken = !strcasecmp(u[p], b.data);
            if (!taken) {
                u[i] = dc_buf_detach(&b, NULL);
                break;
            }
            dc_buf_free(&b);
        }
    }
    return u;
}

static int S_answer_convert(S_ctx *c)
{
    const dc_serve_job *job = c->job;
    int nout = 0, only = -1;
    for (int k = 0; k < DC_OUTPUT_COUNT; k++)
        if (c->opt.outputs & dc_writers[k].bit) {
            nout++;
            only = k;
        }
    char *body = S_join(job->dir, "answer.body");
    int rc;
    if (job->nfiles == 1 && nout == 1) {
        dc_buf src = DC_BUF_INIT, fname = DC_BUF_INIT;
        dc_buf_printf(&src, "%s/out/0/%s.%s", job->dir, c->stems[0], dc_writers[only].key);
        dc_buf_printf(&fname, "%s.%s", c->stems[0], dc_writers[only].key);
        rc = rename(src.data, body) == 0 ? S_write_meta(job->dir, 200, dc_writers[only].media_type, fname.data)
                                         : S_answer_error(job->dir, 500, "output missing", NULL);
        dc_buf_free(&src);
        dc_buf_free(&fname);
        free(body);
        return rc;
    }
    char **uniq = S_unique_stems(c->stems, job->nfiles);
    size_t n = 0, cap = job->nfiles * 3 + 1;
    dc_zip_entry *e = dc_xcalloc(cap, sizeof *e);
    char **names = dc_xcalloc(cap, sizeof *names), **paths = dc_xcalloc(cap, sizeof *paths);
    for (size_t i = 0; i < job->nfiles; i++)
        for (int k = 0; k < DC_OUTPUT_COUNT; k++) {
            if (!(c->opt.outputs & dc_writers[k].bit))
                continue;
            dc_buf nm = DC_BUF_INIT, p = DC_BUF_INIT;
            dc_buf_printf(&nm, "%s.%s", uniq[i], dc_writers[k].key);
            dc_buf_printf(&p, "%s/out/%zu/%s.%s", job->dir, i, c->stems[i], dc_writers[k].key);
            names[n] = dc_buf_detach(&nm, NULL);
            paths[n] = dc_buf_detach(&p, NULL);
            e[n].name = names[n];
            e[n].path = paths[n];
            n++;
        }
    dc_buf fj = DC_BUF_INIT;
    S_findings_array(c, &fj);
    char *fpath = S_join(job->dir, "findings.json");
    dc_error err = {0};
    rc = -1;
    if (dc_write_file_atomic(fpath, fj.data, fj.len, &err) == DC_OK) {
        e[n].name = "findings.json";
        e[n].path = fpath;
        n++;
        if (dc_zip_write(body, e, n, dc_batch_epoch(), &err) == DC_OK) {
            dc_buf fname = DC_BUF_INIT;
            if (job->nfiles == 1)
                dc_buf_printf(&fname, "%s.zip", uniq[0]);
            else
                dc_buf_puts(&fname, "disclosure.zip");
            rc = S_write_meta(job->dir, 200, "application/zip", fname.data);
            dc_buf_free(&fname);
        }
    }
    if (rc != 0)
        rc = S_answer_error(job->dir, 500, err.msg[0] ? err.msg : "cannot write the answer", NULL);
    dc_buf_free(&fj);
    free(fpath);
    for (size_t i = 0; i < cap; i++) {
        free(names[i]);
        free(paths[i]);
    }
    for (size_t i = 0; i < job->nfiles; i++)
        free(uniq[i]);
    free(uniq);
    free(names);
    free(paths);
    free(e);
    free(body);
    return rc;
}

int dc_serve_run_job(const dc_serve_env *env, const dc_serve_job *job)
{
    S_ctx c;
    memset(&c, 0, sizeof c);
    c.env = env;
    c.job = job;
    c.opt = *env->opt;
    if (job->kind == DC_SERVE_CONVERT)
        c.opt.outputs = job->outputs;
    else if (job->kind == DC_SERVE_REVIEW)
        c.opt.outputs = DC_OUT_XLSX | DC_OUT_PDF | DC_OUT_JSON;
    if (job->pdfa)
        c.opt.pdf.pdfa = 1;
    c.opt.pdf.warn = NULL;
    size_t n = job->nfiles;
    c.stems = dc_xcalloc(n, sizeof *c.stems);
    c.replies = dc_xcalloc(n, sizeof *c.replies);
    c.died = dc_xcalloc(n, sizeof *c.died);
    size_t *jobs = dc_xcalloc(n, sizeof *jobs);
    for (size_t i = 0; i < n; i++) {
        c.stems[i] = dc_path_stem(job->names[i]);
        jobs[i] = i;
    }

    dc_pool pool;
    memset(&pool, 0, sizeof pool);
    pool.workers = 1;
    pool.timeout = env->timeout;
    pool.memory_mb = env->memory_mb;
    pool.tick_ms = 1000;
    pool.ctx = &c;
    pool.work = S_work;
    pool.done = S_done;
    pool.died = S_died;
    int rc;
    if (dc_pool_run(&pool, jobs, n) != 0) {
        rc = S_answer_error(job->dir, 500, "cannot start a worker process", NULL);
        goto out;
    }
    /* the first document that failed decides the answer */
    for (size_t i = 0; i < n; i++) {
        if (c.died[i] || !c.replies[i] || !c.replies[i][0]) {
            rc = S_answer_error(job->dir, 500, c.died[i] ? c.died[i] : "the worker gave no answer",
                                job->names[i]);
            goto out;
        }
        if (c.replies[i][0] != '0') {
            int code = c.replies[i][0] - '0';
            dc_buf b = DC_BUF_INIT;
            dc_buf_printf(&b, "%s\n", c.replies[i] + 1);
            rc = S_answer_json(job->dir, code == 3 ? 422 : 500, &b);
            dc_buf_free(&b);
            goto out;
        }
    }
    if (job->kind == DC_SERVE_CONVERT) {
        rc = S_answer_convert(&c);
    } else {
        dc_buf b = DC_BUF_INIT;
        if (job->kind == DC_SERVE_CHECK)
            S_findings_array(&c, &b);
        else
            dc_buf_printf(&b, "%s\n", c.replies[0] + 1);
        rc = S_answer_json(job->dir, 200, &b);
        dc_buf_free(&b);
    }
out:
    for (size_t i = 0; i < n; i++) {
        free(c.stems[i]);
        free(c.replies[i]);
        free(c.died[i]);
    }
    free(c.stems);
    free(c.replies);
    free(c.died);
    free(jobs);
    return rc ? 1 : 0;
}
