/*
 * cmd_import.c - `mf import observations FILE` and `mf import prices FILE`: load point-in-time
 * observations (src/data/import_observations.h) or instrument prices
 * (src/data/import_prices.h) from a CSV file in one transaction. B3 DI1 contracts unknown to
 * the store are created on a prices import (src/analytics/curve_di1_store.h).
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "analytics/curve_di1_store.h"
#include "cli/cli.h"
#include "data/import_observations.h"
#include "data/import_prices.h"

static const char usage[] =
    "usage: mf [--db URL] import observations [--skip-bad] FILE\n"
    "       mf [--db URL] import prices [--skip-bad] FILE\n"
    "\n"
    "Loads observations from FILE ('-' for standard input), a CSV with the header\n"
    "series_code,obs_date,value,available_at (ISO dates; an empty value is published as\n"
    "missing). Unknown series codes are created as user series. Every vintage is kept;\n"
    "loading the same file again changes nothing. The import is one transaction: a bad\n"
    "row stops it with FILE:LINE and nothing is imported, unless --skip-bad, which skips\n"
    "(and reports) bad rows and imports the rest.\n"
    "\n"
    "prices: FILE is a CSV with the header\n"
    "ticker,price_date,available_at,open,high,low,close,settle,volume,open_interest\n"
    "(ISO dates; an empty field is not published). Prices are in the instrument's quote\n"
    "convention: for B3 DI1 futures the rate in % a year (BUS/252), settle being the\n"
    "settlement rate. A revision is a row with a later available_at. DI1 tickers unknown to\n"
    "the store (DI1 + month code F..Z + two-digit year) are created with their contract\n"
    "(maturity: first business day of the month, ANBIMA calendar); any other unknown\n"
    "ticker is an error.\n"
    "\n"
    "options:\n"
    "  --skip-bad   skip malformed or conflicting rows instead of failing\n"
    "  -h, --help   this text\n";

/* Creates the instrument of an unknown DI1 ticker; other tickers are not made here. */
static int make_instrument(void *ctx, const char *ticker, mf_instrument *out, mf_error *err)
{
    if (strncmp(ticker, "DI1", 3) != 0)
        return MF_ENOTFOUND;
    return mf_di1_instrument(ctx, ticker, out, err);
}

static void report_bad_row(void *ctx, const char *message)
{
    mf_cli *cli = ctx;
    fprintf(cli->err, "mf import: skipped %s\n", message);
}

static int import_prices(mf_cli *cli, mf_store *st, FILE *in, const char *path, bool skip_bad)
{
    mf_error err;
    mf_calendar *cal = NULL;
    if (mf_calendar_new("br", &cal, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    mf_import_prices_options opt = {.skip_bad = skip_bad,
                                    .on_bad = report_bad_row,
                                    .ctx = cli,
                                    .make_instrument = make_instrument,
                                    .make_ctx = cal,
                                    .now = (int64_t)time(NULL)};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    mf_import_prices_report rep;
    int rc = MF_EXIT_OK;
    if (mf_import_prices(st, in, path, &opt, &rep, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        fprintf(cli->err, "mf import: nothing was imported\n");
    } else {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        fprintf(cli->out,
                "imported %s: %lld rows: %lld new, %lld revised, %lld unchanged, %lld skipped; "
                "%lld instruments created; %.2f s\n",
                path, (long long)rep.rows, (long long)rep.counts.rows_new,
                (long long)rep.counts.rows_revised, (long long)rep.counts.rows_unchanged,
                (long long)rep.skipped, (long long)rep.instruments_created, secs);
    }
    mf_calendar_free(cal);
    return rc;
}

int mf_cli_import(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"skip-bad", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2)
        return mf_cli_usage_error(cli,
                                  "missing what to import: expected 'observations' or 'prices'");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    bool prices = strcmp(argv[1], "prices") == 0;
    if (!prices && strcmp(argv[1], "observations") != 0)
        return mf_cli_usage_error(cli, "cannot import '%s': expected 'observations' or 'prices'",
                                  argv[1]);
    mf_import_options opt = {.on_bad = report_bad_row, .ctx = cli, .now = (int64_t)time(NULL)};
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc - 1, argv + 1, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 's': opt.skip_bad = true; break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    int npos = argc - 1 - optind;
    if (npos != 1)
        return npos < 1 ? mf_cli_usage_error(cli, "missing FILE")
                        : mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 2]);
    const char *path = argv[optind + 1];
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (in == NULL) {
        fprintf(cli->err, "mf import: cannot open '%s': %s\n", path, strerror(errno));
        return MF_EXIT_FAILURE;
    }
    setvbuf(in, NULL, _IOFBF, (size_t)1 << 20); /* big reads: the file is streamed */

    mf_store *st = NULL;
    int rc = mf_cli_open_store(cli, &st);
    if (rc == 0 && prices) {
        rc = import_prices(cli, st, in, path, opt.skip_bad);
    } else if (rc == 0) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        mf_import_report rep;
        mf_error err;
        if (mf_import_observations(st, in, path, &opt, &rep, &err) != 0) {
            rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
            fprintf(cli->err, "mf import: nothing was imported\n");
        } else {
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double secs =
                (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
            fprintf(cli->out,
                    "imported %s: %lld rows: %lld new, %lld revised, %lld unchanged, "
                    "%lld skipped; %lld series created; %.2f s\n",
                    path, (long long)rep.rows, (long long)rep.counts.rows_new,
                    (long long)rep.counts.rows_revised, (long long)rep.counts.rows_unchanged,
                    (long long)rep.skipped, (long long)rep.series_created, secs);
        }
    }
    mf_store_close(st);
    if (in != stdin)
        fclose(in);
    return rc;
}
