/*
 * cmd_daycount.c - `mf daycount`: the day count and year fraction of an accrual period
 * under a convention of src/core/daycount.h.
 *
 *   mf daycount --convention NAME [--calendar NAME] [--ref-start D --ref-end D
 *               --frequency N [--eom]] START END
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "core/daycount.h"

static const char usage[] =
    "usage: mf daycount --convention NAME [options] START END\n"
    "\n"
    "The day count and year fraction from START to END (ISO dates) under a convention.\n"
    "Prints 'days N' and 'year_fraction X' (X in the fewest digits that are exact).\n"
    "\n"
    "options (before the dates):\n"
    "  -C, --convention NAME  bus/252, act/360, act/365f, 30/360 (bond basis), 30e/360,\n"
    "                         act/act-isda, act/act-icma\n"
    "  -c, --calendar NAME    bus/252 only: the calendar whose business days count\n"
    "                         (default br, the ANBIMA national calendar)\n"
    "  --ref-start DATE       act/act-icma only: start of the regular coupon period\n"
    "  --ref-end DATE         act/act-icma only: end of the regular coupon period\n"
    "  --frequency N          act/act-icma only: coupons per year (1, 2, 3, 4, 6, 12)\n"
    "  --eom                  act/act-icma only: the bond's schedule keeps month ends\n"
    "  -h, --help             this text\n"
    "\n"
    "Example: mf daycount --convention bus/252 2026-11-24 2029-01-02\n";

int mf_cli_daycount(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"convention", required_argument, NULL, 'C'},
        {"calendar", required_argument, NULL, 'c'},
        {"ref-start", required_argument, NULL, 's'},
        {"ref-end", required_argument, NULL, 'e'},
        {"frequency", required_argument, NULL, 'f'},
        {"eom", no_argument, NULL, 'E'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *convention = NULL, *calendar = "br", *ref_start = NULL, *ref_end = NULL;
    const char *frequency = NULL;
    mf_daycount_ctx ctx = {0};
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, "+:C:c:h", longopts, &started)) != -1) {
        switch (c) {
        case 'C': convention = optarg; break;
        case 'c': calendar = optarg; break;
        case 's': ref_start = optarg; break;
        case 'e': ref_end = optarg; break;
        case 'f': frequency = optarg; break;
        case 'E': ctx.end_of_month = true; break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    mf_daycount dc;
    mf_date start, end;
    mf_error err;
    if (convention == NULL)
        return mf_cli_usage_error(cli, "missing --convention");
    if (mf_daycount_parse(convention, &dc, &err) != 0)
        return mf_cli_usage_error(cli, "--convention: %s", err.msg);
    if (argc - optind != 2)
        return argc - optind < 2
                   ? mf_cli_usage_error(cli, "needs START and END dates")
                   : mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 2]);
    if (mf_cli_parse_date(cli, "START", argv[optind], &start) ||
        mf_cli_parse_date(cli, "END", argv[optind + 1], &end))
        return MF_EXIT_USAGE;
    if ((ref_start && mf_cli_parse_date(cli, "--ref-start", ref_start, &ctx.ref_start)) ||
        (ref_end && mf_cli_parse_date(cli, "--ref-end", ref_end, &ctx.ref_end)))
        return MF_EXIT_USAGE;
    long freq = 0;
    if (frequency && mf_cli_parse_int(cli, "--frequency", frequency, 1, 12, &freq))
        return MF_EXIT_USAGE;
    ctx.frequency = (int)freq;

    mf_calendar *cal = NULL;
    if (dc == MF_DAYCOUNT_BUS_252) {
        if (mf_calendar_new(calendar, &cal, &err) != 0)
            return mf_cli_usage_error(cli, "--calendar: %s", err.msg);
        ctx.calendar = cal;
    }
    int32_t days;
    double yf;
    int rc = MF_EXIT_OK;
    if (mf_daycount_days(dc, start, end, &ctx, &days, &err) != 0 ||
        mf_daycount_yearfrac(dc, start, end, &ctx, &yf, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    else {
        fprintf(cli->out, "days %d\nyear_fraction ", (int)days);
        mf_cli_print_double(cli->out, yf);
        fputc('\n', cli->out);
    }
    mf_calendar_free(cal);
    return rc;
}
