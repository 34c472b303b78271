/*
 * alloc.h - the allocation wrappers every library file uses instead of malloc and friends.
 *
 * Exports: mf_malloc(), mf_calloc(), mf_realloc(), mf_reallocarray(), mf_strdup(),
 * mf_strndup(), mf_free().
 *
 * This is an application: running out of memory is not a condition the code can recover
 * from meaningfully, so the wrappers print one line to stderr and abort there, and callers
 * never check for NULL. Sizes come from callers that cap input-driven sizes first.
 */
#ifndef MF_CORE_ALLOC_H
#define MF_CORE_ALLOC_H

#include <stddef.h>

/* Caller owns the result; free with mf_free(). Never returns NULL (aborts when out of memory). */
void *mf_malloc(size_t size);

/* Zero-filled array of n elements of size bytes; overflow of n * size aborts. Caller owns. */
void *mf_calloc(size_t n, size_t size);

/* Resizes p (may be NULL) to size bytes. Takes ownership of p; caller owns the result. */
void *mf_realloc(void *p, size_t size);

/* Resizes p to n elements of size bytes, aborting on overflow. Takes ownership of p. */
void *mf_reallocarray(void *p, size_t n, size_t size);

/* Copy of the NUL-terminated s. Caller owns the result; free with mf_free(). */
char *mf_strdup(const char *s);

/* Copy of at most n bytes of s, NUL-terminated. Caller owns the result; free with mf_free(). */
char *mf_strndup(const char *s, size_t n);

/* Releases p; NULL is allowed. */
void mf_free(void *p);

#endif
