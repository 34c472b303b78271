/*
 * rows_json.h - the JSON form of catalogue rows, shared by the command line and the API so a
 * series or an instrument reads the same everywhere.
 *
 * Exports: mf_series_info_json(), mf_instrument_json().
 */
#ifndef MF_STORE_ROWS_JSON_H
#define MF_STORE_ROWS_JSON_H

#include <jansson.h>

#include "store/repo_instruments.h"
#include "store/repo_series.h"

/* A new JSON object of s (unknown fields null; simulated as a boolean). */
json_t *mf_series_info_json(const mf_series_info *s);

/* A new JSON object of in (contract_spec parsed back into an object; unknown fields null). */
json_t *mf_instrument_json(const mf_instrument *in);

#endif
