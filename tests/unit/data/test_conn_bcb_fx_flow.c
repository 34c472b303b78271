/*
 * test_conn_bcb_fx_flow.c - the bcb_fx_flow connector (src/data/connectors/bcb_fx_flow.c): SGS
 * format under its own name, its revision window, and a re-read that sees a revised value.
 * The series code is a placeholder: no FX-flow SGS code could be confirmed.
 */
#include "bcb_conn_test.h"

static int setup(void **state)
{
    (void)state;
    return bt_start("connectors/bcb_fx_flow/routes.json", "/fx");
}

static int teardown(void **state)
{
    (void)state;
    return bt_stop();
}

static void test_connector(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_fx_flow");
    assert_non_null(c);
    assert_int_equal(c->max_days, 3650);
    assert_true(c->overlap_days >= 365); /* whole-year revisions (January 2023) */
    mf_error e;
    assert_int_equal(c->check_key("22704", &e), 0); /* syntax only */
    assert_int_equal(c->check_key("fluxo", &e), MF_EINVAL);
    assert_non_null(strstr(e.msg, "bcb_fx_flow key 'fluxo'"));
    char buf[16];
    c->request_of("99999", buf, sizeof buf);
    assert_string_equal(buf, "99999");
}

static void test_fetch_and_revision(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_fx_flow");
    mf_conn_rows rows = {0};
    mf_error e;
    if (bt_fetch_with(c, NULL, "99999", "2024-01-01", "2024-01-31", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 2);
    bt_expect(&rows, "99999", "2024-01-05", -512.3, NULL);
    /* the re-read of the overlap window (a new run: a new cache) sees the revision */
    mf_conn_rows_clear(&rows);
    if (bt_fetch_with(c, NULL, "99999", "2024-01-01", "2024-01-31", &rows, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(rows.n, 3);
    bt_expect(&rows, "99999", "2024-01-05", -498.7, NULL);
    bt_expect(&rows, "99999", "2024-01-19", 220.0, NULL);
    mf_conn_rows_clear(&rows);
    assert_int_equal(bt_fetch_with(c, NULL, "99999", "1990-01-01", "1990-12-31", &rows, &e), 0);
    assert_int_equal(rows.n, 0);
    mf_conn_rows_free(&rows);
}

static void test_fetch_errors(void **state)
{
    (void)state;
    const mf_connector *c = mf_connector_find("bcb_fx_flow");
    mf_conn_rows rows = {0};
    mf_error e;
    assert_int_not_equal(bt_fetch_with(c, NULL, "99998", "2000-01-01", "2024-01-31", &rows, &e), 0);
    const char *p1[] = {"bcb_fx_flow 99998: HTTP 406", "no máximo, 10 anos", NULL};
    bt_expect_msg(&e, p1);
    assert_int_not_equal(bt_fetch_with(c, NULL, "99997", "2024-01-01", "2024-01-31", &rows, &e), 0);
    const char *p2[] = {"bcb_fx_flow 99997: row 1: value '-512,3' is not a number with '.'", NULL};
    bt_expect_msg(&e, p2);
    mf_conn_rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connector),
        cmocka_unit_test(test_fetch_and_revision),
        cmocka_unit_test(test_fetch_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
