/*
 * repo_ingestion_runs.c - the record of each ingestion (see repo_ingestion_runs.h).
 */
#include "store/repo_ingestion_runs.h"

#include <jansson.h>

#include "core/alloc.h"
#include "store/repo_events.h"

int mf_repo_run_start(mf_store *st, const char *source, int64_t started_at, int64_t *run_id,
                      mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "INSERT INTO ingestion_runs (source, started_at, status) "
                              "VALUES (?, ?, 'running') RETURNING id",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, source);
    mf_stmt_bind_time(s, 2, started_at);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "ingestion run was not recorded");
    *run_id = mf_stmt_int64(s, 0);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

/* Appends the 'ingestion' event that reports run_id's end (contracts in repo_events.h). */
static int append_finished_event(mf_store *st, int64_t run_id, const char *source,
                                 int64_t finished_at, const mf_ingestion_counts *counts,
                                 const char *error, mf_error *err)
{
    json_t *payload = json_pack(
        "{s:I, s:s, s:s, s:I, s:I, s:I, s:o}", "run_id", (json_int_t)run_id, "source", source,
        "status", error ? "failed" : "succeeded", "rows_new", (json_int_t)counts->rows_new,
        "rows_unchanged", (json_int_t)counts->rows_unchanged, "rows_revised",
        (json_int_t)counts->rows_revised, "error", error ? json_string(error) : json_null());
    char text[MF_EVENT_PAYLOAD_MAX];
    size_t len =
        payload ? json_dumpb(payload, text, sizeof text - 1, JSON_COMPACT | JSON_PRESERVE_ORDER)
                : 0;
    json_decref(payload);
    if (len == 0 || len >= sizeof text) /* an error message too long for an event */
        return mf_error_set(err, MF_EINVAL, "ingestion run %lld: its event does not fit %zu bytes",
                            (long long)run_id, sizeof text - 1);
    text[len] = '\0';
    return mf_repo_event_append(st, "ingestion", text, finished_at, NULL, err);
}

int mf_repo_run_finish(mf_store *st, int64_t run_id, int64_t finished_at,
                       const mf_ingestion_counts *counts, const char *error, mf_error *err)
{
    int rc = mf_store_begin(st, err);
    if (rc != 0)
        return rc;
    mf_stmt *s;
    rc = mf_store_prepare(st,
                          "UPDATE ingestion_runs SET finished_at = ?, status = ?, "
                          "rows_new = ?, rows_unchanged = ?, rows_revised = ?, error = ? "
                          "WHERE id = ? RETURNING source",
                          &s, err);
    if (rc == 0) {
        mf_stmt_bind_time(s, 1, finished_at);
        mf_stmt_bind_text(s, 2, error ? "failed" : "succeeded");
        mf_stmt_bind_int64(s, 3, counts->rows_new);
        mf_stmt_bind_int64(s, 4, counts->rows_unchanged);
        mf_stmt_bind_int64(s, 5, counts->rows_revised);
        mf_stmt_bind_text(s, 6, error);
        mf_stmt_bind_int64(s, 7, run_id);
        rc = mf_stmt_step(s, err);
    }
    char source[64] = "";
    if (rc == MF_STORE_ROW) {
        mf_stmt_text_copy(s, 0, source, sizeof source);
        rc = mf_stmt_step(s, err);
        if (rc >= 0)
            rc = append_finished_event(st, run_id, source, finished_at, counts, error, err);
    } else if (rc >= 0) {
        rc = mf_error_set(err, MF_ENOTFOUND, "no ingestion run %lld", (long long)run_id);
    }
    if (rc < 0) {
        mf_store_rollback(st, NULL);
        return rc;
    }
    return mf_store_commit(st, err);
}

/* Binds key as parameters 1..4: source, request, range_from, range_to. */
static void bind_key(mf_stmt *s, const mf_ingest_progress_key *key)
{
    mf_stmt_bind_text(s, 1, key->source);
    mf_stmt_bind_text(s, 2, key->request);
    mf_stmt_bind_date(s, 3, key->from);
    mf_stmt_bind_date(s, 4, key->to);
}

int mf_repo_progress_get(mf_store *st, const mf_ingest_progress_key *key, mf_date *done_through,
                         bool *found, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT done_through FROM ingestion_progress WHERE source = ? AND "
                              "request = ? AND range_from = ? AND range_to = ?",
                              &s, err);
    if (rc != 0)
        return rc;
    bind_key(s, key);
    rc = mf_stmt_step(s, err);
    if (rc < 0)
        return rc;
    *found = rc == MF_STORE_ROW;
    if (*found) {
        *done_through = mf_stmt_date(s, 0);
        rc = mf_stmt_step(s, err);
    }
    return rc < 0 ? rc : 0;
}

int mf_repo_progress_put(mf_store *st, const mf_ingest_progress_key *key, mf_date done_through,
                         int64_t updated_at, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "INSERT INTO ingestion_progress (source, request, range_from, "
                              "range_to, done_through, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT (source, request, range_from, range_to) DO UPDATE "
                              "SET done_through = excluded.done_through, "
                              "updated_at = excluded.updated_at",
                              &s, err);
    if (rc != 0)
        return rc;
    bind_key(s, key);
    mf_stmt_bind_date(s, 5, done_through);
    mf_stmt_bind_time(s, 6, updated_at);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

int mf_repo_run_list(mf_store *st, size_t limit, mf_ingestion_run **out, size_t *n, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT id, source, started_at, finished_at, status, rows_new, "
                              "rows_unchanged, rows_revised, error FROM ingestion_runs "
                              "ORDER BY id DESC LIMIT ?",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, (int64_t)limit);
    mf_ingestion_run *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 16;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        mf_ingestion_run *r = &rows[count++];
        r->id = mf_stmt_int64(s, 0);
        mf_stmt_text_copy(s, 1, r->source, sizeof r->source);
        r->started_at = mf_stmt_time(s, 2);
        r->finished_at = mf_stmt_is_null(s, 3) ? 0 : mf_stmt_time(s, 3);
        mf_stmt_text_copy(s, 4, r->status, sizeof r->status);
        r->counts.rows_new = mf_stmt_int64(s, 5);
        r->counts.rows_unchanged = mf_stmt_int64(s, 6);
        r->counts.rows_revised = mf_stmt_int64(s, 7);
        mf_stmt_text_copy(s, 8, r->error, sizeof r->error);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}

int mf_repo_run_totals(mf_store *st, mf_ingestion_totals **out, size_t *n, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT source, status, COUNT(*), SUM(rows_new), "
                              "SUM(rows_unchanged), SUM(rows_revised) FROM ingestion_runs "
                              "GROUP BY source, status ORDER BY source, status",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_ingestion_totals *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 16;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        mf_ingestion_totals *r = &rows[count++];
        mf_stmt_text_copy(s, 0, r->source, sizeof r->source);
        mf_stmt_text_copy(s, 1, r->status, sizeof r->status);
        r->runs = mf_stmt_int64(s, 2);
        r->counts.rows_new = mf_stmt_int64(s, 3);
        r->counts.rows_unchanged = mf_stmt_int64(s, 4);
        r->counts.rows_revised = mf_stmt_int64(s, 5);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}
