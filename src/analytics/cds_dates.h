/*
 * cds_dates.h - the dates of a standard (post "Big Bang", 2009) credit default swap: quarterly
 * IMM coupon dates, the step-in and cash-settlement dates, the accrual start, the standard
 * maturity of a tenor (the CDS roll) and the coupon schedule.
 *
 * Exports: MF_CDS_MAX_PERIODS, mf_cds_period, mf_cds_imm_next(), mf_cds_imm_prev(),
 * mf_cds_standard_maturity(), mf_cds_adjust(), mf_cds_step_in(), mf_cds_cash_settle(),
 * mf_cds_accrual_start(), mf_cds_schedule().
 *
 * Conventions (ISDA/Markit "Standard CDS Examples", supporting document for the ISDA CDS
 * Standard Model, 2009, updated 2012; ISDA 2015 semiannual roll; docs/cds.md):
 * - IMM (coupon) dates are the 20th of March, June, September and December, unadjusted; a
 *   coupon is paid on the IMM date adjusted Following on the business-day calendar.
 * - Accrual periods run from one adjusted coupon date to the next (excluded); the last period
 *   ends on the unadjusted maturity and includes it (one day more, ACT/360).
 * - Trade date T; step-in (protection start) T+1 calendar day; cash settlement of the upfront
 *   and the accrued rebate T+3 business days.
 * - The first coupon is the first adjusted coupon date after T+1; the accrual starts at the
 *   adjusted coupon date before it (on or before T+1).
 * - Calendars: a NULL calendar means weekends only (Saturday and Sunday are the only
 *   non-business days), what the ISDA converter and QuantLib's WeekendsOnly use; pass an
 *   mf_calendar (us-gov, nyse...) to also skip holidays. Dates outside a calendar's range give
 *   MF_ERANGE.
 *
 * Nothing here allocates or keeps state.
 */
#ifndef MF_ANALYTICS_CDS_DATES_H
#define MF_ANALYTICS_CDS_DATES_H

#include <stddef.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

/* Longest tenor accepted (years) and the most accrual periods a schedule can hold. */
#define MF_CDS_MAX_YEARS   30
#define MF_CDS_MAX_PERIODS (4 * MF_CDS_MAX_YEARS + 2)

/* One accrual period of the premium leg. */
typedef struct mf_cds_period {
    mf_date accrual_start; /* adjusted coupon date (the accrual start for the first) */
    mf_date accrual_end;   /* adjusted next coupon date; the unadjusted maturity for the last */
    mf_date pay;           /* accrual_end adjusted Following (the adjusted maturity for the last) */
    int days;              /* accrual days: accrual_end - accrual_start, + 1 for the last */
} mf_cds_period;

/* The first IMM date (20 Mar/Jun/Sep/Dec, unadjusted) strictly after d. */
mf_date mf_cds_imm_next(mf_date d);

/* The last IMM date on or before d. */
mf_date mf_cds_imm_prev(mf_date d);

/*
 * The standard maturity of a contract of tenor_months traded on trade (QuantLib's
 * cdsMaturity): from 2015-12-21 on (ISDA's semiannual roll) the anchor is the last IMM date on
 * or before trade, moved back to 20 Mar or 20 Sep when it is 20 Jun or 20 Dec, and the
 * maturity is anchor + tenor + 3 months, so it is always a 20 Jun or 20 Dec and rolls on
 * 20 Mar and 20 Sep (a 5Y traded 2024-11-25 matures 2029-12-20; traded 2025-03-20 it matures
 * 2030-06-20). Before 2015-12-21 contracts rolled quarterly: anchor = the last IMM date.
 * Errors: MF_EINVAL when tenor_months is outside 1..12 * MF_CDS_MAX_YEARS; MF_ERANGE when the
 * result leaves the supported years. *out written only on success.
 */
int mf_cds_standard_maturity(mf_date trade, int tenor_months, mf_date *out, mf_error *err);

/* d adjusted Following on cal (NULL: weekends only). MF_ERANGE outside cal's range. */
int mf_cds_adjust(const mf_calendar *cal, mf_date d, mf_date *out, mf_error *err);

/* The step-in date T+1 (calendar day): protection starts at the start of this day. */
mf_date mf_cds_step_in(mf_date trade);

/* The cash-settlement date, 3 business days after trade on cal (NULL: weekends only). */
int mf_cds_cash_settle(const mf_calendar *cal, mf_date trade, mf_date *out, mf_error *err);

/*
 * The accrual start of a contract traded on trade: the last adjusted IMM date on or before the
 * step-in date T+1 (a trade on Thu 2009-03-19 accrues from Fri 2009-03-20, one on Wed
 * 2009-03-18 from Mon 2008-12-22). *first_pay, when not NULL, receives the first coupon payment
 * date, the next adjusted IMM date. MF_ERANGE outside cal's range.
 */
int mf_cds_accrual_start(const mf_calendar *cal, mf_date trade, mf_date *out, mf_date *first_pay,
                         mf_error *err);

/*
 * The accrual periods of a contract traded on trade maturing on maturity (unadjusted; usually
 * an IMM date, any date from the step-in on is accepted) from the accrual start to maturity, into
 * out[0..*n) (cap entries). The accrual start is mf_cds_accrual_start()'s, except when the step-in
 * falls on the maturity's own coupon date (a trade on 2014-06-19 maturing 2014-06-20): the final
 * period, which includes the maturity, still runs, so the accrual starts a coupon earlier.
 * Errors: MF_EINVAL when maturity is before the step-in date or more than MF_CDS_MAX_YEARS years
 * after trade; MF_ERANGE when cap is too small or a date leaves cal's range. *n is written only
 * on success (out may be partly written on failure).
 */
int mf_cds_schedule(const mf_calendar *cal, mf_date trade, mf_date maturity, mf_cds_period *out,
                    size_t cap, size_t *n, mf_error *err);

#endif
