/*
 * handlers_quality.c - the data quality runs over HTTP (docs/api.md, docs/quality.md): the
 * latest run with its scores per source and series, its failing checks, the runs newest first,
 * and one series' (or curve's) results over the runs.
 */
#include <string.h>

#include "analytics/quality_json.h"
#include "api/handlers.h"
#include "core/alloc.h"
#include "store/repo_quality.h"
#include "store/repo_series.h"

/* The latest run and its results, or a problem (returns -1): 404 when there is no run. */
static int latest(const mf_api_request *req, mf_api_response *resp, mf_quality_run *run,
                  mf_quality_result **res, size_t *n)
{
    mf_error err;
    bool found;
    if (mf_repo_quality_run_get(req->store, 0, run, &found, &err) != 0)
        return mf_api_store_problem(resp, &err), -1;
    if (!found)
        return mf_api_problem(resp, 404, "Not Found", "no quality run yet: run 'mf quality run'"),
               -1;
    if (mf_repo_quality_results(req->store, run->id, res, n, &err) != 0)
        return mf_api_store_problem(resp, &err), -1;
    return 0;
}

int mf_api_get_quality(const mf_api_request *req, mf_api_response *resp)
{
    mf_quality_run run;
    mf_quality_result *res;
    size_t n;
    if (latest(req, resp, &run, &res, &n) != 0)
        return 0;
    json_t *j = mf_quality_report_json(&run, res, n);
    mf_free(res);
    return mf_api_json(resp, 200, j);
}

int mf_api_get_quality_failing(const mf_api_request *req, mf_api_response *resp)
{
    const char *sev_text;
    if (mf_api_query_choice(req, resp, "severity", "info|warning|critical", "warning", &sev_text))
        return 0;
    mf_quality_severity sev = MF_QUALITY_WARNING;
    mf_quality_severity_parse(sev_text, &sev, NULL);
    mf_quality_run run;
    mf_quality_result *res;
    size_t n;
    if (latest(req, resp, &run, &res, &n) != 0)
        return 0;
    json_t *j = mf_quality_failing_json(run.id, res, n, sev);
    mf_free(res);
    return mf_api_json(resp, 200, j);
}

int mf_api_list_quality_runs(const mf_api_request *req, mf_api_response *resp)
{
    long limit;
    if (mf_api_query_int(req, resp, "limit", 20, 1, 1000, &limit))
        return 0;
    mf_quality_run *runs;
    size_t n;
    mf_error err;
    if (mf_repo_quality_runs(req->store, (size_t)limit, &runs, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, mf_quality_run_json(&runs[i]));
    mf_free(runs);
    return mf_api_json(resp, 200, json_pack("{s:o}", "runs", items));
}

int mf_api_get_series_quality(const mf_api_request *req, mf_api_response *resp)
{
    const char *code = mf_api_param(req, "code");
    long limit;
    mf_error err;
    if (mf_series_code_check(code, &err) != 0)
        return mf_api_problem(resp, 400, "Bad Request", "path parameter 'code': %s", err.msg);
    if (mf_api_query_int(req, resp, "limit", 100, 1, 10000, &limit))
        return 0;
    mf_quality_result *res;
    size_t n;
    if (mf_repo_quality_history(req->store, code, (size_t)limit, &res, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    mf_series_info info;
    if (n == 0 && mf_repo_series_get(req->store, code, &info, &err) != 0) /* nor a curve */
        return mf_free(res), mf_api_store_problem(resp, &err);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = mf_quality_result_json(&res[i], true);
        json_object_del(o, "code");
        json_array_append_new(items, o);
    }
    mf_free(res);
    return mf_api_json(resp, 200, json_pack("{s:s, s:o}", "code", code, "results", items));
}
