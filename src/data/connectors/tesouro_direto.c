/*
 * tesouro_direto.c - the Tesouro Direto connector (source "tesouro_direto"): the daily price
 * and rate history of every Tesouro Direto bond since 2002, one CSV on Tesouro Transparente's
 * CKAN (data-sources.md §6d), and the parsers, ticker scheme and instrument row of
 * tesouro_direto.h.
 *
 * Exports: mf_conn_tesouro_direto, and what tesouro_direto.h declares.
 *
 * The one request, "PrecoTaxaTesouroDireto" (a standing request: bonds become instruments as
 * they appear), GETs {base}/PrecoTaxaTesouroDireto.csv once a run (mf_conn_get caches it, so
 * every chunk of a backfill costs one parse) and keeps the rows of the range.
 */
#include "data/connectors/tesouro_direto.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/connectors_int.h"

#define CSV_NAME "PrecoTaxaTesouroDireto.csv"
#define WHAT     "tesouro_direto " CSV_NAME

static const mf_td_type types[] = {
    {"LTN", "Tesouro Prefixado", "LTN", "rates", "none"},
    {"NTNF", "Tesouro Prefixado com Juros Semestrais", "NTN-F", "rates", "none"},
    {"LFT", "Tesouro Selic", "LFT", "rates", "Selic"},
    {"NTNB_PRINC", "Tesouro IPCA+", "NTN-B Principal", "inflation", "IPCA"},
    {"NTNB", "Tesouro IPCA+ com Juros Semestrais", "NTN-B", "inflation", "IPCA"},
    {"NTNC", "Tesouro IGPM+ com Juros Semestrais", "NTN-C", "inflation", "IGP-M"},
    {"RENDA", "Tesouro Renda+ Aposentadoria Extra", "NTN-B1", "inflation", "IPCA"},
    {"EDUCA", "Tesouro Educa+", "NTN-B1", "inflation", "IPCA"},
};
enum { N_TYPES = sizeof types / sizeof types[0] };

const mf_td_type *mf_td_type_of_title(const char *title, size_t len)
{
    for (size_t i = 0; i < N_TYPES; i++)
        if (strlen(types[i].title) == len && memcmp(types[i].title, title, len) == 0)
            return &types[i];
    return NULL;
}

const mf_td_type *mf_td_type_of_code(const char *code, size_t len)
{
    for (size_t i = 0; i < N_TYPES; i++)
        if (strlen(types[i].code) == len && memcmp(types[i].code, code, len) == 0)
            return &types[i];
    return NULL;
}

void mf_td_ticker(const mf_td_type *type, mf_date maturity, char *buf, size_t size)
{
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(maturity, day);
    snprintf(buf, size, "TD.%s.%s", type->code, day);
}

int mf_td_parse_ticker(const char *ticker, const mf_td_type **type, mf_date *maturity,
                       mf_error *err)
{
    size_t n = strlen(ticker);
    const char *dot = n > 3 ? strchr(ticker + 3, '.') : NULL;
    mf_error e2 = {0};
    if (n < 3 || memcmp(ticker, "TD.", 3) != 0 || !dot ||
        !(*type = mf_td_type_of_code(ticker + 3, (size_t)(dot - ticker - 3))) ||
        strlen(dot + 1) != 10 || mf_date_parse_iso(dot + 1, maturity, &e2) != 0)
        return mf_error_set(err, MF_EINVAL,
                            "'%.80s' is not a Tesouro Direto ticker (TD.<LTN|NTNF|LFT|NTNB_PRINC|"
                            "NTNB|NTNC|RENDA|EDUCA>.<yyyy-mm-dd>)",
                            ticker);
    return 0;
}

int mf_td_instrument(const char *ticker, mf_instrument *out, mf_error *err)
{
    const mf_td_type *t = NULL;
    mf_date maturity = 0;
    int rc = mf_td_parse_ticker(ticker, &t, &maturity, err);
    if (rc != 0)
        return rc;
    if (!t) /* parse_ticker sets it on success */
        return mf_error_set(err, MF_ESTATE, "'%s': no bond type", ticker);
    char day[MF_DATE_ISO_SIZE];
    mf_date_format_iso(maturity, day);
    /* Coupons from the bonds' definitions (% a year, paid semiannually); NTN-C coupons differ
       by issue and NTN-B1 amortises monthly: no coupon field for them. */
    const char *coupon = strcmp(t->code, "NTNF") == 0   ? ", \"coupon_pct_a_year\": 10"
                         : strcmp(t->code, "NTNB") == 0 ? ", \"coupon_pct_a_year\": 6"
                                                        : "";
    mf_instrument in = {.active = true};
    snprintf(in.ticker, sizeof in.ticker, "%s", ticker);
    snprintf(in.name, sizeof in.name, "%s %s (%s, maturity %s)", t->title, day, t->bond, day);
    snprintf(in.asset_class, sizeof in.asset_class, "%s", t->asset_class);
    snprintf(in.instrument_type, sizeof in.instrument_type, "bond");
    snprintf(in.currency, sizeof in.currency, "BRL");
    snprintf(in.country, sizeof in.country, "BR");
    snprintf(in.exchange, sizeof in.exchange, "Tesouro Direto");
    snprintf(in.contract_spec, sizeof in.contract_spec,
             "{\"type\": \"%s\", \"bond\": \"%s\", \"title\": \"%s\", \"maturity\": \"%s\", "
             "\"indexer\": \"%s\"%s, \"calendar\": \"br\", \"quote\": \"PU BRL per bond; "
             "yield_pct %% a year BUS/252%s\"}",
             t->code, t->bond, t->title, day, t->indexer, coupon,
             strcmp(t->code, "LFT") == 0 ? " (spread over Selic)" : "");
    snprintf(in.source, sizeof in.source, "tesouro_direto");
    snprintf(in.source_key, sizeof in.source_key, "%s", ticker);
    *out = in;
    return 0;
}

/* ---- the CSV ------------------------------------------------------------------------------- */

/* True when body[0..len) is valid UTF-8 (then the file is UTF-8, else latin-1). */
static bool is_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t k = c < 0x80             ? 0
                   : (c & 0xE0) == 0xC0 ? 1
                   : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 ? 3
                                        : 9;
        if (k == 9 || (k == 1 && c < 0xC2) || i + k >= len + (k == 0))
            return false;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k + 1;
    }
    return true;
}

/* Header name folded to lower-case ASCII ("Manhã" in either encoding -> "manha"). */
static void fold(const char *s, size_t len, bool utf8, char *buf, size_t size)
{
    /* Latin-1 0xC0..0xFF without accents. */
    static const char base[] = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < size; i++) {
        unsigned c = (unsigned char)s[i];
        if (utf8 && c == 0xC3 && i + 1 < len) /* U+00C0..U+00FF */
            c = 0xC0 | ((unsigned char)s[++i] & 0x3F);
        else if (utf8 && c >= 0x80) {
            buf[k++] = '?';
            while (i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
                i++;
            continue;
        }
        buf[k++] = c >= 0xC0              ? base[c - 0xC0]
                   : c >= 0x80            ? '?'
                   : c >= 'A' && c <= 'Z' ? (char)(c + 32)
                                          : (char)c;
    }
    buf[k] = '\0';
}

enum {
    C_TYPE,
    C_MATURITY,
    C_BASE,
    C_BUY_RATE,
    C_SELL_RATE,
    C_BUY_PU,
    C_SELL_PU,
    C_BASE_PU,
    N_COLS
};
static const char *const col_names[N_COLS] = {
    "tipo titulo",      "data vencimento", "data base",      "taxa compra manha",
    "taxa venda manha", "pu compra manha", "pu venda manha", "pu base manha",
};
enum { MAX_FIELDS = 16 };

typedef struct field {
    const char *s;
    size_t len;
} field;

/* Splits line[0..len) at ';' (surrounding quotes dropped); returns the count, or MAX_FIELDS+1. */
static int split(const char *line, size_t len, field *f)
{
    int n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != ';')
            continue;
        if (n == MAX_FIELDS)
            return MAX_FIELDS + 1;
        const char *s = line + start;
        size_t k = i - start;
        while (k && (*s == ' '))
            s++, k--;
        while (k && s[k - 1] == ' ')
            k--;
        if (k >= 2 && s[0] == '"' && s[k - 1] == '"')
            s++, k -= 2;
        f[n++] = (field){s, k};
        start = i + 1;
    }
    return n;
}

/* A PU or rate cell: empty is NaN. */
static int cell_number(const field *f, int line, const char *col, double *out, mf_error *err)
{
    *out = NAN;
    if (f->len == 0)
        return 0;
    mf_error e2 = {0};
    if (mf_conn_parse_number(f->s, f->len, true, false, out, &e2) != 0)
        return mf_error_set(err, MF_EPARSE, WHAT ": line %d: %s: %s", line, col, e2.msg);
    return 0;
}

static int cell_date(const field *f, int line, const char *col, mf_date *out, mf_error *err)
{
    mf_error e2 = {0};
    if (mf_date_parse_br_n(f->s, f->len, out, &e2) != 0)
        return mf_error_set(err, MF_EPARSE, WHAT ": line %d: %s '%.*s' is not a dd/mm/aaaa date",
                            line, col, (int)(f->len < 40 ? f->len : 40), f->s);
    return 0;
}

int mf_td_parse_csv(const char *body, size_t len, mf_date from, mf_date to, mf_conn_rows *out,
                    mf_error *err)
{
    size_t first = out->n;
    int rc = 0;
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
        body += 3, len -= 3;
    bool utf8 = is_utf8((const unsigned char *)body, len);
    int col[N_COLS], ncols = 0, line_no = 0;
    field f[MAX_FIELDS];
    size_t pos = 0;
    while (pos < len) {
        const char *line = body + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t k = nl ? (size_t)(nl - line) : len - pos;
        pos += k + (nl ? 1 : 0);
        line_no++;
        if (k && line[k - 1] == '\r')
            k--;
        if (k == 0)
            continue; /* a blank line (the last one, usually) */
        int n = split(line, k, f);
        if (n > MAX_FIELDS) {
            rc = mf_error_set(err, MF_EPARSE, WHAT ": line %d: more than %d fields", line_no,
                              MAX_FIELDS);
            goto out;
        }
        if (ncols == 0) { /* the header */
            if (memchr(line, '<', k)) {
                rc = mf_error_set(err, MF_EPARSE, WHAT ": body is not the CSV (HTML?): '%.*s'",
                                  (int)(k < 40 ? k : 40), line);
                goto out;
            }
            for (int c = 0; c < N_COLS; c++)
                col[c] = -1;
            for (int i = 0; i < n; i++) {
                char name[64];
                fold(f[i].s, f[i].len, utf8, name, sizeof name);
                for (int c = 0; c < N_COLS; c++)
                    if (strcmp(name, col_names[c]) == 0)
                        col[c] = i;
            }
            for (int c = 0; c < N_COLS; c++)
                if (col[c] < 0) {
                    rc = mf_error_set(err, MF_EPARSE,
                                      WHAT ": line 1: the header has no column '%s': '%.*s'",
                                      col_names[c], (int)(k < 120 ? k : 120), line);
                    goto out;
                }
            ncols = n;
            continue;
        }
        if (n != ncols) {
            rc = mf_error_set(err, MF_EPARSE, WHAT ": line %d: %d fields, the header has %d",
                              line_no, n, ncols);
            goto out;
        }
        const field *ft = &f[col[C_TYPE]];
        const mf_td_type *t = mf_td_type_of_title(ft->s, ft->len);
        if (!t) {
            rc = mf_error_set(err, MF_EPARSE, WHAT ": line %d: unknown bond type '%.*s'", line_no,
                              (int)(ft->len < 80 ? ft->len : 80), ft->s);
            goto out;
        }
        mf_date maturity, day;
        double buy_rate, sell_rate, buy_pu, sell_pu, base_pu;
        if ((rc = cell_date(&f[col[C_MATURITY]], line_no, "Data Vencimento", &maturity, err)) ||
            (rc = cell_date(&f[col[C_BASE]], line_no, "Data Base", &day, err)) ||
            (rc = cell_number(&f[col[C_BUY_RATE]], line_no, "Taxa Compra", &buy_rate, err)) ||
            (rc = cell_number(&f[col[C_SELL_RATE]], line_no, "Taxa Venda", &sell_rate, err)) ||
            (rc = cell_number(&f[col[C_BUY_PU]], line_no, "PU Compra", &buy_pu, err)) ||
            (rc = cell_number(&f[col[C_SELL_PU]], line_no, "PU Venda", &sell_pu, err)) ||
            (rc = cell_number(&f[col[C_BASE_PU]], line_no, "PU Base", &base_pu, err)))
            goto out;
        if (buy_pu < 0 || sell_pu < 0 || base_pu < 0) {
            rc = mf_error_set(err, MF_EPARSE, WHAT ": line %d: a negative PU", line_no);
            goto out;
        }
        if (day < from || day > to)
            continue;
        char ticker[MF_CONN_KEY_MAX];
        mf_td_ticker(t, maturity, ticker, sizeof ticker);
        mf_conn_row row = mf_conn_row_init(MF_CONN_PRICE, ticker);
        row.date = day;
        row.available_at = day; /* the morning quotes are public on the Data Base itself */
        row.high = buy_pu > 0 ? buy_pu : NAN; /* PU 0: not offered for purchase */
        row.low = row.close = sell_pu > 0 ? sell_pu : NAN;
        row.settle = base_pu > 0 ? base_pu : NAN;
        row.yield_pct = sell_pu > 0 ? sell_rate : NAN;
        (void)buy_rate; /* no column for the purchase rate: checked above, not kept */
        if (isnan(row.high) && isnan(row.close) && isnan(row.settle))
            continue; /* nothing quoted that day */
        if ((rc = mf_conn_rows_push(out, &row, err)) != 0)
            goto out;
    }
    if (ncols == 0)
        rc = mf_error_set(err, MF_EPARSE, WHAT ": the body is empty (no header)");
out:
    if (rc != 0)
        out->n = first;
    return rc;
}

/* ---- the treasurybondsinfo JSON ------------------------------------------------------------ */

#define JWHAT "tesouro_direto treasurybondsinfo.json"

static int bond_number(const json_t *bd, const char *name, size_t i, double *out, mf_error *err)
{
    const json_t *v = json_object_get(bd, name);
    if (!json_is_number(v))
        return mf_error_set(err, MF_EPARSE, JWHAT ": TrsrBdTradgList[%zu]: '%s' is %s", i, name,
                            v ? "not a number" : "missing");
    *out = json_number_value(v);
    if (!isfinite(*out) || (*out < 0 && strstr(name, "Val")))
        return mf_error_set(err, MF_EPARSE, JWHAT ": TrsrBdTradgList[%zu]: '%s' %g is out of range",
                            i, name, *out);
    return 0;
}

int mf_td_parse_bondsinfo(const char *body, size_t len, mf_conn_rows *out, mf_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(body, len, 0, &je);
    if (!root) {
        size_t k = 0;
        while (k < len && k < 40 && body[k] >= ' ' && body[k] < 127)
            k++;
        return mf_error_set(err, MF_EPARSE, JWHAT ": body is not JSON (%s): '%.*s'", je.text,
                            (int)k, body);
    }
    size_t first = out->n;
    int rc = 0;
    const json_t *resp = json_object_get(root, "response");
    const char *qtn =
        json_string_value(json_object_get(json_object_get(resp, "TrsrBondMkt"), "qtnDtTm"));
    const json_t *list = json_object_get(resp, "TrsrBdTradgList");
    mf_date day;
    mf_error e2 = {0};
    if (!qtn || strlen(qtn) < 10 || mf_date_parse_iso_n(qtn, 10, &day, &e2) != 0) {
        rc = mf_error_set(err, MF_EPARSE,
                          JWHAT ": response.TrsrBondMkt.qtnDtTm is missing or not an ISO time");
        goto out;
    }
    if (!json_is_array(list)) {
        rc = mf_error_set(err, MF_EPARSE, JWHAT ": response.TrsrBdTradgList is not an array");
        goto out;
    }
    size_t i;
    const json_t *item;
    json_array_foreach(list, i, item)
    {
        const json_t *bd = json_object_get(item, "TrsrBd");
        const char *nm = json_string_value(json_object_get(bd, "nm"));
        const char *mat = json_string_value(json_object_get(bd, "mtrtyDt"));
        const char *tp =
            json_string_value(json_object_get(json_object_get(item, "TrsrBdType"), "nm"));
        if (!nm || !mat || !tp) {
            rc = mf_error_set(err, MF_EPARSE,
                              JWHAT ": TrsrBdTradgList[%zu] lacks TrsrBd.nm, TrsrBd.mtrtyDt or "
                                    "TrsrBdType.nm",
                              i);
            goto out;
        }
        static const char *const by_type[][2] = {{"LTN", "LTN"},    {"NTN-F", "NTNF"},
                                                 {"LFT", "LFT"},    {"NTNB PRINC", "NTNB_PRINC"},
                                                 {"NTN-B", "NTNB"}, {"NTN-C", "NTNC"}};
        const char *code = NULL;
        for (size_t k = 0; k < sizeof by_type / sizeof by_type[0]; k++)
            if (strcmp(tp, by_type[k][0]) == 0)
                code = by_type[k][1];
        if (strcmp(tp, "NTN-B1") == 0) /* Renda+ and Educa+ are both NTN-B1: the name tells */
            code = strncmp(nm, "Tesouro Renda+", 14) == 0   ? "RENDA"
                   : strncmp(nm, "Tesouro Educa+", 14) == 0 ? "EDUCA"
                                                            : NULL;
        mf_date maturity;
        if (!code) {
            rc = mf_error_set(err, MF_EPARSE,
                              JWHAT ": TrsrBdTradgList[%zu]: unknown bond type "
                                    "'%.40s' ('%.60s')",
                              i, tp, nm);
            goto out;
        }
        if (strlen(mat) < 10 || mf_date_parse_iso_n(mat, 10, &maturity, &e2) != 0) {
            rc = mf_error_set(err, MF_EPARSE,
                              JWHAT ": TrsrBdTradgList[%zu]: mtrtyDt '%.40s' is "
                                    "not an ISO date",
                              i, mat);
            goto out;
        }
        double buy_pu, sell_pu, sell_rate;
        if ((rc = bond_number(bd, "untrInvstmtVal", i, &buy_pu, err)) ||
            (rc = bond_number(bd, "untrRedVal", i, &sell_pu, err)) ||
            (rc = bond_number(bd, "anulRedRate", i, &sell_rate, err)))
            goto out;
        char ticker[MF_CONN_KEY_MAX];
        const mf_td_type *t = mf_td_type_of_code(code, strlen(code));
        if (!t) { /* by_type names only codes of types[] */
            rc = mf_error_set(err, MF_ESTATE, JWHAT ": no bond type %s", code);
            goto out;
        }
        mf_td_ticker(t, maturity, ticker, sizeof ticker);
        mf_conn_row row = mf_conn_row_init(MF_CONN_PRICE, ticker);
        row.date = day;
        row.available_at = day;
        row.high = buy_pu > 0 ? buy_pu : NAN; /* 0.0: not offered for purchase */
        row.low = row.close = sell_pu > 0 ? sell_pu : NAN;
        row.yield_pct = sell_pu > 0 ? sell_rate : NAN;
        if (isnan(row.high) && isnan(row.close))
            continue;
        if ((rc = mf_conn_rows_push(out, &row, err)) != 0)
            goto out;
    }
out:
    if (rc != 0)
        out->n = first;
    json_decref(root);
    return rc;
}

/* ---- the connector ------------------------------------------------------------------------- */

#define REQUEST "PrecoTaxaTesouroDireto"

static int td_check_key(const char *key, mf_error *err)
{
    if (strcmp(key, REQUEST) == 0)
        return 0;
    const mf_td_type *t;
    mf_date maturity;
    int rc = mf_td_parse_ticker(key, &t, &maturity, err);
    if (rc != 0)
        mf_error_prefix(err, "tesouro_direto: ");
    return rc;
}

static void td_request_of(const char *key, char *buf, size_t size)
{
    (void)key; /* every bond is in the one file */
    snprintf(buf, size, REQUEST);
}

static int td_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                    mf_conn_rows *out, mf_error *err)
{
    if (strcmp(request, REQUEST) != 0)
        return mf_error_set(err, MF_EINVAL, "tesouro_direto: unknown request '%s' (only \"%s\")",
                            request, REQUEST);
    char url[1024];
    snprintf(url, sizeof url, "%s/" CSV_NAME, env->base_url);
    const char *body;
    size_t len;
    int rc = mf_conn_get(env, url, &body, &len, err);
    if (rc != 0) {
        mf_error_prefix(err, WHAT ": ");
        return rc; /* a 404 for the whole history is an error, not "no data" */
    }
    return mf_td_parse_csv(body, len, from, to, out, err);
}

static const char *const td_standing[] = {REQUEST, NULL};

const mf_connector mf_conn_tesouro_direto = {
    .name = "tesouro_direto",
    .summary = "Tesouro Direto bond prices and rates, daily since 2002 (one CSV on Tesouro "
               "Transparente)",
    .max_days = 0,
    .overlap_days = 10,
    .check_key = td_check_key,
    .request_of = td_request_of,
    .fetch = td_fetch,
    .standing_requests = td_standing,
};
