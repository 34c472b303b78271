/*
 * routes.c - the API's route table, in one place (api.h), and matching a request to it. Each
 * line: method, path pattern ({name} segments are parameters), handler, required role (for
 * the authentication hook; NULL: anyone), summary. tests/unit/api checks that every route is
 * in the OpenAPI document and every documented route is here.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/handlers.h"

static const mf_api_route routes[] = {
    {"GET", "/api/v1/health", mf_api_get_health, NULL,
     "store reachable, schema version, last ingestion"},
    {"GET", "/api/v1/metrics", mf_api_get_metrics, NULL, "Prometheus metrics"},
    {"GET", "/api/openapi.json", mf_api_get_openapi, NULL, "this API's OpenAPI document"},
    {"GET", "/api/v1/series", mf_api_list_series, NULL, "search and list the catalogue"},
    {"GET", "/api/v1/series/{code}", mf_api_get_series, NULL, "one series"},
    {"GET", "/api/v1/series/{code}/observations", mf_api_get_observations, NULL,
     "a series over a range, as known on a date, or its vintages"},
    {"GET", "/api/v1/series/{code}/lineage", mf_api_get_lineage, NULL,
     "what a derived series is computed from, and what is computed from a series"},
    {"GET", "/api/v1/instruments", mf_api_list_instruments, NULL, "list instruments"},
    {"GET", "/api/v1/instruments/{ticker}", mf_api_get_instrument, NULL,
     "one instrument and its last price date"},
    {"GET", "/api/v1/instruments/{ticker}/prices", mf_api_get_instrument_prices, NULL,
     "an instrument's daily prices over a range, as known on a date, or every vintage"},
    {"GET", "/api/v1/curves", mf_api_list_curves, NULL, "the stored curves"},
    {"GET", "/api/v1/curves/{code}", mf_api_get_curve, NULL, "a curve on a date"},
    {"GET", "/api/v1/curves/{code}/history", mf_api_get_curve_history, NULL,
     "one tenor of a curve over time"},
    {"GET", "/api/v1/ingestion/runs", mf_api_list_runs, NULL, "ingestion runs, newest first"},
    {"GET", "/api/v1/quality", mf_api_get_quality, NULL,
     "the latest data quality run: scores by source and series"},
    {"GET", "/api/v1/quality/failing", mf_api_get_quality_failing, NULL,
     "the failing checks of the latest quality run"},
    {"GET", "/api/v1/quality/runs", mf_api_list_quality_runs, NULL, "quality runs, newest first"},
    {"GET", "/api/v1/series/{code}/quality", mf_api_get_series_quality, NULL,
     "a series' quality results over the runs, newest first"},
    {"GET", "/api/v1/events", mf_api_get_events, NULL,
     "Server-Sent Events: ingestion and quality runs as they finish"},
};

const mf_api_route *mf_api_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}

/* Matches path against pattern, capturing {name} segments (names and values) into req when
   it is not NULL; true on a match. */
static bool match(const char *pattern, const char *path, mf_api_request *req)
{
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            const char *slash = strchr(s, '/');
            size_t len = slash ? (size_t)(slash - s) : strlen(s);
            size_t name_len = close ? (size_t)(close - p - 1) : 0;
            if (!close || len == 0 || len >= sizeof req->params[0] ||
                name_len >= sizeof req->param_names[0] || n == MF_API_MAX_PARAMS)
                return false;
            if (req) {
                memcpy(req->params[n], s, len);
                req->params[n][len] = '\0';
                memcpy(req->param_names[n], p + 1, name_len);
                req->param_names[n][name_len] = '\0';
            }
            n++;
            p = close + 1;
            s += len;
            continue;
        }
        if (*p != *s)
            return false;
        p++, s++;
    }
    if (*p || *s)
        return false;
    if (req)
        req->n_params = n;
    return true;
}

const mf_api_route *mf_api_route_match(const char *method, const char *path, mf_api_request *req,
                                       bool *path_known, char *allow, size_t allow_size)
{
    *path_known = false;
    allow[0] = '\0';
    size_t used = 0;
    bool is_head = strcmp(method, "HEAD") == 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const mf_api_route *r = &routes[i];
        if (!match(r->pattern, path, NULL))
            continue;
        *path_known = true;
        int w = snprintf(allow + used, allow_size - used, "%s%s%s", used ? ", " : "", r->method,
                         strcmp(r->method, "GET") == 0 ? ", HEAD" : "");
        if (w > 0 && (size_t)w < allow_size - used)
            used += (size_t)w;
        if (strcmp(r->method, method) == 0 || (is_head && strcmp(r->method, "GET") == 0)) {
            match(r->pattern, path, req);
            return r;
        }
    }
    return NULL;
}
