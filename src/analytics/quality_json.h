/*
 * quality_json.h - quality runs and results as the JSON objects of the API contract
 * (docs/api.md, docs/quality.md), shared by `mf quality report --json` and the API handlers.
 *
 * Exports: mf_quality_run_json(), mf_quality_result_json(), mf_quality_report_json(),
 * mf_quality_failing_json().
 */
#ifndef MF_ANALYTICS_QUALITY_JSON_H
#define MF_ANALYTICS_QUALITY_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "analytics/quality.h"

/* {"id","started_at","finished_at","as_of","scope","score","checks","failing","critical"}
   (times ISO 8601 UTC "...Z"; score null when nothing was scored). New reference. */
json_t *mf_quality_run_json(const mf_quality_run *r);

/* {"code","check","severity","status","message","value","threshold","obs_date",
   "checked_at"}, with "run_id" first when with_run. New reference. */
json_t *mf_quality_result_json(const mf_quality_result *r, bool with_run);

/* {"run":{...},"sources":[{"source","score","series","failing"}],"series":[{"code","source",
   "score","failing","worst"}]} for a run and its results. New reference. */
json_t *mf_quality_report_json(const mf_quality_run *run, const mf_quality_result *res, size_t n);

/* {"run_id":N,"results":[...]}: the failed results of at least min_severity. New reference. */
json_t *mf_quality_failing_json(int64_t run_id, const mf_quality_result *res, size_t n,
                                mf_quality_severity min_severity);

#endif
