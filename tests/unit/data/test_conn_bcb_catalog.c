/*
 * test_conn_bcb_catalog.c - the catalogue files of the Brazilian sources
 * (catalog/series/bcb_sgs.csv, bcb_ptax.csv, bcb_focus.csv, ibge_sidra.csv) through the
 * catalogue loader (every rule of docs/catalog.md, unique codes and keys, each key accepted by
 * its connector's check_key), then the code prefix, the country and the number of series.
 * bcb_fx_flow has no file: no code could be confirmed.
 */
#include "bcb_conn_test.h"
#include "support/conn_test.h"

#include <stdio.h>

#define CATALOG_DIR MF_FIXTURES_DIR "/../../catalog/series/"

/* Loads a source's file through the catalogue loader (every field rule, unique codes and
   keys, check_key on every key), then the Brazilian sources' own rules: the code prefix, the
   country, and the number of series. */
static void check_file(const char *source, const char *prefix, size_t min_series)
{
    mf_catalog cat;
    size_t n = mf_test_load_catalog("series", source, &cat);
    for (size_t i = 0; i < n; i++) {
        assert_true(strncmp(cat.series[i].code, prefix, strlen(prefix)) == 0);
        assert_string_equal(cat.series[i].country, "BR");
        assert_true(cat.series[i].unit[0] && cat.series[i].description[0]);
    }
    if (n < min_series)
        fail_msg("%s: %zu series, expected at least %zu", source, n, min_series);
    mf_catalog_free(&cat);
}

static void test_catalogues(void **state)
{
    (void)state;
    check_file("bcb_sgs", "SGS.", 110);
    check_file("bcb_ptax", "PTAX.", 38);
    check_file("bcb_focus", "FOCUS.", 21);
    check_file("ibge_sidra", "SIDRA.", 18);
    FILE *f = fopen(CATALOG_DIR "bcb_fx_flow.csv", "r");
    assert_null(f); /* no FX-flow code could be confirmed: none is catalogued */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_catalogues)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
