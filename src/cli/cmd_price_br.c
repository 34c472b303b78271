/*
 * cmd_price_br.c - `mf price di1|ltn|ntnf|ntnb|lft`: B3's DI1 future and the Brazilian
 * government bonds under ANBIMA's methodology (src/analytics/di1.h, br_bonds.h). du counts
 * business days on the ANBIMA calendar. The bonds also print their Macaulay and modified
 * duration (years, BUS/252) and convexity (years^2) at the yield (mf_br_risk_measures()).
 */
#include <math.h>

#include "analytics/br_bonds.h"
#include "analytics/di1.h"
#include "cli/cmd_price_int.h"

int price_run_di1(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    mf_date date, maturity;
    double rate = 0.0, pu = 0.0, dv01 = 0.0;
    int given = 0;
    if (price_date(cli, a, "date", &date) || price_date(cli, a, "maturity", &maturity) ||
        (given = price_one_of(cli, a, "rate", "price")) == 0 ||
        price_number_opt(cli, a, "rate", &rate) || price_number_opt(cli, a, "price", &pu))
        return MF_EXIT_USAGE;
    mf_calendar *cal = NULL;
    mf_error err;
    int32_t du = 0;
    int rc = mf_calendar_new("br", &cal, &err);
    if (rc == 0)
        rc = mf_br_du(cal, date, maturity, &du, &err);
    if (rc == 0)
        rc = given == 1 ? mf_di1_pu(rate, du, &pu, &err) : mf_di1_rate(pu, du, &rate, &err);
    if (rc == 0)
        rc = mf_di1_dv01_brl(rate, du, &dv01, &err);
    mf_calendar_free(cal);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    price_field out[] = {
        {"pu_pts", pu, 2}, {"rate_pct", rate, 6}, {"du", du, 0}, {"dv01_brl", dv01, 6}};
    price_set_fields(f, n, out, sizeof out / sizeof out[0]);
    return MF_EXIT_OK;
}

int price_run_br_bond(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    mf_br_bond b = *(const mf_br_bond *)kind;
    bool needs_vna = mf_br_bond_has_vna(b);
    mf_date settle, maturity;
    double yield = 0.0, pu = 0.0, vna = 0.0, bumped = 0.0, cotacao = 0.0;
    int given = 0;
    if (price_date(cli, a, "settle", &settle) || price_date(cli, a, "maturity", &maturity) ||
        (needs_vna && price_number(cli, a, "vna", &vna)) ||
        (given = price_one_of(cli, a, "yield", "price")) == 0 ||
        price_number_opt(cli, a, "yield", &yield) || price_number_opt(cli, a, "price", &pu))
        return MF_EXIT_USAGE;
    mf_calendar *cal = NULL;
    mf_error err;
    int32_t du = 0;
    int rc = mf_calendar_new("br", &cal, &err);
    if (rc == 0)
        rc = mf_br_du(cal, settle, maturity, &du, &err);
    if (rc == 0 && given == 2)
        rc = mf_br_yield(b, cal, settle, maturity, pu, vna, &yield, &err);
    if (rc == 0)
        rc = mf_br_pu(b, cal, settle, maturity, yield, vna, &pu, &err);
    if (rc == 0)
        rc = mf_br_pu(b, cal, settle, maturity, yield + 0.01, vna, &bumped, &err);
    if (rc == 0 && needs_vna)
        rc = mf_br_cotacao(b, cal, settle, maturity, yield, &cotacao, &err);
    mf_br_risk risk = {0};
    if (rc == 0)
        rc = mf_br_risk_measures(b, cal, settle, maturity, yield, &risk, &err);
    mf_calendar_free(cal);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    price_field out[8] = {{"pu_brl", pu, 6},
                          {"yield_pct", yield, 6},
                          {"du", du, 0},
                          /* both PUs have 6 decimals: so has their difference */
                          {"dv01_brl", round((pu - bumped) * 1e6) / 1e6, 6}};
    size_t count = 4;
    if (needs_vna)
        out[count++] = (price_field){"cotacao_pct", cotacao, 4};
    out[count++] = (price_field){"macaulay_years", risk.macaulay_years, 6};
    out[count++] = (price_field){"modified_years", risk.modified_years, 6};
    out[count++] = (price_field){"convexity_years2", risk.convexity_years2, 4};
    price_set_fields(f, n, out, count);
    return MF_EXIT_OK;
}
