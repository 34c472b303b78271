/*
 * test_sim_catalog.c - catalog/series/simulated.csv and catalog/instruments/simulated.csv
 * against the simulated world: every world key is catalogued, every catalogued key yields rows
 * of the right kind (series: observations; instruments: prices), every DI1 contract and bond
 * the world lists up to END is an instrument, and the simulated series are flagged.
 */
#include "support/test.h"

#include <string.h>

#include "core/calendar.h"
#include "data/catalog.h"
#include "sim/connector.h"
#include "sim/world.h"

#define END "2026-11-24"

static bool has_series(const mf_catalog *cat, const char *key)
{
    for (size_t i = 0; i < cat->n_series; i++)
        if (strcmp(cat->series[i].source, "simulated") == 0 &&
            strcmp(cat->series[i].source_key, key) == 0)
            return true;
    return false;
}

static bool has_instrument(const mf_catalog *cat, const char *key)
{
    for (size_t i = 0; i < cat->n_instruments; i++)
        if (strcmp(cat->instruments[i].source, "simulated") == 0 &&
            strcmp(cat->instruments[i].source_key, key) == 0)
            return true;
    return false;
}

static void the_catalogue_and_the_world_agree(void **state)
{
    (void)state;
    mf_error err;
    mf_calendar *br = NULL, *us = NULL;
    mf_sim_world *w = NULL;
    mf_catalog cat = {0};
    assert_int_equal(mf_connector_add(&mf_conn_simulated, &err), 0);
    if (mf_catalog_builtin(&cat, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(mf_calendar_new("br", &br, &err), 0);
    assert_int_equal(mf_calendar_new("us-gov", &us, &err), 0);
    assert_int_equal(mf_sim_world_new(MF_SIM_DEFAULT_SEED, mf_test_date(END), br, us, &w, &err), 0);
    mf_conn_rows rows = {0};
    mf_date from = mf_test_date("2005-01-01"), to = mf_test_date(END);
    size_t n_sim_series = 0, n_sim_instruments = 0;
    for (size_t i = 0; i < cat.n_series; i++) {
        const mf_series_info *s = &cat.series[i];
        if (strcmp(s->source, "simulated") != 0)
            continue;
        n_sim_series++;
        assert_true(s->simulated);
        assert_int_equal(strncmp(s->code, "SIM.", 4), 0);
        mf_conn_rows_clear(&rows);
        assert_int_equal(mf_sim_world_rows(w, s->source_key, from, to, &rows, &err), 0);
        assert_true(rows.n > 0);
        assert_int_equal(rows.v[0].kind, MF_CONN_OBS);
    }
    for (size_t i = 0; i < cat.n_instruments; i++) {
        const mf_instrument *in = &cat.instruments[i];
        if (strcmp(in->source, "simulated") != 0)
            continue;
        n_sim_instruments++;
        assert_int_equal(strncmp(in->ticker, "SIM.", 4), 0);
        char req[64];
        mf_conn_simulated.request_of(in->source_key, req, sizeof req);
        if (strcmp(req, in->source_key) == 0) { /* FX, indices, commodities: their own rows */
            mf_conn_rows_clear(&rows);
            assert_int_equal(mf_sim_world_rows(w, req, from, to, &rows, &err), 0);
            assert_true(rows.n > 0);
            assert_int_equal(rows.v[0].kind, MF_CONN_PRICE);
        }
    }
    for (size_t k = 0; k < mf_sim_key_count(); k++) {
        const char *key = mf_sim_key_at(k);
        if (!has_series(&cat, key) && !has_instrument(&cat, key))
            fail_msg("world key '%s' is not in the catalogue", key);
    }
    const char *const families[] = {MF_SIM_REQUEST_DI1, MF_SIM_REQUEST_BONDS};
    size_t n_family_rows = 0;
    for (size_t f = 0; f < 2; f++) {
        mf_conn_rows_clear(&rows);
        assert_int_equal(mf_sim_world_rows(w, families[f], from, to, &rows, &err), 0);
        for (size_t i = 0; i < rows.n; i++) {
            if (i > 0 && strcmp(rows.v[i].key, rows.v[i - 1].key) == 0)
                continue;
            assert_int_equal(rows.v[i].kind, MF_CONN_PRICE);
            if (!has_instrument(&cat, rows.v[i].key))
                fail_msg("'%s' is not in catalog/instruments/simulated.csv", rows.v[i].key);
        }
        n_family_rows += rows.n;
    }
    fprintf(stderr, "sim: %zu series, %zu instruments catalogued; %zu DI1 and bond rows\n",
            n_sim_series, n_sim_instruments, n_family_rows);
    assert_true(n_sim_series >= 90);
    mf_conn_rows_free(&rows);
    mf_sim_world_free(w);
    mf_catalog_free(&cat);
    mf_calendar_free(br);
    mf_calendar_free(us);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_catalogue_and_the_world_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
