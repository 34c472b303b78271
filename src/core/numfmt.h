/*
 * numfmt.h - numbers as text: the shortest decimal that reads back to exactly the same double,
 * for CSV, JSON and terminal output (4521.65, not 4521.6499999999996).
 *
 * Exports: MF_DOUBLE_TEXT_SIZE, mf_format_double(), mf_format_double_len(), mf_format_fixed(),
 * mf_parse_decimal().
 */
#ifndef MF_CORE_NUMFMT_H
#define MF_CORE_NUMFMT_H

#include <stddef.h>

#include "core/error.h"

#define MF_DOUBLE_TEXT_SIZE 32

/*
 * Writes x with the fewest significant digits (15, 16 or 17) that strtod() reads back to x,
 * and returns buf (at least MF_DOUBLE_TEXT_SIZE bytes). NaN and infinities are written as
 * "nan", "inf", "-inf": callers that need JSON or an empty CSV field test for them first.
 */
char *mf_format_double(double x, char buf[MF_DOUBLE_TEXT_SIZE]);

/* mf_format_double() returning the length written (without the NUL): bulk writers need it. */
size_t mf_format_double_len(double x, char buf[MF_DOUBLE_TEXT_SIZE]);

/*
 * Writes x with exactly decimals (0..17) digits after the point into buf (at least
 * MF_DOUBLE_TEXT_SIZE bytes) and returns buf: "8.650000000001". The digits are those
 * snprintf("%.*f") gives, the correctly rounded decimal of x's exact binary value (an exact
 * tie to even), but found with integer arithmetic except near a rounding boundary. Too long
 * for fixed notation: mf_format_double's "1e+30". For bulk output where a fixed precision is
 * stated (curves: rates to 12 decimals). A value that rounds to zero is written without a
 * sign.
 */
char *mf_format_fixed(double x, int decimals, char buf[MF_DOUBLE_TEXT_SIZE]);

/*
 * Parses the decimal number in s[0..len): an optional sign, digits with at most one '.', and
 * an optional exponent (e or E, optional sign, digits); no spaces, no hex, no inf or nan. The
 * result is the correctly rounded double, as strtod() gives. MF_EPARSE (message quoting the
 * text) for anything else or a value too large for a double; *out written only on success.
 */
int mf_parse_decimal(const char *s, size_t len, double *out, mf_error *err);

#endif
