/*
 * test_import_prices.c - the CSV import of instrument prices on every backend: counts and
 * idempotence, DI1 contracts created with their maturity, unknown tickers and bad rows named
 * by file and line with nothing stored, and --skip-bad.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/curve_di1_store.h"
#include "core/alloc.h"
#include "data/import_prices.h"
#include "store/repo_instruments.h"
#include "store/repo_market_prices.h"
#include "support/store.h"

static int make_di1(void *ctx, const char *ticker, mf_instrument *out, mf_error *err)
{
    if (strncmp(ticker, "DI1", 3) != 0)
        return MF_ENOTFOUND;
    return mf_di1_instrument(ctx, ticker, out, err);
}

typedef struct bad_rows {
    int n;
    char last[256];
} bad_rows;

static void on_bad(void *ctx, const char *message)
{
    bad_rows *b = ctx;
    b->n++;
    snprintf(b->last, sizeof b->last, "%s", message);
}

static int import_text(mf_store *st, const char *csv, bool skip_bad, mf_import_prices_report *rep,
                       bad_rows *bad, mf_error *err)
{
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    FILE *in = fmemopen((void *)(uintptr_t)csv, strlen(csv), "r");
    assert_non_null(in);
    mf_import_prices_options opt = {.skip_bad = skip_bad,
                                    .on_bad = on_bad,
                                    .ctx = bad,
                                    .make_instrument = make_di1,
                                    .make_ctx = cal,
                                    .now = 1764000000};
    int rc = mf_import_prices(st, in, "prices.csv", &opt, rep, err);
    fclose(in);
    mf_calendar_free(cal);
    return rc;
}

static int64_t count(mf_store *st, const char *table)
{
    static const char prices[] = "SELECT count(*) FROM market_prices";
    static const char instruments[] = "SELECT count(*) FROM instruments";
    mf_stmt *s;
    assert_int_equal(
        mf_store_prepare(st, strcmp(table, "instruments") ? prices : instruments, &s, NULL), 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_ROW);
    int64_t n = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
    return n;
}

#define HEADER "ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest\n"

static const char good[] = HEADER "DI1F27,2026-01-12,2026-01-12,13.70,13.80,13.69,13.75,13.741,"
                                  "120000,987654\n"
                                  "DI1F27,2026-01-12,2026-01-13,,,,,13.745,,\n"
                                  "DI1H25,2025-02-03,2025-02-03,,,,,13.16,,\r\n"
                                  "\n"
                                  "DI1F27,2026-01-13,2026-01-13,,,,,13.70,,\n";

static void a_file_loads_once_and_creates_di1_contracts(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_import_prices_report rep;
    bad_rows bad = {0};
    mf_error err;
    if (import_text(st, good, false, &rep, &bad, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.rows, 4);
    assert_int_equal(rep.counts.rows_new, 3);
    assert_int_equal(rep.counts.rows_revised, 1);
    assert_int_equal(rep.counts.rows_unchanged, 0);
    assert_int_equal(rep.instruments_created, 2);
    assert_int_equal(import_text(st, good, false, &rep, &bad, &err), 0);
    assert_int_equal(rep.counts.rows_unchanged, 4);
    assert_int_equal(rep.instruments_created, 0);
    assert_int_equal(count(st, "market_prices"), 4);
    mf_instrument in;
    assert_int_equal(mf_repo_instrument_get(st, "DI1H25", &in, &err), 0);
    assert_non_null(strstr(in.contract_spec, "2025-03-05")); /* after Carnival */
    mf_settle *s = NULL;
    size_t n = 0;
    const mf_price_filter di1 = {.ticker_prefix = "DI1"};
    assert_int_equal(mf_repo_price_settles(st, &di1, mf_test_date("2026-01-12"),
                                           mf_test_date("2026-01-12"), &s, &n, &err),
                     0);
    assert_int_equal(n, 1);
    assert_true(s[0].settle == 13.741);
    mf_free(s);
    mf_test_store_close(st);
}

static void bad_rows_name_file_and_line_and_change_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *csv, *message;
    } cases[] = {
        {HEADER "DI1F27,2026-01-12,2026-01-12,,,,,13.741,,\nPETR4,2026-01-12,2026-01-12,,,,,"
                "36.5,,\n",
         "prices.csv:3: unknown instrument 'PETR4': only B3 DI1 contracts (DI1F27) are created "
         "on import; create other instruments first"},
        {HEADER "DI1A27,2026-01-12,2026-01-12,,,,,13.741,,\n",
         "prices.csv:2: invalid DI1 ticker 'DI1A27': expected DI1, a month code (F G H J K M N Q "
         "U V X Z) and a two-digit year, such as DI1F27"},
        {HEADER "DI1F27,2026-01-12,2026-01-12,,,,,13,741,,\n",
         "prices.csv:2: expected 10 fields (ticker,price_date,"},
        {HEADER "DI1F27,2026-01-32,2026-01-12,,,,,13.741,,\n", "prices.csv:2: price_date: "},
        {HEADER "DI1F27,2026-01-12,2026-01-11,,,,,13.741,,\n",
         "prices.csv:2: ticker 'DI1F27': available_at 2026-01-11 is before price_date "
         "2026-01-12"},
        {HEADER "DI1F27,2026-01-12,2026-01-12,,,,,13.7x,,\n", "prices.csv:2: settle: "},
        {HEADER "DI1F27,2026-01-12,2026-01-12,,,,,,,\n",
         "prices.csv:2: ticker 'DI1F27': prices of 2026-01-12: no price, volume or open interest"},
        {HEADER "DI1F27,2026-01-12,2026-01-12,,,,,13.741,,\nDI1F27,2026-01-12,2026-01-12,,,,,"
                "13.742,,\n",
         "prices.csv:3: ticker 'DI1F27': prices of 2026-01-12 available 2026-01-12 are already "
         "stored with settle 13.741, not 13.742: a revision needs a later available_at"},
        {"ticker,date,settle\n", "prices.csv:1: expected the header '"},
        {"", "prices.csv: empty file"},
        {HEADER "DI1F27,2026-01-12,2026-01-12,,,,,13.741,,", "prices.csv:2: last line has no line "
                                                             "end"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_store *st = mf_test_store_open();
        mf_import_prices_report rep;
        bad_rows bad = {0};
        mf_error err;
        assert_int_not_equal(import_text(st, cases[i].csv, false, &rep, &bad, &err), 0);
        if (strncmp(err.msg, cases[i].message, strlen(cases[i].message)) != 0)
            fail_msg("case %zu: got '%s', want '%s...'", i, err.msg, cases[i].message);
        assert_int_equal(count(st, "market_prices"), 0);
        assert_int_equal(count(st, "instruments"), 0);
        mf_test_store_close(st);
    }
}

static void skip_bad_imports_the_good_rows(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    static const char csv[] = HEADER "DI1F27,2026-01-12,2026-01-12,,,,,13.741,,\n"
                                     "PETR4,2026-01-12,2026-01-12,,,,,36.5,,\n"
                                     "DI1G26,2026-01-12,2026-01-12,,,,,14.88,,\n"
                                     "DI1F29,2026-01-12,2026-01-11,,,,,13.3,,\n";
    mf_import_prices_report rep;
    bad_rows bad = {0};
    mf_error err;
    assert_int_equal(import_text(st, csv, true, &rep, &bad, &err), 0);
    assert_int_equal(rep.rows, 4);
    assert_int_equal(rep.skipped, 2);
    assert_int_equal(rep.counts.rows_new, 2);
    assert_int_equal(bad.n, 2);
    assert_non_null(strstr(bad.last, "prices.csv:5: ticker 'DI1F29': available_at 2026-01-11"));
    assert_int_equal(count(st, "market_prices"), 2);
    /* a skipped row creates no instrument */
    assert_int_equal(rep.instruments_created, 2);
    assert_int_equal(count(st, "instruments"), 2);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_file_loads_once_and_creates_di1_contracts),
        cmocka_unit_test(bad_rows_name_file_and_line_and_change_nothing),
        cmocka_unit_test(skip_bad_imports_the_good_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
