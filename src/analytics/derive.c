/*
 * derive.c - the point-in-time engine of derived series (see derive.h and
 * docs/transforms.md for the algorithm).
 *
 * The usual case - no input revisions - is one pass: the transform over the first vintages,
 * and each output dated by a sliding maximum (a monotone deque) of its cells' first
 * available_at over its lookback. Revisions are taken in order of available_at; each
 * updates the cells it feeds and recomputes only the positions whose lookback covers them
 * (plus the lookback before them, for the transform's state), which become candidates; the
 * candidates of each position, sorted by time, become its vintages.
 */
#include "analytics/derive.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "store/repo_derived.h"

#define NONE SIZE_MAX

/* One input's observations: obs p has dates[p] and vintages in[off[p] .. off[p + 1]). */
typedef struct obs_index {
    size_t m;
    mf_date *dates;
    size_t *off;
    size_t *lo, *hi; /* aligned positions fed by obs p (lo NONE: none) */
} obs_index;

typedef struct event {
    mf_date t;
    size_t j, p;
    double value;
} event;

typedef struct cand {
    size_t i;
    mf_date time, rev;
    double value;
} cand;

typedef struct range {
    size_t lo, hi;
} range;

static int cmp_event(const void *a, const void *b)
{
    const event *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->i != y->i)
        return (x->i > y->i) - (x->i < y->i);
    if (x->time != y->time)
        return (x->time > y->time) - (x->time < y->time);
    return (x->rev > y->rev) - (x->rev < y->rev);
}

static int cmp_range(const void *a, const void *b)
{
    const range *x = a, *y = b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}

static double sane(double v)
{
    return isfinite(v) ? v : NAN;
}

/* Equal as published values: both missing, or within 1e-13 relative. */
static bool close_to(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) <= 1e-13 * fmax(fabs(a), fabs(b));
}

static void index_build(const mf_derive_input *in, obs_index *ix)
{
    ix->m = 0;
    for (size_t v = 0; v < in->n; v++)
        if (v == 0 || in->v[v].obs_date != in->v[v - 1].obs_date)
            ix->m++;
    ix->dates = mf_malloc((ix->m + 1) * sizeof *ix->dates);
    ix->off = mf_malloc((ix->m + 1) * sizeof *ix->off);
    ix->lo = mf_malloc((ix->m + 1) * sizeof *ix->lo);
    ix->hi = mf_malloc((ix->m + 1) * sizeof *ix->hi);
    size_t p = 0;
    for (size_t v = 0; v < in->n; v++)
        if (v == 0 || in->v[v].obs_date != in->v[v - 1].obs_date) {
            ix->dates[p] = in->v[v].obs_date;
            ix->off[p] = v;
            ix->lo[p] = ix->hi[p] = NONE;
            p++;
        }
    ix->off[ix->m] = in->n;
}

static void index_release(obs_index *ix)
{
    mf_free(ix->dates);
    mf_free(ix->off);
    mf_free(ix->lo);
    mf_free(ix->hi);
}

/* Output vintages, grown as needed. */
typedef struct outbuf {
    mf_obs_vintage *v;
    size_t n, cap;
} outbuf;

static void out_push(outbuf *o, mf_date d, mf_date a, double value)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 1024;
        o->v = mf_reallocarray(o->v, o->cap, sizeof *o->v);
    }
    o->v[o->n++] = (mf_obs_vintage){d, a, value};
}

/* The state of one computation: the aligned cells and what dates them. */
typedef struct engine {
    const mf_transform *t;
    const mf_tf_params *p;
    size_t k, n, lookback;
    obs_index ix[MF_TF_MAX_INPUTS];
    mf_date *dates;   /* the output index: input 0's obs_dates */
    double *cur;      /* k * n cells as currently known */
    mf_date *avail;   /* k * n: first available_at of each cell's source (MF_DATE_MIN: none) */
    mf_date *a0;      /* n: first publication of each position */
    double *ws, *tmp; /* workspaces: k * n and n */
} engine;

/*
 * The expectation of a release: among the vintages of input observations dated in the
 * release's calendar month, known before the release (available_at < release), the one of
 * the latest obs_date, then the latest available_at. NaN when none.
 */
static double prior_value(const obs_index *ix, const mf_derive_input *in, mf_date d,
                          mf_date release)
{
    mf_date first = mf_date_ymd(mf_date_year(d), mf_date_month(d), 1), last = mf_date_month_end(d);
    size_t lo = 0, hi = ix->m;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->dates[mid] < first)
            lo = mid + 1;
        else
            hi = mid;
    }
    double value = NAN;
    for (size_t p = lo; p < ix->m && ix->dates[p] <= last; p++)
        for (size_t v = ix->off[p]; v < ix->off[p + 1]; v++)
            if (in->v[v].available_at < release)
                value = in->v[v].value;
    return value;
}

/* Puts the inputs on input 0's dates with their first vintages (or the prior one). */
static void align(engine *e, const mf_derive_input *in)
{
    size_t n = e->n;
    for (size_t j = 0; j < e->k; j++) {
        obs_index *ix = &e->ix[j];
        bool prior = j == 1 && e->t->align == MF_TF_ALIGN_PRIOR;
        size_t p = 0;
        for (size_t i = 0; i < n; i++) {
            size_t c = j * n + i, src = NONE;
            while (p < ix->m && ix->dates[p] <= e->dates[i])
                p++;
            if (p > 0)
                src = p - 1;
            e->cur[c] = NAN;
            e->avail[c] = MF_DATE_MIN;
            if (prior) { /* known before the release: never binds; not revised */
                e->cur[c] =
                    prior_value(ix, &in[j], e->dates[i], in[0].v[e->ix[0].off[i]].available_at);
                continue;
            }
            if (src == NONE)
                continue;
            e->cur[c] = in[j].v[ix->off[src]].value;
            e->avail[c] = in[j].v[ix->off[src]].available_at;
            if (ix->lo[src] == NONE)
                ix->lo[src] = i;
            ix->hi[src] = i;
        }
    }
}

/* a0[i]: the latest first available_at of the cells position i reads. */
static void first_publication(engine *e)
{
    size_t n = e->n, L = e->lookback;
    mf_date *row = e->a0;
    for (size_t i = 0; i < n; i++) {
        row[i] = MF_DATE_MIN;
        for (size_t j = 0; j < e->k; j++)
            if (e->avail[j * n + i] > row[i])
                row[i] = e->avail[j * n + i];
    }
    if (e->t->two_sided) {
        mf_date g = MF_DATE_MIN;
        for (size_t i = 0; i < n; i++)
            g = row[i] > g ? row[i] : g;
        for (size_t i = 0; i < n; i++)
            row[i] = g;
        return;
    }
    if (L == MF_TF_ALL || L >= n) {
        for (size_t i = 1; i < n; i++)
            row[i] = row[i] > row[i - 1] ? row[i] : row[i - 1];
        return;
    }
    /* sliding maximum over i - L .. i: a monotone deque of positions (decreasing values) */
    size_t *dq = mf_malloc((n + 1) * sizeof *dq), head = 0, tail = 0;
    mf_date *max = mf_malloc((n + 1) * sizeof *max);
    for (size_t i = 0; i < n; i++) {
        while (tail > head && row[dq[tail - 1]] <= row[i])
            tail--;
        dq[tail++] = i;
        if (dq[head] + L < i)
            head++;
        max[i] = row[dq[head]];
    }
    memcpy(row, max, n * sizeof *row);
    mf_free(dq);
    mf_free(max);
}

/* Runs the transform over positions s..e-1 of the current cells into e->tmp. */
static int run_slice(engine *e, size_t s, size_t end, mf_error *err)
{
    size_t len = end - s;
    for (size_t j = 0; j < e->k; j++)
        memcpy(e->ws + j * len, e->cur + j * e->n + s, len * sizeof *e->ws);
    mf_tf_input in = {len, e->k, e->dates + s, e->ws};
    return e->t->run(&in, e->p, e->tmp, err);
}

/* The positions of cells a revision event changes, applied to the current cells. */
static bool apply_event(engine *e, const event *ev, size_t *lo, size_t *hi)
{
    const obs_index *ix = &e->ix[ev->j];
    if (ix->lo[ev->p] == NONE)
        return false;
    bool changed = false;
    for (size_t i = ix->lo[ev->p]; i <= ix->hi[ev->p]; i++) {
        double *c = &e->cur[ev->j * e->n + i];
        if (!mf__tf_same(*c, ev->value)) {
            *c = ev->value;
            changed = true;
        }
    }
    *lo = ix->lo[ev->p];
    *hi = ix->hi[ev->p];
    return changed;
}

/* Emits the vintages of positions from_pos.. from the sorted candidates. */
static void emit(const engine *e, const cand *c, size_t nc, outbuf *o)
{
    for (size_t a = 0; a < nc;) {
        size_t i = c[a].i;
        bool published = false;
        double last = NAN;
        while (a < nc && c[a].i == i) {
            size_t b = a;
            while (b + 1 < nc && c[b + 1].i == i && c[b + 1].time == c[a].time)
                b++; /* same time: the latest revision's value */
            double v = c[b].value;
            if (published ? !close_to(v, last) : !isnan(v)) {
                out_push(o, e->dates[i], c[a].time, v);
                published = true;
                last = v;
            }
            a = b + 1;
        }
    }
}

static void engine_release(engine *e)
{
    for (size_t j = 0; j < e->k; j++)
        index_release(&e->ix[j]);
    mf_free(e->cur);
    mf_free(e->avail);
    mf_free(e->a0);
    mf_free(e->ws);
    mf_free(e->tmp);
}

int mf_derive_compute(const mf_transform *t, const mf_tf_params *p, const mf_derive_input *in,
                      size_t k, mf_date from, mf_obs_vintage **out, size_t *n_out, mf_error *err)
{
    if (k < t->min_inputs || k > t->max_inputs)
        return mf_error_set(err, MF_EINVAL, "transform '%s' takes %zu..%zu inputs, not %zu",
                            t->name, t->min_inputs, t->max_inputs, k);
    engine e = {.t = t, .p = p, .k = k, .lookback = t->lookback(p)};
    for (size_t j = 0; j < k; j++)
        index_build(&in[j], &e.ix[j]);
    size_t n = e.n = e.ix[0].m;
    e.dates = e.ix[0].dates;
    e.cur = mf_malloc((k * n + 1) * sizeof *e.cur);
    e.avail = mf_malloc((k * n + 1) * sizeof *e.avail);
    e.a0 = mf_malloc((n + 1) * sizeof *e.a0);
    e.ws = mf_malloc((k * n + 1) * sizeof *e.ws);
    e.tmp = mf_malloc((n + 1) * sizeof *e.tmp);
    outbuf o = {0};
    event *ev = NULL;
    cand *c = NULL;
    range *rg = NULL;
    size_t from_pos = 0, nev = 0, nc = 0, ccap = 0;
    while (from_pos < n && e.dates[from_pos] < from)
        from_pos++;
    if (t->two_sided)
        from_pos = 0;

    align(&e, in);
    first_publication(&e);
    int rc = run_slice(&e, 0, n, err);
    if (rc != 0)
        goto out;
    for (size_t j = 0; j < k; j++) {
        if (j == 1 && t->align == MF_TF_ALIGN_PRIOR)
            continue;
        for (size_t q = 0; q < e.ix[j].m; q++)
            nev += e.ix[j].off[q + 1] - e.ix[j].off[q] - 1;
    }
    if (nev == 0) { /* the usual case: one vintage per position */
        for (size_t i = from_pos; i < n; i++)
            if (!isnan(sane(e.tmp[i])))
                out_push(&o, e.dates[i], e.a0[i], sane(e.tmp[i]));
        goto out;
    }

    ev = mf_malloc(nev * sizeof *ev);
    nev = 0;
    for (size_t j = 0; j < k; j++) {
        if (j == 1 && t->align == MF_TF_ALIGN_PRIOR)
            continue;
        for (size_t q = 0; q < e.ix[j].m; q++)
            for (size_t v = e.ix[j].off[q] + 1; v < e.ix[j].off[q + 1]; v++)
                ev[nev++] = (event){in[j].v[v].available_at, j, q, in[j].v[v].value};
    }
    qsort(ev, nev, sizeof *ev, cmp_event);
    ccap = n + nev;
    c = mf_malloc(ccap * sizeof *c);
    for (size_t i = from_pos; i < n; i++)
        c[nc++] = (cand){i, e.a0[i], MF_DATE_MIN, sane(e.tmp[i])};
    rg = mf_malloc(nev * sizeof *rg);
    size_t L = e.lookback;
    for (size_t g = 0; g < nev;) {
        size_t h = g, nr = 0;
        mf_date tt = ev[g].t;
        for (; h < nev && ev[h].t == tt; h++) {
            size_t lo, hi;
            if (!apply_event(&e, &ev[h], &lo, &hi))
                continue;
            if (t->two_sided)
                lo = 0, hi = n - 1;
            else
                hi = (L == MF_TF_ALL || hi + L >= n - 1) ? n - 1 : hi + L;
            rg[nr++] = (range){lo, hi};
        }
        g = h;
        qsort(rg, nr, sizeof *rg, cmp_range);
        for (size_t r = 0; r < nr;) {
            size_t lo = rg[r].lo, hi = rg[r].hi;
            for (r++; r < nr && rg[r].lo <= hi + 1; r++)
                hi = rg[r].hi > hi ? rg[r].hi : hi;
            size_t s = (t->two_sided || L == MF_TF_ALL || lo < L) ? 0 : lo - L;
            size_t end = t->two_sided ? n : hi + 1;
            if ((rc = run_slice(&e, s, end, err)) != 0)
                goto out;
            for (size_t i = lo > from_pos ? lo : from_pos; i <= hi; i++) {
                if (nc == ccap) {
                    ccap *= 2;
                    c = mf_reallocarray(c, ccap, sizeof *c);
                }
                c[nc++] = (cand){i, tt > e.a0[i] ? tt : e.a0[i], tt, sane(e.tmp[i - s])};
            }
        }
    }
    qsort(c, nc, sizeof *c, cmp_cand);
    emit(&e, c, nc, &o);
out:
    mf_free(ev);
    mf_free(c);
    mf_free(rg);
    engine_release(&e);
    if (rc != 0) {
        mf_free(o.v);
        return rc;
    }
    *out = o.v;
    *n_out = o.n;
    return 0;
}
