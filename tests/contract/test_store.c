/*
 * test_store.c - the storage port's contract, run on every backend: migrations, statements,
 * types, nested transactions and errors behave the same on SQLite and PostgreSQL.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "store/store_int.h" /* mf__store_ensure_partitions: what repositories call */
#include "support/store.h"

static void opening_applies_every_migration(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int version = -1;
    assert_int_equal(mf_store_schema_version(st, &version, NULL), 0);
    assert_int_equal(version, mf_store_schema_latest(st));
    assert_true(version >= 1);
    mf_test_store_close(st);
}

/* Inserts a series row and returns its id. */
static int64_t add_series(mf_store *st, const char *code)
{
    mf_stmt *s;
    mf_error err;
    assert_int_equal(mf_store_prepare(st,
                                      "INSERT INTO series (code, source, name, frequency) "
                                      "VALUES (?, 'user', ?, 'D') RETURNING id",
                                      &s, &err),
                     0);
    mf_stmt_bind_text(s, 1, code);
    mf_stmt_bind_text(s, 2, code);
    if (mf_stmt_step(s, &err) != MF_STORE_ROW)
        fail_msg("insert series: %s", err.msg);
    int64_t id = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    return id;
}

static int64_t count_series(mf_store *st)
{
    mf_stmt *s;
    assert_int_equal(mf_store_prepare(st, "SELECT count(*) FROM series", &s, NULL), 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_ROW);
    int64_t n = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
    return n;
}

static void values_of_every_type_round_trip(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id = add_series(st, "SIM_RT");
    mf_stmt *s;
    mf_error err;
    /* A row of a partitioned table needs its year's partition (nothing to do on SQLite). */
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2024, 2024, &err), 0);
    static const char insert[] = "INSERT INTO observations (series_id, obs_date, available_at, "
                                 "value, ingested_at) VALUES (?, ?, ?, ?, ?)";
    assert_int_equal(mf_store_prepare(st, insert, &s, &err), 0);
    mf_date d = mf_test_date("2024-02-29"), known = mf_test_date("2024-03-01");
    mf_stmt_bind_int64(s, 1, id);
    mf_stmt_bind_date(s, 2, d);
    mf_stmt_bind_date(s, 3, known);
    mf_stmt_bind_double(s, 4, 4521.6543210987);
    mf_stmt_bind_time(s, 5, 1764000000); /* 2025-11-24T16:00:00Z */
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    assert_int_equal(mf_stmt_changes(s), 1);
    assert_int_equal(mf_store_prepare(st, insert, &s, &err), 0);
    mf_stmt_bind_int64(s, 1, id);
    mf_stmt_bind_date(s, 2, d);
    mf_stmt_bind_date(s, 3, known + 30);
    mf_stmt_bind_double(s, 4, NAN); /* missing */
    mf_stmt_bind_time(s, 5, 1764000000);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);

    assert_int_equal(mf_store_prepare(st,
                                      "SELECT obs_date, available_at, value, ingested_at, "
                                      "series_id FROM observations WHERE series_id = ? "
                                      "ORDER BY available_at",
                                      &s, &err),
                     0);
    mf_stmt_bind_int64(s, 1, id);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    assert_int_equal(mf_stmt_date(s, 0), d);
    assert_int_equal(mf_stmt_date(s, 1), known);
    assert_true(mf_stmt_double(s, 2) == 4521.6543210987);
    assert_false(mf_stmt_is_null(s, 2));
    assert_int_equal(mf_stmt_time(s, 3), 1764000000);
    assert_int_equal(mf_stmt_int64(s, 4), id);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    assert_true(mf_stmt_is_null(s, 2));
    assert_true(isnan(mf_stmt_double(s, 2)));
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    mf_test_store_close(st);
}

static void text_and_flags_round_trip(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_stmt *s;
    mf_error err;
    assert_int_equal(mf_store_prepare(st,
                                      "INSERT INTO series (code, source, name, simulated, "
                                      "description) VALUES (?, ?, ?, ?, ?)",
                                      &s, &err),
                     0);
    mf_stmt_bind_text(s, 1, "BR_IPCA");
    mf_stmt_bind_text(s, 2, "ibge_sidra");
    mf_stmt_bind_text(s, 3, "IPCA, variação mensal \"%\"");
    mf_stmt_bind_bool(s, 4, true);
    mf_stmt_bind_text(s, 5, NULL);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    assert_int_equal(mf_store_prepare(st,
                                      "SELECT name, simulated, description FROM series "
                                      "WHERE code = ?",
                                      &s, &err),
                     0);
    mf_stmt_bind_text(s, 1, "BR_IPCA");
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    assert_string_equal(mf_stmt_text(s, 0), "IPCA, variação mensal \"%\"");
    assert_true(mf_stmt_bool(s, 1));
    assert_true(mf_stmt_is_null(s, 2));
    assert_null(mf_stmt_text(s, 2));
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    mf_test_store_close(st);
}

static void nested_rollback_undoes_only_the_inner_level(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    assert_int_equal(mf_store_begin(st, &err), 0);
    add_series(st, "OUTER");
    assert_int_equal(mf_store_begin(st, &err), 0);
    assert_int_equal(mf_store_depth(st), 2);
    add_series(st, "INNER");
    assert_int_equal(count_series(st), 2);
    assert_int_equal(mf_store_rollback(st, &err), 0);
    assert_int_equal(count_series(st), 1);
    assert_int_equal(mf_store_begin(st, &err), 0);
    add_series(st, "INNER2");
    assert_int_equal(mf_store_commit(st, &err), 0);
    assert_int_equal(mf_store_commit(st, &err), 0);
    assert_int_equal(mf_store_depth(st), 0);
    assert_int_equal(count_series(st), 2);

    assert_int_equal(mf_store_begin(st, &err), 0);
    add_series(st, "GONE");
    assert_int_equal(mf_store_rollback(st, &err), 0);
    assert_int_equal(count_series(st), 2);

    assert_int_equal(mf_store_commit(st, &err), MF_ESTATE);
    assert_non_null(strstr(err.msg, "commit without an open transaction"));
    assert_int_equal(mf_store_rollback(st, &err), MF_ESTATE);
    mf_test_store_close(st);
}

static void constraint_violations_are_errors_that_name_the_statement(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    add_series(st, "DUP");
    mf_stmt *s;
    mf_error err;
    assert_int_equal(mf_store_prepare(st,
                                      "INSERT INTO series (code, source, name, frequency) "
                                      "VALUES (?, 'user', ?, 'D') RETURNING id",
                                      &s, &err),
                     0);
    mf_stmt_bind_text(s, 1, "DUP");
    mf_stmt_bind_text(s, 2, "DUP");
    int rc = mf_stmt_step(s, &err);
    assert_true(rc < 0);
    assert_non_null(strstr(err.msg, "INSERT INTO series"));
    /* the statement is usable again after the error */
    assert_int_equal(mf_store_prepare(st,
                                      "INSERT INTO series (code, source, name, frequency) "
                                      "VALUES (?, 'user', ?, 'D') RETURNING id",
                                      &s, &err),
                     0);
    mf_stmt_bind_text(s, 1, "OTHER");
    mf_stmt_bind_text(s, 2, "OTHER");
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);

    assert_int_equal(mf_store_prepare(st,
                                      "INSERT INTO series (code, source, name, frequency) "
                                      "VALUES ('X', 'user', 'X', 'Z')",
                                      &s, &err),
                     0);
    assert_true(mf_stmt_step(s, &err) < 0); /* CHECK (frequency IN ...) */
    assert_int_equal(mf_store_prepare(st, "SELECT nonsense FROM nowhere", &s, &err) < 0, 1);
    mf_test_store_close(st);
}

static void on_conflict_do_nothing_reports_no_change(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t id = add_series(st, "C");
    mf_stmt *s;
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2024, 2024, NULL), 0);
    static const char sql[] = "INSERT INTO observations (series_id, obs_date, available_at, value, "
                              "ingested_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    for (int i = 0; i < 2; i++) {
        assert_int_equal(mf_store_prepare(st, sql, &s, NULL), 0);
        mf_stmt_bind_int64(s, 1, id);
        mf_stmt_bind_date(s, 2, mf_test_date("2024-01-02"));
        mf_stmt_bind_date(s, 3, mf_test_date("2024-01-02"));
        mf_stmt_bind_double(s, 4, 2.385);
        mf_stmt_bind_time(s, 5, 0); /* timestamps are bound: a literal 0 is SQLite's dialect */
        assert_int_equal(mf_stmt_step(s, NULL), MF_STORE_DONE);
        assert_int_equal(mf_stmt_changes(s), i == 0 ? 1 : 0);
    }
    mf_test_store_close(st);
}

static void unsupported_urls_are_refused_with_the_expected_forms(void **state)
{
    (void)state;
    mf_store *st = NULL;
    mf_error err;
    assert_int_equal(mf_store_open("mysql://x", &st, &err), MF_EINVAL);
    assert_string_equal(err.msg, "unsupported store URL 'mysql://x': expected sqlite:PATH, "
                                 "sqlite::memory: or postgresql://user@host:port/db");
    assert_int_equal(mf_store_open("", &st, &err), MF_EINVAL);
    assert_int_equal(mf_store_open("sqlite:", &st, &err), MF_EINVAL);
    assert_null(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opening_applies_every_migration),
        cmocka_unit_test(values_of_every_type_round_trip),
        cmocka_unit_test(text_and_flags_round_trip),
        cmocka_unit_test(nested_rollback_undoes_only_the_inner_level),
        cmocka_unit_test(constraint_violations_are_errors_that_name_the_statement),
        cmocka_unit_test(on_conflict_do_nothing_reports_no_change),
        cmocka_unit_test(unsupported_urls_are_refused_with_the_expected_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
