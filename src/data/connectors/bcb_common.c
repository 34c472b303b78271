/*
 * bcb_common.c - helpers shared by the Brazilian public-source connectors
 * (bcb_common_int.h): body quotes for messages, percent-encoding, Olinda OData bodies, the
 * body of a failed GET.
 */
#include "data/connectors/bcb_common_int.h"

#include <stdio.h>
#include <string.h>

const char *mf_bcb_snippet(const char *s, size_t len, char *buf, size_t size)
{
    size_t keep = len < size - 1 ? len : size - 4;
    for (size_t i = 0; i < keep; i++) {
        unsigned char ch = (unsigned char)s[i];
        buf[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
    }
    if (keep < len) {
        memcpy(buf + keep, "...", 4);
    } else {
        buf[keep] = '\0';
    }
    return buf;
}

int mf_bcb_pct_encode(const char *s, char *buf, size_t size, size_t *used, mf_error *err)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = *used;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                     (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
        if (n + (plain ? 1 : 3) >= size)
            return mf_error_set(err, MF_ERANGE, "URL longer than %zu bytes while encoding '%s'",
                                size - 1, s);
        if (plain) {
            buf[n++] = (char)*p;
        } else {
            buf[n++] = '%';
            buf[n++] = hex[*p >> 4];
            buf[n++] = hex[*p & 15];
        }
    }
    buf[n] = '\0';
    *used = n;
    return 0;
}

bool mf_bcb_is_digits(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Skips ASCII white space from *p up to end. */
static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

int mf_bcb_olinda_values(const char *body, size_t len, const char *what, json_t **root,
                         json_t **values, mf_error *err)
{
    char quote[96];
    const char *p = body, *end = body + len;
    p = skip_ws(p, end);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        end--;
    if (end - p >= 4 && p[0] == '/' && p[1] == '*' && end[-2] == '*' && end[-1] == '/') {
        p += 2; /* an error wrapped in a JS comment: the JSON inside */
        end -= 2;
    }
    if (p == end)
        return mf_error_set(err, MF_EPARSE, "%s: empty body", what);
    json_error_t je;
    json_t *doc = json_loadb(p, (size_t)(end - p), 0, &je);
    if (!doc)
        return mf_error_set(err, MF_EPARSE, "%s: body is not JSON (%s at byte %d): '%s'", what,
                            je.text, je.position, mf_bcb_snippet(body, len, quote, sizeof quote));
    if (!json_is_object(doc)) {
        json_decref(doc);
        return mf_error_set(err, MF_EPARSE, "%s: body is not a JSON object: '%s'", what,
                            mf_bcb_snippet(body, len, quote, sizeof quote));
    }
    json_t *msg = json_object_get(doc, "mensagem");
    if (json_is_string(msg)) {
        json_t *code = json_object_get(doc, "codigo");
        int rc = mf_error_set(err, MF_EINVAL, "%s: Olinda error %lld: '%s'", what,
                              json_is_integer(code) ? (long long)json_integer_value(code) : 0LL,
                              json_string_value(msg));
        json_decref(doc);
        return rc;
    }
    json_t *v = json_object_get(doc, "value");
    if (!json_is_array(v)) {
        json_decref(doc);
        return mf_error_set(err, MF_EPARSE, "%s: JSON object without a \"value\" array: '%s'", what,
                            mf_bcb_snippet(body, len, quote, sizeof quote));
    }
    *root = doc;
    *values = v;
    return 0;
}

/* The message inside a JSON error body, if it has one of the shapes the BCB services use. */
static const char *json_error_message(json_t *doc)
{
    if (!json_is_object(doc))
        return NULL;
    json_t *e = json_object_get(doc, "error");
    if (json_is_string(e))
        return json_string_value(e);
    e = json_object_get(doc, "mensagem");
    if (json_is_string(e))
        return json_string_value(e);
    e = json_object_get(doc, "erro");
    if (json_is_object(e))
        e = json_object_get(e, "detail");
    if (json_is_string(e))
        return json_string_value(e);
    e = json_object_get(doc, "message");
    return json_is_string(e) ? json_string_value(e) : NULL;
}

void mf_bcb_error_body(const mf_conn_env *env, const char *url, char *buf, size_t size)
{
    buf[0] = '\0';
    mf_http_response resp = {0};
    mf_error ignored;
    (void)mf_http_get(env->http, url, &resp, &ignored);
    if (resp.body && resp.body_len > 0) {
        const char *p = resp.body, *end = resp.body + resp.body_len;
        p = skip_ws(p, end);
        if (end - p >= 4 && p[0] == '/' && p[1] == '*') {
            p += 2;
            const char *close = strstr(p, "*/");
            if (close)
                end = close;
        }
        json_t *doc = json_loadb(p, (size_t)(end - p), 0, NULL);
        const char *m = json_error_message(doc);
        if (m)
            mf_bcb_snippet(m, strlen(m), buf, size);
        else
            mf_bcb_snippet(resp.body, resp.body_len, buf, size);
        json_decref(doc);
    }
    mf_http_response_free(&resp);
}
