/*
 * test_tmpfile.c - temporary output names and their cleanup: names that fit
 * in NAME_MAX, which names a sweep may remove (this host's, of processes
 * that are gone), private directories of processes that are gone, and the
 * signals a run catches.
 */
#include "helpers.h"

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "converters/write/tmpfile.h"
#include "model/util.h"

/* The host tag of this machine, read out of a temporary name. */
static void S_host_tag(char tag[9])
{
    char *t = dc_tmp_name("x");
    const char *m = strstr(t, ".tmp-");
    assert_non_null(m);
    memcpy(tag, m + 5, 8);
    tag[8] = '\0';
    free(t);
}

/* A pid that runs no process: a child that has exited and been reaped. */
static pid_t S_dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    assert_true(pid > 0);
    waitpid(pid, NULL, 0);
    return pid;
}

static void test_names_fit(void **state)
{
    (void)state;
    /* 84 x 预 (252 bytes): the temporary name is cut at a character
     * boundary to fit in 255 bytes, in the final name's directory */
    dc_buf b = DC_BUF_INIT;
    dc_buf_puts(&b, "out/");
    for (int i = 0; i < 84; i++)
        dc_buf_puts(&b, "\xe9\xa2\x84");
    char *t = dc_tmp_name(b.data);
    assert_memory_equal(t, "out/.", 5);
    const char *base = t + 4;
    assert_true(strlen(base) <= 255);
    assert_non_null(strstr(base, ".tmp-"));
    assert_int_equal((size_t)(strstr(base, ".tmp-") - base - 1) % 3, 0);   /* whole 预 */
    assert_int_equal(dc_tmp_is_stale(base), 0);   /* our own */
    free(t);
    dc_buf_free(&b);
}

static void test_stale_names(void **state)
{
    (void)state;
    char tag[9], name[128];
    S_host_tag(tag);
    pid_t dead = S_dead_pid();
    snprintf(name, sizeof name, ".a.pdf.tmp-%s-%ld-0", tag, (long)dead);
    assert_int_equal(dc_tmp_is_stale(name), 1);
    snprintf(name, sizeof name, ".a.pdf.tmp-%s-%ld-0", tag, (long)getppid());   /* alive */
    assert_int_equal(dc_tmp_is_stale(name), 0);
    snprintf(name, sizeof name, ".a.pdf.tmp-00000000-%ld-0", (long)dead);   /* another host */
    assert_int_equal(dc_tmp_is_stale(name), 0);
    snprintf(name, sizeof name, "a.pdf.tmp-%s-%ld-0", tag, (long)dead);   /* not hidden */
    assert_int_equal(dc_tmp_is_stale(name), 0);
    snprintf(name, sizeof name, ".a.pdf.tmp-%s-%ld-0x", tag, (long)dead);   /* not ours */
    assert_int_equal(dc_tmp_is_stale(name), 0);

    /* private directories: PREFIX-HOST-PID-XXXXXX */
    char *tpl = dc_tmp_dir_template("/tmp", "disclosure-serve");
    char want[128];
    snprintf(want, sizeof want, "/tmp/disclosure-serve-%s-%ld-XXXXXX", tag, (long)getpid());
    assert_string_equal(tpl, want);
    free(tpl);
    snprintf(name, sizeof name, "disclosure-serve-%s-%ld-Ab3xYz", tag, (long)dead);
    assert_int_equal(dc_tmp_dir_is_stale(name, "disclosure-serve"), 1);
    assert_int_equal(dc_tmp_dir_is_stale(name, "disclosure-other"), 0);
    snprintf(name, sizeof name, "disclosure-serve-%s-%ld-Ab3xYz", tag, (long)getpid());
    assert_int_equal(dc_tmp_dir_is_stale(name, "disclosure-serve"), 0);
    snprintf(name, sizeof name, "disclosure-serve-00000000-%ld-Ab3xYz", (long)dead);
    assert_int_equal(dc_tmp_dir_is_stale(name, "disclosure-serve"), 0);
    snprintf(name, sizeof name, "disclosure-serve-%s-%ld-Ab3", tag, (long)dead);
    assert_int_equal(dc_tmp_dir_is_stale(name, "disclosure-serve"), 0);
}

static void test_sweep(void **state)
{
    (void)state;
    char dir[] = "/tmp/dc-tmpfile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char tag[9];
    S_host_tag(tag);
    pid_t dead = S_dead_pid();
    const char *names[3];
    char stale[256], live[256], sub[256], plain[256];
    snprintf(stale, sizeof stale, "%s/.a.pdf.tmp-%s-%ld-0", dir, tag, (long)dead);
    snprintf(live, sizeof live, "%s/.b.pdf.tmp-%s-%ld-0", dir, tag, (long)getppid());
    snprintf(plain, sizeof plain, "%s/a.pdf", dir);
    names[0] = stale;
    names[1] = live;
    names[2] = plain;
    for (int i = 0; i < 3; i++) {
        FILE *f = fopen(names[i], "w");
        assert_non_null(f);
        fclose(f);
    }
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    char deep[300];
    snprintf(deep, sizeof deep, "%s/.c.xlsx.tmp-%s-%ld-7", sub, tag, (long)dead);
    fclose(fopen(deep, "w"));
    assert_int_equal(dc_tmp_sweep(dir, 0), 1);   /* not into sub */
    assert_int_equal(access(stale, F_OK), -1);
    assert_int_equal(access(live, F_OK), 0);
    assert_int_equal(access(plain, F_OK), 0);
    assert_int_equal(access(deep, F_OK), 0);
    assert_int_equal(dc_tmp_sweep(dir, 1), 1);
    assert_int_equal(access(deep, F_OK), -1);
    unlink(live);
    unlink(plain);
    rmdir(sub);
    assert_int_equal(rmdir(dir), 0);
}

static volatile sig_atomic_t S_got;
static void S_handler(int sig)
{
    S_got = sig;
}

static void test_signals(void **state)
{
    (void)state;
    struct sigaction old[DC_TMP_NSIGNALS + 1], now;
    dc_tmp_catch_signals(S_handler, old);
    for (int i = 0; i < DC_TMP_NSIGNALS; i++) {
        sigaction(dc_tmp_signals[i], NULL, &now);
        assert_ptr_equal(now.sa_handler, S_handler);
    }
    sigaction(SIGXFSZ, NULL, &now);
    assert_ptr_equal(now.sa_handler, SIG_IGN);   /* a write past ulimit -f fails instead */
    raise(SIGUSR1);
    assert_int_equal(S_got, SIGUSR1);
    dc_tmp_restore_signals(old);
    for (int i = 0; i < DC_TMP_NSIGNALS; i++) {
        sigaction(dc_tmp_signals[i], NULL, &now);
        assert_ptr_equal(now.sa_handler, old[i].sa_handler);
    }
    sigaction(SIGXFSZ, NULL, &now);
    assert_ptr_equal(now.sa_handler, old[DC_TMP_NSIGNALS].sa_handler);

    /* the exit handler removes what is tracked and exits 128 + the signal */
    char path[] = "/tmp/dc-tmpfile-track-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    pid_t pid = fork();
    if (pid == 0) {
        dc_tmp_track(path);
        dc_tmp_catch_signals(dc_tmp_exit_on_signal, NULL);
        raise(SIGTERM);
        _exit(99);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 128 + SIGTERM);
    assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_fit),
        cmocka_unit_test(test_stale_names),
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_signals),
    };
    return cmocka_run_group_tests_name("tmpfile", tests, NULL, NULL);
}
