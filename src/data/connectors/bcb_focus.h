/*
 * bcb_focus.h - the BCB Focus connector (source "bcb_focus"): the market expectations survey
 * of the Banco Central do Brasil, from the Olinda OData service Expectativas.
 *
 * Exports: mf_bcb_focus_parse() (pure parser), mf_bcb_focus_check_key().
 *
 * Keys are "<set>:<indicator>:<reference>:<statistic>":
 *   set        Anuais (ExpectativasMercadoAnuais), Mensais (ExpectativaMercadoMensais),
 *              Trimestrais (ExpectativasMercadoTrimestrais), Inflacao12Meses
 *              (ExpectativasMercadoInflacao12Meses), Selic (ExpectativasMercadoSelic);
 *   indicator  the Indicador as Focus spells it ("IPCA", "PIB Total", "Câmbio", "Selic"...);
 *   reference  relative to the survey date Data: Y0..Y9 = the year of Data + k (Anuais,
 *              DataReferencia "YYYY"); M-1, M0..M24 = month offset (Mensais, "MM/YYYY");
 *              Q-1, Q0..Q12 = quarter offset (Trimestrais, "Q/YYYY"); S or N = smoothed or
 *              not (Inflacao12Meses, Suavizada); R1..R9 = the k-th Copom meeting listed for
 *              that survey date, in meeting order (Selic, Reuniao "R4/2028"), so R1 is the
 *              next meeting;
 *   statistic  median (Mediana), mean (Media), sd (DesvioPadrao), min (Minimo), max
 *              (Maximo), n (numeroRespondentes).
 * One request per set and indicator ("Anuais:IPCA"); only baseCalculo 0 (statistics over the
 * answers of the last 30 days) is read, filtered explicitly.
 *
 * Dates: obs_date = available_at = Data (the survey date, the as-of date of the statistic).
 */
#ifndef MF_DATA_CONNECTORS_BCB_FOCUS_H
#define MF_DATA_CONNECTORS_BCB_FOCUS_H

#include <stddef.h>

#include "core/error.h"
#include "data/connector.h"

/*
 * Parses an Olinda Expectativas JSON body ({"value":[{"Indicador":"IPCA","Data":
 * "2024-05-03","DataReferencia":"2024","Media":3.7,"Mediana":3.72,...,"baseCalculo":0},...]})
 * of entity set `set` (Anuais, Mensais, Trimestrais, Inflacao12Meses, Selic) into rows keyed
 * as above, for the rows whose Indicador is indicator and baseCalculo is 0 (others skipped).
 * Olinda errors (also wrapped in a JS comment) are MF_EINVAL quoting the message; malformed
 * rows MF_EPARSE naming the row.
 */
int mf_bcb_focus_parse(const char *body, size_t len, const char *set, const char *indicator,
                       const char *what, mf_conn_rows *out, mf_error *err);

/* MF_EINVAL naming the key unless it has the form above (and fits a key buffer). */
int mf_bcb_focus_check_key(const char *key, mf_error *err);

#endif
