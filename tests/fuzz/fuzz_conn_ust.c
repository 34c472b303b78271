/*
 * fuzz_conn_ust.c - libFuzzer harness for the US Treasury parsers (data/connectors/ust.h):
 * any bytes parse or fail with a message naming the type, never crash; a failed parse
 * appends no row; every row is keyed "type:COLUMN" and available the day of its date. The
 * first byte chooses the CSV parser (even) or the Atom XML parser (odd).
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/ust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    int rc = (data[0] & 1) ? mf_ust_parse_xml(body, len, MF_UST_PAR, &rows, &err)
                           : mf_ust_parse_csv(body, len, MF_UST_PAR, &rows, &err);
    if (rc != 0) {
        MF_ASSERT(rows.n == 0);
        MF_ASSERT(strstr(err.msg, MF_UST_PAR) != NULL);
    }
    for (size_t i = 0; i < rows.n; i++) {
        MF_ASSERT(strncmp(rows.v[i].key, MF_UST_PAR ":", strlen(MF_UST_PAR) + 1) == 0);
        MF_ASSERT(rows.v[i].available_at == rows.v[i].date);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
