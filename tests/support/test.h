/*
 * test.h - what every cmocka test includes: cmocka itself (with the headers it needs first)
 * and small helpers shared by the suites.
 */
#ifndef MF_TEST_SUPPORT_H
#define MF_TEST_SUPPORT_H

// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
// clang-format on

#include <stdbool.h>
#include <stdio.h>

#include "core/date.h"

/* Parses an ISO date literal that the test knows is valid; fails the test otherwise. */
mf_date mf_test_date(const char *iso);

/* Writes into buf the path of a file under tests/fixtures. */
void mf_test_fixture_path(char *buf, size_t size, const char *relative);

/*
 * Opens a file under tests/fixtures for reading; fails the test if it is missing.
 * Caller owns the result; close with fclose().
 */
FILE *mf_test_fixture_open(const char *relative);

/* Path of a file under ../shared/reference; false when the shared tree is not beside us. */
bool mf_test_shared_reference_path(char *buf, size_t size, const char *relative);

/*
 * Splits line in place at commas (or the given separator) into at most max fields, stripping
 * the trailing newline. Returns the field count.
 */
int mf_test_split(char *line, char sep, char **fields, int max);

#endif
