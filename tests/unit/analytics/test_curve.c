/*
 * test_curve.c - src/analytics/curve.c and curve_di1.c: rate conversions and interpolation
 * against QuantLib (tests/fixtures/curve.csv), the DI bootstrap against B3's published DI1
 * settlements, and every error of the builders. Monotone convex and cubic zero against
 * QuantLib (tests/fixtures/curve_interp.csv), a published monotone-convex worked example and
 * the method's properties (node DFs, continuity, positivity, monotonicity).
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

/* ---- monotone convex and cubic zero -----------------------------------------------------------
 */

/*
 * QuantLib's ConvexMonotoneInterpolation (basic Hagan-West) and CubicNaturalSpline. Forwards
 * agree to 1e-13 absolute (the same formulas, summed in another order); discount factors to
 * 1e-12 relative: for monotone convex the reference integrates QuantLib's forward with scipy's
 * quad (error estimate below 1e-13 in ln DF), for the cubic the two splines solve the same
 * tridiagonal system by different code (GSL vs QuantLib).
 */
static void monotone_convex_and_cubic_zero_match_quantlib(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("curve_interp.csv");
    char line[512];
    double t[64], df[64];
    size_t n = 0;
    int curve_id = -1, mc_rows = 0, cz_rows = 0;
    bool stale = true;
    mf_curve *mc = mf_curve_new(), *cz = mf_curve_new();
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "kind,", 5) == 0)
            continue;
        char *c[5];
        assert_int_equal(mf_test_split(line, ',', c, 5), 5);
        if (strcmp(c[0], "node") == 0) {
            if (atoi(c[1]) != curve_id) {
                curve_id = atoi(c[1]);
                n = 0;
            }
            assert_true(n < 64);
            t[n] = strtod(c[2], NULL);
            df[n++] = strtod(c[3], NULL);
            stale = true;
            continue;
        }
        if (stale) {
            assert_int_equal(mf_curve_set(mc, t, df, n, MF_INTERP_MONOTONE_CONVEX, NULL), 0);
            assert_int_equal(mf_curve_set(cz, t, df, n, MF_INTERP_CUBIC_ZERO, NULL), 0);
            stale = false;
        }
        bool is_mc = strcmp(c[0], "mc") == 0;
        const mf_curve *cv = is_mc ? mc : cz;
        double q = strtod(c[2], NULL), want_df = strtod(c[3], NULL), want_f = strtod(c[4], NULL);
        double got_df = mf_curve_df(cv, q), got_f = mf_curve_inst_forward(cv, q);
        if (!(fabs(got_df - want_df) <= 1e-12 * want_df))
            fail_msg("%s curve %d t %.17g: df %.17g, QuantLib %.17g", c[0], curve_id, q, got_df,
                     want_df);
        if (!(fabs(got_f - want_f) <= 1e-13))
            fail_msg("%s curve %d t %.17g: forward %.17g, QuantLib %.17g", c[0], curve_id, q, got_f,
                     want_f);
        if (is_mc)
            mc_rows++;
        else
            cz_rows++;
    }
    fclose(f);
    mf_curve_free(mc);
    mf_curve_free(cz);
    assert_true(mc_rows > 1000 && cz_rows > 1000);
}

/*
 * Worked example with published numbers: zero-coupon prices 0.98, 0.955, 0.92, 0.88, 0.83 at
 * 1..5 years (G. Dehlbom, "Interpolation of the yield curve", Uppsala University 2020, the
 * monotone-convex example, quoted to 4 decimals; also the test of JuliaActuary
 * FinanceModels.jl): discrete forwards 0.0202 0.0258 0.0373 0.0445 0.0585 and node forwards
 * 0.0188 0.0230 0.0316 0.0409 0.0515 0.0620, and the zero rate on [0, 1] is
 * 0.0014 t^2 + 0.0188. Checked to the 4 published decimals (5e-5).
 */
static void monotone_convex_reproduces_the_worked_example(void **state)
{
    (void)state;
    double t[] = {1, 2, 3, 4, 5}, df[] = {0.98, 0.955, 0.92, 0.88, 0.83};
    const double fd[] = {0.0202, 0.0258, 0.0373, 0.0445, 0.0585};
    const double fnode[] = {0.0188, 0.0230, 0.0316, 0.0409, 0.0515, 0.0620};
    mf_curve *c = mf_curve_new();
    assert_int_equal(mf_curve_set(c, t, df, 5, MF_INTERP_MONOTONE_CONVEX, NULL), 0);
    for (size_t i = 0; i < 5; i++) {
        double got = mf_curve_forward(c, i ? t[i - 1] : 0.0, t[i], MF_COMPOUNDING_CONTINUOUS);
        assert_true(fabs(got - fd[i]) < 5e-5);
        close_to(mf_curve_df(c, t[i]), df[i], "node df");
    }
    for (size_t i = 0; i < 6; i++)
        assert_true(fabs(mf_curve_inst_forward(c, i ? t[i - 1] : 0.0) - fnode[i]) < 5e-5);
    for (double x = 0.1; x < 1.0; x += 0.1) {
        double z = mf_curve_zero(c, x, MF_COMPOUNDING_CONTINUOUS);
        assert_true(fabs(z - (0.0014 * x * x + 0.0188)) < 5e-5);
    }
    /* beyond the last node the last forward continues */
    close_to(mf_curve_inst_forward(c, 7.5), mf_curve_inst_forward(c, 5.0), "extrapolated");
    close_to(mf_curve_df(c, 7.5), 0.83 * exp(-2.5 * mf_curve_inst_forward(c, 5.0)), "df beyond");
    mf_curve_free(c);
}

/* A seeded curve generator for the property tests (xorshift: tests may not call rand). */
static double uniform(uint64_t *s, double lo, double hi)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return lo + (hi - lo) * (double)(*s >> 11) / 9007199254740992.0;
}

/* The largest jump of the instantaneous forward across a node, and the smallest forward. */
static void scan_forward(const mf_curve *c, double *max_jump, double *min_f, double *max_drop)
{
    *max_jump = 0.0;
    *min_f = INFINITY;
    *max_drop = 0.0;
    size_t n = mf_curve_size(c);
    for (size_t i = 0; i < n; i++) {
        double ti = mf_curve_node_t(c, i); /* the forward at ti is the left limit */
        double jump =
            fabs(mf_curve_inst_forward(c, nextafter(ti, INFINITY)) - mf_curve_inst_forward(c, ti));
        *max_jump = fmax(*max_jump, jump);
    }
    double last = mf_curve_node_t(c, n - 1) * 1.2, prev = mf_curve_inst_forward(c, 0.0);
    for (int k = 0; k <= 20000; k++) {
        double f = mf_curve_inst_forward(c, last * k / 20000.0);
        *min_f = fmin(*min_f, f);
        *max_drop = fmax(*max_drop, prev - f);
        prev = f;
    }
}

/*
 * Hagan-West's claims, on 200 seeded random curves: node DFs reproduced, the forward
 * continuous at the nodes (left limit against the next double: below 1e-9, which allows
 * the steep quadratics of sectors (ii)-(iv) a slope up to about 1e5 a year per year),
 * never negative when every discrete forward is positive (the positivity collar), and
 * non-decreasing when the discrete forwards increase.
 */
static void monotone_convex_is_continuous_positive_and_monotone(void **state)
{
    (void)state;
    uint64_t seed = 2385;
    mf_curve *c = mf_curve_new();
    double t[12], df[12];
    for (int k = 0; k < 200; k++) {
        size_t n = 2 + (size_t)uniform(&seed, 0.0, 10.0);
        bool increasing = k % 2 == 1;
        double tt = 0.0, lg = 0.0, fd = uniform(&seed, 0.001, 0.2);
        for (size_t i = 0; i < n; i++) {
            double h = uniform(&seed, 1.0 / 252.0, 3.0);
            /* sharp drops make the unamended method go negative; the collar must prevent it */
            fd = increasing ? fd + uniform(&seed, 0.0, 0.03)
                            : fmax(1e-4, fd * uniform(&seed, 0.02, 3.0));
            tt += h;
            lg -= fd * h;
            t[i] = tt;
            df[i] = exp(lg);
        }
        assert_int_equal(mf_curve_set(c, t, df, n, MF_INTERP_MONOTONE_CONVEX, NULL), 0);
        for (size_t i = 0; i < n; i++)
            assert_true(fabs(mf_curve_df(c, t[i]) / df[i] - 1.0) < 1e-14);
        double jump, min_f, drop;
        scan_forward(c, &jump, &min_f, &drop);
        if (!(jump < 1e-9))
            fail_msg("curve %d: forward jumps %g at a node", k, jump);
        if (!(min_f >= -1e-15))
            fail_msg("curve %d: forward %g below zero", k, min_f);
        if (increasing && !(drop <= 1e-15))
            fail_msg("curve %d: increasing discrete forwards but the forward falls %g", k, drop);
    }
    /* discrete forwards 10% then 1%: unamended, f_1 = (0.10 + 0.01) / 2 = 0.055 and the end
       forward f_2 = 1.5 * 0.01 - 0.5 * 0.055 = -0.0125 < 0; the collar puts f_1 in
       [0, 2 * 0.01] and f_2 in [0, 0.02] */
    double t2[] = {1.0, 2.0}, df2[] = {exp(-0.10), exp(-0.11)};
    assert_int_equal(mf_curve_set(c, t2, df2, 2, MF_INTERP_MONOTONE_CONVEX, NULL), 0);
    close_to(mf_curve_inst_forward(c, 1.0), 0.02, "collared node forward");
    assert_true(mf_curve_inst_forward(c, 2.0) == 0.0);
    close_to(mf_curve_df(c, 2.0), exp(-0.11), "node df kept");
    double jump, min_f, drop;
    scan_forward(c, &jump, &min_f, &drop);
    assert_true(min_f >= 0.0);
    mf_curve_free(c);
}

/*
 * The cubic zero curve: the spline goes through every node zero, has zero second derivative
 * at both ends (checked by finite differences of z), holds the first zero before the first
 * node and extends the last forward after the last; one and two nodes work too.
 */
static void cubic_zero_is_a_natural_spline_with_flat_ends(void **state)
{
    (void)state;
    double t[] = {0.25, 1.0, 2.0, 5.0, 10.0}, df[5];
    const double z[] = {0.1415, 0.1380, 0.1325, 0.1290, 0.1301};
    for (size_t i = 0; i < 5; i++)
        df[i] = exp(-z[i] * t[i]);
    mf_curve *c = mf_curve_new();
    assert_int_equal(mf_curve_set(c, t, df, 5, MF_INTERP_CUBIC_ZERO, NULL), 0);
    for (size_t i = 0; i < 5; i++)
        close_to(mf_curve_zero(c, t[i], MF_COMPOUNDING_CONTINUOUS), z[i], "node zero");
    const double h = 1e-3;
    for (size_t e = 0; e < 2; e++) {
        double a = e == 0 ? t[0] : t[4] - 2.0 * h;
        double z0 = mf_curve_zero(c, a, MF_COMPOUNDING_CONTINUOUS);
        double z1 = mf_curve_zero(c, a + h, MF_COMPOUNDING_CONTINUOUS);
        double z2 = mf_curve_zero(c, a + 2.0 * h, MF_COMPOUNDING_CONTINUOUS);
        /* a natural end: z'' there is 0 and grows linearly, so this difference is O(h) */
        assert_true(fabs((z2 - 2.0 * z1 + z0) / (h * h)) < 1e-3);
    }
    close_to(mf_curve_zero(c, 0.1, MF_COMPOUNDING_CONTINUOUS), z[0], "flat before");
    double f10 = mf_curve_inst_forward(c, 10.0);
    close_to(mf_curve_inst_forward(c, 12.0), f10, "forward beyond");
    close_to(mf_curve_df(c, 12.0), df[4] * exp(-2.0 * f10), "df beyond");
    /* two nodes: the natural spline is their line; one node: flat */
    assert_int_equal(mf_curve_set(c, t, df, 2, MF_INTERP_CUBIC_ZERO, NULL), 0);
    close_to(mf_curve_zero(c, 0.625, MF_COMPOUNDING_CONTINUOUS), (z[0] + z[1]) / 2.0, "line");
    assert_int_equal(mf_curve_set(c, t, df, 1, MF_INTERP_CUBIC_ZERO, NULL), 0);
    close_to(mf_curve_zero(c, 3.0, MF_COMPOUNDING_CONTINUOUS), z[0], "one node");
    /* and back to five nodes (the spline workspace is rebuilt for the new count) */
    assert_int_equal(mf_curve_set(c, t, df, 5, MF_INTERP_CUBIC_ZERO, NULL), 0);
    close_to(mf_curve_zero(c, 5.0, MF_COMPOUNDING_CONTINUOUS), z[3], "rebuilt");
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
        cmocka_unit_test(monotone_convex_and_cubic_zero_match_quantlib),
        cmocka_unit_test(monotone_convex_reproduces_the_worked_example),
        cmocka_unit_test(monotone_convex_is_continuous_positive_and_monotone),
        cmocka_unit_test(cubic_zero_is_a_natural_spline_with_flat_ends),
        cmocka_unit_test(di1_vertices_reproduce_b3_settlement_prices),
        cmocka_unit_test(di1_quotes_that_break_the_rules_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
