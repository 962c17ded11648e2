/*
 * test_sha256.c - SHA-256 against the FIPS 180-4 / NIST example vectors, fed
 * whole and in every split.
 */
#include "helpers.h"

#include "model/sha256.h"

static void S_check(const char *msg, size_t len, const char *want)
{
    char hex[65];
    dc_sha256_hex(msg, len, hex);
    assert_string_equal(hex, want);
}

static void test_vectors(void **state)
{
    (void)state;
    S_check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    S_check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    S_check(m448, strlen(m448),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                       "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    S_check(m896, strlen(m896),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
    (void)state;
    char chunk[1000];
    memset(chunk, 'a', sizeof chunk);
    dc_sha256 s;
    unsigned char d[32];
    char hex[65];
    dc_sha256_init(&s);
    for (int i = 0; i < 1000; i++)
        dc_sha256_update(&s, chunk, sizeof chunk);
    dc_sha256_final(&s, d);
    dc_sha256_to_hex(d, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundaries (55, 56, 63, 64, 65 bytes) fed in
 * every two-piece split agree with the one-shot digest, and the one-shot
 * digest of 55/56/64 'a's matches known values. */
static void test_splits(void **state)
{
    (void)state;
    static const struct { size_t len; const char *hex; } known[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
    };
    char buf[130];
    memset(buf, 'a', sizeof buf);
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
        S_check(buf, known[k].len, known[k].hex);
    for (size_t len = 50; len <= 130; len++) {
        char whole[65];
        dc_sha256_hex(buf, len, whole);
        for (size_t cut = 0; cut <= len; cut++) {
            dc_sha256 s;
            unsigned char d[32];
            char hex[65];
            dc_sha256_init(&s);
            dc_sha256_update(&s, buf, cut);
            dc_sha256_update(&s, buf + cut, len - cut);
            dc_sha256_final(&s, d);
            dc_sha256_to_hex(d, hex);
            assert_string_equal(hex, whole);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_splits),
    };
    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
