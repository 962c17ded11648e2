/*
 * batch_summarize.c - `disclosure summarize OUTDIR... -o DEST`: merges the
 * reports of several batch runs (typically the shards of one batch) into one
 * report.json, report.csv and summary.xlsx.
 *
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"

#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "converters/write/tmpfile.h"

static const char S_help[] =
    "usage: disclosure summarize OUTDIR|REPORT... -o DEST [--quiet]\n"
    "\n"
    "Merges batch reports into DEST/report.json, report.csv and summary.xlsx,\n"
    "ordered as one unsharded batch would be.  For each OUTDIR the shard reports\n"
    "(report.K-of-N.json) are read when there are any, else its report.json; a\n"
    "REPORT file is read as it is.  Output paths in the merged report are made\n"
    "relative to DEST.  Missing shards are reported.\n"
    "  -o, --output DEST   where to write (created when missing)\n"
    "  -q, --quiet         no summary line\n"
    "Exit status: 0 all inputs converted, 1 some failed or shards missing, 2 usage,\n"
    "3 a report cannot be read, 4 cannot write.\n";

typedef struct {
    char *path;
    unsigned k, n;
    unsigned dir_id;
    char *prefix;       /* output path prefix relative to DEST, or NULL */
} S_source;

/* The path from directory `from` to directory `to` (both absolute and
 * canonical) with a trailing slash, or NULL when they are the same. */
static char *S_relative(const char *from, const char *to)
{
    if (!strcmp(from, to))
        return NULL;
    if (!strcmp(from, "/")) {
        dc_buf r = DC_BUF_INIT;
        dc_buf_printf(&r, "%s/", to + 1);
        return dc_buf_detach(&r, NULL);
    }
    size_t common = 0;   /* length of the common leading components */
    for (size_t i = 0;; i++) {
        char a = from[i], b = to[i];
        if ((a == '/' || a == '\0') && (b == '/' || b == '\0'))
            common = i;
        if (a != b || !a || !b)
            break;
    }
    dc_buf b = DC_BUF_INIT;
    for (const char *p = from + common; *p; p++)
        if (*p == '/')
            dc_buf_puts(&b, "../");
    const char *rest = to + common;
    if (*rest == '/')
        rest++;
    if (*rest)
        dc_buf_printf(&b, "%s/", rest);
    if (!b.len)
        dc_buf_puts(&b, "./");
    return dc_buf_detach(&b, NULL);
}

static void S_add_source(S_source **v, size_t *n, const char *path)
{
    *v = dc_xrealloc(*v, (*n + 1) * sizeof **v);
    memset(&(*v)[*n], 0, sizeof **v);
    (*v)[(*n)++].path = dc_xstrdup(path);
}

/* Finds the reports of one argument; returns 0 or an exit code. */
static int S_find_reports(const char *arg, S_source **v, size_t *n)
{
    struct stat st;
    if (stat(arg, &st) != 0) {
        fprintf(stderr, "%s: %s\n", arg, strerror(errno));
        return DC_EXIT_INPUT;
    }
    if (!S_ISDIR(st.st_mode)) {
        S_add_source(v, n, arg);
        return 0;
    }
    dc_buf pat = DC_BUF_INIT;
    dc_buf_printf(&pat, "%s/report.*-of-*.json", arg);
    glob_t g;
    int gr = glob(pat.data, 0, NULL, &g);
    dc_buf_free(&pat);
    if (gr == 0 && g.gl_pathc) {
        for (size_t i = 0; i < g.gl_pathc; i++)
            S_add_source(v, n, g.gl_pathv[i]);
        globfree(&g);
        return 0;
    }
    if (gr == 0)
        globfree(&g);
    dc_buf p = DC_BUF_INIT;
    dc_buf_printf(&p, "%s/report.json", arg);
    if (stat(p.data, &st) != 0) {
        fprintf(stderr, "%s: no report.json or report.K-of-N.json (not a batch output "
                        "directory, or its batch did not finish)\n", arg);
        dc_buf_free(&p);
        return DC_EXIT_INPUT;
    }
    S_add_source(v, n, p.data);
    dc_buf_free(&p);
    return 0;
}

typedef struct {
    const dc_batch_rowset *rs;
    const S_source *src;
} S_sort_ctx;

/* (name, input, source order, line): merge order, deterministic. */
static int S_cmp_rows(const void *a, const void *b, void *ctx)
{
    const S_sort_ctx *c = ctx;
    const dc_batch_rowref *x = &c->rs->rows[*(const size_t *)a];
    const dc_batch_rowref *y = &c->rs->rows[*(const size_t *)b];
    int r = strcmp(x->name, y->name);
    if (r)
        return r;
    r = strcmp(x->input, y->input);
    if (r)
        return r;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    return x->off < y->off ? -1 : x->off > y->off;
}

static int S_cmp_u(const void *a, const void *b)
{
    const unsigned *x = a, *y = b;
    return (*x > *y) - (*x < *y);
}

int cmd_summarize(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        CLI_HELP_AND_END,
    };
    const char *dest = NULL;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': dest = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(S_help, stdout); return 0;
        default: return cli_option_error("summarize", c, argv);
        }
    }
    if (!dest)
        return cli_usage_error("summarize", "missing -o DEST");
    if (optind >= argc)
        return cli_usage_error("summarize", "missing OUTDIR");
    if (!*dest)
        return cli_usage_error("summarize", "-o needs a directory name, not an empty string");
    if (dc_mkdirs(dest) != 0) {
        fprintf(stderr, "%s: cannot create directory: %s\n", dest, strerror(errno));
        return DC_EXIT_OUTPUT;
    }
    char dest_real[PATH_MAX];
    if (!realpath(dest, dest_real)) {
        fprintf(stderr, "%s: %s\n", dest, strerror(errno));
        return DC_EXIT_OUTPUT;
    }
    /* DEST's report files are an unsharded batch's: not while one runs
     * there (the lock is held until exit) */
    int lock_fd = dc_batch_lock("summarize", dest, 0, 0);
    if (lock_fd < 0)
        return lock_fd == -2 ? DC_EXIT_USAGE : DC_EXIT_OUTPUT;
    dc_tmp_sweep(dest, 0);   /* what a run killed outright left */
    dc_tmp_catch_signals(dc_tmp_exit_on_signal, NULL);

    S_source *src = NULL;
    size_t nsrc = 0;
    int rc = 0;
    for (int i = optind; i < argc && !rc; i++)
        rc = S_find_reports(argv[i], &src, &nsrc);

    dc_batch_rowset rs;
    memset(&rs, 0, sizeof rs);
    char **dirs = dc_xcalloc(nsrc ? nsrc : 1, sizeof *dirs);
    size_t ndirs = 0;
    for (size_t i = 0; i < nsrc && !rc; i++) {
        S_source *s = &src[i];
        char *dir = dc_path_dir(s->path);
        char real[PATH_MAX];
        if (!realpath(dir, real)) {
            fprintf(stderr, "%s: %s\n", dir, strerror(errno));
            free(dir);
            rc = DC_EXIT_INPUT;
            break;
        }
        free(dir);
        s->dir_id = (unsigned)ndirs;
        for (size_t d = 0; d < ndirs; d++)
            if (!strcmp(dirs[d], real))
                s->dir_id = (unsigned)d;
        if (s->dir_id == ndirs)
            dirs[ndirs++] = dc_xstrdup(real);
        s->prefix = S_relative(dest_real, real);
        size_t first = rs.n, bad = 0;
        dc_error err = {0};
        if (dc_batch_rowset_load(&rs, s->path, 1, &bad, &s->k, &s->n, &err) != 0) {
            fprintf(stderr, "%s: %s\n", s->path, err.msg);
            rc = DC_EXIT_INPUT;
            break;
        }
        if (bad) {
            fprintf(stderr, "%s: %zu rows do not parse\n", s->path, bad);
            rc = DC_EXIT_INPUT;
            break;
        }
        for (size_t r = first; r < rs.n; r++)
            rs.rows[r].out_prefix = s->prefix;
    }

    int incomplete = 0;
    size_t *sel = NULL, nsel = 0, dups = 0;
    if (!rc) {
        /* every shard of each N present exactly once */
        unsigned *ks = dc_xcalloc(nsrc ? nsrc : 1, sizeof *ks);
        for (size_t i = 0; i < nsrc; i++) {
            if (!src[i].n || src[i].k == 0)
                continue;
            size_t nk = 0;
            int seen = 0;
            for (size_t j = 0; j < i; j++)
                if (src[j].n == src[i].n)
                    seen = 1;
            if (seen)
                continue;
            for (size_t j = 0; j < nsrc; j++)
                if (src[j].n == src[i].n)
                    ks[nk++] = src[j].k;
            qsort(ks, nk, sizeof *ks, S_cmp_u);
            unsigned want = 1;
            for (size_t j = 0; j < nk; j++) {
                if (ks[j] < want) {
                    fprintf(stderr, "disclosure summarize: shard %u/%u given twice\n", ks[j],
                            src[i].n);
                    continue;
                }
                for (; want < ks[j]; want++) {
                    fprintf(stderr, "disclosure summarize: shard %u/%u missing\n", want,
                            src[i].n);
                    incomplete = 1;
                }
                want = ks[j] + 1;
            }
            for (; want <= src[i].n; want++) {
                fprintf(stderr, "disclosure summarize: shard %u/%u missing\n", want, src[i].n);
                incomplete = 1;
            }
        }
        free(ks);

        sel = dc_xmalloc((rs.n ? rs.n : 1) * sizeof *sel);
        for (size_t i = 0; i < rs.n; i++)
            sel[i] = i;
        S_sort_ctx ctx = {&rs, src};
        qsort_r(sel, rs.n, sizeof *sel, S_cmp_rows, &ctx);
        /* the same document of the same output directory twice: keep the first */
        for (size_t i = 0; i < rs.n; i++) {
            const dc_batch_rowref *r = &rs.rows[sel[i]];
            int dup = 0;
            for (size_t j = nsel; j-- > 0;) {
                const dc_batch_rowref *q = &rs.rows[sel[j]];
                if (strcmp(q->name, r->name) != 0)
                    break;
                if (src[q->file].dir_id == src[r->file].dir_id)
                    dup = 1;
            }
            if (dup)
                dups++;
            else
                sel[nsel++] = sel[i];
        }
        if (dups)
            fprintf(stderr, "disclosure summarize: %zu document%s appeared in more than one "
                            "report of the same directory; the first kept\n",
                    dups, dups == 1 ? "" : "s");
        /* rows are in file order within a name; the report orders by (name, input) */
        dc_batch_rowset_sort(&rs, sel, nsel);

        dc_error err = {0};
        size_t ok = 0, failed = 0;
        if (dc_batch_report_write(&rs, sel, nsel, dest, 0, 0, dc_batch_epoch(), &ok, &failed,
                                  &err) != DC_OK) {
            fprintf(stderr, "%s\n", err.msg);   /* each names its file */
            rc = DC_EXIT_OUTPUT;
        } else {
            if (!quiet)
                fprintf(stderr, "summarize: %zu report%s, %zu inputs: %zu converted, %zu "
                                "failed; report %s/report.json\n",
                        nsrc, nsrc == 1 ? "" : "s", nsel, ok, failed, dest);
            rc = failed || incomplete ? DC_EXIT_FINDINGS : 0;
        }
    }
    free(sel);
    dc_batch_rowset_free(&rs);
    for (size_t i = 0; i < nsrc; i++) {
        free(src[i].path);
        free(src[i].prefix);
    }
    free(src);
    for (size_t d = 0; d < ndirs; d++)
        free(dirs[d]);
    free(dirs);
    close(lock_fd);
    return rc;
}
