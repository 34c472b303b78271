/*
 * b3.h - the B3 connector's pure parsers: DI1 futures settlement from B3's simplified price
 * report (SPRDyymmdd.zip, BVBG.187.01 XML) and the intraday derivatives quote JSON. No I/O.
 *
 * Exports: mf_b3_is_di1_ticker(), mf_b3_parse_sprd(), mf_b3_parse_sprd_xml(),
 * mf_b3_parse_intraday(), MF_B3_MIN_ZIP_BYTES.
 *
 * Rows are MF_CONN_PRICE keyed by the ticker (DI1F27), in the store's DI1 quote convention:
 * every price is a rate in % a year, BUS/252 (docs/connectors/b3.md has the field map).
 */
#ifndef MF_DATA_CONNECTORS_B3_H
#define MF_DATA_CONNECTORS_B3_H

#include <stdbool.h>
#include <stddef.h>

#include "data/connector.h"

/* A body shorter than this is B3's answer for a day without a report (PYield's rule). */
#define MF_B3_MIN_ZIP_BYTES 1024

/* True when s[0..len) is a DI1 futures ticker: "DI1", a month code (FGHJKMNQUVXZ), 2 digits. */
bool mf_b3_is_di1_ticker(const char *s, size_t len);

/*
 * Parses one SPRD download body: a zip holding the report XML, or a zip holding a zip that
 * holds it (the live site); the last .xml member by name is the report. A body shorter than
 * MF_B3_MIN_ZIP_BYTES is "no report for that day": 0 rows, success. what names the request
 * in messages ("b3 DI1 SPRD260112.zip"). Appends one row per DI1 contract (see
 * mf_b3_parse_sprd_xml). MF_EPARSE when the body is not a zip, is corrupt, holds no XML or an
 * XML that is not a price report; MF_ERANGE for a member that inflates past 128 MiB.
 */
int mf_b3_parse_sprd(const char *body, size_t len, const char *what, mf_conn_rows *out,
                     mf_error *err);

/*
 * Parses the report XML itself: one <PricRpt> per instrument; for each DI1 ticker a row with
 * date = available_at = TradDt/Dt, settle = AdjstdQtTax, open = FrstPric, high = MaxPric,
 * low = MinPric, close = LastPric (rates, % a year), open_interest = OpnIntrst (contracts),
 * volume = FinInstrmQty (contracts; only the full PR report has it, NaN in SPRD). Elements
 * left out by B3 are NaN. MF_EPARSE naming the ticker and element for a malformed value, a
 * ticker twice, or an XML with no <PricRpt> at all.
 */
int mf_b3_parse_sprd_xml(const char *xml, size_t len, const char *what, mf_conn_rows *out,
                         mf_error *err);

/*
 * Parses the intraday quote JSON (cotacao.b3.com.br/mds/api/v1/DerivativeQuotation/DI1):
 * {"BizSts":{"cd":"OK"},"Msg":{"dtTm":"yyyy-mm-dd HH:MM:SS"},"Scty":[...]}. One row per DI1
 * item: date = available_at = the day of Msg.dtTm, open = SctyQtn.opngPric, high = maxPric,
 * low = minPric, close = curPrc (the last rate so far, not a settlement: settle stays NaN),
 * open_interest = asset.AsstSummry.opnCtrcts, volume = asset.AsstSummry.traddCtrctsQty;
 * keys B3 leaves out (no trade yet) are NaN. MF_EPARSE when the body is not that JSON,
 * BizSts.cd is not "OK", or a field has the wrong type.
 */
int mf_b3_parse_intraday(const char *body, size_t len, const char *what, mf_conn_rows *out,
                         mf_error *err);

#endif
