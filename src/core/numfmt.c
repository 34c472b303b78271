/*
 * numfmt.c - shortest round-trip formatting of doubles (see numfmt.h).
 */
#include "core/numfmt.h"

#include <stdio.h>
#include <stdlib.h>

char *mf_format_double(double x, char buf[MF_DOUBLE_TEXT_SIZE])
{
    /* 17 significant digits always round-trip an IEEE double; most values need 15. */
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, MF_DOUBLE_TEXT_SIZE, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}
