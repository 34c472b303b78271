/*
 * test_curve_stored.c - stored curves asked by date (mf_stored_curve_load, _df, _rate) on
 * every backend, in every stored convention.
 *
 * Checked: at each vertex's maturity the discount factor is the stored one exactly, and the
 * zero rate in the curve's own convention is the rate of that factor over the vertex's year
 * fraction (computed here: tenor_bd/252 or tenor_cd/360, /365) to the bit, and the stored
 * zero rate to 1e-12; at dates between vertices, before the first and beyond the last, the
 * discount factor equals an mf_curve set by this test (flat-forward on the stored factors at
 * the test's own year fractions: business days on the "br" calendar / 252, calendar days /
 * 360 or / 365) to the bit and a hand log-linear interpolation to 1e-14; zero and forward
 * rates in other conventions match hand formulas to 1e-12; errors are named.
 * Nodes: round numbers chosen for the test, not market data.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/curve_store.h"
#include "analytics/curve_stored.h"
#include "core/alloc.h"
#include "store/repo_curves.h"
#include "support/store.h"

typedef struct conv_case {
    const char *code, *day_count, *compounding;
    double year_days; /* 252, 360 or 365 */
    bool business;    /* t from tenor_bd */
    mf_compounding comp;
    const char *own; /* the default convention's name, NULL when it has none */
} conv_case;

static const conv_case cases[] = {
    {"S_CUPOM", "act/360", "simple", 360.0, false, MF_COMPOUNDING_SIMPLE, "simple-act360"},
    {"S_UST", "act/365f", "continuous", 365.0, false, MF_COMPOUNDING_CONTINUOUS, "cont-act365f"},
    {"S_PRE", "bus/252", "annual", 252.0, true, MF_COMPOUNDING_ANNUAL, "bus252-exp"},
    {"S_BUS_CC", "bus/252", "continuous", 252.0, true, MF_COMPOUNDING_CONTINUOUS, NULL},
};
#define NCASES (sizeof cases / sizeof cases[0])

/* Four nodes of 2026-02-06 (a Friday, an ANBIMA business day). */
static const char *const maturities[] = {"2026-03-02", "2026-06-01", "2027-01-04", "2028-08-15"};
static const double dfs[] = {0.9958, 0.9893, 0.9431, 0.8291};
#define NNODES 4

#define assert_near(got, want, tol)                                                                \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (!(fabs(g_ - w_) <= (tol)))                                                             \
            fail_msg("%s = %.17g, expected %.17g (tolerance %g)", #got, g_, w_, (double)(tol));    \
    } while (0)

static mf_calendar *br(void)
{
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    return cal;
}

static void store_case(mf_store *st, const conv_case *c, mf_date date)
{
    mf_calendar *cal = br();
    mf_curve_head h = {.date = date};
    snprintf(h.code, sizeof h.code, "%s", c->code);
    snprintf(h.day_count, sizeof h.day_count, "%s", c->day_count);
    snprintf(h.compounding, sizeof h.compounding, "%s", c->compounding);
    snprintf(h.source, sizeof h.source, "test");
    mf_date mat[NNODES];
    mf_curve_vertex work[NNODES];
    for (size_t i = 0; i < NNODES; i++)
        mat[i] = mf_test_date(maturities[i]);
    mf_error err;
    if (mf_curve_store_nodes(st, cal, &h, mat, dfs, NNODES, work, &err) != 0)
        fail_msg("%s: %s", c->code, err.msg);
    mf_calendar_free(cal);
}

/* The test's year fraction of date under c's day count. */
static double years(const conv_case *c, const mf_calendar *cal, mf_date date, mf_date d)
{
    if (!c->business)
        return (double)(d - date) / c->year_days;
    int32_t bd = 0;
    assert_int_equal(mf_calendar_bizdays(cal, date, d, &bd, NULL), 0);
    return bd / 252.0;
}

static void vertices_and_between(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_date date = mf_test_date("2026-02-06");
    mf_calendar *cal = br();
    for (size_t k = 0; k < NCASES; k++) {
        const conv_case *c = &cases[k];
        store_case(st, c, date);
        mf_stored_curve sc;
        mf_error err;
        if (mf_stored_curve_load(st, c->code, date, &sc, &err) != 0)
            fail_msg("%s: %s", c->code, err.msg);
        const char *own = mf_rate_convention_name(sc.convention);
        if (c->own)
            assert_string_equal(own, c->own);
        else
            assert_null(own);
        double t[NNODES], lndf[NNODES];
        for (size_t i = 0; i < NNODES; i++) {
            t[i] = years(c, cal, date, mf_test_date(maturities[i]));
            lndf[i] = log(dfs[i]);
        }
        mf_curve *curve = mf_curve_new();
        assert_int_equal(mf_curve_set(curve, t, dfs, NNODES, MF_INTERP_FLAT_FORWARD, NULL), 0);
        /* at each vertex: the stored discount factor exactly */
        for (size_t i = 0; i < NNODES; i++) {
            mf_date m = mf_test_date(maturities[i]);
            double df = 0.0, r = 0.0, tau = 0.0;
            assert_int_equal(mf_stored_curve_df(&sc, m, &df, &err), 0);
            if (df != dfs[i])
                fail_msg("%s at %s: %.17g, stored %.17g", c->code, maturities[i], df, dfs[i]);
            assert_int_equal(mf_stored_curve_rate(&sc, date, m, sc.convention, &r, &tau, &err), 0);
            assert_true(tau == t[i]);
            assert_true(r == mf_df_to_rate(dfs[i], t[i], c->comp));
            assert_near(r * 100.0, sc.vertex[i].zero_rate_pct, 1e-12);
        }
        /* before the first, between vertices, beyond the last */
        const char *const probes[] = {"2026-02-09", "2026-04-15", "2026-09-30",
                                      "2027-01-05", "2028-08-14", "2030-05-02"};
        for (size_t j = 0; j < sizeof probes / sizeof probes[0]; j++) {
            mf_date d = mf_test_date(probes[j]);
            double tt = years(c, cal, date, d), df = 0.0;
            assert_int_equal(mf_stored_curve_df(&sc, d, &df, &err), 0);
            if (df != mf_curve_df(curve, tt))
                fail_msg("%s at %s: %.17g, mf_curve %.17g", c->code, probes[j], df,
                         mf_curve_df(curve, tt));
            size_t i = 0;
            while (i < NNODES - 1 && t[i] < tt)
                i++;
            double t0 = i ? t[i - 1] : 0.0, l0 = i ? lndf[i - 1] : 0.0;
            double want = exp(l0 + (lndf[i] - l0) * (tt - t0) / (t[i] - t0));
            assert_near(df, want, 1e-14);
            /* zero rate simple ACT/360 by hand */
            double r = 0.0, tau = 0.0;
            assert_int_equal(
                mf_stored_curve_rate(&sc, date, d, mf_rate_simple_act360, &r, &tau, &err), 0);
            assert_near(tau, (double)(d - date) / 360.0, 1e-15);
            assert_near(r, (1.0 / want - 1.0) / tau, 1e-12);
        }
        /* a forward rate between two dates, continuous ACT/365F by hand */
        mf_date d1 = mf_test_date("2026-04-15"), d2 = mf_test_date("2027-06-01");
        double df1 = 0.0, df2 = 0.0, f = 0.0, tau = 0.0;
        assert_int_equal(mf_stored_curve_df(&sc, d1, &df1, &err), 0);
        assert_int_equal(mf_stored_curve_df(&sc, d2, &df2, &err), 0);
        assert_int_equal(mf_stored_curve_rate(&sc, d1, d2, mf_rate_cont_act365f, &f, &tau, &err),
                         0);
        assert_near(f, log(df1 / df2) / ((double)(d2 - d1) / 365.0), 1e-12);
        /* from a vertex: its stored factor is the start */
        mf_date v1 = mf_test_date(maturities[1]);
        assert_int_equal(mf_stored_curve_rate(&sc, v1, d2, mf_rate_cont_act365f, &f, &tau, &err),
                         0);
        assert_near(f, log(dfs[1] / df2) / ((double)(d2 - v1) / 365.0), 1e-14);
        /* BUS/252 rates need the calendar: only bus/252 curves have it */
        int rc = mf_stored_curve_rate(&sc, date, d2, mf_rate_bus252_exp, &f, &tau, &err);
        if (c->business) {
            assert_int_equal(rc, 0);
            assert_near(f, pow(df2, -1.0 / years(c, cal, date, d2)) - 1.0, 1e-12);
        } else {
            assert_int_equal(rc, MF_EUNSUPPORTED);
            assert_non_null(strstr(err.msg, "needs a business-day calendar"));
        }
        mf_curve_free(curve);
        mf_stored_curve_release(&sc);
    }
    mf_calendar_free(cal);
    mf_test_store_close(st);
}

static void errors_are_named(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_date date = mf_test_date("2026-02-06");
    store_case(st, &cases[2], date);
    mf_stored_curve sc;
    mf_error err;
    assert_int_equal(mf_stored_curve_load(st, "NOPE", date, &sc, &err), MF_ENOTFOUND);
    assert_non_null(strstr(err.msg, "unknown curve 'NOPE'"));
    assert_int_equal(mf_stored_curve_load(st, "S_PRE", date + 1, &sc, &err), MF_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no curve 'S_PRE' on 2026-02-07"));
    assert_int_equal(mf_stored_curve_load(st, "S_PRE", date, &sc, &err), 0);
    double x = 0.0, tau = 0.0;
    /* a date before the curve date; a forward the wrong way round; no time at all */
    assert_int_equal(mf_stored_curve_df(&sc, date - 1, &x, &err), MF_EINVAL);
    assert_int_equal(mf_stored_curve_rate(&sc, date + 10, date + 5, sc.convention, &x, &tau, &err),
                     MF_EINVAL);
    assert_int_equal(mf_stored_curve_rate(&sc, date, date, sc.convention, &x, &tau, &err),
                     MF_EINVAL);
    mf_stored_curve_release(&sc);
    mf_stored_curve_release(&sc); /* a released curve is zeroed: releasing again is harmless */
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vertices_and_between),
        cmocka_unit_test(errors_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
