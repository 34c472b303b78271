/*
 * cmd_curve_di1.c - `mf curve build di1`: BRL pre-fixed zero curves from a file of daily CDI
 * and DI1 settlement rates (W2 of the benchmark spec), one curve per date.
 *
 *   mf curve build di1 --input FILE [--output FILE] [--store [--code C]]
 *
 * With --store every curve of the file is also stored by vertex (its bootstrap nodes: the
 * CDI at one business day and one per contract) as DI_PRE (bus/252, annual), all dates in one
 * transaction (curve_file_store_* in cmd_curve_store.c).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "analytics/curve_di1.h"
#include "cli/cli.h"
#include "cli/cmd_curve_int.h"
#include "core/alloc.h"
#include "core/lines.h"
#include "core/numfmt.h"

static const char usage[] =
    "usage: mf curve build di1 --input FILE [--output FILE]\n"
    "\n"
    "Builds the BRL pre-fixed (DI) zero curve of every date in FILE, a CSV with the header\n"
    "date,ticker,maturity,rate: per date a CDI row first (the overnight rate, maturity the\n"
    "next business day), then DI1 settlements in increasing maturity; rates in % a year,\n"
    "BUS/252 on the ANBIMA calendar. Discount factors (1+r)^(-du/252) at each vertex,\n"
    "flat-forward between vertices and after the last. Writes date,tenor_bd,zero_rate,\n"
    "discount_factor at tenors of 1, 21, 42, 63, 126, 252, 378, 504, 756, 1008, 1260 and\n"
    "2520 business days (zero_rate in % a year, BUS/252 exponential, 12 decimals;\n"
    "discount factors to 15 decimals) to FILE (only when every curve built) or stdout.\n"
    "With --store (and the global --db) every curve is also stored by vertex in the curves\n"
    "table as --code C (default DI_PRE): one vertex per node of the bootstrap (the CDI at one\n"
    "business day, each contract at its maturity), discount factor as bootstrapped, zero\n"
    "rate in % a year BUS/252 annual (day count bus/252, compounding annual, source\n"
    "file_di1). Every date of FILE is stored in one transaction: if any curve fails nothing\n"
    "is stored. With --store and without --output no CSV is printed, only one line saying\n"
    "what was stored.\n"
    "(mf curve build di1 --date D builds from the store instead: see\n"
    "'mf curve build di1 --date --help'.)\n";

static const int tenors_bd[] = {1, 21, 42, 63, 126, 252, 378, 504, 756, 1008, 1260, 2520};
_Static_assert(sizeof tenors_bd / sizeof tenors_bd[0] == 12, "tenor_text has 12 labels");

/* The rows of one date while it is read. */
typedef struct day_block {
    mf_date date;
    double cdi_pct;
    bool has_cdi;
    size_t n;
    mf_di1_quote quotes[MF_DI1_MAX_QUOTES];
    char tickers[MF_DI1_MAX_QUOTES][16];
} day_block;

/* Tenor labels as text once: the writer below joins fields with memcpy, not a format. */
static const char *const tenor_text[] = {"1",   "21",  "42",  "63",   "126",  "252",
                                         "378", "504", "756", "1008", "1260", "2520"};

static char *append(char *p, const char *s)
{
    size_t n = strlen(s);
    /* NOLINTNEXTLINE(bugprone-not-null-terminated-result): a field of a line, not a string */
    memcpy(p, s, n);
    return p + n;
}

static void write_curve(FILE *out, mf_date date, const mf_curve *curve)
{
    char day[MF_DATE_ISO_SIZE], z[MF_DOUBLE_TEXT_SIZE], d[MF_DOUBLE_TEXT_SIZE];
    char line[MF_DATE_ISO_SIZE + 8 + 2 * MF_DOUBLE_TEXT_SIZE];
    mf_date_format_iso(date, day);
    for (size_t i = 0; i < sizeof tenors_bd / sizeof tenors_bd[0]; i++) {
        double t = tenors_bd[i] / 252.0, df = mf_curve_df(curve, t);
        double zero_pct = (pow(df, -1.0 / t) - 1.0) * 100.0;
        char *p = append(line, day);
        *p++ = ',';
        p = append(p, tenor_text[i]);
        *p++ = ',';
        p = append(p, mf_format_fixed(zero_pct, 12, z));
        *p++ = ',';
        p = append(p, mf_format_fixed(df, 15, d));
        *p++ = '\n';
        fwrite(line, 1, (size_t)(p - line), out);
    }
}

/* Stores the curve of b: its nodes are the CDI (maturity the next business day) and the
   contracts in order. */
static int store_block(mf_cli *cli, curve_file_store *fs, const mf_calendar *cal,
                       const day_block *b, const mf_curve *curve, const char *path)
{
    if (!fs->on)
        return MF_EXIT_OK;
    mf_error err;
    size_t n = mf_curve_size(curve);
    if (n != b->n + 1) {
        fprintf(cli->err, "mf curve: %s: %zu nodes for %zu quotes\n", path, n, b->n + 1);
        return MF_EXIT_FAILURE;
    }
    curve_file_store_reserve(fs, n);
    if (mf_calendar_advance(cal, b->date, 1, &fs->mat[0], &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fs->mat[i] = b->quotes[i - 1].maturity;
        fs->df[i] = mf_curve_node_df(curve, i);
    }
    return curve_file_store_put(cli, fs, 0, cal, b->date, fs->mat, fs->df, n, path);
}

static int finish_block(mf_cli *cli, const mf_calendar *cal, day_block *b, mf_curve *curve,
                        FILE *out, const char *path, long line, curve_file_store *fs)
{
    mf_error err;
    char day[MF_DATE_ISO_SIZE];
    if (!b->has_cdi) {
        fprintf(cli->err, "mf curve: %s:%ld: %s has no CDI row\n", path, line,
                mf_date_format_iso(b->date, day));
        return MF_EXIT_FAILURE;
    }
    if (mf_di1_curve_build(cal, b->date, b->cdi_pct, b->quotes, b->n, curve, &err) != 0) {
        fprintf(cli->err, "mf curve: %s: curve of %s: %s\n", path, mf_date_format_iso(b->date, day),
                err.msg);
        return MF_EXIT_FAILURE;
    }
    write_curve(out, b->date, curve);
    return store_block(cli, fs, cal, b, curve, path);
}

/* Splits "date,ticker,maturity,rate" in place; false when the line has another shape. */
static bool split4(char *line, char **f)
{
    for (int i = 0; i < 4; i++) {
        f[i] = line;
        char *comma = strchr(line, ',');
        if ((i < 3) != (comma != NULL))
            return false;
        if (comma) {
            *comma = '\0';
            line = comma + 1;
        }
    }
    return true;
}

static int build_di1(mf_cli *cli, const char *in_path, const char *out_path, curve_file_store *fs)
{
    mf_lines in;
    mf_error err;
    if (mf_lines_open(&in, in_path, 0, &err) != 0) {
        fprintf(cli->err, "mf curve: %s\n", err.msg);
        return MF_EXIT_FAILURE;
    }
    mf_cli_output o = {0};
    if (curve_file_store_open(cli, fs) != MF_EXIT_OK) {
        mf_lines_close(&in);
        return curve_file_store_close(cli, fs, MF_EXIT_FAILURE, false);
    }
    if (mf_cli_output_open(cli, &o, out_path) != MF_EXIT_OK) {
        mf_lines_close(&in);
        return curve_file_store_close(cli, fs, MF_EXIT_FAILURE, false);
    }
    FILE *out = o.f;
    mf_calendar *cal = NULL;
    mf_curve *curve = mf_curve_new();
    day_block *b = mf_calloc(1, sizeof *b);
    int rc = MF_EXIT_OK;
    if (mf_calendar_new("br", &cal, &err) != 0) {
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
        goto out;
    }
    fputs("date,tenor_bd,zero_rate,discount_factor\n", out);
    bool open = false;
    err.msg[0] = '\0'; /* the parse error of a line, if any */
    int got;
    while ((got = mf_lines_next(&in, &err)) > 0) {
        char *line = in.line;
        long lineno = in.lineno;
        if (lineno == 1) {
            if (strcmp(line, "date,ticker,maturity,rate") != 0) {
                fprintf(cli->err,
                        "mf curve: %s:1: expected the header "
                        "'date,ticker,maturity,rate'\n",
                        in_path);
                rc = MF_EXIT_FAILURE;
                goto out;
            }
            continue;
        }
        char *f[4];
        mf_date date, maturity;
        double rate;
        if (!split4(line, f) || mf_date_parse_iso(f[0], &date, &err) != 0 ||
            mf_date_parse_iso(f[2], &maturity, &err) != 0 ||
            mf_parse_decimal(f[3], strlen(f[3]), &rate, &err) != 0 || strlen(f[1]) >= 16) {
            fprintf(cli->err, "mf curve: %s:%ld: expected date,ticker,maturity,rate%s%s\n", in_path,
                    lineno, err.msg[0] ? ": " : "", err.msg);
            rc = MF_EXIT_FAILURE;
            goto out;
        }
        if (open && date != b->date) {
            if (date < b->date) {
                fprintf(cli->err, "mf curve: %s:%ld: dates must increase\n", in_path, lineno);
                rc = MF_EXIT_FAILURE;
                goto out;
            }
            if ((rc = finish_block(cli, cal, b, curve, out, in_path, lineno, fs)) != 0)
                goto out;
            open = false;
        }
        if (!open) {
            b->date = date;
            b->has_cdi = false;
            b->n = 0;
            open = true;
        }
        if (strcmp(f[1], "CDI") == 0) {
            if (b->has_cdi || b->n > 0) {
                fprintf(cli->err, "mf curve: %s:%ld: the CDI must come first, once a date\n",
                        in_path, lineno);
                rc = MF_EXIT_FAILURE;
                goto out;
            }
            b->cdi_pct = rate;
            b->has_cdi = true;
            continue;
        }
        if (b->n == MF_DI1_MAX_QUOTES - 1) {
            fprintf(cli->err, "mf curve: %s:%ld: too many contracts on one date\n", in_path,
                    lineno);
            rc = MF_EXIT_FAILURE;
            goto out;
        }
        snprintf(b->tickers[b->n], sizeof b->tickers[0], "%s", f[1]);
        b->quotes[b->n] = (mf_di1_quote){b->tickers[b->n], maturity, rate};
        b->n++;
        err.msg[0] = '\0';
    }
    if (got < 0) {
        fprintf(cli->err, "mf curve: %s\n", err.msg);
        rc = MF_EXIT_FAILURE;
    } else if (open) {
        rc = finish_block(cli, cal, b, curve, out, in_path, in.lineno, fs);
    }
out:
    mf_free(b);
    mf_curve_free(curve);
    mf_calendar_free(cal);
    mf_lines_close(&in);
    if (fs->on && out_path == NULL) { /* --store without --output: no CSV on stdout */
        fclose(o.f);
        o.f = NULL;
    }
    rc = mf_cli_output_close(cli, &o, rc);
    return curve_file_store_close(cli, fs, rc, true);
}

int curve_run_build_di1(mf_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'}, {"output", required_argument, NULL, 'o'},
        {"store", no_argument, NULL, 's'},       {"code", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    if (curve_build_di1_wants_store(argc, argv)) /* --date, --from ...: cmd_curve_store.c */
        return curve_run_build_di1_store(cli, argc, argv);
    const char *input = NULL, *output = NULL, *code = NULL;
    curve_file_store fs = {0};
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'i': input = optarg; break;
        case 'o': output = optarg; break;
        case 's': fs.on = true; break;
        case 'c': code = optarg; break;
        case 'h': fputs(usage, cli->out); return MF_EXIT_OK;
        default: return MF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mf_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (input == NULL)
        return mf_cli_usage_error(cli,
                                  "missing --input FILE (or --date D to build from the store)");
    if (code && !fs.on)
        return mf_cli_usage_error(cli, "--code goes with --store");
    curve_file_store_add(&fs, code ? code : "DI_PRE", "bus/252", "annual", "file_di1");
    return build_di1(cli, input, output, &fs);
}
