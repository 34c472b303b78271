/*
 * cmd_curve_brl.c - `mf curve build real` and `mf curve build cupom`: BRL real zero curves
 * from NTN-B yields (with breakeven inflation against a DI curve file), and cupom cambial
 * curves from the DI curve, USD/BRL spot and forwards. Files are read one date at a time.
 *
 *   mf curve build real --input FILE [--pre FILE] [--output FILE]
 *                       [--store [--code C] [--breakeven-code C]]
 *   (mf curve build real --date D | --from D --to D ...: the store build,
 *    cmd_curve_real_store.c, chosen by curve_build_real_wants_store())
 *   mf curve build cupom --input FILE [--output FILE] [--store [--code C]]
 *
 * With --store the curves are also stored by vertex (the bootstrap's nodes), every date of
 * the file in one transaction (curve_file_store_* in cmd_curve_store.c): real as BRL_REAL
 * (bus/252 annual), with --pre the breakeven as BRL_BREAKEVEN (bus/252 annual), cupom as
 * BRL_CUPOM (act/360 simple).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "analytics/curve_cupom.h"
#include "analytics/curve_di1.h"
#include "analytics/curve_real.h"
#include "analytics/fx.h"
#include "cli/cli.h"
#include "cli/cmd_curve_int.h"
#include "core/alloc.h"
#include "core/lines.h"
#include "core/numfmt.h"

static const char usage_real[] =
    "usage: mf curve build real --input FILE [--pre FILE] [--output FILE]\n"
    "\n"
    "Builds the BRL real (IPCA) zero curve of every date in FILE, a CSV with the header\n"
    "date,name,maturity,yield: per date the NTN-B indicative yields (% a year, BUS/252, ANBIMA)\n"
    "in increasing maturity (the nominal 15th of the bond's month). Each bond's flows per 100\n"
    "of VNA (2.956301 every six months, 100 at maturity) are repriced on the curve to the\n"
    "cotacao at its yield; flat-forward in the discount factor between maturities, the first\n"
    "bond's forward before it, the last forward after. --pre FILE is a DI file as for\n"
    "`mf curve build di1` (date,ticker,maturity,rate; CDI first each date) holding every date\n"
    "of FILE; with it each row also gives the pre zero rate and the breakeven inflation\n"
    "(1 + pre) / (1 + real) - 1. Writes date,tenor_bd,real_zero_rate,discount_factor\n"
    "[,pre_zero_rate,breakeven] at 21, 63, 126, 252, 504, 756, 1008, 1260, 1764, 2520, 3780,\n"
    "5040 and 7560 business days (rates in % a year, BUS/252 exponential, 12 decimals;\n"
    "discount factors 15) to FILE (only when every curve built) or stdout.\n"
    "With --store (and the global --db) every real curve is also stored by vertex as --code C\n"
    "(default BRL_REAL): one vertex per bond at its maturity (the nominal 15th; tenor_bd on\n"
    "the ANBIMA calendar), the bootstrapped discount factor, zero rate in % a year (bus/252,\n"
    "annual, source file_ntnb). With --pre also the breakeven curve as --breakeven-code C\n"
    "(default BRL_BREAKEVEN; bus/252, annual, source file_ntnb_di1) at the same vertices:\n"
    "breakeven be = (1 + pre)/(1 + real) - 1 at du, discount factor (1 + be)^(-du/252).\n"
    "Every date of FILE is stored in one transaction: if any curve fails nothing is stored.\n"
    "With --store and without --output no CSV is printed, only one line per stored code.\n"
    "(mf curve build real --date D | --from D --to D builds from the NTN-B yields in the\n"
    "store instead: mf curve build real --date D --help.)\n";

static const char usage_cupom[] =
    "usage: mf curve build cupom --input FILE [--output FILE]\n"
    "\n"
    "Builds the cupom cambial curve of every date in FILE, a CSV with the header\n"
    "date,kind,name,maturity,value. Per date, in this order: one 'cdi' row (% a year; the\n"
    "maturity is ignored), 'di1' rows (settlement rates, % a year BUS/252) in increasing\n"
    "maturity, one 'spot' row (BRL per USD: the day's spot gives the cupom limpo, the PTAX of\n"
    "the previous business day the cupom sujo), then the forwards in increasing maturity, each\n"
    "'fwd' (outright, BRL per USD), 'points' (forward points over the spot, 0.0001 BRL each)\n"
    "or 'dol' (a DOL/WDO price, BRL per USD 1,000). The cupom c to each maturity solves\n"
    "(1 + c dc/360) = spot (1 + DI)^(du/252) / F; flat-forward in the discount factor over\n"
    "calendar days between maturities. Writes date,tenor_dc,cupom_rate,discount_factor at 30,\n"
    "60, 90, 180, 270, 360, 540, 720, 1080, 1440 and 1800 calendar days (cupom in % a year,\n"
    "ACT/360 linear, 12 decimals; discount factors 15) to FILE or stdout.\n"
    "With --store (and the global --db) every curve is also stored by vertex as --code C\n"
    "(default BRL_CUPOM): one vertex per forward at its maturity (tenor_bd on the ANBIMA\n"
    "calendar, tenor_cd calendar days), the bootstrapped discount factor, cupom in % a year\n"
    "(act/360, simple, source file_cupom). Every date of FILE is stored in one transaction:\n"
    "if any curve fails nothing is stored. With --store and without --output no CSV is\n"
    "printed, only one line saying what was stored.\n";

static const int real_tenors_bd[] = {21,   63,   126,  252,  504,  756, 1008,
                                     1260, 1764, 2520, 3780, 5040, 7560};
static const int cupom_tenors_dc[] = {30, 60, 90, 180, 270, 360, 540, 720, 1080, 1440, 1800};

#define NAME_SIZE  32
#define MAX_FIELDS 5

/* ---- a CSV read one row at a time, with one row of look-ahead -------------------------------- */

typedef struct csv_in {
    mf_lines lines;
    const char *header;
    int nfields;
    bool pending; /* f[] holds a row read but not yet used */
    bool eof;
    char *f[MAX_FIELDS];
    mf_date date;
} csv_in;

static int csv_open(mf_cli *cli, csv_in *in, const char *path, const char *header, int nfields)
{
    memset(in, 0, sizeof *in);
    in->header = header;
    in->nfields = nfields;
    mf_error err;
    if (mf_lines_open(&in->lines, path, 0, &err) != 0) {
        fprintf(cli->err, "mf curve: %s\n", err.msg);
        return MF_EXIT_FAILURE;
    }
    return 0;
}

static void csv_close(csv_in *in)
{
    mf_lines_close(&in->lines);
}

static int bad_line(mf_cli *cli, const csv_in *in, const char *what)
{
    fprintf(cli->err, "mf curve: %s:%ld: %s\n", in->lines.path, in->lines.lineno, what);
    return MF_EXIT_FAILURE;
}

/* Splits line in place into exactly n comma-separated fields. */
static bool split_n(char *line, char **f, int n)
{
    for (int i = 0; i < n; i++) {
        f[i] = line;
        char *comma = strchr(line, ',');
        if ((i < n - 1) != (comma != NULL))
            return false;
        if (comma) {
            *comma = '\0';
            line = comma + 1;
        }
    }
    return true;
}

/* Makes the next row current (in->pending), or sets in->eof. */
static int csv_next(mf_cli *cli, csv_in *in)
{
    if (in->pending || in->eof)
        return 0;
    mf_error err;
    int got;
    while ((got = mf_lines_next(&in->lines, &err)) > 0) {
        if (in->lines.lineno == 1) {
            if (strcmp(in->lines.line, in->header) != 0) {
                char msg[128];
                snprintf(msg, sizeof msg, "expected the header '%s'", in->header);
                return bad_line(cli, in, msg);
            }
            continue;
        }
        mf_date date;
        char msg[MF_ERROR_MSG_MAX + 64];
        if (!split_n(in->lines.line, in->f, in->nfields)) {
            snprintf(msg, sizeof msg, "expected %s", in->header);
            return bad_line(cli, in, msg);
        }
        if (mf_date_parse_iso(in->f[0], &date, &err) != 0) {
            snprintf(msg, sizeof msg, "date: %s", err.msg);
            return bad_line(cli, in, msg);
        }
        if (in->lines.lineno > 2 && date < in->date)
            return bad_line(cli, in, "dates must increase");
        in->date = date;
        in->pending = true;
        return 0;
    }
    if (got < 0) {
        fprintf(cli->err, "mf curve: %s\n", err.msg);
        return MF_EXIT_FAILURE;
    }
    in->eof = true;
    return 0;
}

static int field_number(mf_cli *cli, const csv_in *in, int i, const char *what, double *out)
{
    mf_error err;
    const char *s = in->f[i];
    if (mf_parse_decimal(s, strlen(s), out, &err) != 0) {
        char msg[MF_ERROR_MSG_MAX + 64];
        snprintf(msg, sizeof msg, "%s: %s", what, err.msg);
        return bad_line(cli, in, msg);
    }
    return 0;
}

static int field_date(mf_cli *cli, const csv_in *in, int i, mf_date *out)
{
    mf_error err;
    if (mf_date_parse_iso(in->f[i], out, &err) != 0) {
        char msg[MF_ERROR_MSG_MAX + 64];
        snprintf(msg, sizeof msg, "maturity: %s", err.msg);
        return bad_line(cli, in, msg);
    }
    return 0;
}

static int field_name(mf_cli *cli, const csv_in *in, int i, char *out)
{
    if (strlen(in->f[i]) >= NAME_SIZE)
        return bad_line(cli, in, "name longer than 31 characters");
    snprintf(out, NAME_SIZE, "%s", in->f[i]);
    return 0;
}

/* ---- output ---------------------------------------------------------------------------------- */

/* ---- the DI curve of one date (both builds) -------------------------------------------------- */

typedef struct di_block {
    double cdi_pct;
    bool has_cdi;
    size_t n;
    mf_di1_quote quotes[MF_DI1_MAX_QUOTES];
    char names[MF_DI1_MAX_QUOTES][NAME_SIZE];
} di_block;

static int di_add(mf_cli *cli, const csv_in *in, di_block *b, bool is_cdi, const char *name,
                  mf_date maturity, double rate)
{
    if (is_cdi) {
        if (b->has_cdi || b->n > 0)
            return bad_line(cli, in, "the CDI must come first, once a date");
        b->cdi_pct = rate;
        b->has_cdi = true;
        return 0;
    }
    if (b->n == MF_DI1_MAX_QUOTES - 1)
        return bad_line(cli, in, "too many DI1 contracts on one date");
    snprintf(b->names[b->n], NAME_SIZE, "%s", name);
    b->quotes[b->n] = (mf_di1_quote){b->names[b->n], maturity, rate};
    b->n++;
    return 0;
}

static int di_build(mf_cli *cli, const mf_calendar *cal, const char *path, mf_date date,
                    const di_block *b, mf_curve *curve)
{
    char day[MF_DATE_ISO_SIZE];
    mf_error err;
    if (!b->has_cdi) {
        fprintf(cli->err, "mf curve: %s: %s has no CDI row\n", path, mf_date_format_iso(date, day));
        return MF_EXIT_FAILURE;
    }
    if (mf_di1_curve_build(cal, date, b->cdi_pct, b->quotes, b->n, curve, &err) != 0) {
        fprintf(cli->err, "mf curve: %s: DI curve of %s: %s\n", path, mf_date_format_iso(date, day),
                err.msg);
        return MF_EXIT_FAILURE;
    }
    return 0;
}

/* Reads the next date of a DI file (date,ticker,maturity,rate) into b; *got false at the end. */
static int pre_read_date(mf_cli *cli, csv_in *in, di_block *b, mf_date *date, bool *got)
{
    int rc = csv_next(cli, in);
    *got = false;
    if (rc != 0 || in->eof)
        return rc;
    *date = in->date;
    b->n = 0;
    b->has_cdi = false;
    while (!in->eof && in->pending && in->date == *date) {
        mf_date maturity;
        double rate;
        char name[NAME_SIZE];
        if (field_name(cli, in, 1, name) || field_date(cli, in, 2, &maturity) ||
            field_number(cli, in, 3, "rate", &rate) ||
            di_add(cli, in, b, strcmp(name, "CDI") == 0, name, maturity, rate))
            return MF_EXIT_FAILURE;
        in->pending = false;
        if ((rc = csv_next(cli, in)) != 0)
            return rc;
    }
    *got = true;
    return 0;
}

/* ---- build real --------------------------------------------------------------------------------
 */

typedef struct real_work {
    mf_ntnb_quote quotes[MF_REAL_MAX_QUOTES];
    char names[MF_REAL_MAX_QUOTES][NAME_SIZE];
    di_block pre;
} real_work;

static void write_real(FILE *out, mf_date date, const mf_curve *real, const mf_curve *pre)
{
    char day[MF_DATE_ISO_SIZE], z[MF_DOUBLE_TEXT_SIZE], d[MF_DOUBLE_TEXT_SIZE];
    char p[MF_DOUBLE_TEXT_SIZE], b[MF_DOUBLE_TEXT_SIZE];
    mf_date_format_iso(date, day);
    for (size_t i = 0; i < sizeof real_tenors_bd / sizeof real_tenors_bd[0]; i++) {
        int32_t du = real_tenors_bd[i];
        double t = du / 252.0, df = mf_curve_df(real, t);
        double zero_pct = mf_curve_zero(real, t, MF_COMPOUNDING_ANNUAL) * 100.0;
        fprintf(out, "%s,%d,%s,%s", day, (int)du, mf_format_fixed(zero_pct, 12, z),
                mf_format_fixed(df, 15, d));
        if (pre) {
            double be = 0.0, pre_pct = mf_curve_zero(pre, t, MF_COMPOUNDING_ANNUAL) * 100.0;
            mf_breakeven_pct(pre, real, du, &be, NULL); /* du >= 21: cannot fail */
            fprintf(out, ",%s,%s", mf_format_fixed(pre_pct, 12, p), mf_format_fixed(be, 12, b));
        }
        fputc('\n', out);
    }
}

/* Stores the real curve of date (nodes: the n bonds' maturities) and, with pre, the
   breakeven at the same vertices, discount factor (1 + be)^(-du/252) (mf_breakeven_node_dfs). */
static int store_real(mf_cli *cli, curve_file_store *fs, const mf_calendar *cal, mf_date date,
                      const mf_ntnb_quote *q, size_t n, const mf_curve *real, const mf_curve *pre,
                      const char *path)
{
    if (!fs->on)
        return MF_EXIT_OK;
    mf_error err;
    if (mf_curve_size(real) != n) {
        fprintf(cli->err, "mf curve: %s: %zu nodes for %zu bonds\n", path, mf_curve_size(real), n);
        return MF_EXIT_FAILURE;
    }
    curve_file_store_reserve(fs, n);
    for (size_t i = 0; i < n; i++) {
        fs->mat[i] = q[i].maturity;
        fs->df[i] = mf_curve_node_df(real, i);
    }
    int rc = curve_file_store_put(cli, fs, 0, cal, date, fs->mat, fs->df, n, path);
    if (rc != 0 || pre == NULL)
        return rc;
    if (mf_breakeven_node_dfs(cal, date, pre, real, fs->mat, n, fs->df, &err) != 0)
        return mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    return curve_file_store_put(cli, fs, 1, cal, date, fs->mat, fs->df, n, path);
}

static int build_real(mf_cli *cli, const char *in_path, const char *pre_path, const char *out_path,
                      curve_file_store *fs)
{
    csv_in in, pre_in;
    mf_cli_output out = {0};
    mf_calendar *cal = NULL;
    mf_curve *real = mf_curve_new(), *pre = mf_curve_new();
    real_work *w = mf_calloc(1, sizeof *w);
    mf_error err;
    bool pre_open = false;
    int rc = csv_open(cli, &in, in_path, "date,name,maturity,yield", 4);
    if (rc == 0 && pre_path) {
        rc = csv_open(cli, &pre_in, pre_path, "date,ticker,maturity,rate", 4);
        pre_open = true;
    }
    if (rc == 0)
        rc = curve_file_store_open(cli, fs);
    if (rc == 0)
        rc = mf_cli_output_open(cli, &out, out_path);
    if (rc == 0 && mf_calendar_new("br", &cal, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    if (rc != 0)
        goto out;
    fputs(pre_path ? "date,tenor_bd,real_zero_rate,discount_factor,pre_zero_rate,breakeven\n"
                   : "date,tenor_bd,real_zero_rate,discount_factor\n",
          out.f);
    mf_date pre_date = 0;
    bool pre_got = false;
    for (;;) {
        if ((rc = csv_next(cli, &in)) != 0 || in.eof)
            break;
        mf_date date = in.date;
        size_t n = 0;
        while (!in.eof && in.pending && in.date == date) {
            if (n == MF_REAL_MAX_QUOTES) {
                rc = bad_line(cli, &in, "too many NTN-B on one date");
                goto out;
            }
            mf_ntnb_quote *q = &w->quotes[n];
            if ((rc = field_name(cli, &in, 1, w->names[n])) != 0 ||
                (rc = field_date(cli, &in, 2, &q->maturity)) != 0 ||
                (rc = field_number(cli, &in, 3, "yield", &q->yield_pct)) != 0)
                goto out;
            q->name = w->names[n][0] ? w->names[n] : NULL;
            n++;
            in.pending = false;
            if ((rc = csv_next(cli, &in)) != 0)
                goto out;
        }
        char day[MF_DATE_ISO_SIZE];
        if (mf_real_curve_build(cal, date, w->quotes, n, real, &err) != 0) {
            fprintf(cli->err, "mf curve: %s: real curve of %s: %s\n", in_path,
                    mf_date_format_iso(date, day), err.msg);
            rc = MF_EXIT_FAILURE;
            goto out;
        }
        if (pre_path) {
            while (!(pre_got && pre_date >= date)) {
                if ((rc = pre_read_date(cli, &pre_in, &w->pre, &pre_date, &pre_got)) != 0)
                    goto out;
                if (!pre_got)
                    break;
            }
            if (!pre_got || pre_date != date) {
                fprintf(cli->err, "mf curve: %s: no DI curve for %s\n", pre_path,
                        mf_date_format_iso(date, day));
                rc = MF_EXIT_FAILURE;
                goto out;
            }
            if ((rc = di_build(cli, cal, pre_path, date, &w->pre, pre)) != 0)
                goto out;
        }
        write_real(out.f, date, real, pre_path ? pre : NULL);
        if ((rc = store_real(cli, fs, cal, date, w->quotes, n, real, pre_path ? pre : NULL,
                             in_path)) != 0)
            goto out;
    }
out:
    if (fs->on && out_path == NULL && out.f) { /* --store without --output: no CSV */
        fclose(out.f);
        out.f = NULL;
    }
    rc = mf_cli_output_close(cli, &out, rc);
    rc = curve_file_store_close(cli, fs, rc, true);
    csv_close(&in);
    if (pre_open)
        csv_close(&pre_in);
    mf_calendar_free(cal);
    mf_curve_free(real);
    mf_curve_free(pre);
    mf_free(w);
    return rc;
}

/* ---- build cupom ------------------------------------------------------------------------------
 */

typedef struct cupom_work {
    di_block di;
    double spot;
    bool has_spot;
    size_t n;
    mf_cupom_quote quotes[MF_CUPOM_MAX_QUOTES];
    char names[MF_CUPOM_MAX_QUOTES][NAME_SIZE];
} cupom_work;

static void write_cupom(FILE *out, mf_date date, const mf_curve *cupom)
{
    char day[MF_DATE_ISO_SIZE], z[MF_DOUBLE_TEXT_SIZE], d[MF_DOUBLE_TEXT_SIZE];
    mf_date_format_iso(date, day);
    for (size_t i = 0; i < sizeof cupom_tenors_dc / sizeof cupom_tenors_dc[0]; i++) {
        int32_t dc = cupom_tenors_dc[i];
        fprintf(out, "%s,%d,%s,%s\n", day, (int)dc,
                mf_format_fixed(mf_cupom_rate_pct(cupom, dc), 12, z),
                mf_format_fixed(mf_curve_df(cupom, dc / 360.0), 15, d));
    }
}

/* One row of a cupom file into w. */
static int cupom_row(mf_cli *cli, const csv_in *in, cupom_work *w)
{
    const char *kind = in->f[1];
    char name[NAME_SIZE];
    double value;
    mf_date maturity = 0;
    bool is_fwd =
        strcmp(kind, "fwd") == 0 || strcmp(kind, "points") == 0 || strcmp(kind, "dol") == 0;
    if (field_name(cli, in, 2, name) || field_number(cli, in, 4, "value", &value))
        return MF_EXIT_FAILURE;
    if (strcmp(kind, "cdi") == 0)
        return di_add(cli, in, &w->di, true, name, 0, value);
    if (field_date(cli, in, 3, &maturity))
        return MF_EXIT_FAILURE;
    if (strcmp(kind, "di1") == 0) {
        if (w->has_spot)
            return bad_line(cli, in, "di1 rows must come before the spot");
        return di_add(cli, in, &w->di, false, name, maturity, value);
    }
    if (strcmp(kind, "spot") == 0) {
        if (w->has_spot)
            return bad_line(cli, in, "a second spot on one date");
        w->spot = value;
        w->has_spot = true;
        return 0;
    }
    if (!is_fwd)
        return bad_line(cli, in, "kind must be cdi, di1, spot, fwd, points or dol");
    if (!w->has_spot)
        return bad_line(cli, in, "the spot must come before the forwards");
    if (w->n == MF_CUPOM_MAX_QUOTES)
        return bad_line(cli, in, "too many forwards on one date");
    double fwd = value;
    if (strcmp(kind, "dol") == 0)
        fwd = value / 1000.0;
    if (strcmp(kind, "points") == 0) {
        mf_error err;
        if (mf_fx_outright(w->spot, value, &fwd, &err) != 0)
            return bad_line(cli, in, err.msg);
    }
    snprintf(w->names[w->n], NAME_SIZE, "%s", name);
    w->quotes[w->n] = (mf_cupom_quote){w->names[w->n][0] ? w->names[w->n] : NULL, maturity, fwd};
    w->n++;
    return 0;
}

/* Stores the cupom curve of date: one node per forward, at its maturity. */
static int store_cupom(mf_cli *cli, curve_file_store *fs, const mf_calendar *cal, mf_date date,
                       const cupom_work *w, const mf_curve *cupom, const char *path)
{
    if (!fs->on)
        return MF_EXIT_OK;
    if (mf_curve_size(cupom) != w->n) {
        fprintf(cli->err, "mf curve: %s: %zu nodes for %zu forwards\n", path, mf_curve_size(cupom),
                w->n);
        return MF_EXIT_FAILURE;
    }
    curve_file_store_reserve(fs, w->n);
    for (size_t i = 0; i < w->n; i++) {
        fs->mat[i] = w->quotes[i].maturity;
        fs->df[i] = mf_curve_node_df(cupom, i);
    }
    return curve_file_store_put(cli, fs, 0, cal, date, fs->mat, fs->df, w->n, path);
}

static int build_cupom(mf_cli *cli, const char *in_path, const char *out_path, curve_file_store *fs)
{
    csv_in in;
    mf_cli_output out = {0};
    mf_calendar *cal = NULL;
    mf_curve *di = mf_curve_new(), *cupom = mf_curve_new();
    cupom_work *w = mf_calloc(1, sizeof *w);
    mf_error err;
    int rc = csv_open(cli, &in, in_path, "date,kind,name,maturity,value", 5);
    if (rc == 0)
        rc = curve_file_store_open(cli, fs);
    if (rc == 0)
        rc = mf_cli_output_open(cli, &out, out_path);
    if (rc == 0 && mf_calendar_new("br", &cal, &err) != 0)
        rc = mf_cli_fail(cli, &err, MF_EXIT_FAILURE);
    if (rc != 0)
        goto out;
    fputs("date,tenor_dc,cupom_rate,discount_factor\n", out.f);
    for (;;) {
        if ((rc = csv_next(cli, &in)) != 0 || in.eof)
            break;
        mf_date date = in.date;
        w->di.n = 0;
        w->di.has_cdi = false;
        w->has_spot = false;
        w->n = 0;
        while (!in.eof && in.pending && in.date == date) {
            if ((rc = cupom_row(cli, &in, w)) != 0)
                goto out;
            in.pending = false;
            if ((rc = csv_next(cli, &in)) != 0)
                goto out;
        }
        char day[MF_DATE_ISO_SIZE];
        if ((rc = di_build(cli, cal, in_path, date, &w->di, di)) != 0)
            goto out;
        if (!w->has_spot) {
            fprintf(cli->err, "mf curve: %s: %s has no spot row\n", in_path,
                    mf_date_format_iso(date, day));
            rc = MF_EXIT_FAILURE;
            goto out;
        }
        if (mf_cupom_curve_build(cal, date, w->spot, di, w->quotes, w->n, cupom, &err) != 0) {
            fprintf(cli->err, "mf curve: %s: cupom curve of %s: %s\n", in_path,
                    mf_date_format_iso(date, day), err.msg);
            rc = MF_EXIT_FAILURE;
            goto out;
        }
        write_cupom(out.f, date, cupom);
        if ((rc = store_cupom(cli, fs, cal, date, w, cupom, in_path)) != 0)
            goto out;
    }
out:
    if (fs->on && out_path == NULL && out.f) { /* --store without --output: no CSV */
        fclose(out.f);
        out.f = NULL;
    }
    rc = mf_cli_output_close(cli, &out, rc);
    rc = curve_file_store_close(cli, fs, rc, true);
    csv_close(&in);
    mf_calendar_free(cal);
    mf_curve_free(di);
    mf_curve_free(cupom);
    mf_free(w);
    return rc;
}

/* ---- option parsing ----------------------------------------------------------------------------
 */

static int run(mf_cli *cli, int argc, char **argv, bool is_real)
{
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'}, {"output", required_argument, NULL, 'o'},
        {"pre", required_argument, NULL, 'p'},   {"store", no_argument, NULL, 's'},
        {"code", required_argument, NULL, 'c'},  {"breakeven-code", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    const char *input = NULL, *output = NULL, *pre = NULL, *code = NULL, *be_code = NULL;
    curve_file_store fs = {0};
    int started = 0, c;
    while ((c = mf_cli_getopt(cli, argc, argv, ":h", longopts, &started)) != -1) {
        switch (c) {
        case 'i': input = optarg; break;
        case 'o': output = optarg; break;
        case 'p':
            if (!is_real)
                return mf_cli_usage_error(cli, "build cupom takes no --pre");
            pre = optarg;
            break;
        case 's': fs.on = true; break;
        case 'c': code = optarg; break;
        case 'b':
            if (!is_real)
                return mf_cli_usage_error(cli, "build cupom takes no --breakeven-code");
            be_code = optarg;
            break;
        case 'h': fputs(is_real ? usage_real : usage_cupom, cli->out); return MF_EXIT_OK;
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
    if (be_code && !pre)
        return mf_cli_usage_error(cli, "--breakeven-code goes with --pre");
    if (!is_real) {
        curve_file_store_add(&fs, code ? code : "BRL_CUPOM", "act/360", "simple", "file_cupom");
        return build_cupom(cli, input, output, &fs);
    }
    curve_file_store_add(&fs, code ? code : "BRL_REAL", "bus/252", "annual", "file_ntnb");
    if (pre)
        curve_file_store_add(&fs, be_code ? be_code : "BRL_BREAKEVEN", "bus/252", "annual",
                             "file_ntnb_di1");
    return build_real(cli, input, pre, output, &fs);
}

int curve_run_build_real(mf_cli *cli, int argc, char **argv)
{
    if (curve_build_real_wants_store(argc, argv)) /* --date, --from ...: cmd_curve_real_store.c */
        return curve_run_build_real_store(cli, argc, argv);
    return run(cli, argc, argv, true);
}

int curve_run_build_cupom(mf_cli *cli, int argc, char **argv)
{
    return run(cli, argc, argv, false);
}
