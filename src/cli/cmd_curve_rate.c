/*
 * cmd_curve_rate.c - `mf curve rate CODE --date D --to D2 [--from D1] [--convention NAME]
 * [--json]`: a stored curve asked by date (src/analytics/curve_stored.h): the discount factor
 * at --to, and the zero rate from the curve date to --to or, with --from, the forward rate
 * from --from to --to, in a market convention (default: the curve's own).
 *
 * Exports (cmd_curve_int.h): curve_run_rate().
 */
#include <getopt.h>
#include <string.h>

#include "analytics/curve_stored.h"
#include "cli/cli.h"
#include "cli/cmd_curve_int.h"
#include "core/numfmt.h"

static const char rate_usage[] =
    "usage: mf [--db URL] curve rate CODE --date D --to D2 [--from D1] [--convention NAME]\n"
    "                                [--json]\n"
    "\n"
    "Reads the stored curve CODE of date D by date: the discount factor at D2, and the zero\n"
    "rate from D to D2 or, with --from D1, the forward rate from D1 to D2, % a year, with the\n"
    "year fraction it accrues over in the convention.\n"
    "The curve is the stored vertices, each at its year fraction under the stored day count\n"
    "(bus/252: tenor_bd/252 on the ANBIMA calendar; act/360: tenor_cd/360; act/365f:\n"
    "tenor_cd/365), flat-forward between them (log-linear discount factors) and beyond the\n"
    "last; at a vertex's maturity the stored discount factor exactly.\n"
    "\n"
    "options:\n"
    "  --date D            the curve date\n"
    "  --to D2             the date asked (after D; after D1 with --from)\n"
    "  --from D1           a forward rate from D1 (D <= D1 < D2) instead of the zero rate\n"
    "  --convention NAME   bus252-exp ((1+r)^(du/252), du on the ANBIMA calendar; bus/252\n"
    "                      curves only), simple-act360, cont-act365f, annual-act365f,\n"
    "                      semiannual-actact (default: the curve's own day count and\n"
    "                      compounding: bus252-exp for bus/252 annual, simple-act360 for\n"
    "                      act/360 simple, cont-act365f for act/365f continuous)\n"
    "  --json              one JSON object instead of 'name value' lines\n"
    "Text prints rates to 12 decimals, discount factors and year fractions to 15; JSON the\n"
    "shortest decimal that reads back to the double.\n";

/* The convention's name, or the stored day count and compounding when it has none. */
static void convention_text(const mf_stored_curve *c, mf_rate_convention conv, char *buf,
                            size_t size)
{
    const char *name = mf_rate_convention_name(conv);
    if (name)
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%s %s", c->head.day_count, c->head.compounding);
}

static void print_field(FILE *f, bool json, bool *first, const char *name, double x, int decimals)
{
    char buf[MF_DOUBLE_TEXT_SIZE];
    if (json)
        fprintf(f, "%s\"%s\":%s", *first ? "" : ",", name, mf_format_double(x, buf));
    else
        fprintf(f, "%s %s\n", name, mf_format_fixed(x, decimals, buf));
    *first = false;
}

static void print_text(FILE *f, bool json, bool *first, const char *name, const char *value)
{
    if (json)
        fprintf(f, "%s\"%s\":\"%s\"", *first ? "" : ",", name, value);
    else
        fprintf(f, "%s %s\n", name, value);
    *first = false;
}

int curve_run_rate(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"to", required_argument, NULL, 't'},
        {"from", required_argument, NULL, 'f'},
        {"convention", required_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    mf_date date = 0, to = 0, from = 0;
    bool has_date = false, has_to = false, has_from = false, json = false;
    const char *conv_name = NULL;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'd':
            if (mf_cli_parse_date(cli, "--date", optarg, &date) != 0)
                return MF_EXIT_USAGE;
            has_date = true;
            break;
        case 't':
            if (mf_cli_parse_date(cli, "--to", optarg, &to) != 0)
                return MF_EXIT_USAGE;
            has_to = true;
            break;
        case 'f':
            if (mf_cli_parse_date(cli, "--from", optarg, &from) != 0)
                return MF_EXIT_USAGE;
            has_from = true;
            break;
        case 'c': conv_name = optarg; break;
        case 'j': json = true; break;
        case 'h': fputs(rate_usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (argc - optind != 1)
        return argc - optind < 1
                   ? mf_cli_usage_error(cli, "rate needs a curve CODE")
                   : mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    const char *code = argv[optind];
    if (!has_date || !has_to)
        return mf_cli_usage_error(cli, "rate needs --date D and --to D2");
    if (!has_from)
        from = date;
    if (to <= from)
        return mf_cli_usage_error(cli, "--to must be after %s", has_from ? "--from" : "--date");
    if (from < date)
        return mf_cli_usage_error(cli, "--from is before the curve date --date");
    mf_error err;
    mf_rate_convention conv = {0};
    if (conv_name && mf_rate_convention_parse(conv_name, &conv, &err) != 0)
        return mf_cli_usage_error(cli, "--convention: %s", err.msg);

    mf_store *st = NULL;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    mf_stored_curve sc;
    double df = 0.0, rate = 0.0, tau = 0.0;
    if (mf_stored_curve_load(st, code, date, &sc, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    if (!conv_name)
        conv = sc.convention;
    if (mf_stored_curve_df(&sc, to, &df, &err) != 0 ||
        mf_stored_curve_rate(&sc, from, to, conv, &rate, &tau, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    FILE *f = cli->out;
    char a[MF_DATE_ISO_SIZE], cname[48];
    bool first = true;
    if (json)
        fputc('{', f);
    print_text(f, json, &first, "curve", sc.head.code);
    print_text(f, json, &first, "date", mf_date_format_iso(date, a));
    if (has_from)
        print_text(f, json, &first, "from", mf_date_format_iso(from, a));
    print_text(f, json, &first, "to", mf_date_format_iso(to, a));
    convention_text(&sc, conv, cname, sizeof cname);
    print_text(f, json, &first, "convention", cname);
    print_field(f, json, &first, "discount_factor", df, 15);
    print_field(f, json, &first, has_from ? "forward_rate_pct" : "zero_rate_pct", rate * 100.0, 12);
    print_field(f, json, &first, "year_fraction", tau, 15);
    if (json)
        fputs("}\n", f);
out:
    mf_stored_curve_release(&sc);
    mf_store_close(st);
    return rc;
}
