/*
 * ingest_plan.c - turns the catalogue in the store into the ingestion engine's work: items
 * (one connector request and the series and instruments it feeds) grouped by source
 * (ingest_int.h).
 */
#include <string.h>

#include "core/alloc.h"
#include "data/ingest_int.h"
#include "store/repo_instruments.h"
#include "store/repo_series.h"

/* Whether code is one of the NULL-terminated codes (every code when codes is NULL). */
static bool wanted(const char *const *codes, const char *code)
{
    if (!codes)
        return true;
    for (const char *const *c = codes; *c; c++)
        if (strcmp(*c, code) == 0)
            return true;
    return false;
}

static ingest_item *item_for(ingest_plan *p, const mf_connector *conn, const char *request)
{
    for (size_t i = 0; i < p->n_items; i++)
        if (p->items[i].conn == conn && strcmp(p->items[i].request, request) == 0)
            return &p->items[i];
    if (p->n_items == p->cap_items) {
        p->cap_items = p->cap_items ? 2 * p->cap_items : 64;
        p->items = mf_reallocarray(p->items, p->cap_items, sizeof *p->items);
    }
    ingest_item *it = &p->items[p->n_items++];
    memset(it, 0, sizeof *it);
    it->conn = conn;
    snprintf(it->request, sizeof it->request, "%s", request);
    return it;
}

static void add_target(ingest_item *it, const ingest_target *t)
{
    if (it->n_targets == it->cap_targets) {
        it->cap_targets = it->cap_targets ? 2 * it->cap_targets : 4;
        it->targets = mf_reallocarray(it->targets, it->cap_targets, sizeof *it->targets);
    }
    it->targets[it->n_targets++] = *t;
}

/* The connector of a catalogued row, or NULL (with an error when the row was asked for by
   code: a series of the source "user" cannot be fetched). */
static int connector_of(const char *source, const char *code, bool named, const mf_connector **out,
                        mf_error *err)
{
    *out = mf_connector_find(source);
    if (!*out && named)
        return mf_error_set(err, MF_EINVAL,
                            "'%s' comes from source '%s', which no connector serves", code, source);
    return 0;
}

static int plan_series(mf_store *st, const mf_ingest_options *o, ingest_plan *p, mf_error *err)
{
    mf_series_filter f = MF_SERIES_FILTER_ALL;
    f.source = o->source;
    mf_series_info *rows = NULL;
    size_t n = 0;
    int rc = mf_repo_series_list(st, &f, &rows, &n, err);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const mf_series_info *s = &rows[i];
        if (!wanted(o->codes, s->code))
            continue;
        const mf_connector *conn;
        if ((rc = connector_of(s->source, s->code, o->codes != NULL, &conn, err)) != 0 || !conn)
            continue;
        char request[128];
        conn->request_of(s->source_key, request, sizeof request);
        ingest_target t = {.is_series = true,
                           .id = s->id,
                           .frequency = s->frequency,
                           .lag_days = s->release_lag_days < 0 ? 0 : s->release_lag_days};
        snprintf(t.key, sizeof t.key, "%s", s->source_key);
        snprintf(t.country, sizeof t.country, "%s", s->country);
        add_target(item_for(p, conn, request), &t);
    }
    mf_free(rows);
    return rc;
}

static int plan_instruments(mf_store *st, const mf_ingest_options *o, ingest_plan *p, mf_error *err)
{
    mf_instrument *rows = NULL;
    size_t n = 0;
    int rc = mf_repo_instrument_list(st, NULL, &rows, &n, err);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const mf_instrument *in = &rows[i];
        if (in->source[0] == '\0' || !wanted(o->codes, in->ticker) ||
            (o->source && strcmp(o->source, in->source) != 0))
            continue;
        const mf_connector *conn;
        if ((rc = connector_of(in->source, in->ticker, o->codes != NULL, &conn, err)) != 0 || !conn)
            continue;
        char request[128];
        conn->request_of(in->source_key, request, sizeof request);
        ingest_target t = {.is_series = false, .id = in->id};
        snprintf(t.key, sizeof t.key, "%s", in->source_key);
        add_target(item_for(p, conn, request), &t);
    }
    mf_free(rows);
    return rc;
}

/* Standing requests (B3's DI1 family) of the connectors the run covers. */
static void plan_standing(const mf_ingest_options *o, ingest_plan *p)
{
    if (o->codes)
        return;
    size_t n;
    const mf_connector *const *all = mf_connectors(&n);
    for (size_t i = 0; i < n; i++) {
        if (!all[i]->standing_requests || (o->source && strcmp(o->source, all[i]->name) != 0))
            continue;
        for (const char *const *r = all[i]->standing_requests; *r; r++)
            item_for(p, all[i], *r)->standing = true;
    }
}

/* Groups the items by connector, in registry order, so one worker runs a source's items. */
static void group_sources(ingest_plan *p)
{
    size_t n;
    const mf_connector *const *all = mf_connectors(&n);
    p->sources = mf_calloc(n ? n : 1, sizeof *p->sources);
    for (size_t c = 0; c < n; c++) {
        ingest_source *src = &p->sources[p->n_sources];
        for (size_t i = 0; i < p->n_items; i++) {
            if (p->items[i].conn != all[c])
                continue;
            if (src->n_items == 0) {
                src->conn = all[c];
                src->first = i;
            }
            src->n_items++;
        }
        if (src->n_items > 0)
            p->n_sources++;
    }
}

/* Orders items by connector (a stable pass: insertion order within a connector). */
static void sort_items(ingest_plan *p)
{
    size_t n;
    const mf_connector *const *all = mf_connectors(&n);
    ingest_item *sorted = mf_calloc(p->n_items ? p->n_items : 1, sizeof *sorted);
    size_t k = 0;
    for (size_t c = 0; c < n; c++)
        for (size_t i = 0; i < p->n_items; i++)
            if (p->items[i].conn == all[c])
                sorted[k++] = p->items[i];
    mf_free(p->items);
    p->items = sorted;
    p->cap_items = p->n_items;
}

/* Every code asked for is a catalogued series or instrument (of o->source, when given). */
static int check_codes(mf_store *st, const mf_ingest_options *o, mf_error *err)
{
    for (const char *const *c = o->codes; c && *c; c++) {
        mf_series_info s;
        mf_instrument in;
        const char *source;
        if (mf_repo_series_get(st, *c, &s, NULL) == 0)
            source = s.source;
        else if (mf_repo_instrument_get(st, *c, &in, NULL) == 0)
            source = in.source;
        else
            return mf_error_set(err, MF_EINVAL,
                                "unknown series or instrument '%s': see 'mf series list'; "
                                "'mf init' loads the catalogue",
                                *c);
        if (o->source && strcmp(source, o->source) != 0)
            return mf_error_set(err, MF_EINVAL, "'%s' comes from source '%s', not '%s'", *c, source,
                                o->source);
    }
    return 0;
}

int mf__ingest_plan(mf_store *st, const mf_ingest_options *o, ingest_plan *p, mf_error *err)
{
    memset(p, 0, sizeof *p);
    if (o->source && !mf_connector_find(o->source))
        return mf_error_set(err, MF_EINVAL, "unknown source '%s'", o->source);
    int rc = check_codes(st, o, err);
    if (rc == 0)
        rc = plan_series(st, o, p, err);
    if (rc == 0)
        rc = plan_instruments(st, o, p, err);
    if (rc != 0) {
        mf__ingest_plan_free(p);
        return rc;
    }
    plan_standing(o, p);
    sort_items(p);
    group_sources(p);
    return 0;
}

void mf__ingest_plan_free(ingest_plan *p)
{
    for (size_t i = 0; i < p->n_items; i++)
        mf_free(p->items[i].targets);
    mf_free(p->items);
    mf_free(p->sources);
    memset(p, 0, sizeof *p);
}
