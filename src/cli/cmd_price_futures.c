/*
 * cmd_price_futures.c - `mf price future`: an equity index or commodity future as a delta-one
 * position (src/analytics/futures.h): notional, point and tick value, delta, P&L to an exit
 * price, and the cost-of-carry fair value with the carry the price implies.
 *
 * Exports price_run_future() (cmd_price_int.h). Amount fields carry the contract's currency in
 * their name (notional_usd, notional_brl).
 */
#include <math.h>
#include <string.h>

#include "analytics/futures.h"
#include "cli/cmd_price_int.h"

/* Field names by currency: the unit is in the name. */
typedef struct ccy_names {
    const char *code, *notional, *point_value, *tick_value, *delta_point, *delta_pct, *pos_tick,
        *pnl;
} ccy_names;

static const ccy_names names[] = {
    {"USD", "notional_usd", "point_value_usd", "tick_value_usd", "delta_per_point_usd",
     "delta_per_pct_usd", "position_tick_value_usd", "pnl_usd"},
    {"BRL", "notional_brl", "point_value_brl", "tick_value_brl", "delta_per_point_brl",
     "delta_per_pct_brl", "position_tick_value_brl", "pnl_brl"},
};

int price_run_future(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    const char *symbol = price_opt(a, "contract");
    double price = 0.0, contracts = 1.0, exit_price = 0.0, spot = 0.0, rate_pct = 0.0;
    double yield_pct = 0.0, days_d = 0.0;
    bool carry = price_opt(a, "spot") || price_opt(a, "rate") || price_opt(a, "yield") ||
                 price_opt(a, "days");
    if (symbol == NULL)
        return mf_cli_usage_error(cli, "missing --contract");
    if (price_number(cli, a, "price", &price) ||
        price_number_opt(cli, a, "contracts", &contracts) ||
        price_number_opt(cli, a, "exit-price", &exit_price) ||
        (carry &&
         (price_number(cli, a, "spot", &spot) || price_number(cli, a, "rate", &rate_pct) ||
          price_number(cli, a, "days", &days_d) || price_number_opt(cli, a, "yield", &yield_pct))))
        return MF_EXIT_USAGE;
    if (carry && (days_d != floor(days_d) || days_d < 1.0 || days_d > 36500.0))
        return mf_cli_usage_error(cli, "--days: %g is not a whole number of days in 1..36500",
                                  days_d);
    const mf_future_spec *spec = NULL;
    mf_error err;
    mf_future_position p;
    double pnl = 0.0, fair = 0.0, implied = 0.0;
    int days = (int)days_d;
    if (mf_future_spec_find(symbol, &spec, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    int rc = mf_future_position_of(spec, price, contracts, &p, &err);
    if (rc == 0 && price_opt(a, "exit-price"))
        rc = mf_future_pnl(spec, price, exit_price, contracts, &pnl, &err);
    if (rc == 0 && carry)
        rc = mf_future_fair_price(spot, rate_pct / 100.0, yield_pct / 100.0, days, &fair, &err);
    if (rc == 0 && carry)
        rc = mf_future_implied_carry(price, spot, days, &implied, &err);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    const ccy_names *nm = &names[strcmp(spec->currency, "BRL") == 0];
    price_field out[PRICE_MAX_FIELDS] = {
        {nm->notional, p.notional, 2},       {nm->point_value, spec->multiplier, 4},
        {"tick_size", spec->tick_size, 4},   {nm->tick_value, p.tick_value, 4},
        {"contracts", contracts, 0},         {nm->delta_point, p.delta_per_point, 4},
        {nm->delta_pct, p.delta_per_pct, 2}, {nm->pos_tick, p.position_tick_value, 4},
    };
    size_t count = 8;
    if (price_opt(a, "exit-price"))
        out[count++] = (price_field){nm->pnl, pnl, 2};
    if (carry) {
        out[count++] = (price_field){"fair_price", fair, 6};
        out[count++] = (price_field){"basis", price - fair, 6};
        out[count++] = (price_field){"implied_carry_pct", implied * 100.0, 6};
        out[count++] = (price_field){"implied_rate_pct", implied * 100.0 + yield_pct, 6};
    }
    price_set_fields(f, n, out, count);
    return MF_EXIT_OK;
}
