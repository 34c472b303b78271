/*
 * sqlite.c - the SQLite adapter of the storage port: "sqlite:PATH" and "sqlite::memory:".
 *
 * A file store is created with 16 KiB pages (bulk loads of observations run about a tenth
 * faster than with 4 KiB ones) and runs in WAL mode (readers never block the writer), with
 * foreign keys on,
 * synchronous=FULL (a committed transaction survives power loss) and a busy timeout, so a
 * second process waits for the lock instead of failing at once. Dates are INTEGER day
 * numbers (mf_date) and timestamps INTEGER Unix seconds.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "store/store_int.h"

#include "store/migrations_sqlite.h"

/* How long a writer waits for another process's lock before giving up. */
#define BUSY_TIMEOUT_MS 5000

typedef struct conn {
    sqlite3 *db;
    char *display;
} conn;

typedef struct stmt {
    sqlite3_stmt *stmt;
    conn *c;
    const char *sql;
} stmt;

/* Maps an SQLite result code to an MF_E* code and a message naming the store and the cause. */
static int fail(conn *c, int code, const char *what, mf_error *err)
{
    int primary = code & 0xff;
    int mf = MF_EIO;
    const char *why = sqlite3_errmsg(c->db);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return mf_error_set(err, MF_EIO,
                            "store '%s' is locked by another connection (waited %d ms) while %s",
                            c->display, BUSY_TIMEOUT_MS, what);
    if (primary == SQLITE_READONLY)
        return mf_error_set(err, MF_EIO,
                            "store '%s' is read-only (%s: check the permissions of the file and "
                            "its directory) while %s",
                            c->display, why, what);
    if (primary == SQLITE_FULL || code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
        code == SQLITE_IOERR_TRUNCATE) {
        /* The errno SQLite keeps is often gone by now: say what a failed write usually means. */
        int sys = sqlite3_system_errno(c->db);
        return mf_error_set(err, MF_EIO,
                            "store '%s': cannot write its files (%s%s%s: disk full or over a file "
                            "size limit?) while %s",
                            c->display, why, sys ? ", " : "", sys ? strerror(sys) : "", what);
    }
    if (primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH || primary == SQLITE_RANGE)
        mf = MF_EINVAL;
    return mf_error_set(err, mf, "store '%s': %s while %s", c->display, why, what);
}

/* The first line of sql, to say which statement failed. */
static void describe(const char *sql, char *buf, size_t size)
{
    size_t n = strcspn(sql, "\n");
    snprintf(buf, size, "running '%.*s'", (int)(n > 60 ? 60 : n), sql);
}

static int sq_connect(const char *url, const char *display, void **out, mf_error *err)
{
    const char *path = url + strlen("sqlite:");
    bool memory = strcmp(path, ":memory:") == 0;
    if (path[0] == '\0')
        return mf_error_set(err, MF_EINVAL, "store URL '%s' has no path: expected sqlite:PATH",
                            display);
    conn *c = mf_calloc(1, sizeof *c);
    c->display = mf_strdup(display);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &c->db, flags, NULL);
    if (rc != SQLITE_OK) {
        mf_error_set(err, MF_EIO, "cannot open store '%s': %s", display,
                     c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    const char *pragmas = memory ? "PRAGMA foreign_keys=ON"
                                 : "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;"
                                   " PRAGMA synchronous=FULL;"
                                   " PRAGMA foreign_keys=ON";
    rc = sqlite3_exec(c->db, pragmas, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fail(c, rc, "setting up the connection", err);
        goto fail;
    }
    *out = c;
    return 0;
fail:
    rc = err ? err->code : MF_EIO;
    sqlite3_close(c->db);
    mf_free(c->display);
    mf_free(c);
    return rc;
}

static void sq_disconnect(void *p)
{
    conn *c = p;
    sqlite3_close(c->db);
    mf_free(c->display);
    mf_free(c);
}

static int sq_exec(void *p, const char *sql, mf_error *err)
{
    conn *c = p;
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return 0;
    char what[96];
    describe(sql, what, sizeof what);
    return fail(c, rc, what, err);
}

static int sq_prepare(void *p, const char *sql, void **out, mf_error *err)
{
    conn *c = p;
    sqlite3_stmt *raw = NULL;
    int rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, NULL);
    if (rc != SQLITE_OK) {
        char what[96];
        describe(sql, what, sizeof what);
        return fail(c, rc, what, err);
    }
    stmt *s = mf_calloc(1, sizeof *s);
    *s = (stmt){.stmt = raw, .c = c, .sql = sql};
    *out = s;
    return 0;
}

static void sq_finalize(void *p)
{
    stmt *s = p;
    sqlite3_finalize(s->stmt);
    mf_free(s);
}

static void sq_reset(void *p)
{
    stmt *s = p;
    sqlite3_reset(s->stmt);
    sqlite3_clear_bindings(s->stmt);
}

static void sq_bind_null(void *p, int i)
{
    sqlite3_bind_null(((stmt *)p)->stmt, i);
}

static void sq_bind_int64(void *p, int i, int64_t v)
{
    sqlite3_bind_int64(((stmt *)p)->stmt, i, v);
}

static void sq_bind_double(void *p, int i, double v)
{
    sqlite3_bind_double(((stmt *)p)->stmt, i, v);
}

static void sq_bind_text(void *p, int i, const char *v)
{
    sqlite3_bind_text(((stmt *)p)->stmt, i, v, -1, SQLITE_TRANSIENT);
}

static void sq_bind_date(void *p, int i, mf_date v)
{
    sqlite3_bind_int(((stmt *)p)->stmt, i, v);
}

static int sq_step(void *p, mf_error *err)
{
    stmt *s = p;
    int rc = sqlite3_step(s->stmt);
    if (rc == SQLITE_ROW)
        return MF_STORE_ROW;
    sqlite3_reset(s->stmt); /* ready to run again; an error is reported once, here */
    if (rc == SQLITE_DONE)
        return MF_STORE_DONE;
    char what[96];
    describe(s->sql, what, sizeof what);
    return fail(s->c, rc, what, err);
}

static int64_t sq_changes(void *p)
{
    return sqlite3_changes64(((stmt *)p)->c->db);
}

static bool sq_is_null(void *p, int col)
{
    return sqlite3_column_type(((stmt *)p)->stmt, col) == SQLITE_NULL;
}

static int64_t sq_col_int64(void *p, int col)
{
    return sqlite3_column_int64(((stmt *)p)->stmt, col);
}

static double sq_col_double(void *p, int col)
{
    sqlite3_stmt *s = ((stmt *)p)->stmt;
    double v = sqlite3_column_double(s, col); /* NULL reads 0.0: only then is the type asked */
    return v == 0.0 && sqlite3_column_type(s, col) == SQLITE_NULL ? (double)NAN : v;
}

static const char *sq_col_text(void *p, int col)
{
    return (const char *)sqlite3_column_text(((stmt *)p)->stmt, col);
}

static mf_date sq_col_date(void *p, int col)
{
    return (mf_date)sqlite3_column_int(((stmt *)p)->stmt, col);
}

static const char *const prefixes[] = {"sqlite:", NULL};

const mf__store_ops mf__store_sqlite = {
    .name = "sqlite",
    .url_prefixes = prefixes,
    .migrations = mf__migrations_sqlite,
    .nmigrations = sizeof mf__migrations_sqlite / sizeof mf__migrations_sqlite[0],
    /* IMMEDIATE takes the write lock at once: no deadlock between two upgrading readers. */
    .begin_sql = "BEGIN IMMEDIATE",
    .version_table_sql =
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    .connect = sq_connect,
    .disconnect = sq_disconnect,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .reset = sq_reset,
    .bind_null = sq_bind_null,
    .bind_int64 = sq_bind_int64,
    .bind_double = sq_bind_double,
    .bind_text = sq_bind_text,
    .bind_date = sq_bind_date,
    .bind_time = sq_bind_int64,
    .step = sq_step,
    .changes = sq_changes,
    .is_null = sq_is_null,
    .col_int64 = sq_col_int64,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_date = sq_col_date,
    .col_time = sq_col_int64,
};
