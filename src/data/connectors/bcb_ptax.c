/*
 * bcb_ptax.c - the BCB PTAX connector (bcb_ptax.h): JSON and CSV parsers of the Olinda PTAX
 * resources, and `mf_conn_bcb_ptax` (one request per currency).
 *
 * Requests (base URL .../olinda/servico/PTAX/versao/v1/odata, dates month-first and quoted):
 *   USD:   /CotacaoDolarPeriodo(dataInicial=@dataInicial,dataFinalCotacao=@dataFinalCotacao)
 *          ?@dataInicial='MM-DD-YYYY'&@dataFinalCotacao='MM-DD-YYYY'&$top=10000&$format=json
 *   other: /CotacaoMoedaPeriodo(moeda=@moeda,dataInicial=@dataInicial,
 *          dataFinalCotacao=@dataFinalCotacao)?@moeda='EUR'&...&$filter=tipoBoletim eq
 *          'Fechamento'&$top=10000&$format=json
 * (quotes and spaces percent-encoded). A range holds at most ~2,600 bulletins (max_days
 * 3650), far below $top; a full page is reported as an error rather than silently cut.
 */
#include "data/connectors/bcb_ptax.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "data/connectors/bcb_common_int.h"
#include "data/connectors_int.h"

enum { PTAX_TOP = 10000 };

/* One bulletin: its date, time of day and the four numbers (NaN when absent). */
typedef struct ptax_rec {
    mf_date date;
    int64_t micros; /* time of day, microseconds */
    size_t seq;     /* input order: the later of two equal timestamps wins */
    double buy, sell, pbuy, psell;
} ptax_rec;

typedef struct ptax_recs {
    ptax_rec *v;
    size_t n, cap;
} ptax_recs;

static void recs_push(ptax_recs *r, const ptax_rec *x)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = mf_reallocarray(r->v, r->cap, sizeof *r->v);
    }
    r->v[r->n] = *x;
    r->v[r->n].seq = r->n;
    r->n++;
}

/* Parses "yyyy-MM-dd HH:mm:ss" with an optional '.' and 1 to 6 fractional digits. */
static int parse_timestamp(const char *s, size_t len, mf_date *date, int64_t *micros)
{
    if (len < 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        return -1;
    if (mf_date_parse_iso_n(s, 10, date, NULL) != 0)
        return -1;
    const char *t = s + 11;
    if (!mf_bcb_is_digits(t, 2) || !mf_bcb_is_digits(t + 3, 2) || !mf_bcb_is_digits(t + 6, 2))
        return -1;
    int h = (t[0] - '0') * 10 + t[1] - '0', m = (t[3] - '0') * 10 + t[4] - '0',
        sec = (t[6] - '0') * 10 + t[7] - '0';
    if (h > 23 || m > 59 || sec > 60)
        return -1;
    int64_t us = ((int64_t)h * 3600 + (int64_t)m * 60 + sec) * 1000000;
    if (len > 19) {
        size_t nf = len - 20;
        if (s[19] != '.' || nf < 1 || nf > 6 || !mf_bcb_is_digits(s + 20, nf))
            return -1;
        int64_t frac = 0;
        for (size_t i = 0; i < 6; i++)
            frac = frac * 10 + (i < nf ? s[20 + i] - '0' : 0);
        us += frac;
    }
    *micros = us;
    return 0;
}

static int rec_cmp(const void *a, const void *b)
{
    const ptax_rec *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->micros != y->micros)
        return x->micros < y->micros ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

/* Sorts the bulletins and appends the rows of the last one of each date. */
static int emit(ptax_recs *r, const char *currency, mf_conn_rows *out, mf_error *err)
{
    if (r->n > 1)
        qsort(r->v, r->n, sizeof *r->v, rec_cmp);
    static const char *const names[] = {"buy", "sell", "parity_buy", "parity_sell"};
    char key[MF_CONN_KEY_MAX];
    for (size_t i = 0; i < r->n; i++) {
        const ptax_rec *x = &r->v[i];
        if (i + 1 < r->n && r->v[i + 1].date == x->date)
            continue; /* a later bulletin of the same date replaces this one */
        const double vals[] = {x->buy, x->sell, x->pbuy, x->psell};
        for (int k = 0; k < 4; k++) {
            if (k >= 2 && vals[k] != vals[k])
                continue; /* no parity in this resource */
            snprintf(key, sizeof key, "%s:%s", currency, names[k]);
            mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
            row.date = x->date;
            row.available_at = x->date;
            row.value = vals[k];
            int rc = mf_conn_rows_push(out, &row, err);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

/* Reads number field name of row o into *out (NaN when absent and optional). */
static int json_number(json_t *o, const char *name, bool required, double *out, const char *what,
                       size_t row, mf_error *err)
{
    json_t *v = json_object_get(o, name);
    if (!v && !required) {
        *out = (double)NAN;
        return 0;
    }
    if (!json_is_number(v)) {
        char quote[48] = "";
        if (json_is_string(v))
            mf_bcb_snippet(json_string_value(v), json_string_length(v), quote, sizeof quote);
        return mf_error_set(err, MF_EPARSE, "%s: row %zu: %s is not a JSON number%s%s%s", what, row,
                            name, quote[0] ? " ('" : "", quote, quote[0] ? "')" : "");
    }
    *out = json_number_value(v);
    if (!(*out > 0))
        return mf_error_set(err, MF_EPARSE, "%s: row %zu: %s %g is not a positive rate", what, row,
                            name, *out);
    return 0;
}

int mf_bcb_ptax_parse_json(const char *body, size_t len, const char *currency, const char *what,
                           mf_conn_rows *out, mf_error *err)
{
    json_t *root, *values;
    int rc = mf_bcb_olinda_values(body, len, what, &root, &values, err);
    if (rc != 0)
        return rc;
    ptax_recs recs = {0};
    size_t n = json_array_size(values);
    for (size_t i = 0; i < n && rc == 0; i++) {
        json_t *o = json_array_get(values, i);
        if (!json_is_object(o)) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu is not a JSON object", what, i + 1);
            break;
        }
        json_t *tb = json_object_get(o, "tipoBoletim");
        if (tb && !json_is_string(tb)) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: tipoBoletim is not a string", what,
                              i + 1);
            break;
        }
        if (tb && strcmp(json_string_value(tb), "Fechamento") != 0)
            continue; /* opening and intermediate bulletins are not the PTAX rate */
        json_t *ts = json_object_get(o, "dataHoraCotacao");
        ptax_rec x = {0};
        if (!json_is_string(ts) ||
            parse_timestamp(json_string_value(ts), json_string_length(ts), &x.date, &x.micros)) {
            rc = mf_error_set(err, MF_EPARSE,
                              "%s: row %zu: dataHoraCotacao is not 'yyyy-MM-dd HH:mm:ss.f'", what,
                              i + 1);
            break;
        }
        if ((rc = json_number(o, "cotacaoCompra", true, &x.buy, what, i + 1, err)) != 0 ||
            (rc = json_number(o, "cotacaoVenda", true, &x.sell, what, i + 1, err)) != 0 ||
            (rc = json_number(o, "paridadeCompra", false, &x.pbuy, what, i + 1, err)) != 0 ||
            (rc = json_number(o, "paridadeVenda", false, &x.psell, what, i + 1, err)) != 0)
            break;
        recs_push(&recs, &x);
    }
    if (rc == 0)
        rc = emit(&recs, currency, out, err);
    mf_free(recs.v);
    json_decref(root);
    return rc;
}

/* ---- CSV ----------------------------------------------------------------------------------- */

enum { COL_BUY, COL_SELL, COL_TS, COL_PBUY, COL_PSELL, COL_TYPE, NCOLS };
static const char *const col_names[NCOLS] = {"cotacaoCompra",  "cotacaoVenda",  "dataHoraCotacao",
                                             "paridadeCompra", "paridadeVenda", "tipoBoletim"};

typedef struct field {
    const char *s;
    size_t len;
} field;

/* Splits line[0..len) at commas outside double quotes into at most max fields (quotes
 * stripped; no "" escapes in this format). Returns the count, or -1 for an unclosed quote. */
static int split_csv(const char *line, size_t len, field *f, int max)
{
    int n = 0;
    size_t i = 0;
    for (;;) {
        if (n == max)
            return max + 1;
        if (i < len && line[i] == '"') {
            size_t j = i + 1;
            while (j < len && line[j] != '"')
                j++;
            if (j == len)
                return -1;
            f[n++] = (field){line + i + 1, j - i - 1};
            i = j + 1;
            if (i < len && line[i] != ',')
                return -1;
        } else {
            size_t j = i;
            while (j < len && line[j] != ',')
                j++;
            f[n++] = (field){line + i, j - i};
            i = j;
        }
        if (i >= len)
            return n;
        i++; /* the comma */
    }
}

int mf_bcb_ptax_parse_csv(const char *body, size_t len, const char *currency, const char *what,
                          mf_conn_rows *out, mf_error *err)
{
    char quote[96];
    const char *p = body, *end = body + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    int col[NCOLS];
    for (int k = 0; k < NCOLS; k++)
        col[k] = -1;
    bool header = false;
    ptax_recs recs = {0};
    int rc = 0;
    size_t lineno = 0;
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t ll = (size_t)(le - p);
        if (ll > 0 && p[ll - 1] == '\r')
            ll--;
        lineno++;
        field f[16];
        int nf = ll ? split_csv(p, ll, f, 16) : 0;
        const char *line = p;
        p = nl ? nl + 1 : end;
        if (ll == 0)
            continue;
        if (nf < 0 || nf > 16) {
            rc = mf_error_set(err, MF_EPARSE, "%s: line %zu: malformed CSV: '%s'", what, lineno,
                              mf_bcb_snippet(line, ll, quote, sizeof quote));
            break;
        }
        if (!header) {
            for (int i = 0; i < nf; i++)
                for (int k = 0; k < NCOLS; k++)
                    if (f[i].len == strlen(col_names[k]) &&
                        memcmp(f[i].s, col_names[k], f[i].len) == 0)
                        col[k] = i;
            if (col[COL_BUY] < 0 || col[COL_SELL] < 0 || col[COL_TS] < 0) {
                rc = mf_error_set(err, MF_EPARSE,
                                  "%s: line 1: expected a header with cotacaoCompra, "
                                  "cotacaoVenda, dataHoraCotacao: '%s'",
                                  what, mf_bcb_snippet(line, ll, quote, sizeof quote));
                break;
            }
            header = true;
            continue;
        }
        int need = 0;
        for (int k = 0; k < NCOLS; k++)
            if (col[k] >= need)
                need = col[k] + 1;
        if (nf < need) {
            rc = mf_error_set(err, MF_EPARSE, "%s: line %zu: %d fields, expected %d: '%s'", what,
                              lineno, nf, need, mf_bcb_snippet(line, ll, quote, sizeof quote));
            break;
        }
        if (col[COL_TYPE] >= 0) {
            field t = f[col[COL_TYPE]];
            if (!(t.len == 10 && memcmp(t.s, "Fechamento", 10) == 0))
                continue;
        }
        ptax_rec x = {.pbuy = (double)NAN, .psell = (double)NAN};
        field ts = f[col[COL_TS]];
        if (parse_timestamp(ts.s, ts.len, &x.date, &x.micros) != 0) {
            rc = mf_error_set(err, MF_EPARSE,
                              "%s: line %zu: dataHoraCotacao '%.*s' is not 'yyyy-MM-dd "
                              "HH:mm:ss.f'",
                              what, lineno, (int)(ts.len < 40 ? ts.len : 40), ts.s);
            break;
        }
        double *dst[] = {&x.buy, &x.sell, NULL, &x.pbuy, &x.psell};
        for (int k = 0; k < 5 && rc == 0; k++) {
            if (!dst[k] || col[k] < 0)
                continue;
            field v = f[col[k]];
            mf_error e;
            if (mf_conn_parse_number(v.s, v.len, true, false, dst[k], &e) != 0 || !(*dst[k] > 0))
                rc = mf_error_set(err, MF_EPARSE,
                                  "%s: line %zu: %s '%.*s' is not a positive number with ',' "
                                  "decimals",
                                  what, lineno, col_names[k], (int)(v.len < 40 ? v.len : 40), v.s);
        }
        if (rc == 0)
            recs_push(&recs, &x);
    }
    if (rc == 0 && !header)
        rc = mf_error_set(err, MF_EPARSE, "%s: empty CSV body (no header)", what);
    if (rc == 0)
        rc = emit(&recs, currency, out, err);
    mf_free(recs.v);
    return rc;
}

/* ---- the connector ------------------------------------------------------------------------- */

int mf_bcb_ptax_check_key(const char *key, mf_error *err)
{
    const char *c = strchr(key, ':');
    bool ok = c && c - key == 3;
    for (int i = 0; ok && i < 3; i++)
        ok = key[i] >= 'A' && key[i] <= 'Z';
    if (ok) {
        const char *f = c + 1;
        bool usd = strncmp(key, "USD", 3) == 0;
        ok = strcmp(f, "buy") == 0 || strcmp(f, "sell") == 0 ||
             (!usd && (strcmp(f, "parity_buy") == 0 || strcmp(f, "parity_sell") == 0));
    }
    if (!ok)
        return mf_error_set(err, MF_EINVAL,
                            "bcb_ptax key '%s': expected CUR:buy, CUR:sell, CUR:parity_buy or "
                            "CUR:parity_sell with CUR a 3-letter PTAX symbol (no parity for USD)",
                            key);
    return 0;
}

static int ptax_check_key(const char *source_key, mf_error *err)
{
    return mf_bcb_ptax_check_key(source_key, err);
}

static void ptax_request_of(const char *source_key, char *buf, size_t size)
{
    const char *c = strchr(source_key, ':');
    size_t n = c ? (size_t)(c - source_key) : strlen(source_key);
    snprintf(buf, size, "%.*s", (int)n, source_key);
}

static int ptax_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                      mf_conn_rows *out, mf_error *err)
{
    char what[64], url[1024];
    snprintf(what, sizeof what, "bcb_ptax %s", request);
    char probe[16];
    snprintf(probe, sizeof probe, "%s:buy", request);
    if (mf_bcb_ptax_check_key(probe, NULL) != 0)
        return mf_error_set(err, MF_EINVAL, "bcb_ptax: request '%s' is not a currency symbol",
                            request);
    if (from > to)
        return mf_error_set(err, MF_EINVAL, "%s: range starts after it ends", what);
    int y0, m0, d0, y1, m1, d1;
    mf_date_to_ymd(from, &y0, &m0, &d0);
    mf_date_to_ymd(to, &y1, &m1, &d1);
    int n;
    if (strcmp(request, "USD") == 0)
        n = snprintf(url, sizeof url,
                     "%s/CotacaoDolarPeriodo(dataInicial=@dataInicial,dataFinalCotacao="
                     "@dataFinalCotacao)?@dataInicial=%%27%02d-%02d-%04d%%27&@dataFinalCotacao="
                     "%%27%02d-%02d-%04d%%27&$top=%d&$format=json",
                     env->base_url, m0, d0, y0, m1, d1, y1, PTAX_TOP);
    else
        n = snprintf(url, sizeof url,
                     "%s/CotacaoMoedaPeriodo(moeda=@moeda,dataInicial=@dataInicial,"
                     "dataFinalCotacao=@dataFinalCotacao)?@moeda=%%27%s%%27&@dataInicial=%%27%02d-"
                     "%02d-%04d%%27&@dataFinalCotacao=%%27%02d-%02d-%04d%%27&$filter=tipoBoletim%%"
                     "20eq%%20%%27Fechamento%%27&$top=%d&$format=json",
                     env->base_url, request, m0, d0, y0, m1, d1, y1, PTAX_TOP);
    if (n < 0 || (size_t)n >= sizeof url)
        return mf_error_set(err, MF_ERANGE, "%s: URL too long (base URL '%s')", what,
                            env->base_url);
    const char *body;
    size_t len;
    int rc = mf_conn_get(env, url, &body, &len, err);
    if (rc == MF_ENOTFOUND)
        return mf_error_prefix(err, "%s: ", what); /* Olinda has no 404 for an empty range */
    if (rc != 0) {
        if (err && strstr(err->msg, ": HTTP 4") && !strstr(err->msg, "attempts")) {
            char quote[200], msg[MF_ERROR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", err->msg);
            mf_bcb_error_body(env, url, quote, sizeof quote);
            return mf_error_set(err, rc, "%s: %s: '%s'", what, msg, quote);
        }
        return mf_error_prefix(err, "%s: ", what);
    }
    size_t before = out->n;
    rc = mf_bcb_ptax_parse_json(body, len, request, what, out, err);
    size_t per_bulletin = strcmp(request, "USD") == 0 ? 2 : 4;
    if (rc == 0 && (out->n - before) / per_bulletin >= (size_t)PTAX_TOP)
        return mf_error_set(err, MF_ERANGE, "%s: a full page of %d bulletins: narrow the range",
                            what, PTAX_TOP);
    return rc;
}

const mf_connector mf_conn_bcb_ptax = {
    .name = "bcb_ptax",
    .summary = "BCB PTAX exchange rates (Olinda OData): USD and other currencies' closing "
               "buy/sell rates in BRL, and parities",
    .max_days = 3650,
    .overlap_days = 7, /* PTAX is not revised; a week catches a late bulletin */
    .check_key = ptax_check_key,
    .request_of = ptax_request_of,
    .fetch = ptax_fetch,
    .standing_requests = NULL,
};
