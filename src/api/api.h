/*
 * api.h - what the HTTP API's handlers share: the request they read, the response they fill,
 * the route table, and helpers that validate parameters and write JSON, CSV and RFC 7807
 * problem responses.
 *
 * Exports: mf_api_request, mf_api_response, mf_api_handler, mf_api_route, mf_api_routes(),
 * mf_api_route_match(), mf_api_query(), mf_api_header(), mf_api_format_time(),
 * mf_api_param(), mf_api_query_date(), mf_api_query_int(), mf_api_query_code(),
 * mf_api_problem(), mf_api_json(), mf_api_text(), mf_api_buf_*.
 *
 * A handler runs on one of the server's threads with a store connection of its own; it fills
 * the response (status, content type, body) and returns. Errors it cannot answer itself
 * (MF_EIO from the store) become 503 problems.
 */
#ifndef MF_API_API_H
#define MF_API_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

#define MF_API_MAX_PARAMS 4

/* A growable byte buffer (the response body). */
typedef struct mf_api_buf {
    char *data;
    size_t len, cap;
} mf_api_buf;

void mf_api_buf_append(mf_api_buf *b, const char *s, size_t n);
/* Room for n more bytes (and a NUL) at the end of b: the caller writes there and adds what it
   wrote to b->len. For bulk writers, one capacity check per row instead of one per piece. */
char *mf_api_buf_reserve(mf_api_buf *b, size_t n);
void mf_api_buf_printf(mf_api_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mf_api_buf_free(mf_api_buf *b);
/* Appends s as a JSON string (quoted, escaped) / v as a JSON number (shortest round-trip
   digits; null for NaN and infinities). */
void mf_api_buf_json_string(mf_api_buf *b, const char *s);
void mf_api_buf_json_number(mf_api_buf *b, double v);

typedef struct mf_api_request {
    const char *method;
    const char *path;
    const char *request_id;
    /* Path parameters of the matched route, in pattern order ("{code}"). */
    char param_names[MF_API_MAX_PARAMS][32];
    char params[MF_API_MAX_PARAMS][128];
    int n_params;
    /* The query string's value of a name, or NULL (set by the server). */
    const char *(*query)(void *ctx, const char *name);
    void *query_ctx;
    /* A request header's value, or NULL (set by the server; same ctx as query). */
    const char *(*header)(void *ctx, const char *name);
    mf_store *store; /* this thread's connection */
} mf_api_request;

typedef struct mf_api_response {
    int status;
    char content_type[64];
    mf_api_buf body;
    bool cacheable; /* a read: the server adds an ETag and answers If-None-Match with 304 */
    /* An event stream (GET /api/v1/events): the server answers 200 with a text/event-stream
       of the events with id > events_after instead of the body (events.h). */
    bool event_stream;
    int64_t events_after;
} mf_api_response;

typedef int (*mf_api_handler)(const mf_api_request *req, mf_api_response *resp);

/* One route: METHOD PATTERN -> handler. A pattern's segments are literals or "{name}". */
typedef struct mf_api_route {
    const char *method;
    const char *pattern;
    mf_api_handler handler;
    const char *role;    /* who may call it (NULL: anyone); the authentication hook uses it */
    const char *summary; /* one line, also in the OpenAPI document */
} mf_api_route;

/* The route table (routes.c), in one place; *n receives its length. */
const mf_api_route *mf_api_routes(size_t *n);

/*
 * Finds the route for method and path, filling req's path parameters. Returns the route,
 * or NULL with *path_known telling whether some route has that path (405) or none (404);
 * allow receives the methods of that path ("GET, HEAD").
 */
const mf_api_route *mf_api_route_match(const char *method, const char *path, mf_api_request *req,
                                       bool *path_known, char *allow, size_t allow_size);

/* A path parameter by name ("" when absent). */
const char *mf_api_param(const mf_api_request *req, const char *name);

/* A query parameter or NULL. */
const char *mf_api_query(const mf_api_request *req, const char *name);

/* A request header or NULL. */
const char *mf_api_header(const mf_api_request *req, const char *name);

/* A Unix time t (seconds) as ISO 8601 UTC, "2026-11-24T10:00:00Z", into buf (MF_API_TIME_SIZE
   bytes). */
enum { MF_API_TIME_SIZE = 40 };
const char *mf_api_format_time(int64_t t, char *buf);

/*
 * Validated query parameters: each returns 0 (the default written when the parameter is
 * absent) or fills resp with a 400 problem naming the parameter and returns -1.
 */
int mf_api_query_date(const mf_api_request *req, mf_api_response *resp, const char *name,
                      mf_date def, mf_date *out);
int mf_api_query_int(const mf_api_request *req, mf_api_response *resp, const char *name, long def,
                     long min, long max, long *out);
/* A text parameter of at most max_len bytes of letters, digits and "_.-" (NULL when absent). */
int mf_api_query_code(const mf_api_request *req, mf_api_response *resp, const char *name,
                      size_t max_len, const char **out);
/* One of the '|'-separated choices ("json|csv"); def when absent. */
int mf_api_query_choice(const mf_api_request *req, mf_api_response *resp, const char *name,
                        const char *choices, const char *def, const char **out);

/* Fills resp with an RFC 7807 application/problem+json body; returns 0. */
int mf_api_problem(mf_api_response *resp, int status, const char *title, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A store error as a problem: 404 for MF_ENOTFOUND, 503 for the store gone, else 500. */
int mf_api_store_problem(mf_api_response *resp, const mf_error *err);

/* Fills resp with json (stolen: decref'd here) as application/json; returns 0. */
int mf_api_json(mf_api_response *resp, int status, json_t *json);

/* Starts a text body of a content type ("text/csv; charset=utf-8"); returns 0. */
int mf_api_text(mf_api_response *resp, int status, const char *content_type);

/* JSON of a date ("2026-01-12") and of a double (null for NaN / infinity). */
json_t *mf_api_json_date(mf_date d);
json_t *mf_api_json_number(double v);

#endif
