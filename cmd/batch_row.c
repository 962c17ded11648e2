/*
 * batch_row.c - one input's conversion in a worker and its report row.
 *
 * A row is one line of compact JSON (docs/batch.md lists the keys); the
 * worker writes it, the parent stores it in the journal and the reports.
 * It stays small: the findings and indicators are in the document's own JSON
 * (batch always writes it), where the summary workbook reads them.
 *
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "converters/write/json.h"
#include "converters/write/tmpfile.h"
#include "model/key_figures.h"
#include "model/sha256.h"

#define S_MAX_WARNINGS 50


char *dc_batch_fingerprint(const dc_convert_options *opt)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "disclosure=%s;outputs=", DC_VERSION);
    int first = 1;
    for (int i = 0; i < DC_OUTPUT_COUNT; i++)
        if (opt->outputs & dc_writers[i].bit) {
            dc_buf_printf(&b, "%s%s", first ? "" : "+", dc_writers[i].key);
            first = 0;
        }
    if (opt->outputs & DC_OUT_PDF) {
        dc_buf_printf(&b, ";pdfa=%d", opt->pdf.pdfa);
        for (const char *const *f = opt->pdf.font_specs; f && *f; f++)
            dc_buf_printf(&b, ";font=%s", *f);
        if (opt->pdf.font_config)
            dc_buf_printf(&b, ";font_config=%s", opt->pdf.font_config);
    }
    dc_buf_puts(&b, ";limits=");
    dc_limits_describe(&opt->lim, &b);
    if (opt->xlsx.has_epoch)
        dc_buf_printf(&b, ";epoch=%lld", opt->xlsx.epoch);
    return dc_buf_detach(&b, NULL);
}

/* ---- rows ---------------------------------------------------------------- */

/* SHA-256 (hex) of a file; returns its size, or -1 when it cannot be read. */
static long long S_file_digest(const char *path, char hex[65])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    dc_sha256 s;
    dc_sha256_init(&s);
    enum { S_CHUNK = 1 << 16 };
    char *buf = dc_xmalloc(S_CHUNK);
    long long total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, S_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            total = -1;
            break;
        }
        if (n == 0)
            break;
        dc_sha256_update(&s, buf, (size_t)n);
        total += n;
    }
    free(buf);
    close(fd);
    unsigned char d[32];
    dc_sha256_final(&s, d);
    dc_sha256_to_hex(d, hex);
    return total;
}

/* SHA-256 (hex) of output i of input `in`; returns its size, or -1. */
static long long S_output_digest(const dc_batch_job_env *env, const dc_batch_input *in, int i,
                                 char hex[65])
{
    dc_buf p = DC_BUF_INIT;
    dc_buf_printf(&p, "%s/%s%s", env->outdir, in->name, dc_writers[i].ext);
    long long bytes = S_file_digest(p.data, hex);
    dc_buf_free(&p);
    return bytes;
}

/* Every output --resume expects is on disk with its recorded size and hash. */
static int S_outputs_intact(const dc_batch_job_env *env, const dc_batch_input *in,
                            const dc_batch_expect *x)
{
    for (int i = 0; i < DC_OUTPUT_COUNT; i++) {
        if (!x->out_sha[i])
            continue;
        char hex[65];
        long long bytes = S_output_digest(env, in, i, hex);
        if (bytes != x->out_bytes[i] || strcmp(hex, x->out_sha[i]) != 0)
            return 0;
    }
    return 1;
}

typedef struct {
    dc_buf list;              /* JSON strings, comma separated */
    size_t n;
} S_warnings;

static void S_warn(void *ctx, const char *msg)
{
    S_warnings *w = ctx;
    if (w->n++ >= S_MAX_WARNINGS)
        return;
    if (w->list.len)
        dc_buf_putc(&w->list, '\n');
    dc_buf_puts(&w->list, msg);
}

typedef struct {
    const char *status, *reason, *error, *format, *sha;
    long long bytes;          /* -1 unknown */
    double seconds;
    const dc_convert_result *res;     /* counts (also for late failures) */
    int have_counts;
    const dc_disclosure *d;           /* success only */
    int outputs_written;
    const S_warnings *warnings;
} S_row;

static void S_str_or_null(dc_json *j, const char *key, const char *s)
{
    if (s && *s)
        dc_json_string(j, key, s);
    else
        dc_json_null(j, key);
}

static void S_emit(const dc_batch_job_env *env, const dc_batch_input *in, const S_row *r,
                   dc_buf *out)
{
    dc_json j;
    dc_json_init(&j, out, 0);
    dc_json_begin_object(&j, NULL);
    dc_json_string(&j, "input", in->path);
    dc_json_string(&j, "name", in->name);
    dc_json_string(&j, "relpath", in->rel);
    dc_json_string(&j, "status", r->status);
    S_str_or_null(&j, "reason", r->reason);
    S_str_or_null(&j, "error", r->error);
    S_str_or_null(&j, "format", r->format);
    if (r->bytes >= 0)
        dc_json_int(&j, "bytes", r->bytes);
    else
        dc_json_null(&j, "bytes");
    S_str_or_null(&j, "sha256", r->sha);
    char secs[32];
    snprintf(secs, sizeof secs, "%.3f", r->seconds < 0 ? 0 : r->seconds);
    dc_json_raw_number(&j, "seconds", secs);
    dc_json_string(&j, "options", env->fingerprint);

    const dc_convert_result *res = r->have_counts ? r->res : NULL;
    const dc_disclosure *d = r->d;
    if (res && (env->opt->outputs & DC_OUT_PDF) && r->outputs_written)
        dc_json_int(&j, "pages", res->pages);
    else
        dc_json_null(&j, "pages");
    if (res) {
        dc_json_int(&j, "tables", res->tables);
        dc_json_int(&j, "projects", res->projects);
        dc_json_int(&j, "finding_count", (long long)res->findings);
        dc_json_int(&j, "error_count", (long long)res->errors);
        dc_json_int(&j, "warning_count", (long long)res->warnings);
        S_str_or_null(&j, "department", res->department);
        if (res->year > 0)
            dc_json_int(&j, "year", res->year);
        else
            dc_json_null(&j, "year");
    } else {
        static const char *const nulls[] = {"tables", "projects", "finding_count", "error_count",
                                            "warning_count", "department", "year"};
        for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
            dc_json_null(&j, nulls[i]);
    }
    if (d) {
        dc_json_string(&j, "kind", d->is_final_accounts ? "final_accounts" : "budget");
        S_str_or_null(&j, "title", d->title);
        dc_key_value kv[DC_KF_COUNT];
        dc_key_figures(d, kv);
        dc_json_begin_object(&j, "key_figures");
        for (int k = 0; k < DC_KF_COUNT; k++) {
            const char *key = dc_key_figure_describe(k)->key;
            if (kv[k].present)
                dc_json_raw_number(&j, key, kv[k].text);
            else
                dc_json_null(&j, key);
        }
        dc_json_end_object(&j);
    } else {
        dc_json_null(&j, "kind");
        dc_json_null(&j, "title");
        dc_json_null(&j, "key_figures");
    }
    dc_json_begin_object(&j, "outputs");
    for (int i = 0; i < DC_OUTPUT_COUNT; i++) {
        if (!(env->opt->outputs & dc_writers[i].bit))
            continue;
        if (r->outputs_written) {
            dc_buf p = DC_BUF_INIT;
            dc_buf_printf(&p, "%s%s", in->name, dc_writers[i].ext);
            dc_json_string(&j, dc_writers[i].key, p.data);
            dc_buf_free(&p);
        } else {
            dc_json_null(&j, dc_writers[i].key);
        }
    }
    dc_json_end_object(&j);
    /* size and SHA-256 of each output as written: what --resume verifies */
    dc_json_begin_object(&j, "output_files");
    for (int i = 0; i < DC_OUTPUT_COUNT; i++) {
        if (!(env->opt->outputs & dc_writers[i].bit) || !r->outputs_written)
            continue;
        char hex[65];
        long long bytes = S_output_digest(env, in, i, hex);
        if (bytes < 0)
            continue;
        dc_json_begin_object(&j, dc_writers[i].key);
        dc_json_int(&j, "bytes", bytes);
        dc_json_string(&j, "sha256", hex);
        dc_json_end_object(&j);
    }
    dc_json_end_object(&j);

    dc_json_begin_array(&j, "output_warnings");
    if (r->warnings && r->warnings->list.len) {
        const char *s = r->warnings->list.data;
        for (;;) {
            const char *nl = strchr(s, '\n');
            dc_json_stringn(&j, NULL, s, nl ? (size_t)(nl - s) : strlen(s));
            if (!nl)
                break;
            s = nl + 1;
        }
        if (r->warnings->n > S_MAX_WARNINGS) {
            char more[64];
            snprintf(more, sizeof more, "... %zu more", r->warnings->n - S_MAX_WARNINGS);
            dc_json_string(&j, NULL, more);
        }
    }
    dc_json_end_array(&j);

    dc_json_end_object(&j);
    dc_json_done(&j);
}

/* OUTDIR/<directory of name>, and the stem (the rest of name). */
static char *S_out_dir(const char *outdir, const char *name, const char **stem)
{
    const char *slash = strrchr(name, '/');
    dc_buf b = DC_BUF_INIT;
    if (slash) {
        dc_buf_printf(&b, "%s/%.*s", outdir, (int)(slash - name), name);
        *stem = slash + 1;
    } else {
        dc_buf_puts(&b, outdir);
        *stem = name;
    }
    return dc_buf_detach(&b, NULL);
}

void dc_batch_convert_one(const dc_batch_job_env *env, const dc_batch_input *in,
                          const dc_batch_expect *expect, dc_buf *out)
{
    dc_test_hook_job_start(in->rel);
    double t0 = dc_clock_seconds();
    S_row r = {0};
    r.bytes = -1;
    dc_error err = {0};
    dc_input_id id;
    if (dc_input_identify(in->path, &env->opt->lim, &id, &err) != DC_OK) {
        r.status = "failed";
        r.reason = dc_status_name(err.code);
        r.error = err.msg;
        r.seconds = dc_clock_seconds() - t0;
        S_emit(env, in, &r, out);
        return;
    }
    r.bytes = id.bytes;
    r.sha = id.sha256;
    if (expect && !strcmp(expect->sha, id.sha256) && S_outputs_intact(env, in, expect)) {
        dc_buf_puts(out, "U");
        return;
    }

    const char *stem;
    char *dir = S_out_dir(env->outdir, in->name, &stem);
    dc_convert_result res;
    memset(&res, 0, sizeof res);
    S_warnings warnings = {DC_BUF_INIT, 0};
    dc_status st;
    if (dc_mkdirs(dir) != 0) {
        st = dc_error_set(&err, DC_ERR_OUTPUT, "cannot create directory %s: %s", dir,
                          strerror(errno));
    } else {
        dc_convert_options opt = *env->opt;
        opt.pdf.warn = S_warn;
        opt.pdf.warn_ctx = &warnings;
        st = dc_convert_file(in->path, dir, stem, &opt, 1, &res, &err);
    }
    r.seconds = dc_clock_seconds() - t0;
    r.res = &res;
    r.warnings = &warnings;
    r.format = res.format != DC_FORMAT_UNKNOWN ? dc_format_name(res.format) : id.form;
    r.have_counts = res.format != DC_FORMAT_UNKNOWN;
    if (st == DC_OK) {
        r.status = "ok";
        r.d = res.disclosure;
        r.outputs_written = 1;
    } else {
        r.status = "failed";
        r.reason = dc_status_name(err.code);
        r.error = err.msg;
    }
    S_emit(env, in, &r, out);
    dc_convert_result_free(&res);
    dc_buf_free(&warnings.list);
    free(dir);
}

void dc_batch_remove_leftovers(const dc_batch_job_env *env, const dc_batch_input *in, pid_t pid)
{
    (void)pid;   /* gone (or a zombie): its files are stale like any other's */
    const char *stem;
    char *dir = S_out_dir(env->outdir, in->name, &stem);
    dc_tmp_sweep(dir, 0);
    free(dir);
}

void dc_batch_failure_row(const dc_batch_job_env *env, const dc_batch_input *in,
                          const char *reason, const char *message, double seconds,
                          dc_buf *out)
{
    S_row r = {0};
    r.status = "failed";
    r.reason = reason;
    r.error = message;
    r.seconds = seconds;
    r.bytes = -1;
    dc_error err = {0};
    dc_input_id id;
    if (dc_input_identify(in->path, &env->opt->lim, &id, &err) == DC_OK) {
        r.sha = id.sha256;
        r.bytes = id.bytes;
        r.format = id.form;
    }
    S_emit(env, in, &r, out);
}
