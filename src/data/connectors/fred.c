/*
 * fred.c - the FRED connector (St. Louis Fed API, api.stlouisfed.org/fred): the parsers of
 * fred.h and mf_conn_fred.
 *
 * fetch GETs {base}/series/observations?series_id=ID&api_key=KEY&file_type=json
 * &observation_start=FROM&observation_end=TO&sort_order=asc&limit=100000&offset=N (and
 * realtime_start=1776-07-04&realtime_end=9999-12-31 for "alfred:" keys: every vintage), page
 * after page while the envelope's count says more remain. An empty API key is an error before
 * any request. Point in time: see fred.h and docs/connectors/fred.md.
 */
#include "data/connectors/fred.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/connectors/us_util_int.h"
#include "data/connectors_int.h"

#define ALFRED_PREFIX   "alfred:"
#define FRED_PAGE_LIMIT 100000 /* the API's largest limit */

const char *mf_fred_series_id(const char *key, bool *vintages)
{
    size_t plen = strlen(ALFRED_PREFIX);
    bool v = strncmp(key, ALFRED_PREFIX, plen) == 0;
    if (vintages)
        *vintages = v;
    return v ? key + plen : key;
}

/* "." or "" -> NaN; else a '.'-decimal number. */
static int parse_value(const char *s, size_t n, double *out, mf_error *err)
{
    if (n == 0 || (n == 1 && s[0] == '.')) {
        *out = NAN;
        return 0;
    }
    return mf_conn_parse_number(s, n, false, false, out, err);
}

static int parse_obs(const json_t *o, size_t i, const char *key, bool vintages, mf_conn_rows *out,
                     mf_error *err)
{
    const char *id = mf_fred_series_id(key, NULL);
    if (!json_is_object(o))
        return mf_error_set(err, MF_EPARSE, "fred %s: observation %zu is not an object", id, i);
    const json_t *jd = json_object_get(o, "date"), *jv = json_object_get(o, "value");
    if (!json_is_string(jd) || !json_is_string(jv))
        return mf_error_set(err, MF_EPARSE,
                            "fred %s: observation %zu: 'date' and 'value' must be strings", id, i);
    mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
    mf_error e = {0};
    if (mf_date_parse_iso_n(json_string_value(jd), json_string_length(jd), &row.date, &e) != 0)
        return mf_error_set(err, MF_EPARSE, "fred %s: observation %zu: %s", id, i, e.msg);
    if (parse_value(json_string_value(jv), json_string_length(jv), &row.value, &e) != 0)
        return mf_error_set(err, MF_EPARSE, "fred %s: observation %zu (%s): value %s", id, i,
                            json_string_value(jd), e.msg);
    if (vintages) {
        const json_t *jr = json_object_get(o, "realtime_start");
        if (!json_is_string(jr) ||
            mf_date_parse_iso_n(json_string_value(jr), json_string_length(jr), &row.available_at,
                                &e) != 0)
            return mf_error_set(err, MF_EPARSE,
                                "fred %s: observation %zu (%s): no valid 'realtime_start'", id, i,
                                json_string_value(jd));
    }
    return mf_conn_rows_push(out, &row, err);
}

static long int_field(const json_t *root, const char *name, long dflt)
{
    const json_t *j = json_object_get(root, name);
    return json_is_integer(j) ? (long)json_integer_value(j) : dflt;
}

int mf_fred_parse_json(const char *body, size_t len, const char *key, mf_conn_rows *out,
                       mf_fred_page *page, mf_error *err)
{
    bool vintages;
    const char *id = mf_fred_series_id(key, &vintages);
    char who[96];
    (void)snprintf(who, sizeof who, "fred %s", id);
    json_t *root;
    int rc = mf_us_json_load(who, body, len, &root, err);
    if (rc != 0)
        return rc;
    const json_t *obs = root;
    mf_fred_page pg = {0};
    if (json_is_object(root)) {
        const json_t *msg = json_object_get(root, "error_message");
        if (json_is_string(msg)) {
            rc = mf_error_set(err, MF_EIO, "fred %s: error %ld: %s", id,
                              int_field(root, "error_code", 0), json_string_value(msg));
            goto out;
        }
        obs = json_object_get(root, "observations");
    }
    if (!json_is_array(obs)) {
        rc = mf_error_set(err, MF_EPARSE, "fred %s: body has no 'observations' array", id);
        goto out;
    }
    size_t n = json_array_size(obs);
    pg.n = n;
    pg.count = json_is_object(root) ? int_field(root, "count", (long)n) : (long)n;
    pg.offset = json_is_object(root) ? int_field(root, "offset", 0) : 0;
    size_t before = out->n;
    for (size_t i = 0; i < n; i++) {
        rc = parse_obs(json_array_get(obs, i), i, key, vintages, out, err);
        if (rc != 0) {
            out->n = before;
            goto out;
        }
    }
    if (page)
        *page = pg;
out:
    json_decref(root);
    return rc;
}

/* ---- fredgraph CSV -------------------------------------------------------------------------- */

int mf_fred_parse_csv(const char *body, size_t len, const char *key, mf_conn_rows *out,
                      mf_error *err)
{
    const char *id = mf_fred_series_id(key, NULL);
    size_t before = out->n, pos = 0, line_no = 0;
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a UTF-8 byte-order mark */
    while (pos < len) {
        const char *line = body + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        line_no++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0)
            continue;
        const char *comma = memchr(line, ',', n);
        if (!comma || memchr(comma + 1, ',', n - (size_t)(comma + 1 - line)))
            goto bad_line;
        size_t flen = (size_t)(comma - line), vlen = n - flen - 1;
        if (line_no == 1) {
            bool hdr_ok = (flen == 16 && memcmp(line, "observation_date", 16) == 0) ||
                          (flen == 4 && memcmp(line, "DATE", 4) == 0);
            if (!hdr_ok || vlen != strlen(id) || memcmp(comma + 1, id, vlen) != 0) {
                out->n = before;
                return mf_error_set(err, MF_EPARSE,
                                    "fred %s: fredgraph CSV header is '%.*s', expected "
                                    "'observation_date,%s' or 'DATE,%s'",
                                    id, (int)(n < 80 ? n : 80), line, id, id);
            }
            continue;
        }
        mf_conn_row row = mf_conn_row_init(MF_CONN_OBS, key);
        mf_error e = {0};
        if (mf_date_parse_iso_n(line, flen, &row.date, &e) != 0 ||
            parse_value(comma + 1, vlen, &row.value, &e) != 0) {
            out->n = before;
            return mf_error_set(err, MF_EPARSE, "fred %s: fredgraph CSV line %zu: %s", id, line_no,
                                e.msg);
        }
        mf_conn_rows_push(out, &row, err);
        continue;
    bad_line:
        out->n = before;
        return mf_error_set(err, MF_EPARSE,
                            "fred %s: fredgraph CSV line %zu is not 'date,value': '%.*s'", id,
                            line_no, (int)(n < 60 ? n : 60), line);
    }
    if (line_no == 0)
        return mf_error_set(err, MF_EPARSE, "fred %s: fredgraph CSV is empty", id);
    return 0;
}

/* ---- the connector -------------------------------------------------------------------------- */

static int fred_check_key(const char *key, mf_error *err)
{
    const char *id = mf_fred_series_id(key, NULL);
    size_t n = strlen(id);
    if (n == 0 || n > 40)
        return mf_error_set(err, MF_EINVAL, "fred: key '%s' is not a FRED series id", key);
    for (size_t i = 0; i < n; i++) {
        char ch = id[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
            return mf_error_set(err, MF_EINVAL,
                                "fred: key '%s' is not a FRED series id (A-Z, 0-9, '_'; "
                                "\"alfred:ID\" for every vintage)",
                                key);
    }
    return 0;
}

static void fred_request_of(const char *key, char *buf, size_t size)
{
    (void)snprintf(buf, size, "%s", key);
}

static int fred_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                      mf_conn_rows *out, mf_error *err)
{
    bool vintages;
    const char *id = mf_fred_series_id(request, &vintages);
    if (fred_check_key(request, err) != 0)
        return MF_EINVAL;
    if (!env->api_key || !env->api_key[0])
        return mf_error_set(err, MF_ECONFIG,
                            "fred: no API key: set fred.api_key in the config or MF_FRED_API_KEY");
    for (const char *k = env->api_key; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9')))
            return mf_error_set(err, MF_ECONFIG,
                                "fred: the API key has a character other than letters and digits "
                                "(fred.api_key / MF_FRED_API_KEY)");
    char f[MF_DATE_ISO_SIZE], t[MF_DATE_ISO_SIZE], who[96], url[1024];
    mf_date_format_iso(from, f);
    mf_date_format_iso(to, t);
    (void)snprintf(who, sizeof who, "fred %s", id);
    size_t before = out->n;
    long offset = 0;
    for (int pages = 0;; pages++) {
        int w = snprintf(url, sizeof url,
                         "%s/series/observations?series_id=%s&api_key=%s&file_type=json"
                         "&observation_start=%s&observation_end=%s&sort_order=asc&limit=%d"
                         "&offset=%ld%s",
                         env->base_url, id, env->api_key, f, t, FRED_PAGE_LIMIT, offset,
                         vintages ? "&realtime_start=1776-07-04&realtime_end=9999-12-31" : "");
        if (w < 0 || (size_t)w >= sizeof url)
            return mf_error_set(err, MF_EINVAL, "%s: URL too long", who);
        const char *body;
        size_t len;
        mf_fred_page pg;
        int rc = mf_us_get(env, who, url, &body, &len, NULL, 0, err);
        if (rc == 0)
            rc = mf_fred_parse_json(body, len, request, out, &pg, err);
        if (rc != 0) {
            out->n = before;
            return rc;
        }
        if (pg.offset != offset) {
            out->n = before;
            return mf_error_set(err, MF_EPARSE, "%s: asked for offset %ld, got a page at %ld", who,
                                offset, pg.offset);
        }
        offset += (long)pg.n;
        if (pg.n == 0 || offset >= pg.count)
            return 0;
        if (pages > 10000) {
            out->n = before;
            return mf_error_set(err, MF_ERANGE, "%s: more than 10000 pages", who);
        }
    }
}

const mf_connector mf_conn_fred = {
    .name = "fred",
    .summary = "FRED (St. Louis Fed): US rates, inflation, activity, FX H.10; ALFRED vintages",
    .max_days = 0,
    .overlap_days = 14,
    .check_key = fred_check_key,
    .request_of = fred_request_of,
    .fetch = fred_fetch,
    .standing_requests = NULL,
};
