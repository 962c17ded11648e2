/*
 * serve.h - the parts of `disclosure serve` (README "Submission desk"):
 * the HTTP side (serve.c, libmicrohttpd) and the job runner (serve_job.c)
 * that converts one request's uploads in worker processes.  Internal to cmd/.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_SERVE_H
#define DC_SERVE_H

#include <stddef.h>

#include "converters/pipeline.h"

typedef enum {
    DC_SERVE_CHECK,     /**< POST /api/check: the check --json array */
    DC_SERVE_CONVERT,   /**< POST /api/convert: one output, or a ZIP */
    DC_SERVE_REVIEW     /**< POST /api/review: the page's one-file answer */
} dc_serve_kind;

/** What the server passes on to every job. */
typedef struct {
    const dc_convert_options *opt;   /**< outputs (the default), limits, PDF options, fonts */
    double timeout;                  /**< seconds per document; 0 = none */
    size_t memory_mb;                /**< address space of a worker; 0 = none */
    long long keep_seconds;          /**< how long review downloads are kept */
} dc_serve_env;

/** One request's work.  Uploads are dir/in/0 .. dir/in/N-1. */
typedef struct {
    dc_serve_kind kind;
    const char *dir;
    size_t nfiles;
    char *const *names;      /**< each upload's file name as sent (cleaned) */
    unsigned outputs;        /**< DC_OUT_* for convert */
    int pdfa;
    const char *store_dir;   /**< review: where its outputs are kept */
    const char *url_prefix;  /**< review: "/d/TOKEN/" */
} dc_serve_job;

/** Runs a job (in a process of its own, forked by the server): each document
 *  is read and written in a worker process of the batch pool under the
 *  timeout and memory limit, then the answer is composed into dir/answer.body
 *  with dir/answer.meta ("STATUS\nCONTENT-TYPE\nFILENAME\n").  Returns 0, or
 *  non-zero when no answer could be written. */
int dc_serve_run_job(const dc_serve_env *env, const dc_serve_job *job);

/** Adds `s` percent-encoded as RFC 5987 requires (attr-char kept). */
void dc_serve_pct_encode(dc_buf *b, const char *s);

/** Appends the API's error body: {"error": msg, "file": file (when not
 *  NULL)} and a newline. */
void dc_serve_error_json(dc_buf *b, const char *msg, const char *file);

#endif
