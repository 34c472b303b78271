/*
 * cmd_curve_ust.c - `mf curve build ust` and `mf curve build tips`: US Treasury zero curves
 * from the Treasury's daily par yield curve CSV (nominal, optionally with a Nelson-Siegel-
 * Svensson fit) and from its daily par real yield curve CSV (TIPS, optionally with the
 * breakevens against a nominal file), one curve per date.
 *
 *   mf curve build ust --input FILE [--output FILE] [--fit nss] [--store [--code C]]
 *   mf curve build tips --input FILE [--nominal FILE] [--output FILE]
 *                       [--store [--code C] [--breakeven-code C]]
 *
 * With --store the curves are also stored by vertex (the bootstrap's nodes, tenor_bd on the
 * us-gov calendar), every date of the file in one transaction (curve_file_store_* in
 * cmd_curve_store.c): UST_ZERO, UST_TIPS_REAL and with --nominal UST_BREAKEVEN, all act/365f
 * continuous.
 *
 * Exports curve_run_build_ust() and curve_run_build_tips() (cmd_curve_int.h).
 */
#include <errno.h>
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "analytics/curve_ust.h"
#include "analytics/nss.h"
#include "cli/cli.h"
#include "cli/cmd_curve_int.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/lines.h"
#include "core/numfmt.h"

static const char usage_ust[] =
    "usage: mf curve build ust --input FILE [--output FILE] [--fit nss]\n"
    "                          [--allow-negative-forwards] [--store [--code C]]\n"
    "\n"
    "Bootstraps the US Treasury zero curve of every date in FILE, the Treasury's \"Daily\n"
    "Treasury Par Yield Curve Rates\" CSV: a header Date,\"1 Mo\",...,\"30 Yr\" (columns in any\n"
    "order, any subset), dates MM/DD/YYYY (any order), par yields in percent, a blank cell a\n"
    "missing tenor. Tenors up to 6 Mo are single payments at simple interest, 1 Yr a single\n"
    "payment at the Treasury's bill investment rate, 2 Yr and longer par bonds with\n"
    "semiannual coupons; t is ACT/365F from the date; flat-forward between nodes\n"
    "(docs/curves-us.md). Writes, by increasing date, per quoted tenor:\n"
    "date,tenor,maturity,t_years,par_yield_pct,zero_cc_pct,zero_sa_pct,discount_factor\n"
    "(zero rates continuous and semiannual in % to 10 decimals, discount factors to 15).\n"
    "Each curve's discount factors must fall with maturity (every forward rate positive):\n"
    "a curve whose quotes imply otherwise is an error naming the two tenors, unless\n"
    "--allow-negative-forwards, which builds it as quoted with a note (the Treasury's own\n"
    "curves do this on a few zero-bound days: 1-2 month bills quoted a basis point apart).\n"
    "With --fit nss, also a Nelson-Siegel-Svensson fit to the continuous zero rates of each\n"
    "date: nss_zero_cc_pct,nss_error_bp (fitted minus bootstrapped) and the date's\n"
    "nss_b0_pct..nss_b3_pct,nss_tau1_years,nss_tau2_years,nss_rmse_bp,nss_max_abs_bp,\n"
    "nss_iterations,nss_converged. A row with every tenor blank is skipped with a note.\n"
    "Output (FILE, or stdout without --output) appears only when every curve built.\n"
    "With --store (and the global --db) every curve is also stored by vertex as --code C\n"
    "(default UST_ZERO): one vertex per quoted tenor at its maturity (tenor_bd on the us-gov\n"
    "calendar, tenor_cd calendar days), the bootstrapped discount factor, zero rate in % a\n"
    "year continuous (act/365f, continuous, source file_ust_par). Every date of FILE is\n"
    "stored in one transaction: if any curve fails nothing is stored. With --store and\n"
    "without --output no CSV is printed, only one line saying what was stored.\n";

static const char usage_tips[] =
    "usage: mf curve build tips --input FILE [--nominal FILE] [--output FILE]\n"
    "\n"
    "Bootstraps the TIPS real zero curve of every date in FILE, the Treasury's \"Daily\n"
    "Treasury Par Real Yield Curve Rates\" CSV (Date,\"5 YR\",\"7 YR\",\"10 YR\",\"20 YR\",\n"
    "\"30 YR\"; real par yields in percent), each tenor a par bond with semiannual coupons\n"
    "(docs/curves-us.md). Writes date,tenor,maturity,t_years,real_par_yield_pct,\n"
    "real_zero_cc_pct,real_zero_sa_pct,discount_factor. With --nominal NFILE (a nominal par\n"
    "yield CSV as for `mf curve build ust`, holding every date of FILE) also the nominal zero\n"
    "rate to the same maturity and the breakeven inflation rate:\n"
    "nominal_zero_sa_pct,breakeven_sa_pct = 200 ((1 + n/2) / (1 + r/2) - 1) and\n"
    "breakeven_cc_pct = nominal minus real continuous zero rate (the same rate, continuous).\n"
    "Output (FILE, or stdout without --output) appears only when every curve built.\n"
    "With --store (and the global --db) every real curve is also stored by vertex as --code C\n"
    "(default UST_TIPS_REAL; act/365f, continuous, source file_tips_par; tenor_bd on the\n"
    "us-gov calendar), one vertex per quoted tenor; with --nominal also the breakeven as\n"
    "--breakeven-code C (default UST_BREAKEVEN; act/365f, continuous, source\n"
    "file_tips_nominal) at the same vertices: breakeven_cc, discount factor\n"
    "exp(-breakeven_cc t). Every date of FILE is stored in one transaction: if any curve\n"
    "fails nothing is stored. With --store and without --output no CSV is printed, only one\n"
    "line per stored code.\n";

#define MAX_COLS    MF_UST_CURVE_MAX_QUOTES
#define MAX_ROWS    200000 /* 800 years of business days */
#define MAX_LINE    4096
#define RATE_DEC    10
#define DF_DEC      15
#define T_DEC       10
#define BP_DEC      6
#define PCT_PER_ONE 100.0

/* One dated row of a Treasury file. */
typedef struct ust_row {
    mf_date date;
    long line;
    double yield_pct[MAX_COLS]; /* NaN = blank */
} ust_row;

/* A Treasury file in memory, rows by increasing date. */
typedef struct ust_table {
    const char *path;
    size_t ncols;
    mf_ust_tenor tenors[MAX_COLS];
    char labels[MAX_COLS][MF_UST_TENOR_LABEL_SIZE];
    size_t nrows, cap;
    ust_row *rows;
} ust_table;

static void table_release(ust_table *t)
{
    mf_free(t->rows);
    t->rows = NULL;
    t->nrows = t->cap = 0;
}

/* MM/DD/YYYY, the Treasury's date. */
static bool parse_us_date(const char *s, mf_date *out)
{
    int v[3] = {0, 0, 0};
    const int width[3] = {2, 2, 4};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < width[k]; i++, s++) {
            if (*s < '0' || *s > '9')
                return false;
            v[k] = v[k] * 10 + (*s - '0');
        }
        if (*s != (k < 2 ? '/' : '\0'))
            return false;
        s++;
    }
    return mf_date_from_ymd(v[2], v[0], v[1], out, NULL) == 0;
}

static int row_cmp(const void *a, const void *b)
{
    const ust_row *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

/* Reads path into t. Prints the error (file:line, column) and returns MF_EXIT_FAILURE. */
static int read_table(mf_cli *cli, const char *path, ust_table *t)
{
    mf_lines in;
    mf_error err;
    if (mf_lines_open(&in, path, MAX_LINE, &err) != 0) {
        fprintf(cli->err, "mf curve: %s\n", err.msg);
        return MF_EXIT_FAILURE;
    }
    t->path = path;
    int rc = MF_EXIT_FAILURE;
    char *f[MAX_COLS + 2] = {NULL};
    int got;
    while ((got = mf_lines_next(&in, &err)) > 0) {
        char *line = in.line;
        long lineno = in.lineno;
        if (in.len == 0)
            continue;
        int n = mf_csv_split(line, f, MAX_COLS + 1);
        if (lineno == 1) {
            if (n < 2 || n > MAX_COLS + 1 || strcmp(f[0], "Date") != 0) {
                fprintf(cli->err,
                        "mf curve: %s:1: expected the header Date,\"1 Mo\",... (Date then at "
                        "most %d tenors)\n",
                        path, MAX_COLS);
                goto out;
            }
            t->ncols = (size_t)(n - 1);
            for (int i = 1; i < n; i++) {
                if (mf_ust_tenor_parse(f[i], strlen(f[i]), &t->tenors[i - 1], &err) != 0) {
                    fprintf(cli->err, "mf curve: %s:1: column %d: %s\n", path, i + 1, err.msg);
                    goto out;
                }
                mf_ust_tenor_format(t->tenors[i - 1], t->labels[i - 1]);
                for (int j = 1; j < i; j++)
                    if (memcmp(&t->tenors[j - 1], &t->tenors[i - 1], sizeof t->tenors[0]) == 0) {
                        fprintf(cli->err, "mf curve: %s:1: column %d: tenor '%s' given twice\n",
                                path, i + 1, t->labels[i - 1]);
                        goto out;
                    }
            }
            continue;
        }
        if (n != (int)t->ncols + 1) {
            fprintf(cli->err, "mf curve: %s:%ld: expected %zu fields like the header, got %d\n",
                    path, lineno, t->ncols + 1, n < 0 ? 0 : n);
            goto out;
        }
        if (t->nrows == t->cap) {
            if (t->cap == MAX_ROWS) {
                fprintf(cli->err, "mf curve: %s:%ld: more than %d dates\n", path, lineno, MAX_ROWS);
                goto out;
            }
            t->cap = t->cap ? 2 * t->cap : 256;
            if (t->cap > MAX_ROWS)
                t->cap = MAX_ROWS;
            t->rows = mf_reallocarray(t->rows, t->cap, sizeof *t->rows);
        }
        ust_row *r = &t->rows[t->nrows];
        r->line = lineno;
        if (!parse_us_date(f[0], &r->date)) {
            fprintf(cli->err,
                    "mf curve: %s:%ld: column 'Date': invalid date '%.40s' (expected "
                    "MM/DD/YYYY)\n",
                    path, lineno, f[0]);
            goto out;
        }
        for (size_t i = 0; i < t->ncols; i++) {
            const char *s = f[i + 1] ? f[i + 1] : ""; /* set: n == ncols + 1 */
            r->yield_pct[i] = NAN;
            if (*s != '\0' && mf_parse_decimal(s, strlen(s), &r->yield_pct[i], &err) != 0) {
                fprintf(cli->err, "mf curve: %s:%ld: column '%s': invalid number '%.40s'\n", path,
                        lineno, t->labels[i], s);
                goto out;
            }
        }
        t->nrows++;
    }
    if (got < 0) {
        fprintf(cli->err, "mf curve: %s\n", err.msg);
        goto out;
    }
    if (in.lineno == 0) {
        fprintf(cli->err, "mf curve: %s: empty file\n", path);
        goto out;
    }
    if (t->nrows > 1)
        qsort(t->rows, t->nrows, sizeof *t->rows, row_cmp);
    for (size_t i = 1; i < t->nrows; i++)
        if (t->rows[i].date == t->rows[i - 1].date) {
            char day[MF_DATE_ISO_SIZE];
            long a = t->rows[i - 1].line, b = t->rows[i].line;
            fprintf(cli->err, "mf curve: %s:%ld: date %s also on line %ld\n", path, a > b ? a : b,
                    mf_date_format_iso(t->rows[i].date, day), a > b ? b : a);
            goto out;
        }
    rc = MF_EXIT_OK;
out:
    mf_lines_close(&in);
    return rc;
}

/* The quotes of row r; returns how many are not blank. */
static size_t row_quotes(const ust_table *t, const ust_row *r, mf_ust_par_quote *q)
{
    size_t given = 0;
    for (size_t i = 0; i < t->ncols; i++) {
        q[i] = (mf_ust_par_quote){t->tenors[i], r->yield_pct[i]};
        given += isnan(r->yield_pct[i]) ? 0u : 1u;
    }
    return given;
}

/* Builds row r's curve; prints "file:line: curve of DATE: ..." on failure. */
static int build_row(mf_cli *cli, const ust_table *t, const ust_row *r, mf_curve *curve,
                     mf_ust_zero_node *nodes, size_t *nn)
{
    mf_ust_par_quote q[MAX_COLS];
    char day[MF_DATE_ISO_SIZE];
    mf_error err;
    row_quotes(t, r, q);
    if (mf_ust_zero_bootstrap(r->date, q, t->ncols, curve, nodes, nn, &err) != 0) {
        fprintf(cli->err, "mf curve: %s:%ld: curve of %s: %s\n", t->path, r->line,
                mf_date_format_iso(r->date, day), err.msg);
        return MF_EXIT_FAILURE;
    }
    return MF_EXIT_OK;
}

/* "date,tenor,maturity,t_years,yield,zero_cc,zero_sa,df" of one node, without a newline. */
static void write_node(FILE *out, mf_date date, const mf_ust_zero_node *n)
{
    char day[MF_DATE_ISO_SIZE], mat[MF_DATE_ISO_SIZE], label[MF_UST_TENOR_LABEL_SIZE];
    char a[MF_DOUBLE_TEXT_SIZE], b[MF_DOUBLE_TEXT_SIZE], c[MF_DOUBLE_TEXT_SIZE],
        d[MF_DOUBLE_TEXT_SIZE], e[MF_DOUBLE_TEXT_SIZE];
    fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%s", mf_date_format_iso(date, day),
            mf_ust_tenor_format(n->tenor, label), mf_date_format_iso(n->maturity, mat),
            mf_format_fixed(n->t_years, T_DEC, a), mf_format_double(n->yield_pct, b),
            mf_format_fixed(n->zero_cc * PCT_PER_ONE, RATE_DEC, c),
            mf_format_fixed(n->zero_sa * PCT_PER_ONE, RATE_DEC, d),
            mf_format_fixed(n->df, DF_DEC, e));
}

static void write_fit(FILE *out, const mf_ust_zero_node *n, const mf_nss_fit_result *fit)
{
    const mf_nss_params *p = &fit->params;
    double y = mf_nss_zero(p, n->t_years);
    char v[12][MF_DOUBLE_TEXT_SIZE];
    fprintf(out, ",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%zu,%d",
            mf_format_fixed(y * PCT_PER_ONE, RATE_DEC, v[0]),
            mf_format_fixed((y - n->zero_cc) * 1e4, BP_DEC, v[1]),
            mf_format_fixed(p->beta0 * PCT_PER_ONE, RATE_DEC, v[2]),
            mf_format_fixed(p->beta1 * PCT_PER_ONE, RATE_DEC, v[3]),
            mf_format_fixed(p->beta2 * PCT_PER_ONE, RATE_DEC, v[4]),
            mf_format_fixed(p->beta3 * PCT_PER_ONE, RATE_DEC, v[5]),
            mf_format_fixed(p->tau1, RATE_DEC, v[6]), mf_format_fixed(p->tau2, RATE_DEC, v[7]),
            mf_format_fixed(fit->rmse_bp, BP_DEC, v[8]),
            mf_format_fixed(fit->max_abs_bp, BP_DEC, v[9]), fit->iterations, fit->converged);
}

/* Notes a row without any yield (10/11/2010 in the Treasury's history) and says to skip it. */
static bool skip_empty(mf_cli *cli, const ust_table *t, const ust_row *r)
{
    mf_ust_par_quote q[MAX_COLS];
    if (row_quotes(t, r, q) > 0)
        return false;
    char day[MF_DATE_ISO_SIZE];
    fprintf(cli->err, "mf curve: %s:%ld: note: %s has no yields; skipped\n", t->path, r->line,
            mf_date_format_iso(r->date, day));
    return true;
}

/* Stores slot's curve of date from the bootstrap's nodes; with be, the breakevens (discount
   factor exp(-breakeven_cc t)) instead of the nodes' discount factors. */
static int store_nodes(mf_cli *cli, curve_file_store *fs, size_t slot, const mf_calendar *cal,
                       mf_date date, const mf_ust_zero_node *nodes, const mf_ust_breakeven *be,
                       size_t n, const char *path)
{
    if (!fs->on)
        return MF_EXIT_OK;
    curve_file_store_reserve(fs, n);
    for (size_t k = 0; k < n; k++) {
        fs->mat[k] = nodes[k].maturity;
        fs->df[k] = be ? exp(-be[k].breakeven_cc * nodes[k].t_years) : nodes[k].df;
    }
    return curve_file_store_put(cli, fs, slot, cal, date, fs->mat, fs->df, n, path);
}

/* Opens the store of fs and its calendar (us-gov) when --store. */
static int store_begin(mf_cli *cli, curve_file_store *fs, mf_calendar **cal)
{
    if (!fs->on)
        return MF_EXIT_OK;
    mf_error err;
    if (mf_calendar_new("us-gov", cal, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    return curve_file_store_open(cli, fs);
}

/* The arbitrage check of row r's nominal curve: an error, or with allow a note. */
static int check_forwards(mf_cli *cli, const ust_table *t, const ust_row *r,
                          const mf_ust_zero_node *nodes, size_t nn, bool allow)
{
    mf_error err;
    if (mf_ust_check_forwards(r->date, nodes, nn, &err) == 0)
        return MF_EXIT_OK;
    if (allow) {
        fprintf(cli->err, "mf curve: %s:%ld: note: %s; built as quoted\n", t->path, r->line,
                err.msg);
        return MF_EXIT_OK;
    }
    fprintf(cli->err,
            "mf curve: %s:%ld: %s (--allow-negative-forwards builds such curves as quoted)\n",
            t->path, r->line, err.msg);
    return MF_EXIT_FAILURE;
}

static int build_ust(mf_cli *cli, const char *in_path, const char *out_path, bool fit_nss,
                     bool allow_negative_forwards, curve_file_store *fs)
{
    ust_table t = {0};
    mf_calendar *cal = NULL;
    int rc = read_table(cli, in_path, &t);
    if (rc == MF_EXIT_OK)
        rc = store_begin(cli, fs, &cal);
    if (rc != MF_EXIT_OK) {
        table_release(&t);
        mf_calendar_free(cal);
        return curve_file_store_close(cli, fs, rc, false);
    }
    mf_cli_output o = {0};
    if (mf_cli_output_open(cli, &o, out_path) != MF_EXIT_OK) {
        table_release(&t);
        mf_calendar_free(cal);
        return curve_file_store_close(cli, fs, MF_EXIT_FAILURE, false);
    }
    FILE *out = o.f;
    mf_curve *curve = mf_curve_new();
    mf_ust_zero_node nodes[MAX_COLS];
    fputs("date,tenor,maturity,t_years,par_yield_pct,zero_cc_pct,zero_sa_pct,discount_factor", out);
    if (fit_nss)
        fputs(",nss_zero_cc_pct,nss_error_bp,nss_b0_pct,nss_b1_pct,nss_b2_pct,nss_b3_pct,"
              "nss_tau1_years,nss_tau2_years,nss_rmse_bp,nss_max_abs_bp,nss_iterations,"
              "nss_converged",
              out);
    fputc('\n', out);
    for (size_t i = 0; i < t.nrows && rc == MF_EXIT_OK; i++) {
        const ust_row *r = &t.rows[i];
        size_t nn = 0;
        if (skip_empty(cli, &t, r))
            continue;
        if ((rc = build_row(cli, &t, r, curve, nodes, &nn)) != MF_EXIT_OK ||
            (rc = check_forwards(cli, &t, r, nodes, nn, allow_negative_forwards)) != MF_EXIT_OK)
            break;
        mf_nss_fit_result fit = {0};
        if (fit_nss) {
            double tt[MAX_COLS], z[MAX_COLS];
            for (size_t k = 0; k < nn; k++) {
                tt[k] = nodes[k].t_years;
                z[k] = nodes[k].zero_cc;
            }
            mf_error err;
            if (mf_nss_fit(tt, z, nn, &fit, &err) != 0) {
                char day[MF_DATE_ISO_SIZE];
                fprintf(cli->err, "mf curve: %s:%ld: Nelson-Siegel-Svensson fit of %s: %s\n",
                        in_path, r->line, mf_date_format_iso(r->date, day), err.msg);
                rc = MF_EXIT_FAILURE;
                break;
            }
        }
        for (size_t k = 0; k < nn; k++) {
            write_node(out, r->date, &nodes[k]);
            if (fit_nss)
                write_fit(out, &nodes[k], &fit);
            fputc('\n', out);
        }
        rc = store_nodes(cli, fs, 0, cal, r->date, nodes, NULL, nn, in_path);
    }
    mf_curve_free(curve);
    table_release(&t);
    mf_calendar_free(cal);
    if (fs->on && out_path == NULL) { /* --store without --output: no CSV */
        fclose(o.f);
        o.f = NULL;
    }
    rc = mf_cli_output_close(cli, &o, rc);
    return curve_file_store_close(cli, fs, rc, true);
}

/* The row of nominal with date d, or NULL (rows sorted by date). */
static const ust_row *find_row(const ust_table *nominal, mf_date d)
{
    size_t lo = 0, hi = nominal->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nominal->rows[mid].date < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nominal->nrows && nominal->rows[lo].date == d ? &nominal->rows[lo] : NULL;
}

static int build_tips(mf_cli *cli, const char *in_path, const char *nominal_path,
                      const char *out_path, curve_file_store *fs)
{
    ust_table t = {0}, nom = {0};
    mf_calendar *cal = NULL;
    int rc = read_table(cli, in_path, &t);
    if (rc == MF_EXIT_OK && nominal_path)
        rc = read_table(cli, nominal_path, &nom);
    if (rc == MF_EXIT_OK)
        rc = store_begin(cli, fs, &cal);
    if (rc != MF_EXIT_OK) {
        table_release(&t);
        table_release(&nom);
        mf_calendar_free(cal);
        return curve_file_store_close(cli, fs, rc, false);
    }
    mf_cli_output o = {0};
    if (mf_cli_output_open(cli, &o, out_path) != MF_EXIT_OK) {
        table_release(&t);
        table_release(&nom);
        mf_calendar_free(cal);
        return curve_file_store_close(cli, fs, MF_EXIT_FAILURE, false);
    }
    FILE *out = o.f;
    mf_curve *real = mf_curve_new(), *nominal = mf_curve_new();
    mf_ust_zero_node nodes[MAX_COLS], nom_nodes[MAX_COLS];
    mf_ust_breakeven be[MAX_COLS];
    fputs("date,tenor,maturity,t_years,real_par_yield_pct,real_zero_cc_pct,real_zero_sa_pct,"
          "discount_factor",
          out);
    if (nominal_path)
        fputs(",nominal_zero_sa_pct,breakeven_sa_pct,breakeven_cc_pct", out);
    fputc('\n', out);
    for (size_t i = 0; i < t.nrows && rc == MF_EXIT_OK; i++) {
        const ust_row *r = &t.rows[i];
        size_t nn = 0, nom_n = 0;
        if (skip_empty(cli, &t, r))
            continue;
        if ((rc = build_row(cli, &t, r, real, nodes, &nn)) != MF_EXIT_OK)
            break;
        if (nominal_path) {
            const ust_row *nr = find_row(&nom, r->date);
            char day[MF_DATE_ISO_SIZE];
            if (nr == NULL || skip_empty(cli, &nom, nr)) {
                fprintf(cli->err, "mf curve: %s:%ld: no nominal curve for %s in '%s'\n", in_path,
                        r->line, mf_date_format_iso(r->date, day), nominal_path);
                rc = MF_EXIT_FAILURE;
                break;
            }
            if ((rc = build_row(cli, &nom, nr, nominal, nom_nodes, &nom_n)) != MF_EXIT_OK)
                break;
            mf_ust_breakevens(nominal, nodes, nn, be);
        }
        for (size_t k = 0; k < nn; k++) {
            write_node(out, r->date, &nodes[k]);
            if (nominal_path) {
                char a[MF_DOUBLE_TEXT_SIZE], b[MF_DOUBLE_TEXT_SIZE], c[MF_DOUBLE_TEXT_SIZE];
                fprintf(out, ",%s,%s,%s",
                        mf_format_fixed(be[k].nominal_zero_sa * PCT_PER_ONE, RATE_DEC, a),
                        mf_format_fixed(be[k].breakeven_sa * PCT_PER_ONE, RATE_DEC, b),
                        mf_format_fixed(be[k].breakeven_cc * PCT_PER_ONE, RATE_DEC, c));
            }
            fputc('\n', out);
        }
        rc = store_nodes(cli, fs, 0, cal, r->date, nodes, NULL, nn, in_path);
        if (rc == MF_EXIT_OK && nominal_path)
            rc = store_nodes(cli, fs, 1, cal, r->date, nodes, be, nn, in_path);
    }
    mf_curve_free(real);
    mf_curve_free(nominal);
    table_release(&t);
    table_release(&nom);
    mf_calendar_free(cal);
    if (fs->on && out_path == NULL) { /* --store without --output: no CSV */
        fclose(o.f);
        o.f = NULL;
    }
    rc = mf_cli_output_close(cli, &o, rc);
    return curve_file_store_close(cli, fs, rc, true);
}

int curve_run_build_ust(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'},
        {"output", required_argument, NULL, 'o'},
        {"fit", required_argument, NULL, 'f'},
        {"allow-negative-forwards", no_argument, NULL, 'a'},
        {"store", no_argument, NULL, 's'},
        {"code", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *input = NULL, *output = NULL, *fit = NULL, *code = NULL;
    bool allow_negative_forwards = false;
    curve_file_store fs = {0};
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'i': input = optarg; break;
        case 'o': output = optarg; break;
        case 'f': fit = optarg; break;
        case 'a': allow_negative_forwards = true; break;
        case 's': fs.on = true; break;
        case 'c': code = optarg; break;
        case 'h': fputs(usage_ust, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (input == NULL)
        return mf_cli_usage_error(cli, "missing --input FILE");
    if (fit != NULL && strcmp(fit, "nss") != 0)
        return mf_cli_usage_error(cli, "--fit: unknown model '%s' (expected 'nss')", fit);
    /* GSL's default error handler aborts; the library checks its inputs and reads GSL's
     * return codes, so the program only asks GSL to return them. */
    if (code && !fs.on)
        return mf_cli_usage_error(cli, "--code goes with --store");
    curve_file_store_add(&fs, code ? code : "UST_ZERO", "act/365f", "continuous", "file_ust_par");
    gsl_set_error_handler_off();
    return build_ust(cli, input, output, fit != NULL, allow_negative_forwards, &fs);
}

int curve_run_build_tips(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'},  {"nominal", required_argument, NULL, 'n'},
        {"output", required_argument, NULL, 'o'}, {"store", no_argument, NULL, 's'},
        {"code", required_argument, NULL, 'c'},   {"breakeven-code", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *input = NULL, *nominal = NULL, *output = NULL, *code = NULL, *be_code = NULL;
    curve_file_store fs = {0};
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'i': input = optarg; break;
        case 'n': nominal = optarg; break;
        case 'o': output = optarg; break;
        case 's': fs.on = true; break;
        case 'c': code = optarg; break;
        case 'b': be_code = optarg; break;
        case 'h': fputs(usage_tips, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (input == NULL)
        return mf_cli_usage_error(cli, "missing --input FILE");
    if ((code || be_code) && !fs.on)
        return mf_cli_usage_error(cli, "%s goes with --store",
                                  code ? "--code" : "--breakeven-code");
    if (be_code && !nominal)
        return mf_cli_usage_error(cli, "--breakeven-code goes with --nominal");
    curve_file_store_add(&fs, code ? code : "UST_TIPS_REAL", "act/365f", "continuous",
                         "file_tips_par");
    if (nominal)
        curve_file_store_add(&fs, be_code ? be_code : "UST_BREAKEVEN", "act/365f", "continuous",
                             "file_tips_nominal");
    return build_tips(cli, input, nominal, output, &fs);
}
