/*
 * bcb_common_int.h - what the connectors of the Brazilian public sources (bcb_sgs, bcb_ptax,
 * bcb_focus, bcb_fx_flow, ibge_sidra) share, private to src/data/connectors: quoting a piece
 * of a body in an error message, percent-encoding a query value, reading an Olinda OData
 * body (JSON, or an error wrapped in a JS comment), and reading the body of a failed GET.
 *
 * Exports: mf_bcb_snippet(), mf_bcb_pct_encode(), mf_bcb_olinda_values(),
 * mf_bcb_error_body(), mf_bcb_is_digits().
 */
#ifndef MF_DATA_CONNECTORS_BCB_COMMON_INT_H
#define MF_DATA_CONNECTORS_BCB_COMMON_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "data/connector.h"

/* Writes into buf (size >= 8) the first bytes of s[0..len) fit to quote in a message:
 * control bytes as '?', cut at size - 4 bytes with "..." appended. Returns buf. */
const char *mf_bcb_snippet(const char *s, size_t len, char *buf, size_t size);

/* Appends s percent-encoded (RFC 3986 unreserved characters kept) to buf, which holds
 * *used bytes of size; MF_ERANGE naming what when it does not fit. */
int mf_bcb_pct_encode(const char *s, char *buf, size_t size, size_t *used, mf_error *err);

/* True when s[0..len) is 1..len digits and nothing else. */
bool mf_bcb_is_digits(const char *s, size_t len);

/*
 * Parses an Olinda OData body (body[0..len), what names it in messages, e.g.
 * "bcb_ptax USD"): strips a JS comment wrapper and reports an Olinda error object
 * ({"codigo":400,"mensagem":"..."}) quoting its message; otherwise the body must be a JSON
 * object with a "value" array. *root receives the parsed document (caller json_decref()s
 * it), *values its "value" array (borrowed). MF_EPARSE with a message naming what otherwise.
 */
int mf_bcb_olinda_values(const char *body, size_t len, const char *what, json_t **root,
                         json_t **values, mf_error *err);

/*
 * After mf_conn_get() failed on url with an HTTP status (MF_EIO / MF_ENOTFOUND), GETs url once
 * more through env's client to read the error body and writes a quote of it into buf
 * ("" when there is none). Only for error messages: it costs one request on a failure path.
 */
void mf_bcb_error_body(const mf_conn_env *env, const char *url, char *buf, size_t size);

#endif
