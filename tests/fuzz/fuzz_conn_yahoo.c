/*
 * fuzz_conn_yahoo.c - libFuzzer harness for the Yahoo chart parser
 * (data/connectors/yahoo.h): any bytes parse or fail with a message naming the symbol, never
 * crash; a failed parse appends no row; every row has a date and the symbol's key.
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/yahoo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mf_conn_rows rows = {0};
    mf_error err = {0};
    int rc = mf_yahoo_parse_chart((const char *)data, size, "BRL=X", &rows, &err);
    if (rc != 0) {
        MF_ASSERT(rows.n == 0);
        MF_ASSERT(strncmp(err.msg, "yahoo BRL=X", 11) == 0);
    }
    for (size_t i = 0; i < rows.n; i++)
        MF_ASSERT(strncmp(rows.v[i].key, "BRL=X", 5) == 0);
    mf_conn_rows_free(&rows);
    return 0;
}
