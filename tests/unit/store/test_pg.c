/*
 * test_pg.c - what only the PostgreSQL adapter does: connection errors (unreachable server,
 * wrong password) with the password kept out of messages, yearly partitions created on
 * demand, the BRIN indexes, `?` placeholders next to quoted text, and the text formats of
 * timestamps and booleans. Runs against the server scripts/with-test-servers starts
 * (MF_TEST_PG_URL, through tests/contract/on-pg.sh) and refuses to run without it.
 */
#include "support/test.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "store/store_int.h"
#include "support/store.h"

static const char *pg_url(void)
{
    const char *url = getenv("MF_TEST_PG_URL");
    if (url == NULL || url[0] == '\0')
        fail_msg("MF_TEST_PG_URL is not set: run through scripts/with-test-servers (make test)");
    return url;
}

/* A TCP port on 127.0.0.1 that nothing listens on: bound, read and released again. */
static int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    socklen_t len = sizeof addr;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
    close(fd);
    return ntohs(addr.sin_port);
}

static void an_unreachable_server_is_an_io_error_naming_the_masked_url(void **state)
{
    (void)state;
    char url[128], masked[128];
    int port = closed_port();
    snprintf(url, sizeof url, "postgresql://mf:s3cret-Pw@127.0.0.1:%d/mf", port);
    snprintf(masked, sizeof masked,
             "cannot connect to store 'postgresql://mf:***@127.0.0.1:%d/mf': ", port);
    mf_store *st = NULL;
    mf_error err;
    assert_int_equal(mf_store_open(url, &st, &err), MF_EIO);
    assert_null(st);
    assert_memory_equal(err.msg, masked, strlen(masked));
    assert_non_null(strstr(err.msg, "Connection refused"));
    assert_null(strstr(err.msg, "s3cret-Pw"));
    assert_null(strchr(err.msg, '\n'));

    /* postgres:// is the same adapter */
    snprintf(url, sizeof url, "postgres://mf:s3cret-Pw@127.0.0.1:%d/mf", port);
    assert_int_equal(mf_store_open(url, &st, &err), MF_EIO);
    assert_null(strstr(err.msg, "s3cret-Pw"));
}

static void a_url_libpq_cannot_parse_is_invalid(void **state)
{
    (void)state;
    mf_store *st = NULL;
    mf_error err;
    assert_int_equal(mf_store_open("postgresql://mf:pw@127.0.0.1:5432/mf?nonsense=1", &st, &err),
                     MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid store URL 'postgresql://mf:***@127.0.0.1:5432/mf"));
    assert_null(strstr(err.msg, ":pw@"));
}

static void a_wrong_password_is_an_authentication_error(void **state)
{
    (void)state;
    const char *good = pg_url();
    const char *at = strchr(good, '@');
    assert_non_null(at);
    char url[512];
    snprintf(url, sizeof url, "postgresql://mf:not-the-Password%s", at);
    mf_store *st = NULL;
    mf_error err;
    assert_int_equal(mf_store_open(url, &st, &err), MF_EIO);
    assert_null(st);
    assert_non_null(strstr(err.msg, "cannot connect to store 'postgresql://mf:***@"));
    assert_non_null(strstr(err.msg, "password authentication failed for user \"mf\""));
    assert_null(strstr(err.msg, "not-the-Password"));
}

/* Inserts a series and returns its id. */
static int64_t add_series(mf_store *st, const char *code)
{
    mf_stmt *s;
    mf_error err;
    assert_int_equal(
        mf_store_prepare(st,
                         "INSERT INTO series (code, source, name) VALUES (?, 'user', ?) "
                         "RETURNING id",
                         &s, &err),
        0);
    mf_stmt_bind_text(s, 1, code);
    mf_stmt_bind_text(s, 2, code);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    int64_t id = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    return id;
}

/* Stores value of series id on date (known the same day); returns the step's result. */
static int add_observation(mf_store *st, int64_t id, const char *date, double value, mf_error *err)
{
    mf_stmt *s;
    assert_int_equal(
        mf_store_prepare(st,
                         "INSERT INTO observations (series_id, obs_date, available_at, "
                         "value, ingested_at) VALUES (?, ?, ?, ?, ?)",
                         &s, err),
        0);
    mf_stmt_bind_int64(s, 1, id);
    mf_stmt_bind_date(s, 2, mf_test_date(date));
    mf_stmt_bind_date(s, 3, mf_test_date(date));
    mf_stmt_bind_double(s, 4, value);
    mf_stmt_bind_time(s, 5, 1764000000);
    return mf_stmt_step(s, err);
}

/* The single int64 of a one-row query with one text parameter (NULL: none). */
static int64_t query_int(mf_store *st, const char *sql, const char *param)
{
    mf_stmt *s;
    mf_error err;
    if (mf_store_prepare(st, sql, &s, &err) != 0)
        fail_msg("%s", err.msg);
    if (param)
        mf_stmt_bind_text(s, 1, param);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    int64_t v = mf_stmt_int64(s, 0);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    return v;
}

static const char partition_count[] = "SELECT count(*) FROM pg_inherits i "
                                      "JOIN pg_class c ON c.oid = i.inhrelid "
                                      "WHERE i.inhparent = 'observations'::regclass "
                                      "AND c.relname = ?";

static void yearly_partitions_are_created_on_demand(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    int64_t id = add_series(st, "BR_SELIC");
    assert_int_equal(query_int(st,
                               "SELECT count(*) FROM pg_inherits "
                               "WHERE inhparent = 'observations'::regclass",
                               NULL),
                     0);
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2009, 2009, &err), 0);
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2031, 2031, &err), 0);
    assert_int_equal(add_observation(st, id, "2009-12-31", 8.65, &err), MF_STORE_DONE);
    assert_int_equal(add_observation(st, id, "2031-01-01", 7.125, &err), MF_STORE_DONE);
    assert_int_equal(query_int(st, partition_count, "observations_y2009"), 1);
    assert_int_equal(query_int(st, partition_count, "observations_y2031"), 1);
    assert_int_equal(query_int(st, partition_count, "observations_y2010"), 0);
    /* each row sits in its year's partition: the bounds are [YYYY-01-01, YYYY+1-01-01) */
    assert_int_equal(
        query_int(st, "SELECT count(*) FROM observations_y2009 WHERE value = 8.65", NULL), 1);
    assert_int_equal(query_int(st, "SELECT count(*) FROM observations_y2031", NULL), 1);
    assert_int_equal(query_int(st, "SELECT count(*) FROM observations", NULL), 2);

    /* a range creates every year of it, and market_prices is partitioned the same way */
    assert_int_equal(mf__store_ensure_partitions(st, "market_prices", 2019, 2021, &err), 0);
    assert_int_equal(query_int(st,
                               "SELECT count(*) FROM pg_inherits "
                               "WHERE inhparent = 'market_prices'::regclass",
                               NULL),
                     3);
    mf_test_store_close(st);
}

static void a_year_without_a_partition_is_refused_cleanly(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    int64_t id = add_series(st, "US_CPI");
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2024, 2024, &err), 0);
    assert_int_equal(add_observation(st, id, "1999-06-30", 2.385, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "no partition of relation \"observations\" found for row"));
    assert_non_null(strstr(err.msg, "while running 'INSERT INTO observations"));
    /* nothing was stored, and the connection goes on */
    assert_int_equal(add_observation(st, id, "2024-06-28", 2.385, &err), MF_STORE_DONE);
    assert_int_equal(query_int(st, "SELECT count(*) FROM observations", NULL), 1);
    mf_test_store_close(st);
}

static void repeat_calls_for_ensured_years_skip_the_server(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2015, 2016, &err), 0);
    /* Drop one behind the adapter's back: a repeat call trusts its cache and creates nothing. */
    assert_int_equal(mf_store_exec(st, "DROP TABLE observations_y2016", &err), 0);
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2015, 2016, &err), 0);
    assert_int_equal(query_int(st, partition_count, "observations_y2016"), 0);
    /* a wider range creates only what it adds */
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2015, 2017, &err), 0);
    assert_int_equal(query_int(st, partition_count, "observations_y2017"), 1);
    assert_int_equal(query_int(st, partition_count, "observations_y2016"), 0);
    mf_test_store_close(st);
}

static void partitions_rolled_back_with_their_transaction_are_created_again(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    int64_t id = add_series(st, "BR_IPCA");
    assert_int_equal(mf_store_begin(st, &err), 0);
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2012, 2012, &err), 0);
    assert_int_equal(mf_store_rollback(st, &err), 0);
    assert_int_equal(query_int(st, partition_count, "observations_y2012"), 0);
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2012, 2012, &err), 0);
    assert_int_equal(add_observation(st, id, "2012-05-31", 0.36, &err), MF_STORE_DONE);
    mf_test_store_close(st);
}

static void bad_partition_requests_are_refused(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_error err;
    assert_int_equal(
        mf__store_ensure_partitions(st, "observations; DROP TABLE series", 2020, 2020, &err),
        MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid partitioned table name 'observations; DROP"));
    assert_int_equal(mf__store_ensure_partitions(st, "observations", 2021, 2020, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid year range 2021..2020"));
    assert_int_equal(mf__store_ensure_partitions(st, "series", 2020, 2020, &err), MF_EIO);
    assert_non_null(strstr(err.msg, "creating partitions of 'series' for 2020..2020"));
    mf_test_store_close(st);
}

static void the_date_columns_have_brin_indexes(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    static const char sql[] = "SELECT count(*) FROM pg_index x "
                              "JOIN pg_class i ON i.oid = x.indexrelid "
                              "JOIN pg_am am ON am.oid = i.relam "
                              "JOIN pg_attribute a ON a.attrelid = x.indrelid "
                              "AND a.attnum = x.indkey[0] "
                              "WHERE am.amname = 'brin' AND x.indrelid = ?::regclass "
                              "AND a.attname = CASE ?::text WHEN 'observations' THEN 'obs_date' "
                              "ELSE 'price_date' END";
    const char *tables[] = {"observations", "market_prices"};
    for (int i = 0; i < 2; i++) {
        mf_stmt *s;
        mf_error err;
        assert_int_equal(mf_store_prepare(st, sql, &s, &err), 0);
        mf_stmt_bind_text(s, 1, tables[i]);
        mf_stmt_bind_text(s, 2, tables[i]);
        assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
        assert_int_equal(mf_stmt_int64(s, 0), 1);
        assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    }
    mf_test_store_close(st);
}

static void question_marks_inside_quotes_are_not_placeholders(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_stmt *s;
    mf_error err;
    assert_int_equal(mf_store_prepare(st,
                                      "SELECT '?' || ?, \"why?\", 'it''s ?', E'\\'?', $$a?b$$, "
                                      "? /* a ? in a comment */ + 1 -- and here?\n"
                                      "FROM (SELECT 'x' AS \"why?\") t",
                                      &s, &err),
                     0);
    mf_stmt_bind_text(s, 1, "one");
    mf_stmt_bind_int64(s, 2, 41);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    assert_string_equal(mf_stmt_text(s, 0), "?one");
    assert_string_equal(mf_stmt_text(s, 1), "x");
    assert_string_equal(mf_stmt_text(s, 2), "it's ?");
    assert_string_equal(mf_stmt_text(s, 3), "'?");
    assert_string_equal(mf_stmt_text(s, 4), "a?b");
    assert_int_equal(mf_stmt_int64(s, 5), 42);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);

    /* a third parameter does not exist: reported by the step, naming the statement */
    assert_int_equal(mf_store_prepare(st, "SELECT ?::int", &s, &err), 0);
    mf_stmt_bind_int64(s, 3, 1);
    assert_int_equal(mf_stmt_step(s, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "parameter 3 is out of range (of 1) while running "
                                    "'SELECT ?::int'"));
    mf_test_store_close(st);
}

static void timestamps_and_booleans_read_from_their_text_forms(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_stmt *s;
    mf_error err;
    /* 2024-02-29 23:59:59.75 at UTC-3 is 2024-03-01 02:59:59 UTC: day 19783 * 86400 + 10799 */
    assert_int_equal(
        mf_store_prepare(st,
                         "SELECT TIMESTAMPTZ '2024-02-29 23:59:59.75-03:00', ?::timestamptz, "
                         "true, false, DATE '1969-12-31', 'Infinity'::float8, "
                         "NULL::timestamptz",
                         &s, &err),
        0);
    mf_stmt_bind_time(s, 1, -1); /* 1969-12-31T23:59:59Z */
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
    assert_int_equal(mf_stmt_time(s, 0), 1709261999);
    assert_int_equal(mf_stmt_time(s, 1), -1);
    assert_true(mf_stmt_bool(s, 2));
    assert_false(mf_stmt_bool(s, 3));
    assert_int_equal(mf_stmt_date(s, 4), -1);
    assert_true(isinf(mf_stmt_double(s, 5)));
    assert_true(mf_stmt_is_null(s, 6));
    assert_int_equal(mf_stmt_time(s, 6), 0);
    assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);

    /* doubles survive the text round trip to the bit */
    const double values[] = {0.1, 2.385, 1e-300, -4521.6543210987654, 1.0 / 3.0};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        assert_int_equal(mf_store_prepare(st, "SELECT ?::float8", &s, &err), 0);
        mf_stmt_bind_double(s, 1, values[i]);
        assert_int_equal(mf_stmt_step(s, &err), MF_STORE_ROW);
        assert_true(mf_stmt_double(s, 0) == values[i]);
        assert_int_equal(mf_stmt_step(s, &err), MF_STORE_DONE);
    }
    mf_test_store_close(st);
}

int main(void)
{
    const char *url = getenv("MF_TEST_PG_URL");
    if (url == NULL || url[0] == '\0') {
        fprintf(stderr, "test_pg: MF_TEST_PG_URL is not set: run the suite through "
                        "scripts/with-test-servers (make test)\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_unreachable_server_is_an_io_error_naming_the_masked_url),
        cmocka_unit_test(a_url_libpq_cannot_parse_is_invalid),
        cmocka_unit_test(a_wrong_password_is_an_authentication_error),
        cmocka_unit_test(yearly_partitions_are_created_on_demand),
        cmocka_unit_test(a_year_without_a_partition_is_refused_cleanly),
        cmocka_unit_test(repeat_calls_for_ensured_years_skip_the_server),
        cmocka_unit_test(partitions_rolled_back_with_their_transaction_are_created_again),
        cmocka_unit_test(bad_partition_requests_are_refused),
        cmocka_unit_test(the_date_columns_have_brin_indexes),
        cmocka_unit_test(question_marks_inside_quotes_are_not_placeholders),
        cmocka_unit_test(timestamps_and_booleans_read_from_their_text_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
