/*
 * test_conn_bcb_sgs.c - the bcb_sgs connector (src/data/connectors/bcb_sgs.c): the parser on
 * hand-made fixtures and on the real recordings of ../shared/reference/connectors/bcb_sgs,
 * the keys, and fetches over real HTTP from tests/support/http_replay.py with the fault cases.
 */
#include "bcb_conn_test.h"

#include "data/connectors/bcb_sgs.h"

static int setup(void **state)
{
    (void)state;
    return bt_start("connectors/bcb_sgs/routes.json", "/sgs");
}

static int teardown(void **state)
{
    (void)state;
    return bt_stop();
}

static void test_parse_fixture_432(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/bcb_sgs/sgs_432_2025-01.json", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_equal(mf_bcb_sgs_parse(body, len, "432", "bcb_sgs 432", &rows, &e), 0);
    assert_int_equal(rows.n, 5);
    bt_expect(&rows, "432", "2025-01-29", 12.25, NULL);
    bt_expect(&rows, "432", "2025-01-30", 13.25, NULL); /* the day after the meeting */
    bt_expect(&rows, "432", "2025-02-01", 13.25, NULL); /* a Saturday */
    assert_int_equal(rows.v[0].kind, MF_CONN_OBS);
    assert_true(isnan(rows.v[0].close));
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_fixture_433_and_21619(void **state)
{
    (void)state;
    size_t len;
    char *body = mf_test_read_fixture("connectors/bcb_sgs/sgs_433_2024.json", &len);
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_equal(mf_bcb_sgs_parse(body, len, "433", "bcb_sgs 433", &rows, &e), 0);
    assert_int_equal(rows.n, 12);
    bt_expect(&rows, "433", "2024-01-01", 0.42, NULL);
    bt_expect(&rows, "433", "2024-08-01", -0.02, NULL);
    bt_expect(&rows, "433", "2024-12-01", 0.52, NULL);
    mf_free(body);
    body = mf_test_read_fixture("connectors/bcb_sgs/sgs_21619_2015-01.json", &len);
    mf_conn_rows_clear(&rows);
    assert_int_equal(mf_bcb_sgs_parse(body, len, "21619", "bcb_sgs 21619", &rows, &e), 0);
    bt_expect(&rows, "21619", "2015-01-02", 3.2379, NULL);
    bt_expect(&rows, "21619", "2015-01-05", 3.1977, NULL);
    mf_conn_rows_free(&rows);
    mf_free(body);
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *body, *msg;
    } cases[] = {
        {"[{\"data\":\"02/01/2025\",\"valor\":\"1,27\"}]",
         "bcb_sgs 1: row 1: value '1,27' is not a number with '.' decimals"},
        {"[{\"data\":\"2025-01-02\",\"valor\":\"1.27\"}]",
         "bcb_sgs 1: row 1: date '2025-01-02' is not dd/mm/aaaa"},
        {"[{\"data\":\"02/01/2025\",\"valor\":1.27}]", "row 1: expected an object with string"},
        {"[{\"data\":\"02/01/2025\",\"valor\":\"\"}]", "row 1: value '' is not a number"},
        {"{\"error\":\"O sistema aceita uma janela\"}",
         "bcb_sgs 1: SGS error: 'O sistema aceita uma janela'"},
        {"<html>oops</html>", "bcb_sgs 1: body is not JSON"},
        {"", "bcb_sgs 1: body is not JSON"},
        {"{\"a\":1}", "body is a JSON object, not an array"},
        {"17", "body is not JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        assert_int_not_equal(
            mf_bcb_sgs_parse(cases[i].body, strlen(cases[i].body), "1", "bcb_sgs 1", &rows, &e), 0);
        if (!strstr(e.msg, cases[i].msg))
            fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].msg);
        mf_conn_rows_free(&rows);
    }
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_equal(mf_bcb_sgs_parse("[]", 2, "1", "bcb_sgs 1", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

/* Parses the recording of code; checks count, first and last. */
static void check_recording(const char *code, size_t n, const char *first, double v0,
                            const char *last, double v1, mf_conn_rows *rows)
{
    char rel[128];
    snprintf(rel, sizeof rel, "connectors/bcb_sgs/sgs_%s_history.json", code);
    size_t len;
    char *body = mf_test_read_shared(rel, &len);
    mf_error e;
    mf_conn_rows_clear(rows);
    if (mf_bcb_sgs_parse(body, len, code, code, rows, &e) != 0)
        fail_msg("%s: %s", rel, e.msg);
    assert_int_equal(rows->n, n);
    assert_int_equal(rows->v[0].date, mf_test_date(first));
    assert_int_equal(rows->v[n - 1].date, mf_test_date(last));
    assert_true(fabs(rows->v[0].value - v0) < 1e-12);
    assert_true(fabs(rows->v[n - 1].value - v1) < 1e-12);
    for (size_t i = 1; i < n; i++)
        assert_true(rows->v[i].date > rows->v[i - 1].date); /* ascending */
    mf_free(body);
}

static void test_real_recordings(void **state)
{
    (void)state;
    mf_conn_rows rows = {0};
    check_recording("432", 4220, "2015-01-01", 11.75, "2026-08-05", 14.25, &rows);
    size_t weekend = 0;
    for (size_t i = 0; i < rows.n; i++)
        weekend += mf_date_is_weekend(rows.v[i].date);
    assert_int_equal(weekend, 1206); /* every calendar day */
    bt_expect(&rows, "432", "2025-01-29", 12.25, NULL);
    bt_expect(&rows, "432", "2025-01-30", 13.25, NULL);
    bt_expect(&rows, "432", "2025-06-19", 15.00, NULL);
    bt_expect(&rows, "432", "2026-03-19", 14.75, NULL);

    check_recording("433", 139, "2015-01-01", 1.24, "2026-07-01", 0.07, &rows);
    size_t neg = 0;
    for (size_t i = 0; i < rows.n; i++)
        neg += rows.v[i].value < 0;
    assert_int_equal(neg, 12);
    for (size_t i = 0; i < rows.n; i++)
        assert_int_equal(mf_date_day(rows.v[i].date), 1); /* monthly: dated on the 1st */

    check_recording("13522", 139, "2015-01-01", 7.14, "2026-07-01", 4.44, &rows);
    check_recording("1", 2920, "2015-01-02", 2.6929, "2026-08-21", 5.1625, &rows);
    for (size_t i = 0; i < rows.n; i++)
        assert_false(mf_date_is_weekend(rows.v[i].date)); /* business days only */
    check_recording("10813", 2920, "2015-01-02", 2.6923, "2026-08-21", 5.1619, &rows);
    check_recording("1178", 2920, "2015-01-02", 11.65, "2026-08-21", 13.90, &rows);
    check_recording("4390", 140, "2015-01-01", 0.94, "2026-08-01", 0.78, &rows);
    /* the last month is partial: far below the full months around it */
    assert_true(rows.v[rows.n - 1].value < 0.8 * rows.v[rows.n - 2].value);
    check_recording("21619", 2918, "2015-01-02", 3.2379, "2026-08-21", 6.0319, &rows);
    check_recording("189", 139, "2015-01-01", 0.76, "2026-07-01", -1.16, &rows);
    neg = 0;
    for (size_t i = 0; i < rows.n; i++)
        neg += rows.v[i].value < 0;
    assert_int_equal(neg, 32);
    check_recording("24363", 138, "2015-01-01", 96.96675, "2026-06-01", 109.89427, &rows);
    check_recording("24369", 138, "2015-01-01", 6.9, "2026-06-01", 5.4, &rows);
    mf_conn_rows_free(&rows);
}

static void test_keys(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_sgs");
    assert_non_null(c);
    assert_int_equal(c->max_days, 3650);
    mf_error e;
    assert_int_equal(c->check_key("432", &e), 0);
    assert_int_equal(c->check_key("123456789", &e), 0);
    const char *bad[] = {"", "0432", "43a", "1234567890", "-1", "SGS.432", " 432"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(c->check_key(bad[i], &e), MF_EINVAL);
        assert_non_null(strstr(e.msg, "bcb_sgs key"));
    }
    char buf[32];
    c->request_of("21619", buf, sizeof buf);
    assert_string_equal(buf, "21619");
}

static void test_fetch_range(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_sgs");
    mf_conn_rows rows = {0};
    mf_error e;
    if (c->fetch(&bt.c.env, "432", mf_test_date("2025-01-28"), mf_test_date("2025-02-01"), &rows,
                 &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 5);
    bt_expect(&rows, "432", "2025-01-30", 13.25, NULL);
    assert_int_equal(c->fetch(&bt.c.env, "433", mf_test_date("2024-01-01"),
                              mf_test_date("2024-12-31"), &rows, &e),
                     0);
    assert_int_equal(rows.n, 17);
    bt_expect(&rows, "433", "2024-08-01", -0.02, NULL);
    mf_conn_rows_free(&rows);
}

static void test_fetch_empty(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_sgs");
    mf_conn_rows rows = {0};
    mf_error e;
    /* 404 and [] both mean: no data in the range */
    assert_int_equal(bt_fetch_with(c, NULL, "433", "1900-01-01", "1900-12-31", &rows, &e), 0);
    assert_int_equal(bt_fetch_with(c, NULL, "433", "1901-01-01", "1901-12-31", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_fetch_406_window(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_sgs");
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_not_equal(bt_fetch_with(c, NULL, "432", "2000-01-01", "2024-12-31", &rows, &e), 0);
    const char *parts[] = {"bcb_sgs 432: HTTP 406",
                           "O sistema aceita uma janela de consulta de, no máximo, 10 anos", NULL};
    bt_expect_msg(&e, parts);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_fetch_retries(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_sgs");
    mf_conn_rows rows = {0};
    mf_error e;
    bt.sleeps.n = 0;
    if (bt_fetch_with(c, NULL, "11", "2025-01-28", "2025-02-01", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 5);
    assert_int_equal(bt.sleeps.n, 1);
    assert_int_equal(bt.sleeps.ms[0], 1000); /* Retry-After: 1 */
    assert_string_equal(rows.v[0].key, "11");
    mf_conn_rows_clear(&rows);
    if (bt_fetch_with(c, NULL, "12", "2025-01-28", "2025-02-01", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 5);
    mf_conn_rows_free(&rows);
}

static void test_fetch_faults(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_sgs");
    static const struct {
        const char *code, *msg1, *msg2;
    } cases[] = {
        {"13", "bcb_sgs 13: body is not JSON", "[{\"data\":\"02/01/2025\""},
        {"14", "bcb_sgs 14: ", "truncated body"},
        {"15", "bcb_sgs 15: body is not JSON", "<html><head><title>Erro"},
        {"18", "bcb_sgs 18: row 2: value '1,27' is not a number with '.' decimals", ""},
        {"19", "bcb_sgs 19: SGS error: 'Value(s) not found'", ""},
        {"20", "bcb_sgs 20: row 1: date '2025-01-02' is not dd/mm/aaaa", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_conn_rows rows = {0};
        mf_error e;
        assert_int_not_equal(
            bt_fetch_with(c, NULL, cases[i].code, "2025-01-02", "2025-01-03", &rows, &e), 0);
        const char *parts[] = {cases[i].msg1, cases[i].msg2, NULL};
        bt_expect_msg(&e, parts);
        mf_conn_rows_free(&rows);
    }
}

static void test_fetch_stall_and_oversize(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_sgs");
    mf_http_options o;
    bt_options(&o, &bt.sleeps);
    o.total_timeout_ms = 500;
    o.max_retries = 0;
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_not_equal(bt_fetch_with(c, &o, "16", "2025-01-02", "2025-01-03", &rows, &e), 0);
    const char *p1[] = {"bcb_sgs 16: ", "timed out after 500 ms", NULL};
    bt_expect_msg(&e, p1);
    bt_options(&o, &bt.sleeps);
    o.max_body_bytes = 100;
    assert_int_equal(bt_fetch_with(c, &o, "17", "2025-01-02", "2025-01-03", &rows, &e), MF_ERANGE);
    const char *p2[] = {"bcb_sgs 17: ", "body over 100 bytes", NULL};
    bt_expect_msg(&e, p2);
    mf_conn_rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_fixture_432),
        cmocka_unit_test(test_parse_fixture_433_and_21619),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_real_recordings),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_fetch_range),
        cmocka_unit_test(test_fetch_empty),
        cmocka_unit_test(test_fetch_406_window),
        cmocka_unit_test(test_fetch_retries),
        cmocka_unit_test(test_fetch_faults),
        cmocka_unit_test(test_fetch_stall_and_oversize),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
