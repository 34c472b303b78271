/*
 * repo_derived.c - derived series definitions, lineage and input state (see repo_derived.h).
 */
#include "store/repo_derived.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

static const char sql_get[] = "SELECT transform, params, watermark, input_rows, computed_at "
                              "FROM derived_series WHERE series_id = ?";
static const char sql_inputs[] = "SELECT input_id FROM derived_inputs WHERE series_id = ? "
                                 "ORDER BY position";
static const char sql_insert[] = "INSERT INTO derived_series (series_id, transform, params) "
                                 "VALUES (?, ?, ?)";
static const char sql_insert_input[] = "INSERT INTO derived_inputs (series_id, position, "
                                       "input_id) VALUES (?, ?, ?)";
static const char sql_ids[] = "SELECT series_id FROM derived_series ORDER BY series_id";
static const char sql_watermark[] = "UPDATE derived_series SET watermark = ?, input_rows = ?, "
                                    "computed_at = ? WHERE series_id = ?";
static const char sql_downstream[] = "SELECT DISTINCT series_id FROM derived_inputs "
                                     "WHERE input_id = ? ORDER BY series_id";
static const char sql_state[] = "SELECT COUNT(*), MAX(ingested_at) FROM observations "
                                "WHERE series_id = ?";
static const char sql_first_since[] = "SELECT MIN(obs_date) FROM observations "
                                      "WHERE series_id = ? AND ingested_at >= ?";
static const char sql_first_after[] = "SELECT MIN(obs_date) FROM observations "
                                      "WHERE series_id = ? AND ingested_at > ?";
static const char sql_count_upto[] = "SELECT COUNT(*) FROM observations "
                                     "WHERE series_id = ? AND ingested_at <= ?";

/* Steps s to its end after a row already read. */
static int finish(mf_stmt *s, mf_error *err)
{
    int rc;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW)
        ;
    return rc < 0 ? rc : 0;
}

int mf_repo_derived_get(mf_store *st, int64_t series_id, mf_derived_def *out, bool *found,
                        mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql_get, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    if ((rc = mf_stmt_step(s, err)) < 0)
        return rc;
    if (rc == MF_STORE_DONE) {
        *found = false;
        return 0;
    }
    mf_derived_def d = {.series_id = series_id};
    mf_stmt_text_copy(s, 0, d.transform, sizeof d.transform);
    mf_stmt_text_copy(s, 1, d.params, sizeof d.params);
    d.has_watermark = !mf_stmt_is_null(s, 2);
    d.watermark = d.has_watermark ? mf_stmt_time(s, 2) : 0;
    d.input_rows = mf_stmt_int64(s, 3);
    d.computed_at = mf_stmt_is_null(s, 4) ? 0 : mf_stmt_time(s, 4);
    if ((rc = finish(s, err)) != 0 || (rc = mf_store_prepare(st, sql_inputs, &s, err)) != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW)
        if (d.n_inputs < MF_DERIVED_MAX_INPUTS)
            d.inputs[d.n_inputs++] = mf_stmt_int64(s, 0);
    if (rc < 0)
        return rc;
    *out = d;
    *found = true;
    return 0;
}

/* What differs between the stored definition a and the new one b, or NULL. */
static const char *difference(const mf_derived_def *a, const mf_derived_def *b)
{
    if (strcmp(a->transform, b->transform) != 0)
        return "transform";
    if (strcmp(a->params, b->params) != 0)
        return "parameters";
    if (a->n_inputs != b->n_inputs ||
        memcmp(a->inputs, b->inputs, a->n_inputs * sizeof a->inputs[0]) != 0)
        return "inputs";
    return NULL;
}

int mf_repo_derived_put(mf_store *st, const mf_derived_def *def, mf_put_outcome *outcome,
                        mf_error *err)
{
    if (def->n_inputs == 0 || def->n_inputs > MF_DERIVED_MAX_INPUTS)
        return mf_error_set(err, MF_EINVAL, "derived series %lld: %zu inputs, expected 1..%d",
                            (long long)def->series_id, def->n_inputs, MF_DERIVED_MAX_INPUTS);
    mf_derived_def old;
    bool found = false;
    int rc = mf_repo_derived_get(st, def->series_id, &old, &found, err);
    if (rc != 0)
        return rc;
    if (found) {
        const char *what = difference(&old, def);
        if (what != NULL)
            return mf_error_set(err, MF_ESTATE,
                                "stored with other %s (%s %s): its vintages were computed "
                                "under them; give the new definition a new code",
                                what, old.transform, old.params);
        *outcome = MF_PUT_UNCHANGED;
        return 0;
    }
    mf_stmt *s;
    if ((rc = mf_store_begin(st, err)) != 0)
        return rc;
    if ((rc = mf_store_prepare(st, sql_insert, &s, err)) != 0)
        goto out;
    mf_stmt_bind_int64(s, 1, def->series_id);
    mf_stmt_bind_text(s, 2, def->transform);
    mf_stmt_bind_text(s, 3, def->params);
    if ((rc = mf_stmt_step(s, err)) < 0)
        goto out;
    for (size_t i = 0; i < def->n_inputs; i++) {
        if ((rc = mf_store_prepare(st, sql_insert_input, &s, err)) != 0)
            goto out;
        mf_stmt_bind_int64(s, 1, def->series_id);
        mf_stmt_bind_int64(s, 2, (int64_t)i);
        mf_stmt_bind_int64(s, 3, def->inputs[i]);
        if ((rc = mf_stmt_step(s, err)) < 0)
            goto out;
    }
    rc = 0;
out:
    if (rc != 0) {
        mf_store_rollback(st, NULL);
        return rc;
    }
    if ((rc = mf_store_commit(st, err)) != 0)
        return rc;
    *outcome = MF_PUT_CREATED;
    return 0;
}

/* The ids a one-column query returns for the bound key (key < 0: no parameter). */
static int ids_of(mf_store *st, const char *sql, int64_t key, int64_t **out, size_t *n,
                  mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    if (key >= 0)
        mf_stmt_bind_int64(s, 1, key);
    int64_t *ids = NULL;
    size_t len = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (len == cap) {
            cap = cap ? 2 * cap : 16;
            ids = mf_reallocarray(ids, cap, sizeof *ids);
        }
        ids[len++] = mf_stmt_int64(s, 0);
    }
    if (rc < 0) {
        mf_free(ids);
        return rc;
    }
    *out = ids;
    *n = len;
    return 0;
}

int mf_repo_derived_list(mf_store *st, mf_derived_def **out, size_t *n, mf_error *err)
{
    int64_t *ids;
    size_t len;
    int rc = ids_of(st, sql_ids, -1, &ids, &len, err);
    if (rc != 0)
        return rc;
    mf_derived_def *defs = len ? mf_calloc(len, sizeof *defs) : NULL;
    for (size_t i = 0; i < len && rc == 0; i++) {
        bool found = false;
        rc = mf_repo_derived_get(st, ids[i], &defs[i], &found, err);
    }
    mf_free(ids);
    if (rc != 0) {
        mf_free(defs);
        return rc;
    }
    *out = defs;
    *n = len;
    return 0;
}

int mf_repo_derived_inputs_of(mf_store *st, int64_t input_id, int64_t **out, size_t *n,
                              mf_error *err)
{
    return ids_of(st, sql_downstream, input_id, out, n, err);
}

int mf_repo_derived_set_watermark(mf_store *st, int64_t series_id, int64_t watermark,
                                  int64_t input_rows, int64_t computed_at, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql_watermark, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_time(s, 1, watermark);
    mf_stmt_bind_int64(s, 2, input_rows);
    mf_stmt_bind_time(s, 3, computed_at);
    mf_stmt_bind_int64(s, 4, series_id);
    if ((rc = mf_stmt_step(s, err)) < 0)
        return rc;
    if (mf_stmt_changes(s) == 0)
        return mf_error_set(err, MF_ENOTFOUND, "series %lld is not a derived series",
                            (long long)series_id);
    return 0;
}

int mf_repo_derived_input_state(mf_store *st, int64_t series_id, mf_derived_input_state *out,
                                mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql_state, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "no result for the input's rows");
    mf_derived_input_state r = {mf_stmt_int64(s, 0), 0};
    if (!mf_stmt_is_null(s, 1))
        r.max_ingested_at = mf_stmt_time(s, 1);
    if ((rc = finish(s, err)) != 0)
        return rc;
    *out = r;
    return 0;
}

int mf_repo_derived_rows_upto(mf_store *st, int64_t series_id, int64_t upto, int64_t *rows,
                              mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql_count_upto, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    mf_stmt_bind_time(s, 2, upto);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "no result for the row count");
    int64_t n = mf_stmt_int64(s, 0);
    if ((rc = finish(s, err)) != 0)
        return rc;
    *rows = n;
    return 0;
}

int mf_repo_derived_first_since(mf_store *st, int64_t series_id, int64_t since, bool strict,
                                mf_date *first, bool *found, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, strict ? sql_first_after : sql_first_since, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, series_id);
    mf_stmt_bind_time(s, 2, since);
    if ((rc = mf_stmt_step(s, err)) != MF_STORE_ROW)
        return rc < 0 ? rc : mf_error_set(err, MF_ESTATE, "no result for the changed rows");
    bool any = !mf_stmt_is_null(s, 0);
    mf_date d = any ? mf_stmt_date(s, 0) : 0;
    if ((rc = finish(s, err)) != 0)
        return rc;
    *found = any;
    if (any)
        *first = d;
    return 0;
}
