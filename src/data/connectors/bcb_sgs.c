/*
 * bcb_sgs.c - the BCB SGS connector (bcb_sgs.h): the JSON parser, the range fetch shared with
 * bcb_fx_flow, and `mf_conn_bcb_sgs` (one request per series code; daily series are limited
 * by the service to 10-year windows, so max_days is 3650).
 */
#include "data/connectors/bcb_sgs.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/connectors/bcb_common_int.h"
#include "data/connectors_int.h"

int mf_bcb_sgs_parse(const char *body, size_t len, const char *key, const char *what,
                     mf_conn_rows *out, mf_error *err)
{
    char quote[96];
    json_error_t je;
    json_t *doc = json_loadb(body, len, 0, &je);
    if (!doc)
        return mf_error_set(err, MF_EPARSE, "%s: body is not JSON (%s at byte %d): '%s'", what,
                            je.text, je.position, mf_bcb_snippet(body, len, quote, sizeof quote));
    int rc = 0;
    if (json_is_object(doc)) {
        json_t *e = json_object_get(doc, "error"), *e2 = json_object_get(doc, "erro");
        if (json_is_object(e2))
            e2 = json_object_get(e2, "detail");
        const char *m = json_is_string(e)    ? json_string_value(e)
                        : json_is_string(e2) ? json_string_value(e2)
                                             : NULL;
        rc = m ? mf_error_set(err, MF_EINVAL, "%s: SGS error: '%s'", what, m)
               : mf_error_set(err, MF_EPARSE, "%s: body is a JSON object, not an array: '%s'", what,
                              mf_bcb_snippet(body, len, quote, sizeof quote));
        json_decref(doc);
        return rc;
    }
    if (!json_is_array(doc)) {
        json_decref(doc);
        return mf_error_set(err, MF_EPARSE, "%s: body is not a JSON array: '%s'", what,
                            mf_bcb_snippet(body, len, quote, sizeof quote));
    }
    mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
    size_t n = json_array_size(doc);
    for (size_t i = 0; i < n && rc == 0; i++) {
        json_t *o = json_array_get(doc, i);
        json_t *d = json_object_get(o, "data"), *v = json_object_get(o, "valor");
        if (!json_is_object(o) || !json_is_string(d) || !json_is_string(v)) {
            rc = mf_error_set(err, MF_EPARSE,
                              "%s: row %zu: expected an object with string \"data\" and "
                              "\"valor\"",
                              what, i + 1);
            break;
        }
        const char *ds = json_string_value(d), *vs = json_string_value(v);
        size_t dl = json_string_length(d), vl = json_string_length(v);
        mf_error e;
        if (mf_date_parse_br_n(ds, dl, &row.date, &e) != 0) {
            rc = mf_error_set(err, MF_EPARSE, "%s: row %zu: date '%.*s' is not dd/mm/aaaa", what,
                              i + 1, (int)(dl < 40 ? dl : 40), ds);
            break;
        }
        if (mf_conn_parse_number(vs, vl, false, false, &row.value, &e) != 0) {
            rc = mf_error_set(err, MF_EPARSE,
                              "%s: row %zu: value '%.*s' is not a number with '.' decimals", what,
                              i + 1, (int)(vl < 40 ? vl : 40), vs);
            break;
        }
        rc = mf_conn_rows_push(out, &row, err);
    }
    json_decref(doc);
    return rc;
}

int mf_bcb_sgs_check_code(const char *source, const char *code, mf_error *err)
{
    size_t len = strlen(code);
    if (len > 9 || !mf_bcb_is_digits(code, len) || code[0] == '0')
        return mf_error_set(err, MF_EINVAL,
                            "%s key '%s': expected an SGS series code (1 to 9 digits, no "
                            "leading zero)",
                            source, code);
    return 0;
}

/* The HTTP status in a message of mf_http_get() ("GET URL: HTTP 406"), or 0. */
static long status_in(const char *msg)
{
    const char *p = strstr(msg, ": HTTP ");
    return p ? strtol(p + 7, NULL, 10) : 0;
}

int mf_bcb_sgs_fetch_code(const mf_conn_env *env, const char *source, const char *code,
                          mf_date from, mf_date to, mf_conn_rows *out, mf_error *err)
{
    char what[96], url[1024], d0[MF_DATE_BR_SIZE], d1[MF_DATE_BR_SIZE];
    mf_error local;
    if (!err)
        err = &local; /* the status of a failed GET is read from the message */
    snprintf(what, sizeof what, "%s %s", source, code);
    int rc = mf_bcb_sgs_check_code(source, code, err);
    if (rc != 0)
        return rc;
    if (from > to)
        return mf_error_set(err, MF_EINVAL, "%s: range starts after it ends", what);
    int n =
        snprintf(url, sizeof url, "%s/bcdata.sgs.%s/dados?formato=json&dataInicial=%s&dataFinal=%s",
                 env->base_url, code, mf_date_format_br(from, d0), mf_date_format_br(to, d1));
    if (n < 0 || (size_t)n >= sizeof url)
        return mf_error_set(err, MF_ERANGE, "%s: URL too long (base URL '%s')", what,
                            env->base_url);
    const char *body;
    size_t len;
    rc = mf_conn_get(env, url, &body, &len, err);
    if (rc == MF_ENOTFOUND)
        return 0; /* SGS answers 404 for a range without data */
    if (rc != 0) {
        long status = status_in(err->msg);
        if (status >= 400 && status < 500 && status != 429 && !strstr(err->msg, "attempts")) {
            char quote[200];
            mf_bcb_error_body(env, url, quote, sizeof quote);
            return mf_error_set(err, rc, "%s: HTTP %ld: '%s' (GET %s)", what, status, quote, url);
        }
        return mf_error_prefix(err, "%s: ", what);
    }
    return mf_bcb_sgs_parse(body, len, code, what, out, err);
}

static int sgs_check_key(const char *source_key, mf_error *err)
{
    return mf_bcb_sgs_check_code("bcb_sgs", source_key, err);
}

static void sgs_request_of(const char *source_key, char *buf, size_t size)
{
    snprintf(buf, size, "%s", source_key);
}

static int sgs_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                     mf_conn_rows *out, mf_error *err)
{
    return mf_bcb_sgs_fetch_code(env, "bcb_sgs", request, from, to, out, err);
}

const mf_connector mf_conn_bcb_sgs = {
    .name = "bcb_sgs",
    .summary = "BCB SGS time series (api.bcb.gov.br, JSON): rates, inflation, activity, "
               "labour, fiscal, external, credit, money, FX",
    .max_days = 3650,    /* daily series: the service refuses windows over 10 years (HTTP 406) */
    .overlap_days = 365, /* fiscal/activity series are revised in place; 4390 grows daily */
    .check_key = sgs_check_key,
    .request_of = sgs_request_of,
    .fetch = sgs_fetch,
    .standing_requests = NULL,
};
