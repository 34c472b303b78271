/*
 * cmd_metrics.c - `mf metrics --input FILE [--column NAME] [--benchmark FILE
 * [--benchmark-column NAME]] [--level A]... [--rf RATE] [--periods-per-year P] [--json]`:
 * every performance and risk metric of src/analytics/perf.h for a return series read from a
 * CSV file, optionally against a benchmark aligned by date.
 *
 * Exports (cli.h): mf_cli_metrics().
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "analytics/perf.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/lines.h"
#include "core/numfmt.h"
#include "core/series.h"

#define MAX_LINE 4096
#define MAX_COLS 256

static const char usage[] =
    "usage: mf metrics --input FILE [--column NAME] [--benchmark FILE [--benchmark-column NAME]]\n"
    "                  [--level A]... [--rf RATE] [--periods-per-year P] [--json]\n"
    "\n"
    "Performance and risk metrics of a return series (docs/analytics-stats.md has every\n"
    "formula). FILE is a CSV file: a header 'date,NAME,...', then one row per period with an\n"
    "ISO date (YYYY-MM-DD, strictly increasing) and simple returns as decimals (0.01 is +1%,\n"
    "not a percentage); an empty cell is a missing period and is skipped. A return below -1\n"
    "is an error (a simple return cannot lose more than everything).\n"
    "\n"
    "options:\n"
    "  --input FILE            the returns\n"
    "  --column NAME           the column to measure (needed when FILE has several)\n"
    "  --benchmark FILE        benchmark returns in the same format, matched by date: beta,\n"
    "                          alpha, correlation, tracking error and information ratio use\n"
    "                          the dates where both have a return\n"
    "  --benchmark-column NAME the benchmark's column (needed when it has several)\n"
    "  --level A               VaR/CVaR confidence in (0, 1), repeatable (default 0.95 0.99)\n"
    "  --rf RATE               annual risk-free rate, decimal, annual compounding (default 0)\n"
    "  --periods-per-year P    252 (default) for daily returns, 52 weekly, 12 monthly\n"
    "  --json                  one JSON object instead of 'name value' lines\n"
    "Conventions: annualised by P; sample standard deviations; losses (drawdown, VaR, CVaR)\n"
    "are positive numbers; durations count periods (rows with a return), not days. An\n"
    "undefined metric (e.g. Sharpe of a constant series) is nan in text and null in JSON.\n";

/* One column of returns read from a CSV file, by date. */
typedef struct ret_file {
    const char *path;
    char column[128];
    size_t n, cap, missing;
    mf_date *dates;
    double *values;
} ret_file;

static void ret_file_release(ret_file *f)
{
    mf_free(f->dates);
    mf_free(f->values);
    f->dates = NULL;
    f->values = NULL;
}

/* Lists the data columns of the header into buf for messages. */
static const char *column_list(char **h, int nh, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 1; i < nh && used + 1 < size; i++) {
        int w = snprintf(buf + used, size - used, "%s'%s'", i > 1 ? ", " : "", h[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* Picks the column: by name, or the only data column. Prints the error; -1 on failure. */
static int pick_column(mf_cli *cli, const char *path, char **h, int nh, const char *want,
                       const char *option)
{
    char list[512];
    if (want == NULL) {
        if (nh == 2)
            return 1;
        fprintf(cli->err, "mf metrics: %s:1: %d return columns (%s): choose one with %s\n", path,
                nh - 1, column_list(h, nh, list, sizeof list), option);
        return -1;
    }
    for (int i = 1; i < nh; i++)
        if (strcmp(h[i], want) == 0)
            return i;
    fprintf(cli->err, "mf metrics: %s:1: no column '%s' (columns: %s)\n", path, want,
            column_list(h, nh, list, sizeof list));
    return -1;
}

/* Reads column `want` (or the only one) of path into *f. Prints the error, returns nonzero. */
static int read_returns(mf_cli *cli, const char *path, const char *want, const char *option,
                        ret_file *f)
{
    mf_lines in;
    mf_error err;
    if (mf_lines_open(&in, path, MAX_LINE, &err) != 0) {
        fprintf(cli->err, "mf metrics: %s\n", err.msg);
        return MF_EXIT_FAILURE;
    }
    f->path = path;
    char *fld[MAX_COLS + 2];
    int rc = MF_EXIT_FAILURE, ncols = 0, col = -1;
    int got;
    while ((got = mf_lines_next(&in, &err)) > 0) {
        char *line = in.line;
        long lineno = in.lineno;
        if (in.len == 0)
            continue;
        int nf = mf_csv_split(line, fld, MAX_COLS + 1);
        if (ncols == 0) {
            if (nf < 2 || nf > MAX_COLS + 1 || strcmp(fld[0], "date") != 0) {
                fprintf(cli->err,
                        "mf metrics: %s:%ld: expected the header 'date,NAME,...' (a date "
                        "column, then 1 to %d return columns)\n",
                        path, lineno, MAX_COLS);
                goto out;
            }
            ncols = nf;
            if ((col = pick_column(cli, path, fld, nf, want, option)) < 0)
                goto out;
            snprintf(f->column, sizeof f->column, "%s", fld[col]);
            continue;
        }
        if (nf != ncols) {
            fprintf(cli->err, "mf metrics: %s:%ld: expected %d fields like the header, got %d\n",
                    path, lineno, ncols, nf < 0 ? 0 : nf);
            goto out;
        }
        mf_date d;
        if (mf_date_parse_iso(fld[0], &d, &err) != 0) {
            fprintf(cli->err, "mf metrics: %s:%ld: column 'date': %s\n", path, lineno, err.msg);
            goto out;
        }
        if (f->n > 0 && d <= f->dates[f->n - 1]) {
            char a[MF_DATE_ISO_SIZE];
            fprintf(cli->err,
                    "mf metrics: %s:%ld: date %s is not after the previous row's %s (dates must "
                    "strictly increase)\n",
                    path, lineno, fld[0], mf_date_format_iso(f->dates[f->n - 1], a));
            goto out;
        }
        const char *s = fld[col];
        double v = NAN;
        if (*s != '\0') {
            if (mf_parse_decimal(s, strlen(s), &v, &err) != 0) {
                fprintf(cli->err, "mf metrics: %s:%ld: column '%s': invalid number '%.40s'\n", path,
                        lineno, f->column, s);
                goto out;
            }
            if (v < -1.0) {
                fprintf(cli->err,
                        "mf metrics: %s:%ld: column '%s': return %s is below -1 (simple returns "
                        "are decimals: -0.05 is -5%%)\n",
                        path, lineno, f->column, s);
                goto out;
            }
        } else {
            f->missing++;
        }
        if (f->n == f->cap) {
            if (f->cap >= MF_SERIES_MAX_LEN) {
                fprintf(cli->err, "mf metrics: %s:%ld: more than %zu rows\n", path, lineno,
                        MF_SERIES_MAX_LEN);
                goto out;
            }
            f->cap = f->cap ? 2 * f->cap : 256;
            f->dates = mf_reallocarray(f->dates, f->cap, sizeof *f->dates);
            f->values = mf_reallocarray(f->values, f->cap, sizeof *f->values);
        }
        f->dates[f->n] = d;
        f->values[f->n++] = v;
    }
    if (got < 0) {
        fprintf(cli->err, "mf metrics: %s\n", err.msg);
        goto out;
    }
    if (ncols == 0) {
        fprintf(cli->err, "mf metrics: %s: empty file (expected the header 'date,NAME,...')\n",
                path);
        goto out;
    }
    rc = MF_EXIT_OK;
out:
    mf_lines_close(&in);
    return rc;
}

/* ---- output ---------------------------------------------------------------------------- */

typedef struct emitter {
    FILE *f;
    bool json;
    int count;
} emitter;

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void key(emitter *e, const char *name)
{
    if (e->json) {
        fputs(e->count++ ? "," : "{", e->f);
        json_string(e->f, name);
        fputc(':', e->f);
    } else {
        fprintf(e->f, "%s ", name);
    }
}

static void emit_str(emitter *e, const char *name, const char *v)
{
    key(e, name);
    if (v == NULL)
        fputs(e->json ? "null" : "none", e->f);
    else if (e->json)
        json_string(e->f, v);
    else
        fputs(v, e->f);
    if (!e->json)
        fputc('\n', e->f);
}

static void emit_num(emitter *e, const char *name, double x)
{
    char buf[MF_DOUBLE_TEXT_SIZE];
    key(e, name);
    fputs(isnan(x) && e->json ? "null" : mf_format_double(x, buf), e->f);
    if (!e->json)
        fputc('\n', e->f);
}

static void emit_size(emitter *e, const char *name, size_t n)
{
    key(e, name);
    fprintf(e->f, "%zu", n);
    if (!e->json)
        fputc('\n', e->f);
}

/* A drawdown date: the row's date, "start" for the inception, none / null. */
static void emit_index(emitter *e, const char *name, const ret_file *f, size_t i, bool is_peak,
                       bool any)
{
    char d[MF_DATE_ISO_SIZE];
    if (i != MF_PERF_NONE)
        emit_str(e, name, mf_date_format_iso(f->dates[i], d));
    else
        emit_str(e, name, is_peak && any ? "start" : NULL);
}

static void emit_levels(emitter *e, const mf_perf *p)
{
    for (size_t i = 0; i < p->nlevels; i++) {
        char lvl[MF_DOUBLE_TEXT_SIZE], name[96];
        mf_format_double(p->var_hist[i].level * 100.0, lvl);
        const struct {
            const char *what;
            double v;
        } rows[6] = {{"var_hist", p->var_hist[i].var},     {"cvar_hist", p->var_hist[i].cvar},
                     {"var_normal", p->var_normal[i].var}, {"cvar_normal", p->var_normal[i].cvar},
                     {"var_cf", p->var_cf[i].var},         {"cvar_cf", p->var_cf[i].cvar}};
        for (size_t r = 0; r < 6; r++) {
            snprintf(name, sizeof name, "%s_%s", rows[r].what, lvl);
            emit_num(e, name, rows[r].v);
        }
    }
}

/* ---- the command ----------------------------------------------------------------------- */

static int parse_number(mf_cli *cli, const char *opt, const char *text, double *out)
{
    if (mf_parse_decimal(text, strlen(text), out, NULL) != 0 || !isfinite(*out))
        return mf_cli_usage_error(cli, "%s: invalid number '%s'", opt, text);
    return 0;
}

int mf_cli_metrics(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'},
        {"column", required_argument, NULL, 'c'},
        {"benchmark", required_argument, NULL, 'b'},
        {"benchmark-column", required_argument, NULL, 'B'},
        {"level", required_argument, NULL, 'l'},
        {"rf", required_argument, NULL, 'r'},
        {"periods-per-year", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *input = NULL, *column = NULL, *bench = NULL, *bench_column = NULL;
    double levels[MF_PERF_MAX_LEVELS] = {0.95, 0.99};
    size_t nlevels = 0;
    mf_perf_opts opts = MF_PERF_OPTS_DEFAULT;
    bool json = false;
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'i': input = optarg; break;
        case 'c': column = optarg; break;
        case 'b': bench = optarg; break;
        case 'B': bench_column = optarg; break;
        case 'l':
            if (nlevels == MF_PERF_MAX_LEVELS)
                return mf_cli_usage_error(cli, "--level: at most %d levels", MF_PERF_MAX_LEVELS);
            if (parse_number(cli, "--level", optarg, &levels[nlevels]) != 0)
                return MF_EXIT_USAGE;
            if (!(levels[nlevels] > 0.0 && levels[nlevels] < 1.0))
                return mf_cli_usage_error(cli,
                                          "--level %s: expected a confidence in (0, 1), "
                                          "e.g. 0.95",
                                          optarg);
            for (size_t i = 0; i < nlevels; i++)
                if (levels[i] == levels[nlevels])
                    return mf_cli_usage_error(cli, "--level %s given twice", optarg);
            nlevels++;
            break;
        case 'r':
            if (parse_number(cli, "--rf", optarg, &opts.rf_annual) != 0)
                return MF_EXIT_USAGE;
            if (!(opts.rf_annual > -1.0))
                return mf_cli_usage_error(cli, "--rf %s: expected a decimal rate above -1", optarg);
            break;
        case 'p':
            if (parse_number(cli, "--periods-per-year", optarg, &opts.periods_per_year) != 0)
                return MF_EXIT_USAGE;
            if (!(opts.periods_per_year > 0.0))
                return mf_cli_usage_error(cli,
                                          "--periods-per-year %s: expected a positive "
                                          "number",
                                          optarg);
            break;
        case 'j': json = true; break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (input == NULL)
        return mf_cli_usage_error(cli, "metrics needs --input FILE");
    if (bench_column != NULL && bench == NULL)
        return mf_cli_usage_error(cli, "--benchmark-column needs --benchmark FILE");
    if (nlevels == 0)
        nlevels = 2;

    ret_file rf = {0}, bf = {0};
    double *work = NULL, *aligned = NULL;
    mf_error err;
    int rc = read_returns(cli, input, column, "--column", &rf);
    if (rc == 0 && bench != NULL)
        rc = read_returns(cli, bench, bench_column, "--benchmark-column", &bf);
    if (rc != 0)
        goto out;

    mf_perf p;
    work = mf_malloc((rf.n ? rf.n : 1) * sizeof *work);
    if (mf_perf_compute(rf.values, rf.n, &opts, levels, nlevels, work, &p, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    if (p.count == 0) {
        fprintf(cli->err, "mf metrics: %s: no returns in column '%s'\n", input, rf.column);
        rc = MF_EXIT_FAILURE;
        goto out;
    }
    mf_perf_bench pb = {0};
    size_t unmatched = 0;
    if (bench != NULL) {
        /* the benchmark on the portfolio's dates: NaN where it has no row or no value */
        aligned = mf_malloc(rf.n * sizeof *aligned);
        for (size_t i = 0, j = 0; i < rf.n; i++) {
            while (j < bf.n && bf.dates[j] < rf.dates[i])
                j++;
            aligned[i] = j < bf.n && bf.dates[j] == rf.dates[i] ? bf.values[j] : NAN;
            if (!isnan(rf.values[i]) && isnan(aligned[i]))
                unmatched++;
        }
        if (mf_perf_vs_benchmark(rf.values, aligned, rf.n, &opts, &pb, &err) != 0) {
            rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
            goto out;
        }
        if (pb.count < 2) {
            char a[MF_DATE_ISO_SIZE], b[MF_DATE_ISO_SIZE], x[MF_DATE_ISO_SIZE], y[MF_DATE_ISO_SIZE];
            fprintf(cli->err,
                    "mf metrics: %zu date%s with both a return in %s (%s..%s) and one in %s "
                    "(%s..%s): need at least 2 to compare\n",
                    pb.count, pb.count == 1 ? "" : "s", input, mf_date_format_iso(rf.dates[0], a),
                    mf_date_format_iso(rf.dates[rf.n - 1], b), bench,
                    bf.n ? mf_date_format_iso(bf.dates[0], x) : "none",
                    bf.n ? mf_date_format_iso(bf.dates[bf.n - 1], y) : "none");
            rc = MF_EXIT_FAILURE;
            goto out;
        }
    }

    emitter e = {cli->out, json, 0};
    char d[MF_DATE_ISO_SIZE];
    const mf_perf_drawdown *dd = &p.drawdown;
    bool any_dd = dd->max_drawdown > 0.0;
    emit_str(&e, "input", input);
    emit_str(&e, "column", rf.column);
    emit_str(&e, "first_date", mf_date_format_iso(rf.dates[0], d));
    emit_str(&e, "last_date", mf_date_format_iso(rf.dates[rf.n - 1], d));
    emit_size(&e, "count", p.count);
    emit_size(&e, "missing", rf.missing);
    emit_num(&e, "periods_per_year", opts.periods_per_year);
    emit_num(&e, "rf_annual", opts.rf_annual);
    emit_num(&e, "total_return", p.total_return);
    emit_num(&e, "cagr", p.cagr);
    emit_num(&e, "mean_return_ann", p.mean_ann);
    emit_num(&e, "vol_ann", p.vol_ann);
    emit_num(&e, "sharpe", p.sharpe);
    emit_num(&e, "sortino", p.sortino);
    emit_num(&e, "max_drawdown", dd->max_drawdown);
    emit_index(&e, "max_drawdown_peak", &rf, dd->peak, true, any_dd);
    emit_index(&e, "max_drawdown_trough", &rf, dd->trough, false, any_dd);
    emit_index(&e, "max_drawdown_recovery", &rf, dd->recovery, false, any_dd);
    emit_size(&e, "max_drawdown_duration", dd->duration);
    emit_size(&e, "longest_drawdown_duration", dd->longest_duration);
    emit_size(&e, "current_drawdown_duration", dd->current_duration);
    emit_num(&e, "calmar", p.calmar);
    emit_num(&e, "hit_rate", p.hit_rate);
    emit_num(&e, "profit_factor", p.profit_factor);
    emit_num(&e, "tail_ratio", p.tail_ratio);
    emit_num(&e, "skew", p.skew);
    emit_num(&e, "excess_kurtosis", p.kurt);
    emit_num(&e, "best", p.best);
    emit_num(&e, "worst", p.worst);
    emit_levels(&e, &p);
    if (bench != NULL) {
        emit_str(&e, "benchmark", bench);
        emit_str(&e, "benchmark_column", bf.column);
        emit_size(&e, "benchmark_count", pb.count);
        emit_size(&e, "benchmark_unmatched", unmatched);
        emit_num(&e, "beta", pb.beta);
        emit_num(&e, "alpha_ann", pb.alpha_ann);
        emit_num(&e, "correlation", pb.correlation);
        emit_num(&e, "tracking_error", pb.tracking_error);
        emit_num(&e, "information_ratio", pb.information_ratio);
        emit_num(&e, "excess_return_ann", pb.excess_return_ann);
    }
    if (json)
        fputs("}\n", cli->out);
    rc = MF_EXIT_OK;
out:
    mf_free(aligned);
    mf_free(work);
    ret_file_release(&bf);
    ret_file_release(&rf);
    return rc;
}
