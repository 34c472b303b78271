/*
 * handlers_meta.c - the API about itself: health (store reachable, schema version, last
 * ingestion), Prometheus metrics (requests, latencies, ingestion counters) and the OpenAPI
 * document (src/api/openapi.json, embedded at build time).
 */
#include <string.h>

#include "api/handlers.h"
#include "api/metrics.h"
#include "core/alloc.h"
#include "core/version_gen.h"
#include "store/repo_ingestion_runs.h"

#include "api/openapi_json.h" /* generated: mf_api_openapi_json, mf_api_openapi_json_len */

int mf_api_get_health(const mf_api_request *req, mf_api_response *resp)
{
    int version = 0;
    mf_error err;
    if (mf_store_schema_version(req->store, &version, &err) != 0)
        return mf_api_problem(resp, 503, "Service Unavailable", "the store is unavailable: %s",
                              err.msg);
    mf_ingestion_run *runs = NULL;
    size_t n = 0;
    if (mf_repo_run_list(req->store, 1, &runs, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *last = json_null();
    if (n == 1)
        last = json_pack("{s:s, s:s, s:I}", "source", runs[0].source, "status", runs[0].status,
                         "started_at", (json_int_t)runs[0].started_at);
    mf_free(runs);
    return mf_api_json(resp, 200,
                       json_pack("{s:s, s:s, s:s, s:i, s:i, s:o}", "status", "ok", "version",
                                 MF_VERSION_STRING, "store", mf_store_backend(req->store),
                                 "schema_version", version, "schema_latest",
                                 mf_store_schema_latest(req->store), "last_ingestion", last));
}

int mf_api_get_metrics(const mf_api_request *req, mf_api_response *resp)
{
    mf_api_text(resp, 200, "text/plain; version=0.0.4; charset=utf-8");
    mf_api_metrics_write(&resp->body);
    mf_ingestion_totals *t = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_run_totals(req->store, &t, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    mf_api_buf_printf(&resp->body, "# HELP mf_ingestion_runs_total Ingestion runs by source and "
                                   "outcome.\n# TYPE mf_ingestion_runs_total counter\n");
    for (size_t i = 0; i < n; i++)
        mf_api_buf_printf(&resp->body,
                          "mf_ingestion_runs_total{source=\"%s\",status=\"%s\"} %lld\n",
                          t[i].source, t[i].status, (long long)t[i].runs);
    mf_api_buf_printf(&resp->body, "# HELP mf_ingestion_rows_total Rows ingested by source and "
                                   "outcome.\n# TYPE mf_ingestion_rows_total counter\n");
    for (size_t i = 0; i < n; i++) {
        const char *kinds[] = {"new", "unchanged", "revised"};
        int64_t v[] = {t[i].counts.rows_new, t[i].counts.rows_unchanged, t[i].counts.rows_revised};
        for (int k = 0; k < 3; k++)
            mf_api_buf_printf(&resp->body,
                              "mf_ingestion_rows_total{source=\"%s\",status=\"%s\",row=\"%s\"} "
                              "%lld\n",
                              t[i].source, t[i].status, kinds[k], (long long)v[k]);
    }
    mf_free(t);
    return 0;
}

int mf_api_get_openapi(const mf_api_request *req, mf_api_response *resp)
{
    (void)req;
    mf_api_text(resp, 200, "application/json");
    mf_api_buf_append(&resp->body, mf_api_openapi_json, mf_api_openapi_json_len);
    resp->cacheable = true;
    return 0;
}
