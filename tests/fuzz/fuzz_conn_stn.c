/*
 * fuzz_conn_stn.c - libFuzzer harness for the STN parsers (data/connectors/stn.h): any bytes
 * parse or fail with a "stn ..." message, never crash; on failure no row is left; every row is
 * a known RTN line on the 1st of a month.
 *
 * The first byte chooses the parser: even the RTN workbook (XLSX), odd the CKAN answer.
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/stn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    int rc;
    if (data[0] % 2 == 0) {
        rc = mf_stn_parse_rtn(body, len, &rows, &err);
    } else {
        char url[512];
        rc = mf_stn_parse_ckan_url(body, len, "r", "http://h/api", url, sizeof url, &err);
        if (rc == 0)
            MF_ASSERT(strncmp(url, "http", 4) == 0);
    }
    if (rc != 0) {
        MF_ASSERT(rows.n == 0);
        MF_ASSERT(strncmp(err.msg, "stn", 3) == 0);
    }
    for (size_t i = 0; i < rows.n; i++) {
        MF_ASSERT(mf_stn_line_of_key(rows.v[i].key) != NULL);
        MF_ASSERT(mf_date_day(rows.v[i].date) == 1);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
