/*
 * test_ust.c - src/analytics/ust.c: notes and bonds against QuantLib 1.29 values in
 * tests/fixtures/ust.csv (gen/gen_ust.py), hand cases worked out from the formulas in the
 * comments, Treasury bill formulas from TreasuryDirect's "Formulas for calculating" pages,
 * and every error path.
 *
 * Tolerances (stated once, used everywhere): prices and accrued interest per 100 agree to
 * 1e-10 absolute; yields to 1e-10 percentage points (1e-12 as a decimal); durations and
 * convexity to 1e-10 relative. QuantLib multiplies per-period discount factors where we raise
 * to a power, so the last few bits differ; nothing else does.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/ust.h"

#define PRICE_TOL 1e-10
#define YIELD_TOL 1e-10 /* percentage points */
#define REL_TOL   1e-10

static mf_ust_bond note(const char *maturity, double coupon_pct)
{
    mf_ust_bond b = {.maturity = mf_test_date(maturity), .coupon_pct = coupon_pct};
    return b;
}

static void assert_close(double got, double want, double tol, const char *what, int line)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("%s (fixture line %d): got %.17g, expected %.17g (tolerance %g)", what, line, got,
                 want, tol);
}

static void every_bond_matches_quantlib_on_the_fixture(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("ust.csv");
    char line[1024];
    int rows = 0, dated = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || strncmp(line, "case,", 5) == 0)
            continue;
        char *c[14];
        assert_int_equal(mf_test_split(line, ',', c, 14), 14);
        mf_ust_bond b = note(c[3], strtod(c[4], NULL));
        if (c[1][0] != '\0') {
            b.has_dated = true;
            b.dated = mf_test_date(c[1]);
            dated++;
        }
        mf_date settle = mf_test_date(c[2]);
        double yield_pct = strtod(c[5], NULL) * 100.0;
        mf_ust_quote q;
        mf_error err;
        if (mf_ust_price_from_yield(&b, settle, yield_pct, &q, &err) != 0)
            fail_msg("line %d: %s", lineno, err.msg);
        assert_close(q.clean_per_100, strtod(c[6], NULL), PRICE_TOL, "clean", lineno);
        assert_close(q.dirty_per_100, strtod(c[7], NULL), PRICE_TOL, "dirty", lineno);
        assert_close(q.accrued_per_100, strtod(c[8], NULL), PRICE_TOL, "accrued", lineno);
        double mac = strtod(c[9], NULL), mod = strtod(c[10], NULL), cvx = strtod(c[11], NULL);
        assert_close(q.macaulay_years, mac, REL_TOL * mac, "macaulay", lineno);
        assert_close(q.modified_years, mod, REL_TOL * mod, "modified", lineno);
        assert_close(q.convexity_years2, cvx, REL_TOL * cvx, "convexity", lineno);
        assert_close(q.dv01_per_100, mod * strtod(c[7], NULL) / 10000.0, 1e-14, "dv01", lineno);

        double accrued = -1.0;
        assert_int_equal(mf_ust_accrued(&b, settle, &accrued, NULL), 0);
        assert_true(accrued == q.accrued_per_100);

        double y = -999.0;
        if (mf_ust_yield_from_clean(&b, settle, strtod(c[12], NULL), &y, &err) != 0)
            fail_msg("line %d: %s", lineno, err.msg);
        assert_close(y, strtod(c[13], NULL) * 100.0, YIELD_TOL, "quote yield", lineno);
        /* And back: the yield of our own clean price is the yield we started from. */
        assert_int_equal(mf_ust_yield_from_clean(&b, settle, q.clean_per_100, &y, NULL), 0);
        assert_close(y, yield_pct, YIELD_TOL, "round trip yield", lineno);
        rows++;
    }
    fclose(f);
    assert_true(rows >= 200);
    assert_true(dated >= 20);
}

/* On a coupon date a bond yielding its coupon is at par: every term of the price formula
 * telescopes to 100 (the identity any Treasury price/yield table starts from). */
static void a_note_yielding_its_coupon_on_a_coupon_date_is_at_par(void **state)
{
    (void)state;
    mf_ust_bond b = note("2034-11-15", 4.25);
    mf_ust_quote q;
    assert_int_equal(mf_ust_price_from_yield(&b, mf_test_date("2024-11-15"), 4.25, &q, NULL), 0);
    assert_close(q.clean_per_100, 100.0, 1e-12, "par clean", 0);
    assert_true(q.accrued_per_100 == 0.0);
    double y = -1.0;
    assert_int_equal(mf_ust_yield_from_clean(&b, mf_test_date("2024-11-15"), 100.0, &y, NULL), 0);
    assert_close(y, 4.25, 1e-12, "par yield", 0);
}

/*
 * A 4% note maturing 2026-11-15 settling 2025-08-15 at a 5% yield, by hand: the coupon period
 * 2025-05-15..2025-11-15 has E = 184 days, 92 of them to the next coupon, so w = 92/184 = 0.5;
 * accrued = 2 * 92/184 = 1; the flows 2, 2, 102 fall 0.5, 1.5 and 2.5 periods away:
 * dirty = (2 + 2/1.025 + 102/1.025^2) / 1.025^0.5 = 99.79653191800098, clean = 98.79653191800098;
 * Macaulay = (0.25 * 2/1.025^0.5 + 0.75 * 2/1.025^1.5 + 1.25 * 102/1.025^2.5) / dirty years.
 */
static void a_note_between_coupons_matches_the_hand_formula(void **state)
{
    (void)state;
    mf_ust_bond b = note("2026-11-15", 4.0);
    mf_ust_quote q;
    assert_int_equal(mf_ust_price_from_yield(&b, mf_test_date("2025-08-15"), 5.0, &q, NULL), 0);
    assert_close(q.accrued_per_100, 1.0, 1e-14, "accrued", 0);
    assert_close(q.dirty_per_100, 99.79653191800098, 1e-12, "dirty", 0);
    assert_close(q.clean_per_100, 98.79653191800098, 1e-12, "clean", 0);
    double g = 1.025;
    double mac =
        (0.25 * 2.0 / pow(g, 0.5) + 0.75 * 2.0 / pow(g, 1.5) + 1.25 * 102.0 / pow(g, 2.5)) /
        99.79653191800098;
    assert_close(q.macaulay_years, mac, 1e-13, "macaulay", 0);
    assert_close(q.modified_years, mac / g, 1e-13, "modified", 0);
    assert_close(q.dv01_per_100, mac / g * q.dirty_per_100 / 1e4, 1e-15, "dv01", 0);
    /* DV01 is the analytic first-order change: close to the finite difference of 1bp. */
    mf_ust_quote up, down;
    assert_int_equal(mf_ust_price_from_yield(&b, mf_test_date("2025-08-15"), 5.01, &up, NULL), 0);
    assert_int_equal(mf_ust_price_from_yield(&b, mf_test_date("2025-08-15"), 4.99, &down, NULL), 0);
    assert_close((down.dirty_per_100 - up.dirty_per_100) / 2.0, q.dv01_per_100, 1e-8, "fd", 0);
}

static void the_schedule_steps_back_from_maturity_keeping_month_ends(void **state)
{
    (void)state;
    mf_ust_cashflow cf[MF_UST_MAX_FLOWS];
    size_t n = 0;
    char buf[MF_DATE_ISO_SIZE];
    /* A 2-year note maturing on the last day of February pays on August 31 and Feb 28/29. */
    mf_ust_bond b = note("2026-02-28", 4.625);
    assert_int_equal(
        mf_ust_cashflows(&b, mf_test_date("2024-03-12"), cf, MF_UST_MAX_FLOWS, &n, NULL), 0);
    assert_int_equal(n, 4);
    const char *want[] = {"2024-08-31", "2025-02-28", "2025-08-31", "2026-02-28"};
    for (size_t i = 0; i < n; i++)
        assert_string_equal(mf_date_format_iso(cf[i].date, buf), want[i]);
    assert_true(cf[0].amount_per_100 == 2.3125 && cf[3].amount_per_100 == 102.3125);
    /* A maturity on the 30th of a 31-day month is no month end: the 30th, Feb 28/29 clamped. */
    b = note("2027-08-30", 2.0);
    assert_int_equal(mf_ust_cashflows(&b, mf_test_date("2026-01-05"), cf, 8, &n, NULL), 0);
    assert_int_equal(n, 4);
    assert_string_equal(mf_date_format_iso(cf[0].date, buf), "2026-02-28");
    assert_string_equal(mf_date_format_iso(cf[1].date, buf), "2026-08-30");
    /* A short first coupon from the dated date pays 4 * 90/182 / 2 per 100. */
    b = note("2034-05-15", 4.0);
    b.has_dated = true;
    b.dated = mf_test_date("2024-02-15");
    assert_int_equal(mf_ust_cashflows(&b, mf_test_date("2024-02-20"), cf, 30, &n, NULL), 0);
    assert_int_equal(n, 21);
    assert_close(cf[0].amount_per_100, 4.0 * 0.5 * 90.0 / 182.0, 1e-14, "short coupon", 0);
    mf_ust_period p;
    assert_int_equal(mf_ust_period_at(&b, mf_test_date("2024-02-20"), &p, NULL), 0);
    assert_string_equal(mf_date_format_iso(p.prev_coupon, buf), "2023-11-15");
    assert_string_equal(mf_date_format_iso(p.accrual_start, buf), "2024-02-15");
    assert_int_equal(p.coupons_left, 21);
    /* Too small an array is refused, and nothing is written. */
    mf_error err;
    n = 99;
    assert_int_equal(mf_ust_cashflows(&b, mf_test_date("2024-02-20"), cf, 20, &n, &err), MF_ERANGE);
    assert_int_equal(n, 99);
}

/*
 * Bills, TreasuryDirect "Formulas for calculating": price P = 100 (1 - d r / 360);
 * investment rate i = (100 - P)/P * y/r for r <= half a year, else the quadratic.
 * 26-week bill, 2025-01-02..2025-07-03 (r = 182), d = 4.200%:
 *   P = 100 - 4.2 * 182/360 = 97.87666666666667; y = 365 (no Feb 29 before 2026-01-02);
 *   i = 2.1233333/97.8766667 * 365/182 = 4.350713482954742%.
 * 52-week bill, 2024-01-04..2025-01-02 (r = 364), d = 4.500%: P = 100 - 4.5 * 364/360 = 95.45;
 *   y = 366 (2024-02-29 falls in the year after settlement); a = r/y, k = 2a - 1,
 *   i = (-2a + 2 sqrt(a^2 - k (1 - 100/P))) / k = 4.737288887938557%
 *   (check: P (1 + i/2)(1 + (a - 1/2) i) = 100).
 */
static void bills_follow_the_treasury_formulas(void **state)
{
    (void)state;
    double p = -1.0, i = -1.0, d = -1.0;
    mf_date s = mf_test_date("2025-01-02"), m = mf_test_date("2025-07-03");
    assert_int_equal(mf_ust_bill_price_from_discount(s, m, 4.2, &p, NULL), 0);
    assert_close(p, 97.87666666666667, 1e-12, "26w price", 0);
    assert_int_equal(mf_ust_bill_investment_rate(s, m, p, &i, NULL), 0);
    assert_close(i, 4.350713482954742, 1e-12, "26w investment rate", 0);
    assert_int_equal(mf_ust_bill_discount_from_price(s, m, p, &d, NULL), 0);
    assert_close(d, 4.2, 1e-12, "26w discount back", 0);

    s = mf_test_date("2024-01-04");
    m = mf_test_date("2025-01-02");
    assert_int_equal(mf_ust_bill_price_from_discount(s, m, 4.5, &p, NULL), 0);
    assert_close(p, 95.45, 1e-12, "52w price", 0);
    assert_int_equal(mf_ust_bill_investment_rate(s, m, p, &i, NULL), 0);
    assert_close(i, 4.737288887938557, 1e-12, "52w investment rate", 0);
    /* At exactly half a year both formulas agree (the quadratic's leading term vanishes):
     * 2025-01-02 + 182 days with y = 365 is below, so the simple formula applies; one day
     * more and the quadratic gives a nearby value. */
    double i182 = -1.0, i183 = -1.0;
    assert_int_equal(mf_ust_bill_investment_rate(mf_test_date("2025-01-02"),
                                                 mf_test_date("2025-07-03"), 98.0, &i182, NULL),
                     0);
    assert_int_equal(mf_ust_bill_investment_rate(mf_test_date("2025-01-02"),
                                                 mf_test_date("2025-07-04"), 98.0, &i183, NULL),
                     0);
    assert_true(i183 < i182 && i182 - i183 < 0.03);
}

static void bad_input_names_the_field(void **state)
{
    (void)state;
    mf_ust_bond b = note("2030-05-15", 4.0);
    mf_ust_quote q;
    q.clean_per_100 = -999.0;
    mf_error err;
    mf_date s = mf_test_date("2025-03-03");
    assert_int_equal(mf_ust_price_from_yield(&b, mf_test_date("2030-05-15"), 4.0, &q, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "maturity '2030-05-15' is not after settlement"));
    assert_int_equal(mf_ust_price_from_yield(&b, s, 150.0, &q, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "yield_pct 150 outside"));
    assert_int_equal(mf_ust_price_from_yield(&b, s, -6.0, &q, &err), MF_ERANGE);
    assert_int_equal(mf_ust_price_from_yield(&b, s, NAN, &q, &err), MF_ERANGE);
    assert_true(q.clean_per_100 == -999.0);

    double y = -999.0;
    assert_int_equal(mf_ust_yield_from_clean(&b, s, 500.0, &y, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "clean_per_100 500 outside the attainable range"));
    assert_int_equal(mf_ust_yield_from_clean(&b, s, 1.0, &y, &err), MF_ERANGE);
    assert_int_equal(mf_ust_yield_from_clean(&b, s, -3.0, &y, &err), MF_EINVAL);
    assert_int_equal(mf_ust_yield_from_clean(&b, s, INFINITY, &y, &err), MF_EINVAL);
    assert_true(y == -999.0);

    mf_ust_bond bad = note("2030-05-15", 60.0);
    assert_int_equal(mf_ust_price_from_yield(&bad, s, 4.0, &q, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "coupon_pct 60"));
    bad = note("2030-05-15", 4.0);
    bad.has_dated = true;
    bad.dated = mf_test_date("2025-05-15");
    assert_int_equal(mf_ust_price_from_yield(&bad, s, 4.0, &q, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "before the dated date '2025-05-15'"));
    bad.dated = mf_test_date("2031-01-01");
    assert_int_equal(mf_ust_bond_check(&bad, &err), MF_EINVAL);
    bad = note("2130-05-15", 4.0);
    assert_int_equal(mf_ust_price_from_yield(&bad, s, 4.0, &q, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "more than 100 years"));
    bad.maturity = MF_DATE_MAX + 5;
    assert_int_equal(mf_ust_bond_check(&bad, &err), MF_ERANGE);
    assert_int_equal(mf_ust_bond_check(NULL, &err), MF_EINVAL);
    assert_true(q.clean_per_100 == -999.0);

    double p = -999.0;
    mf_date m = mf_test_date("2025-06-03");
    assert_int_equal(mf_ust_bill_price_from_discount(m, s, 4.0, &p, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "not after settlement"));
    assert_int_equal(mf_ust_bill_price_from_discount(s, mf_test_date("2026-03-05"), 4.0, &p, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "more than a year"));
    assert_int_equal(mf_ust_bill_price_from_discount(s, m, 101.0, &p, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "discount_pct 101"));
    assert_int_equal(mf_ust_bill_price_from_discount(s, mf_test_date("2026-03-03"), 99.0, &p, &err),
                     MF_ERANGE);
    assert_non_null(strstr(err.msg, "no positive price"));
    assert_int_equal(mf_ust_bill_discount_from_price(s, m, 0.0, &p, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "price_per_100 0"));
    assert_int_equal(mf_ust_bill_discount_from_price(s, m, 50.0, &p, &err), MF_ERANGE);
    assert_int_equal(mf_ust_bill_investment_rate(s, m, -1.0, &p, &err), MF_EINVAL);
    assert_int_equal(mf_ust_bill_investment_rate(s, m, 200.0, &p, &err), MF_ERANGE);
    assert_true(p == -999.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_bond_matches_quantlib_on_the_fixture),
        cmocka_unit_test(a_note_yielding_its_coupon_on_a_coupon_date_is_at_par),
        cmocka_unit_test(a_note_between_coupons_matches_the_hand_formula),
        cmocka_unit_test(the_schedule_steps_back_from_maturity_keeping_month_ends),
        cmocka_unit_test(bills_follow_the_treasury_formulas),
        cmocka_unit_test(bad_input_names_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
