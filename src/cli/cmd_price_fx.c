/*
 * cmd_price_fx.c - `mf price fxfwd|ndf|dol|wdo`: USD/BRL forwards by covered interest parity,
 * NDF marks and B3 dollar futures (src/analytics/fx.h). du counts business days on the
 * ANBIMA calendar, dc calendar days; rates are % a year (DI BUS/252 exponential, USD onshore
 * ACT/360 linear); forward points are 0.0001 BRL per USD; futures prices BRL per USD 1,000.
 */
#include "analytics/fx.h"
#include "cli/cmd_price_int.h"

/* du and dc from date to maturity after checking both dates (maturity a business day). */
static int days_to(mf_cli *cli, const mf_calendar *cal, mf_date date, mf_date maturity,
                   const char *what, int32_t *du, int32_t *dc)
{
    mf_error err;
    char day[MF_DATE_ISO_SIZE], d0[MF_DATE_ISO_SIZE], option[32];
    snprintf(option, sizeof option, "--%s", what);
    int rc = mf_calendar_require_business_day(cal, date, "--date", &err);
    if (rc == 0)
        rc = mf_calendar_require_business_day(cal, maturity, option, &err);
    if (rc == 0 && maturity <= date)
        rc = mf_error_set(&err, MF_EINVAL, "--%s %s is not after --date %s", what,
                          mf_date_format_iso(maturity, day), mf_date_format_iso(date, d0));
    if (rc == 0)
        rc = mf_calendar_bizdays(cal, date, maturity, du, &err);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    *dc = maturity - date;
    return 0;
}

static int open_calendar(mf_cli *cli, const char *name, mf_calendar **cal)
{
    mf_error err;
    if (mf_calendar_new(name, cal, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    return 0;
}

static bool has(const price_args *a, const char *name)
{
    return price_opt(a, name) != NULL;
}

/*
 * fxfwd: the forward from --points or --forward (then --di gives the implied USD rate, or
 * --usd-rate the implied DI rate), or from --di and --usd-rate by CIP.
 */
int price_run_fxfwd(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    mf_date date, maturity;
    double spot = 0.0, fwd = 0.0, points = 0.0, brl = 0.0, usd = 0.0;
    bool quoted = has(a, "points") || has(a, "forward");
    if (price_date(cli, a, "date", &date) || price_date(cli, a, "maturity", &maturity) ||
        price_number(cli, a, "spot", &spot) ||
        (quoted && price_one_of(cli, a, "points", "forward") == 0) ||
        price_number_opt(cli, a, "points", &points) || price_number_opt(cli, a, "forward", &fwd) ||
        price_number_opt(cli, a, "di", &brl) || price_number_opt(cli, a, "usd-rate", &usd))
        return MF_EXIT_USAGE;
    if (quoted && has(a, "di") && has(a, "usd-rate"))
        return mf_cli_usage_error(cli, "with a quoted forward give --di or --usd-rate, not both");
    if (!quoted && !(has(a, "di") && has(a, "usd-rate")))
        return mf_cli_usage_error(cli, "needs --points or --forward, or both --di and --usd-rate");
    mf_calendar *cal = NULL;
    int32_t du = 0, dc = 0;
    if (open_calendar(cli, "br", &cal) != 0)
        return MF_EXIT_FAILURE;
    int rc = days_to(cli, cal, date, maturity, "maturity", &du, &dc);
    mf_calendar_free(cal);
    if (rc != 0)
        return rc;
    mf_error err;
    int erc = 0;
    if (has(a, "points"))
        erc = mf_fx_outright(spot, points, &fwd, &err);
    else if (!quoted)
        erc = mf_fx_forward_cip(spot, brl, du, usd, dc, &fwd, &err);
    if (erc == 0)
        erc = mf_fx_points(spot, fwd, &points, &err);
    if (erc == 0 && quoted && has(a, "di"))
        erc = mf_fx_implied_usd_rate_pct(spot, fwd, brl, du, dc, &usd, &err);
    if (erc == 0 && quoted && has(a, "usd-rate"))
        erc = mf_fx_implied_brl_rate_pct(spot, fwd, usd, du, dc, &brl, &err);
    if (erc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    bool rates = has(a, "di") || has(a, "usd-rate");
    price_field out[] = {{"forward", fwd, 6}, {"points", points, 4},   {"du", du, 0},
                         {"dc", dc, 0},       {"di_rate_pct", brl, 6}, {"usd_rate_pct", usd, 6}};
    price_set_fields(f, n, out, sizeof out / sizeof out[0] - (rates ? 0 : 2));
    return MF_EXIT_OK;
}

/* ndf: forward for the fixing from --forward or by CIP (--usd-rate), discounted on --di. */
int price_run_ndf(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    mf_date date, fixing, settle;
    double spot = 0.0, strike = 0.0, notional = 0.0, fwd = 0.0, brl = 0.0, usd = 0.0;
    int given = 0;
    if (price_date(cli, a, "date", &date) || price_date(cli, a, "fixing", &fixing) ||
        price_number(cli, a, "spot", &spot) || price_number(cli, a, "strike", &strike) ||
        price_number(cli, a, "notional", &notional) || price_number(cli, a, "di", &brl) ||
        (given = price_one_of(cli, a, "forward", "usd-rate")) == 0 ||
        price_number_opt(cli, a, "forward", &fwd) || price_number_opt(cli, a, "usd-rate", &usd))
        return MF_EXIT_USAGE;
    settle = fixing;
    if (has(a, "settle") && price_date(cli, a, "settle", &settle))
        return MF_EXIT_USAGE;
    if (settle < fixing)
        return mf_cli_usage_error(cli, "--settle is before --fixing");
    mf_calendar *cal = NULL;
    int32_t du_fix = 0, dc_fix = 0, du_settle = 0, dc_settle = 0;
    if (open_calendar(cli, "br", &cal) != 0)
        return MF_EXIT_FAILURE;
    int rc = days_to(cli, cal, date, fixing, "fixing", &du_fix, &dc_fix);
    if (rc == 0)
        rc = days_to(cli, cal, date, settle, "settle", &du_settle, &dc_settle);
    mf_calendar_free(cal);
    if (rc != 0)
        return rc;
    mf_error err;
    mf_fx_ndf v;
    int erc = given == 2 ? mf_fx_forward_cip(spot, brl, du_fix, usd, dc_fix, &fwd, &err) : 0;
    if (erc == 0)
        erc = mf_fx_ndf_value(notional, strike, spot, fwd, brl, du_settle, &v, &err);
    if (erc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    price_field out[] = {{"forward", fwd, 6},           {"mtm_brl", v.mtm_brl, 2},
                         {"delta_usd", v.delta_usd, 2}, {"df_brl", v.df_brl, 10},
                         {"du_fixing", du_fix, 0},      {"dc_fixing", dc_fix, 0},
                         {"du_settle", du_settle, 0}};
    price_set_fields(f, n, out, sizeof out / sizeof out[0]);
    return MF_EXIT_OK;
}

/* dol, wdo: the fair price by CIP (--di, --usd-rate) or a traded --price (then --di, if
   given, gives the implied cupom). */
int price_run_fx_future(mf_cli *cli, const void *kind, const price_args *a, price_field *f,
                        size_t *n)
{
    mf_fx_future which = *(const mf_fx_future *)kind;
    mf_date date, maturity;
    double spot = 0.0, price = 0.0, brl = 0.0, usd = 0.0;
    int given = 0;
    if (price_date(cli, a, "date", &date) || price_date(cli, a, "maturity", &maturity) ||
        price_number(cli, a, "spot", &spot) ||
        (given = price_one_of(cli, a, "price", "usd-rate")) == 0 ||
        price_number_opt(cli, a, "price", &price) || price_number_opt(cli, a, "usd-rate", &usd) ||
        (given == 2 && price_number(cli, a, "di", &brl)) || price_number_opt(cli, a, "di", &brl))
        return MF_EXIT_USAGE;
    mf_calendar *cal = NULL, *b3 = NULL;
    int32_t du = 0, dc = 0;
    mf_error err;
    if (open_calendar(cli, "br", &cal) != 0)
        return MF_EXIT_FAILURE;
    int rc = open_calendar(cli, "b3", &b3);
    if (rc == 0 && mf_fx_future_check_maturity(b3, maturity, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    if (rc == 0)
        rc = days_to(cli, cal, date, maturity, "maturity", &du, &dc);
    mf_calendar_free(cal);
    mf_calendar_free(b3);
    if (rc != 0)
        return rc;
    mf_fx_future_quote q;
    int erc = given == 1 ? mf_fx_future_at_price(which, spot, price, &q, &err)
                         : mf_fx_future_value(which, spot, brl, du, usd, dc, &q, &err);
    if (erc == 0 && given == 1 && has(a, "di"))
        erc = mf_fx_implied_usd_rate_pct(spot, q.price_pts / 1000.0, brl, du, dc, &usd, &err);
    if (erc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    bool rates = has(a, "di");
    price_field out[] = {{"price_pts", q.price_pts, 3},
                         {"point_value_brl", q.point_value_brl, 2},
                         {"delta_usd", q.delta_usd, 2},
                         {"notional_usd", q.notional_usd, 0},
                         {"du", du, 0},
                         {"dc", dc, 0},
                         {"di_rate_pct", brl, 6},
                         {"usd_rate_pct", usd, 6}};
    price_set_fields(f, n, out, sizeof out / sizeof out[0] - (rates ? 0 : 2));
    return MF_EXIT_OK;
}
