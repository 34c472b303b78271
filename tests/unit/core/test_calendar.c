/*
 * test_calendar.c - src/core/calendar.c and the market rules of src/core/calendars/: every
 * calendar against its QuantLib 1.29 fixture (tests/fixtures/calendar_<name>.csv, written by
 * tests/fixtures/gen/gen_calendars.py) except a table of known differences, each asserted on
 * purpose; br against ANBIMA's own holiday spreadsheet (../shared/reference, read at test
 * time); du hand cases for DI1 futures; and the engine's contracts and error paths.
 */
#include "support/test.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/calendar.h"

/* ---- known differences from QuantLib 1.29 -------------------------------------------------- */

/* Who closes on a known difference: our calendar only, or QuantLib only. */
typedef enum { CLOSED_HERE_ONLY, CLOSED_IN_QUANTLIB_ONLY } closed_by;

/*
 * The day month/day of every year first_year..last_year on which it is a weekday differs
 * between our calendar and QuantLib 1.29, in the direction given. Every other weekday
 * holiday of 1990-2099 must agree. See docs/calendars.md.
 */
typedef struct known_difference {
    const char *calendar;
    int first_year, last_year, month, day;
    closed_by who;
    const char *reason;
} known_difference;

static const known_difference known[] = {
    /* br */
    {"br", 2024, 2099, 11, 20, CLOSED_HERE_ONLY,
     "Black Consciousness Day is national from 2024 (Law 14.759/2023); QuantLib 1.29 predates "
     "the law"},
    /* b3 */
    {"b3", 2020, 2020, 7, 9, CLOSED_IN_QUANTLIB_ONLY,
     "2020: Sao Paulo moved 9 July to May (COVID-19); B3 traded on both days"},
    {"b3", 2020, 2020, 11, 20, CLOSED_IN_QUANTLIB_ONLY,
     "2020: Sao Paulo moved 20 November to May (COVID-19); B3 traded on both days"},
    {"b3", 2022, 2099, 1, 25, CLOSED_IN_QUANTLIB_ONLY,
     "from 2022 B3 trades on the Sao Paulo city anniversary (OC 150/2020-PRE)"},
    {"b3", 2022, 2099, 7, 9, CLOSED_IN_QUANTLIB_ONLY,
     "from 2022 B3 trades on the Sao Paulo state holiday (OC 150/2020-PRE)"},
    {"b3", 2022, 2023, 11, 20, CLOSED_IN_QUANTLIB_ONLY,
     "2022-2023 B3 traded on the municipal 20 November; national (closed in both) from 2024"},
    /* us-gov */
    {"us-gov", 2001, 2001, 9, 11, CLOSED_HERE_ONLY,
     "bond market closed after the attacks (BMA); QuantLib lists no closure"},
    {"us-gov", 2001, 2001, 9, 12, CLOSED_HERE_ONLY,
     "bond market closed after the attacks, reopened 13 September (BMA)"},
    {"us-gov", 2010, 2010, 4, 2, CLOSED_IN_QUANTLIB_ONLY,
     "Good Friday with the employment report: SIFMA 12:00 early close, not a full close"},
    {"us-gov", 2012, 2012, 4, 6, CLOSED_IN_QUANTLIB_ONLY,
     "Good Friday with the employment report: SIFMA 12:00 early close (release 2012-03-21)"},
    {"us-gov", 2021, 2021, 4, 2, CLOSED_IN_QUANTLIB_ONLY,
     "Good Friday with the employment report: SIFMA 12:00 early close (2021 schedule)"},
    {"us-gov", 2023, 2023, 4, 7, CLOSED_IN_QUANTLIB_ONLY,
     "Good Friday with the employment report: SIFMA 12:00 early close (added to QuantLib after "
     "1.29)"},
    {"us-gov", 2026, 2026, 4, 3, CLOSED_IN_QUANTLIB_ONLY,
     "Good Friday with the employment report: SIFMA 12:00 early close (release 2026-03-20)"},
    /* nyse */
    {"nyse", 2025, 2025, 1, 9, CLOSED_HERE_ONLY,
     "NYSE closed for the national day of mourning for President Carter; QuantLib 1.29 predates "
     "it"},
/* us-fed: Juneteenth on a Saturday; the Reserve Banks open the Friday before, QuantLib 1.29
   closes it (it applies the Saturday-to-Friday rule to Juneteenth only). */
#define JUNETEENTH_ON_SATURDAY(y)                                                                  \
    {                                                                                              \
        "us-fed", y, y, 6, 18, CLOSED_IN_QUANTLIB_ONLY,                                            \
            "Juneteenth on a Saturday: the Reserve Banks are open the Friday before"               \
    }
    JUNETEENTH_ON_SATURDAY(2027),
    JUNETEENTH_ON_SATURDAY(2032),
    JUNETEENTH_ON_SATURDAY(2038),
    JUNETEENTH_ON_SATURDAY(2049),
    JUNETEENTH_ON_SATURDAY(2055),
    JUNETEENTH_ON_SATURDAY(2060),
    JUNETEENTH_ON_SATURDAY(2066),
    JUNETEENTH_ON_SATURDAY(2077),
    JUNETEENTH_ON_SATURDAY(2083),
    JUNETEENTH_ON_SATURDAY(2088),
    JUNETEENTH_ON_SATURDAY(2094),
#undef JUNETEENTH_ON_SATURDAY
};
#define NKNOWN (sizeof known / sizeof known[0])

static const char *const calendars[] = {"br", "b3", "us-gov", "nyse", "us-fed"};
#define NCALENDARS (sizeof calendars / sizeof calendars[0])

/* The known difference of calendar on weekday d, or NULL. */
static const known_difference *known_difference_on(const char *calendar, mf_date d)
{
    int y, m, dd;
    mf_date_to_ymd(d, &y, &m, &dd);
    for (size_t i = 0; i < NKNOWN; i++)
        if (strcmp(known[i].calendar, calendar) == 0 && y >= known[i].first_year &&
            y <= known[i].last_year && m == known[i].month && dd == known[i].day)
            return &known[i];
    return NULL;
}

/* ---- the QuantLib fixture -------------------------------------------------------------------- */

typedef struct fixture {
    mf_date *holidays; /* weekday holidays, ascending */
    size_t nholidays;
    struct du_row {
        mf_date start, end;
        int32_t du;
    } * du;
    size_t ndu;
    struct advance_row {
        mf_date d, result;
        int32_t n;
    } * advance;
    size_t nadvance;
    struct adjust_row {
        mf_date d, result[4]; /* following, modified following, preceding, modified preceding */
    } * adjust;
    size_t nadjust;
} fixture;

static void *grow(void *p, size_t n, size_t size)
{
    /* doubling at powers of two keeps appends amortised O(1) */
    if (n == 0 || (n & (n - 1)) == 0)
        return mf_reallocarray(p, n == 0 ? 1 : 2 * n, size);
    return p;
}

static void fixture_load(fixture *fx, const char *calendar)
{
    memset(fx, 0, sizeof *fx);
    char rel[64];
    snprintf(rel, sizeof rel, "calendar_%s.csv", calendar);
    FILE *f = mf_test_fixture_open(rel);
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *c[6];
        int nf = mf_test_split(line, ',', c, 6);
        if (c[0][0] == 'H' && nf == 2) {
            fx->holidays = grow(fx->holidays, fx->nholidays, sizeof *fx->holidays);
            fx->holidays[fx->nholidays++] = mf_test_date(c[1]);
        } else if (c[0][0] == 'D' && nf == 4) {
            fx->du = grow(fx->du, fx->ndu, sizeof *fx->du);
            fx->du[fx->ndu++] =
                (struct du_row){mf_test_date(c[1]), mf_test_date(c[2]), (int32_t)atoi(c[3])};
        } else if (c[0][0] == 'A' && nf == 4) {
            fx->advance = grow(fx->advance, fx->nadvance, sizeof *fx->advance);
            fx->advance[fx->nadvance++] =
                (struct advance_row){mf_test_date(c[1]), mf_test_date(c[3]), (int32_t)atoi(c[2])};
        } else if (c[0][0] == 'J' && nf == 6) {
            fx->adjust = grow(fx->adjust, fx->nadjust, sizeof *fx->adjust);
            struct adjust_row *r = &fx->adjust[fx->nadjust++];
            r->d = mf_test_date(c[1]);
            for (int k = 0; k < 4; k++)
                r->result[k] = mf_test_date(c[2 + k]);
        } else {
            fail_msg("malformed row in fixture '%s': %s", rel, c[0]);
        }
    }
    fclose(f);
    assert_true(fx->nholidays > 1000);
    assert_true(fx->ndu > 1000 && fx->nadvance > 1000 && fx->nadjust > 500);
}

static void fixture_release(fixture *fx)
{
    mf_free(fx->holidays);
    mf_free(fx->du);
    mf_free(fx->advance);
    mf_free(fx->adjust);
}

static bool fixture_is_holiday(const fixture *fx, mf_date d)
{
    size_t lo = 0, hi = fx->nholidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fx->holidays[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < fx->nholidays && fx->holidays[lo] == d;
}

static mf_calendar *open_calendar(const char *name)
{
    mf_calendar *cal = NULL;
    mf_error err;
    if (mf_calendar_new(name, &cal, &err) != 0)
        fail_msg("%s", err.msg);
    return cal;
}

/* Business day in QuantLib's view: not a weekend, not a fixture holiday. */
static bool quantlib_business_day(const fixture *fx, mf_date d)
{
    return !mf_date_is_weekend(d) && !fixture_is_holiday(fx, d);
}

/* True when some known difference of calendar lies in [from, to]. */
static bool known_difference_within(const char *calendar, mf_date from, mf_date to)
{
    for (mf_date d = from; d <= to; d++)
        if (!mf_date_is_weekend(d) && known_difference_on(calendar, d))
            return true;
    return false;
}

/* ---- holidays against QuantLib --------------------------------------------------------------- */

static void every_weekday_holiday_matches_quantlib_except_the_known_differences(void **state)
{
    (void)state;
    for (size_t c = 0; c < NCALENDARS; c++) {
        const char *name = calendars[c];
        fixture fx;
        fixture_load(&fx, name);
        mf_calendar *cal = open_calendar(name);
        size_t seen[NKNOWN] = {0};
        int agreed = 0;
        for (mf_date d = mf_calendar_first_date(cal); d <= mf_calendar_last_date(cal); d++) {
            if (mf_date_is_weekend(d))
                continue;
            bool ours;
            assert_int_equal(mf_calendar_is_business_day(cal, d, &ours, NULL), 0);
            bool ql = quantlib_business_day(&fx, d);
            const known_difference *k = known_difference_on(name, d);
            char iso[MF_DATE_ISO_SIZE];
            mf_date_format_iso(d, iso);
            if (k == NULL) {
                if (ours != ql)
                    fail_msg("calendar '%s' on %s: ours %s, QuantLib %s", name, iso,
                             ours ? "open" : "closed", ql ? "open" : "closed");
                agreed += !ours;
                continue;
            }
            /* A known difference must really be one, in the direction stated. */
            bool want_ours_closed = k->who == CLOSED_HERE_ONLY;
            if (ours == want_ours_closed || ql != want_ours_closed)
                fail_msg("calendar '%s' on %s: expected the known difference '%s'", name, iso,
                         k->reason);
            seen[k - known]++;
        }
        for (size_t i = 0; i < NKNOWN; i++)
            if (strcmp(known[i].calendar, name) == 0 && seen[i] == 0)
                fail_msg("known difference '%s' of '%s' never occurs", known[i].reason, name);
        assert_true(agreed > 1000);
        mf_calendar_free(cal);
        fixture_release(&fx);
    }
}

/* The du count QuantLib gives, corrected for the known differences in [start, end). */
static int32_t expected_du(const char *name, const struct du_row *r)
{
    int32_t du = r->du;
    for (mf_date d = r->start; d < r->end; d++) {
        const known_difference *k = mf_date_is_weekend(d) ? NULL : known_difference_on(name, d);
        if (k)
            du += k->who == CLOSED_HERE_ONLY ? -1 : +1;
    }
    return du;
}

static void du_counts_match_quantlib_corrected_for_known_differences(void **state)
{
    (void)state;
    for (size_t c = 0; c < NCALENDARS; c++) {
        fixture fx;
        fixture_load(&fx, calendars[c]);
        mf_calendar *cal = open_calendar(calendars[c]);
        int corrected = 0;
        for (size_t i = 0; i < fx.ndu; i++) {
            int32_t du = -1, want = expected_du(calendars[c], &fx.du[i]);
            corrected += want != fx.du[i].du;
            assert_int_equal(mf_calendar_bizdays(cal, fx.du[i].start, fx.du[i].end, &du, NULL), 0);
            if (du != want) {
                char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
                fail_msg("calendar '%s' du %s..%s: %d, expected %d (QuantLib %d)", calendars[c],
                         mf_date_format_iso(fx.du[i].start, a), mf_date_format_iso(fx.du[i].end, b),
                         du, want, fx.du[i].du);
            }
            /* antisymmetry: end before start counts negative */
            int32_t back = 0;
            assert_int_equal(mf_calendar_bizdays(cal, fx.du[i].end, fx.du[i].start, &back, NULL),
                             0);
            assert_int_equal(back, -du);
        }
        /* the long spans cross known differences, so the corrections are exercised */
        if (strcmp(calendars[c], "br") == 0 || strcmp(calendars[c], "b3") == 0)
            assert_true(corrected > 50);
        mf_calendar_free(cal);
        fixture_release(&fx);
    }
}

static void advance_matches_quantlib_away_from_known_differences(void **state)
{
    (void)state;
    for (size_t c = 0; c < NCALENDARS; c++) {
        fixture fx;
        fixture_load(&fx, calendars[c]);
        mf_calendar *cal = open_calendar(calendars[c]);
        size_t checked = 0;
        for (size_t i = 0; i < fx.nadvance; i++) {
            const struct advance_row *r = &fx.advance[i];
            mf_date lo = r->d < r->result ? r->d : r->result;
            mf_date hi = r->d < r->result ? r->result : r->d;
            /* Both calendars agree on every day in between, so they must agree on the result. */
            if (known_difference_within(calendars[c], lo, hi))
                continue;
            mf_date got = 0;
            assert_int_equal(mf_calendar_advance(cal, r->d, r->n, &got, NULL), 0);
            if (got != r->result) {
                char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], e[MF_DATE_ISO_SIZE];
                fail_msg("calendar '%s' advance %s by %d: %s, QuantLib %s", calendars[c],
                         mf_date_format_iso(r->d, a), (int)r->n, mf_date_format_iso(got, b),
                         mf_date_format_iso(r->result, e));
            }
            checked++;
        }
        assert_true(checked > fx.nadvance / 2);
        mf_calendar_free(cal);
        fixture_release(&fx);
    }
}

static void adjust_matches_quantlib_for_the_four_conventions(void **state)
{
    (void)state;
    static const mf_bdc bdc[4] = {MF_BDC_FOLLOWING, MF_BDC_MODIFIED_FOLLOWING, MF_BDC_PRECEDING,
                                  MF_BDC_MODIFIED_PRECEDING};
    for (size_t c = 0; c < NCALENDARS; c++) {
        fixture fx;
        fixture_load(&fx, calendars[c]);
        mf_calendar *cal = open_calendar(calendars[c]);
        size_t checked = 0;
        for (size_t i = 0; i < fx.nadjust; i++) {
            const struct adjust_row *r = &fx.adjust[i];
            /* A week either side covers every day any of the conventions looks at. */
            if (known_difference_within(calendars[c], r->d - 10, r->d + 10))
                continue;
            for (int k = 0; k < 4; k++) {
                mf_date got = 0;
                assert_int_equal(mf_calendar_adjust(cal, r->d, bdc[k], &got, NULL), 0);
                if (got != r->result[k]) {
                    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], e[MF_DATE_ISO_SIZE];
                    fail_msg("calendar '%s' adjust %s %s: %s, QuantLib %s", calendars[c],
                             mf_date_format_iso(r->d, a), mf_bdc_name(bdc[k]),
                             mf_date_format_iso(got, b), mf_date_format_iso(r->result[k], e));
                }
            }
            mf_date same = 0;
            assert_int_equal(mf_calendar_adjust(cal, r->d, MF_BDC_UNADJUSTED, &same, NULL), 0);
            assert_int_equal(same, r->d);
            checked++;
        }
        assert_true(checked > fx.nadjust / 2);
        mf_calendar_free(cal);
        fixture_release(&fx);
    }
}

/* ---- known differences, asserted one by one with the day's name ----------------------------- */

static void is_open(const mf_calendar *cal, const char *iso, bool open)
{
    bool biz = !open;
    assert_int_equal(mf_calendar_is_business_day(cal, mf_test_date(iso), &biz, NULL), 0);
    if (biz != open)
        fail_msg("calendar '%s' on %s: expected %s", mf_calendar_name(cal), iso,
                 open ? "open" : "closed");
}

static void holiday_named(const mf_calendar *cal, const char *iso, const char *name)
{
    const char *got = mf_calendar_holiday_name(cal, mf_test_date(iso));
    if (got == NULL || strcmp(got, name) != 0)
        fail_msg("calendar '%s' on %s: holiday '%s', expected '%s'", mf_calendar_name(cal), iso,
                 got ? got : "(none)", name);
}

static void br_closes_on_black_consciousness_day_from_2024(void **state)
{
    (void)state;
    mf_calendar *br = open_calendar("br");
    is_open(br, "2023-11-20", true); /* Monday, not yet national */
    is_open(br, "2024-11-20", false);
    holiday_named(br, "2024-11-20", "Black Consciousness Day");
    holiday_named(br, "2025-03-04", "Carnival Tuesday");
    holiday_named(br, "2000-04-21", "Good Friday"); /* and Tiradentes: first name wins */
    mf_calendar_free(br);
}

static void b3_trades_on_sao_paulo_holidays_from_2022_and_in_2020(void **state)
{
    (void)state;
    mf_calendar *b3 = open_calendar("b3");
    is_open(b3, "2021-01-25", false);
    holiday_named(b3, "2021-01-25", "Sao Paulo City Anniversary");
    is_open(b3, "2021-07-09", false);
    holiday_named(b3, "2021-07-09", "Constitutionalist Revolution");
    is_open(b3, "2019-11-20", false);
    holiday_named(b3, "2019-11-20", "Black Consciousness Day");
    is_open(b3, "2006-11-20", true); /* municipal closure from 2007, as QuantLib */
    is_open(b3, "2020-07-09", true);
    is_open(b3, "2020-11-20", true);
    is_open(b3, "2022-01-25", true);
    is_open(b3, "2023-11-20", true);
    is_open(b3, "2024-07-09", true);
    is_open(b3, "2024-11-20", false); /* national now */
    is_open(b3, "2023-12-29", false); /* Friday before a Sunday 31 December */
    holiday_named(b3, "2023-12-29", "Last Business Day of the Year");
    is_open(b3, "2022-12-30", false);
    is_open(b3, "2024-12-24", false);
    holiday_named(b3, "2024-12-24", "Christmas Eve");
    is_open(b3, "2023-02-22", true); /* Ash Wednesday opens at 13:00 */
    mf_calendar_free(b3);
}

static void us_gov_follows_sifma_full_closes_only(void **state)
{
    (void)state;
    mf_calendar *gov = open_calendar("us-gov");
    is_open(gov, "2001-09-11", false);
    is_open(gov, "2001-09-12", false);
    is_open(gov, "2001-09-13", true);
    holiday_named(gov, "2004-06-11", "Funeral of President Reagan");
    is_open(gov, "2012-10-29", true); /* 12:00 early close */
    holiday_named(gov, "2012-10-30", "Hurricane Sandy");
    holiday_named(gov, "2018-12-05", "Funeral of President George H. W. Bush");
    is_open(gov, "2025-01-09", true); /* Carter: 14:00 early close */
    is_open(gov, "2007-01-02", true);
    is_open(gov, "2026-04-03", true); /* Good Friday, early close */
    is_open(gov, "2015-04-03", true);
    is_open(gov, "2024-03-29", false);
    holiday_named(gov, "2024-03-29", "Good Friday");
    is_open(gov, "2021-12-31", true); /* New Year on Saturday is not moved */
    is_open(gov, "2023-11-10", true); /* Veterans Day on Saturday is not moved */
    holiday_named(gov, "2018-11-12", "Veterans Day (observed)");
    holiday_named(gov, "2022-06-20", "Juneteenth (observed)");
    holiday_named(gov, "2021-12-24", "Christmas Day (observed)");
    holiday_named(gov, "2023-10-09", "Columbus Day");
    is_open(gov, "2021-06-18", true); /* Juneteenth from 2022 */
    mf_calendar_free(gov);
}

static void nyse_observes_saturday_holidays_on_friday_except_new_year(void **state)
{
    (void)state;
    mf_calendar *nyse = open_calendar("nyse");
    holiday_named(nyse, "2025-01-09", "Funeral of President Carter");
    holiday_named(nyse, "1994-04-27", "Funeral of President Nixon");
    holiday_named(nyse, "2007-01-02", "Funeral of President Ford");
    holiday_named(nyse, "2001-09-11", "September 11 attacks");
    is_open(nyse, "2001-09-14", false);
    is_open(nyse, "2001-09-17", true);
    is_open(nyse, "2012-10-29", false);
    is_open(nyse, "2012-10-30", false);
    is_open(nyse, "2021-12-31", true); /* Rule 7.2: year-end Friday stays open */
    holiday_named(nyse, "2026-07-03", "Independence Day (observed)");
    holiday_named(nyse, "2027-06-18", "Juneteenth (observed)");
    holiday_named(nyse, "2023-01-02", "New Year's Day (observed)");
    is_open(nyse, "2023-10-09", true); /* Columbus Day trades */
    is_open(nyse, "2023-11-10", true);
    is_open(nyse, "1997-01-20", true); /* MLK closed from 1998 */
    is_open(nyse, "1998-01-19", false);
    mf_calendar_free(nyse);
}

static void us_fed_moves_sunday_holidays_only(void **state)
{
    (void)state;
    mf_calendar *fed = open_calendar("us-fed");
    is_open(fed, "2027-06-18", true); /* Juneteenth Saturday: open Friday (QuantLib closes) */
    is_open(fed, "2026-07-03", true);
    is_open(fed, "2021-12-24", true);
    holiday_named(fed, "2021-12-25", "Christmas Day"); /* listed although on a Saturday */
    holiday_named(fed, "2022-06-20", "Juneteenth (observed)");
    holiday_named(fed, "2023-01-02", "New Year's Day (observed)");
    is_open(fed, "2024-03-29", true); /* Good Friday */
    is_open(fed, "2025-01-09", true);
    mf_calendar_free(fed);
}

/* ---- br against ANBIMA's spreadsheet ----------------------------------------------------------
 */

static void br_matches_the_anbima_spreadsheet_on_every_weekday(void **state)
{
    (void)state;
    static const char *const rel = "series/anbima_feriados_nacionais_from_2023-12-26.txt";
    char path[1024];
    if (!mf_test_shared_reference_path(path, sizeof path, rel))
        fail_msg("missing shared reference '%s': the shared tree must sit beside the repository",
                 path);
    /* Weekdays the spreadsheet leaves out although they are national holidays. */
    static const char *const omitted[] = {"1990-04-13", "2000-04-21"};
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    mf_calendar *br = open_calendar("br");
    size_t n = 0;
    mf_date *listed = NULL;
    char line[128];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        mf_date d;
        mf_error err;
        if (mf_date_parse_br(line, &d, &err) != 0)
            fail_msg("%s:%d: %s", path, lineno, err.msg);
        listed = grow(listed, n, sizeof *listed);
        listed[n++] = d;
    }
    fclose(f);
    assert_true(n > 1300);
    /* The spreadsheet lists a day twice when two holidays coincide (21/04/2079: Tiradentes on
       Good Friday); it is sorted, so duplicates are neighbours. */
    size_t weekdays = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            assert_true(listed[i - 1] <= listed[i]);
        if (mf_date_is_weekend(listed[i]) || (i > 0 && listed[i - 1] == listed[i]))
            continue;
        bool biz = true;
        assert_int_equal(mf_calendar_is_business_day(br, listed[i], &biz, NULL), 0);
        if (biz) {
            char iso[MF_DATE_ISO_SIZE];
            fail_msg("ANBIMA lists %s, br has it open", mf_date_format_iso(listed[i], iso));
        }
        weekdays++;
    }
    /* And the other way: every weekday holiday of br is in the spreadsheet but the omissions. */
    size_t ours = 0;
    for (mf_date d = mf_calendar_first_date(br); d <= mf_calendar_last_date(br); d++) {
        if (mf_date_is_weekend(d) || mf_calendar_holiday_name(br, d) == NULL)
            continue;
        ours++;
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            found = listed[i] == d;
        char iso[MF_DATE_ISO_SIZE];
        mf_date_format_iso(d, iso);
        bool is_omission = strcmp(iso, omitted[0]) == 0 || strcmp(iso, omitted[1]) == 0;
        if (is_omission)
            assert_false(found); /* a known omission of the spreadsheet, asserted */
        else if (!found)
            fail_msg("br closes on %s (%s), ANBIMA does not list it", iso,
                     mf_calendar_holiday_name(br, d));
    }
    assert_int_equal(ours, weekdays + 2);
    mf_free(listed);
    mf_calendar_free(br);
}

/* ---- DI1 du hand cases ----------------------------------------------------------------------- */

static void di1_du_counts_from_the_anbima_list(void **state)
{
    (void)state;
    /* du = business days in [trade date, maturity), counted by hand from ANBIMA's list. */
    static const struct {
        const char *from, *to;
        int32_t du;
    } cases[] = {
        {"2026-01-12", "2026-02-02", 15},   {"2026-01-12", "2027-01-04", 243},
        {"2026-01-12", "2028-01-03", 494},  {"2026-01-12", "2031-01-02", 1243},
        {"2026-01-12", "2036-01-02", 2495}, {"2025-02-03", "2026-01-02", 230},
        {"2023-02-02", "2024-01-02", 226},  {"2024-11-19", "2024-11-21", 1},
        {"2026-01-12", "2026-01-13", 1},    {"2026-01-12", "2026-01-12", 0},
    };
    mf_calendar *br = open_calendar("br");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t du = -1;
        assert_int_equal(mf_calendar_bizdays(br, mf_test_date(cases[i].from),
                                             mf_test_date(cases[i].to), &du, NULL),
                         0);
        if (du != cases[i].du)
            fail_msg("du %s..%s = %d, expected %d", cases[i].from, cases[i].to, (int)du,
                     (int)cases[i].du);
    }
    mf_calendar_free(br);
}

/* ---- engine contracts and errors ---------------------------------------------------------------
 */

static void registry_lists_the_five_calendars_in_order(void **state)
{
    (void)state;
    assert_int_equal(mf_calendar_count(), NCALENDARS);
    for (size_t i = 0; i < NCALENDARS; i++) {
        const mf_calendar_about *a = mf_calendar_info(i);
        assert_non_null(a);
        assert_string_equal(a->name, calendars[i]);
        assert_true(strlen(a->description) > 10);
        mf_calendar *cal = open_calendar(calendars[i]);
        assert_string_equal(mf_calendar_name(cal), calendars[i]);
        assert_int_equal(mf_calendar_first_date(cal), mf_test_date("1990-01-01"));
        assert_int_equal(mf_calendar_last_date(cal), mf_test_date("2099-12-31"));
        mf_calendar_free(cal);
    }
    assert_null(mf_calendar_info(NCALENDARS));
    mf_calendar_free(NULL);
}

static void unknown_calendar_error_lists_the_known_names(void **state)
{
    (void)state;
    static char sentinel;
    mf_calendar *cal = (mf_calendar *)(void *)&sentinel; /* must stay untouched */
    mf_error err;
    assert_int_equal(mf_calendar_new("bmf", &cal, &err), MF_ENOTFOUND);
    assert_int_equal(err.code, MF_ENOTFOUND);
    assert_string_equal(err.msg,
                        "unknown calendar 'bmf': expected one of br, b3, us-gov, nyse, us-fed");
    assert_ptr_equal(cal, (mf_calendar *)(void *)&sentinel);
    assert_int_equal(mf_calendar_new(NULL, &cal, &err), MF_ENOTFOUND);
    assert_non_null(strstr(err.msg, "'(null)'"));
    assert_int_equal(mf_calendar_new("BR", &cal, NULL), MF_ENOTFOUND); /* names are exact */
}

static void dates_outside_the_range_are_range_errors_naming_date_and_calendar(void **state)
{
    (void)state;
    mf_calendar *cal = open_calendar("b3");
    mf_error err;
    bool biz = true;
    mf_date before = mf_test_date("1989-12-31"), after = mf_test_date("2100-01-01");
    assert_int_equal(mf_calendar_is_business_day(cal, before, &biz, &err), MF_ERANGE);
    assert_string_equal(
        err.msg, "date '1989-12-31' outside the range 1990-01-01..2099-12-31 of calendar 'b3'");
    assert_true(biz); /* output untouched */
    assert_int_equal(mf_calendar_is_business_day(cal, after, &biz, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "'2100-01-01'"));
    mf_date out = 42;
    assert_int_equal(mf_calendar_adjust(cal, after, MF_BDC_FOLLOWING, &out, &err), MF_ERANGE);
    assert_int_equal(mf_calendar_advance(cal, before, 1, &out, &err), MF_ERANGE);
    assert_int_equal(mf_calendar_advance(cal, before, 0, &out, &err), MF_ERANGE);
    assert_int_equal(out, 42);
    int32_t du = 7;
    assert_int_equal(mf_calendar_bizdays(cal, before, mf_test_date("2000-01-03"), &du, &err),
                     MF_ERANGE);
    assert_non_null(strstr(err.msg, "'1989-12-31'"));
    assert_int_equal(mf_calendar_bizdays(cal, mf_test_date("2000-01-03"), after, &du, &err),
                     MF_ERANGE);
    assert_non_null(strstr(err.msg, "'2100-01-01'"));
    assert_int_equal(du, 7);
    const mf_holiday *first = NULL;
    size_t n = 99;
    assert_int_equal(
        mf_calendar_holidays(cal, before, mf_test_date("2000-01-03"), &first, &n, &err), MF_ERANGE);
    assert_int_equal(mf_calendar_holidays(cal, mf_test_date("2000-01-03"), after, &first, &n, &err),
                     MF_ERANGE);
    assert_null(first);
    assert_int_equal(n, 99);
    assert_int_equal(mf_calendar_is_business_day(cal, MF_DATE_MAX + 5, &biz, &err), MF_ERANGE);
    assert_non_null(strstr(err.msg, "date '?'")); /* not even a civil date */
    assert_null(mf_calendar_holiday_name(cal, before));
    mf_calendar_free(cal);
}

static void advancing_beyond_the_range_is_a_range_error(void **state)
{
    (void)state;
    mf_calendar *cal = open_calendar("nyse");
    mf_error err;
    mf_date out = 42;
    assert_int_equal(mf_calendar_advance(cal, mf_test_date("2099-12-30"), 2, &out, &err),
                     MF_ERANGE);
    assert_string_equal(
        err.msg, "advancing '2099-12-30' by 2 business days leaves calendar 'nyse' (1990..2099)");
    assert_int_equal(mf_calendar_advance(cal, mf_test_date("1990-01-03"), -2, &out, &err),
                     MF_ERANGE);
    assert_int_equal(mf_calendar_advance(cal, mf_test_date("2000-01-03"), INT32_MAX, &out, &err),
                     MF_ERANGE);
    assert_int_equal(mf_calendar_advance(cal, mf_test_date("2000-01-03"), INT32_MIN, &out, &err),
                     MF_ERANGE);
    assert_int_equal(out, 42);
    /* the edges themselves are reachable: 2099-12-31 is a Thursday, 1990-01-02 a Tuesday */
    assert_int_equal(mf_calendar_advance(cal, mf_test_date("2099-12-30"), 1, &out, NULL), 0);
    assert_int_equal(out, mf_test_date("2099-12-31"));
    assert_int_equal(mf_calendar_advance(cal, mf_test_date("1990-01-03"), -1, &out, NULL), 0);
    assert_int_equal(out, mf_test_date("1990-01-02"));
    /* 1990-01-01 is New Year's Day: nothing precedes it in range */
    assert_int_equal(
        mf_calendar_adjust(cal, mf_test_date("1990-01-01"), MF_BDC_PRECEDING, &out, &err),
        MF_ERANGE);
    assert_non_null(strstr(err.msg, "no business day to adjust to within calendar 'nyse'"));
    assert_int_equal(
        mf_calendar_adjust(cal, mf_test_date("1990-01-01"), MF_BDC_MODIFIED_PRECEDING, &out, NULL),
        0);
    assert_int_equal(out, mf_test_date("1990-01-02"));
    mf_calendar_free(cal);
}

static void bizdays_is_negative_when_end_is_before_start(void **state)
{
    (void)state;
    mf_calendar *br = open_calendar("br");
    int32_t du = 0;
    /* [2024-11-15 Fri holiday, 2024-11-22 Fri): 18, 19, 21 -> 3 */
    assert_int_equal(
        mf_calendar_bizdays(br, mf_test_date("2024-11-15"), mf_test_date("2024-11-22"), &du, NULL),
        0);
    assert_int_equal(du, 3);
    assert_int_equal(
        mf_calendar_bizdays(br, mf_test_date("2024-11-22"), mf_test_date("2024-11-15"), &du, NULL),
        0);
    assert_int_equal(du, -3);
    assert_int_equal(
        mf_calendar_bizdays(br, mf_test_date("1990-01-01"), mf_test_date("2099-12-31"), &du, NULL),
        0);
    assert_true(du > 27000 && du < 28000);
    mf_calendar_free(br);
}

static void holidays_listing_borrows_the_calendar_table_in_date_order(void **state)
{
    (void)state;
    mf_calendar *cal = open_calendar("us-gov");
    const mf_holiday *first = NULL;
    size_t n = 0;
    assert_int_equal(mf_calendar_holidays(cal, mf_test_date("2021-12-20"),
                                          mf_test_date("2022-01-20"), &first, &n, NULL),
                     0);
    /* 2021-12-24 Christmas (observed), 12-25 Christmas (Saturday), 2022-01-01 New Year
       (Saturday, not moved), 01-17 Martin Luther King Jr. Day */
    assert_int_equal(n, 4);
    assert_int_equal(first[0].date, mf_test_date("2021-12-24"));
    assert_string_equal(first[0].name, "Christmas Day (observed)");
    assert_int_equal(first[1].date, mf_test_date("2021-12-25"));
    assert_string_equal(first[2].name, "New Year's Day");
    assert_string_equal(first[3].name, "Martin Luther King Jr. Day");
    /* borrowed: the same table answers again, and holiday_name agrees */
    const mf_holiday *again = NULL;
    size_t m = 0;
    assert_int_equal(mf_calendar_holidays(cal, mf_test_date("2021-12-24"),
                                          mf_test_date("2021-12-24"), &again, &m, NULL),
                     0);
    assert_int_equal(m, 1);
    assert_ptr_equal(again, first);
    assert_ptr_equal(mf_calendar_holiday_name(cal, first[3].date), first[3].name);
    /* an empty range inside the calendar gives n = 0 */
    assert_int_equal(mf_calendar_holidays(cal, mf_test_date("2022-03-01"),
                                          mf_test_date("2022-03-31"), &again, &m, NULL),
                     0);
    assert_int_equal(m, 0);
    /* whole range: every year has at least its ten fixed-rule holidays */
    assert_int_equal(mf_calendar_holidays(cal, mf_calendar_first_date(cal),
                                          mf_calendar_last_date(cal), &first, &n, NULL),
                     0);
    assert_true(n > 110 * 10);
    for (size_t i = 1; i < n; i++)
        assert_true(first[i - 1].date < first[i].date);
    mf_error err;
    assert_int_equal(mf_calendar_holidays(cal, mf_test_date("2022-01-02"),
                                          mf_test_date("2022-01-01"), &first, &n, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "empty date range: '2022-01-02' is after '2022-01-01'");
    mf_calendar_free(cal);
}

static void holiday_name_is_null_on_business_days_and_weekends(void **state)
{
    (void)state;
    mf_calendar *cal = open_calendar("br");
    assert_null(mf_calendar_holiday_name(cal, mf_test_date("2024-11-19")));
    assert_null(mf_calendar_holiday_name(cal, mf_test_date("2024-11-23"))); /* Saturday */
    holiday_named(cal, "2024-12-25", "Christmas Day");
    holiday_named(cal, "2022-01-01", "New Year's Day"); /* on a Saturday: still listed */
    holiday_named(cal, "2024-05-30", "Corpus Christi");
    mf_calendar_free(cal);
}

static void required_business_days_say_why_not(void **state)
{
    (void)state;
    mf_calendar *cal = open_calendar("br");
    mf_error err;
    assert_int_equal(
        mf_calendar_require_business_day(cal, mf_test_date("2024-11-19"), "curve date", &err), 0);
    assert_int_equal(
        mf_calendar_require_business_day(cal, mf_test_date("2024-12-25"), "curve date", &err),
        MF_EINVAL);
    assert_string_equal(err.msg, "curve date 2024-12-25 is not a business day (Christmas Day)");
    assert_int_equal(
        mf_calendar_require_business_day(cal, mf_test_date("2024-11-23"), "--date", &err),
        MF_EINVAL);
    assert_string_equal(err.msg, "--date 2024-11-23 is not a business day (weekend)");
    assert_int_equal(
        mf_calendar_require_business_day(cal, mf_test_date("2100-01-04"), "curve date", &err),
        MF_ERANGE);
    mf_calendar_free(cal);
}

static void modified_conventions_stay_in_the_month_at_month_ends(void **state)
{
    (void)state;
    mf_calendar *br = open_calendar("br");
    static const struct {
        const char *d;
        mf_bdc bdc;
        const char *want;
    } cases[] = {
        /* 2024-03-30 Saturday, 03-31 Sunday; 03-29 Good Friday */
        {"2024-03-31", MF_BDC_FOLLOWING, "2024-04-01"},
        {"2024-03-31", MF_BDC_MODIFIED_FOLLOWING, "2024-03-28"},
        {"2024-03-29", MF_BDC_MODIFIED_FOLLOWING, "2024-03-28"},
        {"2024-03-31", MF_BDC_PRECEDING, "2024-03-28"},
        {"2024-03-31", MF_BDC_UNADJUSTED, "2024-03-31"},
        /* 2024-09-01 Sunday: preceding leaves the month, modified preceding does not */
        {"2024-09-01", MF_BDC_PRECEDING, "2024-08-30"},
        {"2024-09-01", MF_BDC_MODIFIED_PRECEDING, "2024-09-02"},
        /* 2024-11-30 Saturday */
        {"2024-11-30", MF_BDC_MODIFIED_FOLLOWING, "2024-11-29"},
        {"2024-11-30", MF_BDC_FOLLOWING, "2024-12-02"},
        /* a business day is its own adjustment */
        {"2024-11-29", MF_BDC_MODIFIED_FOLLOWING, "2024-11-29"},
        {"2024-11-29", MF_BDC_PRECEDING, "2024-11-29"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mf_date out = 0;
        assert_int_equal(mf_calendar_adjust(br, mf_test_date(cases[i].d), cases[i].bdc, &out, NULL),
                         0);
        char iso[MF_DATE_ISO_SIZE];
        if (out != mf_test_date(cases[i].want))
            fail_msg("adjust %s %s: %s, expected %s", cases[i].d, mf_bdc_name(cases[i].bdc),
                     mf_date_format_iso(out, iso), cases[i].want);
    }
    mf_date out = 5;
    mf_error err;
    assert_int_equal(mf_calendar_adjust(br, mf_test_date("2024-03-31"), (mf_bdc)17, &out, &err),
                     MF_EINVAL);
    assert_string_equal(err.msg, "unknown business-day convention 17");
    assert_int_equal(out, 5);
    /* advance by 0 is following */
    assert_int_equal(mf_calendar_advance(br, mf_test_date("2024-03-29"), 0, &out, NULL), 0);
    assert_int_equal(out, mf_test_date("2024-04-01"));
    mf_calendar_free(br);
}

static void bdc_names_round_trip_and_bad_names_are_errors(void **state)
{
    (void)state;
    for (int i = MF_BDC_UNADJUSTED; i <= MF_BDC_MODIFIED_PRECEDING; i++) {
        mf_bdc b = (mf_bdc)99;
        assert_int_equal(mf_bdc_parse(mf_bdc_name((mf_bdc)i), &b, NULL), 0);
        assert_int_equal(b, i);
    }
    assert_string_equal(mf_bdc_name((mf_bdc)42), "?");
    static const char *const bad[] = {"Following", "modified following", "mf", "", "following "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mf_bdc b = (mf_bdc)99;
        mf_error err;
        assert_int_equal(mf_bdc_parse(bad[i], &b, &err), MF_EINVAL);
        assert_int_equal(b, 99);
        assert_non_null(strstr(err.msg, "unknown business-day convention '"));
        assert_non_null(strstr(err.msg, "expected one of unadjusted, following"));
    }
    mf_error err;
    mf_bdc b;
    assert_int_equal(mf_bdc_parse(NULL, &b, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "'(null)'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_weekday_holiday_matches_quantlib_except_the_known_differences),
        cmocka_unit_test(du_counts_match_quantlib_corrected_for_known_differences),
        cmocka_unit_test(advance_matches_quantlib_away_from_known_differences),
        cmocka_unit_test(adjust_matches_quantlib_for_the_four_conventions),
        cmocka_unit_test(br_closes_on_black_consciousness_day_from_2024),
        cmocka_unit_test(b3_trades_on_sao_paulo_holidays_from_2022_and_in_2020),
        cmocka_unit_test(us_gov_follows_sifma_full_closes_only),
        cmocka_unit_test(nyse_observes_saturday_holidays_on_friday_except_new_year),
        cmocka_unit_test(us_fed_moves_sunday_holidays_only),
        cmocka_unit_test(br_matches_the_anbima_spreadsheet_on_every_weekday),
        cmocka_unit_test(di1_du_counts_from_the_anbima_list),
        cmocka_unit_test(registry_lists_the_five_calendars_in_order),
        cmocka_unit_test(unknown_calendar_error_lists_the_known_names),
        cmocka_unit_test(dates_outside_the_range_are_range_errors_naming_date_and_calendar),
        cmocka_unit_test(advancing_beyond_the_range_is_a_range_error),
        cmocka_unit_test(bizdays_is_negative_when_end_is_before_start),
        cmocka_unit_test(holidays_listing_borrows_the_calendar_table_in_date_order),
        cmocka_unit_test(holiday_name_is_null_on_business_days_and_weekends),
        cmocka_unit_test(required_business_days_say_why_not),
        cmocka_unit_test(modified_conventions_stay_in_the_month_at_month_ends),
        cmocka_unit_test(bdc_names_round_trip_and_bad_names_are_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
