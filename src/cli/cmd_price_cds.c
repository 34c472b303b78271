/*
 * cmd_price_cds.c - `mf price cds`: a standard single-name (sovereign) CDS under the ISDA CDS
 * Standard Model (src/analytics/cds.h): the conventional spread or the upfront in, the other,
 * the accrued, par spread, flat hazard rate, risky PV01 and CS01 out.
 *
 * Exports price_run_cds() (cmd_price_int.h). Amounts are in the contract currency for
 * --notional (default 10,000,000) from the protection buyer's side: a positive upfront is paid
 * by the buyer, a positive CS01 is the buyer's gain when the spread widens 1 bp.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/cds.h"
#include "cli/cmd_price_int.h"
#include "core/calendar.h"

#define DEFAULT_NOTIONAL 10e6

/* "5Y", "6M", "10y" into months; a usage error otherwise. */
static int parse_tenor(mf_cli *cli, const char *text, int *months)
{
    char *end = NULL;
    long n = isdigit((unsigned char)text[0]) ? strtol(text, &end, 10) : -1;
    int unit = end ? toupper((unsigned char)end[0]) : 0;
    if (n < 1 || n > 12L * MF_CDS_MAX_YEARS || (unit != 'Y' && unit != 'M') || end[1] != '\0' ||
        (unit == 'Y' && n > MF_CDS_MAX_YEARS))
        return mf_cli_usage_error(cli,
                                  "--tenor: '%s' is not a tenor such as 5Y or 6M (at most %dY)",
                                  text, MF_CDS_MAX_YEARS);
    *months = (int)(unit == 'Y' ? 12 * n : n);
    return 0;
}

/* A date as the number yyyymmdd, for the numeric output fields. */
static double yyyymmdd(mf_date d)
{
    int y, m, day;
    mf_date_to_ymd(d, &y, &m, &day);
    return y * 10000.0 + m * 100.0 + day;
}

int price_run_cds(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    mf_cds_contract k = {.coupon_bp = MF_CDS_COUPON_SOVEREIGN};
    double recovery_pct = MF_CDS_RECOVERY_DEFAULT * 100.0, rate_pct = 0.0, quote = 0.0;
    double notional = DEFAULT_NOTIONAL;
    int months = 0, term = 0, given = 0;
    if (price_date(cli, a, "trade-date", &k.trade) ||
        (term = price_one_of(cli, a, "maturity", "tenor")) == 0 ||
        (term == 1 && price_date(cli, a, "maturity", &k.maturity)) ||
        (term == 2 && parse_tenor(cli, price_opt(a, "tenor"), &months)) ||
        (given = price_one_of(cli, a, "spread", "upfront")) == 0 ||
        price_number(cli, a, given == 1 ? "spread" : "upfront", &quote) ||
        price_number_opt(cli, a, "coupon", &k.coupon_bp) ||
        price_number_opt(cli, a, "recovery", &recovery_pct) ||
        price_number(cli, a, "rate", &rate_pct) || price_number_opt(cli, a, "notional", &notional))
        return MF_EXIT_USAGE;
    if (!(notional > 0.0 && notional <= 1e12))
        return mf_cli_usage_error(cli, "--notional: %g outside (0, 1e12]", notional);
    if (!(recovery_pct >= 0.0 && recovery_pct < 100.0))
        return mf_cli_usage_error(cli, "--recovery: %g percent outside [0, 100)", recovery_pct);
    k.recovery = recovery_pct / 100.0;
    mf_calendar *cal = NULL;
    mf_error err;
    const char *cal_name = price_opt(a, "calendar");
    int rc = cal_name ? mf_calendar_new(cal_name, &cal, &err) : 0;
    k.calendar = cal;
    if (rc == 0 && term == 2)
        rc = mf_cds_standard_maturity(k.trade, months, &k.maturity, &err);
    mf_cds_curves m = {0};
    if (rc == 0)
        rc = mf_cds_rate_to_cc(rate_pct / 100.0, MF_COMPOUNDING_ANNUAL, &m.discount_rate, &err);
    mf_cds_quote q;
    if (rc == 0)
        rc = given == 1 ? mf_cds_from_spread(&k, &m, quote, &q, &err)
                        : mf_cds_from_upfront(&k, &m, quote, &q, &err);
    mf_calendar_free(cal);
    if (rc != 0)
        return mf_cli_fail(cli, &err, rc == MF_ENOTFOUND ? MF_EXIT_USAGE : MF_EXIT_FAILURE);
    if (given == 2) { /* as given, not re-rounded through the hazard rate */
        q.upfront_pct = quote;
        q.upfront_dirty_pct = quote - q.accrued_pct;
    }
    price_field out[] = {
        {"upfront_pct", q.upfront_pct, 6},
        {"upfront_dirty_pct", q.upfront_dirty_pct, 6},
        {"accrued_pct", q.accrued_pct, 6},
        {"upfront", notional * q.upfront_pct / 100.0, 2},
        {"upfront_dirty", notional * q.upfront_dirty_pct / 100.0, 2},
        {"accrued", notional * q.accrued_pct / 100.0, 2},
        {"accrued_days", q.accrued_days, 0},
        {"spread_bp", q.spread_bp, 6},
        {"coupon_bp", k.coupon_bp, 2},
        {"recovery_pct", recovery_pct, 2},
        {"hazard_rate", q.hazard, 10},
        {"default_prob", q.default_prob, 8},
        {"rpv01_years", q.rpv01, 8},
        {"risky_pv01", notional * q.rpv01 * 1e-4, 2},
        {"cs01", notional * q.cs01_pct / 100.0, 2},
        {"notional", notional, 2},
        {"maturity_yyyymmdd", yyyymmdd(k.maturity), 0},
        {"accrual_start_yyyymmdd", yyyymmdd(q.accrual_start), 0},
        {"cash_settle_yyyymmdd", yyyymmdd(q.cash_settle), 0},
    };
    price_set_fields(f, n, out, sizeof out / sizeof out[0]);
    return MF_EXIT_OK;
}
