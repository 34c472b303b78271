/*
 * test_repo_curves.c - stored curves on every backend: a curve reads back bit for bit, a
 * second put replaces the first, every invalid field is refused by name and leaves what was
 * stored, unknown codes and dates are told apart, and dates and ranges list in order.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_curves.h"
#include "support/store.h"

static mf_curve_head head_of(const char *code, const char *date)
{
    mf_curve_head h = {.date = mf_test_date(date)};
    snprintf(h.code, sizeof h.code, "%s", code);
    snprintf(h.day_count, sizeof h.day_count, "bus/252");
    snprintf(h.compounding, sizeof h.compounding, "annual");
    snprintf(h.source, sizeof h.source, "b3_di1");
    return h;
}

/* Three vertices of 2026-01-12 with high-entropy values (a DI curve of that day). */
static void three_vertices(const mf_curve_head *h, mf_curve_vertex v[3])
{
    const int32_t bd[3] = {1, 15, 243}, cd[3] = {1, 21, 357};
    const double z[3] = {14.900000000000935, 14.87999999999996, 13.741000000000003};
    const double df[3] = {0.9994489931344083, 0.991776976543135, 0.8832425745892439};
    for (int i = 0; i < 3; i++)
        v[i] = (mf_curve_vertex){bd[i], cd[i], h->date + cd[i], z[i], df[i]};
}

static void put_ok(mf_store *st, const mf_curve_head *h, const mf_curve_vertex *v, size_t n)
{
    mf_error err;
    if (mf_repo_curve_put(st, h, v, n, &err) != 0)
        fail_msg("%s", err.msg);
}

static void a_curve_reads_back_bit_for_bit_and_is_replaced(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_curve_head h = head_of("DI_PRE", "2026-01-12");
    mf_curve_vertex v[3];
    three_vertices(&h, v);
    put_ok(st, &h, v, 3);
    mf_curve_head got;
    mf_curve_vertex *r = NULL;
    size_t n = 0;
    mf_error err;
    assert_int_equal(mf_repo_curve_get(st, "DI_PRE", h.date, &got, &r, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(got.code, "DI_PRE");
    assert_int_equal(got.date, h.date);
    assert_string_equal(got.day_count, "bus/252");
    assert_string_equal(got.compounding, "annual");
    assert_string_equal(got.source, "b3_di1");
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(r[i].tenor_bd, v[i].tenor_bd);
        assert_int_equal(r[i].tenor_cd, v[i].tenor_cd);
        assert_int_equal(r[i].maturity, v[i].maturity);
        assert_memory_equal(&r[i].zero_rate_pct, &v[i].zero_rate_pct, sizeof(double));
        assert_memory_equal(&r[i].discount_factor, &v[i].discount_factor, sizeof(double));
    }
    mf_free(r);

    /* a rebuild with two vertices replaces all three */
    v[1] = v[2];
    v[1].zero_rate_pct = 13.5;
    put_ok(st, &h, v, 2);
    assert_int_equal(mf_repo_curve_get(st, "DI_PRE", h.date, &got, &r, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(r[1].tenor_bd, 243);
    assert_true(r[1].zero_rate_pct == 13.5);
    mf_free(r);
    mf_test_store_close(st);
}

static void unknown_code_and_missing_date_are_told_apart(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_curve_head h = head_of("DI_PRE", "2026-01-12");
    mf_curve_vertex v[3];
    three_vertices(&h, v);
    put_ok(st, &h, v, 3);
    mf_curve_head got;
    mf_curve_vertex *r = NULL;
    size_t n = 7;
    mf_error err;
    assert_int_equal(
        mf_repo_curve_get(st, "DI_PRE", mf_test_date("2026-01-13"), &got, &r, &n, &err),
        MF_ENOTFOUND);
    assert_string_equal(err.msg, "no curve 'DI_PRE' on 2026-01-13");
    assert_int_equal(n, 7);
    assert_int_equal(mf_repo_curve_get(st, "US_ZERO", h.date, &got, &r, &n, &err), MF_ENOTFOUND);
    assert_string_equal(err.msg, "unknown curve 'US_ZERO'");
    assert_int_equal(mf_repo_curve_get(st, "bad code", h.date, &got, &r, &n, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid curve code 'bad code'"));
    bool exists = false;
    assert_int_equal(mf_repo_curve_exists(st, "DI_PRE", &exists, &err), 0);
    assert_true(exists);
    assert_int_equal(mf_repo_curve_exists(st, "US_ZERO", &exists, &err), 0);
    assert_false(exists);
    mf_test_store_close(st);
}

static void invalid_curves_are_refused_and_change_nothing(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_curve_head h = head_of("DI_PRE", "2026-01-12");
    mf_curve_vertex good[3];
    three_vertices(&h, good);
    put_ok(st, &h, good, 3);

    mf_curve_vertex v[3];
    mf_error err;
    mf_curve_head bad = h;
    snprintf(bad.compounding, sizeof bad.compounding, "monthly");
    assert_int_equal(mf_repo_curve_put(st, &bad, good, 3, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve 'DI_PRE': unknown compounding 'monthly': expected "
                                 "simple, annual or continuous");
    bad = h;
    bad.day_count[0] = '\0';
    assert_int_equal(mf_repo_curve_put(st, &bad, good, 3, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve day_count must be 1 to 15 characters");
    bad = h;
    snprintf(bad.code, sizeof bad.code, "DI PRE");
    assert_int_equal(mf_repo_curve_put(st, &bad, good, 3, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid curve code 'DI PRE'"));
    assert_int_equal(mf_repo_curve_put(st, &h, good, 0, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve 'DI_PRE' on 2026-01-12 has no vertices");

    static const struct {
        int field; /* 0 tenor order, 1 maturity, 2 zero NaN, 3 df <= 0, 4 negative tenor */
        const char *message;
    } cases[] = {
        {0, "curve 'DI_PRE' on 2026-01-12: vertex 3: tenor 15 business days is not after 15"},
        {1, "curve 'DI_PRE' on 2026-01-12: vertex 3: maturity 2027-01-05 is not 357 calendar "
            "days after the curve date"},
        {2, "curve 'DI_PRE' on 2026-01-12: vertex 3: zero rate is not finite"},
        {3, "curve 'DI_PRE' on 2026-01-12: vertex 3: discount factor 0 is not finite and "
            "positive"},
        {4, "curve 'DI_PRE' on 2026-01-12: vertex 1 has a negative tenor"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(v, good, sizeof v);
        switch (cases[i].field) {
        case 0: v[2].tenor_bd = 15; break;
        case 1: v[2].maturity++; break;
        case 2: v[2].zero_rate_pct = NAN; break;
        case 3: v[2].discount_factor = 0; break;
        default: v[0].tenor_cd = -1; break;
        }
        assert_int_equal(mf_repo_curve_put(st, &h, v, 3, &err), MF_EINVAL);
        assert_string_equal(err.msg, cases[i].message);
    }
    /* what was stored is still there */
    mf_curve_head got;
    mf_curve_vertex *r = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_curve_get(st, "DI_PRE", h.date, &got, &r, &n, &err), 0);
    assert_int_equal(n, 3);
    mf_free(r);
    mf_test_store_close(st);
}

/* A put inside the caller's transaction that the caller rolls back leaves the old curve. */
static void a_put_rolled_back_by_the_caller_leaves_the_old_curve(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    mf_curve_head h = head_of("DI_PRE", "2026-01-12");
    mf_curve_vertex v[3];
    three_vertices(&h, v);
    put_ok(st, &h, v, 3);
    assert_int_equal(mf_store_begin(st, NULL), 0);
    put_ok(st, &h, v, 1);
    assert_int_equal(mf_store_rollback(st, NULL), 0);
    mf_curve_head got;
    mf_curve_vertex *r = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_curve_get(st, "DI_PRE", h.date, &got, &r, &n, NULL), 0);
    assert_int_equal(n, 3);
    mf_free(r);
    mf_test_store_close(st);
}

static void dates_and_ranges_list_in_order(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    const char *const days[] = {"2026-01-14", "2025-12-30", "2026-01-12"};
    for (int i = 0; i < 3; i++) {
        mf_curve_head h = head_of("DI_PRE", days[i]);
        mf_curve_vertex v[3];
        three_vertices(&h, v);
        put_ok(st, &h, v, 3);
    }
    mf_curve_head other = head_of("DI_OTHER", "2026-01-13");
    mf_curve_vertex v[3];
    three_vertices(&other, v);
    put_ok(st, &other, v, 3);
    mf_date *d = NULL;
    size_t n = 0;
    mf_error err;
    assert_int_equal(mf_repo_curve_dates(st, "DI_PRE", MF_DATE_MIN, MF_DATE_MAX, &d, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(d[0], mf_test_date("2025-12-30"));
    assert_int_equal(d[1], mf_test_date("2026-01-12"));
    assert_int_equal(d[2], mf_test_date("2026-01-14"));
    mf_free(d);
    assert_int_equal(mf_repo_curve_dates(st, "DI_PRE", mf_test_date("2026-01-01"),
                                         mf_test_date("2026-01-13"), &d, &n, &err),
                     0);
    assert_int_equal(n, 1);
    mf_free(d);
    mf_stored_vertex *r = NULL;
    assert_int_equal(
        mf_repo_curve_range(st, "DI_PRE", mf_test_date("2026-01-01"), MF_DATE_MAX, &r, &n, &err),
        0);
    assert_int_equal(n, 6);
    assert_int_equal(r[0].curve_date, mf_test_date("2026-01-12"));
    assert_int_equal(r[0].v.tenor_bd, 1);
    assert_int_equal(r[2].v.tenor_bd, 243);
    assert_int_equal(r[3].curve_date, mf_test_date("2026-01-14"));
    assert_string_equal(r[5].day_count, "bus/252");
    assert_string_equal(r[5].compounding, "annual");
    mf_free(r);
    /* one tenor's stored vertices, by date */
    assert_int_equal(mf_repo_curve_tenor(st, "DI_PRE", 243, MF_DATE_MIN, MF_DATE_MAX, &r, &n, &err),
                     0);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].curve_date, mf_test_date("2025-12-30"));
    assert_int_equal(r[2].curve_date, mf_test_date("2026-01-14"));
    assert_int_equal(r[2].v.tenor_bd, 243);
    assert_true(r[2].v.zero_rate_pct == 13.741000000000003);
    assert_int_equal(r[2].v.maturity, mf_test_date("2026-01-14") + 357);
    mf_free(r);
    assert_int_equal(mf_repo_curve_tenor(st, "DI_PRE", 21, MF_DATE_MIN, MF_DATE_MAX, &r, &n, &err),
                     0);
    assert_int_equal(n, 0);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_curve_reads_back_bit_for_bit_and_is_replaced),
        cmocka_unit_test(unknown_code_and_missing_date_are_told_apart),
        cmocka_unit_test(invalid_curves_are_refused_and_change_nothing),
        cmocka_unit_test(a_put_rolled_back_by_the_caller_leaves_the_old_curve),
        cmocka_unit_test(dates_and_ranges_list_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
