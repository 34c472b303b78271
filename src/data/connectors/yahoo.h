/*
 * yahoo.h - the Yahoo Finance connector's pure parser (the v8 chart API JSON).
 *
 * Exports: mf_yahoo_parse_chart(), mf_yahoo_symbol_of().
 *
 * Keys: an instrument's source key is its Yahoo symbol ("BRL=X", "^BVSP", "CL=F"): its rows
 * are MF_CONN_PRICE (open/high/low/close/volume); a series' source key is "<symbol>:close" or
 * "<symbol>:adjclose" (MF_CONN_OBS, the close and the dividend/split-adjusted close). The
 * request is the symbol. Prices are in the instrument's quote currency (meta.currency),
 * rounded to meta.priceHint decimals; available_at is the trade date (end-of-day data).
 */
#ifndef MF_DATA_CONNECTORS_YAHOO_H
#define MF_DATA_CONNECTORS_YAHOO_H

#include <stddef.h>

#include "data/connector.h"

/* Writes the symbol part of key ("BRL=X:close" -> "BRL=X") into buf. */
void mf_yahoo_symbol_of(const char *key, char *buf, size_t size);

/*
 * Parses a chart body for symbol. Per bar (parallel arrays, any element null): the trade date
 * is the exchange-local date of the timestamp (meta.gmtoffset, shifted 6 h so a bar stamped
 * at local midnight lands on its day whatever the daylight-saving offset of the bar); a bar
 * whose close is null is skipped; the last bar is dropped while its session is in progress
 * (it starts inside meta.currentTradingPeriod.regular and meta.regularMarketTime is before
 * that period's end). Appends one MF_CONN_PRICE row keyed symbol and MF_CONN_OBS rows
 * "symbol:close" and "symbol:adjclose" (when adjclose is there) per bar. A window without
 * bars (no "timestamp") is zero rows. chart.error set: MF_ENOTFOUND for "Data doesn't exist"
 * (no data in the range), MF_EIO quoting the error otherwise.
 */
int mf_yahoo_parse_chart(const char *body, size_t len, const char *symbol, mf_conn_rows *out,
                         mf_error *err);

#endif
