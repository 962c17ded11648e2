/*
 * test_grow.c - the growable arrays (DC_GROW, DC_ARENA_GROW): elements keep
 * their values as the array grows, capacity doubles from the first size, and
 * a capacity that already fits is left alone.
 */
#include "helpers.h"

static void test_grow_keeps_values(void **state)
{
    (void)state;
    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        DC_GROW(v, n, cap, 4);
        assert_true(n < cap);
        v[n++] = i * 3;
    }
    assert_int_equal(n, 1000);
    assert_int_equal(cap, 1024);   /* 4, 8, ..., 1024 */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i * 3);
    int *same = v;
    DC_GROW(v, 10, cap, 4);        /* fits: nothing moves */
    assert_ptr_equal(v, same);
    assert_int_equal(cap, 1024);
    free(v);
}

static void test_grow_jumps(void **state)
{
    (void)state;
    double *v = NULL;
    size_t cap = 0;
    DC_GROW(v, 100, cap, 16);      /* element 100 at once: 16 -> 128 */
    assert_int_equal(cap, 128);
    v[100] = 1.5;
    assert_true(v[100] == 1.5);
    free(v);
}

static void test_arena_grow(void **state)
{
    (void)state;
    dc_arena a = {0};
    const char **v = NULL;
    size_t n = 0, cap = 0;
    static const char *const words[] = {"收入", "支出", "结转", "三公", "采购"};
    for (int k = 0; k < 200; k++) {
        DC_ARENA_GROW(&a, v, n, cap, 2);
        v[n++] = words[k % 5];
    }
    assert_int_equal(cap, 256);
    for (int k = 0; k < 200; k++)
        assert_string_equal(v[k], words[k % 5]);
    dc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grow_keeps_values),
        cmocka_unit_test(test_grow_jumps),
        cmocka_unit_test(test_arena_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
