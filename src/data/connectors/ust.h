/*
 * ust.h - the US Treasury connector's pure parsers: the daily interest-rate CSV download
 * (par yield curve, real yield curve) and the Atom XML feed of the same data.
 *
 * Exports: mf_ust_parse_csv(), mf_ust_parse_xml(), MF_UST_PAR, MF_UST_REAL.
 *
 * Keys (catalogue source_key): "TYPE:COLUMN", TYPE the Treasury's data type (the request:
 * one CSV per year holds every column) and COLUMN the CSV header text of the tenor, e.g.
 * "daily_treasury_yield_curve:10 Yr", "daily_treasury_real_yield_curve:10 YR" (the real curve
 * spells "YR"). Values are yields in percent a year as published (par yields / real yields,
 * bond-equivalent basis); obs_date is the curve date; available_at is the same day (the
 * curve is published the afternoon of the business day it belongs to).
 */
#ifndef MF_DATA_CONNECTORS_UST_H
#define MF_DATA_CONNECTORS_UST_H

#include <stddef.h>

#include "data/connector.h"

#define MF_UST_PAR  "daily_treasury_yield_curve"
#define MF_UST_REAL "daily_treasury_real_yield_curve"

/*
 * Parses one CSV download of type (header "Date,<quoted tenor names>...", MM/DD/YYYY dates,
 * newest first, empty field = no value, blank lines allowed, last line with or without a
 * newline). Appends one MF_CONN_OBS row "type:COLUMN" per non-empty field; a body of only the
 * header is zero rows, an empty body an error. Columns are found by header text, never by position.
 */
int mf_ust_parse_csv(const char *body, size_t len, const char *type, mf_conn_rows *out,
                     mf_error *err);

/*
 * Parses the Atom XML feed (entries of m:properties with d:NEW_DATE and d:BC_10YEAR ... for
 * the par curve, d:TC_10YEAR ... for the real curve); each element maps to the CSV column
 * name ("BC_10YEAR" -> "10 Yr", "TC_10YEAR" -> "10 YR", "BC_1_5MONTH" -> "1.5 Month"), so
 * the keys equal the CSV's. m:null="true" or an absent element is no value; *DISPLAY
 * duplicates are ignored. No network access, no entity expansion.
 */
int mf_ust_parse_xml(const char *body, size_t len, const char *type, mf_conn_rows *out,
                     mf_error *err);

#endif
