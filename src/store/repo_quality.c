/*
 * repo_quality.c - the record of data quality runs and their results (see repo_quality.h).
 */
#include "store/repo_quality.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_events.h"

static const char *const severity_names[] = {"info", "warning", "critical"};
static const char *const status_names[] = {"pass", "fail"};
static const char *const check_names[MF_QC_COUNT] = {"staleness", "gaps",         "duplicates",
                                                     "outliers",  "range",        "revisions",
                                                     "flatline",  "cross_source", "curve_sanity"};

const char *mf_quality_severity_name(mf_quality_severity s)
{
    return (unsigned)s < 3 ? severity_names[s] : "?";
}

const char *mf_quality_status_name(mf_quality_status s)
{
    return (unsigned)s < 2 ? status_names[s] : "?";
}

const char *mf_quality_check_name(mf_quality_check c)
{
    return (unsigned)c < MF_QC_COUNT ? check_names[c] : "?";
}

int mf_quality_severity_parse(const char *text, mf_quality_severity *out, mf_error *err)
{
    for (int i = 0; i < 3; i++)
        if (text && strcmp(text, severity_names[i]) == 0) {
            *out = (mf_quality_severity)i;
            return 0;
        }
    return mf_error_set(err, MF_EINVAL, "severity '%s': expected info, warning or critical",
                        text ? text : "");
}

int mf_quality_check_parse(const char *text, mf_quality_check *out, mf_error *err)
{
    for (int i = 0; i < MF_QC_COUNT; i++)
        if (text && strcmp(text, check_names[i]) == 0) {
            *out = (mf_quality_check)i;
            return 0;
        }
    return mf_error_set(err, MF_EINVAL,
                        "check '%s': expected staleness, gaps, duplicates, outliers, range, "
                        "revisions, flatline, cross_source or curve_sanity",
                        text ? text : "");
}

/* The index of name in names[n], or -1. */
static int index_of(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (name && strcmp(names[i], name) == 0)
            return i;
    return -1;
}

/* Appends the 'quality' event of run (contracts in repo_events.h). */
static int append_event(mf_store *st, const mf_quality_run *run, mf_error *err)
{
    json_t *payload = json_pack("{s:I, s:o, s:I, s:I, s:I}", "run_id", (json_int_t)run->id, "score",
                                isnan(run->score) ? json_null() : json_real(run->score), "checks",
                                (json_int_t)run->checks, "failing", (json_int_t)run->failing,
                                "critical", (json_int_t)run->critical);
    char text[MF_EVENT_PAYLOAD_MAX];
    size_t len = payload ? json_dumpb(payload, text, sizeof text - 1,
                                      JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17))
                         : 0;
    json_decref(payload);
    if (len == 0 || len >= sizeof text)
        return mf_error_set(err, MF_EINVAL, "quality run %lld: its event could not be written",
                            (long long)run->id);
    text[len] = '\0';
    return mf_repo_event_append(st, "quality", text, run->finished_at, NULL, err);
}

static const char sql_insert_run[] =
    "INSERT INTO quality_runs (started_at, finished_at, as_of, scope, score, checks, failing, "
    "critical) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char sql_insert_result[] =
    "INSERT INTO quality_results (run_id, code, source, check_name, severity, status, message, "
    "value, threshold, obs_date, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* Checks what the schema would refuse, naming the result. */
static int check_result(const mf_quality_result *r, mf_error *err)
{
    if ((unsigned)r->check >= MF_QC_COUNT || (unsigned)r->severity > MF_QUALITY_CRITICAL ||
        (unsigned)r->status > MF_QUALITY_FAIL)
        return mf_error_set(err, MF_EINVAL,
                            "quality result of '%s': check, severity or status "
                            "out of range",
                            r->code);
    if (r->code[0] == '\0')
        return mf_error_set(err, MF_EINVAL, "quality result of check %s: empty code",
                            mf_quality_check_name(r->check));
    if (isinf(r->value) || isinf(r->threshold))
        return mf_error_set(err, MF_EINVAL, "quality result %s of '%s': infinite value",
                            mf_quality_check_name(r->check), r->code);
    return 0;
}

int mf_repo_quality_save(mf_store *st, mf_quality_run *run, const mf_quality_result *results,
                         size_t n, mf_error *err)
{
    if (!isnan(run->score) && !(run->score >= 0 && run->score <= 100))
        return mf_error_set(err, MF_EINVAL, "quality run score %g outside 0..100", run->score);
    for (size_t i = 0; i < n; i++) {
        int rc = check_result(&results[i], err);
        if (rc != 0)
            return rc;
    }
    int rc = mf_store_begin(st, err);
    if (rc != 0)
        return rc;
    mf_stmt *s;
    if ((rc = mf_store_prepare(st, sql_insert_run, &s, err)) != 0)
        goto out;
    mf_stmt_bind_time(s, 1, run->started_at);
    mf_stmt_bind_time(s, 2, run->finished_at);
    mf_stmt_bind_date(s, 3, run->as_of);
    mf_stmt_bind_text(s, 4, run->scope);
    mf_stmt_bind_double(s, 5, run->score);
    mf_stmt_bind_int64(s, 6, run->checks);
    mf_stmt_bind_int64(s, 7, run->failing);
    mf_stmt_bind_int64(s, 8, run->critical);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW) {
        if (rc >= 0)
            rc = mf_error_set(err, MF_ESTATE, "quality run was not recorded");
        goto out;
    }
    run->id = mf_stmt_int64(s, 0);
    if ((rc = mf_stmt_step(s, err)) < 0)
        goto out;
    if ((rc = mf_store_prepare(st, sql_insert_result, &s, err)) != 0)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const mf_quality_result *r = &results[i];
        mf_stmt_bind_int64(s, 1, run->id);
        mf_stmt_bind_text(s, 2, r->code);
        mf_stmt_bind_text(s, 3, r->source);
        mf_stmt_bind_text(s, 4, mf_quality_check_name(r->check));
        mf_stmt_bind_text(s, 5, mf_quality_severity_name(r->severity));
        mf_stmt_bind_text(s, 6, mf_quality_status_name(r->status));
        mf_stmt_bind_text(s, 7, r->message);
        mf_stmt_bind_double(s, 8, r->value);
        mf_stmt_bind_double(s, 9, r->threshold);
        if (r->has_date)
            mf_stmt_bind_date(s, 10, r->obs_date);
        else
            mf_stmt_bind_null(s, 10);
        mf_stmt_bind_time(s, 11, r->checked_at);
        if ((rc = mf_stmt_step(s, err)) < 0)
            goto out;
    }
    rc = append_event(st, run, err);
out:
    if (rc < 0) {
        mf_store_rollback(st, NULL);
        return rc;
    }
    return mf_store_commit(st, err);
}

#define RUN_COLUMNS "id, started_at, finished_at, as_of, scope, score, checks, failing, critical"

static void read_run(mf_stmt *s, mf_quality_run *r)
{
    r->id = mf_stmt_int64(s, 0);
    r->started_at = mf_stmt_time(s, 1);
    r->finished_at = mf_stmt_time(s, 2);
    r->as_of = mf_stmt_date(s, 3);
    mf_stmt_text_copy(s, 4, r->scope, sizeof r->scope);
    r->score = mf_stmt_is_null(s, 5) ? NAN : mf_stmt_double(s, 5);
    r->checks = mf_stmt_int64(s, 6);
    r->failing = mf_stmt_int64(s, 7);
    r->critical = mf_stmt_int64(s, 8);
}

int mf_repo_quality_run_get(mf_store *st, int64_t run_id, mf_quality_run *out, bool *found,
                            mf_error *err)
{
    *found = false;
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT " RUN_COLUMNS " FROM quality_runs "
                              "WHERE id = ? OR ? = 0 ORDER BY id DESC LIMIT 1",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, run_id);
    mf_stmt_bind_int64(s, 2, run_id);
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        read_run(s, out);
        *found = true;
    }
    return rc < 0 ? rc : 0;
}

int mf_repo_quality_runs(mf_store *st, size_t limit, mf_quality_run **out, size_t *n, mf_error *err)
{
    *out = NULL;
    *n = 0;
    mf_stmt *s;
    int rc = mf_store_prepare(
        st, "SELECT " RUN_COLUMNS " FROM quality_runs ORDER BY id DESC LIMIT ?", &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, (int64_t)limit);
    mf_quality_run *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 16;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        read_run(s, &rows[count++]);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}

#define RESULT_COLUMNS                                                                             \
    "run_id, code, source, check_name, severity, status, message, value, threshold, obs_date, "    \
    "checked_at"

/* Reads the result rows of s (bound by the caller) into a new array. */
static int read_results(mf_stmt *s, mf_quality_result **out, size_t *n, mf_error *err)
{
    *out = NULL;
    *n = 0;
    mf_quality_result *rows = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        mf_quality_result *r = &rows[count++];
        memset(r, 0, sizeof *r);
        r->run_id = mf_stmt_int64(s, 0);
        mf_stmt_text_copy(s, 1, r->code, sizeof r->code);
        mf_stmt_text_copy(s, 2, r->source, sizeof r->source);
        int c = index_of(check_names, MF_QC_COUNT, mf_stmt_text(s, 3));
        int sev = index_of(severity_names, 3, mf_stmt_text(s, 4));
        int stat = index_of(status_names, 2, mf_stmt_text(s, 5));
        r->check = c < 0 ? MF_QC_STALENESS : (mf_quality_check)c;
        r->severity = sev < 0 ? MF_QUALITY_INFO : (mf_quality_severity)sev;
        r->status = stat < 0 ? MF_QUALITY_FAIL : (mf_quality_status)stat;
        mf_stmt_text_copy(s, 6, r->message, sizeof r->message);
        r->value = mf_stmt_is_null(s, 7) ? NAN : mf_stmt_double(s, 7);
        r->threshold = mf_stmt_is_null(s, 8) ? NAN : mf_stmt_double(s, 8);
        r->has_date = !mf_stmt_is_null(s, 9);
        r->obs_date = r->has_date ? mf_stmt_date(s, 9) : 0;
        r->checked_at = mf_stmt_time(s, 10);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}

int mf_repo_quality_results(mf_store *st, int64_t run_id, mf_quality_result **out, size_t *n,
                            mf_error *err)
{
    *out = NULL;
    *n = 0;
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT " RESULT_COLUMNS " FROM quality_results WHERE run_id = ? "
                              "ORDER BY code, id",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, run_id);
    return read_results(s, out, n, err);
}

int mf_repo_quality_history(mf_store *st, const char *code, size_t limit, mf_quality_result **out,
                            size_t *n, mf_error *err)
{
    *out = NULL;
    *n = 0;
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT " RESULT_COLUMNS " FROM quality_results WHERE code = ? "
                              "ORDER BY run_id DESC, id LIMIT ?",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, code);
    mf_stmt_bind_int64(s, 2, (int64_t)limit);
    return read_results(s, out, n, err);
}
