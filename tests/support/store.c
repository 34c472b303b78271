/*
 * store.c (tests) - fresh stores per test, and settle-only price rows (see support/store.h).
 *
 * On PostgreSQL each mf_test_store_open() creates a database named mf_test_<pid>_<n> through
 * a maintenance connection to the base URL's database (libpq directly: the port has no
 * CREATE DATABASE, and should not), and mf_test_store_close() drops it again. The pid and a
 * per-process counter keep the names of tests running in parallel (ctest -j) apart.
 */
#include "support/store.h"

#include <libpq-fe.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/test.h"

const char *mf_test_store_base_url(void)
{
    const char *url = getenv("MF_TEST_STORE_URL");
    return url && url[0] ? url : "sqlite::memory:";
}

static bool is_pg(const char *url)
{
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

/* Runs sql on the base URL's database; fails the test with the server's message. */
static void maintenance(const char *sql)
{
    PGconn *pg = PQconnectdb(mf_test_store_base_url());
    if (PQstatus(pg) != CONNECTION_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", PQerrorMessage(pg));
        PQfinish(pg);
        fail_msg("cannot reach the PostgreSQL test server: %s", msg);
    }
    PGresult *res = PQexec(pg, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(res));
        PQclear(res);
        PQfinish(pg);
        fail_msg("'%s' failed: %s", sql, msg);
    }
    PQclear(res);
    PQfinish(pg);
}

/* Writes into buf the base URL with its database replaced by db (keeping any ?parameters). */
static void url_with_database(char *buf, size_t size, const char *base, const char *db)
{
    const char *host = strstr(base, "://") + 3;
    const char *path = strchr(host, '/');
    const char *query = strchr(host, '?');
    if (path == NULL || (query != NULL && path > query))
        path = query ? query : host + strlen(host);
    const char *rest = strchr(path, '?');
    snprintf(buf, size, "%.*s/%s%s", (int)(path - base), base, db, rest ? rest : "");
}

/* Creates a database of its own on the PostgreSQL server of the base URL; its URL into full. */
static void new_pg_database(char *full, size_t size)
{
    static unsigned counter; /* per test process: with the pid, a name no other test uses */
    char db[64], sql[128];
    snprintf(db, sizeof db, "mf_test_%ld_%u", (long)getpid(), counter++);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
    maintenance(sql);
    url_with_database(full, size, mf_test_store_base_url(), db);
}

/* Drops the database of url if this file created it (its name says so). */
static void drop_pg_database(const char *db)
{
    if (strncmp(db, "mf_test_", 8) == 0) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", db);
        maintenance(sql);
    }
}

mf_store *mf_test_store_open(void)
{
    const char *url = mf_test_store_base_url();
    mf_store *st = NULL;
    mf_error err;
    if (strncmp(url, "sqlite:", 7) == 0) {
        if (mf_store_open(url, &st, &err) != 0)
            fail_msg("cannot open test store: %s", err.msg);
        return st;
    }
    if (!is_pg(url))
        fail_msg("MF_TEST_STORE_URL '%s': expected a sqlite: or postgresql:// URL", url);
    char full[1024];
    new_pg_database(full, sizeof full);
    if (mf_store_open(full, &st, &err) != 0) {
        mf_test_store_drop_url(full);
        fail_msg("cannot open test store: %s", err.msg);
    }
    return st;
}

void mf_test_store_new_url(const char *dir, char *buf, size_t size)
{
    const char *url = mf_test_store_base_url();
    if (is_pg(url))
        new_pg_database(buf, size);
    else
        snprintf(buf, size, "sqlite:%s/store.db", dir);
}

void mf_test_store_drop_url(const char *url)
{
    if (!is_pg(url))
        return;
    const char *host = strstr(url, "://") + 3, *path = strchr(host, '/');
    char db[64];
    snprintf(db, sizeof db, "%.*s", path ? (int)strcspn(path + 1, "?") : 0, path ? path + 1 : "");
    drop_pg_database(db);
}

void mf_test_store_close(mf_store *st)
{
    if (st == NULL || strcmp(mf_store_backend(st), "postgresql") != 0) {
        mf_store_close(st);
        return;
    }
    /* The store knows which database it is; only ones this file created are dropped. */
    char db[64] = "";
    mf_stmt *s;
    if (mf_store_prepare(st, "SELECT current_database()", &s, NULL) == 0 &&
        mf_stmt_step(s, NULL) == MF_STORE_ROW)
        snprintf(db, sizeof db, "%s", mf_stmt_text(s, 0));
    mf_store_close(st);
    drop_pg_database(db);
}

mf_market_price mf_test_settle_row(int64_t instrument_id, const char *price_date,
                                   const char *available_at, double settle)
{
    return (mf_market_price){.instrument_id = instrument_id,
                             .price_date = mf_test_date(price_date),
                             .available_at = mf_test_date(available_at),
                             .open = NAN,
                             .high = NAN,
                             .low = NAN,
                             .close = NAN,
                             .settle = settle,
                             .volume = NAN,
                             .open_interest = NAN,
                             .yield_pct = NAN};
}
