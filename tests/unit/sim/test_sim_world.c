/*
 * test_sim_world.c - the simulated world (src/sim): determinism, point in time, the stylized
 * facts of issue 6 with their stated bounds, DI1 settlements against the simulated Selic path,
 * bond prices against the pricing layer, and the connector (registry, chunked fetches).
 * The generation time is measured and printed, not asserted.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "analytics/br_bonds.h"
#include "analytics/di1.h"
#include "core/calendar.h"
#include "sim/connector.h"
#include "sim/meetings.h"
#include "sim/world.h"

static mf_calendar *br, *us;
static mf_sim_world *world; /* seed MF_SIM_DEFAULT_SEED, end END */
#define END "2026-11-24"

/* Every row of one request over the whole world. */
static void rows_of(const mf_sim_world *w, const char *req, mf_conn_rows *out)
{
    mf_error err;
    mf_conn_rows_clear(out);
    int rc = mf_sim_world_rows(w, req, mf_test_date("2000-01-01"), mf_test_date("2100-01-01"), out,
                               &err);
    if (rc != 0)
        fail_msg("%s", err.msg);
}

static double seconds_since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) * 1e-9;
}

static mf_sim_world *build(uint64_t seed)
{
    mf_error err;
    mf_sim_world *w = NULL;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (mf_sim_world_new(seed, mf_test_date(END), br, us, &w, &err) != 0)
        fail_msg("%s", err.msg);
    fprintf(stderr, "sim: world 2005-01-03..%s seed %llu built in %.3f s\n", END,
            (unsigned long long)seed, seconds_since(&t0));
    return w;
}

static int setup(void **state)
{
    (void)state;
    mf_error err;
    if (mf_calendar_new("br", &br, &err) != 0 || mf_calendar_new("us-gov", &us, &err) != 0)
        return -1;
    world = build(MF_SIM_DEFAULT_SEED);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mf_sim_world_free(world);
    mf_calendar_free(br);
    mf_calendar_free(us);
    mf_sim_cache_clear();
    return 0;
}

/* FNV-1a over every field of every row of every request. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3u;
    return h;
}

static uint64_t world_hash(const mf_sim_world *w, size_t *n_rows)
{
    uint64_t h = 0xcbf29ce484222325u;
    mf_conn_rows rows = {0};
    *n_rows = 0;
    for (size_t k = 0; k <= mf_sim_key_count() + 1; k++) {
        const char *req = k < mf_sim_key_count()    ? mf_sim_key_at(k)
                          : k == mf_sim_key_count() ? MF_SIM_REQUEST_DI1
                                                    : MF_SIM_REQUEST_BONDS;
        rows_of(w, req, &rows);
        for (size_t i = 0; i < rows.n; i++) {
            const mf_conn_row *r = &rows.v[i];
            double nums[] = {r->value,  r->open,   r->high,      r->low,          r->close,
                             r->settle, r->volume, r->yield_pct, r->open_interest};
            h = fnv(h, r->key, strlen(r->key));
            h = fnv(h, &r->kind, sizeof r->kind);
            h = fnv(h, &r->date, sizeof r->date);
            h = fnv(h, &r->available_at, sizeof r->available_at);
            h = fnv(h, nums, sizeof nums);
        }
        *n_rows += rows.n;
    }
    mf_conn_rows_free(&rows);
    return h;
}

static void same_seed_same_bytes_other_seed_differs(void **state)
{
    (void)state;
    size_t n1, n2, n3;
    uint64_t h1 = world_hash(world, &n1);
    mf_sim_world *again = build(MF_SIM_DEFAULT_SEED);
    mf_sim_world *other = build(MF_SIM_DEFAULT_SEED + 1);
    uint64_t h2 = world_hash(again, &n2), h3 = world_hash(other, &n3);
    fprintf(stderr, "sim: %zu rows, hash %016llx\n", n1, (unsigned long long)h1);
    assert_true(n1 > 500000);
    assert_int_equal(n1, n2);
    assert_true(h1 == h2);
    assert_true(h1 != h3);
    mf_sim_world_free(again);
    mf_sim_world_free(other);
}

/* Calendar days from the end of the reference period (month or quarter) to the release. */
static int32_t lag_after_period(const mf_conn_row *r, bool quarterly)
{
    mf_date end = quarterly ? mf_date_quarter_end(r->date) : mf_date_month_end(r->date);
    return r->available_at - end;
}

typedef struct pit_rule {
    const char *key;
    int kind; /* 0 monthly/quarterly lag after the period end, 1 lag after obs_date */
    bool quarterly;
    int32_t lo, hi; /* the first print's lag, calendar days */
    bool revised;   /* later vintages exist */
} pit_rule;

/* The release rules of docs/simulated-market.md, with a few days for weekends and holidays. */
static const pit_rule pit_rules[] = {
    {"US.CPI_INDEX", 0, false, 13, 17, false},
    {"US.CPI_CORE_INDEX", 0, false, 13, 17, false},
    {"US.UNEMPLOYMENT_PCT", 0, false, 3, 11, false},
    {"US.PAYROLLS_K", 0, false, 3, 11, true},
    {"US.GDP_REAL_BN_USD", 0, true, 24, 31, true},
    {"BR.IPCA_MOM_PCT", 0, false, 10, 14, false},
    {"BR.IPCA_12M_PCT", 0, false, 10, 14, false},
    {"BR.IPCA_SERVICES_MOM_PCT", 0, false, 10, 14, false},
    {"BR.IGPM_MOM_PCT", 0, false, -7, 0, false},
    {"BR.IBCBR_INDEX", 0, false, 43, 50, true},
    {"BR.UNEMPLOYMENT_PCT", 0, false, 20, 31, false},
    {"BR.PRIMARY_BALANCE_12M_GDP_PCT", 0, false, 20, 31, true},
    {"BR.GROSS_DEBT_GDP_PCT", 0, false, 20, 31, false},
    {"BR.FOCUS_IPCA_CY_MEDIAN_PCT", 1, false, 3, 7, false},
    {"BR.FOCUS_SELIC_CY_END_MEDIAN_PCT", 1, false, 3, 7, false},
    {"US.CFTC_BRL_NET_CONTRACTS", 1, false, 3, 6, false},
    {"BR.FX_FLOW_FINANCIAL_USD_MN", 1, false, 5, 14, false},
};

static void no_value_before_its_release_and_revisions_exist(void **state)
{
    (void)state;
    mf_date end = mf_test_date(END);
    mf_conn_rows rows = {0};
    /* every row of every key: never visible before it is observed, nor after the world ends */
    for (size_t k = 0; k < mf_sim_key_count(); k++) {
        rows_of(world, mf_sim_key_at(k), &rows);
        assert_true(rows.n > 0);
        for (size_t i = 0; i < rows.n; i++) {
            assert_true(rows.v[i].available_at != MF_CONN_AVAILABLE_FROM_LAG);
            assert_true(rows.v[i].available_at <= end);
            if (strcmp(rows.v[i].key, "BR.IGPM_MOM_PCT") != 0) /* published inside its month */
                assert_true(rows.v[i].available_at >= rows.v[i].date);
        }
    }
    for (size_t p = 0; p < sizeof pit_rules / sizeof pit_rules[0]; p++) {
        const pit_rule *rule = &pit_rules[p];
        rows_of(world, rule->key, &rows);
        size_t revised = 0, changed = 0;
        for (size_t i = 0; i < rows.n; i++) {
            const mf_conn_row *r = &rows.v[i];
            bool first = i == 0 || rows.v[i - 1].date != r->date;
            if (first) {
                int32_t lag = rule->kind == 0 ? lag_after_period(r, rule->quarterly)
                                              : r->available_at - r->date;
                if (lag < rule->lo || lag > rule->hi)
                    fail_msg("%s obs %d: first print %d days after, expected %d..%d", rule->key,
                             r->date, lag, rule->lo, rule->hi);
            } else {
                assert_true(r->available_at > rows.v[i - 1].available_at);
                revised++;
                changed += r->value != rows.v[i - 1].value;
            }
        }
        if (rule->revised) {
            assert_true(revised > 100);
            assert_true(changed > revised / 2);
        } else {
            assert_int_equal(revised, 0);
        }
    }
    mf_conn_rows_free(&rows);
}

/* Daily values of a key, on the days it has one (dates into d when not NULL). */
static size_t series(const char *key, double *v, mf_date *d, size_t cap)
{
    mf_conn_rows rows = {0};
    rows_of(world, key, &rows);
    size_t n = 0;
    for (size_t i = 0; i < rows.n && n < cap; i++, n++) {
        v[n] = rows.v[i].kind == MF_CONN_PRICE ? rows.v[i].close : rows.v[i].value;
        if (d)
            d[n] = rows.v[i].date;
    }
    mf_conn_rows_free(&rows);
    return n;
}

enum { CAP = 8000 };

static double sq(double x)
{
    return x * x;
}

typedef struct moments {
    double ann_vol, kurtosis, acf_sq1;
} moments;

static moments return_moments(const double *p, size_t n)
{
    static double r[CAP];
    double m = 0, v = 0, k = 0;
    for (size_t i = 1; i < n; i++)
        m += (r[i - 1] = log(p[i] / p[i - 1]));
    size_t nr = n - 1;
    m /= (double)nr;
    for (size_t i = 0; i < nr; i++) {
        v += sq(r[i] - m);
        k += sq(sq(r[i] - m));
    }
    v /= (double)nr;
    k /= (double)nr;
    double ms = 0, num = 0, den = 0;
    for (size_t i = 0; i < nr; i++)
        ms += sq(r[i]);
    ms /= (double)nr;
    for (size_t i = 0; i < nr; i++) {
        den += sq(sq(r[i]) - ms);
        if (i > 0)
            num += (sq(r[i]) - ms) * (sq(r[i - 1]) - ms);
    }
    return (moments){sqrt(252.0 * v), k / (v * v), num / den};
}

static double correlation(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += sq(x[i] - mx);
        syy += sq(y[i] - my);
    }
    return sxy / sqrt(sxx * syy);
}

/* Bounds: USD/BRL annualised volatility 10..25 %; kurtosis of daily log returns > 4 (normal: 3)
   for USD/BRL and the S&P 500; lag-1 autocorrelation of squared returns > 0.05 (clustering);
   correlation of daily USD/BRL and CDS log changes > 0.4 (BRL weakens when CDS widens). */
static void returns_have_fat_tails_clustering_and_realistic_fx_vol(void **state)
{
    (void)state;
    static double fx[CAP], spx[CAP], cds[CAP], dfx[CAP], dcds[CAP];
    size_t n = series("USDBRL", fx, NULL, CAP);
    size_t ns = series("SPX", spx, NULL, CAP);
    assert_int_equal(series("BR.CDS_5Y_BP", cds, NULL, CAP), n); /* same calendar */
    moments mf = return_moments(fx, n), ms = return_moments(spx, ns);
    fprintf(stderr,
            "sim: USD/BRL vol %.3f kurtosis %.2f acf(r^2) %.3f; S&P vol %.3f kurtosis %.2f "
            "acf(r^2) %.3f\n",
            mf.ann_vol, mf.kurtosis, mf.acf_sq1, ms.ann_vol, ms.kurtosis, ms.acf_sq1);
    assert_true(mf.ann_vol > 0.10 && mf.ann_vol < 0.25);
    assert_true(mf.kurtosis > 4.0 && ms.kurtosis > 4.0);
    assert_true(mf.acf_sq1 > 0.05 && ms.acf_sq1 > 0.05);
    for (size_t i = 1; i < n; i++) {
        dfx[i - 1] = log(fx[i] / fx[i - 1]);
        dcds[i - 1] = log(cds[i] / cds[i - 1]);
    }
    double c = correlation(dfx, dcds, n - 1);
    fprintf(stderr, "sim: corr(dln USD/BRL, dln CDS) %.3f\n", c);
    assert_true(c > 0.4);
}

/* Bounds: Selic 2..26.5 %; every change a whole number of 25 bp, on the first business day
   after a COPOM meeting; IPCA 12 months within 1.5..15 %. */
static void selic_moves_in_25bp_steps_after_meetings_and_ipca_in_range(void **state)
{
    (void)state;
    static double selic[CAP], ipca[CAP];
    static mf_date d[CAP];
    mf_error err;
    size_t n = series("BR.SELIC_TARGET_PCT", selic, d, CAP), changes = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(selic[i] >= 2.0 && selic[i] <= 26.5);
        if (i == 0 || selic[i] == selic[i - 1])
            continue;
        changes++;
        double steps = (selic[i] - selic[i - 1]) / 0.25;
        assert_true(fabs(steps - round(steps)) < 1e-9);
        mf_date m[MF_SIM_MEETINGS_PER_YEAR], prev;
        assert_int_equal(mf_calendar_advance(br, d[i], -1, &prev, &err), 0);
        bool after_meeting = false;
        assert_int_equal(mf_sim_meetings(MF_SIM_COPOM, mf_date_year(prev), br, m, &err), 0);
        for (int k = 0; k < MF_SIM_MEETINGS_PER_YEAR; k++)
            after_meeting |= m[k] == prev;
        if (!after_meeting)
            fail_msg("Selic changed on day %d, not the business day after a meeting", d[i]);
    }
    assert_true(changes > 40);
    size_t ni = series("BR.IPCA_12M_PCT", ipca, NULL, CAP);
    double lo = 99, hi = -99;
    for (size_t i = 0; i < ni; i++) {
        lo = fmin(lo, ipca[i]);
        hi = fmax(hi, ipca[i]);
    }
    fprintf(stderr, "sim: %zu Selic moves; IPCA 12m %.2f..%.2f\n", changes, lo, hi);
    assert_true(lo >= 1.5 && hi <= 15.0);
}

/* Bound: the correlation between the 5-year breakeven's change on CPI release days and the
   surprise in the release, measured as the core CPI m/m less the average of the 12 months
   before it (the headline surprise less its energy part, which the market sees in oil), is
   > 0.3. */
static void breakevens_follow_inflation_surprises(void **state)
{
    (void)state;
    static double be[CAP], x[400], y[400];
    static mf_date d[CAP];
    size_t n = series("US.BREAKEVEN_5Y_PCT", be, d, CAP), k = 0;
    mf_conn_rows rows = {0};
    rows_of(world, "US.CPI_CORE_INDEX", &rows);
    for (size_t i = 13; i < rows.n; i++) {
        double mom = 100.0 * (rows.v[i].value / rows.v[i - 1].value - 1.0);
        double avg = 100.0 * (pow(rows.v[i - 1].value / rows.v[i - 13].value, 1.0 / 12.0) - 1.0);
        size_t j = 1;
        while (j < n && d[j] < rows.v[i].available_at)
            j++;
        if (j >= n || d[j] != rows.v[i].available_at)
            continue;
        x[k] = mom - avg;
        y[k++] = be[j] - be[j - 1];
    }
    mf_conn_rows_free(&rows);
    double c = correlation(x, y, k);
    fprintf(stderr, "sim: corr(breakeven change, CPI surprise) %.3f over %zu releases\n", c, k);
    assert_true(k > 200);
    assert_true(c > 0.3);
}

/* Focus vintages move towards the outcome. Bound: over the complete years 2006..2025 the mean
   absolute error of the current-year IPCA median against the year's outcome (the December
   IPCA 12 months) is less than half as large in the December surveys as in the January ones. */
static void focus_vintages_converge_to_the_outcome(void **state)
{
    (void)state;
    mf_conn_rows focus = {0}, ipca = {0};
    rows_of(world, "BR.FOCUS_IPCA_CY_MEDIAN_PCT", &focus);
    rows_of(world, "BR.IPCA_12M_PCT", &ipca);
    double early = 0, late = 0;
    int n_early = 0, n_late = 0;
    for (size_t i = 0; i < ipca.n; i++) {
        int y = mf_date_year(ipca.v[i].date);
        if (mf_date_month(ipca.v[i].date) != 12 || y < 2006 || y > 2025)
            continue;
        for (size_t j = 0; j < focus.n; j++) {
            if (mf_date_year(focus.v[j].date) != y)
                continue;
            double e = fabs(focus.v[j].value - ipca.v[i].value);
            if (mf_date_month(focus.v[j].date) == 1) {
                early += e;
                n_early++;
            } else if (mf_date_month(focus.v[j].date) == 12) {
                late += e;
                n_late++;
            }
        }
    }
    mf_conn_rows_free(&focus);
    mf_conn_rows_free(&ipca);
    fprintf(stderr, "sim: Focus IPCA current year: mean |error| January %.3f, December %.3f\n",
            early / n_early, late / n_late);
    assert_true(n_early > 60 && n_late > 60);
    assert_true(late / n_late < 0.5 * early / n_early);
}

/* Ratings: a row on the first day, then one per action, one notch at a time, within 6..21;
   migrations happen, and not too often (bounds: 20..600 actions in 21 series over 22 years). */
static void ratings_migrate_one_notch_at_a_time(void **state)
{
    (void)state;
    static const char *const countries[] = {"BR", "MX", "CO", "CL", "PE", "ZA", "TR"};
    static const char *const agencies[] = {"SP", "MOODYS", "FITCH"};
    mf_conn_rows rows = {0};
    size_t actions = 0;
    for (int c = 0; c < 7; c++)
        for (int a = 0; a < 3; a++) {
            char key[32];
            snprintf(key, sizeof key, "%s.RATING_%s", countries[c], agencies[a]);
            rows_of(world, key, &rows);
            assert_true(rows.n >= 1);
            assert_int_equal(rows.v[0].date, mf_test_date("2005-01-03"));
            for (size_t i = 0; i < rows.n; i++) {
                assert_true(rows.v[i].value >= 6 && rows.v[i].value <= 21);
                assert_int_equal(rows.v[i].available_at, rows.v[i].date);
                if (i > 0) {
                    assert_true(rows.v[i].date > rows.v[i - 1].date);
                    assert_true(fabs(rows.v[i].value - rows.v[i - 1].value) == 1.0);
                    actions++;
                }
            }
        }
    mf_conn_rows_free(&rows);
    fprintf(stderr, "sim: %zu rating actions\n", actions);
    assert_true(actions >= 20 && actions <= 600);
}

/* Slope change over each easing cycle (first to last cut with no hike between), averaged:
   must be > 0 for the Treasury 10y - 2y and for the DI 5y - CDI. */
static double slope_change_over_easings(const char *policy, const char *longer, const char *shorter)
{
    static double p[CAP], l[CAP], s[CAP];
    size_t n = series(policy, p, NULL, CAP);
    assert_int_equal(series(longer, l, NULL, CAP), n);
    assert_int_equal(series(shorter, s, NULL, CAP), n);
    double sum = 0;
    int cycles = 0;
    size_t start = 0;
    bool in_cycle = false;
    size_t last_cut = 0;
    for (size_t i = 1; i < n; i++) {
        if (p[i] < p[i - 1]) {
            if (!in_cycle) {
                in_cycle = true;
                start = i - 1;
            }
            last_cut = i;
        } else if (p[i] > p[i - 1] && in_cycle) {
            sum += (l[last_cut] - s[last_cut]) - (l[start] - s[start]);
            cycles++;
            in_cycle = false;
        }
    }
    fprintf(stderr, "sim: %s easing cycles %d, mean %s - %s change %.3f\n", policy, cycles, longer,
            shorter, cycles ? sum / cycles : 0.0);
    assert_true(cycles >= 2);
    return sum / cycles;
}

static void curves_steepen_in_easing_cycles(void **state)
{
    (void)state;
    assert_true(slope_change_over_easings("US.FED_FUNDS_TARGET_PCT", "US.UST_PAR_10Y_PCT",
                                          "US.UST_PAR_2Y_PCT") > 0.0);
    assert_true(slope_change_over_easings("BR.SELIC_TARGET_PCT", "BR.DI_PRE_5Y_PCT", "BR.CDI_PCT") >
                0.0);
}

/* DI1 against the Selic path. Bounds: (1) a contract maturing before the next COPOM decision
   takes effect settles within 0.15 pp of the CDI (Selic - 0.10): nothing but the CDI accrues;
   (2) ex post, the settlement of each contract 200..300 business days from maturity less the
   CDI realised (compounded BUS/252) until maturity averages 0..1.5 pp (the term premium) with
   an RMS under 3 pp (expectation errors). */
static void di1_settlements_follow_the_selic_path(void **state)
{
    (void)state;
    mf_error err;
    static double cdi[CAP];
    static mf_date d[CAP];
    size_t n = series("BR.CDI_PCT", cdi, d, CAP);
    mf_conn_rows rows = {0};
    rows_of(world, MF_SIM_REQUEST_DI1, &rows);
    size_t di = 0, front = 0, ex_post = 0;
    double sum = 0, sum2 = 0;
    size_t copom_i = 0;
    mf_date copom[64 * MF_SIM_MEETINGS_PER_YEAR];
    size_t n_copom = 0;
    for (int y = 2005; y <= 2038; y++) {
        assert_int_equal(mf_sim_meetings(MF_SIM_COPOM, y, br, copom + n_copom, &err), 0);
        n_copom += MF_SIM_MEETINGS_PER_YEAR;
    }
    for (size_t t = 0; t < n; t++) {
        while (copom_i < n_copom && copom[copom_i] < d[t])
            copom_i++;
        mf_date next_effective;
        assert_int_equal(mf_calendar_advance(br, copom[copom_i], 1, &next_effective, &err), 0);
        for (; di < rows.n && rows.v[di].date == d[t]; di++) {
            const mf_conn_row *r = &rows.v[di];
            mf_date mat;
            int32_t du;
            assert_int_equal(mf_di1_maturity_from_ticker(br, r->key, &mat, &err), 0);
            assert_int_equal(mf_calendar_bizdays(br, d[t], mat, &du, &err), 0);
            assert_true(du >= 1);
            if (mat <= next_effective) {
                front++;
                if (fabs(r->settle - cdi[t]) > 0.15)
                    fail_msg("%s on %d: %.3f vs CDI %.3f", r->key, d[t], r->settle, cdi[t]);
            }
            if (du >= 200 && du <= 300 && mat <= d[n - 1]) {
                double acc = 0;
                size_t u = t;
                for (; u < n && d[u] < mat; u++)
                    acc += log1p(cdi[u] / 100.0);
                double realised = 100.0 * expm1(acc / (double)(u - t));
                sum += r->settle - realised;
                sum2 += sq(r->settle - realised);
                ex_post++;
            }
        }
        assert_true(di == rows.n || rows.v[di].date > d[t]);
    }
    assert_int_equal(di, rows.n);
    mf_conn_rows_free(&rows);
    double mean = sum / (double)ex_post, rms = sqrt(sum2 / (double)ex_post);
    fprintf(stderr,
            "sim: DI1 %zu front rows at the CDI; ex post settle - realised CDI: mean %.3f rms %.3f "
            "over %zu\n",
            front, mean, rms, ex_post);
    assert_true(front > 1000);
    assert_true(mean > 0.0 && mean < 1.5);
    assert_true(rms < 3.0);
}

/* Every bond row's PU is the pricing layer's price at the row's yield (to the cent: exactly,
   as the world prices through it), and LTN yields sit within 0.10 pp of the DI1 settlement of
   the same maturity (an LTN maturing on 1 January and DI1F of that year have the same du). */
static void bond_prices_are_the_pricing_layer_at_their_yields(void **state)
{
    (void)state;
    mf_error err;
    static double vna[CAP];
    static mf_date d[CAP];
    size_t n = series("BR.NTNB_VNA_BRL", vna, d, CAP);
    mf_conn_rows rows = {0}, di1 = {0};
    rows_of(world, MF_SIM_REQUEST_BONDS, &rows);
    rows_of(world, MF_SIM_REQUEST_DI1, &di1);
    size_t t = 0, j = 0, checked = 0, ltn_vs_di = 0;
    for (size_t i = 0; i < rows.n; i++) {
        const mf_conn_row *r = &rows.v[i];
        while (t < n && d[t] < r->date)
            t++;
        assert_true(t < n && d[t] == r->date);
        const char *dash = strchr(r->key, '-');
        assert_non_null(dash);
        int ymd = 0;
        for (const char *c = dash + 1; *c; c++)
            ymd = ymd * 10 + (*c - '0');
        mf_date mat = mf_date_ymd(ymd / 10000, ymd / 100 % 100, ymd % 100);
        mf_br_bond kind = strncmp(r->key, "LTN", 3) == 0    ? MF_BR_LTN
                          : strncmp(r->key, "NTNF", 4) == 0 ? MF_BR_NTNF
                                                            : MF_BR_NTNB;
        double pu;
        assert_int_equal(mf_br_pu(kind, br, r->date, mat, r->yield_pct, vna[t], &pu, &err), 0);
        if (fabs(pu - r->close) >= 0.005)
            fail_msg("%s on %d: PU %.6f, pricing layer %.6f at %.4f %%", r->key, r->date, r->close,
                     pu, r->yield_pct);
        checked++;
        if (kind == MF_BR_LTN && mf_date_month(mat) == 1) {
            char want[8];
            snprintf(want, sizeof want, "DI1F%02d", mf_date_year(mat) % 100);
            while (j < di1.n && di1.v[j].date < r->date)
                j++;
            for (size_t k = j; k < di1.n && di1.v[k].date == r->date; k++)
                if (strcmp(di1.v[k].key, want) == 0) {
                    assert_true(fabs(di1.v[k].settle - r->yield_pct) < 0.10);
                    ltn_vs_di++;
                }
        }
    }
    fprintf(stderr, "sim: %zu bond prices checked, %zu LTN yields against DI1\n", checked,
            ltn_vs_di);
    assert_true(checked > 100000);
    assert_true(ltn_vs_di > 10000);
    mf_conn_rows_free(&rows);
    mf_conn_rows_free(&di1);
}

/* The connector: registered once, keys checked, a range fetched in chunks gives the rows one
   fetch gives, unknown requests are errors naming them. */
static void connector_fetches_slices_of_one_world(void **state)
{
    (void)state;
    mf_error err;
    assert_int_equal(mf_connector_add(&mf_conn_simulated, &err), 0);
    assert_int_equal(mf_connector_add(&mf_conn_simulated, &err), 0);
    assert_ptr_equal(mf_connector_find("simulated"), &mf_conn_simulated);
    assert_int_equal(mf_conn_simulated.check_key("BR.IPCA_MOM_PCT", &err), 0);
    assert_int_equal(mf_conn_simulated.check_key("DI1F27", &err), 0);
    assert_int_equal(mf_conn_simulated.check_key("NTNB-20350515", &err), 0);
    assert_int_equal(mf_conn_simulated.check_key("BR.IPCA", &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "'BR.IPCA'"));
    char req[32];
    mf_conn_simulated.request_of("DI1N28", req, sizeof req);
    assert_string_equal(req, "DI1");
    mf_conn_simulated.request_of("LTN-20270101", req, sizeof req);
    assert_string_equal(req, "BONDS");
    mf_sim_set_seed(MF_SIM_DEFAULT_SEED);
    mf_conn_env env = {.br = br, .us = us, .today = mf_test_date(END)};
    mf_conn_rows whole = {0}, parts = {0};
    mf_date a = mf_test_date("2008-01-01"), b = mf_test_date("2009-12-31");
    assert_int_equal(mf_conn_simulated.fetch(&env, "USDBRL", a, b, &whole, &err), 0);
    for (mf_date from = a; from <= b; from += 90)
        assert_int_equal(mf_conn_simulated.fetch(&env, "USDBRL", from,
                                                 from + 89 > b ? b : from + 89, &parts, &err),
                         0);
    assert_int_equal(whole.n, parts.n);
    assert_true(whole.n > 400);
    for (size_t i = 0; i < whole.n; i++) {
        assert_int_equal(whole.v[i].date, parts.v[i].date);
        assert_true(whole.v[i].close == parts.v[i].close);
    }
    /* the cached world is the world: same rows as a world built directly */
    mf_conn_rows direct = {0};
    assert_int_equal(mf_sim_world_rows(world, "USDBRL", a, b, &direct, &err), 0);
    assert_int_equal(direct.n, whole.n);
    assert_true(direct.v[7].close == whole.v[7].close);
    assert_int_equal(mf_conn_simulated.fetch(&env, "NOPE", a, b, &parts, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "'NOPE'"));
    mf_conn_rows_free(&whole);
    mf_conn_rows_free(&parts);
    mf_conn_rows_free(&direct);
}

static void bad_end_dates_and_calendars_are_refused(void **state)
{
    (void)state;
    mf_error err;
    mf_sim_world *w = NULL;
    assert_int_equal(mf_sim_world_new(1, mf_test_date("2005-01-20"), br, us, &w, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "end date '2005-01-20'"));
    assert_int_equal(mf_sim_world_new(1, mf_test_date("2010-01-20"), us, br, &w, &err), MF_EINVAL);
    assert_null(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_bytes_other_seed_differs),
        cmocka_unit_test(no_value_before_its_release_and_revisions_exist),
        cmocka_unit_test(returns_have_fat_tails_clustering_and_realistic_fx_vol),
        cmocka_unit_test(selic_moves_in_25bp_steps_after_meetings_and_ipca_in_range),
        cmocka_unit_test(breakevens_follow_inflation_surprises),
        cmocka_unit_test(focus_vintages_converge_to_the_outcome),
        cmocka_unit_test(ratings_migrate_one_notch_at_a_time),
        cmocka_unit_test(curves_steepen_in_easing_cycles),
        cmocka_unit_test(di1_settlements_follow_the_selic_path),
        cmocka_unit_test(bond_prices_are_the_pricing_layer_at_their_yields),
        cmocka_unit_test(connector_fetches_slices_of_one_world),
        cmocka_unit_test(bad_end_dates_and_calendars_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
