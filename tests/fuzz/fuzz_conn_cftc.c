/*
 * fuzz_conn_cftc.c - libFuzzer harness for the CFTC parsers (data/connectors/cftc.h): any
 * bytes parse or fail with a message, never crash; a failed parse appends no row; every row's
 * available_at is on or after its report date. The first byte chooses the Socrata JSON
 * parser (even) or the f_disagg.txt flat-file parser (odd).
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/cftc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mf_calendar *us;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (!us)
        MF_ASSERT(mf_calendar_new("us-gov", &us, NULL) == 0);
    const char *body = (const char *)data + 1;
    size_t len = size - 1, records = 0;
    mf_conn_rows rows = {0};
    mf_error err = {0};
    int rc = (data[0] & 1) ? mf_cftc_parse_disagg_txt(body, len, us, &rows, &err)
                           : mf_cftc_parse_socrata(body, len, "gpe5-46if", "102741", us, &rows,
                                                   &records, &err);
    if (rc != 0) {
        MF_ASSERT(rows.n == 0);
        MF_ASSERT(strncmp(err.msg, "cftc", 4) == 0 || err.msg[0] != '\0');
    }
    for (size_t i = 0; i < rows.n; i++)
        MF_ASSERT(rows.v[i].available_at >= rows.v[i].date);
    mf_conn_rows_free(&rows);
    return 0;
}
