/*
 * test_curve_dated.c - src/analytics/curve_dated.c: discount factors, zero and forward rates
 * by date in the five market conventions against QuantLib (tests/fixtures/curve_dated.csv: a
 * BUS/252 curve on the Brazil calendar and an ACT/365F curve to 30 years), the convention
 * names, a flat curve by hand, and every error.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/curve_dated.h"
#include "core/calendar.h"

#define MAX_NODES 16

typedef struct suite {
    mf_calendar *br;
} suite;

static int setup(void **state)
{
    static suite s;
    mf_error err;
    if (mf_calendar_new("br", &s.br, &err) != 0)
        return -1;
    *state = &s;
    return 0;
}

static int teardown(void **state)
{
    suite *s = *state;
    mf_calendar_free(s->br);
    return 0;
}

/* One fixture curve: its dated curve, the nodes as read, and the query counts checked. */
typedef struct fixture_curve {
    char name[8];
    mf_curve *curve;
    mf_dated_curve dated;
    mf_date node_date[MAX_NODES];
    double node_t[MAX_NODES], node_df[MAX_NODES];
    size_t n;
    int dfs, zeros, forwards;
} fixture_curve;

/* Sets fc's mf_curve from its nodes, the times from OUR basis year fractions, which must be
   QuantLib's times exactly (du/252 and days/365 are the same division). */
static void fixture_curve_build(fixture_curve *fc)
{
    double t[MAX_NODES];
    mf_error err;
    mf_daycount_ctx ctx = {.calendar = fc->dated.calendar};
    for (size_t i = 0; i < fc->n; i++) {
        if (mf_daycount_yearfrac(fc->dated.basis, fc->dated.curve_date, fc->node_date[i], &ctx,
                                 &t[i], &err) != 0)
            fail_msg("%s", err.msg);
        if (t[i] != fc->node_t[i])
            fail_msg("%s node %zu: our t %.17g, QuantLib's %.17g", fc->name, i, t[i],
                     fc->node_t[i]);
    }
    fc->curve = mf_curve_new();
    if (mf_curve_set(fc->curve, t, fc->node_df, fc->n, MF_INTERP_FLAT_FORWARD, &err) != 0)
        fail_msg("%s", err.msg);
    fc->dated.curve = fc->curve;
}

static void expect_close(double got, double want, double tol, const char *what, char **c)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("%s %s %s %s: got %.17g, QuantLib %.17g (diff %.3g)", what, c[1], c[2], c[3], got,
                 want, got - want);
}

/*
 * QuantLib's DiscountCurve (LogLinear = flat forward) asked by date: discount factors to 1e-14
 * relative, every zero and forward rate in every convention to 1e-12 absolute.
 */
static void queries_match_quantlib(void **state)
{
    suite *s = *state;
    FILE *f = mf_test_fixture_open("curve_dated.csv");
    char line[256];
    fixture_curve fcs[2];
    memset(fcs, 0, sizeof fcs);
    int ncurves = 0;
    fixture_curve *fc = NULL;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *c[6];
        int k = mf_test_split(line, ',', c, 6);
        mf_error err;
        if (strcmp(c[0], "curve") == 0) {
            assert_int_equal(k, 4);
            assert_true(ncurves < 2);
            fc = &fcs[ncurves++];
            snprintf(fc->name, sizeof fc->name, "%s", c[1]);
            if (mf_daycount_parse(c[2], &fc->dated.basis, &err) != 0)
                fail_msg("%s", err.msg);
            fc->dated.curve_date = mf_test_date(c[3]);
            fc->dated.calendar = s->br; /* serves bus252-exp queries on the ACT/365F curve too */
            continue;
        }
        assert_non_null(fc);
        if (strcmp(c[0], "node") == 0) {
            assert_int_equal(k, 5);
            assert_true(fc->n < MAX_NODES);
            fc->node_date[fc->n] = mf_test_date(c[2]);
            fc->node_t[fc->n] = strtod(c[3], NULL);
            fc->node_df[fc->n++] = strtod(c[4], NULL);
            continue;
        }
        if (fc->curve == NULL)
            fixture_curve_build(fc);
        double got = NAN;
        if (strcmp(c[0], "df") == 0) {
            assert_int_equal(k, 5);
            if (mf_dated_curve_df(&fc->dated, mf_test_date(c[2]), &got, &err) != 0)
                fail_msg("%s", err.msg);
            double want = strtod(c[4], NULL);
            expect_close(got, want, 1e-14 * want, "df", c);
            fc->dfs++;
            continue;
        }
        mf_rate_convention conv;
        if (mf_rate_convention_parse(c[2], &conv, &err) != 0)
            fail_msg("%s", err.msg);
        if (strcmp(c[0], "zero") == 0) {
            assert_int_equal(k, 5);
            if (mf_dated_curve_zero(&fc->dated, mf_test_date(c[3]), conv, &got, &err) != 0)
                fail_msg("%s", err.msg);
            expect_close(got, strtod(c[4], NULL), 1e-12, "zero", c);
            fc->zeros++;
        } else {
            assert_string_equal(c[0], "forward");
            assert_int_equal(k, 6);
            if (mf_dated_curve_forward(&fc->dated, mf_test_date(c[3]), mf_test_date(c[4]), conv,
                                       &got, &err) != 0)
                fail_msg("%s", err.msg);
            expect_close(got, strtod(c[5], NULL), 1e-12, "forward", c);
            fc->forwards++;
        }
    }
    fclose(f);
    assert_int_equal(ncurves, 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(fcs[i].dfs, 40);
        assert_int_equal(fcs[i].zeros, 5 * 40);
        assert_int_equal(fcs[i].forwards, 5 * 40);
        mf_curve_free(fcs[i].curve);
    }
    assert_int_equal(fcs[0].dated.basis, MF_DAYCOUNT_BUS_252);
    assert_int_equal(fcs[1].dated.basis, MF_DAYCOUNT_ACT_365F);
}

/* The five names parse to their conventions and back; anything else is refused by name. */
static void convention_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        mf_daycount dc;
        mf_compounding comp;
    } want[] = {
        {"bus252-exp", MF_DAYCOUNT_BUS_252, MF_COMPOUNDING_ANNUAL},
        {"cont-act365f", MF_DAYCOUNT_ACT_365F, MF_COMPOUNDING_CONTINUOUS},
        {"simple-act360", MF_DAYCOUNT_ACT_360, MF_COMPOUNDING_SIMPLE},
        {"annual-act365f", MF_DAYCOUNT_ACT_365F, MF_COMPOUNDING_ANNUAL},
        {"semiannual-actact", MF_DAYCOUNT_ACT_ACT_ISDA, MF_COMPOUNDING_SEMIANNUAL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        mf_rate_convention conv = {MF_DAYCOUNT_30_360, MF_COMPOUNDING_SIMPLE};
        mf_error err;
        assert_int_equal(mf_rate_convention_parse(want[i].name, &conv, &err), 0);
        assert_int_equal(conv.daycount, want[i].dc);
        assert_int_equal(conv.compounding, want[i].comp);
        assert_string_equal(mf_rate_convention_name(conv), want[i].name);
    }
    assert_int_equal(mf_rate_bus252_exp.daycount, MF_DAYCOUNT_BUS_252);
    assert_int_equal(mf_rate_semiannual_actact.compounding, MF_COMPOUNDING_SEMIANNUAL);
    mf_rate_convention other = {MF_DAYCOUNT_30_360, MF_COMPOUNDING_ANNUAL};
    assert_null(mf_rate_convention_name(other));

    mf_rate_convention out = other;
    mf_error err;
    assert_int_equal(mf_rate_convention_parse("BUS252-EXP", &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "unknown rate convention 'BUS252-EXP'"));
    assert_non_null(strstr(err.msg, "'bus252-exp', 'cont-act365f', 'simple-act360', "
                                    "'annual-act365f', 'semiannual-actact'"));
    assert_int_equal(mf_rate_convention_parse("", &out, &err), MF_EINVAL);
    assert_int_equal(mf_rate_convention_parse(NULL, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "valid: 'bus252-exp'"));
    assert_int_equal(out.daycount, MF_DAYCOUNT_30_360); /* untouched */
}

/* A flat 10% BUS/252 curve on "br" (one node at 2 years, flat forward beyond). */
typedef struct flat {
    mf_curve *curve;
    mf_dated_curve dated;
} flat;

static void flat_set(flat *fl, const mf_calendar *br, mf_daycount basis)
{
    double t = 2.0, df = pow(1.10, -2.0);
    fl->curve = mf_curve_new();
    assert_int_equal(mf_curve_set(fl->curve, &t, &df, 1, MF_INTERP_FLAT_FORWARD, NULL), 0);
    fl->dated = (mf_dated_curve){fl->curve, mf_test_date("2024-01-02"), basis, br};
}

/*
 * By hand on a flat 10% BUS/252 exponential curve dated Tuesday 2024-01-02: the bus252-exp
 * zero and forward are 10% everywhere (also beyond the node, and over a period that starts on
 * a holiday); 2024-01-02 to 2024-02-01 has 22 business days and 30 calendar days, so the
 * discount factor is 1.1^(-22/252) and the ACT/360 simple rate (1.1^(22/252) - 1) * 360/30.
 * Every rate converts back to the discount factor over its own year fraction.
 */
static void flat_curve_by_hand(void **state)
{
    suite *s = *state;
    flat fl;
    flat_set(&fl, s->br, MF_DAYCOUNT_BUS_252);
    mf_error err;
    double df = NAN, r = NAN;
    assert_int_equal(mf_dated_curve_df(&fl.dated, mf_test_date("2024-01-02"), &df, &err), 0);
    assert_true(df == 1.0);
    assert_int_equal(mf_dated_curve_df(&fl.dated, mf_test_date("2024-02-01"), &df, &err), 0);
    assert_true(fabs(df - pow(1.1, -22.0 / 252.0)) <= 1e-15);
    assert_int_equal(
        mf_dated_curve_zero(&fl.dated, mf_test_date("2024-02-01"), mf_rate_simple_act360, &r, &err),
        0);
    assert_true(fabs(r - (pow(1.1, 22.0 / 252.0) - 1.0) * 12.0) <= 1e-14);
    const char *dates[] = {"2024-01-03", "2024-02-01", "2025-12-31", "2040-06-15"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(
            mf_dated_curve_zero(&fl.dated, mf_test_date(dates[i]), mf_rate_bus252_exp, &r, &err),
            0);
        assert_true(fabs(r - 0.10) <= 1e-14);
    }
    /* Good Friday 2024-03-29 to Wednesday 2024-04-03: 2 business days (Apr 1, Apr 2) */
    assert_int_equal(mf_dated_curve_forward(&fl.dated, mf_test_date("2024-03-29"),
                                            mf_test_date("2024-04-03"), mf_rate_bus252_exp, &r,
                                            &err),
                     0);
    assert_true(fabs(r - 0.10) <= 1e-14);
    const mf_rate_convention *convs[] = {&mf_rate_bus252_exp, &mf_rate_cont_act365f,
                                         &mf_rate_simple_act360, &mf_rate_annual_act365f,
                                         &mf_rate_semiannual_actact};
    mf_daycount_ctx ctx = {.calendar = s->br};
    mf_date d1 = mf_test_date("2024-07-10"), d2 = mf_test_date("2031-02-17");
    for (size_t i = 0; i < 5; i++) {
        double df1 = NAN, df2 = NAN, tau = NAN;
        assert_int_equal(mf_dated_curve_df(&fl.dated, d1, &df1, &err), 0);
        assert_int_equal(mf_dated_curve_df(&fl.dated, d2, &df2, &err), 0);
        assert_int_equal(mf_dated_curve_forward(&fl.dated, d1, d2, *convs[i], &r, &err), 0);
        assert_int_equal(mf_daycount_yearfrac(convs[i]->daycount, d1, d2, &ctx, &tau, &err), 0);
        assert_true(fabs(mf_rate_to_df(r, tau, convs[i]->compounding) - df2 / df1) <= 1e-15);
        assert_int_equal(mf_dated_curve_zero(&fl.dated, d2, *convs[i], &r, &err), 0);
        assert_int_equal(
            mf_daycount_yearfrac(convs[i]->daycount, fl.dated.curve_date, d2, &ctx, &tau, &err), 0);
        assert_true(fabs(mf_rate_to_df(r, tau, convs[i]->compounding) - df2) <= 1e-15);
    }
    mf_curve_free(fl.curve);
}

/* Asserts rc == code, that err.msg contains want, and that *out kept its sentinel. */
static void expect_error(int rc, int code, const mf_error *err, const char *want, double out)
{
    if (rc != code || strstr(err->msg, want) == NULL)
        fail_msg("rc %d (want %d), message '%s' (want '%s')", rc, code, err->msg, want);
    assert_true(out == -7.0);
}

/* Every refusal, with its message, and nothing written. */
static void errors(void **state)
{
    suite *s = *state;
    flat fl;
    flat_set(&fl, s->br, MF_DAYCOUNT_BUS_252);
    const mf_dated_curve *c = &fl.dated;
    mf_error err;
    double out = -7.0;
    mf_date day = mf_test_date("2024-03-01");

    /* before the curve date */
    expect_error(mf_dated_curve_df(c, mf_test_date("2024-01-01"), &out, &err), MF_EINVAL, &err,
                 "date 2024-01-01 is before the curve date 2024-01-02", out);
    expect_error(
        mf_dated_curve_zero(c, mf_test_date("2023-12-29"), mf_rate_cont_act365f, &out, &err),
        MF_EINVAL, &err, "date 2023-12-29 is before the curve date 2024-01-02", out);
    expect_error(mf_dated_curve_forward(c, mf_test_date("2023-12-29"), day, mf_rate_cont_act365f,
                                        &out, &err),
                 MF_EINVAL, &err, "date 2023-12-29 is before the curve date", out);

    /* d2 <= d1 */
    expect_error(mf_dated_curve_forward(c, day, day, mf_rate_cont_act365f, &out, &err), MF_EINVAL,
                 &err, "forward from 2024-03-01 to 2024-03-01: the end must be after the start",
                 out);
    expect_error(mf_dated_curve_forward(c, day, day - 1, mf_rate_simple_act360, &out, &err),
                 MF_EINVAL, &err, "forward from 2024-03-01 to 2024-02-29", out);

    /* zero year fraction: at the curve date in every convention */
    expect_error(mf_dated_curve_zero(c, c->curve_date, mf_rate_simple_act360, &out, &err),
                 MF_EINVAL, &err,
                 "act/360 year fraction from 2024-01-02 to 2024-01-02 is zero: a rate over no "
                 "time is undefined",
                 out);
    /* BUS/252 over a weekend (Saturday to Monday) and over Carnival (Saturday 2024-02-10 to
       Ash Wednesday 2024-02-14: Carnival Monday and Tuesday are holidays) */
    expect_error(mf_dated_curve_forward(c, mf_test_date("2024-03-02"), mf_test_date("2024-03-04"),
                                        mf_rate_bus252_exp, &out, &err),
                 MF_EINVAL, &err,
                 "bus/252 year fraction from 2024-03-02 to 2024-03-04 is zero (no business day in "
                 "between)",
                 out);
    expect_error(mf_dated_curve_forward(c, mf_test_date("2024-02-10"), mf_test_date("2024-02-14"),
                                        mf_rate_bus252_exp, &out, &err),
                 MF_EINVAL, &err, "(no business day in between)", out);
    /* the same weekend on an ACT/365F curve, where the discount factors differ */
    flat act;
    flat_set(&act, s->br, MF_DAYCOUNT_ACT_365F);
    expect_error(mf_dated_curve_forward(&act.dated, mf_test_date("2024-03-02"),
                                        mf_test_date("2024-03-04"), mf_rate_bus252_exp, &out, &err),
                 MF_EINVAL, &err, "is zero (no business day in between)", out);
    /* ... where a calendar-day convention answers */
    assert_int_equal(mf_dated_curve_forward(&act.dated, mf_test_date("2024-03-02"),
                                            mf_test_date("2024-03-04"), mf_rate_annual_act365f,
                                            &out, &err),
                     0);
    assert_true(fabs(out - 0.10) <= 1e-14);
    out = -7.0;
    /* a zero rate from a curve dated on a Saturday to the Monday */
    flat sat;
    flat_set(&sat, s->br, MF_DAYCOUNT_ACT_365F);
    sat.dated.curve_date = mf_test_date("2024-03-02");
    expect_error(
        mf_dated_curve_zero(&sat.dated, mf_test_date("2024-03-04"), mf_rate_bus252_exp, &out, &err),
        MF_EINVAL, &err, "bus/252 year fraction from 2024-03-02 to 2024-03-04 is zero", out);

    /* calendar range errors pass through: the basis, and a bus252-exp query on an ACT curve */
    expect_error(mf_dated_curve_df(c, mf_test_date("2100-01-04"), &out, &err), MF_ERANGE, &err,
                 "bus/252 year fraction from 2024-01-02 to 2100-01-04: ", out);
    expect_error(mf_dated_curve_forward(&act.dated, day, mf_test_date("2100-06-01"),
                                        mf_rate_bus252_exp, &out, &err),
                 MF_ERANGE, &err, "bus/252 year fraction from 2024-03-01 to 2100-06-01: ", out);
    assert_int_equal(mf_dated_curve_zero(&act.dated, mf_test_date("2100-06-01"),
                                         mf_rate_cont_act365f, &out, &err),
                     0); /* no calendar needed */
    out = -7.0;

    /* no calendar for BUS/252, basis or query */
    flat nocal;
    flat_set(&nocal, NULL, MF_DAYCOUNT_BUS_252);
    expect_error(mf_dated_curve_df(&nocal.dated, day, &out, &err), MF_EINVAL, &err,
                 "needs a calendar", out);
    nocal.dated.basis = MF_DAYCOUNT_ACT_360;
    expect_error(mf_dated_curve_zero(&nocal.dated, day, mf_rate_bus252_exp, &out, &err), MF_EINVAL,
                 &err, "needs a calendar", out);

    /* bad curve, basis, convention */
    mf_dated_curve bad = *c;
    bad.curve = NULL;
    expect_error(mf_dated_curve_df(&bad, day, &out, &err), MF_EINVAL, &err, "no curve given", out);
    expect_error(mf_dated_curve_df(NULL, day, &out, &err), MF_EINVAL, &err, "no curve given", out);
    bad = *c;
    bad.basis = MF_DAYCOUNT_ACT_ACT_ICMA;
    expect_error(mf_dated_curve_df(&bad, day, &out, &err), MF_EINVAL, &err,
                 "basis 'act/act-icma' cannot measure curve times", out);
    bad.basis = (mf_daycount)99;
    expect_error(mf_dated_curve_df(&bad, day, &out, &err), MF_EINVAL, &err, "basis '?'", out);
    mf_rate_convention icma = {MF_DAYCOUNT_ACT_ACT_ICMA, MF_COMPOUNDING_ANNUAL};
    expect_error(mf_dated_curve_zero(c, day, icma, &out, &err), MF_EINVAL, &err,
                 "day count 'act/act-icma' cannot measure a rate's period", out);
    mf_rate_convention comp = {MF_DAYCOUNT_ACT_360, (mf_compounding)7};
    expect_error(mf_dated_curve_forward(c, day, day + 30, comp, &out, &err), MF_EINVAL, &err,
                 "compounding 7 is not one of the mf_compounding values", out);

    mf_curve_free(fl.curve);
    mf_curve_free(act.curve);
    mf_curve_free(sat.curve);
    mf_curve_free(nocal.curve);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queries_match_quantlib),
        cmocka_unit_test(convention_names),
        cmocka_unit_test(flat_curve_by_hand),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
