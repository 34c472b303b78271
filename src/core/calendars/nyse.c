/*
 * nyse.c - the New York Stock Exchange holiday calendar: days with no trading session.
 *
 * Source: NYSE Rule 7.2 ("Holidays") and the holiday schedules NYSE publishes each year
 * (nyse.com/markets/hours-calendars), with the exchange's announcements of unscheduled
 * closures (funerals of former presidents, 11 September 2001, Hurricane Sandy).
 *
 * Rules: New Year's Day, Martin Luther King Jr. Day (third Monday of January, closed from
 * 1998), Washington's Birthday (third Monday of February), Good Friday, Memorial Day (last
 * Monday of May), Juneteenth (19 June, from 2022), Independence Day, Labor Day (first Monday of
 * September), Thanksgiving (fourth Thursday of November) and Christmas Day. A holiday on a
 * Sunday closes the Monday after; one on a Saturday closes the Friday before, except New
 * Year's Day: Rule 7.2 keeps the exchange open on a Friday that ends the yearly accounting
 * period, so 31 December stays a trading day. Columbus Day and Veterans Day are trading days.
 */
#include "core/calendars/calendar_int.h"

/* Unscheduled full closures since 1990. */
static const struct {
    int y, m, d;
    const char *name;
} special[] = {
    {1994, 4, 27, "Funeral of President Nixon"},
    {2001, 9, 11, "September 11 attacks"},
    {2001, 9, 12, "September 11 attacks"},
    {2001, 9, 13, "September 11 attacks"},
    {2001, 9, 14, "September 11 attacks"},
    {2004, 6, 11, "Funeral of President Reagan"},
    {2007, 1, 2, "Funeral of President Ford"},
    {2012, 10, 29, "Hurricane Sandy"},
    {2012, 10, 30, "Hurricane Sandy"},
    {2018, 12, 5, "Funeral of President George H. W. Bush"},
    {2025, 1, 9, "Funeral of President Carter"},
};

static size_t nyse_holidays(int year, mf_holiday *out)
{
    const unsigned both = MF__OBSERVE_SUNDAY_MONDAY | MF__OBSERVE_SATURDAY_FRIDAY;
    size_t n = 0;
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 1, 1), "New Year's Day",
                                   "New Year's Day (observed)", MF__OBSERVE_SUNDAY_MONDAY);
    if (year >= 1998)
        out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 1, MF_MONDAY, 3),
                                "Martin Luther King Jr. Day"};
    out[n++] =
        (mf_holiday){mf__calendar_nth_weekday(year, 2, MF_MONDAY, 3), "Washington's Birthday"};
    out[n++] = (mf_holiday){mf__calendar_easter(year) - 2, "Good Friday"};
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 5, MF_MONDAY, -1), "Memorial Day"};
    if (year >= 2022)
        n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 6, 19), "Juneteenth",
                                       "Juneteenth (observed)", both);
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 7, 4), "Independence Day",
                                   "Independence Day (observed)", both);
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 9, MF_MONDAY, 1), "Labor Day"};
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 11, MF_THURSDAY, 4), "Thanksgiving Day"};
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 12, 25), "Christmas Day",
                                   "Christmas Day (observed)", both);
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (special[i].y == year)
            out[n++] = (mf_holiday){mf_date_ymd(year, special[i].m, special[i].d), special[i].name};
    return n;
}

const mf__calendar_rules mf__calendar_nyse = {
    .about = {.name = "nyse",
              .description = "New York Stock Exchange trading days (NYSE Rule 7.2 and announced "
                             "closures)"},
    .holidays_of_year = nyse_holidays,
};
