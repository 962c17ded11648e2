/*
 * pipeline.c - one input to its outputs, atomically.
 *
 * SPDX-License-Identifier: MIT
 */
#include "pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "converters/write/disclosure_json_writer.h"
#include "converters/write/outfile.h"
#include "converters/write/tmpfile.h"
#include "model/recognize.h"
#include "model/validate.h"

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
    for (int i = 0; i < 3; i++)
        free(res->out[i]);
    dc_disclosure_free(res->disclosure);
    dc_doc_free(res->doc);
    memset(res, 0, sizeof *res);
}

/* Test hook (docs/batch.md): with DISCLOSURE_TEST_HOLD_FILE set, once all
 * temporary outputs of a document are written the process creates that file
 * and waits (at most 60 s) until it is removed, so that a test can signal or
 * kill it while its temporary files exist. */
static void S_test_hold(void)
{
    const char *hold = getenv("DISCLOSURE_TEST_HOLD_FILE");
    if (!hold || !*hold)
        return;
    int fd = open(hold, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    close(fd);
    for (int i = 0; i < 6000 && access(hold, F_OK) == 0; i++)
        usleep(10000);
}

static int S_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int dc_mkdirs(const char *dir)
{
    char *p = dc_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        *s = '/';
    }
    int rc = 0;
    if (mkdir(p, 0777) != 0) {
        struct stat st;
        if (errno != EEXIST || stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            if (errno == EEXIST)
                errno = ENOTDIR;
            rc = -1;
        }
    }
    free(p);
    return rc;
}

dc_status dc_write_file_atomic(const char *path, const void *data, size_t len, dc_error *err)
{
    char *tmp = dc_tmp_name(path);
    dc_status st = dc_outfile_write(tmp, data, len, err);
    if (st == DC_OK && rename(tmp, path) != 0)
        st = dc_error_set(err, DC_ERR_OUTPUT, "cannot rename into place: %s", strerror(errno));
    if (st != DC_OK) {
        unlink(tmp);
        dc_error_prefix(err, path);
    }
    free(tmp);
    return st;
}

/* The XLSX written by a forked child while the parent writes the PDF (the two
 * writers share nothing but the read-only document and disclosure).  The
 * child reports its status and message through a pipe and dies with its
 * parent.  Returns the child's pid, or -1 when it could not be started (the
 * caller then writes the XLSX itself). */
static pid_t S_xlsx_child(const dc_doc *doc, const dc_disclosure *d, const char *tmp,
                          const dc_convert_options *opt, int *rfd)
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
        int st = (int)dc_xlsx_write(doc, d, tmp, &opt->xlsx, &err);
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
    static const char *const ext[3] = {".xlsx", ".pdf", ".json"};
    static const unsigned bit[3] = {DC_OUT_XLSX, DC_OUT_PDF, DC_OUT_JSON};
    memset(res, 0, sizeof *res);

    char *own_stem = stem ? NULL : dc_path_stem(input);
    if (!stem)
        stem = own_stem;
    char *final[3] = {NULL, NULL, NULL}, *tmp[3] = {NULL, NULL, NULL};
    dc_doc *doc = NULL;
    dc_disclosure *d = NULL;
    dc_status st = DC_OK;

    for (int i = 0; i < 3; i++) {
        if (!(opt->outputs & bit[i]))
            continue;
        dc_buf b = DC_BUF_INIT;
        dc_buf_printf(&b, "%s/%s%s", outdir, stem, ext[i]);
        final[i] = dc_buf_detach(&b, NULL);
        if (S_same_file(final[i], input)) {
            st = dc_error_set(err, DC_ERR_USAGE, "output %s would overwrite the input", final[i]);
            goto done;
        }
    }

    doc = dc_read_file(input, &opt->lim, err);
    if (!doc) {
        st = err->code;
        goto done;
    }
    d = dc_recognize(doc);
    dc_validate(d);

    res->format = doc->format;
    res->department = d->department ? dc_xstrdup(d->department) : NULL;
    res->year = d->year;
    res->projects = (int)d->nprojects;
    res->findings = d->nfindings;
    res->errors = dc_disclosure_count(d, DC_SEV_ERROR);
    res->warnings = dc_disclosure_count(d, DC_SEV_WARNING) - res->errors;
    for (const dc_node *b = doc->root->first_child; b; b = b->next)
        if (b->type == DC_NODE_TABLE)
            res->tables++;

    if (dc_mkdirs(outdir) != 0) {
        st = dc_error_set(err, DC_ERR_OUTPUT, "%s: cannot create directory: %s", outdir,
                          strerror(errno));
        goto done;
    }
    for (int i = 0; i < 3; i++) {
        if (final[i]) {
            tmp[i] = dc_tmp_name(final[i]);
            dc_tmp_track(tmp[i]);   /* removed by convert's signal handler */
        }
    }
    pid_t child = -1;
    int child_fd = -1;
    if (opt->concurrent && final[0] && final[1])
        child = S_xlsx_child(doc, d, tmp[0], opt, &child_fd);
    for (int i = 0; i < 3 && st == DC_OK; i++) {
        if (!final[i] || (i == 0 && child > 0))
            continue;
        if (bit[i] == DC_OUT_XLSX) {
            st = dc_xlsx_write(doc, d, tmp[i], &opt->xlsx, err);
        } else if (bit[i] == DC_OUT_PDF) {
            st = dc_pdf_write(doc, d, tmp[i], &opt->pdf, &res->pages, err);
        } else {
            dc_buf json = DC_BUF_INIT;
            dc_json_write_disclosure(d, stem, &json);
            st = dc_outfile_write(tmp[i], json.data, json.len, err);
            dc_buf_free(&json);
        }
        /* The writers say what failed; which output it was is said here. */
        if (st == DC_ERR_OUTPUT)
            dc_error_prefix(err, final[i]);
    }
    if (child > 0) {
        dc_error cerr = {0};
        dc_status cst = S_xlsx_child_wait(child, child_fd, &cerr);
        if (cst == DC_ERR_OUTPUT)
            dc_error_prefix(&cerr, final[0]);
        if (cst != DC_OK) {   /* the XLSX's error first, as when written in turn */
            *err = cerr;
            st = cst;
        }
    }
    if (st == DC_OK)
        S_test_hold();
    if (st == DC_OK) {
        for (int i = 0; i < 3; i++) {
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
    }

done:
    for (int i = 0; i < 3; i++) {
        if (tmp[i]) {
            unlink(tmp[i]);
            dc_tmp_untrack(tmp[i]);
            free(tmp[i]);
        }
        free(final[i]);
    }
    if (keep && st == DC_OK) {
        res->disclosure = d;
        res->doc = doc;
    } else {
        dc_disclosure_free(d);
        dc_doc_free(doc);
    }
    free(own_stem);
    return st;
}
