/*
 * cmd_calendar.c - `mf calendar`: business days, holidays and date rolls on the market
 * calendars of src/core/calendar.h.
 *
 *   mf calendar list
 *   mf calendar holidays [--calendar NAME] [--weekends] --from DATE --to DATE
 *   mf calendar bizdays  [--calendar NAME] START END
 *   mf calendar bizdays  [--calendar NAME] --input FILE     (CSV of start,end pairs)
 *   mf calendar advance  [--calendar NAME] DATE N
 *   mf calendar adjust   [--calendar NAME] [--convention BDC] DATE
 *   mf calendar check    [--calendar NAME] DATE
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/calendar.h"
#include "core/lines.h"

static const char usage[] =
    "usage: mf calendar SUBCOMMAND [options] [arguments]\n"
    "\n"
    "Business days, holidays and date rolls on market calendars (1990-2099).\n"
    "\n"
    "subcommands:\n"
    "  list                       the calendars and whose rules they follow\n"
    "  holidays --from D --to D   holidays in a date range (add --weekends for those on\n"
    "                             Saturdays and Sundays too)\n"
    "  bizdays START END          business days d with START <= d < END (the Brazilian du);\n"
    "                             negative when END is before START\n"
    "  bizdays --input FILE       the same for every 'start,end' line of a CSV file (a\n"
    "                             header line is allowed; '-' reads standard input); prints\n"
    "                             'start,end,du' lines\n"
    "  advance DATE N             the N-th business day after DATE (before it when N < 0;\n"
    "                             N = 0 rolls DATE to the following business day)\n"
    "  adjust DATE                roll DATE to a business day by --convention (default\n"
    "                             following; also modified-following, preceding,\n"
    "                             modified-preceding, unadjusted)\n"
    "  check DATE                 whether DATE is a business day, and which holiday if not\n"
    "\n"
    "options (before the arguments):\n"
    "  -c, --calendar NAME        br (default), b3, us-gov, nyse, us-fed: see 'list'\n"
    "  -h, --help                 this text\n"
    "\n"
    "Dates are ISO YYYY-MM-DD. Example: mf calendar bizdays --calendar br 2024-01-02 2025-01-02\n";

/* The options every subcommand shares, and what they parsed to. */
typedef struct calendar_args {
    const char *calendar;
    const char *convention;
    const char *from, *to;
    const char *input;
    bool weekends;
    int npos;
    char **pos; /* positional arguments */
} calendar_args;

static int parse_args(mf_cli *cli, int argc, char **argv, calendar_args *a, bool *help)
{
    static const struct option longopts[] = {
        {"calendar", required_argument, NULL, 'c'}, {"convention", required_argument, NULL, 'b'},
        {"from", required_argument, NULL, 'f'},     {"to", required_argument, NULL, 't'},
        {"weekends", no_argument, NULL, 'w'},       {"input", required_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
    };
    *a = (calendar_args){.calendar = "br"};
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, "+:c:h", longopts, &started)) != -1) {
        switch (c) {
        case 'c': a->calendar = optarg; break;
        case 'b': a->convention = optarg; break;
        case 'f': a->from = optarg; break;
        case 't': a->to = optarg; break;
        case 'w': a->weekends = true; break;
        case 'i': a->input = optarg; break;
        case 'h': *help = true; break;
        default: return MF_EXIT_USAGE;
        }
    }
    a->pos = argv + optind;
    a->npos = argc - optind;
    return 0;
}

static int expect_args(mf_cli *cli, const char *sub, const calendar_args *a, int n,
                       const char *what)
{
    if (a->npos == n)
        return 0;
    if (a->npos < n)
        return mf_cli_usage_error(cli, "%s needs %s", sub, what);
    return mf_cli_usage_error(cli, "unexpected argument '%s'", a->pos[n]);
}

static int cmd_list(mf_cli *cli)
{
    for (size_t i = 0; i < mf_calendar_count(); i++) {
        const mf_calendar_about *about = mf_calendar_info(i);
        fprintf(cli->out, "%-8s %s\n", about->name, about->description);
    }
    return MF_EXIT_OK;
}

static int cmd_holidays(mf_cli *cli, const mf_calendar *cal, const calendar_args *a)
{
    if (a->from == NULL || a->to == NULL)
        return mf_cli_usage_error(cli, "holidays needs --from and --to");
    mf_date from, to;
    if (mf_cli_parse_date(cli, "--from", a->from, &from) ||
        mf_cli_parse_date(cli, "--to", a->to, &to))
        return MF_EXIT_USAGE;
    const mf_holiday *h;
    size_t n;
    mf_error err;
    if (mf_calendar_holidays(cal, from, to, &h, &n, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    for (size_t i = 0; i < n; i++) {
        if (!a->weekends && mf_date_is_weekend(h[i].date))
            continue;
        char day[MF_DATE_ISO_SIZE];
        fprintf(cli->out, "%s %s %s\n", mf_date_format_iso(h[i].date, day),
                mf_weekday_abbrev(mf_date_weekday(h[i].date)), h[i].name);
    }
    return MF_EXIT_OK;
}

/* Reads 'start,end' lines from a CSV file and prints 'start,end,du' for each. */
static int bizdays_file(mf_cli *cli, const mf_calendar *cal, const char *path)
{
    mf_lines in;
    mf_error err;
    if (mf_lines_open(&in, path, 0, &err) != 0) {
        fprintf(cli->err, "mf calendar: %s\n", err.msg);
        return MF_EXIT_FAILURE;
    }
    int rc = MF_EXIT_OK, got;
    while ((got = mf_lines_next(&in, &err)) > 0) {
        const char *line = in.line;
        size_t len = in.len;
        if (len == 0 || (in.lineno == 1 && strcmp(line, "start,end") == 0))
            continue;
        mf_date start, end;
        int32_t du;
        const char *comma = memchr(line, ',', len);
        if (comma == NULL) {
            mf_error_set(&err, MF_EPARSE, "expected 'start,end', got '%.60s'", line);
        } else if (mf_date_parse_iso_n(line, (size_t)(comma - line), &start, &err) == 0 &&
                   mf_date_parse_iso_n(comma + 1, len - (size_t)(comma + 1 - line), &end, &err) ==
                       0 &&
                   mf_calendar_bizdays(cal, start, end, &du, &err) == 0) {
            fprintf(cli->out, "%s,%d\n", line, (int)du);
            continue;
        }
        fprintf(cli->err, "mf calendar: %s:%ld: %s\n", path, in.lineno, err.msg);
        rc = MF_EXIT_FAILURE;
        break;
    }
    if (got < 0) {
        fprintf(cli->err, "mf calendar: %s\n", err.msg);
        rc = MF_EXIT_FAILURE;
    }
    mf_lines_close(&in);
    return rc;
}

static int cmd_bizdays(mf_cli *cli, const mf_calendar *cal, const calendar_args *a)
{
    if (a->input != NULL)
        return expect_args(cli, "bizdays --input", a, 0, "") ? MF_EXIT_USAGE
                                                             : bizdays_file(cli, cal, a->input);
    mf_date start, end;
    if (expect_args(cli, "bizdays", a, 2, "START and END dates") ||
        mf_cli_parse_date(cli, "START", a->pos[0], &start) ||
        mf_cli_parse_date(cli, "END", a->pos[1], &end))
        return MF_EXIT_USAGE;
    int32_t du;
    mf_error err;
    if (mf_calendar_bizdays(cal, start, end, &du, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    fprintf(cli->out, "%d\n", (int)du);
    return MF_EXIT_OK;
}

static int cmd_advance(mf_cli *cli, const mf_calendar *cal, const calendar_args *a)
{
    mf_date d, r;
    long n;
    if (expect_args(cli, "advance", a, 2, "a DATE and a number of business days N") ||
        mf_cli_parse_date(cli, "DATE", a->pos[0], &d) ||
        mf_cli_parse_int(cli, "N", a->pos[1], -100000, 100000, &n))
        return MF_EXIT_USAGE;
    mf_error err;
    if (mf_calendar_advance(cal, d, (int32_t)n, &r, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    char day[MF_DATE_ISO_SIZE];
    fprintf(cli->out, "%s\n", mf_date_format_iso(r, day));
    return MF_EXIT_OK;
}

static int cmd_adjust(mf_cli *cli, const mf_calendar *cal, const calendar_args *a)
{
    mf_date d, r;
    mf_bdc bdc = MF_BDC_FOLLOWING;
    mf_error err;
    if (expect_args(cli, "adjust", a, 1, "a DATE") || mf_cli_parse_date(cli, "DATE", a->pos[0], &d))
        return MF_EXIT_USAGE;
    if (a->convention != NULL && mf_bdc_parse(a->convention, &bdc, &err) != 0)
        return mf_cli_usage_error(cli, "--convention: %s", err.msg);
    if (mf_calendar_adjust(cal, d, bdc, &r, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    char day[MF_DATE_ISO_SIZE];
    fprintf(cli->out, "%s\n", mf_date_format_iso(r, day));
    return MF_EXIT_OK;
}

static int cmd_check(mf_cli *cli, const mf_calendar *cal, const calendar_args *a)
{
    mf_date d;
    if (expect_args(cli, "check", a, 1, "a DATE") || mf_cli_parse_date(cli, "DATE", a->pos[0], &d))
        return MF_EXIT_USAGE;
    bool business;
    mf_error err;
    if (mf_calendar_is_business_day(cal, d, &business, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    char day[MF_DATE_ISO_SIZE];
    const char *holiday = mf_calendar_holiday_name(cal, d);
    const char *why = holiday ? holiday : mf_date_is_weekend(d) ? "weekend" : "";
    fprintf(cli->out, "%s %s %s%s%s%s\n", mf_date_format_iso(d, day),
            mf_weekday_abbrev(mf_date_weekday(d)), business ? "business day" : "not a business day",
            *why ? " (" : "", why, *why ? ")" : "");
    return MF_EXIT_OK;
}

int mf_cli_calendar(mf_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? cli->err : cli->out);
        return argc < 2 ? MF_EXIT_USAGE : MF_EXIT_OK;
    }
    const char *sub = argv[1];
    calendar_args a;
    bool help = false;
    if (parse_args(cli, argc - 1, argv + 1, &a, &help) != 0)
        return MF_EXIT_USAGE;
    if (help) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    if (strcmp(sub, "list") == 0)
        return expect_args(cli, "list", &a, 0, "") ? MF_EXIT_USAGE : cmd_list(cli);

    static const struct {
        const char *name;
        int (*run)(mf_cli *, const mf_calendar *, const calendar_args *);
    } subs[] = {
        {"holidays", cmd_holidays}, {"bizdays", cmd_bizdays}, {"advance", cmd_advance},
        {"adjust", cmd_adjust},     {"check", cmd_check},
    };
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(sub, subs[i].name) != 0)
            continue;
        mf_calendar *cal = NULL;
        mf_error err;
        if (mf_calendar_new(a.calendar, &cal, &err) != 0)
            return mf_cli_usage_error(cli, "--calendar: %s", err.msg);
        int rc = subs[i].run(cli, cal, &a);
        mf_calendar_free(cal);
        return rc;
    }
    return mf_cli_usage_error(cli, "unknown subcommand '%s'", sub);
}
