/*
 * batch.h - the parts of `disclosure batch` and `disclosure summarize`
 * (docs/batch.md): input collection and naming, the worker pool, report rows,
 * the report files and progress display.  Internal to cmd/.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_BATCH_H
#define DC_BATCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cmd/batch_json.h"
#include "converters/pipeline.h"
#include "converters/pool.h"
#include "converters/write/outfile.h"
#include "model/util.h"

/* ------------------------------------------------------------------------
 * Inputs (batch_inputs.c)
 * ------------------------------------------------------------------------ */

typedef struct {
    char *path;        /**< the file as given or as found under a directory argument */
    char *rel;         /**< its path relative to its INPUT argument ("sub/a.docx"), mirrored */
    char *name;        /**< output base path relative to OUTDIR without extension ("sub/a") */
    size_t order;      /**< position in which it was collected */
} dc_batch_input;

typedef struct {
    dc_batch_input *v;
    size_t n, cap;
} dc_batch_inputs;

/** Collects the inputs named by args: files, directories (recursive; only
 *  Word-like extensions unless all_files; hidden entries, symlinked
 *  directories and skip_dir itself are skipped; when skip_dir is walked as an
 *  input, or a directory inside it, its .xlsx, .pdf, .json, .jsonl and .csv
 *  files are what batch writes and never inputs) and @LIST files (@- = standard
 *  input; one path a line, blank lines and lines starting with # ignored).
 *  A path that does not exist is kept as an input (it fails when converted).
 *  Returns 0, or an exit code after printing the problem. */
int dc_batch_collect(char *const *args, int nargs, const char *skip_dir, int all_files,
                     dc_batch_inputs *out);

/** Sorts the inputs by (rel, path) and gives each a unique output name:
 *  "dir/stem"; when several inputs share it they use their whole file name
 *  ("dir/a.docx"); a name still taken, or (with reserve_reports, for batch)
 *  reserved at the top level ("report", "summary", "report.K-of-N", ...),
 *  gets "~2", "~3", ...  The one naming rule of batch and convert. */
void dc_batch_assign_names(dc_batch_inputs *in, int reserve_reports);
/** Adds one input (path, and rel: its path relative to its argument). */
void dc_batch_inputs_add(dc_batch_inputs *in, const char *path, const char *rel);

/** Shard of a relative path among n shards: 1..n (stable: SHA-256 of rel). */
unsigned dc_batch_shard_of(const char *rel, unsigned n);

/** Keeps only the inputs of shard k of n. */
void dc_batch_keep_shard(dc_batch_inputs *in, unsigned k, unsigned n);

void dc_batch_inputs_free(dc_batch_inputs *in);

/* ------------------------------------------------------------------------
 * Report rows (batch_row.c)
 * ------------------------------------------------------------------------ */

typedef struct {
    const char *outdir;
    const dc_convert_options *opt;
    const char *fingerprint;   /**< the options as recorded in each row */
} dc_batch_job_env;

/** What --resume expects of an input to skip it: the input's SHA-256 and,
 *  per output (xlsx, pdf, json; NULL when not made), the SHA-256 and size
 *  the previous row recorded. */
typedef struct {
    const char *sha;
    const char *out_sha[DC_OUTPUT_COUNT];
    long long out_bytes[DC_OUTPUT_COUNT];
} dc_batch_expect;

/** Converts one input in the current process (a worker) and writes its
 *  report row (compact JSON) into row.  When expect is given, the input's
 *  SHA-256 equals expect->sha and every output on disk still has its
 *  recorded size and SHA-256, writes "U" instead and converts nothing. */
void dc_batch_convert_one(const dc_batch_job_env *env, const dc_batch_input *in,
                          const dc_batch_expect *expect, dc_buf *row);

/** The row for an input whose worker died (reason/message from the pool). */
void dc_batch_failure_row(const dc_batch_job_env *env, const dc_batch_input *in,
                          const char *reason, const char *message, double seconds,
                          dc_buf *row);

/** Removes the temporary files a dead worker `pid` left for input `in`. */
void dc_batch_remove_leftovers(const dc_batch_job_env *env, const dc_batch_input *in, pid_t pid);

/** The fingerprint of the options that change outputs (for --resume). */
char *dc_batch_fingerprint(const dc_convert_options *opt);


/* ------------------------------------------------------------------------
 * Report files (batch_report.c)
 * ------------------------------------------------------------------------ */

/** A row kept on disk: line [off, off+len) of file `file` of a row set. */
typedef struct {
    char *name;        /**< the row's "name" (sort key) */
    char *input;       /**< the row's "input" (second sort key) */
    int ok;            /**< status "ok" */
    unsigned file;
    off_t off;
    size_t len;
    const char *out_prefix;   /**< prepended to output paths when written, or NULL */
} dc_batch_rowref;

typedef struct {
    int *fds;
    char **paths;
    unsigned nfiles;
    dc_batch_rowref *rows;
    size_t n, cap;
} dc_batch_rowset;

void dc_batch_rowset_free(dc_batch_rowset *rs);
/** Adds an open file (the set closes it); returns its index. */
unsigned dc_batch_rowset_add_file(dc_batch_rowset *rs, int fd, const char *path);
/** Parses one row line to index it; returns 0 or -1 when it is not a row. */
int dc_batch_rowset_add(dc_batch_rowset *rs, unsigned file, off_t off, const char *line,
                        size_t len);
/** Reads row i's text (malloc'ed, NUL-terminated) or NULL with err set. */
char *dc_batch_rowset_read(const dc_batch_rowset *rs, size_t i, dc_error *err);

/** Reads every row line of a journal (report.jsonl) or a report.json into
 *  rs (file opened and kept).  Lines that do not parse (a torn last line) are
 *  skipped and counted in *bad.  For report.json, *shard_k and *shard_n get its
 *  shard (0 when none).  Returns 0 or -1 with err set. */
int dc_batch_rowset_load(dc_batch_rowset *rs, const char *path, int is_report, size_t *bad,
                         unsigned *shard_k, unsigned *shard_n, dc_error *err);

/** Sorts sel (indices into rs->rows) by (name, input). */
void dc_batch_rowset_sort(const dc_batch_rowset *rs, size_t *sel, size_t nsel);

/** The report file names: base "report" / "summary" with ".K-of-N" when
 *  sharded.  Returns a malloc'ed "DIR/report.K-of-N.json" etc. */
char *dc_batch_report_path(const char *dir, const char *base, unsigned k, unsigned n,
                           const char *ext);

/** Writes DIR/report(.K-of-N).json, .csv and summary(.K-of-N).xlsx from the
 *  rows sel (sorted), each atomically; the workbook's date is epoch.  Counts
 *  go to *ok and *failed. */
dc_status dc_batch_report_write(const dc_batch_rowset *rs, const size_t *sel, size_t nsel,
                                const char *dir, unsigned k, unsigned n, long long epoch,
                                size_t *ok, size_t *failed, dc_error *err);

/** Rewrites a journal atomically with the rows sel, one a line. */
dc_status dc_batch_journal_compact(const dc_batch_rowset *rs, const size_t *sel, size_t nsel,
                                   const char *path, dc_error *err);

/** The fixed creation date of report workbooks: SOURCE_DATE_EPOCH when set,
 *  else 1980-01-01. */
long long dc_batch_epoch(void);

/** Takes OUTDIR/.disclosure-batch[.K-of-N].lock (flock, exclusive, not
 *  waiting; n = 0: no shard) and writes our pid into it.  Returns the
 *  descriptor (keep it open for the run), -2 when another run holds it, -1
 *  on another failure; says why on stderr ("disclosure CMD: ..."). */
int dc_batch_lock(const char *cmd, const char *outdir, unsigned k, unsigned n);

/** Opens a temporary file beside path for writing; *tmp gets its name
 *  (tracked for the signal handlers: dc_tmp_track).  Returns the
 *  descriptor, or -1 with err set ("PATH: cannot create: ..."). */
int dc_batch_tmp_open(const char *path, char **tmp, dc_error *err);
/** fsyncs, closes and renames tmp to path; unlinks tmp on failure; frees
 *  tmp either way. */
dc_status dc_batch_tmp_commit(int fd, char *tmp, const char *path, dc_error *err);
/** Gives up a temporary file: closes fd (when >= 0), removes and frees tmp
 *  (when not NULL). */
void dc_batch_tmp_drop(int fd, char *tmp);

/* ------------------------------------------------------------------------
 * Progress (batch_progress.c)
 * ------------------------------------------------------------------------ */

typedef struct {
    int mode;                  /**< 0 quiet, 1 plain lines, 2 terminal bar */
    size_t total, done, failed, unchanged;
    double start, last;        /**< monotonic seconds */
    int bar_shown;
} dc_batch_progress;

void dc_batch_progress_init(dc_batch_progress *p, size_t total, int quiet);
/** Redraws (bar: at most 10 times a second; lines: every 5 s) or when force. */
void dc_batch_progress_update(dc_batch_progress *p, int force);
/** Prints a line (e.g. a failure) without breaking the bar. */
void dc_batch_progress_message(dc_batch_progress *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** Removes the bar. */
void dc_batch_progress_end(dc_batch_progress *p);

#endif
