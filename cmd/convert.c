/*
 * convert.c - `disclosure convert FILE... -o DIR`: XLSX, PDF and JSON outputs.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cli.h"
#include "cmd/pipeline.h"

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

/* mkdir -p */
static int S_mkdirs(const char *dir)
{
    char *p = dc_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

int cmd_convert(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"xlsx", no_argument, NULL, 'x'},
        {"pdf", no_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},
        {"pdfa", no_argument, NULL, 'A'},
        {"font", required_argument, NULL, 'f'},
        {"font-config", required_argument, NULL, 'F'},
        {"limit", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    dc_convert_options opt;
    dc_convert_options_init(&opt);
    int rc = cli_limits_init(&opt.lim);
    if (rc)
        return rc;
    unsigned chosen = 0;
    const char *outdir = NULL;
    const char **fonts = dc_xcalloc((size_t)argc + 1, sizeof *fonts);
    size_t nfonts = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': outdir = optarg; break;
        case 'x': chosen |= DC_OUT_XLSX; break;
        case 'p': chosen |= DC_OUT_PDF; break;
        case 'j': chosen |= DC_OUT_JSON; break;
        case 'A': opt.pdf.pdfa = 1; break;
        case 'f': fonts[nfonts++] = optarg; break;
        case 'F': opt.pdf.font_config = optarg; break;
        case 'L':
            if ((rc = cli_limits_option(&opt.lim, optarg))) {
                free(fonts);
                return rc;
            }
            break;
        case 'h':
            fputs(S_help, stdout);
            free(fonts);
            return 0;
        default:
            free(fonts);
            return cli_usage_error("convert", "unknown option");
        }
    }
    if (chosen)
        opt.outputs = chosen;
    opt.pdf.font_specs = nfonts ? fonts : NULL;
    if (!outdir) {
        free(fonts);
        return cli_usage_error("convert", "missing -o DIR");
    }
    if (optind >= argc) {
        free(fonts);
        return cli_usage_error("convert", "missing FILE");
    }
    /* Fonts are resolved once for all inputs; a bad --font is a usage error. */
    dc_fontset *fs = NULL;
    if (opt.outputs & DC_OUT_PDF) {
        dc_fontset_options fo;
        memset(&fo, 0, sizeof fo);
        fo.specs = opt.pdf.font_specs;
        fo.config = opt.pdf.font_config;
        dc_error ferr = {0};
        fs = dc_fontset_new(&fo, &ferr);
        if (!fs) {
            fprintf(stderr, "disclosure convert: %s\n", ferr.msg);
            free(fonts);
            return DC_EXIT_USAGE;
        }
        opt.pdf.fontset = fs;
    }
    if (S_mkdirs(outdir) != 0) {
        fprintf(stderr, "%s: cannot create directory: %s\n", outdir, strerror(errno));
        dc_fontset_free(fs);
        free(fonts);
        return DC_EXIT_OUTPUT;
    }
    int worst = 0;
    for (int i = optind; i < argc; i++) {
        dc_error err = {0};
        dc_convert_result res;
        opt.pdf.warn = S_warn;
        opt.pdf.warn_ctx = argv[i];
        if (dc_convert_file(argv[i], outdir, NULL, &opt, 0, &res, &err) != DC_OK) {
            int code = cli_input_error(argv[i], &err);
            if (code > worst)
                worst = code;
        }
        dc_convert_result_free(&res);
    }
    dc_fontset_free(fs);
    free(fonts);
    return worst;
}
