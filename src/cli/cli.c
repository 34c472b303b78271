/*
 * cli.c - the command table of mf and the helpers commands share for options and messages.
 */
#include "cli/cli.h"

#include "core/names.h"
#include "core/numfmt.h"
#include "store/store.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const mf_cli_command mf_cli_commands[] = {
    {"calendar", "business days, holidays and date rolls on market calendars", mf_cli_calendar},
    {"daycount", "day counts and year fractions under a day-count convention", mf_cli_daycount},
    {"price", "price a US Treasury note, bond or bill from a yield, or its yield from a price",
     mf_cli_price},
    {"config", "show the effective configuration, where each value came from", mf_cli_config},
    {"init", "create the store or bring its schema up to date", mf_cli_init},
    {"import", "load observations from a CSV file into the store", mf_cli_import},
    {"series", "list the series catalogue or show one series", mf_cli_series},
    {"obs", "read a series as known on a date, or all its vintages", mf_cli_obs},
    {"curve", "build zero curves (DI from DI1 futures)", mf_cli_curve},
    {"backfill", "fetch the catalogued series from their sources over a date range", mf_cli_ingest},
    {"ingest", "fetch what is new since each series' last observation", mf_cli_ingest},
    {"serve", "serve the HTTP API on 127.0.0.1 until SIGTERM", mf_cli_serve},
    {"metrics", "performance and risk metrics of a return series in a CSV file", mf_cli_metrics},
    {"transform", "list or compute the derived series (returns, vol, macro, indicators)",
     mf_cli_transform},
    {"quality", "check the stored data (staleness, gaps, outliers, ...) and report scores",
     mf_cli_quality},
};
const size_t mf_cli_command_count = sizeof mf_cli_commands / sizeof mf_cli_commands[0];

int mf_cli_usage_error(mf_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(cli->err, "mf %s: ", cli->cmd);
    vfprintf(cli->err, fmt, ap);
    fprintf(cli->err, "; see 'mf %s --help'\n", cli->cmd);
    va_end(ap);
    return MF_EXIT_USAGE;
}

int mf_cli_fail(mf_cli *cli, const mf_error *err, int exit_code)
{
    fprintf(cli->err, "mf %s: %s\n", cli->cmd, err->msg[0] ? err->msg : mf_strerror(err->code));
    return exit_code;
}

int mf_cli_getopt(mf_cli *cli, int argc, char **argv, const char *shortopts,
                  const struct option *longopts, int *started)
{
    if (!*started) {
        optind = 0; /* glibc: 0 also resets its internal state */
        *started = 1;
    }
    opterr = 0;
    int c = getopt_long(argc, argv, shortopts, longopts, NULL);
    if (c == ':')
        return mf_cli_usage_error(cli, "option '%s' needs a value", argv[optind - 1]), '?';
    if (c == '?')
        return mf_cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]), '?';
    return c;
}

int mf_cli_parse_date(mf_cli *cli, const char *what, const char *text, mf_date *out)
{
    mf_error err;
    if (mf_date_parse_iso(text, out, &err) != 0)
        return mf_cli_usage_error(cli, "%s: %s", what, err.msg);
    return 0;
}

int mf_cli_parse_int(mf_cli *cli, const char *what, const char *text, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno == ERANGE || v < min || v > max)
        return mf_cli_usage_error(cli, "%s: invalid number '%s': expected an integer in %ld..%ld",
                                  what, text, min, max);
    *out = v;
    return 0;
}

int mf_cli_open_store(mf_cli *cli, struct mf_store **st)
{
    mf_error err;
    const char *url = mf_config_get_string(cli->cfg, "store.url");
    if (mf_store_open(url, st, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    return 0;
}

int mf_cli_parse_format(mf_cli *cli, const char *text, unsigned allowed, mf_cli_format *out)
{
    static const char *const names[] = {"text", "csv", "json"};
    int found = mf_names_find(names, 3, text);
    if (found < 0 || !(allowed & (1u << found))) {
        const char *valid[3];
        size_t n = 0;
        for (int i = 0; i < 3; i++)
            if (allowed & (1u << i))
                valid[n++] = names[i];
        char list[32];
        return mf_cli_usage_error(cli, "--format: unknown format '%s': expected one of %s", text,
                                  mf_names_join(valid, n, list, sizeof list));
    }
    *out = (mf_cli_format)found;
    return 0;
}

void mf_cli_print_double(FILE *f, double x)
{
    char buf[MF_DOUBLE_TEXT_SIZE];
    fputs(mf_format_double(x, buf), f);
}

int mf_cli_output_open(mf_cli *cli, mf_cli_output *o, const char *path)
{
    o->path = path;
    if (path == NULL) {
        o->f = tmpfile();
        if (o->f == NULL) {
            fprintf(cli->err, "mf %s: cannot create a temporary file: %s\n", cli->cmd,
                    strerror(errno));
            return MF_EXIT_FAILURE;
        }
        return MF_EXIT_OK;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.part", path);
    o->f = fopen(o->tmp, "w");
    if (o->f == NULL) {
        fprintf(cli->err, "mf %s: cannot create '%s': %s\n", cli->cmd, o->tmp, strerror(errno));
        return MF_EXIT_FAILURE;
    }
    return MF_EXIT_OK;
}

/* Copies the temporary output to cli->out. */
static int copy_out(mf_cli *cli, FILE *f)
{
    char buf[65536];
    size_t n;
    if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
        return -1;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, n, cli->out) != n)
            return -1;
    return ferror(f) ? -1 : 0;
}

int mf_cli_output_close(mf_cli *cli, mf_cli_output *o, int rc)
{
    if (o->f == NULL)
        return rc;
    if (o->path == NULL) {
        if (rc == MF_EXIT_OK && copy_out(cli, o->f) != 0) {
            fprintf(cli->err, "mf %s: cannot write the output: %s\n", cli->cmd, strerror(errno));
            rc = MF_EXIT_FAILURE;
        }
        fclose(o->f);
        o->f = NULL;
        return rc;
    }
    if (fclose(o->f) != 0 && rc == MF_EXIT_OK) {
        fprintf(cli->err, "mf %s: cannot write '%s': %s\n", cli->cmd, o->path, strerror(errno));
        rc = MF_EXIT_FAILURE;
    }
    o->f = NULL;
    if (rc == MF_EXIT_OK && rename(o->tmp, o->path) != 0) {
        fprintf(cli->err, "mf %s: cannot write '%s': %s\n", cli->cmd, o->path, strerror(errno));
        rc = MF_EXIT_FAILURE;
    }
    if (rc != MF_EXIT_OK)
        remove(o->tmp);
    return rc;
}
