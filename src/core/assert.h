/*
 * assert.h - MF_ASSERT, for programmer errors only (broken invariants, misuse of an API
 * contract by the library's own code). It never guards external input: bad input returns an
 * MF_E* code. Unlike assert(), it stays on in release builds.
 */
#ifndef MF_CORE_ASSERT_H
#define MF_CORE_ASSERT_H

/* Prints "file:line: assertion failed: expr" to stderr and aborts. */
_Noreturn void mf__assert_fail(const char *expr, const char *file, int line);

#define MF_ASSERT(expr) ((expr) ? (void)0 : mf__assert_fail(#expr, __FILE__, __LINE__))

#endif
