/*
 * fuzz_date.c - libFuzzer harness for the date parsers: any bytes either parse to a date that
 * formats back to exactly the input, or fail with MF_EPARSE and a message; never a crash.
 */
#include <stdint.h>
#include <string.h>

#include "core/assert.h"
#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    mf_date d = 0;
    mf_error err;
    char buf[MF_DATE_ISO_SIZE];

    int rc = mf_date_parse_iso_n(s, size, &d, &err);
    MF_ASSERT(rc == 0 || (rc == MF_EPARSE && err.msg[0] != '\0'));
    if (rc == 0)
        MF_ASSERT(size == 10 && memcmp(mf_date_format_iso(d, buf), s, 10) == 0);

    rc = mf_date_parse_br_n(s, size, &d, &err);
    MF_ASSERT(rc == 0 || (rc == MF_EPARSE && err.msg[0] != '\0'));
    if (rc == 0)
        MF_ASSERT(size == 10 && memcmp(mf_date_format_br(d, buf), s, 10) == 0);

    /* Month arithmetic from any parsed date stays consistent with the range checks. */
    if (size >= 14 && mf_date_parse_iso_n(s, 10, &d, NULL) == 0) {
        int32_t n;
        memcpy(&n, data + size - 4, sizeof n);
        mf_date r;
        if (mf_date_add_months(d, n, data[10] & 1, &r, NULL) == 0)
            MF_ASSERT(r >= MF_DATE_MIN && r <= MF_DATE_MAX);
    }
    return 0;
}
