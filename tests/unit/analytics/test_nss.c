/*
 * test_nss.c - src/analytics/nss.c: the curve against the Federal Reserve's published
 * Gurkaynak-Sack-Wright yields (read from shared/reference at test time), the fit against
 * scipy.optimize.least_squares on the same problem (tests/fixtures/nss.csv), recovery of known
 * parameters, the forward and discount factor against the zero rate, and the errors.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/nss.h"

/* Fitted zero rates: 1e-5 bp (decimal 1e-9) of scipy's. The problems are flat near their
 * minimum (the parameters agree to about 1e-8 only), so the fitted curves of two optimisers
 * stopping at double precision differ by a few 1e-6 bp (3.9e-6 bp measured). */
#define FIT_TOL 1e-9

static void gsw_published_yields_follow_from_their_parameters(void **state)
{
    (void)state;
    char path[1024];
    if (!mf_test_shared_reference_path(path, sizeof path, "series/gsw_feds200628_rows.csv"))
        skip();
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[8192];
    char *cols[128];
    int b0 = -1, tau1 = -1, tau2 = -1, y1 = -1, checked = 0;
    assert_non_null(fgets(line, sizeof line, f));
    int nc = mf_test_split(line, ',', cols, 128);
    for (int i = 0; i < nc; i++) {
        if (strcmp(cols[i], "BETA0") == 0)
            b0 = i;
        if (strcmp(cols[i], "TAU1") == 0)
            tau1 = i;
        if (strcmp(cols[i], "TAU2") == 0)
            tau2 = i;
        if (strcmp(cols[i], "SVENY01") == 0)
            y1 = i;
    }
    assert_true(b0 >= 0 && tau1 > 0 && tau2 > 0 && y1 > 0);
    while (fgets(line, sizeof line, f)) {
        int n = mf_test_split(line, ',', cols, 128);
        assert_int_equal(n, nc);
        /* GSW: betas in percent; a beta3 of 0 with TAU2 -999.99 is a Nelson-Siegel row. */
        mf_nss_params p = {strtod(cols[b0], NULL),     strtod(cols[b0 + 1], NULL),
                           strtod(cols[b0 + 2], NULL), strtod(cols[b0 + 3], NULL),
                           strtod(cols[tau1], NULL),   strtod(cols[tau2], NULL)};
        if (p.beta3 == 0.0)
            p.tau2 = 1.0;
        for (int k = 1; k <= 30; k++) {
            if (strcmp(cols[y1 + k - 1], "NA") == 0)
                continue;
            double want = strtod(cols[y1 + k - 1], NULL), got = mf_nss_zero(&p, (double)k);
            if (fabs(got - want) > 0.00005 + 1e-9) /* published to 4 decimals */
                fail_msg("GSW %s SVENY%02d: got %.6f, published %.4f", cols[0], k, got, want);
            checked++;
        }
    }
    fclose(f);
    assert_true(checked > 100);
}

typedef struct nss_case {
    char name[32];
    size_t n;
    double t[64], z[64];
} nss_case;

static void fits_match_scipy_least_squares(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("nss.csv");
    char line[512];
    nss_case cs = {0}, *c = &cs;
    mf_nss_fit_result fit = {0};
    int fits = 0, fitted = 0;
    double worst = 0.0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "kind,", 5) == 0)
            continue;
        char *v[10];
        mf_test_split(line, ',', v, 10);
        if (strcmp(v[0], "point") == 0) {
            if (strcmp(c->name, v[1]) != 0) {
                snprintf(c->name, sizeof c->name, "%s", v[1]);
                c->n = 0;
            }
            c->t[c->n] = strtod(v[2], NULL);
            c->z[c->n++] = strtod(v[3], NULL);
        } else if (strcmp(v[0], "fit") == 0) {
            mf_error err;
            if (mf_nss_fit(c->t, c->z, c->n, &fit, &err) != 0)
                fail_msg("%s: %s", c->name, err.msg);
            double sse_bp2 = strtod(v[8], NULL);
            double rmse = sqrt(sse_bp2 / (double)c->n);
            if (fabs(fit.rmse_bp - rmse) > 1e-9 * fmax(1.0, rmse))
                fail_msg("%s: rmse %.12g bp, scipy %.12g bp", c->name, fit.rmse_bp, rmse);
            assert_true(fit.converged);
            assert_true(fit.params.tau1 > MF_NSS_TAU1_MIN && fit.params.tau1 <= MF_NSS_TAU1_MAX);
            fits++;
        } else if (strcmp(v[0], "fitted") == 0) {
            double t = strtod(v[2], NULL), want = strtod(v[3], NULL);
            double got = mf_nss_zero(&fit.params, t);
            worst = fmax(worst, fabs(got - want));
            if (fabs(got - want) > FIT_TOL)
                fail_msg("%s: fitted zero at %g years %.15g, scipy %.15g (%.3g bp)", c->name, t,
                         got, want, (got - want) * 1e4);
            fitted++;
        }
    }
    fclose(f);
    print_message("nss: %d fits, %d fitted rates, largest gap to scipy %.3g bp\n", fits, fitted,
                  worst * 1e4);
    assert_true(fits >= 12 && fitted > 1000);
}

static void known_parameters_are_recovered_from_exact_data(void **state)
{
    (void)state;
    const mf_nss_params known = {0.0385, -0.0172, 0.0241, -0.0113, 2.385, 17.25};
    double t[] = {0.1, 0.25, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 25, 30}, z[13];
    for (size_t i = 0; i < 13; i++)
        z[i] = mf_nss_zero(&known, t[i]);
    mf_nss_fit_result r;
    assert_int_equal(mf_nss_fit(t, z, 13, &r, NULL), 0);
    assert_true(r.converged);
    assert_true(r.rmse_bp < 1e-8 && r.max_abs_bp < 1e-8);
    assert_true(fabs(r.params.beta0 - known.beta0) < 1e-8);
    assert_true(fabs(r.params.beta1 - known.beta1) < 1e-8);
    assert_true(fabs(r.params.beta2 - known.beta2) < 1e-7);
    assert_true(fabs(r.params.beta3 - known.beta3) < 1e-7);
    assert_true(fabs(r.params.tau1 - known.tau1) < 1e-6);
    assert_true(fabs(r.params.tau2 - known.tau2) < 1e-5);
    assert_true(r.iterations > 0);
}

static void forward_and_discount_factor_agree_with_the_zero_rate(void **state)
{
    (void)state;
    const mf_nss_params p = {0.0415, -0.0237, 0.0312, -0.0189, 1.385, 11.75};
    /* f(t) = d(y t)/dt, by a central difference */
    for (double t = 0.25; t < 30.0; t += 1.385) {
        double h = 1e-5;
        double fd = (mf_nss_zero(&p, t + h) * (t + h) - mf_nss_zero(&p, t - h) * (t - h)) / (2 * h);
        assert_true(fabs(mf_nss_forward(&p, t) - fd) < 1e-9);
        assert_true(fabs(mf_nss_df(&p, t) - exp(-mf_nss_zero(&p, t) * t)) < 1e-15);
    }
    /* the short end: y(0) = f(0) = b0 + b1, and the long end tends to b0 */
    assert_true(fabs(mf_nss_zero(&p, 0.0) - (p.beta0 + p.beta1)) < 1e-15);
    assert_true(fabs(mf_nss_zero(&p, 1e-9) - (p.beta0 + p.beta1)) < 1e-10);
    assert_true(fabs(mf_nss_forward(&p, 0.0) - (p.beta0 + p.beta1)) < 1e-15);
    assert_true(fabs(mf_nss_zero(&p, 1e6) - p.beta0) < 1e-6);
    assert_true(mf_nss_df(&p, 0.0) == 1.0);
}

static void bad_fit_inputs_are_named(void **state)
{
    (void)state;
    double t[] = {0.25, 0.5, 1, 2, 5, 10, 30},
           z[] = {0.05, 0.05, 0.049, 0.047, 0.045, 0.044, 0.046};
    mf_nss_fit_result r = {.rmse_bp = -1.0};
    mf_error err;
    assert_int_equal(mf_nss_fit(t, z, 5, &r, &err), MF_EINVAL);
    assert_string_equal(err.msg, "a Nelson-Siegel-Svensson fit needs 6 to 64 zero rates, got 5");
    double t_bad[] = {0.25, 0.5, 0.0, 2, 5, 10, 30};
    assert_int_equal(mf_nss_fit(t_bad, z, 7, &r, &err), MF_EINVAL);
    assert_string_equal(err.msg, "fit point 3: time 0 is not a positive number");
    double z_bad[] = {0.05, 0.05, 0.049, 0.047, NAN, 0.044, 0.046};
    assert_int_equal(mf_nss_fit(t, z_bad, 7, &r, &err), MF_EINVAL);
    assert_string_equal(err.msg, "fit point 5: zero rate nan is not finite");
    assert_true(r.rmse_bp == -1.0); /* untouched */
    assert_int_equal(mf_nss_fit(t, z, 7, &r, &err), 0);
    assert_true(r.rmse_bp >= 0.0 && r.max_abs_bp >= r.rmse_bp);
}

/* Curves the model cannot or need not follow still come back as a finite fit, never a crash:
 * flat zero (12/10/2008 bills), negative (real yields, with b0 >= 0), repeated times, 50%. */
static void awkward_curves_give_a_finite_fit(void **state)
{
    (void)state;
    double t[] = {0.08, 0.25, 0.5, 1, 2, 3, 5, 7, 10, 20, 30};
    double zero[11] = {0}, neg[11], high[11], dup_t[11], dup_z[11];
    for (size_t i = 0; i < 11; i++) {
        neg[i] = -0.012 + 0.0005 * t[i];
        high[i] = 0.5 - 0.002 * t[i];
        dup_t[i] = t[i / 2 * 2];
        dup_z[i] = 0.04 + (i % 2 ? 0.001 : -0.001);
    }
    const double *cases[][2] = {{t, zero}, {t, neg}, {t, high}, {dup_t, dup_z}};
    for (size_t k = 0; k < 4; k++) {
        mf_nss_fit_result r;
        mf_error err;
        if (mf_nss_fit(cases[k][0], cases[k][1], 11, &r, &err) != 0)
            fail_msg("case %zu: %s", k, err.msg);
        assert_true(isfinite(r.rmse_bp) && isfinite(r.params.beta0) && r.params.beta0 >= 0.0);
        assert_true(r.params.tau1 >= MF_NSS_TAU1_MIN && r.params.tau1 <= MF_NSS_TAU1_MAX);
        assert_true(r.params.tau2 >= MF_NSS_TAU2_MIN && r.params.tau2 <= MF_NSS_TAU2_MAX);
        if (k == 0)
            assert_true(r.rmse_bp < 1e-6);
        if (k == 3) /* five pairs 20bp apart at one time each: 10bp off each, at best */
            assert_true(r.rmse_bp >= sqrt(10.0 * 100.0 / 11.0) - 1e-9);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gsw_published_yields_follow_from_their_parameters),
        cmocka_unit_test(fits_match_scipy_least_squares),
        cmocka_unit_test(known_parameters_are_recovered_from_exact_data),
        cmocka_unit_test(forward_and_discount_factor_agree_with_the_zero_rate),
        cmocka_unit_test(awkward_curves_give_a_finite_fit),
        cmocka_unit_test(bad_fit_inputs_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
