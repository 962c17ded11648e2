/*
 * fontset.c - font roles resolved through fontconfig, faces read with
 * HarfBuzz (see fontset.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include "fontset.h"

#include <ctype.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>
#include <math.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- preference lists ---------------------------------------------------- */

/* The official faces of GB/T 9704 and their usual family names (Windows,
 * Founder, macOS), then free stand-ins packaged in Debian. */
static const char *const S_official[DC_ROLE_COUNT][12] = {
    [DC_ROLE_TITLE] = {"方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "FZXiaoBiaoSong-B05S",
                       "FZXiaoBiaoSong-B05", "华文中宋", "STZhongsong", NULL},
    [DC_ROLE_HEADING1] = {"黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "FZHei-B01S",
                          "华文黑体", "STHeiti", NULL},
    [DC_ROLE_HEADING2] = {"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK",
                          "方正楷体简体", "FZKai-Z03S", "华文楷体", "STKaiti", NULL},
    [DC_ROLE_BODY] = {"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK",
                      "方正仿宋简体", "FZFangSong-Z02S", "华文仿宋", "STFangsong", NULL},
    [DC_ROLE_TABLE] = {"宋体", "SimSun", "新宋体", "NSimSun", "方正书宋_GBK", "方正书宋简体",
                       "华文宋体", "STSong", NULL},
};

static const char *const S_free[DC_ROLE_COUNT][6] = {
    [DC_ROLE_TITLE] = {"AR PL SungtiL GB", "AR PL UMing CN", NULL},
    [DC_ROLE_HEADING1] = {"WenQuanYi Zen Hei", "Droid Sans Fallback", NULL},
    [DC_ROLE_HEADING2] = {"AR PL KaitiM GB", "LXGW WenKai", "AR PL UKai CN", NULL},
    [DC_ROLE_BODY] = {"AR PL SungtiL GB", "AR PL UMing CN", "LXGW WenKai", NULL},
    [DC_ROLE_TABLE] = {"AR PL SungtiL GB", "AR PL UMing CN", NULL},
};

static const char *const S_fallback[] = {
    "AR PL UMing CN", "AR PL SungtiL GB", "LXGW WenKai", "WenQuanYi Zen Hei",
    "AR PL KaitiM GB", "AR PL UKai CN", "Droid Sans Fallback", "DejaVu Sans", "DejaVu Serif",
    NULL,
};

static const char *const S_role_names[] = {"title", "heading1", "heading2", "body", "table",
                                           "fallback"};

const char *dc_font_role_name(int role)
{
    return role >= 0 && role <= DC_ROLE_FALLBACK ? S_role_names[role] : "?";
}

int dc_font_role_parse(const char *name, size_t len)
{
    static const struct { const char *name; int role; } alias[] = {
        {"title", DC_ROLE_TITLE}, {"heading1", DC_ROLE_HEADING1}, {"heading-1", DC_ROLE_HEADING1},
        {"h1", DC_ROLE_HEADING1}, {"heading2", DC_ROLE_HEADING2}, {"heading-2", DC_ROLE_HEADING2},
        {"h2", DC_ROLE_HEADING2}, {"body", DC_ROLE_BODY}, {"table", DC_ROLE_TABLE},
        {"fallback", DC_ROLE_FALLBACK},
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (strlen(alias[i].name) == len && !strncasecmp(alias[i].name, name, len))
            return alias[i].role;
    return -1;
}

/* ---- faces ------------------------------------------------------------------ */

static unsigned S_u16(const char *p)
{
    return ((unsigned)(unsigned char)p[0] << 8) | (unsigned char)p[1];
}

static int S_i16(const char *p)
{
    return (int)(int16_t)S_u16(p);
}

/* A table's bytes; *len = 0 when absent.  The blob must be destroyed. */
static hb_blob_t *S_table(hb_face_t *face, const char *tag, const char **data, unsigned *len)
{
    hb_blob_t *b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
    *data = hb_blob_get_data(b, len);
    return b;
}

static char *S_name(hb_face_t *face, hb_ot_name_id_t id)
{
    hb_language_t langs[2] = {hb_language_from_string("en", -1), HB_LANGUAGE_INVALID};
    for (int i = 0; i < 2; i++) {
        unsigned len = hb_ot_name_get_utf8(face, id, langs[i], NULL, NULL);
        if (len == 0)
            continue;
        unsigned size = len + 1;
        char *s = dc_xmalloc(size);
        hb_ot_name_get_utf8(face, id, langs[i], &size, s);
        return s;
    }
    return NULL;
}

/* A PostScript name usable as a PDF name: printable ASCII without
 * delimiters, at most 60 bytes. */
static char *S_ps_sanitise(const char *name, const char *path)
{
    dc_buf b = DC_BUF_INIT;
    const char *src = name;
    if (!src || !*src) {
        const char *slash = strrchr(path, '/');
        src = slash ? slash + 1 : path;
    }
    for (const unsigned char *p = (const unsigned char *)src; *p && b.len < 60; p++) {
        if (*p > 32 && *p < 127 && !strchr("()<>[]{}/%#", *p))
            dc_buf_putc(&b, (char)*p);
        else if (*p == ' ' || *p == '.')
            dc_buf_putc(&b, '-');
    }
    if (b.len == 0)
        dc_buf_puts(&b, "Font");
    return dc_buf_detach(&b, NULL);
}

void dc_face_free(dc_face *f)
{
    if (!f)
        return;
    hb_font_destroy(f->hb_font);
    hb_face_destroy(f->hb_face);
    hb_blob_destroy(f->hb_blob);
    free(f->path);
    free(f->family);
    free(f->psname);
    free(f);
}

dc_face *dc_face_open(const char *path, unsigned index, dc_error *err)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        dc_error_set(err, DC_ERR_USAGE, "font %s: cannot read the file", path);
        return NULL;
    }
    unsigned count = hb_face_count(blob);
    if (count == 0 || index >= count) {
        if (count == 0)
            dc_error_set(err, DC_ERR_USAGE, "font %s: not a TrueType/OpenType font", path);
        else
            dc_error_set(err, DC_ERR_USAGE, "font %s: has %u faces, no face %u", path, count,
                         index);
        hb_blob_destroy(blob);
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, index);
    dc_face *f = dc_xcalloc(1, sizeof *f);
    f->path = dc_xstrdup(path);
    f->index = index;
    f->hb_blob = blob;
    f->hb_face = face;

    const char *d;
    unsigned len;
    hb_blob_t *t;
    const char *problem = NULL;
    t = S_table(face, "glyf", &d, &len);
    if (len == 0)
        problem = "has no TrueType outlines (glyf); CFF/OpenType-PostScript fonts cannot be "
                  "embedded as TrueType";
    hb_blob_destroy(t);
    static const char *const needed[] = {"head", "hhea", "hmtx", "loca", "maxp", "cmap"};
    for (size_t i = 0; !problem && i < sizeof needed / sizeof needed[0]; i++) {
        t = S_table(face, needed[i], &d, &len);
        if (len == 0)
            problem = "lacks a required table (head, hhea, hmtx, loca, maxp or cmap)";
        hb_blob_destroy(t);
    }
    if (!problem) {
        t = S_table(face, "head", &d, &len);
        if (len >= 54) {
            f->upem = S_u16(d + 18);
            f->bbox[0] = S_i16(d + 36);
            f->bbox[1] = S_i16(d + 38);
            f->bbox[2] = S_i16(d + 40);
            f->bbox[3] = S_i16(d + 42);
        }
        hb_blob_destroy(t);
        if (f->upem < 16 || f->upem > 16384)
            problem = "has an invalid head table";
    }
    if (!problem) {
        t = S_table(face, "hhea", &d, &len);
        if (len >= 8) {
            f->ascent = S_i16(d + 4);
            f->descent = S_i16(d + 6);
        }
        hb_blob_destroy(t);
        t = S_table(face, "OS/2", &d, &len);
        if (len >= 10) {
            f->weight = (int)S_u16(d + 4);
            f->fstype = S_u16(d + 8);
        }
        if (len >= 72 && S_i16(d + 68) > 0) {
            f->ascent = S_i16(d + 68);
            f->descent = S_i16(d + 70);
        }
        if (len >= 90 && S_u16(d) >= 2)
            f->cap_height = S_i16(d + 88);
        hb_blob_destroy(t);
        t = S_table(face, "post", &d, &len);
        if (len >= 8)
            f->italic_angle = S_i16(d + 4);
        hb_blob_destroy(t);
        if ((f->fstype & 0x000F) == 0x0002)
            problem = "its licence (fsType) forbids embedding";
        else if (f->fstype & 0x0200)
            problem = "its licence (fsType) allows only bitmap embedding";
        else if (f->fstype & 0x0100)
            problem = "its licence (fsType) forbids subsetting";
    }
    if (problem) {
        dc_error_set(err, DC_ERR_USAGE, "font %s: %s", path, problem);
        dc_face_free(f);
        return NULL;
    }
    if (f->ascent <= 0)
        f->ascent = (int)(f->upem * 88 / 100);
    if (f->descent >= 0)
        f->descent = -(int)(f->upem * 12 / 100);
    if (f->cap_height <= 0)
        f->cap_height = f->ascent * 8 / 10;
    f->family = S_name(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
    if (!f->family)
        f->family = S_name(face, HB_OT_NAME_ID_FONT_FAMILY);
    if (!f->family)
        f->family = dc_xstrdup("?");
    char *ps = S_name(face, HB_OT_NAME_ID_POSTSCRIPT_NAME);
    f->psname = S_ps_sanitise(ps, path);
    free(ps);
    hb_font_t *font = hb_font_create(face);
    hb_font_set_scale(font, (int)f->upem, (int)f->upem);
    f->hb_font = font;
    return f;
}

uint32_t dc_face_glyph(const dc_face *f, uint32_t cp)
{
    hb_codepoint_t g = 0;
    if (!hb_font_get_nominal_glyph((hb_font_t *)f->hb_font, cp, &g))
        return 0;
    return g;
}

int dc_face_advance(const dc_face *f, uint32_t gid)
{
    hb_position_t a = hb_font_get_glyph_h_advance((hb_font_t *)f->hb_font, gid);
    return (int)lround((double)a * 1000.0 / f->upem);
}

/* ---- resolution --------------------------------------------------------------- */

typedef struct {
    dc_fontset *fs;
    dc_error *err;
    int no_system;
} S_ctx;

static void S_note(dc_fontset *fs, const char *fmt, const char *a, const char *b)
{
    dc_buf m = DC_BUF_INIT;
    dc_buf_printf(&m, fmt, a, b);
    for (size_t i = 0; i < fs->nnotes; i++)
        if (!strcmp(fs->notes[i], dc_buf_cstr(&m))) {
            dc_buf_free(&m);
            return;
        }
    fs->notes = dc_xrealloc(fs->notes, (fs->nnotes + 1) * sizeof *fs->notes);
    fs->notes[fs->nnotes++] = dc_buf_detach(&m, NULL);
}

/* The face for path/index, opened once per fontset.  Returns its index or -1
 * (err set). */
static int S_face_file(S_ctx *c, const char *path, unsigned index, int official, dc_error *err)
{
    dc_fontset *fs = c->fs;
    for (size_t i = 0; i < fs->nfaces; i++)
        if (fs->faces[i]->index == index && !strcmp(fs->faces[i]->path, path)) {
            fs->faces[i]->official |= official;
            return (int)i;
        }
    dc_face *f = dc_face_open(path, index, err);
    if (!f)
        return -1;
    f->official = official;
    fs->faces = dc_xrealloc(fs->faces, (fs->nfaces + 1) * sizeof *fs->faces);
    fs->faces[fs->nfaces] = f;
    return (int)fs->nfaces++;
}

static void S_fc_init(void)
{
    static int done;
    if (!done) {
        done = 1;
        FcInit();
        atexit(FcFini);
    }
}

/* The best regular upright TrueType face of a family through fontconfig:
 * its face index, or -1 when the family is not installed or unusable. */
static int S_face_family(S_ctx *c, const char *family, int official)
{
    if (c->no_system)
        return -1;
    S_fc_init();
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_FONTFORMAT,
                                       NULL);
    FcFontSet *set = FcFontList(NULL, pat, os);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    if (!set)
        return -1;
    /* Rank: upright before slanted, then weight nearest to regular, then
     * path and index (deterministic). */
    int best = -1;
    long best_score = 0;
    const char *best_file = NULL;
    int best_index = 0;
    for (int i = 0; i < set->nfont; i++) {
        FcChar8 *file = NULL, *format = NULL;
        int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        FcPatternGetInteger(set->fonts[i], FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(set->fonts[i], FC_SLANT, 0, &slant);
        if (FcPatternGetString(set->fonts[i], FC_FONTFORMAT, 0, &format) == FcResultMatch &&
            strcmp((const char *)format, "TrueType") != 0)
            continue;
        if (index < 0 || index > 0xFFFF)
            continue;     /* named instances of variable fonts */
        long score = (slant != FC_SLANT_ROMAN ? 100000 : 0) + labs((long)weight - FC_WEIGHT_REGULAR) * 10;
        if (best < 0 || score < best_score ||
            (score == best_score && (strcmp((const char *)file, best_file) < 0 ||
                                     (!strcmp((const char *)file, best_file) && index < best_index)))) {
            best = i;
            best_score = score;
            best_file = (const char *)file;
            best_index = index;
        }
    }
    int r = -1;
    if (best >= 0) {
        dc_error e = {0};
        r = S_face_file(c, best_file, (unsigned)best_index, official, &e);
        if (r < 0)
            S_note(c->fs, "%s: skipped: %s", family, e.msg);
    }
    FcFontSetDestroy(set);
    return r;
}

/* An entry: "FILE[:INDEX]" (anything with a '/') or a family name. */
static int S_entry(S_ctx *c, const char *entry, size_t len, int user, const char *where)
{
    while (len && isspace((unsigned char)*entry)) {
        entry++;
        len--;
    }
    while (len && isspace((unsigned char)entry[len - 1]))
        len--;
    if (len == 0)
        return -1;
    char *s = dc_xstrndup(entry, len);
    int r;
    if (strchr(s, '/')) {
        unsigned index = 0;
        char *colon = strrchr(s, ':');
        if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
            strlen(colon + 1) < 6) {
            index = (unsigned)atoi(colon + 1);
            *colon = '\0';
        }
        dc_error e = {0};
        r = S_face_file(c, s, index, 1, &e);
        if (r < 0 && user)
            dc_error_set(c->err, DC_ERR_USAGE, "%s: %s", where, e.msg);
    } else {
        r = S_face_family(c, s, user);
        if (r < 0 && user)
            S_note(c->fs, "%s: family '%s' is not installed as a usable TrueType font", where,
                   s);
    }
    free(s);
    return r;
}

typedef struct {
    char **entries[DC_ROLE_COUNT + 1];
    size_t n[DC_ROLE_COUNT + 1];
    char **where[DC_ROLE_COUNT + 1];
} S_user;

static void S_user_add(S_user *u, int role, const char *entry, size_t len, const char *where)
{
    u->entries[role] = dc_xrealloc(u->entries[role], (u->n[role] + 1) * sizeof(char *));
    u->where[role] = dc_xrealloc(u->where[role], (u->n[role] + 1) * sizeof(char *));
    u->entries[role][u->n[role]] = dc_xstrndup(entry, len);
    u->where[role][u->n[role]] = dc_xstrdup(where);
    u->n[role]++;
}

static void S_user_free(S_user *u)
{
    for (int r = 0; r <= DC_ROLE_COUNT; r++) {
        for (size_t i = 0; i < u->n[r]; i++) {
            free(u->entries[r][i]);
            free(u->where[r][i]);
        }
        free(u->entries[r]);
        free(u->where[r]);
    }
}

/* Reads a config file: "ROLE = ENTRY[, ENTRY...]" lines, '#' comments. */
static dc_status S_read_config(const char *path, S_user *u, dc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return dc_error_set(err, DC_ERR_USAGE, "font config %s: %s", path, strerror(errno));
    char line[4096];
    int lineno = 0;
    dc_status st = DC_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            continue;
        char *eq = strchr(p, '=');
        char where[512];
        snprintf(where, sizeof where, "%s:%d", path, lineno);
        if (!eq) {
            st = dc_error_set(err, DC_ERR_USAGE, "%s: expected ROLE = FONT[, FONT...]", where);
            break;
        }
        size_t klen = (size_t)(eq - p);
        while (klen && isspace((unsigned char)p[klen - 1]))
            klen--;
        int role = dc_font_role_parse(p, klen);
        if (role < 0) {
            st = dc_error_set(err, DC_ERR_USAGE,
                              "%s: unknown role '%.*s' (title, heading1, heading2, body, table, "
                              "fallback)", where, (int)klen, p);
            break;
        }
        char *v = eq + 1;
        for (;;) {
            char *comma = strchr(v, ',');
            size_t n = comma ? (size_t)(comma - v) : strcspn(v, "\r\n");
            S_user_add(u, role, v, n, where);
            if (!comma)
                break;
            v = comma + 1;
        }
    }
    fclose(f);
    return st;
}

static void S_chain_add(dc_fontset *fs, int role, int face)
{
    if (face < 0)
        return;
    for (size_t i = 0; i < fs->nchain[role]; i++)
        if (fs->chain[role][i] == face)
            return;
    fs->chain[role] = dc_xrealloc(fs->chain[role], (fs->nchain[role] + 1) * sizeof(int));
    fs->chain[role][fs->nchain[role]++] = face;
}

dc_fontset *dc_fontset_new(const dc_fontset_options *opt, dc_error *err)
{
    dc_fontset *fs = dc_xcalloc(1, sizeof *fs);
    S_user u;
    memset(&u, 0, sizeof u);
    S_ctx c = {fs, err, opt && opt->no_system};
    dc_status st = DC_OK;

    if (opt && opt->specs) {
        for (size_t i = 0; opt->specs[i] && st == DC_OK; i++) {
            const char *s = opt->specs[i];
            const char *eq = strchr(s, '=');
            int role = eq ? dc_font_role_parse(s, (size_t)(eq - s)) : -1;
            if (role < 0) {
                st = dc_error_set(err, DC_ERR_USAGE,
                                  "--font %s: expected ROLE=FILE[:INDEX] with ROLE one of title, "
                                  "heading1, heading2, body, table, fallback", s);
                break;
            }
            S_user_add(&u, role, eq + 1, strlen(eq + 1), "--font");
        }
    }
    if (st == DC_OK && opt && opt->config)
        st = S_read_config(opt->config, &u, err);

    /* The shared fallback list first, so every role can append it. */
    int *fallback = NULL;
    size_t nfallback = 0;
    for (int r = 0; st == DC_OK && r < DC_ROLE_COUNT; r++) {
        for (size_t i = 0; i < u.n[r] && st == DC_OK; i++) {
            int f = S_entry(&c, u.entries[r][i], strlen(u.entries[r][i]), 1, u.where[r][i]);
            if (err->code)
                st = err->code;
            S_chain_add(fs, r, f);
        }
        for (size_t i = 0; st == DC_OK && S_official[r][i]; i++)
            S_chain_add(fs, r, S_face_family(&c, S_official[r][i], 1));
        for (size_t i = 0; st == DC_OK && S_free[r][i]; i++)
            S_chain_add(fs, r, S_face_family(&c, S_free[r][i], 0));
    }
    for (size_t i = 0; st == DC_OK && i < u.n[DC_ROLE_FALLBACK]; i++) {
        int f = S_entry(&c, u.entries[DC_ROLE_FALLBACK][i],
                        strlen(u.entries[DC_ROLE_FALLBACK][i]), 1, u.where[DC_ROLE_FALLBACK][i]);
        if (err->code)
            st = err->code;
        if (f >= 0) {
            fallback = dc_xrealloc(fallback, (nfallback + 1) * sizeof(int));
            fallback[nfallback++] = f;
        }
    }
    for (size_t i = 0; st == DC_OK && S_fallback[i]; i++) {
        int f = S_face_family(&c, S_fallback[i], 0);
        if (f >= 0) {
            fallback = dc_xrealloc(fallback, (nfallback + 1) * sizeof(int));
            fallback[nfallback++] = f;
        }
    }
    for (int r = 0; st == DC_OK && r < DC_ROLE_COUNT; r++)
        for (size_t i = 0; i < nfallback; i++)
            S_chain_add(fs, r, fallback[i]);
    free(fallback);
    S_user_free(&u);
    if (st == DC_OK) {
        /* A role with nothing borrows the body's chain, or any other. */
        static const int order[] = {DC_ROLE_BODY, DC_ROLE_TABLE, DC_ROLE_TITLE,
                                    DC_ROLE_HEADING1, DC_ROLE_HEADING2};
        for (int r = 0; r < DC_ROLE_COUNT; r++)
            for (size_t k = 0; !fs->nchain[r] && k < sizeof order / sizeof order[0]; k++)
                for (size_t i = 0; i < fs->nchain[order[k]]; i++)
                    S_chain_add(fs, r, fs->chain[order[k]][i]);
        if (fs->nfaces == 0)
            st = dc_error_set(err, DC_ERR_USAGE,
                              "no usable TrueType font found: install the Debian packages "
                              "(make deps) or give --font body=FILE");
    }
    if (st != DC_OK) {
        dc_fontset_free(fs);
        return NULL;
    }
    return fs;
}

struct dc_fontset_pending {
    pthread_t thread;
    dc_fontset_options opt;
    dc_fontset *outer;        /* the caller's (empty) fontset, filled on wait */
    dc_fontset *result;       /* the thread's, NULL on failure */
    dc_error err;
    int joined;
    dc_status status;
};

static void *S_resolve(void *arg)
{
    struct dc_fontset_pending *p = arg;
    p->result = dc_fontset_new(&p->opt, &p->err);
    return NULL;
}

dc_fontset *dc_fontset_new_async(const dc_fontset_options *opt)
{
    dc_fontset *fs = dc_xcalloc(1, sizeof *fs);
    struct dc_fontset_pending *p = dc_xcalloc(1, sizeof *p);
    if (opt)
        p->opt = *opt;
    p->opt.specs = NULL;
    p->opt.config = NULL;
    p->outer = fs;
    fs->pending = p;
    /* One malloc arena for both threads: a thread's own arena reserves 64 MiB
     * of address space at once, so under a memory limit (ulimit -v, batch
     * --memory) fontconfig in the thread would run out long before the
     * process does, and it does not survive running out. */
    mallopt(M_ARENA_MAX, 1);
    if (pthread_create(&p->thread, NULL, S_resolve, p) != 0) {
        S_resolve(p);   /* no thread: resolve now */
        p->joined = -1;
    }
    return fs;
}

dc_status dc_fontset_wait(const dc_fontset *cfs, dc_error *err)
{
    struct dc_fontset_pending *p = cfs ? cfs->pending : NULL;
    if (!p)
        return DC_OK;
    if (p->joined <= 0) {
        if (p->joined == 0)
            pthread_join(p->thread, NULL);
        p->joined = 1;
        dc_fontset *fs = p->outer;
        if (p->result) {
            *fs = *p->result;   /* the faces, chains and notes move over */
            fs->pending = p;
            free(p->result);
            p->result = NULL;
        } else {
            p->status = p->err.code ? p->err.code : DC_ERR_INTERNAL;
        }
    }
    if (p->status != DC_OK)
        return dc_error_set(err, p->status, "%s", p->err.msg);
    return DC_OK;
}

void dc_fontset_free(dc_fontset *fs)
{
    if (!fs)
        return;
    if (fs->pending) {
        dc_error ignored = {0};
        dc_fontset_wait(fs, &ignored);
        free(fs->pending);
        fs->pending = NULL;
    }
    for (size_t i = 0; i < fs->nfaces; i++)
        dc_face_free(fs->faces[i]);
    free(fs->faces);
    for (int r = 0; r < DC_ROLE_COUNT; r++)
        free(fs->chain[r]);
    for (size_t i = 0; i < fs->nnotes; i++)
        free(fs->notes[i]);
    free(fs->notes);
    free(fs);
}

int dc_fontset_pick(const dc_fontset *fs, dc_font_role role, uint32_t cp)
{
    if ((int)role < 0 || role >= DC_ROLE_COUNT)
        return -1;
    for (size_t i = 0; i < fs->nchain[role]; i++) {
        int f = fs->chain[role][i];
        if (dc_face_glyph(fs->faces[f], cp))
            return f;
    }
    return -1;
}
