/*
 * assert.c - the failure path of MF_ASSERT (programmer errors only).
 */
#include "core/assert.h"

#include <stdio.h>
#include <stdlib.h>

_Noreturn void mf__assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    abort();
}
