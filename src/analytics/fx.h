/*
 * fx.h - USD/BRL forwards by covered interest parity, NDF mark-to-market and B3's dollar
 * futures (DOL, WDO).
 *
 * Exports: MF_FX_POINT_BRL, mf_fx_outright(), mf_fx_points(), mf_fx_forward_cip(),
 * mf_fx_implied_usd_rate_pct(), mf_fx_implied_brl_rate_pct(), mf_fx_ndf, mf_fx_ndf_value(),
 * mf_fx_future (DOL, WDO), mf_fx_future_size_usd(), mf_fx_future_maturity(),
 * mf_fx_future_check_maturity(), mf_fx_future_quote, mf_fx_future_value().
 *
 * Conventions (docs/fx.md):
 *   - exchange rates are BRL per USD (USD/BRL 5.4321);
 *   - forward points: one point is MF_FX_POINT_BRL = 0.0001 BRL per USD, the last of the four
 *     decimals USD/BRL is quoted in (the interbank and offshore NDF convention: 1-month points
 *     of 300 are 0.0300 BRL); F = S + points * 0.0001;
 *   - the BRL rate is the DI rate, % a year, exponential BUS/252 over du business days on the
 *     ANBIMA calendar; the USD rate is the onshore dollar rate (cupom cambial), % a year,
 *     linear ACT/360 over dc calendar days;
 *   - covered interest parity:  (1 + usd * dc/360) = S * (1 + brl)^(du/252) / F, i.e.
 *         F = S * (1 + brl)^(du/252) / (1 + usd * dc/360);
 *   - B3 dollar futures are quoted in BRL per USD 1,000 (points; one point per contract is
 *     BRL 50 for DOL, USD 50,000, and BRL 10 for WDO, USD 10,000) and mature on the first
 *     business day of the contract month (B3 calendar).
 *
 * Checks common to every function (MF_EINVAL naming the field): spot and forwards finite and
 * within MF_FX_RATE_MIN..MF_FX_RATE_MAX BRL per USD; rates finite within -50..200 % (BRL) and
 * -50..100 % (USD); du >= 1, dc >= 1 and du <= dc (a business day is a calendar day).
 * Outputs are written only on success.
 */
#ifndef MF_ANALYTICS_FX_H
#define MF_ANALYTICS_FX_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/error.h"

/* One forward point, BRL per USD. */
#define MF_FX_POINT_BRL 0.0001

/* USD/BRL rates accepted, BRL per USD: anything outside is a unit error. */
#define MF_FX_RATE_MIN 0.01
#define MF_FX_RATE_MAX 1000.0

/* Outright forward from spot and forward points: *forward = spot + points * 0.0001. */
int mf_fx_outright(double spot, double points, double *forward, mf_error *err);

/* Forward points of forward over spot: (forward - spot) / 0.0001. */
int mf_fx_points(double spot, double forward, double *points, mf_error *err);

/* The CIP forward over du business days (BRL) and dc calendar days (USD). */
int mf_fx_forward_cip(double spot, double brl_rate_pct, int32_t du, double usd_rate_pct, int32_t dc,
                      double *forward, mf_error *err);

/*
 * The onshore USD rate (cupom cambial), % a year ACT/360 linear, that S, F and the DI rate
 * imply: ((S * (1 + brl)^(du/252) / F) - 1) * 360/dc. With S the spot this is the "cupom
 * limpo"; with PTAX of the previous business day, the "cupom sujo" (B3).
 */
int mf_fx_implied_usd_rate_pct(double spot, double forward, double brl_rate_pct, int32_t du,
                               int32_t dc, double *usd_rate_pct, mf_error *err);

/* The BRL rate, % a year BUS/252, that S, F and the USD rate imply:
   (F * (1 + usd * dc/360) / S)^(252/du) - 1. MF_ERANGE when it falls outside -50..200 %. */
int mf_fx_implied_brl_rate_pct(double spot, double forward, double usd_rate_pct, int32_t du,
                               int32_t dc, double *brl_rate_pct, mf_error *err);

/* What an NDF is worth. */
typedef struct mf_fx_ndf {
    double df_brl;    /* BRL discount factor to settlement, (1 + brl)^(-du/252) */
    double mtm_brl;   /* notional_usd * (forward - strike) * df_brl */
    double delta_usd; /* d mtm_brl / d spot with the carry F/S fixed: notional * F/S * df_brl */
} mf_fx_ndf;

/*
 * Marks an NDF to market: notional_usd USD bought (> 0) or sold (< 0) at strike (BRL per USD)
 * against the PTAX of the fixing date, settled in BRL on the settlement date, du_settle
 * business days away, discounted on the DI rate brl_rate_pct (the zero rate to settlement).
 * forward is the USD/BRL forward for the fixing date (the market's, or mf_fx_forward_cip()).
 * du_settle >= 0 (0: settles today, undiscounted). MF_EINVAL naming the field otherwise
 * (notional must be finite, non-zero and at most 1e12 USD).
 */
int mf_fx_ndf_value(double notional_usd, double strike, double spot, double forward,
                    double brl_rate_pct, int32_t du_settle, mf_fx_ndf *out, mf_error *err);

/* B3 dollar futures. */
typedef enum mf_fx_future {
    MF_FX_DOL, /* Dólar Comercial, USD 50,000 */
    MF_FX_WDO  /* Mini Dólar, USD 10,000 */
} mf_fx_future;

/* Contract size in USD (50000 or 10000; 0 for a value outside the enum). */
double mf_fx_future_size_usd(mf_fx_future kind);

/* The maturity of the contract of year-month: its first business day on cal (B3's). */
int mf_fx_future_maturity(const mf_calendar *cal, int year, int month, mf_date *out, mf_error *err);

/* MF_EINVAL (naming the first business day of the month) unless maturity is it. */
int mf_fx_future_check_maturity(const mf_calendar *cal, mf_date maturity, mf_error *err);

/* A futures price and its risk, per contract. */
typedef struct mf_fx_future_quote {
    double price_pts;       /* BRL per USD 1,000 */
    double point_value_brl; /* P&L of one point: size / 1000 */
    double delta_usd;       /* d(value in BRL) / d spot, rates fixed: size * F/S */
    double notional_usd;    /* size */
} mf_fx_future_quote;

/*
 * The fair price of a DOL/WDO contract by CIP (1000 * F, F = mf_fx_forward_cip() to the
 * maturity) with its point value and delta. Futures are settled daily: no discounting.
 * MF_EINVAL for a kind outside the enum, or as mf_fx_forward_cip().
 */
int mf_fx_future_value(mf_fx_future kind, double spot, double brl_rate_pct, int32_t du,
                       double usd_rate_pct, int32_t dc, mf_fx_future_quote *out, mf_error *err);

/* The same from a traded price (BRL per USD 1,000): point value and delta at that price. */
int mf_fx_future_at_price(mf_fx_future kind, double spot, double price_pts, mf_fx_future_quote *out,
                          mf_error *err);

#endif
