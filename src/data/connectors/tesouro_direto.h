/*
 * tesouro_direto.h - the Tesouro Direto connector's pure parsers (the PrecoTaxaTesouroDireto.csv
 * price and rate history, the treasurybondsinfo JSON of current offers), its ticker scheme and
 * the instrument row of a Tesouro Direto bond.
 *
 * Exports: mf_td_type, mf_td_type_of_title(), mf_td_type_of_code(), mf_td_ticker(),
 * mf_td_parse_ticker(), mf_td_instrument(), mf_td_parse_csv(), mf_td_parse_bondsinfo().
 *
 * Ticker: "TD.<TYPE>.<maturity yyyy-mm-dd>", TYPE one of LTN (Tesouro Prefixado), NTNF
 * (Prefixado com Juros Semestrais), LFT (Selic), NTNB_PRINC (IPCA+), NTNB (IPCA+ com Juros
 * Semestrais), NTNC (IGPM+ com Juros Semestrais), RENDA (Renda+ Aposentadoria Extra, an
 * NTN-B1), EDUCA (Educa+, an NTN-B1): "TD.NTNB.2035-05-15".
 *
 * Rows (MF_CONN_PRICE, one per bond and day; PUs in BRL per bond, rates % a year BUS/252, for
 * LFT the rate is the spread over Selic): high = the purchase PU (what an investor pays; NaN
 * when the bond is not offered, PU 0), low = close = the redemption PU (what the Treasury pays
 * back), settle = the base PU (CSV only), yield_pct = the redemption rate. The purchase rate
 * has no column (checked, not kept). A rate whose PU is 0 is "not quoted": NaN.
 */
#ifndef MF_DATA_CONNECTORS_TESOURO_DIRETO_H
#define MF_DATA_CONNECTORS_TESOURO_DIRETO_H

#include <stddef.h>

#include "data/connector.h"
#include "store/repo_instruments.h"

typedef struct mf_td_type {
    const char *code;        /* ticker part: "NTNB" */
    const char *title;       /* the CSV's Tipo Titulo: "Tesouro IPCA+ com Juros Semestrais" */
    const char *bond;        /* the Treasury's name of the bond: "NTN-B" */
    const char *asset_class; /* rates or inflation */
    const char *indexer;     /* none, Selic, IPCA, IGP-M */
} mf_td_type;

/* The type of a CSV title (exact, ASCII), of a ticker code; NULL when unknown. */
const mf_td_type *mf_td_type_of_title(const char *title, size_t len);
const mf_td_type *mf_td_type_of_code(const char *code, size_t len);

/* Writes "TD.<code>.<yyyy-mm-dd>" into buf (MF_CONN_KEY_MAX is enough). */
void mf_td_ticker(const mf_td_type *type, mf_date maturity, char *buf, size_t size);

/* Splits a ticker; MF_EINVAL naming it when it is not one of the scheme above. */
int mf_td_parse_ticker(const char *ticker, const mf_td_type **type, mf_date *maturity,
                       mf_error *err);

/*
 * Fills *out with the instrument of a Tesouro Direto ticker: a BRL bond of country BR, exchange
 * "Tesouro Direto", source "tesouro_direto" and source_key the ticker, contract_spec JSON with
 * type, bond, maturity, indexer, coupon and quote convention. MF_EINVAL for another ticker.
 */
int mf_td_instrument(const char *ticker, mf_instrument *out, mf_error *err);

/*
 * Parses PrecoTaxaTesouroDireto.csv: ';'-separated, header naming the 8 columns (found by
 * name, "Manhã" in UTF-8 or latin-1 or "Manha"), dd/mm/aaaa dates, decimal comma, rows in any
 * order, LF or CRLF, an optional UTF-8 BOM. Appends the rows whose Data Base is in from..to
 * (every row is checked); date = available_at = Data Base. MF_EPARSE "tesouro_direto
 * PrecoTaxaTesouroDireto.csv: line N: what" for a malformed line or an unknown title.
 */
int mf_td_parse_csv(const char *body, size_t len, mf_date from, mf_date to, mf_conn_rows *out,
                    mf_error *err);

/*
 * Parses the treasurybondsinfo JSON (response.TrsrBondMkt.qtnDtTm, the quote time, gives date
 * and available_at; response.TrsrBdTradgList[].TrsrBd with nm, mtrtyDt, untrInvstmtVal,
 * untrRedVal, anulRedRate; TrsrBdType.nm). 0.0 is "not offered": NaN. settle stays NaN.
 */
int mf_td_parse_bondsinfo(const char *body, size_t len, mf_conn_rows *out, mf_error *err);

#endif
