/*
 * cmd_import.c - `mf import observations FILE`: loads point-in-time observations from a CSV
 * file (src/data/import_observations.h) in one transaction.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "data/import_observations.h"

static const char usage[] =
    "usage: mf [--db URL] import observations [--skip-bad] FILE\n"
    "\n"
    "Loads observations from FILE ('-' for standard input), a CSV with the header\n"
    "series_code,obs_date,value,available_at (ISO dates; an empty value is published as\n"
    "missing). Unknown series codes are created as user series. Every vintage is kept;\n"
    "loading the same file again changes nothing. The import is one transaction: a bad\n"
    "row stops it with FILE:LINE and nothing is imported, unless --skip-bad, which skips\n"
    "(and reports) bad rows and imports the rest.\n"
    "\n"
    "options:\n"
    "  --skip-bad   skip malformed or conflicting rows instead of failing\n"
    "  -h, --help   this text\n";

static void report_bad_row(void *ctx, const char *message)
{
    mf_cli *cli = ctx;
    fprintf(cli->err, "mf import: skipped %s\n", message);
}

int mf_cli_import(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"skip-bad", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2)
        return mf_cli_usage_error(cli, "missing what to import: expected 'observations'");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    if (strcmp(argv[1], "observations") != 0)
        return mf_cli_usage_error(cli, "cannot import '%s': expected 'observations'", argv[1]);
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
    if (rc == 0) {
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
