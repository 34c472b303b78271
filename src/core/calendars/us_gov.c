/*
 * us_gov.c - the US government bond market calendar: days on which SIFMA (the Securities
 * Industry and Financial Markets Association; before 2006 The Bond Market Association)
 * recommends a full close for trading U.S. dollar-denominated fixed income. This is the
 * "U.S. Government Securities Business Day" of ISDA and of SOFR-linked contracts.
 *
 * Source: SIFMA's holiday recommendations (sifma.org/resources/general/holiday-schedule) and
 * its announcements of unscheduled closes.
 *
 * Rules: New Year's Day, Martin Luther King Jr. Day (third Monday of January), Washington's
 * Birthday (third Monday of February), Good Friday, Memorial Day (last Monday of May),
 * Juneteenth (19 June, from 2022: SIFMA release of 14 July 2021), Independence Day, Labor Day
 * (first Monday of September), Columbus Day (second Monday of October), Veterans Day
 * (11 November), Thanksgiving (fourth Thursday of November) and Christmas Day.
 * Weekends: a holiday on a Sunday closes the Monday after. One on a Saturday closes the Friday
 * before, except New Year's Day (31 December is the last trading day of the year: SIFMA kept
 * 31 December 2010 a full trading day) and Veterans Day (SIFMA recommended no close on the
 * Friday before a Saturday Veterans Day, e.g. 2000, 2006, 2017).
 * Good Friday is an early close (12:00) instead of a full close in the years the BLS employment
 * report fell on it and SIFMA said so: 2010, 2012, 2015, 2021, 2023 and 2026. Later such years
 * are not known in advance; they are treated as full closes until SIFMA announces otherwise.
 * Unscheduled closes: 11-12 September 2001, the funerals of Presidents Reagan (2004-06-11) and
 * George H. W. Bush (2018-12-05), Hurricane Sandy (2012-10-30; 29 October was a 12:00 early
 * close). For President Carter's funeral (2025-01-09) SIFMA recommended a 14:00 early close,
 * so that day is a business day; so are the days of mourning for Presidents Nixon (1994-04-27)
 * and Ford (2007-01-02), for which no full close is on record.
 */
#include "core/calendars/calendar_int.h"

static const struct {
    int y, m, d;
    const char *name;
} special[] = {
    {2001, 9, 11, "September 11 attacks"},
    {2001, 9, 12, "September 11 attacks"},
    {2004, 6, 11, "Funeral of President Reagan"},
    {2012, 10, 30, "Hurricane Sandy"},
    {2018, 12, 5, "Funeral of President George H. W. Bush"},
};

/* Years in which SIFMA recommended an early close rather than a full close on Good Friday. */
static bool good_friday_is_early_close(int year)
{
    static const int years[] = {2010, 2012, 2015, 2021, 2023, 2026};
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++)
        if (years[i] == year)
            return true;
    return false;
}

static size_t us_gov_holidays(int year, mf_holiday *out)
{
    const unsigned both = MF__OBSERVE_SUNDAY_MONDAY | MF__OBSERVE_SATURDAY_FRIDAY;
    size_t n = 0;
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 1, 1), "New Year's Day",
                                   "New Year's Day (observed)", MF__OBSERVE_SUNDAY_MONDAY);
    out[n++] =
        (mf_holiday){mf__calendar_nth_weekday(year, 1, MF_MONDAY, 3), "Martin Luther King Jr. Day"};
    out[n++] =
        (mf_holiday){mf__calendar_nth_weekday(year, 2, MF_MONDAY, 3), "Washington's Birthday"};
    if (!good_friday_is_early_close(year))
        out[n++] = (mf_holiday){mf__calendar_easter(year) - 2, "Good Friday"};
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 5, MF_MONDAY, -1), "Memorial Day"};
    if (year >= 2022)
        n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 6, 19), "Juneteenth",
                                       "Juneteenth (observed)", both);
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 7, 4), "Independence Day",
                                   "Independence Day (observed)", both);
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 9, MF_MONDAY, 1), "Labor Day"};
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 10, MF_MONDAY, 2), "Columbus Day"};
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 11, 11), "Veterans Day",
                                   "Veterans Day (observed)", MF__OBSERVE_SUNDAY_MONDAY);
    out[n++] = (mf_holiday){mf__calendar_nth_weekday(year, 11, MF_THURSDAY, 4), "Thanksgiving Day"};
    n += mf__calendar_add_observed(out + n, mf_date_ymd(year, 12, 25), "Christmas Day",
                                   "Christmas Day (observed)", both);
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (special[i].y == year)
            out[n++] = (mf_holiday){mf_date_ymd(year, special[i].m, special[i].d), special[i].name};
    return n;
}

const mf__calendar_rules mf__calendar_us_gov = {
    .about = {.name = "us-gov",
              .description = "US government bond market (SIFMA full-close recommendations)"},
    .holidays_of_year = us_gov_holidays,
};
