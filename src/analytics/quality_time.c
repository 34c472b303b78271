/*
 * quality_time.c - the checks of when values arrive (quality_int.h, docs/quality.md):
 * staleness (periods missed after the release lag) and gaps (expected periods with no value
 * inside the window), on the series' country calendar; and the period arithmetic they share.
 */
#include <math.h>

#include "analytics/quality_int.h"

int64_t q_period(char f, mf_date d)
{
    switch (f) {
    case 'W': return ((int64_t)d - ((int64_t)mf_date_weekday(d) - 1)) / 7; /* its Monday */
    case 'M': return (int64_t)mf_date_year(d) * 12 + mf_date_month(d) - 1;
    case 'Q': return (int64_t)mf_date_year(d) * 4 + (mf_date_month(d) - 1) / 3;
    case 'A': return mf_date_year(d);
    default: return d;
    }
}

bool q_business_day(const mf_calendar *cal, mf_date d)
{
    bool open;
    if (cal && mf_calendar_is_business_day(cal, d, &open, NULL) == 0)
        return open;
    return !mf_date_is_weekend(d);
}

/* The last day of the period of d at frequency f (D: d itself, W: the Sunday). */
static mf_date period_end(char f, mf_date d)
{
    switch (f) {
    case 'W': return d + (7 - (int32_t)mf_date_weekday(d));
    case 'M': return mf_date_month_end(d);
    case 'Q': return mf_date_quarter_end(d);
    case 'A': return mf_date_year_end(d);
    default: return d;
    }
}

/* The first day of the period before the one of d. */
static mf_date previous_period(char f, mf_date d)
{
    switch (f) {
    case 'W': return d - 7;
    case 'M': return mf_date_month_start(mf_date_month_start(d) - 1);
    case 'Q': { /* three months back */
        mf_date m = mf_date_month_start(d);
        for (int i = 0; i < 3; i++)
            m = mf_date_month_start(m - 1);
        return m;
    }
    case 'A': return mf_date_ymd(mf_date_year(d) - 1, 1, 1);
    default: return d - 1;
    }
}

static const char *unit_name(char f)
{
    switch (f) {
    case 'W': return "weeks";
    case 'M': return "months";
    case 'Q': return "quarters";
    case 'A': return "years";
    default: return "business days";
    }
}

void q_staleness(const q_series *s, const mf_quality_threshold *t, q_sink *k)
{
    char f = s->info->frequency;
    if (f == 0 || s->n == 0)
        return; /* no expectation to hold it to; never loaded is reported by the runner */
    int lag = s->info->release_lag_days > 0 ? s->info->release_lag_days : 0;
    mf_date last = s->d[s->n - 1];
    /* the latest period whose end plus the release lag is on or before as_of */
    mf_date expected = s->as_of;
    while (period_end(f, expected) + lag > s->as_of)
        expected = previous_period(f, expected);
    double missed = 0;
    if (f == 'D') {
        for (mf_date d = last + 1; d <= expected; d++)
            missed += q_business_day(s->cal, d) ? 1 : 0;
    } else if (q_period(f, expected) > q_period(f, last)) {
        missed = (double)(q_period(f, expected) - q_period(f, last));
    }
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
    q_emit(k, s->info->code, s->info->source, MF_QC_STALENESS, missed, t, &last,
           "%s: last value dated %s; as of %s with a release lag of %d days, %g %s%s%s missed",
           s->info->code, q_iso(last, a), q_iso(s->as_of, b), lag, missed, unit_name(f),
           f == 'D' ? " of " : "",
           f == 'D' ? (s->cal ? mf_calendar_name(s->cal) : "weekdays") : "");
}

void q_gaps(const q_series *s, const mf_quality_threshold *t, q_sink *k)
{
    char f = s->info->frequency ? s->info->frequency : 'D';
    if (s->w0 >= s->n)
        return; /* nothing inside the window: staleness reports it */
    mf_date start = s->d[s->w0], last = s->d[s->n - 1];
    double missing = 0;
    mf_date first_missing = 0;
    size_t i = s->w0;
    if (f == 'D') {
        for (mf_date d = start; d <= last; d++) {
            while (i < s->n && s->d[i] < d)
                i++;
            bool present = i < s->n && s->d[i] == d;
            if (!present && q_business_day(s->cal, d)) {
                if (missing == 0)
                    first_missing = d;
                missing++;
            }
        }
    } else {
        int64_t prev = q_period(f, start);
        for (i = s->w0 + 1; i < s->n; i++) {
            int64_t p = q_period(f, s->d[i]);
            if (p > prev + 1) {
                if (missing == 0)
                    first_missing = period_end(f, s->d[i - 1]) + 1;
                missing += (double)(p - prev - 1);
            }
            prev = p;
        }
    }
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], c[MF_DATE_ISO_SIZE];
    if (missing > 0)
        q_emit(k, s->info->code, s->info->source, MF_QC_GAPS, missing, t, &first_missing,
               "%s: %g %s without a value between %s and %s, the first on %s", s->info->code,
               missing, f == 'D' ? "business days" : unit_name(f), q_iso(start, a), q_iso(last, b),
               q_iso(first_missing, c));
    else
        q_emit(k, s->info->code, s->info->source, MF_QC_GAPS, 0, t, NULL,
               "%s: no %s without a value between %s and %s", s->info->code,
               f == 'D' ? "business days" : unit_name(f), q_iso(start, a), q_iso(last, b));
}
