/*
 * us_util_int.h - small helpers the fred, yahoo, cftc and ust connectors share (private to
 * src/data/connectors): a GET that quotes a 4xx error body in its message and hides API keys,
 * a printable snippet of a body, and a JSON load that says when a body is not JSON.
 *
 * Exports: mf_us_get(), mf_us_snippet(), mf_us_json_load(), mf_us_redact_key().
 */
#ifndef MF_DATA_CONNECTORS_US_UTIL_INT_H
#define MF_DATA_CONNECTORS_US_UTIL_INT_H

#include <jansson.h>
#include <stddef.h>

#include "data/connector.h"

/* Writes into buf (size >= 4) the first bytes of body[0..len) on one line: control
 * characters become ' ', cut at 60 bytes with "..." appended. */
void mf_us_snippet(const char *body, size_t len, char *buf, size_t size);

/* Replaces the value of every "api_key=" parameter in the NUL-terminated s with "***"
 * (in place; s only shrinks or keeps its length when the key is at least 3 bytes). */
void mf_us_redact_key(char *s, size_t size);

/*
 * mf_conn_get() with the error named for `who` ("fred DGS10: ..."): on an HTTP 4xx answer
 * other than 429 the body is read once more without the cache (4xx is not retried) and its
 * start is quoted ("HTTP 400: '{"error_code":400,...}'"); API keys in URLs are hidden.
 * When errbody is not NULL it receives that 4xx body (NUL-terminated, truncated to errsize;
 * "" when there was none). Returns mf_conn_get()'s code (MF_ENOTFOUND for a 404).
 */
int mf_us_get(const mf_conn_env *env, const char *who, const char *url, const char **body,
              size_t *len, char *errbody, size_t errsize, mf_error *err);

/* json_loadb() of body[0..len): MF_EPARSE "<who>: body is not JSON (<jansson's reason>):
 * '<snippet>'" when it does not parse. Caller owns *out (json_decref). */
int mf_us_json_load(const char *who, const char *body, size_t len, json_t **out, mf_error *err);

#endif
