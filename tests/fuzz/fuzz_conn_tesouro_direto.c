/*
 * fuzz_conn_tesouro_direto.c - libFuzzer harness for the Tesouro Direto parsers
 * (data/connectors/tesouro_direto.h): any bytes parse or fail with a "tesouro_direto ..."
 * message, never crash; on failure no row is left; every row's key is a valid Tesouro Direto
 * ticker, PUs are positive or NaN.
 *
 * The first byte chooses the parser: even the history CSV, odd the treasurybondsinfo JSON.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/tesouro_direto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    int rc = data[0] % 2 == 0 ? mf_td_parse_csv(body, len, MF_DATE_MIN, MF_DATE_MAX, &rows, &err)
                              : mf_td_parse_bondsinfo(body, len, &rows, &err);
    if (rc != 0) {
        MF_ASSERT(rows.n == 0);
        MF_ASSERT(strncmp(err.msg, "tesouro_direto", 14) == 0);
    }
    for (size_t i = 0; i < rows.n; i++) {
        const mf_conn_row *r = &rows.v[i];
        const mf_td_type *t;
        mf_date m;
        MF_ASSERT(mf_td_parse_ticker(r->key, &t, &m, NULL) == 0);
        MF_ASSERT(isnan(r->close) || r->close > 0);
        MF_ASSERT(isnan(r->high) || r->high > 0);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
