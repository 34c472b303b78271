/*
 * handlers_series.c - the catalogue over HTTP: series search and detail, a series'
 * observations (over a range, as known on a date, or every vintage; JSON or CSV), and the
 * instruments.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "api/handlers.h"
#include "core/alloc.h"
#include "core/numfmt.h"
#include "core/series.h"
#include "store/repo_derived.h"
#include "store/repo_instruments.h"
#include "store/repo_observations.h"
#include "store/repo_series.h"
#include "store/rows_json.h"

/* Case-insensitive substring test of needle in s (needle NULL matches everything). */
static bool contains(const char *s, const char *needle)
{
    if (!needle)
        return true;
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return true;
    return false;
}

int mf_api_list_series(const mf_api_request *req, mf_api_response *resp)
{
    const char *source, *country, *category, *frequency, *q, *simulated;
    long limit, offset;
    if (mf_api_query_code(req, resp, "source", 31, &source) ||
        mf_api_query_code(req, resp, "country", 2, &country) ||
        mf_api_query_code(req, resp, "category", 63, &category) ||
        mf_api_query_choice(req, resp, "frequency", "D|W|M|Q|A", NULL, &frequency) ||
        mf_api_query_choice(req, resp, "simulated", "true|false", NULL, &simulated) ||
        mf_api_query_int(req, resp, "limit", 100, 1, 1000, &limit) ||
        mf_api_query_int(req, resp, "offset", 0, 0, 1000000, &offset))
        return 0;
    q = mf_api_query(req, "q");
    if (q && strlen(q) > 100)
        return mf_api_problem(resp, 400, "Bad Request",
                              "query parameter 'q': at most 100 characters");
    mf_series_filter f = MF_SERIES_FILTER_ALL;
    f.source = source;
    f.country = country;
    f.category = category;
    f.frequency = frequency ? frequency[0] : 0;
    f.simulated = simulated ? strcmp(simulated, "true") == 0 : -1;
    mf_series_info *rows = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_series_list(req->store, &f, &rows, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *items = json_array();
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!contains(rows[i].code, q) && !contains(rows[i].name, q))
            continue;
        if (total >= (size_t)offset && json_array_size(items) < (size_t)limit)
            json_array_append_new(items, mf_series_info_json(&rows[i]));
        total++;
    }
    mf_free(rows);
    resp->cacheable = true;
    return mf_api_json(resp, 200,
                       json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                                 "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

/* The series of the path's {code}, or a 400/404 problem (returns -1). */
static int series_of(const mf_api_request *req, mf_api_response *resp, mf_series_info *s)
{
    const char *code = mf_api_param(req, "code");
    mf_error err;
    if (mf_series_code_check(code, &err) != 0)
        return mf_api_problem(resp, 400, "Bad Request", "path parameter 'code': %s", err.msg), -1;
    if (mf_repo_series_get(req->store, code, s, &err) != 0)
        return mf_api_store_problem(resp, &err), -1;
    return 0;
}

int mf_api_get_series(const mf_api_request *req, mf_api_response *resp)
{
    mf_series_info s;
    if (series_of(req, resp, &s) != 0)
        return 0;
    json_t *o = mf_series_info_json(&s);
    mf_date last;
    bool found = false;
    mf_error err;
    if (mf_repo_obs_last_date(req->store, s.id, &last, &found, &err) != 0)
        return json_decref(o), mf_api_store_problem(resp, &err);
    json_object_set_new(o, "last_observation", found ? mf_api_json_date(last) : json_null());
    resp->cacheable = true;
    return mf_api_json(resp, 200, o);
}

/* A CSV value: the number's shortest round-trip digits, empty for missing. */
static void csv_number(mf_api_buf *b, double v)
{
    if (!isnan(v))
        mf_api_buf_json_number(b, v);
}

/* ISO dates of ascending days without a calendar conversion per day: "YYYY-MM-" is made once
   a month, the day of the month is the distance from its first day. */
typedef struct iso_month {
    mf_date first, last; /* the month of the last date written */
    char prefix[MF_DATE_ISO_SIZE];
} iso_month;

/* Writes d as YYYY-MM-DD at p (10 bytes, no NUL). */
static void iso_date(iso_month *m, mf_date d, char *p)
{
    if (d < m->first || d > m->last) {
        m->first = mf_date_month_start(d);
        m->last = mf_date_month_end(d);
        mf_date_format_iso(m->first, m->prefix);
    }
    int day = (int)(d - m->first) + 1;
    memcpy(p, m->prefix, 8);
    p[8] = (char)('0' + day / 10);
    p[9] = (char)('0' + day % 10);
}

/* Writes s[0..n) at p (a piece of a row, no NUL); returns the end. */
static char *put(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* Observation rows written as the store reads them. */
typedef struct obs_writer {
    mf_api_buf *body;
    iso_month month;
    size_t rows;
} obs_writer;

/* A row of the JSON array, written in place: a long series is one buffer, not a tree of JSON
   objects, and a row is one capacity check. ,{"obs_date":"YYYY-MM-DD","value": is 34 bytes,
   then the number's room and the closing brace. */
static int json_row(void *ctx, mf_date obs_date, double value, mf_error *err)
{
    (void)err;
    obs_writer *w = ctx;
    static const char open_row[] = ",{\"obs_date\":\""; /* no comma before the first */
    bool first = w->rows++ == 0;
    char *row = mf_api_buf_reserve(w->body, 34 + MF_DOUBLE_TEXT_SIZE + 1), *p = row;
    p = put(p, open_row + first, 14 - first);
    iso_date(&w->month, obs_date, p);
    p = put(p + 10, "\",\"value\":", 10);
    if (isfinite(value))
        p += mf_format_double_len(value, p);
    else
        p = put(p, "null", 4);
    *p++ = '}';
    w->body->len += (size_t)(p - row);
    return 0;
}

/* A CSV row: obs_date,value (empty when missing). */
static int csv_row(void *ctx, mf_date obs_date, double value, mf_error *err)
{
    (void)err;
    obs_writer *w = ctx;
    char *p = mf_api_buf_reserve(w->body, 11);
    iso_date(&w->month, obs_date, p);
    p[10] = ',';
    w->body->len += 11;
    csv_number(w->body, value);
    mf_api_buf_append(w->body, "\n", 1);
    return 0;
}

/* Starts the JSON document of a series' observations: {"code":...,"simulated":... */
static void begin_doc(mf_api_response *resp, const mf_series_info *s)
{
    resp->status = 200;
    snprintf(resp->content_type, sizeof resp->content_type, "application/json");
    mf_api_buf_append(&resp->body, "{\"code\":", 8);
    mf_api_buf_json_string(&resp->body, s->code);
    mf_api_buf_printf(&resp->body, ",\"simulated\":%s", s->simulated ? "true" : "false");
}

int mf_api_get_observations(const mf_api_request *req, mf_api_response *resp)
{
    mf_series_info s;
    mf_date from, to, as_of;
    const char *format, *vintages;
    if (series_of(req, resp, &s) != 0 || mf_api_query_date(req, resp, "from", MF_DATE_MIN, &from) ||
        mf_api_query_date(req, resp, "to", MF_DATE_MAX, &to) ||
        mf_api_query_date(req, resp, "as_of", MF_DATE_MAX, &as_of) ||
        mf_api_query_choice(req, resp, "vintages", "true|false", "false", &vintages) ||
        mf_api_query_choice(req, resp, "format", "json|csv", "json", &format))
        return 0;
    if (from > to)
        return mf_api_problem(resp, 400, "Bad Request",
                              "query parameters 'from' and 'to': the range ends before it starts");
    bool all = strcmp(vintages, "true") == 0, csv = strcmp(format, "csv") == 0;
    if (all && mf_api_query(req, "as_of"))
        return mf_api_problem(resp, 400, "Bad Request",
                              "query parameters 'as_of' and 'vintages': give one or the other");
    mf_error err;
    char d1[MF_DATE_ISO_SIZE], d2[MF_DATE_ISO_SIZE];
    resp->cacheable = true;
    if (all) {
        mf_obs_vintage *v = NULL;
        size_t n = 0;
        if (mf_repo_obs_vintages(req->store, s.id, from, to, &v, &n, &err) != 0)
            return mf_api_store_problem(resp, &err);
        if (csv) {
            mf_api_text(resp, 200, "text/csv; charset=utf-8");
            mf_api_buf_printf(&resp->body, "obs_date,available_at,value\n");
            for (size_t i = 0; i < n; i++) {
                mf_api_buf_printf(&resp->body, "%s,%s,", mf_date_format_iso(v[i].obs_date, d1),
                                  mf_date_format_iso(v[i].available_at, d2));
                csv_number(&resp->body, v[i].value);
                mf_api_buf_append(&resp->body, "\n", 1);
            }
        } else {
            begin_doc(resp, &s);
            mf_api_buf_append(&resp->body, ",\"vintages\":[", 13);
            for (size_t i = 0; i < n; i++) {
                mf_api_buf_printf(&resp->body,
                                  "%s{\"obs_date\":\"%s\",\"available_at\":\"%s\",\"value\":",
                                  i ? "," : "", mf_date_format_iso(v[i].obs_date, d1),
                                  mf_date_format_iso(v[i].available_at, d2));
                mf_api_buf_json_number(&resp->body, v[i].value);
                mf_api_buf_append(&resp->body, "}", 1);
            }
            mf_api_buf_append(&resp->body, "]}", 2);
        }
        mf_free(v);
        return 0;
    }
    obs_writer w = {.body = &resp->body, .month = {.first = 1, .last = 0}};
    if (csv) {
        mf_api_text(resp, 200, "text/csv; charset=utf-8");
        mf_api_buf_printf(&resp->body, "obs_date,value\n");
    } else {
        begin_doc(resp, &s);
        if (as_of == MF_DATE_MAX)
            mf_api_buf_append(&resp->body, ",\"as_of\":null", 13);
        else
            mf_api_buf_printf(&resp->body, ",\"as_of\":\"%s\"", mf_date_format_iso(as_of, d1));
        mf_api_buf_append(&resp->body, ",\"observations\":[", 17);
    }
    if (mf_repo_obs_asof_each(req->store, s.id, from, to, as_of, csv ? csv_row : json_row, &w,
                              &err) != 0)
        return mf_api_store_problem(resp, &err); /* replaces the rows begun */
    if (!csv)
        mf_api_buf_append(&resp->body, "]}", 2);
    return 0;
}

/* Appends the codes of n series ids to a JSON array. */
static int codes_json(mf_store *st, const int64_t *ids, size_t n, json_t *array, mf_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char code[MF_SERIES_CODE_MAX];
        int rc = mf_repo_series_code_of(st, ids[i], code, err);
        if (rc != 0)
            return rc;
        json_array_append_new(array, json_string(code));
    }
    return 0;
}

int mf_api_get_lineage(const mf_api_request *req, mf_api_response *resp)
{
    mf_series_info s;
    if (series_of(req, resp, &s) != 0)
        return 0;
    mf_derived_def def;
    bool derived = false;
    int64_t *users = NULL;
    size_t n_users = 0;
    mf_error err;
    json_t *inputs = json_array(), *used_by = json_array();
    int rc = mf_repo_derived_get(req->store, s.id, &def, &derived, &err);
    if (rc == 0 && derived)
        rc = codes_json(req->store, def.inputs, def.n_inputs, inputs, &err);
    if (rc == 0)
        rc = mf_repo_derived_inputs_of(req->store, s.id, &users, &n_users, &err);
    if (rc == 0)
        rc = codes_json(req->store, users, n_users, used_by, &err);
    mf_free(users);
    if (rc != 0) {
        json_decref(inputs);
        json_decref(used_by);
        return mf_api_store_problem(resp, &err);
    }
    json_t *o =
        json_pack("{s:s, s:b, s:b}", "code", s.code, "simulated", s.simulated, "derived", derived);
    if (derived) {
        json_t *params = json_loads(def.params, 0, NULL);
        json_object_set_new(o, "transform", json_string(def.transform));
        json_object_set_new(o, "params", params ? params : json_object());
        json_object_set_new(o, "computed_at",
                            def.computed_at ? json_integer(def.computed_at) : json_null());
    }
    json_object_set_new(o, "inputs", inputs);
    json_object_set_new(o, "used_by", used_by);
    resp->cacheable = true;
    return mf_api_json(resp, 200, o);
}

int mf_api_list_instruments(const mf_api_request *req, mf_api_response *resp)
{
    const char *asset_class, *type, *currency, *country;
    if (mf_api_query_code(req, resp, "asset_class", 15, &asset_class) ||
        mf_api_query_code(req, resp, "instrument_type", 15, &type) ||
        mf_api_query_code(req, resp, "currency", 3, &currency) ||
        mf_api_query_code(req, resp, "country", 2, &country))
        return 0;
    mf_instrument_filter f = MF_INSTRUMENT_FILTER_ALL;
    f.asset_class = asset_class;
    f.instrument_type = type;
    f.currency = currency;
    f.country = country;
    mf_instrument *rows = NULL;
    size_t n = 0;
    mf_error err;
    if (mf_repo_instrument_list(req->store, &f, &rows, &n, &err) != 0)
        return mf_api_store_problem(resp, &err);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, mf_instrument_json(&rows[i]));
    mf_free(rows);
    resp->cacheable = true;
    return mf_api_json(resp, 200, json_pack("{s:o}", "items", items));
}
