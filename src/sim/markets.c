/*
 * markets.c - Brazilian curves and instruments from the world's daily states
 * (sim_markets_build(), world_int.h): DI1 settlements for every listed maturity, the
 * constant-maturity DI and NTN-B real yields, the NTN-B VNA, and LTN / NTN-F / NTN-B prices
 * through the pricing layer (analytics/br_bonds.h).
 *
 * The DI rate to a maturity is the compounded expected CDI path plus a term premium:
 *     (1 + R)^(du/252) = prod_k (1 + cdi_k)^(du_k/252),   R_pct += tp * (1 - e^(-h/1.5)),
 * where the CDI (Selic - 0.10) changes on the business day after each future COPOM meeting;
 * after meeting k the expected Selic is term + (selic - term) 0.6^k (the market's terminal
 * rate of the cycle), drawn towards the long-run Selic at 12 % a year of horizon; du_k are the
 * business days ("br" calendar) spent at each rate and h = du/252. B3 publishes the DI1
 * settlement rate with 3 decimals (docs/data-sources.md 6a); so do we.
 * Listing rule (the simulation's, close to B3's): the next 12 monthly maturities, then
 * January, April, July and October out to 5 years, then Januaries out to 11 years. A contract
 * matures on the first business day of its month (analytics/di1.h).
 * Real yields: R(h) deflated by a breakeven that runs from expected inflation to the target
 * plus a 0.4 % risk premium (more in stress). Bond yields: the curve at the bond's maturity
 * plus a small spread and noise, 4 decimals (as ANBIMA quotes); PU = the pricing layer's
 * price at that yield, so a row's close is exactly mf_br_pu() of its yield_pct.
 */
#include <math.h>
#include <stdio.h>

#include "analytics/br_bonds.h"
#include "core/alloc.h"
#include "sim/world_int.h"

enum { MAX_AHEAD = 100 }; /* future meetings a DI1 curve can span (11 years x 8, and spare) */

/* The expected CDI path seen from one day: cdi[0] until du[0], cdi[k] from du[k-1] to du[k]. */
typedef struct cdi_path {
    int n;
    int32_t du[MAX_AHEAD];
    double log_cdi[MAX_AHEAD + 1]; /* ln(1 + cdi) */
    double tp;                     /* term premium level, % */
} cdi_path;

static int build_path(const mf_sim_world *w, int32_t t, const mf_date *effective,
                      size_t *first_meeting, cdi_path *p, mf_error *err)
{
    const mf_calendar *br = w->cal[SIM_CAL_BR];
    mf_date d = w->day[t];
    double selic = w->v[SIM_V_BR_SELIC][t], term = w->s[SIM_S_BR_TERM][t];
    double lr = w->s[SIM_S_BR_LR][t];
    while (*first_meeting < w->n_copom && w->copom[*first_meeting] < d)
        (*first_meeting)++;
    p->log_cdi[0] = log1p((selic - 0.10) / 100.0);
    p->tp = w->s[SIM_S_BR_TP][t];
    p->n = 0;
    double decay = 1.0;
    /* meetings up to eleven calendar years ahead of d: the world lists them whatever its end
       (build_meetings), so a world ending later prices day d the same (issue 6) */
    int last_year = mf_date_year(d) + 11;
    for (size_t j = *first_meeting;
         j < w->n_copom && p->n < MAX_AHEAD && mf_date_year(w->copom[j]) <= last_year; j++) {
        int32_t du;
        int rc = mf_calendar_bizdays(br, d, effective[j], &du, err);
        if (rc != 0)
            return rc;
        decay *= 0.6;
        double e = term + (selic - term) * decay;
        e = lr + (e - lr) * exp(-0.12 * du / 252.0);
        p->du[p->n] = du;
        p->log_cdi[++p->n] = log1p((e - 0.10) / 100.0);
    }
    return 0;
}

/* The DI rate, % a year BUS/252, over du business days. */
static double di_rate(const cdi_path *p, int32_t du)
{
    double sum = 0.0;
    int32_t done = 0;
    for (int k = 0; k <= p->n && done < du; k++) {
        int32_t until = k < p->n && p->du[k] < du ? p->du[k] : du;
        sum += (until - done) * p->log_cdi[k];
        done = until;
    }
    double h = du / 252.0;
    return 100.0 * expm1(sum / du) + p->tp * (1.0 - exp(-h / 1.5));
}

/* Breakeven inflation, % a year, to h years. */
static double breakeven(const mf_sim_world *w, int32_t t, double h)
{
    int32_t m = w->month_of[t];
    double target = w->m[SIM_M_BR_TARGET][m], pie = w->s[SIM_S_BR_PIE][t];
    return target + (pie - target) * exp(-h / 2.0) + 0.4 + 0.3 * w->s[SIM_S_STRESS][t];
}

static double real_rate(const mf_sim_world *w, int32_t t, const cdi_path *p, int32_t du)
{
    double nominal = di_rate(p, du), be = breakeven(w, t, du / 252.0);
    return 100.0 * ((1.0 + nominal / 100.0) / (1.0 + be / 100.0) - 1.0);
}

static void push_di1(mf_sim_world *w, mf_date day, mf_date maturity, double rate, double oi)
{
    if (w->n_di1 == w->cap_di1) {
        w->cap_di1 = w->cap_di1 ? 2 * w->cap_di1 : 65536;
        w->di1 = mf_reallocarray(w->di1, w->cap_di1, sizeof *w->di1);
    }
    w->di1[w->n_di1++] =
        (sim_di1){.day = day, .maturity = maturity, .rate_pct = rate, .open_interest = oi};
}

static void push_bond_px(mf_sim_world *w, mf_date day, int32_t bond, double y, double pu)
{
    if (w->n_bond_px == w->cap_bond_px) {
        w->cap_bond_px = w->cap_bond_px ? 2 * w->cap_bond_px : 65536;
        w->bond_px = mf_reallocarray(w->bond_px, w->cap_bond_px, sizeof *w->bond_px);
    }
    w->bond_px[w->n_bond_px++] =
        (sim_bond_px){.day = day, .bond = bond, .yield_pct = y, .pu_brl = pu};
}

static void add_bond(mf_sim_world *w, size_t *cap, int kind, mf_date maturity, int years_listed)
{
    mf_date first = maturity;
    static const char *const names[] = {"LTN", "NTNF", "NTNB"};
    if (mf_date_add_years(maturity, -years_listed, false, &first, NULL) != 0 || first < w->start)
        first = w->start;
    if (first > w->end || maturity <= w->start)
        return;
    if (w->n_bonds == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        w->bonds = mf_reallocarray(w->bonds, *cap, sizeof *w->bonds);
    }
    sim_bond_def *b = &w->bonds[w->n_bonds++];
    b->kind = kind;
    b->maturity = maturity;
    b->first = first;
    int y, mo, da;
    mf_date_to_ymd(maturity, &y, &mo, &da);
    snprintf(b->key, sizeof b->key, "%s-%04d%02d%02d",
             names[kind == MF_BR_LTN    ? 0
                   : kind == MF_BR_NTNF ? 1
                                        : 2],
             y, mo, da);
}

/* The simulated bonds: LTN every quarter (listed 4 years ahead for January, 2 otherwise),
   NTN-F every other January (10 years), NTN-B in May of odd and August of even years to 2030
   and five long ones (30 years). */
static void define_bonds(mf_sim_world *w)
{
    size_t cap = 0;
    int last = mf_date_year(w->end) + 12;
    for (int y = MF_SIM_START_YEAR; y <= last; y++)
        for (int mo = 1; mo <= 10; mo += 3)
            add_bond(w, &cap, MF_BR_LTN, mf_date_ymd(y, mo, 1), mo == 1 ? 4 : 2);
    for (int y = 2007; y <= last; y += 2)
        add_bond(w, &cap, MF_BR_NTNF, mf_date_ymd(y, 1, 1), 10);
    for (int y = 2009; y <= 2035; y += 2)
        add_bond(w, &cap, MF_BR_NTNB, mf_date_ymd(y, 5, 15), 30);
    for (int y = 2010; y <= 2030; y += 2)
        add_bond(w, &cap, MF_BR_NTNB, mf_date_ymd(y, 8, 15), 30);
    static const int long_years[5] = {2040, 2045, 2050, 2055, 2060};
    for (int i = 0; i < 5; i++)
        add_bond(w, &cap, MF_BR_NTNB, mf_date_ymd(long_years[i], i % 2 ? 5 : 8, 15), 30);
}

/* The VNA of the NTN-B on the 15th of each month k (BRL, truncated to 6 decimals, ANBIMA):
   the previous one times 1 + the IPCA of the month before, from 1,471.64 on 15 December 2004
   (a round figure near the historical one) and the December 2004 IPCA of 0.86 %. */
static void fill_vna_15th(const mf_sim_world *w, double *cache)
{
    double v = 1471.640000 * (1.0 + 0.86 / 100.0); /* December 2004 IPCA 0.86 % */
    for (int32_t k = 0; k < w->nm; k++) {
        cache[k] = floor(v * 1e6) / 1e6;
        v = cache[k] * (1.0 + w->m[SIM_M_IPCA][k] / 100.0);
    }
}

static int vna_of_day(const mf_sim_world *w, int32_t t, const double *cache, double *vna,
                      mf_error *err)
{
    mf_date d = w->day[t];
    int32_t k = w->month_of[t] - (mf_date_day(d) < 15 ? 1 : 0);
    double last = k < 0 ? 1471.640000 : cache[k];
    double proj = k < 0 ? 0.86 : w->m[SIM_M_IPCA][k];
    return mf_br_ntnb_vna_project(last, proj, d, vna, err);
}

/* The listed DI1 maturities on day t (month index mt), into out; returns how many. */
static int listed(const mf_date *fbd, int32_t n_fbd, int32_t mt, mf_date d, mf_date *out)
{
    int n = 0;
    for (int32_t k = mt; k <= mt + 132 && k < n_fbd; k++) {
        int ahead = k - mt, month = k % 12;
        bool on = ahead <= 12 || (ahead <= 60 && month % 3 == 0) || month == 0;
        if (on && fbd[k] > d)
            out[n++] = fbd[k];
    }
    return n;
}

int sim_markets_build(mf_sim_world *w, mf_error *err)
{
    const mf_calendar *br = w->cal[SIM_CAL_BR];
    int32_t n_fbd = w->nm + 140;
    mf_date *fbd = mf_malloc((size_t)n_fbd * sizeof *fbd);
    double *vna15 = mf_malloc((size_t)w->nm * sizeof *vna15);
    mf_date *effective = mf_malloc(w->n_copom * sizeof *effective);
    mf_sim_rng rng;
    mf_sim_rng_init(&rng, w->seed, 6);
    int rc = 0;
    for (int32_t k = 0; k < n_fbd && rc == 0; k++)
        rc = mf_calendar_adjust(br, mf_date_ymd(MF_SIM_START_YEAR + k / 12, k % 12 + 1, 1),
                                MF_BDC_FOLLOWING, &fbd[k], err);
    /* a decision takes effect on the business day after its meeting */
    for (size_t j = 0; j < w->n_copom && rc == 0; j++)
        rc = mf_calendar_advance(br, w->copom[j], 1, &effective[j], err);
    if (rc != 0)
        goto out;
    fill_vna_15th(w, vna15);
    define_bonds(w);
    size_t first_meeting = 0;
    cdi_path path;
    mf_date mats[160];
    for (int32_t t = 0; t < w->nd; t++) {
        if (!w->open[SIM_CAL_BR][t])
            continue;
        mf_date d = w->day[t];
        if ((rc = build_path(w, t, effective, &first_meeting, &path, err)) != 0)
            goto out;
        int n = listed(fbd, n_fbd, w->month_of[t], d, mats);
        for (int i = 0; i < n; i++) {
            int32_t du;
            if ((rc = mf_calendar_bizdays(br, d, mats[i], &du, err)) != 0)
                goto out;
            double h = du / 252.0;
            double oi = floor(900000.0 * exp(-fabs(h - 1.5) / 1.5) *
                              (0.9 + 0.2 * mf_sim_rng_uniform(&rng)));
            push_di1(w, d, mats[i], sim_round_to(di_rate(&path, du), 0.001), oi);
        }
        w->v[SIM_V_BR_DI_1Y][t] = sim_round_to(di_rate(&path, 252), 0.001);
        w->v[SIM_V_BR_DI_2Y][t] = sim_round_to(di_rate(&path, 504), 0.001);
        w->v[SIM_V_BR_DI_5Y][t] = sim_round_to(di_rate(&path, 1260), 0.001);
        w->v[SIM_V_BR_REAL_5Y][t] = sim_round_to(real_rate(w, t, &path, 1260), 0.001);
        w->v[SIM_V_BR_REAL_10Y][t] = sim_round_to(real_rate(w, t, &path, 2520), 0.001);
        double vna;
        if ((rc = vna_of_day(w, t, vna15, &vna, err)) != 0)
            goto out;
        w->v[SIM_V_BR_VNA][t] = vna;
        for (size_t b = 0; b < w->n_bonds; b++) {
            const sim_bond_def *def = &w->bonds[b];
            if (d < def->first || d >= def->maturity)
                continue;
            int32_t du;
            if ((rc = mf_calendar_bizdays(br, d, def->maturity, &du, err)) != 0)
                goto out;
            if (du < 1)
                continue;
            double h = du / 252.0, y;
            double noise = 0.01 * mf_sim_rng_normal(&rng);
            if (def->kind == MF_BR_LTN)
                y = di_rate(&path, du) + 0.03 + noise;
            else if (def->kind == MF_BR_NTNF)
                y = di_rate(&path, du) + 0.08 - 0.05 * (1.0 - exp(-h / 3.0)) + noise;
            else
                y = real_rate(w, t, &path, du) + 0.02 + noise;
            y = sim_round_to(y, 0.0001);
            double pu;
            if ((rc = mf_br_pu((mf_br_bond)def->kind, br, d, def->maturity, y, vna, &pu, err)) != 0)
                goto out;
            push_bond_px(w, d, (int32_t)b, y, pu);
        }
    }
out:
    mf_free(fbd);
    mf_free(vna15);
    mf_free(effective);
    return rc;
}
