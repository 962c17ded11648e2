/*
 * test_fonts.c - font roles, per-character fallback, configuration, faces
 * that cannot be embedded, and subsetting.
 *
 * Uses the Debian font packages of the Makefile (fonts-droid-fallback has no
 * ASCII glyphs, which makes it the natural fallback case).
 */
#include "helpers.h"

#include "fonts/fontset.h"
#include "fonts/subset.h"

#define DROID "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
#define GBSN "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
#define GKAI "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"
#define UMING "/usr/share/fonts/truetype/arphic/uming.ttc"

static void test_roles(void **state)
{
    (void)state;
    assert_int_equal(dc_font_role_parse("body", 4), DC_ROLE_BODY);
    assert_int_equal(dc_font_role_parse("Heading1", 8), DC_ROLE_HEADING1);
    assert_int_equal(dc_font_role_parse("h2", 2), DC_ROLE_HEADING2);
    assert_int_equal(dc_font_role_parse("fallback", 8), DC_ROLE_FALLBACK);
    assert_int_equal(dc_font_role_parse("caption", 7), -1);
    assert_string_equal(dc_font_role_name(DC_ROLE_TABLE), "table");
}

static void test_fallback(void **state)
{
    (void)state;
    const char *specs[] = {"body=" DROID, "fallback=" GBSN, NULL};
    dc_fontset_options o = {specs, NULL, 1};
    dc_error err = {0};
    dc_fontset *fs = dc_fontset_new(&o, &err);
    assert_non_null(fs);
    assert_int_equal(fs->nfaces, 2);
    int droid = fs->chain[DC_ROLE_BODY][0];
    assert_string_equal(fs->faces[droid]->path, DROID);
    /* 中 is in Droid; 'A', '3' and '≤' are not: the next face draws them. */
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_BODY, 0x4E2D), droid);
    int a = dc_fontset_pick(fs, DC_ROLE_BODY, 'A');
    assert_true(a >= 0 && a != droid);
    assert_string_equal(fs->faces[a]->path, GBSN);
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_BODY, '3'), a);
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_BODY, 0x2264), a);
    /* No face has a private-use character or an emoji. */
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_BODY, 0xE000), -1);
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_BODY, 0x1F600), -1);
    /* Roles nobody named use the fallback list. */
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_TITLE, 'A'), a);
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_TITLE, 0x4E2D), a);
    /* Widths in thousandths of an em: ideographs full, digits narrower. */
    uint32_t g = dc_face_glyph(fs->faces[a], 0x4E2D);
    assert_true(g > 0);
    assert_int_equal(dc_face_advance(fs->faces[a], g), 1000);
    int w3 = dc_face_advance(fs->faces[a], dc_face_glyph(fs->faces[a], '3'));
    assert_true(w3 > 300 && w3 < 700);
    dc_fontset_free(fs);

    /* Without a fallback list, roles nobody named borrow the body's chain. */
    const char *only[] = {"body=" DROID, NULL};
    dc_fontset_options o2 = {only, NULL, 1};
    fs = dc_fontset_new(&o2, &err);
    assert_non_null(fs);
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_TITLE, 0x4E2D), 0);
    assert_int_equal(dc_fontset_pick(fs, DC_ROLE_TABLE, 'A'), -1);
    dc_fontset_free(fs);
}

static void test_ttc_index_and_config(void **state)
{
    (void)state;
    char path[] = "/tmp/dc-fonts-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *conf = "# roles\n"
                       "body = " GKAI "   # Kai for the body\n"
                       "table = " UMING ":1\n"
                       "heading1 = No Such Family, " GBSN "\n";
    assert_int_equal(write(fd, conf, strlen(conf)), (ssize_t)strlen(conf));
    close(fd);
    dc_fontset_options o = {NULL, path, 1};
    dc_error err = {0};
    dc_fontset *fs = dc_fontset_new(&o, &err);
    assert_non_null(fs);
    assert_string_equal(fs->faces[fs->chain[DC_ROLE_BODY][0]]->path, GKAI);
    const dc_face *t = fs->faces[fs->chain[DC_ROLE_TABLE][0]];
    assert_string_equal(t->path, UMING);
    assert_int_equal(t->index, 1);
    assert_non_null(strstr(t->family, "HK"));     /* face 1 of uming.ttc is UMing HK */
    assert_string_equal(fs->faces[fs->chain[DC_ROLE_HEADING1][0]]->path, GBSN);
    /* the missing family is reported, not fatal */
    assert_true(fs->nnotes >= 1);
    dc_fontset_free(fs);

    /* An unknown role is an error naming the line. */
    FILE *f = fopen(path, "w");
    fputs("body = " GKAI "\ncaption = " GBSN "\n", f);
    fclose(f);
    memset(&err, 0, sizeof err);
    assert_null(dc_fontset_new(&o, &err));
    assert_int_equal(err.code, DC_ERR_USAGE);
    assert_non_null(strstr(err.msg, ":2:"));
    unlink(path);
}

static void test_unusable(void **state)
{
    (void)state;
    dc_error err = {0};
    /* not a font */
    assert_null(dc_face_open("/etc/passwd", 0, &err));
    assert_int_equal(err.code, DC_ERR_USAGE);
    /* a face index past the end of a .ttc */
    memset(&err, 0, sizeof err);
    assert_null(dc_face_open(UMING, 9, &err));
    assert_non_null(strstr(err.msg, "no face 9"));
    /* a missing file given with --font is fatal */
    const char *specs[] = {"body=/nonexistent/font.ttf", NULL};
    dc_fontset_options o = {specs, NULL, 1};
    memset(&err, 0, sizeof err);
    assert_null(dc_fontset_new(&o, &err));
    assert_int_equal(err.code, DC_ERR_USAGE);
    /* a bad spec */
    const char *bad[] = {"bodyfont.ttf", NULL};
    dc_fontset_options o2 = {bad, NULL, 1};
    memset(&err, 0, sizeof err);
    assert_null(dc_fontset_new(&o2, &err));
    /* nothing at all */
    dc_fontset_options o3 = {NULL, NULL, 1};
    memset(&err, 0, sizeof err);
    assert_null(dc_fontset_new(&o3, &err));
}

static void test_subset(void **state)
{
    (void)state;
    dc_error err = {0};
    dc_face *f = dc_face_open(GBSN, 0, &err);
    assert_non_null(f);
    uint32_t cps[] = {0x4E2D, 0x6587, '3', 0xFF0C};
    dc_subset s;
    assert_int_equal(dc_subset_face(f, cps, 4, &s, &err), DC_OK);
    assert_true(s.len > 100 && s.len < 60000);
    assert_true(s.nglyphs >= 5 && s.nglyphs < 20);
    /* every used glyph survives with a new id; others do not */
    for (size_t i = 0; i < 4; i++) {
        uint32_t ng = dc_subset_gid(&s, dc_face_glyph(f, cps[i]));
        assert_true(ng > 0 && ng < s.nglyphs);
    }
    assert_int_equal(dc_subset_gid(&s, dc_face_glyph(f, 0x56FD)), 0);
    /* the subset is itself a usable TrueType font with the same widths */
    char path[] = "/tmp/dc-subset-XXXXXX";
    int fd = mkstemp(path);
    assert_int_equal(write(fd, s.data, s.len), (ssize_t)s.len);
    close(fd);
    dc_face *g = dc_face_open(path, 0, &err);
    assert_non_null(g);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(dc_face_advance(g, dc_face_glyph(g, cps[i])),
                         dc_face_advance(f, dc_face_glyph(f, cps[i])));
    dc_face_free(g);
    unlink(path);
    dc_subset_free(&s);
    dc_face_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_fallback),
        cmocka_unit_test(test_ttc_index_and_config),
        cmocka_unit_test(test_unusable),
        cmocka_unit_test(test_subset),
    };
    return cmocka_run_group_tests_name("fonts", tests, NULL, NULL);
}
