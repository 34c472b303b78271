/*
 * test_api_quality.c - the data quality endpoints over real HTTP (libcurl against
 * mf_api_start() on an ephemeral port, a SQLite or PostgreSQL store): 404 before any run; then two
 * recorded runs: the latest with its scores by source and series (docs/quality.md formula),
 * its failing checks filtered by severity, the runs newest first, and one series' results over
 * the runs; bad parameters are 400 problems, an unknown series a 404.
 */
#include <math.h>
#include <string.h>

#include "store/repo_quality.h"
#include "store/repo_series.h"
#include "support/api.h"
#include "support/test.h"

static mf_quality_result result(const char *code, const char *source, mf_quality_check check,
                                mf_quality_severity sev, double value)
{
    mf_quality_result r = {
        .check = check, .severity = sev, .value = value, .threshold = 3, .checked_at = 1764000000};
    r.status = sev == MF_QUALITY_INFO && !isnan(value) ? MF_QUALITY_PASS : MF_QUALITY_FAIL;
    snprintf(r.code, sizeof r.code, "%s", code);
    snprintf(r.source, sizeof r.source, "%s", source);
    snprintf(r.message, sizeof r.message, "%s %s", code, mf_quality_check_name(check));
    return r;
}

/* Two runs: the first all clean; the second (latest) with SGS.432 stale (critical), SGS.433
   gapped (warning), SIM.BR.CDI_PCT clean and SGS.999 never loaded (an info note). */
static void record_runs(const char *url)
{
    mf_store *st;
    mf_error err;
    assert_int_equal(mf_store_open(url, &st, &err), 0);
    mf_quality_run a = {.started_at = 1764000000,
                        .finished_at = 1764000001,
                        .as_of = mf_test_date("2026-11-23"),
                        .score = 100,
                        .checks = 1};
    snprintf(a.scope, sizeof a.scope, "all");
    mf_quality_result ra[] = {result("SGS.432", "bcb_sgs", MF_QC_STALENESS, MF_QUALITY_INFO, 0)};
    assert_int_equal(mf_repo_quality_save(st, &a, ra, 1, &err), 0);
    mf_quality_result rb[] = {
        result("SGS.432", "bcb_sgs", MF_QC_STALENESS, MF_QUALITY_CRITICAL, 12),
        result("SGS.432", "bcb_sgs", MF_QC_GAPS, MF_QUALITY_INFO, 0),
        result("SGS.433", "bcb_sgs", MF_QC_GAPS, MF_QUALITY_WARNING, 2),
        result("SGS.433", "bcb_sgs", MF_QC_STALENESS, MF_QUALITY_INFO, 0),
        result("SGS.999", "bcb_sgs", MF_QC_STALENESS, MF_QUALITY_INFO, NAN),
        result("SIM.BR.CDI_PCT", "simulated", MF_QC_STALENESS, MF_QUALITY_INFO, 0),
    };
    /* SGS.432: 50, SGS.433: 75, CDI: 100; bcb_sgs 62.5; overall 75 */
    mf_quality_run b = {.started_at = 1764086400,
                        .finished_at = 1764086402,
                        .as_of = mf_test_date("2026-11-24"),
                        .score = 75,
                        .checks = 5,
                        .failing = 2,
                        .critical = 1};
    snprintf(b.scope, sizeof b.scope, "all");
    assert_int_equal(mf_repo_quality_save(st, &b, rb, sizeof rb / sizeof rb[0], &err), 0);
    mf_store_close(st);
}

static int setup(void **state)
{
    mf_test_api *t = mf_test_api_new("mf-apiq");
    mf_store *st;
    mf_error err;
    if (mf_store_open(t->store_url, &st, &err) != 0)
        fail_msg("%s", err.msg);
    mf_series_info s = {.frequency = 'D', .release_lag_days = 0};
    snprintf(s.code, sizeof s.code, "SGS.432");
    snprintf(s.source, sizeof s.source, "user");
    snprintf(s.name, sizeof s.name, "Selic target");
    int64_t id;
    if (mf_repo_series_create(st, &s, &id, &err) != 0)
        fail_msg("%s", err.msg);
    mf_store_close(st);
    mf_test_api_start(t, NULL);
    *state = t;
    return 0;
}

static void quality_endpoints_answer_what_the_runs_recorded(void **state)
{
    const mf_test_api *t = *state;
    mf_test_expect_problem(t, "/api/v1/quality", 404, "no quality run"); /* no run yet */
    mf_test_expect_problem(t, "/api/v1/quality/failing", 404, "no quality run");
    long status;
    json_t *j = mf_test_get_json(t, "/api/v1/quality/runs", &status);
    assert_int_equal(status, 200);
    assert_int_equal(json_array_size(json_object_get(j, "runs")), 0);
    json_decref(j);

    record_runs(t->store_url);

    j = mf_test_get_json(t, "/api/v1/quality", &status);
    assert_int_equal(status, 200);
    json_t *run = json_object_get(j, "run");
    assert_int_equal(json_integer_value(json_object_get(run, "id")), 2);
    assert_string_equal(json_string_value(json_object_get(run, "started_at")),
                        "2025-11-25T16:00:00Z");
    assert_true(json_number_value(json_object_get(run, "score")) == 75);
    assert_int_equal(json_integer_value(json_object_get(run, "checks")), 5);
    assert_int_equal(json_integer_value(json_object_get(run, "failing")), 2);
    assert_int_equal(json_integer_value(json_object_get(run, "critical")), 1);
    json_t *src = json_object_get(j, "sources");
    assert_int_equal(json_array_size(src), 2);
    json_t *s0 = json_array_get(src, 0);
    assert_string_equal(json_string_value(json_object_get(s0, "source")), "bcb_sgs");
    assert_true(json_number_value(json_object_get(s0, "score")) == 62.5);
    assert_int_equal(json_integer_value(json_object_get(s0, "series")), 2);
    assert_int_equal(json_integer_value(json_object_get(s0, "failing")), 2);
    json_t *ser = json_object_get(j, "series");
    assert_int_equal(json_array_size(ser), 4);
    static const struct {
        const char *code, *worst;
        double score;
    } want[] = {{"SGS.432", "critical", 50},
                {"SGS.433", "warning", 75},
                {"SGS.999", "info", NAN},
                {"SIM.BR.CDI_PCT", "pass", 100}};
    for (size_t i = 0; i < 4; i++) {
        json_t *o = json_array_get(ser, i);
        assert_string_equal(json_string_value(json_object_get(o, "code")), want[i].code);
        assert_string_equal(json_string_value(json_object_get(o, "worst")), want[i].worst);
        if (isnan(want[i].score))
            assert_true(json_is_null(json_object_get(o, "score")));
        else
            assert_true(json_number_value(json_object_get(o, "score")) == want[i].score);
    }
    json_decref(j);

    j = mf_test_get_json(t, "/api/v1/quality/failing", &status); /* warning and above */
    assert_int_equal(status, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "run_id")), 2);
    json_t *res = json_object_get(j, "results");
    assert_int_equal(json_array_size(res), 2);
    json_t *r0 = json_array_get(res, 0);
    assert_string_equal(json_string_value(json_object_get(r0, "code")), "SGS.432");
    assert_string_equal(json_string_value(json_object_get(r0, "check")), "staleness");
    assert_string_equal(json_string_value(json_object_get(r0, "severity")), "critical");
    assert_true(json_number_value(json_object_get(r0, "value")) == 12);
    assert_true(json_number_value(json_object_get(r0, "threshold")) == 3);
    assert_string_equal(json_string_value(json_object_get(r0, "checked_at")),
                        "2025-11-24T16:00:00Z");
    json_decref(j);
    j = mf_test_get_json(t, "/api/v1/quality/failing?severity=critical", &status);
    assert_int_equal(json_array_size(json_object_get(j, "results")), 1);
    json_decref(j);
    j = mf_test_get_json(t, "/api/v1/quality/failing?severity=info", &status);
    assert_int_equal(json_array_size(json_object_get(j, "results")), 3); /* + the note */
    json_decref(j);
    mf_test_expect_problem(t, "/api/v1/quality/failing?severity=fatal", 400,
                           "query parameter 'severity' = 'fatal'");

    j = mf_test_get_json(t, "/api/v1/quality/runs?limit=1", &status);
    assert_int_equal(status, 200);
    json_t *runs = json_object_get(j, "runs");
    assert_int_equal(json_array_size(runs), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(runs, 0), "id")), 2);
    json_decref(j);
    j = mf_test_get_json(t, "/api/v1/quality/runs", &status);
    runs = json_object_get(j, "runs");
    assert_int_equal(json_array_size(runs), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(runs, 1), "id")), 1);
    json_decref(j);
    mf_test_expect_problem(t, "/api/v1/quality/runs?limit=0", 400, "query parameter 'limit' = '0'");

    j = mf_test_get_json(t, "/api/v1/series/SGS.432/quality", &status);
    assert_int_equal(status, 200);
    assert_string_equal(json_string_value(json_object_get(j, "code")), "SGS.432");
    res = json_object_get(j, "results");
    assert_int_equal(json_array_size(res), 3); /* newest run first */
    assert_int_equal(json_integer_value(json_object_get(json_array_get(res, 0), "run_id")), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(res, 0), "status")),
                        "fail");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(res, 2), "run_id")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(res, 2), "status")),
                        "pass");
    json_decref(j);
    j = mf_test_get_json(t, "/api/v1/series/SGS.432/quality?limit=1", &status);
    assert_int_equal(json_array_size(json_object_get(j, "results")), 1);
    json_decref(j);
    mf_test_expect_problem(t, "/api/v1/series/NOPE/quality", 404, "unknown series 'NOPE'");
    mf_test_expect_problem(t, "/api/v1/series/B%20AD/quality", 400, "path parameter 'code'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(quality_endpoints_answer_what_the_runs_recorded, setup,
                                        mf_test_api_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
