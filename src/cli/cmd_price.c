/*
 * cmd_price.c - `mf price KIND`: prices an instrument from a yield or a yield from a price,
 * with its risk, in the conventions of its market (src/analytics/).
 *
 *   mf price ust --settle D --maturity D --coupon PCT [--dated D] (--yield PCT | --price CLEAN)
 *   mf price tbill --settle D --maturity D (--discount PCT | --price P)
 *   mf price di1 --date D --maturity D (--rate PCT | --price PU)
 *   mf price ltn|ntnf --settle D --maturity D (--yield PCT | --price PU)
 *   mf price ntnb|lft --settle D --maturity D --vna VNA (--yield PCT | --price PU)
 *
 * Every kind is one line in the kinds[] table below.
 */
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/br_bonds.h"
#include "analytics/di1.h"
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
    "  di1    B3 DI1 future: PU = 100000 / (1 + rate)^(du/252), DV01 in BRL per contract\n"
    "  ltn    LTN (zero coupon, 1000 BRL), ANBIMA methodology with its truncations\n"
    "  ntnf   NTN-F (10%% a year, semiannual coupons on 1 Jan and 1 Jul)\n"
    "  ntnb   NTN-B (IPCA-linked, 6%% a year semiannual; needs --vna)\n"
    "  lft    LFT (Selic-linked; needs --vna)\n"
    "du counts business days on the ANBIMA calendar (settlement included, maturity not).\n"
    "\n"
    "options:\n"
    "  --settle DATE      settlement date (required)\n"
    "  --maturity DATE    maturity date (required)\n"
    "  --coupon PCT       ust: annual coupon rate in percent (4.25)\n"
    "  --dated DATE       ust: dated (issue) date, for a short first coupon\n"
    "  --yield PCT        ust: price from this yield in percent\n"
    "  --discount PCT     tbill: price from this discount rate in percent\n"
    "  --price P          the clean price per 100 (ust, tbill) or the PU in BRL (Brazilian\n"
    "                     kinds) to find the yield (or rates) of\n"
    "  --date DATE        di1: the trade date (same as --settle)\n"
    "  --rate PCT         di1: price from this rate, %% a year BUS/252\n"
    "  --vna VNA          ntnb, lft: the VNA at settlement in BRL\n"
    "  --json             one JSON object instead of 'name value' lines\n"
    "  -h, --help         this text\n"
    "\n"
    "ust prints clean_per_100, dirty_per_100, accrued_per_100, yield_pct, macaulay_years,\n"
    "modified_years, convexity_years2 and dv01_per_100 (analytic: modified duration times the\n"
    "dirty price / 10000, the price change for one basis point); tbill prints price_per_100,\n"
    "discount_pct, investment_rate_pct and days; di1 prints pu_pts, rate_pct, du and\n"
    "dv01_brl; the Brazilian bonds print pu_brl, yield_pct, du (and cotacao_pct for ntnb and\n"
    "lft) and dv01_brl (the PU change for +1bp, by repricing with ANBIMA's truncations).\n"
    "\n"
    "Example: mf price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --yield 5\n";

/* What the options gave; NULL when absent. */
typedef struct price_args {
    mf_date settle, maturity, dated;
    bool has_dated, json;
    const char *coupon, *yield, *discount, *price, *rate, *vna;
    const char *kind_name; /* "ntnb", for messages */
} price_args;

/* One output line: its name and value. Printing is shared by every kind. */
typedef struct price_field {
    const char *name;
    double value;
    int decimals; /* in text output; JSON gives the shortest exact form */
} price_field;

#define MAX_FIELDS 12

typedef int (*price_kind_run)(mf_cli *cli, const void *kind, const price_args *a,
                              price_field *fields, size_t *n);

typedef struct price_kind {
    const char *name;
    price_kind_run run;
    const void *kind; /* what run needs to know of the kind (a br_bond), or NULL */
} price_kind;

static int parse_number(mf_cli *cli, const char *what, const char *text, double *out)
{
    mf_error err;
    if (mf_parse_decimal(text, strlen(text), out, &err) != 0)
        return mf_cli_usage_error(cli, "%s: %s", what, err.msg);
    return 0;
}

static int run_ust(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
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

static int run_tbill(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
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

static int run_di1(mf_cli *cli, const void *kind, const price_args *a, price_field *f, size_t *n)
{
    (void)kind;
    if (a->coupon || a->yield || a->discount || a->vna || a->has_dated)
        return mf_cli_usage_error(cli, "di1 takes --rate or --price");
    if ((a->rate == NULL) == (a->price == NULL))
        return mf_cli_usage_error(cli, "needs exactly one of --rate and --price");
    double rate = 0.0, pu = 0.0, dv01 = 0.0;
    if ((a->rate && parse_number(cli, "--rate", a->rate, &rate)) ||
        (a->price && parse_number(cli, "--price", a->price, &pu)))
        return MF_EXIT_USAGE;
    mf_calendar *cal = NULL;
    mf_error err;
    int32_t du = 0;
    int rc = mf_calendar_new("br", &cal, &err);
    if (rc == 0)
        rc = mf_br_du(cal, a->settle, a->maturity, &du, &err);
    if (rc == 0)
        rc = a->rate ? mf_di1_pu(rate, du, &pu, &err) : mf_di1_rate(pu, du, &rate, &err);
    if (rc == 0)
        rc = mf_di1_dv01_brl(rate, du, &dv01, &err);
    mf_calendar_free(cal);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    price_field out[] = {
        {"pu_pts", pu, 2}, {"rate_pct", rate, 6}, {"du", du, 0}, {"dv01_brl", dv01, 6}};
    *n = sizeof out / sizeof out[0];
    memcpy(f, out, sizeof out);
    return 0;
}

/* The Brazilian bonds by their kind name: the kind the library prices. */
static const mf_br_bond br_bonds[] = {MF_BR_LTN, MF_BR_NTNF, MF_BR_NTNB, MF_BR_LFT};

static int run_br_bond(mf_cli *cli, const void *kind, const price_args *a, price_field *f,
                       size_t *n)
{
    mf_br_bond b = *(const mf_br_bond *)kind;
    const char *name = a->kind_name;
    bool needs_vna = mf_br_bond_has_vna(b);
    if (a->coupon || a->discount || a->rate || a->has_dated)
        return mf_cli_usage_error(cli, "%s takes --yield or --price%s", name,
                                  needs_vna ? " and --vna" : "");
    if ((a->yield == NULL) == (a->price == NULL))
        return mf_cli_usage_error(cli, "needs exactly one of --yield and --price");
    if (needs_vna != (a->vna != NULL))
        return mf_cli_usage_error(cli, needs_vna ? "%s needs --vna" : "%s takes no --vna", name);
    double yield = 0.0, pu = 0.0, vna = 0.0, bumped = 0.0, cotacao = 0.0;
    if ((a->yield && parse_number(cli, "--yield", a->yield, &yield)) ||
        (a->price && parse_number(cli, "--price", a->price, &pu)) ||
        (a->vna && parse_number(cli, "--vna", a->vna, &vna)))
        return MF_EXIT_USAGE;
    mf_calendar *cal = NULL;
    mf_error err;
    int32_t du = 0;
    int rc = mf_calendar_new("br", &cal, &err);
    if (rc == 0)
        rc = mf_br_du(cal, a->settle, a->maturity, &du, &err);
    if (rc == 0 && a->price)
        rc = mf_br_yield(b, cal, a->settle, a->maturity, pu, vna, &yield, &err);
    if (rc == 0)
        rc = mf_br_pu(b, cal, a->settle, a->maturity, yield, vna, &pu, &err);
    if (rc == 0)
        rc = mf_br_pu(b, cal, a->settle, a->maturity, yield + 0.01, vna, &bumped, &err);
    if (rc == 0 && needs_vna)
        rc = mf_br_cotacao(b, cal, a->settle, a->maturity, yield, &cotacao, &err);
    mf_calendar_free(cal);
    if (rc != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    price_field out[] = {{"pu_brl", pu, 6},
                         {"yield_pct", yield, 6},
                         {"du", du, 0},
                         /* both PUs have 6 decimals: so has their difference */
                         {"dv01_brl", round((pu - bumped) * 1e6) / 1e6, 6},
                         {"cotacao_pct", cotacao, 4}};
    *n = sizeof out / sizeof out[0] - (needs_vna ? 0 : 1);
    memcpy(f, out, *n * sizeof out[0]);
    return 0;
}

/* The kinds of `mf price`: adding one is one line here and its run function. */
static const price_kind kinds[] = {
    {"ust", run_ust, NULL},
    {"tbill", run_tbill, NULL},
    {"di1", run_di1, NULL},
    {"ltn", run_br_bond, &br_bonds[0]},
    {"ntnf", run_br_bond, &br_bonds[1]},
    {"ntnb", run_br_bond, &br_bonds[2]},
    {"lft", run_br_bond, &br_bonds[3]},
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
        {"settle", required_argument, NULL, 's'},
        {"maturity", required_argument, NULL, 'm'},
        {"coupon", required_argument, NULL, 'c'},
        {"dated", required_argument, NULL, 'd'},
        {"yield", required_argument, NULL, 'y'},
        {"discount", required_argument, NULL, 'D'},
        {"price", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},
        {"date", required_argument, NULL, 's'},
        {"rate", required_argument, NULL, 'r'},
        {"vna", required_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
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
        case 'r': a.rate = optarg; break;
        case 'v': a.vna = optarg; break;
        case 'j': a.json = true; break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (argc - optind < 1)
        return mf_cli_usage_error(cli, "needs a KIND (ust, tbill, di1, ltn, ntnf, ntnb, lft)");
    if (argc - optind > 1)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    const char *name = argv[optind];
    const price_kind *kind = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].name, name) == 0)
            kind = &kinds[i];
    if (kind == NULL)
        return mf_cli_usage_error(cli,
                                  "unknown kind '%s' (expected ust, tbill, di1, ltn, ntnf, "
                                  "ntnb or lft)",
                                  name);
    if (settle == NULL)
        return mf_cli_usage_error(cli, "missing --settle");
    if (maturity == NULL)
        return mf_cli_usage_error(cli, "missing --maturity");
    if (mf_cli_parse_date(cli, "--settle", settle, &a.settle) ||
        mf_cli_parse_date(cli, "--maturity", maturity, &a.maturity) ||
        (dated && mf_cli_parse_date(cli, "--dated", dated, &a.dated)))
        return MF_EXIT_USAGE;
    a.has_dated = dated != NULL;
    a.kind_name = kind->name;
    price_field fields[MAX_FIELDS];
    size_t n = 0;
    int rc = kind->run(cli, kind->kind, &a, fields, &n);
    if (rc != 0)
        return rc;
    print_fields(cli->out, fields, n, a.json);
    return MF_EXIT_OK;
}
