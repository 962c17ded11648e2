/*
 * test_pdf_writer.c - the PDF of a document is the same file whether its
 * pages are drawn from one layout kept whole or, for a long document, from a
 * second layout page by page (dc_pdf_options.page_memory).
 *
 * Reads the sample (tests run in tests/data) and uses the system fonts of
 * the Makefile's font packages.
 */
#include "helpers.h"

#include "converters/read/reader.h"
#include "converters/write/pdf_writer.h"

static unsigned char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? 2 * cap : 1 << 16;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got);
    fclose(f);
    *len = n;
    return buf;
}

static void S_write(const dc_doc *doc, size_t page_memory, char *path, int *pages)
{
    strcpy(path, "/tmp/dc-pdf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    dc_pdf_options o;
    memset(&o, 0, sizeof o);
    o.epoch = 1700000000;
    o.has_epoch = 1;
    o.page_memory = page_memory;
    dc_error err = {0};
    if (dc_pdf_write(doc, NULL, path, &o, pages, &err) != DC_OK)
        fail_msg("%s", err.msg);
}

static void test_drawn_in_a_second_layout(void **state)
{
    (void)state;
    dc_error err = {0};
    dc_doc *doc = dc_read_file("yongqing-eco-2021.docx", NULL, &err);
    if (!doc)
        fail_msg("%s", err.msg);
    char whole[32], paged[32];
    int n_whole = 0, n_paged = 0;
    S_write(doc, 0, whole, &n_whole);      /* the sample's pages fit the default */
    S_write(doc, 1, paged, &n_paged);      /* every page given up: a second layout */
    assert_true(n_whole > 10);
    assert_int_equal(n_whole, n_paged);
    size_t la, lb;
    unsigned char *a = S_slurp(whole, &la), *b = S_slurp(paged, &lb);
    assert_true(la > 10000);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    unlink(whole);
    unlink(paged);
    dc_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drawn_in_a_second_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
