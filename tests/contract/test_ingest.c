/*
 * test_ingest.c - the ingestion engine (src/data/ingest.h) on every store backend, fetching
 * over real HTTP on loopback from tests/support/http_replay.py through a test-only connector
 * ("testsrc", CSV lines kind,date,key,value,available_at; fixtures in
 * tests/fixtures/connectors/testsrc): chunking and resumable backfill (an interrupted run
 * started again ends with the store of an uninterrupted one), release-lag dating, revisions as
 * new vintages in an incremental run, source-given publication dates, standing requests that
 * create instruments, and a failed chunk that commits nothing.
 */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/calendar.h"
#include "data/catalog.h"
#include "data/connector.h"
#include "data/ingest.h"
#include "store/repo_ingestion_runs.h"
#include "store/repo_instruments.h"
#include "store/repo_market_prices.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "support/replay.h"
#include "support/store.h"
#include "support/test.h"

/* ---- the test connector --------------------------------------------------------------- */

static int t_check(const char *key, mf_error *err)
{
    return key[0] ? 0 : mf_error_set(err, MF_EINVAL, "testsrc: empty key");
}

/* "P:x" -> "P"; "A" -> "A". */
static void t_request(const char *key, char *buf, size_t size)
{
    size_t n = strcspn(key, ":");
    snprintf(buf, size, "%.*s", (int)n, key);
}

static double field_number(const char *s, size_t len)
{
    double v = NAN;
    if (len > 0)
        assert_int_equal(mf_conn_parse_number(s, len, false, false, &v, NULL), 0);
    return v;
}

static int t_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                   mf_conn_rows *out, mf_error *err)
{
    (void)to;
    char url[512], day[MF_DATE_ISO_SIZE];
    snprintf(url, sizeof url, "%s/testsrc/%s/%s", env->base_url, request,
             mf_date_format_iso(from, day));
    const char *body;
    size_t len;
    int rc = mf_conn_get(env, url, &body, &len, err);
    if (rc != 0)
        return rc;
    const char *line = strchr(body, '\n') + 1; /* past the header */
    while (*line) {
        const char *nl = strchr(line, '\n');
        char *f[5];
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int)(nl - line), line);
        assert_int_equal(mf_test_split(buf, ',', f, 5), 5);
        mf_conn_row r =
            mf_conn_row_init(strcmp(f[0], "obs") == 0 ? MF_CONN_OBS : MF_CONN_PRICE, f[2]);
        r.date = mf_test_date(f[1]);
        if (f[4][0])
            r.available_at = mf_test_date(f[4]);
        if (r.kind == MF_CONN_OBS)
            r.value = field_number(f[3], strlen(f[3]));
        else
            r.settle = field_number(f[3], strlen(f[3]));
        mf_conn_rows_push(out, &r, NULL);
        line = nl + 1;
    }
    return 0;
}

static const char *const t_standing[] = {"DI1", NULL};
static const mf_connector testsrc = {.name = "testsrc",
                                     .summary = "test-only CSV source",
                                     .max_days = 91,
                                     .overlap_days = 62,
                                     .check_key = t_check,
                                     .request_of = t_request,
                                     .fetch = t_fetch,
                                     .standing_requests = t_standing};

/* ---- the world of a test ------------------------------------------------------------------ */

typedef struct world {
    mf_store *st;
    mf_replay server;
    mf_calendar *br;
    char failed[8][MF_ERROR_MSG_MAX + 160];
    size_t n_failed;
} world;

static const char *base_url(void *ctx, const char *source)
{
    world *w = ctx;
    return strcmp(source, "testsrc") == 0 ? w->server.base : NULL;
}

static void on_item(void *ctx, const mf_ingest_item_report *r)
{
    world *w = ctx;
    if (r->failed && w->n_failed < 8)
        snprintf(w->failed[w->n_failed++], sizeof w->failed[0], "%s: %s", r->request, r->error);
}

static int make_instrument(void *ctx, const char *ticker, mf_instrument *out, mf_error *err)
{
    (void)err;
    (void)ctx;
    if (strncmp(ticker, "DI1", 3) != 0)
        return MF_ENOTFOUND;
    memset(out, 0, sizeof *out);
    snprintf(out->ticker, sizeof out->ticker, "%s", ticker);
    snprintf(out->name, sizeof out->name, "DI1 %s", ticker);
    snprintf(out->asset_class, sizeof out->asset_class, "rates");
    snprintf(out->instrument_type, sizeof out->instrument_type, "future");
    snprintf(out->currency, sizeof out->currency, "BRL");
    out->active = true;
    return 0;
}

static void add_series(mf_store *st, const char *code, const char *key, char freq, int lag)
{
    mf_series_info s = {.frequency = freq, .release_lag_days = lag};
    snprintf(s.code, sizeof s.code, "%s", code);
    snprintf(s.source, sizeof s.source, "testsrc");
    snprintf(s.source_key, sizeof s.source_key, "%s", key);
    snprintf(s.name, sizeof s.name, "test %s", code);
    snprintf(s.country, sizeof s.country, "BR");
    int64_t id;
    assert_int_equal(mf_repo_series_create(st, &s, &id, NULL), 0);
}

static void start(world *w, const char *routes)
{
    const char *files[] = {routes, NULL};
    assert_int_equal(mf_replay_start(&w->server, files), 0);
}

static void stop(world *w)
{
    mf_replay_stop(&w->server);
}

static mf_ingest_options options(world *w, mf_ingest_mode mode, const char *today)
{
    mf_ingest_options o = {.mode = mode,
                           .from = mf_test_date("2020-01-01"),
                           .to = mf_test_date("2020-12-31"),
                           .today = mf_test_date(today),
                           .now = 1700000000,
                           .concurrency = 2,
                           .base_url = base_url,
                           .make_instrument = make_instrument,
                           .on_item = on_item,
                           .ctx = w};
    mf_http_options_default(&o.http);
    o.http.max_retries = 0;
    o.http.connect_timeout_ms = 2000;
    o.http.total_timeout_ms = 3000;
    return o;
}

static int setup(void **state)
{
    mf_error err;
    if (mf_connector_add(&testsrc, &err) != 0)
        return -1;
    world *w = mf_calloc(1, sizeof *w);
    w->st = mf_test_store_open();
    add_series(w->st, "T.A", "A", 'M', 10);
    add_series(w->st, "T.B", "B", 'M', 10);
    add_series(w->st, "T.PX", "P:x", 'D', 0);
    add_series(w->st, "T.PY", "P:y", 'D', 0);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    mf_test_store_close(w->st);
    mf_free(w);
    return 0;
}

/* Every vintage of a series as text "obs_date available_at value;..." for comparisons. */
static void dump(mf_store *st, const char *code, char *buf, size_t size)
{
    mf_series_info s;
    assert_int_equal(mf_repo_series_get(st, code, &s, NULL), 0);
    mf_obs_vintage *v = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_obs_vintages(st, s.id, MF_DATE_MIN, MF_DATE_MAX, &v, &n, NULL), 0);
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o < size; i++) {
        char d[MF_DATE_ISO_SIZE], a[MF_DATE_ISO_SIZE];
        o += (size_t)snprintf(buf + o, size - o, "%s %s %.10g;",
                              mf_date_format_iso(v[i].obs_date, d),
                              mf_date_format_iso(v[i].available_at, a), v[i].value);
    }
    mf_free(v);
}

static double asof(mf_store *st, const char *code, const char *obs, const char *as_of)
{
    mf_series_info s;
    assert_int_equal(mf_repo_series_get(st, code, &s, NULL), 0);
    mf_series *out = NULL;
    assert_int_equal(mf_repo_obs_asof(st, s.id, mf_test_date(obs), mf_test_date(obs),
                                      as_of ? mf_test_date(as_of) : MF_DATE_MAX, &out, NULL),
                     0);
    double v = mf_series_len(out) == 1 ? mf_series_values(out)[0] : -999;
    mf_series_free(out);
    return v;
}

/* Fails the test with the first item's error when any item failed. */
static void no_failures(const world *w, const mf_ingest_summary *sum)
{
    if (sum->items_failed != 0)
        fail_msg("%zu items failed; first: %s", sum->items_failed, w->failed[0]);
}

/* ---- tests -------------------------------------------------------------------------------- */

static void a_backfill_dates_values_by_the_release_lag(void **state)
{
    world *w = *state;
    start(w, "connectors/testsrc/routes_ok.json");
    const char *codes[] = {"T.A", NULL};
    mf_ingest_options o = options(w, MF_INGEST_BACKFILL, "2021-06-30");
    o.codes = codes;
    mf_ingest_summary sum;
    mf_error err;
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    assert_int_equal(sum.items, 1);
    no_failures(w, &sum);
    assert_int_equal(sum.rows_new, 12);
    /* January 2020: month end + 10 days = 2020-02-10, a Monday; November: 2020-12-10 (Thu);
       May: 2020-06-10 (Wed); February: 2020-03-10 (Tue). */
    char buf[4096];
    dump(w->st, "T.A", buf, sizeof buf);
    assert_non_null(strstr(buf, "2020-01-01 2020-02-10 0.1;"));
    assert_non_null(strstr(buf, "2020-02-01 2020-03-10 0.2;"));
    assert_non_null(strstr(buf, "2020-11-01 2020-12-10 1.1;"));
    assert_true(isnan(asof(w->st, "T.A", "2020-11-01", "2020-12-09")) ||
                asof(w->st, "T.A", "2020-11-01", "2020-12-09") == -999);
    assert_true(asof(w->st, "T.A", "2020-11-01", "2020-12-10") == 1.1);

    /* Run again: everything is already there (the backfill's place says so: nothing fetched). */
    start(w, "connectors/testsrc/routes_ok.json");
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    assert_int_equal(sum.rows_new, 0);
    no_failures(w, &sum);
}

static void an_interrupted_backfill_resumes_to_the_same_store(void **state)
{
    world *w = *state;
    const char *codes[] = {"T.A", "T.B", NULL};
    mf_ingest_options o = options(w, MF_INGEST_BACKFILL, "2021-06-30");
    o.codes = codes;
    mf_ingest_summary sum;
    mf_error err;

    /* B's second chunk (from 2020-04-01) answers HTTP 500: B stops after its first chunk. */
    start(w, "connectors/testsrc/routes_fault.json");
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    assert_int_equal(sum.items, 2);
    assert_int_equal(sum.items_failed, 1);
    assert_int_equal(sum.rows_new, 12 + 3);
    assert_non_null(strstr(w->failed[0], "B: GET "));
    assert_non_null(strstr(w->failed[0], "HTTP 500"));
    char b_partial[4096];
    dump(w->st, "T.B", b_partial, sizeof b_partial);
    assert_null(strstr(b_partial, "2020-04-01")); /* the failed chunk committed nothing */
    assert_non_null(strstr(b_partial, "2020-03-01"));

    /* Started again with the source back: B resumes after March, A has nothing left. */
    start(w, "connectors/testsrc/routes_ok.json");
    w->n_failed = 0;
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    no_failures(w, &sum);
    assert_int_equal(sum.rows_new, 9);

    /* The same as a backfill that ran through, into a fresh store. */
    char resumed_a[4096], resumed_b[4096], straight_a[4096], straight_b[4096];
    dump(w->st, "T.A", resumed_a, sizeof resumed_a);
    dump(w->st, "T.B", resumed_b, sizeof resumed_b);
    world fresh = {.st = mf_test_store_open()};
    add_series(fresh.st, "T.A", "A", 'M', 10);
    add_series(fresh.st, "T.B", "B", 'M', 10);
    start(&fresh, "connectors/testsrc/routes_ok.json");
    mf_ingest_options o2 = options(&fresh, MF_INGEST_BACKFILL, "2021-06-30");
    o2.codes = codes;
    assert_int_equal(mf_ingest_run(fresh.st, &o2, &sum, &err), 0);
    stop(&fresh);
    dump(fresh.st, "T.A", straight_a, sizeof straight_a);
    dump(fresh.st, "T.B", straight_b, sizeof straight_b);
    mf_test_store_close(fresh.st);
    assert_string_equal(resumed_a, straight_a);
    assert_string_equal(resumed_b, straight_b);
}

static void an_incremental_run_stores_revisions_as_new_vintages(void **state)
{
    world *w = *state;
    const char *codes[] = {"T.A", NULL};
    mf_ingest_options o = options(w, MF_INGEST_BACKFILL, "2021-01-05");
    o.codes = codes;
    mf_ingest_summary sum;
    mf_error err;
    start(w, "connectors/testsrc/routes_ok.json");
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);

    /* On 2021-02-20 the source has revised November and published January 2021. The overlap
       (62 days before the last stored date, 2020-12-01) re-reads October to January. */
    start(w, "connectors/testsrc/routes_revised.json");
    o = options(w, MF_INGEST_INCREMENTAL, "2021-02-20");
    o.codes = codes;
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    no_failures(w, &sum);
    assert_int_equal(sum.rows_new, 1);
    assert_int_equal(sum.rows_revised, 1);
    assert_true(sum.rows_unchanged >= 2); /* October and December re-read, same values */
    assert_true(asof(w->st, "T.A", "2020-11-01", "2021-02-19") == 1.1);
    assert_true(asof(w->st, "T.A", "2020-11-01", "2021-02-20") == 1.15);
    /* January 2021 is dated by its lag: 2021-02-10. */
    assert_true(asof(w->st, "T.A", "2021-01-01", "2021-02-10") == 1.3);

    /* The same day again: nothing changes. */
    start(w, "connectors/testsrc/routes_revised.json");
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    assert_int_equal(sum.rows_new + sum.rows_revised, 0);
}

static void source_dates_missing_values_and_standing_requests(void **state)
{
    world *w = *state;
    mf_ingest_options o = options(w, MF_INGEST_BACKFILL, "2020-01-10");
    o.to = mf_test_date("2020-01-09");
    mf_ingest_summary sum;
    mf_error err;
    start(w, "connectors/testsrc/routes_ok.json");
    const char *codes[] = {"T.PX", "T.PY", NULL};
    o.codes = codes;
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    assert_int_equal(sum.items, 1); /* P:x and P:y share one request */
    assert_int_equal(sum.rows_new, 2);
    assert_int_equal(sum.rows_ignored, 3); /* P:z is not catalogued; the request's prices */
    char buf[512];
    dump(w->st, "T.PX", buf, sizeof buf);
    assert_string_equal(buf, "2020-01-03 2020-01-06 1.5;");
    dump(w->st, "T.PY", buf, sizeof buf);
    assert_string_equal(buf, "2020-01-03 2020-01-06 nan;");

    /* The whole source: the standing request makes DI1F21 and ignores the unknown ticker. */
    o.codes = NULL;
    o.source = "testsrc";
    o.to = mf_test_date("2020-01-09");
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    assert_int_equal(sum.items, 4); /* A, B, P and the standing DI1 */
    no_failures(w, &sum);
    mf_instrument in;
    assert_int_equal(mf_repo_instrument_get(w->st, "DI1F21", &in, NULL), 0);
    assert_string_equal(in.source, "testsrc");
    assert_string_equal(in.source_key, "DI1F21");
    assert_int_equal(mf_repo_instrument_get(w->st, "XYZ1", &in, NULL), MF_ENOTFOUND);
    mf_price_filter f = {.ticker_prefix = "DI1"};
    mf_settle *settles = NULL;
    size_t n = 0;
    assert_int_equal(mf_repo_price_settles(w->st, &f, mf_test_date("2020-01-02"), MF_DATE_MAX,
                                           &settles, &n, NULL),
                     0);
    assert_int_equal(n, 1);
    assert_true(settles[0].settle == 4.42);
    mf_free(settles);
    /* Unknown codes and sources are refused before anything runs. */
    const char *bad[] = {"NO.SUCH", NULL};
    o.codes = bad;
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), MF_EINVAL);
    assert_non_null(strstr(err.msg, "unknown series or instrument 'NO.SUCH'"));
    o.codes = NULL;
    o.source = "nosuch";
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), MF_EINVAL);
    assert_string_equal(err.msg, "unknown source 'nosuch'");
}

static void an_incremental_run_starts_a_target_added_since_at_the_beginning(void **state)
{
    world *w = *state;
    /* T.PX already holds an observation of 2020-03-20; T.PY, which shares its request, holds
       nothing: the run must start at --from for T.PY, not 62 days before T.PX's last date. */
    mf_series_info px;
    assert_int_equal(mf_repo_series_get(w->st, "T.PX", &px, NULL), 0);
    assert_int_equal(mf_store_begin(w->st, NULL), 0);
    mf_obs_writer *ow = mf_obs_writer_new(w->st, 1700000000);
    mf_obs_outcome out;
    assert_int_equal(mf_obs_writer_add(ow, px.id, mf_test_date("2020-03-20"),
                                       mf_test_date("2020-03-20"), 2.0, &out, NULL),
                     0);
    assert_int_equal(mf_obs_writer_flush(ow, NULL), 0);
    mf_obs_writer_free(ow);
    assert_int_equal(mf_store_commit(w->st, NULL), 0);
    start(w, "connectors/testsrc/routes_ok.json");
    const char *codes[] = {"T.PX", "T.PY", NULL};
    mf_ingest_options o = options(w, MF_INGEST_INCREMENTAL, "2020-04-01");
    o.codes = codes;
    mf_ingest_summary sum;
    mf_error err;
    assert_int_equal(mf_ingest_run(w->st, &o, &sum, &err), 0);
    stop(w);
    no_failures(w, &sum);
    char buf[512];
    dump(w->st, "T.PY", buf, sizeof buf);
    assert_string_equal(buf, "2020-01-03 2020-01-06 nan;");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_backfill_dates_values_by_the_release_lag, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_interrupted_backfill_resumes_to_the_same_store, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_incremental_run_stores_revisions_as_new_vintages, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(source_dates_missing_values_and_standing_requests, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            an_incremental_run_starts_a_target_added_since_at_the_beginning, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
