/*
 * test_derived_catalog.c - the derived-series definitions file: the embedded catalogue
 * parses, and every kind of bad line is refused with its file, line and reason.
 */
#include "support/test.h"

#include <string.h>

#include "analytics/derived_catalog.h"

#define HEADER "code,transform,inputs,params,name,frequency,unit,country,category,description\n"

static void embedded_catalogue_parses(void **state)
{
    (void)state;
    mf_derived_catalog c = {0};
    mf_error err;
    if (mf_derived_catalog_builtin(&c, &err) != 0)
        fail_msg("%s", err.msg);
    assert_true(c.n >= 40);
    for (size_t i = 0; i < c.n; i++) {
        assert_string_equal(c.entries[i].info.source, "derived");
        assert_true(c.entries[i].n_inputs >= 1);
        assert_true(c.entries[i].params[0] == '{');
    }
    mf_derived_catalog_release(&c);
    mf_derived_catalog_release(NULL);
}

static void parses_fields_and_canonical_params(void **state)
{
    (void)state;
    static const char text[] = HEADER "A.B,saar_pct,X.Y,\"{ \"\"lag\"\": 6 }\",\"six-month SAAR, "
                                      "of X\",M,%,US,inflation,\"a \"\"quoted\"\" note\"\r\n"
                                      "\n"
                                      "A.C,composite,A.B;Z,\"{\"\"signs\"\":[1,-1]}\",c,,,,,\n";
    mf_derived_catalog c = {0};
    mf_error err;
    if (mf_derived_catalog_parse("t.csv", text, sizeof text - 1, &c, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.entries[0].params, "{\"lag\":6}");
    assert_string_equal(c.entries[0].info.name, "six-month SAAR, of X");
    assert_string_equal(c.entries[0].info.description, "a \"quoted\" note");
    assert_int_equal(c.entries[0].info.frequency, 'M');
    assert_int_equal(c.entries[1].n_inputs, 2);
    assert_string_equal(c.entries[1].inputs[1], "Z");
    assert_int_equal(c.entries[1].line, 4);
    mf_derived_catalog_release(&c);
}

static void bad(const char *body, const char *want)
{
    char text[1024];
    snprintf(text, sizeof text, "%s%s", HEADER, body);
    mf_derived_catalog c = {0};
    mf_error err;
    assert_int_equal(mf_derived_catalog_parse("t.csv", text, strlen(text), &c, &err), MF_EINVAL);
    if (strstr(err.msg, want) == NULL)
        fail_msg("'%s': got '%s', want '%s'", body, err.msg, want);
    assert_null(c.entries);
}

static void bad_lines_are_refused(void **state)
{
    (void)state;
    bad("A,nope,X,,a,M,,,,\n", "t.csv:2: unknown transform 'nope'");
    bad("A,mom_pct,X,,a,M,,,,\nA,mom_pct,X,,a,M,,,,\n", "t.csv:3: code 'A' defined twice");
    bad("A,mom_pct,A,,a,M,,,,\n", "t.csv:2: 'A' is its own input");
    bad("A,mom_pct,X;Y,,a,M,,,,\n", "t.csv:2: transform 'mom_pct' takes 1..1 inputs, not 2");
    bad("A,saar_pct,X,{\"lag\":2,\"ann\":4},a,M,,,,\n", "t.csv:2: expected 10 fields");
    bad("A,mom_pct,X,\"{\"\"lag\"\":2}\",a,M,,,,\n", "unknown parameter 'lag'");
    bad("A,mom_pct,X,,a,X,,,,\n", "t.csv:2: frequency 'X'");
    bad("A,mom_pct,X,,,M,,,,\n", "t.csv:2: empty name");
    bad("A,mom_pct,X,,a,M,,BRA,,\n", "country 'BRA'");
    bad("A,mom_pct,X y,,a,M,,,,\n", "t.csv:2: input 1: ");
    bad("A,mom_pct,B,,a,M,,,,\nB,mom_pct,X,,b,M,,,,\n", "input 'B' is defined below, on line 3");
    bad("A,mom_pct,X,\"{,a,M,,,,\n", "malformed quotes");
    mf_derived_catalog c = {0};
    mf_error err;
    assert_int_equal(mf_derived_catalog_parse("t.csv", "code,x\n", 7, &c, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "t.csv:1: expected the header"));
    assert_int_equal(mf_derived_catalog_parse("t.csv", "", 0, &c, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "empty"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(embedded_catalogue_parses),
        cmocka_unit_test(parses_fields_and_canonical_params),
        cmocka_unit_test(bad_lines_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
