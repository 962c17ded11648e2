/*
 * inspect.c - `disclosure inspect FILE`: the document as read, as text or JSON.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "converters/pipeline.h"
#include "converters/write/disclosure_json_writer.h"
#include "converters/write/json_writer.h"
#include "converters/write/text_writer.h"

static const char S_help[] =
    "usage: disclosure inspect FILE [--text | --json | --disclosure] [--limit NAME=VALUE]\n"
    "\n"
    "Reads a Word document (.docx, Flat OPC XML or Word 2003 XML; the form is\n"
    "detected from the content) and prints what was read:\n"
    "  --text     the visible text, one paragraph or table cell per line (default)\n"
    "  --json     the document model as JSON (docs/json.md)\n"
    "  --disclosure  the recognized disclosure (figures, tables, findings) as JSON\n"
    "  --limit NAME=VALUE  change a safety limit (input_mb, part_mb, ratio,\n"
    "             entries, nodes); also DISCLOSURE_LIMITS=NAME=VALUE,...\n"
    "  -h, --help this help\n";

enum { MODE_TEXT, MODE_JSON, MODE_DISCLOSURE };

int cmd_inspect(int argc, char **argv)
{
    static const struct option opts[] = {
        {"text", no_argument, NULL, 't'},
        {"json", no_argument, NULL, 'j'},
        {"disclosure", no_argument, NULL, 'd'},
        CLI_LIMIT_HELP_AND_END,
    };
    cli_reader cl;
    cli_reader_start(&cl, "inspect", S_help);
    int mode = MODE_TEXT, c, rc;
    while ((c = cli_reader_getopt(&cl, argc, argv, "+:h", opts)) != -1) {
        switch (c) {
        case 't': mode = MODE_TEXT; break;
        case 'j': mode = MODE_JSON; break;
        case 'd': mode = MODE_DISCLOSURE; break;
        }
    }
    if (cl.status >= 0)
        return cl.status;
    /* Options may also follow the file name. */
    const char *path = NULL;
    for (int i = optind; i < argc; i++) {
        if (!strcmp(argv[i], "--text")) mode = MODE_TEXT;
        else if (!strcmp(argv[i], "--json")) mode = MODE_JSON;
        else if (!strcmp(argv[i], "--disclosure")) mode = MODE_DISCLOSURE;
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(S_help, stdout);
            return 0;
        } else if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
            if ((rc = cli_limits_option(&cl.lim, argv[++i])))
                return rc;
        } else if (!strncmp(argv[i], "--limit=", 8)) {
            if ((rc = cli_limits_option(&cl.lim, argv[i] + 8)))
                return rc;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("inspect", "unknown option '%s'", argv[i]);
        } else if (path) {
            return cli_usage_error("inspect", "one FILE at a time");
        } else {
            path = argv[i];
        }
    }
    if (!path)
        return cli_usage_error("inspect", "missing FILE");
    if ((rc = cli_check_paths("inspect", NULL, (char *const *)&path, 1)))
        return rc;

    dc_error err = {0};
    dc_analysis a;
    if (dc_analyze(path, &cl.lim, mode == MODE_DISCLOSURE, &a, &err) != DC_OK)
        return cli_input_error(path, &err);
    dc_buf out = DC_BUF_INIT;
    if (mode == MODE_JSON) {
        dc_json_write_doc(a.doc, &out);
    } else if (mode == MODE_DISCLOSURE) {
        char *stem = dc_path_stem(path);
        dc_json_write_disclosure(a.disclosure, stem, &out);
        free(stem);
    } else
        dc_text_write(a.doc, &out);
    rc = cli_write_stdout(&out);
    dc_buf_free(&out);
    dc_analysis_free(&a);
    return rc;
}
