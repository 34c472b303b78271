/*
 * api.c - the handlers' helpers (api.h): the body buffer, validated parameters, and JSON,
 * text and RFC 7807 problem responses.
 */
#include "api/api.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/numfmt.h"

char *mf_api_buf_reserve(mf_api_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = mf_realloc(b->data, cap);
        b->cap = cap;
    }
    return b->data + b->len;
}

void mf_api_buf_append(mf_api_buf *b, const char *s, size_t n)
{
    memcpy(mf_api_buf_reserve(b, n), s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void mf_api_buf_printf(mf_api_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        mf_api_buf_append(b, small, (size_t)n);
        return;
    }
    char *big = mf_malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    mf_api_buf_append(b, big, (size_t)n);
    mf_free(big);
}

void mf_api_buf_free(mf_api_buf *b)
{
    mf_free(b->data);
    *b = (mf_api_buf){0};
}

const char *mf_api_param(const mf_api_request *req, const char *name)
{
    for (int i = 0; i < req->n_params; i++)
        if (strcmp(req->param_names[i], name) == 0)
            return req->params[i];
    return "";
}

const char *mf_api_query(const mf_api_request *req, const char *name)
{
    return req->query ? req->query(req->query_ctx, name) : NULL;
}

const char *mf_api_header(const mf_api_request *req, const char *name)
{
    return req->header ? req->header(req->query_ctx, name) : NULL;
}

const char *mf_api_format_time(int64_t t, char *buf)
{
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    char d[MF_DATE_ISO_SIZE];
    snprintf(buf, MF_API_TIME_SIZE, "%sT%02d:%02d:%02dZ", mf_date_format_iso((mf_date)days, d),
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    return buf;
}

int mf_api_problem(mf_api_response *resp, int status, const char *title, const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    /* The detail quotes what the client sent: keep it printable ASCII so the body is valid
       JSON (UTF-8) whatever bytes came in. */
    for (char *p = detail; *p; p++)
        if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20)
            *p = '?';
    json_t *j = json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank", "title", title, "status",
                          status, "detail", detail);
    mf_api_json(resp, status, j);
    snprintf(resp->content_type, sizeof resp->content_type, "application/problem+json");
    resp->cacheable = false;
    return 0;
}

int mf_api_store_problem(mf_api_response *resp, const mf_error *err)
{
    if (err->code == MF_ENOTFOUND)
        return mf_api_problem(resp, 404, "Not Found", "%s", err->msg);
    if (err->code == MF_EIO || err->code == MF_ESTATE)
        return mf_api_problem(resp, 503, "Service Unavailable", "the store is unavailable: %s",
                              err->msg);
    return mf_api_problem(resp, 500, "Internal Server Error", "%s", err->msg);
}

void mf_api_buf_json_string(mf_api_buf *b, const char *s)
{
    mf_api_buf_append(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        mf_api_buf_append(b, run, (size_t)(s - run));
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            mf_api_buf_append(b, esc, 2);
        } else {
            mf_api_buf_printf(b, "\\u%04x", c);
        }
        run = s + 1;
    }
    mf_api_buf_append(b, run, (size_t)(s - run));
    mf_api_buf_append(b, "\"", 1);
}

void mf_api_buf_json_number(mf_api_buf *b, double v)
{
    if (isfinite(v)) {
        b->len += mf_format_double_len(v, mf_api_buf_reserve(b, MF_DOUBLE_TEXT_SIZE));
    } else {
        mf_api_buf_append(b, "null", 4);
    }
}

/* Writes j compactly, reals in their shortest round-trip form (jansson writes 17 digits). */
static void write_json(mf_api_buf *b, json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *v;
        bool first = true;
        mf_api_buf_append(b, "{", 1);
        json_object_foreach(j, key, v)
        {
            if (!first)
                mf_api_buf_append(b, ",", 1);
            first = false;
            mf_api_buf_json_string(b, key);
            mf_api_buf_append(b, ":", 1);
            write_json(b, v);
        }
        mf_api_buf_append(b, "}", 1);
        break;
    }
    case JSON_ARRAY:
        mf_api_buf_append(b, "[", 1);
        for (size_t i = 0; i < json_array_size(j); i++) {
            if (i)
                mf_api_buf_append(b, ",", 1);
            write_json(b, json_array_get(j, i));
        }
        mf_api_buf_append(b, "]", 1);
        break;
    case JSON_STRING: mf_api_buf_json_string(b, json_string_value(j)); break;
    case JSON_INTEGER: mf_api_buf_printf(b, "%lld", (long long)json_integer_value(j)); break;
    case JSON_REAL: mf_api_buf_json_number(b, json_real_value(j)); break;
    case JSON_TRUE: mf_api_buf_append(b, "true", 4); break;
    case JSON_FALSE: mf_api_buf_append(b, "false", 5); break;
    default: mf_api_buf_append(b, "null", 4); break;
    }
}

int mf_api_json(mf_api_response *resp, int status, json_t *json)
{
    resp->status = status;
    snprintf(resp->content_type, sizeof resp->content_type, "application/json");
    resp->body.len = 0;
    if (json)
        write_json(&resp->body, json);
    json_decref(json);
    return 0;
}

int mf_api_text(mf_api_response *resp, int status, const char *content_type)
{
    resp->status = status;
    snprintf(resp->content_type, sizeof resp->content_type, "%s", content_type);
    resp->body.len = 0;
    return 0;
}

json_t *mf_api_json_date(mf_date d)
{
    char buf[MF_DATE_ISO_SIZE];
    return json_string(mf_date_format_iso(d, buf));
}

json_t *mf_api_json_number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* ---- parameters --------------------------------------------------------------------------- */

static int bad_param(mf_api_response *resp, const char *name, const char *value, const char *why)
{
    return mf_api_problem(resp, 400, "Bad Request", "query parameter '%s' = '%.64s': %s", name,
                          value, why),
           -1;
}

int mf_api_query_date(const mf_api_request *req, mf_api_response *resp, const char *name,
                      mf_date def, mf_date *out)
{
    const char *v = mf_api_query(req, name);
    if (!v) {
        *out = def;
        return 0;
    }
    mf_error err;
    if (mf_date_parse_iso(v, out, &err) != 0)
        return bad_param(resp, name, v, err.msg);
    return 0;
}

int mf_api_query_int(const mf_api_request *req, mf_api_response *resp, const char *name, long def,
                     long min, long max, long *out)
{
    const char *v = mf_api_query(req, name);
    if (!v) {
        *out = def;
        return 0;
    }
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (v[0] == '\0' || *end != '\0' || errno != 0 || (v[0] < '0' || v[0] > '9'))
        return bad_param(resp, name, v, "expected a whole number");
    if (x < min || x > max) {
        char why[96];
        snprintf(why, sizeof why, "expected %ld..%ld", min, max);
        return bad_param(resp, name, v, why);
    }
    *out = x;
    return 0;
}

int mf_api_query_code(const mf_api_request *req, mf_api_response *resp, const char *name,
                      size_t max_len, const char **out)
{
    const char *v = mf_api_query(req, name);
    *out = NULL;
    if (!v)
        return 0;
    size_t n = strlen(v);
    if (n == 0 || n > max_len)
        return bad_param(resp, name, v, "expected 1 or more letters, digits, '_', '.' or '-'");
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
            return bad_param(resp, name, v, "expected only letters, digits, '_', '.' or '-'");
    }
    *out = v;
    return 0;
}

int mf_api_query_choice(const mf_api_request *req, mf_api_response *resp, const char *name,
                        const char *choices, const char *def, const char **out)
{
    const char *v = mf_api_query(req, name);
    if (!v) {
        *out = def;
        return 0;
    }
    size_t n = strlen(v);
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0) {
            *out = v;
            return 0;
        }
        p += len + (bar != NULL);
    }
    char why[128];
    snprintf(why, sizeof why, "expected one of %s", choices);
    return bad_param(resp, name, v, why);
}
