/*
 * cmd_price_us.c - `mf price ust` and `mf price tbill`: US Treasury notes, bonds and bills
 * (src/analytics/ust.h).
 */
#include "analytics/ust.h"
#include "cli/cmd_price_int.h"

int price_run_ust(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    mf_ust_bond b = {.has_dated = price_opt(a, "dated") != NULL};
    mf_date settle;
    double yield_pct = 0.0, price = 0.0;
    int given = 0;
    if (price_date(cli, a, "settle", &settle) || price_date(cli, a, "maturity", &b.maturity) ||
        (b.has_dated && price_date(cli, a, "dated", &b.dated)) ||
        price_number(cli, a, "coupon", &b.coupon_pct) ||
        (given = price_one_of(cli, a, "yield", "price")) == 0 ||
        price_number_opt(cli, a, "yield", &yield_pct) || price_number_opt(cli, a, "price", &price))
        return MF_EXIT_USAGE;
    mf_error err;
    if (given == 2 && mf_ust_yield_from_clean(&b, settle, price, &yield_pct, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    mf_ust_quote q;
    if (mf_ust_price_from_yield(&b, settle, yield_pct, &q, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    if (given == 2) { /* as given, not re-rounded through the yield */
        q.clean_per_100 = price;
        q.dirty_per_100 = price + q.accrued_per_100;
    }
    price_field out[] = {
        {"clean_per_100", q.clean_per_100, 6},       {"dirty_per_100", q.dirty_per_100, 6},
        {"accrued_per_100", q.accrued_per_100, 6},   {"yield_pct", q.yield_pct, 6},
        {"macaulay_years", q.macaulay_years, 6},     {"modified_years", q.modified_years, 6},
        {"convexity_years2", q.convexity_years2, 4}, {"dv01_per_100", q.dv01_per_100, 6},
    };
    price_set_fields(f, n, out, sizeof out / sizeof out[0]);
    return MF_EXIT_OK;
}

int price_run_tbill(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    mf_date settle, maturity;
    double discount = 0.0, price = 0.0, invest = 0.0;
    int given = 0;
    if (price_date(cli, a, "settle", &settle) || price_date(cli, a, "maturity", &maturity) ||
        (given = price_one_of(cli, a, "discount", "price")) == 0 ||
        price_number_opt(cli, a, "discount", &discount) ||
        price_number_opt(cli, a, "price", &price))
        return MF_EXIT_USAGE;
    mf_error err;
    int rc = given == 1 ? mf_ust_bill_price_from_discount(settle, maturity, discount, &price, &err)
                        : mf_ust_bill_discount_from_price(settle, maturity, price, &discount, &err);
    if (rc == 0)
        rc = mf_ust_bill_investment_rate(settle, maturity, price, &invest, &err);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    price_field out[] = {
        {"price_per_100", price, 6},
        {"discount_pct", discount, 6},
        {"investment_rate_pct", invest, 6},
        {"days", (double)(maturity - settle), 0},
    };
    price_set_fields(f, n, out, sizeof out / sizeof out[0]);
    return MF_EXIT_OK;
}
