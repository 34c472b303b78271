/*
 * ibge_sidra.c - the IBGE SIDRA connector (ibge_sidra.h): the apisidra JSON parser, the web
 * export TSV parser and `mf_conn_ibge_sidra`.
 *
 * Request: {base}/t/{table}/n1/all/v/{variable}/p/all[/c{classification}/{category}]. The
 * whole history of one variable at the Brazil level is at most a few hundred values (IPCA
 * monthly since 1979: ~560), so every fetch reads it all and the engine keeps the range
 * asked for; this also sidesteps the period-code formats, which differ by table frequency.
 *
 * TLS: apisidra.ibge.gov.br needs OpenSSL's legacy renegotiation; the HTTP client does not
 * switch it on (see docs/connectors/ibge_sidra.md for the OpenSSL configuration to use).
 */
#include "data/connectors/ibge_sidra.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/connectors/bcb_common_int.h"
#include "data/connectors_int.h"

typedef enum period_kind {
    PER_NONE,
    PER_MONTH,
    PER_MOVING_QUARTER,
    PER_QUARTER,
    PER_YEAR
} period_kind;

/* A SIDRA value: a number with '.' decimals or one of the legend's symbols. */
static int sidra_value(const char *s, size_t len, double *out, mf_error *err)
{
    if (len == 1 && s[0] == '-') {
        *out = 0.0; /* absolute zero */
        return 0;
    }
    if ((len == 2 && memcmp(s, "..", 2) == 0) || (len == 3 && memcmp(s, "...", 3) == 0) ||
        (len == 1 && s[0] == 'X')) {
        *out = (double)NAN; /* not applicable / not available / suppressed */
        return 0;
    }
    return mf_conn_parse_number(s, len, false, false, out, err);
}

/* The period code s[0..len) of kind into the obs_date. */
static int sidra_period(period_kind kind, const char *s, size_t len, mf_date *out)
{
    if (!mf_bcb_is_digits(s, len))
        return -1;
    int year = 0;
    for (size_t i = 0; i < 4 && i < len; i++)
        year = year * 10 + s[i] - '0';
    int sub = len == 6 ? (s[4] - '0') * 10 + s[5] - '0' : 0;
    switch (kind) {
    case PER_MONTH:
    case PER_MOVING_QUARTER:
        if (len != 6 || sub < 1 || sub > 12)
            return -1;
        return mf_date_from_ymd(year, sub, 1, out, NULL) == 0 ? 0 : -1;
    case PER_QUARTER:
        if (len != 6 || sub < 1 || sub > 4)
            return -1;
        return mf_date_from_ymd(year, 3 * sub - 2, 1, out, NULL) == 0 ? 0 : -1;
    case PER_YEAR:
        if (len != 4)
            return -1;
        return mf_date_from_ymd(year, 1, 1, out, NULL) == 0 ? 0 : -1;
    default: return -1;
    }
}

/* The kind of period a header label names ("Mês (Código)"...), PER_NONE if none. */
static period_kind label_kind(const char *label)
{
    static const struct {
        const char *prefix;
        period_kind kind;
    } kinds[] = {{"Mês (", PER_MONTH},
                 {"Trimestre Móvel (", PER_MOVING_QUARTER},
                 {"Trimestre (", PER_QUARTER},
                 {"Ano (", PER_YEAR}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strncmp(label, kinds[i].prefix, strlen(kinds[i].prefix)) == 0)
            return kinds[i].kind;
    return PER_NONE;
}

/* The variable code of key ("1737/63/..." -> "63") into buf. */
static void key_variable(const char *key, char *buf, size_t size)
{
    const char *s = strchr(key, '/');
    s = s ? s + 1 : key;
    size_t n = strcspn(s, "/");
    snprintf(buf, size, "%.*s", (int)n, s);
}

int mf_ibge_sidra_parse_json(const char *body, size_t len, const char *key, const char *what,
                             mf_conn_rows *out, mf_error *err)
{
    char quote[160];
    size_t i0 = 0;
    while (i0 < len &&
           (body[i0] == ' ' || body[i0] == '\n' || body[i0] == '\r' || body[i0] == '\t'))
        i0++;
    if (i0 == len)
        return mf_error_set(err, MF_EPARSE, "%s: empty body", what);
    if (body[i0] == '<')
        return mf_error_set(err, MF_EPARSE, "%s: body is an HTML page, not JSON: '%s'", what,
                            mf_bcb_snippet(body + i0, len - i0, quote, sizeof quote));
    if (body[i0] != '[' && body[i0] != '{')
        return mf_error_set(err, MF_EINVAL, "%s: SIDRA error: '%s'", what,
                            mf_bcb_snippet(body + i0, len - i0, quote, sizeof quote));
    json_error_t je;
    json_t *doc = json_loadb(body, len, 0, &je);
    if (!doc)
        return mf_error_set(err, MF_EPARSE, "%s: body is not JSON (%s at byte %d): '%s'", what,
                            je.text, je.position, mf_bcb_snippet(body, len, quote, sizeof quote));
    int rc = 0;
    if (!json_is_array(doc)) {
        json_decref(doc);
        return mf_error_set(err, MF_EPARSE, "%s: body is not a JSON array: '%s'", what,
                            mf_bcb_snippet(body, len, quote, sizeof quote));
    }
    size_t n = json_array_size(doc);
    if (n == 0) {
        json_decref(doc);
        return 0;
    }
    json_t *hdr = json_array_get(doc, 0);
    json_t *vlabel = json_object_get(hdr, "V");
    if (!json_is_object(hdr) || !json_is_string(vlabel) ||
        strcmp(json_string_value(vlabel), "Valor") != 0) {
        json_decref(doc);
        return mf_error_set(err, MF_EPARSE,
                            "%s: the first element is not the header row (\"V\": \"Valor\")", what);
    }
    /* The period and variable dimensions, by their labels. */
    char pkey[8] = "", vkey[8] = "";
    period_kind kind = PER_NONE;
    const char *k;
    json_t *lab;
    json_object_foreach(hdr, k, lab)
    {
        size_t kl = strlen(k);
        if (kl < 3 || kl > 4 || k[0] != 'D' || k[kl - 1] != 'C' || !json_is_string(lab))
            continue;
        period_kind pk = label_kind(json_string_value(lab));
        if (pk != PER_NONE && kind == PER_NONE) {
            kind = pk;
            snprintf(pkey, sizeof pkey, "%s", k);
        } else if (strncmp(json_string_value(lab), "Variável (", 11) == 0) {
            snprintf(vkey, sizeof vkey, "%s", k);
        }
    }
    if (kind == PER_NONE) {
        json_decref(doc);
        return mf_error_set(err, MF_EPARSE,
                            "%s: no period dimension (Mês, Trimestre, Trimestre Móvel or Ano) "
                            "in the header row",
                            what);
    }
    char want_var[32];
    key_variable(key, want_var, sizeof want_var);
    mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
    for (size_t i = 1; i < n && rc == 0; i++) {
        json_t *o = json_array_get(doc, i);
        json_t *p = json_object_get(o, pkey), *v = json_object_get(o, "V");
        if (!json_is_object(o) || !json_is_string(p) || !json_is_string(v)) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: expected string \"%s\" and \"V\"", what,
                              i, pkey);
            break;
        }
        if (vkey[0]) {
            json_t *var = json_object_get(o, vkey);
            if (json_is_string(var) && strcmp(json_string_value(var), want_var) != 0) {
                rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: variable %s, expected %s", what, i,
                                  json_string_value(var), want_var);
                break;
            }
        }
        if (sidra_period(kind, json_string_value(p), json_string_length(p), &row.date) != 0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: period code '%.20s' is not valid", what,
                              i, json_string_value(p));
            break;
        }
        mf_error e;
        if (sidra_value(json_string_value(v), json_string_length(v), &row.value, &e) != 0) {
            rc = mf_error_set(err, MF_EPARSE,
                              "%s: row %zu: value '%.40s' is not a number with '.' decimals "
                              "nor a SIDRA symbol (-, .., ..., X)",
                              what, i, json_string_value(v));
            break;
        }
        rc = mf_conn_rows_push(out, &row, err);
    }
    json_decref(doc);
    return rc;
}

/* ---- the web export ------------------------------------------------------------------------ */

static const char *const month_names[12] = {"janeiro",  "fevereiro", "março",    "abril",
                                            "maio",     "junho",     "julho",    "agosto",
                                            "setembro", "outubro",   "novembro", "dezembro"};

/* "janeiro 1980" -> 1980-01-01; -1 when s[0..len) is not a month name and a year. */
static int month_label(const char *s, size_t len, mf_date *out)
{
    for (int m = 0; m < 12; m++) {
        size_t ml = strlen(month_names[m]);
        if (len == ml + 5 && memcmp(s, month_names[m], ml) == 0 && s[ml] == ' ' &&
            mf_bcb_is_digits(s + ml + 1, 4)) {
            int y = (s[ml + 1] - '0') * 1000 + (s[ml + 2] - '0') * 100 + (s[ml + 3] - '0') * 10 +
                    (s[ml + 4] - '0');
            return mf_date_from_ymd(y, m + 1, 1, out, NULL) == 0 ? 0 : -1;
        }
    }
    return -1;
}

int mf_ibge_sidra_parse_web_tsv(const char *body, size_t len, const char *key, const char *what,
                                mf_conn_rows *out, mf_error *err)
{
    const char *p = body, *end = body + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    bool in_data = false;
    size_t lineno = 0;
    mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t ll = (size_t)(le - p);
        if (ll > 0 && p[ll - 1] == '\r')
            ll--;
        const char *line = p;
        p = nl ? nl + 1 : end;
        lineno++;
        const char *tab = memchr(line, '\t', ll);
        if (!in_data) {
            if (tab && tab - line == 4 && memcmp(line, "Mês", 4) == 0)
                in_data = true;
            continue;
        }
        mf_date d;
        if (!tab || month_label(line, (size_t)(tab - line), &d) != 0)
            return 0; /* the end of the data: notes and legend follow */
        const char *v = tab + 1;
        size_t vl = (size_t)(line + ll - v);
        mf_error e;
        if (memchr(v, '\t', vl) || sidra_value(v, vl, &row.value, &e) != 0)
            return mf_error_set(err, MF_EPARSE,
                                "%s: line %zu: value '%.*s' is not a number with '.' decimals "
                                "nor a SIDRA symbol (-, .., ..., X)",
                                what, lineno, (int)(vl < 40 ? vl : 40), v);
        row.date = d;
        int rc = mf_conn_rows_push(out, &row, err);
        if (rc != 0)
            return rc;
    }
    if (!in_data)
        return mf_error_set(err, MF_EPARSE, "%s: no header line 'Mês<TAB>...' in the export", what);
    return 0;
}

/* ---- the connector ------------------------------------------------------------------------- */

int mf_ibge_sidra_check_key(const char *key, mf_error *err)
{
    int parts = 0;
    bool ok = true;
    for (const char *s = key; ok;) {
        size_t n = strcspn(s, "/");
        ok = n >= 1 && n <= 9 && mf_bcb_is_digits(s, n);
        parts++;
        if (s[n] == '\0')
            break;
        s += n + 1;
    }
    if (!ok || (parts != 2 && parts != 4))
        return mf_error_set(err, MF_EINVAL,
                            "ibge_sidra key '%s': expected table/variable or "
                            "table/variable/classification/category, in digits",
                            key);
    return 0;
}

static int sidra_check_key(const char *source_key, mf_error *err)
{
    return mf_ibge_sidra_check_key(source_key, err);
}

static void sidra_request_of(const char *source_key, char *buf, size_t size)
{
    snprintf(buf, size, "%s", source_key);
}

static int sidra_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                       mf_conn_rows *out, mf_error *err)
{
    (void)from, (void)to; /* the whole (short) history; the engine keeps the range */
    char what[96], url[512], t[16], v[16], c[16], cat[16];
    snprintf(what, sizeof what, "ibge_sidra %s", request);
    int rc = mf_ibge_sidra_check_key(request, err);
    if (rc != 0)
        return rc;
    int parts = sscanf(request, "%15[0-9]/%15[0-9]/%15[0-9]/%15[0-9]", t, v, c, cat);
    int n = parts == 4
                ? snprintf(url, sizeof url, "%s/t/%s/n1/all/v/%s/p/all/c%s/%s", env->base_url, t, v,
                           c, cat)
                : snprintf(url, sizeof url, "%s/t/%s/n1/all/v/%s/p/all", env->base_url, t, v);
    if (n < 0 || (size_t)n >= sizeof url)
        return mf_error_set(err, MF_ERANGE, "%s: URL too long (base URL '%s')", what,
                            env->base_url);
    const char *body;
    size_t len;
    rc = mf_conn_get(env, url, &body, &len, err);
    if (rc != 0) {
        if (err && strstr(err->msg, ": HTTP 4") && !strstr(err->msg, "attempts")) {
            char quote[200], msg[MF_ERROR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", err->msg);
            mf_bcb_error_body(env, url, quote, sizeof quote);
            return mf_error_set(err, rc, "%s: %s: '%s'", what, msg, quote);
        }
        return mf_error_prefix(err, "%s: ", what);
    }
    return mf_ibge_sidra_parse_json(body, len, request, what, out, err);
}

const mf_connector mf_conn_ibge_sidra = {
    .name = "ibge_sidra",
    .summary = "IBGE SIDRA aggregate tables (apisidra JSON): IPCA, INPC, IPCA-15, industrial "
               "production, at the Brazil level",
    .max_days = 0, /* each request reads the whole history of one variable */
    /* GDP and industrial production are revised for years; the request is the whole history
       anyway, and the engine keeps only the range it asks for */
    .overlap_days = 730,
    .check_key = sidra_check_key,
    .request_of = sidra_request_of,
    .fetch = sidra_fetch,
    .standing_requests = NULL,
};
