/*
 * cmd_curve_real_store.c - `mf curve build real` from the store:
 *
 *   mf curve build real (--date D | --from D --to D) [--ticker-prefix P] [--code C]
 *                       [--breakeven [--breakeven-code C] [--pre-code C]] [--as-of D]
 *
 * Reads each business day's NTN-B yields from the store, bootstraps and stores the real curve
 * (and the breakeven against the stored DI curve) with mf_real_curve_build_stored()
 * (src/analytics/curve_real_store.h). Exports (cmd_curve_int.h):
 * curve_build_real_wants_store(), curve_run_build_real_store().
 */
#include <getopt.h>
#include <string.h>

#include "analytics/curve_real_store.h"
#include "cli/cli.h"
#include "cli/cmd_curve_int.h"
#include "core/alloc.h"
#include "store/repo_market_prices.h"

static const char usage[] =
    "usage: mf [--db URL] curve build real --date D [options]\n"
    "       mf [--db URL] curve build real --from D --to D [options]\n"
    "\n"
    "Builds the BRL real (IPCA) zero curve of a date from the store and stores it by vertex:\n"
    "the yields (yield_pct, % a year BUS/252, ANBIMA indicative) of the NTN-B priced that date,\n"
    "as known on the date (or on --as-of when later: point in time, as di1), of the instruments "
    "of\n"
    "type bond whose tickers are NTNB-YYYYMMDD (the maturity, the nominal 15th) after\n"
    "--ticker-prefix. Bonds maturing on or before the next business day and rows without a\n"
    "yield are left out. The bootstrap is the file build's (mf curve build real --input FILE):\n"
    "one vertex per bond at its maturity (tenor_bd on the ANBIMA calendar), the bootstrapped\n"
    "discount factor, zero rate in % a year; day count bus/252, compounding annual, source\n"
    "store_ntnb; it replaces the curve stored for that code and date.\n"
    "With --breakeven, when the DI curve (--pre-code, default DI_PRE) is stored for the date,\n"
    "also the breakeven inflation at the same vertices, be = (1 + pre)/(1 + real) - 1 at du,\n"
    "discount factor (1 + be)^(-du/252), as --breakeven-code (default BRL_BREAKEVEN; bus/252,\n"
    "annual, source store_ntnb_di1); a date without a DI curve stores the real curve only and\n"
    "says so. Each date is all or nothing.\n"
    "\n"
    "With --from/--to every ANBIMA business day of the range that has NTN-B prices is built;\n"
    "a date that cannot be built is reported and the others still build (exit status 1 if any\n"
    "failed). Business days without NTN-B prices are counted, not reported.\n"
    "(mf curve build real --input FILE builds from a file instead: see its --help there.)\n"
    "\n"
    "options:\n"
    "  --date D             the curve date (a business day)\n"
    "  --from D --to D      every business day with NTN-B prices in the range\n"
    "  --code C             the stored real curve's code (default BRL_REAL)\n"
    "  --ticker-prefix P    the bonds' ticker namespace: SIM. for the simulated market's\n"
    "                       SIM.NTNB-20350515 (default none: NTNB-20350515)\n"
    "  --breakeven          also store the breakeven curve when a DI curve is stored\n"
    "  --breakeven-code C   its code (default BRL_BREAKEVEN)\n"
    "  --pre-code C         the stored DI curve (default DI_PRE)\n"
    "  --as-of D            the yields as known on D, for curve dates before D (default: as\n"
    "                       known on each curve date)\n";

bool curve_build_real_wants_store(int argc, char **argv)
{
    /* --code and --breakeven-code also go with `--input FILE --store`: alone they ask for the
       store build only without --input and --store */
    static const char *const store_options[] = {
        "--date", "--from", "--to", "--ticker-prefix", "--breakeven", "--pre-code", "--as-of"};
    bool file = false, code = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--store") == 0 || strncmp(argv[i], "--input", 7) == 0)
            file = true;
        if (strncmp(argv[i], "--code", 6) == 0 || strncmp(argv[i], "--breakeven-code", 16) == 0)
            code = true;
        for (size_t k = 0; k < sizeof store_options / sizeof store_options[0]; k++) {
            size_t len = strlen(store_options[k]);
            if (strncmp(argv[i], store_options[k], len) == 0 &&
                (argv[i][len] == '\0' || argv[i][len] == '='))
                return true;
        }
    }
    return code && !file;
}

static void print_built(mf_cli *cli, const mf_real_store_options *opt, mf_date date,
                        const mf_real_store_report *r)
{
    char day[MF_DATE_ISO_SIZE];
    fprintf(cli->out, "built %s %s: %zu vertices (%zu NTN-B yields", opt->curve_code,
            mf_date_format_iso(date, day), r->bonds, r->bonds);
    if (r->expiring)
        fprintf(cli->out, "; %zu expiring left out", r->expiring);
    if (r->no_yield)
        fprintf(cli->out, "; %zu without a yield left out", r->no_yield);
    fputc(')', cli->out);
    if (r->breakeven)
        fprintf(cli->out, "; %s against %s", opt->breakeven_code, opt->pre_code);
    if (r->pre_missing)
        fprintf(cli->out, "; no %s stored: no %s", opt->pre_code, opt->breakeven_code);
    fputc('\n', cli->out);
}

static int build_range(mf_cli *cli, mf_store *st, const mf_calendar *cal, mf_date from, mf_date to,
                       const mf_real_store_options *opt)
{
    char prefix[40];
    snprintf(prefix, sizeof prefix, "%sNTNB-", opt->ticker_prefix ? opt->ticker_prefix : "");
    const mf_price_filter ntnb = {.instrument_type = "bond", .ticker_prefix = prefix};
    mf_error err;
    mf_date *dates = NULL;
    size_t ndates = 0, built = 0, failed = 0, empty = 0, with_be = 0;
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], day[MF_DATE_ISO_SIZE];
    mf_curve *real = mf_curve_new();
    int rc = MF_EXIT_OK;
    if (mf_repo_price_dates(st, &ntnb, from, to, opt->as_of ? opt->as_of : MF_DATE_MAX, &dates,
                            &ndates, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    size_t k = 0;
    for (mf_date d = from; d <= to; d++) {
        bool business;
        if (mf_calendar_is_business_day(cal, d, &business, &err) != 0) {
            rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
            goto out;
        }
        while (k < ndates && dates[k] < d)
            k++;
        if (!business)
            continue;
        if (k == ndates || dates[k] != d) {
            empty++;
            continue;
        }
        mf_real_store_report r;
        if (mf_real_curve_build_stored(st, cal, d, opt, real, &r, &err) != 0) {
            fprintf(cli->err, "mf curve: %s: %s\n", mf_date_format_iso(d, day), err.msg);
            failed++;
            continue;
        }
        print_built(cli, opt, d, &r);
        built++;
        with_be += r.breakeven ? 1u : 0u;
    }
    mf_date_format_iso(from, a);
    mf_date_format_iso(to, b);
    if (built == 0 && failed == 0) {
        fprintf(cli->err, "mf curve: no NTN-B prices (%s*) in the store from %s to %s\n", prefix, a,
                b);
        rc = MF_EXIT_FAILURE;
        goto out;
    }
    fprintf(cli->out, "built %zu curves %s from %s to %s", built, opt->curve_code, a, b);
    if (opt->breakeven)
        fprintf(cli->out, " (%zu with %s)", with_be, opt->breakeven_code);
    fprintf(cli->out, "; %zu dates failed; %zu business days without data\n", failed, empty);
    rc = failed ? MF_EXIT_FAILURE : MF_EXIT_OK;
out:
    mf_free(dates);
    mf_curve_free(real);
    return rc;
}

int curve_run_build_real_store(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"code", required_argument, NULL, 'c'},
        {"ticker-prefix", required_argument, NULL, 'p'},
        {"breakeven", no_argument, NULL, 'B'},
        {"breakeven-code", required_argument, NULL, 'b'},
        {"pre-code", required_argument, NULL, 'P'},
        {"as-of", required_argument, NULL, 'a'},
        {"input", required_argument, NULL, 'i'},
        {"output", required_argument, NULL, 'o'},
        {"pre", required_argument, NULL, 'i'},
        {"store", no_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    curve_store_dates dates = {0};
    bool file_mode = false, be_options = false;
    mf_real_store_options opt = {.curve_code = MF_REAL_STORE_CURVE_CODE,
                                 .breakeven_code = MF_REAL_STORE_BREAKEVEN_CODE,
                                 .pre_code = MF_REAL_STORE_PRE_CODE};
    if (curve_store_help(cli, argc, argv, usage))
        return MF_EXIT_OK;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'd':
        case 'f':
        case 't':
        case 'a':
        case 'p':
            if (curve_store_dates_option(cli, c, optarg, &dates) != 0)
                return MF_EXIT_USAGE;
            break;
        case 'c': opt.curve_code = optarg; break;
        case 'B': opt.breakeven = true; break;
        case 'b':
            opt.breakeven_code = optarg;
            be_options = true;
            break;
        case 'P':
            opt.pre_code = optarg;
            be_options = true;
            break;
        case 'i':
        case 'o': file_mode = true; break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (file_mode)
        return mf_cli_usage_error(cli, "--input/--output/--pre/--store (build from a file) and "
                                       "--date, --from, --to (build from the store) exclude each "
                                       "other");
    if (curve_store_dates_check(cli, &dates) != 0)
        return MF_EXIT_USAGE;
    if (be_options && !opt.breakeven)
        return mf_cli_usage_error(cli, "--breakeven-code and --pre-code go with --breakeven");
    if (opt.breakeven && strcmp(opt.curve_code, opt.breakeven_code) == 0)
        return mf_cli_usage_error(cli, "the real and breakeven curves cannot share the code '%s'",
                                  opt.curve_code);
    if (strlen(opt.curve_code) >= MF_CURVE_CODE_MAX ||
        strlen(opt.breakeven_code) >= MF_CURVE_CODE_MAX)
        return mf_cli_usage_error(cli, "a curve code has at most %d characters",
                                  MF_CURVE_CODE_MAX - 1);
    opt.as_of = dates.as_of;
    opt.ticker_prefix = dates.ticker_prefix;

    mf_error err;
    mf_calendar *cal = NULL;
    if (mf_calendar_new("br", &cal, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    mf_store *st = NULL;
    int rc = mf_cli_open_store(cli, &st);
    if (rc == 0 && dates.has_date) {
        mf_curve *real = mf_curve_new();
        mf_real_store_report r;
        if (mf_real_curve_build_stored(st, cal, dates.date, &opt, real, &r, &err) != 0)
            rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        else
            print_built(cli, &opt, dates.date, &r);
        mf_curve_free(real);
    } else if (rc == 0) {
        rc = build_range(cli, st, cal, dates.from, dates.to, &opt);
    }
    mf_store_close(st);
    mf_calendar_free(cal);
    return rc;
}
