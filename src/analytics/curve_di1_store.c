/*
 * curve_di1_store.c - the DI curve built from the store, and the DI1 instrument row (see
 * curve_di1_store.h).
 */
#include "analytics/curve_di1_store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/curve_store.h"
#include "analytics/di1.h"
#include "core/alloc.h"
#include "store/repo_curves.h"
#include "store/repo_market_prices.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"

int mf_di1_instrument(const mf_calendar *cal, const char *ticker, mf_instrument *out, mf_error *err)
{
    mf_date maturity;
    int rc = mf_di1_maturity_from_ticker(cal, ticker, &maturity, err);
    if (rc != 0)
        return rc;
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(maturity, day);
    mf_instrument in = {.active = true};
    snprintf(in.ticker, sizeof in.ticker, "%s", ticker);
    snprintf(in.name, sizeof in.name, "B3 one-day interbank deposit future %s (maturity %s)",
             ticker, day);
    snprintf(in.asset_class, sizeof in.asset_class, "rates");
    snprintf(in.instrument_type, sizeof in.instrument_type, "future");
    snprintf(in.currency, sizeof in.currency, "BRL");
    snprintf(in.country, sizeof in.country, "BR");
    snprintf(in.exchange, sizeof in.exchange, "B3");
    snprintf(in.contract_spec, sizeof in.contract_spec,
             "{\"contract\": \"DI1\", \"underlying\": \"CDI\", \"maturity\": \"%s\", "
             "\"maturity_rule\": \"first business day of the contract month\", "
             "\"calendar\": \"br\", \"pu_at_maturity_pts\": %.0f, "
             "\"multiplier_brl_per_pt\": 1, \"quote\": \"rate_pct_a_year_bus252\"}",
             day, MF_DI1_NOTIONAL_PTS);
    *out = in;
    return 0;
}

/* The CDI of date as known on as_of, % a year. */
static int read_cdi(mf_store *st, const char *series, mf_date date, mf_date as_of, double *cdi_pct,
                    mf_error *err)
{
    mf_series_info info;
    int rc = mf_repo_series_get(st, series, &info, err);
    if (rc == MF_ENOTFOUND)
        mf_error_prefix(err, "CDI: ");
    if (rc != 0)
        return rc; /* the repository's code, whether or not err is there */
    mf_series *s = NULL;
    if ((rc = mf_repo_obs_asof(st, info.id, date, date, as_of, &s, err)) != 0)
        return rc;
    char day[MF_DATE_ISO_SIZE], known[MF_DATE_ISO_SIZE];
    mf_date_format_iso(date, day);
    mf_date_format_iso(as_of, known);
    size_t n = mf_series_len(s);
    double v = n ? mf_series_values(s)[0] : NAN;
    mf_series_free(s);
    if (n == 0)
        return mf_error_set(err, MF_ENOTFOUND, "no CDI of %s in series '%s' known on %s", day,
                            series, known);
    if (isnan(v))
        return mf_error_set(err, MF_EINVAL, "the CDI of %s in series '%s' is published as missing",
                            day, series);
    *cdi_pct = v;
    return 0;
}

static int by_maturity(const void *a, const void *b)
{
    const mf_di1_quote *x = a, *y = b;
    return (x->maturity > y->maturity) - (x->maturity < y->maturity);
}

/* The DI1 quotes of date known on as_of, in increasing maturity, into q (of MF_DI1_MAX_QUOTES
   - 1); their tickers point into *settles (caller frees). */
static int read_quotes(mf_store *st, const mf_calendar *cal, const char *namespace, mf_date date,
                       mf_date as_of, mf_settle **settles, mf_di1_quote *q, size_t *nq,
                       mf_di1_store_report *rep, mf_error *err)
{
    char prefix[40];
    snprintf(prefix, sizeof prefix, "%sDI1", namespace);
    const size_t skip = strlen(namespace);
    const mf_price_filter di1 = {.instrument_type = "future", .ticker_prefix = prefix};
    size_t n = 0;
    int rc = mf_repo_price_settles(st, &di1, date, as_of, settles, &n, err);
    if (rc != 0)
        return rc;
    char day[MF_DATE_ISO_SIZE], known[MF_DATE_ISO_SIZE];
    mf_date_format_iso(date, day);
    mf_date_format_iso(as_of, known);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const mf_settle *s = &(*settles)[i];
        if (isnan(s->settle)) {
            rep->no_settle++;
            continue;
        }
        mf_date maturity;
        int32_t du;
        if ((rc = mf_di1_maturity_from_ticker(cal, s->ticker + skip, &maturity, err)) != 0)
            return rc;
        if ((rc = mf_calendar_bizdays(cal, date, maturity, &du, err)) != 0) {
            mf_error_prefix(err, "%s: ", s->ticker);
            return rc;
        }
        if (du <= 1) {
            rep->expiring++;
            continue;
        }
        if (m == MF_DI1_MAX_QUOTES - 1)
            return mf_error_set(err, MF_EINVAL, "more than %d DI1 settlements on %s",
                                MF_DI1_MAX_QUOTES - 1, day);
        q[m++] = (mf_di1_quote){s->ticker, maturity, s->settle};
    }
    if (m == 0)
        return mf_error_set(err, MF_ENOTFOUND,
                            "no DI1 settlement of %s known on %s (%zu left out: %zu expiring, "
                            "%zu without a settle)",
                            day, known, rep->expiring + rep->no_settle, rep->expiring,
                            rep->no_settle);
    qsort(q, m, sizeof *q, by_maturity);
    *nq = m;
    return 0;
}

/* The vertex of maturity du business days away whose node rate is rate_pct. */
static void vertex(const mf_curve *curve, mf_date date, mf_date maturity, int32_t du,
                   double rate_pct, mf_curve_vertex *v)
{
    /* The same operations as mf_di1_curve_build(): t = du / 252.0, DF = (1 + r/100)^-t. */
    double t = du / 252.0;
    v->tenor_bd = du;
    v->tenor_cd = (int32_t)(maturity - date);
    v->maturity = maturity;
    v->discount_factor = pow(1.0 + rate_pct / 100.0, -t);
    v->zero_rate_pct = mf_curve_zero_pct_bus252(mf_curve_df(curve, t), t);
}

int mf_di1_curve_build_stored(mf_store *st, const mf_calendar *cal, mf_date curve_date,
                              const mf_di1_store_options *opt, mf_curve *curve,
                              mf_di1_store_report *rep, mf_error *err)
{
    const char *code = opt && opt->curve_code ? opt->curve_code : MF_DI1_STORE_CURVE_CODE;
    const char *cdi_series = opt && opt->cdi_series ? opt->cdi_series : MF_DI1_STORE_CDI_SERIES;
    mf_date as_of = opt && opt->as_of > curve_date ? opt->as_of : curve_date;
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(curve_date, day);
    if (strlen(code) >= MF_CURVE_CODE_MAX)
        return mf_error_set(err, MF_EINVAL, "invalid curve code '%.80s': at most %d characters",
                            code, MF_CURVE_CODE_MAX - 1);
    int rc = mf_calendar_require_business_day(cal, curve_date, "curve date", err);
    if (rc != 0)
        return rc;
    mf_di1_store_report r = {0};
    mf_settle *settles = NULL;
    mf_di1_quote *q = mf_calloc(MF_DI1_MAX_QUOTES, sizeof *q);
    mf_curve_vertex *v = mf_calloc(MF_DI1_MAX_QUOTES, sizeof *v);
    size_t nq = 0;
    if ((rc = read_cdi(st, cdi_series, curve_date, as_of, &r.cdi_pct, err)) != 0 ||
        (rc = read_quotes(st, cal, opt && opt->ticker_prefix ? opt->ticker_prefix : "", curve_date,
                          as_of, &settles, q, &nq, &r, err)) != 0 ||
        (rc = mf_di1_curve_build(cal, curve_date, r.cdi_pct, q, nq, curve, err)) != 0)
        goto out;
    mf_date next;
    if ((rc = mf_calendar_advance(cal, curve_date, 1, &next, err)) != 0)
        goto out;
    vertex(curve, curve_date, next, 1, r.cdi_pct, &v[0]);
    for (size_t i = 0; i < nq; i++) {
        int32_t du;
        if ((rc = mf_calendar_bizdays(cal, curve_date, q[i].maturity, &du, err)) != 0)
            goto out;
        vertex(curve, curve_date, q[i].maturity, du, q[i].rate_pct, &v[i + 1]);
    }
    mf_curve_head head = {.date = curve_date};
    snprintf(head.code, sizeof head.code, "%s", code);
    snprintf(head.day_count, sizeof head.day_count, "bus/252");
    snprintf(head.compounding, sizeof head.compounding, "annual");
    /* Where the contracts came from: B3's, or a namespace's (SIM. -> "SIM.di1", simulated). */
    snprintf(head.source, sizeof head.source, "%sdi1",
             opt && opt->ticker_prefix && opt->ticker_prefix[0] ? opt->ticker_prefix : "b3_");
    if ((rc = mf_repo_curve_put(st, &head, v, nq + 1, err)) != 0)
        goto out;
    r.contracts = nq;
    r.vertices = nq + 1;
    if (rep)
        *rep = r;
out:
    mf_free(settles);
    mf_free(q);
    mf_free(v);
    return rc;
}
