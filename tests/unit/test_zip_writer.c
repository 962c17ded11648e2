/*
 * test_zip_writer.c - the deterministic ZIP writer (serve's multi-output
 * answers) read back with minizip's unzip: names in order, contents, the
 * DOS date of the epoch, UTF-8 names flagged, the same bytes twice; and the
 * RFC 5987 encoding of download names.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <unzip.h>

#include "cmd/serve.h"
#include "converters/write/zip_writer.h"

static char S_dir[] = "/tmp/dc-zip-test-XXXXXX";

static char *S_file(const char *name, const void *data, size_t len)
{
    dc_buf p = DC_BUF_INIT;
    dc_buf_printf(&p, "%s/%s", S_dir, name);
    FILE *f = fopen(p.data, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return dc_buf_detach(&p, NULL);
}

static char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    dc_buf b = DC_BUF_INIT;
    char buf[4096];
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, f)) > 0)
        dc_buf_put(&b, buf, r);
    fclose(f);
    return dc_buf_detach(&b, len);
}

static void test_roundtrip(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(S_dir));
    char big[200000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)("预算公开"[i % 12] ^ (i / 4096));
    char *a = S_file("a", "hello", 5);
    char *b = S_file("b", big, sizeof big);
    char *e = S_file("e", "", 0);
    dc_zip_entry entries[] = {{"预算.pdf", b}, {"a.xlsx", a}, {"empty.json", e}};
    dc_buf z1 = DC_BUF_INIT, z2 = DC_BUF_INIT;
    dc_buf_printf(&z1, "%s/one.zip", S_dir);
    dc_buf_printf(&z2, "%s/two.zip", S_dir);
    dc_error err = {0};
    /* 2021-03-04 05:06:08 UTC */
    assert_int_equal(dc_zip_write(z1.data, entries, 3, 1614834368, &err), DC_OK);
    assert_int_equal(dc_zip_write(z2.data, entries, 3, 1614834368, &err), DC_OK);
    size_t n1, n2;
    char *d1 = S_slurp(z1.data, &n1), *d2 = S_slurp(z2.data, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(d1, d2, n1);

    unzFile u = unzOpen64(z1.data);
    assert_non_null(u);
    const char *want_names[] = {"预算.pdf", "a.xlsx", "empty.json"};
    const char *want_data[] = {big, "hello", ""};
    size_t want_len[] = {sizeof big, 5, 0};
    int k = 0;
    for (int rc = unzGoToFirstFile(u); rc == UNZ_OK; rc = unzGoToNextFile(u), k++) {
        assert_true(k < 3);
        unz_file_info64 fi;
        char name[256];
        assert_int_equal(unzGetCurrentFileInfo64(u, &fi, name, sizeof name, NULL, 0, NULL, 0),
                         UNZ_OK);
        assert_string_equal(name, want_names[k]);
        assert_true(fi.flag & (1 << 11));           /* UTF-8 name */
        assert_int_equal(fi.tmu_date.tm_year, 2021);
        assert_int_equal(fi.tmu_date.tm_mon, 2);    /* 0-based: March */
        assert_int_equal(fi.tmu_date.tm_mday, 4);
        assert_int_equal(fi.tmu_date.tm_hour, 5);
        assert_int_equal(fi.tmu_date.tm_min, 6);
        assert_int_equal(fi.tmu_date.tm_sec, 8);
        assert_int_equal(fi.uncompressed_size, want_len[k]);
        assert_int_equal(unzOpenCurrentFile(u), UNZ_OK);
        char *buf = malloc(want_len[k] + 1);
        int got = unzReadCurrentFile(u, buf, (unsigned)want_len[k] + 1);
        assert_int_equal(got, (int)want_len[k]);
        assert_memory_equal(buf, want_data[k], want_len[k]);
        free(buf);
        assert_int_equal(unzCloseCurrentFile(u), UNZ_OK);   /* CRC checked */
    }
    assert_int_equal(k, 3);
    unzClose(u);

    /* a missing file fails and leaves no archive */
    dc_zip_entry missing[] = {{"x", "/nonexistent/dc-zip"}};
    dc_buf z3 = DC_BUF_INIT;
    dc_buf_printf(&z3, "%s/three.zip", S_dir);
    assert_int_equal(dc_zip_write(z3.data, missing, 1, 0, &err), DC_ERR_OUTPUT);
    assert_int_equal(access(z3.data, F_OK), -1);

    unlink(a); unlink(b); unlink(e); unlink(z1.data); unlink(z2.data);
    rmdir(S_dir);
    free(a); free(b); free(e); free(d1); free(d2);
    dc_buf_free(&z1); dc_buf_free(&z2); dc_buf_free(&z3);
}

static void test_pct_encode(void **state)
{
    (void)state;
    dc_buf b = DC_BUF_INIT;
    dc_serve_pct_encode(&b, "预算 2021\"a\\b%.pdf");
    assert_string_equal(b.data, "%E9%A2%84%E7%AE%97%202021%22a%5Cb%25.pdf");
    dc_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_pct_encode),
    };
    return cmocka_run_group_tests_name("zip_writer", tests, NULL, NULL);
}
