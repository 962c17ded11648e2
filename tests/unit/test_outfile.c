/*
 * test_outfile.c - the writers' checked output: dc_outfile writes whole files
 * or fails with one line, and dc_package_check_zip tells a complete package
 * from one with a part cut short or damaged (what a full temporary
 * directory does to libxlsxwriter's parts).
 */
#include "helpers.h"

#include <errno.h>
#include <sys/stat.h>

#include "converters/read/package.h"
#include "converters/write/outfile.h"

/* The bytes of a file; caller frees. */
static unsigned char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *b = malloc((size_t)n + 1);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

static dc_status S_check(const char *const *pairs, dc_error *err)
{
    char *path = th_zip(pairs);
    size_t len;
    unsigned char *zip = S_slurp(path, &len);
    unlink(path);
    free(path);
    dc_status st = dc_package_check_zip(zip, len, err);
    free(zip);
    return st;
}

static void test_complete_package(void **state)
{
    (void)state;
    const char *pairs[] = {"[Content_Types].xml", "<Types/>", "_rels/.rels",
                           "<Relationships/>", "xl/worksheets/sheet1.xml",
                           "<worksheet><sheetData><row r=\"1\"/></sheetData></worksheet>",
                           "xl/media/image1.png", "\x89PNG not xml", NULL};
    dc_error err = {0};
    assert_int_equal(S_check(pairs, &err), DC_OK);
}

static void test_part_cut_short(void **state)
{
    (void)state;
    const char *pairs[] = {"[Content_Types].xml", "<Types/>", "xl/worksheets/sheet1.xml",
                           "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"", NULL};
    dc_error err = {0};
    assert_int_not_equal(S_check(pairs, &err), DC_OK);
    assert_non_null(strstr(err.msg, "xl/worksheets/sheet1.xml"));
    /* a .rels part is XML too */
    const char *rels[] = {"_rels/.rels", "<Relationships><Relat", NULL};
    dc_error e2 = {0};
    assert_int_not_equal(S_check(rels, &e2), DC_OK);
    assert_non_null(strstr(e2.msg, "_rels/.rels"));
}

static void test_damaged_entry(void **state)
{
    (void)state;
    const char *pairs[] = {"a.xml", "<a>hello hello hello hello hello hello</a>", NULL};
    char *path = th_zip(pairs);
    size_t len;
    unsigned char *zip = S_slurp(path, &len);
    unlink(path);
    free(path);
    /* flip a byte of the deflated data (after the 30-byte local header and
     * the 5-byte name) */
    zip[30 + 5 + 2] ^= 0x55;
    dc_error err = {0};
    assert_int_not_equal(dc_package_check_zip(zip, len, &err), DC_OK);
    assert_non_null(strstr(err.msg, "a.xml"));
    free(zip);
    dc_error e2 = {0};
    assert_int_not_equal(dc_package_check_zip((const unsigned char *)"PK\3\4", 4, &e2), DC_OK);
}

static void test_outfile_writes_whole(void **state)
{
    (void)state;
    char dir[] = "/tmp/dc-outfile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/x.bin", dir);
    size_t n = 300000;
    char *data = malloc(n);
    for (size_t i = 0; i < n; i++)
        data[i] = (char)(i * 7);
    dc_error err = {0};
    assert_int_equal(dc_outfile_write(path, data, n, &err), DC_OK);
    size_t got;
    unsigned char *back = S_slurp(path, &got);
    assert_int_equal(got, n);
    assert_memory_equal(back, data, n);
    free(back);
    free(data);
    unlink(path);

    /* a directory that does not exist: one line, no file name in it */
    char missing[96];
    snprintf(missing, sizeof missing, "%s/no/such/x.bin", dir);
    dc_error e2 = {0};
    assert_int_equal(dc_outfile_write(missing, "x", 1, &e2), DC_ERR_OUTPUT);
    assert_string_equal(e2.msg, "cannot create: No such file or directory");
    rmdir(dir);
}

static void test_error_prefix(void **state)
{
    (void)state;
    dc_error err = {0};
    dc_error_prefix(&err, "out/x.pdf");          /* nothing set: nothing said */
    assert_string_equal(err.msg, "");
    dc_error_set(&err, DC_ERR_OUTPUT, "cannot write: %s", strerror(ENOSPC));
    dc_error_prefix(&err, "out/x.pdf");
    assert_string_equal(err.msg, "out/x.pdf: cannot write: No space left on device");
    char *d = dc_path_dir("out/sub/x.pdf");
    assert_string_equal(d, "out/sub");
    free(d);
    d = dc_path_dir("x.pdf");
    assert_string_equal(d, ".");
    free(d);
    d = dc_path_dir("/x.pdf");
    assert_string_equal(d, "/");
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complete_package),
        cmocka_unit_test(test_part_cut_short),
        cmocka_unit_test(test_damaged_entry),
        cmocka_unit_test(test_outfile_writes_whole),
        cmocka_unit_test(test_error_prefix),
    };
    return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
