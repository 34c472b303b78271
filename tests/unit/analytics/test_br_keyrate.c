/*
 * test_br_keyrate.c - Brazilian bond flows (mf_br_cashflows) priced on a DI curve and their
 * key-rate DV01s (mf_br_flows_keyrate).
 *
 * Checked against tests/fixtures/br_keyrate.csv (QuantLib 1.29: the flows built by the
 * generator from the bond rules with du on Brazil(Settlement) + 20 November, priced on a
 * LogLinear DiscountCurve at t = du/252 and bumped node by node by +1 bp of BUS/252
 * exponential zero rate): every flow's du and amount exactly; PV and parallel DV01 to 1e-10
 * relative; each bucket to 1e-10 of the parallel DV01. An LTN maturing on a vertex loads only
 * that vertex's bucket (the others exactly 0, that one exactly the parallel DV01). The NTN-F
 * priced on the curve against ANBIMA's yield pricing (mf_br_ntnf_yield of the curve PV,
 * mf_br_ntnf_pu at that yield): the gap is measured and printed, bounded loosely (the two are
 * different methods; no equality is claimed). Units, errors.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/br_keyrate.h"
#include "core/alloc.h"

#define MAXN 64
#define MAXB 8
#define MAXC 2

typedef struct fx_curve {
    char name[8];
    mf_date settle;
    size_t n;
    double t[MAXN], df[MAXN];
    int32_t du[MAXN];
} fx_curve;

typedef struct fx_bond {
    char id[8], kind[8], curve[8];
    mf_date maturity;
    double pv, parallel;
    size_t nflows;
    int32_t du[MAXN];
    double amount[MAXN];
    double bucket[MAXN];
} fx_bond;

static fx_curve curves[MAXC];
static fx_bond bonds[MAXB];
static size_t ncurves, nbonds;

static fx_curve *curve_named(const char *name)
{
    for (size_t i = 0; i < ncurves; i++)
        if (strcmp(curves[i].name, name) == 0)
            return &curves[i];
    fail_msg("no curve %s", name);
    return &curves[0]; /* not reached */
}

static fx_bond *bond_named(const char *id)
{
    for (size_t i = 0; i < nbonds; i++)
        if (strcmp(bonds[i].id, id) == 0)
            return &bonds[i];
    fail_msg("no bond %s", id);
    return &bonds[0]; /* not reached */
}

static void load(void)
{
    if (ncurves)
        return;
    FILE *f = mf_test_fixture_open("br_keyrate.csv");
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *c[8] = {0};
        size_t k = 0;
        for (char *p = line; p && k < 8; k++) {
            c[k] = p;
            p = strchr(p, ',');
            if (p)
                *p++ = '\0';
        }
        if (strcmp(c[0], "curve") == 0) {
            fx_curve *cv = &curves[ncurves++];
            snprintf(cv->name, sizeof cv->name, "%s", c[1]);
            cv->settle = mf_test_date(c[2]);
        } else if (strcmp(c[0], "node") == 0) {
            fx_curve *cv = curve_named(c[1]);
            cv->du[cv->n] = (int32_t)strtol(c[2], NULL, 10);
            cv->t[cv->n] = cv->du[cv->n] / 252.0;
            cv->df[cv->n++] = strtod(c[3], NULL);
        } else if (strcmp(c[0], "bond") == 0) {
            fx_bond *b = &bonds[nbonds++];
            snprintf(b->id, sizeof b->id, "%s", c[1]);
            snprintf(b->kind, sizeof b->kind, "%s", c[2]);
            snprintf(b->curve, sizeof b->curve, "%s", c[3]);
            b->maturity = mf_test_date(c[4]);
            b->pv = strtod(c[5], NULL);
            b->parallel = strtod(c[6], NULL);
        } else if (strcmp(c[0], "flow") == 0) {
            fx_bond *b = bond_named(c[1]);
            b->du[b->nflows] = (int32_t)strtol(c[2], NULL, 10);
            b->amount[b->nflows++] = strtod(c[3], NULL);
        } else if (strcmp(c[0], "bucket") == 0) {
            fx_bond *b = bond_named(c[1]);
            b->bucket[strtol(c[2], NULL, 10)] = strtod(c[3], NULL);
        }
    }
    fclose(f);
    assert_int_equal(ncurves, 2);
    assert_int_equal(nbonds, 7);
}

static mf_calendar *br(void)
{
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    return cal;
}

static mf_br_bond kind_of(const fx_bond *b)
{
    return strcmp(b->kind, "ltn") == 0 ? MF_BR_LTN : MF_BR_NTNF;
}

#define assert_rel(got, want, rel, scale)                                                          \
    do {                                                                                           \
        double g_ = (got), w_ = (want), s_ = fabs(scale);                                          \
        if (!(fabs(g_ - w_) <= (rel)*s_))                                                          \
            fail_msg("%s = %.17g, expected %.17g (tolerance %g of %g)", #got, g_, w_,              \
                     (double)(rel), s_);                                                           \
    } while (0)

static void against_quantlib(void **state)
{
    (void)state;
    load();
    mf_calendar *cal = br();
    mf_keyrate *w = mf_keyrate_new();
    mf_br_flows fl;
    mf_error err;
    for (size_t i = 0; i < nbonds; i++) {
        const fx_bond *b = &bonds[i];
        const fx_curve *cv = curve_named(b->curve);
        if (mf_br_cashflows(kind_of(b), cal, cv->settle, b->maturity, &fl, &err) != 0)
            fail_msg("%s: %s", b->id, err.msg);
        assert_int_equal(fl.n, b->nflows);
        for (size_t j = 0; j < fl.n; j++) {
            if (fl.du[j] != b->du[j] || fl.amount[j] != b->amount[j])
                fail_msg("%s flow %zu: du %d amount %.17g, QuantLib's %d %.17g", b->id, j,
                         (int)fl.du[j], fl.amount[j], (int)b->du[j], b->amount[j]);
            assert_true(j == 0 || fl.date[j] > fl.date[j - 1]);
        }
        assert_int_equal(fl.date[fl.n - 1], b->maturity);
        double pv = 0.0, par = 0.0, bucket[MAXN];
        if (mf_br_flows_keyrate(&fl, 1.0, w, cv->t, cv->df, cv->n, &pv, &par, bucket, &err) != 0)
            fail_msg("%s: %s", b->id, err.msg);
        assert_rel(pv, b->pv, 1e-10, b->pv);
        assert_rel(par, b->parallel, 1e-10, b->parallel);
        for (size_t j = 0; j < cv->n; j++)
            assert_rel(bucket[j], b->bucket[j], 1e-10, b->parallel);
        /* quantity scales every number */
        double pv2 = 0.0, par2 = 0.0, bucket2[MAXN];
        assert_int_equal(
            mf_br_flows_keyrate(&fl, -250.0, w, cv->t, cv->df, cv->n, &pv2, &par2, bucket2, &err),
            0);
        assert_rel(pv2, -250.0 * pv, 1e-14, pv2);
        assert_rel(par2, -250.0 * par, 1e-10, par2); /* a difference of PVs */
    }
    mf_keyrate_free(w);
    mf_calendar_free(cal);
}

/* b1: the LTN of 2027-01-01 on curve c1, whose DI1F27 vertex matures 2027-01-04 - the same du
   (1 January a holiday, then a weekend). */
static void ltn_on_a_vertex_loads_one_bucket(void **state)
{
    (void)state;
    load();
    const fx_bond *b = bond_named("b1");
    const fx_curve *cv = curve_named(b->curve);
    mf_calendar *cal = br();
    mf_br_flows fl;
    assert_int_equal(mf_br_cashflows(MF_BR_LTN, cal, cv->settle, b->maturity, &fl, NULL), 0);
    assert_int_equal(fl.n, 1);
    assert_true(fl.amount[0] == 1000.0);
    size_t on = MAXN;
    for (size_t j = 0; j < cv->n; j++)
        if (cv->du[j] == fl.du[0])
            on = j;
    assert_true(on < cv->n);
    mf_keyrate *w = mf_keyrate_new();
    double pv = 0.0, par = 0.0, bucket[MAXN];
    assert_int_equal(
        mf_br_flows_keyrate(&fl, 1.0, w, cv->t, cv->df, cv->n, &pv, &par, bucket, NULL), 0);
    for (size_t j = 0; j < cv->n; j++)
        if (j == on)
            assert_true(bucket[j] == par && par > 0.0);
        else
            assert_true(bucket[j] == 0.0);
    /* the PV is 1000 times the vertex's discount factor (up to exp(ln DF)) */
    assert_rel(pv, 1000.0 * cv->df[on], 1e-15, pv);
    mf_keyrate_free(w);
    mf_calendar_free(cal);
}

/* trunc6 as ANBIMA truncates a PU */
static double trunc6(double x)
{
    return floor(x * 1e6 + 1e-7) / 1e6;
}

static void ntnf_on_the_curve_versus_anbima(void **state)
{
    (void)state;
    load();
    mf_calendar *cal = br();
    mf_keyrate *w = mf_keyrate_new();
    const char *const ids[] = {"b3", "b4", "b6", "b7"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const fx_bond *b = bond_named(ids[i]);
        const fx_curve *cv = curve_named(b->curve);
        mf_br_flows fl;
        double pv = 0.0, par = 0.0, bucket[MAXN], y = 0.0, pu = 0.0;
        assert_int_equal(mf_br_cashflows(MF_BR_NTNF, cal, cv->settle, b->maturity, &fl, NULL), 0);
        assert_int_equal(
            mf_br_flows_keyrate(&fl, 1.0, w, cv->t, cv->df, cv->n, &pv, &par, bucket, NULL), 0);
        /* ANBIMA-style: the yield of the curve PV, and the PU at that yield */
        assert_int_equal(mf_br_ntnf_yield(cal, cv->settle, b->maturity, trunc6(pv), &y, NULL), 0);
        assert_int_equal(mf_br_ntnf_pu(cal, cv->settle, b->maturity, y, &pu, NULL), 0);
        double gap_bp = (pu - pv) / par; /* BRL / (BRL per bp) */
        /* the DI zero rate at the maturity (flat-forward on the nodes), BUS/252 exponential */
        mf_curve *c = mf_curve_new();
        assert_int_equal(mf_curve_set(c, cv->t, cv->df, cv->n, MF_INTERP_FLAT_FORWARD, NULL), 0);
        double tm = fl.du[fl.n - 1] / 252.0;
        double zero_pct = (pow(mf_curve_df(c, tm), -1.0 / tm) - 1.0) * 100.0;
        mf_curve_free(c);
        print_message("%s NTN-F %d flows: curve PV %.6f, ANBIMA yield of it %.6f%%, ANBIMA PU "
                      "%.6f, gap %.2e bp; DI zero at maturity %.6f%% (yield - zero %.2f bp)\n",
                      b->id, (int)fl.n, pv, y, pu, gap_bp, zero_pct, (y - zero_pct) * 100.0);
        assert_true(fabs(gap_bp) < 0.01); /* only ANBIMA's truncations and roundings differ */
        assert_true(fabs(y - zero_pct) * 100.0 < 50.0);
    }
    mf_keyrate_free(w);
    mf_calendar_free(cal);
}

static void errors(void **state)
{
    (void)state;
    mf_calendar *cal = br();
    mf_br_flows fl;
    mf_error err;
    assert_int_equal(mf_br_cashflows(MF_BR_NTNF, cal, mf_test_date("2026-01-12"),
                                     mf_test_date("2029-02-01"), &fl, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "not a 1 January or 1 July"));
    assert_int_equal(fl.n, 0);
    assert_int_equal(mf_br_cashflows(MF_BR_LTN, cal, mf_test_date("2026-01-10"),
                                     mf_test_date("2029-01-01"), &fl, &err),
                     MF_EINVAL); /* a Saturday settlement */
    /* NTN-B per unit of VNA: coupons of 0.02956301, 1 + coupon at maturity */
    assert_int_equal(mf_br_cashflows(MF_BR_NTNB, cal, mf_test_date("2026-01-12"),
                                     mf_test_date("2027-05-15"), &fl, &err),
                     0);
    assert_int_equal(fl.n, 3);
    assert_int_equal(fl.date[0], mf_test_date("2026-05-15"));
    assert_true(fl.amount[0] == MF_BR_NTNB_COUPON_PCT / 100.0);
    assert_true(fl.amount[2] == 1.0 + MF_BR_NTNB_COUPON_PCT / 100.0);
    mf_keyrate *w = mf_keyrate_new();
    double t[1] = {1.0}, df[1] = {0.9}, pv, par, b[1];
    assert_int_equal(mf_br_flows_keyrate(&fl, 0.0, w, t, df, 1, &pv, &par, b, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "quantity"));
    assert_int_equal(mf_br_flows_keyrate(&fl, NAN, w, t, df, 1, &pv, &par, b, &err), MF_EINVAL);
    mf_keyrate_free(w);
    mf_calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(against_quantlib),
        cmocka_unit_test(ltn_on_a_vertex_loads_one_bucket),
        cmocka_unit_test(ntnf_on_the_curve_versus_anbima),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
