/*
 * test_cds.c - src/analytics/cds.c and cds_dates.c: the ISDA Standard Model against QuantLib
 * 1.29's IsdaCdsEngine on tests/fixtures/cds.csv (gen/gen_cds.py), the coupon dates and
 * examples of ISDA/Markit's "Standard CDS Examples" (supporting document for the
 * implementation of the ISDA CDS Standard Model, www.cdsmodel.com, updated 2012-10-26), the
 * 2015 semiannual roll, closed forms on a zero rate, and every error path.
 *
 * Tolerances (stated once, used everywhere, per unit of notional): hazard rates 1e-14 a year;
 * leg values and discount factors 1e-12 (the largest difference seen is 1.2e-13, on an
 * annuity of 9); upfronts 1e-12 points (1e-14 of notional); par spreads 1e-10 bp; CS01 1e-11
 * points. QuantLib evaluates the same closed forms in another order; only the last bits
 * differ.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/cds.h"
#include "analytics/curve.h"
#include "core/calendar.h"

#define HAZARD_TOL 1e-14
#define VALUE_TOL  1e-12
#define PCT_TOL    1e-12
#define BP_TOL     1e-10
#define CS01_TOL   1e-11
#define NODES_MAX  32

static void assert_close(double got, double want, double tol, const char *what, int line)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("%s (fixture line %d): got %.17g, expected %.17g (tolerance %g)", what, line, got,
                 want, tol);
}

static const char *iso(mf_date d, char buf[MF_DATE_ISO_SIZE])
{
    return mf_date_format_iso(d, buf);
}

/* "date:value;date:value" into dates/values; returns the count. */
static size_t parse_nodes(char *text, mf_date *dates, double *values, size_t cap)
{
    size_t n = 0;
    for (char *p = text; *p && n < cap;) {
        char *colon = strchr(p, ':');
        assert_non_null(colon);
        *colon = '\0';
        dates[n] = mf_test_date(p);
        char *end = NULL;
        values[n++] = strtod(colon + 1, &end);
        p = *end == ';' ? end + 1 : end;
    }
    return n;
}

typedef struct row {
    char *f[21];
    int line;
} row;

enum {
    C_CASE,
    C_KIND,
    C_TRADE,
    C_TENOR,
    C_MATURITY,
    C_COUPON,
    C_RECOVERY,
    C_RATE,
    C_SPREAD,
    C_UPFRONT_IN,
    C_DISC,
    C_HAZARD_NODES,
    C_HAZARD,
    C_PROTECTION,
    C_ANNUITY,
    C_REBATE,
    C_DF_SETTLE,
    C_PAR,
    C_UPFRONT,
    C_UPFRONT_NOBIAS,
    C_CS01
};

static double num(const row *r, int c)
{
    return strtod(r->f[c], NULL);
}

/* The legs of the fixture row at hazard h (flat) or on its curves, against QuantLib's. */
static void check_legs(const mf_cds_contract *k, const mf_cds_curves *m, const row *r)
{
    mf_cds_legs l;
    mf_error err;
    if (mf_cds_price_legs(k, m, &l, &err) != 0)
        fail_msg("line %d: %s", r->line, err.msg);
    assert_close(l.protection, num(r, C_PROTECTION), VALUE_TOL, "protection", r->line);
    assert_close(l.annuity_dirty, num(r, C_ANNUITY), VALUE_TOL, "annuity", r->line);
    assert_close(l.accrued, num(r, C_REBATE), VALUE_TOL, "accrued (rebate)", r->line);
    assert_close(l.df_settle, num(r, C_DF_SETTLE), VALUE_TOL, "df_settle", r->line);
    assert_true(l.accrued_days == (int)lround(num(r, C_REBATE) * 360.0));
}

static void every_contract_matches_quantlib_on_the_fixture(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("cds.csv");
    char line[4096];
    int lineno = 0, spreads = 0, upfronts = 0, curves = 0, discounted = 0;
    mf_curve *curve = mf_curve_new();
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || strncmp(line, "case,", 5) == 0)
            continue;
        row r = {.line = lineno};
        assert_int_equal(mf_test_split(line, ',', r.f, 21), 21);
        mf_cds_contract k = {.trade = mf_test_date(r.f[C_TRADE]),
                             .maturity = mf_test_date(r.f[C_MATURITY]),
                             .coupon_bp = num(&r, C_COUPON),
                             .recovery = num(&r, C_RECOVERY)};
        /* The maturity is the standard one of the tenor (QuantLib's cdsMaturity rule). */
        if (atoi(r.f[C_TENOR]) > 0) {
            mf_date std = 0;
            assert_int_equal(mf_cds_standard_maturity(k.trade, atoi(r.f[C_TENOR]), &std, NULL), 0);
            assert_int_equal(std, k.maturity);
        }
        mf_cds_curves m = {.discount_rate = log1p(num(&r, C_RATE))};
        mf_date hz_dates[NODES_MAX];
        double hz_rates[NODES_MAX];
        mf_error err;
        mf_cds_quote q;
        if (r.f[C_DISC][0] != '\0') {
            mf_date dd[NODES_MAX];
            double dfs[NODES_MAX], t[NODES_MAX];
            size_t nd = parse_nodes(r.f[C_DISC], dd, dfs, NODES_MAX);
            for (size_t i = 0; i < nd; i++)
                t[i] = (double)(dd[i] - k.trade) / 365.0;
            assert_int_equal(mf_curve_set(curve, t, dfs, nd, MF_INTERP_FLAT_FORWARD, NULL), 0);
            m.discount = curve;
            discounted++;
        }
        if (strcmp(r.f[C_KIND], "curve") == 0) {
            m.hazard_n = parse_nodes(r.f[C_HAZARD_NODES], hz_dates, hz_rates, NODES_MAX);
            m.hazard_dates = hz_dates;
            m.hazard_rates = hz_rates;
            check_legs(&k, &m, &r);
            mf_cds_legs l;
            assert_int_equal(mf_cds_price_legs(&k, &m, &l, NULL), 0);
            double c = k.coupon_bp * 1e-4;
            double up = (l.protection - c * l.annuity_dirty) / l.df_settle + c * l.accrued;
            assert_close(up * 100.0, num(&r, C_UPFRONT), PCT_TOL, "curve upfront", lineno);
            double par = l.protection / (l.annuity_dirty - l.accrued * l.df_settle) * 1e4;
            assert_close(par, num(&r, C_PAR), BP_TOL, "curve par spread", lineno);
            curves++;
            continue;
        }
        if (strcmp(r.f[C_CASE], "negative-rate") == 0)
            continue; /* a_negative_rate_uses_the_exact_closed_form() */
        if (strcmp(r.f[C_KIND], "spread") == 0) {
            if (mf_cds_from_spread(&k, &m, num(&r, C_SPREAD), &q, &err) != 0)
                fail_msg("line %d: %s", lineno, err.msg);
            assert_close(q.cs01_pct, num(&r, C_CS01), CS01_TOL, "cs01_pct", lineno);
            spreads++;
        } else {
            if (mf_cds_from_upfront(&k, &m, num(&r, C_UPFRONT_IN), &q, &err) != 0)
                fail_msg("line %d: %s", lineno, err.msg);
            assert_close(q.upfront_pct, num(&r, C_UPFRONT_IN), PCT_TOL, "upfront round trip",
                         lineno);
            upfronts++;
        }
        assert_close(q.hazard, num(&r, C_HAZARD), HAZARD_TOL, "hazard", lineno);
        assert_close(q.spread_bp, num(&r, C_PAR), BP_TOL, "par spread", lineno);
        assert_close(q.upfront_pct, num(&r, C_UPFRONT), PCT_TOL, "upfront_pct", lineno);
        /* QuantLib's legs at QuantLib's hazard rate. */
        m.hazard = num(&r, C_HAZARD);
        check_legs(&k, &m, &r);
        /* The accrued and the dirty upfront follow from the rebate; RPV01 from the legs. */
        double c = k.coupon_bp * 1e-4, rebate = num(&r, C_REBATE), dfs = num(&r, C_DF_SETTLE);
        assert_close(q.accrued_pct, c * rebate * 100.0, PCT_TOL, "accrued_pct", lineno);
        assert_close(q.upfront_dirty_pct, q.upfront_pct - q.accrued_pct, 1e-13, "dirty", lineno);
        assert_close(q.rpv01, num(&r, C_ANNUITY) / dfs - rebate, 1e-10, "rpv01", lineno);
        /* upfront = (spread - coupon) x RPV01, exactly. */
        assert_close(q.upfront_pct, (q.spread_bp - k.coupon_bp) * 1e-4 * q.rpv01 * 100.0, 1e-10,
                     "upfront identity", lineno);
        /* The other side of the accrual-on-default convention: QuantLib's NoBias. */
        k.no_half_day_bias = true;
        mf_cds_quote nb;
        assert_int_equal(mf_cds_quote_from_hazard(&k, &m, m.hazard, &nb, NULL), 0);
        assert_close(nb.upfront_pct, num(&r, C_UPFRONT_NOBIAS), PCT_TOL, "nobias", lineno);
        assert_true(fabs(nb.upfront_pct - q.upfront_pct) > 1e-7);
    }
    fclose(f);
    mf_curve_free(curve);
    assert_true(spreads >= 100);
    assert_true(upfronts >= 30);
    assert_true(curves == 2);
    assert_true(discounted == 23);
}

/*
 * Standard CDS Examples, "Standardizing coupon dates", Table 1: a 1y $36mm 100bp standard
 * CDS traded in Feb09 matures Sat 20Mar10 and pays 88, 94, 91, 91 and 90 days of coupon
 * ($88k ... $90k) on Fri 20Mar09, Mon 22Jun09, Mon 21Sep09, Mon 21Dec09 and Mon 22Mar10,
 * accruing from Mon 22Dec08; the last period includes the maturity day.
 */
static void the_published_2009_schedule_is_reproduced(void **state)
{
    (void)state;
    mf_date trade = mf_test_date("2009-02-20"), maturity = 0;
    assert_int_equal(mf_cds_standard_maturity(trade, 12, &maturity, NULL), 0);
    char buf[MF_DATE_ISO_SIZE];
    assert_string_equal(iso(maturity, buf), "2010-03-20");
    mf_cds_period p[MF_CDS_MAX_PERIODS];
    size_t n = 0;
    assert_int_equal(mf_cds_schedule(NULL, trade, maturity, p, MF_CDS_MAX_PERIODS, &n, NULL), 0);
    assert_int_equal(n, 5);
    const char *start[] = {"2008-12-22", "2009-03-20", "2009-06-22", "2009-09-21", "2009-12-21"};
    const char *pay[] = {"2009-03-20", "2009-06-22", "2009-09-21", "2009-12-21", "2010-03-22"};
    const int days[] = {88, 94, 91, 91, 90};
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(iso(p[i].accrual_start, buf), start[i]);
        assert_string_equal(iso(p[i].pay, buf), pay[i]);
        assert_int_equal(p[i].days, days[i]);
        /* $36mm x 100bp x days / 360 = $88k, $94k, ... */
        assert_close(36e6 * 0.01 * p[i].days / 360.0, 1000.0 * days[i], 1e-6, "coupon", 0);
    }
    assert_string_equal(iso(p[4].accrual_end, buf), "2010-03-20");
    /* Example 4a: every $10mm 100bp contract pays $26,111 for 2Q09 (94 days); one maturing
     * 20Jun09 pays a final $25,833 (93 days: 20 Mar to 20 Jun inclusive). */
    assert_close(10e6 * 0.01 * p[1].days / 360.0, 26111.11, 0.01, "2Q09 coupon", 0);
    assert_int_equal(mf_cds_schedule(NULL, trade, mf_test_date("2009-06-20"), p, 8, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_close(10e6 * 0.01 * p[1].days / 360.0, 25833.33, 0.01, "final coupon", 0);
}

/*
 * Standard CDS Examples, item 5: the first coupon is the first coupon payment date after T+1.
 * T = Fri 20Feb09 and Wed 18Mar09 pay first on Fri 20Mar09; Thu 19Mar09 on Mon 22Jun09 (94
 * days); Sat 20Jun09 on Mon 22Jun09; Sun 21Jun09 on Mon 21Sep09.
 */
static void the_first_coupon_follows_the_step_in_date(void **state)
{
    (void)state;
    struct {
        const char *trade, *accrual_start, *first_pay;
        int accrued_days;
    } cases[] = {
        {"2009-02-20", "2008-12-22", "2009-03-20", 61},
        {"2009-03-18", "2008-12-22", "2009-03-20", 87},
        {"2009-03-19", "2009-03-20", "2009-06-22", 0},
        {"2009-06-20", "2009-03-20", "2009-06-22", 93},
        {"2009-06-21", "2009-06-22", "2009-09-21", 0},
    };
    char buf[MF_DATE_ISO_SIZE];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_date trade = mf_test_date(cases[i].trade), start = 0, first = 0;
        assert_int_equal(mf_cds_accrual_start(NULL, trade, &start, &first, NULL), 0);
        assert_string_equal(iso(start, buf), cases[i].accrual_start);
        assert_string_equal(iso(first, buf), cases[i].first_pay);
        assert_int_equal(mf_cds_step_in(trade) - start, cases[i].accrued_days);
    }
    /* The 94-day first coupon of the 19Mar09 trade. */
    mf_cds_period p[8];
    size_t n = 0;
    assert_int_equal(mf_cds_schedule(NULL, mf_test_date("2009-03-19"), mf_test_date("2010-03-20"),
                                     p, 8, &n, NULL),
                     0);
    assert_int_equal(p[0].days, 94);
    /* Cash settlement three weekdays after T: Thu -> Tue, Fri -> Wed, Sat -> Wed. */
    mf_date s = 0;
    assert_int_equal(mf_cds_cash_settle(NULL, mf_test_date("2009-03-19"), &s, NULL), 0);
    assert_string_equal(iso(s, buf), "2009-03-24");
    assert_int_equal(mf_cds_cash_settle(NULL, mf_test_date("2009-06-20"), &s, NULL), 0);
    assert_string_equal(iso(s, buf), "2009-06-24");
}

/*
 * ISDA's semiannual roll (ISDA, "Amending When Single-Name CDS Roll to New 'On-the-Run'
 * Contracts", isda.org 2015-07-07: live on 21 December 2015): new standard maturities on
 * 20 Mar and 20 Sep; maturities are 20 Jun and 20 Dec. Before it, contracts rolled every IMM
 * date.
 */
static void standard_maturities_roll_on_20_march_and_20_september(void **state)
{
    (void)state;
    struct {
        const char *trade;
        int months;
        const char *maturity;
    } cases[] = {
        {"2024-11-25", 60, "2029-12-20"}, {"2025-03-19", 60, "2029-12-20"},
        {"2025-03-20", 60, "2030-06-20"}, {"2025-06-20", 60, "2030-06-20"},
        {"2025-09-19", 60, "2030-06-20"}, {"2025-09-20", 60, "2030-12-20"},
        {"2025-12-22", 60, "2030-12-20"}, {"2026-01-05", 12, "2026-12-20"},
        {"2026-11-24", 6, "2027-06-20"},  {"2026-11-24", 120, "2036-12-20"},
        {"2015-12-21", 60, "2020-12-20"}, /* first day under the new rule */
        {"2015-12-19", 60, "2020-12-20"}, /* the quarterly rule before it */
        {"2015-12-20", 60, "2021-03-20"}, /* quarterly: the Sunday roll of the old rule */
        {"2015-09-21", 60, "2020-12-20"}, {"2015-11-02", 12, "2016-12-20"},
        {"2009-02-20", 60, "2014-03-20"},
    };
    char buf[MF_DATE_ISO_SIZE];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_date m = 0;
        assert_int_equal(
            mf_cds_standard_maturity(mf_test_date(cases[i].trade), cases[i].months, &m, NULL), 0);
        if (strcmp(iso(m, buf), cases[i].maturity) != 0)
            fail_msg("trade %s tenor %d: got %s, expected %s", cases[i].trade, cases[i].months, buf,
                     cases[i].maturity);
    }
    assert_string_equal(iso(mf_cds_imm_next(mf_test_date("2025-03-20")), buf), "2025-06-20");
    assert_string_equal(iso(mf_cds_imm_next(mf_test_date("2025-03-19")), buf), "2025-03-20");
    assert_string_equal(iso(mf_cds_imm_next(mf_test_date("2025-12-25")), buf), "2026-03-20");
    assert_string_equal(iso(mf_cds_imm_prev(mf_test_date("2025-03-19")), buf), "2024-12-20");
    assert_string_equal(iso(mf_cds_imm_prev(mf_test_date("2025-03-20")), buf), "2025-03-20");
    assert_string_equal(iso(mf_cds_imm_prev(mf_test_date("2025-02-01")), buf), "2024-12-20");
}

/*
 * A holiday calendar moves the payment: Monday 2022-06-20 was Juneteenth (observed), so the
 * June 2022 coupon of a USD contract was paid on Tuesday 21 June (cdsmodel.com news, 2022-06-23
 * and 2022-07-21: the CDS Standard Model added the New York holiday for it). With weekends
 * only it is paid on the 20th.
 */
static void a_holiday_calendar_moves_coupon_payments(void **state)
{
    (void)state;
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new("us-gov", &cal, NULL), 0);
    mf_cds_period p[8];
    size_t n = 0;
    char buf[MF_DATE_ISO_SIZE];
    mf_date t = mf_test_date("2022-04-04"), m = mf_test_date("2022-12-20");
    assert_int_equal(mf_cds_schedule(cal, t, m, p, 8, &n, NULL), 0);
    assert_string_equal(iso(p[0].pay, buf), "2022-06-21");
    /* 2022-03-21 (20 Mar was a Sunday) to 2022-06-21 excluded: the accrual follows the
     * payment date. */
    assert_string_equal(iso(p[0].accrual_start, buf), "2022-03-21");
    assert_int_equal(p[0].days, 92);
    assert_string_equal(iso(p[1].accrual_start, buf), "2022-06-21");
    assert_int_equal(mf_cds_schedule(NULL, t, m, p, 8, &n, NULL), 0);
    assert_string_equal(iso(p[0].pay, buf), "2022-06-20");
    assert_int_equal(p[0].days, 91);
    /* Cash settlement skips the holiday too: Fri 17 Jun + 3 = Thu 23 Jun (Mon 20 closed). */
    mf_date s = 0;
    assert_int_equal(mf_cds_cash_settle(cal, mf_test_date("2022-06-17"), &s, NULL), 0);
    assert_string_equal(iso(s, buf), "2022-06-23");
    mf_calendar_free(cal);
}

/*
 * On a zero discount rate the protection leg has a closed form: fh = 0 on every interval, so
 * hh / s = 1 and protection = (1 - R)(Q(T) - Q(maturity)) = (1 - R)(1 - exp(-h t_mat)). The
 * premium coupons are days/360 x Q(pay - 1) each.
 */
static void a_zero_rate_gives_the_closed_forms(void **state)
{
    (void)state;
    mf_cds_contract k = {.trade = mf_test_date("2025-01-15"),
                         .maturity = mf_test_date("2030-03-20"),
                         .coupon_bp = 100.0,
                         .recovery = 0.4};
    mf_cds_curves m = {.discount_rate = 0.0, .hazard = 0.02385};
    mf_cds_legs l;
    assert_int_equal(mf_cds_price_legs(&k, &m, &l, NULL), 0);
    double tm = (double)(k.maturity - k.trade) / 365.0;
    assert_close(l.protection, 0.6 * (1.0 - exp(-0.02385 * tm)), 1e-15, "protection", 0);
    assert_close(l.survival, exp(-0.02385 * tm), 1e-15, "survival", 0);
    assert_true(l.df_settle == 1.0);
    assert_int_equal(l.accrued_days, 27); /* 2024-12-20 .. 2025-01-16 */
    /* The premium coupons alone, without accrual on default, are below the annuity. */
    mf_cds_period p[MF_CDS_MAX_PERIODS];
    size_t n = 0;
    assert_int_equal(mf_cds_schedule(NULL, k.trade, k.maturity, p, MF_CDS_MAX_PERIODS, &n, NULL),
                     0);
    double coupons = 0.0;
    for (size_t i = 0; i < n; i++)
        coupons += p[i].days / 360.0 * exp(-0.02385 * (double)(p[i].pay - 1 - k.trade) / 365.0);
    assert_true(l.annuity_dirty > coupons && l.annuity_dirty < coupons + 0.05);
}

/*
 * Where the rate is below the hazard rate (negative rates), s = fh + hh < 0 on an interval:
 * QuantLib switches to its Taylor series whenever s < 1e-4, negative s included, and its
 * series (to s^4 in the protection leg) then misses hh (|s|^5 / 720 + s^6 / 5040 ...). We use
 * the series only for |s| < 1e-4 and the exact closed form otherwise. Both sides, on the
 * fixture's "negative-rate" row (-0.6%, 10 bp, 10 years: one interval with s = -0.043):
 * QuantLib's protection is its series, ours the closed form, and they differ by the remainder.
 */
static void a_negative_rate_uses_the_exact_closed_form(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("cds.csv");
    char line[4096];
    row r = {0};
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "negative-rate,", 14) == 0)
            break;
    fclose(f);
    assert_int_equal(mf_test_split(line, ',', r.f, 21), 21);
    mf_cds_contract k = {.trade = mf_test_date(r.f[C_TRADE]),
                         .maturity = mf_test_date(r.f[C_MATURITY]),
                         .coupon_bp = num(&r, C_COUPON),
                         .recovery = num(&r, C_RECOVERY)};
    double rate = log1p(num(&r, C_RATE)), h = num(&r, C_HAZARD);
    mf_cds_curves m = {.discount_rate = rate, .hazard = h};
    mf_cds_legs l;
    assert_int_equal(mf_cds_price_legs(&k, &m, &l, NULL), 0);
    double t = (double)(k.maturity - k.trade) / 365.0, hh = h * t, s = rate * t + hh;
    assert_true(s < -0.04);
    double exact = 0.6 * hh / s * (1.0 - exp(-s));
    double s2 = s * s, series = 0.6 * hh * (1.0 - s / 2 + s2 / 6 - s2 * s / 24 + s2 * s2 / 120);
    assert_close(l.protection, exact, 1e-16, "ours: closed form", 0);
    assert_close(num(&r, C_PROTECTION), series, 1e-16, "QuantLib: its series", 0);
    /* the series of hh (1 - e^-s) / s = hh sum (-s)^k / (k + 1)! from k = 5 on */
    assert_close(exact - series, 0.6 * hh * (-s2 * s2 * s / 720.0 + s2 * s2 * s2 / 5040.0), 1e-16,
                 "the remainder", 0);
    assert_true(fabs(l.protection - num(&r, C_PROTECTION)) > 1e-13);
    /* Everything else agrees: the premium leg to 1e-11 (its accrual series has the same
     * effect at s ~ -0.001 a quarter), the conventional spread's hazard to 1e-12. */
    assert_close(l.annuity_dirty, num(&r, C_ANNUITY), 1e-11, "annuity", 0);
    mf_cds_quote q;
    assert_int_equal(mf_cds_from_spread(&k, &m, num(&r, C_SPREAD), &q, NULL), 0);
    assert_close(q.hazard, h, 1e-12, "hazard", 0);
    assert_close(q.upfront_pct, num(&r, C_UPFRONT), 1e-9, "upfront", 0);
}

/*
 * Markit's published converter values (ISDA CDS Standard Model), as QuantLib's test suite
 * quotes them (test-suite/creditdefaultswap.cpp, testIsdaEngine): trade 2009-05-21, USD
 * 10,000,000, coupon 100 bp, maturities 20 Jun 2010/2011/2012/2016/2019, conventional spreads
 * 10 and 1000 bp, recoveries 20% and 40%: the clean upfront in USD (buyer pays when positive).
 * The discount curve is Markit's USD deposit and swap rates of that day bootstrapped by
 * QuantLib (the fixture rows markit-usd-2009-*; this system does not build ISDA curves yet).
 * We reproduce every value within USD 0.0025 (2.5e-10 of notional; QuantLib on the same curve
 * is as far off), Markit publishing 4 decimals.
 *
 * Also testIsdaCalculatorReconcileSingleQuote: trade 2021-07-26 on Markit's EUR curve (negative
 * rates), 1,000,000 to 20 Jun 2026, coupon 100 bp, spread 67.13 bp, recovery 40%: Markit's
 * -16,070.7 is the clean upfront discounted from cash settlement to the trade date, and the
 * accrued is 1,000.00 (36 days, 2021-06-21 to the step-in 2021-07-27).
 */
static void markit_published_upfronts_are_reproduced(void **state)
{
    (void)state;
    static const double markit[20] = {-97798.29358, -97776.11889, 914971.5977, 894985.6298,
                                      -186921.3594, -186839.8148, 1646623.672, 1579803.626,
                                      -274298.9203, -274122.4725, 2279730.93,  2147972.527,
                                      -592420.2297, -591571.2294, 3993550.206, 3545843.418,
                                      -797501.1422, -795915.9787, 4702034.688, 4042340.999};
    FILE *f = mf_test_fixture_open("cds.csv");
    char line[4096];
    int seen = 0;
    mf_curve *curve = mf_curve_new();
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "markit-", 7) != 0)
            continue;
        row r = {0};
        assert_int_equal(mf_test_split(line, ',', r.f, 21), 21);
        mf_cds_contract k = {.trade = mf_test_date(r.f[C_TRADE]),
                             .maturity = mf_test_date(r.f[C_MATURITY]),
                             .coupon_bp = 100.0,
                             .recovery = num(&r, C_RECOVERY)};
        mf_date dd[NODES_MAX];
        double dfs[NODES_MAX], t[NODES_MAX];
        size_t nd = parse_nodes(r.f[C_DISC], dd, dfs, NODES_MAX);
        for (size_t i = 0; i < nd; i++)
            t[i] = (double)(dd[i] - k.trade) / 365.0;
        assert_int_equal(mf_curve_set(curve, t, dfs, nd, MF_INTERP_FLAT_FORWARD, NULL), 0);
        mf_cds_curves m = {.discount = curve};
        mf_cds_quote q;
        assert_int_equal(mf_cds_from_spread(&k, &m, num(&r, C_SPREAD), &q, NULL), 0);
        int i = atoi(strrchr(r.f[C_CASE], '-') + 1);
        if (strncmp(r.f[C_CASE], "markit-usd-2009-", 16) == 0) {
            assert_true(i >= 0 && i < 20);
            assert_close(q.upfront_pct / 100.0 * 1e7, markit[i], 0.0025, "markit usd", i);
        } else {
            assert_close(q.upfront_pct / 100.0 * q.df_settle * 1e6, -16070.7, 0.05, "markit eur",
                         i);
            assert_close(q.accrued_pct / 100.0 * 1e6, 1000.0, 1e-9, "markit eur accrued", i);
        }
        seen++;
    }
    fclose(f);
    mf_curve_free(curve);
    assert_int_equal(seen, 21);
}

/*
 * Accrued premium at the step-in of a USD 10,000,000 100 bp contract maturing 2014-06-20, by
 * trade date: the ISDA CDS Standard Model's test results (cdsmodel.com documentation) as
 * QuantLib quotes them (test-suite/creditdefaultswap.cpp, testAccrualRebateAmounts). The last
 * two trade in the final period (no extra day for the accrued).
 */
static void isda_published_accrued_amounts_are_reproduced(void **state)
{
    (void)state;
    struct {
        const char *trade;
        double accrued_usd;
    } cases[] = {{"2009-03-18", 24166.67}, {"2009-03-19", 0.00},     {"2009-03-20", 277.78},
                 {"2009-03-23", 1111.11},  {"2009-06-19", 25555.56}, {"2009-06-20", 25833.33},
                 {"2009-06-21", 0.00},     {"2009-06-22", 277.78},   {"2014-06-18", 25277.78},
                 {"2014-06-19", 25555.56}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_cds_contract k = {.trade = mf_test_date(cases[i].trade),
                             .maturity = mf_test_date("2014-06-20"),
                             .coupon_bp = 100.0,
                             .recovery = 0.4};
        mf_cds_curves m = {.discount_rate = 0.01, .hazard = 0.01};
        mf_cds_legs l;
        assert_int_equal(mf_cds_price_legs(&k, &m, &l, NULL), 0);
        assert_close(1e7 * 0.01 * l.accrued, cases[i].accrued_usd, 0.005, cases[i].trade, 0);
    }
}

/* Spread -> hazard -> upfront -> spread goes round, and CS01 is the 1bp finite difference. */
static void conversions_invert_each_other(void **state)
{
    (void)state;
    mf_cds_contract k = {.trade = mf_test_date("2026-11-24"),
                         .maturity = mf_test_date("2031-12-20"),
                         .coupon_bp = 100.0,
                         .recovery = MF_CDS_RECOVERY_DEFAULT};
    mf_cds_curves m = {.discount_rate = log1p(0.042)};
    mf_cds_quote a, b;
    assert_int_equal(mf_cds_from_spread(&k, &m, 165.0, &a, NULL), 0);
    assert_int_equal(mf_cds_from_upfront(&k, &m, a.upfront_pct, &b, NULL), 0);
    assert_close(b.spread_bp, 165.0, 1e-9, "spread round trip", 0);
    assert_close(b.hazard, a.hazard, 1e-14, "hazard round trip", 0);
    mf_cds_quote up;
    assert_int_equal(mf_cds_from_spread(&k, &m, 166.0, &up, NULL), 0);
    assert_close(a.cs01_pct, up.upfront_pct - a.upfront_pct, 1e-13, "cs01", 0);
    /* upfront = (spread - coupon) x RPV01 at both spreads, so CS01 is 1bp x RPV01 plus the
     * change of RPV01 (smaller at a higher hazard) on the spread over the coupon. */
    assert_close(a.cs01_pct,
                 ((166.0 - 100.0) * up.rpv01 - (165.0 - 100.0) * a.rpv01) * 1e-4 * 100.0, 1e-12,
                 "cs01 from rpv01", 0);
    assert_true(a.cs01_pct < a.rpv01 * 1e-4 * 100.0);
    /* At a spread equal to the coupon the upfront is zero. */
    assert_int_equal(mf_cds_from_spread(&k, &m, 100.0, &a, NULL), 0);
    assert_close(a.upfront_pct, 0.0, 1e-12, "par contract", 0);
    /* Rate conventions. */
    double cc = 0.0;
    assert_int_equal(mf_cds_rate_to_cc(0.05, MF_COMPOUNDING_ANNUAL, &cc, NULL), 0);
    assert_close(cc, log(1.05), 1e-15, "annual", 0);
    assert_int_equal(mf_cds_rate_to_cc(0.05, MF_COMPOUNDING_SEMIANNUAL, &cc, NULL), 0);
    assert_close(cc, 2.0 * log(1.025), 1e-15, "semiannual", 0);
    assert_int_equal(mf_cds_rate_to_cc(0.05, MF_COMPOUNDING_CONTINUOUS, &cc, NULL), 0);
    assert_true(cc == 0.05);
}

static void bad_input_names_the_field(void **state)
{
    (void)state;
    mf_cds_contract k = {.trade = mf_test_date("2024-11-25"),
                         .maturity = mf_test_date("2029-12-20"),
                         .coupon_bp = 500.0,
                         .recovery = 0.4};
    mf_cds_curves m = {.discount_rate = log1p(0.043)};
    mf_cds_quote q;
    q.hazard = -999.0;
    mf_error err;
    assert_int_equal(mf_cds_from_upfront(&k, &m, 75.0, &q, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "upfront_pct 75 outside the attainable range"));
    assert_int_equal(mf_cds_from_upfront(&k, &m, -30.0, &q, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "upfront_pct -30 outside"));
    assert_true(q.hazard == -999.0);
    assert_int_equal(mf_cds_from_spread(&k, &m, -5.0, &q, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "spread_bp -5 outside"));
    assert_int_equal(mf_cds_from_spread(&k, &m, 0.0, &q, &err), MF_EINVAL);
    assert_int_equal(mf_cds_from_spread(&k, &m, NAN, &q, &err), MF_EINVAL);
    assert_int_equal(mf_cds_from_upfront(&k, &m, NAN, &q, &err), MF_EINVAL);
    k.recovery = 1.0;
    assert_int_equal(mf_cds_from_spread(&k, &m, 100.0, &q, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "recovery 1 outside [0, 1)"));
    k.recovery = 0.4;
    k.coupon_bp = 0.0;
    assert_int_equal(mf_cds_from_spread(&k, &m, 100.0, &q, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "coupon_bp 0 outside"));
    k.coupon_bp = 100.0;
    k.maturity = mf_test_date("2024-11-25");
    assert_int_equal(mf_cds_from_spread(&k, &m, 100.0, &q, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "maturity '2024-11-25' is before the step-in date"));
    k.maturity = mf_test_date("2060-12-20");
    assert_int_equal(mf_cds_from_spread(&k, &m, 100.0, &q, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "more than 30 years"));
    k.maturity = mf_test_date("2029-12-20");
    m.discount_rate = 2.0;
    assert_int_equal(mf_cds_from_spread(&k, &m, 100.0, &q, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "discount rate 2 outside"));
    m.discount_rate = 0.04;
    mf_cds_legs l;
    m.hazard = -0.01;
    assert_int_equal(mf_cds_price_legs(&k, &m, &l, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "hazard rate 0: -0.01 outside"));
    mf_date hd[2] = {mf_test_date("2026-06-20"), mf_test_date("2026-06-20")};
    double hr[2] = {0.01, 0.02};
    m.hazard_n = 2;
    m.hazard_dates = hd;
    m.hazard_rates = hr;
    assert_int_equal(mf_cds_price_legs(&k, &m, &l, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "hazard node 1 '2026-06-20' is not after"));
    m.hazard_n = 0;
    mf_curve *c = mf_curve_new();
    double t[1] = {1.0001}, d[1] = {0.96};
    assert_int_equal(mf_curve_set(c, t, d, 1, MF_INTERP_FLAT_FORWARD, NULL), 0);
    m.discount = c;
    m.hazard = 0.01;
    assert_int_equal(mf_cds_price_legs(&k, &m, &l, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "discount node 0 at t = 1.0001 years is not a whole number"));
    mf_curve_free(c);
    mf_date out = 0;
    assert_int_equal(mf_cds_standard_maturity(k.trade, 0, &out, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "tenor 0 months outside 1..360"));
    double cc = -1.0;
    assert_int_equal(mf_cds_rate_to_cc(0.05, MF_COMPOUNDING_SIMPLE, &cc, &err), MF_EINVAL);
    assert_int_equal(mf_cds_rate_to_cc(1.5, MF_COMPOUNDING_ANNUAL, &cc, &err), MF_ERANGE);
    assert_true(cc == -1.0);
    /* A calendar's range is enforced. */
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new("us-gov", &cal, NULL), 0);
    k.calendar = cal;
    k.trade = mf_test_date("2098-01-05");
    k.maturity = mf_test_date("2103-03-20");
    m.discount = NULL;
    assert_int_equal(mf_cds_price_legs(&k, &m, &l, &err), MF_ERANGE);
    mf_calendar_free(cal);
    /* A schedule that does not fit is refused. */
    mf_cds_period p[2];
    size_t n = 77;
    assert_int_equal(mf_cds_schedule(NULL, mf_test_date("2024-11-25"), mf_test_date("2029-12-20"),
                                     p, 2, &n, &err),
                     MF_ERANGE);
    assert_int_equal(n, 77);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_contract_matches_quantlib_on_the_fixture),
        cmocka_unit_test(the_published_2009_schedule_is_reproduced),
        cmocka_unit_test(the_first_coupon_follows_the_step_in_date),
        cmocka_unit_test(standard_maturities_roll_on_20_march_and_20_september),
        cmocka_unit_test(a_holiday_calendar_moves_coupon_payments),
        cmocka_unit_test(markit_published_upfronts_are_reproduced),
        cmocka_unit_test(isda_published_accrued_amounts_are_reproduced),
        cmocka_unit_test(a_zero_rate_gives_the_closed_forms),
        cmocka_unit_test(a_negative_rate_uses_the_exact_closed_form),
        cmocka_unit_test(conversions_invert_each_other),
        cmocka_unit_test(bad_input_names_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
