/*
 * test_fx.c - src/analytics/fx.c: CIP forwards and implied rates, NDF marks and dollar-future
 * maturities against QuantLib (tests/fixtures/fx.csv: InterestRate compound factors and
 * impliedRate on Business252(Brazil) and Actual360), hand examples of the point and futures
 * conventions, and every error.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/fx.h"
#include "core/calendar.h"

#define assert_near(got, want, tol, what)                                                          \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (!(fabs(g_ - w_) <= (tol)))                                                             \
            fail_msg("%s: got %.17g, want %.17g (tolerance %g)", (what), g_, w_, (double)(tol));   \
    } while (0)

static void expect_msg(int rc, int code, const mf_error *err, const char *substr)
{
    if (rc != code || strstr(err->msg, substr) == NULL)
        fail_msg("want code %d and '%s', got %d '%s'", code, substr, rc, err->msg);
}

/* CIP forwards, implied USD and BRL rates, NDF marks and futures maturities vs QuantLib. */
static void fixture_rows_match_quantlib(void **state)
{
    (void)state;
    mf_calendar *br = NULL, *b3 = NULL;
    assert_int_equal(mf_calendar_new("br", &br, NULL), 0);
    assert_int_equal(mf_calendar_new("b3", &b3, NULL), 0);
    FILE *f = mf_test_fixture_open("fx.csv");
    char line[1024];
    int cip = 0, ndf = 0, fut = 0;
    while (fgets(line, sizeof line, f)) {
        char *c[11];
        if (line[0] == '#' || mf_test_split(line, ',', c, 11) < 11)
            continue;
        if (strcmp(c[0], "cip") == 0) {
            mf_date d0 = mf_test_date(c[1]), d1 = mf_test_date(c[2]);
            int32_t du = 0, dc = d1 - d0;
            assert_int_equal(mf_calendar_bizdays(br, d0, d1, &du, NULL), 0);
            assert_int_equal(du, atoi(c[3]));
            assert_int_equal(dc, atoi(c[4]));
            double s = strtod(c[5], NULL), brl = strtod(c[6], NULL), usd = strtod(c[7], NULL);
            double fwd = NAN, u = NAN, b = NAN, pts = NAN;
            assert_int_equal(mf_fx_forward_cip(s, brl, du, usd, dc, &fwd, NULL), 0);
            assert_near(fwd, strtod(c[8], NULL), 1e-12, "CIP forward");
            assert_int_equal(mf_fx_implied_usd_rate_pct(s, fwd, brl, du, dc, &u, NULL), 0);
            assert_near(u, strtod(c[9], NULL), 1e-8, "implied usd rate pct"); /* 1e-10 decimal */
            assert_near(u, usd, 1e-8, "usd rate round trip");
            assert_int_equal(mf_fx_implied_brl_rate_pct(s, fwd, usd, du, dc, &b, NULL), 0);
            assert_near(b, strtod(c[10], NULL), 1e-8, "implied brl rate pct");
            assert_near(b, brl, 1e-8, "brl rate round trip");
            assert_int_equal(mf_fx_points(s, fwd, &pts, NULL), 0);
            assert_near(pts, (strtod(c[8], NULL) - s) * 1e4, 1e-7, "points");
            cip++;
        } else if (strcmp(c[0], "ndf") == 0) {
            mf_date d0 = mf_test_date(c[1]), settle = mf_test_date(c[2]);
            int32_t du = 0;
            assert_int_equal(mf_calendar_bizdays(br, d0, settle, &du, NULL), 0);
            assert_int_equal(du, atoi(c[3]));
            mf_fx_ndf v = {NAN, NAN, NAN};
            assert_int_equal(mf_fx_ndf_value(strtod(c[4], NULL), strtod(c[5], NULL),
                                             strtod(c[6], NULL), strtod(c[7], NULL),
                                             strtod(c[8], NULL), du, &v, NULL),
                             0);
            double mtm = strtod(c[9], NULL), delta = strtod(c[10], NULL);
            assert_near(v.mtm_brl, mtm, 1e-12 * fabs(mtm) + 1e-6, "NDF mtm");
            assert_near(v.delta_usd, delta, 1e-12 * fabs(delta), "NDF delta");
            ndf++;
        } else if (strcmp(c[0], "fut") == 0) {
            mf_date m = 0;
            assert_int_equal(mf_fx_future_maturity(b3, atoi(c[1]), atoi(c[2]), &m, NULL), 0);
            assert_int_equal(m, mf_test_date(c[3]));
            assert_int_equal(mf_fx_future_check_maturity(b3, m, NULL), 0);
            fut++;
        }
    }
    fclose(f);
    assert_int_equal(cip, 60);
    assert_int_equal(ndf, 20);
    assert_int_equal(fut, 60);
    mf_calendar_free(br);
    mf_calendar_free(b3);
}

/* One point is 0.0001 BRL per USD; DOL/WDO prices are BRL per USD 1,000. */
static void points_and_futures_follow_the_stated_conventions(void **state)
{
    (void)state;
    double fwd = NAN, pts = NAN;
    assert_int_equal(mf_fx_outright(5.4321, 312.5, &fwd, NULL), 0);
    assert_near(fwd, 5.46335, 1e-15, "outright");
    assert_int_equal(mf_fx_points(5.4321, 5.46335, &pts, NULL), 0);
    assert_near(pts, 312.5, 1e-9, "points");
    mf_fx_future_quote q;
    /* 5.4321 * 1.15^(21/252) / (1 + 0.05 * 30/360), by hand: 5.4637926... */
    assert_int_equal(mf_fx_future_value(MF_FX_DOL, 5.4321, 15.0, 21, 5.0, 30, &q, NULL), 0);
    double f = 5.4321 * pow(1.15, 21.0 / 252.0) / (1.0 + 0.05 * 30.0 / 360.0);
    assert_near(q.price_pts, 1000.0 * f, 1e-10, "DOL price");
    assert_near(q.point_value_brl, 50.0, 0.0, "DOL point");
    assert_near(q.notional_usd, 50000.0, 0.0, "DOL size");
    assert_near(q.delta_usd, 50000.0 * f / 5.4321, 1e-8, "DOL delta");
    assert_int_equal(mf_fx_future_at_price(MF_FX_WDO, 5.4321, 5463.5, &q, NULL), 0);
    assert_near(q.point_value_brl, 10.0, 0.0, "WDO point");
    assert_near(q.delta_usd, 10000.0 * 5.4635 / 5.4321, 1e-9, "WDO delta");
    assert_near(mf_fx_future_size_usd(MF_FX_WDO), 10000.0, 0.0, "WDO size");
    /* an NDF struck at the forward is worth nothing; delta is the discounted notional * F/S */
    mf_fx_ndf v;
    assert_int_equal(mf_fx_ndf_value(-1e6, 5.5, 5.4, 5.5, 14.0, 0, &v, NULL), 0);
    assert_near(v.mtm_brl, 0.0, 0.0, "at the money");
    assert_near(v.df_brl, 1.0, 0.0, "settles today");
    assert_near(v.delta_usd, -1e6 * 5.5 / 5.4, 1e-6, "short USD delta");
}

static void bad_inputs_are_named(void **state)
{
    (void)state;
    mf_error err;
    double x = 42.0;
    expect_msg(mf_fx_outright(NAN, 1.0, &x, &err), MF_EINVAL, &err, "spot nan");
    expect_msg(mf_fx_outright(5.0, INFINITY, &x, &err), MF_EINVAL, &err, "forward points");
    expect_msg(mf_fx_outright(5.0, -60000.0, &x, &err), MF_EINVAL, &err, "forward (spot + points");
    expect_msg(mf_fx_points(5.0, 5000.0, &x, &err), MF_EINVAL, &err, "forward 5000");
    expect_msg(mf_fx_forward_cip(0.0, 10.0, 21, 5.0, 30, &x, &err), MF_EINVAL, &err, "spot 0");
    expect_msg(mf_fx_forward_cip(5.0, 250.0, 21, 5.0, 30, &x, &err), MF_EINVAL, &err,
               "brl rate 250 is outside -50..200");
    expect_msg(mf_fx_forward_cip(5.0, 10.0, 21, 150.0, 30, &x, &err), MF_EINVAL, &err,
               "usd rate 150");
    expect_msg(mf_fx_forward_cip(5.0, 10.0, 0, 5.0, 30, &x, &err), MF_EINVAL, &err, "du 0");
    expect_msg(mf_fx_forward_cip(5.0, 10.0, 21, 5.0, 0, &x, &err), MF_EINVAL, &err, "dc 0");
    expect_msg(mf_fx_forward_cip(5.0, 10.0, 31, 5.0, 30, &x, &err), MF_EINVAL, &err,
               "du 31 exceeds dc 30");
    expect_msg(mf_fx_implied_usd_rate_pct(5.0, 2.0, 10.0, 21, 30, &x, &err), MF_ERANGE, &err,
               "imply a usd rate of");
    expect_msg(mf_fx_implied_brl_rate_pct(5.0, 20.0, 5.0, 21, 30, &x, &err), MF_ERANGE, &err,
               "imply a brl rate of");
    expect_msg(mf_fx_implied_usd_rate_pct(5.0, -1.0, 10.0, 21, 30, &x, &err), MF_EINVAL, &err,
               "forward -1");
    expect_msg(mf_fx_implied_brl_rate_pct(5.0, 5.1, NAN, 21, 30, &x, &err), MF_EINVAL, &err,
               "usd rate nan");
    assert_true(x == 42.0);
    mf_fx_ndf v = {42.0, 42.0, 42.0};
    expect_msg(mf_fx_ndf_value(0.0, 5.0, 5.0, 5.1, 10.0, 10, &v, &err), MF_EINVAL, &err,
               "notional 0 USD");
    expect_msg(mf_fx_ndf_value(1e6, -5.0, 5.0, 5.1, 10.0, 10, &v, &err), MF_EINVAL, &err,
               "strike -5");
    expect_msg(mf_fx_ndf_value(1e6, 5.0, 5.0, 5.1, 10.0, -1, &v, &err), MF_EINVAL, &err,
               "settlement du -1");
    assert_true(v.mtm_brl == 42.0);
    mf_fx_future_quote q = {42.0, 42.0, 42.0, 42.0};
    expect_msg(mf_fx_future_value((mf_fx_future)7, 5.0, 10.0, 21, 5.0, 30, &q, &err), MF_EINVAL,
               &err, "unknown dollar future kind 7");
    expect_msg(mf_fx_future_at_price((mf_fx_future)7, 5.0, 5100.0, &q, &err), MF_EINVAL, &err,
               "unknown dollar future kind 7");
    expect_msg(mf_fx_future_at_price(MF_FX_DOL, 5.0, 5.1, &q, &err), MF_EINVAL, &err,
               "price / 1000");
    assert_true(q.price_pts == 42.0);
    mf_calendar *b3 = NULL;
    assert_int_equal(mf_calendar_new("b3", &b3, NULL), 0);
    expect_msg(mf_fx_future_check_maturity(b3, mf_test_date("2026-03-01"), &err), MF_EINVAL, &err,
               "maturity 2026-03-01 is not the first business day of its month (2026-03-02");
    expect_msg(mf_fx_future_maturity(b3, 2026, 13, &(mf_date){0}, &err), MF_EINVAL, &err, "month");
    expect_msg(mf_fx_future_maturity(b3, 2100, 1, &(mf_date){0}, &err), MF_ERANGE, &err, "");
    mf_calendar_free(b3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixture_rows_match_quantlib),
        cmocka_unit_test(points_and_futures_follow_the_stated_conventions),
        cmocka_unit_test(bad_inputs_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
