/*
 * test_curve_real.c - src/analytics/curve_real.c: the NTN-B real-curve bootstrap and the
 * breakeven curve against QuantLib (tests/fixtures/curve_real.csv, BondHelper +
 * PiecewiseLogLinearDiscount on Business252(Brazil)), the curve repricing every NTN-B of
 * ANBIMA's file of 2026-02-06 (../shared/reference/connectors/b3_tesouro/
 * anbima_tpf_20260206.txt, read at test time) to its published PU, and every error.
 */
#include "support/test.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/br_bonds.h"
#include "analytics/curve_real.h"
#include "core/calendar.h"

static mf_calendar *br;

static int setup(void **state)
{
    (void)state;
    assert_int_equal(mf_calendar_new("br", &br, NULL), 0);
    return 0;
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

/* ---- QuantLib fixture --------------------------------------------------------------------- */

#define MAXQ 32

typedef struct fixture_set {
    char name[16];
    mf_date date;
    size_t nq, nnode, npre;
    mf_ntnb_quote q[MAXQ];
    mf_date node_mat[MAXQ];
    double node_df[MAXQ];
    double pre_t[MAXQ], pre_df[MAXQ];
} fixture_set;

/* Reads set name's quotes, nodes and pre-curve nodes; zero/breakeven rows are read by the
   tests themselves. */
static void load_set(const char *name, fixture_set *s)
{
    FILE *f = mf_test_fixture_open("curve_real.csv");
    char line[512];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    while (fgets(line, sizeof line, f)) {
        char *c[6];
        if (line[0] == '#' || mf_test_split(line, ',', c, 6) < 6 || strcmp(c[1], name) != 0)
            continue;
        if (strcmp(c[0], "date") == 0) {
            s->date = mf_test_date(c[2]);
        } else if (strcmp(c[0], "quote") == 0) {
            assert_true(s->nq < MAXQ);
            s->q[s->nq++] = (mf_ntnb_quote){NULL, mf_test_date(c[2]), strtod(c[3], NULL)};
        } else if (strcmp(c[0], "node") == 0) {
            s->node_mat[s->nnode] = mf_test_date(c[2]);
            s->node_df[s->nnode++] = strtod(c[4], NULL);
        } else if (strcmp(c[0], "pre") == 0) {
            double du = strtod(c[2], NULL), r = strtod(c[3], NULL);
            s->pre_t[s->npre] = du / 252.0;
            s->pre_df[s->npre++] = pow(1.0 + r / 100.0, -du / 252.0);
        }
    }
    fclose(f);
    assert_true(s->nq > 0 && s->nq == s->nnode && s->npre > 0);
}

static void nodes_zeros_and_breakevens_match_quantlib(const char *name)
{
    fixture_set *s = test_calloc(1, sizeof *s);
    load_set(name, s);
    mf_curve *real = mf_curve_new(), *pre = mf_curve_new();
    mf_error err;
    if (mf_real_curve_build(br, s->date, s->q, s->nq, real, &err) != 0)
        fail_msg("%s: %s", name, err.msg);
    assert_int_equal(mf_curve_size(real), s->nq);
    for (size_t i = 0; i < s->nq; i++) {
        int32_t du = 0;
        assert_int_equal(mf_calendar_bizdays(br, s->date, s->node_mat[i], &du, NULL), 0);
        assert_near(mf_curve_node_t(real, i), du / 252.0, 1e-15, "node time");
        assert_near(mf_curve_node_df(real, i), s->node_df[i], 1e-12, "node discount factor");
    }
    assert_int_equal(mf_curve_set(pre, s->pre_t, s->pre_df, s->npre, MF_INTERP_FLAT_FORWARD, NULL),
                     0);
    FILE *f = mf_test_fixture_open("curve_real.csv");
    char line[512];
    int zeros = 0, breakevens = 0;
    while (fgets(line, sizeof line, f)) {
        char *c[6];
        if (line[0] == '#' || mf_test_split(line, ',', c, 6) < 6 || strcmp(c[1], name) != 0)
            continue;
        int32_t du = (int32_t)strtol(c[2], NULL, 10);
        double t = du / 252.0, want = strtod(c[3], NULL);
        if (strcmp(c[0], "zero") == 0) {
            /* rates to 1e-10 (as decimals), discount factors to 1e-12 */
            assert_near(mf_curve_zero(real, t, MF_COMPOUNDING_ANNUAL) * 100.0, want, 1e-8,
                        "real zero rate, pct");
            assert_near(mf_curve_df(real, t), strtod(c[4], NULL), 1e-12, "real discount factor");
            zeros++;
        } else if (strcmp(c[0], "breakeven") == 0) {
            double be = NAN;
            assert_int_equal(mf_breakeven_pct(pre, real, du, &be, NULL), 0);
            assert_near(be, want, 1e-8, "breakeven pct");
            assert_near(mf_curve_zero(pre, t, MF_COMPOUNDING_ANNUAL) * 100.0, strtod(c[4], NULL),
                        1e-8, "pre zero pct");
            breakevens++;
        }
    }
    fclose(f);
    assert_int_equal(zeros, 19);
    assert_int_equal(breakevens, 19);
    mf_curve_free(real);
    mf_curve_free(pre);
    test_free(s);
}

static void anbima_set_matches_quantlib(void **state)
{
    (void)state;
    nodes_zeros_and_breakevens_match_quantlib("anbima");
}

static void synthetic_set_on_a_coupon_date_matches_quantlib(void **state)
{
    (void)state;
    nodes_zeros_and_breakevens_match_quantlib("synth");
}

/* ---- ANBIMA's published PUs ----------------------------------------------------------------- */

#define ANBIMA_REL "connectors/b3_tesouro/anbima_tpf_20260206.txt"

/*
 * The VNA of 2026-02-06 the file's NTN-B rows imply (the file carries no VNA column; derived
 * and checked against all 15 rows in test_br_bonds.c).
 */
#define ANBIMA_NTNB_VNA_E6 4596158793LL

static double decimal_comma(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == ',')
            *p = '.';
    return strtod(s, NULL);
}

static mf_date yyyymmdd(const char *s)
{
    char iso[11];
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    return mf_test_date(iso);
}

/*
 * The curve bootstrapped from the file's 15 NTN-B indicative yields gives, for each bond,
 * its flows discounted on the curve; ANBIMA's rules then truncate that to a 4-decimal
 * cotação and form PU = trunc6(VNA * cotação / 100): every published PU must come out exactly.
 */
static void real_curve_reprices_every_anbima_ntnb_to_its_published_pu(void **state)
{
    (void)state;
    char path[1024], line[1024];
    if (!mf_test_shared_reference_path(path, sizeof path, ANBIMA_REL))
        fail_msg("missing shared reference '%s'", path);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    mf_ntnb_quote q[MAXQ];
    double pu_pub[MAXQ];
    size_t n = 0;
    mf_date date = 0;
    while (fgets(line, sizeof line, f)) {
        char *c[20];
        if (mf_test_split(line, '@', c, 20) < 9 || strcmp(c[0], "NTN-B") != 0)
            continue;
        assert_true(n < MAXQ);
        date = yyyymmdd(c[1]);
        q[n] = (mf_ntnb_quote){NULL, yyyymmdd(c[4]), decimal_comma(c[7])};
        pu_pub[n++] = decimal_comma(c[8]);
    }
    fclose(f);
    assert_int_equal(n, 15);
    mf_curve *curve = mf_curve_new();
    mf_error err;
    if (mf_real_curve_build(br, date, q, n, curve, &err) != 0)
        fail_msg("%s", err.msg);
    for (size_t i = 0; i < n; i++) {
        double raw = NAN, anbima_cot = NAN;
        assert_int_equal(mf_real_curve_cotacao(br, date, q[i].maturity, curve, &raw, NULL), 0);
        /* ANBIMA's truncation (br_bonds.c R4), with the same few-ulp nudge */
        int64_t cot_e4 = (int64_t)floor(raw * 1e4 * (1.0 + 4.0 * DBL_EPSILON));
        int64_t pu_e6 = ANBIMA_NTNB_VNA_E6 * cot_e4 / 1000000;
        if (pu_e6 != llround(pu_pub[i] * 1e6))
            fail_msg("NTN-B %d: curve PU %.6f, ANBIMA publishes %.6f", mf_date_year(q[i].maturity),
                     (double)pu_e6 / 1e6, pu_pub[i]);
        /* and the 4-decimal cotação is ANBIMA's at the yield */
        assert_int_equal(
            mf_br_ntnb_cotacao(br, date, q[i].maturity, q[i].yield_pct, &anbima_cot, NULL), 0);
        assert_int_equal(cot_e4, llround(anbima_cot * 1e4));
    }
    mf_curve_free(curve);
}

/* The first bond's forward holds from the curve date: a 1-day real rate equals it. */
static void short_end_is_the_first_bonds_forward(void **state)
{
    (void)state;
    mf_ntnb_quote q[] = {{NULL, mf_test_date("2026-08-15"), 10.25},
                         {NULL, mf_test_date("2027-05-15"), 8.273}};
    mf_curve *c = mf_curve_new();
    assert_int_equal(mf_real_curve_build(br, mf_test_date("2026-02-06"), q, 2, c, NULL), 0);
    double f0 = mf_curve_forward(c, 0.0, 1.0 / 252.0, MF_COMPOUNDING_ANNUAL);
    double f1 = mf_curve_forward(c, 50.0 / 252.0, 100.0 / 252.0, MF_COMPOUNDING_ANNUAL);
    assert_near(f0, f1, 1e-13, "constant forward before the first maturity");
    /* both flows of the 2026 bond lie on that segment: the forward is its yield */
    assert_near(f0, 0.1025, 1e-12, "first forward");
    mf_curve_free(c);
}

/* ---- errors --------------------------------------------------------------------------------- */

static void expect_error(const mf_ntnb_quote *q, size_t n, const char *date, int code,
                         const char *substr)
{
    mf_curve *c = mf_curve_new();
    double t = 1.0, df = 0.9;
    assert_int_equal(mf_curve_set(c, &t, &df, 1, MF_INTERP_FLAT_FORWARD, NULL), 0);
    mf_error err;
    err.msg[0] = '\0';
    int rc = mf_real_curve_build(br, mf_test_date(date), q, n, c, &err);
    if (rc != code || strstr(err.msg, substr) == NULL)
        fail_msg("want code %d and '%s', got %d '%s'", code, substr, rc, err.msg);
    /* the curve is as it was */
    assert_int_equal(mf_curve_size(c), 1);
    assert_near(mf_curve_node_df(c, 0), 0.9, 1e-15, "unchanged");
    mf_curve_free(c);
}

static void bad_quotes_are_named(void **state)
{
    (void)state;
    const char *d = "2026-02-06";
    mf_ntnb_quote ok[] = {{"B27", mf_test_date("2027-05-15"), 8.0},
                          {"B30", mf_test_date("2030-08-15"), 7.5}};
    mf_ntnb_quote unsorted[] = {ok[1], ok[0]};
    expect_error(unsorted, 2, d, MF_EINVAL, "B27: maturity 2027-05-15 is not after 2030-08-15");
    expect_error(unsorted, 2, d, MF_EINVAL, "sorted");
    mf_ntnb_quote dup[] = {ok[0], {"B27b", mf_test_date("2027-05-15"), 8.1}};
    expect_error(dup, 2, d, MF_EINVAL, "B27b: maturity 2027-05-15 is not after 2027-05-15 (a dup");
    mf_ntnb_quote past[] = {{NULL, mf_test_date("2025-08-15"), 8.0}};
    expect_error(past, 1, d, MF_EINVAL,
                 "NTN-B 2025-08-15: maturity 2025-08-15 is not after the curve date 2026-02-06");
    mf_ntnb_quote not15[] = {{"X", mf_test_date("2027-05-17"), 8.0}};
    expect_error(not15, 1, d, MF_EINVAL, "X: maturity 2027-05-17 is not a 15 February, May");
    mf_ntnb_quote notq[] = {{"X", mf_test_date("2027-06-15"), 8.0}};
    expect_error(notq, 1, d, MF_EINVAL, "X: maturity 2027-06-15 is not a 15");
    mf_ntnb_quote absurd[] = {ok[0], {"B30", mf_test_date("2030-08-15"), 75.0}};
    expect_error(absurd, 2, d, MF_EINVAL, "B30: yield 75% is outside -10..50");
    mf_ntnb_quote nan_y[] = {{"B27", mf_test_date("2027-05-15"), NAN}};
    expect_error(nan_y, 1, d, MF_EINVAL, "B27: yield nan% is outside");
    mf_ntnb_quote neg_y[] = {{"B27", mf_test_date("2027-05-15"), -10.5}};
    expect_error(neg_y, 1, d, MF_EINVAL, "B27: yield -10.5%");
    /* a much lower yield further out needs a DF above the previous node's */
    mf_ntnb_quote rising[] = {{"B26", mf_test_date("2026-08-15"), 12.0},
                              {"B27", mf_test_date("2027-05-15"), -8.0}};
    expect_error(rising, 2, d, MF_EINVAL, "B27: yield -8% implies a discount factor at 2027-05-15");
    expect_error(rising, 2, d, MF_EINVAL, "negative real forward");
    expect_error(ok, 2, "2026-02-07", MF_EINVAL, "curve date '2026-02-07' is not a business day");
    expect_error(ok, 2, "2026-02-16", MF_EINVAL, "curve date '2026-02-16' is not a business day");
    expect_error(ok, 0, d, MF_EINVAL, "0 NTN-B quotes on 2026-02-06");
    mf_ntnb_quote far[] = {{"B2105", mf_test_date("2105-05-15"), 6.0}};
    expect_error(far, 1, d, MF_ERANGE, "B2105: ");
    mf_ntnb_quote many[MF_REAL_MAX_QUOTES + 1];
    for (size_t i = 0; i < MF_REAL_MAX_QUOTES + 1; i++)
        many[i] = ok[0];
    expect_error(many, MF_REAL_MAX_QUOTES + 1, d, MF_EINVAL, "65 NTN-B quotes");
}

static void breakeven_refuses_a_zero_tenor(void **state)
{
    (void)state;
    mf_curve *c = mf_curve_new();
    double t = 1.0, df = 0.9, be = 42.0;
    assert_int_equal(mf_curve_set(c, &t, &df, 1, MF_INTERP_FLAT_FORWARD, NULL), 0);
    mf_error err;
    assert_int_equal(mf_breakeven_pct(c, c, 0, &be, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "du 0"));
    assert_true(be == 42.0);
    assert_int_equal(mf_breakeven_pct(c, c, 252, &be, NULL), 0);
    assert_near(be, 0.0, 1e-15, "same curve: no breakeven");
    mf_curve_free(c);
}

static void cotacao_of_a_bad_maturity_is_refused(void **state)
{
    (void)state;
    mf_curve *c = mf_curve_new();
    double t = 1.0, df = 0.9, cot = 42.0;
    assert_int_equal(mf_curve_set(c, &t, &df, 1, MF_INTERP_FLAT_FORWARD, NULL), 0);
    mf_error err;
    assert_int_equal(mf_real_curve_cotacao(br, mf_test_date("2026-02-06"),
                                           mf_test_date("2027-05-16"), c, &cot, &err),
                     MF_EINVAL);
    assert_true(cot == 42.0);
    mf_curve_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(anbima_set_matches_quantlib),
        cmocka_unit_test(synthetic_set_on_a_coupon_date_matches_quantlib),
        cmocka_unit_test(real_curve_reprices_every_anbima_ntnb_to_its_published_pu),
        cmocka_unit_test(short_end_is_the_first_bonds_forward),
        cmocka_unit_test(bad_quotes_are_named),
        cmocka_unit_test(breakeven_refuses_a_zero_tenor),
        cmocka_unit_test(cotacao_of_a_bad_maturity_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
