/*
 * cftc.h - the CFTC Commitments of Traders connector's pure parsers (the Socrata JSON of
 * publicreporting.cftc.gov and the headerless f_disagg.txt flat file) and the release rule.
 *
 * Exports: mf_cftc_parse_socrata(), mf_cftc_parse_disagg_txt(), mf_cftc_release_date(),
 * MF_CFTC_DISAGG_FUT, MF_CFTC_DISAGG_COMBINED.
 *
 * Keys (catalogue source_key): "DATASET:CODE:FIELD" - the Socrata dataset id, the 6-character
 * CFTC contract market code and the dataset's field name, e.g.
 * "gpe5-46if:102741:lev_money_positions_long" (TFF futures only, BRL, leveraged funds long),
 * "72hh-3qpy:067651:m_money_positions_long_all". The request is "DATASET:CODE". Values are
 * contracts (positions, open interest), trader counts or percentages, as the field says.
 * obs_date = the report date (the Tuesday of the positions); available_at = the release
 * (mf_cftc_release_date()).
 */
#ifndef MF_DATA_CONNECTORS_CFTC_H
#define MF_DATA_CONNECTORS_CFTC_H

#include <stddef.h>

#include "core/calendar.h"
#include "data/connector.h"

#define MF_CFTC_DISAGG_FUT      "72hh-3qpy" /* disaggregated, futures only */
#define MF_CFTC_DISAGG_COMBINED "kh3c-gbw2" /* disaggregated, futures and options combined */

/*
 * The release date of the report of positions as of `report` (a Tuesday, or the Monday
 * before when that Tuesday was a holiday): the Friday of that week, or, when a federal
 * holiday falls after the report date and on or before that Friday, the next business day
 * after the Friday (e.g. 2026-11-24 -> 2026-11-30, Thanksgiving 2026-11-26). Federal holidays
 * are the US government securities calendar `us` without Good Friday (a SIFMA bond-market
 * closure, not a federal holiday: the CFTC publishes that day), plus the Friday before a
 * Saturday New Year's Day or Veterans Day (observed by federal offices, not by SIFMA).
 */
int mf_cftc_release_date(mf_date report, const mf_calendar *us, mf_date *out, mf_error *err);

/*
 * Parses a Socrata answer (a JSON array of records, every number a string, the report date a
 * floating timestamp "2026-09-29T00:00:00.000") of dataset for contract code, and appends one
 * MF_CONN_OBS row "dataset:code:field" per numeric field per record (text and id fields
 * skipped; a field named as a quantity - positions, open_interest, traders_, pct_of_,
 * change_in_, conc_ - must hold a number with '.' decimals or "." for a suppressed count),
 * available_at = mf_cftc_release_date(). A record of another contract is an error.
 * An empty array is zero rows. A Socrata error object ({"error":true,"message":...}) is MF_EIO
 * quoting the message.
 */
int mf_cftc_parse_socrata(const char *body, size_t len, const char *dataset, const char *code,
                          const mf_calendar *us, mf_conn_rows *out, size_t *records, mf_error *err);

/*
 * Parses the disaggregated flat file (f_disagg.txt: no header, 191 comma-separated fields,
 * the market name in double quotes, numbers left-padded with spaces, '.' for suppressed
 * trader counts, CRLF). Appends, for every line, the rows of fields 8..23 (open interest and
 * the positions of each trader category, all) under the Socrata keys
 * "<dataset>:<code>:<socrata field>", dataset 72hh-3qpy for FutOnly lines and kh3c-gbw2 for
 * Combined ones, so the rows equal those the Socrata API gives.
 */
int mf_cftc_parse_disagg_txt(const char *body, size_t len, const mf_calendar *us, mf_conn_rows *out,
                             mf_error *err);

#endif
