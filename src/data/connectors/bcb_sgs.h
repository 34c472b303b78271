/*
 * bcb_sgs.h - the BCB SGS connector (source "bcb_sgs"): the time series API of the Banco
 * Central do Brasil, api.bcb.gov.br/dados/serie/bcdata.sgs.{code}/dados, JSON.
 *
 * Exports: mf_bcb_sgs_parse() (pure parser), mf_bcb_sgs_fetch_code() (one series over a
 * range, shared with bcb_fx_flow, which serves SGS series too), mf_bcb_sgs_check_code().
 *
 * Body: a JSON array of {"data":"dd/mm/aaaa","valor":"<decimal with '.'>"} in ascending date
 * order; monthly series are dated on the 1st. Values are strings with a per-series number of
 * decimals (432: 2, 1: 4, 21619: 7 with trailing zeros) and an optional leading '-'.
 */
#ifndef MF_DATA_CONNECTORS_BCB_SGS_H
#define MF_DATA_CONNECTORS_BCB_SGS_H

#include <stddef.h>

#include "core/error.h"
#include "data/connector.h"

/*
 * Parses an SGS JSON body into MF_CONN_OBS rows of key (available_at left
 * MF_CONN_AVAILABLE_FROM_LAG: SGS gives no publication date). what names the request in
 * messages ("bcb_sgs 432"). An empty array is no rows. An SGS error object
 * ({"error": "..."} / {"erro": {"detail": "..."}}) is MF_EINVAL quoting it; anything else that
 * is not the format is MF_EPARSE naming the row ("bcb_sgs 432: row 17: value '1,27' is not
 * a number with '.' decimals"). On error rows may have been appended to out.
 */
int mf_bcb_sgs_parse(const char *body, size_t len, const char *key, const char *what,
                     mf_conn_rows *out, mf_error *err);

/* MF_EINVAL naming the key unless code is an SGS code: 1 to 9 digits, no leading zero. */
int mf_bcb_sgs_check_code(const char *source, const char *code, mf_error *err);

/*
 * GETs {env->base_url}/bcdata.sgs.{code}/dados?formato=json&dataInicial=dd/mm/aaaa&
 * dataFinal=dd/mm/aaaa and appends its rows (keyed code). source names the connector in
 * messages. HTTP 404 and [] are "no data in range" (0 rows, success). Other HTTP errors quote
 * the server's message (the 406 of a daily series over more than 10 years:
 * "bcb_sgs 432: HTTP 406: 'O sistema aceita uma janela de consulta de, no máximo, 10 anos...'").
 */
int mf_bcb_sgs_fetch_code(const mf_conn_env *env, const char *source, const char *code,
                          mf_date from, mf_date to, mf_conn_rows *out, mf_error *err);

#endif
