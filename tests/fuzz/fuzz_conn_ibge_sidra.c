/*
 * fuzz_conn_ibge_sidra.c - libFuzzer harness for the SIDRA parsers (mf_ibge_sidra_parse_json(),
 * mf_ibge_sidra_parse_web_tsv()): the first byte chooses the format (even: apisidra JSON, odd:
 * web export TSV), the rest is the body. Either rows come out keyed as asked, dated on the 1st
 * of a month, or the parse fails with a message naming the request.
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/ibge_sidra.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *body = (const char *)data + 1;
    mf_conn_rows rows = {0};
    mf_error err;
    int rc = data[0] & 1
                 ? mf_ibge_sidra_parse_web_tsv(body, size - 1, "1737/63", "fuzz", &rows, &err)
                 : mf_ibge_sidra_parse_json(body, size - 1, "1737/63", "fuzz", &rows, &err);
    if (rc == 0) {
        for (size_t i = 0; i < rows.n; i++) {
            MF_ASSERT(strcmp(rows.v[i].key, "1737/63") == 0);
            MF_ASSERT(mf_date_day(rows.v[i].date) == 1);
        }
    } else {
        MF_ASSERT(strncmp(err.msg, "fuzz: ", 6) == 0);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
