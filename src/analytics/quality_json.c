/*
 * quality_json.c - quality runs and results as JSON (see quality_json.h).
 */
#include "analytics/quality_json.h"

#include <math.h>
#include <stdio.h>

#include "core/alloc.h"
#include "core/date.h"

/* A Unix time as ISO 8601 UTC ("2026-11-24T10:00:00Z"). */
static json_t *time_json(int64_t t)
{
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    char d[MF_DATE_ISO_SIZE], buf[40];
    snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", mf_date_format_iso((mf_date)days, d),
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    return json_string(buf);
}

static json_t *number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* Scores are shown to 0.01. */
static json_t *score_json(double v)
{
    return isfinite(v) ? json_real(round(v * 100) / 100) : json_null();
}

static json_t *date_json(mf_date d)
{
    char buf[MF_DATE_ISO_SIZE];
    return json_string(mf_date_format_iso(d, buf));
}

json_t *mf_quality_run_json(const mf_quality_run *r)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:s, s:o, s:I, s:I, s:I}", "id", (json_int_t)r->id,
                     "started_at", time_json(r->started_at), "finished_at",
                     time_json(r->finished_at), "as_of", date_json(r->as_of), "scope", r->scope,
                     "score", score_json(r->score), "checks", (json_int_t)r->checks, "failing",
                     (json_int_t)r->failing, "critical", (json_int_t)r->critical);
}

json_t *mf_quality_result_json(const mf_quality_result *r, bool with_run)
{
    json_t *o = json_object();
    if (with_run)
        json_object_set_new(o, "run_id", json_integer(r->run_id));
    json_object_set_new(o, "code", json_string(r->code));
    json_object_set_new(o, "check", json_string(mf_quality_check_name(r->check)));
    json_object_set_new(o, "severity", json_string(mf_quality_severity_name(r->severity)));
    json_object_set_new(o, "status", json_string(mf_quality_status_name(r->status)));
    json_object_set_new(o, "message", json_string(r->message));
    json_object_set_new(o, "value", number(r->value));
    json_object_set_new(o, "threshold", number(r->threshold));
    json_object_set_new(o, "obs_date", r->has_date ? date_json(r->obs_date) : json_null());
    json_object_set_new(o, "checked_at", time_json(r->checked_at));
    return o;
}

static const char *worst_name(const mf_quality_score *s)
{
    return s->any_failed ? mf_quality_severity_name(s->worst) : "pass";
}

json_t *mf_quality_report_json(const mf_quality_run *run, const mf_quality_result *res, size_t n)
{
    mf_quality_score *codes, *sources, all;
    size_t nc, ns;
    mf_quality_scores(res, n, &codes, &nc, &sources, &ns, &all);
    json_t *src = json_array(), *ser = json_array();
    for (size_t i = 0; i < ns; i++)
        json_array_append_new(src, json_pack("{s:s, s:o, s:I, s:I}", "source", sources[i].key,
                                             "score", score_json(sources[i].score), "series",
                                             (json_int_t)sources[i].series, "failing",
                                             (json_int_t)sources[i].failing));
    for (size_t i = 0; i < nc; i++)
        json_array_append_new(
            ser, json_pack("{s:s, s:s, s:o, s:I, s:s}", "code", codes[i].key, "source",
                           codes[i].source, "score", score_json(codes[i].score), "failing",
                           (json_int_t)codes[i].failing, "worst", worst_name(&codes[i])));
    mf_free(codes);
    mf_free(sources);
    return json_pack("{s:o, s:o, s:o}", "run", mf_quality_run_json(run), "sources", src, "series",
                     ser);
}

json_t *mf_quality_failing_json(int64_t run_id, const mf_quality_result *res, size_t n,
                                mf_quality_severity min_severity)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        if (res[i].status == MF_QUALITY_FAIL && res[i].severity >= min_severity)
            json_array_append_new(items, mf_quality_result_json(&res[i], false));
    return json_pack("{s:I, s:o}", "run_id", (json_int_t)run_id, "results", items);
}
