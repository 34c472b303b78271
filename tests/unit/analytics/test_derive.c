/*
 * test_derive.c - the point-in-time engine (mf_derive_compute) against a brute force that
 * applies the rule of derive.h literally: for every time anything became known, run the
 * transform over the inputs as known then, and publish each position whose cells are all
 * known whenever its value differs from the last published. Inputs have publication lags,
 * late arrivals and revisions, from a seeded generator.
 */
#include "support/test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/derive.h"
#include "core/alloc.h"

/* A small seeded generator (splitmix64): tests must not use rand(). */
static uint64_t rng_state;
static double uniform(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

typedef struct vlist {
    mf_obs_vintage *v;
    size_t n;
} vlist;

/*
 * n observations every step days from start, each first known lag..lag+3 days after its
 * date (so some arrive after later ones), a share of them revised once or twice later.
 */
static vlist make_input(mf_date start, size_t n, int step, int lag, double revised, double level)
{
    vlist l = {mf_calloc(3 * n + 1, sizeof(mf_obs_vintage)), 0};
    double x = level;
    for (size_t i = 0; i < n; i++) {
        mf_date d = start + (mf_date)i * step;
        x *= exp(0.01 * (uniform() - 0.5));
        mf_date a = d + lag + (mf_date)(uniform() * 4.0);
        l.v[l.n++] = (mf_obs_vintage){d, a, round(x * 1e6) / 1e6};
        for (int r = 0; r < 2 && uniform() < revised; r++) {
            a += 1 + (mf_date)(uniform() * 30.0);
            l.v[l.n++] =
                (mf_obs_vintage){d, a, round(x * (1.0 + 0.002 * (uniform() - 0.5)) * 1e6) / 1e6};
        }
        if (i == n / 2)
            l.v[l.n - 1].value = NAN; /* a vintage published as missing */
    }
    return l;
}

static int cmp_date(const void *a, const void *b)
{
    mf_date x = *(const mf_date *)a, y = *(const mf_date *)b;
    return (x > y) - (x < y);
}

static bool near(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

static bool same_pub(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) <= 1e-13 * fmax(fabs(a), fabs(b));
}

/* The rule, literally. Returns the vintages (caller frees) in *n. */
static mf_obs_vintage *brute_force(const mf_transform *t, const mf_tf_params *p, const vlist *in,
                                   size_t k, size_t *n_out)
{
    /* the output index and each cell's source observation (by final dates) */
    size_t n = 0;
    mf_date *dates = mf_calloc(in[0].n + 1, sizeof *dates);
    for (size_t v = 0; v < in[0].n; v++)
        if (n == 0 || dates[n - 1] != in[0].v[v].obs_date)
            dates[n++] = in[0].v[v].obs_date;
    size_t ntimes = 0;
    for (size_t j = 0; j < k; j++)
        ntimes += in[j].n;
    mf_date *times = mf_calloc(ntimes + 1, sizeof *times);
    ntimes = 0;
    for (size_t j = 0; j < k; j++)
        for (size_t v = 0; v < in[j].n; v++)
            times[ntimes++] = in[j].v[v].available_at;
    qsort(times, ntimes, sizeof *times, cmp_date);
    double *x = mf_calloc(k * n + 1, sizeof *x), *y = mf_calloc(n + 1, sizeof *y);
    bool *known = mf_calloc(k * n + 1, sizeof *known), *pub = mf_calloc(n + 1, sizeof *pub);
    double *last = mf_calloc(n + 1, sizeof *last);
    mf_obs_vintage *out = mf_calloc(ntimes * n + 1, sizeof *out);
    size_t nout = 0, L = t->lookback(p);
    for (size_t ti = 0; ti < ntimes; ti++) {
        mf_date tau = times[ti];
        if (ti > 0 && times[ti - 1] == tau)
            continue;
        for (size_t j = 0; j < k; j++)
            for (size_t i = 0; i < n; i++) {
                /* source: the last obs of input j dated <= dates[i]; prior: every obs in the
                   release's month, the latest (obs_date, available_at) before the release */
                bool prior = j == 1 && t->align == MF_TF_ALIGN_PRIOR;
                mf_date src = MF_DATE_MIN;
                for (size_t v = 0; v < in[j].n; v++)
                    if (in[j].v[v].obs_date <= dates[i])
                        src = in[j].v[v].obs_date;
                double val = NAN, first = NAN;
                mf_date first_at = MF_DATE_MAX;
                bool any = false;
                mf_date release = MF_DATE_MAX;
                for (size_t v = 0; v < in[0].n; v++)
                    if (in[0].v[v].obs_date == dates[i] && in[0].v[v].available_at < release)
                        release = in[0].v[v].available_at;
                if (prior) {
                    mf_date best_d = MF_DATE_MIN, best_a = MF_DATE_MIN;
                    for (size_t v = 0; v < in[j].n; v++) {
                        mf_date od = in[j].v[v].obs_date, av = in[j].v[v].available_at;
                        if (mf_date_year(od) == mf_date_year(dates[i]) &&
                            mf_date_month(od) == mf_date_month(dates[i]) && av < release &&
                            (od > best_d || (od == best_d && av > best_a))) {
                            best_d = od, best_a = av;
                            val = in[j].v[v].value;
                        }
                    }
                }
                for (size_t v = 0; v < in[j].n && !prior; v++) {
                    if (in[j].v[v].obs_date != src || src == MF_DATE_MIN)
                        continue;
                    if (in[j].v[v].available_at < first_at) {
                        first_at = in[j].v[v].available_at;
                        first = in[j].v[v].value;
                    }
                    if (in[j].v[v].available_at <= tau) {
                        val = in[j].v[v].value;
                        any = true;
                    }
                }
                if (prior) {
                    x[j * n + i] = val;
                    known[j * n + i] = true;
                } else {
                    x[j * n + i] = any ? val : first;
                    known[j * n + i] = src == MF_DATE_MIN || first_at <= tau;
                }
            }
        mf_tf_input ti_in = {n, k, dates, x};
        assert_int_equal(t->run(&ti_in, p, y, NULL), 0);
        for (size_t i = 0; i < n; i++) {
            size_t lo = t->two_sided || L == MF_TF_ALL || i < L ? 0 : i - L;
            size_t hi = t->two_sided ? n - 1 : i;
            bool ok = true;
            for (size_t q = lo; q <= hi && ok; q++)
                for (size_t j = 0; j < k; j++)
                    ok = ok && known[j * n + q];
            if (!ok)
                continue;
            double v = isfinite(y[i]) ? y[i] : NAN;
            if (pub[i] ? !same_pub(v, last[i]) : !isnan(v)) {
                out[nout++] = (mf_obs_vintage){dates[i], tau, v};
                pub[i] = true;
                last[i] = v;
            }
        }
    }
    /* by obs_date then available_at */
    mf_obs_vintage *sorted = mf_calloc(nout + 1, sizeof *sorted);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t o = 0; o < nout; o++)
            if (out[o].obs_date == dates[i])
                sorted[m++] = out[o];
    mf_free(out);
    mf_free(dates);
    mf_free(times);
    mf_free(x);
    mf_free(y);
    mf_free(known);
    mf_free(pub);
    mf_free(last);
    *n_out = m;
    return sorted;
}

static size_t check(const char *name, const char *params, const vlist *in, size_t k)
{
    const mf_transform *t = mf_transform_find(name);
    assert_non_null(t);
    mf_tf_params p;
    mf_error err;
    if (mf_tf_params_parse(t, params, k, &p, &err) != 0)
        fail_msg("%s: %s", name, err.msg);
    mf_derive_input din[MF_TF_MAX_INPUTS];
    for (size_t j = 0; j < k; j++)
        din[j] = (mf_derive_input){in[j].v, in[j].n};
    mf_obs_vintage *got = NULL;
    size_t ng = 0, nw = 0;
    if (mf_derive_compute(t, &p, din, k, MF_DATE_MIN, &got, &ng, &err) != 0)
        fail_msg("%s: %s", name, err.msg);
    mf_obs_vintage *want = brute_force(t, &p, in, k, &nw);
    for (size_t i = 0; i < ng && i < nw; i++) {
        char d[MF_DATE_ISO_SIZE], a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], c[MF_DATE_ISO_SIZE];
        if (got[i].obs_date != want[i].obs_date || got[i].available_at != want[i].available_at ||
            !near(got[i].value, want[i].value))
            fail_msg("%s %s: vintage %zu: got %s known %s = %.15g, want %s known %s = %.15g", name,
                     params, i, mf_date_format_iso(got[i].obs_date, d),
                     mf_date_format_iso(got[i].available_at, a), got[i].value,
                     mf_date_format_iso(want[i].obs_date, b),
                     mf_date_format_iso(want[i].available_at, c), want[i].value);
    }
    if (ng != nw)
        fail_msg("%s %s: %zu vintages, want %zu", name, params, ng, nw);
    /* from: only the obs_dates on or after it, the same vintages */
    if (ng > 10 && !t->two_sided) {
        mf_obs_vintage *tail = NULL;
        size_t nt = 0;
        mf_date from = got[ng / 2].obs_date;
        assert_int_equal(mf_derive_compute(t, &p, din, k, from, &tail, &nt, &err), 0);
        size_t first = 0;
        while (got[first].obs_date < from)
            first++;
        assert_int_equal(nt, ng - first);
        for (size_t i = 0; i < nt; i++) {
            assert_int_equal(tail[i].obs_date, got[first + i].obs_date);
            assert_int_equal(tail[i].available_at, got[first + i].available_at);
            assert_true(near(tail[i].value, got[first + i].value));
        }
        mf_free(tail);
    }
    mf_free(got);
    mf_free(want);
    return ng;
}

static void engine_follows_the_rule(void **state)
{
    (void)state;
    rng_state = 20261124;
    mf_date d0 = mf_test_date("2024-01-01");
    vlist a = make_input(d0, 60, 1, 1, 0.15, 100.0);
    vlist b = make_input(d0 - 3, 62, 1, 2, 0.1, 52.0);
    vlist m = make_input(d0, 12, 7, 10, 0.3, 4.5); /* weekly, long lag: ffill */
    vlist none = make_input(d0, 40, 1, 1, 0.0, 10.0);
    none.v[20].value = 10.0; /* no missing value either */
    vlist pair[2] = {a, b}, ffill[2] = {a, m};
    size_t total = 0;
    total += check("vol_rolling", "{\"window\":5,\"min_periods\":4}", &a, 1);
    total += check("zscore_rolling", "{\"window\":8,\"min_periods\":3}", &a, 1);
    total += check("pct_rank", "{\"window\":6,\"min_periods\":2}", &a, 1);
    total += check("ret_simple", "{\"lag\":3}", &a, 1);
    total += check("vol_ewma", "", &a, 1);
    total += check("drawdown", "", &a, 1);
    total += check("accum_pct", "{\"window\":4}", &m, 1);
    total += check("corr_rolling", "{\"window\":10,\"min_periods\":5}", pair, 2);
    total += check("spread", "", ffill, 2);
    total += check("composite", "{\"min_periods\":3}", ffill, 2);
    total += check("surprise_index", "{\"min_periods\":3}", pair, 2);
    total += check("seasonal_adjust", "{\"window\":4}", &m, 1);
    /* a monthly release against a daily expectation: the last one of its month known before */
    vlist rel = make_input(d0 - 25, 13, 30, 12, 0.3, 4.4); /* dated before any expectation */
    vlist exp_daily = make_input(d0 - 20, 420, 1, 3, 0.05, 4.4);
    vlist sur[2] = {rel, exp_daily};
    size_t surprises = check("surprise_index", "{\"min_periods\":3}", sur, 2);
    assert_true(surprises >= 8); /* defined from the third release on, some revised */
    total += surprises;
    mf_free(rel.v);
    mf_free(exp_daily.v);
    /* a monthly flow over a quarterly GDP published two months late and revised; a naive
       surprise of two components; differences */
    vlist flow = make_input(d0, 30, 30, 20, 0.2, 1000.0);
    vlist gdp = make_input(d0 - 10, 12, 91, 60, 0.4, 9000.0);
    vlist fiscal[2] = {flow, gdp};
    size_t ratios = check("flow_ratio_pct", "{\"window\":4,\"den_periods\":3}", fiscal, 2);
    assert_true(ratios >= 27);
    total += ratios;
    total += check("surprise_naive",
                   "{\"naive_window\":3,\"window\":6,\"min_periods\":3,\"half_life\":2}", pair, 2);
    total += check("diff", "{\"lag\":2}", &a, 1);
    mf_free(flow.v);
    mf_free(gdp.v);
    /* no revisions: exactly one vintage per defined position */
    size_t plain = check("vol_rolling", "{\"window\":5,\"min_periods\":5}", &none, 1);
    assert_int_equal(plain, 40 - 5);
    assert_true(total > 500);
    mf_free(a.v);
    mf_free(b.v);
    mf_free(m.v);
    mf_free(none.v);
}

static void available_at_is_the_latest_input(void **state)
{
    (void)state;
    /* spread of two daily series: the value at d is known when both are */
    mf_date d = mf_test_date("2024-03-01");
    mf_obs_vintage x[3] = {{d, d + 1, 10.0}, {d + 1, d + 2, 10.5}, {d + 2, d + 3, 11.0}};
    mf_obs_vintage y[4] = {
        {d, d + 5, 4.0}, {d + 1, d + 2, 4.5}, {d + 1, d + 9, 4.25}, {d + 2, d + 2, 5.0}};
    mf_derive_input in[2] = {{x, 3}, {y, 4}};
    const mf_transform *t = mf_transform_find("spread");
    mf_tf_params p;
    assert_int_equal(mf_tf_params_parse(t, "", 2, &p, NULL), 0);
    mf_obs_vintage *out = NULL;
    size_t n = 0;
    assert_int_equal(mf_derive_compute(t, &p, in, 2, MF_DATE_MIN, &out, &n, NULL), 0);
    assert_int_equal(n, 4);
    assert_true(out[0].obs_date == d && out[0].available_at == d + 5 && out[0].value == 6.0);
    assert_true(out[1].obs_date == d + 1 && out[1].available_at == d + 2 && out[1].value == 6.0);
    /* the revision of y at d+1 known on d+9: a new vintage, the old one kept */
    assert_true(out[2].obs_date == d + 1 && out[2].available_at == d + 9 && out[2].value == 6.25);
    assert_true(out[3].obs_date == d + 2 && out[3].available_at == d + 3 && out[3].value == 6.0);
    mf_free(out);
    /* a 12-month flow over GDP: dated when the last of the flows and quarters it reads is */
    mf_obs_vintage f[12], g[4];
    for (int i = 0; i < 12; i++) /* months of 2023, each known 30 days later */
        f[i] = (mf_obs_vintage){mf_date_ymd(2023, i + 1, 1), mf_date_ymd(2023, i + 1, 1) + 30,
                                100.0 * (i + 1)};
    for (int q = 0; q < 4; q++) /* quarters, known 60 days after their end; Q2 late */
        g[q] = (mf_obs_vintage){mf_date_ymd(2023, 3 * q + 1, 1),
                                mf_date_ymd(2023, 3 * q + 3, 28) + (q == 1 ? 300 : 60), 3000.0};
    in[0] = (mf_derive_input){f, 12}, in[1] = (mf_derive_input){g, 4};
    t = mf_transform_find("flow_ratio_pct");
    assert_int_equal(mf_tf_params_parse(t, "", 2, &p, NULL), 0);
    assert_int_equal(mf_derive_compute(t, &p, in, 2, MF_DATE_MIN, &out, &n, NULL), 0);
    assert_int_equal(n, 1); /* December 2023: 7800 / 12000 */
    assert_true(out[0].obs_date == mf_date_ymd(2023, 12, 1));
    assert_true(out[0].available_at == mf_date_ymd(2023, 6, 28) + 300); /* Q2: the latest */
    assert_true(fabs(out[0].value - 65.0) < 1e-12);
    mf_free(out);
    t = mf_transform_find("spread");
    assert_int_equal(mf_tf_params_parse(t, "", 2, &p, NULL), 0);
    in[0] = (mf_derive_input){x, 3}, in[1] = (mf_derive_input){y, 4};
    /* an empty input 0: nothing */
    in[0].n = 0;
    assert_int_equal(mf_derive_compute(t, &p, in, 2, MF_DATE_MIN, &out, &n, NULL), 0);
    assert_int_equal(n, 0);
    assert_int_equal(mf_derive_compute(t, &p, in, 1, MF_DATE_MIN, &out, &n, NULL), MF_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(engine_follows_the_rule),
        cmocka_unit_test(available_at_is_the_latest_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
