/*
 * test_sim_standin.c - the stand-ins of the real catalogue (sim/standin.h): every catalogued
 * series and instrument gets rows of the right kind, and every SIM.* one but the DI1 maturity not
 * yet listed on the end date (SIM.DI1Z27); the same seed gives the same rows and a
 * world ending later never changes a row already public; point in time (nothing before its
 * release, nothing after the world's end, revisions for revised series); coherence across
 * sources (PTAX.USD.SELL vs YF.USDBRL within 1% every day, SGS.1 = PTAX.USD.SELL, SGS.432 vs
 * SGS.4389 within 0.15 pp, UST.PAR.10Y = FRED.DGS10 exactly, SGS.11 the daily factor of
 * SGS.1178); a daily one has a row on every open day of its country's calendar; plausible ranges
 * per unit for the generic ones; bad keys named.
 */
#include "support/test.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "data/catalog.h"
#include "sim/connector.h"
#include "sim/standin.h"
#include "sim/world.h"

#define END   "2026-11-24"
#define EARLY "2015-06-30"

static mf_calendar *br, *us;
static mf_sim_world *world, *early;
static mf_catalog cat; /* the stand-in catalogue */

static int setup(void **state)
{
    (void)state;
    mf_error err;
    if (mf_connector_add(&mf_conn_simulated, &err) != 0 || mf_calendar_new("br", &br, &err) != 0 ||
        mf_calendar_new("us-gov", &us, &err) != 0 ||
        mf_sim_world_new(MF_SIM_DEFAULT_SEED, mf_test_date(END), br, us, &world, &err) != 0 ||
        mf_sim_world_new(MF_SIM_DEFAULT_SEED, mf_test_date(EARLY), br, us, &early, &err) != 0 ||
        mf_catalog_builtin(&cat, &err) != 0 || mf_catalog_stand_in(&cat, &err) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mf_sim_world_free(world);
    mf_sim_world_free(early);
    mf_calendar_free(br);
    mf_calendar_free(us);
    mf_catalog_free(&cat);
    mf_sim_standin_clear();
    return 0;
}

static void rows(const mf_sim_world *w, const char *key, mf_conn_rows *out)
{
    mf_error err;
    mf_conn_rows_clear(out);
    if (mf_sim_standin_rows(w, key, mf_test_date("2005-01-01"), mf_test_date(END), out, &err) != 0)
        fail_msg("%s: %s", key, err.msg);
}

static bool is_stand_in(const char *source_key)
{
    return strchr(source_key, ':') != NULL && mf_sim_standin_is_key(source_key);
}

static void every_series_and_instrument_gets_rows(void **state)
{
    (void)state;
    mf_conn_rows r = {0};
    size_t n_series = 0, n_instruments = 0, n_mapped = 0;
    for (size_t i = 0; i < cat.n_series; i++) {
        const mf_series_info *s = &cat.series[i];
        assert_string_equal(s->source, "simulated");
        assert_true(s->simulated);
        if (strncmp(s->code, "SIM.", 4) == 0)
            continue;
        assert_true(is_stand_in(s->source_key));
        n_series++;
        n_mapped += mf_sim_standin_mapped(s->source_key) != NULL;
        rows(world, s->source_key, &r);
        if (r.n == 0)
            fail_msg("%s (%s): no observations", s->code, s->source_key);
        for (size_t k = 0; k < r.n; k++)
            assert_int_equal(r.v[k].kind, MF_CONN_OBS);
    }
    for (size_t i = 0; i < cat.n_instruments; i++) {
        const mf_instrument *in = &cat.instruments[i];
        if (strncmp(in->ticker, "SIM.", 4) == 0)
            continue;
        assert_true(is_stand_in(in->source_key));
        n_instruments++;
        rows(world, in->source_key, &r);
        if (r.n == 0)
            fail_msg("%s (%s): no prices", in->ticker, in->source_key);
        for (size_t k = 0; k < r.n; k++) {
            assert_int_equal(r.v[k].kind, MF_CONN_PRICE);
            assert_true(r.v[k].close > 0.0 && r.v[k].low <= r.v[k].close &&
                        r.v[k].close <= r.v[k].high);
        }
    }
    assert_int_equal(n_series, 450);
    assert_int_equal(n_instruments, 23);
    assert_true(n_mapped >= 100);
    mf_conn_rows_free(&r);
}

/* A daily stand-in has a row on every open day of its country's calendar (BR, US; weekdays
   elsewhere) between its first and its last row: a US quote of USD/BRL on Carnival carries the
   last value, a Focus daily median repeats the latest weekly survey. */
static void daily_stand_ins_fill_their_calendar(void **state)
{
    (void)state;
    mf_conn_rows r = {0};
    mf_error err;
    size_t n_checked = 0;
    for (size_t i = 0; i < cat.n_series; i++) {
        const mf_series_info *s = &cat.series[i];
        if (s->frequency != 'D' || !is_stand_in(s->source_key))
            continue;
        rows(world, s->source_key, &r);
        if (r.n == 0)
            continue;
        mf_date first = r.v[0].date, last = r.v[0].date;
        for (size_t k = 1; k < r.n; k++) {
            first = r.v[k].date < first ? r.v[k].date : first;
            last = r.v[k].date > last ? r.v[k].date : last;
        }
        const mf_calendar *cal = strcmp(s->country, "BR") == 0   ? br
                                 : strcmp(s->country, "US") == 0 ? us
                                                                 : NULL;
        size_t k = 0; /* rows come in date order (vintages of one date together) */
        for (mf_date d = first; d <= last; d++) {
            bool open = mf_date_weekday(d) <= MF_FRIDAY;
            if (cal && mf_calendar_is_business_day(cal, d, &open, &err) != 0)
                fail_msg("%s", err.msg);
            while (k < r.n && r.v[k].date < d)
                k++;
            if (open && (k == r.n || r.v[k].date != d))
                fail_msg("%s (%s, %s): no row on the open day %d", s->code, s->source_key,
                         s->country, d);
        }
        n_checked++;
    }
    assert_true(n_checked >= 100);
    mf_conn_rows_free(&r);
}

/* The SIM.* rows of the catalogue get data from the world too, with one kind of exception: a
   DI1 maturity the world does not list yet on END (listed: the next 12 months, the quarterly
   F/J/N/V months for 5 years, every January for 11; so on 2026-11-24 only SIM.DI1Z27, listed
   from 2026-12-01). */
static bool has_key(const mf_conn_rows *r, const char *key)
{
    for (size_t k = 0; k < r->n; k++)
        if (strcmp(r->v[k].key, key) == 0)
            return true;
    return false;
}

static void world_rows(const char *request, mf_conn_rows *out)
{
    mf_error err;
    mf_conn_rows_clear(out);
    if (mf_sim_world_rows(world, request, mf_test_date("2005-01-01"), mf_test_date(END), out,
                          &err) != 0)
        fail_msg("%s: %s", request, err.msg);
}

static void every_sim_row_gets_data_but_unlisted_di1(void **state)
{
    (void)state;
    mf_conn_rows di1 = {0}, bonds = {0}, r = {0};
    world_rows(MF_SIM_REQUEST_DI1, &di1);
    world_rows(MF_SIM_REQUEST_BONDS, &bonds);
    size_t n = 0, empty = 0;
    for (size_t i = 0; i < cat.n_series + cat.n_instruments; i++) {
        bool is_series = i < cat.n_series;
        const char *code =
            is_series ? cat.series[i].code : cat.instruments[i - cat.n_series].ticker;
        const char *key =
            is_series ? cat.series[i].source_key : cat.instruments[i - cat.n_series].source_key;
        if (strncmp(code, "SIM.", 4) != 0)
            continue;
        n++;
        char req[64];
        mf_sim_key_request(key, req, sizeof req);
        bool got;
        if (strcmp(req, MF_SIM_REQUEST_DI1) == 0)
            got = has_key(&di1, key);
        else if (strcmp(req, MF_SIM_REQUEST_BONDS) == 0)
            got = has_key(&bonds, key);
        else {
            world_rows(req, &r);
            got = r.n > 0;
        }
        if (got)
            continue;
        empty++;
        if (strcmp(code, "SIM.DI1Z27") != 0)
            fail_msg("%s (%s): no rows in the world ending %s", code, key, END);
    }
    assert_int_equal(n, 99 + 455); /* SIM.* series and instruments */
    assert_int_equal(empty, 1);
    mf_conn_rows_free(&di1);
    mf_conn_rows_free(&bonds);
    mf_conn_rows_free(&r);
}

static bool same_row(const mf_conn_row *a, const mf_conn_row *b)
{
    return strcmp(a->key, b->key) == 0 && a->date == b->date &&
           a->available_at == b->available_at &&
           memcmp(&a->value, &b->value, sizeof a->value) == 0 &&
           memcmp(&a->close, &b->close, sizeof a->close) == 0;
}

/* The same seed and end: the same rows; a world ending at EARLY: exactly the rows of the later
   world that were public by EARLY. */
static void stand_ins_are_deterministic_and_never_rewrite_the_past(void **state)
{
    (void)state;
    mf_error err;
    mf_sim_world *again = NULL;
    assert_int_equal(mf_sim_world_new(MF_SIM_DEFAULT_SEED, mf_test_date(END), br, us, &again, &err),
                     0);
    mf_conn_rows a = {0}, b = {0}, e = {0};
    mf_date cut = mf_test_date(EARLY);
    for (size_t i = 0; i < cat.n_series + cat.n_instruments; i++) {
        const char *key = i < cat.n_series ? cat.series[i].source_key
                                           : cat.instruments[i - cat.n_series].source_key;
        if (!is_stand_in(key))
            continue;
        rows(world, key, &a);
        rows(again, key, &b);
        assert_int_equal(a.n, b.n);
        for (size_t k = 0; k < a.n; k++)
            assert_true(same_row(&a.v[k], &b.v[k]));
        rows(early, key, &e);
        size_t k = 0;
        for (size_t j = 0; j < a.n; j++) {
            if (a.v[j].available_at > cut)
                continue;
            if (k >= e.n || !same_row(&a.v[j], &e.v[k]))
                break;
            k++;
        }
        if (k != e.n)
            fail_msg("%s (%s): %zu rows public by %s agree, the early world has %zu", key,
                     mf_sim_standin_mapped(key) ? mf_sim_standin_mapped(key) : "generic", k, EARLY,
                     e.n);
    }
    /* the world's own keys too (the demo's daily ingest relies on it) */
    const char *extra[] = {MF_SIM_REQUEST_DI1, MF_SIM_REQUEST_BONDS};
    for (size_t i = 0; i < mf_sim_key_count() + 2; i++) {
        const char *key = i < mf_sim_key_count() ? mf_sim_key_at(i) : extra[i - mf_sim_key_count()];
        mf_conn_rows_clear(&a);
        mf_conn_rows_clear(&e);
        assert_int_equal(mf_sim_world_rows(world, key, mf_test_date("2005-01-01"), cut, &a, &err),
                         0);
        assert_int_equal(mf_sim_world_rows(early, key, mf_test_date("2005-01-01"), cut, &e, &err),
                         0);
        size_t k = 0;
        for (size_t j = 0; j < a.n; j++) {
            if (a.v[j].available_at > cut)
                continue;
            if (k >= e.n || !same_row(&a.v[j], &e.v[k]) ||
                memcmp(&a.v[j].settle, &e.v[k].settle, sizeof a.v[j].settle) != 0)
                fail_msg("world %s: the row of %s %d available %d differs in the world ending %s"
                         " (%s %.17g %.17g %.17g / %.17g %.17g %.17g)",
                         key, a.v[j].key, a.v[j].date, a.v[j].available_at, EARLY,
                         k < e.n ? e.v[k].key : "none", a.v[j].close, a.v[j].settle, a.v[j].value,
                         e.v[k].close, e.v[k].settle, e.v[k].value);
            k++;
        }
        if (k != e.n)
            fail_msg("world %s: %zu rows public by %s, the early world has %zu", key, k, EARLY,
                     e.n);
    }
    mf_sim_world_free(again);
    mf_conn_rows_free(&a);
    mf_conn_rows_free(&b);
    mf_conn_rows_free(&e);
}

static const mf_series_info *series(const char *code)
{
    for (size_t i = 0; i < cat.n_series; i++)
        if (strcmp(cat.series[i].code, code) == 0)
            return &cat.series[i];
    fail_msg("no series %s", code);
    return NULL;
}

/* Nothing before its release: a monthly value after its month, a daily one on or after its
   day (plus the lag), none after the world's end; revised series have second vintages. */
static void point_in_time(void **state)
{
    (void)state;
    mf_conn_rows r = {0};
    mf_date end = mf_test_date(END);
    for (size_t i = 0; i < cat.n_series; i++) {
        const mf_series_info *s = &cat.series[i];
        if (!is_stand_in(s->source_key))
            continue;
        rows(world, s->source_key, &r);
        for (size_t k = 0; k < r.n; k++) {
            const mf_conn_row *x = &r.v[k];
            assert_true(x->available_at <= end);
            if (x->available_at < x->date)
                fail_msg("%s: available before its date", s->code);
            /* generic periodic values: after the period (a mapped one keeps the world's rule:
               IGP-M is published inside its month) */
            if ((s->frequency == 'M' || s->frequency == 'Q' || s->frequency == 'A') &&
                !mf_sim_standin_mapped(s->source_key) &&
                x->available_at <= mf_date_month_end(x->date))
                fail_msg("%s %d: available %d before its month ended", s->code, x->date,
                         x->available_at);
            if (s->frequency == 'D' && strncmp(s->code, "FOCUS.", 6) != 0)
                assert_int_equal(x->available_at, x->date + s->release_lag_days);
        }
    }
    static const char *const revised[] = {"SGS.20539", "FRED.PAYEMS", "FRED.GDPC1",
                                          "STN.RTN.RECEITA_TOTAL", "SGS.22701"};
    for (size_t i = 0; i < sizeof revised / sizeof revised[0]; i++) {
        rows(world, series(revised[i])->source_key, &r);
        size_t n_rev = 0;
        for (size_t k = 1; k < r.n; k++)
            n_rev +=
                r.v[k].date == r.v[k - 1].date && r.v[k].available_at > r.v[k - 1].available_at;
        if (n_rev < 10)
            fail_msg("%s: %zu revisions", revised[i], n_rev);
    }
    mf_conn_rows_free(&r);
}

/* Rows of two keys on the same dates: calls check(a, b) on each common date; returns how many. */
static size_t pair(const char *code_a, const char *code_b, bool price_b,
                   void (*check)(const char *, double, double))
{
    mf_conn_rows a = {0}, b = {0};
    rows(world, series(code_a)->source_key, &a);
    if (price_b) {
        for (size_t i = 0; i < cat.n_instruments; i++)
            if (strcmp(cat.instruments[i].ticker, code_b) == 0)
                rows(world, cat.instruments[i].source_key, &b);
    } else {
        rows(world, series(code_b)->source_key, &b);
    }
    size_t j = 0, n = 0;
    for (size_t i = 0; i < a.n; i++) {
        while (j < b.n && b.v[j].date < a.v[i].date)
            j++;
        if (j < b.n && b.v[j].date == a.v[i].date) {
            check(code_a, a.v[i].value, price_b ? b.v[j].close : b.v[j].value);
            n++;
        }
    }
    mf_conn_rows_free(&a);
    mf_conn_rows_free(&b);
    return n;
}

static void within_1pct(const char *what, double a, double b)
{
    if (!(fabs(a / b - 1.0) < 0.01))
        fail_msg("%s: %.6f vs %.6f", what, a, b);
}

static void equal(const char *what, double a, double b)
{
    if (a != b)
        fail_msg("%s: %.17g vs %.17g", what, a, b);
}

static void within_15bp(const char *what, double a, double b)
{
    if (!(fabs(a - b) <= 0.15 + 1e-12))
        fail_msg("%s: %.6f vs %.6f", what, a, b);
}

static void daily_factor(const char *what, double a, double b)
{
    double want = 100.0 * (pow(1.0 + b / 100.0, 1.0 / 252.0) - 1.0);
    if (!(fabs(a - want) <= 5e-7))
        fail_msg("%s: %.8f, the daily factor of %.4f %% a year is %.8f", what, a, b, want);
}

static void coherent_across_sources(void **state)
{
    (void)state;
    assert_true(pair("PTAX.USD.SELL", "YF.USDBRL.CLOSE", false, within_1pct) > 5000);
    assert_true(pair("PTAX.USD.SELL", "YF.USDBRL", true, within_1pct) > 5000);
    assert_true(pair("SGS.1", "PTAX.USD.SELL", false, equal) > 5000);
    assert_true(pair("PTAX.USD.BUY", "PTAX.USD.SELL", false, within_1pct) > 5000);
    assert_true(pair("SGS.432", "SGS.4389", false, within_15bp) > 5000);
    assert_true(pair("UST.PAR.10Y", "FRED.DGS10", false, equal) > 5000);
    assert_true(pair("UST.PAR.2Y", "FRED.DGS2", false, equal) > 5000);
    assert_true(pair("SGS.11", "SGS.1178", false, daily_factor) > 5000);
    assert_true(pair("SGS.433", "SIDRA.1737.63", false, equal) > 200);
    assert_true(pair("FRED.VIXCLS", "YF.VIX.CLOSE", false, equal) > 5000);
    assert_true(pair("PTAX.EUR.SELL", "YF.EURBRL.CLOSE", false, equal) > 5000);
}

/* The generic stand-ins stay in plausible ranges for their unit. */
static void generic_ranges(void **state)
{
    (void)state;
    mf_conn_rows r = {0};
    size_t n_generic = 0;
    for (size_t i = 0; i < cat.n_series; i++) {
        const mf_series_info *s = &cat.series[i];
        if (!is_stand_in(s->source_key) || mf_sim_standin_mapped(s->source_key))
            continue;
        n_generic++;
        rows(world, s->source_key, &r);
        const char *u = s->unit;
        bool balance = strcmp(s->category, "fiscal") == 0 || strcmp(s->category, "external") == 0;
        double lo = -INFINITY, hi = INFINITY;
        if (strcmp(u, "% per month") == 0)
            lo = -3.0, hi = 5.0;
        else if (strcmp(u, "% per day") == 0)
            lo = 0.0, hi = 0.1;
        else if (strncmp(u, "%", 1) == 0 && strcmp(s->category, "rates") == 0)
            lo = -2.0, hi = 40.0;
        else if (strncmp(u, "%", 1) == 0 && !balance)
            lo = -15.0, hi = 120.0;
        else if (strcmp(s->category, "fx") == 0 || strncmp(u, "index", 5) == 0 ||
                 strcmp(u, "contracts") == 0 || strcmp(u, "count") == 0 || strcmp(u, "claims") == 0)
            lo = 0.0;
        if (strcmp(u, "index") == 0 &&
            (strcmp(s->category, "rates") == 0 || strcmp(s->category, "credit") == 0))
            lo = -10.0, hi = 10.0; /* stress and conditions indices, around zero */
        for (size_t k = 0; k < r.n; k++)
            if (!isfinite(r.v[k].value) || r.v[k].value < lo || r.v[k].value > hi)
                fail_msg("%s (%s): %g outside %g..%g", s->code, u, r.v[k].value, lo, hi);
    }
    assert_true(n_generic > 250);
    mf_conn_rows_free(&r);
}

static void bad_keys_are_named(void **state)
{
    (void)state;
    mf_error err;
    mf_conn_rows r = {0};
    assert_true(mf_sim_standin_is_key("bcb_sgs:432"));
    assert_false(mf_sim_standin_is_key("BR.SELIC_TARGET_PCT"));
    assert_false(mf_sim_standin_is_key("simulated:USDBRL"));
    assert_int_equal(mf_sim_standin_check("bcb_sgs:432", &err), 0);
    assert_int_equal(mf_sim_standin_check("bcb_sgs:99999999", &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "'bcb_sgs:99999999'"));
    assert_int_equal(mf_conn_simulated.check_key("fred:NOPE", &err), MF_EINVAL);
    assert_int_equal(mf_conn_simulated.check_key("yahoo:BRL=X", &err), 0);
    assert_int_equal(mf_sim_standin_rows(world, "fred:NOPE", 0, 1, &r, &err), MF_EINVAL);
    assert_string_equal(mf_sim_standin_mapped("bcb_sgs:432"), "BR.SELIC_TARGET_PCT");
    assert_null(mf_sim_standin_mapped("bcb_sgs:20539"));
    mf_conn_rows_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_series_and_instrument_gets_rows),
        cmocka_unit_test(daily_stand_ins_fill_their_calendar),
        cmocka_unit_test(every_sim_row_gets_data_but_unlisted_di1),
        cmocka_unit_test(stand_ins_are_deterministic_and_never_rewrite_the_past),
        cmocka_unit_test(point_in_time),
        cmocka_unit_test(coherent_across_sources),
        cmocka_unit_test(generic_ranges),
        cmocka_unit_test(bad_keys_are_named),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
