/*
 * br_bonds.h - Brazilian federal government bonds (títulos públicos federais) priced the way
 * ANBIMA publishes them: LTN, NTN-F, NTN-B and LFT.
 *
 * Exports: mf_br_du() (validated business days settlement -> maturity), price from yield
 * (mf_br_ltn_pu(), mf_br_ntnf_pu(), mf_br_ntnb_cotacao(), mf_br_ntnb_pu(), mf_br_lft_cotacao(),
 * mf_br_lft_pu()), yield from price (mf_br_ltn_yield(), mf_br_ntnf_yield(), mf_br_ntnb_yield(),
 * mf_br_lft_yield()), the pro-rata NTN-B VNA projection mf_br_ntnb_vna_project(), and the
 * duration and convexity of each bond at its yield (mf_br_risk, mf_br_risk_measures()), and
 * the cash flows each price discounts (MF_BR_CASHFLOWS_MAX, mf_br_flows, mf_br_cashflows()).
 *
 * Conventions (ANBIMA, "Metodologia de Precificação de Títulos Públicos Federais", and Tesouro
 * Nacional, "Metodologia de Cálculo dos Títulos Públicos Federais Ofertados nos Leilões
 * Primários"; the rules, section by section, are in br_bonds.c and docs/br-bonds.md):
 *   - yields are annual rates in percent, exponential business-day basis 252
 *     ((1 + yield_pct / 100)^(du / 252)), as ANBIMA's "Tx. Indicativas" column;
 *   - du = business days d with settlement <= d < date on the "br" calendar (ANBIMA national
 *     holidays); pass the calendar from mf_calendar_new("br");
 *   - prices are per bond in BRL (PU, truncated to 6 decimals); cotações are percent of the
 *     VNA (truncated to 4 decimals); VNAs are BRL with 6 decimals.
 *
 * Settlement must be a business day of cal (MF_EINVAL naming the field and the holiday when it
 * is not: a holiday trade date has no ANBIMA price, so we refuse instead of rolling) and the
 * maturity strictly after it. Yields must lie in MF_BR_YIELD_PCT_MIN..MF_BR_YIELD_PCT_MAX.
 * Every function writes its output only on success and reports failures through err.
 */
#ifndef MF_ANALYTICS_BR_BONDS_H
#define MF_ANALYTICS_BR_BONDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

/* The yields accepted (percent a year): anything outside is a typo or a unit error. */
#define MF_BR_YIELD_PCT_MIN (-50.0)
#define MF_BR_YIELD_PCT_MAX 200.0

/* NTN-F semiannual coupon per bond, BRL: 1000 * (1.10^(1/2) - 1) rounded to 5 decimals. */
#define MF_BR_NTNF_COUPON_BRL 48.80885
/* NTN-B semiannual coupon, percent of VNA: 100 * (1.06^(1/2) - 1) rounded to 6 decimals. */
#define MF_BR_NTNB_COUPON_PCT 2.956301

/* The bonds priced here. */
typedef enum mf_br_bond { MF_BR_LTN, MF_BR_NTNF, MF_BR_NTNB, MF_BR_LFT } mf_br_bond;

/* True for the bonds priced over a VNA (NTN-B, LFT). */
bool mf_br_bond_has_vna(mf_br_bond which);

/*
 * Any bond by kind: the PU at yield_pct, the yield of pu_brl, and (NTN-B, LFT) the cotação,
 * as the per-bond functions below do. vna_brl is used only by the bonds that have one.
 * MF_EINVAL for a kind outside the enum (or a cotação asked of LTN or NTN-F).
 */
int mf_br_pu(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
             double yield_pct, double vna_brl, double *pu_brl, mf_error *err);
int mf_br_yield(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                double pu_brl, double vna_brl, double *yield_pct, mf_error *err);
int mf_br_cotacao(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                  double yield_pct, double *cotacao_pct, mf_error *err);

/*
 * Business days (du) from settlement (inclusive) to maturity (exclusive) on cal, after the
 * checks every pricer makes: settlement a business day, maturity after settlement, both in
 * the calendar's range (MF_EINVAL / MF_ERANGE with the field named). *du_out >= 1 on success.
 */
int mf_br_du(const mf_calendar *cal, mf_date settlement, mf_date maturity, int32_t *du_out,
             mf_error *err);

/*
 * LTN (zero coupon, 1000 BRL at maturity): *pu_brl = trunc6(1000 / (1 + yield_pct/100)^
 * round14(du/252)). Errors: MF_EINVAL for a NaN/infinite/out-of-range yield or bad dates.
 */
int mf_br_ltn_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                 double *pu_brl, mf_error *err);

/*
 * NTN-F (10% a year in semiannual coupons of MF_BR_NTNF_COUPON_BRL on 1 January and 1 July,
 * 1000 BRL at maturity): the sum of each remaining flow discounted at round14(du_i/252) and
 * rounded to 9 decimals, truncated to 6 decimals. maturity must be a 1 January or 1 July
 * (MF_EINVAL naming "maturity" otherwise).
 */
int mf_br_ntnf_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                  double *pu_brl, mf_error *err);

/*
 * NTN-B cotação (percent of VNA) at the real yield yield_pct: the coupons of
 * MF_BR_NTNB_COUPON_PCT every six months back from maturity and 100 at maturity, each
 * discounted at round14(du_i/252), summed and truncated to 4 decimals. maturity must fall on
 * the 15th of February, May, August or November.
 */
int mf_br_ntnb_cotacao(const mf_calendar *cal, mf_date settlement, mf_date maturity,
                       double yield_pct, double *cotacao_pct, mf_error *err);

/*
 * NTN-B price: trunc6(cotação * vna_brl / 100), with vna_brl the VNA at settlement (BRL, taken
 * at 6 decimals: the input is rounded to the nearest 0.000001, and the product is formed in
 * exact integer arithmetic). vna_brl must be finite and positive (MF_EINVAL naming "vna").
 */
int mf_br_ntnb_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                  double vna_brl, double *pu_brl, mf_error *err);

/* LFT cotação: trunc4(100 / (1 + yield_pct/100)^round14(du/252)), percent of VNA. */
int mf_br_lft_cotacao(const mf_calendar *cal, mf_date settlement, mf_date maturity,
                      double yield_pct, double *cotacao_pct, mf_error *err);

/* LFT price: trunc6(cotação * vna_brl / 100), VNA as for mf_br_ntnb_pu() (the Selic VNA). */
int mf_br_lft_pu(const mf_calendar *cal, mf_date settlement, mf_date maturity, double yield_pct,
                 double vna_brl, double *pu_brl, mf_error *err);

/*
 * Yield from price: the yield_pct (percent a year) at which the matching *_pu function returns
 * pu_brl. Because ANBIMA truncates, a whole interval of yields gives the same PU; the result
 * is the middle of that interval, so pricing the result reproduces pu_brl exactly. When no
 * yield gives pu_brl exactly (a PU off ANBIMA's grid, common for NTN-B and LFT whose cotação
 * has 4 decimals) the result is the yield at which the price steps across pu_brl. Bracketed
 * bisection over MF_BR_YIELD_PCT_MIN..MAX until the bracket can no longer shrink.
 * Errors: MF_EINVAL for a non-positive or non-finite pu_brl / vna_brl or bad dates; MF_ERANGE
 * when pu_brl needs a yield outside the accepted range.
 */
int mf_br_ltn_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                    double *yield_pct, mf_error *err);
int mf_br_ntnf_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                     double *yield_pct, mf_error *err);
int mf_br_ntnb_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                     double vna_brl, double *yield_pct, mf_error *err);
int mf_br_lft_yield(const mf_calendar *cal, mf_date settlement, mf_date maturity, double pu_brl,
                    double vna_brl, double *yield_pct, mf_error *err);

/* Duration and convexity at a yield (BUS/252, exponential annual). */
typedef struct mf_br_risk {
    double macaulay_years;   /* sum of tau_i PV_i / P, tau_i = du_i / 252 */
    double modified_years;   /* macaulay / (1 + y) = -(dP/dy) / P */
    double convexity_years2; /* sum of tau_i (tau_i + 1) PV_i / (P (1 + y)^2) = (d2P/dy2) / P */
} mf_br_risk;

/*
 * The risk measures of bond `which` at yield_pct (percent a year, BUS/252 exponential), from
 * its flows (the ones mf_br_pu() discounts) with PV_i = CF_i / (1 + y)^(du_i/252) and
 * P = sum PV_i: present values unrounded and tau_i = du_i / 252 unrounded (these are analytic
 * measures, not published prices, so ANBIMA's truncations R1-R5 do not apply). NTN-B: the real
 * flows (coupon MF_BR_NTNB_COUPON_PCT and 100 per 100 of VNA) at the real yield: the VNA scales
 * out. LFT: its one flow at maturity discounted at the yield (the spread over Selic), so the
 * duration is to that yield: du/252, like an LTN; an LFT's exposure to the Selic level itself is
 * close to nil. Errors as mf_br_pu() (dates, maturity calendar, yield range); *out is written
 * only on success.
 */
int mf_br_risk_measures(mf_br_bond which, const mf_calendar *cal, mf_date settlement,
                        mf_date maturity, double yield_pct, mf_br_risk *out, mf_error *err);

/* The most flows of a bond: semiannual coupons up to the calendars' last year (2099). */
#define MF_BR_CASHFLOWS_MAX 256

/*
 * The remaining flows of a bond from settlement, in increasing date order. Units: LTN and
 * NTN-F in BRL per bond of 1000 BRL face (LTN: 1000 at maturity; NTN-F: MF_BR_NTNF_COUPON_BRL
 * on each 1 January / 1 July after settlement, 1000 + coupon at maturity); NTN-B and LFT per
 * unit of VNA (NTN-B: MF_BR_NTNB_COUPON_PCT / 100 on each 15th every six months back from
 * maturity, 1 + coupon at maturity; LFT: 1 at maturity): multiply by the VNA for BRL.
 * date[i] is the nominal date (a 1 January coupon is paid the next business day, but du to
 * either date is the same: the days between are not business days); du[i] the business days
 * of cal from settlement (inclusive) to date[i] (exclusive), >= 1 - the du each ANBIMA price
 * discounts at round14(du/252).
 */
typedef struct mf_br_flows {
    size_t n;
    mf_date date[MF_BR_CASHFLOWS_MAX];
    int32_t du[MF_BR_CASHFLOWS_MAX];
    double amount[MF_BR_CASHFLOWS_MAX];
} mf_br_flows;

/*
 * Fills *out with the flows of bond which settled on settlement. Errors as mf_br_pu() (dates,
 * the maturity's coupon calendar, a kind outside the enum); on failure out->n is 0.
 */
int mf_br_cashflows(mf_br_bond which, const mf_calendar *cal, mf_date settlement, mf_date maturity,
                    mf_br_flows *out, mf_error *err);

/*
 * Projects the NTN-B VNA to settlement pro rata with the expected monthly IPCA (ANBIMA,
 * NTN-B section, "VNA projetado"):
 *     *vna_brl = trunc6(vna_last_brl * (1 + ipca_proj_pct/100)^x),
 *     x = round14(dc / dct), dc = calendar days from the last 15th on or before settlement to
 *     settlement, dct = calendar days from that 15th to the next 15th.
 * vna_last_brl is the VNA published for that last 15th (updated with the last released IPCA)
 * and ipca_proj_pct the IPCA expected for the month that ends on the next 15th (ANBIMA's
 * projection, or the released figure once out). On a 15th x = 0 and the VNA is vna_last_brl
 * truncated to 6 decimals. Errors: MF_EINVAL naming "vna_last" (not finite or not positive)
 * or "ipca_proj" (not finite or outside -50..100 % a month); MF_ERANGE for the settlement.
 */
int mf_br_ntnb_vna_project(double vna_last_brl, double ipca_proj_pct, mf_date settlement,
                           double *vna_brl, mf_error *err);

#endif
