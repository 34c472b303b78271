/*
 * fuzz_numfmt.c - libFuzzer harness for mf_parse_decimal(): whatever it accepts, strtod()
 * reads to the same bits; whatever it returns formats back to the same double.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "core/numfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 400)
        return 0;
    char text[401];
    memcpy(text, data, size);
    text[size] = '\0';
    double v;
    mf_error err;
    if (mf_parse_decimal(text, size, &v, &err) != 0) {
        MF_ASSERT(err.code == MF_EPARSE);
        return 0;
    }
    MF_ASSERT(strlen(text) == size); /* no NUL inside an accepted number */
    double ref = strtod(text, NULL);
    MF_ASSERT(memcmp(&ref, &v, sizeof v) == 0);
    char buf[MF_DOUBLE_TEXT_SIZE];
    MF_ASSERT(strtod(mf_format_double(v, buf), NULL) == v);
    return 0;
}
