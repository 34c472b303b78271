/*
 * numfmt.h - numbers as text: the shortest decimal that reads back to exactly the same double,
 * for CSV, JSON and terminal output (4521.65, not 4521.6499999999996).
 *
 * Exports: MF_DOUBLE_TEXT_SIZE, mf_format_double().
 */
#ifndef MF_CORE_NUMFMT_H
#define MF_CORE_NUMFMT_H

#define MF_DOUBLE_TEXT_SIZE 32

/*
 * Writes x with the fewest significant digits (15, 16 or 17) that strtod() reads back to x,
 * and returns buf (at least MF_DOUBLE_TEXT_SIZE bytes). NaN and infinities are written as
 * "nan", "inf", "-inf": callers that need JSON or an empty CSV field test for them first.
 */
char *mf_format_double(double x, char buf[MF_DOUBLE_TEXT_SIZE]);

#endif
