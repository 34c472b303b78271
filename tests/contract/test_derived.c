/*
 * test_derived.c - derived series on every backend: definitions and lineage
 * (repo_derived), materialisation with point-in-time dates, and incremental recomputation
 * after new observations and new vintages: exactly the derived vintages the new input
 * vintage affects appear, nothing stored changes, and a run with nothing new does nothing.
 */
#include "support/test.h"

#include <math.h>
#include <string.h>

#include "analytics/derive.h"
#include "analytics/derived_catalog.h"
#include "core/alloc.h"
#include "store/repo_derived.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/store.h"

#define D(iso) mf_test_date(iso)

static int64_t series(mf_store *st, const char *code)
{
    int64_t id = 0;
    bool created;
    assert_int_equal(mf_repo_series_ensure(st, code, &id, &created, NULL), 0);
    return id;
}

static void add(mf_store *st, int64_t ingested_at, int64_t id, mf_date obs, mf_date known, double v)
{
    mf_obs_writer *w = mf_obs_writer_new(st, ingested_at);
    mf_obs_outcome out;
    mf_error err;
    if (mf_obs_writer_add(w, id, obs, known, v, &out, &err) != 0 ||
        mf_obs_writer_flush(w, &err) != 0)
        fail_msg("add: %s", err.msg);
    mf_obs_writer_free(w);
}

static void definitions_and_lineage(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t a = series(st, "IN_A"), b = series(st, "IN_B"), d = series(st, "DRV_AB");
    mf_derived_def def = {
        .series_id = d, .transform = "spread", .params = "{}", .n_inputs = 2, .inputs = {a, b}};
    mf_put_outcome outcome;
    mf_error err;
    assert_int_equal(mf_repo_derived_put(st, &def, &outcome, &err), 0);
    assert_int_equal(outcome, MF_PUT_CREATED);
    assert_int_equal(mf_repo_derived_put(st, &def, &outcome, &err), 0);
    assert_int_equal(outcome, MF_PUT_UNCHANGED);
    mf_derived_def other = def;
    other.inputs[0] = b, other.inputs[1] = a; /* order matters */
    assert_int_equal(mf_repo_derived_put(st, &other, &outcome, &err), MF_ESTATE);
    assert_non_null(strstr(err.msg, "stored with other inputs"));
    memcpy(other.params, "{\"x\":1}", 8);
    other.inputs[0] = a, other.inputs[1] = b;
    assert_int_equal(mf_repo_derived_put(st, &other, &outcome, &err), MF_ESTATE);
    assert_non_null(strstr(err.msg, "stored with other parameters"));
    other.n_inputs = 0;
    assert_int_equal(mf_repo_derived_put(st, &other, &outcome, &err), MF_EINVAL);

    mf_derived_def got;
    bool found = false;
    assert_int_equal(mf_repo_derived_get(st, d, &got, &found, &err), 0);
    assert_true(found);
    assert_string_equal(got.transform, "spread");
    assert_string_equal(got.params, "{}");
    assert_int_equal(got.n_inputs, 2);
    assert_true(got.inputs[0] == a && got.inputs[1] == b);
    assert_false(got.has_watermark);
    assert_int_equal(mf_repo_derived_get(st, a, &got, &found, &err), 0);
    assert_false(found);

    assert_int_equal(mf_repo_derived_set_watermark(st, d, 1700000000, 42, 1700000100, &err), 0);
    assert_int_equal(mf_repo_derived_get(st, d, &got, &found, &err), 0);
    assert_true(got.has_watermark && got.watermark == 1700000000 && got.input_rows == 42);
    assert_int_equal(got.computed_at, 1700000100);
    assert_int_equal(mf_repo_derived_set_watermark(st, a, 1, 1, 1, &err), MF_ENOTFOUND);

    int64_t *ids;
    size_t n;
    assert_int_equal(mf_repo_derived_inputs_of(st, b, &ids, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(ids[0] == d);
    mf_free(ids);
    mf_derived_def *all;
    assert_int_equal(mf_repo_derived_list(st, &all, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(all[0].series_id == d);
    mf_free(all);

    /* input state: rows, the last ingestion, where changes start */
    add(st, 1700000000, a, D("2024-01-02"), D("2024-01-02"), 1.5);
    add(st, 1700000500, a, D("2023-12-29"), D("2024-01-03"), 1.25);
    mf_derived_input_state s;
    assert_int_equal(mf_repo_derived_input_state(st, a, &s, &err), 0);
    assert_true(s.rows == 2 && s.max_ingested_at == 1700000500);
    assert_int_equal(mf_repo_derived_input_state(st, b, &s, &err), 0);
    assert_true(s.rows == 0);
    mf_date first = 0;
    assert_int_equal(mf_repo_derived_first_since(st, a, 1700000000, true, &first, &found, &err), 0);
    assert_true(found && first == D("2023-12-29"));
    assert_int_equal(mf_repo_derived_first_since(st, a, 1700000500, true, &first, &found, &err), 0);
    assert_false(found);
    assert_int_equal(mf_repo_derived_first_since(st, a, 1700000500, false, &first, &found, &err),
                     0);
    assert_true(found && first == D("2023-12-29"));
    int64_t rows = 0;
    assert_int_equal(mf_repo_derived_rows_upto(st, a, 1700000000, &rows, &err), 0);
    assert_int_equal(rows, 1);
    mf_test_store_close(st);
}

/* Every stored vintage of series id. */
static mf_obs_vintage *stored(mf_store *st, int64_t id, size_t *n)
{
    mf_obs_vintage *v = NULL;
    assert_int_equal(mf_repo_obs_vintages(st, id, MF_DATE_MIN, MF_DATE_MAX, &v, n, NULL), 0);
    return v;
}

/* What mf_derive_compute gives over the inputs as stored now. */
static mf_obs_vintage *expected(mf_store *st, const char *transform, const char *params,
                                const int64_t *in, size_t k, size_t *n)
{
    const mf_transform *t = mf_transform_find(transform);
    mf_tf_params p;
    assert_int_equal(mf_tf_params_parse(t, params, k, &p, NULL), 0);
    mf_obs_vintage *v[4];
    mf_derive_input din[4];
    for (size_t j = 0; j < k; j++) {
        v[j] = stored(st, in[j], &din[j].n);
        din[j].v = v[j];
    }
    mf_obs_vintage *out = NULL;
    assert_int_equal(mf_derive_compute(t, &p, din, k, MF_DATE_MIN, &out, n, NULL), 0);
    for (size_t j = 0; j < k; j++)
        mf_free(v[j]);
    return out;
}

static bool same_rows(const mf_obs_vintage *a, size_t na, const mf_obs_vintage *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (a[i].obs_date != b[i].obs_date || a[i].available_at != b[i].available_at ||
            !((isnan(a[i].value) && isnan(b[i].value)) ||
              fabs(a[i].value - b[i].value) <= 1e-12 * fmax(1.0, fabs(b[i].value))))
            return false;
    return true;
}

static bool contains(const mf_obs_vintage *v, size_t n, const mf_obs_vintage *x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].obs_date == x->obs_date && v[i].available_at == x->available_at &&
            fabs(v[i].value - x->value) <= 1e-12 * fmax(1.0, fabs(x->value)))
            return true;
    return false;
}

static void incremental_recomputation_after_a_new_vintage(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t px = series(st, "PX"), vol = series(st, "PX_VOL");
    /* 40 business-day prices, each known the next day */
    mf_obs_writer *w = mf_obs_writer_new(st, 1000);
    mf_date d0 = D("2024-01-01");
    mf_obs_outcome out;
    double x = 100.0;
    for (int i = 0; i < 40; i++) {
        x *= 1.0 + 0.0137 * sin(1.7 * i + 0.3);
        assert_int_equal(mf_obs_writer_add(w, px, d0 + i, d0 + i + 1, x, &out, NULL), 0);
    }
    assert_int_equal(mf_obs_writer_flush(w, NULL), 0);
    mf_obs_writer_free(w);
    mf_derived_def def = {.series_id = vol,
                          .transform = "vol_rolling",
                          .params = "{\"min_periods\":5,\"window\":5}",
                          .n_inputs = 1,
                          .inputs = {px}};
    mf_put_outcome outcome;
    assert_int_equal(mf_repo_derived_put(st, &def, &outcome, NULL), 0);

    mf_derive_report rep;
    mf_error err;
    if (mf_derive_series(st, vol, 2000, NULL, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.rows_new, 40 - 5);
    assert_int_equal(rep.first_changed, MF_DATE_MIN);
    size_t n1, ne;
    mf_obs_vintage *v1 = stored(st, vol, &n1);
    mf_obs_vintage *e1 = expected(st, "vol_rolling", def.params, &px, 1, &ne);
    assert_true(same_rows(v1, n1, e1, ne));
    /* point in time: each value known the day after its last price */
    for (size_t i = 0; i < n1; i++)
        assert_int_equal(v1[i].available_at, v1[i].obs_date + 1);
    mf_free(e1);

    /* nothing new: nothing done */
    assert_int_equal(mf_derive_series(st, vol, 3000, NULL, &rep, &err), 0);
    assert_true(rep.up_to_date);

    /* a revision of day 20, known on day 30, and a new day 40 */
    add(st, 4000, px, d0 + 20, d0 + 30, x * 0.97);
    add(st, 4000, px, d0 + 40, d0 + 41, x * 1.01);
    if (mf_derive_series(st, vol, 5000, NULL, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.first_changed, d0 + 20);
    size_t n2;
    mf_obs_vintage *v2 = stored(st, vol, &n2);
    mf_obs_vintage *e2 = expected(st, "vol_rolling", def.params, &px, 1, &ne);
    assert_true(same_rows(v2, n2, e2, ne));
    /* the old vintages are all still there */
    for (size_t i = 0; i < n1; i++)
        assert_true(contains(v2, n2, &v1[i]));
    /* exactly the new ones: days 20..25 (their window holds day 20's return or price)
       re-dated on day 30, and day 40 */
    size_t added = 0;
    for (size_t i = 0; i < n2; i++) {
        if (contains(v1, n1, &v2[i]))
            continue;
        added++;
        mf_date d = v2[i].obs_date;
        if (d == d0 + 40)
            assert_int_equal(v2[i].available_at, d0 + 41);
        else {
            assert_true(d >= d0 + 20 && d <= d0 + 25);
            assert_int_equal(v2[i].available_at, d0 + 30);
        }
    }
    assert_int_equal(added, 7);
    assert_int_equal(rep.rows_new + rep.rows_revised, 7);
    assert_int_equal(rep.rows_revised, 6);

    /* a row ingested in the watermark's own second after the run is still seen */
    add(st, 4000, px, d0 + 41, d0 + 42, x * 1.02);
    assert_int_equal(mf_derive_series(st, vol, 6000, NULL, &rep, &err), 0);
    assert_false(rep.up_to_date);
    assert_int_equal(rep.rows_new, 1);
    mf_free(v1);
    mf_free(v2);
    mf_free(e2);
    mf_test_store_close(st);
}

static void late_expectations_recompute_their_month(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t rel = series(st, "REL"), ex = series(st, "EXP"), si = series(st, "SURPRISE");
    /* releases of Jan..Mar (dated the 1st, published the next month); expectations surveyed
       mid-month, known a few days later: January's and March's first */
    add(st, 100, rel, D("2024-01-01"), D("2024-02-09"), 0.42);
    add(st, 100, rel, D("2024-02-01"), D("2024-03-08"), 0.83);
    add(st, 100, rel, D("2024-03-01"), D("2024-04-10"), 0.16);
    add(st, 100, ex, D("2024-01-15"), D("2024-01-19"), 0.35);
    add(st, 100, ex, D("2024-03-15"), D("2024-03-18"), 0.30);
    mf_derived_def def = {.series_id = si,
                          .transform = "surprise_index",
                          .params = "{\"lambda\":0.5,\"min_periods\":2}",
                          .n_inputs = 2,
                          .inputs = {rel, ex}};
    mf_put_outcome outcome;
    assert_int_equal(mf_repo_derived_put(st, &def, &outcome, NULL), 0);
    mf_derive_report rep;
    mf_error err;
    if (mf_derive_series(st, si, 86400 * 20000, NULL, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    size_t n;
    mf_obs_vintage *v = stored(st, si, &n);
    /* surprises 0.07 (Jan), none (Feb), -0.14 (Mar): the index starts at March */
    assert_int_equal(n, 1);
    assert_true(v[0].obs_date == D("2024-03-01") && v[0].available_at == D("2024-04-10"));
    mf_free(v);
    /* February's expectation, backfilled later: February's month is recomputed */
    add(st, 200, ex, D("2024-02-15"), D("2024-02-20"), 0.80);
    if (mf_derive_series(st, si, 86400 * 20001, NULL, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.first_changed, D("2024-02-01"));
    v = stored(st, si, &n);
    assert_int_equal(n, 3);
    /* February: 0.03 is the second surprise: defined, known with February's release */
    assert_true(v[0].obs_date == D("2024-02-01") && v[0].available_at == D("2024-03-08"));
    /* z = 0.03 / sd(0.07, 0.03) = 0.03 / (0.04 / sqrt 2): the first z starts the index */
    assert_true(fabs(v[0].value - 0.03 / (0.04 / sqrt(2.0))) < 1e-12);
    /* March's value changes, but (March, 2024-04-10) is stored: dated the run's day */
    assert_true(v[2].obs_date == D("2024-03-01") && v[2].available_at == 20001);
    assert_int_equal(rep.conflicts, 1);
    mf_free(v);
    mf_test_store_close(st);
}

/* 100 x 3 x flows[m-11..m] / gdp cells (each month its quarter's value) over the same months. */
static double ratio_at(const double *flow, const double *gdp_q, int m)
{
    double num = 0.0, den = 0.0;
    for (int i = m - 11; i <= m; i++)
        num += flow[i], den += gdp_q[i / 3];
    return 100.0 * 3.0 * num / den;
}

/*
 * A fiscal ratio (flow over 12 months / GDP of the same months) on every backend: each value
 * is dated when the last flow and the last GDP quarter it reads are both published, and a
 * GDP revision gives exactly the months whose year holds the quarter a new vintage, dated
 * the revision's day; the old vintages stay.
 */
static void fiscal_ratio_dates_and_gdp_revision(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t fl = series(st, "PRIMARY"), gdp = series(st, "GDP_Q"), r = series(st, "PRIMARY_GDP");
    double flow[15], gq[5];
    mf_obs_writer *w = mf_obs_writer_new(st, 100);
    mf_obs_outcome out;
    for (int i = 0; i < 15; i++) { /* Jan 2023 .. Mar 2024, each known 30 days later */
        mf_date d = mf_date_ymd(2023 + i / 12, i % 12 + 1, 1);
        flow[i] = 1000.0 + 50.0 * i - (i == 4 ? 3000.0 : 0.0);
        assert_int_equal(mf_obs_writer_add(w, fl, d, d + 30, flow[i], &out, NULL), 0);
    }
    for (int q = 0; q < 5; q++) { /* 2023Q1 .. 2024Q1, dated the quarter's first day */
        mf_date d = mf_date_ymd(2023 + q / 4, 3 * (q % 4) + 1, 1);
        gq[q] = 900000.0 + 10000.0 * q;
        assert_int_equal(mf_obs_writer_add(w, gdp, d, d + 150, gq[q], &out, NULL), 0);
    }
    assert_int_equal(mf_obs_writer_flush(w, NULL), 0);
    mf_obs_writer_free(w);
    mf_derived_def def = {.series_id = r,
                          .transform = "flow_ratio_pct",
                          .params = "{\"den_periods\":3,\"window\":12}",
                          .n_inputs = 2,
                          .inputs = {fl, gdp}};
    mf_put_outcome outcome;
    assert_int_equal(mf_repo_derived_put(st, &def, &outcome, NULL), 0);
    mf_derive_report rep;
    mf_error err;
    if (mf_derive_series(st, r, 1000, NULL, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    size_t n;
    mf_obs_vintage *v = stored(st, r, &n);
    assert_int_equal(n, 4); /* Dec 2023 .. Mar 2024 */
    for (size_t i = 0; i < 4; i++) {
        int m = 11 + (int)i;
        mf_date q_first = mf_date_ymd(2023 + m / 12, 3 * ((m % 12) / 3) + 1, 1);
        mf_date flow_known = mf_date_ymd(2023 + m / 12, m % 12 + 1, 1) + 30;
        assert_int_equal(v[i].obs_date, mf_date_ymd(2023 + m / 12, m % 12 + 1, 1));
        /* the quarter's GDP (150 days after its first day) is later than the month's flow */
        assert_true(q_first + 150 > flow_known);
        assert_int_equal(v[i].available_at, q_first + 150);
        assert_true(fabs(v[i].value - ratio_at(flow, gq, m)) < 1e-12 * fabs(v[i].value));
    }
    /* 2023Q3 revised, known on 2024-09-02: every month from Dec 2023 reads it */
    mf_date rev = D("2024-09-02");
    add(st, 2000, gdp, D("2023-07-01"), rev, 1.01 * gq[2]);
    if (mf_derive_series(st, r, 3000, NULL, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.first_changed, D("2023-07-01"));
    assert_int_equal(rep.rows_revised, 4);
    assert_int_equal(rep.rows_new, 0);
    size_t n2;
    mf_obs_vintage *v2 = stored(st, r, &n2);
    assert_int_equal(n2, 8);
    for (size_t i = 0; i < n; i++)
        assert_true(contains(v2, n2, &v[i]));
    gq[2] *= 1.01;
    for (size_t i = 0; i < n2; i++)
        if (!contains(v, n, &v2[i])) {
            int m = 11 + (int)((v2[i].obs_date - v[0].obs_date) / 28); /* months from Dec */
            assert_int_equal(v2[i].available_at, rev);
            assert_true(fabs(v2[i].value - ratio_at(flow, gq, m)) < 1e-12 * fabs(v2[i].value));
        }
    mf_free(v);
    mf_free(v2);
    mf_test_store_close(st);
}

static const char catalog[] =
    "code,transform,inputs,params,name,frequency,unit,country,category,description\n"
    "DRV.MOM,mom_pct,CPI,,CPI m/m,M,%,BR,inflation,\n"
    "DRV.MOM2,mom_pct,DRV.MOM,,m/m of m/m,M,%,BR,inflation,\n"
    "DRV.GONE,spread,CPI;ABSENT,,spread,M,p.p.,BR,rates,\n";

static void results(void *ctx, const mf_derived_result *r)
{
    mf_derived_status *s = ctx;
    if (strcmp(r->entry->info.code, "DRV.MOM") == 0)
        s[0] = r->status;
    else if (strcmp(r->entry->info.code, "DRV.MOM2") == 0)
        s[1] = r->status;
    else
        s[2] = r->status;
}

static void catalogue_run_creates_series_and_lineage(void **state)
{
    (void)state;
    mf_store *st = mf_test_store_open();
    int64_t cpi = series(st, "CPI");
    add(st, 100, cpi, D("2024-01-01"), D("2024-02-09"), 256.0);
    add(st, 100, cpi, D("2024-02-01"), D("2024-03-08"), 320.0);
    add(st, 100, cpi, D("2024-03-01"), D("2024-04-10"), 480.0);
    mf_derived_catalog c = {0};
    mf_error err;
    if (mf_derived_catalog_parse("t.csv", catalog, sizeof catalog - 1, &c, &err) != 0)
        fail_msg("%s", err.msg);
    mf_derived_status s[3] = {(mf_derived_status)-1, (mf_derived_status)-1, (mf_derived_status)-1};
    if (mf_derived_catalog_run(st, &c, NULL, 200, results, s, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(s[0], MF_DERIVED_COMPUTED);
    assert_int_equal(s[1], MF_DERIVED_COMPUTED);
    assert_int_equal(s[2], MF_DERIVED_SKIPPED_INPUTS);
    mf_series_info info;
    assert_int_equal(mf_repo_series_get(st, "DRV.MOM2", &info, &err), 0);
    assert_string_equal(info.source, "derived");
    assert_int_equal(info.frequency, 'M');
    mf_derived_def def;
    bool found;
    assert_int_equal(mf_repo_derived_get(st, info.id, &def, &found, &err), 0);
    mf_series_info mom;
    assert_int_equal(mf_repo_series_get(st, "DRV.MOM", &mom, &err), 0);
    assert_true(found && def.n_inputs == 1 && def.inputs[0] == mom.id);
    /* m/m: 25% (known 03-08), 50% (04-10); m/m of that: +100% known 04-10 */
    size_t n;
    mf_obs_vintage *v = stored(st, mom.id, &n);
    assert_int_equal(n, 2);
    assert_true(v[0].obs_date == D("2024-02-01") && v[0].available_at == D("2024-03-08") &&
                v[0].value == 25.0);
    assert_true(v[1].obs_date == D("2024-03-01") && v[1].available_at == D("2024-04-10") &&
                v[1].value == 50.0);
    mf_free(v);
    v = stored(st, info.id, &n);
    assert_int_equal(n, 1);
    assert_true(v[0].available_at == D("2024-04-10") && v[0].value == 100.0);
    mf_free(v);
    assert_int_equal(mf_repo_series_get(st, "DRV.GONE", &info, &err), MF_ENOTFOUND);
    /* again: up to date */
    assert_int_equal(mf_derived_catalog_run(st, &c, NULL, 300, results, s, &err), 0);
    assert_int_equal(s[0], MF_DERIVED_UP_TO_DATE);
    assert_int_equal(s[1], MF_DERIVED_UP_TO_DATE);
    assert_int_equal(mf_derived_catalog_run(st, &c, "NOPE", 300, results, s, &err), MF_ENOTFOUND);
    mf_derived_catalog_release(&c);
    mf_test_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(definitions_and_lineage),
        cmocka_unit_test(incremental_recomputation_after_a_new_vintage),
        cmocka_unit_test(catalogue_run_creates_series_and_lineage),
        cmocka_unit_test(late_expectations_recompute_their_month),
        cmocka_unit_test(fiscal_ratio_dates_and_gdp_revision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
