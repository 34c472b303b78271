/*
 * yahoo.c - the Yahoo Finance connector (unofficial v8 chart API): the parser of yahoo.h and
 * mf_conn_yahoo.
 *
 * fetch GETs {base}/{SYMBOL}?period1=P1&period2=P2&interval=1d&events=div%7Csplit with the
 * symbol percent-encoded ('^' -> %5E; '=' is sent as is, as browsers do), P1 = 00:00 UTC of
 * the day before `from`, P2 = 00:00 UTC of the day after `to`. HTTP 400 "Data doesn't exist"
 * (a range before the instrument's history) is zero rows; 404 (unknown symbol) is an error.
 */
#include "data/connectors/yahoo.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "data/connectors/us_util_int.h"
#include "data/connectors_int.h"

#define DAY_S              86400LL
#define TRADE_DATE_SHIFT_S (6 * 3600LL) /* see yahoo.h: DST-proof exchange-local date */

void mf_yahoo_symbol_of(const char *key, char *buf, size_t size)
{
    const char *colon = strrchr(key, ':');
    size_t n = strlen(key);
    if (colon && (strcmp(colon, ":close") == 0 || strcmp(colon, ":adjclose") == 0))
        n = (size_t)(colon - key);
    (void)snprintf(buf, size, "%.*s", (int)n, key);
}

static long long jint(const json_t *j, bool *ok)
{
    if (json_is_integer(j))
        return (long long)json_integer_value(j);
    *ok = false;
    return 0;
}

/* The number at arr[i]: NaN for null or a missing array. False for another type. */
static bool jnum_at(const json_t *arr, size_t i, double *out)
{
    const json_t *j = json_is_array(arr) ? json_array_get(arr, i) : NULL;
    if (!j || json_is_null(j)) {
        *out = NAN;
        return true;
    }
    if (!json_is_number(j))
        return false;
    *out = json_number_value(j);
    return true;
}

static double round_to(double x, double scale)
{
    return isnan(x) ? x : round(x * scale) / scale;
}

static int chart_error(const json_t *chart, const char *symbol, mf_error *err)
{
    const json_t *e = json_object_get(chart, "error");
    const char *code = json_string_value(json_object_get(e, "code"));
    const char *desc = json_string_value(json_object_get(e, "description"));
    if (desc && strncmp(desc, "Data doesn't exist", 18) == 0)
        return mf_error_set(err, MF_ENOTFOUND, "yahoo %s: %s", symbol, desc);
    return mf_error_set(err, MF_EIO, "yahoo %s: chart error '%s': %s", symbol, code ? code : "?",
                        desc ? desc : "(no description)");
}

int mf_yahoo_parse_chart(const char *body, size_t len, const char *symbol, mf_conn_rows *out,
                         mf_error *err)
{
    char who[96];
    (void)snprintf(who, sizeof who, "yahoo %s", symbol);
    json_t *root;
    int rc = mf_us_json_load(who, body, len, &root, err);
    if (rc != 0)
        return rc;
    size_t before = out->n;
    const json_t *chart = json_object_get(root, "chart");
    if (!json_is_object(chart)) {
        rc = mf_error_set(err, MF_EPARSE, "%s: body has no 'chart' object", who);
        goto done;
    }
    const json_t *e = json_object_get(chart, "error");
    if (e && !json_is_null(e)) {
        rc = chart_error(chart, symbol, err);
        goto done;
    }
    const json_t *results = json_object_get(chart, "result");
    const json_t *res = json_array_get(results, 0);
    if (!json_is_array(results) || json_array_size(results) != 1 || !json_is_object(res)) {
        rc = mf_error_set(err, MF_EPARSE, "%s: chart.result is not an array of one result", who);
        goto done;
    }
    const json_t *meta = json_object_get(res, "meta");
    const char *msym = json_string_value(json_object_get(meta, "symbol"));
    if (!msym || strcasecmp(msym, symbol) != 0) {
        rc = mf_error_set(err, MF_EPARSE, "%s: the answer is for symbol '%s'", who,
                          msym ? msym : "(none)");
        goto done;
    }
    bool ok = true;
    long long gmtoffset = jint(json_object_get(meta, "gmtoffset"), &ok);
    const json_t *jhint = json_object_get(meta, "priceHint");
    long long hint = json_is_integer(jhint) ? json_integer_value(jhint) : 4;
    if (!ok || hint < 0 || hint > 10) {
        rc = mf_error_set(err, MF_EPARSE,
                          "%s: meta has no integer gmtoffset or a priceHint "
                          "outside 0..10",
                          who);
        goto done;
    }
    double scale = pow(10.0, (double)hint);
    const json_t *ts = json_object_get(res, "timestamp");
    if (!ts) /* a window without bars */
        goto done;
    const json_t *quote =
        json_array_get(json_object_get(json_object_get(res, "indicators"), "quote"), 0);
    const json_t *adj = json_object_get(
        json_array_get(json_object_get(json_object_get(res, "indicators"), "adjclose"), 0),
        "adjclose");
    if (!json_is_array(ts) || !json_is_object(quote)) {
        rc = mf_error_set(err, MF_EPARSE,
                          "%s: 'timestamp' is not an array or there is no "
                          "indicators.quote[0]",
                          who);
        goto done;
    }
    size_t n = json_array_size(ts);
    const char *names[5] = {"open", "high", "low", "close", "volume"};
    const json_t *arr[5];
    for (int k = 0; k < 5; k++) {
        arr[k] = json_object_get(quote, names[k]);
        if (!json_is_array(arr[k]) || json_array_size(arr[k]) != n) {
            rc = mf_error_set(err, MF_EPARSE, "%s: indicators.quote[0].%s is not an array of %zu",
                              who, names[k], n);
            goto done;
        }
    }
    if (adj && (!json_is_array(adj) || json_array_size(adj) != n)) {
        rc = mf_error_set(err, MF_EPARSE, "%s: adjclose is not an array of %zu", who, n);
        goto done;
    }
    /* The session in progress: the last bar starts inside the current regular period and the
       last trade is before its end. */
    const json_t *reg = json_object_get(json_object_get(meta, "currentTradingPeriod"), "regular");
    bool rok = true;
    long long reg_start = jint(json_object_get(reg, "start"), &rok);
    long long reg_end = jint(json_object_get(reg, "end"), &rok);
    long long mkt_time = jint(json_object_get(meta, "regularMarketTime"), &rok);
    char pkey[MF_CONN_KEY_MAX], ckey[MF_CONN_KEY_MAX], akey[MF_CONN_KEY_MAX];
    (void)snprintf(pkey, sizeof pkey, "%s", symbol);
    (void)snprintf(ckey, sizeof ckey, "%s:close", symbol);
    (void)snprintf(akey, sizeof akey, "%s:adjclose", symbol);
    for (size_t i = 0; i < n; i++) {
        bool tok = true;
        long long t = jint(json_array_get(ts, i), &tok);
        if (!tok || t < -2208988800LL || t > 253402300799LL) {
            rc = mf_error_set(err, MF_EPARSE, "%s: timestamp %zu is not epoch seconds", who, i);
            goto done;
        }
        if (i == n - 1 && rok && t >= reg_start && t < reg_end && mkt_time < reg_end)
            break; /* in progress */
        double v[5], a;
        for (int k = 0; k < 5; k++)
            if (!jnum_at(arr[k], i, &v[k])) {
                rc = mf_error_set(err, MF_EPARSE, "%s: bar %zu: %s is not a number or null", who, i,
                                  names[k]);
                goto done;
            }
        if (!jnum_at(adj, i, &a)) {
            rc = mf_error_set(err, MF_EPARSE, "%s: bar %zu: adjclose is not a number or null", who,
                              i);
            goto done;
        }
        if (isnan(v[3]))
            continue; /* no close: no bar */
        long long local = t + gmtoffset + TRADE_DATE_SHIFT_S;
        long long days = local >= 0 ? local / DAY_S : -((-local + DAY_S - 1) / DAY_S);
        mf_conn_row p = mf_conn_row_init(MF_CONN_PRICE, pkey);
        p.date = (mf_date)days;
        p.available_at = p.date;
        p.open = round_to(v[0], scale);
        p.high = round_to(v[1], scale);
        p.low = round_to(v[2], scale);
        p.close = round_to(v[3], scale);
        p.volume = v[4];
        mf_conn_rows_push(out, &p, err);
        mf_conn_row c = mf_conn_row_init(MF_CONN_OBS, ckey);
        c.date = c.available_at = p.date;
        c.value = p.close;
        mf_conn_rows_push(out, &c, err);
        if (!isnan(a)) {
            mf_conn_row r = mf_conn_row_init(MF_CONN_OBS, akey);
            r.date = r.available_at = p.date;
            r.value = round_to(a, scale);
            mf_conn_rows_push(out, &r, err);
        }
    }
done:
    if (rc != 0)
        out->n = before;
    json_decref(root);
    return rc;
}

/* ---- the connector --------------------------------------------------------------------------- */

static bool symbol_char(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '^' || ch == '=' || ch == '.' || ch == '-' || ch == '&';
}

static int yahoo_check_key(const char *key, mf_error *err)
{
    char sym[MF_CONN_KEY_MAX];
    mf_yahoo_symbol_of(key, sym, sizeof sym);
    size_t n = strlen(sym);
    bool ok = n > 0 && n <= 24;
    for (size_t i = 0; i < n && ok; i++)
        ok = symbol_char(sym[i]);
    if (!ok)
        return mf_error_set(err, MF_EINVAL,
                            "yahoo: key '%s' is not a Yahoo symbol (letters, digits, ^ = . - &) "
                            "optionally followed by :close or :adjclose",
                            key);
    return 0;
}

static void yahoo_request_of(const char *key, char *buf, size_t size)
{
    mf_yahoo_symbol_of(key, buf, size);
}

static int yahoo_fetch(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                       mf_conn_rows *out, mf_error *err)
{
    if (yahoo_check_key(request, err) != 0)
        return MF_EINVAL;
    char enc[3 * MF_CONN_KEY_MAX], url[1024], who[96];
    size_t k = 0;
    for (const char *p = request; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '=' || ch == '.' || ch == '-')
            enc[k++] = (char)ch;
        else
            k += (size_t)snprintf(enc + k, sizeof enc - k, "%%%02X", ch);
    }
    enc[k] = '\0';
    long long p1 = ((long long)from - 1) * DAY_S, p2 = ((long long)to + 1) * DAY_S;
    (void)snprintf(url, sizeof url,
                   "%s/%s?period1=%lld&period2=%lld&interval=1d&events=div%%7Csplit", env->base_url,
                   enc, p1, p2);
    (void)snprintf(who, sizeof who, "yahoo %s", request);
    const char *body;
    size_t len;
    char errbody[1024];
    int rc = mf_us_get(env, who, url, &body, &len, errbody, sizeof errbody, err);
    if (rc != 0 && rc != MF_ENOTFOUND && errbody[0]) {
        /* HTTP 400: the chart error body says whether the range is merely before history */
        mf_error e2 = {0};
        if (mf_yahoo_parse_chart(errbody, strlen(errbody), request, out, &e2) == MF_ENOTFOUND)
            return 0;
    }
    if (rc != 0)
        return rc;
    return mf_yahoo_parse_chart(body, len, request, out, err);
}

const mf_connector mf_conn_yahoo = {
    .name = "yahoo",
    .summary = "Yahoo Finance chart API: daily prices of indices, ETFs, futures and FX",
    .max_days = 0,
    .overlap_days = 10,
    .check_key = yahoo_check_key,
    .request_of = yahoo_request_of,
    .fetch = yahoo_fetch,
    .standing_requests = NULL,
};
