/*
 * date.c - civil date arithmetic on day serials.
 *
 * Conversions use the era-based algorithms of H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (days_from_civil / civil_from_days): exact for the proleptic Gregorian calendar,
 * branch-light and free of tables.
 */
#include "core/date.h"

#include <string.h>

#include "core/assert.h"

bool mf_date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int mf_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && mf_date_is_leap_year(year) ? 29 : days[month - 1];
}

bool mf_date_ymd_is_valid(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= mf_date_days_in_month(year, month);
}

mf_date mf_date_ymd(int year, int month, int day)
{
    /* Years start in March so the leap day is the last day of the shifted year. */
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;                         /* [0, 399] */
    int mp = month > 2 ? month - 3 : month + 9;      /* March = 0 */
    int doy = (153 * mp + 2) / 5 + day - 1;          /* [0, 365] */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
    return (mf_date)(era * 146097 + doe - 719468);
}

int mf_date_from_ymd(int year, int month, int day, mf_date *out, mf_error *err)
{
    if (year < 1 || year > 9999)
        return mf_error_set(err, MF_EINVAL, "year %d outside 1..9999", year);
    if (month < 1 || month > 12)
        return mf_error_set(err, MF_EINVAL, "month %d outside 1..12", month);
    if (day < 1 || day > mf_date_days_in_month(year, month))
        return mf_error_set(err, MF_EINVAL, "day %d does not exist in %04d-%02d", day, year, month);
    *out = mf_date_ymd(year, month, day);
    return 0;
}

void mf_date_to_ymd(mf_date d, int *year, int *month, int *day)
{
    int z = d + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;                                      /* [0, 146096] */
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    int yy = yoe + era * 400 + (mm <= 2);
    if (year)
        *year = yy;
    if (month)
        *month = mm;
    if (day)
        *day = dd;
}

int mf_date_year(mf_date d)
{
    int y;
    mf_date_to_ymd(d, &y, NULL, NULL);
    return y;
}

int mf_date_month(mf_date d)
{
    int m;
    mf_date_to_ymd(d, NULL, &m, NULL);
    return m;
}

int mf_date_day(mf_date d)
{
    int dd;
    mf_date_to_ymd(d, NULL, NULL, &dd);
    return dd;
}

int mf_date_day_of_year(mf_date d)
{
    return (int)(d - mf_date_ymd(mf_date_year(d), 1, 1)) + 1;
}

mf_weekday mf_date_weekday(mf_date d)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int r = (int)((d % 7 + 7) % 7); /* 0 = Thursday */
    return (mf_weekday)((r + 3) % 7 + 1);
}

bool mf_date_is_weekend(mf_date d)
{
    return mf_date_weekday(d) >= MF_SATURDAY;
}

const char *mf_weekday_abbrev(mf_weekday wd)
{
    static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return wd >= MF_MONDAY && wd <= MF_SUNDAY ? names[wd - 1] : "???";
}

/* Reads exactly n ASCII digits at s; -1 when any is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Quotes at most 40 bytes of untrusted input in an error message. */
static int parse_error(mf_error *err, const char *s, size_t len, const char *expected)
{
    int shown = len > 40 ? 40 : (int)len;
    return mf_error_set(err, MF_EPARSE, "invalid date '%.*s%s': expected %s", shown, s,
                        len > 40 ? "..." : "", expected);
}

static int finish_parse(const char *s, size_t len, int y, int m, int d, const char *expected,
                        mf_date *out, mf_error *err)
{
    if (y < 0 || m < 0 || d < 0)
        return parse_error(err, s, len, expected);
    if (!mf_date_ymd_is_valid(y, m, d)) {
        int shown = len > 40 ? 40 : (int)len;
        return mf_error_set(err, MF_EPARSE, "invalid date '%.*s': no such day", shown, s);
    }
    *out = mf_date_ymd(y, m, d);
    return 0;
}

int mf_date_parse_iso_n(const char *s, size_t len, mf_date *out, mf_error *err)
{
    static const char expected[] = "YYYY-MM-DD";
    if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
        return parse_error(err, s ? s : "", s ? len : 0, expected);
    return finish_parse(s, len, read_digits(s, 4), read_digits(s + 5, 2), read_digits(s + 8, 2),
                        expected, out, err);
}

int mf_date_parse_iso(const char *s, mf_date *out, mf_error *err)
{
    return mf_date_parse_iso_n(s, s ? strnlen(s, 64) : 0, out, err);
}

int mf_date_parse_br_n(const char *s, size_t len, mf_date *out, mf_error *err)
{
    static const char expected[] = "dd/mm/yyyy";
    if (s == NULL || len != 10 || s[2] != '/' || s[5] != '/')
        return parse_error(err, s ? s : "", s ? len : 0, expected);
    return finish_parse(s, len, read_digits(s + 6, 4), read_digits(s + 3, 2), read_digits(s, 2),
                        expected, out, err);
}

int mf_date_parse_br(const char *s, mf_date *out, mf_error *err)
{
    return mf_date_parse_br_n(s, s ? strnlen(s, 64) : 0, out, err);
}

static void put_digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

char *mf_date_format_iso(mf_date d, char buf[MF_DATE_ISO_SIZE])
{
    MF_ASSERT(d >= MF_DATE_MIN && d <= MF_DATE_MAX);
    int y, m, dd;
    mf_date_to_ymd(d, &y, &m, &dd);
    put_digits(buf, y, 4);
    buf[4] = '-';
    put_digits(buf + 5, m, 2);
    buf[7] = '-';
    put_digits(buf + 8, dd, 2);
    buf[10] = '\0';
    return buf;
}

char *mf_date_format_br(mf_date d, char buf[MF_DATE_BR_SIZE])
{
    MF_ASSERT(d >= MF_DATE_MIN && d <= MF_DATE_MAX);
    int y, m, dd;
    mf_date_to_ymd(d, &y, &m, &dd);
    put_digits(buf, dd, 2);
    buf[2] = '/';
    put_digits(buf + 3, m, 2);
    buf[5] = '/';
    put_digits(buf + 6, y, 4);
    buf[10] = '\0';
    return buf;
}

static int check_range(int64_t d, mf_date *out, mf_error *err)
{
    if (d < MF_DATE_MIN || d > MF_DATE_MAX)
        return mf_error_set(err, MF_ERANGE, "date arithmetic leaves years 1..9999");
    *out = (mf_date)d;
    return 0;
}

int mf_date_add_days(mf_date d, int32_t n, mf_date *out, mf_error *err)
{
    return check_range((int64_t)d + n, out, err);
}

int mf_date_add_months(mf_date d, int32_t n, bool end_of_month, mf_date *out, mf_error *err)
{
    int y, m, dd;
    mf_date_to_ymd(d, &y, &m, &dd);
    int64_t months = (int64_t)y * 12 + (m - 1) + n;
    if (months < 12 || months > 9999LL * 12 + 11)
        return mf_error_set(err, MF_ERANGE, "date arithmetic leaves years 1..9999");
    int ny = (int)(months / 12);
    int nm = (int)(months % 12) + 1;
    int last = mf_date_days_in_month(ny, nm);
    bool was_month_end = dd == mf_date_days_in_month(y, m);
    int nd = (end_of_month && was_month_end) || dd > last ? last : dd;
    *out = mf_date_ymd(ny, nm, nd);
    return 0;
}

int mf_date_add_years(mf_date d, int32_t n, bool end_of_month, mf_date *out, mf_error *err)
{
    if (n > 10000 || n < -10000)
        return mf_error_set(err, MF_ERANGE, "date arithmetic leaves years 1..9999");
    return mf_date_add_months(d, n * 12, end_of_month, out, err);
}

mf_date mf_date_month_start(mf_date d)
{
    return d - mf_date_day(d) + 1;
}

mf_date mf_date_month_end(mf_date d)
{
    int y, m;
    mf_date_to_ymd(d, &y, &m, NULL);
    return mf_date_ymd(y, m, mf_date_days_in_month(y, m));
}

mf_date mf_date_quarter_end(mf_date d)
{
    int y, m;
    mf_date_to_ymd(d, &y, &m, NULL);
    int qm = (m + 2) / 3 * 3;
    return mf_date_ymd(y, qm, mf_date_days_in_month(y, qm));
}

mf_date mf_date_year_end(mf_date d)
{
    return mf_date_ymd(mf_date_year(d), 12, 31);
}

bool mf_date_is_month_end(mf_date d)
{
    return mf_date_month_end(d) == d;
}

mf_date mf_date_week_end(mf_date d, mf_weekday last)
{
    int ahead = ((int)last - (int)mf_date_weekday(d) + 7) % 7;
    return d + ahead;
}

void mf_date_iso_week(mf_date d, int *iso_year, int *week)
{
    /* The Thursday of d's week decides the ISO year; the week number counts from there. */
    mf_date thursday = d - (int)mf_date_weekday(d) + 4;
    int y = mf_date_year(thursday);
    if (iso_year)
        *iso_year = y;
    if (week)
        *week = (int)(thursday - mf_date_ymd(y, 1, 1)) / 7 + 1;
}
