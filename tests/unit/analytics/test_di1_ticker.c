/*
 * test_di1_ticker.c - the DI1 ticker -> maturity rule (mf_di1_maturity_from_ticker) against
 * B3: the maturity of every DI1 contract in B3's derivatives quotation feed of 2026-03-10
 * (asset.AsstSummry.mtrtyCode per symb, 48 futures from DI1J26 to DI1F41;
 * ../shared/reference/connectors/b3_tesouro/ derivativos_intradia_20260310_DI1.json, recorded from
 * cotacao.b3.com.br), the maturities the reference README checks in B3's price reports (SPRD
 * files), and malformed tickers.
 */
#include "support/test.h"

#include <jansson.h>
#include <string.h>

#include "analytics/di1.h"

static mf_calendar *br(void)
{
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    return cal;
}

static void maturity_is(const mf_calendar *cal, const char *ticker, const char *iso)
{
    mf_date m = 0;
    mf_error err;
    if (mf_di1_maturity_from_ticker(cal, ticker, &m, &err) != 0)
        fail_msg("%s: %s", ticker, err.msg);
    char got[MF_DATE_ISO_SIZE];
    if (m != mf_test_date(iso))
        fail_msg("%s: maturity %s, B3 says %s", ticker, mf_date_format_iso(m, got), iso);
}

/* B3 price reports (SPRD230202, SPRD250203, SPRD260112), as checked in the reference README. */
static void published_maturities_across_holidays(void **state)
{
    (void)state;
    mf_calendar *cal = br();
    maturity_is(cal, "DI1F25", "2025-01-02"); /* 1 January a holiday */
    maturity_is(cal, "DI1H25", "2025-03-05"); /* Carnival Monday and Tuesday, 3 and 4 March */
    maturity_is(cal, "DI1F27", "2027-01-04"); /* 1 January a Friday: the Monday after */
    maturity_is(cal, "DI1N26", "2026-07-01");
    maturity_is(cal, "DI1Z99", "2099-12-01");
    maturity_is(cal, "DI1F00", "2000-01-03"); /* 1 January 2000 a Saturday */
    mf_calendar_free(cal);
}

static void every_contract_of_the_b3_feed(void **state)
{
    (void)state;
    static const char rel[] = "connectors/b3_tesouro/derivativos_intradia_20260310_DI1.json";
    char path[1024];
    if (!mf_test_shared_reference_path(path, sizeof path, rel))
        fail_msg("missing shared reference '%s': the shared tree must sit beside the repository",
                 path);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (root == NULL)
        fail_msg("%s:%d: %s", path, jerr.line, jerr.text);
    json_t *list = json_object_get(root, "Scty");
    assert_true(json_is_array(list));
    mf_calendar *cal = br();
    size_t checked = 0, i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        const char *symb = json_string_value(json_object_get(item, "symb"));
        json_t *asset = json_object_get(item, "asset");
        const char *code = json_string_value(json_object_get(asset, "code"));
        const char *mat =
            json_string_value(json_object_get(json_object_get(asset, "AsstSummry"), "mtrtyCode"));
        const char *market = json_string_value(json_object_get(json_object_get(item, "mkt"), "cd"));
        if (symb == NULL || code == NULL || strcmp(code, "DI1") != 0 || mat == NULL)
            continue;
        if (market && strcmp(market, "SPOT") == 0) { /* DI1D, the spot DI: no contract month */
            mf_date m;
            assert_int_equal(mf_di1_maturity_from_ticker(cal, symb, &m, NULL), MF_EINVAL);
            continue;
        }
        maturity_is(cal, symb, mat);
        checked++;
    }
    assert_int_equal(checked, 48); /* every DI1 future listed that day (and DI1D, spot) */
    mf_calendar_free(cal);
    json_decref(root);
}

static void malformed_tickers_are_named(void **state)
{
    (void)state;
    mf_calendar *cal = br();
    static const char *const bad[] = {"DI1A27", "DI1F2", "DI1F277", "DOLF27", "di1f27",
                                      "DI1F2X", "DI1",   "",        "DI1I27", "DAPK27"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_date m = 12345;
        mf_error err;
        assert_int_equal(mf_di1_maturity_from_ticker(cal, bad[i], &m, &err), MF_EINVAL);
        assert_int_equal(m, 12345); /* untouched */
        char want[64];
        snprintf(want, sizeof want, "invalid DI1 ticker '%s': expected DI1, a month code", bad[i]);
        assert_non_null(strstr(err.msg, want));
    }
    mf_error err;
    mf_date m;
    assert_int_equal(mf_di1_maturity_from_ticker(cal, NULL, &m, &err), MF_EINVAL);
    mf_calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(published_maturities_across_holidays),
        cmocka_unit_test(every_contract_of_the_b3_feed),
        cmocka_unit_test(malformed_tickers_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
