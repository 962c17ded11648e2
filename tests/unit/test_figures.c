/*
 * test_figures.c - the figure table (model/figures.h): keys, labels and
 * aliases are unique, every figure has its own place in dc_disclosure, the
 * key figures are the flagged ones, and every alias, written in the section
 * that states it, is read by the recognizer into that figure and no other.
 */
#include <math.h>

#include "disclosure_fixture.h"
#include "model/figures.h"
#include "model/key_figures.h"
#include "model/recognize.h"

static void test_table(void **state)
{
    (void)state;
    int nkey = 0;
    for (int f = 0; f < DC_FIG_COUNT; f++) {
        const dc_figure_info *a = dc_figure_describe((dc_figure)f);
        assert_non_null(a);
        assert_int_equal(a->id, f);
        assert_true(a->key[0] && a->label[0] && a->unit[0]);
        assert_true(a->offset + sizeof(dc_amount) <= sizeof(dc_disclosure));
        assert_int_equal(dc_figure_find(a->key), f);
        if (a->flags & DC_FIG_KEY)
            assert_ptr_equal(dc_key_figure_describe(nkey++), a);
        for (int g = 0; g < f; g++) {
            const dc_figure_info *b = dc_figure_describe((dc_figure)g);
            if (!strcmp(a->key, b->key) || !strcmp(a->label, b->label) || a->offset == b->offset)
                fail_msg("figures %s and %s share a key, label or member", a->key, b->key);
            for (const char *const *x = a->aliases; *x; x++)
                for (const char *const *y = b->aliases; *y; y++)
                    if (!strcmp(*x + (**x == '~'), *y + (**y == '~')))
                        fail_msg("alias %s names %s and %s", *x, a->key, b->key);
        }
    }
    assert_int_equal(nkey, DC_KF_COUNT);
    assert_null(dc_key_figure_describe(DC_KF_COUNT));
    assert_null(dc_figure_describe(DC_FIG_COUNT));
    assert_int_equal(dc_figure_find("no.such.figure"), -1);
}

/* A disclosure whose only figure is `text` in the section of kind `section`. */
static dc_disclosure *S_only(const char *text, dc_section_kind section, dc_doc **doc)
{
    fx_spec s;
    fx_defaults(&s);
    s.income = s.expenditure = s.change = s.operating = s.three_public = "见下文。";
    s.procurement_text = s.assets_text = "见下文。";
    switch (section) {
    case DC_SECTION_BUDGET:      s.income = text; break;
    case DC_SECTION_OPERATING:   s.operating = text; break;
    case DC_SECTION_THREE_PUBLIC: s.three_public = text; break;
    case DC_SECTION_PROCUREMENT: s.procurement_text = text; break;
    case DC_SECTION_ASSETS:      s.assets_text = text; break;
    default:                     fail_msg("no section for a figure: %d", (int)section);
    }
    *doc = fx_build(&s);
    return dc_recognize(*doc);
}

static void test_every_alias_is_read(void **state)
{
    (void)state;
    int tried = 0;
    for (int f = 0; f < DC_FIG_COUNT; f++) {
        const dc_figure_info *fi = dc_figure_describe((dc_figure)f);
        for (const char *const *al = fi->aliases; *al; al++) {
            /* the document writes full-width parentheses; aliases are folded */
            char label[128], text[256];
            size_t n = 0;
            for (const char *p = *al + (**al == '~'); *p && n + 4 < sizeof label; p++) {
                const char *w = *p == '(' ? "（" : *p == ')' ? "）" : NULL;
                if (w) {
                    memcpy(label + n, w, strlen(w));
                    n += strlen(w);
                } else {
                    label[n++] = *p;
                }
            }
            label[n] = '\0';
            snprintf(text, sizeof text, "%s4321.56万元。", label);
            dc_doc *doc;
            dc_disclosure *d = S_only(text, fi->section, &doc);
            const dc_amount *a = dc_figure_get(d, (dc_figure)f);
            if (!a->present || strcmp(a->text, "4321.56"))
                fail_msg("\"%s\" did not give %s", text, fi->key);
            tried++;
            dc_disclosure_free(d);
            dc_doc_free(doc);
        }
    }
    assert_true(tried > 100);
}

static void test_key_figures_follow_table(void **state)
{
    (void)state;
    dc_disclosure d;
    memset(&d, 0, sizeof d);
    d.money_unit = "万元";
    for (int f = 0; f < DC_FIG_COUNT; f++) {
        dc_amount *a = dc_figure_at(&d, (dc_figure)f);
        a->present = 1;
        a->value = f + 1;
        a->text = "1";
        a->decimals = 0;
    }
    d.change.direction = DC_DIR_DECREASE;
    dc_key_value kv[DC_KF_COUNT];
    dc_key_figures(&d, kv);
    for (int k = 0; k < DC_KF_COUNT; k++) {
        const dc_figure_info *fi = dc_key_figure_describe(k);
        double want = fi->id + 1;
        if (fi->flags & DC_FIG_SIGNED)
            want = -want;
        assert_true(kv[k].present);
        if (fabs(kv[k].value - want) > 1e-9)
            fail_msg("key figure %s = %g, expected %g", fi->key, kv[k].value, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_every_alias_is_read),
        cmocka_unit_test(test_key_figures_follow_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
