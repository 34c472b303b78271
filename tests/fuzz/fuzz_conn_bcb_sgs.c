/*
 * fuzz_conn_bcb_sgs.c - libFuzzer harness for the SGS JSON parser (mf_bcb_sgs_parse(), also
 * the parser of bcb_fx_flow): any bytes either parse into rows with valid dates, finite values
 * and the key asked for, or fail with a message naming the request; never crash.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/bcb_sgs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mf_conn_rows rows = {0};
    mf_error err;
    int rc = mf_bcb_sgs_parse((const char *)data, size, "432", "bcb_sgs 432", &rows, &err);
    if (rc == 0) {
        for (size_t i = 0; i < rows.n; i++) {
            MF_ASSERT(strcmp(rows.v[i].key, "432") == 0);
            MF_ASSERT(isfinite(rows.v[i].value));
            MF_ASSERT(rows.v[i].available_at == MF_CONN_AVAILABLE_FROM_LAG);
        }
    } else {
        MF_ASSERT(strncmp(err.msg, "bcb_sgs 432: ", 13) == 0);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
