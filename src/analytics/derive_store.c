/*
 * derive_store.c - mf_derive_series(): a derived series brought up to its inputs in the
 * store, incrementally (see derive.h).
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "analytics/derive.h"
#include "core/alloc.h"
#include "store/repo_derived.h"

/*
 * A computed vintage whose key is already stored with another value (an input vintage that
 * arrived after the derived one was written, dated before it): the value is written as known
 * on the run's date, after the latest stored vintage, unless that one already holds it.
 */
#define CACHE_SLOTS 64

typedef struct cached {
    int64_t series_id; /* 0: empty */
    mf_obs_vintage *v;
    size_t n;
} cached;

struct mf_derive_cache {
    cached slot[CACHE_SLOTS];
    size_t next; /* the slot to reuse next (first in, first out) */
};

mf_derive_cache *mf_derive_cache_new(void)
{
    return mf_calloc(1, sizeof(mf_derive_cache));
}

void mf_derive_cache_free(mf_derive_cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        mf_free(c->slot[i].v);
    mf_free(c);
}

static cached *cache_find(mf_derive_cache *c, int64_t id)
{
    for (size_t i = 0; c != NULL && i < CACHE_SLOTS; i++)
        if (c->slot[i].series_id == id)
            return &c->slot[i];
    return NULL;
}

static void cache_drop(mf_derive_cache *c, int64_t id)
{
    cached *e = cache_find(c, id);
    if (e != NULL) {
        mf_free(e->v);
        *e = (cached){0};
    }
}

/* Every vintage of series id: from the cache (borrowed: *owned NULL) or the store (owned). */
static int read_input(mf_store *st, mf_derive_cache *c, int64_t id, const mf_obs_vintage **v,
                      size_t *n, mf_obs_vintage **owned, mf_error *err)
{
    *owned = NULL;
    cached *e = cache_find(c, id);
    if (e != NULL) {
        *v = e->v;
        *n = e->n;
        return 0;
    }
    mf_obs_vintage *rows = NULL;
    size_t len = 0;
    int rc = mf_repo_obs_vintages(st, id, MF_DATE_MIN, MF_DATE_MAX, &rows, &len, err);
    if (rc != 0)
        return rc;
    if (c == NULL) {
        *owned = rows;
    } else {
        e = &c->slot[c->next];
        c->next = (c->next + 1) % CACHE_SLOTS;
        mf_free(e->v);
        *e = (cached){id, rows, len};
    }
    *v = rows;
    *n = len;
    return 0;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int resolve_conflict(mf_store *st, mf_obs_writer *w, int64_t id, const mf_obs_vintage *v,
                            mf_date today, mf_derive_report *rep, mf_error *err)
{
    mf_obs_vintage *old = NULL;
    size_t n = 0;
    int rc = mf_obs_writer_flush(w, err);
    if (rc == 0)
        rc = mf_repo_obs_vintages(st, id, v->obs_date, v->obs_date, &old, &n, err);
    if (rc != 0)
        return rc;
    mf_date latest = n ? old[n - 1].available_at : MF_DATE_MIN;
    bool same = n && ((isnan(old[n - 1].value) && isnan(v->value)) || old[n - 1].value == v->value);
    mf_free(old);
    if (same) {
        rep->rows_unchanged++;
        return 0;
    }
    mf_obs_outcome outcome;
    rc = mf_obs_writer_add(w, id, v->obs_date, today > latest ? today : latest + 1, v->value,
                           &outcome, err);
    if (rc == 0)
        rep->conflicts++;
    return rc;
}

static int write_vintages(mf_store *st, int64_t id, const mf_obs_vintage *v, size_t n,
                          int64_t ingested_at, mf_derive_report *rep, mf_error *err)
{
    mf_obs_writer *w = mf_obs_writer_new(st, ingested_at);
    mf_date today = (mf_date)(ingested_at / 86400);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        mf_obs_outcome outcome;
        mf_error e2;
        rc = mf_obs_writer_add(w, id, v[i].obs_date, v[i].available_at, v[i].value, &outcome, &e2);
        if (rc == MF_EINVAL && strstr(e2.msg, "already stored") != NULL) {
            rc = resolve_conflict(st, w, id, &v[i], today, rep, err);
            continue;
        }
        if (rc != 0) {
            if (err)
                *err = e2;
            break;
        }
        rep->rows_new += outcome == MF_OBS_NEW;
        rep->rows_revised += outcome == MF_OBS_REVISED;
        rep->rows_unchanged += outcome == MF_OBS_UNCHANGED;
    }
    if (rc == 0)
        rc = mf_obs_writer_flush(w, err);
    mf_obs_writer_free(w);
    return rc;
}

int mf_derive_series(mf_store *st, int64_t series_id, int64_t ingested_at, mf_derive_cache *cache,
                     mf_derive_report *rep, mf_error *err)
{
    *rep = (mf_derive_report){.first_changed = MF_DATE_MAX};
    mf_derived_def def;
    bool found = false;
    int rc = mf_repo_derived_get(st, series_id, &def, &found, err);
    if (rc != 0)
        return rc;
    if (!found)
        return mf_error_set(err, MF_ENOTFOUND, "series %lld is not a derived series",
                            (long long)series_id);
    const mf_transform *t = mf_transform_find(def.transform);
    if (t == NULL)
        return mf_error_set(err, MF_EINVAL, "unknown transform '%s'", def.transform);
    mf_tf_params p;
    if ((rc = mf_tf_params_parse(t, def.params, def.n_inputs, &p, err)) != 0)
        return rc;

    /* changed: the inputs' row count differs from the last run's (rows are never deleted) */
    int64_t watermark = INT64_MIN, rows = 0;
    for (size_t j = 0; j < def.n_inputs; j++) {
        mf_derived_input_state s;
        if ((rc = mf_repo_derived_input_state(st, def.inputs[j], &s, err)) != 0)
            return rc;
        if (s.rows == 0) {
            rep->missing_inputs = true;
            return 0;
        }
        rows += s.rows;
        watermark = s.max_ingested_at > watermark ? s.max_ingested_at : watermark;
    }
    if (def.has_watermark && rows == def.input_rows && watermark == def.watermark) {
        rep->up_to_date = true;
        return 0;
    }
    /*
     * Where to start: the earliest obs_date ingested after the old watermark - or at it, when
     * rows arrived in the watermark's own second after the last run (ingested_at has whole
     * seconds): then the inputs hold more rows up to the watermark than that run counted.
     */
    rep->first_changed = MF_DATE_MIN;
    if (def.has_watermark && !t->two_sided) {
        int64_t upto = 0;
        for (size_t j = 0; j < def.n_inputs; j++) {
            int64_t n;
            if ((rc = mf_repo_derived_rows_upto(st, def.inputs[j], def.watermark, &n, err)) != 0)
                return rc;
            upto += n;
        }
        bool strict = upto == def.input_rows;
        rep->first_changed = MF_DATE_MAX;
        for (size_t j = 0; j < def.n_inputs; j++) {
            mf_date first;
            bool any = false;
            rc = mf_repo_derived_first_since(st, def.inputs[j], def.watermark, strict, &first, &any,
                                             err);
            if (rc != 0)
                return rc;
            if (any && first < rep->first_changed)
                rep->first_changed = first;
        }
        /* an expectation dated in a month feeds the release dated at that month's start */
        if (t->align == MF_TF_ALIGN_PRIOR && rep->first_changed != MF_DATE_MAX)
            rep->first_changed =
                mf_date_ymd(mf_date_year(rep->first_changed), mf_date_month(rep->first_changed), 1);
    }

    mf_obs_vintage *vin[MF_DERIVED_MAX_INPUTS] = {0}, *out = NULL;
    mf_derive_input in[MF_DERIVED_MAX_INPUTS];
    size_t n_out = 0;
    if ((rc = mf_store_begin(st, err)) != 0)
        return rc;
    double t0 = seconds_now();
    for (size_t j = 0; j < def.n_inputs && rc == 0; j++) {
        rc = read_input(st, cache, def.inputs[j], &in[j].v, &in[j].n, &vin[j], err);
        rep->input_rows += rc == 0 ? in[j].n : 0;
    }
    double t1 = seconds_now();
    if (rc == 0)
        rc = mf_derive_compute(t, &p, in, def.n_inputs, rep->first_changed, &out, &n_out, err);
    rep->computed = n_out;
    double t2 = seconds_now();
    cache_drop(cache, series_id); /* its rows change now */
    if (rc == 0)
        rc = write_vintages(st, series_id, out, n_out, ingested_at, rep, err);
    rep->read_seconds = t1 - t0;
    rep->compute_seconds = t2 - t1;
    rep->write_seconds = seconds_now() - t2;
    if (rc == 0)
        rc = mf_repo_derived_set_watermark(st, series_id, watermark, rows, ingested_at, err);
    for (size_t j = 0; j < def.n_inputs; j++)
        mf_free(vin[j]);
    mf_free(out);
    if (rc != 0) {
        mf_store_rollback(st, NULL);
        return rc;
    }
    return mf_store_commit(st, err);
}
