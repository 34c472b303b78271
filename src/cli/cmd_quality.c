/*
 * cmd_quality.c - `mf quality run` (check the stored series and curves, record the run) and
 * `mf quality report` (the latest run, or one, as a table or JSON), plus the run after
 * `mf ingest` / `mf backfill` (mf_cli_quality_after_ingest). Exit status 3 when the run has
 * critical failures, for scripts (docs/quality.md).
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analytics/quality.h"
#include "analytics/quality_json.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "store/store.h"

enum { EXIT_CRITICAL = 3 }; /* the run has critical failures */

static const char usage[] =
    "usage: mf [--db URL] quality run [--series CODE[,CODE...]]... [--source S] [--as-of DATE]\n"
    "                                 [--window DAYS]\n"
    "       mf [--db URL] quality report [--run ID] [--failing] [--severity S] [--json]\n"
    "\n"
    "'run' checks the stored series (and curves) as known on --as-of (default today, UTC):\n"
    "staleness, gaps, duplicates, outliers, range, revisions, flatline, cross-source\n"
    "consistency and curve sanity, with the thresholds of catalog/quality.csv and the pairs of\n"
    "catalog/quality_pairs.csv (docs/quality.md); it records the run and its results, prints\n"
    "the score and every failing check. 'report' prints the latest run (or --run ID): a table\n"
    "of the series with their scores, or with --failing the failed checks of at least\n"
    "--severity (info, warning - the default - or critical); --json prints JSON.\n"
    "  --series CODES   only these series (repeatable; curves are then not checked)\n"
    "  --source S       only the series and curves of source S\n"
    "  --as-of DATE     check the data as known on DATE\n"
    "  --window DAYS    lookback of the checks (default quality.window_days)\n"
    "\n"
    "Exit status: 0 no critical failure, 3 critical failures, 1 an error, 2 a usage error.\n";

/* The global switches of the configuration into o. */
static int options_from_config(mf_cli *cli, mf_quality_options *o)
{
    mf_error err;
    int64_t window;
    if (mf_config_get_int(cli->cfg, "quality.window_days", &window, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    o->window_days = (int)window;
    const char *off = mf_config_get_string(cli->cfg, "quality.checks_off");
    char buf[MF_CONFIG_VALUE_MAX + 1];
    snprintf(buf, sizeof buf, "%s", off ? off : "");
    for (char *save = NULL, *c = strtok_r(buf, ", ", &save); c; c = strtok_r(NULL, ", ", &save)) {
        mf_quality_check check;
        if (mf_quality_check_parse(c, &check, &err) != 0) {
            mf_error_prefix(&err, "quality.checks_off: ");
            return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
        }
        o->disabled[check] = true;
    }
    return 0;
}

static void print_failing(mf_cli *cli, const mf_quality_result *r, size_t n,
                          mf_quality_severity min)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].status == MF_QUALITY_FAIL && r[i].severity >= min)
            fprintf(cli->out, "%-8s %-24s %-12s %s\n", mf_quality_severity_name(r[i].severity),
                    r[i].code, mf_quality_check_name(r[i].check), r[i].message);
}

static void print_score(FILE *f, double score)
{
    if (isnan(score))
        fputs("-", f);
    else
        fprintf(f, "%.2f", score);
}

/* Runs the checks and prints the summary and the failing checks; the exit code. */
static int run_and_print(mf_cli *cli, mf_store *st, const mf_quality_options *o, bool quiet)
{
    mf_error err;
    mf_quality_rules rules;
    if (mf_quality_rules_builtin(&rules, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    mf_quality_run run;
    int rc = mf_quality_run_checks(st, &rules, o, &run, &err);
    mf_quality_rules_free(&rules);
    if (rc != 0) /* an unknown code or bad options are usage errors */
        return mf_cli_fail(cli, &err,
                           err.code == MF_EINVAL || err.code == MF_ENOTFOUND ? MF_EXIT_USAGE
                                                                             : MF_EXIT_FAILURE);
    char d[MF_DATE_ISO_SIZE];
    fprintf(cli->out, "quality run %lld as of %s (%s): score ", (long long)run.id,
            mf_date_format_iso(run.as_of, d), run.scope);
    print_score(cli->out, run.score);
    fprintf(cli->out, ", %lld checks, %lld failing, %lld critical\n", (long long)run.checks,
            (long long)run.failing, (long long)run.critical);
    if (!quiet && run.failing > 0) {
        mf_quality_result *res;
        size_t n;
        if (mf_repo_quality_results(st, run.id, &res, &n, &err) != 0)
            return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        print_failing(cli, res, n, MF_QUALITY_WARNING);
        mf_free(res);
    }
    return run.critical > 0 ? EXIT_CRITICAL : MF_EXIT_OK;
}

int mf_cli_quality_after_ingest(mf_cli *cli, struct mf_store *st, const char *source,
                                const char *const *codes, mf_date as_of)
{
    bool on = true;
    mf_error err;
    if (mf_config_get_bool(cli->cfg, "quality.after_ingest", &on, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_USAGE);
    if (!on)
        return MF_EXIT_OK;
    mf_quality_options o = {
        .as_of = as_of, .now = (int64_t)time(NULL), .source = source, .curves = true};
    if (options_from_config(cli, &o) != 0)
        return MF_EXIT_USAGE;
    /* the series among the codes (instrument tickers have no series to check) */
    size_t n = 0;
    while (codes && codes[n])
        n++;
    const char **series = NULL;
    if (codes) {
        series = mf_calloc(n + 1, sizeof *series);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            mf_series_info info;
            if (mf_repo_series_get(st, codes[i], &info, NULL) == 0)
                series[k++] = codes[i];
        }
        if (k == 0) {
            mf_free(series);
            return MF_EXIT_OK;
        }
        o.codes = series;
    }
    int rc = run_and_print(cli, st, &o, true);
    mf_free(series);
    return rc;
}

static int cmd_run(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {{"series", required_argument, NULL, 'c'},
                                             {"source", required_argument, NULL, 's'},
                                             {"as-of", required_argument, NULL, 'a'},
                                             {"window", required_argument, NULL, 'w'},
                                             {NULL, 0, NULL, 0}};
    mf_quality_options o = {
        .as_of = (mf_date)(time(NULL) / 86400), .now = (int64_t)time(NULL), .curves = true};
    if (options_from_config(cli, &o) != 0)
        return MF_EXIT_USAGE;
    const char **codes = NULL;
    size_t n_codes = 0, cap = 0;
    int started = 0, c, rc = 0;
    long window;
    while (rc == 0 && (c = mf_cli_getopt(cli, argc, argv, ":", longopts, &started)) != -1) {
        switch (c) {
        case 'c':
            for (char *save = NULL, *t = strtok_r(optarg, ",", &save); t;
                 t = strtok_r(NULL, ",", &save)) {
                if (n_codes + 2 > cap) {
                    cap = cap ? 2 * cap : 8;
                    codes = mf_reallocarray(codes, cap, sizeof *codes);
                }
                codes[n_codes++] = t;
                codes[n_codes] = NULL;
            }
            if (n_codes == 0)
                rc = mf_cli_usage_error(cli, "--series: expected CODE[,CODE...]");
            break;
        case 's': o.source = optarg; break;
        case 'a': rc = mf_cli_parse_date(cli, "--as-of", optarg, &o.as_of); break;
        case 'w':
            rc = mf_cli_parse_int(cli, "--window", optarg, 1, 36525, &window);
            o.window_days = (int)window;
            break;
        default: rc = MF_EXIT_USAGE; break;
        }
    }
    if (rc == 0 && optind < argc)
        rc = mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (rc == 0) {
        o.codes = codes;
        mf_store *st;
        if ((rc = mf_cli_open_store(cli, &st)) == 0) {
            rc = run_and_print(cli, st, &o, false);
            mf_store_close(st);
        }
    }
    mf_free(codes);
    return rc;
}

static void print_table(mf_cli *cli, const mf_quality_run *run, const mf_quality_result *res,
                        size_t n)
{
    mf_quality_score *codes, *sources, all;
    size_t nc, ns;
    mf_quality_scores(res, n, &codes, &nc, &sources, &ns, &all);
    char d[MF_DATE_ISO_SIZE];
    fprintf(cli->out, "quality run %lld as of %s (%s): score ", (long long)run->id,
            mf_date_format_iso(run->as_of, d), run->scope);
    print_score(cli->out, run->score);
    fprintf(cli->out, ", %lld checks, %lld failing, %lld critical\n", (long long)run->checks,
            (long long)run->failing, (long long)run->critical);
    fprintf(cli->out, "%-28s %-16s %7s %6s %7s %s\n", "code", "source", "score", "checks",
            "failing", "worst");
    for (size_t i = 0; i < nc; i++) {
        fprintf(cli->out, "%-28s %-16s ", codes[i].key, codes[i].source);
        if (isnan(codes[i].score))
            fprintf(cli->out, "%7s", "-");
        else
            fprintf(cli->out, "%7.2f", codes[i].score);
        fprintf(cli->out, " %6lld %7lld %s\n", (long long)codes[i].checks,
                (long long)codes[i].failing,
                codes[i].any_failed ? mf_quality_severity_name(codes[i].worst) : "pass");
    }
    for (size_t i = 0; i < ns; i++) {
        fprintf(cli->out, "source %-21s %-16s ", sources[i].key, "");
        if (isnan(sources[i].score))
            fprintf(cli->out, "%7s", "-");
        else
            fprintf(cli->out, "%7.2f", sources[i].score);
        fprintf(cli->out, " %6lld %7lld %lld series\n", (long long)sources[i].checks,
                (long long)sources[i].failing, (long long)sources[i].series);
    }
    mf_free(codes);
    mf_free(sources);
}

static int cmd_report(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {{"run", required_argument, NULL, 'r'},
                                             {"failing", no_argument, NULL, 'f'},
                                             {"severity", required_argument, NULL, 's'},
                                             {"json", no_argument, NULL, 'j'},
                                             {NULL, 0, NULL, 0}};
    long run_id = 0;
    bool only_failing = false, json = false;
    mf_quality_severity min = MF_QUALITY_WARNING;
    mf_error err;
    int started = 0, c, rc = 0;
    while (rc == 0 && (c = mf_cli_getopt(cli, argc, argv, ":", longopts, &started)) != -1) {
        switch (c) {
        case 'r': rc = mf_cli_parse_int(cli, "--run", optarg, 1, 2147483647L, &run_id); break;
        case 'f': only_failing = true; break;
        case 's':
            if (mf_quality_severity_parse(optarg, &min, &err) != 0)
                rc = mf_cli_usage_error(cli, "--severity: %s", err.msg);
            break;
        case 'j': json = true; break;
        default: rc = MF_EXIT_USAGE; break;
        }
    }
    if (rc == 0 && optind < argc)
        rc = mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (rc != 0)
        return rc;
    mf_store *st;
    if ((rc = mf_cli_open_store(cli, &st)) != 0)
        return rc;
    mf_quality_run run;
    bool found;
    mf_quality_result *res = NULL;
    size_t n = 0;
    if (mf_repo_quality_run_get(st, run_id, &run, &found, &err) != 0 ||
        (found && mf_repo_quality_results(st, run.id, &res, &n, &err) != 0)) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    } else if (!found) {
        if (run_id)
            fprintf(cli->err, "mf quality: no quality run %ld\n", run_id);
        else
            fprintf(cli->err, "mf quality: no quality run yet: run 'mf quality run'\n");
        rc = MF_EXIT_FAILURE;
    } else {
        if (json) {
            json_t *j = only_failing ? mf_quality_failing_json(run.id, res, n, min)
                                     : mf_quality_report_json(&run, res, n);
            json_dumpf(j, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            fputc('\n', cli->out);
            json_decref(j);
        } else if (only_failing) {
            print_failing(cli, res, n, min);
        } else {
            print_table(cli, &run, res, n);
        }
        rc = run.critical > 0 ? EXIT_CRITICAL : MF_EXIT_OK;
    }
    mf_free(res);
    mf_store_close(st);
    return rc;
}

int mf_cli_quality(mf_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, cli->out);
        return MF_EXIT_OK;
    }
    if (argc < 2)
        return mf_cli_usage_error(cli, "missing subcommand: expected run or report");
    if (strcmp(argv[1], "run") == 0)
        return cmd_run(cli, argc - 1, argv + 1);
    if (strcmp(argv[1], "report") == 0)
        return cmd_report(cli, argc - 1, argv + 1);
    return mf_cli_usage_error(cli, "unknown subcommand '%s': expected run or report", argv[1]);
}
