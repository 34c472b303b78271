/*
 * calendar_int.h - what a market's holiday rules provide to the calendar engine
 * (src/core/calendar.c), and the date helpers the rule files share. Private to
 * src/core/calendar.c and src/core/calendars/.
 *
 * A market is one `const mf__calendar_rules` listed in the registry table of calendar.c. Its
 * holidays_of_year() writes every closure of one year, including those on weekends, with its
 * name; the engine sorts, de-duplicates and indexes them.
 */
#ifndef MF_CORE_CALENDAR_INT_H
#define MF_CORE_CALENDAR_INT_H

#include "core/calendar.h"

/* More than any market has in one year. */
#define MF__CALENDAR_MAX_PER_YEAR 32

typedef struct mf__calendar_rules {
    mf_calendar_about about;
    /* Writes the closures of year (1990..2099) into out (room for MF__CALENDAR_MAX_PER_YEAR)
       and returns how many it wrote. */
    size_t (*holidays_of_year)(int year, mf_holiday *out);
} mf__calendar_rules;

extern const mf__calendar_rules mf__calendar_br;
extern const mf__calendar_rules mf__calendar_b3;
extern const mf__calendar_rules mf__calendar_us_gov;
extern const mf__calendar_rules mf__calendar_nyse;
extern const mf__calendar_rules mf__calendar_us_fed;

/* Gregorian Easter Sunday of year (the anonymous algorithm, Meeus "Astronomical Algorithms"
   ch. 8). */
mf_date mf__calendar_easter(int year);

/* The n-th (1..5) weekday wd of month in year; n = -1 gives the last one. */
mf_date mf__calendar_nth_weekday(int year, int month, mf_weekday wd, int n);

/* Weekend observance rules for mf__calendar_add_observed(), combined with |. */
#define MF__OBSERVE_SUNDAY_MONDAY   1u /* a holiday on Sunday closes the Monday after */
#define MF__OBSERVE_SATURDAY_FRIDAY 2u /* a holiday on Saturday closes the Friday before */

/*
 * Writes the holiday d named name into out, and, when d falls on a weekend that the rules
 * move, also the weekday it is observed on, named observed_name ("Christmas Day (observed)").
 * Returns how many entries it wrote (1 or 2). Both names are static strings.
 */
size_t mf__calendar_add_observed(mf_holiday *out, mf_date d, const char *name,
                                 const char *observed_name, unsigned rules);

#endif
