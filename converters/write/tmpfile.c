/*
 * tmpfile.c - temporary output names, their removal on signals, and the
 * sweep of those left by processes that are gone.
 *
 * SPDX-License-Identifier: MIT
 */
#include "converters/write/tmpfile.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/sha256.h"
#include "model/util.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

/* 8 hex digits of SHA-256 of the host name */
static const char *S_host_tag(void)
{
    static char tag[9];
    if (!tag[0]) {
        char host[256] = "";
        if (gethostname(host, sizeof host - 1) != 0)
            strcpy(host, "localhost");
        host[sizeof host - 1] = '\0';
        char hex[65];
        dc_sha256_hex(host, strlen(host), hex);
        memcpy(tag, hex, 8);
        tag[8] = '\0';
    }
    return tag;
}

char *dc_tmp_name(const char *final)
{
    static unsigned counter;
    const char *slash = strrchr(final, '/');
    const char *base = slash ? slash + 1 : final;
    char suffix[64];
    snprintf(suffix, sizeof suffix, ".tmp-%s-%ld-%u", S_host_tag(), (long)getpid(), counter++);
    size_t room = NAME_MAX - 1 - strlen(suffix), n = strlen(base);
    if (n > room) {
        n = room;
        while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
            n--;   /* never cut a UTF-8 sequence */
    }
    dc_buf b = DC_BUF_INIT;
    if (slash)
        dc_buf_put(&b, final, (size_t)(slash - final) + 1);
    dc_buf_putc(&b, '.');
    dc_buf_put(&b, base, n);
    dc_buf_puts(&b, suffix);
    return dc_buf_detach(&b, NULL);
}

/* ---- tracking for signal handlers ---------------------------------------- */

#define S_TRACK 64
static const char *volatile S_tracked[S_TRACK];

void dc_tmp_track(const char *path)
{
    dc_on_out_of_memory(dc_tmp_remove_tracked);   /* an allocation that fails exits */
    for (int i = 0; i < S_TRACK; i++)
        if (!S_tracked[i]) {
            S_tracked[i] = path;
            return;
        }
}

void dc_tmp_untrack(const char *path)
{
    for (int i = 0; i < S_TRACK; i++)
        if (S_tracked[i] == path)
            S_tracked[i] = NULL;
}

static volatile pid_t S_writer;

void dc_tmp_track_writer(pid_t pid)
{
    S_writer = pid;
}

void dc_tmp_remove_tracked(void)
{
    int saved = errno;
    /* a child still writing one of the files would make it again */
    pid_t w = S_writer;
    if (w > 0 && w != getpid()) {
        kill(w, SIGKILL);
        while (waitpid(w, NULL, 0) < 0 && errno == EINTR)
            ;
        S_writer = 0;
    }
    for (int i = 0; i < S_TRACK; i++) {
        const char *p = S_tracked[i];
        if (p)
            unlink(p);
    }
    errno = saved;
}

const int dc_tmp_signals[DC_TMP_NSIGNALS] = {SIGHUP, SIGINT,  SIGQUIT,   SIGTERM, SIGUSR1,
                                             SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF};

void dc_tmp_catch_signals(void (*handler)(int), struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigfillset(&sa.sa_mask);
    for (int i = 0; i < DC_TMP_NSIGNALS; i++)
        sigaction(dc_tmp_signals[i], &sa, old ? &old[i] : NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGXFSZ, &sa, old ? &old[DC_TMP_NSIGNALS] : NULL);
}

void dc_tmp_restore_signals(const struct sigaction *old)
{
    for (int i = 0; i < DC_TMP_NSIGNALS; i++)
        sigaction(dc_tmp_signals[i], &old[i], NULL);
    sigaction(SIGXFSZ, &old[DC_TMP_NSIGNALS], NULL);
}

void dc_tmp_exit_on_signal(int sig)
{
    dc_tmp_remove_tracked();
    _exit(128 + sig);
}

/* ---- stale files ----------------------------------------------------------- */

/* Parses the digits s[0..n); -1 when not all digits or empty. */
static long S_digits(const char *s, size_t n)
{
    if (!n || n > 18)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* A process that has exited but not been reaped (its new parent, often a
 * container's init, has not waited for it yet) still answers kill(pid, 0). */
static int S_zombie(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *close_paren = strrchr(buf, ')');   /* "PID (COMM) STATE ..." */
    return close_paren && close_paren[1] == ' ' &&
           (close_paren[2] == 'Z' || close_paren[2] == 'X');
}

/* tag: TAG "-" PID "-" REST; 1 when TAG is this host's and PID names no
 * process (or a zombie), REST being digits (digits_rest) or any 6 bytes. */
static int S_owner_gone(const char *tag, int digits_rest)
{
    if (strncmp(tag, S_host_tag(), 8) != 0 || tag[8] != '-')
        return 0;
    const char *pid_s = tag + 9, *dash = strchr(pid_s, '-');
    if (!dash)
        return 0;
    if (digits_rest ? S_digits(dash + 1, strlen(dash + 1)) < 0 : strlen(dash + 1) != 6)
        return 0;
    long pid = S_digits(pid_s, (size_t)(dash - pid_s));
    if (pid <= 0 || pid > INT_MAX)
        return 0;
    if ((pid_t)pid == getpid())
        return 0;
    if (kill((pid_t)pid, 0) != 0)
        return errno == ESRCH;
    return S_zombie((pid_t)pid);
}

int dc_tmp_is_stale(const char *base)
{
    if (base[0] != '.')
        return 0;
    /* ...".tmp-" TAG "-" PID "-" N at the end */
    const char *m = NULL;
    for (const char *p = strstr(base, ".tmp-"); p; p = strstr(p + 1, ".tmp-"))
        m = p;
    if (!m || m == base)
        return 0;
    return S_owner_gone(m + 5, 1);
}

char *dc_tmp_dir_template(const char *parent, const char *prefix)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_printf(&b, "%s/%s-%s-%ld-XXXXXX", parent, prefix, S_host_tag(), (long)getpid());
    return dc_buf_detach(&b, NULL);
}

int dc_tmp_dir_is_stale(const char *base, const char *prefix)
{
    size_t n = strlen(prefix);
    return !strncmp(base, prefix, n) && base[n] == '-' && S_owner_gone(base + n + 1, 0);
}

static size_t S_sweep(const char *dir, int recursive, int depth)
{
    if (depth > 64)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        /* most entries are neither ours nor directories to enter: decide
         * from the name and d_type before any lstat */
        int stale = dc_tmp_is_stale(e->d_name);
        int maybe_dir = recursive && (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN);
        if (!stale && !maybe_dir)
            continue;
        dc_buf p = DC_BUF_INIT;
        dc_buf_printf(&p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p.data, &st) == 0) {
            if (S_ISREG(st.st_mode) && stale) {
                if (unlink(p.data) == 0)
                    removed++;
            } else if (S_ISDIR(st.st_mode) && recursive) {
                removed += S_sweep(p.data, recursive, depth + 1);
            }
        }
        dc_buf_free(&p);
    }
    closedir(d);
    return removed;
}

size_t dc_tmp_sweep(const char *dir, int recursive)
{
    return S_sweep(dir, recursive, 0);
}
