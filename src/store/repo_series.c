/*
 * repo_series.c - the series catalogue (see repo_series.h).
 */
#include "store/repo_series.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

int mf_series_code_check(const char *code, mf_error *err)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n >= MF_SERIES_CODE_MAX)
        return mf_error_set(err, MF_EINVAL,
                            "invalid series code '%.80s': expected 1 to %d "
                            "letters, digits, '_', '.' or '-'",
                            code ? code : "", MF_SERIES_CODE_MAX - 1);
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '-';
        if (!ok)
            return mf_error_set(err, MF_EINVAL,
                                "invalid series code '%.80s': character %zu "
                                "is not a letter, digit, '_', '.' or '-'",
                                code, i + 1);
    }
    return 0;
}

/* Reads a row of the SELECTs below (id, code, ... description) from s. */
static void read_row(mf_stmt *s, mf_series_info *out)
{
    memset(out, 0, sizeof *out);
    out->id = mf_stmt_int64(s, 0);
    mf_stmt_text_copy(s, 1, out->code, sizeof out->code);
    mf_stmt_text_copy(s, 2, out->source, sizeof out->source);
    mf_stmt_text_copy(s, 3, out->source_key, sizeof out->source_key);
    mf_stmt_text_copy(s, 4, out->name, sizeof out->name);
    const char *f = mf_stmt_text(s, 5);
    out->frequency = f ? f[0] : 0;
    mf_stmt_text_copy(s, 6, out->unit, sizeof out->unit);
    mf_stmt_text_copy(s, 7, out->country, sizeof out->country);
    mf_stmt_text_copy(s, 8, out->category, sizeof out->category);
    out->release_lag_days = mf_stmt_is_null(s, 9) ? -1 : (int)mf_stmt_int64(s, 9);
    out->simulated = mf_stmt_bool(s, 10);
    mf_stmt_text_copy(s, 11, out->description, sizeof out->description);
}

/* Binds text, with "" as NULL. */
static void bind_opt(mf_stmt *s, int i, const char *v)
{
    mf_stmt_bind_text(s, i, v && v[0] ? v : NULL);
}

static int validate(const mf_series_info *info, mf_error *err)
{
    int rc = mf_series_code_check(info->code, err);
    if (rc != 0)
        return rc;
    if (info->source[0] == '\0' || info->name[0] == '\0')
        return mf_error_set(err, MF_EINVAL, "series '%s' needs a source and a name", info->code);
    if (info->frequency != 0 && strchr("DWMQA", info->frequency) == NULL)
        return mf_error_set(err, MF_EINVAL,
                            "series '%s': invalid frequency '%c': expected D, W, M, Q or A",
                            info->code, info->frequency);
    size_t cn = strlen(info->country);
    if (cn != 0 && (cn != 2 || info->country[0] < 'A' || info->country[0] > 'Z' ||
                    info->country[1] < 'A' || info->country[1] > 'Z'))
        return mf_error_set(err, MF_EINVAL,
                            "series '%s': invalid country '%s': expected an ISO 3166 code "
                            "such as BR or US",
                            info->code, info->country);
    return 0;
}

/* Binds the catalogue fields of info as parameters first..first+10 (code first). */
static void bind_info(mf_stmt *s, int first, const mf_series_info *info)
{
    char freq[2] = {info->frequency, '\0'};
    mf_stmt_bind_text(s, first, info->code);
    mf_stmt_bind_text(s, first + 1, info->source);
    bind_opt(s, first + 2, info->source_key);
    mf_stmt_bind_text(s, first + 3, info->name);
    bind_opt(s, first + 4, freq);
    bind_opt(s, first + 5, info->unit);
    bind_opt(s, first + 6, info->country);
    bind_opt(s, first + 7, info->category);
    if (info->release_lag_days >= 0)
        mf_stmt_bind_int64(s, first + 8, info->release_lag_days);
    else
        mf_stmt_bind_null(s, first + 8);
    mf_stmt_bind_bool(s, first + 9, info->simulated);
    bind_opt(s, first + 10, info->description);
}

int mf_repo_series_create(mf_store *st, const mf_series_info *info, int64_t *id, mf_error *err)
{
    int rc = validate(info, err);
    if (rc != 0)
        return rc;
    mf_series_info existing;
    rc = mf_repo_series_get(st, info->code, &existing, NULL);
    if (rc == 0)
        return mf_error_set(err, MF_EINVAL, "series '%s' already exists", info->code);
    mf_stmt *s;
    rc = mf_store_prepare(st,
                          "INSERT INTO series (code, source, source_key, name, frequency, unit, "
                          "country, category, release_lag_days, simulated, description) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          &s, err);
    if (rc != 0)
        return rc;
    bind_info(s, 1, info);
    rc = mf_stmt_step(s, err);
    if (rc != MF_STORE_ROW)
        return rc < 0 ? rc
                      : mf_error_set(err, MF_ESTATE, "series '%s' was not created", info->code);
    *id = mf_stmt_int64(s, 0);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}

/* Whether the catalogue fields (everything but the id) of a and b are equal. */
static bool same_info(const mf_series_info *a, const mf_series_info *b)
{
    return strcmp(a->source, b->source) == 0 && strcmp(a->source_key, b->source_key) == 0 &&
           strcmp(a->name, b->name) == 0 && a->frequency == b->frequency &&
           strcmp(a->unit, b->unit) == 0 && strcmp(a->country, b->country) == 0 &&
           strcmp(a->category, b->category) == 0 && a->release_lag_days == b->release_lag_days &&
           a->simulated == b->simulated && strcmp(a->description, b->description) == 0;
}

int mf_repo_series_put(mf_store *st, const mf_series_info *info, int64_t *id,
                       mf_put_outcome *outcome, mf_error *err)
{
    int rc = validate(info, err);
    if (rc != 0)
        return rc;
    mf_series_info old = {0};
    rc = mf_repo_series_get(st, info->code, &old, err);
    if (rc == MF_ENOTFOUND) {
        *outcome = MF_PUT_CREATED;
        return mf_repo_series_create(st, info, id, err);
    }
    if (rc != 0)
        return rc;
    *id = old.id;
    if (same_info(&old, info)) {
        *outcome = MF_PUT_UNCHANGED;
        return 0;
    }
    mf_stmt *s;
    rc = mf_store_prepare(st,
                          "UPDATE series SET code = ?, source = ?, source_key = ?, name = ?, "
                          "frequency = ?, unit = ?, country = ?, category = ?, "
                          "release_lag_days = ?, simulated = ?, description = ? WHERE id = ?",
                          &s, err);
    if (rc != 0)
        return rc;
    bind_info(s, 1, info);
    mf_stmt_bind_int64(s, 12, old.id);
    rc = mf_stmt_step(s, err);
    *outcome = MF_PUT_UPDATED;
    return rc < 0 ? rc : 0;
}

int mf_repo_series_get(mf_store *st, const char *code, mf_series_info *out, mf_error *err)
{
    static const char sql[] = "SELECT id, code, source, source_key, name, frequency, unit, "
                              "country, category, release_lag_days, simulated, description "
                              "FROM series WHERE code = ?";
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, code);
    rc = mf_stmt_step(s, err);
    if (rc == MF_STORE_DONE)
        return mf_error_set(err, MF_ENOTFOUND, "unknown series '%.80s'", code ? code : "");
    if (rc < 0)
        return rc;
    read_row(s, out);
    rc = mf_stmt_step(s, err); /* finish the statement */
    return rc < 0 ? rc : 0;
}

int mf_repo_series_ensure(mf_store *st, const char *code, int64_t *id, bool *created, mf_error *err)
{
    mf_series_info info;
    info.id = -1; /* a sentinel: mf_repo_series_get() writes it on success */
    int rc = mf_repo_series_get(st, code, &info, err);
    if (rc == 0) {
        *id = info.id;
        *created = false;
        return 0;
    }
    if (rc != MF_ENOTFOUND)
        return rc;
    memset(&info, 0, sizeof info);
    snprintf(info.code, sizeof info.code, "%s", code);
    snprintf(info.source, sizeof info.source, "user");
    snprintf(info.name, sizeof info.name, "%s", code);
    info.release_lag_days = -1;
    rc = mf_repo_series_create(st, &info, id, err);
    if (rc == 0)
        *created = true;
    return rc;
}

int mf_repo_series_list(mf_store *st, const mf_series_filter *filter, mf_series_info **out,
                        size_t *n, mf_error *err)
{
    static const char sql[] =
        "SELECT id, code, source, source_key, name, frequency, unit, country, category, "
        "release_lag_days, simulated, description FROM series "
        "WHERE (? = '' OR source = ?) AND (? = '' OR country = ?) "
        "AND (? = '' OR category = ?) AND (? = '' OR frequency = ?) "
        "AND (? < 0 OR simulated = ?) AND substr(code, 1, ?) = ? ORDER BY code";
    mf_series_filter f = filter ? *filter : MF_SERIES_FILTER_ALL;
    const char *text[4] = {f.source, f.country, f.category, NULL};
    char freq[2] = {f.frequency, '\0'};
    text[3] = freq;
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    for (int i = 0; i < 4; i++) {
        mf_stmt_bind_text(s, 2 * i + 1, text[i] ? text[i] : "");
        mf_stmt_bind_text(s, 2 * i + 2, text[i] ? text[i] : "");
    }
    mf_stmt_bind_int64(s, 9, f.simulated);
    mf_stmt_bind_int64(s, 10, f.simulated);
    const char *prefix = f.code_prefix ? f.code_prefix : "";
    mf_stmt_bind_int64(s, 11, (int64_t)strlen(prefix));
    mf_stmt_bind_text(s, 12, prefix);

    mf_series_info *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        read_row(s, &rows[count++]);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}

int mf_repo_series_code_of(mf_store *st, int64_t id, char code[MF_SERIES_CODE_MAX], mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, "SELECT code FROM series WHERE id = ?", &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_int64(s, 1, id);
    rc = mf_stmt_step(s, err);
    if (rc == MF_STORE_DONE)
        return mf_error_set(err, MF_ENOTFOUND, "no series with id %lld", (long long)id);
    if (rc < 0)
        return rc;
    mf_stmt_text_copy(s, 0, code, MF_SERIES_CODE_MAX);
    rc = mf_stmt_step(s, err);
    return rc < 0 ? rc : 0;
}
