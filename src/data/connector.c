/*
 * connector.c - what the connectors share (data/connector.h): the row buffer, the per-run
 * cache of response bodies behind mf_conn_get(), and locale-free number parsing. The registry
 * of connectors is in connectors.c.
 */
#include "data/connector.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/numfmt.h"

mf_conn_row mf_conn_row_init(mf_conn_row_kind kind, const char *key)
{
    mf_conn_row r = {.kind = kind,
                     .available_at = MF_CONN_AVAILABLE_FROM_LAG,
                     .value = NAN,
                     .open = NAN,
                     .high = NAN,
                     .low = NAN,
                     .close = NAN,
                     .settle = NAN,
                     .volume = NAN,
                     .open_interest = NAN,
                     .yield_pct = NAN};
    size_t len = strnlen(key, MF_CONN_KEY_MAX - 1);
    memcpy(r.key, key, len);
    r.key[len] = '\0';
    return r;
}

int mf_conn_rows_push(mf_conn_rows *rows, const mf_conn_row *row, mf_error *err)
{
    (void)err; /* mf_reallocarray aborts on exhaustion */
    if (rows->n == rows->cap) {
        size_t cap = rows->cap ? rows->cap * 2 : 256;
        rows->v = mf_reallocarray(rows->v, cap, sizeof *rows->v);
        rows->cap = cap;
    }
    rows->v[rows->n++] = *row;
    return 0;
}

void mf_conn_rows_clear(mf_conn_rows *rows)
{
    rows->n = 0;
}

void mf_conn_rows_free(mf_conn_rows *rows)
{
    mf_free(rows->v);
    *rows = (mf_conn_rows){0};
}

/* ---- the body cache: a list of (url, body), newest first, bounded in bytes ----------------- */

typedef struct cache_entry {
    struct cache_entry *next;
    char *url;
    mf_http_response resp;
} cache_entry;

struct mf_conn_cache {
    cache_entry *head;
    size_t bytes, max_bytes;
};

int mf_conn_cache_new(size_t max_bytes, mf_conn_cache **out, mf_error *err)
{
    if (max_bytes == 0)
        return mf_error_set(err, MF_EINVAL, "a response cache needs a positive size");
    mf_conn_cache *c = mf_calloc(1, sizeof *c);
    c->max_bytes = max_bytes;
    *out = c;
    return 0;
}

static void entry_free(cache_entry *e)
{
    mf_free(e->url);
    mf_http_response_free(&e->resp);
    mf_free(e);
}

void mf_conn_cache_free(mf_conn_cache *cache)
{
    if (!cache)
        return;
    for (cache_entry *e = cache->head, *next; e; e = next) {
        next = e->next;
        entry_free(e);
    }
    mf_free(cache);
}

/* Drops the oldest entries (the list tail) until the cache holds at most max_bytes, always
 * keeping the newest entry: the caller is about to use it. */
static void cache_trim(mf_conn_cache *c)
{
    while (c->bytes > c->max_bytes && c->head && c->head->next) {
        cache_entry **pp = &c->head;
        while ((*pp)->next)
            pp = &(*pp)->next;
        c->bytes -= (*pp)->resp.body_len;
        entry_free(*pp);
        *pp = NULL;
    }
}

int mf_conn_get(const mf_conn_env *env, const char *url, const char **body, size_t *len,
                mf_error *err)
{
    mf_conn_cache *c = env->cache;
    if (!c)
        return mf_error_set(err, MF_ESTATE, "mf_conn_get: the environment has no response cache");
    for (cache_entry *e = c->head; e; e = e->next)
        if (strcmp(e->url, url) == 0) {
            *body = e->resp.body, *len = e->resp.body_len;
            return 0;
        }
    cache_entry *e = mf_calloc(1, sizeof *e);
    int rc = mf_http_get(env->http, url, &e->resp, err);
    if (rc == 0 && !e->resp.body) { /* an empty 2xx body: still a string */
        e->resp.body = mf_calloc(1, 1);
        e->resp.body_cap = 1;
    }
    if (rc != 0) {
        entry_free(e);
        return rc;
    }
    e->url = mf_strdup(url);
    e->next = c->head;
    c->head = e;
    c->bytes += e->resp.body_len;
    cache_trim(c);
    *body = e->resp.body, *len = e->resp.body_len;
    return 0;
}

/* ---- numbers ------------------------------------------------------------------------------ */

int mf_conn_parse_number(const char *s, size_t len, bool decimal_comma, bool allow_exponent,
                         double *out, mf_error *err)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return mf_error_set(err, MF_EPARSE, "'%.*s' is not a number", (int)(len < 40 ? len : 40),
                            s);
    const char mark = decimal_comma ? ',' : '.', other = decimal_comma ? '.' : ',';
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        bool exp = ch == 'e' || ch == 'E';
        bool after_exp = i > 0 && (s[i - 1] == 'e' || s[i - 1] == 'E');
        if (ch == other || (exp && !allow_exponent) || (ch == '+' && !after_exp) ||
            (ch == '-' && i != 0 && !after_exp))
            return mf_error_set(err, MF_EPARSE, "'%.*s' is not a number with '%c' decimals",
                                (int)len, s, mark);
        buf[i] = ch == mark ? '.' : ch;
    }
    if (mf_parse_decimal(buf, len, out, err) != 0)
        return mf_error_set(err, MF_EPARSE, "'%.*s' is not a number with '%c' decimals", (int)len,
                            s, mark);
    return 0;
}
