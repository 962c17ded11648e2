/*
 * convert.c - `disclosure convert FILE... -o DIR`: XLSX, PDF and JSON outputs.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/batch.h"
#include "cmd/cli.h"
#include "converters/write/tmpfile.h"

static const char S_help[] =
    "usage: disclosure convert FILE... -o DIR [--xlsx] [--pdf] [--json] [--pdfa]\n"
    "                          [--font ROLE=FILE[:INDEX]]... [--font-config FILE]\n"
    "                          [--limit NAME=VALUE]\n"
    "\n"
    "Converts each Word document into DIR/<name>.xlsx and DIR/<name>.pdf (both by\n"
    "default; --xlsx, --pdf and --json choose).  Outputs are written to temporary\n"
    "names and renamed into place, so a failure leaves no partial file.\n"
    "  -o, --output DIR    where to write (created when missing)\n"
    "  --xlsx              the tables as a formatted workbook\n"
    "  --pdf               the whole document typeset as PDF (GB/T 9704 layout)\n"
    "  --json              the recognized disclosure as JSON (docs/json.md)\n"
    "  --pdfa              make the PDF PDF/A-1b\n"
    "  --font ROLE=FILE[:INDEX]  use a TrueType font for a role (title, heading1,\n"
    "                      heading2, body, table, fallback); see 'disclosure fonts'\n"
    "  --font-config FILE  read font roles from a file (docs/fonts.md)\n"
    "  --limit NAME=VALUE  change a safety limit (see README)\n"
    "SOURCE_DATE_EPOCH fixes the creation date written into the outputs.\n";

static void S_warn(void *ctx, const char *msg)
{
    fprintf(stderr, "%s: warning: %s\n", (const char *)ctx, msg);
}

int cmd_convert(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        CLI_OUTPUT_OPTIONS,
        CLI_HELP_AND_END,
    };
    cli_outputs o;
    int rc = cli_outputs_init(&o, argc);
    if (rc)
        return rc;
    const char *outdir = NULL;
    int c;
    optind = 1;
    while ((c = cli_outputs_getopt(&o, argc, argv, ":o:h", opts, &rc)) != -1) {
        switch (c) {
        case 'o':
            outdir = optarg;
            break;
        case 'h':
            fputs(S_help, stdout);
            cli_outputs_free(&o);
            return 0;
        default:
            cli_outputs_free(&o);
            return cli_option_error("convert", c, argv);
        }
    }
    if (rc) {   /* a bad shared option, already reported */
        cli_outputs_free(&o);
        return rc;
    }
    if (!outdir)
        rc = cli_usage_error("convert", "missing -o DIR");
    else if (optind >= argc)
        rc = cli_usage_error("convert", "missing FILE");
    else
        rc = cli_check_paths("convert", outdir, argv + optind, argc - optind);
    /* fonts resolved beside the first reading; under a memory limit in turn,
     * so that what runs out of memory first is the same every time */
    struct rlimit as;
    o.async_fonts = getrlimit(RLIMIT_AS, &as) != 0 || as.rlim_cur == RLIM_INFINITY;
    if (!rc)
        rc = cli_outputs_finish(&o, "convert");   /* fonts once for all inputs */
    /* DIR is made by the first document that gets as far as its outputs */
    if (rc) {
        cli_outputs_free(&o);
        return rc;
    }
    /* SIGINT, SIGTERM, SIGHUP and the other signals of dc_tmp_signals:
     * remove the temporary files of the document in progress (finished
     * outputs stay) and exit 128 + the signal */
    dc_tmp_catch_signals(dc_tmp_exit_on_signal, NULL);
    /* ... and SIGPIPE: a warning written to a closed pipe (2>&1 | head)
     * ends the run as it would any program, without its temporary files */
    struct sigaction pipe_sa;
    memset(&pipe_sa, 0, sizeof pipe_sa);
    pipe_sa.sa_handler = dc_tmp_exit_on_signal;
    sigfillset(&pipe_sa.sa_mask);
    sigaction(SIGPIPE, &pipe_sa, NULL);
    /* what an earlier run killed outright (kill -9) left behind */
    dc_tmp_sweep(outdir, 0);
    /* Output names by batch's rule (docs/batch.md, "Inputs and outputs"):
     * inputs sharing a name keep their whole file name, then "~2", ... so
     * that no output of this run replaces another. */
    dc_batch_inputs in = {0};
    for (int i = optind; i < argc; i++) {
        const char *base = strrchr(argv[i], '/');
        dc_batch_inputs_add(&in, argv[i], base && base[1] ? base + 1 : argv[i]);
    }
    dc_batch_assign_names(&in, 0);
    char **names = dc_xcalloc(in.n, sizeof *names);
    for (size_t k = 0; k < in.n; k++)
        names[in.v[k].order] = in.v[k].name;
    /* With a second core free the XLSX is written beside the PDF; on a busy
     * machine the child would only wait for a core and make the parent wait
     * (docs/benchmarks.md).  The bytes are the same either way. */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    double load = 0;
    o.opt.concurrent = ncpu > 1 && getloadavg(&load, 1) == 1 && load < (double)ncpu - 0.5;
    const char *writers = getenv("DISCLOSURE_WRITERS");   /* 1 or 2: not automatic */
    if (writers && (!strcmp(writers, "1") || !strcmp(writers, "2")))
        o.opt.concurrent = writers[0] == '2';
    struct stat dir_st;
    int had_dir = stat(outdir, &dir_st) == 0;
    int worst = 0;
    for (int i = optind; i < argc; i++) {
        dc_error err = {0};
        dc_convert_result res;
        o.opt.pdf.warn = S_warn;
        o.opt.pdf.warn_ctx = argv[i];
        const char *name = names[i - optind];
        char *def = dc_path_stem(argv[i]);
        if (strcmp(def, name) != 0)
            fprintf(stderr, "%s: warning: another input has the output name '%s': this one is "
                            "written as %s/%s.*\n", argv[i], def, outdir, name);
        free(def);
        dc_status st = dc_convert_file(argv[i], outdir, name, &o.opt, 0, &res, &err);
        dc_convert_result_free(&res);
        dc_error ferr = {0};
        if (st != DC_OK && o.fontset && dc_fontset_wait(o.fontset, &ferr) != DC_OK) {
            /* the fonts, resolved beside the first reading, failed: as if
             * cli_outputs_finish had said so, and no DIR left behind */
            fprintf(stderr, "disclosure convert: %s\n", ferr.msg);
            if (!had_dir)
                rmdir(outdir);
            worst = DC_EXIT_USAGE;
            break;
        }
        if (st != DC_OK) {
            int code = cli_input_error(argv[i], &err);
            if (code > worst)
                worst = code;
        }
    }
    free(names);
    dc_batch_inputs_free(&in);
    cli_outputs_free(&o);
    return worst;
}
