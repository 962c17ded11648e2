/*
 * pool.h - persistent forked workers, one job at a time each, with a
 * wall-clock timeout the parent enforces with SIGKILL and RLIMIT_AS /
 * RLIMIT_CPU limits set in the worker.  `batch` runs its inputs on it and
 * `serve` the documents of a request: a crashing, hanging or memory-hungry
 * document costs its job, never the caller.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_POOL_H
#define DC_POOL_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "model/util.h"

typedef struct {
    unsigned workers;          /**< at least 1 */
    double timeout;            /**< seconds of wall clock per job; 0 = none */
    size_t memory_mb;          /**< address-space limit per worker; 0 = none */
    int tick_ms;               /**< how often tick() is called at least */
    void *ctx;
    /** In the worker: do job `job` and put the reply into `reply`. */
    void (*work)(void *ctx, size_t job, dc_buf *reply);
    /** In the parent: a job's reply arrived. */
    void (*done)(void *ctx, size_t job, const char *reply, size_t len);
    /** In the parent: the worker died during job `job`; reason is a short
     *  class ("timed out", "killed", "crashed", "memory limit", "cpu limit"),
     *  message one line. */
    void (*died)(void *ctx, size_t job, pid_t pid, const char *reason, const char *message,
                 double seconds);
    /** In the parent, between events. */
    void (*tick)(void *ctx);
    /** Set from a signal handler to stop: busy workers are killed and the
     *  pool returns without reporting their jobs. */
    volatile sig_atomic_t *stop;
    /** fds the workers must not keep open (e.g. the journal); -1 ends it */
    const int *close_in_worker;
} dc_pool;

/** Runs jobs[0..njobs) on the pool.  Returns 0, or -1 when stopped or when
 *  workers cannot be started (message printed). */
int dc_pool_run(const dc_pool *pool, const size_t *jobs, size_t njobs);

/** Seconds on the monotonic clock (for durations). */
double dc_clock_seconds(void);

#endif
