/*
 * pool.c - persistent forked workers with per-job limits (pool.h).
 *
 * The parent forks up to `workers` children.  Each reads job numbers from a
 * pipe, runs the job and writes a length-prefixed reply on a second pipe; its
 * standard error goes to a third pipe whose tail the parent keeps to explain
 * a crash.  A child that dies mid-job (signal, limit, exit) has that job
 * reported through died() and is replaced; the batch goes on.
 *
 * SPDX-License-Identifier: MIT
 */
#include "converters/pool.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define S_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define S_ASAN 1
#endif
#endif

#define S_TAIL 1024   /* bytes of a worker's standard error kept */

typedef struct {
    pid_t pid;            /* 0 = no process */
    int job_fd;           /* parent -> worker: job numbers */
    int res_fd;           /* worker -> parent: replies */
    int err_fd;           /* worker's standard error */
    int busy;
    size_t job;
    double started;
    int timed_out;
    dc_buf in;            /* reply bytes received so far */
    char tail[S_TAIL];    /* last bytes of standard error during the job */
    size_t tail_len;
} S_worker;

/* ---- the worker side ----------------------------------------------------- */

/* The CPU limit for the next job: what this process has used so far plus
 * the per-job budget (RLIMIT_CPU counts the whole process). */
static void S_cpu_limit(double timeout)
{
    if (timeout <= 0)
        return;
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return;
    double used = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
                  (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    struct rlimit rl;
    if (getrlimit(RLIMIT_CPU, &rl) != 0)
        return;
    rlim_t want = (rlim_t)ceil(used + timeout) + 1;
    if (rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max)
        want = rl.rlim_max;
    rl.rlim_cur = want;
    setrlimit(RLIMIT_CPU, &rl);
}

static void S_worker_main(const dc_pool *pool, int job_fd, int res_fd, int err_fd,
                          pid_t parent)
{
    /* Die with the parent; ignore the terminal's ^C and hangup (the parent decides). */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(0);
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_DFL);

    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        dup2(devnull, 0);
        dup2(devnull, 1);
        if (devnull > 2)
            close(devnull);
    }
    dup2(err_fd, 2);
    if (err_fd != 2)
        close(err_fd);
    for (const int *fd = pool->close_in_worker; fd && *fd >= 0; fd++)
        close(*fd);

    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);   /* hundreds of crashing inputs, no core files */
#ifndef S_ASAN
    if (pool->memory_mb) {
        rl.rlim_cur = rl.rlim_max = (rlim_t)pool->memory_mb << 20;
        setrlimit(RLIMIT_AS, &rl);
    }
#endif
    dc_buf reply = DC_BUF_INIT;
    for (;;) {
        uint64_t job;
        if (dc_fd_read_full(job_fd, &job, sizeof job) != 0)
            break;
        S_cpu_limit(pool->timeout);
        dc_buf_clear(&reply);
        pool->work(pool->ctx, (size_t)job, &reply);
        uint32_t len = (uint32_t)reply.len;
        if (dc_fd_write_full(res_fd, &len, sizeof len) != 0 ||
            dc_fd_write_full(res_fd, reply.data ? reply.data : "", reply.len) != 0)
            break;
    }
    dc_buf_free(&reply);
    _exit(0);
}

/* ---- the parent side ----------------------------------------------------- */

static void S_close(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static int S_spawn(const dc_pool *pool, S_worker *ws, unsigned nw, S_worker *w)
{
    int jp[2], rp[2], ep[2];
    if (pipe2(jp, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(rp, O_CLOEXEC) != 0) {
        close(jp[0]);
        close(jp[1]);
        return -1;
    }
    if (pipe2(ep, O_CLOEXEC) != 0) {
        close(jp[0]);
        close(jp[1]);
        close(rp[0]);
        close(rp[1]);
        return -1;
    }
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(jp[0]); close(jp[1]); close(rp[0]); close(rp[1]); close(ep[0]); close(ep[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        /* the other workers' pipes must close when they die, not linger here */
        for (unsigned i = 0; i < nw; i++) {
            if (&ws[i] == w)
                continue;
            if (ws[i].job_fd >= 0) close(ws[i].job_fd);
            if (ws[i].res_fd >= 0) close(ws[i].res_fd);
            if (ws[i].err_fd >= 0) close(ws[i].err_fd);
        }
        close(jp[1]);
        close(rp[0]);
        close(ep[0]);
        S_worker_main(pool, jp[0], rp[1], ep[1], parent);
    }
    close(jp[0]);
    close(rp[1]);
    close(ep[1]);
    w->pid = pid;
    w->job_fd = jp[1];
    w->res_fd = rp[0];
    w->err_fd = ep[0];
    fcntl(w->res_fd, F_SETFL, O_NONBLOCK);
    fcntl(w->err_fd, F_SETFL, O_NONBLOCK);
    w->busy = 0;
    w->timed_out = 0;
    dc_buf_clear(&w->in);
    w->tail_len = 0;
    return 0;
}

/* Keeps the last S_TAIL bytes written to the worker's standard error. */
static void S_drain_err(S_worker *w)
{
    char buf[4096];
    for (;;) {
        ssize_t r = read(w->err_fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                S_close(&w->err_fd);
            return;
        }
        size_t n = (size_t)r;
        if (n >= S_TAIL) {
            memcpy(w->tail, buf + n - S_TAIL, S_TAIL);
            w->tail_len = S_TAIL;
        } else {
            if (w->tail_len + n > S_TAIL) {
                size_t drop = w->tail_len + n - S_TAIL;
                memmove(w->tail, w->tail + drop, w->tail_len - drop);
                w->tail_len -= drop;
            }
            memcpy(w->tail + w->tail_len, buf, n);
            w->tail_len += n;
        }
    }
}

/* The last non-empty line of the kept standard error, or "". */
static void S_last_line(const S_worker *w, char *out, size_t cap)
{
    size_t end = w->tail_len;
    while (end && (w->tail[end - 1] == '\n' || w->tail[end - 1] == '\r' ||
                   w->tail[end - 1] == ' '))
        end--;
    size_t start = end;
    while (start && w->tail[start - 1] != '\n')
        start--;
    size_t n = end - start < cap - 1 ? end - start : cap - 1;
    memcpy(out, w->tail + start, n);
    out[n] = '\0';
}

/* Reaps a worker whose reply pipe closed and reports its job if it had one. */
static void S_reap(const dc_pool *pool, S_worker *w)
{
    /* the error pipe may still hold the last words */
    if (w->err_fd >= 0)
        S_drain_err(w);
    int status = 0;
    pid_t r;
    do
        r = waitpid(w->pid, &status, 0);
    while (r < 0 && errno == EINTR);
    if (w->err_fd >= 0)
        S_drain_err(w);
    if (w->busy) {
        char last[300], msg[600];
        const char *reason;
        S_last_line(w, last, sizeof last);
        int oom = strstr(last, "out of memory") || strstr(last, "Cannot allocate memory") ||
                  strstr(last, "bad_alloc");
        if (w->timed_out) {
            reason = "timed out";
            snprintf(msg, sizeof msg, "timed out after %g s", pool->timeout);
        } else if (r > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
            reason = "cpu limit";
            snprintf(msg, sizeof msg, "CPU time limit of %g s exceeded", pool->timeout);
        } else if (oom && pool->memory_mb) {
            reason = "memory limit";
            snprintf(msg, sizeof msg, "memory limit of %zu MB exceeded (%s)", pool->memory_mb,
                     last);
        } else if (r > 0 && WIFSIGNALED(status)) {
            int sig = WTERMSIG(status);
            reason = sig == SIGKILL ? "killed" : "crashed";
            snprintf(msg, sizeof msg, "%s by signal %d (%s)%s%s",
                     sig == SIGKILL ? "killed" : "crashed", sig, strsignal(sig),
                     last[0] ? ": " : "", last);
        } else if (r > 0 && WIFEXITED(status)) {
            reason = "crashed";
            snprintf(msg, sizeof msg, "worker exited with status %d%s%s", WEXITSTATUS(status),
                     last[0] ? ": " : "", last);
        } else {
            reason = "crashed";
            snprintf(msg, sizeof msg, "worker lost");
        }
        w->busy = 0;
        pool->died(pool->ctx, w->job, w->pid, reason, msg, dc_clock_seconds() - w->started);
    }
    S_close(&w->job_fd);
    S_close(&w->res_fd);
    S_close(&w->err_fd);
    w->pid = 0;
}

/* Reads what the worker sent; returns 1 on end of file (the worker is gone). */
static int S_read_reply(const dc_pool *pool, S_worker *w)
{
    char buf[65536];
    int eof = 0;
    for (;;) {
        ssize_t r = read(w->res_fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;   /* EAGAIN */
        if (r == 0) {
            eof = 1;   /* after the replies received with it */
            break;
        }
        dc_buf_put(&w->in, buf, (size_t)r);
    }
    while (w->in.len >= 4) {
        uint32_t len;
        memcpy(&len, w->in.data, 4);
        if (w->in.len < 4 + (size_t)len)
            break;
        if (w->busy) {
            w->busy = 0;
            pool->done(pool->ctx, w->job, w->in.data + 4, len);
        }
        size_t rest = w->in.len - 4 - len;
        memmove(w->in.data, w->in.data + 4 + len, rest);
        w->in.len = rest;
        w->tail_len = 0;
    }
    return eof;
}

int dc_pool_run(const dc_pool *pool, const size_t *jobs, size_t njobs)
{
    unsigned nw = pool->workers ? pool->workers : 1;
    if (nw > njobs)
        nw = njobs ? (unsigned)njobs : 1;
    S_worker *ws = dc_xcalloc(nw, sizeof *ws);
    for (unsigned i = 0; i < nw; i++)
        ws[i].job_fd = ws[i].res_fd = ws[i].err_fd = -1;
    struct pollfd *pfd = dc_xcalloc(2 * (size_t)nw, sizeof *pfd);
    S_worker **owner = dc_xcalloc(2 * (size_t)nw, sizeof *owner);
    void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);

    size_t next = 0;         /* next job to hand out */
    size_t *requeue = dc_xmalloc((nw + 1) * sizeof *requeue);
    size_t nrequeue = 0;
    int rc = 0;
    double last_tick = dc_clock_seconds();

    for (;;) {
        if (pool->stop && *pool->stop) {
            rc = -1;
            break;
        }
        int pending = next < njobs || nrequeue > 0;
        int busy = 0;
        /* hand out jobs; start workers as needed */
        for (unsigned i = 0; i < nw; i++) {
            S_worker *w = &ws[i];
            if (w->busy) {
                busy++;
                continue;
            }
            if (w->pid && w->job_fd < 0)
                continue;   /* gone while idle; reaped when its pipe closes */
            if (!(next < njobs || nrequeue > 0)) {
                if (w->pid)
                    S_close(&w->job_fd);   /* no more work: let it exit */
                continue;
            }
            if (!w->pid && S_spawn(pool, ws, nw, w) != 0) {
                int e = errno, others = 0;
                for (unsigned k = 0; k < nw; k++)
                    others += ws[k].pid != 0;
                if (others)
                    continue;   /* carry on with the workers there are */
                fprintf(stderr, "disclosure batch: cannot start a worker: %s\n", strerror(e));
                rc = -1;
                goto out;
            }
            size_t job = nrequeue ? requeue[--nrequeue] : jobs[next++];
            uint64_t msg = job;
            if (dc_fd_write_full(w->job_fd, &msg, sizeof msg) != 0) {
                /* died while idle: the job never started; give it to another */
                requeue[nrequeue++] = job;
                S_close(&w->job_fd);
                continue;
            }
            w->busy = 1;
            w->job = job;
            w->started = dc_clock_seconds();
            w->timed_out = 0;
            w->tail_len = 0;
            busy++;
        }
        int alive = 0;
        for (unsigned i = 0; i < nw; i++)
            alive += ws[i].pid != 0;
        if (!pending && !busy && !alive)
            break;

        /* wait for replies, deaths, the next deadline or the next tick */
        nfds_t n = 0;
        for (unsigned i = 0; i < nw; i++) {
            if (!ws[i].pid)
                continue;
            if (ws[i].res_fd >= 0) {
                pfd[n] = (struct pollfd){ws[i].res_fd, POLLIN, 0};
                owner[n++] = &ws[i];
            }
            if (ws[i].err_fd >= 0) {
                pfd[n] = (struct pollfd){ws[i].err_fd, POLLIN, 0};
                owner[n++] = &ws[i];
            }
        }
        double now = dc_clock_seconds();
        double wait = pool->tick_ms > 0 ? pool->tick_ms / 1000.0 : 1.0;
        if (pool->timeout > 0)
            for (unsigned i = 0; i < nw; i++)
                if (ws[i].busy && !ws[i].timed_out) {
                    double left = ws[i].started + pool->timeout - now;
                    if (left < wait)
                        wait = left < 0 ? 0 : left;
                }
        int pr = poll(pfd, n, (int)ceil(wait * 1000));
        if (pr < 0 && errno != EINTR) {
            fprintf(stderr, "disclosure batch: poll: %s\n", strerror(errno));
            rc = -1;
            break;
        }
        for (nfds_t k = 0; pr > 0 && k < n; k++) {
            if (!pfd[k].revents)
                continue;
            S_worker *w = owner[k];
            if (!w->pid)
                continue;
            if (pfd[k].fd == w->err_fd) {
                S_drain_err(w);
            } else if (pfd[k].fd == w->res_fd) {
                if (S_read_reply(pool, w))
                    S_reap(pool, w);
            }
        }
        now = dc_clock_seconds();
        if (pool->timeout > 0)
            for (unsigned i = 0; i < nw; i++)
                if (ws[i].pid && ws[i].busy && !ws[i].timed_out &&
                    now - ws[i].started >= pool->timeout) {
                    ws[i].timed_out = 1;
                    kill(ws[i].pid, SIGKILL);
                }
        if (pool->tick && now - last_tick >= (pool->tick_ms > 0 ? pool->tick_ms : 1000) / 1000.0) {
            pool->tick(pool->ctx);
            last_tick = now;
        }
    }
out:
    for (unsigned i = 0; i < nw; i++) {
        S_worker *w = &ws[i];
        if (w->pid) {
            if (rc != 0 || w->busy)
                kill(w->pid, SIGKILL);
            S_close(&w->job_fd);
            while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
                ;
        }
        S_close(&w->job_fd);
        S_close(&w->res_fd);
        S_close(&w->err_fd);
        dc_buf_free(&w->in);
    }
    signal(SIGPIPE, old_pipe);
    free(requeue);
    free(owner);
    free(pfd);
    free(ws);
    return rc;
}

double dc_clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
