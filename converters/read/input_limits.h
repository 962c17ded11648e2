/*
 * input_limits.h - the safety limits every reader honours.  A small header of its
 * own, so the readers' parts (package, WordprocessingML body, Word 2003)
 * need not include the reader's entry point.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_INPUT_LIMITS_H
#define DC_INPUT_LIMITS_H

#include <stddef.h>

#include "model/util.h"

/** Safety limits for readers.  All have defaults (dc_limits_default) and can
 *  be changed with `--limit NAME=VALUE` or DISCLOSURE_LIMITS="NAME=VALUE,...". */
typedef struct {
    size_t max_input;     /**< input_mb: bytes of one input file */
    size_t max_part;      /**< part_mb: uncompressed bytes of one package part */
    unsigned max_ratio;   /**< ratio: compression ratio allowed for a part over 1 MiB */
    size_t max_entries;   /**< entries: entries in one zip */
    size_t max_nodes;     /**< nodes: model nodes in one document */
} dc_limits;

void dc_limits_default(dc_limits *lim);
/** Applies one "name=value" or a comma-separated list of them.  Returns DC_OK
 *  or DC_ERR_USAGE with err set. */
dc_status dc_limits_parse(dc_limits *lim, const char *spec, dc_error *err);
/** A one-line description of the limits (for --help and reports). */
void dc_limits_describe(const dc_limits *lim, dc_buf *out);

#endif
