/*
 * main.c - the production entry point: the subcommands, no test hooks.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cmd/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
