/*
 * fuzz_conn_bcb_focus.c - libFuzzer harness for the Focus parser (mf_bcb_focus_parse()): the
 * first byte chooses the entity set (Anuais, Mensais, Trimestrais, Inflacao12Meses, Selic),
 * the rest is the body. Either rows come out keyed under the set and indicator asked for,
 * available on their survey date, or the parse fails with a message naming the request.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "data/connectors/bcb_focus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sets[5] = {"Anuais", "Mensais", "Trimestrais", "Inflacao12Meses",
                                        "Selic"};
    if (size == 0)
        return 0;
    const char *set = sets[data[0] % 5];
    const char *indicator = data[0] % 5 == 4 ? "Selic" : "IPCA";
    char prefix[64];
    size_t pl = (size_t)snprintf(prefix, sizeof prefix, "%s:%s:", set, indicator);
    mf_conn_rows rows = {0};
    mf_error err;
    int rc =
        mf_bcb_focus_parse((const char *)data + 1, size - 1, set, indicator, "fuzz", &rows, &err);
    if (rc == 0) {
        for (size_t i = 0; i < rows.n; i++) {
            MF_ASSERT(strncmp(rows.v[i].key, prefix, pl) == 0);
            MF_ASSERT(rows.v[i].available_at == rows.v[i].date);
        }
    } else {
        MF_ASSERT(strncmp(err.msg, "fuzz: ", 6) == 0);
    }
    mf_conn_rows_free(&rows);
    return 0;
}
