/*
 * curve_real_store.c - the BRL real curve built from the store's NTN-B yields, and its
 * breakeven against the stored DI curve (see curve_real_store.h).
 */
#include "analytics/curve_real_store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/curve_store.h"
#include "analytics/curve_stored.h"
#include "core/alloc.h"
#include "store/repo_curves.h"
#include "store/repo_market_prices.h"

/* The build's buffers, allocated once a date. */
typedef struct real_store_work {
    mf_ntnb_quote q[MF_REAL_MAX_QUOTES];
    mf_date mat[MF_REAL_MAX_QUOTES];
    double df[MF_REAL_MAX_QUOTES];
    mf_curve_vertex v[MF_REAL_MAX_QUOTES];
} real_store_work;

static int by_maturity(const void *a, const void *b)
{
    const mf_ntnb_quote *x = a, *y = b;
    return (x->maturity > y->maturity) - (x->maturity < y->maturity);
}

/* The maturity of "NTNB-YYYYMMDD" (after the namespace). */
static int maturity_of(const char *ticker, size_t skip, mf_date *out, mf_error *err)
{
    const char *s = ticker + skip + 5; /* after "NTNB-" */
    int ymd[3] = {0, 0, 0};
    static const int width[3] = {4, 2, 2};
    bool ok = strlen(s) == 8;
    for (int k = 0, at = 0; ok && k < 3; at += width[k], k++)
        for (int i = 0; i < width[k]; i++) {
            char c = s[at + i];
            ok = ok && c >= '0' && c <= '9';
            ymd[k] = ymd[k] * 10 + (c - '0');
        }
    if (!ok || mf_date_from_ymd(ymd[0], ymd[1], ymd[2], out, NULL) != 0)
        return mf_error_set(err, MF_EINVAL,
                            "NTN-B ticker '%s': expected NTNB-YYYYMMDD (the maturity)", ticker);
    return 0;
}

/* The NTN-B quotes of date known on as_of, in increasing maturity, into w->q; their names point
   into *rows (caller frees). */
static int read_quotes(mf_store *st, const mf_calendar *cal, const char *namespace, mf_date date,
                       mf_date as_of, mf_settle **rows, real_store_work *w, size_t *nq,
                       mf_real_store_report *rep, mf_error *err)
{
    char prefix[40];
    snprintf(prefix, sizeof prefix, "%sNTNB-", namespace);
    const mf_price_filter ntnb = {.instrument_type = "bond", .ticker_prefix = prefix};
    size_t n = 0, m = 0;
    int rc = mf_repo_price_settles(st, &ntnb, date, as_of, rows, &n, err);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        const mf_settle *s = &(*rows)[i];
        if (isnan(s->yield_pct)) {
            rep->no_yield++;
            continue;
        }
        mf_date maturity = 0;
        int32_t du = 0;
        if ((rc = maturity_of(s->ticker, strlen(namespace), &maturity, err)) != 0)
            return rc;
        if (maturity <= date) {
            rep->expiring++;
            continue;
        }
        if ((rc = mf_calendar_bizdays(cal, date, maturity, &du, err)) != 0) {
            mf_error_prefix(err, "%s: ", s->ticker);
            return rc;
        }
        if (du <= 1) {
            rep->expiring++;
            continue;
        }
        if (m == MF_REAL_MAX_QUOTES)
            return mf_error_set(err, MF_EINVAL, "more than %d NTN-B yields", MF_REAL_MAX_QUOTES);
        w->q[m++] = (mf_ntnb_quote){s->ticker, maturity, s->yield_pct};
    }
    char day[MF_DATE_ISO_SIZE];
    if (m == 0)
        return mf_error_set(err, MF_ENOTFOUND,
                            "no NTN-B yield (%s*) of %s (%zu left out: %zu expiring, %zu without "
                            "a yield)",
                            prefix, mf_date_format_iso(date, day), rep->expiring + rep->no_yield,
                            rep->expiring, rep->no_yield);
    qsort(w->q, m, sizeof *w->q, by_maturity);
    *nq = m;
    return 0;
}

static void set_head(mf_curve_head *h, const char *code, mf_date date, const char *source)
{
    memset(h, 0, sizeof *h);
    h->date = date;
    snprintf(h->code, sizeof h->code, "%s", code);
    snprintf(h->day_count, sizeof h->day_count, "bus/252");
    snprintf(h->compounding, sizeof h->compounding, "annual");
    snprintf(h->source, sizeof h->source, "%s", source);
}

/* Stores the breakeven of date against the stored pre curve, if there is one. */
static int store_breakeven(mf_store *st, const mf_calendar *cal, mf_date date,
                           const mf_real_store_options *opt, const mf_curve *real,
                           real_store_work *w, size_t n, mf_real_store_report *rep, mf_error *err)
{
    const char *pre_code = opt->pre_code ? opt->pre_code : MF_REAL_STORE_PRE_CODE;
    const char *code = opt->breakeven_code ? opt->breakeven_code : MF_REAL_STORE_BREAKEVEN_CODE;
    mf_stored_curve pre;
    mf_error e2;
    int rc = mf_stored_curve_load(st, pre_code, date, &pre, &e2);
    if (rc == MF_ENOTFOUND) {
        rep->pre_missing = true;
        return 0;
    }
    if (rc != 0) {
        *err = e2;
        return rc;
    }
    char day[MF_DATE_ISO_SIZE];
    if (pre.day_count != MF_CURVE_BUS252) {
        rc = mf_error_set(err, MF_EINVAL, "pre curve '%s' of %s is %s, not bus/252", pre_code,
                          mf_date_format_iso(date, day), pre.head.day_count);
    } else if ((rc = mf_breakeven_node_dfs(cal, date, pre.curve, real, w->mat, n, w->df, err)) ==
               0) {
        mf_curve_head h;
        set_head(&h, code, date, "store_ntnb_di1");
        rc = mf_curve_store_nodes(st, cal, &h, w->mat, w->df, n, w->v, err);
        rep->breakeven = rc == 0;
    }
    mf_stored_curve_release(&pre);
    return rc;
}

int mf_real_curve_build_stored(mf_store *st, const mf_calendar *cal, mf_date curve_date,
                               const mf_real_store_options *opt, mf_curve *real,
                               mf_real_store_report *rep, mf_error *err)
{
    static const mf_real_store_options none = {0};
    if (opt == NULL)
        opt = &none;
    const char *code = opt->curve_code ? opt->curve_code : MF_REAL_STORE_CURVE_CODE;
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(curve_date, day);
    int rc = mf_calendar_require_business_day(cal, curve_date, "curve date", err);
    if (rc != 0)
        return rc;
    mf_real_store_report r = {0};
    mf_settle *rows = NULL;
    real_store_work *w = mf_calloc(1, sizeof *w);
    size_t n = 0;
    /* point in time, as di1: the yields known on the curve date, or on a later --as-of */
    mf_date as_of = opt->as_of > curve_date ? opt->as_of : curve_date;
    if ((rc = read_quotes(st, cal, opt->ticker_prefix ? opt->ticker_prefix : "", curve_date, as_of,
                          &rows, w, &n, &r, err)) != 0 ||
        (rc = mf_real_curve_build(cal, curve_date, w->q, n, real, err)) != 0)
        goto out;
    if (mf_curve_size(real) != n) {
        rc = mf_error_set(err, MF_ESTATE, "real curve of %s: %zu nodes for %zu bonds", day,
                          mf_curve_size(real), n);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        w->mat[i] = w->q[i].maturity;
        w->df[i] = mf_curve_node_df(real, i);
    }
    mf_curve_head h;
    set_head(&h, code, curve_date, "store_ntnb");
    if ((rc = mf_store_begin(st, err)) != 0)
        goto out;
    rc = mf_curve_store_nodes(st, cal, &h, w->mat, w->df, n, w->v, err);
    if (rc == 0 && opt->breakeven)
        rc = store_breakeven(st, cal, curve_date, opt, real, w, n, &r, err);
    if (rc == 0) {
        rc = mf_store_commit(st, err);
    } else {
        mf_error e2;
        mf_store_rollback(st, &e2);
    }
    if (rc != 0)
        goto out;
    r.bonds = n;
    if (rep)
        *rep = r;
out:
    mf_free(rows);
    mf_free(w);
    return rc;
}
