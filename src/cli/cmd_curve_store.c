/*
 * cmd_curve_store.c - the `mf curve` subcommands that work on curves kept in the store:
 *
 *   mf curve build di1 (--date D | --from D --to D) [--code C] [--cdi-series S] [--as-of D]
 *                      [--strict]
 *   mf curve show CODE --date D [--format text|csv|json]
 *   mf curve history CODE (--tenor BD | --tenor-days CD) [--from D] [--to D]
 *                         [--format text|csv|json]
 *
 * Building reads the CDI and the DI1 settlements from the store as known on each date
 * (src/analytics/curve_di1_store.h); show and history read the curves table
 * (src/store/repo_curves.h, src/analytics/curve_store.h). Exports (cmd_curve_int.h):
 * curve_build_di1_wants_store(), curve_run_build_di1_store(), curve_run_show(),
 * curve_run_history(), and the --store of the file builds: curve_file_store_add(),
 * curve_file_store_reserve(), curve_file_store_open(), curve_file_store_put(),
 * curve_file_store_close().
 */
#include <getopt.h>
#include <string.h>

#include "analytics/curve_di1_store.h"
#include "analytics/curve_store.h"
#include "cli/cli.h"
#include "cli/cmd_curve_int.h"
#include "core/alloc.h"
#include "core/numfmt.h"
#include "store/repo_curves.h"
#include "store/repo_market_prices.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"

static const char build_usage[] =
    "usage: mf [--db URL] curve build di1 --date D [options]\n"
    "       mf [--db URL] curve build di1 --from D --to D [--strict] [options]\n"
    "\n"
    "Builds the BRL pre-fixed (DI) zero curve of a date from the store and stores it by\n"
    "vertex: the CDI (observation of the date in series --cdi-series, % a year) and the\n"
    "settlement rates of the DI1 futures priced that date (settle, % a year BUS/252), both\n"
    "as known on the date (or on --as-of when later). Contracts maturing on or before the\n"
    "next business day are left out (the CDI is that vertex). Vertices: the CDI at one\n"
    "business day and one per contract, discount factor (1+r/100)^(-du/252), day count\n"
    "bus/252, compounding annual, source b3_di1; they replace the curve stored for that\n"
    "code and date. Each date is all or nothing.\n"
    "\n"
    "With --from/--to every ANBIMA business day of the range that has a CDI or DI1 prices\n"
    "is built; a date that cannot be built (no CDI, no DI1 prices, bad quotes) is reported\n"
    "and the others still build (exit status 1 if any failed); --strict stops at the first.\n"
    "Business days with neither are counted, not reported.\n"
    "(mf curve build di1 --input FILE builds from a file instead: mf curve build di1 --help.)\n"
    "\n"
    "options:\n"
    "  --date D          the curve date (a business day)\n"
    "  --from D --to D   every business day with data in the range\n"
    "  --code C          the stored curve's code (default DI_PRE)\n"
    "  --cdi-series S    the series of the CDI, % a year (default BR_CDI)\n"
    "  --ticker-prefix P the contracts' ticker namespace: SIM. for the simulated market's\n"
    "                    SIM.DI1F27 (default none: DI1F27)\n"
    "  --as-of D         use what is known on D, for curve dates before D (default: what\n"
    "                    is known on each curve date)\n"
    "  --strict          with --from/--to: stop at the first date that fails\n";

static const char show_usage[] =
    "usage: mf [--db URL] curve show CODE --date D [--format text|csv|json]\n"
    "\n"
    "The stored vertices of curve CODE on D: tenor in business and calendar days, maturity,\n"
    "zero rate (% a year under the curve's day count and compounding) and discount factor.\n"
    "The header line names the code, date, day count (bus/252, act/360, act/365f),\n"
    "compounding (simple, annual, continuous) and source.\n"
    "Text prints zero rates to 12 decimals and discount factors to 15; csv and json print\n"
    "the shortest decimal that reads back to the stored double.\n";

static const char history_usage[] =
    "usage: mf [--db URL] curve history CODE (--tenor BD | --tenor-days CD) [--from D] [--to D]\n"
    "                                   [--format text|csv|json]\n"
    "\n"
    "The zero rate at a tenor on every stored date of curve CODE: --tenor BD business days\n"
    "for a bus/252 curve (t = BD/252), --tenor-days CD calendar days for an act/360\n"
    "(t = CD/360) or act/365f (t = CD/365) curve. The stored vertex's rate when the curve has\n"
    "one at that tenor, otherwise interpolated flat-forward (log-linear discount factors,\n"
    "each vertex at its own t under the day count) from that date's vertices, and beyond\n"
    "the last vertex extrapolated with its forward rate; the column 'from' says which\n"
    "(vertex, interpolated, extrapolated). The discount factor is the curve's at the tenor.\n"
    "Zero rates in % a year in the curve's compounding (annual: (1/DF)^(1/t) - 1; simple:\n"
    "(1/DF - 1)/t; continuous: -ln(DF)/t); text: 12 and 15 decimals, csv and json: shortest\n"
    "exact.\n";

bool curve_build_di1_wants_store(int argc, char **argv)
{
    /* --code also names the curve of `--input FILE --store`: it asks for the store build only
       without --input and --store */
    static const char *const store_options[] = {"--date",  "--from",   "--to",   "--cdi-series",
                                                "--as-of", "--strict", "--code", "--ticker-prefix"};
    bool file_store = false, code = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--store") == 0 || strncmp(argv[i], "--input", 7) == 0)
            file_store = true;
        for (size_t k = 0; k < sizeof store_options / sizeof store_options[0]; k++) {
            size_t len = strlen(store_options[k]);
            if (strncmp(argv[i], store_options[k], len) == 0 &&
                (argv[i][len] == '\0' || argv[i][len] == '=')) {
                if (strcmp(store_options[k], "--code") != 0)
                    return true;
                code = true;
            }
        }
    }
    return code && !file_store;
}

int curve_store_dates_option(mf_cli *cli, int c, const char *arg, curve_store_dates *d)
{
    int rc = 0;
    switch (c) {
    case 'd':
        rc = mf_cli_parse_date(cli, "--date", arg, &d->date);
        d->has_date = true;
        break;
    case 'f':
        rc = mf_cli_parse_date(cli, "--from", arg, &d->from);
        d->has_from = true;
        break;
    case 't':
        rc = mf_cli_parse_date(cli, "--to", arg, &d->to);
        d->has_to = true;
        break;
    case 'a': rc = mf_cli_parse_date(cli, "--as-of", arg, &d->as_of); break;
    case 'p':
        if (strlen(arg) > 16)
            return mf_cli_usage_error(cli, "--ticker-prefix: at most 16 characters");
        d->ticker_prefix = arg;
        break;
    default: return mf_cli_usage_error(cli, "option '%c' is not a date option", c);
    }
    return rc != 0 ? MF_EXIT_USAGE : 0;
}

bool curve_store_help(mf_cli *cli, int argc, char **argv, const char *usage)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, cli->out);
            return true;
        }
    return false;
}

int curve_store_dates_check(mf_cli *cli, curve_store_dates *d)
{
    if (d->has_date && (d->has_from || d->has_to))
        return mf_cli_usage_error(cli, "--date and --from/--to exclude each other");
    if (d->has_from != d->has_to)
        return mf_cli_usage_error(cli, "%s needs %s", d->has_from ? "--from" : "--to",
                                  d->has_from ? "--to" : "--from");
    if (!d->has_date && !d->has_from)
        return mf_cli_usage_error(cli, "building from the store needs --date D or --from D --to D");
    if (d->has_from && d->to < d->from)
        return mf_cli_usage_error(cli, "--to is before --from");
    if (d->has_date && d->as_of != 0 && d->as_of < d->date)
        return mf_cli_usage_error(cli, "--as-of is before --date: a curve uses at least what "
                                       "is known on its date");
    if (d->has_from && d->to - d->from > 366 * 100)
        return mf_cli_usage_error(cli, "--from/--to spans more than 100 years");
    return 0;
}

/* The business days with some data: DI1 prices or a CDI observation, in from..to. */
typedef struct day_data {
    mf_date *di1;
    size_t ndi1;
    mf_series *cdi; /* NULL when the CDI series is unknown */
} day_data;

static bool has_date(const mf_date *d, size_t n, mf_date x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && d[lo] == x;
}

static int read_day_data(mf_store *st, const char *cdi_series, mf_date from, mf_date to,
                         day_data *out, mf_error *err)
{
    static const mf_price_filter di1 = {.instrument_type = "future", .ticker_prefix = "DI1"};
    int rc = mf_repo_price_dates(st, &di1, from, to, MF_DATE_MAX, &out->di1, &out->ndi1, err);
    if (rc != 0)
        return rc;
    mf_series_info info;
    rc = mf_repo_series_get(st, cdi_series, &info, err);
    if (rc == MF_ENOTFOUND)
        return 0; /* every date with DI1 prices will say so */
    if (rc == 0)
        rc = mf_repo_obs_asof(st, info.id, from, to, MF_DATE_MAX, &out->cdi, err);
    return rc;
}

static void print_built(mf_cli *cli, const char *code, mf_date date, const mf_di1_store_report *r)
{
    char day[MF_DATE_ISO_SIZE], cdi[MF_DOUBLE_TEXT_SIZE];
    fprintf(cli->out, "built %s %s: %zu vertices (CDI %s%%, %zu DI1 contracts", code,
            mf_date_format_iso(date, day), r->vertices, mf_format_double(r->cdi_pct, cdi),
            r->contracts);
    if (r->expiring)
        fprintf(cli->out, "; %zu expiring left out", r->expiring);
    if (r->no_settle)
        fprintf(cli->out, "; %zu without a settle left out", r->no_settle);
    fputs(")\n", cli->out);
}

static int build_range(mf_cli *cli, mf_store *st, const mf_calendar *cal, mf_date from, mf_date to,
                       const mf_di1_store_options *opt, bool strict)
{
    mf_error err;
    day_data dd = {0};
    int rc = MF_EXIT_OK;
    mf_curve *curve = mf_curve_new();
    size_t built = 0, failed = 0, empty = 0;
    char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], day[MF_DATE_ISO_SIZE];
    if (read_day_data(st, opt->cdi_series, from, to, &dd, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    const mf_date *cdi_dates = dd.cdi ? mf_series_dates(dd.cdi) : NULL;
    size_t ncdi = dd.cdi ? mf_series_len(dd.cdi) : 0;
    for (mf_date d = from; d <= to; d++) {
        bool business;
        if (mf_calendar_is_business_day(cal, d, &business, &err) != 0) {
            rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
            goto out;
        }
        if (!business)
            continue;
        if (!has_date(dd.di1, dd.ndi1, d) && !has_date(cdi_dates, ncdi, d)) {
            empty++;
            continue;
        }
        mf_di1_store_report r;
        if (mf_di1_curve_build_stored(st, cal, d, opt, curve, &r, &err) != 0) {
            fprintf(cli->err, "mf curve: %s: %s\n", mf_date_format_iso(d, day), err.msg);
            failed++;
            if (strict)
                break;
            continue;
        }
        print_built(cli, opt->curve_code, d, &r);
        built++;
    }
    mf_date_format_iso(from, a);
    mf_date_format_iso(to, b);
    if (built == 0 && failed == 0) {
        fprintf(cli->err, "mf curve: no CDI or DI1 prices in the store from %s to %s\n", a, b);
        rc = MF_EXIT_FAILURE;
        goto out;
    }
    fprintf(cli->out,
            "built %zu curves %s from %s to %s; %zu dates failed%s; %zu business days without "
            "data\n",
            built, opt->curve_code, a, b, failed, strict && failed ? " (stopped: --strict)" : "",
            empty);
    rc = failed ? MF_EXIT_FAILURE : MF_EXIT_OK;
out:
    mf_free(dd.di1);
    mf_series_free(dd.cdi);
    mf_curve_free(curve);
    return rc;
}

int curve_run_build_di1_store(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"code", required_argument, NULL, 'c'},
        {"cdi-series", required_argument, NULL, 's'},
        {"as-of", required_argument, NULL, 'a'},
        {"ticker-prefix", required_argument, NULL, 'p'},
        {"strict", no_argument, NULL, 'S'},
        {"input", required_argument, NULL, 'i'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    curve_store_dates dates = {0};
    bool strict = false, file_mode = false;
    mf_di1_store_options opt = {.curve_code = MF_DI1_STORE_CURVE_CODE,
                                .cdi_series = MF_DI1_STORE_CDI_SERIES};
    if (curve_store_help(cli, argc, argv, build_usage))
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
        case 's': opt.cdi_series = optarg; break;
        case 'S': strict = true; break;
        case 'i':
        case 'o': file_mode = true; break;
        case 'h': fputs(build_usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (file_mode)
        return mf_cli_usage_error(cli, "--input/--output (build from a file) and --date, --from, "
                                       "--to (build from the store) exclude each other");
    if (curve_store_dates_check(cli, &dates) != 0)
        return MF_EXIT_USAGE;
    if (strict && dates.has_date)
        return mf_cli_usage_error(cli, "--strict goes with --from/--to");
    opt.as_of = dates.as_of;
    opt.ticker_prefix = dates.ticker_prefix;
    mf_error err;
    mf_calendar *cal = NULL;
    if (mf_calendar_new("br", &cal, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    mf_store *st = NULL;
    int rc = mf_cli_open_store(cli, &st);
    if (rc == 0 && dates.has_date) {
        mf_curve *curve = mf_curve_new();
        mf_di1_store_report r;
        if (mf_di1_curve_build_stored(st, cal, dates.date, &opt, curve, &r, &err) != 0)
            rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        else
            print_built(cli, opt.curve_code, dates.date, &r);
        mf_curve_free(curve);
    } else if (rc == 0) {
        rc = build_range(cli, st, cal, dates.from, dates.to, &opt, strict);
    }
    mf_store_close(st);
    mf_calendar_free(cal);
    return rc;
}

/* The one positional argument (CODE) left after the options, or NULL after a usage error. */
static const char *one_code(mf_cli *cli, int argc, char **argv, const char *what)
{
    int npos = argc - optind;
    if (npos != 1) {
        if (npos < 1)
            mf_cli_usage_error(cli, "%s needs a curve CODE", what);
        else
            mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
        return NULL;
    }
    return argv[optind];
}

static void print_number(FILE *f, double x, int decimals, mf_cli_format fmt)
{
    char buf[MF_DOUBLE_TEXT_SIZE];
    fputs(fmt == MF_CLI_TEXT ? mf_format_fixed(x, decimals, buf) : mf_format_double(x, buf), f);
}

static void print_curve(FILE *f, const mf_curve_head *h, const mf_curve_vertex *v, size_t n,
                        mf_cli_format fmt)
{
    char day[MF_DATE_ISO_SIZE], mat[MF_DATE_ISO_SIZE];
    mf_date_format_iso(h->date, day);
    if (fmt == MF_CLI_JSON) {
        fprintf(f,
                "{\"curve\":\"%s\",\"date\":\"%s\",\"day_count\":\"%s\",\"compounding\":\"%s\","
                "\"source\":\"%s\",\"vertices\":[",
                h->code, day, h->day_count, h->compounding, h->source);
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "%s{\"tenor_bd\":%d,\"tenor_cd\":%d,\"maturity\":\"%s\",\"zero_rate\":",
                    i ? "," : "", (int)v[i].tenor_bd, (int)v[i].tenor_cd,
                    mf_date_format_iso(v[i].maturity, mat));
            print_number(f, v[i].zero_rate_pct, 12, fmt);
            fputs(",\"discount_factor\":", f);
            print_number(f, v[i].discount_factor, 15, fmt);
            fputc('}', f);
        }
        fputs("]}\n", f);
        return;
    }
    if (fmt == MF_CLI_TEXT)
        fprintf(f,
                "curve %s date %s day_count %s compounding %s source %s\n"
                "tenor_bd tenor_cd maturity   zero_rate_pct   discount_factor\n",
                h->code, day, h->day_count, h->compounding, h->source);
    else
        fputs("tenor_bd,tenor_cd,maturity,zero_rate,discount_factor\n", f);
    const char *sep = fmt == MF_CLI_TEXT ? " " : ",";
    for (size_t i = 0; i < n; i++) {
        if (fmt == MF_CLI_TEXT)
            fprintf(f, "%8d %8d %s ", (int)v[i].tenor_bd, (int)v[i].tenor_cd,
                    mf_date_format_iso(v[i].maturity, mat));
        else
            fprintf(f, "%d,%d,%s,", (int)v[i].tenor_bd, (int)v[i].tenor_cd,
                    mf_date_format_iso(v[i].maturity, mat));
        print_number(f, v[i].zero_rate_pct, 12, fmt);
        fputs(sep, f);
        print_number(f, v[i].discount_factor, 15, fmt);
        fputc('\n', f);
    }
}

int curve_run_show(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    mf_date date = 0;
    bool has_date = false;
    mf_cli_format fmt = MF_CLI_TEXT;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'd':
            if (mf_cli_parse_date(cli, "--date", optarg, &date) != 0)
                return MF_EXIT_USAGE;
            has_date = true;
            break;
        case 'F':
            if (mf_cli_parse_format(cli, optarg, 7u, &fmt) != 0)
                return MF_EXIT_USAGE;
            break;
        case 'h': fputs(show_usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    const char *code = one_code(cli, argc, argv, "show");
    if (code == NULL)
        return MF_EXIT_USAGE;
    if (!has_date)
        return mf_cli_usage_error(cli, "show needs --date D");
    mf_store *st = NULL;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    mf_curve_head head;
    mf_curve_vertex *v = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_curve_get(st, code, date, &head, &v, &n, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    else
        print_curve(cli->out, &head, v, n, fmt);
    mf_free(v);
    mf_store_close(st);
    return rc;
}

static const char *const kind_names[] = {"vertex", "interpolated", "extrapolated"};

static void print_history(FILE *f, const char *code, mf_curve_tenor_unit unit, int32_t tenor,
                          const mf_curve_point *p, size_t n, mf_cli_format fmt)
{
    char day[MF_DATE_ISO_SIZE];
    const char *col = unit == MF_CURVE_TENOR_BD ? "tenor_bd" : "tenor_cd";
    if (fmt == MF_CLI_JSON) {
        fprintf(f, "{\"curve\":\"%s\",\"%s\":%d,\"points\":[", code, col, (int)tenor);
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "%s{\"date\":\"%s\",\"zero_rate\":", i ? "," : "",
                    mf_date_format_iso(p[i].curve_date, day));
            print_number(f, p[i].zero_rate_pct, 12, fmt);
            fputs(",\"discount_factor\":", f);
            print_number(f, p[i].discount_factor, 15, fmt);
            fprintf(f, ",\"from\":\"%s\"}", kind_names[p[i].kind]);
        }
        fputs("]}\n", f);
        return;
    }
    const char *sep = fmt == MF_CLI_TEXT ? " " : ",";
    fprintf(f,
            fmt == MF_CLI_TEXT ? "curve_date %s zero_rate_pct   discount_factor   from\n"
                               : "curve_date,%s,zero_rate,discount_factor,from\n",
            col);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, fmt == MF_CLI_TEXT ? "%s %8d " : "%s,%d,",
                mf_date_format_iso(p[i].curve_date, day), (int)tenor);
        print_number(f, p[i].zero_rate_pct, 12, fmt);
        fputs(sep, f);
        print_number(f, p[i].discount_factor, 15, fmt);
        fprintf(f, "%s%s\n", sep, kind_names[p[i].kind]);
    }
}

int curve_run_history(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"tenor", required_argument, NULL, 'T'},
        {"tenor-days", required_argument, NULL, 'D'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    mf_date from = MF_DATE_MIN, to = MF_DATE_MAX;
    long tenor = 0;
    bool has_tenor = false, has_days = false;
    mf_cli_format fmt = MF_CLI_TEXT;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'T':
            if (mf_cli_parse_int(cli, "--tenor", optarg, 1, 25200, &tenor) != 0)
                return MF_EXIT_USAGE;
            has_tenor = true;
            break;
        case 'D':
            if (mf_cli_parse_int(cli, "--tenor-days", optarg, 1, 36600, &tenor) != 0)
                return MF_EXIT_USAGE;
            has_days = true;
            break;
        case 'f':
            if (mf_cli_parse_date(cli, "--from", optarg, &from) != 0)
                return MF_EXIT_USAGE;
            break;
        case 't':
            if (mf_cli_parse_date(cli, "--to", optarg, &to) != 0)
                return MF_EXIT_USAGE;
            break;
        case 'F':
            if (mf_cli_parse_format(cli, optarg, 7u, &fmt) != 0)
                return MF_EXIT_USAGE;
            break;
        case 'h': fputs(history_usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    const char *code = one_code(cli, argc, argv, "history");
    if (code == NULL)
        return MF_EXIT_USAGE;
    if (!has_tenor && !has_days)
        return mf_cli_usage_error(cli, "history needs --tenor BD (business days) or --tenor-days "
                                       "CD (calendar days)");
    if (has_tenor && has_days)
        return mf_cli_usage_error(cli, "--tenor and --tenor-days exclude each other");
    mf_curve_tenor_unit unit = has_tenor ? MF_CURVE_TENOR_BD : MF_CURVE_TENOR_CD;
    if (to < from)
        return mf_cli_usage_error(cli, "--to is before --from");
    mf_store *st = NULL;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    mf_curve_point *p = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_curve_history_days(st, code, unit, (int32_t)tenor, from, to, &p, &n, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    else
        print_history(cli->out, code, unit, (int32_t)tenor, p, n, fmt);
    mf_free(p);
    mf_store_close(st);
    return rc;
}

/* ---- --store of the file builds -------------------------------------------------------------- */

void curve_file_store_add(curve_file_store *fs, const char *code, const char *day_count,
                          const char *compounding, const char *source)
{
    curve_file_store_code *c = &fs->codes[fs->ncodes++];
    memset(c, 0, sizeof *c);
    snprintf(c->head.code, sizeof c->head.code, "%s", code);
    snprintf(c->head.day_count, sizeof c->head.day_count, "%s", day_count);
    snprintf(c->head.compounding, sizeof c->head.compounding, "%s", compounding);
    snprintf(c->head.source, sizeof c->head.source, "%s", source);
}

void curve_file_store_reserve(curve_file_store *fs, size_t n)
{
    if (n <= fs->cap)
        return;
    fs->work = mf_reallocarray(fs->work, n, sizeof *fs->work);
    fs->mat = mf_reallocarray(fs->mat, n, sizeof *fs->mat);
    fs->df = mf_reallocarray(fs->df, n, sizeof *fs->df);
    fs->cap = n;
}

int curve_file_store_open(mf_cli *cli, curve_file_store *fs)
{
    if (!fs->on)
        return MF_EXIT_OK;
    for (size_t i = 0; i < fs->ncodes; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(fs->codes[i].head.code, fs->codes[j].head.code) == 0)
                return mf_cli_usage_error(cli, "two curves of a build cannot share the code '%s'",
                                          fs->codes[i].head.code);
    int rc = mf_cli_open_store(cli, &fs->st);
    if (rc != 0)
        return rc;
    mf_error err;
    if (mf_store_begin(fs->st, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        mf_store_close(fs->st);
        fs->st = NULL;
    }
    return rc;
}

int curve_file_store_put(mf_cli *cli, curve_file_store *fs, size_t slot, const mf_calendar *cal,
                         mf_date date, const mf_date *maturity, const double *df, size_t n,
                         const char *path)
{
    if (!fs->on)
        return MF_EXIT_OK;
    curve_file_store_reserve(fs, n);
    curve_file_store_code *c = &fs->codes[slot];
    c->head.date = date;
    mf_error err;
    if (mf_curve_store_nodes(fs->st, cal, &c->head, maturity, df, n, fs->work, &err) != 0) {
        fprintf(cli->err, "mf curve: %s: storing: %s\n", path, err.msg);
        return MF_EXIT_FAILURE;
    }
    if (c->curves == 0)
        c->first = date;
    c->last = date;
    c->curves++;
    c->vertices += n;
    return MF_EXIT_OK;
}

int curve_file_store_close(mf_cli *cli, curve_file_store *fs, int rc, bool summary)
{
    mf_error err;
    if (fs->st) {
        if (rc == MF_EXIT_OK) {
            if (mf_store_commit(fs->st, &err) != 0)
                rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        } else if (mf_store_rollback(fs->st, &err) != 0) {
            mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        }
        mf_store_close(fs->st);
        fs->st = NULL;
    }
    mf_free(fs->work);
    mf_free(fs->mat);
    mf_free(fs->df);
    fs->work = NULL;
    fs->mat = NULL;
    fs->df = NULL;
    fs->cap = 0;
    if (rc != MF_EXIT_OK || !summary || !fs->on)
        return rc;
    for (size_t i = 0; i < fs->ncodes; i++) {
        const curve_file_store_code *c = &fs->codes[i];
        char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE];
        if (c->curves == 0) {
            fprintf(cli->out, "stored 0 curves %s\n", c->head.code);
            continue;
        }
        fprintf(cli->out, "stored %zu curve%s %s (%s %s) from %s to %s: %zu vertices\n", c->curves,
                c->curves == 1 ? "" : "s", c->head.code, c->head.day_count, c->head.compounding,
                mf_date_format_iso(c->first, a), mf_date_format_iso(c->last, b), c->vertices);
    }
    return rc;
}
