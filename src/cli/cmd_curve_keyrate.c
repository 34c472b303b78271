/*
 * cmd_curve_keyrate.c - `mf curve keyrate CODE --date D --bond ltn|ntnf --maturity M
 * [--quantity N] [--json]`: a Brazilian bond priced on a stored BUS/252 curve
 * (src/analytics/curve_stored.h) and its key-rate DV01 by curve vertex
 * (src/analytics/br_keyrate.h).
 *
 * Exports (cmd_curve_int.h): curve_run_keyrate().
 */
#include <getopt.h>
#include <math.h>
#include <string.h>

#include "analytics/br_keyrate.h"
#include "analytics/curve_stored.h"
#include "cli/cli.h"
#include "cli/cmd_curve_int.h"
#include "core/alloc.h"
#include "core/numfmt.h"

static const char keyrate_usage[] =
    "usage: mf [--db URL] curve keyrate CODE --date D --bond ltn|ntnf --maturity M\n"
    "                                   [--quantity N] [--json]\n"
    "\n"
    "Prices N bonds (default 1) settling on D on the stored bus/252 curve CODE of D (DI_PRE)\n"
    "and bumps it vertex by vertex. Flows: LTN 1000 BRL at maturity; NTN-F 48.80885 BRL on\n"
    "each 1 January / 1 July and 1000 at maturity (per bond of 1000 face). PV = N * sum\n"
    "amount * DF(du/252), du ANBIMA business days from D, the curve flat-forward between its\n"
    "vertices: a model price, without ANBIMA's round14 of du/252, rounding of each flow or\n"
    "truncation of the PU. Each vertex's zero rate (BUS/252 exponential) is bumped by +1 bp\n"
    "and the bond repriced: dv01_brl = PV - PV(bumped), BRL per bp, positive for a long\n"
    "position; dv01_parallel_brl bumps every vertex at once (the buckets add up to it to\n"
    "first order).\n"
    "\n"
    "options:\n"
    "  --date D          the curve date and the settlement (an ANBIMA business day)\n"
    "  --bond KIND       ltn or ntnf\n"
    "  --maturity M      the bond's maturity (NTN-F: a 1 January or 1 July)\n"
    "  --quantity N      bonds held (negative: short; default 1)\n"
    "  --json            one JSON object instead of text\n"
    "Text: 'name value' lines (BRL to 6 decimals), then one line per vertex:\n"
    "tenor_bd maturity dv01_brl. JSON: the shortest decimal that reads back to the double.\n";

static void print_json(FILE *f, const mf_stored_curve *sc, const char *bond, mf_date maturity,
                       double quantity, double pv, double par, const double *bucket)
{
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], x[MF_DOUBLE_TEXT_SIZE], y[MF_DOUBLE_TEXT_SIZE],
        q[MF_DOUBLE_TEXT_SIZE];
    fprintf(f,
            "{\"curve\":\"%s\",\"date\":\"%s\",\"bond\":\"%s\",\"maturity\":\"%s\","
            "\"quantity\":%s,\"pv_brl\":%s,\"dv01_parallel_brl\":%s,\"vertices\":[",
            sc->head.code, mf_date_format_iso(sc->head.date, a), bond,
            mf_date_format_iso(maturity, b), mf_format_double(quantity, q), mf_format_double(pv, x),
            mf_format_double(par, y));
    for (size_t i = 0; i < sc->nvertex; i++) {
        const mf_curve_vertex *v = &sc->vertex[i];
        double d = i < sc->first_node ? 0.0 : bucket[i - sc->first_node];
        fprintf(f, "%s{\"tenor_bd\":%d,\"maturity\":\"%s\",\"dv01_brl\":%s}", i ? "," : "",
                (int)v->tenor_bd, mf_date_format_iso(v->maturity, a), mf_format_double(d, x));
    }
    fputs("]}\n", f);
}

static void print_text(FILE *f, const mf_stored_curve *sc, const char *bond, mf_date maturity,
                       double quantity, double pv, double par, const double *bucket)
{
    char a[MF_DATE_ISO_SIZE], x[MF_DOUBLE_TEXT_SIZE];
    fprintf(f, "curve %s\ndate %s\nbond %s\n", sc->head.code, mf_date_format_iso(sc->head.date, a),
            bond);
    fprintf(f, "maturity %s\n", mf_date_format_iso(maturity, a));
    fprintf(f, "quantity %s\n", mf_format_double(quantity, x));
    fprintf(f, "pv_brl %s\n", mf_format_fixed(pv, 6, x));
    fprintf(f, "dv01_parallel_brl %s\n", mf_format_fixed(par, 6, x));
    fputs("tenor_bd maturity   dv01_brl\n", f);
    for (size_t i = 0; i < sc->nvertex; i++) {
        const mf_curve_vertex *v = &sc->vertex[i];
        double d = i < sc->first_node ? 0.0 : bucket[i - sc->first_node];
        fprintf(f, "%8d %s %s\n", (int)v->tenor_bd, mf_date_format_iso(v->maturity, a),
                mf_format_fixed(d, 6, x));
    }
}

int curve_run_keyrate(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"bond", required_argument, NULL, 'b'},
        {"maturity", required_argument, NULL, 'm'},
        {"quantity", required_argument, NULL, 'q'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    mf_date date = 0, maturity = 0;
    bool has_date = false, has_mat = false, json = false;
    const char *bond = NULL;
    double quantity = 1.0;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'd':
            if (mf_cli_parse_date(cli, "--date", optarg, &date) != 0)
                return MF_EXIT_USAGE;
            has_date = true;
            break;
        case 'm':
            if (mf_cli_parse_date(cli, "--maturity", optarg, &maturity) != 0)
                return MF_EXIT_USAGE;
            has_mat = true;
            break;
        case 'b': bond = optarg; break;
        case 'q':
            if (mf_parse_decimal(optarg, strlen(optarg), &quantity, NULL) != 0 ||
                !isfinite(quantity) || quantity == 0.0)
                return mf_cli_usage_error(cli, "--quantity '%s': expected a non-zero number",
                                          optarg);
            break;
        case 'j': json = true; break;
        case 'h': fputs(keyrate_usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (argc - optind != 1)
        return argc - optind < 1
                   ? mf_cli_usage_error(cli, "keyrate needs a curve CODE")
                   : mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    const char *code = argv[optind];
    if (!has_date || !has_mat || bond == NULL)
        return mf_cli_usage_error(cli, "keyrate needs --date D, --bond ltn|ntnf and --maturity M");
    mf_br_bond kind;
    if (strcmp(bond, "ltn") == 0)
        kind = MF_BR_LTN;
    else if (strcmp(bond, "ntnf") == 0)
        kind = MF_BR_NTNF;
    else
        return mf_cli_usage_error(cli, "--bond '%s': expected ltn or ntnf", bond);

    mf_store *st = NULL;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    mf_error err;
    mf_stored_curve sc;
    mf_br_flows *fl = mf_calloc(1, sizeof *fl);
    mf_keyrate *w = mf_keyrate_new();
    double *bucket = NULL, pv = 0.0, par = 0.0;
    if (mf_stored_curve_load(st, code, date, &sc, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    if (sc.day_count != MF_CURVE_BUS252) {
        fprintf(cli->err,
                "mf curve: curve '%s' is %s %s: Brazilian bonds are priced on a bus/252 curve "
                "(DI_PRE)\n",
                sc.head.code, sc.head.day_count, sc.head.compounding);
        rc = MF_EXIT_FAILURE;
        goto out;
    }
    bucket = mf_calloc(sc.nnodes, sizeof *bucket);
    if (mf_br_cashflows(kind, sc.calendar, date, maturity, fl, &err) != 0 ||
        mf_br_flows_keyrate(fl, quantity, w, sc.t, sc.df, sc.nnodes, &pv, &par, bucket, &err) !=
            0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    if (json)
        print_json(cli->out, &sc, bond, maturity, quantity, pv, par, bucket);
    else
        print_text(cli->out, &sc, bond, maturity, quantity, pv, par, bucket);
out:
    mf_free(bucket);
    mf_keyrate_free(w);
    mf_free(fl);
    mf_stored_curve_release(&sc);
    mf_store_close(st);
    return rc;
}
