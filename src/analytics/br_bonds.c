/*
 * br_bonds.c - ANBIMA pricing of LTN, NTN-F, NTN-B and LFT: price from yield, yield from
 * price by bracketed bisection, and the pro-rata NTN-B VNA projection (see br_bonds.h).
 *
 * Truncation and rounding rules, all from ANBIMA's "Metodologia de Precificação de Títulos
 * Públicos Federais" (the table of decimal places of each title's section) and the Tesouro
 * Nacional guide "Metodologia de Cálculo dos Títulos Públicos Federais Ofertados nos Leilões
 * Primários" (its table "regras de arredondamento e truncamento"), which agree:
 *   R1 exponent du/252 (and dc/dct of the VNA projection): rounded to 14 decimals;
 *   R2 LTN PU: truncated to 6 decimals;
 *   R3 NTN-F coupon: 1000 * (1.10^0.5 - 1) = 48.808848... rounded to 5 decimals (48.80885);
 *      each flow's present value rounded to 9 decimals (Tesouro Nacional NTN-F example); the
 *      PU (sum of present values) truncated to 6 decimals;
 *   R4 NTN-B coupon rate: (1.06^0.5 - 1) = 2.9563014...% rounded to 2.956301 %; cotação (sum of
 *      discounted flows per 100 of VNA) truncated to 4 decimals; PU = VNA * cotação / 100
 *      truncated to 6 decimals; VNA itself with 6 decimals (projected VNA truncated, R6);
 *   R5 LFT: cotação = 100 / (1 + y)^(du/252) truncated to 4 decimals; PU = VNA * cotação / 100
 *      truncated to 6 decimals;
 *   R6 NTN-B projected VNA: VNA_last * (1 + IPCA_proj)^(dc/dct), truncated to 6 decimals.
 * The ANBIMA file of 2026-02-06 (tests/unit/analytics/test_br_bonds.c) is reproduced exactly
 * with these rules; it cannot tell R3's per-flow rounding from none, nor whether the NTN-B
 * per-flow values are rounded (we leave them unrounded, the methodology names no rule).
 */
#include "analytics/br_bonds.h"

#include <float.h>
#include <math.h>

/* ---- decimal helpers ------------------------------------------------------------------------ */

static double pow10_of(int places)
{
    double f = 1.0;
    for (int i = 0; i < places; i++)
        f *= 10.0;
    return f;
}

/*
 * x truncated (toward minus infinity: every truncated quantity here is positive) to places
 * decimals. The scaled value is nudged up by a few ulps so that an x that is exactly a decimal
 * with places digits, but stored a hair below it, keeps its last digit; the nudge (1e-15
 * relative) is far below any difference the methodology's inputs can make.
 */
static double trunc_places(double x, int places)
{
    double f = pow10_of(places);
    return floor(x * f * (1.0 + 4.0 * DBL_EPSILON)) / f;
}

/* x rounded half away from zero to places decimals. */
static double round_places(double x, int places)
{
    double f = pow10_of(places);
    return round(x * f) / f;
}

/* R1: the ANBIMA exponent du/252, rounded to 14 decimals. */
static double exponent_252(int32_t du)
{
    return round_places((double)du / 252.0, 14);
}

/* ---- input checks --------------------------------------------------------------------------- */

static int check_yield(double yield_pct, mf_error *err)
{
    if (!isfinite(yield_pct))
        return mf_error_set(err, MF_EINVAL, "yield_pct is not a finite number");
    if (yield_pct < MF_BR_YIELD_PCT_MIN || yield_pct > MF_BR_YIELD_PCT_MAX)
        return mf_error_set(err, MF_EINVAL, "yield_pct %g is outside %g..%g (percent a year)",
                            yield_pct, MF_BR_YIELD_PCT_MIN, MF_BR_YIELD_PCT_MAX);
    return 0;
}

static int check_positive(const char *field, double v, mf_error *err)
{
    if (!isfinite(v) || v <= 0.0)
        return mf_error_set(err, MF_EINVAL, "%s %g is not a finite positive amount", field, v);
    return 0;
}

int mf_br_du(const mf_calendar *cal, mf_date settlement, mf_date maturity, int32_t *du_out,
             mf_error *err)
{
    char s[MF_DATE_ISO_SIZE], m[MF_DATE_ISO_SIZE];
    if (!cal || !du_out)
        return mf_error_set(err, MF_EINVAL, "mf_br_du: calendar and output are required");
    bool open = false;
    if (settlement < mf_calendar_first_date(cal) || settlement > mf_calendar_last_date(cal))
        return mf_error_set(err, MF_ERANGE, "settlement outside the calendar's range");
    if (maturity < mf_calendar_first_date(cal) || maturity > mf_calendar_last_date(cal))
        return mf_error_set(err, MF_ERANGE, "maturity outside the calendar's range");
    int rc = mf_calendar_is_business_day(cal, settlement, &open, err);
    if (rc)
        return rc;
    if (!open) {
        const char *h = mf_calendar_holiday_name(cal, settlement);
        return mf_error_set(err, MF_EINVAL, "settlement '%s' is not a business day on '%s' (%s)",
                            mf_date_format_iso(settlement, s), mf_calendar_name(cal),
                            h ? h : "weekend");
    }
    if (maturity <= settlement)
        return mf_error_set(err, MF_EINVAL, "maturity '%s' is not after settlement '%s'",
                            mf_date_format_iso(maturity, m), mf_date_format_iso(settlement, s));
    int32_t du = 0;
    rc = mf_calendar_bizdays(cal, settlement, maturity, &du, err);
    if (rc)
        return rc;
    *du_out = du; /* >= 1: settlement is a business day before maturity */
    return 0;
}

/* ---- the pricing kernels (inputs already checked) -------------------------------------------- */

/* What a yield solver needs to price one bond. */
typedef mf_br_bond bond_kind;

typedef struct bond {
    bond_kind kind;
    const mf_calendar *cal;
    mf_date settlement, maturity;
    int32_t du;     /* settlement -> maturity */
    int64_t vna_e6; /* NTN-B and LFT: VNA in units of 0.000001 BRL */
} bond;

/* Discount factor 1 / (1 + y)^round14(du/252) for y in percent. */
static double discount(double yield_pct, int32_t du)
{
    return 1.0 / pow(1.0 + yield_pct / 100.0, exponent_252(du));
}

/*
 * Sum of the semiannual flows of b discounted at yield_pct: coupon at each date maturity - 6k
 * months after settlement, plus principal at maturity; each present value rounded to
 * pv_places decimals when pv_places >= 0 (R3). Flows dated on a holiday (1 January) are paid
 * the next business day, but du to the nominal date equals du to the payment date because the
 * days in between are not business days, so the nominal date is used.
 */
static int semiannual_sum(const bond *b, double yield_pct, double coupon, double principal,
                          int pv_places, double *out, mf_error *err)
{
    double sum = 0.0;
    for (int32_t k = 0;; k++) {
        mf_date d;
        int rc = mf_date_add_months(b->maturity, -6 * k, false, &d, err);
        if (rc)
            return rc;
        if (d <= b->settlement)
            break;
        int32_t du = 0;
        rc = mf_calendar_bizdays(b->cal, b->settlement, d, &du, err);
        if (rc)
            return rc;
        double cf = coupon + (k == 0 ? principal : 0.0);
        double pv = cf * discount(yield_pct, du);
        sum += pv_places >= 0 ? round_places(pv, pv_places) : pv;
    }
    *out = sum;
    return 0;
}

/* trunc6(vna * cotação / 100) in exact integers: 6 + 4 decimals in, 6 kept (R4, R5). */
static double pu_from_cotacao(int64_t vna_e6, double cotacao_pct)
{
    /*
     * Absurd cotações (a long bond at a yield near MF_BR_YIELD_PCT_MIN, which the solver's
     * bracket visits) would overflow the exact product: there the decimals do not matter.
     */
    if (vna_e6 < 1)
        return 0.0; /* not reached: bond_set_vna() refuses a VNA below 0.000001 */
    if (cotacao_pct >= 1e8 || (int64_t)(cotacao_pct * 1e4) + 1 > INT64_MAX / vna_e6)
        return trunc_places((double)vna_e6 / 1e6 * cotacao_pct / 100.0, 6);
    int64_t cot_e4 = (int64_t)llround(cotacao_pct * 1e4);
    /* vna_e6 * cot_e4 has 10 decimals of BRL * percent; / 100 for percent, / 1e4 keeps 6. */
    int64_t pu_e6 = (vna_e6 * cot_e4) / 1000000;
    return (double)pu_e6 / 1e6;
}

static int cotacao_of(const bond *b, double yield_pct, double *cot, mf_error *err)
{
    double raw = 0.0;
    if (b->kind == MF_BR_NTNB) {
        int rc = semiannual_sum(b, yield_pct, MF_BR_NTNB_COUPON_PCT, 100.0, -1, &raw, err);
        if (rc)
            return rc;
    } else {
        raw = 100.0 * discount(yield_pct, b->du);
    }
    *cot = trunc_places(raw, 4); /* R4 / R5 */
    return 0;
}

static int price_of(const bond *b, double yield_pct, double *pu, mf_error *err)
{
    double v = 0.0;
    int rc = 0;
    switch (b->kind) {
    case MF_BR_LTN:
        v = trunc_places(1000.0 * discount(yield_pct, b->du), 6); /* R2 */
        break;
    case MF_BR_NTNF:
        rc = semiannual_sum(b, yield_pct, MF_BR_NTNF_COUPON_BRL, 1000.0, 9, &v, err);
        v = trunc_places(v, 6); /* R3 */
        break;
    case MF_BR_NTNB:
    case MF_BR_LFT: {
        double cot = 0.0;
        rc = cotacao_of(b, yield_pct, &cot, err);
        v = pu_from_cotacao(b->vna_e6, cot);
        break;
    }
    }
    if (rc)
        return rc;
    *pu = v;
    return 0;
}

/* Checks the dates (and the maturity's coupon calendar) and fills b. */
static int bond_init(bond *b, bond_kind kind, const mf_calendar *cal, mf_date settlement,
                     mf_date maturity, mf_error *err)
{
    int32_t du = 0;
    int rc = mf_br_du(cal, settlement, maturity, &du, err);
    if (rc)
        return rc;
    int month = mf_date_month(maturity), day = mf_date_day(maturity);
    char m[MF_DATE_ISO_SIZE];
    if (kind == MF_BR_NTNF && !(day == 1 && (month == 1 || month == 7)))
        return mf_error_set(err, MF_EINVAL,
                            "maturity '%s' of an NTN-F is not a 1 January or 1 July",
                            mf_date_format_iso(maturity, m));
    if (kind == MF_BR_NTNB && !(day == 15 && month % 3 == 2))
        return mf_error_set(
            err, MF_EINVAL,
            "maturity '%s' of an NTN-B is not a 15 February, May, August or November",
            mf_date_format_iso(maturity, m));
    b->kind = kind;
    b->cal = cal;
    b->settlement = settlement;
    b->maturity = maturity;
    b->du = du;
    b->vna_e6 = 0;
    return 0;
}

/* Above 1e12 BRL a VNA is a unit error, and the exact product would overflow int64. */
static int bond_set_vna(bond *b, double vna_brl, mf_error *err)
{
    int rc = check_positive("vna_brl", vna_brl, err);
    if (rc)
        return rc;
    if (vna_brl > 1e9)
        return mf_error_set(err, MF_EINVAL, "vna_brl %g is implausibly large (over 1e9 BRL)",
                            vna_brl);
    b->vna_e6 = (int64_t)llround(vna_brl * 1e6);
    if (b->vna_e6 < 1)
        return mf_error_set(err, MF_EINVAL, "vna_brl %g is below 0.000001 BRL", vna_brl);
    return 0;
}

static int price(bond_kind kind, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                 double yield_pct, double vna_brl, double *pu_brl, mf_error *err)
{
    bond b = {0};
    if (!pu_brl)
        return mf_error_set(err, MF_EINVAL, "output pu_brl is required");
    int rc = check_yield(yield_pct, err);
    if (!rc)
        rc = bond_init(&b, kind, cal, settlement, maturity, err);
    if (!rc && mf_br_bond_has_vna(kind))
        rc = bond_set_vna(&b, vna_brl, err);
    if (!rc)
        rc = price_of(&b, yield_pct, pu_brl, err);
    return rc;
}

int mf_br_ltn_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                 double *pu_brl, mf_error *err)
{
    return price(MF_BR_LTN, cal, settlement, maturity, yield_pct, 0.0, pu_brl, err);
}

int mf_br_ntnf_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                  double *pu_brl, mf_error *err)
{
    return price(MF_BR_NTNF, cal, settlement, maturity, yield_pct, 0.0, pu_brl, err);
}

int mf_br_ntnb_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                  double vna_brl, double *pu_brl, mf_error *err)
{
    return price(MF_BR_NTNB, cal, settlement, maturity, yield_pct, vna_brl, pu_brl, err);
}

int mf_br_lft_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                 double vna_brl, double *pu_brl, mf_error *err)
{
    return price(MF_BR_LFT, cal, settlement, maturity, yield_pct, vna_brl, pu_brl, err);
}

int mf_br_pu(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
             double yield_pct, double vna_brl, double *pu_brl, mf_error *err)
{
    if ((unsigned)which > MF_BR_LFT)
        return mf_error_set(err, MF_EINVAL, "unknown Brazilian bond kind %d", (int)which);
    return price(which, cal, settlement, maturity, yield_pct,
                 mf_br_bond_has_vna(which) ? vna_brl : 0.0, pu_brl, err);
}

bool mf_br_bond_has_vna(mf_br_bond which)
{
    return which == MF_BR_NTNB || which == MF_BR_LFT;
}

static int cotacao(bond_kind kind, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                   double yield_pct, double *cotacao_pct, mf_error *err)
{
    bond b = {0};
    if (!cotacao_pct)
        return mf_error_set(err, MF_EINVAL, "output cotacao_pct is required");
    int rc = check_yield(yield_pct, err);
    if (!rc)
        rc = bond_init(&b, kind, cal, settlement, maturity, err);
    if (!rc)
        rc = cotacao_of(&b, yield_pct, cotacao_pct, err);
    return rc;
}

int mf_br_ntnb_cotacao(const mf_calendar *cal, mf_date settlement, mf_date maturity,
                       double yield_pct, double *cotacao_pct, mf_error *err)
{
    return cotacao(MF_BR_NTNB, cal, settlement, maturity, yield_pct, cotacao_pct, err);
}

int mf_br_lft_cotacao(const mf_calendar *cal, mf_date settlement, mf_date maturity,
                      double yield_pct, double *cotacao_pct, mf_error *err)
{
    return cotacao(MF_BR_LFT, cal, settlement, maturity, yield_pct, cotacao_pct, err);
}

/* ---- yield from price ------------------------------------------------------------------------ */

/* Bisection cap: a double bracket of width 250 stops shrinking after about 60 halvings. */
#define BISECT_MAX_ITER 200

/*
 * The smallest yield y in [lo, hi] with price(y) <= pu (strict: price(y) < pu), found by
 * bisection on the non-increasing step function price(y). Every rule R1-R5 is monotone, so
 * price never increases with the yield. Stops when no double lies between the bracket ends.
 */
static int edge(const bond *b, double pu, bool strict, double lo, double hi, double *out,
                mf_error *err)
{
    for (int i = 0; i < BISECT_MAX_ITER; i++) {
        double mid = lo + (hi - lo) / 2.0;
        if (mid <= lo || mid >= hi) {
            *out = hi;
            return 0;
        }
        double p = 0.0;
        int rc = price_of(b, mid, &p, err);
        if (rc)
            return rc;
        if (strict ? p < pu : p <= pu)
            hi = mid;
        else
            lo = mid;
    }
    return mf_error_set(err, MF_EMAXITER, "yield bisection did not converge in %d iterations",
                        BISECT_MAX_ITER);
}

static int solve(bond_kind kind, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                 double pu_brl, double vna_brl, double *yield_pct, mf_error *err)
{
    bond b = {0};
    double p_lo = 0.0, p_hi = 0.0, y_first = 0.0, y_past = 0.0;
    if (!yield_pct)
        return mf_error_set(err, MF_EINVAL, "output yield_pct is required");
    int rc = check_positive("pu_brl", pu_brl, err);
    if (!rc)
        rc = bond_init(&b, kind, cal, settlement, maturity, err);
    if (!rc && mf_br_bond_has_vna(kind))
        rc = bond_set_vna(&b, vna_brl, err);
    if (!rc)
        rc = price_of(&b, MF_BR_YIELD_PCT_MIN, &p_hi, err);
    if (!rc)
        rc = price_of(&b, MF_BR_YIELD_PCT_MAX, &p_lo, err);
    if (rc)
        return rc;
    if (pu_brl > p_hi || pu_brl < p_lo)
        return mf_error_set(err, MF_ERANGE,
                            "pu_brl %.6f needs a yield outside %g..%g %% (prices %.6f..%.6f)",
                            pu_brl, MF_BR_YIELD_PCT_MIN, MF_BR_YIELD_PCT_MAX, p_lo, p_hi);
    /* [y_first, y_past) is the set of yields pricing to exactly pu_brl (empty: equal ends). */
    rc = edge(&b, pu_brl, false, MF_BR_YIELD_PCT_MIN, MF_BR_YIELD_PCT_MAX, &y_first, err);
    if (!rc)
        rc = edge(&b, pu_brl, true, MF_BR_YIELD_PCT_MIN, MF_BR_YIELD_PCT_MAX, &y_past, err);
    if (rc)
        return rc;
    *yield_pct = y_first + (y_past - y_first) / 2.0;
    return 0;
}

int mf_br_ltn_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                    double *yield_pct, mf_error *err)
{
    return solve(MF_BR_LTN, cal, settlement, maturity, pu_brl, 0.0, yield_pct, err);
}

int mf_br_ntnf_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                     double *yield_pct, mf_error *err)
{
    return solve(MF_BR_NTNF, cal, settlement, maturity, pu_brl, 0.0, yield_pct, err);
}

int mf_br_ntnb_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                     double vna_brl, double *yield_pct, mf_error *err)
{
    return solve(MF_BR_NTNB, cal, settlement, maturity, pu_brl, vna_brl, yield_pct, err);
}

int mf_br_lft_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                    double vna_brl, double *yield_pct, mf_error *err)
{
    return solve(MF_BR_LFT, cal, settlement, maturity, pu_brl, vna_brl, yield_pct, err);
}

int mf_br_yield(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                double pu_brl, double vna_brl, double *yield_pct, mf_error *err)
{
    if ((unsigned)which > MF_BR_LFT)
        return mf_error_set(err, MF_EINVAL, "unknown Brazilian bond kind %d", (int)which);
    return solve(which, cal, settlement, maturity, pu_brl,
                 mf_br_bond_has_vna(which) ? vna_brl : 0.0, yield_pct, err);
}

int mf_br_cotacao(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                  double yield_pct, double *cotacao_pct, mf_error *err)
{
    if (!mf_br_bond_has_vna(which))
        return mf_error_set(err, MF_EINVAL, "only NTN-B and LFT are quoted as a cotacao");
    return cotacao(which, cal, settlement, maturity, yield_pct, cotacao_pct, err);
}

/* ---- duration and convexity -------------------------------------------------------------------
 */

int mf_br_risk_measures(mf_br_bond which, const mf_calendar *cal, mf_date settlement,
                        mf_date maturity, double yield_pct, mf_br_risk *out, mf_error *err)
{
    bond b = {0};
    if (!out)
        return mf_error_set(err, MF_EINVAL, "output risk is required");
    if ((unsigned)which > MF_BR_LFT)
        return mf_error_set(err, MF_EINVAL, "unknown Brazilian bond kind %d", (int)which);
    int rc = check_yield(yield_pct, err);
    if (!rc)
        rc = bond_init(&b, which, cal, settlement, maturity, err);
    if (rc)
        return rc;
    /* coupon and principal per flow: NTN-F per bond in BRL, NTN-B per 100 of VNA; LTN and LFT
       have one flow, whose size scales out */
    double coupon = 0.0, principal = 1.0;
    if (which == MF_BR_NTNF) {
        coupon = MF_BR_NTNF_COUPON_BRL;
        principal = 1000.0;
    } else if (which == MF_BR_NTNB) {
        coupon = MF_BR_NTNB_COUPON_PCT;
        principal = 100.0;
    }
    double y = yield_pct / 100.0, s0 = 0.0, s1 = 0.0, s2 = 0.0;
    for (int32_t k = 0;; k++) { /* the flows of semiannual_sum(), maturity first */
        mf_date d = b.maturity;
        int32_t du = b.du;
        if (k > 0) {
            if (coupon == 0.0)
                break;
            rc = mf_date_add_months(b.maturity, -6 * k, false, &d, err);
            if (rc)
                return rc;
            if (d <= b.settlement)
                break;
            rc = mf_calendar_bizdays(b.cal, b.settlement, d, &du, err);
            if (rc)
                return rc;
        }
        double tau = (double)du / 252.0;
        double pv = (coupon + (k == 0 ? principal : 0.0)) * pow(1.0 + y, -tau);
        s0 += pv;
        s1 += tau * pv;
        s2 += tau * (tau + 1.0) * pv;
    }
    out->macaulay_years = s1 / s0;
    out->modified_years = out->macaulay_years / (1.0 + y);
    out->convexity_years2 = s2 / (s0 * (1.0 + y) * (1.0 + y));
    return 0;
}

int mf_br_cashflows(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                    mf_br_flows *out, mf_error *err)
{
    bond b = {0};
    if (!out)
        return mf_error_set(err, MF_EINVAL, "output flows are required");
    out->n = 0;
    if ((unsigned)which > MF_BR_LFT)
        return mf_error_set(err, MF_EINVAL, "unknown Brazilian bond kind %d", (int)which);
    int rc = bond_init(&b, which, cal, settlement, maturity, err);
    if (rc)
        return rc;
    double coupon = 0.0, principal = which == MF_BR_LTN || which == MF_BR_NTNF ? 1000.0 : 1.0;
    if (which == MF_BR_NTNF)
        coupon = MF_BR_NTNF_COUPON_BRL;
    else if (which == MF_BR_NTNB)
        coupon = MF_BR_NTNB_COUPON_PCT / 100.0;
    /* the flows of semiannual_sum(), maturity first, then reversed */
    size_t n = 0;
    for (int32_t k = 0; n < MF_BR_CASHFLOWS_MAX; k++) {
        mf_date d = b.maturity;
        int32_t du = b.du;
        if (k > 0) {
            if (coupon == 0.0)
                break;
            if ((rc = mf_date_add_months(b.maturity, -6 * k, false, &d, err)) != 0)
                return rc;
            if (d <= b.settlement)
                break;
            if ((rc = mf_calendar_bizdays(b.cal, b.settlement, d, &du, err)) != 0)
                return rc;
        }
        out->date[n] = d;
        out->du[n] = du;
        out->amount[n] = coupon + (k == 0 ? principal : 0.0);
        n++;
    }
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        mf_date d = out->date[i];
        int32_t du = out->du[i];
        double a = out->amount[i];
        out->date[i] = out->date[j];
        out->du[i] = out->du[j];
        out->amount[i] = out->amount[j];
        out->date[j] = d;
        out->du[j] = du;
        out->amount[j] = a;
    }
    out->n = n;
    return 0;
}

/* ---- NTN-B VNA projection (R6) ----------------------------------------------------------------
 */

int mf_br_ntnb_vna_project(double vna_last_brl, double ipca_proj_pct, mf_date settlement,
                           double *vna_brl, mf_error *err)
{
    if (!vna_brl)
        return mf_error_set(err, MF_EINVAL, "output vna_brl is required");
    int rc = check_positive("vna_last_brl", vna_last_brl, err);
    if (rc)
        return rc;
    if (!isfinite(ipca_proj_pct) || ipca_proj_pct < -50.0 || ipca_proj_pct > 100.0)
        return mf_error_set(err, MF_EINVAL,
                            "ipca_proj_pct %g is outside -50..100 (percent a month)",
                            ipca_proj_pct);
    /* The last 15th on or before settlement, and the 15th a month later. */
    int y = 0, m = 0, d = 0;
    mf_date_to_ymd(settlement, &y, &m, &d);
    mf_date anchor = 0, next = 0;
    rc = mf_date_from_ymd(y, m, 15, &anchor, err);
    if (!rc && d < 15)
        rc = mf_date_add_months(anchor, -1, false, &anchor, err);
    if (!rc)
        rc = mf_date_add_months(anchor, 1, false, &next, err);
    if (rc) {
        mf_error_prefix(err, "settlement: ");
        return rc;
    }
    double x = round_places((double)(settlement - anchor) / (double)(next - anchor), 14); /* R1 */
    double v = vna_last_brl * pow(1.0 + ipca_proj_pct / 100.0, x);
    *vna_brl = trunc_places(v, 6); /* R6 */
    return 0;
}
