/*
 * batch.c - `disclosure batch INPUT... -o OUTDIR`: many documents in worker
 * processes, resumable, shardable, with a report and a summary workbook
 * (docs/batch.md).
 *
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "converters/write/tmpfile.h"

static const char S_help[] =
    "usage: disclosure batch INPUT... -o OUTDIR [-j N] [--xlsx] [--pdf] [--json]\n"
    "                        [--pdfa] [--font ROLE=FILE[:INDEX]]... [--font-config FILE]\n"
    "                        [--limit NAME=VALUE] [--timeout SECONDS] [--memory MB]\n"
    "                        [--resume] [--shard K/N] [--all-files] [--quiet]\n"
    "\n"
    "Converts many documents, each in a worker process with a time and memory\n"
    "limit, so that one bad document cannot stop the batch.  INPUT is a file, a\n"
    "directory (searched recursively for .docx .docm .dotx .dotm .doc .dot .xml\n"
    ".wml files) or @LIST (a file naming one input a line; @- reads standard\n"
    "input).  Outputs mirror each input's path under its INPUT directory; a file\n"
    "given by itself goes to OUTDIR directly.  Writes OUTDIR/report.json,\n"
    "report.csv and summary.xlsx (docs/batch.md).\n"
    "  -o, --output DIR     where to write (created when missing)\n"
    "  -j, --jobs N         worker processes (default: the number of CPUs)\n"
    "  --xlsx, --pdf        which outputs (default: both); each document's JSON\n"
    "                       (--json, its findings and indicators) is always written\n"
    "  --pdfa, --font, --font-config, --limit   as for 'disclosure convert'\n"
    "  --timeout SECONDS    wall-clock and CPU time per document (default 120; 0 = none)\n"
    "  --memory MB          address space per worker (default 2048; 0 = none)\n"
    "  --resume             skip inputs whose SHA-256 and options match a successful\n"
    "                       row of the previous run in OUTDIR\n"
    "  --shard K/N          convert only shard K of N (a stable hash of each input's\n"
    "                       relative path); reports are named report.K-of-N.json etc.;\n"
    "                       'disclosure summarize' merges them\n"
    "  --all-files          take every file in directories, not only Word-like names\n"
    "  -q, --quiet          no progress and no summary line\n"
    "Exit status: 0 all converted, 1 some failed, 2 usage, 4 cannot write the\n"
    "report, 130/143 interrupted (run again with --resume).\n";

typedef struct {
    dc_batch_inputs in;
    dc_batch_job_env env;
    dc_batch_expect **expect;     /* per input: what --resume skips on, or NULL */
    ssize_t *prev;                /* per input: previous successful row, or -1 */
    ssize_t *rowidx;              /* per input: its row in rs, or -1 */
    dc_batch_rowset rs;           /* file 0: the journal */
    int journal_fd;               /* appends */
    char *journal_path;
    int journal_failed;
    dc_batch_progress prog;
    size_t unchanged;
    int lock_fd;                  /* the OUTDIR lock, held until exit */
    struct sigaction old_sig[DC_TMP_NSIGNALS + 1];   /* the handlers before the run */
    int caught;                   /* old_sig holds them */
} S_batch;

static volatile sig_atomic_t S_stop;

static void S_on_signal(int sig)
{
    S_stop = sig;
}

int dc_batch_lock(const char *cmd, const char *outdir, unsigned k, unsigned n)
{
    char *path = dc_batch_report_path(outdir, ".disclosure-batch", k, n, ".lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot create the lock file: %s\n", path, strerror(errno));
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char pid[32] = "";
        ssize_t got = pread(fd, pid, sizeof pid - 1, 0);
        pid[got > 0 ? got : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        close(fd);
        if (e == EWOULDBLOCK) {
            fprintf(stderr, "disclosure %s: %s: another batch%s%s%s is writing into this "
                            "directory; wait for it to finish or choose another -o\n",
                    cmd, outdir, *pid ? " (pid " : "", pid, *pid ? ")" : "");
            free(path);
            return -2;
        }
        fprintf(stderr, "%s: cannot lock: %s\n", path, strerror(e));
        free(path);
        return -1;
    }
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
        /* the pid is only for the message of a second run */
    }
    free(path);
    return fd;
}

static void S_work(void *ctx, size_t job, dc_buf *reply)
{
    S_batch *b = ctx;
    dc_batch_convert_one(&b->env, &b->in.v[job], b->expect[job], reply);
}

/* Appends a row to the journal (synced) and indexes it. */
static void S_record(S_batch *b, size_t job, const char *row, size_t len)
{
    if (b->journal_failed)
        return;
    off_t off = lseek(b->journal_fd, 0, SEEK_END);
    dc_buf line = DC_BUF_INIT;
    dc_buf_put(&line, row, len);
    dc_buf_putc(&line, '\n');
    const char *p = line.data;
    size_t left = line.len;
    int ok = off >= 0;
    while (ok && left) {
        ssize_t w = write(b->journal_fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            ok = 0;
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    if (ok && fdatasync(b->journal_fd) != 0)
        ok = 0;
    dc_buf_free(&line);
    if (!ok || dc_batch_rowset_add(&b->rs, 0, off, row, len) != 0) {
        dc_batch_progress_end(&b->prog);
        fprintf(stderr, "%s: cannot write the journal: %s\n", b->journal_path,
                ok ? "bad row" : strerror(errno));
        b->journal_failed = 1;
        S_stop = -1;
        return;
    }
    b->rowidx[job] = (ssize_t)b->rs.n - 1;
}

static void S_count(S_batch *b, size_t job)
{
    b->prog.done++;
    ssize_t r = b->rowidx[job];
    if (r < 0 || b->rs.rows[r].ok)
        return;
    b->prog.failed++;
    /* say why, from the row */
    dc_error err = {0};
    char *text = dc_batch_rowset_read(&b->rs, (size_t)r, &err);
    if (!text)
        return;
    dc_arena a = {0};
    dc_json_value *row = dc_json_value_parse(&a, text, b->rs.rows[r].len, &err);
    const char *msg = dc_json_value_string(row, "error");
    dc_batch_progress_message(&b->prog, "%s: %s", b->in.v[job].path,
                              msg ? msg
                              : dc_json_value_string(row, "reason")
                                  ? dc_json_value_string(row, "reason")
                                  : "failed");
    dc_arena_free(&a);
    free(text);
}

static void S_done(void *ctx, size_t job, const char *reply, size_t len)
{
    S_batch *b = ctx;
    if (len == 1 && reply[0] == 'U' && b->prev[job] >= 0) {
        /* unchanged since the previous run: keep its row */
        ssize_t p = b->prev[job];
        const dc_batch_input *in = &b->in.v[job];
        if (strcmp(b->rs.rows[p].input, in->path) != 0) {
            /* the same input under another spelling: record the new one */
            dc_error err = {0};
            char *text = dc_batch_rowset_read(&b->rs, (size_t)p, &err);
            dc_arena a = {0};
            dc_json_value *row =
                text ? dc_json_value_parse(&a, text, b->rs.rows[p].len, &err) : NULL;
            if (row) {
                dc_json_value_set_string(&a, row, "input", in->path);
                dc_buf out = DC_BUF_INIT;
                dc_json j;
                dc_json_init(&j, &out, 0);
                dc_json_value_write(row, &j, NULL);
                dc_json_done(&j);
                S_record(b, job, out.data, out.len);
                dc_buf_free(&out);
            } else {
                b->rowidx[job] = p;
            }
            dc_arena_free(&a);
            free(text);
        } else {
            b->rowidx[job] = p;
        }
        b->unchanged++;
        b->prog.unchanged++;
    } else {
        dc_arena a = {0};
        dc_error err = {0};
        dc_json_value *row = dc_json_value_parse(&a, reply, len, &err);
        int valid = dc_json_value_string(row, "name") && dc_json_value_string(row, "status");
        dc_arena_free(&a);
        if (!valid) {
            /* a worker bug: the input fails, the batch goes on */
            dc_buf fail = DC_BUF_INIT;
            dc_batch_failure_row(&b->env, &b->in.v[job], "crashed",
                                 "internal error: the worker's reply does not parse", 0, &fail);
            S_record(b, job, fail.data, fail.len);
            dc_buf_free(&fail);
        } else {
            S_record(b, job, reply, len);
        }
    }
    S_count(b, job);
    dc_batch_progress_update(&b->prog, 0);
}

static void S_died(void *ctx, size_t job, pid_t pid, const char *reason, const char *message,
                   double seconds)
{
    S_batch *b = ctx;
    dc_batch_remove_leftovers(&b->env, &b->in.v[job], pid);
    dc_buf row = DC_BUF_INIT;
    dc_batch_failure_row(&b->env, &b->in.v[job], reason, message, seconds, &row);
    S_record(b, job, row.data, row.len);
    dc_buf_free(&row);
    S_count(b, job);
    dc_batch_progress_update(&b->prog, 0);
}

static void S_tick(void *ctx)
{
    S_batch *b = ctx;
    dc_batch_progress_update(&b->prog, 0);
}

static int S_cmp_prev(const void *a, const void *b, void *ctx)
{
    const dc_batch_rowset *rs = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(rs->rows[x].name, rs->rows[y].name);
    if (c)
        return c;
    return x < y ? -1 : x > y;   /* journal order: the last one wins */
}

static int S_cmp_name_key(const void *key, const void *elem, void *ctx)
{
    const dc_batch_rowset *rs = ctx;
    return strcmp(key, rs->rows[*(const size_t *)elem].name);
}

/* Binary search with a context (glibc has no bsearch_r). */
static ssize_t S_find_last(const dc_batch_rowset *rs, const size_t *sorted, size_t n,
                           const char *name)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S_cmp_name_key(name, &sorted[mid], (void *)rs) < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    /* lo: first element greater than name */
    if (lo == 0 || strcmp(rs->rows[sorted[lo - 1]].name, name) != 0)
        return -1;
    return (ssize_t)sorted[lo - 1];
}

/* What a successful previous row with the same options expects of its input
 * and outputs (each output must be on disk with the recorded size; its
 * SHA-256 is checked by the worker), in a; NULL when it cannot be reused. */
static dc_batch_expect *S_reusable(S_batch *b, size_t r, const char *outdir, dc_arena *a)
{
    if (!b->rs.rows[r].ok)
        return NULL;
    dc_error err = {0};
    char *text = dc_batch_rowset_read(&b->rs, r, &err);
    if (!text)
        return NULL;
    dc_json_value *row = dc_json_value_parse(a, text, b->rs.rows[r].len, &err);
    free(text);
    const char *opts = dc_json_value_string(row, "options"),
               *sha = dc_json_value_string(row, "sha256");
    if (!opts || !sha || strcmp(opts, b->env.fingerprint) != 0)
        return NULL;
    dc_json_value *outs = dc_json_value_get(row, "outputs"),
                  *files = dc_json_value_get(row, "output_files");
    if (!outs || outs->type != DC_JSON_VALUE_OBJECT || !files ||
        files->type != DC_JSON_VALUE_OBJECT)
        return NULL;
    dc_batch_expect *x = dc_arena_alloc(a, sizeof *x);
    memset(x, 0, sizeof *x);
    x->sha = sha;
    for (dc_json_value *o = outs->first; o; o = o->next) {
        if (o->type != DC_JSON_VALUE_STRING)
            return NULL;
        int k = -1;
        for (int i = 0; i < DC_OUTPUT_COUNT; i++)
            if (o->key && !strcmp(o->key, dc_writers[i].key))
                k = i;
        dc_json_value *f = k >= 0 ? dc_json_value_get(files, dc_writers[k].key) : NULL;
        const char *fsha = f ? dc_json_value_string(f, "sha256") : NULL;
        long long bytes = f ? dc_json_value_int(f, "bytes", -1) : -1;
        if (!fsha || bytes < 0)
            return NULL;
        dc_buf p = DC_BUF_INIT;
        dc_buf_printf(&p, "%s/%s", outdir, o->str);
        struct stat st;
        int there = stat(p.data, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == bytes;
        dc_buf_free(&p);
        if (!there)
            return NULL;
        x->out_sha[k] = fsha;
        x->out_bytes[k] = bytes;
    }
    return x;
}

static int S_parse_shard(const char *s, unsigned *k, unsigned *n)
{
    char *end;
    unsigned long a = strtoul(s, &end, 10);
    if (end == s || *end != '/')
        return -1;
    const char *t = end + 1;
    unsigned long c = strtoul(t, &end, 10);
    if (end == t || *end || a < 1 || c < 1 || a > c || c > 1000000)
        return -1;
    *k = (unsigned)a;
    *n = (unsigned)c;
    return 0;
}

static int S_parse_number(const char *s, double max, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= 0) || v > max)
        return -1;
    *out = v;
    return 0;
}

/* What the command line asked for. */
typedef struct {
    cli_outputs o;
    const char *outdir;
    char *const *inputs;
    int ninputs;
    unsigned shard_k, shard_n;
    double jobs, timeout, memory;
    int resume, all_files, quiet;
} S_args;

/* Parses the options into a (a->o initialised by the caller).  Returns 0,
 * -1 after --help, or an exit code after printing the problem. */
static int S_parse_args(int argc, char **argv, S_args *a)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        CLI_OUTPUT_OPTIONS,
        {"timeout", required_argument, NULL, 'T'},
        {"memory", required_argument, NULL, 'M'},
        {"resume", no_argument, NULL, 'r'},
        {"shard", required_argument, NULL, 's'},
        {"all-files", no_argument, NULL, 'a'},
        {"quiet", no_argument, NULL, 'q'},
        CLI_HELP_AND_END,
    };
    int c, rc;
    optind = 1;
    while ((c = cli_outputs_getopt(&a->o, argc, argv, ":o:j:qh", opts, &rc)) != -1) {
        switch (c) {
        case 'o': a->outdir = optarg; break;
        case 'j':
            if (S_parse_number(optarg, 1024, &a->jobs) != 0 || a->jobs < 1 ||
                a->jobs != (int)a->jobs)
                return cli_usage_error("batch", "-j wants a number of workers from 1 to 1024");
            break;
        case 'T':
            if (S_parse_number(optarg, 1e6, &a->timeout) != 0)
                return cli_usage_error("batch", "--timeout wants seconds (0 = none)");
            break;
        case 'M':
            if (S_parse_number(optarg, 1 << 24, &a->memory) != 0 ||
                (a->memory > 0 && a->memory < 64))
                return cli_usage_error("batch", "--memory wants megabytes, at least 64 (0 = none)");
            break;
        case 'r': a->resume = 1; break;
        case 's':
            if (S_parse_shard(optarg, &a->shard_k, &a->shard_n) != 0)
                return cli_usage_error("batch", "--shard wants K/N with 1 <= K <= N");
            break;
        case 'a': a->all_files = 1; break;
        case 'q': a->quiet = 1; break;
        case 'h':
            fputs(S_help, stdout);
            return -1;
        default:
            return cli_option_error("batch", c, argv);
        }
    }
    if (rc)
        return rc;
    if (!a->outdir)
        return cli_usage_error("batch", "missing -o OUTDIR");
    if (optind >= argc)
        return cli_usage_error("batch", "missing INPUT");
    a->inputs = argv + optind;
    a->ninputs = argc - optind;
    rc = cli_check_paths("batch", a->outdir, a->inputs, a->ninputs);
    if (rc)
        return rc;
    /* Fonts are resolved once here; the forked workers inherit them. */
    return cli_outputs_finish(&a->o, "batch");
}

/* Opens the journal (appending with --resume, else new), ends a line a kill
 * tore, and loads the rows it holds.  Returns 0 or an exit code. */
static int S_open_journal(S_batch *b, const S_args *a)
{
    b->journal_path = dc_batch_report_path(a->outdir, "report", a->shard_k, a->shard_n, ".jsonl");
    b->journal_fd = open(b->journal_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
                                              (a->resume ? 0 : O_TRUNC), 0644);
    if (b->journal_fd < 0) {
        fprintf(stderr, "%s: cannot open the journal: %s\n", b->journal_path, strerror(errno));
        return DC_EXIT_OUTPUT;
    }
    /* a line torn by a kill ends here, so that what follows starts a line */
    struct stat st;
    int rfd = open(b->journal_path, O_RDONLY | O_CLOEXEC);
    char last = '\n';
    int torn = rfd >= 0 && fstat(rfd, &st) == 0 && st.st_size > 0 &&
               pread(rfd, &last, 1, st.st_size - 1) == 1 && last != '\n';
    if (rfd >= 0)
        close(rfd);
    if (torn && write(b->journal_fd, "\n", 1) != 1) {
        fprintf(stderr, "%s: cannot write the journal: %s\n", b->journal_path, strerror(errno));
        return DC_EXIT_OUTPUT;
    }
    size_t bad = 0;
    dc_error err = {0};
    if (dc_batch_rowset_load(&b->rs, b->journal_path, 0, &bad, NULL, NULL, &err) != 0) {
        fprintf(stderr, "%s: %s\n", b->journal_path, err.msg);
        return DC_EXIT_OUTPUT;
    }
    if (bad && !a->quiet)
        fprintf(stderr, "%s: %zu unreadable line%s ignored (an interrupted write)\n",
                b->journal_path, bad, bad == 1 ? "" : "s");
    return 0;
}

/* --resume: for each input, the last successful row of an earlier run that
 * may stand for it (b->prev, b->expect; kept in arena). */
static void S_match_previous(S_batch *b, const char *outdir, dc_arena *arena)
{
    if (!b->rs.n)
        return;
    size_t *sorted = dc_xmalloc(b->rs.n * sizeof *sorted);
    for (size_t i = 0; i < b->rs.n; i++)
        sorted[i] = i;
    qsort_r(sorted, b->rs.n, sizeof *sorted, S_cmp_prev, &b->rs);
    for (size_t i = 0; i < b->in.n; i++) {
        ssize_t r = S_find_last(&b->rs, sorted, b->rs.n, b->in.v[i].name);
        if (r < 0)
            continue;
        dc_batch_expect *x = S_reusable(b, (size_t)r, outdir, arena);
        if (x) {
            b->prev[i] = r;
            b->expect[i] = x;
        }
    }
    free(sorted);
}

/* Runs every input on the worker pool, with SIGINT/SIGTERM/SIGHUP stopping
 * it.  Returns 0, or an exit code after saying why. */
static int S_run_pool(S_batch *b, const S_args *a, double *elapsed)
{
    size_t n = b->in.n;
    S_stop = 0;
    dc_tmp_catch_signals(S_on_signal, b->old_sig);
    b->caught = 1;

    double jobs = a->jobs;
    if (!jobs) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus > 0 ? (double)(cpus > 1024 ? 1024 : cpus) : 1;
    }
    dc_batch_progress_init(&b->prog, n, a->quiet);
    int close_fds[] = {b->journal_fd, b->rs.nfiles ? b->rs.fds[0] : -1, -1};
    dc_pool pool = {
        .workers = (unsigned)jobs,
        .timeout = a->timeout,
        .memory_mb = (size_t)a->memory,
        .tick_ms = b->prog.mode == 2 ? 100 : 1000,
        .ctx = b,
        .work = S_work,
        .done = S_done,
        .died = S_died,
        .tick = S_tick,
        .stop = &S_stop,
        .close_in_worker = close_fds,
    };
    size_t *order = dc_xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    double t0 = dc_clock_seconds();
    int prc = n ? dc_pool_run(&pool, order, n) : 0;
    *elapsed = dc_clock_seconds() - t0;
    free(order);
    /* the workers are gone: temporary files of documents they did not
     * finish (interrupted, timed out, killed) go */
    dc_tmp_sweep(a->outdir, 1);
    dc_batch_progress_end(&b->prog);
    /* while the reports are written: remove their temporary files and exit
     * 128 + the signal (the journal is whole: --resume finishes) */
    dc_tmp_catch_signals(dc_tmp_exit_on_signal, NULL);

    if (b->journal_failed)
        return DC_EXIT_OUTPUT;
    if (prc != 0) {
        int sig = S_stop > 0 ? (int)S_stop : 0;
        fprintf(stderr, "disclosure batch: %s: %zu of %zu inputs done; run again with "
                        "--resume to finish\n",
                sig ? "interrupted" : "stopped", b->prog.done, n);
        return sig ? 128 + sig : DC_EXIT_INTERNAL;
    }
    return 0;
}

/* Writes the reports of a finished run and compacts the journal; prints the
 * closing line.  Returns the batch's exit code. */
static int S_finish(S_batch *b, const S_args *a, double elapsed)
{
    size_t n = b->in.n;
    size_t *sel = dc_xmalloc((n ? n : 1) * sizeof *sel);
    size_t nsel = 0;
    for (size_t i = 0; i < n; i++)
        if (b->rowidx[i] >= 0)
            sel[nsel++] = (size_t)b->rowidx[i];
    dc_batch_rowset_sort(&b->rs, sel, nsel);
    dc_error err = {0};
    size_t ok = 0, failed = 0;
    int rc;
    if (dc_batch_report_write(&b->rs, sel, nsel, a->outdir, a->shard_k, a->shard_n,
                              dc_batch_epoch(), &ok, &failed, &err) != DC_OK ||
        dc_batch_journal_compact(&b->rs, sel, nsel, b->journal_path, &err) != DC_OK) {
        fprintf(stderr, "%s\n", err.msg);   /* each names its file */
        rc = DC_EXIT_OUTPUT;
    } else {
        if (!a->quiet) {
            char *rp = dc_batch_report_path(a->outdir, "report", a->shard_k, a->shard_n, ".json");
            size_t worked = b->prog.done - b->unchanged;
            fprintf(stderr,
                    "batch: %zu input%s: %zu converted, %zu failed, %zu unchanged; "
                    "%.1f s, %.1f docs/s; report %s\n",
                    n, n == 1 ? "" : "s", ok - (b->unchanged <= ok ? b->unchanged : ok), failed,
                    b->unchanged, elapsed, elapsed > 0 ? worked / elapsed : 0.0, rp);
            free(rp);
        }
        rc = failed || nsel < n ? DC_EXIT_FINDINGS : 0;
    }
    free(sel);
    return rc;
}

/* Collects and names the inputs, makes and locks OUTDIR, removes what an
 * earlier run left.  Returns 0 or an exit code (b->lock_fd set when taken). */
static int S_prepare(S_batch *b, const S_args *a)
{
    int rc = dc_batch_collect(a->inputs, a->ninputs, a->outdir, a->all_files, &b->in);
    if (rc)
        return rc;
    if (!b->in.n)
        return cli_usage_error("batch", "no input documents found");
    if (dc_mkdirs(a->outdir) != 0) {
        fprintf(stderr, "%s: cannot create directory: %s\n", a->outdir, strerror(errno));
        return DC_EXIT_OUTPUT;
    }
    /* One run at a time per OUTDIR (and shard): the lock is held until exit. */
    b->lock_fd = dc_batch_lock("batch", a->outdir, a->shard_k, a->shard_n);
    if (b->lock_fd < 0)
        return b->lock_fd == -2 ? DC_EXIT_USAGE : DC_EXIT_OUTPUT;
    /* what a run killed outright (kill -9) left behind */
    dc_tmp_sweep(a->outdir, 1);
    dc_batch_assign_names(&b->in, 1);
    if (a->shard_n)
        dc_batch_keep_shard(&b->in, a->shard_k, a->shard_n);
    size_t n = b->in.n ? b->in.n : 1;
    b->expect = dc_xcalloc(n, sizeof *b->expect);
    b->prev = dc_xmalloc(n * sizeof *b->prev);
    b->rowidx = dc_xmalloc(n * sizeof *b->rowidx);
    for (size_t i = 0; i < b->in.n; i++)
        b->prev[i] = b->rowidx[i] = -1;
    /* Reports of an earlier run go: they exist only for a finished run. */
    static const char *const stale[][2] = {{"report", ".json"}, {"report", ".csv"},
                                           {"summary", ".xlsx"}};
    for (size_t i = 0; i < 3; i++) {
        char *p = dc_batch_report_path(a->outdir, stale[i][0], a->shard_k, a->shard_n,
                                       stale[i][1]);
        unlink(p);
        free(p);
    }
    return 0;
}

int cmd_batch(int argc, char **argv)
{
    S_args a = {.timeout = 120, .memory = 2048};
    int rc = cli_outputs_init(&a.o, argc);
    if (rc)
        return rc;
    S_batch b;
    memset(&b, 0, sizeof b);
    b.journal_fd = b.lock_fd = -1;
    dc_arena arena = {0};
    char *fingerprint = NULL;
    double elapsed = 0;

    rc = S_parse_args(argc, argv, &a);
    if (rc)
        goto out;
    dc_convert_options opt = a.o.opt;
    /* The document's JSON holds its findings and indicators: the report rows
     * stay small and the summary workbook reads the lists from there. */
    opt.outputs |= DC_OUT_JSON;
    if ((rc = S_prepare(&b, &a)))
        goto out;
    fingerprint = dc_batch_fingerprint(&opt);
    b.env.outdir = a.outdir;
    b.env.opt = &opt;
    b.env.fingerprint = fingerprint;
    if ((rc = S_open_journal(&b, &a)))
        goto out;
    if (a.resume)
        S_match_previous(&b, a.outdir, &arena);
    if ((rc = S_run_pool(&b, &a, &elapsed)))
        goto out;
    rc = S_finish(&b, &a, elapsed);

out:
    if (b.caught)
        dc_tmp_restore_signals(b.old_sig);
    dc_arena_free(&arena);
    if (b.journal_fd >= 0)
        close(b.journal_fd);
    free(b.journal_path);
    dc_batch_rowset_free(&b.rs);
    free(b.expect);
    free(b.prev);
    free(b.rowidx);
    dc_batch_inputs_free(&b.in);
    free(fingerprint);
    cli_outputs_free(&a.o);
    if (b.lock_fd >= 0)
        close(b.lock_fd);
    return rc < 0 ? 0 : rc;
}
