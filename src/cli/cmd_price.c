/*
 * cmd_price.c - `mf price KIND`: prices an instrument from a yield or a yield from a price,
 * with its risk, in the conventions of its market (src/analytics/).
 *
 *   mf price KIND [--OPTION VALUE ...] [--json]
 *
 * Each kind names the options it takes (kinds[] below); its run function lives in
 * cmd_price_<market>.c.
 */
#include <stdlib.h>
#include <string.h>

#include "analytics/br_bonds.h"
#include "analytics/fx.h"
#include "cli/cli.h"
#include "cli/cmd_price_int.h"
#include "core/assert.h"
#include "core/numfmt.h"

static const mf_br_bond ltn = MF_BR_LTN, ntnf = MF_BR_NTNF, ntnb = MF_BR_NTNB, lft = MF_BR_LFT;
static const mf_fx_future dol = MF_FX_DOL, wdo = MF_FX_WDO;

/* The kinds of `mf price`: adding one is one line here and its run function. */
static const price_kind kinds[] = {
    {"ust", "US Treasury note or bond (semiannual, ACT/ACT ICMA, street yield)",
     "settle maturity coupon dated yield price", price_run_ust, NULL},
    {"tbill", "US Treasury bill (discount rate ACT/360, TreasuryDirect investment rate)",
     "settle maturity discount price", price_run_tbill, NULL},
    {"di1", "B3 DI1 future: PU = 100000 / (1 + rate)^(du/252), DV01 in BRL per contract",
     "date maturity rate price", price_run_di1, NULL},
    {"ltn", "LTN (zero coupon, 1000 BRL), ANBIMA methodology with its truncations",
     "settle maturity yield price", price_run_br_bond, &ltn},
    {"ntnf", "NTN-F (10% a year, semiannual coupons on 1 Jan and 1 Jul)",
     "settle maturity yield price", price_run_br_bond, &ntnf},
    {"ntnb", "NTN-B (IPCA-linked, 6% a year semiannual, VNA at settlement)",
     "settle maturity vna yield price", price_run_br_bond, &ntnb},
    {"lft", "LFT (Selic-linked, VNA at settlement)", "settle maturity vna yield price",
     price_run_br_bond, &lft},
    {"fxfwd", "USD/BRL forward: outright from points, or by CIP from DI and USD rates",
     "date maturity spot points forward di usd-rate", price_run_fxfwd, NULL},
    {"ndf", "USD/BRL NDF mark-to-market in BRL (DI-discounted) and delta in USD",
     "date fixing settle spot strike notional forward usd-rate di", price_run_ndf, NULL},
    {"dol", "B3 dollar future (USD 50,000; BRL per USD 1,000): fair price by CIP, risk",
     "date maturity spot price di usd-rate", price_run_fx_future, &dol},
    {"wdo", "B3 mini dollar future (USD 10,000): as dol", "date maturity spot price di usd-rate",
     price_run_fx_future, &wdo},
    {"cds", "standard CDS, ISDA Standard Model: spread <-> upfront, accrued, RPV01, CS01",
     "trade-date maturity tenor spread upfront coupon recovery rate notional calendar",
     price_run_cds, NULL},
    {"future", "equity index or commodity future: notional, tick value, delta, carry",
     "contract price contracts exit-price spot rate yield days", price_run_future, NULL},
};

#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

static const char usage_head[] =
    "usage: mf price KIND [--OPTION VALUE ...] [--json]\n"
    "\n"
    "Prices an instrument from a yield (or rate), or its yield from a price, with its risk,\n"
    "in the conventions of its market. Rates are in percent. Kinds and their options:\n";

static const char usage_tail[] =
    "\n"
    "options (dates ISO, rates in percent a year):\n"
    "  --settle DATE      settlement date (ndf: the BRL settlement, default the fixing)\n"
    "  --date DATE        trade date (di1, fxfwd, ndf, dol, wdo)\n"
    "  --trade-date DATE  cds trade date T (step-in T+1, cash settlement T+3 days)\n"
    "  --maturity DATE    maturity date\n"
    "  --dated DATE       ust: dated (issue) date, for a short first coupon\n"
    "  --fixing DATE      ndf: the fixing (PTAX) date\n"
    "  --tenor 5Y         cds: the standard maturity of the tenor (20 Jun/Dec, ISDA roll)\n"
    "  --coupon PCT|BP    ust: annual coupon in percent; cds: running coupon in bp\n"
    "                     (default 100; 500 also standard)\n"
    "  --yield PCT        price from this yield (future: dividend yield, continuous\n"
    "                     ACT/365F)\n"
    "  --discount PCT     tbill: price from this discount rate\n"
    "  --rate PCT         di1: price from this rate, BUS/252; cds: flat discount zero\n"
    "                     rate, annual ACT/365F; future: financing rate, continuous ACT/365F\n"
    "  --price P          ust, tbill: clean price per 100; Brazilian bonds: PU in BRL;\n"
    "                     di1: PU in points; dol, wdo: BRL per USD 1,000; future: the\n"
    "                     futures price in its quotation unit\n"
    "  --vna VNA          ntnb, lft: the VNA at settlement in BRL\n"
    "  --spot S           USD/BRL spot in BRL per USD; future: the underlying's level\n"
    "  --points P         fxfwd: forward points over spot, 1 point = 0.0001 BRL\n"
    "  --forward F        USD/BRL outright forward, BRL per USD (ndf: to the fixing)\n"
    "  --di PCT           DI rate to the maturity (ndf: to settlement), BUS/252\n"
    "  --usd-rate PCT     onshore USD rate (cupom cambial), ACT/360 linear\n"
    "  --strike K         ndf: strike, BRL per USD\n"
    "  --notional N       ndf: USD notional, > 0 bought, < 0 sold; cds: notional in its\n"
    "                     currency (default 10000000)\n"
    "  --spread BP        cds: conventional spread\n"
    "  --upfront PCT      cds: clean upfront in percent of notional (buyer pays)\n"
    "  --recovery PCT     cds: recovery rate (default 40)\n"
    "  --calendar NAME    cds: payment calendar (default weekends only; us-gov, nyse...)\n"
    "  --contract ROOT    future: root or code (ES, ESZ6, WIN, INDG26, CL, GC...)\n"
    "  --contracts N      future: number of contracts, negative for short (default 1)\n"
    "  --exit-price P     future: the P&L from --price to this price\n"
    "  --days N           future: days to delivery, for the fair value\n"
    "                     S e^((rate - yield) days/365) and the carry --price implies\n"
    "  --json             one JSON object instead of 'name value' lines\n"
    "  -h, --help         this text\n"
    "du counts business days on the ANBIMA calendar (settlement included, maturity not).\n"
    "Outputs name their units: _per_100 of face, _pct, _bp, _brl, _usd, _years; dv01 is\n"
    "the value change for one basis point (docs/pricing.md).\n"
    "\n"
    "Example: mf price ust --settle 2025-08-15 --maturity 2026-11-15 --coupon 4 --yield 5\n";

/* The options of kind as "--settle --maturity ..." into buf. */
static const char *format_options(const price_kind *kind, char *buf, size_t size)
{
    size_t used = 0;
    for (const char *p = kind->options; *p && used < size;) {
        size_t n = strcspn(p, " ");
        used += (size_t)snprintf(buf + used, size - used, "%s--%.*s", used ? " " : "", (int)n, p);
        p += n + (p[n] == ' ');
    }
    return buf;
}

static void print_usage(FILE *out)
{
    char options[256];
    fputs(usage_head, out);
    for (size_t i = 0; i < KIND_COUNT; i++)
        fprintf(out, "  %-6s %s\n         %s\n", kinds[i].name, kinds[i].summary,
                format_options(&kinds[i], options, sizeof options));
    fputs(usage_tail, out);
}

/* Whether the space-separated list holds word. */
static bool list_has(const char *list, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, " ");
        if (n == len && strncmp(p, word, len) == 0)
            return true;
        p += n + (p[n] == ' ');
    }
    return false;
}

const char *price_opt(const price_args *a, const char *name)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->name[i], name) == 0)
            return a->value[i];
    return NULL;
}

int price_number_opt(mf_cli *cli, const price_args *a, const char *name, double *out)
{
    const char *text = price_opt(a, name);
    mf_error err;
    if (text && mf_parse_decimal(text, strlen(text), out, &err) != 0)
        return mf_cli_usage_error(cli, "--%s: %s", name, err.msg);
    return 0;
}

int price_number(mf_cli *cli, const price_args *a, const char *name, double *out)
{
    if (price_opt(a, name) == NULL)
        return mf_cli_usage_error(cli, "missing --%s", name);
    return price_number_opt(cli, a, name, out);
}

int price_date(mf_cli *cli, const price_args *a, const char *name, mf_date *out)
{
    const char *text = price_opt(a, name);
    char what[40];
    if (text == NULL)
        return mf_cli_usage_error(cli, "missing --%s", name);
    snprintf(what, sizeof what, "--%s", name);
    return mf_cli_parse_date(cli, what, text, out);
}

int price_one_of(mf_cli *cli, const price_args *a, const char *first, const char *second)
{
    bool has1 = price_opt(a, first) != NULL, has2 = price_opt(a, second) != NULL;
    if (has1 == has2) {
        mf_cli_usage_error(cli, "needs exactly one of --%s and --%s", first, second);
        return 0;
    }
    return has1 ? 1 : 2;
}

void price_set_fields(price_field *f, size_t *n, const price_field *out, size_t count)
{
    MF_ASSERT(count <= PRICE_MAX_FIELDS);
    memcpy(f, out, count * sizeof out[0]);
    *n = count;
}

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

static const price_kind *find_kind(const char *name)
{
    for (size_t i = 0; i < KIND_COUNT; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

static int unknown_kind(mf_cli *cli, const char *name)
{
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < KIND_COUNT && used < sizeof list; i++)
        used +=
            (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", kinds[i].name);
    return name ? mf_cli_usage_error(cli, "unknown kind '%s' (expected %s)", name, list)
                : mf_cli_usage_error(cli, "needs a KIND (%s)", list);
}

/*
 * Reads argv[1..argc) into the kind name and its --name value pairs (also --name=value).
 * Values are taken as they come, so a negative number (--yield -0.25) is a value.
 */
static int parse_args(mf_cli *cli, int argc, char **argv, const char **kind_name, bool *json,
                      bool *help, price_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            *help = true;
            return 0;
        }
        if (strcmp(arg, "--json") == 0) {
            *json = true;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            if (*kind_name != NULL)
                return mf_cli_usage_error(cli, "unexpected argument '%s'", arg);
            *kind_name = arg;
            continue;
        }
        if (a->n == PRICE_MAX_OPTIONS)
            return mf_cli_usage_error(cli, "too many options");
        size_t len = strcspn(arg + 2, "=");
        if (len == 0 || len >= sizeof a->name[0])
            return mf_cli_usage_error(cli, "unknown option '%s'", arg);
        memcpy(a->name[a->n], arg + 2, len);
        a->name[a->n][len] = '\0';
        const char *eq = arg[2 + len] == '=' ? arg + 2 + len : NULL;
        if (eq) {
            a->value[a->n] = eq + 1;
        } else if (i + 1 < argc) {
            a->value[a->n] = argv[++i];
        } else {
            return mf_cli_usage_error(cli, "option '%s' needs a value", arg);
        }
        a->n++;
    }
    return 0;
}

int mf_cli_price(mf_cli *cli, int argc, char **argv)
{
    price_args a = {0};
    const char *kind_name = NULL;
    bool json = false, help = false;
    if (parse_args(cli, argc, argv, &kind_name, &json, &help, &a) != 0)
        return MF_EXIT_USAGE;
    if (help) {
        print_usage(cli->out);
        return MF_EXIT_OK;
    }
    const price_kind *kind = kind_name ? find_kind(kind_name) : NULL;
    if (kind == NULL)
        return unknown_kind(cli, kind_name);
    char options[256];
    for (size_t i = 0; i < a.n; i++) {
        if (!list_has(kind->options, a.name[i]))
            return mf_cli_usage_error(cli, "%s takes no --%s (it takes %s)", kind->name, a.name[i],
                                      format_options(kind, options, sizeof options));
        for (size_t j = 0; j < i; j++)
            if (strcmp(a.name[j], a.name[i]) == 0)
                return mf_cli_usage_error(cli, "--%s given twice", a.name[i]);
    }
    a.kind_name = kind->name;
    price_field fields[PRICE_MAX_FIELDS];
    size_t n = 0;
    int rc = kind->run(cli, kind->kind, &a, fields, &n);
    if (rc != 0)
        return rc;
    print_fields(cli->out, fields, n, json);
    return MF_EXIT_OK;
}
