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

    /* Makes sure rows of table dated in years from..to can be stored: PostgreSQL creates the
       missing yearly partitions of a partitioned table; NULL when the dialect needs nothing. */
    int (*ensure_partitions)(void *conn, const char *table, int year_from, int year_to,
                             mf_error *err);
} mf__store_ops;

extern const mf__store_ops mf__store_sqlite;
extern const mf__store_ops mf__store_pg;

/* ops->ensure_partitions for st, or 0 when its dialect has none. */
int mf__store_ensure_partitions(mf_store *st, const char *table, int year_from, int year_to,
                                mf_error *err);

/* The adapter and connection behind st, for repositories with a dialect-specific bulk path. */
const mf__store_ops *mf__store_ops_of(const mf_store *st);
void *mf__store_conn(mf_store *st);

#endif
