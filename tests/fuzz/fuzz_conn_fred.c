/*
 * fuzz_conn_fred.c - libFuzzer harness for the FRED parsers (data/connectors/fred.h): any
 * bytes parse or fail with a message naming the series, never crash; a failed parse appends
 * no row. The first byte chooses the JSON parser (even; odd: the ALFRED vintage form) or the
 * fredgraph CSV parser (byte & 2).
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/fred.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    int rc;
    if (data[0] & 2) {
        rc = mf_fred_parse_csv(body, len, "DGS10", &rows, &err);
    } else {
        mf_fred_page pg;
        rc = mf_fred_parse_json(body, len, (data[0] & 1) ? "alfred:DGS10" : "DGS10", &rows, &pg,
                                &err);
    }
    if (rc != 0) {
        MF_ASSERT(rows.n == 0);
        MF_ASSERT(strstr(err.msg, "fred DGS10") != NULL);
    }
    for (size_t i = 0; i < rows.n; i++)
        MF_ASSERT(rows.v[i].key[0] != '\0');
    mf_conn_rows_free(&rows);
    return 0;
}
