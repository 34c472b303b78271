/*
 * names.h - lookups in tables of names: the one way an enum is parsed from its name and the
 * valid names are listed in an error message ("expected one of a, b, c").
 *
 * Exports: mf_names_find(), mf_names_join().
 */
#ifndef MF_CORE_NAMES_H
#define MF_CORE_NAMES_H

#include <stddef.h>

/* Index of s among names[0..n) (exact, case-sensitive match), or -1; s may be NULL. */
int mf_names_find(const char *const *names, size_t n, const char *s);

/* Writes "a, b, c" for names[0..n) into buf (size > 0; truncated to fit) and returns buf. */
char *mf_names_join(const char *const *names, size_t n, char *buf, size_t size);

#endif
