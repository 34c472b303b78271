/*
 * store.h - the storage port: a store opened from a URL, transactions, and portable
 * prepared statements. Repositories (repo_<aggregate>.h) are written against this port;
 * the adapters (sqlite/, pg/) implement it, and every dialect difference lives inside them.
 *
 * Exports: mf_store (opaque) with mf_store_open() / mf_store_close(), mf_store_backend(),
 * mf_store_schema_version(), transactions (mf_store_begin / _commit / _rollback, nested as
 * savepoints), and mf_stmt (prepared statements: bind, step, read columns).
 *
 * URLs: "sqlite:PATH" (a file; WAL journal, foreign keys on, busy timeout), "sqlite::memory:"
 * (a private in-memory store, for tests), "postgresql://user[:password]@host[:port]/db"
 * (libpq; "postgres://" too). Opening a store applies the pending migrations of its dialect
 * (src/store/migrations/<dialect>/NNNN_name.sql, embedded at build time) in one transaction;
 * a store whose schema is newer than this binary is refused (MF_EUNSUPPORTED).
 *
 * Statements use `?` placeholders numbered from 1 in order of appearance and the SQL both
 * dialects accept (ON CONFLICT ... DO NOTHING, RETURNING, CASE, COALESCE). Dates are bound
 * and read as mf_date: an INTEGER day number in SQLite, a DATE in PostgreSQL. A store handle
 * is one connection: use it from one thread at a time.
 */
#ifndef MF_STORE_STORE_H
#define MF_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"

typedef struct mf_store mf_store;
typedef struct mf_stmt mf_stmt;

/* mf_stmt_step() results besides errors. */
enum { MF_STORE_DONE = 0, MF_STORE_ROW = 1 };

/*
 * Opens the store at url, creating and migrating it as needed. Errors name the URL (with any
 * password masked) and say why: MF_EINVAL for a URL no backend accepts, MF_EIO when the file or
 * server cannot be opened or reached, MF_EUNSUPPORTED for a schema newer than this binary,
 * MF_ESTATE when a migration fails (the store is left as it was).
 * Caller owns the result; close with mf_store_close().
 */
int mf_store_open(const char *url, mf_store **out, mf_error *err);

/* Closes st, rolling back an open transaction and finalising its statements; NULL is allowed. */
void mf_store_close(mf_store *st);

/* "sqlite" or "postgresql". Static string. */
const char *mf_store_backend(const mf_store *st);

/* The number of the last migration applied (the schema version). */
int mf_store_schema_version(mf_store *st, int *out, mf_error *err);

/* The highest schema version this binary knows for st's dialect. */
int mf_store_schema_latest(const mf_store *st);

/*
 * Transactions. begin at depth 0 starts a transaction; deeper begins open savepoints, which
 * commit releases and rollback undoes without ending the outer transaction. Every begin must
 * be matched by exactly one commit or rollback (MF_ESTATE otherwise).
 */
int mf_store_begin(mf_store *st, mf_error *err);
int mf_store_commit(mf_store *st, mf_error *err);
int mf_store_rollback(mf_store *st, mf_error *err);

/* Current nesting depth: 0 outside any transaction. */
int mf_store_depth(const mf_store *st);

/* Runs sql (one or more statements, no parameters, no result rows). */
int mf_store_exec(mf_store *st, const char *sql, mf_error *err);

/*
 * The prepared statement for sql, compiled on first use and cached on st by the address of
 * sql: pass a string literal (or another string that lives as long as st). The statement is
 * reset and its bindings cleared. Borrowed: valid until mf_store_close(st).
 */
int mf_store_prepare(mf_store *st, const char *sql, mf_stmt **out, mf_error *err);

/* Bind parameter i (1-based). Errors (MF_EINVAL) are reported by the next mf_stmt_step(). */
void mf_stmt_bind_null(mf_stmt *s, int i);
void mf_stmt_bind_int64(mf_stmt *s, int i, int64_t v);
void mf_stmt_bind_double(mf_stmt *s, int i, double v);    /* NaN binds NULL */
void mf_stmt_bind_text(mf_stmt *s, int i, const char *v); /* NULL binds NULL; copied */
void mf_stmt_bind_date(mf_stmt *s, int i, mf_date v);
void mf_stmt_bind_bool(mf_stmt *s, int i, bool v);
void mf_stmt_bind_time(mf_stmt *s, int i, int64_t unix_seconds); /* a UTC timestamp */

/*
 * Executes or advances s: MF_STORE_ROW when a result row is available, MF_STORE_DONE when
 * finished, or a negative MF_E* code with a message naming the statement's purpose (its
 * first line of SQL). After DONE or an error, bind again before the next step. Step every
 * statement to DONE: one left on a row keeps a read transaction open, and in SQLite a writer
 * that holds one fails at once with "locked" instead of waiting for another writer.
 */
int mf_stmt_step(mf_stmt *s, mf_error *err);

/* Rows changed by the last INSERT, UPDATE or DELETE run through s. */
int64_t mf_stmt_changes(const mf_stmt *s);

/* Columns of the current row, 0-based. NULL reads as 0, NaN, NULL text, false. */
bool mf_stmt_is_null(mf_stmt *s, int col);
int64_t mf_stmt_int64(mf_stmt *s, int col);
double mf_stmt_double(mf_stmt *s, int col);
const char *mf_stmt_text(mf_stmt *s, int col); /* Borrowed: valid until the next step */
void mf_stmt_text_copy(mf_stmt *s, int col, char *buf, size_t size); /* NULL: ""; truncates */
mf_date mf_stmt_date(mf_stmt *s, int col);
bool mf_stmt_bool(mf_stmt *s, int col);
int64_t mf_stmt_time(mf_stmt *s, int col); /* UTC timestamp as Unix seconds */

#endif
