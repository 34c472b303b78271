/*
 * fuzz_conn_b3.c - libFuzzer harness for the B3 connector's parsers (data/connectors/b3.h):
 * any bytes parse or fail with a "fuzz ..." message, never crash; on failure no row is left
 * behind; every row is a DI1 ticker with non-negative prices.
 *
 * The first byte chooses the parser: 0 the SPRD download (zip, or zip in zip), 1 the report
 * XML, 2 the intraday JSON; the rest is the body.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/b3.h"

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
    switch (data[0] % 3) {
    case 0: rc = mf_b3_parse_sprd(body, len, "fuzz", &rows, &err); break;
    case 1: rc = mf_b3_parse_sprd_xml(body, len, "fuzz", &rows, &err); break;
    default: rc = mf_b3_parse_intraday(body, len, "fuzz", &rows, &err); break;
    }
    if (rc != 0) {
        MF_ASSERT(rows.n == 0);
        MF_ASSERT(strncmp(err.msg, "fuzz", 4) == 0);
    }
    for (size_t i = 0; i < rows.n; i++) {
        const mf_conn_row *r = &rows.v[i];
        MF_ASSERT(mf_b3_is_di1_ticker(r->key, strlen(r->key)));
        MF_ASSERT(r->available_at == r->date);
        MF_ASSERT(isnan(r->settle) || r->settle >= 0);
        MF_ASSERT(isnan(r->open_interest) || r->open_interest >= 0);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
