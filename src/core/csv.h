/*
 * csv.h - splitting one CSV line into its fields (RFC 4180 quoting), shared by every reader of
 * comma-separated text that has no streaming loop of its own (the catalogue, mf metrics, the
 * Treasury par-yield files).
 *
 * Exports: mf_csv_split().
 */
#ifndef MF_CORE_CSV_H
#define MF_CORE_CSV_H

/*
 * Splits the NUL-terminated line (no line end) in place into at most max fields: fields[i]
 * point into line. A field may be wrapped in double quotes, holding commas and "" for a quote
 * (unescaped in place). Returns the number of fields, max + 1 when there are more, or -1 for
 * a malformed quote: one left open, text after a closing quote, or a quote inside an unquoted
 * field.
 */
int mf_csv_split(char *line, char **fields, int max);

#endif
