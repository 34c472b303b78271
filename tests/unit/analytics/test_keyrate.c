/*
 * test_keyrate.c - src/analytics/keyrate.c: bucket and parallel DV01 of LTN / NTN-F flows on
 * a DI curve against QuantLib (tests/fixtures/keyrate.csv), buckets against the parallel, a
 * zero-coupon flow at a node touching only its bucket, and every error.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/curve_di1.h"
#include "analytics/keyrate.h"
#include "core/calendar.h"

/* Cash flows at year fractions t (BUS/252), priced on a curve. */
typedef struct flows {
    size_t n;
    double t[64], amount[64];
} flows;

static double flows_pv(const mf_curve *curve, void *ctx)
{
    const flows *f = ctx;
    double pv = 0.0;
    for (size_t i = 0; i < f->n; i++)
        pv += f->amount[i] * mf_curve_df(curve, f->t[i]);
    return pv;
}

/*
 * QuantLib reprices the same flows on each bumped ql.DiscountCurve (LogLinear = flat
 * forward). PVs and DV01s to 1e-10 relative (the DV01 is a difference of two PVs of ~1700 BRL,
 * so 1e-10 of a DV01 of 0.2 BRL is 1e-14 of the PV: the rounding of the two sums); buckets
 * QuantLib finds exactly zero (nodes before the first flow) must be zero to 1e-14 of the PV.
 */
static void dv01s_match_quantlib(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("keyrate.csv");
    char line[256];
    double t[32], df[32], want_bucket[2][32] = {{0}}, want_pv[2] = {0}, want_par[2] = {0};
    size_t n = 0;
    flows fl = {0};
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *c[4];
        int k = mf_test_split(line, ',', c, 4);
        int comp = k > 1 && strcmp(c[1], "continuous") == 0;
        if (strcmp(c[0], "node") == 0) {
            t[n] = strtod(c[1], NULL) / 252.0;
            df[n++] = strtod(c[2], NULL);
        } else if (strcmp(c[0], "flow") == 0) {
            fl.t[fl.n] = strtod(c[1], NULL) / 252.0;
            fl.amount[fl.n++] = strtod(c[2], NULL);
        } else if (strcmp(c[0], "base") == 0) {
            want_pv[comp] = strtod(c[2], NULL);
        } else if (strcmp(c[0], "parallel") == 0) {
            want_par[comp] = strtod(c[2], NULL);
        } else {
            want_bucket[comp][atoi(c[2])] = strtod(c[3], NULL);
        }
    }
    fclose(f);
    assert_int_equal(n, 13);
    assert_int_equal(fl.n, 18);
    mf_keyrate *w = mf_keyrate_new();
    const mf_compounding comps[2] = {MF_COMPOUNDING_ANNUAL, MF_COMPOUNDING_CONTINUOUS};
    for (int k = 0; k < 2; k++) {
        double pv = NAN, par = NAN, bucket[32];
        mf_error err;
        if (mf_keyrate_dv01(w, t, df, n, MF_INTERP_FLAT_FORWARD, comps[k], flows_pv, &fl, &pv, &par,
                            bucket, &err) != 0)
            fail_msg("%s", err.msg);
        assert_true(fabs(pv - want_pv[k]) <= 1e-10 * want_pv[k]);
        assert_true(fabs(par - want_par[k]) <= 1e-10 * want_par[k]);
        for (size_t i = 0; i < n; i++) {
            double want = want_bucket[k][i];
            if (!(fabs(bucket[i] - want) <= 1e-10 * fabs(want) + 1e-14 * pv))
                fail_msg("comp %d bucket %zu: %.17g, QuantLib %.17g", k, i, bucket[i], want);
        }
    }
    mf_keyrate_free(w);
}

/* The DI curve of 2026-01-12 from DI1 settlements (rates % a year, BUS/252). */
static mf_calendar *di_curve(mf_curve *c, mf_date *date)
{
    mf_calendar *cal;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    *date = mf_test_date("2026-01-12");
    const mf_di1_quote q[] = {
        {"DI1G26", mf_test_date("2026-02-02"), 14.90},
        {"DI1J26", mf_test_date("2026-04-01"), 14.81},
        {"DI1N26", mf_test_date("2026-07-01"), 14.52},
        {"DI1F27", mf_test_date("2027-01-04"), 13.741},
        {"DI1F28", mf_test_date("2028-01-03"), 13.10},
        {"DI1F29", mf_test_date("2029-01-02"), 13.05},
        {"DI1F31", mf_test_date("2031-01-02"), 13.22},
        {"DI1F33", mf_test_date("2033-01-03"), 13.35},
    };
    mf_error err;
    if (mf_di1_curve_build(cal, *date, 14.90, q, sizeof q / sizeof q[0], c, &err) != 0)
        fail_msg("%s", err.msg);
    return cal;
}

static double du_years(const mf_calendar *cal, mf_date from, const char *to)
{
    int32_t du = 0;
    assert_int_equal(mf_calendar_bizdays(cal, from, mf_test_date(to), &du, NULL), 0);
    return du / 252.0;
}

/* The nodes of curve c, copied out. */
static size_t nodes_of(const mf_curve *c, double *t, double *df)
{
    size_t n = mf_curve_size(c);
    for (size_t i = 0; i < n; i++) {
        t[i] = mf_curve_node_t(c, i);
        df[i] = mf_curve_node_df(c, i);
    }
    return n;
}

/*
 * An NTN-F 2031-01-01 (semiannual coupons of 48.80885 BRL, 1000 at maturity; a 1 January flow
 * counts the du of the nominal date) and an LTN 2029-01-01: the buckets add up to the parallel
 * DV01 to first order. The difference is the second-order cross terms of a 1 bp bump: under
 * 1e-4 of the DV01 for the interpolations linear in the node values (flat forward, linear and
 * cubic zero; measured 9e-6, 9e-6, 1.4e-6). Monotone convex is not linear in them (each
 * sector's eta is a ratio of node forwards; here the CDI and DI1G26 give two equal discrete
 * forwards, where the sectors are at their steepest): its sum exceeds the parallel by 1.06% at
 * 1 bp, a gap that falls tenfold with each tenfold smaller bump (0.10% at 0.1 bp, 0.010% at
 * 0.01 bp, measured), i.e. second order; the bound for it is 2e-2. The DV01 of a long position
 * is positive.
 */
static void buckets_add_up_to_the_parallel_dv01(void **state)
{
    (void)state;
    mf_curve *c = mf_curve_new();
    mf_date d;
    mf_calendar *cal = di_curve(c, &d);
    flows fl = {0};
    const char *coupons[] = {"2026-07-01", "2027-01-01", "2027-07-01", "2028-01-01", "2028-07-01",
                             "2029-01-01", "2029-07-01", "2030-01-01", "2030-07-01", "2031-01-01"};
    for (size_t i = 0; i < 10; i++) {
        fl.t[fl.n] = du_years(cal, d, coupons[i]);
        fl.amount[fl.n++] = 48.80885 + (i == 9 ? 1000.0 : 0.0);
    }
    fl.t[fl.n] = du_years(cal, d, "2029-01-01");
    fl.amount[fl.n++] = 1000.0;
    double t[16], df[16], pv, par, bucket[16], sum = 0.0;
    size_t n = nodes_of(c, t, df);
    const mf_interp interps[] = {MF_INTERP_FLAT_FORWARD, MF_INTERP_LINEAR_ZERO,
                                 MF_INTERP_MONOTONE_CONVEX, MF_INTERP_CUBIC_ZERO};
    mf_keyrate *w = mf_keyrate_new();
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(mf_keyrate_dv01(w, t, df, n, interps[k], MF_COMPOUNDING_ANNUAL, flows_pv,
                                         &fl, &pv, &par, bucket, NULL),
                         0);
        sum = 0.0;
        for (size_t i = 0; i < n; i++)
            sum += bucket[i];
        assert_true(par > 0.0);
        double tol = interps[k] == MF_INTERP_MONOTONE_CONVEX ? 2e-2 : 1e-4;
        if (!(fabs(sum - par) < tol * par))
            fail_msg("interp %zu: sum of buckets %.10g, parallel %.10g", k, sum, par);
        if (k == 0) /* the DI curve is flat forward: the base PV is the curve's own */
            assert_true(fabs(pv - flows_pv(c, &fl)) <= 1e-12 * pv);
    }
    mf_keyrate_free(w);
    mf_curve_free(c);
    mf_calendar_free(cal);
}

/*
 * An LTN maturing on a DI1 vertex (2027-01-04, DI1F27) is a zero-coupon flow at a node: only
 * that node's bucket moves, by exactly 1000 (DF - DF bumped), and it equals the parallel DV01.
 * This holds for every interpolation (each returns a node's own DF at the node).
 */
static void a_flow_at_a_node_touches_only_its_bucket(void **state)
{
    (void)state;
    mf_curve *c = mf_curve_new();
    mf_date d;
    mf_calendar *cal = di_curve(c, &d);
    flows fl = {1, {du_years(cal, d, "2027-01-04")}, {1000.0}};
    double t[16], df[16], pv, par, bucket[16];
    size_t n = nodes_of(c, t, df), node = n;
    for (size_t i = 0; i < n; i++)
        if (t[i] == fl.t[0])
            node = i;
    assert_true(node < n);
    const mf_interp interps[] = {MF_INTERP_FLAT_FORWARD, MF_INTERP_LINEAR_ZERO,
                                 MF_INTERP_MONOTONE_CONVEX, MF_INTERP_CUBIC_ZERO};
    mf_keyrate *w = mf_keyrate_new();
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(mf_keyrate_dv01(w, t, df, n, interps[k], MF_COMPOUNDING_ANNUAL, flows_pv,
                                         &fl, &pv, &par, bucket, NULL),
                         0);
        for (size_t i = 0; i < n; i++)
            if (i != node && bucket[i] != 0.0)
                fail_msg("interp %zu: bucket %zu moved by %g", k, i, bucket[i]);
        /* 13.741% a year BUS/252 to the vertex, bumped to 13.751% */
        double tt = fl.t[0];
        double want = 1000.0 * (pow(1.13741, -tt) - pow(1.13751, -tt));
        assert_true(fabs(bucket[node] - want) < 1e-9);
        assert_true(fabs(par - bucket[node]) < 1e-12);
    }
    mf_keyrate_free(w);
    mf_curve_free(c);
    mf_calendar_free(cal);
}

/* Finite while node 2 keeps the DF in *ctx, NaN once node 2 is bumped. */
static double nan_pv(const mf_curve *curve, void *ctx)
{
    return mf_curve_node_df(curve, 1) == *(const double *)ctx ? 1.0 : NAN;
}

static double constant_pv(const mf_curve *curve, void *ctx)
{
    (void)curve;
    return ctx ? NAN : 100.0; /* a non-NULL ctx asks for a NaN everywhere */
}

static void bad_inputs_are_named(void **state)
{
    (void)state;
    mf_keyrate *w = mf_keyrate_new();
    double t[] = {0.5, 1.0}, df[] = {0.95, 0.9}, pv = -1.0, par = -1.0, b[2] = {-1.0, -1.0};
    mf_error err;
    /* node 2's DF as a curve stores it (exp of its log) */
    mf_curve *c = mf_curve_new();
    assert_int_equal(mf_curve_set(c, t, df, 2, MF_INTERP_FLAT_FORWARD, NULL), 0);
    double node2 = mf_curve_node_df(c, 1);
    mf_curve_free(c);
    assert_int_equal(mf_keyrate_dv01(w, t, df, 2, MF_INTERP_FLAT_FORWARD, MF_COMPOUNDING_ANNUAL,
                                     nan_pv, &node2, &pv, &par, b, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "pv is not finite with node 2 bumped");
    assert_true(pv == -1.0 && par == -1.0 && b[0] == -1.0);
    int flag = 1;
    assert_int_equal(mf_keyrate_dv01(w, t, df, 2, MF_INTERP_FLAT_FORWARD, MF_COMPOUNDING_ANNUAL,
                                     constant_pv, &flag, &pv, &par, b, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "pv is not finite on the base curve");
    assert_int_equal(mf_keyrate_dv01(w, t, df, 2, MF_INTERP_FLAT_FORWARD, MF_COMPOUNDING_ANNUAL,
                                     constant_pv, NULL, &pv, &par, b, NULL),
                     0);
    assert_true(pv == 100.0 && par == 0.0 && b[0] == 0.0 && b[1] == 0.0);
    double t_bad[] = {1.0, 0.5};
    pv = -1.0;
    assert_int_equal(mf_keyrate_dv01(w, t_bad, df, 2, MF_INTERP_FLAT_FORWARD, MF_COMPOUNDING_ANNUAL,
                                     constant_pv, NULL, &pv, &par, b, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "curve node 2: time 0.5 is not after 1");
    assert_true(pv == -1.0);
    assert_int_equal(mf_keyrate_dv01(w, t, df, 2, MF_INTERP_FLAT_FORWARD, MF_COMPOUNDING_SIMPLE,
                                     constant_pv, NULL, &pv, &par, b, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "is not annual, semiannual or continuous"));
    assert_int_equal(mf_keyrate_dv01(w, t, df, 2, MF_INTERP_FLAT_FORWARD, MF_COMPOUNDING_ANNUAL,
                                     NULL, NULL, &pv, &par, b, &err),
                     MF_EINVAL);
    mf_keyrate_free(w);
    mf_keyrate_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dv01s_match_quantlib),
        cmocka_unit_test(buckets_add_up_to_the_parallel_dv01),
        cmocka_unit_test(a_flow_at_a_node_touches_only_its_bucket),
        cmocka_unit_test(bad_inputs_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
