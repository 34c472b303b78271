/*
 * test_quality.c - the data quality framework on every backend: a clean simulated backfill
 * scores clean (100, nothing failing), and each kind of defect seeded into otherwise clean
 * simulated data through the repos is flagged - exactly that defect, on that series, with its
 * severity, and nothing else. Also the run record: history, runs newest first, the 'quality'
 * event in the run's transaction.
 */
#include "support/test.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "analytics/quality.h"
#include "analytics/stats.h"
#include "core/alloc.h"
#include "data/catalog.h"
#include "data/ingest.h"
#include "sim/connector.h"
#include "store/repo_curves.h"
#include "store/repo_events.h"
#include "store/repo_observations.h"
#include "support/store.h"

/* The simulated world is backfilled over FROM..TO (fetched on TO) and checked as of TO with a
   one-year window. */
#define FROM "2025-09-01"
#define TO   "2026-09-30"
enum { WINDOW = 366 };
static const int64_t NOW = 1790000000;

/* A store holding the simulated series of the catalogue, backfilled over FROM..TO. */
static mf_store *clean_store(void)
{
    mf_error err;
    static bool added;
    if (!added) {
        if (mf_connector_add(&mf_conn_simulated, &err) != 0)
            fail_msg("%s", err.msg);
        added = true;
    }
    mf_store *st = mf_test_store_open();
    mf_catalog cat = {0}, sim = {0};
    if (mf_catalog_builtin(&cat, &err) != 0)
        fail_msg("%s", err.msg);
    sim.series = mf_calloc(cat.n_series, sizeof *sim.series);
    for (size_t i = 0; i < cat.n_series; i++)
        if (strcmp(cat.series[i].source, "simulated") == 0)
            sim.series[sim.n_series++] = cat.series[i];
    mf_catalog_report rep;
    if (mf_catalog_store(st, &sim, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    mf_free(sim.series);
    mf_catalog_free(&cat);
    mf_ingest_options o = {.mode = MF_INGEST_BACKFILL,
                           .source = "simulated",
                           .from = mf_test_date(FROM),
                           .to = mf_test_date(TO),
                           .today = mf_test_date(TO),
                           .now = NOW - 3600,
                           .concurrency = 1};
    mf_http_options_default(&o.http);
    mf_ingest_summary sum;
    if (mf_ingest_run(st, &o, &sum, &err) != 0)
        fail_msg("%s", err.msg);
    if (sum.items_failed)
        fail_msg("%zu simulated requests failed", sum.items_failed);
    assert_true(sum.rows_new > 10000);
    return st;
}

/* Runs every check on st as of TO; the run in *run, its results in *res (caller frees). */
static void run_quality(mf_store *st, mf_quality_run *run, mf_quality_result **res, size_t *n)
{
    mf_error err;
    mf_quality_rules rules;
    if (mf_quality_rules_builtin(&rules, &err) != 0)
        fail_msg("%s", err.msg);
    mf_quality_options o = {
        .as_of = mf_test_date(TO), .now = NOW, .window_days = WINDOW, .curves = true};
    if (mf_quality_run_checks(st, &rules, &o, run, &err) != 0)
        fail_msg("%s", err.msg);
    mf_quality_rules_free(&rules);
    if (mf_repo_quality_results(st, run->id, res, n, &err) != 0)
        fail_msg("%s", err.msg);
}

/* Prints the failing results (warning and critical) and returns how many there are. */
static size_t failing(const mf_quality_result *r, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].status == MF_QUALITY_FAIL && r[i].severity != MF_QUALITY_INFO) {
            print_message("  failing: %s %s %s: %s\n", r[i].code, mf_quality_check_name(r[i].check),
                          mf_quality_severity_name(r[i].severity), r[i].message);
            count++;
        }
    return count;
}

static int64_t series_id(mf_store *st, const char *code)
{
    mf_series_info info;
    mf_error err;
    if (mf_repo_series_get(st, code, &info, &err) != 0)
        fail_msg("%s", err.msg);
    return info.id;
}

/* Removes every vintage of code dated from..to (the tests' way to lose data). */
static void delete_obs(mf_store *st, const char *code, mf_date from, mf_date to)
{
    mf_stmt *s;
    mf_error err;
    if (mf_store_prepare(st,
                         "DELETE FROM observations WHERE series_id = ? AND obs_date >= ? "
                         "AND obs_date <= ?",
                         &s, &err) != 0)
        fail_msg("%s", err.msg);
    mf_stmt_bind_int64(s, 1, series_id(st, code));
    mf_stmt_bind_date(s, 2, from);
    mf_stmt_bind_date(s, 3, to);
    if (mf_stmt_step(s, &err) < 0)
        fail_msg("%s", err.msg);
}

/* Stores one vintage through the observations repo. */
static void put_obs(mf_store *st, const char *code, mf_date d, mf_date available_at, double v)
{
    mf_error err;
    mf_obs_writer *w = mf_obs_writer_new(st, NOW - 60);
    mf_obs_outcome out;
    if (mf_obs_writer_add(w, series_id(st, code), d, available_at, v, &out, &err) != 0 ||
        mf_obs_writer_flush(w, &err) != 0)
        fail_msg("%s: %s", code, err.msg);
    mf_obs_writer_free(w);
}

/* code as known on TO. Caller frees with mf_series_free(). */
static mf_series *read_series(mf_store *st, const char *code)
{
    mf_series *s;
    mf_error err;
    if (mf_repo_obs_asof(st, series_id(st, code), MF_DATE_MIN, mf_test_date(TO), mf_test_date(TO),
                         &s, &err) != 0)
        fail_msg("%s", err.msg);
    return s;
}

/* 1.4826 MAD of the differences of values[from..n). */
static double diff_scale(const double *v, size_t from, size_t n)
{
    double *c = mf_malloc(2 * n * sizeof *c);
    size_t m = 0;
    for (size_t i = from + 1; i < n; i++)
        c[m++] = v[i] - v[i - 1];
    double mad = mf_stats_mad(c, m, c + n);
    mf_free(c);
    return MF_STATS_MAD_NORMAL * mad;
}

/* The first index at or after the middle of the window where the changes in and out of the
   value are both under limit times scale. */
static size_t calm_index(const mf_series *s, double scale, double limit)
{
    const mf_date *d = mf_series_dates(s);
    const double *v = mf_series_values(s);
    size_t n = mf_series_len(s);
    for (size_t i = 1; i + 1 < n; i++)
        if (d[i] >= mf_test_date("2026-04-01") && fabs(v[i] - v[i - 1]) < limit * scale &&
            fabs(v[i + 1] - v[i]) < limit * scale)
            return i;
    fail_msg("no calm day");
    return 0;
}

/* Runs the checks and asserts that exactly one check fails at warning or above: check on
   code, with severity. */
static void expect_only(mf_store *st, const char *code, mf_quality_check check,
                        mf_quality_severity severity)
{
    mf_quality_run run;
    mf_quality_result *res;
    size_t n;
    run_quality(st, &run, &res, &n);
    assert_int_equal(failing(res, n), 1);
    for (size_t i = 0; i < n; i++)
        if (res[i].status == MF_QUALITY_FAIL && res[i].severity != MF_QUALITY_INFO) {
            assert_string_equal(res[i].code, code);
            assert_string_equal(mf_quality_check_name(res[i].check), mf_quality_check_name(check));
            assert_string_equal(mf_quality_severity_name(res[i].severity),
                                mf_quality_severity_name(severity));
            assert_non_null(strstr(res[i].message, code)); /* the message names the series */
            assert_true(res[i].has_date);
        }
    assert_int_equal(run.failing, 1);
    assert_int_equal(run.critical, severity == MF_QUALITY_CRITICAL ? 1 : 0);
    assert_true(run.score < 100);
    mf_free(res);
}

/* Stores a flat 10 % (annual, BUS/252) curve of code on d; with bad, the third discount factor
   above the second. */
static void put_curve(mf_store *st, const char *code, mf_date d, bool bad)
{
    mf_curve_head head = {.date = d};
    snprintf(head.code, sizeof head.code, "%s", code);
    snprintf(head.day_count, sizeof head.day_count, "bus/252");
    snprintf(head.compounding, sizeof head.compounding, "annual");
    snprintf(head.source, sizeof head.source, "simulated");
    mf_curve_vertex v[4];
    const int32_t du[4] = {21, 63, 126, 252};
    for (int i = 0; i < 4; i++) {
        v[i].tenor_bd = du[i];
        v[i].tenor_cd = du[i] * 365 / 252;
        v[i].maturity = d + v[i].tenor_cd;
        v[i].zero_rate_pct = 10;
        v[i].discount_factor = pow(1.1, -du[i] / 252.0);
    }
    if (bad)
        v[2].discount_factor = v[1].discount_factor * 1.001;
    mf_error err;
    if (mf_repo_curve_put(st, &head, v, 4, &err) != 0)
        fail_msg("%s", err.msg);
}

static void clean_simulated_backfill_scores_clean(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    /* a catalogued series never loaded: reported (info), not scored */
    mf_series_info empty = {.frequency = 'D', .release_lag_days = -1};
    snprintf(empty.code, sizeof empty.code, "TEST.EMPTY");
    snprintf(empty.source, sizeof empty.source, "user");
    snprintf(empty.name, sizeof empty.name, "never loaded");
    int64_t id;
    mf_error err;
    if (mf_repo_series_create(st, &empty, &id, &err) != 0)
        fail_msg("%s", err.msg);
    /* a sound curve on three dates */
    put_curve(st, "TEST_PRE", mf_test_date("2026-09-28"), false);
    put_curve(st, "TEST_PRE", mf_test_date("2026-09-29"), false);
    put_curve(st, "TEST_PRE", mf_test_date("2026-09-30"), false);
    mf_quality_run run;
    mf_quality_result *res;
    size_t n;
    run_quality(st, &run, &res, &n);
    size_t bad = failing(res, n);
    bool noted = false, curve_checked = false;
    size_t checked[MF_QC_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        checked[res[i].check] += res[i].status == MF_QUALITY_PASS;
        if (strcmp(res[i].code, "TEST.EMPTY") == 0) {
            assert_int_equal(res[i].severity, MF_QUALITY_INFO);
            assert_int_equal(res[i].status, MF_QUALITY_FAIL);
            assert_non_null(strstr(res[i].message, "never loaded"));
            noted = true;
        }
        if (strcmp(res[i].code, "TEST_PRE") == 0)
            curve_checked = res[i].check == MF_QC_CURVE_SANITY && res[i].status == MF_QUALITY_PASS;
    }
    assert_true(noted);
    assert_true(curve_checked);
    for (int c = 0; c < MF_QC_COUNT; c++) /* every family ran and passed somewhere */
        if (checked[c] == 0)
            fail_msg("no passing %s check", mf_quality_check_name((mf_quality_check)c));
    /* the run's 'quality' event, in its transaction */
    mf_event *ev;
    size_t n_ev;
    if (mf_repo_event_list(st, 0, 1000, &ev, &n_ev, &err) != 0)
        fail_msg("%s", err.msg);
    assert_true(n_ev > 0);
    assert_string_equal(ev[n_ev - 1].kind, "quality");
    json_t *p = json_loads(ev[n_ev - 1].payload, 0, NULL);
    assert_non_null(p);
    assert_int_equal(json_integer_value(json_object_get(p, "run_id")), run.id);
    assert_true(json_number_value(json_object_get(p, "score")) == 100);
    assert_int_equal(json_integer_value(json_object_get(p, "checks")), run.checks);
    assert_int_equal(json_integer_value(json_object_get(p, "failing")), 0);
    assert_int_equal(json_integer_value(json_object_get(p, "critical")), 0);
    json_decref(p);
    mf_free(ev);
    print_message("clean run: score %g, %lld checks, %lld failing, %zu results\n", run.score,
                  (long long)run.checks, (long long)run.failing, n);
    assert_int_equal(bad, 0);
    assert_int_equal(run.failing, 0);
    assert_int_equal(run.critical, 0);
    assert_true(run.score == 100);
    mf_free(res);
    mf_test_store_close(st);
}

static void stale_series_is_critical(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    /* the last two weeks of the 1-year DI rate are lost: 10 business days missed */
    delete_obs(st, "SIM.BR.DI_PRE_1Y_PCT", mf_test_date("2026-09-17"), mf_test_date(TO));
    expect_only(st, "SIM.BR.DI_PRE_1Y_PCT", MF_QC_STALENESS, MF_QUALITY_CRITICAL);
    mf_test_store_close(st);
}

static void gap_of_three_days_is_a_warning(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    delete_obs(st, "SIM.BR.DI_PRE_2Y_PCT", mf_test_date("2026-05-12"), mf_test_date("2026-05-14"));
    expect_only(st, "SIM.BR.DI_PRE_2Y_PCT", MF_QC_GAPS, MF_QUALITY_WARNING);
    mf_test_store_close(st);
}

static void duplicate_month_is_a_warning(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    /* March's IPCA stored a second time, dated the 15th, with the same value */
    mf_series *s = read_series(st, "SIM.BR.IPCA_MOM_PCT");
    mf_series_obs o;
    assert_int_equal(mf_series_asof(mf_series_as_view(s), mf_test_date("2026-03-01"),
                                    MF_SERIES_NAN_KEEP, &o, NULL),
                     0);
    put_obs(st, "SIM.BR.IPCA_MOM_PCT", mf_test_date("2026-03-15"), mf_test_date("2026-04-15"),
            o.value);
    mf_series_free(s);
    expect_only(st, "SIM.BR.IPCA_MOM_PCT", MF_QC_DUPLICATES, MF_QUALITY_WARNING);
    mf_test_store_close(st);
}

static void conflicting_month_is_critical(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    mf_series *s = read_series(st, "SIM.US.UNEMPLOYMENT_PCT");
    mf_series_obs o;
    assert_int_equal(mf_series_asof(mf_series_as_view(s), mf_test_date("2026-03-01"),
                                    MF_SERIES_NAN_KEEP, &o, NULL),
                     0);
    put_obs(st, "SIM.US.UNEMPLOYMENT_PCT", mf_test_date("2026-03-15"), mf_test_date("2026-04-15"),
            o.value + 0.1);
    mf_series_free(s);
    expect_only(st, "SIM.US.UNEMPLOYMENT_PCT", MF_QC_DUPLICATES, MF_QUALITY_CRITICAL);
    mf_test_store_close(st);
}

static void spike_is_an_outlier_warning(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    const char *code = "SIM.US.UST_PAR_10Y_PCT";
    mf_series *s = read_series(st, code);
    const double *v = mf_series_values(s);
    size_t n = mf_series_len(s);
    size_t w0 = mf_series_lower_bound(mf_series_as_view(s), mf_test_date(TO) - WINDOW + 1);
    double scale = diff_scale(v, w0 > 0 ? w0 - 1 : 0, n);
    size_t i = calm_index(s, scale, 1.0);
    mf_date d = mf_series_dates(s)[i];
    double spike = v[i] + 15 * scale; /* robust z about 15: above 10, below 25 */
    mf_series_free(s);
    delete_obs(st, code, d, d);
    put_obs(st, code, d, d, spike);
    expect_only(st, code, MF_QC_OUTLIERS, MF_QUALITY_WARNING);
    mf_test_store_close(st);
}

static void value_outside_the_unit_range_is_critical(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    /* 25,000 bp on a Saturday (no gap, no duplicate; out-of-range values are not outliers) */
    put_obs(st, "SIM.BR.CDS_5Y_BP", mf_test_date("2026-05-16"), mf_test_date("2026-05-16"), 25000);
    expect_only(st, "SIM.BR.CDS_5Y_BP", MF_QC_RANGE, MF_QUALITY_CRITICAL);
    mf_test_store_close(st);
}

static void large_revision_is_a_warning(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    const char *code = "SIM.US.UST_PAR_2Y_PCT";
    mf_series *s = read_series(st, code);
    const double *v = mf_series_values(s);
    size_t n = mf_series_len(s);
    double scale = diff_scale(v, 0, n); /* revisions scale on the whole history */
    size_t i = calm_index(s, scale, 1.0);
    mf_date d = mf_series_dates(s)[i];
    double truth = v[i];
    mf_series_free(s);
    /* a first print 12 typical moves off, revised the next day to the clean value */
    delete_obs(st, code, d, d);
    put_obs(st, code, d, d, truth + 12 * scale);
    put_obs(st, code, d, d + 1, truth);
    expect_only(st, code, MF_QC_REVISIONS, MF_QUALITY_WARNING);
    mf_test_store_close(st);
}

static void flat_run_is_a_warning(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    const char *code = "SIM.BR.USDBRL_VOL_ATM_3M_PCT";
    mf_series *s = read_series(st, code);
    const mf_date *d = mf_series_dates(s);
    const double *v = mf_series_values(s);
    size_t n = mf_series_len(s);
    double scale = diff_scale(v, 0, n);
    /* 8 observations frozen at the first one's value, where the series moved little */
    size_t i = 1;
    while (i + 9 < n && (d[i] < mf_test_date("2026-04-01") || fabs(v[i + 8] - v[i]) > scale))
        i++;
    assert_true(i + 9 < n);
    double frozen = v[i];
    mf_date days[8];
    memcpy(days, d + i, sizeof days);
    mf_series_free(s);
    delete_obs(st, code, days[1], days[7]);
    for (int j = 1; j < 8; j++)
        put_obs(st, code, days[j], days[j], frozen);
    expect_only(st, code, MF_QC_FLATLINE, MF_QUALITY_WARNING);
    mf_test_store_close(st);
}

static void cross_source_disagreement_is_a_warning(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    /* the CDI 0.3 pp off on one day: 0.2 pp from the Selic target (tolerance 0.15) */
    mf_series *s = read_series(st, "SIM.BR.CDI_PCT");
    size_t i = mf_series_lower_bound(mf_series_as_view(s), mf_test_date("2026-06-10"));
    mf_date d = mf_series_dates(s)[i];
    double v = mf_series_values(s)[i];
    mf_series_free(s);
    delete_obs(st, "SIM.BR.CDI_PCT", d, d);
    put_obs(st, "SIM.BR.CDI_PCT", d, d, v + 0.3);
    expect_only(st, "SIM.BR.SELIC_TARGET_PCT", MF_QC_CROSS_SOURCE, MF_QUALITY_WARNING);
    mf_test_store_close(st);
}

static void increasing_discount_factor_is_critical(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    put_curve(st, "TEST_PRE", mf_test_date("2026-09-28"), false);
    put_curve(st, "TEST_PRE", mf_test_date("2026-09-29"), true);
    put_curve(st, "TEST_PRE", mf_test_date("2026-09-30"), false);
    expect_only(st, "TEST_PRE", MF_QC_CURVE_SANITY, MF_QUALITY_CRITICAL);
    mf_test_store_close(st);
}

/* A result of check on code, for the repo tests. */
static mf_quality_result result(const char *code, mf_quality_check check, mf_quality_severity sev,
                                double value)
{
    mf_quality_result r = {
        .check = check, .severity = sev, .value = value, .threshold = 2, .checked_at = NOW};
    r.status = sev == MF_QUALITY_INFO ? MF_QUALITY_PASS : MF_QUALITY_FAIL;
    snprintf(r.code, sizeof r.code, "%s", code);
    snprintf(r.source, sizeof r.source, "bcb_sgs");
    snprintf(r.message, sizeof r.message, "%s: %s", code, mf_quality_check_name(check));
    return r;
}

static void runs_keep_their_history(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    bool found = true;
    mf_quality_run got;
    assert_int_equal(mf_repo_quality_run_get(st, 0, &got, &found, &err), 0);
    assert_false(found);
    mf_quality_run a = {.started_at = NOW,
                        .finished_at = NOW + 5,
                        .as_of = mf_test_date("2026-11-23"),
                        .score = 75,
                        .checks = 2,
                        .failing = 1,
                        .critical = 1};
    snprintf(a.scope, sizeof a.scope, "all");
    mf_quality_result ra[2] = {result("SGS.432", MF_QC_STALENESS, MF_QUALITY_CRITICAL, 12),
                               result("SGS.432", MF_QC_GAPS, MF_QUALITY_INFO, NAN)};
    ra[0].has_date = true;
    ra[0].obs_date = mf_test_date("2026-11-10");
    assert_int_equal(mf_repo_quality_save(st, &a, ra, 2, &err), 0);
    /* its 'quality' event: the payload of contracts.md, at the run's end */
    mf_event *ev;
    size_t n_ev;
    assert_int_equal(mf_repo_event_list(st, 0, 100, &ev, &n_ev, &err), 0);
    assert_int_equal(n_ev, 1);
    assert_string_equal(ev[0].kind, "quality");
    assert_int_equal(ev[0].at, NOW + 5);
    char want[160];
    snprintf(want, sizeof want,
             "{\"run_id\":%lld,\"score\":75.0,\"checks\":2,\"failing\":1,\"critical\":1}",
             (long long)a.id);
    assert_string_equal(ev[0].payload, want);
    mf_free(ev);
    mf_quality_run b = a;
    b.started_at = NOW + 86400;
    b.finished_at = NOW + 86401;
    b.score = 100;
    b.failing = b.critical = 0;
    mf_quality_result rb[1] = {result("SGS.432", MF_QC_STALENESS, MF_QUALITY_INFO, 0)};
    assert_int_equal(mf_repo_quality_save(st, &b, rb, 1, &err), 0);
    assert_true(b.id > a.id);

    assert_int_equal(mf_repo_quality_run_get(st, 0, &got, &found, &err), 0);
    assert_true(found);
    assert_int_equal(got.id, b.id);
    assert_int_equal(mf_repo_quality_run_get(st, a.id, &got, &found, &err), 0);
    assert_int_equal(got.id, a.id);
    assert_true(got.score == 75);
    assert_int_equal(got.as_of, mf_test_date("2026-11-23"));
    assert_int_equal(got.finished_at, NOW + 5);
    assert_string_equal(got.scope, "all");
    assert_int_equal(mf_repo_quality_run_get(st, b.id + 1, &got, &found, &err), 0);
    assert_false(found);

    mf_quality_run *runs;
    size_t n;
    assert_int_equal(mf_repo_quality_runs(st, 10, &runs, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].id, b.id); /* newest first */
    assert_int_equal(runs[1].id, a.id);
    mf_free(runs);

    mf_quality_result *h;
    assert_int_equal(mf_repo_quality_history(st, "SGS.432", 10, &h, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(h[0].run_id, b.id);
    assert_int_equal(h[1].run_id, a.id);
    assert_int_equal(h[1].check, MF_QC_STALENESS);
    assert_int_equal(h[1].severity, MF_QUALITY_CRITICAL);
    assert_int_equal(h[1].status, MF_QUALITY_FAIL);
    assert_true(h[1].value == 12 && h[1].threshold == 2);
    assert_true(h[1].has_date);
    assert_int_equal(h[1].obs_date, mf_test_date("2026-11-10"));
    assert_int_equal(h[1].checked_at, NOW);
    assert_string_equal(h[1].message, "SGS.432: staleness");
    assert_true(isnan(h[2].value)); /* NULL in the store */
    assert_false(h[2].has_date);
    mf_free(h);
    assert_int_equal(mf_repo_quality_history(st, "SGS.432", 1, &h, &n, &err), 0);
    assert_int_equal(n, 1);
    mf_free(h);

    /* a bad result: nothing of the run is stored, no event */
    int64_t last_event, after;
    assert_int_equal(mf_repo_event_last_id(st, &last_event, &err), 0);
    mf_quality_result bad[2] = {result("SGS.432", MF_QC_GAPS, MF_QUALITY_INFO, 1),
                                result("", MF_QC_GAPS, MF_QUALITY_INFO, 1)};
    mf_quality_run c = a;
    assert_int_equal(mf_repo_quality_save(st, &c, bad, 2, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "empty code"));
    c.score = 101;
    assert_int_equal(mf_repo_quality_save(st, &c, bad, 1, &err), MF_EINVAL);
    assert_int_equal(mf_repo_quality_runs(st, 10, &runs, &n, &err), 0);
    assert_int_equal(n, 2);
    mf_free(runs);
    assert_int_equal(mf_repo_event_last_id(st, &after, &err), 0);
    assert_int_equal(after, last_event);

    /* the event cannot be written (a trigger refuses it): the run and its results go too */
    bool pg = strcmp(mf_store_backend(st), "postgresql") == 0;
    assert_int_equal(
        mf_store_exec(st,
                      pg ? "CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'events refused'; END $$; "
                           "CREATE TRIGGER refuse BEFORE INSERT ON events FOR EACH ROW "
                           "EXECUTE FUNCTION refuse_event()"
                         : "CREATE TRIGGER refuse BEFORE INSERT ON events "
                           "BEGIN SELECT RAISE(ABORT, 'events refused'); END",
                      &err),
        0);
    c = b;
    assert_true(mf_repo_quality_save(st, &c, rb, 1, &err) != 0);
    assert_non_null(strstr(err.msg, "events refused"));
    assert_int_equal(mf_store_depth(st), 0);
    assert_int_equal(mf_repo_quality_runs(st, 10, &runs, &n, &err), 0);
    assert_int_equal(n, 2);
    mf_free(runs);
    assert_int_equal(mf_repo_quality_history(st, "SGS.432", 10, &h, &n, &err), 0);
    assert_int_equal(n, 3);
    mf_free(h);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_keep_their_history),
        cmocka_unit_test(clean_simulated_backfill_scores_clean),
        cmocka_unit_test(stale_series_is_critical),
        cmocka_unit_test(gap_of_three_days_is_a_warning),
        cmocka_unit_test(duplicate_month_is_a_warning),
        cmocka_unit_test(conflicting_month_is_critical),
        cmocka_unit_test(spike_is_an_outlier_warning),
        cmocka_unit_test(value_outside_the_unit_range_is_critical),
        cmocka_unit_test(large_revision_is_a_warning),
        cmocka_unit_test(flat_run_is_a_warning),
        cmocka_unit_test(cross_source_disagreement_is_a_warning),
        cmocka_unit_test(increasing_discount_factor_is_critical),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    mf_sim_cache_clear();
    return rc;
}
