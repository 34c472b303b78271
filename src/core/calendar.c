/*
 * calendar.c - the calendar engine: the registry of markets, and business-day arithmetic
 * over a prefix count of business days.
 *
 * mf_calendar_new() asks the market's rules for the closures of every year in range, sorts
 * them, and builds `bizcount`, where bizcount[i] is the number of business days in
 * [first, first + i). Every query is then O(1) (is-business-day, du count) or one binary
 * search (advance), whatever the distance.
 */
#include "core/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/assert.h"
#include "core/calendars/calendar_int.h"
#include "core/names.h"

/* The registry: one entry per market, in the order help and listings show them. */
static const mf__calendar_rules *const registry[] = {
    &mf__calendar_br,   &mf__calendar_b3,     &mf__calendar_us_gov,
    &mf__calendar_nyse, &mf__calendar_us_fed,
};
#define REGISTRY_SIZE (sizeof registry / sizeof registry[0])

struct mf_calendar {
    const mf__calendar_rules *rules;
    mf_date first, last;
    int32_t ndays;        /* last - first + 1 */
    int32_t *bizcount;    /* ndays + 1 entries, see the file comment */
    mf_holiday *holidays; /* sorted by date, one per date */
    size_t nholidays;
};

size_t mf_calendar_count(void)
{
    return REGISTRY_SIZE;
}

const mf_calendar_about *mf_calendar_info(size_t i)
{
    return i < REGISTRY_SIZE ? &registry[i]->about : NULL;
}

static int by_date(const void *a, const void *b)
{
    mf_date x = ((const mf_holiday *)a)->date, y = ((const mf_holiday *)b)->date;
    return (x > y) - (x < y);
}

/* Collects every year's closures, sorted, one entry per date (the first name wins). */
static void collect_holidays(mf_calendar *cal)
{
    int years = MF_CALENDAR_LAST_YEAR - MF_CALENDAR_FIRST_YEAR + 1;
    size_t cap = (size_t)years * MF__CALENDAR_MAX_PER_YEAR, n = 0;
    mf_holiday *all = mf_calloc(cap, sizeof *all);
    for (int y = MF_CALENDAR_FIRST_YEAR; y <= MF_CALENDAR_LAST_YEAR; y++) {
        size_t k = cal->rules->holidays_of_year(y, all + n);
        MF_ASSERT(k <= MF__CALENDAR_MAX_PER_YEAR);
        n += k;
    }
    /* Rules may list a day twice (two feasts on one date); keep one entry per date. */
    qsort(all, n, sizeof *all, by_date);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (all[i].date < cal->first || all[i].date > cal->last)
            continue;
        if (kept > 0 && all[kept - 1].date == all[i].date)
            continue;
        all[kept++] = all[i];
    }
    cal->holidays = mf_reallocarray(all, kept, sizeof *all);
    cal->nholidays = kept;
}

static void build_bizcount(mf_calendar *cal)
{
    cal->bizcount = mf_calloc((size_t)cal->ndays + 1, sizeof *cal->bizcount);
    size_t h = 0;
    int32_t count = 0;
    for (int32_t i = 0; i < cal->ndays; i++) {
        mf_date d = cal->first + i;
        bool holiday = h < cal->nholidays && cal->holidays[h].date == d;
        if (holiday)
            h++;
        cal->bizcount[i] = count;
        if (!holiday && !mf_date_is_weekend(d))
            count++;
    }
    cal->bizcount[cal->ndays] = count;
}

int mf_calendar_new(const char *name, mf_calendar **out, mf_error *err)
{
    const char *names[REGISTRY_SIZE];
    for (size_t i = 0; i < REGISTRY_SIZE; i++)
        names[i] = registry[i]->about.name;
    int found = mf_names_find(names, REGISTRY_SIZE, name);
    if (found < 0) {
        char known[256];
        return mf_error_set(err, MF_ENOTFOUND, "unknown calendar '%.64s': expected one of %s",
                            name ? name : "(null)",
                            mf_names_join(names, REGISTRY_SIZE, known, sizeof known));
    }
    const mf__calendar_rules *rules = registry[found];
    mf_calendar *cal = mf_calloc(1, sizeof *cal);
    cal->rules = rules;
    cal->first = mf_date_ymd(MF_CALENDAR_FIRST_YEAR, 1, 1);
    cal->last = mf_date_ymd(MF_CALENDAR_LAST_YEAR, 12, 31);
    cal->ndays = cal->last - cal->first + 1;
    collect_holidays(cal);
    build_bizcount(cal);
    *out = cal;
    return 0;
}

void mf_calendar_free(mf_calendar *cal)
{
    if (cal == NULL)
        return;
    mf_free(cal->bizcount);
    mf_free(cal->holidays);
    mf_free(cal);
}

const char *mf_calendar_name(const mf_calendar *cal)
{
    return cal->rules->about.name;
}

mf_date mf_calendar_first_date(const mf_calendar *cal)
{
    return cal->first;
}

mf_date mf_calendar_last_date(const mf_calendar *cal)
{
    return cal->last;
}

static int out_of_range(const mf_calendar *cal, mf_date d, mf_error *err)
{
    char day[MF_DATE_ISO_SIZE] = "?", lo[MF_DATE_ISO_SIZE], hi[MF_DATE_ISO_SIZE];
    if (d >= MF_DATE_MIN && d <= MF_DATE_MAX)
        mf_date_format_iso(d, day);
    return mf_error_set(err, MF_ERANGE, "date '%s' outside the range %s..%s of calendar '%s'", day,
                        mf_date_format_iso(cal->first, lo), mf_date_format_iso(cal->last, hi),
                        cal->rules->about.name);
}

static bool in_range(const mf_calendar *cal, mf_date d)
{
    return d >= cal->first && d <= cal->last;
}

/* Business day test for an index known to be in range. */
static bool is_biz(const mf_calendar *cal, int32_t i)
{
    return cal->bizcount[i + 1] != cal->bizcount[i];
}

int mf_calendar_is_business_day(const mf_calendar *cal, mf_date d, bool *out, mf_error *err)
{
    if (!in_range(cal, d))
        return out_of_range(cal, d, err);
    *out = is_biz(cal, d - cal->first);
    return 0;
}

static const mf_holiday *find_holiday(const mf_calendar *cal, mf_date d)
{
    mf_holiday key = {.date = d, .name = NULL};
    return bsearch(&key, cal->holidays, cal->nholidays, sizeof key, by_date);
}

const char *mf_calendar_holiday_name(const mf_calendar *cal, mf_date d)
{
    const mf_holiday *h = find_holiday(cal, d);
    return h ? h->name : NULL;
}

int mf_calendar_require_business_day(const mf_calendar *cal, mf_date d, const char *what,
                                     mf_error *err)
{
    bool business = false;
    int rc = mf_calendar_is_business_day(cal, d, &business, err);
    if (rc != 0 || business)
        return rc;
    const char *holiday = mf_calendar_holiday_name(cal, d);
    char day[MF_DATE_ISO_SIZE];
    return mf_error_set(err, MF_EINVAL, "%s %s is not a business day (%s)", what,
                        mf_date_format_iso(d, day), holiday ? holiday : "weekend");
}

/* Steps from index i by step (+1/-1) to the nearest business day; -1 when none in range. */
static int32_t seek(const mf_calendar *cal, int32_t i, int step)
{
    while (i >= 0 && i < cal->ndays && !is_biz(cal, i))
        i += step;
    return i >= 0 && i < cal->ndays ? i : -1;
}

int mf_calendar_adjust(const mf_calendar *cal, mf_date d, mf_bdc bdc, mf_date *out, mf_error *err)
{
    if (!in_range(cal, d))
        return out_of_range(cal, d, err);
    int32_t i = d - cal->first, j;
    switch (bdc) {
    case MF_BDC_UNADJUSTED: j = i; break;
    case MF_BDC_FOLLOWING: j = seek(cal, i, +1); break;
    case MF_BDC_PRECEDING: j = seek(cal, i, -1); break;
    case MF_BDC_MODIFIED_FOLLOWING:
        j = seek(cal, i, +1);
        if (j < 0 || mf_date_month(cal->first + j) != mf_date_month(d))
            j = seek(cal, i, -1);
        break;
    case MF_BDC_MODIFIED_PRECEDING:
        j = seek(cal, i, -1);
        if (j < 0 || mf_date_month(cal->first + j) != mf_date_month(d))
            j = seek(cal, i, +1);
        break;
    default: return mf_error_set(err, MF_EINVAL, "unknown business-day convention %d", (int)bdc);
    }
    if (j < 0)
        return mf_error_set(err, MF_ERANGE, "no business day to adjust to within calendar '%s'",
                            cal->rules->about.name);
    *out = cal->first + j;
    return 0;
}

int mf_calendar_advance(const mf_calendar *cal, mf_date d, int32_t n, mf_date *out, mf_error *err)
{
    if (n == 0)
        return mf_calendar_adjust(cal, d, MF_BDC_FOLLOWING, out, err);
    if (!in_range(cal, d))
        return out_of_range(cal, d, err);
    int32_t i = d - cal->first;
    /* The wanted day e is the business day with bizcount[e] == target - 1: for n > 0 the
       n-th after d, for n < 0 the |n|-th before d. */
    int64_t target = n > 0 ? (int64_t)cal->bizcount[i + 1] + n : (int64_t)cal->bizcount[i] + n + 1;
    if (target < 1 || target > cal->bizcount[cal->ndays]) {
        char day[MF_DATE_ISO_SIZE];
        return mf_error_set(err, MF_ERANGE,
                            "advancing '%s' by %d business days leaves calendar '%s' (%d..%d)",
                            mf_date_format_iso(d, day), (int)n, cal->rules->about.name,
                            MF_CALENDAR_FIRST_YEAR, MF_CALENDAR_LAST_YEAR);
    }
    /* First index j with bizcount[j] >= target; the day is j - 1. */
    int32_t lo = 0, hi = cal->ndays;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (cal->bizcount[mid] < target)
            lo = mid + 1;
        else
            hi = mid;
    }
    *out = cal->first + lo - 1;
    return 0;
}

int mf_calendar_bizdays(const mf_calendar *cal, mf_date start, mf_date end, int32_t *out,
                        mf_error *err)
{
    if (!in_range(cal, start))
        return out_of_range(cal, start, err);
    if (!in_range(cal, end))
        return out_of_range(cal, end, err);
    *out = cal->bizcount[end - cal->first] - cal->bizcount[start - cal->first];
    return 0;
}

int mf_calendar_holidays(const mf_calendar *cal, mf_date from, mf_date to, const mf_holiday **first,
                         size_t *n, mf_error *err)
{
    if (!in_range(cal, from))
        return out_of_range(cal, from, err);
    if (!in_range(cal, to))
        return out_of_range(cal, to, err);
    if (to < from) {
        char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
        return mf_error_set(err, MF_EINVAL, "empty date range: '%s' is after '%s'",
                            mf_date_format_iso(from, a), mf_date_format_iso(to, b));
    }
    size_t lo = 0, hi = cal->nholidays;
    while (lo < hi) { /* first holiday dated on or after from */
        size_t mid = lo + (hi - lo) / 2;
        if (cal->holidays[mid].date < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < cal->nholidays && cal->holidays[end].date <= to)
        end++;
    *first = cal->holidays + lo;
    *n = end - lo;
    return 0;
}

/* The names are the table: the enum value is the index. */
static const char *const bdc_names[] = {
    [MF_BDC_UNADJUSTED] = "unadjusted",
    [MF_BDC_FOLLOWING] = "following",
    [MF_BDC_MODIFIED_FOLLOWING] = "modified-following",
    [MF_BDC_PRECEDING] = "preceding",
    [MF_BDC_MODIFIED_PRECEDING] = "modified-preceding",
};

int mf_bdc_parse(const char *s, mf_bdc *out, mf_error *err)
{
    size_t n = sizeof bdc_names / sizeof bdc_names[0];
    int found = mf_names_find(bdc_names, n, s);
    if (found < 0) {
        char known[256];
        return mf_error_set(err, MF_EINVAL,
                            "unknown business-day convention '%.64s': expected one of %s",
                            s ? s : "(null)", mf_names_join(bdc_names, n, known, sizeof known));
    }
    *out = (mf_bdc)found;
    return 0;
}

const char *mf_bdc_name(mf_bdc bdc)
{
    return (unsigned)bdc < sizeof bdc_names / sizeof bdc_names[0] ? bdc_names[bdc] : "?";
}

mf_date mf__calendar_easter(int year)
{
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return mf_date_ymd(year, month, day);
}

mf_date mf__calendar_nth_weekday(int year, int month, mf_weekday wd, int n)
{
    if (n < 0) {
        mf_date last = mf_date_ymd(year, month, mf_date_days_in_month(year, month));
        int back = ((int)mf_date_weekday(last) - (int)wd + 7) % 7;
        return last - back;
    }
    mf_date first = mf_date_ymd(year, month, 1);
    int ahead = ((int)wd - (int)mf_date_weekday(first) + 7) % 7;
    return first + ahead + 7 * (n - 1);
}

size_t mf__calendar_add_observed(mf_holiday *out, mf_date d, const char *name,
                                 const char *observed_name, unsigned rules)
{
    size_t n = 0;
    out[n++] = (mf_holiday){d, name};
    mf_weekday wd = mf_date_weekday(d);
    if (wd == MF_SUNDAY && (rules & MF__OBSERVE_SUNDAY_MONDAY))
        out[n++] = (mf_holiday){d + 1, observed_name};
    else if (wd == MF_SATURDAY && (rules & MF__OBSERVE_SATURDAY_FRIDAY))
        out[n++] = (mf_holiday){d - 1, observed_name};
    return n;
}
