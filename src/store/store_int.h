/*
 * store_int.h - what a storage adapter provides to the port (store.c), and the port's state.
 * Private to src/store/store.c, src/store/repo_*.c and the adapters in src/store/sqlite/ and
 * src/store/pg/.
 *
 * An adapter is one `const mf__store_ops` listed in the registry table of store.c. Its
 * connection and statements are opaque pointers the port hands back to it.
 */
#ifndef MF_STORE_STORE_INT_H
#define MF_STORE_STORE_INT_H

#include "store/store.h"

/* One embedded migration: NNNN_name.sql of a dialect folder. */
typedef struct mf__migration {
    int version;
    const char *name;
    const char *sql;
} mf__migration;

/* A typed value of a bulk-loaded row (mf__store_copy_row). */
typedef enum mf__value_type {
    MF__VALUE_NULL,
    MF__VALUE_INT64,
    MF__VALUE_DOUBLE, /* NaN is stored as NULL */
    MF__VALUE_DATE,
    MF__VALUE_TIME /* Unix seconds, UTC */
} mf__value_type;

typedef struct mf__value {
    mf__value_type type;
    union {
        int64_t i; /* INT64 and TIME */
        double d;
        mf_date date;
    } v;
} mf__value;

typedef struct mf__store_ops {
    const char *name;                /* "sqlite", "postgresql" */
    const char *const *url_prefixes; /* NULL-terminated: "sqlite:" */
    const mf__migration *migrations; /* in version order */
    size_t nmigrations;
    const char *begin_sql;         /* the statement that starts a transaction */
    const char *version_table_sql; /* one row, one column: 1 if schema_version exists */

    /* Connects to url (display is the URL with any password masked, for messages). */
    int (*connect)(const char *url, const char *display, void **conn, mf_error *err);
    void (*disconnect)(void *conn);
    int (*exec)(void *conn, const char *sql, mf_error *err);

    int (*prepare)(void *conn, const char *sql, void **stmt, mf_error *err);
    void (*finalize)(void *stmt);
    void (*reset)(void *stmt); /* ready to bind and run again; clears bindings */
    void (*bind_null)(void *stmt, int i);
    void (*bind_int64)(void *stmt, int i, int64_t v);
    void (*bind_double)(void *stmt, int i, double v);
    void (*bind_text)(void *stmt, int i, const char *v);
    void (*bind_date)(void *stmt, int i, mf_date v);
    void (*bind_time)(void *stmt, int i, int64_t v);
    int (*step)(void *stmt, mf_error *err);
    int64_t (*changes)(void *stmt);
    bool (*is_null)(void *stmt, int col);
    int64_t (*col_int64)(void *stmt, int col);
    double (*col_double)(void *stmt, int col);
    const char *(*col_text)(void *stmt, int col);
    mf_date (*col_date)(void *stmt, int col);
    int64_t (*col_time)(void *stmt, int col);

    /* Bulk loading (PostgreSQL: COPY FROM STDIN). NULL when the dialect loads as fast with
       a prepared INSERT per row, which the port then does itself (SQLite). */
    int (*copy_begin)(void *conn, const char *table, const char *columns, int ncols, mf_error *err);
    int (*copy_row)(void *conn, const mf__value *values, int ncols, mf_error *err);
    int (*copy_end)(void *conn, mf_error *err);

    /* Makes sure rows of table dated in years from..to can be stored: PostgreSQL creates the
       missing yearly partitions of a partitioned table; NULL when the dialect needs nothing. */
    int (*ensure_partitions)(void *conn, const char *table, int year_from, int year_to,
                             mf_error *err);
} mf__store_ops;

extern const mf__store_ops mf__store_sqlite;
extern const mf__store_ops mf__store_pg;

/* True when st's dialect partitions tables (mf__store_ensure_partitions does something). */
bool mf__store_partitioned(const mf_store *st);

/* ops->ensure_partitions for st, or 0 when its dialect has none. */
int mf__store_ensure_partitions(mf_store *st, const char *table, int year_from, int year_to,
                                mf_error *err);

/*
 * Bulk loading of new rows into one table: begin, any number of rows of ncols values in the
 * order of columns ("a, b, c"), end. Nothing else may run on st between begin and end, and
 * rows that break a constraint fail the whole load (at a row or at end): use it for rows
 * known to be new. table and columns must outlive the load (string literals).
 */
int mf__store_copy_begin(mf_store *st, const char *table, const char *columns, int ncols,
                         mf_error *err);
int mf__store_copy_row(mf_store *st, const mf__value *values, mf_error *err);
int mf__store_copy_end(mf_store *st, mf_error *err);

/* True between mf__store_copy_begin() and mf__store_copy_end(). */
bool mf__store_copying(const mf_store *st);

/* The adapter and connection behind st, for repositories with a dialect-specific bulk path. */
const mf__store_ops *mf__store_ops_of(const mf_store *st);
void *mf__store_conn(mf_store *st);

#endif
