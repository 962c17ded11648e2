/*
 * tmpfile.h - the temporary names every output is written under before it
 * is renamed into place, and their cleanup.
 *
 * A temporary name lives beside its final name: DIR/.NAME.tmp-HOST-PID-N,
 * HOST being 8 hex digits of a hash of the host name, PID the writing
 * process.  NAME is the final base name, shortened at a UTF-8 boundary when
 * needed, so that the temporary name fits in NAME_MAX (255 bytes) whenever
 * the final name does.
 *
 * Cleanup: a process tracks the temporary files it has open
 * (dc_tmp_track/untrack) so that a signal handler can remove them
 * (dc_tmp_remove_tracked is async-signal-safe); a run that was killed
 * outright (SIGKILL, power loss) leaves them, and the next run in that
 * directory removes every temporary file of this host whose process is gone
 * (dc_tmp_sweep).  Files of other hosts (a shared disk) are left alone.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_TMPFILE_H
#define DC_TMPFILE_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/** The temporary name for final (same directory); caller frees. */
char *dc_tmp_name(const char *final);

/** Remembers path (not copied: keep it alive until dc_tmp_untrack) as a
 *  temporary file to remove on a signal.  At most 64 at a time (more are
 *  not tracked, and left to the next run's sweep). */
void dc_tmp_track(const char *path);
void dc_tmp_untrack(const char *path);
/** unlink()s every tracked path; async-signal-safe. */
void dc_tmp_remove_tracked(void);
/** A child process writing tracked files (0: none): dc_tmp_remove_tracked
 *  kills and reaps it first, so that it cannot make a file again. */
void dc_tmp_track_writer(pid_t pid);
/** A signal handler: dc_tmp_remove_tracked, then _exit(128 + sig). */
void dc_tmp_exit_on_signal(int sig);

/** The signals a run catches to remove its temporary files: those whose
 *  default action ends the process and that are not part of a worker's
 *  limits — SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM,
 *  SIGVTALRM, SIGPROF (not SIGPIPE, not SIGXCPU: the batch's CPU limit). */
#define DC_TMP_NSIGNALS 9
extern const int dc_tmp_signals[DC_TMP_NSIGNALS];

/** Sets handler for each of dc_tmp_signals (all signals blocked while it
 *  runs) and ignores SIGXFSZ, so that a write past the file size limit
 *  (ulimit -f) fails with EFBIG like a full disk instead of killing the
 *  process.  old, when not NULL, receives the previous actions
 *  (DC_TMP_NSIGNALS + 1 of them) for dc_tmp_restore_signals. */
void dc_tmp_catch_signals(void (*handler)(int), struct sigaction *old);
/** Puts back the actions dc_tmp_catch_signals saved in old. */
void dc_tmp_restore_signals(const struct sigaction *old);

/** When base (a file name without directory) is a temporary name of this
 *  host whose process no longer runs, returns 1. */
int dc_tmp_is_stale(const char *base);
/** A private working directory's mkdtemp() template under parent:
 *  "PARENT/PREFIX-HOST-PID-XXXXXX" (HOST and PID as in temporary names, so
 *  that a later process can tell it was left by one that is gone); caller
 *  frees. */
char *dc_tmp_dir_template(const char *parent, const char *prefix);
/** When base is a name dc_tmp_dir_template made with prefix on this host
 *  for a process that no longer runs, returns 1. */
int dc_tmp_dir_is_stale(const char *base, const char *prefix);

/** Removes the stale temporary files in dir (and in its subdirectories when
 *  recursive; symbolic links are not followed).  Returns how many. */
size_t dc_tmp_sweep(const char *dir, int recursive);

#endif
