/*
 * alloc.c - allocation wrappers: the one place in the library that calls malloc and friends,
 * and the one place allowed to abort (out of memory, see alloc.h).
 */
#include "core/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "mf: out of memory allocating %zu bytes\n", size);
    abort();
}

void *mf_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p == NULL)
        out_of_memory(size);
    return p;
}

void *mf_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL)
        out_of_memory(n * size);
    return p;
}

void *mf_realloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (q == NULL)
        out_of_memory(size);
    return q;
}

void *mf_reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    return mf_realloc(p, n * size);
}

char *mf_strdup(const char *s)
{
    return mf_strndup(s, strlen(s));
}

char *mf_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = mf_malloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

void mf_free(void *p)
{
    free(p);
}
