/*
 * test_curve_cupom.c - src/analytics/curve_cupom.c: the cupom cambial curve from the DI curve,
 * spot and forwards against QuantLib (tests/fixtures/curve_cupom.csv: DiscountCurve on
 * Business252(Brazil) and Actual360, InterestRate.impliedRate), and every error.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/curve_cupom.h"
#include "analytics/curve_di1.h"
#include "analytics/fx.h"
#include "core/calendar.h"

static mf_calendar *br;

static int setup(void **state)
{
    (void)state;
    return mf_calendar_new("br", &br, NULL);
}

static int teardown(void **state)
{
    (void)state;
    mf_calendar_free(br);
    return 0;
}

#define assert_near(got, want, tol, what)                                                          \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (!(fabs(g_ - w_) <= (tol)))                                                             \
            fail_msg("%s: got %.17g, want %.17g (tolerance %g)", (what), g_, w_, (double)(tol));   \
    } while (0)

#define MAXQ 32

typedef struct set {
    mf_date date;
    double spot, cdi;
    size_t ndi, nfwd;
    mf_di1_quote di[MAXQ];
    mf_cupom_quote fwd[MAXQ];
    double fwd_cupom_pct[MAXQ];
} set;

static void check_set(const char *name)
{
    set *s = test_calloc(1, sizeof *s);
    FILE *f = mf_test_fixture_open("curve_cupom.csv");
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *c[7];
        if (line[0] == '#' || mf_test_split(line, ',', c, 7) < 7 || strcmp(c[1], name) != 0)
            continue;
        if (strcmp(c[0], "set") == 0) {
            s->date = mf_test_date(c[2]);
            s->spot = strtod(c[3], NULL);
        } else if (strcmp(c[0], "cdi") == 0) {
            s->cdi = strtod(c[2], NULL);
        } else if (strcmp(c[0], "di1") == 0) {
            s->di[s->ndi++] = (mf_di1_quote){NULL, mf_test_date(c[2]), strtod(c[3], NULL)};
        } else if (strcmp(c[0], "fwd") == 0) {
            mf_date m = mf_test_date(c[2]);
            int32_t du = 0;
            assert_int_equal(mf_calendar_bizdays(br, s->date, m, &du, NULL), 0);
            assert_int_equal(du, atoi(c[4]));
            assert_int_equal(m - s->date, atoi(c[5]));
            s->fwd_cupom_pct[s->nfwd] = strtod(c[6], NULL);
            s->fwd[s->nfwd++] = (mf_cupom_quote){NULL, m, strtod(c[3], NULL)};
        }
    }
    mf_curve *di = mf_curve_new(), *cupom = mf_curve_new();
    mf_error err;
    assert_int_equal(mf_di1_curve_build(br, s->date, s->cdi, s->di, s->ndi, di, NULL), 0);
    if (mf_cupom_curve_build(br, s->date, s->spot, di, s->fwd, s->nfwd, cupom, &err) != 0)
        fail_msg("%s", err.msg);
    for (size_t i = 0; i < s->nfwd; i++) {
        int32_t dc = s->fwd[i].maturity - s->date, du = 0;
        assert_near(mf_cupom_rate_pct(cupom, dc), s->fwd_cupom_pct[i], 1e-8, "node cupom pct");
        /* and the node is what fx.c's implied USD rate gives from the DI zero rate */
        assert_int_equal(mf_calendar_bizdays(br, s->date, s->fwd[i].maturity, &du, NULL), 0);
        double di_pct = mf_curve_zero(di, du / 252.0, MF_COMPOUNDING_ANNUAL) * 100.0, c = NAN;
        assert_int_equal(
            mf_fx_implied_usd_rate_pct(s->spot, s->fwd[i].forward, di_pct, du, dc, &c, NULL), 0);
        assert_near(mf_cupom_rate_pct(cupom, dc), c, 1e-9, "cupom vs fx implied rate");
    }
    rewind(f);
    int rates = 0;
    while (fgets(line, sizeof line, f)) {
        char *c[7];
        if (line[0] == '#' || mf_test_split(line, ',', c, 7) < 7 || strcmp(c[1], name) != 0 ||
            strcmp(c[0], "rate") != 0)
            continue;
        int32_t dc = atoi(c[2]);
        assert_near(mf_cupom_rate_pct(cupom, dc), strtod(c[3], NULL), 1e-8, "cupom pct at dc");
        assert_near(mf_curve_df(cupom, dc / 360.0), strtod(c[4], NULL), 1e-12, "cupom DF at dc");
        rates++;
    }
    fclose(f);
    assert_int_equal(rates, 15);
    mf_curve_free(di);
    mf_curve_free(cupom);
    test_free(s);
}

static void set_a_matches_quantlib(void **state)
{
    (void)state;
    check_set("a");
}

static void set_b_across_a_holiday_matches_quantlib(void **state)
{
    (void)state;
    check_set("b");
}

static void expect_error(const mf_cupom_quote *q, size_t n, const char *date, double spot, int code,
                         const char *substr)
{
    mf_curve *di = mf_curve_new(), *c = mf_curve_new();
    double t = 1.0, df = 0.88, t2 = 2.0, df2 = 0.97;
    assert_int_equal(mf_curve_set(di, &t, &df, 1, MF_INTERP_FLAT_FORWARD, NULL), 0);
    assert_int_equal(mf_curve_set(c, &t2, &df2, 1, MF_INTERP_FLAT_FORWARD, NULL), 0);
    mf_error err;
    err.msg[0] = '\0';
    int rc = mf_cupom_curve_build(br, mf_test_date(date), spot, di, q, n, c, &err);
    if (rc != code || strstr(err.msg, substr) == NULL)
        fail_msg("want code %d and '%s', got %d '%s'", code, substr, rc, err.msg);
    assert_int_equal(mf_curve_size(c), 1);
    assert_near(mf_curve_node_df(c, 0), 0.97, 1e-15, "curve unchanged");
    mf_curve_free(di);
    mf_curve_free(c);
}

static void bad_quotes_are_named(void **state)
{
    (void)state;
    const char *d = "2026-02-06";
    mf_cupom_quote ok[] = {{"DOLH26", mf_test_date("2026-03-02"), 5.268},
                           {"DOLJ26", mf_test_date("2026-04-01"), 5.305}};
    mf_cupom_quote unsorted[] = {ok[1], ok[0]};
    expect_error(unsorted, 2, d, 5.25, MF_EINVAL,
                 "DOLH26: maturity 2026-03-02 is not after 2026-04-01 (quotes must be sorted)");
    mf_cupom_quote dup[] = {ok[0], ok[0]};
    expect_error(dup, 2, d, 5.25, MF_EINVAL, "DOLH26: maturity 2026-03-02 is not after 2026-03-02");
    mf_cupom_quote past[] = {{NULL, mf_test_date("2026-02-06"), 5.3}};
    expect_error(past, 1, d, 5.25, MF_EINVAL,
                 "forward 2026-02-06: maturity 2026-02-06 is not after the curve date");
    mf_cupom_quote sat[] = {{"X", mf_test_date("2026-03-07"), 5.3}};
    expect_error(sat, 1, d, 5.25, MF_EINVAL, "X: maturity 2026-03-07 is not a business day");
    mf_cupom_quote carnival[] = {{"X", mf_test_date("2026-02-16"), 5.3}};
    expect_error(carnival, 1, d, 5.25, MF_EINVAL, "X: maturity 2026-02-16 is not a business day");
    mf_cupom_quote bad_f[] = {{"X", mf_test_date("2026-03-02"), 5300.0}};
    expect_error(bad_f, 1, d, 5.25, MF_EINVAL, "X: forward 5300 is not a USD/BRL rate");
    mf_cupom_quote nan_f[] = {{"X", mf_test_date("2026-03-02"), NAN}};
    expect_error(nan_f, 1, d, 5.25, MF_EINVAL, "X: forward nan");
    expect_error(ok, 2, d, 0.0, MF_EINVAL, "spot 0 on 2026-02-06");
    /* a forward far below spot: the cupom it implies is absurd */
    mf_cupom_quote absurd[] = {{"X", mf_test_date("2026-03-02"), 3.0}};
    expect_error(absurd, 1, d, 5.25, MF_EINVAL, "X: forward 3 implies a cupom of");
    /* the second forward too high: its DF is above the first's */
    mf_cupom_quote rising[] = {{"DOLH26", mf_test_date("2026-03-02"), 5.268},
                               {"DOLJ26", mf_test_date("2026-04-01"), 5.4}};
    expect_error(rising, 2, d, 5.25, MF_EINVAL, "DOLJ26: forward 5.4 implies a discount factor");
    expect_error(rising, 2, d, 5.25, MF_EINVAL, "negative forward cupom");
    expect_error(ok, 2, "2026-02-07", 5.25, MF_EINVAL, "curve date '2026-02-07' is not a business");
    expect_error(ok, 0, d, 5.25, MF_EINVAL, "0 USD/BRL forwards on 2026-02-06");
    mf_cupom_quote far[] = {{"X", mf_test_date("2100-03-01"), 5.3}};
    expect_error(far, 1, d, 5.25, MF_ERANGE, "X: ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_a_matches_quantlib),
        cmocka_unit_test(set_b_across_a_holiday_matches_quantlib),
        cmocka_unit_test(bad_quotes_are_named),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
