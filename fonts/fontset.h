/*
 * fontset.h - font roles (title, heading 1, heading 2, body, table) resolved
 * to TrueType faces, with a per-character fallback chain.
 *
 * Each role has a preference list: what the user gave (--font, a config
 * file), then the official commercial families (方正小标宋, 黑体, 楷体_GB2312,
 * 仿宋_GB2312, 宋体 and their usual names) when installed, then free Debian
 * fonts.  Families are looked up through fontconfig by exact family name; a
 * face is usable when it has TrueType outlines (glyf) and its fsType allows
 * embedding and subsetting.  A character the role's face lacks is drawn with
 * the next face of the role's chain that has it (the role's other candidates,
 * then the fallback list).  docs/fonts.md describes roles and the config file.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef DC_FONTSET_H
#define DC_FONTSET_H

#include <stddef.h>
#include <stdint.h>

#include "model/util.h"

typedef enum {
    DC_ROLE_TITLE = 0,
    DC_ROLE_HEADING1,
    DC_ROLE_HEADING2,
    DC_ROLE_BODY,
    DC_ROLE_TABLE,
    DC_ROLE_COUNT,
    DC_ROLE_FALLBACK = DC_ROLE_COUNT   /**< only in configuration: the shared fallback list */
} dc_font_role;

/** "title", "heading1", "heading2", "body", "table", "fallback". */
const char *dc_font_role_name(int role);
/** The role for a name (also "heading-1", "h1", ...); -1 when unknown. */
int dc_font_role_parse(const char *name, size_t len);

/** One usable face of a font file. */
typedef struct {
    char *path;
    unsigned index;            /**< face index in a .ttc */
    char *family;              /**< family name (first one fontconfig reports, or from the name table) */
    char *psname;              /**< PostScript name (name ID 6), sanitised for PDF */
    int official;              /**< from the user or the official list (not a stand-in) */
    unsigned upem;
    int ascent, descent;       /**< hhea/OS-2 typographic, font units */
    int cap_height;
    int bbox[4];               /**< head xMin yMin xMax yMax */
    int italic_angle;          /**< degrees */
    int weight;                /**< OS/2 usWeightClass */
    unsigned fstype;
    void *hb_blob, *hb_face, *hb_font;   /* HarfBuzz objects (hb_blob_t, ...) */
} dc_face;

typedef struct {
    const char *const *specs;  /**< "ROLE=FILE[:INDEX]" overrides, NULL-terminated, or NULL */
    const char *config;        /**< a config file, or NULL */
    int no_system;             /**< 1: do not consult fontconfig (only specs/config files) */
} dc_fontset_options;

typedef struct {
    dc_face **faces;           /**< every distinct face used by some chain */
    size_t nfaces;
    int *chain[DC_ROLE_COUNT]; /**< indexes into faces, best first */
    size_t nchain[DC_ROLE_COUNT];
    char **notes;              /**< what was skipped and why (unusable fonts) */
    size_t nnotes;
    struct dc_fontset_pending *pending;   /**< dc_fontset_new_async: not resolved yet */
} dc_fontset;

/** Resolves every role.  Fails (DC_ERR_USAGE) when a --font or config entry
 *  names a file that cannot be used, or when no role has any face at all;
 *  a role whose preferred families are missing falls back silently (see
 *  dc_fontset_describe).  Caller frees with dc_fontset_free. */
dc_fontset *dc_fontset_new(const dc_fontset_options *opt, dc_error *err);
void dc_fontset_free(dc_fontset *fs);

/** dc_fontset_new in a thread (fontconfig's start, about 9 ms, overlaps the
 *  caller's reading of a document).  The fields are empty until
 *  dc_fontset_wait; never NULL.  Only for options without user files (specs
 *  and config NULL), whose mistakes must be reported at once. */
dc_fontset *dc_fontset_new_async(const dc_fontset_options *opt);
/** Waits for a fontset from dc_fontset_new_async (at once for any other):
 *  DC_OK with its fields filled, or the status dc_fontset_new failed with (err
 *  set; the fontset stays empty).  Not thread-safe: call from the thread that
 *  made it.  The fontset is const for its users but filled here. */
dc_status dc_fontset_wait(const dc_fontset *fs, dc_error *err);

/** The glyph of cp in a face, 0 when the face lacks it. */
uint32_t dc_face_glyph(const dc_face *f, uint32_t cp);
/** Advance of a glyph in 1/1000 em, rounded (the value written to /W). */
int dc_face_advance(const dc_face *f, uint32_t gid);

/** The first face of the role's chain that has cp: its index into
 *  fs->faces, or -1 when none has it. */
int dc_fontset_pick(const dc_fontset *fs, dc_font_role role, uint32_t cp);

/** Opens a face from a file (index into a .ttc) and checks it can be embedded.
 *  Returns NULL with err set (DC_ERR_USAGE) when it cannot.  Free with
 *  dc_face_free. */
dc_face *dc_face_open(const char *path, unsigned index, dc_error *err);
void dc_face_free(dc_face *f);

#endif
