/*
 * test_sim_standin_store.c - the stand-in store of `mf init --simulated` on every backend:
 * the stand-in catalogue is stored with the real codes and names, source "simulated", the
 * source_key naming the original and the series flagged simulated; a real catalogue is then
 * refused (and the other way round) with nothing written; the ingestion engine backfills a
 * few stand-ins through the simulated connector and the stored values agree across sources
 * (UST.PAR.10Y = FRED.DGS10 on every day, SGS.432 - SGS.4389 = 0.10 pp), revisions of a
 * revised series are stored as vintages.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "data/catalog.h"
#include "data/ingest.h"
#include "sim/connector.h"
#include "store/repo_instruments.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/store.h"
#include "support/test.h"

static void load(mf_catalog *cat, bool stand_in)
{
    mf_error err;
    if (mf_catalog_builtin(cat, &err) != 0 || (stand_in && mf_catalog_stand_in(cat, &err) != 0))
        fail_msg("%s", err.msg);
}

static int setup(void **state)
{
    (void)state;
    mf_error err;
    return mf_connector_add(&mf_conn_simulated, &err);
}

static void the_stand_in_catalogue_is_stored_and_never_mixed(void **state)
{
    (void)state;
    mf_error err;
    mf_catalog sim = {0}, real = {0};
    mf_catalog_report rep;
    load(&sim, true);
    load(&real, false);
    mf_store *st = mf_test_store_open();
    if (mf_catalog_store(st, &sim, &rep, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.series_created, sim.n_series);
    assert_int_equal(rep.instruments_created, sim.n_instruments);
    mf_series_info s;
    assert_int_equal(mf_repo_series_get(st, "SGS.432", &s, &err), 0);
    assert_string_equal(s.source, "simulated");
    assert_string_equal(s.source_key, "bcb_sgs:432");
    assert_string_equal(s.name, "Selic target (Copom)");
    assert_true(s.simulated);
    assert_int_equal(mf_repo_series_get(st, "FRED.CPIAUCSL", &s, &err), 0);
    assert_string_equal(s.source_key, "fred:alfred:CPIAUCSL");
    mf_instrument in;
    assert_int_equal(mf_repo_instrument_get(st, "YF.USDBRL", &in, &err), 0);
    assert_string_equal(in.source, "simulated");
    assert_string_equal(in.source_key, "yahoo:BRL=X");
    /* the real catalogue on the stand-in store: refused, nothing changed */
    assert_int_equal(mf_catalog_store(st, &real, &rep, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "mf init --simulated"));
    assert_int_equal(mf_repo_series_get(st, "SGS.432", &s, &err), 0);
    assert_string_equal(s.source, "simulated");
    /* again the stand-ins: nothing to do */
    assert_int_equal(mf_catalog_store(st, &sim, &rep, &err), 0);
    assert_int_equal(rep.series_unchanged, sim.n_series);
    mf_test_store_close(st);

    st = mf_test_store_open(); /* a real store refuses the stand-ins */
    assert_int_equal(mf_catalog_store(st, &real, &rep, &err), 0);
    assert_int_equal(mf_catalog_store(st, &sim, &rep, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "holds real sources"));
    assert_int_equal(mf_repo_series_get(st, "SGS.432", &s, &err), 0);
    assert_string_equal(s.source, "bcb_sgs");
    assert_false(s.simulated);
    mf_test_store_close(st);
    mf_catalog_free(&sim);
    mf_catalog_free(&real);
}

static char failed[MF_ERROR_MSG_MAX + 200];

static void on_item(void *ctx, const mf_ingest_item_report *r)
{
    (void)ctx;
    if (r->failed)
        snprintf(failed, sizeof failed, "%.100s: %s", r->request, r->error);
}

static mf_obs_vintage *vintages(mf_store *st, const char *code, size_t *n)
{
    mf_error err;
    mf_series_info s;
    mf_obs_vintage *v = NULL;
    if (mf_repo_series_get(st, code, &s, &err) != 0 ||
        mf_repo_obs_vintages(st, s.id, MF_DATE_MIN, MF_DATE_MAX, &v, n, &err) != 0)
        fail_msg("%s: %s", code, err.msg);
    if (*n == 0)
        fail_msg("%s: no observations", code);
    return v;
}

static void stand_ins_are_ingested_coherently(void **state)
{
    (void)state;
    mf_error err;
    mf_catalog sim = {0};
    mf_catalog_report rep;
    load(&sim, true);
    mf_store *st = mf_test_store_open();
    assert_int_equal(mf_catalog_store(st, &sim, &rep, &err), 0);
    static const char *const wanted[] = {"SGS.432",   "SGS.4389",  "FRED.DGS10", "UST.PAR.10Y",
                                         "SGS.20539", "YF.USDBRL", NULL};
    mf_ingest_options o = {.mode = MF_INGEST_BACKFILL,
                           .source = "simulated",
                           .codes = wanted,
                           .from = mf_test_date("2023-01-01"),
                           .to = mf_test_date("2024-06-28"),
                           .today = mf_test_date("2024-06-28"),
                           .now = 1719600000,
                           .concurrency = 1,
                           .on_item = on_item};
    mf_http_options_default(&o.http); /* an offline connector still gets an HTTP client */
    mf_ingest_summary sum;
    failed[0] = '\0';
    if (mf_ingest_run(st, &o, &sum, &err) != 0)
        fail_msg("%s", err.msg);
    if (sum.items_failed != 0)
        fail_msg("%zu failed: %s", sum.items_failed, failed);
    assert_true(sum.rows_new > 1000);

    size_t n10, nu, ns, nc, ncr;
    mf_obs_vintage *dgs10 = vintages(st, "FRED.DGS10", &n10);
    mf_obs_vintage *ust10 = vintages(st, "UST.PAR.10Y", &nu);
    /* H.15 is published the next day: today's par yield is not yet a FRED observation */
    assert_int_equal(n10 + 1, nu);
    assert_int_equal(ust10[nu - 1].obs_date, mf_test_date("2024-06-28"));
    for (size_t i = 0; i < n10; i++) { /* the same curve on the same day, exactly */
        assert_int_equal(dgs10[i].obs_date, ust10[i].obs_date);
        assert_true(dgs10[i].value == ust10[i].value);
        assert_int_equal(dgs10[i].available_at, dgs10[i].obs_date + 1); /* H.15 lag */
        assert_int_equal(ust10[i].available_at, ust10[i].obs_date);
    }
    mf_obs_vintage *selic = vintages(st, "SGS.432", &ns);
    mf_obs_vintage *cdi = vintages(st, "SGS.4389", &nc);
    size_t j = 0, matched = 0;
    for (size_t i = 0; i < ns; i++) {
        while (j < nc && cdi[j].obs_date < selic[i].obs_date)
            j++;
        if (j < nc && cdi[j].obs_date == selic[i].obs_date) {
            assert_true(fabs(selic[i].value - cdi[j].value - 0.10) < 1e-9);
            matched++;
        }
    }
    assert_true(matched > 300);
    mf_obs_vintage *credit = vintages(st, "SGS.20539", &ncr); /* generic, revised category */
    size_t revised = 0;
    for (size_t i = 1; i < ncr; i++)
        revised += credit[i].obs_date == credit[i - 1].obs_date;
    assert_true(revised > 5);
    mf_free(dgs10);
    mf_free(ust10);
    mf_free(selic);
    mf_free(cdi);
    mf_free(credit);
    mf_test_store_close(st);
    mf_catalog_free(&sim);
    mf_sim_cache_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_stand_in_catalogue_is_stored_and_never_mixed),
        cmocka_unit_test(stand_ins_are_ingested_coherently),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
