/*
 * test_date.c - src/core/date.c: serials, parsing, formatting and calendar arithmetic, checked
 * against tests/fixtures/dates.csv (python datetime and QuantLib values) and hand cases.
 */
#include "support/test.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"

static void serial_weekday_iso_week_and_month_arithmetic_match_the_oracles(void **state)
{
    (void)state;
    FILE *f = mf_test_fixture_open("dates.csv");
    char line[512];
    int rows = 0, month_rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "iso,", 4) == 0)
            continue;
        char *c[10];
        assert_int_equal(mf_test_split(line, ',', c, 10), 10);
        mf_date d;
        assert_int_equal(mf_date_parse_iso(c[0], &d, NULL), 0);
        assert_int_equal(d, atoi(c[1]));
        assert_int_equal(mf_date_weekday(d), atoi(c[2]));
        assert_int_equal(mf_date_day_of_year(d), atoi(c[3]));
        int iy, iw;
        mf_date_iso_week(d, &iy, &iw);
        assert_int_equal(iy, atoi(c[4]));
        assert_int_equal(iw, atoi(c[5]));
        char buf[MF_DATE_ISO_SIZE];
        assert_string_equal(mf_date_format_iso(mf_date_month_end(d), buf), c[6]);
        assert_string_equal(mf_date_format_iso(d, buf), c[0]);
        if (c[7][0] != '\0') {
            int n = atoi(c[7]);
            mf_date r;
            assert_int_equal(mf_date_add_months(d, n, false, &r, NULL), 0);
            assert_string_equal(mf_date_format_iso(r, buf), c[8]);
            assert_int_equal(mf_date_add_months(d, n, true, &r, NULL), 0);
            assert_string_equal(mf_date_format_iso(r, buf), c[9]);
            month_rows++;
        }
        rows++;
    }
    fclose(f);
    assert_true(rows > 1000);
    assert_true(month_rows > 1000);
}

static void every_day_round_trips_through_year_month_day(void **state)
{
    (void)state;
    int py = 0, pm = 0, pd = 0;
    mf_date_to_ymd(MF_DATE_MIN - 1, &py, &pm, &pd);
    for (mf_date d = MF_DATE_MIN; d <= MF_DATE_MAX; d++) {
        int y, m, dd;
        mf_date_to_ymd(d, &y, &m, &dd);
        if (mf_date_ymd(y, m, dd) != d || !mf_date_ymd_is_valid(y, m, dd))
            fail_msg("serial %d does not round trip", (int)d);
        /* consecutive serials are consecutive civil days */
        bool next = (y == py && m == pm && dd == pd + 1) || (y == py && m == pm + 1 && dd == 1) ||
                    (y == py + 1 && m == 1 && pm == 12 && dd == 1);
        if (d > MF_DATE_MIN && !next)
            fail_msg("serial %d is not the day after its predecessor", (int)d);
        py = y, pm = m, pd = dd;
    }
}

static void leap_years_follow_the_gregorian_rule(void **state)
{
    (void)state;
    assert_true(mf_date_is_leap_year(2024));
    assert_true(mf_date_is_leap_year(2000));
    assert_true(mf_date_is_leap_year(1600));
    assert_false(mf_date_is_leap_year(1900));
    assert_false(mf_date_is_leap_year(2100));
    assert_false(mf_date_is_leap_year(2023));
    assert_int_equal(mf_date_days_in_month(2024, 2), 29);
    assert_int_equal(mf_date_days_in_month(2023, 2), 28);
    assert_int_equal(mf_date_days_in_month(2023, 4), 30);
    assert_int_equal(mf_date_days_in_month(2023, 13), 0);
}

static void iso_parsing_is_strict(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "2023-02-30",  "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00",  "2024-04-31",
        "2024-1-01",   "2024-01-1",  "24-01-01",   "2024/01/01", "2024-01-01x", " 2024-01-01",
        "2024-01-01 ", "+024-01-01", "2024-0a-01", "",           "0000-01-01",  "2024-01-01T00",
        "2024--1-01",  "20240101",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_date d = 12345;
        mf_error err;
        if (mf_date_parse_iso(bad[i], &d, &err) != MF_EPARSE)
            fail_msg("accepted '%s'", bad[i]);
        assert_int_equal(err.code, MF_EPARSE);
        assert_int_equal(d, 12345); /* output untouched on failure */
        assert_non_null(strstr(err.msg, "invalid date"));
    }
    mf_error err;
    assert_int_equal(mf_date_parse_iso(NULL, &(mf_date){0}, &err), MF_EPARSE);
    mf_date d;
    assert_int_equal(mf_date_parse_iso("2024-02-29", &d, NULL), 0);
    assert_int_equal(d, 19782);
    assert_int_equal(mf_date_parse_iso_n("2024-02-29,1.5", 10, &d, NULL), 0);
    assert_int_equal(d, 19782);
}

static void error_messages_quote_the_input_and_say_what_is_wrong(void **state)
{
    (void)state;
    mf_error err;
    mf_date d;
    mf_date_parse_iso("2023-02-30", &d, &err);
    assert_string_equal(err.msg, "invalid date '2023-02-30': no such day");
    mf_date_parse_iso("2023-2-3", &d, &err);
    assert_string_equal(err.msg, "invalid date '2023-2-3': expected YYYY-MM-DD");
    mf_date_parse_br("2023-02-03", &d, &err);
    assert_string_equal(err.msg, "invalid date '2023-02-03': expected dd/mm/yyyy");
    char longer[200];
    memset(longer, '9', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    mf_date_parse_iso(longer, &d, &err);
    assert_true(strlen(err.msg) < 100); /* untrusted input is quoted, capped */
}

static void brazilian_dates_parse_and_format(void **state)
{
    (void)state;
    mf_date d;
    assert_int_equal(mf_date_parse_br("20/11/2024", &d, NULL), 0);
    assert_int_equal(d, mf_test_date("2024-11-20"));
    char buf[MF_DATE_BR_SIZE];
    assert_string_equal(mf_date_format_br(d, buf), "20/11/2024");
    static const char *const bad[] = {"31/02/2024",  "2/11/2024",  "20/11/24",   "20-11-2024",
                                      "20/11/2024 ", "29/02/2023", "00/01/2024", "01/13/2024"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (mf_date_parse_br(bad[i], &d, NULL) != MF_EPARSE)
            fail_msg("accepted '%s'", bad[i]);
}

static void from_ymd_validates_each_part(void **state)
{
    (void)state;
    mf_error err;
    mf_date d = 7;
    assert_int_equal(mf_date_from_ymd(2023, 2, 29, &d, &err), MF_EINVAL);
    assert_string_equal(err.msg, "day 29 does not exist in 2023-02");
    assert_int_equal(mf_date_from_ymd(2023, 0, 1, &d, &err), MF_EINVAL);
    assert_string_equal(err.msg, "month 0 outside 1..12");
    assert_int_equal(mf_date_from_ymd(10000, 1, 1, &d, &err), MF_EINVAL);
    assert_int_equal(d, 7);
    assert_int_equal(mf_date_from_ymd(2024, 2, 29, &d, NULL), 0);
    assert_int_equal(d, 19782);
}

static void month_arithmetic_clamps_or_keeps_month_end(void **state)
{
    (void)state;
    mf_date r;
    assert_int_equal(mf_date_add_months(mf_test_date("2024-01-31"), 1, false, &r, NULL), 0);
    assert_int_equal(r, mf_test_date("2024-02-29"));
    assert_int_equal(mf_date_add_months(mf_test_date("2023-02-28"), 1, false, &r, NULL), 0);
    assert_int_equal(r, mf_test_date("2023-03-28"));
    assert_int_equal(mf_date_add_months(mf_test_date("2023-02-28"), 1, true, &r, NULL), 0);
    assert_int_equal(r, mf_test_date("2023-03-31"));
    assert_int_equal(mf_date_add_years(mf_test_date("2024-02-29"), 1, false, &r, NULL), 0);
    assert_int_equal(r, mf_test_date("2025-02-28"));
    assert_int_equal(mf_date_add_years(mf_test_date("2024-02-29"), 4, false, &r, NULL), 0);
    assert_int_equal(r, mf_test_date("2028-02-29"));
    assert_int_equal(mf_date_add_months(mf_test_date("2024-03-31"), -1, false, &r, NULL), 0);
    assert_int_equal(r, mf_test_date("2024-02-29"));
    assert_int_equal(mf_date_add_days(mf_test_date("2024-02-28"), 2, &r, NULL), 0);
    assert_int_equal(r, mf_test_date("2024-03-01"));
}

static void arithmetic_past_year_9999_is_a_range_error(void **state)
{
    (void)state;
    mf_date r = 42;
    mf_error err;
    assert_int_equal(mf_date_add_days(MF_DATE_MAX, 1, &r, &err), MF_ERANGE);
    assert_int_equal(mf_date_add_days(MF_DATE_MIN, -1, &r, NULL), MF_ERANGE);
    assert_int_equal(mf_date_add_months(MF_DATE_MAX, 1, false, &r, NULL), MF_ERANGE);
    assert_int_equal(mf_date_add_months(MF_DATE_MIN, -1, false, &r, NULL), MF_ERANGE);
    assert_int_equal(mf_date_add_years(0, INT32_MAX, false, &r, NULL), MF_ERANGE);
    assert_int_equal(mf_date_add_months(0, INT32_MIN, false, &r, NULL), MF_ERANGE);
    assert_int_equal(r, 42);
    assert_int_equal(mf_date_add_days(MF_DATE_MAX, 0, &r, NULL), 0);
    assert_int_equal(r, MF_DATE_MAX);
}

static void period_ends_and_week_ends(void **state)
{
    (void)state;
    mf_date d = mf_test_date("2024-05-15");
    assert_int_equal(mf_date_month_start(d), mf_test_date("2024-05-01"));
    assert_int_equal(mf_date_month_end(d), mf_test_date("2024-05-31"));
    assert_int_equal(mf_date_quarter_end(d), mf_test_date("2024-06-30"));
    assert_int_equal(mf_date_quarter_end(mf_test_date("2024-03-31")), mf_test_date("2024-03-31"));
    assert_int_equal(mf_date_quarter_end(mf_test_date("2024-10-01")), mf_test_date("2024-12-31"));
    assert_int_equal(mf_date_year_end(d), mf_test_date("2024-12-31"));
    assert_true(mf_date_is_month_end(mf_test_date("2024-02-29")));
    assert_false(mf_date_is_month_end(mf_test_date("2023-02-27")));
    /* 2024-05-15 is a Wednesday */
    assert_int_equal(mf_date_weekday(d), MF_WEDNESDAY);
    assert_int_equal(mf_date_week_end(d, MF_FRIDAY), mf_test_date("2024-05-17"));
    assert_int_equal(mf_date_week_end(d, MF_SUNDAY), mf_test_date("2024-05-19"));
    assert_int_equal(mf_date_week_end(d, MF_WEDNESDAY), d);
    assert_true(mf_date_is_weekend(mf_test_date("2024-05-18")));
    assert_false(mf_date_is_weekend(d));
    assert_string_equal(mf_weekday_abbrev(MF_SUNDAY), "Sun");
    assert_string_equal(mf_weekday_abbrev((mf_weekday)0), "???");
}

static void iso_weeks_cross_year_boundaries(void **state)
{
    (void)state;
    int y, w;
    mf_date_iso_week(mf_test_date("2021-01-03"), &y, &w); /* Sunday: week 53 of 2020 */
    assert_int_equal(y, 2020);
    assert_int_equal(w, 53);
    mf_date_iso_week(mf_test_date("2024-12-30"), &y, &w); /* Monday: week 1 of 2025 */
    assert_int_equal(y, 2025);
    assert_int_equal(w, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(serial_weekday_iso_week_and_month_arithmetic_match_the_oracles),
        cmocka_unit_test(every_day_round_trips_through_year_month_day),
        cmocka_unit_test(leap_years_follow_the_gregorian_rule),
        cmocka_unit_test(iso_parsing_is_strict),
        cmocka_unit_test(error_messages_quote_the_input_and_say_what_is_wrong),
        cmocka_unit_test(brazilian_dates_parse_and_format),
        cmocka_unit_test(from_ymd_validates_each_part),
        cmocka_unit_test(month_arithmetic_clamps_or_keeps_month_end),
        cmocka_unit_test(arithmetic_past_year_9999_is_a_range_error),
        cmocka_unit_test(period_ends_and_week_ends),
        cmocka_unit_test(iso_weeks_cross_year_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
