/*
 * disclosure_test.c - the tests' build of the binary (build/disclosure-test):
 * the same commands as build/disclosure, plus hooks the end-to-end tests
 * steer through the environment (docs/batch.md, "Test hooks"):
 *
 *   DISCLOSURE_BATCH_TEST="ACTION=TEXT,..."  a worker about to convert an
 *       input whose name contains TEXT: sleep (forever; its pid goes to
 *       $DISCLOSURE_BATCH_TEST_PIDFILE when set), segv, exit (3), hog
 *       (memory until the limit stops it)
 *   DISCLOSURE_TEST_HOLD_FILE=PATH  once all temporary outputs of a document
 *       are written, create PATH and wait (at most 60 s) until it is removed
 *   DISCLOSURE_TEST_HOLD_REPORTS=PATH  the same once batch's or summarize's
 *       report files are written under their temporary names
 *
 * The production binary (cmd/main.c) installs no hooks.
 *
 * SPDX-License-Identifier: MIT
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "converters/pipeline.h"
#include "converters/write/outfile.h"

static void *volatile S_sink;

static void S_job_start(const char *rel)
{
    const char *spec = getenv("DISCLOSURE_BATCH_TEST");
    if (!spec || !*spec)
        return;
    char *copy = dc_xstrdup(spec), *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq || !eq[1] || !strstr(rel, eq + 1))
            continue;
        *eq = '\0';
        if (!strcmp(item, "sleep")) {
            const char *pidfile = getenv("DISCLOSURE_BATCH_TEST_PIDFILE");
            if (pidfile && *pidfile) {
                dc_buf b = DC_BUF_INIT;
                dc_buf_printf(&b, "%ld\n", (long)getpid());
                dc_error err = {0};
                dc_write_file_atomic(pidfile, b.data, b.len, &err);
                dc_buf_free(&b);
            }
            for (;;)
                pause();
        } else if (!strcmp(item, "segv")) {
            raise(SIGSEGV);
        } else if (!strcmp(item, "exit")) {
            _exit(3);
        } else if (!strcmp(item, "hog")) {
            struct rlimit rl;
            if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) {
                fputs("disclosure: the hog test hook needs --memory\n", stderr);
                _exit(4);
            }
            for (;;) {   /* grows until the memory limit stops it */
                char *p = dc_xmalloc(16u << 20);
                memset(p, 1, 16u << 20);
                *(void **)p = S_sink;
                S_sink = p;
            }
        }
    }
    free(copy);
}

/* When the environment variable var names a file: creates it and waits (at
 * most 60 s) until it is removed. */
static void S_hold(const char *var)
{
    const char *hold = getenv(var);
    if (!hold || !*hold)
        return;
    int fd = open(hold, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    close(fd);
    for (int i = 0; i < 6000 && access(hold, F_OK) == 0; i++)
        usleep(10000);
}

static void S_outputs_written(void)
{
    S_hold("DISCLOSURE_TEST_HOLD_FILE");
}

static void S_reports_written(void)
{
    S_hold("DISCLOSURE_TEST_HOLD_REPORTS");
}

int main(int argc, char **argv)
{
    static const dc_test_hooks hooks = {S_job_start, S_outputs_written, S_reports_written};
    dc_test_hooks_set(&hooks);
    return cli_main(argc, argv);
}
