/*
 * test_curve_store.c - curves of every stored convention on every backend: bootstrap nodes
 * stored as vertices (mf_curve_store_nodes) and their histories (mf_curve_history_days).
 *
 * Checked: a stored vertex's zero rate is the rate of its discount factor in the curve's own
 * day count and compounding (by hand: act/360 simple (1/DF - 1) 360/cd, act/365f continuous
 * -ln(DF) 365/cd, bus/252 annual DF^(-252/du) - 1); a history at a vertex's tenor returns that
 * stored rate exactly; between vertices and beyond the last it equals mf_curve's flat-forward
 * answer (an mf_curve set by this test from the stored discount factors at the test's own
 * year fractions, read with mf_curve_zero in that compounding) to the bit, and a hand
 * log-linear interpolation of the discount factors to 1e-12; conventions that do not fit the
 * tenor's unit, an unknown code and bad nodes are named errors; a transaction that is rolled
 * back leaves nothing stored (what `mf curve build ... --store` relies on).
 * Nodes: round numbers chosen for the test, not market data.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/curve_store.h"
#include "core/alloc.h"
#include "store/repo_curves.h"
#include "support/store.h"

typedef struct conv_case {
    const char *code, *day_count, *compounding, *calendar;
    double year_days; /* 252, 360 or 365 */
    bool business;    /* tenor in business days */
    mf_compounding comp;
} conv_case;

static const conv_case cases[] = {
    {"T_CUPOM", "act/360", "simple", "br", 360.0, false, MF_COMPOUNDING_SIMPLE},
    {"T_UST", "act/365f", "continuous", "us-gov", 365.0, false, MF_COMPOUNDING_CONTINUOUS},
    {"T_REAL", "bus/252", "annual", "br", 252.0, true, MF_COMPOUNDING_ANNUAL},
    {"T_BUS_CC", "bus/252", "continuous", "br", 252.0, true, MF_COMPOUNDING_CONTINUOUS},
};
#define NCASES (sizeof cases / sizeof cases[0])

/* Four nodes of 2026-02-06 (a Friday, a business day on both calendars). */
static const char *const maturities[] = {"2026-03-02", "2026-06-01", "2027-01-04", "2028-08-15"};
static const double dfs[] = {0.9958, 0.9893, 0.9431, 0.8291};
#define NNODES 4

static mf_calendar *calendar(const char *name)
{
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new(name, &cal, NULL), 0);
    return cal;
}

/* |got - want| <= tol, naming both. */
#define assert_near(got, want, tol)                                                                \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (!(fabs(g_ - w_) <= (tol)))                                                             \
            fail_msg("%s = %.17g, expected %.17g (tolerance %g)", #got, g_, w_, (double)(tol));    \
    } while (0)

/* The rate of df over t years by hand, % a year. */
static double hand_rate_pct(double df, double t, mf_compounding c)
{
    switch (c) {
    case MF_COMPOUNDING_SIMPLE: return (1.0 / df - 1.0) / t * 100.0;
    case MF_COMPOUNDING_ANNUAL: return (exp(-log(df) / t) - 1.0) * 100.0;
    case MF_COMPOUNDING_CONTINUOUS: return -log(df) / t * 100.0;
    default: break;
    }
    fail_msg("compounding %d", (int)c);
    return NAN;
}

/* Stores case c on date with the nodes above; the vertices read back into v (n = NNODES). */
static void store_case(mf_store *st, const conv_case *c, mf_date date, mf_curve_vertex *v)
{
    mf_calendar *cal = calendar(c->calendar);
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
    mf_curve_head got;
    mf_curve_vertex *rv = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_curve_get(st, c->code, date, &got, &rv, &n, &err), 0);
    assert_int_equal(n, NNODES);
    assert_string_equal(got.day_count, c->day_count);
    assert_string_equal(got.compounding, c->compounding);
    memcpy(v, rv, NNODES * sizeof *v);
    mf_free(rv);
    for (size_t i = 0; i < NNODES; i++) {
        int32_t bd;
        assert_int_equal(mf_calendar_bizdays(cal, date, mat[i], &bd, NULL), 0);
        assert_int_equal(v[i].tenor_bd, bd);
        assert_int_equal(v[i].tenor_cd, (int32_t)(mat[i] - date));
        assert_true(v[i].discount_factor == dfs[i]);
        double t = (c->business ? v[i].tenor_bd : v[i].tenor_cd) / c->year_days;
        assert_near(v[i].zero_rate_pct, hand_rate_pct(dfs[i], t, c->comp), 1e-11);
    }
    mf_calendar_free(cal);
}

/* The history of c at days on date (one point). */
static mf_curve_point history_at(mf_store *st, const conv_case *c, mf_date date, int32_t days)
{
    mf_curve_point *p = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_curve_history_days(st, c->code, c->business ? MF_CURVE_TENOR_BD : MF_CURVE_TENOR_CD,
                              days, date, date, &p, &n, &err) != 0)
        fail_msg("%s at %d: %s", c->code, (int)days, err.msg);
    assert_int_equal(n, 1);
    mf_curve_point out = p[0];
    mf_free(p);
    return out;
}

static void every_convention_reads_back(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_date date = mf_test_date("2026-02-06");
    for (size_t k = 0; k < NCASES; k++) {
        const conv_case *c = &cases[k];
        mf_curve_vertex v[NNODES];
        store_case(st, c, date, v);
        /* the test's own curve: node times under the day count, the stored factors */
        double t[NNODES], lndf[NNODES];
        int32_t tenor[NNODES];
        for (size_t i = 0; i < NNODES; i++) {
            tenor[i] = c->business ? v[i].tenor_bd : v[i].tenor_cd;
            t[i] = tenor[i] / c->year_days;
            lndf[i] = log(v[i].discount_factor);
        }
        mf_curve *curve = mf_curve_new();
        assert_int_equal(mf_curve_set(curve, t, dfs, NNODES, MF_INTERP_FLAT_FORWARD, NULL), 0);
        /* at every vertex: the stored rate, exactly */
        for (size_t i = 0; i < NNODES; i++) {
            mf_curve_point p = history_at(st, c, date, tenor[i]);
            assert_int_equal(p.kind, MF_CURVE_POINT_VERTEX);
            assert_true(p.zero_rate_pct == v[i].zero_rate_pct);
            assert_true(p.discount_factor == v[i].discount_factor);
            assert_int_equal(p.curve_date, date);
        }
        /* before the first, between vertices and beyond the last */
        const int32_t probes[] = {1, tenor[0] + 1, (tenor[1] + tenor[2]) / 2, tenor[3] - 1,
                                  tenor[3] + 100};
        for (size_t j = 0; j < sizeof probes / sizeof probes[0]; j++) {
            int32_t d = probes[j];
            double tt = d / c->year_days;
            mf_curve_point p = history_at(st, c, date, d);
            assert_int_equal(p.kind, d > tenor[3] ? MF_CURVE_POINT_EXTRAPOLATED
                                                  : MF_CURVE_POINT_INTERPOLATED);
            if (p.zero_rate_pct != mf_curve_zero(curve, tt, c->comp) * 100.0 ||
                p.discount_factor != mf_curve_df(curve, tt))
                fail_msg("%s at %d: history %.17g %.17g, mf_curve %.17g %.17g", c->code, (int)d,
                         p.zero_rate_pct, p.discount_factor,
                         mf_curve_zero(curve, tt, c->comp) * 100.0, mf_curve_df(curve, tt));
            /* by hand: ln DF linear in t between (0, 0) and the nodes, the last slope after */
            size_t i = 0;
            while (i < NNODES - 1 && t[i] < tt)
                i++;
            double t0 = i ? t[i - 1] : 0.0, l0 = i ? lndf[i - 1] : 0.0;
            double lnd = l0 + (lndf[i] - l0) * (tt - t0) / (t[i] - t0);
            assert_near(p.discount_factor, exp(lnd), 1e-14);
            assert_near(p.zero_rate_pct, hand_rate_pct(exp(lnd), tt, c->comp), 1e-10);
        }
        mf_curve_free(curve);
    }
    mf_test_store_close(st);
}

static void histories_span_dates(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    const conv_case *c = &cases[0];
    mf_curve_vertex v[NNODES];
    store_case(st, c, mf_test_date("2026-02-05"), v);
    store_case(st, c, mf_test_date("2026-02-06"), v);
    mf_curve_point *p = NULL;
    size_t n = 0;
    mf_error err;
    assert_int_equal(mf_curve_history_days(st, c->code, MF_CURVE_TENOR_CD, v[1].tenor_cd,
                                           MF_DATE_MIN, MF_DATE_MAX, &p, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].curve_date, mf_test_date("2026-02-05"));
    assert_int_equal(p[0].kind, MF_CURVE_POINT_INTERPOLATED); /* one calendar day longer */
    assert_int_equal(p[1].kind, MF_CURVE_POINT_VERTEX);
    assert_true(p[1].zero_rate_pct == v[1].zero_rate_pct);
    mf_free(p);
    mf_test_store_close(st);
}

static void errors_are_named(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_date date = mf_test_date("2026-02-06");
    mf_curve_vertex v[NNODES];
    store_case(st, &cases[0], date, v);
    store_case(st, &cases[2], date, v);
    mf_curve_point *p = NULL;
    size_t n = 0;
    mf_error err;
    assert_int_equal(mf_curve_history_days(st, "T_CUPOM", MF_CURVE_TENOR_BD, 21, MF_DATE_MIN,
                                           MF_DATE_MAX, &p, &n, &err),
                     MF_EUNSUPPORTED);
    assert_string_equal(err.msg, "curve of 2026-02-06 is act/360 simple: a history by "
                                 "business-day tenor needs a bus/252 annual curve");
    assert_int_equal(mf_curve_history_days(st, "T_REAL", MF_CURVE_TENOR_CD, 30, MF_DATE_MIN,
                                           MF_DATE_MAX, &p, &n, &err),
                     MF_EUNSUPPORTED);
    assert_string_equal(err.msg, "curve of 2026-02-06 is bus/252 annual: a history by "
                                 "calendar-day tenor needs an act/360 or act/365f curve (use a "
                                 "business-day tenor)");
    assert_int_equal(mf_curve_history_days(st, "T_CUPOM", MF_CURVE_TENOR_CD, 0, MF_DATE_MIN,
                                           MF_DATE_MAX, &p, &n, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "tenor 0 calendar days: expected 1 or more");
    assert_int_equal(mf_curve_history_days(st, "T_NONE", MF_CURVE_TENOR_CD, 30, MF_DATE_MIN,
                                           MF_DATE_MAX, &p, &n, &err),
                     MF_ENOTFOUND);
    assert_string_equal(err.msg, "unknown curve 'T_NONE'");
    /* a day count the history does not know, stored by another writer */
    mf_curve_head h = {.date = date};
    snprintf(h.code, sizeof h.code, "T_30360");
    snprintf(h.day_count, sizeof h.day_count, "30/360");
    snprintf(h.compounding, sizeof h.compounding, "annual");
    snprintf(h.source, sizeof h.source, "test");
    mf_curve_vertex one = {20, 30, date + 30, 4.0, 0.99};
    assert_int_equal(mf_repo_curve_put(st, &h, &one, 1, NULL), 0);
    assert_int_equal(mf_curve_history_days(st, "T_30360", MF_CURVE_TENOR_CD, 30, MF_DATE_MIN,
                                           MF_DATE_MAX, &p, &n, &err),
                     MF_EUNSUPPORTED);
    assert_string_equal(err.msg, "curve of 2026-02-06: day count '30/360': expected bus/252, "
                                 "act/360 or act/365f");
    /* bad nodes store nothing */
    mf_calendar *cal = calendar("br");
    snprintf(h.code, sizeof h.code, "T_BAD");
    snprintf(h.day_count, sizeof h.day_count, "act/360");
    snprintf(h.compounding, sizeof h.compounding, "simple");
    mf_date mat[2] = {mf_test_date("2026-03-02"), date};
    double df[2] = {0.99, 0.98};
    assert_int_equal(mf_curve_store_nodes(st, cal, &h, mat, df, 2, v, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve 'T_BAD' on 2026-02-06: vertex 2: maturity 2026-02-06 is "
                                 "not after the curve date");
    mat[1] = mf_test_date("2026-06-01");
    df[1] = 0.0;
    assert_int_equal(mf_curve_store_nodes(st, cal, &h, mat, df, 2, v, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve 'T_BAD' on 2026-02-06: vertex 2: discount factor 0 is "
                                 "not positive and finite");
    snprintf(h.compounding, sizeof h.compounding, "semiannual");
    df[1] = 0.98;
    assert_int_equal(mf_curve_store_nodes(st, cal, &h, mat, df, 2, v, &err), MF_EUNSUPPORTED);
    bool exists = true;
    assert_int_equal(mf_repo_curve_exists(st, "T_BAD", &exists, NULL), 0);
    assert_false(exists);
    mf_calendar_free(cal);
    mf_test_store_close(st);
}

/* A file build stores its dates in one transaction: rolled back, none is left. */
static void a_rolled_back_file_stores_nothing(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_curve_vertex v[NNODES];
    assert_int_equal(mf_store_begin(st, NULL), 0);
    store_case(st, &cases[1], mf_test_date("2026-02-05"), v);
    store_case(st, &cases[1], mf_test_date("2026-02-06"), v);
    assert_int_equal(mf_store_rollback(st, NULL), 0);
    bool exists = true;
    assert_int_equal(mf_repo_curve_exists(st, "T_UST", &exists, NULL), 0);
    assert_false(exists);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_convention_reads_back),
        cmocka_unit_test(histories_span_dates),
        cmocka_unit_test(errors_are_named),
        cmocka_unit_test(a_rolled_back_file_stores_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
