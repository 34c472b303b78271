/*
 * test_conn_bcb_catalog.c - the catalogue files of the Brazilian sources
 * (catalog/series/bcb_sgs.csv, bcb_ptax.csv, bcb_focus.csv, ibge_sidra.csv): the header, the
 * field rules of docs/catalog.md (code characters and prefix, frequency, country, category,
 * release lag), unique codes and keys, every source key accepted by its connector's
 * check_key, and the number of series. bcb_fx_flow has no file: no code could be confirmed.
 */
#include "bcb_conn_test.h"

#include <stdio.h>

#define CATALOG_DIR MF_FIXTURES_DIR "/../../catalog/series/"

/* Splits one RFC 4180 line in place into at most max fields; returns the count. */
static int split_rfc4180(char *line, char **f, int max)
{
    int n = 0;
    char *p = line, *w;
    for (;;) {
        if (n == max)
            return max + 1;
        f[n++] = w = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    return -1;
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
        } else {
            while (*p && *p != ',')
                *w++ = *p++;
        }
        if (*p == '\0') {
            *w = '\0';
            return n;
        }
        if (*p != ',')
            return -1;
        *w = '\0';
        p++;
    }
}

static void check_file(const char *source, const char *prefix, size_t min_series)
{
    static const char *const categories[] = {
        "rates",  "inflation", "activity", "labour",       "fiscal",      "external",   "fx",
        "equity", "commodity", "credit",   "expectations", "positioning", "volatility", "money"};
    const mf_connector *c = mf_connector_find(source);
    assert_non_null(c);
    char path[512];
    snprintf(path, sizeof path, CATALOG_DIR "%s.csv", source);
    size_t len;
    char *text = bt_read_path(path, &len);
    char *save = NULL, *line = strtok_r(text, "\n", &save);
    assert_non_null(line);
    assert_string_equal(
        line, "code,source_key,name,frequency,unit,country,category,release_lag_days,description");
    char codes[400][64], keys[400][64];
    size_t n = 0;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[12];
        int nf = split_rfc4180(line, f, 12);
        if (nf != 9)
            fail_msg("%s line %zu: %d fields", source, n + 2, nf);
        mf_error e;
        if (c->check_key(f[1], &e) != 0)
            fail_msg("%s: %s", source, e.msg);
        assert_true(strncmp(f[0], prefix, strlen(prefix)) == 0);
        for (const char *p = f[0]; *p; p++)
            if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                  (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' || *p == '-'))
                fail_msg("%s: code '%s' has '%c'", source, f[0], *p);
        /* ASCII only: cmake/embed_catalog.cmake embeds the files as char arrays of hex bytes,
           which -Werror=overflow rejects for bytes over 0x7f (so no "Câmbio" key yet) */
        for (int k = 0; k < 9; k++)
            for (const char *p = f[k]; *p; p++)
                if ((unsigned char)*p > 0x7f)
                    fail_msg("%s: non-ASCII byte in '%s'", source, f[k]);
        assert_true(strlen(f[3]) == 1 && strchr("DWMQA", f[3][0]));
        assert_true(f[2][0] && f[4][0] && f[8][0]);
        /* the field sizes of mf_series_info (store/repo_series.h) */
        assert_true(strlen(f[0]) < 64 && strlen(f[1]) < 64 && strlen(f[2]) < 256 &&
                    strlen(f[4]) < 32 && strlen(f[6]) < 64 && strlen(f[8]) < 1024);
        assert_string_equal(f[5], "BR");
        bool cat = false;
        for (size_t k = 0; k < sizeof categories / sizeof categories[0]; k++)
            cat = cat || strcmp(f[6], categories[k]) == 0;
        if (!cat)
            fail_msg("%s: category '%s'", source, f[6]);
        assert_true(strlen(f[7]) >= 1 && strlen(f[7]) <= 4 &&
                    strspn(f[7], "0123456789") == strlen(f[7]) && strtol(f[7], NULL, 10) <= 3660);
        for (size_t k = 0; k < n; k++)
            if (strcmp(codes[k], f[0]) == 0 || strcmp(keys[k], f[1]) == 0)
                fail_msg("%s: '%s' / '%s' listed twice", source, f[0], f[1]);
        assert_true(n < 400);
        snprintf(codes[n], sizeof codes[n], "%s", f[0]);
        snprintf(keys[n], sizeof keys[n], "%s", f[1]);
        n++;
    }
    if (n < min_series)
        fail_msg("%s: %zu series, expected at least %zu", source, n, min_series);
    free(text);
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
