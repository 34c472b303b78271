/*
 * cmd_obs.c - `mf obs get CODE`: a series as known on a date (point in time), or every
 * vintage of its observations, as CSV or JSON.
 */
#include <getopt.h>
#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/numfmt.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"

static const char usage[] =
    "usage: mf [--db URL] obs get CODE [--from D] [--to D] [--as-of D | --vintages]\n"
    "                             [--format csv|json]\n"
    "\n"
    "The observations of series CODE dated from D to D (default: all), as known on --as-of\n"
    "(the latest vintage published on or before that date; default: everything known), or\n"
    "with --vintages every published vintage. CSV (default): obs_date,value or\n"
    "obs_date,available_at,value; a value published as missing is empty (null in JSON).\n";

/* A value as CSV (empty when missing) or JSON (null when missing). */
static void print_value(FILE *f, double v, bool json)
{
    char buf[MF_DOUBLE_TEXT_SIZE];
    fputs(isnan(v) ? (json ? "null" : "") : mf_format_double(v, buf), f);
}

/* A JSON string for text that needs no escaping (codes, ISO dates). */
static void print_json_head(FILE *f, const mf_series_info *info)
{
    fprintf(f, "{\"series\":\"%s\",\"simulated\":%s", info->code,
            info->simulated ? "true" : "false");
}

static int print_asof(mf_cli *cli, mf_store *st, const mf_series_info *info, mf_date from,
                      mf_date to, mf_date as_of, bool has_as_of, mf_cli_format fmt)
{
    mf_series *s;
    mf_error err;
    if (mf_repo_obs_asof(st, info->id, from, to, as_of, &s, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    const mf_date *d = mf_series_dates(s);
    const double *v = mf_series_values(s);
    size_t n = mf_series_len(s);
    char day[MF_DATE_ISO_SIZE];
    if (fmt == MF_CLI_JSON) {
        print_json_head(cli->out, info);
        if (has_as_of)
            fprintf(cli->out, ",\"as_of\":\"%s\"", mf_date_format_iso(as_of, day));
        fputs(",\"observations\":[", cli->out);
        for (size_t i = 0; i < n; i++) {
            fprintf(cli->out, "%s{\"date\":\"%s\",\"value\":", i ? "," : "",
                    mf_date_format_iso(d[i], day));
            print_value(cli->out, v[i], true);
            fputc('}', cli->out);
        }
        fputs("]}\n", cli->out);
    } else {
        fputs("obs_date,value\n", cli->out);
        for (size_t i = 0; i < n; i++) {
            fprintf(cli->out, "%s,", mf_date_format_iso(d[i], day));
            print_value(cli->out, v[i], false);
            fputc('\n', cli->out);
        }
    }
    mf_series_free(s);
    return MF_EXIT_OK;
}

static int print_vintages(mf_cli *cli, mf_store *st, const mf_series_info *info, mf_date from,
                          mf_date to, mf_cli_format fmt)
{
    mf_obs_vintage *rows;
    size_t n;
    mf_error err;
    if (mf_repo_obs_vintages(st, info->id, from, to, &rows, &n, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    char day[MF_DATE_ISO_SIZE], known[MF_DATE_ISO_SIZE];
    if (fmt == MF_CLI_JSON) {
        print_json_head(cli->out, info);
        fputs(",\"vintages\":[", cli->out);
        for (size_t i = 0; i < n; i++) {
            fprintf(cli->out, "%s{\"date\":\"%s\",\"available_at\":\"%s\",\"value\":", i ? "," : "",
                    mf_date_format_iso(rows[i].obs_date, day),
                    mf_date_format_iso(rows[i].available_at, known));
            print_value(cli->out, rows[i].value, true);
            fputc('}', cli->out);
        }
        fputs("]}\n", cli->out);
    } else {
        fputs("obs_date,available_at,value\n", cli->out);
        for (size_t i = 0; i < n; i++) {
            fprintf(cli->out, "%s,%s,", mf_date_format_iso(rows[i].obs_date, day),
                    mf_date_format_iso(rows[i].available_at, known));
            print_value(cli->out, rows[i].value, false);
            fputc('\n', cli->out);
        }
    }
    mf_free(rows);
    return MF_EXIT_OK;
}

int mf_cli_obs(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"as-of", required_argument, NULL, 'a'},
        {"vintages", no_argument, NULL, 'v'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2)
        return mf_cli_usage_error(cli, "missing subcommand: expected get");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    if (strcmp(argv[1], "get") != 0)
        return mf_cli_usage_error(cli, "unknown subcommand '%s'", argv[1]);
    mf_date from = MF_DATE_MIN, to = MF_DATE_MAX, as_of = MF_DATE_MAX;
    bool has_as_of = false, vintages = false;
    mf_cli_format fmt = MF_CLI_CSV;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc - 1, argv + 1, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'f':
            if (mf_cli_parse_date(cli, "--from", optarg, &from) != 0)
                return MF_EXIT_USAGE;
            break;
        case 't':
            if (mf_cli_parse_date(cli, "--to", optarg, &to) != 0)
                return MF_EXIT_USAGE;
            break;
        case 'a':
            if (mf_cli_parse_date(cli, "--as-of", optarg, &as_of) != 0)
                return MF_EXIT_USAGE;
            has_as_of = true;
            break;
        case 'v': vintages = true; break;
        case 'F':
            if (mf_cli_parse_format(cli, optarg, 6u, &fmt) != 0)
                return MF_EXIT_USAGE;
            break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    int npos = argc - 1 - optind;
    if (npos != 1)
        return npos < 1 ? mf_cli_usage_error(cli, "get needs a series CODE")
                        : mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 2]);
    if (vintages && has_as_of)
        return mf_cli_usage_error(cli, "--vintages and --as-of exclude each other");
    if (to < from)
        return mf_cli_usage_error(cli, "--to is before --from");
    mf_store *st;
    int rc = mf_cli_open_store(cli, &st);
    if (rc != 0)
        return rc;
    mf_series_info info;
    mf_error err;
    if (mf_repo_series_get(st, argv[optind + 1], &info, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    else if (vintages)
        rc = print_vintages(cli, st, &info, from, to, fmt);
    else
        rc = print_asof(cli, st, &info, from, to, as_of, has_as_of, fmt);
    mf_store_close(st);
    return rc;
}
