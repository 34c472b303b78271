/*
 * csv_rows_int.h - the loop every CSV importer of src/data/ shares (private to src/data/):
 * reads the file in blocks, checks the header, hands each data line to the importer, prefixes
 * errors with "FILE:LINE: " and, when asked, skips bad rows and reports them.
 *
 * Exports: mf_csv_rows, mf_csv_rows_run(), mf_csv_check_ascii().
 */
#ifndef MF_DATA_CSV_ROWS_INT_H
#define MF_DATA_CSV_ROWS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

/* A data line is at most this long (without its line end). */
#define MF_CSV_LINE_MAX_BYTES 4096

/* What one import reads and whom it tells. */
typedef struct mf_csv_rows {
    const char *name;   /* the file's name in messages */
    const char *header; /* the exact first line */
    bool skip_bad;      /* skip rows whose error is MF_EPARSE or MF_EINVAL, and go on */
    void (*on_bad)(void *ctx, const char *msg); /* each skipped row's message; may be NULL */
    void *on_bad_ctx;
    /* Imports one data line (line[0..len), no line end, not empty); 0 or an MF_E* code. */
    int (*row)(void *ctx, const char *line, size_t len, mf_error *err);
    void *ctx;
    int64_t rows;    /* out: data lines seen (imported + skipped + failed) */
    int64_t skipped; /* out: rows skipped */
} mf_csv_rows;

/*
 * Reads every line of in (LF or CRLF ends; blank lines ignored): the first must be the
 * header, each later one goes to spec->row. Errors: MF_EPARSE "FILE:1: expected the header"
 * (or a non-ASCII header, or a UTF-8 byte order mark), a line over MF_CSV_LINE_MAX_BYTES, a last
 * line without its line end, an empty file; spec->row's errors prefixed "FILE:LINE: "; MF_EIO
 * when in cannot be read. With skip_bad a row error is counted, reported and passed over;
 * store errors always stop the import.
 */
int mf_csv_rows_run(FILE *in, mf_csv_rows *spec, mf_error *err);

/* MF_EPARSE naming the column of the first byte of line[0..len) that is not printable ASCII. */
int mf_csv_check_ascii(const char *line, size_t len, mf_error *err);

#endif
