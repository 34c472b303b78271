/*
 * calendar.h - market holiday calendars and business-day arithmetic.
 *
 * Exports: mf_calendar (an opaque, immutable calendar of one market), its registry lookup
 * mf_calendar_new() by name, business-day tests, adjustment by convention (mf_bdc), advancing
 * by N business days, counting business days (the Brazilian `du`), holiday listings, and
 * mf_calendar_require_business_day() for inputs that must fall on one.
 *
 * The calendars ("br", "b3", "us-gov", "nyse", "us-fed"; see mf_calendar_info()) cover
 * 1990-01-01 .. 2099-12-31. A calendar is built once (about 160 KiB, a few hundred
 * microseconds) and then answers every query in O(1) or O(log n): build one per process or
 * per run and pass it down. Dates outside the range give MF_ERANGE, never a guess.
 * A calendar is read-only after mf_calendar_new(), so it may be shared between threads.
 */
#ifndef MF_CORE_CALENDAR_H
#define MF_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"

#define MF_CALENDAR_FIRST_YEAR 1990
#define MF_CALENDAR_LAST_YEAR  2099

typedef struct mf_calendar mf_calendar;

/* A named closure. `name` is a static English string ("Carnival Monday"). */
typedef struct mf_holiday {
    mf_date date;
    const char *name;
} mf_holiday;

/* Business-day conventions (ISDA 2006 section 4.12; QuantLib's BusinessDayConvention). */
typedef enum mf_bdc {
    MF_BDC_UNADJUSTED,         /* the date itself */
    MF_BDC_FOLLOWING,          /* the first business day on or after */
    MF_BDC_MODIFIED_FOLLOWING, /* following, unless that changes month: then preceding */
    MF_BDC_PRECEDING,          /* the last business day on or before */
    MF_BDC_MODIFIED_PRECEDING  /* preceding, unless that changes month: then following */
} mf_bdc;

/* What the registry knows of one calendar. All strings static. */
typedef struct mf_calendar_about {
    const char *name;        /* registry name: "br" */
    const char *description; /* one line: what it is and whose rules it follows */
} mf_calendar_about;

/* Number of registered calendars, and the i-th of them (i < count), for listings and help. */
size_t mf_calendar_count(void);
const mf_calendar_about *mf_calendar_info(size_t i);

/*
 * Builds the calendar registered as name. MF_ENOTFOUND with a message listing the known names
 * when there is none. On success *out receives the calendar: caller owns it; free with
 * mf_calendar_free().
 */
int mf_calendar_new(const char *name, mf_calendar **out, mf_error *err);

/* Releases cal; NULL is allowed. */
void mf_calendar_free(mf_calendar *cal);

/* The registry name of cal ("br"). Borrowed: valid as long as the program runs. */
const char *mf_calendar_name(const mf_calendar *cal);

/* First and last date cal covers (1990-01-01 and 2099-12-31). */
mf_date mf_calendar_first_date(const mf_calendar *cal);
mf_date mf_calendar_last_date(const mf_calendar *cal);

/*
 * Sets *out to whether d is a business day (not a weekend, not a holiday).
 * MF_ERANGE when d is outside the calendar's range.
 */
int mf_calendar_is_business_day(const mf_calendar *cal, mf_date d, bool *out, mf_error *err);

/*
 * The name of the holiday on d, or NULL when d is no holiday (weekends are no holidays, and
 * dates outside the range have none). Borrowed static string.
 */
const char *mf_calendar_holiday_name(const mf_calendar *cal, mf_date d);

/*
 * 0 when d is a business day of cal; otherwise MF_EINVAL saying why, after what names the
 * date: "curve date 2026-01-01 is not a business day (Confraternizacao Universal)" or
 * "(weekend)". MF_ERANGE when d is outside the calendar's range.
 */
int mf_calendar_require_business_day(const mf_calendar *cal, mf_date d, const char *what,
                                     mf_error *err);

/*
 * Moves d to a business day by convention bdc. MF_ERANGE when d, or the day the convention
 * needs to reach, lies outside the range. *out written only on success.
 */
int mf_calendar_adjust(const mf_calendar *cal, mf_date d, mf_bdc bdc, mf_date *out, mf_error *err);

/*
 * The n-th business day after d (n > 0) or before d (n < 0), counting from d whether or not d
 * is itself a business day; n = 0 gives d adjusted by MF_BDC_FOLLOWING (QuantLib's advance).
 * MF_ERANGE when the result would leave the range.
 */
int mf_calendar_advance(const mf_calendar *cal, mf_date d, int32_t n, mf_date *out, mf_error *err);

/*
 * Counts business days d with start <= d < end: the Brazilian `du` between a trade date and
 * a maturity (so a 1-day business-day operation from a business day counts 1). When end is
 * before start the count is negative: -(business days in [end, start)). O(1).
 * MF_ERANGE unless both dates lie in the range.
 */
int mf_calendar_bizdays(const mf_calendar *cal, mf_date start, mf_date end, int32_t *out,
                        mf_error *err);

/*
 * The holidays dated from..to inclusive, in date order, including those that fall on a
 * weekend. *first points into the calendar's own table. Borrowed: valid until
 * mf_calendar_free(cal). MF_ERANGE unless both dates lie in the range; MF_EINVAL if to < from.
 */
int mf_calendar_holidays(const mf_calendar *cal, mf_date from, mf_date to, const mf_holiday **first,
                         size_t *n, mf_error *err);

/* Parses "unadjusted", "following", "modified-following", "preceding", "modified-preceding". */
int mf_bdc_parse(const char *s, mf_bdc *out, mf_error *err);

/* The name mf_bdc_parse() accepts for bdc. Static string. */
const char *mf_bdc_name(mf_bdc bdc);

#endif
