/*
 * date.h - civil dates as day serials, strict parsing and formatting, calendar arithmetic.
 *
 * Exports: mf_date (days since 1970-01-01, proleptic Gregorian), construction from and to
 * year/month/day, strict ISO (YYYY-MM-DD) and Brazilian (dd/mm/yyyy) parsing and formatting,
 * weekdays, adding days/months/years with end-of-month rules, period ends and ISO weeks.
 *
 * Supported years are 1..9999 (MF_DATE_MIN..MF_DATE_MAX); every function that can leave that
 * range reports MF_ERANGE instead. Dates carry no time of day and no time zone.
 */
#ifndef MF_CORE_DATE_H
#define MF_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* A civil date: number of days since 1970-01-01 (negative before). */
typedef int32_t mf_date;

#define MF_DATE_MIN (-719162) /* 0001-01-01 */
#define MF_DATE_MAX 2932896   /* 9999-12-31 */

/* Buffer sizes (with the NUL) for mf_date_format_iso() and mf_date_format_br(). */
#define MF_DATE_ISO_SIZE 11
#define MF_DATE_BR_SIZE  11

/* ISO 8601 weekday numbers: Monday = 1 ... Sunday = 7. */
typedef enum mf_weekday {
    MF_MONDAY = 1,
    MF_TUESDAY,
    MF_WEDNESDAY,
    MF_THURSDAY,
    MF_FRIDAY,
    MF_SATURDAY,
    MF_SUNDAY
} mf_weekday;

/* True for Gregorian leap years (divisible by 4, except centuries not divisible by 400). */
bool mf_date_is_leap_year(int year);

/* Days in month (1..12) of year: 28..31; 0 for a month outside 1..12. */
int mf_date_days_in_month(int year, int month);

/* True when year/month/day names a real date in years 1..9999. */
bool mf_date_ymd_is_valid(int year, int month, int day);

/*
 * Builds the date year-month-day. Fails with MF_EINVAL (message names the bad part) when the
 * triple is not a real date in years 1..9999; *out is written only on success.
 */
int mf_date_from_ymd(int year, int month, int day, mf_date *out, mf_error *err);

/*
 * The date year-month-day without validation: for literals and values already known valid
 * (tables of holidays). Day 0 and days past the month end roll over arithmetically.
 */
mf_date mf_date_ymd(int year, int month, int day);

/* Splits d into year, month (1..12) and day (1..31); any pointer may be NULL. */
void mf_date_to_ymd(mf_date d, int *year, int *month, int *day);

int mf_date_year(mf_date d);
int mf_date_month(mf_date d);
int mf_date_day(mf_date d);

/* Day of year, 1..366. */
int mf_date_day_of_year(mf_date d);

/* ISO weekday of d (Monday = 1). */
mf_weekday mf_date_weekday(mf_date d);

/* True for Saturday and Sunday. */
bool mf_date_is_weekend(mf_date d);

/* English three-letter weekday name ("Mon") for 1..7; "???" otherwise. Static string. */
const char *mf_weekday_abbrev(mf_weekday wd);

/*
 * Parses exactly "YYYY-MM-DD" from the first len bytes of s (no sign, no spaces, no trailing
 * characters, a real date such as 2024-02-29 but not 2023-02-30). MF_EPARSE with a message
 * quoting the input on failure; *out written only on success.
 */
int mf_date_parse_iso_n(const char *s, size_t len, mf_date *out, mf_error *err);

/* As mf_date_parse_iso_n() on the NUL-terminated s. */
int mf_date_parse_iso(const char *s, mf_date *out, mf_error *err);

/* Parses exactly the Brazilian "dd/mm/yyyy" (two-digit day and month, four-digit year). */
int mf_date_parse_br_n(const char *s, size_t len, mf_date *out, mf_error *err);

/* As mf_date_parse_br_n() on the NUL-terminated s. */
int mf_date_parse_br(const char *s, mf_date *out, mf_error *err);

/*
 * Writes "YYYY-MM-DD" and a NUL into buf (at least MF_DATE_ISO_SIZE bytes) and returns buf.
 * d must lie in MF_DATE_MIN..MF_DATE_MAX (a programmer error otherwise: MF_ASSERT).
 */
char *mf_date_format_iso(mf_date d, char buf[MF_DATE_ISO_SIZE]);

/* Writes "dd/mm/yyyy" and a NUL into buf (at least MF_DATE_BR_SIZE bytes) and returns buf. */
char *mf_date_format_br(mf_date d, char buf[MF_DATE_BR_SIZE]);

/* d + n days; MF_ERANGE when the result leaves years 1..9999. */
int mf_date_add_days(mf_date d, int32_t n, mf_date *out, mf_error *err);

/*
 * d moved by n calendar months. The day is clamped to the target month's length
 * (2024-01-31 + 1 month = 2024-02-29). With end_of_month true, a d that is the last day of its
 * month lands on the last day of the target month (2023-02-28 + 1 month = 2023-03-31), the
 * rule bond schedules use (QuantLib's endOfMonth, ISDA 2006 section 4.11). MF_ERANGE when the
 * result leaves years 1..9999.
 */
int mf_date_add_months(mf_date d, int32_t n, bool end_of_month, mf_date *out, mf_error *err);

/* d moved by n years, as mf_date_add_months() with 12 * n months (2024-02-29 + 1y = 2025-02-28). */
int mf_date_add_years(mf_date d, int32_t n, bool end_of_month, mf_date *out, mf_error *err);

/* First and last day of d's month, quarter and year. */
mf_date mf_date_month_start(mf_date d);
mf_date mf_date_month_end(mf_date d);
mf_date mf_date_quarter_end(mf_date d);
mf_date mf_date_year_end(mf_date d);

/* True when d is the last calendar day of its month. */
bool mf_date_is_month_end(mf_date d);

/* The first date on or after d that falls on weekday last (a week ending on that weekday). */
mf_date mf_date_week_end(mf_date d, mf_weekday last);

/*
 * ISO 8601 week of d: *iso_year (may differ from the calendar year near January 1st) and
 * *week (1..53). Weeks start on Monday; week 1 holds the year's first Thursday.
 */
void mf_date_iso_week(mf_date d, int *iso_year, int *week);

#endif
