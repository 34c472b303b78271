/*
 * test_daycount.c - src/core/daycount.c: every convention against QuantLib 1.29 values in
 * tests/fixtures/daycount.csv (gen/gen_daycount.py), textbook cases with their sources, and
 * every error path.
 *
 * Tolerance: year fractions agree to 1e-14 relative (exactly, when the reference is 0);
 * day counts agree exactly. One allowance: for an ACT/ACT ISDA period inside one year,
 * QuantLib 1.29 sums (y2 - y1 - 1) + days1 / basis + days2 / basis = -1 + ... + ..., which
 * leaves the rounding error of a number near 1 (up to a few 1e-16 absolute, 2e-14 relative
 * for a one-day period); we divide the days by the basis directly, which is correctly rounded.
 * Those rows are held to 1e-15 absolute, and the hand cases check the exact quotients.
 */
#include "support/test.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/daycount.h"

#define REL_TOL 1e-14

static int setup_calendar(void **state)
{
    mf_calendar *cal = NULL;
    if (mf_calendar_new("br", &cal, NULL) != 0)
        return -1;
    *state = cal;
    return 0;
}

static int teardown_calendar(void **state)
{
    mf_calendar_free(*state);
    return 0;
}

static bool close_enough(double actual, double expected)
{
    if (expected == 0.0)
        return actual == 0.0;
    return fabs(actual - expected) <= REL_TOL * fabs(expected);
}

static void assert_yearfrac(mf_daycount dc, const char *start, const char *end,
                            const mf_daycount_ctx *ctx, double expected)
{
    double yf = -999.0;
    mf_error err;
    if (mf_daycount_yearfrac(dc, mf_test_date(start), mf_test_date(end), ctx, &yf, &err) != 0)
        fail_msg("%s %s..%s failed: %s", mf_daycount_name(dc), start, end, err.msg);
    if (!close_enough(yf, expected))
        fail_msg("%s %s..%s: got %.17g, expected %.17g", mf_daycount_name(dc), start, end, yf,
                 expected);
}

static int32_t days_of(mf_daycount dc, const char *start, const char *end,
                       const mf_daycount_ctx *ctx)
{
    int32_t n = -999;
    mf_error err;
    if (mf_daycount_days(dc, mf_test_date(start), mf_test_date(end), ctx, &n, &err) != 0)
        fail_msg("%s %s..%s failed: %s", mf_daycount_name(dc), start, end, err.msg);
    return n;
}

static void every_convention_matches_quantlib_on_the_fixture(void **state)
{
    const mf_calendar *cal = *state;
    FILE *f = mf_test_fixture_open("daycount.csv");
    char line[512];
    int rows[MF_DAYCOUNT_COUNT] = {0}, long_stubs = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "convention,", 11) == 0)
            continue;
        char *c[9];
        assert_int_equal(mf_test_split(line, ',', c, 9), 9);
        mf_daycount dc;
        assert_int_equal(mf_daycount_parse(c[0], &dc, NULL), 0);
        mf_daycount_ctx ctx = {.calendar = cal};
        if (c[3][0] != '\0') {
            ctx.ref_start = mf_test_date(c[3]);
            ctx.ref_end = mf_test_date(c[4]);
            ctx.frequency = atoi(c[5]);
        }
        mf_date start = mf_test_date(c[1]), end = mf_test_date(c[2]);
        int32_t days = -999;
        double yf = -999.0, expected = strtod(c[7], NULL);
        mf_error err;
        if (mf_daycount_days(dc, start, end, &ctx, &days, &err) != 0 ||
            mf_daycount_yearfrac(dc, start, end, &ctx, &yf, &err) != 0)
            fail_msg("%s %s..%s (%s) failed: %s", c[0], c[1], c[2], c[8], err.msg);
        if (days != atoi(c[6]))
            fail_msg("%s %s..%s (%s): %d days, expected %s", c[0], c[1], c[2], c[8], (int)days,
                     c[6]);
        bool one_year_isda = dc == MF_DAYCOUNT_ACT_ACT_ISDA &&
                             mf_date_year(start) == mf_date_year(end) && start != end;
        if (one_year_isda ? fabs(yf - expected) > 1e-15 : !close_enough(yf, expected))
            fail_msg("%s %s..%s ref %s..%s (%s): got %.17g, expected %s", c[0], c[1], c[2], c[3],
                     c[4], c[8], yf, c[7]);
        if (dc == MF_DAYCOUNT_ACT_ACT_ICMA && (start < ctx.ref_start || end > ctx.ref_end))
            long_stubs++;
        rows[dc]++;
    }
    fclose(f);
    for (int i = 0; i < MF_DAYCOUNT_COUNT; i++)
        if (rows[i] < 300)
            fail_msg("only %d fixture rows for %s", rows[i], mf_daycount_name((mf_daycount)i));
    assert_true(long_stubs >= 10);
}

/*
 * The worked examples of ISDA's memo "The Actual-Actual Day Count Fraction" (1999,
 * https://www.isda.org/a/pIJEE/The-Actual-Actual-Day-Count-Fraction-1999.pdf):
 * the same periods under ACT/ACT ISDA and ACT/ACT ICMA (then ISMA), to the 12 decimals the memo
 * prints. The exact fractions beside them are ours, from the day counts.
 */
static void act_act_isda_and_icma_reproduce_the_isda_memo_examples(void **state)
{
    (void)state;
    static const struct {
        const char *start, *end, *ref_start, *ref_end;
        int frequency;
        double isda, icma;
    } cases[] = {
        /* (a) regular semiannual period: 61/365 + 121/366; 182 / (2 * 182) */
        {"2003-11-01", "2004-05-01", "2003-11-01", "2004-05-01", 2, 61.0 / 365 + 121.0 / 366, 0.5},
        /* (b) short first annual period, and the regular one after it */
        {"1999-02-01", "1999-07-01", "1998-07-01", "1999-07-01", 1, 150.0 / 365, 150.0 / 365},
        {"1999-07-01", "2000-07-01", "1999-07-01", "2000-07-01", 1, 184.0 / 365 + 182.0 / 366, 1.0},
        /* (c) long first semiannual period: notional periods 2002-07-15..2003-01-15 (184 days,
         * 153 of them accrued) and 2003-01-15..2003-07-15 (181, all accrued) */
        {"2002-08-15", "2003-07-15", "2003-01-15", "2003-07-15", 2, 334.0 / 365,
         153.0 / (2 * 184) + 181.0 / (2 * 181)},
        {"2003-07-15", "2004-01-15", "2003-07-15", "2004-01-15", 2, 170.0 / 365 + 14.0 / 366, 0.5},
        /* (d) short final semiannual period, after a regular one */
        {"1999-07-30", "2000-01-30", "1999-07-30", "2000-01-30", 2, 155.0 / 365 + 29.0 / 366, 0.5},
        {"2000-01-30", "2000-06-30", "2000-01-30", "2000-07-30", 2, 152.0 / 366, 152.0 / (2 * 182)},
    };
    /* The results the memo gives, rounded to 12 decimals (QuantLib 1.29 agrees). */
    static const double memo_isda[] = {0.497724380567, 0.410958904110, 1.001377348604,
                                       0.915068493151, 0.504004790778, 0.503892506924,
                                       0.415300546448};
    static const double memo_icma[] = {0.5, 0.410958904110, 1.0, 0.915760869565, 0.5,
                                       0.5, 0.417582417582};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_daycount_ctx ctx = {.ref_start = mf_test_date(cases[i].ref_start),
                               .ref_end = mf_test_date(cases[i].ref_end),
                               .frequency = cases[i].frequency};
        assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ISDA, cases[i].start, cases[i].end, NULL,
                        cases[i].isda);
        assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, cases[i].start, cases[i].end, &ctx,
                        cases[i].icma);
        assert_true(fabs(cases[i].isda - memo_isda[i]) < 5e-13);
        assert_true(fabs(cases[i].icma - memo_icma[i]) < 5e-13);
    }
}

/*
 * 30/360 (ISDA 2006 4.16(f)) and 30E/360 (4.16(g)), worked by hand from the formula
 * 360 (Y2 - Y1) + 30 (M2 - M1) + (D2 - D1): they differ only when the period ends on a 31st
 * and starts before the 30th.
 */
static void thirty_360_day_counts_follow_isda_4_16_f_and_g(void **state)
{
    (void)state;
    static const struct {
        const char *start, *end;
        int32_t bond, euro;
    } cases[] = {
        {"2007-01-31", "2007-02-28", 28, 28},   /* D1 31 -> 30: 30 + (28 - 30) */
        {"2007-01-31", "2007-03-31", 60, 60},   /* both 31sts -> 30 */
        {"2007-02-28", "2007-03-31", 33, 32},   /* bond keeps D2 = 31 when D1 < 30 */
        {"2007-03-30", "2007-03-31", 0, 0},     /* D1 = 30, so D2 31 -> 30 in both */
        {"2007-03-29", "2007-03-31", 2, 1},     /* D1 = 29 is not "greater than 29" */
        {"2007-08-31", "2008-02-29", 179, 179}, /* 180 - 30 + 29: February is not stretched */
        {"2008-02-29", "2008-08-31", 182, 181}, /* 6 * 30 + (31 - 29) vs + (30 - 29) */
        {"2006-12-31", "2007-12-31", 360, 360}, {"2024-01-15", "2024-07-15", 180, 180},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(days_of(MF_DAYCOUNT_30_360, cases[i].start, cases[i].end, NULL),
                         cases[i].bond);
        assert_int_equal(days_of(MF_DAYCOUNT_30E_360, cases[i].start, cases[i].end, NULL),
                         cases[i].euro);
        assert_yearfrac(MF_DAYCOUNT_30_360, cases[i].start, cases[i].end, NULL,
                        cases[i].bond / 360.0);
        assert_yearfrac(MF_DAYCOUNT_30E_360, cases[i].start, cases[i].end, NULL,
                        cases[i].euro / 360.0);
    }
}

static void actual_conventions_divide_actual_days_by_their_basis(void **state)
{
    (void)state;
    /* ISDA 2006 4.16(e) and (d): a leap year is 366/360 and 366/365 */
    assert_int_equal(days_of(MF_DAYCOUNT_ACT_360, "2024-01-01", "2025-01-01", NULL), 366);
    assert_yearfrac(MF_DAYCOUNT_ACT_360, "2024-01-01", "2025-01-01", NULL, 366.0 / 360.0);
    assert_yearfrac(MF_DAYCOUNT_ACT_365F, "2024-01-01", "2025-01-01", NULL, 366.0 / 365.0);
    assert_yearfrac(MF_DAYCOUNT_ACT_365F, "2023-03-15", "2023-06-15", NULL, 92.0 / 365.0);
    assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ISDA, "2024-01-01", "2025-01-01", NULL, 1.0);
    /* within one year the quotient is exact (correctly rounded): 1/366, 59/365 */
    assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ISDA, "2024-02-28", "2024-02-29", NULL, 1.0 / 366.0);
    double yf = 0;
    mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ISDA, mf_test_date("2023-01-01"),
                         mf_test_date("2023-03-01"), NULL, &yf, NULL);
    assert_true(yf == 59.0 / 365.0);
    /* a whole year in the middle counts 1, the ends by their own year's length */
    assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ISDA, "2023-12-31", "2025-01-02", NULL,
                    (1.0 + 1.0 / 365.0) + 1.0 / 365.0);
}

/*
 * B3's DI1 future: PU = 100000 / (1 + rate)^(du / 252), du the business days of the ANBIMA
 * calendar from the trade date (inclusive) to expiry (exclusive). Trade 2024-01-02, the
 * January 2025 contract expires on 2025-01-02. By hand: 2024 has 262 weekdays; ANBIMA closes 9
 * of them (Jan 1, Carnival Feb 12 and 13, Good Friday Mar 29, May 1, Corpus Christi May 30,
 * Nov 15, Nov 20, Dec 25) and Jan 1 is not in the count anyway, 2025-01-01 is a holiday: du =
 * 253. At 10.00% a.a. the PU, to 20 digits with Python's decimal module, is
 * 90874.714228641190845.
 */
static void di1_unit_price_discounts_at_du_over_252_on_the_anbima_calendar(void **state)
{
    mf_daycount_ctx ctx = {.calendar = *state};
    assert_int_equal(days_of(MF_DAYCOUNT_BUS_252, "2024-01-02", "2025-01-02", &ctx), 253);
    double yf = 0.0;
    assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_BUS_252, mf_test_date("2024-01-02"),
                                          mf_test_date("2025-01-02"), &ctx, &yf, NULL),
                     0);
    assert_true(yf == 253.0 / 252.0);
    double pu = 100000.0 / pow(1.10, yf);
    assert_true(fabs(pu - 90874.714228641190845) <= 1e-12 * 90874.7);

    /* 20 November is a national holiday from 2024 (Law 14.759/2023), a business day before */
    assert_int_equal(days_of(MF_DAYCOUNT_BUS_252, "2024-11-19", "2024-11-21", &ctx), 1);
    assert_int_equal(days_of(MF_DAYCOUNT_BUS_252, "2023-11-17", "2023-11-21", &ctx), 2);
    /* a one-day operation from a business day counts 1, from a holiday 0 */
    assert_int_equal(days_of(MF_DAYCOUNT_BUS_252, "2024-11-19", "2024-11-20", &ctx), 1);
    assert_int_equal(days_of(MF_DAYCOUNT_BUS_252, "2024-11-20", "2024-11-21", &ctx), 0);
}

static void same_day_is_zero_and_reversed_periods_are_negative(void **state)
{
    mf_daycount_ctx ctx = {.calendar = *state,
                           .ref_start = mf_test_date("2024-02-15"),
                           .ref_end = mf_test_date("2024-08-15"),
                           .frequency = 2};
    for (int i = 0; i < MF_DAYCOUNT_COUNT; i++) {
        mf_daycount dc = (mf_daycount)i;
        mf_date a = mf_test_date("2024-03-31"), b = mf_test_date("2024-07-31");
        double fwd = 0, back = 0, same = -1;
        int32_t nf = 0, nb = 0, n0 = -1;
        assert_int_equal(mf_daycount_yearfrac(dc, a, b, &ctx, &fwd, NULL), 0);
        assert_int_equal(mf_daycount_yearfrac(dc, b, a, &ctx, &back, NULL), 0);
        assert_int_equal(mf_daycount_yearfrac(dc, a, a, &ctx, &same, NULL), 0);
        assert_int_equal(mf_daycount_days(dc, a, b, &ctx, &nf, NULL), 0);
        assert_int_equal(mf_daycount_days(dc, b, a, &ctx, &nb, NULL), 0);
        assert_int_equal(mf_daycount_days(dc, a, a, &ctx, &n0, NULL), 0);
        assert_true(fwd > 0 && back == -fwd && same == 0.0);
        assert_true(nf > 0 && nb == -nf && n0 == 0);
    }
}

/*
 * Our contract is antisymmetric; QuantLib's Thirty360(BondBasis) applies the formula to the
 * dates as given, so for 2007-03-31 -> 2007-02-28 it returns -32 where we return -33.
 */
static void bond_basis_reverses_by_negating_the_forward_period(void **state)
{
    (void)state;
    assert_int_equal(days_of(MF_DAYCOUNT_30_360, "2007-02-28", "2007-03-31", NULL), 33);
    assert_int_equal(days_of(MF_DAYCOUNT_30_360, "2007-03-31", "2007-02-28", NULL), -33);
    assert_yearfrac(MF_DAYCOUNT_30_360, "2007-03-31", "2007-02-28", NULL, -33.0 / 360.0);
}

/*
 * ICMA long first coupon of an end-of-month bond: accrual 2021-10-20..2022-08-31, regular
 * period 2022-02-28..2022-08-31 (184 days, all accrued: 0.5). The 131 days before it lie in
 * the notional period ending 2022-02-28, which starts 2021-08-28 when the day is clamped
 * (QuantLib: 184 days) and 2021-08-31 when months step from month end to month end (181).
 */
static void icma_long_stub_notional_periods_clamp_or_keep_the_month_end(void **state)
{
    (void)state;
    mf_daycount_ctx ctx = {.ref_start = mf_test_date("2022-02-28"),
                           .ref_end = mf_test_date("2022-08-31"),
                           .frequency = 2};
    assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, "2021-10-20", "2022-08-31", &ctx,
                    0.5 * 131.0 / 184.0 + 0.5);
    ctx.end_of_month = true;
    assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, "2021-10-20", "2022-08-31", &ctx,
                    0.5 * 131.0 / 181.0 + 0.5);

    /* long last coupon: 2025-02-15..2025-11-30 after the regular 2024-08-15..2025-02-15:
     * the notional period 2025-02-15..2025-08-15 whole (0.5), then 107 of the 184 days of
     * 2025-08-15..2026-02-15 */
    mf_daycount_ctx last = {.ref_start = mf_test_date("2024-08-15"),
                            .ref_end = mf_test_date("2025-02-15"),
                            .frequency = 2};
    assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, "2025-02-15", "2025-11-30", &last,
                    0.5 + 0.5 * 107.0 / 184.0);
    /* a long stub over two notional periods and a part: quarterly, 2023-01-10..2023-10-15
     * with regular period 2023-07-15..2023-10-15: 5 of the 92 days of 2022-10-15..2023-01-15,
     * then three whole quarters */
    mf_daycount_ctx q = {.ref_start = mf_test_date("2023-07-15"),
                         .ref_end = mf_test_date("2023-10-15"),
                         .frequency = 4};
    assert_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, "2023-01-10", "2023-10-15", &q,
                    0.25 * 5.0 / 92.0 + 0.25 + 0.25 + 0.25);
}

static void names_parse_and_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < MF_DAYCOUNT_COUNT; i++) {
        mf_daycount dc = MF_DAYCOUNT_COUNT;
        assert_int_equal(mf_daycount_parse(mf_daycount_name((mf_daycount)i), &dc, NULL), 0);
        assert_int_equal(dc, i);
    }
    assert_string_equal(mf_daycount_name(MF_DAYCOUNT_BUS_252), "bus/252");
    assert_string_equal(mf_daycount_name(MF_DAYCOUNT_ACT_ACT_ICMA), "act/act-icma");
    assert_string_equal(mf_daycount_name((mf_daycount)MF_DAYCOUNT_COUNT), "?");
    assert_string_equal(mf_daycount_name((mf_daycount)-1), "?");
}

static void unknown_names_are_rejected_with_the_valid_list(void **state)
{
    (void)state;
    static const char *const bad[] = {"ACT/360", "act/365", "actual/360", "",
                                      "30/360 ", "act/act", "bus/252x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_daycount dc = MF_DAYCOUNT_COUNT;
        mf_error err;
        if (mf_daycount_parse(bad[i], &dc, &err) != MF_EINVAL)
            fail_msg("accepted '%s'", bad[i]);
        assert_int_equal(dc, MF_DAYCOUNT_COUNT);
        assert_int_equal(err.code, MF_EINVAL);
    }
    mf_error err;
    mf_daycount dc;
    assert_int_equal(mf_daycount_parse("act/365", &dc, &err), MF_EINVAL);
    assert_string_equal(err.msg, "unknown day count 'act/365': expected one of bus/252, act/360, "
                                 "act/365f, 30/360, 30e/360, act/act-isda, act/act-icma");
    assert_int_equal(mf_daycount_parse(NULL, &dc, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "'(null)'"));
}

static void bus_252_without_a_calendar_is_invalid(void **state)
{
    (void)state;
    mf_date a = mf_test_date("2024-01-02"), b = mf_test_date("2024-07-01");
    mf_daycount_ctx empty = {0};
    const mf_daycount_ctx *ctxs[] = {NULL, &empty};
    for (size_t i = 0; i < 2; i++) {
        double yf = -7.0;
        int32_t n = -7;
        mf_error err;
        assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_BUS_252, a, b, ctxs[i], &yf, &err),
                         MF_EINVAL);
        assert_non_null(strstr(err.msg, "bus/252 needs a calendar"));
        assert_int_equal(mf_daycount_days(MF_DAYCOUNT_BUS_252, a, b, ctxs[i], &n, &err), MF_EINVAL);
        assert_non_null(strstr(err.msg, "bus/252 needs a calendar"));
        assert_true(yf == -7.0 && n == -7); /* outputs untouched on failure */
    }
    /* the conventions that need nothing accept a NULL ctx */
    assert_int_equal(days_of(MF_DAYCOUNT_ACT_ACT_ICMA, "2024-01-02", "2024-07-01", NULL), 181);
}

static void bus_252_passes_the_calendar_range_error_through(void **state)
{
    mf_daycount_ctx ctx = {.calendar = *state};
    static const char *const pairs[][2] = {{"1989-12-29", "1990-01-03"},
                                           {"2099-12-30", "2100-01-04"},
                                           {"2100-01-04", "2099-12-30"},
                                           {"1989-12-29", "1989-12-29"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double yf = -7.0;
        int32_t n = -7;
        mf_error err;
        mf_date a = mf_test_date(pairs[i][0]), b = mf_test_date(pairs[i][1]);
        assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_BUS_252, a, b, &ctx, &yf, &err),
                         MF_ERANGE);
        assert_non_null(
            strstr(err.msg, "outside the range 1990-01-01..2099-12-31 of calendar 'br'"));
        assert_int_equal(mf_daycount_days(MF_DAYCOUNT_BUS_252, a, b, &ctx, &n, &err), MF_ERANGE);
        assert_true(yf == -7.0 && n == -7);
    }
    mf_error err;
    int32_t n;
    mf_daycount_days(MF_DAYCOUNT_BUS_252, mf_test_date("2100-01-04"), mf_test_date("2099-12-30"),
                     &ctx, &n, &err);
    assert_string_equal(
        err.msg, "date '2100-01-04' outside the range 1990-01-01..2099-12-31 of calendar 'br'");
}

static void icma_without_a_reference_period_is_invalid(void **state)
{
    (void)state;
    mf_date a = mf_test_date("2024-03-01"), b = mf_test_date("2024-06-01");
    struct {
        const mf_daycount_ctx *ctx;
        const char *msg;
    } cases[] = {
        {NULL, "act/act-icma needs a reference coupon period and frequency: ctx is NULL"},
        {&(mf_daycount_ctx){.frequency = 2},
         "act/act-icma needs a reference coupon period: ctx->ref_start '1970-01-01' is not "
         "before ctx->ref_end '1970-01-01'"},
        {&(mf_daycount_ctx){.ref_start = mf_test_date("2024-08-15"),
                            .ref_end = mf_test_date("2024-02-15"),
                            .frequency = 2},
         "act/act-icma needs a reference coupon period: ctx->ref_start '2024-08-15' is not "
         "before ctx->ref_end '2024-02-15'"},
        {&(mf_daycount_ctx){.ref_start = INT32_MIN, .ref_end = 0, .frequency = 2},
         "act/act-icma reference period serials -2147483648..0 outside years 1..9999"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double yf = -7.0;
        mf_error err;
        int rc = mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, a, b, cases[i].ctx, &yf, &err);
        assert_true(rc == MF_EINVAL || rc == MF_ERANGE);
        assert_string_equal(err.msg, cases[i].msg);
        assert_true(yf == -7.0);
    }
}

static void icma_rejects_a_frequency_that_is_not_a_coupon_frequency(void **state)
{
    (void)state;
    static const int bad[] = {0, 5, -2, 24, 365};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_daycount_ctx ctx = {.ref_start = mf_test_date("2024-02-15"),
                               .ref_end = mf_test_date("2024-08-15"),
                               .frequency = bad[i]};
        double yf = -7.0;
        mf_error err;
        assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, mf_test_date("2024-03-01"),
                                              mf_test_date("2024-06-01"), &ctx, &yf, &err),
                         MF_EINVAL);
        assert_non_null(strstr(err.msg, "invalid coupon frequency"));
        assert_non_null(strstr(err.msg, "expected 1, 2, 3, 4, 6 or 12"));
        assert_true(yf == -7.0);
    }
    /* a reference period that is a year long cannot be a semiannual coupon */
    mf_daycount_ctx ctx = {.ref_start = mf_test_date("2024-02-15"),
                           .ref_end = mf_test_date("2025-02-15"),
                           .frequency = 2};
    mf_error err;
    double yf = -7.0;
    assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, mf_test_date("2024-03-01"),
                                          mf_test_date("2024-06-01"), &ctx, &yf, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "act/act-icma reference period '2024-02-15'..'2025-02-15' spans "
                                 "12 months, not the 6 of coupon frequency 2");
    assert_true(yf == -7.0);
}

static void icma_rejects_accruals_the_reference_period_cannot_place(void **state)
{
    (void)state;
    mf_daycount_ctx ctx = {.ref_start = mf_test_date("2024-02-15"),
                           .ref_end = mf_test_date("2024-08-15"),
                           .frequency = 2};
    mf_error err;
    double yf = -7.0;
    /* overhangs both ends (QuantLib refuses it too) */
    assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, mf_test_date("2024-01-02"),
                                          mf_test_date("2024-09-02"), &ctx, &yf, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "overhang both its ends"));
    /* starts after the reference period has ended */
    assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, mf_test_date("2024-09-02"),
                                          mf_test_date("2024-10-02"), &ctx, &yf, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "start after its end"));
    /* a notional period before year 1 cannot be built */
    mf_daycount_ctx early = {.ref_start = mf_test_date("0001-03-01"),
                             .ref_end = mf_test_date("0001-09-01"),
                             .frequency = 2};
    assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_ACT_ACT_ICMA, mf_test_date("0001-01-05"),
                                          mf_test_date("0001-06-01"), &early, &yf, &err),
                     MF_ERANGE);
    assert_true(yf == -7.0);
}

static void invalid_conventions_and_dates_are_errors_not_crashes(void **state)
{
    (void)state;
    mf_error err;
    double yf = -7.0;
    int32_t n = -7;
    mf_date a = mf_test_date("2024-01-02"), b = mf_test_date("2024-07-01");
    assert_int_equal(mf_daycount_yearfrac((mf_daycount)MF_DAYCOUNT_COUNT, a, b, NULL, &yf, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "unknown day count 7: not an mf_daycount value");
    assert_int_equal(mf_daycount_days((mf_daycount)-1, a, b, NULL, &n, &err), MF_EINVAL);
    assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_ACT_360, INT32_MIN, b, NULL, &yf, &err),
                     MF_ERANGE);
    assert_string_equal(err.msg, "start date serial -2147483648 outside years 1..9999 (act/360)");
    assert_int_equal(mf_daycount_days(MF_DAYCOUNT_30_360, a, MF_DATE_MAX + 1, NULL, &n, &err),
                     MF_ERANGE);
    assert_true(yf == -7.0 && n == -7);
    /* NULL err is always allowed */
    assert_int_equal(mf_daycount_yearfrac(MF_DAYCOUNT_BUS_252, a, b, NULL, &yf, NULL), MF_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_convention_matches_quantlib_on_the_fixture,
                                        setup_calendar, teardown_calendar),
        cmocka_unit_test(act_act_isda_and_icma_reproduce_the_isda_memo_examples),
        cmocka_unit_test(thirty_360_day_counts_follow_isda_4_16_f_and_g),
        cmocka_unit_test(actual_conventions_divide_actual_days_by_their_basis),
        cmocka_unit_test_setup_teardown(
            di1_unit_price_discounts_at_du_over_252_on_the_anbima_calendar, setup_calendar,
            teardown_calendar),
        cmocka_unit_test_setup_teardown(same_day_is_zero_and_reversed_periods_are_negative,
                                        setup_calendar, teardown_calendar),
        cmocka_unit_test(bond_basis_reverses_by_negating_the_forward_period),
        cmocka_unit_test(icma_long_stub_notional_periods_clamp_or_keep_the_month_end),
        cmocka_unit_test(names_parse_and_round_trip),
        cmocka_unit_test(unknown_names_are_rejected_with_the_valid_list),
        cmocka_unit_test(bus_252_without_a_calendar_is_invalid),
        cmocka_unit_test_setup_teardown(bus_252_passes_the_calendar_range_error_through,
                                        setup_calendar, teardown_calendar),
        cmocka_unit_test(icma_without_a_reference_period_is_invalid),
        cmocka_unit_test(icma_rejects_a_frequency_that_is_not_a_coupon_frequency),
        cmocka_unit_test(icma_rejects_accruals_the_reference_period_cannot_place),
        cmocka_unit_test(invalid_conventions_and_dates_are_errors_not_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
