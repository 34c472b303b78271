/*
 * ingest.c - runs the ingestion plan (data/ingest.h): worker threads take a source each,
 * fetch its items chunk by chunk, and write every chunk in one transaction under the store
 * lock, with the point-in-time rules and the backfill's progress.
 */
#include "data/ingest.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/calendar.h"
#include "data/ingest_int.h"
#include "store/repo_ingestion_runs.h"
#include "store/repo_instruments.h"
#include "store/repo_market_prices.h"
#include "store/repo_observations.h"

typedef struct engine {
    mf_store *st;
    const mf_ingest_options *o;
    ingest_plan plan;
    mf_calendar *br, *us;
    pthread_mutex_t mu; /* the store, the callbacks, the counters below */
    size_t next_source;
    size_t items_done;
    int64_t rows_written;
    mf_ingest_summary *sum;
    struct timespec t0;
} engine;

/* What one worker holds for the source it runs. */
typedef struct worker {
    engine *e;
    mf_conn_env env;
    mf_conn_rows rows;
    int init_rc; /* the HTTP client or cache could not be made for the current source */
    mf_error init_err;
} worker;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* ---- point in time ------------------------------------------------------------------------ */

/* The last day of the reference period that starts (or is) obs_date. */
static mf_date period_end(mf_date d, char frequency)
{
    switch (frequency) {
    case 'M': return mf_date_month_end(d);
    case 'Q': return mf_date_quarter_end(d);
    case 'A': return mf_date_year_end(d);
    default: return d; /* D, W: the date itself */
    }
}

/* First business day on or after d in the series' country (weekdays elsewhere). */
static mf_date business_day_on_or_after(const engine *e, const char *country, mf_date d)
{
    const mf_calendar *cal = strcmp(country, "BR") == 0   ? e->br
                             : strcmp(country, "US") == 0 ? e->us
                                                          : NULL;
    mf_date out = d;
    if (cal && mf_calendar_adjust(cal, d, MF_BDC_FOLLOWING, &out, NULL) == 0)
        return out;
    while (mf_date_is_weekend(out))
        out++;
    return out;
}

/* available_at of a row dated by the catalogue's release lag, never after today. */
static mf_date available_from_lag(const engine *e, const ingest_target *t, mf_date obs_date)
{
    mf_date d =
        business_day_on_or_after(e, t->country, period_end(obs_date, t->frequency) + t->lag_days);
    if (d > e->o->today)
        d = e->o->today;
    return d < obs_date ? obs_date : d;
}

static bool same_value(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* ---- writing one chunk -------------------------------------------------------------------- */

typedef struct chunk_counts {
    int64_t fresh, unchanged, revised, ignored;
} chunk_counts;

/* What the store knows now of a series over the chunk (loaded once per chunk and target). */
typedef struct known_values {
    int64_t series_id;
    mf_series *s;
} known_values;

static int known_for(engine *e, mf_obs_writer *w, known_values *k, const ingest_target *t,
                     mf_date from, mf_date to, mf_error *err)
{
    if (k->s && k->series_id == t->id)
        return 0;
    /* The writer's pending rows first: no other store call in the middle of its bulk load
       (a request with several lag-dated series, like the RTN lines of stn). */
    int rc = mf_obs_writer_flush(w, err);
    if (rc != 0)
        return rc;
    mf_series_free(k->s);
    k->s = NULL;
    k->series_id = t->id;
    return mf_repo_obs_asof(e->st, t->id, from, to, MF_DATE_MAX, &k->s, err);
}

static const ingest_target *target_of(const ingest_item *it, bool series, const char *key)
{
    for (size_t i = 0; i < it->n_targets; i++)
        if (it->targets[i].is_series == series && strcmp(it->targets[i].key, key) == 0)
            return &it->targets[i];
    return NULL;
}

static int write_obs(engine *e, mf_obs_writer *w, known_values *k, const ingest_item *it,
                     const mf_conn_row *r, mf_date from, mf_date to, chunk_counts *c, mf_error *err)
{
    const ingest_target *t = target_of(it, true, r->key);
    if (!t) {
        c->ignored++;
        return 0;
    }
    mf_date known_at = r->available_at;
    if (known_at == MF_CONN_AVAILABLE_FROM_LAG) {
        known_at = available_from_lag(e, t, r->date);
        int rc = known_for(e, w, k, t, from, to, err);
        if (rc != 0)
            return rc;
        mf_series_view v = mf_series_as_view(k->s);
        size_t i = mf_series_lower_bound(v, r->date);
        if (i < v.n && v.dates[i] == r->date) {
            if (same_value(v.values[i], r->value)) {
                c->unchanged++;
                return 0;
            }
            if (known_at < e->o->today)
                known_at = e->o->today; /* a revision is known from the day it is seen */
        }
    }
    mf_obs_outcome out;
    int rc = mf_obs_writer_add(w, t->id, r->date, known_at, r->value, &out, err);
    if (rc != 0)
        return mf_error_prefix(err, "%s: ", r->key);
    *(out == MF_OBS_NEW ? &c->fresh : out == MF_OBS_REVISED ? &c->revised : &c->unchanged) += 1;
    return 0;
}

/* The instrument a price row belongs to: a target, an instrument with that ticker, or one the
   standing request makes; 0 when none (the row is ignored). */
static int instrument_of(engine *e, const ingest_item *it, const char *key, int64_t *id,
                         mf_error *err)
{
    const ingest_target *t = target_of(it, false, key);
    if (t) {
        *id = t->id;
        return 0;
    }
    *id = 0;
    if (!it->standing)
        return 0;
    mf_instrument in;
    int rc = mf_repo_instrument_get(e->st, key, &in, NULL);
    if (rc == 0) {
        *id = in.id;
        return 0;
    }
    if (!e->o->make_instrument)
        return 0;
    rc = e->o->make_instrument(e->o->make_ctx, key, &in, err);
    if (rc == MF_ENOTFOUND)
        return 0;
    if (rc != 0)
        return rc;
    snprintf(in.source, sizeof in.source, "%s", it->conn->name);
    snprintf(in.source_key, sizeof in.source_key, "%s", key);
    return mf_repo_instrument_create(e->st, &in, id, err);
}

static int write_price(engine *e, mf_price_writer *w, const ingest_item *it, const mf_conn_row *r,
                       chunk_counts *c, mf_error *err)
{
    int64_t id;
    int rc = instrument_of(e, it, r->key, &id, err);
    if (rc != 0)
        return mf_error_prefix(err, "%s: ", r->key);
    if (id == 0) {
        c->ignored++;
        return 0;
    }
    mf_market_price p = {
        .instrument_id = id,
        .price_date = r->date,
        .available_at = r->available_at == MF_CONN_AVAILABLE_FROM_LAG ? r->date : r->available_at,
        .open = r->open,
        .high = r->high,
        .low = r->low,
        .close = r->close,
        .settle = r->settle,
        .volume = r->volume,
        .open_interest = r->open_interest,
        .yield_pct = r->yield_pct};
    mf_price_outcome out;
    if (mf_price_writer_add(w, &p, &out, err) != 0)
        return mf_error_prefix(err, "%s: ", r->key);
    *(out == MF_PRICE_NEW ? &c->fresh : out == MF_PRICE_REVISED ? &c->revised : &c->unchanged) += 1;
    return 0;
}

/* Writes the rows of [from, to] in one transaction, with the backfill's progress. */
static int write_chunk(engine *e, const ingest_item *it, const mf_conn_rows *rows, mf_date from,
                       mf_date to, chunk_counts *c, mf_error *err)
{
    *c = (chunk_counts){0};
    int rc = mf_store_begin(e->st, err);
    if (rc != 0)
        return rc;
    mf_obs_writer *ow = mf_obs_writer_new(e->st, e->o->now);
    mf_price_writer *pw = mf_price_writer_new(e->st);
    known_values k = {0};
    /* Observations first, then prices: on PostgreSQL the observation writer's bulk load (COPY)
       must be finished before any other statement runs. */
    for (size_t i = 0; i < rows->n && rc == 0; i++) {
        const mf_conn_row *r = &rows->v[i];
        if (r->date < from || r->date > to)
            c->ignored++;
        else if (r->kind == MF_CONN_OBS)
            rc = write_obs(e, ow, &k, it, r, from, to, c, err);
    }
    if (rc == 0)
        rc = mf_obs_writer_flush(ow, err);
    for (size_t i = 0; i < rows->n && rc == 0; i++) {
        const mf_conn_row *r = &rows->v[i];
        if (r->kind == MF_CONN_PRICE && r->date >= from && r->date <= to)
            rc = write_price(e, pw, it, r, c, err);
    }
    if (rc == 0 && e->o->mode == MF_INGEST_BACKFILL) {
        mf_ingest_progress_key key = {it->conn->name, it->request, e->o->from, e->o->to};
        rc = mf_repo_progress_put(e->st, &key, to, e->o->now, err);
    }
    mf_series_free(k.s);
    mf_obs_writer_free(ow);
    mf_price_writer_free(pw);
    if (rc != 0) {
        mf_store_rollback(e->st, NULL);
        return rc;
    }
    return mf_store_commit(e->st, err);
}

/* ---- running an item ---------------------------------------------------------------------- */

/* Where a target (or, for from_source, the whole source's prices) resumes: overlap_days before
   its last stored date, or o->from when it has nothing stored. */
static int resume_date(engine *e, const ingest_item *it, const ingest_target *t, mf_date *out,
                       mf_error *err)
{
    bool found = false;
    mf_date last = 0;
    int rc = !t ? mf_repo_price_last_date_of_source(e->st, it->conn->name, &last, &found, err)
             : t->is_series ? mf_repo_obs_last_date(e->st, t->id, &last, &found, err)
                            : mf_repo_price_last_date(e->st, t->id, &last, &found, err);
    *out = found ? last - it->conn->overlap_days : e->o->from;
    return rc;
}

/* The first date an incremental run of it fetches: the earliest resume date of its targets (a
   target added since the last run starts at o->from), and for a standing request, whose
   instruments come and go, that of the source's prices. */
static int incremental_start(engine *e, const ingest_item *it, mf_date *start, mf_error *err)
{
    *start = it->n_targets == 0 && !it->standing ? e->o->from : MF_DATE_MAX;
    for (size_t i = 0; i <= it->n_targets; i++) {
        if (i == it->n_targets && !it->standing)
            break;
        mf_date d;
        int rc = resume_date(e, it, i < it->n_targets ? &it->targets[i] : NULL, &d, err);
        if (rc != 0)
            return rc;
        if (d < *start)
            *start = d;
    }
    return 0;
}

/* Where the item starts: after the backfill's last committed chunk, or the incremental start. */
static int item_start(engine *e, const ingest_item *it, mf_date *start, mf_error *err)
{
    if (e->o->mode == MF_INGEST_INCREMENTAL)
        return incremental_start(e, it, start, err);
    mf_ingest_progress_key key = {it->conn->name, it->request, e->o->from, e->o->to};
    bool found = false;
    mf_date done = 0;
    int rc = mf_repo_progress_get(e->st, &key, &done, &found, err);
    *start = found ? done + 1 : e->o->from;
    return rc;
}

static void report_progress(engine *e)
{
    if (!e->o->on_progress)
        return;
    mf_ingest_progress p = {.items_done = e->items_done,
                            .items_total = e->plan.n_items,
                            .rows_written = e->rows_written,
                            .elapsed_s = seconds_since(&e->t0)};
    e->o->on_progress(e->o->ctx, &p);
}

static void run_item(worker *w, const ingest_item *it, mf_ingest_item_report *rep)
{
    engine *e = w->e;
    mf_error err;
    mf_date end = e->o->mode == MF_INGEST_BACKFILL ? e->o->to : e->o->today;
    mf_date start = end + 1;
    pthread_mutex_lock(&e->mu);
    int rc = item_start(e, it, &start, &err);
    pthread_mutex_unlock(&e->mu);
    rep->from = start;
    rep->to = end;
    int max_days = it->conn->max_days;
    for (mf_date from = start; rc == 0 && from <= end;) {
        mf_date to = max_days > 0 && end - from >= max_days ? from + max_days - 1 : end;
        mf_conn_rows_clear(&w->rows);
        rc = it->conn->fetch(&w->env, it->request, from, to, &w->rows, &err);
        if (rc != 0)
            break;
        chunk_counts c;
        pthread_mutex_lock(&e->mu);
        rc = write_chunk(e, it, &w->rows, from, to, &c, &err);
        if (rc == 0) {
            rep->rows_new += c.fresh, rep->rows_unchanged += c.unchanged;
            rep->rows_revised += c.revised, rep->rows_ignored += c.ignored;
            e->rows_written += c.fresh + c.revised;
            report_progress(e);
        }
        pthread_mutex_unlock(&e->mu);
        from = to + 1;
    }
    if (rc != 0) {
        rep->failed = true;
        snprintf(rep->error, sizeof rep->error, "%s", err.msg);
    }
}

/* Runs every item of one source with one HTTP client, and records the source's run. */
static void run_source(worker *w, const ingest_source *src)
{
    engine *e = w->e;
    mf_error err;
    int64_t run_id = 0;
    mf_ingestion_counts counts = {0};
    char first_error[MF_ERROR_MSG_MAX + 160] = "";
    size_t failed = 0;
    pthread_mutex_lock(&e->mu);
    int rc = mf_repo_run_start(e->st, src->conn->name, e->o->now, &run_id, &err);
    pthread_mutex_unlock(&e->mu);
    w->env.base_url = e->o->base_url ? e->o->base_url(e->o->ctx, src->conn->name) : NULL;
    if (rc == 0 && w->init_rc != 0) {
        rc = w->init_rc;
        err = w->init_err;
    }
    if (rc == 0 && !w->env.base_url && !src->conn->offline)
        rc = mf_error_set(&err, MF_ECONFIG, "%s: no base URL configured (sources.%s)",
                          src->conn->name, src->conn->name);
    for (size_t i = 0; i < src->n_items; i++) {
        const ingest_item *it = &e->plan.items[src->first + i];
        mf_ingest_item_report rep = {
            .source = src->conn->name, .request = it->request, .targets = it->n_targets};
        if (rc != 0) { /* the source could not start: every item fails with its reason */
            rep.failed = true;
            snprintf(rep.error, sizeof rep.error, "%s", err.msg);
        } else {
            run_item(w, it, &rep);
        }
        counts.rows_new += rep.rows_new;
        counts.rows_unchanged += rep.rows_unchanged;
        counts.rows_revised += rep.rows_revised;
        if (rep.failed && failed++ == 0)
            snprintf(first_error, sizeof first_error, "%s %s: %s", rep.source, rep.request,
                     rep.error);
        pthread_mutex_lock(&e->mu);
        e->items_done++;
        e->sum->items_failed += rep.failed;
        e->sum->rows_new += rep.rows_new;
        e->sum->rows_unchanged += rep.rows_unchanged;
        e->sum->rows_revised += rep.rows_revised;
        e->sum->rows_ignored += rep.rows_ignored;
        if (e->o->on_item)
            e->o->on_item(e->o->ctx, &rep);
        report_progress(e);
        pthread_mutex_unlock(&e->mu);
    }
    if (run_id != 0) {
        char msg[MF_ERROR_MSG_MAX + 256];
        if (failed > 1)
            snprintf(msg, sizeof msg, "%zu of %zu requests failed; first: %s", failed, src->n_items,
                     first_error);
        else
            snprintf(msg, sizeof msg, "%s", first_error);
        pthread_mutex_lock(&e->mu);
        mf_repo_run_finish(e->st, run_id, e->o->now, &counts, failed ? msg : NULL, NULL);
        pthread_mutex_unlock(&e->mu);
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    engine *e = w->e;
    for (;;) {
        pthread_mutex_lock(&e->mu);
        size_t i = e->next_source++;
        pthread_mutex_unlock(&e->mu);
        if (i >= e->plan.n_sources)
            return NULL;
        mf_http_options http = e->o->http;
        http.jitter_seed += i; /* independent jitter per source */
        w->init_rc = mf_http_client_new(&http, &w->env.http, &w->init_err);
        if (w->init_rc == 0)
            w->init_rc =
                mf_conn_cache_new(e->o->cache_bytes ? e->o->cache_bytes : (size_t)256 << 20,
                                  &w->env.cache, &w->init_err);
        run_source(w, &e->plan.sources[i]);
        mf_conn_cache_free(w->env.cache);
        mf_http_client_free(w->env.http);
        w->env.cache = NULL;
        w->env.http = NULL;
    }
}

int mf_ingest_run(mf_store *st, const mf_ingest_options *o, mf_ingest_summary *sum, mf_error *err)
{
    *sum = (mf_ingest_summary){0};
    if (o->concurrency < 1 || o->concurrency > 64)
        return mf_error_set(err, MF_EINVAL, "concurrency %d: expected 1..64", o->concurrency);
    if (o->mode == MF_INGEST_BACKFILL && o->from > o->to)
        return mf_error_set(err, MF_EINVAL, "the range ends before it starts");
    engine e = {.st = st, .o = o, .sum = sum};
    int rc = mf__ingest_plan(st, o, &e.plan, err);
    if (rc != 0)
        return rc;
    if ((rc = mf_calendar_new("br", &e.br, err)) != 0 ||
        (rc = mf_calendar_new("us-gov", &e.us, err)) != 0) {
        mf_calendar_free(e.br);
        mf__ingest_plan_free(&e.plan);
        return rc;
    }
    sum->items = e.plan.n_items;
    sum->sources = e.plan.n_sources;
    clock_gettime(CLOCK_MONOTONIC, &e.t0);
    pthread_mutex_init(&e.mu, NULL);
    size_t n =
        (size_t)o->concurrency < e.plan.n_sources ? (size_t)o->concurrency : e.plan.n_sources;
    worker *w = mf_calloc(n ? n : 1, sizeof *w);
    pthread_t *th = mf_calloc(n ? n : 1, sizeof *th);
    size_t started = 0;
    for (size_t i = 0; i < n; i++) {
        w[i] = (worker){.e = &e,
                        .env = {.api_key = o->api_key ? o->api_key : "",
                                .br = e.br,
                                .us = e.us,
                                .today = o->today}};
        if (pthread_create(&th[i], NULL, worker_main, &w[i]) == 0)
            started++;
        else
            break;
    }
    if (started == 0 && n > 0)
        worker_main(&w[0]); /* no thread could start: run here */
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    for (size_t i = 0; i < n; i++)
        mf_conn_rows_free(&w[i].rows);
    mf_free(th);
    mf_free(w);
    pthread_mutex_destroy(&e.mu);
    mf_calendar_free(e.br);
    mf_calendar_free(e.us);
    mf__ingest_plan_free(&e.plan);
    return 0;
}
