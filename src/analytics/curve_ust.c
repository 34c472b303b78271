/*
 * curve_ust.c - US Treasury zero curves from par yields, and breakevens (see curve_ust.h).
 *
 * The bootstrap goes node by node in increasing maturity (QuantLib's IterativeBootstrap with
 * a PiecewiseLogLinearDiscount curve does the same, and tests/fixtures/gen/gen_curve_ust.py
 * checks it so): a bill node's discount factor is closed form, a bond node's is the root of
 * value - 100 in ln DF, its coupons before the previous node discounted on the nodes known so
 * far and those after it on the flat-forward segment towards the unknown node.
 */
#include "analytics/curve_ust.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics/solve.h"
#include "analytics/ust.h"

#define DAYS_PER_YEAR  365.0   /* ACT/365F */
#define SOLVE_LN_DF_LO (-20.0) /* DF about 2e-9: "not positive" for any plausible yield */
#define SOLVE_LN_DF_HI 1.6094379124341003 /* ln 5 */
#define SOLVE_XTOL     1e-15
#define SOLVE_MAX_ITER 200

/* The cash flows of one quoted instrument, times in ACT/365F years. */
typedef struct flows {
    size_t n;
    double t[MF_UST_MAX_FLOWS];
    double amount[MF_UST_MAX_FLOWS];
} flows;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '"';
}

static bool word_is(const char *s, size_t len, const char *word)
{
    if (strlen(word) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)s[i]) != word[i])
            return false;
    return true;
}

int mf_ust_tenor_parse(const char *label, size_t len, mf_ust_tenor *out, mf_error *err)
{
    size_t a = 0, b = len;
    while (a < b && is_blank(label[a]))
        a++;
    while (b > a && is_blank(label[b - 1]))
        b--;
    const char *s = label + a;
    size_t n = b - a, i = 0;
    int whole = 0;
    bool half = false;
    while (i < n && isdigit((unsigned char)s[i]) && whole < 1000)
        whole = whole * 10 + (s[i++] - '0');
    if (i < n && s[i] == '.' && i + 1 < n && s[i + 1] == '5') {
        half = true;
        i += 2;
    }
    size_t digits_end = i;
    while (i < n && s[i] == ' ')
        i++;
    const char *unit = s + i;
    size_t unit_len = n - i;
    mf_ust_tenor t = {0, 0};
    bool months = word_is(unit, unit_len, "mo") || word_is(unit, unit_len, "month") ||
                  word_is(unit, unit_len, "months");
    bool years = word_is(unit, unit_len, "yr") || word_is(unit, unit_len, "year") ||
                 word_is(unit, unit_len, "years");
    if (digits_end > 0 && i > digits_end && months && half && whole == 1)
        t.weeks = 6; /* the 6-week bill */
    else if (digits_end > 0 && i > digits_end && months && !half && whole >= 1 && whole <= 12)
        t.months = whole;
    else if (digits_end > 0 && i > digits_end && years && !half && whole >= 1 && whole <= 30)
        t.months = 12 * whole;
    else
        return mf_error_set(err, MF_EINVAL,
                            "tenor '%.*s' is not a Treasury tenor ('1 Mo' .. '12 Mo', '1.5 Mo', "
                            "'1 Yr' .. '30 Yr')",
                            (int)(n > 32 ? 32 : n), s);
    *out = t;
    return 0;
}

char *mf_ust_tenor_format(mf_ust_tenor tenor, char buf[MF_UST_TENOR_LABEL_SIZE])
{
    if (tenor.weeks == 6)
        snprintf(buf, MF_UST_TENOR_LABEL_SIZE, "1.5 Mo");
    else if (tenor.weeks > 0)
        snprintf(buf, MF_UST_TENOR_LABEL_SIZE, "%d Wk", tenor.weeks);
    else if (tenor.months % 12 == 0)
        snprintf(buf, MF_UST_TENOR_LABEL_SIZE, "%d Yr", tenor.months / 12);
    else
        snprintf(buf, MF_UST_TENOR_LABEL_SIZE, "%d Mo", tenor.months);
    return buf;
}

int mf_ust_tenor_maturity(mf_ust_tenor tenor, mf_date curve_date, mf_date *out, mf_error *err)
{
    if (tenor.weeks > 0)
        return mf_date_add_days(curve_date, 7 * tenor.weeks, out, err);
    return mf_date_add_months(curve_date, tenor.months, false, out, err);
}

static double years_between(mf_date from, mf_date to)
{
    return (double)(to - from) / DAYS_PER_YEAR;
}

/* The flows of the instrument behind q (curve_ust.h, Conventions) maturing at maturity. */
static int build_flows(mf_date curve_date, const mf_ust_par_quote *q, mf_date maturity, flows *f,
                       mf_error *err)
{
    double y = q->yield_pct / 100.0, t = years_between(curve_date, maturity);
    if (q->tenor.weeks > 0 || q->tenor.months <= 6) {
        f->n = 1;
        f->t[0] = t;
        f->amount[0] = 100.0 * (1.0 + y * t);
        return 0;
    }
    if (q->tenor.months <= 12) {
        f->n = 1;
        f->t[0] = t;
        f->amount[0] = 100.0 * (1.0 + y / 2.0) * (1.0 + (t - 0.5) * y);
        return 0;
    }
    /* A bond with a 1% coupon gives the schedule and the coupon per 1% (a short first
     * coupon prorated); the par bond's coupon is that times the yield in percent, which may
     * be negative (real yields). */
    mf_ust_bond b = {
        .maturity = maturity, .coupon_pct = 1.0, .has_dated = true, .dated = curve_date};
    mf_ust_cashflow cf[MF_UST_MAX_FLOWS];
    size_t n = 0;
    int rc = mf_ust_cashflows(&b, curve_date, cf, MF_UST_MAX_FLOWS, &n, err);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        double redemption = i + 1 == n ? 100.0 : 0.0;
        f->t[i] = years_between(curve_date, cf[i].date);
        f->amount[i] = (cf[i].amount_per_100 - redemption) * q->yield_pct + redemption;
    }
    f->n = n;
    return 0;
}

/* What the root finder sees while one bond node is solved. */
typedef struct node_solve {
    const flows *f;
    const double *t;     /* times of the known nodes */
    const double *ln_df; /* their ln DF */
    size_t k;            /* how many are known */
    double t_new;        /* the node being solved */
} node_solve;

/* ln DF at t on the known nodes, then the segment to (t_new, ln_df_new). */
static double ln_df_at(const node_solve *s, double t, double ln_df_new)
{
    double t0 = 0.0, l0 = 0.0;
    for (size_t i = 0; i < s->k; i++) {
        if (t <= s->t[i])
            return l0 + (s->ln_df[i] - l0) * (t - t0) / (s->t[i] - t0);
        t0 = s->t[i];
        l0 = s->ln_df[i];
    }
    return l0 + (ln_df_new - l0) * (t - t0) / (s->t_new - t0);
}

static double value_gap(double ln_df_new, void *ctx)
{
    const node_solve *s = ctx;
    double v = 0.0;
    for (size_t i = 0; i < s->f->n; i++)
        v += s->f->amount[i] * exp(ln_df_at(s, s->f->t[i], ln_df_new));
    return v - 100.0;
}

static bool yield_ok(double y)
{
    return isfinite(y) && y >= MF_UST_CURVE_YIELD_PCT_MIN && y <= MF_UST_CURVE_YIELD_PCT_MAX;
}

int mf_ust_zero_bootstrap(mf_date curve_date, const mf_ust_par_quote *quotes, size_t n,
                          mf_curve *curve, mf_ust_zero_node *nodes, size_t *n_nodes, mf_error *err)
{
    char label[MF_UST_TENOR_LABEL_SIZE], other[MF_UST_TENOR_LABEL_SIZE], day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(curve_date, day);
    if (n > MF_UST_CURVE_MAX_QUOTES)
        return mf_error_set(err, MF_EINVAL, "%zu par yields on %s: at most %d", n, day,
                            MF_UST_CURVE_MAX_QUOTES);
    /* The quoted tenors with their maturities, sorted by maturity (insertion: n is small). */
    mf_ust_par_quote q[MF_UST_CURVE_MAX_QUOTES];
    mf_date mat[MF_UST_CURVE_MAX_QUOTES];
    size_t m = 0;
    int rc;
    for (size_t i = 0; i < n; i++) {
        if (isnan(quotes[i].yield_pct))
            continue;
        mf_ust_tenor_format(quotes[i].tenor, label);
        if (!yield_ok(quotes[i].yield_pct))
            return mf_error_set(err, MF_ERANGE,
                                "tenor \"%s\" on %s: par yield %g%% outside the plausible range "
                                "%g..%g%%",
                                label, day, quotes[i].yield_pct, MF_UST_CURVE_YIELD_PCT_MIN,
                                MF_UST_CURVE_YIELD_PCT_MAX);
        mf_date d;
        if ((rc = mf_ust_tenor_maturity(quotes[i].tenor, curve_date, &d, err)) != 0) {
            mf_error_prefix(err, "tenor \"%s\": ", label);
            return rc; /* the code, whether or not err is there */
        }
        size_t j = m;
        while (j > 0 && mat[j - 1] > d) {
            mat[j] = mat[j - 1];
            q[j] = q[j - 1];
            j--;
        }
        if (j > 0 && mat[j - 1] == d)
            return mf_error_set(err, MF_EINVAL, "tenor \"%s\" on %s: given twice (as \"%s\")",
                                label, day, mf_ust_tenor_format(q[j - 1].tenor, other));
        mat[j] = d;
        q[j] = quotes[i];
        m++;
    }
    if (m == 0)
        return mf_error_set(err, MF_EINVAL, "no par yield on %s", day);

    double t[MF_UST_CURVE_MAX_QUOTES], ln_df[MF_UST_CURVE_MAX_QUOTES];
    flows f;
    for (size_t i = 0; i < m; i++) {
        mf_ust_tenor_format(q[i].tenor, label);
        if ((rc = build_flows(curve_date, &q[i], mat[i], &f, err)) != 0) {
            mf_error_prefix(err, "tenor \"%s\": ", label);
            return rc;
        }
        t[i] = years_between(curve_date, mat[i]);
        if (f.n == 1) {
            double df = 100.0 / f.amount[0];
            if (!(f.amount[0] > 0.0))
                return mf_error_set(err, MF_EINVAL,
                                    "tenor \"%s\" on %s: par yield %g%% implies a non-positive "
                                    "discount factor",
                                    label, day, q[i].yield_pct);
            ln_df[i] = log(df);
        } else {
            node_solve s = {&f, t, ln_df, i, t[i]};
            /* The value rises with the node's DF. At DF = 2e-9 it must fall short of 100, or
             * the coupons before the node already exceed it. (At DF = 5 it exceeds 100 for
             * every yield in range; should it not, Brent reports the bracket.) */
            double lo = value_gap(SOLVE_LN_DF_LO, &s);
            if (!(lo < 0.0))
                return mf_error_set(err, MF_EINVAL,
                                    "tenor \"%s\" on %s: par yield %g%% implies a non-positive "
                                    "discount factor (its coupons before maturity are worth "
                                    "%.6f per 100 on the shorter tenors)",
                                    label, day, q[i].yield_pct, lo + 100.0);
            if ((rc = mf_solve_brent(value_gap, &s, SOLVE_LN_DF_LO, SOLVE_LN_DF_HI, SOLVE_XTOL,
                                     SOLVE_MAX_ITER, &ln_df[i], NULL, err)) != 0) {
                mf_error_prefix(err, "tenor \"%s\" on %s: ", label, day);
                return rc;
            }
        }
    }
    double df[MF_UST_CURVE_MAX_QUOTES];
    for (size_t i = 0; i < m; i++)
        df[i] = exp(ln_df[i]);
    if ((rc = mf_curve_set(curve, t, df, m, MF_INTERP_FLAT_FORWARD, err)) != 0)
        return rc;
    for (size_t i = 0; i < m; i++) {
        mf_ust_zero_node *o = &nodes[i];
        o->tenor = q[i].tenor;
        o->maturity = mat[i];
        o->yield_pct = q[i].yield_pct;
        o->t_years = t[i];
        o->df = df[i];
        o->zero_cc = -ln_df[i] / t[i];
        o->zero_sa = mf_df_to_rate(df[i], t[i], MF_COMPOUNDING_SEMIANNUAL);
    }
    *n_nodes = m;
    return 0;
}

int mf_ust_check_forwards(mf_date curve_date, const mf_ust_zero_node *nodes, size_t n,
                          mf_error *err)
{
    for (size_t i = 1; i < n; i++) {
        const mf_ust_zero_node *a = &nodes[i - 1], *b = &nodes[i];
        if (b->df < a->df)
            continue;
        char day[MF_DATE_ISO_SIZE], la[MF_UST_TENOR_LABEL_SIZE], lb[MF_UST_TENOR_LABEL_SIZE];
        double forward_cc = log(a->df / b->df) / (b->t_years - a->t_years);
        return mf_error_set(err, MF_EINVAL,
                            "tenor \"%s\" on %s: par yield %g%% gives a discount factor %.12f "
                            "not below the %.12f of tenor \"%s\" (par yield %g%%): a forward "
                            "rate of %.4f%% (continuous) between them",
                            mf_ust_tenor_format(b->tenor, lb), mf_date_format_iso(curve_date, day),
                            b->yield_pct, b->df, a->df, mf_ust_tenor_format(a->tenor, la),
                            a->yield_pct, forward_cc * 100.0);
    }
    return 0;
}

int mf_ust_par_value(const mf_curve *curve, mf_date curve_date, const mf_ust_par_quote *quote,
                     double *value_per_100, mf_error *err)
{
    char label[MF_UST_TENOR_LABEL_SIZE];
    mf_ust_tenor_format(quote->tenor, label);
    if (isnan(quote->yield_pct))
        return mf_error_set(err, MF_EINVAL, "tenor \"%s\": no yield", label);
    mf_date maturity;
    flows f;
    int rc = mf_ust_tenor_maturity(quote->tenor, curve_date, &maturity, err);
    if (rc == 0)
        rc = build_flows(curve_date, quote, maturity, &f, err);
    if (rc != 0) {
        mf_error_prefix(err, "tenor \"%s\": ", label);
        return rc;
    }
    double v = 0.0;
    for (size_t i = 0; i < f.n; i++)
        v += f.amount[i] * mf_curve_df(curve, f.t[i]);
    *value_per_100 = v;
    return 0;
}

void mf_ust_breakevens(const mf_curve *nominal, const mf_ust_zero_node *real_nodes, size_t n,
                       mf_ust_breakeven *out)
{
    for (size_t i = 0; i < n; i++) {
        const mf_ust_zero_node *r = &real_nodes[i];
        double nom_sa = mf_curve_zero(nominal, r->t_years, MF_COMPOUNDING_SEMIANNUAL);
        double nom_cc = mf_curve_zero(nominal, r->t_years, MF_COMPOUNDING_CONTINUOUS);
        out[i] = (mf_ust_breakeven){
            .tenor = r->tenor,
            .t_years = r->t_years,
            .nominal_zero_sa = nom_sa,
            .real_zero_sa = r->zero_sa,
            .breakeven_sa = 2.0 * ((1.0 + nom_sa / 2.0) / (1.0 + r->zero_sa / 2.0) - 1.0),
            .breakeven_cc = nom_cc - r->zero_cc,
        };
    }
}
