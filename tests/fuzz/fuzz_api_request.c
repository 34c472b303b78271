/*
 * fuzz_api_request.c - libFuzzer harness for the API's request parsing: the input is split
 * into a method, a path and a query string ("METHOD PATH?QUERY"); route matching and every
 * validated query parameter reader must either accept the text or answer with a 400 problem
 * naming the parameter, never crash, and never capture a path parameter with a '/'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/alloc.h"
#include "core/assert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct query {
    const char *text; /* "a=1&b=2", not decoded: enough to drive the validators */
} query;

/* The value of name in q->text, copied into a static buffer (one harness thread). */
static const char *lookup(void *ctx, const char *name)
{
    static char value[256];
    const query *q = ctx;
    size_t n = strlen(name);
    for (const char *p = q->text; p && *p;) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            size_t v = len - n - 1 < sizeof value - 1 ? len - n - 1 : sizeof value - 1;
            memcpy(value, p + n + 1, v);
            value[v] = '\0';
            return value;
        }
        p = amp ? amp + 1 : NULL;
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = mf_malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    if (strlen(text) != size) { /* NUL inside: the server never sees one */
        mf_free(text);
        return 0;
    }
    char *space = strchr(text, ' ');
    const char *method = space ? text : "GET";
    char *path = space ? space + 1 : text;
    if (space)
        *space = '\0';
    char *qmark = strchr(path, '?');
    query q = {qmark ? qmark + 1 : ""};
    if (qmark)
        *qmark = '\0';
    mf_api_request req = {.method = method, .path = path, .query = lookup, .query_ctx = &q};
    bool known;
    char allow[128];
    const mf_api_route *r = mf_api_route_match(method, path, &req, &known, allow, sizeof allow);
    if (r) {
        MF_ASSERT(known);
        for (int i = 0; i < req.n_params; i++)
            MF_ASSERT(strchr(req.params[i], '/') == NULL && req.params[i][0] != '\0');
    }
    mf_api_response resp = {0};
    mf_date d;
    long l;
    const char *s;
    if (mf_api_query_date(&req, &resp, "from", 0, &d) != 0)
        MF_ASSERT(resp.status == 400 && strstr(resp.body.data, "'from'"));
    if (mf_api_query_int(&req, &resp, "limit", 1, 1, 1000, &l) != 0)
        MF_ASSERT(resp.status == 400 && strstr(resp.body.data, "'limit'"));
    else
        MF_ASSERT(l >= 1 && l <= 1000);
    if (mf_api_query_code(&req, &resp, "source", 31, &s) != 0)
        MF_ASSERT(resp.status == 400 && strstr(resp.body.data, "'source'"));
    if (mf_api_query_choice(&req, &resp, "format", "json|csv", "json", &s) != 0)
        MF_ASSERT(resp.status == 400);
    else
        MF_ASSERT(strcmp(s, "json") == 0 || strcmp(s, "csv") == 0);
    mf_api_buf_free(&resp.body);
    mf_free(text);
    return 0;
}
