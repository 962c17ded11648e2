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

#include <getopt.h>

#include "converters/pipeline.h"
#include "fonts/fontset.h"
#include "model/util.h"

int cmd_inspect(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_fonts(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_summarize(int argc, char **argv);
int cmd_serve(int argc, char **argv);

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
/** The one line for what getopt_long returned as ':' (an option without its
 *  argument) or '?' (an unknown option), naming the option.  Returns 2.
 *  Subcommands' optstrings start with ':' and main sets opterr = 0. */
int cli_option_error(const char *cmd, int c, char **argv);
/** Refuses (exit 2, one line) an empty -o value and inputs that are empty or
 *  "-": documents are read from files (batch reads a list from standard
 *  input with @-).  outdir may be NULL.  Returns 0 or 2. */
int cli_check_paths(const char *cmd, const char *outdir, char *const *inputs, int n);

/** Prints "FILE: message" for a failed input and returns its exit code. */
int cli_input_error(const char *path, const dc_error *err);

/** Writes a buffer to stdout; returns 0, or DC_EXIT_OUTPUT after printing why. */
int cli_write_stdout(const dc_buf *b);

/* ---- the output options `convert` and `batch` share --------------------- */

enum {
    CLI_OPT_XLSX = 0x100, CLI_OPT_PDF, CLI_OPT_JSON, CLI_OPT_PDFA, CLI_OPT_FONT,
    CLI_OPT_FONT_CONFIG, CLI_OPT_LIMIT
};

/** getopt_long entries for --xlsx --pdf --json --pdfa --font --font-config
 *  --limit, to put in a command's option table. */
#define CLI_OUTPUT_OPTIONS                                                 \
    {"xlsx", no_argument, NULL, CLI_OPT_XLSX},                             \
    {"pdf", no_argument, NULL, CLI_OPT_PDF},                               \
    {"json", no_argument, NULL, CLI_OPT_JSON},                             \
    {"pdfa", no_argument, NULL, CLI_OPT_PDFA},                             \
    {"font", required_argument, NULL, CLI_OPT_FONT},                       \
    {"font-config", required_argument, NULL, CLI_OPT_FONT_CONFIG},         \
    {"limit", required_argument, NULL, CLI_OPT_LIMIT}

/** The options every subcommand's table ends with: --help (as 'h') and the
 *  terminating entry. */
#define CLI_HELP_AND_END                                                   \
    {"help", no_argument, NULL, 'h'},                                      \
    {NULL, 0, NULL, 0}

/** --limit NAME=VALUE (as 'L') and the end, for the commands that only read. */
#define CLI_LIMIT_HELP_AND_END                                             \
    {"limit", required_argument, NULL, 'L'},                               \
    CLI_HELP_AND_END

/** The command line of a command that only reads (check, inspect, fonts):
 *  its limits and --help, and whether it is to stop. */
typedef struct {
    const char *cmd;          /**< the command's name, for messages */
    const char *help;         /**< printed for --help */
    dc_limits lim;            /**< defaults, DISCLOSURE_LIMITS, then --limit */
    int status;               /**< -1 while the command goes on, else its exit code */
} cli_reader;

/** Starts parsing: the limits from the environment (a bad value there stops
 *  the command, see status) and getopt from the first argument. */
void cli_reader_start(cli_reader *r, const char *cmd, const char *help);
/** getopt_long over a table ending in CLI_LIMIT_HELP_AND_END: returns the
 *  next option that is the command's own, taking --limit and --help itself
 *  and reporting unknown or incomplete options.  Returns -1 at the end of the
 *  options or when the command is to stop (status >= 0: 0 after --help). */
int cli_reader_getopt(cli_reader *r, int argc, char **argv, const char *optstring,
                      const struct option *opts);

/** Conversion options as the command line gives them. */
typedef struct {
    dc_convert_options opt;   /**< what dc_convert_file() takes */
    unsigned chosen;          /**< DC_OUT_* asked for; none = the default outputs */
    const char **fonts;       /**< --font values (NULL-terminated) */
    size_t nfonts;
    dc_fontset *fontset;      /**< resolved once when a PDF is asked */
    int async_fonts;          /**< resolve the system fonts in a thread (convert) */
} cli_outputs;

/** Defaults, limits from DISCLOSURE_LIMITS, SOURCE_DATE_EPOCH.  Returns 0 or
 *  an exit code (the object is then already freed). */
int cli_outputs_init(cli_outputs *o, int argc);
/** getopt_long over a table with CLI_OUTPUT_OPTIONS: takes the shared
 *  options itself and returns the next option that is
 *  the command's own, or -1 at the end of the options.  A bad shared option
 *  also ends them, with *rc its exit code; *rc is 0 otherwise. */
int cli_outputs_getopt(cli_outputs *o, int argc, char **argv, const char *optstring,
                       const struct option *opts, int *rc);
/** After the options: applies the choice of outputs and resolves the fonts
 *  once for all documents when a PDF is asked (a bad --font is a usage
 *  error).  Returns 0 or an exit code. */
int cli_outputs_finish(cli_outputs *o, const char *cmd);
void cli_outputs_free(cli_outputs *o);

/** The whole command line: dispatches to the subcommands (cmd/disclosure.c). */
int cli_main(int argc, char **argv);

#endif
