/*
 * xlsx_int.h - reads the cells of one worksheet of an XLSX workbook held in memory (libzip for
 * the package, libxml2 for xl/workbook.xml, its relationships, xl/sharedStrings.xml and the
 * sheet), for the connectors that download Excel files (stn.c). Only values are read: no
 * styles, no formulas (a formula cell gives its cached value). Private to src/data/connectors.
 *
 * Exports: mf_xlsx_cell_type, mf_xlsx_cell, mf_xlsx_sheet, mf_xlsx_read_sheet(),
 * mf_xlsx_sheet_free().
 */
#ifndef MF_DATA_CONNECTORS_XLSX_INT_H
#define MF_DATA_CONNECTORS_XLSX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef enum mf_xlsx_cell_type {
    MF_XLSX_NUMBER, /* num */
    MF_XLSX_TEXT,   /* str: a shared, inline or formula string, or an error value ("#N/A") */
    MF_XLSX_BOOL    /* num: 0 or 1 */
} mf_xlsx_cell_type;

typedef struct mf_xlsx_cell {
    uint32_t row, col; /* 1-based: A1 is row 1, col 1 */
    mf_xlsx_cell_type type;
    double num;
    const char *str; /* NUL-terminated UTF-8, owned by the sheet (MF_XLSX_TEXT only) */
    size_t str_at;   /* where str starts in the sheet's text (internal) */
} mf_xlsx_cell;

/* The non-empty cells of a sheet in the file's order (row by row, left to right). */
typedef struct mf_xlsx_sheet {
    mf_xlsx_cell *cells;
    size_t n;
    char *text;      /* storage of every str */
    char names[512]; /* the workbook's sheet names, "', '"-separated (for messages) */
} mf_xlsx_sheet;

/*
 * Reads the sheet named sheet_name from the XLSX in data[0..len) into *out (free with
 * mf_xlsx_sheet_free()). what names the workbook in messages. MF_ENOTFOUND "WHAT: no sheet
 * 'NAME' (sheets: 'A', 'B')"; MF_EPARSE for a body that is not a zip, a package without
 * xl/workbook.xml, malformed XML, a cell reference or number that does not parse; MF_ERANGE
 * for a part that inflates past 256 MiB.
 */
int mf_xlsx_read_sheet(const char *data, size_t len, const char *what, const char *sheet_name,
                       mf_xlsx_sheet *out, mf_error *err);

void mf_xlsx_sheet_free(mf_xlsx_sheet *s);

#endif
