/*
 * cli.h - the subcommands of `disclosure` and helpers they share.
 *
 * Each subcommand is `int cmd_NAME(int argc, char **argv)` with argv[0] the
 * subcommand's name; it returns the process exit code (see README "Exit
 * codes").
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_CLI_H
#define DC_CLI_H

#include <stdio.h>

#include "converters/reader.h"
#include "model/util.h"

int cmd_inspect(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_fonts(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_summarize(int argc, char **argv);

/** Exit codes (README "Exit codes"). */
enum {
    DC_EXIT_OK = 0,
    DC_EXIT_FINDINGS = 1,   /* check: errors found; batch: some inputs failed */
    DC_EXIT_USAGE = 2,
    DC_EXIT_INPUT = 3,      /* unreadable input */
    DC_EXIT_OUTPUT = 4,     /* cannot write output */
    DC_EXIT_INTERNAL = 5
};

/** Default limits, then DISCLOSURE_LIMITS from the environment.  Returns 0,
 *  or prints the problem and returns DC_EXIT_USAGE. */
int cli_limits_init(dc_limits *lim);
/** Applies a --limit argument; same return convention. */
int cli_limits_option(dc_limits *lim, const char *spec);

/** Prints "disclosure CMD: message" for a usage problem and returns
 *  DC_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Prints "FILE: message" for a failed input and returns its exit code. */
int cli_input_error(const char *path, const dc_error *err);

/** Writes a buffer to stdout; returns 0, or DC_EXIT_OUTPUT after printing why. */
int cli_write_stdout(const dc_buf *b);

#endif
