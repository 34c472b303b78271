/*
 * handlers_instruments.c - one instrument over HTTP and its daily prices point in time: over a
 * range, as known on a date (the latest vintage with available_at on or before it), or every
 * vintage; JSON or CSV. Prices are in the instrument's quote convention (docs/storage.md:
 * a DI1 future's prices are its rate, % a year BUS/252); volume in contracts (or units).
 */
#include <math.h>
#include <string.h>

#include "api/handlers.h"
#include "core/alloc.h"
#include "core/series.h"
#include "store/repo_instruments.h"
#include "store/repo_market_prices.h"
#include "store/rows_json.h"

/* The instrument of the path's {ticker}, or a 400/404 problem (returns -1). */
static int instrument_of(const mf_api_request *req, mf_api_response *resp, mf_instrument *in)
{
    const char *ticker = mf_api_param(req, "ticker");
    mf_error err;
    if (mf_series_code_check(ticker, &err) != 0) /* tickers follow the rules of codes */
        return mf_api_problem(resp, 400, "Bad Request", "path parameter 'ticker': %s", err.msg), -1;
    if (mf_repo_instrument_get(req->store, ticker, in, &err) != 0)
        return mf_api_store_problem(resp, &err), -1;
    return 0;
}

int mf_api_get_instrument(const mf_api_request *req, mf_api_response *resp)
{
    mf_instrument in;
    if (instrument_of(req, resp, &in) != 0)
        return 0;
    mf_date last;
    bool found = false;
    mf_error err;
    if (mf_repo_price_last_date(req->store, in.id, &last, &found, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *o = mf_instrument_json(&in);
    json_object_set_new(o, "last_price_date", found ? mf_api_json_date(last) : json_null());
    resp->cacheable = true;
    return mf_api_json(resp, 200, o);
}

static const char *const names[] = {"open",   "high",   "low",           "close",
                                    "settle", "volume", "open_interest", "yield_pct"};
enum { NVALUES = sizeof names / sizeof names[0] };

static void values_of(const mf_market_price *p, double v[NVALUES])
{
    v[0] = p->open, v[1] = p->high, v[2] = p->low, v[3] = p->close;
    v[4] = p->settle, v[5] = p->volume, v[6] = p->open_interest, v[7] = p->yield_pct;
}

static void write_csv(mf_api_response *resp, const mf_market_price *rows, size_t n)
{
    mf_api_text(resp, 200, "text/csv; charset=utf-8");
    mf_api_buf *b = &resp->body;
    mf_api_buf_printf(b, "price_date,available_at");
    for (int k = 0; k < NVALUES; k++)
        mf_api_buf_printf(b, ",%s", names[k]);
    mf_api_buf_append(b, "\n", 1);
    char d1[MF_DATE_ISO_SIZE], d2[MF_DATE_ISO_SIZE];
    for (size_t i = 0; i < n; i++) {
        double v[NVALUES];
        values_of(&rows[i], v);
        mf_api_buf_printf(b, "%s,%s", mf_date_format_iso(rows[i].price_date, d1),
                          mf_date_format_iso(rows[i].available_at, d2));
        for (int k = 0; k < NVALUES; k++) {
            mf_api_buf_append(b, ",", 1);
            if (!isnan(v[k])) /* missing: an empty field */
                mf_api_buf_json_number(b, v[k]);
        }
        mf_api_buf_append(b, "\n", 1);
    }
}

static void write_json(mf_api_response *resp, const mf_instrument *in, const char *as_of,
                       const char *key, const mf_market_price *rows, size_t n)
{
    resp->status = 200;
    snprintf(resp->content_type, sizeof resp->content_type, "application/json");
    mf_api_buf *b = &resp->body;
    mf_api_buf_append(b, "{\"ticker\":", 10);
    mf_api_buf_json_string(b, in->ticker);
    /* as in the instrument's JSON (rows_json.c): its prices come from the simulated market */
    mf_api_buf_printf(b, ",\"simulated\":%s",
                      strcmp(in->source, "simulated") == 0 ? "true" : "false");
    if (as_of)
        mf_api_buf_printf(b, ",\"as_of\":\"%s\"", as_of);
    else
        mf_api_buf_append(b, ",\"as_of\":null", 13);
    mf_api_buf_printf(b, ",\"%s\":[", key);
    char d1[MF_DATE_ISO_SIZE], d2[MF_DATE_ISO_SIZE];
    for (size_t i = 0; i < n; i++) {
        double v[NVALUES];
        values_of(&rows[i], v);
        mf_api_buf_printf(b, "%s{\"price_date\":\"%s\",\"available_at\":\"%s\"", i ? "," : "",
                          mf_date_format_iso(rows[i].price_date, d1),
                          mf_date_format_iso(rows[i].available_at, d2));
        for (int k = 0; k < NVALUES; k++) {
            mf_api_buf_printf(b, ",\"%s\":", names[k]);
            mf_api_buf_json_number(b, v[k]); /* null when missing */
        }
        mf_api_buf_append(b, "}", 1);
    }
    mf_api_buf_append(b, "]}", 2);
}

int mf_api_get_instrument_prices(const mf_api_request *req, mf_api_response *resp)
{
    mf_instrument in;
    mf_date from, to, as_of;
    const char *format, *vintages;
    if (instrument_of(req, resp, &in) != 0 ||
        mf_api_query_date(req, resp, "from", MF_DATE_MIN, &from) ||
        mf_api_query_date(req, resp, "to", MF_DATE_MAX, &to) ||
        mf_api_query_date(req, resp, "as_of", MF_DATE_MAX, &as_of) ||
        mf_api_query_choice(req, resp, "vintages", "true|false", "false", &vintages) ||
        mf_api_query_choice(req, resp, "format", "json|csv", "json", &format))
        return 0;
    if (from > to)
        return mf_api_problem(resp, 400, "Bad Request",
                              "query parameters 'from' and 'to': the range ends before it starts");
    bool all = strcmp(vintages, "true") == 0;
    if (all && mf_api_query(req, "as_of"))
        return mf_api_problem(resp, 400, "Bad Request",
                              "query parameters 'as_of' and 'vintages': give one or the other");
    mf_market_price *rows = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_price_history(req->store, in.id, from, to, as_of, all, &rows, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    char day[MF_DATE_ISO_SIZE];
    if (strcmp(format, "csv") == 0)
        write_csv(resp, rows, n);
    else
        write_json(resp, &in, as_of == MF_DATE_MAX ? NULL : mf_date_format_iso(as_of, day),
                   all ? "vintages" : "prices", rows, n);
    mf_free(rows);
    resp->cacheable = true;
    return 0;
}
