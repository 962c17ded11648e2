/*
 * fonts.c - `disclosure fonts [FILE]`: what each font role resolved to and,
 * for a document, how much of its text each role's face and fallback chain
 * cover.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "fonts/fontset.h"

static const char S_help[] =
    "usage: disclosure fonts [FILE] [--font ROLE=FILE[:INDEX]]... [--font-config FILE]\n"
    "                        [--limit NAME=VALUE]\n"
    "\n"
    "Prints the TrueType face each font role of the PDF resolved to (title,\n"
    "heading1, heading2, body, table) and the fallback chain behind it.  With a\n"
    "Word document, also how many of its distinct characters each role's face\n"
    "has, how many its whole chain has, and the characters no font has.\n"
    "  --font ROLE=FILE[:INDEX]  use a font file for a role (INDEX: face in a .ttc)\n"
    "  --font-config FILE        read roles from a file (docs/fonts.md)\n"
    "  --limit NAME=VALUE        change a safety limit (see README)\n"
    "Exit codes: 0 ok, 1 some characters have no font, 2 usage or unusable font,\n"
    "3 unreadable input.\n";

static int S_cp_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The distinct characters a document draws (spaces and controls left out). */
static uint32_t *S_doc_chars(const dc_doc *doc, size_t *n)
{
    dc_buf b = DC_BUF_INIT;
    dc_node_text(doc->root, &b);
    dc_buf_putc(&b, '\n');
    if (doc->notes)
        dc_node_text(doc->notes, &b);
    size_t cap = 256, count = 0, i = 0;
    uint32_t *cps = dc_xmalloc(cap * sizeof *cps);
    while (i < b.len) {
        size_t adv;
        uint32_t cp = dc_utf8_decode(b.data + i, b.len - i, &adv);
        i += adv;
        if (cp < 0x20 || dc_cp_is_space(cp) || (cp >= 0x7F && cp < 0xA0))
            continue;
        if (count == cap) {
            cap *= 2;
            cps = dc_xrealloc(cps, cap * sizeof *cps);
        }
        cps[count++] = cp;
    }
    dc_buf_free(&b);
    qsort(cps, count, sizeof *cps, S_cp_cmp);
    size_t m = 0;
    for (size_t k = 0; k < count; k++)
        if (m == 0 || cps[k] != cps[m - 1])
            cps[m++] = cps[k];
    *n = m;
    return cps;
}

static void S_face_line(const dc_face *f)
{
    char file[1024];
    if (f->index)
        snprintf(file, sizeof file, "%s:%u", f->path, f->index);
    else
        snprintf(file, sizeof file, "%s", f->path);
    printf("%-20s %s%s\n", f->family, file, f->official ? "" : "  (free stand-in)");
}

int cmd_fonts(int argc, char **argv)
{
    static const struct option opts[] = {
        {"font", required_argument, NULL, 'f'},
        {"font-config", required_argument, NULL, 'F'},
        CLI_LIMIT_HELP_AND_END,
    };
    cli_reader cl;
    cli_reader_start(&cl, "fonts", S_help);
    const char **specs = dc_xcalloc((size_t)argc + 1, sizeof *specs);
    size_t nspecs = 0;
    dc_fontset_options fo;
    memset(&fo, 0, sizeof fo);
    int c;
    while ((c = cli_reader_getopt(&cl, argc, argv, ":h", opts)) != -1) {
        switch (c) {
        case 'f': specs[nspecs++] = optarg; break;
        case 'F': fo.config = optarg; break;
        }
    }
    if (cl.status >= 0) {
        free(specs);
        return cl.status;
    }
    if (argc - optind > 1) {
        free(specs);
        return cli_usage_error("fonts", "at most one FILE");
    }
    fo.specs = nspecs ? specs : NULL;
    dc_error err = {0};
    dc_fontset *fs = dc_fontset_new(&fo, &err);
    free(specs);
    if (!fs) {
        fprintf(stderr, "disclosure fonts: %s\n", err.msg);
        return DC_EXIT_USAGE;
    }
    for (int r = 0; r < DC_ROLE_COUNT; r++) {
        printf("%-9s ", dc_font_role_name(r));
        if (fs->nchain[r])
            S_face_line(fs->faces[fs->chain[r][0]]);
        else
            printf("(none)\n");
    }
    /* The chain behind the roles: every other face, in the body's order. */
    printf("fallback ");
    int any = 0;
    for (size_t i = 1; i < fs->nchain[DC_ROLE_BODY]; i++) {
        const dc_face *f = fs->faces[fs->chain[DC_ROLE_BODY][i]];
        printf("%s %s", any ? "," : "", f->family);
        any = 1;
    }
    printf("%s\n", any ? "" : " (none)");
    for (size_t i = 0; i < fs->nnotes; i++)
        printf("note: %s\n", fs->notes[i]);

    int status = 0;
    if (optind < argc) {
        const char *path = argv[optind];
        dc_analysis a;
        if (dc_analyze(path, &cl.lim, 0, &a, &err) != DC_OK) {
            dc_fontset_free(fs);
            return cli_input_error(path, &err);
        }
        size_t n = 0;
        uint32_t *cps = S_doc_chars(a.doc, &n);
        printf("\n%s: %zu distinct characters\n", path, n);
        printf("%-9s %-22s %-22s\n", "role", "its face has", "with fallback");
        for (int r = 0; r < DC_ROLE_COUNT; r++) {
            size_t own = 0, chain = 0;
            const dc_face *f = fs->nchain[r] ? fs->faces[fs->chain[r][0]] : NULL;
            for (size_t k = 0; k < n; k++) {
                if (f && dc_face_glyph(f, cps[k]))
                    own++;
                if (dc_fontset_pick(fs, (dc_font_role)r, cps[k]) >= 0)
                    chain++;
            }
            char a[64], b[64];
            snprintf(a, sizeof a, "%zu (%.2f%%)", own, n ? 100.0 * (double)own / (double)n : 100.0);
            snprintf(b, sizeof b, "%zu (%.2f%%)", chain,
                     n ? 100.0 * (double)chain / (double)n : 100.0);
            printf("%-9s %-22s %-22s\n", dc_font_role_name(r), a, b);
        }
        dc_buf miss = DC_BUF_INIT;
        size_t nmiss = 0;
        for (size_t k = 0; k < n; k++) {
            int found = 0;
            for (int r = 0; r < DC_ROLE_COUNT && !found; r++)
                found = dc_fontset_pick(fs, (dc_font_role)r, cps[k]) >= 0;
            if (found)
                continue;
            dc_buf_printf(&miss, "%sU+%04X ", nmiss ? ", " : "", (unsigned)cps[k]);
            dc_buf_put_utf8(&miss, cps[k]);
            nmiss++;
        }
        if (nmiss) {
            printf("no font has %zu character%s: %s\n", nmiss, nmiss == 1 ? "" : "s",
                   dc_buf_cstr(&miss));
            status = DC_EXIT_FINDINGS;
        } else {
            printf("every character has a font\n");
        }
        dc_buf_free(&miss);
        free(cps);
        dc_analysis_free(&a);
    }
    dc_fontset_free(fs);
    return status;
}
