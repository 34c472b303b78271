/*
 * handlers_runs.c - the record of ingestion runs over HTTP, newest first.
 */
#include "api/handlers.h"
#include "core/alloc.h"
#include "store/repo_ingestion_runs.h"

/* A Unix time as ISO 8601 UTC ("2026-11-24T10:00:00Z"), or null for 0. */
static json_t *time_json(int64_t t)
{
    if (t == 0)
        return json_null();
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    char d[MF_DATE_ISO_SIZE], buf[40];
    snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", mf_date_format_iso((mf_date)days, d),
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    return json_string(buf);
}

int mf_api_list_runs(const mf_api_request *req, mf_api_response *resp)
{
    long limit;
    if (mf_api_query_int(req, resp, "limit", 50, 1, 1000, &limit))
        return 0;
    mf_ingestion_run *runs = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_run_list(req->store, (size_t)limit, &runs, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        const mf_ingestion_run *r = &runs[i];
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:o, s:o, s:s, s:I, s:I, s:I, s:o}", "id",
                             (json_int_t)r->id, "source", r->source, "started_at",
                             time_json(r->started_at), "finished_at", time_json(r->finished_at),
                             "status", r->status, "rows_new", (json_int_t)r->counts.rows_new,
                             "rows_unchanged", (json_int_t)r->counts.rows_unchanged, "rows_revised",
                             (json_int_t)r->counts.rows_revised, "error",
                             r->error[0] ? json_string(r->error) : json_null()));
    }
    mf_free(runs);
    return mf_api_json(resp, 200, json_pack("{s:o}", "items", items));
}
