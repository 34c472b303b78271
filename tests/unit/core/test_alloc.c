/*
 * test_alloc.c - src/core/alloc.c: the wrappers allocate, copy and resize as documented, and
 * zero sizes still give a pointer that can be freed.
 */
#include "support/test.h"

#include <string.h>

#include "core/alloc.h"

static void calloc_zero_fills_and_realloc_keeps_the_prefix(void **state)
{
    (void)state;
    int *a = mf_calloc(100, sizeof *a);
    for (int i = 0; i < 100; i++)
        assert_int_equal(a[i], 0);
    for (int i = 0; i < 100; i++)
        a[i] = i * 3;
    a = mf_reallocarray(a, 100000, sizeof *a);
    for (int i = 0; i < 100; i++)
        assert_int_equal(a[i], i * 3);
    mf_free(a);
}

static void zero_sizes_give_freeable_pointers(void **state)
{
    (void)state;
    void *p = mf_malloc(0), *q = mf_calloc(0, 8), *r = mf_realloc(NULL, 0);
    assert_non_null(p);
    assert_non_null(q);
    assert_non_null(r);
    mf_free(p);
    mf_free(q);
    mf_free(r);
    mf_free(NULL);
}

static void string_copies_are_terminated_and_bounded(void **state)
{
    (void)state;
    char *s = mf_strdup("Carnival Monday");
    assert_string_equal(s, "Carnival Monday");
    mf_free(s);
    s = mf_strndup("Carnival Monday", 8);
    assert_string_equal(s, "Carnival");
    mf_free(s);
    s = mf_strndup("DI1", 100); /* shorter than n: copies up to the terminator */
    assert_string_equal(s, "DI1");
    mf_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calloc_zero_fills_and_realloc_keeps_the_prefix),
        cmocka_unit_test(zero_sizes_give_freeable_pointers),
        cmocka_unit_test(string_copies_are_terminated_and_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
