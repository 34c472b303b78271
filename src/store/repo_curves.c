/*
 * repo_curves.c - zero curves by vertex (see repo_curves.h).
 */
#include "store/repo_curves.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

static const char *const compoundings[] = {"simple", "annual", "continuous"};

static int check_code(const char *code, mf_error *err)
{
    size_t n = code ? strlen(code) : 0;
    bool ok = n > 0 && n < MF_CURVE_CODE_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        char c = code[i];
        ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '.' || c == '-';
    }
    if (!ok)
        return mf_error_set(err, MF_EINVAL,
                            "invalid curve code '%.80s': expected 1 to %d letters, digits, "
                            "'_', '.' or '-'",
                            code ? code : "", MF_CURVE_CODE_MAX - 1);
    return 0;
}

static int check_text(const char *what, const char *v, size_t size, mf_error *err)
{
    size_t n = strnlen(v, size);
    if (n == 0 || n == size)
        return mf_error_set(err, MF_EINVAL, "curve %s must be 1 to %zu characters", what, size - 1);
    return 0;
}

static int validate(const mf_curve_head *h, const mf_curve_vertex *v, size_t n, mf_error *err)
{
    int rc = check_code(h->code, err);
    if (rc == 0)
        rc = check_text("day_count", h->day_count, sizeof h->day_count, err);
    if (rc == 0)
        rc = check_text("source", h->source, sizeof h->source, err);
    if (rc != 0)
        return rc;
    bool known = false;
    for (size_t i = 0; i < sizeof compoundings / sizeof compoundings[0]; i++)
        known = known || strcmp(h->compounding, compoundings[i]) == 0;
    if (!known)
        return mf_error_set(err, MF_EINVAL,
                            "curve '%s': unknown compounding '%.20s': expected simple, annual "
                            "or continuous",
                            h->code, h->compounding);
    char day[MF_DATE_ISO_SIZE], mat[MF_DATE_ISO_SIZE];
    mf_date_format_iso(h->date, day);
    if (n == 0)
        return mf_error_set(err, MF_EINVAL, "curve '%s' on %s has no vertices", h->code, day);
    for (size_t i = 0; i < n; i++) {
        const mf_curve_vertex *x = &v[i];
        if (x->tenor_bd < 0 || x->tenor_cd < 0)
            return mf_error_set(err, MF_EINVAL, "curve '%s' on %s: vertex %zu has a negative tenor",
                                h->code, day, i + 1);
        if (i > 0 && x->tenor_bd <= v[i - 1].tenor_bd)
            return mf_error_set(err, MF_EINVAL,
                                "curve '%s' on %s: vertex %zu: tenor %d business days is not "
                                "after %d",
                                h->code, day, i + 1, (int)x->tenor_bd, (int)v[i - 1].tenor_bd);
        if ((int64_t)x->maturity != (int64_t)h->date + x->tenor_cd)
            return mf_error_set(err, MF_EINVAL,
                                "curve '%s' on %s: vertex %zu: maturity %s is not %d calendar "
                                "days after the curve date",
                                h->code, day, i + 1, mf_date_format_iso(x->maturity, mat),
                                (int)x->tenor_cd);
        if (!isfinite(x->zero_rate_pct))
            return mf_error_set(err, MF_EINVAL,
                                "curve '%s' on %s: vertex %zu: zero rate is not "
                                "finite",
                                h->code, day, i + 1);
        if (!isfinite(x->discount_factor) || !(x->discount_factor > 0))
            return mf_error_set(err, MF_EINVAL,
                                "curve '%s' on %s: vertex %zu: discount factor %.17g is not "
                                "finite and positive",
                                h->code, day, i + 1, x->discount_factor);
    }
    return 0;
}

int mf_repo_curve_put(mf_store *st, const mf_curve_head *head, const mf_curve_vertex *v, size_t n,
                      mf_error *err)
{
    static const char sql_delete[] = "DELETE FROM curves WHERE curve_code = ? AND curve_date = ?";
    static const char sql_insert[] =
        "INSERT INTO curves (curve_code, curve_date, tenor_bd, tenor_cd, maturity, zero_rate, "
        "discount_factor, day_count, compounding, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    int rc = validate(head, v, n, err);
    if (rc != 0)
        return rc;
    if ((rc = mf_store_begin(st, err)) != 0)
        return rc;
    mf_stmt *s;
    if ((rc = mf_store_prepare(st, sql_delete, &s, err)) != 0)
        goto out;
    mf_stmt_bind_text(s, 1, head->code);
    mf_stmt_bind_date(s, 2, head->date);
    if ((rc = mf_stmt_step(s, err)) < 0)
        goto out;
    if ((rc = mf_store_prepare(st, sql_insert, &s, err)) != 0)
        goto out;
    for (size_t i = 0; i < n; i++) {
        mf_stmt_bind_text(s, 1, head->code);
        mf_stmt_bind_date(s, 2, head->date);
        mf_stmt_bind_int64(s, 3, v[i].tenor_bd);
        mf_stmt_bind_int64(s, 4, v[i].tenor_cd);
        mf_stmt_bind_date(s, 5, v[i].maturity);
        mf_stmt_bind_double(s, 6, v[i].zero_rate_pct);
        mf_stmt_bind_double(s, 7, v[i].discount_factor);
        mf_stmt_bind_text(s, 8, head->day_count);
        mf_stmt_bind_text(s, 9, head->compounding);
        mf_stmt_bind_text(s, 10, head->source);
        if ((rc = mf_stmt_step(s, err)) < 0)
            goto out;
    }
    rc = 0;
out:
    if (rc != 0) {
        mf_store_rollback(st, NULL);
        return rc;
    }
    return mf_store_commit(st, err);
}

int mf_repo_curve_exists(mf_store *st, const char *code, bool *exists, mf_error *err)
{
    static const char sql[] = "SELECT 1 FROM curves WHERE curve_code = ? LIMIT 1";
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, code);
    bool found = false;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW)
        found = true;
    if (rc < 0)
        return rc;
    *exists = found;
    return 0;
}

static void read_vertex(mf_stmt *s, int col, mf_curve_vertex *v)
{
    v->tenor_bd = (int32_t)mf_stmt_int64(s, col);
    v->tenor_cd = (int32_t)mf_stmt_int64(s, col + 1);
    v->maturity = mf_stmt_date(s, col + 2);
    v->zero_rate_pct = mf_stmt_double(s, col + 3);
    v->discount_factor = mf_stmt_double(s, col + 4);
}

int mf_repo_curve_get(mf_store *st, const char *code, mf_date date, mf_curve_head *head,
                      mf_curve_vertex **v, size_t *n, mf_error *err)
{
    static const char sql[] =
        "SELECT tenor_bd, tenor_cd, maturity, zero_rate, discount_factor, day_count, "
        "compounding, source FROM curves WHERE curve_code = ? AND curve_date = ? "
        "ORDER BY tenor_bd";
    int rc = check_code(code, err);
    mf_stmt *s;
    if (rc != 0 || (rc = mf_store_prepare(st, sql, &s, err)) != 0)
        return rc;
    mf_stmt_bind_text(s, 1, code);
    mf_stmt_bind_date(s, 2, date);
    mf_curve_head h = {.date = date};
    snprintf(h.code, sizeof h.code, "%s", code);
    mf_curve_vertex *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        read_vertex(s, 0, &rows[count++]);
        mf_stmt_text_copy(s, 5, h.day_count, sizeof h.day_count);
        mf_stmt_text_copy(s, 6, h.compounding, sizeof h.compounding);
        mf_stmt_text_copy(s, 7, h.source, sizeof h.source);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    if (count == 0) {
        bool exists = false;
        if ((rc = mf_repo_curve_exists(st, code, &exists, err)) != 0)
            return rc;
        char day[MF_DATE_ISO_SIZE];
        return exists ? mf_error_set(err, MF_ENOTFOUND, "no curve '%s' on %s", code,
                                     mf_date_format_iso(date, day))
                      : mf_error_set(err, MF_ENOTFOUND, "unknown curve '%s'", code);
    }
    *head = h;
    *v = rows;
    *n = count;
    return 0;
}

int mf_repo_curve_dates(mf_store *st, const char *code, mf_date from, mf_date to, mf_date **out,
                        size_t *n, mf_error *err)
{
    static const char sql[] = "SELECT DISTINCT curve_date FROM curves WHERE curve_code = ? "
                              "AND curve_date >= ? AND curve_date <= ? ORDER BY 1";
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, code);
    mf_stmt_bind_date(s, 2, from);
    mf_stmt_bind_date(s, 3, to);
    mf_date *dates = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            dates = mf_reallocarray(dates, cap, sizeof *dates);
        }
        dates[count++] = mf_stmt_date(s, 0);
    }
    if (rc < 0) {
        mf_free(dates);
        return rc;
    }
    *out = dates;
    *n = count;
    return 0;
}

/* Reads the rows of a range or tenor statement (curve_date, the vertex, conventions). */
static int read_stored(mf_stmt *s, mf_stored_vertex **out, size_t *n, mf_error *err)
{
    mf_stored_vertex *rows = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 256;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        mf_stored_vertex *r = &rows[count++];
        r->curve_date = mf_stmt_date(s, 0);
        read_vertex(s, 1, &r->v);
        mf_stmt_text_copy(s, 6, r->day_count, sizeof r->day_count);
        mf_stmt_text_copy(s, 7, r->compounding, sizeof r->compounding);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}

int mf_repo_curve_range(mf_store *st, const char *code, mf_date from, mf_date to,
                        mf_stored_vertex **out, size_t *n, mf_error *err)
{
    static const char sql[] =
        "SELECT curve_date, tenor_bd, tenor_cd, maturity, zero_rate, discount_factor, day_count, "
        "compounding FROM curves WHERE curve_code = ? AND curve_date >= ? AND curve_date <= ? "
        "ORDER BY curve_date, tenor_bd";
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, code);
    mf_stmt_bind_date(s, 2, from);
    mf_stmt_bind_date(s, 3, to);
    return read_stored(s, out, n, err);
}

int mf_repo_curve_tenor(mf_store *st, const char *code, int32_t tenor_bd, mf_date from, mf_date to,
                        mf_stored_vertex **out, size_t *n, mf_error *err)
{
    static const char sql[] =
        "SELECT curve_date, tenor_bd, tenor_cd, maturity, zero_rate, discount_factor, day_count, "
        "compounding FROM curves WHERE curve_code = ? AND tenor_bd = ? AND curve_date >= ? "
        "AND curve_date <= ? ORDER BY curve_date";
    mf_stmt *s;
    int rc = mf_store_prepare(st, sql, &s, err);
    if (rc != 0)
        return rc;
    mf_stmt_bind_text(s, 1, code);
    mf_stmt_bind_int64(s, 2, tenor_bd);
    mf_stmt_bind_date(s, 3, from);
    mf_stmt_bind_date(s, 4, to);
    return read_stored(s, out, n, err);
}

int mf_repo_curve_list(mf_store *st, mf_curve_summary **out, size_t *n, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st,
                              "SELECT curve_code, MIN(curve_date), MAX(curve_date), "
                              "COUNT(DISTINCT curve_date) FROM curves GROUP BY curve_code "
                              "ORDER BY curve_code",
                              &s, err);
    if (rc != 0)
        return rc;
    mf_curve_summary *rows = NULL;
    size_t count = 0, cap = 0;
    while ((rc = mf_stmt_step(s, err)) == MF_STORE_ROW) {
        if (count == cap) {
            cap = cap ? 2 * cap : 16;
            rows = mf_reallocarray(rows, cap, sizeof *rows);
        }
        mf_curve_summary *r = &rows[count++];
        mf_stmt_text_copy(s, 0, r->code, sizeof r->code);
        r->first = mf_stmt_date(s, 1);
        r->last = mf_stmt_date(s, 2);
        r->dates = mf_stmt_int64(s, 3);
    }
    if (rc < 0) {
        mf_free(rows);
        return rc;
    }
    *out = rows;
    *n = count;
    return 0;
}
