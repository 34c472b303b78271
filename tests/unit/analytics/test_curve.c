/*
 * test_curve.c - src/analytics/curve.c and curve_di1.c: rate conversions and interpolation
 * against QuantLib (tests/fixtures/curve.csv), the DI bootstrap against B3's published DI1
 * settlements, and every error of the builders.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/curve.h"
#include "analytics/curve_di1.h"

/* Relative tolerance for values QuantLib computes with the same formulas. */
#define REL_TOL 1e-13

static void close_to(double got, double want, const char *what)
{
    if (!(fabs(got - want) <= REL_TOL * fabs(want) + 1e-15))
        fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static mf_compounding compounding(const char *name)
{
    if (strcmp(name, "simple") == 0)
        return MF_COMPOUNDING_SIMPLE;
    if (strcmp(name, "annual") == 0)
        return MF_COMPOUNDING_ANNUAL;
    if (strcmp(name, "semiannual") == 0)
        return MF_COMPOUNDING_SEMIANNUAL;
    return MF_COMPOUNDING_CONTINUOUS;
}

static void conversions_and_interpolations_match_quantlib(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("curve.csv");
    char line[512];
    double t[64], df[64];
    size_t n = 0;
    int curve_id = -1, rates = 0, queries = 0;
    mf_curve *ff = mf_curve_new(), *lz = mf_curve_new();
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "kind,", 5) == 0)
            continue;
        char *c[6];
        mf_test_split(line, ',', c, 6);
        if (strcmp(c[0], "rate") == 0) {
            mf_compounding comp = compounding(c[1]);
            double r = strtod(c[2], NULL), tt = strtod(c[3], NULL), want = strtod(c[4], NULL);
            close_to(mf_rate_to_df(r, tt, comp), want, line);
            close_to(mf_df_to_rate(want, tt, comp), r, "rate back");
            rates++;
        } else if (strcmp(c[0], "node") == 0) {
            if (atoi(c[1]) != curve_id) {
                curve_id = atoi(c[1]);
                n = 0;
            }
            t[n] = strtod(c[2], NULL);
            df[n++] = strtod(c[3], NULL);
            assert_int_equal(mf_curve_set(ff, t, df, n, MF_INTERP_FLAT_FORWARD, NULL), 0);
            assert_int_equal(mf_curve_set(lz, t, df, n, MF_INTERP_LINEAR_ZERO, NULL), 0);
        } else {
            bool flat = strcmp(c[2], "flat_forward") == 0;
            double q = strtod(c[3], NULL), want = strtod(c[4], NULL);
            close_to(mf_curve_df(flat ? ff : lz, q), want, c[2]);
            queries++;
        }
    }
    fclose(f);
    mf_curve_free(ff);
    mf_curve_free(lz);
    assert_true(rates == 100);
    assert_true(queries > 300);
}

static void zero_and_forward_rates_follow_from_discount_factors(void **state)
{
    (void)state;
    mf_curve *c = mf_curve_new();
    double t[] = {0.5, 1.0, 2.0}, df[] = {0.97, 0.93, 0.86};
    assert_int_equal(mf_curve_set(c, t, df, 3, MF_INTERP_FLAT_FORWARD, NULL), 0);
    close_to(mf_curve_df(c, 0.0), 1.0, "df at 0");
    close_to(mf_curve_df(c, 1.0), 0.93, "df at a node");
    close_to(mf_curve_zero(c, 2.0, MF_COMPOUNDING_ANNUAL), pow(0.86, -0.5) - 1.0, "zero");
    /* a forward inside one flat-forward segment is that segment's rate */
    close_to(mf_curve_forward(c, 1.2, 1.7, MF_COMPOUNDING_CONTINUOUS), log(0.93 / 0.86), "forward");
    /* beyond the last node the last forward continues */
    close_to(mf_curve_forward(c, 2.5, 3.0, MF_COMPOUNDING_CONTINUOUS), log(0.93 / 0.86),
             "extrapolated forward");
    assert_int_equal(mf_curve_size(c), 3);
    close_to(mf_curve_node_df(c, 2), 0.86, "node");
    mf_curve_free(c);
}

static void bad_nodes_are_refused_and_leave_the_curve_as_it_was(void **state)
{
    (void)state;
    mf_curve *c = mf_curve_new();
    double t[] = {0.5, 1.0}, df[] = {0.97, 0.93};
    assert_int_equal(mf_curve_set(c, t, df, 2, MF_INTERP_FLAT_FORWARD, NULL), 0);
    mf_error err;
    double t_bad[] = {0.5, 0.5}, df_bad[] = {0.97, -0.1}, t_zero[] = {0.0};
    assert_int_equal(mf_curve_set(c, t_bad, df, 2, MF_INTERP_FLAT_FORWARD, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve node 2: time 0.5 is not after 0.5");
    assert_int_equal(mf_curve_set(c, t, df_bad, 2, MF_INTERP_FLAT_FORWARD, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve node 2: discount factor -0.1 is not positive");
    assert_int_equal(mf_curve_set(c, t_zero, df, 1, MF_INTERP_FLAT_FORWARD, &err), MF_EINVAL);
    assert_int_equal(mf_curve_set(c, t, df, 0, MF_INTERP_FLAT_FORWARD, &err), MF_EINVAL);
    close_to(mf_curve_df(c, 1.0), 0.93, "unchanged");
    mf_curve_free(c);
}

/*
 * B3 settlements (shared/reference/connectors/README.md): PU = 100000 * DF at the vertex.
 * On 2023-02-02 B3 counted 480 business days to 2025-01-02: 20 November 2024 became a
 * national holiday only by the law of December 2023, so the calendar known that day had one
 * more business day than ours (479). The test asserts that difference and prices the 2023
 * case with B3's count; a calendar "as known on a date" is future work.
 */
static void di1_vertices_reproduce_b3_settlement_prices(void **state)
{
    (void)state;
    mf_calendar *cal;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    static const struct {
        const char *date, *ticker, *maturity;
        double rate_pct, pu;
        int law_gap; /* business days B3 counted that our current calendar does not */
    } b3[] = {
        {"2023-02-02", "DI1F25", "2025-01-02", 12.972, 79268.97, 1},
        {"2025-02-03", "DI1H25", "2025-03-05", 13.16, 99023.59, 0},
        {"2026-01-12", "DI1F27", "2027-01-04", 13.741, 88324.26, 0},
    };
    mf_curve *c = mf_curve_new();
    for (size_t i = 0; i < sizeof b3 / sizeof b3[0]; i++) {
        mf_date d = mf_test_date(b3[i].date);
        mf_di1_quote q = {b3[i].ticker, mf_test_date(b3[i].maturity), b3[i].rate_pct};
        mf_error err;
        if (mf_di1_curve_build(cal, d, 13.15, &q, 1, c, &err) != 0)
            fail_msg("%s: %s", b3[i].ticker, err.msg);
        int32_t du;
        assert_int_equal(mf_calendar_bizdays(cal, d, q.maturity, &du, NULL), 0);
        if (b3[i].law_gap) { /* the vertex sits at our du; B3 priced with its own count */
            close_to(mf_curve_df(c, du / 252.0), pow(1.0 + b3[i].rate_pct / 100.0, -du / 252.0),
                     "vertex");
            du += b3[i].law_gap;
            assert_int_equal(du, 480);
            double pu = 100000.0 * pow(1.0 + b3[i].rate_pct / 100.0, -du / 252.0);
            assert_true(fabs(round(pu * 100.0) / 100.0 - b3[i].pu) < 1e-9);
            continue;
        }
        double pu = 100000.0 * mf_curve_df(c, du / 252.0);
        if (fabs(round(pu * 100.0) / 100.0 - b3[i].pu) > 1e-9)
            fail_msg("%s: PU %.6f, B3 settled %.2f", b3[i].ticker, pu, b3[i].pu);
        close_to(mf_curve_zero(c, du / 252.0, MF_COMPOUNDING_ANNUAL) * 100.0, b3[i].rate_pct,
                 "rate back");
    }
    mf_curve_free(c);
    mf_calendar_free(cal);
}

static void di1_quotes_that_break_the_rules_are_named(void **state)
{
    (void)state;
    mf_calendar *cal;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    mf_curve *c = mf_curve_new();
    mf_date d = mf_test_date("2026-01-12");
    static const struct {
        const char *maturity;
        double rate;
        const char *message;
    } bad[] = {
        {"2026-01-13", 14.9, "DI1X: maturity 2026-01-13 is 1 business day(s) away"},
        {"2026-02-16", 14.9, "DI1X: maturity 2026-02-16 is not a business day"},
        {"2025-12-01", 14.9, "DI1X: maturity 2025-12-01 is not after 2026-01-12"},
        {"2026-03-02", 140.0, "DI1X: rate 140% is not a plausible rate"},
        {"2026-03-02", NAN, "DI1X: rate nan% is not a plausible rate"},
        {"2101-01-03", 14.9, "outside the range 1990-01-01..2099-12-31"},
    };
    mf_error err;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_di1_quote q = {"DI1X", mf_test_date(bad[i].maturity), bad[i].rate};
        if (mf_di1_curve_build(cal, d, 14.9, &q, 1, c, &err) == 0 ||
            strstr(err.msg, bad[i].message) == NULL)
            fail_msg("case %zu: '%s'", i, err.msg);
    }
    mf_di1_quote two[] = {{"DI1G26", mf_test_date("2026-02-02"), 14.90},
                          {"DI1H26", mf_test_date("2026-03-02"), 1.00}};
    assert_int_equal(mf_di1_curve_build(cal, d, 14.9, two, 2, c, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "DI1H26: rate 1% to 2026-03-02 implies a negative forward"));
    assert_int_equal(mf_di1_curve_build(cal, mf_test_date("2026-01-11"), 14.9, two, 1, c, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "curve date '2026-01-11' is not a business day");
    assert_int_equal(mf_di1_curve_build(cal, d, -50.0, two, 1, c, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "CDI rate -50% on 2026-01-12 is not a plausible rate"));
    mf_curve_free(c);
    mf_calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(conversions_and_interpolations_match_quantlib),
        cmocka_unit_test(zero_and_forward_rates_follow_from_discount_factors),
        cmocka_unit_test(bad_nodes_are_refused_and_leave_the_curve_as_it_was),
        cmocka_unit_test(di1_vertices_reproduce_b3_settlement_prices),
        cmocka_unit_test(di1_quotes_that_break_the_rules_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
