/*
 * daycount.h - day count conventions: the day-count numerator and the year fraction of an
 * accrual period.
 *
 * Exports: mf_daycount (the conventions), mf_daycount_parse() and mf_daycount_name() for
 * their names, mf_daycount_ctx (what some conventions need besides the two dates),
 * mf_daycount_days() and mf_daycount_yearfrac().
 *
 * Conventions and their sources (docs/daycount.md has the formulas):
 *
 *   name            enum                        source
 *   "bus/252"       MF_DAYCOUNT_BUS_252         du / 252, du = business days of a calendar
 *                                               (Brazilian market; B3 DI1, ANBIMA LTN/NTN)
 *   "act/360"       MF_DAYCOUNT_ACT_360         ISDA 2006 section 4.16(e)
 *   "act/365f"      MF_DAYCOUNT_ACT_365F        ISDA 2006 section 4.16(d)
 *   "30/360"        MF_DAYCOUNT_30_360          ISDA 2006 section 4.16(f), bond basis
 *   "30e/360"       MF_DAYCOUNT_30E_360         ISDA 2006 section 4.16(g), Eurobond basis
 *   "act/act-isda"  MF_DAYCOUNT_ACT_ACT_ISDA    ISDA 2006 section 4.16(b)
 *   "act/act-icma"  MF_DAYCOUNT_ACT_ACT_ICMA    ICMA Rule Book, Rule 251
 *
 * Reversed periods: for every convention, start > end gives the negative of the fraction of
 * (end, start), and start == end gives 0. QuantLib does the same except for 30/360 bond
 * basis, where it applies the formula to the dates in the order given.
 *
 * Nothing here allocates or keeps state: every function may run on many threads at once.
 */
#ifndef MF_CORE_DAYCOUNT_H
#define MF_CORE_DAYCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

/* The conventions. The values are stable and dense from 0 (usable as table indices). */
typedef enum mf_daycount {
    MF_DAYCOUNT_BUS_252,      /* business days / 252 on ctx->calendar */
    MF_DAYCOUNT_ACT_360,      /* actual days / 360 */
    MF_DAYCOUNT_ACT_365F,     /* actual days / 365 */
    MF_DAYCOUNT_30_360,       /* 30/360 bond basis: QuantLib Thirty360(BondBasis) */
    MF_DAYCOUNT_30E_360,      /* 30E/360 Eurobond basis: QuantLib Thirty360(European) */
    MF_DAYCOUNT_ACT_ACT_ISDA, /* days in leap years / 366 + days in other years / 365 */
    MF_DAYCOUNT_ACT_ACT_ICMA  /* days / (frequency * days in the coupon period) */
} mf_daycount;

#define MF_DAYCOUNT_COUNT 7

/*
 * What a convention needs besides the two dates. Zero-initialise it and fill what the
 * convention uses; the others ignore it, and may be given a NULL ctx.
 *
 * - MF_DAYCOUNT_BUS_252: `calendar`, whose business days are counted. Borrowed: the caller
 *   keeps it alive during the call.
 * - MF_DAYCOUNT_ACT_ACT_ICMA: the regular coupon period the accrual belongs to,
 *   `ref_start` < `ref_end` (QuantLib's refPeriodStart/refPeriodEnd; for a regular coupon the
 *   coupon's own dates, for an irregular first or last coupon the notional regular period that
 *   ends at the first coupon date or starts at the last regular one), and `frequency`, the
 *   coupons per year (1, 2, 3, 4, 6 or 12). The reference period must be about 12/frequency
 *   months long (its days * 12 / 365, rounded, equal 12 / frequency). `end_of_month`: when
 *   true, notional periods built to cover a long stub step from a month end to month ends
 *   (2024-02-29 back 6 months is 2023-08-31, the schedule of an end-of-month bond); false
 *   clamps the day (2023-08-29), as QuantLib's ActualActual(ISMA) does.
 */
typedef struct mf_daycount_ctx {
    const mf_calendar *calendar;
    mf_date ref_start;
    mf_date ref_end;
    int frequency;
    bool end_of_month;
} mf_daycount_ctx;

/*
 * Parses a convention name: "bus/252", "act/360", "act/365f", "30/360", "30e/360",
 * "act/act-isda", "act/act-icma" (exactly, lowercase). MF_EINVAL with a message quoting name
 * and listing the valid names otherwise; *out written only on success.
 */
int mf_daycount_parse(const char *name, mf_daycount *out, mf_error *err);

/* The name mf_daycount_parse() accepts for dc; "?" for a value outside the enum. Static. */
const char *mf_daycount_name(mf_daycount dc);

/*
 * The day-count numerator of the period from start to end: business days d with
 * start <= d < end for BUS/252 (the Brazilian du), 30/360 or 30E/360 days for those, actual
 * days (end - start) for the ACT conventions. Negative when start > end (see the file
 * comment). Only BUS/252 reads ctx (the calendar); ctx may be NULL otherwise.
 *
 * Errors: MF_EINVAL for a dc outside the enum or BUS/252 without a calendar; MF_ERANGE for a
 * date outside MF_DATE_MIN..MF_DATE_MAX, or outside the calendar's range for BUS/252 (the
 * calendar's own message). *out written only on success.
 */
int mf_daycount_days(mf_daycount dc, mf_date start, mf_date end, const mf_daycount_ctx *ctx,
                     int32_t *out, mf_error *err);

/*
 * The year fraction (day count fraction) of the period from start to end under dc, in years:
 * the factor that multiplies an annual rate for the accrual. start == end gives 0,
 * start > end the negative of the fraction from end to start.
 *
 * ACT/ACT ICMA covers accrual periods inside the reference period (regular coupons, short
 * stubs, accrued interest to a settlement date), periods that start before it (long first
 * coupons: the part before ref_start is measured in notional regular periods stepping back
 * from ref_start) and periods that end after it (long last coupons: notional periods
 * stepping forward from ref_end).
 *
 * Errors: MF_EINVAL for a dc outside the enum, BUS/252 without a calendar, ICMA without a
 * reference period (ctx NULL or ref_start >= ref_end), with a frequency not in
 * {1, 2, 3, 4, 6, 12}, with a reference period whose length does not fit the frequency, or
 * with an accrual period that extends beyond the reference period on both sides or starts
 * after its end; MF_ERANGE as for mf_daycount_days(), or when a notional period would leave
 * years 1..9999. *out written only on success.
 */
int mf_daycount_yearfrac(mf_daycount dc, mf_date start, mf_date end, const mf_daycount_ctx *ctx,
                         double *out, mf_error *err);

#endif
