/*
 * test_migrations.c - migrations on a SQLite file: applied once and in one transaction, a
 * failing one leaves the file as it was, and a store newer than the binary is refused.
 */
#include "support/test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

/* A fresh temporary directory's store URL "sqlite:DIR/store.db"; dir receives DIR. */
static void temp_store(char *dir, size_t dsize, char *url, size_t usize)
{
    snprintf(dir, dsize, "/tmp/mf-migrations-XXXXXX");
    if (mkdtemp(dir) == NULL)
        fail_msg("mkdtemp failed");
    snprintf(url, usize, "sqlite:%s/store.db", dir);
}

static void remove_store(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static int64_t count(mf_store *st, const char *sql)
{
    mf_stmt *s;
    assert_int_equal(mf_store_prepare(st, sql, &s, NULL), 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_ROW);
    int64_t n = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
    return n;
}

static void reopening_applies_nothing_twice(void **state)
{
    (void)state;
    char dir[64], url[128];
    temp_store(dir, sizeof dir, url, sizeof url);
    mf_store *st = NULL;
    assert_int_equal(mf_store_open(url, &st, NULL), 0);
    mf_store_close(st);
    assert_int_equal(mf_store_open(url, &st, NULL), 0);
    assert_int_equal(count(st, "SELECT count(*) FROM schema_version"), mf_store_schema_latest(st));
    mf_store_close(st);
    remove_store(dir);
}

static void a_failing_migration_leaves_the_store_as_it_was(void **state)
{
    (void)state;
    char dir[64], url[128];
    temp_store(dir, sizeof dir, url, sizeof url);
    /* A file that already has a table called "curves": migration 1 cannot create its own. */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s/store.db' 'CREATE TABLE curves (x INTEGER)'", dir);
    assert_int_equal(system(cmd), 0);
    mf_store *st = NULL;
    mf_error err;
    assert_int_equal(mf_store_open(url, &st, &err), MF_ESTATE);
    assert_null(st);
    assert_non_null(strstr(err.msg, "migration 0001_schema_v1 on 'sqlite:"));
    assert_non_null(strstr(err.msg, "table curves already exists"));
    /* Nothing of the migration stayed: only the table that was there before. */
    snprintf(cmd, sizeof cmd,
             "test \"$(sqlite3 '%s/store.db' \"SELECT group_concat(name) FROM sqlite_master "
             "WHERE type = 'table'\")\" = curves",
             dir);
    assert_int_equal(system(cmd), 0);
    remove_store(dir);
}

static void a_store_newer_than_the_binary_is_refused(void **state)
{
    (void)state;
    char dir[64], url[128];
    temp_store(dir, sizeof dir, url, sizeof url);
    mf_store *st = NULL;
    assert_int_equal(mf_store_open(url, &st, NULL), 0);
    int latest = mf_store_schema_latest(st);
    mf_stmt *s;
    assert_int_equal(mf_store_prepare(st,
                                      "INSERT INTO schema_version (version, name, applied_at) "
                                      "VALUES (?, 'from_the_future', '2030-01-01T00:00:00Z')",
                                      &s, NULL),
                     0);
    mf_stmt_bind_int64(s, 1, latest + 1);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
    mf_store_close(st);
    st = NULL;
    mf_error err;
    assert_int_equal(mf_store_open(url, &st, &err), MF_EUNSUPPORTED);
    assert_null(st);
    char want[256];
    snprintf(want, sizeof want, "has schema version %d but this mf knows only up to %d: upgrade mf",
             latest + 1, latest);
    assert_non_null(strstr(err.msg, want));
    remove_store(dir);
}

static void a_file_that_cannot_be_opened_is_an_io_error_naming_it(void **state)
{
    (void)state;
    mf_store *st = NULL;
    mf_error err;
    assert_int_equal(mf_store_open("sqlite:/nonexistent-dir/x/store.db", &st, &err), MF_EIO);
    assert_non_null(strstr(err.msg, "cannot open store 'sqlite:/nonexistent-dir/x/store.db'"));
    assert_null(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reopening_applies_nothing_twice),
        cmocka_unit_test(a_failing_migration_leaves_the_store_as_it_was),
        cmocka_unit_test(a_store_newer_than_the_binary_is_refused),
        cmocka_unit_test(a_file_that_cannot_be_opened_is_an_io_error_naming_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
