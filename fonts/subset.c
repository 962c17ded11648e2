/*
 * subset.c - HarfBuzz subsetting (see subset.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "subset.h"

#include <hb-subset.h>
#include <hb.h>
#include <string.h>

#define S_FAILED "font %s: HarfBuzz could not subset it: out of memory, or the font is damaged"

/* Tables a PDF TrueType font program does not need. */
static const char *const S_drop[] = {
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "feat",
    "DSIG", "hdmx", "LTSH", "VDMX", "PCLT", "vhea", "vmtx", "VORG", "gasp", "EBDT",
    "EBLC", "EBSC", "CBDT", "CBLC", "sbix", "COLR", "CPAL", "SVG ", "meta", "trak",
};

dc_status dc_subset_face(const dc_face *f, const uint32_t *cps, size_t n, dc_subset *out,
                         dc_error *err)
{
    memset(out, 0, sizeof *out);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return dc_error_set(err, DC_ERR_NOMEM, "font %s: out of memory while starting to subset", f->path);
    hb_set_t *uni = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(uni, cps[i]);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof S_drop / sizeof S_drop[0]; i++)
        hb_set_add(drop, hb_tag_from_string(S_drop[i], 4));
    hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);

    /* A face that opened and shaped fails to subset when HarfBuzz cannot
     * allocate (a memory limit); it does not say which. */
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail((hb_face_t *)f->hb_face, in);
    hb_subset_input_destroy(in);
    if (!plan)
        return dc_error_set(err, DC_ERR_NOMEM, S_FAILED, f->path);
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    if (!sub) {
        hb_subset_plan_destroy(plan);
        return dc_error_set(err, DC_ERR_NOMEM, S_FAILED, f->path);
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    out->nglyphs = hb_face_get_glyph_count(sub);
    hb_face_destroy(sub);
    unsigned len = 0;
    out->data = hb_blob_get_data(blob, &len);
    out->len = len;
    out->blob = blob;
    out->plan = plan;
    if (len == 0) {
        dc_subset_free(out);
        return dc_error_set(err, DC_ERR_INTERNAL, "font %s: the subset is empty", f->path);
    }
    return DC_OK;
}

uint32_t dc_subset_gid(const dc_subset *s, uint32_t old_gid)
{
    const hb_map_t *m = hb_subset_plan_old_to_new_glyph_mapping((const hb_subset_plan_t *)s->plan);
    hb_codepoint_t g = hb_map_get(m, old_gid);
    return g == HB_MAP_VALUE_INVALID ? 0 : g;
}

uint32_t dc_subset_old_gid(const dc_subset *s, uint32_t new_gid)
{
    const hb_map_t *m = hb_subset_plan_new_to_old_glyph_mapping((const hb_subset_plan_t *)s->plan);
    hb_codepoint_t g = hb_map_get(m, new_gid);
    return g == HB_MAP_VALUE_INVALID ? 0 : g;
}

void dc_subset_free(dc_subset *s)
{
    if (!s)
        return;
    hb_blob_destroy((hb_blob_t *)s->blob);
    hb_subset_plan_destroy((hb_subset_plan_t *)s->plan);
    memset(s, 0, sizeof *s);
}
