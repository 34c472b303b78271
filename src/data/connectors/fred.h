/*
 * fred.h - the FRED connector's pure parsers (St. Louis Fed API JSON and the fredgraph CSV).
 *
 * Exports: mf_fred_page, mf_fred_parse_json(), mf_fred_parse_csv(), mf_fred_series_id().
 *
 * Keys (catalogue source_key): "ID" - the current vintage of FRED series ID (values not
 * revised: daily market series; available_at comes from the catalogue's release lag), or
 * "alfred:ID" - every vintage from ALFRED (revised series: CPI, GDP, payrolls...), one row per
 * (date, vintage) with available_at = the row's realtime_start. Values are strings in the
 * series' own units; "." (or an empty fredgraph field) is a value published as missing (NaN).
 */
#ifndef MF_DATA_CONNECTORS_FRED_H
#define MF_DATA_CONNECTORS_FRED_H

#include <stdbool.h>
#include <stddef.h>

#include "data/connector.h"

/* Pagination of one JSON answer: count observations in all, this page starts at offset and
 * holds n. A bare observations array (as some recordings keep it) is one page of n. */
typedef struct mf_fred_page {
    long count, offset;
    size_t n;
} mf_fred_page;

/* The series id of key ("alfred:CPIAUCSL" -> "CPIAUCSL"); *vintages says which form. */
const char *mf_fred_series_id(const char *key, bool *vintages);

/*
 * Parses a /fred/series/observations JSON body (the envelope with "observations", or the bare
 * array) and appends one MF_CONN_OBS row per observation keyed by key; with "alfred:" keys
 * available_at = realtime_start, else MF_CONN_AVAILABLE_FROM_LAG. A FRED error body
 * ({"error_code":400,"error_message":...}) is MF_EIO quoting the message. page may be NULL.
 */
int mf_fred_parse_json(const char *body, size_t len, const char *key, mf_conn_rows *out,
                       mf_fred_page *page, mf_error *err);

/*
 * Parses a fredgraph CSV (header "observation_date,ID" with empty missing values, or the older
 * "DATE,ID" with "."), ID must be key's series id; appends MF_CONN_OBS rows keyed by key with
 * available_at MF_CONN_AVAILABLE_FROM_LAG.
 */
int mf_fred_parse_csv(const char *body, size_t len, const char *key, mf_conn_rows *out,
                      mf_error *err);

#endif
