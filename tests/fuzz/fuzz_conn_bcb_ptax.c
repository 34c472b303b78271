/*
 * fuzz_conn_bcb_ptax.c - libFuzzer harness for the PTAX parsers (mf_bcb_ptax_parse_json(),
 * mf_bcb_ptax_parse_csv()): the first byte chooses the format (even: JSON, odd: CSV), the
 * rest is the body. Either rows come out one date per key, in date order, with positive
 * values available on their own date, or the parse fails with a message naming the request.
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/bcb_ptax.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *body = (const char *)data + 1;
    mf_conn_rows rows = {0};
    mf_error err;
    int rc = data[0] & 1
                 ? mf_bcb_ptax_parse_csv(body, size - 1, "EUR", "bcb_ptax EUR", &rows, &err)
                 : mf_bcb_ptax_parse_json(body, size - 1, "EUR", "bcb_ptax EUR", &rows, &err);
    if (rc == 0) {
        for (size_t i = 0; i < rows.n; i++) {
            MF_ASSERT(strncmp(rows.v[i].key, "EUR:", 4) == 0);
            MF_ASSERT(rows.v[i].value > 0);
            MF_ASSERT(rows.v[i].available_at == rows.v[i].date);
            /* date order; one row per key and date */
            MF_ASSERT(i == 0 || rows.v[i].date >= rows.v[i - 1].date);
            MF_ASSERT(i == 0 || rows.v[i].date > rows.v[i - 1].date ||
                      strcmp(rows.v[i].key, rows.v[i - 1].key) != 0);
        }
    } else {
        MF_ASSERT(strncmp(err.msg, "bcb_ptax EUR: ", 14) == 0);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
