/*
 * us_fed.c - the holiday calendar of the US Federal Reserve Banks (Fedwire, FedACH): the days
 * they are closed.
 *
 * Sources: the federal legal public holidays of 5 U.S.C. 6103 (Juneteenth added by Public Law
 * 117-17 of 17 June 2021) and the Federal Reserve's published holiday schedule
 * (federalreserve.gov/aboutthefed/k8.htm): "For holidays falling on Saturday, Federal Reserve
 * Banks and Branches will be open the preceding Friday"; a holiday on a Sunday is observed on
 * the Monday after.
 *
 * Rules: New Year's Day, Martin Luther King Jr. Day (third Monday of January), Washington's
 * Birthday (third Monday of February), Memorial Day (last Monday of May), Juneteenth (19 June,
 * from 2022: the Reserve Banks stayed open on 18 June 2021, the day after the law), Independence
 * Day, Labor Day (first Monday of September), Columbus Day (second Monday of October), Veterans
 * Day (11 November), Thanksgiving (fourth Thursday of November) and Christmas Day; Sunday
 * holidays move to Monday, Saturday holidays are not moved. Good Friday is a business day.
 * National days of mourning (2004, 2007, 2018, 2025) did not close the Reserve Banks.
 */
#include "core/calendars/calendar_int.h"

static size_t us_fed_holidays(int year, mf_holiday *out)
{
    const unsigned sunday = MF__OBSERVE_SUNDAY_MONDAY;
    size_t n = 0;
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 1, 1), "New Year's Day",
                                   "New Year's Day (observed)", sunday);
    out[n++] =
        (mf_holiday){mf__calendar_nth_weekday(year, 1, MF_MONDAY, 3), "Martin Luther King Jr. Day"};
    out[n++] =
        (mf_holiday){mf__calendar_nth_weekday(year, 2, MF_MONDAY, 3), "Washington's Birthday"};
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 5, MF_MONDAY, -1), "Memorial Day"};
    if (year >= 2022)
        n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 6, 19), "Juneteenth",
                                       "Juneteenth (observed)", sunday);
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 7, 4), "Independence Day",
                                   "Independence Day (observed)", sunday);
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 9, MF_MONDAY, 1), "Labor Day"};
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 10, MF_MONDAY, 2), "Columbus Day"};
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 11, 11), "Veterans Day",
                                   "Veterans Day (observed)", sunday);
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 11, MF_THURSDAY, 4), "Thanksgiving Day"};
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 12, 25), "Christmas Day",
                                   "Christmas Day (observed)", sunday);
    return n;
}

const mf__calendar_rules mf__calendar_us_fed = {
    .about = {.name = "us-fed",
              .description = "US Federal Reserve Banks (federal holidays, Sunday to Monday, "
                             "Saturday not moved)"},
    .holidays_of_year = us_fed_holidays,
};
