/*
 * us_util.c - helpers shared by the fred, yahoo, cftc and ust connectors (us_util_int.h):
 * error-body quoting on 4xx, API-key redaction, body snippets, JSON loading.
 */
#include "data/connectors/us_util_int.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

void mf_us_snippet(const char *body, size_t len, char *buf, size_t size)
{
    size_t n = len < 60 ? len : 60;
    if (n > size - 4)
        n = size - 4;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)body[i];
        buf[i] = ch < 0x20 || ch == 0x7f ? ' ' : (char)ch;
    }
    if (n < len) {
        memcpy(buf + n, "...", 4);
    } else {
        buf[n] = '\0';
    }
}

void mf_us_redact_key(char *s, size_t size)
{
    (void)size;
    for (char *p = strstr(s, "api_key="); p; p = strstr(p, "api_key=")) {
        p += strlen("api_key=");
        size_t vlen = strcspn(p, "&: \"'");
        if (vlen == 0)
            continue;
        memcpy(p, "***", vlen < 3 ? vlen : 3);
        if (vlen > 3)
            memmove(p + 3, p + vlen, strlen(p + vlen) + 1);
    }
}

int mf_us_get(const mf_conn_env *env, const char *who, const char *url, const char **body,
              size_t *len, char *errbody, size_t errsize, mf_error *err)
{
    mf_error e = {0};
    if (errbody && errsize > 0)
        errbody[0] = '\0';
    int rc = mf_conn_get(env, url, body, len, &e);
    if (rc == 0)
        return 0;
    const char *h = strstr(e.msg, ": HTTP 4");
    if (h && strncmp(h, ": HTTP 429", 10) != 0) {
        mf_http_response resp = {0};
        mf_error e2 = {0};
        (void)mf_http_get(env->http, url, &resp, &e2);
        if (resp.status >= 400 && resp.status < 500 && resp.status != 429 && resp.body) {
            char snip[80];
            mf_us_snippet(resp.body, resp.body_len, snip, sizeof snip);
            if (errbody && errsize > 0) {
                size_t n = resp.body_len < errsize - 1 ? resp.body_len : errsize - 1;
                memcpy(errbody, resp.body, n);
                errbody[n] = '\0';
            }
            size_t used = strlen(e.msg);
            if (used + 8 < sizeof e.msg)
                (void)snprintf(e.msg + used, sizeof e.msg - used, ": '%s'", snip);
        }
        mf_http_response_free(&resp);
    }
    mf_us_redact_key(e.msg, sizeof e.msg);
    return mf_error_set(err, rc, "%s: %s", who, e.msg);
}

int mf_us_json_load(const char *who, const char *body, size_t len, json_t **out, mf_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        char snip[80];
        mf_us_snippet(body, len, snip, sizeof snip);
        return mf_error_set(err, MF_EPARSE, "%s: body is not JSON (%s at line %d): '%s'", who,
                            jerr.text, jerr.line, snip);
    }
    *out = root;
    return 0;
}
