/*
 * test_curve_di1_store.c - the DI curve built from the store, on every backend: it is the curve
 * mf_di1_curve_build() makes from the same quotes to the last bit (every tenor's discount
 * factor and zero rate, after the round trip through the store), it reads only what was known
 * on the date, and each bad input (a holiday, no CDI, no DI1 prices, a negative forward) is a
 * named error that leaves the stored curve as it was.
 *
 * Quotes: B3's DI1 settlement rates of 2026-03-09 (prvsDayAdjstmntPric of the 48 futures in
 * B3's quotation feed of 2026-03-10, ../shared/reference/connectors/b3_tesouro/
 * derivativos_intradia_20260310_DI1.json). The CDI of 14.90 % is an assumed round value.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/curve_di1_store.h"
#include "analytics/curve_store.h"
#include "analytics/di1.h"
#include "core/alloc.h"
#include "store/repo_curves.h"
#include "store/repo_market_prices.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/store.h"

static const struct {
    const char *ticker;
    double rate_pct;
} b3_20260309[] = {
    {"DI1J26", 14.729}, {"DI1K26", 14.657}, {"DI1M26", 14.519}, {"DI1N26", 14.411},
    {"DI1Q26", 14.28},  {"DI1U26", 14.143}, {"DI1V26", 14.022}, {"DI1X26", 13.918},
    {"DI1Z26", 13.838}, {"DI1F27", 13.735}, {"DI1G27", 13.676}, {"DI1H27", 13.618},
    {"DI1J27", 13.56},  {"DI1N27", 13.417}, {"DI1Q27", 13.378}, {"DI1V27", 13.317},
    {"DI1X27", 13.304}, {"DI1Z27", 13.285}, {"DI1F28", 13.262}, {"DI1J28", 13.244},
    {"DI1N28", 13.27},  {"DI1V28", 13.31},  {"DI1X28", 13.32},  {"DI1Z28", 13.33},
    {"DI1F29", 13.332}, {"DI1J29", 13.395}, {"DI1N29", 13.444}, {"DI1V29", 13.489},
    {"DI1X29", 13.498}, {"DI1Z29", 13.51},  {"DI1F30", 13.522}, {"DI1J30", 13.558},
    {"DI1N30", 13.598}, {"DI1V30", 13.623}, {"DI1F31", 13.654}, {"DI1J31", 13.682},
    {"DI1N31", 13.71},  {"DI1V31", 13.734}, {"DI1F32", 13.764}, {"DI1F33", 13.813},
    {"DI1F34", 13.815}, {"DI1F35", 13.83},  {"DI1F36", 13.798}, {"DI1F37", 13.845},
    {"DI1F38", 13.804}, {"DI1F39", 13.786}, {"DI1F40", 13.769}, {"DI1F41", 13.776},
};
#define NB3     (sizeof b3_20260309 / sizeof b3_20260309[0])
#define CDI_PCT 14.90

typedef struct world {
    mf_store *st;
    mf_calendar *cal;
    int64_t cdi_id;
} world;

static mf_calendar *br(void)
{
    mf_calendar *cal = NULL;
    assert_int_equal(mf_calendar_new("br", &cal, NULL), 0);
    return cal;
}

static int64_t di1_id(world *w, const char *ticker)
{
    mf_instrument in;
    mf_error err;
    if (mf_repo_instrument_get(w->st, ticker, &in, NULL) == 0)
        return in.id;
    if (mf_di1_instrument(w->cal, ticker, &in, &err) != 0 ||
        mf_repo_instrument_create(w->st, &in, &in.id, &err) != 0)
        fail_msg("%s", err.msg);
    return in.id;
}

static void put_settle(world *w, const char *ticker, const char *date, const char *known,
                       double rate_pct)
{
    mf_market_price row = mf_test_settle_row(di1_id(w, ticker), date, known, rate_pct);
    mf_price_writer *pw = mf_price_writer_new(w->st);
    mf_price_outcome out;
    mf_error err;
    if (mf_price_writer_add(pw, &row, &out, &err) != 0)
        fail_msg("%s", err.msg);
    mf_price_writer_free(pw);
}

static void put_cdi(world *w, const char *date, const char *known, double pct)
{
    mf_obs_writer *ow = mf_obs_writer_new(w->st, 1764000000);
    mf_obs_outcome out;
    mf_error err;
    if (mf_obs_writer_add(ow, w->cdi_id, mf_test_date(date), mf_test_date(known), pct, &out,
                          &err) != 0 ||
        mf_obs_writer_flush(ow, &err) != 0)
        fail_msg("%s", err.msg);
    mf_obs_writer_free(ow);
}

/* A store with the CDI and the 48 settlements of 2026-03-09, known that day. */
static world open_world(void)
{
    world w = {.st = mf_test_store_open(), .cal = br()};
    bool created;
    assert_int_equal(mf_repo_series_ensure(w.st, "BR_CDI", &w.cdi_id, &created, NULL), 0);
    put_cdi(&w, "2026-03-09", "2026-03-09", CDI_PCT);
    for (size_t i = 0; i < NB3; i++)
        put_settle(&w, b3_20260309[i].ticker, "2026-03-09", "2026-03-09", b3_20260309[i].rate_pct);
    return w;
}

static void close_world(world *w)
{
    mf_calendar_free(w->cal);
    mf_test_store_close(w->st);
}

static int build(world *w, const char *date, mf_date as_of, mf_di1_store_report *rep, mf_error *err)
{
    mf_curve *c = mf_curve_new();
    mf_di1_store_options opt = {.as_of = as_of};
    int rc = mf_di1_curve_build_stored(w->st, w->cal, mf_test_date(date), &opt, c, rep, err);
    mf_curve_free(c);
    return rc;
}

/* The same curve straight from mf_di1_curve_build(), as `mf curve build di1 --input` does. */
static mf_curve *direct_curve(world *w, mf_date date)
{
    mf_di1_quote q[NB3];
    for (size_t i = 0; i < NB3; i++) {
        q[i].ticker = b3_20260309[i].ticker;
        q[i].rate_pct = b3_20260309[i].rate_pct;
        assert_int_equal(mf_di1_maturity_from_ticker(w->cal, q[i].ticker, &q[i].maturity, NULL), 0);
    }
    mf_curve *c = mf_curve_new();
    mf_error err;
    if (mf_di1_curve_build(w->cal, date, CDI_PCT, q, NB3, c, &err) != 0)
        fail_msg("%s", err.msg);
    return c;
}

static void the_stored_curve_is_the_built_curve_to_the_bit(void **state)
{
    (void)state;
    world w = open_world();
    mf_di1_store_report rep;
    mf_error err;
    if (build(&w, "2026-03-09", 0, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.contracts, NB3);
    assert_int_equal(rep.vertices, NB3 + 1);
    assert_int_equal(rep.expiring, 0);
    assert_true(rep.cdi_pct == CDI_PCT);

    mf_date date = mf_test_date("2026-03-09");
    mf_curve *direct = direct_curve(&w, date);
    mf_curve_head head;
    mf_curve_vertex *v = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_curve_get(w.st, "DI_PRE", date, &head, &v, &n, &err), 0);
    assert_int_equal(n, NB3 + 1);
    assert_string_equal(head.day_count, "bus/252");
    assert_string_equal(head.compounding, "annual");
    assert_string_equal(head.source, "b3_di1");
    /* the CDI vertex: one business day, 2026-03-10 */
    assert_int_equal(v[0].tenor_bd, 1);
    assert_int_equal(v[0].maturity, mf_test_date("2026-03-10"));
    assert_int_equal(v[0].tenor_cd, 1);
    /* DI1J26: 2026-04-01 is 17 business days and 23 calendar days away */
    assert_int_equal(v[1].tenor_bd, 17);
    assert_int_equal(v[1].tenor_cd, 23);
    assert_int_equal(v[1].maturity, mf_test_date("2026-04-01"));
    for (size_t i = 0; i < n; i++) {
        /* the node of the bootstrap, bit for bit */
        double t = v[i].tenor_bd / 252.0;
        assert_true(mf_curve_node_t(direct, i) == t);
        double rate = i == 0 ? CDI_PCT : b3_20260309[i - 1].rate_pct;
        assert_true(v[i].discount_factor == pow(1.0 + rate / 100.0, -t));
        /* the zero rate the curve answers there, within float error of the settlement rate */
        assert_true(v[i].zero_rate_pct == mf_curve_zero_pct_bus252(mf_curve_df(direct, t), t));
        assert_true(fabs(v[i].zero_rate_pct - rate) < 1e-9);
    }
    mf_free(v);

    /* every tenor from 1 business day to past the last contract (4,000 > 3,985) */
    size_t vertices = 0, extrapolated = 0;
    for (int32_t bd = 1; bd <= 4000; bd += (bd < 300 ? 1 : 13)) {
        mf_curve_point *p = NULL;
        size_t np = 0;
        if (mf_curve_history(w.st, "DI_PRE", bd, MF_DATE_MIN, MF_DATE_MAX, &p, &np, &err) != 0)
            fail_msg("tenor %d: %s", (int)bd, err.msg);
        assert_int_equal(np, 1);
        double t = bd / 252.0, df = mf_curve_df(direct, t);
        double zero = mf_curve_zero_pct_bus252(df, t);
        if (!(p[0].discount_factor == df && p[0].zero_rate_pct == zero))
            fail_msg("tenor %d: store %.17g %.17g, built %.17g %.17g", (int)bd,
                     p[0].discount_factor, p[0].zero_rate_pct, df, zero);
        vertices += p[0].kind == MF_CURVE_POINT_VERTEX;
        extrapolated += p[0].kind == MF_CURVE_POINT_EXTRAPOLATED;
        mf_free(p);
    }
    assert_true(vertices >= 15); /* the CDI and the contracts within 300 business days */
    assert_true(extrapolated >= 1);
    mf_curve_free(direct);
    close_world(&w);
}

static void only_what_was_known_on_the_date_is_used(void **state)
{
    (void)state;
    world w = open_world();
    /* published the next day: a corrected DI1F27 and a revised CDI */
    put_settle(&w, "DI1F27", "2026-03-09", "2026-03-10", 13.745);
    put_cdi(&w, "2026-03-09", "2026-03-10", 14.91);
    mf_di1_store_report rep;
    mf_error err;
    mf_curve_head head;
    mf_curve_vertex *v = NULL;
    size_t n = 0;
    mf_date date = mf_test_date("2026-03-09");
    assert_int_equal(build(&w, "2026-03-09", 0, &rep, &err), 0);
    assert_true(rep.cdi_pct == CDI_PCT);
    assert_int_equal(mf_repo_curve_get(w.st, "DI_PRE", date, &head, &v, &n, &err), 0);
    assert_true(fabs(v[10].zero_rate_pct - 13.735) < 1e-9); /* DI1F27 as first published */
    mf_free(v);
    assert_int_equal(build(&w, "2026-03-09", mf_test_date("2026-03-10"), &rep, &err), 0);
    assert_true(rep.cdi_pct == 14.91);
    assert_int_equal(mf_repo_curve_get(w.st, "DI_PRE", date, &head, &v, &n, &err), 0);
    assert_true(fabs(v[10].zero_rate_pct - 13.745) < 1e-9);
    assert_int_equal(n, NB3 + 1); /* replaced, not added to */
    mf_free(v);
    close_world(&w);
}

/* The curve of 2026-03-09 as stored, to compare after a failure. */
static void snapshot(world *w, mf_curve_vertex **v, size_t *n)
{
    mf_curve_head head;
    assert_int_equal(
        mf_repo_curve_get(w->st, "DI_PRE", mf_test_date("2026-03-09"), &head, v, n, NULL), 0);
}

static void bad_inputs_are_named_and_leave_the_store(void **state)
{
    (void)state;
    world w = open_world();
    mf_error err;
    mf_di1_store_report rep;
    assert_int_equal(build(&w, "2026-03-09", 0, &rep, &err), 0);
    mf_curve_vertex *before = NULL, *after = NULL;
    size_t nb = 0, na = 0;
    snapshot(&w, &before, &nb);

    assert_int_equal(build(&w, "2026-02-16", 0, &rep, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve date 2026-02-16 is not a business day (Carnival Monday)");
    assert_int_equal(build(&w, "2026-03-08", 0, &rep, &err), MF_EINVAL);
    assert_string_equal(err.msg, "curve date 2026-03-08 is not a business day (weekend)");

    /* DI1 prices without the CDI, and the CDI without DI1 prices */
    put_settle(&w, "DI1F27", "2026-03-10", "2026-03-10", 13.70);
    assert_int_equal(build(&w, "2026-03-10", 0, &rep, &err), MF_ENOTFOUND);
    assert_string_equal(err.msg, "no CDI of 2026-03-10 in series 'BR_CDI' known on 2026-03-10");
    put_cdi(&w, "2026-03-11", "2026-03-11", 14.90);
    assert_int_equal(build(&w, "2026-03-11", 0, &rep, &err), MF_ENOTFOUND);
    assert_string_equal(err.msg, "no DI1 settlement of 2026-03-11 known on 2026-03-11 (0 left "
                                 "out: 0 expiring, 0 without a settle)");
    /* the CDI of 2026-03-10 published only the next day */
    put_cdi(&w, "2026-03-10", "2026-03-11", 14.90);
    assert_int_equal(build(&w, "2026-03-10", 0, &rep, &err), MF_ENOTFOUND);
    assert_int_equal(build(&w, "2026-03-10", mf_test_date("2026-03-11"), &rep, &err), 0);

    mf_curve *c = mf_curve_new();
    mf_di1_store_options other = {.cdi_series = "BR_CDI_OVER"};
    assert_int_equal(
        mf_di1_curve_build_stored(w.st, w.cal, mf_test_date("2026-03-09"), &other, c, &rep, &err),
        MF_ENOTFOUND);
    assert_string_equal(err.msg, "CDI: unknown series 'BR_CDI_OVER'");
    mf_curve_free(c);

    /* a correction that makes the curve turn back: a negative forward rate, named */
    put_settle(&w, "DI1F28", "2026-03-09", "2026-03-12", 9.5);
    assert_int_equal(build(&w, "2026-03-09", mf_test_date("2026-03-12"), &rep, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "DI1F28: rate 9.5% to 2028-01-03 implies a negative forward "
                                    "rate from the previous vertex"));
    /* a CDI published as missing */
    put_cdi(&w, "2026-03-09", "2026-03-13", NAN);
    assert_int_equal(build(&w, "2026-03-09", mf_test_date("2026-03-13"), &rep, &err), MF_EINVAL);
    assert_string_equal(err.msg, "the CDI of 2026-03-09 in series 'BR_CDI' is published as "
                                 "missing");

    snapshot(&w, &after, &na);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < nb; i++) { /* field by field: the structs have padding */
        assert_int_equal(after[i].tenor_bd, before[i].tenor_bd);
        assert_int_equal(after[i].maturity, before[i].maturity);
        assert_true(after[i].zero_rate_pct == before[i].zero_rate_pct);
        assert_true(after[i].discount_factor == before[i].discount_factor);
    }
    mf_free(before);
    mf_free(after);
    /* nothing was stored for the failed dates */
    mf_date *d = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_curve_dates(w.st, "DI_PRE", MF_DATE_MIN, MF_DATE_MAX, &d, &n, NULL),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(d[1], mf_test_date("2026-03-10"));
    mf_free(d);
    close_world(&w);
}

static void contracts_expiring_next_day_and_rows_without_settle_are_left_out(void **state)
{
    (void)state;
    world w = open_world();
    /* on 2026-03-31 DI1J26 (2026-04-01) is one business day away: the CDI is that vertex */
    put_cdi(&w, "2026-03-31", "2026-03-31", 14.90);
    put_settle(&w, "DI1J26", "2026-03-31", "2026-03-31", 14.90);
    put_settle(&w, "DI1K26", "2026-03-31", "2026-03-31", 14.65);
    put_settle(&w, "DI1F27", "2026-03-31", "2026-03-31", 13.70);
    mf_market_price vol = mf_test_settle_row(di1_id(&w, "DI1F28"), "2026-03-31", "2026-03-31", NAN);
    vol.volume = 100; /* a volume and no settle */
    mf_price_writer *pw = mf_price_writer_new(w.st);
    mf_price_outcome out;
    assert_int_equal(mf_price_writer_add(pw, &vol, &out, NULL), 0);
    mf_price_writer_free(pw);
    mf_di1_store_report rep;
    mf_error err;
    if (build(&w, "2026-03-31", 0, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.contracts, 2);
    assert_int_equal(rep.expiring, 1);
    assert_int_equal(rep.no_settle, 1);
    assert_int_equal(rep.vertices, 3);
    close_world(&w);
}

static void a_di1_instrument_carries_its_contract(void **state)
{
    (void)state;
    mf_calendar *cal = br();
    mf_instrument in;
    mf_error err;
    assert_int_equal(mf_di1_instrument(cal, "DI1F27", &in, &err), 0);
    assert_string_equal(in.ticker, "DI1F27");
    assert_string_equal(in.asset_class, "rates");
    assert_string_equal(in.instrument_type, "future");
    assert_string_equal(in.currency, "BRL");
    assert_string_equal(in.exchange, "B3");
    assert_non_null(strstr(in.contract_spec, "\"maturity\": \"2027-01-04\""));
    assert_non_null(strstr(in.contract_spec, "\"pu_at_maturity_pts\": 100000"));
    assert_non_null(strstr(in.contract_spec, "\"multiplier_brl_per_pt\": 1"));
    assert_int_equal(mf_di1_instrument(cal, "DI1A27", &in, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "invalid DI1 ticker 'DI1A27'"));
    mf_calendar_free(cal);
}

static void history_errors(void **state)
{
    (void)state;
    world w = open_world();
    mf_curve_point *p = NULL;
    size_t n = 0;
    mf_error err;
    assert_int_equal(mf_curve_history(w.st, "DI_PRE", 21, MF_DATE_MIN, MF_DATE_MAX, &p, &n, &err),
                     MF_ENOTFOUND);
    assert_string_equal(err.msg, "unknown curve 'DI_PRE'");
    assert_int_equal(build(&w, "2026-03-09", 0, NULL, &err), 0);
    assert_int_equal(mf_curve_history(w.st, "DI_PRE", 0, MF_DATE_MIN, MF_DATE_MAX, &p, &n, &err),
                     MF_EINVAL);
    /* no stored date in the range: an empty history */
    assert_int_equal(
        mf_curve_history(w.st, "DI_PRE", 21, mf_test_date("2027-01-01"), MF_DATE_MAX, &p, &n, &err),
        0);
    assert_int_equal(n, 0);
    /* a curve of another convention cannot be read by business-day tenor */
    mf_curve_head h = {.date = mf_test_date("2026-03-09")};
    snprintf(h.code, sizeof h.code, "US_ZERO");
    snprintf(h.day_count, sizeof h.day_count, "act/365f");
    snprintf(h.compounding, sizeof h.compounding, "continuous");
    snprintf(h.source, sizeof h.source, "test");
    mf_curve_vertex v = {30, 30, h.date + 30, 4.1, 0.9966};
    assert_int_equal(mf_repo_curve_put(w.st, &h, &v, 1, NULL), 0);
    assert_int_equal(mf_curve_history(w.st, "US_ZERO", 21, MF_DATE_MIN, MF_DATE_MAX, &p, &n, &err),
                     MF_EUNSUPPORTED);
    assert_string_equal(err.msg, "curve of 2026-03-09 is act/365f continuous: a history by "
                                 "business-day tenor needs a bus/252 annual curve");
    close_world(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_stored_curve_is_the_built_curve_to_the_bit),
        cmocka_unit_test(only_what_was_known_on_the_date_is_used),
        cmocka_unit_test(bad_inputs_are_named_and_leave_the_store),
        cmocka_unit_test(contracts_expiring_next_day_and_rows_without_settle_are_left_out),
        cmocka_unit_test(a_di1_instrument_carries_its_contract),
        cmocka_unit_test(history_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
