/*
 * test_names.c - src/core/names.c: finding a name in a table and listing a table.
 */
#include "support/test.h"

#include <string.h>

#include "core/names.h"

static const char *const conventions[] = {"following", "modified-following", "preceding"};

static void find_returns_the_index_of_an_exact_match(void **state)
{
    (void)state;
    assert_int_equal(mf_names_find(conventions, 3, "following"), 0);
    assert_int_equal(mf_names_find(conventions, 3, "preceding"), 2);
    assert_int_equal(mf_names_find(conventions, 3, "Following"), -1);
    assert_int_equal(mf_names_find(conventions, 3, "follow"), -1);
    assert_int_equal(mf_names_find(conventions, 3, ""), -1);
    assert_int_equal(mf_names_find(conventions, 3, NULL), -1);
    assert_int_equal(mf_names_find(conventions, 0, "following"), -1);
}

static void join_lists_names_and_truncates_to_the_buffer(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(mf_names_join(conventions, 3, buf, sizeof buf),
                        "following, modified-following, preceding");
    assert_string_equal(mf_names_join(conventions, 0, buf, sizeof buf), "");
    char small[12];
    assert_string_equal(mf_names_join(conventions, 3, small, sizeof small), "following, ");
    assert_int_equal(strlen(small), sizeof small - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(find_returns_the_index_of_an_exact_match),
        cmocka_unit_test(join_lists_names_and_truncates_to_the_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
