/*
 * store.c - the storage port: adapter registry, URL dispatch, statement cache, nested
 * transactions and migrations (see store.h).
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "store/store_int.h"

/* The registry: one line per backend. */
static const mf__store_ops *const registry[] = {
    &mf__store_sqlite,
    &mf__store_pg,
};
#define REGISTRY_SIZE (sizeof registry / sizeof registry[0])

struct mf_stmt {
    mf_store *st;
    const char *sql; /* the cache key: its address */
    void *impl;
    int error; /* a bind error kept for the next step */
};

struct mf_store {
    const mf__store_ops *ops;
    void *conn;
    int copy_ncols;    /* columns of the bulk load in progress, 0 when none */
    void *copy_insert; /* the prepared INSERT of the last bulk load, when the adapter has no
                          copy_*: kept for the next load of the same columns */
    char *copy_sql;
    const char *copy_columns; /* the columns (by address) copy_insert was prepared for */
    void *copy_batch[2];      /* the same INSERT of COPY_BATCH, COPY_SMALL rows */
    char *copy_batch_sql[2];  /* their SQL (an adapter's statement may point to it) */
    mf__value *copy_buf;      /* rows waiting for copy_batch: COPY_BATCH x copy_ncols values */
    int copy_pending;         /* rows in copy_buf */
    char *display;            /* the URL with any password masked */
    int depth;
    mf_stmt **stmts;
    size_t nstmts, capstmts;
};

const mf__store_ops *mf__store_ops_of(const mf_store *st)
{
    return st->ops;
}

void *mf__store_conn(mf_store *st)
{
    return st->conn;
}

bool mf__store_partitioned(const mf_store *st)
{
    return st->ops->ensure_partitions != NULL;
}

int mf__store_ensure_partitions(mf_store *st, const char *table, int year_from, int year_to,
                                mf_error *err)
{
    if (st->ops->ensure_partitions == NULL)
        return 0;
    return st->ops->ensure_partitions(st->conn, table, year_from, year_to, err);
}

/* The URL with the password of "scheme://user:password@host" replaced by "***". */
static char *mask_password(const char *url)
{
    const char *scheme = strstr(url, "://");
    const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    if (colon == NULL)
        return mf_strdup(url);
    size_t head = (size_t)(colon + 1 - url);
    size_t len = head + 3 + strlen(at) + 1;
    char *masked = mf_malloc(len);
    snprintf(masked, len, "%.*s***%s", (int)head, url, at);
    return masked;
}

static const mf__store_ops *backend_for(const char *url)
{
    for (size_t i = 0; i < REGISTRY_SIZE; i++)
        for (const char *const *p = registry[i]->url_prefixes; *p; p++)
            if (strncmp(url, *p, strlen(*p)) == 0)
                return registry[i];
    return NULL;
}

static int migrate(mf_store *st, mf_error *err);

int mf_store_open(const char *url, mf_store **out, mf_error *err)
{
    if (url == NULL || url[0] == '\0')
        return mf_error_set(err, MF_EINVAL,
                            "empty store URL: expected sqlite:PATH or "
                            "postgresql://user@host:port/db");
    const mf__store_ops *ops = backend_for(url);
    if (ops == NULL)
        return mf_error_set(err, MF_EINVAL,
                            "unsupported store URL '%.80s': expected sqlite:PATH, "
                            "sqlite::memory: or postgresql://user@host:port/db",
                            url);
    mf_store *st = mf_calloc(1, sizeof *st);
    st->ops = ops;
    st->display = mask_password(url);
    int rc = ops->connect(url, st->display, &st->conn, err);
    if (rc == 0)
        rc = migrate(st, err);
    if (rc != 0) {
        mf_store_close(st);
        return rc;
    }
    *out = st;
    return 0;
}

void mf_store_close(mf_store *st)
{
    if (st == NULL)
        return;
    if (st->copy_ncols > 0)
        mf__store_copy_end(st, NULL);
    if (st->copy_insert != NULL)
        st->ops->finalize(st->copy_insert);
    for (int b = 0; b < 2; b++) {
        if (st->copy_batch[b] != NULL)
            st->ops->finalize(st->copy_batch[b]);
        mf_free(st->copy_batch_sql[b]);
    }
    mf_free(st->copy_buf);
    mf_free(st->copy_sql);
    if (st->depth > 0 && st->conn != NULL)
        st->ops->exec(st->conn, "ROLLBACK", NULL);
    for (size_t i = 0; i < st->nstmts; i++) {
        st->ops->finalize(st->stmts[i]->impl);
        mf_free(st->stmts[i]);
    }
    mf_free(st->stmts);
    if (st->conn != NULL)
        st->ops->disconnect(st->conn);
    mf_free(st->display);
    mf_free(st);
}

const char *mf_store_backend(const mf_store *st)
{
    return st->ops->name;
}

int mf_store_depth(const mf_store *st)
{
    return st->depth;
}

/* Refuses work on a connection that is in the middle of a bulk load. */
static int busy_copying(const mf_store *st, mf_error *err)
{
    return mf_error_set(err, MF_ESTATE, "store '%s' is in the middle of a bulk load", st->display);
}

int mf_store_exec(mf_store *st, const char *sql, mf_error *err)
{
    if (st->copy_ncols > 0)
        return busy_copying(st, err);
    return st->ops->exec(st->conn, sql, err);
}

/* ---- bulk loading ---------------------------------------------------------------------------- */

bool mf__store_copying(const mf_store *st)
{
    return st->copy_ncols > 0;
}

/*
 * Rows of a bulk load without an adapter copy_* (SQLite) go COPY_BATCH at a time through one
 * prepared "INSERT ... VALUES (...), (...), ..." statement: a step per batch instead of per
 * row (the statement's fixed cost - bind, step, reset - was most of a row's insert); the rest
 * of a load goes COPY_SMALL rows at a time, then row by row, at its end. Pending rows are written
 * before any other statement runs (mf_stmt_step) and at the load's end, so what a reader sees is
 * unchanged.
 */
#define COPY_BATCH 256
#define COPY_SMALL 16

/* "INSERT INTO table (columns) VALUES (?, ...)" with rows groups of ncols parameters. */
static char *insert_sql(const char *table, const char *columns, int ncols, int rows)
{
    size_t len = strlen(table) + strlen(columns) + (4 * (size_t)ncols + 4) * (size_t)rows + 32;
    char *sql = mf_malloc(len);
    int w = snprintf(sql, len, "INSERT INTO %s (%s) VALUES ", table, columns);
    for (int r = 0; r < rows; r++)
        for (int i = 0; i < ncols; i++)
            w += snprintf(sql + w, len - (size_t)w, "%s%s%s",
                          i   ? ", "
                          : r ? ", ("
                              : "(",
                          "?", i == ncols - 1 ? ")" : "");
    return sql;
}

static void bind_value(const mf_store *st, void *s, int i, const mf__value *v)
{
    switch (v->type) {
    case MF__VALUE_NULL: st->ops->bind_null(s, i); break;
    case MF__VALUE_INT64: st->ops->bind_int64(s, i, v->v.i); break;
    case MF__VALUE_DOUBLE:
        if (v->v.d != v->v.d)
            st->ops->bind_null(s, i);
        else
            st->ops->bind_double(s, i, v->v.d);
        break;
    case MF__VALUE_DATE: st->ops->bind_date(s, i, v->v.date); break;
    case MF__VALUE_TIME: st->ops->bind_time(s, i, v->v.i); break;
    }
}

/* Writes the pending rows: full batches, then small ones, then one by one. */
static int copy_drain(mf_store *st, mf_error *err)
{
    static const int sizes[] = {COPY_BATCH, COPY_SMALL, 1};
    int n = st->copy_pending, k = st->copy_ncols, rc = 0, r = 0;
    st->copy_pending = 0;
    for (int b = 0; b < 3 && rc >= 0; b++) {
        void *s = b < 2 ? st->copy_batch[b] : st->copy_insert;
        while (n - r >= sizes[b] && rc >= 0) {
            for (int i = 0; i < sizes[b] * k; i++)
                bind_value(st, s, i + 1, &st->copy_buf[r * k + i]);
            rc = st->ops->step(s, err);
            r += sizes[b];
        }
    }
    return rc < 0 ? rc : 0;
}

int mf__store_copy_begin(mf_store *st, const char *table, const char *columns, int ncols,
                         mf_error *err)
{
    if (st->copy_ncols > 0 || ncols <= 0 || ncols > 64)
        return mf_error_set(err, MF_ESTATE, "bulk load into '%s' cannot start on '%s'", table,
                            st->display);
    int rc = 0;
    if (st->ops->copy_begin != NULL) {
        rc = st->ops->copy_begin(st->conn, table, columns, ncols, err);
    } else if (st->copy_columns != columns) {
        /* Prepared once for loads of these columns: one row, and COPY_BATCH rows. */
        if (st->copy_insert != NULL)
            st->ops->finalize(st->copy_insert);
        for (int b = 0; b < 2; b++) {
            if (st->copy_batch[b] != NULL)
                st->ops->finalize(st->copy_batch[b]);
            mf_free(st->copy_batch_sql[b]);
            st->copy_batch_sql[b] = NULL;
        }
        mf_free(st->copy_sql);
        mf_free(st->copy_buf);
        st->copy_insert = st->copy_batch[0] = st->copy_batch[1] = NULL;
        st->copy_columns = NULL;
        st->copy_sql = insert_sql(table, columns, ncols, 1);
        st->copy_buf = mf_calloc((size_t)COPY_BATCH * (size_t)ncols, sizeof *st->copy_buf);
        rc = st->ops->prepare(st->conn, st->copy_sql, &st->copy_insert, err);
        for (int b = 0; b < 2 && rc == 0; b++) {
            st->copy_batch_sql[b] =
                insert_sql(table, columns, ncols, b == 0 ? COPY_BATCH : COPY_SMALL);
            rc = st->ops->prepare(st->conn, st->copy_batch_sql[b], &st->copy_batch[b], err);
        }
        if (rc == 0)
            st->copy_columns = columns;
    }
    if (rc == 0) {
        st->copy_ncols = ncols;
        st->copy_pending = 0;
    }
    return rc;
}

int mf__store_copy_row(mf_store *st, const mf__value *values, mf_error *err)
{
    if (st->ops->copy_row != NULL)
        return st->ops->copy_row(st->conn, values, st->copy_ncols, err);
    memcpy(st->copy_buf + (size_t)st->copy_pending * (size_t)st->copy_ncols, values,
           (size_t)st->copy_ncols * sizeof *values);
    return ++st->copy_pending == COPY_BATCH ? copy_drain(st, err) : 0;
}

int mf__store_copy_end(mf_store *st, mf_error *err)
{
    if (st->copy_ncols == 0)
        return 0;
    int rc = st->copy_pending > 0 ? copy_drain(st, err) : 0;
    st->copy_ncols = 0;
    if (st->ops->copy_end != NULL) {
        int rc2 = st->ops->copy_end(st->conn, rc == 0 ? err : NULL);
        if (rc == 0)
            rc = rc2;
    }
    return rc;
}

/* ---- transactions ------------------------------------------------------------------------- */

int mf_store_begin(mf_store *st, mf_error *err)
{
    if (st->copy_ncols > 0)
        return busy_copying(st, err);
    char sql[64];
    if (st->depth == 0)
        snprintf(sql, sizeof sql, "%s", st->ops->begin_sql);
    else
        snprintf(sql, sizeof sql, "SAVEPOINT mf_sp%d", st->depth);
    int rc = st->ops->exec(st->conn, sql, err);
    if (rc == 0)
        st->depth++;
    return rc;
}

int mf_store_commit(mf_store *st, mf_error *err)
{
    if (st->copy_ncols > 0)
        return busy_copying(st, err);
    if (st->depth == 0)
        return mf_error_set(err, MF_ESTATE, "commit without an open transaction on '%s'",
                            st->display);
    char sql[64];
    if (st->depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT mf_sp%d", st->depth - 1);
    int rc = st->ops->exec(st->conn, sql, err);
    if (rc == 0)
        st->depth--;
    return rc;
}

int mf_store_rollback(mf_store *st, mf_error *err)
{
    mf__store_copy_end(st, NULL); /* whatever it loaded goes with the rollback */
    if (st->depth == 0)
        return mf_error_set(err, MF_ESTATE, "rollback without an open transaction on '%s'",
                            st->display);
    char sql[96];
    if (st->depth == 1)
        snprintf(sql, sizeof sql, "ROLLBACK");
    else
        snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT mf_sp%d; RELEASE SAVEPOINT mf_sp%d",
                 st->depth - 1, st->depth - 1);
    /* The level is gone whatever the server says: a failed rollback leaves nothing to undo. */
    st->depth--;
    return st->ops->exec(st->conn, sql, err);
}

/* ---- statements --------------------------------------------------------------------------- */

int mf_store_prepare(mf_store *st, const char *sql, mf_stmt **out, mf_error *err)
{
    if (st->copy_ncols > 0)
        return busy_copying(st, err);
    for (size_t i = 0; i < st->nstmts; i++) {
        if (st->stmts[i]->sql == sql) {
            st->ops->reset(st->stmts[i]->impl);
            st->stmts[i]->error = 0;
            *out = st->stmts[i];
            return 0;
        }
    }
    void *impl = NULL;
    int rc = st->ops->prepare(st->conn, sql, &impl, err);
    if (rc != 0)
        return rc;
    if (st->nstmts == st->capstmts) {
        st->capstmts = st->capstmts ? 2 * st->capstmts : 16;
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        st->stmts = mf_reallocarray(st->stmts, st->capstmts, sizeof *st->stmts);
    }
    mf_stmt *s = mf_calloc(1, sizeof *s);
    *s = (mf_stmt){.st = st, .sql = sql, .impl = impl};
    st->stmts[st->nstmts++] = s;
    *out = s;
    return 0;
}

void mf_stmt_bind_null(mf_stmt *s, int i)
{
    s->st->ops->bind_null(s->impl, i);
}

void mf_stmt_bind_int64(mf_stmt *s, int i, int64_t v)
{
    s->st->ops->bind_int64(s->impl, i, v);
}

void mf_stmt_bind_double(mf_stmt *s, int i, double v)
{
    if (v != v) /* NaN: missing */
        s->st->ops->bind_null(s->impl, i);
    else
        s->st->ops->bind_double(s->impl, i, v);
}

void mf_stmt_bind_text(mf_stmt *s, int i, const char *v)
{
    if (v == NULL)
        s->st->ops->bind_null(s->impl, i);
    else
        s->st->ops->bind_text(s->impl, i, v);
}

void mf_stmt_bind_date(mf_stmt *s, int i, mf_date v)
{
    s->st->ops->bind_date(s->impl, i, v);
}

void mf_stmt_bind_bool(mf_stmt *s, int i, bool v)
{
    s->st->ops->bind_int64(s->impl, i, v ? 1 : 0);
}

void mf_stmt_bind_time(mf_stmt *s, int i, int64_t unix_seconds)
{
    s->st->ops->bind_time(s->impl, i, unix_seconds);
}

int mf_stmt_step(mf_stmt *s, mf_error *err)
{
    if (s->st->copy_pending > 0) { /* rows of a bulk load first: the statement may read them */
        int rc = copy_drain(s->st, err);
        if (rc != 0)
            return rc;
    }
    return s->st->ops->step(s->impl, err);
}

int64_t mf_stmt_changes(const mf_stmt *s)
{
    return s->st->ops->changes(s->impl);
}

bool mf_stmt_is_null(mf_stmt *s, int col)
{
    return s->st->ops->is_null(s->impl, col);
}

int64_t mf_stmt_int64(mf_stmt *s, int col)
{
    return s->st->ops->col_int64(s->impl, col);
}

double mf_stmt_double(mf_stmt *s, int col)
{
    return s->st->ops->col_double(s->impl, col);
}

const char *mf_stmt_text(mf_stmt *s, int col)
{
    return s->st->ops->col_text(s->impl, col);
}

void mf_stmt_text_copy(mf_stmt *s, int col, char *buf, size_t size)
{
    const char *text = s->st->ops->col_text(s->impl, col);
    snprintf(buf, size, "%s", text ? text : "");
}

mf_date mf_stmt_date(mf_stmt *s, int col)
{
    return s->st->ops->col_date(s->impl, col);
}

bool mf_stmt_bool(mf_stmt *s, int col)
{
    return s->st->ops->col_int64(s->impl, col) != 0;
}

int64_t mf_stmt_time(mf_stmt *s, int col)
{
    return s->st->ops->col_time(s->impl, col);
}

/* ---- migrations ----------------------------------------------------------------------------- */

int mf_store_schema_latest(const mf_store *st)
{
    size_t n = st->ops->nmigrations;
    return n ? st->ops->migrations[n - 1].version : 0;
}

int mf_store_schema_version(mf_store *st, int *out, mf_error *err)
{
    mf_stmt *s;
    int rc = mf_store_prepare(st, "SELECT COALESCE(MAX(version), 0) FROM schema_version", &s, err);
    if (rc != 0)
        return rc;
    rc = mf_stmt_step(s, err);
    if (rc == MF_STORE_ROW) {
        int version = (int)mf_stmt_int64(s, 0);
        /* Finish the statement: left on its row it would hold a read transaction open, and a
         * connection that holds one when it asks for the write lock gets SQLITE_BUSY at once
         * instead of waiting out the busy timeout. */
        rc = mf_stmt_step(s, err);
        if (rc >= 0) {
            *out = version;
            rc = 0;
        }
    } else if (rc == MF_STORE_DONE) {
        rc = mf_error_set(err, MF_ESTATE, "no schema version in '%s'", st->display);
    }
    return rc;
}

/*
 * Applies every migration newer than the store's version in one transaction, so a failure
 * leaves the store exactly as it was; refuses a store newer than this binary.
 */
static int migrate(mf_store *st, mf_error *err)
{
    /* Read the version without writing, so an up-to-date store may be read-only. */
    mf_stmt *s = NULL;
    int version = 0;
    int rc = mf_store_prepare(st, st->ops->version_table_sql, &s, err);
    if (rc != 0 || s == NULL) /* s: for the analyzer, which cannot follow every rc */
        return rc != 0 ? rc : MF_ESTATE;
    rc = mf_stmt_step(s, err);
    if (rc == MF_STORE_ROW) {
        bool has_versions = mf_stmt_int64(s, 0) != 0;
        rc = mf_stmt_step(s, err); /* finish it (see mf_store_schema_version) */
        if (rc >= 0)
            rc = has_versions ? mf_store_schema_version(st, &version, err) : 0;
    }
    if (rc != 0)
        return rc;
    int latest = mf_store_schema_latest(st);
    if (version > latest)
        return mf_error_set(err, MF_EUNSUPPORTED,
                            "store '%s' has schema version %d but this mf knows only up to %d: "
                            "upgrade mf",
                            st->display, version, latest);
    if (version == latest)
        return 0;

    if ((rc = mf_store_begin(st, err)) != 0)
        return rc;
    rc = mf_store_exec(st,
                       "CREATE TABLE IF NOT EXISTS schema_version ("
                       " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                       " applied_at TEXT NOT NULL)",
                       err);
    for (size_t i = 0; i < st->ops->nmigrations && rc == 0; i++) {
        const mf__migration *m = &st->ops->migrations[i];
        if (m->version <= version)
            continue;
        rc = mf_store_exec(st, m->sql, err);
        if (rc != 0) {
            mf_error_prefix(err, "migration %04d_%s on '%s' failed: ", m->version, m->name,
                            st->display);
            rc = MF_ESTATE; /* as store.h promises: the store is as it was */
            if (err != NULL)
                err->code = rc;
            break;
        }
        rc = mf_store_prepare(st,
                              "INSERT INTO schema_version (version, name, applied_at) "
                              "VALUES (?, ?, ?)",
                              &s, err);
        if (rc == 0) {
            char when[32];
            time_t now = time(NULL);
            struct tm tm;
            gmtime_r(&now, &tm);
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
            mf_stmt_bind_int64(s, 1, m->version);
            mf_stmt_bind_text(s, 2, m->name);
            mf_stmt_bind_text(s, 3, when);
            rc = mf_stmt_step(s, err);
        }
    }
    if (rc != 0) {
        mf_store_rollback(st, NULL);
        return rc;
    }
    return mf_store_commit(st, err);
}
