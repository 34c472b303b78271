/*
 * test_csv.c - mf_csv_split() (core/csv.h): plain and quoted fields, commas and doubled
 * quotes inside quotes, empty fields, too many fields, and each kind of malformed quote.
 */
#include <string.h>

#include "core/csv.h"
#include "support/test.h"

static void fields_split_and_quotes_unescape_in_place(void **state)
{
    (void)state;
    char line[] = "SGS.432,\"Selic, target\",,\"say \"\"hi\"\"\",\"\"";
    char *f[8];
    assert_int_equal(mf_csv_split(line, f, 8), 5);
    assert_string_equal(f[0], "SGS.432");
    assert_string_equal(f[1], "Selic, target");
    assert_string_equal(f[2], "");
    assert_string_equal(f[3], "say \"hi\"");
    assert_string_equal(f[4], "");
    char empty[] = "";
    assert_int_equal(mf_csv_split(empty, f, 8), 1);
    assert_string_equal(f[0], "");
    char trailing[] = "a,";
    assert_int_equal(mf_csv_split(trailing, f, 8), 2);
    assert_string_equal(f[1], "");
}

static void too_many_fields_and_malformed_quotes_are_reported(void **state)
{
    (void)state;
    char *f[3];
    char many[] = "a,b,c,d";
    assert_int_equal(mf_csv_split(many, f, 3), 4);
    const char *bad[] = {"\"open", "\"closed\"x,b", "a\"b,c", "a,\"b\"\"", "\"\"\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char line[32];
        snprintf(line, sizeof line, "%s", bad[i]);
        if (mf_csv_split(line, f, 3) != -1)
            fail_msg("'%s' was accepted", bad[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_split_and_quotes_unescape_in_place),
        cmocka_unit_test(too_many_fields_and_malformed_quotes_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
