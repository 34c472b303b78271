/*
 * bcb_ptax.h - the BCB PTAX connector (source "bcb_ptax"): the official BRL exchange rates of
 * the Banco Central do Brasil, from the Olinda OData service PTAX.
 *
 * Exports: mf_bcb_ptax_parse_json(), mf_bcb_ptax_parse_csv() (pure parsers),
 * mf_bcb_ptax_check_key().
 *
 * Keys are "<CUR>:<field>": CUR an ISO currency symbol as PTAX spells it (USD, EUR, GBP...),
 * field buy or sell (BRL per unit of CUR: cotacaoCompra / cotacaoVenda) or, for currencies
 * other than USD, parity_buy / parity_sell (units of CUR per USD, or USD per unit for the
 * type-B currencies such as EUR and GBP: paridadeCompra / paridadeVenda). One request per
 * currency: "USD" reads CotacaoDolarPeriodo, any other reads CotacaoMoedaPeriodo keeping the
 * closing bulletin (tipoBoletim 'Fechamento') only.
 *
 * Dates: obs_date = the bulletin's date (the date part of dataHoraCotacao); available_at =
 * that same day (PTAX is fixed ~13:10 Brasília time and published at once). When a date has
 * two bulletins the one with the latest dataHoraCotacao is kept.
 */
#ifndef MF_DATA_CONNECTORS_BCB_PTAX_H
#define MF_DATA_CONNECTORS_BCB_PTAX_H

#include <stddef.h>

#include "core/error.h"
#include "data/connector.h"

/*
 * Parses an Olinda PTAX JSON body ({"value":[{"cotacaoCompra":5.1641,"cotacaoVenda":5.1647,
 * "dataHoraCotacao":"2020-07-23 13:02:43.561"}, ...]}, or with paridadeCompra,
 * paridadeVenda, tipoBoletim for CotacaoMoeda*) of currency (e.g. "USD") into rows keyed
 * "<currency>:buy", ":sell" (and ":parity_buy", ":parity_sell" when the rows carry parities).
 * Rows whose tipoBoletim is present and not "Fechamento" are skipped. An Olinda error (also
 * wrapped in a JS comment) is MF_EINVAL quoting its message; other malformed input MF_EPARSE
 * naming the row. Rows come out in date order, one per date.
 */
int mf_bcb_ptax_parse_json(const char *body, size_t len, const char *currency, const char *what,
                           mf_conn_rows *out, mf_error *err);

/*
 * Parses the same resource as text/csv: a header naming the columns (cotacaoCompra,
 * cotacaoVenda, dataHoraCotacao, optionally paridadeCompra, paridadeVenda, tipoBoletim), then
 * rows where ',' is both the separator and the decimal mark, so non-integers are
 * double-quoted ("5,3176") and integers are not (2814). LF or CRLF.
 */
int mf_bcb_ptax_parse_csv(const char *body, size_t len, const char *currency, const char *what,
                          mf_conn_rows *out, mf_error *err);

/* MF_EINVAL naming the key unless it is "<3 capital letters>:buy|sell|parity_buy|parity_sell"
 * (no parity for USD). */
int mf_bcb_ptax_check_key(const char *key, mf_error *err);

#endif
