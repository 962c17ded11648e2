/*
 * cli.c - helpers shared by the subcommands.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
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

int cli_option_error(const char *cmd, int c, char **argv)
{
    /* getopt is quiet (opterr = 0, optstrings start with ':'): one line here */
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (c == ':')
        return cli_usage_error(cmd, "option '%s' needs an argument", arg);
    if (optopt && optopt != '?')
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option '%s'", arg);
}

void cli_reader_start(cli_reader *r, const char *cmd, const char *help)
{
    r->cmd = cmd;
    r->help = help;
    int rc = cli_limits_init(&r->lim);
    r->status = rc ? rc : -1;
    optind = 1;
}

int cli_reader_getopt(cli_reader *r, int argc, char **argv, const char *optstring,
                      const struct option *opts)
{
    int c;
    while (r->status < 0 && (c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
        switch (c) {
        case 'L': {
            int rc = cli_limits_option(&r->lim, optarg);
            if (rc)
                r->status = rc;
            break;
        }
        case 'h':
            fputs(r->help, stdout);
            r->status = 0;
            break;
        case ':':
        case '?':
            r->status = cli_option_error(r->cmd, c, argv);
            break;
        default:
            return c;
        }
    }
    return -1;
}

int cli_check_paths(const char *cmd, const char *outdir, char *const *inputs, int n)
{
    if (outdir && !*outdir)
        return cli_usage_error(cmd, "-o needs a directory name, not an empty string");
    for (int i = 0; i < n; i++) {
        if (!*inputs[i])
            return cli_usage_error(cmd, "an input is an empty string");
        if (!strcmp(inputs[i], "-"))
            return cli_usage_error(cmd, "'-' (standard input) is not an input: name a file%s",
                                   strcmp(cmd, "batch") ? "" : ", or give a list with @-");
    }
    return 0;
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

/* ------------------------------------------------------------------------
 * Output options shared by convert and batch
 * ------------------------------------------------------------------------ */

int cli_outputs_init(cli_outputs *o, int argc)
{
    memset(o, 0, sizeof *o);
    dc_convert_options_init(&o->opt);
    o->fonts = dc_xcalloc((size_t)(argc > 0 ? argc : 0) + 1, sizeof *o->fonts);
    int rc = cli_limits_init(&o->opt.lim);
    if (rc)
        cli_outputs_free(o);
    return rc;
}

/* Takes one getopt_long result: returns 1 when it was one of the shared
 * options, 0 when it is the command's own, or an exit code (> 1) after
 * printing the problem. */
static int S_outputs_option(cli_outputs *o, int c, const char *arg)
{
    switch (c) {
    case CLI_OPT_XLSX: o->chosen |= DC_OUT_XLSX; return 1;
    case CLI_OPT_PDF: o->chosen |= DC_OUT_PDF; return 1;
    case CLI_OPT_JSON: o->chosen |= DC_OUT_JSON; return 1;
    case CLI_OPT_PDFA: o->opt.pdf.pdfa = 1; return 1;
    case CLI_OPT_FONT: o->fonts[o->nfonts++] = arg; return 1;
    case CLI_OPT_FONT_CONFIG: o->opt.pdf.font_config = arg; return 1;
    case CLI_OPT_LIMIT: {
        int rc = cli_limits_option(&o->opt.lim, arg);
        return rc ? rc : 1;
    }
    default:
        return 0;
    }
}

int cli_outputs_getopt(cli_outputs *o, int argc, char **argv, const char *optstring,
                       const struct option *opts, int *rc)
{
    *rc = 0;
    int c;
    while ((c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
        int taken = S_outputs_option(o, c, optarg);
        if (taken > 1) {
            *rc = taken;
            return -1;
        }
        if (!taken)
            return c;
    }
    return -1;
}

int cli_outputs_finish(cli_outputs *o, const char *cmd)
{
    if (o->chosen)
        o->opt.outputs = o->chosen;
    o->opt.pdf.font_specs = o->nfonts ? o->fonts : NULL;
    if (!(o->opt.outputs & DC_OUT_PDF))
        return 0;
    dc_fontset_options fo;
    memset(&fo, 0, sizeof fo);
    fo.specs = o->opt.pdf.font_specs;
    fo.config = o->opt.pdf.font_config;
    dc_error err = {0};
    if (o->async_fonts && !fo.specs && !fo.config) {
        /* no user files to complain about now: fontconfig starts while the
         * first document is read (the PDF writer waits for it) */
        o->fontset = dc_fontset_new_async(&fo);
        o->opt.pdf.fontset = o->fontset;
        return 0;
    }
    o->fontset = dc_fontset_new(&fo, &err);
    if (!o->fontset) {
        fprintf(stderr, "disclosure %s: %s\n", cmd, err.msg);
        return DC_EXIT_USAGE;
    }
    o->opt.pdf.fontset = o->fontset;
    return 0;
}

void cli_outputs_free(cli_outputs *o)
{
    dc_fontset_free(o->fontset);
    free(o->fonts);
    o->fontset = NULL;
    o->fonts = NULL;
}
