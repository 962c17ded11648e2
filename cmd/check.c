/*
 * check.c - `disclosure check FILE...`: validator findings.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "converters/disclosure_json_writer.h"
#include "converters/json.h"
#include "model/recognize.h"
#include "model/validate.h"

static const char S_help[] =
    "usage: disclosure check FILE... [--json] [--limit NAME=VALUE]\n"
    "\n"
    "Recognizes each disclosure and cross-checks its figures: sums and totals,\n"
    "section numbering, hidden table-of-contents entries, missing sections.\n"
    "Prints one line per finding: FILE: SEVERITY CODE PLACE: MESSAGE.\n"
    "  --json     print the findings of all files as JSON\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors found, 3 a file\n"
    "could not be read.\n";

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    dc_limits lim;
    int rc = cli_limits_init(&lim);
    if (rc)
        return rc;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'L':
            if ((rc = cli_limits_option(&lim, optarg)))
                return rc;
            break;
        case 'h': fputs(S_help, stdout); return 0;
        default:  return cli_usage_error("check", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("check", "missing FILE");
    int worst = 0;
    dc_buf out = DC_BUF_INIT;
    if (json)
        dc_buf_puts(&out, "[\n");
    for (int i = optind; i < argc; i++) {
        dc_error err = {0};
        dc_doc *doc = dc_read_file(argv[i], &lim, &err);
        if (!doc) {
            int code = cli_input_error(argv[i], &err);
            if (code > worst)
                worst = code;
            continue;
        }
        dc_disclosure *d = dc_recognize(doc);
        dc_validate(d);
        if (dc_disclosure_count(d, DC_SEV_ERROR) && worst < DC_EXIT_FINDINGS)
            worst = DC_EXIT_FINDINGS;
        if (json) {
            if (out.len > 2)
                dc_buf_puts(&out, ",\n");
            dc_buf_puts(&out, "{\"file\": \"");
            dc_json_escape(&out, argv[i], strlen(argv[i]));
            dc_buf_puts(&out, "\", \"findings\": ");
            dc_json_write_findings(d, &out);
            while (out.len && out.data[out.len - 1] == '\n')
                out.len--;
            dc_buf_puts(&out, "}");
        } else {
            for (size_t k = 0; k < d->nfindings; k++) {
                const dc_finding *f = &d->findings[k];
                dc_buf_printf(&out, "%s: %s %s %s: %s\n", argv[i], dc_severity_name(f->severity),
                              f->code, f->place ? f->place : "-", f->message);
            }
        }
        dc_disclosure_free(d);
        dc_doc_free(doc);
    }
    if (json)
        dc_buf_puts(&out, "\n]\n");
    int wrc = cli_write_stdout(&out);
    dc_buf_free(&out);
    return wrc ? wrc : worst;
}
