/*
 * connector.h - the one interface every data source implements, and what connectors share:
 * the rows a fetch produces, the environment it fetches in (HTTP client, base URL, calendars,
 * a per-run cache of response bodies) and the registry of connectors.
 *
 * Exports: mf_conn_row_kind, mf_conn_row, mf_conn_rows (+ _push, _clear, _free), mf_conn_env,
 * mf_conn_get(), mf_connector, mf_connectors(), mf_connector_find(), mf_connector_add(),
 * mf_conn_parse_number().
 *
 * A connector knows one source ("bcb_sgs", "fred", ...). The catalogue names, for each series
 * or instrument, its source and its key at the source (source_key). A connector groups keys
 * into requests: series whose keys share a request are fetched by one call (the 13 tenors of
 * one Treasury file, the buy and sell PTAX of one query). fetch() reads one request over a
 * date range and appends every row the responses hold; the ingestion engine keeps the rows of
 * the catalogued keys inside the range and writes them in one transaction, so a failed fetch
 * or a malformed body commits nothing.
 *
 * Dates: obs_date is the reference date (the 1st of the month for monthly data, of the
 * quarter's first month for quarterly data, the day for daily data); available_at is the
 * first day the value was public (point in time). A connector sets available_at from the
 * source's publication date when the source gives one (FRED realtime_start, Focus Data, CFTC
 * release Friday, PTAX and B3 the same day), else leaves it MF_CONN_AVAILABLE_FROM_LAG and
 * the engine adds the catalogue's release lag to the end of the reference period.
 */
#ifndef MF_DATA_CONNECTOR_H
#define MF_DATA_CONNECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"
#include "data/http.h"

/* available_at not known from the source: the engine derives it from the release lag. */
#define MF_CONN_AVAILABLE_FROM_LAG ((mf_date)MF_DATE_MIN)

#define MF_CONN_KEY_MAX 64 /* buffer size of a key (source_key / ticker) */

typedef enum mf_conn_row_kind {
    MF_CONN_OBS,  /* a value of a series: key is the series' source_key */
    MF_CONN_PRICE /* a day of an instrument's prices: key is the instrument's key at the source */
} mf_conn_row_kind;

/* One row parsed from a response. Unused numbers are NaN. */
typedef struct mf_conn_row {
    mf_conn_row_kind kind;
    char key[MF_CONN_KEY_MAX];
    mf_date date;         /* obs_date or price_date */
    mf_date available_at; /* or MF_CONN_AVAILABLE_FROM_LAG */
    double value;         /* MF_CONN_OBS; NaN: published as missing */
    double open, high, low, close, settle, volume, open_interest; /* MF_CONN_PRICE */
    double yield_pct; /* MF_CONN_PRICE of a bond: its quoted yield, % a year (NaN: none) */
} mf_conn_row;

/* A growable array of rows, reused across requests (amortised growth, no per-row malloc). */
typedef struct mf_conn_rows {
    mf_conn_row *v;
    size_t n, cap;
} mf_conn_rows;

/* A row with every number NaN, available_at MF_CONN_AVAILABLE_FROM_LAG, kind and key set
 * (key truncated to MF_CONN_KEY_MAX - 1 bytes). */
mf_conn_row mf_conn_row_init(mf_conn_row_kind kind, const char *key);

/* Appends a copy of *row. MF_ENOMEM only. */
int mf_conn_rows_push(mf_conn_rows *rows, const mf_conn_row *row, mf_error *err);
void mf_conn_rows_clear(mf_conn_rows *rows);
void mf_conn_rows_free(mf_conn_rows *rows);

typedef struct mf_conn_cache mf_conn_cache;

/* What a fetch runs with. Owned by the engine; a connector only reads it. */
typedef struct mf_conn_env {
    mf_http_client *http;
    mf_conn_cache *cache;  /* required: keeps the bodies mf_conn_get() returns */
    const char *base_url;  /* the source's base URL (config sources.<name>), no trailing '/' */
    const char *api_key;   /* fred.api_key ("" when not set) */
    const mf_calendar *br; /* ANBIMA national calendar */
    const mf_calendar *us; /* US government securities (SIFMA) calendar */
    mf_date today;         /* the fetch date (UTC) */
} mf_conn_env;

/*
 * GETs url through env's client (retries, rate limit, body cap: data/http.h) and points
 * *body and *len at the response body, NUL-terminated. Bodies are kept in env's cache for the
 * rest of the run (a request re-read by the next chunk costs nothing); the pointer stays
 * valid until the cache is freed. HTTP errors as mf_http_get(): MF_ENOTFOUND for a 404, which
 * several sources use for "no data in range".
 */
int mf_conn_get(const mf_conn_env *env, const char *url, const char **body, size_t *len,
                mf_error *err);

/* Creates / frees a cache of up to max_bytes of response bodies (oldest dropped first). */
int mf_conn_cache_new(size_t max_bytes, mf_conn_cache **out, mf_error *err);
void mf_conn_cache_free(mf_conn_cache *cache);

typedef struct mf_connector {
    const char *name;    /* the source: the `source` column of the catalogue */
    const char *summary; /* one line for `mf sources` and the docs */
    int max_days;        /* longest date range of one fetch, calendar days (0: no limit) */
    int overlap_days;    /* mf ingest re-reads this many calendar days before the last stored
                            date, to catch revisions */
    /* MF_EINVAL naming the key when source_key is not one this source can serve. */
    int (*check_key)(const char *source_key, mf_error *err);
    /* The request source_key belongs to, written into buf (NUL-terminated, truncated). */
    void (*request_of)(const char *source_key, char *buf, size_t size);
    /* Fetches request over from..to (inclusive) and appends the rows of every key the
     * responses hold (rows outside the range are allowed: the engine drops them). Errors
     * name the request and what was wrong ("bcb_sgs 432: body is not a JSON array"). */
    int (*fetch)(const mf_conn_env *env, const char *request, mf_date from, mf_date to,
                 mf_conn_rows *out, mf_error *err);
    /* Requests fetched for the whole source even when no catalogue key names them (the DI1
     * family of B3: its contracts become instruments as they are listed); NULL-terminated,
     * may be NULL. */
    const char *const *standing_requests;
    bool offline; /* fetches nothing over the network: needs no base URL (the simulated market) */
} mf_connector;

/* The registered connectors, in a fixed order; *n receives their number. */
const mf_connector *const *mf_connectors(size_t *n);

/* The connector of source name, or NULL. */
const mf_connector *mf_connector_find(const char *name);

/* Adds a connector defined in a higher layer (the simulated market); call at start-up, before
 * any thread. Adding one already there does nothing; MF_ERANGE past 8 additions. */
int mf_connector_add(const mf_connector *c, mf_error *err);

/*
 * Parses a decimal number from s[0..len) with '.' as the decimal mark (decimal_comma false)
 * or ',' (true), an optional leading '-', no thousands separators, no exponent unless
 * allow_exponent; never locale-dependent. MF_EINVAL quoting the text otherwise.
 */
int mf_conn_parse_number(const char *s, size_t len, bool decimal_comma, bool allow_exponent,
                         double *out, mf_error *err);

#endif
