/*
 * cds.c - the ISDA CDS Standard Model (cds.h): protection and premium legs on a piecewise
 * flat-forward discount curve and a piecewise-flat hazard rate, and the spread / hazard /
 * upfront conversions.
 *
 * The leg formulas are the closed forms of the ISDA Standard Model (ISDA CDS Standard Model
 * code, www.cdsmodel.com; R. White, "The Pricing and Risk Management of Credit Default Swaps,
 * with a Focus on the ISDA Model", OpenGamma 2013, formulas (48)-(52)), written as QuantLib
 * 1.29 writes them in IsdaCdsEngine (Taylor expansion below 1e-4, the half-day accrual bias),
 * the implementation our fixture checks against. Over an interval where the forward rate f
 * and the hazard rate h are constant, with fh = ln P0 - ln P1, hh = ln Q0 - ln Q1, s = fh + hh:
 *   protection   = hh / s (P0 Q0 - P1 Q1)
 *   accrual      = hh / s [ (t1 - t0) ((P0 Q0 - P1 Q1) / s - P1 Q1) + (t0 - ts) (P0 Q0 - P1 Q1) ]
 * (the integrals of P Q h and of (t - ts) P Q h dt), and their Taylor series when |s| < 1e-4.
 */
#include "analytics/cds.h"

#include <math.h>
#include <string.h>

#include "analytics/solve.h"

#define TAYLOR_BELOW 1e-4
#define HAZARD_XTOL  1e-14
#define MAX_NODES    512

/* What the leg loops need, prepared once per pricing. */
typedef struct legs_ctx {
    const mf_cds_contract *k;
    const mf_cds_curves *m;
    mf_date nodes[MAX_NODES]; /* the dated nodes of both curves, sorted, unique */
    size_t n_nodes;
    double hazard_cum[MF_CDS_MAX_HAZARD_NODES]; /* integral of the hazard to each node */
} legs_ctx;

static double years(const legs_ctx *c, mf_date d)
{
    return (double)(d - c->k->trade) / 365.0;
}

static double df(const legs_ctx *c, mf_date d)
{
    double t = years(c, d);
    return c->m->discount ? mf_curve_df(c->m->discount, t) : exp(-c->m->discount_rate * t);
}

static double survival(const legs_ctx *c, mf_date d)
{
    const mf_cds_curves *m = c->m;
    double t = years(c, d);
    if (m->hazard_n == 0)
        return exp(-m->hazard * t);
    /* hazard_rates[i] holds on (dates[i-1], dates[i]]; the last one continues beyond. */
    size_t i = 0;
    while (i + 1 < m->hazard_n && m->hazard_dates[i] < d)
        i++;
    double t_prev = i == 0 ? 0.0 : years(c, m->hazard_dates[i - 1]);
    double cum = i == 0 ? 0.0 : c->hazard_cum[i - 1];
    return exp(-(cum + m->hazard_rates[i] * (t - t_prev)));
}

static int check_hazard(double h, const char *what, size_t i, mf_error *err)
{
    if (!(h >= 0.0 && h <= MF_CDS_HAZARD_MAX))
        return mf_error_set(err, MF_EINVAL, "%s %zu: %g outside 0..%g a year", what, i, h,
                            MF_CDS_HAZARD_MAX);
    return 0;
}

/* Validates the inputs and gathers the curve nodes into c. */
static int prepare(legs_ctx *c, const mf_cds_contract *k, const mf_cds_curves *m, mf_error *err)
{
    char buf[MF_DATE_ISO_SIZE];
    c->k = k;
    c->m = m;
    c->n_nodes = 0;
    if (!(k->recovery >= 0.0 && k->recovery < 1.0))
        return mf_error_set(err, MF_EINVAL, "recovery %g outside [0, 1)", k->recovery);
    mf_date disc[MAX_NODES] = {0};
    size_t nd = 0;
    if (m->discount == NULL) {
        if (!(m->discount_rate >= MF_CDS_RATE_MIN && m->discount_rate <= MF_CDS_RATE_MAX))
            return mf_error_set(err, MF_EINVAL, "discount rate %g outside %g..%g", m->discount_rate,
                                MF_CDS_RATE_MIN, MF_CDS_RATE_MAX);
    } else {
        nd = mf_curve_size(m->discount);
        if (nd > MAX_NODES)
            return mf_error_set(err, MF_EINVAL, "discount curve has %zu nodes (at most %d)", nd,
                                MAX_NODES);
        for (size_t i = 0; i < nd; i++) {
            double days = mf_curve_node_t(m->discount, i) * 365.0, whole = round(days);
            if (fabs(days - whole) > 1e-6 || whole > 366.0 * 200)
                return mf_error_set(err, MF_EINVAL,
                                    "discount node %zu at t = %.12g years is not a whole number "
                                    "of days (ACT/365F) after the trade date",
                                    i, mf_curve_node_t(m->discount, i));
            disc[i] = k->trade + (mf_date)whole;
        }
    }
    if (m->hazard_n == 0) {
        if (check_hazard(m->hazard, "hazard rate", 0, err))
            return MF_EINVAL;
    } else {
        if (m->hazard_n > MF_CDS_MAX_HAZARD_NODES || !m->hazard_dates || !m->hazard_rates)
            return mf_error_set(err, MF_EINVAL, "hazard curve: 1..%d nodes with dates and rates",
                                MF_CDS_MAX_HAZARD_NODES);
        double cum = 0.0, t_prev = 0.0;
        for (size_t i = 0; i < m->hazard_n; i++) {
            mf_date d = m->hazard_dates[i];
            if (d <= (i ? m->hazard_dates[i - 1] : k->trade))
                return mf_error_set(err, MF_EINVAL,
                                    "hazard node %zu '%s' is not after the previous node (or the "
                                    "trade date)",
                                    i, mf_date_format_iso(d, buf));
            if (check_hazard(m->hazard_rates[i], "hazard node", i, err))
                return MF_EINVAL;
            double t = years(c, d);
            cum += m->hazard_rates[i] * (t - t_prev);
            c->hazard_cum[i] = cum;
            t_prev = t;
        }
    }
    /* Merge the two sorted date lists, dropping duplicates. */
    size_t i = 0, j = 0, nh = m->hazard_n;
    while (i < nd || j < nh) {
        mf_date d = (j >= nh || (i < nd && disc[i] <= m->hazard_dates[j])) ? disc[i++]
                                                                           : m->hazard_dates[j++];
        if (c->n_nodes == 0 || c->nodes[c->n_nodes - 1] != d) {
            if (c->n_nodes == MAX_NODES)
                return mf_error_set(err, MF_EINVAL, "curves have more than %d nodes", MAX_NODES);
            c->nodes[c->n_nodes++] = d;
        }
    }
    return 0;
}

/* The integral of P Q h over one interval (see the file comment). */
static double protection_step(double p0, double q0, double p1, double q1)
{
    double fh = log(p0) - log(p1), hh = log(q0) - log(q1), s = fh + hh;
    if (fabs(s) < TAYLOR_BELOW) {
        double s2 = s * s;
        return p0 * q0 * hh * (1.0 - 0.5 * s + s2 / 6.0 - s2 * s / 24.0 + s2 * s2 / 120.0);
    }
    return hh / s * (p0 * q0 - p1 * q1);
}

/* The integral of (t - ts) P Q h over [t0, t1] (see the file comment). */
static double accrual_step(double t0, double t1, double ts, double p0, double q0, double p1,
                           double q1)
{
    double fh = log(p0) - log(p1), hh = log(q0) - log(q1), s = fh + hh;
    if (fabs(s) < TAYLOR_BELOW) {
        double s2 = s * s;
        return hh * p0 * q0 *
               ((t0 - ts) * (1.0 - 0.5 * s + s2 / 6.0 - s2 * s / 24.0) +
                (t1 - t0) * (0.5 - s / 3.0 + s2 / 8.0 - s2 * s / 30.0));
    }
    return hh / s *
           ((t1 - t0) * ((p0 * q0 - p1 * q1) / s - p1 * q1) + (t0 - ts) * (p0 * q0 - p1 * q1));
}

/* Index of the first node strictly after d. */
static size_t first_after(const legs_ctx *c, mf_date d)
{
    size_t lo = 0, hi = c->n_nodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->nodes[mid] <= d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static double protection_leg(const legs_ctx *c, mf_date step_in, mf_date maturity)
{
    /* Default risk from the end of the trade date (the start of the step-in day). */
    mf_date d0 = step_in - 1;
    double p0 = df(c, d0), q0 = survival(c, d0), sum = 0.0;
    for (size_t i = first_after(c, step_in); i < c->n_nodes && c->nodes[i] < maturity; i++) {
        double p1 = df(c, c->nodes[i]), q1 = survival(c, c->nodes[i]);
        sum += protection_step(p0, q0, p1, q1);
        p0 = p1;
        q0 = q1;
    }
    sum += protection_step(p0, q0, df(c, maturity), survival(c, maturity));
    return sum;
}

/* Accrual on default of one period, per unit coupon a year (ACT/360). */
static double accrual_on_default(const legs_ctx *c, const mf_cds_period *p, mf_date step_in)
{
    mf_date start = (p->accrual_start > step_in ? p->accrual_start : step_in) - 1;
    mf_date end = p->pay - 1;
    double ts = years(c, p->accrual_start - 1) - (c->k->no_half_day_bias ? 0.0 : 1.0 / 730.0);
    double t0 = years(c, start), p0 = df(c, start), q0 = survival(c, start), sum = 0.0;
    for (size_t i = first_after(c, start); i <= c->n_nodes; i++) {
        mf_date d = (i < c->n_nodes && c->nodes[i] < end) ? c->nodes[i] : end;
        double t1 = years(c, d), p1 = df(c, d), q1 = survival(c, d);
        sum += accrual_step(t0, t1, ts, p0, q0, p1, q1);
        if (d == end)
            break;
        t0 = t1;
        p0 = p1;
        q0 = q1;
    }
    return sum * 365.0 / 360.0;
}

int mf_cds_price_legs(const mf_cds_contract *k, const mf_cds_curves *m, mf_cds_legs *out,
                      mf_error *err)
{
    legs_ctx c;
    mf_cds_period periods[MF_CDS_MAX_PERIODS];
    size_t n = 0;
    mf_date settle;
    int rc = prepare(&c, k, m, err);
    if (rc == 0)
        rc = mf_cds_schedule(k->calendar, k->trade, k->maturity, periods, MF_CDS_MAX_PERIODS, &n,
                             err);
    if (rc == 0)
        rc = mf_cds_cash_settle(k->calendar, k->trade, &settle, err);
    if (rc != 0)
        return rc;
    mf_date step_in = mf_cds_step_in(k->trade);
    double annuity = 0.0;
    for (size_t i = 0; i < n; i++) {
        const mf_cds_period *p = &periods[i];
        /* The coupon is paid if the name survives to the day before payment. */
        if (p->pay > step_in)
            annuity += p->days / 360.0 * df(&c, p->pay) * survival(&c, p->pay - 1);
        if (p->accrual_end > step_in)
            annuity += accrual_on_default(&c, p, step_in);
    }
    mf_cds_legs l = {
        .protection = (1.0 - k->recovery) * protection_leg(&c, step_in, k->maturity),
        .annuity_dirty = annuity,
        .accrued_days = (int)(step_in - periods[0].accrual_start),
        .df_settle = df(&c, settle),
        .survival = survival(&c, k->maturity),
        .accrual_start = periods[0].accrual_start,
        .step_in = step_in,
        .cash_settle = settle,
    };
    l.accrued = l.accrued_days / 360.0;
    *out = l;
    return 0;
}

/* Clean upfront (fraction of notional) of coupon c (decimal) on legs l. */
static double upfront_clean(const mf_cds_legs *l, double c)
{
    return (l->protection - c * l->annuity_dirty) / l->df_settle + c * l->accrued;
}

/* The curves m with flat hazard h. */
static mf_cds_curves with_hazard(const mf_cds_curves *m, double h)
{
    mf_cds_curves f = *m;
    f.hazard_n = 0;
    f.hazard_dates = NULL;
    f.hazard_rates = NULL;
    f.hazard = h;
    return f;
}

typedef struct solve_ctx {
    const mf_cds_contract *k;
    const mf_cds_curves *m;
    double target; /* spread (decimal) or clean upfront (fraction) */
    bool upfront;
    int rc;
    mf_error err;
} solve_ctx;

/* par spread form: prot - s (A - AI P(settle)), whose root is the hazard of par spread s;
 * upfront form: clean upfront - target. */
static double objective(double h, void *arg)
{
    solve_ctx *s = arg;
    mf_cds_curves f = with_hazard(s->m, h);
    mf_cds_legs l;
    int rc = mf_cds_price_legs(s->k, &f, &l, &s->err);
    if (rc != 0) {
        s->rc = rc;
        return NAN;
    }
    if (s->upfront)
        return upfront_clean(&l, s->k->coupon_bp * 1e-4) - s->target;
    return l.protection - s->target * (l.annuity_dirty - l.accrued * l.df_settle);
}

static int check_coupon(double coupon_bp, mf_error *err)
{
    if (!(coupon_bp > 0.0 && coupon_bp <= MF_CDS_COUPON_BP_MAX))
        return mf_error_set(err, MF_EINVAL, "coupon_bp %g outside (0, %g]", coupon_bp,
                            MF_CDS_COUPON_BP_MAX);
    return 0;
}

static int solve(solve_ctx *s, double *hazard, mf_error *err)
{
    s->rc = 0;
    double lo = objective(0.0, s), hi = s->rc ? NAN : objective(MF_CDS_HAZARD_MAX, s);
    if (s->rc != 0) {
        if (err)
            *err = s->err;
        return s->rc;
    }
    if (!(lo <= 0.0 && hi >= 0.0)) {
        if (s->upfront)
            return mf_error_set(err, MF_ERANGE,
                                "upfront_pct %.10g outside the attainable range %.6f..%.6f for "
                                "coupon %g bp and recovery %g (hazard rates 0..%g)",
                                s->target * 100.0, (s->target + lo) * 100.0,
                                (s->target + hi) * 100.0, s->k->coupon_bp, s->k->recovery,
                                MF_CDS_HAZARD_MAX);
        return mf_error_set(err, MF_ERANGE,
                            "spread_bp %.10g not reached by any hazard rate 0..%g (recovery %g)",
                            s->target * 1e4, MF_CDS_HAZARD_MAX, s->k->recovery);
    }
    double h = 0.0;
    int rc = mf_solve_brent(objective, s, 0.0, MF_CDS_HAZARD_MAX, HAZARD_XTOL, 300, &h, NULL, err);
    if (rc == 0 && s->rc != 0) {
        if (err)
            *err = s->err;
        rc = s->rc;
    }
    if (rc == 0)
        *hazard = h;
    return rc;
}

int mf_cds_hazard_from_spread(const mf_cds_contract *k, const mf_cds_curves *m, double spread_bp,
                              double *hazard, mf_error *err)
{
    if (!(spread_bp > 0.0 && spread_bp <= MF_CDS_SPREAD_BP_MAX))
        return mf_error_set(err, MF_EINVAL, "spread_bp %g outside (0, %g]", spread_bp,
                            MF_CDS_SPREAD_BP_MAX);
    solve_ctx s = {.k = k, .m = m, .target = spread_bp * 1e-4, .upfront = false};
    return solve(&s, hazard, err);
}

int mf_cds_hazard_from_upfront(const mf_cds_contract *k, const mf_cds_curves *m, double upfront_pct,
                               double *hazard, mf_error *err)
{
    if (!isfinite(upfront_pct))
        return mf_error_set(err, MF_EINVAL, "upfront_pct is not a finite number");
    if (check_coupon(k->coupon_bp, err))
        return MF_EINVAL;
    solve_ctx s = {.k = k, .m = m, .target = upfront_pct / 100.0, .upfront = true};
    return solve(&s, hazard, err);
}

int mf_cds_quote_from_hazard(const mf_cds_contract *k, const mf_cds_curves *m, double hazard,
                             mf_cds_quote *out, mf_error *err)
{
    if (check_coupon(k->coupon_bp, err))
        return MF_EINVAL;
    mf_cds_curves f = with_hazard(m, hazard);
    mf_cds_legs l, lb;
    int rc = mf_cds_price_legs(k, &f, &l, err);
    if (rc != 0)
        return rc;
    double c = k->coupon_bp * 1e-4, clean_annuity = l.annuity_dirty - l.accrued * l.df_settle;
    double spread = l.protection / clean_annuity, u = upfront_clean(&l, c), hb = 0.0;
    rc = mf_cds_hazard_from_spread(k, m, spread * 1e4 + 1.0, &hb, err);
    if (rc == 0) {
        f.hazard = hb;
        rc = mf_cds_price_legs(k, &f, &lb, err);
    }
    if (rc != 0)
        return rc;
    mf_cds_quote q = {
        .hazard = hazard,
        .spread_bp = spread * 1e4,
        .upfront_pct = u * 100.0,
        .upfront_dirty_pct = (u - c * l.accrued) * 100.0,
        .accrued_pct = c * l.accrued * 100.0,
        .accrued_days = l.accrued_days,
        .rpv01 = l.annuity_dirty / l.df_settle - l.accrued,
        .cs01_pct = (upfront_clean(&lb, c) - u) * 100.0,
        .protection_pct = l.protection * 100.0,
        .annuity_dirty = l.annuity_dirty,
        .df_settle = l.df_settle,
        .default_prob = 1.0 - l.survival,
        .accrual_start = l.accrual_start,
        .step_in = l.step_in,
        .cash_settle = l.cash_settle,
    };
    *out = q;
    return 0;
}

int mf_cds_from_spread(const mf_cds_contract *k, const mf_cds_curves *m, double spread_bp,
                       mf_cds_quote *out, mf_error *err)
{
    double h = 0.0;
    int rc = check_coupon(k->coupon_bp, err);
    if (rc == 0)
        rc = mf_cds_hazard_from_spread(k, m, spread_bp, &h, err);
    return rc ? rc : mf_cds_quote_from_hazard(k, m, h, out, err);
}

int mf_cds_from_upfront(const mf_cds_contract *k, const mf_cds_curves *m, double upfront_pct,
                        mf_cds_quote *out, mf_error *err)
{
    double h = 0.0;
    int rc = mf_cds_hazard_from_upfront(k, m, upfront_pct, &h, err);
    return rc ? rc : mf_cds_quote_from_hazard(k, m, h, out, err);
}

int mf_cds_rate_to_cc(double rate, mf_compounding c, double *out, mf_error *err)
{
    if (!(rate >= MF_CDS_RATE_MIN && rate <= MF_CDS_RATE_MAX))
        return mf_error_set(err, MF_ERANGE, "discount rate %g outside %g..%g", rate,
                            MF_CDS_RATE_MIN, MF_CDS_RATE_MAX);
    switch (c) {
    case MF_COMPOUNDING_ANNUAL: *out = log1p(rate); return 0;
    case MF_COMPOUNDING_SEMIANNUAL: *out = 2.0 * log1p(rate / 2.0); return 0;
    case MF_COMPOUNDING_CONTINUOUS: *out = rate; return 0;
    case MF_COMPOUNDING_SIMPLE:
    default:
        return mf_error_set(err, MF_EINVAL,
                            "simple compounding has no term-free continuous equivalent");
    }
}
