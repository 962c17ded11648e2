/*
 * disclosure.c - the `disclosure` command: dispatch to subcommands.  main()
 * is in cmd/main.c (the tests' build has its own, tests/hooks/).
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cli.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} S_command;

static const S_command S_commands[] = {
    {"inspect", cmd_inspect, "print what was read from a Word document (text or JSON)"},
    {"convert", cmd_convert, "convert documents to XLSX, PDF and JSON"},
    {"check", cmd_check, "cross-check the figures of disclosures"},
    {"fonts", cmd_fonts, "show the fonts the PDF uses and their coverage of a document"},
    {"batch", cmd_batch, "convert many documents in parallel, with a report and summary"},
    {"summarize", cmd_summarize, "merge the reports of batch runs (e.g. shards)"},
    {"serve", cmd_serve, "the submission desk: a web page and HTTP API for conversions"},
    {NULL, NULL, NULL},
};

static void S_usage(FILE *f)
{
    fputs("usage: disclosure COMMAND [OPTIONS] ...\n"
          "\n"
          "Turns Chinese budget disclosure documents (Word: .docx, Flat OPC, Word 2003\n"
          "XML) into XLSX workbooks, archival PDFs and JSON.\n"
          "\n"
          "Commands:\n", f);
    for (const S_command *c = S_commands; c->name; c++)
        fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fputs("\n"
          "'disclosure COMMAND --help' describes each command.  --version prints the\n"
          "version.  Exit codes: 0 ok, 1 findings or failed inputs, 2 usage, 3 unreadable\n"
          "input, 4 cannot write output, 5 internal error.\n", f);
}

int cli_main(int argc, char **argv)
{
    opterr = 0;   /* option errors are one line each: cli_option_error */
    if (argc < 2) {
        S_usage(stderr);
        return DC_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        S_usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("disclosure %s\n", DC_VERSION);
        return 0;
    }
    for (const S_command *c = S_commands; c->name; c++) {
        if (!strcmp(argv[1], c->name)) {
            xmlInitParser();
            int rc = c->run(argc - 1, argv + 1);
            xmlCleanupParser();
            return rc;
        }
    }
    fprintf(stderr, "disclosure: unknown command '%s' (try 'disclosure --help')\n", argv[1]);
    return DC_EXIT_USAGE;
}
