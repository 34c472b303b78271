/*
 * cmd_price.c - `mf price KIND`: prices an instrument from a yield or a yield from a price,
 * with its risk, in the conventions of its market (src/analytics/).
 *
 *   mf price ust --settle D --maturity D --coupon PCT [--dated D] (--yield PCT | --price CLEAN)
 *   mf price tbill --settle D --maturity D (--discount PCT | --price P)
 *
 * Every kind is one line in the kinds[] table below.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/ust.h"
#include "cli/cli.h"
#include "core/numfmt.h"

static const char usage[] =
    "usage: mf price KIND [options]\n"
    "\n"
    "Prices an instrument from a yield, or its yield from a price, with its risk.\n"
    "Prices are per 100 of face, rates in percent. Kinds:\n"
    "  ust    US Treasury note or bond (semiannual, ACT/ACT ICMA, street-convention yield)\n"
    "  tbill  US Treasury bill (discount rate ACT/360, investment rate per TreasuryDirect)\n"
    "\n"
    "options:\n"
    "  --settle DATE      settlement date (required)\n"
    "  --maturity DATE    maturity date (required)\n"
    "  --coupon PCT       ust: annual coupon rate in percent (4.25)\n"
    "  --dated DATE       ust: dated (issue) date, for a short first coupon\n"
    "  --yield PCT        ust: price from this yield in percent\n"
    "  --discount PCT     tbill: price from this discount rate in percent\n"
    "  --price P          the clean price per 100 to find the yield (or rates) of\n"
    "  --json             one JSON object instead of 'name value' lines\n"
    "  -h, --help         this text\n"
    "\n"
    "ust prints clean_per_100, dirty_per_100, accrued_per_100, yield_pct, macaulay_years,\n"
    "modified_years, convexity_years2 and dv01_per_100 (analytic: modified duration times the\n"
    "dirty price / 10000, the price change for one basis point); tbill prints price_per_100,\n"
    "discount_pct, investment_rate_pct and days.\n"
    "\n"
    "Example: mf price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --yield 5\n";

/* What the options gave; NULL when absent. */
typedef struct price_args {
    mf_date settle, maturity, dated;
    bool has_dated, json;
    const char *coupon, *yield, *discount, *price;
} price_args;

/* One output line: its name and value. Printing is shared by every kind. */
typedef struct price_field {
    const char *name;
    double value;
    int decimals; /* in text output; JSON gives the shortest exact form */
} price_field;

#define MAX_FIELDS 12

typedef int (*price_kind_run)(mf_cli *cli, const price_args *a, price_field *fields, size_t *n);

typedef struct price_kind {
    const char *name;
    price_kind_run run;
} price_kind;

static int parse_number(mf_cli *cli, const char *what, const char *text, double *out)
{
    mf_error err;
    if (mf_parse_decimal(text, strlen(text), out, &err) != 0)
        return mf_cli_usage_error(cli, "%s: %s", what, err.msg);
    return 0;
}

static int run_ust(mf_cli *cli, const price_args *a, price_field *f, size_t *n)
{
    if (a->discount)
        return mf_cli_usage_error(cli, "--discount is for tbill; ust takes --yield or --price");
    if (a->coupon == NULL)
        return mf_cli_usage_error(cli, "missing --coupon");
    if ((a->yield == NULL) == (a->price == NULL))
        return mf_cli_usage_error(cli, "needs exactly one of --yield and --price");
    mf_ust_bond b = {.maturity = a->maturity, .has_dated = a->has_dated, .dated = a->dated};
    double yield_pct = 0.0, price = 0.0;
    if (parse_number(cli, "--coupon", a->coupon, &b.coupon_pct) ||
        (a->yield && parse_number(cli, "--yield", a->yield, &yield_pct)) ||
        (a->price && parse_number(cli, "--price", a->price, &price)))
        return MF_EXIT_USAGE;
    mf_error err;
    if (a->price && mf_ust_yield_from_clean(&b, a->settle, price, &yield_pct, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    mf_ust_quote q;
    if (mf_ust_price_from_yield(&b, a->settle, yield_pct, &q, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    if (a->price) { /* as given, not re-rounded through the yield */
        q.clean_per_100 = price;
        q.dirty_per_100 = price + q.accrued_per_100;
    }
    price_field out[] = {
        {"clean_per_100", q.clean_per_100, 6},       {"dirty_per_100", q.dirty_per_100, 6},
        {"accrued_per_100", q.accrued_per_100, 6},   {"yield_pct", q.yield_pct, 6},
        {"macaulay_years", q.macaulay_years, 6},     {"modified_years", q.modified_years, 6},
        {"convexity_years2", q.convexity_years2, 4}, {"dv01_per_100", q.dv01_per_100, 6},
    };
    *n = sizeof out / sizeof out[0];
    memcpy(f, out, sizeof out);
    return 0;
}

static int run_tbill(mf_cli *cli, const price_args *a, price_field *f, size_t *n)
{
    if (a->coupon || a->yield || a->has_dated)
        return mf_cli_usage_error(cli, "tbill takes --discount or --price, not --coupon, "
                                       "--yield or --dated");
    if ((a->discount == NULL) == (a->price == NULL))
        return mf_cli_usage_error(cli, "needs exactly one of --discount and --price");
    double discount = 0.0, price = 0.0, invest = 0.0;
    if ((a->discount && parse_number(cli, "--discount", a->discount, &discount)) ||
        (a->price && parse_number(cli, "--price", a->price, &price)))
        return MF_EXIT_USAGE;
    mf_error err;
    int rc = a->discount
                 ? mf_ust_bill_price_from_discount(a->settle, a->maturity, discount, &price, &err)
                 : mf_ust_bill_discount_from_price(a->settle, a->maturity, price, &discount, &err);
    if (rc == 0)
        rc = mf_ust_bill_investment_rate(a->settle, a->maturity, price, &invest, &err);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    price_field out[] = {
        {"price_per_100", price, 6},
        {"discount_pct", discount, 6},
        {"investment_rate_pct", invest, 6},
        {"days", (double)(a->maturity - a->settle), 0},
    };
    *n = sizeof out / sizeof out[0];
    memcpy(f, out, sizeof out);
    return 0;
}

/* The kinds of `mf price`: adding one is one line here and its run function. */
static const price_kind kinds[] = {
    {"ust", run_ust},
    {"tbill", run_tbill},
};

static void print_fields(FILE *out, const price_field *f, size_t n, bool json)
{
    char buf[MF_DOUBLE_TEXT_SIZE];
    if (json)
        fputc('{', out);
    for (size_t i = 0; i < n; i++) {
        if (json)
            fprintf(out, "%s\"%s\":%s", i ? "," : "", f[i].name, mf_format_double(f[i].value, buf));
        else
            fprintf(out, "%s %.*f\n", f[i].name, f[i].decimals, f[i].value);
    }
    if (json)
        fputs("}\n", out);
}

int mf_cli_price(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"settle", required_argument, NULL, 's'}, {"maturity", required_argument, NULL, 'm'},
        {"coupon", required_argument, NULL, 'c'}, {"dated", required_argument, NULL, 'd'},
        {"yield", required_argument, NULL, 'y'},  {"discount", required_argument, NULL, 'D'},
        {"price", required_argument, NULL, 'p'},  {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    price_args a = {0};
    const char *settle = NULL, *maturity = NULL, *dated = NULL;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 's': settle = optarg; break;
        case 'm': maturity = optarg; break;
        case 'c': a.coupon = optarg; break;
        case 'd': dated = optarg; break;
        case 'y': a.yield = optarg; break;
        case 'D': a.discount = optarg; break;
        case 'p': a.price = optarg; break;
        case 'j': a.json = true; break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (argc - optind < 1)
        return mf_cli_usage_error(cli, "needs a KIND (ust, tbill)");
    if (argc - optind > 1)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    const char *name = argv[optind];
    const price_kind *kind = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].name, name) == 0)
            kind = &kinds[i];
    if (kind == NULL)
        return mf_cli_usage_error(cli, "unknown kind '%s' (expected ust or tbill)", name);
    if (settle == NULL)
        return mf_cli_usage_error(cli, "missing --settle");
    if (maturity == NULL)
        return mf_cli_usage_error(cli, "missing --maturity");
    if (mf_cli_parse_date(cli, "--settle", settle, &a.settle) ||
        mf_cli_parse_date(cli, "--maturity", maturity, &a.maturity) ||
        (dated && mf_cli_parse_date(cli, "--dated", dated, &a.dated)))
        return MF_EXIT_USAGE;
    a.has_dated = dated != NULL;
    price_field fields[MAX_FIELDS];
    size_t n = 0;
    int rc = kind->run(cli, &a, fields, &n);
    if (rc != 0)
        return rc;
    print_fields(cli->out, fields, n, a.json);
    return MF_EXIT_OK;
}
