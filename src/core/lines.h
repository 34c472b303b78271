/*
 * lines.h - reading a text file ("-": standard input) a line at a time, for every command
 * that takes a CSV file: the line without its end (LF or CRLF), a UTF-8 byte order mark
 * dropped from the first line, its number for messages, and a length cap so a file with no
 * line ends cannot take all memory.
 *
 * Exports: mf_lines, mf_lines_open(), mf_lines_next(), mf_lines_close().
 */
#ifndef MF_CORE_LINES_H
#define MF_CORE_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

typedef struct mf_lines {
    char *line;       /* the current line, NUL-terminated, without its end; writable */
    size_t len;       /* its length */
    long lineno;      /* its number, from 1 */
    const char *path; /* as given to mf_lines_open() */
    /* private */
    FILE *fp;
    size_t cap, max_len;
} mf_lines;

/* Opens path ("-" for standard input) for lines of at most max_len bytes (0: no cap). On
   failure: MF_EIO with "cannot open 'path': reason". */
int mf_lines_open(mf_lines *r, const char *path, size_t max_len, mf_error *err);

/* Reads the next line into r->line: 1 when there is one, 0 at the end of the file, or an
   error: MF_ERANGE "path:N: line longer than max_len bytes", MF_EIO "cannot read 'path':
   reason". */
int mf_lines_next(mf_lines *r, mf_error *err);

/* Closes the file (not standard input) and frees the line; r may be closed twice. */
void mf_lines_close(mf_lines *r);

#endif
