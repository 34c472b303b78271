/*
 * ibge_sidra.h - the IBGE SIDRA connector (source "ibge_sidra"): aggregate tables of the
 * Brazilian statistics institute (IPCA, INPC, IPCA-15, industrial production, GDP...) from
 * apisidra.ibge.gov.br/values, JSON; plus a parser of the web export (TSV) of sidra.ibge.gov.br.
 *
 * Exports: mf_ibge_sidra_parse_json(), mf_ibge_sidra_parse_web_tsv() (pure parsers),
 * mf_ibge_sidra_check_key().
 *
 * Keys: "<table>/<variable>" or "<table>/<variable>/<classification>/<category>", all codes
 * digits (e.g. "1737/63" IPCA monthly change, "8888/12606/544/129314" industrial production
 * s.a. index, general). A key is one variable, one category, for Brazil (n1/all), so a request
 * holds one value per period and the 20,000-value limit of the API is never reached.
 *
 * Dates: the period code by its dimension's label: "Mês" YYYYMM and "Trimestre Móvel" YYYYMM
 * (the moving quarter's last month) -> the 1st of that month; "Trimestre" YYYYQQ -> the 1st
 * of the quarter's first month; "Ano" YYYY -> 1 January. available_at is left to the release
 * lag (SIDRA gives no publication date).
 *
 * Values: strings with '.' decimals; special symbols (the table legend): "-" absolute zero
 * (0), "..", "..." and "X" (not applicable, not available, suppressed: NaN, published as
 * missing).
 */
#ifndef MF_DATA_CONNECTORS_IBGE_SIDRA_H
#define MF_DATA_CONNECTORS_IBGE_SIDRA_H

#include <stddef.h>

#include "core/error.h"
#include "data/connector.h"

/*
 * Parses an apisidra body: a JSON array whose first element is the header row (labels of the
 * keys: {"NC":"Nível Territorial (Código)",...,"V":"Valor","D2C":"Mês (Código)",...}), then
 * one flat object per value. Rows are keyed key. A plain-text body (SIDRA's errors are not
 * JSON: "Tabela ... não contém ...", the 20,000-value message) is MF_EINVAL quoting it.
 */
int mf_ibge_sidra_parse_json(const char *body, size_t len, const char *key, const char *what,
                             mf_conn_rows *out, mf_error *err);

/*
 * Parses a SIDRA web export (UTF-8 with BOM, title lines, a header line "Mês<TAB>...", rows
 * "janeiro 1980<TAB>6.62" with Portuguese month names, then the notes and legend) of one
 * monthly series into rows keyed key.
 */
int mf_ibge_sidra_parse_web_tsv(const char *body, size_t len, const char *key, const char *what,
                                mf_conn_rows *out, mf_error *err);

/* MF_EINVAL naming the key unless it is table/variable[/classification/category] in digits. */
int mf_ibge_sidra_check_key(const char *key, mf_error *err);

#endif
