/*
 * disclosure.c - the `disclosure` command: dispatch to subcommands.  main()
 * is in cmd/main.c (the tests' build has its own, tests/hooks/).
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cli.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    int notice_only;   /* its standard output is a notice, not what it produces */
} S_command;

static const S_command S_commands[] = {
    {"inspect", cmd_inspect, "print what was read from a Word document (text or JSON)", 0},
    {"convert", cmd_convert, "convert documents to XLSX, PDF and JSON", 0},
    {"check", cmd_check, "cross-check the figures of disclosures", 0},
    {"fonts", cmd_fonts, "show the fonts the PDF uses and their coverage of a document", 0},
    {"batch", cmd_batch, "convert many documents in parallel, with a report and summary", 0},
    {"summarize", cmd_summarize, "merge the reports of batch runs (e.g. shards)", 0},
    {"serve", cmd_serve, "the submission desk: a web page and HTTP API for conversions", 1},
    {NULL, NULL, NULL, 0},
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

/* What a command printed may still sit in stdout's buffer: a full disk or a
 * failing device there loses its output, an error of that output (exit 4,
 * one line) when the command had not failed already. */
static int S_close_stdout(int rc)
{
    errno = 0;
    int flushed = fflush(stdout) == 0, e = errno;
    if (flushed && !ferror(stdout))
        return rc;
    if (rc == DC_EXIT_OUTPUT)   /* said already (cli_write_stdout) */
        return rc;
    if (flushed)
        e = 0;   /* an earlier write failed; its errno is gone */
    fprintf(stderr, "disclosure: cannot write to standard output: %s\n",
            e ? strerror(e) : "write error");
    return rc > DC_EXIT_OUTPUT ? rc : DC_EXIT_OUTPUT;
}

/* A closed standard stream (`2>&-`) would make the first file we open
 * descriptor 2, and then our messages would be written into an output, a
 * report or the lock file: it is opened on /dev/null instead. */
static void S_std_fds(void)
{
    for (int fd = 0; fd < 3; fd++)
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int n = open("/dev/null", fd ? O_WRONLY : O_RDONLY);
            if (n >= 0 && n != fd)   /* cannot be: the lowest free descriptor is fd */
                close(n);
        }
}

int cli_main(int argc, char **argv)
{
    S_std_fds();
    opterr = 0;   /* option errors are one line each: cli_option_error */
    if (argc < 2) {
        S_usage(stderr);
        return DC_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        S_usage(stdout);
        return S_close_stdout(0);
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("disclosure %s\n", DC_VERSION);
        return S_close_stdout(0);
    }
    for (const S_command *c = S_commands; c->name; c++) {
        if (!strcmp(argv[1], c->name)) {
            xmlInitParser();
            int rc = c->run(argc - 1, argv + 1);
            xmlCleanupParser();
            return c->notice_only ? rc : S_close_stdout(rc);
        }
    }
    fprintf(stderr, "disclosure: unknown command '%s' (try 'disclosure --help')\n", argv[1]);
    return DC_EXIT_USAGE;
}
