/*
 * futures.c - the futures spec table and delta-one arithmetic (futures.h).
 *
 * Each spec row cites its exchange's contract specification (as published in 2025):
 *   B3: "Contrato Futuro de Ibovespa" (IND) and "Contrato Futuro Mini de Ibovespa" (WIN),
 *       b3.com.br, Produtos e Serviços > Negociação > Renda Variável;
 *   CME Group: "E-mini S&P 500 Futures - Contract Specs" (ES), Micro E-mini S&P 500 (MES),
 *       E-mini Nasdaq-100 (NQ), Micro E-mini Nasdaq-100 (MNQ), E-mini Dow ($5) (YM),
 *       E-mini Russell 2000 (RTY); NYMEX Light Sweet Crude Oil (CL), Micro WTI (MCL),
 *       Henry Hub Natural Gas (NG); COMEX Gold (GC), Micro Gold (MGC), Silver (SI), Copper (HG),
 *       cmegroup.com, each product's "Contract Specs" page;
 *   ICE: "Brent Crude Futures" (B; listed here as BRN), ice.com product 219.
 */
#include "analytics/futures.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const mf_future_spec specs[] = {
    /* root, name, exchange, currency, price unit, multiplier, tick */
    {"IND", "Ibovespa futures", "B3", "BRL", "index points", 1.00, 5.0},
    {"WIN", "Mini Ibovespa futures", "B3", "BRL", "index points", 0.20, 5.0},
    {"ES", "E-mini S&P 500", "CME", "USD", "index points", 50.0, 0.25},
    {"MES", "Micro E-mini S&P 500", "CME", "USD", "index points", 5.0, 0.25},
    {"NQ", "E-mini Nasdaq-100", "CME", "USD", "index points", 20.0, 0.25},
    {"MNQ", "Micro E-mini Nasdaq-100", "CME", "USD", "index points", 2.0, 0.25},
    {"YM", "E-mini Dow ($5)", "CBOT", "USD", "index points", 5.0, 1.0},
    {"RTY", "E-mini Russell 2000", "CME", "USD", "index points", 50.0, 0.10},
    {"CL", "Light Sweet Crude Oil (WTI), 1,000 barrels", "NYMEX", "USD", "USD per barrel", 1000.0,
     0.01},
    {"MCL", "Micro WTI Crude Oil, 100 barrels", "NYMEX", "USD", "USD per barrel", 100.0, 0.01},
    {"BRN", "Brent Crude, 1,000 barrels", "ICE Futures Europe", "USD", "USD per barrel", 1000.0,
     0.01},
    {"NG", "Henry Hub Natural Gas, 10,000 MMBtu", "NYMEX", "USD", "USD per MMBtu", 10000.0, 0.001},
    {"GC", "Gold, 100 troy ounces", "COMEX", "USD", "USD per troy ounce", 100.0, 0.10},
    {"MGC", "Micro Gold, 10 troy ounces", "COMEX", "USD", "USD per troy ounce", 10.0, 0.10},
    {"SI", "Silver, 5,000 troy ounces", "COMEX", "USD", "USD per troy ounce", 5000.0, 0.005},
    {"HG", "Copper, 25,000 pounds", "COMEX", "USD", "USD per pound", 25000.0, 0.0005},
};

#define SPEC_COUNT (sizeof specs / sizeof specs[0])

size_t mf_future_spec_count(void)
{
    return SPEC_COUNT;
}

const mf_future_spec *mf_future_spec_at(size_t i)
{
    return i < SPEC_COUNT ? &specs[i] : NULL;
}

/* Whether s (after a root) is a month letter and a one- or two-digit year. */
static int is_expiry(const char *s)
{
    if (s[0] == '\0' || strchr("FGHJKMNQUVXZ", toupper((unsigned char)s[0])) == NULL)
        return 0;
    size_t digits = strspn(s + 1, "0123456789");
    return (digits == 1 || digits == 2) && s[1 + digits] == '\0';
}

/* Case-insensitive: does symbol start with root? Returns the rest, or NULL. */
static const char *after_root(const char *symbol, const char *root)
{
    size_t i = 0;
    for (; root[i]; i++)
        if (toupper((unsigned char)symbol[i]) != root[i])
            return NULL;
    return symbol + i;
}

int mf_future_spec_find(const char *symbol, const mf_future_spec **out, mf_error *err)
{
    if (symbol == NULL)
        symbol = "";
    for (size_t i = 0; i < SPEC_COUNT; i++) {
        const char *rest = after_root(symbol, specs[i].root);
        if (rest != NULL && (rest[0] == '\0' || is_expiry(rest))) {
            *out = &specs[i];
            return 0;
        }
    }
    char roots[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < SPEC_COUNT && used < sizeof roots; i++)
        used += (size_t)snprintf(roots + used, sizeof roots - used, "%s%s", i ? ", " : "",
                                 specs[i].root);
    return mf_error_set(err, MF_ENOTFOUND, "unknown futures contract '%.40s' (known roots: %s)",
                        symbol, roots);
}

static int check_contracts(double contracts, mf_error *err)
{
    if (!(fabs(contracts) <= MF_FUTURE_MAX_CONTRACTS) || contracts == 0.0)
        return mf_error_set(err, MF_EINVAL, "contracts %g: must be non-zero, at most %g either way",
                            contracts, MF_FUTURE_MAX_CONTRACTS);
    return 0;
}

int mf_future_position_of(const mf_future_spec *spec, double price, double contracts,
                          mf_future_position *out, mf_error *err)
{
    if (!(price > 0.0 && price <= MF_FUTURE_MAX_PRICE))
        return mf_error_set(err, MF_EINVAL, "price %g of '%s' outside (0, %g]", price, spec->root,
                            MF_FUTURE_MAX_PRICE);
    if (check_contracts(contracts, err))
        return MF_EINVAL;
    mf_future_position p = {
        .notional = price * spec->multiplier * contracts,
        .delta_per_point = spec->multiplier * contracts,
        .tick_value = spec->tick_size * spec->multiplier,
        .ticks = price / spec->tick_size,
    };
    p.delta_per_pct = p.notional / 100.0;
    p.position_tick_value = p.tick_value * contracts;
    *out = p;
    return 0;
}

int mf_future_pnl(const mf_future_spec *spec, double entry, double exit, double contracts,
                  double *pnl, mf_error *err)
{
    if (!(fabs(entry) <= MF_FUTURE_MAX_PRICE))
        return mf_error_set(err, MF_EINVAL, "entry price %g of '%s' is not a price", entry,
                            spec->root);
    if (!(fabs(exit) <= MF_FUTURE_MAX_PRICE))
        return mf_error_set(err, MF_EINVAL, "exit price %g of '%s' is not a price", exit,
                            spec->root);
    if (check_contracts(contracts, err))
        return MF_EINVAL;
    *pnl = (exit - entry) * spec->multiplier * contracts;
    return 0;
}

int mf_future_fair_price(double spot, double rate, double yield, int days, double *fair,
                         mf_error *err)
{
    if (!(spot > 0.0 && spot <= MF_FUTURE_MAX_PRICE))
        return mf_error_set(err, MF_EINVAL, "spot %g outside (0, %g]", spot, MF_FUTURE_MAX_PRICE);
    if (!(fabs(rate) <= 1.0))
        return mf_error_set(err, MF_EINVAL, "rate %g outside -1..1 (a decimal a year)", rate);
    if (!(fabs(yield) <= 1.0))
        return mf_error_set(err, MF_EINVAL, "yield %g outside -1..1 (a decimal a year)", yield);
    if (days < 0 || days > 36500)
        return mf_error_set(err, MF_EINVAL, "days %d outside 0..36500", days);
    *fair = spot * exp((rate - yield) * days / 365.0);
    return 0;
}

int mf_future_implied_carry(double price, double spot, int days, double *carry, mf_error *err)
{
    if (!(price > 0.0 && price <= MF_FUTURE_MAX_PRICE))
        return mf_error_set(err, MF_EINVAL, "price %g outside (0, %g]", price, MF_FUTURE_MAX_PRICE);
    if (!(spot > 0.0 && spot <= MF_FUTURE_MAX_PRICE))
        return mf_error_set(err, MF_EINVAL, "spot %g outside (0, %g]", spot, MF_FUTURE_MAX_PRICE);
    if (days < 1 || days > 36500)
        return mf_error_set(err, MF_EINVAL, "days %d outside 1..36500", days);
    *carry = log(price / spot) * 365.0 / days;
    return 0;
}
