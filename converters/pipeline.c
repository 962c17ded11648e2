/*
 * pipeline.c - one analysis of an input, the table of writers, and one
 * input to its outputs, atomically.
 *
 * SPDX-License-Identifier: MIT
 */
#include "converters/pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "converters/read/reader.h"
#include "converters/write/disclosure_json_writer.h"
#include "converters/write/outfile.h"
#include "converters/write/tmpfile.h"
#include "model/recognize.h"
#include "model/sha256.h"
#include "model/validate.h"

/* ------------------------------------------------------------------------
 * Analysis
 * ------------------------------------------------------------------------ */

dc_status dc_analyze(const char *path, const dc_limits *lim, int recognize, dc_analysis *a,
                     dc_error *err)
{
    a->disclosure = NULL;
    a->doc = dc_read_file(path, lim, err);
    if (!a->doc)
        return err->code;
    if (recognize) {
        a->disclosure = dc_recognize(a->doc);
        dc_validate(a->disclosure);
    }
    return DC_OK;
}

static const char *S_form_name(dc_sniff_kind k)
{
    switch (k) {
    case DC_SNIFF_EMPTY: return "empty";
    case DC_SNIFF_ZIP:   return "zip";
    case DC_SNIFF_XML:   return "xml";
    case DC_SNIFF_OLE:   return "ole";
    case DC_SNIFF_RTF:   return "rtf";
    default:             return "other";
    }
}

dc_status dc_input_identify(const char *path, const dc_limits *lim, dc_input_id *id,
                            dc_error *err)
{
    size_t len = 0;
    unsigned char *data = dc_read_all(path, lim->max_input, &len, err);
    if (!data)
        return err->code;
    dc_sha256_hex(data, len, id->sha256);
    id->form = S_form_name(dc_sniff(data, len));
    id->bytes = (long long)len;
    free(data);
    return DC_OK;
}

void dc_analysis_free(dc_analysis *a)
{
    if (!a)
        return;
    dc_disclosure_free(a->disclosure);
    dc_doc_free(a->doc);
    a->disclosure = NULL;
    a->doc = NULL;
}

/* ------------------------------------------------------------------------
 * Writers
 * ------------------------------------------------------------------------ */

static dc_status S_write_xlsx(const dc_analysis *a, const char *name, const char *path,
                              const dc_convert_options *opt, dc_write_info *info, dc_error *err)
{
    (void)name;
    (void)info;
    return dc_xlsx_write(a->doc, a->disclosure, path, &opt->xlsx, err);
}

static dc_status S_write_pdf(const dc_analysis *a, const char *name, const char *path,
                             const dc_convert_options *opt, dc_write_info *info, dc_error *err)
{
    (void)name;
    return dc_pdf_write(a->doc, a->disclosure, path, &opt->pdf, &info->pages, err);
}

static dc_status S_write_json(const dc_analysis *a, const char *name, const char *path,
                              const dc_convert_options *opt, dc_write_info *info, dc_error *err)
{
    (void)opt;
    (void)info;
    dc_buf json = DC_BUF_INIT;
    dc_json_write_disclosure(a->disclosure, name, &json);
    dc_status st = dc_outfile_write(path, json.data, json.len, err);
    dc_buf_free(&json);
    return st;
}

const dc_writer dc_writers[DC_OUTPUT_COUNT] = {
    {DC_OUT_XLSX, "xlsx", ".xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", S_write_xlsx},
    {DC_OUT_PDF, "pdf", ".pdf", "application/pdf", S_write_pdf},
    {DC_OUT_JSON, "json", ".json", "application/json", S_write_json},
};

/* ------------------------------------------------------------------------
 * Test hooks
 * ------------------------------------------------------------------------ */

static const dc_test_hooks *S_hooks;

void dc_test_hooks_set(const dc_test_hooks *h)
{
    S_hooks = h;
}

void dc_test_hook_job_start(const char *name)
{
    if (S_hooks && S_hooks->job_start)
        S_hooks->job_start(name);
}

void dc_test_hook_reports_written(void)
{
    if (S_hooks && S_hooks->reports_written)
        S_hooks->reports_written();
}

/* ------------------------------------------------------------------------
 * Conversion of one input
 * ------------------------------------------------------------------------ */

void dc_convert_options_init(dc_convert_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->outputs = DC_OUT_XLSX | DC_OUT_PDF;
    dc_limits_default(&opt->lim);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v >= 0) {
            opt->xlsx.epoch = opt->pdf.epoch = v;
            opt->xlsx.has_epoch = opt->pdf.has_epoch = 1;
        }
    }
}

char *dc_path_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return dc_xstrndup(base, n);
}

void dc_convert_result_free(dc_convert_result *res)
{
    if (!res)
        return;
    free(res->department);
    for (int i = 0; i < DC_OUTPUT_COUNT; i++)
        free(res->out[i]);
    dc_disclosure_free(res->disclosure);
    dc_doc_free(res->doc);
    memset(res, 0, sizeof *res);
}

static int S_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The XLSX written by a forked child while the parent writes the PDF (the two
 * writers share nothing but the read-only document and disclosure).  The
 * child reports its status and message through a pipe and dies with its
 * parent.  Returns the child's pid, or -1 when it could not be started (the
 * caller then writes the XLSX itself). */
static pid_t S_xlsx_child(const dc_analysis *a, const char *tmp, const dc_convert_options *opt,
                          int *rfd)
{
    /* no fork while the font thread runs (its failure is the PDF writer's to report) */
    dc_error ignored = {0};
    dc_fontset_wait(opt->pdf.fontset, &ignored);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        /* dies with its parent, through convert's handler, which removes
         * the temporary files (its own too, should it make it afterwards) */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(1);
        dc_error err = {0};
        dc_write_info info = {0};
        int st = (int)dc_writers[0].write(a, NULL, tmp, opt, &info, &err);
        char msg[sizeof(int) + sizeof err.msg];
        memcpy(msg, &st, sizeof st);
        size_t n = st == DC_OK ? 0 : strnlen(err.msg, sizeof err.msg - 1);
        memcpy(msg + sizeof st, err.msg, n);
        _exit(write(fds[1], msg, sizeof st + n) == (ssize_t)(sizeof st + n) ? 0 : 1);
    }
    close(fds[1]);
    *rfd = fds[0];
    return pid;
}

/* Waits for the XLSX child: its status, err set from its message. */
static dc_status S_xlsx_child_wait(pid_t pid, int rfd, dc_error *err)
{
    char msg[sizeof(int) + sizeof err->msg];
    size_t got = 0;
    for (;;) {
        ssize_t r = read(rfd, msg + got, sizeof msg - 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(rfd);
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    if (got < sizeof(int)) {
        if (WIFSIGNALED(ws))
            return dc_error_set(err, DC_ERR_INTERNAL, "the XLSX writer was killed by signal %d",
                                WTERMSIG(ws));
        return dc_error_set(err, DC_ERR_INTERNAL, "the XLSX writer ended without a result");
    }
    int st;
    memcpy(&st, msg, sizeof st);
    if (st == DC_OK)
        return DC_OK;
    msg[got] = '\0';
    return dc_error_set(err, (dc_status)st, "%s", msg + sizeof st);
}

dc_status dc_convert_file(const char *input, const char *outdir, const char *stem,
                          const dc_convert_options *opt, int keep, dc_convert_result *res,
                          dc_error *err)
{
    memset(res, 0, sizeof *res);
    char *own_stem = stem ? NULL : dc_path_stem(input);
    if (!stem)
        stem = own_stem;
    char *final[DC_OUTPUT_COUNT] = {NULL}, *tmp[DC_OUTPUT_COUNT] = {NULL};
    dc_analysis a = {NULL, NULL};
    dc_status st = DC_OK;

    for (int i = 0; i < DC_OUTPUT_COUNT; i++) {
        if (!(opt->outputs & dc_writers[i].bit))
            continue;
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "%s/%s%s", outdir, stem, dc_writers[i].ext);
        final[i] = dc_buf_detach(&b, NULL);
        if (S_same_file(final[i], input)) {
            st = dc_error_set(err, DC_ERR_USAGE, "output %s would overwrite the input", final[i]);
            goto done;
        }
    }

    if ((st = dc_analyze(input, &opt->lim, 1, &a, err)) != DC_OK)
        goto done;
    const dc_disclosure *d = a.disclosure;
    res->format = a.doc->format;
    res->department = d->department ? dc_xstrdup(d->department) : NULL;
    res->year = d->year;
    res->projects = (int)d->nprojects;
    res->findings = d->nfindings;
    res->errors = dc_disclosure_count(d, DC_SEV_ERROR);
    res->warnings = dc_disclosure_count(d, DC_SEV_WARNING) - res->errors;
    for (const dc_node *b = a.doc->root->first_child; b; b = b->next)
        if (b->type == DC_NODE_TABLE)
            res->tables++;

    if (dc_mkdirs(outdir) != 0) {
        st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot create directory: %s", outdir,
                          strerror(errno));
        goto done;
    }
    for (int i = 0; i < DC_OUTPUT_COUNT; i++) {
        if (final[i]) {
            tmp[i] = dc_tmp_name(final[i]);
            dc_tmp_track(tmp[i]);   /* removed by a signal handler (dc_tmp_remove_tracked) */
        }
    }
    /* the XLSX beside the PDF on a second core, when asked (dc_writers[0]) */
    pid_t child = -1;
    int child_fd = -1;
    if (opt->concurrent && final[0] && final[1])
        child = S_xlsx_child(&a, tmp[0], opt, &child_fd);
    if (child > 0)
        dc_tmp_track_writer(child);
    for (int i = 0; i < DC_OUTPUT_COUNT && st == DC_OK; i++) {
        if (!final[i] || (i == 0 && child > 0))
            continue;
        dc_write_info info = {0};
        st = dc_writers[i].write(&a, stem, tmp[i], opt, &info, err);
        if (info.pages)
            res->pages = info.pages;
        /* What one writer freed goes back to the system before the next
         * builds its own (a long document's workbook and PDF each need
         * tens of megabytes beside the model, not both at once). */
        malloc_trim(0);
        /* The writers say what failed; which output it was is said here. */
        if (st == DC_ERR_OUTPUT)
            dc_error_prefix(err, final[i]);
    }
    if (child > 0) {
        dc_error cerr = {0};
        dc_status cst = S_xlsx_child_wait(child, child_fd, &cerr);
        dc_tmp_track_writer(0);
        if (cst == DC_ERR_OUTPUT)
            dc_error_prefix(&cerr, final[0]);
        if (cst != DC_OK) {   /* the XLSX's error first, as when written in turn */
            *err = cerr;
            st = cst;
        }
    }
    if (st == DC_OK && S_hooks && S_hooks->outputs_written)
        S_hooks->outputs_written();
    for (int i = 0; i < DC_OUTPUT_COUNT && st == DC_OK; i++) {
        if (!final[i])
            continue;
        if (rename(tmp[i], final[i]) != 0) {
            st = dc_error_set(err, DC_ERR_OUTPUT, "cannot rename into %s: %s", final[i],
                              strerror(errno));
            break;
        }
        dc_tmp_untrack(tmp[i]);
        free(tmp[i]);
        tmp[i] = NULL;
        res->out[i] = final[i];
        final[i] = NULL;
    }

done:
    for (int i = 0; i < DC_OUTPUT_COUNT; i++) {
        if (tmp[i]) {
            unlink(tmp[i]);
            dc_tmp_untrack(tmp[i]);
            free(tmp[i]);
        }
        free(final[i]);
    }
    if (keep && st == DC_OK) {
        res->disclosure = a.disclosure;
        res->doc = a.doc;
    } else {
        dc_analysis_free(&a);
    }
    free(own_stem);
    return st;
}
