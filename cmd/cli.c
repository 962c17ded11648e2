/*
 * cli.c - helpers shared by the subcommands.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_limits_init(dc_limits *lim)
{
    dc_limits_default(lim);
    const char *env = getenv("DISCLOSURE_LIMITS");
    if (env && *env)
        return cli_limits_option(lim, env);
    return 0;
}

int cli_limits_option(dc_limits *lim, const char *spec)
{
    dc_error err = {0};
    if (dc_limits_parse(lim, spec, &err) != DC_OK) {
        fprintf(stderr, "disclosure: %s\n", err.msg);
        return DC_EXIT_USAGE;
    }
    return 0;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "disclosure %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (try 'disclosure %s --help')\n", cmd);
    va_end(ap);
    return DC_EXIT_USAGE;
}

int cli_input_error(const char *path, const dc_error *err)
{
    fprintf(stderr, "%s: %s\n", path, err->msg[0] ? err->msg : dc_status_name(err->code));
    return dc_status_exit(err->code);
}

int cli_write_stdout(const dc_buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
        fprintf(stderr, "disclosure: cannot write to standard output: %s\n", strerror(errno));
        return DC_EXIT_OUTPUT;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "disclosure: cannot write to standard output: %s\n", strerror(errno));
        return DC_EXIT_OUTPUT;
    }
    return 0;
}
