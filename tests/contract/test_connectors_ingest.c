/*
 * test_connectors_ingest.c - every connector end to end on every store backend: the shipped
 * catalogue is loaded, the connector's fixtures are served over loopback HTTP by
 * tests/support/http_replay.py, `mf backfill`'s engine (src/data/ingest.h) ingests them, and
 * the stored values, dates and available_at are checked.
 *
 * Cases are data: tests/fixtures/connectors/<source>/ingest.json, one per connector:
 *   {"source": "bcb_sgs", "routes": ["connectors/bcb_sgs/routes.json"], "base_path": "/sgs",
 *    "extra_series": [["TEST.X", "99999", "W", 0, "BR"]] (optional: test-only catalogue rows
 *    of this source, for a source whose shipped catalogue has none),
 *    "codes": ["SGS.432"] (optional: the whole source), "from": "2025-01-01",
 *    "to": "2025-03-31", "today": "2025-04-01", "api_key": "..." (optional),
 *    "obs": [["SGS.432", "2025-01-29", "2025-01-29", 12.25], ...],   (value null: missing)
 *    "prices": [["DI1F27", "2026-01-12", "settle", 13.741], ...],
 *    "min_new": 40}
 * Each listed observation must be stored with exactly that available_at and value (as known
 * at that available_at); each listed price field must be stored for that ticker and date.
 */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "analytics/curve_di1_store.h"
#include "core/alloc.h"
#include "core/calendar.h"
#include "data/catalog.h"
#include "data/connector.h"
#include "data/connectors/tesouro_direto.h"
#include "data/ingest.h"
#include "sim/connector.h"
#include "store/repo_instruments.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/replay.h"
#include "support/store.h"
#include "support/test.h"

typedef struct run_ctx {
    char base[256];
    char failed[MF_ERROR_MSG_MAX + 160];
    size_t n_failed;
} run_ctx;

static const char *base_url(void *ctx, const char *source)
{
    (void)source;
    return ((run_ctx *)ctx)->base;
}

static void on_item(void *ctx, const mf_ingest_item_report *r)
{
    run_ctx *c = ctx;
    if (r->failed && c->n_failed++ == 0)
        snprintf(c->failed, sizeof c->failed, "%s %s: %s", r->source, r->request, r->error);
}

static int make_instrument(void *ctx, const char *ticker, mf_instrument *out, mf_error *err)
{
    if (strncmp(ticker, "DI1", 3) == 0)
        return mf_di1_instrument(ctx, ticker, out, err);
    if (strncmp(ticker, "TD.", 3) == 0) /* Tesouro Direto bonds */
        return mf_td_instrument(ticker, out, err);
    return MF_ENOTFOUND;
}

static mf_date date_of(json_t *j)
{
    assert_true(json_is_string(j));
    return mf_test_date(json_string_value(j));
}

static void check_obs(mf_store *st, json_t *row, const char *where)
{
    const char *code = json_string_value(json_array_get(row, 0));
    mf_date obs = date_of(json_array_get(row, 1)), known = date_of(json_array_get(row, 2));
    json_t *jv = json_array_get(row, 3);
    mf_series_info s;
    if (mf_repo_series_get(st, code, &s, NULL) != 0)
        fail_msg("%s: series %s is not in the catalogue", where, code);
    mf_obs_vintage *v = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_obs_vintages(st, s.id, obs, obs, &v, &n, NULL), 0);
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (v[i].available_at != known)
            continue;
        found = true;
        if (json_is_null(jv) ? !isnan(v[i].value)
                             : fabs(v[i].value - json_number_value(jv)) > 1e-12)
            fail_msg("%s: %s %s: stored %.15g, want %.15g", where, code,
                     json_string_value(json_array_get(row, 1)), v[i].value,
                     json_is_null(jv) ? NAN : json_number_value(jv));
    }
    if (!found) {
        char have[64] = "none";
        if (n > 0)
            mf_date_format_iso(v[0].available_at, have);
        fail_msg("%s: %s %s: no vintage available %s (first stored: %s, %zu vintages)", where, code,
                 json_string_value(json_array_get(row, 1)),
                 json_string_value(json_array_get(row, 2)), have, n);
    }
    mf_free(v);
}

static void check_price(mf_store *st, json_t *row, const char *where)
{
    const char *ticker = json_string_value(json_array_get(row, 0));
    const char *field = json_string_value(json_array_get(row, 2));
    double want = json_number_value(json_array_get(row, 3));
    mf_instrument in;
    if (mf_repo_instrument_get(st, ticker, &in, NULL) != 0)
        fail_msg("%s: instrument %s was not stored", where, ticker);
    static const char *const fields[] = {"open",   "high",   "low",           "close",
                                         "settle", "volume", "open_interest", "yield_pct"};
    size_t f = 0;
    while (f < 8 && strcmp(fields[f], field) != 0)
        f++;
    assert_true(f < 8);
    /* mf_store_prepare caches statements by the SQL's address: one literal per field. */
#define PRICE_SQL(f) "SELECT " f " FROM market_prices WHERE instrument_id = ? AND price_date = ?"
    static const char *const sqls[8] = {PRICE_SQL("open"),          PRICE_SQL("high"),
                                        PRICE_SQL("low"),           PRICE_SQL("close"),
                                        PRICE_SQL("settle"),        PRICE_SQL("volume"),
                                        PRICE_SQL("open_interest"), PRICE_SQL("yield_pct")};
#undef PRICE_SQL
    mf_stmt *s;
    assert_int_equal(mf_store_prepare(st, sqls[f], &s, NULL), 0);
    mf_stmt_bind_int64(s, 1, in.id);
    mf_stmt_bind_date(s, 2, date_of(json_array_get(row, 1)));
    if (mf_stmt_step(s, NULL) != MF_STORE_ROW)
        fail_msg("%s: no price of %s on %s", where, ticker,
                 json_string_value(json_array_get(row, 1)));
    double got = mf_stmt_double(s, 0);
    while (mf_stmt_step(s, NULL) == MF_STORE_ROW) {
    }
    if (fabs(got - want) > 1e-9)
        fail_msg("%s: %s %s %s: stored %.15g, want %.15g", where, ticker,
                 json_string_value(json_array_get(row, 1)), field, got, want);
}

static void run_case(const char *path)
{
    json_error_t jerr;
    json_t *c = json_load_file(path, 0, &jerr);
    if (!c)
        fail_msg("%s:%d: %s", path, jerr.line, jerr.text);
    mf_store *st = mf_test_store_open();
    mf_catalog cat = {0};
    mf_catalog_report rep;
    mf_error err;
    if (mf_catalog_builtin(&cat, &err) != 0 || mf_catalog_store(st, &cat, &rep, &err) != 0)
        fail_msg("%s: catalogue: %s", path, err.msg);
    mf_catalog_free(&cat);

    json_t *routes = json_object_get(c, "routes");
    const char *files[8] = {0};
    for (size_t i = 0; i < json_array_size(routes) && i < 7; i++)
        files[i] = json_string_value(json_array_get(routes, i));
    mf_replay server;
    assert_int_equal(mf_replay_start(&server, files), 0);
    const char *source = json_string_value(json_object_get(c, "source"));
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(c, "extra_series"), i, row)
    {
        mf_series_info s = {.frequency = json_string_value(json_array_get(row, 2))[0],
                            .release_lag_days = (int)json_integer_value(json_array_get(row, 3))};
        snprintf(s.code, sizeof s.code, "%s", json_string_value(json_array_get(row, 0)));
        snprintf(s.source, sizeof s.source, "%s", source);
        snprintf(s.source_key, sizeof s.source_key, "%s",
                 json_string_value(json_array_get(row, 1)));
        snprintf(s.name, sizeof s.name, "test-only %s", s.code);
        snprintf(s.country, sizeof s.country, "%s", json_string_value(json_array_get(row, 4)));
        int64_t id;
        assert_int_equal(mf_repo_series_create(st, &s, &id, NULL), 0);
    }

    const char *codes[64] = {0};
    json_t *jcodes = json_object_get(c, "codes");
    for (size_t k = 0; k < json_array_size(jcodes) && k < 63; k++)
        codes[k] = json_string_value(json_array_get(jcodes, k));
    mf_calendar *br;
    assert_int_equal(mf_calendar_new("br", &br, NULL), 0);
    run_ctx ctx = {0};
    const char *base_path = json_string_value(json_object_get(c, "base_path"));
    snprintf(ctx.base, sizeof ctx.base, "%s%s", server.base, base_path ? base_path : "");
    mf_ingest_options o = {.mode = MF_INGEST_BACKFILL,
                           .source = source,
                           .codes = jcodes ? codes : NULL,
                           .from = date_of(json_object_get(c, "from")),
                           .to = date_of(json_object_get(c, "to")),
                           .today = date_of(json_object_get(c, "today")),
                           .now = 1700000000,
                           .concurrency = 1,
                           .base_url = base_url,
                           .api_key = json_string_value(json_object_get(c, "api_key")),
                           .make_instrument = make_instrument,
                           .make_ctx = br,
                           .on_item = on_item,
                           .ctx = &ctx};
    mf_http_options_default(&o.http);
    o.http.max_retries = 1;
    o.http.backoff_base_ms = 1;
    o.http.backoff_max_ms = 10;
    o.http.total_timeout_ms = 5000;
    mf_ingest_summary sum;
    int rc = mf_ingest_run(st, &o, &sum, &err);
    mf_replay_stop(&server);
    mf_calendar_free(br);
    if (rc != 0)
        fail_msg("%s: %s", path, err.msg);
    if (sum.items_failed)
        fail_msg("%s: %zu requests failed; first: %s", path, sum.items_failed, ctx.failed);
    json_int_t min_new = json_integer_value(json_object_get(c, "min_new"));
    if (sum.rows_new < min_new)
        fail_msg("%s: %lld new rows, want at least %lld", path, (long long)sum.rows_new,
                 (long long)min_new);
    json_array_foreach(json_object_get(c, "obs"), i, row) check_obs(st, row, path);
    json_array_foreach(json_object_get(c, "prices"), i, row) check_price(st, row, path);
    print_message("%s: %zu requests, %lld new rows\n", path, sum.items, (long long)sum.rows_new);
    mf_test_store_close(st);
    json_decref(c);
}

/* Every tests/fixtures/connectors/<source>/ingest.json, in name order. */
static void every_connector_ingests_its_fixtures(void **state)
{
    (void)state;
    mf_error err;
    if (mf_connector_add(&mf_conn_simulated, &err) != 0) /* its catalogue ships too */
        fail_msg("%s", err.msg);
    char dir[1024];
    mf_test_fixture_path(dir, sizeof dir, "connectors");
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n > 0);
    int cases = 0;
    for (int i = 0; i < n; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s/ingest.json", dir, names[i]->d_name);
        FILE *f = names[i]->d_name[0] != '.' ? fopen(path, "r") : NULL;
        if (f) {
            fclose(f);
            run_case(path);
            cases++;
        }
        free(names[i]); /* scandir's allocation */
    }
    free(names);
    print_message("%d connectors ingested their fixtures\n", cases);
    size_t registered;
    mf_connectors(&registered);
    /* every connector that fetches over HTTP has its case (the simulated market is offline:
       tests/unit/sim covers it) */
    assert_int_equal(cases, (int)registered - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_connector_ingests_its_fixtures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
