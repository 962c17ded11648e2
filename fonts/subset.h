/*
 * subset.h - a face cut down to the glyphs a document uses, with HarfBuzz's
 * subsetter, ready to embed as a PDF FontFile2.
 *
 * Hinting and layout tables are dropped (PDF viewers draw outlines; we place
 * every glyph ourselves); glyph ids are renumbered densely from 1, 0 staying
 * .notdef.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_SUBSET_H
#define DC_SUBSET_H

#include <stddef.h>
#include <stdint.h>

#include "fonts/fontset.h"
#include "model/util.h"

typedef struct {
    const char *data;          /**< the subset font program (TrueType) */
    size_t len;
    uint32_t nglyphs;          /**< glyphs in the subset, .notdef included */
    void *blob;                /* hb_blob_t owning data */
    void *plan;                /* hb_subset_plan_t: old -> new glyph ids */
} dc_subset;

/** Subsets face f to the characters cps[0..n).  Returns DC_OK, or
 *  DC_ERR_INTERNAL with err set when HarfBuzz fails.  Free with
 *  dc_subset_free. */
dc_status dc_subset_face(const dc_face *f, const uint32_t *cps, size_t n, dc_subset *out,
                         dc_error *err);
/** The subset's glyph id for an original glyph id, 0 when not kept. */
uint32_t dc_subset_gid(const dc_subset *s, uint32_t old_gid);
/** The original glyph id of a subset glyph id (0 for .notdef or unknown). */
uint32_t dc_subset_old_gid(const dc_subset *s, uint32_t new_gid);
void dc_subset_free(dc_subset *s);

#endif
