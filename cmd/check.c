/*
 * check.c - `disclosure check FILE...`: recognise each disclosure, cross-check
 * its figures and structure, print the findings (docs/checks.md).
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "converters/write/disclosure_json_writer.h"
#include "converters/write/json.h"

static const char S_help[] =
    "usage: disclosure check FILE... [--json] [--limit NAME=VALUE]\n"
    "\n"
    "Recognizes each disclosure and cross-checks it: income, expenditure,\n"
    "procurement and asset sums, totals stated in the text against the tables,\n"
    "the change against last year, project cost caps, section numbering, hidden\n"
    "table-of-contents entries, missing sections (codes in docs/checks.md).\n"
    "\n"
    "Prints one line per finding, FILE: SEVERITY CODE PLACE: MESSAGE, then one\n"
    "summary line per file, FILE: N errors, N warnings, N notes.\n"
    "  --json     print one JSON array instead: per file {\"file\", \"department\",\n"
    "             \"year\", \"errors\", \"warnings\", \"notes\", \"findings\": [...]},\n"
    "             or {\"file\", \"error\"} when it could not be read\n"
    "  --limit NAME=VALUE  change a safety limit (see `disclosure inspect --help`)\n"
    "Exit status: 0 no errors (warnings and notes allowed), 1 errors found,\n"
    "3 a file could not be read (it wins over 1).\n";

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        CLI_LIMIT_HELP_AND_END,
    };
    cli_reader cl;
    cli_reader_start(&cl, "check", S_help);
    int json = 0, c, rc;
    while ((c = cli_reader_getopt(&cl, argc, argv, ":h", opts)) != -1)
        if (c == 'j')
            json = 1;
    if (cl.status >= 0)
        return cl.status;
    if (optind >= argc)
        return cli_usage_error("check", "missing FILE");
    if ((rc = cli_check_paths("check", NULL, argv + optind, argc - optind)))
        return rc;
    int worst = 0;
    dc_buf out = DC_BUF_INIT;
    dc_json j;
    if (json) {
        dc_json_init(&j, &out, 1);
        dc_json_begin_array(&j, NULL);
    }
    for (int i = optind; i < argc; i++) {
        dc_error err = {0};
        dc_analysis a;
        if (dc_analyze(argv[i], &cl.lim, 1, &a, &err) != DC_OK) {
            int code = cli_input_error(argv[i], &err);
            if (code > worst)
                worst = code;
            if (json) {
                dc_json_begin_object(&j, NULL);
                dc_json_string(&j, "file", argv[i]);
                dc_json_string(&j, "error", err.msg);
                dc_json_end_object(&j);
            }
            continue;
        }
        const dc_disclosure *d = a.disclosure;
        size_t errors = dc_disclosure_count(d, DC_SEV_ERROR);
        size_t warnings = dc_disclosure_count(d, DC_SEV_WARNING) - errors;
        size_t notes = d->nfindings - errors - warnings;
        if (errors && worst < DC_EXIT_FINDINGS)
            worst = DC_EXIT_FINDINGS;
        if (json) {
            dc_json_begin_object(&j, NULL);
            dc_json_check_members(&j, argv[i], d);
            dc_json_end_object(&j);
        } else {
            for (size_t k = 0; k < d->nfindings; k++) {
                const dc_finding *f = &d->findings[k];
                dc_buf_printf(&out, "%s: %s %s %s: %s\n", argv[i], dc_severity_name(f->severity),
                              f->code, f->place ? f->place : "-", f->message);
            }
            dc_buf_printf(&out, "%s: %zu error%s, %zu warning%s, %zu note%s\n", argv[i], errors,
                          errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", notes,
                          notes == 1 ? "" : "s");
        }
        dc_analysis_free(&a);
    }
    if (json) {
        dc_json_end_array(&j);
        dc_json_done(&j);
        dc_buf_putc(&out, '\n');
    }
    int wrc = cli_write_stdout(&out);
    dc_buf_free(&out);
    return wrc ? wrc : worst;
}
