/*
 * futures.h - equity index and commodity futures as delta-one instruments: the contract specs
 * (point value, tick, currency, exchange), notional, delta, P&L and tick value of a position,
 * and the cost-of-carry fair value with the carry a traded price implies.
 *
 * Exports: mf_future_spec, mf_future_position; mf_future_spec_count(), mf_future_spec_at(),
 * mf_future_spec_find(), mf_future_position_of(), mf_future_pnl(), mf_future_fair_price(),
 * mf_future_implied_carry().
 *
 * Conventions (docs/futures.md cites each exchange's contract specification):
 * - A price is in the contract's quotation unit (index points, USD per barrel, USD per troy
 *   ounce...). The multiplier (point value) is the currency amount of one whole unit of price
 *   per contract: CME E-mini S&P 500 (ES) USD 50 per index point, B3 mini Ibovespa (WIN)
 *   BRL 0.20 per point, NYMEX WTI crude (CL) 1,000 barrels (USD 1,000 per USD 1 a barrel).
 * - notional = price x multiplier x contracts; delta per point = multiplier x contracts (the
 *   P&L of a one-unit move); delta per 1% = notional / 100; tick value = tick x multiplier.
 *   Contracts are signed: negative for a short position.
 * - Cost of carry: F = S e^((r - q) t), t = days / 365 (ACT/365F), r the financing rate and q
 *   the dividend yield (or convenience yield less storage for a commodity), both decimals a
 *   year continuously compounded.
 *
 * The spec table is static and read-only: every function may run on many threads at once.
 */
#ifndef MF_ANALYTICS_FUTURES_H
#define MF_ANALYTICS_FUTURES_H

#include <stddef.h>

#include "core/error.h"

/* Largest position accepted, in contracts (either sign), and price bound. */
#define MF_FUTURE_MAX_CONTRACTS 1e7
#define MF_FUTURE_MAX_PRICE     1e9

/* One contract's specification. All strings static. */
typedef struct mf_future_spec {
    const char *root;       /* exchange symbol root: "ES", "WIN", "CL" */
    const char *name;       /* "E-mini S&P 500" */
    const char *exchange;   /* "CME", "B3", "NYMEX", "COMEX", "ICE Futures Europe" */
    const char *currency;   /* ISO 4217: "USD", "BRL" */
    const char *price_unit; /* what the price measures: "index points", "USD per barrel" */
    double multiplier;      /* currency per one unit of price, per contract (point value) */
    double tick_size;       /* minimum price fluctuation, in price units */
} mf_future_spec;

/* The risk of a position of contracts at price. Amounts in the spec's currency. */
typedef struct mf_future_position {
    double notional;            /* price x multiplier x contracts (signed) */
    double delta_per_point;     /* P&L for the price up one unit: multiplier x contracts */
    double delta_per_pct;       /* P&L for the price up 1%: notional / 100 */
    double tick_value;          /* one tick of one contract: tick_size x multiplier */
    double position_tick_value; /* one tick of the position: tick_value x contracts */
    double ticks;               /* price / tick_size: a whole number when price is on the grid */
} mf_future_position;

/* Number of specs in the table, and the i-th (i < count). */
size_t mf_future_spec_count(void);
const mf_future_spec *mf_future_spec_at(size_t i);

/*
 * The spec of symbol: a root ("ES", "win": case does not matter) or a contract code made of a
 * root, a month letter (F G H J K M N Q U V X Z) and a one- or two-digit year ("ESZ6",
 * "WINZ25", "INDG26", "CLF27"). On success *out borrows the static table entry.
 * MF_ENOTFOUND (message quoting symbol and listing the roots) otherwise.
 */
int mf_future_spec_find(const char *symbol, const mf_future_spec **out, mf_error *err);

/*
 * Fills *out for contracts (signed, not zero, |contracts| <= MF_FUTURE_MAX_CONTRACTS) at price
 * (0 < price <= MF_FUTURE_MAX_PRICE: a notional and a percent delta need a positive price).
 * MF_EINVAL naming price or contracts otherwise; *out written only on success.
 */
int mf_future_position_of(const mf_future_spec *spec, double price, double contracts,
                          mf_future_position *out, mf_error *err);

/*
 * P&L of contracts bought at entry and valued (or sold) at exit:
 * (exit - entry) x multiplier x contracts. Prices may be zero or negative (WTI settled at
 * USD -37.63 on 2020-04-20) but must be finite and within +-MF_FUTURE_MAX_PRICE; contracts as
 * mf_future_position_of(). MF_EINVAL naming the bad input otherwise.
 */
int mf_future_pnl(const mf_future_spec *spec, double entry, double exit, double contracts,
                  double *pnl, mf_error *err);

/*
 * Cost-of-carry fair value F = spot e^((rate - yield) days/365). rate and yield decimals a year,
 * continuous, each within -1..1; days >= 0 (calendar days to expiry). MF_EINVAL naming the bad
 * input otherwise.
 */
int mf_future_fair_price(double spot, double rate, double yield, int days, double *fair,
                         mf_error *err);

/*
 * The carry r - q (decimal a year, continuous ACT/365F) a future price implies:
 * ln(price / spot) * 365 / days. days >= 1, prices positive and finite; MF_EINVAL otherwise.
 */
int mf_future_implied_carry(double price, double spot, int days, double *carry, mf_error *err);

#endif
