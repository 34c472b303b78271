/*
 * test_repo_market_prices.c - point-in-time instrument prices on every backend: new, revised
 * and unchanged rows, conflicting vintages and invalid rows refused by name, the settles of a
 * filtered set of instruments as known on a date, and the dates that have prices.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_instruments.h"
#include "store/repo_market_prices.h"
#include "support/store.h"

static int64_t instrument(mf_store *st, const char *ticker, const char *type)
{
    mf_instrument in = {.active = true};
    snprintf(in.ticker, sizeof in.ticker, "%s", ticker);
    snprintf(in.name, sizeof in.name, "test %s", ticker);
    snprintf(in.asset_class, sizeof in.asset_class, "rates");
    snprintf(in.instrument_type, sizeof in.instrument_type, "%s", type);
    snprintf(in.currency, sizeof in.currency, "BRL");
    int64_t id = 0;
    mf_error err;
    if (mf_repo_instrument_create(st, &in, &id, &err) != 0)
        fail_msg("%s", err.msg);
    return id;
}

static mf_price_outcome add(mf_price_writer *w, mf_market_price row)
{
    mf_price_outcome out = (mf_price_outcome)-1;
    mf_error err;
    if (mf_price_writer_add(w, &row, &out, &err) != 0)
        fail_msg("%s", err.msg);
    return out;
}

static int64_t count_rows(mf_store *st)
{
    mf_stmt *s;
    assert_int_equal(mf_store_prepare(st, "SELECT count(*) FROM market_prices", &s, NULL), 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_ROW);
    int64_t n = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
    return n;
}

static void vintages_are_new_revised_or_unchanged(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t f27 = instrument(st, "DI1F27", "future");
    mf_price_writer *w = mf_price_writer_new(st);
    mf_market_price full = {.instrument_id = f27,
                            .price_date = mf_test_date("2026-01-12"),
                            .available_at = mf_test_date("2026-01-12"),
                            .open = 13.70,
                            .high = 13.805,
                            .low = 13.69,
                            .close = 13.75,
                            .settle = 13.741,
                            .volume = 120345,
                            .open_interest = 987654,
                            .yield_pct = NAN};
    assert_int_equal(add(w, full), MF_PRICE_NEW);
    assert_int_equal(add(w, full), MF_PRICE_UNCHANGED);
    mf_market_price later = full;
    later.available_at = mf_test_date("2026-01-13");
    later.settle = 13.742;
    assert_int_equal(add(w, later), MF_PRICE_REVISED);
    assert_int_equal(add(w, mf_test_settle_row(f27, "2025-12-30", "2025-12-30", 13.9)),
                     MF_PRICE_NEW);
    assert_int_equal(count_rows(st), 3);

    /* the same vintage with another value: refused, naming the field, nothing written */
    mf_market_price clash = full;
    clash.open_interest = 987655;
    mf_price_outcome out = MF_PRICE_NEW;
    mf_error err;
    assert_int_equal(mf_price_writer_add(w, &clash, &out, &err), MF_EINVAL);
    assert_string_equal(err.msg, "prices of 2026-01-12 available 2026-01-12 are already stored "
                                 "with open_interest 987654, not 987655: a revision needs a "
                                 "later available_at");
    clash = full;
    clash.open = NAN;
    assert_int_equal(mf_price_writer_add(w, &clash, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "with open 13.7, not none"));
    assert_int_equal(count_rows(st), 3);

    /* every stored value reads back bit for bit */
    mf_stmt *s;
    assert_int_equal(mf_store_prepare(st,
                                      "SELECT open, high, low, close, settle, volume, "
                                      "open_interest FROM market_prices WHERE available_at = ?",
                                      &s, NULL),
                     0);
    mf_stmt_bind_date(s, 1, mf_test_date("2026-01-12"));
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_ROW);
    const double want[] = {13.70, 13.805, 13.69, 13.75, 13.741, 120345, 987654};
    for (int i = 0; i < 7; i++)
        assert_true(mf_stmt_double(s, i) == want[i]);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
    mf_price_writer_free(w);
    mf_test_store_close(st);
}

static void invalid_rows_are_refused_by_name(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t f27 = instrument(st, "DI1F27", "future");
    mf_price_writer *w = mf_price_writer_new(st);
    struct {
        mf_market_price row;
        const char *message;
    } bad[] = {
        {mf_test_settle_row(f27, "2026-01-12", "2026-01-11", 13.741),
         "available_at 2026-01-11 is before price_date 2026-01-12"},
        {mf_test_settle_row(f27, "2026-01-12", "2026-01-12", NAN),
         "prices of 2026-01-12: no price, volume or open interest"},
        {mf_test_settle_row(f27, "2026-01-12", "2026-01-12", INFINITY), "settle is infinite"},
    };
    mf_market_price neg = mf_test_settle_row(f27, "2026-01-12", "2026-01-12", 13.741);
    neg.volume = -1;
    mf_market_price neg_oi = mf_test_settle_row(f27, "2026-01-12", "2026-01-12", 13.741);
    neg_oi.open_interest = -5;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_price_outcome out;
        mf_error err;
        assert_int_equal(mf_price_writer_add(w, &bad[i].row, &out, &err), MF_EINVAL);
        assert_string_equal(err.msg, bad[i].message);
    }
    mf_price_outcome out;
    mf_error err;
    assert_int_equal(mf_price_writer_add(w, &neg, &out, &err), MF_EINVAL);
    assert_string_equal(err.msg, "volume -1 is negative");
    assert_int_equal(mf_price_writer_add(w, &neg_oi, &out, &err), MF_EINVAL);
    assert_string_equal(err.msg, "open_interest -5 is negative");
    assert_int_equal(count_rows(st), 0);
    mf_price_writer_free(w);
    mf_test_store_close(st);
}

static void settles_as_known_on_a_date(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t f27 = instrument(st, "DI1F27", "future");
    int64_t g26 = instrument(st, "DI1G26", "future");
    int64_t dap = instrument(st, "DAPK27", "future");
    int64_t swap = instrument(st, "DI1_SWAP_1Y", "swap");
    mf_price_writer *w = mf_price_writer_new(st);
    add(w, mf_test_settle_row(f27, "2026-01-12", "2026-01-12", 13.741));
    add(w, mf_test_settle_row(f27, "2026-01-12", "2026-01-14", 13.745)); /* a late correction */
    add(w, mf_test_settle_row(g26, "2026-01-12", "2026-01-12", 14.88));
    add(w, mf_test_settle_row(g26, "2026-01-13", "2026-01-13", 14.87));
    add(w, mf_test_settle_row(dap, "2026-01-12", "2026-01-12", 7.5));
    add(w, mf_test_settle_row(swap, "2026-01-12", "2026-01-12", 14.1));
    mf_market_price no_settle = mf_test_settle_row(f27, "2026-01-13", "2026-01-13", NAN);
    no_settle.volume = 10;
    add(w, no_settle);
    mf_price_writer_free(w);

    const mf_price_filter di1 = {.instrument_type = "future", .ticker_prefix = "DI1"};
    mf_settle *s = NULL;
    size_t n = 0;
    mf_error err;
    /* on the day: the first vintage of DI1F27; not DAPK27 (prefix), not the swap (type) */
    assert_int_equal(mf_repo_price_settles(st, &di1, mf_test_date("2026-01-12"),
                                           mf_test_date("2026-01-12"), &s, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_string_equal(s[0].ticker, "DI1F27");
    assert_int_equal(s[0].instrument_id, f27);
    assert_true(s[0].settle == 13.741);
    assert_int_equal(s[0].available_at, mf_test_date("2026-01-12"));
    assert_string_equal(s[1].ticker, "DI1G26");
    assert_true(s[1].settle == 14.88);
    mf_free(s);
    /* after the correction */
    assert_int_equal(
        mf_repo_price_settles(st, &di1, mf_test_date("2026-01-12"), MF_DATE_MAX, &s, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_true(s[0].settle == 13.745);
    assert_int_equal(s[0].available_at, mf_test_date("2026-01-14"));
    mf_free(s);
    /* before anything was known */
    s = (mf_settle *)&n; /* must be replaced */
    assert_int_equal(mf_repo_price_settles(st, &di1, mf_test_date("2026-01-12"),
                                           mf_test_date("2026-01-11"), &s, &n, &err),
                     0);
    assert_int_equal(n, 0);
    assert_null(s);
    /* a row without a settle reads as NaN */
    assert_int_equal(
        mf_repo_price_settles(st, &di1, mf_test_date("2026-01-13"), MF_DATE_MAX, &s, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_true(isnan(s[0].settle));
    assert_true(s[1].settle == 14.87);
    mf_free(s);
    /* no filter: every instrument */
    assert_int_equal(
        mf_repo_price_settles(st, NULL, mf_test_date("2026-01-12"), MF_DATE_MAX, &s, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_string_equal(s[0].ticker, "DAPK27");
    assert_string_equal(s[3].ticker, "DI1_SWAP_1Y");
    mf_free(s);

    mf_date *d = NULL;
    assert_int_equal(mf_repo_price_dates(st, &di1, mf_test_date("2026-01-01"),
                                         mf_test_date("2026-01-31"), MF_DATE_MAX, &d, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(d[0], mf_test_date("2026-01-12"));
    assert_int_equal(d[1], mf_test_date("2026-01-13"));
    mf_free(d);
    assert_int_equal(mf_repo_price_dates(st, &di1, mf_test_date("2026-01-01"),
                                         mf_test_date("2026-01-31"), mf_test_date("2026-01-12"), &d,
                                         &n, &err),
                     0);
    assert_int_equal(n, 1);
    mf_free(d);
    const mf_price_filter swaps = {.instrument_type = "swap"};
    assert_int_equal(
        mf_repo_price_dates(st, &swaps, MF_DATE_MIN, MF_DATE_MAX, MF_DATE_MAX, &d, &n, &err), 0);
    assert_int_equal(n, 1);
    mf_free(d);
    mf_test_store_close(st);
}

/* Rows in several years (PostgreSQL: several partitions), inside a transaction that rolls
   back: nothing stays. */
static void rows_of_many_years_and_a_rollback(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t f27 = instrument(st, "DI1F27", "future");
    assert_int_equal(mf_store_begin(st, NULL), 0);
    mf_price_writer *w = mf_price_writer_new(st);
    add(w, mf_test_settle_row(f27, "2019-06-03", "2019-06-03", 7.1));
    add(w, mf_test_settle_row(f27, "2024-06-03", "2024-06-03", 11.2));
    add(w, mf_test_settle_row(f27, "2026-06-01", "2026-06-01", 13.1));
    mf_price_writer_free(w);
    assert_int_equal(count_rows(st), 3);
    assert_int_equal(mf_store_rollback(st, NULL), 0);
    assert_int_equal(count_rows(st), 0);
    w = mf_price_writer_new(st);
    add(w, mf_test_settle_row(f27, "2019-06-03", "2019-06-03", 7.1));
    mf_price_writer_free(w);
    assert_int_equal(count_rows(st), 1);
    mf_test_store_close(st);
}

/* One instrument's history: the vintage known on a date per day, or every vintage. */
static void one_instruments_history_as_known_on_a_date(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t f27 = instrument(st, "DI1F27", "future");
    int64_t f28 = instrument(st, "DI1F28", "future");
    mf_price_writer *w = mf_price_writer_new(st);
    mf_market_price full = mf_test_settle_row(f27, "2025-12-31", "2025-12-31", 13.9);
    full.volume = 1000;
    full.yield_pct = NAN;
    assert_int_equal(add(w, full), MF_PRICE_NEW);
    assert_int_equal(add(w, mf_test_settle_row(f27, "2026-01-02", "2026-01-02", 13.80)),
                     MF_PRICE_NEW);
    assert_int_equal(add(w, mf_test_settle_row(f27, "2026-01-02", "2026-01-05", 13.81)),
                     MF_PRICE_REVISED);
    assert_int_equal(add(w, mf_test_settle_row(f27, "2026-01-05", "2026-01-05", 13.75)),
                     MF_PRICE_NEW);
    assert_int_equal(add(w, mf_test_settle_row(f28, "2026-01-02", "2026-01-02", 13.5)),
                     MF_PRICE_NEW);
    mf_price_writer_free(w);
    mf_market_price *rows;
    size_t n;
    mf_error err;
    /* as known on 2026-01-02: the first vintage of the 2nd; the 5th not yet known */
    assert_int_equal(mf_repo_price_history(st, f27, MF_DATE_MIN, MF_DATE_MAX,
                                           mf_test_date("2026-01-02"), false, &rows, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].price_date, mf_test_date("2025-12-31")); /* across a year */
    assert_true(rows[0].volume == 1000 && isnan(rows[0].open) && isnan(rows[0].yield_pct));
    assert_true(rows[1].settle == 13.80);
    assert_int_equal(rows[1].available_at, mf_test_date("2026-01-02"));
    mf_free(rows);
    /* everything known: the revision replaces it; from/to bound the dates */
    assert_int_equal(mf_repo_price_history(st, f27, mf_test_date("2026-01-01"), MF_DATE_MAX,
                                           MF_DATE_MAX, false, &rows, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_true(rows[0].settle == 13.81 && rows[1].settle == 13.75);
    assert_int_equal(rows[0].instrument_id, f27);
    mf_free(rows);
    /* every vintage, in order; as_of is ignored */
    assert_int_equal(mf_repo_price_history(st, f27, mf_test_date("2026-01-02"),
                                           mf_test_date("2026-01-02"), mf_test_date("2020-01-01"),
                                           true, &rows, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_true(rows[0].settle == 13.80 && rows[1].settle == 13.81);
    assert_int_equal(rows[1].available_at, mf_test_date("2026-01-05"));
    mf_free(rows);
    /* nothing known before the first price */
    assert_int_equal(mf_repo_price_history(st, f27, MF_DATE_MIN, MF_DATE_MAX,
                                           mf_test_date("2025-01-01"), false, &rows, &n, &err),
                     0);
    assert_int_equal(n, 0);
    assert_null(rows);
    mf_test_store_close(st);
}

/* A bond's yield_pct comes with its settle, from the same vintage; NULL reads as NaN. */
static void settles_carry_the_yield(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t b35 = instrument(st, "NTNB-20350515", "bond");
    int64_t b45 = instrument(st, "NTNB-20450515", "bond");
    mf_price_writer *w = mf_price_writer_new(st);
    mf_market_price r = mf_test_settle_row(b35, "2026-02-06", "2026-02-06", NAN);
    r.close = 4077.1226;
    r.yield_pct = 7.8106;
    add(w, r);
    r.available_at = mf_test_date("2026-02-09"); /* a revised yield */
    r.yield_pct = 7.8125;
    add(w, r);
    mf_market_price no_yield = mf_test_settle_row(b45, "2026-02-06", "2026-02-06", NAN);
    no_yield.close = 3902.5;
    add(w, no_yield);
    mf_price_writer_free(w);

    const mf_price_filter ntnb = {.instrument_type = "bond", .ticker_prefix = "NTNB-"};
    mf_settle *s = NULL;
    size_t n = 0;
    mf_error err;
    assert_int_equal(mf_repo_price_settles(st, &ntnb, mf_test_date("2026-02-06"),
                                           mf_test_date("2026-02-06"), &s, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_string_equal(s[0].ticker, "NTNB-20350515");
    assert_true(s[0].yield_pct == 7.8106);
    assert_true(isnan(s[0].settle));
    assert_true(isnan(s[1].yield_pct));
    mf_free(s);
    assert_int_equal(
        mf_repo_price_settles(st, &ntnb, mf_test_date("2026-02-06"), MF_DATE_MAX, &s, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_true(s[0].yield_pct == 7.8125);
    assert_int_equal(s[0].available_at, mf_test_date("2026-02-09"));
    mf_free(s);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vintages_are_new_revised_or_unchanged),
        cmocka_unit_test(invalid_rows_are_refused_by_name),
        cmocka_unit_test(settles_as_known_on_a_date),
        cmocka_unit_test(settles_carry_the_yield),
        cmocka_unit_test(rows_of_many_years_and_a_rollback),
        cmocka_unit_test(one_instruments_history_as_known_on_a_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
